/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "trellis-database.h"

G_BEGIN_DECLS

/* A table whose every row the audit trail covers: the last audit row written
 * for a row always holds that row's current values, as row_json renders them. */
typedef struct
{
  const char *table;
  const char *row_json;   /* an SQL expression over the table's columns */
} TrellisAuditedTable;

gboolean trellis_audit_snapshot        (TrellisDatabase  *db,
                                        const char       *table,
                                        gint64            row_id,
                                        char            **json,
                                        GError          **error);
gboolean trellis_audit_append_change   (TrellisDatabase  *db,
                                        const char       *action,
                                        const char       *table,
                                        gint64            row_id,
                                        const char       *old_value,
                                        const char       *reason,
                                        GError          **error);
/* The row_key of an audit row that records many rows at once. */
#define TRELLIS_AUDIT_BULK_KEY "bulk"

/* The length of a row's digest in a bulk audit row, in characters. */
#define TRELLIS_AUDIT_DIGEST_LENGTH 16

void     trellis_audit_digest             (const char  *value,
                                           gsize        length,
                                           char        *digest);
void     trellis_audit_register_functions (sqlite3     *handle);

gboolean trellis_audit_append_bulk     (TrellisDatabase  *db,
                                        const char       *action,
                                        const char       *table,
                                        gint64            first_id,
                                        gint64            last_id,
                                        const char       *reason,
                                        GError          **error);
gboolean trellis_audit_append_bulk_matching (TrellisDatabase *db,
                                             const char      *action,
                                             const char      *table,
                                             const char      *column,
                                             gint64           value,
                                             const char      *reason,
                                             GError         **error);
gboolean trellis_audit_verify_coverage (TrellisDatabase  *db,
                                        GError          **error);
gboolean trellis_audit_baseline        (TrellisDatabase   *db,
                                        const char *const *tables,
                                        const char        *reason,
                                        GError           **error);

G_END_DECLS
