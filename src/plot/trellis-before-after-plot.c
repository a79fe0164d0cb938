/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "trellis-before-after-private.h"
#include "trellis-plot-draw.h"
#include "trellis-plot-text.h"

/* Drawing the before-and-after plot from its laid-out frame
 * (trellis-before-after-layout.c): grid, trajectories, means with their
 * intervals, then the texts. */

/* Lines one unit wide look crisp when they sit on the middle of a pixel. */
static double
snap (double coordinate)
{
  return floor (coordinate) + 0.5;
}

static void
draw_grid (cairo_t *cr,
           BaFrame *frame)
{
  const TrellisBeforeAfterGeometry *g = &frame->geometry;
  const TrellisPlotStyle *style = frame->style;

  cairo_set_line_width (cr, 1);
  trellis_plot_set_source (cr, style->foreground, BA_GRID_ALPHA);
  for (guint i = 0; i < frame->axis.n_ticks; i++)
    {
      double y = snap (trellis_before_after_geometry_value_y (g, trellis_plot_axis_tick (&frame->axis, i)));

      cairo_move_to (cr, g->area_x, y);
      cairo_line_to (cr, g->area_x + g->area_width, y);
    }
  cairo_stroke (cr);

  /* The bottom edge is the x axis. */
  trellis_plot_set_source (cr, style->foreground, BA_AXIS_ALPHA);
  cairo_move_to (cr, g->area_x, snap (g->area_y + g->area_height));
  cairo_line_to (cr, g->area_x + g->area_width, snap (g->area_y + g->area_height));
  cairo_stroke (cr);
}

static void
draw_value_axis (cairo_t *cr,
                 BaFrame *frame)
{
  const TrellisBeforeAfterGeometry *g = &frame->geometry;
  int label_width, label_height;

  trellis_plot_set_source (cr, frame->style->foreground, BA_DIM_ALPHA);
  for (guint i = 0; i < frame->axis.n_ticks; i++)
    {
      double y = trellis_before_after_geometry_value_y (g, trellis_plot_axis_tick (&frame->axis, i));
      int width, height;

      pango_layout_get_pixel_size (frame->ticks[i], &width, &height);
      trellis_plot_text_show (cr, frame->ticks[i], frame->tick_label_right - width, y - height / 2.0);
    }

  if (frame->plot->value_label == NULL)
    return;
  /* Read bottom to top, centred on the area. */
  pango_layout_get_pixel_size (frame->value_label, &label_width, &label_height);
  cairo_save (cr);
  cairo_translate (cr, frame->value_label_x, g->area_y + (g->area_height + label_width) / 2);
  cairo_rotate (cr, -G_PI / 2);
  trellis_plot_set_source (cr, frame->style->foreground, 0.8);
  trellis_plot_text_show (cr, frame->value_label, 0, 0);
  cairo_restore (cr);
}

/* The raster was made for the area, at the device's resolution or another:
 * it is stretched to fit, without smoothing when it is pixel for pixel. */
static void
draw_trajectories (cairo_t *cr,
                   BaFrame *frame)
{
  const TrellisBeforeAfterGeometry *g = &frame->geometry;
  cairo_surface_t *raster = frame->plot->trajectories;
  int width = cairo_image_surface_get_width (raster);
  int height = cairo_image_surface_get_height (raster);
  double scale_x = g->area_width / MAX (width, 1), scale_y = g->area_height / MAX (height, 1);
  double device_x = 1, device_y = 1;
  cairo_pattern_t *pattern;

  if (width <= 0 || height <= 0)
    return;
  cairo_surface_get_device_scale (cairo_get_target (cr), &device_x, &device_y);
  cairo_save (cr);
  cairo_translate (cr, g->area_x, g->area_y);
  cairo_scale (cr, scale_x, scale_y);
  cairo_set_source_surface (cr, raster, 0, 0);
  pattern = cairo_get_source (cr);
  if (fabs (scale_x * device_x - 1) < 1e-6 && fabs (scale_y * device_y - 1) < 1e-6)
    cairo_pattern_set_filter (pattern, CAIRO_FILTER_FAST);
  else
    cairo_pattern_set_filter (pattern, CAIRO_FILTER_GOOD);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);
  cairo_restore (cr);
}

