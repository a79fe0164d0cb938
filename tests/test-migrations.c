/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "trellis-audit.h"
#include "trellis-audit-coverage.h"
#include "trellis-database-private.h"
#include "trellis-file-probe.h"
#include "trellis-instrument.h"
#include "trellis-migrations.h"
#include "trellis-storage-error.h"
#include "trellis-study.h"
#include "trellis-study-measures.h"
#include "trellis-test-utils.h"
#include "trellis-timepoint.h"

/* Upgrading a format-1 study, made from tests/fixtures/study-v1.sql, to the
 * current format. The checked-in fixture is never opened in place: each test
 * copies it into its own temporary folder, removed afterwards. */

#define FIXTURE_TITLE   "Resilience coaching for maternity staff — pilot (format 1)"
#define FIXTURE_CREATED "2023-03-14T09:30:00Z"
#define FIXTURE_AUDIT_ROWS 8
/* The upgrade adds, in this order: an insert row for each of the eight
 * professions the step to format 3 seeds, one for the Brief Resilience Scale
 * and each of its six items the step to format 4 seeds, a baseline row for
 * the study row (whose audit value gains the columns format 1 did not
 * record, and those format 3 adds), one for each of the five timepoints
 * (which gain their anchor in format 4), and the migrate row itself. */
#define SEEDED_PROFESSIONS 8
#define SEEDED_INSTRUMENT_ROWS 7
#define FIXTURE_TIMEPOINTS 5
#define BASELINE_AUDIT_ROW (FIXTURE_AUDIT_ROWS + SEEDED_PROFESSIONS + SEEDED_INSTRUMENT_ROWS + 1)
#define UPGRADE_AUDIT_ROWS (SEEDED_PROFESSIONS + SEEDED_INSTRUMENT_ROWS + 1 + FIXTURE_TIMEPOINTS + 1)

typedef TrellisTestFolder Fixture;

/* Copies the checked-in v1 fixture to dir/name and returns the new path. */
static char *
copy_fixture (Fixture    *fixture,
              const char *name)
{
  char *path = g_build_filename (fixture->dir, name, NULL);

  trellis_test_copy_v1_study (path);
  return path;
}

static void
append_rows (GString    *out,
             sqlite3    *db,
             const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          if (sqlite3_column_type (stmt, i) == SQLITE_NULL)
            g_string_append (out, "NULL|");
          else
            g_string_append_printf (out, "%d:%s|", sqlite3_column_type (stmt, i),
                                    (const char *) sqlite3_column_text (stmt, i));
        }
      g_string_append_c (out, '\n');
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
}

/* Everything a study file holds, as text: header values, schema, and every
 * row of every table. Two files with equal dumps hold the same study, even
 * where page bookkeeping in their headers differs. */
static char *
dump_study (const char *path)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db = trellis_test_sqlite_open (path, SQLITE_OPEN_READONLY);
  sqlite3_stmt *stmt = NULL;

  g_string_append_printf (out, "user_version %" G_GINT64_FORMAT "\napplication_id %" G_GINT64_FORMAT "\n",
                          trellis_test_sqlite_int (db, "PRAGMA user_version"),
                          trellis_test_sqlite_int (db, "PRAGMA application_id"));
  append_rows (out, db, "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name");

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  for (guint i = 0; i < tables->len; i++)
    {
      char *sql = sqlite3_mprintf ("SELECT * FROM \"%w\" ORDER BY rowid", (const char *) tables->pdata[i]);

      g_string_append_printf (out, "table %s\n", (const char *) tables->pdata[i]);
      append_rows (out, db, sql);
      sqlite3_free (sql);
    }

  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  return g_strdup (out->str);
}

static gboolean
has_column (sqlite3    *db,
            const char *table,
            const char *column)
{
  char *sql = sqlite3_mprintf ("SELECT count(*) FROM pragma_table_info (%Q) WHERE name = %Q", table, column);
  gint64 count = trellis_test_sqlite_int (db, sql);

  sqlite3_free (sql);
  return count > 0;
}

static char *
local_stamp (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y%m%d-%H%M%S");
}

/* The checked-in file is what the other tests assume it is: format 1, with
 * the audit table as it was before the hash chain. */
