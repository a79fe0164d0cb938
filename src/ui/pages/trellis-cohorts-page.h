/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "trellis-study.h"

G_BEGIN_DECLS

#define TRELLIS_TYPE_COHORTS_PAGE (trellis_cohorts_page_get_type ())
G_DECLARE_FINAL_TYPE (TrellisCohortsPage, trellis_cohorts_page, TRELLIS, COHORTS_PAGE, AdwBin)

void trellis_cohorts_page_set_study (TrellisCohortsPage *self,
                                     TrellisStudy       *study);

G_END_DECLS
