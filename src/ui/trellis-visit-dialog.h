/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "trellis-study.h"

G_BEGIN_DECLS

#define TRELLIS_TYPE_VISIT_DIALOG (trellis_visit_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TrellisVisitDialog, trellis_visit_dialog, TRELLIS, VISIT_DIALOG, AdwWindow)

/* The data-entry form for one participant at one timepoint: every item of
 * every instrument, checked as it is typed, scored as it is filled in, saved
 * in one step; then on to the next participant due at the same timepoint.
 * NULL with an error if the participant or the timepoint cannot be read. */
TrellisVisitDialog *trellis_visit_dialog_new                (GtkWindow           *parent,
                                                             TrellisStudy        *study,
                                                             gint64               participant_id,
                                                             gint64               timepoint_id,
                                                             GError             **error);
gboolean            trellis_visit_dialog_show_participant   (TrellisVisitDialog  *self,
                                                             gint64               participant_id,
                                                             GError             **error);
gint64              trellis_visit_dialog_get_participant_id (TrellisVisitDialog  *self);
gint64              trellis_visit_dialog_get_timepoint_id   (TrellisVisitDialog  *self);

G_END_DECLS
