/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "trellis-analysis.h"
#include "trellis-before-after-plot.h"
#include "trellis-descriptives.h"
#include "trellis-score-table.h"

G_BEGIN_DECLS

/* One instrument's before-and-after plot filled in from its descriptives
 * and, when there is a model, its change from baseline: the figure the
 * Analysis page, its export, `trellis-cli plot --kind before-after` and the
 * report all draw. It owns the arrays the plot points into; the plot also
 * points into @scores, which must outlive it. */
typedef struct
{
  TrellisBeforeAfterPlot    plot;
  int                      *series_cohorts;  /* per series: a cohort or TRELLIS_DESCRIPTIVES_ALL */

  /* Owned, for the plot to point into. */
  TrellisBeforeAfterPoint  *points;          /* n_series × n_timepoints */
  TrellisBeforeAfterSeries *series;
  char                    **annotations;     /* n_timepoints, NULL where none */
  char                     *title;
  char                     *value_label;
} TrellisAnalysisFigure;

TrellisAnalysisFigure *trellis_analysis_figure_new       (const TrellisScoreTable   *scores,
                                                          const TrellisDescriptives *descriptives,
                                                          const TrellisAnalysis     *analysis,
                                                          const char                *title,
                                                          gboolean                   by_cohort);
void                   trellis_analysis_figure_set_scale (TrellisAnalysisFigure     *self,
                                                          double                     low,
                                                          double                     high);
void                   trellis_analysis_figure_free      (TrellisAnalysisFigure     *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrellisAnalysisFigure, trellis_analysis_figure_free)

G_END_DECLS
