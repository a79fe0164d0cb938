/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "trellis-audit.h"
#include "trellis-audit-coverage.h"
#include "trellis-demo-study.h"
#include "trellis-retention.h"
#include "trellis-storage-error.h"
#include "trellis-test-utils.h"

/* The demo study: its register's shape, its data collection (the seed
 * study's retention, plausible effects, dates inside the plan's windows and
 * in order), that it passes the audit check, that a seed makes the same study
 * every time, and that it is only added to new studies. Its contents are
 * checked with raw SQL on the file, as a reader would. */

typedef TrellisTestFolder Fixture;

static TrellisDatabase *
create_demo (const char *path,
             guint       n,
             guint32     seed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisDatabase) db = trellis_database_create (path, "Resilience coaching", &error);

  g_assert_no_error (error);
  g_assert_true (trellis_demo_study_fill (db, n, seed, &error));
  g_assert_no_error (error);
  g_assert_true (trellis_audit_verify (db, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&db);
}

static gint64
count (sqlite3    *db,
       const char *sql)
{
  return trellis_test_sqlite_int (db, sql);
}

static void
assert_default_counts (sqlite3 *db)
{
  g_assert_cmpint (count (db, "SELECT count(*) FROM cohort"), ==, 7);
  g_assert_cmpint (count (db, "SELECT count(*) FROM participant"), ==, 66);
  g_assert_cmpint (count (db, "SELECT count(*) FROM participant_contact"), ==, 66);
  g_assert_cmpint (count (db, "SELECT count(*) FROM consent_version"), ==, 2);
  g_assert_cmpint (count (db, "SELECT count(*) FROM consent"), ==, 63);
  g_assert_cmpint (count (db, "SELECT count(*) FROM withdrawal"), ==, 3);
  g_assert_cmpint (count (db, "SELECT count(DISTINCT kind) FROM withdrawal"), ==, 3);
  g_assert_cmpint (count (db, "SELECT count(DISTINCT participant_id) FROM withdrawal"), ==, 3);
  g_assert_cmpint (count (db, "SELECT count(*) FROM participant WHERE lost_date IS NOT NULL"), ==, 2);
  /* Every cohort has participants, and no one is both lost and withdrawn. */
  g_assert_cmpint (count (db, "SELECT count(*) FROM cohort WHERE id NOT IN (SELECT cohort_id FROM participant)"), ==, 0);
  g_assert_cmpint (count (db, "SELECT count(*) FROM participant WHERE lost_date IS NOT NULL"
                              " AND id IN (SELECT participant_id FROM withdrawal)"), ==, 0);
}

/* The rules the register's stores enforce, which the demo must keep too. */
static void
assert_plausible_dates (sqlite3 *db)
{
  g_assert_cmpint (count (db, "SELECT count(*) FROM consent c JOIN consent_version v ON v.id = c.version_id"
                              " WHERE c.consent_date < v.version_date"), ==, 0);
  g_assert_cmpint (count (db, "SELECT count(*) FROM withdrawal w JOIN consent c USING (participant_id)"
                              " WHERE w.effective_date <= c.consent_date"), ==, 0);
  g_assert_cmpint (count (db, "SELECT count(*) FROM participant p JOIN cohort c ON c.id = p.cohort_id"
                              " WHERE p.baseline_date < c.start_date"
                              " OR julianday (p.baseline_date) - julianday (c.start_date) > 35"), ==, 0);
  g_assert_cmpint (count (db, "SELECT count(*) FROM participant WHERE lost_date <= baseline_date"), ==, 0);
  g_assert_cmpint (count (db, "SELECT min (start_date) > (SELECT version_date FROM consent_version"
                              " WHERE label = 'v1.0') FROM cohort"), ==, 1);
  /* Those not yet consented have not started either. */
  g_assert_cmpint (count (db, "SELECT count(*) FROM participant WHERE baseline_date IS NULL"
                              " AND id NOT IN (SELECT participant_id FROM consent)"), ==, 3);
}

