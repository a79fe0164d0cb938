/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "register-fixture.h"
#include "trellis-consent-state.h"
#include "trellis-domain-error.h"
#include "trellis-participant-status.h"
#include "trellis-participant-store.h"
#include "trellis-storage-error.h"

/* Participants: codes in canonical form and unique however they are typed,
 * generated codes, cohorts, status derived through the store, lost to
 * follow-up, and contact details that the audit trail never copies. */

static char *
code_of (Fixture *fixture,
         gint64   id)
{
  g_autoptr(TrellisParticipant) participant = load_participant (fixture, id);

  return g_strdup (trellis_participant_get_code (participant));
}

static void
test_code_canonical (Fixture       *fixture,
                     gconstpointer  user_data)
{
  gint64 cohort = add_cohort (fixture, "Midwives");
  gint64 id = add_participant (fixture, " p001 ", cohort, NULL);
  g_autofree char *code = code_of (fixture, id);
  const char *same[] = { "p001", "P001", "\tP001\u00a0", "  p001" };
  g_autofree char *before = NULL;

  g_assert_cmpstr (code, ==, "P001");
  g_assert_cmpint (trellis_study_lookup_participant (fixture->study, "p001 ", NULL), ==, id);
  assert_verifies (fixture);

  before = dump_study (fixture);
  for (guint i = 0; i < G_N_ELEMENTS (same); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *after = NULL;

      g_assert_cmpint (trellis_study_add_participant (fixture->study, same[i], cohort, NULL, &error), ==, 0);
      g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_DUPLICATE);
      g_assert_cmpstr (error->message, ==, "There is already a participant P001 in the study");
      after = dump_study (fixture);
      g_assert_cmpstr (after, ==, before);
    }
  g_assert_cmpint (sql_int (fixture, "SELECT count(*) FROM participant"), ==, 1);
}

static void
test_code_invalid (Fixture       *fixture,
                   gconstpointer  user_data)
{
  gint64 cohort = add_cohort (fixture, "Midwives");
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (trellis_study_add_participant (fixture->study, "P 001", cohort, NULL, &error), ==, 0);
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID);
  assert_message (error, "‘P 001’ is not a valid study code");
  g_clear_error (&error);
  g_assert_cmpint (trellis_study_add_participant (fixture->study, "P001", 999, NULL, &error), ==, 0);
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "The participant needs a cohort of this study");
  g_clear_error (&error);
  g_assert_cmpint (trellis_study_add_participant (fixture->study, "P001", cohort, "2024-13-01", &error), ==, 0);
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID);
  assert_message (error, "Baseline date: ");
  g_assert_cmpint (sql_int (fixture, "SELECT count(*) FROM participant"), ==, 0);
  assert_verifies (fixture);
}

static void
test_code_generated (Fixture       *fixture,
                     gconstpointer  user_data)
{
  gint64 cohort = add_cohort (fixture, "Midwives");
  g_autofree char *first = code_of (fixture, add_participant (fixture, NULL, cohort, NULL));
  g_autofree char *second = code_of (fixture, add_participant (fixture, "", cohort, NULL));
  g_autofree char *after_typed = NULL;
  g_autofree char *other = NULL;
  g_autofree char *pattern = NULL;
  g_autoptr(GError) error = NULL;

  g_autofree char *next = NULL;

  g_assert_cmpstr (first, ==, "P001");
  g_assert_cmpstr (second, ==, "P002");
  add_participant (fixture, "P010", cohort, NULL);
  /* A form shows the code it will give before anything is saved. */
  next = trellis_study_next_participant_code (fixture->study, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (next, ==, "P011");
  after_typed = code_of (fixture, add_participant (fixture, "  ", cohort, NULL));
  g_assert_cmpstr (after_typed, ==, "P011");

  /* A study with its own pattern. */
  g_assert_false (trellis_study_set_code_pattern (fixture->study, "RC", &error));
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID);
  g_clear_error (&error);
  /* Stored in canonical form, as the codes it makes are. */
  g_assert_true (trellis_study_set_code_pattern (fixture->study, " rc-## ", &error));
  g_assert_no_error (error);
  pattern = trellis_study_get_code_pattern (fixture->study, &error);
  g_assert_cmpstr (pattern, ==, "RC-##");
  other = code_of (fixture, add_participant (fixture, NULL, cohort, NULL));
  g_assert_cmpstr (other, ==, "RC-01");
  assert_verifies (fixture);
}

