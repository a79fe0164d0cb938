/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>

#include "trellis-application.h"
#include "trellis-interview-draw-dialog.h"
#include "trellis-interview-schedule-dialog.h"
#include "trellis-interviews-page-private.h"
#include "trellis-interviews-rows.h"
#include "trellis-study-interviews.h"
#include "trellis-study-measures.h"

/* Interviews: the rule for who may be drawn and who it lets in, the draws
 * with their seeds and fingerprints, and, in the interviewer's and PI's
 * views only, whom each draw picked, with replacements for those who
 * decline.
 *
 * Concealing the picks from the coordinator's view keeps the person who
 * runs recruitment and data collection from knowing who will be
 * interviewed. It is a guard-rail on a shared desktop, not security: the
 * page says so, and anyone at the computer can switch views.
 *
 * The eligible list reads everyone's schedule, so it is read in a worker;
 * the draws are a handful of rows and are read at once. */

G_DEFINE_FINAL_TYPE (TrellisInterviewsPage, trellis_interviews_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_ROLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_TOAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void start_eligible_read (TrellisInterviewsPage *self);

void
trellis_interviews_page_toast (TrellisInterviewsPage *self,
                               const char            *message)
{
  g_signal_emit (self, signals[SIGNAL_TOAST], 0, message);
}

gboolean
trellis_interviews_page_editable (TrellisInterviewsPage *self)
{
  return self->study != NULL && !trellis_study_is_read_only (self->study);
}

gboolean
trellis_interviews_page_reveals_picks (TrellisInterviewsPage *self)
{
  return g_strcmp0 (self->role, "coordinator") != 0;
}

static void
clear_rows (AdwPreferencesGroup *group,
            GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, rows->pdata[i]);
  g_ptr_array_set_size (rows, 0);
}

static void
add_row (AdwPreferencesGroup *group,
         GPtrArray           *rows,
         GtkWidget           *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (rows, row);
}

static void
sync_actions (TrellisInterviewsPage *self)
{
  gboolean can_draw = trellis_interviews_page_editable (self) && self->list != NULL &&
                      trellis_eligible_list_count (self->list) > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "interviews.draw", can_draw);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "interviews.replace", trellis_interviews_page_editable (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "interviews.schedule", trellis_interviews_page_editable (self));
  trellis_interviews_page_sync_moves (self);
}

/* ---- The role ---- */

static void
sync_role_label (TrellisInterviewsPage *self)
{
  if (trellis_interviews_page_reveals_picks (self))
    gtk_label_set_text (self->role_label,
                        _("This view shows whom each draw picked. Role views are guard-rails on a shared desktop, "
                          "not security: switch back to the Coordinator view before you leave the computer."));
  else
    gtk_label_set_text (self->role_label,
                        _("The Coordinator view shows that a draw happened, not whom it picked. Role views are "
                          "guard-rails on a shared desktop, not security: anyone at this computer can switch."));
}

/* ---- Draws ---- */

static void
on_draw_expanded (AdwExpanderRow        *row,
                  GParamSpec            *pspec,
                  TrellisInterviewsPage *self)
{
  gint64 id = g_ascii_strtoll (gtk_widget_get_name (GTK_WIDGET (row)), NULL, 10);

  if (adw_expander_row_get_expanded (row))
    g_hash_table_add (self->expanded, g_memdup2 (&id, sizeof id));
  else
    g_hash_table_remove (self->expanded, &id);
}

