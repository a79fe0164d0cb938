/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "trellis-database-private.h"
#include "trellis-domain-error.h"
#include "trellis-participant-flow-private.h"
#include "trellis-participant-flow-read.h"
#include "trellis-participant-status.h"

/* The flow starts from the visit table, which already places everyone at
 * every timepoint: the timepoint boxes then always agree with the
 * completion grid and with `trellis-cli retention`. What the table does not
 * hold (the latest consent, the kind of withdrawal, who has scores) is read
 * here in plain scans, each joined to the table's rows through one hash of
 * participant ids. The table is read in a transaction of its own, so an edit
 * saved between the two reads could show in one and not the other; the CLI
 * and the window both read again on every change. */

/* The latest consent's take_part answer: the last row per participant. */
static const char consents_sql[] =
  "SELECT participant_id, json_extract (answers, '$.take_part') IS 1"
  " FROM consent ORDER BY participant_id, consent_date, id";
/* The latest withdrawal is the strongest: a withdrawal can only escalate. */
static const char withdrawals_sql[] =
  "SELECT participant_id, kind FROM withdrawal ORDER BY participant_id, effective_date, id";
static const char instruments_sql[] =
  "SELECT id, code, label FROM instrument WHERE ?1 IS NULL OR code = ?1 ORDER BY position, id";
static const char scores_sql[] =
  "SELECT v.participant_id, a.instrument_id FROM answer_sheet AS a"
  " JOIN visit AS v ON v.id = a.visit_id WHERE a.score IS NOT NULL";

static void
reading_clear (FlowReading *reading)
{
  g_clear_pointer (&reading->table, trellis_visit_table_unref);
  g_clear_pointer (&reading->position, g_free);
  g_clear_pointer (&reading->row_of_id, g_hash_table_unref);
  g_clear_pointer (&reading->consent, g_free);
  g_clear_pointer (&reading->withdrawal, g_free);
  g_clear_pointer (&reading->scored, g_free);
  g_clear_pointer (&reading->instrument_ids, g_array_unref);
  g_clear_pointer (&reading->instrument_codes, g_ptr_array_unref);
  g_clear_pointer (&reading->instrument_labels, g_ptr_array_unref);
}

/* Runs @stmt to its end, handing each row to @row_func. */
gboolean
trellis_flow_scan (TrellisDatabase  *db,
                   sqlite3_stmt     *stmt,
                   void            (*row_func) (sqlite3_stmt *stmt, FlowReading *reading),
                   FlowReading      *reading,
                   GError          **error)
{
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    row_func (stmt, reading);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    trellis_database_set_error (db, error, rc);
  return rc == SQLITE_DONE;
}

/* The row of participant @id in the visit table, or G_MAXUINT. */
guint
trellis_flow_row_of (FlowReading *reading,
                     gint64       id)
{
  gpointer row;

  if (!g_hash_table_lookup_extended (reading->row_of_id, &id, NULL, &row))
    return G_MAXUINT;
  return GPOINTER_TO_UINT (row);
}

/* The flow's cohort of row @row, or TRELLIS_FLOW_NO_COHORT. */
guint
trellis_flow_cohort_of (FlowReading *reading,
                        guint        row)
{
  if (row == G_MAXUINT)
    return TRELLIS_FLOW_NO_COHORT;
  return reading->position[trellis_visit_table_get_cohort (reading->table, row)];
}

/* Cohorts in the order of their ids, which is the order they were added. */
static char **
order_cohorts (FlowReading *reading)
{
  TrellisVisitTable *table = reading->table;
  guint n_cohorts = trellis_visit_table_get_n_cohorts (table);
  char **names = g_new0 (char *, n_cohorts + 1);

  reading->position = g_new0 (guint, MAX (n_cohorts, 1));
  for (guint c = 0; c < n_cohorts; c++)
    {
      gint64 id = trellis_visit_table_get_cohort_id (table, c);

      for (guint other = 0; other < n_cohorts; other++)
        if (trellis_visit_table_get_cohort_id (table, other) < id)
          reading->position[c]++;
    }
  for (guint c = 0; c < n_cohorts; c++)
    names[reading->position[c]] = g_strdup (trellis_visit_table_get_cohort_name (table, c));
  return names;
}

static void
index_rows (FlowReading *reading)
{
  guint n_rows = trellis_visit_table_get_n_rows (reading->table);

  reading->row_of_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint r = 0; r < n_rows; r++)
    {
      gint64 id = trellis_visit_table_get_participant_id (reading->table, r);

      g_hash_table_insert (reading->row_of_id, g_memdup2 (&id, sizeof id), GUINT_TO_POINTER (r));
    }
  reading->consent = g_new0 (guint8, MAX (n_rows, 1));
  reading->withdrawal = g_new (gint8, MAX (n_rows, 1));
  memset (reading->withdrawal, -1, MAX (n_rows, 1));
}

