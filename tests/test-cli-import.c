/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "cli-test-utils.h"
#include "trellis-audit.h"
#include "trellis-audit-coverage.h"
#include "trellis-database-private.h"
#include "trellis-study.h"

/* Runs the real trellis-cli binary (its path comes from TRELLIS_CLI) on real
 * study files in a fresh folder per test, and checks its exit status, what it
 * prints, and what it leaves on disk. These are the commands that move
 * participants in and out: import, export and demo. */

static const char good_csv[] =
  "code,cohort,baseline_date,name,email\n"
  "p001,Midwives A,2024-03-01,Ann Example,ann@example.org\n"
  "P002,paramedics,,,\n"
  "P003,Midwives A,2024-03-04,,\n";

static void
test_import_participants (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *csv = write_csv (fixture, "people.csv", good_csv);
  g_autofree char *expected = NULL;
  g_autoptr(CliRun) run = NULL;
  g_autoptr(CliRun) check = NULL;

  if (!have_cli ())
    return;

  create_register (fixture->path);
  run = run_cli ("import", "participants", fixture->path, csv, NULL);
  g_assert_cmpint (run->status, ==, 0);
  expected = g_strdup_printf ("Imported 3 participants into %s\n", fixture->path);
  g_assert_cmpstr (run->out, ==, expected);
  g_assert_cmpstr (run->err, ==, "");
  g_assert_cmpint (study_int (fixture, "SELECT count(*) FROM participant WHERE code IN ('P001', 'P002', 'P003')"), ==, 3);
  g_assert_cmpint (study_int (fixture, "SELECT count(*) FROM participant_contact"), ==, 1);

  check = run_cli ("check", fixture->path, NULL);
  g_assert_cmpint (check->status, ==, 0);
}
static void
test_import_problems (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *csv = write_csv (fixture, "bad.csv",
                                    "code,cohort,baseline_date\n"
                                    "P001,Nurses,2024-03-01\n"
                                    "P002,Midwives A,2024-02-30\n"
                                    "p001,Midwives A,\n");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *pattern = NULL;
  g_autoptr(CliRun) run = NULL;

  if (!have_cli ())
    return;

  create_register (fixture->path);
  before = trellis_test_dump_hash (fixture->path);
  run = run_cli ("import", "participants", fixture->path, csv, NULL);
  g_assert_cmpint (run->status, ==, 1);
  g_assert_cmpstr (run->out, ==, "");
  pattern = g_regex_escape_string (csv, -1);
  assert_problem (run->err, pattern, " line 2, column ‘cohort’: ‘Nurses’ is not a cohort");
  assert_problem (run->err, pattern, " line 3, column ‘baseline_date’: ‘2024-02-30’ is not a date");
  assert_problem (run->err, pattern, " line 4, column ‘code’: ‘P001’ is also the code on line 2");
  g_assert_nonnull (strstr (run->err, "nothing in the study was changed"));
  after = trellis_test_dump_hash (fixture->path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_import_usage (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *csv = write_csv (fixture, "people.csv", good_csv);
  g_autofree char *missing = fixture_path (fixture, "missing.csv");
  g_autoptr(CliRun) kind = NULL;
  g_autoptr(CliRun) short_args = NULL;
  g_autoptr(CliRun) no_csv = NULL;
  g_autoptr(CliRun) no_study = NULL;

  if (!have_cli ())
    return;

  create_register (fixture->path);
  kind = run_cli ("import", "cohorts", fixture->path, csv, NULL);
  g_assert_cmpint (kind->status, ==, 2);
  g_assert_nonnull (strstr (kind->err, "only “participants” and “responses” can be imported"));
  short_args = run_cli ("import", "participants", fixture->path, NULL);
  g_assert_cmpint (short_args->status, ==, 2);
  no_csv = run_cli ("import", "participants", fixture->path, missing, NULL);
  g_assert_cmpint (no_csv->status, ==, 3);
  g_assert_nonnull (strstr (no_csv->err, "missing.csv"));
  g_free (missing);
  missing = fixture_path (fixture, "missing.trellis");
  no_study = run_cli ("import", "participants", missing, csv, NULL);
  g_assert_cmpint (no_study->status, ==, 3);
  g_assert_nonnull (strstr (no_study->err, missing));
  g_assert_cmpint (study_int (fixture, "SELECT count(*) FROM participant"), ==, 0);
}

/* A read-only study, or one another program is writing to, is left alone. */
static void
test_import_read_only_locked (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *csv = write_csv (fixture, "people.csv", good_csv);
  g_autoptr(CliRun) read_only = NULL;
  g_autoptr(CliRun) locked = NULL;
  g_autoptr(CliRun) freed = NULL;
  int fd;

  if (!have_cli ())
    return;

  create_register (fixture->path);
  g_assert_no_errno (g_chmod (fixture->path, 0444));
  read_only = run_cli ("import", "participants", fixture->path, csv, NULL);
  g_assert_cmpint (read_only->status, ==, 5);
  g_assert_nonnull (strstr (read_only->err, "read-only"));
  g_assert_no_errno (g_chmod (fixture->path, 0600));

  fd = g_open (fixture->path, O_RDONLY | O_CLOEXEC, 0);
  g_assert_cmpint (fd, >=, 0);
  g_assert_no_errno (flock (fd, LOCK_EX | LOCK_NB));
  locked = run_cli ("import", "participants", fixture->path, csv, NULL);
  g_assert_cmpint (locked->status, ==, 4);
  g_assert_nonnull (strstr (locked->err, fixture->path));
  close (fd);
  g_assert_cmpint (study_int (fixture, "SELECT count(*) FROM participant"), ==, 0);

  freed = run_cli ("import", "participants", fixture->path, csv, NULL);
  g_assert_cmpint (freed->status, ==, 0);
}

/* A study in an older format is not upgraded on the way by a command that
 * writes to it: it is refused, with the command that upgrades it, and left
 * exactly as it was, with nothing beside it. */
static void
test_import_refuses_v1 (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *csv = write_csv (fixture, "people.csv", good_csv);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(CliRun) run = NULL;

  if (!have_cli ())
    return;

  trellis_test_copy_v1_study (fixture->path);
  before = trellis_test_read_bytes (fixture->path);
  run = run_cli ("import", "participants", fixture->path, csv, NULL);
  assert_refused_v1 (fixture, run, before);
  g_assert_cmpuint (trellis_test_count_files_containing (fixture->dir, "-wal"), ==, 0);
  g_assert_cmpuint (trellis_test_count_files_containing (fixture->dir, "-shm"), ==, 0);
  g_assert_cmpuint (trellis_test_count_files_containing (fixture->dir, ".lock"), ==, 0);
}

static void
test_export_participants (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *csv = write_csv (fixture, "people.csv", good_csv);
  g_autofree char *out = fixture_path (fixture, "out.csv");
  g_autofree char *contents = NULL;
  g_autoptr(CliRun) import = NULL;
  g_autoptr(CliRun) plain = NULL;
  g_autoptr(CliRun) identifiable = NULL;
  g_autoptr(CliRun) check = NULL;
  gint64 audit_rows;

  if (!have_cli ())
    return;

  create_register (fixture->path);
  import = run_cli ("import", "participants", fixture->path, csv, NULL);
  g_assert_cmpint (import->status, ==, 0);
  audit_rows = study_int (fixture, "SELECT count(*) FROM audit");

  plain = run_cli ("export", "participants", fixture->path, out, NULL);
  g_assert_cmpint (plain->status, ==, 0);
  assert_matches ("^Exported 3 participants, de-identified, to ", plain->out);
  contents = trellis_test_read_file (out, NULL);
  g_assert_true (g_str_has_prefix (contents, "code,cohort,profession,site,baseline_date,status,"));
  g_assert_nonnull (strstr (contents, "\r\nP002,Paramedics,Midwife,,,recruited,none,"));
  g_assert_null (strstr (contents, "Ann"));
  g_assert_cmpint (study_int (fixture, "SELECT count(*) FROM audit"), ==, audit_rows);

  identifiable = run_cli ("export", "participants", "--identifiable", fixture->path, out, NULL);
  g_assert_cmpint (identifiable->status, ==, 0);
  assert_matches ("recorded in the study’s audit trail$", identifiable->out);
  g_free (contents);
  contents = trellis_test_read_file (out, NULL);
  g_assert_nonnull (strstr (contents, "Ann Example,ann@example.org"));
  g_assert_cmpint (study_int (fixture, "SELECT count(*) FROM audit"), ==, audit_rows + 1);
  g_assert_cmpint (study_int (fixture, "SELECT count(*) FROM audit WHERE action = 'export-identifiable'"), ==, 1);

  check = run_cli ("check", fixture->path, NULL);
  g_assert_cmpint (check->status, ==, 0);
}

/* While the study is open for writing elsewhere, a de-identified export
 * still reads it; an identifiable one, which writes, waits its turn. */
static void
test_export_while_open (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *out = fixture_path (fixture, "out.csv");
  g_autoptr(TrellisDatabase) holder = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CliRun) plain = NULL;
  g_autoptr(CliRun) identifiable = NULL;
  g_autoptr(CliRun) over_study = NULL;
  g_autoptr(CliRun) kind = NULL;

  if (!have_cli ())
    return;

  create_register (fixture->path);
  holder = trellis_database_open (fixture->path, TRELLIS_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);

  plain = run_cli ("export", "participants", fixture->path, out, NULL);
  g_assert_cmpint (plain->status, ==, 0);
  identifiable = run_cli ("export", "participants", "-i", fixture->path, out, NULL);
  g_assert_cmpint (identifiable->status, ==, 4);
  over_study = run_cli ("export", "participants", fixture->path, fixture->path, NULL);
  g_assert_cmpint (over_study->status, ==, 2);
  g_assert_nonnull (strstr (over_study->err, "is the study itself; choose another file for the export"));
  g_assert_cmpstr (over_study->out, ==, "");
  kind = run_cli ("export", "timepoints", fixture->path, out, NULL);
  g_assert_cmpint (kind->status, ==, 2);
}

/* The demo register, read back with raw SQL as a reader of the file would. */
static void
assert_demo_shape (const char *path,
                   gint64      n_participants)
{
  sqlite3 *db = trellis_test_sqlite_open (path, SQLITE_OPEN_READONLY);
  g_autofree char *title = trellis_test_sqlite_text (db, "SELECT title FROM study");

  g_assert_cmpstr (title, ==, "Resilience coaching for healthcare staff");
  g_assert_cmpint (trellis_test_sqlite_int (db, "SELECT count(*) FROM cohort"), ==, 7);
  g_assert_cmpint (trellis_test_sqlite_int (db, "SELECT count(*) FROM participant"), ==, n_participants);
  g_assert_cmpint (trellis_test_sqlite_int (db, "SELECT count(*) FROM consent_version"), ==, 2);
  g_assert_cmpint (trellis_test_sqlite_int (db, "SELECT count(DISTINCT kind) FROM withdrawal"), ==, 3);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static void
test_demo_default (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(CliRun) run = NULL;
  g_autoptr(CliRun) info = NULL;
  sqlite3 *db;

  if (!have_cli ())
    return;

  run = run_cli ("demo", fixture->path, NULL);
  g_assert_cmpint (run->status, ==, 0);
  g_assert_nonnull (strstr (run->out, "69 participants"));
  g_assert_cmpstr (run->err, ==, "");
  assert_demo_shape (fixture->path, 69);
  db = trellis_test_sqlite_open (fixture->path, SQLITE_OPEN_READONLY);
  g_assert_cmpint (trellis_test_sqlite_int (db, "SELECT count(*) FROM withdrawal"), ==, 3);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  assert_check_passes (fixture->path);

  info = run_cli ("info", fixture->path, NULL);
  g_assert_cmpint (info->status, ==, 0);
  assert_matches ("^Register:$", info->out);
  assert_matches ("^  Cohorts: 7$", info->out);
  assert_matches ("^    Paramedics +[0-9]+$", info->out);
  assert_matches ("^  Participants by status: 69$", info->out);
  assert_matches ("^    Withdrawn +3$", info->out);
  assert_matches ("^    Lost to follow-up +2$", info->out);
  assert_matches ("^    No consent +3$", info->out);
  assert_matches ("^  Withdrawals: 3$", info->out);
  assert_matches ("^    No further contact +1$", info->out);
  assert_matches ("^    Data destruction requested +1$", info->out);
}

static void
test_demo_thousand (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(CliRun) run = NULL;

  if (!have_cli ())
    return;

  run = run_cli ("demo", fixture->path, "--participants", "1000", "--seed", "9", NULL);
  g_assert_cmpint (run->status, ==, 0);
  assert_demo_shape (fixture->path, 1000);
  assert_check_passes (fixture->path);
}

/* A bad count is refused before any file is made. */
static void
test_demo_bad_count (Fixture       *fixture,
                     gconstpointer  data)
{
  static const char *const counts[] = { "-3", "abc", "12x", "1000001", "" };

  if (!have_cli ())
    return;

  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      g_autoptr(CliRun) run = run_cli ("demo", fixture->path, "--participants", counts[i], NULL);

      g_assert_cmpint (run->status, ==, 2);
      g_assert_nonnull (strstr (run->err, "--participants"));
      g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
    }
}

static void
test_demo_refuses_existing (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(CliRun) run = NULL;
  g_autoptr(TrellisStudy) study = NULL;
  g_autoptr(GError) error = NULL;

  if (!have_cli ())
    return;

  create_study (fixture->path, "Real study");
  run = run_cli ("demo", fixture->path, NULL);
  g_assert_cmpint (run->status, ==, 3);
  g_assert_nonnull (strstr (run->err, fixture->path));

  study = trellis_study_open (fixture->path, TRELLIS_OPEN_FLAGS_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (trellis_study_get_title (study), ==, "Real study");
}

int
main (int    argc,
      char **argv)
{
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  ADD_TEST ("/trellis/cli/import/participants", test_import_participants);
  ADD_TEST ("/trellis/cli/import/problems", test_import_problems);
  ADD_TEST ("/trellis/cli/import/usage", test_import_usage);
  ADD_TEST ("/trellis/cli/import/read-only-locked", test_import_read_only_locked);
  ADD_TEST ("/trellis/cli/import/refuses-v1", test_import_refuses_v1);
  ADD_TEST ("/trellis/cli/export/participants", test_export_participants);
  ADD_TEST ("/trellis/cli/export/while-open", test_export_while_open);
  g_test_add_data_func ("/trellis/cli/import/help", "import", cli_test_help);
  g_test_add_data_func ("/trellis/cli/export/help", "export", cli_test_help);
  ADD_TEST ("/trellis/cli/demo/default", test_demo_default);
  ADD_TEST ("/trellis/cli/demo/thousand", test_demo_thousand);
  ADD_TEST ("/trellis/cli/demo/bad-count", test_demo_bad_count);
  ADD_TEST ("/trellis/cli/demo/refuses-existing", test_demo_refuses_existing);
  g_test_add_data_func ("/trellis/cli/demo/help", "demo", cli_test_help);

  status = g_test_run ();
  return status;
}