static void
test_fixture_is_v1 (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autofree char *path = copy_fixture (fixture, "pilot.trellis");
  g_autofree char *title = NULL;
  sqlite3 *db = trellis_test_sqlite_open (path, SQLITE_OPEN_READONLY);

  g_assert_cmpint (trellis_test_sqlite_int (db, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (trellis_test_sqlite_int (db, "PRAGMA application_id"), ==,
                   TRELLIS_APPLICATION_ID);
  g_assert_false (has_column (db, "audit", "prev_hash"));
  g_assert_false (has_column (db, "audit", "hash"));
  g_assert_cmpint (trellis_test_sqlite_int (db, "SELECT count(*) FROM sqlite_schema"
                                                " WHERE type = 'trigger'"), ==, 0);
  g_assert_cmpint (trellis_test_sqlite_int (db, "SELECT count(*) FROM audit"), ==,
                   FIXTURE_AUDIT_ROWS);
  g_assert_cmpint (trellis_test_sqlite_int (db, "SELECT count(*) FROM timepoint_def"), ==, 5);
  title = trellis_test_sqlite_text (db, "SELECT title FROM study");
  g_assert_cmpstr (title, ==, FIXTURE_TITLE);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static void
assert_fixture_plan (TrellisStudy *study)
{
  static const struct { const char *code, *label; int target, lo, hi; } expected[] = {
    { "T1", "Baseline", 0, 0, 0 },
    { "T2", "After workshop", 1, 0, 7 },
    { "T3", "After coaching call", 21, 14, 35 },
    { "T4", "Follow-up", 42, 28, 56 },
    { "T5", "Six-month follow-up", 182, 168, 196 },
  };
  GListModel *plan = trellis_study_get_timepoints (study);

  g_assert_cmpuint (g_list_model_get_n_items (plan), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(TrellisTimepoint) tp = g_list_model_get_item (plan, i);

      g_assert_cmpint (trellis_timepoint_get_id (tp), ==, i + 1);
      g_assert_cmpstr (trellis_timepoint_get_code (tp), ==, expected[i].code);
      g_assert_cmpstr (trellis_timepoint_get_label (tp), ==, expected[i].label);
      g_assert_cmpint (trellis_timepoint_get_target_day (tp), ==, expected[i].target);
      g_assert_cmpint (trellis_timepoint_get_window_min (tp), ==, expected[i].lo);
      g_assert_cmpint (trellis_timepoint_get_window_max (tp), ==, expected[i].hi);
      g_assert_cmpint (trellis_timepoint_get_position (tp), ==, i + 1);
    }
}

/* The newest audit row, through the study's own connection. */
static void
assert_migrate_row (TrellisDatabase *db,
                    const char      *backup)
{
  sqlite3 *handle = trellis_database_get_handle (db);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (handle,
                   "SELECT id, action, table_name, row_key, old_value, new_value, reason, user, time, hash"
                   " FROM audit ORDER BY id DESC LIMIT 1", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, FIXTURE_AUDIT_ROWS + UPGRADE_AUDIT_ROWS);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "migrate");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 2), ==, "schema");
  g_assert_null (sqlite3_column_text (stmt, 3));
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 4), ==, "{\"schema_version\":1}");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 5), ==, "{\"schema_version\":8}");
  /* The audit row says where the pre-upgrade copy went. */
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 6), ==, backup);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 7), ==, g_get_user_name ());
  g_assert_true (g_str_has_suffix ((const char *) sqlite3_column_text (stmt, 8), "Z"));
  g_assert_nonnull (sqlite3_column_text (stmt, 9));
  sqlite3_finalize (stmt);
}

/* The one baseline the upgrade writes: the study row, whose format-1 audit
 * value held only its title. The baseline keeps that value as its old one,
 * so the trail shows what the upgrade re-recorded. */
static void
assert_baseline_row (TrellisDatabase *db)
{
  sqlite3 *handle = trellis_database_get_handle (db);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (handle,
                   "SELECT action, table_name, row_key, old_value, json_extract (new_value, '$.created')"
                   " FROM audit WHERE id = ?", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int (stmt, 1, BASELINE_AUDIT_ROW);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "baseline");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "study");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 2), ==, "1");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 3), ==, "{\"title\":\"" FIXTURE_TITLE "\"}");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 4), ==, FIXTURE_CREATED);
  sqlite3_finalize (stmt);
}

