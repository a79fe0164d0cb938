/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "trellis-ics-writer.h"
#include "trellis-interview-store-private.h"
#include "trellis-study-measures.h"

/* The booked interviews as a calendar file. Apart from the interview list
 * (trellis-interview-list.c), because writing calendars needs libical, and
 * with it ICU and the C++ runtime: a program that links this file loads
 * them all at start, so trellis-cli leaves it to a helper of its own (see
 * src/cli/meson.build). */

/* Every interview that has had a time, for the interviewer given (NULL for
 * all): the ones still to happen and the ones that did as confirmed events,
 * declined and did-not-attend ones as cancelled so that calendars which
 * imported them before take them off. An invited interview has no time. */
static GArray *
ics_events (GPtrArray  *rows,
            const char *interviewer,
            const char *study_key,
            const char *title,
            GPtrArray  *uids)
{
  GArray *events = g_array_new (FALSE, TRUE, sizeof (TrellisIcsInterview));

  for (guint i = 0; i < rows->len; i++)
    {
      const TrellisInterviewRow *row = g_ptr_array_index (rows, i);
      TrellisIcsInterview event = { 0 };
      char *uid;

      if (row->start_utc == 0 || row->status == TRELLIS_INTERVIEW_INVITED ||
          (interviewer != NULL && !trellis_interview_same_interviewer (row->interviewer, interviewer)))
        continue;
      uid = trellis_ics_interview_uid (row->id, study_key);
      g_ptr_array_add (uids, uid);
      event.uid = uid;
      event.start_utc = row->start_utc;
      event.minutes = row->minutes;
      event.time_zone = row->time_zone;
      event.study_code = row->code;
      event.mode = trellis_interview_mode_label (row->mode);
      event.location = row->location;
      event.interviewer = row->interviewer;
      event.study_title = title;
      event.status = row->status;
      /* Each change to the interview raises its sequence, so a calendar
       * takes a new time or a cancellation over the copy it has. */
      event.sequence = row->revision;
      g_array_append_val (events, event);
    }
  return events;
}

/* Writes the interviews' calendar to file (atomically, as the writer
 * does); *n_events says how many events it holds. */
gboolean
trellis_interview_store_export_ics (TrellisDatabase  *db,
                                    GFile            *file,
                                    const char       *interviewer,
                                    gint64            now,
                                    guint            *n_events,
                                    GError          **error)
{
  g_autofree char *title = NULL;
  g_autofree char *key = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) uids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) events = NULL;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if ((key = trellis_interview_store_study_key (db, &title, error)) == NULL ||
      (rows = trellis_interview_read_rows (db, trellis_study_today (), error)) == NULL)
    return FALSE;
  events = ics_events (rows, interviewer, key, title, uids);
  if (!trellis_ics_write_file (file, (const TrellisIcsInterview *) events->data, events->len, now, error))
    return FALSE;
  if (n_events != NULL)
    *n_events = events->len;
  return TRUE;
}
