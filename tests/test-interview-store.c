/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>
#include <glib/gstdio.h>

#include "interview-fixture.h"
#include "trellis-audit.h"
#include "trellis-database-private.h"
#include "trellis-migrations.h"
#include "trellis-storage-error.h"
#include "trellis-test-utils.h"

/* Interview draws on the demo study (69 participants, seed 2025), placed on
 * the demo's last day, so the eligible lists are the same on every run. */

#define SEED G_GUINT64_CONSTANT (18446744073709551557)   /* above G_MAXINT64: stored as text */

typedef TrellisTestFolder Fixture;

static TrellisDrawRequest
request_for (guint total)
{
  TrellisDrawRequest request = { .total = total, .have_seed = TRUE, .seed = SEED, .today = demo_fixture_today () };

  g_assert_true (trellis_interview_eligibility_init (&request.rule, "T4", TRELLIS_REACHED_COMPLETED_OR_DUE,
                                                     TRUE, NULL));
  return request;
}

static gint64
draw (TrellisDatabase          *db,
      const TrellisDrawRequest *request)
{
  g_autoptr(GError) error = NULL;
  gint64 id = trellis_interview_store_draw (db, request, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static TrellisDrawVerdict
verify (TrellisDatabase *db,
        gint64           id,
        guint           *index)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  TrellisDrawCheck check = { 0 };
  TrellisDrawVerdict verdict;

  g_assert_true (trellis_interview_store_verify (db, id, &check, &description, &error));
  g_assert_no_error (error);
  g_assert_nonnull (description);
  verdict = check.verdict;
  if (index != NULL)
    *index = check.index;
  trellis_draw_check_clear (&check);
  return verdict;
}

/* The picks' codes, one string, in draw order. */
static char *
picks_of (TrellisDatabase *db,
          gint64           id)
{
  g_autoptr(TrellisStoredDraw) stored = trellis_interview_store_get_draw (db, id, NULL);
  GString *codes = g_string_new (NULL);

  g_assert_nonnull (stored);
  for (guint i = 0; i < stored->picks->len; i++)
    g_string_append_printf (codes, "%s ", g_array_index (stored->picks, TrellisStoredPick, i).code);
  return g_string_free (codes, FALSE);
}

static const char latest_consent[] =
  "(SELECT answers FROM consent WHERE participant_id = p.id ORDER BY consent_date DESC, id DESC LIMIT 1)";

/* Counted by hand in SQL, apart from the store's own query and the visit
 * table: consented to interview and video, no withdrawal, T4 completed. */
static void
test_eligible_matches_sql (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(TrellisDatabase) db = demo_fixture_create (fixture->path, "Interviews");
  g_autoptr(TrellisEligibleList) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL, *by_cohort = NULL;
  TrellisInterviewEligibility rule;
  GString *listed = g_string_new ("[");
  sqlite3 *handle = trellis_database_get_handle (db);

  g_assert_true (trellis_interview_eligibility_init (&rule, "t4", TRELLIS_REACHED_COMPLETED, TRUE, NULL));
  list = trellis_interview_store_eligible (db, &rule, demo_fixture_today (), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (list->rule.timepoint, ==, "T4");

  sql = g_strdup_printf ("SELECT json_group_array (json_array (name, n)) FROM (SELECT c.name, count(*) AS n"
                         " FROM participant AS p JOIN cohort AS c ON c.id = p.cohort_id"
                         " WHERE json_extract (%s, '$.interview') IS 1 AND json_extract (%s, '$.video') IS 1"
                         " AND p.id NOT IN (SELECT participant_id FROM withdrawal)"
                         " AND p.id IN (SELECT v.participant_id FROM visit AS v JOIN timepoint_def AS t"
                         "   ON t.id = v.timepoint_id WHERE t.code = 'T4' AND v.completed_date IS NOT NULL)"
                         " GROUP BY c.name ORDER BY c.name)", latest_consent, latest_consent);
  by_cohort = trellis_test_sqlite_text (handle, sql);
  for (guint i = 0; i < list->cohorts->len; i++)
    {
      TrellisEligibleCohort *cohort = g_ptr_array_index (list->cohorts, i);

      g_string_append_printf (listed, "%s[\"%s\",%u]", i > 0 ? "," : "", cohort->name, cohort->codes->len);
      for (guint k = 1; k < cohort->codes->len; k++)
        g_assert_cmpint (strcmp (g_ptr_array_index (cohort->codes, k - 1), g_ptr_array_index (cohort->codes, k)), <, 0);
    }
  g_string_append (listed, "]");
  g_assert_cmpstr (listed->str, ==, by_cohort);
  g_assert_cmpuint (trellis_eligible_list_count (list), >=, 10);
  g_assert_cmpuint (trellis_eligible_list_count (list) + list->ineligible->len, ==,
                    trellis_test_sqlite_int (handle, "SELECT count(*) FROM participant"));
  g_assert_cmpuint (trellis_eligible_list_count_reason (list, TRELLIS_INTERVIEW_INELIGIBLE_WITHDRAWN), ==,
                    trellis_test_sqlite_int (handle, "SELECT count(DISTINCT participant_id) FROM withdrawal"));
  g_string_free (listed, TRUE);
}

/* Without video recording, those who refused only the video become eligible. */
static void
test_eligible_without_video (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autoptr(TrellisDatabase) db = demo_fixture_create (fixture->path, "Interviews");
  g_autoptr(TrellisEligibleList) with = NULL, without = NULL;
  TrellisInterviewEligibility rule;

  g_assert_true (trellis_interview_eligibility_init (&rule, "T4", TRELLIS_REACHED_COMPLETED_OR_DUE, TRUE, NULL));
  with = trellis_interview_store_eligible (db, &rule, demo_fixture_today (), NULL);
  rule.recorded = FALSE;
  without = trellis_interview_store_eligible (db, &rule, demo_fixture_today (), NULL);
  g_assert_cmpuint (trellis_eligible_list_count_reason (with, TRELLIS_INTERVIEW_INELIGIBLE_NO_VIDEO_CONSENT), >, 0);
  /* Video is checked before the timepoint, so some who refused it would
   * still be left out, for the timepoint. */
  g_assert_cmpuint (trellis_eligible_list_count (without), >, trellis_eligible_list_count (with));
  g_assert_cmpuint (trellis_eligible_list_count (without), <=,
                    trellis_eligible_list_count (with) +
                    trellis_eligible_list_count_reason (with, TRELLIS_INTERVIEW_INELIGIBLE_NO_VIDEO_CONSENT));
  g_assert_cmpuint (trellis_eligible_list_count_reason (without, TRELLIS_INTERVIEW_INELIGIBLE_NO_VIDEO_CONSENT), ==, 0);

  g_assert_true (trellis_interview_eligibility_init (&rule, "T9", TRELLIS_REACHED_COMPLETED, TRUE, NULL));
  g_assert_null (trellis_interview_store_eligible (db, &rule, demo_fixture_today (), NULL));
}

/* The same seed on the same study gives the same 23, in the same order,
 * and the draw is stored with everything needed to justify it. */
static void
test_draw_reproduces (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autofree char *other_path = g_build_filename (fixture->dir, "other.trellis", NULL);
  g_autoptr(TrellisDatabase) db = demo_fixture_create (fixture->path, "Interviews");
  g_autoptr(TrellisDatabase) other = demo_fixture_create (other_path, "Interviews");
  TrellisDrawRequest request = request_for (23);
  g_autoptr(TrellisStoredDraw) stored = NULL;
  g_autofree char *first = NULL, *second = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = draw (db, &request), other_id = draw (other, &request);
  guint sum = 0;

  first = picks_of (db, id);
  second = picks_of (other, other_id);
  g_assert_cmpstr (first, ==, second);
  stored = trellis_interview_store_get_draw (db, id, NULL);
  g_assert_cmpuint (stored->picks->len, ==, 23);
  g_assert_cmpstr (stored->seed, ==, "18446744073709551557");
  g_assert_cmpstr (stored->algorithm, ==, TRELLIS_INTERVIEW_DRAW_ALGORITHM);
  g_assert_cmpstr (stored->rule, ==, "rule=1;timepoint=T4;reached=completed-or-due;video=yes");
  g_assert_cmpstr (stored->allocation, ==, "proportional");
  g_assert_cmpuint (strlen (stored->eligible_hash), ==, 64);
  for (guint i = 0; i < stored->quotas->len; i++)
    {
      g_assert_cmpuint (g_array_index (stored->quotas, guint, i), >=, 1);
      sum += g_array_index (stored->quotas, guint, i);
    }
  g_assert_cmpuint (sum, ==, 23);
  g_assert_cmpint (verify (db, id, NULL), ==, TRELLIS_DRAW_CHECK_MATCHES);
  g_assert_true (trellis_audit_verify (db, &error));
  g_assert_no_error (error);

  /* The drawn are no longer eligible: a second draw cannot take them again. */
  g_assert_cmpint (trellis_test_sqlite_int (trellis_database_get_handle (db),
                                            "SELECT count(*) FROM interview WHERE status = 'invited'"), ==, 23);
  request.total = 3;
  request.have_seed = FALSE;
  id = draw (db, &request);
  g_assert_cmpint (trellis_test_sqlite_int (trellis_database_get_handle (db),
                                            "SELECT count(DISTINCT participant_id) FROM interview_pick"), ==, 26);
}

/* Allocation concealment: the draw's audit rows say a draw happened and how
 * many came from each cohort, and never whom. */
static void
test_audit_names_no_one (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(TrellisDatabase) db = demo_fixture_create (fixture->path, "Interviews");
  TrellisDrawRequest request = request_for (23);
  sqlite3 *handle = trellis_database_get_handle (db);

  draw (db, &request);
  g_assert_cmpint (trellis_test_sqlite_int (handle, "SELECT count(*) FROM audit WHERE table_name = 'interview_draw'"
                                                    " AND new_value LIKE '%18446744073709551557%'"
                                                    " AND new_value LIKE '%quotas%'"), ==, 1);
  g_assert_cmpint (trellis_test_sqlite_int (handle, "SELECT count(*) FROM audit WHERE table_name IN"
                                                    " ('interview_draw', 'interview_pick', 'interview')"
                                                    " AND (new_value LIKE '%participant%'"
                                                    "  OR EXISTS (SELECT 1 FROM participant"
                                                    "   WHERE instr (audit.new_value, '\"' || code || '\"') > 0))"), ==, 0);
  g_assert_cmpint (trellis_test_sqlite_int (handle, "SELECT count(*) FROM audit WHERE table_name = 'interview_pick'"), ==, 1);
}

/* Draws and picks cannot be changed through SQL while the triggers stand. */
static void
test_draws_are_immutable (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(TrellisDatabase) db = demo_fixture_create (fixture->path, "Interviews");
  TrellisDrawRequest request = request_for (5);
  sqlite3 *handle = trellis_database_get_handle (db);

  draw (db, &request);
  g_assert_cmpint (sqlite3_exec (handle, "UPDATE interview_pick SET cohort = 'x'", NULL, NULL, NULL) & 0xff, ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_exec (handle, "DELETE FROM interview_draw", NULL, NULL, NULL) & 0xff, ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_exec (handle, "UPDATE interview_eligible SET code = 'P999'", NULL, NULL, NULL) & 0xff, ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_exec (handle, "UPDATE interview SET pick_id = pick_id + 1", NULL, NULL, NULL) & 0xff, ==, SQLITE_CONSTRAINT);
}

/* A pick changed behind Trellis's back (its trigger dropped) is found, at
 * its place in the draw; so is a changed seed. */
static void
test_verify_finds_tampering (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autoptr(TrellisDatabase) db = demo_fixture_create (fixture->path, "Interviews");
  TrellisDrawRequest request = request_for (23);
  gint64 id = draw (db, &request);
  guint index = 0;

  g_clear_object (&db);
  trellis_test_sqlite_exec_file (fixture->path,
      "DROP TRIGGER interview_pick_no_update;"
      "UPDATE interview_pick SET participant_id = (SELECT participant_id FROM interview_eligible"
      "  WHERE cohort = interview_pick.cohort AND participant_id NOT IN (SELECT participant_id FROM interview_pick)"
      "  LIMIT 1) WHERE sequence = 5;");
  db = trellis_database_open (fixture->path, TRELLIS_OPEN_FLAGS_NONE, NULL);
  g_assert_cmpint (verify (db, id, &index), ==, TRELLIS_DRAW_CHECK_PICK_DIFFERS);
  g_assert_cmpuint (index, ==, 4);
  g_clear_object (&db);

  trellis_test_sqlite_exec_file (fixture->path,
      "UPDATE interview_pick SET participant_id = (SELECT participant_id FROM interview AS i"
      "  WHERE i.pick_id = interview_pick.id) WHERE sequence = 5;"
      "DROP TRIGGER interview_draw_no_update;"
      "UPDATE interview_draw SET seed = '12345';");
  db = trellis_database_open (fixture->path, TRELLIS_OPEN_FLAGS_NONE, NULL);
  g_assert_cmpint (verify (db, id, &index), ==, TRELLIS_DRAW_CHECK_PICK_DIFFERS);
  g_clear_object (&db);

  trellis_test_sqlite_exec_file (fixture->path, "UPDATE interview_draw SET seed = '18446744073709551557';");
  db = trellis_database_open (fixture->path, TRELLIS_OPEN_FLAGS_NONE, NULL);
  g_assert_cmpint (verify (db, id, NULL), ==, TRELLIS_DRAW_CHECK_MATCHES);
}

/* Replacements continue the stream: each is what the domain's draw gives as
 * its next step for that cohort, nobody comes twice, and verification
 * replays them. */
static void
test_replacement_continues_stream (Fixture       *fixture,
                                   gconstpointer  user_data)
{
  g_autoptr(TrellisDatabase) db = demo_fixture_create (fixture->path, "Interviews");
  TrellisDrawRequest request = request_for (15);
  gint64 id = draw (db, &request);
  g_autoptr(TrellisStoredDraw) before = trellis_interview_store_get_draw (db, id, NULL);
  g_autoptr(TrellisStoredDraw) after = NULL;
  g_autofree TrellisDrawCohort *cohorts = trellis_eligible_cohorts_to_draw (before->cohorts);
  g_autoptr(TrellisInterviewDraw) expected = trellis_interview_draw_new (SEED, cohorts, before->cohorts->len,
                                                                         (const guint *) before->quotas->data, NULL);
  g_autoptr(GError) error = NULL;
  sqlite3 *handle = trellis_database_get_handle (db);

  /* Replace the first pick of a cohort with two or more left over, then
   * their replacement, then the first pick of another cohort with one left. */
  guint twice = G_MAXUINT, once = G_MAXUINT, first_of[16] = { 0 }, at = 0;

  g_assert_cmpuint (before->cohorts->len, <=, G_N_ELEMENTS (first_of));
  for (guint c = 0; c < before->cohorts->len; c++)
    {
      guint left = ((TrellisEligibleCohort *) g_ptr_array_index (before->cohorts, c))->codes->len -
                   g_array_index (before->quotas, guint, c);

      first_of[c] = at;
      at += g_array_index (before->quotas, guint, c);
      if (left >= 2 && twice == G_MAXUINT)
        twice = c;
      else if (left >= 1 && once == G_MAXUINT)
        once = c;
    }
  g_assert_cmpuint (twice, !=, G_MAXUINT);
  g_assert_cmpuint (once, !=, G_MAXUINT);
  for (guint round = 0; round < 3; round++)
    {
      g_autoptr(TrellisStoredDraw) now = trellis_interview_store_get_draw (db, id, NULL);
      guint which = round == 0 ? first_of[twice] : round == 1 ? now->picks->len - 1 : first_of[once];
      TrellisStoredPick *pick = &g_array_index (now->picks, TrellisStoredPick, which);
      guint cohort = round < 2 ? twice : once;
      const TrellisDrawPick *next = trellis_interview_draw_replace (expected, cohort, NULL);
      gint64 pick_id = trellis_interview_store_replace (db, id, pick->participant_id, TRELLIS_INTERVIEW_DECLINED, &error);

      g_assert_no_error (error);
      g_assert_cmpint (pick_id, >, 0);
      after = trellis_interview_store_get_draw (db, id, NULL);
      g_assert_cmpstr (g_array_index (after->picks, TrellisStoredPick, after->picks->len - 1).code, ==, next->code);
      g_assert_cmpint (g_array_index (after->picks, TrellisStoredPick, after->picks->len - 1).replaces, ==, pick->id);
      g_clear_pointer (&after, trellis_stored_draw_free);
    }
  g_assert_cmpint (trellis_test_sqlite_int (handle, "SELECT count(*) FROM interview_pick"), ==, 18);
  g_assert_cmpint (trellis_test_sqlite_int (handle, "SELECT count(DISTINCT participant_id) FROM interview_pick"), ==, 18);
  g_assert_cmpint (trellis_test_sqlite_int (handle, "SELECT count(*) FROM interview WHERE status = 'declined'"), ==, 3);
  g_assert_cmpint (verify (db, id, NULL), ==, TRELLIS_DRAW_CHECK_MATCHES);
  g_assert_true (trellis_audit_verify (db, &error));
  g_assert_no_error (error);

  /* The same person cannot be replaced twice. */
  g_assert_cmpint (trellis_interview_store_replace (db, id, g_array_index (before->picks, TrellisStoredPick, first_of[twice]).participant_id,
                                                    TRELLIS_INTERVIEW_DECLINED, &error), ==, 0);
  g_assert_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_EXISTS);
  g_clear_error (&error);
  /* Did-not-attend needs a scheduled interview first. */
  g_assert_cmpint (trellis_interview_store_replace (db, id, g_array_index (before->picks, TrellisStoredPick, 14).participant_id,
                                                    TRELLIS_INTERVIEW_DID_NOT_ATTEND, &error), ==, 0);
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (trellis_test_sqlite_int (handle, "SELECT count(*) FROM interview_pick"), ==, 18);
}

/* A cohort whose list is used up has no one left to replace with: refused,
 * and nothing is written, not even the decline. */
static void
test_replacement_runs_out (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(TrellisDatabase) db = demo_fixture_create (fixture->path, "Interviews");
  TrellisDrawRequest request = request_for (1);
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisEligibleList) list = trellis_interview_store_eligible (db, &request.rule, request.today, NULL);
  TrellisEligibleCohort *first = g_ptr_array_index (list->cohorts, 0);
  gint64 id;
  sqlite3 *handle = trellis_database_get_handle (db);
  gint64 audit_rows;

  request.quotas = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (request.quotas, first->name, GUINT_TO_POINTER (1));
  request.total = 1;
  id = draw (db, &request);
  g_hash_table_unref (request.quotas);
  for (guint k = 1; k < first->codes->len; k++)
    {
      g_autoptr(TrellisStoredDraw) now = trellis_interview_store_get_draw (db, id, NULL);

      g_assert_cmpint (trellis_interview_store_replace (db, id, g_array_index (now->picks, TrellisStoredPick, now->picks->len - 1).participant_id,
                                                        TRELLIS_INTERVIEW_DECLINED, &error), >, 0);
      g_assert_no_error (error);
    }
  audit_rows = trellis_test_sqlite_int (handle, "SELECT count(*) FROM audit");
  {
    g_autoptr(TrellisStoredDraw) now = trellis_interview_store_get_draw (db, id, NULL);

    g_assert_cmpuint (now->picks->len, ==, first->codes->len);
    g_assert_cmpint (trellis_interview_store_replace (db, id, g_array_index (now->picks, TrellisStoredPick, now->picks->len - 1).participant_id,
                                                      TRELLIS_INTERVIEW_DECLINED, &error), ==, 0);
    g_assert_nonnull (error);
  }
  g_assert_cmpint (trellis_test_sqlite_int (handle, "SELECT count(*) FROM audit"), ==, audit_rows);
  g_assert_cmpint (trellis_test_sqlite_int (handle, "SELECT count(*) FROM interview WHERE status = 'invited'"), ==, 1);
  g_assert_cmpint (verify (db, id, NULL), ==, TRELLIS_DRAW_CHECK_MATCHES);
}

