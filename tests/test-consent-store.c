/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "register-fixture.h"
#include "trellis-consent-state.h"
#include "trellis-domain-error.h"

/* Information-sheet versions and consent records: the consent rules applied
 * by the store with the study left unchanged on a refusal, the history kept,
 * and reconsent after a version that requires it. */

static void
test_versions (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(TrellisConsentVersion) first = NULL;
  g_autoptr(TrellisConsentVersion) second = NULL;
  g_autoptr(TrellisConsentVersion) duplicate = trellis_consent_version_new_standard ("V1.0", "2024-05-01");
  g_autoptr(TrellisConsentVersion) no_take_part = trellis_consent_version_new ();
  static const char *const keys[] = { "questionnaires", NULL };
  static const char *const texts[] = { "I will fill them in.", NULL };
  GListModel *model = trellis_study_get_consent_versions (fixture->study);
  g_autoptr(GError) error = NULL;

  add_version (fixture, "v2.0", "2024-06-01", TRUE);
  add_version (fixture, "v1.0", "2024-01-15", FALSE);
  g_assert_cmpuint (fixture->changes, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  first = g_list_model_get_item (model, 0);
  second = g_list_model_get_item (model, 1);
  g_assert_cmpstr (trellis_consent_version_get_label (first), ==, "v1.0");
  g_assert_cmpuint (trellis_consent_version_get_n_clauses (first), ==, 6);
  g_assert_cmpstr (trellis_consent_version_get_clause_keys (first)[5], ==, "future_research");
  g_assert_true (trellis_consent_version_get_requires_reconsent (second));
  assert_verifies (fixture);

  g_assert_false (trellis_study_add_consent_version (fixture->study, duplicate, &error));
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_DUPLICATE);
  g_clear_error (&error);

  trellis_consent_version_set_label (no_take_part, "short form");
  trellis_consent_version_set_date (no_take_part, "2024-02-01");
  trellis_consent_version_set_clauses (no_take_part, keys, texts);
  g_assert_false (trellis_study_add_consent_version (fixture->study, no_take_part, &error));
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID);
  assert_message (error, "needs the clause “take_part”");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  assert_verifies (fixture);
}

/* Once used, a version's date and clauses are fixed; label and flag are not. */
static void
test_version_in_use (Fixture       *fixture,
                     gconstpointer  user_data)
{
  gint64 version = add_version (fixture, "v1", "2024-01-01", FALSE);
  gint64 id = add_participant (fixture, NULL, add_cohort (fixture, "Midwives"), NULL);
  g_autoptr(TrellisConsentVersion) stored = NULL;
  g_autoptr(GError) error = NULL;

  consent (fixture, id, version, "2024-01-10");
  stored = g_list_model_get_item (trellis_study_get_consent_versions (fixture->study), 0);
  g_assert_cmpint (trellis_consent_version_get_n_consents (stored), ==, 1);

  trellis_consent_version_set_date (stored, "2024-02-01");
  g_assert_false (trellis_study_update_consent_version (fixture->study, stored, &error));
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Information sheet “v1” already has 1 consent, so its date and clauses can no longer change; add a new version instead");
  g_clear_error (&error);

  trellis_consent_version_set_date (stored, "2024-01-01");
  trellis_consent_version_set_label (stored, "v1 (January)");
  g_assert_true (trellis_study_update_consent_version (fixture->study, stored, &error));
  g_assert_no_error (error);
  assert_verifies (fixture);
}

static void
assert_consent_refused (Fixture     *fixture,
                        gint64       participant,
                        gint64       version,
                        const char  *date,
                        GHashTable  *answers,
                        const char  *message)
{
  g_autofree char *before = dump_study (fixture);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  guint changes = fixture->changes;

  g_assert_cmpint (trellis_study_record_consent (fixture->study, participant, version, date, "A. Coordinator",
                                                 answers, &error), ==, 0);
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, error->code);
  g_assert_cmpstr (error->message, ==, message);
  after = dump_study (fixture);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (fixture->changes, ==, changes);
  assert_verifies (fixture);
}

