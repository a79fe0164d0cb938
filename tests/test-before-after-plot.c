/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "plot-test-utils.h"
#include "trellis-before-after-plot.h"
#include "trellis-plot-file.h"
#include "trellis-plot-style.h"
#include "trellis-test-utils.h"
#include "trellis-trajectory-raster.h"
#include "trajectory-fixture.h"

#define WIDTH  720
#define HEIGHT 480

static const char *const annotations[] = {
  NULL,
  "β = 0.71 [0.62–0.80] · d = 1.12 · p < .001",
  "β = 0.88 [0.77–0.99] · d = 1.39 · p < .001",
  "β = 0.80 [0.68–0.92] · d = 1.26 · p < .001",
};

/* A plot, its series and points, and the table behind them. */
typedef struct
{
  TrellisScoreTable        *table;
  TrellisBeforeAfterPoint   points[4][4];   /* [series][timepoint] */
  TrellisBeforeAfterSeries  series[4];
  TrellisBeforeAfterPlot    plot;
  TrellisPlotStyle          style;
} Chart;

static Chart *
chart_new (guint    n_participants,
           gboolean by_cohort,
           gboolean dark)
{
  Chart *chart = g_new0 (Chart, 1);
  guint n_series = by_cohort ? 3 : 1;

  chart->table = trajectory_fixture_new (n_participants, 42);
  for (guint s = 0; s < n_series; s++)
    {
      trajectory_fixture_means (chart->table, by_cohort ? (int) s : -1, chart->points[s]);
      chart->series[s].name = by_cohort ? trajectory_fixture_cohorts[s] : NULL;
      chart->series[s].points = chart->points[s];
    }
  chart->plot = (TrellisBeforeAfterPlot) {
    .title = "Confidence in Coping with Adverse Events",
    .value_label = "Confidence (mean of items, 1–5)",
    .n_timepoints = 4,
    .timepoint_codes = trajectory_fixture_codes,
    .timepoint_labels = trajectory_fixture_labels,
    .n_series = n_series,
    .series = chart->series,
    .annotations = annotations,
    .value_min = NAN,
    .value_max = NAN,
  };
  if (dark)
    trellis_plot_style_init_dark (&chart->style);
  else
    trellis_plot_style_init_light (&chart->style);
  return chart;
}

static void
chart_free (Chart *chart)
{
  g_clear_pointer (&chart->plot.trajectories, cairo_surface_destroy);
  trellis_score_table_free (chart->table);
  g_free (chart);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Chart, chart_free)

/* Trajectories need the axis to cover every score, so the range is set
 * first and the raster made for the area that range gives. */
static void
chart_add_trajectories (Chart *chart,
                        int    width,
                        int    height)
{
  TrellisBeforeAfterGeometry geometry;
  TrellisTrajectoryRasterOptions options;

  if (isnan (chart->plot.value_min))
    g_assert_true (trellis_trajectory_raster_value_range (chart->table, &chart->plot.value_min,
                                                          &chart->plot.value_max));
  /* The layout leaves room for the subtitle that trajectories add. */
  chart->plot.trajectories = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  trellis_before_after_plot_layout (&chart->plot, width, height, &chart->style, &geometry);
  cairo_surface_destroy (chart->plot.trajectories);

  trellis_before_after_plot_raster_options (&geometry, &chart->style, 1.0, &options);
  chart->plot.trajectories = trellis_trajectory_raster_render (chart->table, &options);
}

static cairo_surface_t *
render (Chart                      *chart,
        int                         width,
        int                         height,
        TrellisBeforeAfterGeometry *geometry)
{
  cairo_t *cr = canvas_new (width, height);
  cairo_surface_t *surface;

  trellis_before_after_plot_draw (cr, width, height, &chart->plot, &chart->style);
  surface = canvas_finish (cr);
  if (geometry != NULL)
    trellis_before_after_plot_layout (&chart->plot, width, height, &chart->style, geometry);
  return surface;
}

/* Whether a pixel of the colour lies within @radius of (x, y). */
static gboolean
colour_near (cairo_surface_t *surface,
             double           x,
             double           y,
             int              radius,
             const double     rgba[4])
{
  for (int dy = -radius; dy <= radius; dy++)
    for (int dx = -radius; dx <= radius; dx++)
      if (is_colour (pixel_at (surface, (int) x + dx, (int) y + dy), rgba, 6))
        return TRUE;
  return FALSE;
}

