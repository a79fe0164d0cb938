/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-date.h"
#include "trellis-form-util.h"
#include "trellis-item-row.h"
#include "trellis-storage-error.h"
#include "trellis-study-measures.h"
#include "trellis-study-register.h"
#include "trellis-visit-dialog.h"

/* Data entry is typing from paper, many forms in a row, so the form is built
 * for the keyboard: the cursor starts in the first empty answer, a digit that
 * completes an answer moves on, Tab goes from answer to answer, Enter saves
 * and opens the next participant due at the same timepoint, Escape closes.
 * Every answer is checked as it is typed and every score shown as it forms;
 * the store checks everything again when saving, and whatever it refuses is
 * shown in a banner that stays until it no longer applies. */

/* One instrument's part of the form. */
typedef struct
{
  TrellisVisitDialog *dialog;   /* weak: owns the section */
  TrellisInstrument *instrument;
  AdwPreferencesGroup *group;
  GtkLabel *score_label;
  GPtrArray *rows;              /* TrellisItemRow, owned by the group */
  GtkWidget *given_row;         /* says the score was imported, shown in place of the items */
  gboolean given;               /* a score on file imported without items */
} Section;

struct _TrellisVisitDialog
{
  AdwWindow parent_instance;

  TrellisStudy *study;
  TrellisTimepoint *timepoint;
  TrellisParticipant *participant;
  gint64 participant_id;
  gint64 timepoint_id;
  guint32 today;
  char *completed_date;   /* as on file, NULL when not completed */
  gboolean missed;        /* as on file */
  gboolean can_edit;      /* a writable study, and data may be recorded for them */
  gboolean loading;       /* the form is being filled in from the file */
  gboolean dirty;         /* something was typed since the form was filled in */
  GPtrArray *sections;
  TrellisItemRow *advance_from;   /* the answer just completed */
  guint advance_id;

  AdwToastOverlay *toast_overlay;
  AdwWindowTitle *window_title;
  GtkWidget *cancel_button;
  GtkRevealer *banner_revealer;
  GtkImage *banner_icon;
  GtkLabel *banner_label;
  AdwPreferencesPage *page;
  GtkLabel *code_label;
  GtkLabel *cohort_label;
  GtkLabel *timepoint_label;
  GtkLabel *status_label;
  AdwPreferencesGroup *visit_group;
  AdwActionRow *due_row;
  GtkWidget *missed_button;
  GtkWidget *not_missed_button;
  AdwActionRow *date_row;
  GtkEntry *date_entry;
};

G_DEFINE_FINAL_TYPE (TrellisVisitDialog, trellis_visit_dialog, ADW_TYPE_WINDOW)

static void
section_free (Section *section)
{
  g_clear_object (&section->instrument);
  g_clear_pointer (&section->rows, g_ptr_array_unref);
  g_free (section);
}

/* ---- Small pieces ---- */

static void
set_pill (GtkLabel   *label,
          const char *text,
          const char *tone)
{
  const char *classes[] = { "consent-pill", tone, NULL };

  gtk_label_set_text (label, text);
  gtk_widget_set_css_classes (GTK_WIDGET (label), classes);
}

static const char *
status_tone (TrellisVisitStatus status)
{
  static const char *const tones[] = {
    [TRELLIS_VISIT_NOT_YET_DUE] = "none",
    [TRELLIS_VISIT_DUE] = "accent",
    [TRELLIS_VISIT_OVERDUE] = "warning",
    [TRELLIS_VISIT_COMPLETED] = "success",
    [TRELLIS_VISIT_MISSED] = "error",
    [TRELLIS_VISIT_NOT_APPLICABLE] = "none",
  };

  return (guint) status < G_N_ELEMENTS (tones) ? tones[status] : "none";
}

static void
toast (TrellisVisitDialog *self,
       const char         *message)
{
  AdwToast *t = adw_toast_new (message);

  adw_toast_set_timeout (t, 4);
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

static void
show_banner (TrellisVisitDialog *self,
             const char         *icon_name,
             const char         *message)
{
  gtk_image_set_from_icon_name (self->banner_icon, icon_name);
  gtk_label_set_text (self->banner_label, message);
  gtk_revealer_set_reveal_child (self->banner_revealer, TRUE);
}

static void
hide_banner (TrellisVisitDialog *self)
{
  gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
}

static char *
format_julian (guint32 day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, day);
  return trellis_date_format (&date);
}

