/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "trellis-participant-card.h"
#include "trellis-participant-schedule.h"
#include "trellis-schedule-model.h"
#include "trellis-schedule-page.h"
#include "trellis-schedule-row.h"
#include "trellis-test-utils.h"
#include "trellis-visit-dialog.h"
#include "ui-test-utils.h"

/* The Schedule page in the real window: the completion grid's cells, its
 * filters, the due list, a visit asked for from a cell, and a workshop date
 * recorded on a participant's card moving their T2 cell.
 *
 * Today is pinned to 2024-03-20. The default plan: T1 on baseline (day 0
 * only), T2 1 day after the workshop (days 0–7), T3 1 day after the coaching
 * call (0–14), T4 35 days after baseline (28–42). Midwives: P001, P002, P005;
 * paramedics: P003, P004, P006.
 *   P001  baseline 03-01, T1 done, workshop 03-05, T2 done 03-07, coaching
 *         03-15: T3 due until 03-29, T4 opens 03-29.
 *   P002  baseline 03-10, nothing done: T1 overdue, T2 waits for a workshop.
 *   P003  baseline 02-01, T1 done, workshop 02-05, T2 marked missed: T4
 *         overdue (closed 03-14).
 *   P004  baseline 02-20, T1 done, withdrew 03-01: T2–T4 not applicable.
 *   P005  baseline today: T1 due today.
 *   P006  baseline 02-15, T1 done, workshop 03-14: T2 due until 03-21, T4
 *         due until 03-28. */

#define TODAY "2024-03-20"

typedef struct
{
  const char *code;
  int cohort;               /* 0 midwives, 1 paramedics */
  const char *baseline;
  const char *t1;           /* completion date of T1, or NULL */
  const char *workshop;
  const char *t2;           /* a date, "missed" or NULL */
  const char *coaching;
  const char *withdrawn;
} Person;

static const Person people[] = {
  { "P001", 0, "2024-03-01", "2024-03-01", "2024-03-05", "2024-03-07", "2024-03-15", NULL },
  { "P002", 0, "2024-03-10", NULL, NULL, NULL, NULL, NULL },
  { "P003", 1, "2024-02-01", "2024-02-01", "2024-02-05", "missed", NULL, NULL },
  { "P004", 1, "2024-02-20", "2024-02-20", NULL, NULL, NULL, "2024-03-01" },
  { "P005", 0, TODAY, NULL, NULL, NULL, NULL, NULL },
  { "P006", 1, "2024-02-15", "2024-02-15", "2024-03-14", NULL, NULL, NULL },
};

static gint64
timepoint_id (TrellisStudy *study,
              const char   *code)
{
  GListModel *timepoints = trellis_study_get_timepoints (study);

  for (guint i = 0; i < g_list_model_get_n_items (timepoints); i++)
    {
      g_autoptr(TrellisTimepoint) timepoint = g_list_model_get_item (timepoints, i);

      if (g_str_equal (trellis_timepoint_get_code (timepoint), code))
        return trellis_timepoint_get_id (timepoint);
    }
  g_assert_not_reached ();
}

static gint64
add_cohort (TrellisStudy *study,
            const char   *name,
            gint64        profession_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisCohort) cohort = trellis_cohort_new ();

  trellis_cohort_set_name (cohort, name);
  trellis_cohort_set_profession_id (cohort, profession_id);
  g_assert_true (trellis_study_create_cohort (study, cohort, &error));
  g_assert_no_error (error);
  return trellis_cohort_get_id (cohort);
}

static void
complete (TrellisStudy *study,
          gint64        participant_id,
          const char   *timepoint,
          const char   *date)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisVisitAnswers) answers = trellis_visit_answers_new (participant_id,
                                                                      timepoint_id (study, timepoint));

  if (g_str_equal (date, "missed"))
    g_assert_true (trellis_study_set_visit_missed (study, participant_id, answers->timepoint_id, TRUE, &error));
  else
    {
      trellis_visit_answers_set_date (answers, date);
      g_assert_true (trellis_study_save_visit (study, answers, &error));
    }
  g_assert_no_error (error);
}

