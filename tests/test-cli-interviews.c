/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "cli-test-utils.h"
#include "trellis-demo-study.h"

/* trellis-cli eligible, select, verify-draw, replace and draws on the
 * default demo study, decided as on the demo's last day. */

#define SEED "20250512"

static void
make_demo (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisDatabase) db = trellis_demo_study_create (path, "Demo", TRELLIS_DEMO_STUDY_DEFAULT_PARTICIPANTS,
                                                             TRELLIS_DEMO_STUDY_DEFAULT_SEED, &error);

  g_assert_no_error (error);
  g_assert_nonnull (db);
}

static CliRun *
select_23 (const char *path)
{
  CliRun *run = run_cli ("select", path, "--total", "23", "--seed", SEED, "--timepoint", "T4",
                         "--today", TRELLIS_DEMO_STUDY_AS_OF, NULL);

  g_assert_cmpstr (run->err, ==, "");
  g_assert_cmpint (run->status, ==, 0);
  return run;
}

/* The lines of the picks, from “Picks, in draw order:” on. */
static const char *
picks_part (const char *out)
{
  const char *picks = strstr (out, "Picks, in draw order:");

  g_assert_nonnull (picks);
  return picks;
}

static void
test_eligible (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(CliRun) run = NULL;
  g_autoptr(CliRun) completed = NULL;
  g_autoptr(CliRun) bad = NULL;

  if (!have_cli ())
    return;
  make_demo (fixture->path);
  run = run_cli ("eligible", fixture->path, "--timepoint", "T4", "--today", TRELLIS_DEMO_STUDY_AS_OF, NULL);
  g_assert_cmpint (run->status, ==, 0);
  assert_matches ("^Rule: rule=1;timepoint=T4;reached=completed-or-due;video=yes$", run->out);
  assert_matches ("^Eligible on " TRELLIS_DEMO_STUDY_AS_OF ": [0-9]+$", run->out);
  assert_matches ("^  Midwives \\([0-9]+\\): P0", run->out);
  assert_matches ("^Not eligible: [0-9]+$", run->out);
  assert_matches ("^  [0-9]+: Withdrawn$", run->out);

  completed = run_cli ("eligible", fixture->path, "--timepoint", "T4", "--reached", "completed", "--video", "no",
                       "--today", TRELLIS_DEMO_STUDY_AS_OF, NULL);
  g_assert_cmpint (completed->status, ==, 0);
  assert_matches ("^Rule: rule=1;timepoint=T4;reached=completed;video=no$", completed->out);

  bad = run_cli ("eligible", fixture->path, "--reached", "soon", NULL);
  g_assert_cmpint (bad->status, ==, 2);
}

/* The same seed on two copies of the demo draws the same 23, and the draw
 * verifies. */
static void
test_select_reproduces (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *other = fixture_path (fixture, "other.trellis");
  g_autoptr(CliRun) first = NULL;
  g_autoptr(CliRun) second = NULL;
  g_autoptr(CliRun) verify = NULL;
  g_autoptr(CliRun) draws = NULL;

  if (!have_cli ())
    return;
  make_demo (fixture->path);
  make_demo (other);
  first = select_23 (fixture->path);
  second = select_23 (other);
  assert_matches ("^Draw 1, made ", first->out);
  assert_matches ("^Seed: " SEED "$", first->out);
  assert_matches ("^Eligible-list SHA-256: [0-9a-f]{64}$", first->out);
  assert_matches ("^Quotas \\(proportional, total 23\\): Mammographers [0-9]+, Midwives", first->out);
  assert_matches ("^ +23  P0[0-9][0-9] +[A-Z]", first->out);
  g_assert_cmpstr (picks_part (first->out), ==, picks_part (second->out));

  verify = run_cli ("verify-draw", fixture->path, "1", NULL);
  g_assert_cmpint (verify->status, ==, 0);
  assert_matches ("^Draw 1 matches: ", verify->out);
  draws = run_cli ("draws", fixture->path, NULL);
  g_assert_cmpint (draws->status, ==, 0);
  assert_matches ("^Picks: 23, of which replacements: 0$", draws->out);
  g_assert_null (strstr (draws->out, "Picks, in draw order"));
  assert_check_passes (fixture->path);
}

