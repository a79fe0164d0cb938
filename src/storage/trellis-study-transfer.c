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
 * not check the cancellable when they return. */

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

/* ---- Import ---- */

typedef struct
{
  GFile *file;
  Progress *progress;   /* NULL without a progress callback */
  guint n_imported;
  GPtrArray *problems;  /* set by the worker thread, read after it returns */
} ImportData;

static void
import_data_free (gpointer data)
{
  ImportData *import = data;

  g_clear_object (&import->file);
  g_clear_pointer (&import->progress, progress_unref);
  g_clear_pointer (&import->problems, g_ptr_array_unref);
  g_free (import);
}

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

static gboolean
run_import (TrellisStudy  *self,
            ImportData    *import,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autofree char *name = display_name (import->file);
  g_autoptr(GBytes) bytes = load_file (import->file, name, cancellable, error);

  if (bytes == NULL)
    return FALSE;
  return trellis_participant_import (trellis_study_get_database (self), name, bytes,
                                     import->progress ? progress_report : NULL, import->progress,
                                     cancellable, &import->n_imported, &import->problems, error);
}

static void
import_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  ImportData *import = task_data;
  GError *error = NULL;
  gboolean ok;

  if (g_task_return_error_if_cancelled (task))
    return;

  ok = run_import (source_object, import, cancellable, &error);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Back on the caller's thread, where the study may be used again: a saved
 * import reloads the register's models and tells every listener, then the
 * caller hears the result. */
static void
on_import_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  ImportData *import = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;

  if (import->progress != NULL)
    progress_finish (import->progress);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (import->problems != NULL)
        g_task_set_task_data (outer, g_steal_pointer (&import->problems),
                              (GDestroyNotify) g_ptr_array_unref);
      g_task_return_error (outer, error);
      return;
    }
  trellis_study_emit_register_changed (TRELLIS_STUDY (source));
  g_task_return_int (outer, import->n_imported);
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
  g_autoptr(GTask) inner = NULL;
  GTask *outer;
  ImportData *import;

  g_return_if_fail (TRELLIS_IS_STUDY (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, trellis_study_import_participants_async);
  g_task_set_check_cancellable (outer, FALSE);

  import = g_new0 (ImportData, 1);
  import->file = g_object_ref (file);
  import->progress = progress ? progress_new (progress, progress_data) : NULL;
  inner = g_task_new (self, cancellable, on_import_done, outer);
  g_task_set_check_cancellable (inner, FALSE);
  g_task_set_task_data (inner, import, import_data_free);
  g_task_run_in_thread (inner, import_in_thread);
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
  GTask *task = G_TASK (result);
  gssize n;

  g_return_val_if_fail (TRELLIS_IS_STUDY (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (task) == trellis_study_import_participants_async, FALSE);

  if (n_imported != NULL)
    *n_imported = 0;
  if (problems != NULL)
    *problems = NULL;
  n = g_task_propagate_int (task, error);
  if (n >= 0)
    {
      if (n_imported != NULL)
        *n_imported = (guint) n;
      return TRUE;
    }
  if (problems != NULL && g_task_get_task_data (task) != NULL)
    *problems = g_ptr_array_ref (g_task_get_task_data (task));
  return FALSE;
}

/* ---- Export ---- */

typedef struct
{
  char *path;
  gboolean identifiable;
  guint n_exported;
} ExportData;

static void
export_data_free (gpointer data)
{
  ExportData *export = data;

  g_free (export->path);
  g_free (export);
}

static void
export_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  ExportData *export = task_data;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  if (trellis_participant_export (trellis_study_get_database (source_object), export->path,
                                  export->identifiable, cancellable, &export->n_exported, &error))
    g_task_return_int (task, export->n_exported);
  else
    g_task_return_error (task, error);
}

/* An identifiable export writes an audit row, which the study's audit count
 * shows; the caller's thread hears of it once the export is done. */
static void
on_export_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  ExportData *export = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;
  gssize n = g_task_propagate_int (G_TASK (result), &error);

  if (n < 0)
    {
      g_task_return_error (outer, error);
      return;
    }
  if (export->identifiable)
    trellis_study_notify_audit_count (TRELLIS_STUDY (source));
  g_task_return_int (outer, n);
}

