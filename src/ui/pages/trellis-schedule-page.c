/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-due-list.h"
#include "trellis-list-rows.h"
#include "trellis-schedule-cell.h"
#include "trellis-schedule-model.h"
#include "trellis-schedule-page.h"
#include "trellis-schedule-row.h"

/* The Schedule: a completion grid of participants by timepoints, each cell
 * the status of that visit on today, and beside it what is overdue or due
 * within the week. Both read one TrellisVisitTable, read in bulk when the
 * page is shown and again after each change to the schedule, and both are
 * compact models that make a row object only for a row on screen, so the
 * page stays fluid with 100,000 participants. A cell or a due entry asks for
 * its form with the "enter-data" signal, which the page leaves to whoever
 * shows it; a row's code asks for the participant's card. */
struct _TrellisSchedulePage
{
  AdwBin parent_instance;

  TrellisStudy *study;
  gulong schedule_handler;
  gboolean stale;                  /* to read the schedule again when next shown */
  GCancellable *reading;           /* the read under way, if any */
  gboolean loading;                /* the first read of this study is under way */
  gboolean grow;                   /* the next read comes as the page is shown */
  guint spinner_source;            /* shows the spinner if the read takes a while */
  TrellisScheduleModel *model;
  TrellisDueList *due;
  GtkSliceListModel *rows;         /* the model as the views show it, see show_rows () */
  GtkSliceListModel *due_rows;
  GdkFrameClock *paint_clock;
  gulong paint_handler;
  guint grow_source;

  GPtrArray *timepoint_columns;    /* GtkColumnViewColumn, one per timepoint */
  char *plan_signature;            /* what the columns were made from */
  GArray *cohort_ids;              /* gint64 per cohort dropdown entry; 0 for all */
  char *cohort_signature;

  GtkStack *stack;
  GtkSpinner *loading_spinner;
  GtkStack *results_stack;
  GtkStack *due_stack;
  GtkSearchEntry *search_entry;
  GtkDropDown *cohort_dropdown;
  GtkDropDown *status_dropdown;
  GtkLabel *count_label;
  GtkLabel *due_summary;
  GtkColumnView *column_view;
  GtkNoSelection *selection;
  GtkNoSelection *due_selection;
  GtkBox *legend_bar;
};

G_DEFINE_FINAL_TYPE (TrellisSchedulePage, trellis_schedule_page, ADW_TYPE_BIN)

enum {
  SIGNAL_TOAST,
  SIGNAL_ENTER_DATA,
  SIGNAL_PARTICIPANT_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- The grid's cells: set in bind and nothing else, so scrolling stays cheap ---- */

/* Inscriptions, as on the Participants page: their size comes from a number
 * of characters and lines, so laying out a row shapes no text. */
static GtkWidget *
new_inscription (const char *css_class)
{
  GtkWidget *inscription = gtk_inscription_new (NULL);

  gtk_inscription_set_xalign (GTK_INSCRIPTION (inscription), 0);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (inscription), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  if (css_class != NULL)
    gtk_widget_add_css_class (inscription, css_class);
  return inscription;
}

/* One line, centred in the row that the two-line cells make. */
static void
setup_code (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  GtkWidget *inscription = new_inscription ("numeric");

  gtk_widget_set_valign (inscription, GTK_ALIGN_CENTER);
  gtk_list_item_set_child (item, inscription);
}

static void
setup_cohort (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GtkWidget *inscription = new_inscription (NULL);

  gtk_widget_set_valign (inscription, GTK_ALIGN_CENTER);
  gtk_list_item_set_child (item, inscription);
}

static void
bind_code (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  gtk_inscription_set_text (GTK_INSCRIPTION (gtk_list_item_get_child (item)),
                            trellis_schedule_row_get_code (gtk_list_item_get_item (item)));
}

static void
bind_cohort (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  gtk_inscription_set_text (GTK_INSCRIPTION (gtk_list_item_get_child (item)),
                            trellis_schedule_row_get_cohort (gtk_list_item_get_item (item)));
}

/* A timepoint's cell is a button, so that it can be reached and pressed from
 * the keyboard: it enters that visit's data through the page's action. Two
 * lines: the status as a symbol and a word, then the date that matters. */
static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *inscription = new_inscription (NULL);

