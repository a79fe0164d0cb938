/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "trellis-database.h"

G_BEGIN_DECLS

/* One change, as the audit trail records it. Values are JSON text or NULL. */
typedef struct
{
  const char *action;      /* "create", "update", "insert", "delete", "migrate"… */
  const char *table_name;
  const char *row_key;
  const char *old_value;
  const char *new_value;
  const char *reason;
} TrellisAuditRecord;

gboolean  trellis_audit_append           (TrellisDatabase           *db,
                                          const TrellisAuditRecord  *record,
                                          GError                   **error);
gboolean  trellis_audit_append_migration (TrellisDatabase           *db,
                                          int                        from_version,
                                          int                        to_version,
                                          GError                   **error);
gboolean  trellis_audit_verify           (TrellisDatabase           *db,
                                          GError                   **error);
gboolean  trellis_audit_verify_chain     (TrellisDatabase           *db,
                                          GError                   **error);
char     *trellis_audit_head_hash        (TrellisDatabase           *db,
                                          GError                   **error);
gint64    trellis_audit_count            (TrellisDatabase           *db,
                                          GError                   **error);
gboolean  trellis_audit_backfill_chain   (TrellisDatabase           *db,
                                          GError                   **error);
gboolean  trellis_audit_rechain          (TrellisDatabase           *db,
                                          GError                   **error);

G_END_DECLS
