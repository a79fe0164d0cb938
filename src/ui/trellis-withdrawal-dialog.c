/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-date.h"
#include "trellis-domain-error.h"
#include "trellis-form-util.h"
#include "trellis-withdrawal-dialog.h"

/* The withdrawal form offers only the kinds the study's information sheet
 * offers, and only those that go further than a withdrawal already recorded
 * (the register's rule). A withdrawal cannot be taken back, so it asks once
 * more, saying what the kind means and that the participant stays counted. */
struct _TrellisWithdrawalDialog
{
  AdwWindow parent_instance;

  TrellisStudy *study;
  TrellisParticipant *participant;
  GArray *kinds;   /* TrellisWithdrawalType, in the order of kind_row */

  GtkWidget *withdraw_button;
  AdwPreferencesGroup *form_group;
  AdwComboRow *kind_row;
  GtkLabel *meaning_label;
  AdwActionRow *date_row;
  GtkEntry *date_entry;
  AdwEntryRow *reason_row;
  GtkLabel *error_label;
};

G_DEFINE_FINAL_TYPE (TrellisWithdrawalDialog, trellis_withdrawal_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_WITHDRAWN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What each kind asks of the team, in the words a coordinator would use. */
const char *
trellis_withdrawal_type_meaning (TrellisWithdrawalType kind)
{
  switch (kind)
    {
    case TRELLIS_WITHDRAWAL_NO_FURTHER_CONTACT:
      return _("Nobody from the study contacts them again. Data collected so far stays in the study and its analysis.");
    case TRELLIS_WITHDRAWAL_NO_FURTHER_DATA:
      return _("No new data is collected or entered for them. Data collected so far stays in the study and its analysis.");
    case TRELLIS_WITHDRAWAL_DATA_DESTRUCTION:
    default:
      return _("They asked for their data to be destroyed. Nothing new is recorded, and their identifiers can then be purged from the study file.");
    }
}

static TrellisWithdrawalType
selected_kind (TrellisWithdrawalDialog *self)
{
  guint i = adw_combo_row_get_selected (self->kind_row);

  return i < self->kinds->len ? g_array_index (self->kinds, TrellisWithdrawalType, i)
                              : TRELLIS_WITHDRAWAL_NO_FURTHER_CONTACT;
}

static gboolean
check_date (TrellisWithdrawalDialog  *self,
            char                    **problem)
{
  g_autofree char *text = trellis_form_get_text (GTK_EDITABLE (self->date_entry));
  g_autoptr(GError) error = NULL;
  TrellisWithdrawalFacts previous;
  GDate date;

  if (!trellis_form_check_date (text, TRUE, problem))
    return FALSE;
  trellis_date_parse (text, &date, NULL);
  trellis_participant_get_withdrawal_facts (self->participant, &previous);
  if (trellis_register_check_withdrawal_escalates (trellis_participant_get_code (self->participant), &previous,
                                                   selected_kind (self), &date, &error))
    return TRUE;
  *problem = g_strdup (error->message);
  return FALSE;
}

static void
on_changed (TrellisWithdrawalDialog *self)
{
  g_autofree char *problem = NULL;
  gboolean valid;

  if (self->kinds == NULL)
    return;
  valid = check_date (self, &problem);
  gtk_label_set_text (self->meaning_label, trellis_withdrawal_type_meaning (selected_kind (self)));
  trellis_form_show_problem (self->date_row, GTK_WIDGET (self->date_entry),
                             _("The day the participant’s decision applies from"), problem);
  gtk_widget_set_sensitive (self->withdraw_button, valid);
}

static void
on_confirm_response (AdwMessageDialog        *dialog,
                     const char              *response,
                     TrellisWithdrawalDialog *self)
{
  g_autofree char *date = trellis_form_get_text (GTK_EDITABLE (self->date_entry));
  g_autofree char *reason = trellis_form_get_text (GTK_EDITABLE (self->reason_row));
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "withdraw") != 0)
    return;
  if (trellis_study_record_withdrawal (self->study, trellis_participant_get_id (self->participant),
                                       selected_kind (self), date, reason, &error) == 0)
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  g_signal_emit (self, signals[SIGNAL_WITHDRAWN], 0);
  /* GTK 4.8 leaves a dangling parent in a dialog whose parent goes first, so
   * this form only hides now and goes once the confirmation has closed. */
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (gtk_window_destroy), self, G_CONNECT_SWAPPED);
}

