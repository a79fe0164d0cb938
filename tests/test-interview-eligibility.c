/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "trellis-domain-error.h"
#include "trellis-interview-eligibility.h"

static TrellisInterviewEligibility
make_rule (const char              *timepoint,
           TrellisReachedCondition  reached,
           gboolean                 recorded)
{
  g_autoptr(GError) error = NULL;
  TrellisInterviewEligibility rule;

  g_assert_true (trellis_interview_eligibility_init (&rule, timepoint, reached, recorded, &error));
  g_assert_no_error (error);
  return rule;
}

static void
test_round_trip (void)
{
  const TrellisInterviewEligibility rules[] = {
    make_rule ("T4", TRELLIS_REACHED_COMPLETED_OR_DUE, TRUE),
    make_rule ("T4", TRELLIS_REACHED_COMPLETED, FALSE),
    make_rule ("week-6_b", TRELLIS_REACHED_COMPLETED, TRUE),
  };
  const char *stored[] = {
    "rule=1;timepoint=T4;reached=completed-or-due;video=yes",
    "rule=1;timepoint=T4;reached=completed;video=no",
    "rule=1;timepoint=week-6_b;reached=completed;video=yes",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      g_autofree char *text = trellis_interview_eligibility_to_string (&rules[i]);
      g_autoptr(GError) error = NULL;
      TrellisInterviewEligibility back;

      g_assert_cmpstr (text, ==, stored[i]);
      g_assert_true (trellis_interview_eligibility_parse (text, &back, &error));
      g_assert_no_error (error);
      g_assert_true (trellis_interview_eligibility_equal (&back, &rules[i]));
    }
  g_assert_false (trellis_interview_eligibility_equal (&rules[0], &rules[1]));
}

static void
assert_refused (const char *text,
                const char *message)
{
  g_autoptr(GError) error = NULL;
  TrellisInterviewEligibility rule;

  g_assert_false (trellis_interview_eligibility_parse (text, &rule, &error));
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID);
  if (message != NULL)
    g_assert_cmpstr (error->message, ==, message);
}

/* A stored rule decides who may be drawn: anything unclear is refused. */
static void
test_parse_refuses (void)
{
  assert_refused ("", NULL);
  assert_refused ("rule=1;timepoint=T4;reached=completed",
                  "Interview eligibility rule ‘rule=1;timepoint=T4;reached=completed’: "
                  "expected four fields: rule, timepoint, reached, video");
  assert_refused ("rule=2;timepoint=T4;reached=completed;video=yes",
                  "Interview eligibility rule ‘rule=2;timepoint=T4;reached=completed;video=yes’: "
                  "‘rule’ must be ‘1’, not ‘2’");
  assert_refused ("rule=1;timepoint=T4;reached=due;video=yes",
                  "Interview eligibility rule ‘rule=1;timepoint=T4;reached=due;video=yes’: "
                  "‘reached’ must be ‘completed’ or ‘completed-or-due’, not ‘due’");
  assert_refused ("rule=1;timepoint=T4;reached=completed;video=maybe", NULL);
  assert_refused ("rule=1;reached=completed;timepoint=T4;video=yes",
                  "Interview eligibility rule ‘rule=1;reached=completed;timepoint=T4;video=yes’: "
                  "expected ‘timepoint=…’ where it has ‘reached=completed’");
  assert_refused ("rule=1;timepoint=;reached=completed;video=yes", NULL);
  assert_refused ("rule=1;timepoint=T 4;reached=completed;video=yes",
                  "Interview eligibility rule ‘rule=1;timepoint=T 4;reached=completed;video=yes’: "
                  "‘T 4’ is not a timepoint code (letters, digits, “-” and “_”, at most 16)");
  assert_refused ("rule=1;timepoint=T4;reached=completed;video=yes;", NULL);
  assert_refused ("rule=1;timepoint=T4;reached=completed;video=yes\n", NULL);
  assert_refused ("rule=1;timepoint=ABCDEFGHIJKLMNOPQ;reached=completed;video=yes", NULL);
}

static void
test_init_refuses_bad_code (void)
{
  g_autoptr(GError) error = NULL;
  TrellisInterviewEligibility rule;

  g_assert_false (trellis_interview_eligibility_init (&rule, "T4;video=no", TRELLIS_REACHED_COMPLETED,
                                                      TRUE, &error));
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID);
}

