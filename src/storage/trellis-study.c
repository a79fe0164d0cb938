/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "trellis-audit.h"
#include "trellis-participant-list.h"
#include "trellis-cohort.h"
#include "trellis-consent-version.h"
#include "trellis-database-private.h"
#include "trellis-study.h"
#include "trellis-study-private.h"
#include "trellis-study-reading.h"
#include "trellis-study-store.h"
#include "trellis-study-measures.h"
#include "trellis-timepoint-store.h"

struct _TrellisStudy
{
  GObject parent_instance;

  TrellisDatabase *database;
  GListStore *timepoints;
  TrellisParticipantList *participants;   /* made on first use */
  gboolean participants_read;              /* its last read worked, if only in part */
  GListStore *cohorts;
  GListStore *consent_versions;
  GListStore *instruments;
  char *title;
  char *created;

  /* A second connection for reads in worker threads, made on first use;
   * one worker at a time, under the lock. */
  GMutex reader_lock;
  TrellisDatabase *reader;

  /* The schedule as last read, shared by the pages that show it (the
   * Overview's retention, the Schedule's grid); dropped at every change.
   * `changes` counts the changes, so that a read a change overtook is not
   * kept. Both under their own lock, which is only ever held for a moment:
   * reads keep tables from worker threads. */
  GMutex visit_table_lock;
  TrellisVisitTable *visit_table;
  guint changes;
};

G_DEFINE_FINAL_TYPE (TrellisStudy, trellis_study, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_PATH,
  PROP_READ_ONLY,
  PROP_AUDIT_COUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  REGISTER_CHANGED,
  SCHEDULE_CHANGED,
  INTERVIEWS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
trellis_study_dispose (GObject *object)
{
  TrellisStudy *self = TRELLIS_STUDY (object);

  g_clear_object (&self->timepoints);
  g_clear_object (&self->participants);
  g_clear_object (&self->cohorts);
  g_clear_object (&self->consent_versions);
  g_clear_object (&self->instruments);
  g_mutex_lock (&self->visit_table_lock);
  g_clear_pointer (&self->visit_table, trellis_visit_table_unref);
  g_mutex_unlock (&self->visit_table_lock);
  /* Before the study's own connection: the reader holds no claim on the file. */
  g_mutex_lock (&self->reader_lock);
  g_clear_object (&self->reader);
  g_mutex_unlock (&self->reader_lock);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (trellis_study_parent_class)->dispose (object);
}

static void
trellis_study_finalize (GObject *object)
{
  TrellisStudy *self = TRELLIS_STUDY (object);

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->created, g_free);
  g_mutex_clear (&self->reader_lock);
  g_mutex_clear (&self->visit_table_lock);

  G_OBJECT_CLASS (trellis_study_parent_class)->finalize (object);
}