static void
assert_status (Fixture                  *fixture,
               gint64                    id,
               TrellisParticipantStatus  status,
               TrellisConsentState       consent)
{
  g_autoptr(TrellisParticipant) participant = load_participant (fixture, id);
  g_autofree char *label = NULL;

  g_assert_cmpint (trellis_participant_get_status (participant), ==, status);
  g_assert_cmpint (trellis_participant_get_consent_state (participant), ==, consent);
  g_object_get (participant, "status-label", &label, NULL);
  g_assert_cmpstr (label, ==, trellis_participant_status_to_label (status));
}

/* recruited → active (consent and a baseline date) → withdrawn. */
static void
test_status_derived (Fixture       *fixture,
                     gconstpointer  user_data)
{
  gint64 cohort = add_cohort (fixture, "Midwives");
  gint64 version = add_version (fixture, "v1", "2024-01-01", FALSE);
  gint64 id = add_participant (fixture, NULL, cohort, NULL);
  g_autoptr(GError) error = NULL;

  assert_status (fixture, id, TRELLIS_PARTICIPANT_STATUS_RECRUITED, TRELLIS_CONSENT_STATE_NONE);
  consent (fixture, id, version, "2024-02-01");
  assert_status (fixture, id, TRELLIS_PARTICIPANT_STATUS_RECRUITED, TRELLIS_CONSENT_STATE_GIVEN);
  g_assert_true (trellis_study_update_participant (fixture->study, id, cohort, "2024-02-05", &error));
  g_assert_no_error (error);
  assert_status (fixture, id, TRELLIS_PARTICIPANT_STATUS_ACTIVE, TRELLIS_CONSENT_STATE_GIVEN);
  g_assert_cmpint (trellis_study_record_withdrawal (fixture->study, id, TRELLIS_WITHDRAWAL_NO_FURTHER_DATA,
                                                    "2024-03-01", "Moved away", &error), >, 0);
  g_assert_no_error (error);
  assert_status (fixture, id, TRELLIS_PARTICIPANT_STATUS_WITHDRAWN, TRELLIS_CONSENT_STATE_GIVEN);
  assert_verifies (fixture);
}

/* Someone who declines to take part stays recruited, with consent declined. */
static void
test_status_declined (Fixture       *fixture,
                      gconstpointer  user_data)
{
  static const char *const no[] = { "take_part", NULL };
  gint64 cohort = add_cohort (fixture, "Midwives");
  gint64 version = add_version (fixture, "v1", "2024-01-01", FALSE);
  gint64 id = add_participant (fixture, NULL, cohort, "2024-02-05");
  g_autoptr(GHashTable) answers = standard_answers (no);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (trellis_study_record_consent (fixture->study, id, version, "2024-02-01", "A. Coordinator",
                                                 answers, &error), >, 0);
  g_assert_no_error (error);
  assert_status (fixture, id, TRELLIS_PARTICIPANT_STATUS_RECRUITED, TRELLIS_CONSENT_STATE_DECLINED);
}

static void
test_lost (Fixture       *fixture,
           gconstpointer  user_data)
{
  gint64 cohort = add_cohort (fixture, "Midwives");
  gint64 version = add_version (fixture, "v1", "2024-01-01", FALSE);
  gint64 id = add_participant (fixture, NULL, cohort, "2024-02-05");
  g_autoptr(TrellisParticipant) participant = NULL;
  g_autoptr(GError) error = NULL;

  consent (fixture, id, version, "2024-02-01");
  g_assert_true (trellis_study_set_participant_lost (fixture->study, id, "2024-06-30", &error));
  g_assert_no_error (error);
  participant = load_participant (fixture, id);
  g_assert_cmpstr (trellis_participant_get_lost_date (participant), ==, "2024-06-30");
  assert_status (fixture, id, TRELLIS_PARTICIPANT_STATUS_LOST_TO_FOLLOW_UP, TRELLIS_CONSENT_STATE_GIVEN);
  assert_verifies (fixture);

  g_assert_false (trellis_study_set_participant_lost (fixture->study, id, "2024-06-31", &error));
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (trellis_study_set_participant_lost (fixture->study, id, NULL, &error));
  g_assert_no_error (error);
  assert_status (fixture, id, TRELLIS_PARTICIPANT_STATUS_ACTIVE, TRELLIS_CONSENT_STATE_GIVEN);
  assert_verifies (fixture);
}

