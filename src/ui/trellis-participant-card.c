/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-consent-clause.h"
#include "trellis-consent-dialog.h"
#include "trellis-consent-state.h"
#include "trellis-form-util.h"
#include "trellis-participant-card.h"
#include "trellis-participant-dialog.h"
#include "trellis-participant-schedule.h"
#include "trellis-purge-dialog.h"
#include "trellis-visit-dialog.h"
#include "trellis-withdrawal-dialog.h"

/* A participant's card. It reads the participant again whenever the register
 * changes, so every action (here or in a dialog it opens) shows at once, and
 * it offers only what the rules allow: after a withdrawal nothing that would
 * record data, in a read-only study nothing at all. */
struct _TrellisParticipantCard
{
  AdwWindow parent_instance;

  TrellisStudy *study;
  TrellisParticipant *participant;
  gint64 participant_id;

  AdwToast *last_toast;        /* weak: shown until dismissed or replaced */
  AdwToastOverlay *toast_overlay;
  AdwWindowTitle *window_title;
  GtkMenuButton *enter_data_button;
  GtkLabel *code_label;
  GtkLabel *cohort_label;
  GtkLabel *status_label;
  GtkLabel *consent_label;
  GtkWidget *withdrawal_group;
  AdwActionRow *withdrawal_row;
  AdwActionRow *purge_row;
  AdwActionRow *cohort_row;
  AdwActionRow *baseline_row;
  AdwActionRow *created_row;
  AdwActionRow *follow_up_row;
  GtkWidget *lost_button;
  GtkWidget *found_button;
  AdwActionRow *name_row;
  AdwActionRow *email_row;
  AdwActionRow *phone_row;
  AdwActionRow *notes_row;
  GtkWidget *consent_button;
  GtkListBox *consent_list;
  TrellisParticipantSchedule *schedule_group;
  GtkWidget *withdraw_group;
  GtkWidget *purge_button;
};

G_DEFINE_FINAL_TYPE (TrellisParticipantCard, trellis_participant_card, ADW_TYPE_WINDOW)

/* Messages here can be long (a purge's, a file error's): the title wraps
 * rather than cutting off the part that says what to do. */
static void
toast (TrellisParticipantCard *self,
       const char             *message)
{
  AdwToast *t = adw_toast_new (message);
  GtkWidget *title = gtk_label_new (message);

  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  adw_toast_set_custom_title (t, title);

  /* A newer message replaces the last one rather than queueing behind it. */
  if (self->last_toast != NULL)
    adw_toast_dismiss (self->last_toast);
  g_set_weak_pointer (&self->last_toast, t);
  adw_toast_set_timeout (t, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

/* ---- Small pieces ---- */

static void
set_pill (GtkLabel   *label,
          const char *text,
          const char *tone)
{
  const char *classes[] = { "consent-pill", tone, NULL };

  gtk_label_set_text (label, text);
  gtk_widget_set_css_classes (GTK_WIDGET (label), classes);
}

static GtkWidget *
new_pill (const char *text,
          const char *tone)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  set_pill (GTK_LABEL (label), text, tone);
  return label;
}

static const char *
status_tone (int status)
{
  switch (status)
    {
    case TRELLIS_PARTICIPANT_STATUS_ACTIVE:
    case TRELLIS_PARTICIPANT_STATUS_COMPLETED:
      return "success";
    case TRELLIS_PARTICIPANT_STATUS_WITHDRAWN:
      return "error";
    case TRELLIS_PARTICIPANT_STATUS_LOST_TO_FOLLOW_UP:
      return "warning";
    default:
      return "none";
    }
}

static const char *
consent_tone (int state)
{
  static const char *const tones[] = {
    [TRELLIS_CONSENT_STATE_NONE] = "none",
    [TRELLIS_CONSENT_STATE_GIVEN] = "success",
    [TRELLIS_CONSENT_STATE_DECLINED] = "error",
    [TRELLIS_CONSENT_STATE_RECONSENT_NEEDED] = "warning",
  };

  return state >= 0 && state < (int) G_N_ELEMENTS (tones) ? tones[state] : "none";
}

/* An empty value reads as a dash, so the row does not look broken. */
static void
set_value (AdwActionRow *row,
           const char   *value)
{
  gboolean empty = value == NULL || *value == '\0';

  adw_action_row_set_subtitle (row, empty ? "—" : value);
}

/* A stored UTC timestamp (when a participant was added, when identifiers were
 * purged) in local time to the minute: microseconds mean nothing to a person. */
static char *
format_timestamp (const char *stamp)
{
  g_autoptr(GDateTime) utc = stamp != NULL ? g_date_time_new_from_iso8601 (stamp, NULL) : NULL;
  g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;

  return local != NULL ? g_date_time_format (local, "%Y-%m-%d %H:%M") : g_strdup (stamp);
}

/* ---- Consent history ---- */

static TrellisConsentVersion *
find_version (TrellisParticipantCard *self,
              gint64                  version_id)
{
  GListModel *versions = trellis_study_get_consent_versions (self->study);

  for (guint i = 0; i < g_list_model_get_n_items (versions); i++)
    {
      g_autoptr(TrellisConsentVersion) version = g_list_model_get_item (versions, i);

      if (trellis_consent_version_get_id (version) == version_id)
        return g_steal_pointer (&version);
    }
  return NULL;
}

static void
add_answer_row (AdwExpanderRow *expander,
                const char     *key,
                GHashTable     *answers)
{
  GtkWidget *row = adw_action_row_new ();
  gboolean yes = FALSE;
  gboolean answered = trellis_consent_answers_get (answers, key, &yes);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), trellis_consent_clause_label_for_key (key));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             new_pill (!answered ? _("Not asked") : yes ? _("Yes") : _("No"),
                                       !answered ? "none" : yes ? "success" : "error"));
  adw_expander_row_add_row (expander, row);
}

