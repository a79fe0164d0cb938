/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TRELLIS_STUDY_CODE_MAX 32
#define TRELLIS_STUDY_CODE_PATTERN_DEFAULT "P###"

char     *trellis_study_code_normalize        (const char         *code);
gboolean  trellis_study_code_validate         (const char         *code,
                                               GError            **error);

gboolean  trellis_study_code_pattern_validate (const char         *pattern,
                                               GError            **error);
char     *trellis_study_code_pattern_next     (const char         *pattern,
                                               const char * const *existing_codes,
                                               guint               n_existing);

G_END_DECLS
