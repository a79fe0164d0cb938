/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* What the plot test programs share: a fresh image to draw on, its pixels
 * read back and compared with a style's colours, and screenshots saved for
 * a person to look at. Cairo and GLib only: the plot layer's own types stay
 * in the programs that test them. Every helper asserts that it worked. */

cairo_t         *canvas_new      (int              width,
                                  int              height);
cairo_surface_t *canvas_finish   (cairo_t         *cr);

guint32          pixel_at        (cairo_surface_t *surface,
                                  double           x,
                                  double           y);
int              channel         (guint32          pixel,
                                  int              shift);
gboolean         rgb_near        (guint32          pixel,
                                  const double     rgba[4],
                                  int              tolerance);
gboolean         is_colour       (guint32          pixel,
                                  const double     rgba[4],
                                  int              tolerance);
guint            count_colour    (cairo_surface_t *surface,
                                  double           left,
                                  double           top,
                                  double           right,
                                  double           bottom,
                                  const double     rgba[4],
                                  int              tolerance);

void             save_screenshot (cairo_surface_t *surface,
                                  const char      *name_format,
                                  ...) G_GNUC_PRINTF (2, 3);

G_END_DECLS
