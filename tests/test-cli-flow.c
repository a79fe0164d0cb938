/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "cli-test-utils.h"
#include "trellis-demo-study.h"

/* trellis-cli flow, and trellis-cli plot --kind flow and --kind retention,
 * on the default demo study (69 registered, 66 consented; 66, 62, 47 and 33
 * completed T1–T4), counted as on the demo's last day. */

static CliRun *
run_flow (const char *path,
          const char *first_option,
          const char *second_option,
          const char *third_option)
{
  return run_cli ("flow", path, "--today", TRELLIS_DEMO_STUDY_AS_OF, first_option, second_option, third_option,
                  NULL);
}

static void
test_text (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(CliRun) run = NULL;

  if (!have_cli_on_demo (fixture))
    return;
  run = run_flow (fixture->path, NULL, NULL, NULL);
  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->err, ==, "");
  assert_matches ("^Participant flow on " TRELLIS_DEMO_STUDY_AS_OF "$", run->out);
  assert_matches ("^Recruited +69$", run->out);
  assert_matches ("^  Not consented +3$", run->out);
  assert_matches ("^      No consent recorded yet +3$", run->out);
  assert_matches ("^Consented to take part +66$", run->out);
  assert_matches ("^Completed T1 · Baseline +66$", run->out);
  assert_matches ("^Completed T2 · After workshop +62$", run->out);
  assert_matches ("^Completed T3 · After coaching +47$", run->out);
  assert_matches ("^Completed T4 · Follow-up +33$", run->out);
  assert_matches ("^  Did not complete T4 +33$", run->out);
  assert_matches ("^      Withdrawn: Data destruction requested +1$", run->out);
  assert_matches ("^Analysed \\(mixed model, all available data\\) +66$", run->out);
  assert_matches ("^    Completed every timepoint +33$", run->out);
  /* Reasons nobody has are left out of the text. */
  g_assert_null (strstr (run->out, "Declined to take part"));
  g_assert_null (strstr (run->out, "Interview sub-study"));
}

static void
test_csv (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(CliRun) run = NULL;
  g_autoptr(CliRun) by_cohort = NULL;
  g_auto(GStrv) lines = NULL;

  if (!have_cli_on_demo (fixture))
    return;
  run = run_flow (fixture->path, "--format", "csv", NULL);
  g_assert_cmpint (run->status, ==, 0);
  lines = g_strsplit (run->out, "\r\n", -1);
  g_assert_cmpstr (lines[0], ==, "section,box,reason,label,cohort,count");
  g_assert_cmpstr (lines[1], ==, "main,recruited,,Recruited,All cohorts,69");
  g_assert_cmpstr (lines[2], ==, "main,not-consented,,Not consented,All cohorts,3");
  g_assert_cmpstr (lines[3], ==, "main,not-consented,no-consent,No consent recorded yet,All cohorts,3");
  /* Every reason is there, those nobody has too. */
  g_assert_cmpstr (lines[4], ==, "main,not-consented,declined,Declined to take part,All cohorts,0");
  g_assert_cmpstr (lines[5], ==, "main,consented,,Consented to take part,All cohorts,66");
  g_assert_nonnull (strstr (run->out, "\r\nmain,completed:T2,,Completed T2 · After workshop,All cohorts,62\r\n"));
  g_assert_nonnull (strstr (run->out, "\r\nmain,completed:T4,,Completed T4 · Follow-up,All cohorts,33\r\n"));
  g_assert_nonnull (strstr (run->out, "\r\nmain,not-completed:T2,missed,Missed,All cohorts,2\r\n"));
  g_assert_nonnull (strstr (run->out, "\r\nmain,analysed,instrument:BRS,Brief Resilience Scale,All cohorts,66\r\n"));
  g_assert_null (strstr (run->out, "Midwives"));

  by_cohort = run_flow (fixture->path, "--format=csv", "--by-cohort", NULL);
  g_assert_cmpint (by_cohort->status, ==, 0);
  g_assert_nonnull (strstr (by_cohort->out, "\r\nmain,recruited,,Recruited,Midwives,10\r\n"));
  g_assert_nonnull (strstr (by_cohort->out, "\r\nmain,recruited,,Recruited,Sonographers,9\r\n"));
  g_assert_nonnull (strstr (by_cohort->out, "\r\nmain,completed:T3,,Completed T3 · After coaching,Midwives,10\r\n"));
}

static void
test_by_cohort (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(CliRun) run = NULL;

  if (!have_cli_on_demo (fixture))
    return;
  run = run_flow (fixture->path, "--by-cohort", NULL, NULL);
  g_assert_cmpint (run->status, ==, 0);
  assert_matches ("^Cohorts:$", run->out);
  assert_matches ("^  \\(1\\) Midwives$", run->out);
  assert_matches ("^  \\(7\\) Sonographers$", run->out);
  assert_matches ("^ +All +\\(1\\) +\\(2\\) +\\(3\\) +\\(4\\) +\\(5\\) +\\(6\\) +\\(7\\)$", run->out);
  assert_matches ("^Recruited +69 +10 +10 +10 +10 +10 +10 +9$", run->out);
  assert_matches ("^Completed T1 · Baseline +66 +10 +10 +10 +10 +10 +10 +6$", run->out);
}

