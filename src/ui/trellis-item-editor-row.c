/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-item-editor-row.h"

/* One item of an instrument being edited: its code and question on the first
 * line, its kind and scale (reverse-scored, or the correct answer of a test
 * question) on the second, and for a choice or a test question the labels
 * of its options on a third, one per value, separated by semicolons. The
 * row only edits; the instrument dialog checks the whole instrument and
 * moves or removes rows when asked. */
struct _TrellisItemEditorRow
{
  GtkListBoxRow parent_instance;

  /* The option labels of the item being edited: for a kind whose labels
   * the row does not show (a number on a scale, as the BRS's anchors), kept
   * when its scale keeps its length. */
  char **choices;

  GtkEntry *code_entry;
  GtkEntry *text_entry;
  GtkDropDown *kind_dropdown;
  GtkSpinButton *min_spin;
  GtkSpinButton *max_spin;
  GtkCheckButton *reverse_check;
  GtkWidget *correct_label;
  GtkSpinButton *correct_spin;
  GtkWidget *choices_box;
  GtkEntry *choices_entry;
};

G_DEFINE_FINAL_TYPE (TrellisItemEditorRow, trellis_item_editor_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  SIGNAL_CHANGED,
  SIGNAL_MOVE,
  SIGNAL_REMOVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_changed (TrellisItemEditorRow *self)
{
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static gboolean
has_labels (TrellisItemEditorRow *self)
{
  return gtk_drop_down_get_selected (self->kind_dropdown) != TRELLIS_ITEM_INTEGER;
}

/* A test question has a correct answer and is never reverse-scored; a
 * choice and a test question have labelled options. */
static void
on_kind_changed (TrellisItemEditorRow *self)
{
  gboolean test = gtk_drop_down_get_selected (self->kind_dropdown) == TRELLIS_ITEM_CORRECT;

  gtk_widget_set_visible (GTK_WIDGET (self->reverse_check), !test);
  gtk_widget_set_visible (self->correct_label, test);
  gtk_widget_set_visible (GTK_WIDGET (self->correct_spin), test);
  gtk_widget_set_visible (self->choices_box, has_labels (self));
  on_changed (self);
}

/* The labels as typed, or NULL when there are none. */
static char **
typed_labels (TrellisItemEditorRow *self)
{
  g_auto(GStrv) parts = g_strsplit (gtk_editable_get_text (GTK_EDITABLE (self->choices_entry)), ";", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n = 0;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      g_strv_builder_add (builder, parts[i]);
      n += parts[i][0] != '\0';
    }
  return n > 0 ? g_strv_builder_end (builder) : NULL;
}

/* The labels fit the scale: one for each value, none empty. The entry
 * shows the problem too, so that it is found among many items. */
gboolean
trellis_item_editor_row_check_labels (TrellisItemEditorRow  *self,
                                      GError               **error)
{
  g_auto(GStrv) labels = NULL;
  g_autofree char *code = NULL;
  int min, max;
  gboolean valid = TRUE;

  g_return_val_if_fail (TRELLIS_IS_ITEM_EDITOR_ROW (self), FALSE);

  labels = has_labels (self) ? typed_labels (self) : NULL;
  min = gtk_spin_button_get_value_as_int (self->min_spin);
  max = gtk_spin_button_get_value_as_int (self->max_spin);
  code = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->code_entry))));
  if (labels != NULL && (gint64) g_strv_length (labels) != (gint64) max - min + 1)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s has %u option labels for the %d values %d–%d; give one label for each value, "
                     "separated by semicolons"), code, g_strv_length (labels), max - min + 1, min, max);
      valid = FALSE;
    }
  else if (labels != NULL && g_strv_contains ((const char *const *) labels, ""))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s has an empty option label; give one label for each value, separated by semicolons"),
                   code);
      valid = FALSE;
    }
  if (valid)
    gtk_widget_remove_css_class (GTK_WIDGET (self->choices_entry), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->choices_entry), "error");
  return valid;
}

static void
on_up_clicked (TrellisItemEditorRow *self)
{
  g_signal_emit (self, signals[SIGNAL_MOVE], 0, -1);
}

static void
on_down_clicked (TrellisItemEditorRow *self)
{
  g_signal_emit (self, signals[SIGNAL_MOVE], 0, 1);
}

static void
on_remove_clicked (TrellisItemEditorRow *self)
{
  g_signal_emit (self, signals[SIGNAL_REMOVE], 0);
}

