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

/* The cohorts' names in the order of their ids. */
static char **
cohort_names (TrellisVisitTable *table,
              guint              n_cohorts,
              const guint       *position)
{
  char **names = g_new0 (char *, n_cohorts + 1);

  for (guint c = 0; c < n_cohorts; c++)
    names[position[c]] = g_strdup (trellis_visit_table_get_cohort_name (table, c));
  return names;
}

static void
timepoint_names (TrellisVisitTable  *table,
                 char             ***codes,
                 char             ***labels)
{
  guint n_timepoints = trellis_visit_table_get_n_timepoints (table);

  *codes = g_new0 (char *, n_timepoints + 1);
  *labels = g_new0 (char *, n_timepoints + 1);
  for (guint t = 0; t < n_timepoints; t++)
    {
      TrellisTimepoint *timepoint = trellis_visit_table_get_timepoint (table, t);
      const char *label = trellis_timepoint_get_label (timepoint);

      (*codes)[t] = g_strdup (trellis_timepoint_get_code (timepoint));
      (*labels)[t] = g_strdup (label != NULL ? label : "");
    }
}

TrellisRetention *
trellis_retention_compute (TrellisVisitTable *table)
{
  TrellisRetention *self;
  g_autofree guint *position = NULL;
  g_auto(GStrv) names = NULL;
  g_auto(GStrv) codes = NULL;
  g_auto(GStrv) labels = NULL;
  guint n_cohorts, n_rows;

  g_return_val_if_fail (table != NULL, NULL);

  n_cohorts = trellis_visit_table_get_n_cohorts (table);
  position = cohort_order (table, n_cohorts);
  names = cohort_names (table, n_cohorts, position);
  timepoint_names (table, &codes, &labels);
  self = trellis_retention_new ((const char *const *) names, (const char *const *) codes,
                                (const char *const *) labels);
  self->today = trellis_visit_table_get_today (table);

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
