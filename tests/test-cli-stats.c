/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "cli-test-utils.h"
#include "sleepstudy-fixture.h"

/* trellis-cli stats on the default demo study (CCAE at T1–T4 by 66, 62, 47
 * and 33) and on long CSVs, the sleepstudy reference among them. */

static char *
reference_csv (void)
{
  return g_test_build_filename (G_TEST_DIST, "data", "reference", "sleepstudy.csv", NULL);
}

static void
test_text (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(CliRun) run = NULL;

  if (!have_cli_on_demo (fixture))
    return;
  run = run_cli ("stats", fixture->path, "--instrument", "ccae", NULL);
  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->err, ==, "");
  assert_matches ("^Confidence in Coping with Adverse Events: 69 participants$", run->out);
  assert_matches ("^  T1 +Baseline +66 +", run->out);
  assert_matches ("^  T4 +Follow-up +33 +", run->out);
  assert_matches ("^  T2 +2\\.551 +0\\.117 +140\\.42 +21\\.77 +< \\.001 +2\\.32–2\\.78$", run->out);
  assert_matches ("^  Residual +0\\.4283 +0\\.6545$", run->out);
  assert_matches ("^  REML criterion 589\\.231 ", run->out);
  assert_matches ("^  d_z is the mean change", run->out);
  assert_matches ("^Compared with baseline, Confidence in Coping with Adverse Events was significantly higher "
                  "post-intervention: T2 \\(unadj\\. β = 2\\.55, 95% CI 2\\.32–2\\.78, d = 1\\.67, p < \\.001\\)", run->out);
  g_assert_null (strstr (run->out, "Descriptives: "));
}

static void
test_by_cohort (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(CliRun) run = NULL;

  if (!have_cli_on_demo (fixture))
    return;
  run = run_cli ("stats", fixture->path, "-i", "BRS", "--by-cohort", NULL);
  g_assert_cmpint (run->status, ==, 0);
  assert_matches ("^Descriptives: .+$", run->out);
}

/* The fixed effects as lme4/lmerTest give them for the same data (R 4.2.2,
 * lme4 1.1-31, lmerTest 3.1-3, run on the demo's CCAE scores). */
static void
test_csv (Fixture       *fixture,
          gconstpointer  data)
{
  static const double r[4][3] = {
    { 4.935858586, 0.1821262448, 83.93995367 }, { 2.550838251, 0.1171983833, 140.42063727 },
    { 2.524499047, 0.1300894566, 142.06441118 }, { 2.537727966, 0.1482624979, 142.59067024 },
  };
  g_autoptr(CliRun) run = NULL;
  g_auto(GStrv) lines = NULL;

  if (!have_cli_on_demo (fixture))
    return;
  run = run_cli ("stats", fixture->path, "--instrument", "CCAE", "--format", "csv", NULL);
  g_assert_cmpint (run->status, ==, 0);
  lines = g_strsplit (run->out, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "term,estimate,se,df,t,p,ci_low,ci_high");
  g_assert_true (g_str_has_prefix (lines[1], "(Intercept),"));
  g_assert_true (g_str_has_prefix (lines[4], "T4,"));
  g_assert_true (g_str_has_prefix (lines[5], "var(participant),1.76087"));
  g_assert_true (g_str_has_prefix (lines[6], "var(residual),0.42833"));
  g_assert_cmpstr (lines[7], ==, "");
  for (guint k = 0; k < 4; k++)
    {
      g_auto(GStrv) f = g_strsplit (lines[k + 1], ",", -1);

      g_assert_cmpfloat (fabs (g_ascii_strtod (f[1], NULL) / r[k][0] - 1), <, 1e-8);
      g_assert_cmpfloat (fabs (g_ascii_strtod (f[2], NULL) / r[k][1] - 1), <, 1e-7);
      g_assert_cmpfloat (fabs (g_ascii_strtod (f[3], NULL) / r[k][2] - 1), <, 1e-5);
    }
}

