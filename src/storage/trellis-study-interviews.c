/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "trellis-study-interviews.h"
#include "trellis-study-measures.h"
#include "trellis-study-private.h"
#include "trellis-study-reading.h"

/* The interview store (trellis-interview-store.h) behind the study façade,
 * so that pages and dialogs never hold the database. Draws and replacements
 * are quick writes and run on the caller's thread; the eligible list reads
 * everyone's schedule, which at 100,000 participants takes long enough to
 * be done in a worker through the study's second connection. A booking
 * needs the schedule too (the participant's window), so a window books
 * with trellis_study_schedule_interview_async, which reads it there first. */

typedef struct
{
  TrellisInterviewEligibility rule;
  guint32 today;
} EligibleRead;

static gpointer
read_eligible (TrellisDatabase  *reader,
               gpointer          data,
               GError          **error)
{
  const EligibleRead *read = data;

  return trellis_interview_store_eligible (reader, &read->rule, read->today, error);
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
  EligibleRead *read;

  g_return_if_fail (rule != NULL);

  read = g_new (EligibleRead, 1);
  *read = (EligibleRead) { *rule, today };
  /* Every failure here is the connection's: none answers the question. */
  trellis_study_read_async (self, read_eligible, read, g_free, (GDestroyNotify) trellis_eligible_list_free, 0, 0,
                            trellis_study_read_eligible_async, cancellable, callback, user_data);
}

/* The list (transfer full), or NULL with an error; G_IO_ERROR_CANCELLED
 * once the read was cancelled. */
TrellisEligibleList *
trellis_study_read_eligible_finish (TrellisStudy  *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return trellis_study_read_finish (self, result, trellis_study_read_eligible_async, error);
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
 * WARNINGS (char *). Reads the schedule on the caller's thread: a window
 * uses trellis_study_schedule_interview_async () instead. */
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

  if (!trellis_interview_store_schedule (trellis_study_get_database (self), participant_id, request, NULL,
                                         warnings, candidates, error))
    return FALSE;
  trellis_study_emit_interviews_changed (self);
  return TRUE;
}

/* A booking waiting for the schedule: the request with its own copies of
 * the strings, the candidates of a time that happens twice, and the
 * study's count of schedule changes when the read started. */
typedef struct
{
  gint64 participant_id;
  TrellisScheduleRequest request;
  TrellisLocalTimeCandidates candidates;
  guint changes;
} ScheduleCall;

static void
schedule_call_free (gpointer data)
{
  ScheduleCall *call = data;

  g_free ((char *) call->request.interviewer);
  g_free ((char *) call->request.zone);
  g_free ((char *) call->request.mode);
  g_free ((char *) call->request.where);
  g_free (call);
}

static void on_schedule_table_read (GObject      *source,
                                    GAsyncResult *result,
                                    gpointer      user_data);

/* Read for the request's own day, so that the windows are those the store
 * would place itself. Takes TASK. */
static void
read_schedule_for (TrellisStudy *self,
                   GTask        *task)
{
  ScheduleCall *call = g_task_get_task_data (task);

  call->changes = trellis_study_get_changes (self);
  trellis_study_read_visit_table_async (self, call->request.today, g_task_get_cancellable (task),
                                        on_schedule_table_read, task);
}

/* Back on the caller's thread with the schedule: the write is short and
 * goes through the study's own connection, which only this thread uses.
 * The table places the participant's window; the interviews it is checked
 * against are read with the write, so a booking made meanwhile is seen. */
