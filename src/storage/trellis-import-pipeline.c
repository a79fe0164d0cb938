/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "trellis-import-pipeline.h"

/* An import reads and checks a file, then writes it in one transaction. On
 * a large file both halves take long, and each keeps one core busy, so the
 * pipeline writes in a second thread what the calling thread has already
 * checked, while that thread checks the next rows.
 *
 * The calling thread owns the transaction: it begins it before the pipeline
 * starts and commits or rolls it back after trellis_import_pipeline_finish ()
 * returns. In between, only the pipeline's thread uses the database (a
 * connection is used by one thread at a time; the queue's lock orders the
 * hand-over). Chunks are written in the order they were pushed, so the rows
 * get the same ids as in a single thread. The queue holds at most
 * max_chunks, so a reader far ahead of the writer waits rather than holding
 * the whole file twice.
 *
 * Nothing is ever committed here: a chunk that fails to write, or a problem
 * the reader finds later in the file (trellis_import_pipeline_abandon), just
 * stops the writing, and the caller rolls back what was written. */

struct _TrellisImportPipeline
{
  GMutex mutex;
  GCond cond;                 /* the queue changed, or the pipeline closed */
  GQueue chunks;
  guint max_chunks;
  gboolean closed;            /* no more chunks come */
  gboolean dropping;          /* failed or abandoned: chunks are freed unwritten */
  guint n_written;
  GError *error;              /* the write that failed */
  TrellisImportWriteFunc write;
  GDestroyNotify free_chunk;
  gpointer user_data;
  GThread *thread;
};

/* Takes the next chunk, or NULL once the queue is closed and empty. */
static gpointer
next_chunk (TrellisImportPipeline *self,
            gboolean              *drop)
{
  gpointer chunk;

  g_mutex_lock (&self->mutex);
  while (g_queue_is_empty (&self->chunks) && !self->closed)
    g_cond_wait (&self->cond, &self->mutex);
  chunk = g_queue_pop_head (&self->chunks);
  *drop = self->dropping;
  /* A reader waiting for room may go on. */
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->mutex);
  return chunk;
}

static gpointer
run (gpointer data)
{
  TrellisImportPipeline *self = data;
  gpointer chunk;
  gboolean drop;

  while ((chunk = next_chunk (self, &drop)) != NULL)
    {
      GError *error = NULL;
      gboolean ok = drop || self->write (chunk, self->user_data, &error);

      self->free_chunk (chunk);
      g_mutex_lock (&self->mutex);
      if (!ok)
        {
          self->error = error;
          self->dropping = TRUE;
          g_cond_broadcast (&self->cond);
        }
      else if (!drop)
        self->n_written++;
      g_mutex_unlock (&self->mutex);
    }
  return NULL;
}

/* Starts the thread that calls write for each chunk pushed; free_chunk
 * frees each afterwards, written or not. */
TrellisImportPipeline *
trellis_import_pipeline_start (TrellisImportWriteFunc write,
                               GDestroyNotify         free_chunk,
                               gpointer               user_data,
                               guint                  max_chunks)
{
  TrellisImportPipeline *self;

  g_return_val_if_fail (write != NULL && free_chunk != NULL, NULL);

  self = g_new0 (TrellisImportPipeline, 1);
  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);
  g_queue_init (&self->chunks);
  self->max_chunks = MAX (max_chunks, 1);
  self->write = write;
  self->free_chunk = free_chunk;
  self->user_data = user_data;
  self->thread = g_thread_new ("trellis-import", run, self);
  return self;
}

/* Queues chunk for writing, waiting while the queue is full. FALSE (and the
 * chunk freed) once the writing has stopped: the caller need not read on to
 * write, only to find the file's other problems. */
gboolean
trellis_import_pipeline_push (TrellisImportPipeline *self,
                              gpointer               chunk)
{
  gboolean dropping;

  g_return_val_if_fail (self != NULL, FALSE);

  g_mutex_lock (&self->mutex);
  while (g_queue_get_length (&self->chunks) >= self->max_chunks && !self->dropping)
    g_cond_wait (&self->cond, &self->mutex);
  dropping = self->dropping;
  if (!dropping)
    {
      g_queue_push_tail (&self->chunks, chunk);
      g_cond_broadcast (&self->cond);
    }
  g_mutex_unlock (&self->mutex);
  if (dropping)
    self->free_chunk (chunk);
  return !dropping;
}

/* Stops the writing: the file has a problem, or the import was cancelled,
 * so nothing it writes will be kept. Chunks still queued are dropped. */
void
trellis_import_pipeline_abandon (TrellisImportPipeline *self)
{
  g_return_if_fail (self != NULL);

  g_mutex_lock (&self->mutex);
  self->dropping = TRUE;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->mutex);
}

/* Waits until every chunk is written (or dropped), ends the thread and
 * frees the pipeline. FALSE, with the write's error, if a write failed; an
 * abandoned pipeline returns TRUE, as nothing failed. n_written gets the
 * chunks written. */
gboolean
trellis_import_pipeline_finish (TrellisImportPipeline  *self,
                                guint                  *n_written,
                                GError                **error)
{
  GError *write_error;

  g_return_val_if_fail (self != NULL, FALSE);

  g_mutex_lock (&self->mutex);
  self->closed = TRUE;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->mutex);
  g_thread_join (self->thread);

  write_error = self->error;
  if (n_written != NULL)
    *n_written = self->n_written;
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);
  g_free (self);
  if (write_error != NULL)
    {
      g_propagate_error (error, write_error);
      return FALSE;
    }
  return TRUE;
}
