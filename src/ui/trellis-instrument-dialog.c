/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "trellis-instrument-dialog.h"
#include "trellis-item-editor-row.h"
#include "trellis-study-measures.h"

/* Adds an instrument or edits one: its code and label, how it is scored (the
 * method, the items a score needs, the bands) and its items, which can be
 * added, removed and put in order. The whole instrument is checked as the
 * person types, but a complaint waits until they have changed something, as
 * in the timepoint dialog; what only the study can judge (a code in use,
 * answers on file that an edit would strand) is reported on saving.
 *
 * An instrument being edited can be deleted, after a confirmation, as long
 * as no answer sheet uses it; otherwise the person is told how many do,
 * since deleting would lose their answers and scores. */
struct _TrellisInstrumentDialog
{
  AdwWindow parent_instance;

  TrellisStudy *study;
  TrellisInstrument *original;   /* NULL when adding */
  gboolean filling;
  gboolean touched;

  AdwEntryRow *code_row;
  AdwEntryRow *label_row;
  AdwComboRow *method_row;
  GtkSpinButton *min_answered_spin;
  AdwEntryRow *bands_row;
  GtkListBox *item_list;
  GtkWidget *error_group;
  GtkLabel *error_label;
  GtkWidget *save_button;
  GtkWidget *delete_group;
};