static void
on_schedule_table_read (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TrellisStudy *self = TRELLIS_STUDY (source);
  ScheduleCall *call = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(TrellisVisitTable) table = trellis_study_read_visit_table_finish (self, result, &error);
  GPtrArray *warnings = NULL;

  if (table != NULL && trellis_study_get_changes (self) != call->changes)
    {
      /* A visit saved while the schedule was read may move the window. */
      read_schedule_for (self, g_steal_pointer (&task));
      return;
    }
  if (table == NULL ||
      !trellis_interview_store_schedule (trellis_study_get_database (self), call->participant_id, &call->request,
                                         table, &warnings, &call->candidates, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  trellis_study_emit_interviews_changed (self);
  g_task_return_pointer (task, warnings, (GDestroyNotify) g_ptr_array_unref);
}

/* As trellis_study_schedule_interview (), without blocking the caller's
 * main loop: the schedule that places the participant's window is read in
 * a worker (or handed over at once when the study keeps it), then the
 * booking is written on the caller's thread. Cancelled before the write,
 * nothing is booked. */
void
trellis_study_schedule_interview_async (TrellisStudy                  *self,
                                        gint64                         participant_id,
                                        const TrellisScheduleRequest  *request,
                                        GCancellable                  *cancellable,
                                        GAsyncReadyCallback            callback,
                                        gpointer                       user_data)
{
  g_autoptr(GTask) task = NULL;
  ScheduleCall *call;

  g_return_if_fail (TRELLIS_IS_STUDY (self));
  g_return_if_fail (request != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, trellis_study_schedule_interview_async);
  call = g_new0 (ScheduleCall, 1);
  call->participant_id = participant_id;
  call->request = *request;
  call->request.interviewer = g_strdup (request->interviewer);
  call->request.zone = g_strdup (request->zone);
  call->request.mode = g_strdup (request->mode);
  call->request.where = g_strdup (request->where);
  g_task_set_task_data (task, call, schedule_call_free);
  read_schedule_for (self, g_steal_pointer (&task));
}

/* Whether the interview was booked. Its conflicts, which are stored, in
 * WARNINGS (char *); a refusal as an error, with both instants of a time
 * that happens twice in CANDIDATES; G_IO_ERROR_CANCELLED once cancelled. */
gboolean
trellis_study_schedule_interview_finish (TrellisStudy                 *self,
                                         GAsyncResult                 *result,
                                         GPtrArray                   **warnings,
                                         TrellisLocalTimeCandidates   *candidates,
                                         GError                      **error)
{
  g_autoptr(GPtrArray) found = NULL;
  const ScheduleCall *call;

  g_return_val_if_fail (TRELLIS_IS_STUDY (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == trellis_study_schedule_interview_async, FALSE);

  call = g_task_get_task_data (G_TASK (result));
  if ((found = g_task_propagate_pointer (G_TASK (result), error)) == NULL)
    {
      if (candidates != NULL)
        *candidates = call->candidates;
      return FALSE;
    }
  if (warnings != NULL)
    *warnings = g_steal_pointer (&found);
  return TRUE;
}

/* The interviews FILTER keeps, each with the conflicts it has now
 * (TrellisInterviewRow), in draw and pick order. */
GPtrArray *
trellis_study_list_interviews (TrellisStudy                  *self,
                               const TrellisInterviewFilter  *filter,
                               GError                       **error)
{
  g_return_val_if_fail (TRELLIS_IS_STUDY (self), NULL);
  g_return_val_if_fail (filter != NULL, NULL);
  return trellis_interview_store_list (trellis_study_get_database (self), filter, error);
}

/* Moves the interview of PARTICIPANT_ID to STATUS, if the workflow allows
 * it: ACTUAL_MINUTES go with done (0 for not known), ANONYMISED_BY (NULL for
 * the user) with anonymised. A transcript is attached with
 * trellis_study_attach_transcript_async instead. */
gboolean
trellis_study_move_interview (TrellisStudy            *self,
                              gint64                   participant_id,
                              TrellisInterviewStatus   status,
                              guint                    actual_minutes,
                              const char              *anonymised_by,
                              GError                 **error)
{
  g_return_val_if_fail (TRELLIS_IS_STUDY (self), FALSE);

  if (!trellis_interview_store_set_status (trellis_study_get_database (self), participant_id, status,
                                           actual_minutes, anonymised_by, error))
    return FALSE;
  trellis_study_emit_interviews_changed (self);
  return TRUE;
}

/* ---- Transcripts ---- */

typedef struct
{
  gint64 participant_id;
  char *path;
} TranscriptAttach;

static void
transcript_attach_free (gpointer data)
{
  TranscriptAttach *attach = data;

  g_free (attach->path);
  g_free (attach);
}

static void
hash_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  const TranscriptAttach *attach = task_data;
  GError *error = NULL;
  char *hash = trellis_interview_hash_file (attach->path, cancellable, &error);

  if (hash == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, hash, g_free);
}

/* Back on the caller's thread: the write goes through the study's own
 * connection, which only that thread uses. */
static void
on_transcript_hashed (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TrellisStudy *self = TRELLIS_STUDY (source);
  const TranscriptAttach *attach = g_task_get_task_data (task);
  GError *error = NULL;
  g_autofree char *hash = g_task_propagate_pointer (G_TASK (result), &error);

  if (hash == NULL ||
      !trellis_interview_store_attach_transcript (trellis_study_get_database (self), attach->participant_id,
                                                  attach->path, hash, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  trellis_study_emit_interviews_changed (self);
  g_task_return_pointer (task, g_steal_pointer (&hash), g_free);
}

/* Attaches the transcript at PATH to the interview of PARTICIPANT_ID: the
 * file's SHA-256 is taken in a worker (transcripts can be large), then its
 * place and hash are stored. The file itself is never copied. */
void
trellis_study_attach_transcript_async (TrellisStudy        *self,
                                       gint64               participant_id,
                                       const char          *path,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) hashing = NULL;
  TranscriptAttach *attach;

  g_return_if_fail (TRELLIS_IS_STUDY (self));
  g_return_if_fail (path != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, trellis_study_attach_transcript_async);
  attach = g_new0 (TranscriptAttach, 1);
  *attach = (TranscriptAttach) { participant_id, g_canonicalize_filename (path, NULL) };
  g_task_set_task_data (task, attach, transcript_attach_free);
  hashing = g_task_new (self, cancellable, on_transcript_hashed, g_object_ref (task));
  g_task_set_task_data (hashing, attach, NULL);
  g_task_run_in_thread (hashing, hash_in_thread);
}

/* The transcript's SHA-256 as stored (transfer full), or NULL with an error. */
char *
trellis_study_attach_transcript_finish (TrellisStudy  *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  g_return_val_if_fail (TRELLIS_IS_STUDY (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == trellis_study_attach_transcript_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- The calendar ---- */

static void
export_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  TrellisStudy *self = source_object;
  GError *error = NULL;
  TrellisDatabase *reader;
  guint n_events = 0;
  gboolean ok;

  if (g_task_return_error_if_cancelled (task))
    return;
  if ((reader = trellis_study_lock_reader (self, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  ok = trellis_interview_store_export_ics (reader, G_FILE (task_data), NULL, g_get_real_time () / G_USEC_PER_SEC,
                                           &n_events, &error);
  /* A file that cannot be written says nothing against the connection. */
  trellis_study_unlock_reader (self, !ok && error->domain != G_IO_ERROR);
  if (ok)
    g_task_return_int (task, n_events);
  else
    g_task_return_error (task, error);
}

/* Writes every booked interview to FILE as an iCalendar (.ics), in a
 * worker through the study's second connection. */
void
trellis_study_export_interviews_async (TrellisStudy        *self,
                                       GFile               *file,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (TRELLIS_IS_STUDY (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, trellis_study_export_interviews_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, export_in_thread);
}

/* Whether the calendar was written; how many events it holds in N_EVENTS. */
gboolean
trellis_study_export_interviews_finish (TrellisStudy  *self,
                                        GAsyncResult  *result,
                                        guint         *n_events,
                                        GError       **error)
{
  gssize n;

  g_return_val_if_fail (TRELLIS_IS_STUDY (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == trellis_study_export_interviews_async, FALSE);

  n = g_task_propagate_int (G_TASK (result), error);
  if (n < 0)
    return FALSE;
  if (n_events != NULL)
    *n_events = (guint) n;
  return TRUE;
}