static void
trellis_study_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TrellisStudy *self = TRELLIS_STUDY (object);

  switch (prop_id)
    {
    case PROP_TITLE: g_value_set_string (value, self->title); break;
    case PROP_PATH: g_value_set_string (value, trellis_study_get_path (self)); break;
    case PROP_READ_ONLY: g_value_set_boolean (value, trellis_study_is_read_only (self)); break;
    case PROP_AUDIT_COUNT: g_value_set_int64 (value, trellis_study_get_audit_count (self)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The class handler of schedule-changed: it runs before any listener, so
 * that a page reloading on the signal reads the schedule afresh. */
static void
drop_visit_table (TrellisStudy *self)
{
  g_mutex_lock (&self->visit_table_lock);
  self->changes++;
  g_clear_pointer (&self->visit_table, trellis_visit_table_unref);
  g_mutex_unlock (&self->visit_table_lock);
}

/* The schedule kept from the last read (transfer full), if no change has
 * come since and it was placed on TODAY; NULL otherwise. Any thread. */
TrellisVisitTable *
trellis_study_dup_kept_visit_table (TrellisStudy *self,
                                    guint32       today)
{
  TrellisVisitTable *table = NULL;

  g_mutex_lock (&self->visit_table_lock);
  if (self->visit_table != NULL && trellis_visit_table_get_today (self->visit_table) == today)
    table = trellis_visit_table_ref (self->visit_table);
  g_mutex_unlock (&self->visit_table_lock);
  return table;
}

/* How many changes the study has seen, for a read to note as it starts. */
guint
trellis_study_get_changes (TrellisStudy *self)
{
  guint changes;

  g_mutex_lock (&self->visit_table_lock);
  changes = self->changes;
  g_mutex_unlock (&self->visit_table_lock);
  return changes;
}

/* Keeps TABLE for the next reader, unless a change has come since its read
 * started (when the study had seen CHANGES changes). Any thread. */
void
trellis_study_keep_visit_table (TrellisStudy      *self,
                                TrellisVisitTable *table,
                                guint              changes)
{
  g_mutex_lock (&self->visit_table_lock);
  if (changes == self->changes)
    {
      trellis_visit_table_ref (table);
      g_clear_pointer (&self->visit_table, trellis_visit_table_unref);
      self->visit_table = table;
    }
  g_mutex_unlock (&self->visit_table_lock);
}

static void
trellis_study_class_init (TrellisStudyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = trellis_study_dispose;
  object_class->finalize = trellis_study_finalize;
  object_class->get_property = trellis_study_get_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_AUDIT_COUNT] =
    g_param_spec_int64 ("audit-count", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Emitted after any change to the register (cohorts, participants, consent,
   * withdrawal, an import), so that lists kept elsewhere can reload. */
  signals[REGISTER_CHANGED] =
    g_signal_new ("register-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /* Emitted after any change to data collection (an event date, a saved or
   * missed visit, an instrument, an import of answers), and after every
   * register change, since the schedule follows the register. */
  signals[SCHEDULE_CHANGED] =
    g_signal_new_class_handler ("schedule-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_FIRST,
                                G_CALLBACK (drop_visit_table), NULL, NULL, NULL, G_TYPE_NONE, 0);

  /* Emitted after a draw or a replacement is saved. A signal of its own, not
   * schedule-changed: a draw changes nobody's visits, and schedule-changed
   * would throw away the schedule the study keeps and have every page that
   * shows it read it again. Eligibility also follows the register and the
   * schedule, so the Interviews page listens to schedule-changed as well. */
  signals[INTERVIEWS_CHANGED] =
    g_signal_new ("interviews-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
trellis_study_init (TrellisStudy *self)
{
  self->timepoints = g_list_store_new (TRELLIS_TYPE_TIMEPOINT);
  self->cohorts = g_list_store_new (TRELLIS_TYPE_COHORT);
  self->consent_versions = g_list_store_new (TRELLIS_TYPE_CONSENT_VERSION);
  self->instruments = g_list_store_new (TRELLIS_TYPE_INSTRUMENT);
  g_mutex_init (&self->reader_lock);
  g_mutex_init (&self->visit_table_lock);
}

/* Replaces the whole plan model in one items-changed: the plan is a handful of rows. */
static gboolean
reload_timepoints (TrellisStudy  *self,
                   GError       **error)
{
  g_autoptr(GPtrArray) plan = trellis_timepoint_store_load (self->database, error);

  if (plan == NULL)
    return FALSE;

  g_list_store_splice (self->timepoints, 0, g_list_model_get_n_items (G_LIST_MODEL (self->timepoints)),
                       plan->pdata, plan->len);
  return TRUE;
}

static TrellisStudy *
study_for (TrellisDatabase  *database,
           GError          **error)
{
  g_autoptr(TrellisStudy) self = g_object_new (TRELLIS_TYPE_STUDY, NULL);

  self->database = database;
  self->title = trellis_study_store_get_title (database, error);
  if (self->title == NULL)
    return NULL;
  self->created = trellis_study_store_get_created (database, error);
  if (self->created == NULL || !reload_timepoints (self, error) ||
      !trellis_study_reload_register (self, error) ||
      !trellis_study_reload_instruments (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

TrellisStudy *
trellis_study_create (const char  *path,
                      const char  *title,
                      GError     **error)
{
  TrellisDatabase *database;

  g_return_val_if_fail (path != NULL, NULL);

  database = trellis_database_create (path, title, error);
  return database ? study_for (database, error) : NULL;
}

TrellisStudy *
trellis_study_open (const char        *path,
                    TrellisOpenFlags   flags,
                    GError           **error)
{
  TrellisDatabase *database;

  g_return_val_if_fail (path != NULL, NULL);

  database = trellis_database_open (path, flags, error);
  return database ? study_for (database, error) : NULL;
}

TrellisDatabase *
trellis_study_get_database (TrellisStudy *self)
{
  g_return_val_if_fail (TRELLIS_IS_STUDY (self), NULL);
  return self->database;
}

/* The study's connection for reading in a worker thread, opened on first
 * use, or NULL with an error (and unlocked). A worker holds it, and so the
 * lock, until trellis_study_unlock_reader (): reads in several threads take
 * turns, and none of them waits for the main thread's connection. */
TrellisDatabase *
trellis_study_lock_reader (TrellisStudy  *self,
                           GError       **error)
{
  g_return_val_if_fail (TRELLIS_IS_STUDY (self), NULL);

  g_mutex_lock (&self->reader_lock);
  if (self->reader == NULL)
    self->reader = trellis_database_open_reader (self->database, error);
  if (self->reader == NULL)
    g_mutex_unlock (&self->reader_lock);
  return self->reader;
}

/* Lets another worker read. A read that failed drops the connection, so
 * that the next one starts afresh. */
void
trellis_study_unlock_reader (TrellisStudy *self,
                             gboolean      failed)
{
  g_return_if_fail (TRELLIS_IS_STUDY (self));

  if (failed)
    g_clear_object (&self->reader);
  g_mutex_unlock (&self->reader_lock);
}

const char *
trellis_study_get_path (TrellisStudy *self)
{
  g_return_val_if_fail (TRELLIS_IS_STUDY (self), NULL);
  return trellis_database_get_path (self->database);
}

const char *
trellis_study_get_title (TrellisStudy *self)
{
  g_return_val_if_fail (TRELLIS_IS_STUDY (self), NULL);
  return self->title;
}

/* When the study file was created, as ISO 8601 UTC. */
const char *
trellis_study_get_created (TrellisStudy *self)
{
  g_return_val_if_fail (TRELLIS_IS_STUDY (self), NULL);
  return self->created;
}

gboolean
trellis_study_is_read_only (TrellisStudy *self)
{
  g_return_val_if_fail (TRELLIS_IS_STUDY (self), TRUE);
  return trellis_database_is_read_only (self->database);
}

/* Why the study is read-only, so the window can say what to change. */
TrellisReadOnlyReason
trellis_study_get_read_only_reason (TrellisStudy *self)
{
  g_return_val_if_fail (TRELLIS_IS_STUDY (self), TRELLIS_READ_ONLY_REASON_REQUESTED);
  return trellis_database_get_read_only_reason (self->database);
}

gint64
trellis_study_get_audit_count (TrellisStudy *self)
{
  g_return_val_if_fail (TRELLIS_IS_STUDY (self), 0);
  return MAX (0, trellis_audit_count (self->database, NULL));
}

gboolean
trellis_study_set_title (TrellisStudy  *self,
                         const char    *title,
                         GError       **error)
{
  g_autofree char *new_title = NULL;

  g_return_val_if_fail (TRELLIS_IS_STUDY (self), FALSE);
  g_return_val_if_fail (title != NULL, FALSE);

  if (!trellis_study_store_set_title (self->database, title, NULL, error))
    return FALSE;

  new_title = trellis_study_store_get_title (self->database, NULL);
  if (g_strcmp0 (new_title, self->title) == 0)
    return TRUE;
  g_free (self->title);
  self->title = g_steal_pointer (&new_title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUDIT_COUNT]);
  return TRUE;
}

GListModel *
trellis_study_get_timepoints (TrellisStudy *self)
{
  g_return_val_if_fail (TRELLIS_IS_STUDY (self), NULL);
  return G_LIST_MODEL (self->timepoints);
}

static gboolean
after_plan_change (TrellisStudy  *self,
                   gboolean       changed,
                   GError       **error)
{
  if (!changed)
    return FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUDIT_COUNT]);
  if (!reload_timepoints (self, error))
    return FALSE;
  g_signal_emit (self, signals[SCHEDULE_CHANGED], 0);
  return TRUE;
}

gboolean
trellis_study_add_timepoint (TrellisStudy      *self,
                             TrellisTimepoint  *timepoint,
                             GError           **error)
{
  g_return_val_if_fail (TRELLIS_IS_STUDY (self), FALSE);
  return after_plan_change (self, trellis_timepoint_store_insert (self->database, timepoint, error), error);
}

gboolean
trellis_study_update_timepoint (TrellisStudy      *self,
                                TrellisTimepoint  *timepoint,
                                GError           **error)
{
  g_return_val_if_fail (TRELLIS_IS_STUDY (self), FALSE);
  return after_plan_change (self, trellis_timepoint_store_update (self->database, timepoint, error), error);
}

gboolean
trellis_study_remove_timepoint (TrellisStudy      *self,
                                TrellisTimepoint  *timepoint,
                                GError           **error)
{
  g_return_val_if_fail (TRELLIS_IS_STUDY (self), FALSE);
  g_return_val_if_fail (TRELLIS_IS_TIMEPOINT (timepoint), FALSE);
  return after_plan_change (self,
                            trellis_timepoint_store_delete (self->database,
                                                            trellis_timepoint_get_id (timepoint), error),
                            error);
}

/* For trellis-study-register.c, which holds the register's operations. */
GListStore *
trellis_study_get_cohort_store (TrellisStudy *self)
{
  return self->cohorts;
}

GListStore *
trellis_study_get_consent_version_store (TrellisStudy *self)
{
  return self->consent_versions;
}

/* After a write that is not a change to the register, such as the audit row
 * of an identifiable export. */
void
trellis_study_notify_audit_count (TrellisStudy *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUDIT_COUNT]);
}

/* After a saved change to the register (by the register's operations, or by
 * an import): reloads the cohort and consent version models, then tells every
 * listener that the register changed and that the audit trail grew. A failed
 * reload leaves the change saved and is only reported, since the models
 * catch up at the next change or reopen. */
void
trellis_study_emit_register_changed (TrellisStudy *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (TRELLIS_IS_STUDY (self));

  if (!trellis_study_reload_register (self, &error))
    g_warning ("Could not reload the register after a change: %s", error->message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUDIT_COUNT]);
  g_signal_emit (self, signals[REGISTER_CHANGED], 0);
  g_signal_emit (self, signals[SCHEDULE_CHANGED], 0);
}

/* After a saved change to data collection: reloads the instruments, then
 * tells listeners. As with the register, a failed reload is only reported. */
void
trellis_study_emit_schedule_changed (TrellisStudy *self,
                                     gboolean      instruments_changed)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (TRELLIS_IS_STUDY (self));

  if (instruments_changed && !trellis_study_reload_instruments (self, &error))
    g_warning ("Could not reload the instruments after a change: %s", error->message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUDIT_COUNT]);
  g_signal_emit (self, signals[SCHEDULE_CHANGED], 0);
}

