/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "trellis-analysis-outcome.h"
#include "trellis-analysis-page-private.h"
#include "trellis-analysis-study-charts.h"
#include "trellis-analysis-tables.h"
#include "trellis-chart-view.h"
#include "trellis-instrument.h"
#include "trellis-retention.h"
#include "trellis-study-flow.h"
#include "trellis-study-measures.h"
#include "trellis-study-scores.h"

/* The PI's page: one instrument at a time, its before-and-after plot, the
 * mixed model's change from baseline with Cohen's d, the results paragraph
 * to copy, and the descriptives; beside it the participant flow and the
 * retention chart.
 *
 * Everything is read and computed in workers (the scores, the model, the
 * trajectories' raster), so the window never waits, even at 100,000
 * participants: the page shows the last results until the new ones arrive.
 * It follows every change to the schedule or the register, but only while
 * it is on screen; a change while it is hidden is picked up when it is
 * shown again. */

G_DEFINE_FINAL_TYPE (TrellisAnalysisPage, trellis_analysis_page, ADW_TYPE_BIN)

enum
{
  SIGNAL_TOAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void reload (TrellisAnalysisPage *self);

void
trellis_analysis_page_toast (TrellisAnalysisPage *self,
       const char          *message)
{
  g_signal_emit (self, signals[SIGNAL_TOAST], 0, message);
}

void
trellis_analysis_page_stop (GCancellable **reading)
{
  g_cancellable_cancel (*reading);
  g_clear_object (reading);
}

TrellisInstrument *
trellis_analysis_page_selected_instrument (TrellisAnalysisPage *self)
{
  return gtk_drop_down_get_selected_item (self->instrument_dropdown);
}

static gboolean
by_cohort (TrellisAnalysisPage *self)
{
  return gtk_toggle_button_get_active (self->cohort_button);
}

/* ---- The outcome: read, computed, shown ---- */

/* The chart of the view on show. */
TrellisChartView *
trellis_analysis_page_visible_chart (TrellisAnalysisPage *self)
{
  const char *view = adw_view_stack_get_visible_child_name (self->views);

  if (g_strcmp0 (view, "flow") == 0)
    return self->flow_chart;
  if (g_strcmp0 (view, "retention") == 0)
    return self->retention_chart;
  return self->outcome_chart_view;
}

gboolean
trellis_analysis_page_has_chart (TrellisAnalysisPage *self)
{
  TrellisChartView *chart = trellis_analysis_page_visible_chart (self);

  if (chart == self->outcome_chart_view)
    return self->outcome != NULL && self->outcome->scores->n_observations > 0;
  return trellis_chart_view_get_summary (chart) != NULL;
}

static void
sync_export_plot (TrellisAnalysisPage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "analysis.export-plot", trellis_analysis_page_has_chart (self));
}


/* "p < .001" and "d = 1.55" broken over two lines read badly; on screen
 * their spaces do not break. Copy gives the paragraph with plain spaces,
 * since a word processor has its own ideas. */
static char *
keep_together (const char *sentence)
{
  g_autoptr(GString) text = g_string_new (sentence);

  for (const char *const *op = (const char *const[]) { " < ", " = ", " > ", NULL }; *op != NULL; op++)
    {
      g_autofree char *tight = g_strdup_printf ("\u00a0%c\u00a0", (*op)[1]);

      g_string_replace (text, *op, tight, 0);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
show_outcome (TrellisAnalysisPage *self)
{
  TrellisOutcome *outcome = self->outcome;
  gboolean has_model = outcome != NULL && outcome->analysis != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "analysis.copy-sentence", has_model);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "analysis.export-statistics", has_model);
  sync_export_plot (self);
  if (outcome == NULL || outcome->scores->n_observations == 0)
    {
      trellis_outcome_chart_set_outcome (self->outcome_chart, NULL, FALSE);
      gtk_stack_set_visible_child_name (self->outcome_stack, "empty");
      return;
    }

  trellis_outcome_chart_set_outcome (self->outcome_chart, outcome, by_cohort (self));
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), !has_model);
  gtk_label_set_text (self->problem_label, outcome->problem != NULL ? outcome->problem : "");
  if (has_model)
    {
      g_autofree char *shown = keep_together (trellis_analysis_get_sentence (outcome->analysis));

      gtk_label_set_text (self->sentence_label, shown);
    }
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->sentence_label)), has_model);
  gtk_widget_set_visible (GTK_WIDGET (self->fixed_grid), has_model);
  gtk_widget_set_visible (GTK_WIDGET (self->model_label), has_model);
  gtk_widget_set_visible (GTK_WIDGET (self->effect_grid), has_model);
  gtk_widget_set_visible (GTK_WIDGET (self->effect_label), has_model);
  if (has_model)
    {
      g_autofree char *model = trellis_analysis_tables_describe_model (outcome->analysis);
      g_autofree char *effects = trellis_analysis_tables_describe_effects ();

      trellis_analysis_tables_fill_fixed_effects (self->fixed_grid, outcome->analysis);
      trellis_analysis_tables_fill_effect_sizes (self->effect_grid, outcome->analysis);
      gtk_label_set_text (self->model_label, model);
      gtk_label_set_text (self->effect_label, effects);
    }
  trellis_analysis_tables_fill_descriptives (self->descriptive_grid, outcome, by_cohort (self));
  gtk_stack_set_visible_child_name (self->outcome_stack, "results");
}

