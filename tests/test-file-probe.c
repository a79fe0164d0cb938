/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "trellis-database.h"
#include "trellis-file-probe.h"
#include "trellis-storage-error.h"
#include "trellis-test-utils.h"

/* The probe tells the kinds of wrong file apart before SQLite sees them. Each
 * test gets its own temporary folder, removed afterwards. */

typedef TrellisTestFolder Fixture;

/* Creates a study at path and closes it, so that the write-ahead log has been
 * checkpointed into the file and removed. */
static void
create_closed_study (const char *path)
{
  g_autoptr(TrellisDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);

  db = trellis_database_create (path, "Resilience coaching", &error);
  g_assert_no_error (error);
  g_clear_object (&db);

  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

static void
assert_probe_fails (const char *path,
                    int         code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *basename = g_path_get_basename (path);

  g_assert_false (trellis_file_probe (path, &error));
  g_assert_error (error, TRELLIS_STORAGE_ERROR, code);
  g_assert_nonnull (strstr (error->message, basename));
}

static void
test_valid (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  create_closed_study (fixture->path);

  g_assert_true (trellis_file_probe (fixture->path, &error));
  g_assert_no_error (error);
}

/* A study that is open (or whose writer crashed) keeps recent pages in its
 * write-ahead log, so the main file alone may look short; the probe must not
 * call it damaged. */
static void
test_pending_wal (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(TrellisDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  GStatBuf st;

  db = trellis_database_create (fixture->path, "Resilience coaching", &error);
  g_assert_no_error (error);
  g_assert_no_errno (g_stat (wal, &st));
  g_assert_cmpint (st.st_size, >, 0);

  g_assert_true (trellis_file_probe (fixture->path, &error));
  g_assert_no_error (error);
}

static void
test_missing (Fixture       *fixture,
              gconstpointer  user_data)
{
  assert_probe_fails (fixture->path, TRELLIS_STORAGE_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
}

static void
test_folder (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_assert_no_errno (g_mkdir (fixture->path, 0755));
  assert_probe_fails (fixture->path, TRELLIS_STORAGE_ERROR_NOT_SQLITE);
}

static void
test_empty (Fixture       *fixture,
            gconstpointer  user_data)
{
  trellis_test_write_file (fixture->path, "", 0);
  assert_probe_fails (fixture->path, TRELLIS_STORAGE_ERROR_EMPTY);
}

static void
test_junk (Fixture       *fixture,
           gconstpointer  user_data)
{
  /* Seeded, so a failure can be reproduced byte for byte. */
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240917);
  guint8 junk[8192];

  for (guint i = 0; i < sizeof junk; i++)
    junk[i] = (guint8) g_rand_int_range (rand, 0, 256);
  g_assert_cmpint (memcmp (junk, "SQLite", 6), !=, 0);
  trellis_test_write_file (fixture->path, (const char *) junk, sizeof junk);

  assert_probe_fails (fixture->path, TRELLIS_STORAGE_ERROR_NOT_SQLITE);
}

static void
test_short_text (Fixture       *fixture,
                 gconstpointer  user_data)
{
  /* Shorter than the 16-byte magic string, and a prefix of it. */
  trellis_test_write_file (fixture->path, "SQLite", 6);
  assert_probe_fails (fixture->path, TRELLIS_STORAGE_ERROR_NOT_SQLITE);
}

static void
test_header_only (Fixture       *fixture,
                  gconstpointer  user_data)
{
  /* The magic string and nothing else: SQLite, but cut short inside its header. */
  trellis_test_write_file (fixture->path, "SQLite format 3", 16);
  assert_probe_fails (fixture->path, TRELLIS_STORAGE_ERROR_TRUNCATED);
}

/* The bytes of a complete, closed study made in the fixture's folder. */
static char *
closed_study_bytes (Fixture *fixture,
                    gsize   *length)
{
  g_autofree char *source = g_build_filename (fixture->dir, "complete.trellis", NULL);

  create_closed_study (source);
  return trellis_test_read_file (source, length);
}

static void
test_truncated_half (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *size = NULL;
  gsize length = 0;

  data = closed_study_bytes (fixture, &length);
  trellis_test_write_file (fixture->path, data, length / 2);

  g_assert_false (trellis_file_probe (fixture->path, &error));
  g_assert_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_TRUNCATED);
  g_assert_nonnull (strstr (error->message, "study.trellis"));
  /* The message states the size, which a person can check in a file manager. */
  size = g_strdup_printf ("%" G_GSIZE_FORMAT " bytes", length / 2);
  g_assert_nonnull (strstr (error->message, size));
}

static void
test_truncated_at_page (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autofree char *data = NULL;
  gsize length = 0;
  gsize page_size;

  data = closed_study_bytes (fixture, &length);
  page_size = ((guint8) data[16] << 8) | (guint8) data[17];
  g_assert_cmpuint (page_size, >=, 512);
  g_assert_cmpuint (length, >=, 2 * page_size);

  /* Cut exactly after the first page, so that the size is a whole number of
   * pages and only the page count in the header tells that the rest is gone. */
  trellis_test_write_file (fixture->path, data, page_size);
  assert_probe_fails (fixture->path, TRELLIS_STORAGE_ERROR_TRUNCATED);
}

/* Whether a database belongs to Trellis is the database's question, asked
 * once SQLite has opened it; the probe only says it is an intact SQLite file. */
static void
test_foreign_passes (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = trellis_test_sqlite_open (fixture->path,
                                          SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);

  trellis_test_sqlite_exec (db, "CREATE TABLE recipe (name TEXT);"
                                "INSERT INTO recipe VALUES ('Bread')");
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  g_assert_true (trellis_file_probe (fixture->path, &error));
  g_assert_no_error (error);
}

/* Writability goes by the mode bits as well as by what the OS allows, so a
 * file or folder marked read-only counts as such even for root. */
static void
test_writable (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autofree char *sub = g_build_filename (fixture->dir, "archive", NULL);

  trellis_test_write_file (fixture->path, "x", 1);
  g_assert_true (trellis_file_is_writable (fixture->path));
  g_assert_no_errno (g_chmod (fixture->path, 0444));
  g_assert_false (trellis_file_is_writable (fixture->path));
  g_assert_no_errno (g_chmod (fixture->path, 0200));
  g_assert_true (trellis_file_is_writable (fixture->path));

  g_assert_no_errno (g_mkdir (sub, 0755));
  g_assert_true (trellis_file_is_writable (sub));
  g_assert_no_errno (g_chmod (sub, 0555));
  g_assert_false (trellis_file_is_writable (sub));
  g_assert_no_errno (g_chmod (sub, 0755));

  g_assert_no_errno (g_unlink (fixture->path));
  g_assert_false (trellis_file_is_writable (fixture->path));
}

/* SQLite keeps the log beside the file a symlink leads to, so that is where
 * pending commits are looked for. */
static void
test_wal_through_symlink (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autofree char *sub = g_build_filename (fixture->dir, "elsewhere", NULL);
  g_autofree char *link_path = g_build_filename (sub, "shortcut.trellis", NULL);
  g_autofree char *resolved = NULL;
  g_autoptr(TrellisDatabase) db = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_no_errno (g_mkdir (sub, 0755));
  g_assert_no_errno (symlink (fixture->path, link_path));
  db = trellis_database_create (fixture->path, "Resilience coaching", &error);
  g_assert_no_error (error);

  g_assert_true (trellis_file_has_wal_content (fixture->path));
  g_assert_true (trellis_file_has_wal_content (link_path));
  resolved = trellis_file_resolve (link_path);
  g_assert_true (g_str_has_suffix (resolved, "/study.trellis"));
  g_assert_false (g_str_has_prefix (resolved, sub));

  g_clear_object (&db);
  g_assert_false (trellis_file_has_wal_content (link_path));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, func) \
  g_test_add ("/trellis/storage/file-probe/" name, Fixture, NULL, \
              trellis_test_folder_set_up, func, trellis_test_folder_tear_down)

  ADD ("valid", test_valid);
  ADD ("pending-wal", test_pending_wal);
  ADD ("missing", test_missing);
  ADD ("folder", test_folder);
  ADD ("empty", test_empty);
  ADD ("junk", test_junk);
  ADD ("short-text", test_short_text);
  ADD ("header-only", test_header_only);
  ADD ("truncated-half", test_truncated_half);
  ADD ("truncated-at-page", test_truncated_at_page);
  ADD ("foreign-passes", test_foreign_passes);
  ADD ("writable", test_writable);
  ADD ("wal-through-symlink", test_wal_through_symlink);

#undef ADD

  return g_test_run ();
}