/* ---- Scores ---- */

/* A mean reads to two decimals, as the BRS is reported; a sum or a count is
 * a whole number unless the missing-item rule prorated it. */
static char *
format_score (TrellisScoringMethod method,
              double               value)
{
  if (method == TRELLIS_SCORING_MEAN)
    return g_strdup_printf ("%.2f", value);
  if (value == (double) (gint64) value)
    return g_strdup_printf ("%.0f", value);
  return g_strdup_printf ("%.1f", value);
}

static char *
describe_score (TrellisInstrument *instrument,
                const int         *values,
                gboolean          *scored)
{
  guint n_items = trellis_instrument_get_items (instrument)->len;
  g_autofree char *number = NULL;
  const TrellisScoreBand *bands;
  TrellisScoringRule rule;
  TrellisScore score;
  const char *band;
  guint n_bands;

  trellis_instrument_get_rule (instrument, &rule);
  trellis_instrument_score (instrument, values, &score);
  *scored = !score.missing;
  if (score.answered == 0)
    return g_strdup (_("Not answered"));
  if (score.missing)
    return g_strdup_printf (_("Not scored: %d of %u answered, needs %d"), score.answered, n_items,
                            rule.min_answered);
  number = format_score (rule.method, score.value);
  bands = trellis_instrument_get_bands (instrument, &n_bands);
  band = n_bands > 0 ? trellis_scoring_band (bands, n_bands, score.value) : NULL;
  if (band != NULL)
    /* TRANSLATORS: an instrument's score and its band, e.g. "Score 3.50 · normal". */
    return g_strdup_printf (_("Score %s · %s"), number, band);
  return g_strdup_printf (_("Score %s"), number);
}

/* The section's answers, TRELLIS_ITEM_UNANSWERED where blank or not valid;
 * FALSE if any is not valid. */
static gboolean
section_collect (Section *section,
                 int     *values)
{
  gboolean valid = TRUE;

  for (guint i = 0; i < section->rows->len; i++)
    valid &= trellis_item_row_get_value (section->rows->pdata[i], &values[i]) != TRELLIS_ITEM_ROW_INVALID;
  return valid;
}

static gboolean
update_score (Section *section)
{
  g_autofree int *values = g_new (int, MAX (section->rows->len, 1));
  gboolean valid = section_collect (section, values);
  gboolean scored = FALSE;
  g_autofree char *text = describe_score (section->instrument, values, &scored);

  set_pill (section->score_label, text, scored ? "accent" : "none");
  return valid;
}

/* ---- Whether the form can be saved ---- */

static gboolean
check_date (TrellisVisitDialog *self)
{
  g_autofree char *text = trellis_form_get_text (GTK_EDITABLE (self->date_entry));
  g_autofree char *problem = NULL;
  gboolean valid = trellis_form_check_date (text, TRUE, &problem);

  if (valid && trellis_date_to_julian_or_zero (text) > self->today)
    {
      problem = g_strdup_printf (_("%s is in the future"), text);
      valid = FALSE;
    }
  /* A form nobody can fill in has nothing to put right. */
  if (!self->can_edit)
    g_clear_pointer (&problem, g_free);
  trellis_form_show_problem (self->date_row, GTK_WIDGET (self->date_entry), NULL, problem);
  return valid;
}

/* A form can be saved when every answer typed is valid and there is at least
 * one: Enter on a form left empty by mistake must not record a completed
 * visit with no answers. A completed visit may be emptied, though. */
static void
sync_save (TrellisVisitDialog *self)
{
  gboolean valid = check_date (self);
  gboolean any = self->completed_date != NULL;

  for (guint i = 0; i < self->sections->len; i++)
    {
      Section *section = self->sections->pdata[i];
      g_autofree int *values = g_new (int, MAX (section->rows->len, 1));

      valid &= section_collect (section, values);
      for (guint j = 0; j < section->rows->len; j++)
        any |= values[j] != TRELLIS_ITEM_UNANSWERED;
    }
  valid &= any;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "visit.save", self->can_edit && valid);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "visit.save-next", self->can_edit && valid);
}

