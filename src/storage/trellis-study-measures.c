/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-domain-error.h"
#include "trellis-event-store.h"
#include "trellis-instrument-store.h"
#include "trellis-study-private.h"
#include "trellis-study-measures.h"
#include "trellis-visit-store.h"

static gboolean
schedule_changed (TrellisStudy *self,
                  gboolean      changed,
                  gboolean      instruments_changed)
{
  if (changed)
    trellis_study_emit_schedule_changed (self, instruments_changed);
  return changed;
}

gboolean
trellis_study_reload_instruments (TrellisStudy  *self,
                                  GError       **error)
{
  GListStore *store = trellis_study_get_instrument_store (self);
  g_autoptr(GPtrArray) instruments = trellis_instrument_store_load (trellis_study_get_database (self), error);

  if (instruments == NULL)
    return FALSE;
  g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)),
                       instruments->pdata, instruments->len);
  return TRUE;
}

/* Today as a Julian day, the day the schedule is placed on. TRELLIS_TODAY
 * (YYYY-MM-DD) pins it, so that tests, screenshots and the demo study read
 * the same on any day. */
guint32
trellis_study_today (void)
{
  const char *pinned = g_getenv ("TRELLIS_TODAY");
  g_autoptr(GDateTime) now = NULL;
  GDate date;

  if (pinned != NULL)
    {
      g_date_clear (&date, 1);
      g_date_set_parse (&date, pinned);
      if (g_date_valid (&date))
        return g_date_get_julian (&date);
    }
  now = g_date_time_new_now_local ();
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  return g_date_get_julian (&date);
}

gboolean
trellis_study_record_event (TrellisStudy  *self,
                            gint64         participant_id,
                            TrellisAnchor  kind,
                            const char    *event_date,
                            GError       **error)
{
  g_return_val_if_fail (TRELLIS_IS_STUDY (self), FALSE);
  return schedule_changed (self, trellis_event_store_record (trellis_study_get_database (self), participant_id,
                                                             kind, event_date, error), FALSE);
}

gboolean
trellis_study_get_schedule_facts (TrellisStudy          *self,
                                  gint64                 participant_id,
                                  TrellisScheduleFacts  *facts,
                                  GError               **error)
{
  g_return_val_if_fail (TRELLIS_IS_STUDY (self), FALSE);
  return trellis_event_store_get_facts (trellis_study_get_database (self), participant_id, facts, NULL, error);
}

GListModel *
trellis_study_get_instruments (TrellisStudy *self)
{
  g_return_val_if_fail (TRELLIS_IS_STUDY (self), NULL);
  return G_LIST_MODEL (trellis_study_get_instrument_store (self));
}

