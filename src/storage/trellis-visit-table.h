/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "trellis-database.h"
#include "trellis-schedule.h"
#include "trellis-timepoint.h"

G_BEGIN_DECLS

/* Every participant's place in the schedule on one day, read in bulk for the
 * completion grid, the due list and retention counts: one row per participant
 * in code order, one slot per timepoint of the plan. No object per row, so
 * that 100,000 participants cost a few megabytes. Immutable once read. */
typedef struct _TrellisVisitTable TrellisVisitTable;

TrellisVisitTable        *trellis_visit_table_read              (TrellisDatabase   *db,
                                                                 guint32            today,
                                                                 GError           **error);
TrellisVisitTable        *trellis_visit_table_ref               (TrellisVisitTable *self);
void                      trellis_visit_table_unref             (TrellisVisitTable *self);
guint32                   trellis_visit_table_get_today         (TrellisVisitTable *self);
guint                     trellis_visit_table_get_n_rows        (TrellisVisitTable *self);
guint                     trellis_visit_table_get_n_timepoints  (TrellisVisitTable *self);
TrellisTimepoint         *trellis_visit_table_get_timepoint     (TrellisVisitTable *self,
                                                                 guint              timepoint);
guint                     trellis_visit_table_get_n_cohorts     (TrellisVisitTable *self);
const char               *trellis_visit_table_get_cohort_name   (TrellisVisitTable *self,
                                                                 guint              cohort);
gint64                    trellis_visit_table_get_cohort_id     (TrellisVisitTable *self,
                                                                 guint              cohort);
gint64                    trellis_visit_table_get_participant_id (TrellisVisitTable *self,
                                                                 guint              row);
const char               *trellis_visit_table_get_code          (TrellisVisitTable *self,
                                                                 guint              row);
guint                     trellis_visit_table_get_cohort        (TrellisVisitTable *self,
                                                                 guint              row);
const TrellisScheduleFacts *trellis_visit_table_get_facts       (TrellisVisitTable *self,
                                                                 guint              row);
const TrellisVisitRecord *trellis_visit_table_get_record        (TrellisVisitTable *self,
                                                                 guint              row,
                                                                 guint              timepoint);
const TrellisVisitSlot   *trellis_visit_table_get_slot          (TrellisVisitTable *self,
                                                                 guint              row,
                                                                 guint              timepoint);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrellisVisitTable, trellis_visit_table_unref)

G_END_DECLS
