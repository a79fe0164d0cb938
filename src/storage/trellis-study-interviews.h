/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "trellis-interview-store.h"
#include "trellis-study.h"

G_BEGIN_DECLS

/* Interviews, as TrellisStudy operations (trellis-study-interviews.c): who
 * may be drawn, the draws, replacements and checks. Every change emits
 * TrellisStudy::interviews-changed once it is saved. */
void                 trellis_study_read_eligible_async  (TrellisStudy                      *self,
                                                         const TrellisInterviewEligibility *rule,
                                                         guint32                            today,
                                                         GCancellable                      *cancellable,
                                                         GAsyncReadyCallback                callback,
                                                         gpointer                           user_data);
TrellisEligibleList *trellis_study_read_eligible_finish (TrellisStudy                      *self,
                                                         GAsyncResult                      *result,
                                                         GError                           **error);
TrellisEligibleList *trellis_study_read_eligible        (TrellisStudy                      *self,
                                                         const TrellisInterviewEligibility *rule,
                                                         guint32                            today,
                                                         GError                           **error);
gint64               trellis_study_draw_interviews      (TrellisStudy                      *self,
                                                         const TrellisDrawRequest          *request,
                                                         GError                           **error);
gint64               trellis_study_replace_pick         (TrellisStudy                      *self,
                                                         gint64                             draw_id,
                                                         gint64                             participant_id,
                                                         TrellisInterviewStatus             reason,
                                                         GError                           **error);
GPtrArray           *trellis_study_list_draws           (TrellisStudy                      *self,
                                                         GError                           **error);
gboolean             trellis_study_verify_draw          (TrellisStudy                      *self,
                                                         gint64                             draw_id,
                                                         TrellisDrawCheck                  *check,
                                                         char                             **description,
                                                         GError                           **error);

gboolean             trellis_study_schedule_interview   (TrellisStudy                      *self,
                                                         gint64                             participant_id,
                                                         const TrellisScheduleRequest      *request,
                                                         GPtrArray                        **warnings,
                                                         TrellisLocalTimeCandidates        *candidates,
                                                         GError                           **error);
void                 trellis_study_schedule_interview_async  (TrellisStudy                 *self,
                                                              gint64                        participant_id,
                                                              const TrellisScheduleRequest *request,
                                                              GCancellable                 *cancellable,
                                                              GAsyncReadyCallback           callback,
                                                              gpointer                      user_data);
gboolean             trellis_study_schedule_interview_finish (TrellisStudy                 *self,
                                                              GAsyncResult                 *result,
                                                              GPtrArray                   **warnings,
                                                              TrellisLocalTimeCandidates   *candidates,
                                                              GError                      **error);

GPtrArray           *trellis_study_list_interviews      (TrellisStudy                      *self,
                                                         const TrellisInterviewFilter      *filter,
                                                         GError                           **error);
gboolean             trellis_study_move_interview       (TrellisStudy                      *self,
                                                         gint64                             participant_id,
                                                         TrellisInterviewStatus             status,
                                                         guint                              actual_minutes,
                                                         const char                        *anonymised_by,
                                                         GError                           **error);
void                 trellis_study_attach_transcript_async  (TrellisStudy                  *self,
                                                             gint64                         participant_id,
                                                             const char                    *path,
                                                             GCancellable                  *cancellable,
                                                             GAsyncReadyCallback            callback,
                                                             gpointer                       user_data);
char                *trellis_study_attach_transcript_finish (TrellisStudy                  *self,
                                                             GAsyncResult                  *result,
                                                             GError                       **error);
void                 trellis_study_export_interviews_async  (TrellisStudy                  *self,
                                                             GFile                         *file,
                                                             GCancellable                  *cancellable,
                                                             GAsyncReadyCallback            callback,
                                                             gpointer                       user_data);
gboolean             trellis_study_export_interviews_finish (TrellisStudy                  *self,
                                                             GAsyncResult                  *result,
                                                             guint                         *n_events,
                                                             GError                       **error);

G_END_DECLS
