/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "trellis-chart-view.h"
#include "trellis-participant-flow.h"
#include "trellis-retention-counts.h"

G_BEGIN_DECLS

/* The study's own charts on the Analysis page: the participant flow and
 * retention, each drawn from counts read elsewhere (in a worker), by cohort
 * or for everyone. Passing NULL clears the chart. Takes the counts. */
void trellis_analysis_show_flow      (TrellisChartView       *view,
                                      TrellisParticipantFlow *flow,
                                      gboolean                by_cohort);
void trellis_analysis_show_retention (TrellisChartView       *view,
                                      TrellisRetention       *retention,
                                      gboolean                by_cohort);

G_END_DECLS
