/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "trellis-audit.h"
#include "trellis-audit-coverage.h"
#include "trellis-audit-private.h"
#include "trellis-audit-redaction.h"
#include "trellis-database-private.h"

/* Redacting audit values, and reading back what redactions are on record.
 * The scheme is described at the top of trellis-audit.c: a single-row audit
 * row of a purged row loses its values and its salt; a bulk row loses only
 * the purged rows' entries, and its rewritten value gets a fresh salt. One
 * "redact" audit row, written in the same transaction before the rows are
 * touched, lists the ids of the rows redacted and maps each rewritten row to
 * the digests of its new values, so the check can tell a purge from a hand
 * edit. It holds ids and digests, never values. */

typedef struct
{
  gint64 audit_id;
  gboolean rewritten;
  char *old_value;   /* rewritten only: the values without the purged entries */
  char *new_value;
  char salt[TRELLIS_AUDIT_SALT_HEX_LENGTH + 1];
  char old_digest[TRELLIS_AUDIT_VALUE_DIGEST_HEX_LENGTH + 1];
  char new_digest[TRELLIS_AUDIT_VALUE_DIGEST_HEX_LENGTH + 1];
} Planned;

struct _TrellisAuditRedaction
{
  GArray *planned;   /* Planned */
  guint n_rewritten;
};

static void
planned_clear (gpointer data)
{
  Planned *planned = data;

  g_free (planned->old_value);
  g_free (planned->new_value);
}

TrellisAuditRedaction *
trellis_audit_redaction_new (void)
{
  TrellisAuditRedaction *self = g_new0 (TrellisAuditRedaction, 1);

  self->planned = g_array_new (FALSE, TRUE, sizeof (Planned));
  g_array_set_clear_func (self->planned, planned_clear);
  return self;
}

void
trellis_audit_redaction_free (TrellisAuditRedaction *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->planned);
  g_free (self);
}

guint
trellis_audit_redaction_get_redacted (TrellisAuditRedaction *self)
{
  return self->planned->len - self->n_rewritten;
}

guint
trellis_audit_redaction_get_rewritten (TrellisAuditRedaction *self)
{
  return self->n_rewritten;
}

/* Every single-row audit row of the rows still holding anything: a row
 * already redacted has nothing left to take. */
