/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "trellis-application.h"
#include "trellis-audit-page.h"
#include "trellis-study-audit.h"

/* The audit trail, newest first, a page of rows at a time: the first page
 * is read when the page is first shown and each further one when the list
 * is scrolled to its end, so a trail of hundreds of thousands of rows opens
 * at once. The search is made in storage, in a worker, over the whole
 * trail.
 *
 * Allocation concealment: in the coordinator's view, the rows of interview
 * draws say which draw, pick and cohort, never whom; the interviewer's and
 * the PI's views add the study code. The role is the Interviews page's,
 * a preference in the application's settings that this page follows. Like
 * there, it is a guard-rail on a shared desktop, not security, and the page
 * says so. */

struct _TrellisAuditPage
{
  AdwBin parent_instance;

  TrellisStudy *study;
  GListStore *entries;          /* TrellisAuditEntry, newest first */
  GCancellable *cancellable;    /* the read under way */
  GCancellable *check_cancellable;
  GSettings *settings;
  gulong audit_handler;
  gint64 last_id;               /* the oldest row read */
  gboolean more;                /* the last page read was full */
  gboolean loading;
  gboolean appending;
  gboolean stale;               /* the trail changed while the page was hidden */
  gboolean reveal;

  GtkSearchEntry *search_entry;
  GtkLabel *count_label;
  GtkLabel *role_label;
  GtkWidget *check_box;
  GtkImage *check_icon;
  GtkLabel *check_label;
  GtkStack *results_stack;
  GtkSpinner *spinner;
  GtkNoSelection *selection;
};

G_DEFINE_FINAL_TYPE (TrellisAuditPage, trellis_audit_page, ADW_TYPE_BIN)

enum
{
  SIGNAL_TOAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- Cells ---- */

/* GtkInscription: its size does not depend on its text, so laying out the
 * rows of a page does not shape the text of each. */
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

static void
setup_numeric_label (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     gpointer                  user_data)
{
  setup_label (factory, item, user_data);
  gtk_widget_add_css_class (gtk_list_item_get_child (item), "numeric");
}

static void
set_cell (GtkListItem *item,
          const char  *text)
{
  gtk_inscription_set_text (GTK_INSCRIPTION (gtk_list_item_get_child (item)), text);
}

static TrellisAuditEntry *
item_entry (GtkListItem *item)
{
  return TRELLIS_AUDIT_ENTRY (gtk_list_item_get_item (item));
}

static void
bind_time (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  set_cell (item, trellis_audit_entry_get_time (item_entry (item)));
}

static void
bind_user (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  set_cell (item, trellis_audit_entry_get_user (item_entry (item)));
}

static void
bind_action (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  set_cell (item, trellis_audit_entry_get_action (item_entry (item)));
}

static void
bind_reason (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  const char *reason = trellis_audit_entry_get_reason (item_entry (item));
  GtkWidget *cell = gtk_list_item_get_child (item);

  set_cell (item, reason);
  gtk_widget_set_tooltip_text (cell, *reason != '\0' ? reason : NULL);
}

/* The table, dimmed, then what changed; the whole summary in the tooltip,
 * since a bulk row's list of picks is longer than the column. */
static void
bind_what (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  TrellisAuditEntry *entry = item_entry (item);
  const char *summary = trellis_audit_entry_get_summary (entry);
  GtkWidget *cell = gtk_list_item_get_child (item);
  g_autofree char *markup = g_markup_printf_escaped ("<span alpha=\"55%%\">%s</span>  %s",
                                                     trellis_audit_entry_get_table_name (entry), summary);

  gtk_inscription_set_markup (GTK_INSCRIPTION (cell), markup);
  gtk_widget_set_tooltip_text (cell, *summary != '\0' ? summary : NULL);
}

/* ---- The role ---- */

static void
sync_role_label (TrellisAuditPage *self)
{
  if (self->reveal)
    gtk_label_set_text (self->role_label,
                        _("Interviewer and PI view: the audit trail names whom each interview draw picked. Role views "
                          "are guard-rails on a shared desktop, not security: the role is chosen on the Interviews "
                          "page."));
  else
    gtk_label_set_text (self->role_label,
                        _("Coordinator view: the audit trail shows that a draw happened, not whom it picked. Role views "
                          "are guard-rails on a shared desktop, not security: anyone at this computer can switch on "
                          "the Interviews page."));
}

static void reload (TrellisAuditPage *self);

static void
on_role_changed (TrellisAuditPage *self)
{
  g_autofree char *role = g_settings_get_string (self->settings, "interviews-role");
  gboolean reveal = g_strcmp0 (role, "coordinator") != 0;

  if (reveal == self->reveal)
    return;
  self->reveal = reveal;
  sync_role_label (self);
  reload (self);
}

/* The role is the Interviews page's, kept in the application's settings
 * once the page is in a window. Until then, the coordinator's view. */
static void
follow_settings (TrellisAuditPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkApplication *app = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root)) : NULL;

  if (self->settings != NULL || !TRELLIS_IS_APPLICATION (app))
    return;
  self->settings = g_object_ref (trellis_application_get_settings (TRELLIS_APPLICATION (app)));
  g_signal_connect_object (self->settings, "changed::interviews-role", G_CALLBACK (on_role_changed), self,
                           G_CONNECT_SWAPPED);
  on_role_changed (self);
}

