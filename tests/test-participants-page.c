/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "trellis-audit.h"
#include "trellis-audit-coverage.h"
#include "trellis-database-private.h"
#include "trellis-participant-list.h"
#include "trellis-participants-page.h"
#include "trellis-test-utils.h"
#include "ui-test-utils.h"

/* The Participants page in the real window: search, sort, empty states. */

/* Writes a register of 66 participants in three cohorts as a store would: in
 * one transaction, with bulk audit rows, so the study passes its audit check.
 * P001, P004… are midwives, P002, P005… paramedics, P003, P006… sonographers.
 * P006, P012… have no baseline or consent yet; every fourth consent is on the
 * older sheet, which sheet 2.0 asks to be reconsented; P017 declined; every
 * eleventh is lost to follow-up and every twentieth withdrew. */
static void
write_register_of (const char *path,
                   guint       n_participants)
{
  const struct { const char *table; guint count; } tables[] = {
    { "cohort", 3 }, { "consent_version", 2 }, { "participant", n_participants },
    { "consent", n_participants }, { "withdrawal", 3 },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisStudy) study = trellis_study_create (path, "Resilience coaching", &error);
  g_autofree char *count = g_strdup_printf ("%u", n_participants);
  g_autofree char *sql = NULL;
  TrellisDatabase *db;

  g_assert_no_error (error);
  sql = g_strconcat (
      "INSERT INTO cohort (id, name, profession_id) VALUES"
      " (1, 'Midwives, spring 2024', 1), (2, 'Paramedics, spring 2024', 4), (3, 'Sonographers', 7);"
      "INSERT INTO consent_version (id, label, version_date, clauses, requires_reconsent) VALUES"
      " (1, 'Sheet 1.0', '2024-01-01', '[]', 0), (2, 'Sheet 2.0', '2024-03-01', '[]', 1);"
      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ", count, ")"
      " INSERT INTO participant (id, code, cohort_id, baseline_date, created, lost_date)"
      " SELECT i, printf ('P%03d', i), 1 + (i - 1) % 3,"
      "  CASE WHEN i % 6 THEN date ('2024-01-08', '+' || i || ' days') END, '2024-01-02',"
      "  CASE WHEN i % 11 = 0 THEN '2024-06-01' END FROM n;"
      "INSERT INTO consent (id, participant_id, version_id, consent_date, taken_by, answers)"
      " SELECT id, id, CASE WHEN id % 4 THEN 2 ELSE 1 END, '2024-03-05', 'JH',"
      "  CASE WHEN id = 17 THEN '{\"take_part\": false}' ELSE '{\"take_part\": true}' END"
      " FROM participant WHERE id % 6;"
      "INSERT INTO withdrawal (id, participant_id, kind, effective_date) VALUES"
      " (1, 20, 'no-further-data', '2024-05-01'), (2, 40, 'no-further-contact', '2024-05-02'),"
      " (3, 60, 'data-destruction', '2024-05-03');", NULL);
  db = trellis_study_get_database (study);
  g_assert_true (trellis_database_begin_write (db, &error));
  g_assert_true (trellis_database_exec (db, sql, &error));
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    g_assert_true (trellis_audit_append_bulk (db, "insert", tables[i].table, 1, tables[i].count, NULL, &error));
  g_assert_true (trellis_database_commit (db, &error));
  g_assert_true (trellis_audit_verify (db, &error));
  g_assert_no_error (error);
}

static void
write_register (const char *path)
{
  write_register_of (path, 66);
}

static TrellisParticipantsPage *
participants_page (TrellisWindow *window)
{
  return TRELLIS_PARTICIPANTS_PAGE (trellis_study_view_ensure_page (study_view (window), "participants"));
}

static gpointer
page_child (TrellisWindow *window,
            const char    *name)
{
  return child (participants_page (window), TRELLIS_TYPE_PARTICIPANTS_PAGE, name);
}

static GListModel *
participant_rows (TrellisWindow *window)
{
  return G_LIST_MODEL (gtk_column_view_get_model (page_child (window, "column_view")));
}

static char *
first_code (TrellisWindow *window)
{
  g_autoptr(TrellisParticipantRow) row = g_list_model_get_item (participant_rows (window), 0);

  g_assert_nonnull (row);
  return g_strdup (trellis_participant_row_get_code (row));
}

static void
assert_first_code (TrellisWindow *window,
                   const char    *expected)
{
  g_autofree char *code = first_code (window);

  g_assert_cmpstr (code, ==, expected);
}

static void
search (TrellisWindow *window,
        const char    *text)
{
  gtk_editable_set_text (GTK_EDITABLE (page_child (window, "search_entry")), text);
  /* The entry waits a moment after the last keystroke before it searches. */
  iterate_for (400);
}