static gboolean
plan_single_rows (TrellisAuditRedaction            *self,
                  TrellisDatabase                  *db,
                  const TrellisAuditRedactionRows  *rows,
                  GError                          **error)
{
  sqlite3_stmt *stmt = trellis_database_prepare (db,
      "SELECT id FROM audit WHERE table_name = ?1 AND row_key IS NOT '" TRELLIS_AUDIT_BULK_KEY "'"
      " AND row_key IN (SELECT CAST (value AS TEXT) FROM json_each (?2))"
      " AND (old_value IS NOT NULL OR new_value IS NOT NULL OR value_salt IS NOT NULL)"
      " AND (json_extract (iif (json_valid (new_value), new_value, NULL), ?3)"
      "        IN (SELECT value FROM json_each (?4))"
      "      OR json_extract (iif (json_valid (old_value), old_value, NULL), ?3)"
      "        IN (SELECT value FROM json_each (?4)))"
      " ORDER BY id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, rows->table, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, rows->ids, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, rows->owner_path, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, rows->owners, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_array_append_val (self->planned, ((Planned) { .audit_id = sqlite3_column_int64 (stmt, 0) }));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    trellis_database_set_error (db, error, rc);
  return rc == SQLITE_DONE;
}

/* The bulk value without the entries of the rows ids_json lists. Entries
 * that are null (rows a purge deleted) hold nothing and stay. */
static gboolean
without_entries (TrellisDatabase  *db,
                 const char       *value,
                 const char       *ids_json,
                 char            **rewritten,
                 GError          **error)
{
  sqlite3_stmt *stmt;

  *rewritten = NULL;
  if (value == NULL)
    return TRUE;
  stmt = trellis_database_prepare (db,
      "SELECT json_group_object (j.key, j.value) FROM json_each (?1) AS j"
      " WHERE j.type IS 'null' OR j.key NOT IN (SELECT CAST (value AS TEXT) FROM json_each (?2))", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, ids_json, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      trellis_database_set_error (db, error, sqlite3_errcode (trellis_database_get_handle (db)));
      sqlite3_reset (stmt);
      return FALSE;
    }
  *rewritten = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
plan_rewrite (TrellisAuditRedaction  *self,
              TrellisDatabase        *db,
              gint64                  audit_id,
              const char             *old_value,
              const char             *new_value,
              const char             *ids_json,
              GError                **error)
{
  Planned planned = { .audit_id = audit_id, .rewritten = TRUE };

  if (!without_entries (db, old_value, ids_json, &planned.old_value, error) ||
      !without_entries (db, new_value, ids_json, &planned.new_value, error))
    {
      planned_clear (&planned);
      return FALSE;
    }
  trellis_audit_new_salt (planned.salt);
  if (planned.old_value != NULL)
    trellis_audit_salted_digest (planned.salt, planned.old_value, planned.old_digest);
  if (planned.new_value != NULL)
    trellis_audit_salted_digest (planned.salt, planned.new_value, planned.new_digest);
  g_array_append_val (self->planned, planned);
  self->n_rewritten++;
  return TRUE;
}

typedef struct
{
  gint64 id;
  char *old_value;
  char *new_value;
} BulkRow;

static void
bulk_row_clear (gpointer data)
{
  g_free (((BulkRow *) data)->old_value);
  g_free (((BulkRow *) data)->new_value);
}

/* Every bulk audit row of the table with an entry for one of the rows. They
 * are read first and rewritten after, so no query runs over a row that
 * another is working out. */
static GArray *
find_bulk_rows (TrellisDatabase  *db,
                const char       *table,
                const char       *ids_json,
                GError          **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (BulkRow));
  sqlite3_stmt *stmt = trellis_database_prepare (db,
      "SELECT a.id, a.old_value, a.new_value FROM audit AS a"
      " WHERE a.table_name = ?1 AND a.row_key IS '" TRELLIS_AUDIT_BULK_KEY "'"
      " AND EXISTS (SELECT 1 FROM json_each (coalesce (a.new_value, '{}')) AS j"
      "             WHERE j.type IS NOT 'null' AND j.key IN (SELECT CAST (value AS TEXT) FROM json_each (?2))"
      "             UNION ALL"
      "             SELECT 1 FROM json_each (coalesce (a.old_value, '{}')) AS j"
      "             WHERE j.type IS NOT 'null' AND j.key IN (SELECT CAST (value AS TEXT) FROM json_each (?2)))"
      " ORDER BY a.id", error);
  int rc;

  g_array_set_clear_func (rows, bulk_row_clear);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, ids_json, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_array_append_val (rows, ((BulkRow) { sqlite3_column_int64 (stmt, 0),
                                           g_strdup ((const char *) sqlite3_column_text (stmt, 1)),
                                           g_strdup ((const char *) sqlite3_column_text (stmt, 2)) }));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      trellis_database_set_error (db, error, rc);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

/* Plans the redaction of every audit value that holds anything of the rows
 * (see TrellisAuditRedactionRows): their single-row audit rows, and their
 * entries in bulk audit rows. */
gboolean
trellis_audit_redaction_add_rows (TrellisAuditRedaction            *self,
                                  TrellisDatabase                  *db,
                                  const TrellisAuditRedactionRows  *rows,
                                  GError                          **error)
{
  g_autoptr(GArray) bulk = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (rows != NULL, FALSE);

  if (!plan_single_rows (self, db, rows, error) ||
      (bulk = find_bulk_rows (db, rows->table, rows->bulk_ids, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < bulk->len; i++)
    {
      const BulkRow *row = &g_array_index (bulk, BulkRow, i);

      if (!plan_rewrite (self, db, row->id, row->old_value, row->new_value, rows->bulk_ids, error))
        return FALSE;
    }
  return TRUE;
}

static void
append_digest (GString    *out,
               const char *value,
               const char *digest)
{
  if (value == NULL)
    g_string_append (out, "null");
  else
    g_string_append_printf (out, "\"%s\"", digest);
}

/* The redact row's value: {"redacted":[ids],"rewritten":{"id":[old, new]}},
 * old and new being the digests of the rewritten values, or null. */
static char *
render_record (TrellisAuditRedaction *self)
{
  GString *out = g_string_new ("{\"redacted\":[");
  gboolean first = TRUE;

  for (guint i = 0; i < self->planned->len; i++)
    {
      const Planned *planned = &g_array_index (self->planned, Planned, i);

      if (planned->rewritten)
        continue;
      g_string_append_printf (out, "%s%" G_GINT64_FORMAT, first ? "" : ",", planned->audit_id);
      first = FALSE;
    }
  g_string_append (out, "],\"rewritten\":{");
  first = TRUE;
  for (guint i = 0; i < self->planned->len; i++)
    {
      const Planned *planned = &g_array_index (self->planned, Planned, i);

      if (!planned->rewritten)
        continue;
      g_string_append_printf (out, "%s\"%" G_GINT64_FORMAT "\":[", first ? "" : ",", planned->audit_id);
      append_digest (out, planned->old_value, planned->old_digest);
      g_string_append_c (out, ',');
      append_digest (out, planned->new_value, planned->new_digest);
      g_string_append_c (out, ']');
      first = FALSE;
    }
  g_string_append (out, "}}");
  return g_string_free (out, FALSE);
}

static gboolean
update_row (TrellisDatabase  *db,
            const Planned    *planned,
            gint64            redact_id,
            GError          **error)
{
  sqlite3_stmt *stmt = trellis_database_prepare (db,
      "UPDATE audit SET old_value = ?1, new_value = ?2, value_salt = ?3, redacted_by = ?4 WHERE id = ?5",
      error);

  if (stmt == NULL)
    return FALSE;
  if (planned->rewritten)
    {
      sqlite3_bind_text (stmt, 1, planned->old_value, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, planned->new_value, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, planned->salt, -1, SQLITE_STATIC);
    }
  sqlite3_bind_int64 (stmt, 4, redact_id);
  sqlite3_bind_int64 (stmt, 5, planned->audit_id);
  return trellis_database_step_done (db, stmt, error);
}

/* Writes the redact audit row (row_key and reason as given), then redacts
 * and rewrites the planned rows, inside the caller's transaction. The
 * secure_delete pragma zeroes the space the old values took in the file;
 * the caller checkpoints to empty the write-ahead log. */
gboolean
trellis_audit_redaction_apply (TrellisAuditRedaction  *self,
                               TrellisDatabase        *db,
                               const char             *row_key,
                               const char             *reason,
                               GError                **error)
{
  g_autofree char *record_value = NULL;
  TrellisAuditRecord record = { TRELLIS_AUDIT_REDACT_ACTION, TRELLIS_AUDIT_REDACT_TABLE, row_key,
                                NULL, NULL, reason };
  gint64 redact_id;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), FALSE);

  record_value = render_record (self);
  record.new_value = record_value;
  if (!trellis_audit_append (db, &record, error))
    return FALSE;
  redact_id = sqlite3_last_insert_rowid (trellis_database_get_handle (db));
  for (guint i = 0; i < self->planned->len; i++)
    if (!update_row (db, &g_array_index (self->planned, Planned, i), redact_id, error))
      return FALSE;
  return TRUE;
}

/* ---- Reading the redactions on record, for the check ---- */

static void
entry_free (gpointer data)
{
  TrellisAuditRedactionEntry *entry = data;

  g_free (entry->old_digest);
  g_free (entry->new_digest);
  g_free (entry);
}

/* Each redact row's value, read whole. A redact row whose value was edited
 * into something else is read as far as it makes sense, and the chain walk
 * then fails on the row itself, whose value no longer fits its digest. */
static const char redactions_sql[] =
  "SELECT r.id, CAST (j.value AS INTEGER), 0, NULL, NULL"
  " FROM audit AS r, json_each (r.new_value, '$.redacted') AS j"
  " WHERE r.action = '" TRELLIS_AUDIT_REDACT_ACTION "' AND r.table_name = '" TRELLIS_AUDIT_REDACT_TABLE "'"
  "  AND json_valid (r.new_value) AND json_type (r.new_value, '$.redacted') IS 'array'"
  "  AND j.type = 'integer'"
  " UNION ALL"
  " SELECT r.id, CAST (j.key AS INTEGER), 1, json_extract (j.value, '$[0]'), json_extract (j.value, '$[1]')"
  " FROM audit AS r, json_each (r.new_value, '$.rewritten') AS j"
  " WHERE r.action = '" TRELLIS_AUDIT_REDACT_ACTION "' AND r.table_name = '" TRELLIS_AUDIT_REDACT_TABLE "'"
  "  AND json_valid (r.new_value) AND json_type (r.new_value, '$.rewritten') IS 'object'"
  "  AND j.type = 'array'";

static void
add_entry (GHashTable   *redactions,
           sqlite3_stmt *stmt)
{
  gint64 audit_id = sqlite3_column_int64 (stmt, 1);
  GPtrArray *entries = g_hash_table_lookup (redactions, &audit_id);
  TrellisAuditRedactionEntry *entry = g_new0 (TrellisAuditRedactionEntry, 1);

  if (entries == NULL)
    {
      gint64 *key = g_new (gint64, 1);

      *key = audit_id;
      entries = g_ptr_array_new_with_free_func (entry_free);
      g_hash_table_insert (redactions, key, entries);
    }
  entry->redact_id = sqlite3_column_int64 (stmt, 0);
  entry->rewritten = sqlite3_column_int (stmt, 2) != 0;
  entry->old_digest = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  entry->new_digest = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  g_ptr_array_add (entries, entry);
}

/* What every redact row on record says, by the id of the row it touched. */
GHashTable *
trellis_audit_read_redactions (TrellisDatabase  *db,
                               GError          **error)
{
  g_autoptr(GHashTable) redactions = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                            (GDestroyNotify) g_ptr_array_unref);
  sqlite3_stmt *stmt = trellis_database_prepare (db, redactions_sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    add_entry (redactions, stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      trellis_database_set_error (db, error, rc);
      return NULL;
    }
  return g_steal_pointer (&redactions);
}

/* What the redact row redact_id recorded for audit row audit_id, or NULL. */
const TrellisAuditRedactionEntry *
trellis_audit_find_redaction (GHashTable *redactions,
                              gint64      audit_id,
                              gint64      redact_id)
{
  GPtrArray *entries = g_hash_table_lookup (redactions, &audit_id);

  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      const TrellisAuditRedactionEntry *entry = g_ptr_array_index (entries, i);

      if (entry->redact_id == redact_id)
        return entry;
    }
  return NULL;
}
