/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "trellis-audit.h"
#include "trellis-audit-coverage.h"
#include "trellis-audit-redaction.h"
#include "trellis-database-private.h"
#include "trellis-research-purge.h"

/* The purge of a participant's research data, under the study's
 * “identifiers and research data” destruction policy: their answer sheets,
 * visits and events (workshop attended, coaching call held) leave the study
 * file, and every audit value that held any of them is redacted (see the top
 * of trellis-audit.c), all inside the caller's purge transaction.
 *
 * What stays, and why: the participant row with its code, cohort and
 * baseline date, so that they are still counted as recruited and withdrawn
 * in every flow diagram; their consent and withdrawal records, as the
 * evidence of what they agreed to and what they asked for; and the audit
 * rows' times, actions and reasons, which say that something was recorded
 * and then purged, never what. A research_data_purge row says the purge
 * happened and how much it removed, so the schedule and the card can show
 * it.
 *
 * Rows are found by their owner, live or already deleted: a deleted row
 * lives on only in the audit trail, whose last single-row value for it
 * (its delete) names its participant or visit. A row id SQLite gave again
 * to someone else's row after the purged participant's row was deleted is
 * left out of the bulk audit rows, where entries name only ids: the
 * entries for the other person's row must stay. That one case, which needs
 * the deleted row to have had the highest id of its table, can leave the
 * purged row's short digest in a bulk row written before the delete. */

/* The tables, children first: each row names its owner in owner_column. */
typedef struct
{
  const char *table;
  const char *owner_column;
  const char *owner_path;
} PurgedTable;

static const PurgedTable answer_sheets = { "answer_sheet", "visit_id", "$.visit_id" };
static const PurgedTable visits = { "visit", "participant_id", "$.participant_id" };
static const PurgedTable events = { "participant_event", "participant_id", "$.participant_id" };

/* Runs sql, with ?1 and ?2 bound to the texts given (?2 may be absent), for
 * one text result: a JSON array. */
static char *
query_json (TrellisDatabase  *db,
            const char       *sql,
            const char       *first,
            const char       *second,
            GError          **error)
{
  sqlite3_stmt *stmt = trellis_database_prepare (db, sql, error);
  char *result = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, first, -1, SQLITE_STATIC);
  if (sqlite3_bind_parameter_count (stmt) > 1)
    sqlite3_bind_text (stmt, 2, second, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  else
    trellis_database_set_error (db, error, sqlite3_errcode (trellis_database_get_handle (db)));
  sqlite3_reset (stmt);
  return result;
}

/* The ids of the table's rows whose owner is one of owners (a JSON array):
 * the rows there now, and those deleted whose single-row audit values name
 * an owner. Table and column names come from this file, never from input. */
static char *
collect_ids (TrellisDatabase    *db,
             const PurgedTable  *purged,
             const char         *owners,
             GError            **error)
{
  g_autofree char *sql = g_strdup_printf (
      "SELECT json_group_array (id) FROM ("
      " SELECT id FROM %s WHERE %s IN (SELECT value FROM json_each (?1))"
      " UNION"
      " SELECT CAST (row_key AS INTEGER) FROM audit"
      "  WHERE table_name = '%s' AND row_key IS NOT '" TRELLIS_AUDIT_BULK_KEY "'"
      "   AND (json_extract (iif (json_valid (new_value), new_value, NULL), '%s')"
      "          IN (SELECT value FROM json_each (?1))"
      "        OR json_extract (iif (json_valid (old_value), old_value, NULL), '%s')"
      "          IN (SELECT value FROM json_each (?1))))",
      purged->table, purged->owner_column, purged->table, purged->owner_path, purged->owner_path);

  return query_json (db, sql, owners, NULL, error);
}

/* The ids less those of rows there now that belong to someone else. */
static char *
bulk_ids (TrellisDatabase    *db,
          const PurgedTable  *purged,
          const char         *ids,
          const char         *owners,
          GError            **error)
{
  g_autofree char *sql = g_strdup_printf (
      "SELECT json_group_array (j.value) FROM json_each (?1) AS j"
      " WHERE NOT EXISTS (SELECT 1 FROM %s AS t WHERE t.id = j.value"
      "                    AND t.%s NOT IN (SELECT value FROM json_each (?2)))",
      purged->table, purged->owner_column);

  return query_json (db, sql, ids, owners, error);
}

/* Deletes the owners' rows of the table and records the deletes in one bulk
 * audit row whose entries are null: a delete that keeps no old value, since
 * the values are what the purge removes. */
static gboolean
delete_rows (TrellisDatabase    *db,
             const PurgedTable  *purged,
             const char         *owners,
             const char         *reason,
             guint              *count,
             GError            **error)
{
  g_autofree char *select = g_strdup_printf (
      "SELECT json_group_object (id, NULL) FROM %s WHERE %s IN (SELECT value FROM json_each (?1))",
      purged->table, purged->owner_column);
  g_autofree char *delete = g_strdup_printf (
      "DELETE FROM %s WHERE %s IN (SELECT value FROM json_each (?1))", purged->table, purged->owner_column);
  g_autofree char *deleted = query_json (db, select, owners, NULL, error);
  TrellisAuditRecord record = { "delete", purged->table, TRELLIS_AUDIT_BULK_KEY, NULL, deleted, reason };
  sqlite3_stmt *stmt;

  if (deleted == NULL || (stmt = trellis_database_prepare (db, delete, error)) == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, owners, -1, SQLITE_STATIC);
  if (!trellis_database_step_done (db, stmt, error))
    return FALSE;
  *count = sqlite3_changes (trellis_database_get_handle (db));
  return *count == 0 || trellis_audit_append (db, &record, error);
}