/* The step to format 3 made the register's tables, empty, with the study's
 * register settings at their defaults and the professions seeded, each
 * profession with its own insert audit row right after the fixture's rows. */
static void
assert_register_created (sqlite3 *handle)
{
  static const char *const tables[] = {
    "profession", "cohort", "participant", "participant_contact",
    "consent_version", "consent", "withdrawal",
  };
  g_autofree char *names = NULL;
  g_autofree char *seeded = NULL;
  g_autofree char *pattern = NULL;
  g_autofree char *kinds = NULL;
  g_autofree char *policy = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      char *sql = sqlite3_mprintf ("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = %Q",
                                   tables[i]);

      if (trellis_test_sqlite_int (handle, sql) != 1)
        g_error ("the upgrade did not create table %s", tables[i]);
      sqlite3_free (sql);
    }
  g_assert_cmpint (trellis_test_sqlite_int (handle, "SELECT count(*) FROM cohort"), ==, 0);
  g_assert_cmpint (trellis_test_sqlite_int (handle, "SELECT count(*) FROM participant"), ==, 0);

  names = trellis_test_sqlite_text (handle, "SELECT group_concat (name, ',') FROM"
                                            " (SELECT name FROM profession ORDER BY position)");
  g_assert_cmpstr (names, ==, "Midwife,Paediatrician,Obstetrician/gynaecologist,Paramedic,"
                              "Physician associate,Mammographer,Sonographer,Other");
  seeded = g_strdup_printf ("SELECT count(*) FROM audit WHERE action = 'insert'"
                            " AND table_name = 'profession' AND id BETWEEN %d AND %d",
                            FIXTURE_AUDIT_ROWS + 1, FIXTURE_AUDIT_ROWS + SEEDED_PROFESSIONS);
  g_assert_cmpint (trellis_test_sqlite_int (handle, seeded), ==, SEEDED_PROFESSIONS);

  pattern = trellis_test_sqlite_text (handle, "SELECT code_pattern FROM study");
  kinds = trellis_test_sqlite_text (handle, "SELECT withdrawal_types FROM study");
  policy = trellis_test_sqlite_text (handle, "SELECT destruction_policy FROM study");
  g_assert_cmpstr (pattern, ==, "P###");
  g_assert_cmpstr (kinds, ==, "no-further-contact,no-further-data,data-destruction");
  g_assert_cmpstr (policy, ==, "identifiers");
}

/* The backup sits beside the study, named after it, the old format and the
 * local time it was taken; returns its file name. */
static char *
assert_backup_name (Fixture    *fixture,
                    const char *backup,
                    const char *not_before,
                    const char *not_after)
{
  g_autofree char *dir = g_path_get_dirname (backup);
  g_autofree char *name = g_path_get_basename (backup);
  g_autofree char *stamp = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GRegex) pattern = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (dir, ==, fixture->dir);
  pattern = g_regex_new ("^pilot\\.v1-backup-([0-9]{8}-[0-9]{6})\\.trellis$", 0, 0, &error);
  g_assert_no_error (error);
  if (!g_regex_match (pattern, name, 0, &match))
    g_error ("unexpected backup name %s", name);
  stamp = g_match_info_fetch (match, 1);
  g_assert_cmpstr (stamp, >=, not_before);
  g_assert_cmpstr (stamp, <=, not_after);
  return g_steal_pointer (&name);
}

