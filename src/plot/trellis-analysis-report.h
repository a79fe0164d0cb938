/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "trellis-analysis.h"
#include "trellis-descriptives.h"
#include "trellis-participant-flow.h"
#include "trellis-score-table.h"

G_BEGIN_DECLS

/* The PI's analysis report of a study, from data already read: a title page
 * with the participant-flow diagram, then for each instrument with scores
 * its before-and-after plot, descriptives, fixed effects, Cohen's d and
 * results paragraph. `trellis-cli report` and the Analysis page's Export
 * Report… both write it; trellis-report.c lays the pages out. */

typedef struct
{
  const char                *code;
  const char                *label;         /* the instrument's name; NULL or "" for the code */
  const TrellisScoreTable   *scores;        /* left out of the report when nobody has one */
  const TrellisDescriptives *descriptives;
  const TrellisAnalysis     *analysis;      /* NULL when there is no model … */
  const char                *problem;       /* … and this says why */
  double                     scale_min;     /* the range the score can take, */
  double                     scale_max;     /* NaN when not known */
} TrellisAnalysisReportInstrument;

typedef struct
{
  const char                            *title;          /* the study's */
  GDateTime                             *date;           /* the report is made on; NULL for now */
  const TrellisParticipantFlow          *flow;           /* NULL to leave the diagram out */
  gboolean                               by_cohort;      /* a line per cohort, descriptives per cohort */
  guint                                  n_instruments;
  const TrellisAnalysisReportInstrument *instruments;
} TrellisAnalysisReportInput;

gboolean trellis_analysis_report_write_pdf (const TrellisAnalysisReportInput  *input,
                                            const char                        *path,
                                            guint                             *n_pages,
                                            GError                           **error);

G_END_DECLS
