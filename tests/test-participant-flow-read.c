/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "interview-fixture.h"
#include "trellis-database-private.h"
#include "trellis-participant-flow-read.h"
#include "trellis-retention.h"
#include "trellis-test-utils.h"

/* The participant flow of the demo study (69 registered, seed 2025) on its
 * last day, when every window has closed: the seed study's 66 → 62 → 47 →
 * 33, and, once interviewees are drawn, the interview sub-study. */

typedef TrellisTestFolder Fixture;

#define ALL TRELLIS_FLOW_NO_COHORT

static TrellisParticipantFlow *
read_flow (TrellisDatabase *db,
           const char      *instrument)
{
  g_autoptr(GError) error = NULL;
  TrellisParticipantFlow *flow = trellis_participant_flow_read (db, demo_fixture_today (), instrument, &error);

  g_assert_no_error (error);
  g_assert_nonnull (flow);
  return flow;
}

static guint
count (const TrellisParticipantFlow *flow,
       const char                   *box,
       const char                   *reason)
{
  g_assert_nonnull (trellis_participant_flow_find_box (flow, box));
  return trellis_participant_flow_count (flow, box, reason, ALL);
}

/* Every box's cohorts add up to its total, and so do its reasons, but for
 * the "of whom" ones (subset), which are no more than it. */
static void
assert_box_adds_up (const TrellisParticipantFlow *flow,
                    const TrellisFlowBox         *box)
{
  gboolean split = FALSE;
  guint sum = 0;

  for (guint c = 0; c < flow->n_cohorts; c++)
    sum += box->total.by_cohort[c];
  g_assert_cmpuint (sum, ==, box->total.count);

  sum = 0;
  for (guint i = 0; i < box->reasons->len; i++)
    {
      const TrellisFlowCount *reason = &g_array_index (box->reasons, TrellisFlowCount, i);
      guint cohorts = 0;

      for (guint c = 0; c < flow->n_cohorts; c++)
        cohorts += reason->by_cohort[c];
      g_assert_cmpuint (cohorts, ==, reason->count);
      if (!reason->subset)
        sum += reason->count;
      else
        g_assert_cmpuint (reason->count, <=, box->total.count);
      split |= !reason->subset;
    }
  if (split)
    g_assert_cmpuint (sum, ==, box->total.count);
}

static void
assert_adds_up (const TrellisParticipantFlow *flow,
                GPtrArray                    *steps)
{
  for (guint i = 0; i < steps->len; i++)
    {
      const TrellisFlowStep *step = steps->pdata[i];

      assert_box_adds_up (flow, step->main);
      if (step->side != NULL)
        assert_box_adds_up (flow, step->side);
    }
}

