/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "trellis-database.h"
#include "trellis-participant-flow.h"
#include "trellis-visit-table.h"

G_BEGIN_DECLS

/* What trellis_participant_flow_read() gathers before it counts, per row of
 * the visit table. Split over trellis-participant-flow-read.c (reading),
 * -count.c (the main flow) and -interviews.c (the sub-study). */

enum
{
  CONSENT_NONE,
  CONSENT_DECLINED,
  CONSENT_TAKES_PART,
};

/* One pick of a draw and where its interview stands. */
typedef struct
{
  gint64   participant_id;
  gboolean replacement;
  gboolean replaced;    /* a later pick replaces this one */
  int      status;      /* TrellisInterviewStatus; invited when there is no interview yet */
} FlowPick;

typedef struct
{
  TrellisVisitTable *table;
  guint             *position;          /* the table's cohort index → the flow's */
  GHashTable        *row_of_id;         /* participant id → row */
  guint8            *consent;           /* per row: CONSENT_* of the latest consent */
  gint8             *withdrawal;        /* per row: TrellisWithdrawalType of the latest, or -1 */
  guint8            *scored;            /* rows × instruments: has a score */
  GArray            *instrument_ids;    /* gint64 */
  GPtrArray         *instrument_codes;
  GPtrArray         *instrument_labels;
  GArray            *interviews;        /* FlowPick */
  GHashTable        *eligible;          /* participant ids on any draw's eligible list */
  char              *draw_timepoint;    /* the timepoint every draw's rule names, or NULL */
  guint              n_draws;
} FlowReading;

gboolean trellis_flow_scan              (TrellisDatabase  *db,
                                         sqlite3_stmt     *stmt,
                                         void            (*row_func) (sqlite3_stmt *stmt, FlowReading *reading),
                                         FlowReading      *reading,
                                         GError          **error);
guint    trellis_flow_row_of            (FlowReading      *reading,
                                         gint64            id);
guint    trellis_flow_cohort_of         (FlowReading      *reading,
                                         guint             row);
gboolean trellis_flow_read_interviews   (TrellisDatabase  *db,
                                         FlowReading      *reading,
                                         GError          **error);
void     trellis_flow_count_main        (TrellisParticipantFlow *flow,
                                         FlowReading            *reading);
void     trellis_flow_count_interviews  (TrellisParticipantFlow *flow,
                                         FlowReading            *reading);

G_END_DECLS
