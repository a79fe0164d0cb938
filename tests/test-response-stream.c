/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <locale.h>

#include "response-fixture.h"
#include "trellis-participant-import.h"
#include "trellis-response-import.h"

/* A wide responses file is written while it is read, by a second thread.
 * These files are large enough that the writer has inserted thousands of
 * visits before the reader reaches the row that matters; whatever happens
 * there (a bad value, a visit without its date, a cancel, the writer's own
 * failure), the study is left byte for byte as it was. */

#define N_PARTICIPANTS 2500
#define N_ROWS (4 * N_PARTICIPANTS)

static const char *const dates[] = { "2025-01-06", "2025-01-07", "2025-01-09", "2025-02-10" };

/* Participants B00000 on, beside the fixture's own. */
static void
add_participants (Fixture *fixture)
{
  g_autoptr(GString) csv = g_string_new ("code,cohort,baseline_date\n");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < N_PARTICIPANTS; i++)
    g_string_append_printf (csv, "B%05u,Midwives,2025-01-06\n", i);
  bytes = g_string_free_to_bytes (g_steal_pointer (&csv));
  g_assert_true (trellis_participant_import (fixture->db, "setup.csv", bytes, NULL, NULL, NULL, NULL, NULL,
                                             &error));
  g_assert_no_error (error);
}

/* Every participant at every timepoint, in file order; the row of data
 * line bad (counting from 0) gets bad_value for its BRS2, or no date when
 * bad_value is NULL. */
static GBytes *
wide_file (guint       bad,
           const char *bad_value)
{
  GString *csv = g_string_new ("participant,timepoint,completed_date,BRS_BRS1,BRS_BRS2,CONF_CONF1,KNOW_KNOW1\n");

  for (guint i = 0; i < N_ROWS; i++)
    {
      guint t = i % 4;
      const char *date = i == bad && bad_value == NULL ? "" : dates[t];
      g_autofree char *brs2 = i == bad && bad_value != NULL ? g_strdup (bad_value)
                                                            : g_strdup_printf ("%u", i % 5 + 1);

      g_string_append_printf (csv, "B%05u,T%u,%s,%u,%s,%u,%u\n", i / 4, t + 1, date, (i + 2) % 5 + 1, brs2,
                              i % 11, i % 4 + 1);
    }
  return g_string_free_to_bytes (csv);
}

typedef struct
{
  guint last_done;
  GCancellable *cancel;   /* cancelled at the first report */
} Progress;

static void
on_progress (guint    done,
             guint    total,
             gpointer user_data)
{
  Progress *progress = user_data;

  g_assert_cmpuint (done, >=, progress->last_done);
  g_assert_cmpuint (done, <=, total);
  progress->last_done = done;
  if (progress->cancel != NULL)
    g_cancellable_cancel (progress->cancel);
}

static gboolean
import (Fixture       *fixture,
        GBytes        *bytes,
        Progress      *progress,
        GCancellable  *cancellable,
        GPtrArray    **problems,
        GError       **error)
{
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 1, G_DATE_JUNE, 2025);
  return trellis_response_import (fixture->db, "wide.csv", bytes, TRELLIS_RESPONSE_FORM_AUTO,
                                  g_date_get_julian (&today), on_progress, progress, cancellable, NULL,
                                  problems, error);
}

static void
assert_one_problem (GPtrArray  *problems,
                    guint       line,
                    const char *column,
                    const char *fragment)
{
  const TrellisImportProblem *problem;

  g_assert_nonnull (problems);
  g_assert_cmpuint (problems->len, ==, 1);
  problem = g_ptr_array_index (problems, 0);
  g_assert_cmpuint (problem->line, ==, line);
  g_assert_cmpstr (problem->column, ==, column);
  if (strstr (problem->message, fragment) == NULL)
    g_error ("“%s” does not say “%s”", problem->message, fragment);
}