static void
on_withdraw_clicked (TrellisWithdrawalDialog *self)
{
  const char *code = trellis_participant_get_code (self->participant);
  TrellisWithdrawalType kind = selected_kind (self);
  g_autofree char *heading = g_strdup_printf (_("Withdraw %s: %s?"), code, trellis_withdrawal_type_to_label (kind));
  g_autofree char *body = g_strdup_printf (_("%s\n\n%s stays in the register and in every count and flow diagram. A withdrawal cannot be taken back."),
                                           trellis_withdrawal_type_meaning (kind), code);
  AdwMessageDialog *dialog;

  if (!gtk_widget_get_sensitive (self->withdraw_button))
    return;
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "withdraw", _("_Withdraw"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "withdraw", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (dialog, "cancel");
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_confirm_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The kinds the study offers beyond the participant's last withdrawal. */
static gboolean
set_up_kinds (TrellisWithdrawalDialog  *self,
              GError                  **error)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  TrellisWithdrawalFacts previous;
  guint enabled = 0;

  if (!trellis_study_get_withdrawal_types (self->study, &enabled, error))
    return FALSE;
  trellis_participant_get_withdrawal_facts (self->participant, &previous);
  for (TrellisWithdrawalType kind = TRELLIS_WITHDRAWAL_NO_FURTHER_CONTACT;
       kind <= TRELLIS_WITHDRAWAL_DATA_DESTRUCTION; kind++)
    if ((enabled & (1u << kind)) != 0 && (!previous.withdrawn || kind > previous.kind))
      {
        g_array_append_val (self->kinds, kind);
        gtk_string_list_append (labels, trellis_withdrawal_type_to_label (kind));
      }
  if (self->kinds->len == 0)
    {
      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                   _("%s cannot withdraw any further: the study offers no kind of withdrawal beyond their last"),
                   trellis_participant_get_code (self->participant));
      return FALSE;
    }
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (labels));
  return TRUE;
}

TrellisWithdrawalDialog *
trellis_withdrawal_dialog_new (GtkWindow           *parent,
                               TrellisStudy        *study,
                               TrellisParticipant  *participant,
                               GError             **error)
{
  TrellisWithdrawalDialog *self;
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;
  g_autofree char *today = trellis_form_today ();

  g_return_val_if_fail (TRELLIS_IS_STUDY (study), NULL);
  g_return_val_if_fail (TRELLIS_IS_PARTICIPANT (participant), NULL);

  title = g_strdup_printf (_("Withdraw %s"), trellis_participant_get_code (participant));
  self = g_object_new (TRELLIS_TYPE_WITHDRAWAL_DIALOG, "transient-for", parent, "title", title, NULL);
  self->study = g_object_ref (study);
  self->participant = g_object_ref (participant);
  if (!set_up_kinds (self, error))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return NULL;
    }
  description = g_strdup_printf (_("A withdrawal is recorded, never deleted: %s stays in the register and in every count."),
                                 trellis_participant_get_code (participant));
  adw_preferences_group_set_description (self->form_group, description);
  gtk_editable_set_text (GTK_EDITABLE (self->date_entry), today);
  on_changed (self);
  return self;
}

static void
trellis_withdrawal_dialog_dispose (GObject *object)
{
  TrellisWithdrawalDialog *self = TRELLIS_WITHDRAWAL_DIALOG (object);

  g_clear_pointer (&self->kinds, g_array_unref);
  g_clear_object (&self->participant);
  g_clear_object (&self->study);

  G_OBJECT_CLASS (trellis_withdrawal_dialog_parent_class)->dispose (object);
}

static void
trellis_withdrawal_dialog_class_init (TrellisWithdrawalDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = trellis_withdrawal_dialog_dispose;

  signals[SIGNAL_WITHDRAWN] =
    g_signal_new ("withdrawn", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/trellis/Trellis/trellis-withdrawal-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TrellisWithdrawalDialog, withdraw_button);
  gtk_widget_class_bind_template_child (widget_class, TrellisWithdrawalDialog, form_group);
  gtk_widget_class_bind_template_child (widget_class, TrellisWithdrawalDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisWithdrawalDialog, meaning_label);
  gtk_widget_class_bind_template_child (widget_class, TrellisWithdrawalDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisWithdrawalDialog, date_entry);
  gtk_widget_class_bind_template_child (widget_class, TrellisWithdrawalDialog, reason_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisWithdrawalDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_withdraw_clicked);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
trellis_withdrawal_dialog_init (TrellisWithdrawalDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->kinds = g_array_new (FALSE, FALSE, sizeof (TrellisWithdrawalType));
}
