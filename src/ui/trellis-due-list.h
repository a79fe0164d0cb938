/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "trellis-visit-table.h"

G_BEGIN_DECLS

/* How far ahead the due list looks, in days from the table's day. */
#define TRELLIS_DUE_LIST_DAYS 7

#define TRELLIS_TYPE_DUE_LIST (trellis_due_list_get_type ())
G_DECLARE_FINAL_TYPE (TrellisDueList, trellis_due_list, TRELLIS, DUE_LIST, GObject)

TrellisDueList *trellis_due_list_new           (void);
void            trellis_due_list_set_table     (TrellisDueList    *self,
                                                TrellisVisitTable *table);
void            trellis_due_list_set_cohort    (TrellisDueList    *self,
                                                gint64             cohort_id);
guint           trellis_due_list_get_n_overdue (TrellisDueList    *self);
guint           trellis_due_list_get_n_due     (TrellisDueList    *self);

G_END_DECLS
