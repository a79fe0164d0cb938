/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "register-fixture.h"
#include "trellis-study-transfer.h"

/* Participant import and export through TrellisStudy's async operations:
 * results, problems, progress on the caller's thread, register-changed after
 * a saved import, and a cancel that leaves the study as it was. */

typedef struct
{
  GAsyncResult *result;
  GThread *progress_thread;
  guint n_progress;
  guint last_done;
  guint last_total;
} Wait;

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
}

static void
on_progress (guint    done,
             guint    total,
             gpointer user_data)
{
  Wait *wait = user_data;

  g_assert_null (wait->result);
  g_assert_cmpuint (done, <=, total);
  wait->progress_thread = g_thread_self ();
  wait->n_progress++;
  wait->last_done = done;
  wait->last_total = total;
}

static void
wait_for (Wait *wait)
{
  while (wait->result == NULL)
    g_main_context_iteration (NULL, TRUE);
}

static GFile *
write_csv (Fixture    *fixture,
           const char *name,
           const char *text)
{
  g_autofree char *path = g_build_filename (fixture->folder.dir, name, NULL);

  trellis_test_write_file (path, text, -1);
  return g_file_new_for_path (path);
}

static gboolean
import (Fixture    *fixture,
        GFile      *file,
        Wait       *wait,
        guint      *n,
        GPtrArray **problems,
        GError    **error)
{
  gboolean ok;

  trellis_study_import_participants_async (fixture->study, file, on_progress, wait, NULL, on_done, wait);
  wait_for (wait);
  ok = trellis_study_import_participants_finish (fixture->study, wait->result, n, problems, error);
  g_clear_object (&wait->result);
  return ok;
}

static void
test_import (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  Wait wait = { 0 };
  guint n = 0;

  add_cohort (fixture, "Midwives A");
  fixture->changes = 0;
  file = write_csv (fixture, "good.csv", "code,cohort,name\nP001,Midwives A,Ann\nP002,midwives a,\n");
  g_assert_true (import (fixture, file, &wait, &n, &problems, &error));
  g_assert_no_error (error);
  g_assert_null (problems);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (fixture->changes, ==, 1);
  /* Progress comes on this thread, and its last report is the whole file. */
  g_assert_true (wait.progress_thread == g_thread_self ());
  g_assert_cmpuint (wait.last_done, ==, 2);
  g_assert_cmpuint (wait.last_total, ==, 2);
  g_assert_cmpint (sql_int (fixture, "SELECT count(*) FROM participant"), ==, 2);
  assert_verifies (fixture);
}

static void
test_import_problems (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const TrellisImportProblem *first;
  Wait wait = { 0 };
  guint n = 7;

  add_cohort (fixture, "Midwives A");
  fixture->changes = 0;
  before = dump_study (fixture);
  file = write_csv (fixture, "bad.csv", "code,cohort,baseline_date\nP001,Nurses,2024-02-30\nP001,Midwives A,\n");
  g_assert_false (import (fixture, file, &wait, &n, &problems, &error));
  g_assert_error (error, TRELLIS_IMPORT_ERROR, TRELLIS_IMPORT_ERROR_INVALID);
  g_assert_cmpuint (n, ==, 0);
  g_assert_nonnull (problems);
  g_assert_cmpuint (problems->len, ==, 3);
  first = g_ptr_array_index (problems, 0);
  g_assert_cmpuint (first->line, ==, 2);
  g_assert_cmpstr (first->column, ==, "cohort");
  g_assert_cmpstr (first->value, ==, "Nurses");
  g_assert_true (g_str_has_prefix (first->message, "bad.csv line 2, column ‘cohort’"));
  g_assert_cmpuint (fixture->changes, ==, 0);
  after = dump_study (fixture);
  g_assert_cmpstr (before, ==, after);
}

static void
test_import_missing_file (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->folder.dir, "nowhere.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  Wait wait = { 0 };

  g_assert_false (import (fixture, file, &wait, NULL, &problems, &error));
  assert_message (error, "Could not read “nowhere.csv”");
  g_assert_null (problems);
}

