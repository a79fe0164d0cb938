/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "trellis-interview-conflicts.h"

/* Seconds since the epoch of a UTC wall time, to write expectations plainly. */
static gint64
utc (int year,
     int month,
     int day_of_month,
     int hour,
     int minute)
{
  g_autoptr(GDateTime) time = g_date_time_new_utc (year, month, day_of_month, hour, minute, 0);

  return g_date_time_to_unix (time);
}

static TrellisInterviewSlot
slot (gint64      id,
      const char *code,
      const char *interviewer,
      gint64      start,
      guint       minutes)
{
  return (TrellisInterviewSlot) { id, code, interviewer, start, minutes, TRELLIS_INTERVIEW_SCHEDULED, 0, 0 };
}

/* Before every booking below, so that nothing is in the past unless a test says so. */
static const gint64 EARLY = 1000;

static GPtrArray *
all_in (const TrellisInterviewSlot *slots,
        gsize                       n_slots,
        gint64                      now,
        const char                 *zone)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (zone);

  g_assert_nonnull (tz);
  return trellis_interview_conflicts_all (slots, n_slots, now, tz);
}

static const TrellisInterviewConflict *
only_conflict (GPtrArray                    *found,
               gint64                        id,
               TrellisInterviewConflictKind  kind)
{
  const TrellisInterviewConflict *hit = NULL;

  for (guint i = 0; i < found->len; i++)
    {
      const TrellisInterviewConflict *conflict = g_ptr_array_index (found, i);

      if (conflict->interview_id == id && conflict->kind == kind)
        {
          g_assert_null (hit);
          hit = conflict;
        }
    }
  g_assert_nonnull (hit);
  return hit;
}

static void
test_format_time (void)
{
  g_autoptr(GTimeZone) london = g_time_zone_new_identifier ("Europe/London");
  g_autofree char *summer = trellis_interview_format_time (utc (2025, 5, 12, 13, 0), london);
  g_autofree char *winter = trellis_interview_format_time (utc (2025, 12, 1, 9, 5), london);

  g_assert_cmpstr (summer, ==, "Mon 12 May 2025, 14:00 BST");
  g_assert_cmpstr (winter, ==, "Mon 1 Dec 2025, 09:05 GMT");
}

/* 10:00–11:00 and 11:00–12:00 share an instant but no minute. */
static void
test_back_to_back (void)
{
  TrellisInterviewSlot slots[] = {
    slot (1, "P001", "Dr Smith", utc (2025, 5, 12, 9, 0), 60),
    slot (2, "P002", "Dr Smith", utc (2025, 5, 12, 10, 0), 60),
    slot (3, "P003", "Dr Smith", utc (2025, 5, 12, 8, 0), 60),
  };
  g_autoptr(GPtrArray) found = all_in (slots, G_N_ELEMENTS (slots), EARLY, "Europe/London");

  g_assert_cmpuint (found->len, ==, 0);
}

static void
test_one_minute_overlap (void)
{
  TrellisInterviewSlot slots[] = {
    slot (1, "P001", "Dr Smith", utc (2025, 5, 12, 9, 0), 60),
    slot (2, "P002", "Dr Smith", utc (2025, 5, 12, 9, 59), 45),
  };
  g_autoptr(GPtrArray) found = all_in (slots, G_N_ELEMENTS (slots), EARLY, "Europe/London");
  const TrellisInterviewConflict *first, *second;

  g_assert_cmpuint (found->len, ==, 2);
  first = only_conflict (found, 1, TRELLIS_INTERVIEW_CONFLICT_DOUBLE_BOOKED);
  second = only_conflict (found, 2, TRELLIS_INTERVIEW_CONFLICT_DOUBLE_BOOKED);
  g_assert_cmpint (first->other_id, ==, 2);
  g_assert_cmpint (second->other_id, ==, 1);
  g_assert_cmpstr (first->message, ==,
                   "Dr Smith is also interviewing P002 at Mon 12 May 2025, 10:59 BST (45 minutes)");
  g_assert_cmpstr (second->message, ==,
                   "Dr Smith is also interviewing P001 at Mon 12 May 2025, 10:00 BST (60 minutes)");
}

