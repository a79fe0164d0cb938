/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "trellis-results-sentence.h"

#define MINUS_SIGN "\u2212"
#define EN_DASH "\u2013"

/* Below this p a change is called significant. */
#define ALPHA 0.05

char *
trellis_format_number (double value,
                       int    decimals)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE], format[16];
  double rounded;

  if (!isfinite (value))
    return g_strdup ("NA");
  g_snprintf (format, sizeof format, "%%.%df", CLAMP (decimals, 0, 15));
  /* No "−0.00": a value that rounds to zero has no sign. */
  rounded = round (fabs (value) * pow (10, decimals));
  g_ascii_formatd (buffer, sizeof buffer, format, fabs (value));
  return g_strconcat (value < 0 && rounded > 0 ? MINUS_SIGN : "", buffer, NULL);
}

char *
trellis_format_p (double p)
{
  g_autofree char *digits = NULL;

  if (!isfinite (p))
    return g_strdup ("p = NA");
  if (p < 0.001)
    return g_strdup ("p < .001");
  if (round (p * 1000) >= 1000)
    return g_strdup ("p > .999");
  digits = trellis_format_number (p, 3);
  /* "0.043" → ".043" */
  return g_strconcat ("p = ", digits + 1, NULL);
}

char *
trellis_format_interval (double low,
                         double high)
{
  g_autofree char *a = trellis_format_number (low, 2);
  g_autofree char *b = trellis_format_number (high, 2);

  if (g_str_has_prefix (a, MINUS_SIGN) || g_str_has_prefix (b, MINUS_SIGN))
    return g_strdup_printf (_("%s to %s"), a, b);
  return g_strconcat (a, EN_DASH, b, NULL);
}

char *
trellis_format_cell_number (double      value,
                            int         decimals,
                            const char *missing)
{
  return isfinite (value) ? trellis_format_number (value, decimals) : g_strdup (missing);
}

char *
trellis_format_cell_interval (double      low,
                              double      high,
                              const char *missing)
{
  return isfinite (low) && isfinite (high) ? trellis_format_interval (low, high) : g_strdup (missing);
}

char *
trellis_format_cell_p (double      p,
                       const char *missing)
{
  g_autofree char *text = NULL;

  if (!isfinite (p))
    return g_strdup (missing);
  text = trellis_format_p (p);
  /* "p = .043" would repeat the column's heading: keep ".043" and "< .001". */
  return g_strdup (g_str_has_prefix (text, "p = ") ? text + 4 : text + 2);
}

/* "T2 (unadj. β = 2.43, 95% CI 2.08–2.79, d = 1.55, p < .001)" */
static char *
format_item (const TrellisResultsItem *item,
             TrellisEffectSizeKind     kind)
{
  g_autofree char *beta = trellis_format_number (item->effect->estimate, 2);
  g_autofree char *ci = trellis_format_interval (item->effect->ci_low, item->effect->ci_high);
  g_autofree char *d = trellis_format_number (item->d, 2);
  g_autofree char *p = trellis_format_p (item->effect->p);

  return g_strdup_printf (_("%s (unadj. β = %s, 95%% CI %s, %s = %s, %s)"),
                          item->timepoint, beta, ci, trellis_effect_size_kind_to_string (kind), d, p);
}

/* "A", "A and B", "A, B and C". */
static char *
join_list (GPtrArray *parts)
{
  GString *text = g_string_new (NULL);

  for (guint k = 0; k < parts->len; k++)
    {
      if (k > 0)
        g_string_append (text, k + 1 == parts->len ? _(" and ") : ", ");
      g_string_append (text, g_ptr_array_index (parts, k));
    }
  return g_string_free (text, FALSE);
}

char *
trellis_results_sentence (const char               *outcome,
                          const TrellisResultsItem *items,
                          guint                     n_items,
                          TrellisEffectSizeKind     kind)
{
  g_autoptr(GPtrArray) higher = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) lower = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) unchanged = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) missing = g_ptr_array_new ();
  g_autoptr(GPtrArray) clauses = g_ptr_array_new_with_free_func (g_free);
  GString *text;

  g_return_val_if_fail (outcome != NULL && (items != NULL || n_items == 0), NULL);

  for (guint k = 0; k < n_items; k++)
    {
      const TrellisFixedEffect *effect = items[k].effect;

      if (effect == NULL)
        g_ptr_array_add (missing, (gpointer) items[k].timepoint);
      else if (effect->p < ALPHA && effect->estimate > 0)
        g_ptr_array_add (higher, format_item (&items[k], kind));
      else if (effect->p < ALPHA && effect->estimate < 0)
        g_ptr_array_add (lower, format_item (&items[k], kind));
      else
        g_ptr_array_add (unchanged, format_item (&items[k], kind));
    }

  if (higher->len > 0)
    {
      g_autofree char *list = join_list (higher);
      g_ptr_array_add (clauses, g_strdup_printf (_("was significantly higher post-intervention: %s"), list));
    }
  if (lower->len > 0)
    {
      g_autofree char *list = join_list (lower);
      g_ptr_array_add (clauses, g_strdup_printf (_("was significantly lower post-intervention: %s"), list));
    }
  if (unchanged->len > 0)
    {
      g_autofree char *list = join_list (unchanged);
      g_ptr_array_add (clauses, g_strdup_printf (_("did not change significantly: %s"), list));
    }

  text = g_string_new (NULL);
  if (clauses->len > 0)
    {
      /* The outcome is named in the first clause, then "it". */
      g_string_append_printf (text, _("Compared with baseline, %s %s"), outcome,
                              (char *) g_ptr_array_index (clauses, 0));
      for (guint k = 1; k < clauses->len; k++)
        g_string_append_printf (text, _("; it %s"), (char *) g_ptr_array_index (clauses, k));
      g_string_append (text, ". ");
    }
  if (missing->len > 0)
    {
      g_autofree char *list = NULL;

      list = join_list (missing);
      g_string_append_printf (text, _("No one has a score of %s at %s yet. "), outcome, list);
    }
  if (clauses->len > 0)
    g_string_append_printf (text, _("(%s.)"), trellis_effect_size_kind_describe (kind));
  return g_strchomp (g_string_free (text, FALSE));
}

char *
trellis_results_annotation (const TrellisFixedEffect *effect,
                            double                    d)
{
  g_autofree char *beta = NULL;
  g_autofree char *ci = NULL;
  g_autofree char *d_text = NULL;
  g_autofree char *p = NULL;

  g_return_val_if_fail (effect != NULL, NULL);

  beta = trellis_format_number (effect->estimate, 2);
  ci = trellis_format_interval (effect->ci_low, effect->ci_high);
  d_text = trellis_format_number (d, 2);
  p = trellis_format_p (effect->p);
  return g_strdup_printf ("β = %s [%s] · d = %s · %s", beta, ci, d_text, p);
}
