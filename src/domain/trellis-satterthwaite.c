/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include <gsl/gsl_eigen.h>

#include "trellis-satterthwaite.h"

/* The Hessian of the deviance by central differences, with the steps that
 * reproduced lmerTest's numDeriv::hessian to 4+ digits in every check. */
static void
deviance_hessian (TrellisRemlStats *stats,
                  const double      x[2],
                  double            h[4])
{
  double step[2] = { 1e-4 * MAX (fabs (x[0]), 1), 1e-4 * MAX (fabs (x[1]), 1) };
  double f0 = trellis_reml_deviance (stats, x[0], x[1]);

  for (guint k = 0; k < 2; k++)
    {
      double up[2] = { x[0], x[1] }, down[2] = { x[0], x[1] };

      up[k] += step[k];
      down[k] -= step[k];
      h[k * 2 + k] = (trellis_reml_deviance (stats, up[0], up[1]) - 2 * f0
                      + trellis_reml_deviance (stats, down[0], down[1])) / (step[k] * step[k]);
    }
  h[1] = h[2] = (trellis_reml_deviance (stats, x[0] + step[0], x[1] + step[1])
                 - trellis_reml_deviance (stats, x[0] + step[0], x[1] - step[1])
                 - trellis_reml_deviance (stats, x[0] - step[0], x[1] + step[1])
                 + trellis_reml_deviance (stats, x[0] - step[0], x[1] - step[1]))
                / (4 * step[0] * step[1]);
}

/* 2 H⁺, keeping only eigenvalues above lmerTest's tolerance: at a boundary
 * fit the θ direction is flat and is left out, as lmerTest does. */
static void
pseudo_inverse_twice (const double h[4],
                      double       covariance[4])
{
  double copy[4] = { h[0], h[1], h[2], h[3] };
  gsl_matrix_view matrix = gsl_matrix_view_array (copy, 2, 2);
  gsl_vector *values = gsl_vector_alloc (2);
  gsl_matrix *vectors = gsl_matrix_alloc (2, 2);
  gsl_eigen_symmv_workspace *workspace = gsl_eigen_symmv_alloc (2);

  gsl_eigen_symmv (&matrix.matrix, values, vectors, workspace);
  for (guint a = 0; a < 4; a++)
    covariance[a] = 0;
  for (guint k = 0; k < 2; k++)
    {
      double lambda = gsl_vector_get (values, k);

      if (!(lambda > 1e-8))
        continue;
      for (guint i = 0; i < 2; i++)
        for (guint j = 0; j < 2; j++)
          covariance[i * 2 + j] += 2 * gsl_matrix_get (vectors, i, k) * gsl_matrix_get (vectors, j, k) / lambda;
    }
  gsl_eigen_symmv_free (workspace);
  gsl_matrix_free (vectors);
  gsl_vector_free (values);
}

void
trellis_satterthwaite_init (TrellisSatterthwaite *self,
                            TrellisRemlStats     *stats,
                            double                theta,
                            double                sigma,
                            double               *a_inverse)
{
  double x[2] = { theta, sigma }, h[4];

  self->p = stats->p;
  self->theta = theta;
  self->sigma = sigma;
  self->a_inverse = a_inverse;
  self->da = g_new (double, stats->p * stats->p);
  trellis_reml_da_dtheta (stats, theta, self->da);
  deviance_hessian (stats, x, h);
  pseudo_inverse_twice (h, self->covariance);
}

void
trellis_satterthwaite_clear (TrellisSatterthwaite *self)
{
  g_clear_pointer (&self->da, g_free);
}

double
trellis_satterthwaite_df (const TrellisSatterthwaite *self,
                          const double               *weights,
                          double                     *variance)
{
  guint p = self->p;
  g_autofree double *w = g_new0 (double, p);   /* A⁻¹ L */
  double lal = 0, lsl = 0, s2 = self->sigma * self->sigma, g[2], v, denominator;

  for (guint i = 0; i < p; i++)
    for (guint j = 0; j < p; j++)
      w[i] += self->a_inverse[i * p + j] * weights[j];
  for (guint i = 0; i < p; i++)
    lal += weights[i] * w[i];
  for (guint i = 0; i < p; i++)
    for (guint j = 0; j < p; j++)
      lsl += w[i] * self->da[i * p + j] * w[j];

  /* d(σ² L'A⁻¹L)/dθ = σ² (A⁻¹L)' S (A⁻¹L), since dA/dθ = −S;
   * d/dσ = 2σ L'A⁻¹L. */
  v = s2 * lal;
  g[0] = s2 * lsl;
  g[1] = 2 * self->sigma * lal;
  denominator = 0;
  for (guint i = 0; i < 2; i++)
    for (guint j = 0; j < 2; j++)
      denominator += g[i] * self->covariance[i * 2 + j] * g[j];
  if (variance != NULL)
    *variance = v;
  return denominator > 0 ? 2 * v * v / denominator : INFINITY;
}
