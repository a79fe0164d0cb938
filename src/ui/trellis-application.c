/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-application.h"
#include "trellis-study.h"
#include "trellis-window.h"

/* How many studies the welcome page remembers. */
#define MAX_RECENT 10

/* The resources' style sheet, and the folder that holds Trellis's own icon
 * (for the welcome page and the About window), which AdwApplication and
 * GtkApplication would find from the resource base path: see
 * trellis_application_new (). */
#define STYLE_RESOURCE "/org/trellis/Trellis/style.css"
#define ICONS_RESOURCE_PATH "/org/trellis/Trellis/icons/"

/* A study named on the command line, opened in a worker thread while GTK and
 * libadwaita start, so that a large register is read by the time the window
 * wants it rather than after. The window that opens the path claims it. */
typedef struct
{
  TrellisApplication *app;
  char *path;
  GAsyncResult *result;          /* once the open has come back */
  GAsyncReadyCallback callback;  /* the window's, once it has claimed the open */
  gpointer user_data;
  gboolean dropped;              /* no window will claim it */
} EarlyOpen;

struct _TrellisApplication
{
  AdwApplication parent_instance;

  GSettings *settings;
  GPtrArray *early_paths;        /* the command line's studies, until startup */
  GHashTable *early_opens;       /* path → EarlyOpen not yet claimed */
  gboolean gtk_theme_skipped;    /* GTK_THEME is ours until startup */
  gboolean app_icon_added;       /* ICONS_RESOURCE_PATH is in the icon theme */
};

G_DEFINE_FINAL_TYPE (TrellisApplication, trellis_application, ADW_TYPE_APPLICATION)

/* GTK starts to read the icon theme (the Adwaita and hicolor indexes,
 * hundreds of folders) in a thread as soon as the display's theme object is
 * made, holding the theme's lock as it reads. With a resource base path,
 * GtkApplication's startup made that object to add the resources' icon
 * folder, and libadwaita added its own folder a moment later: that waited
 * for the read to finish, stalling startup for as long as the read took,
 * only to throw what was read away, and the theme was read a second time.
 * Without one, the theme is first made by libadwaita, which adds its folder
 * at once, so the one read has every folder GTK needs; the style sheet that
 * AdwApplication would have found there is loaded in startup, and Trellis's
 * own icon is added when something shows it. */
TrellisApplication *
trellis_application_new (void)
{
  TrellisApplication *self = g_object_new (TRELLIS_TYPE_APPLICATION,
                                           "application-id", APPLICATION_ID,
                                           "flags", G_APPLICATION_HANDLES_OPEN,
                                           NULL);

  /* GApplication derives one from the id when it is made. */
  g_application_set_resource_base_path (G_APPLICATION (self), NULL);
  return self;
}

static void
early_open_free (EarlyOpen *early)
{
  g_application_release (G_APPLICATION (early->app));
  g_object_unref (early->app);
  g_clear_object (&early->result);
  g_free (early->path);
  g_free (early);
}

/* An open nobody claimed: its study is closed at once, so that its file is
 * free again. */
static void
early_open_drop (EarlyOpen *early)
{
  g_autoptr(TrellisStudy) study = NULL;

  if (early->result == NULL)
    {
      early->dropped = TRUE;
      return;
    }
  study = trellis_study_open_finish (early->result, NULL);
  early_open_free (early);
}

static void
on_early_open (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  EarlyOpen *early = user_data;

  early->result = g_object_ref (result);
  if (early->dropped)
    early_open_drop (early);
  else if (early->callback != NULL)
    {
      early->callback (source, result, early->user_data);
      early_open_free (early);
    }
}

/* Called in startup, which only the primary instance runs: a second launch
 * that hands its files to the first must not claim them itself. */
static void
start_early_opens (TrellisApplication *self)
{
  for (guint i = 0; self->early_paths != NULL && i < self->early_paths->len; i++)
    {
      const char *path = g_ptr_array_index (self->early_paths, i);
      EarlyOpen *early;

      if (g_hash_table_contains (self->early_opens, path))
        continue;
      early = g_new0 (EarlyOpen, 1);
      early->app = g_object_ref (self);
      early->path = g_strdup (path);
      /* Held until the open comes back, which closes an unclaimed study. */
      g_application_hold (G_APPLICATION (self));
      g_hash_table_insert (self->early_opens, early->path, early);
      trellis_study_open_async (path, TRELLIS_OPEN_FLAGS_NONE, NULL, on_early_open, early);
    }
  g_clear_pointer (&self->early_paths, g_ptr_array_unref);
}