/* One interview inside another's time also clashes, not only overlapping edges. */
static void
test_contained (void)
{
  TrellisInterviewSlot slots[] = {
    slot (1, "P001", "Dr Smith", utc (2025, 5, 12, 9, 0), 80),
    slot (2, "P002", "Dr Smith", utc (2025, 5, 12, 9, 20), 1),
  };
  g_autoptr(GPtrArray) found = all_in (slots, G_N_ELEMENTS (slots), EARLY, "UTC");

  g_assert_cmpuint (found->len, ==, 2);
  g_assert_true (g_str_has_suffix (only_conflict (found, 1, TRELLIS_INTERVIEW_CONFLICT_DOUBLE_BOOKED)->message,
                                   "(1 minute)"));
}

static void
test_different_interviewers (void)
{
  TrellisInterviewSlot slots[] = {
    slot (1, "P001", "Dr Smith", utc (2025, 5, 12, 9, 0), 60),
    slot (2, "P002", "Dr Jones", utc (2025, 5, 12, 9, 0), 60),
    slot (3, "P003", "Dr Smithson", utc (2025, 5, 12, 9, 30), 60),
    slot (4, "P004", NULL, utc (2025, 5, 12, 9, 0), 60),
    slot (5, "P005", "   ", utc (2025, 5, 12, 9, 0), 60),
  };
  g_autoptr(GPtrArray) found = all_in (slots, G_N_ELEMENTS (slots), EARLY, "UTC");

  g_assert_cmpuint (found->len, ==, 0);
}

static void
test_same_interviewer_spelling (void)
{
  TrellisInterviewSlot slots[] = {
    slot (1, "P001", "Dr  Smith", utc (2025, 5, 12, 9, 0), 60),
    slot (2, "P002", "dr smith", utc (2025, 5, 12, 9, 30), 60),
  };
  g_autoptr(GPtrArray) found = all_in (slots, G_N_ELEMENTS (slots), EARLY, "UTC");

  g_assert_cmpuint (found->len, ==, 2);
  g_assert_true (trellis_interview_same_interviewer ("Dr  Smith", "dr smith"));
  g_assert_true (trellis_interview_same_interviewer ("  DR\tSMITH ", "Dr Smith"));
  g_assert_true (trellis_interview_same_interviewer ("Dr\u00a0Smith", "dr smith"));
  g_assert_false (trellis_interview_same_interviewer ("Dr Smith", "Dr Smyth"));
  g_assert_false (trellis_interview_same_interviewer ("DrSmith", "Dr Smith"));
  g_assert_false (trellis_interview_same_interviewer (NULL, NULL));
  g_assert_false (trellis_interview_same_interviewer ("", " "));
}

/* Declined and did-not-attend hold no slot: not against others, not on their own. */
static void
test_cancelled_never_conflict (void)
{
  TrellisInterviewSlot slots[] = {
    slot (1, "P001", "Dr Smith", utc (2025, 5, 12, 9, 0), 60),
    slot (2, "P002", "Dr Smith", utc (2025, 5, 12, 9, 0), 60),
    slot (3, "P003", "Dr Smith", utc (2025, 5, 12, 9, 0), 60),
  };
  g_autoptr(GPtrArray) found = NULL;

  slots[1].status = TRELLIS_INTERVIEW_DECLINED;
  slots[2].status = TRELLIS_INTERVIEW_DID_NOT_ATTEND;
  slots[1].window_first_utc = slots[2].window_first_utc = utc (2025, 6, 1, 0, 0);
  found = all_in (slots, G_N_ELEMENTS (slots), utc (2026, 1, 1, 0, 0), "UTC");
  /* Only the scheduled one, for being in the past. */
  g_assert_cmpuint (found->len, ==, 1);
  only_conflict (found, 1, TRELLIS_INTERVIEW_CONFLICT_IN_PAST);
}