/* The good file lands whole, and reads back as written. */
static void
test_good (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autoptr(GBytes) bytes = wide_file (G_MAXUINT, NULL);
  g_autoptr(GError) error = NULL;
  Progress progress = { 0 };
  sqlite3 *db;

  add_participants (fixture);
  g_assert_true (import (fixture, bytes, &progress, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (progress.last_done, ==, 2 * N_ROWS);
  db = trellis_test_sqlite_open (fixture->folder.path, SQLITE_OPEN_READONLY);
  g_assert_cmpint (trellis_test_sqlite_int (db, "SELECT count(*) FROM visit"), ==, N_ROWS);
  g_assert_cmpint (trellis_test_sqlite_int (db, "SELECT count(*) FROM answer_sheet"), ==, 3 * N_ROWS);
  /* The answers' CHECK, which the writer leaves out for the text it makes. */
  g_assert_cmpint (trellis_test_sqlite_int (db, "SELECT count(*) FROM answer_sheet WHERE NOT"
                                                " (json_valid (answers) AND json_type (answers) = 'object')"), ==, 0);
  g_assert_cmpint (trellis_test_sqlite_int (db, "SELECT count(*) FROM visit AS v JOIN participant AS p"
                                                " ON p.id = v.participant_id JOIN answer_sheet AS s"
                                                " ON s.visit_id = v.id WHERE p.code = 'B02321'"
                                                " AND v.completed_date = '2025-01-06'"
                                                " AND s.answers = '{\"BRS1\":2,\"BRS2\":5}'"), ==, 1);
  sqlite3_close (db);
  assert_verifies (fixture);
}

/* A bad value near the end, found long after the writer has inserted most
 * of the rows before it. */
static void
test_late_problem (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GBytes) bytes = wide_file (N_ROWS - 10, "six");
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  Progress progress = { 0 };

  add_participants (fixture);
  before = trellis_test_dump_hash (fixture->folder.path);
  g_assert_false (import (fixture, bytes, &progress, NULL, &problems, &error));
  g_assert_error (error, TRELLIS_IMPORT_ERROR, TRELLIS_IMPORT_ERROR_INVALID);
  assert_one_problem (problems, N_ROWS - 10 + 2, "BRS_BRS2", "‘six’ is not a whole number");
  /* Progress counts rows read and rows written: at 8,192 rows read, the
   * writer, at most a few chunks of 256 behind, had written thousands. */
  g_assert_cmpuint (progress.last_done, >, 8192 + 4096);
  after = trellis_test_dump_hash (fixture->folder.path);
  g_assert_cmpstr (before, ==, after);
  assert_verifies (fixture);
}

/* A visit without its date is only a problem once the whole file is read
 * (another row could give it); the writer stops at it all the same. */
static void
test_undated (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(GBytes) bytes = wide_file (6789, NULL);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  Progress progress = { 0 };

  add_participants (fixture);
  before = trellis_test_dump_hash (fixture->folder.path);
  g_assert_false (import (fixture, bytes, &progress, NULL, &problems, &error));
  g_assert_error (error, TRELLIS_IMPORT_ERROR, TRELLIS_IMPORT_ERROR_INVALID);
  assert_one_problem (problems, 6789 + 2, "completed_date", "has no completion date");
  after = trellis_test_dump_hash (fixture->folder.path);
  g_assert_cmpstr (before, ==, after);
  assert_verifies (fixture);
}

/* A cancel while the file is half read and partly written. */
static void
test_cancel (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(GBytes) bytes = wide_file (G_MAXUINT, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  Progress progress = { .cancel = cancellable };

  add_participants (fixture);
  before = trellis_test_dump_hash (fixture->folder.path);
  g_assert_false (import (fixture, bytes, &progress, cancellable, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (progress.last_done, >, 0);
  after = trellis_test_dump_hash (fixture->folder.path);
  g_assert_cmpstr (before, ==, after);
  assert_verifies (fixture);
}

/* The writer's own failure half-way (a trigger on this connection refusing
 * one participant's visits) reaches the caller, and nothing is kept. */
static void
test_writer_fails (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GBytes) bytes = wide_file (G_MAXUINT, NULL);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  Progress progress = { 0 };

  add_participants (fixture);
  g_assert_true (trellis_database_exec (fixture->db,
                                        "CREATE TEMP TRIGGER refuse BEFORE INSERT ON main.visit"
                                        " WHEN NEW.participant_id = (SELECT id FROM participant WHERE code = 'B02000')"
                                        " BEGIN SELECT RAISE (ABORT, 'refused'); END", &error));
  g_assert_no_error (error);
  before = trellis_test_dump_hash (fixture->folder.path);
  g_assert_false (import (fixture, bytes, &progress, NULL, &problems, &error));
  g_assert_nonnull (error);
  g_assert_false (g_error_matches (error, TRELLIS_IMPORT_ERROR, TRELLIS_IMPORT_ERROR_INVALID));
  g_assert_nonnull (strstr (error->message, "refused"));
  g_assert_null (problems);
  after = trellis_test_dump_hash (fixture->folder.path);
  g_assert_cmpstr (before, ==, after);
  assert_verifies (fixture);
}

static void
add_test (const char  *path,
          void       (*func) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  add_test ("/trellis/storage/response-stream/good", test_good);
  add_test ("/trellis/storage/response-stream/late-problem", test_late_problem);
  add_test ("/trellis/storage/response-stream/undated", test_undated);
  add_test ("/trellis/storage/response-stream/cancel", test_cancel);
  add_test ("/trellis/storage/response-stream/writer-fails", test_writer_fails);
  return g_test_run ();
}
