/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The seed of an interview draw: a 64-bit number, shown and stored as
 * decimal text ("0" to "18446744073709551615") so a person can read it out,
 * type it back and reproduce the draw. */

guint64   trellis_interview_seed_new       (void);
char     *trellis_interview_seed_to_string (guint64      seed);
gboolean  trellis_interview_seed_parse     (const char  *text,
                                            guint64     *seed,
                                            GError     **error);
void      trellis_interview_seed_split     (guint64      seed,
                                            guint32      words[2]);

G_END_DECLS
