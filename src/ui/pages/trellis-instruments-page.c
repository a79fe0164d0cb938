/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-instrument-dialog.h"
#include "trellis-instruments-page.h"
#include "trellis-study-measures.h"

/* The study's instruments: for each its code and label, its items, how it
 * is scored (method, missing-item rule, bands) and the rule's version, with a
 * dialog to add or edit one. A study has a handful of instruments of a few
 * dozen items, so a boxed list of expander rows shows them all. */
struct _TrellisInstrumentsPage
{
  AdwBin parent_instance;

  TrellisStudy *study;
  GtkWidget *dialog;   /* the instrument dialog on screen, if any */

  GtkListBox *instrument_list;
};

G_DEFINE_FINAL_TYPE (TrellisInstrumentsPage, trellis_instruments_page, ADW_TYPE_BIN)

enum {
  SIGNAL_TOAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_dialog_saved (TrellisInstrumentsPage *self,
                 const char             *message)
{
  g_signal_emit (self, signals[SIGNAL_TOAST], 0, message);
}

/* The dialog edits this page's study, so it goes when the study does. */
static void
close_dialog (TrellisInstrumentsPage *self)
{
  GtkWidget *dialog = self->dialog;

  if (dialog == NULL)
    return;
  g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->dialog);
  self->dialog = NULL;
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
present_dialog (TrellisInstrumentsPage *self,
                TrellisInstrument      *instrument)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->study == NULL || trellis_study_is_read_only (self->study))
    return;

  close_dialog (self);
  self->dialog = GTK_WIDGET (trellis_instrument_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                            self->study, instrument));
  g_object_add_weak_pointer (G_OBJECT (self->dialog), (gpointer *) &self->dialog);
  g_signal_connect_object (self->dialog, "saved", G_CALLBACK (on_dialog_saved), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (self->dialog));
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  present_dialog (TRELLIS_INSTRUMENTS_PAGE (widget), NULL);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TrellisInstrumentsPage *self = TRELLIS_INSTRUMENTS_PAGE (widget);
  TrellisInstrument *instrument;

  if (self->study == NULL)
    return;
  instrument = trellis_study_find_instrument (self->study, g_variant_get_string (parameter, NULL));
  if (instrument != NULL)
    present_dialog (self, instrument);
}

/* How an item is answered and scored, as in "1–5, reverse-scored" or
 * "test question, options 1–4, correct: 2 (second victim)". */
static char *
describe_item (TrellisItem *item)
{
  int min = trellis_item_get_min (item), max = trellis_item_get_max (item);
  const char *const *choices = trellis_item_get_choices (item);
  int correct = trellis_item_get_correct (item);

  switch (trellis_item_get_kind (item))
    {
    case TRELLIS_ITEM_CORRECT:
      if (choices != NULL && correct - min < (int) g_strv_length ((char **) choices))
        return g_strdup_printf (_("Test question, options %d–%d, correct: %d (%s)"), min, max, correct,
                                choices[correct - min]);
      return g_strdup_printf (_("Test question, options %d–%d, correct: %d"), min, max, correct);
    case TRELLIS_ITEM_CHOICE:
      return trellis_item_get_reverse (item) ? g_strdup_printf (_("Choice %d–%d, reverse-scored"), min, max)
                                             : g_strdup_printf (_("Choice %d–%d"), min, max);
    case TRELLIS_ITEM_INTEGER:
    default:
      return trellis_item_get_reverse (item) ? g_strdup_printf (_("%d–%d, reverse-scored"), min, max)
                                             : g_strdup_printf (_("%d–%d"), min, max);
    }
}

static GtkWidget *
detail_row_new (const char *title,
                const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  return row;
}

