/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-domain-error.h"
#include "trellis-participant-status.h"

/* The status is derived, never typed in, so that it always agrees with the
 * consent, baseline and withdrawal records behind the flow diagram.
 * Precedence, strongest first:
 *  1. Withdrawn wins over everything: a withdrawal is the participant's own
 *     decision and limits what the team may do, even after the last timepoint.
 *  2. Completed wins over lost to follow-up: someone who reached the final
 *     timepoint has complete data, whatever a later "not reachable" note says.
 *  3. Lost to follow-up.
 *  4. Active: consented with a baseline date, so timepoints are running.
 *  5. Recruited: everyone else on the register, not yet started. */
TrellisParticipantStatus
trellis_participant_status_derive (const TrellisParticipantEvents *events)
{
  g_return_val_if_fail (events != NULL, TRELLIS_PARTICIPANT_STATUS_RECRUITED);

  if (events->withdrawn)
    return TRELLIS_PARTICIPANT_STATUS_WITHDRAWN;
  if (events->completed_final_timepoint)
    return TRELLIS_PARTICIPANT_STATUS_COMPLETED;
  if (events->lost_to_follow_up)
    return TRELLIS_PARTICIPANT_STATUS_LOST_TO_FOLLOW_UP;
  if (events->consented && events->has_baseline_date)
    return TRELLIS_PARTICIPANT_STATUS_ACTIVE;
  return TRELLIS_PARTICIPANT_STATUS_RECRUITED;
}

/* One table per enum keeps the label and the stored word side by side, so
 * adding a value cannot forget one of them. */
typedef struct
{
  const char *word;
  const char *label;
} Names;

static const Names status_names[] = {
  [TRELLIS_PARTICIPANT_STATUS_RECRUITED] = { "recruited", N_("Recruited") },
  [TRELLIS_PARTICIPANT_STATUS_ACTIVE] = { "active", N_("Active") },
  [TRELLIS_PARTICIPANT_STATUS_COMPLETED] = { "completed", N_("Completed") },
  [TRELLIS_PARTICIPANT_STATUS_WITHDRAWN] = { "withdrawn", N_("Withdrawn") },
  [TRELLIS_PARTICIPANT_STATUS_LOST_TO_FOLLOW_UP] = { "lost-to-follow-up", N_("Lost to follow-up") },
};

static const Names withdrawal_names[] = {
  [TRELLIS_WITHDRAWAL_NO_FURTHER_CONTACT] = { "no-further-contact", N_("No further contact") },
  [TRELLIS_WITHDRAWAL_NO_FURTHER_DATA] = { "no-further-data", N_("No further data") },
  [TRELLIS_WITHDRAWAL_DATA_DESTRUCTION] = { "data-destruction", N_("Data destruction requested") },
};

/* The index of @text among the stored words, or -1. Exact match only: these
 * words come from our own files, so anything else means a damaged file. */
static int
find_word (const Names *names,
           gsize        n_names,
           const char  *text)
{
  for (gsize i = 0; i < n_names; i++)
    if (g_strcmp0 (names[i].word, text) == 0)
      return (int) i;
  return -1;
}

const char *
trellis_participant_status_to_label (TrellisParticipantStatus status)
{
  g_return_val_if_fail ((guint) status < G_N_ELEMENTS (status_names), NULL);

  return _(status_names[status].label);
}

/* The word stored in study files: stable across releases and languages. */
const char *
trellis_participant_status_to_string (TrellisParticipantStatus status)
{
  g_return_val_if_fail ((guint) status < G_N_ELEMENTS (status_names), NULL);

  return status_names[status].word;
}

gboolean
trellis_participant_status_from_string (const char                *text,
                                        TrellisParticipantStatus  *out,
                                        GError                   **error)
{
  int index;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  index = find_word (status_names, G_N_ELEMENTS (status_names), text);
  if (index < 0)
    {
      g_autofree char *shown = g_utf8_make_valid (text, -1);

      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                   _("‘%s’ is not a participant status"), shown);
      return FALSE;
    }
  *out = (TrellisParticipantStatus) index;
  return TRUE;
}

const char *
trellis_withdrawal_type_to_label (TrellisWithdrawalType type)
{
  g_return_val_if_fail ((guint) type < G_N_ELEMENTS (withdrawal_names), NULL);

  return _(withdrawal_names[type].label);
}

const char *
trellis_withdrawal_type_to_string (TrellisWithdrawalType type)
{
  g_return_val_if_fail ((guint) type < G_N_ELEMENTS (withdrawal_names), NULL);

  return withdrawal_names[type].word;
}

gboolean
trellis_withdrawal_type_from_string (const char             *text,
                                     TrellisWithdrawalType  *out,
                                     GError                **error)
{
  int index;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  index = find_word (withdrawal_names, G_N_ELEMENTS (withdrawal_names), text);
  if (index < 0)
    {
      g_autofree char *shown = g_utf8_make_valid (text, -1);

      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                   _("‘%s’ is not a kind of withdrawal"), shown);
      return FALSE;
    }
  *out = (TrellisWithdrawalType) index;
  return TRUE;
}

/* What each kind of withdrawal allows, following usual UK research practice
 * (HRA guidance and the common participant-information wording):
 *  - No further contact: the team may keep and analyse data already given,
 *    but must not contact the participant. Every new questionnaire needs
 *    contact, so new data entry is blocked as well.
 *  - No further data: no new data is collected, but the team may still
 *    contact the participant, for example about safety or to close follow-up,
 *    so contact stays open.
 *  - Data destruction requested: no contact and no new data; the data held
 *    is to be destroyed where that is still possible. */
gboolean
trellis_withdrawal_blocks_data_entry (TrellisWithdrawalType type)
{
  g_return_val_if_fail ((guint) type < G_N_ELEMENTS (withdrawal_names), TRUE);

  return TRUE;
}

gboolean
trellis_withdrawal_blocks_contact (TrellisWithdrawalType type)
{
  g_return_val_if_fail ((guint) type < G_N_ELEMENTS (withdrawal_names), TRUE);

  return type != TRELLIS_WITHDRAWAL_NO_FURTHER_DATA;
}
