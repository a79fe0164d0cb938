/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <string.h>

#include "trellis-audit.h"
#include "trellis-audit-coverage.h"
#include "trellis-database-private.h"
#include "trellis-domain-error.h"
#include "trellis-storage-error.h"
#include "trellis-study.h"
#include "trellis-test-utils.h"
#include "trellis-timepoint.h"

/* The audit trail: one row per write, in the write's own transaction, chained
 * by hashes so that an edit made outside Trellis is found. Each test works on
 * a fresh study in its own temporary folder, removed afterwards. */

/* A new study records the eight professions and the Brief Resilience Scale
 * with its six items, seeded while the file is brought to the current format,
 * then its creation, then the four default timepoints. */
#define PROFESSION_ROWS 8
#define INSTRUMENT_ROWS 7
#define STUDY_CREATE_ROW (PROFESSION_ROWS + INSTRUMENT_ROWS + 1)
#define CREATED_ROWS (STUDY_CREATE_ROW + 4)
#define GENESIS_HASH "0000000000000000000000000000000000000000000000000000000000000000"

typedef struct
{
  TrellisTestFolder folder;
  TrellisStudy *study;
  TrellisDatabase *db;   /* owned by study */
} Fixture;

typedef struct
{
  gint64 id;
  char *time;
  char *user;
  char *action;
  char *table_name;
  char *row_key;
  char *old_value;
  char *new_value;
  char *reason;
  char *prev_hash;
  char *hash;
} AuditRow;

static void
audit_row_free (AuditRow *row)
{
  g_free (row->time);
  g_free (row->user);
  g_free (row->action);
  g_free (row->table_name);
  g_free (row->row_key);
  g_free (row->old_value);
  g_free (row->new_value);
  g_free (row->reason);
  g_free (row->prev_hash);
  g_free (row->hash);
  g_free (row);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AuditRow, audit_row_free)

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  trellis_test_folder_set_up (&fixture->folder, user_data);
  fixture->study = trellis_study_create (fixture->folder.path, "Resilience coaching", &error);
  g_assert_no_error (error);
  fixture->db = trellis_study_get_database (fixture->study);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->study);
  trellis_test_folder_tear_down (&fixture->folder, user_data);
}

static char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