/* A row for item, or for a new item on a 1–5 scale when item is NULL. */
TrellisItemEditorRow *
trellis_item_editor_row_new (TrellisItem *item)
{
  TrellisItemEditorRow *self = g_object_new (TRELLIS_TYPE_ITEM_EDITOR_ROW, NULL);

  if (item == NULL)
    {
      gtk_spin_button_set_value (self->min_spin, 1);
      gtk_spin_button_set_value (self->max_spin, 5);
      gtk_spin_button_set_value (self->correct_spin, 1);
      on_kind_changed (self);
      return self;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->code_entry), trellis_item_get_code (item));
  gtk_editable_set_text (GTK_EDITABLE (self->text_entry), trellis_item_get_text (item));
  gtk_drop_down_set_selected (self->kind_dropdown, trellis_item_get_kind (item));
  gtk_spin_button_set_value (self->min_spin, trellis_item_get_min (item));
  gtk_spin_button_set_value (self->max_spin, trellis_item_get_max (item));
  gtk_check_button_set_active (self->reverse_check, trellis_item_get_reverse (item));
  gtk_spin_button_set_value (self->correct_spin, trellis_item_get_correct (item));
  self->choices = g_strdupv ((char **) trellis_item_get_choices (item));
  if (self->choices != NULL)
    {
      g_autofree char *text = g_strjoinv ("; ", self->choices);

      gtk_editable_set_text (GTK_EDITABLE (self->choices_entry), text);
    }
  on_kind_changed (self);
  return self;
}

/* A new item as the row stands; checking it is the instrument's job. */
TrellisItem *
trellis_item_editor_row_build_item (TrellisItemEditorRow *self)
{
  g_autofree char *code = NULL;
  g_autofree char *text = NULL;
  TrellisItemKind kind;
  TrellisItem *item;
  int min, max;

  g_return_val_if_fail (TRELLIS_IS_ITEM_EDITOR_ROW (self), NULL);

  code = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->code_entry))));
  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->text_entry))));
  kind = (TrellisItemKind) gtk_drop_down_get_selected (self->kind_dropdown);
  min = gtk_spin_button_get_value_as_int (self->min_spin);
  max = gtk_spin_button_get_value_as_int (self->max_spin);
  item = trellis_item_new (code, text, kind, min, max);
  if (kind == TRELLIS_ITEM_CORRECT)
    trellis_item_set_correct (item, gtk_spin_button_get_value_as_int (self->correct_spin));
  else
    trellis_item_set_reverse (item, gtk_check_button_get_active (self->reverse_check));
  if (has_labels (self))
    {
      g_auto(GStrv) labels = typed_labels (self);

      trellis_item_set_choices (item, (const char *const *) labels);
    }
  else if (self->choices != NULL && (gint64) g_strv_length (self->choices) == (gint64) max - min + 1)
    trellis_item_set_choices (item, (const char *const *) self->choices);
  return item;
}

void
trellis_item_editor_row_set_code (TrellisItemEditorRow *self,
                                  const char           *code)
{
  g_return_if_fail (TRELLIS_IS_ITEM_EDITOR_ROW (self));
  gtk_editable_set_text (GTK_EDITABLE (self->code_entry), code);
}

void
trellis_item_editor_row_set_text (TrellisItemEditorRow *self,
                                  const char           *text)
{
  g_return_if_fail (TRELLIS_IS_ITEM_EDITOR_ROW (self));
  gtk_editable_set_text (GTK_EDITABLE (self->text_entry), text);
}

static void
trellis_item_editor_row_finalize (GObject *object)
{
  TrellisItemEditorRow *self = TRELLIS_ITEM_EDITOR_ROW (object);

  g_strfreev (self->choices);

  G_OBJECT_CLASS (trellis_item_editor_row_parent_class)->finalize (object);
}

static void
trellis_item_editor_row_class_init (TrellisItemEditorRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = trellis_item_editor_row_finalize;

  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_MOVE] =
    g_signal_new ("move", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
  signals[SIGNAL_REMOVE] =
    g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/trellis/Trellis/trellis-item-editor-row.ui");
  gtk_widget_class_bind_template_child (widget_class, TrellisItemEditorRow, code_entry);
  gtk_widget_class_bind_template_child (widget_class, TrellisItemEditorRow, text_entry);
  gtk_widget_class_bind_template_child (widget_class, TrellisItemEditorRow, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TrellisItemEditorRow, min_spin);
  gtk_widget_class_bind_template_child (widget_class, TrellisItemEditorRow, max_spin);
  gtk_widget_class_bind_template_child (widget_class, TrellisItemEditorRow, reverse_check);
  gtk_widget_class_bind_template_child (widget_class, TrellisItemEditorRow, correct_label);
  gtk_widget_class_bind_template_child (widget_class, TrellisItemEditorRow, correct_spin);
  gtk_widget_class_bind_template_child (widget_class, TrellisItemEditorRow, choices_box);
  gtk_widget_class_bind_template_child (widget_class, TrellisItemEditorRow, choices_entry);
  /* Not needed here, but named for tests that click them. */
  gtk_widget_class_bind_template_child_full (widget_class, "up_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "down_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "remove_button", FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_up_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_down_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_clicked);
}

static void
trellis_item_editor_row_init (TrellisItemEditorRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