/* After a saved draw or replacement (trellis-study-interviews.c). */
void
trellis_study_emit_interviews_changed (TrellisStudy *self)
{
  g_return_if_fail (TRELLIS_IS_STUDY (self));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUDIT_COUNT]);
  g_signal_emit (self, signals[INTERVIEWS_CHANGED], 0);
}

GListStore *
trellis_study_get_instrument_store (TrellisStudy *self)
{
  g_return_val_if_fail (TRELLIS_IS_STUDY (self), NULL);
  return self->instruments;
}

gboolean
trellis_study_save_copy (TrellisStudy  *self,
                         const char    *dest_path,
                         GError       **error)
{
  g_return_val_if_fail (TRELLIS_IS_STUDY (self), FALSE);
  return trellis_database_save_copy (self->database, dest_path, error);
}

/* The file format the study is in now. */
int
trellis_study_get_schema_version (TrellisStudy *self)
{
  g_return_val_if_fail (TRELLIS_IS_STUDY (self), 0);
  return trellis_database_get_schema_version (self->database);
}

/* The copy taken before this open upgraded the file, or NULL if it did not. */
const char *
trellis_study_get_migration_backup (TrellisStudy *self)
{
  g_return_val_if_fail (TRELLIS_IS_STUDY (self), NULL);
  return trellis_database_get_migration_backup (self->database);
}

