/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "trellis-interview-status.h"

G_BEGIN_DECLS

/* Booked interviews as an iCalendar file (RFC 5545) that interviewers import
 * into their own calendars. A calendar leaves the study's protection, so an
 * event names the participant only by study code: no name, e-mail or phone
 * can reach it, because this struct has nowhere to put them. */
typedef struct
{
  const char             *uid;          /* stable across exports: trellis_ics_interview_uid () */
  gint64                  start_utc;    /* seconds since 1970 UTC */
  guint                   minutes;      /* planned duration */
  const char             *time_zone;    /* IANA zone it was booked in, e.g. "Europe/London" */
  const char             *study_code;   /* "P017" */
  const char             *mode;         /* translated, e.g. "video call"; NULL to leave out */
  const char             *location;     /* a place or a link; NULL or "" for none */
  const char             *interviewer;
  const char             *study_title;
  TrellisInterviewStatus  status;
  guint                   sequence;     /* revision: raised on every change to the booking */
} TrellisIcsInterview;

char     *trellis_ics_interview_uid  (gint64                     interview_id,
                                      const char                *study_key);

char     *trellis_ics_write_string   (const TrellisIcsInterview *interviews,
                                      gsize                      n_interviews,
                                      gint64                     now_utc,
                                      GError                   **error);
gboolean  trellis_ics_write_file     (GFile                     *file,
                                      const TrellisIcsInterview *interviews,
                                      gsize                      n_interviews,
                                      gint64                     now_utc,
                                      GError                   **error);

G_END_DECLS
