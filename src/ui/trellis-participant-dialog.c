/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-domain-error.h"
#include "trellis-form-util.h"
#include "trellis-participant-dialog.h"
#include "trellis-study-code.h"

/* The participant form. Every field is checked as the person types, with the
 * message under the field; the Add button stays grey while one is wrong, so
 * the store's refusals are left for what only the file can know. The record
 * and its contact details are saved together, in one audited change. */
struct _TrellisParticipantDialog
{
  AdwWindow parent_instance;

  TrellisStudy *study;
  TrellisParticipant *participant;   /* NULL while adding */
  GtkFilterListModel *cohorts;
  char *next_code;

  GtkStack *stack;
  GtkWidget *show_cohorts_button;
  GtkWidget *save_button;
  AdwActionRow *code_row;
  GtkEntry *code_entry;
  AdwComboRow *cohort_row;
  AdwActionRow *baseline_row;
  GtkEntry *baseline_entry;
  AdwEntryRow *name_row;
  AdwEntryRow *email_row;
  AdwEntryRow *phone_row;
  AdwEntryRow *notes_row;
  GtkLabel *error_label;
};

G_DEFINE_FINAL_TYPE (TrellisParticipantDialog, trellis_participant_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_PARTICIPANT_SAVED,
  SIGNAL_SHOW_COHORTS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- Cohorts ---- */

/* New participants join open cohorts; one already in an archived cohort may stay. */
static gboolean
cohort_is_offered (gpointer item,
                   gpointer user_data)
{
  TrellisParticipantDialog *self = user_data;

  return !trellis_cohort_get_archived (item) ||
         (self->participant != NULL &&
          trellis_cohort_get_id (item) == trellis_participant_get_cohort_id (self->participant));
}

static void
set_up_cohorts (TrellisParticipantDialog *self)
{
  GtkCustomFilter *filter = gtk_custom_filter_new (cohort_is_offered, self, NULL);
  GtkExpression *name = gtk_property_expression_new (TRELLIS_TYPE_COHORT, NULL, "name");

  self->cohorts = gtk_filter_list_model_new (g_object_ref (trellis_study_get_cohorts (self->study)),
                                             GTK_FILTER (filter));
  adw_combo_row_set_expression (self->cohort_row, name);
  adw_combo_row_set_model (self->cohort_row, G_LIST_MODEL (self->cohorts));
  gtk_expression_unref (name);
}

static gint64
selected_cohort_id (TrellisParticipantDialog *self)
{
  TrellisCohort *cohort = adw_combo_row_get_selected_item (self->cohort_row);

  return cohort != NULL ? trellis_cohort_get_id (cohort) : 0;
}

static void
select_cohort (TrellisParticipantDialog *self,
               gint64                    cohort_id)
{
  GListModel *model = G_LIST_MODEL (self->cohorts);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(TrellisCohort) cohort = g_list_model_get_item (model, i);

      if (trellis_cohort_get_id (cohort) == cohort_id)
        adw_combo_row_set_selected (self->cohort_row, i);
    }
}

/* ---- Checking as the person types ---- */

/* A typed code must be a valid code that no other participant has, however it
 * is typed: “ p001 ” is P001. */
static gboolean
check_code (TrellisParticipantDialog  *self,
            char                     **problem)
{
  g_autofree char *text = trellis_form_get_text (GTK_EDITABLE (self->code_entry));
  g_autofree char *canonical = NULL;
  g_autoptr(GError) error = NULL;

  *problem = NULL;
  if (self->participant != NULL || text == NULL)
    return TRUE;
  canonical = trellis_study_code_normalize (text);
  if (!trellis_study_code_validate (canonical, &error))
    *problem = g_strdup (error->message);
  else if (trellis_study_lookup_participant (self->study, canonical, NULL) != 0)
    *problem = g_strdup_printf (_("There is already a participant %s in the study"), canonical);
  return *problem == NULL;
}