static void
assert_consent_shape (sqlite3 *db)
{
  g_autofree char *keys = trellis_test_sqlite_text (db,
      "SELECT group_concat (j.value ->> 'key', ' ') FROM consent_version v, json_each (v.clauses) j"
      " WHERE v.label = 'v1.0'");

  g_assert_cmpstr (keys, ==, "take_part questionnaires interview video quotes future_research");
  g_assert_cmpint (count (db, "SELECT requires_reconsent FROM consent_version WHERE label = 'v1.1'"), ==, 0);
  g_assert_cmpint (count (db, "SELECT count(*) FROM consent WHERE answers ->> 'take_part' = 0"), ==, 0);
  g_assert_cmpint (count (db, "SELECT count(*) FROM consent WHERE answers ->> 'video' = 0"), >, 0);
  g_assert_cmpint (count (db, "SELECT count(*) FROM consent WHERE answers ->> 'quotes' = 0"), >, 0);
  g_assert_cmpint (count (db, "SELECT count(*) FROM consent WHERE answers ->> 'video' = 1"), >, 40);
  g_assert_cmpint (count (db, "SELECT count(*) FROM participant_contact"
                              " WHERE email NOT LIKE '%_@example.org' OR name = '' OR phone = ''"), ==, 0);
}

static void
test_default (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(TrellisDatabase) db = create_demo (fixture->path, 66, 1);
  sqlite3 *raw = trellis_test_sqlite_open (fixture->path, SQLITE_OPEN_READONLY);
  g_autofree char *codes = trellis_test_sqlite_text (raw,
      "SELECT min (code) || ' ' || max (code) FROM participant");
  g_autofree char *pattern = trellis_test_sqlite_text (raw, "SELECT code_pattern FROM study");

  g_assert_cmpstr (codes, ==, "P001 P066");
  g_assert_cmpstr (pattern, ==, "P###");
  g_assert_cmpint (count (raw, "SELECT count(*) FROM cohort c JOIN profession p ON p.id = c.profession_id"
                               " WHERE c.name = 'Paramedics' AND p.name = 'Paramedic'"), ==, 1);
  assert_default_counts (raw);
  assert_plausible_dates (raw);
  assert_consent_shape (raw);
  g_assert_cmpint (sqlite3_close (raw), ==, SQLITE_OK);
}

/* Completed visits per timepoint, in plan order. */
static char *
completed_per_timepoint (sqlite3 *db)
{
  return trellis_test_sqlite_text (db,
      "SELECT group_concat (n, ' ') FROM (SELECT count (v.id) AS n FROM timepoint_def t"
      " LEFT JOIN visit v ON v.timepoint_id = t.id AND v.completed_date IS NOT NULL"
      " GROUP BY t.id ORDER BY t.position)");
}

/* The mean of an instrument's scores at a timepoint, and the mean change
 * from T1 among those scored at both, in hundredths. */
static gint64
mean_score (sqlite3    *db,
            const char *instrument,
            const char *timepoint)
{
  g_autofree char *sql = g_strdup_printf (
      "SELECT round (100 * avg (s.score)) FROM answer_sheet s JOIN visit v ON v.id = s.visit_id"
      " JOIN timepoint_def t ON t.id = v.timepoint_id JOIN instrument i ON i.id = s.instrument_id"
      " WHERE i.code = '%s' AND t.code = '%s'", instrument, timepoint);

  return count (db, sql);
}

static gint64
mean_change (sqlite3    *db,
             const char *instrument,
             const char *timepoint)
{
  g_autofree char *sql = g_strdup_printf (
      "WITH sc AS (SELECT v.participant_id AS p, t.code AS tp, s.score FROM answer_sheet s"
      " JOIN visit v ON v.id = s.visit_id JOIN timepoint_def t ON t.id = v.timepoint_id"
      " JOIN instrument i ON i.id = s.instrument_id WHERE i.code = '%s')"
      " SELECT round (100 * avg (b.score - a.score)) FROM sc a JOIN sc b ON a.p = b.p"
      " WHERE a.tp = 'T1' AND b.tp = '%s'", instrument, timepoint);

  return count (db, sql);
}

/* Every completion inside its window counted from its anchor, in plan order,
 * before any withdrawal or loss; events after baseline and in order; nothing
 * after the demo's day. */
