/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "cli-test-utils.h"
#include "demo-fixture.h"
#include "trellis-audit.h"
#include "trellis-audit-coverage.h"
#include "trellis-database-private.h"

/* What every trellis-cli test program shares: running the real binary (its
 * path comes from TRELLIS_CLI) and making the study files it runs on. */

void
cli_run_free (CliRun *run)
{
  g_free (run->out);
  g_free (run->err);
  g_free (run);
}

char *
fixture_path (Fixture    *fixture,
              const char *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}

static GSubprocessLauncher *
cli_launcher (void)
{
  return g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
}

/* Runs trellis-cli with the NULL-terminated arguments and waits for it. */
CliRun *
run_cli (const char *first_argument,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = cli_launcher ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  CliRun *run = g_new0 (CliRun, 1);
  va_list args;

  g_ptr_array_add (argv, (char *) g_getenv ("TRELLIS_CLI"));
  va_start (args, first_argument);
  for (const char *arg = first_argument; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);

  g_test_message ("exit %d\n--- stdout\n%s--- stderr\n%s", run->status, run->out, run->err);
  return run;
}

gboolean
have_cli (void)
{
  if (g_getenv ("TRELLIS_CLI") != NULL)
    return TRUE;
  g_test_skip ("TRELLIS_CLI is not set to the trellis-cli binary");
  return FALSE;
}

/* What most tests on the demo study start with: the CLI is there (else the
 * test is skipped), and the demo study is at the fixture's path. */
gboolean
have_cli_on_demo (Fixture *fixture)
{
  if (!have_cli ())
    return FALSE;
  demo_fixture_create_closed (fixture->path, "Demo");
  return TRUE;
}

void
assert_matches (const char *pattern,
                const char *text)
{
  if (!g_regex_match_simple (pattern, text, G_REGEX_MULTILINE, 0))
    g_error ("“%s” does not match /%s/", text, pattern);
}

/* A study made through the storage API, closed again so the CLI can open it. */
void
create_study (const char *path,
              const char *title)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisStudy) study = trellis_study_create (path, title, &error);

  g_assert_no_error (error);
  g_assert_nonnull (study);
}

void
cli_test_help (gconstpointer data)
{
  const char *command = data;
  g_autoptr(CliRun) run = NULL;
  g_autofree char *usage = NULL;

  if (!have_cli ())
    return;

  run = command != NULL ? run_cli (command, "--help", NULL) : run_cli ("--help", NULL);
  g_assert_cmpint (run->status, ==, 0);
  g_assert_nonnull (strstr (run->out, "Exit status"));
  usage = g_strdup_printf ("trellis-cli%s%s", command ? " " : "", command ? command : "");
  g_assert_nonnull (strstr (run->out, usage));
}

void
create_register (const char *path)
{
  static const char *const cohorts[] = { "Midwives A", "Paramedics" };
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisDatabase) db = trellis_database_create (path, "Register", &error);

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (cohorts); i++)
    {
      sqlite3_stmt *stmt;

      g_assert_true (trellis_database_begin_write (db, &error));
      stmt = trellis_database_prepare (db, "INSERT INTO cohort (name, profession_id) VALUES (?1, 1)", &error);
      g_assert_no_error (error);
      sqlite3_bind_text (stmt, 1, cohorts[i], -1, SQLITE_STATIC);
      g_assert_true (trellis_database_step_done (db, stmt, &error));
      g_assert_true (trellis_audit_append_change (db, "insert", "cohort",
                                                  sqlite3_last_insert_rowid (trellis_database_get_handle (db)),
                                                  NULL, NULL, &error));
      g_assert_true (trellis_database_commit (db, &error));
      g_assert_no_error (error);
    }
}

char *
write_csv (Fixture    *fixture,
           const char *name,
           const char *contents)
{
  char *path = fixture_path (fixture, name);

  trellis_test_write_file (path, contents, -1);
  return path;
}

gint64
study_int (Fixture    *fixture,
           const char *sql)
{
  sqlite3 *db = trellis_test_sqlite_open (fixture->path, SQLITE_OPEN_READONLY);
  gint64 value = trellis_test_sqlite_int (db, sql);

  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  return value;
}

/* A line of output that starts with the file (a regular expression) and the
 * rest of a problem's message, taken literally. */
void
assert_problem (const char *output,
                const char *file_pattern,
                const char *rest)
{
  g_autofree char *escaped = g_regex_escape_string (rest, -1);
  g_autofree char *pattern = g_strdup_printf ("^%s%s", file_pattern, escaped);

  assert_matches (pattern, output);
}

/* Every problem is listed on a line of its own, and nothing is imported. */
void
assert_check_passes (const char *path)
{
  g_autoptr(CliRun) check = run_cli ("check", path, NULL);

  g_assert_cmpint (check->status, ==, 0);
  g_assert_true (g_str_has_prefix (check->out, "OK: "));
}

/* What a command that reads a study as on a day, in a format, refuses: a
 * format it does not write and a day that is not a date (exit status 2, the
 * option and the value named), and a folder for the study (exit status 3). */
void
assert_refuses_format_and_today (Fixture    *fixture,
                                 const char *command,
                                 const char *bad_format)
{
  static const char *const bad_days[] = { "yesterday", "31/10/2025" };
  g_autoptr(CliRun) format = run_cli (command, fixture->path, "--format", bad_format, NULL);
  g_autoptr(CliRun) missing = run_cli (command, fixture->dir, NULL);

  g_assert_cmpint (format->status, ==, 2);
  g_assert_nonnull (strstr (format->err, "--format"));
  g_assert_nonnull (strstr (format->err, bad_format));
  for (guint i = 0; i < G_N_ELEMENTS (bad_days); i++)
    {
      g_autoptr(CliRun) today = run_cli (command, fixture->path, "--today", bad_days[i], NULL);

      g_assert_cmpint (today->status, ==, 2);
      g_assert_nonnull (strstr (today->err, "--today"));
      g_assert_nonnull (strstr (today->err, bad_days[i]));
    }
  g_assert_cmpint (missing->status, ==, 3);
}

/* run refused the format-1 study at fixture->path (exit status 3), naming it
 * and the upgrade command, and left it byte for byte as before, with no
 * backup beside it. */
void
assert_refused_v1 (Fixture *fixture,
                   CliRun  *run,
                   GBytes  *before)
{
  g_autoptr(GBytes) after = NULL;

  g_assert_cmpint (run->status, ==, 3);
  g_assert_cmpstr (run->out, ==, "");
  g_assert_nonnull (strstr (run->err, fixture->path));
  g_assert_nonnull (strstr (run->err, "older file format (1)"));
  g_assert_nonnull (strstr (run->err, "trellis-cli upgrade"));

  after = trellis_test_read_bytes (fixture->path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_cmpuint (trellis_test_count_files_containing (fixture->dir, "backup"), ==, 0);
}
