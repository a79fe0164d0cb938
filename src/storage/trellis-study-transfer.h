/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "trellis-participant-import.h"
#include "trellis-response-export.h"
#include "trellis-response-import.h"
#include "trellis-study.h"

G_BEGIN_DECLS

/* Participant import and export, and response import and export, as TrellisStudy
 * operations that run in a worker thread (trellis-study-transfer.c). All use
 * the study's own database connection, which only one thread may use at a time: from the call until
 * the callback has run, the caller must not touch the study in any way. */

void     trellis_study_import_participants_async  (TrellisStudy               *self,
                                                   GFile                      *file,
                                                   TrellisImportProgressFunc   progress,
                                                   gpointer                    progress_data,
                                                   GCancellable               *cancellable,
                                                   GAsyncReadyCallback         callback,
                                                   gpointer                    user_data);
gboolean trellis_study_import_participants_finish (TrellisStudy               *self,
                                                   GAsyncResult               *result,
                                                   guint                      *n_imported,
                                                   GPtrArray                 **problems,
                                                   GError                    **error);

void     trellis_study_export_participants_async  (TrellisStudy               *self,
                                                   GFile                      *file,
                                                   gboolean                    identifiable,
                                                   GCancellable               *cancellable,
                                                   GAsyncReadyCallback         callback,
                                                   gpointer                    user_data);
gboolean trellis_study_export_participants_finish (TrellisStudy               *self,
                                                   GAsyncResult               *result,
                                                   guint                      *n_exported,
                                                   GError                    **error);

void     trellis_study_import_responses_async     (TrellisStudy                 *self,
                                                   GFile                        *file,
                                                   TrellisResponseForm           form,
                                                   TrellisImportProgressFunc     progress,
                                                   gpointer                      progress_data,
                                                   GCancellable                 *cancellable,
                                                   GAsyncReadyCallback           callback,
                                                   gpointer                      user_data);
gboolean trellis_study_import_responses_finish    (TrellisStudy                 *self,
                                                   GAsyncResult                 *result,
                                                   TrellisResponseImportResult  *imported,
                                                   GPtrArray                   **problems,
                                                   GError                      **error);

void     trellis_study_export_responses_async     (TrellisStudy                 *self,
                                                   GFile                        *file,
                                                   TrellisResponseForm           form,
                                                   GFile                        *codebook,
                                                   GCancellable                 *cancellable,
                                                   GAsyncReadyCallback           callback,
                                                   gpointer                      user_data);
gboolean trellis_study_export_responses_finish    (TrellisStudy                 *self,
                                                   GAsyncResult                 *result,
                                                   TrellisResponseExportResult  *exported,
                                                   GError                      **error);

G_END_DECLS