static void
on_date_changed (TrellisVisitDialog *self)
{
  if (self->sections == NULL)
    return;
  self->dirty |= !self->loading;
  sync_save (self);
}

/* ---- The items ---- */

static void
on_row_value_changed (TrellisItemRow *row,
                      Section        *section)
{
  update_score (section);
  section->dialog->dirty |= !section->dialog->loading;
  sync_save (section->dialog);
}

/* The row after ROW in the whole form, across instruments, or NULL. */
static TrellisItemRow *
row_after (TrellisVisitDialog *self,
           TrellisItemRow     *row)
{
  gboolean found = FALSE;

  for (guint i = 0; i < self->sections->len; i++)
    {
      Section *section = self->sections->pdata[i];

      for (guint j = 0; j < section->rows->len; j++)
        {
          if (found && !section->given)
            return section->rows->pdata[j];
          found = section->rows->pdata[j] == row;
        }
    }
  return NULL;
}

static gboolean
advance (gpointer data)
{
  TrellisVisitDialog *self = data;
  TrellisItemRow *next = row_after (self, self->advance_from);

  self->advance_id = 0;
  if (next != NULL)
    gtk_widget_grab_focus (trellis_item_row_get_field (next));
  return G_SOURCE_REMOVE;
}

/* A complete answer moves the cursor on, as Tab would; after the last item
 * it stays, so that Enter saves. The move waits until the field has taken
 * the keystroke in full. */
static void
on_row_completed (TrellisItemRow *row,
                  Section        *section)
{
  TrellisVisitDialog *self = section->dialog;

  self->advance_from = row;
  if (self->advance_id == 0)
    self->advance_id = g_idle_add (advance, self);
}

static Section *
new_section (TrellisVisitDialog *self,
             TrellisInstrument  *instrument)
{
  Section *section = g_new0 (Section, 1);
  GPtrArray *items = trellis_instrument_get_items (instrument);
  g_autofree char *rule_text = NULL;
  TrellisScoringRule rule;

  section->dialog = self;
  section->instrument = g_object_ref (instrument);
  section->rows = g_ptr_array_new ();
  section->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  section->score_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_valign (GTK_WIDGET (section->score_label), GTK_ALIGN_CENTER);
  trellis_instrument_get_rule (instrument, &rule);
  rule_text = trellis_scoring_rule_describe (&rule, items->len);
  adw_preferences_group_set_title (section->group, trellis_instrument_get_label (instrument));
  adw_preferences_group_set_description (section->group, rule_text);
  adw_preferences_group_set_header_suffix (section->group, GTK_WIDGET (section->score_label));
  gtk_widget_set_name (GTK_WIDGET (section->group), trellis_instrument_get_code (instrument));
  for (guint i = 0; i < items->len; i++)
    {
      TrellisItemRow *row = trellis_item_row_new (items->pdata[i], i + 1);

      gtk_widget_set_name (GTK_WIDGET (row), trellis_item_get_code (items->pdata[i]));
      g_signal_connect (row, "value-changed", G_CALLBACK (on_row_value_changed), section);
      g_signal_connect (row, "completed", G_CALLBACK (on_row_completed), section);
      adw_preferences_group_add (section->group, GTK_WIDGET (row));
      g_ptr_array_add (section->rows, row);
    }
  section->given_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (section->given_row), _("Imported as a score, with no items"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (section->given_row),
                               _("It is shown as it was given and cannot be changed here"));
  gtk_widget_set_name (section->given_row, "given_row");
  gtk_widget_set_visible (section->given_row, FALSE);
  adw_preferences_group_add (section->group, section->given_row);
  adw_preferences_page_add (self->page, section->group);
  update_score (section);
  return section;
}

