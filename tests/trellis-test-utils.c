/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <string.h>

#include "trellis-test-utils.h"

void
trellis_test_folder_set_up (TrellisTestFolder *folder,
                            gconstpointer      user_data)
{
  folder->dir = trellis_test_make_tmp_dir ();
  folder->path = g_build_filename (folder->dir, "study.trellis", NULL);
}

void
trellis_test_folder_tear_down (TrellisTestFolder *folder,
                               gconstpointer      user_data)
{
  trellis_test_remove_tree (folder->dir);
  g_clear_pointer (&folder->dir, g_free);
  g_clear_pointer (&folder->path, g_free);
}

/* A fresh folder in the temporary folder, named after the test program, so
 * that one a crashed test left behind says where it came from. */
char *
trellis_test_make_tmp_dir (void)
{
  const char *program = g_get_prgname ();
  g_autofree char *base = g_path_get_basename (program != NULL ? program : "test");
  g_autofree char *tmpl = g_strdup_printf ("trellis-%s-XXXXXX", base);
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp (tmpl, &error);

  g_assert_no_error (error);
  return dir;
}

/* Removes path and all it holds. A symbolic link is removed, never followed:
 * a test may point one outside its folder. Each folder is made writable
 * first, since a test that made one read-only may have stopped half-way. */
void
trellis_test_remove_tree (const char *path)
{
  g_autoptr(GError) error = NULL;
  GDir *dir;
  const char *name;

  g_assert_no_errno (g_chmod (path, 0700));
  dir = g_dir_open (path, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        trellis_test_remove_tree (child);
      else
        g_assert_no_errno (g_unlink (child));
    }
  g_dir_close (dir);
  g_assert_no_errno (g_rmdir (path));
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

/* The names in a folder, sorted and space-separated, so that one comparison
 * shows what a step left behind (a lock file, a write-ahead log, a backup). */
char *
trellis_test_list_dir (const char *path)
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

/* How many names in dir contain fragment: backups and copies are named after
 * their study, with a stamp that a test cannot know in advance. */
guint
trellis_test_count_files_containing (const char *dir,
                                     const char *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) handle = g_dir_open (dir, 0, &error);
  const char *name;
  guint count = 0;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (handle)) != NULL)
    count += strstr (name, fragment) != NULL;
  return count;
}

/* The whole file, NUL-terminated as g_file_get_contents() leaves it, so text
 * can be compared as a string; length may be NULL. */
char *
trellis_test_read_file (const char *path,
                        gsize      *length)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);
  return contents;
}

/* The whole file, for showing with g_bytes_equal() that a step left it
 * exactly as it was. */
GBytes *
trellis_test_read_bytes (const char *path)
{
  gsize length = 0;
  char *contents = trellis_test_read_file (path, &length);

  return g_bytes_new_take (contents, length);
}

/* Replaces the file at path; length -1 means data is a NUL-terminated string. */
void
trellis_test_write_file (const char *path,
                         const char *data,
                         gssize      length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
}

/* A file format is told by its first bytes (PNG, PDF, SQLite), and a file
 * that holds nothing more than them is as broken as one without them. */
void
trellis_test_assert_file_starts_with (const char *path,
                                      const char *magic,
                                      gsize       magic_length)
{
  gsize length = 0;
  g_autofree char *contents = trellis_test_read_file (path, &length);

  g_assert_cmpuint (length, >, magic_length);
  g_assert_cmpmem (contents, magic_length, magic, magic_length);
}

static guint32
read_big_endian (const guchar *bytes)
{
  return (guint32) bytes[0] << 24 | (guint32) bytes[1] << 16 | (guint32) bytes[2] << 8 | bytes[3];
}

/* The width and height in pixels a PNG's header gives (IHDR, the chunk that
 * must come right after the signature); @height may be NULL. */
void
trellis_test_png_size (const char *path,
                       guint      *width,
                       guint      *height)
{
  gsize length = 0;
  g_autofree char *contents = trellis_test_read_file (path, &length);
  const guchar *bytes = (const guchar *) contents;

  g_assert_cmpuint (length, >, 24);
  g_assert_cmpmem (contents, 8, "\x89PNG\r\n\x1a\n", 8);
  g_assert_cmpmem (contents + 12, 4, "IHDR", 4);
  *width = read_big_endian (bytes + 16);
  if (height != NULL)
    *height = read_big_endian (bytes + 20);
}

/* How many pages a PDF has, by its page objects ("/Type /Pages" is the page
 * tree, not a page). Cairo writes its streams uncompressed enough for that. */
