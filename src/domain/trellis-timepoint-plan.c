/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-domain-error.h"
#include "trellis-timepoint-plan.h"

/* The resilience-coaching design: questionnaires at baseline, in the week after
 * the workshop, in the two weeks after the one-to-one coaching call, and 4–6
 * weeks after baseline. T2 and T3 count from each participant's own workshop
 * and coaching dates, because sessions are booked person by person. */
static const TrellisTimepointDefault default_plan[] = {
  { "T1", "Baseline", 0, 0, 0, TRELLIS_ANCHOR_BASELINE },
  { "T2", "After workshop", 1, 0, 7, TRELLIS_ANCHOR_WORKSHOP },
  { "T3", "After coaching", 1, 0, 14, TRELLIS_ANCHOR_COACHING },
  { "T4", "Follow-up", 35, 28, 42, TRELLIS_ANCHOR_BASELINE },
};

const TrellisTimepointDefault *
trellis_timepoint_plan_defaults (guint *n_defaults)
{
  g_return_val_if_fail (n_defaults != NULL, NULL);

  *n_defaults = G_N_ELEMENTS (default_plan);
  return default_plan;
}

/* Codes are compared the way a person reads them: " t2 " and "T2" are one code. */
char *
trellis_timepoint_plan_normalize_code (const char *code)
{
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (code != NULL, NULL);

  stripped = g_strstrip (g_strdup (code));
  return g_utf8_strup (stripped, -1);
}

static gboolean
validate_code (const char  *code,
               GError     **error)
{
  if (code == NULL || *code == '\0')
    {
      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                   _("A timepoint needs a code, such as “T5”"));
      return FALSE;
    }

  if (strlen (code) > TRELLIS_PLAN_CODE_MAX)
    {
      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                   _("The code “%s” is too long (at most %d characters)"),
                   code, TRELLIS_PLAN_CODE_MAX);
      return FALSE;
    }

  for (const char *p = code; *p; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
        {
          g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                       _("The code “%s” may only contain letters, digits, “-” and “_”"),
                       code);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
validate_day (const char  *what,
              int          day,
              GError     **error)
{
  if (day >= TRELLIS_PLAN_FIRST_DAY && day <= TRELLIS_PLAN_LAST_DAY)
    return TRUE;

  g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
               /* Translators: the first %s is "Target day" or a similar field name. */
               _("%s %d is out of range (day %d to %d from baseline)"),
               what, day, TRELLIS_PLAN_FIRST_DAY, TRELLIS_PLAN_LAST_DAY);
  return FALSE;
}

static gboolean
validate_label (TrellisTimepoint  *timepoint,
                GError           **error)
{
  const char *label = trellis_timepoint_get_label (timepoint);

  if (label == NULL || *label == '\0')
    {
      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                   _("Timepoint %s needs a label, such as “After workshop”"),
                   trellis_timepoint_get_code (timepoint));
      return FALSE;
    }
  if (g_utf8_strlen (label, -1) > TRELLIS_PLAN_LABEL_MAX)
    {
      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                   _("The label of %s is too long (at most %d characters)"),
                   trellis_timepoint_get_code (timepoint), TRELLIS_PLAN_LABEL_MAX);
      return FALSE;
    }
  return TRUE;
}

/* The rules one timepoint must satisfy on its own; the code must already be normalised. */
gboolean
trellis_timepoint_plan_validate (TrellisTimepoint  *timepoint,
                                 GError           **error)
{
  int target, lo, hi;

  g_return_val_if_fail (TRELLIS_IS_TIMEPOINT (timepoint), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!validate_code (trellis_timepoint_get_code (timepoint), error) ||
      !validate_label (timepoint, error))
    return FALSE;

  target = trellis_timepoint_get_target_day (timepoint);
  lo = trellis_timepoint_get_window_min (timepoint);
  hi = trellis_timepoint_get_window_max (timepoint);
  if (!validate_day (_("Target day"), target, error) ||
      !validate_day (_("Window start"), lo, error) ||
      !validate_day (_("Window end"), hi, error))
    return FALSE;

  if (lo > target || target > hi)
    {
      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                   _("The window of %s (day %d to %d) must include its target day %d"),
                   trellis_timepoint_get_code (timepoint), lo, hi, target);
      return FALSE;
    }

  return TRUE;
}

/* The rules of the plan as a whole, with the timepoints in position order: every
 * one valid, codes unique, and target days never going back in time, because
 * analyses compare each timepoint with the ones before it. */
gboolean
trellis_timepoint_plan_check (TrellisTimepoint **plan,
                              guint              n_timepoints,
                              GError           **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (plan != NULL || n_timepoints == 0, FALSE);

  for (guint i = 0; i < n_timepoints; i++)
    {
      const char *code = trellis_timepoint_get_code (plan[i]);

      if (!trellis_timepoint_plan_validate (plan[i], error))
        return FALSE;

      if (!g_hash_table_add (seen, (gpointer) code))
        {
          g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_DUPLICATE,
                       _("The plan already has a timepoint with the code “%s”"), code);
          return FALSE;
        }

      if (i > 0 && trellis_timepoint_get_target_day (plan[i]) <
                   trellis_timepoint_get_target_day (plan[i - 1]))
        {
          g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_ORDER,
                       _("%s (day %d) would be due before %s (day %d), which comes ahead of it in the plan: each timepoint must be due no earlier than the one before it"),
                       code, trellis_timepoint_get_target_day (plan[i]),
                       trellis_timepoint_get_code (plan[i - 1]),
                       trellis_timepoint_get_target_day (plan[i - 1]));
          return FALSE;
        }
    }

  return TRUE;
}

/* A code for a timepoint a person is adding: "T<n>" for the first n past the
 * plan's length that is not taken, so with T1–T4 in the plan it is T5 even if
 * T3 was removed. */
char *
trellis_timepoint_plan_next_code (TrellisTimepoint **plan,
                                  guint              n_timepoints)
{
  for (guint n = n_timepoints + 1;; n++)
    {
      g_autofree char *code = g_strdup_printf ("T%u", n);
      gboolean used = FALSE;

      for (guint i = 0; i < n_timepoints && !used; i++)
        used = g_strcmp0 (trellis_timepoint_get_code (plan[i]), code) == 0;

      if (!used)
        return g_steal_pointer (&code);
    }
}
