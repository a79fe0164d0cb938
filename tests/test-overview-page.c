/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "demo-fixture.h"
#include "trellis-retention-view.h"
#include "trellis-study-register.h"
#include "ui-test-utils.h"

/* The Overview page's retention table in the real window, on the demo study
 * counted as on its last day (TRELLIS_TODAY): the seed study's 66, 62, 47
 * and 33 in the totals row, and a register change showing at once. */

/* The grid's rows: the headings, seven cohorts, a separator, the totals. */
#define TOTALS_ROW 9

static TrellisRetentionView *
retention_view (TrellisWindow *window)
{
  return child (overview_page (window), TRELLIS_TYPE_OVERVIEW_PAGE, "retention_view");
}

static const char *
cell (TrellisWindow *window,
      int            column,
      int            row)
{
  return trellis_retention_view_get_cell_text (retention_view (window), column, row);
}

/* Scrolls the page so that the whole table shows in the screenshot. */
static void
scroll_to_retention (TrellisWindow *window)
{
  GtkWidget *view = GTK_WIDGET (retention_view (window));
  GtkWidget *scrolled = gtk_widget_get_ancestor (view, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment;
  double x, y;

  g_assert_nonnull (scrolled);
  g_assert_true (gtk_widget_translate_coordinates (view, gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)),
                                                   0, 0, &x, &y));
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  gtk_adjustment_set_value (adjustment, y - 90);
  iterate_for (200);
}

static gboolean
retention_read (gpointer data)
{
  return !trellis_overview_page_get_loading (overview_page (data));
}

/* The page reads the schedule in a worker: waits for the counts to arrive. */
static void
wait_for_retention (TrellisWindow *window)
{
  g_assert_true (iterate_until (retention_read, window));
}

static const char *
caption (TrellisWindow *window,
         int            column,
         int            row)
{
  return trellis_retention_view_get_cell_caption (retention_view (window), column, row);
}

static TrellisWindow *
open_overview (Fixture    *fixture,
               const char *path)
{
  TrellisWindow *window = activate_app (fixture);

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 900);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-file", "s", path);
  iterate_for (200);
  wait_until_idle (window);
  g_assert_nonnull (trellis_window_get_study (window));
  g_assert_true (trellis_study_view_show_page (study_view (window), "overview"));
  iterate_for (200);
  wait_for_retention (window);
  return window;
}

static void
test_retention (Fixture       *fixture,
                gconstpointer  data)
{
  static const char *const completed[] = { "66", "62", "47", "33" };
  g_autofree char *path = temp_path (fixture, "Demo.trellis");
  g_autoptr(GError) error = NULL;
  TrellisWindow *window;
  TrellisStudy *study;

  demo_fixture_create_closed (path, "Resilience coaching");
  window = open_overview (fixture, path);
  g_assert_cmpstr (cell (window, 0, 0), ==, "Cohort");
  g_assert_cmpstr (cell (window, 1, 0), ==, "T1");
  g_assert_cmpstr (cell (window, 0, 1), ==, "Midwives");
  g_assert_cmpstr (cell (window, 0, 7), ==, "Sonographers");
  g_assert_cmpstr (cell (window, 0, TOTALS_ROW), ==, "All cohorts");
  g_assert_cmpstr (caption (window, 0, TOTALS_ROW), ==, "69 recruited");
  for (guint t = 0; t < G_N_ELEMENTS (completed); t++)
    g_assert_cmpstr (cell (window, 1 + (int) t, TOTALS_ROW), ==, completed[t]);
  g_assert_cmpstr (caption (window, 1, TOTALS_ROW), ==, "3 not yet due");
  g_assert_cmpstr (caption (window, 1, 1), ==, "");
  save_screenshot (GTK_WIDGET (window), "overview-retention");
  scroll_to_retention (window);
  save_screenshot (GTK_WIDGET (window), "overview-retention-table");

  /* A new midwife (the demo's first cohort, id 1) starting today is due at
   * T1 straight away. */
  study = trellis_window_get_study (window);
  g_assert_cmpint (trellis_study_add_participant (study, "P070", 1, TRELLIS_DEMO_STUDY_AS_OF, &error), >, 0);
  g_assert_no_error (error);
  wait_for_retention (window);
  g_assert_cmpstr (caption (window, 0, 1), ==, "11 recruited");
  g_assert_cmpstr (caption (window, 0, TOTALS_ROW), ==, "70 recruited");
  g_assert_cmpstr (cell (window, 1, TOTALS_ROW), ==, "66");
  g_assert_cmpstr (caption (window, 1, 1), ==, "1 due");

  close_all_windows (GTK_APPLICATION (fixture->app));
  remove_study (path);
}

/* A new study has cohorts to come but no one in them: the table says so. */
static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *path = temp_path (fixture, "Empty.trellis");
  TrellisWindow *window = activate_app (fixture);

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 900);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.create", "s", path);
  iterate_for (200);
  g_assert_nonnull (trellis_window_get_study (window));
  wait_for_retention (window);
  g_assert_null (cell (window, 0, 0));
  save_screenshot (GTK_WIDGET (window), "overview-retention-empty");
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

  g_test_add ("/trellis/ui/overview-page/retention", Fixture, NULL,
              fixture_set_up, test_retention, fixture_tear_down);
  g_test_add ("/trellis/ui/overview-page/empty", Fixture, NULL,
              fixture_set_up, test_empty, fixture_tear_down);

  return g_test_run ();
}
