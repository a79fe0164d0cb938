/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "demo-fixture.h"
#include "trellis-audit-entry.h"
#include "trellis-audit-page.h"
#include "trellis-study-interviews.h"
#include "ui-test-utils.h"

/* The Audit page in the real window, on the demo study after a draw of 23
 * and a replacement made through the store: the coordinator's view shows
 * the draw's rows without any code it picked, the interviewer's names them
 * all, the search narrows the rows in storage, and the chain verifies. */

static TrellisAuditPage *
audit_page (TrellisWindow *window)
{
  return TRELLIS_AUDIT_PAGE (trellis_study_view_ensure_page (study_view (window), "audit"));
}

static gpointer
page_child (TrellisWindow *window,
            const char    *name)
{
  return child (audit_page (window), TRELLIS_TYPE_AUDIT_PAGE, name);
}

static gboolean
page_read (gpointer window)
{
  return !trellis_audit_page_get_loading (audit_page (window));
}

static gboolean
page_checked (gpointer window)
{
  return !trellis_audit_page_get_checking (audit_page (window));
}

static void
wait_for_rows (TrellisWindow *window)
{
  iterate_for (100);
  g_assert_true (iterate_until (page_read, window));
  iterate_for (200);
}

/* Draws 23 with a fixed seed, replaces the first pick as declined, and
 * returns the codes of everyone picked. */
static GPtrArray *
draw (TrellisStudy *study)
{
  TrellisDrawRequest request = { .total = 23, .have_seed = TRUE, .seed = 2025, .today = demo_fixture_today () };
  g_autoptr(GPtrArray) draws = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *codes = g_ptr_array_new_with_free_func (g_free);
  TrellisStoredDraw *stored;
  gint64 id;

  g_assert_true (trellis_interview_eligibility_init (&request.rule, "T4", TRELLIS_REACHED_COMPLETED_OR_DUE, TRUE,
                                                     NULL));
  id = trellis_study_draw_interviews (study, &request, &error);
  g_assert_no_error (error);
  draws = trellis_study_list_draws (study, &error);
  g_assert_no_error (error);
  stored = g_ptr_array_index (draws, 0);
  g_assert_cmpint (trellis_study_replace_pick (study, id, g_array_index (stored->picks, TrellisStoredPick, 0).participant_id,
                                               TRELLIS_INTERVIEW_DECLINED, &error), >, 0);
  g_assert_no_error (error);
  g_clear_pointer (&draws, g_ptr_array_unref);
  draws = trellis_study_list_draws (study, &error);
  g_assert_no_error (error);
  stored = g_ptr_array_index (draws, 0);
  for (guint i = 0; i < stored->picks->len; i++)
    g_ptr_array_add (codes, g_strdup (g_array_index (stored->picks, TrellisStoredPick, i).code));
  g_assert_cmpuint (codes->len, ==, 24);
  return codes;
}

static gboolean
is_pick_entry (TrellisAuditEntry *entry)
{
  const char *table = trellis_audit_entry_get_table_name (entry);

  return g_strcmp0 (table, "interview_pick") == 0 || g_strcmp0 (table, "interview") == 0;
}

/* How many of CODES the page's rows of picks and interviews name, and how
 * many such rows it shows. */
static guint
codes_named (TrellisWindow *window,
             GPtrArray     *codes,
             guint         *n_pick_rows)
{
  GListModel *entries = trellis_audit_page_get_entries (audit_page (window));
  guint named = 0;

  *n_pick_rows = 0;
  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(TrellisAuditEntry) entry = g_list_model_get_item (entries, i);

      if (!is_pick_entry (entry))
        continue;
      (*n_pick_rows)++;
      for (guint j = 0; j < codes->len; j++)
        if (strstr (trellis_audit_entry_get_summary (entry), codes->pdata[j]) != NULL)
          named++;
    }
  return named;
}

static GSettings *
settings_of (TrellisWindow *window)
{
  return trellis_application_get_settings (TRELLIS_APPLICATION (gtk_window_get_application (GTK_WINDOW (window))));
}

static void
check_views (TrellisWindow *window,
             GPtrArray     *codes)
{
  guint n_pick_rows = 0, n_revealed_rows = 0;

  g_assert_false (trellis_audit_page_get_reveal (audit_page (window)));
  g_assert_cmpuint (codes_named (window, codes, &n_pick_rows), ==, 0);
  /* The draw's picks and interviews in bulk, the replacement's pick and
   * interview, the decline. */
  g_assert_cmpuint (n_pick_rows, ==, 5);
  g_assert_true (g_str_has_prefix (gtk_label_get_text (page_child (window, "role_label")), "Coordinator view"));
  save_screenshot (GTK_WIDGET (window), "audit-coordinator");

  /* The page follows the role chosen on the Interviews page. */
  g_settings_set_string (settings_of (window), "interviews-role", "interviewer");
  wait_for_rows (window);
  g_assert_true (trellis_audit_page_get_reveal (audit_page (window)));
  g_assert_cmpuint (codes_named (window, codes, &n_revealed_rows), >=, codes->len);
  g_assert_cmpuint (n_revealed_rows, ==, n_pick_rows);
  save_screenshot (GTK_WIDGET (window), "audit-interviewer");

  g_settings_set_string (settings_of (window), "interviews-role", "coordinator");
  wait_for_rows (window);
  g_assert_cmpuint (codes_named (window, codes, &n_pick_rows), ==, 0);
}

