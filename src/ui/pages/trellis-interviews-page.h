/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "trellis-study.h"

G_BEGIN_DECLS

#define TRELLIS_TYPE_INTERVIEWS_PAGE (trellis_interviews_page_get_type ())
G_DECLARE_FINAL_TYPE (TrellisInterviewsPage, trellis_interviews_page, TRELLIS, INTERVIEWS_PAGE, AdwBin)

void        trellis_interviews_page_set_study      (TrellisInterviewsPage *self,
                                                    TrellisStudy          *study);
void        trellis_interviews_page_reload         (TrellisInterviewsPage *self);
gboolean    trellis_interviews_page_get_loading    (TrellisInterviewsPage *self);
const char *trellis_interviews_page_get_role       (TrellisInterviewsPage *self);
void        trellis_interviews_page_set_role       (TrellisInterviewsPage *self,
                                                    const char            *role);
guint       trellis_interviews_page_get_n_eligible (TrellisInterviewsPage *self,
                                                    const char            *cohort);

G_END_DECLS
