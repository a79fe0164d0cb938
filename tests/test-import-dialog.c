/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "trellis-audit.h"
#include "trellis-cohort.h"
#include "trellis-export-dialog.h"
#include "trellis-import-dialog.h"
#include "trellis-participant-row.h"
#include "trellis-participant-transfer.h"
#include "trellis-participants-page.h"
#include "trellis-study-transfer.h"
#include "trellis-test-utils.h"
#include "ui-test-utils.h"

/* Participant import and export from the window: the import dialog's
 * preview, progress, problems and result, a cancelled import, and both
 * kinds of export, each on a real study file. The native file choosers are
 * bypassed through the actions they lead to. */

static void
add_cohorts (TrellisWindow *window)
{
  static const char *const cohorts[][2] = { { "Midwives A", "Midwife" }, { "Paramedics", "Paramedic" } };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cohorts); i++)
    {
      g_autoptr(TrellisCohort) cohort = trellis_cohort_new ();

      trellis_cohort_set_name (cohort, cohorts[i][0]);
      trellis_cohort_set_profession (cohort, cohorts[i][1]);
      g_assert_true (trellis_study_create_cohort (trellis_window_get_study (window), cohort, &error));
      g_assert_no_error (error);
    }
}

static TrellisWindow *
study_with_cohorts (Fixture *fixture)
{
  TrellisWindow *window;

  fixture->path = temp_path (fixture, "Resilience coaching.trellis");
  window = create_study_in (fixture, fixture->path);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 680);
  add_cohorts (window);
  g_assert_true (trellis_study_view_show_page (study_view (window), "participants"));
  iterate_for (100);
  return window;
}

static char *
corpus_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "import", name, NULL);
}

static gpointer
dialog_child (TrellisImportDialog *dialog,
              const char          *name)
{
  return child (dialog, TRELLIS_TYPE_IMPORT_DIALOG, name);
}

static const char *
dialog_state (TrellisImportDialog *dialog)
{
  return gtk_stack_get_visible_child_name (dialog_child (dialog, "stack"));
}

static gboolean
has_import_dialog (gpointer data)
{
  return find_toplevel_of_type (TRELLIS_TYPE_IMPORT_DIALOG) != NULL;
}

static gboolean
left_loading (gpointer dialog)
{
  return g_strcmp0 (dialog_state (dialog), "loading") != 0;
}

/* Opens the import dialog on PATH as the chooser would, and waits for its preview. */
static TrellisImportDialog *
open_import (TrellisWindow *window,
             const char    *path)
{
  TrellisImportDialog *dialog;

  gtk_widget_activate_action (GTK_WIDGET (window), TRELLIS_ACTION_IMPORT_PARTICIPANTS_FROM, "s", path);
  g_assert_true (iterate_until (has_import_dialog, NULL));
  dialog = TRELLIS_IMPORT_DIALOG (find_toplevel_of_type (TRELLIS_TYPE_IMPORT_DIALOG));
  g_assert_true (iterate_until (left_loading, dialog));
  return dialog;
}

static void
click (gpointer button)
{
  g_assert_true (gtk_widget_is_sensitive (button) && gtk_widget_get_visible (button));
  g_signal_emit_by_name (button, "clicked");
}

static gboolean
import_done (gpointer dialog)
{
  return !trellis_import_dialog_is_running (dialog);
}

static gboolean
no_import_dialog (gpointer data)
{
  return !has_import_dialog (data);
}

/* The label under ROOT that shows TEXT, if any: toasts have no other way in. */
static GtkWidget *
find_label (GtkWidget  *root,
            const char *text)
{
  for (GtkWidget *it = gtk_widget_get_first_child (root); it != NULL; it = gtk_widget_get_next_sibling (it))
    {
      GtkWidget *found;

      if (GTK_IS_LABEL (it) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (it)), text) == 0)
        return it;
      if ((found = find_label (it, text)) != NULL)
        return found;
    }
  return NULL;
}

