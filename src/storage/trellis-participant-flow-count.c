/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-participant-flow-private.h"
#include "trellis-participant-status.h"

/* The main flow, counted from what trellis-participant-flow-read.c gathered:
 * recruited, consented, each timepoint, analysed. */

#define N_WITHDRAWAL_TYPES 3

/* The reasons a timepoint was not completed, in the order they are shown:
 * the settled ones first, then those still open. */
enum
{
  REASON_MISSED,
  REASON_LOST,
  REASON_WITHDRAWN,                                   /* one per withdrawal type */
  REASON_OVERDUE = REASON_WITHDRAWN + N_WITHDRAWAL_TYPES,
  REASON_DUE,
  REASON_NOT_YET_DUE,
  N_REASONS,
};

static void
count_recruitment (TrellisParticipantFlow *flow,
                   FlowReading            *reading)
{
  guint n_rows = trellis_visit_table_get_n_rows (reading->table);
  guint n_cohorts = flow->n_cohorts;
  TrellisFlowStep *recruited = trellis_participant_flow_add_step (flow, FALSE, "recruited", _("Recruited"),
                                                                  "not-consented", _("Not consented"));
  TrellisFlowStep *consented = trellis_participant_flow_add_step (flow, FALSE, "consented",
                                                                  _("Consented to take part"), NULL, NULL);

  trellis_flow_box_add_reason (recruited->side, n_cohorts, "no-consent", _("No consent recorded yet"));
  trellis_flow_box_add_reason (recruited->side, n_cohorts, "declined", _("Declined to take part"));
  for (guint r = 0; r < n_rows; r++)
    {
      guint cohort = trellis_flow_cohort_of (reading, r);
      GArray *reasons = recruited->side->reasons;

      trellis_flow_count_add (&recruited->main->total, cohort, 1);
      switch (reading->consent[r])
        {
        case CONSENT_TAKES_PART:
          trellis_flow_count_add (&consented->main->total, cohort, 1);
          break;
        case CONSENT_DECLINED:
          trellis_flow_count_add (&recruited->side->total, cohort, 1);
          trellis_flow_count_add (&g_array_index (reasons, TrellisFlowCount, 1), cohort, 1);
          break;
        case CONSENT_NONE:
        default:
          trellis_flow_count_add (&recruited->side->total, cohort, 1);
          trellis_flow_count_add (&g_array_index (reasons, TrellisFlowCount, 0), cohort, 1);
          break;
        }
    }
}

static void
add_not_completed_reasons (TrellisFlowBox *side,
                           guint           n_cohorts)
{
  trellis_flow_box_add_reason (side, n_cohorts, "missed", _("Missed"));
  trellis_flow_box_add_reason (side, n_cohorts, "lost", _("Lost to follow-up"));
  for (guint k = 0; k < N_WITHDRAWAL_TYPES; k++)
    {
      g_autofree char *key = g_strconcat ("withdrawn:", trellis_withdrawal_type_to_string (k), NULL);
      /* Translators: a reason in the participant flow, e.g. "Withdrawn: No further data". */
      g_autofree char *label = g_strdup_printf (_("Withdrawn: %s"), trellis_withdrawal_type_to_label (k));

      trellis_flow_box_add_reason (side, n_cohorts, key, label);
    }
  trellis_flow_box_add_reason (side, n_cohorts, "overdue", _("Overdue, not returned yet"));
  trellis_flow_box_add_reason (side, n_cohorts, "due", _("Due now"));
  trellis_flow_box_add_reason (side, n_cohorts, "not-yet-due", _("Not yet due"));
  g_assert (side->reasons->len == N_REASONS);
}

/* Why row @r did not complete timepoint @t. */
static guint
not_completed_reason (FlowReading        *reading,
                      guint               r,
                      guint               t,
                      TrellisVisitStatus  status)
{
  switch (status)
    {
    case TRELLIS_VISIT_MISSED:
      return trellis_visit_table_get_record (reading->table, r, t)->marked_missed ? REASON_MISSED : REASON_LOST;
    case TRELLIS_VISIT_NOT_APPLICABLE:
      /* The table only says "withdrawn" where a withdrawal was read, so a
       * kind is missing only from a damaged file: counted as the middle one. */
      return REASON_WITHDRAWN + (reading->withdrawal[r] >= 0 ? (guint) reading->withdrawal[r]
                                                             : TRELLIS_WITHDRAWAL_NO_FURTHER_DATA);
    case TRELLIS_VISIT_OVERDUE:
      return REASON_OVERDUE;
    case TRELLIS_VISIT_DUE:
      return REASON_DUE;
    case TRELLIS_VISIT_NOT_YET_DUE:
    case TRELLIS_VISIT_COMPLETED:
    default:
      return REASON_NOT_YET_DUE;
    }
}

