/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-application.h"
#include "trellis-storage-error.h"
#include "trellis-study-view.h"
#include "trellis-welcome-page.h"
#include "trellis-window.h"

struct _TrellisWindow
{
  AdwApplicationWindow parent_instance;

  TrellisStudy *study;

  AdwToastOverlay *toast_overlay;
  GtkStack *stack;
  TrellisWelcomePage *welcome_page;
  TrellisStudyView *study_view;
};

G_DEFINE_FINAL_TYPE (TrellisWindow, trellis_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STUDY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GSettings *
window_settings (TrellisWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  return app ? trellis_application_get_settings (TRELLIS_APPLICATION (app)) : NULL;
}

static void
show_toast (TrellisWindow *self,
            const char    *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
on_error_response (AdwMessageDialog *dialog,
                   const char       *response,
                   TrellisWindow    *self)
{
  const char *path = g_object_get_data (G_OBJECT (dialog), "path");

  if (g_strcmp0 (response, "retry") == 0 && path != NULL)
    trellis_window_open_study (self, path);
}

/* Problems with a whole file get a dialog, because the person has to decide what
 * to do next; a lock held elsewhere may clear, so that one offers to try again. */
static void
show_open_error (TrellisWindow *self,
                 const char    *path,
                 const GError  *error)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Could Not Open Study"),
                                              error->message);
  AdwMessageDialog *message = ADW_MESSAGE_DIALOG (dialog);

  adw_message_dialog_add_response (message, "close", _("_Close"));
  if (g_error_matches (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_LOCKED))
    {
      adw_message_dialog_add_response (message, "retry", _("_Try Again"));
      adw_message_dialog_set_response_appearance (message, "retry", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (message, "retry");
      g_object_set_data_full (G_OBJECT (dialog), "path", g_strdup (path), g_free);
    }
  g_signal_connect (dialog, "response", G_CALLBACK (on_error_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
set_study (TrellisWindow *self,
           TrellisStudy  *study)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  const char *backup;

  g_set_object (&self->study, study);
  trellis_study_view_set_study (self->study_view, study);
  gtk_stack_set_visible_child_name (self->stack, "study");
  g_object_bind_property (study, "title", self, "title", G_BINDING_SYNC_CREATE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-copy", TRUE);

  if (app != NULL)
    trellis_application_add_recent (TRELLIS_APPLICATION (app), trellis_study_get_path (study));

  backup = trellis_database_get_migration_backup (trellis_study_get_database (study));
  if (backup != NULL)
    {
      g_autofree char *base = g_path_get_basename (backup);
      g_autofree char *text = g_strdup_printf (_("Upgraded to the current file format. The original was kept as “%s”."),
                                               base);
      show_toast (self, text);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STUDY]);
}

/* A window holds one study; another one opens in a window of its own. */
static TrellisWindow *
window_for_new_study (TrellisWindow *self)
{
  TrellisWindow *other;

  if (self->study == NULL)
    return self;

  other = g_object_new (TRELLIS_TYPE_WINDOW,
                        "application", gtk_window_get_application (GTK_WINDOW (self)),
                        NULL);
  gtk_window_present (GTK_WINDOW (other));
  return other;
}

void
trellis_window_open_study (TrellisWindow *self,
                           const char    *path)
{
  g_autoptr(TrellisStudy) study = NULL;
  g_autoptr(GError) error = NULL;
  TrellisWindow *target;

  g_return_if_fail (TRELLIS_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  study = trellis_study_open (path, TRELLIS_OPEN_FLAGS_NONE, &error);
  if (study == NULL)
    {
      show_open_error (self, path, error);
      return;
    }

  target = window_for_new_study (self);
  set_study (target, study);
}

/* The file name, less its extension, is the first title of a new study. */
static char *
title_from_path (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  char *dot = g_str_has_suffix (base, ".trellis") ? strrchr (base, '.') : NULL;

  if (dot != NULL && dot != base)
    *dot = '\0';
  return g_steal_pointer (&base);
}

void
trellis_window_create_study (TrellisWindow *self,
                             const char    *path)
{
  g_autoptr(TrellisStudy) study = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  g_return_if_fail (TRELLIS_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  title = title_from_path (path);
  study = trellis_study_create (path, title, &error);
  if (study == NULL)
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Could Not Create Study"),
                                                  error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  set_study (window_for_new_study (self), study);
}

TrellisStudy *
trellis_window_get_study (TrellisWindow *self)
{
  g_return_val_if_fail (TRELLIS_IS_WINDOW (self), NULL);
  return self->study;
}

static GtkFileFilter *
study_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Trellis studies"));
  gtk_file_filter_add_pattern (filter, "*.trellis");
  return filter;
}

static char *
chosen_path (GtkNativeDialog *dialog,
             int              response,
             gboolean         force_extension)
{
  g_autoptr(GFile) file = NULL;
  char *path;

  if (response != GTK_RESPONSE_ACCEPT)
    return NULL;
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  path = file ? g_file_get_path (file) : NULL;
  if (path != NULL && force_extension && !g_str_has_suffix (path, ".trellis"))
    {
      char *with_extension = g_strconcat (path, ".trellis", NULL);
      g_free (path);
      path = with_extension;
    }
  return path;
}

static void
on_new_response (GtkNativeDialog *dialog,
                 int              response,
                 TrellisWindow   *self)
{
  g_autofree char *path = chosen_path (dialog, response, TRUE);

  if (path != NULL)
    trellis_window_create_study (self, path);
  g_object_unref (dialog);
}

static void
on_open_response (GtkNativeDialog *dialog,
                  int              response,
                  TrellisWindow   *self)
{
  g_autofree char *path = chosen_path (dialog, response, FALSE);

  if (path != NULL)
    trellis_window_open_study (self, path);
  g_object_unref (dialog);
}

static void
on_save_copy_response (GtkNativeDialog *dialog,
                       int              response,
                       TrellisWindow   *self)
{
  g_autofree char *path = chosen_path (dialog, response, TRUE);
  g_autoptr(GError) error = NULL;

  if (path != NULL && self->study != NULL)
    {
      g_autofree char *base = g_path_get_basename (path);
      g_autofree char *done = g_strdup_printf (_("Saved a copy as “%s”"), base);

      show_toast (self, trellis_study_save_copy (self->study, path, &error) ? done : error->message);
    }
  g_object_unref (dialog);
}

static void
run_chooser (TrellisWindow        *self,
             const char           *title,
             GtkFileChooserAction  action,
             const char           *accept,
             const char           *suggested_name,
             GCallback             on_response)
{
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action,
                                                               accept, _("_Cancel"));

  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), study_filter ());
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (suggested_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested_name);
  g_signal_connect (chooser, "response", on_response, self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  run_chooser (TRELLIS_WINDOW (widget), _("New Study"), GTK_FILE_CHOOSER_ACTION_SAVE,
               _("_Create"), _("New study.trellis"), G_CALLBACK (on_new_response));
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  run_chooser (TRELLIS_WINDOW (widget), _("Open Study"), GTK_FILE_CHOOSER_ACTION_OPEN,
               _("_Open"), NULL, G_CALLBACK (on_open_response));
}

static void
save_copy_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TrellisWindow *self = TRELLIS_WINDOW (widget);
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;

  if (self->study == NULL)
    return;
  base = title_from_path (trellis_study_get_path (self->study));
  /* Translators: the suggested file name for "Save a Copy"; %s is the study's file name. */
  name = g_strdup_printf (_("%s (copy).trellis"), base);
  run_chooser (self, _("Save a Copy"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), name,
               G_CALLBACK (on_save_copy_response));
}

static void
create_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  trellis_window_create_study (TRELLIS_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
open_file_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  trellis_window_open_study (TRELLIS_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TrellisWindow *self = TRELLIS_WINDOW (widget);

  if (self->study != NULL)
    trellis_study_view_show_page (self->study_view, g_variant_get_string (parameter, NULL));
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static void
on_toast (TrellisWindow *self,
          const char    *message)
{
  show_toast (self, message);
}

static void
forget_recent_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (widget));

  if (app != NULL)
    trellis_application_remove_recent (TRELLIS_APPLICATION (app), g_variant_get_string (parameter, NULL));
}

static gboolean
trellis_window_close_request (GtkWindow *window)
{
  TrellisWindow *self = TRELLIS_WINDOW (window);
  GSettings *settings = window_settings (self);
  int width, height;

  if (settings != NULL)
    {
      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (settings, "window-width", width);
      g_settings_set_int (settings, "window-height", height);
      g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (window));
    }

  /* Release the study file (and its writer lock) as soon as the window goes. */
  trellis_study_view_set_study (self->study_view, NULL);
  g_clear_object (&self->study);

  return GTK_WINDOW_CLASS (trellis_window_parent_class)->close_request (window);
}

