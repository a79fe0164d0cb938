/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "register-fixture.h"
#include "trellis-retention.h"
#include "trellis-study-measures.h"

/* Retention counts from a study built through the façade, one participant in
 * each situation, on a pinned day (TRELLIS_TODAY, 2025-03-20) with the
 * default plan: T1 baseline day 0; T2 workshop day 1 (0–7); T3 coaching
 * day 1 (0–14); T4 baseline day 35 (28–42). */

#define TODAY "2025-03-20"

static gint64
timepoint_id (Fixture *fixture,
              guint    position)
{
  g_autoptr(TrellisTimepoint) timepoint = g_list_model_get_item (trellis_study_get_timepoints (fixture->study),
                                                                 position);

  return trellis_timepoint_get_id (timepoint);
}

static void
complete (Fixture    *fixture,
          gint64      participant_id,
          guint       timepoint,
          const char *date)
{
  static const int brs[] = { 4, 2, 4, 2, 4, 2 };
  g_autoptr(TrellisVisitAnswers) answers = trellis_visit_answers_new (participant_id,
                                                                      timepoint_id (fixture, timepoint));
  g_autoptr(GError) error = NULL;

  trellis_visit_answers_set_date (answers, date);
  trellis_visit_answers_set_values (answers, "BRS", brs, G_N_ELEMENTS (brs));
  g_assert_true (trellis_study_save_visit (fixture->study, answers, &error));
  g_assert_no_error (error);
}

static void
record_event (Fixture       *fixture,
              gint64         participant_id,
              TrellisAnchor  kind,
              const char    *date)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (trellis_study_record_event (fixture->study, participant_id, kind, date, &error));
  g_assert_no_error (error);
}

static void
mark_missed (Fixture *fixture,
             gint64   participant_id,
             guint    timepoint)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (trellis_study_set_visit_missed (fixture->study, participant_id,
                                                 timepoint_id (fixture, timepoint), TRUE, &error));
  g_assert_no_error (error);
}

static gint64
consented (Fixture    *fixture,
           const char *code,
           gint64      cohort_id,
           const char *baseline,
           gint64      version_id)
{
  gint64 id = add_participant (fixture, code, cohort_id, baseline);

  consent (fixture, id, version_id, baseline);
  return id;
}

/* P001, a paramedic, is ahead: T1 and T2 done. Among the midwives, P002 let
 * T2 and T4 go overdue and was marked missed at T3; P003 starts today; P004
 * withdrew and P005 was lost after T1; P006 has not consented. A third cohort
 * has no one yet. */
static void
build_study (Fixture *fixture)
{
  gint64 midwives = add_cohort (fixture, "Midwives");
  gint64 paramedics = add_cohort (fixture, "Paramedics");
  gint64 version = add_version (fixture, "v1.0", "2024-12-01", FALSE);
  gint64 p001, p002, p004, p005;
  g_autoptr(GError) error = NULL;

  add_cohort (fixture, "Sonographers");
  p001 = consented (fixture, "P001", paramedics, "2025-03-01", version);
  complete (fixture, p001, 0, "2025-03-01");
  record_event (fixture, p001, TRELLIS_ANCHOR_WORKSHOP, "2025-03-03");
  complete (fixture, p001, 1, "2025-03-04");

  p002 = consented (fixture, "P002", midwives, "2025-01-10", version);
  complete (fixture, p002, 0, "2025-01-10");
  record_event (fixture, p002, TRELLIS_ANCHOR_WORKSHOP, "2025-01-12");
  record_event (fixture, p002, TRELLIS_ANCHOR_COACHING, "2025-01-20");
  mark_missed (fixture, p002, 2);

  consented (fixture, "P003", midwives, TODAY, version);

  p004 = consented (fixture, "P004", midwives, "2025-01-06", version);
  complete (fixture, p004, 0, "2025-01-06");
  g_assert_cmpint (trellis_study_record_withdrawal (fixture->study, p004, TRELLIS_WITHDRAWAL_NO_FURTHER_DATA,
                                                    "2025-01-08", "Workload", &error), >, 0);
  g_assert_no_error (error);

  p005 = consented (fixture, "P005", midwives, "2025-01-06", version);
  complete (fixture, p005, 0, "2025-01-06");
  g_assert_true (trellis_study_set_participant_lost (fixture->study, p005, "2025-01-09", &error));
  g_assert_no_error (error);

  add_participant (fixture, "P006", midwives, NULL);
}

static TrellisRetention *
compute (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisVisitTable) table = trellis_study_read_visit_table (fixture->study, trellis_study_today (),
                                                                       &error);

  g_assert_no_error (error);
  g_assert_nonnull (table);
  return trellis_retention_compute (table);
}

