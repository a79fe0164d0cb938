/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "trellis-database.h"

G_BEGIN_DECLS

/* The first file format whose audit chain covers salted digests of the
 * values rather than the values (see the top of trellis-audit.c). */
#define TRELLIS_AUDIT_FIRST_SALTED_FORMAT 5

/* Hex lengths, without the NUL. */
#define TRELLIS_AUDIT_SALT_HEX_LENGTH 32
#define TRELLIS_AUDIT_VALUE_DIGEST_HEX_LENGTH 64

/* The action and table of the audit row a purge of research data writes to
 * account for the audit rows it redacted and rewrote. */
#define TRELLIS_AUDIT_REDACT_ACTION "redact"
#define TRELLIS_AUDIT_REDACT_TABLE "audit"

void     trellis_audit_new_salt         (char        *salt_hex);
gboolean trellis_audit_salted_digest    (const char  *salt_hex,
                                         const char  *value,
                                         char        *digest_hex);
gboolean trellis_audit_is_salted        (TrellisDatabase  *db,
                                         gboolean         *salted,
                                         GError          **error);

/* What a redact audit row says about one audit row it touched. */
typedef struct
{
  gint64 redact_id;       /* the redact audit row */
  gboolean rewritten;     /* FALSE: values and salt removed */
  char *old_digest;       /* rewritten only: the digests of the new values */
  char *new_digest;
} TrellisAuditRedactionEntry;

GHashTable *trellis_audit_read_redactions (TrellisDatabase  *db,
                                           GError          **error);
const TrellisAuditRedactionEntry *
            trellis_audit_find_redaction  (GHashTable       *redactions,
                                           gint64            audit_id,
                                           gint64            redact_id);

G_END_DECLS