/* Reads one audit row through the study's own connection; id 0 means the newest. */
static AuditRow *
audit_row (Fixture *fixture,
           gint64   id)
{
  sqlite3 *handle = trellis_database_get_handle (fixture->db);
  sqlite3_stmt *stmt = NULL;
  AuditRow *row = g_new0 (AuditRow, 1);

  g_assert_cmpint (sqlite3_prepare_v2 (handle,
                   "SELECT id, time, user, action, table_name, row_key, old_value, new_value,"
                   " reason, prev_hash, hash FROM audit WHERE id = ?1 OR ?1 = 0"
                   " ORDER BY id DESC LIMIT 1", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  row->id = sqlite3_column_int64 (stmt, 0);
  row->time = column_text (stmt, 1);
  row->user = column_text (stmt, 2);
  row->action = column_text (stmt, 3);
  row->table_name = column_text (stmt, 4);
  row->row_key = column_text (stmt, 5);
  row->old_value = column_text (stmt, 6);
  row->new_value = column_text (stmt, 7);
  row->reason = column_text (stmt, 8);
  row->prev_hash = column_text (stmt, 9);
  row->hash = column_text (stmt, 10);
  sqlite3_finalize (stmt);
  return row;
}

static gint64
audit_count (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  gint64 count = trellis_audit_count (fixture->db, &error);

  g_assert_no_error (error);
  g_assert_cmpint (count, ==, trellis_study_get_audit_count (fixture->study));
  return count;
}

static void
assert_verifies (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (trellis_audit_verify (fixture->db, &error));
  g_assert_no_error (error);
}

/* What every row says about when and by whom. */
static void
assert_who_and_when (const AuditRow *row)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (row->time, NULL);

  g_assert_true (g_str_has_suffix (row->time, "Z"));
  g_assert_nonnull (time);
  g_assert_cmpint (g_date_time_get_utc_offset (time), ==, 0);
  g_assert_cmpstr (row->user, ==, g_get_user_name ());
  g_assert_nonnull (row->hash);
  g_assert_cmpuint (strlen (row->hash), ==, 64);
}

/* The value as a JSON object; NULL text is an SQL NULL, which is not JSON. */
static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (text);
  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
assert_title_value (const char *text,
                    const char *title)
{
  g_autoptr(JsonObject) object = parse_object (text);

  /* Audit values hold the whole study row, so later checks can compare them with it. */
  g_assert_true (json_object_has_member (object, "created"));
  g_assert_cmpstr (json_object_get_string_member (object, "title"), ==, title);
}

static void
assert_timepoint_value (const char *text,
                        const char *code,
                        const char *label,
                        int         target,
                        int         lo,
                        int         hi,
                        int         position,
                        const char *anchor)
{
  g_autoptr(JsonObject) object = parse_object (text);

  g_assert_cmpuint (json_object_get_size (object), ==, 7);
  g_assert_cmpstr (json_object_get_string_member (object, "code"), ==, code);
  g_assert_cmpstr (json_object_get_string_member (object, "label"), ==, label);
  g_assert_cmpint (json_object_get_int_member (object, "target_day"), ==, target);
  g_assert_cmpint (json_object_get_int_member (object, "window_min"), ==, lo);
  g_assert_cmpint (json_object_get_int_member (object, "window_max"), ==, hi);
  g_assert_cmpint (json_object_get_int_member (object, "position"), ==, position);
  g_assert_cmpstr (json_object_get_string_member (object, "anchor"), ==, anchor);
}

static TrellisTimepoint *
timepoint_at (Fixture *fixture,
              guint    position)
{
  return g_list_model_get_item (trellis_study_get_timepoints (fixture->study), position);
}

/* An edit made outside Trellis, the kind the audit trail must catch. */
static void
exec_outside (Fixture    *fixture,
              const char *sql)
{
  trellis_test_sqlite_exec_file (fixture->folder.path, sql);
}

static void
test_new_study (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(AuditRow) first = audit_row (fixture, 1);
  g_autoptr(AuditRow) create = audit_row (fixture, STUDY_CREATE_ROW);
  g_autoptr(AuditRow) last = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *head = NULL;

  g_assert_cmpint (audit_count (fixture), ==, CREATED_ROWS);
  assert_verifies (fixture);

  /* The chain starts at the first row, whatever it records. */
  g_assert_cmpstr (first->prev_hash, ==, GENESIS_HASH);

  for (gint64 id = 1; id <= PROFESSION_ROWS; id++)
    {
      g_autoptr(AuditRow) row = audit_row (fixture, id);
      g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, id);

      g_assert_cmpstr (row->action, ==, "insert");
      g_assert_cmpstr (row->table_name, ==, "profession");
      g_assert_cmpstr (row->row_key, ==, key);
      g_assert_null (row->old_value);
      assert_who_and_when (row);
    }
  for (gint64 id = PROFESSION_ROWS + 1; id < STUDY_CREATE_ROW; id++)
    {
      g_autoptr(AuditRow) row = audit_row (fixture, id);

      g_assert_cmpstr (row->action, ==, "insert");
      g_assert_cmpstr (row->table_name, ==, id == PROFESSION_ROWS + 1 ? "instrument" : "item");
      g_assert_null (row->old_value);
      assert_who_and_when (row);
    }

  g_assert_cmpstr (create->action, ==, "create");
  g_assert_cmpstr (create->table_name, ==, "study");
  g_assert_cmpstr (create->row_key, ==, "1");
  g_assert_null (create->old_value);
  assert_title_value (create->new_value, "Resilience coaching");
  assert_who_and_when (create);

  for (gint64 id = 2; id <= CREATED_ROWS; id++)
    {
      g_autoptr(AuditRow) row = audit_row (fixture, id);
      g_autoptr(AuditRow) previous = audit_row (fixture, id - 1);
      g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, id - STUDY_CREATE_ROW);

      g_assert_cmpstr (row->prev_hash, ==, previous->hash);
      if (id <= STUDY_CREATE_ROW)
        continue;
      g_assert_cmpstr (row->action, ==, "insert");
      g_assert_cmpstr (row->table_name, ==, "timepoint_def");
      g_assert_cmpstr (row->row_key, ==, key);
      assert_who_and_when (row);
    }

  last = audit_row (fixture, 0);
  head = trellis_audit_head_hash (fixture->db, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (head, ==, last->hash);
}

