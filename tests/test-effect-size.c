/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "trellis-effect-size.h"

/* The worked case of the analysis issue: n = 33, pre 3.2 (SD 0.6), post 3.6
 * (SD 0.5), r = 0.6. */
static void
test_worked_case (void)
{
  TrellisPairedSummary summary = { 33, 3.2, 0.6, 3.6, 0.5, 0.6 };
  TrellisPairedChange change;

  trellis_paired_change_from_summary (&summary, &change);
  g_assert_cmpuint (change.n, ==, 33);
  g_assert_cmpfloat_with_epsilon (change.mean_change, 0.4, 1e-12);
  g_assert_cmpfloat_with_epsilon (change.sd_change, 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (change.d_z, 0.800, 5e-4);
  g_assert_cmpfloat_with_epsilon (change.t, 4.596, 5e-4);
  g_assert_cmpfloat (change.df, ==, 32);
  g_assert_cmpfloat_with_epsilon (change.p, 6.41e-5, 5e-8);
  g_assert_cmpfloat_with_epsilon (change.ci_low, 0.2227, 5e-5);
  g_assert_cmpfloat_with_epsilon (change.ci_high, 0.5773, 5e-5);
  g_assert_cmpfloat_with_epsilon (change.d_av, 0.727, 5e-4);
  g_assert_cmpfloat_with_epsilon (change.d_baseline, 0.667, 5e-4);
  g_assert_cmpfloat (change.r, ==, 0.6);
}

/* From a table: only those with both scores count, and the summary matches
 * what the scores say by hand. Pairs (1, 2), (2, 4), (3, 3); P4 has no
 * baseline and P5 no T2. */
static void
test_from_table (void)
{
  static const char *const codes[] = { "T1", "T2", "T3", NULL };
  g_autoptr(TrellisScoreTable) table = trellis_score_table_new (codes, codes, NULL);
  TrellisPairedSummary summary;
  TrellisPairedChange change;

  trellis_score_table_begin_participant (table, "P1", 0);
  trellis_score_table_add (table, 0, 1);
  trellis_score_table_add (table, 1, 2);
  trellis_score_table_begin_participant (table, "P2", 0);
  trellis_score_table_add (table, 0, 2);
  trellis_score_table_add (table, 1, 4);
  trellis_score_table_add (table, 2, 9);
  trellis_score_table_begin_participant (table, "P3", 0);
  trellis_score_table_add (table, 0, 3);
  trellis_score_table_add (table, 1, 3);
  trellis_score_table_begin_participant (table, "P4", 0);
  trellis_score_table_add (table, 1, 100);
  trellis_score_table_begin_participant (table, "P5", 0);
  trellis_score_table_add (table, 0, 50);
  trellis_score_table_add (table, 2, 1);
  trellis_score_table_finish (table);

  trellis_paired_summary_from_table (table, 1, &summary);
  g_assert_cmpuint (summary.n, ==, 3);
  g_assert_cmpfloat_with_epsilon (summary.mean_pre, 2, 1e-12);
  g_assert_cmpfloat_with_epsilon (summary.mean_post, 3, 1e-12);
  g_assert_cmpfloat_with_epsilon (summary.sd_pre, 1, 1e-12);
  g_assert_cmpfloat_with_epsilon (summary.sd_post, 1, 1e-12);
  g_assert_cmpfloat_with_epsilon (summary.r, 0.5, 1e-12);
  trellis_paired_change_from_summary (&summary, &change);
  /* Changes 1, 2, 0: mean 1, SD 1. */
  g_assert_cmpfloat_with_epsilon (change.mean_change, 1, 1e-12);
  g_assert_cmpfloat_with_epsilon (change.sd_change, 1, 1e-12);
  g_assert_cmpfloat_with_epsilon (change.d_z, 1, 1e-12);

  /* One pair: a change, but no SD, t or d. */
  trellis_paired_summary_from_table (table, 2, &summary);
  trellis_paired_change_from_summary (&summary, &change);
  g_assert_cmpuint (change.n, ==, 2);
  g_assert_cmpfloat_with_epsilon (change.mean_change, (9 - 2 + 1 - 50) / 2.0, 1e-12);
}

static void
test_pooled (void)
{
  /* √((9·1² + 19·2²) / 28) */
  g_assert_cmpfloat_with_epsilon (trellis_effect_size_pooled_sd (10, 1, 20, 2), sqrt (85.0 / 28), 1e-12);
  /* A single score adds nothing but a degree of freedom to lose. */
  g_assert_cmpfloat_with_epsilon (trellis_effect_size_pooled_sd (10, 2, 1, NAN), 2 * sqrt (9.0 / 9), 1e-12);
  g_assert_true (isnan (trellis_effect_size_pooled_sd (1, NAN, 1, NAN)));
  g_assert_cmpfloat_with_epsilon (trellis_effect_size_pooled_d (2.43, 40, 1.5, 40, 1.64),
                                  2.43 / sqrt ((1.5 * 1.5 + 1.64 * 1.64) / 2), 1e-12);
  g_assert_cmpstr (trellis_effect_size_kind_to_string (TRELLIS_D_Z), ==, "d_z");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/trellis/domain/effect-size/worked-case", test_worked_case);
  g_test_add_func ("/trellis/domain/effect-size/from-table", test_from_table);
  g_test_add_func ("/trellis/domain/effect-size/pooled", test_pooled);
  return g_test_run ();
}