  gtk_inscription_set_min_lines (GTK_INSCRIPTION (inscription), 2);
  gtk_inscription_set_nat_lines (GTK_INSCRIPTION (inscription), 2);
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (inscription), 12);
  gtk_button_set_child (GTK_BUTTON (button), inscription);
  /* The action takes a parameter, so the target comes first; bind sets the real one. */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(xx)", (gint64) 0, (gint64) 0);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), TRELLIS_SCHEDULE_ACTION_ENTER_DATA);
  gtk_list_item_set_child (item, button);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  guint t = GPOINTER_TO_UINT (user_data);
  TrellisScheduleRow *row = gtk_list_item_get_item (item);
  TrellisTimepoint *timepoint = trellis_visit_table_get_timepoint (trellis_schedule_row_get_table (row), t);
  const TrellisVisitSlot *slot = trellis_schedule_row_get_slot (row, t);
  g_autofree char *detail = trellis_schedule_cell_detail (slot, trellis_schedule_row_get_record (row, t),
                                                          trellis_timepoint_get_anchor (timepoint));
  g_autofree char *markup = g_markup_printf_escaped ("<b>%s %s</b>\n<small>%s</small>",
                                                     trellis_schedule_cell_symbol (slot->status),
                                                     trellis_schedule_cell_label (slot->status), detail);
  g_autofree char *name = g_strdup_printf ("%s, %s: %s, %s", trellis_schedule_row_get_code (row),
                                           trellis_timepoint_get_code (timepoint),
                                           trellis_schedule_cell_label (slot->status), detail);
  GtkWidget *button = gtk_list_item_get_child (item);

  gtk_inscription_set_markup (GTK_INSCRIPTION (gtk_button_get_child (GTK_BUTTON (button))), markup);
  trellis_schedule_cell_set_tone (button, "schedule-cell", slot->status);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(xx)", trellis_schedule_row_get_participant_id (row),
                                    trellis_timepoint_get_id (timepoint));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

/* ---- The due list's entries ---- */

/* Two lines: who and which timepoint with the status beside them, then the
 * timepoint's name and its date across the panel's whole width. */
static void
setup_due (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *title = new_inscription ("numeric");
  GtkWidget *subtitle = new_inscription ("caption");
  GtkWidget *pill = gtk_label_new (NULL);

  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_set_valign (title, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (title, "heading");
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_box_append (GTK_BOX (top), title);
  gtk_box_append (GTK_BOX (top), pill);
  gtk_box_append (GTK_BOX (box), top);
  gtk_box_append (GTK_BOX (box), subtitle);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_list_item_set_child (item, box);
}

static void
bind_due (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  user_data)
{
  TrellisScheduleRow *row = gtk_list_item_get_item (item);
  guint t = trellis_schedule_row_get_timepoint (row);
  TrellisTimepoint *timepoint = trellis_visit_table_get_timepoint (trellis_schedule_row_get_table (row), t);
  const TrellisVisitSlot *slot = trellis_schedule_row_get_slot (row, t);
  g_autofree char *detail = trellis_schedule_cell_detail (slot, trellis_schedule_row_get_record (row, t),
                                                          trellis_timepoint_get_anchor (timepoint));
  g_autofree char *title = g_strdup_printf ("%s · %s", trellis_schedule_row_get_code (row),
                                            trellis_timepoint_get_code (timepoint));
  g_autofree char *subtitle = g_strdup_printf ("%s, %s", trellis_timepoint_get_label (timepoint), detail);
  g_autofree char *pill_text = g_strdup_printf ("%s %s", trellis_schedule_cell_symbol (slot->status),
                                                trellis_schedule_cell_label (slot->status));
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *top = gtk_widget_get_first_child (box);
  GtkWidget *pill = gtk_widget_get_last_child (top);

  gtk_inscription_set_text (GTK_INSCRIPTION (gtk_widget_get_first_child (top)), title);
  gtk_inscription_set_text (GTK_INSCRIPTION (gtk_widget_get_last_child (box)), subtitle);
  gtk_label_set_text (GTK_LABEL (pill), pill_text);
  trellis_schedule_cell_set_tone (pill, "schedule-chip", slot->status);
}

/* ---- Columns, one per timepoint of the plan ---- */

static GtkColumnViewColumn *
new_timepoint_column (TrellisSchedulePage *self,
                      TrellisTimepoint    *timepoint,
                      guint                t)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autofree char *title = g_strdup_printf ("%s · %s", trellis_timepoint_get_code (timepoint),
                                            trellis_timepoint_get_label (timepoint));
  GtkColumnViewColumn *column;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), GUINT_TO_POINTER (t));
  column = gtk_column_view_column_new (title, factory);
  /* Wide enough for “– Not applicable” on one line, narrow enough that four
   * timepoints and the due list fit the default 1100-pixel window. */
  gtk_column_view_column_set_fixed_width (column, 156);
  gtk_column_view_column_set_resizable (column, TRUE);
  return column;
}

