/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "register-fixture.h"
#include "trellis-domain-error.h"
#include "trellis-participant-status.h"

/* Withdrawals: enabled kinds, escalation, the blocking of data entry and
 * scheduling, and the purge of identifiers, which must leave no byte of
 * them in the study file or its write-ahead log. */

#define NAME "Zebedee Quartermaine-Oyelaran"
#define EMAIL "zq.oyelaran@unusual-domain.example"
#define PHONE "+44 7700 987654"
#define NOTES "Prefers calls after the night shift"

static gint64
record (Fixture               *fixture,
        gint64                 id,
        TrellisWithdrawalType  kind,
        const char            *date,
        GError               **error)
{
  return trellis_study_record_withdrawal (fixture->study, id, kind, date, "Changed job", error);
}

static void
test_enabled_kinds (Fixture       *fixture,
                    gconstpointer  user_data)
{
  gint64 id = add_participant (fixture, NULL, add_cohort (fixture, "Midwives"), NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  guint types = 0;

  g_assert_true (trellis_study_get_withdrawal_types (fixture->study, &types, &error));
  g_assert_cmpuint (types, ==, TRELLIS_WITHDRAWAL_TYPES_ALL);
  g_assert_true (trellis_study_set_withdrawal_types (fixture->study, 1u << TRELLIS_WITHDRAWAL_NO_FURTHER_CONTACT,
                                                     &error));
  g_assert_no_error (error);
  assert_verifies (fixture);

  before = dump_study (fixture);
  g_assert_cmpint (record (fixture, id, TRELLIS_WITHDRAWAL_DATA_DESTRUCTION, "2024-05-01", &error), ==, 0);
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID);
  assert_message (error, "P001: This study does not offer the withdrawal “Data destruction requested”");
  g_clear_error (&error);
  after = dump_study (fixture);
  g_assert_cmpstr (after, ==, before);

  g_assert_cmpint (record (fixture, id, TRELLIS_WITHDRAWAL_NO_FURTHER_CONTACT, "2024-05-01", &error), >, 0);
  g_assert_no_error (error);
  assert_verifies (fixture);
}

static void
test_escalation (Fixture       *fixture,
                 gconstpointer  user_data)
{
  gint64 id = add_participant (fixture, NULL, add_cohort (fixture, "Midwives"), NULL);
  g_autoptr(TrellisParticipant) participant = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (record (fixture, id, TRELLIS_WITHDRAWAL_NO_FURTHER_DATA, "2024-05-01", &error), >, 0);
  g_assert_cmpint (record (fixture, id, TRELLIS_WITHDRAWAL_NO_FURTHER_CONTACT, "2024-05-02", &error), ==, 0);
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_ORDER);
  g_clear_error (&error);
  g_assert_cmpint (record (fixture, id, TRELLIS_WITHDRAWAL_NO_FURTHER_DATA, "2024-05-02", &error), ==, 0);
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_ORDER);
  g_clear_error (&error);
  g_assert_cmpint (record (fixture, id, TRELLIS_WITHDRAWAL_DATA_DESTRUCTION, "2024-04-30", &error), ==, 0);
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_ORDER);
  g_clear_error (&error);
  g_assert_cmpint (record (fixture, id, TRELLIS_WITHDRAWAL_DATA_DESTRUCTION, "2024-06-01", &error), >, 0);
  g_assert_no_error (error);

  /* Both events stay on record; the latest is the one in force. */
  g_assert_cmpint (sql_int (fixture, "SELECT count(*) FROM withdrawal"), ==, 2);
  participant = load_participant (fixture, id);
  g_assert_true (trellis_participant_get_withdrawn (participant));
  g_assert_cmpint (trellis_participant_get_withdrawal_kind (participant), ==, TRELLIS_WITHDRAWAL_DATA_DESTRUCTION);
  g_assert_cmpstr (trellis_participant_get_withdrawal_date (participant), ==, "2024-06-01");
  g_assert_cmpstr (trellis_participant_get_withdrawal_reason (participant), ==, "Changed job");
  g_assert_cmpint (trellis_participant_get_status (participant), ==, TRELLIS_PARTICIPANT_STATUS_WITHDRAWN);
  assert_verifies (fixture);

  g_assert_cmpint (record (fixture, id, TRELLIS_WITHDRAWAL_NO_FURTHER_DATA, "not a date", &error), ==, 0);
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID);
  assert_message (error, "Withdrawal date: ");
}

