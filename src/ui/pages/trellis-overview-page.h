/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "trellis-study.h"

G_BEGIN_DECLS

#define TRELLIS_TYPE_OVERVIEW_PAGE (trellis_overview_page_get_type ())
G_DECLARE_FINAL_TYPE (TrellisOverviewPage, trellis_overview_page, TRELLIS, OVERVIEW_PAGE, AdwBin)

void trellis_overview_page_set_study (TrellisOverviewPage *self,
                                      TrellisStudy        *study);
gboolean trellis_overview_page_get_loading (TrellisOverviewPage *self);

G_END_DECLS
