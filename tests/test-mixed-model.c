/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "sleepstudy-fixture.h"
#include "trellis-domain-error.h"
#include "trellis-mixed-model.h"

/* |a − b| relative to |b|, for "agrees to n significant digits". */
static double
relative_error (double a,
                double b)
{
  return fabs (a - b) / MAX (fabs (b), 1e-300);
}

#define assert_digits(a, b, digits) \
  G_STMT_START { \
    double _a = (a), _b = (b); \
    if (!(relative_error (_a, _b) < 0.5 * pow (10, 1 - (digits)))) \
      g_error ("%s = %.10g, expected %.10g (%d significant digits)", #a, _a, _b, digits); \
  } G_STMT_END

static void
check_sleepstudy (gboolean    unbalanced,
                  const char *case_name)
{
  g_autoptr(TrellisScoreTable) table = sleepstudy_table (unbalanced);
  g_autoptr(TrellisDesign) design = trellis_design_new_timepoints (table);
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisMixedModel) model = trellis_mixed_model_fit (table, design, "Reaction", &error);
  SleepstudyExpected expected[10];
  double worst[4] = { 0 };

  g_assert_no_error (error);
  sleepstudy_expected (case_name, expected);
  g_assert_cmpuint (trellis_mixed_model_get_n_terms (model), ==, 10);
  g_assert_cmpuint (trellis_mixed_model_get_n_participants (model), ==, 18);
  g_assert_cmpuint (trellis_mixed_model_get_n_observations (model), ==, unbalanced ? 162 : 180);
  g_assert_false (trellis_mixed_model_is_singular (model));
  for (guint j = 0; j < 10; j++)
    {
      const TrellisFixedEffect *term = trellis_mixed_model_get_term (model, j);

      assert_digits (term->estimate, expected[j].estimate, 6);
      assert_digits (term->se, expected[j].se, 6);
      assert_digits (term->t, expected[j].t, 6);
      assert_digits (term->df, expected[j].df, 4);
      assert_digits (term->p, expected[j].p, 4);
      assert_digits (term->ci_low, expected[j].ci_low, 4);
      assert_digits (term->ci_high, expected[j].ci_high, 4);
      worst[0] = MAX (worst[0], relative_error (term->estimate, expected[j].estimate));
      worst[1] = MAX (worst[1], relative_error (term->se, expected[j].se));
      worst[2] = MAX (worst[2], relative_error (term->df, expected[j].df));
      worst[3] = MAX (worst[3], relative_error (term->p, expected[j].p));
    }
  assert_digits (trellis_mixed_model_get_participant_variance (model), expected[0].var_id, 6);
  assert_digits (trellis_mixed_model_get_residual_variance (model), expected[0].var_resid, 6);
  assert_digits (trellis_mixed_model_get_reml_log_likelihood (model), expected[0].reml_loglik, 8);
  g_test_message ("%s: largest relative errors: estimate %.2g, SE %.2g, df %.2g, p %.2g; "
                  "variances %.2g / %.2g; REML log-likelihood %.2g",
                  case_name, worst[0], worst[1], worst[2], worst[3],
                  relative_error (trellis_mixed_model_get_participant_variance (model), expected[0].var_id),
                  relative_error (trellis_mixed_model_get_residual_variance (model), expected[0].var_resid),
                  relative_error (trellis_mixed_model_get_reml_log_likelihood (model), expected[0].reml_loglik));
}

static void
test_sleepstudy_balanced (void)
{
  check_sleepstudy (FALSE, "balanced");
}

static void
test_sleepstudy_unbalanced (void)
{
  check_sleepstudy (TRUE, "unbalanced");
}


/* lme4's Dyestuff: Yield ~ 1 + (1 | Batch), an intercept-only design. */
static void
test_dyestuff (void)
{
  static const double yield[6][5] = {
    { 1545, 1440, 1440, 1520, 1580 }, { 1540, 1555, 1490, 1560, 1495 },
    { 1595, 1550, 1605, 1510, 1560 }, { 1445, 1440, 1595, 1465, 1545 },
    { 1595, 1630, 1515, 1635, 1625 }, { 1520, 1455, 1450, 1480, 1445 },
  };
  static const char *const codes[] = { "1", "2", "3", "4", "5", NULL };
  g_autoptr(TrellisScoreTable) table = trellis_score_table_new (codes, codes, NULL);
  g_autoptr(TrellisDesign) design = trellis_design_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisMixedModel) model = NULL;
  const TrellisFixedEffect *term;

  for (guint b = 0; b < 6; b++)
    {
      trellis_score_table_begin_participant (table, NULL, 0);
      for (guint k = 0; k < 5; k++)
        trellis_score_table_add (table, k, yield[b][k]);
    }
  trellis_score_table_finish (table);
  trellis_design_add_intercept (design);
  model = trellis_mixed_model_fit (table, design, "Yield", &error);
  g_assert_no_error (error);
  term = trellis_mixed_model_get_term (model, 0);
  assert_digits (term->estimate, 1527.5, 8);
  assert_digits (term->se, 19.38341, 6);
  assert_digits (term->df, 5, 4);
  assert_digits (trellis_mixed_model_get_participant_variance (model), 1764.05, 6);
  assert_digits (trellis_mixed_model_get_residual_variance (model), 2451.25, 6);
  assert_digits (trellis_mixed_model_get_reml_criterion (model), 319.6543, 7);
}