static void
test_demo (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(TrellisDatabase) db = demo_fixture_create (fixture->path, "Flow");
  g_autoptr(TrellisParticipantFlow) flow = read_flow (db, NULL);
  static const char *const codes[] = { "T1", "T2", "T3", "T4" };
  static const guint completed[] = { 66, 62, 47, 33 };

  g_assert_cmpuint (flow->n_cohorts, ==, 7);
  g_assert_cmpstr (flow->cohort_names[0], ==, "Midwives");
  g_assert_cmpuint (flow->today, ==, demo_fixture_today ());
  /* Recruited, consented, four timepoints, analysed. */
  g_assert_cmpuint (flow->steps->len, ==, 7);
  g_assert_false (trellis_participant_flow_has_interviews (flow));

  /* The three at the end of the register have not consented yet. */
  g_assert_cmpuint (count (flow, "recruited", NULL), ==, 69);
  g_assert_cmpuint (count (flow, "not-consented", NULL), ==, 3);
  g_assert_cmpuint (count (flow, "not-consented", "no-consent"), ==, 3);
  g_assert_cmpuint (count (flow, "not-consented", "declined"), ==, 0);
  g_assert_cmpuint (count (flow, "consented", NULL), ==, 66);

  for (guint t = 0; t < G_N_ELEMENTS (codes); t++)
    {
      g_autofree char *done = g_strconcat ("completed:", codes[t], NULL);
      g_autofree char *not_done = g_strconcat ("not-completed:", codes[t], NULL);

      g_assert_cmpuint (count (flow, done, NULL), ==, completed[t]);
      g_assert_cmpuint (count (flow, done, NULL) + count (flow, not_done, NULL), ==, 66);
      /* Nobody consented is still to start: every window has closed. */
      g_assert_cmpuint (count (flow, not_done, "not-yet-due"), ==, 0);
    }
  /* At T2, two were marked missed and two had been lost to follow-up. */
  g_assert_cmpuint (count (flow, "not-completed:T2", "missed"), ==, 2);
  g_assert_cmpuint (count (flow, "not-completed:T2", "lost"), ==, 2);
  /* Each withdrawal is counted under its type from the timepoint it stopped. */
  g_assert_cmpuint (count (flow, "not-completed:T4", "withdrawn:no-further-contact"), ==, 1);
  g_assert_cmpuint (count (flow, "not-completed:T4", "withdrawn:no-further-data"), ==, 1);
  g_assert_cmpuint (count (flow, "not-completed:T4", "withdrawn:data-destruction"), ==, 1);
  g_assert_cmpuint (count (flow, "not-completed:T4", "overdue"), ==, 4);
  /* The two lost to follow-up are told apart from those marked missed. */
  g_assert_cmpuint (count (flow, "not-completed:T4", "lost"), ==, 2);

  /* Everyone consented has a baseline score, except the one whose data
   * was destroyed... if the demo purged it; either way the boxes add up. */
  g_assert_cmpuint (count (flow, "analysed", NULL) + count (flow, "not-analysed", NULL), ==, 66);
  g_assert_cmpuint (count (flow, "analysed", "instrument:BRS"), <=, count (flow, "analysed", NULL));
  g_assert_cmpuint (count (flow, "analysed", "all-timepoints"), <=, 33);
  g_assert_cmpuint (count (flow, "analysed", "all-timepoints"), >, 20);

  /* Midwives: ten recruited and all ten completed T3. */
  g_assert_cmpuint (trellis_participant_flow_count (flow, "recruited", NULL, 0), ==, 10);
  g_assert_cmpuint (trellis_participant_flow_count (flow, "completed:T3", NULL, 0), ==, 10);
  assert_adds_up (flow, flow->steps);
}

/* The timepoint boxes agree with retention counts, which count everyone
 * recruited: the three without consent are "not yet due" there. */
static void
test_agrees_with_retention (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(TrellisDatabase) db = demo_fixture_create (fixture->path, "Flow");
  g_autoptr(TrellisParticipantFlow) flow = read_flow (db, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisVisitTable) table = trellis_visit_table_read (db, demo_fixture_today (), &error);
  g_autoptr(TrellisRetention) retention = trellis_retention_compute (table);

  g_assert_no_error (error);
  g_assert_cmpuint (retention->n_cohorts, ==, flow->n_cohorts);
  for (guint t = 0; t < retention->n_timepoints; t++)
    {
      g_autofree char *done = g_strconcat ("completed:", retention->timepoint_codes[t], NULL);
      g_autofree char *not_done = g_strconcat ("not-completed:", retention->timepoint_codes[t], NULL);
      const TrellisRetentionCounts *total = trellis_retention_get_total (retention, t);

      g_assert_cmpuint (count (flow, done, NULL), ==, total->completed);
      g_assert_cmpuint (count (flow, not_done, "missed") + count (flow, not_done, "lost"), ==, total->missed);
      g_assert_cmpuint (count (flow, not_done, "overdue"), ==, total->overdue);
      for (guint c = 0; c < retention->n_cohorts; c++)
        {
          g_assert_cmpstr (retention->cohort_names[c], ==, flow->cohort_names[c]);
          g_assert_cmpuint (trellis_participant_flow_count (flow, done, NULL, c), ==,
                            trellis_retention_get (retention, c, t)->completed);
        }
    }
}

