/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <locale.h>
#include <string.h>

#include "trellis-audit.h"
#include "trellis-audit-coverage.h"
#include "trellis-database-private.h"
#include "trellis-participant-import.h"
#include "trellis-storage-error.h"
#include "trellis-test-utils.h"

/* The participant import on real study files: the bad-CSV corpus in
 * tests/data/import, one file per problem class, each refused with a message
 * naming the file, line, column and value, and leaving the study exactly as
 * it was; the good files land whole, audited. */

typedef struct
{
  TrellisTestFolder folder;
  TrellisDatabase *db;
} Fixture;

/* Cohorts are written here with the same audit calls a store makes, so the
 * study passes its audit check without depending on the cohort store. */
static void
add_cohort (TrellisDatabase *db,
            const char      *name,
            gboolean         archived)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;

  g_assert_true (trellis_database_begin_write (db, &error));
  stmt = trellis_database_prepare (db, "INSERT INTO cohort (name, profession_id, site, archived)"
                                       " VALUES (?1, 1, 'North', ?2)", &error);
  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, archived);
  g_assert_true (trellis_database_step_done (db, stmt, &error));
  g_assert_true (trellis_audit_append_change (db, "insert", "cohort",
                                              sqlite3_last_insert_rowid (trellis_database_get_handle (db)),
                                              NULL, NULL, &error));
  g_assert_true (trellis_database_commit (db, &error));
  g_assert_no_error (error);
}

static GBytes *
corpus_bytes (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "import", name, NULL);

  return trellis_test_read_bytes (path);
}

static void
import_text (TrellisDatabase *db,
             const char      *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  guint n = 0;

  g_assert_true (trellis_participant_import (db, "setup.csv", bytes, NULL, NULL, NULL, &n, NULL, &error));
  g_assert_no_error (error);
}

/* Every study has two open cohorts, an archived one, and participant P001. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  trellis_test_folder_set_up (&fixture->folder, data);
  fixture->db = trellis_database_create (fixture->folder.path, "Import test", &error);
  g_assert_no_error (error);
  add_cohort (fixture->db, "Midwives A", FALSE);
  add_cohort (fixture->db, "Paramedics", FALSE);
  add_cohort (fixture->db, "Old cohort", TRUE);
  import_text (fixture->db, "code,cohort\nP001,Paramedics\n");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->db);
  trellis_test_folder_tear_down (&fixture->folder, data);
}

static gint64
count (Fixture    *fixture,
       const char *sql)
{
  sqlite3 *db = trellis_test_sqlite_open (fixture->folder.path, SQLITE_OPEN_READONLY);
  gint64 value = trellis_test_sqlite_int (db, sql);

  sqlite3_close (db);
  return value;
}

static char *
text (Fixture    *fixture,
      const char *sql)
{
  sqlite3 *db = trellis_test_sqlite_open (fixture->folder.path, SQLITE_OPEN_READONLY);
  char *value = trellis_test_sqlite_text (db, sql);

  sqlite3_close (db);
  return value;
}

static void
assert_audit_verifies (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (trellis_audit_verify (fixture->db, &error));
  g_assert_no_error (error);
}

/* One file of the corpus, and what its first problem must say. */
typedef struct
{
  const char *file;
  guint line;
  const char *column;   /* NULL: the problem is not about one cell */
  const char *value;
  const char *fragment; /* in the message */
  guint n_problems;
} BadCase;

