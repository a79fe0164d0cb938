/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "trellis-register-state.h"

/* One set of facts gives both states, as every reader of the register uses
 * them: the list, the card, the export and the summary. */

typedef struct
{
  const char              *name;
  TrellisRegisterFacts     facts;
  TrellisParticipantStatus status;
  TrellisConsentState      consent;
} Case;

#define SHEET_1 2460000u
#define SHEET_2 2460100u

static const Case cases[] = {
  { "recruited", { { .has_consent = FALSE } },
    TRELLIS_PARTICIPANT_STATUS_RECRUITED, TRELLIS_CONSENT_STATE_NONE },
  { "consented-without-baseline", { { TRUE, TRUE, SHEET_1, 0, FALSE, FALSE }, FALSE },
    TRELLIS_PARTICIPANT_STATUS_RECRUITED, TRELLIS_CONSENT_STATE_GIVEN },
  { "active", { { TRUE, TRUE, SHEET_1, 0, FALSE, FALSE }, TRUE },
    TRELLIS_PARTICIPANT_STATUS_ACTIVE, TRELLIS_CONSENT_STATE_GIVEN },
  /* Asked to reconsent, they are still active: the old consent stands until then. */
  { "active-reconsent", { { TRUE, TRUE, SHEET_1, SHEET_2, FALSE, FALSE }, TRUE },
    TRELLIS_PARTICIPANT_STATUS_ACTIVE, TRELLIS_CONSENT_STATE_RECONSENT_NEEDED },
  { "declined", { { TRUE, FALSE, SHEET_1, SHEET_2, FALSE, FALSE }, TRUE },
    TRELLIS_PARTICIPANT_STATUS_RECRUITED, TRELLIS_CONSENT_STATE_DECLINED },
  /* Neither the lost nor the withdrawn are asked to reconsent. */
  { "lost", { { TRUE, TRUE, SHEET_1, SHEET_2, FALSE, TRUE }, TRUE },
    TRELLIS_PARTICIPANT_STATUS_LOST_TO_FOLLOW_UP, TRELLIS_CONSENT_STATE_GIVEN },
  { "withdrawn", { { TRUE, TRUE, SHEET_1, SHEET_2, TRUE, TRUE }, TRUE, TRELLIS_WITHDRAWAL_DATA_DESTRUCTION },
    TRELLIS_PARTICIPANT_STATUS_WITHDRAWN, TRELLIS_CONSENT_STATE_GIVEN },
};

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  TrellisParticipantStatus status = -1;
  TrellisConsentState consent = -1;

  trellis_register_state_derive (&c->facts, &status, &consent);
  g_assert_cmpint (status, ==, c->status);
  g_assert_cmpint (consent, ==, c->consent);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strconcat ("/trellis/domain/register-state/", cases[i].name, NULL);

      g_test_add_data_func (path, &cases[i], test_case);
    }
  return g_test_run ();
}
