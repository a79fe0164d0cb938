/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "trellis-csv-reader.h"
#include "trellis-database.h"

G_BEGIN_DECLS

/* At most this many problems are listed; one more entry, with line 0, says
 * how many were left out. */
#define TRELLIS_IMPORT_MAX_PROBLEMS 100

/* One thing wrong with an imported file. column and value are NULL where the
 * problem is not about one cell (a ragged row, a damaged file); message is
 * the whole sentence for a person, naming the file, line, column and value. */
typedef struct
{
  guint line;
  char *column;
  char *value;
  char *message;
  char *detail;   /* the message without its file, line and column */
} TrellisImportProblem;

void trellis_import_problem_free (TrellisImportProblem *problem);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrellisImportProblem, trellis_import_problem_free)

/* May be called from a thread the import starts, not the caller's. */
typedef void (*TrellisImportProgressFunc) (guint    rows_done,
                                           guint    rows_total,
                                           gpointer user_data);

gboolean trellis_participant_import         (TrellisDatabase            *db,
                                             const char                 *file_name,
                                             GBytes                     *bytes,
                                             TrellisImportProgressFunc   progress,
                                             gpointer                    user_data,
                                             GCancellable               *cancellable,
                                             guint                      *n_imported,
                                             GPtrArray                 **problems,
                                             GError                    **error);
gboolean trellis_participant_import_preview (const char                 *file_name,
                                             GBytes                     *bytes,
                                             guint                       n_rows,
                                             GPtrArray                 **header,
                                             GPtrArray                 **rows,
                                             GError                    **error);
const char *trellis_participant_import_field_for_column (const char *header_name);

G_END_DECLS