static const BadCase bad_cases[] = {
  { "duplicate-in-file.csv", 4, "code", "p010 ", "‘P010’ is also the code on line 2", 1 },
  { "duplicate-in-study.csv", 2, "code", "P001", "‘P001’ is already the code of a participant", 1 },
  { "unknown-cohort.csv", 3, "cohort", "Nurses", "‘Nurses’ is not a cohort in this study (its cohorts: Midwives A, Paramedics)", 1 },
  { "archived-cohort.csv", 2, "cohort", "old cohort", "‘Old cohort’ is archived", 1 },
  { "impossible-date.csv", 2, "baseline_date", "2024-02-30", "‘2024-02-30’ is not a date", 1 },
  { "out-of-range-date.csv", 2, "baseline_date", "1899-12-31", "‘1899-12-31’ is not a date in range", 1 },
  { "bad-code.csv", 2, "code", "P 01", "‘P 01’ is not a valid study code", 1 },
  { "missing-required-column.csv", 1, NULL, NULL, "the header has no ‘cohort’ column", 1 },
  { "unknown-column.csv", 1, "shoe_size", "shoe_size", "‘shoe_size’ is not a column that can be imported", 1 },
  { "ragged-row.csv", 3, NULL, NULL, "line 3: the row has 4 fields, but the header has 3 columns", 1 },
  { "invalid-utf8.csv", 2, NULL, NULL, "line 2: invalid UTF-8 at byte 37 (0xE9)", 1 },
  { "embedded-nul.csv", 2, NULL, NULL, "line 2, column 20: a NUL byte at byte 37", 1 },
  { "oversize-field.csv", 2, NULL, NULL, "line 2, column 17: a field longer than 65536 bytes", 1 },
  { "unterminated-quote.csv", 3, NULL, NULL, "line 3, column 6: the quoted field that starts here is not closed", 1 },
  { "empty.csv", 1, NULL, NULL, "line 1: the file is empty", 1 },
  { "header-only.csv", 1, NULL, NULL, "line 1: the file has a header but no participants", 1 },
  /* Contact details are identifiable: the problem names the cell, never its value. */
  { "bad-email.csv", 3, "email", NULL, "column ‘email’: this is not an email address", 1 },
  { "contact-too-long.csv", 2, "notes", NULL, "must be text of at most 1000 characters", 1 },
  { "over-100-problems.csv", 2, "cohort", "Nurses", "‘Nurses’ is not a cohort", 150 },
};

static void
assert_first_problem (const BadCase *bad,
                      GPtrArray     *problems)
{
  const TrellisImportProblem *first;
  g_autofree char *where = g_strdup_printf ("%s line %u", bad->file, bad->line);

  g_assert_nonnull (problems);
  g_assert_cmpuint (problems->len, ==, MIN (bad->n_problems, TRELLIS_IMPORT_MAX_PROBLEMS)
                    + (bad->n_problems > TRELLIS_IMPORT_MAX_PROBLEMS));
  first = g_ptr_array_index (problems, 0);
  g_test_message ("%s", first->message);
  g_assert_cmpuint (first->line, ==, bad->line);
  g_assert_cmpstr (first->column, ==, bad->column);
  g_assert_cmpstr (first->value, ==, bad->value);
  g_assert_true (g_str_has_prefix (first->message, where));
  g_assert_nonnull (strstr (first->message, bad->fragment));
  g_assert_nonnull (first->detail);
  g_assert_true (g_str_has_suffix (first->message, first->detail));
  g_assert_null (strstr (first->message, "zebedee"));
  g_assert_null (strstr (first->message, "Secretnote"));
  if (bad->column != NULL)
    {
      g_autofree char *column = g_strdup_printf ("%s, column ‘%s’: ", where, bad->column);

      g_assert_true (g_str_has_prefix (first->message, column));
    }
}

static void
test_bad (Fixture       *fixture,
          gconstpointer  data)
{
  const BadCase *bad = data;
  g_autoptr(GBytes) bytes = corpus_bytes (bad->file);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = trellis_test_dump_hash (fixture->folder.path);
  g_autofree char *after = NULL;
  g_autofree char *summary = NULL;
  guint n = 99;

  g_assert_false (trellis_participant_import (fixture->db, bad->file, bytes, NULL, NULL, NULL,
                                              &n, &problems, &error));
  g_assert_error (error, TRELLIS_IMPORT_ERROR, TRELLIS_IMPORT_ERROR_INVALID);
  g_assert_cmpuint (n, ==, 0);
  g_assert_true (g_str_has_prefix (error->message, bad->file));
  summary = g_strdup_printf ("%u problem", bad->n_problems);
  g_assert_nonnull (strstr (error->message, summary));
  g_assert_nonnull (strstr (error->message, bad->fragment));
  assert_first_problem (bad, problems);

  after = trellis_test_dump_hash (fixture->folder.path);
  g_assert_cmpstr (before, ==, after);
  assert_audit_verifies (fixture);
}

