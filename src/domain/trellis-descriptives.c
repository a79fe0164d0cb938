/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include <gsl/gsl_cdf.h>

#include "trellis-descriptives.h"

struct _TrellisDescriptives
{
  guint n_timepoints;
  guint n_cohorts;
  /* (1 + n_cohorts) × n_timepoints: everyone first, then each cohort. */
  TrellisDescriptive *cells;
};

/* Two passes, the mean first and then the squares about it: no loss of
 * precision when scores are large and close together, and no division per
 * score as in Welford's running update. */
typedef struct
{
  guint n;
  double sum;
  double m2;
} Moments;

void
trellis_descriptive_from_moments (TrellisDescriptive *cell,
                                  guint               n,
                                  double              mean,
                                  double              sum_squares)
{
  g_return_if_fail (cell != NULL);

  cell->n = n;
  cell->mean = n > 0 ? mean : NAN;
  cell->sd = cell->ci_low = cell->ci_high = NAN;
  if (n > 1)
    {
      double half = gsl_cdf_tdist_Qinv (0.025, n - 1) * sqrt (sum_squares / (n - 1) / n);

      cell->sd = sqrt (sum_squares / (n - 1));
      cell->ci_low = mean - half;
      cell->ci_high = mean + half;
    }
}

TrellisDescriptives *
trellis_descriptives_compute (const TrellisScoreTable *table)
{
  TrellisDescriptives *self;
  g_autofree Moments *moments = NULL;
  guint k, n_cells;

  g_return_val_if_fail (table != NULL, NULL);

  self = g_new0 (TrellisDescriptives, 1);
  self->n_timepoints = table->n_timepoints;
  self->n_cohorts = MAX (table->n_cohorts, 1);
  k = self->n_timepoints;
  n_cells = (1 + self->n_cohorts) * k;
  moments = g_new0 (Moments, n_cells);
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < table->n_participants; i++)
      {
        Moments *cohort = moments + (1 + table->participant_cohort[i]) * k;

        for (guint32 o = table->first[i]; o < table->first[i + 1]; o++)
          {
            Moments *all_cell = &moments[table->timepoint[o]];
            Moments *cohort_cell = &cohort[table->timepoint[o]];
            double v = table->value[o];

            if (pass == 0)
              {
                all_cell->n++, all_cell->sum += v;
                cohort_cell->n++, cohort_cell->sum += v;
              }
            else
              {
                double a = v - all_cell->sum, b = v - cohort_cell->sum;

                all_cell->m2 += a * a;
                cohort_cell->m2 += b * b;
              }
          }
        /* Between the passes, the sums become means. */
        if (pass == 0 && i + 1 == table->n_participants)
          for (guint c = 0; c < n_cells; c++)
            moments[c].sum = moments[c].n > 0 ? moments[c].sum / moments[c].n : 0;
      }
  self->cells = g_new (TrellisDescriptive, n_cells);
  for (guint c = 0; c < n_cells; c++)
    trellis_descriptive_from_moments (&self->cells[c], moments[c].n, moments[c].sum, moments[c].m2);
  return self;
}

void
trellis_descriptives_free (TrellisDescriptives *self)
{
  if (self == NULL)
    return;
  g_free (self->cells);
  g_free (self);
}

guint
trellis_descriptives_get_n_timepoints (const TrellisDescriptives *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_timepoints;
}

guint
trellis_descriptives_get_n_cohorts (const TrellisDescriptives *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_cohorts;
}

const TrellisDescriptive *
trellis_descriptives_get (const TrellisDescriptives *self,
                          int                        cohort,
                          guint                      timepoint)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (cohort >= TRELLIS_DESCRIPTIVES_ALL && cohort < (int) self->n_cohorts, NULL);
  g_return_val_if_fail (timepoint < self->n_timepoints, NULL);

  return &self->cells[(cohort + 1) * self->n_timepoints + timepoint];
}
