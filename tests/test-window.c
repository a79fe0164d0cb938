/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "trellis-application.h"
#include "trellis-audit.h"
#include "trellis-audit-coverage.h"
#include "trellis-database-private.h"
#include "trellis-migrations.h"
#include "trellis-overview-page.h"
#include "trellis-participant-list.h"
#include "trellis-participants-page.h"
#include "trellis-plan-view.h"
#include "trellis-study-view.h"
#include "trellis-test-utils.h"
#include "trellis-timepoint-dialog.h"
#include "trellis-welcome-page.h"
#include "trellis-window.h"

/* The read-only banner's wording; see trellis-study-view.c. */
#define READ_ONLY_FILE_TEXT "This study file is read-only. You can look around, but changes cannot be saved."
#define READ_ONLY_FOLDER_TEXT "The folder holding this study is read-only. You can look around, but changes cannot be saved."
#define READ_ONLY_REQUESTED_TEXT "Opened read-only. You can look around; to make changes, close the study and open it again."

/* Drives the real application window under Xvfb through its actions and widgets,
 * checks what it shows, and saves a screenshot of each state for a person. */

/* How long a test waits for something that should happen at once: a slow
 * machine gets plenty of time, and a hang still ends. */
#define DEADLINE_SECONDS 30

typedef struct _Fixture Fixture;

/* What a test does once the application is running under run_app(). */
typedef void (*AppStep) (Fixture       *fixture,
                         TrellisWindow *window);

struct _Fixture
{
  TrellisApplication *app;
  char *dir;
  char *path;           /* the study a step works on */
  AppStep step;
  gboolean run_expired; /* g_application_run() missed its deadline */
  TrellisWindow *kept;  /* a window a step keeps alive after closing it */
  guint study_notifies; /* notify::study on a window after it was closed */
};

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

/* Iterates the main loop until DONE (DATA) is true or the deadline passes;
 * returns whether DONE came true. */
