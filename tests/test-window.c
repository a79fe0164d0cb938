/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "trellis-audit.h"
#include "trellis-database-private.h"
#include "trellis-list-rows.h"
#include "trellis-migrations.h"
#include "trellis-chart-view.h"
#include "trellis-test-utils.h"
#include "trellis-timepoint-dialog.h"
#include "trellis-welcome-page.h"
#include "ui-test-utils.h"

/* The read-only banner's wording; see trellis-study-view.c. */
#define READ_ONLY_FILE_TEXT "This study file is read-only. You can look around, but changes cannot be saved."
#define READ_ONLY_FOLDER_TEXT "The folder holding this study is read-only. You can look around, but changes cannot be saved."
#define READ_ONLY_REQUESTED_TEXT "Opened read-only. You can look around; to make changes, close the study and open it again."

/* Drives the real application window under Xvfb through its actions and widgets,
 * checks what it shows, and saves a screenshot of each state for a person. */

static void
test_welcome (Fixture       *fixture,
              gconstpointer  data)
{
  TrellisWindow *window = activate_app (fixture);
  GtkWidget *recent_group = child (welcome_page (window),
                                   TRELLIS_TYPE_WELCOME_PAGE, "recent_group");

  GtkWidget *status_page = child (welcome_page (window),
                                  TRELLIS_TYPE_WELCOME_PAGE, "status_page");

  g_assert_cmpstr (visible_page (window), ==, "welcome");
  g_assert_null (trellis_window_get_study (window));
  g_assert_false (gtk_widget_get_visible (recent_group));
  /* AdwStatusPage scrolls by itself; a second scroller around it is one too many. */
  g_assert_null (gtk_widget_get_ancestor (status_page, GTK_TYPE_SCROLLED_WINDOW));
  /* Its icon is Trellis's own, from the resources. */
  g_assert_true (gtk_icon_theme_has_icon (gtk_icon_theme_get_for_display (gtk_widget_get_display (status_page)),
                                          adw_status_page_get_icon_name (ADW_STATUS_PAGE (status_page))));
  save_screenshot (GTK_WIDGET (window), "welcome");
}

static void
set_title_through_entry (TrellisWindow *window,
                         const char    *title)
{
  AdwEntryRow *row = child (overview_page (window), TRELLIS_TYPE_OVERVIEW_PAGE, "title_row");

  gtk_editable_set_text (GTK_EDITABLE (row), title);
  g_signal_emit_by_name (row, "apply");
  iterate_for (50);
}

static gboolean
is_forget_button (GtkWidget *widget)
{
  return g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "win.forget-recent") == 0;
}

/* Forgetting is a cross at the end of the row, not a bin: the file stays. */
static void
assert_recent_row (TrellisWindow *window)
{
  GtkWidget *list = child (welcome_page (window),
                           TRELLIS_TYPE_WELCOME_PAGE, "recent_list");
  GtkWidget *row = gtk_widget_get_first_child (list);
  GtkWidget *forget = find_descendant (row, GTK_TYPE_BUTTON, is_forget_button);

  g_assert_true (ADW_IS_ACTION_ROW (row));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Pilot study.trellis");
  g_assert_nonnull (forget);
  g_assert_cmpstr (gtk_button_get_icon_name (GTK_BUTTON (forget)), ==, "window-close-symbolic");
  g_assert_null (gtk_widget_get_next_sibling (forget));
  g_assert_true (GTK_IS_IMAGE (gtk_widget_get_prev_sibling (forget)));
}

/* A long study title is ellipsized in the sidebar rather than widening it. */
static void
test_long_title_keeps_sidebar_narrow (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autofree char *path = temp_path (fixture, "long.trellis");
  TrellisWindow *window = activate_app (fixture);
  GtkWidget *sidebar;

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.create", "s", path);
  iterate_for (100);
  set_title_through_entry (window, "Resilience coaching for midwives, paediatricians, obstetricians and "
                                   "paramedics in three NHS trusts: a before-and-after evaluation");
  iterate_for (300);

  sidebar = child (study_view (window), TRELLIS_TYPE_STUDY_VIEW, "sidebar");
  g_assert_cmpint (gtk_widget_get_width (sidebar), <=, 280);
  save_screenshot (GTK_WIDGET (window), "study-long-title");
}

static void
test_create_edit_reopen (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *path = temp_path (fixture, "Pilot study.trellis");
  TrellisWindow *window = activate_app (fixture);
  AdwEntryRow *title_row;
  gint64 audit_before;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.create", "s", path);
  iterate_for (100);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpstr (visible_page (window), ==, "study");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Pilot study");
  g_assert_true (g_str_has_prefix (trellis_chart_view_get_summary (child (overview_page (window),
                                                                         TRELLIS_TYPE_OVERVIEW_PAGE,
                                                                         "plan_view")),
                                   "Timepoint plan: T1 Baseline day 0; T2 After workshop day 1, window 0–7, counted from the workshop; "));
  save_screenshot (GTK_WIDGET (window), "study-overview");

  audit_before = trellis_study_get_audit_count (trellis_window_get_study (window));
  set_title_through_entry (window, "  Resilience coaching pilot ");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Resilience coaching pilot");
  g_assert_cmpint (trellis_study_get_audit_count (trellis_window_get_study (window)), ==, audit_before + 1);

  /* An empty title is refused and the entry goes back to the stored one. */
  set_title_through_entry (window, "   ");
  title_row = child (overview_page (window), TRELLIS_TYPE_OVERVIEW_PAGE, "title_row");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title_row)), ==, "Resilience coaching pilot");

  gtk_window_close (GTK_WINDOW (window));
  iterate_for (100);
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (fixture->app)));

  window = activate_app (fixture);
  g_assert_cmpstr (visible_page (window), ==, "welcome");
  g_assert_true (gtk_widget_get_visible (child (welcome_page (window),
                                                TRELLIS_TYPE_WELCOME_PAGE, "recent_group")));
  assert_recent_row (window);
  save_screenshot (GTK_WIDGET (window), "welcome-recent");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-file", "s", path);
  iterate_for (100);
  g_assert_cmpstr (visible_page (window), ==, "study");
  g_assert_cmpstr (trellis_study_get_title (trellis_window_get_study (window)), ==, "Resilience coaching pilot");
  title_row = child (overview_page (window), TRELLIS_TYPE_OVERVIEW_PAGE, "title_row");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title_row)), ==, "Resilience coaching pilot");

  /* Forgetting it from the recent list leaves the file alone. */
  close_all_windows (GTK_APPLICATION (fixture->app));
  window = activate_app (fixture);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.forget-recent", "s", path);
  iterate_for (50);
  g_assert_false (gtk_widget_get_visible (child (welcome_page (window),
                                                 TRELLIS_TYPE_WELCOME_PAGE, "recent_group")));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  close_all_windows (GTK_APPLICATION (fixture->app));
  remove_study (path);
}