static void
test_instrument (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(CliRun) run = NULL;
  g_autoptr(CliRun) unknown = NULL;

  if (!have_cli_on_demo (fixture))
    return;
  run = run_flow (fixture->path, "--instrument", "ccae", NULL);
  g_assert_cmpint (run->status, ==, 0);
  assert_matches ("^    Confidence in Coping with Adverse Events +66$", run->out);
  g_assert_null (strstr (run->out, "Brief Resilience Scale"));

  unknown = run_flow (fixture->path, "--instrument", "XYZ", NULL);
  g_assert_cmpint (unknown->status, ==, 1);
  g_assert_nonnull (strstr (unknown->err, "XYZ"));
  g_assert_cmpstr (unknown->out, ==, "");
}

/* The code of pick @n in trellis-cli select's output. */
static char *
pick_code (const char *out,
           guint       n)
{
  g_autofree char *pattern = g_strdup_printf ("^ +%u  (P[0-9]+) ", n);
  g_autoptr(GRegex) regex = g_regex_new (pattern, G_REGEX_MULTILINE, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  g_assert_true (g_regex_match (regex, out, 0, &match));
  return g_match_info_fetch (match, 1);
}

/* Fourteen drawn at T4; the first declines and is replaced, the second is
 * booked and interviewed. */
static void
make_interviews (const char *path)
{
  g_autoptr(CliRun) select = run_cli ("select", path, "-n", "14", "-s", "7", "--today", TRELLIS_DEMO_STUDY_AS_OF,
                                      NULL);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(CliRun) replace = NULL;
  g_autoptr(CliRun) book = NULL;
  g_autoptr(CliRun) done = NULL;

  g_assert_cmpint (select->status, ==, 0);
  first = pick_code (select->out, 1);
  second = pick_code (select->out, 2);
  replace = run_cli ("replace", path, "1", first, "-r", "declined", NULL);
  g_assert_cmpint (replace->status, ==, 0);
  book = run_cli ("schedule", path, second, "-i", "Ada", "-a", "2025-06-12 10:00", "-z", "Europe/London",
                  "--today", TRELLIS_DEMO_STUDY_AS_OF, NULL);
  g_assert_cmpint (book->status, ==, 0);
  done = run_cli ("interview", "status", path, second, "done", "-m", "60", NULL);
  g_assert_cmpint (done->status, ==, 0);
}

static void
test_interviews (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(CliRun) run = NULL;
  g_autoptr(CliRun) csv = NULL;

  if (!have_cli_on_demo (fixture))
    return;
  make_interviews (fixture->path);
  run = run_flow (fixture->path, NULL, NULL, NULL);
  g_assert_cmpint (run->status, ==, 0);
  assert_matches ("^Interview sub-study, from “Completed T4 · Follow-up”$", run->out);
  assert_matches ("^Eligible for interview +[0-9]+$", run->out);
  assert_matches ("^Drawn at random +15$", run->out);
  assert_matches ("^    First picks +14$", run->out);
  assert_matches ("^    Replacements from the same cohort +1$", run->out);
  assert_matches ("^  Declined or did not attend +1$", run->out);
  assert_matches ("^      Of these, replaced +1$", run->out);
  assert_matches ("^Interviewed +1$", run->out);
  assert_matches ("^  Not interviewed yet +13$", run->out);
  /* The main flow does not change. */
  assert_matches ("^Completed T4 · Follow-up +33$", run->out);

  csv = run_flow (fixture->path, "--format", "csv", NULL);
  g_assert_nonnull (strstr (csv->out, "\r\ninterviews,interviewed,done,Done,All cohorts,1\r\n"));
  g_assert_nonnull (strstr (csv->out, "\r\ninterviews,interview-dropped,declined,Declined,All cohorts,1\r\n"));
}

/* A format other than text or CSV, a day that is not a date, a folder. */
static void
test_usage (Fixture       *fixture,
            gconstpointer  data)
{
  if (!have_cli_on_demo (fixture))
    return;
  assert_refuses_format_and_today (fixture, "flow", "json");
}

/* The width a PNG's header gives, in pixels. */
static guint
png_width (const char *path)
{
  guint width;

  trellis_test_png_size (path, &width, NULL);
  return width;
}

static void
plot_ok (Fixture    *fixture,
         const char *kind,
         const char *name,
         const char *option,
         const char *value)
{
  g_autofree char *output = fixture_path (fixture, name);
  g_autoptr(CliRun) run = run_cli ("plot", "--kind", kind, fixture->path, output, option, value, NULL);

  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->err, ==, "");
  g_assert_nonnull (strstr (run->out, output));
  if (g_str_has_suffix (name, ".png"))
    g_assert_cmpuint (png_width (output), >, 400);
  else if (g_str_has_suffix (name, ".pdf"))
    trellis_test_assert_file_starts_with (output, "%PDF-", 5);
  else
    {
      g_autofree char *contents = trellis_test_read_file (output, NULL);

      g_assert_nonnull (strstr (contents, "<svg"));
    }
}

