/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "trellis-database-private.h"
#include "trellis-file-lock.h"
#include "trellis-storage-error.h"
#include "trellis-study.h"
#include "trellis-test-utils.h"
#include "database-fixture.h"

/* One writer at a time: a second writer, Trellis or not, is told who holds
 * the study, and what describes the holder never stops a study from opening. */

/* Another program (not Trellis, so no lock file) holding SQLite's write lock. */
static void
test_locked_by_sqlite (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(TrellisDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *other;

  create_closed_study (fixture->path, "Resilience coaching");
  other = trellis_test_sqlite_open (fixture->path, SQLITE_OPEN_READWRITE);
  trellis_test_sqlite_exec (other, "BEGIN IMMEDIATE");

  assert_open_fails (fixture->path, TRELLIS_STORAGE_ERROR_LOCKED, NULL);

  trellis_test_sqlite_exec (other, "ROLLBACK");
  g_assert_cmpint (sqlite3_close (other), ==, SQLITE_OK);

  db = trellis_database_open (fixture->path, TRELLIS_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (db);
}

/* A second Trellis on the same study, here in the same process: the message
 * says who has it, so the person can go and ask them to close it. */
static void
test_locked_by_trellis (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(TrellisDatabase) first = NULL;
  g_autoptr(TrellisDatabase) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *process = g_strdup_printf ("process %ld", (long) getpid ());
  g_autofree char *pattern = NULL;

  first = trellis_database_create (fixture->path, "Resilience coaching", &error);
  g_assert_no_error (error);

  assert_open_fails (fixture->path, TRELLIS_STORAGE_ERROR_LOCKED, &error);
  g_assert_nonnull (strstr (error->message, g_get_user_name ()));
  g_assert_nonnull (strstr (error->message, process));
  pattern = g_strdup_printf ("^“.*study\\.trellis” is already open in Trellis, by %s on %s \\(process %ld\\) "
                             "since [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}\\. Close it there, then try again\\.$",
                             g_get_user_name (), g_get_host_name (), (long) getpid ());
  if (!g_regex_match_simple (pattern, error->message, 0, 0))
    g_error ("“%s” does not match /%s/", error->message, pattern);
  g_clear_error (&error);

  /* Still locked after a failed attempt: the failure released nothing of the first. */
  assert_open_fails (fixture->path, TRELLIS_STORAGE_ERROR_LOCKED, NULL);

  g_clear_object (&first);
  second = trellis_database_open (fixture->path, TRELLIS_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (second);
  g_assert_false (trellis_database_is_read_only (second));
}

/* The study itself carries the writer's claim, so every name of it (here a
 * symlink in another folder, and a hard link) meets the same lock. */
static void
test_locked_other_names (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autofree char *sub = g_build_filename (fixture->dir, "elsewhere", NULL);
  g_autofree char *shortcut = g_build_filename (sub, "shortcut.trellis", NULL);
  g_autofree char *hardlink = g_build_filename (fixture->dir, "same-inode.trellis", NULL);
  g_autofree char *process = g_strdup_printf ("process %ld", (long) getpid ());
  g_autoptr(TrellisDatabase) first = NULL;
  g_autoptr(TrellisDatabase) second = NULL;
  g_autoptr(GError) error = NULL;

  create_closed_study (fixture->path, "Resilience coaching");
  g_assert_no_errno (g_mkdir (sub, 0755));
  g_assert_no_errno (symlink (fixture->path, shortcut));
  g_assert_no_errno (link (fixture->path, hardlink));

  first = trellis_database_open (fixture->path, TRELLIS_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);

  /* The description is found through the symlink, since it is named after
   * the study's real path. */
  assert_open_fails (shortcut, TRELLIS_STORAGE_ERROR_LOCKED, &error);
  g_assert_nonnull (strstr (error->message, process));
  g_clear_error (&error);
  assert_open_fails (hardlink, TRELLIS_STORAGE_ERROR_LOCKED, NULL);

  g_clear_object (&first);
  second = trellis_database_open (shortcut, TRELLIS_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);
  assert_open_fails (fixture->path, TRELLIS_STORAGE_ERROR_LOCKED, NULL);
}

/* Holds the writer's claim the way any program can: flock() on the study. */
static int
hold_claim (const char *path)
{
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);

  g_assert_cmpint (fd, >=, 0);
  g_assert_no_errno (flock (fd, LOCK_EX | LOCK_NB));
  return fd;
}

/* Writes a description of a holder that is gone: another user's process on
 * this host that no longer exists, in a file marked read-only. */
static void
write_stale_description (const char *study_path)
{
  g_autofree char *lock_path = trellis_file_lock_path_for (study_path);
  g_autofree char *data = g_strdup_printf ("[Lock]\nUser=someone-else\nHost=%s\nProcess=%d\n"
                                           "Application=Trellis 0.1.0\nSince=2024-01-02T03:04:05Z\n",
                                           g_get_host_name (), G_MAXINT - 1);

  trellis_test_write_file (lock_path, data, -1);
  g_assert_no_errno (g_chmod (lock_path, 0444));
}

/* Held by a program that left no description, or only a stale one: the
 * message does not guess who it is. */
static void
test_locked_without_description (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  int fd;

  create_closed_study (fixture->path, "Resilience coaching");
  fd = hold_claim (fixture->path);

  assert_open_fails (fixture->path, TRELLIS_STORAGE_ERROR_LOCKED, &error);
  g_assert_nonnull (strstr (error->message, "is already open in another program or another copy of Trellis. "
                                            "Close it there, then try again."));
  g_clear_error (&error);

  write_stale_description (fixture->path);
  assert_open_fails (fixture->path, TRELLIS_STORAGE_ERROR_LOCKED, &error);
  g_assert_null (strstr (error->message, "someone-else"));
  g_assert_nonnull (strstr (error->message, "another program or another copy of Trellis"));

  close (fd);
}

/* A description left read-only (as another user's would be) neither stops
 * the study being written nor stays: the next holder replaces it with a
 * fresh, writable one of its own, and removes that on close. */
static void
test_stale_description (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autofree char *lock_path = NULL;
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(TrellisDatabase) db = NULL;
  g_autoptr(GError) error = NULL;

  create_closed_study (fixture->path, "Resilience coaching");
  lock_path = trellis_file_lock_path_for (fixture->path);
  write_stale_description (fixture->path);

  db = trellis_database_open (fixture->path, TRELLIS_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (trellis_database_get_read_only_reason (db), ==, TRELLIS_READ_ONLY_REASON_NONE);

  g_assert_cmpint (trellis_test_file_mode (lock_path) & S_IWUSR, !=, 0);
  g_key_file_load_from_file (key_file, lock_path, G_KEY_FILE_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_key_file_get_int64 (key_file, "Lock", "Process", NULL), ==, getpid ());

  g_clear_object (&db);
  g_assert_false (g_file_test (lock_path, G_FILE_TEST_EXISTS));
}

/* The description is a courtesy: where it cannot be written at all, the
 * study is still claimed and writable. */
static void
test_description_unwritable (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autofree char *lock_path = NULL;
  g_autoptr(TrellisDatabase) db = NULL;
  g_autoptr(GError) error = NULL;

  create_closed_study (fixture->path, "Resilience coaching");
  lock_path = trellis_file_lock_path_for (fixture->path);
  g_assert_no_errno (g_mkdir (lock_path, 0755));

  db = trellis_database_open (fixture->path, TRELLIS_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_false (trellis_database_is_read_only (db));
  g_assert_true (trellis_study_store_set_title (db, "Still writable", NULL, &error));
  g_assert_no_error (error);

  assert_open_fails (fixture->path, TRELLIS_STORAGE_ERROR_LOCKED, &error);
  g_assert_nonnull (strstr (error->message, "another program or another copy of Trellis"));
}

/* Whether this process holds a lock on the bytes SQLite uses for its shared
 * lock, which a WAL reader keeps while it is open. A process cannot see its
 * own fcntl() locks, so a child asks, with only async-signal-safe calls. */
static gboolean
sqlite_shared_lock_held (const char *path)
{
  int status = 0;
  pid_t child = fork ();

  g_assert_cmpint (child, >=, 0);
  if (child == 0)
    {
      struct flock probe = {
        .l_type = F_WRLCK,
        .l_whence = SEEK_SET,
        .l_start = 0x40000000 + 2,   /* SQLite's PENDING_BYTE + 2: SHARED_FIRST */
        .l_len = 510,                /* SHARED_SIZE */
      };
      int fd = open (path, O_RDONLY | O_CLOEXEC);

      if (fd < 0 || fcntl (fd, F_GETLK, &probe) != 0)
        _exit (2);
      _exit (probe.l_type == F_UNLCK ? 0 : 1);
    }

  g_assert_cmpint (waitpid (child, &status, 0), ==, child);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), <, 2);
  return WEXITSTATUS (status) == 1;
}

/* Closing any descriptor of a file drops every fcntl() lock the process holds
 * on it, SQLite's included. A writer closing in this process must therefore
 * not close its claim's descriptor while a reader here still has the study
 * open, or another program could remove the reader's -wal under it. */
static void
test_writer_close_keeps_reader_locks (Fixture       *fixture,
                                      gconstpointer  user_data)
{
  g_autoptr(TrellisDatabase) writer = NULL;
  g_autoptr(TrellisDatabase) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  create_closed_study (fixture->path, "Resilience coaching");
  writer = trellis_database_open (fixture->path, TRELLIS_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);
  reader = trellis_database_open (fixture->path, TRELLIS_OPEN_FLAGS_READ_ONLY, &error);
  g_assert_no_error (error);
  title = trellis_study_store_get_title (reader, &error);
  g_assert_no_error (error);

  g_assert_true (sqlite_shared_lock_held (fixture->path));

  g_clear_object (&writer);
  g_assert_true (sqlite_shared_lock_held (fixture->path));

  g_clear_object (&reader);
  g_assert_false (sqlite_shared_lock_held (fixture->path));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, func) \
  g_test_add ("/trellis/storage/database-lock/" name, Fixture, NULL, \
              trellis_test_folder_set_up, func, trellis_test_folder_tear_down)

  ADD ("locked-by-sqlite", test_locked_by_sqlite);
  ADD ("locked-by-trellis", test_locked_by_trellis);
  ADD ("locked-other-names", test_locked_other_names);
  ADD ("locked-without-description", test_locked_without_description);
  ADD ("stale-description", test_stale_description);
  ADD ("description-unwritable", test_description_unwritable);
  ADD ("writer-close-keeps-reader-locks", test_writer_close_keeps_reader_locks);

#undef ADD

  return g_test_run ();
}
