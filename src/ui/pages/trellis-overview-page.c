/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>

#include "trellis-overview-page.h"
#include "trellis-chart-view.h"
#include "trellis-plan-chart.h"
#include "trellis-retention-view.h"
#include "trellis-study-measures.h"
#include "trellis-timepoint-dialog.h"

/* The study at a glance: its title, its file, retention per cohort and
 * timepoint, and the timepoint plan every participant's schedule follows.
 * Edits go through TrellisStudy, which audits them. */
struct _TrellisOverviewPage
{
  AdwBin parent_instance;

  TrellisStudy *study;
  gulong title_handler;
  gulong audit_handler;
  gulong schedule_handler;
  GCancellable *reading;   /* the retention read under way, if any */
  GtkWidget *dialog;    /* the timepoint dialog on screen, if any */

  AdwEntryRow *title_row;
  AdwActionRow *title_display_row;
  AdwActionRow *file_row;
  AdwActionRow *created_row;
  AdwActionRow *format_row;
  AdwActionRow *audit_row;
  TrellisRetentionView *retention_view;
  GtkWidget *add_button;
  TrellisChartView *plan_view;
  GtkListBox *timepoint_list;
};

G_DEFINE_FINAL_TYPE (TrellisOverviewPage, trellis_overview_page, ADW_TYPE_BIN)

enum {
  SIGNAL_TOAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
toast (TrellisOverviewPage *self,
       const char          *message)
{
  g_signal_emit (self, signals[SIGNAL_TOAST], 0, message);
}

static void
on_title_apply (TrellisOverviewPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->title_row));
  g_autoptr(GError) error = NULL;

  if (self->study == NULL)
    return;

  if (!trellis_study_set_title (self->study, text, &error))
    {
      toast (self, error->message);
      gtk_editable_set_text (GTK_EDITABLE (self->title_row), trellis_study_get_title (self->study));
    }
}

static void
sync_title (TrellisOverviewPage *self)
{
  const char *title = trellis_study_get_title (self->study);

  gtk_editable_set_text (GTK_EDITABLE (self->title_row), title);
  adw_action_row_set_subtitle (self->title_display_row, title);
}

static void
sync_audit_count (TrellisOverviewPage *self)
{
  gint64 count = trellis_study_get_audit_count (self->study);
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%" PRId64 " change recorded",
                                                        "%" PRId64 " changes recorded", count),
                                           count);

  adw_action_row_set_subtitle (self->audit_row, text);
}

static void
on_retention_read (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(TrellisOverviewPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisVisitTable) table = trellis_study_read_visit_table_finish (TRELLIS_STUDY (source), result,
                                                                              &error);
  g_autoptr(TrellisRetention) retention = NULL;

  /* A newer read, or another study, took this one's place. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->reading);
  if (table == NULL)
    {
      trellis_retention_view_set_retention (self->retention_view, NULL);
      toast (self, error->message);
      return;
    }
  retention = trellis_retention_compute (table);
  trellis_retention_view_set_retention (self->retention_view, retention);
}

/* Retention follows every change to the schedule or the register, counted
 * as of today (TRELLIS_TODAY when set). The schedule is read in a worker,
 * since at 100,000 participants that takes a tenth of a second; the table
 * shows the last counts until the new ones arrive. */
static void
reload_retention (TrellisOverviewPage *self)
{
  g_cancellable_cancel (self->reading);
  g_clear_object (&self->reading);
  self->reading = g_cancellable_new ();
  trellis_study_read_visit_table_async (self->study, trellis_study_today (), self->reading,
                                        on_retention_read, g_object_ref (self));
}

/* Whether the page is still reading the schedule for its retention table. */
gboolean
trellis_overview_page_get_loading (TrellisOverviewPage *self)
{
  g_return_val_if_fail (TRELLIS_IS_OVERVIEW_PAGE (self), FALSE);
  return self->reading != NULL;
}

static char *
format_created (const char *iso8601)
{
  g_autoptr(GDateTime) utc = iso8601 ? g_date_time_new_from_iso8601 (iso8601, NULL) : NULL;
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;

  /* Translators: a date and time, see g_date_time_format(). */
  return local ? g_date_time_format (local, _("%e %B %Y, %H:%M")) : g_strdup (iso8601);
}

/* The dialog edits this page's study, so it must not outlive it: it goes when
 * the study changes or closes, and (destroy-with-parent) with the window. */
static void
close_dialog (TrellisOverviewPage *self)
{
  GtkWidget *dialog = self->dialog;

  if (dialog == NULL)
    return;
  g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->dialog);
  self->dialog = NULL;
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
present_dialog (TrellisOverviewPage *self,
                TrellisTimepoint    *timepoint)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->study == NULL || trellis_study_is_read_only (self->study))
    return;

  close_dialog (self);
  self->dialog = GTK_WIDGET (trellis_timepoint_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                           self->study, timepoint));
  g_object_add_weak_pointer (G_OBJECT (self->dialog), (gpointer *) &self->dialog);
  gtk_window_present (GTK_WINDOW (self->dialog));
}

