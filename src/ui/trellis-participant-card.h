/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "trellis-study.h"

G_BEGIN_DECLS

#define TRELLIS_TYPE_PARTICIPANT_CARD (trellis_participant_card_get_type ())
G_DECLARE_FINAL_TYPE (TrellisParticipantCard, trellis_participant_card, TRELLIS, PARTICIPANT_CARD, AdwWindow)

/* One participant in full: the only place that shows their contact details,
 * with their consent history and the register's actions on them. NULL with
 * an error if the participant cannot be read. */
TrellisParticipantCard *trellis_participant_card_new          (GtkWindow              *parent,
                                                               TrellisStudy           *study,
                                                               gint64                  participant_id,
                                                               GError                **error);
TrellisParticipant     *trellis_participant_card_get_participant (TrellisParticipantCard *self);

G_END_DECLS
