/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "trellis-study.h"

G_BEGIN_DECLS

/* Questionnaire responses in and out of the window's study, as "study." actions:
 *   study.import-responses         a file chooser, then the import dialog
 *   study.import-responses-from s  the import dialog for the file at a path
 *   study.export-responses         a save chooser, then the export
 *   study.export-responses-to s    the export to the file at a path
 * The "-from"/"-to" forms are what the choosers lead to; tests use them. */
#define TRELLIS_ACTION_IMPORT_RESPONSES "study.import-responses"
#define TRELLIS_ACTION_IMPORT_RESPONSES_FROM "study.import-responses-from"
#define TRELLIS_ACTION_EXPORT_RESPONSES "study.export-responses"
#define TRELLIS_ACTION_EXPORT_RESPONSES_TO "study.export-responses-to"

void trellis_response_transfer_install_actions (GtkWidgetClass *window_class);
void trellis_response_transfer_update_actions  (GtkWidget      *window,
                                                TrellisStudy   *study);

G_END_DECLS
