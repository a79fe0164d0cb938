/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "trellis-item-editor-row.h"

/* One item of an instrument being edited: its code and question on the first
 * line, its kind and scale (reverse-scored, or the correct answer of a test
 * question) on the second. The row only edits; the instrument dialog checks
 * the whole instrument and moves or removes rows when asked. */
struct _TrellisItemEditorRow
{
  GtkListBoxRow parent_instance;

  /* The option labels of the item being edited: kept when its scale keeps
   * its length, since the row has no place to edit them. */
  char **choices;

  GtkEntry *code_entry;
  GtkEntry *text_entry;
  GtkDropDown *kind_dropdown;
  GtkSpinButton *min_spin;
  GtkSpinButton *max_spin;
  GtkCheckButton *reverse_check;
  GtkWidget *correct_label;
  GtkSpinButton *correct_spin;
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

/* A test question has a correct answer and is never reverse-scored. */
static void
on_kind_changed (TrellisItemEditorRow *self)
{
  gboolean test = gtk_drop_down_get_selected (self->kind_dropdown) == TRELLIS_ITEM_CORRECT;

  gtk_widget_set_visible (GTK_WIDGET (self->reverse_check), !test);
  gtk_widget_set_visible (self->correct_label, test);
  gtk_widget_set_visible (GTK_WIDGET (self->correct_spin), test);
  on_changed (self);
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
  if (self->choices != NULL && (gint64) g_strv_length (self->choices) == (gint64) max - min + 1)
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