/* The file format before this open upgraded it, or 0 if it did not. */
int
trellis_study_get_migrated_from (TrellisStudy *self)
{
  g_return_val_if_fail (TRELLIS_IS_STUDY (self), 0);
  return trellis_database_get_migrated_from (self->database);
}

typedef struct
{
  char *path;
  TrellisOpenFlags flags;
} OpenData;

static void
open_data_free (gpointer data)
{
  OpenData *open_data = data;

  g_free (open_data->path);
  g_free (open_data);
}

/* More rows than any screen shows: the register's first screenful, read as
 * the study opens. */
#define FIRST_PARTICIPANTS 256

/* A failure is left for the next read to report, which then reads them all. */
static void
read_first_participants (TrellisStudy *self)
{
  g_autoptr(TrellisParticipantTable) table = NULL;

  self->participants = trellis_participant_list_new (self->database);
  table = trellis_participant_table_read (self->database, FIRST_PARTICIPANTS, NULL);
  if (table == NULL)
    return;
  trellis_participant_list_take_table (self->participants, g_steal_pointer (&table));
  self->participants_read = TRUE;
}

/* The connection is opened with SQLITE_OPEN_NOMUTEX ("multi-thread" mode): it may
 * move between threads as long as only one uses it at a time. The study is built
 * and used only here until the task returns it, so the main thread can take it over.
 * An open cancelled before it starts (its window was closed) neither claims the
 * file nor upgrades it. One already under way runs to the end, as the database
 * code cannot stop mid-way, and is then closed here at once: the file is free
 * before the caller hears G_IO_ERROR_CANCELLED. */
