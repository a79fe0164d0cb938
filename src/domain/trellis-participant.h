/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "trellis-consent-record.h"
#include "trellis-register-rules.h"

G_BEGIN_DECLS

#define TRELLIS_TYPE_PARTICIPANT (trellis_participant_get_type ())
G_DECLARE_FINAL_TYPE (TrellisParticipant, trellis_participant, TRELLIS, PARTICIPANT, GObject)

/* A participant as the card shows them: the pseudonymous study code, cohort,
 * dates (YYYY-MM-DD or NULL), the status and consent state derived from the
 * register's events, the withdrawal if any, the consent history and the
 * identifiable contact details, which only the card and an explicitly
 * identifiable export ever show. Status, consent state and withdrawal kind
 * are the enums of trellis-participant-status.h and trellis-consent-state.h. */
TrellisParticipant *trellis_participant_new                       (void);
gint64              trellis_participant_get_id                    (TrellisParticipant     *self);
void                trellis_participant_set_id                    (TrellisParticipant     *self,
                                                                   gint64                  value);
const char         *trellis_participant_get_code                  (TrellisParticipant     *self);
void                trellis_participant_set_code                  (TrellisParticipant     *self,
                                                                   const char             *value);
gint64              trellis_participant_get_cohort_id             (TrellisParticipant     *self);
void                trellis_participant_set_cohort_id             (TrellisParticipant     *self,
                                                                   gint64                  value);
const char         *trellis_participant_get_cohort_name           (TrellisParticipant     *self);
void                trellis_participant_set_cohort_name           (TrellisParticipant     *self,
                                                                   const char             *value);
const char         *trellis_participant_get_baseline_date         (TrellisParticipant     *self);
void                trellis_participant_set_baseline_date         (TrellisParticipant     *self,
                                                                   const char             *value);
const char         *trellis_participant_get_lost_date             (TrellisParticipant     *self);
void                trellis_participant_set_lost_date             (TrellisParticipant     *self,
                                                                   const char             *value);
const char         *trellis_participant_get_created               (TrellisParticipant     *self);
void                trellis_participant_set_created               (TrellisParticipant     *self,
                                                                   const char             *value);
int                 trellis_participant_get_status                (TrellisParticipant     *self);
void                trellis_participant_set_status                (TrellisParticipant     *self,
                                                                   int                     value);
int                 trellis_participant_get_consent_state         (TrellisParticipant     *self);
void                trellis_participant_set_consent_state         (TrellisParticipant     *self,
                                                                   int                     value);
gboolean            trellis_participant_get_withdrawn             (TrellisParticipant     *self);
void                trellis_participant_set_withdrawn             (TrellisParticipant     *self,
                                                                   gboolean                value);
int                 trellis_participant_get_withdrawal_kind       (TrellisParticipant     *self);
void                trellis_participant_set_withdrawal_kind       (TrellisParticipant     *self,
                                                                   int                     value);
const char         *trellis_participant_get_withdrawal_date       (TrellisParticipant     *self);
void                trellis_participant_set_withdrawal_date       (TrellisParticipant     *self,
                                                                   const char             *value);
const char         *trellis_participant_get_withdrawal_reason     (TrellisParticipant     *self);
void                trellis_participant_set_withdrawal_reason     (TrellisParticipant     *self,
                                                                   const char             *value);
const char         *trellis_participant_get_withdrawal_purged     (TrellisParticipant     *self);
void                trellis_participant_set_withdrawal_purged     (TrellisParticipant     *self,
                                                                   const char             *value);
const char         *trellis_participant_get_research_data_purged  (TrellisParticipant     *self);
void                trellis_participant_set_research_data_purged  (TrellisParticipant     *self,
                                                                   const char             *value);
const char         *trellis_participant_get_contact_name          (TrellisParticipant     *self);
void                trellis_participant_set_contact_name          (TrellisParticipant     *self,
                                                                   const char             *value);
const char         *trellis_participant_get_contact_email         (TrellisParticipant     *self);
void                trellis_participant_set_contact_email         (TrellisParticipant     *self,
                                                                   const char             *value);
const char         *trellis_participant_get_contact_phone         (TrellisParticipant     *self);
void                trellis_participant_set_contact_phone         (TrellisParticipant     *self,
                                                                   const char             *value);
const char         *trellis_participant_get_contact_notes         (TrellisParticipant     *self);
void                trellis_participant_set_contact_notes         (TrellisParticipant     *self,
                                                                   const char             *value);
const char         *trellis_participant_get_status_label          (TrellisParticipant     *self);
const char         *trellis_participant_get_consent_state_label   (TrellisParticipant     *self);
const char         *trellis_participant_get_withdrawal_kind_label (TrellisParticipant     *self);
GListModel         *trellis_participant_get_consents              (TrellisParticipant     *self);
void                trellis_participant_set_consents              (TrellisParticipant     *self,
                                                                   GPtrArray              *records);
void                trellis_participant_get_withdrawal_facts      (TrellisParticipant     *self,
                                                                   TrellisWithdrawalFacts *facts);
gboolean            trellis_participant_check_can_record          (TrellisParticipant     *self,
                                                                   GError *               *error);
gboolean            trellis_participant_check_can_schedule        (TrellisParticipant     *self,
                                                                   GError *               *error);

G_END_DECLS