static void
compute_in_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  TrellisScoreTable *scores = g_object_steal_data (G_OBJECT (task), "scores");
  const char *title = task_data;

  g_task_return_pointer (task, trellis_outcome_compute (scores, title), (GDestroyNotify) trellis_outcome_unref);
}

static void
on_computed (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(TrellisAnalysisPage) self = user_data;
  g_autoptr(GError) error = NULL;
  TrellisOutcome *outcome = g_task_propagate_pointer (G_TASK (result), &error);

  if (outcome == NULL)
    return;
  /* A newer read took this one's place. */
  if (g_task_get_cancellable (G_TASK (result)) != self->reading)
    {
      trellis_outcome_unref (outcome);
      return;
    }
  g_clear_object (&self->reading);
  g_clear_pointer (&self->outcome, trellis_outcome_unref);
  self->outcome = outcome;
  gtk_spinner_stop (self->spinner);
  show_outcome (self);
}

static void
on_scores_read (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TrellisAnalysisPage) self = user_data;
  g_autoptr(GError) error = NULL;
  TrellisScoreTable *scores = trellis_study_read_scores_finish (TRELLIS_STUDY (source), result, &error);
  TrellisInstrument *instrument = trellis_analysis_page_selected_instrument (self);
  g_autoptr(GTask) task = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (scores == NULL)
    {
      g_clear_object (&self->reading);
      gtk_spinner_stop (self->spinner);
      trellis_analysis_page_toast (self, error->message);
      return;
    }
  /* At 100,000 participants the fit takes milliseconds, the descriptives and
   * the paired changes a few more: a worker all the same, as promised. */
  task = g_task_new (NULL, self->reading, on_computed, g_object_ref (self));
  g_object_set_data_full (G_OBJECT (task), "scores", scores, (GDestroyNotify) trellis_score_table_free);
  g_task_set_task_data (task, g_strdup (instrument != NULL ? trellis_instrument_get_label (instrument) : ""), g_free);
  g_task_run_in_thread (task, compute_in_thread);
}

static void
reload_outcome (TrellisAnalysisPage *self)
{
  TrellisInstrument *instrument = trellis_analysis_page_selected_instrument (self);

  trellis_analysis_page_stop (&self->reading);
  if (instrument == NULL)
    {
      g_clear_pointer (&self->outcome, trellis_outcome_unref);
      show_outcome (self);
      return;
    }
  self->reading = g_cancellable_new ();
  /* The first read has nothing to show meanwhile; later ones keep the last. */
  if (self->outcome == NULL)
    {
      gtk_stack_set_visible_child_name (self->outcome_stack, "loading");
      gtk_spinner_start (self->spinner);
    }
  trellis_study_read_scores_async (self->study, trellis_instrument_get_code (instrument), self->reading,
                                   on_scores_read, g_object_ref (self));
}

/* ---- The participant flow and retention ---- */

