/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "trellis-analysis.h"

G_BEGIN_DECLS

/* An analysis written out, the same for `trellis-cli stats` and the
 * Analysis page's Copy and Export. */
typedef enum
{
  TRELLIS_ANALYSIS_FORMAT_DEFAULT   = 0,
  TRELLIS_ANALYSIS_FORMAT_BY_COHORT = 1 << 0,   /* descriptives per cohort too */
} TrellisAnalysisFormatFlags;

/* For a person: the tables and the paragraph. */
char *trellis_analysis_format_text (const TrellisAnalysis      *self,
                                    TrellisAnalysisFormatFlags  flags);
/* For R or a spreadsheet: term, estimate, se, df, t, p, ci_low, ci_high, one
 * row per term, then the variance components ("var(participant)",
 * "var(residual)") in the estimate column. Full precision, "NA" where a
 * timepoint is not estimable. */
char *trellis_analysis_format_csv  (const TrellisAnalysis      *self,
                                    TrellisAnalysisFormatFlags  flags);
/* Everything, as one JSON object; null where a number is undefined. */
char *trellis_analysis_format_json (const TrellisAnalysis      *self,
                                    TrellisAnalysisFormatFlags  flags);

G_END_DECLS
