/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "demo-fixture.h"
#include "trellis-audit-log.h"
#include "trellis-database-private.h"
#include "trellis-study-audit.h"
#include "trellis-study-interviews.h"
#include "trellis-study-measures.h"
#include "trellis-study-register.h"
#include "trellis-test-utils.h"
#include "trellis-visit-answers.h"

/* The audit trail as the Audit page reads it, on the demo study: pages that
 * add up to the whole trail newest first, bulk rows counted, a purge's
 * redactions said in words, a draw shown without whom it picked unless the
 * read asks to reveal, and the chain checked in a worker. */

#define DEMO_PARTICIPANTS 24

typedef struct
{
  TrellisTestFolder folder;
  TrellisStudy *study;
  TrellisDatabase *db;   /* owned by study */
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(TrellisDatabase) demo = NULL;
  g_autoptr(GError) error = NULL;

  trellis_test_folder_set_up (&fixture->folder, user_data);
  demo = trellis_demo_study_create (fixture->folder.path, "Demo", GPOINTER_TO_UINT (user_data),
                                     TRELLIS_DEMO_STUDY_DEFAULT_SEED, &error);
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

static gint64
sql_int (Fixture    *fixture,
         const char *sql)
{
  return trellis_test_sqlite_int (trellis_database_get_handle (fixture->db), sql);
}

static GPtrArray *
read_page (Fixture    *fixture,
           gint64      before_id,
           guint       limit,
           const char *filter,
           gboolean    reveal)
{
  TrellisAuditLogQuery query = { before_id, limit, filter, reveal };
  g_autoptr(GError) error = NULL;
  GPtrArray *entries = trellis_audit_log_read (fixture->db, &query, &error);

  g_assert_no_error (error);
  g_assert_nonnull (entries);
  return entries;
}

/* Every page until a short one, joined. */
static GPtrArray *
read_all (Fixture    *fixture,
          guint       limit,
          const char *filter,
          gboolean    reveal)
{
  GPtrArray *all = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 before = 0;

  for (;;)
    {
      g_autoptr(GPtrArray) page = read_page (fixture, before, limit, filter, reveal);

      g_assert_cmpuint (page->len, <=, limit);
      for (guint i = 0; i < page->len; i++)
        g_ptr_array_add (all, g_object_ref (page->pdata[i]));
      if (page->len < limit)
        return all;
      before = trellis_audit_entry_get_id (g_ptr_array_index (page, page->len - 1));
    }
}

static TrellisAuditEntry *
entry_with_id (GPtrArray *entries,
               gint64     id)
{
  for (guint i = 0; i < entries->len; i++)
    if (trellis_audit_entry_get_id (entries->pdata[i]) == id)
      return entries->pdata[i];
  g_error ("no audit entry %" G_GINT64_FORMAT, id);
}

static void
test_pages (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(GPtrArray) all = read_all (fixture, 7, NULL, FALSE);
  g_autoptr(GPtrArray) first = read_page (fixture, 0, 0, NULL, FALSE);
  gint64 n_rows = sql_int (fixture, "SELECT count(*) FROM audit");

  g_assert_cmpint (n_rows, >, 7);
  g_assert_cmpint (all->len, ==, n_rows);
  g_assert_cmpuint (first->len, ==, MIN (n_rows, TRELLIS_AUDIT_LOG_PAGE_SIZE));
  g_assert_cmpint (trellis_audit_entry_get_id (all->pdata[0]), ==, sql_int (fixture, "SELECT max (id) FROM audit"));
  for (guint i = 1; i < all->len; i++)
    g_assert_cmpint (trellis_audit_entry_get_id (all->pdata[i]), <, trellis_audit_entry_get_id (all->pdata[i - 1]));
  /* Times are shown in the local zone, to the second. */
  g_assert_cmpuint (strlen (trellis_audit_entry_get_time (all->pdata[0])), ==, strlen ("2026-01-01 12:00:00"));
}

/* Every bulk row says how many rows it records; a single row, its fields. */
static void
test_summaries (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GPtrArray) all = read_all (fixture, TRELLIS_AUDIT_LOG_PAGE_SIZE, NULL, FALSE);
  gint64 bulk = sql_int (fixture, "SELECT max (id) FROM audit WHERE row_key = 'bulk' AND action = 'insert'"
                                  " AND table_name = 'participant'");
  gint64 n = sql_int (fixture, "SELECT count(*) FROM participant");
  gint64 single = sql_int (fixture, "SELECT min (id) FROM audit WHERE row_key IS NOT 'bulk' AND action = 'insert'"
                                    " AND table_name = 'cohort'");
  g_autofree char *imported = g_strdup_printf ("%" G_GINT64_FORMAT " rows imported", n);
  const char *summary;

  g_assert_cmpint (bulk, >, 0);
  g_assert_cmpstr (trellis_audit_entry_get_summary (entry_with_id (all, bulk)), ==, imported);
  g_assert_cmpstr (trellis_audit_entry_get_row_key (entry_with_id (all, bulk)), ==, "bulk");
  g_assert_cmpint (single, >, 0);
  summary = trellis_audit_entry_get_summary (entry_with_id (all, single));
  g_assert_true (g_str_has_prefix (summary, "name: "));
  g_assert_cmpstr (trellis_audit_entry_get_table_name (entry_with_id (all, single)), ==, "cohort");
}