static void
on_flow_read (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(TrellisAnalysisPage) self = user_data;
  g_autoptr(GError) error = NULL;
  TrellisParticipantFlow *flow = trellis_study_read_flow_finish (TRELLIS_STUDY (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->flow_reading);
  if (flow == NULL)
    trellis_analysis_page_toast (self, error->message);
  trellis_analysis_show_flow (self->flow_chart, flow, by_cohort (self));
  sync_export_plot (self);
}

static void
on_retention_read (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(TrellisAnalysisPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisVisitTable) table = trellis_study_read_visit_table_finish (TRELLIS_STUDY (source), result,
                                                                              &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->retention_reading);
  if (table == NULL)
    {
      trellis_analysis_page_toast (self, error->message);
      trellis_analysis_show_retention (self->retention_chart, NULL, FALSE);
      return;
    }
  trellis_analysis_show_retention (self->retention_chart, trellis_retention_compute (table), by_cohort (self));
  sync_export_plot (self);
}

static void
restart (GCancellable **reading)
{
  trellis_analysis_page_stop (reading);
  *reading = g_cancellable_new ();
}

/* The flow counts as analysed whoever has a score of the chosen instrument. */
static void
load_visible_view (TrellisAnalysisPage *self)
{
  const char *view = adw_view_stack_get_visible_child_name (self->views);
  TrellisInstrument *instrument = trellis_analysis_page_selected_instrument (self);

  if (g_strcmp0 (view, "flow") == 0 && self->flow_stale)
    {
      self->flow_stale = FALSE;
      restart (&self->flow_reading);
      trellis_study_read_flow_async (self->study, trellis_study_today (),
                                     instrument != NULL ? trellis_instrument_get_code (instrument) : NULL,
                                     self->flow_reading, on_flow_read, g_object_ref (self));
    }
  else if (g_strcmp0 (view, "retention") == 0 && self->retention_stale)
    {
      self->retention_stale = FALSE;
      restart (&self->retention_reading);
      trellis_study_read_visit_table_async (self->study, trellis_study_today (), self->retention_reading,
                                            on_retention_read, g_object_ref (self));
    }
}

static void
reload_study_charts (TrellisAnalysisPage *self)
{
  self->flow_stale = TRUE;
  self->retention_stale = TRUE;
  load_visible_view (self);
}

/* ---- Following the study ---- */

static void
reload (TrellisAnalysisPage *self)
{
  if (self->study == NULL)
    return;
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }
  self->stale = FALSE;
  reload_outcome (self);
  reload_study_charts (self);
}

/* A draw or a booking changes the flow's interview branch, never a score:
 * only the flow is read again, once it is shown. */
static void
on_interviews_changed (TrellisAnalysisPage *self)
{
  self->flow_stale = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    load_visible_view (self);
}

static void
on_instrument_selected (TrellisAnalysisPage *self)
{
  g_clear_pointer (&self->outcome, trellis_outcome_unref);
  reload (self);
}

static void
on_cohort_toggled (TrellisAnalysisPage *self)
{
  show_outcome (self);
  if (self->study != NULL)
    reload_study_charts (self);
}

static void
on_view_changed (TrellisAnalysisPage *self)
{
  const char *view = adw_view_stack_get_visible_child_name (self->views);

  /* The instrument chooses the outcome; the flow and retention are the study's. */
  gtk_widget_set_visible (GTK_WIDGET (self->instrument_dropdown), g_strcmp0 (view, "outcomes") == 0);
  sync_export_plot (self);
  if (self->study != NULL)
    load_visible_view (self);
}

static gboolean
on_outcome_query_tooltip (TrellisAnalysisPage *self,
                          int                  x,
                          int                  y,
                          gboolean             keyboard,
                          GtkTooltip          *tooltip)
{
  return !keyboard && trellis_outcome_chart_query_tooltip (self->outcome_chart, x, y, tooltip);
}

static void
detach (TrellisAnalysisPage *self)
{
  trellis_analysis_page_stop (&self->reading);
  trellis_analysis_page_stop (&self->flow_reading);
  trellis_analysis_page_stop (&self->retention_reading);
  trellis_analysis_page_stop (&self->report_writing);
  if (self->study != NULL)
    g_signal_handlers_disconnect_by_data (self->study, self);
  g_clear_object (&self->study);
}

