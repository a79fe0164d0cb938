/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "trellis-database.h"
#include "trellis-score-block.h"

G_BEGIN_DECLS

/* One instrument's scores read from the study's tables, for the score
 * reader to use where the score cache has no block. Both read in whatever
 * transaction the connection is in. */

/* Every participant of the study, in one pass over each table: the way to
 * read most blocks at once. */
TrellisScoreBlock *trellis_score_scan_all   (TrellisDatabase  *db,
                                             gint64            instrument_id,
                                             GError          **error);
/* The participants with ids first_id … last_id, through the indexes: the
 * way to read a few blocks. */
TrellisScoreBlock *trellis_score_scan_range (TrellisDatabase  *db,
                                             gint64            instrument_id,
                                             gint64            first_id,
                                             gint64            last_id,
                                             GError          **error);

G_END_DECLS