static void
on_timepoint_activated (TrellisOverviewPage *self,
                        GtkListBoxRow       *row)
{
  GListModel *plan = trellis_study_get_timepoints (self->study);
  g_autoptr(TrellisTimepoint) timepoint = g_list_model_get_item (plan, gtk_list_box_row_get_index (row));

  present_dialog (self, timepoint);
}

static void
on_add_clicked (TrellisOverviewPage *self)
{
  present_dialog (self, NULL);
}

static GtkWidget *
timepoint_row_new (gpointer item,
                   gpointer user_data)
{
  TrellisTimepoint *timepoint = item;
  TrellisOverviewPage *self = user_data;
  /* Translators: a timepoint in the plan, its code then its label, as in "T2 · After workshop". */
  g_autofree char *title = g_strdup_printf (_("%s · %s"), trellis_timepoint_get_code (timepoint),
                                            trellis_timepoint_get_label (timepoint));
  g_autofree char *timing = trellis_timepoint_describe_timing (timepoint);
  GtkWidget *row = adw_action_row_new ();
  gboolean editable = !trellis_study_is_read_only (self->study);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), timing);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), editable);
  if (editable)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("document-edit-symbolic"));
  return row;
}

static void
disconnect_study (TrellisOverviewPage *self)
{
  close_dialog (self);
  g_cancellable_cancel (self->reading);
  g_clear_object (&self->reading);
  if (self->study == NULL)
    return;
  g_clear_signal_handler (&self->title_handler, self->study);
  g_clear_signal_handler (&self->audit_handler, self->study);
  g_clear_signal_handler (&self->schedule_handler, self->study);
  g_clear_object (&self->study);
}

void
trellis_overview_page_set_study (TrellisOverviewPage *self,
                                 TrellisStudy        *study)
{
  g_autofree char *created = NULL;
  g_autofree char *format = NULL;
  gboolean editable;

  g_return_if_fail (TRELLIS_IS_OVERVIEW_PAGE (self));

  disconnect_study (self);
  trellis_plan_chart_show (self->plan_view, study != NULL ? trellis_study_get_timepoints (study) : NULL);
  trellis_retention_view_set_retention (self->retention_view, NULL);
  gtk_list_box_bind_model (self->timepoint_list, NULL, NULL, NULL, NULL);
  if (study == NULL)
    return;

  self->study = g_object_ref (study);
  self->title_handler = g_signal_connect_object (study, "notify::title", G_CALLBACK (sync_title),
                                                 self, G_CONNECT_SWAPPED);
  self->audit_handler = g_signal_connect_object (study, "notify::audit-count", G_CALLBACK (sync_audit_count),
                                                 self, G_CONNECT_SWAPPED);
  self->schedule_handler = g_signal_connect_object (study, "schedule-changed", G_CALLBACK (reload_retention),
                                                    self, G_CONNECT_SWAPPED);
  sync_title (self);
  sync_audit_count (self);
  reload_retention (self);

  created = format_created (trellis_study_get_created (study));
  format = g_strdup_printf (_("Version %d"), trellis_study_get_schema_version (study));
  adw_action_row_set_subtitle (self->file_row, trellis_study_get_path (study));
  adw_action_row_set_subtitle (self->created_row, created);
  adw_action_row_set_subtitle (self->format_row, format);

  /* A read-only study shows its title as plain text: no pencil promising an edit. */
  editable = !trellis_study_is_read_only (study);
  gtk_editable_set_editable (GTK_EDITABLE (self->title_row), editable);
  gtk_widget_set_visible (GTK_WIDGET (self->title_row), editable);
  gtk_widget_set_visible (GTK_WIDGET (self->title_display_row), !editable);
  gtk_widget_set_sensitive (self->add_button, editable);
  gtk_list_box_bind_model (self->timepoint_list, trellis_study_get_timepoints (study),
                           timepoint_row_new, self, NULL);
}

static void
trellis_overview_page_dispose (GObject *object)
{
  TrellisOverviewPage *self = TRELLIS_OVERVIEW_PAGE (object);

  disconnect_study (self);

  G_OBJECT_CLASS (trellis_overview_page_parent_class)->dispose (object);
}

static void
trellis_overview_page_class_init (TrellisOverviewPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = trellis_overview_page_dispose;

  signals[SIGNAL_TOAST] =
    g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (TRELLIS_TYPE_CHART_VIEW);
  g_type_ensure (TRELLIS_TYPE_RETENTION_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/trellis/Trellis/pages/trellis-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TrellisOverviewPage, title_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisOverviewPage, title_display_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisOverviewPage, file_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisOverviewPage, created_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisOverviewPage, format_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisOverviewPage, audit_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisOverviewPage, retention_view);
  gtk_widget_class_bind_template_child (widget_class, TrellisOverviewPage, add_button);
  gtk_widget_class_bind_template_child (widget_class, TrellisOverviewPage, plan_view);
  gtk_widget_class_bind_template_child (widget_class, TrellisOverviewPage, timepoint_list);
  gtk_widget_class_bind_template_callback (widget_class, on_title_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_timepoint_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_add_clicked);
}

static void
trellis_overview_page_init (TrellisOverviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  trellis_plan_chart_show (self->plan_view, NULL);
}
