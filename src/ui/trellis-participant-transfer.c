/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-export-dialog.h"
#include "trellis-import-dialog.h"
#include "trellis-participant-transfer.h"
#include "trellis-study-transfer.h"

/* The register's CSV import and export from the window. Both run in a worker
 * thread through the study's own connection, which only one thread may use at
 * a time: while they run, the window is busy, so nothing else touches the
 * study, and closing the window cancels them. */

/* ---- Work on the study ---- */

struct _TrellisStudyWork
{
  GWeakRef window;     /* closing or freeing the window must not wait for the work */
  GApplication *app;   /* held until the work is over: quitting must not cut a write short */
  GCancellable *cancellable;
};

/* Starts work on WINDOW's study; NULL if the window is busy, closed or has no study. */
TrellisStudyWork *
trellis_study_work_begin (TrellisWindow *window)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (window));
  GCancellable *cancellable = trellis_window_begin_study_work (window);
  TrellisStudyWork *work;

  if (cancellable == NULL)
    return NULL;
  work = g_new0 (TrellisStudyWork, 1);
  g_weak_ref_init (&work->window, window);
  work->cancellable = g_object_ref (cancellable);
  if (app != NULL)
    {
      work->app = g_object_ref (G_APPLICATION (app));
      g_application_hold (work->app);
    }
  return work;
}

GCancellable *
trellis_study_work_get_cancellable (TrellisStudyWork *work)
{
  return work->cancellable;
}

/* Ends the window's busy state and returns the window, if it is still open:
 * a window that closed meanwhile has nobody left to tell. */
TrellisWindow *
trellis_study_work_end (TrellisStudyWork *work)
{
  g_autoptr(TrellisWindow) window = g_weak_ref_get (&work->window);

  if (window == NULL)
    return NULL;
  trellis_window_end_study_work (window);
  if (trellis_window_get_study (window) == NULL)
    return NULL;
  return g_steal_pointer (&window);
}

void
trellis_study_work_free (TrellisStudyWork *work)
{
  if (work == NULL)
    return;
  if (work->app != NULL)
    {
      g_application_release (work->app);
      g_object_unref (work->app);
    }
  g_weak_ref_clear (&work->window);
  g_clear_object (&work->cancellable);
  g_free (work);
}

/* ---- File choosers ---- */

typedef struct
{
  GWeakRef window;
  TrellisChosenFunc func;
} Chooser;

static void
chooser_free (gpointer  data,
              GClosure *closure)
{
  Chooser *chooser = data;

  g_weak_ref_clear (&chooser->window);
  g_free (chooser);
}

/* The answer goes only to a window that still shows a study. */
static void
on_chooser_response (GtkNativeDialog *dialog,
                     int              response,
                     Chooser         *chooser)
{
  g_autoptr(TrellisWindow) window = g_weak_ref_get (&chooser->window);
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT && window != NULL && trellis_window_get_study (window) != NULL)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  if (file != NULL)
    chooser->func (window, file);
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static GtkFileFilter *
csv_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_filter_add_pattern (filter, "*.CSV");
  return filter;
}

/* Asks for a CSV file to open or save (action) and passes it to func, if
 * the window still shows a study by then. */
void
trellis_study_choose_csv (TrellisWindow        *window,
                          const char           *title,
                          GtkFileChooserAction  action,
                          const char           *accept,
                          const char           *suggested_name,
                          TrellisChosenFunc     func)
{
  GtkFileChooserNative *dialog = gtk_file_chooser_native_new (title, GTK_WINDOW (window), action,
                                                               accept, _("_Cancel"));
  Chooser *chooser = g_new0 (Chooser, 1);

  g_weak_ref_init (&chooser->window, window);
  chooser->func = func;
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), csv_filter ());
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  if (suggested_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), suggested_name);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_chooser_response), chooser, chooser_free, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* ---- Import ---- */

static void
show_import_dialog (TrellisWindow *window,
                    GFile         *file)
{
  TrellisImportDialog *dialog = trellis_import_dialog_new (window, TRELLIS_IMPORT_KIND_PARTICIPANTS, file);

  g_signal_connect_object (dialog, "toast", G_CALLBACK (trellis_window_show_toast), window, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  trellis_study_choose_csv (TRELLIS_WINDOW (widget), _("Import Participants"), GTK_FILE_CHOOSER_ACTION_OPEN,
                            _("_Open"), NULL, show_import_dialog);
}

static void
import_from_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_path (g_variant_get_string (parameter, NULL));

  show_import_dialog (TRELLIS_WINDOW (widget), file);
}

/* ---- Export ---- */

static void
show_export_error (TrellisWindow *window,
                   const GError  *error)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (window), _("Could Not Export Participants"),
                                              error->message);

  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* What an export needs when it comes back: the work, and the file's name to say where it went. */
typedef struct
{
  TrellisStudyWork *work;
  char *name;
} ExportOp;

