/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "trellis-consent-state.h"
#include "trellis-domain-error.h"
#include "trellis-participant-status.h"

static const TrellisWithdrawalType all_types[] = {
  TRELLIS_WITHDRAWAL_NO_FURTHER_CONTACT,
  TRELLIS_WITHDRAWAL_NO_FURTHER_DATA,
  TRELLIS_WITHDRAWAL_DATA_DESTRUCTION,
};

static TrellisParticipantStatus
derive (gboolean consented,
        gboolean baseline,
        gboolean completed,
        gboolean withdrawn,
        gboolean lost)
{
  TrellisParticipantEvents events = {
    .consented = consented,
    .has_baseline_date = baseline,
    .completed_final_timepoint = completed,
    .withdrawn = withdrawn,
    .withdrawal_type = TRELLIS_WITHDRAWAL_NO_FURTHER_DATA,
    .lost_to_follow_up = lost,
  };

  return trellis_participant_status_derive (&events);
}

static void
test_derive_progress (void)
{
  g_assert_cmpint (derive (FALSE, FALSE, FALSE, FALSE, FALSE), ==, TRELLIS_PARTICIPANT_STATUS_RECRUITED);
  g_assert_cmpint (derive (TRUE, FALSE, FALSE, FALSE, FALSE), ==, TRELLIS_PARTICIPANT_STATUS_RECRUITED);
  /* A baseline date without consent does not start anything. */
  g_assert_cmpint (derive (FALSE, TRUE, FALSE, FALSE, FALSE), ==, TRELLIS_PARTICIPANT_STATUS_RECRUITED);
  g_assert_cmpint (derive (TRUE, TRUE, FALSE, FALSE, FALSE), ==, TRELLIS_PARTICIPANT_STATUS_ACTIVE);
  g_assert_cmpint (derive (TRUE, TRUE, TRUE, FALSE, FALSE), ==, TRELLIS_PARTICIPANT_STATUS_COMPLETED);
  g_assert_cmpint (derive (TRUE, TRUE, FALSE, FALSE, TRUE), ==, TRELLIS_PARTICIPANT_STATUS_LOST_TO_FOLLOW_UP);
}

/* Every one of the 32 combinations, against the documented precedence. */
static void
test_derive_precedence (void)
{
  for (guint bits = 0; bits < 32; bits++)
    {
      gboolean consented = (bits & 1) != 0;
      gboolean baseline = (bits & 2) != 0;
      gboolean completed = (bits & 4) != 0;
      gboolean withdrawn = (bits & 8) != 0;
      gboolean lost = (bits & 16) != 0;
      TrellisParticipantStatus expected;

      if (withdrawn)
        expected = TRELLIS_PARTICIPANT_STATUS_WITHDRAWN;
      else if (completed)
        expected = TRELLIS_PARTICIPANT_STATUS_COMPLETED;
      else if (lost)
        expected = TRELLIS_PARTICIPANT_STATUS_LOST_TO_FOLLOW_UP;
      else if (consented && baseline)
        expected = TRELLIS_PARTICIPANT_STATUS_ACTIVE;
      else
        expected = TRELLIS_PARTICIPANT_STATUS_RECRUITED;

      g_assert_cmpint (derive (consented, baseline, completed, withdrawn, lost), ==, expected);
    }
}

static void
test_derive_withdrawal_types (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (all_types); i++)
    {
      TrellisParticipantEvents events = {
        .consented = TRUE, .has_baseline_date = TRUE, .completed_final_timepoint = TRUE,
        .withdrawn = TRUE, .withdrawal_type = all_types[i], .lost_to_follow_up = TRUE,
      };

      g_assert_cmpint (trellis_participant_status_derive (&events), ==,
                       TRELLIS_PARTICIPANT_STATUS_WITHDRAWN);
    }
}

static void
test_status_strings (void)
{
  static const struct { TrellisParticipantStatus status; const char *word; const char *label; } table[] = {
    { TRELLIS_PARTICIPANT_STATUS_RECRUITED, "recruited", "Recruited" },
    { TRELLIS_PARTICIPANT_STATUS_ACTIVE, "active", "Active" },
    { TRELLIS_PARTICIPANT_STATUS_COMPLETED, "completed", "Completed" },
    { TRELLIS_PARTICIPANT_STATUS_WITHDRAWN, "withdrawn", "Withdrawn" },
    { TRELLIS_PARTICIPANT_STATUS_LOST_TO_FOLLOW_UP, "lost-to-follow-up", "Lost to follow-up" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (table); i++)
    {
      g_autoptr(GError) error = NULL;
      TrellisParticipantStatus back = -1;

      g_assert_cmpstr (trellis_participant_status_to_string (table[i].status), ==, table[i].word);
      g_assert_cmpstr (trellis_participant_status_to_label (table[i].status), ==, table[i].label);
      g_assert_true (trellis_participant_status_from_string (table[i].word, &back, &error));
      g_assert_no_error (error);
      g_assert_cmpint (back, ==, table[i].status);
    }
}

static void
test_status_from_string_rejects (void)
{
  const char *bad[] = { "", "Active", " active", "active ", "lost", "unknown" };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *message = g_strdup_printf ("‘%s’ is not a participant status", bad[i]);
      TrellisParticipantStatus out = TRELLIS_PARTICIPANT_STATUS_ACTIVE;

      g_assert_false (trellis_participant_status_from_string (bad[i], &out, &error));
      g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, message);
      g_assert_cmpint (out, ==, TRELLIS_PARTICIPANT_STATUS_ACTIVE);
    }
}