static TrellisWindow *
open_participants (Fixture    *fixture,
                   const char *path)
{
  TrellisWindow *window = activate_app (fixture);

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-file", "s", path);
  iterate_for (200);
  wait_until_idle (window);
  g_assert_nonnull (trellis_window_get_study (window));
  g_assert_true (trellis_study_view_show_page (study_view (window), "participants"));
  iterate_for (200);
  return window;
}

static void
sort_by (TrellisWindow *window,
         const char    *column,
         GtkSortType    order)
{
  gtk_column_view_sort_by_column (page_child (window, "column_view"), page_child (window, column), order);
  iterate_for (50);
}

/* Clicking a header sorts the whole register, keeping the search. */
static void
check_sorting (TrellisWindow *window)
{
  sort_by (window, "code_column", GTK_SORT_DESCENDING);
  assert_first_code (window, "P066");
  /* P001 has the earliest baseline; a missing one sorts after every date,
   * so descending starts with P006, the first without. */
  sort_by (window, "baseline_column", GTK_SORT_ASCENDING);
  assert_first_code (window, "P001");
  sort_by (window, "baseline_column", GTK_SORT_DESCENDING);
  assert_first_code (window, "P006");
  /* Sorting keeps the search, and searching keeps the sort. */
  search (window, "sonographers");
  assert_first_code (window, "P006");
  sort_by (window, "cohort_column", GTK_SORT_ASCENDING);
  assert_first_code (window, "P003");
  search (window, "");
  assert_first_code (window, "P001");
}

static void
test_participants (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = temp_path (fixture, "Register.trellis");
  TrellisWindow *window;

  write_register (path);
  window = open_participants (fixture, path);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page_child (window, "stack")), ==, "list");
  g_assert_cmpuint (g_list_model_get_n_items (participant_rows (window)), ==, 66);
  g_assert_cmpstr (gtk_label_get_text (page_child (window, "count_label")), ==, "66 participants");
  assert_first_code (window, "P001");
  /* The status pages it has not shown are not styled either. */
  g_assert_false (gtk_widget_get_visible (page_child (window, "empty_page")));
  g_assert_false (gtk_widget_get_visible (page_child (window, "no_results_page")));
  save_screenshot (GTK_WIDGET (window), "participants");

  search (window, "p01");
  g_assert_cmpuint (g_list_model_get_n_items (participant_rows (window)), ==, 10);
  g_assert_cmpstr (gtk_label_get_text (page_child (window, "count_label")), ==, "10 of 66 shown");
  /* Every word must match: reconsent is needed by P004, P008, P016, P028, P032,
   * P052, P056 and P064 (not P044, lost to follow-up), of whom P004, P016,
   * P028, P052 and P064 are midwives. */
  search (window, "p0 reconsent");
  g_assert_cmpstr (gtk_label_get_text (page_child (window, "count_label")), ==, "8 of 66 shown");
  search (window, "Midwives  RECONSENT");
  g_assert_cmpuint (g_list_model_get_n_items (participant_rows (window)), ==, 5);
  save_screenshot (GTK_WIDGET (window), "participants-search");

  search (window, "nobody");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page_child (window, "results_stack")), ==, "no-results");
  save_screenshot (GTK_WIDGET (window), "participants-no-results");
  search (window, "");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page_child (window, "results_stack")), ==, "results");
  g_assert_cmpuint (g_list_model_get_n_items (participant_rows (window)), ==, 66);

  check_sorting (window);
}

static GListModel *
page_list (TrellisWindow *window)
{
  g_autoptr(GError) error = NULL;
  GListModel *list = NULL;

  g_assert_true (trellis_study_read_participant_list (trellis_window_get_study (window), &list, &error));
  return list;
}

/* A large register shows its first screenful at once, counting every
 * participant, and has the rest once that is drawn. */
static void
test_participants_first_rows (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *path = temp_path (fixture, "Large register.trellis");
  TrellisWindow *window = activate_app (fixture);

  write_register_of (path, 600);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-file", "s", path);
  iterate_for (200);
  wait_until_idle (window);
  g_assert_true (trellis_study_view_show_page (study_view (window), "participants"));

  g_assert_false (trellis_participant_list_get_complete (TRELLIS_PARTICIPANT_LIST (page_list (window))));
  g_assert_cmpuint (g_list_model_get_n_items (page_list (window)), <, 600);
  /* The view starts with as many rows as fill the 720-pixel window below
   * its header bar, search bar and column titles, not the monitor. */
  g_assert_cmpuint (g_list_model_get_n_items (participant_rows (window)), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (participant_rows (window)), <=, (720 - 120) / 32 + 1);
  g_assert_cmpstr (gtk_label_get_text (page_child (window, "count_label")), ==, "600 participants");
  assert_first_code (window, "P001");

  iterate_for (300);
  g_assert_true (trellis_participant_list_get_complete (TRELLIS_PARTICIPANT_LIST (page_list (window))));
  g_assert_cmpuint (g_list_model_get_n_items (participant_rows (window)), ==, 600);
  g_assert_cmpstr (gtk_label_get_text (page_child (window, "count_label")), ==, "600 participants");
  assert_first_code (window, "P001");
  search (window, "p05");
  g_assert_cmpstr (gtk_label_get_text (page_child (window, "count_label")), ==, "10 of 600 shown");
  save_screenshot (GTK_WIDGET (window), "participants-large");
}

