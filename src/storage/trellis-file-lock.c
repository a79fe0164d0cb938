/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <inttypes.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "trellis-file-lock.h"
#include "trellis-storage-error.h"

/* One writer at a time. SQLite's own locks last only as long as a transaction,
 * so two people could otherwise edit the same study side by side without
 * knowing. The study is claimed with flock() on a small file beside it that
 * also says who holds it; the kernel drops the claim when the holder exits,
 * so a crash never leaves a stale lock behind. */
struct _TrellisFileLock
{
  char *path;
  int fd;
};

char *
trellis_file_lock_path_for (const char *study_path)
{
  g_autofree char *dir = g_path_get_dirname (study_path);
  g_autofree char *base = g_path_get_basename (study_path);
  g_autofree char *lock_name = g_strdup_printf (".%s.lock", base);

  return g_build_filename (dir, lock_name, NULL);
}

static char *
describe_holder (const char *lock_path)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autofree char *user = NULL;
  g_autofree char *host = NULL;
  g_autofree char *since = NULL;
  g_autoptr(GDateTime) since_utc = NULL;
  g_autoptr(GDateTime) since_local = NULL;
  g_autofree char *since_text = NULL;
  gint64 pid;

  if (!g_key_file_load_from_file (key_file, lock_path, G_KEY_FILE_NONE, NULL))
    return g_strdup (_("another copy of Trellis"));

  user = g_key_file_get_string (key_file, "Lock", "User", NULL);
  host = g_key_file_get_string (key_file, "Lock", "Host", NULL);
  since = g_key_file_get_string (key_file, "Lock", "Since", NULL);
  pid = g_key_file_get_int64 (key_file, "Lock", "Process", NULL);

  /* Stored in UTC so hosts in other time zones agree; shown in local time. */
  since_utc = since ? g_date_time_new_from_iso8601 (since, NULL) : NULL;
  since_local = since_utc ? g_date_time_to_local (since_utc) : NULL;
  since_text = since_local ? g_date_time_format (since_local, "%Y-%m-%d %H:%M") : g_strdup ("?");

  return g_strdup_printf (_("Trellis, by %s on %s (process %" PRId64 ") since %s"),
                          user ? user : "?", host ? host : "?", pid, since_text);
}

static void
write_holder (int fd)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *since = g_date_time_format_iso8601 (now);
  g_autofree char *data = NULL;
  gsize length = 0;

  g_key_file_set_string (key_file, "Lock", "User", g_get_user_name ());
  g_key_file_set_string (key_file, "Lock", "Host", g_get_host_name ());
  g_key_file_set_int64 (key_file, "Lock", "Process", getpid ());
  g_key_file_set_string (key_file, "Lock", "Application", "Trellis " PACKAGE_VERSION);
  g_key_file_set_string (key_file, "Lock", "Since", since);
  data = g_key_file_to_data (key_file, &length, NULL);

  /* The description is a courtesy to the next person; the flock() is the lock. */
  if (ftruncate (fd, 0) == 0 && write (fd, data, length) < 0)
    g_debug ("Could not describe the lock holder: %s", g_strerror (errno));
}

/* Whether the file we locked is still the one at the path, and not one a
 * releasing holder unlinked while we were waiting for it. */
static gboolean
still_linked (int         fd,
              const char *path)
{
  struct stat by_fd, by_path;

  return fstat (fd, &by_fd) == 0 && stat (path, &by_path) == 0 &&
         by_fd.st_ino == by_path.st_ino && by_fd.st_dev == by_path.st_dev;
}

TrellisFileLock *
trellis_file_lock_acquire (const char  *study_path,
                           GError     **error)
{
  g_autofree char *lock_path = NULL;

  g_return_val_if_fail (study_path != NULL, NULL);

  lock_path = trellis_file_lock_path_for (study_path);

  for (guint attempt = 0; attempt < 5; attempt++)
    {
      TrellisFileLock *lock;
      int fd = g_open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);

      if (fd < 0)
        {
          int saved = errno;
          g_autofree char *name = g_filename_display_name (study_path);

          g_set_error (error, TRELLIS_STORAGE_ERROR,
                       saved == EACCES || saved == EROFS ? TRELLIS_STORAGE_ERROR_READ_ONLY
                                                        : TRELLIS_STORAGE_ERROR_IO,
                       _("Could not claim “%s” for writing: %s"), name, g_strerror (saved));
          return NULL;
        }

      if (flock (fd, LOCK_EX | LOCK_NB) != 0)
        {
          g_autofree char *name = g_filename_display_name (study_path);
          g_autofree char *holder = describe_holder (lock_path);

          close (fd);
          g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_LOCKED,
                       _("“%s” is already open in %s. Close it there, then try again."),
                       name, holder);
          return NULL;
        }

      if (!still_linked (fd, lock_path))
        {
          close (fd);
          continue;
        }

      write_holder (fd);
      lock = g_new0 (TrellisFileLock, 1);
      lock->path = g_steal_pointer (&lock_path);
      lock->fd = fd;
      return lock;
    }

  {
    g_autofree char *name = g_filename_display_name (study_path);

    g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_LOCKED,
                 _("Could not claim “%s”: other programs keep opening and closing it. Try again."),
                 name);
  }
  return NULL;
}

void
trellis_file_lock_release (TrellisFileLock *lock)
{
  if (lock == NULL)
    return;

  /* Unlink before unlocking, so nobody can lock a file that is about to vanish
   * without noticing (see still_linked()). */
  g_unlink (lock->path);
  close (lock->fd);
  g_free (lock->path);
  g_free (lock);
}