static int
compare_keys (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

/* Each clause in the order of its information sheet; a sheet no longer in the
 * study (never expected) leaves its answers in key order. */
static void
add_answer_rows (TrellisParticipantCard *self,
                 AdwExpanderRow         *expander,
                 TrellisConsentRecord   *record)
{
  g_autoptr(TrellisConsentVersion) version = find_version (self, trellis_consent_record_get_version_id (record));
  GHashTable *answers = trellis_consent_record_get_answers (record);
  g_autofree const char **sorted = NULL;
  const char *const *keys;

  if (version != NULL)
    keys = trellis_consent_version_get_clause_keys (version);
  else
    {
      sorted = (const char **) g_hash_table_get_keys_as_array (answers, NULL);
      g_qsort_with_data (sorted, g_strv_length ((char **) sorted), sizeof (char *), compare_keys, NULL);
      keys = sorted;
    }
  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    add_answer_row (expander, keys[i], answers);
}

static GtkWidget *
new_consent_row (TrellisParticipantCard *self,
                 TrellisConsentRecord   *record,
                 gboolean                current)
{
  GtkWidget *row = adw_expander_row_new ();
  g_autofree char *subtitle = g_strdup_printf (_("%s, taken by %s"), trellis_consent_record_get_date (record),
                                               trellis_consent_record_get_taken_by (record));
  gboolean takes_part = trellis_consent_record_get_takes_part (record);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), trellis_consent_record_get_version_label (record));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  if (!takes_part)
    adw_expander_row_add_action (ADW_EXPANDER_ROW (row), new_pill (_("Declined"), "error"));
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row),
                               new_pill (current ? _("Current") : _("Superseded"), current ? "accent" : "none"));
  add_answer_rows (self, ADW_EXPANDER_ROW (row), record);
  return row;
}

/* Newest first: the one in force is the one people look for. */
static void
sync_consents (TrellisParticipantCard *self)
{
  GListModel *consents = trellis_participant_get_consents (self->participant);
  guint n = consents != NULL ? g_list_model_get_n_items (consents) : 0;
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (self->consent_list, 0)) != NULL)
    gtk_list_box_remove (self->consent_list, GTK_WIDGET (row));
  for (guint i = n; i > 0; i--)
    {
      g_autoptr(TrellisConsentRecord) record = g_list_model_get_item (consents, i - 1);

      gtk_list_box_append (self->consent_list, new_consent_row (self, record, i == n));
    }
}

/* ---- The rest of the card ---- */

