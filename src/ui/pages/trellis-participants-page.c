/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-lazy-menu.h"
#include "trellis-list-rows.h"
#include "trellis-participant-list.h"
#include "trellis-participants-page.h"

/* The register: every participant with their cohort, status, baseline date and
 * consent state, searchable as one types and sortable by any column.
 *
 * The list can hold 100,000 participants, so the page never sorts or filters
 * in GTK: TrellisParticipantList does both over arrays. The column headers
 * still show GTK's sort arrows, and clicking them still works, because each
 * column has a sorter; but those sorters are only probes. GTK 4.8 cannot tell
 * which column the view sorts by (gtk_column_view_sorter_get_primary_sort_column
 * is 4.10), so the page asks the view's sorter to compare two dummies: it calls
 * the primary column's probe first, which records its column and answers
 * "smaller", and the view's answer says whether that column is inverted. */

typedef struct
{
  TrellisParticipantsPage *page;
  TrellisParticipantColumn column;
} ColumnProbe;

#define N_COLUMNS (TRELLIS_PARTICIPANT_COLUMN_CONSENT + 1)

struct _TrellisParticipantsPage
{
  AdwBin parent_instance;

  TrellisStudy *study;
  TrellisParticipantList *list;   /* the study's, attached when the page is first shown */
  GCancellable *completing;       /* while the rest of a list read in part is read */
  GtkSliceListModel *rows;        /* the list as the view shows it, see show_rows () */
  GdkFrameClock *paint_clock;
  gulong paint_handler;
  guint grow_source;
  gulong items_handler;
  gulong register_handler;
  gulong sorter_handler;

  ColumnProbe probes[N_COLUMNS];
  GObject *probe_items[2];
  int probed_column;

  GtkStack *stack;
  GtkStack *results_stack;
  GtkSearchEntry *search_entry;
  GtkLabel *count_label;
  GtkColumnView *column_view;
  GtkSingleSelection *selection;
  AdwStatusPage *no_results_page;
  GtkColumnViewColumn *code_column;
  GtkColumnViewColumn *cohort_column;
  GtkColumnViewColumn *status_column;
  GtkColumnViewColumn *baseline_column;
  GtkColumnViewColumn *consent_column;
};

G_DEFINE_FINAL_TYPE (TrellisParticipantsPage, trellis_participants_page, ADW_TYPE_BIN)