/* Each kind in each format; a chosen width is kept (PNGs are drawn at
 * twice their size); by cohort the diagram grows. */
static void
test_plot (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *flow = NULL;
  g_autofree char *flow_by_cohort = NULL;
  g_autofree char *retention_by_cohort = NULL;
  g_autofree char *retention = NULL;
  g_autofree char *flow_plain = NULL;
  g_autofree char *retention_plain = NULL;

  if (!have_cli_on_demo (fixture))
    return;
  g_setenv ("TRELLIS_TODAY", TRELLIS_DEMO_STUDY_AS_OF, TRUE);
  plot_ok (fixture, "flow", "flow.png", NULL, NULL);
  plot_ok (fixture, "flow", "flow.svg", "--dark", NULL);
  plot_ok (fixture, "flow", "flow.pdf", NULL, NULL);
  plot_ok (fixture, "flow", "flow-cohorts.png", "--by-cohort", NULL);
  plot_ok (fixture, "flow", "flow-800.png", "--width", "800");
  plot_ok (fixture, "flow", "flow-ccae.svg", "--instrument", "ccae");
  plot_ok (fixture, "retention", "retention.png", NULL, NULL);
  plot_ok (fixture, "retention", "retention.svg", NULL, NULL);
  plot_ok (fixture, "retention", "retention.pdf", "--by-cohort", NULL);
  plot_ok (fixture, "retention", "retention-cohorts.png", "--by-cohort", NULL);
  plot_ok (fixture, "retention", "retention-600.png", "--width", "600");
  g_unsetenv ("TRELLIS_TODAY");

  flow = fixture_path (fixture, "flow-800.png");
  g_assert_cmpuint (png_width (flow), ==, 1600);
  retention = fixture_path (fixture, "retention-600.png");
  g_assert_cmpuint (png_width (retention), ==, 1200);
  flow_by_cohort = fixture_path (fixture, "flow-cohorts.png");
  flow_plain = fixture_path (fixture, "flow.png");
  g_assert_cmpuint (png_width (flow_by_cohort), ==, png_width (flow_plain));
  retention_by_cohort = fixture_path (fixture, "retention-cohorts.png");
  retention_plain = fixture_path (fixture, "retention.png");
  g_assert_cmpuint (png_width (retention_by_cohort), >, png_width (retention_plain));
}

static void
test_plot_refused (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *output = fixture_path (fixture, "flow.png");
  g_autofree char *text = fixture_path (fixture, "flow.txt");
  g_autoptr(CliRun) kind = NULL;
  g_autoptr(CliRun) extension = NULL;
  g_autoptr(CliRun) instrument = NULL;
  g_autoptr(CliRun) not_for_retention = NULL;

  if (!have_cli_on_demo (fixture))
    return;
  kind = run_cli ("plot", "--kind", "consort", fixture->path, output, NULL);
  g_assert_cmpint (kind->status, ==, 2);
  g_assert_nonnull (strstr (kind->err, "consort"));
  g_assert_nonnull (strstr (kind->err, "flow"));
  g_assert_nonnull (strstr (kind->err, "retention"));
  extension = run_cli ("plot", "--kind", "retention", fixture->path, text, NULL);
  g_assert_cmpint (extension->status, ==, 2);
  g_assert_nonnull (strstr (extension->err, "flow.txt"));
  /* The flow counts as analysed those with the instrument's scores: an
   * unknown one is named; the retention chart has no use for one. */
  instrument = run_cli ("plot", "--kind", "flow", "--instrument", "XYZ", fixture->path, output, NULL);
  g_assert_cmpint (instrument->status, ==, 1);
  g_assert_nonnull (strstr (instrument->err, "XYZ"));
  not_for_retention = run_cli ("plot", "--kind", "retention", "--instrument", "ccae", fixture->path, output, NULL);
  g_assert_cmpint (not_for_retention->status, ==, 2);
  g_assert_nonnull (strstr (not_for_retention->err, "--instrument"));
  g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (text, G_FILE_TEST_EXISTS));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  ADD_TEST ("/trellis/cli/flow/text", test_text);
  ADD_TEST ("/trellis/cli/flow/csv", test_csv);
  ADD_TEST ("/trellis/cli/flow/by-cohort", test_by_cohort);
  ADD_TEST ("/trellis/cli/flow/instrument", test_instrument);
  ADD_TEST ("/trellis/cli/flow/interviews", test_interviews);
  ADD_TEST ("/trellis/cli/flow/usage", test_usage);
  ADD_TEST ("/trellis/cli/flow/plot", test_plot);
  ADD_TEST ("/trellis/cli/flow/plot-refused", test_plot_refused);
  g_test_add_data_func ("/trellis/cli/flow/help", "flow", cli_test_help);

  return g_test_run ();
}
