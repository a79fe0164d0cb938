/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "plot-test-utils.h"
#include "trellis-plot-style.h"
#include "trellis-retention-plot.h"

/* The retention chart drawn to image surfaces: each bar's parts where their
 * counts put them, in their colours. */

typedef struct
{
  guint recruited, completed, due, missed, withdrawn, not_yet_due;
} Row;

/* Two cohorts of 40 and 20 over three timepoints; the totals are summed. */
static const Row cohort_rows[2][3] = {
  { { 40, 40, 0, 0, 0, 0 }, { 40, 30, 2, 6, 2, 0 }, { 40, 10, 5, 15, 4, 6 } },
  { { 20, 18, 0, 0, 0, 2 }, { 20, 12, 0, 4, 2, 2 }, { 20, 8, 1, 7, 2, 2 } },
};

static TrellisRetention *
make_retention (void)
{
  const char *const cohorts[] = { "Midwives", "Paramedics", NULL };
  const char *const codes[] = { "T1", "T2", "T3", NULL };
  const char *const labels[] = { "Baseline", "After workshop", "Follow-up", NULL };
  TrellisRetention *retention = trellis_retention_new (cohorts, codes, labels);

  for (guint c = 0; c < 2; c++)
    for (guint t = 0; t < 3; t++)
      {
        const Row *row = &cohort_rows[c][t];
        TrellisRetentionCounts *counts[] = { &retention->counts[c * 3 + t], &retention->counts[2 * 3 + t] };

        for (guint k = 0; k < G_N_ELEMENTS (counts); k++)
          {
            counts[k]->recruited += row->recruited;
            counts[k]->completed += row->completed;
            counts[k]->due += row->due;
            counts[k]->missed += row->missed;
            counts[k]->withdrawn += row->withdrawn;
            counts[k]->not_yet_due += row->not_yet_due;
          }
      }
  return retention;
}

typedef struct
{
  TrellisRetention            *retention;
  TrellisRetentionPlotOptions  options;
  TrellisPlotStyle             style;
  double                       width;
  double                       height;
  cairo_surface_t             *surface;
} Drawing;

static void
drawing_free (Drawing *drawing)
{
  trellis_retention_free (drawing->retention);
  cairo_surface_destroy (drawing->surface);
  g_free (drawing);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Drawing, drawing_free)

static Drawing *
draw (gboolean by_cohort,
      gboolean dark)
{
  Drawing *drawing = g_new0 (Drawing, 1);
  cairo_t *cr;

  drawing->retention = make_retention ();
  drawing->options.by_cohort = by_cohort;
  if (dark)
    trellis_plot_style_init_dark (&drawing->style);
  else
    trellis_plot_style_init_light (&drawing->style);
  trellis_retention_plot_get_preferred_size (drawing->retention, &drawing->options, &drawing->style,
                                             &drawing->width, &drawing->height);
  cr = canvas_new ((int) drawing->width, (int) drawing->height);
  trellis_retention_plot_draw (cr, drawing->width, drawing->height, drawing->retention, &drawing->options,
                               &drawing->style);
  drawing->surface = canvas_finish (cr);
  return drawing;
}

static TrellisRetentionPlotBar
get_bar (Drawing *drawing,
         guint    panel,
         guint    timepoint)
{
  TrellisRetentionPlotBar bar;

  g_assert_true (trellis_retention_plot_get_bar (drawing->retention, &drawing->options, &drawing->style,
                                                 drawing->width, drawing->height, panel, timepoint, &bar));
  return bar;
}

/* Each part of a bar is as tall as its share of those recruited, and the
 * parts stack bottom to top in order; an opaque part is its colour. */
static void
assert_bar (Drawing  *drawing,
            guint     panel,
            guint     timepoint,
            const Row *row)
{
  TrellisRetentionPlotBar bar = get_bar (drawing, panel, timepoint);
  const guint counts[] = { row->completed, row->due, row->missed, row->withdrawn, row->not_yet_due };
  double full = bar.bottom[0] - bar.top[TRELLIS_RETENTION_N_SEGMENTS - 1];

  g_assert_cmpfloat (full, >, 50);
  for (guint s = 0; s < TRELLIS_RETENTION_N_SEGMENTS; s++)
    {
      double height = bar.bottom[s] - bar.top[s];
      double rgba[4];

      g_assert_cmpfloat (fabs (height - full * counts[s] / row->recruited), <, 0.01);
      if (s > 0)
        g_assert_cmpfloat (fabs (bar.bottom[s] - bar.top[s - 1]), <, 0.01);
      if (height < 6 || s == TRELLIS_RETENTION_NOT_YET_DUE)
        continue;
      trellis_retention_plot_segment_colour (&drawing->style, s, rgba);
      /* Near the part's bottom left, clear of the count label. */
      g_assert_true (is_colour (pixel_at (drawing->surface, bar.x + 2, bar.bottom[s] - 2), rgba, 3));
    }
  /* Left of the bar is not the bar. */
  {
    double rgba[4];

    trellis_retention_plot_segment_colour (&drawing->style, TRELLIS_RETENTION_COMPLETED, rgba);
    g_assert_false (rgb_near (pixel_at (drawing->surface, bar.x - 3, bar.bottom[0] - 2), rgba, 3));
  }
}

