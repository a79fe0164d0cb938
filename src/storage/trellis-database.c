/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "trellis-audit.h"
#include "trellis-audit-coverage.h"
#include "trellis-database-files.h"
#include "trellis-database-private.h"
#include "trellis-file-lock.h"
#include "trellis-file-probe.h"
#include "trellis-migrations.h"
#include "trellis-storage-error.h"
#include "trellis-study-store.h"
#include "trellis-timepoint-store.h"

/* Long enough to ride out another writer's short transaction, short enough that
 * a person waiting on a stuck lock hears about it promptly. */
#define BUSY_TIMEOUT_MS 1000

struct _TrellisDatabase
{
  GObject parent_instance;

  char *path;
  sqlite3 *db;
  TrellisFileLock *lock;
  GHashTable *statements;   /* SQL text → cached sqlite3_stmt */
  char *migration_backup;
  int migrated_from;        /* the format before this open upgraded it, or 0 */
  int schema_version;
  TrellisOpenFlags flags;
  TrellisReadOnlyReason read_only_reason;
  gboolean tidy_on_close;   /* this read-only open created the -wal and -shm */
  gboolean immutable;       /* read straight from the file, see open_read_only () */
  gboolean derived_writes;  /* may store caches (trellis_database_begin_derived_write ()) */
  gboolean query_only;      /* a reader: writes only what it derives */
};

G_DEFINE_FINAL_TYPE (TrellisDatabase, trellis_database, G_TYPE_OBJECT)

static void
trellis_database_finalize (GObject *object)
{
  TrellisDatabase *self = TRELLIS_DATABASE (object);

  /* Statements must be finalised before the connection can close, and the
   * lock released only after it has: releasing closes a descriptor of the
   * study, which would drop SQLite's fcntl() locks on it if the connection
   * were still open (see trellis-file-lock.c). */
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->db, sqlite3_close);
  if (self->tidy_on_close)
    trellis_database_files_tidy (self->path);
  g_clear_pointer (&self->lock, trellis_file_lock_release);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->migration_backup, g_free);

  G_OBJECT_CLASS (trellis_database_parent_class)->finalize (object);
}

static void
trellis_database_class_init (TrellisDatabaseClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = trellis_database_finalize;
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
trellis_database_init (TrellisDatabase *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
}

static TrellisDatabase *
database_new (const char *path)
{
  TrellisDatabase *self = g_object_new (TRELLIS_TYPE_DATABASE, NULL);

  self->path = g_strdup (path);
  return self;
}

static char *
display_name (TrellisDatabase *self)
{
  return g_filename_display_name (self->path);
}

/* Turns an SQLite result code into a message a person can act on. */
void
trellis_database_set_error (TrellisDatabase  *self,
                            GError          **error,
                            int               rc)
{
  g_autofree char *name = display_name (self);
  const char *detail = self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_LOCKED,
                   _("“%s” is locked by another program that is writing to it. Try again when it has finished."),
                   name);
      break;
    case SQLITE_READONLY:
      g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_READ_ONLY,
                   _("“%s” is read-only: changes cannot be saved"), name);
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_CORRUPT,
                   _("“%s” is damaged (%s). Restore it from a backup."), name, detail);
      break;
    case SQLITE_CONSTRAINT:
      g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_CONSTRAINT,
                   _("The change was refused by “%s”: %s"), name, detail);
      break;
    case SQLITE_FULL:
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
      g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_IO,
                   _("Could not read or write “%s”: %s"), name, detail);
      break;
    default:
      g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_FAILED,
                   _("Could not use “%s”: %s"), name, detail);
    }
}

sqlite3 *
trellis_database_get_handle (TrellisDatabase *self)
{
  g_return_val_if_fail (TRELLIS_IS_DATABASE (self), NULL);
  return self->db;
}

/* Returns a cached statement, reset and with its bindings cleared. */
sqlite3_stmt *
trellis_database_prepare (TrellisDatabase  *self,
                          const char       *sql,
                          GError          **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (self), NULL);

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      trellis_database_set_error (self, error, rc);
      return NULL;
    }

  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

gboolean
trellis_database_exec (TrellisDatabase  *self,
                       const char       *sql,
                       GError          **error)
{
  int rc;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (self), FALSE);

  rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      trellis_database_set_error (self, error, rc);
      return FALSE;
    }
  return TRUE;
}

