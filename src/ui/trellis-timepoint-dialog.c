/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-timepoint-dialog.h"
#include "trellis-timepoint-plan.h"

/* Adds a timepoint to the plan or edits one. The rules are checked as the person
 * types, but a complaint waits until they have changed something: a form that
 * opens with an error scolds before anyone has done anything. Rules about the
 * plan as a whole (unique codes, order) are checked when saving. */
struct _TrellisTimepointDialog
{
  AdwWindow parent_instance;

  TrellisStudy *study;
  TrellisTimepoint *original;   /* NULL when adding */
  gboolean filling;             /* the fields are being filled in, not edited */
  gboolean touched;             /* the person has changed a field */

  AdwEntryRow *code_row;
  AdwEntryRow *label_row;
  AdwPreferencesGroup *timing_group;
  AdwComboRow *anchor_row;
  GtkSpinButton *target_spin;
  GtkSpinButton *window_min_spin;
  GtkSpinButton *window_max_spin;
  GtkLabel *error_label;
  GtkWidget *save_button;
  GtkWidget *remove_group;
};

G_DEFINE_FINAL_TYPE (TrellisTimepointDialog, trellis_timepoint_dialog, ADW_TYPE_WINDOW)

/* The combo row lists the anchors in TrellisAnchor order. */
static TrellisAnchor
selected_anchor (TrellisTimepointDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->anchor_row);

  return selected < TRELLIS_N_ANCHORS ? (TrellisAnchor) selected : TRELLIS_ANCHOR_BASELINE;
}

static TrellisTimepoint *
edited_timepoint (TrellisTimepointDialog *self)
{
  g_autofree char *code = trellis_timepoint_plan_normalize_code (
      gtk_editable_get_text (GTK_EDITABLE (self->code_row)));
  g_autofree char *label = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->label_row))));
  TrellisTimepoint *timepoint = self->original ? trellis_timepoint_copy (self->original)
                                               : trellis_timepoint_new (NULL, NULL, 0, 0, 0);

  trellis_timepoint_set_code (timepoint, code);
  trellis_timepoint_set_label (timepoint, label);
  trellis_timepoint_set_target_day (timepoint, gtk_spin_button_get_value_as_int (self->target_spin));
  trellis_timepoint_set_window_min (timepoint, gtk_spin_button_get_value_as_int (self->window_min_spin));
  trellis_timepoint_set_window_max (timepoint, gtk_spin_button_get_value_as_int (self->window_max_spin));
  trellis_timepoint_set_anchor (timepoint, selected_anchor (self));
  return timepoint;
}

