/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "trellis-plan-plot.h"
#include "trellis-plan-view.h"
#include "trellis-plot-style.h"
#include "trellis-timepoint.h"

/* A thin widget over the plot layer: the same drawing code writes the PNGs the
 * CLI produces, so what a PI sees on screen and on paper is the same chart. */
struct _TrellisPlanView
{
  GtkWidget parent_instance;

  GListModel *timepoints;
  char *summary;
};

G_DEFINE_FINAL_TYPE (TrellisPlanView, trellis_plan_view, GTK_TYPE_WIDGET)

static GPtrArray *
collect_timepoints (TrellisPlanView *self)
{
  GPtrArray *array = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = self->timepoints ? g_list_model_get_n_items (self->timepoints) : 0;

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (array, g_list_model_get_item (self->timepoints, i));
  return array;
}

static void
current_style (TrellisPlotStyle *style)
{
  if (adw_style_manager_get_dark (adw_style_manager_get_default ()))
    trellis_plot_style_init_dark (style);
  else
    trellis_plot_style_init_light (style);
  /* The card behind the chart already has a background. */
  style->background[3] = 0;
}

static void
trellis_plan_view_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  TrellisPlanView *self = TRELLIS_PLAN_VIEW (widget);
  g_autoptr(GPtrArray) timepoints = collect_timepoints (self);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  TrellisPlotStyle style;
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  current_style (&style);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  trellis_plan_plot_draw (cr, width, height, (TrellisTimepoint *const *) timepoints->pdata,
                          timepoints->len, &style);
  cairo_destroy (cr);
}

static void
trellis_plan_view_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  TrellisPlanView *self = TRELLIS_PLAN_VIEW (widget);
  TrellisPlotStyle style;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 200;
      *natural = 600;
      return;
    }

  current_style (&style);
  *minimum = *natural = (int) trellis_plan_plot_get_preferred_height (
      self->timepoints ? g_list_model_get_n_items (self->timepoints) : 0, &style);
}

static void
append_timepoint (GString          *text,
                  TrellisTimepoint *timepoint)
{
  const char *code = trellis_timepoint_get_code (timepoint);
  const char *label = trellis_timepoint_get_label (timepoint);
  int day = trellis_timepoint_get_target_day (timepoint);
  int min = trellis_timepoint_get_window_min (timepoint);
  int max = trellis_timepoint_get_window_max (timepoint);

  if (min == max)
    /* Translators: one timepoint in the chart's spoken summary: code, label, target day. */
    g_string_append_printf (text, _("%s %s day %d"), code, label, day);
  else
    /* Translators: one timepoint in the chart's spoken summary: code, label,
     * target day, then the first and last day of its window. */
    g_string_append_printf (text, _("%s %s day %d, window %d–%d"), code, label, day, min, max);

  /* Days count from baseline unless the timepoint follows an event. */
  if (trellis_timepoint_get_anchor (timepoint) == TRELLIS_ANCHOR_WORKSHOP)
    g_string_append (text, _(", counted from the workshop"));
  else if (trellis_timepoint_get_anchor (timepoint) == TRELLIS_ANCHOR_COACHING)
    g_string_append (text, _(", counted from the coaching call"));
}

/* A screen reader cannot see the chart, so it hears the plan in words. */
static char *
describe_plan (TrellisPlanView *self)
{
  g_autoptr(GPtrArray) timepoints = collect_timepoints (self);
  g_autoptr(GString) items = g_string_new (NULL);

  if (timepoints->len == 0)
    return g_strdup (_("Timepoint plan: no timepoints yet"));

  for (guint i = 0; i < timepoints->len; i++)
    {
      if (i > 0)
        /* Translators: separates the timepoints in the chart's spoken summary. */
        g_string_append (items, _("; "));
      append_timepoint (items, timepoints->pdata[i]);
    }
  /* Translators: the chart's spoken summary; %s is the list of timepoints. */
  return g_strdup_printf (_("Timepoint plan: %s"), items->str);
}

static void
update_summary (TrellisPlanView *self)
{
  g_free (self->summary);
  self->summary = describe_plan (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, self->summary, -1);
}

/* The chart in words, as given to assistive technologies. */
const char *
trellis_plan_view_get_summary (TrellisPlanView *self)
{
  g_return_val_if_fail (TRELLIS_IS_PLAN_VIEW (self), NULL);
  return self->summary;
}

static void
on_items_changed (TrellisPlanView *self)
{
  update_summary (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
trellis_plan_view_set_model (TrellisPlanView *self,
                             GListModel      *timepoints)
{
  g_return_if_fail (TRELLIS_IS_PLAN_VIEW (self));

  if (self->timepoints != NULL)
    g_signal_handlers_disconnect_by_data (self->timepoints, self);
  g_set_object (&self->timepoints, timepoints);
  if (timepoints != NULL)
    g_signal_connect_object (timepoints, "items-changed", G_CALLBACK (on_items_changed), self, G_CONNECT_SWAPPED);
  on_items_changed (self);
}

static void
trellis_plan_view_dispose (GObject *object)
{
  TrellisPlanView *self = TRELLIS_PLAN_VIEW (object);

  trellis_plan_view_set_model (self, NULL);
  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);

  G_OBJECT_CLASS (trellis_plan_view_parent_class)->dispose (object);
}

static void
trellis_plan_view_finalize (GObject *object)
{
  g_free (TRELLIS_PLAN_VIEW (object)->summary);

  G_OBJECT_CLASS (trellis_plan_view_parent_class)->finalize (object);
}

static void
trellis_plan_view_class_init (TrellisPlanViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = trellis_plan_view_dispose;
  G_OBJECT_CLASS (klass)->finalize = trellis_plan_view_finalize;
  widget_class->snapshot = trellis_plan_view_snapshot;
  widget_class->measure = trellis_plan_view_measure;
  gtk_widget_class_set_css_name (widget_class, "planview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
trellis_plan_view_init (TrellisPlanView *self)
{
  g_signal_connect_swapped (adw_style_manager_get_default (), "notify::dark",
                            G_CALLBACK (gtk_widget_queue_draw), self);
  update_summary (self);
}