gboolean
trellis_database_step_done (TrellisDatabase  *self,
                            sqlite3_stmt     *stmt,
                            GError          **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_DONE || rc == SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return TRUE;
    }

  /* Read the message before reset() replaces it. */
  trellis_database_set_error (self, error, rc);
  sqlite3_reset (stmt);
  return FALSE;
}

gboolean
trellis_database_begin_write (TrellisDatabase  *self,
                              GError          **error)
{
  g_return_val_if_fail (TRELLIS_IS_DATABASE (self), FALSE);

  if (self->read_only_reason != TRELLIS_READ_ONLY_REASON_NONE)
    {
      trellis_database_set_error (self, error, SQLITE_READONLY);
      return FALSE;
    }
  return trellis_database_exec (self, "BEGIN IMMEDIATE", error);
}

gboolean
trellis_database_commit (TrellisDatabase  *self,
                         GError          **error)
{
  g_return_val_if_fail (TRELLIS_IS_DATABASE (self), FALSE);

  if (trellis_database_exec (self, "COMMIT", error))
    return TRUE;

  trellis_database_rollback (self);
  return FALSE;
}

void
trellis_database_rollback (TrellisDatabase *self)
{
  g_return_if_fail (TRELLIS_IS_DATABASE (self));

  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

/* Steps a query that must return one row and leaves the statement on it; the
 * caller reads its columns, then resets the statement. A query that finds no
 * row is a damaged file, and says so in words: SQLite's own message for it,
 * "no more rows available", names neither the file nor what is missing. */
sqlite3_stmt *
trellis_database_query_single (TrellisDatabase  *self,
                               const char       *sql,
                               GError          **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (self), NULL);

  stmt = trellis_database_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return stmt;

  if (rc == SQLITE_DONE)
    {
      g_autofree char *name = display_name (self);

      g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_CORRUPT,
                   _("“%s” is damaged: the query “%s” returned no row, where every study has one"),
                   name, sql);
    }
  else
    trellis_database_set_error (self, error, rc);
  sqlite3_reset (stmt);
  return NULL;
}

static gboolean
query_int (TrellisDatabase  *self,
           const char       *sql,
           int              *value,
           GError          **error)
{
  sqlite3_stmt *stmt = trellis_database_query_single (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  *value = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
query_text (TrellisDatabase  *self,
            const char       *sql,
            char            **value,
            GError          **error)
{
  sqlite3_stmt *stmt = trellis_database_query_single (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  *value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return TRUE;
}

/* Several reads that must agree with each other (an audit count and the head
 * hash, or the rows a check verified and the number it reports) are made in
 * one read transaction: they all see the study as one commit left it, even
 * while Trellis writes to it. BEGIN alone takes no snapshot; the first read
 * does, so one is made at once. It reads the format again: another program
 * may have upgraded the study since it was opened. */
gboolean
trellis_database_begin_read (TrellisDatabase  *self,
                             GError          **error)
{
  g_autofree char *name = NULL;
  int version = 0;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (sqlite3_get_autocommit (self->db), FALSE);

  if (!trellis_database_exec (self, "BEGIN", error))
    return FALSE;
  if (!query_int (self, "PRAGMA user_version", &version, error))
    {
      trellis_database_end_read (self);
      return FALSE;
    }
  if (version == self->schema_version)
    return TRUE;

  trellis_database_end_read (self);
  name = display_name (self);
  g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_NEWER,
               _("“%s” was changed to file format %d by another program while it was being read. Open it again."),
               name, version);
  return FALSE;
}

/* A read transaction has nothing to commit: ending it just lets go of its
 * snapshot, so that the write-ahead log can be checkpointed past it. */
void
trellis_database_end_read (TrellisDatabase *self)
{
  g_return_if_fail (TRELLIS_IS_DATABASE (self));

  if (!sqlite3_get_autocommit (self->db) &&
      sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    trellis_database_rollback (self);
}

/* SQLite answers a PRAGMA it cannot honour by quietly keeping the old setting,
 * so each setting is read back before the study is trusted (DESIGN §5). */
static gboolean
set_and_verify (TrellisDatabase  *self,
                const char       *set_sql,
                const char       *get_sql,
                int               expected,
                GError          **error)
{
  g_autofree char *name = NULL;
  int value = -1;

  if (!trellis_database_exec (self, set_sql, error) ||
      !query_int (self, get_sql, &value, error))
    return FALSE;
  if (value == expected)
    return TRUE;

  name = display_name (self);
  g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_IO,
               _("Could not set up “%s”: SQLite did not accept the setting “%s”"), name, set_sql);
  return FALSE;
}

/* Setting the journal mode returns the mode now in force: without shared
 * memory (some network and virtual file systems) SQLite keeps the old one. */
static gboolean
use_wal (TrellisDatabase  *self,
         GError          **error)
{
  g_autofree char *mode = NULL;
  g_autofree char *name = NULL;

  if (!query_text (self, "PRAGMA journal_mode = WAL", &mode, error))
    return FALSE;
  if (g_ascii_strcasecmp (mode != NULL ? mode : "", "wal") == 0)
    return TRUE;

  name = display_name (self);
  g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_IO,
               _("Could not use “%s”: SQLite could not switch it to write-ahead logging and kept the “%s” journal. The file system may not support it; move the study to a local disk."),
               name, mode != NULL ? mode : "?");
  return FALSE;
}

static gboolean
apply_pragmas (TrellisDatabase  *self,
               GError          **error)
{
  if (!set_and_verify (self, "PRAGMA foreign_keys = ON", "PRAGMA foreign_keys", 1, error))
    return FALSE;
  if (self->read_only_reason != TRELLIS_READ_ONLY_REASON_NONE)
    return TRUE;

  /* Research data: durability is worth more than the last few percent of speed.
   * Deleted content is overwritten with zeros, so that identifiers purged on a
   * participant's request leave no copy in the file's free pages. */
  return use_wal (self, error) &&
         set_and_verify (self, "PRAGMA synchronous = FULL", "PRAGMA synchronous", 2, error) &&
         set_and_verify (self, "PRAGMA secure_delete = ON", "PRAGMA secure_delete", 1, error);
}

/* SQLite keeps a count of all the memory it has allocated, for
 * sqlite3_memory_used () and heap limits, which Trellis uses neither of,
 * under a lock shared by all connections: one lock and unlock for every
 * allocation, some 3% of an import's inserts. It can only be turned off
 * before SQLite is first used, which the first connection does; should
 * something else in the process have used SQLite already, the setting is
 * refused and the count simply stays. */
static void
configure_sqlite (void)
{
  static gsize configured = 0;

  if (g_once_init_enter (&configured))
    {
      sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0);
      g_once_init_leave (&configured, 1);
    }
}

