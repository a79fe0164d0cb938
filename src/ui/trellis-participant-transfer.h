/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "trellis-study.h"
#include "trellis-window.h"

G_BEGIN_DECLS

/* The register's CSV import and export as the window's "study." actions:
 *   study.import-participants         a file chooser, then the import dialog
 *   study.import-participants-from s  the import dialog for the file at a path
 *   study.export-participants         a save chooser, then the export options
 *   study.export-participants-to s    the export options for the file at a path
 * The "-from"/"-to" forms are what the choosers lead to; tests use them. */
#define TRELLIS_ACTION_IMPORT_PARTICIPANTS "study.import-participants"
#define TRELLIS_ACTION_IMPORT_PARTICIPANTS_FROM "study.import-participants-from"
#define TRELLIS_ACTION_EXPORT_PARTICIPANTS "study.export-participants"
#define TRELLIS_ACTION_EXPORT_PARTICIPANTS_TO "study.export-participants-to"

void trellis_participant_transfer_install_actions (GtkWidgetClass *window_class);
void trellis_participant_transfer_update_actions  (GtkWidget      *window,
                                                   TrellisStudy   *study);

/* Work on a window's study in a worker thread: the window's busy state (its
 * pages take no input, it cancels the work when it closes) and a hold on the
 * application, so that quitting waits for the work to come back. */
typedef struct _TrellisStudyWork TrellisStudyWork;

TrellisStudyWork *trellis_study_work_begin           (TrellisWindow    *window);
GCancellable     *trellis_study_work_get_cancellable (TrellisStudyWork *work);
TrellisWindow    *trellis_study_work_end             (TrellisStudyWork *work);
void              trellis_study_work_free            (TrellisStudyWork *work);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrellisStudyWork, trellis_study_work_free)

typedef void (*TrellisChosenFunc) (TrellisWindow *window,
                                   GFile         *file);

void trellis_study_choose_csv (TrellisWindow        *window,
                               const char           *title,
                               GtkFileChooserAction  action,
                               const char           *accept,
                               const char           *suggested_name,
                               TrellisChosenFunc     func);
char *trellis_study_title_for_file_name (TrellisStudy *study);

G_END_DECLS
