/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "trellis-reml-profile.h"

G_BEGIN_DECLS

/* Satterthwaite's degrees of freedom exactly as lmerTest computes them
 * (lmm-notes.md §1.8): the asymptotic covariance of (θ, σ) is twice the
 * Moore–Penrose inverse of the Hessian of the REML deviance, eigenvalues
 * below 1e-8 dropped; Var(β) = σ²A⁻¹ is differentiated analytically. */
typedef struct
{
  guint p;
  double theta;
  double sigma;
  double covariance[4];     /* of (θ, σ), 2 × 2 */
  double *a_inverse;        /* p × p, borrowed */
  double *da;               /* p × p: Σ_n dc_n/dθ U_n */
} TrellisSatterthwaite;

void   trellis_satterthwaite_init  (TrellisSatterthwaite *self,
                                    TrellisRemlStats     *stats,
                                    double                theta,
                                    double                sigma,
                                    double               *a_inverse);
void   trellis_satterthwaite_clear (TrellisSatterthwaite *self);
/* The df of L'β̂, and its variance in @variance. */
double trellis_satterthwaite_df    (const TrellisSatterthwaite *self,
                                    const double               *weights,
                                    double                     *variance);

G_END_DECLS