/* The busy timeout is set before anything is read: the first reads (the
 * application id and the format) already need a shared lock, which another
 * program's short transaction on a rollback-journal file holds off. */
static gboolean
open_connection (TrellisDatabase  *self,
                 const char       *uri,
                 int               flags,
                 GError          **error)
{
  int rc;

  configure_sqlite ();
  rc = sqlite3_open_v2 (uri, &self->db, flags | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);
  if (rc != SQLITE_OK)
    {
      trellis_database_set_error (self, error, rc);
      return FALSE;
    }
  sqlite3_extended_result_codes (self->db, TRUE);
  trellis_audit_register_functions (self->db);
  return TRUE;
}

static void
set_pending_log_error (TrellisDatabase  *self,
                       GError          **error)
{
  g_autofree char *name = display_name (self);
  g_autofree char *wal = g_strconcat (self->path, "-wal", NULL);
  g_autofree char *wal_name = g_filename_display_name (wal);

  g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_READ_ONLY,
               _("“%s” has unsaved changes in “%s”, and its folder is read-only, so they cannot be read. Open the study where it can be written: make the folder writable, or copy both files to a writable folder."),
               name, wal_name);
}

/* A read-only open must leave nothing behind. Reading a WAL study the normal
 * way makes SQLite create -wal and -shm beside it, with the study's own mode
 * bits (0444 for a read-only file, which would then stop the next writer),
 * and fails where the folder is read-only. immutable=1 promises SQLite that
 * the file cannot change, so it reads the file directly: no locks, no
 * sidecars. That holds for a file or folder nobody may write, and only while
 * no commits wait in a non-empty -wal, which immutable would skip; those are
 * read the normal way, which needs a writable folder for the -shm. A plain
 * request on a writable study also reads the normal way, since a writer may
 * be at work; sidecars it creates there are usable by the next writer, and
 * are tidied away on close (see trellis_database_files_tidy()). */
