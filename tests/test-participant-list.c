/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "trellis-database-private.h"
#include "trellis-participant-list.h"
#include "trellis-study.h"
#include "trellis-test-utils.h"

/* TrellisParticipantList, the register as the participants page shows it:
 * filtered and sorted in memory, with status and consent state derived by the
 * domain's rules. Each test works on a real study file in its own folder; the
 * rows are written with raw SQL, since only the list is under test here. */

typedef struct
{
  TrellisTestFolder folder;
  TrellisStudy *study;
  TrellisDatabase *db;
  TrellisParticipantList *list;
  guint n_changed;        /* items-changed emissions */
  guint last_removed;
  guint last_added;
  guint last_position;
  guint n_items;          /* as the last items-changed left them */
} Fixture;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *fixture)
{
  fixture->n_changed++;
  fixture->last_position = position;
  fixture->last_removed = removed;
  fixture->last_added = added;
  /* The model must already hold the new rows when it says so. */
  g_assert_cmpuint (position + removed, <=, fixture->n_items);
  fixture->n_items = fixture->n_items - removed + added;
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, fixture->n_items);
}

static void
exec (Fixture    *fixture,
      const char *sql)
{
  g_autoptr(GError) error = NULL;

  trellis_database_exec (fixture->db, sql, &error);
  g_assert_no_error (error);
}

static void
reload (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (trellis_participant_list_reload (fixture->list, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  trellis_test_folder_set_up (&fixture->folder, user_data);
  fixture->study = trellis_study_create (fixture->folder.path, "Resilience coaching", &error);
  g_assert_no_error (error);
  fixture->db = trellis_study_get_database (fixture->study);
  fixture->list = trellis_participant_list_new (fixture->db);
  g_signal_connect (fixture->list, "items-changed", G_CALLBACK (on_items_changed), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->list);
  g_clear_object (&fixture->study);
  trellis_test_folder_tear_down (&fixture->folder, user_data);
}

/* A small register with every status and consent state:
 *  P001 Midwives, baseline, consented on v1; v2 requires reconsent → reconsent needed, active
 *  P002 Midwives, baseline, consented on v2 → consented, active
 *  P003 Paramedics, nothing yet → no consent, recruited
 *  P004 Paramedics, baseline, declined on v2 → declined, recruited
 *  P005 Midwives, baseline (same day as P001), v1 then v2, withdrawn → consented, withdrawn
 *  P006 Paramedics, baseline, consented on v2, lost → consented, lost to follow-up
 *  P007 Midwives, consented on v1, withdrawn → consented (no reconsent once withdrawn), withdrawn
 *  P008 Paramedics, v2 on 2024-07-01, then an older-dated v1 record entered later:
 *       the latest is by date, so v2 counts → consented, recruited (no baseline) */
static void
add_register (Fixture *fixture)
{
  exec (fixture,
        "INSERT INTO cohort (id, name, profession_id) VALUES (1, 'Midwives A', 1), (2, 'Paramedics B', 2);"
        "INSERT INTO consent_version (id, label, version_date, clauses, requires_reconsent) VALUES"
        " (1, 'v1', '2024-01-01', '[]', 0), (2, 'v2', '2024-06-01', '[]', 1);"
        "INSERT INTO participant (id, code, cohort_id, baseline_date, created, lost_date) VALUES"
        " (1, 'P001', 1, '2024-02-01', '2024-01-01', NULL),"
        " (2, 'P002', 1, '2024-03-05', '2024-01-01', NULL),"
        " (3, 'P003', 2, NULL, '2024-01-01', NULL),"
        " (4, 'P004', 2, '2024-01-15', '2024-01-01', NULL),"
        " (5, 'P005', 1, '2024-02-01', '2024-01-01', NULL),"
        " (6, 'P006', 2, '2024-04-01', '2024-01-01', '2024-08-01'),"
        " (7, 'P007', 1, NULL, '2024-01-01', NULL),"
        " (8, 'P008', 2, NULL, '2024-01-01', NULL);"
        "INSERT INTO consent (id, participant_id, version_id, consent_date, taken_by, answers) VALUES"
        /* Compact, as Trellis writes answers, and spaced or in another
         * order, as another tool might: the list reads both. */
        " (1, 1, 1, '2024-01-20', 'AB', '{\"take_part\":true}'),"
        " (2, 2, 2, '2024-06-10', 'AB', '{\"video\":false,\"take_part\":true}'),"
        " (3, 4, 2, '2024-06-11', 'AB', '{\"take_part\":false}'),"
        " (4, 5, 1, '2024-01-21', 'AB', '{\"take_part\": true}'),"
        " (5, 5, 2, '2024-06-12', 'AB', '{\"take_part\": true}'),"
        " (6, 6, 2, '2024-06-13', 'AB', '{\"take_part\": true}'),"
        " (7, 7, 1, '2024-01-22', 'AB', '{\"take_part\": true}'),"
        " (8, 8, 2, '2024-07-01', 'AB', '{\"take_part\": true}'),"
        " (9, 8, 1, '2024-01-05', 'AB', '{\"take_part\": false}');"
        "INSERT INTO withdrawal (participant_id, kind, effective_date) VALUES"
        " (5, 'no-further-data', '2024-07-01'), (7, 'data-destruction', '2024-03-01');");
}

/* The codes of the rows the list shows, in order, joined by spaces. */
static char *
codes (TrellisParticipantList *list)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(TrellisParticipantRow) row = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_string_append_printf (text, "%s%s", i > 0 ? " " : "", trellis_participant_row_get_code (row));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
assert_codes (TrellisParticipantList *list,
              const char             *expected)
{
  g_autofree char *shown = codes (list);

  g_assert_cmpstr (shown, ==, expected);
}

static void
filter (Fixture    *fixture,
        const char *text)
{
  trellis_participant_list_set_filter (fixture->list, text);
}

static void
test_empty (Fixture       *fixture,
            gconstpointer  user_data)
{
  reload (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->list)), ==, 0);
  g_assert_cmpuint (trellis_participant_list_get_n_total (fixture->list), ==, 0);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (fixture->list)) == TRELLIS_TYPE_PARTICIPANT_ROW);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (fixture->list), 0));
  /* Nothing to say when nothing changed. */
  filter (fixture, "p0");
  trellis_participant_list_set_sort (fixture->list, TRELLIS_PARTICIPANT_COLUMN_STATUS, TRUE);
  g_assert_cmpuint (fixture->n_changed, ==, 0);
}