static void
test_upgrade (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autofree char *path = copy_fixture (fixture, "pilot.trellis");
  g_autofree char *reference = dump_study (path);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *backup_name = NULL;
  g_autofree char *backup_dump = NULL;
  g_autofree char *expected_listing = NULL;
  g_autofree char *listing = NULL;
  g_autoptr(TrellisStudy) study = NULL;
  g_autoptr(GError) error = NULL;
  TrellisDatabase *db;
  sqlite3 *handle;

  before = local_stamp ();
  study = trellis_study_open (path, TRELLIS_OPEN_FLAGS_NONE, &error);
  after = local_stamp ();
  g_assert_no_error (error);
  db = trellis_study_get_database (study);
  handle = trellis_database_get_handle (db);

  /* Now at the current format, with the study as it was. */
  g_assert_cmpint (TRELLIS_SCHEMA_VERSION, ==, 8);
  g_assert_cmpint (trellis_database_get_schema_version (db), ==, TRELLIS_SCHEMA_VERSION);
  g_assert_cmpint (trellis_test_sqlite_int (handle, "PRAGMA user_version"), ==, TRELLIS_SCHEMA_VERSION);
  g_assert_true (has_column (handle, "audit", "prev_hash"));
  g_assert_true (has_column (handle, "audit", "hash"));
  /* Format 8's score cache starts empty and fills as analyses read. */
  g_assert_true (has_column (handle, "score_cache", "data"));
  g_assert_cmpint (trellis_test_sqlite_int (handle, "SELECT count(*) FROM score_cache"), ==, 0);
  g_assert_cmpstr (trellis_study_get_title (study), ==, FIXTURE_TITLE);
  g_assert_cmpstr (trellis_study_get_created (study), ==, FIXTURE_CREATED);
  assert_fixture_plan (study);

  backup = g_strdup (trellis_database_get_migration_backup (db));
  g_assert_nonnull (backup);
  backup_name = assert_backup_name (fixture, backup, before, after);

  /* The chain now covers the rows written before it existed, and the upgrade
   * itself is on record. */
  g_assert_true (trellis_audit_verify (db, &error));
  g_assert_no_error (error);
  g_assert_cmpint (trellis_study_get_audit_count (study), ==, FIXTURE_AUDIT_ROWS + UPGRADE_AUDIT_ROWS);
  g_assert_cmpint (trellis_test_sqlite_int (handle, "SELECT count(*) FROM audit"
                                                    " WHERE hash IS NULL OR prev_hash IS NULL"),
                   ==, 0);
  assert_migrate_row (db, backup);
  assert_baseline_row (db);
  assert_register_created (handle);
  g_clear_object (&study);

  /* Nothing else was left in the folder: no lock, no write-ahead log. */
  expected_listing = g_strdup_printf ("pilot.trellis %s", backup_name);
  listing = trellis_test_list_dir (fixture->dir);
  g_assert_cmpstr (listing, ==, expected_listing);

  /* The backup holds exactly the study as it was before the upgrade. */
  backup_dump = dump_study (backup);
  g_assert_cmpstr (backup_dump, ==, reference);
  g_assert_true (g_str_has_prefix (backup_dump, "user_version 1\n"));

  /* Opening again finds nothing to upgrade. */
  study = trellis_study_open (path, TRELLIS_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_null (trellis_database_get_migration_backup (trellis_study_get_database (study)));
  g_assert_cmpint (trellis_study_get_audit_count (study), ==, FIXTURE_AUDIT_ROWS + UPGRADE_AUDIT_ROWS);
}

/* The step to format 4 gives every timepoint of an older study the baseline
 * as its anchor (its days were always counted from there), seeds the Brief
 * Resilience Scale with its audit rows, and leaves every audited table
 * covered by the trail. */
static void
test_upgrade_measures (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autofree char *path = copy_fixture (fixture, "pilot.trellis");
  g_autoptr(TrellisStudy) study = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisInstrument) brs = NULL;
  TrellisInstrument *stored;
  GListModel *plan;
  TrellisDatabase *db;
  sqlite3 *handle;
  g_autofree char *seeded = NULL;

  study = trellis_study_open (path, TRELLIS_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);
  db = trellis_study_get_database (study);
  handle = trellis_database_get_handle (db);

  plan = trellis_study_get_timepoints (study);
  g_assert_cmpuint (g_list_model_get_n_items (plan), ==, FIXTURE_TIMEPOINTS);
  for (guint i = 0; i < g_list_model_get_n_items (plan); i++)
    {
      g_autoptr(TrellisTimepoint) tp = g_list_model_get_item (plan, i);

      g_assert_cmpint (trellis_timepoint_get_anchor (tp), ==, TRELLIS_ANCHOR_BASELINE);
    }
  g_assert_cmpint (trellis_test_sqlite_int (handle, "SELECT count(*) FROM timepoint_def"
                                                    " WHERE anchor = 'baseline'"), ==, FIXTURE_TIMEPOINTS);

  /* The seeded scale is the built-in one, item for item. */
  g_assert_cmpuint (g_list_model_get_n_items (trellis_study_get_instruments (study)), ==, 1);
  stored = trellis_study_find_instrument (study, "BRS");
  g_assert_nonnull (stored);
  brs = trellis_instrument_new_brief_resilience_scale ();
  g_assert_cmpstr (trellis_instrument_get_label (stored), ==, trellis_instrument_get_label (brs));
  g_assert_cmpuint (trellis_instrument_get_items (stored)->len, ==, 6);
  for (guint i = 0; i < 6; i++)
    {
      TrellisItem *a = trellis_instrument_get_items (stored)->pdata[i];
      TrellisItem *b = trellis_instrument_get_items (brs)->pdata[i];

      g_assert_cmpstr (trellis_item_get_code (a), ==, trellis_item_get_code (b));
      g_assert_cmpint (trellis_item_get_min (a), ==, 1);
      g_assert_cmpint (trellis_item_get_max (a), ==, 5);
      g_assert_cmpint (trellis_item_get_reverse (a), ==, trellis_item_get_reverse (b));
      g_assert_cmpint (trellis_item_get_reverse (a), ==, i % 2 == 1);
    }
  seeded = g_strdup_printf ("SELECT count(*) FROM audit WHERE action = 'insert'"
                            " AND table_name IN ('instrument', 'item') AND id BETWEEN %d AND %d",
                            FIXTURE_AUDIT_ROWS + SEEDED_PROFESSIONS + 1,
                            FIXTURE_AUDIT_ROWS + SEEDED_PROFESSIONS + SEEDED_INSTRUMENT_ROWS);
  g_assert_cmpint (trellis_test_sqlite_int (handle, seeded), ==, SEEDED_INSTRUMENT_ROWS);

  g_assert_true (trellis_audit_verify (db, &error));
  g_assert_no_error (error);
  g_assert_true (trellis_audit_verify_coverage (db, &error));
  g_assert_no_error (error);
}

