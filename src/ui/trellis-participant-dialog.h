/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "trellis-study.h"

G_BEGIN_DECLS

#define TRELLIS_TYPE_PARTICIPANT_DIALOG (trellis_participant_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TrellisParticipantDialog, trellis_participant_dialog, TRELLIS, PARTICIPANT_DIALOG, AdwWindow)

/* Adds a participant (PARTICIPANT NULL) or edits one: cohort, baseline date and
 * the identifiable contact details. Emits "participant-saved" with the
 * participant's id and whether they are new, and "show-cohorts" when the
 * person asks to go and create a cohort. */
TrellisParticipantDialog *trellis_participant_dialog_new                (GtkWindow                *parent,
                                                                         TrellisStudy             *study,
                                                                         TrellisParticipant       *participant);
void                      trellis_participant_dialog_set_can_show_cohorts (TrellisParticipantDialog *self,
                                                                         gboolean                  can_show);

G_END_DECLS
