/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "trellis-domain-error.h"
#include "trellis-interview-status.h"

#define INVITED TRELLIS_INTERVIEW_INVITED
#define SCHEDULED TRELLIS_INTERVIEW_SCHEDULED
#define DONE TRELLIS_INTERVIEW_DONE
#define TRANSCRIBED TRELLIS_INTERVIEW_TRANSCRIBED
#define ANONYMISED TRELLIS_INTERVIEW_ANONYMISED
#define CODED TRELLIS_INTERVIEW_CODED
#define DECLINED TRELLIS_INTERVIEW_DECLINED
#define DNA TRELLIS_INTERVIEW_DID_NOT_ATTEND

static void
test_strings (void)
{
  const char *words[] = {
    "invited", "scheduled", "done", "transcribed", "anonymised", "coded", "declined", "did-not-attend",
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (words) == TRELLIS_N_INTERVIEW_STATUSES);
  for (guint i = 0; i < TRELLIS_N_INTERVIEW_STATUSES; i++)
    {
      TrellisInterviewStatus back = INVITED;
      g_autoptr(GError) error = NULL;

      g_assert_cmpstr (trellis_interview_status_to_string (i), ==, words[i]);
      g_assert_true (trellis_interview_status_from_string (words[i], &back, &error));
      g_assert_no_error (error);
      g_assert_cmpint (back, ==, i);
      g_assert_nonnull (trellis_interview_status_to_label (i));
    }
  g_assert_cmpstr (trellis_interview_status_to_label (DNA), ==, "Did not attend");
  g_assert_cmpstr (trellis_interview_status_to_label (ANONYMISED), ==, "Anonymised");
}

static void
test_from_string_refuses (void)
{
  const char *bad[] = { "", "Invited", "did not attend", "anonymized", "done " };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      TrellisInterviewStatus status = CODED;

      g_assert_false (trellis_interview_status_from_string (bad[i], &status, &error));
      g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID);
      g_assert_cmpint (status, ==, CODED);
    }
  {
    g_autoptr(GError) error = NULL;
    TrellisInterviewStatus status;

    trellis_interview_status_from_string ("postponed", &status, &error);
    g_assert_cmpstr (error->message, ==, "‘postponed’ is not an interview status");
  }
}

/* The whole 8 × 8 table against the documented diagram. */
static void
test_moves (void)
{
  const struct
  {
    TrellisInterviewStatus from;
    TrellisInterviewStatus to;
  } allowed[] = {
    { INVITED, SCHEDULED }, { INVITED, DECLINED },
    { SCHEDULED, DONE }, { SCHEDULED, DNA }, { SCHEDULED, DECLINED },
    { DONE, TRANSCRIBED }, { TRANSCRIBED, ANONYMISED }, { ANONYMISED, CODED },
  };

  for (guint from = 0; from < TRELLIS_N_INTERVIEW_STATUSES; from++)
    for (guint to = 0; to < TRELLIS_N_INTERVIEW_STATUSES; to++)
      {
        gboolean expected = FALSE;

        for (gsize k = 0; k < G_N_ELEMENTS (allowed); k++)
          expected = expected || (allowed[k].from == from && allowed[k].to == to);
        if (trellis_interview_status_can_move (from, to) != expected)
          g_test_message ("%s → %s", trellis_interview_status_to_string (from),
                          trellis_interview_status_to_string (to));
        g_assert_cmpint (trellis_interview_status_can_move (from, to), ==, expected);
        g_assert_cmpint (trellis_interview_status_check_move (from, to, NULL), ==, expected);
      }
}

static void
test_check_move_messages (void)
{
  g_autoptr(GError) skip = NULL;
  g_autoptr(GError) final = NULL;

  g_assert_true (trellis_interview_status_check_move (SCHEDULED, DONE, NULL));
  g_assert_false (trellis_interview_status_check_move (INVITED, DONE, &skip));
  g_assert_error (skip, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_ORDER);
  g_assert_cmpstr (skip->message, ==, "An interview cannot go from ‘Invited’ to ‘Done’");
  g_assert_false (trellis_interview_status_check_move (DNA, SCHEDULED, &final));
  g_assert_cmpstr (final->message, ==, "An interview marked ‘Did not attend’ cannot change status any more");
}

static void
test_next (void)
{
  TrellisInterviewStatus next[TRELLIS_N_INTERVIEW_STATUSES];

  g_assert_cmpuint (trellis_interview_status_next (SCHEDULED, next), ==, 3);
  g_assert_cmpint (next[0], ==, DONE);
  g_assert_cmpint (next[1], ==, DECLINED);
  g_assert_cmpint (next[2], ==, DNA);
  g_assert_cmpuint (trellis_interview_status_next (DONE, next), ==, 1);
  g_assert_cmpint (next[0], ==, TRANSCRIBED);
  g_assert_cmpuint (trellis_interview_status_next (CODED, next), ==, 0);
}

/* Every status can be reached from invited, and every path ends in a final
 * status: the pipeline has no dead ends and no loops. */
static void
test_reachable_and_acyclic (void)
{
  gboolean reached[TRELLIS_N_INTERVIEW_STATUSES] = { FALSE, };
  TrellisInterviewStatus queue[TRELLIS_N_INTERVIEW_STATUSES];
  guint head = 0, tail = 0;

  reached[INVITED] = TRUE;
  queue[tail++] = INVITED;
  while (head < tail)
    {
      TrellisInterviewStatus next[TRELLIS_N_INTERVIEW_STATUSES];
      guint n = trellis_interview_status_next (queue[head++], next);

      for (guint i = 0; i < n; i++)
        {
          /* Every move goes to a later value of the enum, so there are no loops. */
          g_assert_cmpint (next[i], >, queue[head - 1]);
          if (!reached[next[i]])
            {
              reached[next[i]] = TRUE;
              queue[tail++] = next[i];
            }
        }
    }
  for (guint i = 0; i < TRELLIS_N_INTERVIEW_STATUSES; i++)
    g_assert_true (reached[i]);
}

static void
test_final_and_replacement (void)
{
  for (guint i = 0; i < TRELLIS_N_INTERVIEW_STATUSES; i++)
    {
      gboolean final = i == CODED || i == DECLINED || i == DNA;
      gboolean replace = i == DECLINED || i == DNA;

      g_assert_cmpint (trellis_interview_status_is_final (i), ==, final);
      g_assert_cmpint (trellis_interview_status_calls_for_replacement (i), ==, replace);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/trellis/domain/interview-status/strings", test_strings);
  g_test_add_func ("/trellis/domain/interview-status/from-string-refuses", test_from_string_refuses);
  g_test_add_func ("/trellis/domain/interview-status/moves", test_moves);
  g_test_add_func ("/trellis/domain/interview-status/check-move-messages", test_check_move_messages);
  g_test_add_func ("/trellis/domain/interview-status/next", test_next);
  g_test_add_func ("/trellis/domain/interview-status/reachable-and-acyclic", test_reachable_and_acyclic);
  g_test_add_func ("/trellis/domain/interview-status/final-and-replacement", test_final_and_replacement);

  return g_test_run ();
}
