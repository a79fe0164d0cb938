/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-interviews-page-private.h"
#include "trellis-study-interviews.h"

/* Moving an interview along its pipeline from the Interviews page (done,
 * transcribed, anonymised, coded; declining and not attending go through
 * the replacement), attaching transcripts and exporting the calendar. Each
 * change goes through the study, which emits interviews-changed, and the
 * page reloads from that. */

static const TrellisInterviewRow *
find_interview (TrellisInterviewsPage *self,
                gint64                 participant_id)
{
  return g_hash_table_lookup (self->interviews, &participant_id);
}

static void
move (TrellisInterviewsPage  *self,
      gint64                  participant_id,
      TrellisInterviewStatus  status,
      guint                   actual_minutes,
      const char             *anonymised_by)
{
  const TrellisInterviewRow *row = find_interview (self, participant_id);
  g_autofree char *code = g_strdup (row != NULL ? row->code : "?");
  g_autofree char *message = NULL;
  g_autoptr(GError) error = NULL;

  if (!trellis_study_move_interview (self->study, participant_id, status, actual_minutes, anonymised_by, &error))
    {
      trellis_interviews_page_toast (self, error->message);
      return;
    }
  /* Translators: a study code and the status its interview has moved to. */
  message = g_strdup_printf (_("%s: %s"), code, trellis_interview_status_to_label (status));
  trellis_interviews_page_toast (self, message);
}

/* ---- Done, with the minutes it took ---- */

static void
on_done_response (AdwMessageDialog      *dialog,
                  const char            *response,
                  TrellisInterviewsPage *self)
{
  GtkWidget *spin = adw_message_dialog_get_extra_child (dialog);
  gint64 participant_id = g_ascii_strtoll (gtk_widget_get_name (GTK_WIDGET (dialog)), NULL, 10);

  if (g_str_equal (response, "done"))
    move (self, participant_id, TRELLIS_INTERVIEW_DONE,
          (guint) gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (spin)), NULL);
}

/* A message dialog about one participant's interview, named after their
 * id so that the response knows whose it is. */
static AdwMessageDialog *
interview_dialog (TrellisInterviewsPage *self,
                  gint64                 participant_id,
                  const char            *heading,
                  const char            *body)
{
  GtkWidget *dialog = adw_message_dialog_new (trellis_interviews_page_parent_window (self), heading, body);
  g_autofree char *name = g_strdup_printf ("%" G_GINT64_FORMAT, participant_id);

  gtk_widget_set_name (dialog, name);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"));
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  return ADW_MESSAGE_DIALOG (dialog);
}

static void
done_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TrellisInterviewsPage *self = TRELLIS_INTERVIEWS_PAGE (widget);
  gint64 participant_id = g_variant_get_int64 (parameter);
  const TrellisInterviewRow *row = find_interview (self, participant_id);
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *spin;

  if (!trellis_interviews_page_editable (self) || row == NULL)
    return;
  heading = g_strdup_printf (_("Interview with %s Done?"), row->code);
  dialog = interview_dialog (self, participant_id, heading,
                             _("How many minutes did it last? This is kept with the interview, and a done "
                               "interview cannot be moved back."));
  spin = gtk_spin_button_new_with_range (1, 600, 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), row->minutes > 0 ? row->minutes : 60);
  gtk_widget_set_halign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Minutes"), -1);
  adw_message_dialog_set_extra_child (dialog, spin);
  adw_message_dialog_add_response (dialog, "done", _("_Mark as Done"));
  adw_message_dialog_set_response_appearance (dialog, "done", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "done");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_done_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- Anonymised, by whom ---- */

static void
on_anonymised_response (AdwMessageDialog      *dialog,
                        const char            *response,
                        TrellisInterviewsPage *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  gint64 participant_id = g_ascii_strtoll (gtk_widget_get_name (GTK_WIDGET (dialog)), NULL, 10);
  g_autofree char *who = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  if (g_str_equal (response, "anonymised"))
    move (self, participant_id, TRELLIS_INTERVIEW_ANONYMISED, 0, who[0] != '\0' ? who : NULL);
}

