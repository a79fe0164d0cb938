/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "trellis-domain-error.h"
#include "trellis-interview-schedule-dialog.h"
#include "trellis-study-interviews.h"
#include "trellis-study-measures.h"

struct _TrellisInterviewScheduleDialog
{
  AdwWindow parent_instance;

  TrellisStudy *study;
  gint64 participant_id;
  char *code;

  AdwWindowTitle *window_title;
  AdwEntryRow *date_row;
  AdwEntryRow *time_row;
  AdwEntryRow *zone_row;
  GtkSpinButton *minutes_spin;
  AdwEntryRow *interviewer_row;
  AdwComboRow *mode_row;
  AdwEntryRow *where_row;
  GtkSwitch *recorded_switch;
  GtkLabel *problem_label;
  GtkWidget *schedule_button;
  GtkSpinner *busy_spinner;

  /* The booking under way, while the schedule is read; NULL otherwise. */
  GCancellable *booking;
};

G_DEFINE_FINAL_TYPE (TrellisInterviewScheduleDialog, trellis_interview_schedule_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_SCHEDULED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* In the order of mode_row's items. */
static const char *const modes[] = { "video_call", "in_person", "telephone" };

static const char *
text_of (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static void
show_problem (TrellisInterviewScheduleDialog *self,
              const char                     *problem)
{
  gtk_label_set_text (self->problem_label, problem);
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), problem != NULL);
}

/* The date and time as typed; FALSE with a message for the person. */
static gboolean
parse_when (TrellisInterviewScheduleDialog  *self,
            TrellisScheduleRequest          *request,
            GError                         **error)
{
  int year, month, day;
  char tail;

  if (sscanf (text_of (self->date_row), "%d-%d-%d%c", &year, &month, &day, &tail) != 3 ||
      !g_date_valid_dmy (day, month, year))
    {
      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                   _("‘%s’ is not a date (expected YYYY-MM-DD)"), text_of (self->date_row));
      return FALSE;
    }
  g_date_clear (&request->date, 1);
  g_date_set_dmy (&request->date, day, month, year);
  if (sscanf (text_of (self->time_row), "%d:%d%c", &request->hour, &request->minute, &tail) != 2 ||
      request->hour < 0 || request->hour > 23 || request->minute < 0 || request->minute > 59)
    {
      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                   _("‘%s’ is not a time of day (expected HH:MM)"), text_of (self->time_row));
      return FALSE;
    }
  return TRUE;
}

static void
on_changed (TrellisInterviewScheduleDialog *self)
{
  gboolean filled = *text_of (self->date_row) != '\0' && *text_of (self->time_row) != '\0' &&
                    *text_of (self->zone_row) != '\0' && *text_of (self->interviewer_row) != '\0';

  show_problem (self, NULL);
  gtk_widget_set_sensitive (self->schedule_button, filled && self->booking == NULL);
}

/* While the schedule is read the dialog stays responsive, but books only
 * once: the button waits with a spinner beside it. */
static void
set_busy (TrellisInterviewScheduleDialog *self,
          gboolean                        busy)
{
  if (!busy)
    g_clear_object (&self->booking);
  gtk_widget_set_visible (GTK_WIDGET (self->busy_spinner), busy);
  gtk_spinner_set_spinning (self->busy_spinner, busy);
  gtk_widget_set_sensitive (self->schedule_button, !busy);
}

static void schedule (TrellisInterviewScheduleDialog *self,
                      TrellisLocalTimeChoice          which);

static gboolean
schedule_earlier (gpointer self)
{
  schedule (self, TRELLIS_LOCAL_TIME_EARLIER);
  return G_SOURCE_REMOVE;
}

static gboolean
schedule_later (gpointer self)
{
  schedule (self, TRELLIS_LOCAL_TIME_LATER);
  return G_SOURCE_REMOVE;
}

/* Booked once the question has gone: closing this dialog while the
 * question, which is its transient child, is still answering would leave
 * the question pointing at a window that no longer exists. */