static void
assert_schedule_kept (sqlite3 *db)
{
  g_assert_cmpint (count (db, "SELECT count(*) FROM visit v JOIN timepoint_def t ON t.id = v.timepoint_id"
                              " JOIN participant p ON p.id = v.participant_id"
                              " LEFT JOIN participant_event e ON e.participant_id = p.id AND e.kind = t.anchor"
                              " WHERE v.completed_date IS NOT NULL AND coalesce (julianday (v.completed_date)"
                              " - julianday (CASE t.anchor WHEN 'baseline' THEN p.baseline_date ELSE e.event_date END)"
                              " BETWEEN t.window_min AND t.window_max, 0) = 0"), ==, 0);
  g_assert_cmpint (count (db, "SELECT count(*) FROM visit a JOIN timepoint_def ta ON ta.id = a.timepoint_id,"
                              " visit b JOIN timepoint_def tb ON tb.id = b.timepoint_id"
                              " WHERE a.participant_id = b.participant_id AND ta.position < tb.position"
                              " AND a.completed_date > b.completed_date"), ==, 0);
  g_assert_cmpint (count (db, "SELECT count(*) FROM participant_event w JOIN participant p ON p.id = w.participant_id"
                              " LEFT JOIN participant_event k ON k.participant_id = p.id AND k.kind = 'coaching'"
                              " WHERE w.kind = 'workshop' AND (w.event_date < p.baseline_date OR k.event_date < w.event_date)"), ==, 0);
  g_assert_cmpint (count (db, "SELECT count(*) FROM participant_event WHERE kind = 'coaching' AND participant_id NOT IN"
                              " (SELECT participant_id FROM participant_event WHERE kind = 'workshop')"), ==, 0);
  g_assert_cmpint (count (db, "SELECT count(*) FROM visit v JOIN participant p ON p.id = v.participant_id"
                              " LEFT JOIN withdrawal w ON w.participant_id = p.id"
                              " WHERE v.completed_date >= coalesce (w.effective_date, p.lost_date, '9999')"), ==, 0);
  g_assert_cmpint (count (db, "SELECT max (max (coalesce ((SELECT max (completed_date) FROM visit), '')),"
                              " coalesce ((SELECT max (event_date) FROM participant_event), ''),"
                              " coalesce ((SELECT max (effective_date) FROM withdrawal), ''),"
                              " coalesce ((SELECT max (lost_date) FROM participant), ''))"
                              " <= '" TRELLIS_DEMO_STUDY_AS_OF "'"), ==, 1);
}

static void
assert_retention (TrellisDatabase *db)
{
  static const guint completed[] = { 66, 62, 47, 33 };
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisVisitTable) table = NULL;
  g_autoptr(TrellisRetention) retention = NULL;
  GDate as_of;

  g_date_clear (&as_of, 1);
  g_date_set_parse (&as_of, TRELLIS_DEMO_STUDY_AS_OF);
  table = trellis_visit_table_read (db, g_date_get_julian (&as_of), &error);
  g_assert_no_error (error);
  retention = trellis_retention_compute (table);
  g_assert_cmpuint (retention->n_cohorts, ==, 7);
  for (guint t = 0; t < 4; t++)
    {
      const TrellisRetentionCounts *total = trellis_retention_get_total (retention, t);

      g_assert_cmpuint (total->recruited, ==, 69);
      g_assert_cmpuint (total->completed, ==, completed[t]);
      /* The three not yet consented have no baseline. */
      g_assert_cmpuint (total->not_yet_due, ==, 3);
      g_assert_cmpuint (total->withdrawn, <=, 3);
    }
  /* Some who stopped were marked missed, a few were left overdue, and the
   * withdrawals and losses show too. */
  g_assert_cmpuint (trellis_retention_get_total (retention, 3)->missed, >, 10);
  g_assert_cmpuint (trellis_retention_get_total (retention, 3)->overdue, >, 0);
  g_assert_cmpuint (trellis_retention_get_total (retention, 3)->withdrawn, ==, 3);
}

/* The default demo, as trellis-cli demo makes it: the seed study's retention
 * and effects of the expected size. */
