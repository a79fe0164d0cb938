/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "trellis-study.h"

G_BEGIN_DECLS

#define TRELLIS_TYPE_AUDIT_PAGE (trellis_audit_page_get_type ())
G_DECLARE_FINAL_TYPE (TrellisAuditPage, trellis_audit_page, TRELLIS, AUDIT_PAGE, AdwBin)

void        trellis_audit_page_set_study   (TrellisAuditPage *self,
                                            TrellisStudy     *study);
gboolean    trellis_audit_page_get_loading (TrellisAuditPage *self);
gboolean    trellis_audit_page_get_reveal  (TrellisAuditPage *self);
GListModel *trellis_audit_page_get_entries (TrellisAuditPage *self);
gboolean    trellis_audit_page_get_checking (TrellisAuditPage *self);

G_END_DECLS
