/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "trellis-consent-clause.h"
#include "trellis-consent-record.h"
#include "trellis-date.h"
#include "trellis-domain-error.h"
#include "trellis-participant.h"
#include "trellis-register-rules.h"

/* The register's rules as plain functions: consent dates, answers,
 * withdrawal kinds and escalation, and the blocking of data entry and
 * scheduling after a withdrawal. */

static GDate
date (const char *text)
{
  GDate out;
  g_autoptr(GError) error = NULL;

  g_assert_true (trellis_date_parse (text, &out, &error));
  g_assert_no_error (error);
  return out;
}

static TrellisWithdrawalFacts
withdrawn (TrellisWithdrawalType kind,
           const char           *when)
{
  return (TrellisWithdrawalFacts) { .withdrawn = TRUE, .kind = kind, .effective_date = date (when) };
}

static void
assert_message (const GError *error,
                const char   *expected)
{
  g_assert_nonnull (error);
  if (strstr (error->message, expected) == NULL)
    g_error ("“%s” does not say “%s”", error->message, expected);
}

static void
test_withdrawal_types (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *all = NULL;
  g_autofree char *some = NULL;
  g_autofree char *none = NULL;
  guint types = 99;

  g_assert_true (trellis_withdrawal_types_parse ("no-further-contact,no-further-data,data-destruction", &types, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (types, ==, TRELLIS_WITHDRAWAL_TYPES_ALL);
  g_assert_true (trellis_withdrawal_types_parse (" data-destruction , no-further-contact", &types, NULL));
  g_assert_cmpuint (types, ==, (1u << TRELLIS_WITHDRAWAL_NO_FURTHER_CONTACT) | (1u << TRELLIS_WITHDRAWAL_DATA_DESTRUCTION));
  g_assert_true (trellis_withdrawal_types_parse ("", &types, NULL));
  g_assert_cmpuint (types, ==, 0);

  g_assert_false (trellis_withdrawal_types_parse ("no-further-contact,forget-me", &types, &error));
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID);
  assert_message (error, "‘forget-me’");

  all = trellis_withdrawal_types_format (TRELLIS_WITHDRAWAL_TYPES_ALL);
  some = trellis_withdrawal_types_format (1u << TRELLIS_WITHDRAWAL_NO_FURTHER_DATA);
  none = trellis_withdrawal_types_format (0);
  g_assert_cmpstr (all, ==, "no-further-contact,no-further-data,data-destruction");
  g_assert_cmpstr (some, ==, "no-further-data");
  g_assert_cmpstr (none, ==, "");
}

static void
test_consent_date (void)
{
  GDate sheet = date ("2024-03-01");
  GDate same = date ("2024-03-01");
  GDate later = date ("2024-03-02");
  GDate earlier = date ("2024-02-29");
  g_autoptr(GError) error = NULL;

  g_assert_true (trellis_register_check_consent_date (&same, &sheet, "v2", &error));
  g_assert_true (trellis_register_check_consent_date (&later, &sheet, "v2", &error));
  g_assert_no_error (error);
  g_assert_false (trellis_register_check_consent_date (&earlier, &sheet, "v2", &error));
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_ORDER);
  g_assert_cmpstr (error->message, ==, "Consent dated 2024-02-29 is before information sheet “v2”, dated 2024-03-01");
}

static void
test_consent_after_withdrawal (void)
{
  TrellisWithdrawalFacts none = { .withdrawn = FALSE };
  TrellisWithdrawalFacts facts = withdrawn (TRELLIS_WITHDRAWAL_NO_FURTHER_DATA, "2024-05-10");
  GDate before = date ("2024-05-09");
  GDate same = date ("2024-05-10");
  GDate after = date ("2024-05-11");
  g_autoptr(GError) error = NULL;

  g_assert_true (trellis_register_check_consent_not_withdrawn ("P001", &after, NULL, &error));
  g_assert_true (trellis_register_check_consent_not_withdrawn ("P001", &after, &none, &error));
  g_assert_true (trellis_register_check_consent_not_withdrawn ("P001", &before, &facts, &error));
  g_assert_true (trellis_register_check_consent_not_withdrawn ("P001", &same, &facts, &error));
  g_assert_no_error (error);
  g_assert_false (trellis_register_check_consent_not_withdrawn ("P001", &after, &facts, &error));
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_ORDER);
  g_assert_cmpstr (error->message, ==,
                   "P001 withdrew on 2024-05-10 (No further data), so no consent dated 2024-05-11 can be recorded for them");
}