/* How far a pixel is from @ground towards @colour (0 to 1), or −1 when it is
 * off that line, another colour: an anti-aliased edge of a line of @colour
 * scores between 0 and 1. */
static double
share_of (guint32       pixel,
          const double  colour[4],
          const double  ground[4])
{
  double p[3] = { channel (pixel, 16), channel (pixel, 8), channel (pixel, 0) };
  double along = 0, length = 0, off = 0, t;

  for (int i = 0; i < 3; i++)
    {
      double d = (colour[i] - ground[i]) * 255;

      along += (p[i] - ground[i] * 255) * d;
      length += d * d;
    }
  t = along / length;
  for (int i = 0; i < 3; i++)
    off = MAX (off, fabs (p[i] - 255 * (ground[i] + t * (colour[i] - ground[i]))));
  return off < 24 ? t : -1;
}

static guint
count_tinted (cairo_surface_t *surface,
              const Chart     *chart,
              double           left,
              double           top,
              double           right,
              double           bottom,
              const double     colour[4])
{
  guint count = 0;

  for (int y = (int) top; y < (int) bottom; y++)
    for (int x = (int) left; x < (int) right; x++)
      count += share_of (pixel_at (surface, x, y), colour, chart->style.background) > 0.4;
  return count;
}

/* Every mean's dot is its series' colour, and so are both ends of its
 * interval; between the dots, above the line, is background. */
static void
assert_means_drawn (Chart                            *chart,
                    cairo_surface_t                  *surface,
                    const TrellisBeforeAfterGeometry *g)
{
  for (guint s = 0; s < chart->plot.n_series; s++)
    {
      const double *colour = trellis_plot_style_get_series (&chart->style, s);

      for (guint t = 0; t < chart->plot.n_timepoints; t++)
        {
          const TrellisBeforeAfterPoint *point = &chart->points[s][t];
          double x = trellis_before_after_geometry_point_x (g, s, t);
          double high, low;

          if (point->n == 0)
            continue;
          g_assert_true (is_colour (pixel_at (surface, x, trellis_before_after_geometry_value_y (g, point->mean)),
                                    colour, 2));
          /* The caps, which another series' line may cross, but not hide. */
          high = trellis_before_after_geometry_value_y (g, point->ci_high);
          low = trellis_before_after_geometry_value_y (g, point->ci_low);
          g_assert_cmpuint (count_tinted (surface, chart, x - 5, high - 1, x + 6, high + 2, colour), >=, 5);
          g_assert_cmpuint (count_tinted (surface, chart, x - 5, low - 1, x + 6, low + 2, colour), >=, 5);
          /* Beyond the caps, the interval's colour stops. */
          g_assert_false (colour_near (surface, x, high - 6, 1, colour));
        }
    }
}

static void
test_means (gconstpointer data)
{
  gboolean dark = GPOINTER_TO_INT (data);
  g_autoptr(Chart) chart = chart_new (66, FALSE, dark);
  TrellisBeforeAfterGeometry g;
  cairo_surface_t *surface = render (chart, WIDTH, HEIGHT, &g);
  const double *colour = trellis_plot_style_get_series (&chart->style, 0);
  double top_y = g.area_y + g.area_height;

  for (guint t = 0; t < 4; t++)
    top_y = MIN (top_y, trellis_before_after_geometry_value_y (&g, chart->points[0][t].ci_high));

  save_screenshot (surface, "before-after-%s", dark ? "dark" : "light");
  g_assert_true (is_colour (pixel_at (surface, 1, 1), chart->style.background, 0));
  assert_means_drawn (chart, surface, &g);

  /* The area's top half above the intervals holds only gridlines: no series
   * colour, and the background shows through (light: bright, dark: dark). */
  g_assert_cmpuint (count_colour (surface, g.area_x, g.area_y, g.area_x + g.area_width, top_y - 12,
                                  colour, 60), ==, 0);
  g_assert_true (is_colour (pixel_at (surface, g.area_x + 3, g.area_y + 3), chart->style.background, 24));
  /* The area lies inside the chart, the axis labels left of it. */
  g_assert_cmpfloat (g.area_x, >, 30);
  g_assert_cmpfloat (g.area_x + g.area_width, <=, WIDTH);
  g_assert_cmpfloat (g.area_y + g.area_height, <, HEIGHT - 30);
  cairo_surface_destroy (surface);
}

/* The series sit apart at each timepoint, each in its colour; the legend
 * shows every colour, above the area. */
