/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "trellis-application.h"
#include "trellis-overview-page.h"
#include "trellis-study-view.h"
#include "trellis-timepoint-dialog.h"
#include "trellis-welcome-page.h"
#include "trellis-window.h"

/* Drives the real application window under Xvfb through its actions and widgets,
 * checks what it shows, and saves a screenshot of each state for a person. */

typedef struct
{
  TrellisApplication *app;
  char *dir;
} Fixture;

static void
iterate_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (5000);
    }
}

static gpointer
child (gpointer     widget,
       GType        type,
       const char  *name)
{
  GObject *found = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (found);
  return found;
}

static void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  const char *dir = g_getenv ("TRELLIS_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *path = NULL;
  int width, height;

  iterate_for (300);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  g_assert_cmpint (width, >, 0);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));

  g_mkdir_with_parents (dir ? dir : g_get_tmp_dir (), 0755);
  path = g_build_filename (dir ? dir : g_get_tmp_dir (), file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("trellis-ui-XXXXXX", &error);
  g_assert_no_error (error);

  fixture->app = trellis_application_new ();
  /* No session bus is needed or wanted in tests. */
  g_application_set_flags (G_APPLICATION (fixture->app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (fixture->app), NULL, &error);
  g_assert_no_error (error);
}

static void
close_all_windows (GtkApplication *app)
{
  GList *windows;

  while ((windows = gtk_application_get_windows (app)) != NULL)
    gtk_window_destroy (windows->data);
  iterate_for (50);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  close_all_windows (GTK_APPLICATION (fixture->app));
  g_clear_object (&fixture->app);
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static char *
temp_path (Fixture    *fixture,
           const char *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}

static void
remove_study (const char *path)
{
  static const char *const suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
}

static TrellisWindow *
activate_app (Fixture *fixture)
{
  GList *windows;

  g_application_activate (G_APPLICATION (fixture->app));
  iterate_for (200);
  windows = gtk_application_get_windows (GTK_APPLICATION (fixture->app));
  g_assert_nonnull (windows);
  g_assert_true (TRELLIS_IS_WINDOW (windows->data));
  return windows->data;
}

static const char *
visible_page (TrellisWindow *window)
{
  return gtk_stack_get_visible_child_name (child (window, TRELLIS_TYPE_WINDOW, "stack"));
}

static TrellisOverviewPage *
overview_page (TrellisWindow *window)
{
  return child (child (window, TRELLIS_TYPE_WINDOW, "study_view"), TRELLIS_TYPE_STUDY_VIEW, "overview_page");
}

static void
test_welcome (Fixture       *fixture,
              gconstpointer  data)
{
  TrellisWindow *window = activate_app (fixture);
  GtkWidget *recent_group = child (child (window, TRELLIS_TYPE_WINDOW, "welcome_page"),
                                   TRELLIS_TYPE_WELCOME_PAGE, "recent_group");

  g_assert_cmpstr (visible_page (window), ==, "welcome");
  g_assert_null (trellis_window_get_study (window));
  g_assert_false (gtk_widget_get_visible (recent_group));
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
  g_assert_true (gtk_widget_get_visible (child (child (window, TRELLIS_TYPE_WINDOW, "welcome_page"),
                                                TRELLIS_TYPE_WELCOME_PAGE, "recent_group")));
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
  g_assert_false (gtk_widget_get_visible (child (child (window, TRELLIS_TYPE_WINDOW, "welcome_page"),
                                                 TRELLIS_TYPE_WELCOME_PAGE, "recent_group")));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  close_all_windows (GTK_APPLICATION (fixture->app));
  remove_study (path);
}

static AdwMessageDialog *
find_message_dialog (void)
{
  AdwMessageDialog *found = NULL;
  GList *l = gtk_window_list_toplevels ();

  for (GList *it = l; it != NULL && found == NULL; it = it->next)
    if (ADW_IS_MESSAGE_DIALOG (it->data))
      found = it->data;
  g_list_free (l);
  return found;
}

static void
test_open_junk_shows_error (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *path = temp_path (fixture, "notes.trellis");
  TrellisWindow *window = activate_app (fixture);
  AdwMessageDialog *dialog;

  g_assert_true (g_file_set_contents (path, "these are meeting notes, not a study\n", -1, NULL));
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
  TrellisWindow *window = activate_app (fixture);
  TrellisTimepointDialog *dialog;
  GListModel *plan;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.create", "s", path);
  iterate_for (100);
  plan = trellis_study_get_timepoints (trellis_window_get_study (window));
  g_assert_cmpuint (g_list_model_get_n_items (plan), ==, 4);

  g_signal_emit_by_name (child (overview_page (window), TRELLIS_TYPE_OVERVIEW_PAGE, "add_button"), "clicked");
  iterate_for (100);
  dialog = find_timepoint_dialog ();
  g_assert_nonnull (dialog);

  /* The suggested code is free and the label is still empty, so Save waits. */
  g_assert_cmpstr (gtk_editable_get_text (child (dialog, TRELLIS_TYPE_TIMEPOINT_DIALOG, "code_row")), ==, "T5");
  g_assert_false (gtk_widget_get_sensitive (child (dialog, TRELLIS_TYPE_TIMEPOINT_DIALOG, "save_button")));
  gtk_editable_set_text (child (dialog, TRELLIS_TYPE_TIMEPOINT_DIALOG, "label_row"), "Six-month follow-up");
  gtk_spin_button_set_value (child (dialog, TRELLIS_TYPE_TIMEPOINT_DIALOG, "window_max_spin"), 200);
  gtk_spin_button_set_value (child (dialog, TRELLIS_TYPE_TIMEPOINT_DIALOG, "target_spin"), 182);
  gtk_spin_button_set_value (child (dialog, TRELLIS_TYPE_TIMEPOINT_DIALOG, "window_min_spin"), 168);
  g_assert_true (gtk_widget_get_sensitive (child (dialog, TRELLIS_TYPE_TIMEPOINT_DIALOG, "save_button")));
  save_screenshot (GTK_WIDGET (dialog), "timepoint-dialog");

  g_signal_emit_by_name (child (dialog, TRELLIS_TYPE_TIMEPOINT_DIALOG, "save_button"), "clicked");
  iterate_for (100);
  g_assert_null (find_timepoint_dialog ());
  g_assert_cmpuint (g_list_model_get_n_items (plan), ==, 5);
  save_screenshot (GTK_WIDGET (window), "study-overview-five-timepoints");

  close_all_windows (GTK_APPLICATION (fixture->app));
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
  g_assert_false (gtk_editable_get_editable (child (overview_page (window), TRELLIS_TYPE_OVERVIEW_PAGE, "title_row")));
  save_screenshot (GTK_WIDGET (window), "study-read-only");

  close_all_windows (GTK_APPLICATION (fixture->app));
  g_chmod (path, 0644);
  remove_study (path);
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
  save_screenshot (GTK_WIDGET (dialog), "open-locked");

  /* Once the other holder lets go, Try Again opens the study. */
  g_clear_object (&holder);
  adw_message_dialog_response (dialog, "retry");
  iterate_for (200);
  g_assert_cmpstr (visible_page (window), ==, "study");
  g_assert_cmpstr (trellis_study_get_title (trellis_window_get_study (window)), ==, "Shared study");

  close_all_windows (GTK_APPLICATION (fixture->app));
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

static GtkWindow *
find_toplevel_of_type (GType type)
{
  GtkWindow *found = NULL;
  GList *l = gtk_window_list_toplevels ();

  for (GList *it = l; it != NULL && found == NULL; it = it->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (it->data, type) && gtk_widget_get_visible (it->data))
      found = it->data;
  g_list_free (l);
  return found;
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
  g_test_add ("/trellis/ui/window/create-edit-reopen", Fixture, NULL,
              fixture_set_up, test_create_edit_reopen, fixture_tear_down);
  g_test_add ("/trellis/ui/window/open-junk-shows-error", Fixture, NULL,
              fixture_set_up, test_open_junk_shows_error, fixture_tear_down);
  g_test_add ("/trellis/ui/window/add-timepoint", Fixture, NULL,
              fixture_set_up, test_add_timepoint, fixture_tear_down);
  g_test_add ("/trellis/ui/window/read-only", Fixture, NULL, fixture_set_up, test_read_only, fixture_tear_down);

  g_test_add ("/trellis/ui/window/locked-offers-retry", Fixture, NULL,
              fixture_set_up, test_locked_offers_retry, fixture_tear_down);
  g_test_add ("/trellis/ui/window/shortcuts-and-about", Fixture, NULL,
              fixture_set_up, test_shortcuts_and_about, fixture_tear_down);

  g_test_add ("/trellis/ui/window/remembers-size", Fixture, NULL,
              fixture_set_up, test_remembers_size, fixture_tear_down);

  return g_test_run ();
}