static void
show_error (TrellisTimepointDialog *self,
            const char             *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
validate (TrellisTimepointDialog *self)
{
  g_autoptr(TrellisTimepoint) timepoint = edited_timepoint (self);
  g_autoptr(GError) error = NULL;
  gboolean valid = trellis_timepoint_plan_validate (timepoint, &error);

  show_error (self, valid || !self->touched ? NULL : error->message);
  gtk_widget_set_sensitive (self->save_button, valid);
}

static void
on_changed (TrellisTimepointDialog *self)
{
  if (self->filling)
    return;
  self->touched = TRUE;
  validate (self);
}

/* The days fields say what they count from, so that "day 1" reads as the day
 * after the workshop when the timepoint follows the workshop. */
static void
on_anchor_changed (TrellisTimepointDialog *self)
{
  static const char *const descriptions[] = {
    [TRELLIS_ANCHOR_BASELINE] = N_("Days from the participant’s baseline date"),
    [TRELLIS_ANCHOR_WORKSHOP] = N_("Days from the date the participant attended the workshop; not yet due until it is recorded"),
    [TRELLIS_ANCHOR_COACHING] = N_("Days from the date of the participant’s coaching call; not yet due until it is recorded"),
  };

  adw_preferences_group_set_description (self->timing_group, _(descriptions[selected_anchor (self)]));
  on_changed (self);
}

/* Enter in a day field saves, as it does in the text fields (which activate the
 * default widget themselves); GtkSpinButton only learns that in GTK 4.14. */
static gboolean
on_spin_key_pressed (GtkEventControllerKey  *controller,
                     guint                   keyval,
                     guint                   keycode,
                     GdkModifierType         state,
                     TrellisTimepointDialog *self)
{
  GtkWidget *spin = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  if (keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter && keyval != GDK_KEY_ISO_Enter)
    return GDK_EVENT_PROPAGATE;

  gtk_spin_button_update (GTK_SPIN_BUTTON (spin));
  gtk_widget_activate_default (spin);
  return GDK_EVENT_STOP;
}

static void
on_save_clicked (TrellisTimepointDialog *self)
{
  g_autoptr(TrellisTimepoint) timepoint = edited_timepoint (self);
  g_autoptr(GError) error = NULL;
  gboolean saved = self->original ? trellis_study_update_timepoint (self->study, timepoint, &error)
                                  : trellis_study_add_timepoint (self->study, timepoint, &error);

  if (!saved)
    {
      show_error (self, error->message);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_remove_response (AdwMessageDialog       *dialog,
                    const char             *response,
                    TrellisTimepointDialog *self)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "remove") != 0)
    return;
  if (!trellis_study_remove_timepoint (self->study, self->original, &error))
    {
      show_error (self, error->message);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_remove_clicked (TrellisTimepointDialog *self)
{
  g_autofree char *heading = g_strdup_printf (_("Remove %s?"), trellis_timepoint_get_code (self->original));
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                              _("Participants will no longer be scheduled for it. The removal is kept in the audit trail."));

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
fill_new_timepoint (TrellisTimepointDialog *self)
{
  GListModel *plan = trellis_study_get_timepoints (self->study);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *code = NULL;
  int last_day = 0;

  for (guint i = 0; i < g_list_model_get_n_items (plan); i++)
    g_ptr_array_add (items, g_list_model_get_item (plan, i));
  if (items->len > 0)
    last_day = trellis_timepoint_get_target_day (items->pdata[items->len - 1]);

  /* A new timepoint starts a week after the last one, with a week either side. */
  code = trellis_timepoint_plan_next_code ((TrellisTimepoint **) items->pdata, items->len);
  gtk_editable_set_text (GTK_EDITABLE (self->code_row), code);
  gtk_spin_button_set_value (self->target_spin, last_day + 7);
  gtk_spin_button_set_value (self->window_min_spin, last_day);
  gtk_spin_button_set_value (self->window_max_spin, last_day + 14);
}

static void
fill_existing_timepoint (TrellisTimepointDialog *self)
{
  TrellisTimepoint *tp = self->original;

  gtk_editable_set_text (GTK_EDITABLE (self->code_row), trellis_timepoint_get_code (tp));
  gtk_editable_set_text (GTK_EDITABLE (self->label_row), trellis_timepoint_get_label (tp));
  gtk_spin_button_set_value (self->target_spin, trellis_timepoint_get_target_day (tp));
  gtk_spin_button_set_value (self->window_min_spin, trellis_timepoint_get_window_min (tp));
  gtk_spin_button_set_value (self->window_max_spin, trellis_timepoint_get_window_max (tp));
  adw_combo_row_set_selected (self->anchor_row, trellis_timepoint_get_anchor (tp));
}

TrellisTimepointDialog *
trellis_timepoint_dialog_new (GtkWindow        *parent,
                              TrellisStudy     *study,
                              TrellisTimepoint *timepoint)
{
  TrellisTimepointDialog *self;

  g_return_val_if_fail (TRELLIS_IS_STUDY (study), NULL);

  self = g_object_new (TRELLIS_TYPE_TIMEPOINT_DIALOG,
                       "transient-for", parent,
                       "title", timepoint ? _("Edit Timepoint") : _("Add Timepoint"),
                       NULL);
  self->study = g_object_ref (study);
  self->original = timepoint ? g_object_ref (timepoint) : NULL;

  self->filling = TRUE;
  if (timepoint != NULL)
    fill_existing_timepoint (self);
  else
    fill_new_timepoint (self);
  self->filling = FALSE;
  gtk_widget_set_visible (self->remove_group, timepoint != NULL);
  validate (self);
  return self;
}

static void
trellis_timepoint_dialog_dispose (GObject *object)
{
  TrellisTimepointDialog *self = TRELLIS_TIMEPOINT_DIALOG (object);

  g_clear_object (&self->study);
  g_clear_object (&self->original);

  G_OBJECT_CLASS (trellis_timepoint_dialog_parent_class)->dispose (object);
}

static void
trellis_timepoint_dialog_class_init (TrellisTimepointDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = trellis_timepoint_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/trellis/Trellis/trellis-timepoint-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TrellisTimepointDialog, code_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisTimepointDialog, label_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisTimepointDialog, timing_group);
  gtk_widget_class_bind_template_child (widget_class, TrellisTimepointDialog, anchor_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisTimepointDialog, target_spin);
  gtk_widget_class_bind_template_child (widget_class, TrellisTimepointDialog, window_min_spin);
  gtk_widget_class_bind_template_child (widget_class, TrellisTimepointDialog, window_max_spin);
  gtk_widget_class_bind_template_child (widget_class, TrellisTimepointDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, TrellisTimepointDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, TrellisTimepointDialog, remove_group);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_anchor_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_spin_key_pressed);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_clicked);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
trellis_timepoint_dialog_init (TrellisTimepointDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