static void
build_sections (TrellisVisitDialog *self)
{
  GListModel *instruments = trellis_study_get_instruments (self->study);

  self->sections = g_ptr_array_new_with_free_func ((GDestroyNotify) section_free);
  for (guint i = 0; i < g_list_model_get_n_items (instruments); i++)
    {
      g_autoptr(TrellisInstrument) instrument = g_list_model_get_item (instruments, i);

      g_ptr_array_add (self->sections, new_section (self, instrument));
    }
}

/* A score imported without items is shown as it was given, with no items
 * to fill in: answers typed here would replace a score that came from
 * elsewhere, so the section is read-only. */
static void
show_given (Section                   *section,
            const TrellisVisitAnswers *answers)
{
  const char *code = trellis_instrument_get_code (section->instrument);
  g_autofree char *number = NULL;
  g_autofree char *text = NULL;
  TrellisScoringRule rule;
  double score = 0;

  section->given = trellis_visit_answers_get_given (answers, code, &score);
  for (guint j = 0; j < section->rows->len; j++)
    gtk_widget_set_visible (GTK_WIDGET (section->rows->pdata[j]), !section->given);
  gtk_widget_set_visible (section->given_row, section->given);
  if (!section->given)
    return;
  trellis_instrument_get_rule (section->instrument, &rule);
  number = format_score (rule.method, score);
  /* TRANSLATORS: a score imported without its items, e.g. "Score 3.50 · imported". */
  text = g_strdup_printf (_("Score %s · imported"), number);
  set_pill (section->score_label, text, "accent");
}

static void
fill_values (TrellisVisitDialog        *self,
             const TrellisVisitAnswers *answers)
{
  for (guint i = 0; i < self->sections->len; i++)
    {
      Section *section = self->sections->pdata[i];
      guint n_values = 0;
      const int *values = trellis_visit_answers_get_values (answers,
                                                            trellis_instrument_get_code (section->instrument),
                                                            &n_values);

      for (guint j = 0; j < section->rows->len; j++)
        trellis_item_row_set_value (section->rows->pdata[j],
                                    values != NULL && j < n_values ? values[j] : TRELLIS_ITEM_UNANSWERED);
      update_score (section);
      show_given (section, answers);
    }
}

/* The cursor goes where typing starts: the first answer not yet given. */
static void
focus_first_empty (TrellisVisitDialog *self)
{
  TrellisItemRow *first = NULL;

  if (!self->can_edit)
    {
      gtk_widget_grab_focus (self->cancel_button);
      return;
    }
  for (guint i = 0; i < self->sections->len; i++)
    {
      Section *section = self->sections->pdata[i];

      for (guint j = 0; j < section->rows->len; j++)
        {
          TrellisItemRow *row = section->rows->pdata[j];

          if (!gtk_widget_get_visible (GTK_WIDGET (row)))
            continue;
          if (first == NULL)
            first = row;
          if (trellis_item_row_get_value (row, NULL) == TRELLIS_ITEM_ROW_EMPTY)
            {
              gtk_widget_grab_focus (trellis_item_row_get_field (row));
              return;
            }
        }
    }
  gtk_widget_grab_focus (first != NULL ? trellis_item_row_get_field (first) : GTK_WIDGET (self->date_entry));
}

/* ---- Who and when ---- */

static void
show_header (TrellisVisitDialog *self)
{
  const char *code = trellis_participant_get_code (self->participant);
  const char *tp_code = trellis_timepoint_get_code (self->timepoint);
  g_autofree char *title = g_strdup_printf (_("%s at %s"), code, tp_code);
  g_autofree char *timepoint = g_strdup_printf ("%s · %s", tp_code, trellis_timepoint_get_label (self->timepoint));

  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, trellis_timepoint_get_label (self->timepoint));
  gtk_label_set_text (self->code_label, code);
  gtk_label_set_text (self->cohort_label, trellis_participant_get_cohort_name (self->participant));
  set_pill (self->timepoint_label, timepoint, "none");
}