static void
open_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  OpenData *open_data = task_data;
  GError *error = NULL;
  TrellisStudy *study;

  if (g_task_return_error_if_cancelled (task))
    return;

  study = trellis_study_open (open_data->path, open_data->flags, &error);
  if (study == NULL)
    g_task_return_error (task, error);
  else if (g_cancellable_is_cancelled (cancellable))
    {
      g_object_unref (study);
      g_task_return_error_if_cancelled (task);
    }
  else
    {
      /* The window shows the register next. Its first screenful is read
       * here, off the main thread, at the same cost for 100 participants or
       * 100,000; the page has the rest read once it shows (see
       * trellis_study_complete_participant_list_async). */
      read_first_participants (study);
      g_task_return_pointer (task, study, g_object_unref);
    }
}

/* Opens a study without blocking the caller's main loop: checking, upgrading and
 * loading a large or remote file can take a while. */
void
trellis_study_open_async (const char          *path,
                          TrellisOpenFlags     flags,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  OpenData *open_data;

  g_return_if_fail (path != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  open_data = g_new0 (OpenData, 1);
  open_data->path = g_strdup (path);
  open_data->flags = flags;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, trellis_study_open_async);
  /* A study opened just before the cancellation goes to the caller, who drops
   * it: left in the task, it would be closed whenever the task is freed, which
   * may be in the worker thread after the callback has already run. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, open_data, open_data_free);
  g_task_run_in_thread (task, open_in_thread);
}

/* The study, or NULL with an error. A cancelled open gives G_IO_ERROR_CANCELLED,
 * unless it had already finished: then it gives the study, for the caller to drop. */
TrellisStudy *
trellis_study_open_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == trellis_study_open_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The backup reads through the study's own connection, so while it runs the
 * caller must not use this study at all (SQLITE_OPEN_NOMUTEX: one thread at a
 * time). The task holds a reference, so the connection outlives the copy even
 * if the caller lets go of the study. A copy cancelled before it starts writes
 * nothing; one already under way is finished, as the backup cannot stop mid-way. */
static void
save_copy_in_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  TrellisStudy *self = source_object;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  if (trellis_database_save_copy (self->database, task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
trellis_study_save_copy_async (TrellisStudy        *self,
                               const char          *dest_path,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (TRELLIS_IS_STUDY (self));
  g_return_if_fail (dest_path != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, trellis_study_save_copy_async);
  g_task_set_task_data (task, g_strdup (dest_path), g_free);
  g_task_run_in_thread (task, save_copy_in_thread);
}

gboolean
trellis_study_save_copy_finish (TrellisStudy  *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (TRELLIS_IS_STUDY (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* The register as a list of TrellisParticipantRow, owned by the study, in
 * *list (transfer none; never NULL). It is read on first use, and read
 * again here until a read works; after a change, reload it with
 * trellis_participant_list_reload. A study from trellis_study_open_async
 * has read its first screenful only (see trellis_participant_list_get_complete):
 * trellis_study_complete_participant_list_async reads the rest. Returns
 * FALSE with an error, for the person to see, when the read failed: the
 * list is then empty. */
gboolean
trellis_study_read_participant_list (TrellisStudy  *self,
                                     GListModel   **list,
                                     GError       **error)
{
  g_return_val_if_fail (TRELLIS_IS_STUDY (self), FALSE);
  g_return_val_if_fail (list != NULL, FALSE);

  if (self->participants == NULL)
    self->participants = trellis_participant_list_new (self->database);
  *list = G_LIST_MODEL (self->participants);
  if (!self->participants_read)
    self->participants_read = trellis_participant_list_reload (self->participants, error);
  return self->participants_read;
}

/* As trellis_study_read_participant_list (), for callers with no one to tell
 * that the read failed: the list is then empty. */
GListModel *
trellis_study_get_participant_list (TrellisStudy *self)
{
  GListModel *list = NULL;

  g_return_val_if_fail (TRELLIS_IS_STUDY (self), NULL);

  trellis_study_read_participant_list (self, &list, NULL);
  return list;
}

static gpointer
read_every_participant (TrellisDatabase  *reader,
                        gpointer          data,
                        GError          **error)
{
  return trellis_participant_table_read (reader, 0, error);
}

/* In the caller's thread. The list takes the rows even if the caller has
 * gone meanwhile: it is the study's, and may be shown again. A list read
 * again after a change to the register keeps that newer read. */
static void
on_every_participant_read (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  TrellisStudy *self = TRELLIS_STUDY (source);
  g_autoptr(GTask) task = user_data;
  g_autoptr(TrellisParticipantTable) table = NULL;
  GError *error = NULL;

  table = trellis_study_read_finish (self, result, trellis_study_complete_participant_list_async, &error);
  if (table == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (self->participants != NULL &&
      trellis_participant_list_get_version (self->participants) == GPOINTER_TO_UINT (g_task_get_task_data (task)))
    trellis_participant_list_take_table (self->participants, g_steal_pointer (&table));
  g_task_return_boolean (task, TRUE);
}

/* Reads the rest of a register that trellis_study_open_async read only the
 * first screenful of, in a worker thread on the study's reading connection,
 * and gives it to the list, which adds it in one items-changed. A list that
 * is complete already, or not read yet, needs nothing. */
void
trellis_study_complete_participant_list_async (TrellisStudy        *self,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (TRELLIS_IS_STUDY (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, trellis_study_complete_participant_list_async);
  if (self->participants == NULL || trellis_participant_list_get_complete (self->participants))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  g_task_set_task_data (task, GUINT_TO_POINTER (trellis_participant_list_get_version (self->participants)), NULL);
  /* Not cancellable: the list is to have its rows whoever waits for them. */
  trellis_study_read_async (self, read_every_participant, NULL, NULL,
                            (GDestroyNotify) trellis_participant_table_free, 0, 0,
                            trellis_study_complete_participant_list_async,
                            NULL, on_every_participant_read, g_steal_pointer (&task));
}

/* TRUE once the list holds every participant, FALSE with an error if the
 * read failed; G_IO_ERROR_CANCELLED once the caller cancelled. */
gboolean
trellis_study_complete_participant_list_finish (TrellisStudy  *self,
                                                GAsyncResult  *result,
                                                GError       **error)
{
  g_return_val_if_fail (TRELLIS_IS_STUDY (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == trellis_study_complete_participant_list_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