static void
test_json (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(CliRun) run = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root, *t4;

  if (!have_cli_on_demo (fixture))
    return;
  run = run_cli ("stats", fixture->path, "--instrument", "KNOW", "--format", "json", "--by-cohort", NULL);
  g_assert_cmpint (run->status, ==, 0);
  json_parser_load_from_data (parser, run->out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "outcome"), ==, "Knowledge test");
  g_assert_cmpint (json_object_get_int_member (root, "participants"), ==, 69);
  g_assert_cmpint (json_object_get_int_member (root, "participants_with_scores"), ==, 66);
  g_assert_cmpint (json_object_get_int_member (root, "observations"), ==, 66 + 62 + 47 + 33);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "fixed_effects")), ==, 4);
  t4 = json_array_get_object_element (json_object_get_array_member (root, "effect_sizes"), 2);
  g_assert_cmpstr (json_object_get_string_member (t4, "timepoint"), ==, "T4");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (t4, "paired"), "n"), ==, 33);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (root, "sentence"), "Compared with baseline, "));
}

/* The same numbers from the sleepstudy CSV as lme4/lmerTest give. */
static void
test_from_csv_reference (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *csv = reference_csv ();
  g_autoptr(CliRun) run = NULL;
  g_auto(GStrv) lines = NULL;
  SleepstudyExpected expected[10];

  if (!have_cli ())
    return;
  run = run_cli ("stats", "--from-csv", csv, "--id", "Subject", "--time", "Days", "--value", "Reaction",
                 "--format", "csv", NULL);
  g_assert_cmpint (run->status, ==, 0);
  sleepstudy_expected ("balanced", expected);
  lines = g_strsplit (run->out, "\n", -1);
  for (guint k = 0; k < 10; k++)
    {
      g_auto(GStrv) f = g_strsplit (lines[k + 1], ",", -1);

      g_assert_cmpfloat (fabs (g_ascii_strtod (f[1], NULL) / expected[k].estimate - 1), <, 5e-6);
      g_assert_cmpfloat (fabs (g_ascii_strtod (f[2], NULL) / expected[k].se - 1), <, 5e-6);
      g_assert_cmpfloat (fabs (g_ascii_strtod (f[3], NULL) / expected[k].df - 1), <, 5e-4);
      g_assert_cmpfloat (fabs (g_ascii_strtod (f[5], NULL) / expected[k].p - 1), <, 5e-4);
    }
  g_assert_true (g_str_has_prefix (lines[11], "var(participant),1375.465"));
  g_assert_true (g_str_has_prefix (lines[12], "var(residual),987.588"));

  /* Text, with another baseline: day 3 is the reference and day 0 lower. */
  g_clear_pointer (&run, cli_run_free);
  run = run_cli ("stats", "--from-csv", csv, "--id", "Subject", "--time", "Days", "--value", "Reaction",
                 "--baseline", "3", NULL);
  g_assert_cmpint (run->status, ==, 0);
  assert_matches ("^Reaction: 18 participants$", run->out);
  assert_matches ("^  3 +3 +18 ", run->out);
  assert_matches ("it was significantly lower post-intervention: 0 \\(unadj\\. β = −26\\.34", run->out);
}

typedef struct
{
  const char *contents;
  const char *message;
} BadCsv;

static const BadCsv bad_csvs[] = {
  { "id,time,score\nP1,T1,3\nP1,T2,x\n", "^trellis-cli: data\\.csv line 3, column “score”: “x” is not a number$" },
  { "id,when,score\nP1,T1,3\n", "^trellis-cli: data\\.csv line 1: no column “time” \\(the columns are: id, when, score\\)$" },
  { "id,time,score\nP1,T1,3\nP2,T1,4\nP1,T1,5\n",
    "^trellis-cli: data\\.csv line 4: participant “P1” has a second score at time “T1” \\(the first is on line 2\\)$" },
  { "id,time,score\nP1,,3\n", "^trellis-cli: data\\.csv line 2, column “time”: empty, but every row needs one$" },
  { "", "^trellis-cli: data\\.csv is empty" },
  { "id,time,score\nP1,T1,NA\n", "^trellis-cli: data\\.csv has no scores in column “score”$" },
  { "id,time,score\nP1,T1,\"3\n", "^trellis-cli: data\\.csv.*(quote|line)" },
  { "id,time,score\nP1,T1,4\nP1,T2,4\nP2,T1,4\nP2,T2,4\n",
    "^trellis-cli: score has the same score for everyone: nothing to model$" },
};