static void
test_cohorts (void)
{
  g_autoptr(Chart) chart = chart_new (300, TRUE, FALSE);
  TrellisBeforeAfterGeometry g;
  cairo_surface_t *surface = render (chart, WIDTH, HEIGHT, &g);

  save_screenshot (surface, "before-after-cohorts");
  g_assert_cmpfloat (g.series_spacing, >, 4);
  assert_means_drawn (chart, surface, &g);
  for (guint s = 0; s < 3; s++)
    g_assert_cmpuint (count_colour (surface, 0, 0, WIDTH, g.area_y, trellis_plot_style_get_series (&chart->style, s),
                                    6), >, 10);
  cairo_surface_destroy (surface);
}

/* A timepoint nobody reached has no dot, no interval, no line through it,
 * yet keeps its place on the axis with "n = 0" under it. */
static void
test_empty_timepoint (void)
{
  g_autoptr(Chart) chart = chart_new (66, FALSE, FALSE);
  const double *colour = trellis_plot_style_get_series (&chart->style, 0);
  TrellisBeforeAfterGeometry g;
  cairo_surface_t *surface;
  double x;
  guint ink = 0;

  chart->points[0][2] = (TrellisBeforeAfterPoint) { 0, NAN, NAN, NAN };
  surface = render (chart, WIDTH, HEIGHT, &g);
  save_screenshot (surface, "before-after-empty-timepoint");

  x = trellis_before_after_geometry_timepoint_x (&g, 2);
  g_assert_cmpuint (count_colour (surface, x - 3, g.area_y, x + 4, g.area_y + g.area_height, colour, 60), ==, 0);
  /* The others are drawn as ever. */
  assert_means_drawn (chart, surface, &g);
  /* Its name and count are under it. */
  for (int y = (int) (g.area_y + g.area_height + 4); y < HEIGHT; y++)
    for (int dx = -30; dx <= 30; dx++)
      ink += !is_colour (pixel_at (surface, x + dx, y), chart->style.background, 24);
  g_assert_cmpuint (ink, >, 40);
  g_assert_false (trellis_before_after_plot_hit_test (&chart->plot, &g, x, g.area_y + g.area_height / 2, NULL, NULL));
  cairo_surface_destroy (surface);
}

/* Given the scale's range, an interval running past it (a cohort of two)
 * keeps the axis on the scale and ends at its edge in an arrow. */
static void
test_clipped_interval (void)
{
  g_autoptr(Chart) chart = chart_new (66, FALSE, FALSE);
  const double *colour = trellis_plot_style_get_series (&chart->style, 0);
  TrellisBeforeAfterGeometry g;
  cairo_surface_t *surface;
  double x;

  chart->plot.value_min = 1;
  chart->plot.value_max = 5;
  chart->points[0][3] = (TrellisBeforeAfterPoint) { 2, 4.0, -3.0, 11.0 };
  surface = render (chart, WIDTH, HEIGHT, &g);
  save_screenshot (surface, "before-after-clipped-interval");

  g_assert_cmpfloat (g.value_min, ==, 1);
  g_assert_cmpfloat (g.value_max, ==, 5);
  x = trellis_before_after_geometry_point_x (&g, 0, 3);
  /* The whisker reaches both edges of the area, and goes no further. */
  g_assert_cmpuint (count_tinted (surface, chart, x - 1, g.area_y, x + 2, g.area_y + 3, colour), >, 0);
  g_assert_cmpuint (count_tinted (surface, chart, x - 1, g.area_y + g.area_height - 3, x + 2,
                                  g.area_y + g.area_height, colour), >, 0);
  g_assert_cmpuint (count_tinted (surface, chart, x - 6, g.area_y - 8, x + 7, g.area_y - 2, colour), ==, 0);
  /* The arrow's barbs spread below the top edge, where a cap would lie on it. */
  g_assert_cmpuint (count_tinted (surface, chart, x - 5, g.area_y + 2, x - 1, g.area_y + 6, colour), >, 0);
  cairo_surface_destroy (surface);
}

