/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <libical/ical.h>

#include "demo-fixture.h"
#include "trellis-interview-draw-dialog.h"
#include "trellis-interview-schedule-dialog.h"
#include "trellis-interviews-page.h"
#include "trellis-study-interviews.h"
#include "trellis-study-measures.h"
#include "ui-test-utils.h"

/* The Interviews page in the real window, on the demo study as on its last
 * day (TRELLIS_TODAY): the eligible counts against the store, a draw of 23
 * with a fixed seed made through the dialog, the coordinator's view hiding
 * whom it drew and the interviewer's showing them, a replacement and a
 * verification. */

#define SEED "2025"

static TrellisInterviewsPage *
interviews_page (TrellisWindow *window)
{
  return TRELLIS_INTERVIEWS_PAGE (trellis_study_view_ensure_page (study_view (window), "interviews"));
}

static gpointer
page_child (TrellisWindow *window,
            const char    *name)
{
  return child (interviews_page (window), TRELLIS_TYPE_INTERVIEWS_PAGE, name);
}

static gboolean
page_read (gpointer window)
{
  return !trellis_interviews_page_get_loading (interviews_page (window));
}

static TrellisWindow *
open_interviews (Fixture    *fixture,
                 const char *path)
{
  TrellisWindow *window = open_study_in (fixture, path);

  g_assert_true (trellis_study_view_show_page (study_view (window), "interviews"));
  iterate_for (200);
  g_assert_true (iterate_until (page_read, window));
  iterate_for (100);
  return window;
}

/* Scrolls the page so that WIDGET is near the top of the screenshot. */
static void
scroll_to (TrellisWindow *window,
           GtkWidget     *widget)
{
  GtkScrolledWindow *scroller = page_child (window, "scroller");
  GtkAdjustment *adjustment;
  double x, y;

  /* After a reload, the rows must be laid out before they have a place. */
  iterate_for (200);
  g_assert_true (gtk_widget_translate_coordinates (widget, gtk_scrolled_window_get_child (scroller),
                                                   0, 0, &x, &y));
  /* The viewport's coordinates are those of what it shows now. */
  adjustment = gtk_scrolled_window_get_vadjustment (scroller);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + y - 12);
  iterate_for (200);
}

static void
scroll_to_top (TrellisWindow *window)
{
  GtkScrolledWindow *scroller = page_child (window, "scroller");

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (scroller), 0);
  iterate_for (200);
}

static void
count_named (GtkWidget  *widget,
             const char *name,
             guint      *n)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    (*n)++;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    count_named (c, name, n);
}

static guint
n_named (TrellisWindow *window,
         const char    *name)
{
  guint n = 0;

  count_named (GTK_WIDGET (interviews_page (window)), name, &n);
  return n;
}

static GtkWidget *
find_row_titled (GtkWidget  *widget,
                 const char *prefix)
{
  if (ADW_IS_PREFERENCES_ROW (widget) &&
      g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), prefix))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_row_titled (c, prefix);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The page's counts are the store's, under the page's default rule: the
 * plan's last timepoint completed or due, recorded on video. */
static void
check_eligible (TrellisWindow *window)
{
  TrellisInterviewsPage *page = interviews_page (window);
  g_autoptr(TrellisEligibleList) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *badge = NULL;
  TrellisInterviewEligibility rule;

  g_assert_true (trellis_interview_eligibility_init (&rule, "T4", TRELLIS_REACHED_COMPLETED_OR_DUE, TRUE, NULL));
  list = trellis_study_read_eligible (trellis_window_get_study (window), &rule, trellis_study_today (), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (trellis_eligible_list_count (list), >=, 23);
  for (guint i = 0; i < list->cohorts->len; i++)
    {
      TrellisEligibleCohort *cohort = g_ptr_array_index (list->cohorts, i);

      g_assert_cmpuint (trellis_interviews_page_get_n_eligible (page, cohort->name), ==, cohort->codes->len);
    }
  badge = g_strdup_printf ("%u eligible", trellis_eligible_list_count (list));
  g_assert_cmpstr (gtk_label_get_text (page_child (window, "eligible_badge")), ==, badge);
}

static TrellisInterviewDrawDialog *
open_draw_dialog (TrellisWindow *window)
{
  TrellisInterviewDrawDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (interviews_page (window)), "interviews.draw", NULL));
  iterate_for (300);
  dialog = TRELLIS_INTERVIEW_DRAW_DIALOG (find_toplevel_of_type (TRELLIS_TYPE_INTERVIEW_DRAW_DIALOG));
  g_assert_nonnull (dialog);
  return dialog;
}

