/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <math.h>

#include "trellis-score-table.h"

/* A made-up instrument for renderer tests and benchmarks: scores from 1 to 5
 * in steps of 0.1 (the mean of ten 1–5 items), rising after baseline, with
 * drop-out as in the seed study (66 → 62 → 47 → 33) and three cohorts.
 * Deterministic for a seed. */

static const char *const trajectory_fixture_codes[] = { "T1", "T2", "T3", "T4", NULL };
static const char *const trajectory_fixture_labels[] = { "Baseline", "After workshop", "After coaching", "Follow-up", NULL };
static const char *const trajectory_fixture_cohorts[] = { "Midwives", "Paramedics", "Sonographers", NULL };
static const double trajectory_fixture_shift[] = { 0, 0.7, 0.9, 0.8 };
static const double trajectory_fixture_stay[] = { 1, 62.0 / 66, 47.0 / 62, 33.0 / 47 };

static inline double
trajectory_fixture_score (GRand  *rand,
                          double  mean,
                          double  sd)
{
  /* Box–Muller; GRand has no normal deviate. */
  double u = g_rand_double_range (rand, 1e-12, 1), v = g_rand_double (rand);
  double z = sqrt (-2 * log (u)) * cos (2 * G_PI * v);

  return CLAMP (round ((mean + sd * z) * 10) / 10, 1, 5);
}

static inline TrellisScoreTable *
trajectory_fixture_new (guint   n_participants,
                        guint32 seed)
{
  TrellisScoreTable *table = trellis_score_table_new (trajectory_fixture_codes, trajectory_fixture_labels,
                                                      trajectory_fixture_cohorts);
  GRand *rand = g_rand_new_with_seed (seed);

  for (guint p = 0; p < n_participants; p++)
    {
      guint cohort = p % 3;
      double own = trajectory_fixture_score (rand, 3.0 + 0.15 * cohort, 0.55);
      double gain = g_rand_double_range (rand, 0.4, 1.6);

      trellis_score_table_begin_participant (table, NULL, cohort);
      for (guint t = 0; t < 4; t++)
        {
          if (g_rand_double (rand) > trajectory_fixture_stay[t])
            break;
          trellis_score_table_add (table, t, trajectory_fixture_score (rand, own + gain * trajectory_fixture_shift[t], 0.3));
        }
    }
  trellis_score_table_finish (table);
  g_rand_free (rand);
  return table;
}

/* Means and approximate 95% intervals (± 1.96 SE) per timepoint, of one
 * cohort or (cohort < 0) everyone: enough to place points in tests. */
static inline void
trajectory_fixture_means (const TrellisScoreTable  *table,
                          int                       cohort,
                          TrellisBeforeAfterPoint  *points)
{
  double sum[256] = { 0 }, squares[256] = { 0 };
  guint n[256] = { 0 };

  for (guint p = 0; p < table->n_participants; p++)
    {
      if (cohort >= 0 && table->participant_cohort[p] != (guint) cohort)
        continue;
      for (guint i = table->first[p]; i < table->first[p + 1]; i++)
        {
          n[table->timepoint[i]]++;
          sum[table->timepoint[i]] += table->value[i];
          squares[table->timepoint[i]] += table->value[i] * table->value[i];
        }
    }
  for (guint t = 0; t < table->n_timepoints; t++)
    {
      double mean = n[t] > 0 ? sum[t] / n[t] : NAN;
      double sd = n[t] > 1 ? sqrt (MAX (squares[t] - n[t] * mean * mean, 0) / (n[t] - 1)) : NAN;
      double half = n[t] > 1 ? 1.96 * sd / sqrt (n[t]) : NAN;

      points[t] = (TrellisBeforeAfterPoint) { n[t], mean, mean - half, mean + half };
    }
}
