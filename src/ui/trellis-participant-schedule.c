/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-date.h"
#include "trellis-participant-schedule.h"
#include "trellis-schedule-cell.h"

/* The schedule on a participant's card: the dates of their workshop and
 * coaching call, which can be recorded, moved or cleared here, and where
 * each timepoint stands today. A date the study refuses stays in its field,
 * and the row's title says why in the error colour until it is changed.
 * It reads the participant again after every change to the schedule. */

typedef struct
{
  AdwEntryRow *row;
  GtkWidget *clear;
  const char *title;       /* the row's title when nothing is wrong */
} EventField;

struct _TrellisParticipantSchedule
{
  AdwPreferencesGroup parent_instance;

  TrellisStudy *study;
  gint64 participant_id;
  gulong schedule_handler;
  GPtrArray *timepoint_rows;   /* AdwActionRow, one per timepoint */

  EventField events[TRELLIS_N_ANCHORS];   /* [WORKSHOP] and [COACHING] */
  AdwEntryRow *workshop_row;
  AdwEntryRow *coaching_row;
  GtkWidget *workshop_clear;
  GtkWidget *coaching_clear;
};

G_DEFINE_FINAL_TYPE (TrellisParticipantSchedule, trellis_participant_schedule, ADW_TYPE_PREFERENCES_GROUP)

static char *
format_day (guint32 julian)
{
  GDate date;

  if (julian == 0)
    return g_strdup ("");
  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  return trellis_date_format (&date);
}

/* ---- The event dates ---- */

static void
show_problem (EventField *field,
              const char *problem)
{
  GtkWidget *row = GTK_WIDGET (field->row);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), problem != NULL ? problem : _(field->title));
  gtk_widget_set_tooltip_text (row, problem);
  if (problem != NULL)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");
}

/* Shows the recorded date without offering to apply it, as an untouched field. */
static void
show_date (EventField *field,
           guint32     julian)
{
  g_autofree char *text = format_day (julian);

  adw_entry_row_set_show_apply_button (field->row, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (field->row), text);
  adw_entry_row_set_show_apply_button (field->row, TRUE);
  gtk_widget_set_visible (field->clear, julian != 0);
  show_problem (field, NULL);
}

/* Records @text (NULL or blank clears the date). The change reloads the
 * card through TrellisStudy::schedule-changed. */
static void
record (TrellisParticipantSchedule *self,
        TrellisAnchor               kind,
        const char                 *text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *date = g_strstrip (g_strdup (text != NULL ? text : ""));

  if (self->study == NULL)
    return;
  if (!trellis_study_record_event (self->study, self->participant_id, kind, date[0] != '\0' ? date : NULL,
                                   &error))
    show_problem (&self->events[kind], error->message);
}

/* Enter records the date whether or not the apply button shows: it shows
 * only for text typed while the field had the focus. */
static void
on_workshop_apply (TrellisParticipantSchedule *self)
{
  record (self, TRELLIS_ANCHOR_WORKSHOP, gtk_editable_get_text (GTK_EDITABLE (self->workshop_row)));
}

static void
on_coaching_apply (TrellisParticipantSchedule *self)
{
  record (self, TRELLIS_ANCHOR_COACHING, gtk_editable_get_text (GTK_EDITABLE (self->coaching_row)));
}

static void
on_workshop_clear (TrellisParticipantSchedule *self)
{
  record (self, TRELLIS_ANCHOR_WORKSHOP, NULL);
}

static void
on_coaching_clear (TrellisParticipantSchedule *self)
{
  record (self, TRELLIS_ANCHOR_COACHING, NULL);
}

/* Editing the field again takes the message away. */
static void
on_workshop_changed (TrellisParticipantSchedule *self)
{
  show_problem (&self->events[TRELLIS_ANCHOR_WORKSHOP], NULL);
}

static void
on_coaching_changed (TrellisParticipantSchedule *self)
{
  show_problem (&self->events[TRELLIS_ANCHOR_COACHING], NULL);
}

/* ---- The timepoints ---- */

static void
clear_timepoint_rows (TrellisParticipantSchedule *self)
{
  for (guint i = 0; i < self->timepoint_rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), self->timepoint_rows->pdata[i]);
  g_ptr_array_set_size (self->timepoint_rows, 0);
}

/* What the timepoint's subtitle says: when it was done and when it was due;
 * the chip beside it says the status. */
static char *
describe_slot (const TrellisVisitSlot   *slot,
               const TrellisVisitRecord *record,
               TrellisAnchor             anchor)
{
  g_autofree char *window = trellis_schedule_cell_window (slot);
  g_autofree char *detail = trellis_schedule_cell_detail (slot, record, anchor);

  if (slot->status == TRELLIS_VISIT_COMPLETED)
    return window != NULL ? g_strdup_printf (_("Completed %s · %s"), detail, window)
                          : g_strdup_printf (_("Completed %s"), detail);
  if (window == NULL)
    return g_strdup_printf (_("No due date yet: %s"), detail);
  return g_steal_pointer (&window);
}

static GtkWidget *
new_timepoint_row (TrellisTimepoint         *timepoint,
                   const TrellisVisitSlot   *slot,
                   const TrellisVisitRecord *record)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = g_strdup_printf ("%s · %s", trellis_timepoint_get_code (timepoint),
                                            trellis_timepoint_get_label (timepoint));
  g_autofree char *subtitle = describe_slot (slot, record, trellis_timepoint_get_anchor (timepoint));
  g_autofree char *chip_text = g_strdup_printf ("%s %s", trellis_schedule_cell_symbol (slot->status),
                                                trellis_schedule_cell_label (slot->status));
  GtkWidget *chip = gtk_label_new (chip_text);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_name (row, trellis_timepoint_get_code (timepoint));
  trellis_schedule_cell_set_tone (chip, "schedule-chip", slot->status);
  gtk_widget_set_valign (chip, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (chip, trellis_visit_status_describe (slot->status));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), chip);
  return row;
}