/* On a phone-sized window the table scrolls sideways instead of widening the window. */
static void
test_participants_narrow (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *path = temp_path (fixture, "Register.trellis");
  GSettings *settings = trellis_application_get_settings (fixture->app);
  TrellisWindow *window;

  write_register (path);
  g_settings_set_int (settings, "window-width", 400);
  g_settings_set_int (settings, "window-height", 700);
  window = open_study_in (fixture, path);
  g_assert_true (trellis_study_view_show_page (study_view (window), "participants"));
  iterate_for (300);

  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 400);
  g_assert_cmpuint (g_list_model_get_n_items (participant_rows (window)), ==, 66);
  save_screenshot (GTK_WIDGET (window), "participants-narrow");
}

static gboolean
is_add_button (GtkWidget *widget)
{
  return g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), TRELLIS_PARTICIPANTS_ACTION_ADD) == 0;
}

/* An empty register asks for participants, one by one or from a file. */
static void
test_participants_empty (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *path = temp_path (fixture, "Empty register.trellis");
  TrellisWindow *window = activate_app (fixture);
  GtkWidget *add;

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.create", "s", path);
  iterate_for (100);
  g_assert_true (trellis_study_view_show_page (study_view (window), "participants"));
  iterate_for (200);

  g_assert_cmpstr (trellis_study_view_get_page (study_view (window)), ==, "participants");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page_child (window, "stack")), ==, "empty");
  add = find_descendant (page_child (window, "empty_page"), GTK_TYPE_BUTTON, is_add_button);
  g_assert_nonnull (add);
  save_screenshot (GTK_WIDGET (window), "participants-empty");
  remove_study (path);
}

/* The label under ROOT whose text contains TEXT, if any: toasts have no other way in. */
static GtkWidget *
find_label_containing (GtkWidget  *root,
                       const char *text)
{
  for (GtkWidget *it = gtk_widget_get_first_child (root); it != NULL; it = gtk_widget_get_next_sibling (it))
    {
      GtkWidget *found;

      if (GTK_IS_LABEL (it) && strstr (gtk_label_get_text (GTK_LABEL (it)), text) != NULL)
        return it;
      if ((found = find_label_containing (it, text)) != NULL)
        return found;
    }
  return NULL;
}

/* A register that cannot be read says why in a toast, instead of showing an
 * empty list with the reason only in a log nobody reads. */
static void
test_participants_unreadable (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *path = temp_path (fixture, "Unreadable register.trellis");
  TrellisWindow *window;
  sqlite3 *handle;

  /* Another program broke the file: the study opens, its register does not. */
  write_register (path);
  g_assert_true (sqlite3_open (path, &handle) == SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle, "ALTER TABLE withdrawal RENAME TO withdrawal_gone", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (handle);

  window = activate_app (fixture);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-file", "s", path);
  iterate_for (200);
  wait_until_idle (window);
  g_assert_nonnull (trellis_window_get_study (window));
  g_assert_true (trellis_study_view_show_page (study_view (window), "participants"));
  iterate_for (200);

  g_assert_nonnull (find_label_containing (GTK_WIDGET (window), "withdrawal"));
  g_assert_cmpuint (g_list_model_get_n_items (participant_rows (window)), ==, 0);
  save_screenshot (GTK_WIDGET (window), "participants-unreadable");
  close_all_windows (GTK_APPLICATION (fixture->app));
  remove_study (path);
}

int
main (int   argc,
      char *argv[])
{
  /* Not G_TEST_OPTION_ISOLATE_DIRS, as in test-window.c. */
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  g_test_add ("/trellis/ui/participants-page/list", Fixture, NULL,
              fixture_set_up, test_participants, fixture_tear_down);
  g_test_add ("/trellis/ui/participants-page/first-rows", Fixture, NULL,
              fixture_set_up, test_participants_first_rows, fixture_tear_down);
  g_test_add ("/trellis/ui/participants-page/narrow", Fixture, NULL,
              fixture_set_up, test_participants_narrow, fixture_tear_down);
  g_test_add ("/trellis/ui/participants-page/empty", Fixture, NULL,
              fixture_set_up, test_participants_empty, fixture_tear_down);
  g_test_add ("/trellis/ui/participants-page/unreadable", Fixture, NULL,
              fixture_set_up, test_participants_unreadable, fixture_tear_down);

  return g_test_run ();
}
