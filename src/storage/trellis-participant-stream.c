/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "trellis-import-pipeline.h"
#include "trellis-participant-writer.h"

/* Writing a participant import's rows as they are read.
 *
 * A large file takes as long to check as to write, so a file with a code
 * column is written while it is read: from the first row, each full chunk
 * of rows that passed every check goes to a writer in a second thread
 * (trellis-import-pipeline.c), in a transaction begun here, while this
 * thread checks the next rows. Nothing is committed until the whole file
 * has passed; at the first problem the writing stops, the file is still
 * read to the end so that every problem is listed, and what was written is
 * rolled back. A file without codes gets them at the end, from the study's
 * pattern, so it is read first and written after. */

#define MAX_CHUNKS 4

struct _TrellisParticipantStream
{
  TrellisParticipantWriter *writer;
  TrellisImportPipeline *pipeline;   /* NULL once finished */
  TrellisImportProgressFunc progress;
  gpointer user_data;
  GCancellable *cancellable;
  guint expected;                    /* rows, from the line count, for progress */
  /* Only the writer's thread changes these until the pipeline finishes. */
  guint written;
  guint reported;
};

/* Rows and the text they point into. */
typedef struct
{
  GArray *rows;
  GStringChunk *text;
} Chunk;

static void
free_chunk (gpointer data)
{
  Chunk *chunk = data;

  g_array_unref (chunk->rows);
  g_string_chunk_free (chunk->text);
  g_free (chunk);
}

/* Progress comes at every 1% of the rows the file's lines promise, where a
 * cancel is looked for too: the writer's thread reports it, as the rows go
 * in. The first problem with the file stops the writer before its rows
 * would be counted. A chunk goes in whole, in statements of as many rows as
 * the writer takes at once, and the steps it passed are reported after it:
 * writing 1% at a time would cut a small file into statements of a few rows
 * each, and a statement costs as much as dozens of rows. */
static gboolean
write_chunk (gpointer   data,
             gpointer   user_data,
             GError   **error)
{
  GArray *rows = ((Chunk *) data)->rows;
  TrellisParticipantStream *stream = user_data;
  guint step = MAX (stream->expected / 100, 1);
  guint end = stream->written + rows->len;

  if (!trellis_participant_writer_add (stream->writer, (const TrellisImportRow *) rows->data, rows->len, error))
    return FALSE;
  for (guint done = (stream->written / step + 1) * step; done <= end; done += step)
    {
      if (g_cancellable_set_error_if_cancelled (stream->cancellable, error))
        return FALSE;
      if (stream->progress != NULL)
        stream->progress (done, MAX (stream->expected, done), stream->user_data);
      stream->reported = done;
    }
  stream->written = end;
  return TRUE;
}

/* Data rows, counted by their line ends (and a last line without one):
 * quoted line ends and blank lines make it an overestimate, which the last
 * report corrects. */
static guint
expected_rows (GBytes *bytes)
{
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  const char *end = data + length;
  guint lines = length > 0 && data[length - 1] != '\n';

  for (const char *p = data; p < end && (p = memchr (p, '\n', end - p)) != NULL; p++)
    lines++;
  return lines > 1 ? lines - 1 : 1;
}

/* Begins the transaction, and the thread that writes the rows pushed. The
 * rows of a file with a code column, bytes its contents; progress is called
 * from the writer's thread. */
TrellisParticipantStream *
trellis_participant_stream_start (TrellisDatabase            *db,
                                  GBytes                     *bytes,
                                  TrellisImportProgressFunc   progress,
                                  gpointer                    user_data,
                                  GCancellable               *cancellable,
                                  GError                    **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *created = g_date_time_format_iso8601 (now);
  TrellisParticipantStream *stream;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  stream = g_new0 (TrellisParticipantStream, 1);
  stream->progress = progress;
  stream->user_data = user_data;
  stream->cancellable = cancellable;
  stream->expected = expected_rows (bytes);
  stream->writer = trellis_participant_writer_begin (db, created, stream->expected, error);
  if (stream->writer == NULL)
    {
      g_free (stream);
      return NULL;
    }
  stream->pipeline = trellis_import_pipeline_start (write_chunk, free_chunk, stream, MAX_CHUNKS);
  return stream;
}

/* Stops the writing: the file has a problem, and will not be committed. */
void
trellis_participant_stream_abandon (TrellisParticipantStream *stream)
{
  if (stream->pipeline != NULL)
    trellis_import_pipeline_abandon (stream->pipeline);
}

static gboolean
stream_finish (TrellisParticipantStream  *stream,
               GError                   **error)
{
  TrellisImportPipeline *pipeline = g_steal_pointer (&stream->pipeline);

  return pipeline == NULL || trellis_import_pipeline_finish (pipeline, NULL, error);
}

/* Ends the stream, rolling back whatever it wrote unless it committed. */
void
trellis_participant_stream_free (TrellisParticipantStream *stream)
{
  if (stream == NULL)
    return;
  trellis_participant_stream_abandon (stream);
  stream_finish (stream, NULL);
  g_clear_pointer (&stream->writer, trellis_participant_writer_free);
  g_free (stream);
}

/* Queues rows (TrellisImportRow) for writing, taking them and text, which
 * holds their text (but for their codes, which must last until the stream
 * is committed); they are dropped once the writing has stopped. */
void
trellis_participant_stream_push (TrellisParticipantStream *stream,
                                 GArray                   *rows,
                                 GStringChunk             *text)
{
  Chunk *chunk = g_new (Chunk, 1);

  chunk->rows = rows;
  chunk->text = text;
  if (stream->pipeline == NULL)
    {
      free_chunk (chunk);
      return;
    }
  /* Here, so that the writer's thread only inserts. */
  trellis_participant_writer_digest (stream->writer, (TrellisImportRow *) rows->data, rows->len);
  trellis_import_pipeline_push (stream->pipeline, chunk);
}

/* Waits for the rows pushed to be written, then commits them with their
 * audit rows, once the whole file has passed. The stream is done either
 * way; free it. */
gboolean
trellis_participant_stream_commit (TrellisParticipantStream  *stream,
                                   const char                *file_name,
                                   GError                   **error)
{
  /* A cancel is honoured up to the commit. */
  if (!stream_finish (stream, error) ||
      g_cancellable_set_error_if_cancelled (stream->cancellable, error) ||
      !trellis_participant_writer_commit (stream->writer, file_name, error))
    return FALSE;
  if (stream->progress != NULL && stream->reported != stream->written)
    stream->progress (stream->written, stream->written, stream->user_data);
  return TRUE;
}
