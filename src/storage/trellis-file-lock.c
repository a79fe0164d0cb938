/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <inttypes.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "trellis-file-lock.h"
#include "trellis-file-probe.h"
#include "trellis-storage-error.h"

/* One writer at a time. SQLite's own locks last only as long as a transaction,
 * so two people could otherwise edit the same study side by side without
 * knowing. A writer claims the study with an exclusive flock() on the study
 * file itself, through a descriptor of its own opened read-only. Every name
 * of the file (a symlink, a hard link, another mount of the folder) leads to
 * the same inode and so to the same lock, and the kernel drops the claim when
 * the holder exits, so a crash never leaves a stale lock behind.
 *
 * On Linux local file systems flock() locks and the fcntl() record locks
 * SQLite uses are separate and never conflict, so the claim does not get in
 * the way of SQLite's own locking (readers still read while we write). But
 * fcntl() locks have a trap: closing ANY descriptor of a file drops every
 * fcntl() lock the process holds on it, including SQLite's. So our
 * descriptor is closed only after sqlite3_close(), and while another
 * connection of this process still has the file open it is kept open,
 * unlocked, until that one closes too (see OpenFile). On NFS, Linux emulates
 * flock() with fcntl() locks on the server; SQLite warns against NFS anyway,
 * and a claim the file system refuses is an I/O error, never a silent pass.
 *
 * The hidden file .NAME.lock beside the study (named from the study's real
 * path, so every name of it finds the same one) only DESCRIBES the holder,
 * for the next person's message. The holder writes it as a courtesy and
 * removes it on release; it is read only when a claim is refused, and never
 * decides anything. */

#define GROUP "Lock"

struct _TrellisFileLock
{
  int fd;                 /* a descriptor of the study, opened read-only */
  gboolean claimed;       /* whether fd holds the writer's flock() */
  dev_t dev;
  ino_t ino;
  char *description;      /* the .lock file we wrote, or NULL */
};

/* Every study file this process has open through Trellis, by inode. */
typedef struct
{
  dev_t dev;
  ino_t ino;
  guint n_users;          /* claims and watches on the file */
  GArray *spare_fds;      /* released claims' descriptors, closed with the last user */
} OpenFile;

static GMutex open_files_mutex;
static GPtrArray *open_files;

static OpenFile *
find_open_file (dev_t dev,
                ino_t ino)
{
  for (guint i = 0; open_files != NULL && i < open_files->len; i++)
    {
      OpenFile *file = open_files->pdata[i];

      if (file->dev == dev && file->ino == ino)
        return file;
    }
  return NULL;
}

static void
register_user (TrellisFileLock *lock)
{
  OpenFile *file;

  g_mutex_lock (&open_files_mutex);
  file = find_open_file (lock->dev, lock->ino);
  if (file == NULL)
    {
      file = g_new0 (OpenFile, 1);
      file->dev = lock->dev;
      file->ino = lock->ino;
      file->spare_fds = g_array_new (FALSE, FALSE, sizeof (int));
      if (open_files == NULL)
        open_files = g_ptr_array_new ();
      g_ptr_array_add (open_files, file);
    }
  file->n_users++;
  g_mutex_unlock (&open_files_mutex);
}

/* Closing the descriptor would drop the fcntl() locks of every other SQLite
 * connection this process has on the file, so it waits with the file's other
 * spare descriptors until the last Trellis connection to the file is gone. */
static void
unregister_user (TrellisFileLock *lock)
{
  OpenFile *file;

  g_mutex_lock (&open_files_mutex);
  file = find_open_file (lock->dev, lock->ino);
  g_assert (file != NULL);
  g_array_append_val (file->spare_fds, lock->fd);
  if (--file->n_users == 0)
    {
      for (guint i = 0; i < file->spare_fds->len; i++)
        close (g_array_index (file->spare_fds, int, i));
      g_array_unref (file->spare_fds);
      g_ptr_array_remove_fast (open_files, file);
      g_free (file);
      if (open_files->len == 0)
        g_clear_pointer (&open_files, g_ptr_array_unref);
    }
  g_mutex_unlock (&open_files_mutex);
}

char *
trellis_file_lock_path_for (const char *study_path)
{
  g_autofree char *resolved = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *lock_name = NULL;

  g_return_val_if_fail (study_path != NULL, NULL);

  resolved = trellis_file_resolve (study_path);
  dir = g_path_get_dirname (resolved);
  base = g_path_get_basename (resolved);
  lock_name = g_strdup_printf (".%s.lock", base);
  return g_build_filename (dir, lock_name, NULL);
}