/* Writes the participants to file as CSV (see trellis_participant_export):
 * de-identified unless identifiable, which also writes an audit row. Study
 * files live in local folders, and so do their exports. */
void
trellis_study_export_participants_async (TrellisStudy        *self,
                                         GFile               *file,
                                         gboolean             identifiable,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_autoptr(GTask) inner = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  GTask *outer;
  ExportData *export;

  g_return_if_fail (TRELLIS_IS_STUDY (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, trellis_study_export_participants_async);
  g_task_set_check_cancellable (outer, FALSE);
  path = g_file_get_path (file);
  if (path == NULL)
    {
      name = g_file_get_parse_name (file);
      g_task_return_new_error (outer, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_IO,
                               _("Could not export to “%s”: exports are written to folders on this computer only"),
                               name);
      g_object_unref (outer);
      return;
    }

  export = g_new0 (ExportData, 1);
  export->path = g_steal_pointer (&path);
  export->identifiable = identifiable;
  inner = g_task_new (self, cancellable, on_export_done, outer);
  g_task_set_check_cancellable (inner, FALSE);
  g_task_set_task_data (inner, export, export_data_free);
  g_task_run_in_thread (inner, export_in_thread);
}

/* TRUE with the number of participants written, or FALSE with an error. */
gboolean
trellis_study_export_participants_finish (TrellisStudy  *self,
                                          GAsyncResult  *result,
                                          guint         *n_exported,
                                          GError       **error)
{
  gssize n;

  g_return_val_if_fail (TRELLIS_IS_STUDY (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == trellis_study_export_participants_async,
                        FALSE);

  n = g_task_propagate_int (G_TASK (result), error);
  if (n_exported != NULL)
    *n_exported = n >= 0 ? (guint) n : 0;
  return n >= 0;
}

/* ---- Response import ---- */

typedef struct
{
  GFile *file;
  TrellisResponseForm form;
  guint32 today;
  Progress *progress;   /* NULL without a progress callback */
  TrellisResponseImportResult result;
  GPtrArray *problems;  /* set by the worker thread, read after it returns */
} ResponseImportData;

static void
response_import_data_free (gpointer data)
{
  ResponseImportData *import = data;

  g_clear_object (&import->file);
  g_clear_pointer (&import->progress, progress_unref);
  g_clear_pointer (&import->problems, g_ptr_array_unref);
  g_free (import);
}

static void
import_responses_in_thread (GTask        *task,
                            gpointer      source_object,
                            gpointer      task_data,
                            GCancellable *cancellable)
{
  ResponseImportData *import = task_data;
  g_autofree char *name = display_name (import->file);
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;
  gboolean ok = FALSE;

  if (g_task_return_error_if_cancelled (task))
    return;

  bytes = load_file (import->file, name, cancellable, &error);
  if (bytes != NULL)
    ok = trellis_response_import (trellis_study_get_database (source_object), name, bytes, import->form,
                                  import->today, import->progress ? progress_report : NULL, import->progress,
                                  cancellable, &import->result, &import->problems, &error);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Back on the caller's thread: saved answers change the schedule, so its
 * listeners hear of it before the caller hears the result. */
static void
on_import_responses_done (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  ResponseImportData *import = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;

  if (import->progress != NULL)
    progress_finish (import->progress);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (import->problems != NULL)
        g_task_set_task_data (outer, g_steal_pointer (&import->problems), (GDestroyNotify) g_ptr_array_unref);
      g_task_return_error (outer, error);
      return;
    }
  trellis_study_emit_schedule_changed (TRELLIS_STUDY (source), FALSE);
  g_task_return_pointer (outer, g_memdup2 (&import->result, sizeof import->result), g_free);
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
  g_autoptr(GTask) inner = NULL;
  GTask *outer;
  ResponseImportData *import;

  g_return_if_fail (TRELLIS_IS_STUDY (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, trellis_study_import_responses_async);
  g_task_set_check_cancellable (outer, FALSE);

  import = g_new0 (ResponseImportData, 1);
  import->file = g_object_ref (file);
  import->form = form;
  import->today = trellis_study_today ();
  import->progress = progress ? progress_new (progress, progress_data) : NULL;
  inner = g_task_new (self, cancellable, on_import_responses_done, outer);
  g_task_set_check_cancellable (inner, FALSE);
  g_task_set_task_data (inner, import, response_import_data_free);
  g_task_run_in_thread (inner, import_responses_in_thread);
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
  GTask *task = G_TASK (result);
  g_autofree TrellisResponseImportResult *value = NULL;

  g_return_val_if_fail (TRELLIS_IS_STUDY (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (task) == trellis_study_import_responses_async, FALSE);

  if (imported != NULL)
    *imported = (TrellisResponseImportResult) { TRELLIS_RESPONSE_FORM_AUTO, 0, 0, 0 };
  if (problems != NULL)
    *problems = NULL;
  value = g_task_propagate_pointer (task, error);
  if (value != NULL)
    {
      if (imported != NULL)
        *imported = *value;
      return TRUE;
    }
  if (problems != NULL && g_task_get_task_data (task) != NULL)
    *problems = g_ptr_array_ref (g_task_get_task_data (task));
  return FALSE;
}

/* ---- Response export ---- */

typedef struct
{
  char *path;
  char *codebook_path;   /* NULL for no codebook */
  TrellisResponseForm form;
} ResponseExportData;

static void
response_export_data_free (gpointer data)
{
  ResponseExportData *export = data;

  g_free (export->path);
  g_free (export->codebook_path);
  g_free (export);
}

static void
export_responses_in_thread (GTask        *task,
                            gpointer      source_object,
                            gpointer      task_data,
                            GCancellable *cancellable)
{
  ResponseExportData *export = task_data;
  TrellisResponseExportOptions options = { export->form, NULL, export->codebook_path };
  TrellisResponseExportResult result = { 0, 0, 0 };
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  if (trellis_response_export (trellis_study_get_database (source_object), export->path, &options,
                               cancellable, &result, &error))
    g_task_return_pointer (task, g_memdup2 (&result, sizeof result), g_free);
  else
    g_task_return_error (task, error);
}

/* A local path for file, or NULL with an error saying why there is none. */
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

/* Writes the answers of every completed timepoint to file in form (long or
 * wide; see trellis_response_export ()), de-identified, and a codebook to
 * codebook unless it is NULL, without blocking the caller's main loop. An
 * export only reads, so it writes no audit row. */
void
trellis_study_export_responses_async (TrellisStudy        *self,
                                      GFile               *file,
                                      TrellisResponseForm  form,
                                      GFile               *codebook,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  ResponseExportData *export;

  g_return_if_fail (TRELLIS_IS_STUDY (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (codebook == NULL || G_IS_FILE (codebook));
  g_return_if_fail (form != TRELLIS_RESPONSE_FORM_AUTO);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, trellis_study_export_responses_async);
  g_task_set_check_cancellable (task, FALSE);
  export = g_new0 (ResponseExportData, 1);
  export->form = form;
  g_task_set_task_data (task, export, response_export_data_free);
  export->path = export_path (file, &error);
  if (export->path != NULL && codebook != NULL)
    export->codebook_path = export_path (codebook, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_run_in_thread (task, export_responses_in_thread);
}

/* TRUE with what was written in exported, or FALSE with an error. */
gboolean
trellis_study_export_responses_finish (TrellisStudy                 *self,
                                       GAsyncResult                 *result,
                                       TrellisResponseExportResult  *exported,
                                       GError                      **error)
{
  g_autofree TrellisResponseExportResult *value = NULL;

  g_return_val_if_fail (TRELLIS_IS_STUDY (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == trellis_study_export_responses_async, FALSE);

  value = g_task_propagate_pointer (G_TASK (result), error);
  if (exported != NULL)
    *exported = value != NULL ? *value : (TrellisResponseExportResult) { 0, 0, 0 };
  return value != NULL;
}
