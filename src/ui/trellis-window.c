/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <glib/gi18n.h>

#include "trellis-application.h"
#include "trellis-participant-transfer.h"
#include "trellis-response-transfer.h"
#include "trellis-first-frame-hook.h"
#include "trellis-storage-error.h"
#include "trellis-study-view.h"
#include "trellis-welcome-page.h"
#include "trellis-window.h"

/* How long an open or a copy may take before the window says it is working on
 * it: quick ones finish before a message could be read, so they show none. */
#define BUSY_FEEDBACK_DELAY_MS 250

struct _TrellisWindow
{
  AdwApplicationWindow parent_instance;

  TrellisStudy *study;
  GtkFileChooserNative *chooser;  /* the chooser on screen, if any */

  /* The one open or copy under way, if any. */
  GCancellable *cancellable;
  char *opening_path;
  char *busy_message;
  guint busy_timeout_id;
  AdwToast *busy_toast;
  guint present_timeout_id;       /* while the window waits for its study to show */
  GtkWindow *shortcuts;           /* built when first shown */

  AdwToastOverlay *toast_overlay;
  GtkStack *stack;
  TrellisWelcomePage *welcome_page;  /* built when first shown */
  TrellisStudyView *study_view;

  /* Set once the window is closed: what comes back from a worker thread
   * afterwards must leave it alone. */
  gboolean closed;
};

G_DEFINE_FINAL_TYPE (TrellisWindow, trellis_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STUDY,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void open_study (TrellisWindow    *self,
                        const char       *path,
                        TrellisOpenFlags  flags);

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

/* What a dialog's response handler needs: the window, which may be gone by the
 * time the person answers, and the file or action the question was about. */
typedef struct
{
  GWeakRef window;
  char *detail;
} DialogData;

static DialogData *
dialog_data_new (TrellisWindow *self,
                 const char    *detail)
{
  DialogData *data = g_new0 (DialogData, 1);

  g_weak_ref_init (&data->window, self);
  data->detail = g_strdup (detail);
  return data;
}

static void
dialog_data_free (gpointer  data,
                  GClosure *closure)
{
  DialogData *dialog_data = data;

  g_weak_ref_clear (&dialog_data->window);
  g_free (dialog_data->detail);
  g_free (dialog_data);
}

static AdwMessageDialog *
message_dialog_new (TrellisWindow *self,
                    const char    *heading,
                    const char    *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  /* A question about this window's study makes no sense once the window is gone. */
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  return ADW_MESSAGE_DIALOG (dialog);
}

static void
on_open_error_response (AdwMessageDialog *dialog,
                        const char       *response,
                        DialogData       *data)
{
  g_autoptr(TrellisWindow) self = g_weak_ref_get (&data->window);

  if (self == NULL)
    return;
  if (g_strcmp0 (response, "retry") == 0)
    open_study (self, data->detail, TRELLIS_OPEN_FLAGS_NONE);
  else if (g_strcmp0 (response, "read-only") == 0)
    open_study (self, data->detail, TRELLIS_OPEN_FLAGS_READ_ONLY);
}

/* Problems with a whole file get a dialog, because the person has to decide what
 * to do next. A study someone else is editing may be free soon, so that one
 * offers to try again; a read-only open never claims the study, so it works now. */
static void
show_open_error (TrellisWindow *self,
                 const char    *path,
                 const GError  *error)
{
  AdwMessageDialog *dialog = message_dialog_new (self, _("Could Not Open Study"), error->message);

  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  if (path != NULL && g_error_matches (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_LOCKED))
    {
      adw_message_dialog_add_responses (dialog,
                                        "read-only", _("Open _Read-Only"),
                                        "retry", _("_Try Again"),
                                        NULL);
      adw_message_dialog_set_response_appearance (dialog, "retry", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "retry");
      g_signal_connect_data (dialog, "response", G_CALLBACK (on_open_error_response),
                             dialog_data_new (self, path), dialog_data_free, 0);
    }
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
update_actions (TrellisWindow *self)
{
  static const char * const starters[] = { "win.new", "win.open", "win.create", "win.open-file" };
  gboolean idle = self->cancellable == NULL;

  /* One open or copy at a time: the buttons that would start another go grey. */
  for (guint i = 0; i < G_N_ELEMENTS (starters); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), starters[i], idle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-copy", idle && self->study != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-copy-to", idle && self->study != NULL);
  trellis_participant_transfer_update_actions (GTK_WIDGET (self), idle ? self->study : NULL);
  trellis_response_transfer_update_actions (GTK_WIDGET (self), idle ? self->study : NULL);
}

static gboolean
show_busy_toast (gpointer user_data)
{
  TrellisWindow *self = user_data;

  self->busy_timeout_id = 0;
  self->busy_toast = adw_toast_new (self->busy_message);
  adw_toast_set_timeout (self->busy_toast, 0);
  adw_toast_set_priority (self->busy_toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, g_object_ref (self->busy_toast));
  return G_SOURCE_REMOVE;
}

/* What an open or a copy needs when it comes back from its worker thread. The
 * window is held weakly, so that closing it frees it (and cancels the work) at
 * once rather than when the thread is done. The application is held, with
 * g_application_hold(), until the callback has run: quitting must not let the
 * process exit in the middle of a write. It is kept here because
 * gtk_window_get_application() is NULL once the window has closed. */
typedef struct
{
  GWeakRef window;
  GApplication *app;
  char *path;   /* the study being opened, or the copy being written */
} BusyOp;

static BusyOp *
busy_op_new (TrellisWindow *self,
             const char    *path)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  BusyOp *op = g_new0 (BusyOp, 1);

  g_weak_ref_init (&op->window, self);
  op->path = g_strdup (path);
  if (app != NULL)
    {
      op->app = g_object_ref (G_APPLICATION (app));
      g_application_hold (op->app);
    }
  return op;
}

