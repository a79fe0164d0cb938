/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "trellis-database.h"

G_BEGIN_DECLS

gboolean  trellis_study_store_seed        (TrellisDatabase  *db,
                                           const char       *title,
                                           GError          **error);
char     *trellis_study_store_get_title   (TrellisDatabase  *db,
                                           GError          **error);
char     *trellis_study_store_get_created (TrellisDatabase  *db,
                                           GError          **error);
gboolean  trellis_study_store_set_title   (TrellisDatabase  *db,
                                           const char       *title,
                                           const char       *reason,
                                           GError          **error);

G_END_DECLS
