/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "trellis-item-row.h"
#include "trellis-participant-card.h"
#include "trellis-participants-page.h"
#include "trellis-response-import.h"
#include "trellis-study-measures.h"
#include "trellis-study-register.h"
#include "trellis-test-utils.h"
#include "trellis-visit-dialog.h"
#include "ui-test-utils.h"

/* The data-entry form in the real window, driven from the keyboard: the
 * cursor starts in the first empty answer and moves on by itself, Tab goes
 * from answer to answer, a value off the scale is named and blocks saving,
 * Enter saves the sheet (scored) and opens the next participant due, and a
 * participant who withdrew from further data is refused in the register's
 * words. Today is pinned, so the schedule reads the same on any day. */

#define TODAY "2024-03-04"

typedef struct
{
  gint64 ids[4];   /* P001–P004; P002 withdrew from further data */
  gint64 t1;
} Study;

static void
add_participants (TrellisStudy *study,
                  Study        *out)
{
  g_autoptr(TrellisCohort) cohort = trellis_cohort_new ();
  g_autoptr(GError) error = NULL;

  trellis_cohort_set_name (cohort, "Midwives, spring 2024");
  trellis_cohort_set_profession_id (cohort, 1);
  g_assert_true (trellis_study_create_cohort (study, cohort, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (out->ids); i++)
    {
      out->ids[i] = trellis_study_add_participant (study, NULL, trellis_cohort_get_id (cohort), TODAY, &error);
      g_assert_no_error (error);
      g_assert_cmpint (out->ids[i], >, 0);
    }
  g_assert_cmpint (trellis_study_record_withdrawal (study, out->ids[1], TRELLIS_WITHDRAWAL_NO_FURTHER_DATA,
                                                    TODAY, "Moved abroad", &error), >, 0);
  g_assert_no_error (error);
}

/* A study whose T1 (baseline, day 0) is due today for everyone but P002. */
static TrellisWindow *
open_study (Fixture *fixture,
            Study   *out)
{
  g_autofree char *path = temp_path (fixture, "Entry.trellis");
  TrellisWindow *window = create_study_in (fixture, path);
  TrellisStudy *study = trellis_window_get_study (window);
  g_autoptr(TrellisTimepoint) t1 = g_list_model_get_item (trellis_study_get_timepoints (study), 0);

  g_free (fixture->path);
  fixture->path = g_steal_pointer (&path);
  g_assert_cmpstr (trellis_timepoint_get_code (t1), ==, "T1");
  out->t1 = trellis_timepoint_get_id (t1);
  add_participants (study, out);
  g_assert_nonnull (trellis_study_find_instrument (study, "BRS"));
  return window;
}

/* The Schedule page opens forms with win.enter-data, from inside the study
 * view; a page of the view stands in for it here. */
static TrellisVisitDialog *
open_form (TrellisWindow *window,
           gint64         participant_id,
           gint64         timepoint_id)
{
  GtkWidget *page = trellis_study_view_ensure_page (study_view (window), "participants");
  GtkWindow *dialog;

  g_assert_true (gtk_widget_activate_action (page, "win.enter-data", "(xx)", participant_id, timepoint_id));
  iterate_for (200);
  dialog = find_toplevel_of_type (TRELLIS_TYPE_VISIT_DIALOG);
  g_assert_nonnull (dialog);
  return TRELLIS_VISIT_DIALOG (dialog);
}

static gpointer
form_child (TrellisVisitDialog *dialog,
            const char         *name)
{
  return child (dialog, TRELLIS_TYPE_VISIT_DIALOG, name);
}

static GtkWidget *
find_named (GtkWidget  *root,
            GType       type,
            const char *name)
{
  for (GtkWidget *it = gtk_widget_get_first_child (root); it != NULL; it = gtk_widget_get_next_sibling (it))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (it, type) && g_strcmp0 (gtk_widget_get_name (it), name) == 0)
        return it;
      if ((found = find_named (it, type, name)) != NULL)
        return found;
    }
  return NULL;
}

/* The row of an item, by its code. */
static TrellisItemRow *
item_row (TrellisVisitDialog *dialog,
          const char         *code)
{
  GtkWidget *row = find_named (GTK_WIDGET (dialog), TRELLIS_TYPE_ITEM_ROW, code);

  g_assert_nonnull (row);
  return TRELLIS_ITEM_ROW (row);
}