/* Newest first: the draw a person just made is the one they look for. */
static void
fill_draws (TrellisInterviewsPage *self)
{
  clear_rows (self->draws_group, self->draw_rows);
  for (guint i = self->draws != NULL ? self->draws->len : 0; i > 0; i--)
    {
      TrellisStoredDraw *draw = g_ptr_array_index (self->draws, i - 1);
      GtkWidget *row = trellis_interviews_draw_row (draw, trellis_interviews_page_reveals_picks (self),
                                                    g_hash_table_lookup (self->verdicts, &draw->id),
                                                    self->interviews);
      g_autofree char *name = g_strdup_printf ("%" G_GINT64_FORMAT, draw->id);

      gtk_widget_set_name (row, name);
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), g_hash_table_contains (self->expanded, &draw->id));
      g_signal_connect_object (row, "notify::expanded", G_CALLBACK (on_draw_expanded), self, 0);
      add_row (self->draws_group, self->draw_rows, row);
    }
  gtk_widget_set_visible (self->empty_page, self->draw_rows->len == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->draws_group), self->draw_rows->len > 0);
}

static void
fill_pipeline (TrellisInterviewsPage *self)
{
  g_autoptr(GPtrArray) rows = self->draws != NULL ? trellis_interviews_pipeline_rows (self->draws) : NULL;

  clear_rows (self->pipeline_group, self->pipeline_rows);
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    add_row (self->pipeline_group, self->pipeline_rows, rows->pdata[i]);
  gtk_widget_set_visible (GTK_WIDGET (self->pipeline_group), self->pipeline_rows->len > 0);
}

static void
load_draws (TrellisInterviewsPage *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->draws, g_ptr_array_unref);
  if (self->study != NULL && (self->draws = trellis_study_list_draws (self->study, &error)) == NULL)
    trellis_interviews_page_toast (self, error->message);
  trellis_interviews_page_load_interviews (self);
  fill_draws (self);
  fill_pipeline (self);
  trellis_interviews_page_fill_list (self);
}

static TrellisStoredDraw *
find_draw (TrellisInterviewsPage *self,
           gint64                 id)
{
  for (guint i = 0; self->draws != NULL && i < self->draws->len; i++)
    if (((TrellisStoredDraw *) g_ptr_array_index (self->draws, i))->id == id)
      return g_ptr_array_index (self->draws, i);
  return NULL;
}

/* ---- The rule and who it lets in ---- */

static void
load_timepoints (TrellisInterviewsPage *self)
{
  GListModel *timepoints = self->study != NULL ? trellis_study_get_timepoints (self->study) : NULL;
  guint n = timepoints != NULL ? g_list_model_get_n_items (timepoints) : 0;
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autofree char *kept = NULL;
  guint selected;

  selected = adw_combo_row_get_selected (self->timepoint_row);
  if (selected < self->timepoint_codes->len)
    kept = g_strdup (self->timepoint_codes->pdata[selected]);
  g_ptr_array_set_size (self->timepoint_codes, 0);
  /* Interviews usually follow the last timepoint, so that is the default. */
  selected = n > 0 ? n - 1 : GTK_INVALID_LIST_POSITION;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TrellisTimepoint) timepoint = g_list_model_get_item (timepoints, i);
      const char *code = trellis_timepoint_get_code (timepoint);
      g_autofree char *text = g_strdup_printf ("%s — %s", code, trellis_timepoint_get_label (timepoint));

      gtk_string_list_append (labels, text);
      g_ptr_array_add (self->timepoint_codes, g_strdup (code));
      if (g_strcmp0 (code, kept) == 0)
        selected = i;
    }
  self->syncing_rule = TRUE;
  adw_combo_row_set_model (self->timepoint_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->timepoint_row, selected);
  self->syncing_rule = FALSE;
}

/* The rule as the form sets it; FALSE when the plan has no timepoint. */
static gboolean
current_rule (TrellisInterviewsPage       *self,
              TrellisInterviewEligibility *rule)
{
  guint selected = adw_combo_row_get_selected (self->timepoint_row);
  TrellisReachedCondition reached = adw_combo_row_get_selected (self->reached_row) == 1
                                      ? TRELLIS_REACHED_COMPLETED_OR_DUE : TRELLIS_REACHED_COMPLETED;

  if (selected >= self->timepoint_codes->len)
    return FALSE;
  return trellis_interview_eligibility_init (rule, self->timepoint_codes->pdata[selected], reached,
                                             gtk_switch_get_active (self->recorded_switch), NULL);
}

