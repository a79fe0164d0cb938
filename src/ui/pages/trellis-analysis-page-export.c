/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "trellis-analysis-format.h"
#include "trellis-analysis-page-private.h"
#include "trellis-analysis-report-export.h"
#include "trellis-plot-export-dialog.h"

/* The Analysis page's actions: Copy the results paragraph, and Export the
 * plot on show, the statistics or the whole report, each after a file
 * chooser; the report is read and written in a worker. */

static void
copy_sentence_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TrellisAnalysisPage *self = TRELLIS_ANALYSIS_PAGE (widget);
  const char *sentence = trellis_analysis_page_get_sentence (self);

  if (sentence == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), sentence);
  trellis_analysis_page_toast (self, _("Results paragraph copied"));
}

static char *
suggested_name (TrellisAnalysisPage *self,
                const char          *what,
                const char          *extension)
{
  TrellisInstrument *instrument = trellis_analysis_page_selected_instrument (self);

  return g_strdup_printf ("%s-%s.%s", instrument != NULL ? trellis_instrument_get_code (instrument) : "study",
                          what, extension);
}

typedef void (*ChosenFunc) (TrellisAnalysisPage *self,
                            GFile               *file);

static void
on_save_chosen (GtkNativeDialog *chooser,
                int              response,
                gpointer         user_data)
{
  TrellisAnalysisPage *self = user_data;
  ChosenFunc chosen = g_object_get_data (G_OBJECT (chooser), "chosen");
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  if (file != NULL)
    chosen (self, file);
  g_object_unref (self);
}

static void
on_report_written (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  guint n_pages = trellis_analysis_report_export_finish (TRELLIS_STUDY (source), result, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, n_pages);
}

static void
choose_save_file (TrellisAnalysisPage *self,
                  const char          *title,
                  const char          *name,
                  ChosenFunc           chosen)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (root),
                                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                                               _("_Export"), _("_Cancel"));

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_object_set_data (G_OBJECT (chooser), "chosen", chosen);
  g_signal_connect (chooser, "response", G_CALLBACK (on_save_chosen), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

gboolean
trellis_analysis_page_export_plot (TrellisAnalysisPage  *self,
                                   GFile                *file,
                                   int                   width,
                                   int                   height,
                                   int                   dpi,
                                   GError              **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (TRELLIS_IS_ANALYSIS_PAGE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (!trellis_analysis_page_has_chart (self))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is no plot to export yet"));
      return FALSE;
    }
  path = g_file_get_path (file);
  /* The before-and-after plot renders its trajectories for the file. */
  if (trellis_analysis_page_visible_chart (self) == self->outcome_chart_view)
    return trellis_outcome_chart_write (self->outcome_chart, path, width, height, dpi, error);
  return trellis_chart_view_write (trellis_analysis_page_visible_chart (self), path, width, height, dpi, error);
}

static void
on_plot_size_chosen (TrellisPlotExportDialog *dialog,
                     const char              *response,
                     gpointer                 user_data)
{
  TrellisAnalysisPage *self = user_data;
  GFile *file = trellis_plot_export_dialog_get_file (dialog);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (g_strcmp0 (response, "export") != 0)
    return;
  if (!trellis_analysis_page_export_plot (self, file, trellis_plot_export_dialog_get_width (dialog),
                                          trellis_plot_export_dialog_get_height (dialog),
                                          trellis_plot_export_dialog_get_dpi (dialog), &error))
    {
      trellis_analysis_page_toast (self, error->message);
      return;
    }
  /* Translators: %s is the file the plot was written to. */
  message = g_strdup_printf (_("Plot exported to “%s”"), g_file_peek_path (file));
  trellis_analysis_page_toast (self, message);
}

static void
export_plot_to (TrellisAnalysisPage *self,
                GFile               *file)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  int width = MAX (gtk_widget_get_width (GTK_WIDGET (trellis_analysis_page_visible_chart (self))), 720);
  int height = MAX (gtk_widget_get_height (GTK_WIDGET (trellis_analysis_page_visible_chart (self))), 400);
  TrellisPlotExportDialog *dialog = trellis_plot_export_dialog_new (GTK_WINDOW (root), file, width, height);

  g_signal_connect_object (dialog, "response", G_CALLBACK (on_plot_size_chosen), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
export_plot_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TrellisAnalysisPage *self = TRELLIS_ANALYSIS_PAGE (widget);
  const char *view = adw_view_stack_get_visible_child_name (self->views);
  g_autofree char *name = g_strcmp0 (view, "outcomes") == 0 ? suggested_name (self, "before-after", "png")
                                                            : g_strdup_printf ("%s.png", view);

  choose_save_file (self, _("Export Plot"), name, export_plot_to);
}

static void
export_statistics_to (TrellisAnalysisPage *self,
                      GFile               *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;

  if (self->outcome == NULL || self->outcome->analysis == NULL)
    return;
  csv = trellis_analysis_format_csv (self->outcome->analysis, TRELLIS_ANALYSIS_FORMAT_DEFAULT);
  if (!g_file_replace_contents (file, csv, strlen (csv), NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                NULL, NULL, &error))
    trellis_analysis_page_toast (self, error->message);
  else
    trellis_analysis_page_toast (self, _("Statistics exported"));
}

static void
export_statistics_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  TrellisAnalysisPage *self = TRELLIS_ANALYSIS_PAGE (widget);
  g_autofree char *name = suggested_name (self, "statistics", "csv");

  choose_save_file (self, _("Export Statistics"), name, export_statistics_to);
}

