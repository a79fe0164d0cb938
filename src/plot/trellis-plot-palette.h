/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Colours for series (cohorts, groups) that people with any common colour
 * vision deficiency can tell apart: the Okabe–Ito palette (Okabe & Ito,
 * "Color Universal Design", 2008), ordered for contrast on a light or a dark
 * ground. trellis-plot-style copies them into a TrellisPlotStyle, which stays
 * the one place a chart takes its colours from. */
typedef enum
{
  TRELLIS_PLOT_PALETTE_LIGHT,
  TRELLIS_PLOT_PALETTE_DARK,
} TrellisPlotPaletteVariant;

#define TRELLIS_PLOT_PALETTE_SIZE 7

void trellis_plot_palette_get_colour (TrellisPlotPaletteVariant  variant,
                                      guint                      index,
                                      double                     rgba[4]);

G_END_DECLS