/* The instrument with that code (any case), or NULL. Not a new reference. */
TrellisInstrument *
trellis_study_find_instrument (TrellisStudy *self,
                               const char   *code)
{
  GListModel *instruments;

  g_return_val_if_fail (TRELLIS_IS_STUDY (self), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  instruments = trellis_study_get_instruments (self);
  for (guint i = 0; i < g_list_model_get_n_items (instruments); i++)
    {
      g_autoptr(TrellisInstrument) instrument = g_list_model_get_item (instruments, i);

      if (g_ascii_strcasecmp (trellis_instrument_get_code (instrument), code) == 0)
        return instrument;
    }
  return NULL;
}

gboolean
trellis_study_add_instrument (TrellisStudy       *self,
                              TrellisInstrument  *instrument,
                              GError            **error)
{
  g_return_val_if_fail (TRELLIS_IS_STUDY (self), FALSE);
  return schedule_changed (self, trellis_instrument_store_create (trellis_study_get_database (self),
                                                                  instrument, error), TRUE);
}

gboolean
trellis_study_update_instrument (TrellisStudy       *self,
                                 TrellisInstrument  *instrument,
                                 guint              *n_rescored,
                                 GError            **error)
{
  g_return_val_if_fail (TRELLIS_IS_STUDY (self), FALSE);
  return schedule_changed (self, trellis_instrument_store_update (trellis_study_get_database (self),
                                                                  instrument, n_rescored, error), TRUE);
}

gboolean
trellis_study_delete_instrument (TrellisStudy  *self,
                                 gint64         instrument_id,
                                 GError       **error)
{
  g_return_val_if_fail (TRELLIS_IS_STUDY (self), FALSE);
  return schedule_changed (self, trellis_instrument_store_delete (trellis_study_get_database (self),
                                                                  instrument_id, error), TRUE);
}

/* The answer sheets of the instrument, or -1 with error. */
gint64
trellis_study_count_answer_sheets (TrellisStudy  *self,
                                   gint64         instrument_id,
                                   GError       **error)
{
  gint64 n_sheets = 0;

  g_return_val_if_fail (TRELLIS_IS_STUDY (self), -1);
  if (!trellis_instrument_store_count_sheets (trellis_study_get_database (self), instrument_id, &n_sheets, error))
    return -1;
  return n_sheets;
}

/* Recomputes the scores of one instrument, or of all when code is NULL. */
gboolean
trellis_study_rescore (TrellisStudy  *self,
                       const char    *instrument_code,
                       guint         *n_rescored,
                       GError       **error)
{
  GListModel *instruments;
  guint total = 0;

  g_return_val_if_fail (TRELLIS_IS_STUDY (self), FALSE);

  if (instrument_code != NULL && trellis_study_find_instrument (self, instrument_code) == NULL)
    {
      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                   _("There is no instrument with the code “%s”"), instrument_code);
      return FALSE;
    }
  instruments = trellis_study_get_instruments (self);
  for (guint i = 0; i < g_list_model_get_n_items (instruments); i++)
    {
      g_autoptr(TrellisInstrument) instrument = g_list_model_get_item (instruments, i);
      g_autofree char *reason = NULL;
      guint n = 0;

      if (instrument_code != NULL && g_ascii_strcasecmp (trellis_instrument_get_code (instrument), instrument_code) != 0)
        continue;
      reason = g_strdup_printf (_("Scores of %s recomputed"), trellis_instrument_get_code (instrument));
      if (!trellis_instrument_store_rescore (trellis_study_get_database (self), instrument, reason, &n, error))
        {
          /* Each instrument is rescored in its own transaction: the ones
           * before this one are saved. */
          schedule_changed (self, total > 0, FALSE);
          return FALSE;
        }
      total += n;
    }
  if (n_rescored != NULL)
    *n_rescored = total;
  schedule_changed (self, TRUE, FALSE);
  return TRUE;
}

static GPtrArray *
instrument_array (TrellisStudy *self)
{
  GListModel *instruments = trellis_study_get_instruments (self);
  GPtrArray *array = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (instruments); i++)
    g_ptr_array_add (array, g_list_model_get_item (instruments, i));
  return array;
}

TrellisVisitAnswers *
trellis_study_load_visit (TrellisStudy  *self,
                          gint64         participant_id,
                          gint64         timepoint_id,
                          GError       **error)
{
  g_autoptr(GPtrArray) instruments = NULL;

  g_return_val_if_fail (TRELLIS_IS_STUDY (self), NULL);

  instruments = instrument_array (self);
  return trellis_visit_store_load (trellis_study_get_database (self), instruments, participant_id,
                                   timepoint_id, error);
}

gboolean
trellis_study_save_visit (TrellisStudy               *self,
                          const TrellisVisitAnswers  *answers,
                          GError                    **error)
{
  g_autoptr(GPtrArray) instruments = NULL;

  g_return_val_if_fail (TRELLIS_IS_STUDY (self), FALSE);

  instruments = instrument_array (self);
  return schedule_changed (self, trellis_visit_store_save (trellis_study_get_database (self), instruments,
                                                           answers, trellis_study_today (), error), FALSE);
}

