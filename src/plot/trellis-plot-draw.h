/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include "trellis-plot-style.h"

G_BEGIN_DECLS

/* The few Cairo steps every chart takes: its frame, colours with an extra
 * alpha, rounded boxes. */

PangoContext *trellis_plot_begin                    (cairo_t                *cr,
                                                     double                  width,
                                                     double                  height,
                                                     const TrellisPlotStyle *style);
void          trellis_plot_end                      (cairo_t                *cr,
                                                     PangoContext           *context);
void          trellis_plot_set_source               (cairo_t                *cr,
                                                     const double            rgba[4],
                                                     double                  alpha);
void          trellis_plot_append_rounded_rectangle (cairo_t                *cr,
                                                     double                  x,
                                                     double                  y,
                                                     double                  width,
                                                     double                  height,
                                                     double                  radius);

G_END_DECLS
