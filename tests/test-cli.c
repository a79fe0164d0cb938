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
 * prints, and what it leaves on disk. These are the foundation commands:
 * init, info, check, upgrade, plot and the global options. */

static void
test_init_creates (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(CliRun) run = NULL;
  g_autoptr(TrellisStudy) study = NULL;
  g_autoptr(GError) error = NULL;

  if (!have_cli ())
    return;

  run = run_cli ("init", fixture->path, "--title", "Resilience coaching 2024", NULL);
  g_assert_cmpint (run->status, ==, 0);
  g_assert_nonnull (strstr (run->out, "Created"));
  g_assert_nonnull (strstr (run->out, fixture->path));
  g_assert_cmpstr (run->err, ==, "");

  study = trellis_study_open (fixture->path, TRELLIS_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (trellis_study_get_title (study), ==, "Resilience coaching 2024");
  g_assert_cmpuint (g_list_model_get_n_items (trellis_study_get_timepoints (study)), ==, 4);
}

static void
test_init_default_title (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(CliRun) run = NULL;
  g_autoptr(TrellisStudy) study = NULL;
  g_autoptr(GError) error = NULL;

  if (!have_cli ())
    return;

  run = run_cli ("init", fixture->path, NULL);
  g_assert_cmpint (run->status, ==, 0);

  study = trellis_study_open (fixture->path, TRELLIS_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (trellis_study_get_title (study), ==, "Untitled study");
}

static void
test_init_refuses_existing (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(CliRun) run = NULL;
  g_autofree char *contents = NULL;

  if (!have_cli ())
    return;

  trellis_test_write_file (fixture->path, "precious notes\n", -1);

  run = run_cli ("init", fixture->path, NULL);
  g_assert_cmpint (run->status, ==, 3);
  g_assert_cmpstr (run->out, ==, "");
  g_assert_true (g_str_has_prefix (run->err, "trellis-cli: "));
  g_assert_nonnull (strstr (run->err, fixture->path));

  contents = trellis_test_read_file (fixture->path, NULL);
  g_assert_cmpstr (contents, ==, "precious notes\n");
}

/* A write-ahead log left by a crashed study of the same name may hold its last
 * commits: init leaves it alone and creates nothing. */
static void
test_init_refuses_sidecar (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(CliRun) run = NULL;

  if (!have_cli ())
    return;

  trellis_test_write_file (wal, "last commits\n", -1);

  run = run_cli ("init", fixture->path, NULL);
  g_assert_cmpint (run->status, ==, 3);
  g_assert_cmpstr (run->out, ==, "");
  g_assert_nonnull (strstr (run->err, wal));
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));

  contents = trellis_test_read_file (wal, NULL);
  g_assert_cmpstr (contents, ==, "last commits\n");
}

/* A study will hold identifiable data, so only its owner may read it. */
static void
test_init_private (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(CliRun) run = NULL;

  if (!have_cli ())
    return;

  run = run_cli ("init", fixture->path, NULL);
  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpint (trellis_test_file_mode (fixture->path), ==, 0600);
}

static void
test_init_bad_title (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(CliRun) run = NULL;

  if (!have_cli ())
    return;

  run = run_cli ("init", fixture->path, "--title", "   ", NULL);
  g_assert_cmpint (run->status, ==, 2);
  g_assert_nonnull (strstr (run->err, "title"));
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
}

static void
test_init_usage (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(CliRun) none = NULL;
  g_autoptr(CliRun) two = NULL;
  g_autoptr(CliRun) bad_option = NULL;

  if (!have_cli ())
    return;

  none = run_cli ("init", NULL);
  g_assert_cmpint (none->status, ==, 2);
  g_assert_nonnull (strstr (none->err, "missing argument FILE"));
  g_assert_nonnull (strstr (none->err, "trellis-cli init --help"));

  two = run_cli ("init", fixture->path, "other.trellis", NULL);
  g_assert_cmpint (two->status, ==, 2);
  g_assert_nonnull (strstr (two->err, "other.trellis"));

  bad_option = run_cli ("init", "--colour", fixture->path, NULL);
  g_assert_cmpint (bad_option->status, ==, 2);
  g_assert_nonnull (strstr (bad_option->err, "--colour"));
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
}

