/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TRELLIS_STUDY_TITLE_MAX 200

char     *trellis_study_title_normalize (const char  *title);
gboolean  trellis_study_title_validate  (const char  *title,
                                         GError     **error);

G_END_DECLS
