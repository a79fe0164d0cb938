/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>
#include <nettle/sha2.h>
#include <string.h>

#include "trellis-audit.h"
#include "trellis-audit-coverage.h"
#include "trellis-audit-private.h"
#include "trellis-database-private.h"
#include "trellis-storage-error.h"

/* The audit trail is a hash chain: each row stores SHA-256 over the previous
 * row's hash and its own content. Editing or deleting any row outside Trellis
 * breaks the chain from that row on, which `trellis-cli check` reports.
 *
 * Redactable values (format 5). A purge of research data must take the
 * participant's values out of the trail too, and a chain that hashed the
 * values themselves could not give them up without breaking. So from format
 * 5 each row has a random 16-byte salt (value_salt, hex) and the digests
 * old_digest and new_digest = SHA-256 (salt ‖ value), hex, NULL for a NULL
 * value; the chain hashes the digests in the place of the values. The check
 * verifies the chain over the digests and, where a value is still there,
 * that it matches its digest, so a changed value is found as before.
 *
 * A purge redacts a row by setting its values and its salt to NULL and
 * redacted_by to the purge's own "redact" audit row. The digests stay, so
 * the chain still verifies end to end; without the salt a digest of short,
 * guessable content (an answer from 1 to 5) cannot be brute-forced. A bulk
 * row (one per table per import, mapping row ids to digests of the rows) is
 * rewritten instead: the purged participant's entries leave its value, which
 * gets a fresh salt, and the redact row records the rewritten row's id with
 * the digests of its new values under that salt. The chain keeps the
 * original digests, whose salt is gone.
 *
 * The redact row's value lists every row it redacted and the new digests of
 * every row it rewrote, and is itself chained and digested like any other.
 * So the check accepts a row with values gone or replaced only if the redact
 * row its redacted_by names records exactly that: values removed by hand, a
 * redacted_by pointing to a redact row that does not list the row, or a
 * rewritten value that is not the one recorded all fail. The columns the
 * chain covers stay immutable: a trigger refuses any update but the
 * redaction's (values, salt, and a redacted_by pointing to a later row).
 *
 * Appends cost what they did: one SHA-256 pass over each value for its
 * digest (Nettle uses the processor's SHA instructions where there are any),
 * then a hash of the short digests for the chain. Files before format 5 keep
 * the old chain over the values until the upgrade to format 5 checks that
 * chain and re-chains every row under the new scheme in the upgrade's
 * transaction; steps before it still append and check rows the old way. */

#define GENESIS_HASH "0000000000000000000000000000000000000000000000000000000000000000"
#define N_CONTENT_COLUMNS 9
#define SALT_BYTES 16
#define OLD_VALUE_FIELD 6
#define NEW_VALUE_FIELD 7

static const char select_chain_sql[] =
  "SELECT id, time, user, action, table_name, row_key, old_value, new_value, reason,"
  " prev_hash, hash FROM audit ORDER BY id";

static const char select_salted_sql[] =
  "SELECT id, time, user, action, table_name, row_key, old_digest, new_digest, reason,"
  " prev_hash, hash, old_value, new_value, value_salt, redacted_by FROM audit ORDER BY id";

static void
hex_encode (const guint8 *bytes,
            gsize         n,
            char         *hex)
{
  static const char digits[] = "0123456789abcdef";

  for (gsize i = 0; i < n; i++)
    {
      hex[2 * i] = digits[bytes[i] >> 4];
      hex[2 * i + 1] = digits[bytes[i] & 0xf];
    }
  hex[2 * n] = '\0';
}

/* Each field is length-prefixed and NULL is spelt apart from "", so no two
 * different rows can ever serialise to the same bytes. Nettle rather than
 * GChecksum: a bulk audit row of an import holds megabytes, and Nettle uses
 * the processor's SHA instructions where there are any, several times faster.
 * From format 5 the value fields hold the values' salted digests. */
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
  hex_encode (digest, SHA256_DIGEST_SIZE, hex);
  return hex;
}

/* SQLite's generator is a ChaCha20 stream seeded from the system's
 * randomness: unpredictable, which a salt that guards guessable values must
 * be (GRand is not). salt_hex holds TRELLIS_AUDIT_SALT_HEX_LENGTH + 1. */
