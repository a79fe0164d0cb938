/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "cli-test-utils.h"

/* trellis-cli plot --kind before-after and trellis-cli report, on a demo
 * study made with trellis-cli demo: three instruments with scores (the
 * Brief Resilience Scale, Confidence in Coping and the Knowledge test). */

static void
make_demo (Fixture *fixture)
{
  g_autoptr(CliRun) run = run_cli ("demo", fixture->path, NULL);

  g_assert_cmpint (run->status, ==, 0);
}

/* Width and height are points; a PNG has dpi / 72 pixels per point. */
static void
test_png_size (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *standard = fixture_path (fixture, "ccae.png");
  g_autofree char *print = fixture_path (fixture, "ccae-300.png");
  g_autofree char *dark = fixture_path (fixture, "know-dark.png");
  g_autoptr(CliRun) run = NULL;
  g_autoptr(CliRun) print_run = NULL;
  g_autoptr(CliRun) dark_run = NULL;
  guint width, height;

  if (!have_cli ())
    return;
  make_demo (fixture);

  run = run_cli ("plot", fixture->path, "--kind", "before-after", "--instrument", "CCAE", "-o", standard, NULL);
  g_assert_cmpint (run->status, ==, 0);
  g_assert_nonnull (strstr (run->out, standard));
  trellis_test_png_size (standard, &width, &height);
  g_assert_cmpuint (width, ==, 1440);
  g_assert_cmpuint (height, ==, 960);

  print_run = run_cli ("plot", fixture->path, "--kind", "before-after", "--instrument", "ccae",
                       "--width", "600", "--height", "400", "--dpi", "300", "-o", print, NULL);
  g_assert_cmpint (print_run->status, ==, 0);
  trellis_test_png_size (print, &width, &height);
  g_assert_cmpuint (width, ==, 2500);
  g_assert_cmpuint (height, ==, 1667);

  /* OUTPUT may also follow FILE, as for the other kinds. */
  dark_run = run_cli ("plot", "--kind", "before-after", "-i", "KNOW", "--by-cohort", "--dark", "--dpi", "72",
                      fixture->path, dark, NULL);
  g_assert_cmpint (dark_run->status, ==, 0);
  trellis_test_png_size (dark, &width, &height);
  g_assert_cmpuint (width, ==, 720);
  g_assert_cmpuint (height, ==, 480);
}

static void
test_vector (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *svg = fixture_path (fixture, "brs.svg");
  g_autofree char *pdf = fixture_path (fixture, "brs.pdf");
  g_autofree char *contents = NULL;
  g_autoptr(CliRun) svg_run = NULL;
  g_autoptr(CliRun) pdf_run = NULL;

  if (!have_cli ())
    return;
  make_demo (fixture);

  svg_run = run_cli ("plot", fixture->path, "--kind", "before-after", "--instrument", "BRS", "-o", svg, NULL);
  g_assert_cmpint (svg_run->status, ==, 0);
  contents = trellis_test_read_file (svg, NULL);
  g_assert_nonnull (strstr (contents, "<svg"));
  /* The trajectories, as one image under the vector means. */
  g_assert_nonnull (strstr (contents, "<image"));

  pdf_run = run_cli ("plot", fixture->path, "--kind", "before-after", "--instrument", "BRS", "-o", pdf, NULL);
  g_assert_cmpint (pdf_run->status, ==, 0);
  g_assert_cmpuint (trellis_test_count_pdf_pages (pdf), ==, 1);
}

