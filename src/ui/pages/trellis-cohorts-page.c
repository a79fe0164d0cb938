/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-cohort-dialog.h"
#include "trellis-cohorts-page.h"

/* The study's cohorts: one per professional group, as a table with the
 * number of participants in each. Archived cohorts keep their participants
 * and show dimmed with a tag, or not at all until "Show Archived" is on.
 * The page's buttons and row menus are "cohorts." actions, which a read-only
 * study disables. */
struct _TrellisCohortsPage
{
  AdwBin parent_instance;

  TrellisStudy *study;
  gulong register_handler;

  GtkStack *stack;
  GtkStack *results_stack;
  GtkLabel *count_label;
  GtkToggleButton *archived_toggle;
  GtkColumnView *column_view;
  GtkFilterListModel *filter_model;
  GtkCustomFilter *filter;
};

G_DEFINE_FINAL_TYPE (TrellisCohortsPage, trellis_cohorts_page, ADW_TYPE_BIN)

enum {
  SIGNAL_TOAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
toast (TrellisCohortsPage *self,
       const char         *message)
{
  g_signal_emit (self, signals[SIGNAL_TOAST], 0, message);
}

static GtkWindow *
parent_window (TrellisCohortsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* ---- Cells: set in bind from the cohort and nothing else ---- */

static void
setup_label (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
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

/* The name, followed by an "Archived" tag when the cohort is archived. */
static void
setup_name (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *tag = gtk_label_new (_("Archived"));

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (tag, "register-tag");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), tag);
  gtk_list_item_set_child (item, box);
}

static void
setup_menu (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  GtkWidget *button = gtk_menu_button_new ();

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_widget_set_tooltip_text (button, _("Cohort Actions"));
  gtk_widget_set_halign (button, GTK_ALIGN_END);
  gtk_widget_add_css_class (button, "flat");
  gtk_list_item_set_child (item, button);
}

/* Archived cohorts read dimmed in every column. */
static void
set_cell (GtkListItem *item,
          GtkWidget   *label,
          const char  *text)
{
  TrellisCohort *cohort = gtk_list_item_get_item (item);
  gboolean blank = text == NULL || *text == '\0';

  gtk_label_set_text (GTK_LABEL (label), blank ? "—" : text);
  if (trellis_cohort_get_archived (cohort) || blank)
    gtk_widget_add_css_class (label, "dim-label");
  else
    gtk_widget_remove_css_class (label, "dim-label");
}

static void
bind_name (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  TrellisCohort *cohort = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);

  set_cell (item, gtk_widget_get_first_child (box), trellis_cohort_get_name (cohort));
  gtk_widget_set_visible (gtk_widget_get_last_child (box), trellis_cohort_get_archived (cohort));
}

static void
bind_profession (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  set_cell (item, gtk_list_item_get_child (item), trellis_cohort_get_profession (gtk_list_item_get_item (item)));
}

static void
bind_site (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  set_cell (item, gtk_list_item_get_child (item), trellis_cohort_get_site (gtk_list_item_get_item (item)));
}

static void
bind_start_date (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  set_cell (item, gtk_list_item_get_child (item), trellis_cohort_get_start_date (gtk_list_item_get_item (item)));
}

static void
bind_participants (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  g_autofree char *text = g_strdup_printf ("%d", trellis_cohort_get_n_participants (gtk_list_item_get_item (item)));

  set_cell (item, gtk_list_item_get_child (item), text);
}

/* The menu names its cohort by id, so it works whichever row is selected. */
static void
bind_menu (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  TrellisCohort *cohort = gtk_list_item_get_item (item);
  gint64 id = trellis_cohort_get_id (cohort);
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) danger = g_menu_new ();
  g_autofree char *edit = g_strdup_printf ("cohorts.edit(int64 %" G_GINT64_FORMAT ")", id);
  g_autofree char *archive = g_strdup_printf ("cohorts.%s(int64 %" G_GINT64_FORMAT ")",
                                              trellis_cohort_get_archived (cohort) ? "unarchive" : "archive", id);
  g_autofree char *delete = g_strdup_printf ("cohorts.delete(int64 %" G_GINT64_FORMAT ")", id);

  g_menu_append (menu, _("_Edit…"), edit);
  g_menu_append (menu, trellis_cohort_get_archived (cohort) ? _("_Unarchive") : _("_Archive"), archive);
  g_menu_append (danger, _("_Delete…"), delete);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (danger));
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (gtk_list_item_get_child (item)), G_MENU_MODEL (menu));
}

/* ---- What the page shows ---- */

static gboolean
filter_cohort (gpointer item,
               gpointer user_data)
{
  TrellisCohortsPage *self = user_data;

  return gtk_toggle_button_get_active (self->archived_toggle) || !trellis_cohort_get_archived (item);
}

static guint
count_archived (GListModel *cohorts)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (cohorts); i++)
    {
      g_autoptr(TrellisCohort) cohort = g_list_model_get_item (cohorts, i);

      n += trellis_cohort_get_archived (cohort) ? 1 : 0;
    }
  return n;
}

