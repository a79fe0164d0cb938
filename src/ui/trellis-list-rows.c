/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "trellis-list-rows.h"

/* A height to assume when there is no monitor to ask, as tall as most. */
#define FALLBACK_HEIGHT 1440

/* The height a window that is not maximized or full screen will have: the
 * one it has, or before its first frame, the one it asked for. 0 when it
 * cannot say. */
static int
window_height (GtkNative *native)
{
  GtkWindow *window = GTK_IS_WINDOW (native) ? GTK_WINDOW (native) : NULL;
  int width, height;

  if (window == NULL || gtk_window_is_maximized (window) || gtk_window_is_fullscreen (window))
    return 0;
  height = gtk_widget_get_height (GTK_WIDGET (window));
  /* GTK 4.8 wants both pointers. */
  if (height <= 0)
    gtk_window_get_default_size (window, &width, &height);
  return MAX (height, 0);
}

/* GTK 4.8 makes up to 200 rows of a list view at once, however few of them
 * fit in the window, and making and measuring them all held up a page's
 * first frame. Lists start with the rows this gives, and are given the rest
 * once that frame is drawn: as many rows of at least ROW_HEIGHT pixels as
 * fill WIDGET's window, less ABOVE pixels that the window shows above
 * the list at the least (a header bar, a search bar, column titles), or
 * the monitor it is on when the window is maximized or has no size yet (no
 * window on it can be taller), so the first frame never shows an empty gap
 * at the bottom of a list. */
guint
trellis_list_rows_to_fill_screen (GtkWidget *widget,
                                  int        row_height,
                                  int        above)
{
  GtkNative *native;
  GdkSurface *surface;
  GdkMonitor *monitor = NULL;
  int height = FALLBACK_HEIGHT;
  int in_window;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), 0);
  g_return_val_if_fail (row_height > 0, 0);
  g_return_val_if_fail (above >= 0, 0);

  native = gtk_widget_get_native (widget);
  surface = native != NULL ? gtk_native_get_surface (native) : NULL;
  if (surface != NULL)
    monitor = gdk_display_get_monitor_at_surface (gtk_widget_get_display (widget), surface);
  if (monitor != NULL)
    {
      GdkRectangle geometry;

      gdk_monitor_get_geometry (monitor, &geometry);
      height = geometry.height;
    }
  in_window = native != NULL ? window_height (native) : 0;
  if (in_window > 0)
    height = MIN (height, in_window);
  return (guint) (MAX (height - above, 0) / row_height) + 1;
}
