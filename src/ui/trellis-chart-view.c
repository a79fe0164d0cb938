/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "trellis-chart-view.h"
#include "trellis-plot-file.h"

/* Any chart of the plot layer on screen. The page that owns the chart gives
 * the drawing function; the widget adds the desktop's light or dark style,
 * the size, and a summary in words for assistive technologies, since a
 * screen reader cannot see the chart. */
struct _TrellisChartView
{
  GtkWidget parent_instance;

  TrellisChartDrawFunc draw;
  TrellisChartHeightFunc height;
  gpointer user_data;
  GDestroyNotify destroy;
  char *summary;
};

G_DEFINE_FINAL_TYPE (TrellisChartView, trellis_chart_view, GTK_TYPE_WIDGET)

void
trellis_chart_view_get_style (TrellisChartView *self,
                              TrellisPlotStyle *style)
{
  g_return_if_fail (TRELLIS_IS_CHART_VIEW (self));

  if (adw_style_manager_get_dark (adw_style_manager_get_default ()))
    trellis_plot_style_init_dark (style);
  else
    trellis_plot_style_init_light (style);
  /* The card behind the chart already has a background. */
  style->background[3] = 0;
}

static void
trellis_chart_view_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  TrellisChartView *self = TRELLIS_CHART_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  TrellisPlotStyle style;
  cairo_t *cr;

  if (self->draw == NULL || width <= 0 || height <= 0)
    return;

  trellis_chart_view_get_style (self, &style);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  self->draw (cr, width, height, &style, self->user_data);
  cairo_destroy (cr);
}

static GtkSizeRequestMode
trellis_chart_view_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
trellis_chart_view_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  TrellisChartView *self = TRELLIS_CHART_VIEW (widget);
  TrellisPlotStyle style;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 320;
      *natural = 720;
      return;
    }

  if (self->height == NULL)
    {
      *minimum = 200;
      *natural = 360;
      return;
    }
  trellis_chart_view_get_style (self, &style);
  *minimum = *natural = (int) ceil (self->height (for_size > 0 ? for_size : 720, &style, self->user_data));
}

static void
clear_chart (TrellisChartView *self)
{
  if (self->destroy != NULL)
    self->destroy (self->user_data);
  self->draw = NULL;
  self->height = NULL;
  self->user_data = NULL;
  self->destroy = NULL;
}

void
trellis_chart_view_set_chart (TrellisChartView       *self,
                              TrellisChartDrawFunc    draw,
                              TrellisChartHeightFunc  height,
                              gpointer                user_data,
                              GDestroyNotify          destroy)
{
  g_return_if_fail (TRELLIS_IS_CHART_VIEW (self));

  clear_chart (self);
  self->draw = draw;
  self->height = height;
  self->user_data = user_data;
  self->destroy = destroy;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
trellis_chart_view_set_summary (TrellisChartView *self,
                                const char       *summary)
{
  g_return_if_fail (TRELLIS_IS_CHART_VIEW (self));

  g_free (self->summary);
  self->summary = g_strdup (summary);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  summary != NULL ? summary : "", -1);
}

const char *
trellis_chart_view_get_summary (TrellisChartView *self)
{
  g_return_val_if_fail (TRELLIS_IS_CHART_VIEW (self), NULL);
  return self->summary;
}

typedef struct
{
  TrellisChartView *view;
  TrellisPlotStyle style;
} FileDrawing;

static void
draw_file (cairo_t  *cr,
           double    width,
           double    height,
           gpointer  user_data)
{
  FileDrawing *drawing = user_data;

  drawing->view->draw (cr, width, height, &drawing->style, drawing->view->user_data);
}

gboolean
trellis_chart_view_write (TrellisChartView  *self,
                          const char        *path,
                          int                width,
                          int                height,
                          int                dpi,
                          GError           **error)
{
  FileDrawing drawing = { self };

  g_return_val_if_fail (TRELLIS_IS_CHART_VIEW (self), FALSE);
  g_return_val_if_fail (self->draw != NULL, FALSE);

  trellis_plot_style_init_light (&drawing.style);
  return trellis_plot_file_write_with_dpi (path, width, height, dpi, draw_file, &drawing, error);
}

GtkWidget *
trellis_chart_view_new (void)
{
  return g_object_new (TRELLIS_TYPE_CHART_VIEW, NULL);
}

static void
trellis_chart_view_dispose (GObject *object)
{
  TrellisChartView *self = TRELLIS_CHART_VIEW (object);

  clear_chart (self);
  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);

  G_OBJECT_CLASS (trellis_chart_view_parent_class)->dispose (object);
}

static void
trellis_chart_view_finalize (GObject *object)
{
  g_free (TRELLIS_CHART_VIEW (object)->summary);

  G_OBJECT_CLASS (trellis_chart_view_parent_class)->finalize (object);
}

static void
trellis_chart_view_class_init (TrellisChartViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = trellis_chart_view_dispose;
  G_OBJECT_CLASS (klass)->finalize = trellis_chart_view_finalize;
  widget_class->snapshot = trellis_chart_view_snapshot;
  widget_class->measure = trellis_chart_view_measure;
  widget_class->get_request_mode = trellis_chart_view_get_request_mode;
  gtk_widget_class_set_css_name (widget_class, "chartview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
trellis_chart_view_init (TrellisChartView *self)
{
  g_signal_connect_swapped (adw_style_manager_get_default (), "notify::dark",
                            G_CALLBACK (gtk_widget_queue_draw), self);
}
