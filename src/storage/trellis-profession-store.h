/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "trellis-database.h"

G_BEGIN_DECLS

gboolean   trellis_profession_store_seed   (TrellisDatabase  *db,
                                            GError          **error);
GPtrArray *trellis_profession_store_names  (TrellisDatabase  *db,
                                            GError          **error);
gint64     trellis_profession_store_add    (TrellisDatabase  *db,
                                            const char       *name,
                                            GError          **error);
gboolean   trellis_profession_store_rename (TrellisDatabase  *db,
                                            gint64            id,
                                            const char       *name,
                                            GError          **error);
gint64     trellis_profession_store_lookup (TrellisDatabase  *db,
                                            const char       *name,
                                            GError          **error);

G_END_DECLS
