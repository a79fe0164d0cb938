/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "trellis-chart-view.h"

G_BEGIN_DECLS

/* Shows the timepoint plan of @timepoints (TrellisTimepoint) in @view as a
 * timeline, following the model's changes, with the plan in words for
 * assistive technologies. NULL shows an empty plan. */
void trellis_plan_chart_show (TrellisChartView *view,
                              GListModel       *timepoints);

G_END_DECLS
