/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "trellis-audit.h"
#include "trellis-database-files.h"
#include "trellis-database-private.h"
#include "trellis-storage-error.h"
#include "trellis-study.h"
#include "trellis-test-utils.h"
#include "database-fixture.h"

/* The study's files: a new study or a copy never replaces what is at its
 * path or beside it, a copy is published whole or not at all, and files get
 * the permissions their data needs. Each test works in its own temporary
 * folder, removed afterwards. */

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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, func) \
  g_test_add ("/trellis/storage/database-files/" name, Fixture, NULL, \
              trellis_test_folder_set_up, func, trellis_test_folder_tear_down)

  ADD ("create-sidecar-exists", test_create_sidecar_exists);
  ADD ("copy-sidecar-exists", test_copy_sidecar_exists);
  ADD ("copy-name-taken-meanwhile", test_copy_name_taken_meanwhile);
  ADD ("copy-leaves-no-temporary", test_copy_leaves_no_temporary);
  ADD ("copy-killed", test_copy_killed);
  ADD ("publish", test_publish);
  ADD ("modes", test_modes);

#undef ADD

  return g_test_run ();
}
