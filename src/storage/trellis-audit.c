/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>
#include <nettle/sha2.h>
#include <string.h>

#include "trellis-audit.h"
#include "trellis-audit-coverage.h"
#include "trellis-database-private.h"
#include "trellis-storage-error.h"

/* The audit trail is a hash chain: each row stores SHA-256 over the previous
 * row's hash and its own content. Editing or deleting any row outside Trellis
 * breaks the chain from that row on, which `trellis-cli check` reports. */

#define GENESIS_HASH "0000000000000000000000000000000000000000000000000000000000000000"
#define N_CONTENT_COLUMNS 9

static const char select_chain_sql[] =
  "SELECT id, time, user, action, table_name, row_key, old_value, new_value, reason,"
  " prev_hash, hash FROM audit ORDER BY id";

/* Each field is length-prefixed and NULL is spelt apart from "", so no two
 * different rows can ever serialise to the same bytes. Nettle rather than
 * GChecksum: a bulk audit row of an import holds megabytes, and Nettle uses
 * the processor's SHA instructions where there are any, several times faster. */
static char *
hash_row (const char  *prev_hash,
          const char **fields)
{
  struct sha256_ctx context;
  guint8 digest[SHA256_DIGEST_SIZE];
  char *hex = g_malloc (2 * SHA256_DIGEST_SIZE + 1);

  sha256_init (&context);
  sha256_update (&context, strlen (prev_hash), (const guint8 *) prev_hash);
  for (guint i = 0; i < N_CONTENT_COLUMNS; i++)
    {
      char prefix[32];
      gsize length = fields[i] != NULL ? strlen (fields[i]) : 0;

      if (fields[i] != NULL)
        g_snprintf (prefix, sizeof prefix, "\n%" G_GSIZE_FORMAT ":", length);
      else
        g_strlcpy (prefix, "\n-", sizeof prefix);
      sha256_update (&context, strlen (prefix), (const guint8 *) prefix);
      if (fields[i] != NULL)
        sha256_update (&context, length, (const guint8 *) fields[i]);
    }
  sha256_digest (&context, SHA256_DIGEST_SIZE, digest);
  for (guint i = 0; i < SHA256_DIGEST_SIZE; i++)
    g_snprintf (hex + 2 * i, 3, "%02x", digest[i]);
  return hex;
}

static char *
now_utc (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%fZ");
}

static gboolean
read_head (TrellisDatabase  *db,
           gint64           *last_id,
           char            **last_hash,
           GError          **error)
{
  sqlite3_stmt *stmt = trellis_database_prepare (db,
      "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  *last_id = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  *last_hash = g_strdup (rc == SQLITE_ROW && sqlite3_column_text (stmt, 1)
                         ? (const char *) sqlite3_column_text (stmt, 1) : GENESIS_HASH);
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      trellis_database_set_error (db, error, rc);
      return FALSE;
    }
  return TRUE;
}

/* Must run inside the write transaction of the change it records. */
gboolean
trellis_audit_append (TrellisDatabase           *db,
                      const TrellisAuditRecord  *record,
                      GError                   **error)
{
  g_autofree char *prev_hash = NULL;
  g_autofree char *id_text = NULL;
  g_autofree char *time = now_utc ();
  g_autofree char *hash = NULL;
  const char *fields[N_CONTENT_COLUMNS];
  sqlite3_stmt *stmt;
  gint64 last_id;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (record != NULL && record->action != NULL && record->table_name != NULL, FALSE);
  g_return_val_if_fail (!sqlite3_get_autocommit (trellis_database_get_handle (db)), FALSE);

  if (!read_head (db, &last_id, &prev_hash, error))
    return FALSE;

  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, last_id + 1);
  fields[0] = id_text;
  fields[1] = time;
  fields[2] = g_get_user_name ();
  fields[3] = record->action;
  fields[4] = record->table_name;
  fields[5] = record->row_key;
  fields[6] = record->old_value;
  fields[7] = record->new_value;
  fields[8] = record->reason;
  hash = hash_row (prev_hash, fields);

  stmt = trellis_database_prepare (db,
      "INSERT INTO audit (id, time, user, action, table_name, row_key, old_value,"
      " new_value, reason, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?)", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, last_id + 1);
  for (guint i = 1; i < N_CONTENT_COLUMNS; i++)
    sqlite3_bind_text (stmt, i + 1, fields[i], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, prev_hash, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 11, hash, -1, SQLITE_STATIC);

  return trellis_database_step_done (db, stmt, error);
}

gboolean
trellis_audit_append_migration (TrellisDatabase  *db,
                                int               from_version,
                                int               to_version,
                                GError          **error)
{
  g_autofree char *old_value = g_strdup_printf ("{\"schema_version\":%d}", from_version);
  g_autofree char *new_value = g_strdup_printf ("{\"schema_version\":%d}", to_version);
  TrellisAuditRecord record = {
    .action = "migrate",
    .table_name = "schema",
    .row_key = NULL,
    .old_value = old_value,
    .new_value = new_value,
    .reason = trellis_database_get_migration_backup (db),
  };

  return trellis_audit_append (db, &record, error);
}