static void
test_past_edge (void)
{
  gint64 start = utc (2025, 5, 12, 13, 0);
  TrellisInterviewSlot one = slot (7, "P007", "Dr Smith", start, 60);
  g_autoptr(GPtrArray) at_start = all_in (&one, 1, start, "Europe/London");
  g_autoptr(GPtrArray) minute_later = all_in (&one, 1, start + 60, "Europe/London");
  g_autoptr(GPtrArray) done = NULL;

  g_assert_cmpuint (at_start->len, ==, 0);
  g_assert_cmpuint (minute_later->len, ==, 1);
  g_assert_cmpstr (only_conflict (minute_later, 7, TRELLIS_INTERVIEW_CONFLICT_IN_PAST)->message, ==,
                   "Booked for Mon 12 May 2025, 14:00 BST, which has passed: record whether it took place, "
                   "or book a new time");

  /* Once recorded as done, the time having passed is expected. */
  one.status = TRELLIS_INTERVIEW_DONE;
  done = all_in (&one, 1, start + 60, "Europe/London");
  g_assert_cmpuint (done->len, ==, 0);
}

/* What window_days gives for a start inside the window. */
#define INSIDE G_MAXINT

static gint
window_days (gint64      start,
             const char *zone)
{
  TrellisInterviewSlot one = slot (3, "P003", "Dr Smith", start, 60);
  g_autoptr(GPtrArray) found = NULL;

  one.window_first_utc = utc (2025, 5, 12, 0, 0);
  one.window_last_utc = utc (2025, 5, 20, 0, 0);
  found = all_in (&one, 1, EARLY, zone);
  if (found->len == 0)
    return INSIDE;
  g_assert_cmpuint (found->len, ==, 1);
  return only_conflict (found, 3, TRELLIS_INTERVIEW_CONFLICT_OUTSIDE_WINDOW)->days;
}

/* The window is whole days, from 00:00 on the first to 23:59 on the last. */
static void
test_window_edges (void)
{
  g_assert_cmpint (window_days (utc (2025, 5, 12, 0, 0), "UTC"), ==, INSIDE);
  g_assert_cmpint (window_days (utc (2025, 5, 11, 23, 59), "UTC"), ==, -1);
  g_assert_cmpint (window_days (utc (2025, 5, 20, 23, 59), "UTC"), ==, INSIDE);
  g_assert_cmpint (window_days (utc (2025, 5, 21, 0, 0), "UTC"), ==, 1);
  g_assert_cmpint (window_days (utc (2025, 5, 24, 10, 0), "UTC"), ==, 4);
  g_assert_cmpint (window_days (utc (2025, 5, 1, 10, 0), "UTC"), ==, -11);
  /* 23:30 UTC on the 11th is 00:30 BST on the 12th: the day on the clock counts. */
  g_assert_cmpint (window_days (utc (2025, 5, 11, 23, 30), "Europe/London"), ==, INSIDE);
  g_assert_cmpint (window_days (utc (2025, 5, 11, 22, 59), "Europe/London"), ==, -1);
  g_assert_cmpint (window_days (utc (2025, 5, 20, 22, 59), "Europe/London"), ==, INSIDE);
  g_assert_cmpint (window_days (utc (2025, 5, 20, 23, 0), "Europe/London"), ==, 1);
}

static void
test_window_messages (void)
{
  TrellisInterviewSlot slots[] = {
    slot (1, "P001", "Dr Smith", utc (2025, 5, 11, 9, 0), 60),
    slot (2, "P002", "Dr Jones", utc (2025, 5, 24, 9, 0), 60),
    slot (3, "P003", "Dr Brown", utc (2025, 1, 1, 9, 0), 60),
  };
  g_autoptr(GPtrArray) found = NULL;

  for (guint i = 0; i < 2; i++)
    {
      slots[i].window_first_utc = utc (2025, 5, 12, 0, 0);
      slots[i].window_last_utc = utc (2025, 5, 20, 0, 0);
    }
  /* An unknown end of the window never flags: only the known end can. */
  slots[2].window_last_utc = utc (2025, 5, 20, 0, 0);
  found = all_in (slots, G_N_ELEMENTS (slots), EARLY, "UTC");
  g_assert_cmpuint (found->len, ==, 2);
  g_assert_cmpstr (only_conflict (found, 1, TRELLIS_INTERVIEW_CONFLICT_OUTSIDE_WINDOW)->message, ==,
                   "1 day before the participant’s interview window opens on Mon 12 May 2025");
  g_assert_cmpstr (only_conflict (found, 2, TRELLIS_INTERVIEW_CONFLICT_OUTSIDE_WINDOW)->message, ==,
                   "4 days after the participant’s interview window closes on Tue 20 May 2025");
}