/* recruited, completed, due, overdue, missed, withdrawn, not yet due */
static void
assert_counts (const TrellisRetentionCounts *counts,
               const guint                   expected[7])
{
  const guint actual[] = { counts->recruited, counts->completed, counts->due, counts->overdue,
                           counts->missed, counts->withdrawn, counts->not_yet_due };

  for (guint k = 0; k < G_N_ELEMENTS (actual); k++)
    g_assert_cmpuint (actual[k], ==, expected[k]);
  /* Every participant counts once: the overdue are among the due. */
  g_assert_cmpuint (counts->completed + counts->due + counts->missed + counts->withdrawn +
                    counts->not_yet_due, ==, counts->recruited);
}

static void
test_statuses (Fixture       *fixture,
               gconstpointer  data)
{
  static const guint midwives[4][7] = {
    { 5, 3, 1, 0, 0, 0, 1 },
    { 5, 0, 1, 1, 1, 1, 2 },
    { 5, 0, 0, 0, 2, 1, 2 },
    { 5, 0, 1, 1, 1, 1, 2 },
  };
  static const guint paramedics[4][7] = {
    { 1, 1, 0, 0, 0, 0, 0 },
    { 1, 1, 0, 0, 0, 0, 0 },
    { 1, 0, 0, 0, 0, 0, 1 },
    { 1, 0, 0, 0, 0, 0, 1 },
  };
  g_autoptr(TrellisRetention) retention = NULL;

  build_study (fixture);
  retention = compute (fixture);

  g_assert_cmpuint (retention->n_cohorts, ==, 2);
  g_assert_cmpuint (retention->n_timepoints, ==, 4);
  /* Cohorts in the order they were added, though P001 the paramedic comes
   * first in code order. */
  g_assert_cmpstr (retention->cohort_names[0], ==, "Midwives");
  g_assert_cmpstr (retention->cohort_names[1], ==, "Paramedics");
  g_assert_cmpstr (retention->timepoint_codes[3], ==, "T4");
  g_assert_cmpstr (retention->timepoint_labels[0], ==, "Baseline");
  for (guint t = 0; t < 4; t++)
    {
      const guint *m = midwives[t], *p = paramedics[t];
      const guint total[7] = { m[0] + p[0], m[1] + p[1], m[2] + p[2], m[3] + p[3], m[4] + p[4],
                               m[5] + p[5], m[6] + p[6] };

      assert_counts (trellis_retention_get (retention, 0, t), m);
      assert_counts (trellis_retention_get (retention, 1, t), p);
      assert_counts (trellis_retention_get_total (retention, t), total);
    }
}

/* The same study a month earlier: P002's T2 window (12–19 January) is open
 * on the 15th, so it is due rather than overdue, and T4 is not yet due. */
static void
test_today_moves_due (Fixture       *fixture,
                      gconstpointer  data)
{
  static const guint midwives_t2[7] = { 5, 0, 1, 0, 1, 1, 2 };
  static const guint midwives_t4[7] = { 5, 0, 0, 0, 1, 1, 3 };
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisVisitTable) table = NULL;
  g_autoptr(TrellisRetention) retention = NULL;
  GDate day;

  build_study (fixture);
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 15, G_DATE_JANUARY, 2025);
  table = trellis_study_read_visit_table (fixture->study, g_date_get_julian (&day), &error);
  g_assert_no_error (error);
  retention = trellis_retention_compute (table);

  g_assert_cmpuint (retention->today, ==, g_date_get_julian (&day));
  assert_counts (trellis_retention_get (retention, 0, 1), midwives_t2);
  assert_counts (trellis_retention_get (retention, 0, 3), midwives_t4);
}

/* A study with no participants has no cohort rows, and totals of zero. */
static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  static const guint zero[7] = { 0 };
  g_autoptr(TrellisRetention) retention = NULL;

  add_cohort (fixture, "Midwives");
  retention = compute (fixture);

  g_assert_cmpuint (retention->n_cohorts, ==, 0);
  g_assert_null (retention->cohort_names[0]);
  g_assert_cmpuint (retention->n_timepoints, ==, 4);
  for (guint t = 0; t < 4; t++)
    assert_counts (trellis_retention_get_total (retention, t), zero);
}

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int    argc,
      char **argv)
{
  g_setenv ("TRELLIS_TODAY", TODAY, TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  ADD_TEST ("/trellis/storage/retention/statuses", test_statuses);
  ADD_TEST ("/trellis/storage/retention/today-moves-due", test_today_moves_due);
  ADD_TEST ("/trellis/storage/retention/empty", test_empty);

  return g_test_run ();
}