static void
test_hit_test (void)
{
  g_autoptr(Chart) chart = chart_new (300, TRUE, FALSE);
  TrellisBeforeAfterGeometry g;
  guint series = G_MAXUINT, timepoint = G_MAXUINT;

  trellis_before_after_plot_layout (&chart->plot, WIDTH, HEIGHT, &chart->style, &g);
  for (guint s = 0; s < 3; s++)
    for (guint t = 0; t < 4; t++)
      {
        double x = trellis_before_after_geometry_point_x (&g, s, t);

        g_assert_true (trellis_before_after_plot_hit_test (&chart->plot, &g, x + 1,
                                                           trellis_before_after_geometry_value_y (&g, chart->points[s][t].mean),
                                                           &series, &timepoint));
        g_assert_cmpuint (series, ==, s);
        g_assert_cmpuint (timepoint, ==, t);
        /* The tip of the interval counts too. */
        g_assert_true (trellis_before_after_plot_hit_test (&chart->plot, &g, x,
                                                           trellis_before_after_geometry_value_y (&g, chart->points[s][t].ci_high) - 2,
                                                           &series, &timepoint));
        g_assert_cmpuint (series, ==, s);
      }
  g_assert_false (trellis_before_after_plot_hit_test (&chart->plot, &g, g.area_x + 2, g.area_y + 2, &series, &timepoint));
  g_assert_false (trellis_before_after_plot_hit_test (&chart->plot, &g, -50, -50, NULL, NULL));
}

/* The raster puts the most alpha where the most lines run, some where one
 * runs, none where none does. */
static void
test_raster_density (void)
{
  const char *const codes[] = { "T1", "T2", NULL };
  g_autoptr(TrellisScoreTable) table = trellis_score_table_new (codes, codes, NULL);
  TrellisTrajectoryRasterOptions options = { 200, 100, 0, 10, { 0, 0, 0, 1 }, TRELLIS_TRAJECTORY_SCALE_LOG };
  cairo_surface_t *surface;
  int busy, lone, none;

  /* 1,000 people from 2 to 8, one from 8 to 2: the lines cross mid-way. */
  for (guint p = 0; p < 1001; p++)
    {
      trellis_score_table_begin_participant (table, NULL, 0);
      trellis_score_table_add (table, 0, p < 1000 ? 2 : 8);
      trellis_score_table_add (table, 1, p < 1000 ? 8 : 2);
    }
  trellis_score_table_finish (table);
  surface = trellis_trajectory_raster_render (table, &options);
  cairo_surface_flush (surface);
  save_screenshot (surface, "before-after-raster-density");

  /* x = 50 and 150 are the timepoints; at x = 75 the busy line is at value
   * 3.5 (y = 65), the lone one at 6.5 (y = 35). */
  busy = channel (pixel_at (surface, 75, 65), 24);
  lone = channel (pixel_at (surface, 75, 35), 24);
  none = channel (pixel_at (surface, 75, 90), 24);
  g_test_message ("alpha: busy %d, lone %d, none %d", busy, lone, none);
  g_assert_cmpint (busy, >=, 200);
  g_assert_cmpint (lone, >, 10);
  g_assert_cmpint (lone, <, busy / 3);
  g_assert_cmpint (none, ==, 0);
  /* Nothing left of the first timepoint or right of the last. */
  for (int y = 0; y < 100; y++)
    {
      g_assert_cmpint (channel (pixel_at (surface, 20, y), 24), ==, 0);
      g_assert_cmpint (channel (pixel_at (surface, 180, y), 24), ==, 0);
    }
  cairo_surface_destroy (surface);
}

/* Someone who missed T2 has a line from T1 straight to T3. */
static void
test_raster_skips_missing (void)
{
  const char *const codes[] = { "T1", "T2", "T3", NULL };
  g_autoptr(TrellisScoreTable) table = trellis_score_table_new (codes, codes, NULL);
  TrellisTrajectoryRasterOptions options = { 300, 100, 0, 10, { 0, 0, 0, 1 }, TRELLIS_TRAJECTORY_SCALE_SQRT };
  cairo_surface_t *surface;

  trellis_score_table_begin_participant (table, NULL, 0);
  trellis_score_table_add (table, 0, 5);
  trellis_score_table_add (table, 2, 5);
  trellis_score_table_finish (table);
  surface = trellis_trajectory_raster_render (table, &options);
  cairo_surface_flush (surface);

  /* Value 5 is y = 50: the line passes the T2 column at x = 150. */
  g_assert_cmpint (channel (pixel_at (surface, 150, 49), 24) + channel (pixel_at (surface, 150, 50), 24), >, 150);
  g_assert_cmpint (channel (pixel_at (surface, 150, 20), 24), ==, 0);
  cairo_surface_destroy (surface);
}