static void
fill_eligible (TrellisInterviewsPage *self)
{
  guint n = self->list != NULL ? trellis_eligible_list_count (self->list) : 0;
  g_autofree char *badge = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u eligible", "%u eligible", n), n);

  clear_rows (self->eligible_group, self->eligible_rows);
  for (guint i = 0; self->list != NULL && i < self->list->cohorts->len; i++)
    add_row (self->eligible_group, self->eligible_rows,
             trellis_interviews_eligible_row (g_ptr_array_index (self->list->cohorts, i)));
  if (self->list != NULL && n == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Nobody meets the rule today"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("Try “completed or due”, or interviews without video; the reasons are below."));
      add_row (self->eligible_group, self->eligible_rows, row);
    }
  gtk_label_set_text (self->eligible_badge, badge);
  gtk_widget_set_visible (GTK_WIDGET (self->eligible_badge), self->list != NULL);
}

static void
fill_ineligible (TrellisInterviewsPage *self)
{
  clear_rows (self->ineligible_group, self->ineligible_rows);
  for (int reason = TRELLIS_INTERVIEW_INELIGIBLE_WITHDRAWN;
       self->list != NULL && reason <= TRELLIS_INTERVIEW_INELIGIBLE_TIMEPOINT; reason++)
    {
      guint n = trellis_eligible_list_count_reason (self->list, reason);
      g_autofree char *text = NULL;

      if (n == 0)
        continue;
      text = trellis_interview_ineligible_describe (reason, &self->list->rule);
      add_row (self->ineligible_group, self->ineligible_rows, trellis_interviews_ineligible_row (text, n));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->ineligible_group), self->ineligible_rows->len > 0);
}

static void
set_loading (TrellisInterviewsPage *self,
             gboolean               loading)
{
  self->loading = loading;
  gtk_widget_set_visible (GTK_WIDGET (self->loading_spinner), loading);
  gtk_spinner_set_spinning (self->loading_spinner, loading);
}

