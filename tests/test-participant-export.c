/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <locale.h>
#include <string.h>

#include "trellis-audit.h"
#include "trellis-audit-coverage.h"
#include "trellis-csv-reader.h"
#include "trellis-csv-writer.h"
#include "trellis-database-private.h"
#include "trellis-participant-export.h"
#include "trellis-participant-import.h"
#include "trellis-storage-error.h"
#include "trellis-test-utils.h"

/* The participant export on real study files: de-identified unless asked,
 * an identifiable export on the audit trail, cells a spreadsheet cannot run
 * as formulas, and quoting that reads back to the same values. */

typedef struct
{
  TrellisTestFolder folder;
  TrellisDatabase *db;
  char *out;
} Fixture;

/* Runs one INSERT or UPDATE of one row, with the audit row a store would write. */
static void
write_row (TrellisDatabase *db,
           const char      *table,
           gint64           id,
           const char      *sql)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *old_value = NULL;

  g_assert_true (trellis_database_begin_write (db, &error));
  if (id > 0)
    g_assert_true (trellis_audit_snapshot (db, table, id, &old_value, &error));
  g_assert_true (trellis_database_exec (db, sql, &error));
  if (id == 0)
    id = sqlite3_last_insert_rowid (trellis_database_get_handle (db));
  g_assert_true (trellis_audit_append_change (db, id > 0 && old_value ? "update" : "insert", table, id,
                                              old_value, NULL, &error));
  g_assert_true (trellis_database_commit (db, &error));
  g_assert_no_error (error);
}

static const char participants_csv[] =
  "code,cohort,baseline_date,name,email,phone,notes\n"
  "P001,Midwives A,2024-01-10,Ann Example,ann@example.org,0123 456,\"Says \"\"hi\"\", then\nleaves\"\n"
  "P002,=cmd|' /C calc'!A0,,,,,\n"
  "P003,Midwives A,2024-01-12,Bob Example,,,@SUM(1+1)\n"
  "P004,Midwives A,2024-07-01,,,,\n"
  "P005,Midwives A,2024-01-15,,,-2+3,\n";

/* Five participants, two consent versions (the second requires reconsent),
 * consents for P001 (on the old one), P003 and P004, a withdrawal for P003
 * and P005 lost to follow-up. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new_static (participants_csv, sizeof participants_csv - 1);
  TrellisDatabase *db;

  trellis_test_folder_set_up (&fixture->folder, data);
  fixture->out = g_build_filename (fixture->folder.dir, "participants.csv", NULL);
  db = fixture->db = trellis_database_create (fixture->folder.path, "Export test", &error);
  g_assert_no_error (error);
  write_row (db, "cohort", 0, "INSERT INTO cohort (name, profession_id, site) VALUES ('Midwives A', 1, 'North, ward 3')");
  write_row (db, "cohort", 0, "INSERT INTO cohort (name, profession_id, site) VALUES ('=cmd|'' /C calc''!A0', 4, '+44')");
  g_assert_true (trellis_participant_import (db, "setup.csv", bytes, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  write_row (db, "consent_version", 0, "INSERT INTO consent_version (label, version_date, clauses) VALUES ('v1', '2024-01-01', '[]')");
  write_row (db, "consent_version", 0, "INSERT INTO consent_version (label, version_date, clauses, requires_reconsent)"
                                       " VALUES ('v2', '2024-06-01', '[]', 1)");
  write_row (db, "consent", 0, "INSERT INTO consent (participant_id, version_id, consent_date, taken_by, answers)"
                               " VALUES (1, 1, '2024-01-10', 'RC', '{\"take_part\":true,\"questionnaires\":true,\"video\":false}')");
  write_row (db, "consent", 0, "INSERT INTO consent (participant_id, version_id, consent_date, taken_by, answers)"
                               " VALUES (3, 1, '2024-01-12', 'RC', '{\"take_part\":true}')");
  write_row (db, "consent", 0, "INSERT INTO consent (participant_id, version_id, consent_date, taken_by, answers)"
                               " VALUES (4, 2, '2024-07-01', 'RC', '{\"take_part\":true,\"quotes\":false}')");
  write_row (db, "withdrawal", 0, "INSERT INTO withdrawal (participant_id, kind, effective_date, reason)"
                                  " VALUES (3, 'no-further-data', '2024-03-01', 'Moved away')");
  write_row (db, "participant", 5, "UPDATE participant SET lost_date = '2024-05-01' WHERE id = 5");
  g_assert_true (trellis_audit_verify (db, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->db);
  g_clear_pointer (&fixture->out, g_free);
  trellis_test_folder_tear_down (&fixture->folder, data);
}

static gint64
audit_count (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  gint64 n = trellis_audit_count (fixture->db, &error);

  g_assert_no_error (error);
  return n;
}

static char *
export (Fixture  *fixture,
        gboolean  identifiable)
{
  g_autoptr(GError) error = NULL;
  guint n = 0;

  g_assert_true (trellis_participant_export (fixture->db, fixture->out, identifiable, NULL, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 5);
  return trellis_test_read_file (fixture->out, NULL);
}

/* The export read back with the strict reader: rows of cells. */
static GPtrArray *
read_back (Fixture *fixture)
{
  g_autoptr(GBytes) bytes = trellis_test_read_bytes (fixture->out);
  g_autoptr(TrellisCsvReader) reader = trellis_csv_reader_new ("participants.csv", bytes, NULL);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GError) error = NULL;
  GPtrArray *fields;

  while (trellis_csv_reader_next_row (reader, &fields, &error))
    g_ptr_array_add (rows, fields);
  g_assert_no_error (error);
  return g_steal_pointer (&rows);
}

