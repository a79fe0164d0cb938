/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TRELLIS_STORAGE_ERROR (trellis_storage_error_quark ())

/* Each way a study file can fail to open or to save gets its own code, so the
 * application can offer the right way out (retry for a lock, update for a newer
 * file, restore a backup for a damaged one). */
typedef enum
{
  TRELLIS_STORAGE_ERROR_FAILED,
  TRELLIS_STORAGE_ERROR_NOT_FOUND,
  TRELLIS_STORAGE_ERROR_EXISTS,
  TRELLIS_STORAGE_ERROR_EMPTY,
  TRELLIS_STORAGE_ERROR_NOT_SQLITE,
  TRELLIS_STORAGE_ERROR_FOREIGN,
  TRELLIS_STORAGE_ERROR_TRUNCATED,
  TRELLIS_STORAGE_ERROR_CORRUPT,
  TRELLIS_STORAGE_ERROR_READ_ONLY,
  TRELLIS_STORAGE_ERROR_LOCKED,
  TRELLIS_STORAGE_ERROR_NEWER,
  TRELLIS_STORAGE_ERROR_MIGRATION,
  TRELLIS_STORAGE_ERROR_AUDIT,
  TRELLIS_STORAGE_ERROR_CONSTRAINT,
  TRELLIS_STORAGE_ERROR_IO,
} TrellisStorageError;

GQuark trellis_storage_error_quark (void);

G_END_DECLS