static guint
count_built_pages (TrellisWindow *window)
{
  GtkWidget *pages = child (study_view (window), TRELLIS_TYPE_STUDY_VIEW, "pages");
  guint n = 0;

  for (GtkWidget *page = gtk_widget_get_first_child (pages); page != NULL; page = gtk_widget_get_next_sibling (page))
    n++;
  return n;
}

/* A study opens on its overview, and the other pages are built only when a
 * person first goes to them, so that they cost the first frame nothing. */
static void
test_pages_built_when_shown (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *path = temp_path (fixture, "Lazy pages.trellis");
  TrellisWindow *window = activate_app (fixture);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.create", "s", path);
  iterate_for (100);
  g_assert_cmpstr (trellis_study_view_get_page (study_view (window)), ==, "overview");
  g_assert_cmpuint (count_built_pages (window), ==, 1);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "schedule");
  iterate_for (50);
  g_assert_cmpstr (trellis_study_view_get_page (study_view (window)), ==, "schedule");
  g_assert_cmpuint (count_built_pages (window), ==, 2);

  /* Coming back builds nothing new; an unknown page is refused. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "overview");
  iterate_for (50);
  g_assert_cmpuint (count_built_pages (window), ==, 2);
  g_assert_false (trellis_study_view_show_page (study_view (window), "no-such-page"));
  g_assert_cmpuint (count_built_pages (window), ==, 2);

  /* The rows a list starts with fill the window, whatever its size, below
   * what it shows above them; and no more than fit in it. */
  g_assert_cmpuint (trellis_list_rows_to_fill_screen (GTK_WIDGET (window), 32, 0) * 32, >=,
                    (guint) gtk_widget_get_height (GTK_WIDGET (window)));
  g_assert_cmpuint (trellis_list_rows_to_fill_screen (GTK_WIDGET (window), 32, 0), ==,
                    (guint) gtk_widget_get_height (GTK_WIDGET (window)) / 32 + 1);
  g_assert_cmpuint (trellis_list_rows_to_fill_screen (GTK_WIDGET (window), 32, 100) * 32 + 100, >=,
                    (guint) gtk_widget_get_height (GTK_WIDGET (window)));
  g_assert_cmpuint (trellis_list_rows_to_fill_screen (GTK_WIDGET (window), 32, 100), <,
                    trellis_list_rows_to_fill_screen (GTK_WIDGET (window), 32, 0));

  gtk_window_close (GTK_WINDOW (window));
  iterate_for (100);
}

static void
test_open_junk_shows_error (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *path = temp_path (fixture, "notes.trellis");
  TrellisWindow *window = activate_app (fixture);
  AdwMessageDialog *dialog;

  trellis_test_write_file (path, "these are meeting notes, not a study\n", -1);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-file", "s", path);
  iterate_for (200);

  g_assert_cmpstr (visible_page (window), ==, "welcome");
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "notes.trellis"));
  g_assert_false (adw_message_dialog_has_response (dialog, "retry"));
  save_screenshot (GTK_WIDGET (dialog), "open-error");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_unlink (path);
}

static TrellisTimepointDialog *
find_timepoint_dialog (void)
{
  TrellisTimepointDialog *found = NULL;
  GList *l = gtk_window_list_toplevels ();

  for (GList *it = l; it != NULL && found == NULL; it = it->next)
    if (TRELLIS_IS_TIMEPOINT_DIALOG (it->data))
      found = it->data;
  g_list_free (l);
  return found;
}