static void
test_bad_csv (Fixture       *fixture,
              gconstpointer  data)
{
  if (!have_cli ())
    return;
  for (guint k = 0; k < G_N_ELEMENTS (bad_csvs); k++)
    {
      g_autofree char *path = write_csv (fixture, "data.csv", bad_csvs[k].contents);
      g_autoptr(CliRun) run = run_cli ("stats", "--from-csv", path, "--id", "id", "--time", "time",
                                       "--value", "score", NULL);

      g_assert_cmpint (run->status, ==, 1);
      g_assert_cmpstr (run->out, ==, "");
      assert_matches (bad_csvs[k].message, run->err);
    }
}

static void
test_unknown_baseline (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(CliRun) run = NULL;

  if (!have_cli ())
    return;
  path = write_csv (fixture, "data.csv", "id,time,score\nP1,T1,3\nP1,T2,4\nP2,T1,2\nP2,T2,4\nP3,T1,1\n");
  run = run_cli ("stats", "--from-csv", path, "--id", "id", "--time", "time", "--value", "score",
                 "--baseline", "T0", NULL);
  g_assert_cmpint (run->status, ==, 1);
  assert_matches ("^trellis-cli: data\\.csv: no time “T0” for the baseline \\(the times are: T1, T2\\)$", run->err);
}

static void
test_unknown_instrument (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(CliRun) run = NULL;

  if (!have_cli_on_demo (fixture))
    return;
  run = run_cli ("stats", fixture->path, "--instrument", "PHQ9", NULL);
  g_assert_cmpint (run->status, ==, 1);
  g_assert_cmpstr (run->out, ==, "");
  assert_matches ("The study has no instrument “PHQ9”$", run->err);
}

static void
test_usage (Fixture       *fixture,
            gconstpointer  data)
{
  static const char *const cases[][8] = {
    { "stats", "FILE", NULL },
    { "stats", "FILE", "-i", "BRS", "--format", "xml", NULL },
    { "stats", "--from-csv", "x.csv", "--id", "id", NULL },
    { "stats", "FILE", "--from-csv", "x.csv", "--id", "a", NULL },
    { "stats", NULL },
  };

  if (!have_cli ())
    return;
  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_autoptr(CliRun) run = NULL;
      const char *args[8] = { 0 };

      for (guint a = 0; cases[k][a] != NULL; a++)
        args[a] = g_str_equal (cases[k][a], "FILE") ? fixture->path : cases[k][a];
      run = run_cli (args[0], args[1], args[2], args[3], args[4], args[5], args[6], args[7], NULL);
      g_assert_cmpint (run->status, ==, 2);
      assert_matches ("trellis-cli stats --help", run->err);
    }
}

/* A study that cannot be opened is exit status 3, as for every command. */
static void
test_missing_file (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(CliRun) run = NULL;

  if (!have_cli ())
    return;
  run = run_cli ("stats", fixture->path, "-i", "BRS", NULL);
  g_assert_cmpint (run->status, ==, 3);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  ADD_TEST ("/trellis/cli/stats/text", test_text);
  ADD_TEST ("/trellis/cli/stats/by-cohort", test_by_cohort);
  ADD_TEST ("/trellis/cli/stats/csv", test_csv);
  ADD_TEST ("/trellis/cli/stats/json", test_json);
  ADD_TEST ("/trellis/cli/stats/from-csv-reference", test_from_csv_reference);
  ADD_TEST ("/trellis/cli/stats/bad-csv", test_bad_csv);
  ADD_TEST ("/trellis/cli/stats/unknown-baseline", test_unknown_baseline);
  ADD_TEST ("/trellis/cli/stats/unknown-instrument", test_unknown_instrument);
  ADD_TEST ("/trellis/cli/stats/usage", test_usage);
  ADD_TEST ("/trellis/cli/stats/missing-file", test_missing_file);
  g_test_add_data_func ("/trellis/cli/stats/help", "stats", cli_test_help);
  return g_test_run ();
}