void
trellis_audit_new_salt (char *salt_hex)
{
  guint8 salt[SALT_BYTES];

  sqlite3_randomness (SALT_BYTES, salt);
  hex_encode (salt, SALT_BYTES, salt_hex);
}

/* SHA-256 (salt ‖ value) in hex into digest_hex (room for
 * TRELLIS_AUDIT_VALUE_DIGEST_HEX_LENGTH + 1); FALSE if salt_hex is not a
 * salt, as a salt edited outside Trellis might not be. */
gboolean
trellis_audit_salted_digest (const char *salt_hex,
                             const char *value,
                             char       *digest_hex)
{
  struct sha256_ctx context;
  guint8 salt[SALT_BYTES];
  guint8 digest[SHA256_DIGEST_SIZE];

  if (salt_hex == NULL || strlen (salt_hex) != 2 * SALT_BYTES)
    return FALSE;
  for (guint i = 0; i < SALT_BYTES; i++)
    {
      int high = g_ascii_xdigit_value (salt_hex[2 * i]);
      int low = g_ascii_xdigit_value (salt_hex[2 * i + 1]);

      if (high < 0 || low < 0)
        return FALSE;
      salt[i] = (guint8) (high << 4 | low);
    }
  sha256_init (&context);
  sha256_update (&context, SALT_BYTES, salt);
  sha256_update (&context, strlen (value), (const guint8 *) value);
  sha256_digest (&context, SHA256_DIGEST_SIZE, digest);
  hex_encode (digest, SHA256_DIGEST_SIZE, digest_hex);
  return TRUE;
}

/* Whether the audit table has the format-5 columns. Upgrade steps before
 * format 5 append rows too, inside the upgrade's transaction, and each step
 * sets user_version as it ends, so the file's own version says which layout
 * the table has at that moment. */