static const char *
cell_at (GPtrArray *rows,
         guint      row,
         guint      column)
{
  return g_ptr_array_index ((GPtrArray *) g_ptr_array_index (rows, row), column);
}

static void
test_deidentified (Fixture       *fixture,
                   gconstpointer  data)
{
  static const char *const identifiers[] = { "Ann", "Bob", "example.org", "0123", "hi", "SUM", "2+3" };
  g_autofree char *csv = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  gint64 before = audit_count (fixture);

  csv = export (fixture, FALSE);
  g_assert_true (g_str_has_prefix (csv, "code,cohort,profession,site,baseline_date,status,consent_state,"
                                        "consent_version,consent_take_part,consent_questionnaires,"
                                        "consent_interview,consent_video,consent_quotes,"
                                        "consent_future_research,withdrawal,withdrawal_date\r\n"));
  for (guint i = 0; i < G_N_ELEMENTS (identifiers); i++)
    g_assert_null (strstr (csv, identifiers[i]));
  g_assert_null (strstr (csv, "email"));
  g_assert_cmpint (audit_count (fixture), ==, before);

  rows = read_back (fixture);
  g_assert_cmpuint (rows->len, ==, 6);
  g_assert_cmpuint (((GPtrArray *) g_ptr_array_index (rows, 1))->len, ==, 16);
}

/* Status and consent state are derived as the domain rules say, and each
 * standard clause has its own column. */
static void
test_derived_columns (Fixture       *fixture,
                      gconstpointer  data)
{
  static const char *const expected[] = {
    "P001,Midwives A,Midwife,\"North, ward 3\",2024-01-10,active,reconsent-needed,v1,yes,yes,,no,,,,",
    "P002,'=cmd|' /C calc'!A0,Paramedic,'+44,,recruited,none,,,,,,,,,",
    "P003,Midwives A,Midwife,\"North, ward 3\",2024-01-12,withdrawn,given,v1,yes,,,,,,no-further-data,2024-03-01",
    "P004,Midwives A,Midwife,\"North, ward 3\",2024-07-01,active,given,v2,yes,,,,no,,,",
    "P005,Midwives A,Midwife,\"North, ward 3\",2024-01-15,lost-to-follow-up,none,,,,,,,,,",
  };
  g_autofree char *csv = export (fixture, FALSE);
  g_auto(GStrv) lines = g_strsplit (csv, "\r\n", -1);

  g_assert_cmpuint (g_strv_length (lines), ==, 7);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (lines[i + 1], ==, expected[i]);
  g_assert_cmpstr (lines[6], ==, "");
}

