/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "TRLS": the SQLite application_id that marks a file as a Trellis study. */
#define TRELLIS_APPLICATION_ID 0x54524C53

gboolean  trellis_file_probe                (const char  *path,
                                             GError     **error);
char     *trellis_file_resolve              (const char  *path);
gboolean  trellis_file_is_writable          (const char  *path);
gboolean  trellis_file_has_wal_content      (const char  *path);

G_END_DECLS