static void
drop_early_opens (TrellisApplication *self)
{
  GHashTableIter iter;
  EarlyOpen *early;

  g_hash_table_iter_init (&iter, self->early_opens);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &early))
    {
      g_hash_table_iter_steal (&iter);
      early_open_drop (early);
    }
}

/* The open of path started at startup, if there is one: callback then gets
 * its result, as from trellis_study_open_async, at once if it has come back
 * already. FALSE if there is none, and the caller opens path itself. */
gboolean
trellis_application_claim_early_open (TrellisApplication  *self,
                                      const char          *path,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  EarlyOpen *early;

  g_return_val_if_fail (TRELLIS_IS_APPLICATION (self), FALSE);
  g_return_val_if_fail (path != NULL && callback != NULL, FALSE);

  early = g_hash_table_lookup (self->early_opens, path);
  if (early == NULL)
    return FALSE;
  g_hash_table_steal (self->early_opens, path);
  if (early->result == NULL)
    {
      early->callback = callback;
      early->user_data = user_data;
      return TRUE;
    }
  callback (NULL, early->result, user_data);
  early_open_free (early);
  return TRUE;
}

static TrellisWindow *
new_window (TrellisApplication *self)
{
  return g_object_new (TRELLIS_TYPE_WINDOW, "application", self, NULL);
}

static void
trellis_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (new_window (TRELLIS_APPLICATION (app)));
  gtk_window_present (window);
}

/* The window to open a study in: the one in front if it is still empty and
 * idle, as after `trellis study.trellis` started the application; else a new
 * one, which the caller presents. */
static TrellisWindow *
window_for_opening (TrellisApplication *self)
{
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (TRELLIS_IS_WINDOW (active) &&
      trellis_window_get_study (TRELLIS_WINDOW (active)) == NULL &&
      !trellis_window_get_busy (TRELLIS_WINDOW (active)))
    return TRELLIS_WINDOW (active);
  return new_window (self);
}

/* Each study file gets a window of its own, like any document; one that is
 * open already is brought to the front instead of being opened again. */
static void
trellis_application_open (GApplication  *app,
                          GFile        **files,
                          int            n_files,
                          const char    *hint)
{
  TrellisApplication *self = TRELLIS_APPLICATION (app);

  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *path = g_file_get_path (files[i]);
      TrellisWindow *window = path ? trellis_application_find_window (self, path) : NULL;

      if (window != NULL)
        {
          gtk_window_present (GTK_WINDOW (window));
          continue;
        }
      /* The open starts before the window is presented, which waits for it
       * (see trellis_window_present_when_opened): a study named on the
       * command line has been read in a worker thread while GTK started. */
      window = window_for_opening (self);
      trellis_window_open_file (window, files[i]);
      trellis_window_present_when_opened (window);
    }
  drop_early_opens (self);
}

/* Notes the studies the command line names, so that startup can begin to
 * open them; only plain file arguments, as anything else is for GApplication
 * to read. */
static gboolean
trellis_application_local_command_line (GApplication   *app,
                                        char         ***arguments,
                                        int            *exit_status)
{
  TrellisApplication *self = TRELLIS_APPLICATION (app);
  char **argv = *arguments;

  g_clear_pointer (&self->early_paths, g_ptr_array_unref);
  self->early_paths = g_ptr_array_new_with_free_func (g_free);
  /* g_application_run (app, 0, NULL) gives an empty list, with no name. */
  for (int i = 1; argv[0] != NULL && argv[i] != NULL; i++)
    {
      g_autoptr(GFile) file = NULL;
      char *path;

      if (argv[i][0] == '-')
        {
          g_ptr_array_set_size (self->early_paths, 0);
          break;
        }
      file = g_file_new_for_commandline_arg (argv[i]);
      if ((path = g_file_get_path (file)) != NULL)
        g_ptr_array_add (self->early_paths, path);
    }
  return G_APPLICATION_CLASS (trellis_application_parent_class)->local_command_line (app, arguments, exit_status);
}

