/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "trellis-visit-table.h"

G_BEGIN_DECLS

/* No timepoint: the row stands for the participant's whole line of the grid. */
#define TRELLIS_SCHEDULE_ROW_ALL_TIMEPOINTS G_MAXUINT

#define TRELLIS_TYPE_SCHEDULE_ROW (trellis_schedule_row_get_type ())
G_DECLARE_FINAL_TYPE (TrellisScheduleRow, trellis_schedule_row, TRELLIS, SCHEDULE_ROW, GObject)

/* One participant's line of the completion grid, or one of their timepoints
 * in the due list: a pointer into a TrellisVisitTable, made only when a view
 * asks for the item, so that binding it reads arrays and runs no query. */
TrellisScheduleRow     *trellis_schedule_row_new                (TrellisVisitTable  *table,
                                                                 guint               row,
                                                                 guint               timepoint);
TrellisVisitTable      *trellis_schedule_row_get_table          (TrellisScheduleRow *self);
guint                   trellis_schedule_row_get_index          (TrellisScheduleRow *self);
guint                   trellis_schedule_row_get_timepoint      (TrellisScheduleRow *self);
gint64                  trellis_schedule_row_get_participant_id (TrellisScheduleRow *self);
gint64                  trellis_schedule_row_get_timepoint_id   (TrellisScheduleRow *self,
                                                                 guint               timepoint);
const char             *trellis_schedule_row_get_code           (TrellisScheduleRow *self);
const char             *trellis_schedule_row_get_cohort         (TrellisScheduleRow *self);
const TrellisVisitSlot *trellis_schedule_row_get_slot           (TrellisScheduleRow *self,
                                                                 guint               timepoint);
const TrellisVisitRecord *trellis_schedule_row_get_record       (TrellisScheduleRow *self,
                                                                 guint               timepoint);

G_END_DECLS
