/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "trellis-database.h"

G_BEGIN_DECLS

/* Whether the participant whose id is the SQL expression id completed the
 * plan's last timepoint: what makes their status "completed". */
#define TRELLIS_STORE_COMPLETED_FINAL_SQL(id) \
  "EXISTS (SELECT 1 FROM visit WHERE participant_id = " id " AND completed_date IS NOT NULL" \
  " AND timepoint_id = (SELECT id FROM timepoint_def ORDER BY position DESC, id DESC LIMIT 1))"

/* Small helpers the register's stores share. For stores only. */
char     *trellis_store_column_dup   (sqlite3_stmt     *stmt,
                                      int               column);
char     *trellis_store_clean_text   (const char       *text);
gboolean  trellis_store_check_date   (const char       *text,
                                      const char       *what,
                                      char            **canonical,
                                      GError          **error);
gboolean  trellis_store_query_int64  (TrellisDatabase  *db,
                                      const char       *sql,
                                      gint64            id,
                                      gint64           *value,
                                      GError          **error);
gboolean  trellis_store_name_taken   (TrellisDatabase  *db,
                                      const char       *table,
                                      const char       *column,
                                      const char       *name,
                                      gint64            own_id,
                                      char            **existing,
                                      GError          **error);
gboolean  trellis_store_update_row   (TrellisDatabase  *db,
                                      const char       *table,
                                      gint64            id,
                                      const char       *action,
                                      sqlite3_stmt     *stmt,
                                      const char       *reason,
                                      GError          **error);

G_END_DECLS
