/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "trellis-test-utils.h"
#include "ui-test-utils.h"

void
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
gboolean
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

gpointer
child (gpointer     widget,
       GType        type,
       const char  *name)
{
  GObject *found = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (found);
  return found;
}

void
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

void
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

void
close_all_windows (GtkApplication *app)
{
  GList *windows;

  while ((windows = gtk_application_get_windows (app)) != NULL)
    gtk_window_destroy (windows->data);
  iterate_for (50);
}

void
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

char *
temp_path (Fixture    *fixture,
           const char *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}

void
remove_study (const char *path)
{
  static const char *const suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
}

TrellisWindow *
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

const char *
visible_page (TrellisWindow *window)
{
  return gtk_stack_get_visible_child_name (child (window, TRELLIS_TYPE_WINDOW, "stack"));
}

/* Built by the window the first time it shows it. */
TrellisWelcomePage *
welcome_page (TrellisWindow *window)
{
  GtkWidget *page = gtk_stack_get_child_by_name (child (window, TRELLIS_TYPE_WINDOW, "stack"), "welcome");

  g_assert_nonnull (page);
  return TRELLIS_WELCOME_PAGE (page);
}

TrellisOverviewPage *
overview_page (TrellisWindow *window)
{
  return TRELLIS_OVERVIEW_PAGE (trellis_study_view_ensure_page (study_view (window), "overview"));
}

TrellisStudyView *
study_view (TrellisWindow *window)
{
  return child (window, TRELLIS_TYPE_WINDOW, "study_view");
}

/* The first widget of TYPE under ROOT, depth first, that passes MATCH (if given). */
GtkWidget *
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

guint
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
void
wait_until_idle (TrellisWindow *window)
{
  g_assert_true (iterate_until (window_is_idle, window));
  iterate_for (50);
}

void
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
void
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

TrellisWindow *
create_study_in (Fixture    *fixture,
                 const char *path)
{
  TrellisWindow *window = activate_app (fixture);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.create", "s", path);
  iterate_for (100);
  g_assert_nonnull (trellis_window_get_study (window));
  return window;
}

/* Opens the study at @path in the application's window, as File → Open
 * would, and waits until the window has read what it shows first. */
TrellisWindow *
open_study_in (Fixture    *fixture,
               const char *path)
{
  TrellisWindow *window = activate_app (fixture);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-file", "s", path);
  iterate_for (200);
  wait_until_idle (window);
  g_assert_nonnull (trellis_window_get_study (window));
  return window;
}


AdwMessageDialog *
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

/* Answers the way a click does: adw_message_dialog_response() alone leaves the dialog open. */
void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  iterate_for (50);
}

/* Presses Enter in an entry row the way a person would: through its text field. */
void
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

GtkWindow *
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
