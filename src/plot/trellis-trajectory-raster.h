/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "trellis-score-table.h"

G_BEGIN_DECLS

/* Every participant's trajectory, as a density image: how many lines pass
 * through each pixel, shown with an alpha that grows with the logarithm (or
 * square root) of that count. Unlike stroking 100,000 translucent lines, the
 * time is nearly independent of the number of people, and the picture stays
 * readable: a lone line is faint, where thousands run it is solid.
 *
 * Rendering is pure and thread-safe (it reads the table and writes a new
 * surface), so a widget can render in a GTask and keep the result to paint
 * under its means at every frame. Timepoint i of n lies at
 * trellis_trajectory_raster_timepoint_x (i, n, width), the same x as in the
 * before-and-after plot's area. */

typedef enum
{
  TRELLIS_TRAJECTORY_SCALE_LOG,
  TRELLIS_TRAJECTORY_SCALE_SQRT,
} TrellisTrajectoryScale;

typedef struct
{
  int                    width;      /* in pixels */
  int                    height;
  double                 value_min;  /* the values at the bottom and top edges */
  double                 value_max;
  double                 rgba[4];    /* the colour; rgba[3] is the densest pixel's alpha */
  TrellisTrajectoryScale scale;
  double                 smoothing;  /* pixels per point of the target: 1 on screen,
                                      * 2 on a high-density screen; 0 counts as 1 */
} TrellisTrajectoryRasterOptions;

cairo_surface_t *trellis_trajectory_raster_render       (const TrellisScoreTable              *table,
                                                         const TrellisTrajectoryRasterOptions *options);
double           trellis_trajectory_raster_timepoint_x  (guint                                 timepoint,
                                                         guint                                 n_timepoints,
                                                         double                                width);
gboolean         trellis_trajectory_raster_value_range  (const TrellisScoreTable              *table,
                                                         double                               *min,
                                                         double                               *max);

G_END_DECLS