static void
test_withdrawal_strings (void)
{
  static const char *words[] = { "no-further-contact", "no-further-data", "data-destruction" };
  g_autoptr(GError) error = NULL;
  TrellisWithdrawalType out;

  for (gsize i = 0; i < G_N_ELEMENTS (all_types); i++)
    {
      g_assert_cmpstr (trellis_withdrawal_type_to_string (all_types[i]), ==, words[i]);
      g_assert_nonnull (trellis_withdrawal_type_to_label (all_types[i]));
      g_assert_true (trellis_withdrawal_type_from_string (words[i], &out, NULL));
      g_assert_cmpint (out, ==, all_types[i]);
    }
  g_assert_cmpstr (trellis_withdrawal_type_to_label (TRELLIS_WITHDRAWAL_DATA_DESTRUCTION),
                   ==, "Data destruction requested");

  g_assert_false (trellis_withdrawal_type_from_string ("No further contact", &out, &error));
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "‘No further contact’ is not a kind of withdrawal");
}

static void
test_withdrawal_rules (void)
{
  g_assert_true (trellis_withdrawal_blocks_contact (TRELLIS_WITHDRAWAL_NO_FURTHER_CONTACT));
  g_assert_true (trellis_withdrawal_blocks_data_entry (TRELLIS_WITHDRAWAL_NO_FURTHER_CONTACT));

  g_assert_false (trellis_withdrawal_blocks_contact (TRELLIS_WITHDRAWAL_NO_FURTHER_DATA));
  g_assert_true (trellis_withdrawal_blocks_data_entry (TRELLIS_WITHDRAWAL_NO_FURTHER_DATA));

  g_assert_true (trellis_withdrawal_blocks_contact (TRELLIS_WITHDRAWAL_DATA_DESTRUCTION));
  g_assert_true (trellis_withdrawal_blocks_data_entry (TRELLIS_WITHDRAWAL_DATA_DESTRUCTION));
}

/* A newer sheet requiring reconsent asks again only the active: neither the
 * withdrawn nor the lost to follow-up, and never someone who declined. */
static void
test_consent_reconsent (void)
{
  TrellisConsentFacts facts = {
    .has_consent = TRUE, .takes_part = TRUE, .consented_version_date = 100, .newest_reconsent_date = 200,
  };

  g_assert_cmpint (trellis_consent_state_derive (&facts), ==, TRELLIS_CONSENT_STATE_RECONSENT_NEEDED);
  facts.lost = TRUE;
  g_assert_cmpint (trellis_consent_state_derive (&facts), ==, TRELLIS_CONSENT_STATE_GIVEN);
  facts.lost = FALSE;
  facts.withdrawn = TRUE;
  g_assert_cmpint (trellis_consent_state_derive (&facts), ==, TRELLIS_CONSENT_STATE_GIVEN);
  facts.withdrawn = FALSE;
  facts.consented_version_date = 200;
  g_assert_cmpint (trellis_consent_state_derive (&facts), ==, TRELLIS_CONSENT_STATE_GIVEN);
  facts.consented_version_date = 100;
  facts.takes_part = FALSE;
  g_assert_cmpint (trellis_consent_state_derive (&facts), ==, TRELLIS_CONSENT_STATE_DECLINED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/trellis/domain/participant-status/derive-progress", test_derive_progress);
  g_test_add_func ("/trellis/domain/participant-status/derive-precedence", test_derive_precedence);
  g_test_add_func ("/trellis/domain/participant-status/derive-withdrawal-types", test_derive_withdrawal_types);
  g_test_add_func ("/trellis/domain/participant-status/status-strings", test_status_strings);
  g_test_add_func ("/trellis/domain/participant-status/status-from-string-rejects", test_status_from_string_rejects);
  g_test_add_func ("/trellis/domain/participant-status/withdrawal-strings", test_withdrawal_strings);
  g_test_add_func ("/trellis/domain/participant-status/withdrawal-rules", test_withdrawal_rules);
  g_test_add_func ("/trellis/domain/consent-state/reconsent", test_consent_reconsent);

  return g_test_run ();
}