/* Every participant's scores add up to the same total, so the participants
 * differ less than the noise says they should: σ_b² is 0 at the boundary, as
 * lme4 reports it, and the fit is ordinary least squares, worked out by
 * hand: T1 1, 2, 3, 4 and T2 5, 4, 3, 2 give β = (2.5, 1), RSS 10 on 6 df,
 * SE(β₁) = √(10/6 · (1/4 + 1/4)) and Satterthwaite's df the residual 6. */
static void
test_boundary (void)
{
  static const char *const codes[] = { "T1", "T2", NULL };
  g_autoptr(TrellisScoreTable) table = trellis_score_table_new (codes, codes, NULL);
  g_autoptr(TrellisDesign) design = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisMixedModel) model = NULL;
  const TrellisFixedEffect *intercept, *change;

  for (guint i = 0; i < 4; i++)
    {
      trellis_score_table_begin_participant (table, NULL, 0);
      trellis_score_table_add (table, 0, 1 + i);
      trellis_score_table_add (table, 1, 5 - i);
    }
  trellis_score_table_finish (table);
  design = trellis_design_new_timepoints (table);
  model = trellis_mixed_model_fit (table, design, "Confidence", &error);
  g_assert_no_error (error);
  g_assert_true (trellis_mixed_model_is_singular (model));
  g_assert_cmpfloat (trellis_mixed_model_get_theta (model), ==, 0);
  g_assert_cmpfloat (trellis_mixed_model_get_participant_variance (model), ==, 0);
  assert_digits (trellis_mixed_model_get_residual_variance (model), 10.0 / 6, 10);
  intercept = trellis_mixed_model_get_term (model, 0);
  change = trellis_mixed_model_find_timepoint (model, 1);
  assert_digits (intercept->estimate, 2.5, 10);
  assert_digits (intercept->se, sqrt (10.0 / 6 / 4), 8);
  assert_digits (change->estimate, 1, 10);
  assert_digits (change->se, sqrt (10.0 / 6 / 2), 8);
  assert_digits (change->df, 6, 5);
  assert_digits (intercept->df, 6, 5);
  g_assert_null (trellis_mixed_model_find_timepoint (model, 0));
}

static TrellisMixedModel *
fit_values (const double  *pre,
            const double  *post,
            guint          n,
            GError       **error)
{
  static const char *const codes[] = { "T1", "T2", NULL };
  g_autoptr(TrellisScoreTable) table = trellis_score_table_new (codes, codes, NULL);
  g_autoptr(TrellisDesign) design = NULL;

  for (guint i = 0; i < n; i++)
    {
      trellis_score_table_begin_participant (table, NULL, 0);
      if (!isnan (pre[i]))
        trellis_score_table_add (table, 0, pre[i]);
      if (post != NULL && !isnan (post[i]))
        trellis_score_table_add (table, 1, post[i]);
    }
  trellis_score_table_finish (table);
  design = trellis_design_new_timepoints (table);
  return trellis_mixed_model_fit (table, design, "Confidence", error);
}

/* What cannot be modelled is refused in words, never as NaN. */
static void
test_refusals (void)
{
  static const double same[] = { 4, 4, 4 };
  static const double pre[] = { 1, 2, NAN, NAN };
  static const double post[] = { NAN, NAN, 3, 5 };
  static const double one[] = { 2 };
  static const double two[] = { 2, 3 };
  GError *error = NULL;

  g_assert_null (fit_values (same, same, 3, &error));
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Confidence has the same score for everyone: nothing to model");
  g_clear_error (&error);

  /* Everyone with one score: lme4 refuses too. */
  g_assert_null (fit_values (pre, post, 4, &error));
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "only one score"));
  g_clear_error (&error);

  g_assert_null (fit_values (one, one, 1, &error));
  g_assert_nonnull (strstr (error->message, "at least two participants"));
  g_clear_error (&error);

  /* Four scores for two terms leave 2 df: fitted; two scores would not be. */
  g_assert_null (fit_values (two, NULL, 2, &error));
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID);
  g_clear_error (&error);
}