typedef struct
{
  char *user;
  char *host;
  gint64 pid;
  GDateTime *since;
} Holder;

static void
holder_free (Holder *holder)
{
  g_free (holder->user);
  g_free (holder->host);
  g_clear_pointer (&holder->since, g_date_time_unref);
  g_free (holder);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Holder, holder_free)

/* A process on this host that no longer exists cannot hold the claim, so a
 * description naming it is a leftover that the current holder (perhaps
 * another program) could not replace. */
static gboolean
holder_is_gone (const Holder *holder)
{
  if (g_strcmp0 (holder->host, g_get_host_name ()) != 0 || holder->pid > G_MAXINT)
    return FALSE;
  return kill ((pid_t) holder->pid, 0) != 0 && errno == ESRCH;
}

/* The description of the claim's holder, or NULL if there is none to trust:
 * missing, unreadable, incomplete or stale. */
static Holder *
read_holder (const char *study_path)
{
  g_autofree char *path = trellis_file_lock_path_for (study_path);
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(Holder) holder = g_new0 (Holder, 1);
  g_autofree char *since = NULL;

  if (!g_key_file_load_from_file (key_file, path, G_KEY_FILE_NONE, NULL))
    return NULL;

  holder->user = g_key_file_get_string (key_file, GROUP, "User", NULL);
  holder->host = g_key_file_get_string (key_file, GROUP, "Host", NULL);
  holder->pid = g_key_file_get_int64 (key_file, GROUP, "Process", NULL);
  since = g_key_file_get_string (key_file, GROUP, "Since", NULL);
  holder->since = since != NULL ? g_date_time_new_from_iso8601 (since, NULL) : NULL;

  if (holder->user == NULL || holder->host == NULL || holder->pid <= 0 || holder->since == NULL ||
      holder_is_gone (holder))
    return NULL;
  return g_steal_pointer (&holder);
}

static void
set_locked_error (GError     **error,
                  const char  *study_path)
{
  g_autofree char *name = g_filename_display_name (study_path);
  g_autoptr(Holder) holder = read_holder (study_path);
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *since = NULL;

  if (holder == NULL)
    {
      g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_LOCKED,
                   _("“%s” is already open in another program or another copy of Trellis. Close it there, then try again."),
                   name);
      return;
    }

  /* Stored in UTC so hosts in other time zones agree; shown in local time. */
  local = g_date_time_to_local (holder->since);
  /* Translators: when another person opened the study, in the notation of
   * g_date_time_format(), e.g. "%d.%m.%Y %H:%M". */
  since = g_date_time_format (local, _("%Y-%m-%d %H:%M"));
  g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_LOCKED,
               _("“%s” is already open in Trellis, by %s on %s (process %" PRId64 ") since %s. Close it there, then try again."),
               name, holder->user, holder->host, holder->pid, since != NULL ? since : "?");
}

static char *
holder_description (void)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *since = g_date_time_format_iso8601 (now);

  g_key_file_set_string (key_file, GROUP, "User", g_get_user_name ());
  g_key_file_set_string (key_file, GROUP, "Host", g_get_host_name ());
  g_key_file_set_int64 (key_file, GROUP, "Process", getpid ());
  g_key_file_set_string (key_file, GROUP, "Application", "Trellis " PACKAGE_VERSION);
  g_key_file_set_string (key_file, GROUP, "Since", since);
  return g_key_file_to_data (key_file, NULL, NULL);
}

/* A description we may not write as it is (marked read-only, another user's,
 * or not a plain file, such as a planted symlink) is replaced by a fresh one
 * rather than written through. The mode bits count even for root, so a file
 * left read-only never stays read-only for its next holder. */
static int
open_description (const char *path)
{
  GStatBuf st;
  int fd = -1;

  if (g_lstat (path, &st) == 0 && S_ISREG (st.st_mode) && trellis_file_is_writable (path))
    fd = g_open (path, O_WRONLY | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0);
  if (fd >= 0)
    return fd;

  if (g_unlink (path) != 0 && errno != ENOENT)
    g_debug ("Could not remove the old lock description %s: %s", path, g_strerror (errno));
  return g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
}