/* The window that shows (or is opening) the study at PATH, or NULL. */
TrellisWindow *
trellis_application_find_window (TrellisApplication *self,
                                 const char         *path)
{
  g_return_val_if_fail (TRELLIS_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      if (TRELLIS_IS_WINDOW (l->data) && trellis_window_has_study_file (l->data, path))
        return l->data;
    }
  return NULL;
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GtkApplication *app = user_data;
  GList *windows = g_list_copy (gtk_application_get_windows (app));

  /* Closing each window lets it save its size and release its study. An open
   * or a copy still under way is cancelled, but holds the application until it
   * has come back, so the process never exits in the middle of a write. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
  g_list_free (windows);
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkApplication *app = user_data;
  static const char *developers[] = { "The Trellis developers", NULL };
  AdwAboutWindow *about;

  trellis_application_add_app_icon (TRELLIS_APPLICATION (app));
  about = ADW_ABOUT_WINDOW (adw_about_window_new ());
  g_object_set (about,
                "transient-for", gtk_application_get_active_window (app),
                "application-name", _("Trellis"),
                "application-icon", APPLICATION_ID,
                "developer-name", _("The Trellis developers"),
                "version", PACKAGE_VERSION,
                "comments", _("Run before-and-after intervention studies: cohorts, consent, timepoints, interviews and analysis, in one file."),
                "developers", developers,
                "copyright", "© 2026 The Trellis developers",
                "license-type", GTK_LICENSE_GPL_3_0,
                "translator-credits", _("translator-credits"),
                NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { .name = "quit", .activate = quit_activated },
  { .name = "about", .activate = about_activated },
};

/* libadwaita's stylesheet takes the place of GTK's own theme, which GTK
 * nonetheless parses as it makes its settings, only for libadwaita to set
 * the empty theme in its place: a stylesheet as large as libadwaita's,
 * parsed for nothing on the way to the first frame (a fifth of a bare GTK
 * window's start). Naming the empty theme in GTK_THEME while GTK makes its
 * settings spares that, as gnome-settings-daemon does for its own
 * processes; this must happen before any thread starts, so main() calls it,
 * and startup takes the variable away again before libadwaita looks at it.
 * A theme the person chose with GTK_THEME is left alone. */
void
trellis_application_skip_gtk_theme (TrellisApplication *self)
{
  g_return_if_fail (TRELLIS_IS_APPLICATION (self));

  if (g_getenv ("GTK_THEME") != NULL)
    return;
  g_setenv ("GTK_THEME", "Adwaita-empty", TRUE);
  self->gtk_theme_skipped = TRUE;
}

/* GTK reads GTK_THEME only in the main thread, when its settings are made
 * and when the theme changes. */
static void
make_gtk_settings (TrellisApplication *self)
{
  if (!self->gtk_theme_skipped)
    return;
  gtk_init ();
  gtk_settings_get_default ();
  g_unsetenv ("GTK_THEME");
  self->gtk_theme_skipped = FALSE;
}

/* Each folder of icons added to the theme throws away what GTK has read of
 * it, and the first icon a window shows would then read it all again in the
 * main thread. A change of icon theme has GTK read the new one in a thread:
 * saying that the theme's name changed has it read while the window is
 * built. If nothing was thrown away, the read finds the theme as it is and
 * ends there. */
static void
load_icon_theme_meanwhile (void)
{
  g_object_notify (G_OBJECT (gtk_settings_get_default ()), "gtk-icon-theme-name");
}

/* Makes Trellis's own icon available, the first time something shows it. */
void
trellis_application_add_app_icon (TrellisApplication *self)
{
  g_return_if_fail (TRELLIS_IS_APPLICATION (self));

  if (self->app_icon_added)
    return;
  self->app_icon_added = TRUE;
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    ICONS_RESOURCE_PATH);
  load_icon_theme_meanwhile ();
}

/* As AdwApplication does with the style sheet it finds from the resource
 * base path, which Trellis has none of. */
