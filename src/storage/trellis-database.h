/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* How a study is opened. A read-only open never writes to the file, never
 * claims it (so it works while someone else edits the study) and never
 * upgrades it: a study in an older format is refused instead. */
typedef enum
{
  TRELLIS_OPEN_FLAGS_NONE = 0,
  TRELLIS_OPEN_FLAGS_READ_ONLY = 1 << 0,
} TrellisOpenFlags;

#define TRELLIS_TYPE_DATABASE (trellis_database_get_type ())
G_DECLARE_FINAL_TYPE (TrellisDatabase, trellis_database, TRELLIS, DATABASE, GObject)

TrellisDatabase *trellis_database_create              (const char       *path,
                                                       const char       *title,
                                                       GError          **error);
TrellisDatabase *trellis_database_open                (const char       *path,
                                                       TrellisOpenFlags  flags,
                                                       GError          **error);
const char      *trellis_database_get_path            (TrellisDatabase  *self);
gboolean         trellis_database_is_read_only        (TrellisDatabase  *self);
int              trellis_database_get_schema_version  (TrellisDatabase  *self);
const char      *trellis_database_get_migration_backup (TrellisDatabase  *self);
int              trellis_database_get_migrated_from   (TrellisDatabase  *self);
gboolean         trellis_database_check_integrity     (TrellisDatabase  *self,
                                                       GError          **error);
gboolean         trellis_database_save_copy           (TrellisDatabase  *self,
                                                       const char       *dest_path,
                                                       GError          **error);

G_END_DECLS
