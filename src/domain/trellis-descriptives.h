/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "trellis-score-table.h"

G_BEGIN_DECLS

/* One cell of the descriptives: the scores of everyone (or one cohort) at
 * one timepoint. What is undefined is NaN, never 0: the mean when n = 0, the
 * SD and the confidence interval when n < 2. */
typedef struct
{
  guint  n;
  double mean;
  double sd;        /* sample SD, n − 1 in the denominator */
  double ci_low;    /* 95% CI of the mean, with the t quantile on n − 1 df */
  double ci_high;
} TrellisDescriptive;

/* Passed as the cohort to mean everyone. */
#define TRELLIS_DESCRIPTIVES_ALL (-1)

/* Per timepoint, and per cohort × timepoint, of one instrument. Immutable. */
typedef struct _TrellisDescriptives TrellisDescriptives;

TrellisDescriptives      *trellis_descriptives_compute          (const TrellisScoreTable   *table);
void                      trellis_descriptives_free             (TrellisDescriptives       *self);
guint                     trellis_descriptives_get_n_timepoints (const TrellisDescriptives *self);
guint                     trellis_descriptives_get_n_cohorts    (const TrellisDescriptives *self);
/* @cohort is an index into the table's cohorts or TRELLIS_DESCRIPTIVES_ALL. */
const TrellisDescriptive *trellis_descriptives_get              (const TrellisDescriptives *self,
                                                                 int                        cohort,
                                                                 guint                      timepoint);

/* The cell from a count, mean and sum of squared deviations from the mean. */
void                      trellis_descriptive_from_moments      (TrellisDescriptive        *cell,
                                                                 guint                      n,
                                                                 double                     mean,
                                                                 double                     sum_squares);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrellisDescriptives, trellis_descriptives_free)

G_END_DECLS
