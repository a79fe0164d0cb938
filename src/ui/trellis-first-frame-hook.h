/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "trellis-study-view.h"

G_BEGIN_DECLS

void trellis_first_frame_hook_study_shown (TrellisStudyView *view);

G_END_DECLS
