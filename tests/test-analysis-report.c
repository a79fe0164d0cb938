/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "trellis-analysis-report.h"
#include "trellis-before-after-plot.h"
#include "trajectory-fixture.h"
#include "trellis-test-utils.h"

/* 66 recruited, 62, 47 and 33 completing T1–T4, as in the seed study. */
static TrellisParticipantFlow *
make_flow (void)
{
  const char *const cohorts[] = { "Midwives", "Paramedics", NULL };
  static const guint completed[] = { 66, 62, 47, 33 };
  TrellisParticipantFlow *flow = trellis_participant_flow_new (cohorts);
  TrellisFlowStep *step = trellis_participant_flow_add_step (flow, FALSE, "recruited", "Recruited",
                                                             "not-consented", "Not consented");

  trellis_flow_count_add (&step->main->total, 0, 40);
  trellis_flow_count_add (&step->main->total, 1, 29);
  trellis_flow_count_add (&step->side->total, 1, 3);
  for (guint t = 0; t < 4; t++)
    {
      g_autofree char *key = g_strdup_printf ("completed:T%u", t + 1);
      g_autofree char *label = g_strdup_printf ("Completed T%u", t + 1);

      step = trellis_participant_flow_add_step (flow, FALSE, key, label, "not-completed", "Did not complete");
      trellis_flow_count_add (&step->main->total, 0, completed[t] / 2);
      trellis_flow_count_add (&step->main->total, 1, completed[t] - completed[t] / 2);
      trellis_flow_count_add (&step->side->total, 0, 66 - completed[t]);
    }
  return flow;
}

/* A table where everybody has the same score: descriptives, but no model. */
static TrellisScoreTable *
make_constant (void)
{
  TrellisScoreTable *table = trellis_score_table_new (trajectory_fixture_codes, trajectory_fixture_labels,
                                                      trajectory_fixture_cohorts);

  for (guint p = 0; p < 20; p++)
    {
      trellis_score_table_begin_participant (table, NULL, p % 3);
      for (guint t = 0; t < 4; t++)
        trellis_score_table_add (table, t, 3);
    }
  trellis_score_table_finish (table);
  return table;
}

static TrellisScoreTable *
make_empty (void)
{
  TrellisScoreTable *table = trellis_score_table_new (trajectory_fixture_codes, trajectory_fixture_labels,
                                                      trajectory_fixture_cohorts);

  trellis_score_table_begin_participant (table, NULL, 0);
  trellis_score_table_finish (table);
  return table;
}

/* A title page with the flow, then a page for each instrument with scores
 * (its content fits one):
 * the one with a model, and the constant one, which says why it has none;
 * the one nobody has filled in is left out. */
static void
test_pages (gconstpointer data)
{
  gboolean by_cohort = GPOINTER_TO_INT (data);
  g_autofree char *dir = g_dir_make_tmp ("analysis-report-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "report.pdf", NULL);
  g_autoptr(TrellisParticipantFlow) flow = make_flow ();
  g_autoptr(TrellisScoreTable) rising = trajectory_fixture_new (66, 3);
  g_autoptr(TrellisScoreTable) constant = make_constant ();
  g_autoptr(TrellisScoreTable) empty = make_empty ();
  g_autoptr(TrellisAnalysis) analysis = trellis_analysis_run (rising, "Confidence", NULL);
  g_autoptr(TrellisDescriptives) constant_descriptives = trellis_descriptives_compute (constant);
  g_autoptr(TrellisDescriptives) empty_descriptives = trellis_descriptives_compute (empty);
  g_autoptr(GDateTime) date = g_date_time_new_utc (2026, 11, 22, 12, 0, 0);
  g_autoptr(GError) error = NULL;
  const TrellisAnalysisReportInstrument instruments[] = {
    { "CCAE", "Confidence", rising, trellis_analysis_get_descriptives (analysis), analysis, NULL, 1, 5 },
    { "KNOW", NULL, constant, constant_descriptives, NULL, "KNOW has the same score for everyone", NAN, NAN },
    { "BRS", "Resilience", empty, empty_descriptives, NULL, "Nobody has a score", NAN, NAN },
  };
  TrellisAnalysisReportInput input = { "Resilience coaching", date, flow, by_cohort, 3, instruments };
  guint n_pages = 0;

  g_assert_nonnull (analysis);
  g_assert_true (trellis_analysis_report_write_pdf (&input, path, &n_pages, &error));
  g_assert_no_error (error);
  /* By cohort, the descriptives grow and may go on over a page. */
  if (by_cohort)
    g_assert_cmpuint (n_pages, >=, 3);
  else
    g_assert_cmpuint (n_pages, ==, 3);
  g_assert_cmpuint (trellis_test_count_pdf_pages (path), ==, n_pages);
  g_remove (path);
  g_rmdir (dir);
}

static void
test_unwritable (void)
{
  g_autoptr(GError) error = NULL;
  TrellisAnalysisReportInput input = { "Nowhere" };

  g_assert_false (trellis_analysis_report_write_pdf (&input, "/nonexistent-folder/report.pdf", NULL, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "/nonexistent-folder/report.pdf"));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_data_func ("/trellis/plot/analysis-report/pages", GINT_TO_POINTER (FALSE), test_pages);
  g_test_add_data_func ("/trellis/plot/analysis-report/pages-by-cohort", GINT_TO_POINTER (TRUE), test_pages);
  g_test_add_func ("/trellis/plot/analysis-report/unwritable", test_unwritable);
  return g_test_run ();
}
