/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "trellis-audit.h"
#include "trellis-database-files.h"
#include "trellis-database-private.h"
#include "trellis-domain-error.h"
#include "trellis-file-lock.h"
#include "trellis-file-probe.h"
#include "trellis-migrations.h"
#include "trellis-storage-error.h"
#include "trellis-study.h"
#include "trellis-study-store.h"
#include "trellis-test-utils.h"
#include "database-fixture.h"

/* Opening a study file: every way it can go wrong gets its own error code and
 * a message that names the file, and a refused file is left exactly as it was.
 * Each test works in its own temporary folder, removed afterwards. */

static void
test_create_open_reopen (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(TrellisDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *lock_path = NULL;

  db = trellis_database_create (fixture->path, "  Resilience coaching\n(pilot) ", &error);
  g_assert_no_error (error);
  /* Named from the study's real path, so only once the study exists. */
  lock_path = trellis_file_lock_path_for (fixture->path);
  g_assert_cmpstr (trellis_database_get_path (db), ==, fixture->path);
  g_assert_false (trellis_database_is_read_only (db));
  g_assert_cmpint (trellis_database_get_schema_version (db), ==, TRELLIS_SCHEMA_VERSION);
  g_assert_null (trellis_database_get_migration_backup (db));
  g_assert_true (trellis_database_check_integrity (db, &error));
  g_assert_no_error (error);
  /* The study is claimed for as long as it is open, and released on close. */
  g_assert_true (g_file_test (lock_path, G_FILE_TEST_EXISTS));
  g_clear_object (&db);
  g_assert_false (g_file_test (lock_path, G_FILE_TEST_EXISTS));

  db = trellis_database_open (fixture->path, TRELLIS_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);
  title = trellis_study_store_get_title (db, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (title, ==, "Resilience coaching (pilot)");
  g_assert_true (trellis_study_store_set_title (db, "Resilience coaching, cohort 2", NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&db);
  g_clear_pointer (&title, g_free);

  db = trellis_database_open (fixture->path, TRELLIS_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (trellis_database_get_schema_version (db), ==, TRELLIS_SCHEMA_VERSION);
  g_assert_null (trellis_database_get_migration_backup (db));
  title = trellis_study_store_get_title (db, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (title, ==, "Resilience coaching, cohort 2");
}

static void
test_open_missing (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autofree char *listing = NULL;

  assert_open_fails (fixture->path, TRELLIS_STORAGE_ERROR_NOT_FOUND, NULL);

  /* Neither the study nor a lock file beside it was created. */
  listing = trellis_test_list_dir (fixture->dir);
  g_assert_cmpstr (listing, ==, "");
}

static void
test_create_exists (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(TrellisDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autofree char *listing = NULL;
  static const char precious[] = "Interview notes, do not overwrite\n";

  trellis_test_write_file (fixture->path, precious, -1);

  db = trellis_database_create (fixture->path, "Resilience coaching", &error);
  g_assert_null (db);
  g_assert_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "study.trellis"));

  after = trellis_test_read_bytes (fixture->path);
  g_assert_cmpmem (g_bytes_get_data (after, NULL), g_bytes_get_size (after),
                   precious, strlen (precious));
  listing = trellis_test_list_dir (fixture->dir);
  g_assert_cmpstr (listing, ==, "study.trellis");
}

static void
test_create_bad_title (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(TrellisDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;

  db = trellis_database_create (fixture->path, " \n ", &error);
  g_assert_null (db);
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID);

  /* A study that could not be created leaves no half-made file behind. */
  listing = trellis_test_list_dir (fixture->dir);
  g_assert_cmpstr (listing, ==, "");
}

static void
test_create_missing_folder (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(TrellisDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "no-such-folder", "study.trellis", NULL);
  g_autofree char *listing = NULL;

  db = trellis_database_create (path, "Resilience coaching", &error);
  g_assert_null (db);
  g_assert_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "study.trellis"));

  listing = trellis_test_list_dir (fixture->dir);
  g_assert_cmpstr (listing, ==, "");
}

/* A folder marked read-only is respected when creating, as when opening,
 * even by root: nothing is created there. */
static void
test_create_read_only_folder (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autoptr(TrellisDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;

  g_assert_no_errno (g_chmod (fixture->dir, 0555));
  db = trellis_database_create (fixture->path, "Resilience coaching", &error);
  g_assert_null (db);
  g_assert_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "study.trellis"));

  listing = trellis_test_list_dir (fixture->dir);
  g_assert_cmpstr (listing, ==, "");
  g_assert_no_errno (g_chmod (fixture->dir, 0755));
}

static void
test_open_empty (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(GBytes) after = NULL;

  trellis_test_write_file (fixture->path, "", 0);
  assert_open_fails (fixture->path, TRELLIS_STORAGE_ERROR_EMPTY, NULL);

  after = trellis_test_read_bytes (fixture->path);
  g_assert_cmpuint (g_bytes_get_size (after), ==, 0);
}

/* A database of some other program, with application_id 0, is refused and not
 * touched in any way: not a byte written, no lock or journal left beside it. */
static void
test_open_foreign (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "recipes.db", NULL);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autofree char *listing = NULL;
  sqlite3 *db = trellis_test_sqlite_open (path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);

  trellis_test_sqlite_exec (db, "CREATE TABLE recipe (id INTEGER PRIMARY KEY, name TEXT NOT NULL,"
                                " minutes INTEGER);"
                                "INSERT INTO recipe (name, minutes)"
                                " VALUES ('Soda bread', 45), ('Dal', 30);");
  g_assert_cmpint (trellis_test_sqlite_int (db, "PRAGMA application_id"), ==, 0);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  before = trellis_test_read_bytes (path);

  assert_open_fails (path, TRELLIS_STORAGE_ERROR_FOREIGN, NULL);

  after = trellis_test_read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
  listing = trellis_test_list_dir (fixture->dir);
  g_assert_cmpstr (listing, ==, "recipes.db");
}