/* Beyond the first 100, problems are counted, and one last entry says so. */
static void
test_over_100 (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GBytes) bytes = corpus_bytes ("over-100-problems.csv");
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  const TrellisImportProblem *last;
  const TrellisImportProblem *hundredth;

  g_assert_false (trellis_participant_import (fixture->db, "over-100-problems.csv", bytes, NULL, NULL,
                                              NULL, NULL, &problems, &error));
  g_assert_cmpuint (problems->len, ==, 101);
  hundredth = g_ptr_array_index (problems, 99);
  g_assert_cmpuint (hundredth->line, ==, 101);
  last = g_ptr_array_index (problems, 100);
  g_assert_cmpuint (last->line, ==, 0);
  g_assert_cmpstr (last->message, ==, "and 50 more problems");
}

/* Every problem in the file is listed, not just the first. */
static void
test_several_problems (Fixture       *fixture,
                       gconstpointer  data)
{
  static const char csv[] =
    "code,cohort,baseline_date,colour\n"
    "P010,Nurses,2024-13-01,red\n"
    "P010,Midwives A,2024-01-01,blue\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (csv, sizeof csv - 1);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  static const char *const expected[] = {
    "several.csv line 1, column ‘colour’: ‘colour’ is not a column",
    "several.csv line 2, column ‘cohort’: ‘Nurses’ is not a cohort",
    "several.csv line 2, column ‘baseline_date’: ‘2024-13-01’ is not a date: there is no month 13",
    "several.csv line 3, column ‘code’: ‘P010’ is also the code on line 2",
  };

  g_assert_false (trellis_participant_import (fixture->db, "several.csv", bytes, NULL, NULL, NULL,
                                              NULL, &problems, &error));
  g_assert_nonnull (strstr (error->message, "4 problems"));
  g_assert_cmpuint (problems->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const TrellisImportProblem *problem = g_ptr_array_index (problems, i);

      g_test_message ("%s", problem->message);
      g_assert_true (g_str_has_prefix (problem->message, expected[i]));
    }
}

static void
assert_bulk_audit (Fixture    *fixture,
                   const char *table,
                   const char *file,
                   gint64      n_rows)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM audit WHERE table_name = '%s'"
                                          " AND row_key = 'bulk' AND action = 'import' AND reason = '%s'",
                                          table, file);
  g_autofree char *rows = g_strdup_printf ("SELECT (SELECT count(*) FROM json_each (new_value)) FROM audit"
                                           " WHERE table_name = '%s' AND reason = '%s'", table, file);

  g_assert_cmpint (count (fixture, sql), ==, 1);
  g_assert_cmpint (count (fixture, rows), ==, n_rows);
}

static void
import_good (Fixture    *fixture,
             const char *file,
             guint       expected)
{
  g_autoptr(GBytes) bytes = corpus_bytes (file);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  g_assert_true (trellis_participant_import (fixture->db, file, bytes, NULL, NULL, NULL, &n,
                                             &problems, &error));
  g_assert_no_error (error);
  g_assert_null (problems);
  g_assert_cmpuint (n, ==, expected);
  assert_audit_verifies (fixture);
}

/* A BOM, CRLF line ends, header names in other cases and spellings, a quoted
 * field with a comma and a line break; contact rows only where given. */
