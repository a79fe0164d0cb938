/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "trellis-database.h"
#include "trellis-response-import.h"

G_BEGIN_DECLS

/* What a response export writes (see trellis-response-export.c): the
 * answers in form (long or wide) to path, and, where their paths are not
 * NULL, the scores and a codebook beside them. */
typedef struct
{
  TrellisResponseForm form;
  const char *scores_path;
  const char *codebook_path;
} TrellisResponseExportOptions;

typedef struct
{
  guint n_rows;          /* rows of the answers file */
  guint n_visits;        /* completed timepoints exported */
  guint n_sheets;        /* answer sheets, the rows of the scores file */
} TrellisResponseExportResult;

gboolean trellis_response_export (TrellisDatabase                     *db,
                                  const char                          *path,
                                  const TrellisResponseExportOptions  *options,
                                  GCancellable                        *cancellable,
                                  TrellisResponseExportResult         *result,
                                  GError                             **error);

G_END_DECLS
