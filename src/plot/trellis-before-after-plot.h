/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "trellis-plot-style.h"
#include "trellis-trajectory-raster.h"

G_BEGIN_DECLS

/* The before-and-after plot of one instrument: timepoints along x, the mean
 * and its 95% confidence interval at each, the number of people under each,
 * optionally one series per cohort, the change from baseline written above
 * each later timepoint, and faint individual trajectories behind it all.
 *
 * The caller fills in plain structs (the statistics are computed elsewhere),
 * so the plot layer knows nothing of models or study files. */

/* One mean. What is undefined is NaN: the mean when n = 0 (the timepoint is
 * then skipped and "n = 0" shown), the interval when n < 2. */
typedef struct
{
  guint  n;
  double mean;
  double ci_low;
  double ci_high;
} TrellisBeforeAfterPoint;

typedef struct
{
  const char                    *name;    /* in the legend; unused for a lone series */
  const TrellisBeforeAfterPoint *points;  /* one per timepoint */
} TrellisBeforeAfterSeries;

typedef struct
{
  const char                     *title;
  const char                     *value_label;       /* the y axis, e.g. "Confidence score" */
  guint                           n_timepoints;
  const char *const              *timepoint_codes;   /* "T1", …: drawn in bold */
  const char *const              *timepoint_labels;  /* "Baseline", …; NULL for none */
  guint                           n_series;
  const TrellisBeforeAfterSeries *series;
  const char *const              *annotations;       /* one per timepoint or NULL; NULL entries for none */
  double                          value_min;         /* the range the axis must cover at least, */
  double                          value_max;         /* e.g. the trajectories'; NaN for the means' only */
  cairo_surface_t                *trajectories;      /* NULL, or a TrellisTrajectoryRaster image
                                                      * covering the plot area, painted under the means */
} TrellisBeforeAfterPlot;

/* Where the plot puts things, in the user units it was drawn in. */
typedef struct
{
  double area_x;          /* the plot area: timepoints and values map into it */
  double area_y;
  double area_width;
  double area_height;
  double value_min;       /* the values at the area's bottom and top edges */
  double value_max;
  guint  n_timepoints;
  guint  n_series;
  double series_spacing;  /* how far apart a timepoint's series are drawn */
  double hit_radius;      /* how near the pointer must come to a mean */
} TrellisBeforeAfterGeometry;

void     trellis_before_after_plot_draw     (cairo_t                          *cr,
                                             double                            width,
                                             double                            height,
                                             const TrellisBeforeAfterPlot     *plot,
                                             const TrellisPlotStyle           *style);
void     trellis_before_after_plot_layout   (const TrellisBeforeAfterPlot     *plot,
                                             double                            width,
                                             double                            height,
                                             const TrellisPlotStyle           *style,
                                             TrellisBeforeAfterGeometry       *geometry);
gboolean trellis_before_after_plot_hit_test (const TrellisBeforeAfterPlot     *plot,
                                             const TrellisBeforeAfterGeometry *geometry,
                                             double                            x,
                                             double                            y,
                                             guint                            *series,
                                             guint                            *timepoint);

/* The trajectories' raster for this geometry, @scale device pixels per unit,
 * in the style's foreground colour: what the widget renders in a worker. */
void     trellis_before_after_plot_raster_options  (const TrellisBeforeAfterGeometry *geometry,
                                                    const TrellisPlotStyle           *style,
                                                    double                            scale,
                                                    TrellisTrajectoryRasterOptions   *options);
/* Draws @plot with @table's trajectories rendered there and then, at the
 * resolution of @cr's target: for exports and reports, drawn once. */
void     trellis_before_after_plot_draw_with_table (cairo_t                          *cr,
                                                    double                            width,
                                                    double                            height,
                                                    const TrellisBeforeAfterPlot     *plot,
                                                    const TrellisScoreTable          *table,
                                                    const TrellisPlotStyle           *style);

double   trellis_before_after_geometry_timepoint_x (const TrellisBeforeAfterGeometry *geometry,
                                                    guint                             timepoint);
double   trellis_before_after_geometry_point_x     (const TrellisBeforeAfterGeometry *geometry,
                                                    guint                             series,
                                                    guint                             timepoint);
double   trellis_before_after_geometry_value_y     (const TrellisBeforeAfterGeometry *geometry,
                                                    double                            value);

G_END_DECLS