static void
test_set_title (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(AuditRow) row = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (trellis_study_set_title (fixture->study, "Resilience coaching (pilot)", &error));
  g_assert_no_error (error);

  g_assert_cmpint (audit_count (fixture), ==, CREATED_ROWS + 1);
  row = audit_row (fixture, 0);
  g_assert_cmpint (row->id, ==, CREATED_ROWS + 1);
  g_assert_cmpstr (row->action, ==, "update");
  g_assert_cmpstr (row->table_name, ==, "study");
  g_assert_cmpstr (row->row_key, ==, "1");
  assert_title_value (row->old_value, "Resilience coaching");
  assert_title_value (row->new_value, "Resilience coaching (pilot)");
  g_assert_null (row->reason);
  assert_who_and_when (row);
  assert_verifies (fixture);
}

static void
test_add_timepoint (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(TrellisTimepoint) tp = trellis_timepoint_new ("T5", "Six-month follow-up", 182, 168, 196);
  g_autoptr(AuditRow) row = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;

  g_assert_true (trellis_study_add_timepoint (fixture->study, tp, &error));
  g_assert_no_error (error);

  g_assert_cmpint (audit_count (fixture), ==, CREATED_ROWS + 1);
  row = audit_row (fixture, 0);
  key = g_strdup_printf ("%" G_GINT64_FORMAT, trellis_timepoint_get_id (tp));
  g_assert_cmpstr (row->action, ==, "insert");
  g_assert_cmpstr (row->table_name, ==, "timepoint_def");
  g_assert_cmpstr (row->row_key, ==, key);
  g_assert_null (row->old_value);
  assert_timepoint_value (row->new_value, "T5", "Six-month follow-up", 182, 168, 196, 5, "baseline");
  assert_who_and_when (row);
  assert_verifies (fixture);
}

static void
test_update_timepoint (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(TrellisTimepoint) stored = timepoint_at (fixture, 2);
  g_autoptr(TrellisTimepoint) edited = trellis_timepoint_copy (stored);
  g_autoptr(AuditRow) row = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;

  trellis_timepoint_set_label (edited, "After coaching call");
  trellis_timepoint_set_target_day (edited, 21);
  trellis_timepoint_set_window_max (edited, 30);
  g_assert_true (trellis_study_update_timepoint (fixture->study, edited, &error));
  g_assert_no_error (error);

  g_assert_cmpint (audit_count (fixture), ==, CREATED_ROWS + 1);
  row = audit_row (fixture, 0);
  key = g_strdup_printf ("%" G_GINT64_FORMAT, trellis_timepoint_get_id (stored));
  g_assert_cmpstr (row->action, ==, "update");
  g_assert_cmpstr (row->table_name, ==, "timepoint_def");
  g_assert_cmpstr (row->row_key, ==, key);
  assert_timepoint_value (row->old_value, "T3", "After coaching", 1, 0, 14, 3, "coaching");
  assert_timepoint_value (row->new_value, "T3", "After coaching call", 21, 0, 30, 3, "coaching");
  assert_who_and_when (row);
  assert_verifies (fixture);
}

static void
test_remove_timepoint (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(TrellisTimepoint) stored = timepoint_at (fixture, 1);
  g_autoptr(AuditRow) row = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;

  g_assert_true (trellis_study_remove_timepoint (fixture->study, stored, &error));
  g_assert_no_error (error);

  g_assert_cmpint (audit_count (fixture), ==, CREATED_ROWS + 1);
  row = audit_row (fixture, 0);
  key = g_strdup_printf ("%" G_GINT64_FORMAT, trellis_timepoint_get_id (stored));
  g_assert_cmpstr (row->action, ==, "delete");
  g_assert_cmpstr (row->table_name, ==, "timepoint_def");
  g_assert_cmpstr (row->row_key, ==, key);
  assert_timepoint_value (row->old_value, "T2", "After workshop", 1, 0, 7, 2, "workshop");
  g_assert_null (row->new_value);
  assert_who_and_when (row);
  assert_verifies (fixture);
}

