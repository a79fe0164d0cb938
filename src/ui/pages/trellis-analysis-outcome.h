/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <gtk/gtk.h>

#include "trellis-analysis.h"
#include "trellis-chart-view.h"
#include "trellis-score-table.h"

G_BEGIN_DECLS

/* One instrument's scores and what the Analysis page shows of them: the
 * descriptives always, the analysis when there is a model to fit (else the
 * reason, in words). Made in a worker thread and shared with the raster
 * renderer's, hence reference counted; immutable once made. */
typedef struct
{
  TrellisScoreTable   *scores;
  TrellisDescriptives *descriptives;
  TrellisAnalysis     *analysis;     /* NULL: see problem */
  char                *problem;
  char                *title;        /* the instrument's label */
} TrellisOutcome;

TrellisOutcome *trellis_outcome_compute (TrellisScoreTable *scores,
                                         const char        *title);
TrellisOutcome *trellis_outcome_ref     (TrellisOutcome    *self);
void            trellis_outcome_unref   (TrellisOutcome    *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrellisOutcome, trellis_outcome_unref)

/* The before-and-after chart on screen: draws @outcome in @view, renders the
 * trajectories behind it in a worker whenever the plot area changes size,
 * and answers the view's tooltips with the nearest mean's n, mean and CI. */
typedef struct _TrellisOutcomeChart TrellisOutcomeChart;

TrellisOutcomeChart *trellis_outcome_chart_new          (TrellisChartView    *view);
void                 trellis_outcome_chart_set_outcome  (TrellisOutcomeChart *self,
                                                         TrellisOutcome      *outcome,
                                                         gboolean             by_cohort);
gboolean             trellis_outcome_chart_query_tooltip (TrellisOutcomeChart *self,
                                                          double               x,
                                                          double               y,
                                                          GtkTooltip          *tooltip);
/* Whether trajectories are still being rendered for the chart on screen. */
gboolean             trellis_outcome_chart_get_busy     (TrellisOutcomeChart *self);
/* Writes the chart to a PNG (at @dpi), SVG or PDF file, by its extension. */
gboolean             trellis_outcome_chart_write        (TrellisOutcomeChart *self,
                                                         const char          *path,
                                                         int                  width,
                                                         int                  height,
                                                         int                  dpi,
                                                         GError             **error);

G_END_DECLS