guint
trellis_test_count_pdf_pages (const char *path)
{
  const char *needle = "/Type /Page";
  gsize length = 0, needle_length = strlen (needle);
  g_autofree char *bytes = trellis_test_read_file (path, &length);
  guint pages = 0;

  g_assert_cmpuint (length, >, 5);
  g_assert_cmpmem (bytes, 5, "%PDF-", 5);
  for (gsize i = 0; i + needle_length < length; i++)
    if (memcmp (bytes + i, needle, needle_length) == 0 && bytes[i + needle_length] != 's')
      pages++;
  return pages;
}

/* Whether @needle stands anywhere in @data: binary files (PDFs, programs)
 * hold bytes of zero, where string functions stop. */
gboolean
trellis_test_contains_bytes (const char *data,
                             gsize       length,
                             const char *needle)
{
  gsize needle_length = strlen (needle);

  for (gsize i = 0; i + needle_length <= length; i++)
    if (memcmp (data + i, needle, needle_length) == 0)
      return TRUE;
  return FALSE;
}

/* The permission bits alone, for checking who may read a study or its copies. */
int
trellis_test_file_mode (const char *path)
{
  GStatBuf st;

  g_assert_no_errno (g_stat (path, &st));
  return st.st_mode & 0777;
}

/* Copies the checked-in format-1 study (made from fixtures/study-v1.sql) to
 * path. The original is never opened in place, since opening upgrades it. */
void
trellis_test_copy_v1_study (const char *path)
{
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "fixtures", "study-v1.trellis",
                                                   NULL);
  g_autoptr(GBytes) bytes = trellis_test_read_bytes (source);

  trellis_test_write_file (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* Where a picture for a person to look at goes: the build tree's screenshot
 * folder under meson (TRELLIS_SCREENSHOT_DIR), the temporary folder otherwise. */
char *
trellis_test_screenshot_path (const char *file)
{
  const char *dir = g_getenv ("TRELLIS_SCREENSHOT_DIR");

  if (dir == NULL || *dir == '\0')
    dir = g_get_tmp_dir ();
  g_assert_no_errno (g_mkdir_with_parents (dir, 0755));
  return g_build_filename (dir, file, NULL);
}

/* A second connection to a study file, beside Trellis's own: what another
 * program, or a person with the sqlite3 shell, would see and do. */
sqlite3 *
trellis_test_sqlite_open (const char *path,
                          int         flags)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, flags, NULL), ==, SQLITE_OK);
  return db;
}

/* Runs one or more statements; a failure stops the test with SQLite's own
 * message, which says more than its error code. */
void
trellis_test_sqlite_exec (sqlite3    *db,
                          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* The first column of the first row of a query that must return one. */
gint64
trellis_test_sqlite_int (sqlite3    *db,
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

/* The same as text; NULL for an SQL NULL. */
char *
trellis_test_sqlite_text (sqlite3    *db,
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

/* Runs sql on the study file at path through a connection of its own, closed
 * again at once. The file must exist: a mistyped path fails here rather than
 * quietly making an empty database. */
void
trellis_test_sqlite_exec_file (const char *path,
                               const char *sql)
{
  sqlite3 *db = trellis_test_sqlite_open (path, SQLITE_OPEN_READWRITE);

  trellis_test_sqlite_exec (db, sql);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static void
hash_table_rows (GChecksum  *checksum,
                 sqlite3    *db,
                 const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\" ORDER BY rowid", table);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_checksum_update (checksum, (const guchar *) sql, -1);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    for (int i = 0; i < sqlite3_column_count (stmt); i++)
      {
        const guchar *value = sqlite3_column_blob (stmt, i);
        g_autofree char *prefix = g_strdup_printf ("\n%d:%d:", sqlite3_column_type (stmt, i),
                                                   sqlite3_column_bytes (stmt, i));

        g_checksum_update (checksum, (const guchar *) prefix, -1);
        if (value != NULL)
          g_checksum_update (checksum, value, sqlite3_column_bytes (stmt, i));
      }
  sqlite3_finalize (stmt);
}

/* A SHA-256 over every row of every table (the audit trail included) and the
 * schema, read through a connection of its own: equal hashes before and after
 * a refused change show that it left the study exactly as it was. */
char *
trellis_test_dump_hash (const char *path)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db = trellis_test_sqlite_open (path, SQLITE_OPEN_READONLY);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name, sql FROM sqlite_schema WHERE type = 'table'"
                                       " ORDER BY name", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_checksum_update (checksum, sqlite3_column_text (stmt, 1), -1);
    }
  sqlite3_finalize (stmt);
  for (guint i = 0; i < tables->len; i++)
    hash_table_rows (checksum, db, tables->pdata[i]);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  return g_strdup (g_checksum_get_string (checksum));
}