static void
read_fields (sqlite3_stmt *stmt,
             const char  **fields)
{
  for (guint i = 0; i < N_CONTENT_COLUMNS; i++)
    fields[i] = (const char *) sqlite3_column_text (stmt, i);
}

static void
set_chain_error (TrellisDatabase  *db,
                 GError          **error,
                 gint64            id,
                 gboolean          out_of_sequence)
{
  g_autofree char *name = g_filename_display_name (trellis_database_get_path (db));

  g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_AUDIT,
               out_of_sequence
               ? _("“%s” failed its audit check: audit row %" PRId64 " does not follow the row before it, so a row was removed or inserted outside Trellis")
               : _("“%s” failed its audit check: audit row %" PRId64 " was changed outside Trellis, so its content no longer matches its hash"),
               name, id);
}

/* Walks the whole chain and fails naming the first row that does not fit.
 * The chain is over the audit table alone, whose columns every format since
 * 2 shares, so it can be checked before an upgrade as well as after. */
gboolean
trellis_audit_verify_chain (TrellisDatabase  *db,
                            GError          **error)
{
  g_autofree char *expected_prev = g_strdup (GENESIS_HASH);
  sqlite3_stmt *stmt;
  gboolean intact = TRUE;
  int rc = SQLITE_DONE;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), FALSE);

  stmt = trellis_database_prepare (db, select_chain_sql, error);
  if (stmt == NULL)
    return FALSE;

  while (intact && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *fields[N_CONTENT_COLUMNS];
      const char *prev_hash = (const char *) sqlite3_column_text (stmt, 9);
      const char *hash = (const char *) sqlite3_column_text (stmt, 10);
      g_autofree char *recomputed = NULL;

      read_fields (stmt, fields);
      recomputed = hash_row (expected_prev, fields);
      intact = g_strcmp0 (prev_hash, expected_prev) == 0 && g_strcmp0 (hash, recomputed) == 0;
      if (!intact)
        set_chain_error (db, error, sqlite3_column_int64 (stmt, 0),
                         g_strcmp0 (prev_hash, expected_prev) != 0);
      g_free (expected_prev);
      expected_prev = g_strdup (hash);
    }
  sqlite3_reset (stmt);

  if (intact && rc != SQLITE_DONE)
    {
      trellis_database_set_error (db, error, rc);
      return FALSE;
    }
  return intact;
}

/* The chain shows no audit row was altered; coverage, that the data agrees
 * with the audit trail. */
gboolean
trellis_audit_verify (TrellisDatabase  *db,
                      GError          **error)
{
  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), FALSE);

  return trellis_audit_verify_chain (db, error) && trellis_audit_verify_coverage (db, error);
}

char *
trellis_audit_head_hash (TrellisDatabase  *db,
                         GError          **error)
{
  g_autofree char *hash = NULL;
  gint64 last_id;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), NULL);

  if (!read_head (db, &last_id, &hash, error))
    return NULL;
  return g_steal_pointer (&hash);
}

gint64
trellis_audit_count (TrellisDatabase  *db,
                     GError          **error)
{
  sqlite3_stmt *stmt;
  gint64 count = -1;
  int rc;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), -1);

  stmt = trellis_database_prepare (db, "SELECT count(*) FROM audit", error);
  if (stmt == NULL)
    return -1;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  else
    trellis_database_set_error (db, error, rc);
  sqlite3_reset (stmt);
  return count;
}

/* Migration to format 2: hashes every row written before the chain existed, in
 * order, so the rows from format 1 are protected from then on. */
gboolean
trellis_audit_backfill_chain (TrellisDatabase  *db,
                              GError          **error)
{
  g_autofree char *prev = g_strdup (GENESIS_HASH);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) hashes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) prevs = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = trellis_database_prepare (db, select_chain_sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *fields[N_CONTENT_COLUMNS];

      read_fields (stmt, fields);
      g_ptr_array_add (ids, g_strdup (fields[0]));
      g_ptr_array_add (prevs, g_strdup (prev));
      g_free (prev);
      prev = hash_row (prevs->pdata[prevs->len - 1], fields);
      g_ptr_array_add (hashes, g_strdup (prev));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      trellis_database_set_error (db, error, rc);
      return FALSE;
    }

  stmt = trellis_database_prepare (db, "UPDATE audit SET prev_hash = ?, hash = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      sqlite3_bind_text (stmt, 1, prevs->pdata[i], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, hashes->pdata[i], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, ids->pdata[i], -1, SQLITE_STATIC);
      if (!trellis_database_step_done (db, stmt, error))
        return FALSE;
    }
  return TRUE;
}
