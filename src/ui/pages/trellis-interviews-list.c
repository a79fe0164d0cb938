/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-interview-conflicts.h"
#include "trellis-interviews-page-private.h"
#include "trellis-interviews-rows.h"
#include "trellis-study-interviews.h"

/* The Interviews page's list of interviews, filtered by status and by
 * interviewer, and the booking every pick row shows. Both come from
 * trellis_study_list_interviews: the pick rows from every interview, the
 * list from the ones its two filters keep, so that the conflicts are the
 * store's in both. Like the picks, the list is for the interviewer's and
 * PI's views only. */

static TrellisInterviewFilter
filter_for (TrellisInterviewsPage *self,
            int                    status,
            const char            *interviewer)
{
  return (TrellisInterviewFilter) {
    .status = status, .interviewer = interviewer, .draw_id = 0,
    .today = trellis_study_today (), .now = g_get_real_time () / G_USEC_PER_SEC,
  };
}

/* The interviewers in use, once each as trellis_interview_same_interviewer
 * counts them, in the order the list meets them. */
static void
collect_interviewers (GPtrArray *rows,
                      GPtrArray *names)
{
  for (guint i = 0; i < rows->len; i++)
    {
      const TrellisInterviewRow *row = g_ptr_array_index (rows, i);
      gboolean known = FALSE;

      if (row->interviewer == NULL || row->interviewer[0] == '\0')
        continue;
      for (guint n = 0; n < names->len && !known; n++)
        known = trellis_interview_same_interviewer (names->pdata[n], row->interviewer);
      if (!known)
        g_ptr_array_add (names, g_strdup (row->interviewer));
    }
}

/* Refills the interviewer filter, keeping the one chosen if still in use. */
static void
fill_interviewers (TrellisInterviewsPage *self,
                   GPtrArray             *rows)
{
  guint selected = gtk_drop_down_get_selected (self->interviewer_filter);
  g_autofree char *kept = NULL;
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  if (selected != GTK_INVALID_LIST_POSITION && selected > 0 && selected <= self->interviewer_names->len)
    kept = g_strdup (self->interviewer_names->pdata[selected - 1]);
  g_ptr_array_set_size (self->interviewer_names, 0);
  if (rows != NULL)
    collect_interviewers (rows, self->interviewer_names);
  gtk_string_list_append (labels, _("Any interviewer"));
  selected = 0;
  for (guint i = 0; i < self->interviewer_names->len; i++)
    {
      gtk_string_list_append (labels, self->interviewer_names->pdata[i]);
      if (kept != NULL && trellis_interview_same_interviewer (kept, self->interviewer_names->pdata[i]))
        selected = i + 1;
    }
  self->syncing_filters = TRUE;
  gtk_drop_down_set_model (self->interviewer_filter, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->interviewer_filter, selected);
  self->syncing_filters = FALSE;
}

/* Reads every interview, for the pick rows' bookings and the names in the
 * interviewer filter. */
void
trellis_interviews_page_load_interviews (TrellisInterviewsPage *self)
{
  TrellisInterviewFilter filter = filter_for (self, -1, NULL);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  g_hash_table_remove_all (self->interviews);
  if (self->study != NULL && (rows = trellis_study_list_interviews (self->study, &filter, &error)) == NULL)
    trellis_interviews_page_toast (self, error->message);
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      TrellisInterviewRow *row = g_ptr_array_index (rows, i);

      g_hash_table_replace (self->interviews, &row->participant_id, row);
    }
  if (rows != NULL)
    g_ptr_array_set_free_func (rows, NULL);
  fill_interviewers (self, rows);
}

/* Whether the pick behind ROW can still be replaced, as the draws say. */
static gboolean
row_replaceable (TrellisInterviewsPage     *self,
                 const TrellisInterviewRow *row)
{
  for (guint d = 0; self->draws != NULL && d < self->draws->len; d++)
    {
      TrellisStoredDraw *draw = g_ptr_array_index (self->draws, d);

      if (draw->id != row->draw_id)
        continue;
      for (guint i = 0; i < draw->picks->len; i++)
        if (g_array_index (draw->picks, TrellisStoredPick, i).participant_id == row->participant_id)
          return trellis_interviews_pick_replaceable (draw, &g_array_index (draw->picks, TrellisStoredPick, i));
    }
  return FALSE;
}

static void
clear_list (TrellisInterviewsPage *self)
{
  for (guint i = 0; i < self->list_rows->len; i++)
    adw_preferences_group_remove (self->list_group, self->list_rows->pdata[i]);
  g_ptr_array_set_size (self->list_rows, 0);
}

static void
add_list_row (TrellisInterviewsPage *self,
              GtkWidget             *row)
{
  adw_preferences_group_add (self->list_group, row);
  g_ptr_array_add (self->list_rows, row);
}

static GtkWidget *
nothing_row (void)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No interview matches both filters"));
  gtk_widget_set_name (row, "no-interview");
  return row;
}

/* Shows the interviews the two filters keep. */
void
trellis_interviews_page_fill_list (TrellisInterviewsPage *self)
{
  guint status = gtk_drop_down_get_selected (self->status_filter);
  guint who = gtk_drop_down_get_selected (self->interviewer_filter);
  const char *interviewer = who > 0 && who <= self->interviewer_names->len ? self->interviewer_names->pdata[who - 1]
                                                                           : NULL;
  TrellisInterviewFilter filter = filter_for (self, status > 0 && status != GTK_INVALID_LIST_POSITION
                                                      ? (int) status - 1 : -1, interviewer);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  gboolean shown = self->study != NULL && trellis_interviews_page_reveals_picks (self) &&
                   g_hash_table_size (self->interviews) > 0;

  clear_list (self);
  gtk_widget_set_visible (GTK_WIDGET (self->list_group), shown);
  if (!shown)
    return;
  if ((rows = trellis_study_list_interviews (self->study, &filter, &error)) == NULL)
    {
      trellis_interviews_page_toast (self, error->message);
      return;
    }
  for (guint i = 0; i < rows->len; i++)
    add_list_row (self, trellis_interviews_list_row (rows->pdata[i], row_replaceable (self, rows->pdata[i])));
  if (rows->len == 0)
    add_list_row (self, nothing_row ());
}

void
trellis_interviews_page_on_filter_changed (TrellisInterviewsPage *self)
{
  if (!self->syncing_filters)
    trellis_interviews_page_fill_list (self);
}

/* "Any status" and each status, in the workflow's order. */
void
trellis_interviews_page_init_filters (TrellisInterviewsPage *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  gtk_string_list_append (labels, _("Any status"));
  for (int status = 0; status < TRELLIS_N_INTERVIEW_STATUSES; status++)
    gtk_string_list_append (labels, trellis_interview_status_to_label (status));
  self->syncing_filters = TRUE;
  gtk_drop_down_set_model (self->status_filter, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->status_filter, 0);
  self->syncing_filters = FALSE;
  fill_interviewers (self, NULL);
}
