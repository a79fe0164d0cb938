/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "trellis-response-import.h"
#include "trellis-study.h"

G_BEGIN_DECLS

#define TRELLIS_TYPE_EXPORT_DIALOG (trellis_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TrellisExportDialog, trellis_export_dialog, TRELLIS, EXPORT_DIALOG, AdwMessageDialog)

/* Asks what an export holds. For participants: de-identified (the default)
 * or with identifiable data. For responses: the long or the wide form, with
 * the codebook written beside it. Answers "export" or "cancel". */
TrellisExportDialog *trellis_export_dialog_new              (GtkWindow           *parent,
                                                             TrellisStudy        *study,
                                                             GFile               *file);
TrellisExportDialog *trellis_export_dialog_new_for_responses (GtkWindow           *parent,
                                                              GFile               *file,
                                                              GFile               *codebook,
                                                              TrellisResponseForm  form);
GFile               *trellis_export_dialog_get_file         (TrellisExportDialog *self);
gboolean             trellis_export_dialog_get_identifiable (TrellisExportDialog *self);
void                 trellis_export_dialog_set_identifiable (TrellisExportDialog *self,
                                                             gboolean             identifiable);

TrellisResponseForm  trellis_export_dialog_get_form         (TrellisExportDialog *self);
void                 trellis_export_dialog_set_form         (TrellisExportDialog *self,
                                                             TrellisResponseForm  form);

G_END_DECLS
