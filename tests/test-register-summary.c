/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "trellis-demo-study.h"
#include "trellis-register-summary.h"
#include "trellis-test-utils.h"

/* The register in numbers, read from a demo register whose counts are known,
 * and after changes made with raw SQL that each move one count. */

typedef TrellisTestFolder Fixture;

static TrellisRegisterSummary *
read_summary (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisDatabase) db = trellis_database_open (path, TRELLIS_OPEN_FLAGS_READ_ONLY, &error);
  TrellisRegisterSummary *summary;

  g_assert_no_error (error);
  summary = trellis_register_summary_read (db, &error);
  g_assert_no_error (error);
  g_assert_nonnull (summary);
  return summary;
}

static void
make_demo (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisDatabase) db = trellis_demo_study_create (path, "Demo", 66, 5, &error);

  g_assert_no_error (error);
  g_assert_nonnull (db);
}

static void
test_demo (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(TrellisRegisterSummary) summary = NULL;
  gint64 in_cohorts = 0;

  make_demo (fixture->path);
  summary = read_summary (fixture->path);

  g_assert_cmpuint (summary->cohorts->len, ==, 7);
  g_assert_cmpstr (g_array_index (summary->cohorts, TrellisRegisterCohort, 0).name, ==, "Midwives");
  for (guint i = 0; i < summary->cohorts->len; i++)
    in_cohorts += g_array_index (summary->cohorts, TrellisRegisterCohort, i).n_participants;
  g_assert_cmpint (in_cohorts, ==, 66);
  g_assert_cmpint (summary->n_participants, ==, 66);
  g_assert_cmpint (summary->by_status[TRELLIS_PARTICIPANT_STATUS_RECRUITED], ==, 3);
  /* Those who completed the last timepoint have completed the study. */
  g_assert_cmpint (summary->by_status[TRELLIS_PARTICIPANT_STATUS_ACTIVE], ==, 26);
  g_assert_cmpint (summary->by_status[TRELLIS_PARTICIPANT_STATUS_COMPLETED], ==, 32);
  g_assert_cmpint (summary->by_status[TRELLIS_PARTICIPANT_STATUS_WITHDRAWN], ==, 3);
  g_assert_cmpint (summary->by_status[TRELLIS_PARTICIPANT_STATUS_LOST_TO_FOLLOW_UP], ==, 2);
  g_assert_cmpint (summary->by_consent[TRELLIS_CONSENT_STATE_NONE], ==, 3);
  g_assert_cmpint (summary->by_consent[TRELLIS_CONSENT_STATE_GIVEN], ==, 63);
  for (guint i = 0; i < G_N_ELEMENTS (summary->by_withdrawal); i++)
    g_assert_cmpint (summary->by_withdrawal[i], ==, 1);
}

/* A newer sheet that requires reconsent puts everyone consented on an older
 * one, except the withdrawn and the lost to follow-up, into "reconsent
 * needed"; a declined latest consent counts as declined; an archived cohort
 * still counts. */
static void
test_states_follow_records (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(TrellisRegisterSummary) summary = NULL;

  make_demo (fixture->path);
  trellis_test_sqlite_exec_file (fixture->path,
      "INSERT INTO consent_version (label, version_date, clauses, requires_reconsent)"
      " VALUES ('v2.0', '2025-09-01', '[]', 1);"
      "INSERT INTO consent (participant_id, version_id, consent_date, taken_by, answers)"
      " SELECT min (participant_id), (SELECT id FROM consent_version WHERE label = 'v2.0'), '2025-09-10',"
      " 'Test', '{\"take_part\":false}' FROM consent"
      " WHERE participant_id NOT IN (SELECT participant_id FROM withdrawal)"
      " AND participant_id NOT IN (SELECT id FROM participant WHERE lost_date IS NOT NULL);"
      "UPDATE cohort SET archived = 1 WHERE name = 'Midwives';");
  summary = read_summary (fixture->path);

  g_assert_true (g_array_index (summary->cohorts, TrellisRegisterCohort, 0).archived);
  g_assert_cmpint (summary->by_consent[TRELLIS_CONSENT_STATE_DECLINED], ==, 1);
  g_assert_cmpint (summary->by_consent[TRELLIS_CONSENT_STATE_NONE], ==, 3);
  /* The demo's 3 withdrawn and 2 lost to follow-up are not asked again. */
  g_assert_cmpint (summary->by_status[TRELLIS_PARTICIPANT_STATUS_LOST_TO_FOLLOW_UP], ==, 2);
  g_assert_cmpint (summary->by_consent[TRELLIS_CONSENT_STATE_GIVEN], ==, 3 + 2);
  g_assert_cmpint (summary->by_consent[TRELLIS_CONSENT_STATE_RECONSENT_NEEDED], ==, 66 - 3 - 1 - 3 - 2);
  g_assert_cmpint (summary->by_status[TRELLIS_PARTICIPANT_STATUS_ACTIVE], ==, 57 - 32);
  g_assert_cmpint (summary->by_status[TRELLIS_PARTICIPANT_STATUS_COMPLETED], ==, 32);
}

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, trellis_test_folder_set_up, func, trellis_test_folder_tear_down)

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  ADD_TEST ("/trellis/storage/register-summary/demo", test_demo);
  ADD_TEST ("/trellis/storage/register-summary/states-follow-records", test_states_follow_records);

  return g_test_run ();
}
