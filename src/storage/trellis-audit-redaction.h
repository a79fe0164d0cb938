/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "trellis-database.h"

G_BEGIN_DECLS

/* The audit values a purge takes out of the trail, planned first and then
 * applied with the purge's own "redact" audit row. For the stores only. */
typedef struct _TrellisAuditRedaction TrellisAuditRedaction;

/* Rows of one audited table whose audit values are to go, each set a JSON
 * array. A single-row audit row goes if its row is listed in ids and one of
 * its values names one of owners at owner_path (so that a row id SQLite
 * reused for someone else's row keeps that row's audit rows); an entry of a
 * bulk audit row goes if its row is listed in bulk_ids. */
typedef struct
{
  const char *table;
  const char *ids;
  const char *owner_path;
  const char *owners;
  const char *bulk_ids;
} TrellisAuditRedactionRows;

TrellisAuditRedaction *trellis_audit_redaction_new           (void);
void                   trellis_audit_redaction_free          (TrellisAuditRedaction  *self);
gboolean               trellis_audit_redaction_add_rows      (TrellisAuditRedaction  *self,
                                                              TrellisDatabase        *db,
                                                              const TrellisAuditRedactionRows *rows,
                                                              GError                **error);
guint                  trellis_audit_redaction_get_redacted  (TrellisAuditRedaction  *self);
guint                  trellis_audit_redaction_get_rewritten (TrellisAuditRedaction  *self);
gboolean               trellis_audit_redaction_apply         (TrellisAuditRedaction  *self,
                                                              TrellisDatabase        *db,
                                                              const char             *row_key,
                                                              const char             *reason,
                                                              GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrellisAuditRedaction, trellis_audit_redaction_free)

G_END_DECLS
