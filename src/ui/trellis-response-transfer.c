/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "trellis-application.h"
#include "trellis-export-dialog.h"
#include "trellis-import-dialog.h"
#include "trellis-participant-transfer.h"
#include "trellis-response-transfer.h"
#include "trellis-study-transfer.h"

/* Questionnaire responses from and to CSV files in the window. Like the
 * register's transfers (trellis-participant-transfer.c) they run in a worker
 * thread through the study's own connection, with the window busy meanwhile.
 *
 * An export writes the long form, which imports back as it is and suits most
 * analysis tools, or the wide form, a row per timepoint, as the export
 * dialog asks (remembered for the next time as a UI preference); and beside
 * it a codebook naming every variable, its range, labels and scoring, so the
 * file explains itself when it is shared. */

/* ---- Import ---- */

static void
show_import_dialog (TrellisWindow *window,
                    GFile         *file)
{
  TrellisImportDialog *dialog = trellis_import_dialog_new (window, TRELLIS_IMPORT_KIND_RESPONSES, file);

  g_signal_connect_object (dialog, "toast", G_CALLBACK (trellis_window_show_toast), window, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  trellis_study_choose_csv (TRELLIS_WINDOW (widget), _("Import Responses"), GTK_FILE_CHOOSER_ACTION_OPEN,
                            _("_Open"), NULL, show_import_dialog);
}

static void
import_from_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_path (g_variant_get_string (parameter, NULL));

  if (trellis_window_get_study (TRELLIS_WINDOW (widget)) != NULL)
    show_import_dialog (TRELLIS_WINDOW (widget), file);
}

/* ---- Export ---- */

/* “answers.csv” → “answers codebook.csv”, in the same folder. A file
 * chosen to save to always has a folder. */
static GFile *
codebook_for (GFile *file)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *base = g_file_get_basename (file);
  g_autofree char *name = NULL;
  size_t length = strlen (base);

  g_assert (parent != NULL);
  if (length > 4 && g_ascii_strcasecmp (base + length - 4, ".csv") == 0)
    base[length - 4] = '\0';
  /* Translators: the file name of the codebook written beside a response export; %s is the export's name. */
  name = g_strdup_printf (_("%s codebook.csv"), base);
  return g_file_get_child (parent, name);
}

static void
show_export_error (TrellisWindow *window,
                   const GError  *error)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (window), _("Could Not Export Responses"),
                                              error->message);

  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* What an export needs when it comes back: the work, and the files' names to say where it went. */
typedef struct
{
  TrellisStudyWork *work;
  char *name;
  char *codebook_name;
} ExportOp;

static void
export_op_free (ExportOp *op)
{
  trellis_study_work_free (op->work);
  g_free (op->name);
  g_free (op->codebook_name);
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
  TrellisResponseExportResult exported;

  trellis_study_export_responses_finish (TRELLIS_STUDY (source), result, &exported, &error);
  window = trellis_study_work_end (op->work);
  /* Only closing the window cancels an export, and then nobody is left to tell. */
  if (window == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    {
      show_export_error (window, error);
      return;
    }
  /* Translators: a toast; %u counts timepoints, the first %s is the export's file name, the second its codebook's. */
  message = g_strdup_printf (ngettext ("Exported the answers of %u timepoint to “%s”, described in “%s”",
                                       "Exported the answers of %u timepoints to “%s”, described in “%s”",
                                       exported.n_visits),
                             exported.n_visits, op->name, op->codebook_name);
  trellis_window_show_toast (window, message);
}

static char *
display_basename (GFile *file)
{
  g_autofree char *base = g_file_get_basename (file);

  return g_filename_display_name (base);
}

static void
run_export (TrellisWindow       *window,
            GFile               *file,
            TrellisResponseForm  form)
{
  TrellisStudyWork *work = trellis_study_work_begin (window);
  g_autoptr(GFile) codebook = NULL;
  ExportOp *op;

  if (work == NULL)
    return;
  codebook = codebook_for (file);
  op = g_new0 (ExportOp, 1);
  op->work = work;
  op->name = display_basename (file);
  op->codebook_name = display_basename (codebook);
  trellis_study_export_responses_async (trellis_window_get_study (window), file, form,
                                        codebook, trellis_study_work_get_cancellable (work), on_exported, op);
}

static GSettings *
settings_of (TrellisWindow *window)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (window));

  return app != NULL ? trellis_application_get_settings (TRELLIS_APPLICATION (app)) : NULL;
}

static void
on_export_response (TrellisExportDialog *dialog,
                    const char          *response,
                    TrellisWindow       *window)
{
  TrellisResponseForm form = trellis_export_dialog_get_form (dialog);
  GSettings *settings = settings_of (window);

  if (g_strcmp0 (response, "export") != 0 || trellis_window_get_study (window) == NULL)
    return;
  if (settings != NULL)
    g_settings_set_string (settings, "response-export-form", trellis_response_form_to_string (form));
  run_export (window, trellis_export_dialog_get_file (dialog), form);
}

/* The form offered is the one used last. */
static void
show_export_options (TrellisWindow *window,
                     GFile         *file)
{
  GSettings *settings = settings_of (window);
  g_autofree char *last = settings != NULL ? g_settings_get_string (settings, "response-export-form") : NULL;
  TrellisResponseForm form = TRELLIS_RESPONSE_FORM_LONG;
  g_autoptr(GFile) codebook = codebook_for (file);
  TrellisExportDialog *dialog;

  if (last != NULL && !trellis_response_form_from_string (last, &form))
    form = TRELLIS_RESPONSE_FORM_LONG;
  dialog = trellis_export_dialog_new_for_responses (GTK_WINDOW (window), file, codebook, form);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_export_response), window, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static char *
suggested_export_name (TrellisStudy *study)
{
  g_autofree char *title = trellis_study_title_for_file_name (study);

  /* Translators: the suggested file name of a response export; %s is the study's title. */
  return g_strdup_printf (_("%s responses.csv"), title);
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
  trellis_study_choose_csv (window, _("Export Responses"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), name,
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
trellis_response_transfer_install_actions (GtkWidgetClass *window_class)
{
  gtk_widget_class_install_action (window_class, TRELLIS_ACTION_IMPORT_RESPONSES, NULL, import_action);
  gtk_widget_class_install_action (window_class, TRELLIS_ACTION_IMPORT_RESPONSES_FROM, "s", import_from_action);
  gtk_widget_class_install_action (window_class, TRELLIS_ACTION_EXPORT_RESPONSES, NULL, export_action);
  gtk_widget_class_install_action (window_class, TRELLIS_ACTION_EXPORT_RESPONSES_TO, "s", export_to_action);
}

/* STUDY is the window's study when it can start work on it, else NULL. An
 * import writes, so it needs a study that can be changed; an export only
 * reads, so a read-only study can be exported too. */
void
trellis_response_transfer_update_actions (GtkWidget    *window,
                                          TrellisStudy *study)
{
  gboolean can_write = study != NULL && !trellis_study_is_read_only (study);

  gtk_widget_action_set_enabled (window, TRELLIS_ACTION_IMPORT_RESPONSES, can_write);
  gtk_widget_action_set_enabled (window, TRELLIS_ACTION_IMPORT_RESPONSES_FROM, can_write);
  gtk_widget_action_set_enabled (window, TRELLIS_ACTION_EXPORT_RESPONSES, study != NULL);
  gtk_widget_action_set_enabled (window, TRELLIS_ACTION_EXPORT_RESPONSES_TO, study != NULL);
}