/* What the columns show of the plan: a change to any of it rebuilds them. */
static char *
plan_signature (TrellisVisitTable *table)
{
  GString *signature = g_string_new (NULL);

  for (guint t = 0; t < trellis_visit_table_get_n_timepoints (table); t++)
    {
      TrellisTimepoint *timepoint = trellis_visit_table_get_timepoint (table, t);

      g_string_append_printf (signature, "%" G_GINT64_FORMAT "\x1f%s\x1f%s\x1e", trellis_timepoint_get_id (timepoint),
                              trellis_timepoint_get_code (timepoint), trellis_timepoint_get_label (timepoint));
    }
  return g_string_free (signature, FALSE);
}

static void
sync_columns (TrellisSchedulePage *self,
              TrellisVisitTable   *table)
{
  g_autofree char *signature = plan_signature (table);

  if (g_strcmp0 (signature, self->plan_signature) == 0)
    return;
  g_free (self->plan_signature);
  self->plan_signature = g_steal_pointer (&signature);
  for (guint i = 0; i < self->timepoint_columns->len; i++)
    gtk_column_view_remove_column (self->column_view, self->timepoint_columns->pdata[i]);
  g_ptr_array_set_size (self->timepoint_columns, 0);
  for (guint t = 0; t < trellis_visit_table_get_n_timepoints (table); t++)
    {
      GtkColumnViewColumn *column = new_timepoint_column (self, trellis_visit_table_get_timepoint (table, t), t);

      gtk_column_view_append_column (self->column_view, column);
      g_ptr_array_add (self->timepoint_columns, column);
    }
}

/* ---- Filters ---- */

static gint64
selected_cohort (TrellisSchedulePage *self)
{
  guint selected = gtk_drop_down_get_selected (self->cohort_dropdown);

  return selected < self->cohort_ids->len ? g_array_index (self->cohort_ids, gint64, selected) : 0;
}

/* The cohort dropdown lists the table's cohorts and keeps the one chosen
 * while it still exists. Its model is replaced only when the cohorts
 * changed, since replacing it resets the choice. */
static void
sync_cohorts (TrellisSchedulePage *self,
              TrellisVisitTable   *table)
{
  g_autoptr(GString) signature = g_string_new (NULL);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  gint64 keep = selected_cohort (self);
  guint selected = 0;

  gtk_string_list_append (names, _("All cohorts"));
  g_array_set_size (self->cohort_ids, 1);
  for (guint c = 0; c < trellis_visit_table_get_n_cohorts (table); c++)
    {
      gint64 id = trellis_visit_table_get_cohort_id (table, c);

      gtk_string_list_append (names, trellis_visit_table_get_cohort_name (table, c));
      g_string_append_printf (signature, "%" G_GINT64_FORMAT "\x1f%s\x1e", id,
                              trellis_visit_table_get_cohort_name (table, c));
      g_array_append_val (self->cohort_ids, id);
      if (id == keep)
        selected = self->cohort_ids->len - 1;
    }
  if (g_strcmp0 (signature->str, self->cohort_signature) == 0)
    return;
  g_free (self->cohort_signature);
  self->cohort_signature = g_strdup (signature->str);
  gtk_drop_down_set_model (self->cohort_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->cohort_dropdown, selected);
}