static void
on_which_response (AdwMessageDialog               *dialog,
                   const char                     *response,
                   TrellisInterviewScheduleDialog *self)
{
  if (g_str_equal (response, "earlier"))
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, schedule_earlier, g_object_ref (self), g_object_unref);
  else if (g_str_equal (response, "later"))
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, schedule_later, g_object_ref (self), g_object_unref);
}

static char *
offset_text (gint32 offset)
{
  return g_strdup_printf ("UTC%c%02d:%02d", offset < 0 ? '-' : '+', ABS (offset) / 3600, ABS (offset) % 3600 / 60);
}

/* The clocks go back: the time happens twice, and the person says which. */
static void
ask_which (TrellisInterviewScheduleDialog   *self,
           const TrellisLocalTimeCandidates *candidates)
{
  g_autofree char *first = offset_text (candidates->offset[0]);
  g_autofree char *second = offset_text (candidates->offset[1]);
  g_autofree char *earlier = g_strdup_printf (_("First (%s)"), first);
  g_autofree char *later = g_strdup_printf (_("Second (%s)"), second);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Which Time Is Meant?"), NULL);

  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("The clocks go back that night in %s, so %s on %s happens twice: first at %s, "
                                    "then an hour later at %s."),
                                  text_of (self->zone_row), text_of (self->time_row), text_of (self->date_row),
                                  first, second);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), NULL);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "earlier", earlier);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "later", later);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_which_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static char *
scheduled_message (TrellisInterviewScheduleDialog *self,
                   GPtrArray                      *warnings)
{
  g_autofree char *done = g_strdup_printf (_("%s scheduled"), self->code);
  g_autofree char *flagged = NULL;

  if (warnings == NULL || warnings->len == 0)
    return g_steal_pointer (&done);
  g_ptr_array_add (warnings, NULL);
  flagged = g_strjoinv ("; ", (char **) warnings->pdata);
  /* Translators: "P017 scheduled" and the conflicts found, e.g. "The time is in the past". */
  return g_strdup_printf (_("%s, with a conflict: %s"), done, flagged);
}