/* A contrast of two terms, T3 against T2, equals refitting with T2 as the
 * reference: checked here on the sleepstudy data against the difference of
 * the two terms' estimates. */
static void
test_contrast (void)
{
  g_autoptr(TrellisScoreTable) table = sleepstudy_table (TRUE);
  g_autoptr(TrellisDesign) design = trellis_design_new_timepoints (table);
  g_autoptr(TrellisMixedModel) model = trellis_mixed_model_fit (table, design, NULL, NULL);
  double weights[10] = { 0 };
  TrellisFixedEffect contrast, single;

  weights[3] = 1;
  weights[2] = -1;
  trellis_mixed_model_contrast (model, weights, &contrast);
  assert_digits (contrast.estimate, trellis_mixed_model_get_term (model, 3)->estimate
                 - trellis_mixed_model_get_term (model, 2)->estimate, 10);
  g_assert_cmpfloat (contrast.se, >, 0);
  g_assert_cmpfloat (contrast.df, >, 100);
  weights[2] = 0;
  trellis_mixed_model_contrast (model, weights, &single);
  assert_digits (single.df, trellis_mixed_model_get_term (model, 3)->df, 12);
}

/* The general path (columns of numbers) and the fast path of timepoint
 * indicators give the same fit: the sleepstudy design spelt out as numbers. */
static void
test_general_design (void)
{
  g_autoptr(TrellisScoreTable) table = sleepstudy_table (TRUE);
  g_autoptr(TrellisDesign) indicators = trellis_design_new_timepoints (table);
  g_autoptr(TrellisDesign) numbers = trellis_design_new ();
  g_autoptr(TrellisMixedModel) fast = NULL;
  g_autoptr(TrellisMixedModel) general = NULL;
  g_autofree double *column = g_new (double, table->n_observations);
  g_autoptr(GError) error = NULL;

  trellis_design_add_intercept (numbers);
  for (guint t = 1; t < table->n_timepoints; t++)
    {
      for (guint o = 0; o < table->n_observations; o++)
        column[o] = table->timepoint[o] == t;
      trellis_design_add_observation_values (numbers, table->timepoint_codes[t], column, table->n_observations);
    }
  fast = trellis_mixed_model_fit (table, indicators, NULL, &error);
  g_assert_no_error (error);
  general = trellis_mixed_model_fit (table, numbers, NULL, &error);
  g_assert_no_error (error);
  for (guint j = 0; j < 10; j++)
    {
      const TrellisFixedEffect *a = trellis_mixed_model_get_term (fast, j), *b = trellis_mixed_model_get_term (general, j);

      g_assert_cmpstr (a->name, ==, b->name);
      /* θ̂ is found to about 1e-7 (the criterion is flat at its minimum),
       * so the two sums' rounding shows in the 8th digit. */
      assert_digits (a->estimate, b->estimate, 7);
      assert_digits (a->se, b->se, 7);
      assert_digits (a->df, b->df, 5);
    }
  g_assert_cmpint (trellis_mixed_model_get_term (general, 3)->timepoint, ==, -1);
  assert_digits (trellis_mixed_model_get_reml_criterion (fast), trellis_mixed_model_get_reml_criterion (general), 11);
}

/* A participant-level covariate that repeats the intercept is refused. */
static void
test_collinear (void)
{
  g_autoptr(TrellisScoreTable) table = sleepstudy_table (FALSE);
  g_autoptr(TrellisDesign) design = trellis_design_new_timepoints (table);
  g_autofree double *ones = g_new (double, table->n_participants);
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisMixedModel) model = NULL;

  for (guint i = 0; i < table->n_participants; i++)
    ones[i] = 2;
  trellis_design_add_participant_values (design, "cohort", ones, table->n_participants);
  model = trellis_mixed_model_fit (table, design, NULL, &error);
  g_assert_null (model);
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "repeat each other"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/trellis/domain/mixed-model/sleepstudy-balanced", test_sleepstudy_balanced);
  g_test_add_func ("/trellis/domain/mixed-model/sleepstudy-unbalanced", test_sleepstudy_unbalanced);
  g_test_add_func ("/trellis/domain/mixed-model/dyestuff", test_dyestuff);
  g_test_add_func ("/trellis/domain/mixed-model/boundary", test_boundary);
  g_test_add_func ("/trellis/domain/mixed-model/refusals", test_refusals);
  g_test_add_func ("/trellis/domain/mixed-model/contrast", test_contrast);
  g_test_add_func ("/trellis/domain/mixed-model/general-design", test_general_design);
  g_test_add_func ("/trellis/domain/mixed-model/collinear", test_collinear);
  return g_test_run ();
}