static gboolean
iterate_until (gboolean (*done) (gpointer data),
               gpointer   data)
{
  gint64 deadline = g_get_monotonic_time () + DEADLINE_SECONDS * G_USEC_PER_SEC;

  while (!done (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (1000);
    }
  return TRUE;
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

  path = trellis_test_screenshot_path (file);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  static const char *const keys[] = { "recent-studies", "window-width", "window-height", "window-maximized" };
  g_autoptr(GError) error = NULL;
  GSettings *settings;

  fixture->dir = trellis_test_make_tmp_dir ();

  fixture->app = trellis_application_new ();
  /* No session bus is needed or wanted in tests. */
  g_application_set_flags (G_APPLICATION (fixture->app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (fixture->app), NULL, &error);
  g_assert_no_error (error);

  /* The memory settings backend lives as long as the process, so every test
   * starts from the defaults rather than from what the one before it left. */
  settings = trellis_application_get_settings (fixture->app);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (settings, keys[i]);
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
  g_clear_object (&fixture->kept);
  g_clear_object (&fixture->app);
  trellis_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
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

static TrellisStudyView *
study_view (TrellisWindow *window)
{
  return child (window, TRELLIS_TYPE_WINDOW, "study_view");
}

/* The first widget of TYPE under ROOT, depth first, that passes MATCH (if given). */
static GtkWidget *
find_descendant (GtkWidget  *root,
                 GType       type,
                 gboolean  (*match) (GtkWidget *widget))
{
  for (GtkWidget *it = gtk_widget_get_first_child (root); it != NULL; it = gtk_widget_get_next_sibling (it))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (it, type) && (match == NULL || match (it)))
        return it;
      if ((found = find_descendant (it, type, match)) != NULL)
        return found;
    }
  return NULL;
}

static guint
count_windows_with_study (GtkApplication *app)
{
  guint n = 0;

  for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
    if (TRELLIS_IS_WINDOW (l->data) && trellis_window_get_study (l->data) != NULL)
      n++;
  return n;
}

static gboolean
window_is_idle (gpointer window)
{
  return !trellis_window_get_busy (window);
}

/* Waits for an open or a copy running in a worker thread to come back. */
static void
wait_until_idle (TrellisWindow *window)
{
  g_assert_true (iterate_until (window_is_idle, window));
  iterate_for (50);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
on_activate_run_step (GApplication *app,
                      Fixture      *fixture)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  g_signal_handlers_disconnect_by_func (app, on_activate_run_step, fixture);
  g_assert_true (TRELLIS_IS_WINDOW (window));
  fixture->step (fixture, TRELLIS_WINDOW (window));
}

static gboolean
on_run_deadline (gpointer data)
{
  Fixture *fixture = data;

  fixture->run_expired = TRUE;
  g_application_quit (G_APPLICATION (fixture->app));
  return G_SOURCE_REMOVE;
}

/* Runs the application as main() does, calls STEP once it is up, and returns
 * when g_application_run() does: when neither a window nor an open or a copy
 * holds the application any more. So whatever STEP started has come back. */
static void
run_app (Fixture *fixture,
         AppStep  step)
{
  guint deadline_id = g_timeout_add_seconds (DEADLINE_SECONDS, on_run_deadline, fixture);

  fixture->step = step;
  g_signal_connect_after (fixture->app, "activate", G_CALLBACK (on_activate_run_step), fixture);
  g_assert_cmpint (g_application_run (G_APPLICATION (fixture->app), 0, NULL), ==, 0);
  g_assert_false (fixture->run_expired);
  g_source_remove (deadline_id);
}

static TrellisWindow *
create_study_in (Fixture    *fixture,
                 const char *path)
{
  TrellisWindow *window = activate_app (fixture);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.create", "s", path);
  iterate_for (100);
  g_assert_nonnull (trellis_window_get_study (window));
  return window;
}

static void
test_welcome (Fixture       *fixture,
              gconstpointer  data)
{
  TrellisWindow *window = activate_app (fixture);
  GtkWidget *recent_group = child (child (window, TRELLIS_TYPE_WINDOW, "welcome_page"),
                                   TRELLIS_TYPE_WELCOME_PAGE, "recent_group");

  GtkWidget *status_page = child (child (window, TRELLIS_TYPE_WINDOW, "welcome_page"),
                                  TRELLIS_TYPE_WELCOME_PAGE, "status_page");

  g_assert_cmpstr (visible_page (window), ==, "welcome");
  g_assert_null (trellis_window_get_study (window));
  g_assert_false (gtk_widget_get_visible (recent_group));
  /* AdwStatusPage scrolls by itself; a second scroller around it is one too many. */
  g_assert_null (gtk_widget_get_ancestor (status_page, GTK_TYPE_SCROLLED_WINDOW));
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
  GtkWidget *list = child (child (window, TRELLIS_TYPE_WINDOW, "welcome_page"),
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
  g_assert_true (g_str_has_prefix (trellis_plan_view_get_summary (child (overview_page (window),
                                                                         TRELLIS_TYPE_OVERVIEW_PAGE,
                                                                         "plan_view")),
                                   "Timepoint plan: T1 Baseline day 0; T2 After workshop day 1, window 0–7; "));
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

/* Answers the way a click does: adw_message_dialog_response() alone leaves the dialog open. */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  iterate_for (50);
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

/* Presses Enter in an entry row the way a person would: through its text field. */
static void
press_enter_in (AdwEntryRow *row)
{
  GtkWidget *text = find_descendant (GTK_WIDGET (row), GTK_TYPE_TEXT, NULL);

  g_assert_nonnull (text);
  g_assert_true (gtk_widget_grab_focus (text));
  g_signal_emit_by_name (text, "activate");
  /* A button activated from the keyboard shows itself pressed for a moment
   * before it reports the click. */
  iterate_for (400);
}

static void
test_add_timepoint (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *path = temp_path (fixture, "plan.trellis");
  TrellisWindow *window = create_study_in (fixture, path);
  GListModel *plan = trellis_study_get_timepoints (trellis_window_get_study (window));
  TrellisPlanView *plan_view = child (overview_page (window), TRELLIS_TYPE_OVERVIEW_PAGE, "plan_view");
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
  g_assert_true (g_str_has_suffix (trellis_plan_view_get_summary (plan_view),
                                   "; T5 Six-month follow-up day 182, window 168–200"));
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
  new_button = child (child (window, TRELLIS_TYPE_WINDOW, "welcome_page"), TRELLIS_TYPE_WELCOME_PAGE, "new_button");
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

static GtkWindow *find_toplevel_of_type (GType type);

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

/* ---- The participants page ---- */

/* Writes a register of 66 participants in three cohorts as a store would: in
 * one transaction, with bulk audit rows, so the study passes its audit check.
 * P001, P004… are midwives, P002, P005… paramedics, P003, P006… sonographers.
 * P006, P012… have no baseline or consent yet; every fourth consent is on the
 * older sheet, which sheet 2.0 asks to be reconsented; P017 declined; every
 * eleventh is lost to follow-up and every twentieth withdrew. */
static void
write_register (const char *path)
{
  static const char *const tables[][2] = {
    { "cohort", "3" }, { "consent_version", "2" }, { "participant", "66" }, { "consent", "66" },
    { "withdrawal", "3" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisStudy) study = trellis_study_create (path, "Resilience coaching", &error);
  TrellisDatabase *db;

  g_assert_no_error (error);
  db = trellis_study_get_database (study);
  g_assert_true (trellis_database_begin_write (db, &error));
  g_assert_true (trellis_database_exec (db,
      "INSERT INTO cohort (id, name, profession_id) VALUES"
      " (1, 'Midwives, spring 2024', 1), (2, 'Paramedics, spring 2024', 4), (3, 'Sonographers', 7);"
      "INSERT INTO consent_version (id, label, version_date, clauses, requires_reconsent) VALUES"
      " (1, 'Sheet 1.0', '2024-01-01', '[]', 0), (2, 'Sheet 2.0', '2024-03-01', '[]', 1);"
      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 66)"
      " INSERT INTO participant (id, code, cohort_id, baseline_date, created, lost_date)"
      " SELECT i, printf ('P%03d', i), 1 + (i - 1) % 3,"
      "  CASE WHEN i % 6 THEN date ('2024-01-08', '+' || i || ' days') END, '2024-01-02',"
      "  CASE WHEN i % 11 = 0 THEN '2024-06-01' END FROM n;"
      "INSERT INTO consent (id, participant_id, version_id, consent_date, taken_by, answers)"
      " SELECT id, id, CASE WHEN id % 4 THEN 2 ELSE 1 END, '2024-03-05', 'JH',"
      "  CASE WHEN id = 17 THEN '{\"take_part\": false}' ELSE '{\"take_part\": true}' END"
      " FROM participant WHERE id % 6;"
      "INSERT INTO withdrawal (id, participant_id, kind, effective_date) VALUES"
      " (1, 20, 'no-further-data', '2024-05-01'), (2, 40, 'no-further-contact', '2024-05-02'),"
      " (3, 60, 'data-destruction', '2024-05-03');", &error));
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    g_assert_true (trellis_audit_append_bulk (db, "insert", tables[i][0], 1,
                                              g_ascii_strtoll (tables[i][1], NULL, 10), NULL, &error));
  g_assert_true (trellis_database_commit (db, &error));
  g_assert_true (trellis_audit_verify (db, &error));
  g_assert_no_error (error);
}

static TrellisParticipantsPage *
participants_page (TrellisWindow *window)
{
  return child (study_view (window), TRELLIS_TYPE_STUDY_VIEW, "participants_page");
}

static gpointer
page_child (TrellisWindow *window,
            const char    *name)
{
  return child (participants_page (window), TRELLIS_TYPE_PARTICIPANTS_PAGE, name);
}

static GListModel *
participant_rows (TrellisWindow *window)
{
  return G_LIST_MODEL (gtk_column_view_get_model (page_child (window, "column_view")));
}

static char *
first_code (TrellisWindow *window)
{
  g_autoptr(TrellisParticipantRow) row = g_list_model_get_item (participant_rows (window), 0);

  g_assert_nonnull (row);
  return g_strdup (trellis_participant_row_get_code (row));
}

static void
assert_first_code (TrellisWindow *window,
                   const char    *expected)
{
  g_autofree char *code = first_code (window);

  g_assert_cmpstr (code, ==, expected);
}

static void
search (TrellisWindow *window,
        const char    *text)
{
  gtk_editable_set_text (GTK_EDITABLE (page_child (window, "search_entry")), text);
  /* The entry waits a moment after the last keystroke before it searches. */
  iterate_for (400);
}

static TrellisWindow *
open_participants (Fixture    *fixture,
                   const char *path)
{
  TrellisWindow *window = activate_app (fixture);

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-file", "s", path);
  iterate_for (200);
  wait_until_idle (window);
  g_assert_nonnull (trellis_window_get_study (window));
  g_assert_true (trellis_study_view_show_page (study_view (window), "participants"));
  iterate_for (200);
  return window;
}

static void
sort_by (TrellisWindow *window,
         const char    *column,
         GtkSortType    order)
{
  gtk_column_view_sort_by_column (page_child (window, "column_view"), page_child (window, column), order);
  iterate_for (50);
}

/* Clicking a header sorts the whole register, keeping the search. */
static void
check_sorting (TrellisWindow *window)
{
  sort_by (window, "code_column", GTK_SORT_DESCENDING);
  assert_first_code (window, "P066");
  /* P001 has the earliest baseline; a missing one sorts after every date,
   * so descending starts with P006, the first without. */
  sort_by (window, "baseline_column", GTK_SORT_ASCENDING);
  assert_first_code (window, "P001");
  sort_by (window, "baseline_column", GTK_SORT_DESCENDING);
  assert_first_code (window, "P006");
  /* Sorting keeps the search, and searching keeps the sort. */
  search (window, "sonographers");
  assert_first_code (window, "P006");
  sort_by (window, "cohort_column", GTK_SORT_ASCENDING);
  assert_first_code (window, "P003");
  search (window, "");
  assert_first_code (window, "P001");
}

static void
test_participants (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = temp_path (fixture, "Register.trellis");
  TrellisWindow *window;

  write_register (path);
  window = open_participants (fixture, path);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page_child (window, "stack")), ==, "list");
  g_assert_cmpuint (g_list_model_get_n_items (participant_rows (window)), ==, 66);
  g_assert_cmpstr (gtk_label_get_text (page_child (window, "count_label")), ==, "66 participants");
  assert_first_code (window, "P001");
  save_screenshot (GTK_WIDGET (window), "participants");

  search (window, "p01");
  g_assert_cmpuint (g_list_model_get_n_items (participant_rows (window)), ==, 10);
  g_assert_cmpstr (gtk_label_get_text (page_child (window, "count_label")), ==, "10 of 66 shown");
  /* Every word must match: reconsent is needed by P004, P008, P016, P028, P032,
   * P044, P052, P056 and P064, of whom P004, P016, P028, P052 and P064 are midwives. */
  search (window, "p0 reconsent");
  g_assert_cmpstr (gtk_label_get_text (page_child (window, "count_label")), ==, "9 of 66 shown");
  search (window, "Midwives  RECONSENT");
  g_assert_cmpuint (g_list_model_get_n_items (participant_rows (window)), ==, 5);
  save_screenshot (GTK_WIDGET (window), "participants-search");

  search (window, "nobody");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page_child (window, "results_stack")), ==, "no-results");
  save_screenshot (GTK_WIDGET (window), "participants-no-results");
  search (window, "");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page_child (window, "results_stack")), ==, "results");
  g_assert_cmpuint (g_list_model_get_n_items (participant_rows (window)), ==, 66);

  check_sorting (window);
}

