/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-export-dialog.h"

/* Identifiers leave the study file only when someone asks for them, knowing
 * that it is recorded: the de-identified export is chosen until then.
 *
 * A response export has no identifiers to choose about; it asks for the
 * form instead, long (a row per answer, what the import reads back and most
 * analysis tools want) or wide (a row per timepoint, for SPSS and
 * spreadsheets), and names the codebook written beside it. */
struct _TrellisExportDialog
{
  AdwMessageDialog parent_instance;

  GFile *file;

  GtkCheckButton *deidentified_check;
  GtkCheckButton *identifiable_check;
  AdwActionRow *identifiable_row;
  GtkWidget *identity_list;
  GtkWidget *audit_revealer;
  GtkWidget *form_list;
  AdwComboRow *form_row;
  GtkLabel *codebook_label;
};

G_DEFINE_FINAL_TYPE (TrellisExportDialog, trellis_export_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
trellis_export_dialog_dispose (GObject *object)
{
  TrellisExportDialog *self = TRELLIS_EXPORT_DIALOG (object);

  g_clear_object (&self->file);

  G_OBJECT_CLASS (trellis_export_dialog_parent_class)->dispose (object);
}

static void
trellis_export_dialog_class_init (TrellisExportDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = trellis_export_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/trellis/Trellis/trellis-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TrellisExportDialog, deidentified_check);
  gtk_widget_class_bind_template_child (widget_class, TrellisExportDialog, identifiable_check);
  gtk_widget_class_bind_template_child (widget_class, TrellisExportDialog, identifiable_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisExportDialog, identity_list);
  gtk_widget_class_bind_template_child (widget_class, TrellisExportDialog, audit_revealer);
  gtk_widget_class_bind_template_child (widget_class, TrellisExportDialog, form_list);
  gtk_widget_class_bind_template_child (widget_class, TrellisExportDialog, form_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisExportDialog, codebook_label);
}

static void
trellis_export_dialog_init (TrellisExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* A read-only study cannot record an identifiable export, so it offers none. */
TrellisExportDialog *
trellis_export_dialog_new (GtkWindow    *parent,
                           TrellisStudy *study,
                           GFile        *file)
{
  TrellisExportDialog *self;
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;

  g_return_val_if_fail (TRELLIS_IS_STUDY (study), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (TRELLIS_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);
  self->file = g_object_ref (file);
  base = g_file_get_basename (file);
  name = g_filename_display_name (base);
  /* Translators: %s is the file the participants are exported to. */
  body = g_strdup_printf (_("The participants will be written to “%s”."), name);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);
  if (trellis_study_is_read_only (study))
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->identifiable_row), FALSE);
      adw_action_row_set_subtitle (self->identifiable_row,
                                   _("Not available: the study is read-only, so the export could not be recorded"));
    }
  return self;
}

static char *
display_basename (GFile *file)
{
  g_autofree char *base = g_file_get_basename (file);

  return g_filename_display_name (base);
}

TrellisExportDialog *
trellis_export_dialog_new_for_responses (GtkWindow           *parent,
                                         GFile               *file,
                                         GFile               *codebook,
                                         TrellisResponseForm  form)
{
  TrellisExportDialog *self;
  g_autofree char *name = NULL;
  g_autofree char *codebook_name = NULL;
  g_autofree char *body = NULL;
  g_autofree char *note = NULL;

  g_return_val_if_fail (G_IS_FILE (file) && G_IS_FILE (codebook), NULL);

  self = g_object_new (TRELLIS_TYPE_EXPORT_DIALOG, "transient-for", parent,
                       "heading", _("Export Responses"), NULL);
  self->file = g_object_ref (file);
  name = display_basename (file);
  codebook_name = display_basename (codebook);
  /* Translators: %s is the file the responses are exported to. */
  body = g_strdup_printf (_("The answers will be written to “%s”."), name);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);
  /* Translators: %s is the codebook's file name. */
  note = g_strdup_printf (_("A codebook describing every column is written beside it, to “%s”."), codebook_name);
  gtk_label_set_text (self->codebook_label, note);
  gtk_widget_set_visible (self->identity_list, FALSE);
  gtk_widget_set_visible (self->audit_revealer, FALSE);
  gtk_widget_set_visible (self->form_list, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->codebook_label), TRUE);
  trellis_export_dialog_set_form (self, form);
  return self;
}

TrellisResponseForm
trellis_export_dialog_get_form (TrellisExportDialog *self)
{
  g_return_val_if_fail (TRELLIS_IS_EXPORT_DIALOG (self), TRELLIS_RESPONSE_FORM_LONG);
  return adw_combo_row_get_selected (self->form_row) == 1 ? TRELLIS_RESPONSE_FORM_WIDE : TRELLIS_RESPONSE_FORM_LONG;
}

void
trellis_export_dialog_set_form (TrellisExportDialog *self,
                                TrellisResponseForm  form)
{
  g_return_if_fail (TRELLIS_IS_EXPORT_DIALOG (self));
  adw_combo_row_set_selected (self->form_row, form == TRELLIS_RESPONSE_FORM_WIDE ? 1 : 0);
}

GFile *
trellis_export_dialog_get_file (TrellisExportDialog *self)
{
  g_return_val_if_fail (TRELLIS_IS_EXPORT_DIALOG (self), NULL);
  return self->file;
}

gboolean
trellis_export_dialog_get_identifiable (TrellisExportDialog *self)
{
  g_return_val_if_fail (TRELLIS_IS_EXPORT_DIALOG (self), FALSE);
  return gtk_check_button_get_active (self->identifiable_check) &&
         gtk_widget_is_sensitive (GTK_WIDGET (self->identifiable_check));
}

void
trellis_export_dialog_set_identifiable (TrellisExportDialog *self,
                                        gboolean             identifiable)
{
  g_return_if_fail (TRELLIS_IS_EXPORT_DIALOG (self));
  gtk_check_button_set_active (identifiable ? self->identifiable_check : self->deidentified_check, TRUE);
}
