/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "trellis-study.h"

G_BEGIN_DECLS

#define TRELLIS_TYPE_PARTICIPANT_SCHEDULE (trellis_participant_schedule_get_type ())
G_DECLARE_FINAL_TYPE (TrellisParticipantSchedule, trellis_participant_schedule, TRELLIS, PARTICIPANT_SCHEDULE,
                      AdwPreferencesGroup)

void trellis_participant_schedule_set_participant (TrellisParticipantSchedule *self,
                                                   TrellisStudy               *study,
                                                   gint64                      participant_id);
void trellis_participant_schedule_reload          (TrellisParticipantSchedule *self);

G_END_DECLS
