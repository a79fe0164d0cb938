/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

guint trellis_list_rows_to_fill_screen (GtkWidget *widget,
                                        int        row_height,
                                        int        above);

G_END_DECLS
