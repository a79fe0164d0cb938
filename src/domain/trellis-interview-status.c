/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-domain-error.h"
#include "trellis-interview-status.h"

/* One table keeps the stored word, the label and the allowed next statuses
 * side by side, so adding a status cannot forget one of them. */
typedef struct
{
  const char *word;
  const char *label;
  guint       next;   /* bit set of the statuses this one may move to */
} StatusInfo;

#define TO(status) (1u << (status))

static const StatusInfo statuses[] = {
  [TRELLIS_INTERVIEW_INVITED] = { "invited", N_("Invited"),
                                  TO (TRELLIS_INTERVIEW_SCHEDULED) | TO (TRELLIS_INTERVIEW_DECLINED) },
  [TRELLIS_INTERVIEW_SCHEDULED] = { "scheduled", N_("Scheduled"),
                                    TO (TRELLIS_INTERVIEW_DONE) | TO (TRELLIS_INTERVIEW_DID_NOT_ATTEND) |
                                    TO (TRELLIS_INTERVIEW_DECLINED) },
  [TRELLIS_INTERVIEW_DONE] = { "done", N_("Done"), TO (TRELLIS_INTERVIEW_TRANSCRIBED) },
  [TRELLIS_INTERVIEW_TRANSCRIBED] = { "transcribed", N_("Transcribed"), TO (TRELLIS_INTERVIEW_ANONYMISED) },
  [TRELLIS_INTERVIEW_ANONYMISED] = { "anonymised", N_("Anonymised"), TO (TRELLIS_INTERVIEW_CODED) },
  [TRELLIS_INTERVIEW_CODED] = { "coded", N_("Coded"), 0 },
  [TRELLIS_INTERVIEW_DECLINED] = { "declined", N_("Declined"), 0 },
  [TRELLIS_INTERVIEW_DID_NOT_ATTEND] = { "did-not-attend", N_("Did not attend"), 0 },
};

G_STATIC_ASSERT (G_N_ELEMENTS (statuses) == TRELLIS_N_INTERVIEW_STATUSES);

#define VALID(status) ((guint) (status) < G_N_ELEMENTS (statuses))

/* The word stored in study files: stable across releases and languages. */
const char *
trellis_interview_status_to_string (TrellisInterviewStatus status)
{
  g_return_val_if_fail (VALID (status), NULL);

  return statuses[status].word;
}

/* Exact match only: these words come from our own files, so anything else
 * means a damaged file, not a spelling to guess at. */
gboolean
trellis_interview_status_from_string (const char              *text,
                                      TrellisInterviewStatus  *status,
                                      GError                 **error)
{
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (status != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    if (g_str_equal (statuses[i].word, text))
      {
        *status = (TrellisInterviewStatus) i;
        return TRUE;
      }

  {
    g_autofree char *shown = g_utf8_make_valid (text, -1);

    g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                 _("‘%s’ is not an interview status"), shown);
  }
  return FALSE;
}

const char *
trellis_interview_status_to_label (TrellisInterviewStatus status)
{
  g_return_val_if_fail (VALID (status), NULL);

  return _(statuses[status].label);
}

gboolean
trellis_interview_status_can_move (TrellisInterviewStatus from,
                                   TrellisInterviewStatus to)
{
  g_return_val_if_fail (VALID (from), FALSE);
  g_return_val_if_fail (VALID (to), FALSE);

  return (statuses[from].next & TO (to)) != 0;
}

/* The same rule with a sentence for the person who tried the move. */
gboolean
trellis_interview_status_check_move (TrellisInterviewStatus   from,
                                     TrellisInterviewStatus   to,
                                     GError                 **error)
{
  g_return_val_if_fail (VALID (from), FALSE);
  g_return_val_if_fail (VALID (to), FALSE);

  if (trellis_interview_status_can_move (from, to))
    return TRUE;
  if (trellis_interview_status_is_final (from))
    g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_ORDER,
                 _("An interview marked ‘%s’ cannot change status any more"),
                 trellis_interview_status_to_label (from));
  else
    g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_ORDER,
                 _("An interview cannot go from ‘%s’ to ‘%s’"),
                 trellis_interview_status_to_label (from), trellis_interview_status_to_label (to));
  return FALSE;
}

/* The statuses @from may move to, in the enum's order (the pipeline first,
 * then declined and did-not-attend), for a menu of next steps. */
guint
trellis_interview_status_next (TrellisInterviewStatus from,
                               TrellisInterviewStatus next[TRELLIS_N_INTERVIEW_STATUSES])
{
  guint n = 0;

  g_return_val_if_fail (VALID (from), 0);
  g_return_val_if_fail (next != NULL, 0);

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    if (statuses[from].next & TO (i))
      next[n++] = (TrellisInterviewStatus) i;
  return n;
}

gboolean
trellis_interview_status_is_final (TrellisInterviewStatus status)
{
  g_return_val_if_fail (VALID (status), TRUE);

  return statuses[status].next == 0;
}

/* The cohort's quota is one short when someone declines or does not attend,
 * so the team should draw a replacement from the same cohort. */
gboolean
trellis_interview_status_calls_for_replacement (TrellisInterviewStatus status)
{
  g_return_val_if_fail (VALID (status), FALSE);

  return status == TRELLIS_INTERVIEW_DECLINED || status == TRELLIS_INTERVIEW_DID_NOT_ATTEND;
}
