/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "trellis-item.h"

G_BEGIN_DECLS

#define TRELLIS_TYPE_ITEM_EDITOR_ROW (trellis_item_editor_row_get_type ())
G_DECLARE_FINAL_TYPE (TrellisItemEditorRow, trellis_item_editor_row, TRELLIS, ITEM_EDITOR_ROW, GtkListBoxRow)

/* Signals: "changed", "move" (int: -1 up, +1 down), "remove". */
TrellisItemEditorRow *trellis_item_editor_row_new        (TrellisItem          *item);
TrellisItem          *trellis_item_editor_row_build_item (TrellisItemEditorRow *self);
gboolean              trellis_item_editor_row_check_labels (TrellisItemEditorRow  *self,
                                                            GError               **error);
void                  trellis_item_editor_row_set_code   (TrellisItemEditorRow *self,
                                                          const char           *code);
void                  trellis_item_editor_row_set_text   (TrellisItemEditorRow *self,
                                                          const char           *text);

G_END_DECLS