/* ---- Reading the trail ---- */

static gboolean
searching (TrellisAuditPage *self)
{
  return *gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0';
}

static void
sync_state (TrellisAuditPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->entries));
  g_autofree char *count = NULL;

  if (self->loading && !self->appending)
    {
      gtk_stack_set_visible_child_name (self->results_stack, "loading");
      gtk_spinner_start (self->spinner);
      return;
    }
  gtk_spinner_stop (self->spinner);
  if (n == 0)
    gtk_stack_set_visible_child_name (self->results_stack, searching (self) ? "no-results" : "empty");
  else
    gtk_stack_set_visible_child_name (self->results_stack, "results");
  /* A count of the rows shown, with "+" while older ones remain unread. */
  count = self->more
          ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u+ row", "%u+ rows", n), n)
          : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u row", "%u rows", n), n);
  gtk_label_set_text (self->count_label, count);
}

static void
on_page_read (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(TrellisAuditPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = trellis_study_read_audit_finish (TRELLIS_STUDY (source), result, &error);
  guint start;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->loading = FALSE;
  g_clear_object (&self->cancellable);
  if (entries == NULL)
    {
      self->more = FALSE;
      self->appending = FALSE;
      g_signal_emit (self, signals[SIGNAL_TOAST], 0, error->message);
      sync_state (self);
      return;
    }
  /* A new read replaces the rows in one change, so the list does not
   * flash empty; a further page is added after them. */
  start = self->appending ? g_list_model_get_n_items (G_LIST_MODEL (self->entries)) : 0;
  g_list_store_splice (self->entries, start, g_list_model_get_n_items (G_LIST_MODEL (self->entries)) - start,
                       entries->pdata, entries->len);
  self->more = entries->len == TRELLIS_AUDIT_LOG_PAGE_SIZE;
  if (entries->len > 0)
    self->last_id = trellis_audit_entry_get_id (g_ptr_array_index (entries, entries->len - 1));
  self->appending = FALSE;
  sync_state (self);
}

static void
read_page (TrellisAuditPage *self,
           gboolean          appending)
{
  TrellisAuditLogQuery query = {
    .before_id = appending ? self->last_id : 0,
    .limit = TRELLIS_AUDIT_LOG_PAGE_SIZE,
    .filter = gtk_editable_get_text (GTK_EDITABLE (self->search_entry)),
    .reveal = self->reveal,
  };

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->study == NULL)
    return;
  self->cancellable = g_cancellable_new ();
  self->loading = TRUE;
  self->appending = appending;
  trellis_study_read_audit_async (self->study, &query, self->cancellable, on_page_read, g_object_ref (self));
  sync_state (self);
}

