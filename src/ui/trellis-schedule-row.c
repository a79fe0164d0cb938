/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "trellis-schedule-row.h"

struct _TrellisScheduleRow
{
  GObject parent_instance;

  TrellisVisitTable *table;
  guint row;
  guint timepoint;
};

G_DEFINE_FINAL_TYPE (TrellisScheduleRow, trellis_schedule_row, G_TYPE_OBJECT)

/* The row keeps the table it points into, so a view may hold the item
 * after the page has read the schedule again. */
TrellisScheduleRow *
trellis_schedule_row_new (TrellisVisitTable *table,
                          guint              row,
                          guint              timepoint)
{
  TrellisScheduleRow *self;

  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (row < trellis_visit_table_get_n_rows (table), NULL);

  self = g_object_new (TRELLIS_TYPE_SCHEDULE_ROW, NULL);
  self->table = trellis_visit_table_ref (table);
  self->row = row;
  self->timepoint = timepoint;
  return self;
}

TrellisVisitTable *
trellis_schedule_row_get_table (TrellisScheduleRow *self)
{
  g_return_val_if_fail (TRELLIS_IS_SCHEDULE_ROW (self), NULL);
  return self->table;
}

guint
trellis_schedule_row_get_index (TrellisScheduleRow *self)
{
  g_return_val_if_fail (TRELLIS_IS_SCHEDULE_ROW (self), 0);
  return self->row;
}

/* The timepoint a due-list entry is about, or TRELLIS_SCHEDULE_ROW_ALL_TIMEPOINTS. */
guint
trellis_schedule_row_get_timepoint (TrellisScheduleRow *self)
{
  g_return_val_if_fail (TRELLIS_IS_SCHEDULE_ROW (self), TRELLIS_SCHEDULE_ROW_ALL_TIMEPOINTS);
  return self->timepoint;
}

gint64
trellis_schedule_row_get_participant_id (TrellisScheduleRow *self)
{
  g_return_val_if_fail (TRELLIS_IS_SCHEDULE_ROW (self), 0);
  return trellis_visit_table_get_participant_id (self->table, self->row);
}

gint64
trellis_schedule_row_get_timepoint_id (TrellisScheduleRow *self,
                                       guint               timepoint)
{
  g_return_val_if_fail (TRELLIS_IS_SCHEDULE_ROW (self), 0);
  return trellis_timepoint_get_id (trellis_visit_table_get_timepoint (self->table, timepoint));
}

const char *
trellis_schedule_row_get_code (TrellisScheduleRow *self)
{
  g_return_val_if_fail (TRELLIS_IS_SCHEDULE_ROW (self), NULL);
  return trellis_visit_table_get_code (self->table, self->row);
}

const char *
trellis_schedule_row_get_cohort (TrellisScheduleRow *self)
{
  g_return_val_if_fail (TRELLIS_IS_SCHEDULE_ROW (self), NULL);
  return trellis_visit_table_get_cohort_name (self->table,
                                              trellis_visit_table_get_cohort (self->table, self->row));
}

const TrellisVisitSlot *
trellis_schedule_row_get_slot (TrellisScheduleRow *self,
                               guint               timepoint)
{
  g_return_val_if_fail (TRELLIS_IS_SCHEDULE_ROW (self), NULL);
  return trellis_visit_table_get_slot (self->table, self->row, timepoint);
}

const TrellisVisitRecord *
trellis_schedule_row_get_record (TrellisScheduleRow *self,
                                 guint               timepoint)
{
  g_return_val_if_fail (TRELLIS_IS_SCHEDULE_ROW (self), NULL);
  return trellis_visit_table_get_record (self->table, self->row, timepoint);
}

static void
trellis_schedule_row_finalize (GObject *object)
{
  TrellisScheduleRow *self = TRELLIS_SCHEDULE_ROW (object);

  g_clear_pointer (&self->table, trellis_visit_table_unref);

  G_OBJECT_CLASS (trellis_schedule_row_parent_class)->finalize (object);
}

static void
trellis_schedule_row_class_init (TrellisScheduleRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = trellis_schedule_row_finalize;
}

static void
trellis_schedule_row_init (TrellisScheduleRow *self)
{
}