static char *
describe_window (const TrellisVisitSlot *slot)
{
  g_autofree char *due = format_julian (slot->due);
  g_autofree char *opens = NULL;
  g_autofree char *closes = NULL;

  if (slot->opens == slot->due && slot->closes == slot->due)
    return g_strdup_printf (_("%s, on that day only"), due);
  opens = format_julian (slot->opens);
  closes = format_julian (slot->closes);
  return g_strdup_printf (_("%s, window %s to %s"), due, opens, closes);
}

static char *
describe_slot (TrellisVisitDialog     *self,
               const TrellisVisitSlot *slot)
{
  g_autofree char *window = NULL;

  if (slot->due == 0)
    return g_strdup_printf (_("Not yet known: counted from “%s”, which is not recorded for them"),
                            trellis_anchor_describe (trellis_timepoint_get_anchor (self->timepoint)));
  window = describe_window (slot);
  if (self->completed_date != NULL && slot->out_of_window)
    return g_strdup_printf (_("%s. Completed on %s, outside the window."), window, self->completed_date);
  if (self->completed_date != NULL)
    return g_strdup_printf (_("%s. Completed on %s."), window, self->completed_date);
  return g_steal_pointer (&window);
}

static gboolean
show_slot (TrellisVisitDialog  *self,
           GError             **error)
{
  TrellisScheduleFacts facts = { { 0 } };
  TrellisVisitRecord record = { 0 };
  TrellisScheduleRule rule;
  TrellisVisitSlot slot;
  g_autofree char *text = NULL;

  if (!trellis_study_get_schedule_facts (self->study, self->participant_id, &facts, error))
    return FALSE;
  record.completed = trellis_date_to_julian_or_zero (self->completed_date);
  record.marked_missed = self->missed;
  trellis_timepoint_get_rule (self->timepoint, &rule);
  trellis_schedule_place (&rule, &facts, &record, self->today, &slot);
  text = describe_slot (self, &slot);
  adw_action_row_set_subtitle (self->due_row, text);
  set_pill (self->status_label, trellis_visit_status_describe (slot.status), status_tone (slot.status));
  return TRUE;
}

/* Nothing is entered for someone who withdrew from further data, nor in a
 * study open read-only: the banner says why, in the register's words, and
 * the form shows what is on file without letting it change. */
static void
check_can_edit (TrellisVisitDialog *self)
{
  g_autoptr(GError) refusal = NULL;

  self->can_edit = FALSE;
  if (trellis_study_is_read_only (self->study))
    show_banner (self, "changes-prevent-symbolic",
                 _("The study is open read-only: answers can be read here but not changed."));
  else if (!trellis_participant_check_can_record (self->participant, &refusal))
    show_banner (self, "action-unavailable-symbolic", refusal->message);
  else
    self->can_edit = TRUE;
  if (self->can_edit)
    hide_banner (self);
}

static void
sync_editable (TrellisVisitDialog *self)
{
  gboolean completed = self->completed_date != NULL;

  for (guint i = 0; i < self->sections->len; i++)
    gtk_widget_set_sensitive (GTK_WIDGET (((Section *) self->sections->pdata[i])->group), self->can_edit);
  gtk_widget_set_sensitive (GTK_WIDGET (self->date_row), self->can_edit);
  gtk_widget_set_visible (self->missed_button, self->can_edit && !completed && !self->missed);
  gtk_widget_set_visible (self->not_missed_button, self->can_edit && self->missed);
  /* Nothing typed here is lost when nothing can be typed. */
  gtk_button_set_label (GTK_BUTTON (self->cancel_button), self->can_edit ? _("_Cancel") : _("_Close"));
  /* Today's date would read as a completion that never happened. */
  if (!self->can_edit && !completed)
    {
      self->loading = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->date_entry), "");
      self->loading = FALSE;
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "visit.mark-missed", self->can_edit);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "visit.undo-missed", self->can_edit);
  sync_save (self);
}

static gboolean
load_visit (TrellisVisitDialog  *self,
            GError             **error)
{
  g_autoptr(TrellisVisitAnswers) answers = NULL;
  g_autofree char *today = format_julian (self->today);

  answers = trellis_study_load_visit (self->study, self->participant_id, self->timepoint_id, error);
  if (answers == NULL)
    return FALSE;
  g_free (self->completed_date);
  self->completed_date = g_strdup (answers->completed_date);
  self->missed = answers->missed;
  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->date_entry),
                         self->completed_date != NULL ? self->completed_date : today);
  fill_values (self, answers);
  self->loading = FALSE;
  self->dirty = FALSE;
  return TRUE;
}