static void
on_cohort_selected (TrellisSchedulePage *self)
{
  gint64 cohort_id = selected_cohort (self);

  trellis_schedule_model_set_cohort (self->model, cohort_id);
  trellis_due_list_set_cohort (self->due, cohort_id);
}

static void
on_status_selected (TrellisSchedulePage *self)
{
  guint selected = gtk_drop_down_get_selected (self->status_dropdown);

  if (selected < TRELLIS_N_SCHEDULE_FILTERS)
    trellis_schedule_model_set_filter (self->model, selected);
}

static void
on_search_changed (TrellisSchedulePage *self)
{
  trellis_schedule_model_set_search (self->model, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
on_stop_search (TrellisSchedulePage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

/* ---- What the page shows ---- */

static void
sync_count (TrellisSchedulePage *self)
{
  guint total = trellis_schedule_model_get_n_total (self->model);
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  g_autofree char *text = NULL;

  if (shown == total)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u participant", "%u participants", total), total);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u shown", "%u of %u shown", shown),
                            shown, total);
  gtk_label_set_text (self->count_label, text);
}

static void
sync_due_summary (TrellisSchedulePage *self)
{
  guint overdue = trellis_due_list_get_n_overdue (self->due);
  guint due = trellis_due_list_get_n_due (self->due);
  g_autofree char *overdue_text =
    g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u overdue", "%u overdue", overdue), overdue);
  g_autofree char *due_text =
    g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u due within 7 days", "%u due within 7 days", due), due);
  g_autofree char *text = g_strdup_printf ("%s · %s", overdue_text, due_text);

  gtk_label_set_text (self->due_summary, text);
  gtk_stack_set_visible_child_name (self->due_stack, overdue + due > 0 ? "list" : "nothing");
}

/* No participants asks for some; no timepoints asks for a plan; a filter
 * that matches nobody says so. */
static void
sync_state (TrellisSchedulePage *self)
{
  TrellisVisitTable *table = trellis_schedule_model_get_table (self->model);
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->model));

  if (self->loading)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  else if (table == NULL || trellis_visit_table_get_n_rows (table) == 0)
    gtk_stack_set_visible_child_name (self->stack, "no-participants");
  else if (trellis_visit_table_get_n_timepoints (table) == 0)
    gtk_stack_set_visible_child_name (self->stack, "no-timepoints");
  else
    gtk_stack_set_visible_child_name (self->stack, "grid");
  gtk_stack_set_visible_child_name (self->results_stack, shown > 0 ? "results" : "no-results");
  sync_count (self);
  sync_due_summary (self);
}

/* ---- Activation ---- */

static void
enter_data_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  gint64 participant_id, timepoint_id;

  g_variant_get (parameter, "(xx)", &participant_id, &timepoint_id);
  g_signal_emit (widget, signals[SIGNAL_ENTER_DATA], 0, participant_id, timepoint_id);
}

static void
on_due_activated (TrellisSchedulePage *self,
                  guint                position)
{
  g_autoptr(TrellisScheduleRow) row = g_list_model_get_item (G_LIST_MODEL (self->due_rows), position);

  if (row != NULL)
    g_signal_emit (self, signals[SIGNAL_ENTER_DATA], 0, trellis_schedule_row_get_participant_id (row),
                   trellis_schedule_row_get_timepoint_id (row, trellis_schedule_row_get_timepoint (row)));
}

/* A row activated by its code or cohort (double-click, or Enter) opens the
 * participant's card. */
static void
on_row_activated (TrellisSchedulePage *self,
                  guint                position)
{
  g_autoptr(TrellisScheduleRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows), position);

  if (row != NULL)
    g_signal_emit (self, signals[SIGNAL_PARTICIPANT_ACTIVATED], 0, trellis_schedule_row_get_participant_id (row));
}

/* ---- The first frame ---- */

/* As on the Participants page, the views start with as many rows as fill
 * the screen, and are given the rest once that frame is drawn (see
 * trellis-list-rows.c). A row of the grid, or of the due list, is two lines
 * of text with their padding, 44 pixels or more. */
#define ROW_HEIGHT 44

