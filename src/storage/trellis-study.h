/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "trellis-database.h"
#include "trellis-timepoint.h"

G_BEGIN_DECLS

#define TRELLIS_TYPE_STUDY (trellis_study_get_type ())
G_DECLARE_FINAL_TYPE (TrellisStudy, trellis_study, TRELLIS, STUDY, GObject)

/* The façade a window receives: the open study file, its models and its audited
 * operations. Nothing above storage sees SQL. */
TrellisStudy    *trellis_study_create            (const char        *path,
                                                  const char        *title,
                                                  GError           **error);
TrellisStudy    *trellis_study_open              (const char        *path,
                                                  TrellisOpenFlags   flags,
                                                  GError           **error);
TrellisDatabase *trellis_study_get_database      (TrellisStudy      *self);
const char      *trellis_study_get_path          (TrellisStudy      *self);
const char      *trellis_study_get_title         (TrellisStudy      *self);
const char      *trellis_study_get_created       (TrellisStudy      *self);
gboolean         trellis_study_is_read_only      (TrellisStudy      *self);
TrellisReadOnlyReason trellis_study_get_read_only_reason (TrellisStudy *self);
gboolean         trellis_study_set_title         (TrellisStudy      *self,
                                                  const char        *title,
                                                  GError           **error);
GListModel      *trellis_study_get_timepoints    (TrellisStudy      *self);
gboolean         trellis_study_add_timepoint     (TrellisStudy      *self,
                                                  TrellisTimepoint  *timepoint,
                                                  GError           **error);
gboolean         trellis_study_update_timepoint  (TrellisStudy      *self,
                                                  TrellisTimepoint  *timepoint,
                                                  GError           **error);
gboolean         trellis_study_remove_timepoint  (TrellisStudy      *self,
                                                  TrellisTimepoint  *timepoint,
                                                  GError           **error);
gint64           trellis_study_get_audit_count   (TrellisStudy      *self);
GListModel      *trellis_study_get_participant_list (TrellisStudy   *self);
gboolean         trellis_study_read_participant_list (TrellisStudy  *self,
                                                      GListModel   **list,
                                                      GError       **error);
gboolean         trellis_study_save_copy         (TrellisStudy      *self,
                                                  const char        *dest_path,
                                                  GError           **error);

/* Study-level facts about the file, so callers never need the database. */
int              trellis_study_get_schema_version   (TrellisStudy        *self);
const char      *trellis_study_get_migration_backup (TrellisStudy        *self);
int              trellis_study_get_migrated_from    (TrellisStudy        *self);

/* Slow operations, run in a worker thread. */
void             trellis_study_open_async       (const char          *path,
                                                 TrellisOpenFlags     flags,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
TrellisStudy    *trellis_study_open_finish      (GAsyncResult        *result,
                                                 GError             **error);
void             trellis_study_save_copy_async  (TrellisStudy        *self,
                                                 const char          *dest_path,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean         trellis_study_save_copy_finish (TrellisStudy        *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);
void             trellis_study_complete_participant_list_async  (TrellisStudy        *self,
                                                                 GCancellable        *cancellable,
                                                                 GAsyncReadyCallback  callback,
                                                                 gpointer             user_data);
gboolean         trellis_study_complete_participant_list_finish (TrellisStudy        *self,
                                                                 GAsyncResult        *result,
                                                                 GError             **error);

G_END_DECLS

/* The register's and data collection's operations, declared apart so that
 * this file stays readable. */
#include "trellis-study-register.h"
#include "trellis-study-measures.h"
