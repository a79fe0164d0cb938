/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "trellis-descriptives.h"

static const char *const codes[] = { "T1", "T2", "T3", NULL };
static const char *const cohorts[] = { "Midwives", "Paramedics", NULL };

/* Mean, SD and the t interval of each timepoint, by hand: T1 has 1, 2, 3, 6
 * (mean 3, SD √(14/3)), T2 one score, T3 none. */
static void
test_per_timepoint (void)
{
  g_autoptr(TrellisScoreTable) table = trellis_score_table_new (codes, codes, cohorts);
  g_autoptr(TrellisDescriptives) descriptives = NULL;
  const TrellisDescriptive *cell;
  double sd = sqrt (14.0 / 3), half = 3.182446305284263 * sd / 2;   /* qt(.975, 3) */

  trellis_score_table_begin_participant (table, "P1", 0);
  trellis_score_table_add (table, 0, 1);
  trellis_score_table_add (table, 1, 10);
  trellis_score_table_begin_participant (table, "P2", 1);
  trellis_score_table_add (table, 0, 2);
  trellis_score_table_begin_participant (table, "P3", 1);
  trellis_score_table_add (table, 0, 3);
  trellis_score_table_begin_participant (table, "P4", 0);
  trellis_score_table_add (table, 0, 6);
  trellis_score_table_begin_participant (table, "P5", 0);
  trellis_score_table_finish (table);

  descriptives = trellis_descriptives_compute (table);
  g_assert_cmpuint (trellis_descriptives_get_n_timepoints (descriptives), ==, 3);
  g_assert_cmpuint (trellis_descriptives_get_n_cohorts (descriptives), ==, 2);

  cell = trellis_descriptives_get (descriptives, TRELLIS_DESCRIPTIVES_ALL, 0);
  g_assert_cmpuint (cell->n, ==, 4);
  g_assert_cmpfloat_with_epsilon (cell->mean, 3, 1e-12);
  g_assert_cmpfloat_with_epsilon (cell->sd, sd, 1e-12);
  g_assert_cmpfloat_with_epsilon (cell->ci_low, 3 - half, 1e-9);
  g_assert_cmpfloat_with_epsilon (cell->ci_high, 3 + half, 1e-9);

  /* One score: a mean, but no SD or interval. */
  cell = trellis_descriptives_get (descriptives, TRELLIS_DESCRIPTIVES_ALL, 1);
  g_assert_cmpuint (cell->n, ==, 1);
  g_assert_cmpfloat (cell->mean, ==, 10);
  g_assert_true (isnan (cell->sd) && isnan (cell->ci_low) && isnan (cell->ci_high));

  /* None: nothing at all. */
  cell = trellis_descriptives_get (descriptives, TRELLIS_DESCRIPTIVES_ALL, 2);
  g_assert_cmpuint (cell->n, ==, 0);
  g_assert_true (isnan (cell->mean) && isnan (cell->sd));

  /* By cohort: Midwives 1 and 6 at T1, Paramedics 2 and 3. */
  cell = trellis_descriptives_get (descriptives, 0, 0);
  g_assert_cmpuint (cell->n, ==, 2);
  g_assert_cmpfloat_with_epsilon (cell->mean, 3.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (cell->sd, sqrt (12.5), 1e-12);
  cell = trellis_descriptives_get (descriptives, 1, 0);
  g_assert_cmpfloat_with_epsilon (cell->mean, 2.5, 1e-12);
  cell = trellis_descriptives_get (descriptives, 1, 1);
  g_assert_cmpuint (cell->n, ==, 0);
}

/* Large scores close together keep their spread. */
static void
test_precision (void)
{
  g_autoptr(TrellisScoreTable) table = trellis_score_table_new (codes, codes, cohorts);
  g_autoptr(TrellisDescriptives) descriptives = NULL;

  for (guint i = 0; i < 1000; i++)
    {
      trellis_score_table_begin_participant (table, NULL, 0);
      trellis_score_table_add (table, 0, 1e9 + (i % 2));
    }
  trellis_score_table_finish (table);
  descriptives = trellis_descriptives_compute (table);
  g_assert_cmpfloat_with_epsilon (trellis_descriptives_get (descriptives, -1, 0)->sd,
                                  sqrt (250.0 / 999), 1e-9);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/trellis/domain/descriptives/per-timepoint", test_per_timepoint);
  g_test_add_func ("/trellis/domain/descriptives/precision", test_precision);
  return g_test_run ();
}