G_DEFINE_FINAL_TYPE (TrellisInstrumentDialog, trellis_instrument_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
entry_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

/* The instrument as the form stands, or NULL with error when the bands
 * cannot be read. It keeps the original's id, so that saving updates it. */
static TrellisInstrument *
edited_instrument (TrellisInstrumentDialog  *self,
                   GError                  **error)
{
  g_autofree char *code = entry_text (self->code_row);
  g_autofree char *label = entry_text (self->label_row);
  g_autofree char *bands = entry_text (self->bands_row);
  g_autoptr(TrellisInstrument) instrument = NULL;
  GtkWidget *row;

  instrument = trellis_instrument_new (code, label,
                                       (TrellisScoringMethod) adw_combo_row_get_selected (self->method_row),
                                       gtk_spin_button_get_value_as_int (self->min_answered_spin));
  if (self->original != NULL)
    {
      trellis_instrument_set_id (instrument, trellis_instrument_get_id (self->original));
      trellis_instrument_set_position (instrument, trellis_instrument_get_position (self->original));
    }
  for (row = gtk_widget_get_first_child (GTK_WIDGET (self->item_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      g_autoptr(TrellisItem) item = trellis_item_editor_row_build_item (TRELLIS_ITEM_EDITOR_ROW (row));

      trellis_instrument_add_item (instrument, item);
    }
  if (!trellis_instrument_bands_from_text (instrument, bands, error))
    return NULL;
  return g_steal_pointer (&instrument);
}

static void
show_error (TrellisInstrumentDialog *self,
            const char              *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  gtk_widget_set_visible (self->error_group, message != NULL);
}

static void
validate (TrellisInstrumentDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisInstrument) instrument = edited_instrument (self, &error);
  gboolean valid = instrument != NULL && trellis_instrument_validate (instrument, &error);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->item_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (!trellis_item_editor_row_check_labels (TRELLIS_ITEM_EDITOR_ROW (row), valid ? &error : NULL))
      valid = FALSE;

  show_error (self, valid || !self->touched ? NULL : error->message);
  gtk_widget_set_sensitive (self->save_button, valid);
}

static void
on_changed (TrellisInstrumentDialog *self)
{
  if (self->filling)
    return;
  self->touched = TRUE;
  validate (self);
}

/* Up or down by one place, keeping the row's focus. */
static void
on_item_move (TrellisInstrumentDialog *self,
              int                      delta,
              TrellisItemEditorRow    *row)
{
  int index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
  int target = index + delta;

  if (target < 0 || gtk_list_box_get_row_at_index (self->item_list, target) == NULL)
    return;
  g_object_ref (row);
  gtk_list_box_remove (self->item_list, GTK_WIDGET (row));
  gtk_list_box_insert (self->item_list, GTK_WIDGET (row), target);
  g_object_unref (row);
  on_changed (self);
}

static void
on_item_remove (TrellisInstrumentDialog *self,
                TrellisItemEditorRow    *row)
{
  gtk_list_box_remove (self->item_list, GTK_WIDGET (row));
  on_changed (self);
}

static TrellisItemEditorRow *
append_row (TrellisInstrumentDialog *self,
            TrellisItem             *item)
{
  TrellisItemEditorRow *row = trellis_item_editor_row_new (item);

  g_signal_connect_object (row, "changed", G_CALLBACK (on_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "move", G_CALLBACK (on_item_move), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "remove", G_CALLBACK (on_item_remove), self, G_CONNECT_SWAPPED);
  gtk_list_box_append (self->item_list, GTK_WIDGET (row));
  return row;
}

/* A new item is coded after the instrument and its place, as in BRS7. */
static void
on_add_item_clicked (TrellisInstrumentDialog *self)
{
  g_autofree char *prefix = entry_text (self->code_row);
  guint n = 0;
  g_autofree char *code = NULL;
  TrellisItemEditorRow *row;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->item_list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;
  code = g_strdup_printf ("%s%u", prefix[0] != '\0' ? prefix : "Q", n + 1);
  row = append_row (self, NULL);
  trellis_item_editor_row_set_code (row, code);
  on_changed (self);
}

/* Saving tells the page what happened, rescoring included, for its toast. */
static void
on_save_clicked (TrellisInstrumentDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisInstrument) instrument = edited_instrument (self, &error);
  g_autofree char *message = NULL;
  TrellisScoringRule rule;
  guint n_rescored = 0;
  gboolean saved;

  if (instrument == NULL)
    {
      show_error (self, error->message);
      return;
    }
  saved = self->original ? trellis_study_update_instrument (self->study, instrument, &n_rescored, &error)
                         : trellis_study_add_instrument (self->study, instrument, &error);
  if (!saved)
    {
      show_error (self, error->message);
      return;
    }
  trellis_instrument_get_rule (instrument, &rule);
  if (n_rescored > 0)
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u score recomputed with rule version %d",
                                            "%u scores recomputed with rule version %d", n_rescored),
                               n_rescored, rule.version);
  else
    message = g_strdup_printf (self->original ? _("Saved %s") : _("Added %s"),
                               trellis_instrument_get_code (instrument));
  g_signal_emit (self, signals[SIGNAL_SAVED], 0, message);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* ---- Deleting ---- */

static gboolean
destroy_later (gpointer data)
{
  gtk_window_destroy (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

static void
on_delete_response (TrellisInstrumentDialog *self,
                    const char              *response)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (g_strcmp0 (response, "delete") != 0 || self->original == NULL)
    return;
  if (!trellis_study_delete_instrument (self->study, trellis_instrument_get_id (self->original), &error))
    {
      show_error (self, error->message);
      return;
    }
  message = g_strdup_printf (_("Deleted %s"), trellis_instrument_get_code (self->original));
  g_signal_emit (self, signals[SIGNAL_SAVED], 0, message);
  /* The question that asked is still answering, and is transient for this
   * dialog: it goes first. */
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, destroy_later, g_object_ref (self), g_object_unref);
}

static AdwMessageDialog *
message_dialog (TrellisInstrumentDialog *self,
                const char              *heading,
                const char              *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  return ADW_MESSAGE_DIALOG (dialog);
}

/* Asked only of an instrument nobody has answered: one with answer sheets
 * is refused at once, saying how many, rather than after a confirmation. */
static void
on_delete_clicked (TrellisInstrumentDialog *self)
{
  const char *code = trellis_instrument_get_code (self->original);
  guint n_items = trellis_instrument_get_items (self->original)->len;
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  gint64 n_sheets = trellis_study_count_answer_sheets (self->study, trellis_instrument_get_id (self->original),
                                                       &error);

  if (n_sheets < 0)
    {
      show_error (self, error->message);
      return;
    }
  if (n_sheets > 0)
    {
      heading = g_strdup_printf (_("Cannot Delete %s"), code);
      body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%s has %" PRId64 " answer sheet on file. Deleting it would "
                                           "lose those answers and scores, so it stays.",
                                           "%s has %" PRId64 " answer sheets on file. Deleting it would "
                                           "lose those answers and scores, so it stays.", (gulong) n_sheets),
                              code, n_sheets);
      dialog = message_dialog (self, heading, body);
      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  heading = g_strdup_printf (_("Delete %s?"), code);
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "“%s” and its %u item are removed from the study. Nobody has answered it "
                                       "yet. The deletion is recorded in the audit trail.",
                                       "“%s” and its %u items are removed from the study. Nobody has answered it "
                                       "yet. The deletion is recorded in the audit trail.", n_items),
                          trellis_instrument_get_label (self->original), n_items);
  dialog = message_dialog (self, heading, body);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