/* Runs on every way out of a callback, cancelled or not. */
static void
busy_op_free (BusyOp *op)
{
  if (op->app != NULL)
    {
      g_application_release (op->app);
      g_object_unref (op->app);
    }
  g_weak_ref_clear (&op->window);
  g_free (op->path);
  g_free (op);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BusyOp, busy_op_free)

/* Starts an open or a copy of PATH, saying MESSAGE if it takes a while. */
static BusyOp *
begin_busy (TrellisWindow *self,
            char          *message,
            const char    *path)
{
  g_assert (self->cancellable == NULL);
  g_assert (!self->closed);

  self->cancellable = g_cancellable_new ();
  self->busy_message = message;
  self->busy_timeout_id = g_timeout_add (BUSY_FEEDBACK_DELAY_MS, show_busy_toast, self);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  return busy_op_new (self, path);
}

static void
end_busy (TrellisWindow *self)
{
  if (self->cancellable == NULL)
    return;

  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->busy_timeout_id, g_source_remove);
  if (self->busy_toast != NULL)
    adw_toast_dismiss (self->busy_toast);
  g_clear_object (&self->busy_toast);
  g_clear_pointer (&self->busy_message, g_free);
  g_clear_pointer (&self->opening_path, g_free);
  trellis_study_view_set_busy (self->study_view, FALSE);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

void
trellis_window_show_toast (TrellisWindow *self,
                           const char    *message)
{
  g_return_if_fail (TRELLIS_IS_WINDOW (self));
  show_toast (self, message);
}

/* Longer work on the study (an import, an export) that the caller runs in a
 * worker thread: like a copy, it takes the study from the pages, greys out
 * what would start more work, and is cancelled when the window closes. The
 * caller shows its own progress. NULL if the window cannot start it now. */
GCancellable *
trellis_window_begin_study_work (TrellisWindow *self)
{
  g_return_val_if_fail (TRELLIS_IS_WINDOW (self), NULL);

  if (self->closed || self->study == NULL || self->cancellable != NULL)
    return NULL;
  self->cancellable = g_cancellable_new ();
  trellis_study_view_set_busy (self->study_view, TRUE);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  return self->cancellable;
}

void
trellis_window_end_study_work (TrellisWindow *self)
{
  g_return_if_fail (TRELLIS_IS_WINDOW (self));
  end_busy (self);
}

/* Nobody is left to see an open or a copy come back, so it is stopped where it
 * can be; its callback still comes, and ends the window's busy state. */
static void
cancel_busy (TrellisWindow *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->busy_timeout_id, g_source_remove);
}

/* Ends OP's busy state in its window and returns that window if it is still
 * open; NULL if it is gone or closed, as then nobody is left to tell. A window
 * destroyed without a close request has at least left its application. */