static void
test_add_timepoint (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *path = temp_path (fixture, "plan.trellis");
  TrellisWindow *window = create_study_in (fixture, path);
  GListModel *plan = trellis_study_get_timepoints (trellis_window_get_study (window));
  TrellisChartView *plan_view = child (overview_page (window), TRELLIS_TYPE_OVERVIEW_PAGE, "plan_view");
  TrellisTimepointDialog *dialog;
  GtkWidget *error_label, *save_button;

  g_assert_cmpuint (g_list_model_get_n_items (plan), ==, 4);
  g_signal_emit_by_name (child (overview_page (window), TRELLIS_TYPE_OVERVIEW_PAGE, "add_button"), "clicked");
  iterate_for (100);
  dialog = find_timepoint_dialog ();
  g_assert_nonnull (dialog);
  error_label = child (dialog, TRELLIS_TYPE_TIMEPOINT_DIALOG, "error_label");
  save_button = child (dialog, TRELLIS_TYPE_TIMEPOINT_DIALOG, "save_button");

  /* The suggested code is free and the label is still empty, so Save waits,
   * but nothing scolds before the person has typed anything. */
  g_assert_cmpstr (gtk_editable_get_text (child (dialog, TRELLIS_TYPE_TIMEPOINT_DIALOG, "code_row")), ==, "T5");
  g_assert_cmpuint (adw_combo_row_get_selected (child (dialog, TRELLIS_TYPE_TIMEPOINT_DIALOG, "anchor_row")), ==,
                    TRELLIS_ANCHOR_BASELINE);
  g_assert_false (gtk_widget_get_sensitive (save_button));
  g_assert_false (gtk_widget_get_visible (error_label));
  save_screenshot (GTK_WIDGET (dialog), "timepoint-dialog-new");

  /* Enter does not save an invalid timepoint; once touched, the problem shows. */
  press_enter_in (child (dialog, TRELLIS_TYPE_TIMEPOINT_DIALOG, "label_row"));
  g_assert_true (find_timepoint_dialog () == dialog);
  gtk_spin_button_set_value (child (dialog, TRELLIS_TYPE_TIMEPOINT_DIALOG, "window_max_spin"), 200);
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_false (gtk_widget_get_sensitive (save_button));
  save_screenshot (GTK_WIDGET (dialog), "timepoint-dialog-error");

  /* The timing says what it counts from. */
  adw_combo_row_set_selected (child (dialog, TRELLIS_TYPE_TIMEPOINT_DIALOG, "anchor_row"), TRELLIS_ANCHOR_COACHING);
  g_assert_nonnull (strstr (adw_preferences_group_get_description (child (dialog, TRELLIS_TYPE_TIMEPOINT_DIALOG,
                                                                          "timing_group")), "coaching call"));
  gtk_editable_set_text (child (dialog, TRELLIS_TYPE_TIMEPOINT_DIALOG, "label_row"), "Six-month follow-up");
  gtk_spin_button_set_value (child (dialog, TRELLIS_TYPE_TIMEPOINT_DIALOG, "target_spin"), 182);
  gtk_spin_button_set_value (child (dialog, TRELLIS_TYPE_TIMEPOINT_DIALOG, "window_min_spin"), 168);
  g_assert_true (gtk_widget_get_sensitive (save_button));
  g_assert_false (gtk_widget_get_visible (error_label));
  save_screenshot (GTK_WIDGET (dialog), "timepoint-dialog");

  /* Enter in a text field saves a valid timepoint. */
  press_enter_in (child (dialog, TRELLIS_TYPE_TIMEPOINT_DIALOG, "code_row"));
  g_assert_null (find_timepoint_dialog ());
  g_assert_cmpuint (g_list_model_get_n_items (plan), ==, 5);
  g_assert_true (g_str_has_suffix (trellis_chart_view_get_summary (plan_view),
                                   "; T5 Six-month follow-up day 182, window 168–200, counted from the coaching call"));
  g_assert_nonnull (strstr (trellis_chart_view_get_summary (plan_view),
                            "T2 After workshop day 1, window 0–7, counted from the workshop;"));
  {
    g_autoptr(TrellisTimepoint) t5 = g_list_model_get_item (plan, 4);

    g_assert_cmpint (trellis_timepoint_get_anchor (t5), ==, TRELLIS_ANCHOR_COACHING);
  }
  save_screenshot (GTK_WIDGET (window), "study-overview-five-timepoints");

  close_all_windows (GTK_APPLICATION (fixture->app));
  remove_study (path);
}

/* A dialog that edits a study must not keep it (and its lock) once the window is gone. */
static void
test_timepoint_dialog_closes_with_window (Fixture       *fixture,
                                          gconstpointer  data)
{
  g_autofree char *path = temp_path (fixture, "closing.trellis");
  TrellisWindow *window = create_study_in (fixture, path);
  g_autoptr(TrellisStudy) again = NULL;
  g_autoptr(GError) error = NULL;

  g_signal_emit_by_name (child (overview_page (window), TRELLIS_TYPE_OVERVIEW_PAGE, "add_button"), "clicked");
  iterate_for (100);
  g_assert_nonnull (find_timepoint_dialog ());

  gtk_window_close (GTK_WINDOW (window));
  iterate_for (100);
  g_assert_null (find_timepoint_dialog ());
  again = trellis_study_open (path, TRELLIS_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);

  g_clear_object (&again);
  remove_study (path);
}

static void
test_read_only (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = temp_path (fixture, "archived.trellis");
  g_autoptr(GError) error = NULL;
  TrellisStudy *study;
  TrellisWindow *window;
  GtkRevealer *banner;
  GtkWidget *title_display;

  study = trellis_study_create (path, "Archived study", &error);
  g_assert_no_error (error);
  g_clear_object (&study);
  g_assert_cmpint (g_chmod (path, 0444), ==, 0);

  window = activate_app (fixture);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-file", "s", path);
  iterate_for (200);
  g_assert_cmpstr (visible_page (window), ==, "study");
  banner = child (child (window, TRELLIS_TYPE_WINDOW, "study_view"), TRELLIS_TYPE_STUDY_VIEW, "read_only_banner");
  g_assert_true (gtk_revealer_get_reveal_child (banner));
  g_assert_cmpstr (gtk_label_get_text (child (study_view (window), TRELLIS_TYPE_STUDY_VIEW, "read_only_label")),
                   ==, READ_ONLY_FILE_TEXT);
  /* No pencil on a title that cannot be edited: a plain row shows it. */
  g_assert_false (gtk_editable_get_editable (child (overview_page (window), TRELLIS_TYPE_OVERVIEW_PAGE, "title_row")));
  g_assert_false (gtk_widget_get_visible (child (overview_page (window), TRELLIS_TYPE_OVERVIEW_PAGE, "title_row")));
  title_display = child (overview_page (window), TRELLIS_TYPE_OVERVIEW_PAGE, "title_display_row");
  g_assert_true (gtk_widget_get_visible (title_display));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (title_display)), ==, "Archived study");
  save_screenshot (GTK_WIDGET (window), "study-read-only");

  close_all_windows (GTK_APPLICATION (fixture->app));
  g_chmod (path, 0644);
  remove_study (path);
}