static void
test_describe (void)
{
  TrellisInterviewEligibility rule = make_rule ("T4", TRELLIS_REACHED_COMPLETED_OR_DUE, TRUE);
  g_autofree char *recorded_due = trellis_interview_eligibility_describe (&rule);
  g_autofree char *recorded_done = NULL;
  g_autofree char *plain_due = NULL;
  g_autofree char *plain_done = NULL;

  g_assert_cmpstr (recorded_due, ==,
                   "Consented to interview and video recording, not withdrawn, T4 completed or due, not drawn before");
  rule.reached = TRELLIS_REACHED_COMPLETED;
  recorded_done = trellis_interview_eligibility_describe (&rule);
  g_assert_cmpstr (recorded_done, ==,
                   "Consented to interview and video recording, not withdrawn, T4 completed, not drawn before");
  rule.recorded = FALSE;
  plain_done = trellis_interview_eligibility_describe (&rule);
  g_assert_cmpstr (plain_done, ==, "Consented to interview, not withdrawn, T4 completed, not drawn before");
  rule.reached = TRELLIS_REACHED_COMPLETED_OR_DUE;
  plain_due = trellis_interview_eligibility_describe (&rule);
  g_assert_cmpstr (plain_due, ==, "Consented to interview, not withdrawn, T4 completed or due, not drawn before");
}

/* The eligible candidate, for changing one fact at a time. */
static const TrellisInterviewCandidate eligible = {
  .interview_consent = TRUE,
  .video_consent = TRUE,
  .withdrawn = FALSE,
  .timepoint_status = TRELLIS_VISIT_COMPLETED,
  .already_drawn = FALSE,
};

static void
test_decide_one_fact_at_a_time (void)
{
  TrellisInterviewEligibility rule = make_rule ("T4", TRELLIS_REACHED_COMPLETED_OR_DUE, TRUE);
  TrellisInterviewCandidate c;

  g_assert_cmpint (trellis_interview_eligibility_decide (&rule, &eligible), ==, TRELLIS_INTERVIEW_ELIGIBLE);

  c = eligible, c.withdrawn = TRUE;
  g_assert_cmpint (trellis_interview_eligibility_decide (&rule, &c), ==, TRELLIS_INTERVIEW_INELIGIBLE_WITHDRAWN);
  c = eligible, c.already_drawn = TRUE;
  g_assert_cmpint (trellis_interview_eligibility_decide (&rule, &c), ==, TRELLIS_INTERVIEW_INELIGIBLE_ALREADY_DRAWN);
  c = eligible, c.interview_consent = FALSE;
  g_assert_cmpint (trellis_interview_eligibility_decide (&rule, &c), ==,
                   TRELLIS_INTERVIEW_INELIGIBLE_NO_INTERVIEW_CONSENT);
  c = eligible, c.video_consent = FALSE;
  g_assert_cmpint (trellis_interview_eligibility_decide (&rule, &c), ==, TRELLIS_INTERVIEW_INELIGIBLE_NO_VIDEO_CONSENT);

  /* Unrecorded interviews do not need video consent. */
  rule.recorded = FALSE;
  g_assert_cmpint (trellis_interview_eligibility_decide (&rule, &c), ==, TRELLIS_INTERVIEW_ELIGIBLE);
}

/* Which timepoint statuses count, under each condition. */
static void
test_decide_timepoint (void)
{
  TrellisInterviewEligibility done = make_rule ("T4", TRELLIS_REACHED_COMPLETED, TRUE);
  TrellisInterviewEligibility or_due = make_rule ("T4", TRELLIS_REACHED_COMPLETED_OR_DUE, TRUE);
  const struct
  {
    TrellisVisitStatus status;
    gboolean           done_ok;
    gboolean           or_due_ok;
  } cases[] = {
    { TRELLIS_VISIT_NOT_YET_DUE, FALSE, FALSE },
    { TRELLIS_VISIT_DUE, FALSE, TRUE },
    { TRELLIS_VISIT_OVERDUE, FALSE, FALSE },
    { TRELLIS_VISIT_COMPLETED, TRUE, TRUE },
    { TRELLIS_VISIT_MISSED, FALSE, FALSE },
    { TRELLIS_VISIT_NOT_APPLICABLE, FALSE, FALSE },
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (cases) == TRELLIS_N_VISIT_STATUSES);
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      TrellisInterviewCandidate c = eligible;

      c.timepoint_status = cases[i].status;
      g_assert_cmpint (trellis_interview_eligibility_decide (&done, &c) == TRELLIS_INTERVIEW_ELIGIBLE,
                       ==, cases[i].done_ok);
      g_assert_cmpint (trellis_interview_eligibility_decide (&or_due, &c) == TRELLIS_INTERVIEW_ELIGIBLE,
                       ==, cases[i].or_due_ok);
      if (!cases[i].or_due_ok)
        g_assert_cmpint (trellis_interview_eligibility_decide (&or_due, &c), ==,
                         TRELLIS_INTERVIEW_INELIGIBLE_TIMEPOINT);
    }
}