/**
 * trellis_analysis_page_export_report:
 *
 * Writes the analysis report of the whole study (every instrument, the
 * flow) to @file, a PDF, in the background: what Export Report… does once
 * it has asked where. Instruments are drawn by cohort when the page is.
 */
void
trellis_analysis_page_export_report (TrellisAnalysisPage *self,
                                     GFile               *file,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (TRELLIS_IS_ANALYSIS_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, trellis_analysis_page_export_report);
  if (self->study == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is no study to report on"));
      return;
    }
  trellis_analysis_report_export_async (self->study, file, gtk_toggle_button_get_active (self->cohort_button),
                                        cancellable, on_report_written, g_steal_pointer (&task));
}

/* How many pages were written, or 0 with an error. */
guint
trellis_analysis_page_export_report_finish (TrellisAnalysisPage  *self,
                                            GAsyncResult         *result,
                                            GError              **error)
{
  gssize n_pages;

  g_return_val_if_fail (g_task_is_valid (result, self), 0);

  n_pages = g_task_propagate_int (G_TASK (result), error);
  return n_pages > 0 ? (guint) n_pages : 0;
}

static void
on_report_exported (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  TrellisAnalysisPage *self = TRELLIS_ANALYSIS_PAGE (source);
  g_autoptr(GFile) file = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  trellis_analysis_page_export_report_finish (self, result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->report_writing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "analysis.export-report", self->study != NULL);
  if (error != NULL)
    {
      trellis_analysis_page_toast (self, error->message);
      return;
    }
  /* Translators: %s is the PDF file the report was written to. */
  message = g_strdup_printf (_("Report exported to “%s”"), g_file_peek_path (file));
  trellis_analysis_page_toast (self, message);
}

static void
export_report_to (TrellisAnalysisPage *self,
                  GFile               *file)
{
  if (self->study == NULL)
    return;
  trellis_analysis_page_stop (&self->report_writing);
  self->report_writing = g_cancellable_new ();
  /* One report at a time: the action comes back when it is written. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "analysis.export-report", FALSE);
  trellis_analysis_page_toast (self, _("Writing the report…"));
  trellis_analysis_page_export_report (self, file, self->report_writing, on_report_exported, g_object_ref (file));
}

static void
export_report_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TrellisAnalysisPage *self = TRELLIS_ANALYSIS_PAGE (widget);

  choose_save_file (self, _("Export Report"), "analysis-report.pdf", export_report_to);
}

void
trellis_analysis_page_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "analysis.copy-sentence", NULL, copy_sentence_action);
  gtk_widget_class_install_action (widget_class, "analysis.export-plot", NULL, export_plot_action);
  gtk_widget_class_install_action (widget_class, "analysis.export-statistics", NULL, export_statistics_action);
  gtk_widget_class_install_action (widget_class, "analysis.export-report", NULL, export_report_action);
}