static void
sync_header (TrellisParticipantCard *self)
{
  TrellisParticipant *p = self->participant;

  adw_window_title_set_title (self->window_title, trellis_participant_get_code (p));
  adw_window_title_set_subtitle (self->window_title, trellis_participant_get_cohort_name (p));
  gtk_label_set_text (self->code_label, trellis_participant_get_code (p));
  gtk_label_set_text (self->cohort_label, trellis_participant_get_cohort_name (p));
  set_pill (self->status_label, trellis_participant_get_status_label (p),
            status_tone (trellis_participant_get_status (p)));
  set_pill (self->consent_label, trellis_participant_get_consent_state_label (p),
            consent_tone (trellis_participant_get_consent_state (p)));
}

static void
sync_details (TrellisParticipantCard *self)
{
  TrellisParticipant *p = self->participant;
  const char *lost = trellis_participant_get_lost_date (p);
  g_autofree char *follow_up = lost != NULL ? g_strdup_printf (_("Lost to follow-up since %s"), lost)
                                            : g_strdup (_("In follow-up"));
  g_autofree char *created = format_timestamp (trellis_participant_get_created (p));

  set_value (self->cohort_row, trellis_participant_get_cohort_name (p));
  set_value (self->baseline_row, trellis_participant_get_baseline_date (p));
  set_value (self->created_row, created);
  adw_action_row_set_subtitle (self->follow_up_row, follow_up);
  gtk_widget_set_visible (self->lost_button, lost == NULL);
  gtk_widget_set_visible (self->found_button, lost != NULL);
  set_value (self->name_row, trellis_participant_get_contact_name (p));
  set_value (self->email_row, trellis_participant_get_contact_email (p));
  set_value (self->phone_row, trellis_participant_get_contact_phone (p));
  set_value (self->notes_row, trellis_participant_get_contact_notes (p));
}

/* What the withdrawal means stays in view, with the promise that the
 * participant is still counted. */
static void
sync_withdrawal (TrellisParticipantCard *self)
{
  TrellisParticipant *p = self->participant;
  gboolean withdrawn = trellis_participant_get_withdrawn (p);
  const char *reason = trellis_participant_get_withdrawal_reason (p);
  const char *purged = trellis_participant_get_withdrawal_purged (p);
  g_autofree char *subtitle = NULL;
  g_autofree char *purge_text = NULL;
  g_autofree char *when = NULL;

  gtk_widget_set_visible (self->withdrawal_group, withdrawn);
  if (!withdrawn)
    return;
  subtitle = g_strdup_printf (_("Effective %s. Reason: %s. They stay in the register and in every count."),
                              trellis_participant_get_withdrawal_date (p),
                              reason != NULL && *reason != '\0' ? reason : _("none given"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->withdrawal_row),
                                 trellis_participant_get_withdrawal_kind_label (p));
  adw_action_row_set_subtitle (self->withdrawal_row, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->purge_row),
                          trellis_participant_get_withdrawal_kind (p) == TRELLIS_WITHDRAWAL_DATA_DESTRUCTION);
  when = format_timestamp (purged);
  if (purged == NULL)
    purge_text = g_strdup (_("Still held: the participant asked for them to be destroyed"));
  else if (trellis_participant_get_research_data_purged (p) != NULL)
    purge_text = g_strdup_printf (_("Purged on %s, with their research data"), when);
  else
    purge_text = g_strdup_printf (_("Purged on %s"), when);
  adw_action_row_set_subtitle (self->purge_row, purge_text);
}

static void
enable (TrellisParticipantCard *self,
        const char             *action,
        gboolean                enabled)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), action, enabled);
}

