/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-cohort-dialog.h"
#include "trellis-date.h"

/* Creates or edits a cohort: its name, profession, site and start date. The
 * profession comes from the study's editable list, whose last entry adds a
 * new one and whose pencil button renames the chosen one. As in the timepoint dialog, a complaint about a field waits until
 * the person has typed in it; the store's own refusals (a name already taken)
 * appear when saving. */
struct _TrellisCohortDialog
{
  AdwWindow parent_instance;

  TrellisStudy *study;
  TrellisCohort *original;     /* NULL when creating */
  gboolean date_touched;       /* the person has typed in the start date */

  AdwEntryRow *name_row;
  AdwComboRow *profession_row;
  GtkStringList *professions;  /* the study's, then "Add Profession…" */
  AdwEntryRow *new_profession_row;
  GtkToggleButton *rename_profession_button;
  AdwEntryRow *rename_profession_row;
  AdwEntryRow *site_row;
  AdwEntryRow *start_date_row;
  GtkCalendar *calendar;
  GtkPopover *calendar_popover;
  GtkLabel *date_error_label;
  GtkLabel *error_label;
  GtkWidget *save_button;
};

G_DEFINE_FINAL_TYPE (TrellisCohortDialog, trellis_cohort_dialog, ADW_TYPE_WINDOW)

static char *
entry_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

/* Whether the "Add Profession…" entry, always the last, is chosen. */
static gboolean
adding_profession (TrellisCohortDialog *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->professions));

  return n > 0 && adw_combo_row_get_selected (self->profession_row) == n - 1;
}

static const char *
selected_profession (TrellisCohortDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->profession_row);

  if (selected == GTK_INVALID_LIST_POSITION || adding_profession (self))
    return NULL;
  return gtk_string_list_get_string (self->professions, selected);
}

static void
show_error (GtkLabel   *label,
            const char *message)
{
  gtk_label_set_text (label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
}

/* An empty start date is allowed: it can be set once recruitment begins. */
static gboolean
check_start_date (TrellisCohortDialog  *self,
                  GError              **error)
{
  g_autofree char *text = entry_text (self->start_date_row);
  GDate date;

  return *text == '\0' || trellis_date_parse (text, &date, error);
}

static void
validate (TrellisCohortDialog *self)
{
  g_autofree char *name = entry_text (self->name_row);
  g_autoptr(GError) date_error = NULL;
  gboolean date_ok = check_start_date (self, &date_error);
  gboolean show_date_error = !date_ok && self->date_touched;

  show_error (self->date_error_label, show_date_error ? date_error->message : NULL);
  if (show_date_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->start_date_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->start_date_row), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->new_profession_row), adding_profession (self));
  gtk_widget_set_sensitive (self->save_button,
                            *name != '\0' && date_ok && selected_profession (self) != NULL);
}

static void
on_changed (TrellisCohortDialog *self)
{
  show_error (self->error_label, NULL);
  validate (self);
}

static void
on_date_changed (TrellisCohortDialog *self)
{
  self->date_touched = TRUE;
  on_changed (self);
}

/* The rename row shows while the pencil is pressed, for the chosen
 * profession, filled in with its name. */
static void
sync_rename_row (TrellisCohortDialog *self)
{
  const char *name = selected_profession (self);
  gboolean renaming = name != NULL && gtk_toggle_button_get_active (self->rename_profession_button);
  g_autofree char *title = NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->rename_profession_button), name != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->rename_profession_row), renaming);
  if (!renaming)
    return;
  title = g_strdup_printf (_("Rename “%s” To"), name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->rename_profession_row), title);
  gtk_editable_set_text (GTK_EDITABLE (self->rename_profession_row), name);
}

static void
on_profession_selected (TrellisCohortDialog *self)
{
  validate (self);
  sync_rename_row (self);
  if (adding_profession (self))
    gtk_widget_grab_focus (GTK_WIDGET (self->new_profession_row));
}

static void
on_rename_toggled (TrellisCohortDialog *self)
{
  sync_rename_row (self);
  if (gtk_widget_get_visible (GTK_WIDGET (self->rename_profession_row)))
    gtk_widget_grab_focus (GTK_WIDGET (self->rename_profession_row));
}

/* Fills the profession list and selects SELECT (or the first profession). */
static void
load_professions (TrellisCohortDialog *self,
                  const char          *select)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = trellis_study_list_professions (self->study, &error);
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->professions));
  guint selected = 0;

  if (names == NULL)
    {
      show_error (self->error_label, error->message);
      return;
    }
  for (guint i = 0; i < names->len; i++)
    if (select != NULL && g_utf8_collate (names->pdata[i], select) == 0)
      selected = i;
  g_ptr_array_add (names, g_strdup (_("Add Profession…")));
  g_ptr_array_add (names, NULL);
  gtk_string_list_splice (self->professions, 0, n_old, (const char *const *) names->pdata);
  adw_combo_row_set_selected (self->profession_row, selected);
}

/* A new profession is saved to the study's list at once, so that the next
 * cohort can use it too, and then chosen for this one. */
static void
on_new_profession_apply (TrellisCohortDialog *self)
{
  g_autofree char *name = entry_text (self->new_profession_row);
  g_autoptr(GError) error = NULL;

  if (trellis_study_add_profession (self->study, name, &error) == 0)
    {
      show_error (self->error_label, error->message);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->new_profession_row), "");
  load_professions (self, name);
  validate (self);
}