/* A file already at the backup's name, for every second the upgrade might
 * happen in, is never overwritten: the backup takes another name. */
static void
test_backup_never_overwrites (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autofree char *path = copy_fixture (fixture, "pilot.trellis");
  g_autoptr(GPtrArray) decoys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(TrellisStudy) study = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *backup_dump = NULL;

  /* Generous on both sides, so that a slow machine cannot step past them. */
  for (int offset = -2; offset <= 120; offset++)
    {
      g_autoptr(GDateTime) then = g_date_time_add_seconds (now, offset);
      g_autofree char *stamp = g_date_time_format (then, "%Y%m%d-%H%M%S");
      g_autofree char *name = g_strdup_printf ("pilot.v1-backup-%s.trellis", stamp);
      char *decoy = g_build_filename (fixture->dir, name, NULL);

      trellis_test_write_file (decoy, name, -1);
      g_ptr_array_add (decoys, decoy);
    }

  study = trellis_study_open (path, TRELLIS_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);
  backup = g_strdup (trellis_database_get_migration_backup (trellis_study_get_database (study)));
  g_assert_nonnull (backup);
  g_test_message ("The backup went to %s", backup);
  g_clear_object (&study);

  for (guint i = 0; i < decoys->len; i++)
    {
      g_autofree char *contents = NULL;
      g_autofree char *name = g_path_get_basename (decoys->pdata[i]);

      g_assert_cmpstr (backup, !=, decoys->pdata[i]);
      contents = trellis_test_read_file (decoys->pdata[i], NULL);
      g_assert_cmpstr (contents, ==, name);
    }

  backup_dump = dump_study (backup);
  g_assert_true (g_str_has_prefix (backup_dump, "user_version 1\n"));
}

/* Two studies with the same stem in one folder, upgraded one after the other
 * (quite possibly in the same second), get a backup each. */
