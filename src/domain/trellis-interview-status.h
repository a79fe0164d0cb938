/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Where one drawn person's interview stands. The values are only for this
 * process; storage uses the _to_string forms.
 *
 * The allowed moves (trellis_interview_status_can_move):
 *
 *   invited ──► scheduled ──► done ──► transcribed ──► anonymised ──► coded
 *      │            │  │
 *      │            │  └──► did-not-attend
 *      └────────────┴─────► declined
 *
 *  - Declined from invited or scheduled: a person may say no at any time
 *    before the interview.
 *  - Did-not-attend only from scheduled: only a booked interview can be missed.
 *  - Declined, did-not-attend and coded are final. Moving someone to
 *    did-not-attend means the team has given up on them and draws a
 *    replacement from the same cohort; if they could then be scheduled again
 *    the cohort would end up with one interview too many. A missed slot the
 *    team wants to rebook stays scheduled with a new time instead: changing
 *    the time is not a change of status.
 *  - Nothing moves backwards and no status moves to itself. Correcting a
 *    status recorded by mistake is an edit with a reason in the audit trail,
 *    not a step of the workflow. */
typedef enum
{
  TRELLIS_INTERVIEW_INVITED,
  TRELLIS_INTERVIEW_SCHEDULED,
  TRELLIS_INTERVIEW_DONE,
  TRELLIS_INTERVIEW_TRANSCRIBED,
  TRELLIS_INTERVIEW_ANONYMISED,
  TRELLIS_INTERVIEW_CODED,
  TRELLIS_INTERVIEW_DECLINED,
  TRELLIS_INTERVIEW_DID_NOT_ATTEND,
} TrellisInterviewStatus;

#define TRELLIS_N_INTERVIEW_STATUSES 8

const char *trellis_interview_status_to_string             (TrellisInterviewStatus  status);
gboolean    trellis_interview_status_from_string           (const char             *text,
                                                            TrellisInterviewStatus *status,
                                                            GError                **error);
const char *trellis_interview_status_to_label              (TrellisInterviewStatus  status);
gboolean    trellis_interview_status_can_move              (TrellisInterviewStatus  from,
                                                            TrellisInterviewStatus  to);
gboolean    trellis_interview_status_check_move            (TrellisInterviewStatus  from,
                                                            TrellisInterviewStatus  to,
                                                            GError                **error);
guint       trellis_interview_status_next                  (TrellisInterviewStatus  from,
                                                            TrellisInterviewStatus  next[TRELLIS_N_INTERVIEW_STATUSES]);
gboolean    trellis_interview_status_is_final              (TrellisInterviewStatus  status);
gboolean    trellis_interview_status_calls_for_replacement (TrellisInterviewStatus  status);

G_END_DECLS
