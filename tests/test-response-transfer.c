/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "response-study.h"
#include "trellis-application.h"
#include "trellis-export-dialog.h"
#include "trellis-import-dialog.h"
#include "trellis-response-transfer.h"
#include "trellis-schedule-page.h"
#include "trellis-test-utils.h"
#include "ui-test-utils.h"

/* Questionnaire responses in and out of the window from the Schedule page:
 * the import dialog for responses, its preview, result and problems, and the
 * export with its codebook, each on a real study file. The native file
 * choosers are bypassed through the actions they lead to.
 *
 * The study is the response tests' own (response-study.h): participants
 * P001 to P004 with baseline 2025-01-06, P004 withdrawn, BRS, CONF and KNOW.
 * Today is pinned to 2025-06-01, after every date in the files. */

#define TODAY "2025-06-01"

static char *
corpus_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "responses", name, NULL);
}

static void
write_study (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisStudy) study = trellis_study_create (path, "Resilience coaching", &error);

  g_assert_no_error (error);
  response_fixture_fill (study);
}

static gpointer
page_child (TrellisWindow *window,
            const char    *name)
{
  gpointer page = trellis_study_view_ensure_page (study_view (window), "schedule");

  return child (page, TRELLIS_TYPE_SCHEDULE_PAGE, name);
}

static TrellisWindow *
open_schedule (Fixture *fixture)
{
  GSettings *settings = trellis_application_get_settings (fixture->app);
  TrellisWindow *window;

  fixture->path = temp_path (fixture, "Resilience coaching.trellis");
  write_study (fixture->path);
  g_settings_set_int (settings, "window-width", 1240);
  g_settings_set_int (settings, "window-height", 640);
  window = activate_app (fixture);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-file", "s", fixture->path);
  iterate_for (200);
  wait_until_idle (window);
  g_assert_nonnull (trellis_window_get_study (window));
  g_assert_true (trellis_study_view_show_page (study_view (window), "schedule"));
  iterate_for (300);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page_child (window, "stack")), ==, "grid");
  return window;
}

/* ---- The grid ---- */

typedef struct
{
  gint64 participant_id;
  GtkWidget *found;
} CellQuery;

/* T1 is the first column of timepoints, so P's first cell is its T1. */
static void
find_first_cell (GtkWidget *widget,
                 CellQuery *query)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL && query->found == NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      GVariant *target;

      if (GTK_IS_BUTTON (c) && gtk_widget_has_css_class (c, "schedule-cell") &&
          (target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (c))) != NULL)
        {
          gint64 p, t;

          g_variant_get (target, "(xx)", &p, &t);
          if (p == query->participant_id)
            query->found = c;
        }
      find_first_cell (c, query);
    }
}

static const char *
t1_cell_text (TrellisWindow *window,
              const char    *code)
{
  TrellisStudy *study = trellis_window_get_study (window);
  CellQuery query = { trellis_study_lookup_participant (study, code, NULL), NULL };

  find_first_cell (page_child (window, "column_view"), &query);
  g_assert_nonnull (query.found);
  return gtk_inscription_get_text (GTK_INSCRIPTION (gtk_button_get_child (GTK_BUTTON (query.found))));
}

static gint64
count_sheets (Fixture *fixture)
{
  sqlite3 *db = trellis_test_sqlite_open (fixture->path, SQLITE_OPEN_READONLY);
  gint64 n = trellis_test_sqlite_int (db, "SELECT count(*) FROM answer_sheet");

  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  return n;
}

/* ---- The dialog ---- */

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
no_import_dialog (gpointer data)
{
  return !has_import_dialog (data);
}

static gboolean
left_loading (gpointer dialog)
{
  return g_strcmp0 (dialog_state (dialog), "loading") != 0;
}

static gboolean
import_done (gpointer dialog)
{
  return !trellis_import_dialog_is_running (dialog);
}

static TrellisImportDialog *
open_import (TrellisWindow *window,
             const char    *name)
{
  g_autofree char *path = corpus_path (name);
  TrellisImportDialog *dialog;

  gtk_widget_activate_action (GTK_WIDGET (window), TRELLIS_ACTION_IMPORT_RESPONSES_FROM, "s", path);
  g_assert_true (iterate_until (has_import_dialog, NULL));
  dialog = TRELLIS_IMPORT_DIALOG (find_toplevel_of_type (TRELLIS_TYPE_IMPORT_DIALOG));
  g_assert_true (iterate_until (left_loading, dialog));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Import Responses");
  return dialog;
}

static void
click (gpointer button)
{
  g_assert_true (gtk_widget_is_sensitive (button) && gtk_widget_get_visible (button));
  g_signal_emit_by_name (button, "clicked");
}

static GListModel *
column_model (GtkColumnView *view)
{
  return G_LIST_MODEL (gtk_column_view_get_model (view));
}