static void
test_consent_refused (Fixture       *fixture,
                      gconstpointer  user_data)
{
  gint64 version = add_version (fixture, "v2", "2024-03-01", FALSE);
  gint64 id = add_participant (fixture, NULL, add_cohort (fixture, "Midwives"), "2024-03-02");
  g_autoptr(GHashTable) answers = standard_answers (NULL);
  g_autoptr(GHashTable) partial = standard_answers (NULL);
  g_autoptr(GError) error = NULL;

  assert_consent_refused (fixture, id, version, "2024-02-29", answers,
                          "P001: Consent dated 2024-02-29 is before information sheet “v2”, dated 2024-03-01");
  assert_consent_refused (fixture, id, version, "2024-02-30", answers,
                          "P001, consent date: ‘2024-02-30’ is not a date: February 2024 has 29 days");
  g_hash_table_remove (partial, "video");
  assert_consent_refused (fixture, id, version, "2024-03-05", partial,
                          "P001: The consent has no answer for clause “video” of information sheet “v2”");

  consent (fixture, id, version, "2024-03-05");
  g_assert_cmpint (trellis_study_record_withdrawal (fixture->study, id, TRELLIS_WITHDRAWAL_NO_FURTHER_CONTACT,
                                                    "2024-04-01", NULL, &error), >, 0);
  g_assert_no_error (error);
  assert_consent_refused (fixture, id, version, "2024-04-02", answers,
                          "P001 withdrew on 2024-04-01 (No further contact), so no consent dated 2024-04-02 can be recorded for them");
}

static gboolean
needs_reconsent (Fixture *fixture,
                 gint64   id)
{
  g_autoptr(GArray) ids = trellis_study_list_reconsent_needed (fixture->study, NULL);
  g_autoptr(TrellisParticipant) participant = load_participant (fixture, id);
  gboolean listed = FALSE;

  g_assert_nonnull (ids);
  for (guint i = 0; i < ids->len; i++)
    listed = listed || g_array_index (ids, gint64, i) == id;
  /* The list and the card agree. */
  g_assert_cmpint (listed, ==, trellis_participant_get_consent_state (participant) ==
                                 TRELLIS_CONSENT_STATE_RECONSENT_NEEDED);
  return listed;
}

/* A version marked "requires reconsent" puts active participants on older
 * versions into reconsent needed, but not withdrawn ones nor those lost to
 * follow-up; a new consent clears it, and the old consent stays listed and
 * audited. */
