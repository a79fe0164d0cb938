/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "trellis-audit.h"
#include "trellis-demo-study.h"
#include "trellis-storage-error.h"
#include "trellis-test-utils.h"

/* The demo register: its shape, that it passes the audit check, that a seed
 * makes the same study every time, and that it is only added to new studies.
 * Its contents are checked with raw SQL on the file, as a reader would. */

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

/* Everything but creation times, in id order. */
static char *
dump (const char *path)
{
  sqlite3 *raw = trellis_test_sqlite_open (path, SQLITE_OPEN_READONLY);
  char *text = trellis_test_sqlite_text (raw,
      "SELECT (SELECT group_concat (printf ('%s|%s|%s|%s', code, cohort_id, baseline_date, lost_date), ';') FROM participant)"
      " || (SELECT group_concat (printf ('%s|%s|%s|%s', name, email, phone, notes), ';') FROM participant_contact)"
      " || (SELECT group_concat (printf ('%s|%s|%s|%s|%s', participant_id, version_id, consent_date, taken_by, answers), ';') FROM consent)"
      " || (SELECT group_concat (printf ('%s|%s|%s|%s', participant_id, kind, effective_date, reason), ';') FROM withdrawal)");

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

  g_assert_cmpstr (codes, ==, "P0001 P1000");
  g_assert_cmpstr (pattern, ==, "P####");
  g_assert_cmpint (count (raw, "SELECT count(*) FROM participant"), ==, 1000);
  g_assert_cmpint (count (raw, "SELECT count(*) FROM withdrawal WHERE kind = 'data-destruction'"), ==, 15);
  g_assert_cmpint (count (raw, "SELECT count(*) FROM consent c JOIN consent_version v ON v.id = c.version_id"
                               " WHERE v.label = 'v1.1'"), >, 0);
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
  ADD_TEST ("/trellis/storage/demo-study/deterministic", test_deterministic);
  ADD_TEST ("/trellis/storage/demo-study/large", test_large);
  ADD_TEST ("/trellis/storage/demo-study/refuses-filled", test_refuses_filled);
  ADD_TEST_DATA ("/trellis/storage/demo-study/one", GUINT_TO_POINTER (1), test_tiny);
  ADD_TEST_DATA ("/trellis/storage/demo-study/none", GUINT_TO_POINTER (0), test_tiny);

  return g_test_run ();
}
