/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-domain-error.h"
#include "trellis-interview-draw-check.h"

static void
set_differs (TrellisDrawCheck      *check,
             guint                  index,
             TrellisInterviewDraw  *draw,
             const TrellisDrawPick *pick)
{
  check->verdict = TRELLIS_DRAW_CHECK_PICK_DIFFERS;
  check->index = index;
  if (pick != NULL)
    {
      check->expected_cohort = g_strdup (trellis_interview_draw_get_cohort_name (draw, pick->cohort));
      check->expected_code = g_strdup (pick->code);
    }
}

static gboolean
same_pick (TrellisInterviewDraw    *draw,
           const TrellisDrawPick   *pick,
           const TrellisDrawRecord *record)
{
  return g_strcmp0 (trellis_interview_draw_get_cohort_name (draw, pick->cohort), record->cohort) == 0 &&
         g_strcmp0 (pick->code, record->code) == 0;
}

static guint
find_cohort (TrellisInterviewDraw *draw,
             const char           *name)
{
  for (guint i = 0; i < trellis_interview_draw_get_n_cohorts (draw); i++)
    if (g_strcmp0 (trellis_interview_draw_get_cohort_name (draw, i), name) == 0)
      return i;
  return G_MAXUINT;
}

/* Compares the picks the quotas call for; TRUE while they all match. A
 * record that stops early shows what the next pick would have been. */
static gboolean
compare_quota_picks (TrellisInterviewDraw    *draw,
                     const TrellisDrawRecord *records,
                     guint                    n_records,
                     TrellisDrawCheck        *check)
{
  for (guint index = 0; index < trellis_interview_draw_get_n_picks (draw); index++)
    {
      const TrellisDrawPick *pick = trellis_interview_draw_get_pick (draw, index);

      if (index >= n_records || !same_pick (draw, pick, &records[index]))
        {
          set_differs (check, index, draw, pick);
          if (index >= n_records)
            check->verdict = TRELLIS_DRAW_CHECK_TOO_FEW_PICKS;
          return FALSE;
        }
    }
  return TRUE;
}

/* Replays the record's replacements, each from the cohort the record names,
 * and compares them. A cohort the draw does not know, or one with no one
 * left, cannot have produced that pick: it differs, with no one expected. */
static void
compare_replacements (TrellisInterviewDraw    *draw,
                      const TrellisDrawRecord *records,
                      guint                    n_records,
                      TrellisDrawCheck        *check)
{
  for (guint index = trellis_interview_draw_get_n_picks (draw); index < n_records; index++)
    {
      guint cohort = find_cohort (draw, records[index].cohort);
      const TrellisDrawPick *pick = NULL;

      if (cohort != G_MAXUINT && trellis_interview_draw_get_n_left (draw, cohort) > 0)
        pick = trellis_interview_draw_replace (draw, cohort, NULL);
      if (pick == NULL || !same_pick (draw, pick, &records[index]))
        {
          set_differs (check, index, draw, pick);
          return;
        }
    }
}

/* Fills @check, or returns FALSE when the draw cannot be made again at all:
 * another algorithm, or lists the draw refuses. */
gboolean
trellis_interview_draw_verify (const char               *algorithm,
                               guint64                   seed,
                               const TrellisDrawCohort  *cohorts,
                               guint                     n_cohorts,
                               const guint              *quotas,
                               const char               *recorded_hash,
                               const TrellisDrawRecord  *records,
                               guint                     n_records,
                               TrellisDrawCheck         *check,
                               GError                  **error)
{
  g_autoptr(TrellisInterviewDraw) draw = NULL;

  g_return_val_if_fail (algorithm != NULL, FALSE);
  g_return_val_if_fail (records != NULL || n_records == 0, FALSE);
  g_return_val_if_fail (check != NULL, FALSE);

  *check = (TrellisDrawCheck) { TRELLIS_DRAW_CHECK_MATCHES, 0, 0, NULL, NULL };
  if (g_strcmp0 (algorithm, TRELLIS_INTERVIEW_DRAW_ALGORITHM) != 0)
    {
      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                   _("The draw was made with the algorithm ‘%s’, which this version of Trellis does not know"),
                   algorithm);
      return FALSE;
    }
  draw = trellis_interview_draw_new (seed, cohorts, n_cohorts, quotas, error);
  if (draw == NULL)
    return FALSE;

  check->n_expected = trellis_interview_draw_get_n_picks (draw);
  if (recorded_hash != NULL)
    {
      g_autofree char *hash = trellis_interview_eligible_hash (cohorts, n_cohorts);

      if (g_ascii_strcasecmp (hash, recorded_hash) != 0)
        {
          check->verdict = TRELLIS_DRAW_CHECK_LIST_CHANGED;
          return TRUE;
        }
    }

  if (compare_quota_picks (draw, records, n_records, check))
    compare_replacements (draw, records, n_records, check);
  return TRUE;
}

/* A sentence for the person checking the draw. Pick numbers count from 1. */
char *
trellis_draw_check_describe (const TrellisDrawCheck  *check,
                             const TrellisDrawRecord *records,
                             guint                    n_records)
{
  const TrellisDrawRecord *recorded;

  g_return_val_if_fail (check != NULL, NULL);

  switch (check->verdict)
    {
    case TRELLIS_DRAW_CHECK_MATCHES:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Making the draw again gives the same pick",
                                           "Making the draw again gives the same %u picks",
                                           n_records),
                              n_records);
    case TRELLIS_DRAW_CHECK_LIST_CHANGED:
      return g_strdup (_("The eligible lists are not the ones the draw was made from: their fingerprint differs"));
    case TRELLIS_DRAW_CHECK_TOO_FEW_PICKS:
      return g_strdup_printf (_("The record has %u picks, but the quotas call for %u"),
                              n_records, check->n_expected);
    case TRELLIS_DRAW_CHECK_PICK_DIFFERS:
    default:
      break;
    }

  g_return_val_if_fail (check->index < n_records, NULL);
  recorded = &records[check->index];
  if (check->expected_code == NULL)
    return g_strdup_printf (_("Pick %u differs: the record has %s (%s), but making the draw again gives no one there"),
                            check->index + 1, recorded->code, recorded->cohort);
  return g_strdup_printf (_("Pick %u differs: the record has %s (%s), but making the draw again gives %s (%s)"),
                          check->index + 1, recorded->code, recorded->cohort,
                          check->expected_code, check->expected_cohort);
}

void
trellis_draw_check_clear (TrellisDrawCheck *check)
{
  g_return_if_fail (check != NULL);

  g_clear_pointer (&check->expected_cohort, g_free);
  g_clear_pointer (&check->expected_code, g_free);
}
