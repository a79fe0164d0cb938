/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "trellis-retention-counts.h"

/**
 * trellis_retention_new:
 * @cohort_names: (array zero-terminated=1) (nullable): the cohorts, in order
 * @timepoint_codes: (array zero-terminated=1) (nullable): the timepoints, in plan order
 * @timepoint_labels: (array zero-terminated=1) (nullable): their labels, as many as the codes
 *
 * Returns: retention with every count at zero, for the caller to fill in
 * through counts[]
 */
TrellisRetention *
trellis_retention_new (const char *const *cohort_names,
                       const char *const *timepoint_codes,
                       const char *const *timepoint_labels)
{
  const char *const none[] = { NULL };
  TrellisRetention *self = g_new0 (TrellisRetention, 1);

  self->cohort_names = g_strdupv ((char **) (cohort_names != NULL ? cohort_names : none));
  self->timepoint_codes = g_strdupv ((char **) (timepoint_codes != NULL ? timepoint_codes : none));
  self->timepoint_labels = g_strdupv ((char **) (timepoint_labels != NULL ? timepoint_labels : none));
  self->n_cohorts = g_strv_length (self->cohort_names);
  self->n_timepoints = g_strv_length (self->timepoint_codes);
  g_warn_if_fail (g_strv_length (self->timepoint_labels) == self->n_timepoints);
  self->counts = g_new0 (TrellisRetentionCounts, MAX ((self->n_cohorts + 1) * self->n_timepoints, 1));
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
