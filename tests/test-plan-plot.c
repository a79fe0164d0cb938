/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "plot-test-utils.h"
#include "trellis-plan-plot.h"
#include "trellis-plot-file.h"
#include "trellis-plot-style.h"
#include "trellis-test-utils.h"

#define WIDTH  720
#define HEIGHT 220

typedef struct
{
  const char *code;
  const char *label;
  int         target_day;
  int         window_min;
  int         window_max;
} PlanRow;

/* The plan a new study starts with: windows of 0, 7, 20 and 14 days. */
static const PlanRow default_plan[] = {
  { "T1", "Baseline", 0, 0, 0 },
  { "T2", "After workshop", 1, 0, 7 },
  { "T3", "After coaching", 14, 7, 27 },
  { "T4", "Follow-up", 35, 28, 42 },
};

typedef struct
{
  TrellisTimepoint **timepoints;
  guint              n_timepoints;
  TrellisPlotStyle   style;
} Plan;

static Plan *
plan_new (const PlanRow *rows,
          guint          n_rows)
{
  Plan *plan = g_new0 (Plan, 1);

  plan->timepoints = g_new0 (TrellisTimepoint *, MAX (n_rows, 1));
  plan->n_timepoints = n_rows;
  for (guint i = 0; i < n_rows; i++)
    {
      plan->timepoints[i] = trellis_timepoint_new (rows[i].code, rows[i].label,
                                                   rows[i].target_day,
                                                   rows[i].window_min,
                                                   rows[i].window_max);
      trellis_timepoint_set_position (plan->timepoints[i], i);
    }
  trellis_plot_style_init_light (&plan->style);
  return plan;
}

static void
plan_free (Plan *plan)
{
  for (guint i = 0; i < plan->n_timepoints; i++)
    g_object_unref (plan->timepoints[i]);
  g_free (plan->timepoints);
  g_free (plan);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Plan, plan_free)

static double
day_x (Plan   *plan,
       double  width,
       int     day)
{
  return trellis_plan_plot_day_to_x (width, plan->timepoints, plan->n_timepoints,
                                     &plan->style, day);
}

static double
lane_y (Plan   *plan,
        double  height,
        guint   lane)
{
  return trellis_plan_plot_lane_to_y (height, plan->n_timepoints, &plan->style, lane);
}

static cairo_surface_t *
render (Plan *plan,
        int   width,
        int   height)
{
  cairo_t *cr = canvas_new (width, height);

  trellis_plan_plot_draw (cr, width, height, plan->timepoints, plan->n_timepoints,
                          &plan->style);
  return canvas_finish (cr);
}

/* Both styles' accents are blue; greys (text, gridlines, background) are not. */
static gboolean
is_bluish (guint32 pixel)
{
  return channel (pixel, 0) - channel (pixel, 16) > 12;
}

/* How many pixels in a rectangle differ visibly from the background. */
static guint
count_ink (cairo_surface_t *surface,
           const double     background[4],
           double           left,
           double           top,
           double           right,
           double           bottom)
{
  guint ink = 0;

  for (int y = (int) top; y < (int) bottom; y++)
    for (int x = (int) left; x < (int) right; x++)
      ink += !rgb_near (pixel_at (surface, x, y), background, 8);
  return ink;
}

/* Each target dot sits at the x of its day in its own lane, and the accent
 * appears nowhere else along the lane's centre line. */
static void
assert_targets_at_days (Plan            *plan,
                        cairo_surface_t *surface,
                        int              width,
                        int              height)
{
  for (guint lane = 0; lane < plan->n_timepoints; lane++)
    {
      TrellisTimepoint *timepoint = plan->timepoints[lane];
      double target_x = day_x (plan, width, trellis_timepoint_get_target_day (timepoint));
      double y = lane_y (plan, height, lane);

      g_assert_true (is_colour (pixel_at (surface, target_x, y), plan->style.accent, 2));

      for (int x = 0; x < width; x++)
        if (ABS (x - target_x) > 12)
          g_assert_false (is_colour (pixel_at (surface, x, y), plan->style.accent, 2));
    }
}

static void
test_targets (gconstpointer data)
{
  gboolean dark = GPOINTER_TO_INT (data);
  g_autoptr(Plan) plan = plan_new (default_plan, G_N_ELEMENTS (default_plan));
  cairo_surface_t *surface;

  if (dark)
    trellis_plot_style_init_dark (&plan->style);
  surface = render (plan, WIDTH, HEIGHT);
  save_screenshot (surface, "plan-plot-%s", dark ? "default-dark" : "default-light");

  g_assert_true (is_colour (pixel_at (surface, 1, 1), plan->style.background, 2));
  assert_targets_at_days (plan, surface, WIDTH, HEIGHT);
  cairo_surface_destroy (surface);
}

