/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "trellis-score-reader.h"
#include "trellis-study-private.h"
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

static void
read_scores_in_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  TrellisStudy *self = source_object;
  const char *instrument_code = task_data;
  GError *error = NULL;
  TrellisDatabase *reader;
  TrellisScoreTable *table;

  if (g_task_return_error_if_cancelled (task))
    return;
  reader = trellis_study_lock_reader (self, &error);
  if (reader == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  table = trellis_score_table_read (reader, instrument_code, &error);
  /* An unknown instrument is the caller's question, not a broken connection. */
  trellis_study_unlock_reader (self, table == NULL && !g_error_matches (error, TRELLIS_STORAGE_ERROR,
                                                                      TRELLIS_STORAGE_ERROR_NOT_FOUND));
  if (table == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, table, (GDestroyNotify) trellis_score_table_free);
}

void
trellis_study_read_scores_async (TrellisStudy        *self,
                                 const char          *instrument_code,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (TRELLIS_IS_STUDY (self));
  g_return_if_fail (instrument_code != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, trellis_study_read_scores_async);
  g_task_set_task_data (task, g_strdup (instrument_code), g_free);
  g_task_run_in_thread (task, read_scores_in_thread);
}

/* The table (transfer full), or NULL with an error; G_IO_ERROR_CANCELLED
 * once the read was cancelled, even if it had finished. */
TrellisScoreTable *
trellis_study_read_scores_finish (TrellisStudy  *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (TRELLIS_IS_STUDY (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == trellis_study_read_scores_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
