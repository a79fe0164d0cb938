/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "trellis-design.h"
#include "trellis-score-table.h"

G_BEGIN_DECLS

/* The random-intercept model y = Xβ + b_participant + e reduced to its
 * sufficient statistics in one pass over the scores (lmm-notes.md §1.3):
 * Cov(y_i) = σ²(I + γ11') depends on participant i only through their number
 * of scores n, so X'V⁻¹X, X'V⁻¹y and y'V⁻¹y need, besides X'X, X'y and y'y,
 * only per n the sums of u u', u s and s² (u = X_i'1, s = the sum of their
 * scores). Each evaluation of the REML criterion then costs O(K p² + p³),
 * whatever the number of scores. Sums are long double, and y is centred
 * on its mean first, so that q − b'β does not cancel away its digits. */
typedef struct
{
  guint p;                 /* design columns */
  guint max_size;          /* the most scores any participant has */
  guint n_observations;    /* N */
  guint n_groups;          /* M: participants with at least one score */
  double y_shift;          /* subtracted from every score; 0 without an intercept */
  gboolean constant;       /* every score the same */

  long double *xtx;        /* p × p */
  long double *xty;        /* p */
  long double yty;
  long double *count;      /* per size n = 0 … max_size */
  long double *uu;         /* per size, p × p */
  long double *us;         /* per size, p */
  long double *ss;         /* per size */

  /* Workspace of the evaluations. */
  long double *a;          /* p × p: A(γ), then its Cholesky factor */
  long double *b;          /* p */
  long double *z;          /* p */
} TrellisRemlStats;

TrellisRemlStats *trellis_reml_stats_new     (const TrellisScoreTable *table,
                                              const TrellisDesign     *design);
void              trellis_reml_stats_free    (TrellisRemlStats        *self);

/* The pieces at θ (γ = θ²): FALSE when A(γ) is not positive definite, that
 * is, when the design's columns are not linearly independent. */
typedef struct
{
  long double logdet_v;    /* log det V/σ² */
  long double logdet_a;    /* log det A */
  long double r2;          /* generalised residual sum of squares */
} TrellisRemlPieces;

gboolean          trellis_reml_evaluate      (TrellisRemlStats        *self,
                                              double                   theta,
                                              TrellisRemlPieces       *pieces);
/* β̂ (of the centred scores) and A⁻¹ at the θ last evaluated. */
void              trellis_reml_solution      (TrellisRemlStats        *self,
                                              double                  *beta,
                                              double                  *a_inverse);
/* lme4's "REML criterion", profiled over σ (lmm-notes.md §1.5), or +∞
 * where A is singular. */
double            trellis_reml_criterion     (TrellisRemlStats        *self,
                                              double                   theta);
/* The REML deviance in (θ, σ), not profiled: lmerTest's devfun_vp. */
double            trellis_reml_deviance      (TrellisRemlStats        *self,
                                              double                   theta,
                                              double                   sigma);
/* Σ_n dc_n/dθ U_n, with c_n = θ²/(1 + nθ²): how A(θ²) changes with θ. */
void              trellis_reml_da_dtheta     (const TrellisRemlStats  *self,
                                              double                   theta,
                                              double                  *s);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrellisRemlStats, trellis_reml_stats_free)

G_END_DECLS
