/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "trellis-analysis-figure.h"
#include "trellis-analysis-outcome.h"
#include "trellis-before-after-plot.h"
#include "trellis-plot-file.h"
#include "trellis-results-sentence.h"
#include "trellis-trajectory-raster.h"

/* ---- The outcome ---- */

TrellisOutcome *
trellis_outcome_compute (TrellisScoreTable *scores,
                         const char        *title)
{
  TrellisOutcome *self = g_atomic_rc_box_new0 (TrellisOutcome);
  g_autoptr(GError) error = NULL;

  self->scores = scores;
  self->title = g_strdup (title);
  self->descriptives = trellis_descriptives_compute (scores);
  self->analysis = trellis_analysis_run (scores, title, &error);
  if (self->analysis == NULL)
    self->problem = g_strdup (error->message);
  return self;
}

TrellisOutcome *
trellis_outcome_ref (TrellisOutcome *self)
{
  return g_atomic_rc_box_acquire (self);
}

static void
outcome_clear (TrellisOutcome *self)
{
  trellis_score_table_free (self->scores);
  trellis_descriptives_free (self->descriptives);
  g_clear_pointer (&self->analysis, trellis_analysis_free);
  g_free (self->problem);
  g_free (self->title);
}

void
trellis_outcome_unref (TrellisOutcome *self)
{
  g_atomic_rc_box_release_full (self, (GDestroyNotify) outcome_clear);
}

static TrellisAnalysisFigure *
outcome_figure_new (TrellisOutcome *outcome,
                    gboolean        by_cohort)
{
  return trellis_analysis_figure_new (outcome->scores, outcome->descriptives, outcome->analysis, outcome->title,
                                      by_cohort);
}

/* ---- The chart on screen ---- */

struct _TrellisOutcomeChart
{
  TrellisChartView *view;         /* owns this chart */
  TrellisOutcome *outcome;
  gboolean by_cohort;

  /* The trajectories rendered for the current area, size and style. */
  cairo_surface_t *raster;
  TrellisTrajectoryRasterOptions raster_options;
  /* The render under way, and the options it was asked for. */
  GCancellable *rendering;
  TrellisTrajectoryRasterOptions rendering_options;
};

typedef struct
{
  TrellisOutcome *outcome;
  TrellisTrajectoryRasterOptions options;
} RasterJob;

static void
raster_job_free (RasterJob *job)
{
  trellis_outcome_unref (job->outcome);
  g_free (job);
}

static void
render_raster_thread (GTask        *task,
                      gpointer      source,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  RasterJob *job = task_data;

  g_task_return_pointer (task, trellis_trajectory_raster_render (job->outcome->scores, &job->options),
                         (GDestroyNotify) cairo_surface_destroy);
}

static void
on_raster_rendered (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  TrellisOutcomeChart *self = user_data;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *raster = g_task_propagate_pointer (G_TASK (result), &error);

  /* Cancelled: the chart has moved on, and may be gone. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || raster == NULL)
    {
      g_clear_pointer (&raster, cairo_surface_destroy);
      return;
    }
  g_clear_object (&self->rendering);
  g_clear_pointer (&self->raster, cairo_surface_destroy);
  self->raster = raster;
  self->raster_options = self->rendering_options;
  gtk_widget_queue_draw (GTK_WIDGET (self->view));
}

static gboolean
same_options (const TrellisTrajectoryRasterOptions *a,
              const TrellisTrajectoryRasterOptions *b)
{
  return a->width == b->width && a->height == b->height
         && a->value_min == b->value_min && a->value_max == b->value_max
         && memcmp (a->rgba, b->rgba, sizeof a->rgba) == 0 && a->scale == b->scale
         && a->smoothing == b->smoothing;
}

static void
cancel_rendering (TrellisOutcomeChart *self)
{
  g_cancellable_cancel (self->rendering);
  g_clear_object (&self->rendering);
}

static void
start_rendering (TrellisOutcomeChart                  *self,
                 const TrellisTrajectoryRasterOptions *options)
{
  g_autoptr(GTask) task = NULL;
  RasterJob *job = g_new0 (RasterJob, 1);

  cancel_rendering (self);
  self->rendering = g_cancellable_new ();
  self->rendering_options = *options;
  job->outcome = trellis_outcome_ref (self->outcome);
  job->options = *options;
  /* The cancellable, not a reference, keeps the callback from a freed chart. */
  task = g_task_new (NULL, self->rendering, on_raster_rendered, self);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_set_task_data (task, job, (GDestroyNotify) raster_job_free);
  g_task_run_in_thread (task, render_raster_thread);
}

