/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "trellis-database.h"
#include "trellis-instrument.h"

G_BEGIN_DECLS

/* Shared by the response export's files: the export itself
 * (trellis-response-export.c), the files it writes (trellis-response-sink.c)
 * and the codebook (trellis-response-codebook.c). */

/* A CSV file being written: its rows gather in buffer, go to a temporary
 * file beside path a megabyte at a time, and the temporary file is renamed
 * over path once it is complete. */
typedef struct
{
  char *path;
  char *tmp_path;
  int fd;
  GString *buffer;
} TrellisResponseSink;

gboolean trellis_response_sink_open             (TrellisResponseSink  *sink,
                                                 const char           *path,
                                                 GError              **error);
gboolean trellis_response_sink_flush            (TrellisResponseSink  *sink,
                                                 gboolean              finish,
                                                 GError              **error);
void     trellis_response_sink_clear            (TrellisResponseSink  *sink);
gboolean trellis_response_sink_check_not_study  (TrellisDatabase      *db,
                                                 const char           *path,
                                                 GError              **error);

gboolean trellis_response_codebook_write        (TrellisDatabase      *db,
                                                 GPtrArray            *instruments,
                                                 const char           *path,
                                                 GError              **error);

G_END_DECLS
