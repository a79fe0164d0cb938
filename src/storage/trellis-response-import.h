/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "trellis-database.h"
#include "trellis-participant-import.h"

G_BEGIN_DECLS

/* The two shapes of a responses file (see trellis-response-import.c):
 * long, one row per answered item; wide, one row per visit with a column per
 * item. AUTO tells them apart by the header. */
typedef enum
{
  TRELLIS_RESPONSE_FORM_AUTO,
  TRELLIS_RESPONSE_FORM_LONG,
  TRELLIS_RESPONSE_FORM_WIDE,
} TrellisResponseForm;

/* What an import wrote. */
typedef struct
{
  TrellisResponseForm form;   /* the form the file was read as */
  guint n_rows;               /* data rows in the file */
  guint n_visits;             /* visits created */
  guint n_sheets;             /* answer sheets created, one per visit and instrument answered */
} TrellisResponseImportResult;

const char *trellis_response_form_to_string   (TrellisResponseForm           form);
TrellisResponseForm trellis_response_form_for_header (GPtrArray           *header);
gboolean    trellis_response_form_from_string (const char                   *text,
                                               TrellisResponseForm          *form);

gboolean    trellis_response_import           (TrellisDatabase              *db,
                                               const char                   *file_name,
                                               GBytes                       *bytes,
                                               TrellisResponseForm           form,
                                               guint32                       today,
                                               TrellisImportProgressFunc     progress,
                                               gpointer                      user_data,
                                               GCancellable                 *cancellable,
                                               TrellisResponseImportResult  *result,
                                               GPtrArray                   **problems,
                                               GError                      **error);

G_END_DECLS