static void
add_person (TrellisStudy  *study,
            const Person  *person,
            const gint64  *cohorts)
{
  g_autoptr(GError) error = NULL;
  gint64 id = trellis_study_add_participant (study, person->code, cohorts[person->cohort], person->baseline, &error);

  g_assert_no_error (error);
  if (person->t1 != NULL)
    complete (study, id, "T1", person->t1);
  if (person->workshop != NULL)
    g_assert_true (trellis_study_record_event (study, id, TRELLIS_ANCHOR_WORKSHOP, person->workshop, &error));
  if (person->t2 != NULL)
    complete (study, id, "T2", person->t2);
  if (person->coaching != NULL)
    g_assert_true (trellis_study_record_event (study, id, TRELLIS_ANCHOR_COACHING, person->coaching, &error));
  if (person->withdrawn != NULL)
    g_assert_cmpint (trellis_study_record_withdrawal (study, id, TRELLIS_WITHDRAWAL_NO_FURTHER_DATA,
                                                      person->withdrawn, "Moved away", &error), >, 0);
  g_assert_no_error (error);
}

/* The study, written through the façade as the pages and dialogs would. */
static void
write_study (const char *path,
             gboolean    with_people)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisStudy) study = trellis_study_create (path, "Resilience coaching", &error);
  gint64 cohorts[2];

  g_assert_no_error (error);
  cohorts[0] = add_cohort (study, "Midwives, spring 2024", 1);
  cohorts[1] = add_cohort (study, "Paramedics, spring 2024", 4);
  for (guint i = 0; with_people && i < G_N_ELEMENTS (people); i++)
    add_person (study, &people[i], cohorts);
}

static TrellisSchedulePage *
schedule_page (TrellisWindow *window)
{
  return TRELLIS_SCHEDULE_PAGE (trellis_study_view_ensure_page (study_view (window), "schedule"));
}

static gpointer
page_child (TrellisWindow *window,
            const char    *name)
{
  return child (schedule_page (window), TRELLIS_TYPE_SCHEDULE_PAGE, name);
}

static GListModel *
grid_rows (TrellisWindow *window)
{
  return G_LIST_MODEL (gtk_column_view_get_model (page_child (window, "column_view")));
}

static TrellisWindow *
open_schedule (Fixture    *fixture,
               const char *path)
{
  GSettings *settings = trellis_application_get_settings (fixture->app);
  TrellisWindow *window;

  g_settings_set_int (settings, "window-width", 1240);
  g_settings_set_int (settings, "window-height", 640);
  window = activate_app (fixture);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-file", "s", path);
  iterate_for (200);
  wait_until_idle (window);
  g_assert_nonnull (trellis_window_get_study (window));
  g_assert_true (trellis_study_view_show_page (study_view (window), "schedule"));
  iterate_for (300);
  return window;
}

/* ---- Finding a cell by the visit it enters ---- */

typedef struct
{
  gint64 participant_id;
  gint64 timepoint_id;
  GtkWidget *found;
} CellQuery;

static void
find_cell (GtkWidget *widget,
           CellQuery *query)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL && query->found == NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      GVariant *target;

      if (GTK_IS_BUTTON (c) && gtk_widget_has_css_class (c, "schedule-cell") &&
          (target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (c))) != NULL)
        {
          gint64 p, t;

          g_variant_get (target, "(xx)", &p, &t);
          if (p == query->participant_id && t == query->timepoint_id)
            query->found = c;
        }
      find_cell (c, query);
    }
}

static GtkWidget *
cell (TrellisWindow *window,
      const char    *code,
      const char    *timepoint)
{
  TrellisStudy *study = trellis_window_get_study (window);
  CellQuery query = { trellis_study_lookup_participant (study, code, NULL), timepoint_id (study, timepoint) };

  find_cell (page_child (window, "column_view"), &query);
  g_assert_nonnull (query.found);
  return query.found;
}

/* The cell says its status in its tint, and in a symbol and a word. */
static void
assert_cell (TrellisWindow *window,
             const char    *code,
             const char    *timepoint,
             const char    *css_class,
             const char    *text)
{
  GtkWidget *button = cell (window, code, timepoint);
  const char *shown = gtk_inscription_get_text (GTK_INSCRIPTION (gtk_button_get_child (GTK_BUTTON (button))));

  if (!gtk_widget_has_css_class (button, css_class) || strstr (shown, text) == NULL)
    g_error ("%s %s shows “%s” (want %s, “%s”)", code, timepoint, shown, css_class, text);
}

