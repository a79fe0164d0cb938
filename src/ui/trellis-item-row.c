/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-item-row.h"

/* An item's answer is typed as a number even when the item has labelled
 * options: the paper form is read aloud or copied, and digits are the fastest
 * way in. The options stay in view as a hint, and a value the item cannot
 * take is named under the question as soon as it is typed. */
struct _TrellisItemRow
{
  AdwActionRow parent_instance;

  TrellisItem *item;
  char *hint;
  guint previous_length;
  gboolean loading;   /* the field is being filled in by the form, not typed */

  GtkLabel *number_label;
  GtkEntry *field;
};

G_DEFINE_FINAL_TYPE (TrellisItemRow, trellis_item_row, ADW_TYPE_ACTION_ROW)

enum {
  SIGNAL_VALUE_CHANGED,
  SIGNAL_COMPLETED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The options by their numbers. A test question's options all matter; a
 * rating scale reads well enough from its two ends. */
static char *
choices_hint (TrellisItem *item)
{
  const char *const *choices = trellis_item_get_choices (item);
  int min = trellis_item_get_min (item);
  guint n = choices != NULL ? g_strv_length ((char **) choices) : 0;
  GString *hint;

  if (n == 0)
    return NULL;
  if (trellis_item_get_kind (item) != TRELLIS_ITEM_CORRECT && n > 3)
    /* TRANSLATORS: the two ends of a rating scale, e.g. "1 Strongly disagree … 5 Strongly agree". */
    return g_strdup_printf (_("%d %s … %d %s"), min, choices[0], min + (int) n - 1, choices[n - 1]);
  hint = g_string_new (NULL);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (hint, "%s%d %s", i > 0 ? " · " : "", min + (int) i, choices[i]);
  return g_string_free (hint, FALSE);
}

static void
show_problem (TrellisItemRow *self,
              const char     *problem)
{
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), problem != NULL ? problem : self->hint);
  if (problem != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self), "field-problem");
      gtk_widget_add_css_class (GTK_WIDGET (self->field), "error");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self), "field-problem");
      gtk_widget_remove_css_class (GTK_WIDGET (self->field), "error");
    }
}

static TrellisItemRowState
parse (TrellisItemRow  *self,
       int             *value,
       GError         **error)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->field));
  const char *rest = text;
  TrellisItemSpec spec;

  while (g_ascii_isspace (*rest))
    rest++;
  if (*rest == '\0')
    return TRELLIS_ITEM_ROW_EMPTY;
  trellis_item_get_spec (self->item, &spec);
  return trellis_scoring_parse_value (&spec, text, value, error) ? TRELLIS_ITEM_ROW_VALID
                                                                 : TRELLIS_ITEM_ROW_INVALID;
}

/* Whether no longer answer could start with the digits typed so far: then
 * the answer is complete, and the form can move on without a Tab. */
static gboolean
is_complete (TrellisItemRow *self,
             int             value)
{
  return value == 0 || (value > 0 && (gint64) value * 10 > trellis_item_get_max (self->item));
}

/* The entry's text field, inside it, is what holds the focus. */
static gboolean
has_focus (TrellisItemRow *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL &&
         (focus == GTK_WIDGET (self->field) || gtk_widget_is_ancestor (focus, GTK_WIDGET (self->field)));
}

static void
on_changed (TrellisItemRow *self)
{
  g_autoptr(GError) error = NULL;
  guint length = gtk_entry_get_text_length (self->field);
  gboolean grew = length > self->previous_length;
  int value = 0;
  TrellisItemRowState state = parse (self, &value, &error);

  self->previous_length = length;
  show_problem (self, error != NULL ? error->message : NULL);
  g_signal_emit (self, signals[SIGNAL_VALUE_CHANGED], 0);
  if (!self->loading && grew && state == TRELLIS_ITEM_ROW_VALID && is_complete (self, value) && has_focus (self))
    g_signal_emit (self, signals[SIGNAL_COMPLETED], 0);
}

TrellisItemRow *
trellis_item_row_new (TrellisItem *item,
                      guint        number)
{
  TrellisItemRow *self;
  g_autofree char *label = g_strdup_printf ("%u", number);
  g_autofree char *range = NULL;

  g_return_val_if_fail (TRELLIS_IS_ITEM (item), NULL);

  self = g_object_new (TRELLIS_TYPE_ITEM_ROW, "title", trellis_item_get_text (item), NULL);
  self->item = g_object_ref (item);
  self->hint = choices_hint (item);
  range = g_strdup_printf ("%d–%d", trellis_item_get_min (item), trellis_item_get_max (item));
  gtk_label_set_text (self->number_label, label);
  gtk_entry_set_placeholder_text (self->field, range);
  /* The text is the question as the participant read it: no mnemonics. */
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self), FALSE);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
  show_problem (self, NULL);
  return self;
}

TrellisItem *
trellis_item_row_get_item (TrellisItemRow *self)
{
  g_return_val_if_fail (TRELLIS_IS_ITEM_ROW (self), NULL);
  return self->item;
}

/* The field a person types into, to give it the focus. */
GtkWidget *
trellis_item_row_get_field (TrellisItemRow *self)
{
  g_return_val_if_fail (TRELLIS_IS_ITEM_ROW (self), NULL);
  return GTK_WIDGET (self->field);
}

/* The answer in *value when the field holds a valid one. */
TrellisItemRowState
trellis_item_row_get_value (TrellisItemRow *self,
                            int            *value)
{
  int parsed = TRELLIS_ITEM_UNANSWERED;
  TrellisItemRowState state;

  g_return_val_if_fail (TRELLIS_IS_ITEM_ROW (self), TRELLIS_ITEM_ROW_INVALID);

  state = parse (self, &parsed, NULL);
  if (value != NULL)
    *value = state == TRELLIS_ITEM_ROW_VALID ? parsed : TRELLIS_ITEM_UNANSWERED;
  return state;
}

/* Fills the field with a stored answer, or empties it for
 * TRELLIS_ITEM_UNANSWERED; the form does not move on. */
void
trellis_item_row_set_value (TrellisItemRow *self,
                            int             value)
{
  g_autofree char *text = NULL;

  g_return_if_fail (TRELLIS_IS_ITEM_ROW (self));

  text = value == TRELLIS_ITEM_UNANSWERED ? g_strdup ("") : g_strdup_printf ("%d", value);
  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->field), text);
  self->loading = FALSE;
}

static void
trellis_item_row_dispose (GObject *object)
{
  TrellisItemRow *self = TRELLIS_ITEM_ROW (object);

  g_clear_object (&self->item);
  g_clear_pointer (&self->hint, g_free);

  G_OBJECT_CLASS (trellis_item_row_parent_class)->dispose (object);
}

static void
trellis_item_row_class_init (TrellisItemRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = trellis_item_row_dispose;

  signals[SIGNAL_VALUE_CHANGED] =
    g_signal_new ("value-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_COMPLETED] =
    g_signal_new ("completed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/trellis/Trellis/trellis-item-row.ui");
  gtk_widget_class_bind_template_child (widget_class, TrellisItemRow, number_label);
  gtk_widget_class_bind_template_child (widget_class, TrellisItemRow, field);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);
}

static void
trellis_item_row_init (TrellisItemRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
