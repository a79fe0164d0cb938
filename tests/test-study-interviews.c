/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "demo-fixture.h"
#include "trellis-domain-error.h"
#include "trellis-storage-error.h"
#include "trellis-study-interviews.h"
#include "trellis-test-utils.h"

/* The interviews of a study through its façade, on the demo study placed on
 * its last day: the eligible list read in a worker is the one read at once,
 * and each saved draw or replacement tells listeners once, while a check
 * that only reads tells no one. */

typedef TrellisTestFolder Fixture;

static TrellisStudy *
open_demo (const char *path)
{
  g_autoptr(GError) error = NULL;
  TrellisStudy *study;

  demo_fixture_create_closed (path, "Interviews");
  study = trellis_study_open (path, TRELLIS_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);
  return study;
}

static TrellisInterviewEligibility
t4_rule (void)
{
  TrellisInterviewEligibility rule;

  g_assert_true (trellis_interview_eligibility_init (&rule, "T4", TRELLIS_REACHED_COMPLETED_OR_DUE, TRUE, NULL));
  return rule;
}

static void
on_read (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  TrellisEligibleList **list = user_data;
  g_autoptr(GError) error = NULL;

  *list = trellis_study_read_eligible_finish (TRELLIS_STUDY (source), result, &error);
  g_assert_no_error (error);
}