gboolean
trellis_audit_is_salted (TrellisDatabase  *db,
                         gboolean         *salted,
                         GError          **error)
{
  sqlite3_stmt *stmt = trellis_database_query_single (db, "PRAGMA user_version", error);

  if (stmt == NULL)
    return FALSE;
  *salted = sqlite3_column_int (stmt, 0) >= TRELLIS_AUDIT_FIRST_SALTED_FORMAT;
  sqlite3_reset (stmt);
  return TRUE;
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

/* A row in the layout before format 5, during an upgrade from an older
 * format: the chain over the values. */
static gboolean
insert_unsalted (TrellisDatabase  *db,
                 gint64            id,
                 const char      **fields,
                 const char       *prev_hash,
                 GError          **error)
{
  g_autofree char *hash = hash_row (prev_hash, fields);
  sqlite3_stmt *stmt = trellis_database_prepare (db,
      "INSERT INTO audit (id, time, user, action, table_name, row_key, old_value,"
      " new_value, reason, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  for (guint i = 1; i < N_CONTENT_COLUMNS; i++)
    sqlite3_bind_text (stmt, i + 1, fields[i], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, prev_hash, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 11, hash, -1, SQLITE_STATIC);
  return trellis_database_step_done (db, stmt, error);
}

/* The salted digests of a row's two values under a fresh salt; a NULL value
 * has a NULL digest. */
typedef struct
{
  char salt[TRELLIS_AUDIT_SALT_HEX_LENGTH + 1];
  char old_digest[TRELLIS_AUDIT_VALUE_DIGEST_HEX_LENGTH + 1];
  char new_digest[TRELLIS_AUDIT_VALUE_DIGEST_HEX_LENGTH + 1];
} Digests;

static void
digest_values (const char *old_value,
               const char *new_value,
               Digests    *digests)
{
  digests->old_digest[0] = '\0';
  digests->new_digest[0] = '\0';
  trellis_audit_new_salt (digests->salt);
  if (old_value != NULL)
    trellis_audit_salted_digest (digests->salt, old_value, digests->old_digest);
  if (new_value != NULL)
    trellis_audit_salted_digest (digests->salt, new_value, digests->new_digest);
}

static gboolean
insert_salted (TrellisDatabase  *db,
               gint64            id,
               const char      **fields,
               const char       *prev_hash,
               GError          **error)
{
  const char *old_value = fields[OLD_VALUE_FIELD];
  const char *new_value = fields[NEW_VALUE_FIELD];
  g_autofree char *hash = NULL;
  sqlite3_stmt *stmt;
  Digests digests;

  digest_values (old_value, new_value, &digests);
  fields[OLD_VALUE_FIELD] = old_value != NULL ? digests.old_digest : NULL;
  fields[NEW_VALUE_FIELD] = new_value != NULL ? digests.new_digest : NULL;
  hash = hash_row (prev_hash, fields);

  stmt = trellis_database_prepare (db,
      "INSERT INTO audit (id, time, user, action, table_name, row_key, old_digest,"
      " new_digest, reason, prev_hash, hash, old_value, new_value, value_salt)"
      " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  for (guint i = 1; i < N_CONTENT_COLUMNS; i++)
    sqlite3_bind_text (stmt, i + 1, fields[i], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, prev_hash, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 11, hash, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 12, old_value, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 13, new_value, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 14, digests.salt, -1, SQLITE_STATIC);
  return trellis_database_step_done (db, stmt, error);
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
  const char *fields[N_CONTENT_COLUMNS];
  gboolean salted;
  gint64 last_id;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (record != NULL && record->action != NULL && record->table_name != NULL, FALSE);
  g_return_val_if_fail (!sqlite3_get_autocommit (trellis_database_get_handle (db)), FALSE);

  if (!trellis_audit_is_salted (db, &salted, error) ||
      !read_head (db, &last_id, &prev_hash, error))
    return FALSE;

  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, last_id + 1);
  fields[0] = id_text;
  fields[1] = time;
  fields[2] = g_get_user_name ();
  fields[3] = record->action;
  fields[4] = record->table_name;
  fields[5] = record->row_key;
  fields[OLD_VALUE_FIELD] = record->old_value;
  fields[NEW_VALUE_FIELD] = record->new_value;
  fields[8] = record->reason;
  return salted ? insert_salted (db, last_id + 1, fields, prev_hash, error)
                : insert_unsalted (db, last_id + 1, fields, prev_hash, error);
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

typedef enum
{
  CHAIN_CHANGED,
  CHAIN_OUT_OF_SEQUENCE,
  CHAIN_VALUE_CHANGED,
  CHAIN_REDACTION_UNRECORDED,
} ChainProblem;

static void
set_chain_error (TrellisDatabase  *db,
                 GError          **error,
                 gint64            id,
                 ChainProblem      problem)
{
  g_autofree char *name = g_filename_display_name (trellis_database_get_path (db));

  if (problem == CHAIN_OUT_OF_SEQUENCE)
    g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_AUDIT,
                 _("“%s” failed its audit check: audit row %" PRId64 " does not follow the row before it, so a row was removed or inserted outside Trellis"),
                 name, id);
  else if (problem == CHAIN_VALUE_CHANGED)
    g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_AUDIT,
                 _("“%s” failed its audit check: a value in audit row %" PRId64 " was changed outside Trellis, so it no longer matches the digest its hash covers"),
                 name, id);
  else if (problem == CHAIN_REDACTION_UNRECORDED)
    g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_AUDIT,
                 _("“%s” failed its audit check: the values of audit row %" PRId64 " were removed or replaced outside Trellis, since no purge on record accounts for it"),
                 name, id);
  else
    g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_AUDIT,
                 _("“%s” failed its audit check: audit row %" PRId64 " was changed outside Trellis, so its content no longer matches its hash"),
                 name, id);
}

/* Whether value is the one digest was made of under salt. A NULL value has a
 * NULL digest. */
static gboolean
value_matches (const char *salt,
               const char *value,
               const char *digest)
{
  char computed[TRELLIS_AUDIT_VALUE_DIGEST_HEX_LENGTH + 1];

  if (value == NULL)
    return digest == NULL;
  return digest != NULL && trellis_audit_salted_digest (salt, value, computed) && strcmp (computed, digest) == 0;
}

/* The values a format-5 row holds now, against the digests its hash covers,
 * or against those the redact row named in redacted_by recorded for it. */
