/* SPDX-License-Identifier: GPL-3.0-or-later */
/* For renameat2() and RENAME_NOREPLACE. */
#define _GNU_SOURCE
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "trellis-database-files.h"
#include "trellis-file-probe.h"
#include "trellis-storage-error.h"

/* The files a study is on disk: the database file and the -wal, -shm and
 * -journal SQLite keeps beside it. How they are named to SQLite, when the
 * study can be written, and how new ones are made and copied without ever
 * touching files that were there before. */

/* A URI for the study, so a read-only open can say mode=ro and immutable=1.
 * Every byte outside the unreserved set is percent-encoded, so that a name
 * with ?, # or % in it still names the file. */
char *
trellis_database_files_uri (const char *path,
                            const char *mode,
                            gboolean    immutable)
{
  g_autofree char *cwd = g_path_is_absolute (path) ? NULL : g_get_current_dir ();
  g_autofree char *absolute = cwd != NULL ? g_build_filename (cwd, path, NULL) : g_strdup (path);
  g_autofree char *escaped = g_uri_escape_string (absolute, "/", FALSE);

  return g_strdup_printf ("file://%s?mode=%s%s", escaped, mode, immutable ? "&immutable=1" : "");
}

/* SQLite creates the write-ahead log and its index beside the file the path
 * resolves to, so that is the folder that must be writable. */
gboolean
trellis_database_files_folder_is_writable (const char *path)
{
  g_autofree char *resolved = trellis_file_resolve (path);
  g_autofree char *folder = g_path_get_dirname (resolved);

  return trellis_file_is_writable (folder);
}

/* Read-only is decided by the file and its folder alone, by their mode bits
 * as much as by what the OS allows (see trellis_file_is_writable()). A WAL
 * study cannot be written where its -wal and -shm cannot be created. */
TrellisReadOnlyReason
trellis_database_files_read_only_reason (const char       *path,
                                         TrellisOpenFlags  flags)
{
  if (!trellis_file_is_writable (path))
    return TRELLIS_READ_ONLY_REASON_FILE;
  if (!trellis_database_files_folder_is_writable (path))
    return TRELLIS_READ_ONLY_REASON_FOLDER;
  if (flags & TRELLIS_OPEN_FLAGS_READ_ONLY)
    return TRELLIS_READ_ONLY_REASON_REQUESTED;
  return TRELLIS_READ_ONLY_REASON_NONE;
}

/* Whether a -wal or -shm is beside the study: either belongs to a connection
 * that has it open now, or was left by one that did. */
gboolean
trellis_database_files_have_sidecars (const char *path)
{
  g_autofree char *resolved = trellis_file_resolve (path);
  g_autofree char *wal = g_strconcat (resolved, "-wal", NULL);
  g_autofree char *shm = g_strconcat (resolved, "-shm", NULL);

  return g_file_test (wal, G_FILE_TEST_EXISTS) || g_file_test (shm, G_FILE_TEST_EXISTS);
}

/* A plain read-only connection to a WAL study creates -wal and -shm beside it
 * and, unable to write, cannot remove them on close as a writer does. Where
 * this open created them and nobody has written to the log since, a
 * connection that may write closes the study the way a writer would: if no
 * one else has it open, SQLite removes them (the log is empty, so nothing is
 * written to the study itself); otherwise they belong to whoever has, and
 * stay. */
void
trellis_database_files_tidy (const char *path)
{
  g_autofree char *uri = NULL;
  sqlite3 *db = NULL;

  if (trellis_file_has_wal_content (path))
    return;

  uri = trellis_database_files_uri (path, "rw", FALSE);
  /* Any read makes SQLite open the log, which its close then removes. */
  if (sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_URI, NULL) == SQLITE_OK)
    sqlite3_exec (db, "PRAGMA user_version", NULL, NULL, NULL);
  sqlite3_close (db);
}