static void
test_eligible_async (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(TrellisStudy) study = open_demo (fixture->path);
  g_autoptr(TrellisEligibleList) at_once = NULL;
  g_autoptr(TrellisEligibleList) in_worker = NULL;
  TrellisInterviewEligibility rule = t4_rule ();

  at_once = trellis_study_read_eligible (study, &rule, demo_fixture_today (), NULL);
  trellis_study_read_eligible_async (study, &rule, demo_fixture_today (), NULL, on_read, &in_worker);
  while (in_worker == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (trellis_eligible_list_count (in_worker), ==, trellis_eligible_list_count (at_once));
  g_assert_cmpuint (trellis_eligible_list_count (in_worker), ==, 29);
  g_assert_cmpuint (in_worker->cohorts->len, ==, at_once->cohorts->len);
  g_assert_cmpuint (in_worker->ineligible->len, ==, at_once->ineligible->len);
}

static void
count_signal (TrellisStudy *study,
              guint        *n)
{
  (*n)++;
}

static void
test_changes_signalled (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(TrellisStudy) study = open_demo (fixture->path);
  g_autoptr(GPtrArray) draws = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  TrellisDrawRequest request = { .rule = t4_rule (), .total = 23, .have_seed = TRUE, .seed = 2025,
                                 .today = demo_fixture_today () };
  TrellisDrawCheck check = { 0 };
  TrellisStoredDraw *draw;
  guint n_changes = 0, n_schedule = 0;
  gint64 id;

  g_signal_connect (study, "interviews-changed", G_CALLBACK (count_signal), &n_changes);
  g_signal_connect (study, "schedule-changed", G_CALLBACK (count_signal), &n_schedule);
  id = trellis_study_draw_interviews (study, &request, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpuint (n_changes, ==, 1);

  draws = trellis_study_list_draws (study, &error);
  g_assert_no_error (error);
  draw = g_ptr_array_index (draws, 0);
  g_assert_cmpuint (draw->picks->len, ==, 23);
  g_assert_cmpint (trellis_study_replace_pick (study, id, g_array_index (draw->picks, TrellisStoredPick, 0).participant_id,
                                               TRELLIS_INTERVIEW_DECLINED, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpuint (n_changes, ==, 2);

  /* A refused replacement (the same person again) changes nothing. */
  g_assert_cmpint (trellis_study_replace_pick (study, id, g_array_index (draw->picks, TrellisStoredPick, 0).participant_id,
                                               TRELLIS_INTERVIEW_DECLINED, &error), ==, 0);
  g_assert_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_EXISTS);
  g_assert_cmpuint (n_changes, ==, 2);

  g_assert_true (trellis_study_verify_draw (study, id, &check, &description, NULL));
  g_assert_cmpint (check.verdict, ==, TRELLIS_DRAW_CHECK_MATCHES);
  trellis_draw_check_clear (&check);
  g_assert_cmpuint (n_changes, ==, 2);
  /* A draw changes nobody's visits: the schedule the study keeps stays. */
  g_assert_cmpuint (n_schedule, ==, 0);
}

static gint64
draw_and_book (TrellisStudy *study,
               gint64       *second)
{
  TrellisDrawRequest draw_request = { .rule = t4_rule (), .total = 23, .have_seed = TRUE, .seed = 2025,
                                      .today = demo_fixture_today () };
  TrellisScheduleRequest request = { .interviewer = "Dr Amara Osei", .hour = 10, .zone = "Europe/London",
                                     .which = TRELLIS_LOCAL_TIME_ASK, .minutes = 60, .recorded = -1,
                                     .today = demo_fixture_today (), .now = 0 };
  g_autoptr(GPtrArray) draws = NULL;
  g_autoptr(GError) error = NULL;
  TrellisStoredDraw *draw;
  gint64 first;

  g_assert_cmpint (trellis_study_draw_interviews (study, &draw_request, &error), >, 0);
  draws = trellis_study_list_draws (study, &error);
  g_assert_no_error (error);
  draw = g_ptr_array_index (draws, 0);
  first = g_array_index (draw->picks, TrellisStoredPick, 0).participant_id;
  *second = g_array_index (draw->picks, TrellisStoredPick, 1).participant_id;
  g_date_set_dmy (&request.date, 3, G_DATE_NOVEMBER, 2025);
  g_assert_true (trellis_study_schedule_interview (study, first, &request, NULL, NULL, &error));
  g_assert_no_error (error);
  return first;
}

typedef struct
{
  gboolean finished;
  char *hash;
  GError *error;
} Attached;

static void
on_attached (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Attached *attached = user_data;

  attached->hash = trellis_study_attach_transcript_finish (TRELLIS_STUDY (source), result, &attached->error);
  g_assert_true ((attached->hash == NULL) == (attached->error != NULL));
  attached->finished = TRUE;
}

/* The stored hash of the transcript at PATH, or NULL with ERROR. */
static char *
attach (TrellisStudy  *study,
        gint64         participant_id,
        const char    *path,
        GError       **error)
{
  Attached attached = { 0 };

  trellis_study_attach_transcript_async (study, participant_id, path, NULL, on_attached, &attached);
  while (!attached.finished)
    g_main_context_iteration (NULL, TRUE);
  if (attached.error != NULL)
    g_propagate_error (error, attached.error);
  return attached.hash;
}

static void
on_exported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  guint *n = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (trellis_study_export_interviews_finish (TRELLIS_STUDY (source), result, n, &error));
  g_assert_no_error (error);
}

/* Done, a transcript hashed in a worker, anonymised and coded, each told
 * once; refusals tell no one; the calendar is written in a worker. */
static void
test_pipeline (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(TrellisStudy) study = open_demo (fixture->path);
  g_autofree char *transcript = g_build_filename (fixture->dir, "transcript.txt", NULL);
  g_autofree char *missing = g_build_filename (fixture->dir, "missing.txt", NULL);
  g_autofree char *expected = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "Q: How was it?\n", -1);
  g_autoptr(GFile) calendar = g_file_new_build_filename (fixture->dir, "interviews.ics", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *hashed = NULL;
  gint64 second, first = draw_and_book (study, &second);
  guint n_changes = 0, n_events = G_MAXUINT;

  g_assert_true (g_file_set_contents (transcript, "Q: How was it?\n", -1, NULL));
  g_signal_connect (study, "interviews-changed", G_CALLBACK (count_signal), &n_changes);
  g_assert_false (trellis_study_move_interview (study, first, TRELLIS_INTERVIEW_CODED, 0, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_true (trellis_study_move_interview (study, first, TRELLIS_INTERVIEW_DONE, 58, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_changes, ==, 1);

  g_assert_null (attach (study, second, transcript, &error));
  g_assert_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_null (attach (study, first, missing, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (n_changes, ==, 1);
  hashed = attach (study, first, transcript, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hashed, ==, expected);
  g_assert_cmpuint (n_changes, ==, 2);

  g_assert_true (trellis_study_move_interview (study, first, TRELLIS_INTERVIEW_ANONYMISED, 0, "Priya", NULL));
  g_assert_true (trellis_study_move_interview (study, first, TRELLIS_INTERVIEW_CODED, 0, NULL, NULL));
  g_assert_cmpuint (n_changes, ==, 4);

  trellis_study_export_interviews_async (study, calendar, NULL, on_exported, &n_events);
  while (n_events == G_MAXUINT)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (n_events, ==, 1);
  g_assert_true (g_file_query_exists (calendar, NULL));
}

typedef struct
{
  gboolean finished;
  gboolean booked;
  GPtrArray *warnings;
  TrellisLocalTimeCandidates candidates;
  GError *error;
} Booked;

static void
on_booked (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Booked *booked = user_data;

  booked->booked = trellis_study_schedule_interview_finish (TRELLIS_STUDY (source), result, &booked->warnings,
                                                            &booked->candidates, &booked->error);
  g_assert_true (booked->booked == (booked->error == NULL));
  booked->finished = TRUE;
}

/* Books through the asynchronous façade and waits; the warnings, or NULL
 * with ERROR (and, for a time that happens twice, CANDIDATES). */
static GPtrArray *
book (TrellisStudy                  *study,
      gint64                         participant_id,
      const TrellisScheduleRequest  *request,
      GCancellable                  *cancellable,
      TrellisLocalTimeCandidates    *candidates,
      GError                       **error)
{
  Booked booked = { 0 };

  trellis_study_schedule_interview_async (study, participant_id, request, cancellable, on_booked, &booked);
  /* Nothing is booked before the main loop runs: the schedule comes first. */
  g_assert_false (booked.finished);
  while (!booked.finished)
    g_main_context_iteration (NULL, TRUE);
  if (candidates != NULL)
    *candidates = booked.candidates;
  if (booked.error != NULL)
    g_propagate_error (error, booked.error);
  return booked.warnings;
}

static TrellisInterviewStatus
status_of (TrellisStudy *study,
           gint64        participant_id)
{
  TrellisInterviewFilter filter = { .status = -1, .today = demo_fixture_today () };
  g_autoptr(GPtrArray) rows = trellis_study_list_interviews (study, &filter, NULL);

  g_assert_nonnull (rows);
  for (guint i = 0; i < rows->len; i++)
    if (((TrellisInterviewRow *) rows->pdata[i])->participant_id == participant_id)
      return ((TrellisInterviewRow *) rows->pdata[i])->status;
  g_assert_not_reached ();
}

/* Booking without blocking: the schedule is read first, then the booking
 * written and told once. A time that happens twice is refused with both
 * instants, a cancelled booking writes nothing, and the conflicts found are
 * those the booking on the caller's thread finds. */
static void
test_schedule_async (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(TrellisStudy) study = open_demo (fixture->path);
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GError) error = NULL;
  TrellisLocalTimeCandidates candidates = { 0 };
  TrellisScheduleRequest request = { .interviewer = "Dr Amara Osei", .hour = 1, .minute = 30,
                                     .zone = "Europe/London", .which = TRELLIS_LOCAL_TIME_ASK, .minutes = 60,
                                     .mode = "telephone", .recorded = -1, .today = demo_fixture_today (), .now = 0 };
  gint64 second;
  guint n_changes = 0;

  draw_and_book (study, &second);
  g_signal_connect (study, "interviews-changed", G_CALLBACK (count_signal), &n_changes);
  g_date_set_dmy (&request.date, 26, G_DATE_OCTOBER, 2025);
  g_assert_null (book (study, second, &request, NULL, &candidates, &error));
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_AMBIGUOUS_TIME);
  g_assert_cmpint (candidates.n, ==, 2);
  g_clear_error (&error);

  g_cancellable_cancel (cancelled);
  request.which = TRELLIS_LOCAL_TIME_LATER;
  g_assert_null (book (study, second, &request, cancelled, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpint (status_of (study, second), ==, TRELLIS_INTERVIEW_INVITED);
  g_assert_cmpuint (n_changes, ==, 0);

  /* The same interviewer at the same time as the first booking. */
  g_date_set_dmy (&request.date, 3, G_DATE_NOVEMBER, 2025);
  request.hour = 10;
  request.minute = 0;
  warnings = book (study, second, &request, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (status_of (study, second), ==, TRELLIS_INTERVIEW_SCHEDULED);
  g_assert_cmpuint (n_changes, ==, 1);
  g_assert_cmpuint (warnings->len, >, 0);
  g_assert_true (trellis_study_schedule_interview (study, second, &request, &again, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, warnings->len);
  for (guint i = 0; i < warnings->len; i++)
    g_assert_cmpstr (g_ptr_array_index (again, i), ==, g_ptr_array_index (warnings, i));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/trellis/storage/study-interviews/eligible-async", Fixture, NULL,
              trellis_test_folder_set_up, test_eligible_async, trellis_test_folder_tear_down);
  g_test_add ("/trellis/storage/study-interviews/changes-signalled", Fixture, NULL,
              trellis_test_folder_set_up, test_changes_signalled, trellis_test_folder_tear_down);
  g_test_add ("/trellis/storage/study-interviews/pipeline", Fixture, NULL,
              trellis_test_folder_set_up, test_pipeline, trellis_test_folder_tear_down);
  g_test_add ("/trellis/storage/study-interviews/schedule-async", Fixture, NULL,
              trellis_test_folder_set_up, test_schedule_async, trellis_test_folder_tear_down);
  return g_test_run ();
}
