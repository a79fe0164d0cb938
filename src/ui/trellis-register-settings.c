/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-register-settings.h"
#include "trellis-study-code.h"

/* The register's settings that follow from the information sheet: which
 * kinds of withdrawal it offers, what a data destruction request purges, and
 * the pattern new study codes are made from. A switch or a choice is saved
 * at once; a pattern is checked as it is typed, shown with the code it would
 * give next, and saved with the row's apply button or Enter. */
struct _TrellisRegisterSettings
{
  AdwPreferencesGroup parent_instance;

  TrellisStudy *study;
  GPtrArray *codes;            /* the participants' codes, read when first needed */
  char *saved_pattern;         /* the pattern as last read from the study */
  gboolean loading;            /* the rows are being filled in from the study */

  AdwEntryRow *pattern_row;
  AdwActionRow *next_code_row;
  GtkSwitch *withdrawal_switches[3];
  AdwComboRow *policy_row;
};

G_DEFINE_FINAL_TYPE (TrellisRegisterSettings, trellis_register_settings, ADW_TYPE_PREFERENCES_GROUP)

enum {
  SIGNAL_TOAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
report (TrellisRegisterSettings *self,
        const GError            *error)
{
  g_signal_emit (self, signals[SIGNAL_TOAST], 0, error->message);
}

static void
set_pattern_error (TrellisRegisterSettings *self,
                   const char              *message)
{
  if (message != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->pattern_row), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->next_code_row), "pattern-error");
      adw_action_row_set_subtitle (self->next_code_row, message);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->pattern_row), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->next_code_row), "pattern-error");
    }
}

/* Previews the code the pattern would give the next participant, counting
 * the codes already given out, so a changed pattern shows what it means. */
static void
preview_pattern (TrellisRegisterSettings *self)
{
  g_autofree char *pattern = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->pattern_row))));
  g_autoptr(GError) error = NULL;
  g_autofree char *next = NULL;

  if (!trellis_study_code_pattern_validate (pattern, &error))
    {
      set_pattern_error (self, error->message);
      return;
    }
  set_pattern_error (self, NULL);
  if (self->codes == NULL && self->study != NULL)
    self->codes = trellis_study_list_participant_codes (self->study, &error);
  if (self->codes != NULL)
    next = trellis_study_code_pattern_next (pattern, (const char *const *) self->codes->pdata, self->codes->len);
  if (next == NULL)
    set_pattern_error (self, error ? error->message : _("This pattern has no codes left"));
  else
    adw_action_row_set_subtitle (self->next_code_row, next);
}

static void
on_pattern_changed (TrellisRegisterSettings *self)
{
  if (!self->loading)
    preview_pattern (self);
}

static void
on_pattern_apply (TrellisRegisterSettings *self)
{
  /* Saved in the canonical form of the codes it makes: "p###" is "P###". */
  g_autofree char *pattern = trellis_study_code_normalize (gtk_editable_get_text (GTK_EDITABLE (self->pattern_row)));
  g_autoptr(GError) error = NULL;

  if (!trellis_study_code_pattern_validate (pattern, &error) ||
      !trellis_study_set_code_pattern (self->study, pattern, &error))
    {
      set_pattern_error (self, error->message);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->pattern_row), pattern);
}

static void
on_withdrawal_switched (TrellisRegisterSettings *self)
{
  g_autoptr(GError) error = NULL;
  guint types = 0;

  if (self->loading || self->study == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (self->withdrawal_switches); i++)
    if (gtk_switch_get_active (self->withdrawal_switches[i]))
      types |= 1u << i;
  if (!trellis_study_set_withdrawal_types (self->study, types, &error))
    {
      report (self, error);
      trellis_register_settings_reload (self);
    }
}

static void
on_policy_selected (TrellisRegisterSettings *self)
{
  g_autoptr(GError) error = NULL;
  TrellisDestructionPolicy policy = adw_combo_row_get_selected (self->policy_row) == 1
                                    ? TRELLIS_DESTRUCTION_POLICY_IDENTIFIERS_AND_DATA
                                    : TRELLIS_DESTRUCTION_POLICY_IDENTIFIERS;

  if (self->loading || self->study == NULL)
    return;
  if (!trellis_study_set_destruction_policy (self->study, policy, &error))
    {
      report (self, error);
      trellis_register_settings_reload (self);
    }
}