/* Trajectories appear between the timepoints, under the means, and leave
 * the area empty where no score lies. */
static void
test_trajectories_under_means (gconstpointer data)
{
  gboolean dark = GPOINTER_TO_INT (data);
  g_autoptr(Chart) chart = chart_new (1000, FALSE, dark);
  TrellisBeforeAfterGeometry g;
  cairo_surface_t *surface;
  double x_mid, y_mid;
  guint32 pixel;

  /* Room above the data, where no trajectory runs. */
  g_assert_true (trellis_trajectory_raster_value_range (chart->table, &chart->plot.value_min,
                                                        &chart->plot.value_max));
  chart->plot.value_max = 7;
  chart_add_trajectories (chart, WIDTH, HEIGHT);
  surface = render (chart, WIDTH, HEIGHT, &g);
  save_screenshot (surface, "before-after-trajectories-%s", dark ? "dark" : "light");

  assert_means_drawn (chart, surface, &g);
  /* Half-way from T1 to T2, at the baseline mean, lines run: not background. */
  x_mid = (trellis_before_after_geometry_timepoint_x (&g, 0) + trellis_before_after_geometry_timepoint_x (&g, 1)) / 2;
  y_mid = trellis_before_after_geometry_value_y (&g, chart->points[0][0].mean + 0.35);
  pixel = pixel_at (surface, x_mid, y_mid);
  g_assert_false (is_colour (pixel, chart->style.background, 10));
  /* Above 5, the highest score, nothing runs. */
  g_assert_true (is_colour (pixel_at (surface, x_mid, trellis_before_after_geometry_value_y (&g, 6.3)),
                            chart->style.background, 2));
  g_assert_cmpfloat (g.value_max, >=, 7);
  cairo_surface_destroy (surface);
}

/* Rendering only reads the table: two threads make identical images. */
static gpointer
render_in_thread (gpointer data)
{
  TrellisTrajectoryRasterOptions options = { 300, 200, 1, 5, { 0.2, 0.2, 0.2, 0.5 }, TRELLIS_TRAJECTORY_SCALE_LOG };

  return trellis_trajectory_raster_render (data, &options);
}

static void
test_raster_threads (void)
{
  g_autoptr(TrellisScoreTable) table = trajectory_fixture_new (5000, 3);
  GThread *first = g_thread_new ("raster-1", render_in_thread, table);
  GThread *second = g_thread_new ("raster-2", render_in_thread, table);
  cairo_surface_t *a = g_thread_join (first);
  cairo_surface_t *b = g_thread_join (second);
  gsize size = (gsize) cairo_image_surface_get_stride (a) * 200;

  g_assert_cmpmem (cairo_image_surface_get_data (a), size, cairo_image_surface_get_data (b), size);
  cairo_surface_destroy (a);
  cairo_surface_destroy (b);
}

/* Drawn at an offset into a larger surface, the plot stays in its box, at
 * any size, and an empty plot draws without complaint. */
static void
test_stays_inside (void)
{
  static const int sizes[][2] = { { 720, 480 }, { 120, 80 }, { 12, 9 }, { 1, 1 } };
  g_autoptr(Chart) chart = chart_new (66, TRUE, FALSE);
  TrellisBeforeAfterPlot empty = { .title = "Nothing", .value_min = NAN, .value_max = NAN };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    for (guint kind = 0; kind < 2; kind++)
      {
        int width = sizes[i][0], height = sizes[i][1];
        cairo_t *cr = canvas_new (width + 40, height + 40);
        cairo_surface_t *surface;

        cairo_translate (cr, 20, 20);
        trellis_before_after_plot_draw (cr, width, height, kind == 0 ? &chart->plot : &empty, &chart->style);
        surface = canvas_finish (cr);
        for (int y = 0; y < height + 40; y++)
          for (int x = 0; x < width + 40; x++)
            if (x < 20 || y < 20 || x >= width + 20 || y >= height + 20)
              g_assert_cmpuint (pixel_at (surface, x, y), ==, 0);
        cairo_surface_destroy (surface);
      }
}

typedef struct
{
  Chart *chart;
  const TrellisScoreTable *table;
} FileDrawing;

static void
draw_chart (cairo_t  *cr,
            double    width,
            double    height,
            gpointer  user_data)
{
  FileDrawing *drawing = user_data;

  trellis_before_after_plot_draw_with_table (cr, width, height, &drawing->chart->plot, drawing->table,
                                             &drawing->chart->style);
}