static void
expected_audit (const char  *path,
                gint64      *count,
                char       **head)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisStudy) study = trellis_study_open (path, TRELLIS_OPEN_FLAGS_NONE, &error);

  g_assert_no_error (error);
  *count = trellis_study_get_audit_count (study);
  *head = trellis_audit_head_hash (trellis_study_get_database (study), &error);
  g_assert_no_error (error);
}

static void
test_info_prints_study (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(CliRun) run = NULL;
  g_autofree char *head = NULL;
  g_autofree char *rows = NULL;
  gint64 count;

  if (!have_cli ())
    return;

  create_study (fixture->path, "Coaching for midwives");
  expected_audit (fixture->path, &count, &head);

  run = run_cli ("info", fixture->path, NULL);
  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->err, ==, "");
  assert_matches ("^Title: +Coaching for midwives$", run->out);
  g_assert_nonnull (strstr (run->out, fixture->path));
  assert_matches ("^File format: +8$", run->out);
  assert_matches ("^Read-only: +no$", run->out);
  assert_matches ("^Created: +[0-9]{4}-[0-9]{2}-[0-9]{2}T", run->out);
  assert_matches ("^Timepoints: +4$", run->out);
  assert_matches ("^  T1 +Baseline +day 0, window days 0 to 0$", run->out);
  assert_matches ("^  T2 +After workshop +day 1 after the workshop, window days 0 to 7$", run->out);
  assert_matches ("^  T3 +After coaching +day 1 after the coaching call, window days 0 to 14$", run->out);
  assert_matches ("^  T4 +Follow-up +day 35, window days 28 to 42$", run->out);
  rows = g_strdup_printf ("^Audit rows: +%" G_GINT64_FORMAT "$", count);
  assert_matches (rows, run->out);
  g_assert_nonnull (strstr (run->out, head));
}

static void
test_info_missing (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(CliRun) run = NULL;

  if (!have_cli ())
    return;

  run = run_cli ("info", fixture->path, NULL);
  g_assert_cmpint (run->status, ==, 3);
  g_assert_cmpstr (run->out, ==, "");
  g_assert_true (g_str_has_prefix (run->err, "trellis-cli: "));
  g_assert_nonnull (strstr (run->err, fixture->path));
}

static void
test_info_junk (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(CliRun) run = NULL;

  if (!have_cli ())
    return;

  trellis_test_write_file (fixture->path, "Participant,Score\nP001,12\n", -1);

  run = run_cli ("info", fixture->path, NULL);
  g_assert_cmpint (run->status, ==, 3);
  g_assert_nonnull (strstr (run->err, fixture->path));
  g_assert_nonnull (strstr (run->err, "not a Trellis study"));
}

/* A study in an older format is refused by a command that only reads it, with
 * the command that upgrades it, and left exactly as it was. */
static void
assert_refuses_v1 (Fixture    *fixture,
                   const char *command,
                   const char *output)
{
  g_autoptr(GBytes) before = trellis_test_read_bytes (fixture->path);
  g_autoptr(CliRun) run = NULL;

  run = output != NULL ? run_cli (command, fixture->path, output, NULL)
                       : run_cli (command, fixture->path, NULL);
  assert_refused_v1 (fixture, run, before);
  if (output != NULL)
    g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));
}

static void
test_info_refuses_v1 (Fixture       *fixture,
                      gconstpointer  data)
{
  if (!have_cli ())
    return;

  trellis_test_copy_v1_study (fixture->path);
  assert_refuses_v1 (fixture, "info", NULL);
}

/* check reads the whole file, and must still change none of it. */
static void
test_check_refuses_v1 (Fixture       *fixture,
                       gconstpointer  data)
{
  if (!have_cli ())
    return;

  trellis_test_copy_v1_study (fixture->path);
  assert_refuses_v1 (fixture, "check", NULL);
}

static void
test_plot_refuses_v1 (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *output = fixture_path (fixture, "plan.png");

  if (!have_cli ())
    return;

  trellis_test_copy_v1_study (fixture->path);
  assert_refuses_v1 (fixture, "plot", output);
}

