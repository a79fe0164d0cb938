/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-analysis-study-charts.h"
#include "trellis-flow-plot.h"
#include "trellis-retention-plot.h"

typedef struct
{
  TrellisParticipantFlow *flow;
  TrellisFlowPlotOptions options;
} FlowChart;

static void
flow_chart_free (gpointer data)
{
  FlowChart *chart = data;

  trellis_participant_flow_free (chart->flow);
  g_free (chart);
}

static void
draw_flow (cairo_t                *cr,
           double                  width,
           double                  height,
           const TrellisPlotStyle *style,
           gpointer                user_data)
{
  FlowChart *chart = user_data;

  trellis_flow_plot_draw (cr, width, height, chart->flow, &chart->options, style);
}

static double
flow_height (double                  width,
             const TrellisPlotStyle *style,
             gpointer                user_data)
{
  FlowChart *chart = user_data;

  return trellis_flow_plot_get_preferred_height (chart->flow, &chart->options, style, width);
}

/* The diagram in words: each box's label and count, top to bottom. */
static char *
describe_flow (const TrellisParticipantFlow *flow)
{
  GString *text = g_string_new (_("Participant flow."));

  for (guint i = 0; i < flow->steps->len; i++)
    {
      const TrellisFlowStep *step = g_ptr_array_index (flow->steps, i);

      g_string_append_printf (text, " %s: %u.", step->main->total.label, step->main->total.count);
      if (step->side != NULL)
        g_string_append_printf (text, " %s: %u.", step->side->total.label, step->side->total.count);
    }
  for (guint i = 0; i < flow->interview_steps->len; i++)
    {
      const TrellisFlowStep *step = g_ptr_array_index (flow->interview_steps, i);

      g_string_append_printf (text, " %s: %u.", step->main->total.label, step->main->total.count);
    }
  return g_string_free (text, FALSE);
}

void
trellis_analysis_show_flow (TrellisChartView       *view,
                            TrellisParticipantFlow *flow,
                            gboolean                by_cohort)
{
  g_autofree char *summary = NULL;
  FlowChart *chart;

  if (flow == NULL)
    {
      trellis_chart_view_set_chart (view, NULL, NULL, NULL, NULL);
      trellis_chart_view_set_summary (view, NULL);
      return;
    }
  chart = g_new0 (FlowChart, 1);
  chart->flow = flow;
  chart->options.by_cohort = by_cohort;
  summary = describe_flow (flow);
  trellis_chart_view_set_chart (view, draw_flow, flow_height, chart, flow_chart_free);
  trellis_chart_view_set_summary (view, summary);
}

typedef struct
{
  TrellisRetention *retention;
  TrellisRetentionPlotOptions options;
} RetentionChart;

static void
retention_chart_free (gpointer data)
{
  RetentionChart *chart = data;

  trellis_retention_free (chart->retention);
  g_free (chart);
}

static void
draw_retention (cairo_t                *cr,
                double                  width,
                double                  height,
                const TrellisPlotStyle *style,
                gpointer                user_data)
{
  RetentionChart *chart = user_data;

  trellis_retention_plot_draw (cr, width, height, chart->retention, &chart->options, style);
}

/* The chart keeps its proportions: its preferred size, scaled to the width. */
static double
retention_height (double                  width,
                  const TrellisPlotStyle *style,
                  gpointer                user_data)
{
  RetentionChart *chart = user_data;
  double preferred_width, preferred_height;

  trellis_retention_plot_get_preferred_size (chart->retention, &chart->options, style,
                                             &preferred_width, &preferred_height);
  return preferred_height * MAX (width / MAX (preferred_width, 1), 1.0);
}

static char *
describe_retention (const TrellisRetention *retention)
{
  GString *text = g_string_new (_("Retention."));

  for (guint t = 0; t < retention->n_timepoints; t++)
    {
      const TrellisRetentionCounts *counts = trellis_retention_get_total (retention, t);

      /* Translators: one timepoint in the retention chart's spoken summary. */
      g_string_append_printf (text, _(" %s: %u of %u completed."), retention->timepoint_codes[t],
                              counts->completed, counts->recruited);
    }
  return g_string_free (text, FALSE);
}

void
trellis_analysis_show_retention (TrellisChartView *view,
                                 TrellisRetention *retention,
                                 gboolean          by_cohort)
{
  g_autofree char *summary = NULL;
  RetentionChart *chart;

  if (retention == NULL)
    {
      trellis_chart_view_set_chart (view, NULL, NULL, NULL, NULL);
      trellis_chart_view_set_summary (view, NULL);
      return;
    }
  chart = g_new0 (RetentionChart, 1);
  chart->retention = retention;
  chart->options.by_cohort = by_cohort;
  summary = describe_retention (retention);
  trellis_chart_view_set_chart (view, draw_retention, retention_height, chart, retention_chart_free);
  trellis_chart_view_set_summary (view, summary);
}
