/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <string.h>

#include "trellis-audit.h"
#include "trellis-consent-clause.h"
#include "trellis-database-private.h"
#include "trellis-study.h"
#include "trellis-test-utils.h"

/* What the register's store tests share: a fresh study in its own temporary
 * folder, a count of register-changed emissions, a text dump of the file to
 * show that a refused change left the study as it was, and helpers that
 * assert each step worked. Header-only, so the tests need no extra library. */

typedef struct
{
  TrellisTestFolder folder;
  TrellisStudy *study;
  TrellisDatabase *db;   /* owned by study */
  guint changes;         /* register-changed emissions */
} Fixture;

G_GNUC_UNUSED static void
on_register_changed (TrellisStudy *study,
                     Fixture      *fixture)
{
  fixture->changes++;
}

G_GNUC_UNUSED static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  trellis_test_folder_set_up (&fixture->folder, user_data);
  fixture->study = trellis_study_create (fixture->folder.path, "Resilience coaching", &error);
  g_assert_no_error (error);
  fixture->db = trellis_study_get_database (fixture->study);
  g_signal_connect (fixture->study, "register-changed", G_CALLBACK (on_register_changed), fixture);
}

G_GNUC_UNUSED static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->study);
  trellis_test_folder_tear_down (&fixture->folder, user_data);
}

G_GNUC_UNUSED static void
assert_verifies (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (trellis_audit_verify (fixture->db, &error));
  g_assert_no_error (error);
}

G_GNUC_UNUSED static void
assert_message (const GError *error,
                const char   *expected)
{
  g_assert_nonnull (error);
  if (strstr (error->message, expected) == NULL)
    g_error ("“%s” does not say “%s”", error->message, expected);
}

/* Every row of every table, through the study's own connection. */
G_GNUC_UNUSED static char *
dump_study (Fixture *fixture)
{
  sqlite3 *handle = trellis_database_get_handle (fixture->db);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (handle, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  for (guint i = 0; i < tables->len; i++)
    {
      char *sql = sqlite3_mprintf ("SELECT * FROM \"%w\" ORDER BY rowid", (const char *) tables->pdata[i]);

      g_string_append_printf (out, "table %s\n", (const char *) tables->pdata[i]);
      g_assert_cmpint (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            g_string_append_printf (out, "%s|", sqlite3_column_type (stmt, c) == SQLITE_NULL
                                    ? "NULL" : (const char *) sqlite3_column_text (stmt, c));
          g_string_append_c (out, '\n');
        }
      sqlite3_finalize (stmt);
      sqlite3_free (sql);
    }
  return g_strdup (out->str);
}

G_GNUC_UNUSED static gint64
sql_int (Fixture    *fixture,
         const char *sql)
{
  return trellis_test_sqlite_int (trellis_database_get_handle (fixture->db), sql);
}

G_GNUC_UNUSED static char *
sql_text (Fixture    *fixture,
          const char *sql)
{
  return trellis_test_sqlite_text (trellis_database_get_handle (fixture->db), sql);
}

/* A cohort of midwives, asserted to be created; returns its id. */
G_GNUC_UNUSED static gint64
add_cohort (Fixture    *fixture,
            const char *name)
{
  g_autoptr(TrellisCohort) cohort = trellis_cohort_new ();
  g_autoptr(GError) error = NULL;

  trellis_cohort_set_name (cohort, name);
  trellis_cohort_set_profession (cohort, "Midwife");
  g_assert_true (trellis_study_create_cohort (fixture->study, cohort, &error));
  g_assert_no_error (error);
  return trellis_cohort_get_id (cohort);
}

G_GNUC_UNUSED static gint64
add_participant (Fixture    *fixture,
                 const char *code,
                 gint64      cohort_id,
                 const char *baseline)
{
  g_autoptr(GError) error = NULL;
  gint64 id = trellis_study_add_participant (fixture->study, code, cohort_id, baseline, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* A version with the standard clauses; returns its id. */
G_GNUC_UNUSED static gint64
add_version (Fixture    *fixture,
             const char *label,
             const char *date,
             gboolean    requires_reconsent)
{
  g_autoptr(TrellisConsentVersion) version = trellis_consent_version_new ();
  g_autoptr(GError) error = NULL;

  trellis_consent_version_set_label (version, label);
  trellis_consent_version_set_date (version, date);
  trellis_consent_version_set_requires_reconsent (version, requires_reconsent);
  g_assert_true (trellis_study_add_consent_version (fixture->study, version, &error));
  g_assert_no_error (error);
  return trellis_consent_version_get_id (version);
}

/* Answers to every standard clause: yes to all but those listed in no. */
G_GNUC_UNUSED static GHashTable *
standard_answers (const char *const *no)
{
  GHashTable *answers = trellis_consent_answers_new ();
  const TrellisConsentClause *clauses;
  guint n;

  clauses = trellis_consent_clause_get_defaults (&n);
  for (guint i = 0; i < n; i++)
    trellis_consent_answers_set (answers, clauses[i].key,
                                 no == NULL || !g_strv_contains (no, clauses[i].key));
  return answers;
}

G_GNUC_UNUSED static gint64
consent (Fixture    *fixture,
         gint64      participant_id,
         gint64      version_id,
         const char *date)
{
  g_autoptr(GHashTable) answers = standard_answers (NULL);
  g_autoptr(GError) error = NULL;
  gint64 id = trellis_study_record_consent (fixture->study, participant_id, version_id, date,
                                            "A. Coordinator", answers, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

G_GNUC_UNUSED static TrellisParticipant *
load_participant (Fixture *fixture,
                  gint64   id)
{
  g_autoptr(GError) error = NULL;
  TrellisParticipant *participant = trellis_study_get_participant (fixture->study, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (participant);
  return participant;
}