/* 23 through the dialog, proportional, with the seed typed in: the preview
 * gives every cohort at least one and adds up to the total. */
static void
draw_through_dialog (TrellisWindow *window)
{
  TrellisInterviewDrawDialog *dialog = open_draw_dialog (window);
  AdwEntryRow *seed_row = child (dialog, TRELLIS_TYPE_INTERVIEW_DRAW_DIALOG, "seed_row");
  GtkWidget *draw_button = child (dialog, TRELLIS_TYPE_INTERVIEW_DRAW_DIALOG, "draw_button");
  guint sum = 0;

  trellis_interview_draw_dialog_set_total (dialog, 23);
  gtk_editable_set_text (GTK_EDITABLE (seed_row), "not a seed");
  iterate_for (50);
  g_assert_false (gtk_widget_get_sensitive (draw_button));
  gtk_editable_set_text (GTK_EDITABLE (seed_row), SEED);
  iterate_for (50);
  g_assert_true (gtk_widget_get_sensitive (draw_button));
  for (guint i = 0; i < 7; i++)
    {
      g_assert_cmpuint (trellis_interview_draw_dialog_get_quota (dialog, i), >=, 1);
      sum += trellis_interview_draw_dialog_get_quota (dialog, i);
    }
  g_assert_cmpuint (sum, ==, 23);
  save_screenshot (GTK_WIDGET (dialog), "interviews-draw-dialog");
  g_signal_emit_by_name (draw_button, "clicked");
  iterate_for (300);
  g_assert_null (find_toplevel_of_type (TRELLIS_TYPE_INTERVIEW_DRAW_DIALOG));
}

static TrellisStoredDraw *
only_draw (TrellisWindow *window)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) draws = trellis_study_list_draws (trellis_window_get_study (window), &error);

  g_assert_no_error (error);
  g_assert_cmpuint (draws->len, ==, 1);
  return g_ptr_array_steal_index (draws, 0);
}

/* The first pick declines: their replacement comes from the same cohort. */
static void
replace_first (TrellisWindow *window)
{
  g_autoptr(TrellisStoredDraw) before = only_draw (window);
  g_autoptr(TrellisStoredDraw) after = NULL;
  TrellisStoredPick *first = &g_array_index (before->picks, TrellisStoredPick, 0);
  TrellisStoredPick *last;
  AdwMessageDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (interviews_page (window)), "interviews.replace", "(xx)",
                                             before->id, first->participant_id));
  iterate_for (200);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (strstr (adw_message_dialog_get_body (dialog), first->cohort) != NULL);
  g_assert_false (adw_message_dialog_has_response (dialog, "did-not-attend"));
  respond (dialog, "declined");
  iterate_for (200);
  after = only_draw (window);
  g_assert_cmpuint (after->picks->len, ==, 24);
  last = &g_array_index (after->picks, TrellisStoredPick, 23);
  g_assert_true (last->replacement);
  g_assert_cmpint (last->replaces, ==, first->id);
  g_assert_cmpstr (last->cohort, ==, first->cohort);
  g_assert_cmpstr (g_array_index (after->picks, TrellisStoredPick, 0).status, ==, "declined");
}

static void
type_into (gpointer    dialog,
           const char *row,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (child (dialog, TRELLIS_TYPE_INTERVIEW_SCHEDULE_DIALOG, row)), text);
}

static gboolean
dialog_idle (gpointer dialog)
{
  return gtk_widget_is_sensitive (child (dialog, TRELLIS_TYPE_INTERVIEW_SCHEDULE_DIALOG, "schedule_button"));
}

static gboolean
question_shown (gpointer data)
{
  return find_message_dialog () != NULL;
}

static gboolean
dialog_gone (gpointer data)
{
  return find_toplevel_of_type (TRELLIS_TYPE_INTERVIEW_SCHEDULE_DIALOG) == NULL;
}

/* Clicks Schedule: until the schedule is read and the booking answered, the
 * button waits beside a spinner, so that a second click books nothing. */
