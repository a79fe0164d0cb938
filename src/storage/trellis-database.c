/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "trellis-audit.h"
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
  gboolean read_only;
};

G_DEFINE_FINAL_TYPE (TrellisDatabase, trellis_database, G_TYPE_OBJECT)

static void
trellis_database_finalize (GObject *object)
{
  TrellisDatabase *self = TRELLIS_DATABASE (object);

  /* Statements must be finalised before the connection can close. */
  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close (self->db);
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

  if (self->read_only)
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

static gboolean
query_int (TrellisDatabase  *self,
           const char       *sql,
           int              *value,
           GError          **error)
{
  sqlite3_stmt *stmt = trellis_database_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      trellis_database_set_error (self, error, rc == SQLITE_DONE ? SQLITE_CORRUPT : rc);
      sqlite3_reset (stmt);
      return FALSE;
    }
  *value = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
apply_pragmas (TrellisDatabase  *self,
               GError          **error)
{
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);

  if (!trellis_database_exec (self, "PRAGMA foreign_keys = ON", error))
    return FALSE;
  if (self->read_only)
    return TRUE;

  /* Research data: durability is worth more than the last few percent of speed. */
  return trellis_database_exec (self, "PRAGMA journal_mode = WAL", error) &&
         trellis_database_exec (self, "PRAGMA synchronous = FULL", error);
}

/* A file a person marked read-only is respected even where the OS would let
 * this process write (as root does), so an archived study stays untouched. */
static gboolean
file_is_read_only (const char *path)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return FALSE;
  return (st.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) == 0 || g_access (path, W_OK) != 0;
}

static gboolean
open_connection (TrellisDatabase  *self,
                 int               flags,
                 GError          **error)
{
  int rc = sqlite3_open_v2 (self->path, &self->db, flags | SQLITE_OPEN_NOMUTEX, NULL);

  if (rc != SQLITE_OK)
    {
      trellis_database_set_error (self, error, rc);
      return FALSE;
    }
  sqlite3_extended_result_codes (self->db, TRUE);
  return TRUE;
}

static gboolean
check_application (TrellisDatabase  *self,
                   GError          **error)
{
  g_autofree char *name = display_name (self);
  int application_id = 0;

  if (!query_int (self, "PRAGMA application_id", &application_id, error))
    return FALSE;

  if ((guint32) application_id != TRELLIS_APPLICATION_ID)
    {
      g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_FOREIGN,
                   _("“%s” is a database from another application, not a Trellis study"), name);
      return FALSE;
    }

  if (!query_int (self, "PRAGMA user_version", &self->schema_version, error))
    return FALSE;

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

/* A raw write lock held by some other program (not a Trellis, which the lock file
 * would have caught) shows up as a busy BEGIN IMMEDIATE. */
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

      if (!g_file_test (candidate, G_FILE_TEST_EXISTS))
        return g_steal_pointer (&candidate);
    }
}

static gboolean
migrate (TrellisDatabase  *self,
         GError          **error)
{
  g_autofree char *backup = backup_path_for (self);
  g_autofree char *name = display_name (self);
  int from = self->schema_version;

  if (!trellis_database_save_copy (self, backup, error))
    {
      g_prefix_error (error, _("Could not back up “%s” before upgrading it: "), name);
      return FALSE;
    }
  self->migration_backup = g_steal_pointer (&backup);

  if (!trellis_database_begin_write (self, error))
    return FALSE;
  if (!trellis_migrations_apply (self, from, error) ||
      !trellis_audit_append_migration (self, from, TRELLIS_SCHEMA_VERSION, error) ||
      !trellis_database_commit (self, error))
    {
      trellis_database_rollback (self);
      g_prefix_error (error, _("Could not upgrade “%s” from format %d (the file is unchanged): "),
                      name, from);
      return FALSE;
    }
  self->migrated_from = from;
  self->schema_version = TRELLIS_SCHEMA_VERSION;

  if (!trellis_database_check_integrity (self, error))
    {
      g_prefix_error (error, _("After upgrading, a backup of the original is at “%s”. "),
                      self->migration_backup);
      return FALSE;
    }
  return TRUE;
}

