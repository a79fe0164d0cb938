/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "measures-fixture.h"

/* Saving a data-entry form: the visit, one answer sheet per instrument and
 * its score, all in one audited transaction; and every way a form is refused,
 * each leaving the study file exactly as it was. */

static gint64
set_up_participant (Fixture *fixture)
{
  gint64 cohort = add_cohort (fixture, "Midwives 2024");

  return add_scheduled_participant (fixture, cohort, "P001");
}

static double
stored_score (Fixture *fixture)
{
  g_autofree char *text = sql_text (fixture, "SELECT score FROM answer_sheet");

  g_assert_nonnull (text);
  return g_ascii_strtod (text, NULL);
}

static void
test_save_form (Fixture       *fixture,
                gconstpointer  user_data)
{
  gint64 p = set_up_participant (fixture);
  const int values[6] = { 4, 2, 4, 2, 4, 2 };
  g_autoptr(TrellisVisitAnswers) loaded = NULL;
  g_autoptr(GError) error = NULL;
  const int *back;
  guint n = 0;

  assert_saved_brs (fixture, p, "T1", "2024-03-01", values);

  g_assert_cmpint (sql_int (fixture, "SELECT count(*) FROM visit"), ==, 1);
  g_assert_cmpint (sql_int (fixture, "SELECT missed FROM visit"), ==, 0);
  g_assert_cmpint (sql_int (fixture, "SELECT count(*) FROM answer_sheet"), ==, 1);
  g_assert_cmpint (sql_int (fixture, "SELECT answered FROM answer_sheet"), ==, 6);
  g_assert_cmpint (sql_int (fixture, "SELECT rule_version FROM answer_sheet"), ==, 1);
  /* Items 2, 4 and 6 are reversed (6 − 2 = 4), so every item scores 4. */
  g_assert_cmpfloat_with_epsilon (stored_score (fixture), 4.0, 1e-9);
  g_assert_cmpint (sql_int (fixture, "SELECT json_extract (answers, '$.BRS2') FROM answer_sheet"), ==, 2);

  loaded = trellis_study_load_visit (fixture->study, p, timepoint_id (fixture, "T1"), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->completed_date, ==, "2024-03-01");
  g_assert_false (loaded->missed);
  back = trellis_visit_answers_get_values (loaded, "BRS", &n);
  g_assert_cmpuint (n, ==, 6);
  g_assert_cmpmem (back, 6 * sizeof (int), values, sizeof values);
  assert_covered (fixture);
}

/* The missing-item rule: 5 of 6 answered is scored as the mean of the five;
 * 4 of 6 keeps the sheet with no score. */
static void
test_missing_items (Fixture       *fixture,
                    gconstpointer  user_data)
{
  gint64 p = set_up_participant (fixture);
  const int five[6] = { 5, 1, 3, 1, 5, U };
  const int four[6] = { 5, 1, U, 1, U, 4 };

  assert_saved_brs (fixture, p, "T1", "2024-03-01", five);
  g_assert_cmpint (sql_int (fixture, "SELECT answered FROM answer_sheet"), ==, 5);
  /* 5, 5, 3, 5, 5 */
  g_assert_cmpfloat_with_epsilon (stored_score (fixture), 23.0 / 5.0, 1e-9);

  assert_saved_brs (fixture, p, "T1", "2024-03-01", four);
  g_assert_cmpint (sql_int (fixture, "SELECT count(*) FROM answer_sheet"), ==, 1);
  g_assert_cmpint (sql_int (fixture, "SELECT answered FROM answer_sheet"), ==, 4);
  g_assert_cmpint (sql_int (fixture, "SELECT score IS NULL FROM answer_sheet"), ==, 1);
  g_assert_cmpint (sql_int (fixture, "SELECT rule_version FROM answer_sheet"), ==, 1);
  assert_covered (fixture);
}