static GListModel *
column_model (GtkColumnView *view)
{
  return G_LIST_MODEL (gtk_column_view_get_model (view));
}

/* A cell of a preview or problem row, whose items are GtkStringLists. */
static const char *
cell_text (GListModel *rows,
           guint       row,
           guint       column)
{
  g_autoptr(GtkStringList) item = g_list_model_get_item (rows, row);

  g_assert_nonnull (item);
  return gtk_string_list_get_string (item, column);
}

static GListModel *
participant_rows (TrellisWindow *window)
{
  TrellisParticipantsPage *page =
    TRELLIS_PARTICIPANTS_PAGE (trellis_study_view_ensure_page (study_view (window), "participants"));

  return column_model (child (page, TRELLIS_TYPE_PARTICIPANTS_PAGE, "column_view"));
}

static void
assert_audit_verifies (TrellisWindow *window)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (trellis_audit_verify (trellis_study_get_database (trellis_window_get_study (window)), &error));
  g_assert_no_error (error);
}

/* The preview names the columns, marks the ones it recognises, and shows the
 * first rows, with only “•••” for a filled name or email: identifiers appear
 * only on a participant's card. */
static void
check_preview (TrellisImportDialog *dialog)
{
  GtkColumnView *view = dialog_child (dialog, "preview_view");
  GListModel *columns = gtk_column_view_get_columns (view);
  g_autoptr(GtkColumnViewColumn) third = g_list_model_get_item (columns, 2);
  const char *recognised = gtk_label_get_text (dialog_child (dialog, "recognised_label"));

  g_assert_cmpstr (dialog_state (dialog), ==, "preview");
  g_assert_cmpstr (gtk_label_get_text (dialog_child (dialog, "file_label")), ==, "register.csv");
  g_assert_cmpuint (g_list_model_get_n_items (columns), ==, 5);
  g_assert_cmpstr (gtk_column_view_column_get_title (third), ==, "Baseline Date");
  g_assert_nonnull (strstr (recognised, "code, cohort, baseline_date (from ‘Baseline Date’), name, email"));
  g_assert_false (gtk_widget_get_visible (dialog_child (dialog, "unknown_label")));
  g_assert_false (gtk_widget_get_visible (dialog_child (dialog, "missing_label")));
  g_assert_cmpuint (g_list_model_get_n_items (column_model (view)), ==, 5);
  g_assert_cmpstr (cell_text (column_model (view), 0, 0), ==, "P101");
  g_assert_cmpstr (cell_text (column_model (view), 0, 2), ==, "2024-03-01");
  g_assert_cmpstr (cell_text (column_model (view), 0, 3), ==, "•••");
  g_assert_cmpstr (cell_text (column_model (view), 0, 4), ==, "•••");
  g_assert_cmpstr (cell_text (column_model (view), 1, 4), ==, "");
  g_assert_null (find_label (GTK_WIDGET (dialog), "Ann Example"));
  g_assert_null (find_label (GTK_WIDGET (dialog), "ann@example.org"));
}

static void
test_import_good (Fixture       *fixture,
                  gconstpointer  data)
{
  TrellisWindow *window = study_with_cohorts (fixture);
  g_autofree char *csv = corpus_path ("register.csv");
  TrellisImportDialog *dialog = open_import (window, csv);
  GListModel *rows = participant_rows (window);
  g_autoptr(TrellisParticipantRow) first = NULL;

  check_preview (dialog);
  save_screenshot (GTK_WIDGET (dialog), "import-preview");

  click (dialog_child (dialog, "import_button"));
  g_assert_true (iterate_until (no_import_dialog, NULL));
  wait_until_idle (window);

  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 5);
  first = g_list_model_get_item (rows, 0);
  g_assert_cmpstr (trellis_participant_row_get_code (first), ==, "P101");
  g_assert_nonnull (find_label (GTK_WIDGET (window), "Imported 5 participants"));
  g_assert_false (trellis_study_view_get_busy (study_view (window)));
  assert_audit_verifies (window);
}

