/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TRELLIS_DATE_YEAR_MIN 1900
#define TRELLIS_DATE_YEAR_MAX 2100

gboolean  trellis_date_parse             (const char   *text,
                                          GDate        *out,
                                          GError      **error);
char     *trellis_date_format            (const GDate  *date);
int       trellis_date_days_between      (const GDate  *from,
                                          const GDate  *to);
guint32   trellis_date_to_julian_or_zero (const char   *text);

G_END_DECLS