void
trellis_analysis_page_set_study (TrellisAnalysisPage *self,
                                 TrellisStudy        *study)
{
  g_return_if_fail (TRELLIS_IS_ANALYSIS_PAGE (self));
  g_return_if_fail (study == NULL || TRELLIS_IS_STUDY (study));

  detach (self);
  g_clear_pointer (&self->outcome, trellis_outcome_unref);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "analysis.export-report", FALSE);
  if (study == NULL)
    {
      gtk_drop_down_set_model (self->instrument_dropdown, NULL);
      return;
    }
  self->study = g_object_ref (study);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "analysis.export-report", TRUE);
  /* Scores change with every questionnaire saved, imported or rescored. */
  g_signal_connect_object (study, "schedule-changed", G_CALLBACK (reload), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (study, "register-changed", G_CALLBACK (reload), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (study, "interviews-changed", G_CALLBACK (on_interviews_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_handlers_block_by_func (self->instrument_dropdown, on_instrument_selected, self);
  gtk_drop_down_set_model (self->instrument_dropdown, trellis_study_get_instruments (study));
  g_signal_handlers_unblock_by_func (self->instrument_dropdown, on_instrument_selected, self);
  reload (self);
}

gboolean
trellis_analysis_page_set_instrument (TrellisAnalysisPage *self,
                                      const char          *code)
{
  GListModel *instruments;

  g_return_val_if_fail (TRELLIS_IS_ANALYSIS_PAGE (self), FALSE);

  instruments = gtk_drop_down_get_model (self->instrument_dropdown);
  for (guint i = 0; instruments != NULL && i < g_list_model_get_n_items (instruments); i++)
    {
      g_autoptr(TrellisInstrument) instrument = g_list_model_get_item (instruments, i);

      if (g_strcmp0 (trellis_instrument_get_code (instrument), code) == 0)
        {
          gtk_drop_down_set_selected (self->instrument_dropdown, i);
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
trellis_analysis_page_get_loading (TrellisAnalysisPage *self)
{
  g_return_val_if_fail (TRELLIS_IS_ANALYSIS_PAGE (self), FALSE);
  return self->reading != NULL || self->flow_reading != NULL || self->retention_reading != NULL
         || (self->stale && self->study != NULL) || trellis_outcome_chart_get_busy (self->outcome_chart);
}

const char *
trellis_analysis_page_get_sentence (TrellisAnalysisPage *self)
{
  g_return_val_if_fail (TRELLIS_IS_ANALYSIS_PAGE (self), NULL);
  if (self->outcome == NULL || self->outcome->analysis == NULL)
    return NULL;
  return trellis_analysis_get_sentence (self->outcome->analysis);
}

/* ---- The widget ---- */

static void
trellis_analysis_page_map (GtkWidget *widget)
{
  TrellisAnalysisPage *self = TRELLIS_ANALYSIS_PAGE (widget);

  GTK_WIDGET_CLASS (trellis_analysis_page_parent_class)->map (widget);
  if (self->stale && self->study != NULL)
    reload (self);
  else if (self->study != NULL)
    load_visible_view (self);
}

static void
trellis_analysis_page_dispose (GObject *object)
{
  TrellisAnalysisPage *self = TRELLIS_ANALYSIS_PAGE (object);

  detach (self);
  g_clear_pointer (&self->outcome, trellis_outcome_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), TRELLIS_TYPE_ANALYSIS_PAGE);
  G_OBJECT_CLASS (trellis_analysis_page_parent_class)->dispose (object);
}

static void
bind_template (GtkWidgetClass *widget_class)
{
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/trellis/Trellis/pages/trellis-analysis-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TrellisAnalysisPage, instrument_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TrellisAnalysisPage, cohort_button);
  gtk_widget_class_bind_template_child (widget_class, TrellisAnalysisPage, views);
  gtk_widget_class_bind_template_child (widget_class, TrellisAnalysisPage, outcome_stack);
  gtk_widget_class_bind_template_child (widget_class, TrellisAnalysisPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, TrellisAnalysisPage, empty_page);
  gtk_widget_class_bind_template_child_full (widget_class, "outcome_chart", FALSE,
                                             G_STRUCT_OFFSET (TrellisAnalysisPage, outcome_chart_view));
  gtk_widget_class_bind_template_child (widget_class, TrellisAnalysisPage, problem_label);
  gtk_widget_class_bind_template_child (widget_class, TrellisAnalysisPage, sentence_label);
  gtk_widget_class_bind_template_child (widget_class, TrellisAnalysisPage, fixed_grid);
  gtk_widget_class_bind_template_child (widget_class, TrellisAnalysisPage, model_label);
  gtk_widget_class_bind_template_child (widget_class, TrellisAnalysisPage, effect_grid);
  gtk_widget_class_bind_template_child (widget_class, TrellisAnalysisPage, effect_label);
  gtk_widget_class_bind_template_child (widget_class, TrellisAnalysisPage, descriptive_grid);
  gtk_widget_class_bind_template_child (widget_class, TrellisAnalysisPage, flow_chart);
  gtk_widget_class_bind_template_child (widget_class, TrellisAnalysisPage, retention_chart);
  gtk_widget_class_bind_template_callback (widget_class, on_cohort_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_view_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_outcome_query_tooltip);
}

static void
trellis_analysis_page_class_init (TrellisAnalysisPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = trellis_analysis_page_dispose;
  widget_class->map = trellis_analysis_page_map;

  /* A short message for the window to show as a toast. */
  signals[SIGNAL_TOAST] =
    g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  trellis_analysis_page_install_actions (widget_class);
  g_type_ensure (TRELLIS_TYPE_CHART_VIEW);
  bind_template (widget_class);
}

static void
trellis_analysis_page_init (TrellisAnalysisPage *self)
{
  g_autoptr(GtkExpression) label = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->outcome_chart = trellis_outcome_chart_new (self->outcome_chart_view);
  label = gtk_property_expression_new (TRELLIS_TYPE_INSTRUMENT, NULL, "label");
  gtk_drop_down_set_expression (self->instrument_dropdown, label);
  g_signal_connect_swapped (self->instrument_dropdown, "notify::selected",
                            G_CALLBACK (on_instrument_selected), self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "analysis.copy-sentence", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "analysis.export-statistics", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "analysis.export-plot", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "analysis.export-report", FALSE);
}
