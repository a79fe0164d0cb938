/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "trellis-audit.h"
#include "trellis-consent-clause.h"
#include "trellis-consent-dialog.h"
#include "trellis-database-private.h"
#include "trellis-participant-card.h"
#include "trellis-participant-dialog.h"
#include "trellis-participant-list.h"
#include "trellis-participants-page.h"
#include "trellis-purge-dialog.h"
#include "trellis-test-utils.h"
#include "trellis-withdrawal-dialog.h"
#include "ui-test-utils.h"

/* A participant's life in the real window: added through the dialog, their
 * card opened from the list, consent recorded with one clause declined, a
 * withdrawal confirmed, their identifiers purged. Each step is checked in the
 * list, on the card and in the audit trail. */

#define DATE_PROBLEM "‘2024-02-30’ is not a date: February 2024 has 29 days"

/* A study with one open cohort and one information sheet, written through the
 * façade because the Cohorts and Consent pages are not under test here. */
static void
write_study (const char *path,
             gboolean    with_cohort)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisStudy) study = trellis_study_create (path, "Resilience coaching", &error);
  g_autoptr(TrellisCohort) cohort = trellis_cohort_new ();
  g_autoptr(TrellisConsentVersion) version = trellis_consent_version_new_standard ("Sheet 1.0", "2024-01-01");

  g_assert_no_error (error);
  trellis_cohort_set_name (cohort, "Midwives, spring 2024");
  trellis_cohort_set_profession_id (cohort, 1);
  if (with_cohort)
    g_assert_true (trellis_study_create_cohort (study, cohort, &error));
  g_assert_true (trellis_study_add_consent_version (study, version, &error));
  g_assert_no_error (error);
}

static TrellisWindow *
open_participants (Fixture    *fixture,
                   const char *path,
                   int         width,
                   int         height)
{
  GSettings *settings = trellis_application_get_settings (fixture->app);
  TrellisWindow *window;

  g_settings_set_int (settings, "window-width", width);
  g_settings_set_int (settings, "window-height", height);
  window = open_study_in (fixture, path);
  g_assert_true (trellis_study_view_show_page (study_view (window), "participants"));
  iterate_for (200);
  return window;
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

/* Types as a person does, one character at a time, after clearing the field. */
static void
type_into (gpointer    editable,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (editable), "");
  for (const char *c = text; *c != '\0'; c = g_utf8_next_char (c))
    {
      int position = -1;

      gtk_editable_insert_text (GTK_EDITABLE (editable), c, g_utf8_next_char (c) - c, &position);
      gtk_editable_set_position (GTK_EDITABLE (editable), -1);
    }
  iterate_for (20);
}

static void
click (gpointer button)
{
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  iterate_for (100);
}

static gboolean
toplevel_shown (gpointer type)
{
  return find_toplevel_of_type (GPOINTER_TO_SIZE (type)) != NULL;
}

static gpointer
wait_for_toplevel (GType type)
{
  g_assert_true (iterate_until (toplevel_shown, GSIZE_TO_POINTER (type)));
  iterate_for (100);
  return find_toplevel_of_type (type);
}

static gboolean
toplevel_gone (gpointer type)
{
  return find_toplevel_of_type (GPOINTER_TO_SIZE (type)) == NULL;
}

static void
wait_until_closed (GType type)
{
  g_assert_true (iterate_until (toplevel_gone, GSIZE_TO_POINTER (type)));
}

static const char *
subtitle_of (gpointer widget,
             GType    type,
             const char *name)
{
  return adw_action_row_get_subtitle (child (widget, type, name));
}

static void
assert_audit_verifies (TrellisWindow *window)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (trellis_audit_verify (trellis_study_get_database (trellis_window_get_study (window)), &error));
  g_assert_no_error (error);
}

static gboolean
is_add_button (GtkWidget *widget)
{
  return g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), TRELLIS_PARTICIPANTS_ACTION_ADD) == 0;
}

