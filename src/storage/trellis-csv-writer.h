/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void trellis_csv_append_cell (GString           *out,
                              const char        *cell);
void trellis_csv_append_row  (GString           *out,
                              const char *const *cells,
                              guint              n_cells);
void trellis_csv_append_row_verbatim (GString           *out,
                                      const char *const *cells,
                                      guint              n_cells);

G_END_DECLS
