/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "trellis-score-reader.h"
#include "trellis-study-reading.h"
#include "trellis-storage-error.h"
#include "trellis-study-scores.h"

TrellisScoreTable *
trellis_study_read_scores (TrellisStudy  *self,
                           const char    *instrument_code,
                           GError       **error)
{
  g_return_val_if_fail (TRELLIS_IS_STUDY (self), NULL);
  g_return_val_if_fail (instrument_code != NULL, NULL);

  return trellis_score_table_read (trellis_study_get_database (self), instrument_code, error);
}

static gpointer
read_scores (TrellisDatabase  *reader,
             gpointer          instrument_code,
             GError          **error)
{
  return trellis_score_table_read (reader, instrument_code, error);
}

void
trellis_study_read_scores_async (TrellisStudy        *self,
                                 const char          *instrument_code,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (instrument_code != NULL);

  /* An unknown instrument is the caller's question, not a broken connection. */
  trellis_study_read_async (self, read_scores, g_strdup (instrument_code), g_free,
                            (GDestroyNotify) trellis_score_table_free,
                            TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_NOT_FOUND,
                            trellis_study_read_scores_async, cancellable, callback, user_data);
}

/* The table (transfer full), or NULL with an error; G_IO_ERROR_CANCELLED
 * once the read was cancelled, even if it had finished. */
TrellisScoreTable *
trellis_study_read_scores_finish (TrellisStudy  *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return trellis_study_read_finish (self, result, trellis_study_read_scores_async, error);
}
