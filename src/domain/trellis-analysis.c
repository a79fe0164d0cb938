/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "trellis-analysis.h"
#include "trellis-domain-error.h"
#include "trellis-results-sentence.h"

struct _TrellisAnalysis
{
  char *outcome_name;
  char **timepoint_codes;
  char **timepoint_labels;
  char **cohort_names;
  guint n_timepoints;
  guint n_cohorts;
  guint n_participants;
  TrellisDescriptives *descriptives;
  TrellisMixedModel *model;
  TrellisTimepointResult *timepoints;
  char **annotations;
  char *sentence;
};

static void
compute_effect_sizes (TrellisAnalysis         *self,
                      const TrellisScoreTable *table)
{
  const TrellisDescriptive *baseline = trellis_descriptives_get (self->descriptives, TRELLIS_DESCRIPTIVES_ALL, 0);

  self->timepoints = g_new0 (TrellisTimepointResult, self->n_timepoints);
  self->annotations = g_new0 (char *, self->n_timepoints + 1);
  for (guint t = 0; t < self->n_timepoints; t++)
    {
      TrellisTimepointResult *result = &self->timepoints[t];
      const TrellisDescriptive *here = trellis_descriptives_get (self->descriptives, TRELLIS_DESCRIPTIVES_ALL, t);
      TrellisPairedSummary summary = { 0 };

      result->timepoint = t;
      result->n_baseline = baseline->n;
      result->n = here->n;
      result->pooled_sd = trellis_effect_size_pooled_sd (baseline->n, baseline->sd, here->n, here->sd);
      result->d = NAN;
      if (t > 0)
        trellis_paired_summary_from_table (table, t, &summary);
      trellis_paired_change_from_summary (&summary, &result->paired);
      result->effect = t > 0 ? trellis_mixed_model_find_timepoint (self->model, t) : NULL;
      if (result->effect == NULL)
        continue;
      result->d = trellis_effect_size_pooled_d (result->effect->estimate, baseline->n, baseline->sd,
                                                here->n, here->sd);
      self->annotations[t] = trellis_results_annotation (result->effect, result->d);
      result->annotation = self->annotations[t];
    }
}

static void
compose_sentence (TrellisAnalysis *self)
{
  g_autofree TrellisResultsItem *items = g_new0 (TrellisResultsItem, MAX (self->n_timepoints, 1));

  for (guint t = 1; t < self->n_timepoints; t++)
    items[t - 1] = (TrellisResultsItem) {
      self->timepoint_codes[t], self->timepoints[t].effect, self->timepoints[t].d,
    };
  self->sentence = trellis_results_sentence (self->outcome_name, items,
                                             self->n_timepoints > 0 ? self->n_timepoints - 1 : 0,
                                             TRELLIS_D_POOLED);
}

TrellisAnalysis *
trellis_analysis_run (const TrellisScoreTable  *table,
                      const char               *outcome_name,
                      GError                  **error)
{
  g_autoptr(TrellisAnalysis) self = NULL;
  g_autoptr(TrellisDesign) design = NULL;

  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (outcome_name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_new0 (TrellisAnalysis, 1);
  self->outcome_name = g_strdup (outcome_name);
  self->timepoint_codes = g_strdupv (table->timepoint_codes);
  self->timepoint_labels = g_strdupv (table->timepoint_labels);
  self->cohort_names = g_strdupv (table->cohort_names);
  self->n_timepoints = table->n_timepoints;
  self->n_cohorts = table->n_cohorts;
  self->n_participants = table->n_registered;
  self->descriptives = trellis_descriptives_compute (table);

  if (table->n_timepoints == 0 ||
      trellis_descriptives_get (self->descriptives, TRELLIS_DESCRIPTIVES_ALL, 0)->n == 0)
    {
      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                   _("No one has a baseline score of %s: there is nothing to compare with"), outcome_name);
      return NULL;
    }
  design = trellis_design_new_timepoints (table);
  self->model = trellis_mixed_model_fit (table, design, outcome_name, error);
  if (self->model == NULL)
    return NULL;
  compute_effect_sizes (self, table);
  compose_sentence (self);
  return g_steal_pointer (&self);
}

void
trellis_analysis_free (TrellisAnalysis *self)
{
  if (self == NULL)
    return;
  g_free (self->outcome_name);
  g_strfreev (self->timepoint_codes);
  g_strfreev (self->timepoint_labels);
  g_strfreev (self->cohort_names);
  g_clear_pointer (&self->descriptives, trellis_descriptives_free);
  g_clear_pointer (&self->model, trellis_mixed_model_free);
  g_free (self->timepoints);
  if (self->annotations != NULL)
    for (guint t = 0; t < self->n_timepoints; t++)
      g_free (self->annotations[t]);
  g_free (self->annotations);
  g_free (self->sentence);
  g_free (self);
}

const char *
trellis_analysis_get_outcome_name (const TrellisAnalysis *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->outcome_name;
}

guint
trellis_analysis_get_n_timepoints (const TrellisAnalysis *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_timepoints;
}

const char *
trellis_analysis_get_timepoint_code (const TrellisAnalysis *self,
                                     guint                  timepoint)
{
  g_return_val_if_fail (self != NULL && timepoint < self->n_timepoints, NULL);
  return self->timepoint_codes[timepoint];
}

const char *
trellis_analysis_get_timepoint_label (const TrellisAnalysis *self,
                                      guint                  timepoint)
{
  g_return_val_if_fail (self != NULL && timepoint < self->n_timepoints, NULL);
  return self->timepoint_labels[timepoint];
}

guint
trellis_analysis_get_n_cohorts (const TrellisAnalysis *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_cohorts;
}

const char *
trellis_analysis_get_cohort_name (const TrellisAnalysis *self,
                                  guint                  cohort)
{
  g_return_val_if_fail (self != NULL && cohort < self->n_cohorts, NULL);
  return self->cohort_names[cohort];
}

guint
trellis_analysis_get_n_participants (const TrellisAnalysis *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_participants;
}

const TrellisDescriptives *
trellis_analysis_get_descriptives (const TrellisAnalysis *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->descriptives;
}

const TrellisMixedModel *
trellis_analysis_get_model (const TrellisAnalysis *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->model;
}

const TrellisTimepointResult *
trellis_analysis_get_timepoint (const TrellisAnalysis *self,
                                guint                  timepoint)
{
  g_return_val_if_fail (self != NULL && timepoint < self->n_timepoints, NULL);
  return &self->timepoints[timepoint];
}

const char *
trellis_analysis_get_sentence (const TrellisAnalysis *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->sentence;
}

const char *
trellis_analysis_get_annotation (const TrellisAnalysis *self,
                                 guint                  timepoint)
{
  g_return_val_if_fail (self != NULL && timepoint < self->n_timepoints, NULL);
  return self->annotations[timepoint];
}