static void
test_open_junk (Fixture       *fixture,
                gconstpointer  user_data)
{
  /* Seeded, so a failure can be reproduced byte for byte. */
  g_autoptr(GRand) rand = g_rand_new_with_seed (4242);
  g_autoptr(GBytes) after = NULL;
  guint8 junk[4096];

  for (guint i = 0; i < sizeof junk; i++)
    junk[i] = (guint8) g_rand_int_range (rand, 0, 256);
  trellis_test_write_file (fixture->path, (const char *) junk, sizeof junk);

  assert_open_fails (fixture->path, TRELLIS_STORAGE_ERROR_NOT_SQLITE, NULL);

  after = trellis_test_read_bytes (fixture->path);
  g_assert_cmpmem (g_bytes_get_data (after, NULL), g_bytes_get_size (after), junk, sizeof junk);
}

static void
test_open_truncated (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autofree char *complete = g_build_filename (fixture->dir, "complete.trellis", NULL);
  g_autofree char *wal = g_strconcat (complete, "-wal", NULL);
  g_autoptr(GBytes) bytes = NULL;

  /* Closing checkpoints the write-ahead log into the file and removes it, so
   * the file alone holds the whole study before it is cut in half. */
  create_closed_study (complete, "Resilience coaching");
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  bytes = trellis_test_read_bytes (complete);
  trellis_test_write_file (fixture->path, g_bytes_get_data (bytes, NULL),
                           g_bytes_get_size (bytes) / 2);

  assert_open_fails (fixture->path, TRELLIS_STORAGE_ERROR_TRUNCATED, NULL);
}

/* A file with our application id but no schema version is a study whose
 * creation never finished. */
