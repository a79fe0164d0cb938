/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "trellis-consent-state.h"
#include "trellis-participant-status.h"

G_BEGIN_DECLS

/* Everything the register records that a participant's status and consent
 * state follow from. Every reader of the register (the list, the card, the
 * export, the summary) fills one of these and derives both states here, so
 * that they can never disagree about a participant. */
typedef struct
{
  TrellisConsentFacts   consent;            /* withdrawn and lost are read from here */
  gboolean              has_baseline_date;
  TrellisWithdrawalType withdrawal_type;    /* read only when consent.withdrawn */
  gboolean              completed_final_timepoint;
} TrellisRegisterFacts;

void trellis_register_state_derive (const TrellisRegisterFacts *facts,
                                    TrellisParticipantStatus   *status,
                                    TrellisConsentState        *consent);

G_END_DECLS
