/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gunixmounts.h>
#include <glib/gi18n.h>

#include "trellis-lazy-menu.h"
#include "trellis-welcome-page.h"

/* The first thing a person sees: start a study, open one, or pick up a recent one.
 * The recent list is capped (see TrellisApplication), so a GtkListBox suits it. */
struct _TrellisWelcomePage
{
  AdwBin parent_instance;

  GSettings *settings;

  GtkWidget *recent_group;
  GtkListBox *recent_list;
};

G_DEFINE_FINAL_TYPE (TrellisWelcomePage, trellis_welcome_page, ADW_TYPE_BIN)

static char *
folder_for_display (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  const char *home = g_get_home_dir ();

  if (g_str_has_prefix (dir, home) && home[1] != '\0')
    return g_strconcat ("~", dir + strlen (home), NULL);
  return g_filename_display_name (dir);
}

/* File systems reached over a network. Checking whether a file on one still
 * exists can hang for as long as the server takes to answer, so the list never
 * asks: such a study is shown as present, and opening it says if it is not. */
static const char * const remote_fs_types[] = {
  "nfs", "nfs4", "cifs", "smb3", "smbfs", "afs", "9p", "ncpfs", "coda",
  "fuse.sshfs", "fuse.gvfsd-fuse", "fuse.rclone", "davfs", "fuse.davfs2",
};

static gboolean
is_remote_fs (const char *fs_type)
{
  return fs_type != NULL && g_strv_contains (remote_fs_types, fs_type);
}

/* Whether PATH lies on a network file system, judged from the mount table alone
 * (the longest mount point that holds it), without touching the file. */
static gboolean
is_on_network (GList      *mounts,
               const char *path)
{
  gsize best = 0;
  gboolean remote = FALSE;

  for (GList *l = mounts; l != NULL; l = l->next)
    {
      const char *mount_path = g_unix_mount_get_mount_path (l->data);
      gsize len = strlen (mount_path);

      if (len < best || !g_str_has_prefix (path, mount_path))
        continue;
      if (len > 1 && path[len] != '/' && path[len] != '\0')
        continue;
      best = len;
      remote = is_remote_fs (g_unix_mount_get_fs_type (l->data));
    }
  return remote;
}

static GtkWidget *
forget_button_new (const char *path)
{
  GtkWidget *forget = gtk_button_new_from_icon_name ("window-close-symbolic");

  /* A cross, not a bin: this forgets the entry and never deletes the file. */
  gtk_widget_set_valign (forget, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (forget, "flat");
  gtk_widget_set_tooltip_text (forget, _("Remove From List"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (forget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Remove From List"), -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (forget), "win.forget-recent");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (forget), "s", path);
  return forget;
}

static GtkWidget *
recent_row_new (const char *path,
                gboolean    exists)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *title = g_filename_display_name (base);
  g_autofree char *folder = folder_for_display (path);
  g_autofree char *missing = g_strdup_printf (_("No longer in %s"), folder);
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), exists ? folder : missing);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name (exists ? "x-office-document-symbolic"
                                                                  : "dialog-warning-symbolic"));

  if (exists)
    {
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.open-file");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", path);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), forget_button_new (path));

  return row;
}

/* The list holds at most ten studies (see TrellisApplication), so checking each
 * local one is cheap; network ones are left alone (see remote_fs_types). */
static void
reload_recent (TrellisWelcomePage *self)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-studies");
  GList *mounts = g_unix_mounts_get (NULL);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))) != NULL)
    gtk_list_box_remove (self->recent_list, child);

  for (guint i = 0; recent[i] != NULL; i++)
    {
      gboolean exists = is_on_network (mounts, recent[i]) || g_file_test (recent[i], G_FILE_TEST_IS_REGULAR);

      gtk_list_box_append (self->recent_list, recent_row_new (recent[i], exists));
    }

  gtk_widget_set_visible (self->recent_group, recent[0] != NULL);
  g_list_free_full (mounts, (GDestroyNotify) g_unix_mount_free);
}

void
trellis_welcome_page_set_settings (TrellisWelcomePage *self,
                                   GSettings          *settings)
{
  g_return_if_fail (TRELLIS_IS_WELCOME_PAGE (self));
  g_return_if_fail (G_IS_SETTINGS (settings));

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_set_object (&self->settings, settings);
  g_signal_connect_swapped (settings, "changed::recent-studies", G_CALLBACK (reload_recent), self);
  reload_recent (self);
}

static void
trellis_welcome_page_dispose (GObject *object)
{
  TrellisWelcomePage *self = TRELLIS_WELCOME_PAGE (object);

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (trellis_welcome_page_parent_class)->dispose (object);
}

static void
trellis_welcome_page_class_init (TrellisWelcomePageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = trellis_welcome_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/trellis/Trellis/trellis-welcome-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TrellisWelcomePage, recent_group);
  gtk_widget_class_bind_template_child (widget_class, TrellisWelcomePage, recent_list);
  /* Not needed here, but named for tests that check what the page shows. */
  gtk_widget_class_bind_template_child_full (widget_class, "status_page", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "new_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "menu_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "welcome_menu", FALSE, 0);
}

static void
trellis_welcome_page_init (TrellisWelcomePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  trellis_lazy_menu_attach (GTK_MENU_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (self),
                                                                            TRELLIS_TYPE_WELCOME_PAGE, "menu_button")),
                            G_MENU_MODEL (gtk_widget_get_template_child (GTK_WIDGET (self),
                                                                         TRELLIS_TYPE_WELCOME_PAGE, "welcome_menu")));
}