/* A tamperer who knows about the trigger drops it first, then edits the value
 * a middle row recorded. */
static void
test_tampered_value (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  exec_outside (fixture, "DROP TRIGGER audit_no_update;"
                         "UPDATE audit SET new_value = '{\"code\":\"T2\",\"label\":\"Edited\"}'"
                         " WHERE id = 3");

  g_assert_false (trellis_audit_verify (fixture->db, &error));
  g_assert_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_AUDIT);
  if (strstr (error->message, "row 3 ") == NULL)
    g_error ("“%s” does not name audit row 3", error->message);
}

static void
test_tampered_time (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  /* Every column counts, including the ones nobody looks at. */
  exec_outside (fixture, "DROP TRIGGER audit_no_update;"
                         "UPDATE audit SET time = '2020-01-01T00:00:00.000000Z' WHERE id = 2");

  g_assert_false (trellis_audit_verify (fixture->db, &error));
  g_assert_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_AUDIT);
  g_assert_nonnull (strstr (error->message, "row 2 "));
}

static void
test_deleted_row (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  exec_outside (fixture, "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE id = 3");

  /* The gap shows at the row after it, whose link no longer fits. */
  g_assert_false (trellis_audit_verify (fixture->db, &error));
  g_assert_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_AUDIT);
  if (strstr (error->message, "row 4 ") == NULL)
    g_error ("“%s” does not name audit row 4", error->message);
}

static void
assert_coverage_error (Fixture    *fixture,
                       const char *expected)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (trellis_audit_verify (fixture->db, &error));
  g_assert_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_AUDIT);
  if (strstr (error->message, expected) == NULL)
    g_error ("“%s” does not say “%s”", error->message, expected);
}

/* Data changed with plain SQL, leaving the audit trail alone, is caught by
 * comparing each row with the value its last audit row recorded. */
static void
test_data_changed_outside (Fixture       *fixture,
                           gconstpointer  user_data)
{
  exec_outside (fixture, "UPDATE study SET title = 'Quietly renamed'");
  assert_coverage_error (fixture, "row 1 of table study differs from its last audited value");
}

static void
test_data_added_outside (Fixture       *fixture,
                         gconstpointer  user_data)
{
  exec_outside (fixture, "INSERT INTO timepoint_def (code, label, target_day, window_min, window_max, position)"
                         " VALUES ('T9', 'Unrecorded', 90, 80, 100, 9)");
  assert_coverage_error (fixture, "of table timepoint_def has no audit row");
}

static void
test_data_removed_outside (Fixture       *fixture,
                           gconstpointer  user_data)
{
  exec_outside (fixture, "DELETE FROM timepoint_def WHERE code = 'T3'");
  assert_coverage_error (fixture, "row 3 of table timepoint_def was removed outside Trellis");
}

/* Removing the newest audit rows keeps the chain intact, but the data then
 * runs ahead of what the trail says. */
static void
test_newest_rows_removed (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (trellis_study_set_title (fixture->study, "Renamed in Trellis", &error));
  g_assert_no_error (error);
  exec_outside (fixture, "DROP TRIGGER audit_no_delete;"
                         " DELETE FROM audit WHERE id = (SELECT max (id) FROM audit)");
  assert_coverage_error (fixture, "row 1 of table study differs from its last audited value");
}

/* An upgrade baselines only the tables its steps reshaped. A row edited
 * outside Trellis in any other table is left as it is, and still found by
 * the audit check; a baseline row keeps, as its old value, what the audit
 * trail held for its row before, so the trail shows what was re-recorded. */