static void
test_resave (Fixture       *fixture,
             gconstpointer  user_data)
{
  gint64 p = set_up_participant (fixture);
  const int first[6] = { 1, 5, 1, 5, 1, 5 };
  const int second[6] = { 3, 3, 3, 3, 3, 3 };
  gint64 audit_rows;

  assert_saved_brs (fixture, p, "T1", "2024-03-01", first);
  g_assert_cmpfloat_with_epsilon (stored_score (fixture), 1.0, 1e-9);
  audit_rows = sql_int (fixture, "SELECT count(*) FROM audit");

  assert_saved_brs (fixture, p, "T1", "2024-03-02", second);
  g_assert_cmpint (sql_int (fixture, "SELECT count(*) FROM visit"), ==, 1);
  g_assert_cmpint (sql_int (fixture, "SELECT count(*) FROM answer_sheet"), ==, 1);
  g_assert_cmpfloat_with_epsilon (stored_score (fixture), 3.0, 1e-9);
  {
    g_autofree char *date = sql_text (fixture, "SELECT completed_date FROM visit");
    g_assert_cmpstr (date, ==, "2024-03-02");
  }
  /* One update row for the visit, one for its sheet. */
  g_assert_cmpint (sql_int (fixture, "SELECT count(*) FROM audit"), ==, audit_rows + 2);
  g_assert_cmpint (sql_int (fixture, "SELECT count(*) FROM audit WHERE action = 'update'"
                                     " AND table_name IN ('visit', 'answer_sheet')"), ==, 2);

  /* Saving the same form again changes nothing, and the trail records no
   * change that did not happen. */
  assert_saved_brs (fixture, p, "T1", "2024-03-02", second);
  g_assert_cmpfloat_with_epsilon (stored_score (fixture), 3.0, 1e-9);
  g_assert_cmpint (sql_int (fixture, "SELECT count(*) FROM audit"), ==, audit_rows + 2);
  assert_covered (fixture);
}

static void
test_blank_deletes_sheet (Fixture       *fixture,
                          gconstpointer  user_data)
{
  gint64 p = set_up_participant (fixture);
  const int values[6] = { 4, 2, 4, 2, 4, 2 };
  const int blank[6] = { U, U, U, U, U, U };
  g_autoptr(TrellisVisitAnswers) loaded = NULL;
  g_autoptr(GError) error = NULL;

  assert_saved_brs (fixture, p, "T1", "2024-03-01", values);
  assert_saved_brs (fixture, p, "T1", "2024-03-01", blank);

  g_assert_cmpint (sql_int (fixture, "SELECT count(*) FROM answer_sheet"), ==, 0);
  g_assert_cmpint (sql_int (fixture, "SELECT count(*) FROM visit"), ==, 1);
  g_assert_cmpint (sql_int (fixture, "SELECT count(*) FROM audit WHERE action = 'delete'"
                                     " AND table_name = 'answer_sheet'"), ==, 1);
  loaded = trellis_study_load_visit (fixture->study, p, timepoint_id (fixture, "T1"), &error);
  g_assert_no_error (error);
  g_assert_null (trellis_visit_answers_get_values (loaded, "BRS", NULL));
  assert_covered (fixture);
}

/* Saves the form expecting a refusal that says expected, and checks that the
 * file did not change. */
static void
assert_refused (Fixture    *fixture,
                gint64      participant,
                const char *timepoint,
                const char *date,
                const int  *values,
                const char *expected)
{
  g_autofree char *before = dump_hash (fixture);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (save_brs (fixture, participant, timepoint, date, values, &error));
  assert_message (error, expected);
  g_test_message ("refused: %s", error->message);
  after = dump_hash (fixture);
  g_assert_cmpstr (after, ==, before);
  assert_covered (fixture);
}

static void
test_off_scale (Fixture       *fixture,
                gconstpointer  user_data)
{
  gint64 p = set_up_participant (fixture);
  const int seven[6] = { 4, 2, 7, 2, 4, 2 };
  const int zero[6] = { 4, 2, 4, 2, 4, 0 };
  const int values[6] = { 4, 2, 4, 2, 4, 2 };

  assert_refused (fixture, p, "T1", "2024-03-01", seven, "‘7’ is off the scale for BRS3 (1–5)");
  assert_refused (fixture, p, "T1", "2024-03-01", zero, "BRS6");
  /* Nothing was saved, and a good form still is. */
  g_assert_cmpint (sql_int (fixture, "SELECT count(*) FROM visit"), ==, 0);
  assert_saved_brs (fixture, p, "T1", "2024-03-01", values);
  assert_refused (fixture, p, "T1", "2024-03-01", seven, "BRS3");
  g_assert_cmpfloat_with_epsilon (stored_score (fixture), 4.0, 1e-9);
}

static void
test_dates (Fixture       *fixture,
            gconstpointer  user_data)
{
  gint64 p = set_up_participant (fixture);
  const int values[6] = { 4, 2, 4, 2, 4, 2 };

  assert_refused (fixture, p, "T1", "2024-07-01", values, "is in the future");
  assert_refused (fixture, p, "T1", "2024-07-01", values, "P001");
  assert_refused (fixture, p, "T1", NULL, values, "needs the date");
  assert_refused (fixture, p, "T1", "2024-02-30", values, "P001");
  /* Today itself is fine. */
  assert_saved_brs (fixture, p, "T1", MEASURES_TODAY, values);
}