static gboolean
has_mean (const TrellisBeforeAfterPoint *point)
{
  return point->n > 0 && isfinite (point->mean);
}

/* Consecutive means are joined; a timepoint without one breaks the line. */
static void
draw_series_line (cairo_t      *cr,
                  BaFrame      *frame,
                  guint         series,
                  const double *colour)
{
  const TrellisBeforeAfterGeometry *g = &frame->geometry;
  const TrellisBeforeAfterPoint *points = frame->plot->series[series].points;
  gboolean drawing = FALSE;

  cairo_new_path (cr);
  for (guint t = 0; t < frame->plot->n_timepoints; t++)
    {
      double x = trellis_before_after_geometry_point_x (g, series, t);

      if (!has_mean (&points[t]))
        {
          drawing = FALSE;
          continue;
        }
      if (drawing)
        cairo_line_to (cr, x, trellis_before_after_geometry_value_y (g, points[t].mean));
      else
        cairo_move_to (cr, x, trellis_before_after_geometry_value_y (g, points[t].mean));
      drawing = TRUE;
    }
  cairo_set_line_width (cr, 0.14 * frame->em);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  trellis_plot_set_source (cr, colour, 0.85);
  cairo_stroke (cr);
}

/* A cap, or where the interval runs past the axis, an arrowhead at the edge. */
static void
append_whisker_end (cairo_t *cr,
                    double   x,
                    double   y,
                    double   cap,
                    int      clipped)
{
  if (clipped == 0)
    {
      cairo_move_to (cr, x - cap, y);
      cairo_line_to (cr, x + cap, y);
      return;
    }
  cairo_move_to (cr, x - cap, y - clipped * cap);
  cairo_line_to (cr, x, y);
  cairo_line_to (cr, x + cap, y - clipped * cap);
}

static void
draw_whisker (cairo_t                       *cr,
              BaFrame                       *frame,
              double                         x,
              const TrellisBeforeAfterPoint *point,
              const double                  *colour)
{
  const TrellisBeforeAfterGeometry *g = &frame->geometry;
  double cap = BA_CAP_EM * frame->em;
  double top = g->area_y, bottom = g->area_y + g->area_height;
  double low, high;

  if (!isfinite (point->ci_low) || !isfinite (point->ci_high))
    return;
  low = trellis_before_after_geometry_value_y (g, point->ci_low);
  high = trellis_before_after_geometry_value_y (g, point->ci_high);
  cairo_move_to (cr, x, CLAMP (low, top, bottom));
  cairo_line_to (cr, x, CLAMP (high, top, bottom));
  /* Down the page is +1: an arrow at the bottom points down. */
  append_whisker_end (cr, x, CLAMP (low, top, bottom), cap, low > bottom + 0.5 ? 1 : 0);
  append_whisker_end (cr, x, CLAMP (high, top, bottom), cap, high < top - 0.5 ? -1 : 0);
  cairo_set_line_width (cr, 0.13 * frame->em);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  trellis_plot_set_source (cr, colour, 1.0);
  cairo_stroke (cr);
}

/* A ring of the background colour sets the dot off the trajectories. */
static void
draw_dot (cairo_t      *cr,
          BaFrame      *frame,
          double        x,
          double        y,
          const double *colour)
{
  const double *ground = frame->style->background;
  double radius = BA_POINT_EM * frame->em;

  cairo_new_sub_path (cr);
  cairo_arc (cr, x, y, radius, 0, 2 * G_PI);
  trellis_plot_set_source (cr, colour, 1.0);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, ground[0], ground[1], ground[2]);
  cairo_set_line_width (cr, 0.12 * frame->em);
  cairo_stroke (cr);
}

