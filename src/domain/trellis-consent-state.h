/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The values are only for this process; storage uses the _to_string forms. */
typedef enum
{
  TRELLIS_CONSENT_STATE_NONE,
  TRELLIS_CONSENT_STATE_GIVEN,
  TRELLIS_CONSENT_STATE_DECLINED,
  TRELLIS_CONSENT_STATE_RECONSENT_NEEDED,
} TrellisConsentState;

/* What the consent records say about one participant. Dates are Julian day
 * numbers (g_date_get_julian), 0 where there is none. */
typedef struct
{
  gboolean has_consent;                 /* at least one consent record */
  gboolean takes_part;                  /* the latest record's answer to "take part" */
  guint32  consented_version_date;      /* date of the latest record's information sheet */
  guint32  newest_reconsent_date;       /* newest sheet that requires reconsent, or 0 */
  gboolean withdrawn;
  gboolean lost;                        /* lost to follow-up */
} TrellisConsentFacts;

TrellisConsentState  trellis_consent_state_derive    (const TrellisConsentFacts *facts);
const char          *trellis_consent_state_to_label  (TrellisConsentState        state);
const char          *trellis_consent_state_to_string (TrellisConsentState        state);

G_END_DECLS