/* The visit's completion or missed mark, as the schedule reads it. */
static gboolean
read_record (TrellisParticipantSchedule  *self,
             TrellisTimepoint            *timepoint,
             TrellisVisitRecord          *record,
             GError                     **error)
{
  g_autoptr(TrellisVisitAnswers) answers = trellis_study_load_visit (self->study, self->participant_id,
                                                                     trellis_timepoint_get_id (timepoint), error);

  if (answers == NULL)
    return FALSE;
  record->completed = trellis_date_to_julian_or_zero (answers->completed_date);
  record->marked_missed = answers->missed;
  return TRUE;
}

static gboolean
show_timepoints (TrellisParticipantSchedule  *self,
                 const TrellisScheduleFacts  *facts,
                 GError                     **error)
{
  GListModel *timepoints = trellis_study_get_timepoints (self->study);
  guint32 today = trellis_study_today ();

  clear_timepoint_rows (self);
  for (guint i = 0; i < g_list_model_get_n_items (timepoints); i++)
    {
      g_autoptr(TrellisTimepoint) timepoint = g_list_model_get_item (timepoints, i);
      TrellisVisitRecord record = { 0 };
      TrellisScheduleRule rule;
      TrellisVisitSlot slot;
      GtkWidget *row;

      if (!read_record (self, timepoint, &record, error))
        return FALSE;
      trellis_timepoint_get_rule (timepoint, &rule);
      trellis_schedule_place (&rule, facts, &record, today, &slot);
      row = new_timepoint_row (timepoint, &slot, &record);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
      g_ptr_array_add (self->timepoint_rows, row);
    }
  return TRUE;
}

/* ---- Loading ---- */

static void
sync_editable (TrellisParticipantSchedule *self)
{
  gboolean writable = self->study != NULL && !trellis_study_is_read_only (self->study);

  gtk_widget_set_sensitive (GTK_WIDGET (self->workshop_row), writable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->coaching_row), writable);
}

/* Reads the participant's dates and visits again. A participant who cannot
 * be read (gone, or the file failed) leaves the group saying so. */
void
trellis_participant_schedule_reload (TrellisParticipantSchedule *self)
{
  g_autoptr(GError) error = NULL;
  TrellisScheduleFacts facts = { { 0 } };

  g_return_if_fail (TRELLIS_IS_PARTICIPANT_SCHEDULE (self));

  if (self->study == NULL)
    return;
  if (!trellis_study_get_schedule_facts (self->study, self->participant_id, &facts, &error) ||
      !show_timepoints (self, &facts, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The schedule cannot be read: %s"), error->message);

      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), message);
      return;
    }
  show_date (&self->events[TRELLIS_ANCHOR_WORKSHOP], facts.anchors[TRELLIS_ANCHOR_WORKSHOP]);
  show_date (&self->events[TRELLIS_ANCHOR_COACHING], facts.anchors[TRELLIS_ANCHOR_COACHING]);
  sync_editable (self);
}

void
trellis_participant_schedule_set_participant (TrellisParticipantSchedule *self,
                                              TrellisStudy               *study,
                                              gint64                      participant_id)
{
  g_return_if_fail (TRELLIS_IS_PARTICIPANT_SCHEDULE (self));
  g_return_if_fail (study == NULL || TRELLIS_IS_STUDY (study));

  if (self->study != NULL)
    g_clear_signal_handler (&self->schedule_handler, self->study);
  g_set_object (&self->study, study);
  self->participant_id = participant_id;
  if (study != NULL)
    self->schedule_handler = g_signal_connect_object (study, "schedule-changed",
                                                      G_CALLBACK (trellis_participant_schedule_reload),
                                                      self, G_CONNECT_SWAPPED);
  trellis_participant_schedule_reload (self);
}

static void
trellis_participant_schedule_dispose (GObject *object)
{
  TrellisParticipantSchedule *self = TRELLIS_PARTICIPANT_SCHEDULE (object);

  if (self->study != NULL)
    g_clear_signal_handler (&self->schedule_handler, self->study);
  g_clear_object (&self->study);
  g_clear_pointer (&self->timepoint_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (trellis_participant_schedule_parent_class)->dispose (object);
}

static void
trellis_participant_schedule_class_init (TrellisParticipantScheduleClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = trellis_participant_schedule_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/trellis/Trellis/trellis-participant-schedule.ui");
  gtk_widget_class_bind_template_child (widget_class, TrellisParticipantSchedule, workshop_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisParticipantSchedule, coaching_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisParticipantSchedule, workshop_clear);
  gtk_widget_class_bind_template_child (widget_class, TrellisParticipantSchedule, coaching_clear);
  gtk_widget_class_bind_template_callback (widget_class, on_workshop_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_coaching_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_workshop_clear);
  gtk_widget_class_bind_template_callback (widget_class, on_coaching_clear);
  gtk_widget_class_bind_template_callback (widget_class, on_workshop_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_coaching_changed);
}

static void
trellis_participant_schedule_init (TrellisParticipantSchedule *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->timepoint_rows = g_ptr_array_new ();
  self->events[TRELLIS_ANCHOR_WORKSHOP] = (EventField) { self->workshop_row, self->workshop_clear,
                                                         N_("Workshop Attended") };
  self->events[TRELLIS_ANCHOR_COACHING] = (EventField) { self->coaching_row, self->coaching_clear,
                                                         N_("Coaching Call Held") };
}
