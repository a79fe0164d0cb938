/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "trellis-import-pipeline.h"
#include "trellis-response-import-private.h"

/* Writing a wide file as it is read.
 *
 * Each row of a wide file is a whole visit, so while the file has no problem
 * its visits can be written as soon as they are read: the inserts run in a
 * second thread (trellis-import-pipeline.c), in the transaction begun here,
 * while this one reads and checks the next rows and makes the visits after
 * them ready (trellis_response_writer_prepare: their scores, text and audit
 * digests), which keeps the two threads about equally busy. Nothing is committed until
 * the whole file has passed every check, the dates of each participant's
 * visits included; at the first problem the writing stops, the file is
 * still read to the end so that every problem is listed, and what was
 * written is rolled back. A long file's visits are only whole at its end,
 * so it is read first and written after, as before. */

#define CHUNK_VISITS 256
#define MAX_CHUNKS 4

/* The visits read since the last were made ready, and their cells. */
typedef struct
{
  guint n_visits;
  TrellisResponseVisit visits[CHUNK_VISITS];
  int *values;                    /* n_values for each visit */
  double *scores;                 /* n_instruments for each visit */
} Chunk;

struct _TrellisResponseStream
{
  guint n_values;
  guint n_instruments;
  TrellisResponseBatch batch;
  TrellisResponseWriter *writer;
  TrellisImportPipeline *pipeline;  /* NULL once finished or abandoned */
  Chunk *chunk;                     /* being filled, in the reading thread */
  gboolean abandoned;
  gint rows_written;                /* atomic: a wide row is a visit */
};

static Chunk *
chunk_new (TrellisResponseStream *stream)
{
  Chunk *chunk = g_new0 (Chunk, 1);

  chunk->values = g_new (int, (gsize) CHUNK_VISITS * MAX (stream->n_values, 1));
  chunk->scores = g_new (double, (gsize) CHUNK_VISITS * MAX (stream->n_instruments, 1));
  return chunk;
}

static void
chunk_free (Chunk *chunk)
{
  g_free (chunk->values);
  g_free (chunk->scores);
  g_free (chunk);
}

static void
free_rows (gpointer rows)
{
  trellis_response_rows_free (rows);
}

/* In the pipeline's thread; a cancel is looked for at each chunk. */
static gboolean
write_rows (gpointer   data,
            gpointer   user_data,
            GError   **error)
{
  TrellisResponseRows *rows = data;
  TrellisResponseStream *stream = user_data;

  if (g_cancellable_set_error_if_cancelled (stream->batch.cancellable, error) ||
      !trellis_response_writer_insert (stream->writer, rows, error))
    return FALSE;
  g_atomic_int_add (&stream->rows_written, (gint) trellis_response_rows_get_n_visits (rows));
  return TRUE;
}

/* Makes the chunk's visits ready, and hands them to the pipeline. */
static void
push_chunk (TrellisResponseStream *stream)
{
  TrellisResponseRows *rows = trellis_response_rows_new ();
  Chunk *chunk = stream->chunk;

  trellis_response_writer_prepare (stream->writer, chunk->visits, chunk->values, chunk->scores, chunk->n_visits,
                                   rows);
  chunk->n_visits = 0;
  trellis_import_pipeline_push (stream->pipeline, rows);
}

/* The rows of the file written so far (a wide row is a visit). */
guint
trellis_response_stream_rows_written (TrellisResponseStream *stream)
{
  return (guint) g_atomic_int_get (&stream->rows_written);
}

/* Begins the transaction, and the thread that writes the visits added;
 * catalog must outlive the stream. */
TrellisResponseStream *
trellis_response_stream_start (TrellisDatabase          *db,
                               const char               *file_name,
                               TrellisResponseCatalog   *catalog,
                               guint                     rows_hint,
                               GCancellable             *cancellable,
                               GError                  **error)
{
  TrellisResponseStream *stream = g_new0 (TrellisResponseStream, 1);

  stream->n_values = catalog->n_values;
  stream->n_instruments = catalog->instruments->len;
  stream->batch = (TrellisResponseBatch) {
    .db = db, .file_name = file_name, .catalog = catalog, .n_rows = rows_hint, .cancellable = cancellable,
  };
  stream->writer = trellis_response_writer_begin (&stream->batch, error);
  if (stream->writer == NULL)
    {
      g_free (stream);
      return NULL;
    }
  stream->pipeline = trellis_import_pipeline_start (write_rows, free_rows, stream, MAX_CHUNKS);
  stream->chunk = chunk_new (stream);
  return stream;
}

/* Stops the writing: the file has a problem, and will not be committed. */
void
trellis_response_stream_abandon (TrellisResponseStream *stream)
{
  stream->abandoned = TRUE;
  if (stream->pipeline != NULL)
    trellis_import_pipeline_abandon (stream->pipeline);
}

/* Waits for the writer; FALSE with its error if a write failed. */
static gboolean
stream_finish (TrellisResponseStream  *stream,
               GError                **error)
{
  TrellisImportPipeline *pipeline = g_steal_pointer (&stream->pipeline);

  return pipeline == NULL || trellis_import_pipeline_finish (pipeline, NULL, error);
}

/* Ends the stream, rolling back whatever it wrote unless it committed. */
void
trellis_response_stream_free (TrellisResponseStream *stream)
{
  if (stream == NULL)
    return;
  trellis_response_stream_abandon (stream);
  stream_finish (stream, NULL);
  g_clear_pointer (&stream->writer, trellis_response_writer_free);
  g_clear_pointer (&stream->chunk, chunk_free);
  g_free (stream);
}

/* Queues a visit, its values (n_values of them) and the scores given for
 * it (one for each instrument, NAN for none) for writing, unless the
 * writing has stopped. */
void
trellis_response_stream_add (TrellisResponseStream      *stream,
                             const TrellisResponseVisit *visit,
                             const int                  *values,
                             const double               *scores)
{
  Chunk *chunk = stream->chunk;

  /* A visit without its date is a problem the import finds at the end. */
  if (visit->completed == 0)
    trellis_response_stream_abandon (stream);
  if (stream->abandoned || stream->pipeline == NULL)
    return;
  chunk->visits[chunk->n_visits] = *visit;
  memcpy (chunk->values + (gsize) chunk->n_visits * stream->n_values, values, sizeof (int) * stream->n_values);
  memcpy (chunk->scores + (gsize) chunk->n_visits * stream->n_instruments, scores,
          sizeof (double) * stream->n_instruments);
  if (++chunk->n_visits == CHUNK_VISITS)
    push_chunk (stream);
}

/* The last visits, then the commit, once the whole file has passed. The
 * stream is done either way; free it. */
gboolean
trellis_response_stream_commit (TrellisResponseStream  *stream,
                                guint                  *n_sheets,
                                GError                **error)
{
  if (stream->chunk->n_visits > 0 && !stream->abandoned && stream->pipeline != NULL)
    push_chunk (stream);
  /* A cancel is honoured up to the commit, as when the file is written
   * after it is read. */
  return stream_finish (stream, error) &&
         !g_cancellable_set_error_if_cancelled (stream->batch.cancellable, error) &&
         trellis_response_writer_commit (stream->writer, n_sheets, error);
}
