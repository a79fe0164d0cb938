/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "trellis-database.h"
#include "trellis-participant-import.h"

G_BEGIN_DECLS

#define TRELLIS_IMPORT_CONTACT_FIELDS 4

/* One participant of an import, checked and ready to write. */
typedef struct
{
  guint line;
  const char *code;
  gint64 cohort_id;
  char *baseline;
  char *contact[TRELLIS_IMPORT_CONTACT_FIELDS];   /* name, email, phone, notes; NULL if empty */
} TrellisImportRow;

gboolean trellis_participant_writer_write (TrellisDatabase            *db,
                                           const char                 *file_name,
                                           GArray                     *rows,
                                           TrellisImportProgressFunc   progress,
                                           gpointer                    user_data,
                                           GCancellable               *cancellable,
                                           GError                    **error);

G_END_DECLS