static void
test_two_backups_same_folder (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autofree char *first = copy_fixture (fixture, "pilot.trellis");
  g_autofree char *second = copy_fixture (fixture, "pilot.study");
  g_autofree char *first_backup = NULL;
  g_autofree char *second_backup = NULL;
  g_autoptr(GError) error = NULL;
  const char *paths[] = { first, second };
  char **backups[] = { &first_backup, &second_backup };

  /* Tell the two apart, so that one backup overwriting the other would show. */
  trellis_test_sqlite_exec_file (second, "UPDATE study SET title = 'Second copy'");

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(TrellisStudy) study = trellis_study_open (paths[i], TRELLIS_OPEN_FLAGS_NONE, &error);

      g_assert_no_error (error);
      *backups[i] = g_strdup (trellis_database_get_migration_backup (trellis_study_get_database (study)));
      g_assert_nonnull (*backups[i]);
    }

  g_assert_cmpstr (first_backup, !=, second_backup);
  {
    sqlite3 *one = trellis_test_sqlite_open (first_backup, SQLITE_OPEN_READONLY);
    sqlite3 *two = trellis_test_sqlite_open (second_backup, SQLITE_OPEN_READONLY);
    g_autofree char *one_title = trellis_test_sqlite_text (one, "SELECT title FROM study");
    g_autofree char *two_title = trellis_test_sqlite_text (two, "SELECT title FROM study");

    g_assert_cmpint (trellis_test_sqlite_int (one, "PRAGMA user_version"), ==, 1);
    g_assert_cmpint (trellis_test_sqlite_int (two, "PRAGMA user_version"), ==, 1);
    g_assert_cmpstr (one_title, ==, FIXTURE_TITLE);
    g_assert_cmpstr (two_title, ==, "Second copy");
    g_assert_cmpint (sqlite3_close (one), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_close (two), ==, SQLITE_OK);
  }
}

/* Rows written in format 1, before there was a chain, are protected once the
 * upgrade has hashed them. */
