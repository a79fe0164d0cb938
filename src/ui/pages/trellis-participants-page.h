/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "trellis-study.h"

G_BEGIN_DECLS

/* The actions the page's buttons start; whoever owns the "study" action group
 * provides them. Until then the buttons stay insensitive. */
#define TRELLIS_PARTICIPANTS_ACTION_ADD "study.add-participant"
#define TRELLIS_PARTICIPANTS_ACTION_IMPORT "study.import-participants"

#define TRELLIS_TYPE_PARTICIPANTS_PAGE (trellis_participants_page_get_type ())
G_DECLARE_FINAL_TYPE (TrellisParticipantsPage, trellis_participants_page, TRELLIS, PARTICIPANTS_PAGE, AdwBin)

void trellis_participants_page_set_study (TrellisParticipantsPage *self,
                                          TrellisStudy            *study);
void trellis_participants_page_reload    (TrellisParticipantsPage *self);
gboolean trellis_participants_page_get_complete (TrellisParticipantsPage *self);

G_END_DECLS
