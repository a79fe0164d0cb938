/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A value axis with ticks at "nice" numbers: 1, 2 or 5 × 10^k apart, so a
 * reader can interpolate between them at a glance. The range is widened to
 * the ticks around the data, never narrowed. */
typedef struct
{
  double min;       /* the first tick, at or below the data */
  double max;       /* the last tick, at or above the data */
  double step;      /* the distance between ticks */
  guint  n_ticks;   /* min, min + step, …, max */
  int    decimals;  /* digits after the point a label needs: 0 for steps ≥ 1 */
} TrellisPlotAxis;

double  trellis_plot_axis_nice_number  (double                 value,
                                        gboolean               round);
void    trellis_plot_axis_init         (TrellisPlotAxis       *axis,
                                        double                 data_min,
                                        double                 data_max,
                                        guint                  max_ticks);
double  trellis_plot_axis_tick         (const TrellisPlotAxis *axis,
                                        guint                  index);
char   *trellis_plot_axis_format_tick  (const TrellisPlotAxis *axis,
                                        double                 value);

G_END_DECLS
