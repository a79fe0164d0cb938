/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "trellis-study.h"

G_BEGIN_DECLS

#define TRELLIS_TYPE_STUDY_VIEW (trellis_study_view_get_type ())
G_DECLARE_FINAL_TYPE (TrellisStudyView, trellis_study_view, TRELLIS, STUDY_VIEW, AdwBin)

void        trellis_study_view_set_study (TrellisStudyView *self,
                                          TrellisStudy     *study);
gboolean    trellis_study_view_show_page (TrellisStudyView *self,
                                          const char       *name);
const char *trellis_study_view_get_page  (TrellisStudyView *self);
GtkWidget  *trellis_study_view_ensure_page (TrellisStudyView *self,
                                            const char       *name);
gboolean    trellis_study_view_get_page_loading (TrellisStudyView *self);
void        trellis_study_view_set_busy  (TrellisStudyView *self,
                                          gboolean          busy);
gboolean    trellis_study_view_get_busy  (TrellisStudyView *self);

G_END_DECLS