static gboolean
check_values (sqlite3_stmt *stmt,
              GHashTable   *redactions,
              ChainProblem *problem)
{
  const char *old_digest = (const char *) sqlite3_column_text (stmt, 6);
  const char *new_digest = (const char *) sqlite3_column_text (stmt, 7);
  const char *old_value = (const char *) sqlite3_column_text (stmt, 11);
  const char *new_value = (const char *) sqlite3_column_text (stmt, 12);
  const char *salt = (const char *) sqlite3_column_text (stmt, 13);
  const TrellisAuditRedactionEntry *entry;

  if (sqlite3_column_type (stmt, 14) == SQLITE_NULL)
    {
      *problem = CHAIN_VALUE_CHANGED;
      return value_matches (salt, old_value, old_digest) && value_matches (salt, new_value, new_digest);
    }
  *problem = CHAIN_REDACTION_UNRECORDED;
  entry = trellis_audit_find_redaction (redactions, sqlite3_column_int64 (stmt, 0),
                                        sqlite3_column_int64 (stmt, 14));
  if (entry == NULL)
    return FALSE;
  if (!entry->rewritten)
    return old_value == NULL && new_value == NULL && salt == NULL;
  return value_matches (salt, old_value, entry->old_digest) && value_matches (salt, new_value, entry->new_digest);
}

/* Walks the whole chain and fails naming the first row that does not fit.
 * With redactions (format 5), each row's values are checked too. */
static gboolean
walk_chain (TrellisDatabase  *db,
            const char       *sql,
            GHashTable       *redactions,
            GError          **error)
{
  g_autofree char *expected_prev = g_strdup (GENESIS_HASH);
  sqlite3_stmt *stmt = trellis_database_prepare (db, sql, error);
  gboolean intact = TRUE;
  int rc = SQLITE_DONE;

  if (stmt == NULL)
    return FALSE;

  while (intact && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *fields[N_CONTENT_COLUMNS];
      const char *prev_hash = (const char *) sqlite3_column_text (stmt, 9);
      const char *hash = (const char *) sqlite3_column_text (stmt, 10);
      g_autofree char *recomputed = NULL;
      ChainProblem problem = CHAIN_CHANGED;

      read_fields (stmt, fields);
      recomputed = hash_row (expected_prev, fields);
      if (g_strcmp0 (prev_hash, expected_prev) != 0)
        {
          problem = CHAIN_OUT_OF_SEQUENCE;
          intact = FALSE;
        }
      else if (g_strcmp0 (hash, recomputed) != 0)
        intact = FALSE;
      else if (redactions != NULL)
        intact = check_values (stmt, redactions, &problem);
      if (!intact)
        set_chain_error (db, error, sqlite3_column_int64 (stmt, 0), problem);
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

/* Walks the whole chain and fails naming the first row that does not fit.
 * A file before format 5 is checked under the chain it has, so that it can
 * be checked before an upgrade as well as after. */
gboolean
trellis_audit_verify_chain (TrellisDatabase  *db,
                            GError          **error)
{
  g_autoptr(GHashTable) redactions = NULL;
  gboolean salted;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), FALSE);

  if (!trellis_audit_is_salted (db, &salted, error))
    return FALSE;
  if (!salted)
    return walk_chain (db, select_chain_sql, NULL, error);
  redactions = trellis_audit_read_redactions (db, error);
  return redactions != NULL && walk_chain (db, select_salted_sql, redactions, error);
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

/* ---- The upgrade to format 5 ---- */

/* Rows are re-chained a batch at a time, so that memory stays small however
 * long the trail, and no row is updated while the query reading it runs. */
#define RECHAIN_BATCH 256

typedef struct
{
  gint64 id;
  Digests digests;
  char prev_hash[2 * SHA256_DIGEST_SIZE + 1];
  char hash[2 * SHA256_DIGEST_SIZE + 1];
} Rechained;

typedef struct
{
  char *old_prev;    /* the chain as it was, checked as it is read */
  char *new_prev;    /* the chain as it becomes */
  gint64 last_id;
  GArray *rows;      /* Rechained, this batch */
} Rechain;

/* Checks one row against the chain before format 5, and works out its place
 * in the new one. */
static gboolean
rechain_row (TrellisDatabase  *db,
             Rechain          *rechain,
             sqlite3_stmt     *stmt,
             GError          **error)
{
  const char *fields[N_CONTENT_COLUMNS];
  g_autofree char *old_hash = NULL;
  g_autofree char *new_hash = NULL;
  Rechained row = { .id = sqlite3_column_int64 (stmt, 0) };

  read_fields (stmt, fields);
  old_hash = hash_row (rechain->old_prev, fields);
  if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 9), rechain->old_prev) != 0)
    {
      set_chain_error (db, error, row.id, CHAIN_OUT_OF_SEQUENCE);
      return FALSE;
    }
  if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 10), old_hash) != 0)
    {
      set_chain_error (db, error, row.id, CHAIN_CHANGED);
      return FALSE;
    }
  digest_values (fields[OLD_VALUE_FIELD], fields[NEW_VALUE_FIELD], &row.digests);
  fields[OLD_VALUE_FIELD] = fields[OLD_VALUE_FIELD] != NULL ? row.digests.old_digest : NULL;
  fields[NEW_VALUE_FIELD] = fields[NEW_VALUE_FIELD] != NULL ? row.digests.new_digest : NULL;
  new_hash = hash_row (rechain->new_prev, fields);
  g_strlcpy (row.prev_hash, rechain->new_prev, sizeof row.prev_hash);
  g_strlcpy (row.hash, new_hash, sizeof row.hash);
  g_array_append_val (rechain->rows, row);

  g_free (rechain->old_prev);
  rechain->old_prev = g_strdup ((const char *) sqlite3_column_text (stmt, 10));
  g_free (rechain->new_prev);
  rechain->new_prev = g_steal_pointer (&new_hash);
  rechain->last_id = row.id;
  return TRUE;
}

