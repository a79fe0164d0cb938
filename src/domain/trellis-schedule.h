/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What a timepoint's days count from. The intervention's events are recorded
 * per participant; until one is recorded, timepoints anchored to it have no
 * due date yet. */
typedef enum
{
  TRELLIS_ANCHOR_BASELINE,
  TRELLIS_ANCHOR_WORKSHOP,
  TRELLIS_ANCHOR_COACHING,
} TrellisAnchor;

#define TRELLIS_N_ANCHORS 3

/* A participant's timepoint, as the schedule sees it on a given day. */
typedef enum
{
  TRELLIS_VISIT_NOT_YET_DUE,
  TRELLIS_VISIT_DUE,
  TRELLIS_VISIT_OVERDUE,
  TRELLIS_VISIT_COMPLETED,
  TRELLIS_VISIT_MISSED,
  TRELLIS_VISIT_NOT_APPLICABLE,
} TrellisVisitStatus;

#define TRELLIS_N_VISIT_STATUSES 6

/* A timepoint of the plan: days relative to its anchor. */
typedef struct
{
  TrellisAnchor anchor;
  int           target_day;
  int           window_min;
  int           window_max;
} TrellisScheduleRule;

/* Dates are Julian day numbers (GDate), 0 where there is none. */
typedef struct
{
  guint32 anchors[TRELLIS_N_ANCHORS];  /* indexed by TrellisAnchor; [BASELINE] is the baseline date */
  guint32 withdrawn;                   /* effective date of a withdrawal that stops data collection */
  guint32 lost;                        /* lost to follow-up from */
} TrellisScheduleFacts;

/* What one participant did at one timepoint. */
typedef struct
{
  guint32  completed;       /* completion date, or 0 */
  gboolean marked_missed;   /* a coordinator recorded that it will not happen */
} TrellisVisitRecord;

/* A timepoint's place in time for one participant, and its status on a day. */
typedef struct
{
  TrellisVisitStatus status;
  guint32            due;            /* 0 while the anchor is not recorded */
  guint32            opens;
  guint32            closes;
  gboolean           out_of_window;  /* completed before it opened or after it closed */
} TrellisVisitSlot;

const char         *trellis_anchor_to_string          (TrellisAnchor              anchor);
gboolean            trellis_anchor_from_string        (const char                *text,
                                                       TrellisAnchor             *anchor);
const char         *trellis_anchor_describe           (TrellisAnchor              anchor);
const char         *trellis_visit_status_to_string    (TrellisVisitStatus         status);
gboolean            trellis_visit_status_from_string  (const char                *text,
                                                       TrellisVisitStatus        *status);
const char         *trellis_visit_status_describe     (TrellisVisitStatus         status);
void                trellis_schedule_place            (const TrellisScheduleRule  *rule,
                                                       const TrellisScheduleFacts *facts,
                                                       const TrellisVisitRecord   *record,
                                                       guint32                     today,
                                                       TrellisVisitSlot           *slot);
gboolean            trellis_schedule_is_due_within    (const TrellisVisitSlot     *slot,
                                                       guint32                     today,
                                                       int                         days);
gboolean            trellis_schedule_check_order      (const char *const          *codes,
                                                       const guint32              *completed,
                                                       guint                       n_timepoints,
                                                       guint                       changed,
                                                       GError                    **error);
gboolean            trellis_schedule_check_anchor     (const TrellisScheduleFacts *facts,
                                                       TrellisAnchor               anchor,
                                                       guint32                     date,
                                                       GError                    **error);

G_END_DECLS
