/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "trellis-study.h"

G_BEGIN_DECLS

/* Enters data for one participant at one timepoint; the parameter is
 * (participant id, timepoint id). The page provides it to its cells. */
#define TRELLIS_SCHEDULE_ACTION_ENTER_DATA "schedule.enter-data"

#define TRELLIS_TYPE_SCHEDULE_PAGE (trellis_schedule_page_get_type ())
G_DECLARE_FINAL_TYPE (TrellisSchedulePage, trellis_schedule_page, TRELLIS, SCHEDULE_PAGE, AdwBin)

void     trellis_schedule_page_set_study   (TrellisSchedulePage *self,
                                            TrellisStudy        *study);
void     trellis_schedule_page_reload      (TrellisSchedulePage *self);
gboolean trellis_schedule_page_get_loading (TrellisSchedulePage *self);

G_END_DECLS