static TrellisFlowStep *
add_timepoint_step (TrellisParticipantFlow *flow,
                    TrellisTimepoint       *timepoint)
{
  const char *code = trellis_timepoint_get_code (timepoint);
  const char *label = trellis_timepoint_get_label (timepoint);
  g_autofree char *key = g_strconcat ("completed:", code, NULL);
  g_autofree char *side_key = g_strconcat ("not-completed:", code, NULL);
  /* Translators: a box in the participant flow, e.g. "Completed T2 · After workshop". */
  g_autofree char *title = g_strdup_printf (C_("participant flow", "Completed %s · %s"), code,
                                            label != NULL ? label : "");
  /* Translators: the box beside "Completed T2 · …" in the participant flow. */
  g_autofree char *side_title = g_strdup_printf (_("Did not complete %s"), code);
  TrellisFlowStep *step = trellis_participant_flow_add_step (flow, FALSE, key, title, side_key, side_title);

  add_not_completed_reasons (step->side, flow->n_cohorts);
  return step;
}

/* Each timepoint among the consented: completed, or the reason it was not. */
static void
count_timepoints (TrellisParticipantFlow *flow,
                  FlowReading            *reading)
{
  guint n_rows = trellis_visit_table_get_n_rows (reading->table);
  guint n_timepoints = trellis_visit_table_get_n_timepoints (reading->table);

  for (guint t = 0; t < n_timepoints; t++)
    {
      TrellisFlowStep *step = add_timepoint_step (flow, trellis_visit_table_get_timepoint (reading->table, t));

      for (guint r = 0; r < n_rows; r++)
        {
          TrellisVisitStatus status = trellis_visit_table_get_slot (reading->table, r, t)->status;
          guint cohort = trellis_flow_cohort_of (reading, r);
          guint reason;

          if (reading->consent[r] != CONSENT_TAKES_PART)
            continue;
          if (status == TRELLIS_VISIT_COMPLETED)
            {
              trellis_flow_count_add (&step->main->total, cohort, 1);
              continue;
            }
          reason = not_completed_reason (reading, r, t, status);
          trellis_flow_count_add (&step->side->total, cohort, 1);
          trellis_flow_count_add (&g_array_index (step->side->reasons, TrellisFlowCount, reason), cohort, 1);
        }
    }
}

static gboolean
completed_all (FlowReading *reading,
               guint        r)
{
  guint n_timepoints = trellis_visit_table_get_n_timepoints (reading->table);

  for (guint t = 0; t < n_timepoints; t++)
    if (trellis_visit_table_get_slot (reading->table, r, t)->status != TRELLIS_VISIT_COMPLETED)
      return FALSE;
  return n_timepoints > 0;
}

static TrellisFlowStep *
add_analysed_step (TrellisParticipantFlow *flow,
                   FlowReading            *reading)
{
  TrellisFlowStep *step = trellis_participant_flow_add_step (flow, FALSE, "analysed",
                                                             _("Analysed (mixed model, all available data)"),
                                                             "not-analysed", _("Not analysed"));

  for (guint i = 0; i < reading->instrument_codes->len; i++)
    {
      g_autofree char *key = g_strconcat ("instrument:", (char *) reading->instrument_codes->pdata[i], NULL);

      trellis_flow_box_add_reason (step->main, flow->n_cohorts, key, reading->instrument_labels->pdata[i])->subset =
        TRUE;
    }
  trellis_flow_box_add_reason (step->main, flow->n_cohorts, "all-timepoints", _("Completed every timepoint"))->subset =
    TRUE;
  trellis_flow_box_add_reason (step->side, flow->n_cohorts, "data-destroyed", _("Data destroyed on request"));
  trellis_flow_box_add_reason (step->side, flow->n_cohorts, "no-score", _("No score recorded"));
  return step;
}

/* Analysed: the consented with a score of any instrument read. */
static void
count_analysed (TrellisParticipantFlow *flow,
                FlowReading            *reading)
{
  TrellisFlowStep *step = add_analysed_step (flow, reading);
  guint n_rows = trellis_visit_table_get_n_rows (reading->table);
  guint n_instruments = reading->instrument_ids->len;
  GArray *lines = step->main->reasons;

  for (guint r = 0; r < n_rows; r++)
    {
      guint cohort = trellis_flow_cohort_of (reading, r);
      gboolean any = FALSE;

      if (reading->consent[r] != CONSENT_TAKES_PART)
        continue;
      for (guint i = 0; i < n_instruments; i++)
        if (reading->scored[(gsize) r * n_instruments + i])
          {
            trellis_flow_count_add (&g_array_index (lines, TrellisFlowCount, i), cohort, 1);
            any = TRUE;
          }
      if (any)
        {
          trellis_flow_count_add (&step->main->total, cohort, 1);
          if (completed_all (reading, r))
            trellis_flow_count_add (&g_array_index (lines, TrellisFlowCount, n_instruments), cohort, 1);
          continue;
        }
      trellis_flow_count_add (&step->side->total, cohort, 1);
      trellis_flow_count_add (&g_array_index (step->side->reasons, TrellisFlowCount,
                                              reading->withdrawal[r] == TRELLIS_WITHDRAWAL_DATA_DESTRUCTION ? 0 : 1),
                              cohort, 1);
    }
}

void
trellis_flow_count_main (TrellisParticipantFlow *flow,
                         FlowReading            *reading)
{
  count_recruitment (flow, reading);
  count_timepoints (flow, reading);
  count_analysed (flow, reading);
}