static void
on_eligible_read (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(TrellisInterviewsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  TrellisEligibleList *list = trellis_study_read_eligible_finish (TRELLIS_STUDY (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_loading (self, FALSE);
  g_clear_pointer (&self->list, trellis_eligible_list_free);
  self->list = list;
  if (list == NULL)
    trellis_interviews_page_toast (self, error->message);
  fill_eligible (self);
  fill_ineligible (self);
  sync_actions (self);
}

static void
start_eligible_read (TrellisInterviewsPage *self)
{
  TrellisInterviewEligibility rule;
  g_autofree char *sentence = NULL;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->study == NULL || !current_rule (self, &rule))
    {
      set_loading (self, FALSE);
      adw_preferences_group_set_description (self->rule_group, _("Plan the study’s timepoints first, on the Overview page."));
      return;
    }
  sentence = trellis_interview_eligibility_describe (&rule);
  adw_preferences_group_set_description (self->rule_group, sentence);
  self->cancellable = g_cancellable_new ();
  set_loading (self, TRUE);
  trellis_study_read_eligible_async (self->study, &rule, trellis_study_today (), self->cancellable,
                                     on_eligible_read, g_object_ref (self));
}

static void
on_rule_changed (TrellisInterviewsPage *self)
{
  if (!self->syncing_rule)
    start_eligible_read (self);
}

/* ---- The study ---- */

void
trellis_interviews_page_reload (TrellisInterviewsPage *self)
{
  g_return_if_fail (TRELLIS_IS_INTERVIEWS_PAGE (self));

  self->stale = FALSE;
  g_hash_table_remove_all (self->verdicts);
  load_timepoints (self);
  load_draws (self);
  start_eligible_read (self);
  if (self->study == NULL)
    {
      g_clear_pointer (&self->list, trellis_eligible_list_free);
      fill_eligible (self);
      fill_ineligible (self);
    }
  sync_actions (self);
}

static void
reload_when_shown (TrellisInterviewsPage *self)
{
  if (self->study != NULL && !gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->stale = TRUE;
  else
    trellis_interviews_page_reload (self);
}

static void
disconnect_study (TrellisInterviewsPage *self)
{
  if (self->study == NULL)
    return;
  g_clear_signal_handler (&self->schedule_handler, self->study);
  g_clear_signal_handler (&self->interviews_handler, self->study);
}

/* Eligibility follows the register and the schedule (schedule-changed comes
 * after every register change too), and the draws (those drawn before are
 * not eligible again). */
void
trellis_interviews_page_set_study (TrellisInterviewsPage *self,
                                   TrellisStudy          *study)
{
  g_return_if_fail (TRELLIS_IS_INTERVIEWS_PAGE (self));
  g_return_if_fail (study == NULL || TRELLIS_IS_STUDY (study));

  disconnect_study (self);
  g_set_object (&self->study, study);
  g_hash_table_remove_all (self->expanded);
  if (study != NULL)
    {
      self->schedule_handler = g_signal_connect_object (study, "schedule-changed", G_CALLBACK (reload_when_shown),
                                                        self, G_CONNECT_SWAPPED);
      self->interviews_handler = g_signal_connect_object (study, "interviews-changed",
                                                          G_CALLBACK (reload_when_shown), self, G_CONNECT_SWAPPED);
    }
  reload_when_shown (self);
}

gboolean
trellis_interviews_page_get_loading (TrellisInterviewsPage *self)
{
  g_return_val_if_fail (TRELLIS_IS_INTERVIEWS_PAGE (self), FALSE);
  return self->loading || self->n_working > 0;
}

/* How many of COHORT the rule lets in, as the page shows it. */
guint
trellis_interviews_page_get_n_eligible (TrellisInterviewsPage *self,
                                        const char            *cohort)
{
  g_return_val_if_fail (TRELLIS_IS_INTERVIEWS_PAGE (self), 0);

  for (guint i = 0; self->list != NULL && i < self->list->cohorts->len; i++)
    {
      TrellisEligibleCohort *entry = g_ptr_array_index (self->list->cohorts, i);

      if (g_strcmp0 (entry->name, cohort) == 0)
        return entry->codes->len;
    }
  return 0;
}

const char *
trellis_interviews_page_get_role (TrellisInterviewsPage *self)
{
  g_return_val_if_fail (TRELLIS_IS_INTERVIEWS_PAGE (self), NULL);
  return self->role;
}

void
trellis_interviews_page_set_role (TrellisInterviewsPage *self,
                                  const char            *role)
{
  g_return_if_fail (TRELLIS_IS_INTERVIEWS_PAGE (self));
  g_return_if_fail (role != NULL);

  if (g_strcmp0 (self->role, role) == 0)
    return;
  g_free (self->role);
  self->role = g_strdup (role);
  sync_role_label (self);
  fill_draws (self);
  trellis_interviews_page_fill_list (self);
  sync_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROLE]);
}

/* ---- Actions ---- */

GtkWindow *
trellis_interviews_page_parent_window (TrellisInterviewsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
on_drawn (TrellisInterviewsPage *self,
          gint64                 draw_id)
{
  TrellisStoredDraw *draw;
  g_autofree char *summary = NULL;
  g_autofree char *message = NULL;

  /* The study has reloaded the page by now (interviews-changed). */
  g_hash_table_add (self->expanded, g_memdup2 (&draw_id, sizeof draw_id));
  fill_draws (self);
  draw = find_draw (self, draw_id);
  if (draw == NULL)
    return;
  summary = trellis_interviews_draw_summary (draw);
  message = g_strdup_printf (_("Draw %" PRId64 ": %s"), draw_id, summary);
  trellis_interviews_page_toast (self, message);
}

static void
draw_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TrellisInterviewsPage *self = TRELLIS_INTERVIEWS_PAGE (widget);
  TrellisInterviewDrawDialog *dialog;

  if (!trellis_interviews_page_editable (self) || self->list == NULL)
    return;
  dialog = trellis_interview_draw_dialog_new (trellis_interviews_page_parent_window (self), self->study, self->list);
  g_signal_connect_object (dialog, "drawn", G_CALLBACK (on_drawn), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* What a replacement's confirmation needs once it is answered. */
typedef struct
{
  TrellisInterviewsPage *self;
  gint64 draw_id;
  gint64 participant_id;
  char *code;
  char *cohort;
} Replacement;

static void
replacement_free (Replacement *replacement)
{
  g_object_unref (replacement->self);
  g_free (replacement->code);
  g_free (replacement->cohort);
  g_free (replacement);
}

static void
report_replacement (TrellisInterviewsPage *self,
                    Replacement           *replacement,
                    gint64                 pick_id)
{
  TrellisStoredDraw *draw = find_draw (self, replacement->draw_id);
  g_autofree char *message = NULL;

  for (guint i = 0; draw != NULL && i < draw->picks->len; i++)
    {
      TrellisStoredPick *pick = &g_array_index (draw->picks, TrellisStoredPick, i);

      if (pick->id == pick_id)
        message = g_strdup_printf (_("%s replaces %s (%s)"), pick->code, replacement->code, replacement->cohort);
    }
  trellis_interviews_page_toast (self, message != NULL ? message : _("Replacement drawn"));
}

static void
on_replace_response (AdwMessageDialog *dialog,
                     const char       *response,
                     Replacement      *replacement)
{
  TrellisInterviewsPage *self = replacement->self;
  g_autoptr(GError) error = NULL;
  TrellisInterviewStatus reason;
  gint64 pick_id;

  if (g_str_equal (response, "declined"))
    reason = TRELLIS_INTERVIEW_DECLINED;
  else if (g_str_equal (response, "did-not-attend"))
    reason = TRELLIS_INTERVIEW_DID_NOT_ATTEND;
  else
    return;
  pick_id = trellis_study_replace_pick (self->study, replacement->draw_id, replacement->participant_id, reason,
                                        &error);
  if (pick_id == 0)
    trellis_interviews_page_toast (self, error->message);
  else
    report_replacement (self, replacement, pick_id);
}

static const TrellisStoredPick *
find_pick (TrellisStoredDraw *draw,
           gint64             participant_id)
{
  for (guint i = 0; draw != NULL && i < draw->picks->len; i++)
    if (g_array_index (draw->picks, TrellisStoredPick, i).participant_id == participant_id)
      return &g_array_index (draw->picks, TrellisStoredPick, i);
  return NULL;
}

/* Only moves the workflow allows are offered: someone not yet booked can
 * decline, but cannot have missed an interview. */
static void
add_replace_responses (AdwMessageDialog        *dialog,
                       const TrellisStoredPick *pick)
{
  TrellisInterviewStatus status = TRELLIS_INTERVIEW_INVITED;

  trellis_interview_status_from_string (pick->status, &status, NULL);
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  if (status == TRELLIS_INTERVIEW_DECLINED || trellis_interview_status_can_move (status, TRELLIS_INTERVIEW_DECLINED))
    adw_message_dialog_add_response (dialog, "declined", _("They _Declined"));
  if (status == TRELLIS_INTERVIEW_DID_NOT_ATTEND ||
      trellis_interview_status_can_move (status, TRELLIS_INTERVIEW_DID_NOT_ATTEND))
    adw_message_dialog_add_response (dialog, "did-not-attend", _("They Did _Not Attend"));
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
}

static void
replace_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TrellisInterviewsPage *self = TRELLIS_INTERVIEWS_PAGE (widget);
  Replacement *replacement;
  const TrellisStoredPick *pick;
  gint64 draw_id, participant_id;
  GtkWidget *dialog;

  g_variant_get (parameter, "(xx)", &draw_id, &participant_id);
  if (!trellis_interviews_page_editable (self) ||
      (pick = find_pick (find_draw (self, draw_id), participant_id)) == NULL)
    return;
  dialog = adw_message_dialog_new (trellis_interviews_page_parent_window (self), NULL, NULL);
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("Replace %s?"), pick->code);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("%s is recorded as having declined or not attended, and a replacement is drawn at "
                                    "random from the rest of the %s cohort on this draw’s eligible list, continuing "
                                    "the draw’s random stream. This cannot be undone."),
                                  pick->code, pick->cohort);
  add_replace_responses (ADW_MESSAGE_DIALOG (dialog), pick);
  replacement = g_new0 (Replacement, 1);
  *replacement = (Replacement) { g_object_ref (self), draw_id, participant_id, g_strdup (pick->code),
                                 g_strdup (pick->cohort) };
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_replace_response), replacement,
                         (GClosureNotify) (void (*) (void)) replacement_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_scheduled (TrellisInterviewsPage *self,
              const char            *message)
{
  trellis_interviews_page_toast (self, message);
}