enum {
  SIGNAL_TOAST,
  SIGNAL_PARTICIPANT_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- Rows: a label per cell, set in bind and nothing else, so scrolling stays cheap ---- */

/* The text cells are GtkInscriptions, not GtkLabels: an inscription's size
 * comes from a number of characters and lines, not from its text, so the
 * view lays out its rows (GTK 4.8 makes up to 200 of them) without shaping
 * their text, which is then shaped once to draw it. The consent pill stays
 * a label, as its width follows its text. */
static void
setup_label (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  GtkWidget *label = gtk_inscription_new (NULL);

  gtk_inscription_set_xalign (GTK_INSCRIPTION (label), 0);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (label), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

/* Codes and dates line up in tabular figures. */
static void
setup_numeric_label (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     gpointer                  user_data)
{
  setup_label (factory, item, user_data);
  gtk_widget_add_css_class (gtk_list_item_get_child (item), "numeric");
}

static void
setup_pill (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_set_halign (label, GTK_ALIGN_START);
  gtk_list_item_set_child (item, label);
}

static void
set_cell (GtkListItem *item,
          const char  *text)
{
  gtk_inscription_set_text (GTK_INSCRIPTION (gtk_list_item_get_child (item)), text);
}

static void
bind_code (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  set_cell (item, trellis_participant_row_get_code (gtk_list_item_get_item (item)));
}

static void
bind_cohort (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  set_cell (item, trellis_participant_row_get_cohort (gtk_list_item_get_item (item)));
}

static void
bind_status (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  set_cell (item, trellis_participant_row_get_status_label (gtk_list_item_get_item (item)));
}

/* A missing baseline date is shown as a dash, so the column does not look broken. */
static void
bind_baseline (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  const char *date = trellis_participant_row_get_baseline_date (gtk_list_item_get_item (item));
  GtkWidget *label = gtk_list_item_get_child (item);

  gtk_inscription_set_text (GTK_INSCRIPTION (label), date[0] != '\0' ? date : "—");
  if (date[0] != '\0')
    gtk_widget_remove_css_class (label, "dim-label");
  else
    gtk_widget_add_css_class (label, "dim-label");
}

/* The consent state as a coloured pill: reconsent needed stands out in the
 * warning colour, since it is the one that asks the team to act. */
static void
bind_consent (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  static const char *const state_class[] = {
    [TRELLIS_CONSENT_STATE_NONE] = "none",
    [TRELLIS_CONSENT_STATE_GIVEN] = "success",
    [TRELLIS_CONSENT_STATE_DECLINED] = "error",
    [TRELLIS_CONSENT_STATE_RECONSENT_NEEDED] = "warning",
  };
  TrellisParticipantRow *row = gtk_list_item_get_item (item);
  TrellisConsentState state = trellis_participant_row_get_consent_state (row);
  const char *classes[] = { "consent-pill", state_class[state], NULL };
  GtkWidget *label = gtk_list_item_get_child (item);

  gtk_label_set_text (GTK_LABEL (label), trellis_participant_row_get_consent_label (row));
  gtk_widget_set_css_classes (label, classes);
}

/* ---- What the page shows ---- */

static void
sync_count (TrellisParticipantsPage *self,
            guint                    shown,
            guint                    total)
{
  g_autofree char *text = NULL;

  if (shown == total)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u participant", "%u participants", total),
                            total);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u shown", "%u of %u shown", shown),
                            shown, total);
  gtk_label_set_text (self->count_label, text);
}

/* The status pages stay hidden until first shown: a stack styles the pages
 * it does not show as well, and has their large icons loaded, for a first
 * frame that shows the list. */
static void
show_stack_child (GtkStack   *stack,
                  const char *name)
{
  GtkWidget *child = gtk_stack_get_child_by_name (stack, name);

  gtk_widget_set_visible (child, TRUE);
  gtk_stack_set_visible_child (stack, child);
}

/* No participants at all asks for some; no match for a search says so. A
 * list that has read its first rows only counts every participant: what a
 * search finds is known once it has them all. Until the page has its
 * study's register (see attach ()), it is never shown, and shows the list. */
static void
sync_state (TrellisParticipantsPage *self)
{
  guint total = self->list != NULL ? trellis_participant_list_get_n_total (self->list) : 0;
  guint shown = self->list != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->list)) : 0;

  if (self->list != NULL && !trellis_participant_list_get_complete (self->list))
    shown = total;

  sync_count (self, shown, total);
  if (self->list == NULL)
    return;
  show_stack_child (self->stack, total == 0 ? "empty" : "list");
  show_stack_child (self->results_stack, shown == 0 ? "no-results" : "results");

  if (shown == 0 && total > 0)
    {
      g_autofree char *description =
        g_strdup_printf (_("No participant matches “%s”. Search by code, cohort, status or consent."),
                         gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));

      adw_status_page_set_description (self->no_results_page, description);
    }
}