static TrellisParticipantDialog *
open_add_dialog (TrellisWindow *window)
{
  GtkWidget *stack_page = gtk_stack_get_visible_child (page_child (window, "stack"));
  GtkWidget *add = find_descendant (stack_page, GTK_TYPE_BUTTON, is_add_button);

  g_assert_nonnull (add);
  click (add);
  return wait_for_toplevel (TRELLIS_TYPE_PARTICIPANT_DIALOG);
}

#define DIALOG(name) child (dialog, TRELLIS_TYPE_PARTICIPANT_DIALOG, name)

/* The first participant takes the generated code the placeholder promised. */
static void
add_first (TrellisWindow *window)
{
  TrellisParticipantDialog *dialog = open_add_dialog (window);

  g_assert_cmpstr (gtk_entry_get_placeholder_text (DIALOG ("code_entry")), ==, "P001");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (DIALOG ("stack")), ==, "form");
  type_into (DIALOG ("baseline_entry"), "2024-02-30");
  g_assert_cmpstr (subtitle_of (dialog, TRELLIS_TYPE_PARTICIPANT_DIALOG, "baseline_row"), ==, DATE_PROBLEM);
  g_assert_false (gtk_widget_get_sensitive (DIALOG ("save_button")));
  save_screenshot (GTK_WIDGET (dialog), "participant-add-invalid");
  type_into (DIALOG ("baseline_entry"), "2024-03-04");
  g_assert_true (gtk_widget_get_sensitive (DIALOG ("save_button")));
  click (DIALOG ("save_button"));
  wait_until_closed (TRELLIS_TYPE_PARTICIPANT_DIALOG);
  iterate_for (300);
  g_assert_cmpuint (g_list_model_get_n_items (participant_rows (window)), ==, 1);
}

/* A detail only the store refuses (a name longer than the field holds)
 * leaves no participant behind: the form stays the add form, with the
 * message, so nothing typed is lost and nothing is half-saved. */
static void
add_refused (TrellisWindow *window)
{
  TrellisParticipantDialog *dialog = open_add_dialog (window);
  g_autofree char *long_name = g_strnfill (1001, 'a');

  type_into (DIALOG ("name_row"), long_name);
  g_assert_true (gtk_widget_get_sensitive (DIALOG ("save_button")));
  click (DIALOG ("save_button"));
  iterate_for (300);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Add Participant");
  g_assert_true (gtk_widget_get_visible (DIALOG ("error_label")));
  g_assert_cmpstr (gtk_label_get_text (DIALOG ("error_label")), ==,
                   "P002, contact name: must be text of at most 1000 characters");
  g_assert_cmpuint (g_list_model_get_n_items (participant_rows (window)), ==, 1);
  gtk_window_destroy (GTK_WINDOW (dialog));
  wait_until_closed (TRELLIS_TYPE_PARTICIPANT_DIALOG);
}

/* “ p001 ” is P001, so the second participant needs a code of their own. */
static void
add_second (TrellisWindow *window)
{
  TrellisParticipantDialog *dialog = open_add_dialog (window);

  g_assert_cmpstr (gtk_entry_get_placeholder_text (DIALOG ("code_entry")), ==, "P002");
  type_into (DIALOG ("code_entry"), " p001 ");
  g_assert_cmpstr (subtitle_of (dialog, TRELLIS_TYPE_PARTICIPANT_DIALOG, "code_row"), ==,
                   "There is already a participant P001 in the study");
  g_assert_false (gtk_widget_get_sensitive (DIALOG ("save_button")));
  type_into (DIALOG ("code_entry"), "p017");
  type_into (DIALOG ("baseline_entry"), "2024-03-05");
  type_into (DIALOG ("name_row"), "Ada Lovelace");
  type_into (DIALOG ("email_row"), "ada.example.org");
  g_assert_false (gtk_widget_get_sensitive (DIALOG ("save_button")));
  type_into (DIALOG ("email_row"), "ada@example.org");
  type_into (DIALOG ("phone_row"), "+44 20 7946 0000");
  g_assert_true (gtk_widget_get_sensitive (DIALOG ("save_button")));
  save_screenshot (GTK_WIDGET (dialog), "participant-add");
  click (DIALOG ("save_button"));
  wait_until_closed (TRELLIS_TYPE_PARTICIPANT_DIALOG);
  iterate_for (300);
  g_assert_cmpuint (g_list_model_get_n_items (participant_rows (window)), ==, 2);
  g_assert_cmpstr (gtk_label_get_text (page_child (window, "count_label")), ==, "2 participants");
}

