/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <locale.h>

#include "response-fixture.h"
#include "trellis-answer-sheet.h"
#include "trellis-instrument-store.h"
#include "trellis-response-import.h"
#include "trellis-response-import-private.h"
#include "trellis-study-transfer.h"
#include "trellis-visit-store.h"

/* The response import on real study files: good files in both forms land
 * whole, scored and audited; the bad-CSV corpus in tests/data/responses, one
 * file per problem class, is refused with a message naming the file, line,
 * column and value, and leaves the study exactly as it was. */

static guint32
julian (const char *text)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_parse (&date, text);
  g_assert_true (g_date_valid (&date));
  return g_date_get_julian (&date);
}

static GBytes *
corpus_bytes (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "responses", name, NULL);

  return trellis_test_read_bytes (path);
}

static gboolean
import_file (Fixture                      *fixture,
             const char                   *name,
             TrellisResponseForm           form,
             TrellisResponseImportResult  *result,
             GPtrArray                   **problems,
             GError                      **error)
{
  g_autoptr(GBytes) bytes = corpus_bytes (name);

  return trellis_response_import (fixture->db, name, bytes, form, julian ("2025-06-01"), NULL, NULL, NULL,
                                  result, problems, error);
}

static void
import_good (Fixture    *fixture,
             const char *name)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (import_file (fixture, name, TRELLIS_RESPONSE_FORM_AUTO, NULL, NULL, &error));
  g_assert_no_error (error);
}

static const char expected_sheets[] =
  "P001 T1 2025-01-06 BRS {\"BRS1\":4,\"BRS2\":2,\"BRS3\":5,\"BRS4\":1,\"BRS5\":4,\"BRS6\":2} 6 4.33333333333333 1\n"
  "P001 T1 2025-01-06 CONF {\"CONF1\":7,\"CONF2\":6,\"CONF3\":8,\"CONF4\":5} 4 6.5 1\n"
  "P001 T1 2025-01-06 KNOW {\"KNOW1\":1,\"KNOW2\":3,\"KNOW3\":3,\"KNOW4\":4} 4 3.0 1\n"
  "P001 T2 2025-01-07 BRS {\"BRS1\":5,\"BRS2\":1,\"BRS3\":5,\"BRS4\":2,\"BRS5\":4} 5 4.6 1\n"
  "P002 T1 2025-01-06 BRS {\"BRS1\":3} 1 NULL 1\n"
  "P002 T1 2025-01-06 CONF {\"CONF1\":3,\"CONF2\":2,\"CONF3\":10,\"CONF4\":0,\"CONF5\":1,\"CONF6\":4} 6 3.33333333333333 1\n";

