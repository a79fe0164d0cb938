/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <locale.h>

#include "trellis-import-pipeline.h"

/* The thread that writes an import's checked rows while the next ones are
 * read: chunks are written in order, a failed write stops the writing and
 * reaches the caller, an abandoned pipeline writes nothing more, and every
 * chunk is freed once, written or not. The importers' own tests check that
 * a study is left unchanged in each case. */

typedef struct
{
  GMutex mutex;
  GArray *written;     /* guint, the chunks' numbers in the order written */
  guint fail_at;       /* the chunk whose write fails; 0 for none */
  GCond gate_cond;
  gboolean gate_open;  /* writes wait until this is set */
  gint pushed;         /* atomic */
  gint in_flight_max;  /* atomic: most chunks handed to push and not yet written */
  gint freed;          /* atomic */
} Sink;

typedef struct
{
  guint number;
  Sink *sink;
} Chunk;

static Chunk *
chunk_new (Sink  *sink,
           guint  number)
{
  Chunk *chunk = g_new0 (Chunk, 1);

  chunk->number = number;
  chunk->sink = sink;
  return chunk;
}

static void
chunk_free (gpointer data)
{
  Chunk *chunk = data;

  g_atomic_int_inc (&chunk->sink->freed);
  g_free (chunk);
}

static gboolean
write_chunk (gpointer   data,
             gpointer   user_data,
             GError   **error)
{
  Chunk *chunk = data;
  Sink *sink = user_data;
  gint in_flight;

  g_mutex_lock (&sink->mutex);
  while (!sink->gate_open)
    g_cond_wait (&sink->gate_cond, &sink->mutex);
  in_flight = g_atomic_int_get (&sink->pushed) - (gint) sink->written->len;
  if (in_flight > g_atomic_int_get (&sink->in_flight_max))
    g_atomic_int_set (&sink->in_flight_max, in_flight);
  g_mutex_unlock (&sink->mutex);

  if (chunk->number == sink->fail_at)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "chunk %u could not be written", chunk->number);
      return FALSE;
    }
  g_mutex_lock (&sink->mutex);
  g_array_append_val (sink->written, chunk->number);
  g_mutex_unlock (&sink->mutex);
  return TRUE;
}

static void
sink_init (Sink  *sink,
           guint  fail_at)
{
  g_mutex_init (&sink->mutex);
  g_cond_init (&sink->gate_cond);
  sink->written = g_array_new (FALSE, FALSE, sizeof (guint));
  sink->fail_at = fail_at;
  sink->gate_open = TRUE;
}

static void
sink_clear (Sink *sink)
{
  g_array_unref (sink->written);
  g_mutex_clear (&sink->mutex);
  g_cond_clear (&sink->gate_cond);
}

static gboolean
push (TrellisImportPipeline *pipeline,
      Sink                  *sink,
      guint                  number)
{
  g_atomic_int_inc (&sink->pushed);
  return trellis_import_pipeline_push (pipeline, chunk_new (sink, number));
}

/* Every chunk is written once, in the order pushed, and the queue never
 * holds more than it may while the writer is behind. */