/* The files SQLite keeps beside a study. A leftover one may hold the only
 * copy of a crashed study's last commits, or be replayed into a new file. */
static const char *const sidecar_suffixes[] = { "-wal", "-shm", "-journal" };

static void
set_exists_error (const char  *path,
                  GError     **error)
{
  g_autofree char *name = g_filename_display_name (path);

  g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_EXISTS,
               _("“%s” already exists; choose another name or open it instead"), name);
}

/* A -wal or -journal left by an earlier study of that name would be replayed
 * into a new file given the name; a -shm, taken for a live one's. */
static gboolean
check_sidecars_unused (const char  *path,
                       GError     **error)
{
  GStatBuf st;

  for (guint i = 0; i < G_N_ELEMENTS (sidecar_suffixes); i++)
    {
      g_autofree char *sidecar = g_strconcat (path, sidecar_suffixes[i], NULL);
      g_autofree char *name = NULL;
      g_autofree char *sidecar_name = NULL;

      if (g_lstat (sidecar, &st) != 0)
        continue;
      name = g_filename_display_name (path);
      sidecar_name = g_filename_display_name (sidecar);
      g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_EXISTS,
                   _("Cannot create “%s”: “%s” is already there, left by an earlier study of that name, and may hold its last changes. Move it away or choose another name."),
                   name, sidecar_name);
      return FALSE;
    }
  return TRUE;
}

/* Refuses a path where the study or any of its sidecars exists, so that a new
 * file never touches what is there. lstat(): a dangling symlink counts too. */
gboolean
trellis_database_files_check_unused (const char  *path,
                                     GError     **error)
{
  GStatBuf st;

  if (g_lstat (path, &st) == 0)
    {
      set_exists_error (path, error);
      return FALSE;
    }
  return check_sidecars_unused (path, error);
}

/* A folder marked read-only is respected even by root, as when opening: a
 * study made there could only ever be opened read-only. A folder that does
 * not exist is left for open() to report. */
static gboolean
check_folder_writable (const char  *path,
                       GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *name = NULL;

  if (!g_file_test (folder, G_FILE_TEST_IS_DIR) || trellis_file_is_writable (folder))
    return TRUE;

  name = g_filename_display_name (path);
  g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_READ_ONLY,
               _("Could not create “%s”: its folder is read-only"), name);
  return FALSE;
}

/* Studies hold identifiable data, so a new file is private to its owner
 * (copies then take their source's read bits, see copy_mode()). */
gboolean
trellis_database_files_create_empty (const char  *path,
                                     GError     **error)
{
  int fd;

  if (!trellis_database_files_check_unused (path, error) || !check_folder_writable (path, error))
    return FALSE;

  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;
      g_autofree char *name = g_filename_display_name (path);

      if (saved == EEXIST)
        set_exists_error (path, error);
      else
        g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_IO,
                     _("Could not create “%s”: %s"), name, g_strerror (saved));
      return FALSE;
    }
  close (fd);
  return TRUE;
}

/* Removes the file at path and every sidecar SQLite may have made beside it. */
static void
remove_with_sidecars (const char *path)
{
  g_unlink (path);
  for (guint i = 0; i < G_N_ELEMENTS (sidecar_suffixes); i++)
    {
      g_autofree char *sidecar = g_strconcat (path, sidecar_suffixes[i], NULL);
      g_unlink (sidecar);
    }
}

/* Only for a study this call created: trellis_database_files_check_unused()
 * found none of these files before, so every one of them now is ours. */
void
trellis_database_files_remove_created (const char *path)
{
  remove_with_sidecars (path);
}

static int
run_backup (sqlite3 *source,
            sqlite3 *dest)
{
  sqlite3_backup *backup = sqlite3_backup_init (dest, "main", source, "main");
  int rc;

  if (backup == NULL)
    return sqlite3_errcode (dest);

  rc = sqlite3_backup_step (backup, -1);
  /* On failure, finish() leaves the step's error on the destination. */
  sqlite3_backup_finish (backup);
  return rc == SQLITE_DONE ? SQLITE_OK : rc == SQLITE_OK ? SQLITE_ERROR : rc;
}

