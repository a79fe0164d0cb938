/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "trellis-audit-entry.h"
#include "trellis-database.h"

G_BEGIN_DECLS

/* How many audit rows one read returns unless asked otherwise. */
#define TRELLIS_AUDIT_LOG_PAGE_SIZE 500

/* One page of the audit trail to read, newest first. */
typedef struct
{
  gint64 before_id;     /* only rows older than this one; 0 for the newest */
  guint limit;          /* at most this many rows; 0 for a page */
  const char *filter;   /* words every row must contain, or NULL */
  gboolean reveal;      /* name the participants interview picks drew */
} TrellisAuditLogQuery;

GPtrArray *trellis_audit_log_read (TrellisDatabase            *db,
                                   const TrellisAuditLogQuery *query,
                                   GError                    **error);

G_END_DECLS