static const char *
field_text (TrellisVisitDialog *dialog,
            const char         *code)
{
  return gtk_editable_get_text (GTK_EDITABLE (trellis_item_row_get_field (item_row (dialog, code))));
}

/* Whether the keyboard focus is in the answer field of that item. */
static gboolean
focus_is_in (TrellisVisitDialog *dialog,
             const char         *code)
{
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (dialog));
  GtkWidget *field = trellis_item_row_get_field (item_row (dialog, code));

  return focus != NULL && (focus == field || gtk_widget_is_ancestor (focus, field));
}

/* Types TEXT where the keyboard focus is, one character at a time, letting
 * the form react between keystrokes as it would to a person. */
static void
type_keys (TrellisVisitDialog *dialog,
           const char         *text)
{
  for (const char *c = text; *c != '\0'; c = g_utf8_next_char (c))
    {
      GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (dialog));
      int position = -1;

      g_assert_true (GTK_IS_EDITABLE (focus));
      gtk_editable_insert_text (GTK_EDITABLE (focus), c, g_utf8_next_char (c) - c, &position);
      gtk_editable_set_position (GTK_EDITABLE (focus), -1);
      iterate_for (20);
    }
}

/* Empties the focused field, as Ctrl+A and Backspace would. */
static void
clear_focused (TrellisVisitDialog *dialog)
{
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (dialog));

  g_assert_true (GTK_IS_EDITABLE (focus));
  gtk_editable_delete_text (GTK_EDITABLE (focus), 0, -1);
  iterate_for (20);
}

static void
press_tab (TrellisVisitDialog *dialog)
{
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (dialog), GTK_DIR_TAB_FORWARD));
  iterate_for (20);
}

/* Enter in the focused field: it activates the dialog's default button. */
static void
press_enter (TrellisVisitDialog *dialog)
{
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (dialog));

  g_assert_true (GTK_IS_TEXT (focus));
  g_signal_emit_by_name (focus, "activate");
  /* A button activated from the keyboard shows itself pressed for a moment
   * before it reports the click. */
  iterate_for (400);
}

static gboolean
can_save (TrellisVisitDialog *dialog)
{
  return gtk_widget_is_sensitive (form_child (dialog, "save_next_button")) &&
         gtk_widget_is_sensitive (form_child (dialog, "save_button"));
}

static const char *
score_of (TrellisVisitDialog *dialog,
          const char         *instrument)
{
  GtkWidget *group = find_named (GTK_WIDGET (dialog), ADW_TYPE_PREFERENCES_GROUP, instrument);

  g_assert_nonnull (group);
  return gtk_label_get_text (GTK_LABEL (adw_preferences_group_get_header_suffix (ADW_PREFERENCES_GROUP (group))));
}

static char *
stored_score (const char *path,
              gint64      participant_id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT printf('%%.2f %%d', s.score, s.answered) FROM answer_sheet s"
                                          " JOIN visit v ON v.id = s.visit_id WHERE v.participant_id = %"
                                          G_GINT64_FORMAT, participant_id);
  sqlite3 *db = trellis_test_sqlite_open (path, SQLITE_OPEN_READONLY);
  char *text = trellis_test_sqlite_text (db, sql);

  sqlite3_close (db);
  return text;
}

static void
assert_values (TrellisStudy *study,
               gint64        participant_id,
               gint64        timepoint_id,
               const int    *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisVisitAnswers) answers = trellis_study_load_visit (study, participant_id, timepoint_id, &error);
  guint n = 0;
  const int *values;

  g_assert_no_error (error);
  g_assert_cmpstr (answers->completed_date, ==, TODAY);
  values = trellis_visit_answers_get_values (answers, "BRS", &n);
  g_assert_cmpuint (n, ==, 6);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (values[i], ==, expected[i]);
}

