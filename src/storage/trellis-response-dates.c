/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-date.h"
#include "trellis-response-import-private.h"
#include "trellis-schedule.h"
#include "trellis-timepoint.h"

/* The responses import's last check, once every row is read: each visit of
 * the file has its completion date, and each participant's dates, in the
 * file and on file, run in timepoint order. */

typedef struct
{
  TrellisResponseCatalog *catalog;
  GArray *visits;                       /* TrellisResponseVisit */
  const guint32 *slots;                 /* participant × timepoint → visit index + 1 */
  TrellisResponseProblems *problems;
} TrellisResponseDates;

static const char *
participant_code (TrellisResponseDates *check,
                  guint                 participant)
{
  return g_array_index (check->catalog->participants, TrellisResponseParticipant, participant).code;
}

static char *
format_julian (guint32 julian)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  return trellis_date_format (&date);
}

/* The participant's completion dates in plan order as the visit's check
 * sees them: from the file and from what is on file, but none from the
 * file's later visits, which check themselves, so that two visits out of
 * order are reported once, at the later one. */
static void
gather_dates (TrellisResponseDates       *check,
              const TrellisResponseVisit *visit,
              guint32                    *dates)
{
  guint n_timepoints = check->catalog->timepoints->len;
  gsize first = (gsize) visit->participant * n_timepoints;

  for (guint t = 0; t < n_timepoints; t++)
    {
      guint32 slot = check->slots[first + t];
      guint32 on_file = check->catalog->on_file[first + t];

      if (slot > 0)
        dates[t] = t <= visit->timepoint
                   ? g_array_index (check->visits, TrellisResponseVisit, slot - 1).completed : 0;
      else
        dates[t] = on_file == TRELLIS_RESPONSE_MISSED ? 0 : on_file;
    }
}

static gboolean
in_order (const guint32 *dates,
          guint          n_dates)
{
  guint32 latest = 0;

  for (guint i = 0; i < n_dates; i++)
    {
      if (dates[i] != 0 && dates[i] < latest)
        return FALSE;
      latest = MAX (latest, dates[i]);
    }
  return TRUE;
}

static void
check_visit_date (TrellisResponseDates       *check,
                  const TrellisResponseVisit *visit,
                  const char *const          *codes,
                  guint32                    *dates)
{
  guint n_timepoints = check->catalog->timepoints->len;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *date = NULL;

  if (visit->completed == 0 && visit->date_line != 0)
    return;
  if (visit->completed == 0)
    {
      trellis_response_problems_add (check->problems, visit->line, "completed_date", "",
                                     _("%s of %s has no completion date; each timepoint needs the date its "
                                       "questionnaires were completed"), codes[visit->timepoint],
                                     participant_code (check, visit->participant));
      return;
    }
  gather_dates (check, visit, dates);
  if (in_order (dates, n_timepoints) ||
      trellis_schedule_check_order (codes, dates, n_timepoints, visit->timepoint, &local_error))
    return;
  date = format_julian (visit->completed);
  trellis_response_problems_add (check->problems, visit->date_line, "completed_date", date,
                                 "%s: %s", participant_code (check, visit->participant),
                                 local_error->message);
}

/* Every visit has its date, and the dates of each participant's visits, in
 * the file and on file, run in timepoint order. */
void
trellis_response_check_dates (TrellisResponseCatalog  *catalog,
                              GArray                  *visits,
                              const guint32           *slots,
                              TrellisResponseProblems *problems)
{
  TrellisResponseDates check = { catalog, visits, slots, problems };
  guint n_timepoints = catalog->timepoints->len;
  g_autofree const char **codes = g_new0 (const char *, n_timepoints + 1);
  g_autofree guint32 *dates = g_new0 (guint32, MAX (n_timepoints, 1));

  for (guint t = 0; t < n_timepoints; t++)
    codes[t] = trellis_timepoint_get_code (catalog->timepoints->pdata[t]);
  for (guint i = 0; i < visits->len; i++)
    check_visit_date (&check, &g_array_index (visits, TrellisResponseVisit, i), codes, dates);
}
