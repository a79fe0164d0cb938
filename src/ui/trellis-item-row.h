/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "trellis-item.h"

G_BEGIN_DECLS

#define TRELLIS_TYPE_ITEM_ROW (trellis_item_row_get_type ())
G_DECLARE_FINAL_TYPE (TrellisItemRow, trellis_item_row, TRELLIS, ITEM_ROW, AdwActionRow)

/* What an item row's field holds right now. */
typedef enum
{
  TRELLIS_ITEM_ROW_EMPTY,
  TRELLIS_ITEM_ROW_VALID,
  TRELLIS_ITEM_ROW_INVALID,
} TrellisItemRowState;

/* One question of a data-entry form: its number and text, its options as a
 * hint, and a small field for the answer as a number, checked as it is typed.
 * Signals: ::value-changed whenever the field changes, ::completed when a
 * person types the last digit a valid answer can have. */
TrellisItemRow      *trellis_item_row_new       (TrellisItem    *item,
                                                 guint           number);
TrellisItem         *trellis_item_row_get_item  (TrellisItemRow *self);
GtkWidget           *trellis_item_row_get_field (TrellisItemRow *self);
TrellisItemRowState  trellis_item_row_get_value (TrellisItemRow *self,
                                                 int            *value);
void                 trellis_item_row_set_value (TrellisItemRow *self,
                                                 int             value);

G_END_DECLS