static void
check_cells (TrellisWindow *window)
{
  assert_cell (window, "P001", "T1", "completed", "✓ Completed\n2024-03-01");
  assert_cell (window, "P001", "T2", "completed", "2024-03-07");
  assert_cell (window, "P001", "T3", "due", "● Due\nuntil 2024-03-29");
  assert_cell (window, "P001", "T4", "not-yet-due", "opens 2024-03-29");
  assert_cell (window, "P002", "T1", "overdue", "Overdue\nclosed 2024-03-10");
  assert_cell (window, "P002", "T2", "not-yet-due", "needs workshop date");
  assert_cell (window, "P003", "T2", "missed", "✕ Missed");
  assert_cell (window, "P003", "T4", "overdue", "closed 2024-03-14");
  assert_cell (window, "P004", "T4", "not-applicable", "withdrawn");
  assert_cell (window, "P005", "T1", "due", "until 2024-03-20");
}

/* ---- Filters ---- */

static char *
codes_shown (TrellisWindow *window)
{
  GListModel *rows = grid_rows (window);
  g_autoptr(GString) codes = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(TrellisScheduleRow) row = g_list_model_get_item (rows, i);

      g_string_append_printf (codes, "%s%s", i > 0 ? " " : "", trellis_schedule_row_get_code (row));
    }
  return g_string_free (g_steal_pointer (&codes), FALSE);
}

static void
assert_shown (TrellisWindow *window,
              const char    *expected)
{
  g_autofree char *codes = codes_shown (window);

  g_assert_cmpstr (codes, ==, expected);
}

static void
count_changes (GListModel *model,
               guint       position,
               guint       removed,
               guint       added,
               guint      *count)
{
  (*count)++;
}

/* Each filter change is one items-changed, however many rows it touches. */
static void
choose (TrellisWindow *window,
        const char    *dropdown,
        guint          position,
        const char    *expected)
{
  guint changes = 0;
  gulong handler = g_signal_connect (grid_rows (window), "items-changed", G_CALLBACK (count_changes), &changes);

  gtk_drop_down_set_selected (page_child (window, dropdown), position);
  iterate_for (50);
  g_signal_handler_disconnect (grid_rows (window), handler);
  assert_shown (window, expected);
  g_assert_cmpuint (changes, ==, 1);
}

/* Typed at the end of the search, as a person types. */
static void
type_search (TrellisWindow *window,
             const char    *text,
             const char    *expected)
{
  GtkEditable *entry = page_child (window, "search_entry");
  guint changes = 0;
  gulong handler = g_signal_connect (grid_rows (window), "items-changed", G_CALLBACK (count_changes), &changes);
  int position = -1;

  gtk_editable_insert_text (entry, text, -1, &position);
  /* The entry waits a moment after the last keystroke before it searches. */
  iterate_for (400);
  g_signal_handler_disconnect (grid_rows (window), handler);
  assert_shown (window, expected);
  g_assert_cmpuint (changes, ==, 1);
}

static void
check_filters (TrellisWindow *window)
{
  choose (window, "cohort_dropdown", 1, "P001 P002 P005");
  g_assert_cmpstr (gtk_label_get_text (page_child (window, "count_label")), ==, "3 of 6 shown");
  choose (window, "status_dropdown", TRELLIS_SCHEDULE_FILTER_OVERDUE, "P002");
  choose (window, "cohort_dropdown", 0, "P002 P003");
  choose (window, "status_dropdown", TRELLIS_SCHEDULE_FILTER_DUE, "P001 P005 P006");
  choose (window, "status_dropdown", TRELLIS_SCHEDULE_FILTER_NOT_YET_DUE, "P001 P002 P003 P005 P006");
  choose (window, "status_dropdown", TRELLIS_SCHEDULE_FILTER_COMPLETED, "P001 P003 P004 P006");
  choose (window, "status_dropdown", TRELLIS_SCHEDULE_FILTER_MISSED, "P003");
  choose (window, "status_dropdown", TRELLIS_SCHEDULE_FILTER_NOT_APPLICABLE, "P004");
  choose (window, "status_dropdown", TRELLIS_SCHEDULE_FILTER_ALL_COMPLETED, "");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page_child (window, "results_stack")), ==, "no-results");
  save_screenshot (GTK_WIDGET (window), "schedule-no-results");
  choose (window, "status_dropdown", TRELLIS_SCHEDULE_FILTER_ANY, "P001 P002 P003 P004 P005 P006");
  type_search (window, "P00", "P001 P002 P003 P004 P005 P006");
  type_search (window, "6", "P006");
  gtk_editable_set_text (page_child (window, "search_entry"), "");
  iterate_for (100);
  assert_shown (window, "P001 P002 P003 P004 P005 P006");
}

