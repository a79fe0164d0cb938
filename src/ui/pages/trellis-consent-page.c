/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-consent-page.h"
#include "trellis-consent-version-dialog.h"
#include "trellis-register-settings.h"

/* Consent: the versions of the information sheet, who must be asked to
 * consent again, and the register's settings that follow from the sheet.
 *
 * A study has a handful of sheet versions over its life, so they are rows of
 * a preferences group; the reconsent list can run to thousands of people,
 * so it is a GtkColumnView over a list store, filled in one splice. People
 * appear by study code only. */
struct _TrellisConsentPage
{
  AdwBin parent_instance;

  TrellisStudy *study;
  gulong register_handler;
  gboolean stale;                    /* to reload when next shown */
  GListStore *reconsent;             /* TrellisReconsentEntry */
  GPtrArray *version_rows;           /* the rows in versions_group */

  GtkWidget *empty_page;
  GtkWidget *versions_box;
  AdwPreferencesGroup *versions_group;
  AdwPreferencesGroup *reconsent_group;
  GtkLabel *reconsent_badge;
  GtkWidget *nobody_row;
  GtkWidget *reconsent_scroller;
  GtkColumnView *reconsent_view;
  TrellisRegisterSettings *settings;
};

G_DEFINE_FINAL_TYPE (TrellisConsentPage, trellis_consent_page, ADW_TYPE_BIN)

enum {
  SIGNAL_TOAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
toast (TrellisConsentPage *self,
       const char         *message)
{
  g_signal_emit (self, signals[SIGNAL_TOAST], 0, message);
}

static gboolean
editable (TrellisConsentPage *self)
{
  return self->study != NULL && !trellis_study_is_read_only (self->study);
}

/* ---- Reconsent list cells ---- */

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

static void
bind_code (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      trellis_reconsent_entry_get_code (gtk_list_item_get_item (item)));
}

static void
bind_cohort (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      trellis_reconsent_entry_get_cohort (gtk_list_item_get_item (item)));
}

/* The version they are on, and when they signed it. */
static void
bind_version (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  TrellisReconsentEntry *entry = gtk_list_item_get_item (item);
  /* Translators: an information sheet version and the date it was signed, e.g. "Version 1 (signed 2024-03-05)". */
  g_autofree char *text = g_strdup_printf (_("%s (signed %s)"), trellis_reconsent_entry_get_version_label (entry),
                                           trellis_reconsent_entry_get_consent_date (entry));

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

/* ---- Information sheet versions ---- */

static char *
version_subtitle (TrellisConsentVersion *version)
{
  guint n_clauses = trellis_consent_version_get_n_clauses (version);
  int n_consents = trellis_consent_version_get_n_consents (version);
  g_autofree char *clauses = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u clause", "%u clauses", n_clauses),
                                              n_clauses);
  g_autofree char *consents = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d consent", "%d consents",
                                                            n_consents), n_consents);

  return g_strjoin (" · ", trellis_consent_version_get_date (version), clauses, consents, NULL);
}

static GtkWidget *
version_row (TrellisConsentPage    *self,
             TrellisConsentVersion *version)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = version_subtitle (version);
  g_autofree char *action = g_strdup_printf ("consent.edit-version(int64 %" G_GINT64_FORMAT ")",
                                             trellis_consent_version_get_id (version));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), trellis_consent_version_get_label (version));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (trellis_consent_version_get_requires_reconsent (version))
    {
      GtkWidget *tag = gtk_label_new (_("Requires reconsent"));

      gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (tag, "register-tag");
      gtk_widget_add_css_class (tag, "warning");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag);
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_actionable_set_detailed_action_name (GTK_ACTIONABLE (row), action);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  return row;
}

static void
load_versions (TrellisConsentPage *self)
{
  GListModel *versions = trellis_study_get_consent_versions (self->study);

  for (guint i = 0; i < self->version_rows->len; i++)
    adw_preferences_group_remove (self->versions_group, self->version_rows->pdata[i]);
  g_ptr_array_set_size (self->version_rows, 0);
  for (guint i = 0; i < g_list_model_get_n_items (versions); i++)
    {
      g_autoptr(TrellisConsentVersion) version = g_list_model_get_item (versions, i);
      GtkWidget *row = version_row (self, version);

      adw_preferences_group_add (self->versions_group, row);
      g_ptr_array_add (self->version_rows, row);
    }
  gtk_widget_set_visible (self->empty_page, g_list_model_get_n_items (versions) == 0);
  gtk_widget_set_visible (self->versions_box, g_list_model_get_n_items (versions) > 0);
}

