/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <math.h>
#include <string.h>

#include "trellis-plot-file.h"

/* A point is 1/72 inch. */
#define POINTS_PER_INCH 72.0

/* The largest image cairo can create, in device pixels. */
#define PNG_MAX_PIXELS 32767.0

G_DEFINE_QUARK (trellis-plot-error-quark, trellis_plot_error)

typedef enum
{
  PLOT_FORMAT_PNG,
  PLOT_FORMAT_SVG,
  PLOT_FORMAT_PDF,
} PlotFormat;

static gboolean
format_from_path (const char  *path,
                  PlotFormat  *format,
                  GError     **error)
{
  g_autofree char *basename = g_path_get_basename (path);
  g_autofree char *display = g_filename_display_name (path);
  const char *dot = strrchr (basename, '.');

  if (dot != NULL && g_ascii_strcasecmp (dot, ".png") == 0)
    *format = PLOT_FORMAT_PNG;
  else if (dot != NULL && g_ascii_strcasecmp (dot, ".svg") == 0)
    *format = PLOT_FORMAT_SVG;
  else if (dot != NULL && g_ascii_strcasecmp (dot, ".pdf") == 0)
    *format = PLOT_FORMAT_PDF;
  else if (dot != NULL)
    {
      g_autofree char *extension = g_filename_display_name (dot);

      g_set_error (error, TRELLIS_PLOT_ERROR, TRELLIS_PLOT_ERROR_UNKNOWN_FORMAT,
                   _("“%s”: unknown plot format “%s” (use .png, .svg or .pdf)"),
                   display, extension);
      return FALSE;
    }
  else
    {
      g_set_error (error, TRELLIS_PLOT_ERROR, TRELLIS_PLOT_ERROR_UNKNOWN_FORMAT,
                   _("“%s”: no extension to tell the plot format (use .png, .svg or .pdf)"),
                   display);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_status (cairo_status_t   status,
              const char      *path,
              GError         **error)
{
  g_autofree char *display = NULL;

  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;

  display = g_filename_display_name (path);
  g_set_error (error, TRELLIS_PLOT_ERROR, TRELLIS_PLOT_ERROR_WRITE_FAILED,
               _("“%s”: could not write the plot: %s"),
               display, cairo_status_to_string (status));
  return FALSE;
}

/* Draws and reports the first error, whether the drawing or the surface had it. */
static cairo_status_t
draw_on_surface (cairo_surface_t     *surface,
                 double               width,
                 double               height,
                 TrellisPlotDrawFunc  draw,
                 gpointer             user_data)
{
  cairo_t *cr;
  cairo_status_t status;

  status = cairo_surface_status (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    return status;

  cr = cairo_create (surface);
  draw (cr, width, height, user_data);
  status = cairo_status (cr);
  cairo_destroy (cr);
  return status;
}

static cairo_status_t
write_png (const char          *path,
           double               width,
           double               height,
           double               dpi,
           TrellisPlotDrawFunc  draw,
           gpointer             user_data)
{
  double scale = dpi / POINTS_PER_INCH;
  /* Less a hair, so that 720 points at 144 dpi stay 1440 pixels. */
  double pixel_width = ceil (width * scale - 1e-6);
  double pixel_height = ceil (height * scale - 1e-6);
  cairo_surface_t *surface;
  cairo_status_t status;

  /* Checked here, as converting an out-of-range double to int is undefined. */
  if (pixel_width > PNG_MAX_PIXELS || pixel_height > PNG_MAX_PIXELS)
    return CAIRO_STATUS_INVALID_SIZE;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                        (int) pixel_width, (int) pixel_height);
  cairo_surface_set_device_scale (surface, scale, scale);
  status = draw_on_surface (surface, width, height, draw, user_data);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_write_to_png (surface, path);
  cairo_surface_destroy (surface);
  return status;
}

static cairo_status_t
write_vector (PlotFormat           format,
              const char          *path,
              double               width,
              double               height,
              TrellisPlotDrawFunc  draw,
              gpointer             user_data)
{
  cairo_surface_t *surface;
  cairo_status_t status;

  if (format == PLOT_FORMAT_SVG)
    {
      surface = cairo_svg_surface_create (path, width, height);
      /* cairo 1.16 sizes SVGs in points by default; the chart is laid out in pixels. */
      cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
    }
  else
    {
      surface = cairo_pdf_surface_create (path, width, height);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Trellis");
    }

  status = draw_on_surface (surface, width, height, draw, user_data);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  return status;
}

gboolean
trellis_plot_file_write (const char           *path,
                         double                width,
                         double                height,
                         TrellisPlotDrawFunc   draw,
                         gpointer              user_data,
                         GError              **error)
{
  return trellis_plot_file_write_with_dpi (path, width, height, TRELLIS_PLOT_FILE_DEFAULT_DPI,
                                           draw, user_data, error);
}

gboolean
trellis_plot_file_write_with_dpi (const char           *path,
                                  double                width,
                                  double                height,
                                  double                dpi,
                                  TrellisPlotDrawFunc   draw,
                                  gpointer              user_data,
                                  GError              **error)
{
  PlotFormat format;
  cairo_status_t status;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (width > 0 && height > 0, FALSE);
  g_return_val_if_fail (dpi > 0, FALSE);
  g_return_val_if_fail (draw != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!format_from_path (path, &format, error))
    return FALSE;

  if (format == PLOT_FORMAT_PNG)
    status = write_png (path, width, height, dpi, draw, user_data);
  else
    status = write_vector (format, path, width, height, draw, user_data);

  return check_status (status, path, error);
}
