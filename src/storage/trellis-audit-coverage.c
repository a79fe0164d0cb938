/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>
#include <nettle/sha2.h>

#include "trellis-audit.h"
#include "trellis-audit-coverage.h"
#include "trellis-database-private.h"
#include "trellis-storage-error.h"

/* The hash chain shows that no audit row was altered; coverage shows that the
 * data agrees with the audit trail: every row of an audited table equals the
 * value its last audit row recorded. Together they catch a change made to the
 * data outside Trellis, and the removal of the newest audit rows, which the
 * chain alone cannot see.
 *
 * Audit values are rendered by SQLite's json_object() from the row itself, so
 * the value written with a change and the value checked later are the same
 * text by construction. Every table a store writes must be listed here.
 *
 * A bulk audit row (row_key TRELLIS_AUDIT_BULK_KEY) maps each row's id to
 * what the row held. Files written before format 3's imports grew large
 * map each id to the whole value; since then, an id maps to the value's
 * digest (trellis_audit_digest), a JSON string where the value would be an
 * object. Importing 100,000 participants then records about 5 MB instead
 * of 17 MB, written twice over through the write-ahead log, and the check
 * still compares every row: a row's current value must have the digest its
 * last audit row recorded. Both kinds are read here, so every file ever
 * written still verifies. */
static const TrellisAuditedTable audited_tables[] = {
  { "study",
    "json_object('title', title, 'design', design, 'created', created, 'schema_notes', schema_notes,"
    " 'code_pattern', code_pattern, 'withdrawal_types', withdrawal_types,"
    " 'destruction_policy', destruction_policy)" },
  { "timepoint_def",
    "json_object('code', code, 'label', label, 'target_day', target_day,"
    " 'window_min', window_min, 'window_max', window_max, 'position', position,"
    " 'anchor', anchor)" },
  { "profession", "json_object('name', name, 'position', position)" },
  { "cohort",
    "json_object('name', name, 'profession_id', profession_id, 'site', site,"
    " 'start_date', start_date, 'archived', archived)" },
  { "participant",
    "json_object('code', code, 'cohort_id', cohort_id, 'baseline_date', baseline_date,"
    " 'created', created, 'lost_date', lost_date)" },
  /* Identifiable: the audit trail records which fields are filled, never their
   * values, so that a purge leaves no copy of them behind in the trail. */
  { "participant_contact",
    "json_object('name', name IS NOT NULL, 'email', email IS NOT NULL,"
    " 'phone', phone IS NOT NULL, 'notes', notes IS NOT NULL)" },
  { "consent_version",
    "json_object('label', label, 'version_date', version_date, 'clauses', json (clauses),"
    " 'requires_reconsent', requires_reconsent)" },
  { "consent",
    "json_object('participant_id', participant_id, 'version_id', version_id,"
    " 'consent_date', consent_date, 'taken_by', taken_by, 'answers', json (answers))" },
  { "withdrawal",
    "json_object('participant_id', participant_id, 'kind', kind, 'effective_date', effective_date,"
    " 'reason', reason, 'purged', purged)" },
  { "participant_event",
    "json_object('participant_id', participant_id, 'kind', kind, 'event_date', event_date)" },
  { "instrument",
    "json_object('code', code, 'label', label, 'method', method, 'min_answered', min_answered,"
    " 'rule_version', rule_version, 'bands', bands, 'position', position)" },
  { "item",
    "json_object('instrument_id', instrument_id, 'code', code, 'text', text, 'kind', kind,"
    " 'min_value', min_value, 'max_value', max_value, 'reverse', reverse,"
    " 'correct_value', correct_value, 'choices', json (choices), 'position', position)" },
  { "visit",
    "json_object('participant_id', participant_id, 'timepoint_id', timepoint_id,"
    " 'completed_date', completed_date, 'missed', missed)" },
  { "answer_sheet",
    "json_object('visit_id', visit_id, 'instrument_id', instrument_id, 'answers', json (answers),"
    " 'answered', answered, 'score', score, 'rule_version', rule_version)" },
  /* A purge of research data: when, and how many rows it removed. */
  { "research_data_purge",
    "json_object('participant_id', participant_id, 'purged', purged, 'answer_sheets', answer_sheets,"
    " 'visits', visits, 'events', events)" },
};

/* The first DIGEST_BYTES bytes of SHA-256 over the value, in base64:
 * TRELLIS_AUDIT_DIGEST_LENGTH characters (no padding) and a NUL into digest.
 * 96 bits make an accidental match impossible in practice, and finding a
 * changed value with the same digest on purpose is far beyond reach; the
 * chain of audit hashes protects the digests themselves. */