/* Reads the first page again, now if the page is shown, else when it is. */
static void
reload (TrellisAuditPage *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }
  self->stale = FALSE;
  read_page (self, FALSE);
}

static void
on_edge_reached (TrellisAuditPage *self,
                 GtkPositionType   position)
{
  if (position == GTK_POS_BOTTOM && self->more && !self->loading)
    read_page (self, TRUE);
}

static void
on_search_changed (TrellisAuditPage *self)
{
  if (self->study != NULL)
    reload (self);
}

static void
on_stop_search (TrellisAuditPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

/* ---- Checking the chain ---- */

static void
show_check (TrellisAuditPage *self,
            gboolean          intact,
            const char       *text)
{
  gtk_widget_remove_css_class (self->check_box, intact ? "error" : "success");
  gtk_widget_add_css_class (self->check_box, intact ? "success" : "error");
  gtk_image_set_from_icon_name (self->check_icon, intact ? "emblem-ok-symbolic" : "dialog-warning-symbolic");
  gtk_label_set_text (self->check_label, text);
  gtk_widget_set_visible (self->check_box, TRUE);
}

static void
on_checked (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(TrellisAuditPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisAuditCheck) check = trellis_study_verify_audit_finish (TRELLIS_STUDY (source), result, &error);
  g_autofree char *text = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->check_cancellable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "audit.verify", self->study != NULL);
  if (check == NULL)
    {
      show_check (self, FALSE, error->message);
      return;
    }
  if (check->intact)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Intact: %" PRId64 " row, head hash %s",
                                         "Intact: %" PRId64 " rows, head hash %s", (gulong) check->n_rows),
                            check->n_rows, check->head_hash);
  show_check (self, check->intact, check->intact ? text : check->problem);
}

static void
verify_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TrellisAuditPage *self = TRELLIS_AUDIT_PAGE (widget);

  if (self->study == NULL || self->check_cancellable != NULL)
    return;
  self->check_cancellable = g_cancellable_new ();
  gtk_widget_action_set_enabled (widget, "audit.verify", FALSE);
  show_check (self, TRUE, _("Checking every audit row against the hash chain…"));
  gtk_image_set_from_icon_name (self->check_icon, "content-loading-symbolic");
  trellis_study_verify_audit_async (self->study, self->check_cancellable, on_checked, g_object_ref (self));
}

/* ---- The widget ---- */

static void
detach (TrellisAuditPage *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
  if (self->study != NULL)
    g_clear_signal_handler (&self->audit_handler, self->study);
  g_clear_object (&self->study);
  self->loading = FALSE;
  self->appending = FALSE;
  self->more = FALSE;
}

void
trellis_audit_page_set_study (TrellisAuditPage *self,
                              TrellisStudy     *study)
{
  g_return_if_fail (TRELLIS_IS_AUDIT_PAGE (self));
  g_return_if_fail (study == NULL || TRELLIS_IS_STUDY (study));

  detach (self);
  g_list_store_remove_all (self->entries);
  gtk_widget_set_visible (self->check_box, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "audit.verify", study != NULL);
  if (study == NULL)
    {
      sync_state (self);
      return;
    }
  self->study = g_object_ref (study);
  /* Every change writes an audit row, so the count says when to read again. */
  self->audit_handler = g_signal_connect_object (study, "notify::audit-count", G_CALLBACK (reload), self,
                                                 G_CONNECT_SWAPPED);
  reload (self);
}

gboolean
trellis_audit_page_get_loading (TrellisAuditPage *self)
{
  g_return_val_if_fail (TRELLIS_IS_AUDIT_PAGE (self), FALSE);
  return self->loading || (self->stale && self->study != NULL);
}