typedef struct
{
  const char *code;
  const char *cohort;
  const char *status;
  const char *baseline;
  TrellisConsentState consent;
  const char *consent_label;
} Expected;

static void
test_rows (Fixture       *fixture,
           gconstpointer  user_data)
{
  static const Expected expected[] = {
    { "P001", "Midwives A", "Active", "2024-02-01", TRELLIS_CONSENT_STATE_RECONSENT_NEEDED, "Reconsent needed" },
    { "P002", "Midwives A", "Active", "2024-03-05", TRELLIS_CONSENT_STATE_GIVEN, "Consented" },
    { "P003", "Paramedics B", "Recruited", "", TRELLIS_CONSENT_STATE_NONE, "No consent" },
    { "P004", "Paramedics B", "Recruited", "2024-01-15", TRELLIS_CONSENT_STATE_DECLINED, "Declined" },
    { "P005", "Midwives A", "Withdrawn", "2024-02-01", TRELLIS_CONSENT_STATE_GIVEN, "Consented" },
    { "P006", "Paramedics B", "Lost to follow-up", "2024-04-01", TRELLIS_CONSENT_STATE_GIVEN, "Consented" },
    { "P007", "Midwives A", "Withdrawn", "", TRELLIS_CONSENT_STATE_GIVEN, "Consented" },
    { "P008", "Paramedics B", "Recruited", "", TRELLIS_CONSENT_STATE_GIVEN, "Consented" },
  };

  add_register (fixture);
  reload (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->list)), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(TrellisParticipantRow) row = g_list_model_get_item (G_LIST_MODEL (fixture->list), i);
      g_autofree char *status = NULL;
      guint state = 99;

      g_object_get (row, "status-label", &status, "consent-state", &state, NULL);
      g_assert_cmpint (trellis_participant_row_get_id (row), ==, i + 1);
      g_assert_cmpstr (trellis_participant_row_get_code (row), ==, expected[i].code);
      g_assert_cmpstr (trellis_participant_row_get_cohort (row), ==, expected[i].cohort);
      g_assert_cmpstr (status, ==, expected[i].status);
      g_assert_cmpstr (trellis_participant_row_get_baseline_date (row), ==, expected[i].baseline);
      g_assert_cmpuint (state, ==, expected[i].consent);
      g_assert_cmpstr (trellis_participant_row_get_consent_label (row), ==, expected[i].consent_label);
    }
  g_assert_cmpuint (fixture->n_changed, ==, 1);
  g_assert_cmpuint (fixture->last_removed, ==, 0);
  g_assert_cmpuint (fixture->last_added, ==, 8);
}

