/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "trellis-visit-answers.h"

TrellisVisitAnswers *
trellis_visit_answers_new (gint64 participant_id,
                           gint64 timepoint_id)
{
  TrellisVisitAnswers *self = g_new0 (TrellisVisitAnswers, 1);

  self->participant_id = participant_id;
  self->timepoint_id = timepoint_id;
  self->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_array_unref);
  self->given = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return self;
}

void
trellis_visit_answers_free (TrellisVisitAnswers *self)
{
  if (self == NULL)
    return;
  g_free (self->completed_date);
  g_hash_table_unref (self->values);
  g_hash_table_unref (self->given);
  g_free (self);
}

void
trellis_visit_answers_set_date (TrellisVisitAnswers *self,
                                const char          *completed_date)
{
  g_return_if_fail (self != NULL);

  g_free (self->completed_date);
  self->completed_date = g_strdup (completed_date);
}

void
trellis_visit_answers_set_values (TrellisVisitAnswers *self,
                                  const char          *instrument_code,
                                  const int           *values,
                                  guint                n_values)
{
  GArray *array;

  g_return_if_fail (self != NULL);
  g_return_if_fail (instrument_code != NULL);

  array = g_array_sized_new (FALSE, FALSE, sizeof (int), n_values);
  g_array_append_vals (array, values, n_values);
  g_hash_table_replace (self->values, g_strdup (instrument_code), array);
}

/* The values for the instrument, or NULL when the form has none. */
const int *
trellis_visit_answers_get_values (const TrellisVisitAnswers *self,
                                  const char                *instrument_code,
                                  guint                     *n_values)
{
  GArray *array;

  g_return_val_if_fail (self != NULL, NULL);

  array = g_hash_table_lookup (self->values, instrument_code);
  if (n_values != NULL)
    *n_values = array != NULL ? array->len : 0;
  return array != NULL ? (const int *) array->data : NULL;
}

/* A score on file for the instrument that was imported as a score, with no
 * items behind it: the form shows it, and cannot change it. */
void
trellis_visit_answers_set_given (TrellisVisitAnswers *self,
                                 const char          *instrument_code,
                                 double               score)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (instrument_code != NULL);

  g_hash_table_replace (self->given, g_strdup (instrument_code), g_memdup2 (&score, sizeof score));
}

gboolean
trellis_visit_answers_get_given (const TrellisVisitAnswers *self,
                                 const char                *instrument_code,
                                 double                    *score)
{
  const double *given;

  g_return_val_if_fail (self != NULL, FALSE);

  given = g_hash_table_lookup (self->given, instrument_code);
  if (given != NULL && score != NULL)
    *score = *given;
  return given != NULL;
}
