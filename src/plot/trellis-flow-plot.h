/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "trellis-participant-flow.h"
#include "trellis-plot-style.h"

G_BEGIN_DECLS

/* The participant flow as a CONSORT-style diagram: the main flow down the
 * left column, each step's side box (who did not go on, and why) to its
 * right with an arrow across, and the interview sub-study, when there is
 * one, as a branch in two more columns, leaving the main flow's arrow below
 * the step it was drawn at. Every box shows its label, its count and its
 * reasons that somebody has; by cohort, a compact line of counts per cohort
 * too, with the cohorts lettered in a key at the top.
 *
 * The drawing is laid out for the width it is given (text wraps) and scaled
 * down when the height is too small for it, so it always fits inside
 * 0,0–width,height. Sizes are cairo user units (pixels for a widget). */

typedef struct
{
  gboolean by_cohort;
} TrellisFlowPlotOptions;

typedef enum
{
  TRELLIS_FLOW_PLOT_MAIN,
  TRELLIS_FLOW_PLOT_SIDE,
  TRELLIS_FLOW_PLOT_BRANCH,
  TRELLIS_FLOW_PLOT_BRANCH_SIDE,
} TrellisFlowPlotColumn;

/* Where one box is drawn, for hit-testing (tooltips) and tests. */
typedef struct
{
  const char            *key;      /* the box's key in the flow; valid while the flow is */
  TrellisFlowPlotColumn  column;
  guint                  row;
  double                 x;
  double                 y;
  double                 width;
  double                 height;
} TrellisFlowPlotBox;

void        trellis_flow_plot_draw                 (cairo_t                      *cr,
                                                    double                        width,
                                                    double                        height,
                                                    const TrellisParticipantFlow *flow,
                                                    const TrellisFlowPlotOptions *options,
                                                    const TrellisPlotStyle       *style);
void        trellis_flow_plot_get_preferred_size   (const TrellisParticipantFlow *flow,
                                                    const TrellisFlowPlotOptions *options,
                                                    const TrellisPlotStyle       *style,
                                                    double                       *width,
                                                    double                       *height);
double      trellis_flow_plot_get_preferred_height (const TrellisParticipantFlow *flow,
                                                    const TrellisFlowPlotOptions *options,
                                                    const TrellisPlotStyle       *style,
                                                    double                        width);
GArray     *trellis_flow_plot_get_boxes            (const TrellisParticipantFlow *flow,
                                                    const TrellisFlowPlotOptions *options,
                                                    const TrellisPlotStyle       *style,
                                                    double                        width,
                                                    double                        height);
const char *trellis_flow_plot_box_at               (const TrellisParticipantFlow *flow,
                                                    const TrellisFlowPlotOptions *options,
                                                    const TrellisPlotStyle       *style,
                                                    double                        width,
                                                    double                        height,
                                                    double                        x,
                                                    double                        y);

G_END_DECLS
