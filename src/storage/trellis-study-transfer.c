/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-participant-export.h"
#include "trellis-response-export.h"
#include "trellis-response-import.h"
#include "trellis-storage-error.h"
#include "trellis-study-measures.h"
#include "trellis-study-private.h"
#include "trellis-study-transfer.h"

/* Import and export run in a worker thread through the study's own
 * connection, opened with SQLITE_OPEN_NOMUTEX: it may move between threads as
 * long as only one uses it at a time, so the caller leaves the study alone
 * until the callback (see trellis_study_save_copy_async, which does the same).
 * Each task holds a reference to the study, so the connection outlives the
 * work even if the caller lets go of the study.
 *
 * A cancel is only honoured while the work can still be undone: an import
 * cancelled before its commit rolls back and reports G_IO_ERROR_CANCELLED, one
 * that had already committed reports its participants. The tasks therefore do
 * not check the cancellable when they return.
 *
 * The four flows share one shape (a Job, below): the work in a worker thread
 * with progress and a cancellable, then, back on the caller's thread, the
 * study's listeners told of what changed, and only then the caller. Each
 * flow gives the work and what to tell. */

/* ---- Progress, passed from the worker thread to the caller's main context ---- */

/* The import reports progress about a hundred times; the caller hears the
 * latest figures, at most one report queued at a time, and never after the
 * import has finished, so a report cannot arrive after the callback. */
typedef struct
{
  TrellisImportProgressFunc func;
  gpointer user_data;
  GMainContext *context;
  guint done;
  guint total;
  gint queued;
  gint finished;
} Progress;

static void
progress_clear (Progress *progress)
{
  g_main_context_unref (progress->context);
}

static Progress *
progress_new (TrellisImportProgressFunc func,
              gpointer                  user_data)
{
  Progress *progress = g_atomic_rc_box_new0 (Progress);

  progress->func = func;
  progress->user_data = user_data;
  progress->context = g_main_context_ref_thread_default ();
  return progress;
}

static void
progress_unref (gpointer data)
{
  g_atomic_rc_box_release_full (data, (GDestroyNotify) progress_clear);
}

static gboolean
progress_dispatch (gpointer data)
{
  Progress *progress = data;

  g_atomic_int_set (&progress->queued, 0);
  if (!g_atomic_int_get (&progress->finished))
    progress->func ((guint) g_atomic_int_get ((gint *) &progress->done),
                    (guint) g_atomic_int_get ((gint *) &progress->total), progress->user_data);
  return G_SOURCE_REMOVE;
}

/* Called by the import in the worker thread. */
/* On the caller's thread, before the result: a report the worker queued
 * but the main context has not run yet is delivered now, so that the last
 * report is always the last figures (a full bar after a whole file), and
 * none can follow the result, after which the caller's data may be gone. */
static void
progress_finish (Progress *progress)
{
  if (g_atomic_int_get (&progress->queued))
    progress->func ((guint) g_atomic_int_get ((gint *) &progress->done),
                    (guint) g_atomic_int_get ((gint *) &progress->total), progress->user_data);
  g_atomic_int_set (&progress->finished, 1);
}

static void
progress_report (guint    done,
                 guint    total,
                 gpointer data)
{
  Progress *progress = data;

  g_atomic_int_set ((gint *) &progress->done, (gint) done);
  g_atomic_int_set ((gint *) &progress->total, (gint) total);
  if (g_atomic_int_compare_and_exchange (&progress->queued, 0, 1))
    g_main_context_invoke_full (progress->context, G_PRIORITY_DEFAULT, progress_dispatch,
                                g_atomic_rc_box_acquire (progress), progress_unref);
}

/* ---- A job: work in a worker thread, then the caller's thread ---- */

typedef struct _Job Job;

/* The work, in the worker thread; what the study tells its listeners when
 * it succeeded, back on the caller's thread before the caller hears. */
typedef gboolean (*JobRunFunc)  (TrellisStudy *study, Job *job, GCancellable *cancellable, GError **error);
typedef void     (*JobDoneFunc) (TrellisStudy *study, Job *job);

/* What any of the flows needs, set before the work and read after it: the
 * worker thread is the only one to touch it in between. */