static void
consent_row (sqlite3_stmt *stmt,
             FlowReading  *reading)
{
  guint row = trellis_flow_row_of (reading, sqlite3_column_int64 (stmt, 0));

  if (row != G_MAXUINT)
    reading->consent[row] = sqlite3_column_int (stmt, 1) != 0 ? CONSENT_TAKES_PART : CONSENT_DECLINED;
}

static void
withdrawal_row (sqlite3_stmt *stmt,
                FlowReading  *reading)
{
  guint row = trellis_flow_row_of (reading, sqlite3_column_int64 (stmt, 0));
  TrellisWithdrawalType kind;

  if (row != G_MAXUINT &&
      trellis_withdrawal_type_from_string ((const char *) sqlite3_column_text (stmt, 1), &kind, NULL))
    reading->withdrawal[row] = (gint8) kind;
}

static void
instrument_row (sqlite3_stmt *stmt,
                FlowReading  *reading)
{
  gint64 id = sqlite3_column_int64 (stmt, 0);

  g_array_append_val (reading->instrument_ids, id);
  g_ptr_array_add (reading->instrument_codes, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
  g_ptr_array_add (reading->instrument_labels, g_strdup ((const char *) sqlite3_column_text (stmt, 2)));
}

static void
score_row (sqlite3_stmt *stmt,
           FlowReading  *reading)
{
  guint row = trellis_flow_row_of (reading, sqlite3_column_int64 (stmt, 0));
  gint64 instrument_id = sqlite3_column_int64 (stmt, 1);

  if (row == G_MAXUINT)
    return;
  for (guint i = 0; i < reading->instrument_ids->len; i++)
    if (g_array_index (reading->instrument_ids, gint64, i) == instrument_id)
      reading->scored[(gsize) row * reading->instrument_ids->len + i] = 1;
}

static gboolean
read_instruments (TrellisDatabase  *db,
                  FlowReading      *reading,
                  const char       *instrument_code,
                  GError          **error)
{
  sqlite3_stmt *stmt = trellis_database_prepare (db, instruments_sql, error);
  guint n_rows = trellis_visit_table_get_n_rows (reading->table);

  reading->instrument_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  reading->instrument_codes = g_ptr_array_new_with_free_func (g_free);
  reading->instrument_labels = g_ptr_array_new_with_free_func (g_free);
  if (stmt == NULL)
    return FALSE;
  if (instrument_code != NULL)
    sqlite3_bind_text (stmt, 1, instrument_code, -1, SQLITE_TRANSIENT);
  if (!trellis_flow_scan (db, stmt, instrument_row, reading, error))
    return FALSE;
  if (instrument_code != NULL && reading->instrument_ids->len == 0)
    {
      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                   _("There is no instrument with the code “%s”"), instrument_code);
      return FALSE;
    }
  reading->scored = g_new0 (guint8, MAX ((gsize) n_rows * reading->instrument_ids->len, 1));
  return TRUE;
}

static gboolean
read_facts (TrellisDatabase  *db,
            FlowReading      *reading,
            const char       *instrument_code,
            GError          **error)
{
  gboolean ok;

  if (!trellis_database_begin_read (db, error))
    return FALSE;
  ok = trellis_flow_scan (db, trellis_database_prepare (db, consents_sql, error), consent_row, reading, error) &&
       trellis_flow_scan (db, trellis_database_prepare (db, withdrawals_sql, error), withdrawal_row, reading,
                          error) &&
       read_instruments (db, reading, instrument_code, error) &&
       trellis_flow_scan (db, trellis_database_prepare (db, scores_sql, error), score_row, reading, error) &&
       trellis_flow_read_interviews (db, reading, error);
  trellis_database_end_read (db);
  return ok;
}

TrellisParticipantFlow *
trellis_participant_flow_read (TrellisDatabase  *db,
                               guint32           today,
                               const char       *instrument_code,
                               GError          **error)
{
  FlowReading reading = { NULL, };
  g_auto(GStrv) cohort_names = NULL;
  TrellisParticipantFlow *flow = NULL;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), NULL);

  reading.table = trellis_visit_table_read (db, today, error);
  if (reading.table == NULL)
    return NULL;
  cohort_names = order_cohorts (&reading);
  index_rows (&reading);
  reading.interviews = g_array_new (FALSE, TRUE, sizeof (FlowPick));
  if (read_facts (db, &reading, instrument_code, error))
    {
      flow = trellis_participant_flow_new ((const char *const *) cohort_names);
      flow->today = today;
      trellis_flow_count_main (flow, &reading);
      trellis_flow_count_interviews (flow, &reading);
    }
  g_clear_pointer (&reading.interviews, g_array_unref);
  g_clear_pointer (&reading.eligible, g_hash_table_unref);
  g_clear_pointer (&reading.draw_timepoint, g_free);
  reading_clear (&reading);
  return flow;
}