#undef DIALOG

static guint
position_of (TrellisWindow *window,
             const char    *code)
{
  GListModel *rows = participant_rows (window);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(TrellisParticipantRow) row = g_list_model_get_item (rows, i);

      if (g_strcmp0 (trellis_participant_row_get_code (row), code) == 0)
        return i;
    }
  g_assert_not_reached ();
}

static TrellisParticipantRow *
row_of (TrellisWindow *window,
        const char    *code)
{
  return g_list_model_get_item (participant_rows (window), position_of (window, code));
}

/* Enter or a double-click on a row: GtkColumnView's "activate". */
static TrellisParticipantCard *
open_card (TrellisWindow *window,
           const char    *code)
{
  g_signal_emit_by_name (page_child (window, "column_view"), "activate", position_of (window, code));
  return wait_for_toplevel (TRELLIS_TYPE_PARTICIPANT_CARD);
}

#define CARD(name) child (card, TRELLIS_TYPE_PARTICIPANT_CARD, name)

/* The card of P017 as added: contact details shown here only, no consent yet. */
static void
check_new_card (TrellisParticipantCard *card)
{
  g_assert_cmpstr (gtk_label_get_text (CARD ("code_label")), ==, "P017");
  g_assert_cmpstr (gtk_label_get_text (CARD ("cohort_label")), ==, "Midwives, spring 2024");
  g_assert_cmpstr (gtk_label_get_text (CARD ("consent_label")), ==, "No consent");
  g_assert_cmpstr (subtitle_of (card, TRELLIS_TYPE_PARTICIPANT_CARD, "name_row"), ==, "Ada Lovelace");
  g_assert_cmpstr (subtitle_of (card, TRELLIS_TYPE_PARTICIPANT_CARD, "email_row"), ==, "ada@example.org");
  g_assert_cmpstr (subtitle_of (card, TRELLIS_TYPE_PARTICIPANT_CARD, "baseline_row"), ==, "2024-03-05");
  g_assert_null (gtk_list_box_get_row_at_index (CARD ("consent_list"), 0));
  g_assert_false (gtk_widget_get_visible (CARD ("withdrawal_group")));
}

/* Edit on the card: the same form, without the code, filled in. */
static void
edit_contact (TrellisParticipantCard *card)
{
  TrellisParticipantDialog *dialog;

  click (CARD ("edit_button"));
  dialog = wait_for_toplevel (TRELLIS_TYPE_PARTICIPANT_DIALOG);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Edit P017");
  g_assert_false (gtk_widget_get_visible (child (dialog, TRELLIS_TYPE_PARTICIPANT_DIALOG, "code_row")));
  g_assert_cmpstr (gtk_editable_get_text (child (dialog, TRELLIS_TYPE_PARTICIPANT_DIALOG, "name_row")), ==,
                   "Ada Lovelace");
  type_into (child (dialog, TRELLIS_TYPE_PARTICIPANT_DIALOG, "notes_row"), "Prefers email");
  click (child (dialog, TRELLIS_TYPE_PARTICIPANT_DIALOG, "save_button"));
  wait_until_closed (TRELLIS_TYPE_PARTICIPANT_DIALOG);
  iterate_for (200);
  g_assert_cmpstr (subtitle_of (card, TRELLIS_TYPE_PARTICIPANT_CARD, "notes_row"), ==, "Prefers email");
  g_assert_cmpstr (subtitle_of (card, TRELLIS_TYPE_PARTICIPANT_CARD, "name_row"), ==, "Ada Lovelace");
}

static GtkSwitch *
clause_switch (TrellisConsentDialog *dialog,
               const char           *title)
{
  GtkWidget *group = child (dialog, TRELLIS_TYPE_CONSENT_DIALOG, "clauses_group");

  for (GtkWidget *w = find_descendant (group, ADW_TYPE_ACTION_ROW, NULL); w != NULL;
       w = gtk_widget_get_next_sibling (w))
    if (ADW_IS_ACTION_ROW (w) && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (w)), title) == 0)
      return GTK_SWITCH (find_descendant (w, GTK_TYPE_SWITCH, NULL));
  g_assert_not_reached ();
}

