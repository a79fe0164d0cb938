/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "trellis-analysis-report-export.h"
#include "trellis-analysis-report.h"
#include "trellis-participant-flow-read.h"
#include "trellis-score-reader.h"
#include "trellis-storage-error.h"
#include "trellis-study-reading.h"

/* What the main thread knows of each instrument; the worker reads the rest. */
typedef struct
{
  char   *code;
  char   *label;
  double  scale_min;
  double  scale_max;
} Wanted;

/* The report's making: what is asked for, then what was read. */
typedef struct
{
  char                   *path;
  char                   *title;
  guint32                 today;
  gboolean                by_cohort;
  GArray                 *wanted;    /* Wanted */
  GPtrArray              *scores;    /* TrellisScoreTable, one per wanted instrument */
  TrellisParticipantFlow *flow;
} Job;

static void
wanted_clear (Wanted *wanted)
{
  g_free (wanted->code);
  g_free (wanted->label);
}

static void
job_free (Job *job)
{
  g_free (job->path);
  g_free (job->title);
  g_array_unref (job->wanted);
  g_clear_pointer (&job->scores, g_ptr_array_unref);
  g_clear_pointer (&job->flow, trellis_participant_flow_free);
  g_free (job);
}

/* What one read of the study gives: the scores and the flow. */
typedef struct
{
  GPtrArray              *scores;
  TrellisParticipantFlow *flow;
} Read;

static void
read_free (Read *read)
{
  g_ptr_array_unref (read->scores);
  g_clear_pointer (&read->flow, trellis_participant_flow_free);
  g_free (read);
}

/* On the reading connection, in a worker. */
static gpointer
read_study (TrellisDatabase  *reader,
            gpointer          data,
            GError          **error)
{
  Job *job = data;
  Read *read = g_new0 (Read, 1);

  read->scores = g_ptr_array_new_with_free_func ((GDestroyNotify) trellis_score_table_free);
  for (guint i = 0; i < job->wanted->len; i++)
    {
      TrellisScoreTable *table = trellis_score_table_read (reader, g_array_index (job->wanted, Wanted, i).code,
                                                           error);

      if (table == NULL)
        {
          read_free (read);
          return NULL;
        }
      g_ptr_array_add (read->scores, table);
    }
  read->flow = trellis_participant_flow_read (reader, job->today, NULL, error);
  if (read->flow == NULL)
    {
      read_free (read);
      return NULL;
    }
  return read;
}

/* Analyses every instrument and writes the PDF, in a worker. */
static void
write_in_thread (GTask        *task,
                 gpointer      source,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  Job *job = task_data;
  guint n = job->wanted->len, n_pages = 0;
  g_autofree TrellisAnalysisReportInstrument *instruments = g_new0 (TrellisAnalysisReportInstrument, MAX (n, 1));
  g_autoptr(GPtrArray) analyses = g_ptr_array_new_with_free_func ((GDestroyNotify) trellis_analysis_free);
  g_autoptr(GPtrArray) descriptives = g_ptr_array_new_with_free_func ((GDestroyNotify) trellis_descriptives_free);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  TrellisAnalysisReportInput input = { job->title, NULL, job->flow, job->by_cohort, n, instruments };
  GError *error = NULL;

  for (guint i = 0; i < n; i++)
    {
      const Wanted *wanted = &g_array_index (job->wanted, Wanted, i);
      const TrellisScoreTable *scores = g_ptr_array_index (job->scores, i);
      GError *problem = NULL;
      TrellisAnalysis *analysis = trellis_analysis_run (scores, wanted->label, &problem);
      TrellisDescriptives *computed = analysis == NULL ? trellis_descriptives_compute (scores) : NULL;

      if (g_task_return_error_if_cancelled (task))
        return;
      if (analysis != NULL)
        g_ptr_array_add (analyses, analysis);
      if (computed != NULL)
        g_ptr_array_add (descriptives, computed);
      if (problem != NULL)
        g_ptr_array_add (problems, problem);
      instruments[i] = (TrellisAnalysisReportInstrument) {
        wanted->code, wanted->label, scores,
        analysis != NULL ? trellis_analysis_get_descriptives (analysis) : computed,
        analysis, problem != NULL ? problem->message : NULL, wanted->scale_min, wanted->scale_max,
      };
    }
  if (!trellis_analysis_report_write_pdf (&input, job->path, &n_pages, &error))
    g_task_return_error (task, error);
  else
    g_task_return_int (task, n_pages);
}

static void
on_study_read (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Job *job = g_task_get_task_data (task);
  GError *error = NULL;
  Read *read = trellis_study_read_finish (TRELLIS_STUDY (source), result, trellis_analysis_report_export_async,
                                          &error);

  if (read == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  job->scores = g_steal_pointer (&read->scores);
  job->flow = g_steal_pointer (&read->flow);
  g_free (read);
  g_task_run_in_thread (task, write_in_thread);
}

static GArray *
list_instruments (TrellisStudy *study)
{
  GListModel *instruments = trellis_study_get_instruments (study);
  GArray *list = g_array_new (FALSE, TRUE, sizeof (Wanted));

  g_array_set_clear_func (list, (GDestroyNotify) wanted_clear);
  for (guint i = 0; i < g_list_model_get_n_items (instruments); i++)
    {
      g_autoptr(TrellisInstrument) instrument = g_list_model_get_item (instruments, i);
      const char *label = trellis_instrument_get_label (instrument);
      Wanted wanted = { g_strdup (trellis_instrument_get_code (instrument)), NULL, NAN, NAN };

      wanted.label = g_strdup (label != NULL && *label != '\0' ? label : wanted.code);
      if (!trellis_instrument_get_score_range (instrument, &wanted.scale_min, &wanted.scale_max))
        wanted.scale_min = wanted.scale_max = NAN;
      g_array_append_val (list, wanted);
    }
  return list;
}

void
trellis_analysis_report_export_async (TrellisStudy        *study,
                                      GFile               *file,
                                      gboolean             by_cohort,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  GTask *task;
  Job *job;

  g_return_if_fail (TRELLIS_IS_STUDY (study));
  g_return_if_fail (G_IS_FILE (file) && g_file_peek_path (file) != NULL);

  job = g_new0 (Job, 1);
  job->path = g_file_get_path (file);
  job->title = g_strdup (trellis_study_get_title (study));
  job->today = trellis_study_today ();
  job->by_cohort = by_cohort;
  job->wanted = list_instruments (study);
  task = g_task_new (study, cancellable, callback, user_data);
  g_task_set_source_tag (task, trellis_analysis_report_export_async);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  /* The job outlives the read: the task owns it, the read borrows it. */
  trellis_study_read_async (study, read_study, job, NULL, (GDestroyNotify) read_free,
                            TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_NOT_FOUND,
                            trellis_analysis_report_export_async, cancellable, on_study_read, task);
}

guint
trellis_analysis_report_export_finish (TrellisStudy  *study,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  gssize n_pages;

  g_return_val_if_fail (g_task_is_valid (result, study), 0);

  n_pages = g_task_propagate_int (G_TASK (result), error);
  return n_pages > 0 ? (guint) n_pages : 0;
}
