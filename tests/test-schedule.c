/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "trellis-domain-error.h"
#include "trellis-schedule.h"

/* The plan the study ships with: T1 at baseline, T2 a week after the
 * workshop, T3 a week after the coaching call, T4 on day 35 (28–42). */
static const TrellisScheduleRule t1_rule = { TRELLIS_ANCHOR_BASELINE, 0, 0, 7 };
static const TrellisScheduleRule t2_rule = { TRELLIS_ANCHOR_WORKSHOP, 7, 0, 14 };
static const TrellisScheduleRule t3_rule = { TRELLIS_ANCHOR_COACHING, 7, 0, 14 };
static const TrellisScheduleRule t4_rule = { TRELLIS_ANCHOR_BASELINE, 35, 28, 42 };

static guint32
day (int year,
     int month,
     int day_of_month)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day_of_month, month, year);
  return g_date_get_julian (&date);
}

/* Baseline 2025-03-03; the workshop and coaching call are added per test. */
static TrellisScheduleFacts
baseline_facts (void)
{
  TrellisScheduleFacts facts = { { 0, }, 0, 0 };

  facts.anchors[TRELLIS_ANCHOR_BASELINE] = day (2025, 3, 3);
  return facts;
}

static TrellisVisitSlot
place (const TrellisScheduleRule  *rule,
       const TrellisScheduleFacts *facts,
       guint32                     completed,
       gboolean                    marked_missed,
       guint32                     today)
{
  TrellisVisitRecord record = { completed, marked_missed };
  TrellisVisitSlot slot;

  /* Garbage first, so a field left unset shows. */
  memset (&slot, 0xab, sizeof slot);
  trellis_schedule_place (rule, facts, &record, today, &slot);
  return slot;
}

static void
test_window_dates (void)
{
  TrellisScheduleFacts facts = baseline_facts ();
  guint32 base = day (2025, 3, 3);
  TrellisScheduleRule around = { TRELLIS_ANCHOR_BASELINE, 0, -3, 3 };
  TrellisVisitSlot slot;

  slot = place (&t4_rule, &facts, 0, FALSE, base);
  g_assert_cmpuint (slot.due, ==, day (2025, 4, 7));
  g_assert_cmpuint (slot.opens, ==, day (2025, 3, 31));
  g_assert_cmpuint (slot.closes, ==, day (2025, 4, 14));
  g_assert_false (slot.out_of_window);

  /* A window may open before its anchor. */
  slot = place (&around, &facts, 0, FALSE, base);
  g_assert_cmpuint (slot.due, ==, base);
  g_assert_cmpuint (slot.opens, ==, base - 3);
  g_assert_cmpuint (slot.closes, ==, base + 3);
  g_assert_cmpint (slot.status, ==, TRELLIS_VISIT_DUE);
}