static void
on_scheduled (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(TrellisInterviewScheduleDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autofree char *message = NULL;
  TrellisLocalTimeCandidates candidates = { 0 };

  if (!trellis_study_schedule_interview_finish (TRELLIS_STUDY (source), result, &warnings, &candidates, &error))
    {
      /* Cancelled as the dialog closed: there is nothing left to show. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_busy (self, FALSE);
      if (g_error_matches (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_AMBIGUOUS_TIME) && candidates.n == 2)
        ask_which (self, &candidates);
      else
        show_problem (self, error->message);
      return;
    }
  set_busy (self, FALSE);
  message = scheduled_message (self, warnings);
  g_signal_emit (self, signals[SIGNAL_SCHEDULED], 0, message);
  gtk_window_close (GTK_WINDOW (self));
}

static void
schedule (TrellisInterviewScheduleDialog *self,
          TrellisLocalTimeChoice          which)
{
  g_autoptr(GError) error = NULL;
  TrellisScheduleRequest request = {
    .interviewer = text_of (self->interviewer_row), .zone = text_of (self->zone_row), .which = which,
    .minutes = (guint) gtk_spin_button_get_value_as_int (self->minutes_spin),
    .mode = modes[MIN (adw_combo_row_get_selected (self->mode_row), G_N_ELEMENTS (modes) - 1)],
    .where = text_of (self->where_row), .recorded = gtk_switch_get_active (self->recorded_switch),
    .today = trellis_study_today (), .now = g_get_real_time () / G_USEC_PER_SEC,
  };

  if (self->booking != NULL)
    return;
  if (!parse_when (self, &request, &error))
    {
      show_problem (self, error->message);
      return;
    }
  self->booking = g_cancellable_new ();
  set_busy (self, TRUE);
  /* The schedule is read in a worker unless the study keeps it; the
   * booking is written once it is here. */
  trellis_study_schedule_interview_async (self->study, self->participant_id, &request, self->booking,
                                          on_scheduled, g_object_ref (self));
}

static void
on_schedule_clicked (TrellisInterviewScheduleDialog *self)
{
  schedule (self, TRELLIS_LOCAL_TIME_ASK);
}

/* Closed while the schedule is read, nothing is booked. */
static void
cancel_booking (TrellisInterviewScheduleDialog *self)
{
  if (self->booking != NULL)
    g_cancellable_cancel (self->booking);
  g_clear_object (&self->booking);
}

static gboolean
trellis_interview_schedule_dialog_close_request (GtkWindow *window)
{
  cancel_booking (TRELLIS_INTERVIEW_SCHEDULE_DIALOG (window));
  return GTK_WINDOW_CLASS (trellis_interview_schedule_dialog_parent_class)->close_request (window);
}

static void
trellis_interview_schedule_dialog_dispose (GObject *object)
{
  TrellisInterviewScheduleDialog *self = TRELLIS_INTERVIEW_SCHEDULE_DIALOG (object);

  cancel_booking (self);
  g_clear_object (&self->study);
  g_clear_pointer (&self->code, g_free);

  G_OBJECT_CLASS (trellis_interview_schedule_dialog_parent_class)->dispose (object);
}

static void
trellis_interview_schedule_dialog_class_init (TrellisInterviewScheduleDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = trellis_interview_schedule_dialog_dispose;
  GTK_WINDOW_CLASS (klass)->close_request = trellis_interview_schedule_dialog_close_request;

  /* A sentence for a toast, once the interview is booked. */
  signals[SIGNAL_SCHEDULED] =
    g_signal_new ("scheduled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/trellis/Trellis/trellis-interview-schedule-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TrellisInterviewScheduleDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, TrellisInterviewScheduleDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisInterviewScheduleDialog, time_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisInterviewScheduleDialog, zone_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisInterviewScheduleDialog, minutes_spin);
  gtk_widget_class_bind_template_child (widget_class, TrellisInterviewScheduleDialog, interviewer_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisInterviewScheduleDialog, mode_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisInterviewScheduleDialog, where_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisInterviewScheduleDialog, recorded_switch);
  gtk_widget_class_bind_template_child (widget_class, TrellisInterviewScheduleDialog, problem_label);
  gtk_widget_class_bind_template_child (widget_class, TrellisInterviewScheduleDialog, schedule_button);
  gtk_widget_class_bind_template_child (widget_class, TrellisInterviewScheduleDialog, busy_spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_schedule_clicked);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
trellis_interview_schedule_dialog_init (TrellisInterviewScheduleDialog *self)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_local ();

  gtk_widget_init_template (GTK_WIDGET (self));
  /* The system's zone, as a name a person would recognise ("Europe/London"). */
  gtk_editable_set_text (GTK_EDITABLE (self->zone_row), g_time_zone_get_identifier (zone));
  gtk_editable_set_text (GTK_EDITABLE (self->interviewer_row), g_get_real_name ());
  on_changed (self);
}

TrellisInterviewScheduleDialog *
trellis_interview_schedule_dialog_new (GtkWindow    *parent,
                                       TrellisStudy *study,
                                       gint64        participant_id,
                                       const char   *code,
                                       gboolean      recorded)
{
  TrellisInterviewScheduleDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (TRELLIS_IS_STUDY (study), NULL);

  self = g_object_new (TRELLIS_TYPE_INTERVIEW_SCHEDULE_DIALOG, "transient-for", parent, NULL);
  self->study = g_object_ref (study);
  self->participant_id = participant_id;
  self->code = g_strdup (code);
  adw_window_title_set_subtitle (self->window_title, code);
  gtk_switch_set_active (self->recorded_switch, recorded);
  return self;
}