static void
test_filter (Fixture       *fixture,
             gconstpointer  user_data)
{
  add_register (fixture);
  reload (fixture);

  filter (fixture, "p00");
  assert_codes (fixture->list, "P001 P002 P003 P004 P005 P006 P007 P008");
  filter (fixture, "  p007 ");
  assert_codes (fixture->list, "P007");
  filter (fixture, "MIDWIVES");
  assert_codes (fixture->list, "P001 P002 P005 P007");
  filter (fixture, "withdrawn");
  assert_codes (fixture->list, "P005 P007");
  filter (fixture, "Reconsent");
  assert_codes (fixture->list, "P001");
  filter (fixture, "lost");
  assert_codes (fixture->list, "P006");
  /* "consent" is part of "No consent", "Consented" and "Reconsent needed". */
  filter (fixture, "consent");
  assert_codes (fixture->list, "P001 P002 P003 P005 P006 P007 P008");
  filter (fixture, "nobody");
  assert_codes (fixture->list, "");
  g_assert_cmpuint (trellis_participant_list_get_n_total (fixture->list), ==, 8);
  filter (fixture, "");
  assert_codes (fixture->list, "P001 P002 P003 P004 P005 P006 P007 P008");
  filter (fixture, NULL);
  assert_codes (fixture->list, "P001 P002 P003 P004 P005 P006 P007 P008");
}

/* Every word must match some field, and the fields may differ per word. */
static void
test_filter_words (Fixture       *fixture,
                   gconstpointer  user_data)
{
  add_register (fixture);
  reload (fixture);

  filter (fixture, "midwives active");
  assert_codes (fixture->list, "P001 P002");
  filter (fixture, "active midwives");
  assert_codes (fixture->list, "P001 P002");
  filter (fixture, "paramedics consented");
  assert_codes (fixture->list, "P006 P008");
  filter (fixture, "paramedics\tconsented recruited");
  assert_codes (fixture->list, "P008");
  filter (fixture, "p005 withdrawn");
  assert_codes (fixture->list, "P005");
  filter (fixture, "p005 active");
  assert_codes (fixture->list, "");
  /* A word is matched inside one field, never across two. */
  filter (fixture, "p001midwives");
  assert_codes (fixture->list, "");
}

/* Filtering from the rows still shown (when the text narrows) or from all of
 * them must give the same rows as a list that saw only the final text. */
static void
test_filter_narrow_widen (Fixture       *fixture,
                          gconstpointer  user_data)
{
  static const char *const steps[] = {
    "p", "p0", "p00", "p007", "p00", "p0", "", "m", "mi", "mi ", "mi a", "mi ac", "mi a", "a mi",
    "a", "ac", "act", "act p", "act p002", "act p00", "with", "withdrawn p", "withdrawn p7",
    "withdrawn", "d", "de", "dec", "decl", "de", "paramedics", "paramedics c", "paramedics con",
    "paramedics consented", "consented", "consent", "",
  };

  add_register (fixture);
  reload (fixture);
  trellis_participant_list_set_sort (fixture->list, TRELLIS_PARTICIPANT_COLUMN_BASELINE_DATE, TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autoptr(TrellisParticipantList) fresh = trellis_participant_list_new (fixture->db);
      g_autoptr(GError) error = NULL;
      g_autofree char *expected = NULL;
      g_autofree char *shown = NULL;

      g_assert_true (trellis_participant_list_reload (fresh, &error));
      trellis_participant_list_set_sort (fresh, TRELLIS_PARTICIPANT_COLUMN_BASELINE_DATE, TRUE);
      trellis_participant_list_set_filter (fresh, steps[i]);
      expected = codes (fresh);

      filter (fixture, steps[i]);
      shown = codes (fixture->list);
      g_test_message ("filter ‘%s’: %s", steps[i], shown);
      g_assert_cmpstr (shown, ==, expected);
    }

  /* And sorting afterwards keeps the filter. */
  filter (fixture, "paramedics");
  trellis_participant_list_set_sort (fixture->list, TRELLIS_PARTICIPANT_COLUMN_CODE, TRUE);
  assert_codes (fixture->list, "P008 P006 P004 P003");
  filter (fixture, "paramedics consented");
  assert_codes (fixture->list, "P008 P006");
  filter (fixture, "");
  assert_codes (fixture->list, "P008 P007 P006 P005 P004 P003 P002 P001");
}

