/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "trellis-database.h"
#include "trellis-score-table.h"

G_BEGIN_DECLS

/* One instrument's scores, as the statistics and plots read them: every
 * participant of the study with scores for it, in id (recruitment) order,
 * with their cohort and their scores in timepoint order; n_registered
 * counts everyone in the register. Safe in a worker thread on a connection
 * of its own (trellis_database_open_reader ()), which may store what it
 * read in the score cache (trellis-score-cache.h). An unknown instrument
 * code is TRELLIS_STORAGE_ERROR_NOT_FOUND. */
TrellisScoreTable *trellis_score_table_read (TrellisDatabase  *db,
                                             const char       *instrument_code,
                                             GError          **error);
/* The same, with the instrument's label (its name for people, e.g.
 * "Knowledge test"), which names the outcome in the results. */
TrellisScoreTable *trellis_score_table_read_labelled (TrellisDatabase  *db,
                                                      const char       *instrument_code,
                                                      char            **instrument_label,
                                                      GError          **error);

G_END_DECLS