/* A withdrawal dated before the participant's latest consent is refused
 * and leaves the study as it was, whichever order the consents were entered
 * in (a paper form can be entered late); the consent day itself is fine. */
static void
assert_withdrawal_after_latest (Fixture    *fixture,
                                const char *first,
                                const char *second)
{
  g_autofree char *label = g_strdup_printf ("entered from %s", first);
  gint64 cohort = add_cohort (fixture, label);
  gint64 id = add_participant (fixture, NULL, cohort, "2024-01-01");
  gint64 version = add_version (fixture, label, "2024-01-01", FALSE);
  g_autofree char *code = sql_text (fixture, "SELECT max (code) FROM participant");
  g_autofree char *expected = g_strdup_printf ("%s last consented on 2024-03-01, so a withdrawal cannot take"
                                               " effect on 2024-02-01, before that", code);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  consent (fixture, id, version, first);
  consent (fixture, id, version, second);
  before = dump_study (fixture);
  g_assert_cmpint (record (fixture, id, TRELLIS_WITHDRAWAL_NO_FURTHER_DATA, "2024-02-01", &error), ==, 0);
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_ORDER);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);
  after = dump_study (fixture);
  g_assert_cmpstr (after, ==, before);

  g_assert_cmpint (record (fixture, id, TRELLIS_WITHDRAWAL_NO_FURTHER_DATA, "2024-03-01", &error), >, 0);
  g_assert_no_error (error);
}

static void
test_not_before_consent (Fixture       *fixture,
                         gconstpointer  user_data)
{
  assert_withdrawal_after_latest (fixture, "2024-01-02", "2024-03-01");
  assert_withdrawal_after_latest (fixture, "2024-03-01", "2024-01-02");
  assert_verifies (fixture);
}

/* After a withdrawal the participant's card refuses data entry and
 * scheduling, naming them, the kind and the date; before it, both pass. */
static void
test_blocking (Fixture       *fixture,
               gconstpointer  user_data)
{
  gint64 id = add_participant (fixture, NULL, add_cohort (fixture, "Midwives"), "2024-01-01");
  g_autoptr(TrellisParticipant) before = load_participant (fixture, id);
  g_autoptr(TrellisParticipant) after = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (trellis_participant_check_can_record (before, &error));
  g_assert_true (trellis_participant_check_can_schedule (before, &error));
  g_assert_no_error (error);

  g_assert_cmpint (record (fixture, id, TRELLIS_WITHDRAWAL_NO_FURTHER_DATA, "2024-03-15", &error), >, 0);
  after = load_participant (fixture, id);
  g_assert_false (trellis_participant_check_can_record (after, &error));
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "P001 withdrew on 2024-03-15 (No further data): no new data can be recorded for them");
  g_clear_error (&error);
  g_assert_false (trellis_participant_check_can_schedule (after, &error));
  g_assert_cmpstr (error->message, ==, "P001 withdrew on 2024-03-15 (No further data): nothing more can be scheduled for them");
}

/* Asserts that a refused change left the study exactly as @before. */
static void
assert_unchanged (Fixture    *fixture,
                  const char *before)
{
  g_autofree char *after = dump_study (fixture);

  g_assert_cmpstr (after, ==, before);
}

/* The stores themselves refuse to record anything more about a participant
 * after a withdrawal, whoever calls them: no new contact details once data
 * destruction was asked for, no other baseline, cohort or lost date. */
