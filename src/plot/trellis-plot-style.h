/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "trellis-plot-palette.h"

G_BEGIN_DECLS

/* The colours and font a chart is drawn with. The widget fills one in from the
 * current Adwaita style; the CLI uses one of the two presets below. Colours are
 * RGBA with components from 0 to 1. */
typedef struct
{
  double      foreground[4];  /* text and axes */
  double      background[4];  /* an alpha of 0 leaves the target transparent */
  double      accent[4];      /* target-day markers */
  double      window[4];      /* window bars: a translucent accent */
  double      series[TRELLIS_PLOT_PALETTE_SIZE][4];  /* one per cohort or group, in order */
  const char *font_family;    /* a static string, e.g. "Cantarell, sans-serif" */
  double      font_size;      /* in pixels */
} TrellisPlotStyle;

void          trellis_plot_style_init_light (TrellisPlotStyle       *style);
void          trellis_plot_style_init_dark  (TrellisPlotStyle       *style);
const double *trellis_plot_style_get_series (const TrellisPlotStyle *style,
                                             guint                   index);
gboolean      trellis_plot_style_is_dark    (const TrellisPlotStyle *style);

G_END_DECLS
