/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "trellis-register-state.h"

/* A participant has consented, for their status, when their latest consent
 * says they take part; a later sheet that asks for reconsent does not undo
 * that. A participant has completed the study once the plan's last
 * timepoint is completed (TRELLIS_STORE_COMPLETED_FINAL_SQL in storage). */
void
trellis_register_state_derive (const TrellisRegisterFacts *facts,
                               TrellisParticipantStatus   *status,
                               TrellisConsentState        *consent)
{
  TrellisParticipantEvents events = { 0, };

  g_return_if_fail (facts != NULL && status != NULL && consent != NULL);

  events.consented = facts->consent.has_consent && facts->consent.takes_part;
  events.has_baseline_date = facts->has_baseline_date;
  events.withdrawn = facts->consent.withdrawn;
  events.withdrawal_type = facts->withdrawal_type;
  events.lost_to_follow_up = facts->consent.lost;
  events.completed_final_timepoint = facts->completed_final_timepoint;

  *status = trellis_participant_status_derive (&events);
  *consent = trellis_consent_state_derive (&facts->consent);
}
