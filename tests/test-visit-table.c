/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "measures-fixture.h"

/* The whole schedule read in bulk, as the completion grid, the due list and
 * the retention counts see it: one row per participant in code order, one
 * slot per timepoint, each placed on the pinned day. */

#define TABLE_TODAY "2024-03-10"

static guint32
julian (const char *date)
{
  GDate d;

  g_date_clear (&d, 1);
  g_date_set_parse (&d, date);
  g_assert_true (g_date_valid (&d));
  return g_date_get_julian (&d);
}

/* Statuses of a row, as words, T1 to T4. */
static char *
row_statuses (TrellisVisitTable *table,
              guint              row)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint t = 0; t < trellis_visit_table_get_n_timepoints (table); t++)
    {
      const TrellisVisitSlot *slot = trellis_visit_table_get_slot (table, row, t);

      g_string_append_printf (out, "%s%s%s", t > 0 ? " " : "", trellis_visit_status_to_string (slot->status),
                              slot->out_of_window ? "!" : "");
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
set_up_study (Fixture *fixture)
{
  gint64 midwives = add_cohort (fixture, "Midwives 2024");
  gint64 paramedics = add_cohort (fixture, "Paramedics 2024");
  gint64 p1, p2, p3, p4;
  const int values[6] = { 4, 2, 4, 2, 4, 2 };
  g_autoptr(GError) error = NULL;

  /* Added out of code order, to show the table sorts. */
  p4 = add_participant (fixture, "P004", paramedics, "2024-03-01");
  p1 = add_participant (fixture, "P001", midwives, "2024-03-01");
  p2 = add_participant (fixture, "P002", midwives, "2024-03-01");
  p3 = add_participant (fixture, "P003", paramedics, "2024-03-01");

  /* P001: baseline done, workshop on the 5th, no coaching call yet. */
  assert_saved_brs (fixture, p1, "T1", "2024-03-01", values);
  record_event (fixture, p1, TRELLIS_ANCHOR_WORKSHOP, "2024-03-05");

  /* P002: baseline marked missed. */
  g_assert_true (trellis_study_set_visit_missed (fixture->study, p2, timepoint_id (fixture, "T1"), TRUE, &error));
  g_assert_no_error (error);

  /* P003: baseline done, then withdrew before any other window closed. */
  assert_saved_brs (fixture, p3, "T1", "2024-03-01", values);
  g_assert_cmpint (trellis_study_record_withdrawal (fixture->study, p3, TRELLIS_WITHDRAWAL_NO_FURTHER_DATA,
                                                    "2024-03-08", "Changed job", &error), >, 0);
  g_assert_no_error (error);

  /* P004: baseline completed two days late, then lost to follow-up. */
  assert_saved_brs (fixture, p4, "T1", "2024-03-03", values);
  g_assert_true (trellis_study_set_participant_lost (fixture->study, p4, "2024-03-06", &error));
  g_assert_no_error (error);
}

static void
test_statuses (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(TrellisVisitTable) table = NULL;
  g_autoptr(GError) error = NULL;
  static const char *const expected[] = {
    "completed due not-yet-due not-yet-due",
    "missed not-yet-due not-yet-due not-yet-due",
    "completed not-applicable not-applicable not-applicable",
    "completed! missed missed missed",
  };
  static const char *const codes[] = { "P001", "P002", "P003", "P004" };
  const TrellisVisitSlot *slot;

  set_up_study (fixture);
  g_setenv ("TRELLIS_TODAY", TABLE_TODAY, TRUE);
  table = trellis_study_read_visit_table (fixture->study, trellis_study_today (), &error);
  g_assert_no_error (error);
  g_assert_nonnull (table);

  g_assert_cmpuint (trellis_visit_table_get_today (table), ==, julian (TABLE_TODAY));
  g_assert_cmpuint (trellis_visit_table_get_n_rows (table), ==, 4);
  g_assert_cmpuint (trellis_visit_table_get_n_timepoints (table), ==, 4);
  g_assert_cmpstr (trellis_timepoint_get_code (trellis_visit_table_get_timepoint (table, 2)), ==, "T3");
  g_assert_cmpuint (trellis_visit_table_get_n_cohorts (table), ==, 2);
  for (guint r = 0; r < G_N_ELEMENTS (expected); r++)
    {
      g_autofree char *statuses = row_statuses (table, r);
      guint cohort = trellis_visit_table_get_cohort (table, r);

      g_assert_cmpstr (trellis_visit_table_get_code (table, r), ==, codes[r]);
      g_assert_cmpstr (statuses, ==, expected[r]);
      g_assert_cmpstr (trellis_visit_table_get_cohort_name (table, cohort), ==,
                       r < 2 ? "Midwives 2024" : "Paramedics 2024");
    }
  g_assert_cmpint (trellis_visit_table_get_participant_id (table, 0), ==,
                   trellis_study_lookup_participant (fixture->study, "P001", NULL));

  /* P001's T2 counts from their workshop: due the day after, open for a week. */
  slot = trellis_visit_table_get_slot (table, 0, 1);
  g_assert_cmpuint (slot->due, ==, julian ("2024-03-06"));
  g_assert_cmpuint (slot->opens, ==, julian ("2024-03-05"));
  g_assert_cmpuint (slot->closes, ==, julian ("2024-03-12"));
  /* Their coaching call is not recorded, so T3 has no dates yet. */
  slot = trellis_visit_table_get_slot (table, 0, 2);
  g_assert_cmpuint (slot->due, ==, 0);
  /* T4 counts from the baseline. */
  slot = trellis_visit_table_get_slot (table, 0, 3);
  g_assert_cmpuint (slot->due, ==, julian ("2024-04-05"));
  g_assert_cmpuint (trellis_visit_table_get_record (table, 0, 0)->completed, ==, julian ("2024-03-01"));
  g_assert_true (trellis_visit_table_get_record (table, 1, 0)->marked_missed);
  g_assert_cmpuint (trellis_visit_table_get_facts (table, 3)->lost, ==, julian ("2024-03-06"));
}

/* The same study later: P001's T2 window has closed with nothing recorded. */
static void
test_overdue (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(TrellisVisitTable) table = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;

  set_up_study (fixture);
  table = trellis_study_read_visit_table (fixture->study, julian ("2024-03-13"), &error);
  g_assert_no_error (error);
  first = row_statuses (table, 0);
  g_assert_cmpstr (first, ==, "completed overdue not-yet-due not-yet-due");
}

static void
test_empty (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(TrellisVisitTable) table = NULL;
  g_autoptr(GError) error = NULL;

  table = trellis_study_read_visit_table (fixture->study, julian (TABLE_TODAY), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (trellis_visit_table_get_n_rows (table), ==, 0);
  g_assert_cmpuint (trellis_visit_table_get_n_timepoints (table), ==, 4);
  g_assert_cmpuint (trellis_visit_table_get_n_cohorts (table), ==, 0);
}

static void
on_read (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static TrellisVisitTable *
read_async (TrellisStudy *study,
            guint32       today)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  TrellisVisitTable *table;

  trellis_study_read_visit_table_async (study, today, NULL, on_read, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  table = trellis_study_read_visit_table_finish (study, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (table);
  return table;
}

/* Read in a worker thread, through a connection of its own, the schedule
 * is the one the study's own connection has just written: each read sees
 * every commit made before it started. */
static void
test_async (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(TrellisVisitTable) before = NULL;
  g_autoptr(TrellisVisitTable) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *statuses = NULL;
  gint64 p1;

  set_up_study (fixture);
  before = read_async (fixture->study, julian (TABLE_TODAY));
  g_assert_cmpuint (trellis_visit_table_get_n_rows (before), ==, 4);
  statuses = row_statuses (before, 0);
  g_assert_cmpstr (statuses, ==, "completed due not-yet-due not-yet-due");

  p1 = trellis_study_lookup_participant (fixture->study, "P001", NULL);
  g_assert_true (trellis_study_set_visit_missed (fixture->study, p1, timepoint_id (fixture, "T2"), TRUE, &error));
  g_assert_no_error (error);
  after = read_async (fixture->study, julian (TABLE_TODAY));
  g_free (statuses);
  statuses = row_statuses (after, 0);
  g_assert_cmpstr (statuses, ==, "completed missed not-yet-due not-yet-due");
}

/* The study keeps the last schedule read until the next change, so the
 * pages that show it share one read; a read made on another day, or after a
 * change, is a new one. */
static void
test_kept_until_change (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(TrellisVisitTable) first = NULL;
  g_autoptr(TrellisVisitTable) again = NULL;
  g_autoptr(TrellisVisitTable) next_day = NULL;
  g_autoptr(TrellisVisitTable) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *statuses = NULL;
  gint64 p1;

  set_up_study (fixture);
  first = read_async (fixture->study, julian (TABLE_TODAY));
  again = read_async (fixture->study, julian (TABLE_TODAY));
  g_assert_true (first == again);
  next_day = read_async (fixture->study, julian (TABLE_TODAY) + 1);
  g_assert_true (next_day != first);

  /* A read ahead that a change overtakes is not kept: the next read shows
   * the change. */
  trellis_study_warm_visit_table (fixture->study, julian (TABLE_TODAY) + 2);
  p1 = trellis_study_lookup_participant (fixture->study, "P001", NULL);
  g_assert_true (trellis_study_set_visit_missed (fixture->study, p1, timepoint_id (fixture, "T2"), TRUE, &error));
  g_assert_no_error (error);
  after = read_async (fixture->study, julian (TABLE_TODAY) + 2);
  statuses = row_statuses (after, 0);
  g_assert_cmpstr (statuses, ==, "completed missed not-yet-due not-yet-due");
  g_clear_pointer (&after, trellis_visit_table_unref);
  after = read_async (fixture->study, julian (TABLE_TODAY));
  g_assert_true (after != first);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, func) \
  g_test_add ("/trellis/storage/visit-table/" name, Fixture, NULL, measures_set_up, func, fixture_tear_down)

  ADD ("statuses", test_statuses);
  ADD ("overdue", test_overdue);
  ADD ("empty", test_empty);
  ADD ("async", test_async);
  ADD ("kept-until-change", test_kept_until_change);

#undef ADD

  return g_test_run ();
}