static void
click_schedule (GtkWindow *dialog)
{
  GtkWidget *button = child (dialog, TRELLIS_TYPE_INTERVIEW_SCHEDULE_DIALOG, "schedule_button");
  GtkWidget *spinner = child (dialog, TRELLIS_TYPE_INTERVIEW_SCHEDULE_DIALOG, "busy_spinner");

  g_signal_emit_by_name (button, "clicked");
  g_assert_false (gtk_widget_is_sensitive (button));
  g_assert_true (gtk_widget_get_visible (spinner));
}

/* The second pick's interview, in Europe/London: 01:30 on 30 March 2025 is
 * skipped by the clocks going forward and refused; 01:30 on 26 October 2025
 * happens twice, and the dialog asks which. */
static void
schedule_second (TrellisWindow *window)
{
  g_autoptr(TrellisStoredDraw) before = only_draw (window);
  g_autoptr(TrellisStoredDraw) after = NULL;
  TrellisStoredPick *second = &g_array_index (before->picks, TrellisStoredPick, 1);
  GtkWindow *dialog;
  GtkLabel *problem;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (interviews_page (window)), "interviews.schedule", "(xx)",
                                             before->id, second->participant_id));
  iterate_for (300);
  dialog = find_toplevel_of_type (TRELLIS_TYPE_INTERVIEW_SCHEDULE_DIALOG);
  g_assert_nonnull (dialog);
  type_into (dialog, "interviewer_row", "Dr Amara Osei");
  type_into (dialog, "zone_row", "Europe/London");
  type_into (dialog, "date_row", "2025-03-30");
  type_into (dialog, "time_row", "01:30");
  click_schedule (dialog);
  g_assert_true (iterate_until (dialog_idle, dialog));
  g_assert_false (gtk_widget_get_visible (child (dialog, TRELLIS_TYPE_INTERVIEW_SCHEDULE_DIALOG, "busy_spinner")));
  problem = child (dialog, TRELLIS_TYPE_INTERVIEW_SCHEDULE_DIALOG, "problem_label");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (problem)));
  g_assert_true (strstr (gtk_label_get_text (problem), "01:30") != NULL);
  save_screenshot (GTK_WIDGET (dialog), "interviews-schedule-dialog");

  type_into (dialog, "date_row", "2025-10-26");
  click_schedule (dialog);
  g_assert_true (iterate_until (question_shown, NULL));
  respond (find_message_dialog (), "later");
  g_assert_true (iterate_until (dialog_gone, NULL));
  iterate_for (100);
  after = only_draw (window);
  g_assert_cmpstr (g_array_index (after->picks, TrellisStoredPick, 1).status, ==, "scheduled");
}

/* ---- The pipeline after scheduling ---- */

static TrellisInterviewRow *
interview_of (TrellisWindow *window,
              gint64         participant_id)
{
  TrellisInterviewFilter filter = { .status = -1, .today = trellis_study_today (),
                                    .now = g_get_real_time () / G_USEC_PER_SEC };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = trellis_study_list_interviews (trellis_window_get_study (window), &filter, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    if (((TrellisInterviewRow *) rows->pdata[i])->participant_id == participant_id)
      return g_ptr_array_steal_index (rows, i);
  g_assert_not_reached ();
}

static gint64
pick_participant (TrellisWindow *window,
                  guint          index)
{
  g_autoptr(TrellisStoredDraw) draw = only_draw (window);

  return g_array_index (draw->picks, TrellisStoredPick, index).participant_id;
}

/* The third pick, booked through the study with another interviewer, so
 * that the interviewer filter has two names to tell apart. */
static void
schedule_third (TrellisWindow *window)
{
  TrellisScheduleRequest request = {
    .interviewer = "Dr Ben Hale", .hour = 14, .minute = 0, .zone = "Europe/London",
    .which = TRELLIS_LOCAL_TIME_EARLIER, .minutes = 60, .mode = "video_call", .recorded = -1,
    .today = trellis_study_today (), .now = g_get_real_time () / G_USEC_PER_SEC,
  };
  g_autoptr(GError) error = NULL;

  g_date_set_dmy (&request.date, 3, G_DATE_NOVEMBER, 2025);
  g_assert_true (trellis_study_schedule_interview (trellis_window_get_study (window), pick_participant (window, 2),
                                                   &request, NULL, NULL, &error));
  g_assert_no_error (error);
  iterate_for (200);
}

static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_named (c, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The second pick's row shows the booking made through the dialog, and the
 * slot, long past on the real clock, carries its conflict as a warning. */
static void
check_booking_shown (TrellisWindow *window)
{
  GtkWidget *row = find_row_titled (page_child (window, "draws_group"), "2. ");
  const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
  GtkWidget *warning = find_named (row, "conflict");

  g_assert_nonnull (strstr (subtitle, "with Dr Amara Osei"));
  g_assert_nonnull (strstr (subtitle, "01:30"));
  g_assert_nonnull (warning);
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (warning), "has passed"));
  g_assert_nonnull (find_named (row, "moves"));
}

