/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-consent-clause.h"
#include "trellis-consent-dialog.h"
#include "trellis-date.h"
#include "trellis-form-util.h"
#include "trellis-register-rules.h"

/* The consent form. The register's rules that the form can know (a consent
 * dated before its sheet, or after the participant withdrew) are checked as
 * the date is typed, with the rule's own message under the date; the store
 * checks them all again when recording. */
struct _TrellisConsentDialog
{
  AdwWindow parent_instance;

  TrellisStudy *study;
  TrellisParticipant *participant;
  GPtrArray *clause_rows;      /* AdwActionRow, each with its clause key and switch */

  GtkStack *stack;
  GtkWidget *record_button;
  AdwComboRow *version_row;
  AdwActionRow *date_row;
  GtkEntry *date_entry;
  AdwEntryRow *taken_by_row;
  AdwPreferencesGroup *clauses_group;
  GtkLabel *error_label;
};

G_DEFINE_FINAL_TYPE (TrellisConsentDialog, trellis_consent_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_CONSENT_RECORDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static TrellisConsentVersion *
selected_version (TrellisConsentDialog *self)
{
  return adw_combo_row_get_selected_item (self->version_row);
}

static void
show_error (TrellisConsentDialog *self,
            const char           *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/* The rules about the date: a valid date, not before the sheet, not after a withdrawal. */
static gboolean
check_date (TrellisConsentDialog  *self,
            char                 **problem)
{
  g_autofree char *text = trellis_form_get_text (GTK_EDITABLE (self->date_entry));
  TrellisConsentVersion *version = selected_version (self);
  g_autoptr(GError) error = NULL;
  TrellisWithdrawalFacts withdrawal;
  GDate date, version_date;

  if (!trellis_form_check_date (text, TRUE, problem))
    return FALSE;
  if (version == NULL || !trellis_date_parse (trellis_consent_version_get_date (version), &version_date, NULL))
    return TRUE;
  trellis_date_parse (text, &date, NULL);
  trellis_participant_get_withdrawal_facts (self->participant, &withdrawal);
  if (trellis_register_check_consent_date (&date, &version_date, trellis_consent_version_get_label (version),
                                           &error) &&
      trellis_register_check_consent_not_withdrawn (trellis_participant_get_code (self->participant), &date,
                                                    &withdrawal, &error))
    return TRUE;
  *problem = g_strdup (error->message);
  return FALSE;
}

static void
validate (TrellisConsentDialog *self)
{
  g_autofree char *problem = NULL;
  g_autofree char *taken_by = trellis_form_get_text (GTK_EDITABLE (self->taken_by_row));
  gboolean date_ok = check_date (self, &problem);
  TrellisConsentVersion *version = selected_version (self);
  g_autofree char *hint = version != NULL ? g_strdup_printf (_("On or after %s, the date of “%s”"),
                                                             trellis_consent_version_get_date (version),
                                                             trellis_consent_version_get_label (version))
                                          : NULL;

  trellis_form_show_problem (self->date_row, GTK_WIDGET (self->date_entry), hint, problem);
  gtk_widget_set_sensitive (self->record_button,
                            date_ok && taken_by != NULL && selected_version (self) != NULL);
}

static void
on_changed (TrellisConsentDialog *self)
{
  validate (self);
}

/* ---- One switch per clause of the chosen sheet ---- */

static GtkWidget *
new_clause_row (const char *key,
                const char *text)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), trellis_consent_clause_label_for_key (key));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text != NULL ? text : "");
  gtk_switch_set_active (GTK_SWITCH (toggle), TRUE);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  g_object_set_data_full (G_OBJECT (row), "clause-key", g_strdup (key), g_free);
  g_object_set_data (G_OBJECT (row), "clause-switch", toggle);
  return row;
}

static void
on_version_changed (TrellisConsentDialog *self)
{
  TrellisConsentVersion *version = selected_version (self);
  const char *const *keys = version != NULL ? trellis_consent_version_get_clause_keys (version) : NULL;
  const char *const *texts = version != NULL ? trellis_consent_version_get_clause_texts (version) : NULL;

  if (self->clause_rows == NULL)
    return;
  for (guint i = 0; i < self->clause_rows->len; i++)
    adw_preferences_group_remove (self->clauses_group, self->clause_rows->pdata[i]);
  g_ptr_array_set_size (self->clause_rows, 0);
  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      GtkWidget *row = new_clause_row (keys[i], texts != NULL ? texts[i] : NULL);

      g_ptr_array_add (self->clause_rows, row);
      adw_preferences_group_add (self->clauses_group, row);
    }
  validate (self);
}