static void
test_identifiable (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *value = NULL;
  g_autofree char *expected = NULL;
  gint64 before = audit_count (fixture);
  sqlite3 *raw;

  csv = export (fixture, TRUE);
  g_assert_cmpint (audit_count (fixture), ==, before + 1);
  g_assert_true (trellis_audit_verify (fixture->db, &error));
  g_assert_no_error (error);
  g_assert_cmpint (trellis_test_file_mode (fixture->out) & 0777, ==, 0600);

  rows = read_back (fixture);
  g_assert_cmpstr (cell_at (rows, 0, 16), ==, "name");
  g_assert_cmpstr (cell_at (rows, 0, 19), ==, "notes");
  g_assert_cmpstr (cell_at (rows, 1, 16), ==, "Ann Example");
  g_assert_cmpstr (cell_at (rows, 1, 17), ==, "ann@example.org");
  g_assert_cmpstr (cell_at (rows, 1, 18), ==, "0123 456");
  g_assert_cmpstr (cell_at (rows, 2, 16), ==, "");

  raw = trellis_test_sqlite_open (fixture->folder.path, SQLITE_OPEN_READONLY);
  value = trellis_test_sqlite_text (raw, "SELECT action || ' ' || table_name || ' ' || coalesce (row_key, 'NULL')"
                                         " || ' ' || new_value FROM audit ORDER BY id DESC LIMIT 1");
  sqlite3_close (raw);
  expected = g_strdup_printf ("export-identifiable export NULL {\"path\":\"%s\",\"rows\":5}", fixture->out);
  g_assert_cmpstr (value, ==, expected);
}

/* Quoted cells read back to the very values that went in. */
static void
test_quoting (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *csv = export (fixture, TRUE);
  g_autoptr(GPtrArray) rows = read_back (fixture);

  g_assert_nonnull (strstr (csv, ",\"Says \"\"hi\"\", then\nleaves\"\r\n"));
  g_assert_cmpstr (cell_at (rows, 1, 19), ==, "Says \"hi\", then\nleaves");
  g_assert_cmpstr (cell_at (rows, 1, 3), ==, "North, ward 3");
  g_assert_cmpstr (cell_at (rows, 3, 19), ==, "'@SUM(1+1)");
  g_assert_cmpstr (cell_at (rows, 5, 18), ==, "'-2+3");
}

static void
test_formula_cells (void)
{
  static const struct { const char *in; const char *out; } cases[] = {
    { "=1+2", "'=1+2" },
    { "+1", "'+1" },
    { "-1", "'-1" },
    { "@A1", "'@A1" },
    { "\tx", "'\tx" },
    { "\rx", "\"'\rx\"" },
    { "a=b", "a=b" },
    { "=a,b", "\"'=a,b\"" },
    { "say \"x\"", "\"say \"\"x\"\"\"" },
    { "two\nlines", "\"two\nlines\"" },
    { "", "" },
    { NULL, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) out = g_string_new (NULL);

      trellis_csv_append_cell (out, cases[i].in);
      g_assert_cmpstr (out->str, ==, cases[i].out);
    }
}

static void
test_read_only (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(TrellisDatabase) reader = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  g_clear_object (&fixture->db);
  reader = trellis_database_open (fixture->folder.path, TRELLIS_OPEN_FLAGS_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (trellis_participant_export (reader, fixture->out, FALSE, NULL, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 5);
  g_assert_false (trellis_participant_export (reader, fixture->out, TRUE, NULL, &n, &error));
  g_assert_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_READ_ONLY);
}

/* An export over the study file is refused before anything is written. */
static void
test_refuses_study (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *before = trellis_test_dump_hash (fixture->folder.path);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (trellis_participant_export (fixture->db, fixture->folder.path, TRUE, NULL, NULL, &error));
  g_assert_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_EXISTS);
  after = trellis_test_dump_hash (fixture->folder.path);
  g_assert_cmpstr (before, ==, after);
}

/* A file that cannot be written leaves no audit row claiming it was. */
static void
test_unwritable (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->folder.dir, "missing", "out.csv", NULL);
  g_autoptr(GError) error = NULL;
  gint64 before = audit_count (fixture);

  g_assert_false (trellis_participant_export (fixture->db, path, TRUE, NULL, NULL, &error));
  g_assert_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_IO);
  g_assert_cmpint (audit_count (fixture), ==, before);
}

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  ADD_TEST ("/trellis/storage/participant-export/deidentified", test_deidentified);
  ADD_TEST ("/trellis/storage/participant-export/derived-columns", test_derived_columns);
  ADD_TEST ("/trellis/storage/participant-export/identifiable", test_identifiable);
  ADD_TEST ("/trellis/storage/participant-export/quoting", test_quoting);
  ADD_TEST ("/trellis/storage/participant-export/read-only", test_read_only);
  ADD_TEST ("/trellis/storage/participant-export/refuses-study", test_refuses_study);
  ADD_TEST ("/trellis/storage/participant-export/unwritable", test_unwritable);
  g_test_add_func ("/trellis/storage/csv-writer/formula-cells", test_formula_cells);

  return g_test_run ();
}