static gboolean
show_all_rows (gpointer user_data)
{
  TrellisSchedulePage *self = user_data;

  self->grow_source = 0;
  gtk_slice_list_model_set_size (self->rows, G_MAXUINT);
  gtk_slice_list_model_set_size (self->due_rows, G_MAXUINT);
  return G_SOURCE_REMOVE;
}

static void
stop_growing (TrellisSchedulePage *self)
{
  if (self->paint_clock != NULL)
    g_clear_signal_handler (&self->paint_handler, self->paint_clock);
  g_clear_object (&self->paint_clock);
  g_clear_handle_id (&self->grow_source, g_source_remove);
}

static void
on_first_paint (TrellisSchedulePage *self)
{
  stop_growing (self);
  self->grow_source = g_idle_add (show_all_rows, self);
}

static void
grow_after_first_paint (TrellisSchedulePage *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  guint first_rows;

  stop_growing (self);
  if (clock == NULL)
    {
      show_all_rows (self);
      return;
    }
  first_rows = trellis_list_rows_to_fill_screen (GTK_WIDGET (self), ROW_HEIGHT, 0);
  gtk_slice_list_model_set_size (self->rows, first_rows);
  gtk_slice_list_model_set_size (self->due_rows, first_rows);
  self->paint_clock = g_object_ref (clock);
  self->paint_handler = g_signal_connect_swapped (clock, "after-paint", G_CALLBACK (on_first_paint), self);
}

/* ---- The study ---- */

/* Shows a schedule just read: each view hears one items-changed, and the
 * columns and cohorts change only if the plan or the cohorts did. */
static void
show_table (TrellisSchedulePage *self,
            TrellisVisitTable   *table)
{
  sync_columns (self, table);
  sync_cohorts (self, table);
  trellis_schedule_model_set_table (self->model, table);
  trellis_due_list_set_table (self->due, table);
  /* A cohort that went away leaves the filter at every cohort. */
  on_cohort_selected (self);
  sync_state (self);
}

/* A read cancelled (by a newer one, another study or the page going away)
 * touches nothing: the page may be gone. */
static void
on_table_read (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisVisitTable) table = trellis_study_read_visit_table_finish (TRELLIS_STUDY (source), result, &error);
  TrellisSchedulePage *self = user_data;
  gboolean first;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->reading);
  g_clear_handle_id (&self->spinner_source, g_source_remove);
  gtk_spinner_set_spinning (self->loading_spinner, FALSE);
  first = self->loading || self->grow;
  self->loading = FALSE;
  self->grow = FALSE;
  if (table == NULL)
    {
      sync_state (self);
      g_signal_emit (self, signals[SIGNAL_TOAST], 0, error->message);
      return;
    }
  if (first)
    grow_after_first_paint (self);
  show_table (self, table);
}

static void
cancel_reading (TrellisSchedulePage *self)
{
  if (self->reading != NULL)
    g_cancellable_cancel (self->reading);
  g_clear_object (&self->reading);
  g_clear_handle_id (&self->spinner_source, g_source_remove);
  gtk_spinner_set_spinning (self->loading_spinner, FALSE);
}

/* A read that is over in a moment shows no spinner, which would only
 * flash; and a spinning one would take from the read the time its frames
 * cost. */
#define SPINNER_DELAY_MS 300

static gboolean
show_spinner (gpointer user_data)
{
  TrellisSchedulePage *self = user_data;

  self->spinner_source = 0;
  gtk_spinner_set_spinning (self->loading_spinner, TRUE);
  return G_SOURCE_REMOVE;
}

/* Reads the schedule on today in a worker thread, and shows it when it
 * comes. Until the first read of a study comes, the page shows a spinner;
 * after that, the last schedule stays until the next one replaces it. */
void
trellis_schedule_page_reload (TrellisSchedulePage *self)
{
  g_return_if_fail (TRELLIS_IS_SCHEDULE_PAGE (self));

  self->stale = FALSE;
  cancel_reading (self);
  if (self->study == NULL)
    return;
  self->loading = trellis_schedule_model_get_table (self->model) == NULL;
  if (self->loading)
    self->spinner_source = g_timeout_add (SPINNER_DELAY_MS, show_spinner, self);
  sync_state (self);
  self->reading = g_cancellable_new ();
  trellis_study_read_visit_table_async (self->study, trellis_study_today (), self->reading, on_table_read, self);
}