#define CONSENT(name) child (dialog, TRELLIS_TYPE_CONSENT_DIALOG, name)

/* The form refuses a date before the sheet with the rule's own words. */
static void
record_consent (TrellisParticipantCard *card)
{
  TrellisConsentDialog *dialog;

  click (CARD ("consent_button"));
  dialog = wait_for_toplevel (TRELLIS_TYPE_CONSENT_DIALOG);
  type_into (CONSENT ("date_entry"), "2023-12-01");
  g_assert_cmpstr (subtitle_of (dialog, TRELLIS_TYPE_CONSENT_DIALOG, "date_row"), ==,
                   "Consent dated 2023-12-01 is before information sheet “Sheet 1.0”, dated 2024-01-01");
  g_assert_false (gtk_widget_get_sensitive (CONSENT ("record_button")));
  type_into (CONSENT ("date_entry"), "2024-03-05");
  type_into (CONSENT ("taken_by_row"), "J. Hughes");
  gtk_switch_set_active (clause_switch (dialog, "Video recording"), FALSE);
  g_assert_true (gtk_widget_get_sensitive (CONSENT ("record_button")));
  save_screenshot (GTK_WIDGET (dialog), "consent-record");
  click (CONSENT ("record_button"));
  wait_until_closed (TRELLIS_TYPE_CONSENT_DIALOG);
  iterate_for (300);
}

#undef CONSENT

static void
check_consented_card (TrellisWindow          *window,
                      TrellisParticipantCard *card)
{
  g_autoptr(TrellisParticipantRow) row = row_of (window, "P017");
  GtkListBoxRow *history = gtk_list_box_get_row_at_index (CARD ("consent_list"), 0);
  TrellisParticipant *participant = trellis_participant_card_get_participant (card);
  g_autoptr(TrellisConsentRecord) record = g_list_model_get_item (trellis_participant_get_consents (participant), 0);
  gboolean video = TRUE, take_part = FALSE;

  g_assert_cmpstr (gtk_label_get_text (CARD ("status_label")), ==, "Active");
  g_assert_cmpstr (gtk_label_get_text (CARD ("consent_label")), ==, "Consented");
  g_assert_nonnull (history);
  g_assert_null (gtk_list_box_get_row_at_index (CARD ("consent_list"), 1));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (history)), ==, "Sheet 1.0");
  g_assert_true (trellis_consent_answers_get (trellis_consent_record_get_answers (record), "video", &video));
  g_assert_false (video);
  g_assert_true (trellis_consent_answers_get (trellis_consent_record_get_answers (record), "take_part", &take_part));
  g_assert_true (take_part);
  /* The list behind the card shows the same. */
  g_assert_cmpint (trellis_participant_row_get_consent_state (row), ==, TRELLIS_CONSENT_STATE_GIVEN);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (history), TRUE);
  /* Scrolls the history into view for the screenshot. */
  iterate_for (300);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (
      GTK_SCROLLED_WINDOW (find_descendant (GTK_WIDGET (card), GTK_TYPE_SCROLLED_WINDOW, NULL))), 260);
  save_screenshot (GTK_WIDGET (card), "participant-card");
}

/* The only kind that allows a purge; the confirmation says what it means and
 * that the participant stays counted. */
