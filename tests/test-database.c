/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "trellis-database-private.h"
#include "trellis-domain-error.h"
#include "trellis-file-lock.h"
#include "trellis-file-probe.h"
#include "trellis-migrations.h"
#include "trellis-storage-error.h"
#include "trellis-study.h"
#include "trellis-study-store.h"

/* Opening a study file: every way it can go wrong gets its own error code and
 * a message that names the file, and a refused file is left exactly as it was.
 * Each test works in its own temporary folder, removed afterwards. */

typedef struct
{
  char *dir;
  char *path;   /* dir/study.trellis, not created */
} Fixture;

static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_assert_no_errno (g_unlink (child));
    }
  g_clear_pointer (&dir, g_dir_close);
  g_assert_no_errno (g_rmdir (path));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("trellis-database-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "study.trellis", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->path, g_free);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

/* The names in a folder, sorted and space-separated, to show that a refused
 * open left nothing behind (no lock file, no write-ahead log). */
static char *
list_dir (const char *path)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (path, 0, &error);
  const char *name;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static void
write_bytes (const char *path,
             const char *data,
             gssize      length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize length = 0;

  g_file_get_contents (path, &data, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, length);
}

static sqlite3 *
raw_open (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL),
                   ==, SQLITE_OK);
  return db;
}

static void
raw_exec (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static gint64
raw_int (sqlite3    *db,
         const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static char *
raw_text (sqlite3    *db,
          const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

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
  g_autofree char *lock_path = trellis_file_lock_path_for (fixture->path);

  db = trellis_database_create (fixture->path, "  Resilience coaching\n(pilot) ", &error);
  g_assert_no_error (error);
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
  listing = list_dir (fixture->dir);
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

  write_bytes (fixture->path, precious, -1);

  db = trellis_database_create (fixture->path, "Resilience coaching", &error);
  g_assert_null (db);
  g_assert_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "study.trellis"));

  after = read_bytes (fixture->path);
  g_assert_cmpmem (g_bytes_get_data (after, NULL), g_bytes_get_size (after),
                   precious, strlen (precious));
  listing = list_dir (fixture->dir);
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
  listing = list_dir (fixture->dir);
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

  listing = list_dir (fixture->dir);
  g_assert_cmpstr (listing, ==, "");
}

static void
test_open_empty (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(GBytes) after = NULL;

  write_bytes (fixture->path, "", 0);
  assert_open_fails (fixture->path, TRELLIS_STORAGE_ERROR_EMPTY, NULL);

  after = read_bytes (fixture->path);
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
  sqlite3 *db = raw_open (path);

  raw_exec (db, "CREATE TABLE recipe (id INTEGER PRIMARY KEY, name TEXT NOT NULL, minutes INTEGER);"
                "INSERT INTO recipe (name, minutes) VALUES ('Soda bread', 45), ('Dal', 30);");
  g_assert_cmpint (raw_int (db, "PRAGMA application_id"), ==, 0);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  before = read_bytes (path);

  assert_open_fails (path, TRELLIS_STORAGE_ERROR_FOREIGN, NULL);

  after = read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
  listing = list_dir (fixture->dir);
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
  write_bytes (fixture->path, (const char *) junk, sizeof junk);

  assert_open_fails (fixture->path, TRELLIS_STORAGE_ERROR_NOT_SQLITE, NULL);

  after = read_bytes (fixture->path);
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
  bytes = read_bytes (complete);
  write_bytes (fixture->path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes) / 2);

  assert_open_fails (fixture->path, TRELLIS_STORAGE_ERROR_TRUNCATED, NULL);
}

/* A file with our application id but no schema version is a study whose
 * creation never finished. */
static void
test_open_unfinished (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autofree char *set_id = g_strdup_printf ("PRAGMA application_id = %d", (int) TRELLIS_APPLICATION_ID);
  sqlite3 *db = raw_open (fixture->path);

  raw_exec (db, set_id);
  raw_exec (db, "CREATE TABLE study (id INTEGER PRIMARY KEY)");
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  assert_open_fails (fixture->path, TRELLIS_STORAGE_ERROR_CORRUPT, NULL);
}

/* A file whose mode has no write bits is treated as read-only even where the
 * OS would let this process write to it, as it does for root (and in CI). */