#define DIGEST_BYTES 12

G_STATIC_ASSERT (DIGEST_BYTES * 4 / 3 == TRELLIS_AUDIT_DIGEST_LENGTH);

void
trellis_audit_digest (const char *value,
                      gsize       length,
                      char       *digest)
{
  struct sha256_ctx context;
  guint8 hash[DIGEST_BYTES];
  int state = 0, save = 0;
  gsize n;

  sha256_init (&context);
  sha256_update (&context, length, (const guint8 *) value);
  sha256_digest (&context, DIGEST_BYTES, hash);
  n = g_base64_encode_step (hash, DIGEST_BYTES, FALSE, digest, &state, &save);
  n += g_base64_encode_close (FALSE, digest + n, &state, &save);
  digest[n] = '\0';
}

/* trellis_audit_digest (value) in SQL, for the bulk audit rows and their
 * check; NULL for NULL. */
static void
digest_function (sqlite3_context  *context,
                 int               argc,
                 sqlite3_value   **argv)
{
  char digest[TRELLIS_AUDIT_DIGEST_LENGTH + 1];
  const char *value = (const char *) sqlite3_value_text (argv[0]);

  if (value == NULL)
    {
      sqlite3_result_null (context);
      return;
    }
  trellis_audit_digest (value, sqlite3_value_bytes (argv[0]), digest);
  sqlite3_result_text (context, digest, TRELLIS_AUDIT_DIGEST_LENGTH, SQLITE_TRANSIENT);
}

/* Called once for each new connection, before anything reads the audit trail. */
void
trellis_audit_register_functions (sqlite3 *handle)
{
  sqlite3_create_function (handle, "trellis_audit_digest", 1,
                           SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                           NULL, digest_function, NULL, NULL);
}

static const TrellisAuditedTable *
lookup (const char *table)
{
  for (guint i = 0; i < G_N_ELEMENTS (audited_tables); i++)
    if (g_strcmp0 (audited_tables[i].table, table) == 0)
      return &audited_tables[i];

  g_critical ("Table “%s” is not covered by the audit trail; add it to audited_tables", table);
  return NULL;
}

/* The row's current values as audit JSON, or NULL in *json if there is no such row.
 * Table names come from audited_tables, never from user input. */
gboolean
trellis_audit_snapshot (TrellisDatabase  *db,
                        const char       *table,
                        gint64            row_id,
                        char            **json,
                        GError          **error)
{
  const TrellisAuditedTable *audited = lookup (table);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (audited != NULL, FALSE);

  sql = g_strdup_printf ("SELECT %s FROM %s WHERE id = ?", audited->row_json, audited->table);
  stmt = trellis_database_prepare (db, sql, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, row_id);
  rc = sqlite3_step (stmt);
  *json = rc == SQLITE_ROW ? g_strdup ((const char *) sqlite3_column_text (stmt, 0)) : NULL;
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    trellis_database_set_error (db, error, rc);
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

/* Records a change just made to one row, inside the change's transaction: the
 * new value is read back from the row itself (NULL once it is deleted). */
gboolean
trellis_audit_append_change (TrellisDatabase  *db,
                             const char       *action,
                             const char       *table,
                             gint64            row_id,
                             const char       *old_value,
                             const char       *reason,
                             GError          **error)
{
  g_autofree char *new_value = NULL;
  g_autofree char *row_key = g_strdup_printf ("%" G_GINT64_FORMAT, row_id);
  TrellisAuditRecord record = { action, table, row_key, old_value, NULL, reason };

  if (!trellis_audit_snapshot (db, table, row_id, &new_value, error))
    return FALSE;

  record.new_value = new_value;
  return trellis_audit_append (db, &record, error);
}

/* One audit row for every row of the table that where (SQL over the table's
 * columns, with ?1 and ?2 bound to the two numbers) selects: its value maps
 * each id to the digest of the row's audit value. The coverage check reads
 * such a row as one change per id. A where with only ?1 leaves ?2 unbound. */
static gboolean
append_bulk_where (TrellisDatabase  *db,
                   const char       *action,
                   const char       *table,
                   const char       *where,
                   gint64            first,
                   gint64            second,
                   const char       *reason,
                   GError          **error)
{
  const TrellisAuditedTable *audited = lookup (table);
  TrellisAuditRecord record = { action, table, TRELLIS_AUDIT_BULK_KEY, NULL, NULL, reason };
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (audited != NULL, FALSE);

  sql = g_strdup_printf ("SELECT json_group_object (id, trellis_audit_digest (%s)) FROM %s WHERE %s",
                         audited->row_json, audited->table, where);
  stmt = trellis_database_prepare (db, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, first);
  if (sqlite3_bind_parameter_count (stmt) > 1)
    sqlite3_bind_int64 (stmt, 2, second);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      trellis_database_set_error (db, error, sqlite3_errcode (trellis_database_get_handle (db)));
      sqlite3_reset (stmt);
      return FALSE;
    }
  record.new_value = (const char *) sqlite3_column_text (stmt, 0);
  ok = trellis_audit_append (db, &record, error);
  sqlite3_reset (stmt);
  return ok;
}