static void
test_upgrade_v1 (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(CliRun) run = NULL;
  g_autoptr(CliRun) info = NULL;
  g_autoptr(CliRun) check = NULL;
  g_autoptr(CliRun) again = NULL;

  if (!have_cli ())
    return;

  trellis_test_copy_v1_study (fixture->path);

  run = run_cli ("upgrade", fixture->path, NULL);
  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->err, ==, "");
  assert_matches ("^Upgraded from file format 1 to 8; the original is backed up at “.*study\\.v1-backup-.*\\.trellis”$",
                  run->out);
  g_assert_cmpuint (trellis_test_count_files_containing (fixture->dir, "backup"), ==, 1);

  info = run_cli ("info", fixture->path, NULL);
  g_assert_cmpint (info->status, ==, 0);
  assert_matches ("^Title: +Resilience coaching for maternity staff — pilot \\(format 1\\)$", info->out);
  assert_matches ("^File format: +8$", info->out);
  assert_matches ("^  T2 +After workshop +day 1, window days 0 to 7$", info->out);
  assert_matches ("^  T5 +Six-month follow-up +day 182, window days 168 to 196$", info->out);
  /* 8 rows from format 1, then 8 seeded professions, the Brief Resilience
   * Scale and its 6 items, the study baseline, a baseline for each of the 5
   * timepoints (which gained their anchor) and the migrate row. */
  assert_matches ("^Audit rows: +30$", info->out);

  /* The upgraded file has a whole audit chain. */
  check = run_cli ("check", fixture->path, NULL);
  g_assert_cmpint (check->status, ==, 0);
  g_assert_cmpstr (check->out, ==, "OK: integrity, foreign keys and audit trail (30 rows)\n");

  /* A second upgrade finds nothing to do, and takes no second backup. */
  again = run_cli ("upgrade", fixture->path, NULL);
  g_assert_cmpint (again->status, ==, 0);
  g_assert_nonnull (strstr (again->out, "already in the current file format (8)"));
  g_assert_cmpuint (trellis_test_count_files_containing (fixture->dir, "backup"), ==, 1);
}

static void
test_upgrade_current (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(CliRun) run = NULL;

  if (!have_cli ())
    return;

  create_study (fixture->path, "Current study");
  before = trellis_test_read_bytes (fixture->path);

  run = run_cli ("upgrade", fixture->path, NULL);
  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->err, ==, "");
  g_assert_nonnull (strstr (run->out, fixture->path));
  g_assert_nonnull (strstr (run->out, "already in the current file format (8); nothing to do"));

  after = trellis_test_read_bytes (fixture->path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_cmpuint (trellis_test_count_files_containing (fixture->dir, "backup"), ==, 0);
}

static void
test_upgrade_missing (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(CliRun) run = NULL;

  if (!have_cli ())
    return;

  run = run_cli ("upgrade", fixture->path, NULL);
  g_assert_cmpint (run->status, ==, 3);
  g_assert_nonnull (strstr (run->err, fixture->path));
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
}

/* Another program holds the writer's claim (an flock() on the study itself),
 * so the upgrade waits for it: nothing is backed up or changed. */