/* Shows the form of PARTICIPANT_ID at the dialog's timepoint, with what is on
 * file for them. On an error the form stays as it was. */
gboolean
trellis_visit_dialog_show_participant (TrellisVisitDialog  *self,
                                       gint64               participant_id,
                                       GError             **error)
{
  g_autoptr(TrellisParticipant) participant = NULL;
  gint64 previous = self->participant_id;

  g_return_val_if_fail (TRELLIS_IS_VISIT_DIALOG (self), FALSE);

  participant = trellis_study_get_participant (self->study, participant_id, error);
  if (participant == NULL)
    return FALSE;
  self->today = trellis_study_today ();
  self->participant_id = participant_id;
  if (!load_visit (self, error) || !show_slot (self, error))
    {
      self->participant_id = previous;
      return FALSE;
    }
  g_set_object (&self->participant, participant);
  show_header (self);
  check_can_edit (self);
  sync_editable (self);
  /* A move still pending from the last form would leave the first answer. */
  g_clear_handle_id (&self->advance_id, g_source_remove);
  focus_first_empty (self);
  return TRUE;
}

/* ---- Saving ---- */

static TrellisVisitAnswers *
collect_answers (TrellisVisitDialog *self)
{
  TrellisVisitAnswers *answers = trellis_visit_answers_new (self->participant_id, self->timepoint_id);
  g_autofree char *date = trellis_form_get_text (GTK_EDITABLE (self->date_entry));

  trellis_visit_answers_set_date (answers, date);
  for (guint i = 0; i < self->sections->len; i++)
    {
      Section *section = self->sections->pdata[i];
      g_autofree int *values = g_new (int, MAX (section->rows->len, 1));

      section_collect (section, values);
      trellis_visit_answers_set_values (answers, trellis_instrument_get_code (section->instrument), values,
                                        section->rows->len);
    }
  return answers;
}

static guint
find_timepoint_column (TrellisVisitTable *table,
                       gint64             timepoint_id)
{
  for (guint t = 0; t < trellis_visit_table_get_n_timepoints (table); t++)
    if (trellis_timepoint_get_id (trellis_visit_table_get_timepoint (table, t)) == timepoint_id)
      return t;
  return G_MAXUINT;
}

/* The next participant in code order, after this one and round to the
 * start, whose questionnaire at this timepoint is due or overdue; 0 when
 * there is nobody left. */
static gint64
find_next_participant (TrellisVisitDialog  *self,
                       GError             **error)
{
  g_autoptr(TrellisVisitTable) table = trellis_study_read_visit_table (self->study, self->today, error);
  guint column, n_rows, current = 0;

  if (table == NULL)
    return -1;
  column = find_timepoint_column (table, self->timepoint_id);
  n_rows = trellis_visit_table_get_n_rows (table);
  for (guint r = 0; r < n_rows; r++)
    if (trellis_visit_table_get_participant_id (table, r) == self->participant_id)
      current = r;
  for (guint k = 1; column != G_MAXUINT && k < n_rows; k++)
    {
      guint r = (current + k) % n_rows;
      TrellisVisitStatus status = trellis_visit_table_get_slot (table, r, column)->status;

      if (status == TRELLIS_VISIT_DUE || status == TRELLIS_VISIT_OVERDUE)
        return trellis_visit_table_get_participant_id (table, r);
    }
  return 0;
}

static void
move_on (TrellisVisitDialog *self,
         const char         *saved_code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gint64 next = find_next_participant (self, &error);

  if (next > 0 && trellis_visit_dialog_show_participant (self, next, &error))
    {
      message = g_strdup_printf (_("%s saved. Next due at %s: %s"), saved_code,
                                 trellis_timepoint_get_code (self->timepoint),
                                 trellis_participant_get_code (self->participant));
      toast (self, message);
      return;
    }
  trellis_visit_dialog_show_participant (self, self->participant_id, NULL);
  if (error != NULL)
    {
      show_banner (self, "dialog-error-symbolic", error->message);
      return;
    }
  message = g_strdup_printf (_("%s saved. Nobody else is due at %s."), saved_code,
                             trellis_timepoint_get_code (self->timepoint));
  toast (self, message);
}