/* ---- Reconsent needed ---- */

/* A list view inside a scrolled window only knows the height of the rows it
 * has made, so it cannot ask for room for rows it has not made yet. The card
 * is therefore sized from the number of people: one text line per row with
 * Adwaita's cell padding and separator, under the header, up to MAX_LIST_HEIGHT,
 * past which the list scrolls. */
#define MAX_LIST_HEIGHT 360
#define CELL_PADDING 8

static void
size_reconsent_list (TrellisConsentPage *self,
                     guint               n)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self->reconsent_view), "P0");
  GtkWidget *header = gtk_widget_get_first_child (GTK_WIDGET (self->reconsent_view));
  int line_height = 0;
  int header_height = 0;
  int height;

  pango_layout_get_pixel_size (layout, NULL, &line_height);
  if (header != NULL)
    gtk_widget_measure (header, GTK_ORIENTATION_VERTICAL, -1, NULL, &header_height, NULL, NULL);
  height = header_height + (int) MIN (n, 100) * (line_height + 2 * CELL_PADDING + 1);
  /* A scrollbar asks for some height of its own, more than one row needs. */
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->reconsent_scroller), GTK_POLICY_NEVER,
                                  height > MAX_LIST_HEIGHT ? GTK_POLICY_AUTOMATIC : GTK_POLICY_NEVER);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (self->reconsent_scroller),
                                              MIN (height, MAX_LIST_HEIGHT));
}

static void
sync_reconsent (TrellisConsentPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->reconsent));
  g_autofree char *badge = g_strdup_printf ("%u", n);
  g_autofree char *tooltip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                           "%u participant needs to consent again",
                                                           "%u participants need to consent again", n), n);

  gtk_label_set_text (self->reconsent_badge, badge);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->reconsent_badge), tooltip);
  gtk_widget_set_visible (GTK_WIDGET (self->reconsent_badge), n > 0);
  gtk_widget_set_visible (self->nobody_row, n == 0);
  gtk_widget_set_visible (self->reconsent_scroller, n > 0);
  size_reconsent_list (self, n);
}

static void
load_reconsent (TrellisConsentPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = trellis_study_list_reconsent_entries (self->study, &error);

  if (entries == NULL)
    {
      toast (self, error->message);
      return;
    }
  g_list_store_splice (self->reconsent, 0, g_list_model_get_n_items (G_LIST_MODEL (self->reconsent)),
                       entries->pdata, entries->len);
}

/* ---- The study ---- */

void
trellis_consent_page_reload (TrellisConsentPage *self)
{
  g_return_if_fail (TRELLIS_IS_CONSENT_PAGE (self));

  self->stale = FALSE;
  if (self->study == NULL)
    {
      gtk_widget_set_visible (self->empty_page, TRUE);
      gtk_widget_set_visible (self->versions_box, FALSE);
      g_list_store_remove_all (self->reconsent);
      sync_reconsent (self);
      return;
    }
  load_versions (self);
  load_reconsent (self);
  sync_reconsent (self);
  trellis_register_settings_reload (self->settings);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "consent.new-version", editable (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "consent.edit-version", editable (self));
}

/* Working out who needs to consent again takes a while in a large study, and
 * held up the first frame of whichever page a study opens on; so a hidden
 * page reloads when it is next shown. */