static void
test_upgrade_locked (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(CliRun) run = NULL;
  g_autoptr(CliRun) freed = NULL;
  int fd;

  if (!have_cli ())
    return;

  trellis_test_copy_v1_study (fixture->path);
  before = trellis_test_read_bytes (fixture->path);
  fd = g_open (fixture->path, O_RDONLY | O_CLOEXEC, 0);
  g_assert_cmpint (fd, >=, 0);
  g_assert_no_errno (flock (fd, LOCK_EX | LOCK_NB));

  run = run_cli ("upgrade", fixture->path, NULL);
  g_assert_cmpint (run->status, ==, 4);
  g_assert_cmpstr (run->out, ==, "");
  g_assert_nonnull (strstr (run->err, fixture->path));
  g_assert_nonnull (strstr (run->err, "already open in another program or another copy of Trellis"));
  after = trellis_test_read_bytes (fixture->path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_cmpuint (trellis_test_count_files_containing (fixture->dir, "backup"), ==, 0);

  close (fd);
  freed = run_cli ("upgrade", fixture->path, NULL);
  g_assert_cmpint (freed->status, ==, 0);
}

/* Another program (not Trellis: no claim) holds a format-1 study, switched to
 * a rollback journal, in an exclusive transaction for a moment, which stops
 * readers too. The upgrade waits for it, as for any short transaction,
 * instead of failing at once as locked. */
static gpointer
release_after_a_moment (gpointer data)
{
  sqlite3 *other = data;

  g_usleep (300 * G_TIME_SPAN_MILLISECOND);
  trellis_test_sqlite_exec (other, "COMMIT");
  return NULL;
}

static void
test_upgrade_waits_for_transaction (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(CliRun) run = NULL;
  GThread *releaser;
  sqlite3 *other;

  if (!have_cli ())
    return;

  trellis_test_copy_v1_study (fixture->path);
  trellis_test_sqlite_exec_file (fixture->path, "PRAGMA journal_mode = DELETE");
  other = trellis_test_sqlite_open (fixture->path, SQLITE_OPEN_READWRITE);
  trellis_test_sqlite_exec (other, "BEGIN EXCLUSIVE");
  releaser = g_thread_new ("releaser", release_after_a_moment, other);

  run = run_cli ("upgrade", fixture->path, NULL);
  g_thread_join (releaser);
  g_assert_cmpint (sqlite3_close (other), ==, SQLITE_OK);

  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->err, ==, "");
  g_assert_true (g_str_has_prefix (run->out, "Upgraded from file format 1 to 8"));
}

/* A read-only format-1 file cannot be upgraded: reading commands say so and
 * point to the upgrade, and the upgrade says the file is read-only. */
static void
test_read_only_v1 (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(CliRun) info = NULL;
  g_autoptr(CliRun) upgrade = NULL;

  if (!have_cli ())
    return;

  trellis_test_copy_v1_study (fixture->path);
  g_assert_cmpint (g_chmod (fixture->path, 0444), ==, 0);

  info = run_cli ("info", fixture->path, NULL);
  g_assert_cmpint (info->status, ==, 3);
  g_assert_nonnull (strstr (info->err, "read-only"));
  g_assert_nonnull (strstr (info->err, "trellis-cli upgrade"));

  upgrade = run_cli ("upgrade", fixture->path, NULL);
  g_assert_cmpint (upgrade->status, ==, 5);
  g_assert_nonnull (strstr (upgrade->err, "read-only"));
  g_assert_cmpuint (trellis_test_count_files_containing (fixture->dir, "backup"), ==, 0);
}

/* A study marked read-only is read as it is: no -wal or -shm is left
 * beside it for the next writer to trip over. */
static void
test_info_read_only (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(CliRun) run = NULL;

  if (!have_cli ())
    return;

  create_study (fixture->path, "Archived study");
  g_assert_cmpint (g_chmod (fixture->path, 0444), ==, 0);

  run = run_cli ("info", fixture->path, NULL);
  g_assert_cmpint (run->status, ==, 0);
  assert_matches ("^Read-only: +yes: the file is read-only$", run->out);
  g_assert_cmpuint (trellis_test_count_files_containing (fixture->dir, "study.trellis"), ==, 1);
}

/* The reading commands make no claim on the study, so they work while it is
 * open for writing in Trellis (here, in this test process), see what it has
 * written, and leave it writable. */
static void
test_read_while_open (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *output = fixture_path (fixture, "plan.svg");
  g_autoptr(TrellisStudy) holder = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CliRun) info = NULL;
  g_autoptr(CliRun) check = NULL;
  g_autoptr(CliRun) plot = NULL;

  if (!have_cli ())
    return;

  create_study (fixture->path, "Held open");
  holder = trellis_study_open (fixture->path, TRELLIS_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_true (trellis_study_set_title (holder, "Renamed while open", &error));
  g_assert_no_error (error);

  info = run_cli ("info", fixture->path, NULL);
  g_assert_cmpint (info->status, ==, 0);
  assert_matches ("^Title: +Renamed while open$", info->out);
  assert_matches ("^Read-only: +no$", info->out);

  check = run_cli ("check", fixture->path, NULL);
  g_assert_cmpint (check->status, ==, 0);
  plot = run_cli ("plot", fixture->path, output, NULL);
  g_assert_cmpint (plot->status, ==, 0);

  g_assert_true (trellis_study_set_title (holder, "Still writable", &error));
  g_assert_no_error (error);
}