/* Every study is a WAL study; the journal mode the copy ends up in is read
 * back, as for the study itself. Returns NULL, or what went wrong. */
static char *
switch_to_wal (sqlite3 *dest)
{
  sqlite3_stmt *stmt = NULL;
  char *problem = NULL;
  const char *mode;

  if (sqlite3_prepare_v2 (dest, "PRAGMA journal_mode = WAL", -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    {
      problem = g_strdup (sqlite3_errmsg (dest));
      sqlite3_finalize (stmt);
      return problem;
    }

  mode = (const char *) sqlite3_column_text (stmt, 0);
  if (mode == NULL || g_ascii_strcasecmp (mode, "wal") != 0)
    problem = g_strdup_printf (_("SQLite could not switch it to write-ahead logging and kept the “%s” journal"),
                               mode != NULL ? mode : "?");
  sqlite3_finalize (stmt);
  return problem;
}

/* Fills the new, empty file at path with a consistent snapshot of the study,
 * using SQLite's online backup. Returns NULL, or what went wrong. */
static char *
fill_copy (sqlite3    *source,
           const char *path)
{
  g_autofree char *uri = trellis_database_files_uri (path, "rw", FALSE);
  sqlite3 *dest = NULL;
  char *problem = NULL;
  int rc;

  rc = sqlite3_open_v2 (uri, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_URI, NULL);
  if (rc == SQLITE_OK)
    rc = run_backup (source, dest);
  if (rc == SQLITE_OK)
    problem = switch_to_wal (dest);
  else
    problem = g_strdup (dest != NULL ? sqlite3_errmsg (dest) : sqlite3_errstr (rc));

  rc = sqlite3_close (dest);
  if (problem == NULL && rc != SQLITE_OK)
    problem = g_strdup (sqlite3_errstr (rc));
  return problem;
}

/* A copy lets read whoever may read its source (group and others keep their
 * read bits, never more), and is always its owner's to read and write: a
 * copy of a study marked read-only is how someone gets one they can edit. */
static char *
copy_mode (const char *source_path,
           const char *path)
{
  GStatBuf st;

  if (g_stat (source_path, &st) != 0 || g_chmod (path, (st.st_mode & 0044) | 0600) != 0)
    return g_strdup (g_strerror (errno));
  return NULL;
}

/* SQLite has synced what it wrote; this makes sure of the whole file,
 * including its mode, before it is given its name. */
static char *
sync_file (const char *path)
{
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  int saved;

  if (fd >= 0 && fsync (fd) == 0)
    {
      close (fd);
      return NULL;
    }
  saved = errno;
  if (fd >= 0)
    close (fd);
  return g_strdup (g_strerror (saved));
}

/* So that the new name survives a power cut as well as the file does. Some
 * file systems cannot sync a folder; the file itself is safe either way. */
static void
sync_folder (const char *path)
{
  g_autofree char *folder = g_path_get_dirname (path);
  int fd = g_open (folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  if (fd < 0)
    return;
  fsync (fd);
  close (fd);
}

/* A hidden file beside dest_path, made with O_EXCL so it is this call's own:
 * the copy is written there and only given its real name once it is whole.
 * A copy killed half-way leaves only this file (and perhaps its -journal),
 * never a broken study, or a hot journal, under the name asked for. */
static char *
create_temp (const char  *dest_path,
             GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (dest_path);
  g_autofree char *base = g_path_get_basename (dest_path);
  g_autofree char *temp_name = g_strdup_printf (".%s.XXXXXX.partial", base);
  g_autofree char *temp = g_build_filename (folder, temp_name, NULL);
  int fd = g_mkstemp_full (temp, O_RDWR | O_CLOEXEC, 0600);

  if (fd < 0)
    {
      int saved = errno;
      g_autofree char *name = g_filename_display_name (dest_path);

      g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_IO,
                   _("Could not write a copy to “%s”: %s"), name, g_strerror (saved));
      return NULL;
    }
  close (fd);
  return g_steal_pointer (&temp);
}

static gboolean
write_temp (sqlite3     *source,
            const char  *source_path,
            const char  *temp,
            const char  *dest_path,
            GError     **error)
{
  g_autofree char *problem = fill_copy (source, temp);
  g_autofree char *name = NULL;

  if (problem == NULL)
    problem = copy_mode (source_path, temp);
  if (problem == NULL)
    problem = sync_file (temp);
  if (problem == NULL)
    return TRUE;

  name = g_filename_display_name (dest_path);
  g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_IO,
               _("Could not write a copy to “%s”: %s"), name, problem);
  return FALSE;
}

/* link() gives the file a second name and never replaces one that exists.
 * FAT and some network file systems have no hard links; where so, a rename
 * told not to replace anything is just as safe (it moves temp away). */
static int
link_without_replacing (const char *temp,
                        const char *dest_path)
{
  if (link (temp, dest_path) == 0)
    return 0;
  if (errno != EPERM && errno != EOPNOTSUPP && errno != ENOSYS)
    return -1;
  return renameat2 (AT_FDCWD, temp, AT_FDCWD, dest_path, RENAME_NOREPLACE);
}

/* Gives the finished copy at temp its name, dest_path, unless something has
 * taken that name, or left a sidecar under it, since the copy began: then it
 * fails with TRELLIS_STORAGE_ERROR_EXISTS and dest_path is left as it is.
 * The caller removes temp either way. */
gboolean
trellis_database_files_publish (const char  *temp,
                                const char  *dest_path,
                                GError     **error)
{
  int saved;
  g_autofree char *name = NULL;

  if (!check_sidecars_unused (dest_path, error))
    return FALSE;
  if (link_without_replacing (temp, dest_path) == 0)
    {
      sync_folder (dest_path);
      return TRUE;
    }

  saved = errno;
  if (saved == EEXIST)
    {
      set_exists_error (dest_path, error);
      return FALSE;
    }
  name = g_filename_display_name (dest_path);
  g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_IO,
               _("Could not write a copy to “%s”: %s"), name, g_strerror (saved));
  return FALSE;
}