static void
sync_count (TrellisCohortsPage *self,
            guint               total,
            guint               archived)
{
  g_autofree char *text = NULL;

  if (archived == 0)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u cohort", "%u cohorts", total), total);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u cohort, %u archived", "%u cohorts, %u archived",
                                         total),
                            total, archived);
  gtk_label_set_text (self->count_label, text);
}

/* No cohorts at all asks for some; only archived ones says where they are. */
static void
sync_state (TrellisCohortsPage *self)
{
  GListModel *cohorts = gtk_filter_list_model_get_model (self->filter_model);
  guint total = cohorts != NULL ? g_list_model_get_n_items (cohorts) : 0;
  guint archived = cohorts != NULL ? count_archived (cohorts) : 0;
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));

  gtk_stack_set_visible_child_name (self->stack, total == 0 ? "empty" : "list");
  gtk_stack_set_visible_child_name (self->results_stack, shown == 0 ? "all-archived" : "results");
  gtk_widget_set_visible (GTK_WIDGET (self->archived_toggle), archived > 0);
  sync_count (self, total, archived);
}

static void
on_archived_toggled (TrellisCohortsPage *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  sync_state (self);
}

/* ---- Actions ---- */

static TrellisCohort *
find_cohort (TrellisCohortsPage *self,
             gint64              id)
{
  GListModel *cohorts = self->study ? trellis_study_get_cohorts (self->study) : NULL;

  for (guint i = 0; cohorts != NULL && i < g_list_model_get_n_items (cohorts); i++)
    {
      g_autoptr(TrellisCohort) cohort = g_list_model_get_item (cohorts, i);

      if (trellis_cohort_get_id (cohort) == id)
        return g_steal_pointer (&cohort);
    }
  return NULL;
}

static void
open_dialog (TrellisCohortsPage *self,
             TrellisCohort      *cohort)
{
  TrellisCohortDialog *dialog;

  if (self->study == NULL || trellis_study_is_read_only (self->study))
    return;
  dialog = trellis_cohort_dialog_new (parent_window (self), self->study, cohort);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  open_dialog (TRELLIS_COHORTS_PAGE (widget), NULL);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TrellisCohortsPage *self = TRELLIS_COHORTS_PAGE (widget);
  g_autoptr(TrellisCohort) cohort = find_cohort (self, g_variant_get_int64 (parameter));

  if (cohort != NULL)
    open_dialog (self, cohort);
}

static void
set_archived (TrellisCohortsPage *self,
              gint64              id,
              gboolean            archived)
{
  g_autoptr(GError) error = NULL;

  if (!trellis_study_set_cohort_archived (self->study, id, archived, &error))
    toast (self, error->message);
}

static void
archive_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  set_archived (TRELLIS_COHORTS_PAGE (widget), g_variant_get_int64 (parameter),
                g_str_equal (action_name, "cohorts.archive"));
}

static void
on_activate (TrellisCohortsPage *self,
             guint               position)
{
  g_autoptr(TrellisCohort) cohort = g_list_model_get_item (G_LIST_MODEL (self->filter_model), position);

  if (cohort != NULL)
    open_dialog (self, cohort);
}

/* ---- Deleting: only a cohort nobody was ever added to ---- */

typedef struct
{
  TrellisCohortsPage *page;
  gint64 id;
} DeleteData;

static void
delete_data_free (gpointer  data,
                  GClosure *closure)
{
  DeleteData *delete = data;

  g_object_unref (delete->page);
  g_free (delete);
}

static void
on_delete_response (AdwMessageDialog *dialog,
                    const char       *response,
                    DeleteData       *data)
{
  if (g_str_equal (response, "archive"))
    set_archived (data->page, data->id, TRUE);
  else if (g_str_equal (response, "delete"))
    {
      g_autoptr(GError) error = NULL;

      if (!trellis_study_delete_cohort (data->page->study, data->id, &error))
        toast (data->page, error->message);
    }
}

static GtkWidget *
delete_dialog (TrellisCohortsPage *self,
               TrellisCohort      *cohort,
               const GError       *refusal)
{
  g_autofree char *heading = g_strdup_printf (_("Delete Cohort “%s”?"), trellis_cohort_get_name (cohort));
  GtkWidget *dialog;

  if (refusal != NULL)
    dialog = adw_message_dialog_new (parent_window (self), _("Cohort Cannot Be Deleted"), refusal->message);
  else
    dialog = adw_message_dialog_new (parent_window (self), heading,
                                     _("Nobody was added to it. The deletion is kept in the audit trail."));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"));
  if (refusal != NULL && !trellis_cohort_get_archived (cohort))
    {
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "archive", _("_Archive"));
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "archive", ADW_RESPONSE_SUGGESTED);
    }
  else if (refusal == NULL)
    {
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "delete", _("_Delete"));
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
    }
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  return dialog;
}

