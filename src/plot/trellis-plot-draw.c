/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "trellis-plot-draw.h"
#include "trellis-plot-text.h"

/**
 * trellis_plot_begin:
 * @width: the chart's width in user units, greater than 0
 * @height: its height
 *
 * Saves @cr's state and clips it to 0,0–@width,@height, so that nothing is
 * drawn outside however small it is, then paints the style's background
 * unless it is transparent (as in the widget, which has its own).
 *
 * Returns: (transfer full): a context for the chart's text; give it back to
 * trellis_plot_end()
 */
PangoContext *
trellis_plot_begin (cairo_t                *cr,
                    double                  width,
                    double                  height,
                    const TrellisPlotStyle *style)
{
  g_return_val_if_fail (cr != NULL && style != NULL, NULL);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  if (style->background[3] > 0)
    {
      trellis_plot_set_source (cr, style->background, 1.0);
      cairo_paint (cr);
    }
  return trellis_plot_text_create_context (cr);
}

/* Frees @context and restores what trellis_plot_begin() saved. */
void
trellis_plot_end (cairo_t      *cr,
                  PangoContext *context)
{
  g_clear_object (&context);
  cairo_restore (cr);
}

/* @rgba with its alpha multiplied by @alpha: styles give colours, charts
 * fade them for grids, fills and secondary text. */
void
trellis_plot_set_source (cairo_t      *cr,
                         const double  rgba[4],
                         double        alpha)
{
  cairo_set_source_rgba (cr, rgba[0], rgba[1], rgba[2], rgba[3] * alpha);
}

/* A closed sub-path; the radius shrinks to fit a small rectangle, so a
 * rectangle no taller than twice it has round ends. */
void
trellis_plot_append_rounded_rectangle (cairo_t *cr,
                                       double   x,
                                       double   y,
                                       double   width,
                                       double   height,
                                       double   radius)
{
  radius = MIN (radius, MIN (width, height) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + width - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + width - radius, y + height - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + height - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}