static void
mark_done (TrellisWindow *window,
           gint64         participant_id)
{
  g_autoptr(TrellisInterviewRow) row = NULL;
  AdwMessageDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (interviews_page (window)), "interviews.done", "x",
                                             participant_id));
  iterate_for (200);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (adw_message_dialog_get_extra_child (dialog))),
                   ==, 60);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (adw_message_dialog_get_extra_child (dialog)), 72);
  save_screenshot (GTK_WIDGET (dialog), "interviews-done-dialog");
  respond (dialog, "done");
  iterate_for (200);
  row = interview_of (window, participant_id);
  g_assert_cmpint (row->status, ==, TRELLIS_INTERVIEW_DONE);
  g_assert_cmpuint (row->actual_minutes, ==, 72);
}

/* The first action a menu offers, in its first section. */
static char *
first_action (GMenuModel *menu)
{
  g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SECTION);
  char *action = NULL;

  g_assert_nonnull (section);
  g_assert_true (g_menu_model_get_item_attribute (section, 0, G_MENU_ATTRIBUTE_ACTION, "s", &action));
  return action;
}

/* Once done, the second pick's menu offers the transcript next, and no
 * longer the replacement. */
static void
check_done_menu (TrellisWindow *window)
{
  GtkWidget *row = find_row_titled (page_child (window, "draws_group"), "2. ");
  GtkMenuButton *button = GTK_MENU_BUTTON (find_named (row, "moves"));
  GMenuModel *menu = gtk_menu_button_get_menu_model (button);
  g_autofree char *action = first_action (menu);

  g_assert_cmpstr (action, ==, "interviews.transcript");
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 1);
  gtk_menu_button_popup (button);
  iterate_for (200);
  save_screenshot (GTK_WIDGET (gtk_menu_button_get_popover (button)), "interviews-moves-menu");
  gtk_menu_button_popdown (button);
  iterate_for (100);
}

/* A transcript of a few megabytes, hashed in a worker: what the study
 * stores is the SHA-256 of the file's bytes, and the file stays put. */
static void
attach_transcript (Fixture       *fixture,
                   TrellisWindow *window,
                   gint64         participant_id)
{
  g_autofree char *path = temp_path (fixture, "P-transcript.txt");
  GString *text = g_string_new (NULL);
  g_autofree char *expected = NULL;
  g_autoptr(TrellisInterviewRow) row = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 60000; i++)
    g_string_append_printf (text, "Interviewer: line %u of the transcript.\n", i);
  g_assert_true (g_file_set_contents (path, text->str, text->len, &error));
  expected = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) text->str, text->len);
  g_string_free (text, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (interviews_page (window)), "interviews.attach-transcript",
                                             "(xs)", participant_id, path));
  g_assert_true (trellis_interviews_page_get_loading (interviews_page (window)));
  g_assert_true (iterate_until (page_read, window));
  iterate_for (200);
  row = interview_of (window, participant_id);
  g_assert_cmpint (row->status, ==, TRELLIS_INTERVIEW_TRANSCRIBED);
  g_assert_cmpstr (row->transcript_sha256, ==, expected);
  g_assert_cmpstr (row->transcript_path, ==, path);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

static void
mark_anonymised (TrellisWindow *window,
                 gint64         participant_id)
{
  g_autoptr(TrellisInterviewRow) row = NULL;
  AdwMessageDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (interviews_page (window)), "interviews.anonymised", "x",
                                             participant_id));
  iterate_for (200);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)), "Priya Nair");
  save_screenshot (GTK_WIDGET (dialog), "interviews-anonymised-dialog");
  respond (dialog, "anonymised");
  iterate_for (200);
  row = interview_of (window, participant_id);
  g_assert_cmpint (row->status, ==, TRELLIS_INTERVIEW_ANONYMISED);
  g_assert_cmpstr (row->anonymised_by, ==, "Priya Nair");
  g_assert_nonnull (row->anonymised_at);
}