/* A study in a folder nobody may write to: the banner says it is the folder. */
static void
test_read_only_folder (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *folder = temp_path (fixture, "archive");
  g_autofree char *path = g_build_filename (folder, "archived.trellis", NULL);
  g_autoptr(GError) error = NULL;
  TrellisStudy *study;
  TrellisWindow *window;

  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  study = trellis_study_create (path, "Archived study", &error);
  g_assert_no_error (error);
  g_clear_object (&study);
  g_assert_cmpint (g_chmod (folder, 0555), ==, 0);

  window = activate_app (fixture);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-file", "s", path);
  wait_until_idle (window);
  g_assert_cmpstr (visible_page (window), ==, "study");
  g_assert_cmpstr (gtk_label_get_text (child (study_view (window), TRELLIS_TYPE_STUDY_VIEW, "read_only_label")),
                   ==, READ_ONLY_FOLDER_TEXT);
  save_screenshot (GTK_WIDGET (window), "study-read-only-folder");

  close_all_windows (GTK_APPLICATION (fixture->app));
  g_chmod (folder, 0755);
  remove_study (path);
  g_rmdir (folder);
}

static void
test_locked_offers_retry (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *path = temp_path (fixture, "shared.trellis");
  g_autoptr(GError) error = NULL;
  TrellisStudy *holder = trellis_study_create (path, "Shared study", &error);
  TrellisWindow *window;
  AdwMessageDialog *dialog;

  g_assert_no_error (error);
  window = activate_app (fixture);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-file", "s", path);
  iterate_for (200);

  g_assert_cmpstr (visible_page (window), ==, "welcome");
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), g_get_user_name ()));
  g_assert_true (adw_message_dialog_has_response (dialog, "retry"));
  g_assert_true (adw_message_dialog_has_response (dialog, "read-only"));
  save_screenshot (GTK_WIDGET (dialog), "open-locked");

  /* Once the other holder lets go, Try Again opens the study. */
  g_clear_object (&holder);
  respond (dialog, "retry");
  iterate_for (200);
  g_assert_cmpstr (visible_page (window), ==, "study");
  g_assert_cmpstr (trellis_study_get_title (trellis_window_get_study (window)), ==, "Shared study");

  close_all_windows (GTK_APPLICATION (fixture->app));
  remove_study (path);
}

/* Someone else is editing the study; a read-only look needs no claim on it. */
static void
test_locked_open_read_only (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *path = temp_path (fixture, "busy.trellis");
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisStudy) holder = NULL;
  TrellisWindow *window;
  AdwMessageDialog *dialog;

  holder = trellis_study_create (path, "Busy study", &error);
  g_assert_no_error (error);
  g_clear_object (&holder);
  holder = trellis_study_open (path, TRELLIS_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);

  window = activate_app (fixture);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-file", "s", path);
  wait_until_idle (window);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  respond (dialog, "read-only");
  wait_until_idle (window);

  g_assert_null (find_message_dialog ());
  g_assert_cmpstr (visible_page (window), ==, "study");
  g_assert_true (trellis_study_is_read_only (trellis_window_get_study (window)));
  g_assert_false (trellis_study_is_read_only (holder));
  g_assert_true (gtk_revealer_get_reveal_child (child (study_view (window), TRELLIS_TYPE_STUDY_VIEW,
                                                       "read_only_banner")));
  g_assert_cmpstr (gtk_label_get_text (child (study_view (window), TRELLIS_TYPE_STUDY_VIEW, "read_only_label")),
                   ==, READ_ONLY_REQUESTED_TEXT);
  save_screenshot (GTK_WIDGET (window), "study-read-only-requested");

  close_all_windows (GTK_APPLICATION (fixture->app));
  g_clear_object (&holder);
  remove_study (path);
}

/* A study already open in this application is shown, never opened a second
 * time (which would only find it locked, by ourselves). */
static void
test_already_open (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = temp_path (fixture, "once.trellis");
  g_autofree char *other_name = g_build_filename (fixture->dir, ".", "once.trellis", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkApplication *app = GTK_APPLICATION (fixture->app);
  TrellisWindow *window = create_study_in (fixture, path);
  TrellisWindow *empty;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-file", "s", path);
  iterate_for (200);
  g_assert_null (find_message_dialog ());
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (app)), ==, 1);

  empty = g_object_new (TRELLIS_TYPE_WINDOW, "application", app, NULL);
  gtk_window_present (GTK_WINDOW (empty));
  gtk_widget_activate_action (GTK_WIDGET (empty), "win.open-file", "s", other_name);
  iterate_for (200);
  g_assert_null (find_message_dialog ());
  g_assert_null (trellis_window_get_study (empty));
  g_assert_true (trellis_window_has_study_file (window, other_name));

  g_application_open (G_APPLICATION (fixture->app), &file, 1, "");
  iterate_for (200);
  g_assert_null (find_message_dialog ());
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (app)), ==, 2);
  g_assert_cmpuint (count_windows_with_study (app), ==, 1);

  close_all_windows (app);
  remove_study (path);
}