/* "application" is not a construct property, so the settings that belong to
 * the application can only be read once it is set. */
static void
on_application_set (TrellisWindow *self)
{
  GSettings *settings = window_settings (self);

  if (settings == NULL)
    return;

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  trellis_welcome_page_set_settings (self->welcome_page, settings);
}

static void
trellis_window_dispose (GObject *object)
{
  TrellisWindow *self = TRELLIS_WINDOW (object);

  g_clear_object (&self->study);

  G_OBJECT_CLASS (trellis_window_parent_class)->dispose (object);
}

static void
trellis_window_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TrellisWindow *self = TRELLIS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STUDY: g_value_set_object (value, self->study); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trellis_window_class_init (TrellisWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = trellis_window_dispose;
  object_class->get_property = trellis_window_get_property;
  GTK_WINDOW_CLASS (klass)->close_request = trellis_window_close_request;

  properties[PROP_STUDY] =
    g_param_spec_object ("study", NULL, NULL, TRELLIS_TYPE_STUDY,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TRELLIS_TYPE_WELCOME_PAGE);
  g_type_ensure (TRELLIS_TYPE_STUDY_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/trellis/Trellis/trellis-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TrellisWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TrellisWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, TrellisWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, TrellisWindow, study_view);
  gtk_widget_class_bind_template_callback (widget_class, on_toast);

  gtk_widget_class_install_action (widget_class, "win.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.save-copy", NULL, save_copy_action);
  gtk_widget_class_install_action (widget_class, "win.create", "s", create_action);
  gtk_widget_class_install_action (widget_class, "win.open-file", "s", open_file_action);
  gtk_widget_class_install_action (widget_class, "win.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_install_action (widget_class, "win.forget-recent", "s", forget_recent_action);
}

static void
trellis_window_init (TrellisWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self, "notify::application", G_CALLBACK (on_application_set), NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-copy", FALSE);
}
