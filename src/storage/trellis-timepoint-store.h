/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "trellis-database.h"
#include "trellis-timepoint.h"

G_BEGIN_DECLS

gboolean   trellis_timepoint_store_seed   (TrellisDatabase   *db,
                                           GError           **error);
GPtrArray *trellis_timepoint_store_load   (TrellisDatabase   *db,
                                           GError           **error);
gboolean   trellis_timepoint_store_insert (TrellisDatabase   *db,
                                           TrellisTimepoint  *timepoint,
                                           GError           **error);
gboolean   trellis_timepoint_store_update (TrellisDatabase   *db,
                                           TrellisTimepoint  *timepoint,
                                           GError           **error);
gboolean   trellis_timepoint_store_delete (TrellisDatabase   *db,
                                           gint64             id,
                                           GError           **error);

G_END_DECLS