static void
test_verify_tampered (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(CliRun) selected = NULL;
  g_autoptr(CliRun) pick = NULL;
  g_autoptr(CliRun) seed = NULL;
  g_autoptr(CliRun) missing = NULL;

  if (!have_cli ())
    return;
  make_demo (fixture->path);
  selected = select_23 (fixture->path);
  trellis_test_sqlite_exec_file (fixture->path,
      "DROP TRIGGER interview_pick_no_update;"
      "UPDATE interview_pick SET participant_id = (SELECT participant_id FROM interview_eligible"
      "  WHERE cohort = interview_pick.cohort AND participant_id NOT IN (SELECT participant_id FROM interview_pick)"
      "  LIMIT 1) WHERE sequence = 3;");
  pick = run_cli ("verify-draw", fixture->path, "1", NULL);
  g_assert_cmpint (pick->status, ==, 1);
  assert_matches ("^Draw 1 does not match: .*3", pick->out);

  trellis_test_sqlite_exec_file (fixture->path,
      "UPDATE interview_pick SET participant_id = (SELECT participant_id FROM interview AS i"
      "  WHERE i.pick_id = interview_pick.id) WHERE sequence = 3;"
      "DROP TRIGGER interview_draw_no_update;"
      "UPDATE interview_draw SET seed = '20250513';");
  seed = run_cli ("verify-draw", fixture->path, "1", NULL);
  g_assert_cmpint (seed->status, ==, 1);
  assert_matches ("^Draw 1 does not match: ", seed->out);

  missing = run_cli ("verify-draw", fixture->path, "7", NULL);
  g_assert_cmpint (missing->status, !=, 0);
  g_assert_nonnull (strstr (missing->err, "no draw 7"));
}

/* Replacements come from the same cohort, continue the stream (so a second
 * copy replaced the same way gives the same people) and never repeat anyone. */
static void
test_replace (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(CliRun) selected = NULL;
  g_autoptr(CliRun) replaced = NULL;
  g_autoptr(CliRun) again = NULL;
  g_autoptr(CliRun) dna = NULL;
  g_autoptr(CliRun) verify = NULL;
  g_autoptr(CliRun) bad = NULL;
  g_autofree char *first_code = NULL;
  const char *line;

  if (!have_cli ())
    return;
  make_demo (fixture->path);
  selected = select_23 (fixture->path);
  line = strstr (picks_part (selected->out), "\n    1  ");
  g_assert_nonnull (line);
  first_code = g_strndup (line + 8, 4);

  replaced = run_cli ("replace", fixture->path, "1", first_code, "--reason", "declined", NULL);
  g_assert_cmpstr (replaced->err, ==, "");
  g_assert_cmpint (replaced->status, ==, 0);
  assert_matches ("^Recorded P0[0-9]+ as Declined; replacement, pick 24 of draw 1: P0[0-9]+ \\(Mammographers\\)$",
                  replaced->out);
  again = run_cli ("replace", fixture->path, "1", first_code, "--reason", "declined", NULL);
  g_assert_cmpint (again->status, ==, 1);
  g_assert_nonnull (strstr (again->err, "already replaced"));
  dna = run_cli ("replace", fixture->path, "1", "P032", "--reason", "did-not-attend", NULL);
  g_assert_cmpint (dna->status, ==, 1);
  bad = run_cli ("replace", fixture->path, "1", "P032", "--reason", "coded", NULL);
  g_assert_cmpint (bad->status, ==, 2);

  verify = run_cli ("verify-draw", fixture->path, "1", NULL);
  g_assert_cmpint (verify->status, ==, 0);
  assert_matches ("same 24 picks", verify->out);
  g_assert_cmpint (study_int (fixture, "SELECT count(DISTINCT participant_id) FROM interview_pick"), ==, 24);
  g_assert_cmpint (study_int (fixture, "SELECT count(*) FROM interview WHERE status = 'declined'"), ==, 1);
  assert_check_passes (fixture->path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  ADD_TEST ("/trellis/cli/interviews/eligible", test_eligible);
  ADD_TEST ("/trellis/cli/interviews/select-reproduces", test_select_reproduces);
  ADD_TEST ("/trellis/cli/interviews/verify-tampered", test_verify_tampered);
  ADD_TEST ("/trellis/cli/interviews/replace", test_replace);
  g_test_add_data_func ("/trellis/cli/interviews/help/eligible", "eligible", cli_test_help);
  g_test_add_data_func ("/trellis/cli/interviews/help/select", "select", cli_test_help);
  g_test_add_data_func ("/trellis/cli/interviews/help/verify-draw", "verify-draw", cli_test_help);
  g_test_add_data_func ("/trellis/cli/interviews/help/replace", "replace", cli_test_help);
  g_test_add_data_func ("/trellis/cli/interviews/help/draws", "draws", cli_test_help);

  return g_test_run ();
}