static void
test_read_only (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(TrellisStudy) study = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  gint64 audit_count;

  create_closed_study (fixture->path, "Archived study");
  g_assert_no_errno (g_chmod (fixture->path, 0444));
  before = read_bytes (fixture->path);

  study = trellis_study_open (fixture->path, TRELLIS_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_true (trellis_database_is_read_only (trellis_study_get_database (study)));
  g_assert_true (trellis_study_is_read_only (study));
  g_assert_cmpstr (trellis_study_get_title (study), ==, "Archived study");
  g_assert_cmpuint (g_list_model_get_n_items (trellis_study_get_timepoints (study)), ==, 4);
  audit_count = trellis_study_get_audit_count (study);

  g_assert_false (trellis_study_set_title (study, "Changed anyway", &error));
  g_assert_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "study.trellis"));
  g_assert_cmpstr (trellis_study_get_title (study), ==, "Archived study");
  g_assert_cmpint (trellis_study_get_audit_count (study), ==, audit_count);
  g_clear_object (&study);

  after = read_bytes (fixture->path);
  g_assert_true (g_bytes_equal (before, after));
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
  other = raw_open (fixture->path);
  raw_exec (other, "BEGIN IMMEDIATE");

  assert_open_fails (fixture->path, TRELLIS_STORAGE_ERROR_LOCKED, NULL);

  raw_exec (other, "ROLLBACK");
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

  first = trellis_database_create (fixture->path, "Resilience coaching", &error);
  g_assert_no_error (error);

  assert_open_fails (fixture->path, TRELLIS_STORAGE_ERROR_LOCKED, &error);
  g_assert_nonnull (strstr (error->message, g_get_user_name ()));
  g_assert_nonnull (strstr (error->message, process));
  g_clear_error (&error);

  /* Still locked after a failed attempt: the failure released nothing of the first. */
  assert_open_fails (fixture->path, TRELLIS_STORAGE_ERROR_LOCKED, NULL);

  g_clear_object (&first);
  second = trellis_database_open (fixture->path, TRELLIS_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (second);
  g_assert_false (trellis_database_is_read_only (second));
}

static void
test_newer (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  create_closed_study (fixture->path, "From the future");
  db = raw_open (fixture->path);
  raw_exec (db, "PRAGMA user_version = 99");
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  assert_open_fails (fixture->path, TRELLIS_STORAGE_ERROR_NEWER, &error);
  g_assert_nonnull (strstr (error->message, "99"));

  /* Refusing is not downgrading. */
  db = raw_open (fixture->path);
  g_assert_cmpint (raw_int (db, "PRAGMA user_version"), ==, 99);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

/* Connection settings live on the connection, so they are read through the
 * database's own handle; the file's own settings through a second connection. */
static void
assert_pragmas (TrellisDatabase *db,
                const char      *path)
{
  sqlite3 *handle = trellis_database_get_handle (db);
  g_autofree char *journal_mode = raw_text (handle, "PRAGMA journal_mode");
  g_autofree char *file_journal_mode = NULL;
  sqlite3 *other;

  g_assert_cmpstr (journal_mode, ==, "wal");
  g_assert_cmpint (raw_int (handle, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (raw_int (handle, "PRAGMA synchronous"), ==, 2);   /* FULL */
  g_assert_cmpint (raw_int (handle, "PRAGMA busy_timeout"), >, 0);
  g_assert_cmpint (raw_int (handle, "PRAGMA application_id"), ==, 0x54524C53);
  g_assert_cmpint (raw_int (handle, "PRAGMA user_version"), ==, TRELLIS_SCHEMA_VERSION);

  other = raw_open (path);
  file_journal_mode = raw_text (other, "PRAGMA journal_mode");
  g_assert_cmpstr (file_journal_mode, ==, "wal");
  g_assert_cmpint (raw_int (other, "PRAGMA application_id"), ==, 1414679635);
  g_assert_cmpint (raw_int (other, "PRAGMA user_version"), ==, TRELLIS_SCHEMA_VERSION);
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
  g_test_add ("/trellis/storage/database/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("create-open-reopen", test_create_open_reopen);
  ADD ("open-missing", test_open_missing);
  ADD ("create-exists", test_create_exists);
  ADD ("create-bad-title", test_create_bad_title);
  ADD ("create-missing-folder", test_create_missing_folder);
  ADD ("open-empty", test_open_empty);
  ADD ("open-foreign", test_open_foreign);
  ADD ("open-junk", test_open_junk);
  ADD ("open-truncated", test_open_truncated);
  ADD ("open-unfinished", test_open_unfinished);
  ADD ("read-only", test_read_only);
  ADD ("locked-by-sqlite", test_locked_by_sqlite);
  ADD ("locked-by-trellis", test_locked_by_trellis);
  ADD ("newer", test_newer);
  ADD ("pragmas", test_pragmas);

#undef ADD

  return g_test_run ();
}
