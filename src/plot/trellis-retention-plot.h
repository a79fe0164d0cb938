/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "trellis-plot-style.h"
#include "trellis-retention-counts.h"

G_BEGIN_DECLS

/* Retention as stacked bars: one bar per timepoint, the share of those
 * recruited who completed it at the bottom, then those still due, those
 * who missed it or were lost, those who withdrew, and those not yet due, in
 * colour-blind-safe colours (Okabe and Ito) with a legend. One panel for
 * all cohorts together, or, by cohort, that panel first and then one small
 * panel per cohort on a shared 0–100% scale. Each bar is labelled with how
 * many completed; each panel's title says how many were recruited. */

typedef struct
{
  gboolean by_cohort;
} TrellisRetentionPlotOptions;

/* The parts of a bar, bottom to top. */
typedef enum
{
  TRELLIS_RETENTION_COMPLETED,
  TRELLIS_RETENTION_DUE,          /* due or overdue */
  TRELLIS_RETENTION_MISSED,       /* missed or lost to follow-up */
  TRELLIS_RETENTION_WITHDRAWN,
  TRELLIS_RETENTION_NOT_YET_DUE,
} TrellisRetentionSegment;

#define TRELLIS_RETENTION_N_SEGMENTS 5

/* Where one bar is drawn: segment s spans top[s]–bottom[s] (equal when
 * nobody is in it). */
typedef struct
{
  double x;
  double width;
  double top[TRELLIS_RETENTION_N_SEGMENTS];
  double bottom[TRELLIS_RETENTION_N_SEGMENTS];
} TrellisRetentionPlotBar;

void     trellis_retention_plot_draw               (cairo_t                           *cr,
                                                    double                             width,
                                                    double                             height,
                                                    const TrellisRetention            *retention,
                                                    const TrellisRetentionPlotOptions *options,
                                                    const TrellisPlotStyle            *style);
void     trellis_retention_plot_get_preferred_size (const TrellisRetention            *retention,
                                                    const TrellisRetentionPlotOptions *options,
                                                    const TrellisPlotStyle            *style,
                                                    double                            *width,
                                                    double                            *height);
guint    trellis_retention_plot_get_n_panels       (const TrellisRetention            *retention,
                                                    const TrellisRetentionPlotOptions *options);
guint    trellis_retention_plot_panel_cohort       (const TrellisRetention            *retention,
                                                    const TrellisRetentionPlotOptions *options,
                                                    guint                              panel);
gboolean trellis_retention_plot_get_bar            (const TrellisRetention            *retention,
                                                    const TrellisRetentionPlotOptions *options,
                                                    const TrellisPlotStyle            *style,
                                                    double                             width,
                                                    double                             height,
                                                    guint                              panel,
                                                    guint                              timepoint,
                                                    TrellisRetentionPlotBar           *bar);
void     trellis_retention_plot_segment_colour     (const TrellisPlotStyle            *style,
                                                    TrellisRetentionSegment            segment,
                                                    double                             rgba[4]);

G_END_DECLS