/* On a phone-sized window the table scrolls sideways instead of widening the window. */
static void
test_participants_narrow (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *path = temp_path (fixture, "Register.trellis");
  GSettings *settings = trellis_application_get_settings (fixture->app);
  TrellisWindow *window;

  write_register (path);
  g_settings_set_int (settings, "window-width", 400);
  g_settings_set_int (settings, "window-height", 700);
  window = activate_app (fixture);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-file", "s", path);
  iterate_for (200);
  wait_until_idle (window);
  g_assert_true (trellis_study_view_show_page (study_view (window), "participants"));
  iterate_for (300);

  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 400);
  g_assert_cmpuint (g_list_model_get_n_items (participant_rows (window)), ==, 66);
  save_screenshot (GTK_WIDGET (window), "participants-narrow");
}

static gboolean
is_add_button (GtkWidget *widget)
{
  return g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), TRELLIS_PARTICIPANTS_ACTION_ADD) == 0;
}

/* An empty register asks for participants, one by one or from a file. */
static void
test_participants_empty (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *path = temp_path (fixture, "Empty register.trellis");
  TrellisWindow *window = activate_app (fixture);
  GtkWidget *add;

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.create", "s", path);
  iterate_for (100);
  g_assert_true (trellis_study_view_show_page (study_view (window), "participants"));
  iterate_for (200);

  g_assert_cmpstr (trellis_study_view_get_page (study_view (window)), ==, "participants");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page_child (window, "stack")), ==, "empty");
  add = find_descendant (page_child (window, "empty_page"), GTK_TYPE_BUTTON, is_add_button);
  g_assert_nonnull (add);
  save_screenshot (GTK_WIDGET (window), "participants-empty");
  remove_study (path);
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
  g_test_add ("/trellis/ui/window/participants", Fixture, NULL,
              fixture_set_up, test_participants, fixture_tear_down);
  g_test_add ("/trellis/ui/window/participants-narrow", Fixture, NULL,
              fixture_set_up, test_participants_narrow, fixture_tear_down);
  g_test_add ("/trellis/ui/window/participants-empty", Fixture, NULL,
              fixture_set_up, test_participants_empty, fixture_tear_down);

  return g_test_run ();
}
