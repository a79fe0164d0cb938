/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "demo-fixture.h"
#include "trellis-analysis-page.h"
#include "trellis-chart-view.h"
#include "trellis-plot-export-dialog.h"
#include "trellis-test-utils.h"
#include "ui-test-utils.h"

/* The Analysis page in the real window, on the demo study: the Brief
 * Resilience Scale's plot, model and paragraph appear without the window
 * waiting; another instrument and the per-cohort view follow; the plot is
 * exported at a chosen size and resolution, and the study's report to a PDF. */

static TrellisAnalysisPage *
analysis_page (TrellisWindow *window)
{
  return TRELLIS_ANALYSIS_PAGE (trellis_study_view_ensure_page (study_view (window), "analysis"));
}

static gpointer
page_child (TrellisWindow *window,
            const char    *name)
{
  return child (analysis_page (window), TRELLIS_TYPE_ANALYSIS_PAGE, name);
}

static gboolean
page_done (gpointer window)
{
  return !trellis_analysis_page_get_loading (analysis_page (window));
}

static void
wait_for_analysis (TrellisWindow *window)
{
  iterate_for (100);
  g_assert_true (iterate_until (page_done, window));
  iterate_for (200);
}

/* The label in the grid's row and column. */
static const char *
cell_text (GtkGrid *grid,
           int      column,
           int      row)
{
  GtkWidget *cell = gtk_grid_get_child_at (grid, column, row);

  g_assert_nonnull (cell);
  return gtk_label_get_text (GTK_LABEL (cell));
}

static void
check_outcome (TrellisWindow *window)
{
  TrellisAnalysisPage *page = analysis_page (window);
  const char *sentence = trellis_analysis_page_get_sentence (page);
  GtkGrid *fixed = page_child (window, "fixed_grid");
  GtkGrid *descriptives = page_child (window, "descriptive_grid");

  g_assert_cmpstr (gtk_stack_get_visible_child_name (page_child (window, "outcome_stack")), ==, "results");
  g_assert_nonnull (sentence);
  g_assert_true (g_str_has_prefix (sentence, "Compared with baseline, "));
  g_assert_nonnull (strstr (sentence, "T2 (unadj. β = "));
  /* On screen, "p < .001" keeps together with no-break spaces. */
  g_assert_true (g_str_has_prefix (gtk_label_get_text (page_child (window, "sentence_label")), "Compared with baseline"));
  g_assert_nonnull (strstr (gtk_label_get_text (page_child (window, "sentence_label")), "β\u00a0=\u00a0"));

  /* The baseline mean, then T2–T4 against it; the demo's 66 → 62 → 47 → 33. */
  g_assert_true (g_str_has_prefix (cell_text (fixed, 0, 1), "T1"));
  g_assert_true (g_str_has_prefix (cell_text (fixed, 0, 2), "T2"));
  g_assert_true (g_str_has_prefix (cell_text (fixed, 0, 4), "T4"));
  g_assert_cmpstr (cell_text (descriptives, 1, 1), ==, "66");
  g_assert_cmpstr (cell_text (descriptives, 1, 2), ==, "62");
  g_assert_cmpstr (cell_text (descriptives, 1, 3), ==, "47");
  g_assert_cmpstr (cell_text (descriptives, 1, 4), ==, "33");
  g_assert_true (gtk_widget_get_visible (page_child (window, "fixed_grid")));
  g_assert_false (gtk_widget_get_visible (page_child (window, "problem_label")));
}

static void
scroll_to_end (TrellisWindow *window)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (page_child (window, "fixed_grid"), GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));

  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  iterate_for (200);
}

static void
check_export (Fixture       *fixture,
              TrellisWindow *window)
{
  g_autofree char *png = temp_path (fixture, "before-after.png");
  g_autofree char *pdf = temp_path (fixture, "before-after.pdf");
  g_autoptr(GFile) png_file = g_file_new_for_path (png);
  g_autoptr(GFile) pdf_file = g_file_new_for_path (pdf);
  g_autoptr(GError) error = NULL;
  cairo_surface_t *image;
  g_autofree char *bytes = NULL;

  /* 720 × 400 points at 144 dpi: twice as many pixels. */
  g_assert_true (trellis_analysis_page_export_plot (analysis_page (window), png_file, 720, 400, 144, &error));
  g_assert_no_error (error);
  image = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 1440);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 800);
  cairo_surface_destroy (image);

  g_assert_true (trellis_analysis_page_export_plot (analysis_page (window), pdf_file, 720, 400, 144, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pdf, &bytes, NULL, NULL));
  g_assert_true (g_str_has_prefix (bytes, "%PDF-"));
  g_unlink (png);
  g_unlink (pdf);
}

typedef struct
{
  gboolean done;
  guint    n_pages;
  GError  *error;
} ReportWait;

static void
on_report_written (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  ReportWait *wait = user_data;

  wait->n_pages = trellis_analysis_page_export_report_finish (TRELLIS_ANALYSIS_PAGE (source), result, &wait->error);
  wait->done = TRUE;
}

static gboolean
report_written (gpointer user_data)
{
  return ((ReportWait *) user_data)->done;
}

/* Export Report…: read and written in workers while the window goes on;
 * a title page with the flow, then a page for each of the demo's three
 * instruments. */
