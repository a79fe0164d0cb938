/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "trellis-database.h"
#include "trellis-score-block.h"

G_BEGIN_DECLS

/* The score cache of format 8: each instrument's scores stored a block of
 * participant ids at a time, kept true by triggers (trellis-migrations.c). */

/* Fills blocks (n_blocks entries, all NULL) with the blocks of
 * instrument_id stored for blocks 0 … n_blocks − 1; a block stored damaged
 * or holding ids outside its range stays NULL. */
gboolean trellis_score_cache_load  (TrellisDatabase  *db,
                                    gint64            instrument_id,
                                    GPtrArray        *blocks,
                                    GError          **error);
/* Stores encoded[i] as block numbers[i] of instrument_id, if the
 * connection may write and the read transaction it is in still sees the
 * newest study: TRUE if stored. A cache that cannot be written now (a
 * read-only study, a write under way, a change since the snapshot) is
 * simply made again by the next read, so nothing here is an error. */
gboolean trellis_score_cache_store (TrellisDatabase  *db,
                                    gint64            instrument_id,
                                    GArray           *numbers,
                                    GPtrArray        *encoded);

/* Drops every stored block of instrument_id, or of every instrument if it
 * is 0, in the write transaction the caller holds: what a writer about to
 * change many scores does first, so that the cache's triggers find nothing
 * to drop on each row it writes. */
gboolean trellis_score_cache_clear (TrellisDatabase  *db,
                                    gint64            instrument_id,
                                    GError          **error);

G_END_DECLS