static gboolean
read_batch (TrellisDatabase  *db,
            Rechain          *rechain,
            GError          **error)
{
  sqlite3_stmt *stmt = trellis_database_prepare (db,
      "SELECT id, time, user, action, table_name, row_key, old_value, new_value, reason,"
      " prev_hash, hash FROM audit WHERE id > ?1 ORDER BY id LIMIT " G_STRINGIFY (RECHAIN_BATCH), error);
  gboolean ok = TRUE;
  int rc = SQLITE_DONE;

  if (stmt == NULL)
    return FALSE;
  g_array_set_size (rechain->rows, 0);
  sqlite3_bind_int64 (stmt, 1, rechain->last_id);
  while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ok = rechain_row (db, rechain, stmt, error);
  sqlite3_reset (stmt);
  if (ok && rc != SQLITE_DONE)
    {
      trellis_database_set_error (db, error, rc);
      return FALSE;
    }
  return ok;
}

static gboolean
write_batch (TrellisDatabase  *db,
             Rechain          *rechain,
             GError          **error)
{
  sqlite3_stmt *stmt = trellis_database_prepare (db,
      "UPDATE audit SET value_salt = ?1, old_digest = ?2, new_digest = ?3, prev_hash = ?4, hash = ?5"
      " WHERE id = ?6", error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < rechain->rows->len; i++)
    {
      const Rechained *row = &g_array_index (rechain->rows, Rechained, i);

      sqlite3_bind_text (stmt, 1, row->digests.salt, -1, SQLITE_STATIC);
      if (row->digests.old_digest[0] != '\0')
        sqlite3_bind_text (stmt, 2, row->digests.old_digest, -1, SQLITE_STATIC);
      else
        sqlite3_bind_null (stmt, 2);
      if (row->digests.new_digest[0] != '\0')
        sqlite3_bind_text (stmt, 3, row->digests.new_digest, -1, SQLITE_STATIC);
      else
        sqlite3_bind_null (stmt, 3);
      sqlite3_bind_text (stmt, 4, row->prev_hash, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, row->hash, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 6, row->id);
      if (!trellis_database_step_done (db, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* Migration to format 5: checks every row against the chain it has, and
 * re-chains it over salted digests of its values (see the top of this file).
 * A row that does not fit the old chain stops the upgrade, whose transaction
 * then leaves the file as it was: a new chain must not bless a tampered one. */
gboolean
trellis_audit_rechain (TrellisDatabase  *db,
                       GError          **error)
{
  Rechain rechain = { g_strdup (GENESIS_HASH), g_strdup (GENESIS_HASH), 0,
                      g_array_new (FALSE, FALSE, sizeof (Rechained)) };
  gboolean ok;

  do
    ok = read_batch (db, &rechain, error) && write_batch (db, &rechain, error);
  while (ok && rechain.rows->len == RECHAIN_BATCH);

  g_free (rechain.old_prev);
  g_free (rechain.new_prev);
  g_array_unref (rechain.rows);
  return ok;
}