/* Tab goes from answer to answer, not to the rows around them. */
static void
check_tab_order (TrellisVisitDialog *dialog)
{
  g_assert_true (focus_is_in (dialog, "BRS1"));
  press_tab (dialog);
  g_assert_true (focus_is_in (dialog, "BRS2"));
  press_tab (dialog);
  g_assert_true (focus_is_in (dialog, "BRS3"));
  g_assert_true (gtk_widget_grab_focus (trellis_item_row_get_field (item_row (dialog, "BRS1"))));
}

static void
check_problem (TrellisVisitDialog *dialog,
               const char         *code,
               const char         *message)
{
  TrellisItemRow *row = item_row (dialog, code);

  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "field-problem"));
  g_assert_true (gtk_widget_has_css_class (trellis_item_row_get_field (row), "error"));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, message);
  g_assert_false (can_save (dialog));
}

/* Off the scale, or not a whole number: named under the question, and the
 * form cannot be saved until it is put right. */
static void
check_off_scale (TrellisVisitDialog *dialog)
{
  GtkWidget *field = trellis_item_row_get_field (item_row (dialog, "BRS3"));

  type_keys (dialog, "7");
  g_assert_true (focus_is_in (dialog, "BRS3"));
  check_problem (dialog, "BRS3", "‘7’ is off the scale for BRS3 (1–5)");
  save_screenshot (GTK_WIDGET (dialog), "visit-form-error");
  gtk_editable_set_text (GTK_EDITABLE (field), "3.5");
  check_problem (dialog, "BRS3", "‘3.5’ is not a whole number (BRS3 takes 1–5)");
  clear_focused (dialog);
  g_assert_false (gtk_widget_has_css_class (field, "error"));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (item_row (dialog, "BRS3"))), ==,
                   "1 Strongly disagree … 5 Strongly agree");
  g_assert_true (can_save (dialog));
}

/* A completion date after today is named beside the date, and blocks Save. */
static void
check_future_date (TrellisVisitDialog *dialog)
{
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (dialog));

  gtk_editable_set_text (form_child (dialog, "date_entry"), "2024-03-05");
  g_assert_cmpstr (adw_action_row_get_subtitle (form_child (dialog, "date_row")), ==, "2024-03-05 is in the future");
  g_assert_false (can_save (dialog));
  gtk_editable_set_text (form_child (dialog, "date_entry"), TODAY);
  g_assert_true (can_save (dialog));
  g_assert_true (gtk_widget_grab_focus (focus));
}

static void
test_keyboard_entry (Fixture       *fixture,
                     gconstpointer  data)
{
  static const int expected[] = { 4, 3, 3, 2, 4, 3 };
  g_autofree char *score = NULL;
  TrellisVisitDialog *dialog;
  TrellisWindow *window;
  Study s;

  window = open_study (fixture, &s);
  dialog = open_form (window, s.ids[0], s.t1);
  g_assert_cmpstr (gtk_label_get_text (form_child (dialog, "code_label")), ==, "P001");
  g_assert_cmpstr (gtk_label_get_text (form_child (dialog, "status_label")), ==, "Due");
  g_assert_cmpstr (adw_action_row_get_subtitle (form_child (dialog, "due_row")), ==, TODAY ", on that day only");
  g_assert_cmpstr (gtk_editable_get_text (form_child (dialog, "date_entry")), ==, TODAY);
  g_assert_false (gtk_revealer_get_reveal_child (form_child (dialog, "banner_revealer")));
  g_assert_cmpstr (score_of (dialog, "BRS"), ==, "Not answered");
  /* Nothing typed yet: Enter must not record an empty visit. */
  g_assert_false (can_save (dialog));
  check_tab_order (dialog);

  /* One digit completes an answer on a 1–5 scale: the cursor moves on. */
  type_keys (dialog, "43");
  g_assert_true (focus_is_in (dialog, "BRS3"));
  check_off_scale (dialog);
  type_keys (dialog, "32");
  g_assert_true (focus_is_in (dialog, "BRS5"));
  g_assert_cmpstr (score_of (dialog, "BRS"), ==, "Not scored: 4 of 6 answered, needs 5");
  type_keys (dialog, "43");
  /* After the last answer the cursor stays, so that Enter saves. */
  g_assert_true (focus_is_in (dialog, "BRS6"));
  g_assert_cmpstr (score_of (dialog, "BRS"), ==, "Score 3.50 · normal");
  check_future_date (dialog);
  save_screenshot (GTK_WIDGET (dialog), "visit-form-filled");

  press_enter (dialog);
  assert_values (trellis_window_get_study (window), s.ids[0], s.t1, expected);
  score = stored_score (fixture->path, s.ids[0]);
  g_assert_cmpstr (score, ==, "3.50 6");

  /* On to the next participant due at T1: P003, as P002 withdrew. */
  g_assert_cmpint (trellis_visit_dialog_get_participant_id (dialog), ==, s.ids[2]);
  g_assert_cmpstr (gtk_label_get_text (form_child (dialog, "code_label")), ==, "P003");
  g_assert_cmpstr (field_text (dialog, "BRS1"), ==, "");
  g_assert_true (focus_is_in (dialog, "BRS1"));
  g_assert_cmpstr (score_of (dialog, "BRS"), ==, "Not answered");
  save_screenshot (GTK_WIDGET (dialog), "visit-form-next");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL));
  iterate_for (100);
  g_assert_null (find_toplevel_of_type (TRELLIS_TYPE_VISIT_DIALOG));
}

