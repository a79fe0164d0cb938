/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "trellis-score-table.h"

/* Capacities live beside the public struct so that callers see plain
 * arrays; the builder grows them by doubling. */
typedef struct
{
  TrellisScoreTable table;
  GPtrArray *codes;
  guint participant_capacity;
  guint observation_capacity;
} ScoreTableBuilder;

static char **
copy_names (const char *const *names,
            guint             *n_names)
{
  *n_names = names != NULL ? g_strv_length ((char **) names) : 0;
  return g_strdupv ((char **) names);
}

TrellisScoreTable *
trellis_score_table_new (const char *const *timepoint_codes,
                         const char *const *timepoint_labels,
                         const char *const *cohort_names)
{
  ScoreTableBuilder *builder = g_new0 (ScoreTableBuilder, 1);
  TrellisScoreTable *self = &builder->table;
  guint n_labels;

  self->timepoint_codes = copy_names (timepoint_codes, &self->n_timepoints);
  self->timepoint_labels = copy_names (timepoint_labels, &n_labels);
  self->cohort_names = copy_names (cohort_names, &self->n_cohorts);
  g_return_val_if_fail (n_labels == self->n_timepoints, self);
  g_return_val_if_fail (self->n_timepoints <= G_MAXUINT8 + 1, self);

  builder->codes = g_ptr_array_new ();
  builder->participant_capacity = 64;
  builder->observation_capacity = 256;
  self->participant_cohort = g_new (guint32, builder->participant_capacity);
  self->first = g_new (guint32, builder->participant_capacity + 1);
  self->first[0] = 0;
  self->timepoint = g_new (guint8, builder->observation_capacity);
  self->value = g_new (double, builder->observation_capacity);
  return self;
}

void
trellis_score_table_begin_participant (TrellisScoreTable *self,
                                       const char        *code,
                                       guint              cohort)
{
  ScoreTableBuilder *builder = (ScoreTableBuilder *) self;

  g_return_if_fail (builder->codes != NULL);
  g_return_if_fail (cohort < MAX (self->n_cohorts, 1));

  if (self->n_participants == builder->participant_capacity)
    {
      builder->participant_capacity *= 2;
      self->participant_cohort = g_renew (guint32, self->participant_cohort,
                                          builder->participant_capacity);
      self->first = g_renew (guint32, self->first, builder->participant_capacity + 1);
    }
  self->participant_cohort[self->n_participants] = cohort;
  self->n_participants++;
  self->first[self->n_participants] = self->n_observations;
  g_ptr_array_add (builder->codes, g_strdup (code));
}

void
trellis_score_table_reserve (TrellisScoreTable *self,
                             guint              n_participants,
                             guint              n_observations)
{
  ScoreTableBuilder *builder = (ScoreTableBuilder *) self;

  g_return_if_fail (builder->codes != NULL);

  if (n_participants > builder->participant_capacity)
    {
      builder->participant_capacity = n_participants;
      self->participant_cohort = g_renew (guint32, self->participant_cohort, n_participants);
      self->first = g_renew (guint32, self->first, n_participants + 1);
    }
  if (n_observations > builder->observation_capacity)
    {
      builder->observation_capacity = n_observations;
      self->timepoint = g_renew (guint8, self->timepoint, n_observations);
      self->value = g_renew (double, self->value, n_observations);
    }
}

void
trellis_score_table_add (TrellisScoreTable *self,
                         guint              timepoint,
                         double             value)
{
  ScoreTableBuilder *builder = (ScoreTableBuilder *) self;

  g_return_if_fail (self->n_participants > 0);
  g_return_if_fail (timepoint < self->n_timepoints);

  if (self->n_observations == builder->observation_capacity)
    {
      builder->observation_capacity *= 2;
      self->timepoint = g_renew (guint8, self->timepoint, builder->observation_capacity);
      self->value = g_renew (double, self->value, builder->observation_capacity);
    }
  self->timepoint[self->n_observations] = timepoint;
  self->value[self->n_observations] = value;
  self->n_observations++;
  self->first[self->n_participants] = self->n_observations;
}

void
trellis_score_table_set_n_registered (TrellisScoreTable *self,
                                      guint              n_registered)
{
  self->n_registered = n_registered;
}

void
trellis_score_table_finish (TrellisScoreTable *self)
{
  ScoreTableBuilder *builder = (ScoreTableBuilder *) self;
  gboolean any_code = FALSE;

  g_return_if_fail (builder->codes != NULL);

  for (guint i = 0; i < builder->codes->len && !any_code; i++)
    any_code = g_ptr_array_index (builder->codes, i) != NULL;
  if (any_code)
    {
      g_ptr_array_add (builder->codes, NULL);
      self->participant_codes = (char **) g_ptr_array_free (builder->codes, FALSE);
    }
  else
    g_ptr_array_free (builder->codes, TRUE);
  builder->codes = NULL;
  self->n_registered = MAX (self->n_registered, self->n_participants);

  self->participant_cohort = g_renew (guint32, self->participant_cohort, MAX (self->n_participants, 1));
  self->first = g_renew (guint32, self->first, self->n_participants + 1);
  self->timepoint = g_renew (guint8, self->timepoint, MAX (self->n_observations, 1));
  self->value = g_renew (double, self->value, MAX (self->n_observations, 1));
}

void
trellis_score_table_free (TrellisScoreTable *self)
{
  ScoreTableBuilder *builder = (ScoreTableBuilder *) self;

  if (self == NULL)
    return;
  /* A table abandoned while being built still owns the codes it copied. */
  if (builder->codes != NULL)
    {
      for (guint i = 0; i < builder->codes->len; i++)
        g_free (g_ptr_array_index (builder->codes, i));
      g_ptr_array_free (builder->codes, TRUE);
    }
  g_strfreev (self->participant_codes);
  g_strfreev (self->timepoint_codes);
  g_strfreev (self->timepoint_labels);
  g_strfreev (self->cohort_names);
  g_free (self->participant_cohort);
  g_free (self->first);
  g_free (self->timepoint);
  g_free (self->value);
  g_free (builder);
}
