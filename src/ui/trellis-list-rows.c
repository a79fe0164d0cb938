/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "trellis-list-rows.h"

/* A height to assume when there is no monitor to ask, as tall as most. */
#define FALLBACK_HEIGHT 1440

/* GTK 4.8 makes up to 200 rows of a list view at once, however few of them
 * fit in the window, and making and measuring them all held up a page's
 * first frame. Lists start with the rows this gives, and are given the rest
 * once that frame is drawn: as many rows of at least ROW_HEIGHT pixels as
 * fill the monitor WIDGET is on, which no window on it can exceed, so the
 * first frame never shows an empty gap at the bottom of a list. */
guint
trellis_list_rows_to_fill_screen (GtkWidget *widget,
                                  int        row_height)
{
  GtkNative *native = gtk_widget_get_native (widget);
  GdkSurface *surface = native != NULL ? gtk_native_get_surface (native) : NULL;
  GdkMonitor *monitor = NULL;
  int height = FALLBACK_HEIGHT;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), 0);
  g_return_val_if_fail (row_height > 0, 0);

  if (surface != NULL)
    monitor = gdk_display_get_monitor_at_surface (gtk_widget_get_display (widget), surface);
  if (monitor != NULL)
    {
      GdkRectangle geometry;

      gdk_monitor_get_geometry (monitor, &geometry);
      height = geometry.height;
    }
  return (guint) (height / row_height) + 1;
}