static GHashTable *
answers_for (const char *const *keys)
{
  GHashTable *answers = trellis_consent_answers_new ();

  for (guint i = 0; keys[i] != NULL; i++)
    trellis_consent_answers_set (answers, keys[i], i % 2 == 0);
  return answers;
}

static void
test_answers_cover_clauses (void)
{
  static const char *const keys[] = { "take_part", "questionnaires", "video", NULL };
  static const char *const fewer[] = { "take_part", "video", NULL };
  static const char *const more[] = { "take_part", "questionnaires", "video", "quotes", NULL };
  g_autoptr(GHashTable) exact = answers_for (keys);
  g_autoptr(GHashTable) missing = answers_for (fewer);
  g_autoptr(GHashTable) extra = answers_for (more);
  g_autoptr(GError) error = NULL;

  g_assert_true (trellis_register_check_answers (keys, exact, "v1", &error));
  g_assert_no_error (error);

  g_assert_false (trellis_register_check_answers (keys, missing, "v1", &error));
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "The consent has no answer for clause “questionnaires” of information sheet “v1”");
  g_clear_error (&error);

  g_assert_false (trellis_register_check_answers (keys, extra, "v1", &error));
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "The consent answers clause “quotes”, which information sheet “v1” does not have");
}

static void
test_withdrawal_enabled (void)
{
  guint only_contact = 1u << TRELLIS_WITHDRAWAL_NO_FURTHER_CONTACT;
  g_autoptr(GError) error = NULL;

  g_assert_true (trellis_register_check_withdrawal_enabled (TRELLIS_WITHDRAWAL_DATA_DESTRUCTION,
                                                            TRELLIS_WITHDRAWAL_TYPES_ALL, &error));
  g_assert_true (trellis_register_check_withdrawal_enabled (TRELLIS_WITHDRAWAL_NO_FURTHER_CONTACT,
                                                            only_contact, &error));
  g_assert_no_error (error);
  g_assert_false (trellis_register_check_withdrawal_enabled (TRELLIS_WITHDRAWAL_DATA_DESTRUCTION,
                                                             only_contact, &error));
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID);
  assert_message (error, "does not offer the withdrawal “Data destruction requested”");
}

/* Every pair of kinds: only a strictly further kind may follow. */
static void
test_withdrawal_escalates (void)
{
  GDate later = date ("2024-06-01");

  for (guint first = 0; first <= TRELLIS_WITHDRAWAL_DATA_DESTRUCTION; first++)
    for (guint second = 0; second <= TRELLIS_WITHDRAWAL_DATA_DESTRUCTION; second++)
      {
        TrellisWithdrawalFacts previous = withdrawn (first, "2024-05-01");
        g_autoptr(GError) error = NULL;
        gboolean ok = trellis_register_check_withdrawal_escalates ("P007", &previous, second, &later, &error);

        g_assert_cmpint (ok, ==, second > first);
        if (!ok)
          {
            g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_ORDER);
            assert_message (error, "P007 already withdrew on 2024-05-01");
          }
      }
}

