/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "trellis-database.h"

G_BEGIN_DECLS

/* For the stores only: widgets and the CLI never see SQL. */
sqlite3      *trellis_database_get_handle   (TrellisDatabase  *self);
sqlite3_stmt *trellis_database_prepare      (TrellisDatabase  *self,
                                             const char       *sql,
                                             GError          **error);
sqlite3_stmt *trellis_database_query_single (TrellisDatabase  *self,
                                             const char       *sql,
                                             GError          **error);
gboolean      trellis_database_exec         (TrellisDatabase  *self,
                                             const char       *sql,
                                             GError          **error);
gboolean      trellis_database_step_done    (TrellisDatabase  *self,
                                             sqlite3_stmt     *stmt,
                                             GError          **error);
gboolean      trellis_database_begin_write  (TrellisDatabase  *self,
                                             GError          **error);
gboolean      trellis_database_commit       (TrellisDatabase  *self,
                                             GError          **error);
void          trellis_database_rollback     (TrellisDatabase  *self);
void          trellis_database_set_error    (TrellisDatabase  *self,
                                             GError          **error,
                                             int               rc);
TrellisDatabase *trellis_database_open_reader (TrellisDatabase *self,
                                               GError         **error);
void          trellis_database_set_triggers_enabled (TrellisDatabase *self,
                                                     gboolean         enabled);
gboolean      trellis_database_begin_derived_write (TrellisDatabase *self);
gboolean      trellis_database_end_derived_write   (TrellisDatabase *self,
                                                    gboolean         stored);

G_END_DECLS
