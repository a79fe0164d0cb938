/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "trellis-consent-clause.h"
#include "trellis-database-private.h"
#include "trellis-study-register.h"

/* Read-only views of the register for the Cohorts and Consent pages, each
 * one query, so that a page never asks once per participant. */

/* The same people as trellis_consent_store_reconsent_needed (): their latest
 * consent agreed to take part on a sheet older than the newest one that
 * requires reconsent, and they have neither withdrawn nor been lost to
 * follow-up. */
static const char reconsent_sql[] =
  "WITH latest AS (SELECT c.participant_id, v.label, v.version_date, c.consent_date, c.answers,"
  "  row_number () OVER (PARTITION BY c.participant_id ORDER BY c.consent_date DESC, c.id DESC) AS n"
  "  FROM consent AS c JOIN consent_version AS v ON v.id = c.version_id)"
  " SELECT p.id, p.code, h.name, l.label, l.consent_date"
  " FROM participant AS p JOIN latest AS l ON l.participant_id = p.id AND l.n = 1"
  " JOIN cohort AS h ON h.id = p.cohort_id"
  " WHERE l.version_date < (SELECT max (version_date) FROM consent_version WHERE requires_reconsent = 1)"
  "  AND json_extract (l.answers, '$." TRELLIS_CONSENT_CLAUSE_TAKE_PART "') = 1"
  "  AND NOT EXISTS (SELECT 1 FROM withdrawal AS w WHERE w.participant_id = p.id)"
  "  AND p.lost_date IS NULL"
  " ORDER BY p.code";

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

/* The participants who must be asked to consent again
 * (TrellisReconsentEntry), by code. Codes only: nothing identifiable. */
GPtrArray *
trellis_study_list_reconsent_entries (TrellisStudy  *self,
                                      GError       **error)
{
  TrellisDatabase *db;
  g_autoptr(GPtrArray) entries = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TRELLIS_IS_STUDY (self), NULL);

  db = trellis_study_get_database (self);
  if ((stmt = trellis_database_prepare (db, reconsent_sql, error)) == NULL)
    return NULL;
  entries = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (entries, trellis_reconsent_entry_new (sqlite3_column_int64 (stmt, 0), column_text (stmt, 1),
                                                           column_text (stmt, 2), column_text (stmt, 3),
                                                           column_text (stmt, 4)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      trellis_database_set_error (db, error, rc);
      return NULL;
    }
  return g_steal_pointer (&entries);
}

/* Every participant's code, for previewing the code a pattern gives next. */
GPtrArray *
trellis_study_list_participant_codes (TrellisStudy  *self,
                                      GError       **error)
{
  TrellisDatabase *db;
  g_autoptr(GPtrArray) codes = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TRELLIS_IS_STUDY (self), NULL);

  db = trellis_study_get_database (self);
  if ((stmt = trellis_database_prepare (db, "SELECT code FROM participant", error)) == NULL)
    return NULL;
  codes = g_ptr_array_new_with_free_func (g_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (codes, g_strdup (column_text (stmt, 0)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      trellis_database_set_error (db, error, rc);
      return NULL;
    }
  return g_steal_pointer (&codes);
}