static void
assert_sorted (Fixture                  *fixture,
               TrellisParticipantColumn  column,
               gboolean                  descending,
               const char               *expected)
{
  trellis_participant_list_set_sort (fixture->list, column, descending);
  g_assert_cmpint (trellis_participant_list_get_sort_column (fixture->list), ==, column);
  g_assert_cmpint (trellis_participant_list_get_sort_descending (fixture->list), ==, descending);
  assert_codes (fixture->list, expected);
}

/* Labels sort as they read; ties go by code, ascending, in both directions. */
static void
test_sort (Fixture       *fixture,
           gconstpointer  user_data)
{
  add_register (fixture);
  reload (fixture);

  assert_sorted (fixture, TRELLIS_PARTICIPANT_COLUMN_CODE, TRUE, "P008 P007 P006 P005 P004 P003 P002 P001");
  assert_sorted (fixture, TRELLIS_PARTICIPANT_COLUMN_CODE, FALSE, "P001 P002 P003 P004 P005 P006 P007 P008");
  assert_sorted (fixture, TRELLIS_PARTICIPANT_COLUMN_COHORT, FALSE, "P001 P002 P005 P007 P003 P004 P006 P008");
  assert_sorted (fixture, TRELLIS_PARTICIPANT_COLUMN_COHORT, TRUE, "P003 P004 P006 P008 P001 P002 P005 P007");
  /* Active < Lost to follow-up < Recruited < Withdrawn. */
  assert_sorted (fixture, TRELLIS_PARTICIPANT_COLUMN_STATUS, FALSE, "P001 P002 P006 P003 P004 P008 P005 P007");
  assert_sorted (fixture, TRELLIS_PARTICIPANT_COLUMN_STATUS, TRUE, "P005 P007 P003 P004 P008 P006 P001 P002");
  /* A missing date comes after every date. */
  assert_sorted (fixture, TRELLIS_PARTICIPANT_COLUMN_BASELINE_DATE, FALSE,
                 "P004 P001 P005 P002 P006 P003 P007 P008");
  assert_sorted (fixture, TRELLIS_PARTICIPANT_COLUMN_BASELINE_DATE, TRUE,
                 "P003 P007 P008 P006 P002 P001 P005 P004");
  /* Consented < Declined < No consent < Reconsent needed. */
  assert_sorted (fixture, TRELLIS_PARTICIPANT_COLUMN_CONSENT, FALSE, "P002 P005 P006 P007 P008 P004 P003 P001");
  assert_sorted (fixture, TRELLIS_PARTICIPANT_COLUMN_CONSENT, TRUE, "P001 P003 P004 P002 P005 P006 P007 P008");
}

/* One items-changed per change, replacing every row, and none for no change. */
static void
test_signals (Fixture       *fixture,
              gconstpointer  user_data)
{
  add_register (fixture);
  reload (fixture);
  g_assert_cmpuint (fixture->n_changed, ==, 1);

  filter (fixture, "midwives");
  g_assert_cmpuint (fixture->n_changed, ==, 2);
  g_assert_cmpuint (fixture->last_position, ==, 0);
  g_assert_cmpuint (fixture->last_removed, ==, 8);
  g_assert_cmpuint (fixture->last_added, ==, 4);

  /* The same words, however spaced or cased, change nothing. */
  filter (fixture, " Midwives  ");
  filter (fixture, " Midwives  ");
  g_assert_cmpuint (fixture->n_changed, ==, 2);

  trellis_participant_list_set_sort (fixture->list, TRELLIS_PARTICIPANT_COLUMN_STATUS, TRUE);
  g_assert_cmpuint (fixture->n_changed, ==, 3);
  g_assert_cmpuint (fixture->last_removed, ==, 4);
  g_assert_cmpuint (fixture->last_added, ==, 4);
  trellis_participant_list_set_sort (fixture->list, TRELLIS_PARTICIPANT_COLUMN_STATUS, TRUE);
  g_assert_cmpuint (fixture->n_changed, ==, 3);

  filter (fixture, "midwives withdrawn");
  g_assert_cmpuint (fixture->n_changed, ==, 4);
  g_assert_cmpuint (fixture->last_removed, ==, 4);
  g_assert_cmpuint (fixture->last_added, ==, 2);

  filter (fixture, "");
  g_assert_cmpuint (fixture->n_changed, ==, 5);
  g_assert_cmpuint (fixture->last_removed, ==, 2);
  g_assert_cmpuint (fixture->last_added, ==, 8);

  reload (fixture);
  g_assert_cmpuint (fixture->n_changed, ==, 6);
  g_assert_cmpuint (fixture->last_removed, ==, 8);
  g_assert_cmpuint (fixture->last_added, ==, 8);
}