/* The plot with the raster for its area, or a transparent stand-in while it
 * is rendered: with trajectories the layout leaves them room, so the means
 * do not jump when the raster arrives. */
static void
draw_chart (cairo_t                *cr,
            double                  width,
            double                  height,
            const TrellisPlotStyle *style,
            gpointer                user_data)
{
  TrellisOutcomeChart *self = user_data;
  g_autoptr(TrellisAnalysisFigure) figure = NULL;
  TrellisBeforeAfterGeometry geometry;
  TrellisTrajectoryRasterOptions wanted;
  cairo_surface_t *stand_in;
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self->view));

  if (self->outcome == NULL)
    return;

  figure = outcome_figure_new (self->outcome, self->by_cohort);
  stand_in = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  figure->plot.trajectories = stand_in;
  trellis_before_after_plot_layout (&figure->plot, width, height, style, &geometry);
  trellis_before_after_plot_raster_options (&geometry, style, scale, &wanted);

  if (self->raster != NULL && same_options (&wanted, &self->raster_options))
    figure->plot.trajectories = self->raster;
  else if (self->rendering == NULL || !same_options (&wanted, &self->rendering_options))
    start_rendering (self, &wanted);

  trellis_before_after_plot_draw (cr, width, height, &figure->plot, style);
  cairo_surface_destroy (stand_in);
}

static double
chart_height (double                  width,
              const TrellisPlotStyle *style,
              gpointer                user_data)
{
  /* Wide enough to read four timepoints' annotations, never a letterbox. */
  return CLAMP (width * 0.55, 320, 460);
}

static void
chart_free (gpointer data)
{
  TrellisOutcomeChart *self = data;

  cancel_rendering (self);
  g_clear_pointer (&self->raster, cairo_surface_destroy);
  g_clear_pointer (&self->outcome, trellis_outcome_unref);
  g_free (self);
}

TrellisOutcomeChart *
trellis_outcome_chart_new (TrellisChartView *view)
{
  TrellisOutcomeChart *self = g_new0 (TrellisOutcomeChart, 1);

  self->view = view;
  trellis_chart_view_set_chart (view, draw_chart, chart_height, self, chart_free);
  return self;
}

