/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>

#include "trellis-participant-flow.h"
#include "trellis-retention-counts.h"

/* The participant flow as plain data: steps, boxes, reasons, cohorts. */

#define ALL TRELLIS_FLOW_NO_COHORT

static void
test_build_and_find (void)
{
  const char *const cohorts[] = { "Midwives", "Paramedics", NULL };
  g_autoptr(TrellisParticipantFlow) flow = trellis_participant_flow_new (cohorts);
  TrellisFlowStep *recruited = trellis_participant_flow_add_step (flow, FALSE, "recruited", "Recruited",
                                                                  "not-consented", "Not consented");
  TrellisFlowStep *consented = trellis_participant_flow_add_step (flow, FALSE, "consented", "Consented", NULL, NULL);
  TrellisFlowStep *eligible = trellis_participant_flow_add_step (flow, TRUE, "interview-eligible", "Eligible",
                                                                 NULL, NULL);
  TrellisFlowCount *no_consent;

  g_assert_cmpuint (flow->n_cohorts, ==, 2);
  g_assert_null (consented->side);
  no_consent = trellis_flow_box_add_reason (recruited->side, flow->n_cohorts, "no-consent", "No consent");
  trellis_flow_count_add (&recruited->main->total, 0, 3);
  trellis_flow_count_add (&recruited->main->total, 1, 2);
  trellis_flow_count_add (&recruited->main->total, ALL, 1);
  trellis_flow_count_add (no_consent, 1, 1);
  trellis_flow_count_add (&recruited->side->total, 1, 1);
  trellis_flow_count_add (&eligible->main->total, 0, 4);

  g_assert_cmpuint (trellis_participant_flow_count (flow, "recruited", NULL, ALL), ==, 6);
  g_assert_cmpuint (trellis_participant_flow_count (flow, "recruited", NULL, 0), ==, 3);
  g_assert_cmpuint (trellis_participant_flow_count (flow, "recruited", NULL, 1), ==, 2);
  g_assert_cmpuint (trellis_participant_flow_count (flow, "not-consented", "no-consent", 1), ==, 1);
  g_assert_cmpuint (trellis_participant_flow_count (flow, "not-consented", "no-consent", 0), ==, 0);
  /* Boxes and reasons the flow lacks count nobody. */
  g_assert_cmpuint (trellis_participant_flow_count (flow, "analysed", NULL, ALL), ==, 0);
  g_assert_cmpuint (trellis_participant_flow_count (flow, "recruited", "missed", ALL), ==, 0);
  /* The sub-study's boxes are found too. */
  g_assert_true (trellis_participant_flow_has_interviews (flow));
  g_assert_true (trellis_participant_flow_find_box (flow, "interview-eligible") == eligible->main);
  g_assert_cmpuint (trellis_participant_flow_count (flow, "interview-eligible", NULL, 0), ==, 4);
  g_assert_true (trellis_participant_flow_find_box (flow, "not-consented") == recruited->side);
  g_assert_cmpstr (trellis_flow_box_find_reason (recruited->side, "no-consent")->label, ==, "No consent");
}

static void
test_no_cohorts (void)
{
  g_autoptr(TrellisParticipantFlow) flow = trellis_participant_flow_new (NULL);
  TrellisFlowStep *step = trellis_participant_flow_add_step (flow, FALSE, "recruited", "Recruited", NULL, NULL);

  g_assert_cmpuint (flow->n_cohorts, ==, 0);
  g_assert_nonnull (flow->cohort_names);
  trellis_flow_count_add (&step->main->total, ALL, 5);
  g_assert_cmpuint (trellis_participant_flow_count (flow, "recruited", NULL, ALL), ==, 5);
  g_assert_false (trellis_participant_flow_has_interviews (flow));
}

static void
test_retention_counts (void)
{
  const char *const cohorts[] = { "A", "B", NULL };
  const char *const codes[] = { "T1", "T2", NULL };
  const char *const labels[] = { "Baseline", "After", NULL };
  g_autoptr(TrellisRetention) retention = trellis_retention_new (cohorts, codes, labels);

  g_assert_cmpuint (retention->n_cohorts, ==, 2);
  g_assert_cmpuint (retention->n_timepoints, ==, 2);
  retention->counts[1 * 2 + 1].completed = 7;
  retention->counts[2 * 2 + 0].recruited = 9;
  g_assert_cmpuint (trellis_retention_get (retention, 1, 1)->completed, ==, 7);
  g_assert_cmpuint (trellis_retention_get_total (retention, 0)->recruited, ==, 9);
  g_assert_cmpstr (retention->timepoint_labels[1], ==, "After");
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/trellis/domain/participant-flow/build-and-find", test_build_and_find);
  g_test_add_func ("/trellis/domain/participant-flow/no-cohorts", test_no_cohorts);
  g_test_add_func ("/trellis/domain/participant-flow/retention-counts", test_retention_counts);

  return g_test_run ();
}