/* Whether the draw's rule had interviews recorded: the booking's default. */
static gboolean
draw_recorded (TrellisStoredDraw *draw)
{
  TrellisInterviewEligibility rule;

  return !trellis_interview_eligibility_parse (draw->rule, &rule, NULL) || rule.recorded;
}

static void
schedule_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  TrellisInterviewsPage *self = TRELLIS_INTERVIEWS_PAGE (widget);
  TrellisInterviewScheduleDialog *dialog;
  TrellisStoredDraw *draw;
  const TrellisStoredPick *pick;
  gint64 draw_id, participant_id;

  g_variant_get (parameter, "(xx)", &draw_id, &participant_id);
  draw = find_draw (self, draw_id);
  if (!trellis_interviews_page_editable (self) || (pick = find_pick (draw, participant_id)) == NULL)
    return;
  dialog = trellis_interview_schedule_dialog_new (trellis_interviews_page_parent_window (self), self->study,
                                                  participant_id, pick->code, draw_recorded (draw));
  g_signal_connect_object (dialog, "scheduled", G_CALLBACK (on_scheduled), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A summary that names no one, for every view. */
static char *
verdict_summary (const TrellisDrawCheck *check)
{
  switch (check->verdict)
    {
    case TRELLIS_DRAW_CHECK_MATCHES:
      return g_strdup (_("Verified: the seed and the recorded eligible list give the same picks"));
    case TRELLIS_DRAW_CHECK_LIST_CHANGED:
      return g_strdup (_("Does not match: the eligible list is not the one its fingerprint was taken of"));
    case TRELLIS_DRAW_CHECK_PICK_DIFFERS:
      return g_strdup_printf (_("Does not match from pick %u on"), check->index + 1);
    case TRELLIS_DRAW_CHECK_TOO_FEW_PICKS:
    default:
      return g_strdup_printf (_("Does not match: the record stops before the %u picks its quotas call for"),
                              check->n_expected);
    }
}

static void
verify_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TrellisInterviewsPage *self = TRELLIS_INTERVIEWS_PAGE (widget);
  gint64 draw_id = g_variant_get_int64 (parameter);
  g_autoptr(GError) error = NULL;
  TrellisDrawCheck check = { 0 };
  TrellisDrawVerdictText *verdict;
  char *detail = NULL;

  if (self->study == NULL)
    return;
  if (!trellis_study_verify_draw (self->study, draw_id, &check, &detail, &error))
    {
      trellis_interviews_page_toast (self, error->message);
      return;
    }
  verdict = g_new0 (TrellisDrawVerdictText, 1);
  verdict->matches = check.verdict == TRELLIS_DRAW_CHECK_MATCHES;
  verdict->summary = verdict_summary (&check);
  verdict->detail = detail;
  trellis_draw_check_clear (&check);
  g_hash_table_insert (self->verdicts, g_memdup2 (&draw_id, sizeof draw_id), verdict);
  g_hash_table_add (self->expanded, g_memdup2 (&draw_id, sizeof draw_id));
  fill_draws (self);
  trellis_interviews_page_toast (self, verdict->summary);
}

