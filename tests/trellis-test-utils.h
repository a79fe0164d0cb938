/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* What the test programs share: temporary folders, files and raw SQLite.
 * Every helper asserts that it worked, so a test reads as the steps it takes.
 * Only GLib, GIO and SQLite are used, so that the unit and cli tests that link
 * this stay free of GTK. */

/* The fixture of the tests that work on study files: a fresh folder of their
 * own, removed with all it holds afterwards, and the path of a study in it. */
typedef struct
{
  char *dir;
  char *path;   /* dir/study.trellis, not created: each test decides whether it exists */
} TrellisTestFolder;

void     trellis_test_folder_set_up           (TrellisTestFolder  *folder,
                                               gconstpointer       user_data);
void     trellis_test_folder_tear_down        (TrellisTestFolder  *folder,
                                               gconstpointer       user_data);

char    *trellis_test_make_tmp_dir            (void);
void     trellis_test_remove_tree             (const char         *path);
char    *trellis_test_list_dir                (const char         *path);
guint    trellis_test_count_files_containing  (const char         *dir,
                                               const char         *fragment);

char    *trellis_test_read_file               (const char         *path,
                                               gsize              *length);
GBytes  *trellis_test_read_bytes              (const char         *path);
void     trellis_test_write_file              (const char         *path,
                                               const char         *data,
                                               gssize              length);
void     trellis_test_assert_file_starts_with (const char         *path,
                                               const char         *magic,
                                               gsize               magic_length);
void     trellis_test_png_size                (const char         *path,
                                               guint              *width,
                                               guint              *height);
guint    trellis_test_count_pdf_pages         (const char         *path);
gboolean trellis_test_contains_bytes          (const char         *data,
                                               gsize               length,
                                               const char         *needle);
int      trellis_test_file_mode               (const char         *path);
void     trellis_test_copy_v1_study           (const char         *path);
char    *trellis_test_screenshot_path         (const char         *file);

sqlite3 *trellis_test_sqlite_open             (const char         *path,
                                               int                 flags);
void     trellis_test_sqlite_exec             (sqlite3            *db,
                                               const char         *sql);
gint64   trellis_test_sqlite_int              (sqlite3            *db,
                                               const char         *sql);
char    *trellis_test_sqlite_text             (sqlite3            *db,
                                               const char         *sql);
void     trellis_test_sqlite_exec_file        (const char         *path,
                                               const char         *sql);
char    *trellis_test_dump_hash               (const char         *path);

/* SQL that takes a study back from format 8 to 7 (its score cache), for
 * fixtures that make files of older formats. */
#define TRELLIS_TEST_UNDO_FORMAT_8 \
  "DROP TRIGGER score_cache_sheet_insert; DROP TRIGGER score_cache_sheet_delete;" \
  "DROP TRIGGER score_cache_sheet_update; DROP TRIGGER score_cache_visit_update;" \
  "DROP TRIGGER score_cache_participant_update;" \
  "DROP TRIGGER score_cache_participant_delete; DROP TRIGGER score_cache_instrument_delete;" \
  "DROP TABLE score_cache;"

G_END_DECLS