static void
test_baseline_tables (Fixture       *fixture,
                      gconstpointer  user_data)
{
  static const char *const plan_only[] = { "timepoint_def", NULL };
  g_autoptr(AuditRow) inserted = audit_row (fixture, STUDY_CREATE_ROW + 2);
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (inserted->table_name, ==, "timepoint_def");
  g_assert_cmpstr (inserted->row_key, ==, "2");
  exec_outside (fixture, "UPDATE study SET title = 'Quietly renamed';"
                         "UPDATE timepoint_def SET label = 'Reshaped' WHERE id = 2;"
                         "INSERT INTO timepoint_def (code, label, target_day, window_min, window_max, position)"
                         " VALUES ('T9', 'New in the upgrade', 90, 80, 100, 9)");

  g_assert_true (trellis_database_begin_write (fixture->db, &error));
  g_assert_true (trellis_audit_baseline (fixture->db, plan_only, "Upgrade", &error));
  g_assert_no_error (error);
  g_assert_true (trellis_database_commit (fixture->db, &error));
  g_assert_no_error (error);

  /* Two baselines, both in timepoint_def; none for the study row. */
  g_assert_cmpint (audit_count (fixture), ==, CREATED_ROWS + 2);
  for (gint64 id = CREATED_ROWS + 1; id <= CREATED_ROWS + 2; id++)
    {
      g_autoptr(AuditRow) row = audit_row (fixture, id);

      g_assert_cmpstr (row->action, ==, "baseline");
      g_assert_cmpstr (row->table_name, ==, "timepoint_def");
      g_assert_cmpstr (row->reason, ==, "Upgrade");
      if (g_str_equal (row->row_key, "2"))
        {
          g_assert_cmpstr (row->old_value, ==, inserted->new_value);
          g_assert_nonnull (strstr (row->new_value, "\"Reshaped\""));
        }
      else
        {
          g_assert_null (row->old_value);
          assert_timepoint_value (row->new_value, "T9", "New in the upgrade", 90, 80, 100, 9, "baseline");
        }
    }

  g_assert_true (trellis_audit_verify_chain (fixture->db, &error));
  g_assert_no_error (error);
  assert_coverage_error (fixture, "row 1 of table study differs from its last audited value");
}

/* Writes the plan rules refuse never reach the file, so they leave no row. */
static void
test_refused_writes (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(TrellisTimepoint) t2 = timepoint_at (fixture, 1);
  g_autoptr(TrellisTimepoint) early = trellis_timepoint_copy (t2);
  g_autoptr(TrellisTimepoint) duplicate = trellis_timepoint_new (" t1 ", "Baseline again", 90, 90, 90);
  g_autoptr(TrellisTimepoint) out_of_range = trellis_timepoint_new ("T9", "Far away", 4000, 4000, 4000);
  g_autoptr(GError) error = NULL;

  /* T2 moved before T1. */
  trellis_timepoint_set_target_day (early, -7);
  trellis_timepoint_set_window_min (early, -7);
  g_assert_false (trellis_study_update_timepoint (fixture->study, early, &error));
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_ORDER);
  g_clear_error (&error);
  g_assert_cmpint (audit_count (fixture), ==, CREATED_ROWS);

  g_assert_false (trellis_study_add_timepoint (fixture->study, duplicate, &error));
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_cmpint (audit_count (fixture), ==, CREATED_ROWS);

  g_assert_false (trellis_study_add_timepoint (fixture->study, out_of_range, &error));
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (audit_count (fixture), ==, CREATED_ROWS);

  g_assert_false (trellis_study_set_title (fixture->study, "\n", &error));
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (audit_count (fixture), ==, CREATED_ROWS);

  assert_verifies (fixture);
}

/* A write SQLite itself refuses, after the plan rules passed, is rolled back
 * with no audit row. */