static void
test_store_refuses_after_destruction (Fixture       *fixture,
                                      gconstpointer  user_data)
{
  gint64 cohort = add_cohort (fixture, "Midwives");
  gint64 other = add_cohort (fixture, "Midwives B");
  gint64 id = add_participant (fixture, NULL, cohort, "2024-01-01");
  g_autofree char *before = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (trellis_study_set_participant_contact (fixture->study, id, NAME, EMAIL, NULL, NULL, &error));
  g_assert_cmpint (record (fixture, id, TRELLIS_WITHDRAWAL_DATA_DESTRUCTION, "2024-02-01", &error), >, 0);
  g_assert_no_error (error);

  /* Before the purge the details held can go, but none stay or come back. */
  before = dump_study (fixture);
  g_assert_false (trellis_study_set_participant_contact (fixture->study, id, NAME, NULL, NULL, NULL, &error));
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "P001 asked on 2024-02-01 for their data to be destroyed: "
                                       "no contact details can be kept for them");
  g_clear_error (&error);
  assert_unchanged (fixture, before);

  g_assert_true (trellis_study_purge_participant (fixture->study, id, "Asked", NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&before, g_free);
  before = dump_study (fixture);
  g_assert_false (trellis_study_set_participant_contact (fixture->study, id, "Back Again", NULL, NULL, NULL, &error));
  assert_message (error, "for their data to be destroyed");
  g_clear_error (&error);
  g_assert_false (trellis_study_update_participant (fixture->study, id, cohort, "2024-03-01", &error));
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "P001 withdrew on 2024-02-01 (Data destruction requested): "
                                       "no new data can be recorded for them");
  g_clear_error (&error);
  g_assert_false (trellis_study_update_participant (fixture->study, id, other, "2024-01-01", &error));
  assert_message (error, "no new data can be recorded for them");
  g_clear_error (&error);
  g_assert_false (trellis_study_set_participant_lost (fixture->study, id, "2024-03-01", &error));
  assert_message (error, "no new data can be recorded for them");
  g_clear_error (&error);
  assert_unchanged (fixture, before);

  /* Saving what is stored records nothing, so it is no refusal. */
  g_assert_true (trellis_study_update_participant (fixture->study, id, cohort, "2024-01-01", &error));
  g_assert_true (trellis_study_set_participant_contact (fixture->study, id, NULL, "", NULL, NULL, &error));
  g_assert_no_error (error);
  assert_unchanged (fixture, before);
  assert_verifies (fixture);
}

/* After “no further contact” the details held may be cleared, one by one or
 * all, but none added or replaced; a later “no further data” does not undo
 * that. “No further data” alone leaves contact open. */