static TrellisDatabaseFilesHook before_publish_hook;
static gpointer before_publish_data;

/* For tests only: hook is called with dest_path when a copy is whole and
 * about to be published, where a test can stand in for a process that is
 * killed there, or for another program that takes the name meanwhile. */
void
trellis_database_files_set_before_publish (TrellisDatabaseFilesHook hook,
                                           gpointer                 user_data)
{
  before_publish_hook = hook;
  before_publish_data = user_data;
}

/* Copies the open study (source, read from source_path) to dest_path, which
 * must not exist, nor any of its sidecars. The copy is written to a hidden
 * temporary file beside it and then published under its name, which never
 * replaces a file. Whatever happens, only the temporary files are removed. */
gboolean
trellis_database_files_copy (sqlite3     *source,
                             const char  *source_path,
                             const char  *dest_path,
                             GError     **error)
{
  g_autofree char *temp = NULL;
  gboolean ok;

  if (!trellis_database_files_check_unused (dest_path, error) ||
      !check_folder_writable (dest_path, error))
    return FALSE;

  temp = create_temp (dest_path, error);
  if (temp == NULL)
    return FALSE;

  ok = write_temp (source, source_path, temp, dest_path, error);
  if (ok && before_publish_hook != NULL)
    before_publish_hook (dest_path, before_publish_data);
  ok = ok && trellis_database_files_publish (temp, dest_path, error);

  remove_with_sidecars (temp);
  return ok;
}
