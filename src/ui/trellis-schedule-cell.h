/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "trellis-schedule.h"

G_BEGIN_DECLS

/* How the Schedule page, its due list and a participant's card show a visit
 * status: a tint (a CSS class), and a symbol and a word, so that the status
 * never rests on colour alone. */

const char *trellis_schedule_cell_css_class (TrellisVisitStatus      status);
const char *trellis_schedule_cell_symbol    (TrellisVisitStatus      status);
const char *trellis_schedule_cell_label     (TrellisVisitStatus      status);
char       *trellis_schedule_cell_detail    (const TrellisVisitSlot *slot,
                                             const TrellisVisitRecord *record,
                                             TrellisAnchor           anchor);
char       *trellis_schedule_cell_window    (const TrellisVisitSlot *slot);
void        trellis_schedule_cell_set_tone  (GtkWidget              *widget,
                                             const char             *base_class,
                                             TrellisVisitStatus      status);
GtkWidget  *trellis_schedule_cell_new_legend (void);

G_END_DECLS