/* Asking about one interview gives only its conflicts, all kinds together. */
static void
test_for_one (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  TrellisInterviewSlot slots[] = {
    slot (1, "P001", "Dr Smith", utc (2025, 5, 12, 9, 0), 60),
    slot (2, "P002", "DR SMITH", utc (2025, 5, 12, 9, 30), 60),
    slot (3, "P003", "Dr Smith", utc (2025, 5, 12, 9, 45), 60),
    slot (4, "P004", "Dr Jones", utc (2025, 5, 12, 9, 0), 60),
  };
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(GPtrArray) fourth = NULL;
  g_autoptr(GPtrArray) missing = NULL;

  slots[1].window_last_utc = utc (2025, 5, 10, 0, 0);
  second = trellis_interview_conflicts_for (slots, G_N_ELEMENTS (slots), 2, utc (2025, 5, 12, 9, 31), tz);
  g_assert_cmpuint (second->len, ==, 4);
  g_assert_cmpint (((TrellisInterviewConflict *) second->pdata[0])->kind, ==, TRELLIS_INTERVIEW_CONFLICT_IN_PAST);
  g_assert_cmpint (only_conflict (second, 2, TRELLIS_INTERVIEW_CONFLICT_OUTSIDE_WINDOW)->days, ==, 2);
  g_assert_cmpint (((TrellisInterviewConflict *) second->pdata[2])->other_id, ==, 1);
  g_assert_cmpint (((TrellisInterviewConflict *) second->pdata[3])->other_id, ==, 3);

  fourth = trellis_interview_conflicts_for (slots, G_N_ELEMENTS (slots), 4, EARLY, tz);
  g_assert_cmpuint (fourth->len, ==, 0);
  missing = trellis_interview_conflicts_for (slots, G_N_ELEMENTS (slots), 99, EARLY, tz);
  g_assert_cmpuint (missing->len, ==, 0);
}

/* A slot with no time yet (an invitation) has nothing to clash with. */
static void
test_unbooked (void)
{
  TrellisInterviewSlot slots[] = {
    slot (1, "P001", "Dr Smith", 0, 60),
    slot (2, "P002", "Dr Smith", 0, 60),
  };
  g_autoptr(GPtrArray) found = NULL;

  slots[0].status = slots[1].status = TRELLIS_INTERVIEW_INVITED;
  slots[0].window_first_utc = utc (2025, 5, 12, 0, 0);
  found = all_in (slots, G_N_ELEMENTS (slots), utc (2026, 1, 1, 0, 0), "UTC");
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = all_in (NULL, 0, EARLY, "UTC");
  g_assert_cmpuint (found->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/trellis/domain/interview-conflicts/format-time", test_format_time);
  g_test_add_func ("/trellis/domain/interview-conflicts/back-to-back", test_back_to_back);
  g_test_add_func ("/trellis/domain/interview-conflicts/one-minute-overlap", test_one_minute_overlap);
  g_test_add_func ("/trellis/domain/interview-conflicts/contained", test_contained);
  g_test_add_func ("/trellis/domain/interview-conflicts/different-interviewers", test_different_interviewers);
  g_test_add_func ("/trellis/domain/interview-conflicts/same-interviewer-spelling", test_same_interviewer_spelling);
  g_test_add_func ("/trellis/domain/interview-conflicts/cancelled-never-conflict", test_cancelled_never_conflict);
  g_test_add_func ("/trellis/domain/interview-conflicts/past-edge", test_past_edge);
  g_test_add_func ("/trellis/domain/interview-conflicts/window-edges", test_window_edges);
  g_test_add_func ("/trellis/domain/interview-conflicts/window-messages", test_window_messages);
  g_test_add_func ("/trellis/domain/interview-conflicts/for-one", test_for_one);
  g_test_add_func ("/trellis/domain/interview-conflicts/unbooked", test_unbooked);

  return g_test_run ();
}