static void
sync_actions (TrellisParticipantCard *self)
{
  TrellisParticipant *p = self->participant;
  gboolean writable = !trellis_study_is_read_only (self->study);
  gboolean withdrawn = trellis_participant_get_withdrawn (p);
  gboolean destruction = withdrawn && trellis_participant_get_withdrawal_kind (p) == TRELLIS_WITHDRAWAL_DATA_DESTRUCTION;
  gboolean lost = trellis_participant_get_lost_date (p) != NULL;
  g_autoptr(GError) refusal = NULL;
  gboolean can_record = trellis_participant_check_can_record (p, &refusal);

  enable (self, "card.edit", writable && can_record);
  enable (self, "card.record-consent", writable && !withdrawn);
  enable (self, "card.mark-lost", writable && !withdrawn && !lost);
  enable (self, "card.mark-found", writable && !withdrawn && lost);
  enable (self, "card.withdraw", writable && !destruction);
  enable (self, "card.purge", writable && destruction && trellis_participant_get_withdrawal_purged (p) == NULL);
  gtk_widget_set_visible (self->withdraw_group, !destruction);
  gtk_widget_set_visible (self->purge_button, trellis_participant_get_withdrawal_purged (p) == NULL);
  gtk_widget_set_tooltip_text (self->consent_button,
                               !writable ? _("The study is open read-only")
                               : withdrawn ? _("No consent can be recorded after a withdrawal") : NULL);
}

/* One entry per timepoint of the plan. Open after a withdrawal too: the form
 * then shows what is on file and says why nothing more can be entered. */
static void
sync_enter_data_menu (TrellisParticipantCard *self)
{
  GListModel *timepoints = trellis_study_get_timepoints (self->study);
  g_autoptr(GMenu) menu = g_menu_new ();

  for (guint i = 0; i < g_list_model_get_n_items (timepoints); i++)
    {
      g_autoptr(TrellisTimepoint) timepoint = g_list_model_get_item (timepoints, i);
      g_autofree char *label = g_strdup_printf ("%s · %s", trellis_timepoint_get_code (timepoint),
                                                trellis_timepoint_get_label (timepoint));
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target_value (item, "card.enter-data",
                                               g_variant_new_int64 (trellis_timepoint_get_id (timepoint)));
      g_menu_append_item (menu, item);
    }
  gtk_menu_button_set_menu_model (self->enter_data_button, G_MENU_MODEL (menu));
  gtk_widget_set_visible (GTK_WIDGET (self->enter_data_button), g_list_model_get_n_items (timepoints) > 0);
}

static void
sync_card (TrellisParticipantCard *self)
{
  sync_header (self);
  sync_enter_data_menu (self);
  sync_details (self);
  sync_withdrawal (self);
  sync_consents (self);
  sync_actions (self);
}

/* Nothing can be changed from a card whose participant cannot be read: its
 * buttons would act on what it last showed. */
static void
disable_actions (TrellisParticipantCard *self)
{
  static const char *const actions[] = {
    "card.edit", "card.record-consent", "card.mark-lost", "card.mark-found", "card.withdraw", "card.purge",
  };

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    enable (self, actions[i], FALSE);
}

/* The participant may have changed anywhere. If they can no longer be read
 * (the file failed, or they are gone), the card stays open, says why, and
 * offers nothing more, so the person sees what happened. */
static void
reload (TrellisParticipantCard *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisParticipant) participant = trellis_study_get_participant (self->study, self->participant_id,
                                                                             &error);

  if (participant == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("This card cannot be read again and shows %s as last read: %s"),
                                                  trellis_participant_get_code (self->participant), error->message);

      disable_actions (self);
      toast (self, message);
      /* The card stays wrong until closed, so the message stays too. */
      adw_toast_set_timeout (self->last_toast, 0);
      return;
    }
  g_set_object (&self->participant, participant);
  sync_card (self);
}

/* ---- Actions ---- */

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TrellisParticipantCard *self = TRELLIS_PARTICIPANT_CARD (widget);

  gtk_window_present (GTK_WINDOW (trellis_participant_dialog_new (GTK_WINDOW (self), self->study,
                                                                  self->participant)));
}

static void
on_consent_recorded (TrellisParticipantCard *self)
{
  toast (self, _("Consent recorded"));
}

static void
record_consent_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  TrellisParticipantCard *self = TRELLIS_PARTICIPANT_CARD (widget);
  TrellisConsentDialog *dialog = trellis_consent_dialog_new (GTK_WINDOW (self), self->study, self->participant);

  g_signal_connect_object (dialog, "consent-recorded", G_CALLBACK (on_consent_recorded), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_lost_date_changed (GtkEditable      *entry,
                      AdwMessageDialog *dialog)
{
  g_autofree char *text = trellis_form_get_text (entry);
  g_autofree char *problem = NULL;
  gboolean valid = trellis_form_check_date (text, TRUE, &problem);

  adw_message_dialog_set_response_enabled (dialog, "mark", valid);
  if (valid)
    gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
}

static void
on_lost_response (AdwMessageDialog       *dialog,
                  const char             *response,
                  TrellisParticipantCard *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autofree char *date = trellis_form_get_text (entry);
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "mark") != 0)
    return;
  if (!trellis_study_set_participant_lost (self->study, self->participant_id, date, &error))
    toast (self, error->message);
}