/* ---- The due list ---- */

static char *
due_entries (TrellisWindow *window)
{
  GtkListView *view = page_child (window, "due_view");
  GListModel *entries = G_LIST_MODEL (gtk_list_view_get_model (view));
  TrellisStudy *study = trellis_window_get_study (window);
  GListModel *timepoints = trellis_study_get_timepoints (study);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(TrellisScheduleRow) row = g_list_model_get_item (entries, i);
      g_autoptr(TrellisTimepoint) timepoint = g_list_model_get_item (timepoints,
                                                                     trellis_schedule_row_get_timepoint (row));

      g_string_append_printf (text, "%s%s %s", i > 0 ? ", " : "", trellis_schedule_row_get_code (row),
                              trellis_timepoint_get_code (timepoint));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gboolean
visit_dialog_shown (gpointer data)
{
  return find_toplevel_of_type (TRELLIS_TYPE_VISIT_DIALOG) != NULL;
}

static gboolean
visit_dialog_gone (gpointer data)
{
  return find_toplevel_of_type (TRELLIS_TYPE_VISIT_DIALOG) == NULL;
}

/* The study view answers the page's "enter-data" with that visit's form. */
static void
assert_form_opened (TrellisWindow *window,
                    const char    *code,
                    const char    *timepoint)
{
  TrellisStudy *study = trellis_window_get_study (window);
  TrellisVisitDialog *dialog;

  g_assert_true (iterate_until (visit_dialog_shown, NULL));
  dialog = TRELLIS_VISIT_DIALOG (find_toplevel_of_type (TRELLIS_TYPE_VISIT_DIALOG));
  g_assert_cmpint (trellis_visit_dialog_get_participant_id (dialog), ==,
                   trellis_study_lookup_participant (study, code, NULL));
  g_assert_cmpint (trellis_visit_dialog_get_timepoint_id (dialog), ==, timepoint_id (study, timepoint));
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (iterate_until (visit_dialog_gone, NULL));
}

/* Overdue first, longest closed first; then due within the week, closing
 * soonest first. Activating an entry or a cell opens that visit's form. */
static void
check_due_list (TrellisWindow *window)
{
  g_autofree char *entries = due_entries (window);

  g_assert_cmpstr (entries, ==, "P002 T1, P003 T4, P005 T1, P006 T2, P006 T4, P001 T3");
  g_assert_cmpstr (gtk_label_get_text (page_child (window, "due_summary")), ==,
                   "2 overdue · 4 due within 7 days");
  g_signal_emit_by_name (page_child (window, "due_view"), "activate", 1);
  assert_form_opened (window, "P003", "T4");
  g_signal_emit_by_name (cell (window, "P006", "T2"), "clicked");
  assert_form_opened (window, "P006", "T2");
}

/* ---- The card ---- */

static gboolean
card_shown (gpointer data)
{
  return find_toplevel_of_type (TRELLIS_TYPE_PARTICIPANT_CARD) != NULL;
}

static TrellisParticipantCard *
open_card (TrellisWindow *window,
           const char    *code)
{
  TrellisStudy *study = trellis_window_get_study (window);

  g_signal_emit_by_name (schedule_page (window), "participant-activated",
                         trellis_study_lookup_participant (study, code, NULL));
  g_assert_true (iterate_until (card_shown, NULL));
  iterate_for (200);
  return TRELLIS_PARTICIPANT_CARD (find_toplevel_of_type (TRELLIS_TYPE_PARTICIPANT_CARD));
}

static gpointer
schedule_child (TrellisParticipantCard *card,
                const char             *name)
{
  return child (child (card, TRELLIS_TYPE_PARTICIPANT_CARD, "schedule_group"), TRELLIS_TYPE_PARTICIPANT_SCHEDULE,
                name);
}

static AdwActionRow *
timepoint_row (TrellisParticipantCard *card,
               const char             *code)
{
  GtkWidget *group = child (card, TRELLIS_TYPE_PARTICIPANT_CARD, "schedule_group");
  GtkWidget *found = NULL;

  for (GtkWidget *w = find_descendant (group, ADW_TYPE_ACTION_ROW, NULL); w != NULL && found == NULL;
       w = gtk_widget_get_next_sibling (w))
    if (g_strcmp0 (gtk_widget_get_name (w), code) == 0)
      found = w;
  g_assert_nonnull (found);
  return ADW_ACTION_ROW (found);
}

static void
enter_workshop (TrellisParticipantCard *card,
                const char             *date)
{
  AdwEntryRow *row = schedule_child (card, "workshop_row");

  gtk_editable_set_text (GTK_EDITABLE (row), date);
  press_enter_in (row);
}

/* Scrolls the card down to its schedule, for the screenshot. */
static void
scroll_to_schedule (TrellisParticipantCard *card)
{
  GtkWidget *group = child (card, TRELLIS_TYPE_PARTICIPANT_CARD, "schedule_group");
  GtkScrolledWindow *scroller = GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (group, GTK_TYPE_SCROLLED_WINDOW));
  GtkWidget *content = gtk_scrolled_window_get_child (scroller);
  GtkAdjustment *adjustment;
  graphene_point_t point;

  /* After the layout that the last change started. */
  iterate_for (300);
  g_assert_true (gtk_widget_compute_point (group, content, &GRAPHENE_POINT_INIT (0, 0), &point));
  adjustment = gtk_scrolled_window_get_vadjustment (scroller);
  /* The point is in the scrolled content's own, already scrolled, coordinates. */
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + point.y - 12);
  iterate_for (100);
}