static void
on_search_changed (TrellisParticipantsPage *self)
{
  if (self->list != NULL)
    trellis_participant_list_set_filter (self->list, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

/* Double-click or Enter on a row opens that participant's card, which the
 * page leaves to whoever shows it. */
static void
on_row_activated (TrellisParticipantsPage *self,
                  guint                    position)
{
  g_autoptr(TrellisParticipantRow) row = NULL;

  if (self->list == NULL)
    return;
  row = g_list_model_get_item (G_LIST_MODEL (self->list), position);
  if (row != NULL)
    g_signal_emit (self, signals[SIGNAL_PARTICIPANT_ACTIVATED], 0, trellis_participant_row_get_id (row));
}

static void
on_stop_search (TrellisParticipantsPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

/* ---- Sorting through the column headers ---- */

static int
probe_compare (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  ColumnProbe *probe = user_data;

  probe->page->probed_column = probe->column;
  return GTK_ORDERING_SMALLER;
}

static void
on_sorter_changed (TrellisParticipantsPage *self)
{
  GtkSorter *sorter = gtk_column_view_get_sorter (self->column_view);
  GtkOrdering ordering;

  self->probed_column = -1;
  ordering = gtk_sorter_compare (sorter, self->probe_items[0], self->probe_items[1]);
  if (self->list == NULL)
    return;

  /* Without a sort column, the register reads in code order. */
  if (self->probed_column < 0)
    trellis_participant_list_set_sort (self->list, TRELLIS_PARTICIPANT_COLUMN_CODE, FALSE);
  else
    trellis_participant_list_set_sort (self->list, self->probed_column, ordering == GTK_ORDERING_LARGER);
}

static void
set_up_sorting (TrellisParticipantsPage *self)
{
  GtkColumnViewColumn *columns[N_COLUMNS] = {
    [TRELLIS_PARTICIPANT_COLUMN_CODE] = self->code_column,
    [TRELLIS_PARTICIPANT_COLUMN_COHORT] = self->cohort_column,
    [TRELLIS_PARTICIPANT_COLUMN_STATUS] = self->status_column,
    [TRELLIS_PARTICIPANT_COLUMN_BASELINE_DATE] = self->baseline_column,
    [TRELLIS_PARTICIPANT_COLUMN_CONSENT] = self->consent_column,
  };

  self->probe_items[0] = g_object_new (G_TYPE_OBJECT, NULL);
  self->probe_items[1] = g_object_new (G_TYPE_OBJECT, NULL);
  for (guint i = 0; i < N_COLUMNS; i++)
    {
      g_autoptr(GtkCustomSorter) probe = NULL;

      self->probes[i].page = self;
      self->probes[i].column = i;
      probe = gtk_custom_sorter_new (probe_compare, &self->probes[i], NULL);
      gtk_column_view_column_set_sorter (columns[i], GTK_SORTER (probe));
    }
  gtk_column_view_sort_by_column (self->column_view, self->code_column, GTK_SORT_ASCENDING);
  self->sorter_handler = g_signal_connect_swapped (gtk_column_view_get_sorter (self->column_view), "changed",
                                                   G_CALLBACK (on_sorter_changed), self);
}

/* ---- The study ---- */

static void
on_items_changed (TrellisParticipantsPage *self)
{
  sync_state (self);
}

void
trellis_participants_page_reload (TrellisParticipantsPage *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (TRELLIS_IS_PARTICIPANTS_PAGE (self));

  if (self->list != NULL && !trellis_participant_list_reload (self->list, &error))
    g_signal_emit (self, signals[SIGNAL_TOAST], 0, error->message);
}

/* Whether the page has every participant to show, not only the first
 * screenful of a study just opened. */
gboolean
trellis_participants_page_get_complete (TrellisParticipantsPage *self)
{
  g_return_val_if_fail (TRELLIS_IS_PARTICIPANTS_PAGE (self), TRUE);
  return self->list == NULL || trellis_participant_list_get_complete (self->list);
}

/* The view starts with as many rows as fill the screen, and is given the
 * rest once that frame is drawn (see trellis-list-rows.c). A row is a line
 * of text with its padding, 32 pixels or more; above the rows, the window
 * always shows a header bar, the search bar and the column titles, 120
 * pixels or more. */
#define ROW_HEIGHT 32
#define ABOVE_ROWS 120

static void on_list_completed (GObject      *source,
                               GAsyncResult *result,
                               gpointer      user_data);

/* A study just opened has read the first screenful of its register. The
 * rest is read once that is drawn: read alongside, it held up the frame. */
static void
complete_list (TrellisParticipantsPage *self)
{
  if (trellis_participant_list_get_complete (self->list) || self->completing != NULL)
    return;
  self->completing = g_cancellable_new ();
  trellis_study_complete_participant_list_async (self->study, self->completing, on_list_completed, self);
}

static gboolean
show_all_rows (gpointer user_data)
{
  TrellisParticipantsPage *self = user_data;

  self->grow_source = 0;
  gtk_slice_list_model_set_size (self->rows, G_MAXUINT);
  complete_list (self);
  return G_SOURCE_REMOVE;
}

static void
stop_growing (TrellisParticipantsPage *self)
{
  if (self->paint_clock != NULL)
    g_clear_signal_handler (&self->paint_handler, self->paint_clock);
  g_clear_object (&self->paint_clock);
  g_clear_handle_id (&self->grow_source, g_source_remove);
}

/* Making the other rows takes a moment, so it waits until after the frame. */
static void
on_first_paint (TrellisParticipantsPage *self)
{
  stop_growing (self);
  self->grow_source = g_idle_add (show_all_rows, self);
}

static void
show_rows (TrellisParticipantsPage *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  self->rows = gtk_slice_list_model_new (g_object_ref (G_LIST_MODEL (self->list)), 0,
                                         clock != NULL
                                         ? trellis_list_rows_to_fill_screen (GTK_WIDGET (self), ROW_HEIGHT, ABOVE_ROWS)
                                         : G_MAXUINT);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->rows));
  if (clock == NULL)
    {
      complete_list (self);
      return;
    }
  self->paint_clock = g_object_ref (clock);
  self->paint_handler = g_signal_connect_swapped (clock, "after-paint", G_CALLBACK (on_first_paint), self);
}

static void
on_list_completed (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  TrellisParticipantsPage *self;
  gboolean completed;

  /* A page that let go of the study cancelled, and may be gone. */
  completed = trellis_study_complete_participant_list_finish (TRELLIS_STUDY (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = TRELLIS_PARTICIPANTS_PAGE (user_data);
  g_clear_object (&self->completing);
  if (!completed)
    g_signal_emit (self, signals[SIGNAL_TOAST], 0, error->message);
}

static void
detach (TrellisParticipantsPage *self)
{
  g_cancellable_cancel (self->completing);
  g_clear_object (&self->completing);
  if (self->list != NULL)
    g_clear_signal_handler (&self->items_handler, self->list);
  if (self->study != NULL)
    g_clear_signal_handler (&self->register_handler, self->study);
  stop_growing (self);
  gtk_single_selection_set_model (self->selection, NULL);
  g_clear_object (&self->rows);
  g_clear_object (&self->list);
}

/* Reading the register of a large study takes a moment, so it waits until the
 * page is first shown. The list keeps the page's search and sort. */
static void
attach (TrellisParticipantsPage *self)
{
  g_autoptr(GError) error = NULL;
  GListModel *list = NULL;

  if (self->study == NULL || self->list != NULL)
    return;

  if (!trellis_study_read_participant_list (self->study, &list, &error))
    g_signal_emit (self, signals[SIGNAL_TOAST], 0, error->message);
  self->list = g_object_ref (TRELLIS_PARTICIPANT_LIST (list));
  trellis_participant_list_set_filter (self->list, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  on_sorter_changed (self);
  self->items_handler = g_signal_connect_object (self->list, "items-changed", G_CALLBACK (on_items_changed),
                                                 self, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  /* Stores that change the register announce it with "register-changed". */
  self->register_handler = g_signal_connect_object (self->study, "register-changed",
                                                    G_CALLBACK (trellis_participants_page_reload),
                                                    self, G_CONNECT_SWAPPED);
  show_rows (self);
  sync_state (self);
}

void
trellis_participants_page_set_study (TrellisParticipantsPage *self,
                                     TrellisStudy            *study)
{
  g_return_if_fail (TRELLIS_IS_PARTICIPANTS_PAGE (self));
  g_return_if_fail (study == NULL || TRELLIS_IS_STUDY (study));

  detach (self);
  g_set_object (&self->study, study);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    attach (self);
  sync_state (self);
}

static void
trellis_participants_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (trellis_participants_page_parent_class)->map (widget);
  attach (TRELLIS_PARTICIPANTS_PAGE (widget));
}

static gboolean
focus_search (GtkWidget *widget,
              GVariant  *args,
              gpointer   user_data)
{
  TrellisParticipantsPage *self = TRELLIS_PARTICIPANTS_PAGE (widget);

  return gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
trellis_participants_page_dispose (GObject *object)
{
  TrellisParticipantsPage *self = TRELLIS_PARTICIPANTS_PAGE (object);

  /* The columns leave the sorter as the template goes, which it reports as a change. */
  if (self->column_view != NULL)
    g_clear_signal_handler (&self->sorter_handler, gtk_column_view_get_sorter (self->column_view));
  detach (self);
  g_clear_object (&self->study);
  g_clear_object (&self->probe_items[0]);
  g_clear_object (&self->probe_items[1]);

  G_OBJECT_CLASS (trellis_participants_page_parent_class)->dispose (object);
}

static void
bind_template (GtkWidgetClass *widget_class)
{
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/trellis/Trellis/pages/trellis-participants-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TrellisParticipantsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, TrellisParticipantsPage, results_stack);
  gtk_widget_class_bind_template_child (widget_class, TrellisParticipantsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TrellisParticipantsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, TrellisParticipantsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, TrellisParticipantsPage, selection);
  gtk_widget_class_bind_template_child (widget_class, TrellisParticipantsPage, no_results_page);
  gtk_widget_class_bind_template_child (widget_class, TrellisParticipantsPage, code_column);
  gtk_widget_class_bind_template_child (widget_class, TrellisParticipantsPage, cohort_column);
  gtk_widget_class_bind_template_child (widget_class, TrellisParticipantsPage, status_column);
  gtk_widget_class_bind_template_child (widget_class, TrellisParticipantsPage, baseline_column);
  gtk_widget_class_bind_template_child (widget_class, TrellisParticipantsPage, consent_column);
  /* Not needed here, but named for tests that check what the page shows. */
  gtk_widget_class_bind_template_child_full (widget_class, "empty_page", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "transfer_menu_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "transfer_menu", FALSE, 0);
}

static void
bind_callbacks (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, setup_label);
  gtk_widget_class_bind_template_callback (widget_class, setup_numeric_label);
  gtk_widget_class_bind_template_callback (widget_class, setup_pill);
  gtk_widget_class_bind_template_callback (widget_class, bind_code);
  gtk_widget_class_bind_template_callback (widget_class, bind_cohort);
  gtk_widget_class_bind_template_callback (widget_class, bind_status);
  gtk_widget_class_bind_template_callback (widget_class, bind_baseline);
  gtk_widget_class_bind_template_callback (widget_class, bind_consent);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
}

static void
trellis_participants_page_class_init (TrellisParticipantsPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = trellis_participants_page_dispose;
  widget_class->map = trellis_participants_page_map;

  /* A short message for the window to show as a toast. */
  signals[SIGNAL_TOAST] =
    g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /* A participant's row was activated: show their card (the id). */
  signals[SIGNAL_PARTICIPANT_ACTIVATED] =
    g_signal_new ("participant-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  bind_template (widget_class);
  bind_callbacks (widget_class);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, focus_search, NULL);
}

static void
trellis_participants_page_init (TrellisParticipantsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  trellis_lazy_menu_attach (GTK_MENU_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (self),
                                                                            TRELLIS_TYPE_PARTICIPANTS_PAGE,
                                                                            "transfer_menu_button")),
                            G_MENU_MODEL (gtk_widget_get_template_child (GTK_WIDGET (self),
                                                                         TRELLIS_TYPE_PARTICIPANTS_PAGE,
                                                                         "transfer_menu")));
  set_up_sorting (self);
  /* Typing anywhere on the page searches, as in Files or Settings. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
  sync_state (self);
}