static void
save (TrellisVisitDialog *self,
      gboolean            next)
{
  g_autoptr(TrellisVisitAnswers) answers = collect_answers (self);
  g_autofree char *code = g_strdup (trellis_participant_get_code (self->participant));
  g_autofree char *message = NULL;
  g_autoptr(GError) error = NULL;

  if (!trellis_study_save_visit (self->study, answers, &error))
    {
      show_banner (self, "dialog-error-symbolic", error->message);
      return;
    }
  hide_banner (self);
  if (next)
    {
      move_on (self, code);
      return;
    }
  trellis_visit_dialog_show_participant (self, self->participant_id, NULL);
  message = g_strdup_printf (_("%s saved"), code);
  toast (self, message);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  save (TRELLIS_VISIT_DIALOG (widget), FALSE);
}

static void
save_next_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  save (TRELLIS_VISIT_DIALOG (widget), TRUE);
}

/* Marking missed can be undone, so it is not asked about twice. */
static void
set_missed (TrellisVisitDialog *self,
            gboolean            missed)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!trellis_study_set_visit_missed (self->study, self->participant_id, self->timepoint_id, missed, &error))
    {
      show_banner (self, "dialog-error-symbolic", error->message);
      return;
    }
  hide_banner (self);
  trellis_visit_dialog_show_participant (self, self->participant_id, NULL);
  message = missed ? g_strdup_printf (_("%s marked missed for %s"), trellis_timepoint_get_code (self->timepoint),
                                      trellis_participant_get_code (self->participant))
                   : g_strdup_printf (_("%s no longer marked missed for %s"),
                                      trellis_timepoint_get_code (self->timepoint),
                                      trellis_participant_get_code (self->participant));
  toast (self, message);
}

static void
mark_missed_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  set_missed (TRELLIS_VISIT_DIALOG (widget), TRUE);
}

static void
undo_missed_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  set_missed (TRELLIS_VISIT_DIALOG (widget), FALSE);
}

/* ---- Closing ---- */

static void
on_discard_response (AdwMessageDialog   *dialog,
                     const char         *response,
                     TrellisVisitDialog *self)
{
  if (g_strcmp0 (response, "discard") != 0)
    return;
  self->dirty = FALSE;
  /* GTK 4.8 leaves a dangling parent in a dialog whose parent goes first, so
   * the form only hides now and goes once the question has closed. */
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (gtk_window_destroy), self, G_CONNECT_SWAPPED);
}

/* Escape is one key away from the answers: answers typed and not saved are
 * only thrown away when the person says so. */
static gboolean
trellis_visit_dialog_close_request (GtkWindow *window)
{
  TrellisVisitDialog *self = TRELLIS_VISIT_DIALOG (window);
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;

  if (!self->dirty || !self->can_edit)
    return GTK_WINDOW_CLASS (trellis_visit_dialog_parent_class)->close_request (window);
  heading = g_strdup_printf (_("Discard the Answers for %s?"), trellis_participant_get_code (self->participant));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window, heading,
                                                       _("What was typed on this form has not been saved.")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Keep Editing"), "discard", _("_Discard"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_discard_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/* ---- The type ---- */

static TrellisTimepoint *
find_timepoint (TrellisStudy  *study,
                gint64         timepoint_id,
                GError       **error)
{
  GListModel *timepoints = trellis_study_get_timepoints (study);

  for (guint i = 0; i < g_list_model_get_n_items (timepoints); i++)
    {
      g_autoptr(TrellisTimepoint) timepoint = g_list_model_get_item (timepoints, i);

      if (trellis_timepoint_get_id (timepoint) == timepoint_id)
        return g_steal_pointer (&timepoint);
    }
  g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_NOT_FOUND,
               _("That timepoint is no longer in the study's plan"));
  return NULL;
}