static void
test_open_unfinished (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autofree char *set_id = g_strdup_printf ("PRAGMA application_id = %d", (int) TRELLIS_APPLICATION_ID);
  sqlite3 *db = trellis_test_sqlite_open (fixture->path,
                                          SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);

  trellis_test_sqlite_exec (db, set_id);
  trellis_test_sqlite_exec (db, "CREATE TABLE study (id INTEGER PRIMARY KEY)");
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  assert_open_fails (fixture->path, TRELLIS_STORAGE_ERROR_CORRUPT, NULL);
}

/* A file whose mode has no write bits is treated as read-only even where the
 * OS would let this process write to it, as it does for root (and in CI). It
 * is read as it is: nothing is created beside it (SQLite would make -wal and
 * -shm with the file's own mode, 0444, which the next writer could not use),
 * so once it is made writable again the next writer works as usual. */
static void
test_read_only (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(TrellisStudy) study = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autofree char *listing = NULL;
  gint64 audit_count;

  create_closed_study (fixture->path, "Archived study");
  g_assert_no_errno (g_chmod (fixture->path, 0444));
  before = trellis_test_read_bytes (fixture->path);

  study = trellis_study_open (fixture->path, TRELLIS_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_true (trellis_database_is_read_only (trellis_study_get_database (study)));
  g_assert_true (trellis_study_is_read_only (study));
  g_assert_cmpint (trellis_study_get_read_only_reason (study), ==, TRELLIS_READ_ONLY_REASON_FILE);
  g_assert_cmpstr (trellis_study_get_title (study), ==, "Archived study");
  g_assert_cmpuint (g_list_model_get_n_items (trellis_study_get_timepoints (study)), ==, 4);
  audit_count = trellis_study_get_audit_count (study);
  listing = trellis_test_list_dir (fixture->dir);
  g_assert_cmpstr (listing, ==, "study.trellis");

  g_assert_false (trellis_study_set_title (study, "Changed anyway", &error));
  g_assert_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "study.trellis"));
  g_assert_cmpstr (trellis_study_get_title (study), ==, "Archived study");
  g_assert_cmpint (trellis_study_get_audit_count (study), ==, audit_count);
  g_clear_object (&study);
  g_clear_error (&error);

  after = trellis_test_read_bytes (fixture->path);
  g_assert_true (g_bytes_equal (before, after));
  g_clear_pointer (&listing, g_free);
  listing = trellis_test_list_dir (fixture->dir);
  g_assert_cmpstr (listing, ==, "study.trellis");

  g_assert_no_errno (g_chmod (fixture->path, 0644));
  study = trellis_study_open (fixture->path, TRELLIS_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (trellis_study_get_read_only_reason (study), ==, TRELLIS_READ_ONLY_REASON_NONE);
  g_assert_true (trellis_study_set_title (study, "Back in use", &error));
  g_assert_no_error (error);
}

/* A read-only open the caller asked for: writes are refused, and the -wal and
 * -shm SQLite makes to read a WAL study are gone again once it closes. */
static void
test_read_only_requested (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(TrellisStudy) study = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autofree char *listing = NULL;

  create_closed_study (fixture->path, "Resilience coaching");
  before = trellis_test_read_bytes (fixture->path);

  study = trellis_study_open (fixture->path, TRELLIS_OPEN_FLAGS_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (trellis_study_is_read_only (study));
  g_assert_cmpint (trellis_study_get_read_only_reason (study), ==,
                   TRELLIS_READ_ONLY_REASON_REQUESTED);
  g_assert_false (trellis_study_set_title (study, "Changed anyway", &error));
  g_assert_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_READ_ONLY);
  g_clear_object (&study);

  after = trellis_test_read_bytes (fixture->path);
  g_assert_true (g_bytes_equal (before, after));
  listing = trellis_test_list_dir (fixture->dir);
  g_assert_cmpstr (listing, ==, "study.trellis");
}

/* A WAL study needs its -wal and -shm beside it to be written, so a writable
 * file in a folder that is not writable opens read-only, and says why. The
 * folder's mode bits count, as the file's do, since root may write anyway. */
