/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "trellis-plot-style.h"
#include "trellis-timepoint.h"

G_BEGIN_DECLS

/* The study's timepoint plan as a timeline: a day axis counted from baseline and
 * one lane per timepoint, in position order from top to bottom, showing its
 * window as a bar and its target day as a dot. Sizes are in cairo user units
 * (pixels for a widget); everything drawn stays inside 0,0–width,height. */
void   trellis_plan_plot_draw                 (cairo_t                 *cr,
                                               double                   width,
                                               double                   height,
                                               TrellisTimepoint *const *timepoints,
                                               guint                    n_timepoints,
                                               const TrellisPlotStyle  *style);
double trellis_plan_plot_get_preferred_height (guint                    n_timepoints,
                                               const TrellisPlotStyle  *style);

/* Where trellis_plan_plot_draw() puts things, for hit-testing (tooltips) and
 * tests. The x of a day depends on the labels' width, hence the timepoints and
 * style; the y of a lane's centre only on how many lanes there are. */
double trellis_plan_plot_day_to_x             (double                   width,
                                               TrellisTimepoint *const *timepoints,
                                               guint                    n_timepoints,
                                               const TrellisPlotStyle  *style,
                                               int                      day);
double trellis_plan_plot_lane_to_y            (double                   height,
                                               guint                    n_timepoints,
                                               const TrellisPlotStyle  *style,
                                               guint                    lane);

G_END_DECLS