static void
test_withdrawal_escalation_dates (void)
{
  TrellisWithdrawalFacts none = { .withdrawn = FALSE };
  TrellisWithdrawalFacts previous = withdrawn (TRELLIS_WITHDRAWAL_NO_FURTHER_CONTACT, "2024-05-01");
  GDate earlier = date ("2024-04-30");
  GDate same = date ("2024-05-01");
  g_autoptr(GError) error = NULL;

  g_assert_true (trellis_register_check_withdrawal_escalates ("P007", NULL, TRELLIS_WITHDRAWAL_NO_FURTHER_CONTACT,
                                                              &earlier, &error));
  g_assert_true (trellis_register_check_withdrawal_escalates ("P007", &none, TRELLIS_WITHDRAWAL_NO_FURTHER_CONTACT,
                                                              &earlier, &error));
  g_assert_true (trellis_register_check_withdrawal_escalates ("P007", &previous, TRELLIS_WITHDRAWAL_DATA_DESTRUCTION,
                                                              &same, &error));
  g_assert_no_error (error);
  g_assert_false (trellis_register_check_withdrawal_escalates ("P007", &previous, TRELLIS_WITHDRAWAL_DATA_DESTRUCTION,
                                                               &earlier, &error));
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_ORDER);
  assert_message (error, "cannot be dated before that");
}

/* A withdrawal cannot take effect before the latest consent; without a
 * consent any date will do, and the consent day itself is allowed. */
static void
test_withdrawal_after_consent (void)
{
  GDate none;
  GDate consented = date ("2024-05-01");
  GDate earlier = date ("2024-04-30");
  g_autoptr(GError) error = NULL;

  g_date_clear (&none, 1);
  g_assert_true (trellis_register_check_withdrawal_date ("P007", &none, &earlier, &error));
  g_assert_true (trellis_register_check_withdrawal_date ("P007", &consented, &consented, &error));
  g_assert_no_error (error);
  g_assert_false (trellis_register_check_withdrawal_date ("P007", &consented, &earlier, &error));
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_ORDER);
  g_assert_cmpstr (error->message, ==,
                   "P007 last consented on 2024-05-01, so a withdrawal cannot take effect on 2024-04-30, before that");
}

/* Every kind blocks data entry and scheduling, and says who, how and when. */
static void
test_blocking (void)
{
  TrellisWithdrawalFacts none = { .withdrawn = FALSE };
  g_autoptr(GError) error = NULL;

  g_assert_true (trellis_register_check_can_record ("P001", NULL, &error));
  g_assert_true (trellis_register_check_can_record ("P001", &none, &error));
  g_assert_true (trellis_register_check_can_schedule ("P001", &none, &error));
  g_assert_no_error (error);

  for (guint kind = 0; kind <= TRELLIS_WITHDRAWAL_DATA_DESTRUCTION; kind++)
    {
      TrellisWithdrawalFacts facts = withdrawn (kind, "2024-07-15");
      g_autofree char *record = g_strdup_printf ("P012 withdrew on 2024-07-15 (%s): no new data can be recorded for them",
                                                 trellis_withdrawal_type_to_label (kind));
      g_autofree char *schedule = g_strdup_printf ("P012 withdrew on 2024-07-15 (%s): nothing more can be scheduled for them",
                                                   trellis_withdrawal_type_to_label (kind));

      g_assert_false (trellis_register_check_can_record ("P012", &facts, &error));
      g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, record);
      g_clear_error (&error);
      g_assert_false (trellis_register_check_can_schedule ("P012", &facts, &error));
      g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, schedule);
      g_clear_error (&error);
    }
}

/* After data destruction nothing may be kept; after no further contact the
 * details may only be cleared; no further data leaves contact open. */
static void
test_contact_after_withdrawal (void)
{
  TrellisWithdrawalFacts none = { .withdrawn = FALSE };
  TrellisWithdrawalFacts destruction = withdrawn (TRELLIS_WITHDRAWAL_DATA_DESTRUCTION, "2024-07-15");
  TrellisWithdrawalFacts no_contact = withdrawn (TRELLIS_WITHDRAWAL_NO_FURTHER_CONTACT, "2024-07-15");
  TrellisWithdrawalFacts no_data = withdrawn (TRELLIS_WITHDRAWAL_NO_FURTHER_DATA, "2024-07-15");
  g_autoptr(GError) error = NULL;

  g_assert_true (trellis_register_check_contact_change ("P012", NULL, TRUE, TRUE, &error));
  g_assert_true (trellis_register_check_contact_change ("P012", &none, TRUE, TRUE, &error));
  g_assert_true (trellis_register_check_contact_change ("P012", &no_data, TRUE, TRUE, &error));
  g_assert_true (trellis_register_check_contact_change ("P012", &no_contact, TRUE, FALSE, &error));
  g_assert_true (trellis_register_check_contact_change ("P012", &destruction, FALSE, FALSE, &error));
  g_assert_no_error (error);

  g_assert_false (trellis_register_check_contact_change ("P012", &no_contact, TRUE, TRUE, &error));
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "P012 asked on 2024-07-15 not to be contacted again: "
                                       "their contact details can be cleared, but no new ones added");
  g_clear_error (&error);
  g_assert_false (trellis_register_check_contact_change ("P012", &destruction, TRUE, FALSE, &error));
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "P012 asked on 2024-07-15 for their data to be destroyed: "
                                       "no contact details can be kept for them");
}