/* A cancel before the commit rolls the whole import back. */
static void
test_import_cancelled (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GString) csv = g_string_new ("code,cohort\n");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  Wait wait = { 0 };

  add_cohort (fixture, "Midwives A");
  for (guint i = 1; i <= 20000; i++)
    g_string_append_printf (csv, "P%05u,Midwives A\n", i);
  file = write_csv (fixture, "large.csv", csv->str);
  before = dump_study (fixture);
  fixture->changes = 0;
  trellis_study_import_participants_async (fixture->study, file, on_progress, &wait, cancellable, on_done, &wait);
  g_cancellable_cancel (cancellable);
  wait_for (&wait);
  g_assert_false (trellis_study_import_participants_finish (fixture->study, wait.result, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_object (&wait.result);
  g_assert_cmpuint (fixture->changes, ==, 0);
  after = dump_study (fixture);
  g_assert_cmpstr (before, ==, after);
}

static gboolean
export (Fixture   *fixture,
        GFile     *file,
        gboolean   identifiable,
        guint     *n,
        GError   **error)
{
  Wait wait = { 0 };
  gboolean ok;

  trellis_study_export_participants_async (fixture->study, file, identifiable, NULL, on_done, &wait);
  wait_for (&wait);
  ok = trellis_study_export_participants_finish (fixture->study, wait.result, n, error);
  g_clear_object (&wait.result);
  return ok;
}

static void
test_export (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->folder.dir, "out.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 audit_before;
  guint n = 0;

  add_participant (fixture, "P001", add_cohort (fixture, "Midwives A"), "2024-03-01");
  g_assert_true (trellis_study_set_participant_contact (fixture->study, 1, "Ann Smith", NULL, NULL, NULL, &error));
  audit_before = sql_int (fixture, "SELECT count(*) FROM audit");

  g_assert_true (export (fixture, file, FALSE, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  text = trellis_test_read_file (path, NULL);
  g_assert_nonnull (strstr (text, "P001"));
  g_assert_null (strstr (text, "Ann Smith"));
  g_assert_cmpint (sql_int (fixture, "SELECT count(*) FROM audit"), ==, audit_before);

  g_assert_true (export (fixture, file, TRUE, &n, &error));
  g_clear_pointer (&text, g_free);
  text = trellis_test_read_file (path, NULL);
  g_assert_nonnull (strstr (text, "Ann Smith"));
  g_assert_cmpint (sql_int (fixture, "SELECT count(*) FROM audit WHERE action = 'export-identifiable'"), ==, 1);
  assert_verifies (fixture);
}

/* The preview names the columns as the import maps them. */
static void
test_field_for_column (void)
{
  g_assert_cmpstr (trellis_participant_import_field_for_column ("code"), ==, "code");
  g_assert_cmpstr (trellis_participant_import_field_for_column (" Baseline Date "), ==, "baseline_date");
  g_assert_cmpstr (trellis_participant_import_field_for_column ("E-mail"), ==, "email");
  g_assert_null (trellis_participant_import_field_for_column ("shoe_size"));
  g_assert_null (trellis_participant_import_field_for_column (""));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/trellis/storage/study-transfer/import", Fixture, NULL,
              fixture_set_up, test_import, fixture_tear_down);
  g_test_add ("/trellis/storage/study-transfer/import-problems", Fixture, NULL,
              fixture_set_up, test_import_problems, fixture_tear_down);
  g_test_add ("/trellis/storage/study-transfer/import-missing-file", Fixture, NULL,
              fixture_set_up, test_import_missing_file, fixture_tear_down);
  g_test_add ("/trellis/storage/study-transfer/import-cancelled", Fixture, NULL,
              fixture_set_up, test_import_cancelled, fixture_tear_down);
  g_test_add ("/trellis/storage/study-transfer/export", Fixture, NULL,
              fixture_set_up, test_export, fixture_tear_down);

  g_test_add_func ("/trellis/storage/study-transfer/field-for-column", test_field_for_column);

  return g_test_run ();
}
