/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-form-util.h"
#include "trellis-purge-dialog.h"

/* The purge cannot be undone, so its button is red, stays grey until there is
 * a reason for the audit trail, and the text says exactly what goes. */
struct _TrellisPurgeDialog
{
  AdwMessageDialog parent_instance;

  TrellisStudy *study;
  TrellisParticipant *participant;

  GtkEntry *reason_entry;
};

G_DEFINE_FINAL_TYPE (TrellisPurgeDialog, trellis_purge_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  SIGNAL_PURGED,
  SIGNAL_PURGE_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_reason_changed (TrellisPurgeDialog *self)
{
  g_autofree char *reason = trellis_form_get_text (GTK_EDITABLE (self->reason_entry));

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "purge", reason != NULL);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (self), reason != NULL ? "purge" : NULL);
}

static void
trellis_purge_dialog_response (AdwMessageDialog *dialog,
                               const char       *response)
{
  TrellisPurgeDialog *self = TRELLIS_PURGE_DIALOG (dialog);
  g_autofree char *reason = trellis_form_get_text (GTK_EDITABLE (self->reason_entry));
  g_autoptr(GError) error = NULL;
  gboolean log_cleared = FALSE;

  if (g_strcmp0 (response, "purge") == 0)
    {
      if (trellis_study_purge_participant (self->study, trellis_participant_get_id (self->participant), reason,
                                           &log_cleared, &error))
        g_signal_emit (self, signals[SIGNAL_PURGED], 0, log_cleared);
      else
        g_signal_emit (self, signals[SIGNAL_PURGE_FAILED], 0, error->message);
    }
  if (ADW_MESSAGE_DIALOG_CLASS (trellis_purge_dialog_parent_class)->response != NULL)
    ADW_MESSAGE_DIALOG_CLASS (trellis_purge_dialog_parent_class)->response (dialog, response);
}

/* The study's policy decides whether research data goes with the
 * identifiers, and the text says exactly what goes under it and what stays. */
static char *
describe (TrellisDestructionPolicy policy)
{
  const char *what;

  what = policy == TRELLIS_DESTRUCTION_POLICY_IDENTIFIERS
    ? _("Their name, email, phone and notes are removed from the study file and its log for good. Their questionnaire answers stay, as this study’s policy asks. Their study code, consent and withdrawal records stay, so the counts stay right.")
    : _("Their name, email, phone and notes are removed from the study file and its log for good, and so is their research data, as this study’s policy asks: every questionnaire answer, visit and workshop or coaching date, with every copy the audit trail held. Their study code, consent and withdrawal records stay, so the counts stay right: they count as withdrawn at every timepoint.");
  return g_strdup_printf (_("%s\n\nThe audit trail records the purge and your reason, never the values. This cannot be undone."),
                          what);
}

TrellisPurgeDialog *
trellis_purge_dialog_new (GtkWindow          *parent,
                          TrellisStudy       *study,
                          TrellisParticipant *participant)
{
  TrellisPurgeDialog *self;
  TrellisDestructionPolicy policy = TRELLIS_DESTRUCTION_POLICY_IDENTIFIERS;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;

  g_return_val_if_fail (TRELLIS_IS_STUDY (study), NULL);
  g_return_val_if_fail (TRELLIS_IS_PARTICIPANT (participant), NULL);

  trellis_study_get_destruction_policy (study, &policy, NULL);
  heading = policy == TRELLIS_DESTRUCTION_POLICY_IDENTIFIERS
    ? g_strdup_printf (_("Purge the Identifiers of %s?"), trellis_participant_get_code (participant))
    : g_strdup_printf (_("Purge the Identifiers and Research Data of %s?"), trellis_participant_get_code (participant));
  self = g_object_new (TRELLIS_TYPE_PURGE_DIALOG, "transient-for", parent, "heading", heading, NULL);
  self->study = g_object_ref (study);
  self->participant = g_object_ref (participant);
  body = describe (policy);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);
  if (policy != TRELLIS_DESTRUCTION_POLICY_IDENTIFIERS)
    adw_message_dialog_set_response_label (ADW_MESSAGE_DIALOG (self), "purge", _("_Purge Identifiers and Data"));
  return self;
}

static void
trellis_purge_dialog_dispose (GObject *object)
{
  TrellisPurgeDialog *self = TRELLIS_PURGE_DIALOG (object);

  g_clear_object (&self->participant);
  g_clear_object (&self->study);

  G_OBJECT_CLASS (trellis_purge_dialog_parent_class)->dispose (object);
}

static void
trellis_purge_dialog_class_init (TrellisPurgeDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = trellis_purge_dialog_dispose;
  ADW_MESSAGE_DIALOG_CLASS (klass)->response = trellis_purge_dialog_response;

  signals[SIGNAL_PURGED] =
    g_signal_new ("purged", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
  signals[SIGNAL_PURGE_FAILED] =
    g_signal_new ("purge-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/trellis/Trellis/trellis-purge-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TrellisPurgeDialog, reason_entry);
  gtk_widget_class_bind_template_callback (widget_class, on_reason_changed);
}

static void
trellis_purge_dialog_init (TrellisPurgeDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
