/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "trellis-audit-log.h"
#include "trellis-study.h"

G_BEGIN_DECLS

/* What a check of the audit chain found. */
typedef struct
{
  gboolean intact;
  gint64 n_rows;
  char *head_hash;      /* intact only */
  char *problem;        /* not intact: the first row that does not fit, in words */
} TrellisAuditCheck;

void               trellis_audit_check_free         (TrellisAuditCheck          *check);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrellisAuditCheck, trellis_audit_check_free)

/* The audit trail for reading (trellis-study-audit.c), in a worker thread
 * through the study's reader connection. */
void               trellis_study_read_audit_async   (TrellisStudy               *self,
                                                     const TrellisAuditLogQuery *query,
                                                     GCancellable               *cancellable,
                                                     GAsyncReadyCallback         callback,
                                                     gpointer                    user_data);
GPtrArray         *trellis_study_read_audit_finish  (TrellisStudy               *self,
                                                     GAsyncResult               *result,
                                                     GError                    **error);
void               trellis_study_verify_audit_async (TrellisStudy               *self,
                                                     GCancellable               *cancellable,
                                                     GAsyncReadyCallback         callback,
                                                     gpointer                    user_data);
TrellisAuditCheck *trellis_study_verify_audit_finish (TrellisStudy              *self,
                                                     GAsyncResult               *result,
                                                     GError                    **error);

G_END_DECLS