static const char *
cell_text (GListModel *rows,
           guint       row,
           guint       column)
{
  g_autoptr(GtkStringList) item = g_list_model_get_item (rows, row);

  g_assert_nonnull (item);
  return gtk_string_list_get_string (item, column);
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

/* The preview says the file is read in the long form and shows its rows as they are: responses carry no names. */
static void
check_preview (TrellisImportDialog *dialog)
{
  GtkColumnView *view = dialog_child (dialog, "preview_view");

  g_assert_cmpstr (dialog_state (dialog), ==, "preview");
  g_assert_cmpstr (gtk_label_get_text (dialog_child (dialog, "file_label")), ==, "good-long.csv");
  g_assert_true (g_str_has_prefix (gtk_label_get_text (dialog_child (dialog, "recognised_label")),
                                   "Read as the long form"));
  g_assert_false (gtk_widget_get_visible (dialog_child (dialog, "missing_label")));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_column_view_get_columns (view)), ==, 7);
  g_assert_cmpuint (g_list_model_get_n_items (column_model (view)), ==, 10);
  g_assert_cmpstr (cell_text (column_model (view), 0, 0), ==, "P001");
  g_assert_cmpstr (cell_text (column_model (view), 0, 6), ==, "4");
}

static void
test_import (Fixture       *fixture,
             gconstpointer  data)
{
  TrellisWindow *window = open_schedule (fixture);
  TrellisImportDialog *dialog;

  g_assert_true (gtk_widget_get_visible (page_child (window, "transfer_menu_button")));
  g_assert_null (strstr (t1_cell_text (window, "P001"), "Completed"));
  g_assert_cmpint (count_sheets (fixture), ==, 0);

  dialog = open_import (window, "good-long.csv");
  check_preview (dialog);
  save_screenshot (GTK_WIDGET (dialog), "response-import-preview");
  click (dialog_child (dialog, "import_button"));
  g_assert_true (iterate_until (no_import_dialog, NULL));
  wait_until_idle (window);
  iterate_for (300);

  g_assert_nonnull (strstr (t1_cell_text (window, "P001"), "Completed\n2025-01-06"));
  g_assert_nonnull (strstr (t1_cell_text (window, "P002"), "Completed\n2025-01-06"));
  g_assert_cmpint (count_sheets (fixture), >, 0);
  g_assert_nonnull (find_label (GTK_WIDGET (window), "Imported the answers of 3 timepoints (6 questionnaires)"));
  save_screenshot (GTK_WIDGET (window), "response-import-schedule");
}

/* A value off the scale is listed with its line, column and value, and the study is as it was. */
static void
test_import_problem (Fixture       *fixture,
                     gconstpointer  data)
{
  TrellisWindow *window = open_schedule (fixture);
  g_autofree char *before = trellis_test_dump_hash (fixture->path);
  g_autofree char *after = NULL;
  TrellisImportDialog *dialog = open_import (window, "off-scale.csv");
  GListModel *problems;

  click (dialog_child (dialog, "import_button"));
  g_assert_true (iterate_until (import_done, dialog));
  wait_until_idle (window);

  g_assert_cmpstr (dialog_state (dialog), ==, "problems");
  problems = column_model (dialog_child (dialog, "problems_view"));
  g_assert_cmpuint (g_list_model_get_n_items (problems), ==, 1);
  g_assert_cmpstr (cell_text (problems, 0, 0), ==, "3");
  g_assert_cmpstr (cell_text (problems, 0, 1), ==, "value");
  g_assert_cmpstr (cell_text (problems, 0, 2), ==, "7");
  g_assert_nonnull (strstr (cell_text (problems, 0, 3), "‘7’ is off the scale for BRS3 (1–5)"));
  save_screenshot (GTK_WIDGET (dialog), "response-import-problem");

  after = trellis_test_dump_hash (fixture->path);
  g_assert_cmpstr (before, ==, after);
  g_assert_null (strstr (t1_cell_text (window, "P001"), "Completed"));
  click (dialog_child (dialog, "cancel_button"));
  g_assert_true (iterate_until (no_import_dialog, NULL));
}

typedef struct
{
  GtkWidget *window;
  char *toast;
} ToastWait;

static gboolean
has_toast (gpointer data)
{
  ToastWait *wait = data;

  return find_label (wait->window, wait->toast) != NULL;
}

static gboolean
has_export_dialog (gpointer data)
{
  return find_toplevel_of_type (TRELLIS_TYPE_EXPORT_DIALOG) != NULL;
}

/* Exports to NAME.csv through the export dialog, in the form chosen there;
 * the dialog offers the form chosen last. */