static void
test_check_ok (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(CliRun) run = NULL;

  if (!have_cli ())
    return;

  create_study (fixture->path, "Fresh study");

  run = run_cli ("check", fixture->path, NULL);
  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->out, ==, "OK: integrity, foreign keys and audit trail (20 rows)\n");
  g_assert_cmpstr (run->err, ==, "");
}

/* Someone edits a middle audit row with a plain SQLite tool, dropping the
 * trigger that would have refused it. */
static void
test_check_tampered_audit (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(CliRun) run = NULL;

  if (!have_cli ())
    return;

  create_study (fixture->path, "Tampered study");
  trellis_test_sqlite_exec_file (fixture->path,
                                 "DROP TRIGGER audit_no_update;"
                                 "UPDATE audit SET new_value = '{}' WHERE id = 2;");

  run = run_cli ("check", fixture->path, NULL);
  g_assert_cmpint (run->status, ==, 1);
  g_assert_cmpstr (run->out, ==, "");
  g_assert_true (g_str_has_prefix (run->err, "trellis-cli: "));
  g_assert_nonnull (strstr (run->err, "row 2"));
  g_assert_nonnull (strstr (run->err, fixture->path));
}

/* The one study row deleted with a plain SQLite tool is exactly what check is
 * for: it reads the file without needing that row, and reports the removal
 * as a problem found (exit 1), naming the table and row. */
static void
test_check_study_row_removed (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(CliRun) run = NULL;
  g_autofree char *expected = NULL;

  if (!have_cli ())
    return;

  create_study (fixture->path, "Study without a study row");
  trellis_test_sqlite_exec_file (fixture->path, "DELETE FROM study");

  run = run_cli ("check", fixture->path, NULL);
  g_assert_cmpint (run->status, ==, 1);
  g_assert_cmpstr (run->out, ==, "");
  /* Audit row 16: a new study's first fifteen rows record its professions
   * and the Brief Resilience Scale with its items. */
  expected = g_strdup_printf ("trellis-cli: “%s” failed its audit check: row 1 of table study was"
                              " removed outside Trellis (last audited in audit row 16)\n",
                              fixture->path);
  g_assert_cmpstr (run->err, ==, expected);
}

/* info needs the study row, and says in words that it is missing. */
static void
test_info_study_row_removed (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(CliRun) run = NULL;
  g_autofree char *expected = NULL;

  if (!have_cli ())
    return;

  create_study (fixture->path, "Study without a study row");
  trellis_test_sqlite_exec_file (fixture->path, "DELETE FROM study");

  run = run_cli ("info", fixture->path, NULL);
  g_assert_cmpint (run->status, ==, 3);
  g_assert_cmpstr (run->out, ==, "");
  expected = g_strdup_printf ("trellis-cli: “%s” is damaged: its study record is missing\n",
                              fixture->path);
  g_assert_cmpstr (run->err, ==, expected);
}

static void
test_check_missing (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(CliRun) run = NULL;

  if (!have_cli ())
    return;

  run = run_cli ("check", fixture->path, NULL);
  g_assert_cmpint (run->status, ==, 3);
  g_assert_nonnull (strstr (run->err, fixture->path));
}

static void
test_plot_png (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *output = fixture_path (fixture, "plan.png");
  g_autofree char *dark = fixture_path (fixture, "plan-dark.PNG");
  g_autoptr(CliRun) run = NULL;
  g_autoptr(CliRun) dark_run = NULL;

  if (!have_cli ())
    return;

  create_study (fixture->path, "Plotted study");

  run = run_cli ("plot", fixture->path, output, NULL);
  g_assert_cmpint (run->status, ==, 0);
  g_assert_nonnull (strstr (run->out, output));
  trellis_test_assert_file_starts_with (output, "\x89PNG\r\n\x1a\n", 8);

  dark_run = run_cli ("plot", fixture->path, dark, "--dark", "--width", "400", "--height", "300", NULL);
  g_assert_cmpint (dark_run->status, ==, 0);
  trellis_test_assert_file_starts_with (dark, "\x89PNG\r\n\x1a\n", 8);
}