static TrellisWindow *
busy_op_finish (BusyOp *op)
{
  g_autoptr(TrellisWindow) self = g_weak_ref_get (&op->window);

  if (self == NULL)
    return NULL;
  end_busy (self);
  if (self->closed || (op->app != NULL && gtk_window_get_application (GTK_WINDOW (self)) == NULL))
    return NULL;
  return g_steal_pointer (&self);
}

static void
set_study (TrellisWindow *self,
           TrellisStudy  *study)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  const char *backup = trellis_study_get_migration_backup (study);

  g_set_object (&self->study, study);
  /* Before the study is set, so that a page the hook asks for is the only
   * one built. */
  trellis_first_frame_hook_study_shown (self->study_view);
  trellis_study_view_set_study (self->study_view, study);
  gtk_stack_set_visible_child_name (self->stack, "study");
  g_object_bind_property (study, "title", self, "title", G_BINDING_SYNC_CREATE);
  update_actions (self);

  if (app != NULL)
    trellis_application_add_recent (TRELLIS_APPLICATION (app), trellis_study_get_path (study));

  if (backup != NULL)
    {
      g_autofree char *base = g_path_get_basename (backup);
      g_autofree char *text = g_strdup_printf (_("Upgraded to the current file format. The original was kept as “%s”."),
                                               base);
      show_toast (self, text);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STUDY]);
}

/* Presents the window if it waits for its study, see trellis_window_present_when_opened. */
static void
present_if_waiting (TrellisWindow *self)
{
  if (self->present_timeout_id == 0)
    return;
  g_clear_handle_id (&self->present_timeout_id, g_source_remove);
  gtk_window_present (GTK_WINDOW (self));
}

static gboolean
present_meanwhile (gpointer user_data)
{
  TrellisWindow *self = user_data;

  self->present_timeout_id = 0;
  gtk_window_present (GTK_WINDOW (self));
  return G_SOURCE_REMOVE;
}

/* Presents a window that has just started to open a study once the study is
 * there, so that its first frame shows the study rather than the welcome
 * page, styled, measured and drawn only to be replaced a moment later. A
 * study named on the command line is nearly always read by the time GTK has
 * started; one that takes longer shows the window meanwhile, with the toast
 * that says it is opening. */
void
trellis_window_present_when_opened (TrellisWindow *self)
{
  g_return_if_fail (TRELLIS_IS_WINDOW (self));

  if (self->cancellable == NULL || self->opening_path == NULL)
    {
      gtk_window_present (GTK_WINDOW (self));
      return;
    }
  g_clear_handle_id (&self->present_timeout_id, g_source_remove);
  self->present_timeout_id = g_timeout_add (BUSY_FEEDBACK_DELAY_MS, present_meanwhile, self);
}

static TrellisWindow *
new_window_beside (TrellisWindow *self)
{
  TrellisWindow *other = g_object_new (TRELLIS_TYPE_WINDOW,
                                       "application", gtk_window_get_application (GTK_WINDOW (self)),
                                       NULL);

  gtk_window_present (GTK_WINDOW (other));
  return other;
}

/* A window holds one study; another one opens in a window of its own. */
static TrellisWindow *
window_for_new_study (TrellisWindow *self)
{
  return self->study == NULL ? self : new_window_beside (self);
}

/* Two names for one file (a symbolic link, "..", a relative path) are the same study. */
static gboolean
same_file (const char *a,
           const char *b)
{
  g_autofree char *real_a = realpath (a, NULL);
  g_autofree char *real_b = realpath (b, NULL);
  g_autoptr(GFile) file_a = NULL;
  g_autoptr(GFile) file_b = NULL;

  if (real_a != NULL && real_b != NULL)
    return g_strcmp0 (real_a, real_b) == 0;

  file_a = g_file_new_for_path (a);
  file_b = g_file_new_for_path (b);
  return g_file_equal (file_a, file_b);
}

/* Whether this window shows the study at PATH, or is opening it. */
gboolean
trellis_window_has_study_file (TrellisWindow *self,
                               const char    *path)
{
  g_return_val_if_fail (TRELLIS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->opening_path != NULL && same_file (self->opening_path, path))
    return TRUE;
  return self->study != NULL && same_file (trellis_study_get_path (self->study), path);
}

gboolean
trellis_window_get_busy (TrellisWindow *self)
{
  g_return_val_if_fail (TRELLIS_IS_WINDOW (self), FALSE);
  return self->cancellable != NULL;
}

