/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "trellis-study-private.h"
#include "trellis-study-reading.h"

typedef struct
{
  TrellisStudyReadFunc read;
  gpointer data;
  GDestroyNotify data_destroy;
  GDestroyNotify result_destroy;
  GQuark expected_domain;
  int expected_code;
} StudyRead;

static void
study_read_free (StudyRead *job)
{
  if (job->data_destroy != NULL)
    job->data_destroy (job->data);
  g_free (job);
}

static void
read_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  TrellisStudy *self = source_object;
  StudyRead *job = task_data;
  GError *error = NULL;
  TrellisDatabase *reader;
  gpointer value;

  if (g_task_return_error_if_cancelled (task))
    return;
  reader = trellis_study_lock_reader (self, &error);
  if (reader == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  value = job->read (reader, job->data, &error);
  trellis_study_unlock_reader (self, value == NULL
                                     && !(job->expected_domain != 0
                                          && g_error_matches (error, job->expected_domain, job->expected_code)));
  if (value == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, value, job->result_destroy);
}

void
trellis_study_read_async (TrellisStudy         *self,
                          TrellisStudyReadFunc  read,
                          gpointer              data,
                          GDestroyNotify        data_destroy,
                          GDestroyNotify        result_destroy,
                          GQuark                expected_domain,
                          int                   expected_code,
                          gpointer              source_tag,
                          GCancellable         *cancellable,
                          GAsyncReadyCallback   callback,
                          gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  StudyRead *job;

  g_return_if_fail (TRELLIS_IS_STUDY (self));
  g_return_if_fail (read != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  job = g_new0 (StudyRead, 1);
  *job = (StudyRead) { read, data, data_destroy, result_destroy, expected_domain, expected_code };
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, job, (GDestroyNotify) study_read_free);
  g_task_run_in_thread (task, read_in_thread);
}

gpointer
trellis_study_read_finish (TrellisStudy  *self,
                           GAsyncResult  *result,
                           gpointer       source_tag,
                           GError       **error)
{
  g_return_val_if_fail (TRELLIS_IS_STUDY (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
