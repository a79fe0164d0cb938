/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "trellis-interview-status.h"

G_BEGIN_DECLS

/* Problems with booked interviews that a person should see before the day:
 * an interviewer booked twice at once, a slot that has passed while the
 * interview is still only scheduled, and a slot outside the days the
 * participant's interview window allows. Plain C over an array the caller
 * fills from the study file, so storage, the CLI and the GUI all flag the
 * same things in the same words. */

typedef enum
{
  TRELLIS_INTERVIEW_CONFLICT_IN_PAST,
  TRELLIS_INTERVIEW_CONFLICT_OUTSIDE_WINDOW,
  TRELLIS_INTERVIEW_CONFLICT_DOUBLE_BOOKED,
} TrellisInterviewConflictKind;

/* One booked interview, as read from the study file. */
typedef struct
{
  gint64                  id;
  const char             *participant_code;  /* study code, e.g. "P017" */
  const char             *interviewer;       /* as typed; NULL or blank when not yet chosen */
  gint64                  start_utc;         /* seconds since 1970 UTC; 0 when not booked */
  guint                   minutes;           /* planned duration */
  TrellisInterviewStatus  status;
  /* The participant's window for the interview: the first and the last
   * allowed day, each as seconds at some time of that day in UTC (the day is
   * what counts), or 0 when that end is unknown. */
  gint64                  window_first_utc;
  gint64                  window_last_utc;
} TrellisInterviewSlot;

typedef struct
{
  gint64                        interview_id;
  TrellisInterviewConflictKind  kind;
  gint64                        other_id;    /* the other interview when double-booked, else 0 */
  gint                          days;        /* outside the window: days early (< 0) or late (> 0) */
  char                         *message;     /* for a person, translated */
} TrellisInterviewConflict;

void       trellis_interview_conflict_free    (TrellisInterviewConflict   *conflict);

gboolean   trellis_interview_same_interviewer (const char                 *a,
                                               const char                 *b);

GPtrArray *trellis_interview_conflicts_for    (const TrellisInterviewSlot *slots,
                                               gsize                       n_slots,
                                               gint64                      interview_id,
                                               gint64                      now_utc,
                                               GTimeZone                  *shown_in);
GPtrArray *trellis_interview_conflicts_all    (const TrellisInterviewSlot *slots,
                                               gsize                       n_slots,
                                               gint64                      now_utc,
                                               GTimeZone                  *shown_in);

char      *trellis_interview_format_time      (gint64                      utc,
                                               GTimeZone                  *shown_in);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrellisInterviewConflict, trellis_interview_conflict_free)

G_END_DECLS