static void
test_plot_refusals (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *output = fixture_path (fixture, "plot.png");
  g_autoptr(CliRun) no_instrument = NULL;
  g_autoptr(CliRun) unknown = NULL;
  g_autoptr(CliRun) dpi = NULL;
  g_autoptr(CliRun) plan_instrument = NULL;
  g_autoptr(CliRun) both = NULL;

  if (!have_cli ())
    return;
  make_demo (fixture);

  no_instrument = run_cli ("plot", fixture->path, "--kind", "before-after", "-o", output, NULL);
  g_assert_cmpint (no_instrument->status, ==, 2);
  g_assert_nonnull (strstr (no_instrument->err, "--instrument"));

  unknown = run_cli ("plot", fixture->path, "--kind", "before-after", "--instrument", "NOPE", "-o", output, NULL);
  g_assert_cmpint (unknown->status, ==, 1);
  g_assert_nonnull (strstr (unknown->err, "NOPE"));

  dpi = run_cli ("plot", fixture->path, "--kind", "before-after", "--instrument", "CCAE", "--dpi", "lots",
                 "-o", output, NULL);
  g_assert_cmpint (dpi->status, ==, 2);
  g_assert_nonnull (strstr (dpi->err, "--dpi"));

  plan_instrument = run_cli ("plot", fixture->path, "--instrument", "CCAE", "-o", output, NULL);
  g_assert_cmpint (plan_instrument->status, ==, 2);

  both = run_cli ("plot", fixture->path, output, "-o", output, NULL);
  g_assert_cmpint (both->status, ==, 2);
  g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));
}

/* A title page with the flow diagram, then a page for each instrument. */
static void
test_report (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *report = fixture_path (fixture, "report.pdf");
  g_autofree char *by_cohort = fixture_path (fixture, "by-cohort.pdf");
  g_autoptr(CliRun) run = NULL;
  g_autoptr(CliRun) cohort_run = NULL;

  if (!have_cli ())
    return;
  make_demo (fixture);

  run = run_cli ("report", fixture->path, "-o", report, NULL);
  g_assert_cmpint (run->status, ==, 0);
  g_assert_nonnull (strstr (run->out, report));
  g_assert_nonnull (strstr (run->out, "(4 pages)"));
  g_assert_cmpuint (trellis_test_count_pdf_pages (report), ==, 4);

  /* Descriptives per cohort make each instrument longer, never shorter. */
  cohort_run = run_cli ("report", fixture->path, "--by-cohort", "-o", by_cohort, NULL);
  g_assert_cmpint (cohort_run->status, ==, 0);
  g_assert_cmpuint (trellis_test_count_pdf_pages (by_cohort), >=, 4);
}

static void
test_report_refusals (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *png = fixture_path (fixture, "report.png");
  g_autofree char *pdf = fixture_path (fixture, "report.pdf");
  g_autoptr(CliRun) no_output = NULL;
  g_autoptr(CliRun) not_pdf = NULL;
  g_autoptr(CliRun) itself = NULL;
  g_autoptr(CliRun) missing = NULL;

  if (!have_cli ())
    return;

  missing = run_cli ("report", fixture->path, "-o", pdf, NULL);
  g_assert_cmpint (missing->status, ==, 3);
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));

  make_demo (fixture);
  no_output = run_cli ("report", fixture->path, NULL);
  g_assert_cmpint (no_output->status, ==, 2);
  g_assert_nonnull (strstr (no_output->err, "--output"));

  not_pdf = run_cli ("report", fixture->path, "-o", png, NULL);
  g_assert_cmpint (not_pdf->status, ==, 2);
  g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));

  itself = run_cli ("report", fixture->path, "-o", fixture->path, NULL);
  g_assert_cmpint (itself->status, ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  ADD_TEST ("/trellis/cli/plot/before-after/png-size", test_png_size);
  ADD_TEST ("/trellis/cli/plot/before-after/vector", test_vector);
  ADD_TEST ("/trellis/cli/plot/before-after/refusals", test_plot_refusals);
  ADD_TEST ("/trellis/cli/report/pages", test_report);
  ADD_TEST ("/trellis/cli/report/refusals", test_report_refusals);
  g_test_add_data_func ("/trellis/cli/report/help", "report", cli_test_help);
  return g_test_run ();
}
