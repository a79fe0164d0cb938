/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "trellis-audit.h"
#include "trellis-database-private.h"
#include "trellis-demo-study.h"
#include "trellis-migrations.h"
#include "trellis-storage-error.h"
#include "trellis-study.h"
#include "trellis-study-register.h"
#include "trellis-test-utils.h"

/* The upgrade from format 4, whose audit chain hashed the values, to format
 * 5, whose chain hashes salted digests of them. The format-4 file is made
 * here: a demo study (bulk audit rows of answers and all) is written in the
 * current format, then taken back to format 4's audit table through SQL,
 * with its chain computed the way format 4 computed it. The chain is
 * computed by this file's own code, with GChecksum, so the test also pins
 * down that the upgrade reads format 4's chain as format 4 wrote it. */

#define DEMO_PARTICIPANTS 12
#define GENESIS_HASH "0000000000000000000000000000000000000000000000000000000000000000"

typedef TrellisTestFolder Fixture;

static const char to_format_4[] =
  TRELLIS_TEST_UNDO_FORMAT_8
  "DROP INDEX answer_sheet_score;"
  "CREATE INDEX answer_sheet_instrument ON answer_sheet (instrument_id);"
  "DROP TRIGGER audit_no_update;"
  "DROP TRIGGER audit_no_delete;"
  "CREATE TABLE audit_v4 ("
  "  id INTEGER PRIMARY KEY, time TEXT NOT NULL, user TEXT NOT NULL, action TEXT NOT NULL,"
  "  table_name TEXT NOT NULL, row_key TEXT, old_value TEXT, new_value TEXT, reason TEXT,"
  "  prev_hash TEXT, hash TEXT);"
  "INSERT INTO audit_v4 SELECT id, time, user, action, table_name, row_key, old_value, new_value, reason,"
  "  NULL, NULL FROM audit;"
  "DROP TABLE audit;"
  "ALTER TABLE audit_v4 RENAME TO audit;"
  "DROP TABLE interview;"
  "DROP TABLE interview_pick;"
  "DROP TABLE interview_eligible;"
  "DROP TABLE interview_draw;"
  "DROP TABLE research_data_purge;"
  "DROP INDEX consent_by_version;"
  "PRAGMA user_version = 4;";

static const char format_4_triggers[] =
  "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit"
  " BEGIN SELECT RAISE (ABORT, 'the audit trail is append-only'); END;"
  "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit"
  " BEGIN SELECT RAISE (ABORT, 'the audit trail is append-only'); END;";

/* Format 4's row hash: SHA-256 over the previous hash, then each of the nine
 * content columns as "\n<length>:<text>", or "\n-" for NULL. */
static char *
format_4_hash (const char   *prev,
               sqlite3_stmt *stmt)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  g_checksum_update (checksum, (const guchar *) prev, -1);
  for (int i = 0; i < 9; i++)
    {
      const char *text = (const char *) sqlite3_column_text (stmt, i);
      g_autofree char *prefix = text != NULL ? g_strdup_printf ("\n%zu:", strlen (text)) : g_strdup ("\n-");

      g_checksum_update (checksum, (const guchar *) prefix, -1);
      if (text != NULL)
        g_checksum_update (checksum, (const guchar *) text, -1);
    }
  return g_strdup (g_checksum_get_string (checksum));
}

static void
chain_format_4 (const char *path)
{
  sqlite3 *db = trellis_test_sqlite_open (path, SQLITE_OPEN_READWRITE);
  g_autofree char *prev = g_strdup (GENESIS_HASH);
  g_autoptr(GString) updates = g_string_new ("BEGIN;");
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT id, time, user, action, table_name, row_key, old_value,"
                                           " new_value, reason FROM audit ORDER BY id", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *hash = format_4_hash (prev, stmt);

      g_string_append_printf (updates, "UPDATE audit SET prev_hash = '%s', hash = '%s' WHERE id = %lld;",
                              prev, hash, (long long) sqlite3_column_int64 (stmt, 0));
      g_free (prev);
      prev = g_steal_pointer (&hash);
    }
  sqlite3_finalize (stmt);
  g_string_append (updates, "COMMIT;");
  trellis_test_sqlite_exec (db, updates->str);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

