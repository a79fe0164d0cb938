/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "trellis-cohort.h"
#include "trellis-consent-version.h"
#include "trellis-participant.h"
#include "trellis-reconsent-entry.h"
#include "trellis-study.h"
#include "trellis-study-store.h"

G_BEGIN_DECLS

/* The coordinator's register, as TrellisStudy operations (trellis-study-register.c).
 * Every change emits TrellisStudy::register-changed once it is saved. The
 * participants list is not a model here: TrellisParticipantList reads it in
 * bulk and reloads on register-changed. */

void                trellis_study_emit_register_changed     (TrellisStudy              *self);

GPtrArray          *trellis_study_list_professions          (TrellisStudy              *self,
                                                             GError                   **error);
gint64              trellis_study_add_profession            (TrellisStudy              *self,
                                                             const char                *name,
                                                             GError                   **error);
gboolean            trellis_study_rename_profession         (TrellisStudy              *self,
                                                             const char                *name,
                                                             const char                *new_name,
                                                             GError                   **error);

GListModel         *trellis_study_get_cohorts               (TrellisStudy              *self);
gboolean            trellis_study_create_cohort             (TrellisStudy              *self,
                                                             TrellisCohort             *cohort,
                                                             GError                   **error);
gboolean            trellis_study_update_cohort             (TrellisStudy              *self,
                                                             TrellisCohort             *cohort,
                                                             GError                   **error);
gboolean            trellis_study_set_cohort_archived       (TrellisStudy              *self,
                                                             gint64                     cohort_id,
                                                             gboolean                   archived,
                                                             GError                   **error);
gboolean            trellis_study_delete_cohort             (TrellisStudy              *self,
                                                             gint64                     cohort_id,
                                                             GError                   **error);

gint64              trellis_study_add_participant           (TrellisStudy              *self,
                                                             const char                *code,
                                                             gint64                     cohort_id,
                                                             const char                *baseline_date,
                                                             GError                   **error);
gint64              trellis_study_add_participant_with_contact (TrellisStudy           *self,
                                                                const char             *code,
                                                                gint64                  cohort_id,
                                                                const char             *baseline_date,
                                                                const char             *name,
                                                                const char             *email,
                                                                const char             *phone,
                                                                const char             *notes,
                                                                GError                **error);
gboolean            trellis_study_update_participant        (TrellisStudy              *self,
                                                             gint64                     participant_id,
                                                             gint64                     cohort_id,
                                                             const char                *baseline_date,
                                                             GError                   **error);
gboolean            trellis_study_update_participant_with_contact (TrellisStudy        *self,
                                                                   gint64               participant_id,
                                                                   gint64               cohort_id,
                                                                   const char          *baseline_date,
                                                                   const char          *name,
                                                                   const char          *email,
                                                                   const char          *phone,
                                                                   const char          *notes,
                                                                   GError             **error);
gboolean            trellis_study_set_participant_contact   (TrellisStudy              *self,
                                                             gint64                     participant_id,
                                                             const char                *name,
                                                             const char                *email,
                                                             const char                *phone,
                                                             const char                *notes,
                                                             GError                   **error);
gboolean            trellis_study_set_participant_lost      (TrellisStudy              *self,
                                                             gint64                     participant_id,
                                                             const char                *lost_date,
                                                             GError                   **error);
gint64              trellis_study_lookup_participant        (TrellisStudy              *self,
                                                             const char                *code,
                                                             GError                   **error);
TrellisParticipant *trellis_study_get_participant           (TrellisStudy              *self,
                                                             gint64                     participant_id,
                                                             GError                   **error);
char               *trellis_study_next_participant_code     (TrellisStudy              *self,
                                                             GError                   **error);

GListModel         *trellis_study_get_consent_versions      (TrellisStudy              *self);
gboolean            trellis_study_add_consent_version       (TrellisStudy              *self,
                                                             TrellisConsentVersion     *version,
                                                             GError                   **error);
gboolean            trellis_study_update_consent_version    (TrellisStudy              *self,
                                                             TrellisConsentVersion     *version,
                                                             GError                   **error);
gint64              trellis_study_record_consent            (TrellisStudy              *self,
                                                             gint64                     participant_id,
                                                             gint64                     version_id,
                                                             const char                *consent_date,
                                                             const char                *taken_by,
                                                             GHashTable                *answers,
                                                             GError                   **error);
GArray             *trellis_study_list_reconsent_needed     (TrellisStudy              *self,
                                                             GError                   **error);
GPtrArray          *trellis_study_list_reconsent_entries    (TrellisStudy              *self,
                                                             GError                   **error);
GPtrArray          *trellis_study_list_participant_codes    (TrellisStudy              *self,
                                                             GError                   **error);

gint64              trellis_study_record_withdrawal         (TrellisStudy              *self,
                                                             gint64                     participant_id,
                                                             TrellisWithdrawalType      kind,
                                                             const char                *effective_date,
                                                             const char                *reason,
                                                             GError                   **error);
gboolean            trellis_study_purge_participant         (TrellisStudy              *self,
                                                             gint64                     participant_id,
                                                             const char                *reason,
                                                             gboolean                  *log_cleared,
                                                             GError                   **error);

char               *trellis_study_get_code_pattern          (TrellisStudy              *self,
                                                             GError                   **error);
gboolean            trellis_study_set_code_pattern          (TrellisStudy              *self,
                                                             const char                *pattern,
                                                             GError                   **error);
gboolean            trellis_study_get_withdrawal_types      (TrellisStudy              *self,
                                                             guint                     *types,
                                                             GError                   **error);
gboolean            trellis_study_set_withdrawal_types      (TrellisStudy              *self,
                                                             guint                      types,
                                                             GError                   **error);
gboolean            trellis_study_get_destruction_policy    (TrellisStudy              *self,
                                                             TrellisDestructionPolicy  *policy,
                                                             GError                   **error);
gboolean            trellis_study_set_destruction_policy    (TrellisStudy              *self,
                                                             TrellisDestructionPolicy   policy,
                                                             GError                   **error);

G_END_DECLS