/* One instrument only: its line is the analysed total. An unknown code is
 * refused by name. */
static void
test_instrument (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(TrellisDatabase) db = demo_fixture_create (fixture->path, "Flow");
  g_autoptr(TrellisParticipantFlow) flow = read_flow (db, "ccae");
  g_autoptr(TrellisParticipantFlow) unknown = NULL;
  g_autoptr(GError) error = NULL;
  const TrellisFlowBox *analysed = trellis_participant_flow_find_box (flow, "analysed");

  g_assert_cmpuint (analysed->reasons->len, ==, 2);
  g_assert_cmpstr (g_array_index (analysed->reasons, TrellisFlowCount, 0).key, ==, "instrument:CCAE");
  g_assert_cmpstr (g_array_index (analysed->reasons, TrellisFlowCount, 0).label, ==,
                   "Confidence in Coping with Adverse Events");
  g_assert_cmpuint (count (flow, "analysed", "instrument:CCAE"), ==, analysed->total.count);
  g_assert_cmpuint (analysed->total.count, >=, 60);

  unknown = trellis_participant_flow_read (db, demo_fixture_today (), "XYZ", &error);
  g_assert_null (unknown);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "XYZ"));
}

static void
book (TrellisDatabase *db,
      gint64           participant_id,
      int              hour)
{
  g_autoptr(GPtrArray) warnings = interview_fixture_book (db, participant_id, "Ada", hour);
}
static void
move (TrellisDatabase        *db,
      gint64                  participant_id,
      TrellisInterviewStatus  status)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (trellis_interview_store_set_status (db, participant_id, status, 60, "Ada", &error));
  g_assert_no_error (error);
}

static void
replace (TrellisDatabase        *db,
         gint64                  draw_id,
         gint64                  participant_id,
         TrellisInterviewStatus  reason)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (trellis_interview_store_replace (db, draw_id, participant_id, reason, &error), >, 0);
  g_assert_no_error (error);
}

/* Fourteen drawn at T4; the first declines and the second does not attend,
 * both replaced; one is booked, one transcribed and one coded. */
static gint64
make_interviews (TrellisDatabase *db)
{
  TrellisDrawRequest request = { .total = 14, .have_seed = TRUE, .seed = 7, .today = demo_fixture_today () };
  g_autoptr(GError) error = NULL;
  gint64 draw_id;

  g_assert_true (trellis_interview_eligibility_init (&request.rule, "T4", TRELLIS_REACHED_COMPLETED_OR_DUE,
                                                     TRUE, NULL));
  draw_id = trellis_interview_store_draw (db, &request, &error);
  g_assert_no_error (error);

  replace (db, draw_id, interview_fixture_pick (db, draw_id, 1), TRELLIS_INTERVIEW_DECLINED);
  book (db, interview_fixture_pick (db, draw_id, 2), 9);
  replace (db, draw_id, interview_fixture_pick (db, draw_id, 2), TRELLIS_INTERVIEW_DID_NOT_ATTEND);
  book (db, interview_fixture_pick (db, draw_id, 3), 11);
  book (db, interview_fixture_pick (db, draw_id, 4), 13);
  move (db, interview_fixture_pick (db, draw_id, 4), TRELLIS_INTERVIEW_DONE);
  move (db, interview_fixture_pick (db, draw_id, 4), TRELLIS_INTERVIEW_TRANSCRIBED);
  book (db, interview_fixture_pick (db, draw_id, 5), 15);
  move (db, interview_fixture_pick (db, draw_id, 5), TRELLIS_INTERVIEW_DONE);
  move (db, interview_fixture_pick (db, draw_id, 5), TRELLIS_INTERVIEW_TRANSCRIBED);
  move (db, interview_fixture_pick (db, draw_id, 5), TRELLIS_INTERVIEW_ANONYMISED);
  move (db, interview_fixture_pick (db, draw_id, 5), TRELLIS_INTERVIEW_CODED);
  return draw_id;
}

