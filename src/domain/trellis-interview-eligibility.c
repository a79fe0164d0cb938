/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "trellis-domain-error.h"
#include "trellis-interview-eligibility.h"

/* The stored form, e.g. "rule=1;timepoint=T4;reached=completed-or-due;video=yes".
 * "rule=1" stands for the parts every rule has (interview consent, not
 * withdrawn, not drawn before), so a later rule with other fixed parts can say
 * "rule=2" and an old file still reads as what it meant. Timepoint codes are
 * letters, digits, "-" and "_", so ";" and "=" cannot occur inside a value. */
#define RULE_VERSION "1"

static const char *reached_words[] = {
  [TRELLIS_REACHED_COMPLETED] = "completed",
  [TRELLIS_REACHED_COMPLETED_OR_DUE] = "completed-or-due",
};

/* The same rule as the timepoint plan's codes, so any timepoint of a study
 * can be named and nothing else. */
static gboolean
check_timepoint (const char  *code,
                 GError     **error)
{
  gboolean valid = code != NULL && code[0] != '\0' && strlen (code) <= TRELLIS_PLAN_CODE_MAX;

  for (const char *p = code; valid && *p != '\0'; p++)
    valid = g_ascii_isalnum (*p) || *p == '-' || *p == '_';
  if (!valid)
    {
      g_autofree char *shown = g_utf8_make_valid (code != NULL ? code : "", -1);

      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                   _("‘%s’ is not a timepoint code (letters, digits, “-” and “_”, at most %d)"),
                   shown, TRELLIS_PLAN_CODE_MAX);
      return FALSE;
    }
  return TRUE;
}

gboolean
trellis_interview_eligibility_init (TrellisInterviewEligibility  *rule,
                                    const char                   *timepoint,
                                    TrellisReachedCondition       reached,
                                    gboolean                      recorded,
                                    GError                      **error)
{
  g_return_val_if_fail (rule != NULL, FALSE);
  g_return_val_if_fail ((guint) reached < G_N_ELEMENTS (reached_words), FALSE);

  if (!check_timepoint (timepoint, error))
    return FALSE;
  memset (rule, 0, sizeof *rule);
  g_strlcpy (rule->timepoint, timepoint, sizeof rule->timepoint);
  rule->reached = reached;
  rule->recorded = recorded != FALSE;
  return TRUE;
}

gboolean
trellis_interview_eligibility_equal (const TrellisInterviewEligibility *a,
                                     const TrellisInterviewEligibility *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return strcmp (a->timepoint, b->timepoint) == 0 && a->reached == b->reached &&
         (a->recorded != FALSE) == (b->recorded != FALSE);
}

char *
trellis_interview_eligibility_to_string (const TrellisInterviewEligibility *rule)
{
  g_return_val_if_fail (rule != NULL, NULL);
  g_return_val_if_fail ((guint) rule->reached < G_N_ELEMENTS (reached_words), NULL);

  return g_strdup_printf ("rule=%s;timepoint=%s;reached=%s;video=%s", RULE_VERSION,
                          rule->timepoint, reached_words[rule->reached], rule->recorded ? "yes" : "no");
}

/* The value of one "key=value" field, refused with the whole text named. */
static gboolean
read_field (const char  *text,
            const char  *field,
            const char  *key,
            const char **value,
            GError     **error)
{
  gsize key_length = strlen (key);

  if (strncmp (field, key, key_length) != 0 || field[key_length] != '=')
    {
      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                   _("Interview eligibility rule ‘%s’: expected ‘%s=…’ where it has ‘%s’"),
                   text, key, field);
      return FALSE;
    }
  *value = field + key_length + 1;
  return TRUE;
}

static gboolean
refuse_value (const char  *text,
              const char  *key,
              const char  *value,
              const char  *allowed,
              GError     **error)
{
  g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
               _("Interview eligibility rule ‘%s’: ‘%s’ must be %s, not ‘%s’"),
               text, key, allowed, value);
  return FALSE;
}

/* Strict: the fields in the order to_string writes them, each once. A rule
 * decides who may be drawn, so a text that might mean something else is
 * refused instead of guessed at. */
gboolean
trellis_interview_eligibility_parse (const char                   *text,
                                     TrellisInterviewEligibility  *rule,
                                     GError                      **error)
{
  g_autofree char *shown = NULL;
  g_auto(GStrv) fields = NULL;
  const char *version, *timepoint, *reached, *video;
  TrellisReachedCondition condition;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (rule != NULL, FALSE);

  shown = g_utf8_make_valid (text, -1);
  fields = g_strsplit (shown, ";", -1);
  if (g_strv_length (fields) != 4)
    {
      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                   _("Interview eligibility rule ‘%s’: expected four fields: rule, timepoint, reached, video"),
                   shown);
      return FALSE;
    }
  if (!read_field (shown, fields[0], "rule", &version, error) ||
      !read_field (shown, fields[1], "timepoint", &timepoint, error) ||
      !read_field (shown, fields[2], "reached", &reached, error) ||
      !read_field (shown, fields[3], "video", &video, error))
    return FALSE;

  if (strcmp (version, RULE_VERSION) != 0)
    return refuse_value (shown, "rule", version, "‘1’", error);
  if (strcmp (reached, reached_words[TRELLIS_REACHED_COMPLETED]) == 0)
    condition = TRELLIS_REACHED_COMPLETED;
  else if (strcmp (reached, reached_words[TRELLIS_REACHED_COMPLETED_OR_DUE]) == 0)
    condition = TRELLIS_REACHED_COMPLETED_OR_DUE;
  else
    return refuse_value (shown, "reached", reached, "‘completed’ or ‘completed-or-due’", error);
  if (strcmp (video, "yes") != 0 && strcmp (video, "no") != 0)
    return refuse_value (shown, "video", video, "‘yes’ or ‘no’", error);

  if (!trellis_interview_eligibility_init (rule, timepoint, condition, strcmp (video, "yes") == 0, error))
    {
      g_prefix_error (error, _("Interview eligibility rule ‘%s’: "), shown);
      return FALSE;
    }
  return TRUE;
}