/* A wrong date is refused beside its field; a right one moves T2 on the
 * card and in the grid. */
static void
check_card (TrellisWindow *window)
{
  TrellisParticipantCard *card = open_card (window, "P002");
  AdwEntryRow *workshop = schedule_child (card, "workshop_row");

  g_assert_cmpstr (adw_action_row_get_subtitle (timepoint_row (card, "T1")), ==,
                   "due 2024-03-10");
  g_assert_cmpstr (adw_action_row_get_subtitle (timepoint_row (card, "T2")), ==,
                   "No due date yet: needs workshop date");
  enter_workshop (card, "2024-02-30");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (workshop), "error"));
  g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (workshop)), "2024-02-30"));
  scroll_to_schedule (card);
  save_screenshot (GTK_WIDGET (card), "schedule-card-problem");

  enter_workshop (card, "2024-03-18");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (workshop), "error"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (workshop)), ==, "2024-03-18");
  g_assert_cmpstr (adw_action_row_get_subtitle (timepoint_row (card, "T2")), ==,
                   "due 2024-03-19 (window 2024-03-18 to 2024-03-25)");
  scroll_to_schedule (card);
  save_screenshot (GTK_WIDGET (card), "schedule-card");
  gtk_window_close (GTK_WINDOW (card));
  iterate_for (200);
  assert_cell (window, "P002", "T2", "due", "● Due\nuntil 2024-03-25");
}

static void
test_schedule (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *path = temp_path (fixture, "Schedule.trellis");
  TrellisWindow *window;

  write_study (path, TRUE);
  window = open_schedule (fixture, path);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page_child (window, "stack")), ==, "grid");
  g_assert_cmpuint (g_list_model_get_n_items (grid_rows (window)), ==, 6);
  check_cells (window);
  save_screenshot (GTK_WIDGET (window), "schedule");
  check_filters (window);
  check_due_list (window);
  check_card (window);
}

/* A study with no participants says how to get some, and the grid appears
 * as soon as there is one. (The plan always keeps at least one timepoint,
 * so the page's "no timepoints" state guards only damaged files.) */
static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *path = temp_path (fixture, "Empty.trellis");
  TrellisWindow *window;

  write_study (path, FALSE);
  window = open_schedule (fixture, path);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page_child (window, "stack")), ==, "no-participants");
  save_screenshot (GTK_WIDGET (window), "schedule-empty");

  add_person (trellis_window_get_study (window), &people[1], (gint64[]) { 1, 2 });
  iterate_for (100);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page_child (window, "stack")), ==, "grid");
  assert_shown (window, "P002");
  assert_cell (window, "P002", "T1", "overdue", "closed 2024-03-10");
}

int
main (int    argc,
      char **argv)
{
  /* Before anything reads the day, so that every status is as written above. */
  g_setenv ("TRELLIS_TODAY", TODAY, TRUE);
  /* Not G_TEST_OPTION_ISOLATE_DIRS, as in test-window.c. */
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  g_test_add ("/trellis/ui/schedule-page/grid", Fixture, NULL, fixture_set_up, test_schedule,
              fixture_tear_down);
  g_test_add ("/trellis/ui/schedule-page/empty", Fixture, NULL, fixture_set_up, test_empty, fixture_tear_down);
  return g_test_run ();
}
