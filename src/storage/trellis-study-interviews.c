/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "trellis-study-interviews.h"
#include "trellis-study-private.h"

/* The interview store (trellis-interview-store.h) behind the study façade,
 * so that pages and dialogs never hold the database. Draws and replacements
 * are quick writes and run on the caller's thread; the eligible list reads
 * everyone's schedule, which at 100,000 participants takes long enough to
 * be done in a worker through the study's second connection. */

typedef struct
{
  TrellisInterviewEligibility rule;
  guint32 today;
} EligibleRead;

static void
read_eligible_in_thread (GTask        *task,
                         gpointer      source_object,
                         gpointer      task_data,
                         GCancellable *cancellable)
{
  TrellisStudy *self = source_object;
  const EligibleRead *read = task_data;
  GError *error = NULL;
  TrellisDatabase *reader;
  TrellisEligibleList *list;

  if (g_task_return_error_if_cancelled (task))
    return;
  reader = trellis_study_lock_reader (self, &error);
  if (reader == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  list = trellis_interview_store_eligible (reader, &read->rule, read->today, &error);
  trellis_study_unlock_reader (self, list == NULL);
  if (list == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, list, (GDestroyNotify) trellis_eligible_list_free);
}

/* Applies RULE to everyone in the study as things stand on TODAY, without
 * blocking the caller's main loop. */
void
trellis_study_read_eligible_async (TrellisStudy                      *self,
                                   const TrellisInterviewEligibility *rule,
                                   guint32                            today,
                                   GCancellable                      *cancellable,
                                   GAsyncReadyCallback                callback,
                                   gpointer                           user_data)
{
  g_autoptr(GTask) task = NULL;
  EligibleRead *read;

  g_return_if_fail (TRELLIS_IS_STUDY (self));
  g_return_if_fail (rule != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, trellis_study_read_eligible_async);
  read = g_new (EligibleRead, 1);
  *read = (EligibleRead) { *rule, today };
  g_task_set_task_data (task, read, g_free);
  g_task_run_in_thread (task, read_eligible_in_thread);
}

/* The list (transfer full), or NULL with an error; G_IO_ERROR_CANCELLED
 * once the read was cancelled. */
TrellisEligibleList *
trellis_study_read_eligible_finish (TrellisStudy  *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (TRELLIS_IS_STUDY (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == trellis_study_read_eligible_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* As trellis_study_read_eligible_async (), on the caller's thread. */
TrellisEligibleList *
trellis_study_read_eligible (TrellisStudy                       *self,
                             const TrellisInterviewEligibility  *rule,
                             guint32                             today,
                             GError                            **error)
{
  g_return_val_if_fail (TRELLIS_IS_STUDY (self), NULL);
  return trellis_interview_store_eligible (trellis_study_get_database (self), rule, today, error);
}

/* Draws interviewees as REQUEST asks; the new draw's id, or 0. */
gint64
trellis_study_draw_interviews (TrellisStudy              *self,
                               const TrellisDrawRequest  *request,
                               GError                   **error)
{
  gint64 id;

  g_return_val_if_fail (TRELLIS_IS_STUDY (self), 0);
  g_return_val_if_fail (request != NULL, 0);

  id = trellis_interview_store_draw (trellis_study_get_database (self), request, error);
  if (id != 0)
    trellis_study_emit_interviews_changed (self);
  return id;
}

/* Records that PARTICIPANT_ID, drawn in DRAW_ID, declined or did not attend
 * (REASON) and draws their replacement from the same cohort; the new pick's
 * id, or 0. */
gint64
trellis_study_replace_pick (TrellisStudy            *self,
                            gint64                   draw_id,
                            gint64                   participant_id,
                            TrellisInterviewStatus   reason,
                            GError                 **error)
{
  gint64 id;

  g_return_val_if_fail (TRELLIS_IS_STUDY (self), 0);
  g_return_val_if_fail (trellis_interview_status_calls_for_replacement (reason), 0);

  id = trellis_interview_store_replace (trellis_study_get_database (self), draw_id, participant_id, reason, error);
  if (id != 0)
    trellis_study_emit_interviews_changed (self);
  return id;
}

/* Every draw (TrellisStoredDraw), oldest first. */
GPtrArray *
trellis_study_list_draws (TrellisStudy  *self,
                          GError       **error)
{
  g_return_val_if_fail (TRELLIS_IS_STUDY (self), NULL);
  return trellis_interview_store_list_draws (trellis_study_get_database (self), error);
}

/* Makes DRAW_ID again from its record and says whether it matches; a
 * sentence for a person in DESCRIPTION. Reads only, so emits nothing. */
gboolean
trellis_study_verify_draw (TrellisStudy      *self,
                           gint64             draw_id,
                           TrellisDrawCheck  *check,
                           char             **description,
                           GError           **error)
{
  g_return_val_if_fail (TRELLIS_IS_STUDY (self), FALSE);
  return trellis_interview_store_verify (trellis_study_get_database (self), draw_id, check, description, error);
}

/* Books the interview of PARTICIPANT_ID as REQUEST says; refusals (consent,
 * a time that does not exist or happens twice, with both instants in
 * CANDIDATES) come back as errors, and conflicts, which are stored, in
 * WARNINGS (char *). */
gboolean
trellis_study_schedule_interview (TrellisStudy                  *self,
                                  gint64                         participant_id,
                                  const TrellisScheduleRequest  *request,
                                  GPtrArray                    **warnings,
                                  TrellisLocalTimeCandidates    *candidates,
                                  GError                       **error)
{
  g_return_val_if_fail (TRELLIS_IS_STUDY (self), FALSE);
  g_return_val_if_fail (request != NULL, FALSE);

  if (!trellis_interview_store_schedule (trellis_study_get_database (self), participant_id, request, warnings,
                                         candidates, error))
    return FALSE;
  trellis_study_emit_interviews_changed (self);
  return TRUE;
}