static void
on_study_opened (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(BusyOp) op = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisStudy) study = trellis_study_open_finish (result, &error);
  g_autoptr(TrellisWindow) self = busy_op_finish (op);

  /* Only closing the window cancels an open. A closed window takes no study
   * and shows no error; a study opened all the same is dropped here, which
   * releases its file. */
  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (study == NULL)
    {
      present_if_waiting (self);
      show_open_error (self, op->path, error);
    }
  else
    {
      set_study (window_for_new_study (self), study);
      present_if_waiting (self);
    }
}

/* The open runs in a worker thread: checking, upgrading or reading a large
 * study over a network share must not freeze the window. A study that is
 * already open here is shown, not opened again: it would only find itself locked. */
static void
open_study (TrellisWindow    *self,
            const char       *path,
            TrellisOpenFlags  flags)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  TrellisWindow *existing = app ? trellis_application_find_window (TRELLIS_APPLICATION (app), path) : NULL;
  g_autofree char *name = NULL;
  BusyOp *op;

  /* A closed window starts nothing: nobody would see it come back. */
  if (self->closed)
    return;
  if (existing != NULL)
    {
      gtk_window_present (GTK_WINDOW (existing));
      return;
    }
  if (self->cancellable != NULL)
    self = new_window_beside (self);

  name = g_filename_display_basename (path);
  /* Translators: shown while a study file is opened; %s is its file name. */
  op = begin_busy (self, g_strdup_printf (_("Opening “%s”…"), name), path);
  self->opening_path = g_strdup (path);
  /* A study named on the command line may be open already, or under way. */
  if (flags == TRELLIS_OPEN_FLAGS_NONE && TRELLIS_IS_APPLICATION (app) &&
      trellis_application_claim_early_open (TRELLIS_APPLICATION (app), path, on_study_opened, op))
    return;
  trellis_study_open_async (path, flags, self->cancellable, on_study_opened, op);
}

