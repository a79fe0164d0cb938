/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <inttypes.h>
#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "trellis-file-lock.h"
#include "trellis-file-probe.h"
#include "trellis-storage-error.h"

/* The first 100 bytes of every SQLite file: https://www.sqlite.org/fileformat.html */
#define HEADER_SIZE 100
static const char sqlite_magic[16] = "SQLite format 3";

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

/* The path with symlinks resolved, as SQLite itself resolves it before it
 * names the -wal and -shm files; the path as given if that fails. */
char *
trellis_file_resolve (const char *path)
{
  g_autofree char *resolved = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  resolved = realpath (path, NULL);
  return resolved != NULL ? g_steal_pointer (&resolved) : g_strdup (path);
}

/* Whether this process may change a file or a folder. The mode bits are
 * respected even where the OS would let us write anyway (as it does for
 * root), so that a study or folder someone marked read-only stays untouched. */
gboolean
trellis_file_is_writable (const char *path)
{
  GStatBuf st;

  g_return_val_if_fail (path != NULL, FALSE);

  if (g_stat (path, &st) != 0)
    return FALSE;
  return (st.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) != 0 && g_access (path, W_OK) == 0;
}

/* Whether the study's write-ahead log holds anything: then the file alone is
 * not the whole study, since its latest commits may live only in the log. */
gboolean
trellis_file_has_wal_content (const char *path)
{
  g_autofree char *resolved = NULL;
  g_autofree char *wal = NULL;
  GStatBuf st;

  g_return_val_if_fail (path != NULL, FALSE);

  resolved = trellis_file_resolve (path);
  wal = g_strconcat (resolved, "-wal", NULL);
  return g_stat (wal, &st) == 0 && st.st_size > 0;
}

/* Whether the header promises more pages than the file holds. With a write-ahead
 * log present the header may lag behind, so the check is left to SQLite then. */
static gboolean
is_truncated (const char   *path,
              const guint8 *header,
              goffset       size)
{
  guint32 page_size = ((guint32) header[16] << 8) | header[17];
  guint32 page_count = read_be32 (header + 28);
  gboolean count_valid = read_be32 (header + 92) == read_be32 (header + 24);

  if (page_size == 1)
    page_size = 65536;
  if (page_size < 512)
    return TRUE;
  if (trellis_file_has_wal_content (path))
    return FALSE;
  if (size % page_size != 0)
    return TRUE;
  return count_valid && page_count > 0 && (guint64) size < (guint64) page_size * page_count;
}

/* Reads through a watch, not a descriptor of our own: closing any descriptor
 * of a file drops the fcntl() locks this process holds on it, so probing a
 * study that is already open here would pull SQLite's locks from under it
 * (see trellis-file-lock.c). */
static gboolean
read_header (const char  *path,
             guint8      *header,
             gsize       *n_read,
             GError     **error)
{
  g_autoptr(TrellisFileLock) watch = trellis_file_lock_watch (path, error);
  gssize n;

  if (watch == NULL)
    return FALSE;

  do
    n = pread (trellis_file_lock_get_fd (watch), header, HEADER_SIZE, 0);
  while (n < 0 && errno == EINTR);

  if (n < 0)
    {
      int saved = errno;
      g_autofree char *name = g_filename_display_name (path);

      g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_IO,
                   _("Could not read “%s”: %s"), name, g_strerror (saved));
      return FALSE;
    }
  *n_read = (gsize) n;
  return TRUE;
}

/* A path that names no regular file gets an error that says what is there
 * instead; fills @st otherwise. */
static gboolean
stat_regular (const char  *path,
              const char  *name,
              GStatBuf    *st,
              GError     **error)
{
  if (g_stat (path, st) != 0)
    {
      int saved = errno;

      g_set_error (error, TRELLIS_STORAGE_ERROR,
                   saved == ENOENT ? TRELLIS_STORAGE_ERROR_NOT_FOUND : TRELLIS_STORAGE_ERROR_IO,
                   saved == ENOENT ? _("There is no study file at “%s”") : _("Could not read “%s”: %s"),
                   name, g_strerror (saved));
      return FALSE;
    }

  if (!S_ISREG (st->st_mode))
    {
      g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_NOT_SQLITE,
                   _("“%s” is a folder or a device, not a study file"), name);
      return FALSE;
    }
  return TRUE;
}

/* Reads the header of a non-empty regular file and checks that it is the
 * whole of an SQLite database. */
static gboolean
check_header (const char  *path,
              const char  *name,
              goffset      size,
              GError     **error)
{
  guint8 header[HEADER_SIZE] = { 0 };
  gsize n_read = 0;

  if (!read_header (path, header, &n_read, error))
    return FALSE;

  if (n_read < sizeof sqlite_magic || memcmp (header, sqlite_magic, sizeof sqlite_magic) != 0)
    {
      g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_NOT_SQLITE,
                   _("“%s” is not a Trellis study: it is not a database file at all"), name);
      return FALSE;
    }

  if (n_read < HEADER_SIZE || is_truncated (path, header, size))
    {
      g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_TRUNCATED,
                   _("“%s” is damaged: the file is shorter than its contents say (%" PRId64 " bytes). It was probably cut short while being copied; restore it from a backup."),
                   name, (gint64) size);
      return FALSE;
    }
  return TRUE;
}

/* Classifies a file before SQLite sees it, so that each kind of wrong file gets a
 * message that says what it is, rather than SQLite's "file is not a database".
 * The application id itself is checked by the database after opening, since a
 * fresh study may hold it only in its write-ahead log. */
gboolean
trellis_file_probe (const char  *path,
                    GError     **error)
{
  g_autofree char *name = NULL;
  GStatBuf st;

  g_return_val_if_fail (path != NULL, FALSE);

  name = g_filename_display_name (path);
  if (!stat_regular (path, name, &st, error))
    return FALSE;

  if (st.st_size == 0)
    {
      g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_EMPTY,
                   _("“%s” is empty (0 bytes), so it holds no study. It may have been cut short while being copied; open the original or a backup instead."),
                   name);
      return FALSE;
    }

  return check_header (path, name, st.st_size, error);
}