static void
reload_when_shown (TrellisConsentPage *self)
{
  if (self->study != NULL && !gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->stale = TRUE;
  else
    trellis_consent_page_reload (self);
}

void
trellis_consent_page_set_study (TrellisConsentPage *self,
                                TrellisStudy       *study)
{
  g_return_if_fail (TRELLIS_IS_CONSENT_PAGE (self));
  g_return_if_fail (study == NULL || TRELLIS_IS_STUDY (study));

  if (self->study != NULL)
    g_clear_signal_handler (&self->register_handler, self->study);
  g_set_object (&self->study, study);
  trellis_register_settings_set_study (self->settings, study);
  if (study != NULL)
    self->register_handler = g_signal_connect_object (study, "register-changed",
                                                      G_CALLBACK (reload_when_shown),
                                                      self, G_CONNECT_SWAPPED);
  reload_when_shown (self);
}

static GtkWindow *
parent_window (TrellisConsentPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
open_dialog (TrellisConsentPage    *self,
             TrellisConsentVersion *version)
{
  TrellisConsentVersionDialog *dialog;

  if (!editable (self))
    return;
  dialog = trellis_consent_version_dialog_new (parent_window (self), self->study, version);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
new_version_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  open_dialog (TRELLIS_CONSENT_PAGE (widget), NULL);
}

static void
edit_version_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TrellisConsentPage *self = TRELLIS_CONSENT_PAGE (widget);
  GListModel *versions = self->study ? trellis_study_get_consent_versions (self->study) : NULL;
  gint64 id = g_variant_get_int64 (parameter);

  for (guint i = 0; versions != NULL && i < g_list_model_get_n_items (versions); i++)
    {
      g_autoptr(TrellisConsentVersion) version = g_list_model_get_item (versions, i);

      if (trellis_consent_version_get_id (version) == id)
        {
          open_dialog (self, version);
          return;
        }
    }
}

static void
on_settings_toast (TrellisConsentPage *self,
                   const char         *message)
{
  toast (self, message);
}

/* Text sizes are only final once the page has its style, so the reconsent
 * card is sized again when the page is shown. */
static void
trellis_consent_page_map (GtkWidget *widget)
{
  TrellisConsentPage *self = TRELLIS_CONSENT_PAGE (widget);

  GTK_WIDGET_CLASS (trellis_consent_page_parent_class)->map (widget);
  if (self->stale)
    trellis_consent_page_reload (self);
  size_reconsent_list (self, g_list_model_get_n_items (G_LIST_MODEL (self->reconsent)));
}

static void
trellis_consent_page_dispose (GObject *object)
{
  TrellisConsentPage *self = TRELLIS_CONSENT_PAGE (object);

  if (self->study != NULL)
    g_clear_signal_handler (&self->register_handler, self->study);
  g_clear_object (&self->study);
  g_clear_object (&self->reconsent);
  g_clear_pointer (&self->version_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (trellis_consent_page_parent_class)->dispose (object);
}

static void
bind_template (GtkWidgetClass *widget_class)
{
  gtk_widget_class_set_template_from_resource (widget_class, "/org/trellis/Trellis/pages/trellis-consent-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TrellisConsentPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, TrellisConsentPage, versions_box);
  gtk_widget_class_bind_template_child (widget_class, TrellisConsentPage, versions_group);
  gtk_widget_class_bind_template_child (widget_class, TrellisConsentPage, reconsent_group);
  gtk_widget_class_bind_template_child (widget_class, TrellisConsentPage, reconsent_badge);
  gtk_widget_class_bind_template_child (widget_class, TrellisConsentPage, nobody_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisConsentPage, reconsent_scroller);
  gtk_widget_class_bind_template_child (widget_class, TrellisConsentPage, reconsent_view);
  gtk_widget_class_bind_template_child (widget_class, TrellisConsentPage, settings);
  /* Not needed here, but named for tests that check what the page shows. */
  gtk_widget_class_bind_template_child_full (widget_class, "new_version_button", FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, setup_label);
  gtk_widget_class_bind_template_callback (widget_class, setup_numeric_label);
  gtk_widget_class_bind_template_callback (widget_class, bind_code);
  gtk_widget_class_bind_template_callback (widget_class, bind_cohort);
  gtk_widget_class_bind_template_callback (widget_class, bind_version);
  gtk_widget_class_bind_template_callback (widget_class, on_settings_toast);
}

static void
trellis_consent_page_class_init (TrellisConsentPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = trellis_consent_page_dispose;
  widget_class->map = trellis_consent_page_map;

  /* A short message for the window to show as a toast. */
  signals[SIGNAL_TOAST] =
    g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (TRELLIS_TYPE_REGISTER_SETTINGS);
  bind_template (widget_class);
  gtk_widget_class_install_action (widget_class, "consent.new-version", NULL, new_version_action);
  gtk_widget_class_install_action (widget_class, "consent.edit-version", "x", edit_version_action);
}

static void
trellis_consent_page_init (TrellisConsentPage *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->reconsent = g_list_store_new (TRELLIS_TYPE_RECONSENT_ENTRY);
  self->version_rows = g_ptr_array_new ();
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->reconsent)));
  gtk_column_view_set_model (self->reconsent_view, GTK_SELECTION_MODEL (selection));
  trellis_consent_page_reload (self);
}
