/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pango/pangocairo.h>

#include "trellis-before-after-plot.h"
#include "trellis-plot-axis.h"

G_BEGIN_DECLS

/* Shared by the layout (trellis-before-after-layout.c) and the drawing
 * (trellis-before-after-plot.c): every text laid out once, and where it
 * goes. Lengths are multiples of the font size ("em"), so the chart keeps its
 * proportions with a larger interface font. */

#define BA_PAD_EM          1.0
#define BA_PAD_RIGHT_EM    1.5
#define BA_GAP_EM          0.5
#define BA_TITLE_SCALE     1.2
#define BA_SMALL_SCALE     0.86
#define BA_TINY_SCALE      0.72  /* annotations in narrow columns */
#define BA_TICK_SPACING_EM 2.4   /* the least room between two value ticks */
#define BA_LEGEND_GAP_EM   1.2   /* between two legend entries */
#define BA_SWATCH_EM       1.6   /* a legend entry's line and dot */
#define BA_POINT_EM        0.32  /* a mean's dot radius */
#define BA_CAP_EM          0.3   /* half a whisker cap */
#define BA_SERIES_EM       0.9   /* between two series at one timepoint */

/* Alphas applied to the style's foreground. */
#define BA_GRID_ALPHA   0.08
#define BA_AXIS_ALPHA   0.3
#define BA_DIM_ALPHA    0.62

typedef struct
{
  double x;
  double y;
} BaPoint;

typedef struct
{
  PangoContext                 *context;
  const TrellisBeforeAfterPlot *plot;
  const TrellisPlotStyle       *style;
  double                        width;
  double                        height;
  double                        em;

  PangoLayout                  *title;        /* each NULL when not drawn */
  PangoLayout                  *subtitle;
  PangoLayout                  *value_label;
  PangoLayout                 **legend;       /* n_series, when there are several */
  PangoLayout                 **x_labels;     /* n_timepoints */
  PangoLayout                 **n_labels;     /* n_timepoints */
  PangoLayout                 **annotations;  /* n_timepoints, entries may be NULL */
  PangoLayout                 **ticks;        /* axis.n_ticks */

  TrellisPlotAxis               axis;
  BaPoint                       title_at;
  BaPoint                       subtitle_at;
  BaPoint                      *legend_at;    /* where each entry's swatch starts */
  double                        legend_row_height;
  double                        annotation_y;
  double                        x_label_y;
  double                        x_label_height;  /* the tallest a timepoint's name is */
  double                        n_label_y;
  double                        tick_label_right;
  double                        value_label_x;
  TrellisBeforeAfterGeometry    geometry;
} BaFrame;

void          ba_frame_init             (BaFrame                      *frame,
                                         PangoContext                 *context,
                                         const TrellisBeforeAfterPlot *plot,
                                         double                        width,
                                         double                        height,
                                         const TrellisPlotStyle       *style);
void          ba_frame_clear            (BaFrame                      *frame);

G_END_DECLS