static void
draw_means (cairo_t *cr,
            BaFrame *frame)
{
  const TrellisBeforeAfterGeometry *g = &frame->geometry;
  const TrellisBeforeAfterPlot *plot = frame->plot;

  for (guint s = 0; s < plot->n_series; s++)
    {
      const double *colour = trellis_plot_style_get_series (frame->style, s);

      draw_series_line (cr, frame, s, colour);
      for (guint t = 0; t < plot->n_timepoints; t++)
        if (has_mean (&plot->series[s].points[t]))
          draw_whisker (cr, frame, trellis_before_after_geometry_point_x (g, s, t),
                        &plot->series[s].points[t], colour);
      for (guint t = 0; t < plot->n_timepoints; t++)
        if (has_mean (&plot->series[s].points[t]))
          draw_dot (cr, frame, trellis_before_after_geometry_point_x (g, s, t),
                    trellis_before_after_geometry_value_y (g, plot->series[s].points[t].mean), colour);
    }
}

static void
draw_timepoint_texts (cairo_t *cr,
                      BaFrame *frame)
{
  const TrellisBeforeAfterGeometry *g = &frame->geometry;
  const double *fg = frame->style->foreground;

  for (guint t = 0; t < frame->plot->n_timepoints; t++)
    {
      double x = trellis_before_after_geometry_timepoint_x (g, t);

      trellis_plot_set_source (cr, fg, 1.0);
      trellis_plot_text_show_centred (cr, frame->x_labels[t], x, frame->x_label_y);
      trellis_plot_set_source (cr, fg, BA_DIM_ALPHA);
      trellis_plot_text_show_centred (cr, frame->n_labels[t], x, frame->n_label_y);
      if (frame->annotations != NULL && frame->annotations[t] != NULL)
        {
          trellis_plot_set_source (cr, fg, 0.8);
          trellis_plot_text_show_centred (cr, frame->annotations[t], x, frame->annotation_y);
        }
    }
}

static void
draw_legend (cairo_t *cr,
             BaFrame *frame)
{
  double swatch = BA_SWATCH_EM * frame->em;

  if (frame->legend == NULL)
    return;
  for (guint s = 0; s < frame->plot->n_series; s++)
    {
      const double *colour = trellis_plot_style_get_series (frame->style, s);
      BaPoint at = frame->legend_at[s];
      double mid = at.y + frame->legend_row_height / 2;
      int height;

      cairo_move_to (cr, at.x, mid);
      cairo_line_to (cr, at.x + swatch, mid);
      cairo_set_line_width (cr, 0.14 * frame->em);
      trellis_plot_set_source (cr, colour, 0.85);
      cairo_stroke (cr);
      draw_dot (cr, frame, at.x + swatch / 2, mid, colour);

      pango_layout_get_pixel_size (frame->legend[s], NULL, &height);
      trellis_plot_set_source (cr, frame->style->foreground, 0.85);
      trellis_plot_text_show (cr, frame->legend[s], at.x + swatch + 0.4 * frame->em, mid - height / 2.0);
    }
}

static void
draw_header (cairo_t *cr,
             BaFrame *frame)
{
  if (frame->title != NULL)
    {
      trellis_plot_set_source (cr, frame->style->foreground, 1.0);
      trellis_plot_text_show (cr, frame->title, frame->title_at.x, frame->title_at.y);
    }
  trellis_plot_set_source (cr, frame->style->foreground, BA_DIM_ALPHA);
  trellis_plot_text_show (cr, frame->subtitle, frame->subtitle_at.x, frame->subtitle_at.y);
  draw_legend (cr, frame);
}

static gboolean
check_plot (const TrellisBeforeAfterPlot *plot)
{
  g_return_val_if_fail (plot != NULL, FALSE);
  g_return_val_if_fail (plot->n_series == 0 || plot->series != NULL, FALSE);
  g_return_val_if_fail (plot->trajectories == NULL
                        || cairo_surface_get_type (plot->trajectories) == CAIRO_SURFACE_TYPE_IMAGE, FALSE);
  for (guint s = 0; s < plot->n_series; s++)
    g_return_val_if_fail (plot->n_timepoints == 0 || plot->series[s].points != NULL, FALSE);
  return TRUE;
}

