/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "trellis-schedule.h"
#include "trellis-timepoint-plan.h"

G_BEGIN_DECLS

/* How far a participant must have come at the rule's timepoint. */
typedef enum
{
  TRELLIS_REACHED_COMPLETED,          /* the timepoint's questionnaires are in */
  TRELLIS_REACHED_COMPLETED_OR_DUE,   /* in, or its window is open today */
} TrellisReachedCondition;

/* Who may be drawn for an interview, stored with every draw. Always:
 * consented to interview, not withdrawn, not drawn before; plus consented
 * to video recording when the interviews are recorded, and the timepoint
 * condition. A plain value: copy it by assignment. */
typedef struct
{
  char                    timepoint[TRELLIS_PLAN_CODE_MAX + 1];   /* e.g. "T4" */
  TrellisReachedCondition reached;
  gboolean                recorded;   /* interviews are video-recorded */
} TrellisInterviewEligibility;

/* What the rule looks at for one participant. Consent flags are TRUE only
 * when the participant's latest consent answered yes to that clause (the
 * clause keys "interview" and "video"); a clause not asked counts as no. */
typedef struct
{
  gboolean           interview_consent;
  gboolean           video_consent;
  gboolean           withdrawn;
  TrellisVisitStatus timepoint_status;   /* the rule's timepoint, as the schedule places it today */
  gboolean           already_drawn;
} TrellisInterviewCandidate;

/* Why someone is not eligible, in the order the rule checks. */
typedef enum
{
  TRELLIS_INTERVIEW_ELIGIBLE,
  TRELLIS_INTERVIEW_INELIGIBLE_WITHDRAWN,
  TRELLIS_INTERVIEW_INELIGIBLE_ALREADY_DRAWN,
  TRELLIS_INTERVIEW_INELIGIBLE_NO_INTERVIEW_CONSENT,
  TRELLIS_INTERVIEW_INELIGIBLE_NO_VIDEO_CONSENT,
  TRELLIS_INTERVIEW_INELIGIBLE_TIMEPOINT,
} TrellisInterviewIneligible;

gboolean                    trellis_interview_eligibility_init      (TrellisInterviewEligibility       *rule,
                                                                     const char                        *timepoint,
                                                                     TrellisReachedCondition            reached,
                                                                     gboolean                           recorded,
                                                                     GError                           **error);
gboolean                    trellis_interview_eligibility_equal     (const TrellisInterviewEligibility *a,
                                                                     const TrellisInterviewEligibility *b);
char                       *trellis_interview_eligibility_to_string (const TrellisInterviewEligibility *rule);
gboolean                    trellis_interview_eligibility_parse     (const char                        *text,
                                                                     TrellisInterviewEligibility       *rule,
                                                                     GError                           **error);
char                       *trellis_interview_eligibility_describe  (const TrellisInterviewEligibility *rule);
TrellisInterviewIneligible  trellis_interview_eligibility_decide    (const TrellisInterviewEligibility *rule,
                                                                     const TrellisInterviewCandidate   *candidate);
char                       *trellis_interview_ineligible_describe   (TrellisInterviewIneligible         reason,
                                                                     const TrellisInterviewEligibility *rule);

G_END_DECLS