static void
test_old_rows_protected (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autofree char *path = copy_fixture (fixture, "pilot.trellis");
  g_autoptr(TrellisDatabase) db = NULL;
  g_autoptr(GError) error = NULL;

  db = trellis_database_open (path, TRELLIS_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_clear_object (&db);

  trellis_test_sqlite_exec_file (path, "DROP TRIGGER audit_no_update;"
                                       "UPDATE audit SET user = 'someone-else' WHERE id = 6");

  db = trellis_database_open (path, TRELLIS_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_false (trellis_audit_verify (db, &error));
  g_assert_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_AUDIT);
  g_assert_nonnull (strstr (error->message, "row 6 "));
}

/* From format 2 on, the audit trail is a hash chain, and a file whose chain
 * is broken is not upgraded: the baselines an upgrade writes would sit on
 * top of a tampered trail. This build has no format after 2 to upgrade to,
 * so the check is asked directly, as an upgrade from format 2 would ask it. */
static void
test_broken_chain_refuses_upgrade (Fixture       *fixture,
                                   gconstpointer  user_data)
{
  g_autofree char *path = copy_fixture (fixture, "pilot.trellis");
  g_autoptr(TrellisDatabase) db = NULL;
  g_autoptr(GError) error = NULL;

  db = trellis_database_open (path, TRELLIS_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_true (trellis_migrations_check_audit (db, 2, &error));
  g_assert_no_error (error);
  g_clear_object (&db);

  trellis_test_sqlite_exec_file (path, "DROP TRIGGER audit_no_update;"
                                       "UPDATE audit SET reason = 'Rewritten' WHERE id = 6");
  db = trellis_database_open (path, TRELLIS_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);

  g_assert_false (trellis_migrations_check_audit (db, 2, &error));
  g_assert_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_AUDIT);
  g_assert_nonnull (strstr (error->message, "Refused to upgrade"));
  g_assert_nonnull (strstr (error->message, "pilot.trellis"));
  g_assert_nonnull (strstr (error->message, "audit row 6 "));
  g_clear_error (&error);

  /* Format 1 had no chain, so there is nothing to check before upgrading it. */
  g_assert_true (trellis_migrations_check_audit (db, 1, &error));
  g_assert_no_error (error);
}

/* Breaks the fixture copy at path with `sabotage`, then checks that the
 * upgrade is refused and leaves the file exactly as it was: still format 1,
 * no new column, no trigger, no audit row. */
static void
assert_upgrade_refused (const char *path,
                        const char *sabotage,
                        int         code)
{
  g_autoptr(TrellisStudy) study = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reference = NULL;
  g_autofree char *after = NULL;
  sqlite3 *db;

  trellis_test_sqlite_exec_file (path, sabotage);
  reference = dump_study (path);

  study = trellis_study_open (path, TRELLIS_OPEN_FLAGS_NONE, &error);
  g_assert_null (study);
  g_assert_error (error, TRELLIS_STORAGE_ERROR, code);
  g_assert_nonnull (strstr (error->message, "pilot.trellis"));
  g_assert_nonnull (strstr (error->message, "the file is unchanged"));

  db = trellis_test_sqlite_open (path, SQLITE_OPEN_READONLY);
  g_assert_cmpint (trellis_test_sqlite_int (db, "PRAGMA user_version"), ==, 1);
  g_assert_false (has_column (db, "audit", "prev_hash"));
  g_assert_cmpint (trellis_test_sqlite_int (db, "SELECT count(*) FROM sqlite_schema"
                                                " WHERE name = 'audit_no_delete'"), ==, 0);
  g_assert_cmpint (trellis_test_sqlite_int (db, "SELECT count(*) FROM audit"), ==,
                   FIXTURE_AUDIT_ROWS);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  after = dump_study (path);
  g_assert_cmpstr (after, ==, reference);
}

/* The very first statement of the step fails after adding one column. */
static void
test_refused_column (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autofree char *path = copy_fixture (fixture, "pilot.trellis");

  assert_upgrade_refused (path, "ALTER TABLE audit ADD COLUMN hash TEXT",
                          TRELLIS_STORAGE_ERROR_MIGRATION);
}

/* The step fails at its very end, after the columns were added and every row
 * was hashed: all of that must be undone too. */
static void
test_refused_trigger (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autofree char *path = copy_fixture (fixture, "pilot.trellis");

  assert_upgrade_refused (path, "CREATE TRIGGER audit_no_update AFTER INSERT ON audit"
                                " BEGIN SELECT 1; END", TRELLIS_STORAGE_ERROR_MIGRATION);
}

/* Every step succeeds, but the file fails its integrity check: a row of a
 * table no step touches breaks its CHECK constraint (written with the
 * constraint switched off, as a plain SQLite tool can). The checks run inside
 * the upgrade's own transaction, so the file is rolled back to format 1, not
 * left upgraded and doubtful. */
static void
test_refused_integrity (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autofree char *path = copy_fixture (fixture, "pilot.trellis");

  assert_upgrade_refused (path, "CREATE TABLE notes (n INTEGER CHECK (n > 0));"
                                "PRAGMA ignore_check_constraints = 1;"
                                "INSERT INTO notes VALUES (-1)",
                          TRELLIS_STORAGE_ERROR_CORRUPT);
}

/* A timepoint row that breaks its CHECK constraint is found by the step to
 * format 4 itself, which gives every timepoint its anchor: the upgrade stops
 * there and the file is left as it was. */
static void
test_refused_step_check (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autofree char *path = copy_fixture (fixture, "pilot.trellis");

  assert_upgrade_refused (path, "PRAGMA ignore_check_constraints = 1;"
                                "UPDATE timepoint_def SET window_min = 99 WHERE code = 'T3'",
                          TRELLIS_STORAGE_ERROR_MIGRATION);
}

/* The backup holds the same data as the study, so it is readable by no one
 * the study is not readable by, and is its owner's to write. */
static void
test_backup_mode (Fixture       *fixture,
                  gconstpointer  user_data)
{
  static const int modes[] = { 0600, 0640, 0644 };

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autofree char *name = g_strdup_printf ("pilot-%o.trellis", modes[i]);
      g_autofree char *path = copy_fixture (fixture, name);
      g_autoptr(TrellisStudy) study = NULL;
      g_autoptr(GError) error = NULL;
      const char *backup;

      g_assert_no_errno (g_chmod (path, modes[i]));
      study = trellis_study_open (path, TRELLIS_OPEN_FLAGS_NONE, &error);
      g_assert_no_error (error);
      backup = trellis_database_get_migration_backup (trellis_study_get_database (study));
      g_assert_nonnull (backup);
      g_assert_cmpint (trellis_test_file_mode (backup), ==, modes[i]);
      g_assert_cmpint (trellis_test_file_mode (path), ==, modes[i]);
    }
}

/* The format-1 fixture was refused with MIGRATION, naming it (so the
 * caller can offer the upgrade), and its folder is as it was. */