static void
test_constraint_failure (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(TrellisTimepoint) tp = trellis_timepoint_new ("T5", "Six-month follow-up", 182, 168, 196);
  g_autoptr(GError) error = NULL;

  exec_outside (fixture, "CREATE TRIGGER no_more_timepoints BEFORE INSERT ON timepoint_def"
                         " BEGIN SELECT RAISE (ABORT, 'the plan is frozen'); END");

  g_assert_false (trellis_study_add_timepoint (fixture->study, tp, &error));
  g_assert_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "study.trellis"));
  g_assert_nonnull (strstr (error->message, "the plan is frozen"));

  g_assert_cmpint (trellis_timepoint_get_id (tp), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (trellis_study_get_timepoints (fixture->study)), ==, 4);
  g_assert_cmpint (audit_count (fixture), ==, CREATED_ROWS);
  assert_verifies (fixture);
}

/* The audit row is written in the same transaction as the change: when the
 * audit row cannot be written, the change does not happen either. */
static void
test_audit_failure_rolls_back (Fixture       *fixture,
                               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  sqlite3 *other = NULL;

  exec_outside (fixture, "CREATE TRIGGER audit_full BEFORE INSERT ON audit"
                         " BEGIN SELECT RAISE (ABORT, 'no room for the audit row'); END");

  g_assert_false (trellis_study_set_title (fixture->study, "Renamed without a trace", &error));
  g_assert_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_CONSTRAINT);
  g_assert_cmpstr (trellis_study_get_title (fixture->study), ==, "Resilience coaching");
  g_assert_cmpint (audit_count (fixture), ==, CREATED_ROWS);

  /* What another reader of the file sees. */
  other = trellis_test_sqlite_open (fixture->folder.path, SQLITE_OPEN_READONLY);
  title = trellis_test_sqlite_text (other, "SELECT title FROM study");
  g_assert_cmpstr (title, ==, "Resilience coaching");
  g_assert_cmpint (sqlite3_close (other), ==, SQLITE_OK);
}

/* Plain SQL cannot change or remove audit rows while the triggers stand. */
static void
test_append_only (Fixture       *fixture,
                  gconstpointer  user_data)
{
  static const char *const attempts[] = {
    "UPDATE audit SET user = 'someone-else' WHERE id = 2",
    "UPDATE audit SET new_value = NULL",
    "DELETE FROM audit WHERE id = 3",
    "DELETE FROM audit",
  };
  g_autoptr(AuditRow) before = audit_row (fixture, 2);
  g_autoptr(AuditRow) after = NULL;
  sqlite3 *other = trellis_test_sqlite_open (fixture->folder.path, SQLITE_OPEN_READWRITE);

  for (guint i = 0; i < G_N_ELEMENTS (attempts); i++)
    {
      int rc = sqlite3_exec (other, attempts[i], NULL, NULL, NULL);

      g_assert_cmpint (rc, ==, SQLITE_CONSTRAINT);
      g_assert_nonnull (strstr (sqlite3_errmsg (other), "append-only"));
    }
  g_assert_cmpint (sqlite3_close (other), ==, SQLITE_OK);

  g_assert_cmpint (audit_count (fixture), ==, CREATED_ROWS);
  after = audit_row (fixture, 2);
  g_assert_cmpstr (after->user, ==, before->user);
  g_assert_cmpstr (after->new_value, ==, before->new_value);
  assert_verifies (fixture);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, func) \
  g_test_add ("/trellis/storage/audit/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("new-study", test_new_study);
  ADD ("set-title", test_set_title);
  ADD ("add-timepoint", test_add_timepoint);
  ADD ("update-timepoint", test_update_timepoint);
  ADD ("remove-timepoint", test_remove_timepoint);
  ADD ("tampered-value", test_tampered_value);
  ADD ("tampered-time", test_tampered_time);
  ADD ("deleted-row", test_deleted_row);
  ADD ("data-changed-outside", test_data_changed_outside);
  ADD ("data-added-outside", test_data_added_outside);
  ADD ("data-removed-outside", test_data_removed_outside);
  ADD ("newest-rows-removed", test_newest_rows_removed);
  ADD ("baseline-tables", test_baseline_tables);
  ADD ("refused-writes", test_refused_writes);
  ADD ("constraint-failure", test_constraint_failure);
  ADD ("audit-failure-rolls-back", test_audit_failure_rolls_back);
  ADD ("append-only", test_append_only);

#undef ADD

  return g_test_run ();
}