static void
test_long (Fixture       *fixture,
           gconstpointer  user_data)
{
  TrellisResponseImportResult result;
  g_autoptr(GError) error = NULL;
  g_autofree char *sheets = NULL;

  g_assert_true (import_file (fixture, "good-long.csv", TRELLIS_RESPONSE_FORM_AUTO, &result, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (result.form, ==, TRELLIS_RESPONSE_FORM_LONG);
  g_assert_cmpuint (result.n_rows, ==, 26);
  g_assert_cmpuint (result.n_visits, ==, 3);
  g_assert_cmpuint (result.n_sheets, ==, 6);
  sheets = response_fixture_sheets (fixture->db);
  g_assert_cmpstr (sheets, ==, expected_sheets);
  assert_verifies (fixture);
}

/* The same answers as a wide file, with a bare item code and the score
 * columns the export writes, give the same sheets. */
static void
test_wide (Fixture       *fixture,
           gconstpointer  user_data)
{
  TrellisResponseImportResult result;
  g_autoptr(GError) error = NULL;
  g_autofree char *sheets = NULL;

  g_assert_true (import_file (fixture, "good-wide.csv", TRELLIS_RESPONSE_FORM_AUTO, &result, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (result.form, ==, TRELLIS_RESPONSE_FORM_WIDE);
  g_assert_cmpuint (result.n_rows, ==, 3);
  g_assert_cmpuint (result.n_visits, ==, 3);
  g_assert_cmpuint (result.n_sheets, ==, 6);
  sheets = response_fixture_sheets (fixture->db);
  g_assert_cmpstr (sheets, ==, expected_sheets);
  assert_verifies (fixture);
}

/* Scores in place of items: a sheet with no answers, the given score and
 * the given-score rule version, beside sheets of items in the same file. */
static const char expected_scores[] =
  "P003 T1 2025-01-06 BRS {} 0 3.5 0\n"
  "P003 T1 2025-01-06 CONF {} 0 6.25 0\n"
  "P003 T2 2025-01-08 CONF {\"CONF1\":4,\"CONF2\":5,\"CONF3\":6,\"CONF4\":7} 4 5.5 1\n"
  "P003 T2 2025-01-08 KNOW {} 0 3.0 0\n";

static void
test_scores (Fixture       *fixture,
             gconstpointer  user_data)
{
  const char *name = user_data;
  TrellisResponseImportResult result;
  g_autoptr(GError) error = NULL;
  g_autofree char *sheets = NULL;

  g_assert_true (import_file (fixture, name, TRELLIS_RESPONSE_FORM_AUTO, &result, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.n_visits, ==, 2);
  g_assert_cmpuint (result.n_sheets, ==, 4);
  sheets = response_fixture_sheets (fixture->db);
  g_assert_cmpstr (sheets, ==, expected_scores);
  assert_verifies (fixture);
}

static TrellisInstrument *
find_instrument (Fixture    *fixture,
                 const char *code)
{
  g_autoptr(GPtrArray) instruments = trellis_instrument_store_load (fixture->db, NULL);

  for (guint i = 0; i < instruments->len; i++)
    if (g_strcmp0 (trellis_instrument_get_code (instruments->pdata[i]), code) == 0)
      return g_object_ref (instruments->pdata[i]);
  g_assert_not_reached ();
}

/* A rescore, and a change of rule, leave a given score as it was: there
 * are no answers to compute it from. The sheet of items is rescored. */
static void
test_scores_rescore (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(TrellisInstrument) conf = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sheets = NULL;
  TrellisScoringRule rule;
  guint n_rescored = 0;

  import_good (fixture, "good-scores-long.csv");
  conf = find_instrument (fixture, "CONF");
  g_assert_true (trellis_instrument_store_rescore (fixture->db, conf, "test", &n_rescored, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_rescored, ==, 1);
  trellis_instrument_get_rule (conf, &rule);
  rule.method = TRELLIS_SCORING_SUM;
  trellis_instrument_set_rule (conf, &rule);
  g_assert_true (trellis_instrument_store_update (fixture->db, conf, &n_rescored, &error));
  g_assert_no_error (error);
  sheets = response_fixture_sheets (fixture->db);
  g_assert_cmpstr (sheets, ==,
                   "P003 T1 2025-01-06 BRS {} 0 3.5 0\n"
                   "P003 T1 2025-01-06 CONF {} 0 6.25 0\n"
                   "P003 T2 2025-01-08 CONF {\"CONF1\":4,\"CONF2\":5,\"CONF3\":6,\"CONF4\":7} 4 33.0 2\n"
                   "P003 T2 2025-01-08 KNOW {} 0 3.0 0\n");
  assert_verifies (fixture);
}

/* The form shows a given score, and saving the form without items for it
 * keeps it. */
static void
test_scores_form (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GPtrArray) instruments = NULL;
  g_autoptr(TrellisVisitAnswers) answers = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sheets = NULL;
  gint64 participant = trellis_study_lookup_participant (fixture->study, "P003", NULL);
  gint64 timepoint = trellis_test_sqlite_int (trellis_database_get_handle (fixture->db),
                                              "SELECT id FROM timepoint_def WHERE code = 'T1'");
  double score = 0;

  import_good (fixture, "good-scores-long.csv");
  instruments = trellis_instrument_store_load (fixture->db, &error);
  answers = trellis_visit_store_load (fixture->db, instruments, participant, timepoint, &error);
  g_assert_no_error (error);
  g_assert_true (trellis_visit_answers_get_given (answers, "CONF", &score));
  g_assert_cmpfloat (score, ==, 6.25);
  g_assert_false (trellis_visit_answers_get_given (answers, "KNOW", NULL));
  g_assert_true (trellis_visit_store_save (fixture->db, instruments, answers, julian ("2025-06-01"), &error));
  g_assert_no_error (error);
  sheets = response_fixture_sheets (fixture->db);
  g_assert_cmpstr (sheets, ==, expected_scores);
}

static void
test_bom_crlf (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autofree char *sheets = NULL;

  import_good (fixture, "bom-crlf.csv");
  sheets = response_fixture_sheets (fixture->db);
  g_assert_cmpstr (sheets, ==, "P001 T1 2025-01-06 BRS {\"BRS1\":4,\"BRS2\":2} 2 NULL 1\n");
}

/* The bulk audit rows the writer makes as it inserts are the ones SQLite
 * makes of the rows, digests and all, byte for byte. */
static void
test_audit_text (Fixture       *fixture,
                 gconstpointer  user_data)
{
  sqlite3 *handle;
  g_autofree char *ours = NULL;
  g_autofree char *theirs = NULL;

  import_good (fixture, "good-long.csv");
  handle = trellis_database_get_handle (fixture->db);
  ours = trellis_test_sqlite_text (handle, "SELECT new_value FROM audit WHERE table_name = 'answer_sheet'"
                                           " AND row_key = 'bulk' AND action = 'import'");
  theirs = trellis_test_sqlite_text (handle,
      "SELECT json_group_object (id, trellis_audit_digest (json_object ('visit_id', visit_id,"
      " 'instrument_id', instrument_id, 'answers', json (answers), 'answered', answered, 'score', score,"
      " 'rule_version', rule_version))) FROM answer_sheet");
  g_assert_cmpstr (ours, ==, theirs);
  g_free (ours);
  g_free (theirs);
  ours = trellis_test_sqlite_text (handle, "SELECT new_value FROM audit WHERE table_name = 'visit'"
                                           " AND row_key = 'bulk' AND action = 'import'");
  theirs = trellis_test_sqlite_text (handle,
      "SELECT json_group_object (id, trellis_audit_digest (json_object ('participant_id', participant_id,"
      " 'timepoint_id', timepoint_id, 'completed_date', completed_date, 'missed', missed))) FROM visit");
  g_assert_cmpstr (ours, ==, theirs);
}

/* The writer's answers are the text the form's store writes. */
static void
test_render (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(TrellisInstrument) brs = trellis_instrument_new_brief_resilience_scale ();
  const int values[] = { 1, TRELLIS_ITEM_UNANSWERED, 5, 2, TRELLIS_ITEM_UNANSWERED, 3 };
  g_autoptr(GString) mine = g_string_new (NULL);
  g_autofree char *theirs = trellis_answer_sheet_render (brs, values);

  trellis_response_render_answers (mine, brs, values);
  g_assert_cmpstr (mine->str, ==, theirs);
}

/* A form that says long reads a wide file as long, and says what is missing. */
static void
test_form_forced (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  const TrellisImportProblem *first;

  g_assert_false (import_file (fixture, "good-wide.csv", TRELLIS_RESPONSE_FORM_LONG, NULL, &problems, &error));
  g_assert_error (error, TRELLIS_IMPORT_ERROR, TRELLIS_IMPORT_ERROR_INVALID);
  first = g_ptr_array_index (problems, 0);
  g_assert_cmpstr (first->column, ==, "BRS_BRS1");
  g_assert_nonnull (strstr (first->message, "not a column of a long responses file"));
}

typedef struct
{
  const char *file;
  const char *setup;       /* a good file imported first, or NULL */
  guint line;
  const char *column;      /* NULL for a problem with the whole row or file */
  const char *value;
  const char *fragment;
} BadCase;

static const BadCase bad_cases[] = {
  { "unknown-participant.csv", NULL, 3, "participant", "P999", "‘P999’ is not a participant in this study" },
  { "unknown-timepoint.csv", NULL, 2, "timepoint", "T9", "its timepoints: T1, T2, T3, T4" },
  { "unknown-instrument.csv", NULL, 2, "instrument", "XYZ", "its instruments: BRS, CONF, KNOW" },
  { "unknown-item.csv", NULL, 2, "item", "BRS9", "‘BRS9’ is not an item of BRS" },
  { "off-scale.csv", NULL, 3, "value", "7", "‘7’ is off the scale for BRS3 (1–5)" },
  { "not-integer.csv", NULL, 2, "value", "3.5", "‘3.5’ is not a whole number" },
  { "duplicate-in-file.csv", NULL, 4, "item", "BRS1", "BRS1 of P001 at T1 is also on line 2" },
  { "duplicate-on-file.csv", "good-long.csv", 2, "timepoint", "T1", "T1 of P001 is already on file (completed 2025-01-06)" },
  { "date-order.csv", NULL, 3, "completed_date", "2025-01-10", "T2 cannot be completed on 2025-01-10, before T1" },
  { "date-order-on-file.csv", "good-long.csv", 2, "completed_date", "2025-01-05", "T3 cannot be completed on 2025-01-05, before T2 (2025-01-07)" },
  { "impossible-date.csv", NULL, 2, "completed_date", "2025-02-30", "2025-02-30" },
  { "future-date.csv", NULL, 2, "completed_date", "2099-01-01", "is in the future (today is 2025-06-01)" },
  { "no-date.csv", NULL, 2, "completed_date", "", "T1 of P001 has no completion date" },
  { "conflicting-date.csv", NULL, 3, "completed_date", "2025-01-08", "was completed on 2025-01-06, as line 2 says" },
  { "missing-column.csv", NULL, 1, NULL, NULL, "the header has no ‘value’ column" },
  { "ragged.csv", NULL, 3, NULL, NULL, "the row has 7 fields, but the header has 6 columns" },
  { "withdrawn.csv", NULL, 2, "participant", "P004", "P004 withdrew on 2025-01-20" },
  { "wide-duplicate-row.csv", NULL, 3, "timepoint", "T1", "T1 of P001 is also on line 2" },
  { "wide-unknown-column.csv", NULL, 1, "BRS_BRS9", "BRS_BRS9", "‘BRS_BRS9’ is not a column that can be imported" },
  { "wide-not-integer.csv", NULL, 2, "BRS_BRS2", "six", "‘six’ is not a whole number" },
  { "bad-quote.csv", NULL, 2, NULL, NULL, "bad-quote.csv line 2, column 32: text after the closing quote" },
  { "empty.csv", NULL, 1, NULL, NULL, "the file is empty" },
  { "header-only.csv", NULL, 1, NULL, NULL, "the file has a header but no responses below it" },
  { "scores-off-range.csv", NULL, 2, "value", "5.5", "‘5.5’ is outside the possible range of the BRS score (1–5)" },
  { "scores-not-number.csv", NULL, 2, "value", "3,5", "‘3,5’ is not a score (the BRS score is a number from 1 to 5)" },
  { "scores-no-value.csv", NULL, 2, "value", "", "a row with an empty item gives the KNOW score in its value" },
  { "scores-mixed.csv", NULL, 3, "value", "3.5", "BRS of P001 at T1 has a score (line 3) and items (line 2)" },
  { "wide-scores-mixed.csv", NULL, 2, "BRS", "3.5", "BRS of P001 at T1 has a score (line 2) and items (line 2)" },
  { "wide-score-twice.csv", NULL, 1, "BRS_score", "BRS_score", "is the BRS score again (column 4 is too)" },
};

/* Each bad file is refused whole: its problem is listed with the file,
 * line, column and value, and the study is byte for byte as before. */
static void
test_bad (Fixture       *fixture,
          gconstpointer  user_data)
{
  const BadCase *bad = user_data;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *place = NULL;
  const TrellisImportProblem *problem;

  if (bad->setup != NULL)
    import_good (fixture, bad->setup);
  before = trellis_test_dump_hash (fixture->folder.path);
  g_assert_false (import_file (fixture, bad->file, TRELLIS_RESPONSE_FORM_AUTO, NULL, &problems, &error));
  g_assert_error (error, TRELLIS_IMPORT_ERROR, TRELLIS_IMPORT_ERROR_INVALID);
  g_assert_nonnull (problems);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("%s", ((TrellisImportProblem *) problems->pdata[i])->message);
  g_assert_cmpuint (problems->len, ==, 1);
  problem = g_ptr_array_index (problems, 0);
  g_assert_cmpuint (problem->line, ==, bad->line);
  g_assert_cmpstr (problem->column, ==, bad->column);
  g_assert_cmpstr (problem->value, ==, bad->value);
  if (bad->column != NULL)
    place = g_strdup_printf ("%s line %u, column ‘%s’: ", bad->file, bad->line, bad->column);
  else
    place = g_strdup_printf ("%s line %u", bad->file, bad->line);
  if (!g_str_has_prefix (problem->message, place) || strstr (problem->message, bad->fragment) == NULL)
    g_error ("“%s” does not start with “%s” and say “%s”", problem->message, place, bad->fragment);
  after = trellis_test_dump_hash (fixture->folder.path);
  g_assert_cmpstr (before, ==, after);
}

/* Past the first hundred, problems are counted, not listed. */
static void
test_many_problems (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GString) text = g_string_new ("participant,timepoint,completed_date,instrument,item,value\n");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  const TrellisImportProblem *last;

  for (guint i = 0; i < 250; i++)
    g_string_append_printf (text, "X%u,T1,2025-01-06,BRS,BRS1,4\n", i);
  bytes = g_bytes_new (text->str, text->len);
  g_assert_false (trellis_response_import (fixture->db, "many.csv", bytes, TRELLIS_RESPONSE_FORM_AUTO, 0, NULL,
                                           NULL, NULL, NULL, &problems, &error));
  g_assert_error (error, TRELLIS_IMPORT_ERROR, TRELLIS_IMPORT_ERROR_INVALID);
  g_assert_cmpuint (problems->len, ==, TRELLIS_IMPORT_MAX_PROBLEMS + 1);
  last = g_ptr_array_index (problems, problems->len - 1);
  g_assert_cmpstr (last->message, ==, "and 150 more problems");
}

typedef struct
{
  GMainLoop *loop;
  GAsyncResult *result;
  guint reports;
  guint last_done;
  guint last_total;
} Waiter;

static void
on_progress (guint    done,
             guint    total,
             gpointer user_data)
{
  Waiter *waiter = user_data;

  g_assert_cmpuint (done, <=, total);
  waiter->reports++;
  waiter->last_done = done;
  waiter->last_total = total;
}

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Waiter *waiter = user_data;

  waiter->result = g_object_ref (result);
  g_main_loop_quit (waiter->loop);
}

static void
run_async (Fixture      *fixture,
           const char   *name,
           GCancellable *cancellable,
           Waiter       *waiter)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "responses", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  waiter->loop = g_main_loop_new (NULL, FALSE);
  trellis_study_import_responses_async (fixture->study, file, TRELLIS_RESPONSE_FORM_AUTO, on_progress, waiter,
                                        cancellable, on_done, waiter);
  g_main_loop_run (waiter->loop);
  g_main_loop_unref (waiter->loop);
}

/* The GUI's way in: a worker thread, progress in the caller's context, and
 * schedule-changed once the answers are saved. */
static void
test_async (Fixture       *fixture,
            gconstpointer  user_data)
{
  Waiter waiter = { 0 };
  TrellisResponseImportResult result;
  g_autoptr(GError) error = NULL;
  g_autofree char *sheets = NULL;

  run_async (fixture, "good-long.csv", NULL, &waiter);
  g_assert_true (trellis_study_import_responses_finish (fixture->study, waiter.result, &result, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.n_sheets, ==, 6);
  g_assert_cmpuint (waiter.reports, >, 0);
  /* The bar ends full: every row read and written. */
  g_assert_cmpuint (waiter.last_total, ==, 2 * 26);
  g_assert_cmpuint (waiter.last_done, ==, waiter.last_total);
  sheets = response_fixture_sheets (fixture->db);
  g_assert_cmpstr (sheets, ==, expected_sheets);
  g_object_unref (waiter.result);
}

/* A cancel before the commit leaves the study as it was. */
static void
test_async_cancelled (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *before = trellis_test_dump_hash (fixture->folder.path);
  g_autofree char *after = NULL;
  Waiter waiter = { 0 };
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  run_async (fixture, "good-long.csv", cancellable, &waiter);
  g_assert_false (trellis_study_import_responses_finish (fixture->study, waiter.result, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  after = trellis_test_dump_hash (fixture->folder.path);
  g_assert_cmpstr (before, ==, after);
  g_object_unref (waiter.result);
}

static void
test_async_problems (Fixture       *fixture,
                     gconstpointer  user_data)
{
  Waiter waiter = { 0 };
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  run_async (fixture, "off-scale.csv", NULL, &waiter);
  g_assert_false (trellis_study_import_responses_finish (fixture->study, waiter.result, NULL, &problems, &error));
  g_assert_error (error, TRELLIS_IMPORT_ERROR, TRELLIS_IMPORT_ERROR_INVALID);
  g_assert_cmpuint (problems->len, ==, 1);
  g_object_unref (waiter.result);
}

/* What a preview says before the import reads the file: any of the long
 * form's own columns makes it long. */
static void
test_form_for_header (void)
{
  static const char *const long_header[] = { "participant", "timepoint", "completed_date", "Instrument", "item",
                                             "value" };
  static const char *const wide_header[] = { "participant", "timepoint", "completed_date", "BRS_BRS1" };
  g_autoptr(GPtrArray) header = g_ptr_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (long_header); i++)
    g_ptr_array_add (header, (gpointer) long_header[i]);
  g_assert_cmpint (trellis_response_form_for_header (header), ==, TRELLIS_RESPONSE_FORM_LONG);
  g_ptr_array_set_size (header, 0);
  for (guint i = 0; i < G_N_ELEMENTS (wide_header); i++)
    g_ptr_array_add (header, (gpointer) wide_header[i]);
  g_assert_cmpint (trellis_response_form_for_header (header), ==, TRELLIS_RESPONSE_FORM_WIDE);
}

static void
add_test (const char    *path,
          gconstpointer  data,
          void         (*func) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  add_test ("/trellis/storage/response-import/long", NULL, test_long);
  g_test_add_func ("/trellis/storage/response-import/form-for-header", test_form_for_header);
  add_test ("/trellis/storage/response-import/wide", NULL, test_wide);
  add_test ("/trellis/storage/response-import/bom-crlf", NULL, test_bom_crlf);
  add_test ("/trellis/storage/response-import/scores-long", "good-scores-long.csv", test_scores);
  add_test ("/trellis/storage/response-import/scores-wide", "good-scores-wide.csv", test_scores);
  add_test ("/trellis/storage/response-import/scores-rescore", NULL, test_scores_rescore);
  add_test ("/trellis/storage/response-import/scores-form", NULL, test_scores_form);
  add_test ("/trellis/storage/response-import/render", NULL, test_render);
  add_test ("/trellis/storage/response-import/audit-text", NULL, test_audit_text);
  add_test ("/trellis/storage/response-import/form-forced", NULL, test_form_forced);
  add_test ("/trellis/storage/response-import/many-problems", NULL, test_many_problems);
  add_test ("/trellis/storage/response-import/async", NULL, test_async);
  add_test ("/trellis/storage/response-import/async-cancelled", NULL, test_async_cancelled);
  add_test ("/trellis/storage/response-import/async-problems", NULL, test_async_problems);
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *name = g_strndup (bad_cases[i].file, strlen (bad_cases[i].file) - strlen (".csv"));
      g_autofree char *path = g_strdup_printf ("/trellis/storage/response-import/bad/%s", name);

      add_test (path, &bad_cases[i], test_bad);
    }
  return g_test_run ();
}
