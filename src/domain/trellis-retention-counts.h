/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How many of a group's participants stand where at one timepoint, on one
 * day. Every participant counts once per timepoint, so the five statuses
 * add up to recruited. Plain data, so that the retention chart (the plot
 * layer) can draw it without storage: storage counts it from the visit
 * table (trellis-retention.h). */
typedef struct
{
  guint recruited;     /* everyone in the register */
  guint completed;
  guint due;           /* due or overdue */
  guint overdue;       /* of those due, the ones whose window has closed */
  guint missed;        /* marked missed, or lost to follow-up */
  guint withdrawn;     /* not applicable after a withdrawal */
  guint not_yet_due;
} TrellisRetentionCounts;

/* Retention per cohort and timepoint: counts[cohort * n_timepoints + t],
 * with one more row after the cohorts holding the totals. Cohorts are in the
 * order they were added; those without participants are left out. */
typedef struct
{
  guint32 today;
  guint n_cohorts;
  guint n_timepoints;
  char **cohort_names;          /* n_cohorts, NULL-terminated */
  char **timepoint_codes;       /* n_timepoints, NULL-terminated */
  char **timepoint_labels;
  TrellisRetentionCounts *counts;
} TrellisRetention;

TrellisRetention             *trellis_retention_new       (const char *const       *cohort_names,
                                                           const char *const       *timepoint_codes,
                                                           const char *const       *timepoint_labels);
const TrellisRetentionCounts *trellis_retention_get       (const TrellisRetention  *self,
                                                           guint                    cohort,
                                                           guint                    timepoint);
const TrellisRetentionCounts *trellis_retention_get_total (const TrellisRetention  *self,
                                                           guint                    timepoint);
void                          trellis_retention_free      (TrellisRetention        *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrellisRetention, trellis_retention_free)

G_END_DECLS