/* The participant object applies the same checks to itself. */
static void
test_participant_checks (void)
{
  g_autoptr(TrellisParticipant) participant = trellis_participant_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;

  trellis_participant_set_code (participant, "P003");
  g_assert_true (trellis_participant_check_can_record (participant, &error));
  g_assert_true (trellis_participant_check_can_schedule (participant, &error));
  g_assert_no_error (error);
  g_assert_null (trellis_participant_get_withdrawal_kind_label (participant));

  trellis_participant_set_withdrawn (participant, TRUE);
  trellis_participant_set_withdrawal_kind (participant, TRELLIS_WITHDRAWAL_NO_FURTHER_CONTACT);
  trellis_participant_set_withdrawal_date (participant, "2024-02-01");
  g_assert_false (trellis_participant_check_can_record (participant, &error));
  g_assert_cmpstr (error->message, ==, "P003 withdrew on 2024-02-01 (No further contact): no new data can be recorded for them");
  g_clear_error (&error);
  g_assert_false (trellis_participant_check_can_schedule (participant, &error));
  assert_message (error, "P003 withdrew on 2024-02-01 (No further contact)");

  g_object_get (participant, "withdrawal-kind-label", &label, NULL);
  g_assert_cmpstr (label, ==, "No further contact");
}

/* Declining is answering no to taking part, whatever else is answered. */
static void
test_record_takes_part (void)
{
  g_autoptr(TrellisConsentRecord) record = trellis_consent_record_new ();
  g_autoptr(GHashTable) answers = trellis_consent_answers_new ();

  g_assert_false (trellis_consent_record_get_takes_part (record));
  trellis_consent_answers_set (answers, "take_part", TRUE);
  trellis_consent_answers_set (answers, "video", FALSE);
  trellis_consent_record_set_answers (record, answers);
  g_assert_true (trellis_consent_record_get_takes_part (record));

  trellis_consent_answers_set (answers, "take_part", FALSE);
  trellis_consent_answers_set (answers, "video", TRUE);
  g_assert_false (trellis_consent_record_get_takes_part (record));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/trellis/domain/register-rules/withdrawal-types", test_withdrawal_types);
  g_test_add_func ("/trellis/domain/register-rules/consent-date", test_consent_date);
  g_test_add_func ("/trellis/domain/register-rules/consent-after-withdrawal", test_consent_after_withdrawal);
  g_test_add_func ("/trellis/domain/register-rules/answers-cover-clauses", test_answers_cover_clauses);
  g_test_add_func ("/trellis/domain/register-rules/withdrawal-enabled", test_withdrawal_enabled);
  g_test_add_func ("/trellis/domain/register-rules/withdrawal-escalates", test_withdrawal_escalates);
  g_test_add_func ("/trellis/domain/register-rules/withdrawal-escalation-dates", test_withdrawal_escalation_dates);
  g_test_add_func ("/trellis/domain/register-rules/withdrawal-after-consent", test_withdrawal_after_consent);
  g_test_add_func ("/trellis/domain/register-rules/blocking", test_blocking);
  g_test_add_func ("/trellis/domain/register-rules/contact-after-withdrawal", test_contact_after_withdrawal);
  g_test_add_func ("/trellis/domain/register-rules/participant-checks", test_participant_checks);
  g_test_add_func ("/trellis/domain/register-rules/record-takes-part", test_record_takes_part);

  return g_test_run ();
}
