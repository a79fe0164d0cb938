/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "trellis-score-table.h"

G_BEGIN_DECLS

/* Which columns of a long CSV (one row per participant and time) hold what. */
typedef struct
{
  const char *id_column;
  const char *time_column;
  const char *value_column;
  const char *baseline;     /* the reference level of time; NULL for the first */
} TrellisScoreCsvColumns;

/* An analyst's long CSV as a score table, for the same statistics as a
 * study's instrument. Participants are in the order they first appear; the
 * times are sorted as numbers when they all are, otherwise in natural order
 * ("T2" before "T10"), with the baseline moved first. An empty value or "NA"
 * is a missing score. A bad file is a TRELLIS_IMPORT_ERROR that names the
 * file, the line and the column. */
TrellisScoreTable *trellis_score_table_read_csv (const char                   *file_name,
                                                 GBytes                       *bytes,
                                                 const TrellisScoreCsvColumns *columns,
                                                 GError                      **error);

G_END_DECLS
