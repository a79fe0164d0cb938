/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "trellis-cli-analysis-plot.h"
#include "trellis-descriptives.h"
#include "trellis-score-reader.h"
#include "trellis-study-measures.h"

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
  self->figure = trellis_analysis_figure_new (self->table, self->descriptives, self->analysis, self->label,
                                              by_cohort);
  self->scale_min = self->scale_max = NAN;
  if (instrument != NULL && trellis_instrument_get_score_range (instrument, &self->scale_min, &self->scale_max))
    trellis_analysis_figure_set_scale (self->figure, self->scale_min, self->scale_max);
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
  g_clear_pointer (&self->figure, trellis_analysis_figure_free);
  g_free (self);
}