static void
test_plot_svg_pdf (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *svg = fixture_path (fixture, "plan.svg");
  g_autofree char *pdf = fixture_path (fixture, "plan.pdf");
  g_autofree char *contents = NULL;
  g_autoptr(CliRun) svg_run = NULL;
  g_autoptr(CliRun) pdf_run = NULL;

  if (!have_cli ())
    return;

  create_study (fixture->path, "Plotted study");

  svg_run = run_cli ("plot", "--kind", "plan", fixture->path, svg, NULL);
  g_assert_cmpint (svg_run->status, ==, 0);
  contents = trellis_test_read_file (svg, NULL);
  g_assert_nonnull (strstr (contents, "<svg"));

  pdf_run = run_cli ("plot", fixture->path, pdf, NULL);
  g_assert_cmpint (pdf_run->status, ==, 0);
  trellis_test_assert_file_starts_with (pdf, "%PDF-", 5);
}

static void
test_plot_unknown_extension (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *output = fixture_path (fixture, "plan.bmp");
  g_autoptr(CliRun) run = NULL;

  if (!have_cli ())
    return;

  create_study (fixture->path, "Plotted study");

  run = run_cli ("plot", fixture->path, output, NULL);
  g_assert_cmpint (run->status, !=, 0);
  g_assert_nonnull (strstr (run->err, output));
  g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));
}

static void
test_plot_usage (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *output = fixture_path (fixture, "plan.png");
  g_autoptr(CliRun) kind = NULL;
  g_autoptr(CliRun) width = NULL;
  g_autoptr(CliRun) height = NULL;
  g_autoptr(CliRun) missing = NULL;

  if (!have_cli ())
    return;

  create_study (fixture->path, "Plotted study");

  kind = run_cli ("plot", "--kind", "forest", fixture->path, output, NULL);
  g_assert_cmpint (kind->status, ==, 2);
  g_assert_nonnull (strstr (kind->err, "forest"));
  g_assert_nonnull (strstr (kind->err, "plan"));

  width = run_cli ("plot", "--width", "0", fixture->path, output, NULL);
  g_assert_cmpint (width->status, ==, 2);
  g_assert_nonnull (strstr (width->err, "--width"));

  height = run_cli ("plot", "--height", "tall", fixture->path, output, NULL);
  g_assert_cmpint (height->status, ==, 2);

  missing = run_cli ("plot", fixture->path, NULL);
  g_assert_cmpint (missing->status, ==, 2);
  g_assert_nonnull (strstr (missing->err, "OUTPUT"));
  g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));
}

static void
test_plot_missing_study (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *output = fixture_path (fixture, "plan.png");
  g_autoptr(CliRun) run = NULL;

  if (!have_cli ())
    return;

  run = run_cli ("plot", fixture->path, output, NULL);
  g_assert_cmpint (run->status, ==, 3);
  g_assert_nonnull (strstr (run->err, fixture->path));
  g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));
}

static void
test_version (void)
{
  g_autoptr(CliRun) run = NULL;

  if (!have_cli ())
    return;

  run = run_cli ("--version", NULL);
  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->out, ==, "trellis-cli " PACKAGE_VERSION "\n");
}

static void
test_help_lists_commands (void)
{
  static const char *const commands[] = { "init", "info", "check", "plot", "upgrade", "import", "export", "demo",
                                          "cohort", "profession", "participant", "consent", "withdraw", "purge",
                                          "retention", "flow", "settings" };
  g_autoptr(CliRun) run = NULL;

  if (!have_cli ())
    return;

  run = run_cli ("--help", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *line = g_strdup_printf ("^  %s +[A-Z]", commands[i]);

      assert_matches (line, run->out);
    }
}

static void
test_unknown_command (void)
{
  g_autoptr(CliRun) run = NULL;
  g_autoptr(CliRun) none = NULL;

  if (!have_cli ())
    return;

  run = run_cli ("frobnicate", "study.trellis", NULL);
  g_assert_cmpint (run->status, ==, 2);
  g_assert_cmpstr (run->out, ==, "");
  g_assert_nonnull (strstr (run->err, "frobnicate"));

  none = run_cli (NULL, NULL);
  g_assert_cmpint (none->status, ==, 2);
}

/* The build keeps GTK out of the CLI; this catches a dependency that brings
 * it in anyway, since the binary would then name the library it needs. */
