/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "trellis-plot-draw.h"
#include "trellis-plot-text.h"

/* A chart with nothing to show says so in the foreground at this alpha. */
#define MESSAGE_ALPHA 0.62

/* Unhinted metrics give text the same size on screen, in a PNG and in a PDF,
 * so a chart's layout, and with it every box and position a test or a
 * tooltip asks for, does not depend on the surface it is drawn on. */
static void
configure_context (PangoContext *context)
{
  cairo_font_options_t *options = cairo_font_options_create ();

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
}

/* For drawing on @cr. */
PangoContext *
trellis_plot_text_create_context (cairo_t *cr)
{
  PangoContext *context;

  g_return_val_if_fail (cr != NULL, NULL);

  context = pango_cairo_create_context (cr);
  configure_context (context);
  return context;
}

/* For measuring without a surface: the same metrics as on any surface. */
PangoContext *
trellis_plot_text_create_measure_context (void)
{
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());

  configure_context (context);
  return context;
}

/**
 * trellis_plot_text_new_layout:
 * @size: the font size in user units (pixels on screen, points on paper)
 * @wrap_width: where lines wrap, or 0 (or less) for no wrapping
 *
 * Returns: (transfer full): @text in the style's font family
 */
PangoLayout *
trellis_plot_text_new_layout (PangoContext           *context,
                              const TrellisPlotStyle *style,
                              double                  size,
                              PangoWeight             weight,
                              const char             *text,
                              double                  wrap_width)
{
  PangoLayout *layout;
  PangoFontDescription *font;

  g_return_val_if_fail (PANGO_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (style != NULL, NULL);

  layout = pango_layout_new (context);
  font = pango_font_description_new ();
  pango_font_description_set_family (font, style->font_family != NULL ? style->font_family : "sans-serif");
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, weight);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  if (wrap_width > 0)
    {
      pango_layout_set_width (layout, (int) (wrap_width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  return layout;
}

/* The logical size, unrounded: boxes built on it fit on every surface. */
void
trellis_plot_text_get_size (PangoLayout *layout,
                            double      *width,
                            double      *height)
{
  PangoRectangle logical;

  g_return_if_fail (PANGO_IS_LAYOUT (layout));

  pango_layout_get_extents (layout, NULL, &logical);
  if (width != NULL)
    *width = (double) logical.width / PANGO_SCALE;
  if (height != NULL)
    *height = (double) logical.height / PANGO_SCALE;
}

/* At x,y (the layout's top-left corner) in @cr's current source. */
void
trellis_plot_text_show (cairo_t     *cr,
                        PangoLayout *layout,
                        double       x,
                        double       y)
{
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

/* Centred on @x: a layout with a width is centred within it by Pango. */
void
trellis_plot_text_show_centred (cairo_t     *cr,
                                PangoLayout *layout,
                                double       x,
                                double       y)
{
  int width = pango_layout_get_width (layout);

  if (width < 0)
    pango_layout_get_size (layout, &width, NULL);
  trellis_plot_text_show (cr, layout, x - width / (2.0 * PANGO_SCALE), y);
}

/* In @rgba with its alpha times @alpha. A NULL @cr draws nothing, so that
 * one function can both measure and draw a block of text. */
void
trellis_plot_text_paint (cairo_t      *cr,
                         PangoLayout  *layout,
                         double        x,
                         double        y,
                         const double  rgba[4],
                         double        alpha)
{
  if (cr == NULL)
    return;
  trellis_plot_set_source (cr, rgba, alpha);
  trellis_plot_text_show (cr, layout, x, y);
}

/* A chart with nothing to show gets a quiet message in its middle rather
 * than an empty axis, cut short with an ellipsis where it is too narrow. */
void
trellis_plot_text_draw_message (cairo_t                *cr,
                                PangoContext           *context,
                                double                  width,
                                double                  height,
                                const TrellisPlotStyle *style,
                                const char             *message)
{
  g_autoptr(PangoLayout) layout = trellis_plot_text_new_layout (context, style, style->font_size,
                                                                PANGO_WEIGHT_NORMAL, message, 0);
  PangoRectangle logical;

  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_get_pixel_extents (layout, NULL, &logical);
  trellis_plot_set_source (cr, style->foreground, MESSAGE_ALPHA);
  trellis_plot_text_show (cr, layout, (width - logical.width) / 2 - logical.x,
                          (height - logical.height) / 2 - logical.y);
}
