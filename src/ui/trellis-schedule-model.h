/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "trellis-visit-table.h"

G_BEGIN_DECLS

/* Which participants the completion grid shows, by what their timepoints
 * hold on the table's day. */
typedef enum
{
  TRELLIS_SCHEDULE_FILTER_ANY,
  TRELLIS_SCHEDULE_FILTER_OVERDUE,
  TRELLIS_SCHEDULE_FILTER_DUE,
  TRELLIS_SCHEDULE_FILTER_NOT_YET_DUE,
  TRELLIS_SCHEDULE_FILTER_COMPLETED,
  TRELLIS_SCHEDULE_FILTER_MISSED,
  TRELLIS_SCHEDULE_FILTER_NOT_APPLICABLE,
  TRELLIS_SCHEDULE_FILTER_ALL_COMPLETED,
} TrellisScheduleFilter;

#define TRELLIS_N_SCHEDULE_FILTERS (TRELLIS_SCHEDULE_FILTER_ALL_COMPLETED + 1)

#define TRELLIS_TYPE_SCHEDULE_MODEL (trellis_schedule_model_get_type ())
G_DECLARE_FINAL_TYPE (TrellisScheduleModel, trellis_schedule_model, TRELLIS, SCHEDULE_MODEL, GObject)

TrellisScheduleModel *trellis_schedule_model_new          (void);
void                  trellis_schedule_model_set_table    (TrellisScheduleModel  *self,
                                                           TrellisVisitTable     *table);
TrellisVisitTable    *trellis_schedule_model_get_table    (TrellisScheduleModel  *self);
void                  trellis_schedule_model_set_cohort   (TrellisScheduleModel  *self,
                                                           gint64                 cohort_id);
void                  trellis_schedule_model_set_filter   (TrellisScheduleModel  *self,
                                                           TrellisScheduleFilter  filter);
void                  trellis_schedule_model_set_search   (TrellisScheduleModel  *self,
                                                           const char            *text);
guint                 trellis_schedule_model_get_n_total  (TrellisScheduleModel  *self);
const char           *trellis_schedule_filter_describe    (TrellisScheduleFilter  filter);

G_END_DECLS