struct _Job
{
  JobRunFunc run;
  JobDoneFunc done;                        /* NULL when nothing changed */
  GFile *file;                             /* an import's file */
  char *path;                              /* an export's file */
  char *codebook_path;                     /* NULL for no codebook */
  gboolean identifiable;
  TrellisResponseForm form;
  guint32 today;
  Progress *progress;                      /* NULL without a progress callback */
  guint n;                                 /* participants imported or exported */
  TrellisResponseImportResult imported;
  TrellisResponseExportResult exported;
  GPtrArray *problems;                     /* an import's, when the file had any */
};

static void
job_free (gpointer data)
{
  Job *job = data;

  g_clear_object (&job->file);
  g_free (job->path);
  g_free (job->codebook_path);
  g_clear_pointer (&job->progress, progress_unref);
  g_clear_pointer (&job->problems, g_ptr_array_unref);
  g_free (job);
}

static Job *
job_new (JobRunFunc  run,
         JobDoneFunc done)
{
  Job *job = g_new0 (Job, 1);

  job->run = run;
  job->done = done;
  return job;
}

static void
job_in_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;
  if (job->run (source_object, job, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Back on the caller's thread, where the study may be used again: the last
 * progress, the listeners, then the caller. */
static void
on_job_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  Job *job = g_task_get_task_data (outer);
  GError *error = NULL;

  if (job->progress != NULL)
    progress_finish (job->progress);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (outer, error);
      return;
    }
  if (job->done != NULL)
    job->done (TRELLIS_STUDY (source), job);
  g_task_return_boolean (outer, TRUE);
}

/* The caller's task, tagged: it owns the job. A job that cannot start
 * (see job_run) reports through it. */
static GTask *
job_task (TrellisStudy        *self,
          Job                 *job,
          gpointer             source_tag,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  GTask *outer = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (outer, source_tag);
  g_task_set_check_cancellable (outer, FALSE);
  g_task_set_task_data (outer, job, job_free);
  return outer;
}

/* Runs the job of outer (which it takes) in a worker thread, or reports
 * error instead when it is set. */
static void
job_run (GTask  *outer,
         GError *error)
{
  g_autoptr(GTask) inner = NULL;

  if (error != NULL)
    {
      g_task_return_error (outer, error);
      g_object_unref (outer);
      return;
    }
  inner = g_task_new (g_task_get_source_object (outer), g_task_get_cancellable (outer), on_job_done, outer);
  g_task_set_check_cancellable (inner, FALSE);
  g_task_set_task_data (inner, g_task_get_task_data (outer), NULL);
  g_task_run_in_thread (inner, job_in_thread);
}

/* The finished job of result, or NULL with error; a failed import's
 * problems go to problems (if not NULL). */
