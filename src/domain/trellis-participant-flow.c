/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "trellis-participant-flow.h"

static void
count_init (TrellisFlowCount *count,
            guint             n_cohorts,
            const char       *key,
            const char       *label)
{
  count->key = g_strdup (key);
  count->label = g_strdup (label);
  count->count = 0;
  count->by_cohort = g_new0 (guint, MAX (n_cohorts, 1));
  count->subset = FALSE;
}

static void
count_clear (gpointer data)
{
  TrellisFlowCount *count = data;

  g_clear_pointer (&count->key, g_free);
  g_clear_pointer (&count->label, g_free);
  g_clear_pointer (&count->by_cohort, g_free);
}

static TrellisFlowBox *
box_new (guint       n_cohorts,
         const char *key,
         const char *label)
{
  TrellisFlowBox *box = g_new0 (TrellisFlowBox, 1);

  count_init (&box->total, n_cohorts, key, label);
  box->reasons = g_array_new (FALSE, TRUE, sizeof (TrellisFlowCount));
  g_array_set_clear_func (box->reasons, count_clear);
  return box;
}

static void
box_free (TrellisFlowBox *box)
{
  if (box == NULL)
    return;
  count_clear (&box->total);
  g_array_unref (box->reasons);
  g_free (box);
}

static void
step_free (gpointer data)
{
  TrellisFlowStep *step = data;

  box_free (step->main);
  box_free (step->side);
  g_free (step);
}

/**
 * trellis_participant_flow_new:
 * @cohort_names: (array zero-terminated=1) (nullable): the cohorts counts
 *   are broken down by, in the order they are shown
 *
 * Returns: an empty flow, to be filled in step by step
 */
TrellisParticipantFlow *
trellis_participant_flow_new (const char *const *cohort_names)
{
  TrellisParticipantFlow *self = g_new0 (TrellisParticipantFlow, 1);
  const char *const none[] = { NULL };

  self->cohort_names = g_strdupv ((char **) (cohort_names != NULL ? cohort_names : none));
  self->n_cohorts = g_strv_length (self->cohort_names);
  self->steps = g_ptr_array_new_with_free_func (step_free);
  self->interview_steps = g_ptr_array_new_with_free_func (step_free);
  return self;
}

void
trellis_participant_flow_free (TrellisParticipantFlow *self)
{
  if (self == NULL)
    return;
  g_strfreev (self->cohort_names);
  g_ptr_array_unref (self->steps);
  g_ptr_array_unref (self->interview_steps);
  g_free (self);
}

/* Appends a step to the main flow, or to the interview sub-study when
 * @interview is set. A NULL @side_key makes a step without a side box. */
TrellisFlowStep *
trellis_participant_flow_add_step (TrellisParticipantFlow *self,
                                   gboolean                interview,
                                   const char             *key,
                                   const char             *label,
                                   const char             *side_key,
                                   const char             *side_label)
{
  TrellisFlowStep *step;

  g_return_val_if_fail (self != NULL && key != NULL && label != NULL, NULL);

  step = g_new0 (TrellisFlowStep, 1);
  step->main = box_new (self->n_cohorts, key, label);
  if (side_key != NULL)
    step->side = box_new (self->n_cohorts, side_key, side_label != NULL ? side_label : "");
  g_ptr_array_add (interview ? self->interview_steps : self->steps, step);
  return step;
}

/* The returned count stays valid until the next reason is added. */
TrellisFlowCount *
trellis_flow_box_add_reason (TrellisFlowBox *box,
                             guint           n_cohorts,
                             const char     *key,
                             const char     *label)
{
  TrellisFlowCount count;

  g_return_val_if_fail (box != NULL && key != NULL && label != NULL, NULL);

  count_init (&count, n_cohorts, key, label);
  g_array_append_val (box->reasons, count);
  return &g_array_index (box->reasons, TrellisFlowCount, box->reasons->len - 1);
}

/* Adds @n people of @cohort (or TRELLIS_FLOW_NO_COHORT) to @count. The
 * caller keeps @cohort below the flow's n_cohorts. */
void
trellis_flow_count_add (TrellisFlowCount *count,
                        guint             cohort,
                        guint             n)
{
  g_return_if_fail (count != NULL);

  count->count += n;
  if (cohort != TRELLIS_FLOW_NO_COHORT)
    count->by_cohort[cohort] += n;
}

static const TrellisFlowBox *
find_in_steps (GPtrArray  *steps,
               const char *key)
{
  for (guint i = 0; i < steps->len; i++)
    {
      const TrellisFlowStep *step = steps->pdata[i];

      if (g_str_equal (step->main->total.key, key))
        return step->main;
      if (step->side != NULL && g_str_equal (step->side->total.key, key))
        return step->side;
    }
  return NULL;
}

/* The main or side box with @key, in the main flow or the sub-study. */
const TrellisFlowBox *
trellis_participant_flow_find_box (const TrellisParticipantFlow *self,
                                   const char                   *key)
{
  const TrellisFlowBox *box;

  g_return_val_if_fail (self != NULL && key != NULL, NULL);

  box = find_in_steps (self->steps, key);
  return box != NULL ? box : find_in_steps (self->interview_steps, key);
}

const TrellisFlowCount *
trellis_flow_box_find_reason (const TrellisFlowBox *box,
                              const char           *key)
{
  g_return_val_if_fail (box != NULL && key != NULL, NULL);

  for (guint i = 0; i < box->reasons->len; i++)
    {
      const TrellisFlowCount *count = &g_array_index (box->reasons, TrellisFlowCount, i);

      if (g_str_equal (count->key, key))
        return count;
    }
  return NULL;
}

/* A box's total (@reason_key NULL) or one of its reasons, over everyone
 * (@cohort TRELLIS_FLOW_NO_COHORT) or one cohort; 0 for a box or reason the
 * flow does not have, which reads right: nobody is there. */
guint
trellis_participant_flow_count (const TrellisParticipantFlow *self,
                                const char                   *box_key,
                                const char                   *reason_key,
                                guint                         cohort)
{
  const TrellisFlowBox *box;
  const TrellisFlowCount *count;

  g_return_val_if_fail (self != NULL && box_key != NULL, 0);
  g_return_val_if_fail (cohort == TRELLIS_FLOW_NO_COHORT || cohort < self->n_cohorts, 0);

  box = trellis_participant_flow_find_box (self, box_key);
  if (box == NULL)
    return 0;
  count = reason_key != NULL ? trellis_flow_box_find_reason (box, reason_key) : &box->total;
  if (count == NULL)
    return 0;
  return cohort == TRELLIS_FLOW_NO_COHORT ? count->count : count->by_cohort[cohort];
}

gboolean
trellis_participant_flow_has_interviews (const TrellisParticipantFlow *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->interview_steps->len > 0;
}