/* A lane's ink grows with its window: T1 (no window) < T2 (7 days) < T4 (14)
 * < T3 (20). Only the day axis is counted, so the labels do not interfere. */
static void
test_window_ink (void)
{
  g_autoptr(Plan) plan = plan_new (default_plan, G_N_ELEMENTS (default_plan));
  cairo_surface_t *surface = render (plan, WIDTH, HEIGHT);
  double half_lane = (lane_y (plan, HEIGHT, 1) - lane_y (plan, HEIGHT, 0)) / 2;
  double left = day_x (plan, WIDTH, -1);
  double right = day_x (plan, WIDTH, 43);
  guint ink[G_N_ELEMENTS (default_plan)];

  for (guint lane = 0; lane < G_N_ELEMENTS (default_plan); lane++)
    {
      double y = lane_y (plan, HEIGHT, lane);

      ink[lane] = count_ink (surface, plan->style.background, left, y - half_lane,
                             right, y + half_lane);
      g_test_message ("lane %u: %u pixels of ink", lane, ink[lane]);
    }

  g_assert_cmpuint (ink[0], <, ink[1]);
  g_assert_cmpuint (ink[1], <, ink[3]);
  g_assert_cmpuint (ink[3], <, ink[2]);
  cairo_surface_destroy (surface);
}

/* With no timepoints only the message is drawn, in the middle: no axis, no
 * gridlines, nothing else anywhere. */
static void
test_empty (void)
{
  g_autoptr(Plan) plan = plan_new (NULL, 0);
  cairo_surface_t *surface = render (plan, WIDTH, HEIGHT);
  double box_left = WIDTH / 2.0 - 120, box_right = WIDTH / 2.0 + 120;
  double box_top = HEIGHT / 2.0 - 16, box_bottom = HEIGHT / 2.0 + 16;
  guint inside;

  save_screenshot (surface, "plan-plot-empty");
  for (int y = 0; y < HEIGHT; y++)
    for (int x = 0; x < WIDTH; x++)
      {
        gboolean in_box = x >= box_left && x < box_right && y >= box_top && y < box_bottom;

        if (!in_box)
          g_assert_true (is_colour (pixel_at (surface, x, y), plan->style.background, 2));
      }

  inside = count_ink (surface, plan->style.background, box_left, box_top,
                      box_right, box_bottom);
  g_assert_cmpuint (inside, >, 50);
  cairo_surface_destroy (surface);
}

/* However small the chart, nothing is drawn outside its rectangle. */
static void
assert_stays_inside (Plan   *plan,
                     double  width,
                     double  height)
{
  cairo_t *cr = canvas_new (120, 80);
  cairo_surface_t *surface;

  trellis_plan_plot_draw (cr, width, height, plan->timepoints, plan->n_timepoints,
                          &plan->style);
  surface = canvas_finish (cr);

  /* Pixels the rectangle covers in full are painted; those it only touches
   * at a fractional edge may be either. */
  for (int y = 0; y < 80; y++)
    for (int x = 0; x < 120; x++)
      if (x >= ceil (width) || y >= ceil (height))
        g_assert_cmphex (pixel_at (surface, x, y), ==, 0);
      else if (x + 1 <= width && y + 1 <= height)
        g_assert_cmpint (channel (pixel_at (surface, x, y), 24), ==, 0xff);

  cairo_surface_destroy (surface);
}

static void
test_tiny (void)
{
  g_autoptr(Plan) plan = plan_new (default_plan, G_N_ELEMENTS (default_plan));
  g_autoptr(Plan) empty = plan_new (NULL, 0);
  static const double sizes[][2] = {
    { 50, 20 }, { 1, 1 }, { 0, 0 }, { -5, 10 }, { 100, 3 }, { 5, 79 }, { 119.5, 79.5 },
  };
  cairo_surface_t *surface;

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      assert_stays_inside (plan, sizes[i][0], sizes[i][1]);
      assert_stays_inside (empty, sizes[i][0], sizes[i][1]);
    }

  surface = render (plan, 50, 20);
  save_screenshot (surface, "plan-plot-tiny");
  cairo_surface_destroy (surface);
}

static void
assert_plan_renders (const PlanRow *rows,
                     guint          n_rows,
                     const char    *name)
{
  g_autoptr(Plan) plan = plan_new (rows, n_rows);
  int height = (int) trellis_plan_plot_get_preferred_height (n_rows, &plan->style);
  cairo_surface_t *surface = render (plan, WIDTH, height);

  save_screenshot (surface, "plan-plot-%s", name);
  assert_targets_at_days (plan, surface, WIDTH, height);
  cairo_surface_destroy (surface);
}

