/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "plot-test-utils.h"
#include "trellis-test-utils.h"

/* A transparent ARGB32 image of @width × @height and a context drawing on
 * it: what a plot draws is all there is, so a test can tell its ink from the
 * untouched pixels around it. */
cairo_t *
canvas_new (int width,
            int height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);

  cairo_surface_destroy (surface);
  return cr;
}

/* Ends drawing on a canvas_new() context, which must not have failed, and
 * returns its image with every pixel written, ready to be read. */
cairo_surface_t *
canvas_finish (cairo_t *cr)
{
  cairo_surface_t *surface = cairo_surface_reference (cairo_get_target (cr));

  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* The premultiplied ARGB pixel under (x, y), which must lie on the image. */
guint32
pixel_at (cairo_surface_t *surface,
          double           x,
          double           y)
{
  const guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  int column = (int) x, row = (int) y;

  g_assert_cmpint (column, >=, 0);
  g_assert_cmpint (column, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (row, >=, 0);
  g_assert_cmpint (row, <, cairo_image_surface_get_height (surface));
  return *(const guint32 *) (data + row * stride + column * 4);
}

/* One 8-bit channel of a pixel: alpha at 24, red 16, green 8, blue 0. */
int
channel (guint32 pixel,
         int     shift)
{
  return (pixel >> shift) & 0xff;
}

/* Whether red, green and blue are each within @tolerance of a colour's,
 * rounded to 8 bits, whatever the alpha. */
gboolean
rgb_near (guint32       pixel,
          const double  rgba[4],
          int           tolerance)
{
  return ABS (channel (pixel, 16) - (int) (rgba[0] * 255 + 0.5)) <= tolerance
         && ABS (channel (pixel, 8) - (int) (rgba[1] * 255 + 0.5)) <= tolerance
         && ABS (channel (pixel, 0) - (int) (rgba[2] * 255 + 0.5)) <= tolerance;
}

/* An opaque pixel within @tolerance of a colour in every channel. */
gboolean
is_colour (guint32       pixel,
           const double  rgba[4],
           int           tolerance)
{
  return channel (pixel, 24) == 0xff && rgb_near (pixel, rgba, tolerance);
}

/* How many pixels of the rectangle are is_colour() of @rgba. */
guint
count_colour (cairo_surface_t *surface,
              double           left,
              double           top,
              double           right,
              double           bottom,
              const double     rgba[4],
              int              tolerance)
{
  guint count = 0;

  for (int y = (int) top; y < (int) bottom; y++)
    for (int x = (int) left; x < (int) right; x++)
      count += is_colour (pixel_at (surface, x, y), rgba, tolerance);
  return count;
}

/* Saves the image as NAME.png in the screenshot folder, named by a format
 * so that a program's light and dark variants sit side by side. */
void
save_screenshot (cairo_surface_t *surface,
                 const char      *name_format,
                 ...)
{
  g_autofree char *name = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  va_list args;

  va_start (args, name_format);
  name = g_strdup_vprintf (name_format, args);
  va_end (args);
  file = g_strconcat (name, ".png", NULL);
  path = trellis_test_screenshot_path (file);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  g_test_message ("screenshot: %s", path);
}