static void
test_totals (gconstpointer data)
{
  gboolean dark = GPOINTER_TO_INT (data);
  g_autoptr(Drawing) drawing = draw (FALSE, dark);
  TrellisRetentionPlotBar bars[3];

  save_screenshot (drawing->surface, "retention-plot-%s", dark ? "dark" : "light");
  g_assert_cmpuint (trellis_retention_plot_get_n_panels (drawing->retention, &drawing->options), ==, 1);
  g_assert_true (is_colour (pixel_at (drawing->surface, 1, 1), drawing->style.background, 3));
  for (guint t = 0; t < 3; t++)
    {
      const Row *a = &cohort_rows[0][t], *b = &cohort_rows[1][t];
      Row total = { a->recruited + b->recruited, a->completed + b->completed, a->due + b->due,
                    a->missed + b->missed, a->withdrawn + b->withdrawn, a->not_yet_due + b->not_yet_due };

      assert_bar (drawing, 0, t, &total);
      bars[t] = get_bar (drawing, 0, t);
    }
  /* Left to right in plan order, evenly spaced, on one baseline. */
  g_assert_cmpfloat (bars[0].x, <, bars[1].x);
  g_assert_cmpfloat (fabs ((bars[1].x - bars[0].x) - (bars[2].x - bars[1].x)), <, 0.01);
  g_assert_cmpfloat (bars[0].bottom[0], ==, bars[2].bottom[0]);
  g_assert_false (trellis_retention_plot_get_bar (drawing->retention, &drawing->options, &drawing->style,
                                                  drawing->width, drawing->height, 1, 0, &bars[0]));
}

/* By cohort: the totals first, then each cohort, on the same scale. */
static void
test_by_cohort (void)
{
  g_autoptr(Drawing) drawing = draw (TRUE, FALSE);
  TrellisRetentionPlotBar all, first;

  save_screenshot (drawing->surface, "retention-plot-by-cohort");
  g_assert_cmpuint (trellis_retention_plot_get_n_panels (drawing->retention, &drawing->options), ==, 3);
  g_assert_cmpuint (trellis_retention_plot_panel_cohort (drawing->retention, &drawing->options, 0), ==, 2);
  g_assert_cmpuint (trellis_retention_plot_panel_cohort (drawing->retention, &drawing->options, 1), ==, 0);
  for (guint c = 0; c < 2; c++)
    for (guint t = 0; t < 3; t++)
      assert_bar (drawing, c + 1, t, &cohort_rows[c][t]);
  all = get_bar (drawing, 0, 0);
  first = get_bar (drawing, 1, 0);
  g_assert_cmpfloat (first.x, >, all.x + all.width);
  g_assert_cmpfloat (fabs ((first.bottom[0] - first.top[4]) - (all.bottom[0] - all.top[4])), <, 0.01);
}

/* The legend shows each colour once at the top, above every bar. */
static void
test_legend (void)
{
  g_autoptr(Drawing) drawing = draw (FALSE, FALSE);
  TrellisRetentionPlotBar bar = get_bar (drawing, 0, 0);

  for (guint s = 0; s < TRELLIS_RETENTION_N_SEGMENTS - 1; s++)
    {
      double rgba[4];
      guint found = 0;

      trellis_retention_plot_segment_colour (&drawing->style, s, rgba);
      for (double y = 0; y < bar.top[4] - 30; y++)
        for (double x = 0; x < drawing->width; x++)
          found += rgb_near (pixel_at (drawing->surface, x, y), rgba, 3);
      g_assert_cmpuint (found, >, 30);
    }
}

/* Nobody recruited: the bars have no height; no timepoints: a message. */
static void
test_empty (void)
{
  const char *const none[] = { NULL };
  g_autoptr(TrellisRetention) retention = trellis_retention_new (none, none, none);
  TrellisRetentionPlotBar bar;
  TrellisPlotStyle style;
  cairo_t *cr = canvas_new (300, 200);
  cairo_surface_t *surface;
  double blue[4];
  guint ink = 0;

  trellis_plot_style_init_light (&style);
  trellis_retention_plot_draw (cr, 300, 200, retention, NULL, &style);
  surface = canvas_finish (cr);
  trellis_retention_plot_segment_colour (&style, TRELLIS_RETENTION_COMPLETED, blue);
  for (int y = 0; y < 200; y++)
    for (int x = 0; x < 300; x++)
      {
        guint32 pixel = pixel_at (surface, x, y);

        g_assert_false (rgb_near (pixel, blue, 3));
        ink += !rgb_near (pixel, style.background, 3);
      }
  g_assert_cmpuint (ink, >, 30);
  g_assert_false (trellis_retention_plot_get_bar (retention, NULL, &style, 300, 200, 0, 0, &bar));
  cairo_surface_destroy (surface);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/trellis/plot/retention/totals-light", GINT_TO_POINTER (FALSE), test_totals);
  g_test_add_data_func ("/trellis/plot/retention/totals-dark", GINT_TO_POINTER (TRUE), test_totals);
  g_test_add_func ("/trellis/plot/retention/by-cohort", test_by_cohort);
  g_test_add_func ("/trellis/plot/retention/legend", test_legend);
  g_test_add_func ("/trellis/plot/retention/empty", test_empty);

  return g_test_run ();
}
