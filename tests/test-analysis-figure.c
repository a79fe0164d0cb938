/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib.h>
#include <locale.h>
#include <math.h>

#include "trellis-analysis-figure.h"
#include "trellis-before-after-plot.h"
#include "trajectory-fixture.h"

/* Everyone's line carries the model's change from baseline; its axis spans
 * every score. */
static void
test_everyone (void)
{
  g_autoptr(TrellisScoreTable) table = trajectory_fixture_new (300, 7);
  g_autoptr(TrellisAnalysis) analysis = trellis_analysis_run (table, "Confidence", NULL);
  g_autoptr(TrellisAnalysisFigure) figure = NULL;
  double low, high;

  g_assert_nonnull (analysis);
  figure = trellis_analysis_figure_new (table, trellis_analysis_get_descriptives (analysis), analysis,
                                        "Confidence", FALSE);
  g_assert_cmpuint (figure->plot.n_series, ==, 1);
  g_assert_cmpint (figure->series_cohorts[0], ==, TRELLIS_DESCRIPTIVES_ALL);
  g_assert_cmpuint (figure->plot.n_timepoints, ==, 4);
  g_assert_cmpuint (figure->plot.series[0].points[0].n,
                    ==, trellis_descriptives_get (trellis_analysis_get_descriptives (analysis), -1, 0)->n);
  g_assert_null (figure->plot.annotations[0]);
  g_assert_cmpstr (figure->plot.annotations[1], ==, trellis_analysis_get_annotation (analysis, 1));
  g_assert_cmpstr (figure->plot.value_label, ==, "Confidence score");
  g_assert_true (trellis_trajectory_raster_value_range (table, &low, &high));
  g_assert_cmpfloat (figure->plot.value_min, ==, low);
  g_assert_cmpfloat (figure->plot.value_max, ==, high);

  /* The scale widens the axis to its ends and names them. */
  trellis_analysis_figure_set_scale (figure, 0, 10);
  g_assert_cmpfloat (figure->plot.value_min, ==, 0);
  g_assert_cmpfloat (figure->plot.value_max, ==, 10);
  g_assert_cmpstr (figure->plot.value_label, ==, "Score (0–10)");
}

/* By cohort: one line per cohort with scores, in order, each knowing its
 * cohort (for tooltips); no cohort's line carries everyone's model. */
static void
test_by_cohort (void)
{
  const char *const cohorts[] = { "Midwives", "Nobody", "Paramedics", NULL };
  g_autoptr(TrellisScoreTable) table = trellis_score_table_new (trajectory_fixture_codes, trajectory_fixture_labels,
                                                                cohorts);
  g_autoptr(TrellisDescriptives) descriptives = NULL;
  g_autoptr(TrellisAnalysis) analysis = NULL;
  g_autoptr(TrellisAnalysisFigure) figure = NULL;

  for (guint p = 0; p < 40; p++)
    {
      trellis_score_table_begin_participant (table, NULL, p % 2 == 0 ? 0 : 2);
      for (guint t = 0; t < 4; t++)
        trellis_score_table_add (table, t, 2 + 0.3 * t + (p % 5) * 0.1 + (p % 3) * 0.05 * t);
    }
  trellis_score_table_finish (table);
  descriptives = trellis_descriptives_compute (table);
  analysis = trellis_analysis_run (table, "Knowledge", NULL);
  g_assert_nonnull (analysis);

  figure = trellis_analysis_figure_new (table, descriptives, analysis, "Knowledge", TRUE);
  g_assert_cmpuint (figure->plot.n_series, ==, 2);
  g_assert_cmpint (figure->series_cohorts[0], ==, 0);
  g_assert_cmpint (figure->series_cohorts[1], ==, 2);
  g_assert_cmpstr (figure->plot.series[1].name, ==, "Paramedics");
  g_assert_cmpuint (figure->plot.series[1].points[3].n, ==, 20);
  for (guint t = 0; t < 4; t++)
    g_assert_null (figure->plot.annotations[t]);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/trellis/plot/analysis-figure/everyone", test_everyone);
  g_test_add_func ("/trellis/plot/analysis-figure/by-cohort", test_by_cohort);
  return g_test_run ();
}