static void
copy_hash_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TrellisInterviewsPage *self = TRELLIS_INTERVIEWS_PAGE (widget);
  TrellisStoredDraw *draw = find_draw (self, g_variant_get_int64 (parameter));

  if (draw == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), draw->eligible_hash);
  trellis_interviews_page_toast (self, _("Copied the eligible list’s SHA-256"));
}

/* ---- The widget ---- */

/* The view chosen last is a preference of the person at this desktop, kept
 * in the application's settings once the page is in a window. */
static void
bind_settings (TrellisInterviewsPage *self)
{
  GtkWindow *window = trellis_interviews_page_parent_window (self);
  GtkApplication *app = window != NULL ? gtk_window_get_application (window) : NULL;

  if (self->settings_bound || !TRELLIS_IS_APPLICATION (app))
    return;
  self->settings_bound = TRUE;
  g_settings_bind (trellis_application_get_settings (TRELLIS_APPLICATION (app)), "interviews-role", self, "role",
                   G_SETTINGS_BIND_DEFAULT);
}

static void
trellis_interviews_page_map (GtkWidget *widget)
{
  TrellisInterviewsPage *self = TRELLIS_INTERVIEWS_PAGE (widget);

  GTK_WIDGET_CLASS (trellis_interviews_page_parent_class)->map (widget);
  bind_settings (self);
  if (self->stale)
    trellis_interviews_page_reload (self);
}

