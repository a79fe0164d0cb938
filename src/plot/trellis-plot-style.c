/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "trellis-plot-style.h"

/* Cantarell is GNOME's interface font; the generic family keeps text readable
 * on systems (and CI machines) that do not have it. */
#define PLOT_FONT_FAMILY "Cantarell, sans-serif"
#define PLOT_FONT_SIZE   14.0

static void
set_series (TrellisPlotStyle          *style,
            TrellisPlotPaletteVariant  variant)
{
  for (guint i = 0; i < TRELLIS_PLOT_PALETTE_SIZE; i++)
    trellis_plot_palette_get_colour (variant, i, style->series[i]);
}

static void
set_rgba (double dest[4],
          double red,
          double green,
          double blue,
          double alpha)
{
  dest[0] = red;
  dest[1] = green;
  dest[2] = blue;
  dest[3] = alpha;
}

/* The light preset matches libadwaita's light palette: text at 80% black (its
 * window_fg_color) on white, and the blue accent #3584e4. */
void
trellis_plot_style_init_light (TrellisPlotStyle *style)
{
  g_return_if_fail (style != NULL);

  memset (style, 0, sizeof *style);
  set_rgba (style->foreground, 0.0, 0.0, 0.0, 0.8);
  set_rgba (style->background, 1.0, 1.0, 1.0, 1.0);
  set_rgba (style->accent, 0x35 / 255.0, 0x84 / 255.0, 0xe4 / 255.0, 1.0);
  set_rgba (style->window, 0x35 / 255.0, 0x84 / 255.0, 0xe4 / 255.0, 0.25);
  set_series (style, TRELLIS_PLOT_PALETTE_LIGHT);
  style->font_family = PLOT_FONT_FAMILY;
  style->font_size = PLOT_FONT_SIZE;
}

/* The dark preset matches libadwaita's dark palette: white text on #242424
 * and the lighter accent #78aeed, which keeps its contrast on a dark ground. */
void
trellis_plot_style_init_dark (TrellisPlotStyle *style)
{
  g_return_if_fail (style != NULL);

  memset (style, 0, sizeof *style);
  set_rgba (style->foreground, 1.0, 1.0, 1.0, 1.0);
  set_rgba (style->background, 0x24 / 255.0, 0x24 / 255.0, 0x24 / 255.0, 1.0);
  set_rgba (style->accent, 0x78 / 255.0, 0xae / 255.0, 0xed / 255.0, 1.0);
  set_rgba (style->window, 0x78 / 255.0, 0xae / 255.0, 0xed / 255.0, 0.3);
  set_series (style, TRELLIS_PLOT_PALETTE_DARK);
  style->font_family = PLOT_FONT_FAMILY;
  style->font_size = PLOT_FONT_SIZE;
}

/* Series past the palette's end repeat its colours: a chart with more groups
 * than that needs labels, not more hues. */
const double *
trellis_plot_style_get_series (const TrellisPlotStyle *style,
                               guint                   index)
{
  g_return_val_if_fail (style != NULL, NULL);

  return style->series[index % TRELLIS_PLOT_PALETTE_SIZE];
}

/* Light text on a dark ground: the charts pick their fixed hues (the
 * sub-study's purple, the retention chart's blue) lighter there. */
gboolean
trellis_plot_style_is_dark (const TrellisPlotStyle *style)
{
  g_return_val_if_fail (style != NULL, FALSE);

  return style->background[0] + style->background[1] + style->background[2] < 1.5;
}
