/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-application.h"
#include "trellis-window.h"

/* How many studies the welcome page remembers. */
#define MAX_RECENT 10

struct _TrellisApplication
{
  AdwApplication parent_instance;

  GSettings *settings;
};

G_DEFINE_FINAL_TYPE (TrellisApplication, trellis_application, ADW_TYPE_APPLICATION)

TrellisApplication *
trellis_application_new (void)
{
  return g_object_new (TRELLIS_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/org/trellis/Trellis",
                       NULL);
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
      /* The open starts before the window is presented: it reads the study
       * in a worker thread while GTK realizes and styles the window, which
       * takes a good part of a second on a slow machine. */
      window = window_for_opening (self);
      trellis_window_open_file (window, files[i]);
      gtk_window_present (GTK_WINDOW (window));
    }
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

static void
trellis_application_startup (GApplication *app)
{
  TrellisApplication *self = TRELLIS_APPLICATION (app);
  GtkApplication *gtk_app = GTK_APPLICATION (app);

  G_APPLICATION_CLASS (trellis_application_parent_class)->startup (app);

  self->settings = g_settings_new (APPLICATION_ID);
  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);

  gtk_application_set_accels_for_action (gtk_app, "app.quit", (const char *[]) { "<Control>q", NULL });
  gtk_application_set_accels_for_action (gtk_app, "win.new", (const char *[]) { "<Control>n", NULL });
  gtk_application_set_accels_for_action (gtk_app, "win.open", (const char *[]) { "<Control>o", NULL });
  gtk_application_set_accels_for_action (gtk_app, "win.save-copy", (const char *[]) { "<Control><Shift>s", NULL });
  gtk_application_set_accels_for_action (gtk_app, "win.close", (const char *[]) { "<Control>w", NULL });
  gtk_application_set_accels_for_action (gtk_app, "win.show-page::overview", (const char *[]) { "<Alt>1", NULL });
}

static void
trellis_application_dispose (GObject *object)
{
  TrellisApplication *self = TRELLIS_APPLICATION (object);

  g_clear_object (&self->settings);

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
}

static void
trellis_application_init (TrellisApplication *self)
{
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