/**
 * trellis_before_after_plot_draw:
 * @cr: where to draw, with 0,0 at the chart's top-left corner
 * @width: the chart's width in user units
 * @height: the chart's height in user units
 * @plot: what to draw
 * @style: colours and font
 *
 * Draws the plot. Nothing is drawn outside 0,0–@width,@height.
 */
void
trellis_before_after_plot_draw (cairo_t                      *cr,
                                double                        width,
                                double                        height,
                                const TrellisBeforeAfterPlot *plot,
                                const TrellisPlotStyle       *style)
{
  PangoContext *context;
  BaFrame frame;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (style != NULL && style->font_size > 0);
  if (!check_plot (plot) || !(width > 0 && height > 0))
    return;

  context = trellis_plot_begin (cr, width, height, style);
  ba_frame_init (&frame, context, plot, width, height, style);

  draw_grid (cr, &frame);
  if (plot->trajectories != NULL)
    draw_trajectories (cr, &frame);
  draw_value_axis (cr, &frame);
  draw_means (cr, &frame);
  draw_timepoint_texts (cr, &frame);
  draw_header (cr, &frame);

  ba_frame_clear (&frame);
  trellis_plot_end (cr, context);
}

/**
 * trellis_before_after_plot_layout:
 * @geometry: (out): where trellis_before_after_plot_draw() puts the area
 *
 * Computes the geometry without drawing: for a raster of the area's size
 * before the first frame, for tooltips and for tests.
 */
void
trellis_before_after_plot_layout (const TrellisBeforeAfterPlot *plot,
                                  double                        width,
                                  double                        height,
                                  const TrellisPlotStyle       *style,
                                  TrellisBeforeAfterGeometry   *geometry)
{
  PangoContext *context;
  BaFrame frame;

  g_return_if_fail (style != NULL && style->font_size > 0);
  g_return_if_fail (geometry != NULL);
  if (!check_plot (plot))
    return;

  context = trellis_plot_text_create_measure_context ();
  ba_frame_init (&frame, context, plot, MAX (width, 1), MAX (height, 1), style);
  *geometry = frame.geometry;
  ba_frame_clear (&frame);
  g_object_unref (context);
}

/**
 * trellis_before_after_plot_hit_test:
 * @x: a position, in the units the plot was drawn in
 * @y:
 * @series: (out) (optional): the series of the mean at that position
 * @timepoint: (out) (optional): its timepoint
 *
 * Finds the mean under the pointer: the nearest whose dot or interval is
 * within the geometry's hit radius of (@x, @y).
 *
 * Returns: whether there is one
 */
gboolean
trellis_before_after_plot_hit_test (const TrellisBeforeAfterPlot     *plot,
                                    const TrellisBeforeAfterGeometry *geometry,
                                    double                            x,
                                    double                            y,
                                    guint                            *series,
                                    guint                            *timepoint)
{
  double best = INFINITY, radius;
  gboolean found = FALSE;

  g_return_val_if_fail (geometry != NULL, FALSE);
  if (!check_plot (plot))
    return FALSE;

  radius = geometry->hit_radius;
  for (guint s = 0; s < plot->n_series; s++)
    for (guint t = 0; t < plot->n_timepoints; t++)
      {
        const TrellisBeforeAfterPoint *point = &plot->series[s].points[t];
        double px, top, bottom, dy, distance;

        if (!has_mean (point))
          continue;
        px = trellis_before_after_geometry_point_x (geometry, s, t);
        top = bottom = trellis_before_after_geometry_value_y (geometry, point->mean);
        if (isfinite (point->ci_low) && isfinite (point->ci_high))
          {
            top = MIN (top, trellis_before_after_geometry_value_y (geometry, point->ci_high));
            bottom = MAX (bottom, trellis_before_after_geometry_value_y (geometry, point->ci_low));
            top = MAX (top, geometry->area_y);
            bottom = MIN (bottom, geometry->area_y + geometry->area_height);
          }
        /* The distance to the interval, a vertical segment through the dot. */
        dy = y < top ? top - y : y > bottom ? y - bottom : 0;
        distance = hypot (x - px, dy);
        if (distance <= radius && distance < best)
          {
            best = distance;
            found = TRUE;
            if (series != NULL)
              *series = s;
            if (timepoint != NULL)
              *timepoint = t;
          }
      }
  return found;
}

