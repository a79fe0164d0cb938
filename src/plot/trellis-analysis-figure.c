/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "trellis-analysis-figure.h"
#include "trellis-trajectory-raster.h"

/* A cohort with nobody scored at any timepoint gets no series. */
static gboolean
cohort_has_scores (const TrellisDescriptives *descriptives,
                   guint                      cohort)
{
  for (guint t = 0; t < trellis_descriptives_get_n_timepoints (descriptives); t++)
    if (trellis_descriptives_get (descriptives, (int) cohort, t)->n > 0)
      return TRUE;
  return FALSE;
}

static void
add_series (TrellisAnalysisFigure     *self,
            const TrellisDescriptives *descriptives,
            int                        cohort,
            const char                *name)
{
  guint n_timepoints = self->plot.n_timepoints, s = self->plot.n_series++;
  TrellisBeforeAfterPoint *points = self->points + s * n_timepoints;

  for (guint t = 0; t < n_timepoints; t++)
    {
      const TrellisDescriptive *cell = trellis_descriptives_get (descriptives, cohort, t);

      points[t] = (TrellisBeforeAfterPoint) { cell->n, cell->mean, cell->ci_low, cell->ci_high };
    }
  self->series[s] = (TrellisBeforeAfterSeries) { name, points };
  self->series_cohorts[s] = cohort;
}

/**
 * trellis_analysis_figure_new:
 * @analysis: (nullable): the model's results, for the change from baseline
 *   above each later timepoint; NULL when there is no model
 * @title: the instrument's name
 * @by_cohort: a line per cohort with scores instead of one for everyone
 *
 * The axis covers every score, or trajectories would run off the area; it
 * is labelled "@title score" until trellis_analysis_figure_set_scale() says
 * what range the scale has.
 */
TrellisAnalysisFigure *
trellis_analysis_figure_new (const TrellisScoreTable   *scores,
                             const TrellisDescriptives *descriptives,
                             const TrellisAnalysis     *analysis,
                             const char                *title,
                             gboolean                   by_cohort)
{
  TrellisAnalysisFigure *self;
  guint n_timepoints, n_cohorts;

  g_return_val_if_fail (scores != NULL && descriptives != NULL && title != NULL, NULL);

  self = g_new0 (TrellisAnalysisFigure, 1);
  n_timepoints = scores->n_timepoints;
  n_cohorts = MAX (trellis_descriptives_get_n_cohorts (descriptives), 1);
  self->title = g_strdup (title);
  self->points = g_new0 (TrellisBeforeAfterPoint, MAX (n_timepoints * n_cohorts, 1));
  self->series = g_new0 (TrellisBeforeAfterSeries, n_cohorts);
  self->series_cohorts = g_new0 (int, n_cohorts);
  self->plot.n_timepoints = n_timepoints;
  if (by_cohort && trellis_descriptives_get_n_cohorts (descriptives) > 1)
    {
      for (guint c = 0; c < trellis_descriptives_get_n_cohorts (descriptives); c++)
        if (cohort_has_scores (descriptives, c))
          add_series (self, descriptives, (int) c, scores->cohort_names[c]);
    }
  else
    add_series (self, descriptives, TRELLIS_DESCRIPTIVES_ALL, self->title);

  /* The change from baseline belongs to everyone's line, not a cohort's. */
  self->annotations = g_new0 (char *, n_timepoints + 1);
  for (guint t = 0; analysis != NULL && self->series_cohorts[0] == TRELLIS_DESCRIPTIVES_ALL && t < n_timepoints; t++)
    self->annotations[t] = g_strdup (trellis_analysis_get_annotation (analysis, t));

  self->plot.title = self->title;
  self->plot.timepoint_codes = (const char *const *) scores->timepoint_codes;
  self->plot.timepoint_labels = (const char *const *) scores->timepoint_labels;
  self->plot.series = self->series;
  self->plot.annotations = (const char *const *) self->annotations;
  /* Translators: the y axis of the before-and-after plot; %s is the instrument. */
  self->value_label = g_strdup_printf (_("%s score"), title);
  self->plot.value_label = self->value_label;
  self->plot.value_min = NAN;
  self->plot.value_max = NAN;
  trellis_trajectory_raster_value_range (scores, &self->plot.value_min, &self->plot.value_max);
  return self;
}

/**
 * trellis_analysis_figure_set_scale:
 *
 * Makes the axis span the instrument's whole scale, @low to @high (and any
 * score outside it), and says so in its label, e.g. "Score (1–5)".
 */
void
trellis_analysis_figure_set_scale (TrellisAnalysisFigure *self,
                                   double                 low,
                                   double                 high)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (low < high);

  self->plot.value_min = isfinite (self->plot.value_min) ? MIN (self->plot.value_min, low) : low;
  self->plot.value_max = isfinite (self->plot.value_max) ? MAX (self->plot.value_max, high) : high;
  g_free (self->value_label);
  /* Translators: the value axis of the before-and-after plot, with the range of the scale, e.g. "Score (0–10)". */
  self->value_label = g_strdup_printf (_("Score (%g–%g)"), low, high);
  self->plot.value_label = self->value_label;
}

void
trellis_analysis_figure_free (TrellisAnalysisFigure *self)
{
  if (self == NULL)
    return;
  g_free (self->series_cohorts);
  g_free (self->points);
  g_free (self->series);
  /* Not g_strfreev (): the baseline's entry is NULL before the others. */
  for (guint t = 0; self->annotations != NULL && t < self->plot.n_timepoints; t++)
    g_free (self->annotations[t]);
  g_free (self->annotations);
  g_free (self->title);
  g_free (self->value_label);
  g_free (self);
}
