/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <stdio.h>

#include "bench-util.h"
#include "trellis-before-after-plot.h"
#include "trellis-database.h"
#include "trellis-descriptives.h"
#include "trellis-score-reader.h"

/* How fast the before-and-after plot draws, on the demo studies
 * build-aux/bench makes (TRELLIS_BENCH_DATA or --data), into a 720 × 480
 * image surface, the size of the Analysis page's chart:
 *  - the means with their intervals, n and annotations alone (target 5 ms),
 *    against painting an empty surface of the same size;
 *  - the first frame with every participant's trajectory (target 50 ms at
 *    100,000): the density raster made, then the plot drawn over it, against
 *    stroking each trajectory with cairo, the naive way;
 *  - a repaint with the raster kept (target 2 ms), against the empty paint.
 * At 100,000 participants the naive strokes of a sample of 10,000 are timed
 * and scaled up, since all of them take seconds; the line says so. Each
 * figure is the median of a few runs. */

#define WIDTH          720
#define HEIGHT         480
#define RUNS           15
#define NAIVE_RUNS     3
#define NAIVE_SAMPLE   10000
#define INSTRUMENT     "CCAE"

static const guint sizes[] = { 1000, 10000, 100000 };

typedef struct
{
  TrellisScoreTable        *table;
  TrellisDescriptives      *descriptives;
  TrellisBeforeAfterPoint  *points;
  TrellisBeforeAfterSeries  series;
  TrellisBeforeAfterPlot    plot;
  TrellisPlotStyle          style;
  char                     *label;
} Chart;

static void
chart_clear (Chart *chart)
{
  g_clear_pointer (&chart->table, trellis_score_table_free);
  g_clear_pointer (&chart->descriptives, trellis_descriptives_free);
  g_clear_pointer (&chart->points, g_free);
  g_clear_pointer (&chart->label, g_free);
}

static const char *const annotations[] = {
  NULL,
  "β = 2.55 [2.32–2.78] · d = 1.67 · p < .001",
  "β = 2.52 [2.27–2.78] · d = 1.76 · p < .001",
  "β = 2.54 [2.24–2.83] · d = 1.67 · p < .001",
};

static gboolean
chart_load (Chart      *chart,
            const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisDatabase) db = trellis_database_open (path, TRELLIS_OPEN_FLAGS_READ_ONLY, &error);
  double low, high;

  if (db == NULL)
    {
      printf ("skipped: %s: %s\n", path, error->message);
      return FALSE;
    }
  chart->table = trellis_score_table_read_labelled (db, INSTRUMENT, &chart->label, &error);
  if (chart->table == NULL)
    {
      printf ("skipped: %s: %s\n", path, error->message);
      return FALSE;
    }
  chart->descriptives = trellis_descriptives_compute (chart->table);
  chart->points = g_new0 (TrellisBeforeAfterPoint, chart->table->n_timepoints);
  for (guint t = 0; t < chart->table->n_timepoints; t++)
    {
      const TrellisDescriptive *cell = trellis_descriptives_get (chart->descriptives, TRELLIS_DESCRIPTIVES_ALL, t);

      chart->points[t] = (TrellisBeforeAfterPoint) { cell->n, cell->mean, cell->ci_low, cell->ci_high };
    }
  chart->series = (TrellisBeforeAfterSeries) { NULL, chart->points };
  trellis_trajectory_raster_value_range (chart->table, &low, &high);
  chart->plot = (TrellisBeforeAfterPlot) {
    .title = chart->label,
    .value_label = "Score (0–10)",
    .n_timepoints = chart->table->n_timepoints,
    .timepoint_codes = (const char *const *) chart->table->timepoint_codes,
    .timepoint_labels = (const char *const *) chart->table->timepoint_labels,
    .n_series = 1,
    .series = &chart->series,
    .annotations = chart->table->n_timepoints == G_N_ELEMENTS (annotations) ? annotations : NULL,
    .value_min = MIN (low, 0),
    .value_max = MAX (high, 10),
  };
  trellis_plot_style_init_light (&chart->style);
  return TRUE;
}

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1e3;
}

