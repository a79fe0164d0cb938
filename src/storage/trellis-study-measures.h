/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "trellis-instrument.h"
#include "trellis-schedule.h"
#include "trellis-study.h"
#include "trellis-visit-answers.h"
#include "trellis-visit-table.h"

G_BEGIN_DECLS

/* Data collection, as TrellisStudy operations (trellis-study-measures.c):
 * intervention events, instruments, visits and the schedule. Every change
 * emits TrellisStudy::schedule-changed once it is saved. */
void                 trellis_study_emit_schedule_changed (TrellisStudy               *self,
                                                          gboolean                    instruments_changed);
gboolean             trellis_study_record_event          (TrellisStudy               *self,
                                                          gint64                      participant_id,
                                                          TrellisAnchor               kind,
                                                          const char                 *event_date,
                                                          GError                    **error);
gboolean             trellis_study_get_schedule_facts    (TrellisStudy               *self,
                                                          gint64                      participant_id,
                                                          TrellisScheduleFacts       *facts,
                                                          GError                    **error);
GListModel          *trellis_study_get_instruments       (TrellisStudy               *self);
TrellisInstrument   *trellis_study_find_instrument       (TrellisStudy               *self,
                                                          const char                 *code);
gboolean             trellis_study_add_instrument        (TrellisStudy               *self,
                                                          TrellisInstrument          *instrument,
                                                          GError                    **error);
gboolean             trellis_study_update_instrument     (TrellisStudy               *self,
                                                          TrellisInstrument          *instrument,
                                                          guint                      *n_rescored,
                                                          GError                    **error);
gboolean             trellis_study_delete_instrument     (TrellisStudy               *self,
                                                          gint64                      instrument_id,
                                                          GError                    **error);
gint64               trellis_study_count_answer_sheets   (TrellisStudy               *self,
                                                          gint64                      instrument_id,
                                                          GError                    **error);
gboolean             trellis_study_rescore               (TrellisStudy               *self,
                                                          const char                 *instrument_code,
                                                          guint                      *n_rescored,
                                                          GError                    **error);
TrellisVisitAnswers *trellis_study_load_visit            (TrellisStudy               *self,
                                                          gint64                      participant_id,
                                                          gint64                      timepoint_id,
                                                          GError                    **error);
gboolean             trellis_study_save_visit            (TrellisStudy               *self,
                                                          const TrellisVisitAnswers  *answers,
                                                          GError                    **error);
gboolean             trellis_study_set_visit_missed      (TrellisStudy               *self,
                                                          gint64                      participant_id,
                                                          gint64                      timepoint_id,
                                                          gboolean                    missed,
                                                          GError                    **error);
TrellisVisitTable   *trellis_study_read_visit_table      (TrellisStudy               *self,
                                                          guint32                     today,
                                                          GError                    **error);
void                 trellis_study_read_visit_table_async (TrellisStudy             *self,
                                                          guint32                     today,
                                                          GCancellable               *cancellable,
                                                          GAsyncReadyCallback         callback,
                                                          gpointer                    user_data);
TrellisVisitTable   *trellis_study_read_visit_table_finish (TrellisStudy            *self,
                                                          GAsyncResult               *result,
                                                          GError                    **error);
void                 trellis_study_warm_visit_table       (TrellisStudy             *self,
                                                           guint32                   today);
guint32              trellis_study_today                 (void);

G_END_DECLS
