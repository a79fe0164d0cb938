/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "trellis-before-after-plot.h"
#include "trellis-report.h"
#include "trajectory-fixture.h"
#include "trellis-test-utils.h"

static const char *const descriptive_headers[] = { "Timepoint", "n", "Mean", "SD", "95% CI" };
static const char *const descriptive_cells[] = {
  "T1 Baseline", "66", "3.20", "0.60", "3.05–3.35",
  "T2 After workshop", "62", "3.90", "0.55", "3.76–4.04",
  "T3 After coaching", "47", "4.10", "0.50", "3.95–4.25",
  "T4 Follow-up", "33", "4.00", "0.52", "3.82–4.18",
};


typedef struct
{
  TrellisScoreTable        *table;
  TrellisBeforeAfterPoint   points[4];
  TrellisBeforeAfterSeries  series;
  TrellisBeforeAfterPlot    plot;
} Section;

static void
section_init (Section *section)
{
  section->table = trajectory_fixture_new (500, 1);
  trajectory_fixture_means (section->table, -1, section->points);
  section->series = (TrellisBeforeAfterSeries) { NULL, section->points };
  section->plot = (TrellisBeforeAfterPlot) {
    .title = "Confidence",
    .value_label = "Score",
    .n_timepoints = 4,
    .timepoint_codes = trajectory_fixture_codes,
    .timepoint_labels = trajectory_fixture_labels,
    .n_series = 1,
    .series = &section->series,
    .value_min = 1,
    .value_max = 5,
  };
}

/* A title page, then one page per instrument whose content fits. */
static void
test_pages (void)
{
  g_autofree char *dir = g_dir_make_tmp ("report-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "report.pdf", NULL);
  g_autoptr(GError) error = NULL;
  TrellisReportTable table = { "Descriptives", 5, descriptive_headers, 4, descriptive_cells, "CI: t-based." };
  TrellisReportSection sections[2];
  Section data[2];
  TrellisReport report = { "Resilience coaching", "Analysis report", "22 November 2026" };
  guint n_pages = 0;

  for (guint i = 0; i < 2; i++)
    {
      section_init (&data[i]);
      sections[i] = (TrellisReportSection) { "Confidence", &data[i].plot, data[i].table, 1, &table,
                                             "Compared with baseline, Confidence was higher.", NULL };
    }
  report.n_sections = 2;
  report.sections = sections;

  g_assert_true (trellis_report_write_pdf (&report, path, &n_pages, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_pages, ==, 3);
  g_assert_cmpuint (trellis_test_count_pdf_pages (path), ==, 3);

  for (guint i = 0; i < 2; i++)
    trellis_score_table_free (data[i].table);
  g_remove (path);
  g_rmdir (dir);
}

/* A table longer than a page goes on over the next, its header repeated. */
static void
test_long_table (void)
{
  g_autofree char *dir = g_dir_make_tmp ("report-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "long.pdf", NULL);
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  const char *const headers[] = { "Row", "Value" };
  TrellisReportTable table = { "Many rows", 2, headers, 200, NULL, NULL };
  TrellisReportSection section = { "Long", NULL, NULL, 1, &table, NULL, "No model: a message." };
  TrellisReport report = { "Long study", NULL, NULL, .n_sections = 1, .sections = &section };
  guint n_pages = 0;

  for (guint r = 0; r < 200; r++)
    {
      g_ptr_array_add (cells, g_strdup_printf ("Row %u", r));
      g_ptr_array_add (cells, g_strdup_printf ("%u", r * r));
    }
  table.cells = (const char *const *) cells->pdata;

  g_assert_true (trellis_report_write_pdf (&report, path, &n_pages, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_pages, >=, 4);
  g_assert_cmpuint (trellis_test_count_pdf_pages (path), ==, n_pages);
  g_remove (path);
  g_rmdir (dir);
}

static void
record_height (cairo_t  *cr,
               double    width,
               double    height,
               gpointer  user_data)
{
  *(double *) user_data = height;
}

/* A figure a little too tall for the title page is drawn smaller there; one
 * that would have to shrink too far gets a page of its own, at its height. */
static void
test_figure (void)
{
  g_autofree char *dir = g_dir_make_tmp ("report-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "figure.pdf", NULL);
  g_autoptr(GError) error = NULL;
  TrellisReport report = { "Resilience coaching", "Analysis report", "22 November 2026", record_height };
  double drawn = 0;
  guint n_pages = 0;

  report.figure_data = &drawn;
  report.figure_height = 600;
  g_assert_true (trellis_report_write_pdf (&report, path, &n_pages, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_pages, ==, 1);
  g_assert_cmpfloat (drawn, <, 600);
  g_assert_cmpfloat (drawn, >=, 600 * 0.7);

  /* Taller than a page, it is drawn as large as a page's text. */
  report.figure_height = 1000;
  g_assert_true (trellis_report_write_pdf (&report, path, &n_pages, &error));
  g_assert_cmpuint (n_pages, ==, 2);
  g_assert_cmpfloat (drawn, <, 1000);
  g_assert_cmpfloat (drawn, >, 700);
  g_remove (path);
  g_rmdir (dir);
}

static void
test_unwritable (void)
{
  g_autoptr(GError) error = NULL;
  TrellisReport report = { "Nowhere" };

  g_assert_false (trellis_report_write_pdf (&report, "/nonexistent-folder/report.pdf", NULL, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "/nonexistent-folder/report.pdf"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/trellis/plot/report/pages", test_pages);
  g_test_add_func ("/trellis/plot/report/long-table", test_long_table);
  g_test_add_func ("/trellis/plot/report/figure", test_figure);
  g_test_add_func ("/trellis/plot/report/unwritable", test_unwritable);
  return g_test_run ();
}