/* A rename is saved to the study's list at once: every cohort drawn from the
 * profession shows the new name. */
static void
on_rename_profession_apply (TrellisCohortDialog *self)
{
  g_autofree char *old_name = g_strdup (selected_profession (self));
  g_autofree char *name = entry_text (self->rename_profession_row);
  g_autoptr(GError) error = NULL;

  if (old_name == NULL)
    return;
  if (!trellis_study_rename_profession (self->study, old_name, name, &error))
    {
      show_error (self->error_label, error->message);
      return;
    }
  show_error (self->error_label, NULL);
  gtk_toggle_button_set_active (self->rename_profession_button, FALSE);
  load_professions (self, name);
  validate (self);
}

static void
on_day_selected (TrellisCohortDialog *self)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (self->calendar);
  g_autofree char *text = g_date_time_format (day, "%Y-%m-%d");

  gtk_editable_set_text (GTK_EDITABLE (self->start_date_row), text);
  gtk_popover_popdown (self->calendar_popover);
}

static TrellisCohort *
edited_cohort (TrellisCohortDialog *self)
{
  g_autofree char *name = entry_text (self->name_row);
  g_autofree char *site = entry_text (self->site_row);
  g_autofree char *date = entry_text (self->start_date_row);
  TrellisCohort *cohort = trellis_cohort_new ();

  if (self->original != NULL)
    {
      trellis_cohort_set_id (cohort, trellis_cohort_get_id (self->original));
      trellis_cohort_set_archived (cohort, trellis_cohort_get_archived (self->original));
    }
  trellis_cohort_set_name (cohort, name);
  trellis_cohort_set_profession (cohort, selected_profession (self));
  trellis_cohort_set_site (cohort, site);
  trellis_cohort_set_start_date (cohort, *date != '\0' ? date : NULL);
  return cohort;
}

static void
on_save_clicked (TrellisCohortDialog *self)
{
  g_autoptr(TrellisCohort) cohort = NULL;
  g_autoptr(GError) error = NULL;
  gboolean saved;

  if (!gtk_widget_get_sensitive (self->save_button))
    return;
  cohort = edited_cohort (self);
  saved = self->original != NULL ? trellis_study_update_cohort (self->study, cohort, &error)
                                 : trellis_study_create_cohort (self->study, cohort, &error);
  if (!saved)
    {
      show_error (self->error_label, error->message);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
fill_from (TrellisCohortDialog *self,
           TrellisCohort       *cohort)
{
  const char *date = trellis_cohort_get_start_date (cohort);

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), trellis_cohort_get_name (cohort));
  gtk_editable_set_text (GTK_EDITABLE (self->site_row), trellis_cohort_get_site (cohort));
  gtk_editable_set_text (GTK_EDITABLE (self->start_date_row), date ? date : "");
  load_professions (self, trellis_cohort_get_profession (cohort));
}

TrellisCohortDialog *
trellis_cohort_dialog_new (GtkWindow     *parent,
                           TrellisStudy  *study,
                           TrellisCohort *cohort)
{
  TrellisCohortDialog *self;

  g_return_val_if_fail (TRELLIS_IS_STUDY (study), NULL);
  g_return_val_if_fail (cohort == NULL || TRELLIS_IS_COHORT (cohort), NULL);

  self = g_object_new (TRELLIS_TYPE_COHORT_DIALOG,
                       "transient-for", parent,
                       "title", cohort ? _("Edit Cohort") : _("New Cohort"),
                       NULL);
  self->study = g_object_ref (study);
  self->original = cohort ? g_object_ref (cohort) : NULL;
  if (cohort != NULL)
    fill_from (self, cohort);
  else
    load_professions (self, NULL);
  self->date_touched = FALSE;
  gtk_button_set_label (GTK_BUTTON (self->save_button), cohort ? _("_Save") : _("_Create"));
  validate (self);
  return self;
}

static void
trellis_cohort_dialog_dispose (GObject *object)
{
  TrellisCohortDialog *self = TRELLIS_COHORT_DIALOG (object);

  g_clear_object (&self->study);
  g_clear_object (&self->original);

  G_OBJECT_CLASS (trellis_cohort_dialog_parent_class)->dispose (object);
}

static void
trellis_cohort_dialog_class_init (TrellisCohortDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = trellis_cohort_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/trellis/Trellis/trellis-cohort-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TrellisCohortDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisCohortDialog, profession_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisCohortDialog, professions);
  gtk_widget_class_bind_template_child (widget_class, TrellisCohortDialog, new_profession_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisCohortDialog, rename_profession_button);
  gtk_widget_class_bind_template_child (widget_class, TrellisCohortDialog, rename_profession_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisCohortDialog, site_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisCohortDialog, start_date_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisCohortDialog, calendar);
  gtk_widget_class_bind_template_child (widget_class, TrellisCohortDialog, calendar_popover);
  gtk_widget_class_bind_template_child (widget_class, TrellisCohortDialog, date_error_label);
  gtk_widget_class_bind_template_child (widget_class, TrellisCohortDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, TrellisCohortDialog, save_button);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_date_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_profession_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_new_profession_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_rename_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_rename_profession_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_day_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
trellis_cohort_dialog_init (TrellisCohortDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