/* Every day at the edges of T4's window, which is 28–42 with target 35. */
static void
test_boundaries (void)
{
  TrellisScheduleFacts facts = baseline_facts ();
  guint32 base = day (2025, 3, 3);
  struct { int day; TrellisVisitStatus status; } cases[] = {
    { 0, TRELLIS_VISIT_NOT_YET_DUE },
    { 27, TRELLIS_VISIT_NOT_YET_DUE },
    { 28, TRELLIS_VISIT_DUE },
    { 35, TRELLIS_VISIT_DUE },
    { 42, TRELLIS_VISIT_DUE },
    { 43, TRELLIS_VISIT_OVERDUE },
    { 400, TRELLIS_VISIT_OVERDUE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      TrellisVisitSlot slot = place (&t4_rule, &facts, 0, FALSE, base + cases[i].day);

      g_test_message ("day %d", cases[i].day);
      g_assert_cmpint (slot.status, ==, cases[i].status);
      g_assert_false (slot.out_of_window);
    }
}

static void
test_completed (void)
{
  TrellisScheduleFacts facts = baseline_facts ();
  guint32 base = day (2025, 3, 3);
  struct { int day; gboolean outside; } cases[] = {
    { 27, TRUE },
    { 28, FALSE },
    { 35, FALSE },
    { 42, FALSE },
    { 43, TRUE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      /* Looked at long after, and before the window: a completion stays put. */
      TrellisVisitSlot later = place (&t4_rule, &facts, base + cases[i].day, FALSE, base + 100);
      TrellisVisitSlot early = place (&t4_rule, &facts, base + cases[i].day, FALSE, base);

      g_test_message ("completed on day %d", cases[i].day);
      g_assert_cmpint (later.status, ==, TRELLIS_VISIT_COMPLETED);
      g_assert_cmpint (later.out_of_window, ==, cases[i].outside);
      g_assert_cmpint (early.status, ==, TRELLIS_VISIT_COMPLETED);
      g_assert_cmpint (early.out_of_window, ==, cases[i].outside);
      g_assert_cmpuint (later.due, ==, base + 35);
    }
}

/* A completion outranks everything recorded after it or beside it. */
static void
test_completed_wins (void)
{
  TrellisScheduleFacts facts = baseline_facts ();
  guint32 base = day (2025, 3, 3);
  TrellisVisitSlot slot;

  facts.withdrawn = base + 30;
  facts.lost = base + 30;
  slot = place (&t4_rule, &facts, base + 29, TRUE, base + 50);
  g_assert_cmpint (slot.status, ==, TRELLIS_VISIT_COMPLETED);
  g_assert_false (slot.out_of_window);

  /* A completion against an anchor never recorded cannot be out of a window. */
  facts = baseline_facts ();
  slot = place (&t2_rule, &facts, base + 10, FALSE, base + 50);
  g_assert_cmpint (slot.status, ==, TRELLIS_VISIT_COMPLETED);
  g_assert_false (slot.out_of_window);
  g_assert_cmpuint (slot.due, ==, 0);
  g_assert_cmpuint (slot.opens, ==, 0);
  g_assert_cmpuint (slot.closes, ==, 0);
}

static void
test_marked_missed (void)
{
  TrellisScheduleFacts facts = baseline_facts ();
  guint32 base = day (2025, 3, 3);
  TrellisVisitSlot slot;

  /* Before the window, in it, after it: the coordinator's mark stands. */
  g_assert_cmpint (place (&t4_rule, &facts, 0, TRUE, base).status, ==, TRELLIS_VISIT_MISSED);
  g_assert_cmpint (place (&t4_rule, &facts, 0, TRUE, base + 30).status, ==, TRELLIS_VISIT_MISSED);
  g_assert_cmpint (place (&t4_rule, &facts, 0, TRUE, base + 50).status, ==, TRELLIS_VISIT_MISSED);

  /* And outranks a later withdrawal. */
  facts.withdrawn = base + 10;
  slot = place (&t4_rule, &facts, 0, TRUE, base + 50);
  g_assert_cmpint (slot.status, ==, TRELLIS_VISIT_MISSED);
  g_assert_cmpuint (slot.closes, ==, base + 42);
}

static void
test_withdrawn (void)
{
  TrellisScheduleFacts facts = baseline_facts ();
  guint32 base = day (2025, 3, 3);

  /* Withdrawn before the window opened, or while it was open (up to its last
   * day): nothing is owed any more. */
  facts.withdrawn = base + 10;
  g_assert_cmpint (place (&t4_rule, &facts, 0, FALSE, base + 11).status, ==, TRELLIS_VISIT_NOT_APPLICABLE);
  g_assert_cmpint (place (&t4_rule, &facts, 0, FALSE, base + 60).status, ==, TRELLIS_VISIT_NOT_APPLICABLE);
  facts.withdrawn = base + 42;
  g_assert_cmpint (place (&t4_rule, &facts, 0, FALSE, base + 42).status, ==, TRELLIS_VISIT_NOT_APPLICABLE);
  g_assert_cmpint (place (&t4_rule, &facts, 0, FALSE, base + 60).status, ==, TRELLIS_VISIT_NOT_APPLICABLE);

  /* Withdrawn the day after it closed: it was already owed. */
  facts.withdrawn = base + 43;
  g_assert_cmpint (place (&t4_rule, &facts, 0, FALSE, base + 60).status, ==, TRELLIS_VISIT_OVERDUE);
  /* T1 closed on day 7, long before. */
  g_assert_cmpint (place (&t1_rule, &facts, 0, FALSE, base + 60).status, ==, TRELLIS_VISIT_OVERDUE);

  /* A timepoint whose event never happened will not happen now. */
  facts.withdrawn = base + 400;
  g_assert_cmpint (place (&t3_rule, &facts, 0, FALSE, base + 401).status, ==, TRELLIS_VISIT_NOT_APPLICABLE);
}

static void
test_lost (void)
{
  TrellisScheduleFacts facts = baseline_facts ();
  guint32 base = day (2025, 3, 3);

  facts.lost = base + 20;
  g_assert_cmpint (place (&t4_rule, &facts, 0, FALSE, base + 21).status, ==, TRELLIS_VISIT_MISSED);
  facts.lost = base + 42;
  g_assert_cmpint (place (&t4_rule, &facts, 0, FALSE, base + 50).status, ==, TRELLIS_VISIT_MISSED);
  facts.lost = base + 43;
  g_assert_cmpint (place (&t4_rule, &facts, 0, FALSE, base + 50).status, ==, TRELLIS_VISIT_OVERDUE);
  g_assert_cmpint (place (&t2_rule, &facts, 0, FALSE, base + 50).status, ==, TRELLIS_VISIT_MISSED);

  /* Withdrawal outranks loss: the participant's decision is what counts. */
  facts.lost = base + 20;
  facts.withdrawn = base + 20;
  g_assert_cmpint (place (&t4_rule, &facts, 0, FALSE, base + 50).status, ==, TRELLIS_VISIT_NOT_APPLICABLE);
}

static void
test_unknown_anchor (void)
{
  TrellisScheduleFacts facts = baseline_facts ();
  TrellisScheduleFacts none = { { 0, }, 0, 0 };
  guint32 base = day (2025, 3, 3);
  TrellisVisitSlot slot;

  /* T2 counts from the workshop, which is not recorded: the baseline does not stand in. */
  slot = place (&t2_rule, &facts, 0, FALSE, base + 365);
  g_assert_cmpint (slot.status, ==, TRELLIS_VISIT_NOT_YET_DUE);
  g_assert_cmpuint (slot.due, ==, 0);
  g_assert_cmpuint (slot.opens, ==, 0);
  g_assert_cmpuint (slot.closes, ==, 0);
  g_assert_false (slot.out_of_window);

  slot = place (&t1_rule, &none, 0, FALSE, base);
  g_assert_cmpint (slot.status, ==, TRELLIS_VISIT_NOT_YET_DUE);
  g_assert_cmpuint (slot.due, ==, 0);
}

static void
test_event_anchors (void)
{
  TrellisScheduleFacts facts = baseline_facts ();
  guint32 workshop = day (2025, 3, 20);
  guint32 coaching = day (2025, 4, 2);
  TrellisVisitSlot slot;

  facts.anchors[TRELLIS_ANCHOR_WORKSHOP] = workshop;
  facts.anchors[TRELLIS_ANCHOR_COACHING] = coaching;

  slot = place (&t2_rule, &facts, 0, FALSE, workshop - 1);
  g_assert_cmpint (slot.status, ==, TRELLIS_VISIT_NOT_YET_DUE);
  g_assert_cmpuint (slot.due, ==, workshop + 7);
  g_assert_cmpuint (slot.opens, ==, workshop);
  g_assert_cmpuint (slot.closes, ==, workshop + 14);
  g_assert_cmpint (place (&t2_rule, &facts, 0, FALSE, workshop).status, ==, TRELLIS_VISIT_DUE);
  g_assert_cmpint (place (&t2_rule, &facts, 0, FALSE, workshop + 15).status, ==, TRELLIS_VISIT_OVERDUE);

  slot = place (&t3_rule, &facts, 0, FALSE, coaching + 14);
  g_assert_cmpint (slot.status, ==, TRELLIS_VISIT_DUE);
  g_assert_cmpuint (slot.due, ==, coaching + 7);
  g_assert_cmpuint (slot.opens, ==, coaching);
  g_assert_cmpuint (slot.closes, ==, coaching + 14);
  slot = place (&t3_rule, &facts, coaching - 1, FALSE, coaching + 14);
  g_assert_cmpint (slot.status, ==, TRELLIS_VISIT_COMPLETED);
  g_assert_true (slot.out_of_window);
}

static TrellisVisitSlot
slot_of (TrellisVisitStatus status,
         guint32            opens,
         guint32            closes)
{
  TrellisVisitSlot slot = { status, opens, opens, closes, FALSE };

  return slot;
}

static void
test_due_within (void)
{
  guint32 today = day (2025, 6, 2);
  TrellisScheduleFacts facts = baseline_facts ();
  TrellisVisitSlot slot;

  /* The week is today and the six days after it. */
  slot = slot_of (TRELLIS_VISIT_NOT_YET_DUE, today + 6, today + 20);
  g_assert_true (trellis_schedule_is_due_within (&slot, today, 7));
  slot = slot_of (TRELLIS_VISIT_NOT_YET_DUE, today + 7, today + 20);
  g_assert_false (trellis_schedule_is_due_within (&slot, today, 7));
  g_assert_true (trellis_schedule_is_due_within (&slot, today, 8));

  /* Open and closing today still counts; closed yesterday does not. */
  slot = slot_of (TRELLIS_VISIT_DUE, today - 14, today);
  g_assert_true (trellis_schedule_is_due_within (&slot, today, 7));
  g_assert_true (trellis_schedule_is_due_within (&slot, today, 1));
  slot = slot_of (TRELLIS_VISIT_DUE, today - 14, today - 1);
  g_assert_false (trellis_schedule_is_due_within (&slot, today, 7));

  /* Overdue, settled or undated slots are not “due this week”. */
  slot = slot_of (TRELLIS_VISIT_OVERDUE, today - 14, today + 1);
  g_assert_false (trellis_schedule_is_due_within (&slot, today, 7));
  for (TrellisVisitStatus status = TRELLIS_VISIT_COMPLETED; status <= TRELLIS_VISIT_NOT_APPLICABLE; status++)
    {
      slot = slot_of (status, today, today + 7);
      g_assert_false (trellis_schedule_is_due_within (&slot, today, 7));
    }
  slot = slot_of (TRELLIS_VISIT_NOT_YET_DUE, 0, 0);
  g_assert_false (trellis_schedule_is_due_within (&slot, today, 7));
  slot = slot_of (TRELLIS_VISIT_DUE, today, today + 7);
  g_assert_false (trellis_schedule_is_due_within (&slot, today, 0));

  /* As placed: T4 opens on 2025-03-31. */
  slot = place (&t4_rule, &facts, 0, FALSE, day (2025, 3, 25));
  g_assert_true (trellis_schedule_is_due_within (&slot, day (2025, 3, 25), 7));
  slot = place (&t4_rule, &facts, 0, FALSE, day (2025, 3, 24));
  g_assert_false (trellis_schedule_is_due_within (&slot, day (2025, 3, 24), 7));
}

static const char *const codes[] = { "T1", "T2", "T3", "T4" };

static void
test_order_accepted (void)
{
  g_autoptr(GError) error = NULL;
  guint32 in_order[] = { day (2025, 3, 3), day (2025, 3, 20), day (2025, 3, 20), day (2025, 4, 7) };
  guint32 gaps[] = { day (2025, 3, 3), 0, day (2025, 4, 1), 0 };
  guint32 empty_changed[] = { day (2025, 4, 7), 0, day (2025, 3, 3), 0 };

  for (guint i = 0; i < G_N_ELEMENTS (in_order); i++)
    {
      g_assert_true (trellis_schedule_check_order (codes, in_order, 4, i, &error));
      g_assert_no_error (error);
      g_assert_true (trellis_schedule_check_order (codes, gaps, 4, i, &error));
      g_assert_no_error (error);
    }
  /* Clearing a date is always possible, even next to older mistakes. */
  g_assert_true (trellis_schedule_check_order (codes, empty_changed, 4, 1, &error));
  g_assert_no_error (error);
}

static void
test_order_before (void)
{
  g_autoptr(GError) error = NULL;
  guint32 completed[] = { day (2025, 2, 20), day (2025, 3, 4), day (2025, 3, 1), 0 };

  g_assert_false (trellis_schedule_check_order (codes, completed, 4, 2, &error));
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_ORDER);
  g_assert_cmpstr (error->message, ==,
                   "T3 cannot be completed on 2025-03-01, before T2 (2025-03-04): "
                   "timepoints are completed in order");
  g_clear_error (&error);

  /* Of two equal limits, the nearer timepoint is named. */
  completed[0] = day (2025, 3, 4);
  g_assert_false (trellis_schedule_check_order (codes, completed, 4, 2, &error));
  g_assert_cmpstr (error->message, ==,
                   "T3 cannot be completed on 2025-03-01, before T2 (2025-03-04): "
                   "timepoints are completed in order");
  g_clear_error (&error);

  /* The tightest limit is named, though it is not the nearest timepoint. */
  completed[0] = day (2025, 3, 10);
  g_assert_false (trellis_schedule_check_order (codes, completed, 4, 2, &error));
  g_assert_cmpstr (error->message, ==,
                   "T3 cannot be completed on 2025-03-01, before T1 (2025-03-10): "
                   "timepoints are completed in order");
}

static void
test_order_after (void)
{
  g_autoptr(GError) error = NULL;
  guint32 completed[] = { day (2025, 3, 3), day (2025, 3, 10), 0, day (2025, 3, 8) };

  g_assert_false (trellis_schedule_check_order (codes, completed, 4, 1, &error));
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_ORDER);
  g_assert_cmpstr (error->message, ==,
                   "T2 cannot be completed on 2025-03-10, after T4 (2025-03-08): "
                   "timepoints are completed in order");
  g_clear_error (&error);

  /* Of two equal limits, the nearer timepoint is named. */
  completed[2] = day (2025, 3, 8);
  g_assert_false (trellis_schedule_check_order (codes, completed, 4, 1, &error));
  g_assert_cmpstr (error->message, ==,
                   "T2 cannot be completed on 2025-03-10, after T3 (2025-03-08): "
                   "timepoints are completed in order");
  g_clear_error (&error);
  completed[2] = 0;

  /* The first timepoint has only later ones to agree with. */
  completed[0] = day (2025, 3, 9);
  g_assert_false (trellis_schedule_check_order (codes, completed, 4, 0, &error));
  g_assert_cmpstr (error->message, ==,
                   "T1 cannot be completed on 2025-03-09, after T4 (2025-03-08): "
                   "timepoints are completed in order");
}