/* Typed quotas are checked against the eligible counts and the total. */
static void
test_typed_quotas (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(TrellisDatabase) db = demo_fixture_create (fixture->path, "Interviews");
  TrellisDrawRequest request = request_for (3);
  g_autoptr(GHashTable) quotas = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisStoredDraw) stored = NULL;
  gint64 id;

  request.quotas = quotas;
  g_hash_table_insert (quotas, "midwives", GUINT_TO_POINTER (2));
  g_hash_table_insert (quotas, "Paramedics", GUINT_TO_POINTER (2));
  g_assert_cmpint (trellis_interview_store_draw (db, &request, &error), ==, 0);
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_hash_table_insert (quotas, "Paramedics", GUINT_TO_POINTER (1));
  g_hash_table_insert (quotas, "Astronauts", GUINT_TO_POINTER (0));
  g_assert_cmpint (trellis_interview_store_draw (db, &request, &error), ==, 0);
  g_assert_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_hash_table_remove (quotas, "Astronauts");
  id = draw (db, &request);
  stored = trellis_interview_store_get_draw (db, id, NULL);
  g_assert_cmpstr (stored->allocation, ==, "typed");
  g_assert_cmpuint (stored->picks->len, ==, 3);
  g_assert_nonnull (strstr (stored->quotas_json, "\"Midwives\":2"));
  g_assert_cmpint (trellis_test_sqlite_int (trellis_database_get_handle (db), "SELECT count(*) FROM interview_draw"), ==, 1);
}