/* A reload reads the changes and keeps the filter and the sort. */
static void
test_reload (Fixture       *fixture,
             gconstpointer  user_data)
{
  add_register (fixture);
  reload (fixture);
  filter (fixture, "paramedics");
  trellis_participant_list_set_sort (fixture->list, TRELLIS_PARTICIPANT_COLUMN_CODE, TRUE);
  assert_codes (fixture->list, "P008 P006 P004 P003");

  exec (fixture,
        "INSERT INTO cohort (id, name, profession_id) VALUES (3, 'Paramedics C', 2);"
        "INSERT INTO participant (id, code, cohort_id, created) VALUES (9, 'P009', 3, '2024-01-02');"
        "INSERT INTO withdrawal (participant_id, kind, effective_date) VALUES (3, 'no-further-contact', '2024-09-01');"
        "UPDATE consent_version SET requires_reconsent = 0 WHERE id = 2;"
        "INSERT INTO consent_version (id, label, version_date, clauses, requires_reconsent)"
        " VALUES (3, 'v3', '2024-09-01', '[]', 1);");
  reload (fixture);
  assert_codes (fixture->list, "P009 P008 P006 P004 P003");
  g_assert_cmpuint (trellis_participant_list_get_n_total (fixture->list), ==, 9);
  g_assert_cmpuint (fixture->last_removed, ==, 4);
  g_assert_cmpuint (fixture->last_added, ==, 5);

  /* v3 requires reconsent of everyone who is still taking part: not P006,
   * lost to follow-up, nor the withdrawn. */
  filter (fixture, "reconsent");
  assert_codes (fixture->list, "P008 P002 P001");
  filter (fixture, "withdrawn paramedics");
  assert_codes (fixture->list, "P003");
}

/* The study owns one list, read when first asked for. */
static void
test_study_list (Fixture       *fixture,
                 gconstpointer  user_data)
{
  GListModel *model;

  add_register (fixture);
  model = trellis_study_get_participant_list (fixture->study);
  g_assert_true (TRELLIS_IS_PARTICIPANT_LIST (model));
  g_assert_true (trellis_study_get_participant_list (fixture->study) == model);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 8);
}

/* The first N rows in code order, as a study just opened shows them. */
static void
take_first_rows (Fixture *fixture,
                 guint    n)
{
  g_autoptr(GError) error = NULL;
  TrellisParticipantTable *table = trellis_participant_table_read (fixture->db, n, &error);

  g_assert_no_error (error);
  g_assert_nonnull (table);
  trellis_participant_list_take_table (fixture->list, table);
}

static void
take_every_row (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  TrellisParticipantTable *table = trellis_participant_table_read (fixture->db, 0, &error);

  g_assert_no_error (error);
  g_assert_nonnull (table);
  trellis_participant_list_take_table (fixture->list, table);
}

/* The first rows read alone are the same rows as in the whole register,
 * with the whole register's count; the rest add to them in one
 * items-changed after the rows already shown, which stay as they were. */