/* T1 ≤ T2 ≤ T3 ≤ T4, whichever is entered first; the same day is fine. */
static void
test_order (Fixture       *fixture,
            gconstpointer  user_data)
{
  gint64 p = set_up_participant (fixture);
  const int values[6] = { 4, 2, 4, 2, 4, 2 };

  assert_saved_brs (fixture, p, "T1", "2024-03-05", values);
  assert_refused (fixture, p, "T2", "2024-03-04", values, "T2 cannot be completed on");
  assert_refused (fixture, p, "T2", "2024-03-04", values, "before T1");
  assert_refused (fixture, p, "T2", "2024-03-04", values, "P001");
  assert_saved_brs (fixture, p, "T2", "2024-03-05", NULL);
  assert_saved_brs (fixture, p, "T4", "2024-04-10", values);
  /* T3 between T2 and T4, from either side. */
  assert_refused (fixture, p, "T3", "2024-04-11", values, "after T4");
  assert_refused (fixture, p, "T3", "2024-03-01", values, "before T2");
  assert_saved_brs (fixture, p, "T3", "2024-03-21", values);
  /* Moving T1 past T2 is refused as well. */
  assert_refused (fixture, p, "T1", "2024-03-06", values, "T1 cannot be completed on");
  g_assert_cmpint (sql_int (fixture, "SELECT count(*) FROM visit"), ==, 4);
}

static void
test_withdrawn (Fixture       *fixture,
                gconstpointer  user_data)
{
  gint64 p = set_up_participant (fixture);
  const int values[6] = { 4, 2, 4, 2, 4, 2 };
  g_autoptr(GError) error = NULL;

  assert_saved_brs (fixture, p, "T1", "2024-03-01", values);
  g_assert_cmpint (trellis_study_record_withdrawal (fixture->study, p, TRELLIS_WITHDRAWAL_NO_FURTHER_DATA,
                                                    "2024-04-01", "Changed job", &error), >, 0);
  g_assert_no_error (error);

  assert_refused (fixture, p, "T2", "2024-03-06", values, "no new data can be recorded for them");
  assert_refused (fixture, p, "T2", "2024-03-06", values, "P001 withdrew on");
  /* Not even a correction to what is on file. */
  assert_refused (fixture, p, "T1", "2024-03-02", values, "no new data can be recorded");
  g_assert_cmpint (sql_int (fixture, "SELECT count(*) FROM visit"), ==, 1);
}

static void
set_missed (Fixture    *fixture,
            gint64      participant,
            const char *timepoint,
            gboolean    missed,
            GError    **error_out)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = trellis_study_set_visit_missed (fixture->study, participant, timepoint_id (fixture, timepoint),
                                                missed, &error);

  if (error_out != NULL)
    {
      g_assert_false (ok);
      *error_out = g_steal_pointer (&error);
      return;
    }
  g_assert_no_error (error);
  g_assert_true (ok);
}

static void
test_missed (Fixture       *fixture,
             gconstpointer  user_data)
{
  gint64 p = set_up_participant (fixture);
  const int values[6] = { 4, 2, 4, 2, 4, 2 };
  g_autoptr(TrellisVisitAnswers) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  set_missed (fixture, p, "T2", TRUE, NULL);
  g_assert_cmpint (sql_int (fixture, "SELECT missed FROM visit"), ==, 1);
  g_assert_cmpint (sql_int (fixture, "SELECT completed_date IS NULL FROM visit"), ==, 1);
  loaded = trellis_study_load_visit (fixture->study, p, timepoint_id (fixture, "T2"), &error);
  g_assert_no_error (error);
  g_assert_true (loaded->missed);
  g_assert_null (loaded->completed_date);
  assert_covered (fixture);

  /* Marking it again changes nothing; taking it back removes the visit. */
  set_missed (fixture, p, "T2", TRUE, NULL);
  g_assert_cmpint (sql_int (fixture, "SELECT count(*) FROM visit"), ==, 1);
  set_missed (fixture, p, "T2", FALSE, NULL);
  g_assert_cmpint (sql_int (fixture, "SELECT count(*) FROM visit"), ==, 0);
  assert_covered (fixture);

  /* A missed visit that turns out to have happened is completed by a form. */
  set_missed (fixture, p, "T2", TRUE, NULL);
  assert_saved_brs (fixture, p, "T2", "2024-03-06", values);
  g_assert_cmpint (sql_int (fixture, "SELECT missed FROM visit"), ==, 0);

  /* A completed visit cannot be marked missed. */
  before = dump_hash (fixture);
  set_missed (fixture, p, "T2", TRUE, &error);
  assert_message (error, "P001, T2 was completed on 2024-03-06, so it cannot be marked missed");
  after = dump_hash (fixture);
  g_assert_cmpstr (after, ==, before);
  assert_covered (fixture);
}

