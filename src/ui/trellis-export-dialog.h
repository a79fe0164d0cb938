/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "trellis-study.h"

G_BEGIN_DECLS

#define TRELLIS_TYPE_EXPORT_DIALOG (trellis_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TrellisExportDialog, trellis_export_dialog, TRELLIS, EXPORT_DIALOG, AdwMessageDialog)

/* Asks what a participant export holds: de-identified (the default) or with
 * identifiable data. Answers "export" or "cancel". */
TrellisExportDialog *trellis_export_dialog_new              (GtkWindow           *parent,
                                                             TrellisStudy        *study,
                                                             GFile               *file);
GFile               *trellis_export_dialog_get_file         (TrellisExportDialog *self);
gboolean             trellis_export_dialog_get_identifiable (TrellisExportDialog *self);
void                 trellis_export_dialog_set_identifiable (TrellisExportDialog *self,
                                                             gboolean             identifiable);

G_END_DECLS
