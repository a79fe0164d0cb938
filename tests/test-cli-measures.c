/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "cli-test-utils.h"

/* Data collection from the command line: intervention events, visits with
 * their answers and scores, and the instruments, run through the real
 * trellis-cli binary on real study files. Today is pinned, so that "in the
 * future" means the same on any day. */

#define TODAY "2024-06-30"

#define RUN_OK(...) run_ok (run_cli (__VA_ARGS__, NULL))

static char *
run_ok (CliRun *run)
{
  g_autoptr(CliRun) owned = run;

  g_assert_cmpint (owned->status, ==, 0);
  g_assert_cmpstr (owned->err, ==, "");
  return g_steal_pointer (&owned->out);
}

/* A refused or mistyped command prints nothing on stdout, says why on
 * stderr, and leaves the study as it was. */
static void
assert_refused (Fixture    *fixture,
                CliRun     *run,
                int         status,
                const char *message)
{
  g_autoptr(CliRun) owned = run;

  g_assert_cmpint (owned->status, ==, status);
  g_assert_cmpstr (owned->out, ==, "");
  if (strstr (owned->err, message) == NULL)
    g_error ("“%s” is not in “%s”", message, owned->err);
}

#define REFUSED(fixture, status, message, ...)                                   \
  G_STMT_START {                                                                \
    g_autofree char *before_ = trellis_test_dump_hash ((fixture)->path);        \
    g_autofree char *after_ = NULL;                                             \
    assert_refused ((fixture), run_cli (__VA_ARGS__, NULL), (status), (message)); \
    after_ = trellis_test_dump_hash ((fixture)->path);                          \
    g_assert_cmpstr (after_, ==, before_);                                      \
  } G_STMT_END

/* A study with participant P001, baseline 1 March 2024, in cohort Midwives A. */
static void
create_participant (Fixture *fixture)
{
  g_autofree char *out = NULL;

  create_register (fixture->path);
  out = RUN_OK ("participant", "add", fixture->path, "--cohort", "Midwives A", "--baseline", "2024-03-01");
  g_assert_cmpstr (out, ==, "P001\n");
}

static void
test_events (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autofree char *out = NULL;

  if (!have_cli ())
    return;
  create_participant (fixture);

  out = RUN_OK ("event", fixture->path, "p001", "workshop", "2024-03-05");
  g_assert_cmpstr (out, ==, "Recorded that P001 attended the workshop on 2024-03-05\n");
  g_clear_pointer (&out, g_free);
  out = RUN_OK ("event", fixture->path, "P001", "coaching", "2024-03-20");
  g_assert_cmpstr (out, ==, "Recorded that P001 had the coaching call on 2024-03-20\n");
  g_assert_cmpint (study_int (fixture, "SELECT count(*) FROM participant_event"), ==, 2);

  REFUSED (fixture, 1, "P001: The workshop cannot be on 2024-03-21, after the coaching call (2024-03-20)",
           "event", fixture->path, "P001", "workshop", "2024-03-21");
  REFUSED (fixture, 1, "P001: The coaching call cannot be on 2024-02-01, before the baseline date",
           "event", fixture->path, "P001", "coaching", "2024-02-01");
  REFUSED (fixture, 3, "There is no participant P002", "event", fixture->path, "P002", "coaching", "2024-03-21");
  REFUSED (fixture, 2, "EVENT must be “workshop” or “coaching”, not “baseline”",
           "event", fixture->path, "P001", "baseline", "2024-03-21");
  REFUSED (fixture, 2, "missing argument DATE", "event", fixture->path, "P001", "coaching");
  REFUSED (fixture, 2, "DATE: ", "event", fixture->path, "P001", "coaching", "2024-02-30");
  REFUSED (fixture, 2, "unexpected argument", "event", fixture->path, "P001", "coaching", "2024-03-21", "--clear");

  g_clear_pointer (&out, g_free);
  out = RUN_OK ("event", fixture->path, "P001", "coaching", "--clear");
  g_assert_cmpstr (out, ==, "Cleared the coaching call date of P001\n");
  g_assert_cmpint (study_int (fixture, "SELECT count(*) FROM participant_event"), ==, 1);

  g_clear_pointer (&out, g_free);
  out = RUN_OK ("withdraw", fixture->path, "P001", "--kind", "no-further-data", "--date", "2024-03-10");
  REFUSED (fixture, 1, "P001 withdrew on 2024-03-10 (No further data): no new data can be recorded for them",
           "event", fixture->path, "P001", "coaching", "2024-03-20");
  assert_check_passes (fixture->path);
}