static void
test_reconsent (Fixture       *fixture,
                gconstpointer  user_data)
{
  gint64 cohort = add_cohort (fixture, "Midwives");
  gint64 v1 = add_version (fixture, "v1", "2024-01-01", FALSE);
  gint64 active = add_participant (fixture, NULL, cohort, "2024-01-20");
  gint64 withdrawn = add_participant (fixture, NULL, cohort, "2024-01-20");
  gint64 lost = add_participant (fixture, NULL, cohort, "2024-01-20");
  gint64 v2;
  gint64 old_consent;
  g_autoptr(TrellisParticipant) participant = NULL;
  g_autoptr(TrellisConsentRecord) first = NULL;
  g_autoptr(TrellisConsentRecord) latest = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *audited = NULL;

  old_consent = consent (fixture, active, v1, "2024-01-10");
  consent (fixture, withdrawn, v1, "2024-01-10");
  consent (fixture, lost, v1, "2024-01-10");
  g_assert_true (trellis_study_set_participant_lost (fixture->study, lost, "2024-02-20", &error));
  g_assert_cmpint (trellis_study_record_withdrawal (fixture->study, withdrawn, TRELLIS_WITHDRAWAL_NO_FURTHER_DATA,
                                                    "2024-02-01", NULL, &error), >, 0);
  g_assert_no_error (error);
  g_assert_false (needs_reconsent (fixture, active));

  /* A new version that does not require reconsent changes nothing. */
  add_version (fixture, "v1.1", "2024-02-15", FALSE);
  g_assert_false (needs_reconsent (fixture, active));

  v2 = add_version (fixture, "v2", "2024-03-01", TRUE);
  g_assert_true (needs_reconsent (fixture, active));
  g_assert_false (needs_reconsent (fixture, withdrawn));
  g_assert_false (needs_reconsent (fixture, lost));
  g_assert_true (trellis_study_set_participant_lost (fixture->study, lost, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (needs_reconsent (fixture, lost));
  assert_verifies (fixture);

  consent (fixture, active, v2, "2024-03-10");
  g_assert_false (needs_reconsent (fixture, active));
  participant = load_participant (fixture, active);
  g_assert_cmpint (trellis_participant_get_consent_state (participant), ==, TRELLIS_CONSENT_STATE_GIVEN);
  g_assert_cmpuint (g_list_model_get_n_items (trellis_participant_get_consents (participant)), ==, 2);
  first = g_list_model_get_item (trellis_participant_get_consents (participant), 0);
  latest = g_list_model_get_item (trellis_participant_get_consents (participant), 1);
  g_assert_cmpint (trellis_consent_record_get_id (first), ==, old_consent);
  g_assert_cmpstr (trellis_consent_record_get_version_label (first), ==, "v1");
  g_assert_cmpstr (trellis_consent_record_get_version_label (latest), ==, "v2");
  g_assert_cmpstr (trellis_consent_record_get_taken_by (latest), ==, "A. Coordinator");
  g_assert_true (trellis_consent_record_get_takes_part (latest));

  audited = g_strdup_printf ("SELECT count(*) FROM audit WHERE table_name = 'consent' AND action = 'insert'"
                             " AND row_key = '%" G_GINT64_FORMAT "'", old_consent);
  g_assert_cmpint (sql_int (fixture, audited), ==, 1);
  assert_verifies (fixture);
}

/* Answers are kept per clause, and declining video or quotes still consents. */
static void
test_answers_kept (Fixture       *fixture,
                   gconstpointer  user_data)
{
  static const char *const no[] = { "video", "quotes", NULL };
  gint64 version = add_version (fixture, "v1", "2024-01-01", FALSE);
  gint64 id = add_participant (fixture, NULL, add_cohort (fixture, "Midwives"), NULL);
  g_autoptr(GHashTable) answers = standard_answers (no);
  g_autoptr(TrellisParticipant) participant = NULL;
  g_autoptr(TrellisConsentRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;
  gboolean yes = TRUE;

  g_assert_cmpint (trellis_study_record_consent (fixture->study, id, version, " 2024-01-05 ", " B. Nurse ",
                                                 answers, &error), >, 0);
  g_assert_no_error (error);
  stored = sql_text (fixture, "SELECT answers FROM consent");
  g_assert_cmpstr (stored, ==, "{\"take_part\":true,\"questionnaires\":true,\"interview\":true,"
                               "\"video\":false,\"quotes\":false,\"future_research\":true}");
  participant = load_participant (fixture, id);
  g_assert_cmpint (trellis_participant_get_consent_state (participant), ==, TRELLIS_CONSENT_STATE_GIVEN);
  record = g_list_model_get_item (trellis_participant_get_consents (participant), 0);
  g_assert_cmpstr (trellis_consent_record_get_date (record), ==, "2024-01-05");
  g_assert_cmpstr (trellis_consent_record_get_taken_by (record), ==, "B. Nurse");
  g_assert_true (trellis_consent_answers_get (trellis_consent_record_get_answers (record), "video", &yes));
  g_assert_false (yes);
  assert_verifies (fixture);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, func) \
  g_test_add ("/trellis/storage/consent-store/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("versions", test_versions);
  ADD ("version-in-use", test_version_in_use);
  ADD ("consent-refused", test_consent_refused);
  ADD ("reconsent", test_reconsent);
  ADD ("answers-kept", test_answers_kept);

  return g_test_run ();
}