TrellisVisitDialog *
trellis_visit_dialog_new (GtkWindow     *parent,
                          TrellisStudy  *study,
                          gint64         participant_id,
                          gint64         timepoint_id,
                          GError       **error)
{
  g_autoptr(TrellisTimepoint) timepoint = NULL;
  TrellisVisitDialog *self;

  g_return_val_if_fail (TRELLIS_IS_STUDY (study), NULL);

  timepoint = find_timepoint (study, timepoint_id, error);
  if (timepoint == NULL)
    return NULL;
  self = g_object_new (TRELLIS_TYPE_VISIT_DIALOG, "transient-for", parent, NULL);
  self->study = g_object_ref (study);
  self->timepoint = g_steal_pointer (&timepoint);
  self->timepoint_id = timepoint_id;
  build_sections (self);
  if (!trellis_visit_dialog_show_participant (self, participant_id, error))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return NULL;
    }
  return self;
}

gint64
trellis_visit_dialog_get_participant_id (TrellisVisitDialog *self)
{
  g_return_val_if_fail (TRELLIS_IS_VISIT_DIALOG (self), 0);
  return self->participant_id;
}

gint64
trellis_visit_dialog_get_timepoint_id (TrellisVisitDialog *self)
{
  g_return_val_if_fail (TRELLIS_IS_VISIT_DIALOG (self), 0);
  return self->timepoint_id;
}

static void
trellis_visit_dialog_dispose (GObject *object)
{
  TrellisVisitDialog *self = TRELLIS_VISIT_DIALOG (object);

  g_clear_handle_id (&self->advance_id, g_source_remove);
  g_clear_pointer (&self->sections, g_ptr_array_unref);
  g_clear_pointer (&self->completed_date, g_free);
  g_clear_object (&self->participant);
  g_clear_object (&self->timepoint);
  g_clear_object (&self->study);

  G_OBJECT_CLASS (trellis_visit_dialog_parent_class)->dispose (object);
}

static void
bind_template (GtkWidgetClass *widget_class)
{
  gtk_widget_class_set_template_from_resource (widget_class, "/org/trellis/Trellis/trellis-visit-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TrellisVisitDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TrellisVisitDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, TrellisVisitDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, TrellisVisitDialog, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, TrellisVisitDialog, banner_icon);
  gtk_widget_class_bind_template_child (widget_class, TrellisVisitDialog, banner_label);
  gtk_widget_class_bind_template_child (widget_class, TrellisVisitDialog, page);
  gtk_widget_class_bind_template_child (widget_class, TrellisVisitDialog, code_label);
  gtk_widget_class_bind_template_child (widget_class, TrellisVisitDialog, cohort_label);
  gtk_widget_class_bind_template_child (widget_class, TrellisVisitDialog, timepoint_label);
  gtk_widget_class_bind_template_child (widget_class, TrellisVisitDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, TrellisVisitDialog, visit_group);
  gtk_widget_class_bind_template_child (widget_class, TrellisVisitDialog, due_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisVisitDialog, missed_button);
  gtk_widget_class_bind_template_child (widget_class, TrellisVisitDialog, not_missed_button);
  gtk_widget_class_bind_template_child (widget_class, TrellisVisitDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisVisitDialog, date_entry);
  /* Not needed here, but named for tests that press them. */
  gtk_widget_class_bind_template_child_full (widget_class, "save_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "save_next_button", FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, on_date_changed);
}

static void
trellis_visit_dialog_class_init (TrellisVisitDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = trellis_visit_dialog_dispose;
  GTK_WINDOW_CLASS (klass)->close_request = trellis_visit_dialog_close_request;

  bind_template (widget_class);
  gtk_widget_class_install_action (widget_class, "visit.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "visit.save-next", NULL, save_next_action);
  gtk_widget_class_install_action (widget_class, "visit.mark-missed", NULL, mark_missed_action);
  gtk_widget_class_install_action (widget_class, "visit.undo-missed", NULL, undo_missed_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "visit.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
trellis_visit_dialog_init (TrellisVisitDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