fill (TrellisInstrumentDialog *self,
      TrellisInstrument       *instrument)
{
  g_autofree char *bands = trellis_instrument_bands_to_text (instrument);
  GPtrArray *items = trellis_instrument_get_items (instrument);
  TrellisScoringRule rule;

  trellis_instrument_get_rule (instrument, &rule);
  gtk_editable_set_text (GTK_EDITABLE (self->code_row), trellis_instrument_get_code (instrument));
  gtk_editable_set_text (GTK_EDITABLE (self->label_row), trellis_instrument_get_label (instrument));
  adw_combo_row_set_selected (self->method_row, rule.method);
  gtk_spin_button_set_value (self->min_answered_spin, rule.min_answered);
  gtk_editable_set_text (GTK_EDITABLE (self->bands_row), bands);
  for (guint i = 0; i < items->len; i++)
    append_row (self, items->pdata[i]);
}

/* A dialog to edit instrument, or to add one when it is NULL. */
TrellisInstrumentDialog *
trellis_instrument_dialog_new (GtkWindow         *parent,
                               TrellisStudy      *study,
                               TrellisInstrument *instrument)
{
  TrellisInstrumentDialog *self;

  g_return_val_if_fail (TRELLIS_IS_STUDY (study), NULL);

  self = g_object_new (TRELLIS_TYPE_INSTRUMENT_DIALOG,
                       "transient-for", parent,
                       "title", instrument ? _("Edit Instrument") : _("Add Instrument"),
                       NULL);
  self->study = g_object_ref (study);
  self->original = instrument ? g_object_ref (instrument) : NULL;

  self->filling = TRUE;
  if (instrument != NULL)
    fill (self, instrument);
  gtk_widget_set_visible (self->delete_group, instrument != NULL);
  self->filling = FALSE;
  validate (self);
  return self;
}

static void
trellis_instrument_dialog_dispose (GObject *object)
{
  TrellisInstrumentDialog *self = TRELLIS_INSTRUMENT_DIALOG (object);

  g_clear_object (&self->study);
  g_clear_object (&self->original);

  G_OBJECT_CLASS (trellis_instrument_dialog_parent_class)->dispose (object);
}

static void
trellis_instrument_dialog_class_init (TrellisInstrumentDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = trellis_instrument_dialog_dispose;

  /* The instrument was saved; the message says how, for a toast. */
  signals[SIGNAL_SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (TRELLIS_TYPE_ITEM_EDITOR_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/trellis/Trellis/trellis-instrument-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TrellisInstrumentDialog, code_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisInstrumentDialog, label_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisInstrumentDialog, method_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisInstrumentDialog, min_answered_spin);
  gtk_widget_class_bind_template_child (widget_class, TrellisInstrumentDialog, bands_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisInstrumentDialog, item_list);
  gtk_widget_class_bind_template_child (widget_class, TrellisInstrumentDialog, error_group);
  gtk_widget_class_bind_template_child (widget_class, TrellisInstrumentDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, TrellisInstrumentDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, TrellisInstrumentDialog, delete_group);
  /* Not needed here, but named for tests that drive the dialog. */
  gtk_widget_class_bind_template_child_full (widget_class, "add_item_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "delete_button", FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_add_item_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_delete_clicked);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
trellis_instrument_dialog_init (TrellisInstrumentDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
