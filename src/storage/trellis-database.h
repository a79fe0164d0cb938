/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* How a study is opened. A read-only open never writes to the file, never
 * claims it (so it works while someone else edits the study) and never
 * upgrades it: a study in an older format is refused instead, with
 * TRELLIS_STORAGE_ERROR_MIGRATION when the caller asked for read-only (it
 * needs an upgrade the caller can offer) and TRELLIS_STORAGE_ERROR_READ_ONLY
 * when the caller wanted to write but the file or its folder cannot be.
 * NO_UPGRADE opens for writing but refuses an older format the way a
 * read-only open does, for a caller that changes the study yet leaves
 * upgrading to a command of its own (trellis-cli upgrade). */
typedef enum
{
  TRELLIS_OPEN_FLAGS_NONE = 0,
  TRELLIS_OPEN_FLAGS_READ_ONLY = 1 << 0,
  TRELLIS_OPEN_FLAGS_NO_UPGRADE = 1 << 1,
} TrellisOpenFlags;

/* Why an open study is read-only. Where several apply, the one that tells the
 * person what to change wins: the file, then its folder, then the request. */
typedef enum
{
  TRELLIS_READ_ONLY_REASON_NONE,        /* writable: the study is claimed by this open */
  TRELLIS_READ_ONLY_REASON_REQUESTED,   /* the caller passed TRELLIS_OPEN_FLAGS_READ_ONLY */
  TRELLIS_READ_ONLY_REASON_FILE,        /* the study file itself is not writable */
  TRELLIS_READ_ONLY_REASON_FOLDER,      /* its folder is not writable, so SQLite cannot
                                         * create the write-ahead log beside it */
} TrellisReadOnlyReason;

#define TRELLIS_TYPE_DATABASE (trellis_database_get_type ())
G_DECLARE_FINAL_TYPE (TrellisDatabase, trellis_database, TRELLIS, DATABASE, GObject)

TrellisDatabase      *trellis_database_create               (const char       *path,
                                                             const char       *title,
                                                             GError          **error);
TrellisDatabase      *trellis_database_open                 (const char       *path,
                                                             TrellisOpenFlags  flags,
                                                             GError          **error);
const char           *trellis_database_get_path             (TrellisDatabase  *self);
gboolean              trellis_database_is_read_only         (TrellisDatabase  *self);
TrellisReadOnlyReason trellis_database_get_read_only_reason (TrellisDatabase  *self);
int                   trellis_database_get_schema_version   (TrellisDatabase  *self);
const char           *trellis_database_get_migration_backup (TrellisDatabase  *self);
int                   trellis_database_get_migrated_from    (TrellisDatabase  *self);
gboolean              trellis_database_begin_read           (TrellisDatabase  *self,
                                                             GError          **error);
void                  trellis_database_end_read             (TrellisDatabase  *self);
gboolean              trellis_database_check_integrity      (TrellisDatabase  *self,
                                                             GError          **error);
gboolean              trellis_database_save_copy            (TrellisDatabase  *self,
                                                             const char       *dest_path,
                                                             GError          **error);

G_END_DECLS