static void
test_in_order (void)
{
  Sink sink = { 0 };
  TrellisImportPipeline *pipeline;
  g_autoptr(GError) error = NULL;
  guint n_written = 0;

  sink_init (&sink, 0);
  pipeline = trellis_import_pipeline_start (write_chunk, chunk_free, &sink, 3);
  for (guint i = 1; i <= 500; i++)
    g_assert_true (push (pipeline, &sink, i));
  g_assert_true (trellis_import_pipeline_finish (pipeline, &n_written, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (n_written, ==, 500);
  g_assert_cmpuint (sink.written->len, ==, 500);
  for (guint i = 0; i < sink.written->len; i++)
    g_assert_cmpuint (g_array_index (sink.written, guint, i), ==, i + 1);
  g_assert_cmpint (g_atomic_int_get (&sink.freed), ==, 500);
  /* Three queued, the one being written and the one waiting for room. */
  g_assert_cmpint (g_atomic_int_get (&sink.in_flight_max), <=, 5);
  sink_clear (&sink);
}

/* A writer held back: the reader waits at a full queue instead of holding
 * the whole file twice, and goes on once the writer does. */
static void
test_bounded (void)
{
  Sink sink = { 0 };
  TrellisImportPipeline *pipeline;
  g_autoptr(GError) error = NULL;

  sink_init (&sink, 0);
  sink.gate_open = FALSE;
  pipeline = trellis_import_pipeline_start (write_chunk, chunk_free, &sink, 2);
  /* The writer takes one and waits at the gate; two fill the queue. */
  for (guint i = 1; i <= 3; i++)
    g_assert_true (push (pipeline, &sink, i));
  g_mutex_lock (&sink.mutex);
  sink.gate_open = TRUE;
  g_cond_broadcast (&sink.gate_cond);
  g_mutex_unlock (&sink.mutex);
  for (guint i = 4; i <= 50; i++)
    g_assert_true (push (pipeline, &sink, i));
  g_assert_true (trellis_import_pipeline_finish (pipeline, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sink.written->len, ==, 50);
  g_assert_cmpint (g_atomic_int_get (&sink.in_flight_max), <=, 4);
  g_assert_cmpint (g_atomic_int_get (&sink.freed), ==, 50);
  sink_clear (&sink);
}

/* A write that fails stops the writing: later chunks are refused or
 * dropped, each still freed, and the failure reaches the caller. */
static void
test_write_fails (void)
{
  Sink sink = { 0 };
  TrellisImportPipeline *pipeline;
  g_autoptr(GError) error = NULL;
  guint n_refused = 0, n_written = 0;

  sink_init (&sink, 7);
  pipeline = trellis_import_pipeline_start (write_chunk, chunk_free, &sink, 2);
  for (guint i = 1; i <= 200; i++)
    n_refused += !push (pipeline, &sink, i);
  g_assert_false (trellis_import_pipeline_finish (pipeline, &n_written, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_assert_cmpstr (error->message, ==, "chunk 7 could not be written");

  g_assert_cmpuint (n_written, ==, 6);
  g_assert_cmpuint (sink.written->len, ==, 6);
  /* At most the queue and the chunk in hand got past the failure. */
  g_assert_cmpuint (n_refused, >=, 200 - 7 - 3);
  g_assert_cmpint (g_atomic_int_get (&sink.freed), ==, 200);
  sink_clear (&sink);
}

/* A problem found by the reader: chunks queued are dropped unwritten, and
 * nothing failed. */
static void
test_abandon (void)
{
  Sink sink = { 0 };
  TrellisImportPipeline *pipeline;
  g_autoptr(GError) error = NULL;
  guint n_written = 0;

  sink_init (&sink, 0);
  sink.gate_open = FALSE;
  pipeline = trellis_import_pipeline_start (write_chunk, chunk_free, &sink, 4);
  for (guint i = 1; i <= 4; i++)
    g_assert_true (push (pipeline, &sink, i));
  trellis_import_pipeline_abandon (pipeline);
  g_assert_false (push (pipeline, &sink, 5));
  g_mutex_lock (&sink.mutex);
  sink.gate_open = TRUE;
  g_cond_broadcast (&sink.gate_cond);
  g_mutex_unlock (&sink.mutex);
  g_assert_true (trellis_import_pipeline_finish (pipeline, &n_written, &error));
  g_assert_no_error (error);

  /* Only a chunk the writer had already taken may have been written. */
  g_assert_cmpuint (n_written, <=, 1);
  g_assert_cmpuint (sink.written->len, ==, n_written);
  g_assert_cmpint (g_atomic_int_get (&sink.freed), ==, 5);
  sink_clear (&sink);
}

/* Finishing a pipeline that was given nothing. */
static void
test_empty (void)
{
  Sink sink = { 0 };
  g_autoptr(GError) error = NULL;
  guint n_written = 99;

  sink_init (&sink, 0);
  g_assert_true (trellis_import_pipeline_finish (trellis_import_pipeline_start (write_chunk, chunk_free, &sink, 1),
                                                 &n_written, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_written, ==, 0);
  g_assert_cmpint (g_atomic_int_get (&sink.freed), ==, 0);
  sink_clear (&sink);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/trellis/storage/import-pipeline/in-order", test_in_order);
  g_test_add_func ("/trellis/storage/import-pipeline/bounded", test_bounded);
  g_test_add_func ("/trellis/storage/import-pipeline/write-fails", test_write_fails);
  g_test_add_func ("/trellis/storage/import-pipeline/abandon", test_abandon);
  g_test_add_func ("/trellis/storage/import-pipeline/empty", test_empty);
  return g_test_run ();
}
