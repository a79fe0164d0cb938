/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "register-fixture.h"

/* The read-only views of the register behind the Consent page: who needs to
 * consent again, by code with cohort and current version, and every code. */

static void
assert_same_people (Fixture   *fixture,
                    GPtrArray *entries)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = trellis_study_list_reconsent_needed (fixture->study, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, ids->len);
  for (guint i = 0; i < ids->len; i++)
    g_assert_cmpint (trellis_reconsent_entry_get_participant_id (entries->pdata[i]), ==,
                     g_array_index (ids, gint64, i));
}

static void
assert_entry (TrellisReconsentEntry *entry,
              const char            *code,
              const char            *cohort)
{
  g_assert_cmpstr (trellis_reconsent_entry_get_code (entry), ==, code);
  g_assert_cmpstr (trellis_reconsent_entry_get_cohort (entry), ==, cohort);
  g_assert_cmpstr (trellis_reconsent_entry_get_version_label (entry), ==, "v1");
  g_assert_cmpstr (trellis_reconsent_entry_get_consent_date (entry), ==, "2024-01-10");
}

/* Among people on the older sheet, only those taking part, not withdrawn
 * and not lost to follow-up are asked again; whoever signed the new sheet
 * already is not. */
static void
test_reconsent_entries (Fixture       *fixture,
                        gconstpointer  user_data)
{
  static const char *const declined[] = { TRELLIS_CONSENT_CLAUSE_TAKE_PART, NULL };
  gint64 midwives = add_cohort (fixture, "Midwives");
  gint64 paramedics = add_cohort (fixture, "Paramedics");
  gint64 v1 = add_version (fixture, "v1", "2024-01-01", FALSE);
  gint64 ids[7];
  g_autoptr(GHashTable) no = standard_answers (declined);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    ids[i] = add_participant (fixture, NULL, i == 1 ? paramedics : midwives, "2024-01-05");
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    if (i != 2 && i != 5)
      consent (fixture, ids[i], v1, "2024-01-10");
  g_assert_true (trellis_study_set_participant_lost (fixture->study, ids[6], "2024-03-01", &error));
  g_assert_cmpint (trellis_study_record_consent (fixture->study, ids[2], v1, "2024-01-10", "A. Coordinator",
                                                 no, &error), >, 0);
  g_assert_cmpint (trellis_study_record_withdrawal (fixture->study, ids[3], TRELLIS_WITHDRAWAL_NO_FURTHER_DATA,
                                                    "2024-02-01", "Moved away", &error), >, 0);
  g_assert_no_error (error);

  entries = trellis_study_list_reconsent_entries (fixture->study, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 0);
  g_clear_pointer (&entries, g_ptr_array_unref);

  consent (fixture, ids[4], add_version (fixture, "v2", "2024-06-01", TRUE), "2024-06-05");
  entries = trellis_study_list_reconsent_entries (fixture->study, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 2);
  assert_entry (entries->pdata[0], "P001", "Midwives");
  assert_entry (entries->pdata[1], "P002", "Paramedics");
  assert_same_people (fixture, entries);
}

static void
test_participant_codes (Fixture       *fixture,
                        gconstpointer  user_data)
{
  gint64 cohort = add_cohort (fixture, "Midwives");
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GError) error = NULL;

  codes = trellis_study_list_participant_codes (fixture->study, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (codes->len, ==, 0);
  g_clear_pointer (&codes, g_ptr_array_unref);

  add_participant (fixture, " mw-017 ", cohort, NULL);
  add_participant (fixture, NULL, cohort, NULL);
  codes = trellis_study_list_participant_codes (fixture->study, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (codes->len, ==, 2);
  g_assert_true (g_ptr_array_find_with_equal_func (codes, "MW-017", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (codes, "P001", g_str_equal, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, func) \
  g_test_add ("/trellis/storage/register-queries/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("reconsent-entries", test_reconsent_entries);
  ADD ("participant-codes", test_participant_codes);

  return g_test_run ();
}