static void
test_visits (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autofree char *out = NULL;

  if (!have_cli ())
    return;
  create_participant (fixture);

  out = RUN_OK ("visit", fixture->path, "P001", "T1");
  g_assert_cmpstr (out, ==, "P001, T1 (Baseline): nothing on file\n");
  g_clear_pointer (&out, g_free);

  out = RUN_OK ("visit", fixture->path, "P001", "t1", "--date", "2024-03-01", "brs=4,2,4,2,4,2");
  g_assert_cmpstr (out, ==,
                   "Saved the questionnaires of P001 at T1\n"
                   "P001, T1 (Baseline): completed on 2024-03-01\n"
                   "  BRS=4,2,4,2,4,2\n"
                   "    score 4.00 (normal), 6 of 6 items answered, rule version 1\n");
  g_clear_pointer (&out, g_free);

  /* Blanks between commas are unanswered items: 5 of 6 still make a score. */
  out = RUN_OK ("visit", fixture->path, "P001", "T1", "--date", "2024-03-01", "BRS=5,1,5, 1 ,5,");
  g_assert_nonnull (strstr (out, "  BRS=5,1,5,1,5,\n    score 5.00 (high), 5 of 6 items answered, rule version 1\n"));
  g_clear_pointer (&out, g_free);
  out = RUN_OK ("visit", fixture->path, "P001", "T1", "--date", "2024-03-01", "BRS=5,,5,,5,");
  g_assert_nonnull (strstr (out, "no score (3 of 6 items answered, too few for a score), rule version 1"));
  g_clear_pointer (&out, g_free);
  out = RUN_OK ("visit", fixture->path, "P001", "T1");
  g_assert_nonnull (strstr (out, "completed on 2024-03-01\n  BRS=5,,5,,5,\n"));
  g_clear_pointer (&out, g_free);

  /* Every blank takes the instrument's answers away. */
  out = RUN_OK ("visit", fixture->path, "P001", "T1", "--date", "2024-03-02", "BRS=,,,,,");
  g_assert_nonnull (strstr (out, "completed on 2024-03-02\n  BRS: not entered\n"));
  g_assert_cmpint (study_int (fixture, "SELECT count(*) FROM answer_sheet"), ==, 0);

  REFUSED (fixture, 1, "P001, T2: ‘7’ is off the scale for BRS3 (1–5)",
           "visit", fixture->path, "P001", "T2", "--date", "2024-03-06", "BRS=5,1,7,1,5,1");
  REFUSED (fixture, 1, "P001, T2: ‘x’ is not a whole number (BRS3 takes 1–5)",
           "visit", fixture->path, "P001", "T2", "--date", "2024-03-06", "BRS=5,1,x,1,5,1");
  REFUSED (fixture, 1, "P001, T2: BRS has 6 items, but 5 values were given",
           "visit", fixture->path, "P001", "T2", "--date", "2024-03-06", "BRS=5,1,1,5,1");
  REFUSED (fixture, 1, "P001, T2: There is no instrument with the code “CCAE”",
           "visit", fixture->path, "P001", "T2", "--date", "2024-03-06", "CCAE=1,2,3");
  REFUSED (fixture, 1, "is not INSTRUMENT=VALUES",
           "visit", fixture->path, "P001", "T2", "--date", "2024-03-06", "BRS");
  REFUSED (fixture, 1, "P001: T2 cannot be completed on 2024-02-28, before T1 (2024-03-02)",
           "visit", fixture->path, "P001", "T2", "--date", "2024-02-28", "BRS=5,1,1,5,1,1");
  REFUSED (fixture, 1, "P001, T2, completion date: 2024-07-01 is in the future",
           "visit", fixture->path, "P001", "T2", "--date", "2024-07-01", "BRS=5,1,1,5,1,1");
  REFUSED (fixture, 1, "There is no timepoint with the code “T9”", "visit", fixture->path, "P001", "T9");
  REFUSED (fixture, 2, "answers need --date", "visit", fixture->path, "P001", "T2", "BRS=5,1,1,5,1,1");
  REFUSED (fixture, 2, "--date: ", "visit", fixture->path, "P001", "T2", "--date", "2024-02-30");
  REFUSED (fixture, 2, "missing argument TIMEPOINT", "visit", fixture->path, "P001");
  assert_check_passes (fixture->path);
}