static gboolean
write_all (int         fd,
           const char *data,
           gsize       length)
{
  while (length > 0)
    {
      gssize n = write (fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      data += n;
      length -= (gsize) n;
    }
  return TRUE;
}

/* Says who holds the claim. Returns the description's path, or NULL if it
 * could not be written: the claim stands either way. */
static char *
describe_holder (const char *study_path)
{
  g_autofree char *path = trellis_file_lock_path_for (study_path);
  g_autofree char *data = holder_description ();
  int fd = open_description (path);
  gboolean written;

  if (fd < 0)
    {
      g_debug ("Could not describe the lock holder in %s: %s", path, g_strerror (errno));
      return NULL;
    }
  written = write_all (fd, data, strlen (data));
  close (fd);
  if (!written)
    {
      g_debug ("Could not describe the lock holder in %s", path);
      g_unlink (path);
      return NULL;
    }
  return g_steal_pointer (&path);
}

/* Opens the study and records this process as one of its users. The file
 * must already be known to be a regular file: O_NONBLOCK only keeps a FIFO
 * swapped in meanwhile from hanging the open. */
static TrellisFileLock *
lock_new (const char  *study_path,
          gboolean     for_writing,
          GError     **error)
{
  TrellisFileLock *lock;
  struct stat st;
  int fd = g_open (study_path, O_RDONLY | O_NONBLOCK | O_CLOEXEC, 0);

  if (fd < 0 || fstat (fd, &st) != 0)
    {
      int saved = errno;
      g_autofree char *name = g_filename_display_name (study_path);

      g_set_error (error, TRELLIS_STORAGE_ERROR,
                   saved == ENOENT ? TRELLIS_STORAGE_ERROR_NOT_FOUND : TRELLIS_STORAGE_ERROR_IO,
                   for_writing ? _("Could not claim “%s” for writing: %s") : _("Could not read “%s”: %s"),
                   name, g_strerror (saved));
      if (fd >= 0)
        close (fd);
      return NULL;
    }

  lock = g_new0 (TrellisFileLock, 1);
  lock->fd = fd;
  lock->dev = st.st_dev;
  lock->ino = st.st_ino;
  register_user (lock);
  return lock;
}

static gboolean
claim (TrellisFileLock  *lock,
       const char       *study_path,
       GError          **error)
{
  g_autofree char *name = NULL;
  int saved;

  if (flock (lock->fd, LOCK_EX | LOCK_NB) == 0)
    {
      lock->claimed = TRUE;
      return TRUE;
    }

  saved = errno;
  if (saved == EWOULDBLOCK)
    {
      set_locked_error (error, study_path);
      return FALSE;
    }

  name = g_filename_display_name (study_path);
  g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_IO,
               _("Could not claim “%s” for writing: %s"), name, g_strerror (saved));
  return FALSE;
}

/* Claims the study for this writer, or explains who has it. */
TrellisFileLock *
trellis_file_lock_acquire (const char  *study_path,
                           GError     **error)
{
  TrellisFileLock *lock;

  g_return_val_if_fail (study_path != NULL, NULL);

  lock = lock_new (study_path, TRUE, error);
  if (lock == NULL)
    return NULL;

  /* Even a refused claim's descriptor goes through release(), since closing
   * it outright would drop the locks of this process's other connections. */
  if (!claim (lock, study_path, error))
    {
      trellis_file_lock_release (lock);
      return NULL;
    }

  lock->description = describe_holder (study_path);
  return lock;
}

/* Records that this process reads the study, without claiming it, so that
 * no descriptor of it closes while the reader's SQLite locks need it open.
 * Anything that reads the study file itself does so through a watch. */
TrellisFileLock *
trellis_file_lock_watch (const char  *study_path,
                         GError     **error)
{
  g_return_val_if_fail (study_path != NULL, NULL);

  return lock_new (study_path, FALSE, error);
}

/* The watch's or claim's descriptor of the study, for reading. Never close it. */
int
trellis_file_lock_get_fd (TrellisFileLock *lock)
{
  g_return_val_if_fail (lock != NULL, -1);
  return lock->fd;
}

/* Call only after sqlite3_close(): see the comment at the top. */
void
trellis_file_lock_release (TrellisFileLock *lock)
{
  if (lock == NULL)
    return;

  /* Remove the description before giving up the claim, so it never
   * describes us to someone who already holds the study. */
  if (lock->description != NULL)
    g_unlink (lock->description);
  if (lock->claimed)
    flock (lock->fd, LOCK_UN);
  unregister_user (lock);
  g_free (lock->description);
  g_free (lock);
}