static void
anonymised_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  TrellisInterviewsPage *self = TRELLIS_INTERVIEWS_PAGE (widget);
  gint64 participant_id = g_variant_get_int64 (parameter);
  const TrellisInterviewRow *row = find_interview (self, participant_id);
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  if (!trellis_interviews_page_editable (self) || row == NULL)
    return;
  heading = g_strdup_printf (_("Transcript of %s Anonymised?"), row->code);
  dialog = interview_dialog (self, participant_id, heading,
                             _("Who anonymised it? The name is kept with today’s date."));
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), g_get_real_name ());
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Anonymised by"), -1);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_response (dialog, "anonymised", _("Mark as _Anonymised"));
  adw_message_dialog_set_response_appearance (dialog, "anonymised", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "anonymised");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_anonymised_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
coded_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  TrellisInterviewsPage *self = TRELLIS_INTERVIEWS_PAGE (widget);

  if (trellis_interviews_page_editable (self))
    move (self, g_variant_get_int64 (parameter), TRELLIS_INTERVIEW_CODED, 0, NULL);
}

/* ---- Transcripts ---- */

static void
on_transcript_attached (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(TrellisInterviewsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = trellis_study_attach_transcript_finish (TRELLIS_STUDY (source), result, &error);
  g_autofree char *message = NULL;

  self->n_working--;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (hash == NULL)
    {
      trellis_interviews_page_toast (self, error->message);
      return;
    }
  /* Translators: the start of the SHA-256 of a transcript just attached. */
  message = g_strdup_printf (_("Transcript attached (SHA-256 %.12s…)"), hash);
  trellis_interviews_page_toast (self, message);
}

static void
attach_transcript_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  TrellisInterviewsPage *self = TRELLIS_INTERVIEWS_PAGE (widget);
  gint64 participant_id;
  const char *path;

  g_variant_get (parameter, "(x&s)", &participant_id, &path);
  if (!trellis_interviews_page_editable (self))
    return;
  self->n_working++;
  trellis_study_attach_transcript_async (self->study, participant_id, path, self->work_cancellable,
                                         on_transcript_attached, g_object_ref (self));
}

typedef struct
{
  TrellisInterviewsPage *self;
  gint64 participant_id;
} Chosen;

static void
chosen_free (gpointer data)
{
  Chosen *chosen = data;

  g_object_unref (chosen->self);
  g_free (chosen);
}

static void
on_transcript_chosen (GtkNativeDialog *chooser,
                      int              response,
                      Chosen          *chosen)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

  if (response == GTK_RESPONSE_ACCEPT && path != NULL)
    gtk_widget_activate_action (GTK_WIDGET (chosen->self), "interviews.attach-transcript", "(xs)",
                                chosen->participant_id, path);
  g_object_unref (chooser);
}

