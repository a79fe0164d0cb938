/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-consent-clause.h"
#include "trellis-consent-version-dialog.h"
#include "trellis-date.h"

/* Adds or edits a version of the information sheet: its label, its date, the
 * clauses it asks participants to agree to, and whether it requires everyone
 * on an older version to consent again. A new version starts with the six
 * standard clauses, each with a switch; agreeing to take part cannot be left
 * out. Once consents were given on a version, what those people agreed to
 * (its date and clauses) is shown but locked, as the study itself refuses
 * to change it. */

typedef struct
{
  char *key;
  char *text;
  GtkSwitch *include;
} ClauseRow;

struct _TrellisConsentVersionDialog
{
  AdwWindow parent_instance;

  TrellisStudy *study;
  TrellisConsentVersion *original;   /* NULL when adding */
  GArray *clauses;                   /* ClauseRow, in the sheet's order */
  gboolean date_touched;

  AdwEntryRow *label_row;
  AdwEntryRow *date_row;
  GtkLabel *date_error_label;
  AdwPreferencesGroup *clauses_group;
  GtkSwitch *reconsent_switch;
  GtkLabel *error_label;
  GtkWidget *save_button;
};

G_DEFINE_FINAL_TYPE (TrellisConsentVersionDialog, trellis_consent_version_dialog, ADW_TYPE_WINDOW)

static void
clause_row_clear (gpointer data)
{
  ClauseRow *row = data;

  g_free (row->key);
  g_free (row->text);
}

static char *
entry_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
show_error (GtkLabel   *label,
            const char *message)
{
  gtk_label_set_text (label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
}

static void
validate (TrellisConsentVersionDialog *self)
{
  g_autofree char *label = entry_text (self->label_row);
  g_autofree char *date_text = entry_text (self->date_row);
  g_autoptr(GError) error = NULL;
  GDate date;
  gboolean date_ok = trellis_date_parse (date_text, &date, &error);

  show_error (self->date_error_label, !date_ok && self->date_touched ? error->message : NULL);
  if (!date_ok && self->date_touched)
    gtk_widget_add_css_class (GTK_WIDGET (self->date_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->date_row), "error");
  gtk_widget_set_sensitive (self->save_button, *label != '\0' && date_ok);
}

static void
on_changed (TrellisConsentVersionDialog *self)
{
  show_error (self->error_label, NULL);
  validate (self);
}

static void
on_date_changed (TrellisConsentVersionDialog *self)
{
  self->date_touched = TRUE;
  on_changed (self);
}

/* One row per clause: its short label, its wording, and a switch. */
static void
add_clause_row (TrellisConsentVersionDialog *self,
                const char                  *key,
                const char                  *text,
                gboolean                     included)
{
  ClauseRow clause = { g_strdup (key), g_strdup (text), GTK_SWITCH (gtk_switch_new ()) };
  GtkWidget *row = adw_action_row_new ();
  gboolean required = trellis_consent_clause_is_participation (key);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), trellis_consent_clause_label_for_key (key));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
  gtk_switch_set_active (clause.include, included || required);
  gtk_widget_set_sensitive (GTK_WIDGET (clause.include), !required);
  gtk_widget_set_valign (GTK_WIDGET (clause.include), GTK_ALIGN_CENTER);
  if (required)
    gtk_widget_set_tooltip_text (GTK_WIDGET (clause.include), _("Every information sheet asks this"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (clause.include));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), GTK_WIDGET (clause.include));
  gtk_widget_set_name (row, key);
  adw_preferences_group_add (self->clauses_group, row);
  g_array_append_val (self->clauses, clause);
}

static gboolean
version_has_clause (TrellisConsentVersion *version,
                    const char            *key)
{
  return version != NULL && g_strv_contains (trellis_consent_version_get_clause_keys (version), key);
}

/* The standard clauses first, in their order, then any others the version has;
 * a standard clause keeps the version's own wording when it has one. */
static void
fill_clauses (TrellisConsentVersionDialog *self,
              TrellisConsentVersion       *version)
{
  const char *const *keys = version ? trellis_consent_version_get_clause_keys (version) : NULL;
  const char *const *texts = version ? trellis_consent_version_get_clause_texts (version) : NULL;
  const TrellisConsentClause *defaults;
  guint n_defaults;

  defaults = trellis_consent_clause_get_defaults (&n_defaults);
  for (guint i = 0; i < n_defaults; i++)
    {
      const char *text = trellis_consent_clause_get_text (&defaults[i]);

      for (guint j = 0; keys != NULL && keys[j] != NULL; j++)
        if (g_str_equal (keys[j], defaults[i].key))
          text = texts[j];
      add_clause_row (self, defaults[i].key, text, version == NULL || version_has_clause (version, defaults[i].key));
    }
  for (guint j = 0; keys != NULL && keys[j] != NULL; j++)
    if (trellis_consent_clause_lookup (keys[j]) == NULL)
      add_clause_row (self, keys[j], texts[j], TRUE);
}