static gboolean
window_has_study (gpointer data)
{
  return trellis_window_get_study (data) != NULL;
}

/* Checks, once the application has handed the command line's study to a
 * window, that the window shows it without an error, then lets it quit. */
static void
on_command_line_open (GApplication  *app,
                      GFile        **files,
                      int            n_files,
                      const char    *hint,
                      gpointer       user_data)
{
  gboolean *shown = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));
  g_autofree char *path = g_file_get_path (files[0]);

  g_assert_cmpuint (g_list_length (windows), ==, 1);
  g_assert_true (trellis_window_has_study_file (windows->data, path));
  g_assert_true (iterate_until (window_has_study, windows->data));
  /* Presented once its study is there, so that its first frame shows it. */
  g_assert_true (gtk_widget_get_visible (windows->data));
  g_assert_null (find_message_dialog ());
  g_assert_cmpstr (visible_page (windows->data), ==, "study");
  /* Nor did it build the welcome page, which it never showed. */
  g_assert_null (gtk_stack_get_child_by_name (child (windows->data, TRELLIS_TYPE_WINDOW, "stack"), "welcome"));
  /* Startup took back the GTK_THEME that spared GTK's own theme. */
  g_assert_null (g_getenv ("GTK_THEME"));
  save_screenshot (windows->data, "open-from-command-line");
  *shown = TRUE;
  close_all_windows (GTK_APPLICATION (app));
}

/* A study named on the command line starts to open while GTK starts, and the
 * window the application opens for it takes that open over rather than
 * opening the file a second time, which would find it locked. */
static void
test_open_from_command_line (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "command-line.trellis", NULL);
  g_autoptr(TrellisApplication) app = trellis_application_new ();
  g_autoptr(TrellisStudy) study = NULL;
  g_autoptr(GError) error = NULL;
  char *argv[] = { (char *) "trellis", path, NULL };
  gboolean shown = FALSE;

  study = trellis_study_create (path, "From the command line", &error);
  g_assert_no_error (error);
  g_clear_object (&study);
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  /* As main() does. */
  g_unsetenv ("GTK_THEME");
  trellis_application_skip_gtk_theme (app);
  g_assert_cmpstr (g_getenv ("GTK_THEME"), ==, "Adwaita-empty");
  g_signal_connect_after (app, "open", G_CALLBACK (on_command_line_open), &shown);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 2, argv), ==, 0);
  g_assert_true (shown);
  remove_study (path);
}

/* A window that waits for its study to show is shown all the same when the
 * open fails, under the dialog that says why. */
static void
test_open_junk_from_command_line (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autofree char *path = temp_path (fixture, "agenda.trellis");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GList *windows;
  AdwMessageDialog *dialog;

  trellis_test_write_file (path, "an agenda, not a study\n", -1);
  g_application_open (G_APPLICATION (fixture->app), &file, 1, "");
  windows = gtk_application_get_windows (GTK_APPLICATION (fixture->app));
  g_assert_cmpuint (g_list_length (windows), ==, 1);
  wait_until_idle (windows->data);
  g_assert_true (gtk_widget_get_visible (windows->data));
  g_assert_cmpstr (visible_page (windows->data), ==, "welcome");
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == windows->data);
  gtk_window_destroy (GTK_WINDOW (dialog));
  close_all_windows (GTK_APPLICATION (fixture->app));
  g_unlink (path);
}

/* A theme the person chose with GTK_THEME is theirs: Trellis leaves it. */
static void
test_keeps_chosen_gtk_theme (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(TrellisApplication) app = trellis_application_new ();

  g_setenv ("GTK_THEME", "HighContrast", TRUE);
  trellis_application_skip_gtk_theme (app);
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  g_assert_cmpstr (g_getenv ("GTK_THEME"), ==, "HighContrast");
  g_unsetenv ("GTK_THEME");
}

static void
test_open_non_local (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GFile) file = g_file_new_for_uri ("https://example.org/studies/pilot.trellis");
  GList *windows;
  AdwMessageDialog *dialog;

  g_application_open (G_APPLICATION (fixture->app), &file, 1, "");
  iterate_for (200);
  windows = gtk_application_get_windows (GTK_APPLICATION (fixture->app));
  g_assert_cmpuint (g_list_length (windows), ==, 1);
  g_assert_cmpstr (visible_page (windows->data), ==, "welcome");
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "https://example.org/studies/pilot.trellis"));
  save_screenshot (GTK_WIDGET (dialog), "open-non-local");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Starts opening PATH in a window of its own and closes (or destroys) that
 * window at once, keeping a reference so the test can see the open come back:
 * the window stays busy until its callback has run. */
static TrellisWindow *
close_while_opening (Fixture    *fixture,
                     const char *path,
                     gboolean    destroy)
{
  TrellisWindow *window = g_object_ref (activate_app (fixture));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-file", "s", path);
  g_assert_true (trellis_window_get_busy (window));
  if (destroy)
    gtk_window_destroy (GTK_WINDOW (window));
  else
    gtk_window_close (GTK_WINDOW (window));
  g_signal_connect (window, "notify::study", G_CALLBACK (count_notify), &fixture->study_notifies);
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (fixture->app)));
  return window;
}

/* Opening runs in a thread: the window says it is busy and starts nothing else
 * meanwhile. Closing it mid-way cancels the open: the study never reaches the
 * closed window, and once the open has come back the file is free again. */