gboolean
trellis_audit_page_get_checking (TrellisAuditPage *self)
{
  g_return_val_if_fail (TRELLIS_IS_AUDIT_PAGE (self), FALSE);
  return self->check_cancellable != NULL;
}

/* Whether the rows name whom interview draws picked. */
gboolean
trellis_audit_page_get_reveal (TrellisAuditPage *self)
{
  g_return_val_if_fail (TRELLIS_IS_AUDIT_PAGE (self), FALSE);
  return self->reveal;
}

/* The rows read so far, newest first: TrellisAuditEntry. */
GListModel *
trellis_audit_page_get_entries (TrellisAuditPage *self)
{
  g_return_val_if_fail (TRELLIS_IS_AUDIT_PAGE (self), NULL);
  return G_LIST_MODEL (self->entries);
}

static void
trellis_audit_page_map (GtkWidget *widget)
{
  TrellisAuditPage *self = TRELLIS_AUDIT_PAGE (widget);

  GTK_WIDGET_CLASS (trellis_audit_page_parent_class)->map (widget);
  follow_settings (self);
  if (self->stale && self->study != NULL)
    reload (self);
}

static void
trellis_audit_page_dispose (GObject *object)
{
  TrellisAuditPage *self = TRELLIS_AUDIT_PAGE (object);

  detach (self);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), TRELLIS_TYPE_AUDIT_PAGE);
  G_OBJECT_CLASS (trellis_audit_page_parent_class)->dispose (object);
}

static void
trellis_audit_page_finalize (GObject *object)
{
  g_clear_object (&TRELLIS_AUDIT_PAGE (object)->entries);
  G_OBJECT_CLASS (trellis_audit_page_parent_class)->finalize (object);
}

static void
bind_template (GtkWidgetClass *widget_class)
{
  gtk_widget_class_set_template_from_resource (widget_class, "/org/trellis/Trellis/pages/trellis-audit-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TrellisAuditPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TrellisAuditPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, TrellisAuditPage, role_label);
  gtk_widget_class_bind_template_child (widget_class, TrellisAuditPage, check_box);
  gtk_widget_class_bind_template_child (widget_class, TrellisAuditPage, check_icon);
  gtk_widget_class_bind_template_child (widget_class, TrellisAuditPage, check_label);
  gtk_widget_class_bind_template_child (widget_class, TrellisAuditPage, results_stack);
  gtk_widget_class_bind_template_child (widget_class, TrellisAuditPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, TrellisAuditPage, selection);
  gtk_widget_class_bind_template_child_full (widget_class, "column_view", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "scroller", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "verify_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "empty_page", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "no_results_page", FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, setup_label);
  gtk_widget_class_bind_template_callback (widget_class, setup_numeric_label);
  gtk_widget_class_bind_template_callback (widget_class, bind_time);
  gtk_widget_class_bind_template_callback (widget_class, bind_user);
  gtk_widget_class_bind_template_callback (widget_class, bind_action);
  gtk_widget_class_bind_template_callback (widget_class, bind_what);
  gtk_widget_class_bind_template_callback (widget_class, bind_reason);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_edge_reached);
}

static void
trellis_audit_page_class_init (TrellisAuditPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = trellis_audit_page_dispose;
  object_class->finalize = trellis_audit_page_finalize;
  widget_class->map = trellis_audit_page_map;

  /* A short message for the window to show as a toast. */
  signals[SIGNAL_TOAST] =
    g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "audit.verify", NULL, verify_action);
  bind_template (widget_class);
}

static void
trellis_audit_page_init (TrellisAuditPage *self)
{
  self->entries = g_list_store_new (TRELLIS_TYPE_AUDIT_ENTRY);
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_no_selection_set_model (self->selection, G_LIST_MODEL (self->entries));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "audit.verify", FALSE);
  sync_role_label (self);
  sync_state (self);
}
