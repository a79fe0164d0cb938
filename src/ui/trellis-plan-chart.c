/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-plan-chart.h"
#include "trellis-plan-plot.h"
#include "trellis-timepoint.h"

/* The Overview's timepoint plan: the plot layer draws it, so what a PI sees
 * on screen is the chart `trellis-cli plot` writes. */
typedef struct
{
  TrellisChartView *view;        /* owns this chart */
  GListModel       *timepoints;  /* may be NULL */
  gulong            changed;
} PlanChart;

static GPtrArray *
collect_timepoints (PlanChart *chart)
{
  GPtrArray *array = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = chart->timepoints != NULL ? g_list_model_get_n_items (chart->timepoints) : 0;

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (array, g_list_model_get_item (chart->timepoints, i));
  return array;
}

static void
draw_plan (cairo_t                *cr,
           double                  width,
           double                  height,
           const TrellisPlotStyle *style,
           gpointer                user_data)
{
  g_autoptr(GPtrArray) timepoints = collect_timepoints (user_data);

  trellis_plan_plot_draw (cr, width, height, (TrellisTimepoint *const *) timepoints->pdata, timepoints->len, style);
}

static double
plan_height (double                  width,
             const TrellisPlotStyle *style,
             gpointer                user_data)
{
  PlanChart *chart = user_data;

  return trellis_plan_plot_get_preferred_height (chart->timepoints != NULL
                                                   ? g_list_model_get_n_items (chart->timepoints) : 0, style);
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
describe_plan (GPtrArray *timepoints)
{
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
on_items_changed (PlanChart *chart)
{
  g_autoptr(GPtrArray) timepoints = collect_timepoints (chart);
  g_autofree char *summary = describe_plan (timepoints);

  trellis_chart_view_set_summary (chart->view, summary);
  gtk_widget_queue_resize (GTK_WIDGET (chart->view));
}

static void
plan_chart_free (gpointer data)
{
  PlanChart *chart = data;

  if (chart->timepoints != NULL)
    g_signal_handler_disconnect (chart->timepoints, chart->changed);
  g_clear_object (&chart->timepoints);
  g_free (chart);
}

void
trellis_plan_chart_show (TrellisChartView *view,
                         GListModel       *timepoints)
{
  PlanChart *chart;

  g_return_if_fail (TRELLIS_IS_CHART_VIEW (view));
  g_return_if_fail (timepoints == NULL || G_IS_LIST_MODEL (timepoints));

  chart = g_new0 (PlanChart, 1);
  chart->view = view;
  if (timepoints != NULL)
    {
      chart->timepoints = g_object_ref (timepoints);
      chart->changed = g_signal_connect_swapped (timepoints, "items-changed", G_CALLBACK (on_items_changed), chart);
    }
  trellis_chart_view_set_chart (view, draw_plan, plan_height, chart, plan_chart_free);
  on_items_changed (chart);
}