/* The contact details reach the card, and never the audit trail. */
static void
test_contact (Fixture       *fixture,
              gconstpointer  user_data)
{
  gint64 cohort = add_cohort (fixture, "Midwives");
  gint64 id = add_participant (fixture, NULL, cohort, NULL);
  g_autoptr(TrellisParticipant) participant = NULL;
  g_autoptr(TrellisParticipant) cleared = NULL;
  g_autoptr(GError) error = NULL;
  guint changes;

  g_assert_true (trellis_study_set_participant_contact (fixture->study, id, " Ada Quillfeather ",
                                                        "ada@example.org", "07700 900123", NULL, &error));
  g_assert_no_error (error);
  participant = load_participant (fixture, id);
  g_assert_cmpstr (trellis_participant_get_contact_name (participant), ==, "Ada Quillfeather");
  g_assert_cmpstr (trellis_participant_get_contact_email (participant), ==, "ada@example.org");
  g_assert_cmpstr (trellis_participant_get_contact_phone (participant), ==, "07700 900123");
  g_assert_null (trellis_participant_get_contact_notes (participant));
  g_assert_cmpint (sql_int (fixture, "SELECT count(*) FROM audit WHERE old_value LIKE '%Quillfeather%'"
                                     " OR new_value LIKE '%Quillfeather%' OR new_value LIKE '%@example%'"), ==, 0);
  assert_verifies (fixture);

  g_assert_true (trellis_study_set_participant_contact (fixture->study, id, "Ada Quillfeather", "",
                                                        "07700 900123", "Prefers mornings", &error));
  g_assert_no_error (error);
  assert_verifies (fixture);

  changes = fixture->changes;
  g_assert_false (trellis_study_set_participant_contact (fixture->study, id, NULL, "not an address", NULL, NULL,
                                                         &error));
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "P001, contact email: this is not an email address");
  g_clear_error (&error);
  g_assert_cmpuint (fixture->changes, ==, changes);

  /* Clearing every field removes the contact row. */
  g_assert_true (trellis_study_set_participant_contact (fixture->study, id, NULL, " ", NULL, "", &error));
  g_assert_no_error (error);
  cleared = load_participant (fixture, id);
  g_assert_null (trellis_participant_get_contact_name (cleared));
  g_assert_cmpint (sql_int (fixture, "SELECT count(*) FROM participant_contact"), ==, 0);
  assert_verifies (fixture);
}

static void
test_move_cohort (Fixture       *fixture,
                  gconstpointer  user_data)
{
  gint64 midwives = add_cohort (fixture, "Midwives");
  gint64 closed = add_cohort (fixture, "Closed");
  gint64 paramedics = add_cohort (fixture, "Paramedics");
  gint64 id = add_participant (fixture, NULL, midwives, "2024-01-02");
  g_autoptr(TrellisParticipant) participant = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (trellis_study_set_cohort_archived (fixture->study, closed, TRUE, &error));
  g_assert_false (trellis_study_update_participant (fixture->study, id, closed, NULL, &error));
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (trellis_study_update_participant (fixture->study, id, paramedics, NULL, &error));
  g_assert_no_error (error);
  participant = load_participant (fixture, id);
  g_assert_cmpstr (trellis_participant_get_cohort_name (participant), ==, "Paramedics");
  g_assert_null (trellis_participant_get_baseline_date (participant));
  assert_verifies (fixture);

  g_assert_null (trellis_study_get_participant (fixture->study, 999, &error));
  g_assert_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_NOT_FOUND);
}

/* A participant added with contact details is one change: a refused
 * detail leaves neither the participant nor the details behind. */
