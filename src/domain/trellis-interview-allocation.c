/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-domain-error.h"
#include "trellis-interview-allocation.h"

static guint64
sum_eligible (const guint *eligible,
              guint        n_cohorts)
{
  guint64 sum = 0;

  for (guint i = 0; i < n_cohorts; i++)
    sum += eligible[i];
  return sum;
}

/* The same two refusals for computed and typed quotas, so a person reads the
 * same sentence whichever way they chose. */
static gboolean
check_total (guint64   n_eligible,
             guint     total,
             GError  **error)
{
  if (total == 0)
    {
      g_set_error_literal (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                           _("Choose how many people to interview: at least one"));
      return FALSE;
    }
  /* Here n_eligible < total ≤ G_MAXUINT, so it fits the message's %u. */
  if (total > n_eligible)
    {
      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "Cannot draw %u interviewees: only %u person is eligible",
                                "Cannot draw %u interviewees: only %u people are eligible",
                                (gulong) n_eligible),
                   total, (guint) n_eligible);
      return FALSE;
    }
  return TRUE;
}

/* Whether cohort @a goes before cohort @b for the next spare place (step 2):
 * the larger remainder, then the larger cohort, then the earlier one. */
static gboolean
gets_place_before (const guint64 *remainder,
                   const guint   *eligible,
                   guint          a,
                   guint          b)
{
  if (remainder[a] != remainder[b])
    return remainder[a] > remainder[b];
  if (eligible[a] != eligible[b])
    return eligible[a] > eligible[b];
  return a < b;
}

/* Steps 1 and 2 of the header's algorithm. Each cohort gets at most one spare
 * place, so after one is given its remainder is cleared. */
static void
allocate_largest_remainder (const guint *eligible,
                            guint        n_cohorts,
                            guint        total,
                            guint64      n_eligible,
                            guint       *quotas)
{
  g_autofree guint64 *remainder = g_new0 (guint64, n_cohorts);
  guint given = 0;

  for (guint i = 0; i < n_cohorts; i++)
    {
      guint64 scaled = (guint64) total * eligible[i];

      quotas[i] = (guint) (scaled / n_eligible);
      remainder[i] = scaled % n_eligible;
      given += quotas[i];
    }

  for (; given < total; given++)
    {
      guint best = G_MAXUINT;

      for (guint i = 0; i < n_cohorts; i++)
        if (remainder[i] > 0 && (best == G_MAXUINT || gets_place_before (remainder, eligible, i, best)))
          best = i;
      g_assert (best != G_MAXUINT);
      quotas[best]++;
      remainder[best] = 0;
    }
}

/* The donor for step 3: the cohort with two or more places that is left
 * closest to its share after giving one, i.e. the smallest
 * T·e_j − (q_j − 1)·E; ties to the larger cohort, then the earlier one. */
static guint
find_donor (const guint *eligible,
            const guint *quotas,
            guint        n_cohorts,
            guint        total,
            guint64      n_eligible)
{
  guint best = G_MAXUINT;
  gint64 best_gap = 0;

  for (guint j = 0; j < n_cohorts; j++)
    {
      gint64 gap;

      if (quotas[j] < 2)
        continue;
      gap = (gint64) ((guint64) total * eligible[j]) - (gint64) (quotas[j] - 1) * (gint64) n_eligible;
      if (best == G_MAXUINT || gap < best_gap ||
          (gap == best_gap && eligible[j] > eligible[best]))
        {
          best = j;
          best_gap = gap;
        }
    }
  return best;
}

/* Step 4: fewer places than cohorts with anyone eligible, so the biggest
 * cohorts get one each. Selection by repeated scan keeps it obviously
 * deterministic; the cohort counts are small. */
static void
allocate_one_to_largest (const guint *eligible,
                         guint        n_cohorts,
                         guint        total,
                         guint       *quotas)
{
  for (guint i = 0; i < n_cohorts; i++)
    quotas[i] = 0;

  for (guint given = 0; given < total; given++)
    {
      guint best = G_MAXUINT;

      for (guint i = 0; i < n_cohorts; i++)
        if (quotas[i] == 0 && eligible[i] > 0 &&
            (best == G_MAXUINT || eligible[i] > eligible[best]))
          best = i;
      quotas[best] = 1;
    }
}

gboolean
trellis_interview_allocate (const guint  *eligible,
                            guint         n_cohorts,
                            guint         total,
                            guint        *quotas,
                            GError      **error)
{
  guint64 n_eligible;
  guint n_nonempty = 0;

  g_return_val_if_fail (eligible != NULL || n_cohorts == 0, FALSE);
  g_return_val_if_fail (quotas != NULL || n_cohorts == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  n_eligible = sum_eligible (eligible, n_cohorts);
  if (!check_total (n_eligible, total, error))
    return FALSE;

  for (guint i = 0; i < n_cohorts; i++)
    n_nonempty += eligible[i] > 0;
  if (total < n_nonempty)
    {
      allocate_one_to_largest (eligible, n_cohorts, total, quotas);
      return TRUE;
    }

  allocate_largest_remainder (eligible, n_cohorts, total, n_eligible, quotas);
  for (guint i = 0; i < n_cohorts; i++)
    if (eligible[i] > 0 && quotas[i] == 0)
      {
        guint donor = find_donor (eligible, quotas, n_cohorts, total, n_eligible);

        /* The header explains why a donor exists whenever total ≥ m. */
        g_assert (donor != G_MAXUINT);
        quotas[donor]--;
        quotas[i] = 1;
      }
  return TRUE;
}

gboolean
trellis_interview_allocation_check (const char * const  *names,
                                    const guint         *eligible,
                                    const guint         *quotas,
                                    guint                n_cohorts,
                                    guint                total,
                                    GError             **error)
{
  guint64 sum = 0;

  g_return_val_if_fail (names != NULL || n_cohorts == 0, FALSE);
  g_return_val_if_fail (eligible != NULL || n_cohorts == 0, FALSE);
  g_return_val_if_fail (quotas != NULL || n_cohorts == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_total (sum_eligible (eligible, n_cohorts), total, error))
    return FALSE;

  for (guint i = 0; i < n_cohorts; i++)
    {
      if (quotas[i] > eligible[i])
        {
          g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "%s: a quota of %u is more than the %u person eligible",
                                    "%s: a quota of %u is more than the %u people eligible",
                                    eligible[i]),
                       names[i], quotas[i], eligible[i]);
          return FALSE;
        }
      sum += quotas[i];
    }

  if (sum != total)
    {
      /* xgettext cannot read G_GUINT64_FORMAT inside a message. */
      g_autofree char *shown = g_strdup_printf ("%" G_GUINT64_FORMAT, sum);

      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                   _("The quotas add up to %s, not to the %u interviewees to draw"),
                   shown, total);
      return FALSE;
    }
  return TRUE;
}