/* Records many rows just inserted, ids first_id to last_id, in one audit
 * row, so that importing 100,000 participants writes one audit row rather
 * than 100,000 hashed ones. */
gboolean
trellis_audit_append_bulk (TrellisDatabase  *db,
                           const char       *action,
                           const char       *table,
                           gint64            first_id,
                           gint64            last_id,
                           const char       *reason,
                           GError          **error)
{
  g_return_val_if_fail (first_id <= last_id, FALSE);
  return append_bulk_where (db, action, table, "id BETWEEN ?1 AND ?2", first_id, last_id, reason, error);
}

/* Records every row of table whose column equals value in one audit row:
 * rescoring an instrument changes all its answer sheets, which are not a
 * range of ids. The column comes from code, never from input. */
gboolean
trellis_audit_append_bulk_matching (TrellisDatabase  *db,
                                    const char       *action,
                                    const char       *table,
                                    const char       *column,
                                    gint64            value,
                                    const char       *reason,
                                    GError          **error)
{
  g_autofree char *where = g_strdup_printf ("%s = ?1", column);

  return append_bulk_where (db, action, table, where, value, 0, reason, error);
}

/* One query per table finds the first row that disagrees with the audit trail:
 * a row with no audit row, a row whose values differ from its last audit
 * value, or an audited row that is gone without a "delete" audit row. Each
 * result is the kind, the row, its last audit row and the value that row
 * recorded (NULL where there is none, or the row was last deleted). */
static char *
coverage_sql (const TrellisAuditedTable *audited)
{
  return g_strdup_printf (
      "WITH cur AS (SELECT id AS row_id, %s AS value FROM %s),"
      " events AS (SELECT CAST (row_key AS INTEGER) AS row_id, action, new_value, NULL AS digest,"
      "                   id AS audit_id"
      "            FROM audit WHERE table_name = ?1 AND row_key IS NOT '" TRELLIS_AUDIT_BULK_KEY "'"
      "            UNION ALL"
      "            SELECT CAST (j.key AS INTEGER), a.action, iif (j.type = 'text', NULL, j.value),"
      "                   iif (j.type = 'text', j.value, NULL), a.id"
      "            FROM audit AS a, json_each (a.new_value) AS j"
      "            WHERE a.table_name = ?1 AND a.row_key IS '" TRELLIS_AUDIT_BULK_KEY "'),"
      " last AS (SELECT row_id, action, new_value, digest, max (audit_id) AS audit_id"
      "          FROM events GROUP BY row_id)"
      " SELECT 'unaudited', cur.row_id, NULL, NULL FROM cur LEFT JOIN last USING (row_id)"
      "  WHERE last.audit_id IS NULL OR last.action = 'delete'"
      " UNION ALL"
      " SELECT 'changed', cur.row_id, last.audit_id, last.new_value FROM cur JOIN last USING (row_id)"
      "  WHERE last.action != 'delete'"
      "   AND iif (last.digest IS NULL,"
      "            CASE WHEN json_valid (last.new_value) THEN json (last.new_value) END IS NOT cur.value,"
      "            trellis_audit_digest (cur.value) IS NOT last.digest)"
      " UNION ALL"
      " SELECT 'removed', last.row_id, last.audit_id, last.new_value FROM last LEFT JOIN cur USING (row_id)"
      "  WHERE cur.row_id IS NULL AND last.action != 'delete'"
      " LIMIT 1",
      audited->row_json, audited->table);
}