static void
test_missed (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autofree char *out = NULL;

  if (!have_cli ())
    return;
  create_participant (fixture);

  out = RUN_OK ("visit", fixture->path, "P001", "T4", "--missed");
  g_assert_cmpstr (out, ==, "Marked P001 at T4 as missed\n");
  g_clear_pointer (&out, g_free);
  out = RUN_OK ("visit", fixture->path, "P001", "T4");
  g_assert_cmpstr (out, ==, "P001, T4 (Follow-up): marked missed\n");
  g_clear_pointer (&out, g_free);
  out = RUN_OK ("visit", fixture->path, "P001", "T4", "--not-missed");
  g_assert_cmpstr (out, ==, "P001 at T4 is no longer marked missed\n");
  g_assert_cmpint (study_int (fixture, "SELECT count(*) FROM visit"), ==, 0);
  g_clear_pointer (&out, g_free);

  out = RUN_OK ("visit", fixture->path, "P001", "T1", "--date", "2024-03-01");
  REFUSED (fixture, 1, "P001, T1 was completed on 2024-03-01, so it cannot be marked missed",
           "visit", fixture->path, "P001", "T1", "--missed");
  REFUSED (fixture, 2, "--missed and --not-missed go alone",
           "visit", fixture->path, "P001", "T2", "--missed", "--date", "2024-03-06");
  REFUSED (fixture, 2, "--missed and --not-missed go alone",
           "visit", fixture->path, "P001", "T2", "--missed", "--not-missed");
  assert_check_passes (fixture->path);
}

static void
test_instruments (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autofree char *out = NULL;

  if (!have_cli ())
    return;
  create_participant (fixture);

  out = RUN_OK ("instrument", "list", fixture->path);
  assert_matches ("^Code +Label +Items +Scoring$", out);
  assert_matches ("^BRS +Brief Resilience Scale +6 +Mean of the items; scored when at least 5 of 6 are answered"
                  " \\(rule version 1\\)$", out);
  g_clear_pointer (&out, g_free);

  out = RUN_OK ("instrument", "show", fixture->path, "brs");
  assert_matches ("^BRS  Brief Resilience Scale$", out);
  assert_matches ("^Scoring: Mean of the items; scored when at least 5 of 6 are answered \\(rule version 1\\)$", out);
  assert_matches ("^  low: below 3\\.00$", out);
  assert_matches ("^  normal: up to and including 4\\.30$", out);
  assert_matches ("^  high: above the bands before it$", out);
  assert_matches ("^BRS1 +1–5 +no +I tend to bounce back quickly after hard times$", out);
  assert_matches ("^BRS2 +1–5 +yes \\(6 − x\\) +I have a hard time", out);
  g_clear_pointer (&out, g_free);

  out = RUN_OK ("visit", fixture->path, "P001", "T1", "--date", "2024-03-01", "BRS=4,2,4,2,4,2");
  g_clear_pointer (&out, g_free);
  out = RUN_OK ("instrument", "rescore", fixture->path);
  g_assert_cmpstr (out, ==, "Recomputed 1 score of BRS\n");
  g_clear_pointer (&out, g_free);
  out = RUN_OK ("instrument", "rescore", fixture->path, "Brs");
  g_assert_cmpstr (out, ==, "Recomputed 1 score of BRS\n");
  /* The scores were already right, so nothing was rewritten or audited. */
  g_assert_cmpint (study_int (fixture, "SELECT count(*) FROM audit WHERE action = 'rescore'"), ==, 0);

  REFUSED (fixture, 1, "There is no instrument with the code “KNOW”", "instrument", "show", fixture->path, "KNOW");
  REFUSED (fixture, 1, "There is no instrument with the code “KNOW”", "instrument", "rescore", fixture->path, "KNOW");
  REFUSED (fixture, 2, "unknown sub-command “edit”", "instrument", "edit", fixture->path);
  assert_check_passes (fixture->path);
}