static void
test_read_only_folder (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(TrellisStudy) study = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;

  create_closed_study (fixture->path, "Shared study");
  g_assert_no_errno (g_chmod (fixture->dir, 0555));

  study = trellis_study_open (fixture->path, TRELLIS_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_true (trellis_study_is_read_only (study));
  g_assert_cmpint (trellis_study_get_read_only_reason (study), ==, TRELLIS_READ_ONLY_REASON_FOLDER);
  g_assert_cmpstr (trellis_study_get_title (study), ==, "Shared study");
  g_assert_false (trellis_study_set_title (study, "Changed anyway", &error));
  g_assert_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_READ_ONLY);
  g_clear_object (&study);

  /* Not even a lock description was written. */
  listing = trellis_test_list_dir (fixture->dir);
  g_assert_cmpstr (listing, ==, "study.trellis");
  g_assert_no_errno (g_chmod (fixture->dir, 0755));
}

/* A read-only file in a read-only folder, such as an archive: readable. */
static void
test_read_only_file_and_folder (Fixture       *fixture,
                                gconstpointer  user_data)
{
  g_autoptr(TrellisStudy) study = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;

  create_closed_study (fixture->path, "Archived study");
  g_assert_no_errno (g_chmod (fixture->path, 0444));
  g_assert_no_errno (g_chmod (fixture->dir, 0555));

  study = trellis_study_open (fixture->path, TRELLIS_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (trellis_study_get_read_only_reason (study), ==, TRELLIS_READ_ONLY_REASON_FILE);
  g_assert_cmpstr (trellis_study_get_title (study), ==, "Archived study");
  g_assert_cmpuint (g_list_model_get_n_items (trellis_study_get_timepoints (study)), ==, 4);
  g_clear_object (&study);

  listing = trellis_test_list_dir (fixture->dir);
  g_assert_cmpstr (listing, ==, "study.trellis");
  g_assert_no_errno (g_chmod (fixture->dir, 0755));
}

/* What a writer that crashed leaves: the study file and a write-ahead log
 * holding its last commit (here, a new title), copied while it was open. */
static char *
make_crashed_study (Fixture    *fixture,
                    const char *title)
{
  g_autofree char *source_wal = g_strconcat (fixture->path, "-wal", NULL);
  char *path = g_build_filename (fixture->dir, "crashed.trellis", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(TrellisDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) wal_bytes = NULL;

  db = trellis_database_create (fixture->path, "First title", &error);
  g_assert_no_error (error);
  g_assert_true (trellis_study_store_set_title (db, title, NULL, &error));
  g_assert_no_error (error);

  bytes = trellis_test_read_bytes (fixture->path);
  wal_bytes = trellis_test_read_bytes (source_wal);
  g_assert_cmpuint (g_bytes_get_size (wal_bytes), >, 0);
  trellis_test_write_file (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  trellis_test_write_file (wal, g_bytes_get_data (wal_bytes, NULL), g_bytes_get_size (wal_bytes));
  g_clear_object (&db);
  g_assert_no_errno (g_unlink (fixture->path));
  return path;
}

/* Commits waiting in the -wal cannot be read without a -shm beside them, so a
 * study with a pending log in a read-only folder is refused, saying where the
 * changes are, rather than shown without them. */
static void
test_pending_log_read_only_folder (Fixture       *fixture,
                                   gconstpointer  user_data)
{
  g_autofree char *path = make_crashed_study (fixture, "Last words");
  g_autoptr(TrellisDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;

  g_assert_no_errno (g_chmod (fixture->dir, 0555));

  for (int file_mode = 0644; file_mode >= 0444; file_mode -= 0200)
    {
      g_assert_no_errno (g_chmod (path, file_mode));
      db = trellis_database_open (path, TRELLIS_OPEN_FLAGS_NONE, &error);
      g_assert_null (db);
      g_assert_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_READ_ONLY);
      g_assert_nonnull (strstr (error->message, "crashed.trellis-wal"));
      g_clear_error (&error);
    }

  listing = trellis_test_list_dir (fixture->dir);
  g_assert_cmpstr (listing, ==, "crashed.trellis crashed.trellis-wal");
  g_assert_no_errno (g_chmod (fixture->dir, 0755));
}

/* A read-only file whose folder is writable: the pending commit is read. */
static void
test_pending_log_read_only_file (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  g_autofree char *path = make_crashed_study (fixture, "Last words");
  g_autoptr(TrellisStudy) study = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_no_errno (g_chmod (path, 0444));

  study = trellis_study_open (path, TRELLIS_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (trellis_study_get_read_only_reason (study), ==, TRELLIS_READ_ONLY_REASON_FILE);
  g_assert_cmpstr (trellis_study_get_title (study), ==, "Last words");
}

/* Read-only opens go through an SQLite URI; characters that mean something
 * in a URI must still name the file. */
static void
test_uri_characters (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "cohort #2 ?50% & more.trellis", NULL);
  g_autoptr(TrellisStudy) study = NULL;
  g_autoptr(GError) error = NULL;

  create_closed_study (path, "Odd name");

  study = trellis_study_open (path, TRELLIS_OPEN_FLAGS_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (trellis_study_get_title (study), ==, "Odd name");
  g_clear_object (&study);

  g_assert_no_errno (g_chmod (path, 0444));
  study = trellis_study_open (path, TRELLIS_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (trellis_study_get_read_only_reason (study), ==, TRELLIS_READ_ONLY_REASON_FILE);
  g_assert_cmpstr (trellis_study_get_title (study), ==, "Odd name");
}

/* SQLite keeps the old journal mode, without an error, where it cannot use
 * WAL; here because the default VFS is one without shared memory. A study
 * that would silently lose WAL's guarantees is not created at all. */
static void
test_wal_refused (Fixture       *fixture,
                  gconstpointer  user_data)
{
  sqlite3_vfs *usual = sqlite3_vfs_find (NULL);
  g_autoptr(TrellisDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;

  g_assert_cmpint (sqlite3_vfs_register (sqlite3_vfs_find ("unix-none"), 1), ==, SQLITE_OK);
  db = trellis_database_create (fixture->path, "Resilience coaching", &error);
  g_assert_cmpint (sqlite3_vfs_register (usual, 1), ==, SQLITE_OK);

  g_assert_null (db);
  g_assert_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "study.trellis"));
  g_assert_nonnull (strstr (error->message, "write-ahead logging"));
  listing = trellis_test_list_dir (fixture->dir);
  g_assert_cmpstr (listing, ==, "");
}

static void
test_newer (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  create_closed_study (fixture->path, "From the future");
  trellis_test_sqlite_exec_file (fixture->path, "PRAGMA user_version = 99");

  assert_open_fails (fixture->path, TRELLIS_STORAGE_ERROR_NEWER, &error);
  g_assert_nonnull (strstr (error->message, "99"));

  /* Refusing is not downgrading. */
  db = trellis_test_sqlite_open (fixture->path, SQLITE_OPEN_READWRITE);
  g_assert_cmpint (trellis_test_sqlite_int (db, "PRAGMA user_version"), ==, 99);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

/* A study whose one study row was deleted with a plain SQLite tool: opening it
 * says what is missing, in words, rather than SQLite's "no more rows
 * available", which names neither the file nor the problem. */
static void
test_study_row_missing (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(TrellisStudy) study = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;

  create_closed_study (fixture->path, "Resilience coaching");
  trellis_test_sqlite_exec_file (fixture->path, "DELETE FROM study");

  study = trellis_study_open (fixture->path, TRELLIS_OPEN_FLAGS_READ_ONLY, &error);
  g_assert_null (study);
  g_assert_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_CORRUPT);
  expected = g_strdup_printf ("“%s” is damaged: its study record is missing", fixture->path);
  g_assert_cmpstr (error->message, ==, expected);
}

/* Another program holds a study in an exclusive transaction for a moment. In
 * a rollback-journal file (a format-1 study that was last written by a plain
 * SQLite tool, say) that stops readers too. The open, which reads the file's
 * application id and format first, waits for it like any other read instead
 * of failing at once as locked. */
static gpointer
release_after_a_moment (gpointer data)
{
  sqlite3 *other = data;

  g_usleep (300 * G_TIME_SPAN_MILLISECOND);
  trellis_test_sqlite_exec (other, "COMMIT");
  return NULL;
}

static void
test_busy_while_opening (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(TrellisDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  GThread *releaser;
  sqlite3 *other;

  trellis_test_copy_v1_study (fixture->path);
  trellis_test_sqlite_exec_file (fixture->path, "PRAGMA journal_mode = DELETE");
  other = trellis_test_sqlite_open (fixture->path, SQLITE_OPEN_READWRITE);
  trellis_test_sqlite_exec (other, "BEGIN EXCLUSIVE");
  releaser = g_thread_new ("releaser", release_after_a_moment, other);

  db = trellis_database_open (fixture->path, TRELLIS_OPEN_FLAGS_NONE, &error);
  g_thread_join (releaser);
  g_assert_cmpint (sqlite3_close (other), ==, SQLITE_OK);

  g_assert_no_error (error);
  g_assert_cmpint (trellis_database_get_schema_version (db), ==, TRELLIS_SCHEMA_VERSION);
  g_assert_cmpint (trellis_database_get_migrated_from (db), ==, 1);
}

/* A query that must find a row and finds none means a damaged file, and the
 * message says so in words and names the file. */
static void
test_query_single_no_row (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(TrellisDatabase) db = NULL;
  g_autoptr(GError) error = NULL;

  db = trellis_database_create (fixture->path, "Resilience coaching", &error);
  g_assert_no_error (error);

  g_assert_null (trellis_database_query_single (db, "SELECT 1 WHERE 0", &error));
  g_assert_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, fixture->path));
  g_assert_nonnull (strstr (error->message, "returned no row"));
  g_assert_null (strstr (error->message, "no more rows"));
}

/* Reads in one read transaction see one state of the study: a change Trellis
 * commits meanwhile (here through a second, writing connection) shows only
 * once the read is over, so an audit count and head hash read together
 * always belong together. */
static void
test_read_transaction (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(TrellisDatabase) writer = NULL;
  g_autoptr(TrellisDatabase) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *head = NULL;
  g_autofree char *head_during = NULL;
  g_autofree char *head_after = NULL;
  gint64 count;

  writer = trellis_database_create (fixture->path, "Resilience coaching", &error);
  g_assert_no_error (error);
  reader = trellis_database_open (fixture->path, TRELLIS_OPEN_FLAGS_READ_ONLY, &error);
  g_assert_no_error (error);

  g_assert_true (trellis_database_begin_read (reader, &error));
  g_assert_no_error (error);
  count = trellis_audit_count (reader, &error);
  head = trellis_audit_head_hash (reader, &error);
  g_assert_no_error (error);

  g_assert_true (trellis_study_store_set_title (writer, "Renamed meanwhile", NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpint (trellis_audit_count (reader, &error), ==, count);
  head_during = trellis_audit_head_hash (reader, &error);
  g_assert_cmpstr (head_during, ==, head);
  g_assert_true (trellis_audit_verify (reader, &error));
  g_assert_no_error (error);
  trellis_database_end_read (reader);
  g_assert_true (sqlite3_get_autocommit (trellis_database_get_handle (reader)));

  g_assert_cmpint (trellis_audit_count (reader, &error), ==, count + 1);
  head_after = trellis_audit_head_hash (reader, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (head_after, !=, head);
}

/* Connection settings live on the connection, so they are read through the
 * database's own handle; the file's own settings through a second connection. */
static void
assert_pragmas (TrellisDatabase *db,
                const char      *path)
{
  sqlite3 *handle = trellis_database_get_handle (db);
  g_autofree char *journal_mode = trellis_test_sqlite_text (handle, "PRAGMA journal_mode");
  g_autofree char *file_journal_mode = NULL;
  sqlite3 *other;

  g_assert_cmpstr (journal_mode, ==, "wal");
  g_assert_cmpint (trellis_test_sqlite_int (handle, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (trellis_test_sqlite_int (handle, "PRAGMA synchronous"), ==, 2);   /* FULL */
  /* Purged identifiers are overwritten, not left in free pages. */
  g_assert_cmpint (trellis_test_sqlite_int (handle, "PRAGMA secure_delete"), ==, 1);
  g_assert_cmpint (trellis_test_sqlite_int (handle, "PRAGMA busy_timeout"), >, 0);
  g_assert_cmpint (trellis_test_sqlite_int (handle, "PRAGMA application_id"), ==, 0x54524C53);
  g_assert_cmpint (trellis_test_sqlite_int (handle, "PRAGMA user_version"), ==,
                   TRELLIS_SCHEMA_VERSION);

  other = trellis_test_sqlite_open (path, SQLITE_OPEN_READWRITE);
  file_journal_mode = trellis_test_sqlite_text (other, "PRAGMA journal_mode");
  g_assert_cmpstr (file_journal_mode, ==, "wal");
  g_assert_cmpint (trellis_test_sqlite_int (other, "PRAGMA application_id"), ==, 1414679635);
  g_assert_cmpint (trellis_test_sqlite_int (other, "PRAGMA user_version"), ==,
                   TRELLIS_SCHEMA_VERSION);
  g_assert_cmpint (sqlite3_close (other), ==, SQLITE_OK);
}

static void
test_pragmas (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(TrellisDatabase) db = NULL;
  g_autoptr(GError) error = NULL;

  db = trellis_database_create (fixture->path, "Resilience coaching", &error);
  g_assert_no_error (error);
  assert_pragmas (db, fixture->path);
  g_clear_object (&db);

  db = trellis_database_open (fixture->path, TRELLIS_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);
  assert_pragmas (db, fixture->path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, func) \
  g_test_add ("/trellis/storage/database/" name, Fixture, NULL, \
              trellis_test_folder_set_up, func, trellis_test_folder_tear_down)

  ADD ("create-open-reopen", test_create_open_reopen);
  ADD ("open-missing", test_open_missing);
  ADD ("create-exists", test_create_exists);
  ADD ("create-bad-title", test_create_bad_title);
  ADD ("create-missing-folder", test_create_missing_folder);
  ADD ("create-read-only-folder", test_create_read_only_folder);
  ADD ("open-empty", test_open_empty);
  ADD ("open-foreign", test_open_foreign);
  ADD ("open-junk", test_open_junk);
  ADD ("open-truncated", test_open_truncated);
  ADD ("open-unfinished", test_open_unfinished);
  ADD ("read-only", test_read_only);
  ADD ("read-only-requested", test_read_only_requested);
  ADD ("read-only-folder", test_read_only_folder);
  ADD ("read-only-file-and-folder", test_read_only_file_and_folder);
  ADD ("pending-log-read-only-folder", test_pending_log_read_only_folder);
  ADD ("pending-log-read-only-file", test_pending_log_read_only_file);
  ADD ("uri-characters", test_uri_characters);
  ADD ("wal-refused", test_wal_refused);
  ADD ("newer", test_newer);
  ADD ("pragmas", test_pragmas);
  ADD ("study-row-missing", test_study_row_missing);
  ADD ("busy-while-opening", test_busy_while_opening);
  ADD ("query-single-no-row", test_query_single_no_row);
  ADD ("read-transaction", test_read_transaction);

#undef ADD

  return g_test_run ();
}
