/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "trellis-plot-axis.h"

/* Beyond this many ticks an axis is a ruler, not a scale. */
#define MAX_TICKS 50

/**
 * trellis_plot_axis_nice_number:
 * @value: a positive number
 * @round: whether to round to the nearest nice number, or go up to one
 *
 * Returns the nice number (1, 2 or 5 × 10^k; 10 × 10^k is the next power)
 * nearest @value or, with @round false, the smallest not below it
 * (Heckbert, "Nice numbers for graph labels", Graphics Gems, 1990).
 */
double
trellis_plot_axis_nice_number (double   value,
                               gboolean round)
{
  double exponent, fraction, nice;

  g_return_val_if_fail (value > 0 && isfinite (value), 1.0);

  exponent = floor (log10 (value));
  fraction = value / pow (10, exponent);
  if (round)
    nice = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10;
  else
    /* A hair of slack, so that 0.3 / 0.1 = 2.9999999999999996 stays 5, not 10. */
    nice = fraction <= 1 + 1e-9 ? 1 : fraction <= 2 + 1e-9 ? 2 : fraction <= 5 + 1e-9 ? 5 : 10;
  return nice * pow (10, exponent);
}

/* The step is chosen so that at most @max_ticks ticks cover the data: the
 * smallest nice step that does, which gives the most ticks that fit. */
static double
choose_step (double lo,
             double hi,
             guint  max_ticks)
{
  double step = trellis_plot_axis_nice_number ((hi - lo) / MAX (max_ticks - 1, 1), FALSE);

  /* Widening the ends to the ticks can add one interval; step up if so. */
  while ((ceil (hi / step - 1e-9) - floor (lo / step + 1e-9)) + 1 > max_ticks)
    step = trellis_plot_axis_nice_number (step * 1.01, FALSE);
  return step;
}

/**
 * trellis_plot_axis_init:
 * @axis: the axis to fill in
 * @data_min: the smallest value to show
 * @data_max: the largest value to show
 * @max_ticks: the most ticks there is room for (3 at the least)
 *
 * Lays out an axis that covers @data_min to @data_max. A range of one value
 * (or none, when the data are NaN) is widened around it so the axis still
 * has a scale.
 */
void
trellis_plot_axis_init (TrellisPlotAxis *axis,
                        double           data_min,
                        double           data_max,
                        guint            max_ticks)
{
  double lo = MIN (data_min, data_max), hi = MAX (data_min, data_max);

  g_return_if_fail (axis != NULL);

  /* Two ticks cannot straddle zero at nice numbers (−5 and 5 need a 0
   * between them), so three is the fewest an axis gets. */
  max_ticks = CLAMP (max_ticks, 3, MAX_TICKS);
  if (!isfinite (lo) || !isfinite (hi))
    lo = 0, hi = 1;
  if (hi - lo < 1e-12 * MAX (fabs (lo), 1))
    {
      double half = lo != 0 ? fabs (lo) * 0.1 : 0.5;

      lo -= half;
      hi += half;
    }

  axis->step = choose_step (lo, hi, max_ticks);
  axis->min = floor (lo / axis->step + 1e-9) * axis->step;
  axis->max = ceil (hi / axis->step - 1e-9) * axis->step;
  axis->n_ticks = (guint) llround ((axis->max - axis->min) / axis->step) + 1;
  axis->decimals = (int) MAX (0, -floor (log10 (axis->step) + 1e-9));
}

/* Computed from the index, not by adding steps, so no error accumulates:
 * 0.1 + 0.1 + 0.1 would print as 0.30000000000000004 in a long format. */
double
trellis_plot_axis_tick (const TrellisPlotAxis *axis,
                        guint                  index)
{
  double value;

  g_return_val_if_fail (axis != NULL, 0);

  value = axis->min + index * axis->step;
  /* Rounds away the last bits so the label of zero is never "-0". */
  value = round (value / axis->step) * axis->step;
  return value == 0 ? 0 : value;
}

/**
 * trellis_plot_axis_format_tick:
 *
 * Returns a tick's label with the decimals the step needs and no trailing
 * zeros ("2", "2.5", never "2.50" or "2.0"), the locale's decimal mark and a
 * true minus sign (U+2212), which is as wide as a digit.
 */
char *
trellis_plot_axis_format_tick (const TrellisPlotAxis *axis,
                               double                 value)
{
  g_autofree char *digits = NULL;

  g_return_val_if_fail (axis != NULL, NULL);

  digits = g_strdup_printf ("%.*f", axis->decimals, fabs (value));
  if (axis->decimals > 0)
    {
      /* The decimal mark is whatever the locale prints ("." or ","). */
      char *end = digits + strlen (digits);

      while (end > digits && end[-1] == '0')
        *--end = '\0';
      while (end > digits && !g_ascii_isdigit (end[-1]))
        *--end = '\0';
    }
  /* A value that rounds to zero at this precision is unsigned. */
  if (value < 0 && strspn (digits, "0.,") != strlen (digits))
    return g_strconcat ("\u2212", digits, NULL);
  return g_steal_pointer (&digits);
}