static void
test_open_is_async (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *path = temp_path (fixture, "async.trellis");
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisStudy) study = trellis_study_create (path, "Async study", &error);
  g_autoptr(TrellisWindow) closed = NULL;
  GtkWidget *new_button;
  TrellisWindow *window;

  g_assert_no_error (error);
  g_clear_object (&study);

  window = activate_app (fixture);
  new_button = child (welcome_page (window), TRELLIS_TYPE_WELCOME_PAGE, "new_button");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-file", "s", path);
  g_assert_true (trellis_window_get_busy (window));
  g_assert_false (gtk_widget_get_sensitive (new_button));
  wait_until_idle (window);
  g_assert_true (gtk_widget_get_sensitive (new_button));
  g_assert_cmpstr (trellis_study_get_title (trellis_window_get_study (window)), ==, "Async study");
  close_all_windows (GTK_APPLICATION (fixture->app));

  closed = close_while_opening (fixture, path, FALSE);
  wait_until_idle (closed);
  g_assert_cmpuint (fixture->study_notifies, ==, 0);
  g_assert_null (trellis_window_get_study (closed));
  g_assert_null (find_message_dialog ());
  study = trellis_study_open (path, TRELLIS_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);

  g_clear_object (&study);
  remove_study (path);
}

/* An open that fails after its window was destroyed has no one to tell. */
static void
test_destroy_while_opening_junk (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *path = temp_path (fixture, "destroyed-junk.trellis");
  g_autoptr(TrellisWindow) window = NULL;

  trellis_test_write_file (path, "these are meeting notes, not a study\n", -1);
  window = close_while_opening (fixture, path, TRUE);
  wait_until_idle (window);
  g_assert_null (find_message_dialog ());
  g_assert_cmpuint (fixture->study_notifies, ==, 0);
}

static void
open_then_quit (Fixture       *fixture,
                TrellisWindow *window)
{
  fixture->kept = g_object_ref (window);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-file", "s", fixture->path);
  g_assert_true (trellis_window_get_busy (window));
  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "quit", NULL);
  g_signal_connect (window, "notify::study", G_CALLBACK (count_notify), &fixture->study_notifies);
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (fixture->app)));
}

/* Quitting while a study is being opened (and perhaps upgraded, which writes
 * to it) lets the application end only once the open has come back: the
 * process must not exit in the middle of a write. */
static void
test_quit_waits_for_open (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(TrellisStudy) study = NULL;
  g_autoptr(GError) error = NULL;

  fixture->path = temp_path (fixture, "old.trellis");
  trellis_test_copy_v1_study (fixture->path);

  run_app (fixture, open_then_quit);
  g_assert_false (trellis_window_get_busy (fixture->kept));
  g_assert_cmpuint (fixture->study_notifies, ==, 0);

  study = trellis_study_open (fixture->path, TRELLIS_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (trellis_study_get_schema_version (study), ==, TRELLIS_SCHEMA_VERSION);
}

static void
start_copy (Fixture       *fixture,
            TrellisWindow *window)
{
  g_autofree char *copy_path = g_strconcat (fixture->path, ".copy.trellis", NULL);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.save-copy-to", "s", copy_path);
  g_assert_true (trellis_window_get_busy (window));
}

static void
copy_then_close (Fixture       *fixture,
                 TrellisWindow *window)
{
  start_copy (fixture, window);
  /* The copy must not keep the window (and its widgets) alive: its callback
   * finds it gone and leaves it alone. */
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_close (GTK_WINDOW (window));
  if (window != NULL)
    g_object_remove_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  g_assert_null (window);
}

static void
copy_then_quit (Fixture       *fixture,
                TrellisWindow *window)
{
  fixture->kept = g_object_ref (window);
  start_copy (fixture, window);
  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "quit", NULL);
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (fixture->app)));
}

static gboolean
study_can_be_opened (gpointer path)
{
  g_autoptr(TrellisStudy) study = trellis_study_open (path, TRELLIS_OPEN_FLAGS_NONE, NULL);

  return study != NULL;
}

/* Once a copy cancelled by closing its window has come back, nothing holds the
 * study, and the copy was either not written or written whole. */
static void
assert_copy_came_back (Fixture *fixture)
{
  g_autofree char *copy_path = g_strconcat (fixture->path, ".copy.trellis", NULL);
  g_autoptr(TrellisStudy) copy = NULL;
  g_autoptr(GError) error = NULL;

  /* The copy's task lets go of the study when it is freed, which may be in
   * the worker thread just after the callback has run. */
  g_assert_true (iterate_until (study_can_be_opened, fixture->path));

  if (g_file_test (copy_path, G_FILE_TEST_EXISTS))
    {
      copy = trellis_study_open (copy_path, TRELLIS_OPEN_FLAGS_READ_ONLY, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (trellis_study_get_title (copy), ==, "to-copy");
    }
}

/* Closing the last window while a copy is written lets the application end
 * only once the copy has come back; the window itself goes at once. */
static void
test_close_waits_for_copy (Fixture       *fixture,
                           gconstpointer  data)
{
  fixture->path = temp_path (fixture, "to-copy.trellis");
  create_study_in (fixture, fixture->path);

  run_app (fixture, copy_then_close);
  assert_copy_came_back (fixture);
}

/* Quitting while a copy is written lets the application end only once the
 * copy's callback has run. */
static void
test_quit_waits_for_copy (Fixture       *fixture,
                          gconstpointer  data)
{
  fixture->path = temp_path (fixture, "to-copy.trellis");
  create_study_in (fixture, fixture->path);

  run_app (fixture, copy_then_quit);
  g_assert_false (trellis_window_get_busy (fixture->kept));
  assert_copy_came_back (fixture);
}

static void
assert_exists_dialog (void)
{
  AdwMessageDialog *dialog = find_message_dialog ();

  g_assert_nonnull (dialog);
  g_assert_true (adw_message_dialog_has_response (dialog, "choose"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "never replaces"));
}

/* A copy is written in a thread through the study's own connection, so the
 * study takes no edits meanwhile; an existing file is never replaced. */
static void
test_save_copy (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = temp_path (fixture, "original.trellis");
  g_autofree char *copy_path = temp_path (fixture, "copy.trellis");
  TrellisWindow *window = create_study_in (fixture, path);
  g_autoptr(TrellisStudy) copy = NULL;
  g_autoptr(GError) error = NULL;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.save-copy-to", "s", copy_path);
  g_assert_true (trellis_window_get_busy (window));
  g_assert_true (trellis_study_view_get_busy (study_view (window)));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (overview_page (window))));
  wait_until_idle (window);
  g_assert_false (trellis_study_view_get_busy (study_view (window)));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (overview_page (window))));
  save_screenshot (GTK_WIDGET (window), "study-copy-saved");

  /* A copy of this small study is over before a screenshot can catch it. */
  trellis_study_view_set_busy (study_view (window), TRUE);
  save_screenshot (GTK_WIDGET (window), "study-view-busy");
  trellis_study_view_set_busy (study_view (window), FALSE);

  copy = trellis_study_open (copy_path, TRELLIS_OPEN_FLAGS_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (trellis_study_get_title (copy), ==, "original");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.save-copy-to", "s", copy_path);
  iterate_for (100);
  g_assert_false (trellis_window_get_busy (window));
  assert_exists_dialog ();
  save_screenshot (GTK_WIDGET (find_message_dialog ()), "save-copy-exists");
  respond (find_message_dialog (), "cancel");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.create", "s", copy_path);
  iterate_for (100);
  assert_exists_dialog ();
  respond (find_message_dialog (), "cancel");

  close_all_windows (GTK_APPLICATION (fixture->app));
  g_clear_object (&copy);
  remove_study (path);
  remove_study (copy_path);
}


