/* SPDX-License-Identifier: GPL-3.0-or-later */
#define _GNU_SOURCE   /* memmem */
#include <string.h>

#include "trellis-audit.h"
#include "trellis-audit-coverage.h"
#include "trellis-date.h"
#include "trellis-database-private.h"
#include "trellis-demo-study.h"
#include "trellis-instrument.h"
#include "trellis-storage-error.h"
#include "trellis-study.h"
#include "trellis-study-measures.h"
#include "trellis-study-register.h"
#include "trellis-test-utils.h"
#include "trellis-visit-answers.h"
#include "trellis-visit-table.h"

/* The purge of research data a data-destruction withdrawal asks for, under
 * the “identifiers and research data” policy, on a demo study whose answers
 * were written in bulk and then edited one by one: afterwards no byte of
 * the participant's answers, of the audit values that held them, of their
 * rows' digests in bulk audit rows, or of the salts of the rows redacted is
 * left in the study file or its write-ahead log, and the audit trail still
 * verifies, while any edit to what the purge left fails the check. */

#define DEMO_PARTICIPANTS 24
#define REASON "Participant asked by email for everything to be destroyed"

typedef struct
{
  TrellisTestFolder folder;
  TrellisStudy *study;
  TrellisDatabase *db;   /* owned by study */
  gint64 participant;    /* the one purged */
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(TrellisDatabase) demo = NULL;
  g_autoptr(GError) error = NULL;

  trellis_test_folder_set_up (&fixture->folder, user_data);
  demo = trellis_demo_study_create (fixture->folder.path, "Demo", DEMO_PARTICIPANTS, 7, &error);
  g_assert_no_error (error);
  g_clear_object (&demo);
  fixture->study = trellis_study_open (fixture->folder.path, TRELLIS_OPEN_FLAGS_NONE, &error);
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

static sqlite3 *
handle (Fixture *fixture)
{
  return trellis_database_get_handle (fixture->db);
}

static gint64
sql_int (Fixture    *fixture,
         const char *sql)
{
  return trellis_test_sqlite_int (handle (fixture), sql);
}

/* Every value of the first column the query returns. */
static GPtrArray *
sql_texts (sqlite3    *db,
           const char *sql)
{
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (sqlite3_column_type (stmt, 0) != SQLITE_NULL)
      g_ptr_array_add (texts, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  return texts;
}

static char *
with_participant (Fixture    *fixture,
                  const char *format)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, fixture->participant);
  g_autoptr(GString) sql = g_string_new (format);

  g_string_replace (sql, "@P", id, 0);
  return g_strdup (sql->str);
}

static gint64
participant_int (Fixture    *fixture,
                 const char *format)
{
  g_autofree char *sql = with_participant (fixture, format);

  return sql_int (fixture, sql);
}

static GPtrArray *
participant_texts (Fixture    *fixture,
                   const char *format)
{
  g_autofree char *sql = with_participant (fixture, format);

  return sql_texts (handle (fixture), sql);
}

/* The demo participant with the most answer sheets who has consented, has
 * events and has not withdrawn. */
static void
choose_participant (Fixture *fixture)
{
  fixture->participant = sql_int (fixture,
      "SELECT v.participant_id FROM visit AS v JOIN answer_sheet AS s ON s.visit_id = v.id"
      " WHERE v.participant_id NOT IN (SELECT participant_id FROM withdrawal)"
      "  AND v.participant_id IN (SELECT participant_id FROM participant_event)"
      "  AND v.participant_id IN (SELECT participant_id FROM consent)"
      " GROUP BY v.participant_id ORDER BY count(*) DESC, v.participant_id LIMIT 1");
  g_assert_cmpint (fixture->participant, >, 0);
}

static gint64
timepoint (Fixture    *fixture,
           const char *code)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM timepoint_def WHERE code = '%s'", code);

  return sql_int (fixture, sql);
}

/* Edits answers one by one, so that single-row audit rows hold them too:
 * new BRS answers at T1 (an update, whose old value is the imported sheet),
 * and the Knowledge test at T2 emptied, which deletes that sheet, so that
 * only the audit trail still knows it was theirs. */
