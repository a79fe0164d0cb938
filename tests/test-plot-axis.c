/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib.h>
#include <locale.h>
#include <math.h>

#include "trellis-plot-axis.h"
#include "trellis-plot-palette.h"
#include "trellis-plot-style.h"

static void
test_nice_number (void)
{
  g_assert_cmpfloat_with_epsilon (trellis_plot_axis_nice_number (0.9, TRUE), 1, 1e-12);
  g_assert_cmpfloat_with_epsilon (trellis_plot_axis_nice_number (2.4, TRUE), 2, 1e-12);
  g_assert_cmpfloat_with_epsilon (trellis_plot_axis_nice_number (4.0, TRUE), 5, 1e-12);
  g_assert_cmpfloat_with_epsilon (trellis_plot_axis_nice_number (8.0, TRUE), 10, 1e-12);
  g_assert_cmpfloat_with_epsilon (trellis_plot_axis_nice_number (0.031, FALSE), 0.05, 1e-12);
  g_assert_cmpfloat_with_epsilon (trellis_plot_axis_nice_number (0.02, FALSE), 0.02, 1e-12);
  g_assert_cmpfloat_with_epsilon (trellis_plot_axis_nice_number (110, FALSE), 200, 1e-9);
  g_assert_cmpfloat_with_epsilon (trellis_plot_axis_nice_number (5.2, FALSE), 10, 1e-12);
  /* Floating-point noise just above a nice number does not bump it. */
  g_assert_cmpfloat_with_epsilon (trellis_plot_axis_nice_number (0.3 / 0.1 * 0.1 / 1.5, FALSE), 0.2, 1e-12);
}

/* Every tick is a multiple of a 1, 2 or 5 step, and the ticks cover the data. */
static void
assert_nice_axis (const TrellisPlotAxis *axis,
                  double                 lo,
                  double                 hi,
                  guint                  max_ticks)
{
  double mantissa = axis->step / pow (10, floor (log10 (axis->step)));

  g_assert_true (fabs (mantissa - 1) < 1e-9 || fabs (mantissa - 2) < 1e-9 || fabs (mantissa - 5) < 1e-9);
  g_assert_cmpfloat (axis->min, <=, lo + 1e-12);
  g_assert_cmpfloat (axis->max, >=, hi - 1e-12);
  g_assert_cmpuint (axis->n_ticks, <=, max_ticks);
  g_assert_cmpuint (axis->n_ticks, >=, 2);
  g_assert_cmpfloat (fabs (remainder (axis->min, axis->step)), <, 1e-9 * MAX (1, fabs (axis->min)));
  /* Widened by less than a step at each end. */
  g_assert_cmpfloat (axis->min, >, lo - axis->step);
  g_assert_cmpfloat (axis->max, <, hi + axis->step);
}

static void
test_axis_ranges (void)
{
  static const struct { double lo, hi; guint max_ticks; double step, min, max; } cases[] = {
    { 1, 5, 6, 1, 1, 5 },               /* a Likert scale */
    { 2.13, 4.71, 6, 1, 2, 5 },     /* 0.5 would need 7 ticks */
    { 2.13, 4.71, 7, 0.5, 2, 5 },
    { 0, 100, 6, 20, 0, 100 },
    { 0, 100, 11, 10, 0, 100 },
    { -3.2, 7.9, 8, 2, -4, 8 },
    { 0.012, 0.047, 5, 0.01, 0.01, 0.05 },
    { 17, 17, 5, 1, 15, 19 },            /* one value is widened around it */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      TrellisPlotAxis axis;

      trellis_plot_axis_init (&axis, cases[i].lo, cases[i].hi, cases[i].max_ticks);
      g_test_message ("case %u: step %g, %g to %g", i, axis.step, axis.min, axis.max);
      if (cases[i].lo < cases[i].hi)
        assert_nice_axis (&axis, cases[i].lo, cases[i].hi, cases[i].max_ticks);
      g_assert_cmpfloat_with_epsilon (axis.step, cases[i].step, 1e-12);
      g_assert_cmpfloat_with_epsilon (axis.min, cases[i].min, 1e-12);
      g_assert_cmpfloat_with_epsilon (axis.max, cases[i].max, 1e-12);
    }
}