static void
withdraw (TrellisParticipantCard *card)
{
  TrellisWithdrawalDialog *dialog;
  AdwMessageDialog *confirm;

  click (CARD ("withdraw_button"));
  dialog = wait_for_toplevel (TRELLIS_TYPE_WITHDRAWAL_DIALOG);
  adw_combo_row_set_selected (child (dialog, TRELLIS_TYPE_WITHDRAWAL_DIALOG, "kind_row"), 2);
  type_into (child (dialog, TRELLIS_TYPE_WITHDRAWAL_DIALOG, "date_entry"), "2024-05-03");
  type_into (child (dialog, TRELLIS_TYPE_WITHDRAWAL_DIALOG, "reason_row"), "Moved abroad");
  save_screenshot (GTK_WIDGET (dialog), "withdraw-form");
  click (child (dialog, TRELLIS_TYPE_WITHDRAWAL_DIALOG, "withdraw_button"));
  confirm = wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_cmpstr (adw_message_dialog_get_heading (confirm), ==, "Withdraw P017: Data destruction requested?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (confirm), "asked for their data to be destroyed"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (confirm), "P017 stays in the register and in every count"));
  save_screenshot (GTK_WIDGET (confirm), "withdraw-confirm");
  respond (confirm, "withdraw");
  wait_until_closed (TRELLIS_TYPE_WITHDRAWAL_DIALOG);
  iterate_for (300);
}

/* Nothing that would record data stays offered. */
static void
check_withdrawn_card (TrellisWindow          *window,
                      TrellisParticipantCard *card)
{
  g_autoptr(TrellisParticipantRow) row = row_of (window, "P017");

  g_assert_cmpstr (gtk_label_get_text (CARD ("status_label")), ==, "Withdrawn");
  g_assert_true (gtk_widget_get_visible (CARD ("withdrawal_group")));
  g_assert_cmpstr (adw_preferences_row_get_title (CARD ("withdrawal_row")), ==, "Data destruction requested");
  g_assert_true (g_str_has_prefix (subtitle_of (card, TRELLIS_TYPE_PARTICIPANT_CARD, "withdrawal_row"),
                                   "Effective 2024-05-03. Reason: Moved abroad."));
  g_assert_false (gtk_widget_get_sensitive (CARD ("consent_button")));
  g_assert_false (gtk_widget_get_sensitive (CARD ("edit_button")));
  g_assert_false (gtk_widget_get_sensitive (CARD ("lost_button")));
  g_assert_false (gtk_widget_is_visible (CARD ("withdraw_button")));
  g_assert_true (gtk_widget_get_sensitive (CARD ("purge_button")));
  g_assert_cmpint (trellis_participant_row_get_status (row), ==, TRELLIS_PARTICIPANT_STATUS_WITHDRAWN);
  /* Withdrawn participants stay in the register. */
  g_assert_cmpuint (g_list_model_get_n_items (participant_rows (window)), ==, 2);
  save_screenshot (GTK_WIDGET (card), "participant-withdrawn");
}

static void
purge (TrellisWindow          *window,
       TrellisParticipantCard *card)
{
  TrellisPurgeDialog *dialog;
  TrellisParticipant *participant;

  g_assert_true (trellis_study_set_destruction_policy (trellis_window_get_study (window),
                                                       TRELLIS_DESTRUCTION_POLICY_IDENTIFIERS_AND_DATA, NULL));
  click (CARD ("purge_button"));
  dialog = wait_for_toplevel (TRELLIS_TYPE_PURGE_DIALOG);
  /* Under this policy the answers go too, and the dialog says so. */
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Purge the Identifiers and Research Data of P017?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                            "and so is their research data, as this study’s policy asks: every questionnaire answer"));
  g_assert_null (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "answers stay"));
  g_assert_cmpstr (adw_message_dialog_get_response_label (ADW_MESSAGE_DIALOG (dialog), "purge"), ==,
                   "_Purge Identifiers and Data");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "purge"));
  type_into (child (dialog, TRELLIS_TYPE_PURGE_DIALOG, "reason_entry"), "Participant's request of 3 May");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "purge"));
  save_screenshot (GTK_WIDGET (dialog), "purge-confirm");
  respond (ADW_MESSAGE_DIALOG (dialog), "purge");
  iterate_for (300);

  participant = trellis_participant_card_get_participant (card);
  g_assert_nonnull (trellis_participant_get_withdrawal_purged (participant));
  g_assert_cmpstr (subtitle_of (card, TRELLIS_TYPE_PARTICIPANT_CARD, "name_row"), ==, "—");
  g_assert_cmpstr (subtitle_of (card, TRELLIS_TYPE_PARTICIPANT_CARD, "email_row"), ==, "—");
  g_assert_true (g_str_has_prefix (subtitle_of (card, TRELLIS_TYPE_PARTICIPANT_CARD, "purge_row"), "Purged on "));
  g_assert_true (g_str_has_suffix (subtitle_of (card, TRELLIS_TYPE_PARTICIPANT_CARD, "purge_row"),
                                   ", with their research data"));
  g_assert_nonnull (trellis_participant_get_research_data_purged (participant));
  g_assert_false (gtk_widget_get_visible (CARD ("purge_button")));
  save_screenshot (GTK_WIDGET (card), "participant-purged");
  assert_audit_verifies (window);
}