/* ---- Recording ---- */

static GHashTable *
collect_answers (TrellisConsentDialog *self)
{
  GHashTable *answers = trellis_consent_answers_new ();

  for (guint i = 0; i < self->clause_rows->len; i++)
    {
      GObject *row = self->clause_rows->pdata[i];

      trellis_consent_answers_set (answers, g_object_get_data (row, "clause-key"),
                                   gtk_switch_get_active (g_object_get_data (row, "clause-switch")));
    }
  return answers;
}

static void
on_record_clicked (TrellisConsentDialog *self)
{
  g_autoptr(GHashTable) answers = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *date = trellis_form_get_text (GTK_EDITABLE (self->date_entry));
  g_autofree char *taken_by = trellis_form_get_text (GTK_EDITABLE (self->taken_by_row));
  gint64 id;

  if (!gtk_widget_get_sensitive (self->record_button))
    return;
  answers = collect_answers (self);
  id = trellis_study_record_consent (self->study, trellis_participant_get_id (self->participant),
                                     trellis_consent_version_get_id (selected_version (self)), date, taken_by,
                                     answers, &error);
  if (id == 0)
    {
      show_error (self, error->message);
      return;
    }
  g_signal_emit (self, signals[SIGNAL_CONSENT_RECORDED], 0, id);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* ---- The type ---- */

static void
set_up_versions (TrellisConsentDialog *self)
{
  GListModel *versions = trellis_study_get_consent_versions (self->study);
  GtkExpression *label = gtk_property_expression_new (TRELLIS_TYPE_CONSENT_VERSION, NULL, "label");
  guint n = g_list_model_get_n_items (versions);

  adw_combo_row_set_expression (self->version_row, label);
  adw_combo_row_set_model (self->version_row, versions);
  gtk_expression_unref (label);
  /* The newest sheet is the one being signed now. */
  if (n > 0)
    adw_combo_row_set_selected (self->version_row, n - 1);
  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "form" : "no-versions");
  gtk_widget_set_visible (self->record_button, n > 0);
}

TrellisConsentDialog *
trellis_consent_dialog_new (GtkWindow          *parent,
                            TrellisStudy       *study,
                            TrellisParticipant *participant)
{
  TrellisConsentDialog *self;
  g_autofree char *title = NULL;
  g_autofree char *today = trellis_form_today ();

  g_return_val_if_fail (TRELLIS_IS_STUDY (study), NULL);
  g_return_val_if_fail (TRELLIS_IS_PARTICIPANT (participant), NULL);

  title = g_strdup_printf (_("Record Consent of %s"), trellis_participant_get_code (participant));
  self = g_object_new (TRELLIS_TYPE_CONSENT_DIALOG, "transient-for", parent, "title", title, NULL);
  self->study = g_object_ref (study);
  self->participant = g_object_ref (participant);
  self->clause_rows = g_ptr_array_new ();
  gtk_editable_set_text (GTK_EDITABLE (self->date_entry), today);
  set_up_versions (self);
  on_version_changed (self);
  return self;
}

static void
trellis_consent_dialog_dispose (GObject *object)
{
  TrellisConsentDialog *self = TRELLIS_CONSENT_DIALOG (object);

  g_clear_pointer (&self->clause_rows, g_ptr_array_unref);
  g_clear_object (&self->participant);
  g_clear_object (&self->study);

  G_OBJECT_CLASS (trellis_consent_dialog_parent_class)->dispose (object);
}

static void
trellis_consent_dialog_class_init (TrellisConsentDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = trellis_consent_dialog_dispose;

  signals[SIGNAL_CONSENT_RECORDED] =
    g_signal_new ("consent-recorded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/trellis/Trellis/trellis-consent-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TrellisConsentDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, TrellisConsentDialog, record_button);
  gtk_widget_class_bind_template_child (widget_class, TrellisConsentDialog, version_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisConsentDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisConsentDialog, date_entry);
  gtk_widget_class_bind_template_child (widget_class, TrellisConsentDialog, taken_by_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisConsentDialog, clauses_group);
  gtk_widget_class_bind_template_child (widget_class, TrellisConsentDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_version_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_record_clicked);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
trellis_consent_dialog_init (TrellisConsentDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
