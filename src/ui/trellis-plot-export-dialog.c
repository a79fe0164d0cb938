/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-plot-export-dialog.h"

/* A journal asks for a figure of a given size and resolution; a slide wants
 * whatever fills it. The dialog asks for both after the file is chosen, since
 * the file's format decides what the numbers mean: a PDF has no resolution. */
struct _TrellisPlotExportDialog
{
  AdwMessageDialog parent_instance;

  GFile *file;

  AdwActionRow *width_row;
  AdwActionRow *height_row;
  AdwActionRow *dpi_row;
  GtkSpinButton *width_spin;
  GtkSpinButton *height_spin;
  GtkSpinButton *dpi_spin;
};

G_DEFINE_FINAL_TYPE (TrellisPlotExportDialog, trellis_plot_export_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
trellis_plot_export_dialog_dispose (GObject *object)
{
  g_clear_object (&TRELLIS_PLOT_EXPORT_DIALOG (object)->file);

  G_OBJECT_CLASS (trellis_plot_export_dialog_parent_class)->dispose (object);
}

static void
trellis_plot_export_dialog_class_init (TrellisPlotExportDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = trellis_plot_export_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/trellis/Trellis/trellis-plot-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TrellisPlotExportDialog, width_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisPlotExportDialog, height_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisPlotExportDialog, dpi_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisPlotExportDialog, width_spin);
  gtk_widget_class_bind_template_child (widget_class, TrellisPlotExportDialog, height_spin);
  gtk_widget_class_bind_template_child (widget_class, TrellisPlotExportDialog, dpi_spin);
}

static void
trellis_plot_export_dialog_init (TrellisPlotExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

static gboolean
has_extension (const char *name,
               const char *extension)
{
  g_autofree char *folded = g_ascii_strdown (name, -1);

  return g_str_has_suffix (folded, extension);
}

TrellisPlotExportDialog *
trellis_plot_export_dialog_new (GtkWindow *parent,
                                GFile     *file,
                                int        width,
                                int        height)
{
  TrellisPlotExportDialog *self;
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;
  gboolean pdf, png;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (TRELLIS_TYPE_PLOT_EXPORT_DIALOG, "transient-for", parent, NULL);
  self->file = g_object_ref (file);
  base = g_file_get_basename (file);
  name = g_filename_display_name (base);
  pdf = has_extension (base, ".pdf");
  png = has_extension (base, ".png");

  /* Translators: %s is the file name the plot is exported to. */
  body = g_strdup_printf (_("The plot is written to “%s”."), name);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);
  gtk_spin_button_set_value (self->width_spin, width);
  gtk_spin_button_set_value (self->height_spin, height);
  /* A PNG is drawn at the PDF's size in points, then rasterised at its
   * resolution; an SVG counts in pixels. */
  if (pdf || png)
    {
      adw_action_row_set_subtitle (self->width_row, _("In points, 72 to the inch"));
      adw_action_row_set_subtitle (self->height_row, _("In points, 72 to the inch"));
    }
  else
    {
      adw_action_row_set_subtitle (self->width_row, _("In pixels"));
      adw_action_row_set_subtitle (self->height_row, _("In pixels"));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->dpi_row), png);
  return self;
}

GFile *
trellis_plot_export_dialog_get_file (TrellisPlotExportDialog *self)
{
  g_return_val_if_fail (TRELLIS_IS_PLOT_EXPORT_DIALOG (self), NULL);
  return self->file;
}

int
trellis_plot_export_dialog_get_width (TrellisPlotExportDialog *self)
{
  g_return_val_if_fail (TRELLIS_IS_PLOT_EXPORT_DIALOG (self), 0);
  return gtk_spin_button_get_value_as_int (self->width_spin);
}

int
trellis_plot_export_dialog_get_height (TrellisPlotExportDialog *self)
{
  g_return_val_if_fail (TRELLIS_IS_PLOT_EXPORT_DIALOG (self), 0);
  return gtk_spin_button_get_value_as_int (self->height_spin);
}

int
trellis_plot_export_dialog_get_dpi (TrellisPlotExportDialog *self)
{
  g_return_val_if_fail (TRELLIS_IS_PLOT_EXPORT_DIALOG (self), 0);
  return gtk_spin_button_get_value_as_int (self->dpi_spin);
}
