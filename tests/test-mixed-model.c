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

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/trellis/domain/mixed-model/sleepstudy-balanced", test_sleepstudy_balanced);
  g_test_add_func ("/trellis/domain/mixed-model/sleepstudy-unbalanced", test_sleepstudy_unbalanced);
  return g_test_run ();
}