/* Every problem is listed with its line, column and value, and the study is as it was. */
static void
test_import_problems (Fixture       *fixture,
                      gconstpointer  data)
{
  static const char *const expected[][3] = {
    { "1", "shoe_size", "shoe_size" }, { "2", "cohort", "Nurses" }, { "3", "baseline_date", "2024-02-30" },
    { "4", "code", "P201" }, { "5", "baseline_date", "2024-13-01" },
  };
  TrellisWindow *window = study_with_cohorts (fixture);
  g_autofree char *csv = corpus_path ("several-problems.csv");
  g_autofree char *before = trellis_test_dump_hash (fixture->path);
  g_autofree char *after = NULL;
  TrellisImportDialog *dialog = open_import (window, csv);
  GListModel *problems;

  g_assert_true (gtk_widget_get_visible (dialog_child (dialog, "unknown_label")));
  save_screenshot (GTK_WIDGET (dialog), "import-preview-unknown-column");
  click (dialog_child (dialog, "import_button"));
  g_assert_true (iterate_until (import_done, dialog));
  wait_until_idle (window);

  g_assert_cmpstr (dialog_state (dialog), ==, "problems");
  g_assert_nonnull (strstr (gtk_label_get_text (dialog_child (dialog, "problems_label")),
                            "has 5 problems. Nothing was imported and the study is unchanged"));
  problems = column_model (dialog_child (dialog, "problems_view"));
  g_assert_cmpuint (g_list_model_get_n_items (problems), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    for (guint j = 0; j < 3; j++)
      g_assert_cmpstr (cell_text (problems, i, j), ==, expected[i][j]);
  g_assert_true (g_str_has_prefix (cell_text (problems, 1, 3), "‘Nurses’ is not a cohort in this study"));
  save_screenshot (GTK_WIDGET (dialog), "import-problems");

  after = trellis_test_dump_hash (fixture->path);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (g_list_model_get_n_items (participant_rows (window)), ==, 0);
  click (dialog_child (dialog, "cancel_button"));
  g_assert_true (iterate_until (no_import_dialog, NULL));
}

static char *
write_large_csv (Fixture *fixture,
                 guint    n_rows)
{
  g_autoptr(GString) csv = g_string_new ("code,cohort,baseline_date\n");
  char *path = temp_path (fixture, "large.csv");

  for (guint i = 1; i <= n_rows; i++)
    g_string_append_printf (csv, "P%05u,%s,2024-03-01\n", i, i % 2 ? "Midwives A" : "Paramedics");
  trellis_test_write_file (path, csv->str, csv->len);
  return path;
}

/* Another connection holds the study's write lock, so the import waits at
 * its start until the test has looked at it and cancelled it; then it must
 * roll back. */
static void
test_import_cancel (Fixture       *fixture,
                    gconstpointer  data)
{
  TrellisWindow *window = study_with_cohorts (fixture);
  g_autofree char *csv = write_large_csv (fixture, 50000);
  g_autofree char *before = trellis_test_dump_hash (fixture->path);
  g_autofree char *after = NULL;
  TrellisImportDialog *dialog = open_import (window, csv);
  sqlite3 *other = trellis_test_sqlite_open (fixture->path, SQLITE_OPEN_READWRITE);

  trellis_test_sqlite_exec (other, "BEGIN IMMEDIATE");
  click (dialog_child (dialog, "import_button"));
  g_assert_true (trellis_window_get_busy (window));
  g_assert_cmpstr (dialog_state (dialog), ==, "progress");
  save_screenshot (GTK_WIDGET (dialog), "import-progress");
  click (dialog_child (dialog, "cancel_button"));
  trellis_test_sqlite_exec (other, "ROLLBACK");
  g_assert_cmpint (sqlite3_close (other), ==, SQLITE_OK);

  g_assert_true (iterate_until (import_done, dialog));
  wait_until_idle (window);
  g_assert_cmpstr (dialog_state (dialog), ==, "failed");
  g_assert_cmpstr (adw_status_page_get_title (dialog_child (dialog, "failed_page")), ==, "Import Cancelled");
  after = trellis_test_dump_hash (fixture->path);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (g_list_model_get_n_items (participant_rows (window)), ==, 0);
}

/* Closing the window cancels its import, which rolls back; the application
 * ends only once the import has come back. The dialog goes with its window. */
static void
import_then_close (Fixture       *fixture,
                   TrellisWindow *window)
{
  g_autofree char *csv = write_large_csv (fixture, 50000);
  TrellisImportDialog *dialog;
  sqlite3 *other;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.create", "s", fixture->path);
  iterate_for (100);
  add_cohorts (window);
  dialog = open_import (window, csv);
  other = trellis_test_sqlite_open (fixture->path, SQLITE_OPEN_READWRITE);
  trellis_test_sqlite_exec (other, "BEGIN IMMEDIATE");
  click (dialog_child (dialog, "import_button"));
  gtk_window_close (GTK_WINDOW (window));
  g_assert_null (find_toplevel_of_type (TRELLIS_TYPE_IMPORT_DIALOG));
  trellis_test_sqlite_exec (other, "ROLLBACK");
  g_assert_cmpint (sqlite3_close (other), ==, SQLITE_OK);
}

static gboolean
study_can_be_opened (gpointer path)
{
  g_autoptr(TrellisStudy) study = trellis_study_open (path, TRELLIS_OPEN_FLAGS_NONE, NULL);

  return study != NULL;
}

static void
test_close_during_import (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(TrellisStudy) study = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  fixture->path = temp_path (fixture, "closed.trellis");
  run_app (fixture, import_then_close);
  /* The import's task lets go of the study when it is freed, which may be in
   * the worker thread just after the callback has run. */
  g_assert_true (iterate_until (study_can_be_opened, fixture->path));

  study = trellis_study_open (fixture->path, TRELLIS_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_true (trellis_audit_verify (trellis_study_get_database (study), &error));
  g_assert_no_error (error);
  db = trellis_test_sqlite_open (fixture->path, SQLITE_OPEN_READONLY);
  g_assert_cmpint (trellis_test_sqlite_int (db, "SELECT count(*) FROM participant"), ==, 0);
  g_assert_cmpint (trellis_test_sqlite_int (db, "SELECT count(*) FROM cohort"), ==, 2);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static void
on_imported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  guint *n = user_data;

  g_assert_true (trellis_study_import_participants_finish (TRELLIS_STUDY (source), result, n, NULL, &error));
  g_assert_no_error (error);
}

/* Through the study rather than the dialog, so that no toast is left to hide the export's. */
static void
import_register (TrellisWindow *window)
{
  g_autofree char *csv = corpus_path ("register.csv");
  g_autoptr(GFile) file = g_file_new_for_path (csv);
  guint n = 0;

  trellis_study_import_participants_async (trellis_window_get_study (window), file, NULL, NULL, NULL,
                                           on_imported, &n);
  while (n == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (n, ==, 5);
}

static gboolean
has_export_dialog (gpointer data)
{
  return find_toplevel_of_type (TRELLIS_TYPE_EXPORT_DIALOG) != NULL;
}

/* Exports to PATH as the chooser would lead to, answering the options dialog. */
static void
export_to (TrellisWindow *window,
           const char    *path,
           gboolean       identifiable,
           const char    *screenshot)
{
  TrellisExportDialog *dialog;

  gtk_widget_activate_action (GTK_WIDGET (window), TRELLIS_ACTION_EXPORT_PARTICIPANTS_TO, "s", path);
  g_assert_true (iterate_until (has_export_dialog, NULL));
  dialog = TRELLIS_EXPORT_DIALOG (find_toplevel_of_type (TRELLIS_TYPE_EXPORT_DIALOG));
  /* De-identified unless someone chooses otherwise. */
  g_assert_false (trellis_export_dialog_get_identifiable (dialog));
  if (identifiable)
    gtk_check_button_set_active (child (dialog, TRELLIS_TYPE_EXPORT_DIALOG, "identifiable_check"), TRUE);
  g_assert_cmpint (trellis_export_dialog_get_identifiable (dialog), ==, identifiable);
  if (screenshot != NULL)
    save_screenshot (GTK_WIDGET (dialog), screenshot);
  respond (ADW_MESSAGE_DIALOG (dialog), "export");
  wait_until_idle (window);
}

static gint64
count_identifiable_exports (Fixture *fixture)
{
  sqlite3 *db = trellis_test_sqlite_open (fixture->path, SQLITE_OPEN_READONLY);
  gint64 n = trellis_test_sqlite_int (db, "SELECT count(*) FROM audit WHERE action = 'export-identifiable'");

  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  return n;
}

static void
test_export (Fixture       *fixture,
             gconstpointer  data)
{
  TrellisWindow *window = study_with_cohorts (fixture);
  g_autofree char *path = temp_path (fixture, "out.csv");
  g_autofree char *text = NULL;

  import_register (window);

  export_to (window, path, FALSE, NULL);
  text = trellis_test_read_file (path, NULL);
  g_assert_nonnull (strstr (text, "P101"));
  g_assert_nonnull (strstr (text, "P105"));
  g_assert_null (strstr (text, "Ann Example"));
  g_assert_null (strstr (text, "ann@example.org"));
  g_assert_cmpint (count_identifiable_exports (fixture), ==, 0);
  g_assert_nonnull (find_label (GTK_WIDGET (window), "Exported 5 participants to “out.csv”"));

  export_to (window, path, TRUE, "export-options");
  g_clear_pointer (&text, g_free);
  text = trellis_test_read_file (path, NULL);
  g_assert_nonnull (strstr (text, "Ann Example"));
  g_assert_nonnull (strstr (text, "cat@example.org"));
  g_assert_cmpint (count_identifiable_exports (fixture), ==, 1);
  assert_audit_verifies (window);
}

/* A file that cannot be written is reported in a dialog that names it. */
static void
test_export_error (Fixture       *fixture,
                   gconstpointer  data)
{
  TrellisWindow *window = study_with_cohorts (fixture);
  g_autofree char *path = temp_path (fixture, "no such folder/out.csv");
  AdwMessageDialog *dialog;

  export_to (window, path, FALSE, NULL);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could Not Export Participants");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "out.csv"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  respond (dialog, "close");
}

int
main (int   argc,
      char *argv[])
{
  /* Not G_TEST_OPTION_ISOLATE_DIRS, as in test-window.c. */
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  g_test_add ("/trellis/ui/import-dialog/import", Fixture, NULL,
              fixture_set_up, test_import_good, fixture_tear_down);
  g_test_add ("/trellis/ui/import-dialog/problems", Fixture, NULL,
              fixture_set_up, test_import_problems, fixture_tear_down);
  g_test_add ("/trellis/ui/import-dialog/cancel", Fixture, NULL,
              fixture_set_up, test_import_cancel, fixture_tear_down);
  g_test_add ("/trellis/ui/import-dialog/close-during-import", Fixture, NULL,
              fixture_set_up, test_close_during_import, fixture_tear_down);
  g_test_add ("/trellis/ui/import-dialog/export", Fixture, NULL,
              fixture_set_up, test_export, fixture_tear_down);

  g_test_add ("/trellis/ui/import-dialog/export-error", Fixture, NULL,
              fixture_set_up, test_export_error, fixture_tear_down);

  return g_test_run ();
}