/* With several reasons at once, the lasting one is given. */
static void
test_decide_precedence (void)
{
  TrellisInterviewEligibility rule = make_rule ("T4", TRELLIS_REACHED_COMPLETED, TRUE);
  TrellisInterviewCandidate none = { FALSE, FALSE, TRUE, TRELLIS_VISIT_MISSED, TRUE };

  g_assert_cmpint (trellis_interview_eligibility_decide (&rule, &none), ==, TRELLIS_INTERVIEW_INELIGIBLE_WITHDRAWN);
  none.withdrawn = FALSE;
  g_assert_cmpint (trellis_interview_eligibility_decide (&rule, &none), ==, TRELLIS_INTERVIEW_INELIGIBLE_ALREADY_DRAWN);
  none.already_drawn = FALSE;
  g_assert_cmpint (trellis_interview_eligibility_decide (&rule, &none), ==,
                   TRELLIS_INTERVIEW_INELIGIBLE_NO_INTERVIEW_CONSENT);
  none.interview_consent = TRUE;
  g_assert_cmpint (trellis_interview_eligibility_decide (&rule, &none), ==,
                   TRELLIS_INTERVIEW_INELIGIBLE_NO_VIDEO_CONSENT);
  none.video_consent = TRUE;
  g_assert_cmpint (trellis_interview_eligibility_decide (&rule, &none), ==, TRELLIS_INTERVIEW_INELIGIBLE_TIMEPOINT);
}

static void
test_reasons (void)
{
  TrellisInterviewEligibility rule = make_rule ("T4", TRELLIS_REACHED_COMPLETED_OR_DUE, TRUE);
  g_autofree char *video = trellis_interview_ineligible_describe (TRELLIS_INTERVIEW_INELIGIBLE_NO_VIDEO_CONSENT, &rule);
  g_autofree char *or_due = trellis_interview_ineligible_describe (TRELLIS_INTERVIEW_INELIGIBLE_TIMEPOINT, &rule);
  g_autofree char *done = NULL;

  g_assert_cmpstr (video, ==, "Has not consented to video recording");
  g_assert_cmpstr (or_due, ==, "T4 neither completed nor due");
  rule.reached = TRELLIS_REACHED_COMPLETED;
  done = trellis_interview_ineligible_describe (TRELLIS_INTERVIEW_INELIGIBLE_TIMEPOINT, &rule);
  g_assert_cmpstr (done, ==, "T4 not completed");

  for (int reason = TRELLIS_INTERVIEW_ELIGIBLE; reason <= TRELLIS_INTERVIEW_INELIGIBLE_TIMEPOINT; reason++)
    {
      g_autofree char *text = trellis_interview_ineligible_describe (reason, &rule);

      g_assert_nonnull (text);
      g_assert_cmpstr (text, !=, "");
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/trellis/domain/interview-eligibility/round-trip", test_round_trip);
  g_test_add_func ("/trellis/domain/interview-eligibility/parse-refuses", test_parse_refuses);
  g_test_add_func ("/trellis/domain/interview-eligibility/init-refuses-bad-code", test_init_refuses_bad_code);
  g_test_add_func ("/trellis/domain/interview-eligibility/describe", test_describe);
  g_test_add_func ("/trellis/domain/interview-eligibility/decide-one-fact-at-a-time", test_decide_one_fact_at_a_time);
  g_test_add_func ("/trellis/domain/interview-eligibility/decide-timepoint", test_decide_timepoint);
  g_test_add_func ("/trellis/domain/interview-eligibility/decide-precedence", test_decide_precedence);
  g_test_add_func ("/trellis/domain/interview-eligibility/reasons", test_reasons);

  return g_test_run ();
}