/* A cohort with participants is refused by the study with its own words,
 * and the answer offers what can be done instead: archiving it. */
static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TrellisCohortsPage *self = TRELLIS_COHORTS_PAGE (widget);
  g_autoptr(TrellisCohort) cohort = find_cohort (self, g_variant_get_int64 (parameter));
  g_autoptr(GError) refusal = NULL;
  DeleteData *data;
  GtkWidget *dialog;

  if (cohort == NULL)
    return;
  if (trellis_cohort_get_n_participants (cohort) > 0 &&
      trellis_study_delete_cohort (self->study, trellis_cohort_get_id (cohort), &refusal))
    return;
  dialog = delete_dialog (self, cohort, refusal);
  data = g_new0 (DeleteData, 1);
  data->page = g_object_ref (self);
  data->id = trellis_cohort_get_id (cohort);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_delete_response), data,
                         delete_data_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- The study ---- */

static void
sync_editable (TrellisCohortsPage *self)
{
  static const char *const actions[] = {
    "cohorts.new", "cohorts.edit", "cohorts.archive", "cohorts.unarchive", "cohorts.delete",
  };
  gboolean editable = self->study != NULL && !trellis_study_is_read_only (self->study);

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), actions[i], editable);
}

void
trellis_cohorts_page_set_study (TrellisCohortsPage *self,
                                TrellisStudy       *study)
{
  g_return_if_fail (TRELLIS_IS_COHORTS_PAGE (self));
  g_return_if_fail (study == NULL || TRELLIS_IS_STUDY (study));

  if (self->study != NULL)
    g_clear_signal_handler (&self->register_handler, self->study);
  g_set_object (&self->study, study);
  gtk_filter_list_model_set_model (self->filter_model, study ? trellis_study_get_cohorts (study) : NULL);
  /* The cohort model is reloaded before register-changed is emitted; the
   * page only has to recount and recheck its filter. */
  if (study != NULL)
    self->register_handler = g_signal_connect_object (study, "register-changed", G_CALLBACK (on_archived_toggled),
                                                      self, G_CONNECT_SWAPPED);
  sync_editable (self);
  sync_state (self);
}

static void
trellis_cohorts_page_dispose (GObject *object)
{
  TrellisCohortsPage *self = TRELLIS_COHORTS_PAGE (object);

  if (self->study != NULL)
    g_clear_signal_handler (&self->register_handler, self->study);
  g_clear_object (&self->study);

  G_OBJECT_CLASS (trellis_cohorts_page_parent_class)->dispose (object);
}

static void
bind_template (GtkWidgetClass *widget_class)
{
  gtk_widget_class_set_template_from_resource (widget_class, "/org/trellis/Trellis/pages/trellis-cohorts-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TrellisCohortsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, TrellisCohortsPage, results_stack);
  gtk_widget_class_bind_template_child (widget_class, TrellisCohortsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, TrellisCohortsPage, archived_toggle);
  gtk_widget_class_bind_template_child (widget_class, TrellisCohortsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, TrellisCohortsPage, filter_model);
  /* Not needed here, but named for tests that check what the page shows. */
  gtk_widget_class_bind_template_child_full (widget_class, "empty_page", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "new_button", FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, setup_label);
  gtk_widget_class_bind_template_callback (widget_class, setup_numeric_label);
  gtk_widget_class_bind_template_callback (widget_class, setup_name);
  gtk_widget_class_bind_template_callback (widget_class, setup_menu);
  gtk_widget_class_bind_template_callback (widget_class, bind_name);
  gtk_widget_class_bind_template_callback (widget_class, bind_profession);
  gtk_widget_class_bind_template_callback (widget_class, bind_site);
  gtk_widget_class_bind_template_callback (widget_class, bind_start_date);
  gtk_widget_class_bind_template_callback (widget_class, bind_participants);
  gtk_widget_class_bind_template_callback (widget_class, bind_menu);
  gtk_widget_class_bind_template_callback (widget_class, on_archived_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_activate);
}

static void
trellis_cohorts_page_class_init (TrellisCohortsPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = trellis_cohorts_page_dispose;

  /* A short message for the window to show as a toast. */
  signals[SIGNAL_TOAST] =
    g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  bind_template (widget_class);
  gtk_widget_class_install_action (widget_class, "cohorts.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "cohorts.edit", "x", edit_action);
  gtk_widget_class_install_action (widget_class, "cohorts.archive", "x", archive_action);
  gtk_widget_class_install_action (widget_class, "cohorts.unarchive", "x", archive_action);
  gtk_widget_class_install_action (widget_class, "cohorts.delete", "x", delete_action);
}

static void
trellis_cohorts_page_init (TrellisCohortsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->filter = gtk_custom_filter_new (filter_cohort, self, NULL);
  gtk_filter_list_model_set_filter (self->filter_model, GTK_FILTER (self->filter));
  g_object_unref (self->filter);   /* the model holds it */
  sync_editable (self);
  sync_state (self);
}
