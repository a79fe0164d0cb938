/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "trellis-descriptives.h"
#include "trellis-effect-size.h"
#include "trellis-mixed-model.h"
#include "trellis-score-table.h"

G_BEGIN_DECLS

/* Everything the analysis of one instrument shows, computed at once from its
 * scores: the descriptives, the mixed model of change from baseline, Cohen's
 * d of each later timepoint, the results paragraph and the plots'
 * annotations. What the CLI prints and the Analysis page shows. Immutable,
 * so it may be made in a worker thread and read anywhere. */
typedef struct _TrellisAnalysis TrellisAnalysis;

/* One timepoint's change from baseline. */
typedef struct
{
  guint                     timepoint;
  const TrellisFixedEffect *effect;      /* NULL at baseline, and where no one has a score */
  /* The default d (TRELLIS_D_POOLED): β over the pooled SD of the observed
   * scores at baseline (n_baseline) and here (n). */
  double                    d;
  double                    pooled_sd;
  guint                     n_baseline;
  guint                     n;
  /* The completers, with both scores: d_z, d_baseline, d_av and r. */
  TrellisPairedChange       paired;
  const char               *annotation;  /* NULL where effect is */
} TrellisTimepointResult;

/* The analysis, or NULL with an error that says in words why there is no
 * model: no one with a baseline score, fewer than two participants, one
 * score each, or a score the same for everyone ("@outcome_name has the same
 * score for everyone: nothing to model"). The descriptives alone are then
 * still to be had from trellis_descriptives_compute (). */
TrellisAnalysis              *trellis_analysis_run                (const TrellisScoreTable *table,
                                                                   const char              *outcome_name,
                                                                   GError                 **error);
void                          trellis_analysis_free               (TrellisAnalysis         *self);

const char                   *trellis_analysis_get_outcome_name   (const TrellisAnalysis   *self);
guint                         trellis_analysis_get_n_timepoints   (const TrellisAnalysis   *self);
const char                   *trellis_analysis_get_timepoint_code (const TrellisAnalysis   *self,
                                                                   guint                    timepoint);
const char                   *trellis_analysis_get_timepoint_label (const TrellisAnalysis  *self,
                                                                    guint                   timepoint);
guint                         trellis_analysis_get_n_cohorts      (const TrellisAnalysis   *self);
const char                   *trellis_analysis_get_cohort_name    (const TrellisAnalysis   *self,
                                                                   guint                    cohort);
/* Participants read, with or without scores. */
guint                         trellis_analysis_get_n_participants (const TrellisAnalysis   *self);

const TrellisDescriptives    *trellis_analysis_get_descriptives   (const TrellisAnalysis   *self);
const TrellisMixedModel      *trellis_analysis_get_model          (const TrellisAnalysis   *self);
/* @timepoint 0 is the baseline, with no effect. */
const TrellisTimepointResult *trellis_analysis_get_timepoint      (const TrellisAnalysis   *self,
                                                                   guint                    timepoint);
/* The results paragraph. */
const char                   *trellis_analysis_get_sentence       (const TrellisAnalysis   *self);
/* "β = 2.43 [2.08–2.79] · d = 1.55 · p < .001", or NULL at baseline and
 * where no one has a score. */
const char                   *trellis_analysis_get_annotation     (const TrellisAnalysis   *self,
                                                                   guint                    timepoint);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrellisAnalysis, trellis_analysis_free)

G_END_DECLS