/* Whole sentences, one per combination, so translators never assemble one
 * from pieces. */
char *
trellis_interview_eligibility_describe (const TrellisInterviewEligibility *rule)
{
  gboolean or_due;

  g_return_val_if_fail (rule != NULL, NULL);

  or_due = rule->reached == TRELLIS_REACHED_COMPLETED_OR_DUE;
  if (rule->recorded)
    return g_strdup_printf (or_due
                              ? _("Consented to interview and video recording, not withdrawn, %s completed or due, not drawn before")
                              : _("Consented to interview and video recording, not withdrawn, %s completed, not drawn before"),
                            rule->timepoint);
  return g_strdup_printf (or_due
                            ? _("Consented to interview, not withdrawn, %s completed or due, not drawn before")
                            : _("Consented to interview, not withdrawn, %s completed, not drawn before"),
                          rule->timepoint);
}

/* "Due" is the timepoint's window open today. Overdue does not count: the
 * window has closed without the questionnaires, which in these studies
 * mostly means the person has dropped out, and an interview then would also
 * fall outside the weeks the timepoint stands for. */
static gboolean
timepoint_reached (const TrellisInterviewEligibility *rule,
                   TrellisVisitStatus                 status)
{
  if (status == TRELLIS_VISIT_COMPLETED)
    return TRUE;
  return rule->reached == TRELLIS_REACHED_COMPLETED_OR_DUE && status == TRELLIS_VISIT_DUE;
}

/* The first reason that applies, lasting reasons first: a withdrawal or an
 * earlier draw will not change, consent might (a new consent form), and the
 * timepoint will with time. So the reason shown is the one that matters most. */
TrellisInterviewIneligible
trellis_interview_eligibility_decide (const TrellisInterviewEligibility *rule,
                                      const TrellisInterviewCandidate   *candidate)
{
  g_return_val_if_fail (rule != NULL, TRELLIS_INTERVIEW_INELIGIBLE_TIMEPOINT);
  g_return_val_if_fail (candidate != NULL, TRELLIS_INTERVIEW_INELIGIBLE_TIMEPOINT);

  if (candidate->withdrawn)
    return TRELLIS_INTERVIEW_INELIGIBLE_WITHDRAWN;
  if (candidate->already_drawn)
    return TRELLIS_INTERVIEW_INELIGIBLE_ALREADY_DRAWN;
  if (!candidate->interview_consent)
    return TRELLIS_INTERVIEW_INELIGIBLE_NO_INTERVIEW_CONSENT;
  if (rule->recorded && !candidate->video_consent)
    return TRELLIS_INTERVIEW_INELIGIBLE_NO_VIDEO_CONSENT;
  if (!timepoint_reached (rule, candidate->timepoint_status))
    return TRELLIS_INTERVIEW_INELIGIBLE_TIMEPOINT;
  return TRELLIS_INTERVIEW_ELIGIBLE;
}

char *
trellis_interview_ineligible_describe (TrellisInterviewIneligible         reason,
                                       const TrellisInterviewEligibility *rule)
{
  g_return_val_if_fail (rule != NULL, NULL);

  switch (reason)
    {
    case TRELLIS_INTERVIEW_ELIGIBLE:
      return g_strdup (_("Eligible"));
    case TRELLIS_INTERVIEW_INELIGIBLE_WITHDRAWN:
      return g_strdup (_("Withdrawn"));
    case TRELLIS_INTERVIEW_INELIGIBLE_ALREADY_DRAWN:
      return g_strdup (_("Drawn before"));
    case TRELLIS_INTERVIEW_INELIGIBLE_NO_INTERVIEW_CONSENT:
      return g_strdup (_("Has not consented to interview"));
    case TRELLIS_INTERVIEW_INELIGIBLE_NO_VIDEO_CONSENT:
      return g_strdup (_("Has not consented to video recording"));
    case TRELLIS_INTERVIEW_INELIGIBLE_TIMEPOINT:
      return g_strdup_printf (rule->reached == TRELLIS_REACHED_COMPLETED_OR_DUE
                                ? _("%s neither completed nor due")
                                : _("%s not completed"),
                              rule->timepoint);
    default:
      g_return_val_if_reached (NULL);
    }
}