gboolean
trellis_study_set_visit_missed (TrellisStudy  *self,
                                gint64         participant_id,
                                gint64         timepoint_id,
                                gboolean       missed,
                                GError       **error)
{
  g_return_val_if_fail (TRELLIS_IS_STUDY (self), FALSE);
  return schedule_changed (self, trellis_visit_store_set_missed (trellis_study_get_database (self), participant_id,
                                                                 timepoint_id, missed, error), FALSE);
}

TrellisVisitTable *
trellis_study_read_visit_table (TrellisStudy  *self,
                                guint32        today,
                                GError       **error)
{
  g_return_val_if_fail (TRELLIS_IS_STUDY (self), NULL);
  return trellis_visit_table_read (trellis_study_get_database (self), today, error);
}

/* What a read of the schedule was asked for. */
typedef struct
{
  guint32 today;
  guint changes;          /* the study's, when the read started */
} VisitTableRead;

/* In a worker thread, through the study's second connection: the main
 * thread may go on using the study meanwhile. */
static void
read_visit_table_in_thread (GTask        *task,
                            gpointer      source_object,
                            gpointer      task_data,
                            GCancellable *cancellable)
{
  TrellisStudy *self = source_object;
  const VisitTableRead *read = task_data;
  GError *error = NULL;
  TrellisDatabase *reader;
  TrellisVisitTable *table;

  if (g_task_return_error_if_cancelled (task))
    return;
  reader = trellis_study_lock_reader (self, &error);
  if (reader == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* A read that held the reader before this one may have just kept the
   * table this one wants. */
  table = trellis_study_dup_kept_visit_table (self, read->today);
  if (table == NULL)
    {
      table = trellis_visit_table_read (reader, read->today, &error);
      if (table != NULL)
        trellis_study_keep_visit_table (self, table, read->changes);
    }
  trellis_study_unlock_reader (self, table == NULL);
  if (table == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, table, (GDestroyNotify) trellis_visit_table_unref);
}

/* As trellis_study_read_visit_table (), without blocking the caller's main
 * loop: reading 100,000 participants' schedules takes a while. The study
 * keeps the last table read until the next change, and hands it to the
 * next caller without reading again, so the pages that show the schedule
 * share one read. */
void
trellis_study_read_visit_table_async (TrellisStudy        *self,
                                      guint32              today,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  TrellisVisitTable *kept;
  VisitTableRead *read;

  g_return_if_fail (TRELLIS_IS_STUDY (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, trellis_study_read_visit_table_async);
  kept = trellis_study_dup_kept_visit_table (self, today);
  if (kept != NULL)
    {
      /* GTask calls back from the main loop, never from here. */
      g_task_return_pointer (task, kept, (GDestroyNotify) trellis_visit_table_unref);
      return;
    }
  read = g_new (VisitTableRead, 1);
  *read = (VisitTableRead) { today, trellis_study_get_changes (self) };
  g_task_set_task_data (task, read, g_free);
  g_task_run_in_thread (task, read_visit_table_in_thread);
}

/* The table (transfer full), or NULL with an error; G_IO_ERROR_CANCELLED
 * once the read was cancelled, even if it had finished. */
TrellisVisitTable *
trellis_study_read_visit_table_finish (TrellisStudy  *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (TRELLIS_IS_STUDY (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == trellis_study_read_visit_table_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_visit_table_warmed (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(TrellisVisitTable) table =
    trellis_study_read_visit_table_finish (TRELLIS_STUDY (source), result, NULL);

  /* Kept by the study; a read that failed is tried again by the page that
   * needs it, which reports the error. */
}

/* Reads the schedule on TODAY in the background for the study to keep,
 * unless it keeps it already: a window calls this once its first page is
 * drawn, so that the pages showing the schedule open at once. A page that
 * asks while this read runs waits for it and is handed its table. */
void
trellis_study_warm_visit_table (TrellisStudy *self,
                                guint32       today)
{
  g_return_if_fail (TRELLIS_IS_STUDY (self));

  trellis_study_read_visit_table_async (self, today, NULL, on_visit_table_warmed, NULL);
}