static void
test_lifecycle (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = temp_path (fixture, "Register.trellis");
  TrellisParticipantCard *card;
  TrellisWindow *window;

  write_study (path, TRUE);
  window = open_participants (fixture, path, 1280, 800);
  add_first (window);
  add_refused (window);
  add_second (window);
  assert_audit_verifies (window);

  card = open_card (window, "P017");
  check_new_card (card);
  edit_contact (card);
  record_consent (card);
  check_consented_card (window, card);
  assert_audit_verifies (window);

  withdraw (card);
  check_withdrawn_card (window, card);
  assert_audit_verifies (window);
  purge (window, card);
  gtk_window_destroy (GTK_WINDOW (card));
  close_all_windows (GTK_APPLICATION (fixture->app));
  remove_study (path);
}

/* With no cohort, the dialog says what to do first instead of a form that
 * cannot be saved. */
static void
test_no_cohorts (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *path = temp_path (fixture, "No cohorts.trellis");
  TrellisParticipantDialog *dialog;
  TrellisWindow *window;

  write_study (path, FALSE);
  window = open_participants (fixture, path, 1280, 800);
  dialog = open_add_dialog (window);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (dialog, TRELLIS_TYPE_PARTICIPANT_DIALOG, "stack")), ==,
                   "no-cohorts");
  g_assert_false (gtk_widget_get_visible (child (dialog, TRELLIS_TYPE_PARTICIPANT_DIALOG, "save_button")));
  save_screenshot (GTK_WIDGET (dialog), "participant-add-no-cohorts");
  gtk_window_destroy (GTK_WINDOW (dialog));
  close_all_windows (GTK_APPLICATION (fixture->app));
  remove_study (path);
}

/* A phone-sized window: the dialog and the card fold their rows, nothing is cut off. */
static void
test_narrow (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *path = temp_path (fixture, "Narrow.trellis");
  TrellisParticipantDialog *dialog;
  TrellisParticipantCard *card;
  TrellisWindow *window;

  write_study (path, TRUE);
  window = open_participants (fixture, path, 400, 700);
  add_first (window);
  dialog = open_add_dialog (window);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 360, 640);
  type_into (child (dialog, TRELLIS_TYPE_PARTICIPANT_DIALOG, "code_entry"), "P001");
  save_screenshot (GTK_WIDGET (dialog), "participant-add-narrow");
  gtk_window_destroy (GTK_WINDOW (dialog));

  card = open_card (window, "P001");
  gtk_window_set_default_size (GTK_WINDOW (card), 360, 700);
  save_screenshot (GTK_WIDGET (card), "participant-card-narrow");
  gtk_window_destroy (GTK_WINDOW (card));
  close_all_windows (GTK_APPLICATION (fixture->app));
  remove_study (path);
}

static gboolean
is_list_add_button (GtkWidget *widget)
{
  return is_add_button (widget) && gtk_widget_get_mapped (widget);
}

static void
add_participant_to (const char *path,
                    const char *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisStudy) study = trellis_study_open (path, 0, &error);
  g_autoptr(TrellisCohort) cohort = NULL;

  g_assert_no_error (error);
  cohort = g_list_model_get_item (trellis_study_get_cohorts (study), 0);
  g_assert_cmpint (trellis_study_add_participant (study, code, trellis_cohort_get_id (cohort), NULL, &error), >, 0);
  g_assert_no_error (error);
}