static void
edit_answers (Fixture *fixture)
{
  static const int brs[6] = { 1, 5, 1, 5, 1, 4 };
  int blank[10];
  g_autoptr(TrellisVisitAnswers) t1 = NULL;
  g_autoptr(TrellisVisitAnswers) t2 = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (blank); i++)
    blank[i] = TRELLIS_ITEM_UNANSWERED;
  t1 = trellis_study_load_visit (fixture->study, fixture->participant, timepoint (fixture, "T1"), &error);
  g_assert_no_error (error);
  trellis_visit_answers_set_values (t1, "BRS", brs, G_N_ELEMENTS (brs));
  g_assert_true (trellis_study_save_visit (fixture->study, t1, &error));
  g_assert_no_error (error);

  t2 = trellis_study_load_visit (fixture->study, fixture->participant, timepoint (fixture, "T2"), &error);
  g_assert_no_error (error);
  g_assert_nonnull (t2->completed_date);
  trellis_visit_answers_set_values (t2, "KNOW", blank, G_N_ELEMENTS (blank));
  g_assert_true (trellis_study_save_visit (fixture->study, t2, &error));
  g_assert_no_error (error);
}

static void
withdraw (Fixture *fixture)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (trellis_study_record_withdrawal (fixture->study, fixture->participant,
                                                    TRELLIS_WITHDRAWAL_DATA_DESTRUCTION, today, NULL, &error), >, 0);
  g_assert_no_error (error);
}

static void
purge (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  gboolean log_cleared = FALSE;

  g_assert_true (trellis_study_purge_participant (fixture->study, fixture->participant, REASON,
                                                  &log_cleared, &error));
  g_assert_no_error (error);
  g_assert_true (log_cleared);
}

static void
assert_verifies (TrellisDatabase *db)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (trellis_audit_verify (db, &error));
  g_assert_no_error (error);
}

/* The bytes of the study file and of its write-ahead log, if there is one. */
static GPtrArray *
read_files (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  GPtrArray *files = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);

  g_ptr_array_add (files, trellis_test_read_bytes (path));
  if (g_file_test (wal, G_FILE_TEST_EXISTS))
    g_ptr_array_add (files, trellis_test_read_bytes (wal));
  return files;
}

static gboolean
files_contain (GPtrArray  *files,
               const char *needle)
{
  for (guint i = 0; i < files->len; i++)
    {
      gsize size;
      const char *data = g_bytes_get_data (files->pdata[i], &size);

      if (memmem (data, size, needle, strlen (needle)) != NULL)
        return TRUE;
    }
  return FALSE;
}

/* What must not survive the purge, gathered before it. */
typedef struct
{
  GPtrArray *values;    /* answers, rows' audit values, single-row audit values */
  GPtrArray *digests;   /* the rows' entries in bulk audit rows */
  GHashTable *salts;    /* audit id → salt, of every row */
} Traces;

static void
traces_clear (Traces *traces)
{
  g_clear_pointer (&traces->values, g_ptr_array_unref);
  g_clear_pointer (&traces->digests, g_ptr_array_unref);
  g_clear_pointer (&traces->salts, g_hash_table_unref);
}

#define SHEET_IDS "SELECT s.id FROM answer_sheet AS s JOIN visit AS v ON v.id = s.visit_id WHERE v.participant_id = @P"
#define VISIT_IDS "SELECT id FROM visit WHERE participant_id = @P"
#define EVENT_IDS "SELECT id FROM participant_event WHERE participant_id = @P"
#define AUDIT_OF_PARTICIPANT \
  "FROM audit WHERE row_key IS NOT 'bulk' AND ((table_name = 'answer_sheet' AND (" \
  "  json_extract (iif (json_valid (new_value), new_value, NULL), '$.visit_id') IN (" VISIT_IDS ")" \
  "  OR json_extract (iif (json_valid (old_value), old_value, NULL), '$.visit_id') IN (" VISIT_IDS ")))" \
  " OR (table_name IN ('visit', 'participant_event') AND (" \
  "  json_extract (iif (json_valid (new_value), new_value, NULL), '$.participant_id') = @P" \
  "  OR json_extract (iif (json_valid (old_value), old_value, NULL), '$.participant_id') = @P)))"

static void
add_all (GPtrArray *to,
         GPtrArray *from)
{
  for (guint i = 0; i < from->len; i++)
    g_ptr_array_add (to, g_strdup (from->pdata[i]));
  g_ptr_array_unref (from);
}

