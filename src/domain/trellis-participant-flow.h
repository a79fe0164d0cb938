/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The participant flow of a study, CONSORT-style, as plain data: boxes with
 * counts, each count also per cohort, and the breakdown of each box into
 * reasons. Storage fills it in (trellis-participant-flow-read.h); the flow
 * diagram and `trellis-cli flow` show it.
 *
 * The main flow is a column of steps, each a main box (who goes on) and an
 * optional side box beside it (who does not, and why). The interview
 * sub-study, when the study has drawn interviewees, is a second column of
 * steps that branches off the main flow at interview_from.
 *
 * Keys are stable ASCII names for scripts and tests ("recruited",
 * "completed:T2", "missed"); labels are for people and translated. */

/* One number: a box's total or one of its reasons. A box's reasons split
 * its total, except those marked subset: "of whom" counts, such as those
 * analysed who completed every timepoint, which overlap the others. */
typedef struct
{
  char     *key;
  char     *label;
  guint     count;
  guint    *by_cohort;   /* n_cohorts counts that add up to count */
  gboolean  subset;
} TrellisFlowCount;

typedef struct
{
  TrellisFlowCount  total;
  GArray           *reasons;   /* TrellisFlowCount, in the order they are shown */
} TrellisFlowBox;

typedef struct
{
  TrellisFlowBox *main;
  TrellisFlowBox *side;        /* NULL when the step has none */
} TrellisFlowStep;

typedef struct
{
  guint       n_cohorts;
  char      **cohort_names;      /* NULL-terminated */
  guint32     today;             /* the Julian day the flow was counted on */
  GPtrArray  *steps;             /* TrellisFlowStep *, top to bottom */
  GPtrArray  *interview_steps;   /* TrellisFlowStep *; empty when nobody was drawn */
  guint       interview_from;    /* index into steps the sub-study branches off */
} TrellisParticipantFlow;

/* Passed as a cohort to count someone in the total only. */
#define TRELLIS_FLOW_NO_COHORT G_MAXUINT

TrellisParticipantFlow *trellis_participant_flow_new        (const char *const            *cohort_names);
void                    trellis_participant_flow_free       (TrellisParticipantFlow       *self);
TrellisFlowStep        *trellis_participant_flow_add_step   (TrellisParticipantFlow       *self,
                                                             gboolean                      interview,
                                                             const char                   *key,
                                                             const char                   *label,
                                                             const char                   *side_key,
                                                             const char                   *side_label);
TrellisFlowCount       *trellis_flow_box_add_reason         (TrellisFlowBox               *box,
                                                             guint                         n_cohorts,
                                                             const char                   *key,
                                                             const char                   *label);
void                    trellis_flow_count_add              (TrellisFlowCount             *count,
                                                             guint                         cohort,
                                                             guint                         n);
const TrellisFlowBox   *trellis_participant_flow_find_box   (const TrellisParticipantFlow *self,
                                                             const char                   *key);
const TrellisFlowCount *trellis_flow_box_find_reason        (const TrellisFlowBox         *box,
                                                             const char                   *key);
guint                   trellis_participant_flow_count      (const TrellisParticipantFlow *self,
                                                             const char                   *box_key,
                                                             const char                   *reason_key,
                                                             guint                         cohort);
gboolean                trellis_participant_flow_has_interviews (const TrellisParticipantFlow *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrellisParticipantFlow, trellis_participant_flow_free)

G_END_DECLS
