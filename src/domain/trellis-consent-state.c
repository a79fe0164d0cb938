/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-consent-state.h"

/* A participant whose latest consent was given on an information sheet older
 * than a newer sheet marked "requires reconsent" must be asked again before
 * anything more is done with them. A withdrawn participant is not asked: they
 * have left, and their past consent still governs the data already held.
 * Nor is one lost to follow-up: only active participants can be reached;
 * found again, they are asked like everyone else.
 * A declined consent ("take part" answered no) is never upgraded by a new
 * sheet: the person said no, and only a new consent record changes that. */
TrellisConsentState
trellis_consent_state_derive (const TrellisConsentFacts *facts)
{
  g_return_val_if_fail (facts != NULL, TRELLIS_CONSENT_STATE_NONE);

  if (!facts->has_consent)
    return TRELLIS_CONSENT_STATE_NONE;
  if (!facts->takes_part)
    return TRELLIS_CONSENT_STATE_DECLINED;
  if (!facts->withdrawn && !facts->lost && facts->newest_reconsent_date != 0 &&
      facts->consented_version_date < facts->newest_reconsent_date)
    return TRELLIS_CONSENT_STATE_RECONSENT_NEEDED;
  return TRELLIS_CONSENT_STATE_GIVEN;
}

typedef struct
{
  const char *word;
  const char *label;
} Names;

static const Names state_names[] = {
  [TRELLIS_CONSENT_STATE_NONE] = { "none", N_("No consent") },
  [TRELLIS_CONSENT_STATE_GIVEN] = { "given", N_("Consented") },
  [TRELLIS_CONSENT_STATE_DECLINED] = { "declined", N_("Declined") },
  [TRELLIS_CONSENT_STATE_RECONSENT_NEEDED] = { "reconsent-needed", N_("Reconsent needed") },
};

const char *
trellis_consent_state_to_label (TrellisConsentState state)
{
  g_return_val_if_fail (state < G_N_ELEMENTS (state_names), NULL);
  return _(state_names[state].label);
}

const char *
trellis_consent_state_to_string (TrellisConsentState state)
{
  g_return_val_if_fail (state < G_N_ELEMENTS (state_names), NULL);
  return state_names[state].word;
}
