/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TRELLIS_TYPE_PLOT_EXPORT_DIALOG (trellis_plot_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TrellisPlotExportDialog, trellis_plot_export_dialog, TRELLIS, PLOT_EXPORT_DIALOG,
                      AdwMessageDialog)

/* Asks the size of a plot about to be written to @file: width and height in
 * pixels for a PNG (with its resolution) or an SVG, in points for a PDF.
 * Starts at @width × @height. Answers "export" or "cancel". */
TrellisPlotExportDialog *trellis_plot_export_dialog_new        (GtkWindow               *parent,
                                                                GFile                   *file,
                                                                int                      width,
                                                                int                      height);
GFile                   *trellis_plot_export_dialog_get_file   (TrellisPlotExportDialog *self);
int                      trellis_plot_export_dialog_get_width  (TrellisPlotExportDialog *self);
int                      trellis_plot_export_dialog_get_height (TrellisPlotExportDialog *self);
int                      trellis_plot_export_dialog_get_dpi    (TrellisPlotExportDialog *self);

G_END_DECLS
