/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "trellis-audit.h"
#include "trellis-database-private.h"
#include "trellis-storage-error.h"
#include "trellis-study-audit.h"
#include "trellis-study-private.h"
#include "trellis-study-reading.h"

/* Reading and checking the audit trail, as TrellisStudy operations. Both
 * run in a worker thread through the study's second connection, so that a
 * trail of hundreds of thousands of rows never holds up the window. */

void
trellis_audit_check_free (TrellisAuditCheck *check)
{
  if (check == NULL)
    return;
  g_free (check->head_hash);
  g_free (check->problem);
  g_free (check);
}

/* A copy of the query the worker owns: the caller's filter may be gone by
 * the time the thread runs. */
typedef struct
{
  TrellisAuditLogQuery query;
  char *filter;
} AuditRead;

static void
audit_read_free (AuditRead *read)
{
  g_free (read->filter);
  g_free (read);
}

static gpointer
read_audit (TrellisDatabase  *reader,
            gpointer          data,
            GError          **error)
{
  const AuditRead *read = data;

  return trellis_audit_log_read (reader, &read->query, error);
}

/* A page of the audit trail as trellis_audit_log_read () reads it. */
void
trellis_study_read_audit_async (TrellisStudy               *self,
                                const TrellisAuditLogQuery *query,
                                GCancellable               *cancellable,
                                GAsyncReadyCallback         callback,
                                gpointer                    user_data)
{
  AuditRead *read;

  g_return_if_fail (query != NULL);

  read = g_new0 (AuditRead, 1);
  read->query = *query;
  read->filter = g_strdup (query->filter);
  read->query.filter = read->filter;
  /* Every failure here is the connection's: none answers the question. */
  trellis_study_read_async (self, read_audit, read, (GDestroyNotify) audit_read_free,
                            (GDestroyNotify) g_ptr_array_unref, 0, 0,
                            trellis_study_read_audit_async, cancellable, callback, user_data);
}

/* The entries (a GPtrArray of TrellisAuditEntry, transfer full), or NULL
 * with an error; G_IO_ERROR_CANCELLED once the read was cancelled. */
GPtrArray *
trellis_study_read_audit_finish (TrellisStudy  *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return trellis_study_read_finish (self, result, trellis_study_read_audit_async, error);
}

/* A broken chain is a finding, not a failure: it comes back as a check
 * that names the row; errors are for a file that could not be read. */
static TrellisAuditCheck *
check_chain (TrellisDatabase  *db,
             GError          **error)
{
  g_autoptr(TrellisAuditCheck) check = g_new0 (TrellisAuditCheck, 1);
  g_autoptr(GError) local_error = NULL;

  check->intact = trellis_audit_verify_chain (db, &local_error);
  if (!check->intact && !g_error_matches (local_error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_AUDIT))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (!check->intact)
    check->problem = g_strdup (local_error->message);
  check->n_rows = trellis_audit_count (db, error);
  if (check->n_rows < 0)
    return NULL;
  if (check->intact && (check->head_hash = trellis_audit_head_hash (db, error)) == NULL)
    return NULL;
  return g_steal_pointer (&check);
}

static void
verify_audit_in_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  TrellisStudy *self = source_object;
  GError *error = NULL;
  TrellisDatabase *reader;
  TrellisAuditCheck *check;

  if (g_task_return_error_if_cancelled (task))
    return;
  reader = trellis_study_lock_reader (self, &error);
  if (reader == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* One read transaction: the count and the head are those of the chain
   * walked, even if the window writes meanwhile. */
  check = trellis_database_exec (reader, "BEGIN", &error) ? check_chain (reader, &error) : NULL;
  if (check != NULL && !trellis_database_exec (reader, "COMMIT", &error))
    g_clear_pointer (&check, trellis_audit_check_free);
  trellis_study_unlock_reader (self, check == NULL);
  if (check == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, check, (GDestroyNotify) trellis_audit_check_free);
}

/* Walks the whole hash chain, as trellis_audit_verify_chain () does. */
void
trellis_study_verify_audit_async (TrellisStudy        *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (TRELLIS_IS_STUDY (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, trellis_study_verify_audit_async);
  g_task_run_in_thread (task, verify_audit_in_thread);
}

/* What the check found (transfer full), or NULL with an error. */
TrellisAuditCheck *
trellis_study_verify_audit_finish (TrellisStudy  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (TRELLIS_IS_STUDY (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == trellis_study_verify_audit_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