static void
mark_lost_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TrellisParticipantCard *self = TRELLIS_PARTICIPANT_CARD (widget);
  g_autofree char *heading = g_strdup_printf (_("Mark %s Lost to Follow-Up?"),
                                              trellis_participant_get_code (self->participant));
  g_autofree char *today = trellis_form_today ();
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading,
      _("No more data is expected from them. They stay in the register and in every count, and you can undo this if they get in touch again. Since when (YYYY-MM-DD)?")));
  GtkWidget *entry = gtk_entry_new ();

  gtk_editable_set_text (GTK_EDITABLE (entry), today);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "mark", _("_Mark Lost"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "mark", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "mark");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (entry, "changed", G_CALLBACK (on_lost_date_changed), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_lost_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
mark_found_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  TrellisParticipantCard *self = TRELLIS_PARTICIPANT_CARD (widget);
  g_autoptr(GError) error = NULL;

  if (!trellis_study_set_participant_lost (self->study, self->participant_id, NULL, &error))
    toast (self, error->message);
  else
    toast (self, _("Back in follow-up"));
}

static void
on_withdrawn (TrellisParticipantCard *self)
{
  toast (self, _("Withdrawal recorded"));
}

static void
withdraw_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  TrellisParticipantCard *self = TRELLIS_PARTICIPANT_CARD (widget);
  g_autoptr(GError) error = NULL;
  TrellisWithdrawalDialog *dialog = trellis_withdrawal_dialog_new (GTK_WINDOW (self), self->study,
                                                                   self->participant, &error);

  if (dialog == NULL)
    {
      toast (self, error->message);
      return;
    }
  g_signal_connect_object (dialog, "withdrawn", G_CALLBACK (on_withdrawn), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_purged (TrellisParticipantCard *self,
           gboolean                log_cleared)
{
  TrellisDestructionPolicy policy = TRELLIS_DESTRUCTION_POLICY_IDENTIFIERS;

  trellis_study_get_destruction_policy (self->study, &policy, NULL);
  if (policy == TRELLIS_DESTRUCTION_POLICY_IDENTIFIERS)
    toast (self, log_cleared ? _("Identifiers purged: no copy is left in the study file or its log")
                             : _("Identifiers purged, but another program has the study open: old copies stay in its log until that program closes it"));
  else
    toast (self, log_cleared ? _("Identifiers and research data purged: no copy is left in the study file or its log")
                             : _("Identifiers and research data purged, but another program has the study open: old copies stay in its log until that program closes it"));
}

static void
purge_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  TrellisParticipantCard *self = TRELLIS_PARTICIPANT_CARD (widget);
  TrellisPurgeDialog *dialog = trellis_purge_dialog_new (GTK_WINDOW (self), self->study, self->participant);

  g_signal_connect_object (dialog, "purged", G_CALLBACK (on_purged), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "purge-failed", G_CALLBACK (toast), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
enter_data_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  TrellisParticipantCard *self = TRELLIS_PARTICIPANT_CARD (widget);
  g_autoptr(GError) error = NULL;
  TrellisVisitDialog *dialog = trellis_visit_dialog_new (GTK_WINDOW (self), self->study, self->participant_id,
                                                         g_variant_get_int64 (parameter), &error);

  if (dialog == NULL)
    toast (self, error->message);
  else
    gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- The type ---- */

TrellisParticipantCard *
trellis_participant_card_new (GtkWindow     *parent,
                              TrellisStudy  *study,
                              gint64         participant_id,
                              GError       **error)
{
  g_autoptr(TrellisParticipant) participant = NULL;
  TrellisParticipantCard *self;

  g_return_val_if_fail (TRELLIS_IS_STUDY (study), NULL);

  participant = trellis_study_get_participant (study, participant_id, error);
  if (participant == NULL)
    return NULL;
  self = g_object_new (TRELLIS_TYPE_PARTICIPANT_CARD, "transient-for", parent,
                       "title", trellis_participant_get_code (participant), NULL);
  self->study = g_object_ref (study);
  self->participant = g_steal_pointer (&participant);
  self->participant_id = participant_id;
  g_signal_connect_object (study, "register-changed", G_CALLBACK (reload), self, G_CONNECT_SWAPPED);
  sync_card (self);
  trellis_participant_schedule_set_participant (self->schedule_group, study, participant_id);
  return self;
}

TrellisParticipant *
trellis_participant_card_get_participant (TrellisParticipantCard *self)
{
  g_return_val_if_fail (TRELLIS_IS_PARTICIPANT_CARD (self), NULL);
  return self->participant;
}

static void
trellis_participant_card_dispose (GObject *object)
{
  TrellisParticipantCard *self = TRELLIS_PARTICIPANT_CARD (object);

  g_clear_weak_pointer (&self->last_toast);
  g_clear_object (&self->participant);
  g_clear_object (&self->study);

  G_OBJECT_CLASS (trellis_participant_card_parent_class)->dispose (object);
}

static void
bind_template (GtkWidgetClass *widget_class)
{
  gtk_widget_class_set_template_from_resource (widget_class, "/org/trellis/Trellis/trellis-participant-card.ui");
  gtk_widget_class_bind_template_child (widget_class, TrellisParticipantCard, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TrellisParticipantCard, window_title);
  gtk_widget_class_bind_template_child (widget_class, TrellisParticipantCard, enter_data_button);
  gtk_widget_class_bind_template_child (widget_class, TrellisParticipantCard, code_label);
  gtk_widget_class_bind_template_child (widget_class, TrellisParticipantCard, cohort_label);
  gtk_widget_class_bind_template_child (widget_class, TrellisParticipantCard, status_label);
  gtk_widget_class_bind_template_child (widget_class, TrellisParticipantCard, consent_label);
  gtk_widget_class_bind_template_child (widget_class, TrellisParticipantCard, withdrawal_group);
  gtk_widget_class_bind_template_child (widget_class, TrellisParticipantCard, withdrawal_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisParticipantCard, purge_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisParticipantCard, cohort_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisParticipantCard, baseline_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisParticipantCard, created_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisParticipantCard, follow_up_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisParticipantCard, lost_button);
  gtk_widget_class_bind_template_child (widget_class, TrellisParticipantCard, found_button);
  gtk_widget_class_bind_template_child (widget_class, TrellisParticipantCard, name_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisParticipantCard, email_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisParticipantCard, phone_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisParticipantCard, notes_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisParticipantCard, consent_button);
  gtk_widget_class_bind_template_child (widget_class, TrellisParticipantCard, consent_list);
  gtk_widget_class_bind_template_child (widget_class, TrellisParticipantCard, schedule_group);
  gtk_widget_class_bind_template_child (widget_class, TrellisParticipantCard, withdraw_group);
  /* Not needed here, but named for tests that press them. */
  gtk_widget_class_bind_template_child_full (widget_class, "edit_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "withdraw_button", FALSE, 0);
  gtk_widget_class_bind_template_child (widget_class, TrellisParticipantCard, purge_button);
}

static void
trellis_participant_card_class_init (TrellisParticipantCardClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = trellis_participant_card_dispose;

  g_type_ensure (TRELLIS_TYPE_PARTICIPANT_SCHEDULE);
  bind_template (widget_class);
  gtk_widget_class_install_action (widget_class, "card.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "card.record-consent", NULL, record_consent_action);
  gtk_widget_class_install_action (widget_class, "card.mark-lost", NULL, mark_lost_action);
  gtk_widget_class_install_action (widget_class, "card.mark-found", NULL, mark_found_action);
  gtk_widget_class_install_action (widget_class, "card.withdraw", NULL, withdraw_action);
  gtk_widget_class_install_action (widget_class, "card.purge", NULL, purge_action);
  gtk_widget_class_install_action (widget_class, "card.enter-data", "x", enter_data_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
trellis_participant_card_init (TrellisParticipantCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
