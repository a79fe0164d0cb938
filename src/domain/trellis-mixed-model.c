/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include <glib/gi18n.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_min.h>

#include "trellis-domain-error.h"
#include "trellis-mixed-model.h"
#include "trellis-reml-profile.h"
#include "trellis-satterthwaite.h"

struct _TrellisMixedModel
{
  guint p;
  guint n_observations;
  guint n_participants;
  TrellisFixedEffect *terms;
  char **names;
  double *beta;
  double *a_inverse;
  TrellisSatterthwaite satterthwaite;
  double theta;
  double sigma2;
  double reml_criterion;
  gboolean singular;
};

/* θ values first tried, to bracket the minimum before Brent's method: fine
 * near 0, where a boundary fit has to be told from a small σ_b, and then
 * doubling; the bracket grows upwards while the criterion still falls. */
#define GRID_FINEST  (1.0 / 1024)
#define GRID_START   64.0
#define THETA_LIMIT  1e7

static double
criterion (double  theta,
           void   *data)
{
  return trellis_reml_criterion (data, theta);
}

/* The θ where the criterion is least, after lme4: θ ≥ 0, and exactly 0
 * when the least value on the grid is there (a boundary fit). FALSE when
 * the criterion keeps falling as θ grows, that is, when nothing varies
 * within participants. */
static gboolean
minimise (TrellisRemlStats *stats,
          double           *theta)
{
  g_autoptr(GArray) xs = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) fs = g_array_new (FALSE, FALSE, sizeof (double));
  gsl_function function = { criterion, stats };
  gsl_min_fminimizer *brent;
  guint best = 0;
  double x = 0;

  for (;;)
    {
      double f = criterion (x, stats);

      g_array_append_val (xs, x);
      g_array_append_val (fs, f);
      if (f < g_array_index (fs, double, best))
        best = xs->len - 1;
      x = x == 0 ? GRID_FINEST : 2 * x;
      if (x > GRID_START && best + 1 < xs->len)
        break;
      if (x > THETA_LIMIT)
        return FALSE;
    }
  if (best == 0 || !isfinite (g_array_index (fs, double, best)))
    {
      *theta = 0;
      return isfinite (g_array_index (fs, double, 0));
    }

  brent = gsl_min_fminimizer_alloc (gsl_min_fminimizer_brent);
  gsl_min_fminimizer_set_with_values (brent, &function,
                                      g_array_index (xs, double, best), g_array_index (fs, double, best),
                                      g_array_index (xs, double, best - 1), g_array_index (fs, double, best - 1),
                                      g_array_index (xs, double, best + 1), g_array_index (fs, double, best + 1));
  for (guint iteration = 0; iteration < 200; iteration++)
    {
      if (gsl_min_fminimizer_iterate (brent) != GSL_SUCCESS)
        break;
      if (gsl_min_test_interval (gsl_min_fminimizer_x_lower (brent), gsl_min_fminimizer_x_upper (brent),
                                 1e-12, 1e-10) == GSL_SUCCESS)
        break;
    }
  *theta = gsl_min_fminimizer_x_minimum (brent);
  gsl_min_fminimizer_free (brent);
  return TRUE;
}

static gboolean
check_data (const TrellisRemlStats  *stats,
            const char              *outcome_name,
            GError                 **error)
{
  const char *name = outcome_name != NULL ? outcome_name : _("The score");

  if (stats->n_groups < 2)
    {
      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                   _("%s needs scores from at least two participants for a model (it has %u)"),
                   name, stats->n_groups);
      return FALSE;
    }
  if (stats->constant)
    {
      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                   _("%s has the same score for everyone: nothing to model"), name);
      return FALSE;
    }
  if (stats->n_observations <= stats->p)
    {
      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                   _("%s has %u scores, too few for a model with %u terms"),
                   name, stats->n_observations, stats->p);
      return FALSE;
    }
  if (stats->n_observations == stats->n_groups)
    {
      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                   _("Every participant has only one score of %s, so differences between participants "
                     "cannot be told from changes within them: some need scores at two timepoints or more"),
                   name);
      return FALSE;
    }
  return TRUE;
}

static void
test_effect (const TrellisMixedModel *self,
             const double            *weights,
             TrellisFixedEffect      *effect)
{
  double variance;

  effect->estimate = 0;
  for (guint j = 0; j < self->p; j++)
    effect->estimate += weights[j] * self->beta[j];
  effect->df = trellis_satterthwaite_df (&self->satterthwaite, weights, &variance);
  effect->se = sqrt (variance);
  effect->t = effect->estimate / effect->se;
  /* Beyond ten million df, t is the normal distribution to every printed digit. */
  if (effect->df > 1e7)
    {
      double q = gsl_cdf_ugaussian_Qinv (0.025);

      effect->p = 2 * gsl_cdf_ugaussian_Q (fabs (effect->t));
      effect->ci_low = effect->estimate - q * effect->se;
      effect->ci_high = effect->estimate + q * effect->se;
    }
  else
    {
      double q = gsl_cdf_tdist_Qinv (0.025, effect->df);

      effect->p = 2 * gsl_cdf_tdist_Q (fabs (effect->t), effect->df);
      effect->ci_low = effect->estimate - q * effect->se;
      effect->ci_high = effect->estimate + q * effect->se;
    }
}

