/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "trellis-study.h"
#include "trellis-timepoint.h"

G_BEGIN_DECLS

#define TRELLIS_TYPE_TIMEPOINT_DIALOG (trellis_timepoint_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TrellisTimepointDialog, trellis_timepoint_dialog, TRELLIS, TIMEPOINT_DIALOG, AdwWindow)

TrellisTimepointDialog *trellis_timepoint_dialog_new (GtkWindow        *parent,
                                                      TrellisStudy     *study,
                                                      TrellisTimepoint *timepoint);

G_END_DECLS