static char *
export_in_form (Fixture             *fixture,
                TrellisWindow       *window,
                const char          *name,
                TrellisResponseForm  offered,
                TrellisResponseForm  form)
{
  g_autofree char *file = g_strdup_printf ("%s.csv", name);
  g_autofree char *path = temp_path (fixture, file);
  g_autofree char *note = g_strdup_printf ("A codebook describing every column is written beside it, "
                                           "to “%s codebook.csv”.", name);
  ToastWait wait = { GTK_WIDGET (window), NULL };
  TrellisExportDialog *dialog;

  gtk_widget_activate_action (GTK_WIDGET (window), TRELLIS_ACTION_EXPORT_RESPONSES_TO, "s", path);
  g_assert_true (iterate_until (has_export_dialog, NULL));
  dialog = TRELLIS_EXPORT_DIALOG (find_toplevel_of_type (TRELLIS_TYPE_EXPORT_DIALOG));
  g_assert_cmpint (trellis_export_dialog_get_form (dialog), ==, offered);
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), note));
  adw_combo_row_set_selected (child (dialog, TRELLIS_TYPE_EXPORT_DIALOG, "form_row"),
                              form == TRELLIS_RESPONSE_FORM_WIDE ? 1 : 0);
  if (form == TRELLIS_RESPONSE_FORM_WIDE)
    save_screenshot (GTK_WIDGET (dialog), "response-export-dialog");
  respond (ADW_MESSAGE_DIALOG (dialog), "export");
  wait.toast = g_strdup_printf ("Exported the answers of 3 timepoints to “%s.csv”, described in “%s codebook.csv”",
                                name, name);
  g_assert_true (iterate_until (has_toast, &wait));
  g_free (wait.toast);
  wait_until_idle (window);
  return trellis_test_read_file (path, NULL);
}

/* The export writes the form chosen in its dialog, long (which the import
 * reads back) or wide, and a codebook beside it; the choice is remembered. */
static void
test_export (Fixture       *fixture,
             gconstpointer  data)
{
  TrellisWindow *window = open_schedule (fixture);
  TrellisImportDialog *dialog = open_import (window, "good-long.csv");
  g_autofree char *codebook = temp_path (fixture, "long codebook.csv");
  g_autofree char *form = NULL;
  GSettings *settings = trellis_application_get_settings (TRELLIS_APPLICATION (fixture->app));
  g_autofree char *text = NULL;
  g_autofree char *described = NULL;

  click (dialog_child (dialog, "import_button"));
  g_assert_true (iterate_until (no_import_dialog, NULL));
  wait_until_idle (window);
  g_settings_set_string (settings, "response-export-form", "long");

  text = export_in_form (fixture, window, "long", TRELLIS_RESPONSE_FORM_LONG, TRELLIS_RESPONSE_FORM_LONG);
  g_assert_true (g_str_has_prefix (text, "participant,cohort,timepoint,completed_date,instrument,item,value\r\n"));
  g_assert_nonnull (strstr (text, "P001,Midwives,T1,2025-01-06,BRS,BRS1,4"));
  described = trellis_test_read_file (codebook, NULL);
  g_assert_nonnull (strstr (described, "BRS_BRS1"));
  g_clear_pointer (&text, g_free);

  text = export_in_form (fixture, window, "wide", TRELLIS_RESPONSE_FORM_LONG, TRELLIS_RESPONSE_FORM_WIDE);
  g_assert_true (g_str_has_prefix (text, "participant,cohort,timepoint,completed_date,BRS_BRS1,BRS_BRS2,"));
  g_assert_nonnull (strstr (text, "\r\nP001,Midwives,T1,2025-01-06,4,2,5,1,4,2,"));
  form = g_settings_get_string (settings, "response-export-form");
  g_assert_cmpstr (form, ==, "wide");
  g_clear_pointer (&text, g_free);

  text = export_in_form (fixture, window, "again", TRELLIS_RESPONSE_FORM_WIDE, TRELLIS_RESPONSE_FORM_WIDE);
  g_assert_true (g_str_has_prefix (text, "participant,cohort,timepoint,completed_date,BRS_BRS1,"));
}

/* A study that cannot be changed takes no import: the action does nothing. */
static void
test_read_only (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *csv = corpus_path ("good-long.csv");
  TrellisWindow *window;

  fixture->path = temp_path (fixture, "Archived.trellis");
  write_study (fixture->path);
  g_assert_cmpint (g_chmod (fixture->path, 0444), ==, 0);
  window = activate_app (fixture);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-file", "s", fixture->path);
  iterate_for (200);
  wait_until_idle (window);
  g_assert_true (trellis_study_is_read_only (trellis_window_get_study (window)));

  gtk_widget_activate_action (GTK_WIDGET (window), TRELLIS_ACTION_IMPORT_RESPONSES_FROM, "s", csv);
  iterate_for (200);
  g_assert_false (has_import_dialog (NULL));
  close_all_windows (GTK_APPLICATION (fixture->app));
  g_chmod (fixture->path, 0644);
}

int
main (int    argc,
      char **argv)
{
  /* Before anything reads the day, so that no date in the files is in the future. */
  g_setenv ("TRELLIS_TODAY", TODAY, TRUE);
  /* Not G_TEST_OPTION_ISOLATE_DIRS, as in test-window.c. */
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  g_test_add ("/trellis/ui/response-transfer/import", Fixture, NULL, fixture_set_up, test_import,
              fixture_tear_down);
  g_test_add ("/trellis/ui/response-transfer/problem", Fixture, NULL, fixture_set_up, test_import_problem,
              fixture_tear_down);
  g_test_add ("/trellis/ui/response-transfer/export", Fixture, NULL, fixture_set_up, test_export,
              fixture_tear_down);
  g_test_add ("/trellis/ui/response-transfer/read-only", Fixture, NULL, fixture_set_up, test_read_only,
              fixture_tear_down);
  return g_test_run ();
}
