/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "trellis-consent-state.h"
#include "trellis-participant-status.h"

G_BEGIN_DECLS

#define TRELLIS_TYPE_PARTICIPANT_ROW (trellis_participant_row_get_type ())
G_DECLARE_FINAL_TYPE (TrellisParticipantRow, trellis_participant_row, TRELLIS, PARTICIPANT_ROW, GObject)

/* One line of the participants list, as shown: a read-only snapshot made when
 * the list hands it out, so that binding a row costs no query. */
TrellisParticipantRow   *trellis_participant_row_new               (gint64                    id,
                                                                    const char               *code,
                                                                    const char               *cohort,
                                                                    TrellisParticipantStatus  status,
                                                                    const char               *baseline_date,
                                                                    TrellisConsentState       consent_state);
gint64                   trellis_participant_row_get_id            (TrellisParticipantRow    *self);
const char              *trellis_participant_row_get_code          (TrellisParticipantRow    *self);
const char              *trellis_participant_row_get_cohort        (TrellisParticipantRow    *self);
TrellisParticipantStatus trellis_participant_row_get_status        (TrellisParticipantRow    *self);
const char              *trellis_participant_row_get_status_label  (TrellisParticipantRow    *self);
const char              *trellis_participant_row_get_baseline_date (TrellisParticipantRow    *self);
TrellisConsentState      trellis_participant_row_get_consent_state (TrellisParticipantRow    *self);
const char              *trellis_participant_row_get_consent_label (TrellisParticipantRow    *self);

G_END_DECLS
