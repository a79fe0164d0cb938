/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "trellis-database.h"
#include "trellis-visit-answers.h"

G_BEGIN_DECLS

/* A stored answer sheet's score, as it was computed when saved or rescored. */
typedef struct
{
  gint64   instrument_id;
  int      answered;
  gboolean missing;        /* too few items answered for a score */
  double   score;
  int      rule_version;
} TrellisSheetScore;

TrellisVisitAnswers *trellis_visit_store_load       (TrellisDatabase            *db,
                                                     GPtrArray                  *instruments,
                                                     gint64                      participant_id,
                                                     gint64                      timepoint_id,
                                                     GError                    **error);
gboolean             trellis_visit_store_save       (TrellisDatabase            *db,
                                                     GPtrArray                  *instruments,
                                                     const TrellisVisitAnswers  *answers,
                                                     guint32                     today,
                                                     GError                    **error);
GArray              *trellis_visit_store_load_scores (TrellisDatabase           *db,
                                                      gint64                     participant_id,
                                                      gint64                     timepoint_id,
                                                      GError                   **error);
gboolean             trellis_visit_store_set_missed (TrellisDatabase            *db,
                                                     gint64                      participant_id,
                                                     gint64                      timepoint_id,
                                                     gboolean                    missed,
                                                     GError                    **error);

G_END_DECLS