static char *
describe_outcome (TrellisOutcome *outcome)
{
  g_autoptr(GString) text = g_string_new (NULL);

  /* Translators: the start of the plot's spoken summary; %s is the instrument. */
  g_string_append_printf (text, _("Before-and-after plot of %s."), outcome->title);
  for (guint t = 0; t < outcome->scores->n_timepoints; t++)
    {
      const TrellisDescriptive *cell = trellis_descriptives_get (outcome->descriptives,
                                                                 TRELLIS_DESCRIPTIVES_ALL, t);

      g_string_append_c (text, ' ');
      if (cell->n == 0)
        /* Translators: a timepoint without scores in the plot's spoken summary. */
        g_string_append_printf (text, _("%s: no scores."), outcome->scores->timepoint_codes[t]);
      else
        /* Translators: a timepoint in the plot's spoken summary: code, mean, n. */
        g_string_append_printf (text, _("%s: mean %.2f, n = %u."), outcome->scores->timepoint_codes[t],
                                cell->mean, cell->n);
    }
  if (outcome->analysis != NULL)
    g_string_append_printf (text, " %s", trellis_analysis_get_sentence (outcome->analysis));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

void
trellis_outcome_chart_set_outcome (TrellisOutcomeChart *self,
                                   TrellisOutcome      *outcome,
                                   gboolean             by_cohort)
{
  g_autofree char *summary = NULL;

  g_return_if_fail (self != NULL);

  if (outcome != self->outcome)
    {
      cancel_rendering (self);
      g_clear_pointer (&self->raster, cairo_surface_destroy);
      g_clear_pointer (&self->outcome, trellis_outcome_unref);
      self->outcome = outcome != NULL ? trellis_outcome_ref (outcome) : NULL;
    }
  self->by_cohort = by_cohort;
  summary = outcome != NULL ? describe_outcome (outcome) : NULL;
  trellis_chart_view_set_summary (self->view, summary);
  gtk_widget_queue_draw (GTK_WIDGET (self->view));
}

gboolean
trellis_outcome_chart_get_busy (TrellisOutcomeChart *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->rendering != NULL;
}

gboolean
trellis_outcome_chart_query_tooltip (TrellisOutcomeChart *self,
                                     double               x,
                                     double               y,
                                     GtkTooltip          *tooltip)
{
  GtkWidget *widget = GTK_WIDGET (self->view);
  TrellisPlotStyle style;
  TrellisBeforeAfterGeometry geometry;
  const TrellisDescriptive *cell;
  g_autofree char *text = NULL;
  g_autofree char *interval = NULL;
  g_autoptr(TrellisAnalysisFigure) figure = NULL;
  cairo_surface_t *stand_in;
  guint series, timepoint;
  int cohort;
  gboolean hit;

  if (self->outcome == NULL)
    return FALSE;

  trellis_chart_view_get_style (self->view, &style);
  figure = outcome_figure_new (self->outcome, self->by_cohort);
  stand_in = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  figure->plot.trajectories = stand_in;
  trellis_before_after_plot_layout (&figure->plot, gtk_widget_get_width (widget), gtk_widget_get_height (widget),
                                    &style, &geometry);
  hit = trellis_before_after_plot_hit_test (&figure->plot, &geometry, x, y, &series, &timepoint);
  cairo_surface_destroy (stand_in);
  if (!hit)
    return FALSE;

  cohort = figure->series_cohorts[series];
  cell = trellis_descriptives_get (self->outcome->descriptives, cohort, timepoint);
  interval = trellis_format_interval (cell->ci_low, cell->ci_high);
  /* Translators: the tooltip of a mean in the before-and-after plot: the
   * timepoint's code and label, the group, then n, the mean and its 95% CI. */
  text = g_strdup_printf (_("%s · %s · %s\nn = %u · mean %.2f · 95%% CI %s"),
                          self->outcome->scores->timepoint_codes[timepoint],
                          self->outcome->scores->timepoint_labels[timepoint],
                          cohort != TRELLIS_DESCRIPTIVES_ALL ? self->outcome->scores->cohort_names[cohort]
                                                             : _("All participants"),
                          cell->n, cell->mean, interval);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

typedef struct
{
  TrellisOutcomeChart *chart;
  TrellisPlotStyle style;
} ExportDrawing;

static void
draw_export (cairo_t  *cr,
             double    width,
             double    height,
             gpointer  user_data)
{
  ExportDrawing *drawing = user_data;
  g_autoptr(TrellisAnalysisFigure) figure = outcome_figure_new (drawing->chart->outcome, drawing->chart->by_cohort);

  trellis_before_after_plot_draw_with_table (cr, width, height, &figure->plot, drawing->chart->outcome->scores,
                                             &drawing->style);
}

/* Files are written in the light style, whatever the desktop's: they go on
 * paper and white slides. */
gboolean
trellis_outcome_chart_write (TrellisOutcomeChart  *self,
                             const char           *path,
                             int                   width,
                             int                   height,
                             int                   dpi,
                             GError              **error)
{
  ExportDrawing drawing = { self };

  g_return_val_if_fail (self != NULL && self->outcome != NULL, FALSE);

  trellis_plot_style_init_light (&drawing.style);
  return trellis_plot_file_write_with_dpi (path, width, height, dpi, draw_export, &drawing, error);
}
