/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "trellis-study-interviews.h"

G_BEGIN_DECLS

#define TRELLIS_TYPE_INTERVIEW_DRAW_DIALOG (trellis_interview_draw_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TrellisInterviewDrawDialog, trellis_interview_draw_dialog, TRELLIS, INTERVIEW_DRAW_DIALOG,
                      AdwWindow)

/* Draws interviewees from the cohorts of LIST (which the dialog copies)
 * under its rule: a total, proportional or typed quotas, an optional seed,
 * and the quotas previewed as they are typed. Emits "drawn" with the new
 * draw's id, then closes. */
TrellisInterviewDrawDialog *trellis_interview_draw_dialog_new       (GtkWindow                 *parent,
                                                                     TrellisStudy              *study,
                                                                     const TrellisEligibleList *list);
void                        trellis_interview_draw_dialog_set_total (TrellisInterviewDrawDialog *self,
                                                                     guint                       total);
guint                       trellis_interview_draw_dialog_get_quota (TrellisInterviewDrawDialog *self,
                                                                     guint                       cohort);

G_END_DECLS