/* Whether the page is reading the schedule and shows a placeholder. */
gboolean
trellis_schedule_page_get_loading (TrellisSchedulePage *self)
{
  g_return_val_if_fail (TRELLIS_IS_SCHEDULE_PAGE (self), FALSE);
  return self->loading;
}

static void
on_schedule_changed (TrellisSchedulePage *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    trellis_schedule_page_reload (self);
  else
    self->stale = TRUE;
}

static void
clear_views (TrellisSchedulePage *self)
{
  cancel_reading (self);
  self->loading = FALSE;
  stop_growing (self);
  trellis_schedule_model_set_table (self->model, NULL);
  trellis_due_list_set_table (self->due, NULL);
}

void
trellis_schedule_page_set_study (TrellisSchedulePage *self,
                                 TrellisStudy        *study)
{
  g_return_if_fail (TRELLIS_IS_SCHEDULE_PAGE (self));
  g_return_if_fail (study == NULL || TRELLIS_IS_STUDY (study));

  if (self->study != NULL)
    g_clear_signal_handler (&self->schedule_handler, self->study);
  clear_views (self);
  g_set_object (&self->study, study);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_drop_down_set_selected (self->status_dropdown, TRELLIS_SCHEDULE_FILTER_ANY);
  gtk_drop_down_set_selected (self->cohort_dropdown, 0);
  if (study != NULL)
    self->schedule_handler = g_signal_connect_object (study, "schedule-changed", G_CALLBACK (on_schedule_changed),
                                                      self, G_CONNECT_SWAPPED);
  /* Reading the schedule of a large study takes a moment, so it waits until
   * the page is shown. */
  self->stale = study != NULL;
  if (study != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    trellis_schedule_page_reload (self);
  sync_state (self);
}

static void
trellis_schedule_page_map (GtkWidget *widget)
{
  TrellisSchedulePage *self = TRELLIS_SCHEDULE_PAGE (widget);

  GTK_WIDGET_CLASS (trellis_schedule_page_parent_class)->map (widget);
  if (!self->stale)
    return;
  self->grow = TRUE;
  trellis_schedule_page_reload (self);
}

static gboolean
focus_search (GtkWidget *widget,
              GVariant  *args,
              gpointer   user_data)
{
  return gtk_widget_grab_focus (GTK_WIDGET (TRELLIS_SCHEDULE_PAGE (widget)->search_entry));
}

static void
trellis_schedule_page_dispose (GObject *object)
{
  TrellisSchedulePage *self = TRELLIS_SCHEDULE_PAGE (object);

  if (self->study != NULL)
    g_clear_signal_handler (&self->schedule_handler, self->study);
  cancel_reading (self);
  stop_growing (self);
  g_clear_object (&self->study);

  G_OBJECT_CLASS (trellis_schedule_page_parent_class)->dispose (object);
}

static void
trellis_schedule_page_finalize (GObject *object)
{
  TrellisSchedulePage *self = TRELLIS_SCHEDULE_PAGE (object);

  g_clear_object (&self->model);
  g_clear_object (&self->due);
  g_clear_object (&self->rows);
  g_clear_object (&self->due_rows);
  g_clear_pointer (&self->timepoint_columns, g_ptr_array_unref);
  g_clear_pointer (&self->cohort_ids, g_array_unref);
  g_free (self->plan_signature);
  g_free (self->cohort_signature);

  G_OBJECT_CLASS (trellis_schedule_page_parent_class)->finalize (object);
}

static void
bind_template (GtkWidgetClass *widget_class)
{
  gtk_widget_class_set_template_from_resource (widget_class, "/org/trellis/Trellis/pages/trellis-schedule-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TrellisSchedulePage, stack);
  gtk_widget_class_bind_template_child (widget_class, TrellisSchedulePage, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, TrellisSchedulePage, results_stack);
  gtk_widget_class_bind_template_child (widget_class, TrellisSchedulePage, due_stack);
  gtk_widget_class_bind_template_child (widget_class, TrellisSchedulePage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TrellisSchedulePage, cohort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TrellisSchedulePage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TrellisSchedulePage, count_label);
  gtk_widget_class_bind_template_child (widget_class, TrellisSchedulePage, due_summary);
  gtk_widget_class_bind_template_child (widget_class, TrellisSchedulePage, column_view);
  gtk_widget_class_bind_template_child (widget_class, TrellisSchedulePage, selection);
  gtk_widget_class_bind_template_child (widget_class, TrellisSchedulePage, due_selection);
  gtk_widget_class_bind_template_child (widget_class, TrellisSchedulePage, legend_bar);
  /* Not needed here, but named for tests that check what the page shows. */
  gtk_widget_class_bind_template_child_full (widget_class, "due_view", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "no_participants_page", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "no_timepoints_page", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "transfer_menu_button", FALSE, 0);
}

static void
bind_callbacks (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, setup_code);
  gtk_widget_class_bind_template_callback (widget_class, setup_cohort);
  gtk_widget_class_bind_template_callback (widget_class, bind_code);
  gtk_widget_class_bind_template_callback (widget_class, bind_cohort);
  gtk_widget_class_bind_template_callback (widget_class, setup_due);
  gtk_widget_class_bind_template_callback (widget_class, bind_due);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_cohort_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_status_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_due_activated);
}