/* After a withdrawal from further data the form shows why, in the words the
 * store refuses with, and nothing can be typed or saved. */
static void
test_refused (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(TrellisVisitAnswers) answers = NULL;
  g_autoptr(GError) error = NULL;
  TrellisVisitDialog *dialog;
  TrellisWindow *window;
  Study s;

  window = open_study (fixture, &s);
  answers = trellis_visit_answers_new (s.ids[1], s.t1);
  trellis_visit_answers_set_date (answers, TODAY);
  g_assert_false (trellis_study_save_visit (trellis_window_get_study (window), answers, &error));
  g_assert_nonnull (error);

  dialog = open_form (window, s.ids[1], s.t1);
  g_assert_cmpstr (gtk_label_get_text (form_child (dialog, "code_label")), ==, "P002");
  g_assert_true (gtk_revealer_get_reveal_child (form_child (dialog, "banner_revealer")));
  g_assert_cmpstr (gtk_label_get_text (form_child (dialog, "banner_label")), ==, error->message);
  g_assert_nonnull (strstr (error->message, "no new data can be recorded"));
  g_assert_cmpstr (gtk_label_get_text (form_child (dialog, "status_label")), ==, "Not applicable (withdrawn)");
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (item_row (dialog, "BRS1"))));
  g_assert_false (gtk_widget_is_sensitive (form_child (dialog, "date_row")));
  g_assert_false (gtk_widget_get_visible (form_child (dialog, "missed_button")));
  g_assert_cmpstr (gtk_editable_get_text (form_child (dialog, "date_entry")), ==, "");
  g_assert_false (gtk_widget_has_css_class (form_child (dialog, "date_entry"), "error"));
  g_assert_cmpstr (gtk_button_get_label (form_child (dialog, "cancel_button")), ==, "_Close");
  g_assert_false (can_save (dialog));
  g_assert_true (gtk_widget_has_focus (form_child (dialog, "cancel_button")));
  save_screenshot (GTK_WIDGET (dialog), "visit-form-refused");
}

static void
save_directly (TrellisStudy *study,
               gint64        participant_id,
               gint64        timepoint_id,
               const int    *values)
{
  g_autoptr(TrellisVisitAnswers) answers = trellis_visit_answers_new (participant_id, timepoint_id);
  g_autoptr(GError) error = NULL;

  trellis_visit_answers_set_date (answers, TODAY);
  trellis_visit_answers_set_values (answers, "BRS", values, 6);
  g_assert_true (trellis_study_save_visit (study, answers, &error));
  g_assert_no_error (error);
}

/* The card opens the form of a timepoint with what is on file; Save (not
 * Save and Next) stays on the participant. */