static void
trellis_interviews_page_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  TrellisInterviewsPage *self = TRELLIS_INTERVIEWS_PAGE (object);

  if (prop_id == PROP_ROLE)
    g_value_set_string (value, self->role);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
trellis_interviews_page_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  TrellisInterviewsPage *self = TRELLIS_INTERVIEWS_PAGE (object);

  if (prop_id == PROP_ROLE)
    trellis_interviews_page_set_role (self, g_value_get_string (value));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
trellis_interviews_page_dispose (GObject *object)
{
  TrellisInterviewsPage *self = TRELLIS_INTERVIEWS_PAGE (object);

  disconnect_study (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->work_cancellable);
  g_clear_object (&self->work_cancellable);
  g_clear_object (&self->study);
  g_clear_pointer (&self->interviews, g_hash_table_unref);
  g_clear_pointer (&self->interviewer_names, g_ptr_array_unref);
  g_clear_pointer (&self->list_rows, g_ptr_array_unref);
  g_clear_pointer (&self->list, trellis_eligible_list_free);
  g_clear_pointer (&self->draws, g_ptr_array_unref);
  g_clear_pointer (&self->verdicts, g_hash_table_unref);
  g_clear_pointer (&self->expanded, g_hash_table_unref);
  g_clear_pointer (&self->timepoint_codes, g_ptr_array_unref);
  g_clear_pointer (&self->draw_rows, g_ptr_array_unref);
  g_clear_pointer (&self->pipeline_rows, g_ptr_array_unref);
  g_clear_pointer (&self->eligible_rows, g_ptr_array_unref);
  g_clear_pointer (&self->ineligible_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (trellis_interviews_page_parent_class)->dispose (object);
}

static void
trellis_interviews_page_finalize (GObject *object)
{
  g_free (TRELLIS_INTERVIEWS_PAGE (object)->role);

  G_OBJECT_CLASS (trellis_interviews_page_parent_class)->finalize (object);
}

static void
bind_template (GtkWidgetClass *widget_class)
{
  gtk_widget_class_set_template_from_resource (widget_class, "/org/trellis/Trellis/pages/trellis-interviews-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TrellisInterviewsPage, role_label);
  gtk_widget_class_bind_template_child (widget_class, TrellisInterviewsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, TrellisInterviewsPage, draws_group);
  gtk_widget_class_bind_template_child (widget_class, TrellisInterviewsPage, pipeline_group);
  gtk_widget_class_bind_template_child (widget_class, TrellisInterviewsPage, list_group);
  gtk_widget_class_bind_template_child (widget_class, TrellisInterviewsPage, status_filter);
  gtk_widget_class_bind_template_child (widget_class, TrellisInterviewsPage, interviewer_filter);
  gtk_widget_class_bind_template_child (widget_class, TrellisInterviewsPage, rule_group);
  gtk_widget_class_bind_template_child (widget_class, TrellisInterviewsPage, timepoint_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisInterviewsPage, reached_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisInterviewsPage, recorded_switch);
  gtk_widget_class_bind_template_child (widget_class, TrellisInterviewsPage, eligible_group);
  gtk_widget_class_bind_template_child (widget_class, TrellisInterviewsPage, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, TrellisInterviewsPage, eligible_badge);
  gtk_widget_class_bind_template_child (widget_class, TrellisInterviewsPage, ineligible_group);
  /* Not needed here, but named for tests that check what the page shows. */
  gtk_widget_class_bind_template_child_full (widget_class, "scroller", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "draw_button", FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, on_rule_changed);
  gtk_widget_class_bind_template_callback_full (widget_class, "on_filter_changed",
                                                G_CALLBACK (trellis_interviews_page_on_filter_changed));
}

static void
trellis_interviews_page_class_init (TrellisInterviewsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = trellis_interviews_page_dispose;
  object_class->finalize = trellis_interviews_page_finalize;
  object_class->get_property = trellis_interviews_page_get_property;
  object_class->set_property = trellis_interviews_page_set_property;
  widget_class->map = trellis_interviews_page_map;

  /* "coordinator", "interviewer" or "pi": whose view the page shows. */
  properties[PROP_ROLE] =
    g_param_spec_string ("role", NULL, NULL, "coordinator",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A short message for the window to show as a toast. */
  signals[SIGNAL_TOAST] =
    g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  bind_template (widget_class);
  gtk_widget_class_install_property_action (widget_class, "interviews.role", "role");
  gtk_widget_class_install_action (widget_class, "interviews.draw", NULL, draw_action);
  gtk_widget_class_install_action (widget_class, "interviews.replace", "(xx)", replace_action);
  gtk_widget_class_install_action (widget_class, "interviews.schedule", "(xx)", schedule_action);
  gtk_widget_class_install_action (widget_class, "interviews.verify", "x", verify_action);
  gtk_widget_class_install_action (widget_class, "interviews.copy-hash", "x", copy_hash_action);
  trellis_interviews_page_install_moves (widget_class);
}

static void
trellis_interviews_page_init (TrellisInterviewsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* As trellis-cli eligible: someone whose last timepoint is open today is
   * as good a candidate as someone who has finished it. */
  adw_combo_row_set_selected (self->reached_row, 1);
  self->role = g_strdup ("coordinator");
  self->verdicts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                          (GDestroyNotify) trellis_draw_verdict_text_free);
  self->expanded = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->timepoint_codes = g_ptr_array_new_with_free_func (g_free);
  self->draw_rows = g_ptr_array_new ();
  self->pipeline_rows = g_ptr_array_new ();
  self->list_rows = g_ptr_array_new ();
  self->interviews = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                            (GDestroyNotify) trellis_interview_row_free);
  self->interviewer_names = g_ptr_array_new_with_free_func (g_free);
  self->work_cancellable = g_cancellable_new ();
  trellis_interviews_page_init_filters (self);
  self->eligible_rows = g_ptr_array_new ();
  self->ineligible_rows = g_ptr_array_new ();
  sync_role_label (self);
  trellis_interviews_page_reload (self);
}