static void
transcript_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  TrellisInterviewsPage *self = TRELLIS_INTERVIEWS_PAGE (widget);
  const TrellisInterviewRow *row = find_interview (self, g_variant_get_int64 (parameter));
  g_autofree char *title = NULL;
  GtkFileChooserNative *chooser;
  Chosen *chosen;

  if (!trellis_interviews_page_editable (self) || row == NULL)
    return;
  title = g_strdup_printf (_("Transcript of %s’s Interview"), row->code);
  chooser = gtk_file_chooser_native_new (title, trellis_interviews_page_parent_window (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Attach"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  chosen = g_new0 (Chosen, 1);
  *chosen = (Chosen) { g_object_ref (self), row->participant_id };
  g_signal_connect_data (chooser, "response", G_CALLBACK (on_transcript_chosen), chosen,
                         (GClosureNotify) (void (*) (void)) chosen_free, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- The calendar ---- */

typedef struct
{
  TrellisInterviewsPage *self;
  char *name;
} Export;

static void
export_free (Export *export)
{
  g_object_unref (export->self);
  g_free (export->name);
  g_free (export);
}

static void
on_exported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Export *export = user_data;
  TrellisInterviewsPage *self = export->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint n = 0;

  self->n_working--;
  if (!trellis_study_export_interviews_finish (TRELLIS_STUDY (source), result, &n, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        trellis_interviews_page_toast (self, error->message);
    }
  else
    {
      /* Translators: how many interviews went to the calendar file named. */
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported %u interview to “%s”",
                                              "Exported %u interviews to “%s”", n), n, export->name);
      trellis_interviews_page_toast (self, message);
    }
  export_free (export);
}

static void
export_calendar_to_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  TrellisInterviewsPage *self = TRELLIS_INTERVIEWS_PAGE (widget);
  g_autoptr(GFile) file = g_file_new_for_path (g_variant_get_string (parameter, NULL));
  Export *export;

  if (self->study == NULL || !trellis_interviews_page_reveals_picks (self))
    return;
  export = g_new0 (Export, 1);
  *export = (Export) { g_object_ref (self), g_file_get_basename (file) };
  self->n_working++;
  trellis_study_export_interviews_async (self->study, file, self->work_cancellable, on_exported, export);
}

static void
on_calendar_chosen (GtkNativeDialog       *chooser,
                    int                    response,
                    TrellisInterviewsPage *self)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

  if (response == GTK_RESPONSE_ACCEPT && path != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "interviews.export-calendar-to", "s", path);
  g_object_unref (chooser);
}

static GtkFileFilter *
calendar_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Calendar files"));
  gtk_file_filter_add_mime_type (filter, "text/calendar");
  gtk_file_filter_add_pattern (filter, "*.ics");
  return filter;
}

static void
export_calendar_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  TrellisInterviewsPage *self = TRELLIS_INTERVIEWS_PAGE (widget);
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  if (self->study == NULL || !trellis_interviews_page_reveals_picks (self))
    return;
  /* Translators: the calendar file's suggested name; %s is the study's title. */
  name = g_strdup_printf (_("%s interviews.ics"), trellis_study_get_title (self->study));
  chooser = gtk_file_chooser_native_new (_("Export Interviews to Calendar"),
                                         trellis_interviews_page_parent_window (self), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), calendar_filter ());
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_calendar_chosen), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- The actions ---- */

/* The moves need a study that can be written; the calendar names whom the
 * draws picked, so it belongs to the views that show them. */
void
trellis_interviews_page_sync_moves (TrellisInterviewsPage *self)
{
  gboolean editable = trellis_interviews_page_editable (self);
  gboolean export = self->study != NULL && trellis_interviews_page_reveals_picks (self);
  const char *moves[] = { "interviews.done", "interviews.transcript", "interviews.attach-transcript",
                          "interviews.anonymised", "interviews.coded" };

  for (guint i = 0; i < G_N_ELEMENTS (moves); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), moves[i], editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "interviews.export-calendar", export);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "interviews.export-calendar-to", export);
}

void
trellis_interviews_page_install_moves (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "interviews.done", "x", done_action);
  gtk_widget_class_install_action (widget_class, "interviews.transcript", "x", transcript_action);
  gtk_widget_class_install_action (widget_class, "interviews.attach-transcript", "(xs)", attach_transcript_action);
  gtk_widget_class_install_action (widget_class, "interviews.anonymised", "x", anonymised_action);
  gtk_widget_class_install_action (widget_class, "interviews.coded", "x", coded_action);
  gtk_widget_class_install_action (widget_class, "interviews.export-calendar", NULL, export_calendar_action);
  gtk_widget_class_install_action (widget_class, "interviews.export-calendar-to", "s", export_calendar_to_action);
}
