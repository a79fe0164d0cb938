/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "cli-test-utils.h"

/* trellis-cli dictionary on real study files: the instruments out to a
 * REDCap data dictionary and back into another study, a dictionary from
 * REDCap with its skipped fields listed, and a broken one refused with every
 * problem on a line of its own and the study unchanged. */

static char *
source_path (const char *first,
             ...)
{
  g_autofree char *relative = NULL;
  va_list args;

  va_start (args, first);
  relative = g_build_filename_valist (first, &args);
  va_end (args);
  return g_test_build_filename (G_TEST_DIST, relative, NULL);
}

/* The demo's dictionary into the fixture's study. */
static void
import_demo (Fixture *fixture)
{
  g_autofree char *demo = source_path ("..", "data", "demo", "instruments.csv", NULL);
  g_autoptr(CliRun) run = run_cli ("dictionary", "import", fixture->path, demo, NULL);
  g_autofree char *expected = g_strdup_printf ("Imported the dictionary into %s: of its 2 instruments, "
                                               "2 created, 0 updated, 0 unchanged\n", fixture->path);

  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->err, ==, "");
  g_assert_true (g_str_has_suffix (run->out, expected));
  g_assert_cmpint (study_int (fixture, "SELECT count(*) FROM instrument"), ==, 3);
  g_assert_cmpint (study_int (fixture, "SELECT count(*) FROM item WHERE kind = 'correct'"), ==, 10);
}

/* Demo instruments in, all instruments out, into a second study and out
 * again: the two dictionaries are the same, byte for byte. */
static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *first = fixture_path (fixture, "first.csv");
  g_autofree char *second = fixture_path (fixture, "second.csv");
  g_autofree char *other = fixture_path (fixture, "other.trellis");
  g_autofree char *first_text = NULL;
  g_autofree char *second_text = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(CliRun) export = NULL;
  g_autoptr(CliRun) import_other = NULL;
  g_autoptr(CliRun) export_other = NULL;

  if (!have_cli ())
    return;

  create_study (fixture->path, "First");
  create_study (other, "Second");
  import_demo (fixture);
  export = run_cli ("dictionary", "export", fixture->path, "-o", first, NULL);
  g_assert_cmpint (export->status, ==, 0);
  expected = g_strdup_printf ("Exported 3 instruments to %s\n", first);
  g_assert_cmpstr (export->out, ==, expected);

  import_other = run_cli ("dictionary", "import", other, first, NULL);
  g_assert_cmpint (import_other->status, ==, 0);
  g_assert_nonnull (strstr (import_other->out, "of its 3 instruments, 2 created, 0 updated, 1 unchanged"));
  export_other = run_cli ("dictionary", "export", other, "--output", second, NULL);
  g_assert_cmpint (export_other->status, ==, 0);
  first_text = trellis_test_read_file (first, NULL);
  second_text = trellis_test_read_file (second, NULL);
  g_assert_cmpstr (first_text, ==, second_text);
  assert_check_passes (fixture->path);
  assert_check_passes (other);
}

/* Only the instruments asked for, in the study's order. */
static void
test_export_some (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *out = fixture_path (fixture, "some.csv");
  g_autofree char *text = NULL;
  g_autoptr(CliRun) export = NULL;

  if (!have_cli ())
    return;

  create_study (fixture->path, "Some");
  import_demo (fixture);
  export = run_cli ("dictionary", "export", fixture->path, "-o", out, "--instrument", "know", "-i", "BRS", NULL);
  g_assert_cmpint (export->status, ==, 0);
  text = trellis_test_read_file (out, NULL);
  g_assert_true (g_str_has_prefix (text, "Variable / Field Name,Form Name,Section Header,Field Type,"));
  g_assert_nonnull (strstr (text, "\r\nrecord_id,brs,,text,Study code,"));
  g_assert_nonnull (strstr (text, "\r\nknow1,know,,radio,"));
  g_assert_null (strstr (text, "ccae"));
  g_assert_true (strstr (text, "brs6") < strstr (text, "know1"));
}

/* A dictionary from REDCap: its forms become instruments, and what is
 * skipped is listed on standard output. */
static void
test_import_plain (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *plain = source_path ("data", "redcap", "plain-dictionary.csv", NULL);
  g_autofree char *pattern = g_regex_escape_string (plain, -1);
  g_autoptr(CliRun) run = NULL;

  if (!have_cli ())
    return;

  create_study (fixture->path, "Plain");
  run = run_cli ("dictionary", "import", fixture->path, plain, NULL);
  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->err, ==, "");
  assert_problem (run->out, pattern, " line 6, column ‘Field Type’: field pss_intro is skipped");
  assert_problem (run->out, pattern, " line 11, column ‘Field Type’: field pss_total is skipped");
  g_assert_nonnull (strstr (run->out, "of its 3 instruments, 3 created, 0 updated, 0 unchanged"));
  g_assert_cmpint (study_int (fixture, "SELECT count(*) FROM item WHERE instrument_id ="
                                       " (SELECT id FROM instrument WHERE code = 'PERCEIVED_STRESS_SCALE')"), ==, 4);
  assert_check_passes (fixture->path);
}