static void
assert_v1_refused (Fixture      *fixture,
                   const char   *path,
                   GBytes       *before,
                   const GError *error)
{
  g_autoptr(GBytes) after = NULL;
  g_autofree char *listing = NULL;

  g_assert_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_MIGRATION);
  g_assert_nonnull (strstr (error->message, "pilot.trellis"));
  g_assert_nonnull (strstr (error->message, "older file format (1)"));

  after = trellis_test_read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
  listing = trellis_test_list_dir (fixture->dir);
  g_assert_cmpstr (listing, ==, "pilot.trellis");
}

/* A read-only open the caller asked for never upgrades. */
static void
test_read_only_requested_v1 (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autofree char *path = copy_fixture (fixture, "pilot.trellis");
  g_autoptr(TrellisStudy) study = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = trellis_test_read_bytes (path);

  study = trellis_study_open (path, TRELLIS_OPEN_FLAGS_READ_ONLY, &error);
  g_assert_null (study);
  assert_v1_refused (fixture, path, before, error);
}

/* An open for writing that was asked not to upgrade (trellis-cli's commands
 * that change a study) refuses the format-1 file as a read-only open does,
 * with MIGRATION, before changing anything: not even the journal mode, and
 * no backup, lock or log is left beside it. */
static void
test_no_upgrade_v1 (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autofree char *path = copy_fixture (fixture, "pilot.trellis");
  g_autoptr(TrellisDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = trellis_test_read_bytes (path);

  database = trellis_database_open (path, TRELLIS_OPEN_FLAGS_NO_UPGRADE, &error);
  g_assert_null (database);
  assert_v1_refused (fixture, path, before, error);
}

/* The same open of a study in the current format is an ordinary writable
 * one. */
static void
test_no_upgrade_current (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autofree char *path = copy_fixture (fixture, "pilot.trellis");
  g_autoptr(TrellisDatabase) database = NULL;
  g_autoptr(GError) error = NULL;

  database = trellis_database_open (path, TRELLIS_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_clear_object (&database);

  database = trellis_database_open (path, TRELLIS_OPEN_FLAGS_NO_UPGRADE, &error);
  g_assert_no_error (error);
  g_assert_false (trellis_database_is_read_only (database));
  g_assert_cmpint (trellis_database_get_schema_version (database), ==, TRELLIS_SCHEMA_VERSION);
  g_assert_cmpint (trellis_database_get_migrated_from (database), ==, 0);
  g_assert_true (trellis_database_begin_write (database, &error));
  g_assert_no_error (error);
  trellis_database_rollback (database);
}

/* A format-1 file that cannot be written cannot be upgraded, so it is refused
 * rather than opened half-way, and nothing is written beside it. */
static void
test_read_only_v1 (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autofree char *path = copy_fixture (fixture, "pilot.trellis");
  g_autoptr(TrellisStudy) study = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;

  g_assert_no_errno (g_chmod (path, 0444));
  before = trellis_test_read_bytes (path);

  study = trellis_study_open (path, TRELLIS_OPEN_FLAGS_NONE, &error);
  g_assert_null (study);
  g_assert_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "pilot.trellis"));

  after = trellis_test_read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_cmpuint (trellis_test_count_files_containing (fixture->dir, "backup"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, func) \
  g_test_add ("/trellis/storage/migrations/" name, Fixture, NULL, \
              trellis_test_folder_set_up, func, trellis_test_folder_tear_down)

  ADD ("fixture-is-v1", test_fixture_is_v1);
  ADD ("upgrade", test_upgrade);
  ADD ("upgrade-measures", test_upgrade_measures);
  ADD ("backup-never-overwrites", test_backup_never_overwrites);
  ADD ("two-backups-same-folder", test_two_backups_same_folder);
  ADD ("old-rows-protected", test_old_rows_protected);
  ADD ("broken-chain-refuses-upgrade", test_broken_chain_refuses_upgrade);
  ADD ("refused-column", test_refused_column);
  ADD ("refused-trigger", test_refused_trigger);
  ADD ("refused-integrity", test_refused_integrity);
  ADD ("refused-step-check", test_refused_step_check);
  ADD ("backup-mode", test_backup_mode);
  ADD ("read-only-requested-v1", test_read_only_requested_v1);
  ADD ("read-only-v1", test_read_only_v1);
  ADD ("no-upgrade-v1", test_no_upgrade_v1);
  ADD ("no-upgrade-current", test_no_upgrade_current);

#undef ADD

  return g_test_run ();
}
