/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "trellis-analysis-outcome.h"

G_BEGIN_DECLS

/* The Analysis page's tables, laid out in GtkGrids: a handful of rows each,
 * so plain labels (selectable, to copy a number) rather than a list view. */
void trellis_analysis_tables_fill_fixed_effects (GtkGrid               *grid,
                                                 const TrellisAnalysis *analysis);
void trellis_analysis_tables_fill_effect_sizes  (GtkGrid               *grid,
                                                 const TrellisAnalysis *analysis);
void trellis_analysis_tables_fill_descriptives  (GtkGrid               *grid,
                                                 TrellisOutcome        *outcome,
                                                 gboolean               by_cohort);
/* "Participant variance 0.31 (SD 0.56) · residual …": the model's other numbers. */
char *trellis_analysis_tables_describe_model    (const TrellisAnalysis *analysis);
/* What each kind of d means. */
char *trellis_analysis_tables_describe_effects  (void);

G_END_DECLS
