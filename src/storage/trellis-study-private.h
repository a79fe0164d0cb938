/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "trellis-study.h"
#include "trellis-visit-table.h"

G_BEGIN_DECLS

/* Shared by the files that make up TrellisStudy; nothing else uses these. */
GListStore *trellis_study_get_cohort_store          (TrellisStudy  *self);
GListStore *trellis_study_get_consent_version_store (TrellisStudy  *self);
gboolean    trellis_study_reload_register           (TrellisStudy  *self,
                                                     GError       **error);
void        trellis_study_notify_audit_count        (TrellisStudy  *self);
GListStore *trellis_study_get_instrument_store      (TrellisStudy  *self);
gboolean    trellis_study_reload_instruments        (TrellisStudy  *self,
                                                     GError       **error);
TrellisDatabase *trellis_study_lock_reader          (TrellisStudy  *self,
                                                     GError       **error);
void        trellis_study_unlock_reader             (TrellisStudy  *self,
                                                     gboolean       failed);
TrellisVisitTable *trellis_study_dup_kept_visit_table (TrellisStudy    *self,
                                                       guint32          today);
guint       trellis_study_get_changes               (TrellisStudy      *self);
void        trellis_study_keep_visit_table          (TrellisStudy      *self,
                                                     TrellisVisitTable *table,
                                                     guint              changes);

G_END_DECLS
