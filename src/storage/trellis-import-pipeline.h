/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A second thread that writes what the calling thread has read and checked,
 * in order, through a short queue (see trellis-import-pipeline.c). */
typedef struct _TrellisImportPipeline TrellisImportPipeline;

/* Writes one chunk, in the pipeline's thread; FALSE with error set stops
 * the writing, and every later chunk is dropped. */
typedef gboolean (*TrellisImportWriteFunc) (gpointer   chunk,
                                            gpointer   user_data,
                                            GError   **error);

TrellisImportPipeline *trellis_import_pipeline_start   (TrellisImportWriteFunc   write,
                                                        GDestroyNotify           free_chunk,
                                                        gpointer                 user_data,
                                                        guint                    max_chunks);
gboolean               trellis_import_pipeline_push    (TrellisImportPipeline   *self,
                                                        gpointer                 chunk);
void                   trellis_import_pipeline_abandon (TrellisImportPipeline   *self);
gboolean               trellis_import_pipeline_finish  (TrellisImportPipeline   *self,
                                                        guint                   *n_written,
                                                        GError                 **error);

G_END_DECLS