static void
check_report (Fixture       *fixture,
              TrellisWindow *window)
{
  g_autofree char *pdf = temp_path (fixture, "report.pdf");
  g_autoptr(GFile) file = g_file_new_for_path (pdf);
  ReportWait wait = { FALSE };

  trellis_analysis_page_export_report (analysis_page (window), file, NULL, on_report_written, &wait);
  g_assert_true (iterate_until (report_written, &wait));
  g_assert_no_error (wait.error);
  g_assert_cmpuint (wait.n_pages, ==, 4);
  g_assert_cmpuint (trellis_test_count_pdf_pages (pdf), ==, 4);
  g_unlink (pdf);
}

/* The flow diagram and the retention chart, each read when its view is
 * first shown; their summaries in words carry the demo's numbers. */
static void
check_exports_visible_chart (Fixture       *fixture,
                             TrellisWindow *window)
{
  g_autofree char *svg = temp_path (fixture, "flow.svg");
  g_autoptr(GFile) file = g_file_new_for_path (svg);
  g_autoptr(GError) error = NULL;
  g_autofree char *bytes = NULL;
  TrellisPlotExportDialog *dialog;

  g_assert_true (trellis_analysis_page_export_plot (analysis_page (window), file, 600, 900, 300, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (svg, &bytes, NULL, NULL));
  g_assert_nonnull (strstr (bytes, "<svg"));
  g_assert_nonnull (strstr (bytes, "width=\"600\""));
  g_unlink (svg);

  /* The dialog Export Plot… asks with, after the file is chosen. */
  dialog = trellis_plot_export_dialog_new (GTK_WINDOW (window), file, 720, 400);
  gtk_window_present (GTK_WINDOW (dialog));
  iterate_for (300);
  g_assert_cmpint (trellis_plot_export_dialog_get_width (dialog), ==, 720);
  g_assert_cmpint (trellis_plot_export_dialog_get_dpi (dialog), ==, 300);
  save_screenshot (GTK_WIDGET (dialog), "analysis-export-dialog");
  respond (ADW_MESSAGE_DIALOG (dialog), "cancel");
  iterate_for (100);
}

static void
check_study_charts (Fixture       *fixture,
                    TrellisWindow *window)
{
  AdwViewStack *views = page_child (window, "views");
  TrellisChartView *flow = page_child (window, "flow_chart");
  TrellisChartView *retention = page_child (window, "retention_chart");

  g_assert_null (trellis_chart_view_get_summary (flow));
  adw_view_stack_set_visible_child_name (views, "flow");
  wait_for_analysis (window);
  g_assert_false (gtk_widget_get_visible (page_child (window, "instrument_dropdown")));
  g_assert_nonnull (strstr (trellis_chart_view_get_summary (flow), "Recruited: 69."));
  g_assert_nonnull (strstr (trellis_chart_view_get_summary (flow), ": 66."));
  g_assert_nonnull (strstr (trellis_chart_view_get_summary (flow), ": 62."));
  g_assert_nonnull (strstr (trellis_chart_view_get_summary (flow), ": 47."));
  g_assert_nonnull (strstr (trellis_chart_view_get_summary (flow), ": 33."));
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (flow)), >, 300);
  save_screenshot (GTK_WIDGET (window), "analysis-flow");
  check_exports_visible_chart (fixture, window);

  adw_view_stack_set_visible_child_name (views, "retention");
  wait_for_analysis (window);
  g_assert_nonnull (strstr (trellis_chart_view_get_summary (retention), "T2: 62 of 69 completed."));
  save_screenshot (GTK_WIDGET (window), "analysis-retention");

  gtk_toggle_button_set_active (page_child (window, "cohort_button"), TRUE);
  wait_for_analysis (window);
  save_screenshot (GTK_WIDGET (window), "analysis-retention-by-cohort");
  gtk_toggle_button_set_active (page_child (window, "cohort_button"), FALSE);
  adw_view_stack_set_visible_child_name (views, "outcomes");
  wait_for_analysis (window);
}

static void
test_demo (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *path = temp_path (fixture, "Demo.trellis");
  TrellisWindow *window;
  const char *brs_sentence;
  g_autofree char *brs = NULL;

  demo_fixture_create_closed (path, "Resilience coaching");
  window = open_study_in (fixture, path);
  g_assert_true (trellis_study_view_show_page (study_view (window), "analysis"));
  wait_for_analysis (window);
  check_outcome (window);
  save_screenshot (GTK_WIDGET (window), "analysis-outcome");
  scroll_to_end (window);
  save_screenshot (GTK_WIDGET (window), "analysis-tables");

  brs_sentence = trellis_analysis_page_get_sentence (analysis_page (window));
  brs = g_strdup (brs_sentence);
  g_assert_true (trellis_analysis_page_set_instrument (analysis_page (window), "KNOW"));
  wait_for_analysis (window);
  g_assert_cmpstr (trellis_analysis_page_get_sentence (analysis_page (window)), !=, brs);
  check_outcome (window);

  gtk_toggle_button_set_active (page_child (window, "cohort_button"), TRUE);
  wait_for_analysis (window);
  save_screenshot (GTK_WIDGET (window), "analysis-by-cohort");
  gtk_toggle_button_set_active (page_child (window, "cohort_button"), FALSE);

  check_export (fixture, window);
  check_report (fixture, window);
  check_study_charts (fixture, window);

  close_all_windows (GTK_APPLICATION (fixture->app));
  remove_study (path);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TRELLIS_TODAY", TRELLIS_DEMO_STUDY_AS_OF, TRUE);
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  g_test_add ("/trellis/ui/analysis-page/demo", Fixture, NULL, fixture_set_up, test_demo, fixture_tear_down);

  return g_test_run ();
}