static void
test_contact_after_no_contact (Fixture       *fixture,
                               gconstpointer  user_data)
{
  gint64 cohort = add_cohort (fixture, "Midwives");
  gint64 id = add_participant (fixture, NULL, cohort, NULL);
  gint64 open = add_participant (fixture, NULL, cohort, NULL);
  g_autofree char *before = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (trellis_study_set_participant_contact (fixture->study, id, NAME, NULL, PHONE, NULL, &error));
  g_assert_cmpint (record (fixture, id, TRELLIS_WITHDRAWAL_NO_FURTHER_CONTACT, "2024-02-01", &error), >, 0);
  g_assert_true (trellis_study_set_participant_contact (fixture->study, id, NAME, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (fixture, "SELECT count(*) FROM participant_contact WHERE phone IS NULL"), ==, 1);

  before = dump_study (fixture);
  g_assert_false (trellis_study_set_participant_contact (fixture->study, id, NAME, EMAIL, NULL, NULL, &error));
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "P001 asked on 2024-02-01 not to be contacted again: "
                                       "their contact details can be cleared, but no new ones added");
  g_clear_error (&error);
  g_assert_false (trellis_study_set_participant_contact (fixture->study, id, "Someone Else", NULL, NULL, NULL,
                                                         &error));
  assert_message (error, "not to be contacted again");
  g_clear_error (&error);
  g_assert_cmpint (record (fixture, id, TRELLIS_WITHDRAWAL_NO_FURTHER_DATA, "2024-03-01", &error), >, 0);
  g_clear_pointer (&before, g_free);
  before = dump_study (fixture);
  g_assert_false (trellis_study_set_participant_contact (fixture->study, id, NAME, EMAIL, NULL, NULL, &error));
  assert_message (error, "P001 asked on 2024-02-01 not to be contacted again");
  g_clear_error (&error);
  assert_unchanged (fixture, before);
  g_assert_true (trellis_study_set_participant_contact (fixture->study, id, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (fixture, "SELECT count(*) FROM participant_contact"), ==, 0);

  g_assert_cmpint (record (fixture, open, TRELLIS_WITHDRAWAL_NO_FURTHER_DATA, "2024-02-01", &error), >, 0);
  g_assert_true (trellis_study_set_participant_contact (fixture->study, open, NAME, EMAIL, NULL, NULL, &error));
  g_assert_no_error (error);
  assert_verifies (fixture);
}

static gboolean
contains (GBytes     *bytes,
          const char *needle)
{
  gsize size = 0;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  gsize length = strlen (needle);

  for (gsize i = 0; i + length <= size; i++)
    if (memcmp (data + i, needle, length) == 0)
      return TRUE;
  return FALSE;
}

/* Counts in how many of the study's files (the file and its log) the text is. */
static guint
files_containing (Fixture    *fixture,
                  const char *needle)
{
  g_autofree char *wal = g_strconcat (fixture->folder.path, "-wal", NULL);
  g_autoptr(GBytes) main_file = trellis_test_read_bytes (fixture->folder.path);
  guint n = contains (main_file, needle) ? 1 : 0;

  if (g_file_test (wal, G_FILE_TEST_EXISTS))
    {
      g_autoptr(GBytes) log = trellis_test_read_bytes (wal);

      n += contains (log, needle) ? 1 : 0;
    }
  return n;
}

static void
checkpoint (Fixture *fixture)
{
  g_assert_cmpint (sqlite3_wal_checkpoint_v2 (trellis_database_get_handle (fixture->db), NULL,
                                              SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL), ==, SQLITE_OK);
}

static void
test_purge_leaves_no_bytes (Fixture       *fixture,
                            gconstpointer  user_data)
{
  static const char *const identifiers[] = { NAME, EMAIL, PHONE, NOTES };
  gint64 cohort = add_cohort (fixture, "Midwives");
  gint64 id = add_participant (fixture, NULL, cohort, "2024-01-01");
  gint64 other = add_participant (fixture, NULL, cohort, "2024-01-01");
  g_autoptr(TrellisParticipant) participant = NULL;
  g_autoptr(TrellisParticipant) neighbour = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;
  gboolean log_cleared = FALSE;

  g_assert_true (trellis_study_set_participant_contact (fixture->study, id, NAME, EMAIL, PHONE, NOTES, &error));
  g_assert_true (trellis_study_set_participant_contact (fixture->study, other, "Someone Else", NULL, NULL, NULL,
                                                        &error));
  g_assert_no_error (error);
  checkpoint (fixture);
  /* The test would prove nothing if the values were never in the file. */
  for (guint i = 0; i < G_N_ELEMENTS (identifiers); i++)
    g_assert_cmpuint (files_containing (fixture, identifiers[i]), >, 0);

  g_assert_cmpint (record (fixture, id, TRELLIS_WITHDRAWAL_DATA_DESTRUCTION, "2024-02-01", &error), >, 0);
  g_assert_true (trellis_study_purge_participant (fixture->study, id, "Participant asked by email on 2024-02-01",
                                                  &log_cleared, &error));
  g_assert_no_error (error);
  g_assert_true (log_cleared);

  for (guint i = 0; i < G_N_ELEMENTS (identifiers); i++)
    if (files_containing (fixture, identifiers[i]) != 0)
      g_error ("“%s” is still in the study's files after the purge", identifiers[i]);
  g_assert_cmpuint (files_containing (fixture, "Someone Else"), >, 0);

  /* The audit trail verifies, and the purge is on record with its reason. */
  assert_verifies (fixture);
  reason = sql_text (fixture, "SELECT reason FROM audit WHERE action = 'purge' AND table_name = 'withdrawal'");
  g_assert_cmpstr (reason, ==, "Participant asked by email on 2024-02-01");
  g_assert_cmpint (sql_int (fixture, "SELECT count(*) FROM audit WHERE action = 'delete'"
                                     " AND table_name = 'participant_contact'"
                                     " AND reason = 'Participant asked by email on 2024-02-01'"), ==, 1);

  /* The participant stays on the register, withdrawn, without identifiers. */
  participant = load_participant (fixture, id);
  g_assert_null (trellis_participant_get_contact_name (participant));
  g_assert_null (trellis_participant_get_contact_email (participant));
  g_assert_nonnull (trellis_participant_get_withdrawal_purged (participant));
  g_assert_cmpint (trellis_participant_get_status (participant), ==, TRELLIS_PARTICIPANT_STATUS_WITHDRAWN);
  neighbour = load_participant (fixture, other);
  g_assert_cmpstr (trellis_participant_get_contact_name (neighbour), ==, "Someone Else");
}

static void
test_purge_refused (Fixture       *fixture,
                    gconstpointer  user_data)
{
  gint64 id = add_participant (fixture, NULL, add_cohort (fixture, "Midwives"), NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  TrellisDestructionPolicy policy = TRELLIS_DESTRUCTION_POLICY_IDENTIFIERS_AND_DATA;

  g_assert_true (trellis_study_set_participant_contact (fixture->study, id, NAME, NULL, NULL, NULL, &error));
  g_assert_cmpint (record (fixture, id, TRELLIS_WITHDRAWAL_NO_FURTHER_DATA, "2024-02-01", &error), >, 0);
  g_assert_no_error (error);
  before = dump_study (fixture);

  g_assert_false (trellis_study_purge_participant (fixture->study, id, "Asked", NULL, &error));
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "P001 has not asked for their data to be destroyed: only a withdrawal “Data destruction requested” allows a purge");
  g_clear_error (&error);
  g_assert_cmpint (record (fixture, id, TRELLIS_WITHDRAWAL_DATA_DESTRUCTION, "2024-02-02", &error), >, 0);
  g_clear_pointer (&before, g_free);
  before = dump_study (fixture);
  g_assert_false (trellis_study_purge_participant (fixture->study, id, "  ", NULL, &error));
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID);
  g_clear_error (&error);
  after = dump_study (fixture);
  g_assert_cmpstr (after, ==, before);

  /* The study's policy is readable, for the purge of research data. */
  g_assert_true (trellis_study_get_destruction_policy (fixture->study, &policy, &error));
  g_assert_cmpint (policy, ==, TRELLIS_DESTRUCTION_POLICY_IDENTIFIERS);
  g_assert_true (trellis_study_set_destruction_policy (fixture->study,
                                                       TRELLIS_DESTRUCTION_POLICY_IDENTIFIERS_AND_DATA, &error));
  g_assert_true (trellis_study_get_destruction_policy (fixture->study, &policy, &error));
  g_assert_no_error (error);
  g_assert_cmpint (policy, ==, TRELLIS_DESTRUCTION_POLICY_IDENTIFIERS_AND_DATA);

  g_assert_true (trellis_study_purge_participant (fixture->study, id, "Asked", NULL, &error));
  g_assert_no_error (error);
  g_assert_false (trellis_study_purge_participant (fixture->study, id, "Asked again", NULL, &error));
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID);
  assert_message (error, "were already purged");
  assert_verifies (fixture);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, func) \
  g_test_add ("/trellis/storage/withdrawal-store/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("enabled-kinds", test_enabled_kinds);
  ADD ("escalation", test_escalation);
  ADD ("not-before-consent", test_not_before_consent);
  ADD ("blocking", test_blocking);
  ADD ("store-refuses-after-destruction", test_store_refuses_after_destruction);
  ADD ("contact-after-no-contact", test_contact_after_no_contact);
  ADD ("purge-leaves-no-bytes", test_purge_leaves_no_bytes);
  ADD ("purge-refused", test_purge_refused);

  return g_test_run ();
}