static void
set_terms (TrellisMixedModel   *self,
           const TrellisDesign *design,
           double               y_shift)
{
  g_autofree double *weights = g_new0 (double, self->p);

  /* Centring the scores moved the intercept, and only that. */
  for (guint j = 0; j < self->p; j++)
    if (trellis_design_get_kind (design, j) == TRELLIS_DESIGN_INTERCEPT)
      {
        self->beta[j] += y_shift;
        break;
      }
  self->terms = g_new0 (TrellisFixedEffect, self->p);
  self->names = g_new0 (char *, self->p + 1);
  for (guint j = 0; j < self->p; j++)
    {
      self->names[j] = g_strdup (trellis_design_get_name (design, j));
      self->terms[j].name = self->names[j];
      self->terms[j].timepoint = trellis_design_get_timepoint (design, j);
      weights[j] = 1;
      test_effect (self, weights, &self->terms[j]);
      weights[j] = 0;
    }
}

TrellisMixedModel *
trellis_mixed_model_fit (const TrellisScoreTable  *table,
                         const TrellisDesign      *design,
                         const char               *outcome_name,
                         GError                  **error)
{
  g_autoptr(TrellisRemlStats) stats = NULL;
  g_autoptr(TrellisMixedModel) self = NULL;
  TrellisRemlPieces pieces;
  double theta;

  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (design != NULL && trellis_design_get_n_columns (design) > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stats = trellis_reml_stats_new (table, design);
  if (!check_data (stats, outcome_name, error))
    return NULL;
  if (!trellis_reml_evaluate (stats, 0, &pieces))
    {
      g_set_error_literal (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                           _("The model’s terms repeat each other (a term is a combination of the others): "
                             "they cannot be estimated apart"));
      return NULL;
    }
  if (!minimise (stats, &theta) || !trellis_reml_evaluate (stats, theta, &pieces) || !(pieces.r2 > 0))
    {
      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                   _("%s does not vary within participants beyond the timepoints’ means: "
                     "the model fits exactly and its errors cannot be estimated"),
                   outcome_name != NULL ? outcome_name : _("The score"));
      return NULL;
    }

  self = g_new0 (TrellisMixedModel, 1);
  self->p = stats->p;
  self->n_observations = stats->n_observations;
  self->n_participants = stats->n_groups;
  self->theta = theta;
  self->singular = theta == 0;
  self->sigma2 = (double) (pieces.r2 / (stats->n_observations - stats->p));
  self->reml_criterion = criterion (theta, stats);
  self->beta = g_new (double, self->p);
  self->a_inverse = g_new (double, self->p * self->p);
  trellis_reml_solution (stats, self->beta, self->a_inverse);
  trellis_satterthwaite_init (&self->satterthwaite, stats, theta, sqrt (self->sigma2), self->a_inverse);
  set_terms (self, design, stats->y_shift);
  return g_steal_pointer (&self);
}

void
trellis_mixed_model_free (TrellisMixedModel *self)
{
  if (self == NULL)
    return;
  trellis_satterthwaite_clear (&self->satterthwaite);
  g_free (self->terms);
  g_strfreev (self->names);
  g_free (self->beta);
  g_free (self->a_inverse);
  g_free (self);
}

guint
trellis_mixed_model_get_n_terms (const TrellisMixedModel *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->p;
}

const TrellisFixedEffect *
trellis_mixed_model_get_term (const TrellisMixedModel *self,
                              guint                    term)
{
  g_return_val_if_fail (self != NULL && term < self->p, NULL);
  return &self->terms[term];
}

const TrellisFixedEffect *
trellis_mixed_model_find_timepoint (const TrellisMixedModel *self,
                                    guint                    timepoint)
{
  g_return_val_if_fail (self != NULL, NULL);
  for (guint j = 0; j < self->p; j++)
    if (self->terms[j].timepoint == (int) timepoint)
      return &self->terms[j];
  return NULL;
}

void
trellis_mixed_model_contrast (const TrellisMixedModel *self,
                              const double            *weights,
                              TrellisFixedEffect      *result)
{
  g_return_if_fail (self != NULL && weights != NULL && result != NULL);

  *result = (TrellisFixedEffect) { NULL, -1 };
  test_effect (self, weights, result);
}

guint
trellis_mixed_model_get_n_observations (const TrellisMixedModel *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_observations;
}

guint
trellis_mixed_model_get_n_participants (const TrellisMixedModel *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_participants;
}

double
trellis_mixed_model_get_participant_variance (const TrellisMixedModel *self)
{
  g_return_val_if_fail (self != NULL, NAN);
  return self->theta * self->theta * self->sigma2;
}

double
trellis_mixed_model_get_residual_variance (const TrellisMixedModel *self)
{
  g_return_val_if_fail (self != NULL, NAN);
  return self->sigma2;
}

double
trellis_mixed_model_get_theta (const TrellisMixedModel *self)
{
  g_return_val_if_fail (self != NULL, NAN);
  return self->theta;
}

double
trellis_mixed_model_get_reml_criterion (const TrellisMixedModel *self)
{
  g_return_val_if_fail (self != NULL, NAN);
  return self->reml_criterion;
}

double
trellis_mixed_model_get_reml_log_likelihood (const TrellisMixedModel *self)
{
  g_return_val_if_fail (self != NULL, NAN);
  return -self->reml_criterion / 2;
}

gboolean
trellis_mixed_model_is_singular (const TrellisMixedModel *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->singular;
}
