/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "cli-test-utils.h"
#include "response-study.h"

/* trellis-cli import responses and export responses, run as the real binary
 * on a study with participants and three instruments: answers in and out in
 * both forms, every problem listed with nothing changed, and the round trip
 * through a fresh copy of the register. */

static void
make_study (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisStudy) study = trellis_study_create (path, "Resilience coaching", &error);

  g_assert_no_error (error);
  response_fixture_fill (study);
}

static char *
corpus_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "responses", name, NULL);
}

static char *
sheets_of (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisStudy) study = trellis_study_open (path, TRELLIS_OPEN_FLAGS_READ_ONLY, &error);

  g_assert_no_error (error);
  return response_fixture_sheets (trellis_study_get_database (study));
}

static void
test_import (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *csv = corpus_path ("good-long.csv");
  g_autofree char *expected = NULL;
  g_autofree char *sheets = NULL;
  g_autoptr(CliRun) run = NULL;

  if (!have_cli ())
    return;

  make_study (fixture->path);
  run = run_cli ("import", "responses", fixture->path, csv, NULL);
  g_assert_cmpstr (run->err, ==, "");
  g_assert_cmpint (run->status, ==, 0);
  expected = g_strdup_printf ("Imported 3 timepoints with 6 answer sheets from a long file of 26 rows into %s\n",
                              fixture->path);
  g_assert_cmpstr (run->out, ==, expected);
  sheets = sheets_of (fixture->path);
  g_assert_nonnull (strstr (sheets, "P001 T2 2025-01-07 BRS {\"BRS1\":5,\"BRS2\":1,\"BRS3\":5,\"BRS4\":2,"
                                    "\"BRS5\":4} 5 4.6 1\n"));
  assert_check_passes (fixture->path);
}

/* Scores alone come in through the same command, the form read from the
 * header; one off the instrument's range is refused with its place. */
static void
test_import_scores (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *csv = corpus_path ("good-scores-wide.csv");
  g_autofree char *bad = write_csv (fixture, "bad.csv",
                                    "participant,timepoint,completed_date,KNOW\n"
                                    "P001,T1,2025-01-06,5\n");
  g_autofree char *sheets = NULL;
  g_autoptr(CliRun) run = NULL;
  g_autoptr(CliRun) refused = NULL;

  if (!have_cli ())
    return;

  make_study (fixture->path);
  run = run_cli ("import", "responses", fixture->path, csv, NULL);
  g_assert_cmpstr (run->err, ==, "");
  g_assert_cmpint (run->status, ==, 0);
  sheets = sheets_of (fixture->path);
  g_assert_nonnull (strstr (sheets, "P003 T1 2025-01-06 BRS {} 0 3.5 0\n"));
  refused = run_cli ("import", "responses", fixture->path, bad, NULL);
  g_assert_cmpint (refused->status, ==, 1);
  g_assert_nonnull (strstr (refused->err, " line 2, column ‘KNOW’: ‘5’ is outside the possible range of the KNOW "
                                          "score (0–4)"));
  assert_check_passes (fixture->path);
}

static void
test_import_problems (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *csv = write_csv (fixture, "bad.csv",
                                    "participant,timepoint,completed_date,instrument,item,value\n"
                                    "P001,T1,2025-01-06,BRS,BRS3,7\n"
                                    "P999,T1,2025-01-06,BRS,BRS1,4\n"
                                    "P004,T1,2025-01-06,BRS,BRS1,4\n");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *pattern = NULL;
  g_autoptr(CliRun) run = NULL;

  if (!have_cli ())
    return;

  make_study (fixture->path);
  before = trellis_test_dump_hash (fixture->path);
  run = run_cli ("import", "responses", fixture->path, csv, NULL);
  g_assert_cmpint (run->status, ==, 1);
  g_assert_cmpstr (run->out, ==, "");
  pattern = g_regex_escape_string (csv, -1);
  assert_problem (run->err, pattern, " line 2, column ‘value’: ‘7’ is off the scale for BRS3 (1–5)");
  assert_problem (run->err, pattern, " line 3, column ‘participant’: ‘P999’ is not a participant in this study");
  assert_problem (run->err, pattern, " line 4, column ‘participant’: P004 withdrew on 2025-01-20");
  g_assert_nonnull (strstr (run->err, "nothing in the study was changed"));
  after = trellis_test_dump_hash (fixture->path);
  g_assert_cmpstr (before, ==, after);
}

/* --form wide reads a wide file; a wide file read as long is refused, and
 * a form that is neither is a usage error. */
static void
test_import_form (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *csv = corpus_path ("good-wide.csv");
  g_autoptr(CliRun) as_long = NULL;
  g_autoptr(CliRun) bogus = NULL;
  g_autoptr(CliRun) participants = NULL;
  g_autoptr(CliRun) wide = NULL;

  if (!have_cli ())
    return;

  make_study (fixture->path);
  as_long = run_cli ("import", "responses", "--form", "long", fixture->path, csv, NULL);
  g_assert_cmpint (as_long->status, ==, 1);
  g_assert_nonnull (strstr (as_long->err, "is not a column of a long responses file"));
  bogus = run_cli ("import", "responses", "--form", "tall", fixture->path, csv, NULL);
  g_assert_cmpint (bogus->status, ==, 2);
  g_assert_nonnull (strstr (bogus->err, "--form takes “long” or “wide”, not “tall”"));
  participants = run_cli ("import", "participants", "--form", "wide", fixture->path, csv, NULL);
  g_assert_cmpint (participants->status, ==, 2);
  wide = run_cli ("import", "responses", "--form", "wide", fixture->path, csv, NULL);
  g_assert_cmpint (wide->status, ==, 0);
  g_assert_nonnull (strstr (wide->out, "Imported 3 timepoints with 6 answer sheets from a wide file"));
}

