/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TRELLIS_IMPORT_ERROR (trellis_import_error_quark ())

/* The ways an imported file can be wrong, each with its own code so that the
 * caller can tell a damaged file from one that is merely too big. */
typedef enum
{
  TRELLIS_IMPORT_ERROR_MALFORMED,
  TRELLIS_IMPORT_ERROR_ENCODING,
  TRELLIS_IMPORT_ERROR_TOO_LARGE,
  /* The file reads as CSV, but its rows cannot be imported as they are. */
  TRELLIS_IMPORT_ERROR_INVALID,
} TrellisImportError;

GQuark trellis_import_error_quark (void);

#define TRELLIS_CSV_DEFAULT_MAX_FIELD_BYTES (64 * 1024)
#define TRELLIS_CSV_DEFAULT_MAX_FIELDS      256

/* Bounds that keep a hostile or broken file from taking all memory. A zero
 * member means the default. */
typedef struct
{
  gsize max_field_bytes;
  guint max_fields;
} TrellisCsvLimits;

typedef struct _TrellisCsvReader TrellisCsvReader;

TrellisCsvReader *trellis_csv_reader_new      (const char              *file_name,
                                               GBytes                  *bytes,
                                               const TrellisCsvLimits  *limits);
gboolean          trellis_csv_reader_next_row (TrellisCsvReader        *self,
                                               GPtrArray              **fields_out,
                                               GError                 **error);
gboolean          trellis_csv_reader_next_fields (TrellisCsvReader     *self,
                                                  GPtrArray           **fields_out,
                                                  GError              **error);
guint             trellis_csv_reader_get_line (TrellisCsvReader        *self);
void              trellis_csv_reader_free     (TrellisCsvReader        *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrellisCsvReader, trellis_csv_reader_free)

G_END_DECLS
