/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "trellis-retention.h"

/* Retention counts are a single pass over the visit table, which already
 * holds each participant's status at each timepoint: no SQL of their own, so
 * they always agree with the completion grid and the due list. */

static void
count_status (TrellisRetentionCounts *counts,
              TrellisVisitStatus      status)
{
  counts->recruited++;
  switch (status)
    {
    case TRELLIS_VISIT_COMPLETED:
      counts->completed++;
      break;
    case TRELLIS_VISIT_OVERDUE:
      counts->overdue++;
      counts->due++;
      break;
    case TRELLIS_VISIT_DUE:
      counts->due++;
      break;
    case TRELLIS_VISIT_MISSED:
      counts->missed++;
      break;
    case TRELLIS_VISIT_NOT_APPLICABLE:
      counts->withdrawn++;
      break;
    case TRELLIS_VISIT_NOT_YET_DUE:
    default:
      counts->not_yet_due++;
      break;
    }
}

/* The table numbers cohorts in the order it met them; here they go in the
 * order of their ids, which is the order they were added. */
static guint *
cohort_order (TrellisVisitTable *table,
              guint              n_cohorts)
{
  guint *position = g_new (guint, MAX (n_cohorts, 1));

  for (guint c = 0; c < n_cohorts; c++)
    {
      gint64 id = trellis_visit_table_get_cohort_id (table, c);

      position[c] = 0;
      for (guint other = 0; other < n_cohorts; other++)
        if (trellis_visit_table_get_cohort_id (table, other) < id)
          position[c]++;
    }
  return position;
}

static void
fill_names (TrellisRetention  *self,
            TrellisVisitTable *table,
            const guint       *position)
{
  self->cohort_names = g_new0 (char *, self->n_cohorts + 1);
  for (guint c = 0; c < self->n_cohorts; c++)
    self->cohort_names[position[c]] = g_strdup (trellis_visit_table_get_cohort_name (table, c));
  self->timepoint_codes = g_new0 (char *, self->n_timepoints + 1);
  self->timepoint_labels = g_new0 (char *, self->n_timepoints + 1);
  for (guint t = 0; t < self->n_timepoints; t++)
    {
      TrellisTimepoint *timepoint = trellis_visit_table_get_timepoint (table, t);

      self->timepoint_codes[t] = g_strdup (trellis_timepoint_get_code (timepoint));
      self->timepoint_labels[t] = g_strdup (trellis_timepoint_get_label (timepoint));
    }
}

TrellisRetention *
trellis_retention_compute (TrellisVisitTable *table)
{
  TrellisRetention *self;
  g_autofree guint *position = NULL;
  guint n_rows;

  g_return_val_if_fail (table != NULL, NULL);

  self = g_new0 (TrellisRetention, 1);
  self->today = trellis_visit_table_get_today (table);
  self->n_cohorts = trellis_visit_table_get_n_cohorts (table);
  self->n_timepoints = trellis_visit_table_get_n_timepoints (table);
  position = cohort_order (table, self->n_cohorts);
  fill_names (self, table, position);
  self->counts = g_new0 (TrellisRetentionCounts, MAX ((self->n_cohorts + 1) * self->n_timepoints, 1));

  n_rows = trellis_visit_table_get_n_rows (table);
  for (guint r = 0; r < n_rows; r++)
    {
      guint cohort = position[trellis_visit_table_get_cohort (table, r)];

      for (guint t = 0; t < self->n_timepoints; t++)
        {
          TrellisVisitStatus status = trellis_visit_table_get_slot (table, r, t)->status;

          count_status (&self->counts[cohort * self->n_timepoints + t], status);
          count_status (&self->counts[self->n_cohorts * self->n_timepoints + t], status);
        }
    }
  return self;
}

const TrellisRetentionCounts *
trellis_retention_get (const TrellisRetention *self,
                       guint                   cohort,
                       guint                   timepoint)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (cohort <= self->n_cohorts && timepoint < self->n_timepoints, NULL);

  return &self->counts[cohort * self->n_timepoints + timepoint];
}

/* The totals over every cohort: the same as trellis_retention_get () with
 * cohort n_cohorts. */
const TrellisRetentionCounts *
trellis_retention_get_total (const TrellisRetention *self,
                             guint                   timepoint)
{
  g_return_val_if_fail (self != NULL, NULL);

  return trellis_retention_get (self, self->n_cohorts, timepoint);
}

void
trellis_retention_free (TrellisRetention *self)
{
  if (self == NULL)
    return;
  g_strfreev (self->cohort_names);
  g_strfreev (self->timepoint_codes);
  g_strfreev (self->timepoint_labels);
  g_free (self->counts);
  g_free (self);
}