/* A read-only study: the card opens, but offers no change at all. */
static void
test_read_only (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = temp_path (fixture, "Archived.trellis");
  TrellisParticipantCard *card;
  TrellisWindow *window;

  write_study (path, TRUE);
  add_participant_to (path, "P001");
  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  window = open_participants (fixture, path, 1280, 800);
  g_assert_true (trellis_study_is_read_only (trellis_window_get_study (window)));
  g_assert_false (gtk_widget_get_sensitive (find_descendant (GTK_WIDGET (participants_page (window)),
                                                             GTK_TYPE_BUTTON, is_list_add_button)));

  card = open_card (window, "P001");
  g_assert_cmpstr (gtk_label_get_text (CARD ("code_label")), ==, "P001");
  g_assert_false (gtk_widget_get_sensitive (CARD ("edit_button")));
  g_assert_false (gtk_widget_get_sensitive (CARD ("consent_button")));
  g_assert_false (gtk_widget_get_sensitive (CARD ("lost_button")));
  g_assert_false (gtk_widget_get_sensitive (CARD ("withdraw_button")));
  save_screenshot (GTK_WIDGET (card), "participant-card-read-only");
  gtk_window_destroy (GTK_WINDOW (card));
  close_all_windows (GTK_APPLICATION (fixture->app));
  g_chmod (path, 0644);
  remove_study (path);
}

/* The label under ROOT that shows TEXT, if any: toasts have no other way in. */
static GtkWidget *
find_label (GtkWidget  *root,
            const char *text)
{
  for (GtkWidget *it = gtk_widget_get_first_child (root); it != NULL; it = gtk_widget_get_next_sibling (it))
    {
      GtkWidget *found;

      if (GTK_IS_LABEL (it) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (it)), text) == 0)
        return it;
      if ((found = find_label (it, text)) != NULL)
        return found;
    }
  return NULL;
}

/* A card whose participant can no longer be read says so to the person, and
 * offers nothing that would act on what it last showed. */
static void
test_reload_fails (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = temp_path (fixture, "Gone.trellis");
  TrellisParticipantCard *card;
  TrellisWindow *window;
  TrellisStudy *study;

  write_study (path, TRUE);
  add_participant_to (path, "P001");
  window = open_participants (fixture, path, 1280, 800);
  card = open_card (window, "P001");
  g_assert_true (gtk_widget_get_sensitive (CARD ("edit_button")));

  /* Another program removed the row behind the study's back. */
  study = trellis_window_get_study (window);
  g_assert_cmpint (sqlite3_exec (trellis_database_get_handle (trellis_study_get_database (study)),
                                 "DELETE FROM participant WHERE code = 'P001'", NULL, NULL, NULL), ==, SQLITE_OK);
  trellis_study_emit_register_changed (study);
  iterate_for (200);

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (card)));
  g_assert_nonnull (find_label (GTK_WIDGET (card), "This card cannot be read again and shows P001 as last read: "
                                                   "That participant is no longer in the study"));
  g_assert_false (gtk_widget_get_sensitive (CARD ("edit_button")));
  g_assert_false (gtk_widget_get_sensitive (CARD ("consent_button")));
  g_assert_false (gtk_widget_get_sensitive (CARD ("withdraw_button")));
  save_screenshot (GTK_WIDGET (card), "participant-card-unreadable");
  gtk_window_destroy (GTK_WINDOW (card));
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

  g_test_add ("/trellis/ui/participant-card/lifecycle", Fixture, NULL,
              fixture_set_up, test_lifecycle, fixture_tear_down);
  g_test_add ("/trellis/ui/participant-card/no-cohorts", Fixture, NULL,
              fixture_set_up, test_no_cohorts, fixture_tear_down);
  g_test_add ("/trellis/ui/participant-card/narrow", Fixture, NULL,
              fixture_set_up, test_narrow, fixture_tear_down);
  g_test_add ("/trellis/ui/participant-card/read-only", Fixture, NULL,
              fixture_set_up, test_read_only, fixture_tear_down);
  g_test_add ("/trellis/ui/participant-card/reload-fails", Fixture, NULL,
              fixture_set_up, test_reload_fails, fixture_tear_down);

  return g_test_run ();
}