static void
test_single (void)
{
  static const PlanRow rows[] = { { "T1", "Baseline", 0, 0, 0 } };

  assert_plan_renders (rows, G_N_ELEMENTS (rows), "single");
}

static void
test_negative_days (void)
{
  static const PlanRow rows[] = {
    { "T0", "Screening", -14, -21, -7 },
    { "T1", "Baseline", 0, 0, 0 },
    { "T2", "Two weeks", 14, 10, 18 },
  };

  assert_plan_renders (rows, G_N_ELEMENTS (rows), "negative");
}

static void
test_long_range (void)
{
  static const PlanRow rows[] = {
    { "T1", "Baseline", 0, 0, 0 },
    { "T2", "One year", 365, 335, 395 },
    { "T3", "Five years", 1826, 1766, 1886 },
    { "T4", "Ten years, the last follow-up before the study closes", 3650, 3600, 3650 },
  };

  assert_plan_renders (rows, G_N_ELEMENTS (rows), "long");
}

/* A window of no width is a dot alone: no bar either side of it. */
static void
test_zero_width_window (void)
{
  static const PlanRow rows[] = {
    { "T1", "Baseline", 0, 0, 0 },
    { "T2", "Day ten, exactly", 10, 10, 10 },
    { "T3", "Around day twenty", 20, 15, 25 },
  };
  g_autoptr(Plan) plan = plan_new (rows, G_N_ELEMENTS (rows));
  cairo_surface_t *surface = render (plan, WIDTH, HEIGHT);
  double y = lane_y (plan, HEIGHT, 1);
  double x = day_x (plan, WIDTH, 10);
  double day = day_x (plan, WIDTH, 1) - day_x (plan, WIDTH, 0);

  save_screenshot (surface, "plan-plot-zero-width");
  g_assert_true (is_colour (pixel_at (surface, x, y), plan->style.accent, 2));
  g_assert_false (is_bluish (pixel_at (surface, x - 3 * day, y)));
  g_assert_false (is_bluish (pixel_at (surface, x + 3 * day, y)));

  /* The lane below it has a bar at the same distance from its dot. */
  y = lane_y (plan, HEIGHT, 2);
  x = day_x (plan, WIDTH, 20);
  g_assert_true (is_bluish (pixel_at (surface, x - 3 * day, y)));
  g_assert_true (is_bluish (pixel_at (surface, x + 3 * day, y)));
  cairo_surface_destroy (surface);
}

static void
test_geometry (void)
{
  g_autoptr(Plan) plan = plan_new (default_plan, G_N_ELEMENTS (default_plan));
  double lane_height = trellis_plan_plot_get_preferred_height (2, &plan->style)
                       - trellis_plan_plot_get_preferred_height (1, &plan->style);
  double previous = -1;

  g_assert_cmpfloat (lane_height, >, plan->style.font_size);
  g_assert_cmpfloat (trellis_plan_plot_get_preferred_height (0, &plan->style), >, 0);
  g_assert_cmpfloat (trellis_plan_plot_get_preferred_height (4, &plan->style), ==,
                     trellis_plan_plot_get_preferred_height (1, &plan->style) + 3 * lane_height);

  for (int day = -1; day <= 43; day++)
    {
      double x = day_x (plan, WIDTH, day);

      g_assert_cmpfloat (x, >, previous);
      g_assert_cmpfloat (x, >, WIDTH / 5.0);
      g_assert_cmpfloat (x, <, WIDTH);
      previous = x;
    }

  for (guint lane = 1; lane < 4; lane++)
    g_assert_cmpfloat (lane_y (plan, HEIGHT, lane), >, lane_y (plan, HEIGHT, lane - 1));
}

static void
draw_plan (cairo_t  *cr,
           double    width,
           double    height,
           gpointer  user_data)
{
  Plan *plan = user_data;

  trellis_plan_plot_draw (cr, width, height, plan->timepoints, plan->n_timepoints,
                          &plan->style);
}

/* PNGs are written at a device scale of 2: the image is twice the chart size. */
static void
test_file_png (void)
{
  g_autoptr(Plan) plan = plan_new (default_plan, G_N_ELEMENTS (default_plan));
  g_autofree char *path = trellis_test_screenshot_path ("plan-plot-file.png");
  g_autoptr(GError) error = NULL;
  guint width, height;

  g_assert_true (trellis_plot_file_write (path, WIDTH, HEIGHT, draw_plan, plan, &error));
  g_assert_no_error (error);
  trellis_test_png_size (path, &width, &height);
  g_assert_cmpuint (width, ==, 2 * WIDTH);
  g_assert_cmpuint (height, ==, 2 * HEIGHT);
}