TrellisDatabase *
trellis_database_open (const char        *path,
                       TrellisOpenFlags   flags,
                       GError           **error)
{
  g_autoptr(TrellisDatabase) self = NULL;
  GError *lock_error = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!trellis_file_probe (path, error))
    return NULL;

  self = g_object_new (TRELLIS_TYPE_DATABASE, NULL);
  self->path = g_strdup (path);
  self->read_only = (flags & TRELLIS_OPEN_FLAGS_READ_ONLY) || file_is_read_only (path);

  if (!self->read_only)
    {
      self->lock = trellis_file_lock_acquire (path, &lock_error);
      if (g_error_matches (lock_error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_READ_ONLY))
        {
          /* The folder is read-only, so the study can be viewed but not changed. */
          g_clear_error (&lock_error);
          self->read_only = TRUE;
        }
      else if (lock_error != NULL)
        {
          g_propagate_error (error, lock_error);
          return NULL;
        }
    }

  if (!open_connection (self, self->read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE, error) ||
      !check_application (self, error) ||
      !apply_pragmas (self, error))
    return NULL;

  if (self->read_only && self->schema_version < TRELLIS_SCHEMA_VERSION)
    {
      g_autofree char *name = display_name (self);

      g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_READ_ONLY,
                   _("“%s” uses an older file format (%d) and must be upgraded before it can be opened, but it is read-only. Make it writable, then open it again."),
                   name, self->schema_version);
      return NULL;
    }

  if (!self->read_only && !probe_write_lock (self, error))
    return NULL;

  if (self->schema_version < TRELLIS_SCHEMA_VERSION && !migrate (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

static gboolean
create_empty_file (const char  *path,
                   GError     **error)
{
  int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);

  if (fd < 0)
    {
      int saved = errno;
      g_autofree char *name = g_filename_display_name (path);

      g_set_error (error, TRELLIS_STORAGE_ERROR,
                   saved == EEXIST ? TRELLIS_STORAGE_ERROR_EXISTS : TRELLIS_STORAGE_ERROR_IO,
                   saved == EEXIST ? _("“%s” already exists; choose another name or open it instead")
                                   : _("Could not create “%s”: %s"),
                   name, g_strerror (saved));
      return FALSE;
    }
  close (fd);
  return TRUE;
}

static void
remove_study_files (const char *path)
{
  static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
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

TrellisDatabase *
trellis_database_create (const char  *path,
                         const char  *title,
                         GError     **error)
{
  g_autoptr(TrellisDatabase) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (title != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!create_empty_file (path, error))
    return NULL;

  self = g_object_new (TRELLIS_TYPE_DATABASE, NULL);
  self->path = g_strdup (path);
  self->lock = trellis_file_lock_acquire (path, error);

  if (self->lock == NULL ||
      !open_connection (self, SQLITE_OPEN_READWRITE, error) ||
      !initialise (self, title, error))
    {
      g_clear_object (&self);
      remove_study_files (path);
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
  return self->read_only;
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

/* Writes a consistent snapshot of the study to a new file with SQLite's online
 * backup, even while it is open. Never overwrites an existing file. */
gboolean
trellis_database_save_copy (TrellisDatabase  *self,
                            const char       *dest_path,
                            GError          **error)
{
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  int rc;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (dest_path != NULL, FALSE);

  if (!create_empty_file (dest_path, error))
    return FALSE;

  rc = sqlite3_open_v2 (dest_path, &dest, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (dest, "main", self->db, "main");
      if (backup != NULL)
        {
          sqlite3_backup_step (backup, -1);
          sqlite3_backup_finish (backup);
        }
      rc = sqlite3_errcode (dest);
    }

  if (rc == SQLITE_OK)
    rc = sqlite3_exec (dest, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      g_autofree char *name = g_filename_display_name (dest_path);

      g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_IO,
                   _("Could not write a copy to “%s”: %s"), name,
                   dest ? sqlite3_errmsg (dest) : sqlite3_errstr (rc));
      sqlite3_close (dest);
      remove_study_files (dest_path);
      return FALSE;
    }

  sqlite3_close (dest);
  return TRUE;
}
