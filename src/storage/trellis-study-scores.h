/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "trellis-score-table.h"
#include "trellis-study.h"

G_BEGIN_DECLS

/* One instrument's scores for the analysis, as TrellisStudy operations
 * (trellis-study-scores.c); see trellis_score_table_read (). */
TrellisScoreTable *trellis_study_read_scores        (TrellisStudy         *self,
                                                     const char           *instrument_code,
                                                     GError              **error);
/* In a worker thread on the study's reading connection, so that the window
 * never waits for 100,000 participants' scores. */
void               trellis_study_read_scores_async  (TrellisStudy         *self,
                                                     const char           *instrument_code,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
TrellisScoreTable *trellis_study_read_scores_finish (TrellisStudy         *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);

G_END_DECLS
