/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "trellis-database.h"

G_BEGIN_DECLS

/* For TrellisDatabase only: the study's files on disk, by path. */
char                 *trellis_database_files_uri               (const char        *path,
                                                                const char        *mode,
                                                                gboolean           immutable);
gboolean              trellis_database_files_folder_is_writable (const char       *path);
TrellisReadOnlyReason trellis_database_files_read_only_reason  (const char        *path,
                                                                TrellisOpenFlags   flags);
gboolean              trellis_database_files_have_sidecars     (const char        *path);
void                  trellis_database_files_tidy              (const char        *path);
gboolean              trellis_database_files_check_unused      (const char        *path,
                                                                GError           **error);
gboolean              trellis_database_files_create_empty      (const char        *path,
                                                                GError           **error);
void                  trellis_database_files_remove_created    (const char        *path);
gboolean              trellis_database_files_copy              (sqlite3           *source,
                                                                const char        *source_path,
                                                                const char        *dest_path,
                                                                GError           **error);
gboolean              trellis_database_files_publish           (const char        *temp,
                                                                const char        *dest_path,
                                                                GError           **error);

/* For tests only. */
typedef void (*TrellisDatabaseFilesHook) (const char *dest_path,
                                          gpointer    user_data);
void                  trellis_database_files_set_before_publish (TrellisDatabaseFilesHook hook,
                                                                 gpointer                 user_data);

G_END_DECLS