static double
time_empty_paint (cairo_surface_t *surface,
                  Chart           *chart)
{
  double times[RUNS];

  for (guint r = 0; r < RUNS; r++)
    {
      cairo_t *cr = cairo_create (surface);
      gint64 start = g_get_monotonic_time ();

      cairo_set_source_rgba (cr, chart->style.background[0], chart->style.background[1],
                             chart->style.background[2], 1);
      cairo_paint (cr);
      cairo_surface_flush (surface);
      times[r] = ms_since (start);
      cairo_destroy (cr);
    }
  return bench_median (times, RUNS);
}

/* The whole plot, with whatever raster the plot holds. */
static double
time_draw (cairo_surface_t *surface,
           Chart           *chart)
{
  double times[RUNS];

  for (guint r = 0; r < RUNS; r++)
    {
      cairo_t *cr = cairo_create (surface);
      gint64 start = g_get_monotonic_time ();

      trellis_before_after_plot_draw (cr, WIDTH, HEIGHT, &chart->plot, &chart->style);
      cairo_surface_flush (surface);
      times[r] = ms_since (start);
      cairo_destroy (cr);
    }
  return bench_median (times, RUNS);
}

/* The first frame: layout, raster, then the plot over it. Returns the
 * raster of the last run in @raster. */
static double
time_first_render (cairo_surface_t  *surface,
                   Chart            *chart,
                   cairo_surface_t **raster)
{
  double times[RUNS];

  for (guint r = 0; r < RUNS; r++)
    {
      cairo_t *cr = cairo_create (surface);
      TrellisBeforeAfterGeometry geometry;
      TrellisTrajectoryRasterOptions options;
      gint64 start = g_get_monotonic_time ();

      g_clear_pointer (&chart->plot.trajectories, cairo_surface_destroy);
      trellis_before_after_plot_layout (&chart->plot, WIDTH, HEIGHT, &chart->style, &geometry);
      trellis_before_after_plot_raster_options (&geometry, &chart->style, 1.0, &options);
      chart->plot.trajectories = trellis_trajectory_raster_render (chart->table, &options);
      trellis_before_after_plot_draw (cr, WIDTH, HEIGHT, &chart->plot, &chart->style);
      cairo_surface_flush (surface);
      times[r] = ms_since (start);
      cairo_destroy (cr);
    }
  *raster = chart->plot.trajectories;
  return bench_median (times, RUNS);
}

/* The raster alone, as a widget's worker makes it. */
static double
time_raster (Chart *chart)
{
  TrellisBeforeAfterGeometry geometry;
  TrellisTrajectoryRasterOptions options;
  double times[RUNS];

  trellis_before_after_plot_layout (&chart->plot, WIDTH, HEIGHT, &chart->style, &geometry);
  trellis_before_after_plot_raster_options (&geometry, &chart->style, 1.0, &options);
  for (guint r = 0; r < RUNS; r++)
    {
      gint64 start = g_get_monotonic_time ();
      cairo_surface_t *raster = trellis_trajectory_raster_render (chart->table, &options);

      times[r] = ms_since (start);
      cairo_surface_destroy (raster);
    }
  return bench_median (times, RUNS);
}

/* Every trajectory (or the first @n_participants) stroked as a translucent
 * polyline, as one would without a raster. */