static gboolean
open_read_only (TrellisDatabase  *self,
                GError          **error)
{
  gboolean pending = trellis_file_has_wal_content (self->path);
  gboolean unwritable = self->read_only_reason == TRELLIS_READ_ONLY_REASON_FILE ||
                        self->read_only_reason == TRELLIS_READ_ONLY_REASON_FOLDER;
  g_autofree char *uri = NULL;

  if (pending && !trellis_database_files_folder_is_writable (self->path))
    {
      set_pending_log_error (self, error);
      return FALSE;
    }

  self->lock = trellis_file_lock_watch (self->path, error);
  if (self->lock == NULL)
    return FALSE;

  self->tidy_on_close = !unwritable && !trellis_database_files_have_sidecars (self->path);
  self->immutable = unwritable && !pending;
  uri = trellis_database_files_uri (self->path, "ro", self->immutable);
  return open_connection (self, uri, SQLITE_OPEN_READONLY, error);
}

static gboolean
open_for_writing (TrellisDatabase  *self,
                  GError          **error)
{
  g_autofree char *uri = trellis_database_files_uri (self->path, "rw", FALSE);

  self->lock = trellis_file_lock_acquire (self->path, error);
  self->derived_writes = TRUE;
  return self->lock != NULL && open_connection (self, uri, SQLITE_OPEN_READWRITE, error);
}

static gboolean
check_application (TrellisDatabase  *self,
                   GError          **error)
{
  g_autofree char *name = NULL;
  int application_id = 0;

  if (!query_int (self, "PRAGMA application_id", &application_id, error))
    return FALSE;

  if ((guint32) application_id != TRELLIS_APPLICATION_ID)
    {
      name = display_name (self);
      g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_FOREIGN,
                   _("“%s” is a database from another application, not a Trellis study"), name);
      return FALSE;
    }
  return query_int (self, "PRAGMA user_version", &self->schema_version, error);
}

static gboolean
check_format (TrellisDatabase  *self,
              GError          **error)
{
  g_autofree char *name = display_name (self);

  if (self->schema_version > TRELLIS_SCHEMA_VERSION)
    {
      g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_NEWER,
                   _("“%s” was saved by a newer version of Trellis (file format %d; this version reads up to %d). Update Trellis to open it."),
                   name, self->schema_version, TRELLIS_SCHEMA_VERSION);
      return FALSE;
    }
  if (self->schema_version < 1)
    {
      g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_CORRUPT,
                   _("“%s” is an unfinished Trellis study: it was never fully created. Create the study again."),
                   name);
      return FALSE;
    }
  return TRUE;
}

/* What stops an older study being upgraded, for a caller that asked for a
 * read-only open: its error says the study needs upgrading (MIGRATION, so
 * the caller can offer to) and what must be made writable first. */
static void
set_upgrade_needed_error (TrellisDatabase  *self,
                          GError          **error)
{
  g_autofree char *name = display_name (self);
  int old = self->schema_version;

  if (self->read_only_reason == TRELLIS_READ_ONLY_REASON_FILE)
    g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_MIGRATION,
                 _("“%s” uses an older file format (%d) and must be upgraded to format %d before it can be read. It is read-only: make it writable, then open it for writing to upgrade it (a backup copy is kept)."),
                 name, old, TRELLIS_SCHEMA_VERSION);
  else if (self->read_only_reason == TRELLIS_READ_ONLY_REASON_FOLDER)
    g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_MIGRATION,
                 _("“%s” uses an older file format (%d) and must be upgraded to format %d before it can be read. Its folder is read-only: make the folder writable, then open it for writing to upgrade it (a backup copy is kept)."),
                 name, old, TRELLIS_SCHEMA_VERSION);
  else
    g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_MIGRATION,
                 _("“%s” uses an older file format (%d) and must be upgraded to format %d before it can be read. Open it for writing to upgrade it (a backup copy is kept)."),
                 name, old, TRELLIS_SCHEMA_VERSION);
}

/* This version reads an older format only after upgrading it, which a
 * read-only open never does, nor one that asked not to; the message says
 * what would let it. */