static void
purge_one (Fixture *fixture)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autoptr(GError) error = NULL;
  gboolean log_cleared = FALSE;
  gint64 participant = sql_int (fixture,
      "SELECT v.participant_id FROM visit AS v JOIN answer_sheet AS s ON s.visit_id = v.id"
      " WHERE v.participant_id NOT IN (SELECT participant_id FROM withdrawal)"
      " GROUP BY v.participant_id ORDER BY count(*) DESC, v.participant_id LIMIT 1");

  static const int brs[6] = { 1, 5, 1, 5, 1, 4 };
  g_autoptr(TrellisVisitAnswers) t1 = NULL;

  g_assert_true (trellis_study_set_destruction_policy (fixture->study,
                                                       TRELLIS_DESTRUCTION_POLICY_IDENTIFIERS_AND_DATA, &error));
  g_assert_no_error (error);
  /* An answer edited on its own has a single audit row for the purge to
   * redact, besides the bulk rows of the demo's import it rewrites. */
  t1 = trellis_study_load_visit (fixture->study, participant,
                                 sql_int (fixture, "SELECT id FROM timepoint_def WHERE code = 'T1'"), &error);
  g_assert_no_error (error);
  trellis_visit_answers_set_values (t1, "BRS", brs, G_N_ELEMENTS (brs));
  g_assert_true (trellis_study_save_visit (fixture->study, t1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (trellis_study_record_withdrawal (fixture->study, participant, TRELLIS_WITHDRAWAL_DATA_DESTRUCTION,
                                                    today, NULL, &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (trellis_study_purge_participant (fixture->study, participant, "Asked for", &log_cleared, &error));
  g_assert_no_error (error);
}

/* After a purge, a redacted row says by which purge, a rewritten bulk row
 * still counts its rows, and the purge's own row counts what it touched. */
static void
test_redacted (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *by_purge = NULL;
  gint64 redacted, rewritten, redact;

  purge_one (fixture);
  all = read_all (fixture, TRELLIS_AUDIT_LOG_PAGE_SIZE, NULL, FALSE);
  redacted = sql_int (fixture, "SELECT min (id) FROM audit WHERE redacted_by IS NOT NULL AND value_salt IS NULL");
  rewritten = sql_int (fixture, "SELECT min (id) FROM audit WHERE redacted_by IS NOT NULL AND row_key = 'bulk'");
  redact = sql_int (fixture, "SELECT id FROM audit WHERE action = 'redact'");
  g_assert_cmpint (redacted, >, 0);
  g_assert_cmpint (rewritten, >, 0);
  by_purge = g_strdup_printf ("redacted by the purge of %s", today);
  g_assert_cmpstr (trellis_audit_entry_get_summary (entry_with_id (all, redacted)), ==, by_purge);
  g_assert_true (g_str_has_suffix (trellis_audit_entry_get_summary (entry_with_id (all, rewritten)), by_purge));
  g_assert_true (strstr (trellis_audit_entry_get_summary (entry_with_id (all, rewritten)), " rows ") != NULL);
  g_assert_true (g_str_has_prefix (trellis_audit_entry_get_summary (entry_with_id (all, redact)), "Values of "));

  /* The filter finds the purge by its action, newest first. */
  g_clear_pointer (&all, g_ptr_array_unref);
  all = read_all (fixture, TRELLIS_AUDIT_LOG_PAGE_SIZE, "REDACT", FALSE);
  g_assert_cmpuint (all->len, >=, 1);
  g_assert_cmpint (trellis_audit_entry_get_id (all->pdata[0]), ==, redact);
}

/* Draws 23, replaces the first pick, and returns the codes of all picked. */
static GPtrArray *
draw (Fixture *fixture)
{
  TrellisInterviewEligibility rule;
  TrellisDrawRequest request = { .total = 23, .have_seed = TRUE, .seed = 2025, .today = demo_fixture_today () };
  g_autoptr(GError) error = NULL;
  GPtrArray *codes = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  gint64 id;

  g_assert_true (trellis_interview_eligibility_init (&rule, "T4", TRELLIS_REACHED_COMPLETED_OR_DUE, TRUE, NULL));
  request.rule = rule;
  id = trellis_study_draw_interviews (fixture->study, &request, &error);
  g_assert_no_error (error);
  g_assert_cmpint (trellis_study_replace_pick (fixture->study, id,
                                               sql_int (fixture, "SELECT participant_id FROM interview_pick"
                                                                 " WHERE sequence = 1"),
                                               TRELLIS_INTERVIEW_DECLINED, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_prepare_v2 (trellis_database_get_handle (fixture->db),
                                       "SELECT p.code FROM interview_pick AS ip JOIN participant AS p"
                                       " ON p.id = ip.participant_id", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (codes, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  g_assert_cmpuint (codes->len, ==, 24);
  return codes;
}

static gboolean
is_pick_row (TrellisAuditEntry *entry)
{
  return g_strcmp0 (trellis_audit_entry_get_table_name (entry), "interview_pick") == 0 ||
         g_strcmp0 (trellis_audit_entry_get_table_name (entry), "interview") == 0;
}

/* How many of CODES the summaries of the pick and interview rows name. */
static guint
codes_named (GPtrArray *entries,
             GPtrArray *codes,
             guint     *n_pick_rows)
{
  guint named = 0;

  *n_pick_rows = 0;
  for (guint i = 0; i < entries->len; i++)
    if (is_pick_row (entries->pdata[i]))
      {
        (*n_pick_rows)++;
        for (guint j = 0; j < codes->len; j++)
          if (strstr (trellis_audit_entry_get_summary (entries->pdata[i]), codes->pdata[j]) != NULL)
            named++;
      }
  return named;
}

static void
test_concealed (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GPtrArray) codes = draw (fixture);
  g_autoptr(GPtrArray) concealed = read_all (fixture, TRELLIS_AUDIT_LOG_PAGE_SIZE, NULL, FALSE);
  g_autoptr(GPtrArray) revealed = read_all (fixture, TRELLIS_AUDIT_LOG_PAGE_SIZE, NULL, TRUE);
  g_autoptr(GPtrArray) searched = read_all (fixture, TRELLIS_AUDIT_LOG_PAGE_SIZE, codes->pdata[3], FALSE);
  guint n_pick_rows, n_revealed_rows, n_found;

  g_assert_cmpuint (codes_named (concealed, codes, &n_pick_rows), ==, 0);
  /* The draw's two bulk rows, the replacement's pick and interview, the
   * decline. */
  g_assert_cmpuint (n_pick_rows, ==, 5);
  g_assert_cmpuint (codes_named (revealed, codes, &n_revealed_rows), >=, codes->len);
  g_assert_cmpuint (n_revealed_rows, ==, n_pick_rows);
  for (guint j = 0; j < codes->len; j++)
    {
      gboolean found = FALSE;

      for (guint i = 0; i < revealed->len && !found; i++)
        found = is_pick_row (revealed->pdata[i]) &&
                strstr (trellis_audit_entry_get_summary (revealed->pdata[i]), codes->pdata[j]) != NULL;
      g_assert_true (found);
    }
  for (guint i = 0; i < concealed->len; i++)
    if (g_strcmp0 (trellis_audit_entry_get_table_name (concealed->pdata[i]), "interview_pick") == 0)
      g_assert_true (g_str_has_prefix (trellis_audit_entry_get_summary (concealed->pdata[i]), "Draw 1: pick "));
  /* Searching for a picked code in the concealed view finds no pick. */
  g_assert_cmpuint (codes_named (searched, codes, &n_found), ==, 0);
  g_assert_cmpuint (n_found, ==, 0);
}

static void
on_verified (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  TrellisAuditCheck **check = user_data;
  g_autoptr(GError) error = NULL;

  *check = trellis_study_verify_audit_finish (TRELLIS_STUDY (source), result, &error);
  g_assert_no_error (error);
}

static void
on_read (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GPtrArray **entries = user_data;
  g_autoptr(GError) error = NULL;

  *entries = trellis_study_read_audit_finish (TRELLIS_STUDY (source), result, &error);
  g_assert_no_error (error);
}

/* In a worker: a page as read at once, and the chain intact until a row is
 * changed outside Trellis, when the check names it. */
static void
test_in_worker (Fixture       *fixture,
                gconstpointer  user_data)
{
  TrellisAuditLogQuery query = { 0, 10, NULL, FALSE };
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) at_once = read_page (fixture, 0, 10, NULL, FALSE);
  g_autoptr(TrellisAuditCheck) check = NULL;
  gint64 n_rows = sql_int (fixture, "SELECT count(*) FROM audit");

  trellis_study_read_audit_async (fixture->study, &query, NULL, on_read, &entries);
  while (entries == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (entries->len, ==, 10);
  g_assert_cmpint (trellis_audit_entry_get_id (entries->pdata[9]), ==, trellis_audit_entry_get_id (at_once->pdata[9]));

  trellis_study_verify_audit_async (fixture->study, NULL, on_verified, &check);
  while (check == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (check->intact);
  g_assert_cmpint (check->n_rows, ==, n_rows);
  g_assert_cmpuint (strlen (check->head_hash), ==, 64);
  g_clear_pointer (&check, trellis_audit_check_free);

  trellis_test_sqlite_exec (trellis_database_get_handle (fixture->db),
                            "DROP TRIGGER IF EXISTS audit_no_update;"
                            "UPDATE audit SET reason = 'edited' WHERE id = 3");
  trellis_study_verify_audit_async (fixture->study, NULL, on_verified, &check);
  while (check == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (check->intact);
  g_assert_nonnull (strstr (check->problem, "audit row 3 "));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, n, func) \
  g_test_add ("/trellis/storage/audit-log/" path, Fixture, GUINT_TO_POINTER (n), fixture_set_up, func, \
              fixture_tear_down)
  ADD ("pages", DEMO_PARTICIPANTS, test_pages);
  ADD ("summaries", DEMO_PARTICIPANTS, test_summaries);
  ADD ("redacted", DEMO_PARTICIPANTS, test_redacted);
  ADD ("concealed", TRELLIS_DEMO_STUDY_DEFAULT_PARTICIPANTS, test_concealed);
  ADD ("in-worker", DEMO_PARTICIPANTS, test_in_worker);
#undef ADD
  return g_test_run ();
}
