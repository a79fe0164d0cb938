/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "trellis-audit-coverage.h"
#include "trellis-database.h"
#include "trellis-participant-import.h"

G_BEGIN_DECLS

#define TRELLIS_IMPORT_CONTACT_FIELDS 4

/* One participant of an import, checked and ready to write. The lengths
 * of its text are kept, so that the thread that writes it need not count
 * them again. */
typedef struct
{
  guint line;
  const char *code;
  gint64 cohort_id;
  char *baseline;
  char *contact[TRELLIS_IMPORT_CONTACT_FIELDS];   /* name, email, phone, notes; NULL if empty */
  int code_length;
  int baseline_length;
  int contact_length[TRELLIS_IMPORT_CONTACT_FIELDS];
  /* Its audit value's digest, once trellis_participant_writer_digest () has
   * made it. */
  gboolean digested;
  char digest[TRELLIS_AUDIT_DIGEST_LENGTH];
} TrellisImportRow;

gboolean trellis_participant_writer_write (TrellisDatabase            *db,
                                           const char                 *file_name,
                                           GArray                     *rows,
                                           TrellisImportProgressFunc   progress,
                                           gpointer                    user_data,
                                           GCancellable               *cancellable,
                                           GError                    **error);

/* The same in steps, for a file written while it is still being read. */
typedef struct _TrellisParticipantWriter TrellisParticipantWriter;

TrellisParticipantWriter *trellis_participant_writer_begin  (TrellisDatabase           *db,
                                                             const char                *created,
                                                             guint                      n_rows_hint,
                                                             GError                   **error);
void                      trellis_participant_writer_digest (TrellisParticipantWriter  *writer,
                                                             TrellisImportRow          *rows,
                                                             guint                      n_rows);
gboolean                  trellis_participant_writer_add    (TrellisParticipantWriter  *writer,
                                                             const TrellisImportRow    *rows,
                                                             guint                      n_rows,
                                                             GError                   **error);
gboolean                  trellis_participant_writer_commit (TrellisParticipantWriter  *writer,
                                                             const char                *file_name,
                                                             GError                   **error);
void                      trellis_participant_writer_free   (TrellisParticipantWriter  *writer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrellisParticipantWriter, trellis_participant_writer_free)

/* The writer in a second thread, fed chunks of rows as they are read
 * (trellis-participant-stream.c): the first of FIRST_CHUNK rows, the
 * largest of CHUNK. */
#define TRELLIS_PARTICIPANT_STREAM_FIRST_CHUNK 50
#define TRELLIS_PARTICIPANT_STREAM_CHUNK 500

typedef struct _TrellisParticipantStream TrellisParticipantStream;

TrellisParticipantStream *trellis_participant_stream_start   (TrellisDatabase            *db,
                                                              GBytes                     *bytes,
                                                              TrellisImportProgressFunc   progress,
                                                              gpointer                    user_data,
                                                              GCancellable               *cancellable,
                                                              GError                    **error);
void                      trellis_participant_stream_push    (TrellisParticipantStream   *stream,
                                                              GArray                     *rows,
                                                              GStringChunk               *text);
void                      trellis_participant_stream_abandon (TrellisParticipantStream   *stream);
gboolean                  trellis_participant_stream_commit  (TrellisParticipantStream   *stream,
                                                              const char                 *file_name,
                                                              GError                    **error);
void                      trellis_participant_stream_free    (TrellisParticipantStream   *stream);

G_END_DECLS