/* "Choose Another Name" opens the chooser again, and the chooser goes with its window. */
static void
test_chooser_goes_with_window (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *path = temp_path (fixture, "taken.trellis");
  TrellisWindow *window = create_study_in (fixture, path);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.create", "s", path);
  iterate_for (100);
  assert_exists_dialog ();
  respond (find_message_dialog (), "choose");
  iterate_for (300);
  g_assert_nonnull (find_toplevel_of_type (GTK_TYPE_FILE_CHOOSER_DIALOG));

  gtk_window_destroy (GTK_WINDOW (window));
  iterate_for (200);
  g_assert_null (find_toplevel_of_type (GTK_TYPE_FILE_CHOOSER_DIALOG));
  remove_study (path);
}

/* On a phone-sized window the study comes first, titled, with its menu. */
static void
test_narrow (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *path = temp_path (fixture, "Narrow study.trellis");
  GSettings *settings = trellis_application_get_settings (fixture->app);
  TrellisWindow *window;
  AdwLeaflet *leaflet;
  GtkMenuButton *menu_button;

  g_settings_set_int (settings, "window-width", 400);
  g_settings_set_int (settings, "window-height", 700);
  window = create_study_in (fixture, path);
  iterate_for (200);

  leaflet = child (study_view (window), TRELLIS_TYPE_STUDY_VIEW, "leaflet");
  g_assert_true (adw_leaflet_get_folded (leaflet));
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == child (study_view (window), TRELLIS_TYPE_STUDY_VIEW,
                                                                    "content_box"));
  save_screenshot (GTK_WIDGET (window), "study-narrow");

  adw_leaflet_navigate (leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  iterate_for (400);
  g_assert_cmpstr (gtk_label_get_label (child (study_view (window), TRELLIS_TYPE_STUDY_VIEW, "sidebar_title")),
                   ==, "Narrow study");
  g_assert_true (gtk_widget_get_visible (child (study_view (window), TRELLIS_TYPE_STUDY_VIEW,
                                                "sidebar_menu_button")));
  save_screenshot (GTK_WIDGET (window), "study-narrow-sidebar");

  /* The menu is built when it first opens, and has the study's entries. */
  menu_button = child (study_view (window), TRELLIS_TYPE_STUDY_VIEW, "sidebar_menu_button");
  g_assert_null (gtk_menu_button_get_menu_model (menu_button));
  gtk_menu_button_popup (menu_button);
  iterate_for (200);
  g_assert_true (gtk_menu_button_get_menu_model (menu_button) ==
                 G_MENU_MODEL (child (study_view (window), TRELLIS_TYPE_STUDY_VIEW, "study_menu")));
  g_assert_cmpint (g_menu_model_get_n_items (gtk_menu_button_get_menu_model (menu_button)), >, 0);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gtk_menu_button_get_popover (menu_button))));
  save_screenshot (GTK_WIDGET (gtk_menu_button_get_popover (menu_button)), "study-menu");
  gtk_menu_button_popdown (menu_button);

  close_all_windows (GTK_APPLICATION (fixture->app));
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
  remove_study (path);
}

static void
assert_accel (GtkApplication *app,
              const char     *action,
              const char     *accel)
{
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (app, action);

  g_assert_true (g_strv_contains ((const char * const *) accels, accel));
}

static void
test_shortcuts_and_about (Fixture       *fixture,
                          gconstpointer  data)
{
  GtkApplication *app = GTK_APPLICATION (fixture->app);
  TrellisWindow *window = activate_app (fixture);
  GtkWindow *shortcuts, *about;

  assert_accel (app, "win.new", "<Control>n");
  assert_accel (app, "win.open", "<Control>o");
  assert_accel (app, "win.close", "<Control>w");
  assert_accel (app, "app.quit", "<Control>q");
  assert_accel (app, "win.show-help-overlay", "<Control>question");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
  iterate_for (200);
  shortcuts = find_toplevel_of_type (GTK_TYPE_SHORTCUTS_WINDOW);
  g_assert_nonnull (shortcuts);
  save_screenshot (GTK_WIDGET (shortcuts), "shortcuts");
  gtk_window_close (shortcuts);

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  iterate_for (200);
  about = find_toplevel_of_type (ADW_TYPE_ABOUT_WINDOW);
  g_assert_nonnull (about);
  save_screenshot (GTK_WIDGET (about), "about");
  gtk_window_destroy (about);
}