static TrellisTimepoint *
timepoint_at (Fixture    *fixture,
              const char *code)
{
  GListModel *plan = trellis_study_get_timepoints (fixture->study);

  for (guint i = 0; i < g_list_model_get_n_items (plan); i++)
    {
      g_autoptr(TrellisTimepoint) tp = g_list_model_get_item (plan, i);

      if (g_strcmp0 (trellis_timepoint_get_code (tp), code) == 0)
        return g_steal_pointer (&tp);
    }
  g_error ("no timepoint %s", code);
}

/* A timepoint with visits on file stays in the plan, with a message that
 * says why rather than a constraint error. */
static void
test_timepoint_with_visits (Fixture       *fixture,
                            gconstpointer  user_data)
{
  gint64 p = set_up_participant (fixture);
  const int values[6] = { 4, 2, 4, 2, 4, 2 };
  g_autoptr(TrellisTimepoint) t2 = NULL;
  g_autoptr(TrellisTimepoint) t3 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  assert_saved_brs (fixture, p, "T2", "2024-03-06", values);
  before = dump_hash (fixture);
  t2 = timepoint_at (fixture, "T2");
  g_assert_false (trellis_study_remove_timepoint (fixture->study, t2, &error));
  assert_message (error, "T2 cannot be removed: 1 participant’s visit is on file for it");
  after = dump_hash (fixture);
  g_assert_cmpstr (after, ==, before);
  g_clear_error (&error);

  /* A visit marked missed is on file too. */
  set_missed (fixture, p, "T4", TRUE, NULL);
  g_clear_object (&t2);
  t2 = timepoint_at (fixture, "T4");
  g_assert_false (trellis_study_remove_timepoint (fixture->study, t2, &error));
  assert_message (error, "T4 cannot be removed");
  g_clear_error (&error);

  t3 = timepoint_at (fixture, "T3");
  g_assert_true (trellis_study_remove_timepoint (fixture->study, t3, &error));
  g_assert_no_error (error);
  assert_covered (fixture);
}

/* Completing the plan's last timepoint completes the study: the card says
 * so. */
static void
test_completes_study (Fixture       *fixture,
                      gconstpointer  data)
{
  static const int values[] = { 4, 2, 4, 2, 4, 2 };
  gint64 cohort = add_cohort (fixture, "Midwives 2024");
  gint64 p = add_scheduled_participant (fixture, cohort, "P001");
  g_autoptr(TrellisParticipant) before = NULL;
  g_autoptr(TrellisParticipant) after = NULL;
  g_autoptr(GError) error = NULL;

  assert_saved_brs (fixture, p, "T1", "2024-03-01", values);
  assert_saved_brs (fixture, p, "T2", "2024-03-06", values);
  assert_saved_brs (fixture, p, "T3", "2024-03-21", values);
  before = trellis_study_get_participant (fixture->study, p, &error);
  g_assert_no_error (error);
  g_assert_cmpint (trellis_participant_get_status (before), !=, TRELLIS_PARTICIPANT_STATUS_COMPLETED);

  assert_saved_brs (fixture, p, "T4", "2024-04-05", values);
  after = trellis_study_get_participant (fixture->study, p, &error);
  g_assert_no_error (error);
  g_assert_cmpint (trellis_participant_get_status (after), ==, TRELLIS_PARTICIPANT_STATUS_COMPLETED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, func) \
  g_test_add ("/trellis/storage/visit-store/" name, Fixture, NULL, measures_set_up, func, fixture_tear_down)

  ADD ("save-form", test_save_form);
  ADD ("missing-items", test_missing_items);
  ADD ("resave", test_resave);
  ADD ("blank-deletes-sheet", test_blank_deletes_sheet);
  ADD ("off-scale", test_off_scale);
  ADD ("dates", test_dates);
  ADD ("order", test_order);
  ADD ("withdrawn", test_withdrawn);
  ADD ("missed", test_missed);
  ADD ("timepoint-with-visits", test_timepoint_with_visits);
  ADD ("completes-study", test_completes_study);

#undef ADD

  return g_test_run ();
}