static double
time_naive_strokes (cairo_surface_t *surface,
                    Chart           *chart,
                    guint            n_participants)
{
  const TrellisScoreTable *table = chart->table;
  TrellisBeforeAfterGeometry geometry;
  double times[NAIVE_RUNS];

  trellis_before_after_plot_layout (&chart->plot, WIDTH, HEIGHT, &chart->style, &geometry);
  for (guint r = 0; r < NAIVE_RUNS; r++)
    {
      cairo_t *cr = cairo_create (surface);
      gint64 start = g_get_monotonic_time ();

      cairo_set_line_width (cr, 1);
      cairo_set_source_rgba (cr, 0, 0, 0, 0.05);
      for (guint p = 0; p < n_participants; p++)
        {
          for (guint i = table->first[p]; i < table->first[p + 1]; i++)
            {
              double x = trellis_before_after_geometry_timepoint_x (&geometry, table->timepoint[i]);
              double y = trellis_before_after_geometry_value_y (&geometry, table->value[i]);

              if (i == table->first[p])
                cairo_move_to (cr, x, y);
              else
                cairo_line_to (cr, x, y);
            }
          cairo_stroke (cr);
        }
      cairo_surface_flush (surface);
      times[r] = ms_since (start);
      cairo_destroy (cr);
    }
  return bench_median (times, NAIVE_RUNS);
}

static void
bench_size (const char *data,
            guint       n)
{
  g_autofree char *path = g_strdup_printf ("%s/demo-%u.trellis", data, n);
  g_autofree char *means = g_strdup_printf ("before-after %u: means ± CI", n);
  g_autofree char *first = g_strdup_printf ("before-after %u: first render with trajectories", n);
  g_autofree char *repaint = g_strdup_printf ("before-after %u: repaint, raster kept", n);
  g_autofree char *naive = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_surface_t *raster = NULL;
  Chart chart = { 0 };
  char name[128];
  double empty, means_ms, first_ms, repaint_ms, naive_ms, raster_ms;
  guint sample;

  if (!chart_load (&chart, path))
    {
      cairo_surface_destroy (surface);
      return;
    }
  sample = MIN (chart.table->n_participants, NAIVE_SAMPLE);
  empty = time_empty_paint (surface, &chart);
  means_ms = time_draw (surface, &chart);
  first_ms = time_first_render (surface, &chart, &raster);
  repaint_ms = time_draw (surface, &chart);
  raster_ms = time_raster (&chart);
  naive_ms = time_naive_strokes (surface, &chart, sample) * chart.table->n_participants / MAX (sample, 1);

  printf ("# %u participants, %u scores of %s, %d × %d\n", chart.table->n_participants,
          chart.table->n_observations, INSTRUMENT, WIDTH, HEIGHT);
  g_snprintf (name, sizeof name, "before-after %u: empty paint (reference)", n);
  bench_print_figure (name, empty, "ms");
  bench_print_target (means, means_ms, "ms", 5);
  bench_print_ratio (means, means_ms, empty, 0);
  bench_print_target (first, first_ms, "ms", 50);
  naive = sample < chart.table->n_participants
          ? g_strdup_printf ("before-after %u: naive strokes (%u timed, scaled)", n, sample)
          : g_strdup_printf ("before-after %u: naive strokes (reference)", n);
  bench_print_figure (naive, naive_ms, "ms");
  /* As a speed-up: how many times longer the naive strokes take. */
  g_snprintf (name, sizeof name, "before-after %u: naive strokes / first render", n);
  bench_print_ratio (name, naive_ms, first_ms, 0);
  g_snprintf (name, sizeof name, "before-after %u: the raster alone", n);
  bench_print_figure (name, raster_ms, "ms");
  bench_print_target (repaint, repaint_ms, "ms", 2);
  bench_print_ratio (repaint, repaint_ms, empty, 0);

  chart_clear (&chart);
  g_clear_pointer (&chart.plot.trajectories, cairo_surface_destroy);
  cairo_surface_destroy (surface);
}

int
main (int    argc,
      char **argv)
{
  const char *data = g_getenv ("TRELLIS_BENCH_DATA");

  if (argc > 2 && g_strcmp0 (argv[1], "--data") == 0)
    data = argv[2];
  if (data == NULL)
    {
      printf ("skipped: no demo studies (set TRELLIS_BENCH_DATA or pass --data, or run build-aux/bench)\n");
      return 0;
    }
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    bench_size (data, sizes[i]);
  return 0;
}
