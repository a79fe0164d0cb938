/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "trellis-design.h"
#include "trellis-score-table.h"

G_BEGIN_DECLS

/* One fixed effect (or contrast) with its Satterthwaite test, as lmerTest
 * reports it: the CI and p use the t distribution on df degrees of freedom. */
typedef struct
{
  const char *name;     /* the design column's; NULL for a contrast */
  int         timepoint;/* of a timepoint indicator, else -1 */
  double      estimate;
  double      se;
  double      df;
  double      t;
  double      p;        /* two-sided */
  double      ci_low;   /* 95% */
  double      ci_high;
} TrellisFixedEffect;

/* score ~ X β + (1 | participant), fitted by REML: the fixed effects, the two
 * variance components and the likelihood. Immutable. */
typedef struct _TrellisMixedModel TrellisMixedModel;

/* Fits the model, or NULL with a TRELLIS_DOMAIN_ERROR_INVALID error that says
 * why in words for the person who asked (@outcome_name names the scores in
 * it, e.g. "Confidence"; NULL for "The score"): fewer than two participants,
 * no more scores than terms, every score the same, every participant with
 * one score only (as lme4, which cannot tell the two variances apart then),
 * or columns of the design that repeat each other. */
TrellisMixedModel        *trellis_mixed_model_fit                  (const TrellisScoreTable  *table,
                                                                    const TrellisDesign      *design,
                                                                    const char               *outcome_name,
                                                                    GError                  **error);
void                      trellis_mixed_model_free                 (TrellisMixedModel        *self);

guint                     trellis_mixed_model_get_n_terms          (const TrellisMixedModel  *self);
const TrellisFixedEffect *trellis_mixed_model_get_term             (const TrellisMixedModel  *self,
                                                                    guint                     term);
/* The term of @timepoint's change from baseline, or NULL when the design has
 * none (the baseline itself, or a timepoint without data). */
const TrellisFixedEffect *trellis_mixed_model_find_timepoint       (const TrellisMixedModel  *self,
                                                                    guint                     timepoint);
/* Any linear combination L'β (@weights has one weight per term), tested as
 * the terms are. */
void                      trellis_mixed_model_contrast             (const TrellisMixedModel  *self,
                                                                    const double             *weights,
                                                                    TrellisFixedEffect       *result);

guint                     trellis_mixed_model_get_n_observations   (const TrellisMixedModel  *self);
guint                     trellis_mixed_model_get_n_participants   (const TrellisMixedModel  *self);
/* σ_b² (between participants) and σ² (residual); their SDs are the roots. */
double                    trellis_mixed_model_get_participant_variance (const TrellisMixedModel *self);
double                    trellis_mixed_model_get_residual_variance    (const TrellisMixedModel *self);
/* θ = σ_b/σ, lme4's parameter. */
double                    trellis_mixed_model_get_theta            (const TrellisMixedModel  *self);
/* lme4's "REML criterion at convergence" and the REML log-likelihood, its
 * negative half. */
double                    trellis_mixed_model_get_reml_criterion   (const TrellisMixedModel  *self);
double                    trellis_mixed_model_get_reml_log_likelihood (const TrellisMixedModel *self);
/* TRUE when σ_b² is estimated as 0 (lme4's "boundary (singular) fit"): the
 * fixed effects are then those of ordinary least squares. */
gboolean                  trellis_mixed_model_is_singular          (const TrellisMixedModel  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrellisMixedModel, trellis_mixed_model_free)

G_END_DECLS