static void
test_good_bom_crlf (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *codes = NULL;
  g_autofree char *notes = NULL;
  g_autofree char *cohort = NULL;

  import_good (fixture, "bom-crlf.csv", 3);
  codes = text (fixture, "SELECT group_concat (code, ' ') FROM (SELECT code FROM participant ORDER BY id)");
  g_assert_cmpstr (codes, ==, "P001 S-001 S-002 S-003");
  notes = text (fixture, "SELECT notes FROM participant_contact JOIN participant USING (id) WHERE code = 'S-001'");
  g_assert_cmpstr (notes, ==, "Prefers email, not phone\r\nafter 5pm");
  cohort = text (fixture, "SELECT cohort.name FROM participant JOIN cohort ON cohort.id = cohort_id"
                          " WHERE code = 'S-002'");
  g_assert_cmpstr (cohort, ==, "Paramedics");
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM participant_contact"), ==, 2);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM participant WHERE code = 'S-002'"
                                   " AND baseline_date IS NULL"), ==, 1);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM participant_contact JOIN participant USING (id)"
                                   " WHERE code = 'S-003' AND phone = '07700 900123' AND name IS NULL"
                                   " AND email IS NULL AND notes IS NULL"), ==, 1);
  g_assert_cmpint (count (fixture, "SELECT count(DISTINCT created) FROM participant WHERE code LIKE 'S-%'"), ==, 1);
  assert_bulk_audit (fixture, "participant", "bom-crlf.csv", 3);
  assert_bulk_audit (fixture, "participant_contact", "bom-crlf.csv", 2);
}

static void
test_good_lf (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *codes = NULL;
  g_autofree char *before = trellis_test_dump_hash (fixture->folder.path);
  g_autofree char *after = NULL;

  import_good (fixture, "lf.csv", 3);
  /* The dump hash the refused imports compare does see a change. */
  after = trellis_test_dump_hash (fixture->folder.path);
  g_assert_cmpstr (before, !=, after);
  codes = text (fixture, "SELECT group_concat (code, ' ') FROM (SELECT code FROM participant ORDER BY id)");
  g_assert_cmpstr (codes, ==, "P001 P020 P021 P022");
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM participant_contact"), ==, 0);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM audit WHERE table_name = 'participant_contact'"), ==, 0);
  assert_bulk_audit (fixture, "participant", "lf.csv", 3);
}

/* Without a code column, codes come from the study's pattern, after the
 * highest code already in the study. */
static void
test_good_no_code_column (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *codes = NULL;
  g_autofree char *email = NULL;

  import_good (fixture, "no-code-column.csv", 2);
  codes = text (fixture, "SELECT group_concat (code, ' ') FROM (SELECT code FROM participant ORDER BY id)");
  g_assert_cmpstr (codes, ==, "P001 P002 P003");
  email = text (fixture, "SELECT email FROM participant_contact JOIN participant USING (id) WHERE code = 'P002'");
  g_assert_cmpstr (email, ==, "first@example.org");
  assert_bulk_audit (fixture, "participant", "no-code-column.csv", 2);
  assert_bulk_audit (fixture, "participant_contact", "no-code-column.csv", 1);
}

/* A change made to the study by a program other than Trellis. */
static void
tamper (Fixture    *fixture,
        const char *sql)
{
  sqlite3 *db = trellis_test_sqlite_open (fixture->folder.path, SQLITE_OPEN_READWRITE);

  trellis_test_sqlite_exec (db, sql);
  sqlite3_close (db);
}

/* One change made outside Trellis to rows an import wrote, and what the
 * audit check must say about it. */
typedef struct
{
  const char *sql;
  const char *expected;
} Tampering;

static const Tampering tamperings[] = {
  { "UPDATE participant SET baseline_date = '2020-01-01' WHERE code = 'S-002'",
    "of table participant differs from its last audited value" },
  { "UPDATE participant_contact SET name = 'Someone' WHERE id = (SELECT id FROM participant WHERE code = 'S-003')",
    "of table participant_contact differs from its last audited value" },
  { "INSERT INTO participant_contact (id, email) SELECT id, 'x@example.org' FROM participant WHERE code = 'S-002'",
    "of table participant_contact has no audit row" },
  { "DELETE FROM participant_contact WHERE id = (SELECT id FROM participant WHERE code = 'S-001')",
    "of table participant_contact was removed outside Trellis" },
};

/* A bulk audit row keeps a digest of each row's value, not the value, and
 * the audit check still finds any imported row changed, added or removed. */