static Job *
job_finish (TrellisStudy  *self,
            GAsyncResult  *result,
            gpointer       source_tag,
            GPtrArray    **problems,
            GError       **error)
{
  Job *job;

  g_return_val_if_fail (TRELLIS_IS_STUDY (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  job = g_task_get_task_data (G_TASK (result));
  if (problems != NULL)
    *problems = NULL;
  if (g_task_propagate_boolean (G_TASK (result), error))
    return job;
  if (problems != NULL && job->problems != NULL)
    *problems = g_ptr_array_ref (job->problems);
  return NULL;
}

/* ---- Files ---- */

/* The file's name as messages show it. */
static char *
display_name (GFile *file)
{
  g_autofree char *base = g_file_get_basename (file);

  return base != NULL ? g_filename_display_name (base) : g_file_get_parse_name (file);
}

static GBytes *
load_file (GFile         *file,
           const char    *name,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  char *contents = NULL;
  gsize length = 0;

  if (!g_file_load_contents (file, cancellable, &contents, &length, NULL, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_IO,
                     _("Could not read “%s”: %s"), name, local_error->message);
      return NULL;
    }
  return g_bytes_new_take (contents, length);
}

/* A local path for file, or NULL with an error saying why there is none:
 * study files live in local folders, and so do their exports. */
static char *
export_path (GFile   *file,
             GError **error)
{
  g_autofree char *name = NULL;
  char *path = g_file_get_path (file);

  if (path != NULL)
    return path;
  name = g_file_get_parse_name (file);
  g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_IO,
               _("Could not export to “%s”: exports are written to folders on this computer only"), name);
  return NULL;
}

/* ---- Participant import ---- */

static gboolean
import_participants (TrellisStudy  *study,
                     Job           *job,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autofree char *name = display_name (job->file);
  g_autoptr(GBytes) bytes = load_file (job->file, name, cancellable, error);

  return bytes != NULL &&
         trellis_participant_import (trellis_study_get_database (study), name, bytes,
                                     job->progress ? progress_report : NULL, job->progress,
                                     cancellable, &job->n, &job->problems, error);
}

/* A saved import reloads the register's models and tells every listener. */
static void
participants_imported (TrellisStudy *study,
                       Job          *job)
{
  trellis_study_emit_register_changed (study);
}

/* Imports the participants in file (a CSV file; see trellis_participant_import)
 * without blocking the caller's main loop. progress, if not NULL, is called
 * in the caller's main context with the rows written so far and the rows in
 * all, never after callback; progress_data must live until callback runs.
 * Every problem found in the file is given to _finish. */
void
trellis_study_import_participants_async (TrellisStudy               *self,
                                         GFile                      *file,
                                         TrellisImportProgressFunc   progress,
                                         gpointer                    progress_data,
                                         GCancellable               *cancellable,
                                         GAsyncReadyCallback         callback,
                                         gpointer                    user_data)
{
  Job *job;

  g_return_if_fail (TRELLIS_IS_STUDY (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  job = job_new (import_participants, participants_imported);
  job->file = g_object_ref (file);
  job->progress = progress ? progress_new (progress, progress_data) : NULL;
  job_run (job_task (self, job, trellis_study_import_participants_async, cancellable, callback, user_data), NULL);
}

/* TRUE with the number of participants written, or FALSE with an error: then
 * nothing was written, and if the file had problems, problems (if not NULL)
 * gets them (TrellisImportProblem, at most TRELLIS_IMPORT_MAX_PROBLEMS and one
 * saying how many more), and is NULL otherwise. */
gboolean
trellis_study_import_participants_finish (TrellisStudy  *self,
                                          GAsyncResult  *result,
                                          guint         *n_imported,
                                          GPtrArray    **problems,
                                          GError       **error)
{
  Job *job = job_finish (self, result, trellis_study_import_participants_async, problems, error);

  if (n_imported != NULL)
    *n_imported = job != NULL ? job->n : 0;
  return job != NULL;
}

/* ---- Participant export ---- */

static gboolean
export_participants (TrellisStudy  *study,
                     Job           *job,
                     GCancellable  *cancellable,
                     GError       **error)
{
  return trellis_participant_export (trellis_study_get_database (study), job->path, job->identifiable,
                                     cancellable, &job->n, error);
}

/* An identifiable export writes an audit row, which the study's audit count
 * shows. */
static void
participants_exported (TrellisStudy *study,
                       Job          *job)
{
  if (job->identifiable)
    trellis_study_notify_audit_count (study);
}

/* Writes the participants to file as CSV (see trellis_participant_export):
 * de-identified unless identifiable, which also writes an audit row. */
void
trellis_study_export_participants_async (TrellisStudy        *self,
                                         GFile               *file,
                                         gboolean             identifiable,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  GError *error = NULL;
  Job *job;

  g_return_if_fail (TRELLIS_IS_STUDY (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  job = job_new (export_participants, participants_exported);
  job->path = export_path (file, &error);
  job->identifiable = identifiable;
  job_run (job_task (self, job, trellis_study_export_participants_async, cancellable, callback, user_data), error);
}

/* TRUE with the number of participants written, or FALSE with an error. */
gboolean
trellis_study_export_participants_finish (TrellisStudy  *self,
                                          GAsyncResult  *result,
                                          guint         *n_exported,
                                          GError       **error)
{
  Job *job = job_finish (self, result, trellis_study_export_participants_async, NULL, error);

  if (n_exported != NULL)
    *n_exported = job != NULL ? job->n : 0;
  return job != NULL;
}

/* ---- Response import ---- */

static gboolean
import_responses (TrellisStudy  *study,
                  Job           *job,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autofree char *name = display_name (job->file);
  g_autoptr(GBytes) bytes = load_file (job->file, name, cancellable, error);

  return bytes != NULL &&
         trellis_response_import (trellis_study_get_database (study), name, bytes, job->form, job->today,
                                  job->progress ? progress_report : NULL, job->progress, cancellable,
                                  &job->imported, &job->problems, error);
}

/* Saved answers change the schedule. */
static void
responses_imported (TrellisStudy *study,
                    Job          *job)
{
  trellis_study_emit_schedule_changed (study, FALSE);
}

/* Imports the item responses in file (a CSV file in form, or the form its
 * header shows; see trellis_response_import ()) without blocking the
 * caller's main loop, refusing completion dates after trellis_study_today ().
 * progress is as for trellis_study_import_participants_async (). */
void
trellis_study_import_responses_async (TrellisStudy               *self,
                                      GFile                      *file,
                                      TrellisResponseForm         form,
                                      TrellisImportProgressFunc   progress,
                                      gpointer                    progress_data,
                                      GCancellable               *cancellable,
                                      GAsyncReadyCallback         callback,
                                      gpointer                    user_data)
{
  Job *job;

  g_return_if_fail (TRELLIS_IS_STUDY (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  job = job_new (import_responses, responses_imported);
  job->file = g_object_ref (file);
  job->form = form;
  job->today = trellis_study_today ();
  job->progress = progress ? progress_new (progress, progress_data) : NULL;
  job_run (job_task (self, job, trellis_study_import_responses_async, cancellable, callback, user_data), NULL);
}

/* TRUE with what was written in imported, or FALSE with an error: then
 * nothing was written, and if the file had problems, problems (if not NULL)
 * gets them as trellis_study_import_participants_finish () does. */
gboolean
trellis_study_import_responses_finish (TrellisStudy                 *self,
                                       GAsyncResult                 *result,
                                       TrellisResponseImportResult  *imported,
                                       GPtrArray                   **problems,
                                       GError                      **error)
{
  Job *job = job_finish (self, result, trellis_study_import_responses_async, problems, error);

  if (imported != NULL)
    *imported = job != NULL ? job->imported
                            : (TrellisResponseImportResult) { TRELLIS_RESPONSE_FORM_AUTO, 0, 0, 0 };
  return job != NULL;
}

/* ---- Response export ---- */

static gboolean
export_responses (TrellisStudy  *study,
                  Job           *job,
                  GCancellable  *cancellable,
                  GError       **error)
{
  TrellisResponseExportOptions options = { job->form, NULL, job->codebook_path };

  return trellis_response_export (trellis_study_get_database (study), job->path, &options, cancellable,
                                  &job->exported, error);
}

/* Writes the answers of every completed timepoint to file in form (long or
 * wide; see trellis_response_export ()), de-identified, and a codebook to
 * codebook unless it is NULL, without blocking the caller's main loop. An
 * export only reads, so it writes no audit row and changes nothing. */
void
trellis_study_export_responses_async (TrellisStudy        *self,
                                      GFile               *file,
                                      TrellisResponseForm  form,
                                      GFile               *codebook,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  GError *error = NULL;
  Job *job;

  g_return_if_fail (TRELLIS_IS_STUDY (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (codebook == NULL || G_IS_FILE (codebook));
  g_return_if_fail (form != TRELLIS_RESPONSE_FORM_AUTO);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  job = job_new (export_responses, NULL);
  job->form = form;
  job->path = export_path (file, &error);
  if (job->path != NULL && codebook != NULL)
    job->codebook_path = export_path (codebook, &error);
  job_run (job_task (self, job, trellis_study_export_responses_async, cancellable, callback, user_data), error);
}

/* TRUE with what was written in exported, or FALSE with an error. */
gboolean
trellis_study_export_responses_finish (TrellisStudy                 *self,
                                       GAsyncResult                 *result,
                                       TrellisResponseExportResult  *exported,
                                       GError                      **error)
{
  Job *job = job_finish (self, result, trellis_study_export_responses_async, NULL, error);

  if (exported != NULL)
    *exported = job != NULL ? job->exported : (TrellisResponseExportResult) { 0, 0, 0 };
  return job != NULL;
}