static gboolean
check_upgradable (TrellisDatabase  *self,
                  GError          **error)
{
  g_autofree char *name = NULL;

  if (self->schema_version >= TRELLIS_SCHEMA_VERSION)
    return TRUE;
  if (self->flags & (TRELLIS_OPEN_FLAGS_READ_ONLY | TRELLIS_OPEN_FLAGS_NO_UPGRADE))
    {
      set_upgrade_needed_error (self, error);
      return FALSE;
    }
  if (self->read_only_reason == TRELLIS_READ_ONLY_REASON_NONE)
    return TRUE;

  name = display_name (self);
  if (self->read_only_reason == TRELLIS_READ_ONLY_REASON_FOLDER)
    g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_READ_ONLY,
                 _("“%s” uses an older file format (%d) and must be upgraded before it can be opened, but its folder is read-only. Make the folder writable, then open it again."),
                 name, self->schema_version);
  else
    g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_READ_ONLY,
                 _("“%s” uses an older file format (%d) and must be upgraded before it can be opened, but it is read-only. Make it writable, then open it again."),
                 name, self->schema_version);
  return FALSE;
}

/* A raw write lock held by some other program (not a Trellis, whose claim
 * would have been refused already) shows up as a busy BEGIN IMMEDIATE. */
static gboolean
probe_write_lock (TrellisDatabase  *self,
                  GError          **error)
{
  if (!trellis_database_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  return trellis_database_exec (self, "COMMIT", error);
}

static char *
backup_path_for (TrellisDatabase *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *dir = g_path_get_dirname (self->path);
  g_autofree char *base = g_path_get_basename (self->path);
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';

  for (guint n = 1;; n++)
    {
      g_autofree char *name = n == 1
        ? g_strdup_printf ("%s.v%d-backup-%s.trellis", base, self->schema_version, stamp)
        : g_strdup_printf ("%s.v%d-backup-%s-%u.trellis", base, self->schema_version, stamp, n);
      g_autofree char *candidate = g_build_filename (dir, name, NULL);

      if (trellis_database_files_check_unused (candidate, NULL))
        return g_steal_pointer (&candidate);
    }
}

static gboolean
back_up (TrellisDatabase  *self,
         GError          **error)
{
  g_autofree char *backup = backup_path_for (self);

  if (!trellis_database_save_copy (self, backup, error))
    {
      g_autofree char *name = display_name (self);

      g_prefix_error (error, _("Could not back up “%s” before upgrading it: "), name);
      return FALSE;
    }
  self->migration_backup = g_steal_pointer (&backup);
  return TRUE;
}

/* The steps, their audit row and the whole-file checks share one
 * transaction, so a file that fails its checks after the steps is rolled
 * back to its old format rather than committed in a doubtful state.
 * integrity_check and foreign_key_check see the transaction's own changes. */
static gboolean
upgrade_in_transaction (TrellisDatabase  *self,
                        int               from,
                        GError          **error)
{
  if (!trellis_database_begin_write (self, error))
    return FALSE;

  if (trellis_migrations_apply (self, from, error) &&
      trellis_audit_append_migration (self, from, TRELLIS_SCHEMA_VERSION, error) &&
      trellis_database_check_integrity (self, error) &&
      trellis_database_commit (self, error))
    return TRUE;

  trellis_database_rollback (self);
  return FALSE;
}

static gboolean
migrate (TrellisDatabase  *self,
         GError          **error)
{
  int from = self->schema_version;

  if (!trellis_migrations_check_audit (self, from, error) || !back_up (self, error))
    return FALSE;

  if (!upgrade_in_transaction (self, from, error))
    {
      g_autofree char *name = display_name (self);

      g_prefix_error (error, _("Could not upgrade “%s” from format %d (the file is unchanged): "),
                      name, from);
      return FALSE;
    }
  self->migrated_from = from;
  self->schema_version = TRELLIS_SCHEMA_VERSION;
  return TRUE;
}

TrellisDatabase *
trellis_database_open (const char        *path,
                       TrellisOpenFlags   flags,
                       GError           **error)
{
  g_autoptr(TrellisDatabase) self = NULL;
  gboolean writable;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!trellis_file_probe (path, error))
    return NULL;

  self = database_new (path);
  self->flags = flags;
  self->read_only_reason = trellis_database_files_read_only_reason (path, flags);
  writable = self->read_only_reason == TRELLIS_READ_ONLY_REASON_NONE;

  /* A study that is not to be upgraded is refused before the pragmas: the
   * switch to write-ahead logging would be a change to it. */
  if (!(writable ? open_for_writing (self, error) : open_read_only (self, error)) ||
      !check_application (self, error) ||
      !check_format (self, error) ||
      !check_upgradable (self, error) ||
      !apply_pragmas (self, error))
    return NULL;

  if (writable && !probe_write_lock (self, error))
    return NULL;
  if (self->schema_version < TRELLIS_SCHEMA_VERSION && !migrate (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/* A second connection to the same study that only reads, for a worker
 * thread to read through while this one goes on serving the main thread: a
 * connection is used by one thread at a time (SQLITE_OPEN_NOMUTEX), and with
 * write-ahead logging a reader and the writer do not wait for each other.
 * It claims nothing and checks nothing that this open has not already, so it
 * must be dropped before this one is.
 *
 * Where this open may write, the reader is opened for writing but kept
 * query_only, so that the one thing it writes is what it derives from what
 * it read (trellis_database_begin_derived_write ()): a cache made in a
 * worker is stored from the same snapshot it was made from. */
TrellisDatabase *
trellis_database_open_reader (TrellisDatabase  *self,
                              GError          **error)
{
  g_autoptr(TrellisDatabase) reader = NULL;
  g_autofree char *uri = NULL;
  gboolean derived = self->read_only_reason == TRELLIS_READ_ONLY_REASON_NONE;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (self), NULL);

  reader = database_new (self->path);
  reader->flags = TRELLIS_OPEN_FLAGS_READ_ONLY;
  reader->read_only_reason = TRELLIS_READ_ONLY_REASON_REQUESTED;
  reader->schema_version = self->schema_version;
  reader->immutable = self->immutable;
  uri = trellis_database_files_uri (self->path, derived ? "rw" : "ro", self->immutable);
  if (!open_connection (reader, uri, derived ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY, error))
    return NULL;
  if (derived &&
      (!set_and_verify (reader, "PRAGMA query_only = ON", "PRAGMA query_only", 1, error) ||
       !set_and_verify (reader, "PRAGMA synchronous = FULL", "PRAGMA synchronous", 2, error) ||
       !set_and_verify (reader, "PRAGMA secure_delete = ON", "PRAGMA secure_delete", 1, error)))
    return NULL;
  reader->derived_writes = reader->query_only = derived;
  return g_steal_pointer (&reader);
}

/* Lets the read transaction this connection is in write what it derives
 * from its snapshot, such as the score cache, and nothing waits for it: the
 * first write fails at once (SQLITE_BUSY) if another connection is writing
 * or has written since the snapshot was taken, so nothing stale is ever
 * stored. Such writes are not changes to the study and have no audit rows;
 * they commit when the read ends (trellis_database_end_read ()). FALSE where
 * this connection may not write, or is not in a transaction. */
gboolean
trellis_database_begin_derived_write (TrellisDatabase *self)
{
  g_return_val_if_fail (TRELLIS_IS_DATABASE (self), FALSE);

  if (!self->derived_writes || sqlite3_get_autocommit (self->db))
    return FALSE;
  sqlite3_busy_timeout (self->db, 0);
  return !self->query_only || sqlite3_exec (self->db, "PRAGMA query_only = OFF", NULL, NULL, NULL) == SQLITE_OK;
}

/* Turns this connection's triggers off or on, for a bulk writer that has
 * already done what they would do for each row: with them on, each row
 * inserted into answer_sheet runs the score cache's trigger program, a
 * fifth more work per row even when it finds nothing to drop. SQLite makes
 * every prepared statement prepare itself again after the change, so none
 * made without triggers runs once they are back. */
void
trellis_database_set_triggers_enabled (TrellisDatabase *self,
                                       gboolean         enabled)
{
  g_return_if_fail (TRELLIS_IS_DATABASE (self));

  sqlite3_db_config (self->db, SQLITE_DBCONFIG_ENABLE_TRIGGER, enabled ? 1 : 0, NULL);
}

/* Ends what trellis_database_begin_derived_write () allowed; returns stored. */
gboolean
trellis_database_end_derived_write (TrellisDatabase *self,
                                    gboolean         stored)
{
  g_return_val_if_fail (TRELLIS_IS_DATABASE (self), FALSE);

  if (self->query_only)
    sqlite3_exec (self->db, "PRAGMA query_only = ON", NULL, NULL, NULL);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);
  return stored;
}

static gboolean
initialise (TrellisDatabase  *self,
            const char       *title,
            GError          **error)
{
  g_autofree char *set_id = g_strdup_printf ("PRAGMA application_id = %d",
                                             (int) TRELLIS_APPLICATION_ID);

  if (!apply_pragmas (self, error) ||
      !trellis_database_begin_write (self, error))
    return FALSE;

  if (!trellis_database_exec (self, set_id, error) ||
      !trellis_migrations_apply (self, 0, error) ||
      !trellis_study_store_seed (self, title, error) ||
      !trellis_timepoint_store_seed (self, error) ||
      !trellis_database_commit (self, error))
    {
      trellis_database_rollback (self);
      return FALSE;
    }
  self->schema_version = TRELLIS_SCHEMA_VERSION;
  return TRUE;
}

/* Creates a new study at path, which must not exist, nor any of its sidecars.
 * On failure, only the files this call created are removed. */
TrellisDatabase *
trellis_database_create (const char  *path,
                         const char  *title,
                         GError     **error)
{
  g_autoptr(TrellisDatabase) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (title != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!trellis_database_files_create_empty (path, error))
    return NULL;

  self = database_new (path);
  if (!open_for_writing (self, error) || !initialise (self, title, error))
    {
      g_clear_object (&self);
      trellis_database_files_remove_created (path);
      return NULL;
    }

  return g_steal_pointer (&self);
}

const char *
trellis_database_get_path (TrellisDatabase *self)
{
  g_return_val_if_fail (TRELLIS_IS_DATABASE (self), NULL);
  return self->path;
}

gboolean
trellis_database_is_read_only (TrellisDatabase *self)
{
  g_return_val_if_fail (TRELLIS_IS_DATABASE (self), TRUE);
  return self->read_only_reason != TRELLIS_READ_ONLY_REASON_NONE;
}

TrellisReadOnlyReason
trellis_database_get_read_only_reason (TrellisDatabase *self)
{
  g_return_val_if_fail (TRELLIS_IS_DATABASE (self), TRELLIS_READ_ONLY_REASON_REQUESTED);
  return self->read_only_reason;
}

int
trellis_database_get_schema_version (TrellisDatabase *self)
{
  g_return_val_if_fail (TRELLIS_IS_DATABASE (self), 0);
  return self->schema_version;
}

/* The copy taken before this file was last upgraded, or NULL if it was not. */
const char *
trellis_database_get_migration_backup (TrellisDatabase *self)
{
  g_return_val_if_fail (TRELLIS_IS_DATABASE (self), NULL);
  return self->migration_backup;
}

/* The file format the study had before this open upgraded it, or 0 if it did not. */
int
trellis_database_get_migrated_from (TrellisDatabase *self)
{
  g_return_val_if_fail (TRELLIS_IS_DATABASE (self), 0);
  return self->migrated_from;
}

static gboolean
collect_problems (TrellisDatabase  *self,
                  const char       *sql,
                  gboolean          ok_means_fine,
                  GString          *problems,
                  GError          **error)
{
  sqlite3_stmt *stmt = trellis_database_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *first = (const char *) sqlite3_column_text (stmt, 0);

      if (ok_means_fine && g_strcmp0 (first, "ok") == 0)
        continue;
      if (ok_means_fine)
        g_string_append_printf (problems, "%s; ", first);
      else
        g_string_append_printf (problems, _("row %lld of table %s points to a missing row of %s; "),
                                (long long) sqlite3_column_int64 (stmt, 1), first,
                                (const char *) sqlite3_column_text (stmt, 2));
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      trellis_database_set_error (self, error, rc);
      return FALSE;
    }
  return TRUE;
}

/* Runs SQLite's integrity_check and foreign_key_check over the whole file. */
gboolean
trellis_database_check_integrity (TrellisDatabase  *self,
                                  GError          **error)
{
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autofree char *name = NULL;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (self), FALSE);

  if (!collect_problems (self, "PRAGMA integrity_check", TRUE, problems, error) ||
      !collect_problems (self, "PRAGMA foreign_key_check", FALSE, problems, error))
    return FALSE;

  if (problems->len == 0)
    return TRUE;

  g_string_truncate (problems, problems->len - 2);
  name = display_name (self);
  g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_CORRUPT,
               _("“%s” failed its integrity check: %s"), name, problems->str);
  return FALSE;
}

/* Writes a consistent snapshot of the study to a new file, even while it is
 * open. Like creating a study, it never touches an existing file or sidecar;
 * the copy only appears under its name once it is whole (see
 * trellis_database_files_copy()). */
gboolean
trellis_database_save_copy (TrellisDatabase  *self,
                            const char       *dest_path,
                            GError          **error)
{
  g_return_val_if_fail (TRELLIS_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (dest_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return trellis_database_files_copy (self->db, self->path, dest_path, error);
}
