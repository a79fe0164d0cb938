/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include "trellis-plot-style.h"

G_BEGIN_DECLS

/* Text as every chart and the report set it: Pango contexts with unhinted
 * metrics, layouts in the style's font, their sizes, and drawing them. */

PangoContext *trellis_plot_text_create_context         (cairo_t                *cr);
PangoContext *trellis_plot_text_create_measure_context (void);
PangoLayout  *trellis_plot_text_new_layout             (PangoContext           *context,
                                                        const TrellisPlotStyle *style,
                                                        double                  size,
                                                        PangoWeight             weight,
                                                        const char             *text,
                                                        double                  wrap_width);
void          trellis_plot_text_get_size               (PangoLayout            *layout,
                                                        double                 *width,
                                                        double                 *height);
void          trellis_plot_text_show                   (cairo_t                *cr,
                                                        PangoLayout            *layout,
                                                        double                  x,
                                                        double                  y);
void          trellis_plot_text_show_centred           (cairo_t                *cr,
                                                        PangoLayout            *layout,
                                                        double                  x,
                                                        double                  y);
void          trellis_plot_text_paint                  (cairo_t                *cr,
                                                        PangoLayout            *layout,
                                                        double                  x,
                                                        double                  y,
                                                        const double            rgba[4],
                                                        double                  alpha);
void          trellis_plot_text_draw_message           (cairo_t                *cr,
                                                        PangoContext           *context,
                                                        double                  width,
                                                        double                  height,
                                                        const TrellisPlotStyle *style,
                                                        const char             *message);

G_END_DECLS