static void
check_anchor_fails (const TrellisScheduleFacts *facts,
                    TrellisAnchor               anchor,
                    guint32                     date,
                    const char                 *message)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (trellis_schedule_check_anchor (facts, anchor, date, &error));
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_ORDER);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_anchor (void)
{
  TrellisScheduleFacts facts = baseline_facts ();
  TrellisScheduleFacts none = { { 0, }, 0, 0 };
  guint32 base = day (2025, 3, 3);
  g_autoptr(GError) error = NULL;

  /* Same day as the event before it is fine; the day before is not. */
  g_assert_true (trellis_schedule_check_anchor (&facts, TRELLIS_ANCHOR_WORKSHOP, base, &error));
  g_assert_true (trellis_schedule_check_anchor (&facts, TRELLIS_ANCHOR_COACHING, base, &error));
  check_anchor_fails (&facts, TRELLIS_ANCHOR_WORKSHOP, base - 1,
                      "The workshop cannot be on 2025-03-02, before the baseline date (2025-03-03)");
  check_anchor_fails (&facts, TRELLIS_ANCHOR_COACHING, base - 1,
                      "The coaching call cannot be on 2025-03-02, before the baseline date (2025-03-03)");

  facts.anchors[TRELLIS_ANCHOR_WORKSHOP] = day (2025, 3, 20);
  g_assert_true (trellis_schedule_check_anchor (&facts, TRELLIS_ANCHOR_COACHING, day (2025, 3, 20), &error));
  check_anchor_fails (&facts, TRELLIS_ANCHOR_COACHING, day (2025, 3, 19),
                      "The coaching call cannot be on 2025-03-19, before the workshop (2025-03-20)");

  facts.anchors[TRELLIS_ANCHOR_COACHING] = day (2025, 4, 2);
  g_assert_true (trellis_schedule_check_anchor (&facts, TRELLIS_ANCHOR_WORKSHOP, day (2025, 4, 2), &error));
  check_anchor_fails (&facts, TRELLIS_ANCHOR_WORKSHOP, day (2025, 4, 3),
                      "The workshop cannot be on 2025-04-03, after the coaching call (2025-04-02)");

  /* The baseline has its own rules; clearing an event is always possible;
   * with nothing recorded there is nothing to disagree with. */
  g_assert_true (trellis_schedule_check_anchor (&facts, TRELLIS_ANCHOR_BASELINE, day (2025, 5, 1), &error));
  g_assert_true (trellis_schedule_check_anchor (&facts, TRELLIS_ANCHOR_WORKSHOP, 0, &error));
  g_assert_true (trellis_schedule_check_anchor (&none, TRELLIS_ANCHOR_COACHING, day (2020, 1, 1), &error));
  g_assert_no_error (error);
}