static void
edit_from_card (TrellisWindow *window,
                Study         *s,
                const char    *path)
{
  static const int on_file[] = { 5, 1, 5, 1, 5, TRELLIS_ITEM_UNANSWERED };
  static const int edited[] = { 5, 1, 5, 1, 5, 1 };
  TrellisStudy *study = trellis_window_get_study (window);
  g_autoptr(GError) error = NULL;
  g_autofree char *score = NULL;
  TrellisParticipantCard *card;
  TrellisVisitDialog *dialog;
  GMenuModel *menu;

  save_directly (study, s->ids[0], s->t1, on_file);
  card = trellis_participant_card_new (GTK_WINDOW (window), study, s->ids[0], &error);
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (card));
  iterate_for (100);
  /* One entry per timepoint of the plan, T1 to T4. */
  menu = gtk_menu_button_get_menu_model (child (card, TRELLIS_TYPE_PARTICIPANT_CARD, "enter_data_button"));
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 4);
  save_screenshot (GTK_WIDGET (card), "participant-card-enter-data");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (card), "card.enter-data", "x", s->t1));
  iterate_for (200);
  dialog = TRELLIS_VISIT_DIALOG (find_toplevel_of_type (TRELLIS_TYPE_VISIT_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_label_get_text (form_child (dialog, "status_label")), ==, "Completed");
  g_assert_false (gtk_widget_get_visible (form_child (dialog, "missed_button")));
  g_assert_cmpstr (field_text (dialog, "BRS2"), ==, "1");
  g_assert_cmpstr (score_of (dialog, "BRS"), ==, "Score 5.00 · high");
  g_assert_true (focus_is_in (dialog, "BRS6"));
  type_keys (dialog, "1");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "visit.save", NULL));
  iterate_for (100);
  assert_values (study, s->ids[0], s->t1, edited);
  score = stored_score (path, s->ids[0]);
  g_assert_cmpstr (score, ==, "5.00 6");
  g_assert_cmpint (trellis_visit_dialog_get_participant_id (dialog), ==, s->ids[0]);
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (card));
  iterate_for (50);
}

static gint64
timepoint_id (TrellisStudy *study,
              guint         position)
{
  g_autoptr(TrellisTimepoint) timepoint = g_list_model_get_item (trellis_study_get_timepoints (study), position);

  return trellis_timepoint_get_id (timepoint);
}

/* Closing a form with answers not saved asks first (Escape is window.close). */
static void
check_discard (TrellisVisitDialog *dialog)
{
  AdwMessageDialog *question;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL));
  iterate_for (100);
  question = find_message_dialog ();
  g_assert_nonnull (question);
  g_assert_cmpstr (adw_message_dialog_get_heading (question), ==, "Discard the Answers for P001?");
  save_screenshot (GTK_WIDGET (question), "visit-form-discard");
  respond (question, "cancel");
  g_assert_nonnull (find_toplevel_of_type (TRELLIS_TYPE_VISIT_DIALOG));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL));
  iterate_for (100);
  respond (find_message_dialog (), "discard");
  iterate_for (100);
  g_assert_null (find_toplevel_of_type (TRELLIS_TYPE_VISIT_DIALOG));
}

/* What the store refuses on saving (here a T4 dated before T1) stays in the
 * banner, and the answers stay in the form. */
static void
refused_on_save (TrellisWindow *window,
                 Study         *s)
{
  TrellisVisitDialog *dialog = open_form (window, s->ids[0], timepoint_id (trellis_window_get_study (window), 3));
  const char *message;

  gtk_editable_set_text (form_child (dialog, "date_entry"), "2024-03-01");
  type_keys (dialog, "2");
  g_assert_true (can_save (dialog));
  press_enter (dialog);
  g_assert_true (gtk_revealer_get_reveal_child (form_child (dialog, "banner_revealer")));
  message = gtk_label_get_text (form_child (dialog, "banner_label"));
  g_test_message ("refused: %s", message);
  g_assert_nonnull (strstr (message, "T1"));
  g_assert_cmpint (trellis_visit_dialog_get_participant_id (dialog), ==, s->ids[0]);
  g_assert_cmpstr (field_text (dialog, "BRS1"), ==, "2");
  save_screenshot (GTK_WIDGET (dialog), "visit-form-save-refused");
  check_discard (dialog);
}