static void
test_data_collection (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(TrellisDatabase) db = create_demo (fixture->path, TRELLIS_DEMO_STUDY_DEFAULT_PARTICIPANTS,
                                               TRELLIS_DEMO_STUDY_DEFAULT_SEED);
  sqlite3 *raw = trellis_test_sqlite_open (fixture->path, SQLITE_OPEN_READONLY);
  g_autofree char *completed = completed_per_timepoint (raw);
  g_autofree char *instruments = trellis_test_sqlite_text (raw,
      "SELECT group_concat (code || ':' || n, ' ') FROM (SELECT i.code, count (*) AS n FROM instrument i"
      " JOIN item ON item.instrument_id = i.id GROUP BY i.id ORDER BY i.position)");
  g_autoptr(GError) error = NULL;

  g_assert_true (trellis_audit_verify_coverage (db, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (instruments, ==, "BRS:6 CCAE:6 KNOW:10");
  g_assert_cmpstr (completed, ==, "66 62 47 33");
  g_assert_cmpint (count (raw, "SELECT count(*) FROM answer_sheet"), ==, 3 * (66 + 62 + 47 + 33));
  g_assert_cmpint (mean_change (raw, "CCAE", "T2"), >=, 240);
  g_assert_cmpint (mean_change (raw, "CCAE", "T2"), <=, 280);
  g_assert_cmpint (mean_score (raw, "CCAE", "T1"), >=, 450);
  g_assert_cmpint (mean_score (raw, "CCAE", "T1"), <=, 550);
  g_assert_cmpint (mean_score (raw, "BRS", "T1"), >=, 305);
  g_assert_cmpint (mean_score (raw, "BRS", "T1"), <=, 335);
  g_assert_cmpint (mean_score (raw, "BRS", "T4"), >=, 335);
  g_assert_cmpint (mean_score (raw, "BRS", "T4"), <=, 365);
  g_assert_cmpint (mean_score (raw, "KNOW", "T1"), >=, 550);
  g_assert_cmpint (mean_score (raw, "KNOW", "T1"), <=, 650);
  g_assert_cmpint (mean_score (raw, "KNOW", "T2"), >=, 750);
  g_assert_cmpint (mean_score (raw, "KNOW", "T2"), <=, 850);
  /* A few items are left blank, and the scores prorate over them. */
  g_assert_cmpint (count (raw, "SELECT count(*) FROM answer_sheet s JOIN instrument i ON i.id = s.instrument_id"
                               " WHERE i.code = 'KNOW' AND s.answered < 10 AND s.score IS NOT NULL"), >, 0);
  g_assert_cmpint (count (raw, "SELECT count(*) FROM answer_sheet WHERE rule_version != 1"), ==, 0);
  assert_schedule_kept (raw);
  assert_retention (db);
  g_assert_cmpint (sqlite3_close (raw), ==, SQLITE_OK);
}

/* Everything but creation times, in id order. */
static char *
dump (const char *path)
{
  sqlite3 *raw = trellis_test_sqlite_open (path, SQLITE_OPEN_READONLY);
  char *text = trellis_test_sqlite_text (raw,
      "SELECT (SELECT group_concat (printf ('%s|%s|%s|%s', code, cohort_id, baseline_date, lost_date), ';') FROM participant)"
      " || (SELECT group_concat (printf ('%s|%s|%s|%s', name, email, phone, notes), ';') FROM participant_contact)"
      " || (SELECT group_concat (printf ('%s|%s|%s|%s|%s', participant_id, version_id, consent_date, taken_by, answers), ';') FROM consent)"
      " || (SELECT group_concat (printf ('%s|%s|%s|%s', participant_id, kind, effective_date, reason), ';') FROM withdrawal)"
      " || (SELECT group_concat (printf ('%s|%s|%s', participant_id, kind, event_date), ';') FROM participant_event)"
      " || (SELECT group_concat (printf ('%s|%s|%s|%s', participant_id, timepoint_id, completed_date, missed), ';') FROM visit)"
      " || (SELECT group_concat (printf ('%s|%s|%s|%s', visit_id, instrument_id, answers, score), ';') FROM answer_sheet)");

  g_assert_cmpint (sqlite3_close (raw), ==, SQLITE_OK);
  return text;
}

static void
test_deterministic (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *same_path = g_build_filename (fixture->dir, "same.trellis", NULL);
  g_autofree char *other_path = g_build_filename (fixture->dir, "other.trellis", NULL);
  g_autoptr(TrellisDatabase) first = create_demo (fixture->path, 200, 42);
  g_autoptr(TrellisDatabase) same = create_demo (same_path, 200, 42);
  g_autoptr(TrellisDatabase) other = create_demo (other_path, 200, 43);
  g_autofree char *first_dump = dump (fixture->path);
  g_autofree char *same_dump = dump (same_path);
  g_autofree char *other_dump = dump (other_path);

  g_assert_cmpstr (first_dump, ==, same_dump);
  g_assert_cmpstr (first_dump, !=, other_dump);
}

/* A thousand participants need four digits, so the study's pattern widens to
 * match and codes still sort as text; withdrawals scale with the study. */
static void
test_large (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(TrellisDatabase) db = create_demo (fixture->path, 1000, 7);
  sqlite3 *raw = trellis_test_sqlite_open (fixture->path, SQLITE_OPEN_READONLY);
  g_autofree char *codes = trellis_test_sqlite_text (raw,
      "SELECT min (code) || ' ' || max (code) FROM participant");
  g_autofree char *pattern = trellis_test_sqlite_text (raw, "SELECT code_pattern FROM study");
  g_autofree char *completed = completed_per_timepoint (raw);

  g_assert_cmpstr (codes, ==, "P0001 P1000");
  g_assert_cmpstr (pattern, ==, "P####");
  g_assert_cmpint (count (raw, "SELECT count(*) FROM participant"), ==, 1000);
  g_assert_cmpint (count (raw, "SELECT count(*) FROM withdrawal WHERE kind = 'data-destruction'"), ==, 15);
  g_assert_cmpint (count (raw, "SELECT count(*) FROM consent c JOIN consent_version v ON v.id = c.version_id"
                               " WHERE v.label = 'v1.1'"), >, 0);
  /* Retention scales with those who took part: 955 completed T1. */
  g_assert_cmpint (count (raw, "SELECT count(*) FROM consent"), ==, 955);
  g_assert_cmpstr (completed, ==, "955 897 680 478");
  assert_schedule_kept (raw);
  g_assert_cmpint (sqlite3_close (raw), ==, SQLITE_OK);
}

/* Any register already there is left alone, and the study with it. */
static void
test_refuses_filled (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(TrellisDatabase) db = create_demo (fixture->path, 10, 1);
  g_autoptr(GError) error = NULL;
  gint64 before = trellis_audit_count (db, NULL);

  g_assert_false (trellis_demo_study_fill (db, 10, 2, &error));
  g_assert_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "study.trellis"));
  g_assert_cmpint (trellis_audit_count (db, NULL), ==, before);
}

