/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "trellis-analysis-outcome.h"
#include "trellis-analysis-page.h"
#include "trellis-chart-view.h"
#include "trellis-instrument.h"

G_BEGIN_DECLS

/* Shared by the files that make up the Analysis page: the page itself
 * (trellis-analysis-page.c) and its actions, Copy and the exports
 * (trellis-analysis-page-export.c). */
struct _TrellisAnalysisPage
{
  AdwBin parent_instance;

  TrellisStudy *study;
  GCancellable *reading;           /* the outcome being read and computed */
  TrellisOutcome *outcome;
  TrellisOutcomeChart *outcome_chart;
  gboolean stale;
  /* The flow and retention are read when their view is shown. */
  GCancellable *flow_reading;
  GCancellable *retention_reading;
  gboolean flow_stale;
  gboolean retention_stale;
  GCancellable *report_writing;    /* Export Report… under way */

  GtkDropDown *instrument_dropdown;
  GtkToggleButton *cohort_button;
  AdwViewStack *views;
  GtkStack *outcome_stack;
  GtkSpinner *spinner;
  AdwStatusPage *empty_page;
  TrellisChartView *outcome_chart_view;
  GtkLabel *problem_label;
  GtkLabel *sentence_label;
  GtkGrid *fixed_grid;
  GtkLabel *model_label;
  GtkGrid *effect_grid;
  GtkLabel *effect_label;
  GtkGrid *descriptive_grid;
  TrellisChartView *flow_chart;
  TrellisChartView *retention_chart;
};

void               trellis_analysis_page_toast               (TrellisAnalysisPage *self,
                                                              const char          *message);
/* Cancels and forgets a read or write under way. */
void               trellis_analysis_page_stop                (GCancellable       **work);
TrellisInstrument *trellis_analysis_page_selected_instrument (TrellisAnalysisPage *self);
/* The chart of the view on show, and whether it has anything to draw. */
TrellisChartView  *trellis_analysis_page_visible_chart       (TrellisAnalysisPage *self);
gboolean           trellis_analysis_page_has_chart           (TrellisAnalysisPage *self);
void               trellis_analysis_page_install_actions     (GtkWidgetClass      *widget_class);

G_END_DECLS