static void
test_no_gtk (void)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!have_cli ())
    return;

  contents = trellis_test_read_file (g_getenv ("TRELLIS_CLI"), &length);
  g_assert_false (trellis_test_contains_bytes (contents, length, "libgtk-4"));
  g_assert_false (trellis_test_contains_bytes (contents, length, "libadwaita"));
}

/* A study with two cohorts, each added with its audit row as a store would,
 * closed again so the CLI can claim it. */

int
main (int    argc,
      char **argv)
{
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  ADD_TEST ("/trellis/cli/init/creates", test_init_creates);
  ADD_TEST ("/trellis/cli/init/default-title", test_init_default_title);
  ADD_TEST ("/trellis/cli/init/refuses-existing", test_init_refuses_existing);
  ADD_TEST ("/trellis/cli/init/refuses-sidecar", test_init_refuses_sidecar);
  ADD_TEST ("/trellis/cli/init/private", test_init_private);
  ADD_TEST ("/trellis/cli/init/bad-title", test_init_bad_title);
  ADD_TEST ("/trellis/cli/init/usage", test_init_usage);
  ADD_TEST ("/trellis/cli/info/prints-study", test_info_prints_study);
  ADD_TEST ("/trellis/cli/info/missing", test_info_missing);
  ADD_TEST ("/trellis/cli/info/junk", test_info_junk);
  ADD_TEST ("/trellis/cli/info/refuses-v1", test_info_refuses_v1);
  ADD_TEST ("/trellis/cli/info/read-only-v1", test_read_only_v1);
  ADD_TEST ("/trellis/cli/info/read-only", test_info_read_only);
  ADD_TEST ("/trellis/cli/info/read-while-open", test_read_while_open);
  ADD_TEST ("/trellis/cli/check/ok", test_check_ok);
  ADD_TEST ("/trellis/cli/check/tampered-audit", test_check_tampered_audit);
  ADD_TEST ("/trellis/cli/check/missing", test_check_missing);
  ADD_TEST ("/trellis/cli/check/study-row-removed", test_check_study_row_removed);
  ADD_TEST ("/trellis/cli/info/study-row-removed", test_info_study_row_removed);
  ADD_TEST ("/trellis/cli/check/refuses-v1", test_check_refuses_v1);
  ADD_TEST ("/trellis/cli/upgrade/v1", test_upgrade_v1);
  ADD_TEST ("/trellis/cli/upgrade/current", test_upgrade_current);
  ADD_TEST ("/trellis/cli/upgrade/missing", test_upgrade_missing);
  ADD_TEST ("/trellis/cli/upgrade/locked", test_upgrade_locked);
  ADD_TEST ("/trellis/cli/upgrade/waits-for-transaction", test_upgrade_waits_for_transaction);
  ADD_TEST ("/trellis/cli/plot/png", test_plot_png);
  ADD_TEST ("/trellis/cli/plot/svg-pdf", test_plot_svg_pdf);
  ADD_TEST ("/trellis/cli/plot/unknown-extension", test_plot_unknown_extension);
  ADD_TEST ("/trellis/cli/plot/usage", test_plot_usage);
  ADD_TEST ("/trellis/cli/plot/missing-study", test_plot_missing_study);
  ADD_TEST ("/trellis/cli/plot/refuses-v1", test_plot_refuses_v1);
  g_test_add_func ("/trellis/cli/global/version", test_version);
  g_test_add_data_func ("/trellis/cli/global/help", NULL, cli_test_help);
  g_test_add_func ("/trellis/cli/global/help-lists-commands", test_help_lists_commands);
  g_test_add_func ("/trellis/cli/global/unknown-command", test_unknown_command);
  g_test_add_func ("/trellis/cli/build/no-gtk", test_no_gtk);
  g_test_add_data_func ("/trellis/cli/init/help", "init", cli_test_help);
  g_test_add_data_func ("/trellis/cli/info/help", "info", cli_test_help);
  g_test_add_data_func ("/trellis/cli/check/help", "check", cli_test_help);
  g_test_add_data_func ("/trellis/cli/plot/help", "plot", cli_test_help);
  g_test_add_data_func ("/trellis/cli/upgrade/help", "upgrade", cli_test_help);

  status = g_test_run ();
  return status;
}