static void
test_first_rows (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(TrellisParticipantRow) first = NULL;
  g_autoptr(TrellisParticipantRow) third = NULL;

  add_register (fixture);
  take_first_rows (fixture, 3);
  g_assert_false (trellis_participant_list_get_complete (fixture->list));
  g_assert_cmpuint (trellis_participant_list_get_n_total (fixture->list), ==, 8);
  assert_codes (fixture->list, "P001 P002 P003");
  /* Their states come from their own consents, withdrawals and sheets. */
  first = g_list_model_get_item (G_LIST_MODEL (fixture->list), 0);
  third = g_list_model_get_item (G_LIST_MODEL (fixture->list), 2);
  g_assert_cmpuint (trellis_participant_row_get_consent_state (first), ==, TRELLIS_CONSENT_STATE_RECONSENT_NEEDED);
  g_assert_cmpstr (trellis_participant_row_get_cohort (third), ==, "Paramedics B");
  g_assert_cmpuint (trellis_participant_row_get_consent_state (third), ==, TRELLIS_CONSENT_STATE_NONE);
  g_assert_cmpuint (fixture->n_changed, ==, 1);

  take_every_row (fixture);
  g_assert_true (trellis_participant_list_get_complete (fixture->list));
  assert_codes (fixture->list, "P001 P002 P003 P004 P005 P006 P007 P008");
  g_assert_cmpuint (fixture->n_changed, ==, 2);
  g_assert_cmpuint (fixture->last_position, ==, 3);
  g_assert_cmpuint (fixture->last_removed, ==, 0);
  g_assert_cmpuint (fixture->last_added, ==, 5);
}

/* A search or a sort asked for while only the first rows are there would
 * answer from those rows alone: it waits for the rest, then applies. */
static void
test_first_rows_filter_waits (Fixture       *fixture,
                              gconstpointer  user_data)
{
  add_register (fixture);
  take_first_rows (fixture, 3);
  filter (fixture, "paramedics");
  trellis_participant_list_set_sort (fixture->list, TRELLIS_PARTICIPANT_COLUMN_CODE, TRUE);
  assert_codes (fixture->list, "P001 P002 P003");
  g_assert_cmpuint (fixture->n_changed, ==, 1);
  g_assert_cmpstr (trellis_participant_list_get_filter (fixture->list), ==, "paramedics");

  take_every_row (fixture);
  assert_codes (fixture->list, "P008 P006 P004 P003");
  g_assert_cmpuint (fixture->n_changed, ==, 2);
  g_assert_cmpuint (fixture->last_position, ==, 0);
  g_assert_cmpuint (fixture->last_removed, ==, 3);
  g_assert_cmpuint (fixture->last_added, ==, 4);
}

/* A register no longer than the first rows is read whole by them. */
static void
test_first_rows_whole (Fixture       *fixture,
                       gconstpointer  user_data)
{
  add_register (fixture);
  take_first_rows (fixture, 8);
  g_assert_true (trellis_participant_list_get_complete (fixture->list));
  g_assert_cmpuint (trellis_participant_list_get_n_total (fixture->list), ==, 8);
  filter (fixture, "withdrawn");
  assert_codes (fixture->list, "P005 P007");
}

static void
on_opened (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  TrellisStudy **study = user_data;
  g_autoptr(GError) error = NULL;

  *study = trellis_study_open_finish (result, &error);
  g_assert_no_error (error);
}