/* The list's rows under the two filters: STATUS (-1 for any) and the
 * interviewer at INTERVIEWER in the dropdown (0 for anyone). */
static guint
filter_list (TrellisWindow *window,
             int            status,
             guint          interviewer)
{
  guint n = 0;

  gtk_drop_down_set_selected (page_child (window, "status_filter"), status + 1);
  gtk_drop_down_set_selected (page_child (window, "interviewer_filter"), interviewer);
  iterate_for (100);
  count_named (page_child (window, "list_group"), "interview", &n);
  return n;
}

static guint
interviewer_index (TrellisWindow *window,
                   const char    *name)
{
  GListModel *names = gtk_drop_down_get_model (page_child (window, "interviewer_filter"));

  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (names), i), name))
      return i;
  g_assert_not_reached ();
}

static void
check_filters (TrellisWindow *window,
               const char    *second_code)
{
  guint osei = interviewer_index (window, "Dr Amara Osei");
  guint hale = interviewer_index (window, "Dr Ben Hale");

  g_assert_cmpuint (filter_list (window, -1, 0), ==, 24);
  g_assert_cmpuint (filter_list (window, -1, hale), ==, 1);
  g_assert_nonnull (find_row_titled (page_child (window, "list_group"), "P"));
  g_assert_cmpuint (filter_list (window, -1, osei), ==, 1);
  g_assert_nonnull (find_row_titled (page_child (window, "list_group"), second_code));
  scroll_to (window, page_child (window, "list_group"));
  save_screenshot (GTK_WIDGET (window), "interviews-filter-interviewer");
  g_assert_cmpuint (filter_list (window, TRELLIS_INTERVIEW_ANONYMISED, 0), ==, 1);
  g_assert_cmpuint (filter_list (window, TRELLIS_INTERVIEW_SCHEDULED, 0), ==, 1);
  g_assert_cmpuint (filter_list (window, TRELLIS_INTERVIEW_INVITED, 0), ==, 21);
  g_assert_cmpuint (filter_list (window, TRELLIS_INTERVIEW_SCHEDULED, osei), ==, 0);
  g_assert_nonnull (find_named (page_child (window, "list_group"), "no-interview"));
  g_assert_cmpuint (filter_list (window, TRELLIS_INTERVIEW_ANONYMISED, osei), ==, 1);
  scroll_to (window, page_child (window, "list_group"));
  save_screenshot (GTK_WIDGET (window), "interviews-filter-status");
}

/* The calendar holds the two interviews that have a time, and libical
 * reads it back. */
static void
export_calendar (Fixture       *fixture,
                 TrellisWindow *window)
{
  g_autofree char *path = temp_path (fixture, "Resilience coaching interviews.ics");
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  icalcomponent *calendar;
  guint n = 0;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (interviews_page (window)), "interviews.export-calendar-to",
                                             "s", path));
  g_assert_true (iterate_until (page_read, window));
  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  calendar = icalparser_parse_string (text);
  g_assert_nonnull (calendar);
  g_assert_cmpint (icalcomponent_count_errors (calendar), ==, 0);
  for (icalcomponent *event = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
       event != NULL; event = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT))
    n++;
  g_assert_cmpuint (n, ==, 2);
  icalcomponent_free (calendar);
  g_unlink (path);
}

static void
move_along (Fixture       *fixture,
            TrellisWindow *window)
{
  gint64 second = pick_participant (window, 1);
  g_autoptr(TrellisInterviewRow) row = NULL;

  schedule_third (window);
  check_booking_shown (window);
  scroll_to (window, find_row_titled (page_child (window, "draws_group"), "1. "));
  save_screenshot (GTK_WIDGET (window), "interviews-booked");
  mark_done (window, second);
  check_done_menu (window);
  attach_transcript (fixture, window, second);
  mark_anonymised (window, second);
  row = interview_of (window, second);
  scroll_to (window, find_row_titled (page_child (window, "draws_group"), "1. "));
  save_screenshot (GTK_WIDGET (window), "interviews-anonymised");
  check_filters (window, row->code);
  export_calendar (fixture, window);
}

/* The interviewer's view names the 23, and the choice of view is kept;
 * then a replacement, a verification and a booking. */