/* A demo study in format 4 at fixture->path; tamper (SQL, or NULL) is
 * applied before the triggers go on, as a tamperer would after dropping them. */
static void
write_format_4 (Fixture    *fixture,
                const char *tamper)
{
  g_autoptr(TrellisDatabase) demo = NULL;
  g_autoptr(GError) error = NULL;

  demo = trellis_demo_study_create (fixture->path, "Demo", DEMO_PARTICIPANTS, 11, &error);
  g_assert_no_error (error);
  g_clear_object (&demo);
  trellis_test_sqlite_exec_file (fixture->path, to_format_4);
  chain_format_4 (fixture->path);
  if (tamper != NULL)
    trellis_test_sqlite_exec_file (fixture->path, tamper);
  trellis_test_sqlite_exec_file (fixture->path, format_4_triggers);
}

static const char audit_values_sql[] =
  "SELECT json_group_array (json_array (id, time, action, table_name, row_key, old_value, new_value, reason))"
  " FROM audit WHERE id <= 10000 AND action != 'migrate'";

static void
test_upgrade_rechains (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(TrellisStudy) study = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *migrate = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  TrellisDatabase *db;
  sqlite3 *handle;
  gint64 participant;
  gint64 rows;

  write_format_4 (fixture, NULL);
  handle = trellis_test_sqlite_open (fixture->path, SQLITE_OPEN_READONLY);
  before = trellis_test_sqlite_text (handle, audit_values_sql);
  rows = trellis_test_sqlite_int (handle, "SELECT count(*) FROM audit");
  g_assert_cmpint (trellis_test_sqlite_int (handle, "SELECT count(*) FROM audit WHERE row_key = 'bulk'"), >=, 3);
  g_assert_cmpint (sqlite3_close (handle), ==, SQLITE_OK);

  study = trellis_study_open (fixture->path, TRELLIS_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);
  db = trellis_study_get_database (study);
  handle = trellis_database_get_handle (db);
  g_assert_nonnull (trellis_database_get_migration_backup (db));
  g_assert_cmpint (trellis_test_sqlite_int (handle, "PRAGMA user_version"), ==, TRELLIS_SCHEMA_VERSION);

  /* Every row kept its values and got a salt and digests; the chain and the
   * coverage check pass; the upgrade is the one row added. */
  after = trellis_test_sqlite_text (handle, audit_values_sql);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (trellis_test_sqlite_int (handle, "SELECT count(*) FROM audit"), ==, rows + 1);
  g_assert_cmpint (trellis_test_sqlite_int (handle, "SELECT count(*) FROM audit WHERE value_salt IS NULL"
                                                    " OR (old_value IS NULL) != (old_digest IS NULL)"
                                                    " OR (new_value IS NULL) != (new_digest IS NULL)"), ==, 0);
  migrate = trellis_test_sqlite_text (handle, "SELECT old_value || new_value FROM audit WHERE id = (SELECT max (id) FROM audit)");
  g_assert_cmpstr (migrate, ==, "{\"schema_version\":4}{\"schema_version\":8}");
  g_assert_true (trellis_audit_verify (db, &error));
  g_assert_no_error (error);

  /* Bulk rows written in format 4 give up a purged participant's entries. */
  g_assert_true (trellis_study_set_destruction_policy (study, TRELLIS_DESTRUCTION_POLICY_IDENTIFIERS_AND_DATA, &error));
  participant = trellis_test_sqlite_int (handle, "SELECT min (participant_id) FROM visit"
                                                 " WHERE participant_id NOT IN (SELECT participant_id FROM withdrawal)"
                                                 " AND participant_id IN (SELECT participant_id FROM consent)");
  g_assert_cmpint (trellis_study_record_withdrawal (study, participant, TRELLIS_WITHDRAWAL_DATA_DESTRUCTION,
                                                    today, NULL, &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (trellis_study_purge_participant (study, participant, "Asked", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (trellis_test_sqlite_int (handle, "SELECT count(*) FROM audit WHERE redacted_by IS NOT NULL"),
                   >=, 3);
  g_assert_true (trellis_audit_verify (db, &error));
  g_assert_no_error (error);
}

/* A format-4 file whose chain is broken is not upgraded, and stays exactly
 * as it was: no new columns, no backup. */
static void
test_broken_chain_refused (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(TrellisStudy) study = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *listing = NULL;
  sqlite3 *handle;

  write_format_4 (fixture, "UPDATE audit SET reason = 'Rewritten' WHERE id = 5");
  before = trellis_test_dump_hash (fixture->path);

  study = trellis_study_open (fixture->path, TRELLIS_OPEN_FLAGS_NONE, &error);
  g_assert_null (study);
  g_assert_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_AUDIT);
  if (strstr (error->message, "Refused to upgrade") == NULL || strstr (error->message, "format 4") == NULL ||
      strstr (error->message, "the file is unchanged") == NULL || strstr (error->message, "audit row 5 ") == NULL)
    g_error ("“%s” does not say why the upgrade was refused", error->message);

  listing = trellis_test_list_dir (fixture->dir);
  g_assert_cmpstr (listing, ==, "study.trellis");
  after = trellis_test_dump_hash (fixture->path);
  g_assert_cmpstr (after, ==, before);
  handle = trellis_test_sqlite_open (fixture->path, SQLITE_OPEN_READONLY);
  g_assert_cmpint (trellis_test_sqlite_int (handle, "PRAGMA user_version"), ==, 4);
  g_assert_cmpint (trellis_test_sqlite_int (handle, "SELECT count(*) FROM pragma_table_info ('audit')"
                                                    " WHERE name = 'value_salt'"), ==, 0);
  g_assert_cmpint (sqlite3_close (handle), ==, SQLITE_OK);
}

/* The step itself checks the old chain as it re-chains, so an upgrade that
 * reached it with a broken chain (from format 1, whose chain the step to
 * format 2 had just made, nothing can) still stops there. */
static void
test_step_checks_chain (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(TrellisDatabase) db = NULL;
  g_autoptr(GError) error = NULL;

  write_format_4 (fixture, "UPDATE audit SET user = 'someone-else' WHERE id = 7");
  trellis_test_sqlite_exec_file (fixture->path, "DROP TRIGGER audit_no_update;"
                                                "ALTER TABLE audit ADD COLUMN value_salt TEXT;"
                                                "ALTER TABLE audit ADD COLUMN old_digest TEXT;"
                                                "ALTER TABLE audit ADD COLUMN new_digest TEXT;"
                                                "PRAGMA user_version = " G_STRINGIFY (TRELLIS_SCHEMA_VERSION) ";");
  db = trellis_database_open (fixture->path, TRELLIS_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_true (trellis_database_begin_write (db, &error));
  g_assert_false (trellis_audit_rechain (db, &error));
  g_assert_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_AUDIT);
  g_assert_nonnull (strstr (error->message, "audit row 7 "));
  trellis_database_rollback (db);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, func) \
  g_test_add ("/trellis/storage/audit-rechain/" name, Fixture, NULL, trellis_test_folder_set_up, func, \
              trellis_test_folder_tear_down)

  ADD ("upgrade-from-format-4", test_upgrade_rechains);
  ADD ("broken-chain-refused", test_broken_chain_refused);
  ADD ("step-checks-chain", test_step_checks_chain);

#undef ADD

  return g_test_run ();
}