/* Faint enough that the means stay the first thing the eye finds. */
#define TRAJECTORY_ALPHA 0.4

/* A PDF or SVG has no pixels of its own: the raster is made at 216 dpi (3
 * per point), sharp in print, small once compressed. */
#define VECTOR_RASTER_SCALE 3.0

void
trellis_before_after_plot_raster_options (const TrellisBeforeAfterGeometry *geometry,
                                          const TrellisPlotStyle           *style,
                                          double                            scale,
                                          TrellisTrajectoryRasterOptions   *options)
{
  g_return_if_fail (geometry != NULL && style != NULL && options != NULL);
  g_return_if_fail (scale > 0);

  options->width = (int) MAX (ceil (geometry->area_width * scale - 1e-6), 1);
  options->height = (int) MAX (ceil (geometry->area_height * scale - 1e-6), 1);
  options->value_min = geometry->value_min;
  options->value_max = geometry->value_max;
  options->rgba[0] = style->foreground[0];
  options->rgba[1] = style->foreground[1];
  options->rgba[2] = style->foreground[2];
  options->rgba[3] = TRAJECTORY_ALPHA;
  options->scale = TRELLIS_TRAJECTORY_SCALE_SQRT;
  options->smoothing = scale;
}

static double
raster_scale_for (cairo_t *cr)
{
  cairo_surface_t *target = cairo_get_target (cr);
  double x_scale = 1, y_scale = 1;
  cairo_matrix_t matrix;

  if (cairo_surface_get_type (target) != CAIRO_SURFACE_TYPE_IMAGE)
    return VECTOR_RASTER_SCALE;
  cairo_surface_get_device_scale (target, &x_scale, &y_scale);
  cairo_get_matrix (cr, &matrix);
  /* A user-space scale (a report placing the plot smaller) counts too. */
  return MAX (x_scale * hypot (matrix.xx, matrix.yx), 0.1);
}

void
trellis_before_after_plot_draw_with_table (cairo_t                      *cr,
                                           double                        width,
                                           double                        height,
                                           const TrellisBeforeAfterPlot *plot,
                                           const TrellisScoreTable      *table,
                                           const TrellisPlotStyle       *style)
{
  TrellisBeforeAfterPlot with_raster;
  TrellisBeforeAfterGeometry geometry;
  TrellisTrajectoryRasterOptions options;
  double low, high;

  g_return_if_fail (cr != NULL && plot != NULL && style != NULL);

  if (table == NULL || plot->trajectories != NULL || !(width > 0 && height > 0))
    {
      trellis_before_after_plot_draw (cr, width, height, plot, style);
      return;
    }

  /* The axis covers every score, or lines would run off the area; the
   * raster's presence changes the subtitle, never the area, and a stand-in
   * makes the layout exactly the one drawn. */
  with_raster = *plot;
  if (trellis_trajectory_raster_value_range (table, &low, &high))
    {
      with_raster.value_min = isfinite (plot->value_min) ? MIN (plot->value_min, low) : low;
      with_raster.value_max = isfinite (plot->value_max) ? MAX (plot->value_max, high) : high;
    }
  with_raster.trajectories = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  trellis_before_after_plot_layout (&with_raster, width, height, style, &geometry);
  cairo_surface_destroy (with_raster.trajectories);

  trellis_before_after_plot_raster_options (&geometry, style, raster_scale_for (cr), &options);
  with_raster.trajectories = trellis_trajectory_raster_render (table, &options);
  trellis_before_after_plot_draw (cr, width, height, &with_raster, style);
  cairo_surface_destroy (with_raster.trajectories);
}