static void
gather_traces (Fixture *fixture,
               Traces  *traces)
{
  g_autoptr(GPtrArray) audit_ids = NULL;
  g_autoptr(GPtrArray) salts = NULL;

  traces->values = g_ptr_array_new_with_free_func (g_free);
  traces->digests = g_ptr_array_new_with_free_func (g_free);
  traces->salts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  /* The answers themselves, where no one else gave the very same ones. */
  add_all (traces->values, participant_texts (fixture,
      "SELECT s.answers FROM answer_sheet AS s JOIN visit AS v ON v.id = s.visit_id WHERE v.participant_id = @P"
      " AND s.answers NOT IN (SELECT o.answers FROM answer_sheet AS o JOIN visit AS w ON w.id = o.visit_id"
      "                       WHERE w.participant_id != @P)"));
  g_assert_cmpuint (traces->values->len, >=, 3);
  /* Every value a single-row audit row holds of their rows, live or deleted
   * (the rows' other audit values are only digests, in bulk rows). */
  add_all (traces->values, participant_texts (fixture, "SELECT new_value " AUDIT_OF_PARTICIPANT
                                                       " UNION SELECT old_value " AUDIT_OF_PARTICIPANT));
  /* Their digests in the bulk audit rows of the import. */
  add_all (traces->digests, participant_texts (fixture,
      "SELECT j.value FROM audit AS a, json_each (a.new_value) AS j WHERE a.row_key = 'bulk' AND ("
      " (a.table_name = 'answer_sheet' AND CAST (j.key AS INTEGER) IN (" SHEET_IDS "))"
      " OR (a.table_name = 'visit' AND CAST (j.key AS INTEGER) IN (" VISIT_IDS "))"
      " OR (a.table_name = 'participant_event' AND CAST (j.key AS INTEGER) IN (" EVENT_IDS ")))"));
  g_assert_cmpuint (traces->digests->len, >=, 8);

  audit_ids = sql_texts (handle (fixture), "SELECT id FROM audit WHERE value_salt IS NOT NULL ORDER BY id");
  salts = sql_texts (handle (fixture), "SELECT value_salt FROM audit WHERE value_salt IS NOT NULL ORDER BY id");
  for (guint i = 0; i < audit_ids->len; i++)
    g_hash_table_insert (traces->salts, g_strdup (audit_ids->pdata[i]), g_strdup (salts->pdata[i]));
}

/* None of it is in the files; the salts checked are those of the rows the
 * purge redacted or rewrote. */
static void
assert_no_traces (Fixture *fixture,
                  Traces  *traces)
{
  g_autoptr(GPtrArray) files = read_files (fixture->folder.path);
  g_autoptr(GPtrArray) touched = sql_texts (handle (fixture), "SELECT id FROM audit WHERE redacted_by IS NOT NULL");

  g_assert_cmpuint (touched->len, >=, 5);
  for (guint i = 0; i < traces->values->len; i++)
    if (files_contain (files, traces->values->pdata[i]))
      g_error ("“%s” is still in the study's files after the purge", (const char *) traces->values->pdata[i]);
  for (guint i = 0; i < traces->digests->len; i++)
    if (files_contain (files, traces->digests->pdata[i]))
      g_error ("the digest “%s” is still in the study's files", (const char *) traces->digests->pdata[i]);
  for (guint i = 0; i < touched->len; i++)
    {
      const char *salt = g_hash_table_lookup (traces->salts, touched->pdata[i]);

      g_assert_nonnull (salt);
      if (files_contain (files, salt))
        g_error ("the salt of audit row %s is still in the study's files", (const char *) touched->pdata[i]);
    }
}

/* Their timepoints in the schedule: with everything they did gone, each
 * reads as withdrawn (not applicable), none completed and none owed, so
 * retention counts them as recruited and withdrawn at every timepoint. */