/* Plans the redaction of the audit values of the owners' rows of the table,
 * live and deleted; returns the ids of those rows (a JSON array). */
static char *
plan_table (TrellisAuditRedaction  *redaction,
            TrellisDatabase        *db,
            const PurgedTable      *purged,
            const char             *owners,
            GError                **error)
{
  g_autofree char *ids = collect_ids (db, purged, owners, error);
  g_autofree char *in_bulk = NULL;
  TrellisAuditRedactionRows rows = { purged->table, ids, purged->owner_path, owners, NULL };

  if (ids == NULL || (in_bulk = bulk_ids (db, purged, ids, owners, error)) == NULL)
    return NULL;
  rows.bulk_ids = in_bulk;
  if (!trellis_audit_redaction_add_rows (redaction, db, &rows, error))
    return NULL;
  return g_steal_pointer (&ids);
}

static gboolean
record_purge (TrellisDatabase                   *db,
              gint64                             participant_id,
              const TrellisResearchPurgeCounts  *counts,
              const char                        *reason,
              gint64                            *id,
              GError                           **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format_iso8601 (now);
  sqlite3_stmt *stmt = trellis_database_prepare (db,
      "INSERT INTO research_data_purge (participant_id, purged, answer_sheets, visits, events)"
      " VALUES (?1, ?2, ?3, ?4, ?5)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, participant_id);
  sqlite3_bind_text (stmt, 2, stamp, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, counts->answer_sheets);
  sqlite3_bind_int (stmt, 4, counts->visits);
  sqlite3_bind_int (stmt, 5, counts->events);
  if (!trellis_database_step_done (db, stmt, error))
    return FALSE;
  *id = sqlite3_last_insert_rowid (trellis_database_get_handle (db));
  return trellis_audit_append_change (db, "purge", "research_data_purge", *id, NULL, reason, error);
}

/* Removes the participant's research data and every copy of it in the audit
 * trail. Must run inside the purge's write transaction; the caller
 * checkpoints afterwards, so that the write-ahead log keeps no copy either. */
gboolean
trellis_research_purge (TrellisDatabase             *db,
                        gint64                       participant_id,
                        const char                  *reason,
                        TrellisResearchPurgeCounts  *counts,
                        GError                     **error)
{
  g_autoptr(TrellisAuditRedaction) redaction = trellis_audit_redaction_new ();
  g_autofree char *participant = g_strdup_printf ("[%" G_GINT64_FORMAT "]", participant_id);
  g_autofree char *visit_ids = NULL;
  g_autofree char *sheet_ids = NULL;
  g_autofree char *event_ids = NULL;
  g_autofree char *purge_key = NULL;
  gint64 purge_id = 0;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (counts != NULL, FALSE);
  g_return_val_if_fail (!sqlite3_get_autocommit (trellis_database_get_handle (db)), FALSE);

  *counts = (TrellisResearchPurgeCounts) { 0 };
  if ((visit_ids = plan_table (redaction, db, &visits, participant, error)) == NULL ||
      (sheet_ids = plan_table (redaction, db, &answer_sheets, visit_ids, error)) == NULL ||
      (event_ids = plan_table (redaction, db, &events, participant, error)) == NULL ||
      !delete_rows (db, &answer_sheets, visit_ids, reason, &counts->answer_sheets, error) ||
      !delete_rows (db, &visits, participant, reason, &counts->visits, error) ||
      !delete_rows (db, &events, participant, reason, &counts->events, error) ||
      !record_purge (db, participant_id, counts, reason, &purge_id, error))
    return FALSE;
  counts->audit_redacted = trellis_audit_redaction_get_redacted (redaction);
  counts->audit_rewritten = trellis_audit_redaction_get_rewritten (redaction);
  purge_key = g_strdup_printf ("%" G_GINT64_FORMAT, purge_id);
  return trellis_audit_redaction_apply (redaction, db, purge_key, reason, error);
}

/* What the purge of the participant's research data removed; *found is
 * FALSE if there was none. */
gboolean
trellis_research_purge_lookup (TrellisDatabase             *db,
                               gint64                       participant_id,
                               gboolean                    *found,
                               TrellisResearchPurgeCounts  *counts,
                               GError                     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (found != NULL && counts != NULL, FALSE);

  *found = FALSE;
  *counts = (TrellisResearchPurgeCounts) { 0 };
  stmt = trellis_database_prepare (db,
      "SELECT answer_sheets, visits, events FROM research_data_purge WHERE participant_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, participant_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *found = TRUE;
      counts->answer_sheets = sqlite3_column_int (stmt, 0);
      counts->visits = sqlite3_column_int (stmt, 1);
      counts->events = sqlite3_column_int (stmt, 2);
    }
  else if (rc != SQLITE_DONE)
    trellis_database_set_error (db, error, rc);
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE;
}
