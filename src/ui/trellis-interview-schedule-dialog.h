/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "trellis-study-interviews.h"

G_BEGIN_DECLS

#define TRELLIS_TYPE_INTERVIEW_SCHEDULE_DIALOG (trellis_interview_schedule_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TrellisInterviewScheduleDialog, trellis_interview_schedule_dialog, TRELLIS,
                      INTERVIEW_SCHEDULE_DIALOG, AdwWindow)

/* Books the interview of one drawn participant: date, time and time zone
 * (the system's to begin with), minutes, interviewer, mode, place or link,
 * and whether it is recorded. Refusals show in the dialog; a time that
 * happens twice is asked about. Emits "scheduled" with a sentence for a
 * toast (naming any conflict), then closes. */
TrellisInterviewScheduleDialog *trellis_interview_schedule_dialog_new (GtkWindow    *parent,
                                                                       TrellisStudy *study,
                                                                       gint64        participant_id,
                                                                       const char   *code,
                                                                       gboolean      recorded);

G_END_DECLS
