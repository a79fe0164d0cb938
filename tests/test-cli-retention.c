/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "cli-test-utils.h"
#include "trellis-demo-study.h"

/* trellis-cli retention on the default demo study, whose retention is the
 * seed study's (66 of 69 took part; 62, 47 and 33 completed T2, T3 and T4),
 * counted as on the demo's last day. */

/* Every row of the table is as wide as its heading, so the columns line up. */
static void
assert_aligned (const char *out)
{
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  glong width = 0;
  guint rows = 0;

  for (guint i = 2; lines[i] != NULL; i++)
    {
      if (lines[i][0] == '\0')
        continue;
      if (width == 0)
        width = g_utf8_strlen (lines[i], -1);
      g_assert_cmpint (g_utf8_strlen (lines[i], -1), ==, width);
      rows++;
    }
  /* The heading, then seven cohorts and the totals for each of four timepoints. */
  g_assert_cmpuint (rows, ==, 1 + 4 * 8);
}

static void
test_text (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(CliRun) run = NULL;

  if (!have_cli_on_demo (fixture))
    return;
  run = run_cli ("retention", fixture->path, "--today", TRELLIS_DEMO_STUDY_AS_OF, NULL);
  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->err, ==, "");
  assert_matches ("^Retention on " TRELLIS_DEMO_STUDY_AS_OF "$", run->out);
  assert_matches ("^Timepoint +Cohort +Recruited +Completed +Due +Overdue +Missed +Withdrawn +Not yet due$",
                  run->out);
  assert_matches ("^T1 +Midwives +10 +10 +0 +0 +0 +0 +0$", run->out);
  assert_matches ("^T1 +All cohorts +69 +66 +0 +0 +0 +0 +3$", run->out);
  assert_matches ("^T2 +All cohorts +69 +62 +[0-9]+ +[0-9]+ +[0-9]+ +[0-9]+ +3$", run->out);
  assert_matches ("^T3 +All cohorts +69 +47 ", run->out);
  assert_matches ("^T4 +All cohorts +69 +33 +[0-9]+ +[0-9]+ +[0-9]+ +3 +3$", run->out);
  assert_aligned (run->out);
}

static void
test_csv (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(CliRun) run = NULL;
  g_auto(GStrv) lines = NULL;

  if (!have_cli_on_demo (fixture))
    return;
  run = run_cli ("retention", fixture->path, "--format", "csv", "--today", TRELLIS_DEMO_STUDY_AS_OF, NULL);
  g_assert_cmpint (run->status, ==, 0);
  lines = g_strsplit (run->out, "\r\n", -1);
  g_assert_cmpstr (lines[0], ==, "timepoint,cohort,recruited,completed,due,overdue,missed,withdrawn,not_yet_due");
  g_assert_cmpstr (lines[1], ==, "T1,Midwives,10,10,0,0,0,0,0");
  g_assert_cmpstr (lines[8], ==, "T1,All cohorts,69,66,0,0,0,0,3");
  g_assert_true (g_str_has_prefix (lines[16], "T2,All cohorts,69,62,"));
  g_assert_true (g_str_has_prefix (lines[32], "T4,All cohorts,69,33,"));
  g_assert_cmpstr (lines[33], ==, "");
  g_assert_null (lines[34]);
}

/* The day decides what is due: on the first cohort's first day nobody has a
 * T4 window open, and those still to come count as not yet due. */
static void
test_today (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(CliRun) early = NULL;
  g_autoptr(CliRun) pinned = NULL;

  if (!have_cli_on_demo (fixture))
    return;
  early = run_cli ("retention", fixture->path, "--format", "csv", "--today", "2025-01-13", NULL);
  g_assert_cmpint (early->status, ==, 0);
  g_assert_nonnull (strstr (early->out, "\r\nT4,Midwives,10,5,0,0,"));

  g_setenv ("TRELLIS_TODAY", "2025-01-13", TRUE);
  pinned = run_cli ("retention", fixture->path, NULL);
  g_unsetenv ("TRELLIS_TODAY");
  assert_matches ("^Retention on 2025-01-13$", pinned->out);
}

/* A format other than text or CSV, a day that is not a date, a folder. */
static void
test_usage (Fixture       *fixture,
            gconstpointer  data)
{
  if (!have_cli_on_demo (fixture))
    return;
  assert_refuses_format_and_today (fixture, "retention", "xlsx");
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  ADD_TEST ("/trellis/cli/retention/text", test_text);
  ADD_TEST ("/trellis/cli/retention/csv", test_csv);
  ADD_TEST ("/trellis/cli/retention/today", test_today);
  ADD_TEST ("/trellis/cli/retention/usage", test_usage);
  g_test_add_data_func ("/trellis/cli/retention/help", "retention", cli_test_help);

  return g_test_run ();
}