/* The smallest studies still get every cohort and a valid audit trail; with
 * no participants they are a target for importing them. */
static void
test_tiny (Fixture       *fixture,
           gconstpointer  data)
{
  guint n = GPOINTER_TO_UINT (data);
  g_autoptr(TrellisDatabase) db = create_demo (fixture->path, n, 1);
  sqlite3 *raw = trellis_test_sqlite_open (fixture->path, SQLITE_OPEN_READONLY);

  g_assert_cmpint (count (raw, "SELECT count(*) FROM cohort"), ==, 7);
  g_assert_cmpint (count (raw, "SELECT count(*) FROM consent_version"), ==, 2);
  g_assert_cmpint (count (raw, "SELECT count(*) FROM participant"), ==, n);
  g_assert_cmpint (count (raw, "SELECT count(*) FROM withdrawal"), ==, 0);
  g_assert_cmpint (sqlite3_close (raw), ==, SQLITE_OK);
}

#define ADD_TEST_DATA(path, data, func) \
  g_test_add (path, Fixture, data, trellis_test_folder_set_up, func, trellis_test_folder_tear_down)
#define ADD_TEST(path, func) ADD_TEST_DATA (path, NULL, func)

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  ADD_TEST ("/trellis/storage/demo-study/default", test_default);
  ADD_TEST ("/trellis/storage/demo-study/data-collection", test_data_collection);
  ADD_TEST ("/trellis/storage/demo-study/deterministic", test_deterministic);
  ADD_TEST ("/trellis/storage/demo-study/large", test_large);
  ADD_TEST ("/trellis/storage/demo-study/refuses-filled", test_refuses_filled);
  ADD_TEST_DATA ("/trellis/storage/demo-study/one", GUINT_TO_POINTER (1), test_tiny);
  ADD_TEST_DATA ("/trellis/storage/demo-study/none", GUINT_TO_POINTER (0), test_tiny);

  return g_test_run ();
}