/* An instrument with answers on file is refused, saying how many; one
 * nobody has answered goes, the built-in BRS included, with audit rows. */
static void
test_instrument_delete (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autofree char *out = NULL;

  if (!have_cli ())
    return;
  create_participant (fixture);
  out = RUN_OK ("visit", fixture->path, "P001", "T1", "--date", "2024-03-01", "BRS=4,2,4,2,4,2");
  g_clear_pointer (&out, g_free);
  REFUSED (fixture, 1, "This instrument has 1 answer sheet on file, so it cannot be deleted",
           "instrument", "delete", fixture->path, "BRS");
  REFUSED (fixture, 1, "There is no instrument with the code “KNOW”", "instrument", "delete", fixture->path, "KNOW");
  REFUSED (fixture, 2, "CODE", "instrument", "delete", fixture->path);
  g_assert_cmpint (study_int (fixture, "SELECT count(*) FROM instrument"), ==, 1);

  out = RUN_OK ("visit", fixture->path, "P001", "T1", "--date", "2024-03-01", "BRS=,,,,,");
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (study_int (fixture, "SELECT count(*) FROM answer_sheet"), ==, 0);
  out = RUN_OK ("instrument", "delete", fixture->path, "brs");
  g_assert_cmpstr (out, ==, "Deleted BRS\n");
  g_assert_cmpint (study_int (fixture, "SELECT count(*) FROM instrument"), ==, 0);
  g_assert_cmpint (study_int (fixture, "SELECT count(*) FROM audit WHERE action = 'delete'"
                                       " AND table_name IN ('instrument', 'item')"), ==, 7);
  assert_check_passes (fixture->path);
}

static void
test_missing_study (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(CliRun) visit = NULL;
  g_autoptr(CliRun) event = NULL;
  g_autoptr(CliRun) list = NULL;

  if (!have_cli ())
    return;
  visit = run_cli ("visit", fixture->path, "P001", "T1", NULL);
  event = run_cli ("event", fixture->path, "P001", "workshop", "2024-03-05", NULL);
  list = run_cli ("instrument", "list", fixture->path, NULL);
  g_assert_cmpint (visit->status, ==, 3);
  g_assert_cmpint (event->status, ==, 3);
  g_assert_cmpint (list->status, ==, 3);
}

static void
test_help (void)
{
  static const char *const commands[][2] = {
    { "event", NULL }, { "visit", NULL }, { "instrument", NULL }, { "instrument", "list" },
    { "instrument", "show" }, { "instrument", "rescore" }, { "instrument", "delete" },
  };

  if (!have_cli ())
    return;

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autoptr(CliRun) run = commands[i][1] != NULL ? run_cli (commands[i][0], commands[i][1], "--help", NULL)
                                                     : run_cli (commands[i][0], "--help", NULL);
      g_autofree char *usage = g_strdup_printf ("trellis-cli %s%s%s", commands[i][0], commands[i][1] ? " " : "",
                                                commands[i][1] ? commands[i][1] : "");

      g_assert_cmpint (run->status, ==, 0);
      g_assert_nonnull (strstr (run->out, usage));
      g_assert_nonnull (strstr (run->out, "Exit status"));
    }
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_setenv ("TRELLIS_TODAY", TODAY, TRUE);

  ADD_TEST ("/trellis/cli/measures/events", test_events);
  ADD_TEST ("/trellis/cli/measures/visits", test_visits);
  ADD_TEST ("/trellis/cli/measures/missed", test_missed);
  ADD_TEST ("/trellis/cli/measures/instruments", test_instruments);
  ADD_TEST ("/trellis/cli/measures/instrument-delete", test_instrument_delete);
  ADD_TEST ("/trellis/cli/measures/missing-study", test_missing_study);
  g_test_add_func ("/trellis/cli/measures/help", test_help);

  return g_test_run ();
}