static void
test_strings (void)
{
  const char *anchors[] = { "baseline", "workshop", "coaching" };
  const char *anchor_labels[] = { "Baseline", "Workshop attended", "Coaching call held" };
  const char *statuses[] = { "not-yet-due", "due", "overdue", "completed", "missed", "not-applicable" };
  const char *status_labels[] = { "Not yet due", "Due", "Overdue", "Completed", "Missed",
                                  "Not applicable (withdrawn)" };
  TrellisAnchor anchor = TRELLIS_ANCHOR_COACHING;
  TrellisVisitStatus status = TRELLIS_VISIT_MISSED;

  g_assert_cmpint (G_N_ELEMENTS (anchors), ==, TRELLIS_N_ANCHORS);
  g_assert_cmpint (G_N_ELEMENTS (statuses), ==, TRELLIS_N_VISIT_STATUSES);
  for (guint i = 0; i < TRELLIS_N_ANCHORS; i++)
    {
      g_assert_cmpstr (trellis_anchor_to_string (i), ==, anchors[i]);
      g_assert_cmpstr (trellis_anchor_describe (i), ==, anchor_labels[i]);
      g_assert_true (trellis_anchor_from_string (anchors[i], &anchor));
      g_assert_cmpint (anchor, ==, i);
    }
  for (guint i = 0; i < TRELLIS_N_VISIT_STATUSES; i++)
    {
      g_assert_cmpstr (trellis_visit_status_to_string (i), ==, statuses[i]);
      g_assert_cmpstr (trellis_visit_status_describe (i), ==, status_labels[i]);
      g_assert_true (trellis_visit_status_from_string (statuses[i], &status));
      g_assert_cmpint (status, ==, i);
    }

  /* Unknown words are refused and leave the value alone. */
  anchor = TRELLIS_ANCHOR_WORKSHOP;
  g_assert_false (trellis_anchor_from_string ("Baseline", &anchor));
  g_assert_false (trellis_anchor_from_string ("", &anchor));
  g_assert_false (trellis_anchor_from_string (NULL, &anchor));
  g_assert_cmpint (anchor, ==, TRELLIS_ANCHOR_WORKSHOP);
  status = TRELLIS_VISIT_DUE;
  g_assert_false (trellis_visit_status_from_string ("not yet due", &status));
  g_assert_false (trellis_visit_status_from_string (NULL, &status));
  g_assert_cmpint (status, ==, TRELLIS_VISIT_DUE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/trellis/domain/schedule/window-dates", test_window_dates);
  g_test_add_func ("/trellis/domain/schedule/boundaries", test_boundaries);
  g_test_add_func ("/trellis/domain/schedule/completed", test_completed);
  g_test_add_func ("/trellis/domain/schedule/completed-wins", test_completed_wins);
  g_test_add_func ("/trellis/domain/schedule/marked-missed", test_marked_missed);
  g_test_add_func ("/trellis/domain/schedule/withdrawn", test_withdrawn);
  g_test_add_func ("/trellis/domain/schedule/lost", test_lost);
  g_test_add_func ("/trellis/domain/schedule/unknown-anchor", test_unknown_anchor);
  g_test_add_func ("/trellis/domain/schedule/event-anchors", test_event_anchors);
  g_test_add_func ("/trellis/domain/schedule/due-within", test_due_within);
  g_test_add_func ("/trellis/domain/schedule/order-accepted", test_order_accepted);
  g_test_add_func ("/trellis/domain/schedule/order-before", test_order_before);
  g_test_add_func ("/trellis/domain/schedule/order-after", test_order_after);
  g_test_add_func ("/trellis/domain/schedule/anchor", test_anchor);
  g_test_add_func ("/trellis/domain/schedule/strings", test_strings);

  return g_test_run ();
}