/* A PNG at a chosen resolution has that many pixels per inch of its size in
 * points, and the same drawing: the dot of the first mean sits at the same
 * place, scaled. */
static void
test_png_dpi (void)
{
  g_autoptr(Chart) chart = chart_new (1000, FALSE, FALSE);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("before-after-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "plot.png", NULL);
  FileDrawing drawing = { chart, chart->table };
  TrellisBeforeAfterGeometry g;
  cairo_surface_t *image;
  double scale = 300 / 72.0;
  double x, y;

  g_assert_true (trellis_plot_file_write_with_dpi (path, 480, 320, 300, draw_chart, &drawing, &error));
  g_assert_no_error (error);
  image = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 2000);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 1334);
  save_screenshot (image, "before-after-300dpi");

  /* The layout with trajectories, whose range the plot widened to. */
  g_assert_true (trellis_trajectory_raster_value_range (chart->table, &chart->plot.value_min, &chart->plot.value_max));
  chart->plot.trajectories = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  trellis_before_after_plot_layout (&chart->plot, 480, 320, &chart->style, &g);
  x = trellis_before_after_geometry_point_x (&g, 0, 0) * scale;
  y = trellis_before_after_geometry_value_y (&g, chart->points[0][0].mean) * scale;
  g_assert_true (is_colour (pixel_at (image, x, y), trellis_plot_style_get_series (&chart->style, 0), 2));
  cairo_surface_destroy (image);
  g_remove (path);
  g_rmdir (dir);
}

/* Vector files carry the trajectories as an image under the vector means. */
static void
test_vector_files (void)
{
  g_autoptr(Chart) chart = chart_new (1000, TRUE, FALSE);
  g_autofree char *dir = g_dir_make_tmp ("before-after-XXXXXX", NULL);
  g_autofree char *svg = g_build_filename (dir, "plot.svg", NULL);
  g_autofree char *pdf = g_build_filename (dir, "plot.PDF", NULL);
  g_autofree char *svg_text = NULL;
  g_autofree char *pdf_bytes = NULL;
  FileDrawing drawing = { chart, chart->table };
  g_autoptr(GError) error = NULL;
  gsize pdf_length;

  g_assert_true (trellis_plot_file_write (svg, 720, 480, draw_chart, &drawing, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (svg, &svg_text, NULL, NULL));
  g_assert_nonnull (strstr (svg_text, "<svg"));
  g_assert_nonnull (strstr (svg_text, "<image"));

  g_assert_true (trellis_plot_file_write (pdf, 720, 480, draw_chart, &drawing, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pdf, &pdf_bytes, &pdf_length, NULL));
  g_assert_cmpmem (pdf_bytes, 5, "%PDF-", 5);
  g_assert_true (trellis_test_contains_bytes (pdf_bytes, pdf_length, "/Subtype /Image"));
  g_remove (svg);
  g_remove (pdf);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_data_func ("/trellis/plot/before-after/means-light", GINT_TO_POINTER (FALSE), test_means);
  g_test_add_data_func ("/trellis/plot/before-after/means-dark", GINT_TO_POINTER (TRUE), test_means);
  g_test_add_func ("/trellis/plot/before-after/cohorts", test_cohorts);
  g_test_add_func ("/trellis/plot/before-after/empty-timepoint", test_empty_timepoint);
  g_test_add_func ("/trellis/plot/before-after/hit-test", test_hit_test);
  g_test_add_func ("/trellis/plot/before-after/clipped-interval", test_clipped_interval);
  g_test_add_data_func ("/trellis/plot/before-after/trajectories-light", GINT_TO_POINTER (FALSE),
                        test_trajectories_under_means);
  g_test_add_data_func ("/trellis/plot/before-after/trajectories-dark", GINT_TO_POINTER (TRUE),
                        test_trajectories_under_means);
  g_test_add_func ("/trellis/plot/before-after/stays-inside", test_stays_inside);
  g_test_add_func ("/trellis/plot/before-after/png-dpi", test_png_dpi);
  g_test_add_func ("/trellis/plot/before-after/vector-files", test_vector_files);
  g_test_add_func ("/trellis/plot/trajectory-raster/density", test_raster_density);
  g_test_add_func ("/trellis/plot/trajectory-raster/skips-missing", test_raster_skips_missing);
  g_test_add_func ("/trellis/plot/trajectory-raster/threads", test_raster_threads);
  return g_test_run ();
}