/* A visit not completed can be marked missed, and that can be undone. */
static void
mark_missed (TrellisWindow *window,
             Study         *s)
{
  TrellisStudy *study = trellis_window_get_study (window);
  TrellisVisitDialog *dialog = open_form (window, s->ids[3], s->t1);
  g_autoptr(TrellisVisitAnswers) answers = NULL;

  g_assert_true (gtk_widget_get_visible (form_child (dialog, "missed_button")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "visit.mark-missed", NULL));
  iterate_for (100);
  g_assert_cmpstr (gtk_label_get_text (form_child (dialog, "status_label")), ==, "Missed");
  g_assert_false (gtk_widget_get_visible (form_child (dialog, "missed_button")));
  g_assert_true (gtk_widget_get_visible (form_child (dialog, "not_missed_button")));
  answers = trellis_study_load_visit (study, s->ids[3], s->t1, NULL);
  g_assert_true (answers->missed);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "visit.undo-missed", NULL));
  iterate_for (100);
  g_assert_cmpstr (gtk_label_get_text (form_child (dialog, "status_label")), ==, "Due");
  gtk_window_destroy (GTK_WINDOW (dialog));
  iterate_for (50);
}

static void
test_edit_and_miss (Fixture       *fixture,
                    gconstpointer  data)
{
  TrellisWindow *window;
  Study s;

  window = open_study (fixture, &s);
  edit_from_card (window, &s, fixture->path);
  refused_on_save (window, &s);
  mark_missed (window, &s);
}

/* A score imported without its items: the form shows it, read-only, with
 * a line saying so and no items to fill in; saving the form keeps it. */
static void
test_imported_score (Fixture       *fixture,
                     gconstpointer  data)
{
  TrellisWindow *window;
  TrellisVisitDialog *dialog;
  g_autoptr(TrellisParticipant) participant = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *stored = NULL;
  GtkWidget *group;
  GtkWidget *given;
  Study s;

  window = open_study (fixture, &s);
  participant = trellis_study_get_participant (trellis_window_get_study (window), s.ids[0], &error);
  g_assert_no_error (error);
  csv = g_strdup_printf ("participant,timepoint,completed_date,instrument,item,value\n%s,T1,%s,BRS,,3.5\n",
                         trellis_participant_get_code (participant), TODAY);
  bytes = g_bytes_new (csv, strlen (csv));
  g_assert_true (trellis_response_import (trellis_study_get_database (trellis_window_get_study (window)),
                                          "scores.csv", bytes, TRELLIS_RESPONSE_FORM_AUTO, 0, NULL, NULL, NULL,
                                          NULL, NULL, &error));
  g_assert_no_error (error);

  dialog = open_form (window, s.ids[0], s.t1);
  g_assert_cmpstr (score_of (dialog, "BRS"), ==, "Score 3.50 · imported");
  group = find_named (GTK_WIDGET (dialog), ADW_TYPE_PREFERENCES_GROUP, "BRS");
  given = find_named (group, ADW_TYPE_ACTION_ROW, "given_row");
  g_assert_true (gtk_widget_get_visible (given));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (given)), ==,
                   "Imported as a score, with no items");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (item_row (dialog, "BRS1"))));
  save_screenshot (GTK_WIDGET (dialog), "visit-form-imported-score");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "visit.save", NULL));
  iterate_for (200);
  stored = stored_score (fixture->path, s.ids[0]);
  g_assert_cmpstr (stored, ==, "3.50 0");
}

int
main (int   argc,
      char *argv[])
{
  /* Not G_TEST_OPTION_ISOLATE_DIRS, as in test-window.c. */
  g_test_init (&argc, &argv, NULL);
  g_setenv ("TRELLIS_TODAY", TODAY, TRUE);
  gtk_init ();
  adw_init ();

  g_test_add ("/trellis/ui/visit-dialog/keyboard-entry", Fixture, NULL,
              fixture_set_up, test_keyboard_entry, fixture_tear_down);
  g_test_add ("/trellis/ui/visit-dialog/refused", Fixture, NULL,
              fixture_set_up, test_refused, fixture_tear_down);
  g_test_add ("/trellis/ui/visit-dialog/edit-and-miss", Fixture, NULL,
              fixture_set_up, test_edit_and_miss, fixture_tear_down);
  g_test_add ("/trellis/ui/visit-dialog/imported-score", Fixture, NULL,
              fixture_set_up, test_imported_score, fixture_tear_down);

  return g_test_run ();
}
