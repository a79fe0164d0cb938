/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "trellis-cli-analysis-plot.h"
#include "trellis-descriptives.h"
#include "trellis-score-reader.h"
#include "trellis-study-measures.h"

/* The range an instrument's score can take, from its items and rule: the
 * plot's axis spans it, so the reader sees where on the scale people are. */
static gboolean
score_range (TrellisInstrument *instrument,
             double            *low,
             double            *high)
{
  TrellisScoringRule rule;
  const TrellisItemSpec *specs;
  guint n_items;
  double min_sum = 0, max_sum = 0, min_item = INFINITY, max_item = -INFINITY;

  if (instrument == NULL)
    return FALSE;
  specs = trellis_instrument_get_specs (instrument, &n_items);
  if (n_items == 0)
    return FALSE;
  trellis_instrument_get_rule (instrument, &rule);
  for (guint i = 0; i < n_items; i++)
    {
      min_sum += specs[i].min;
      max_sum += specs[i].max;
      min_item = MIN (min_item, specs[i].min);
      max_item = MAX (max_item, specs[i].max);
    }
  switch (rule.method)
    {
    case TRELLIS_SCORING_MEAN:
      *low = min_item, *high = max_item;
      break;
    case TRELLIS_SCORING_SUM:
      *low = min_sum, *high = max_sum;
      break;
    case TRELLIS_SCORING_CORRECT:
    default:
      *low = 0, *high = n_items;
      break;
    }
  return *low < *high;
}

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
fill_point (TrellisBeforeAfterPoint  *point,
            const TrellisDescriptive *cell)
{
  point->n = cell->n;
  point->mean = cell->mean;
  point->ci_low = cell->ci_low;
  point->ci_high = cell->ci_high;
}

static void
fill_series (TrellisCliAnalysisPlot *self,
             gboolean                by_cohort)
{
  const TrellisScoreTable *table = self->table;
  guint n_timepoints = table->n_timepoints, n_series = 0;
  guint n_cohorts = trellis_descriptives_get_n_cohorts (self->descriptives);

  self->points = g_new0 (TrellisBeforeAfterPoint, MAX (n_timepoints * MAX (n_cohorts, 1), 1));
  self->series = g_new0 (TrellisBeforeAfterSeries, MAX (n_cohorts, 1));
  if (by_cohort && n_cohorts > 1)
    {
      for (guint c = 0; c < n_cohorts; c++)
        {
          TrellisBeforeAfterPoint *points = self->points + n_series * n_timepoints;

          if (!cohort_has_scores (self->descriptives, c))
            continue;
          for (guint t = 0; t < n_timepoints; t++)
            fill_point (&points[t], trellis_descriptives_get (self->descriptives, (int) c, t));
          self->series[n_series++] = (TrellisBeforeAfterSeries) { table->cohort_names[c], points };
        }
    }
  else
    {
      for (guint t = 0; t < n_timepoints; t++)
        fill_point (&self->points[t], trellis_descriptives_get (self->descriptives, TRELLIS_DESCRIPTIVES_ALL, t));
      self->series[n_series++] = (TrellisBeforeAfterSeries) { NULL, self->points };
    }
  self->plot.n_series = n_series;
  self->plot.series = self->series;
}

static void
fill_plot (TrellisCliAnalysisPlot *self,
           TrellisInstrument      *instrument,
           gboolean                by_cohort)
{
  const TrellisScoreTable *table = self->table;
  double low, high;

  self->annotations = g_new0 (char *, table->n_timepoints + 1);
  for (guint t = 0; self->analysis != NULL && t < table->n_timepoints; t++)
    self->annotations[t] = g_strdup (trellis_analysis_get_annotation (self->analysis, t));

  self->plot.title = self->label;
  self->plot.n_timepoints = table->n_timepoints;
  self->plot.timepoint_codes = (const char *const *) table->timepoint_codes;
  self->plot.timepoint_labels = (const char *const *) table->timepoint_labels;
  self->plot.annotations = (const char *const *) self->annotations;
  self->plot.value_min = NAN;
  self->plot.value_max = NAN;
  if (score_range (instrument, &low, &high))
    {
      self->plot.value_min = low;
      self->plot.value_max = high;
      /* Translators: the value axis of the before-and-after plot, with the range of the scale, e.g. "Score (0–10)". */
      self->value_label = g_strdup_printf (_("Score (%g–%g)"), low, high);
    }
  else
    self->value_label = g_strdup (_("Score"));
  self->plot.value_label = self->value_label;
  fill_series (self, by_cohort);
}

/**
 * trellis_cli_analysis_plot_load:
 *
 * Reads @instrument_code's scores from @study and analyses them. A model
 * that cannot be fitted (a constant score, one score each) is no error: the
 * descriptives and plot are still made, and no_model says why.
 *
 * Returns: (nullable): the analysis and its plot, or NULL when the
 * instrument is unknown or the scores cannot be read
 */
TrellisCliAnalysisPlot *
trellis_cli_analysis_plot_load (TrellisStudy  *study,
                                const char    *instrument_code,
                                gboolean       by_cohort,
                                GError       **error)
{
  g_autoptr(TrellisCliAnalysisPlot) self = g_new0 (TrellisCliAnalysisPlot, 1);
  TrellisInstrument *instrument;

  g_return_val_if_fail (TRELLIS_IS_STUDY (study), NULL);
  g_return_val_if_fail (instrument_code != NULL, NULL);

  self->table = trellis_score_table_read_labelled (trellis_study_get_database (study), instrument_code,
                                                   &self->label, error);
  if (self->table == NULL)
    return NULL;
  instrument = trellis_study_find_instrument (study, instrument_code);
  self->code = g_strdup (instrument != NULL ? trellis_instrument_get_code (instrument) : instrument_code);
  if (self->label == NULL || *self->label == '\0')
    {
      g_free (self->label);
      self->label = g_strdup (self->code);
    }

  self->analysis = trellis_analysis_run (self->table, self->label, &self->no_model);
  if (self->analysis != NULL)
    self->descriptives = trellis_analysis_get_descriptives (self->analysis);
  else
    self->descriptives = self->computed = trellis_descriptives_compute (self->table);
  fill_plot (self, instrument, by_cohort);
  return g_steal_pointer (&self);
}

void
trellis_cli_analysis_plot_free (TrellisCliAnalysisPlot *self)
{
  if (self == NULL)
    return;
  g_free (self->code);
  g_free (self->label);
  g_clear_pointer (&self->table, trellis_score_table_free);
  g_clear_pointer (&self->analysis, trellis_analysis_free);
  g_clear_error (&self->no_model);
  g_clear_pointer (&self->computed, trellis_descriptives_free);
  g_free (self->points);
  g_free (self->series);
  /* Not g_strfreev (): the baseline's entry is NULL before the others. */
  for (guint t = 0; self->annotations != NULL && t < self->plot.n_timepoints; t++)
    g_free (self->annotations[t]);
  g_free (self->annotations);
  g_free (self->value_label);
  g_free (self);
}