static void
on_completed (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (trellis_study_complete_participant_list_finish (TRELLIS_STUDY (source), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

/* Adds 300 participants to the study of the fixture, and opens it again as
 * the window does: the first screenful only, then the rest. */
static TrellisStudy *
open_large_study (Fixture *fixture)
{
  g_autofree char *path = g_strdup (trellis_study_get_path (fixture->study));
  TrellisStudy *study = NULL;

  exec (fixture,
        "INSERT INTO cohort (id, name, profession_id) VALUES (1, 'Midwives A', 1);"
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)"
        " INSERT INTO participant (id, code, cohort_id, created) SELECT i, printf ('P%03d', i), 1, '2024-01-01' FROM n;");
  g_clear_object (&fixture->list);
  g_clear_object (&fixture->study);
  trellis_study_open_async (path, TRELLIS_OPEN_FLAGS_NONE, NULL, on_opened, &study);
  while (study == NULL)
    g_main_context_iteration (NULL, TRUE);
  fixture->study = study;
  fixture->db = trellis_study_get_database (study);
  return study;
}

static GListModel *
study_list (TrellisStudy *study)
{
  g_autoptr(GError) error = NULL;
  GListModel *list = NULL;

  g_assert_true (trellis_study_read_participant_list (study, &list, &error));
  g_assert_no_error (error);
  return list;
}

/* A study opened for a window reads the first screenful of its register at
 * once and the rest when asked, for the same list. */
static void
test_study_completes (Fixture       *fixture,
                      gconstpointer  user_data)
{
  TrellisStudy *study = open_large_study (fixture);
  GListModel *list = study_list (study);
  gboolean done = FALSE;

  g_assert_false (trellis_participant_list_get_complete (TRELLIS_PARTICIPANT_LIST (list)));
  g_assert_cmpuint (g_list_model_get_n_items (list), <, 300);
  g_assert_cmpuint (trellis_participant_list_get_n_total (TRELLIS_PARTICIPANT_LIST (list)), ==, 300);

  trellis_study_complete_participant_list_async (study, NULL, on_completed, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (study_list (study) == list);
  g_assert_true (trellis_participant_list_get_complete (TRELLIS_PARTICIPANT_LIST (list)));
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 300);

  /* Complete already: nothing more to read. */
  done = FALSE;
  trellis_study_complete_participant_list_async (study, NULL, on_completed, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 300);
}

/* A change to the register while the rest is read has the list read again
 * at once; the read under way, which predates the change, is dropped. */
static void
test_study_completion_overtaken (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  TrellisStudy *study = open_large_study (fixture);
  GListModel *list = study_list (study);
  g_autoptr(GError) error = NULL;
  gboolean done = FALSE;

  trellis_study_complete_participant_list_async (study, NULL, on_completed, &done);
  /* The read is done, and its answer waits for the main loop, when the
   * change comes: the list must not take that older answer. */
  while (!g_main_context_pending (NULL))
    g_usleep (1000);
  exec (fixture, "DELETE FROM participant WHERE id > 100");
  g_assert_true (trellis_participant_list_reload (TRELLIS_PARTICIPANT_LIST (list), &error));
  g_assert_no_error (error);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (trellis_participant_list_get_complete (TRELLIS_PARTICIPANT_LIST (list)));
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 100);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/trellis/storage/participant-list/empty", Fixture, NULL,
              fixture_set_up, test_empty, fixture_tear_down);
  g_test_add ("/trellis/storage/participant-list/rows", Fixture, NULL,
              fixture_set_up, test_rows, fixture_tear_down);
  g_test_add ("/trellis/storage/participant-list/filter", Fixture, NULL,
              fixture_set_up, test_filter, fixture_tear_down);
  g_test_add ("/trellis/storage/participant-list/filter-words", Fixture, NULL,
              fixture_set_up, test_filter_words, fixture_tear_down);
  g_test_add ("/trellis/storage/participant-list/filter-narrow-widen", Fixture, NULL,
              fixture_set_up, test_filter_narrow_widen, fixture_tear_down);
  g_test_add ("/trellis/storage/participant-list/sort", Fixture, NULL,
              fixture_set_up, test_sort, fixture_tear_down);
  g_test_add ("/trellis/storage/participant-list/signals", Fixture, NULL,
              fixture_set_up, test_signals, fixture_tear_down);
  g_test_add ("/trellis/storage/participant-list/reload", Fixture, NULL,
              fixture_set_up, test_reload, fixture_tear_down);
  g_test_add ("/trellis/storage/participant-list/study-list", Fixture, NULL,
              fixture_set_up, test_study_list, fixture_tear_down);
  g_test_add ("/trellis/storage/participant-list/first-rows", Fixture, NULL,
              fixture_set_up, test_first_rows, fixture_tear_down);
  g_test_add ("/trellis/storage/participant-list/first-rows-filter-waits", Fixture, NULL,
              fixture_set_up, test_first_rows_filter_waits, fixture_tear_down);
  g_test_add ("/trellis/storage/participant-list/first-rows-whole", Fixture, NULL,
              fixture_set_up, test_first_rows_whole, fixture_tear_down);
  g_test_add ("/trellis/storage/participant-list/study-completes", Fixture, NULL,
              fixture_set_up, test_study_completes, fixture_tear_down);
  g_test_add ("/trellis/storage/participant-list/study-completion-overtaken", Fixture, NULL,
              fixture_set_up, test_study_completion_overtaken, fixture_tear_down);

  return g_test_run ();
}