void
trellis_window_open_study (TrellisWindow *self,
                           const char    *path)
{
  g_return_if_fail (TRELLIS_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  open_study (self, path, TRELLIS_OPEN_FLAGS_NONE);
}

/* Study files live in local folders: SQLite needs real file locks, which a
 * file reached through a URI (a web page, an FTP server) cannot offer. */
void
trellis_window_open_file (TrellisWindow *self,
                          GFile         *file)
{
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (TRELLIS_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  path = g_file_get_path (file);
  if (path != NULL)
    {
      open_study (self, path, TRELLIS_OPEN_FLAGS_NONE);
      return;
    }

  name = g_file_get_parse_name (file);
  error = g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       _("“%s” is not in a folder on this computer. Trellis opens studies from local folders only: copy the file to this computer, then open the copy."),
                       name);
  show_open_error (self, NULL, error);
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

static void
on_exists_response (AdwMessageDialog *dialog,
                    const char       *response,
                    DialogData       *data)
{
  g_autoptr(TrellisWindow) self = g_weak_ref_get (&data->window);

  if (self != NULL && g_strcmp0 (response, "choose") == 0)
    gtk_widget_activate_action (GTK_WIDGET (self), data->detail, NULL);
}

/* Trellis never replaces a file: a study is research data, and a slip in a file
 * chooser must not destroy one. The chooser may already have asked "Replace?",
 * so say plainly why the answer is still no, and offer the chooser again. */
static gboolean
refuse_existing (TrellisWindow *self,
                 const char    *path,
                 const char    *chooser_action)
{
  g_autofree char *name = NULL;
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return FALSE;

  name = g_filename_display_basename (path);
  heading = g_strdup_printf (_("“%s” Already Exists"), name);
  dialog = message_dialog_new (self, heading,
                               _("Trellis never replaces an existing file, so no study can be lost by mistake. Choose another name."));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "choose", _("C_hoose Another Name"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "choose", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "choose");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_exists_response),
                         dialog_data_new (self, chooser_action), dialog_data_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
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

  if (refuse_existing (self, path, "win.new"))
    return;

  title = title_from_path (path);
  study = trellis_study_create (path, title, &error);
  if (study == NULL)
    {
      AdwMessageDialog *dialog = message_dialog_new (self, _("Could Not Create Study"), error->message);

      adw_message_dialog_add_response (dialog, "close", _("_Close"));
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

static void
on_copy_saved (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(BusyOp) op = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisWindow) self = NULL;
  g_autofree char *name = NULL;
  g_autofree char *done = NULL;

  trellis_study_save_copy_finish (TRELLIS_STUDY (source), result, &error);
  self = busy_op_finish (op);
  /* Only closing the window cancels a copy, and then nobody is left to tell. */
  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  name = g_filename_display_basename (op->path);
  done = g_strdup_printf (_("Saved a copy as “%s”"), name);
  show_toast (self, error != NULL ? error->message : done);
}

/* The copy runs in a worker thread but reads through the study's own connection,
 * which only one thread may use at a time: until it is done, the study view
 * takes no edits and nothing else here touches the study. */
static void
save_copy_to (TrellisWindow *self,
              const char    *path)
{
  g_autofree char *name = NULL;
  BusyOp *op;

  if (self->closed || self->study == NULL || self->cancellable != NULL ||
      refuse_existing (self, path, "win.save-copy"))
    return;

  name = g_filename_display_basename (path);
  /* Translators: shown while a copy is written; %s is the copy's file name. */
  op = begin_busy (self, g_strdup_printf (_("Saving a copy as “%s”…"), name), path);
  trellis_study_view_set_busy (self->study_view, TRUE);
  trellis_study_save_copy_async (self->study, path, self->cancellable, on_copy_saved, op);
}

static GtkFileFilter *
study_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Trellis studies"));
  gtk_file_filter_add_pattern (filter, "*.trellis");
  gtk_file_filter_add_mime_type (filter, "application/x-trellis-study");
  return filter;
}

static void
dismiss_chooser (TrellisWindow *self)
{
  if (self->chooser == NULL)
    return;
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
}

/* The chooser's answer, as a path; NULL if it was cancelled or is not a local file. */
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

/* The chooser stays with the window: it goes when the window goes, and its
 * answer never reaches a window that is already gone. */
static char *
take_chooser_answer (TrellisWindow   *self,
                     GtkNativeDialog *dialog,
                     int              response,
                     gboolean         force_extension)
{
  g_autoptr(GtkFileChooserNative) chooser = NULL;

  if (dialog != GTK_NATIVE_DIALOG (self->chooser))
    return NULL;
  chooser = g_steal_pointer (&self->chooser);
  return chosen_path (dialog, response, force_extension);
}

static void
on_new_response (GtkNativeDialog *dialog,
                 int              response,
                 TrellisWindow   *self)
{
  g_autofree char *path = take_chooser_answer (self, dialog, response, TRUE);

  if (path != NULL)
    trellis_window_create_study (self, path);
}

static void
on_open_response (GtkNativeDialog *dialog,
                  int              response,
                  TrellisWindow   *self)
{
  g_autofree char *path = take_chooser_answer (self, dialog, response, FALSE);

  if (path != NULL)
    open_study (self, path, TRELLIS_OPEN_FLAGS_NONE);
}

static void
on_save_copy_response (GtkNativeDialog *dialog,
                       int              response,
                       TrellisWindow   *self)
{
  g_autofree char *path = take_chooser_answer (self, dialog, response, TRUE);

  if (path != NULL)
    save_copy_to (self, path);
}

static void
run_chooser (TrellisWindow        *self,
             const char           *title,
             GtkFileChooserAction  action,
             const char           *accept,
             const char           *suggested_name,
             GCallback             on_response)
{
  dismiss_chooser (self);
  self->chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, accept, _("_Cancel"));

  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), study_filter ());
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  if (suggested_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), suggested_name);
  g_signal_connect_object (self->chooser, "response", on_response, self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
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
  open_study (TRELLIS_WINDOW (widget), g_variant_get_string (parameter, NULL), TRELLIS_OPEN_FLAGS_NONE);
}

static void
save_copy_to_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  save_copy_to (TRELLIS_WINDOW (widget), g_variant_get_string (parameter, NULL));
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

/* The shortcuts window, built the first time it is asked for. GtkApplication
 * would build it for every window, from gtk/help-overlay.ui, before the
 * window's first frame: a hundred widgets nobody may ever see. This is
 * what gtk_application_window_set_help_overlay () would set up. */
static void
show_shortcuts_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  TrellisWindow *self = TRELLIS_WINDOW (widget);

  if (self->shortcuts == NULL)
    {
      g_autoptr(GtkBuilder) builder =
        gtk_builder_new_from_resource ("/org/trellis/Trellis/trellis-shortcuts-window.ui");

      self->shortcuts = GTK_WINDOW (g_object_ref (gtk_builder_get_object (builder, "help_overlay")));
      gtk_window_set_transient_for (self->shortcuts, GTK_WINDOW (self));
      gtk_window_set_hide_on_close (self->shortcuts, TRUE);
      gtk_window_set_destroy_with_parent (self->shortcuts, TRUE);
    }
  gtk_window_present (self->shortcuts);
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

  /* Cancel now, not when the last reference to the window goes. */
  self->closed = TRUE;
  cancel_busy (self);

  /* Release the study file (and its writer lock) as soon as the window goes.
   * A copy still being written holds the study until it is finished. */
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
}