static void
test_axis_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  for (guint i = 0; i < 2000; i++)
    {
      double scale = pow (10, g_rand_double_range (rand, -4, 6));
      double lo = g_rand_double_range (rand, -1, 1) * scale;
      double hi = lo + g_rand_double_range (rand, 0.001, 3) * scale;
      guint max_ticks = g_rand_int_range (rand, 3, 15);
      TrellisPlotAxis axis;

      trellis_plot_axis_init (&axis, lo, hi, max_ticks);
      assert_nice_axis (&axis, lo, hi, max_ticks);
    }
}

static void
test_axis_nan (void)
{
  TrellisPlotAxis axis;

  trellis_plot_axis_init (&axis, NAN, NAN, 5);
  g_assert_cmpfloat (axis.min, ==, 0);
  g_assert_cmpfloat (axis.max, ==, 1);
  g_assert_cmpuint (axis.n_ticks, >=, 2);
}

static void
assert_labels (double             lo,
               double             hi,
               guint              max_ticks,
               const char *const *expected)
{
  TrellisPlotAxis axis;

  trellis_plot_axis_init (&axis, lo, hi, max_ticks);
  g_assert_cmpuint (axis.n_ticks, ==, g_strv_length ((char **) expected));
  for (guint i = 0; i < axis.n_ticks; i++)
    {
      g_autofree char *label = trellis_plot_axis_format_tick (&axis, trellis_plot_axis_tick (&axis, i));

      g_assert_cmpstr (label, ==, expected[i]);
    }
}

/* No "0.30000000000000004", no "2.0", no "-0". */
static void
test_tick_labels (void)
{
  static const char *const tenths[] = { "0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6", NULL };
  static const char *const halves[] = { "1", "1.5", "2", "2.5", "3", NULL };
  static const char *const whole[] = { "1", "2", "3", "4", "5", NULL };
  static const char *const negative[] = { "\u22121", "\u22120.5", "0", "0.5", "1", NULL };
  static const char *const hundreds[] = { "0", "200", "400", "600", "800", "1000", NULL };
  static const char *const small[] = { "0.01", "0.02", "0.03", "0.04", "0.05", NULL };

  assert_labels (0, 0.6, 8, tenths);
  assert_labels (1, 3, 5, halves);
  assert_labels (1, 5, 6, whole);
  assert_labels (-1, 1, 5, negative);
  assert_labels (0, 1000, 6, hundreds);
  assert_labels (0.012, 0.047, 5, small);
}

static void
test_palette (void)
{
  TrellisPlotStyle light, dark;
  double blue[4];

  trellis_plot_palette_get_colour (TRELLIS_PLOT_PALETTE_LIGHT, 0, blue);
  g_assert_cmpfloat_with_epsilon (blue[0], 0x00 / 255.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (blue[1], 0x72 / 255.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (blue[2], 0xb2 / 255.0, 1e-9);
  g_assert_cmpfloat (blue[3], ==, 1);

  trellis_plot_style_init_light (&light);
  trellis_plot_style_init_dark (&dark);
  for (guint i = 0; i < TRELLIS_PLOT_PALETTE_SIZE; i++)
    {
      const double *a = trellis_plot_style_get_series (&light, i);

      /* The colours repeat past the end, and differ from each other within it. */
      g_assert_true (trellis_plot_style_get_series (&light, i + TRELLIS_PLOT_PALETTE_SIZE) == a);
      for (guint j = 0; j < i; j++)
        {
          const double *b = trellis_plot_style_get_series (&light, j);

          g_assert_cmpfloat (fabs (a[0] - b[0]) + fabs (a[1] - b[1]) + fabs (a[2] - b[2]), >, 0.15);
        }
    }
  /* The dark variant leads with a lighter colour than the light one. */
  g_assert_cmpfloat (dark.series[0][0] + dark.series[0][1] + dark.series[0][2], >,
                     light.series[0][0] + light.series[0][1] + light.series[0][2]);
}

int
main (int    argc,
      char **argv)
{
  /* Tick labels use the locale's decimal mark; the tests expect a point. */
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/trellis/plot/axis/nice-number", test_nice_number);
  g_test_add_func ("/trellis/plot/axis/ranges", test_axis_ranges);
  g_test_add_func ("/trellis/plot/axis/random", test_axis_random);
  g_test_add_func ("/trellis/plot/axis/nan", test_axis_nan);
  g_test_add_func ("/trellis/plot/axis/tick-labels", test_tick_labels);
  g_test_add_func ("/trellis/plot/palette/colours", test_palette);
  return g_test_run ();
}