static void
export_op_free (ExportOp *op)
{
  trellis_study_work_free (op->work);
  g_free (op->name);
  g_free (op);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ExportOp, export_op_free)

static void
on_exported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(ExportOp) op = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisWindow) window = NULL;
  g_autofree char *message = NULL;
  guint n = 0;

  trellis_study_export_participants_finish (TRELLIS_STUDY (source), result, &n, &error);
  window = trellis_study_work_end (op->work);
  /* Only closing the window cancels an export, and then nobody is left to tell. */
  if (window == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    {
      show_export_error (window, error);
      return;
    }
  /* Translators: a toast; %u is how many participants, %s the file's name. */
  message = g_strdup_printf (ngettext ("Exported %u participant to “%s”", "Exported %u participants to “%s”", n),
                             n, op->name);
  trellis_window_show_toast (window, message);
}

static void
run_export (TrellisWindow *window,
            GFile         *file,
            gboolean       identifiable)
{
  TrellisStudyWork *work = trellis_study_work_begin (window);
  g_autofree char *base = NULL;
  ExportOp *op;

  if (work == NULL)
    return;
  base = g_file_get_basename (file);
  op = g_new0 (ExportOp, 1);
  op->work = work;
  op->name = g_filename_display_name (base);
  trellis_study_export_participants_async (trellis_window_get_study (window), file, identifiable,
                                           trellis_study_work_get_cancellable (work), on_exported, op);
}

static void
on_export_response (TrellisExportDialog *dialog,
                    const char          *response,
                    TrellisWindow       *window)
{
  if (g_strcmp0 (response, "export") == 0 && trellis_window_get_study (window) != NULL)
    run_export (window, trellis_export_dialog_get_file (dialog), trellis_export_dialog_get_identifiable (dialog));
}

static void
show_export_options (TrellisWindow *window,
                     GFile         *file)
{
  TrellisStudy *study = trellis_window_get_study (window);
  TrellisExportDialog *dialog = trellis_export_dialog_new (GTK_WINDOW (window), study, file);

  g_signal_connect_object (dialog, "response", G_CALLBACK (on_export_response), window, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The study's title as part of a suggested file name: a file name cannot
 * hold a slash, so one in the title becomes a dash. */
char *
trellis_study_title_for_file_name (TrellisStudy *study)
{
  char *title = g_strdup (trellis_study_get_title (study));

  g_strdelimit (title, "/\\", '-');
  return title;
}

static char *
suggested_export_name (TrellisStudy *study)
{
  g_autofree char *title = trellis_study_title_for_file_name (study);

  /* Translators: the suggested file name of a participant export; %s is the study's title. */
  return g_strdup_printf (_("%s participants.csv"), title);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TrellisWindow *window = TRELLIS_WINDOW (widget);
  g_autofree char *name = NULL;

  if (trellis_window_get_study (window) == NULL)
    return;
  name = suggested_export_name (trellis_window_get_study (window));
  trellis_study_choose_csv (window, _("Export Participants"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), name,
                            show_export_options);
}

static void
export_to_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_path (g_variant_get_string (parameter, NULL));

  if (trellis_window_get_study (TRELLIS_WINDOW (widget)) != NULL)
    show_export_options (TRELLIS_WINDOW (widget), file);
}

/* ---- Actions ---- */

void
trellis_participant_transfer_install_actions (GtkWidgetClass *window_class)
{
  gtk_widget_class_install_action (window_class, TRELLIS_ACTION_IMPORT_PARTICIPANTS, NULL, import_action);
  gtk_widget_class_install_action (window_class, TRELLIS_ACTION_IMPORT_PARTICIPANTS_FROM, "s", import_from_action);
  gtk_widget_class_install_action (window_class, TRELLIS_ACTION_EXPORT_PARTICIPANTS, NULL, export_action);
  gtk_widget_class_install_action (window_class, TRELLIS_ACTION_EXPORT_PARTICIPANTS_TO, "s", export_to_action);
}

/* STUDY is the window's study when it can start work on it, else NULL. An
 * import writes, so it needs a study that can be changed; an export reads,
 * and its options say whether an identifiable one (which writes an audit
 * row) is possible. */
void
trellis_participant_transfer_update_actions (GtkWidget    *window,
                                             TrellisStudy *study)
{
  gboolean can_write = study != NULL && !trellis_study_is_read_only (study);

  gtk_widget_action_set_enabled (window, TRELLIS_ACTION_IMPORT_PARTICIPANTS, can_write);
  gtk_widget_action_set_enabled (window, TRELLIS_ACTION_IMPORT_PARTICIPANTS_FROM, can_write);
  gtk_widget_action_set_enabled (window, TRELLIS_ACTION_EXPORT_PARTICIPANTS, study != NULL);
  gtk_widget_action_set_enabled (window, TRELLIS_ACTION_EXPORT_PARTICIPANTS_TO, study != NULL);
}
