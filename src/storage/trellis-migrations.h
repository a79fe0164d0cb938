/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "trellis-database.h"

G_BEGIN_DECLS

/* The schema version this build writes. A file with a higher PRAGMA user_version
 * came from a newer Trellis and is refused; a lower one is migrated. */
#define TRELLIS_SCHEMA_VERSION 8

gboolean trellis_migrations_apply       (TrellisDatabase  *db,
                                         int               from_version,
                                         GError          **error);
gboolean trellis_migrations_check_audit (TrellisDatabase  *db,
                                         int               from_version,
                                         GError          **error);

G_END_DECLS