static void
check_interviewer_view (TrellisWindow *window,
                        gint64         draw_id)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (window));
  GSettings *settings = trellis_application_get_settings (TRELLIS_APPLICATION (app));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (interviews_page (window)), "interviews.role", "s",
                                             "interviewer"));
  iterate_for (200);
  g_assert_cmpuint (n_named (window, "pick"), ==, 23);
  g_assert_cmpuint (n_named (window, "concealed"), ==, 0);
  g_assert_cmpstr (g_settings_get_string (settings, "interviews-role"), ==, "interviewer");
  scroll_to_top (window);
  save_screenshot (GTK_WIDGET (window), "interviews-interviewer");

  replace_first (window);
  g_assert_cmpuint (n_named (window, "pick"), ==, 24);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (interviews_page (window)), "interviews.verify", "x",
                                             draw_id));
  iterate_for (200);
  g_assert_nonnull (find_row_titled (GTK_WIDGET (interviews_page (window)), "Verified"));
  save_screenshot (GTK_WIDGET (window), "interviews-verified");
  /* The replacement comes last in the draw, under the 23 first picked. */
  scroll_to (window, find_row_titled (GTK_WIDGET (interviews_page (window)), "20. "));
  save_screenshot (GTK_WIDGET (window), "interviews-replaced");

  schedule_second (window);
  g_assert_nonnull (find_row_titled (page_child (window, "pipeline_group"), "Mammographers"));
  scroll_to (window, page_child (window, "pipeline_group"));
  save_screenshot (GTK_WIDGET (window), "interviews-scheduled");
}

static void
test_draw (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *path = temp_path (fixture, "Demo.trellis");
  g_autoptr(TrellisStoredDraw) draw = NULL;
  TrellisWindow *window;

  demo_fixture_create_closed (path, "Resilience coaching");
  window = open_interviews (fixture, path);
  g_assert_cmpstr (trellis_interviews_page_get_role (interviews_page (window)), ==, "coordinator");
  g_assert_true (gtk_widget_get_visible (page_child (window, "empty_page")));
  save_screenshot (GTK_WIDGET (window), "interviews-empty");

  check_eligible (window);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (find_row_titled (page_child (window, "eligible_group"), "Midwives")),
                                 TRUE);
  scroll_to (window, page_child (window, "rule_group"));
  save_screenshot (GTK_WIDGET (window), "interviews-eligible");

  draw_through_dialog (window);
  g_assert_true (iterate_until (page_read, window));
  draw = only_draw (window);
  g_assert_cmpstr (draw->seed, ==, SEED);
  g_assert_cmpuint (draw->picks->len, ==, 23);
  g_assert_false (gtk_widget_get_visible (page_child (window, "empty_page")));
  g_assert_cmpuint (n_named (window, "concealed"), ==, 1);
  g_assert_cmpuint (n_named (window, "pick"), ==, 0);
  g_assert_nonnull (find_row_titled (GTK_WIDGET (interviews_page (window)), "23 drawn across 7 cohorts"));
  scroll_to_top (window);
  save_screenshot (GTK_WIDGET (window), "interviews-concealed");

  check_interviewer_view (window, draw->id);
  move_along (fixture, window);

  close_all_windows (GTK_APPLICATION (fixture->app));
  remove_study (path);
}

/* A study with nobody in it: the page says what to do, and there is no one to draw. */
static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *path = temp_path (fixture, "Empty.trellis");
  TrellisWindow *window = create_study_in (fixture, path);

  g_assert_true (trellis_study_view_show_page (study_view (window), "interviews"));
  iterate_for (200);
  g_assert_true (iterate_until (page_read, window));
  g_assert_true (gtk_widget_get_visible (page_child (window, "empty_page")));
  g_assert_false (gtk_widget_get_visible (page_child (window, "draws_group")));
  g_assert_cmpstr (gtk_label_get_text (page_child (window, "eligible_badge")), ==, "0 eligible");
  g_assert_false (gtk_widget_is_sensitive (page_child (window, "draw_button")));
  save_screenshot (GTK_WIDGET (window), "interviews-new-study");

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

  g_test_add ("/trellis/ui/interviews-page/draw", Fixture, NULL,
              fixture_set_up, test_draw, fixture_tear_down);
  g_test_add ("/trellis/ui/interviews-page/empty", Fixture, NULL,
              fixture_set_up, test_empty, fixture_tear_down);

  return g_test_run ();
}
