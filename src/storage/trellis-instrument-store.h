/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "trellis-database.h"
#include "trellis-instrument.h"

G_BEGIN_DECLS

gboolean   trellis_instrument_store_seed    (TrellisDatabase    *db,
                                             GError            **error);
GPtrArray *trellis_instrument_store_load    (TrellisDatabase    *db,
                                             GError            **error);
gboolean   trellis_instrument_store_create  (TrellisDatabase    *db,
                                             TrellisInstrument  *instrument,
                                             GError            **error);
gboolean   trellis_instrument_store_update  (TrellisDatabase    *db,
                                             TrellisInstrument  *instrument,
                                             guint              *n_rescored,
                                             GError            **error);
gboolean   trellis_instrument_store_delete  (TrellisDatabase    *db,
                                             gint64              instrument_id,
                                             GError            **error);
gboolean   trellis_instrument_store_count_sheets (TrellisDatabase    *db,
                                                  gint64              instrument_id,
                                                  gint64             *n_sheets,
                                                  GError            **error);
gboolean   trellis_instrument_store_rescore (TrellisDatabase    *db,
                                             TrellisInstrument  *instrument,
                                             const char         *reason,
                                             guint              *n_rescored,
                                             GError            **error);
/* The same as _create () and _update (), inside a write transaction the
 * caller holds and commits or rolls back: for an import that stores several
 * instruments all or nothing. */
gboolean   trellis_instrument_store_create_within (TrellisDatabase    *db,
                                                   TrellisInstrument  *instrument,
                                                   GError            **error);
gboolean   trellis_instrument_store_update_within (TrellisDatabase    *db,
                                                   TrellisInstrument  *instrument,
                                                   guint              *n_rescored,
                                                   GError            **error);

G_END_DECLS