static void
test_tampered_rows (Fixture       *fixture,
                    gconstpointer  data)
{
  const Tampering *tampering = data;
  g_autoptr(GError) error = NULL;

  import_good (fixture, "bom-crlf.csv", 3);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM audit AS a, json_each (a.new_value) AS j"
                                   " WHERE a.row_key = 'bulk' AND j.type != 'text'"), ==, 0);
  g_assert_cmpint (count (fixture, "SELECT min (length (j.value)) = max (length (j.value))"
                                   " FROM audit AS a, json_each (a.new_value) AS j WHERE a.row_key = 'bulk'"), ==, 1);
  tamper (fixture, tampering->sql);
  g_assert_false (trellis_audit_verify (fixture->db, &error));
  g_assert_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_AUDIT);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, tampering->expected));
}

/* Files written before bulk audit rows kept digests map each id to the whole
 * value; they still verify, and a change to such a row is still found. */
static void
test_full_value_bulk_row (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  TrellisAuditRecord record = { "import", "participant", TRELLIS_AUDIT_BULK_KEY, NULL, NULL, "old.csv" };
  sqlite3_stmt *stmt;

  g_assert_true (trellis_database_begin_write (fixture->db, &error));
  g_assert_true (trellis_database_exec (fixture->db,
      "INSERT INTO participant (id, code, cohort_id, baseline_date, created) VALUES"
      " (100, 'Q100', 1, '2024-01-02', '2024-01-01T00:00:00Z'), (101, 'Q101', 2, NULL, '2024-01-01T00:00:00Z')",
      &error));
  stmt = trellis_database_query_single (fixture->db,
      "SELECT json_group_object (id, json_object ('code', code, 'cohort_id', cohort_id,"
      " 'baseline_date', baseline_date, 'created', created, 'lost_date', lost_date))"
      " FROM participant WHERE id >= 100", &error);
  g_assert_no_error (error);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  record.new_value = value;
  g_assert_true (trellis_audit_append (fixture->db, &record, &error));
  g_assert_true (trellis_database_commit (fixture->db, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (value, "\"Q101\""));
  assert_audit_verifies (fixture);

  tamper (fixture, "UPDATE participant SET code = 'Q102' WHERE id = 101");
  g_assert_false (trellis_audit_verify (fixture->db, &error));
  g_assert_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_AUDIT);
  g_assert_nonnull (strstr (error->message, "row 101 of table participant differs"));
}

typedef struct
{
  guint calls;
  guint last_done;
  guint total;
  GCancellable *cancel_at_half;
} Progress;

static void
on_progress (guint    done,
             guint    total,
             gpointer user_data)
{
  Progress *progress = user_data;

  g_assert_cmpuint (done, >, progress->last_done);
  g_assert_cmpuint (done, <=, total);
  progress->calls++;
  progress->last_done = done;
  progress->total = total;
  if (progress->cancel_at_half != NULL && done >= total / 2)
    g_cancellable_cancel (progress->cancel_at_half);
}

static GBytes *
many_rows (guint n)
{
  GString *csv = g_string_new ("code,cohort,baseline_date,name\n");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (csv, "X%05u,Midwives A,2024-01-%02u,Person %u\n", i, i % 28 + 1, i);
  return g_string_free_to_bytes (csv);
}

/* Progress comes about once per 1% of the rows, and ends at the total. */
static void
test_progress (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GBytes) bytes = many_rows (1000);
  g_autoptr(GError) error = NULL;
  Progress progress = { 0 };
  guint n = 0;

  g_assert_true (trellis_participant_import (fixture->db, "many.csv", bytes, on_progress, &progress,
                                             NULL, &n, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1000);
  g_assert_cmpuint (progress.calls, ==, 100);
  g_assert_cmpuint (progress.last_done, ==, 1000);
  g_assert_cmpuint (progress.total, ==, 1000);
  assert_audit_verifies (fixture);
}

