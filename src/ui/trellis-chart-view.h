/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "trellis-plot-style.h"

G_BEGIN_DECLS

#define TRELLIS_TYPE_CHART_VIEW (trellis_chart_view_get_type ())
G_DECLARE_FINAL_TYPE (TrellisChartView, trellis_chart_view, TRELLIS, CHART_VIEW, GtkWidget)

/* Draws the chart into @cr at @width × @height pixels, in @style. */
typedef void   (*TrellisChartDrawFunc)   (cairo_t                *cr,
                                          double                  width,
                                          double                  height,
                                          const TrellisPlotStyle *style,
                                          gpointer                user_data);
/* The height the chart wants at @width. */
typedef double (*TrellisChartHeightFunc) (double                  width,
                                          const TrellisPlotStyle *style,
                                          gpointer                user_data);

GtkWidget *trellis_chart_view_new          (void);
/* @height may be NULL for a chart that takes whatever height it is given. */
void       trellis_chart_view_set_chart    (TrellisChartView       *self,
                                            TrellisChartDrawFunc    draw,
                                            TrellisChartHeightFunc  height,
                                            gpointer                user_data,
                                            GDestroyNotify          destroy);
void       trellis_chart_view_set_summary  (TrellisChartView       *self,
                                            const char             *summary);
const char *trellis_chart_view_get_summary (TrellisChartView       *self);
/* The style the chart is drawn in now: light or dark as the desktop is. */
void       trellis_chart_view_get_style    (TrellisChartView       *self,
                                            TrellisPlotStyle       *style);
/* Writes the chart at @width × @height to a PNG (at @dpi), SVG or PDF file,
 * by its extension, in the light style: files go on paper and white slides. */
gboolean   trellis_chart_view_write        (TrellisChartView       *self,
                                            const char             *path,
                                            int                     width,
                                            int                     height,
                                            int                     dpi,
                                            GError                **error);

G_END_DECLS
