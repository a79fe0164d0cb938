/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "measures-fixture.h"

/* A participant's intervention events: the workshop attended and the coaching
 * call held, the dates that event-anchored timepoints count from. */

static guint32
julian (const char *date)
{
  GDate d;

  g_date_clear (&d, 1);
  g_date_set_parse (&d, date);
  g_assert_true (g_date_valid (&d));
  return g_date_get_julian (&d);
}

static void
get_facts (Fixture              *fixture,
           gint64                participant,
           TrellisScheduleFacts *facts)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (trellis_study_get_schedule_facts (fixture->study, participant, facts, &error));
  g_assert_no_error (error);
}

static gboolean
record (Fixture       *fixture,
        gint64         participant,
        TrellisAnchor  kind,
        const char    *date,
        GError       **error)
{
  return trellis_study_record_event (fixture->study, participant, kind, date, error);
}

static void
count_signal (guint *count)
{
  (*count)++;
}

static void
test_record_move_clear (Fixture       *fixture,
                        gconstpointer  user_data)
{
  gint64 cohort = add_cohort (fixture, "Midwives 2024");
  gint64 p = add_participant (fixture, "P001", cohort, "2024-03-01");
  TrellisScheduleFacts facts = { { 0 } };
  guint signals = 0;
  gint64 audit_rows;

  g_signal_connect_swapped (fixture->study, "schedule-changed", G_CALLBACK (count_signal), &signals);

  record_event (fixture, p, TRELLIS_ANCHOR_WORKSHOP, "2024-03-05");
  record_event (fixture, p, TRELLIS_ANCHOR_COACHING, "2024-03-20");
  g_assert_cmpuint (signals, ==, 2);
  get_facts (fixture, p, &facts);
  g_assert_cmpuint (facts.anchors[TRELLIS_ANCHOR_BASELINE], ==, julian ("2024-03-01"));
  g_assert_cmpuint (facts.anchors[TRELLIS_ANCHOR_WORKSHOP], ==, julian ("2024-03-05"));
  g_assert_cmpuint (facts.anchors[TRELLIS_ANCHOR_COACHING], ==, julian ("2024-03-20"));
  g_assert_cmpint (sql_int (fixture, "SELECT count(*) FROM participant_event"), ==, 2);
  assert_covered (fixture);

  /* Moving an event updates its row. */
  record_event (fixture, p, TRELLIS_ANCHOR_WORKSHOP, "2024-03-06");
  get_facts (fixture, p, &facts);
  g_assert_cmpuint (facts.anchors[TRELLIS_ANCHOR_WORKSHOP], ==, julian ("2024-03-06"));
  g_assert_cmpint (sql_int (fixture, "SELECT count(*) FROM participant_event"), ==, 2);
  g_assert_cmpint (sql_int (fixture, "SELECT count(*) FROM audit WHERE table_name = 'participant_event'"
                                     " AND action = 'update'"), ==, 1);
  assert_covered (fixture);

  /* Clearing removes it; clearing what is not there changes nothing. */
  record_event (fixture, p, TRELLIS_ANCHOR_COACHING, NULL);
  get_facts (fixture, p, &facts);
  g_assert_cmpuint (facts.anchors[TRELLIS_ANCHOR_COACHING], ==, 0);
  g_assert_cmpint (sql_int (fixture, "SELECT count(*) FROM participant_event"), ==, 1);
  audit_rows = sql_int (fixture, "SELECT count(*) FROM audit");
  record_event (fixture, p, TRELLIS_ANCHOR_COACHING, NULL);
  g_assert_cmpint (sql_int (fixture, "SELECT count(*) FROM audit"), ==, audit_rows);
  assert_covered (fixture);
}

/* Records the event expecting a refusal that says expected; the file must
 * not change. */
static void
assert_refused (Fixture       *fixture,
                gint64         participant,
                TrellisAnchor  kind,
                const char    *date,
                const char    *expected)
{
  g_autofree char *before = dump_hash (fixture);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (record (fixture, participant, kind, date, &error));
  assert_message (error, expected);
  g_test_message ("refused: %s", error->message);
  after = dump_hash (fixture);
  g_assert_cmpstr (after, ==, before);
  assert_covered (fixture);
}

static void
test_order (Fixture       *fixture,
            gconstpointer  user_data)
{
  gint64 cohort = add_cohort (fixture, "Midwives 2024");
  gint64 p = add_participant (fixture, "P001", cohort, "2024-03-01");

  assert_refused (fixture, p, TRELLIS_ANCHOR_WORKSHOP, "2024-02-28", "before the baseline date");
  assert_refused (fixture, p, TRELLIS_ANCHOR_WORKSHOP, "2024-02-28", "P001");
  assert_refused (fixture, p, TRELLIS_ANCHOR_COACHING, "2024-02-29", "before the baseline date");
  assert_refused (fixture, p, TRELLIS_ANCHOR_WORKSHOP, "2024-13-01", "P001");

  /* The same day as the baseline is fine: the workshop can follow the
   * questionnaire that morning. */
  record_event (fixture, p, TRELLIS_ANCHOR_WORKSHOP, "2024-03-01");
  record_event (fixture, p, TRELLIS_ANCHOR_WORKSHOP, "2024-03-10");
  assert_refused (fixture, p, TRELLIS_ANCHOR_COACHING, "2024-03-09", "before the workshop");
  record_event (fixture, p, TRELLIS_ANCHOR_COACHING, "2024-03-10");
  assert_refused (fixture, p, TRELLIS_ANCHOR_WORKSHOP, "2024-03-11", "after the coaching call");
  g_assert_cmpint (sql_int (fixture, "SELECT count(*) FROM participant_event"), ==, 2);
}

static void
test_withdrawn (Fixture       *fixture,
                gconstpointer  user_data)
{
  gint64 cohort = add_cohort (fixture, "Midwives 2024");
  gint64 p = add_participant (fixture, "P001", cohort, "2024-03-01");
  g_autoptr(GError) error = NULL;

  record_event (fixture, p, TRELLIS_ANCHOR_WORKSHOP, "2024-03-05");
  g_assert_cmpint (trellis_study_record_withdrawal (fixture->study, p, TRELLIS_WITHDRAWAL_NO_FURTHER_DATA,
                                                    "2024-03-08", "Changed job", &error), >, 0);
  g_assert_no_error (error);

  assert_refused (fixture, p, TRELLIS_ANCHOR_COACHING, "2024-03-20", "no new data can be recorded");
  assert_refused (fixture, p, TRELLIS_ANCHOR_WORKSHOP, "2024-03-06", "P001 withdrew on");
  assert_refused (fixture, p, TRELLIS_ANCHOR_WORKSHOP, NULL, "P001 withdrew on");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, func) \
  g_test_add ("/trellis/storage/event-store/" name, Fixture, NULL, measures_set_up, func, fixture_tear_down)

  ADD ("record-move-clear", test_record_move_clear);
  ADD ("order", test_order);
  ADD ("withdrawn", test_withdrawn);

#undef ADD

  return g_test_run ();
}