/* A cancel half-way through the writing rolls the whole import back. */
static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GBytes) bytes = many_rows (1000);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *before = trellis_test_dump_hash (fixture->folder.path);
  g_autofree char *after = NULL;
  Progress progress = { .cancel_at_half = cancellable };
  guint n = 0;

  g_assert_false (trellis_participant_import (fixture->db, "many.csv", bytes, on_progress, &progress,
                                              cancellable, &n, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpuint (progress.last_done, ==, 500);
  after = trellis_test_dump_hash (fixture->folder.path);
  g_assert_cmpstr (before, ==, after);
  assert_audit_verifies (fixture);
}

/* rows of many_rows () with one replaced: its cohort is not in the study. */
static GBytes *
many_rows_one_bad (guint n,
                   guint bad)
{
  GString *csv = g_string_new ("code,cohort,baseline_date,name\n");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (csv, "X%05u,%s,2024-01-%02u,Person %u\n", i, i == bad ? "Nurses" : "Midwives A",
                            i % 28 + 1, i);
  return g_string_free_to_bytes (csv);
}

/* A large file is written while it is read. A problem near its end, found
 * after the writer has inserted most of the rows before it (the progress,
 * which the writer reports, shows it has), still leaves the study as it
 * was, reported with its line; the study takes the next import as usual. */
static void
test_late_problem (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GBytes) bytes = many_rows_one_bad (20000, 19000);
  g_autoptr(GBytes) good = many_rows (300);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = trellis_test_dump_hash (fixture->folder.path);
  g_autofree char *after = NULL;
  const TrellisImportProblem *problem;
  Progress progress = { 0 };
  guint n = 0;

  g_assert_false (trellis_participant_import (fixture->db, "late.csv", bytes, on_progress, &progress,
                                              NULL, &n, &problems, &error));
  g_assert_error (error, TRELLIS_IMPORT_ERROR, TRELLIS_IMPORT_ERROR_INVALID);
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpuint (problems->len, ==, 1);
  problem = g_ptr_array_index (problems, 0);
  g_assert_cmpuint (problem->line, ==, 19002);
  g_assert_cmpstr (problem->column, ==, "cohort");
  g_assert_cmpstr (problem->value, ==, "Nurses");
  /* The queue holds a few thousand rows, so most before the problem were in. */
  g_assert_cmpuint (progress.last_done, >=, 10000);
  after = trellis_test_dump_hash (fixture->folder.path);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM participant"), ==, 1);
  assert_audit_verifies (fixture);

  g_clear_error (&error);
  g_assert_true (trellis_participant_import (fixture->db, "good.csv", good, NULL, NULL, NULL, &n, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 300);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM participant"), ==, 301);
  g_assert_cmpint (count (fixture, "SELECT max(id) - min(id) FROM participant WHERE code LIKE 'X%'"), ==, 299);
  assert_audit_verifies (fixture);
}

/* A cancel while a large file is still being read and written. */
static void
test_cancel_large (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GBytes) bytes = many_rows (20000);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *before = trellis_test_dump_hash (fixture->folder.path);
  g_autofree char *after = NULL;
  Progress progress = { .cancel_at_half = cancellable };
  guint n = 0;

  g_assert_false (trellis_participant_import (fixture->db, "many.csv", bytes, on_progress, &progress,
                                              cancellable, &n, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpuint (progress.last_done, ==, 10000);
  after = trellis_test_dump_hash (fixture->folder.path);
  g_assert_cmpstr (before, ==, after);
  assert_audit_verifies (fixture);
}

/* The writer's own failure half-way (here a trigger on this connection
 * refusing one row) reaches the caller, and nothing is kept. */
static void
test_writer_fails (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GBytes) bytes = many_rows (20000);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = trellis_test_dump_hash (fixture->folder.path);
  g_autofree char *after = NULL;
  guint n = 0;

  g_assert_true (trellis_database_exec (fixture->db,
                                        "CREATE TEMP TRIGGER refuse BEFORE INSERT ON main.participant"
                                        " WHEN NEW.code = 'X12345' BEGIN SELECT RAISE (ABORT, 'refused'); END",
                                        &error));
  g_assert_no_error (error);
  g_assert_false (trellis_participant_import (fixture->db, "many.csv", bytes, NULL, NULL, NULL, &n,
                                              &problems, &error));
  g_assert_nonnull (error);
  g_assert_false (g_error_matches (error, TRELLIS_IMPORT_ERROR, TRELLIS_IMPORT_ERROR_INVALID));
  g_assert_nonnull (strstr (error->message, "refused"));
  g_assert_null (problems);
  g_assert_cmpuint (n, ==, 0);
  after = trellis_test_dump_hash (fixture->folder.path);
  g_assert_cmpstr (before, ==, after);
  assert_audit_verifies (fixture);
}

/* A read-only study refuses the import before writing anything. */
static void
test_read_only (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GBytes) bytes = corpus_bytes ("lf.csv");
  g_autoptr(TrellisDatabase) reader = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_object (&fixture->db);
  reader = trellis_database_open (fixture->folder.path, TRELLIS_OPEN_FLAGS_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_false (trellis_participant_import (reader, "lf.csv", bytes, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_READ_ONLY);
}

static void
test_preview (void)
{
  g_autoptr(GBytes) bytes = corpus_bytes ("bom-crlf.csv");
  g_autoptr(GBytes) empty = corpus_bytes ("empty.csv");
  g_autoptr(GPtrArray) header = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (trellis_participant_import_preview ("bom-crlf.csv", bytes, 2, &header, &rows, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (header->len, ==, 7);
  g_assert_cmpstr (g_ptr_array_index (header, 0), ==, "Study_Code");
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index ((GPtrArray *) g_ptr_array_index (rows, 1), 1), ==, "paramedics");

  g_clear_pointer (&header, g_ptr_array_unref);
  g_clear_pointer (&rows, g_ptr_array_unref);
  g_assert_false (trellis_participant_import_preview ("empty.csv", empty, 2, &header, &rows, &error));
  g_assert_error (error, TRELLIS_IMPORT_ERROR, TRELLIS_IMPORT_ERROR_INVALID);
  g_assert_null (header);
}

#define ADD_TEST(path, data, func) \
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *name = g_strndup (bad_cases[i].file, strlen (bad_cases[i].file) - 4);
      g_autofree char *path = g_strdup_printf ("/trellis/storage/participant-import/bad/%s", name);

      ADD_TEST (path, &bad_cases[i], test_bad);
    }
  ADD_TEST ("/trellis/storage/participant-import/over-100", NULL, test_over_100);
  ADD_TEST ("/trellis/storage/participant-import/several-problems", NULL, test_several_problems);
  ADD_TEST ("/trellis/storage/participant-import/good/bom-crlf", NULL, test_good_bom_crlf);
  ADD_TEST ("/trellis/storage/participant-import/good/lf", NULL, test_good_lf);
  ADD_TEST ("/trellis/storage/participant-import/good/no-code-column", NULL, test_good_no_code_column);
  for (guint i = 0; i < G_N_ELEMENTS (tamperings); i++)
    {
      g_autofree char *path = g_strdup_printf ("/trellis/storage/participant-import/tampered/%u", i + 1);

      ADD_TEST (path, &tamperings[i], test_tampered_rows);
    }
  ADD_TEST ("/trellis/storage/participant-import/full-value-bulk-row", NULL, test_full_value_bulk_row);
  ADD_TEST ("/trellis/storage/participant-import/progress", NULL, test_progress);
  ADD_TEST ("/trellis/storage/participant-import/cancel", NULL, test_cancel);
  ADD_TEST ("/trellis/storage/participant-import/late-problem", NULL, test_late_problem);
  ADD_TEST ("/trellis/storage/participant-import/cancel-large", NULL, test_cancel_large);
  ADD_TEST ("/trellis/storage/participant-import/writer-fails", NULL, test_writer_fails);
  ADD_TEST ("/trellis/storage/participant-import/read-only", NULL, test_read_only);
  g_test_add_func ("/trellis/storage/participant-import/preview", test_preview);

  return g_test_run ();
}
