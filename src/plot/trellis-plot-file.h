/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

#define TRELLIS_PLOT_ERROR (trellis_plot_error_quark ())

typedef enum
{
  TRELLIS_PLOT_ERROR_UNKNOWN_FORMAT,
  TRELLIS_PLOT_ERROR_WRITE_FAILED,
} TrellisPlotError;

GQuark trellis_plot_error_quark (void);

/* Draws a chart of @width × @height user units into @cr. */
typedef void (*TrellisPlotDrawFunc) (cairo_t  *cr,
                                     double    width,
                                     double    height,
                                     gpointer  user_data);

/* A PNG's resolution when none is asked for: two pixels per point, crisp
 * on high-density screens and in slides. */
#define TRELLIS_PLOT_FILE_DEFAULT_DPI 144.0

/* Writes a drawing to @path in the format its extension names, ignoring case:
 * .svg and .pdf are vector files of @width × @height (pixels in SVG, points in
 * PDF); a .png is rendered at twice the size, @width × @height at a device
 * scale of 2, so it stays crisp on high-density screens and in slides. */
gboolean trellis_plot_file_write          (const char           *path,
                                           double                width,
                                           double                height,
                                           TrellisPlotDrawFunc   draw,
                                           gpointer              user_data,
                                           GError              **error);
/* The same with a PNG of @dpi dots per inch: @width × @height points
 * (1/72 inch) become @width × @dpi / 72 pixels across, rounded up. The
 * drawing is the same at any resolution, only sharper; SVG and PDF ignore
 * @dpi. */
gboolean trellis_plot_file_write_with_dpi (const char           *path,
                                           double                width,
                                           double                height,
                                           double                dpi,
                                           TrellisPlotDrawFunc   draw,
                                           gpointer              user_data,
                                           GError              **error);

G_END_DECLS
