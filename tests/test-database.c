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

/* Opening a study file: every way it can go wrong gets its own error code and
 * a message that names the file, and a refused file is left exactly as it was.
 * Each test works in its own temporary folder, removed afterwards. */

typedef TrellisTestFolder Fixture;

static void
create_closed_study (const char *path,
                     const char *title)
{
  g_autoptr(TrellisDatabase) db = NULL;
  g_autoptr(GError) error = NULL;

  db = trellis_database_create (path, title, &error);
  g_assert_no_error (error);
  g_assert_nonnull (db);
}

/* Opens path expecting the given storage error, and checks that the message
 * names the file so that a person knows which one is meant. */
static void
assert_open_fails (const char  *path,
                   int          code,
                   GError     **out_error)
{
  g_autoptr(TrellisDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *basename = g_path_get_basename (path);

  db = trellis_database_open (path, TRELLIS_OPEN_FLAGS_NONE, &error);
  g_assert_null (db);
  g_assert_error (error, TRELLIS_STORAGE_ERROR, code);
  if (strstr (error->message, basename) == NULL)
    g_error ("“%s” does not name %s", error->message, basename);
  if (out_error != NULL)
    *out_error = g_steal_pointer (&error);
}

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

/* Creating a study never touches what is at its path: not the file, and not a
 * -wal, -shm or -journal left by an earlier study of that name (a -wal may be
 * the only copy of its last commits, and SQLite would replay it). */
static void
test_create_sidecar_exists (Fixture       *fixture,
                            gconstpointer  user_data)
{
  static const char *const suffixes[] = { "-wal", "-shm", "-journal" };
  static const char precious[] = "last commits of a crashed study";

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *sidecar = g_strconcat (fixture->path, suffixes[i], NULL);
      g_autofree char *sidecar_name = g_path_get_basename (sidecar);
      g_autoptr(TrellisDatabase) db = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) after = NULL;
      g_autofree char *listing = NULL;

      trellis_test_write_file (sidecar, precious, -1);
      db = trellis_database_create (fixture->path, "Resilience coaching", &error);
      g_assert_null (db);
      g_assert_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_EXISTS);
      g_assert_nonnull (strstr (error->message, sidecar_name));

      after = trellis_test_read_bytes (sidecar);
      g_assert_cmpmem (g_bytes_get_data (after, NULL), g_bytes_get_size (after),
                       precious, strlen (precious));
      listing = trellis_test_list_dir (fixture->dir);
      g_assert_cmpstr (listing, ==, sidecar_name);
      g_assert_no_errno (g_unlink (sidecar));
    }
}

/* The same for a copy, which may be saved over a crashed study's leftovers. */
static void
test_copy_sidecar_exists (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autofree char *copy = g_build_filename (fixture->dir, "copy.trellis", NULL);
  g_autofree char *wal = g_strconcat (copy, "-wal", NULL);
  g_autoptr(TrellisDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autofree char *listing = NULL;

  db = trellis_database_create (fixture->path, "Resilience coaching", &error);
  g_assert_no_error (error);
  trellis_test_write_file (wal, "precious", -1);

  g_assert_false (trellis_database_save_copy (db, copy, &error));
  g_assert_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "copy.trellis-wal"));
  after = trellis_test_read_bytes (wal);
  g_assert_cmpmem (g_bytes_get_data (after, NULL), g_bytes_get_size (after), "precious", 8);
  g_clear_object (&db);

  listing = trellis_test_list_dir (fixture->dir);
  g_assert_cmpstr (listing, ==, "copy.trellis-wal study.trellis");
}

/* Stands in for another program that takes the copy's name while the copy
 * is being written. */
static void
take_name_meanwhile (const char *dest_path,
                     gpointer    user_data)
{
  trellis_test_write_file (dest_path, user_data, -1);
}

/* A copy is written under a hidden name and only then given its own, which
 * never replaces a file: one that appears under that name meanwhile is left
 * as it is, and the half of the copy is removed, nothing else. */
static void
test_copy_name_taken_meanwhile (Fixture       *fixture,
                                gconstpointer  user_data)
{
  static const char precious[] = "someone else's file";
  g_autofree char *copy = g_build_filename (fixture->dir, "copy.trellis", NULL);
  g_autoptr(TrellisDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *listing = NULL;

  db = trellis_database_create (fixture->path, "Resilience coaching", &error);
  g_assert_no_error (error);

  trellis_database_files_set_before_publish (take_name_meanwhile, (gpointer) precious);
  g_assert_false (trellis_database_save_copy (db, copy, &error));
  trellis_database_files_set_before_publish (NULL, NULL);
  g_assert_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "copy.trellis"));

  contents = trellis_test_read_file (copy, NULL);
  g_assert_cmpstr (contents, ==, precious);
  g_clear_object (&db);
  listing = trellis_test_list_dir (fixture->dir);
  g_assert_cmpstr (listing, ==, "copy.trellis study.trellis");
}