/* A study in format 5 comes up to the current format with its data as it was and
 * its audit trail whole. */
static void
test_upgrade_from_format_5 (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(TrellisDatabase) db = demo_fixture_create (fixture->path, "Interviews");
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL, *after = NULL;
  static const char summary_sql[] =
    "SELECT (SELECT count(*) FROM participant) || ' ' || (SELECT count(*) FROM consent) || ' '"
    " || (SELECT count(*) FROM visit) || ' ' || (SELECT count(*) FROM answer_sheet) || ' '"
    " || (SELECT max (hash) FROM audit WHERE id = (SELECT max (id) FROM audit))";
  gint64 audit_rows;

  g_clear_object (&db);
  trellis_test_sqlite_exec_file (fixture->path,
      "DROP TABLE interview; DROP TABLE interview_pick; DROP TABLE interview_eligible;"
      TRELLIS_TEST_UNDO_FORMAT_8
      "DROP TABLE interview_draw; DROP INDEX answer_sheet_score;"
      "CREATE INDEX answer_sheet_instrument ON answer_sheet (instrument_id); PRAGMA user_version = 5;");
  {
    sqlite3 *handle = trellis_test_sqlite_open (fixture->path, SQLITE_OPEN_READONLY);

    before = trellis_test_sqlite_text (handle, summary_sql);
    audit_rows = trellis_test_sqlite_int (handle, "SELECT count(*) FROM audit");
    g_assert_cmpint (sqlite3_close (handle), ==, SQLITE_OK);
  }
  db = trellis_database_open (fixture->path, TRELLIS_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (trellis_database_get_schema_version (db), ==, TRELLIS_SCHEMA_VERSION);
  g_assert_cmpint (trellis_database_get_migrated_from (db), ==, 5);
  g_assert_nonnull (trellis_database_get_migration_backup (db));
  g_assert_cmpint (trellis_test_sqlite_int (trellis_database_get_handle (db), "SELECT count(*) FROM audit"), ==, audit_rows + 1);
  g_assert_true (trellis_audit_verify (db, &error));
  g_assert_no_error (error);
  after = trellis_test_sqlite_text (trellis_database_get_handle (db),
                                    "SELECT (SELECT count(*) FROM participant) || ' ' || (SELECT count(*) FROM consent)"
                                    " || ' ' || (SELECT count(*) FROM visit) || ' ' || (SELECT count(*) FROM answer_sheet)"
                                    " || ' ' || (SELECT hash FROM audit WHERE id = (SELECT max (id) - 1 FROM audit))");
  g_assert_cmpstr (after, ==, before);
  /* Format 7's index of scores replaces the index of instruments. */
  g_assert_cmpint (trellis_test_sqlite_int (trellis_database_get_handle (db),
                                            "SELECT count(*) FROM sqlite_schema WHERE type = 'index'"
                                            " AND name IN ('answer_sheet_score', 'answer_sheet_instrument')"), ==, 1);
  g_assert_cmpint (trellis_test_sqlite_int (trellis_database_get_handle (db),
                                            "SELECT count(*) FROM sqlite_schema WHERE name = 'answer_sheet_score'"), ==, 1);
  {
    TrellisDrawRequest request = request_for (23);

    draw (db, &request);
  }
  g_assert_true (trellis_audit_verify (db, &error));
  g_assert_no_error (error);
}

static gboolean
has_warning (GPtrArray  *warnings,
             const char *part)
{
  for (guint i = 0; i < warnings->len; i++)
    if (strstr (g_ptr_array_index (warnings, i), part) != NULL)
      return TRUE;
  return FALSE;
}

/* The list names the other participant of a double booking by code (the
 * person reading it may see whom the draw picked); the warning stored with
 * the booking names them by draw and pick. Filters narrow the rows, and the
 * counts add up to the draw. */
static void
test_list_and_counts (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(TrellisDatabase) db = demo_fixture_create (fixture->path, "Interviews");
  TrellisDrawRequest request = request_for (23);
  gint64 draw_id = draw (db, &request);
  gint64 first = interview_fixture_pick (db, draw_id, 1), second = interview_fixture_pick (db, draw_id, 2);
  g_autoptr(GPtrArray) none = interview_fixture_book (db, first, "Ann Lee", 10);
  g_autoptr(GPtrArray) clash = interview_fixture_book (db, second, "ann  lee", 10);
  TrellisInterviewFilter filter = { .status = -1, .interviewer = "ANN LEE", .today = demo_fixture_today () };
  g_autoptr(GPtrArray) rows = NULL, all = NULL, counts = NULL, scheduled = NULL, other_draw = NULL;
  g_autoptr(GError) error = NULL;
  const TrellisInterviewRow *row;
  guint total = 0;

  g_assert_false (has_warning (none, "also interviewing"));
  g_assert_true (has_warning (clash, "is also interviewing pick 1 of draw 1 at Thu 12 Jun 2025, 10:00 BST"));
  rows = trellis_interview_store_list (db, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
  row = g_ptr_array_index (rows, 1);
  g_assert_cmpint (row->participant_id, ==, second);
  g_assert_cmpint (row->status, ==, TRELLIS_INTERVIEW_SCHEDULED);
  g_assert_cmpstr (row->time_zone, ==, "Europe/London");
  g_assert_cmpint (row->start_utc, ==, 1749718800);   /* 2025-06-12T09:00:00Z */
  g_assert_cmpuint (row->revision, ==, 1);
  g_assert_true (has_warning (row->warnings, ((TrellisInterviewRow *) g_ptr_array_index (rows, 0))->code));

  filter.interviewer = NULL;
  all = trellis_interview_store_list (db, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 23);
  counts = trellis_interview_rows_count (all);
  for (guint c = 0; c < counts->len; c++)
    {
      const TrellisInterviewCohortCounts *cohort = g_ptr_array_index (counts, c);

      if (c > 0)
        g_assert_cmpint (strcmp (((TrellisInterviewCohortCounts *) g_ptr_array_index (counts, c - 1))->cohort,
                                 cohort->cohort), <, 0);
      for (guint s = 0; s < TRELLIS_N_INTERVIEW_STATUSES; s++)
        total += cohort->counts[s];
    }
  g_assert_cmpuint (total, ==, 23);

  filter.status = TRELLIS_INTERVIEW_SCHEDULED;
  scheduled = trellis_interview_store_list (db, &filter, &error);
  g_assert_cmpuint (scheduled->len, ==, 2);
  filter.status = -1;
  filter.draw_id = draw_id + 1;
  other_draw = trellis_interview_store_list (db, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (other_draw->len, ==, 0);
}

/* A calendar UID must not change when the study is moved or renamed: the
 * key comes from inside the file. Two studies never share one. */
static void
test_study_key_survives_move (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *moved = g_build_filename (fixture->dir, "moved.trellis", NULL);
  g_autofree char *other = g_build_filename (fixture->dir, "other.trellis", NULL);
  g_autoptr(TrellisDatabase) db = demo_fixture_create (fixture->path, "Interviews");
  g_autoptr(TrellisDatabase) second = demo_fixture_create (other, "Interviews");
  g_autoptr(GError) error = NULL;
  g_autofree char *before = trellis_interview_store_study_key (db, NULL, &error);
  g_autofree char *after = NULL, *title = NULL;
  g_autofree char *different = trellis_interview_store_study_key (second, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (before, "54524c53-"));
  g_assert_cmpstr (before, !=, different);
  g_clear_object (&db);
  g_assert_cmpint (g_rename (fixture->path, moved), ==, 0);
  db = trellis_database_open (moved, TRELLIS_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);
  after = trellis_interview_store_study_key (db, &title, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpstr (title, ==, "Interviews");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, func) \
  g_test_add ("/trellis/storage/interview-store/" name, Fixture, NULL, \
              trellis_test_folder_set_up, func, trellis_test_folder_tear_down)
  ADD ("eligible-matches-sql", test_eligible_matches_sql);
  ADD ("eligible-without-video", test_eligible_without_video);
  ADD ("draw-reproduces", test_draw_reproduces);
  ADD ("audit-names-no-one", test_audit_names_no_one);
  ADD ("draws-are-immutable", test_draws_are_immutable);
  ADD ("verify-finds-tampering", test_verify_finds_tampering);
  ADD ("replacement-continues-stream", test_replacement_continues_stream);
  ADD ("replacement-runs-out", test_replacement_runs_out);
  ADD ("typed-quotas", test_typed_quotas);
  ADD ("upgrade-from-format-5", test_upgrade_from_format_5);
  ADD ("list-and-counts", test_list_and_counts);
  ADD ("study-key-survives-move", test_study_key_survives_move);
#undef ADD

  return g_test_run ();
}
