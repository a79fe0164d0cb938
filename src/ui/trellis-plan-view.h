/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TRELLIS_TYPE_PLAN_VIEW (trellis_plan_view_get_type ())
G_DECLARE_FINAL_TYPE (TrellisPlanView, trellis_plan_view, TRELLIS, PLAN_VIEW, GtkWidget)

void        trellis_plan_view_set_model   (TrellisPlanView *self,
                                           GListModel      *timepoints);
const char *trellis_plan_view_get_summary (TrellisPlanView *self);

G_END_DECLS
