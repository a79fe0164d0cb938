/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "trellis-scoring.h"

G_BEGIN_DECLS

#define TRELLIS_TYPE_ITEM (trellis_item_get_type ())
G_DECLARE_FINAL_TYPE (TrellisItem, trellis_item, TRELLIS, ITEM, GObject)

/* One question of an instrument. Properties: id, code, text, kind, min, max,
 * reverse, correct, position; choices are option labels for min, min + 1, …
 * (NULL for integer items). */
TrellisItem        *trellis_item_new          (const char       *code,
                                               const char       *text,
                                               TrellisItemKind   kind,
                                               int               min,
                                               int               max);
gint64              trellis_item_get_id       (TrellisItem      *self);
void                trellis_item_set_id       (TrellisItem      *self,
                                               gint64            id);
const char         *trellis_item_get_code     (TrellisItem      *self);
void                trellis_item_set_code     (TrellisItem      *self,
                                               const char       *code);
const char         *trellis_item_get_text     (TrellisItem      *self);
void                trellis_item_set_text     (TrellisItem      *self,
                                               const char       *text);
TrellisItemKind     trellis_item_get_kind     (TrellisItem      *self);
void                trellis_item_set_kind     (TrellisItem      *self,
                                               TrellisItemKind   kind);
int                 trellis_item_get_min      (TrellisItem      *self);
int                 trellis_item_get_max      (TrellisItem      *self);
void                trellis_item_set_range    (TrellisItem      *self,
                                               int               min,
                                               int               max);
gboolean            trellis_item_get_reverse  (TrellisItem      *self);
void                trellis_item_set_reverse  (TrellisItem      *self,
                                               gboolean          reverse);
int                 trellis_item_get_correct  (TrellisItem      *self);
void                trellis_item_set_correct  (TrellisItem      *self,
                                               int               correct);
const char *const  *trellis_item_get_choices  (TrellisItem      *self);
void                trellis_item_set_choices  (TrellisItem      *self,
                                               const char *const *choices);
int                 trellis_item_get_position (TrellisItem      *self);
void                trellis_item_set_position (TrellisItem      *self,
                                               int               position);
void                trellis_item_get_spec     (TrellisItem      *self,
                                               TrellisItemSpec  *spec);

G_END_DECLS