static void
test_import_problems (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *plain = source_path ("data", "redcap", "plain-dictionary.csv", NULL);
  g_autofree char *text = trellis_test_read_file (plain, NULL);
  g_autofree char *bad_text = NULL;
  g_autofree char *bad = NULL;
  g_autofree char *pattern = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(CliRun) run = NULL;
  g_autoptr(GString) edited = g_string_new (text);

  if (!have_cli ())
    return;

  g_string_replace (edited, "gad2_2,gad2,,dropdown", "gad2_2,gad2,,likert", 1);
  g_string_replace (edited, "wb_sleep,wellbeing,,text,How many hours did you sleep last night?,,Whole hours,integer,0,24",
                    "wb_sleep,wellbeing,,text,How many hours did you sleep last night?,,Whole hours,integer,24,0", 1);
  bad_text = g_string_free (g_steal_pointer (&edited), FALSE);
  bad = write_csv (fixture, "bad.csv", bad_text);
  pattern = g_regex_escape_string (bad, -1);
  create_study (fixture->path, "Problems");
  before = trellis_test_dump_hash (fixture->path);
  run = run_cli ("dictionary", "import", fixture->path, bad, NULL);
  g_assert_cmpint (run->status, ==, 1);
  g_assert_cmpstr (run->out, ==, "");
  assert_problem (run->err, pattern, " line 13, column ‘Field Type’: ‘likert’ is not a REDCap field type");
  assert_problem (run->err, pattern, " line 15, column ‘Text Validation Min’: the min 24 is above the max 0");
  g_assert_nonnull (strstr (run->err, "nothing in the study was changed"));
  after = trellis_test_dump_hash (fixture->path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_usage (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *out = fixture_path (fixture, "out.csv");
  g_autofree char *missing = fixture_path (fixture, "missing.csv");
  g_autoptr(CliRun) no_output = NULL;
  g_autoptr(CliRun) unknown = NULL;
  g_autoptr(CliRun) over_study = NULL;
  g_autoptr(CliRun) no_file = NULL;
  g_autoptr(CliRun) sub = NULL;

  if (!have_cli ())
    return;

  create_study (fixture->path, "Usage");
  no_output = run_cli ("dictionary", "export", fixture->path, NULL);
  g_assert_cmpint (no_output->status, ==, 2);
  g_assert_nonnull (strstr (no_output->err, "missing option --output"));
  unknown = run_cli ("dictionary", "export", fixture->path, "-o", out, "-i", "NOPE", NULL);
  g_assert_cmpint (unknown->status, ==, 2);
  g_assert_nonnull (strstr (unknown->err, "The study has no instrument with the code “NOPE”"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  over_study = run_cli ("dictionary", "export", fixture->path, "-o", fixture->path, NULL);
  g_assert_cmpint (over_study->status, ==, 2);
  g_assert_nonnull (strstr (over_study->err, "is the study itself"));
  assert_check_passes (fixture->path);
  no_file = run_cli ("dictionary", "import", fixture->path, missing, NULL);
  g_assert_cmpint (no_file->status, ==, 3);
  g_assert_nonnull (strstr (no_file->err, "missing.csv"));
  sub = run_cli ("dictionary", "convert", NULL);
  g_assert_cmpint (sub->status, ==, 2);
  g_assert_nonnull (strstr (sub->err, "unknown sub-command “convert”"));
}

static void
test_sub_command_help (void)
{
  static const char *const sub_commands[] = { "export", "import" };

  if (!have_cli ())
    return;

  for (guint i = 0; i < G_N_ELEMENTS (sub_commands); i++)
    {
      g_autoptr(CliRun) run = run_cli ("dictionary", sub_commands[i], "--help", NULL);
      g_autofree char *usage = g_strdup_printf ("trellis-cli dictionary %s", sub_commands[i]);

      g_assert_cmpint (run->status, ==, 0);
      g_assert_nonnull (strstr (run->out, usage));
      g_assert_nonnull (strstr (run->out, "REDCap data dictionary"));
      g_assert_nonnull (strstr (run->out, "Exit status"));
    }
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_data_func ("/trellis/cli/dictionary/help", "dictionary", cli_test_help);
  g_test_add_func ("/trellis/cli/dictionary/sub-command-help", test_sub_command_help);
  ADD_TEST ("/trellis/cli/dictionary/round-trip", test_round_trip);
  ADD_TEST ("/trellis/cli/dictionary/export-some", test_export_some);
  ADD_TEST ("/trellis/cli/dictionary/import-plain", test_import_plain);
  ADD_TEST ("/trellis/cli/dictionary/import-problems", test_import_problems);
  ADD_TEST ("/trellis/cli/dictionary/usage", test_usage);
  return g_test_run ();
}