static void
add_details (GtkWidget         *expander,
             TrellisInstrument *instrument)
{
  GPtrArray *items = trellis_instrument_get_items (instrument);
  g_autofree char *bands = trellis_instrument_bands_to_text (instrument);
  g_autofree char *rule_text = NULL;
  TrellisScoringRule rule;

  trellis_instrument_get_rule (instrument, &rule);
  rule_text = trellis_scoring_rule_describe (&rule, items->len);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), detail_row_new (_("Scoring"), rule_text));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander),
                            detail_row_new (_("Bands"), bands[0] != '\0' ? bands : _("None")));
  for (guint i = 0; i < items->len; i++)
    {
      TrellisItem *item = items->pdata[i];
      g_autofree char *scale = describe_item (item);
      /* Translators: an item's code and how it is scored, as in "BRS2 · 1–5, reverse-scored". */
      g_autofree char *subtitle = g_strdup_printf (_("%s · %s"), trellis_item_get_code (item), scale);

      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), detail_row_new (trellis_item_get_text (item), subtitle));
    }
}

static GtkWidget *
instrument_row_new (gpointer object,
                    gpointer user_data)
{
  TrellisInstrument *instrument = object;
  TrellisInstrumentsPage *self = user_data;
  const char *code = trellis_instrument_get_code (instrument);
  guint n_items = trellis_instrument_get_items (instrument)->len;
  g_autofree char *title = g_strdup_printf (_("%s · %s"), code, trellis_instrument_get_label (instrument));
  g_autofree char *items_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item", "%u items", n_items),
                                                 n_items);
  g_autofree char *subtitle = NULL;
  g_autofree char *tooltip = g_strdup_printf (_("Edit %s"), code);
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *edit = gtk_button_new_from_icon_name ("document-edit-symbolic");
  TrellisScoringRule rule;

  trellis_instrument_get_rule (instrument, &rule);
  /* Translators: the number of items and the scoring rule's version, as in "6 items · rule version 2". */
  subtitle = g_strdup_printf (_("%s · rule version %d"), items_text, rule.version);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  gtk_widget_set_tooltip_text (edit, tooltip);
  gtk_widget_set_valign (edit, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (edit, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (edit), TRELLIS_INSTRUMENTS_ACTION_EDIT);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (edit), "s", code);
  gtk_widget_set_visible (edit, !trellis_study_is_read_only (self->study));
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), edit);
  add_details (row, instrument);
  return row;
}

void
trellis_instruments_page_set_study (TrellisInstrumentsPage *self,
                                    TrellisStudy           *study)
{
  gboolean editable;

  g_return_if_fail (TRELLIS_IS_INSTRUMENTS_PAGE (self));

  close_dialog (self);
  gtk_list_box_bind_model (self->instrument_list, NULL, NULL, NULL, NULL);
  g_set_object (&self->study, study);
  editable = study != NULL && !trellis_study_is_read_only (study);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), TRELLIS_INSTRUMENTS_ACTION_ADD, editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), TRELLIS_INSTRUMENTS_ACTION_EDIT, editable);
  if (study == NULL)
    return;
  gtk_list_box_bind_model (self->instrument_list, trellis_study_get_instruments (study),
                           instrument_row_new, self, NULL);
}

static void
trellis_instruments_page_dispose (GObject *object)
{
  TrellisInstrumentsPage *self = TRELLIS_INSTRUMENTS_PAGE (object);

  close_dialog (self);
  g_clear_object (&self->study);

  G_OBJECT_CLASS (trellis_instruments_page_parent_class)->dispose (object);
}

static void
trellis_instruments_page_class_init (TrellisInstrumentsPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = trellis_instruments_page_dispose;

  signals[SIGNAL_TOAST] =
    g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/trellis/Trellis/pages/trellis-instruments-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TrellisInstrumentsPage, instrument_list);
  gtk_widget_class_bind_template_child_full (widget_class, "add_button", FALSE, 0);

  gtk_widget_class_install_action (widget_class, TRELLIS_INSTRUMENTS_ACTION_ADD, NULL, add_action);
  gtk_widget_class_install_action (widget_class, TRELLIS_INSTRUMENTS_ACTION_EDIT, "s", edit_action);
}

static void
trellis_instruments_page_init (TrellisInstrumentsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), TRELLIS_INSTRUMENTS_ACTION_ADD, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), TRELLIS_INSTRUMENTS_ACTION_EDIT, FALSE);
}
