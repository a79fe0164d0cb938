/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define TRELLIS_TYPE_AUDIT_ENTRY (trellis_audit_entry_get_type ())
G_DECLARE_FINAL_TYPE (TrellisAuditEntry, trellis_audit_entry, TRELLIS, AUDIT_ENTRY, GObject)

/* One audit row as the Audit page shows it: read-only, with the change put
 * into one line of words (see trellis-audit-log.c). The time is the row's
 * UTC time in the local time zone. */
TrellisAuditEntry *trellis_audit_entry_new           (gint64       id,
                                                      const char  *time,
                                                      const char  *user,
                                                      const char  *action,
                                                      const char  *table_name,
                                                      const char  *row_key,
                                                      const char  *reason,
                                                      const char  *summary);
gint64             trellis_audit_entry_get_id         (TrellisAuditEntry *self);
const char        *trellis_audit_entry_get_time       (TrellisAuditEntry *self);
const char        *trellis_audit_entry_get_user       (TrellisAuditEntry *self);
const char        *trellis_audit_entry_get_action     (TrellisAuditEntry *self);
const char        *trellis_audit_entry_get_table_name (TrellisAuditEntry *self);
const char        *trellis_audit_entry_get_row_key    (TrellisAuditEntry *self);
const char        *trellis_audit_entry_get_reason     (TrellisAuditEntry *self);
const char        *trellis_audit_entry_get_summary    (TrellisAuditEntry *self);

G_END_DECLS
