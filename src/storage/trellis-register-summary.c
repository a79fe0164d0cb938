/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "trellis-database-private.h"
#include "trellis-date.h"
#include "trellis-register-state.h"
#include "trellis-register-summary.h"
#include "trellis-store-util.h"

/* Counts for reports: cohorts with their sizes, participants by status and
 * by consent state, and withdrawals by kind. Status and consent state are
 * derived by the domain rules from each participant's records, exactly as the
 * register shows them, so the report can never disagree with the lists.
 * The caller holds a read (or write) transaction, so that every count comes
 * from the same state of the study. */

static void
cohort_clear (gpointer data)
{
  g_free (((TrellisRegisterCohort *) data)->name);
}

void
trellis_register_summary_free (TrellisRegisterSummary *summary)
{
  if (summary == NULL)
    return;
  g_clear_pointer (&summary->cohorts, g_array_unref);
  g_free (summary);
}

static gboolean
finish_rows (TrellisDatabase  *db,
             sqlite3_stmt     *stmt,
             int               rc,
             GError          **error)
{
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  trellis_database_set_error (db, error, rc);
  return FALSE;
}

/* In the order a person thinks of them: by start date, undated ones last. */
static gboolean
read_cohorts (TrellisDatabase         *db,
              TrellisRegisterSummary  *summary,
              GError                 **error)
{
  sqlite3_stmt *stmt = trellis_database_prepare (db,
      "SELECT c.name, c.archived, count (p.id) FROM cohort AS c"
      " LEFT JOIN participant AS p ON p.cohort_id = c.id GROUP BY c.id"
      " ORDER BY c.start_date IS NULL, c.start_date, c.name COLLATE NOCASE, c.id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TrellisRegisterCohort cohort = {
        g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
        sqlite3_column_int (stmt, 1) != 0,
        sqlite3_column_int64 (stmt, 2),
      };

      g_array_append_val (summary->cohorts, cohort);
    }
  return finish_rows (db, stmt, rc, error);
}

/* Each version's date as a Julian day, by id, and the newest date of a
 * version that requires reconsent (0 if none does). */
static GHashTable *
read_versions (TrellisDatabase  *db,
               guint32          *newest_reconsent,
               GError          **error)
{
  g_autoptr(GHashTable) days = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  sqlite3_stmt *stmt = trellis_database_prepare (db,
      "SELECT id, version_date, requires_reconsent FROM consent_version", error);
  int rc;

  *newest_reconsent = 0;
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint32 day = trellis_date_to_julian_or_zero ((const char *) sqlite3_column_text (stmt, 1));

      g_hash_table_insert (days, g_memdup2 (&(gint64) { sqlite3_column_int64 (stmt, 0) }, sizeof (gint64)),
                           GUINT_TO_POINTER (day));
      if (sqlite3_column_int (stmt, 2) != 0)
        *newest_reconsent = MAX (*newest_reconsent, day);
    }
  return finish_rows (db, stmt, rc, error) ? g_steal_pointer (&days) : NULL;
}

/* One row per participant: baseline and lost dates present, the latest
 * consent's version and "take part" answer, and the latest withdrawal. */
static const char participants_sql[] =
  "SELECT p.baseline_date IS NOT NULL, p.lost_date IS NOT NULL, c.id IS NOT NULL, c.version_id,"
  " coalesce (json_extract (c.answers, '$.take_part'), 0),"
  " (SELECT w.kind FROM withdrawal AS w WHERE w.participant_id = p.id"
  "  ORDER BY w.effective_date DESC, w.id DESC LIMIT 1),"
  " " TRELLIS_STORE_COMPLETED_FINAL_SQL ("p.id")
  " FROM participant AS p"
  " LEFT JOIN consent AS c ON c.id = (SELECT id FROM consent WHERE participant_id = p.id"
  "                                   ORDER BY consent_date DESC, id DESC LIMIT 1)";

static void
count_participant (TrellisRegisterSummary *summary,
                   sqlite3_stmt           *stmt,
                   GHashTable             *version_days,
                   guint32                 newest_reconsent)
{
  gint64 version_id = sqlite3_column_int64 (stmt, 3);
  const char *kind = (const char *) sqlite3_column_text (stmt, 5);
  TrellisRegisterFacts facts = { { 0, }, };
  TrellisParticipantStatus status;
  TrellisConsentState consent;

  facts.consent.has_consent = sqlite3_column_int (stmt, 2) != 0;
  facts.consent.takes_part = facts.consent.has_consent && sqlite3_column_int (stmt, 4) != 0;
  facts.consent.consented_version_date = GPOINTER_TO_UINT (g_hash_table_lookup (version_days, &version_id));
  facts.consent.newest_reconsent_date = newest_reconsent;
  facts.consent.withdrawn = kind != NULL;
  facts.consent.lost = sqlite3_column_int (stmt, 1) != 0;
  facts.has_baseline_date = sqlite3_column_int (stmt, 0) != 0;
  facts.completed_final_timepoint = sqlite3_column_int (stmt, 6) != 0;
  if (kind != NULL)
    trellis_withdrawal_type_from_string (kind, &facts.withdrawal_type, NULL);
  trellis_register_state_derive (&facts, &status, &consent);

  summary->n_participants++;
  summary->by_status[status]++;
  summary->by_consent[consent]++;
}

static gboolean
read_participants (TrellisDatabase         *db,
                   TrellisRegisterSummary  *summary,
                   GError                 **error)
{
  g_autoptr(GHashTable) version_days = NULL;
  guint32 newest_reconsent;
  sqlite3_stmt *stmt;
  int rc;

  version_days = read_versions (db, &newest_reconsent, error);
  if (version_days == NULL)
    return FALSE;
  stmt = trellis_database_prepare (db, participants_sql, error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    count_participant (summary, stmt, version_days, newest_reconsent);
  return finish_rows (db, stmt, rc, error);
}

/* Every withdrawal is counted, including a second one for the same person:
 * each is an event the flow diagram reports. */
static gboolean
read_withdrawals (TrellisDatabase         *db,
                  TrellisRegisterSummary  *summary,
                  GError                 **error)
{
  sqlite3_stmt *stmt = trellis_database_prepare (db,
      "SELECT kind, count (*) FROM withdrawal GROUP BY kind", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TrellisWithdrawalType type;

      if (trellis_withdrawal_type_from_string ((const char *) sqlite3_column_text (stmt, 0), &type, NULL))
        summary->by_withdrawal[type] += sqlite3_column_int64 (stmt, 1);
    }
  return finish_rows (db, stmt, rc, error);
}

TrellisRegisterSummary *
trellis_register_summary_read (TrellisDatabase  *db,
                               GError          **error)
{
  g_autoptr(TrellisRegisterSummary) summary = g_new0 (TrellisRegisterSummary, 1);

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), NULL);

  summary->cohorts = g_array_new (FALSE, FALSE, sizeof (TrellisRegisterCohort));
  g_array_set_clear_func (summary->cohorts, cohort_clear);
  if (!read_cohorts (db, summary, error) ||
      !read_participants (db, summary, error) ||
      !read_withdrawals (db, summary, error))
    return NULL;
  return g_steal_pointer (&summary);
}