static void
test_export (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *csv = corpus_path ("good-long.csv");
  g_autofree char *wide = fixture_path (fixture, "wide.csv");
  g_autofree char *scores = fixture_path (fixture, "scores.csv");
  g_autofree char *codebook = fixture_path (fixture, "codebook.csv");
  g_autofree char *expected = NULL;
  g_autofree char *text = NULL;
  g_autoptr(CliRun) import = NULL;
  g_autoptr(CliRun) run = NULL;

  if (!have_cli ())
    return;

  make_study (fixture->path);
  import = run_cli ("import", "responses", fixture->path, csv, NULL);
  g_assert_cmpint (import->status, ==, 0);
  run = run_cli ("export", "responses", fixture->path, wide, "--form", "wide", "--scores", scores,
                 "--codebook", codebook, NULL);
  g_assert_cmpstr (run->err, ==, "");
  g_assert_cmpint (run->status, ==, 0);
  expected = g_strdup_printf ("Exported the answers of 3 timepoints (6 answer sheets), de-identified, to %s "
                              "in wide form\n", wide);
  g_assert_cmpstr (run->out, ==, expected);
  text = trellis_test_read_file (wide, NULL);
  g_assert_nonnull (strstr (text, "\r\nP001,Midwives,T1,2025-01-06,4,2,5,1,4,2,4.33333333333333,7,6,8,5,,,6.5,"));
  g_free (text);
  text = trellis_test_read_file (scores, NULL);
  g_assert_nonnull (strstr (text, "\r\nP001,Midwives,T2,2025-01-07,BRS,4.6,5,1,high\r\n"));
  g_free (text);
  text = trellis_test_read_file (codebook, NULL);
  g_assert_true (g_str_has_prefix (text, "variable,label,type,min,max,values,reverse,instrument,scoring_rule\r\n"));
}

/* Exported long by one study, imported into a fresh copy of the register:
 * the same answer sheets. */
static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *csv = corpus_path ("good-wide.csv");
  g_autofree char *exported = fixture_path (fixture, "long.csv");
  g_autofree char *copy = fixture_path (fixture, "copy.trellis");
  g_autofree char *ours = NULL;
  g_autofree char *theirs = NULL;
  g_autoptr(CliRun) import = NULL;
  g_autoptr(CliRun) export = NULL;
  g_autoptr(CliRun) again = NULL;

  if (!have_cli ())
    return;

  make_study (fixture->path);
  make_study (copy);
  import = run_cli ("import", "responses", fixture->path, csv, NULL);
  g_assert_cmpint (import->status, ==, 0);
  export = run_cli ("export", "responses", fixture->path, "-o", exported, NULL);
  g_assert_cmpint (export->status, ==, 0);
  again = run_cli ("import", "responses", copy, exported, NULL);
  g_assert_cmpstr (again->err, ==, "");
  g_assert_cmpint (again->status, ==, 0);
  ours = sheets_of (fixture->path);
  theirs = sheets_of (copy);
  g_assert_cmpstr (ours, ==, theirs);
  assert_check_passes (copy);
}

static void
test_export_usage (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *out = fixture_path (fixture, "out.csv");
  g_autoptr(CliRun) identifiable = NULL;
  g_autoptr(CliRun) codebook = NULL;
  g_autoptr(CliRun) kind = NULL;
  g_autoptr(CliRun) over_study = NULL;

  if (!have_cli ())
    return;

  make_study (fixture->path);
  identifiable = run_cli ("export", "responses", "--identifiable", fixture->path, out, NULL);
  g_assert_cmpint (identifiable->status, ==, 2);
  g_assert_nonnull (strstr (identifiable->err, "always exported de-identified"));
  codebook = run_cli ("export", "participants", "--codebook", out, fixture->path, out, NULL);
  g_assert_cmpint (codebook->status, ==, 2);
  kind = run_cli ("export", "visits", fixture->path, out, NULL);
  g_assert_cmpint (kind->status, ==, 2);
  g_assert_nonnull (strstr (kind->err, "only “participants” and “responses” can be exported"));
  over_study = run_cli ("export", "responses", fixture->path, fixture->path, NULL);
  g_assert_cmpint (over_study->status, ==, 2);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  assert_check_passes (fixture->path);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  ADD_TEST ("/trellis/cli/responses/import", test_import);
  ADD_TEST ("/trellis/cli/responses/import-problems", test_import_problems);
  ADD_TEST ("/trellis/cli/responses/import-scores", test_import_scores);
  ADD_TEST ("/trellis/cli/responses/import-form", test_import_form);
  ADD_TEST ("/trellis/cli/responses/export", test_export);
  ADD_TEST ("/trellis/cli/responses/round-trip", test_round_trip);
  ADD_TEST ("/trellis/cli/responses/export-usage", test_export_usage);
  return g_test_run ();
}