/* A successful copy leaves the copy and nothing else beside it. */
static void
test_copy_leaves_no_temporary (Fixture       *fixture,
                               gconstpointer  user_data)
{
  g_autofree char *copy = g_build_filename (fixture->dir, "copy.trellis", NULL);
  g_autoptr(TrellisDatabase) db = NULL;
  g_autoptr(TrellisDatabase) reopened = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;

  db = trellis_database_create (fixture->path, "Resilience coaching", &error);
  g_assert_no_error (error);
  g_assert_true (trellis_database_save_copy (db, copy, &error));
  g_assert_no_error (error);
  g_clear_object (&db);

  listing = trellis_test_list_dir (fixture->dir);
  g_assert_cmpstr (listing, ==, "copy.trellis study.trellis");
  reopened = trellis_database_open (copy, TRELLIS_OPEN_FLAGS_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (trellis_audit_verify (reopened, &error));
  g_assert_no_error (error);
}

static void
die_before_publishing (const char *dest_path,
                       gpointer    user_data)
{
  _exit (0);
}

/* A copy killed half-way (here: whole, but not yet published) leaves nothing
 * under the name asked for, neither a broken study nor a hot -journal that
 * would block that name, so saving the copy again just works. What it does
 * leave is hidden. */
static void
test_copy_killed (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autofree char *copy = g_build_filename (fixture->dir, "copy.trellis", NULL);
  g_autoptr(TrellisDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  pid_t child;

  create_closed_study (fixture->path, "Resilience coaching");

  child = fork ();
  g_assert_cmpint (child, >=, 0);
  if (child == 0)
    {
      db = trellis_database_open (fixture->path, TRELLIS_OPEN_FLAGS_READ_ONLY, NULL);
      trellis_database_files_set_before_publish (die_before_publishing, NULL);
      if (db != NULL)
        trellis_database_save_copy (db, copy, NULL);
      _exit (1);   /* the hook was never reached */
    }
  g_assert_cmpint (waitpid (child, &status, 0), ==, child);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);

  g_assert_cmpuint (trellis_test_count_files_containing (fixture->dir, "copy.trellis"), ==, 1);
  g_assert_cmpuint (trellis_test_count_files_containing (fixture->dir, ".copy.trellis."), ==, 1);
  g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));

  db = trellis_database_open (fixture->path, TRELLIS_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_true (trellis_database_save_copy (db, copy, &error));
  g_assert_no_error (error);
}

/* Publishing on its own: it links the finished file to its name, and fails
 * without touching anything where the name, or a sidecar of it, is taken. */
static void
test_publish (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autofree char *temp = g_build_filename (fixture->dir, ".copy.trellis.ABCDEF.partial", NULL);
  g_autofree char *dest = g_build_filename (fixture->dir, "copy.trellis", NULL);
  g_autofree char *journal = g_strconcat (dest, "-journal", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  trellis_test_write_file (temp, "the copy", -1);
  trellis_test_write_file (dest, "already here", -1);
  g_assert_false (trellis_database_files_publish (temp, dest, &error));
  g_assert_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_EXISTS);
  g_clear_error (&error);
  contents = trellis_test_read_file (dest, NULL);
  g_assert_cmpstr (contents, ==, "already here");
  g_clear_pointer (&contents, g_free);

  g_assert_no_errno (g_rename (dest, journal));
  g_assert_false (trellis_database_files_publish (temp, dest, &error));
  g_assert_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_false (g_file_test (dest, G_FILE_TEST_EXISTS));

  g_assert_no_errno (g_unlink (journal));
  g_assert_true (trellis_database_files_publish (temp, dest, &error));
  g_assert_no_error (error);
  contents = trellis_test_read_file (dest, NULL);
  g_assert_cmpstr (contents, ==, "the copy");
}

/* A new study will hold identifiable data, so it is private to its owner. A
 * copy lets read the same people its source does (group and others keep their
 * read bits, never more), but is always its owner's to edit: a copy of an
 * archived, read-only study is how someone gets a version they can change. */
static void
test_modes (Fixture       *fixture,
            gconstpointer  user_data)
{
  static const struct { int source, copy; } modes[] = {
    { 0600, 0600 }, { 0640, 0640 }, { 0644, 0644 }, { 0444, 0644 }, { 0400, 0600 }, { 0666, 0644 },
  };
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autoptr(TrellisDatabase) db = NULL;
  g_autoptr(GError) error = NULL;

  db = trellis_database_create (fixture->path, "Resilience coaching", &error);
  g_assert_no_error (error);
  g_assert_cmpint (trellis_test_file_mode (fixture->path), ==, 0600);
  g_assert_cmpint (trellis_test_file_mode (wal), ==, 0600);

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autofree char *name = g_strdup_printf ("copy-%o.trellis", modes[i].source);
      g_autofree char *copy = g_build_filename (fixture->dir, name, NULL);
      g_autoptr(TrellisDatabase) reopened = NULL;

      g_assert_no_errno (g_chmod (fixture->path, modes[i].source));
      g_assert_true (trellis_database_save_copy (db, copy, &error));
      g_assert_no_error (error);
      g_assert_cmpint (trellis_test_file_mode (copy), ==, modes[i].copy);

      reopened = trellis_database_open (copy, TRELLIS_OPEN_FLAGS_NONE, &error);
      g_assert_no_error (error);
      g_assert_false (trellis_database_is_read_only (reopened));
    }
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
  ADD ("locked-by-sqlite", test_locked_by_sqlite);
  ADD ("locked-by-trellis", test_locked_by_trellis);
  ADD ("locked-other-names", test_locked_other_names);
  ADD ("locked-without-description", test_locked_without_description);
  ADD ("stale-description", test_stale_description);
  ADD ("description-unwritable", test_description_unwritable);
  ADD ("writer-close-keeps-reader-locks", test_writer_close_keeps_reader_locks);
  ADD ("create-sidecar-exists", test_create_sidecar_exists);
  ADD ("copy-sidecar-exists", test_copy_sidecar_exists);
  ADD ("copy-name-taken-meanwhile", test_copy_name_taken_meanwhile);
  ADD ("copy-leaves-no-temporary", test_copy_leaves_no_temporary);
  ADD ("copy-killed", test_copy_killed);
  ADD ("publish", test_publish);
  ADD ("modes", test_modes);
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