static TrellisConsentVersion *
edited_version (TrellisConsentVersionDialog *self)
{
  g_autofree char *label = entry_text (self->label_row);
  g_autofree char *date = entry_text (self->date_row);
  g_autoptr(GStrvBuilder) keys = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) texts = g_strv_builder_new ();
  g_auto(GStrv) key_list = NULL;
  g_auto(GStrv) text_list = NULL;
  TrellisConsentVersion *version = trellis_consent_version_new ();

  for (guint i = 0; i < self->clauses->len; i++)
    {
      ClauseRow *clause = &g_array_index (self->clauses, ClauseRow, i);

      if (!gtk_switch_get_active (clause->include))
        continue;
      g_strv_builder_add (keys, clause->key);
      g_strv_builder_add (texts, clause->text);
    }
  key_list = g_strv_builder_end (keys);
  text_list = g_strv_builder_end (texts);
  if (self->original != NULL)
    trellis_consent_version_set_id (version, trellis_consent_version_get_id (self->original));
  trellis_consent_version_set_label (version, label);
  trellis_consent_version_set_date (version, date);
  trellis_consent_version_set_clauses (version, (const char *const *) key_list, (const char *const *) text_list);
  trellis_consent_version_set_requires_reconsent (version, gtk_switch_get_active (self->reconsent_switch));
  return version;
}

static void
on_save_clicked (TrellisConsentVersionDialog *self)
{
  g_autoptr(TrellisConsentVersion) version = NULL;
  g_autoptr(GError) error = NULL;
  gboolean saved;

  if (!gtk_widget_get_sensitive (self->save_button))
    return;
  version = edited_version (self);
  saved = self->original != NULL ? trellis_study_update_consent_version (self->study, version, &error)
                                 : trellis_study_add_consent_version (self->study, version, &error);
  if (!saved)
    {
      show_error (self->error_label, error->message);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

/* Consents given on a version fix its date and clauses; saying so up front
 * spares the person an edit the study would refuse. */
static void
lock_agreed_parts (TrellisConsentVersionDialog *self)
{
  int n = trellis_consent_version_get_n_consents (self->original);
  g_autofree char *description = NULL;

  if (n == 0)
    return;
  description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%d participant consented on this version, so its date and clauses can no longer change. Add a new version instead.",
                                              "%d participants consented on this version, so its date and clauses can no longer change. Add a new version instead.",
                                              n), n);
  adw_preferences_group_set_description (self->clauses_group, description);
  gtk_widget_set_sensitive (GTK_WIDGET (self->date_row), FALSE);
  for (guint i = 0; i < self->clauses->len; i++)
    gtk_widget_set_sensitive (GTK_WIDGET (g_array_index (self->clauses, ClauseRow, i).include), FALSE);
}

/* A new version is dated today and numbered after the versions already there. */
static void
fill_new (TrellisConsentVersionDialog *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  guint n = g_list_model_get_n_items (trellis_study_get_consent_versions (self->study));
  g_autofree char *label = g_strdup_printf (_("Version %u"), n + 1);

  gtk_editable_set_text (GTK_EDITABLE (self->label_row), label);
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), today);
  fill_clauses (self, NULL);
}

static void
fill_existing (TrellisConsentVersionDialog *self)
{
  TrellisConsentVersion *version = self->original;

  gtk_editable_set_text (GTK_EDITABLE (self->label_row), trellis_consent_version_get_label (version));
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), trellis_consent_version_get_date (version));
  gtk_switch_set_active (self->reconsent_switch, trellis_consent_version_get_requires_reconsent (version));
  fill_clauses (self, version);
  lock_agreed_parts (self);
}

TrellisConsentVersionDialog *
trellis_consent_version_dialog_new (GtkWindow             *parent,
                                    TrellisStudy          *study,
                                    TrellisConsentVersion *version)
{
  TrellisConsentVersionDialog *self;

  g_return_val_if_fail (TRELLIS_IS_STUDY (study), NULL);
  g_return_val_if_fail (version == NULL || TRELLIS_IS_CONSENT_VERSION (version), NULL);

  self = g_object_new (TRELLIS_TYPE_CONSENT_VERSION_DIALOG,
                       "transient-for", parent,
                       "title", version ? _("Edit Information Sheet") : _("New Information Sheet Version"),
                       NULL);
  self->study = g_object_ref (study);
  self->original = version ? g_object_ref (version) : NULL;
  if (version != NULL)
    fill_existing (self);
  else
    fill_new (self);
  self->date_touched = FALSE;
  gtk_button_set_label (GTK_BUTTON (self->save_button), version ? _("_Save") : _("_Add"));
  validate (self);
  return self;
}

static void
trellis_consent_version_dialog_dispose (GObject *object)
{
  TrellisConsentVersionDialog *self = TRELLIS_CONSENT_VERSION_DIALOG (object);

  g_clear_object (&self->study);
  g_clear_object (&self->original);
  g_clear_pointer (&self->clauses, g_array_unref);

  G_OBJECT_CLASS (trellis_consent_version_dialog_parent_class)->dispose (object);
}

static void
trellis_consent_version_dialog_class_init (TrellisConsentVersionDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = trellis_consent_version_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/trellis/Trellis/trellis-consent-version-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TrellisConsentVersionDialog, label_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisConsentVersionDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisConsentVersionDialog, date_error_label);
  gtk_widget_class_bind_template_child (widget_class, TrellisConsentVersionDialog, clauses_group);
  gtk_widget_class_bind_template_child (widget_class, TrellisConsentVersionDialog, reconsent_switch);
  gtk_widget_class_bind_template_child (widget_class, TrellisConsentVersionDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, TrellisConsentVersionDialog, save_button);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_date_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
trellis_consent_version_dialog_init (TrellisConsentVersionDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->clauses = g_array_new (FALSE, TRUE, sizeof (ClauseRow));
  g_array_set_clear_func (self->clauses, clause_row_clear);
}
