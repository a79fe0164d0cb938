/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-interview-allocation.h"
#include "trellis-interview-draw-dialog.h"
#include "trellis-interview-seed.h"
#include "trellis-study-measures.h"

/* The draw is made from what the store reads when Draw is pressed; the
 * preview works from the counts the page showed, which are the same unless
 * the register changed in between, and the store then refuses quotas the
 * new counts cannot meet. */
struct _TrellisInterviewDrawDialog
{
  AdwWindow parent_instance;

  TrellisStudy *study;
  TrellisInterviewEligibility rule;
  guint32 today;
  GPtrArray *names;                  /* char *, the cohorts in draw order */
  GArray *eligible;                  /* guint, one per cohort */
  GPtrArray *quota_spins;            /* GtkSpinButton, one per cohort */
  GPtrArray *quota_labels;           /* GtkLabel, the same shown read-only */
  gboolean syncing;                  /* while the preview sets the spins */

  AdwPreferencesGroup *draw_group;
  AdwActionRow *total_row;
  GtkSpinButton *total_spin;
  GtkCheckButton *proportional_check;
  AdwEntryRow *seed_row;
  AdwPreferencesGroup *quotas_group;
  GtkLabel *problem_label;
  GtkWidget *draw_button;
};

G_DEFINE_FINAL_TYPE (TrellisInterviewDrawDialog, trellis_interview_draw_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_DRAWN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
proportional (TrellisInterviewDrawDialog *self)
{
  return gtk_check_button_get_active (self->proportional_check);
}

static guint
spin_value (GtkSpinButton *spin)
{
  return (guint) gtk_spin_button_get_value_as_int (spin);
}

/* The quotas as the form stands; in proportional mode, worked out from the
 * total by the domain's allocation. FALSE with the reason otherwise. */
static gboolean
current_quotas (TrellisInterviewDrawDialog  *self,
                guint                       *quotas,
                GError                     **error)
{
  guint total = spin_value (self->total_spin);

  if (proportional (self))
    return trellis_interview_allocate ((const guint *) self->eligible->data, self->eligible->len, total, quotas,
                                       error);
  for (guint i = 0; i < self->quota_spins->len; i++)
    quotas[i] = spin_value (self->quota_spins->pdata[i]);
  return trellis_interview_allocation_check ((const char * const *) self->names->pdata,
                                             (const guint *) self->eligible->data, quotas, self->eligible->len,
                                             total, error);
}

static gboolean
seed_valid (TrellisInterviewDrawDialog  *self,
            gboolean                    *have_seed,
            guint64                     *seed,
            GError                     **error)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->seed_row))));

  *have_seed = text[0] != '\0';
  return !*have_seed || trellis_interview_seed_parse (text, seed, error);
}

/* Shows the quotas the form gives and whether Draw can go ahead. */
static void
on_changed (TrellisInterviewDrawDialog *self)
{
  g_autofree guint *quotas = g_new0 (guint, self->eligible->len + 1);
  g_autoptr(GError) error = NULL;
  gboolean have_seed;
  guint64 seed;
  gboolean ok;

  if (self->syncing || self->quota_spins == NULL)
    return;
  ok = current_quotas (self, quotas, &error) && seed_valid (self, &have_seed, &seed, &error);
  self->syncing = TRUE;
  for (guint i = 0; i < self->quota_spins->len; i++)
    {
      g_autofree char *text = ok ? g_strdup_printf ("%u", quotas[i]) : g_strdup ("–");

      /* A worked-out quota reads as a number, not as a field turned off. */
      gtk_widget_set_visible (self->quota_spins->pdata[i], !proportional (self));
      gtk_widget_set_visible (self->quota_labels->pdata[i], proportional (self));
      gtk_label_set_text (self->quota_labels->pdata[i], text);
      if (proportional (self))
        gtk_spin_button_set_value (self->quota_spins->pdata[i], ok ? quotas[i] : 0);
    }
  self->syncing = FALSE;
  gtk_label_set_text (self->problem_label, ok ? "" : error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), !ok);
  gtk_widget_set_sensitive (self->draw_button, ok);
}

static GHashTable *
typed_quotas (TrellisInterviewDrawDialog *self)
{
  GHashTable *quotas = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < self->quota_spins->len; i++)
    g_hash_table_insert (quotas, self->names->pdata[i], GUINT_TO_POINTER (spin_value (self->quota_spins->pdata[i])));
  return quotas;
}

static void
on_draw_clicked (TrellisInterviewDrawDialog *self)
{
  g_autoptr(GHashTable) quotas = proportional (self) ? NULL : typed_quotas (self);
  g_autoptr(GError) error = NULL;
  TrellisDrawRequest request = { .rule = self->rule, .total = spin_value (self->total_spin),
                                 .quotas = quotas, .today = self->today };
  gint64 id;

  if (!seed_valid (self, &request.have_seed, &request.seed, &error) ||
      (id = trellis_study_draw_interviews (self->study, &request, &error)) == 0)
    {
      gtk_label_set_text (self->problem_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->problem_label), TRUE);
      return;
    }
  g_signal_emit (self, signals[SIGNAL_DRAWN], 0, id);
  gtk_window_close (GTK_WINDOW (self));
}

