/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "trellis-window.h"

G_BEGIN_DECLS

/* What a file holds: the register's participants, or questionnaire
 * responses of participants already in it. */
typedef enum
{
  TRELLIS_IMPORT_KIND_PARTICIPANTS,
  TRELLIS_IMPORT_KIND_RESPONSES,
} TrellisImportKind;

#define TRELLIS_TYPE_IMPORT_KIND (trellis_import_kind_get_type ())
GType trellis_import_kind_get_type (void);

#define TRELLIS_TYPE_IMPORT_DIALOG (trellis_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TrellisImportDialog, trellis_import_dialog, TRELLIS, IMPORT_DIALOG, AdwWindow)

/* Previews a CSV file of participants or responses (kind) and imports it into the window's study.
 * Emits "toast" with a message for the window when an import has succeeded,
 * then closes. */
TrellisImportDialog *trellis_import_dialog_new         (TrellisWindow       *window,
                                                        TrellisImportKind    kind,
                                                        GFile               *file);
gboolean             trellis_import_dialog_is_running  (TrellisImportDialog *self);

G_END_DECLS