/* The welcome page is built the first time the window shows it, not with the
 * window: a window that opens a study named on the command line never shows
 * it, and building it (its list of recent studies looks each one up in the
 * mount table, and the list is built again as the study opened joins it)
 * held up that study's first frame. */
static void
show_welcome (TrellisWindow *self)
{
  GSettings *settings = window_settings (self);

  if (self->welcome_page == NULL)
    {
      GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

      /* The page shows Trellis's icon. */
      if (TRELLIS_IS_APPLICATION (app))
        trellis_application_add_app_icon (TRELLIS_APPLICATION (app));
      self->welcome_page = g_object_new (TRELLIS_TYPE_WELCOME_PAGE, NULL);
      if (settings != NULL)
        trellis_welcome_page_set_settings (self->welcome_page, settings);
      gtk_stack_add_named (self->stack, GTK_WIDGET (self->welcome_page), "welcome");
    }
  gtk_stack_set_visible_child_name (self->stack, "welcome");
}

/* A window with no study, or one whose study takes a while to open (see
 * trellis_window_present_when_opened), greets the person. */
static void
trellis_window_show (GtkWidget *widget)
{
  TrellisWindow *self = TRELLIS_WINDOW (widget);

  if (self->study == NULL)
    show_welcome (self);
  GTK_WIDGET_CLASS (trellis_window_parent_class)->show (widget);
}

static void
trellis_window_dispose (GObject *object)
{
  TrellisWindow *self = TRELLIS_WINDOW (object);

  /* A window destroyed without being closed gets here first. An open or copy
   * still running finishes in its thread; its callback finds this window gone
   * (or closed) and leaves it alone. */
  self->closed = TRUE;
  dismiss_chooser (self);
  cancel_busy (self);
  g_clear_handle_id (&self->present_timeout_id, g_source_remove);
  if (self->shortcuts != NULL)
    gtk_window_destroy (self->shortcuts);
  g_clear_object (&self->shortcuts);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->busy_toast);
  g_clear_object (&self->study);

  G_OBJECT_CLASS (trellis_window_parent_class)->dispose (object);
}

static void
trellis_window_finalize (GObject *object)
{
  TrellisWindow *self = TRELLIS_WINDOW (object);

  g_free (self->opening_path);
  g_free (self->busy_message);

  G_OBJECT_CLASS (trellis_window_parent_class)->finalize (object);
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
    case PROP_BUSY: g_value_set_boolean (value, trellis_window_get_busy (self)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.save-copy", NULL, save_copy_action);
  gtk_widget_class_install_action (widget_class, "win.create", "s", create_action);
  gtk_widget_class_install_action (widget_class, "win.open-file", "s", open_file_action);
  gtk_widget_class_install_action (widget_class, "win.save-copy-to", "s", save_copy_to_action);
  gtk_widget_class_install_action (widget_class, "win.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_install_action (widget_class, "win.forget-recent", "s", forget_recent_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, show_shortcuts_action);
}

static void
trellis_window_class_init (TrellisWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = trellis_window_dispose;
  object_class->finalize = trellis_window_finalize;
  object_class->get_property = trellis_window_get_property;
  widget_class->show = trellis_window_show;
  GTK_WINDOW_CLASS (klass)->close_request = trellis_window_close_request;

  properties[PROP_STUDY] =
    g_param_spec_object ("study", NULL, NULL, TRELLIS_TYPE_STUDY,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Whether a study is being opened or copied in this window. */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TRELLIS_TYPE_STUDY_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/trellis/Trellis/trellis-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TrellisWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TrellisWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, TrellisWindow, study_view);
  gtk_widget_class_bind_template_callback (widget_class, on_toast);

  install_actions (widget_class);
  trellis_participant_transfer_install_actions (widget_class);
  trellis_response_transfer_install_actions (widget_class);
}

static void
trellis_window_init (TrellisWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self, "notify::application", G_CALLBACK (on_application_set), NULL);
  update_actions (self);
}