static void
test_file_vector (void)
{
  g_autoptr(Plan) plan = plan_new (default_plan, G_N_ELEMENTS (default_plan));
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = trellis_test_make_tmp_dir ();
  g_autofree char *svg = g_build_filename (dir, "plan.svg", NULL);
  g_autofree char *pdf = g_build_filename (dir, "plan.pdf", NULL);
  g_autofree char *upper = g_build_filename (dir, "PLAN.PDF", NULL);
  g_autofree char *contents = NULL;

  g_assert_true (trellis_plot_file_write (svg, WIDTH, HEIGHT, draw_plan, plan, &error));
  g_assert_no_error (error);
  contents = trellis_test_read_file (svg, NULL);
  g_assert_true (g_str_has_prefix (contents, "<?xml") || g_str_has_prefix (contents, "<svg"));
  g_assert_nonnull (strstr (contents, "width=\"720px\""));

  g_assert_true (trellis_plot_file_write (pdf, WIDTH, HEIGHT, draw_plan, plan, &error));
  g_assert_no_error (error);
  trellis_test_assert_file_starts_with (pdf, "%PDF", 4);

  g_assert_true (trellis_plot_file_write (upper, WIDTH, HEIGHT, draw_plan, plan, &error));
  g_assert_no_error (error);
  trellis_test_assert_file_starts_with (upper, "%PDF", 4);

  g_assert_no_errno (g_remove (svg));
  g_assert_no_errno (g_remove (pdf));
  g_assert_no_errno (g_remove (upper));
  g_assert_no_errno (g_rmdir (dir));
}

static void
test_file_unknown_format (void)
{
  g_autoptr(Plan) plan = plan_new (default_plan, G_N_ELEMENTS (default_plan));
  g_autoptr(GError) error = NULL;

  g_assert_false (trellis_plot_file_write ("x.bmp", WIDTH, HEIGHT, draw_plan, plan, &error));
  g_assert_error (error, TRELLIS_PLOT_ERROR, TRELLIS_PLOT_ERROR_UNKNOWN_FORMAT);
  g_assert_cmpstr (error->message, ==,
                   "“x.bmp”: unknown plot format “.bmp” (use .png, .svg or .pdf)");
  g_assert_false (g_file_test ("x.bmp", G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_assert_false (trellis_plot_file_write ("plot", WIDTH, HEIGHT, draw_plan, plan, &error));
  g_assert_error (error, TRELLIS_PLOT_ERROR, TRELLIS_PLOT_ERROR_UNKNOWN_FORMAT);
  g_assert_nonnull (strstr (error->message, "“plot”"));
}

static void
test_file_missing_directory (void)
{
  g_autoptr(Plan) plan = plan_new (default_plan, G_N_ELEMENTS (default_plan));
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = trellis_test_make_tmp_dir ();
  static const char *const names[] = { "plan.png", "plan.svg", "plan.pdf" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, "no-such-folder", names[i], NULL);

      g_assert_false (trellis_plot_file_write (path, WIDTH, HEIGHT, draw_plan, plan, &error));
      g_assert_error (error, TRELLIS_PLOT_ERROR, TRELLIS_PLOT_ERROR_WRITE_FAILED);
      g_assert_nonnull (strstr (error->message, path));
      g_assert_nonnull (strstr (error->message,
                                cairo_status_to_string (CAIRO_STATUS_WRITE_ERROR)));
      g_test_message ("%s", error->message);
      g_clear_error (&error);
    }
  g_assert_no_errno (g_rmdir (dir));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_data_func ("/trellis/plot/plan-plot/targets-light", GINT_TO_POINTER (FALSE),
                        test_targets);
  g_test_add_data_func ("/trellis/plot/plan-plot/targets-dark", GINT_TO_POINTER (TRUE),
                        test_targets);
  g_test_add_func ("/trellis/plot/plan-plot/window-ink", test_window_ink);
  g_test_add_func ("/trellis/plot/plan-plot/empty", test_empty);
  g_test_add_func ("/trellis/plot/plan-plot/tiny", test_tiny);
  g_test_add_func ("/trellis/plot/plan-plot/single", test_single);
  g_test_add_func ("/trellis/plot/plan-plot/negative-days", test_negative_days);
  g_test_add_func ("/trellis/plot/plan-plot/long-range", test_long_range);
  g_test_add_func ("/trellis/plot/plan-plot/zero-width-window", test_zero_width_window);
  g_test_add_func ("/trellis/plot/plan-plot/geometry", test_geometry);
  g_test_add_func ("/trellis/plot/plan-plot/file-png", test_file_png);
  g_test_add_func ("/trellis/plot/plan-plot/file-vector", test_file_vector);
  g_test_add_func ("/trellis/plot/plan-plot/file-unknown-format", test_file_unknown_format);
  g_test_add_func ("/trellis/plot/plan-plot/file-missing-directory",
                   test_file_missing_directory);

  return g_test_run ();
}