static void
load_withdrawal (TrellisRegisterSettings *self)
{
  g_autoptr(GError) error = NULL;
  TrellisDestructionPolicy policy = TRELLIS_DESTRUCTION_POLICY_IDENTIFIERS;
  guint types = TRELLIS_WITHDRAWAL_TYPES_ALL;

  if (!trellis_study_get_withdrawal_types (self->study, &types, &error) ||
      !trellis_study_get_destruction_policy (self->study, &policy, &error))
    report (self, error);
  for (guint i = 0; i < G_N_ELEMENTS (self->withdrawal_switches); i++)
    gtk_switch_set_active (self->withdrawal_switches[i], (types & (1u << i)) != 0);
  adw_combo_row_set_selected (self->policy_row, policy == TRELLIS_DESTRUCTION_POLICY_IDENTIFIERS_AND_DATA ? 1 : 0);
}

/* Whether the pattern row still shows the saved pattern: a change saved
 * elsewhere must not overwrite one being typed. */
static gboolean
pattern_untouched (TrellisRegisterSettings *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->pattern_row));

  return self->saved_pattern == NULL || g_str_equal (text, self->saved_pattern) || *text == '\0';
}

/* Reads the settings again, as after a change saved anywhere in the study.
 * A pattern being typed is kept; the codes are read again when next needed. */
void
trellis_register_settings_reload (TrellisRegisterSettings *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pattern = NULL;

  g_return_if_fail (TRELLIS_IS_REGISTER_SETTINGS (self));

  g_clear_pointer (&self->codes, g_ptr_array_unref);
  if (self->study == NULL)
    return;
  self->loading = TRUE;
  load_withdrawal (self);
  if ((pattern = trellis_study_get_code_pattern (self->study, &error)) == NULL)
    report (self, error);
  else if (pattern_untouched (self))
    gtk_editable_set_text (GTK_EDITABLE (self->pattern_row), pattern);
  g_free (self->saved_pattern);
  self->saved_pattern = g_steal_pointer (&pattern);
  self->loading = FALSE;
  /* The preview reads every code, so a hidden page waits until it is shown. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    preview_pattern (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self), !trellis_study_is_read_only (self->study));
}

void
trellis_register_settings_set_study (TrellisRegisterSettings *self,
                                     TrellisStudy            *study)
{
  g_return_if_fail (TRELLIS_IS_REGISTER_SETTINGS (self));
  g_return_if_fail (study == NULL || TRELLIS_IS_STUDY (study));

  g_set_object (&self->study, study);
  g_clear_pointer (&self->saved_pattern, g_free);
  trellis_register_settings_reload (self);
}

static void
trellis_register_settings_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (trellis_register_settings_parent_class)->map (widget);
  preview_pattern (TRELLIS_REGISTER_SETTINGS (widget));
}

static void
trellis_register_settings_dispose (GObject *object)
{
  TrellisRegisterSettings *self = TRELLIS_REGISTER_SETTINGS (object);

  g_clear_object (&self->study);
  g_clear_pointer (&self->codes, g_ptr_array_unref);
  g_clear_pointer (&self->saved_pattern, g_free);

  G_OBJECT_CLASS (trellis_register_settings_parent_class)->dispose (object);
}

static void
trellis_register_settings_class_init (TrellisRegisterSettingsClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = trellis_register_settings_dispose;
  widget_class->map = trellis_register_settings_map;

  /* A short message for the window to show as a toast. */
  signals[SIGNAL_TOAST] =
    g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/trellis/Trellis/trellis-register-settings.ui");
  gtk_widget_class_bind_template_child (widget_class, TrellisRegisterSettings, pattern_row);
  gtk_widget_class_bind_template_child (widget_class, TrellisRegisterSettings, next_code_row);
  gtk_widget_class_bind_template_child_full (widget_class, "no_contact_switch", FALSE,
                                             G_STRUCT_OFFSET (TrellisRegisterSettings, withdrawal_switches[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "no_data_switch", FALSE,
                                             G_STRUCT_OFFSET (TrellisRegisterSettings, withdrawal_switches[1]));
  gtk_widget_class_bind_template_child_full (widget_class, "destruction_switch", FALSE,
                                             G_STRUCT_OFFSET (TrellisRegisterSettings, withdrawal_switches[2]));
  gtk_widget_class_bind_template_child (widget_class, TrellisRegisterSettings, policy_row);
  gtk_widget_class_bind_template_callback (widget_class, on_pattern_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_pattern_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_withdrawal_switched);
  gtk_widget_class_bind_template_callback (widget_class, on_policy_selected);
}

static void
trellis_register_settings_init (TrellisRegisterSettings *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