static void
assert_withdrawn_throughout (Fixture *fixture)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autoptr(TrellisVisitTable) table = NULL;
  g_autoptr(GError) error = NULL;
  guint found = 0;

  table = trellis_visit_table_read (fixture->db, trellis_date_to_julian_or_zero (today), &error);
  g_assert_no_error (error);
  for (guint r = 0; r < trellis_visit_table_get_n_rows (table); r++)
    {
      if (trellis_visit_table_get_participant_id (table, r) != fixture->participant)
        continue;
      found++;
      for (guint t = 0; t < trellis_visit_table_get_n_timepoints (table); t++)
        g_assert_cmpint (trellis_visit_table_get_slot (table, r, t)->status, ==, TRELLIS_VISIT_NOT_APPLICABLE);
    }
  g_assert_cmpuint (found, ==, 1);
}

static void
test_purge_leaves_no_trace (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(GPtrArray) before_files = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *wal = NULL;
  Traces traces = { NULL };
  gint64 consents, withdrawals;

  g_assert_true (trellis_study_set_destruction_policy (fixture->study,
                                                       TRELLIS_DESTRUCTION_POLICY_IDENTIFIERS_AND_DATA, &error));
  choose_participant (fixture);
  edit_answers (fixture);
  withdraw (fixture);
  gather_traces (fixture, &traces);
  consents = participant_int (fixture, ("SELECT count(*) FROM consent WHERE participant_id = @P"));
  withdrawals = participant_int (fixture, (
                                                    "SELECT count(*) FROM withdrawal WHERE participant_id = @P"));

  /* The test would prove nothing if the traces were never in the files. */
  g_assert_cmpint (sqlite3_wal_checkpoint_v2 (handle (fixture), NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL),
                   ==, SQLITE_OK);
  before_files = read_files (fixture->folder.path);
  for (guint i = 0; i < traces.values->len; i++)
    if (!files_contain (before_files, traces.values->pdata[i]))
      g_error ("“%s” was never in the files", (const char *) traces.values->pdata[i]);
  for (guint i = 0; i < traces.digests->len; i++)
    g_assert_true (files_contain (before_files, traces.digests->pdata[i]));

  purge (fixture);
  assert_no_traces (fixture, &traces);
  assert_verifies (fixture->db);
  assert_withdrawn_throughout (fixture);

  /* The research data is gone; the participant, their consent and their
   * withdrawal stay, and the purge is on record with counts, never values. */
  g_assert_cmpint (participant_int (fixture, ("SELECT count(*) FROM (" SHEET_IDS ")")), ==, 0);
  g_assert_cmpint (participant_int (fixture, ("SELECT count(*) FROM (" VISIT_IDS ")")), ==, 0);
  g_assert_cmpint (participant_int (fixture, ("SELECT count(*) FROM (" EVENT_IDS ")")), ==, 0);
  g_assert_cmpint (participant_int (fixture, ("SELECT count(*) FROM participant WHERE id = @P")),
                   ==, 1);
  g_assert_cmpint (participant_int (fixture, ("SELECT count(*) FROM consent WHERE participant_id = @P")),
                   ==, consents);
  g_assert_cmpint (participant_int (fixture, (
                                                       "SELECT count(*) FROM withdrawal WHERE participant_id = @P")),
                   ==, withdrawals);
  g_assert_cmpint (participant_int (fixture, (
                                                       "SELECT answer_sheets > 0 AND visits > 0 AND events > 0"
                                                       " FROM research_data_purge WHERE participant_id = @P")), ==, 1);
  g_assert_cmpint (sql_int (fixture, "SELECT count(*) FROM audit WHERE action = 'redact' AND reason = '" REASON "'"),
                   ==, 1);
  traces_clear (&traces);

  /* Closing the study leaves nothing behind either. */
  g_clear_object (&fixture->study);
  wal = g_strconcat (fixture->folder.path, "-wal", NULL);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

/* Under the identifiers-only policy, the research data and every audit
 * value stay exactly as they were. */
static void
test_identifiers_only (Fixture       *fixture,
                       gconstpointer  user_data)
{
  static const char research[] =
    "SELECT group_concat (x, '|') FROM (SELECT json_group_array (json_array (id, answers, score)) AS x"
    " FROM answer_sheet UNION ALL SELECT json_group_array (json_array (id, completed_date)) FROM visit"
    " UNION ALL SELECT json_group_array (json_array (id, event_date)) FROM participant_event"
    " UNION ALL SELECT json_group_array (json_array (id, old_value, new_value, value_salt)) FROM audit"
    "  WHERE id <= %" G_GINT64_FORMAT ")";
  g_autofree char *before_sql = NULL;
  g_autofree char *research_before = NULL;
  g_autofree char *research_after = NULL;
  gint64 audit_rows;

  choose_participant (fixture);
  edit_answers (fixture);
  withdraw (fixture);
  audit_rows = sql_int (fixture, "SELECT count(*) FROM audit");
  before_sql = g_strdup_printf (research, audit_rows);
  research_before = trellis_test_sqlite_text (handle (fixture), before_sql);

  purge (fixture);
  assert_verifies (fixture->db);
  research_after = trellis_test_sqlite_text (handle (fixture), before_sql);
  g_assert_cmpstr (research_after, ==, research_before);
  /* Nothing but the purge of the contact details and its stamp on the withdrawal. */
  g_free (before_sql);
  before_sql = g_strdup_printf ("SELECT count(*) FROM audit WHERE id > %" G_GINT64_FORMAT
                                " AND table_name NOT IN ('participant_contact', 'withdrawal')", audit_rows);
  g_assert_cmpint (sql_int (fixture, before_sql), ==, 0);
  g_assert_cmpint (sql_int (fixture, "SELECT count(*) FROM audit"), >, audit_rows);
  g_assert_cmpint (participant_int (fixture, "SELECT count(*) FROM (" SHEET_IDS ")"), >, 0);
  g_assert_cmpint (sql_int (fixture, "SELECT count(*) FROM audit WHERE redacted_by IS NOT NULL"), ==, 0);
  g_assert_cmpint (sql_int (fixture, "SELECT count(*) FROM research_data_purge"), ==, 0);
}

/* Purges, closes the study, and returns the ids of a row the purge redacted,
 * a bulk row it rewrote, its redact row, and a row it left alone; and the
 * first row it touched. */
static void
purge_and_close (Fixture *fixture,
                 gint64  *first_touched,
                 gint64  *redacted,
                 gint64  *rewritten,
                 gint64  *redact,
                 gint64  *untouched)
{
  g_assert_true (trellis_study_set_destruction_policy (fixture->study,
                                                       TRELLIS_DESTRUCTION_POLICY_IDENTIFIERS_AND_DATA, NULL));
  choose_participant (fixture);
  edit_answers (fixture);
  withdraw (fixture);
  purge (fixture);
  *first_touched = sql_int (fixture, "SELECT min (id) FROM audit WHERE redacted_by IS NOT NULL");
  *redacted = sql_int (fixture, "SELECT min (id) FROM audit WHERE redacted_by IS NOT NULL AND value_salt IS NULL");
  *rewritten = sql_int (fixture, "SELECT min (id) FROM audit WHERE redacted_by IS NOT NULL AND value_salt IS NOT NULL");
  *redact = sql_int (fixture, "SELECT id FROM audit WHERE action = 'redact'");
  *untouched = sql_int (fixture, "SELECT min (id) FROM audit WHERE table_name = 'cohort'");
  g_assert_cmpint (*redacted, >, 0);
  g_assert_cmpint (*rewritten, >, 0);
  g_assert_cmpint (*redact, >, *rewritten);
  g_clear_object (&fixture->study);
}

/* Copies the purged study, edits the copy with sabotage (after dropping the
 * trigger, as a tamperer who knows about it would), and checks that the
 * chain check fails naming row. */
static void
assert_sabotage_found (Fixture    *fixture,
                       const char *name,
                       const char *sabotage,
                       gint64      row,
                       const char *problem)
{
  g_autofree char *copy = g_build_filename (fixture->folder.dir, name, NULL);
  g_autofree char *sql = g_strconcat ("DROP TRIGGER audit_no_update;", sabotage, NULL);
  g_autofree char *row_text = g_strdup_printf ("audit row %" G_GINT64_FORMAT " ", row);
  g_autoptr(GBytes) bytes = trellis_test_read_bytes (fixture->folder.path);
  g_autoptr(TrellisDatabase) db = NULL;
  g_autoptr(GError) error = NULL;

  trellis_test_write_file (copy, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  trellis_test_sqlite_exec_file (copy, sql);
  db = trellis_database_open (copy, TRELLIS_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_false (trellis_audit_verify_chain (db, &error));
  g_assert_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_AUDIT);
  if (strstr (error->message, row_text) == NULL || strstr (error->message, problem) == NULL)
    g_error ("“%s” does not name %s and say “%s”", error->message, row_text, problem);
}

static void
test_tampering_found (Fixture       *fixture,
                      gconstpointer  user_data)
{
  gint64 first_touched, redacted, rewritten, redact, untouched;
  g_autofree char *sql = NULL;

  purge_and_close (fixture, &first_touched, &redacted, &rewritten, &redact, &untouched);

#define SABOTAGE(name, row, problem, ...) \
  G_STMT_START { \
    g_free (sql); \
    sql = g_strdup_printf (__VA_ARGS__); \
    assert_sabotage_found (fixture, name, sql, row, problem); \
  } G_STMT_END

  /* The digest of a redacted row, which the chain covers. */
  SABOTAGE ("digest.trellis", redacted, "was changed outside Trellis, so its content no longer matches its hash",
            "UPDATE audit SET old_digest = '%s', new_digest = '%s' WHERE id = %" G_GINT64_FORMAT,
            "00", "00", redacted);
  /* The purge's own row: its reason, and the list of what it redacted. */
  SABOTAGE ("reason.trellis", redact, "no longer matches its hash",
            "UPDATE audit SET reason = 'Routine tidying' WHERE id = %" G_GINT64_FORMAT, redact);
  SABOTAGE ("record.trellis", first_touched, "no purge on record accounts for it",
            "UPDATE audit SET new_value = '{\"redacted\":[],\"rewritten\":{}}' WHERE id = %" G_GINT64_FORMAT, redact);
  /* A row redacted by hand, pointing at the purge that did not redact it. */
  SABOTAGE ("by-hand.trellis", untouched, "no purge on record accounts for it",
            "UPDATE audit SET old_value = NULL, new_value = NULL, value_salt = NULL, redacted_by = %" G_GINT64_FORMAT
            " WHERE id = %" G_GINT64_FORMAT, redact, untouched);
  /* A rewritten bulk row rewritten again, by hand. */
  SABOTAGE ("bulk.trellis", rewritten, "no purge on record accounts for it",
            "UPDATE audit SET new_value = '{}' WHERE id = %" G_GINT64_FORMAT, rewritten);
  /* A value the purge left alone. */
  SABOTAGE ("value.trellis", untouched, "a value in audit row",
            "UPDATE audit SET new_value = new_value || ' ' WHERE id = %" G_GINT64_FORMAT,
            untouched);
  /* A redacted row given back a salt, as if to pass off a guessed value. */
  SABOTAGE ("salt.trellis", redacted, "no purge on record accounts for it",
            "UPDATE audit SET value_salt = '%s' WHERE id = %" G_GINT64_FORMAT,
            "000102030405060708090a0b0c0d0e0f", redacted);
#undef SABOTAGE
}

/* Plain SQL cannot redact a row without naming a later row, nor touch the
 * columns the chain covers even then. */
static void
test_trigger_allows_only_redaction (Fixture       *fixture,
                                    gconstpointer  user_data)
{
  static const char *const attempts[] = {
    "UPDATE audit SET new_value = NULL, value_salt = NULL WHERE id = 3",
    "UPDATE audit SET new_value = NULL, redacted_by = 2 WHERE id = 3",
    "UPDATE audit SET new_digest = NULL, redacted_by = 9 WHERE id = 3",
    "UPDATE audit SET reason = 'x', redacted_by = 9 WHERE id = 3",
  };
  sqlite3 *other = trellis_test_sqlite_open (fixture->folder.path, SQLITE_OPEN_READWRITE);

  for (guint i = 0; i < G_N_ELEMENTS (attempts); i++)
    {
      g_assert_cmpint (sqlite3_exec (other, attempts[i], NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
      g_assert_nonnull (strstr (sqlite3_errmsg (other), "append-only"));
    }
  g_assert_cmpint (sqlite3_close (other), ==, SQLITE_OK);
  assert_verifies (fixture->db);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, func) \
  g_test_add ("/trellis/storage/research-purge/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("leaves-no-trace", test_purge_leaves_no_trace);
  ADD ("identifiers-only", test_identifiers_only);
  ADD ("tampering-found", test_tampering_found);
  ADD ("trigger-allows-only-redaction", test_trigger_allows_only_redaction);

#undef ADD

  return g_test_run ();
}