static void
test_remembers_size (Fixture       *fixture,
                     gconstpointer  data)
{
  GSettings *settings = trellis_application_get_settings (fixture->app);
  TrellisWindow *window = activate_app (fixture);
  int width = 0, height = 0;

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 650);
  iterate_for (100);
  gtk_window_close (GTK_WINDOW (window));
  iterate_for (100);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 650);

  window = activate_app (fixture);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 650);
}

int
main (int   argc,
      char *argv[])
{
  /* Not G_TEST_OPTION_ISOLATE_DIRS: it hides the system's shared-mime-info, and
   * GTK then cannot tell that the app icon is an SVG. Settings live in memory
   * (GSETTINGS_BACKEND) and every study in a fresh temporary folder instead. */
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  g_test_add ("/trellis/ui/window/welcome", Fixture, NULL, fixture_set_up, test_welcome, fixture_tear_down);
  g_test_add ("/trellis/ui/window/long-title-keeps-sidebar-narrow", Fixture, NULL,
              fixture_set_up, test_long_title_keeps_sidebar_narrow, fixture_tear_down);
  g_test_add ("/trellis/ui/window/create-edit-reopen", Fixture, NULL,
              fixture_set_up, test_create_edit_reopen, fixture_tear_down);
  g_test_add ("/trellis/ui/window/pages-built-when-shown", Fixture, NULL,
              fixture_set_up, test_pages_built_when_shown, fixture_tear_down);
  g_test_add ("/trellis/ui/window/open-junk-shows-error", Fixture, NULL,
              fixture_set_up, test_open_junk_shows_error, fixture_tear_down);
  g_test_add ("/trellis/ui/window/add-timepoint", Fixture, NULL,
              fixture_set_up, test_add_timepoint, fixture_tear_down);
  g_test_add ("/trellis/ui/window/read-only", Fixture, NULL, fixture_set_up, test_read_only, fixture_tear_down);
  g_test_add ("/trellis/ui/window/read-only-folder", Fixture, NULL,
              fixture_set_up, test_read_only_folder, fixture_tear_down);

  g_test_add ("/trellis/ui/window/timepoint-dialog-closes-with-window", Fixture, NULL,
              fixture_set_up, test_timepoint_dialog_closes_with_window, fixture_tear_down);
  g_test_add ("/trellis/ui/window/locked-offers-retry", Fixture, NULL,
              fixture_set_up, test_locked_offers_retry, fixture_tear_down);
  g_test_add ("/trellis/ui/window/locked-open-read-only", Fixture, NULL,
              fixture_set_up, test_locked_open_read_only, fixture_tear_down);
  g_test_add ("/trellis/ui/window/already-open", Fixture, NULL,
              fixture_set_up, test_already_open, fixture_tear_down);
  g_test_add ("/trellis/ui/window/open-from-command-line", Fixture, NULL,
              fixture_set_up, test_open_from_command_line, fixture_tear_down);
  g_test_add ("/trellis/ui/window/open-junk-from-command-line", Fixture, NULL,
              fixture_set_up, test_open_junk_from_command_line, fixture_tear_down);
  g_test_add ("/trellis/ui/window/keeps-chosen-gtk-theme", Fixture, NULL,
              fixture_set_up, test_keeps_chosen_gtk_theme, fixture_tear_down);
  g_test_add ("/trellis/ui/window/open-non-local", Fixture, NULL,
              fixture_set_up, test_open_non_local, fixture_tear_down);
  g_test_add ("/trellis/ui/window/open-is-async", Fixture, NULL,
              fixture_set_up, test_open_is_async, fixture_tear_down);
  g_test_add ("/trellis/ui/window/destroy-while-opening-junk", Fixture, NULL,
              fixture_set_up, test_destroy_while_opening_junk, fixture_tear_down);
  g_test_add ("/trellis/ui/window/quit-waits-for-open", Fixture, NULL,
              fixture_set_up, test_quit_waits_for_open, fixture_tear_down);
  g_test_add ("/trellis/ui/window/close-waits-for-copy", Fixture, NULL,
              fixture_set_up, test_close_waits_for_copy, fixture_tear_down);
  g_test_add ("/trellis/ui/window/quit-waits-for-copy", Fixture, NULL,
              fixture_set_up, test_quit_waits_for_copy, fixture_tear_down);
  g_test_add ("/trellis/ui/window/save-copy", Fixture, NULL,
              fixture_set_up, test_save_copy, fixture_tear_down);
  g_test_add ("/trellis/ui/window/chooser-goes-with-window", Fixture, NULL,
              fixture_set_up, test_chooser_goes_with_window, fixture_tear_down);
  g_test_add ("/trellis/ui/window/narrow", Fixture, NULL,
              fixture_set_up, test_narrow, fixture_tear_down);
  g_test_add ("/trellis/ui/window/shortcuts-and-about", Fixture, NULL,
              fixture_set_up, test_shortcuts_and_about, fixture_tear_down);

  g_test_add ("/trellis/ui/window/remembers-size", Fixture, NULL,
              fixture_set_up, test_remembers_size, fixture_tear_down);

  return g_test_run ();
}