static void
trellis_interview_draw_dialog_dispose (GObject *object)
{
  TrellisInterviewDrawDialog *self = TRELLIS_INTERVIEW_DRAW_DIALOG (object);

  g_clear_object (&self->study);
  g_clear_pointer (&self->names, g_ptr_array_unref);
  g_clear_pointer (&self->eligible, g_array_unref);
  g_clear_pointer (&self->quota_spins, g_ptr_array_unref);
  g_clear_pointer (&self->quota_labels, g_ptr_array_unref);

  G_OBJECT_CLASS (trellis_interview_draw_dialog_parent_class)->dispose (object);
}

static void
trellis_interview_draw_dialog_class_init (TrellisInterviewDrawDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = trellis_interview_draw_dialog_dispose;

  /* The new draw's id, once it is saved. */
  signals[SIGNAL_DRAWN] =
    g_signal_new ("drawn", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/trellis/Trellis/trellis-interview-draw-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TrellisInterviewDrawDialog, draw_group);
  gtk_widget_class_bind_template_child (widget_class, TrellisInterviewDrawDialog, total_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisInterviewDrawDialog, total_spin);
  gtk_widget_class_bind_template_child (widget_class, TrellisInterviewDrawDialog, proportional_check);
  gtk_widget_class_bind_template_child (widget_class, TrellisInterviewDrawDialog, seed_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisInterviewDrawDialog, quotas_group);
  gtk_widget_class_bind_template_child (widget_class, TrellisInterviewDrawDialog, problem_label);
  gtk_widget_class_bind_template_child (widget_class, TrellisInterviewDrawDialog, draw_button);
  /* Not needed here, but named for tests that drive the dialog. */
  gtk_widget_class_bind_template_child_full (widget_class, "typed_check", FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_draw_clicked);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
trellis_interview_draw_dialog_init (TrellisInterviewDrawDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->names = g_ptr_array_new_with_free_func (g_free);
  self->eligible = g_array_new (FALSE, TRUE, sizeof (guint));
}

/* One row per cohort, in the order the draw takes them. */
static void
add_quota_row (TrellisInterviewDrawDialog *self,
               const char                 *name,
               guint                       eligible)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (0, eligible, 1);
  GtkWidget *label = gtk_label_new (NULL);
  g_autofree char *subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u eligible", "%u eligible", eligible),
                                               eligible);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_signal_connect_object (spin, "value-changed", G_CALLBACK (on_changed), self, G_CONNECT_SWAPPED);
  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_add_css_class (label, "heading");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_preferences_group_add (self->quotas_group, row);
  g_ptr_array_add (self->quota_spins, spin);
  g_ptr_array_add (self->quota_labels, label);
}

static void
copy_list (TrellisInterviewDrawDialog *self,
           const TrellisEligibleList  *list)
{
  guint total = trellis_eligible_list_count (list);
  g_autofree char *rule = trellis_interview_eligibility_describe (&list->rule);
  g_autofree char *out_of = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Out of %u eligible", "Out of %u eligible",
                                                          total), total);

  self->rule = list->rule;
  self->today = list->today;
  self->quota_spins = g_ptr_array_new ();
  self->quota_labels = g_ptr_array_new ();
  for (guint i = 0; i < list->cohorts->len; i++)
    {
      TrellisEligibleCohort *cohort = g_ptr_array_index (list->cohorts, i);

      g_ptr_array_add (self->names, g_strdup (cohort->name));
      g_array_append_val (self->eligible, cohort->codes->len);
      add_quota_row (self, cohort->name, cohort->codes->len);
    }
  adw_preferences_group_set_description (self->draw_group, rule);
  adw_action_row_set_subtitle (self->total_row, out_of);
  gtk_spin_button_set_range (self->total_spin, 1, MAX (total, 1));
  gtk_spin_button_set_value (self->total_spin, MIN (total, 23));
}

TrellisInterviewDrawDialog *
trellis_interview_draw_dialog_new (GtkWindow                 *parent,
                                   TrellisStudy              *study,
                                   const TrellisEligibleList *list)
{
  TrellisInterviewDrawDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (TRELLIS_IS_STUDY (study), NULL);
  g_return_val_if_fail (list != NULL, NULL);

  self = g_object_new (TRELLIS_TYPE_INTERVIEW_DRAW_DIALOG, "transient-for", parent, NULL);
  self->study = g_object_ref (study);
  copy_list (self, list);
  on_changed (self);
  return self;
}

void
trellis_interview_draw_dialog_set_total (TrellisInterviewDrawDialog *self,
                                         guint                       total)
{
  g_return_if_fail (TRELLIS_IS_INTERVIEW_DRAW_DIALOG (self));
  gtk_spin_button_set_value (self->total_spin, total);
}

/* The quota shown for the cohort at index COHORT, as the preview has it. */
guint
trellis_interview_draw_dialog_get_quota (TrellisInterviewDrawDialog *self,
                                         guint                       cohort)
{
  g_return_val_if_fail (TRELLIS_IS_INTERVIEW_DRAW_DIALOG (self), 0);
  g_return_val_if_fail (cohort < self->quota_spins->len, 0);
  return spin_value (self->quota_spins->pdata[cohort]);
}