static void
test_interviews (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(TrellisDatabase) db = demo_fixture_create (fixture->path, "Flow");
  g_autoptr(TrellisParticipantFlow) flow = NULL;
  guint eligible;

  make_interviews (db);
  flow = read_flow (db, NULL);
  g_assert_true (trellis_participant_flow_has_interviews (flow));
  g_assert_cmpuint (flow->interview_steps->len, ==, 3);
  /* The draws were made at T4: the sub-study branches off its step. */
  g_assert_cmpstr (((TrellisFlowStep *) flow->steps->pdata[flow->interview_from])->main->total.key, ==,
                   "completed:T4");

  eligible = count (flow, "interview-eligible", NULL);
  g_assert_cmpuint (eligible, ==, trellis_test_sqlite_int (trellis_database_get_handle (db), "SELECT count (*) FROM interview_eligible"));
  g_assert_cmpuint (count (flow, "interview-drawn", NULL), ==, 16);
  g_assert_cmpuint (count (flow, "interview-not-drawn", NULL), ==, eligible - 16);
  g_assert_cmpuint (count (flow, "interview-drawn", "first-pick"), ==, 14);
  g_assert_cmpuint (count (flow, "interview-drawn", "replacement"), ==, 2);
  g_assert_cmpuint (count (flow, "interview-dropped", NULL), ==, 2);
  g_assert_cmpuint (count (flow, "interview-dropped", "declined"), ==, 1);
  g_assert_cmpuint (count (flow, "interview-dropped", "did-not-attend"), ==, 1);
  g_assert_cmpuint (count (flow, "interview-dropped", "replaced"), ==, 2);
  g_assert_cmpuint (count (flow, "interviewed", NULL), ==, 2);
  g_assert_cmpuint (count (flow, "interviewed", "transcribed"), ==, 1);
  g_assert_cmpuint (count (flow, "interviewed", "coded"), ==, 1);
  g_assert_cmpuint (count (flow, "interview-pending", NULL), ==, 12);
  g_assert_cmpuint (count (flow, "interview-pending", "scheduled"), ==, 1);
  g_assert_cmpuint (count (flow, "interview-pending", "invited"), ==, 11);
  assert_adds_up (flow, flow->interview_steps);
  /* The main flow is the same as without interviews. */
  g_assert_cmpuint (count (flow, "completed:T4", NULL), ==, 33);
}

/* A study with no one in it still has its steps, all at zero. */
static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisDatabase) db = trellis_demo_study_create (fixture->path, "Empty", 0,
                                                             TRELLIS_DEMO_STUDY_DEFAULT_SEED, &error);
  g_autoptr(TrellisParticipantFlow) flow = NULL;

  g_assert_no_error (error);
  flow = read_flow (db, NULL);
  g_assert_cmpuint (flow->n_cohorts, ==, 0);
  g_assert_cmpuint (flow->steps->len, ==, 7);
  g_assert_cmpuint (count (flow, "recruited", NULL), ==, 0);
  g_assert_cmpuint (count (flow, "analysed", NULL), ==, 0);
  g_assert_false (trellis_participant_flow_has_interviews (flow));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, trellis_test_folder_set_up, func, trellis_test_folder_tear_down)
  ADD ("/trellis/storage/participant-flow/demo", test_demo);
  ADD ("/trellis/storage/participant-flow/agrees-with-retention", test_agrees_with_retention);
  ADD ("/trellis/storage/participant-flow/instrument", test_instrument);
  ADD ("/trellis/storage/participant-flow/interviews", test_interviews);
  ADD ("/trellis/storage/participant-flow/empty", test_empty);
#undef ADD

  return g_test_run ();
}