static void
check_search (TrellisWindow *window,
              GPtrArray     *codes)
{
  GtkEditable *search = page_child (window, "search_entry");
  GListModel *entries = trellis_audit_page_get_entries (audit_page (window));
  guint n_pick_rows;

  gtk_editable_set_text (search, "interview_pick");
  wait_for_rows (window);
  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 2);
  save_screenshot (GTK_WIDGET (window), "audit-search");

  /* A picked code finds no pick in the coordinator's view. */
  gtk_editable_set_text (search, codes->pdata[5]);
  wait_for_rows (window);
  g_assert_cmpuint (codes_named (window, codes, &n_pick_rows), ==, 0);
  g_assert_cmpuint (n_pick_rows, ==, 0);

  gtk_editable_set_text (search, "no such thing anywhere");
  wait_for_rows (window);
  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page_child (window, "results_stack")), ==, "no-results");
  save_screenshot (GTK_WIDGET (window), "audit-no-results");

  gtk_editable_set_text (search, "");
  wait_for_rows (window);
}

static void
check_verify (TrellisWindow *window)
{
  TrellisStudy *study = trellis_window_get_study (window);
  g_autofree char *intact = g_strdup_printf ("Intact: %" G_GINT64_FORMAT " rows, head hash ",
                                             trellis_study_get_audit_count (study));

  g_assert_false (gtk_widget_get_visible (page_child (window, "check_box")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (audit_page (window)), "audit.verify", NULL));
  g_assert_true (iterate_until (page_checked, window));
  iterate_for (100);
  g_assert_true (gtk_widget_get_visible (page_child (window, "check_box")));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (page_child (window, "check_label")), intact));
  g_assert_true (gtk_widget_has_css_class (page_child (window, "check_box"), "success"));
  save_screenshot (GTK_WIDGET (window), "audit-verified");
}

/* A change made while the page is shown appears at the top. */
static void
check_follows_changes (TrellisWindow *window)
{
  GListModel *entries = trellis_audit_page_get_entries (audit_page (window));
  guint before = g_list_model_get_n_items (entries);
  g_autoptr(TrellisAuditEntry) newest = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (trellis_study_set_title (trellis_window_get_study (window), "Resilience coaching II", &error));
  g_assert_no_error (error);
  wait_for_rows (window);
  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, before + 1);
  newest = g_list_model_get_item (entries, 0);
  g_assert_cmpstr (trellis_audit_entry_get_summary (newest), ==, "title: Resilience coaching → Resilience coaching II");
}

static void
test_draw (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *path = temp_path (fixture, "Demo.trellis");
  g_autoptr(GPtrArray) codes = NULL;
  TrellisWindow *window;

  demo_fixture_create_closed (path, "Resilience coaching");
  window = open_study_in (fixture, path);
  codes = draw (trellis_window_get_study (window));
  g_assert_true (trellis_study_view_show_page (study_view (window), "audit"));
  wait_for_rows (window);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page_child (window, "results_stack")), ==, "results");

  check_views (window, codes);
  check_search (window, codes);
  check_verify (window);
  check_follows_changes (window);

  close_all_windows (GTK_APPLICATION (fixture->app));
  remove_study (path);
}

/* A trail longer than a page: the first page, then the next when the list
 * is scrolled to its end, until every row is there. */
static void
test_pages (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *path = temp_path (fixture, "Paged.trellis");
  TrellisWindow *window = create_study_in (fixture, path);
  TrellisStudy *study = trellis_window_get_study (window);
  GListModel *entries;
  GtkAdjustment *adjustment;
  gint64 n_rows;

  for (guint i = 0; i < 600; i++)
    {
      g_autofree char *title = g_strdup_printf ("Study %u", i);
      g_autoptr(GError) error = NULL;

      g_assert_true (trellis_study_set_title (study, title, &error));
      g_assert_no_error (error);
    }
  n_rows = trellis_study_get_audit_count (study);
  g_assert_true (trellis_study_view_show_page (study_view (window), "audit"));
  wait_for_rows (window);
  entries = trellis_audit_page_get_entries (audit_page (window));
  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 500);
  g_assert_cmpstr (gtk_label_get_text (page_child (window, "count_label")), ==, "500+ rows");
  save_screenshot (GTK_WIDGET (window), "audit-first-page");

  adjustment = gtk_scrolled_window_get_vadjustment (page_child (window, "scroller"));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  wait_for_rows (window);
  g_assert_cmpint (g_list_model_get_n_items (entries), ==, n_rows);

  close_all_windows (GTK_APPLICATION (fixture->app));
  remove_study (path);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TRELLIS_TODAY", TRELLIS_DEMO_STUDY_AS_OF, TRUE);
  /* Not G_TEST_OPTION_ISOLATE_DIRS, as in test-window.c. */
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  g_test_add ("/trellis/ui/audit-page/draw", Fixture, NULL, fixture_set_up, test_draw, fixture_tear_down);
  g_test_add ("/trellis/ui/audit-page/pages", Fixture, NULL, fixture_set_up, test_pages, fixture_tear_down);

  return g_test_run ();
}