static void
set_coverage_error (TrellisDatabase  *db,
                    GError          **error,
                    const char       *table,
                    const char       *kind,
                    gint64            row_id,
                    gint64            audit_id)
{
  g_autofree char *name = g_filename_display_name (trellis_database_get_path (db));

  if (g_str_equal (kind, "unaudited"))
    g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_AUDIT,
                 _("“%s” failed its audit check: row %" PRId64 " of table %s has no audit row, so it was added outside Trellis"),
                 name, row_id, table);
  else if (g_str_equal (kind, "changed"))
    g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_AUDIT,
                 _("“%s” failed its audit check: row %" PRId64 " of table %s differs from its last audited value (audit row %" PRId64 "), so it was changed outside Trellis or its newest audit rows were removed"),
                 name, row_id, table, audit_id);
  else
    g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_AUDIT,
                 _("“%s” failed its audit check: row %" PRId64 " of table %s was removed outside Trellis (last audited in audit row %" PRId64 ")"),
                 name, row_id, table, audit_id);
}

static gboolean
verify_table (TrellisDatabase           *db,
              const TrellisAuditedTable *audited,
              GError                   **error)
{
  g_autofree char *sql = coverage_sql (audited);
  sqlite3_stmt *stmt = trellis_database_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, audited->table, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    set_coverage_error (db, error, audited->table, (const char *) sqlite3_column_text (stmt, 0),
                        sqlite3_column_int64 (stmt, 1), sqlite3_column_int64 (stmt, 2));
  else if (rc != SQLITE_DONE)
    trellis_database_set_error (db, error, rc);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE;
}

gboolean
trellis_audit_verify_coverage (TrellisDatabase  *db,
                               GError          **error)
{
  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (audited_tables); i++)
    if (!verify_table (db, &audited_tables[i], error))
      return FALSE;
  return TRUE;
}

/* A row an upgrade re-records, and the value the audit trail last held for it. */
typedef struct
{
  gint64 row_id;
  char *last_value;
} OutOfStep;

static void
out_of_step_clear (gpointer data)
{
  g_free (((OutOfStep *) data)->last_value);
}

static GArray *
rows_out_of_step (TrellisDatabase           *db,
                  const TrellisAuditedTable *audited,
                  GError                   **error)
{
  g_autofree char *sql = coverage_sql (audited);
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (OutOfStep));
  sqlite3_stmt *stmt;
  char *limit;
  int rc;

  g_array_set_clear_func (rows, out_of_step_clear);

  /* The same query, without its LIMIT, lists every row out of step. */
  limit = strstr (sql, " LIMIT 1");
  *limit = '\0';
  stmt = trellis_database_prepare (db, sql, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, audited->table, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (!g_str_equal ((const char *) sqlite3_column_text (stmt, 0), "removed"))
      g_array_append_val (rows, ((OutOfStep) {
                            sqlite3_column_int64 (stmt, 1),
                            g_strdup ((const char *) sqlite3_column_text (stmt, 3)),
                          }));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      trellis_database_set_error (db, error, rc);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

/* Each baseline row keeps, as its old value, what the audit trail held for
 * the row before (NULL if nothing, or only the value's digest), so the trail
 * shows what was re-recorded. */
static gboolean
baseline_table (TrellisDatabase           *db,
                const TrellisAuditedTable *audited,
                const char                *reason,
                GError                   **error)
{
  g_autoptr(GArray) rows = rows_out_of_step (db, audited, error);

  if (rows == NULL)
    return FALSE;

  for (guint i = 0; i < rows->len; i++)
    {
      const OutOfStep *row = &g_array_index (rows, OutOfStep, i);

      if (!trellis_audit_append_change (db, "baseline", audited->table, row->row_id,
                                        row->last_value, reason, error))
        return FALSE;
    }
  return TRUE;
}

/* Called at the end of an upgrade, inside its transaction, with the tables
 * its steps reshaped (a NULL-terminated list): every row there that is out of
 * step with the audit trail gets a "baseline" audit row holding its values in
 * the new format, so coverage holds from then on. Rows of other tables are
 * left alone, so a disagreement there is still found by the audit check. */
gboolean
trellis_audit_baseline (TrellisDatabase   *db,
                        const char *const *tables,
                        const char        *reason,
                        GError           **error)
{
  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (tables != NULL, FALSE);

  for (const char *const *table = tables; *table != NULL; table++)
    {
      const TrellisAuditedTable *audited = lookup (*table);

      g_return_val_if_fail (audited != NULL, FALSE);
      if (!baseline_table (db, audited, reason, error))
        return FALSE;
    }
  return TRUE;
}
