/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A wall-clock time typed for a place (an interview at 10:30 in
 * Europe/London) turned into one instant, stored as UTC.
 *
 * Twice a year a local time does not map to exactly one instant. When clocks
 * go forward, the times in the gap never happen (01:30 on 30 March 2025 in
 * London): refused with TRELLIS_DOMAIN_ERROR_NONEXISTENT_TIME. When clocks go
 * back, the times in the overlap happen twice (01:30 on 26 October 2025 in
 * London, first in BST and then in GMT): the caller says which, or with
 * TRELLIS_LOCAL_TIME_ASK gets TRELLIS_DOMAIN_ERROR_AMBIGUOUS_TIME and both
 * candidates, so a dialog can ask the person.
 *
 * Method: the zone's UTC offsets a day either side of the time are the only
 * candidates; an offset is kept when the instant it gives maps back, in that
 * zone, to the same offset (and so to the same local time). */
typedef enum
{
  TRELLIS_LOCAL_TIME_ASK,       /* refuse an ambiguous time, returning both candidates */
  TRELLIS_LOCAL_TIME_EARLIER,   /* the first occurrence (before clocks go back) */
  TRELLIS_LOCAL_TIME_LATER,     /* the second occurrence */
} TrellisLocalTimeChoice;

typedef struct
{
  guint  n;            /* 0: does not exist; 1; 2: happens twice */
  gint64 utc[2];       /* seconds since 1970-01-01 00:00 UTC, earlier first */
  gint32 offset[2];    /* the zone's UTC offset at each, in seconds east */
} TrellisLocalTimeCandidates;

gboolean trellis_local_time_candidates (const char                 *zone,
                                        const GDate                *date,
                                        int                         hour,
                                        int                         minute,
                                        TrellisLocalTimeCandidates *candidates,
                                        GError                    **error);
gboolean trellis_local_time_to_utc     (const char                 *zone,
                                        const GDate                *date,
                                        int                         hour,
                                        int                         minute,
                                        TrellisLocalTimeChoice      which,
                                        gint64                     *utc,
                                        TrellisLocalTimeCandidates *candidates,
                                        GError                    **error);

G_END_DECLS
