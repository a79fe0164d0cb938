/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Small helpers the register's dialogs share for their fields: a row whose
 * subtitle is a hint until the field is wrong, then the message saying why. */

char     *trellis_form_get_text      (GtkEditable  *editable);
void      trellis_form_show_problem  (AdwActionRow *row,
                                      GtkWidget    *field,
                                      const char   *hint,
                                      const char   *problem);
gboolean  trellis_form_check_date    (const char   *text,
                                      gboolean      required,
                                      char        **problem);
char     *trellis_form_today         (void);

G_END_DECLS