static void
test_add_with_contact (Fixture       *fixture,
                       gconstpointer  user_data)
{
  gint64 cohort = add_cohort (fixture, "Midwives");
  g_autoptr(TrellisParticipant) participant = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 id;

  before = dump_study (fixture);
  g_assert_cmpint (trellis_participant_store_add_with_contact (fixture->db, NULL, cohort, NULL, "Ada Quillfeather",
                                                               "no address", NULL, NULL, &error), ==, 0);
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "P001, contact email: this is not an email address");
  g_clear_error (&error);
  after = dump_study (fixture);
  g_assert_cmpstr (after, ==, before);

  id = trellis_participant_store_add_with_contact (fixture->db, " p007 ", cohort, "2024-02-01", " Ada Quillfeather ",
                                                   "ada@example.org", NULL, "", &error);
  g_assert_no_error (error);
  participant = load_participant (fixture, id);
  g_assert_cmpstr (trellis_participant_get_code (participant), ==, "P007");
  g_assert_cmpstr (trellis_participant_get_contact_name (participant), ==, "Ada Quillfeather");
  g_assert_cmpstr (trellis_participant_get_contact_email (participant), ==, "ada@example.org");
  g_assert_null (trellis_participant_get_contact_notes (participant));
  g_assert_cmpint (sql_int (fixture, "SELECT count(*) FROM audit WHERE new_value LIKE '%Quillfeather%'"), ==, 0);
  assert_verifies (fixture);
}

/* The study's add and edit are one change each: a bad email leaves no
 * participant, and no new cohort or baseline date either. */
static void
test_one_change (Fixture       *fixture,
                 gconstpointer  user_data)
{
  gint64 cohort = add_cohort (fixture, "Midwives");
  gint64 other = add_cohort (fixture, "Paramedics");
  g_autoptr(TrellisParticipant) participant = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = dump_study (fixture);
  g_autofree char *after = NULL;
  guint changes = fixture->changes;
  gint64 id;

  g_assert_cmpint (trellis_study_add_participant_with_contact (fixture->study, NULL, cohort, "2024-02-01",
                                                               "Ada Quillfeather", "no address", NULL, NULL,
                                                               &error), ==, 0);
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID);
  g_clear_error (&error);
  after = dump_study (fixture);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (sql_int (fixture, "SELECT count(*) FROM participant"), ==, 0);
  g_assert_cmpuint (fixture->changes, ==, changes);

  id = trellis_study_add_participant_with_contact (fixture->study, NULL, cohort, "2024-02-01", "Ada Quillfeather",
                                                   "ada@example.org", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->changes, ==, changes + 1);

  g_clear_pointer (&before, g_free);
  g_clear_pointer (&after, g_free);
  before = dump_study (fixture);
  g_assert_false (trellis_study_update_participant_with_contact (fixture->study, id, other, "2024-03-01",
                                                                 "Ada Quillfeather", "still no address", NULL,
                                                                 NULL, &error));
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID);
  g_clear_error (&error);
  after = dump_study (fixture);
  g_assert_cmpstr (after, ==, before);

  g_assert_true (trellis_study_update_participant_with_contact (fixture->study, id, other, "2024-03-01",
                                                                "Ada Quillfeather", "ada@example.org",
                                                                "0113 496 0000", NULL, &error));
  g_assert_no_error (error);
  participant = load_participant (fixture, id);
  g_assert_cmpint (trellis_participant_get_cohort_id (participant), ==, other);
  g_assert_cmpstr (trellis_participant_get_baseline_date (participant), ==, "2024-03-01");
  g_assert_cmpstr (trellis_participant_get_contact_phone (participant), ==, "0113 496 0000");
  assert_verifies (fixture);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, func) \
  g_test_add ("/trellis/storage/participant-store/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("code-canonical", test_code_canonical);
  ADD ("one-change", test_one_change);
  ADD ("code-invalid", test_code_invalid);
  ADD ("code-generated", test_code_generated);
  ADD ("status-derived", test_status_derived);
  ADD ("status-declined", test_status_declined);
  ADD ("lost", test_lost);
  ADD ("contact", test_contact);
  ADD ("move-cohort", test_move_cohort);
  ADD ("add-with-contact", test_add_with_contact);

  return g_test_run ();
}