static gboolean
check_email (TrellisParticipantDialog *self)
{
  g_autofree char *email = trellis_form_get_text (GTK_EDITABLE (self->email_row));
  gboolean valid = email == NULL || (strchr (email, '@') != NULL && strchr (email, ' ') == NULL);

  if (valid)
    gtk_widget_remove_css_class (GTK_WIDGET (self->email_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->email_row), "error");
  return valid;
}

static void
show_error (TrellisParticipantDialog *self,
            const char               *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
validate (TrellisParticipantDialog *self)
{
  g_autofree char *code_problem = NULL;
  g_autofree char *date_problem = NULL;
  g_autofree char *date = trellis_form_get_text (GTK_EDITABLE (self->baseline_entry));
  g_autofree char *code_hint = NULL;
  gboolean code_ok = check_code (self, &code_problem);
  gboolean date_ok = trellis_form_check_date (date, FALSE, &date_problem);
  gboolean email_ok = check_email (self);

  if (self->next_code != NULL)
    code_hint = g_strdup_printf (_("Leave empty to use the next code, %s"), self->next_code);
  trellis_form_show_problem (self->code_row, GTK_WIDGET (self->code_entry), code_hint, code_problem);
  trellis_form_show_problem (self->baseline_row, GTK_WIDGET (self->baseline_entry),
                             _("Optional; the schedule counts from this day"), date_problem);
  show_error (self, email_ok ? NULL : _("The email address needs an @ and no spaces"));
  gtk_widget_set_sensitive (self->save_button, code_ok && date_ok && email_ok && selected_cohort_id (self) != 0);
}

static void
on_changed (TrellisParticipantDialog *self)
{
  validate (self);
}

/* ---- Saving ---- */

/* The record and its contact details are saved in one audited change, so a
 * refusal leaves the study as it was and the form as it was typed. */
static gboolean
save (TrellisParticipantDialog  *self,
      gint64                    *id,
      GError                   **error)
{
  g_autofree char *code = trellis_form_get_text (GTK_EDITABLE (self->code_entry));
  g_autofree char *date = trellis_form_get_text (GTK_EDITABLE (self->baseline_entry));
  g_autofree char *name = trellis_form_get_text (GTK_EDITABLE (self->name_row));
  g_autofree char *email = trellis_form_get_text (GTK_EDITABLE (self->email_row));
  g_autofree char *phone = trellis_form_get_text (GTK_EDITABLE (self->phone_row));
  g_autofree char *notes = trellis_form_get_text (GTK_EDITABLE (self->notes_row));
  gint64 cohort_id = selected_cohort_id (self);

  if (self->participant == NULL)
    return (*id = trellis_study_add_participant_with_contact (self->study, code, cohort_id, date,
                                                              name, email, phone, notes, error)) != 0;
  *id = trellis_participant_get_id (self->participant);
  return trellis_study_update_participant_with_contact (self->study, *id, cohort_id, date,
                                                        name, email, phone, notes, error);
}

static void
on_save_clicked (TrellisParticipantDialog *self)
{
  g_autoptr(GError) error = NULL;
  gboolean adding = self->participant == NULL;
  gint64 id = 0;

  if (!gtk_widget_get_sensitive (self->save_button))
    return;
  if (!save (self, &id, &error))
    {
      show_error (self, error->message);
      return;
    }
  g_signal_emit (self, signals[SIGNAL_PARTICIPANT_SAVED], 0, id, adding);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_show_cohorts_clicked (TrellisParticipantDialog *self)
{
  g_signal_emit (self, signals[SIGNAL_SHOW_COHORTS], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* ---- Filling in ---- */

static void
fill_from_participant (TrellisParticipantDialog *self)
{
  TrellisParticipant *p = self->participant;
  const char *date = trellis_participant_get_baseline_date (p);

  select_cohort (self, trellis_participant_get_cohort_id (p));
  gtk_editable_set_text (GTK_EDITABLE (self->baseline_entry), date != NULL ? date : "");
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), trellis_participant_get_contact_name (p) ?: "");
  gtk_editable_set_text (GTK_EDITABLE (self->email_row), trellis_participant_get_contact_email (p) ?: "");
  gtk_editable_set_text (GTK_EDITABLE (self->phone_row), trellis_participant_get_contact_phone (p) ?: "");
  gtk_editable_set_text (GTK_EDITABLE (self->notes_row), trellis_participant_get_contact_notes (p) ?: "");
  gtk_widget_set_visible (GTK_WIDGET (self->code_row), FALSE);
}

/* With no cohort to join, the form would be a dead end: say what to do first. */
static void
sync_cohorts_state (TrellisParticipantDialog *self)
{
  gboolean any = g_list_model_get_n_items (G_LIST_MODEL (self->cohorts)) > 0;

  gtk_stack_set_visible_child_name (self->stack, any ? "form" : "no-cohorts");
  gtk_widget_set_visible (self->save_button, any);
}

void
trellis_participant_dialog_set_can_show_cohorts (TrellisParticipantDialog *self,
                                                 gboolean                  can_show)
{
  g_return_if_fail (TRELLIS_IS_PARTICIPANT_DIALOG (self));
  gtk_widget_set_visible (self->show_cohorts_button, can_show);
}

TrellisParticipantDialog *
trellis_participant_dialog_new (GtkWindow          *parent,
                                TrellisStudy       *study,
                                TrellisParticipant *participant)
{
  TrellisParticipantDialog *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (TRELLIS_IS_STUDY (study), NULL);
  g_return_val_if_fail (participant == NULL || TRELLIS_IS_PARTICIPANT (participant), NULL);

  if (participant != NULL)
    title = g_strdup_printf (_("Edit %s"), trellis_participant_get_code (participant));
  self = g_object_new (TRELLIS_TYPE_PARTICIPANT_DIALOG, "transient-for", parent,
                       "title", title != NULL ? title : _("Add Participant"), NULL);
  self->study = g_object_ref (study);
  self->participant = participant != NULL ? g_object_ref (participant) : NULL;
  set_up_cohorts (self);
  if (participant != NULL)
    {
      gtk_button_set_label (GTK_BUTTON (self->save_button), _("_Save"));
      fill_from_participant (self);
    }
  else if ((self->next_code = trellis_study_next_participant_code (study, NULL)) != NULL)
    gtk_entry_set_placeholder_text (self->code_entry, self->next_code);
  sync_cohorts_state (self);
  validate (self);
  return self;
}

static void
trellis_participant_dialog_dispose (GObject *object)
{
  TrellisParticipantDialog *self = TRELLIS_PARTICIPANT_DIALOG (object);

  g_clear_object (&self->cohorts);
  g_clear_object (&self->participant);
  g_clear_object (&self->study);
  g_clear_pointer (&self->next_code, g_free);

  G_OBJECT_CLASS (trellis_participant_dialog_parent_class)->dispose (object);
}

static void
bind_template (GtkWidgetClass *widget_class)
{
  gtk_widget_class_set_template_from_resource (widget_class, "/org/trellis/Trellis/trellis-participant-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TrellisParticipantDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, TrellisParticipantDialog, show_cohorts_button);
  gtk_widget_class_bind_template_child (widget_class, TrellisParticipantDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, TrellisParticipantDialog, code_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisParticipantDialog, code_entry);
  gtk_widget_class_bind_template_child (widget_class, TrellisParticipantDialog, cohort_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisParticipantDialog, baseline_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisParticipantDialog, baseline_entry);
  gtk_widget_class_bind_template_child (widget_class, TrellisParticipantDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisParticipantDialog, email_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisParticipantDialog, phone_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisParticipantDialog, notes_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisParticipantDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_show_cohorts_clicked);
}

static void
trellis_participant_dialog_class_init (TrellisParticipantDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = trellis_participant_dialog_dispose;

  signals[SIGNAL_PARTICIPANT_SAVED] =
    g_signal_new ("participant-saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_BOOLEAN);
  signals[SIGNAL_SHOW_COHORTS] =
    g_signal_new ("show-cohorts", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  bind_template (widget_class);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
trellis_participant_dialog_init (TrellisParticipantDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
