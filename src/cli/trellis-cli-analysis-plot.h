/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "trellis-analysis.h"
#include "trellis-analysis-figure.h"
#include "trellis-study.h"

G_BEGIN_DECLS

/* One instrument read from a study and analysed, with its before-and-after
 * plot filled in: what `trellis-cli plot --kind before-after` draws and what
 * each section of `trellis-cli report` shows. */
typedef struct
{
  char                     *code;
  char                     *label;          /* the instrument's name for people */
  TrellisScoreTable        *table;
  TrellisAnalysis          *analysis;       /* NULL when there is no model … */
  GError                   *no_model;       /* … and this says why */
  const TrellisDescriptives *descriptives;  /* the analysis's, or computed */
  TrellisDescriptives      *computed;       /* when there is no analysis */
  double                    scale_min;      /* the range the score can take, */
  double                    scale_max;      /* NaN when the instrument does not say */
  TrellisAnalysisFigure    *figure;
} TrellisCliAnalysisPlot;

TrellisCliAnalysisPlot *trellis_cli_analysis_plot_load (TrellisStudy            *study,
                                                        const char              *instrument_code,
                                                        gboolean                 by_cohort,
                                                        GError                 **error);
void                    trellis_cli_analysis_plot_free (TrellisCliAnalysisPlot  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrellisCliAnalysisPlot, trellis_cli_analysis_plot_free)

G_END_DECLS