static void
load_style_sheet (void)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

  gtk_css_provider_load_from_resource (provider, STYLE_RESOURCE);
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
trellis_application_startup (GApplication *app)
{
  TrellisApplication *self = TRELLIS_APPLICATION (app);
  GtkApplication *gtk_app = GTK_APPLICATION (app);
  gboolean opening = self->early_paths != NULL && self->early_paths->len > 0;

  start_early_opens (self);
  make_gtk_settings (self);
  G_APPLICATION_CLASS (trellis_application_parent_class)->startup (app);
  load_style_sheet ();
  /* Started with no study to open, the application greets the person with
   * its welcome page: the icon theme is read again with its icon while the
   * window is built, rather than when the page first shows it. */
  if (!opening)
    trellis_application_add_app_icon (self);

  self->settings = g_settings_new (APPLICATION_ID);
  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);

  gtk_application_set_accels_for_action (gtk_app, "app.quit", (const char *[]) { "<Control>q", NULL });
  gtk_application_set_accels_for_action (gtk_app, "win.new", (const char *[]) { "<Control>n", NULL });
  gtk_application_set_accels_for_action (gtk_app, "win.open", (const char *[]) { "<Control>o", NULL });
  gtk_application_set_accels_for_action (gtk_app, "win.save-copy", (const char *[]) { "<Control><Shift>s", NULL });
  gtk_application_set_accels_for_action (gtk_app, "win.close", (const char *[]) { "<Control>w", NULL });
  /* As GtkApplication does for a gtk/help-overlay.ui, which Trellis keeps
   * elsewhere (see show_shortcuts_action in trellis-window.c). */
  gtk_application_set_accels_for_action (gtk_app, "win.show-help-overlay",
                                         (const char *[]) { "<Control>question", NULL });
  gtk_application_set_accels_for_action (gtk_app, "win.show-page::overview", (const char *[]) { "<Alt>1", NULL });
  load_icon_theme_meanwhile ();
}

static void
trellis_application_dispose (GObject *object)
{
  TrellisApplication *self = TRELLIS_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_pointer (&self->early_paths, g_ptr_array_unref);
  if (self->early_opens != NULL)
    drop_early_opens (self);
  g_clear_pointer (&self->early_opens, g_hash_table_unref);

  G_OBJECT_CLASS (trellis_application_parent_class)->dispose (object);
}

static void
trellis_application_class_init (TrellisApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = trellis_application_dispose;
  app_class->activate = trellis_application_activate;
  app_class->open = trellis_application_open;
  app_class->startup = trellis_application_startup;
  app_class->local_command_line = trellis_application_local_command_line;
}

static void
trellis_application_init (TrellisApplication *self)
{
  self->early_opens = g_hash_table_new (g_str_hash, g_str_equal);
}

GSettings *
trellis_application_get_settings (TrellisApplication *self)
{
  g_return_val_if_fail (TRELLIS_IS_APPLICATION (self), NULL);
  return self->settings;
}

static void
update_recent (TrellisApplication *self,
               const char         *path,
               gboolean            add)
{
  g_auto(GStrv) old = g_settings_get_strv (self->settings, "recent-studies");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) recent = NULL;
  guint kept = 0;

  if (add)
    {
      g_strv_builder_add (builder, path);
      kept++;
    }
  for (guint i = 0; old[i] != NULL && kept < MAX_RECENT; i++)
    {
      if (g_strcmp0 (old[i], path) == 0)
        continue;
      g_strv_builder_add (builder, old[i]);
      kept++;
    }

  recent = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-studies", (const char * const *) recent);
}

/* Newest first, each path once, at most MAX_RECENT. */
void
trellis_application_add_recent (TrellisApplication *self,
                                const char         *path)
{
  g_return_if_fail (TRELLIS_IS_APPLICATION (self));
  g_return_if_fail (path != NULL);
  update_recent (self, path, TRUE);
}

void
trellis_application_remove_recent (TrellisApplication *self,
                                   const char         *path)
{
  g_return_if_fail (TRELLIS_IS_APPLICATION (self));
  g_return_if_fail (path != NULL);
  update_recent (self, path, FALSE);
}