static void
trellis_schedule_page_class_init (TrellisSchedulePageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = trellis_schedule_page_dispose;
  G_OBJECT_CLASS (klass)->finalize = trellis_schedule_page_finalize;
  widget_class->map = trellis_schedule_page_map;

  /* A short message for the window to show as a toast. */
  signals[SIGNAL_TOAST] =
    g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /* A visit was chosen: open its form (participant id, timepoint id). */
  signals[SIGNAL_ENTER_DATA] =
    g_signal_new ("enter-data", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);
  /* A participant's row was activated: show their card (the id). */
  signals[SIGNAL_PARTICIPANT_ACTIVATED] =
    g_signal_new ("participant-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  bind_template (widget_class);
  bind_callbacks (widget_class);
  gtk_widget_class_install_action (widget_class, TRELLIS_SCHEDULE_ACTION_ENTER_DATA, "(xx)", enter_data_action);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, focus_search, NULL);
}

static void
set_up_filters (TrellisSchedulePage *self)
{
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) cohorts = gtk_string_list_new (NULL);

  for (guint f = 0; f < TRELLIS_N_SCHEDULE_FILTERS; f++)
    gtk_string_list_append (statuses, trellis_schedule_filter_describe (f));
  gtk_drop_down_set_model (self->status_dropdown, G_LIST_MODEL (statuses));
  self->cohort_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  g_array_set_size (self->cohort_ids, 1);
  gtk_string_list_append (cohorts, _("All cohorts"));
  gtk_drop_down_set_model (self->cohort_dropdown, G_LIST_MODEL (cohorts));
}

static void
trellis_schedule_page_init (TrellisSchedulePage *self)
{
  self->model = trellis_schedule_model_new ();
  self->due = trellis_due_list_new ();
  self->timepoint_columns = g_ptr_array_new_with_free_func (g_object_unref);
  gtk_widget_init_template (GTK_WIDGET (self));
  set_up_filters (self);
  self->rows = gtk_slice_list_model_new (g_object_ref (G_LIST_MODEL (self->model)), 0, G_MAXUINT);
  self->due_rows = gtk_slice_list_model_new (g_object_ref (G_LIST_MODEL (self->due)), 0, G_MAXUINT);
  gtk_no_selection_set_model (self->selection, G_LIST_MODEL (self->rows));
  gtk_no_selection_set_model (self->due_selection, G_LIST_MODEL (self->due_rows));
  gtk_box_append (self->legend_bar, trellis_schedule_cell_new_legend ());
  /* Counts and empty states follow every change of either list. */
  g_signal_connect_object (self->model, "items-changed", G_CALLBACK (sync_state), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (self->due, "items-changed", G_CALLBACK (sync_state), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  /* Typing anywhere on the page searches, as in Files or Settings. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
  sync_state (self);
}
