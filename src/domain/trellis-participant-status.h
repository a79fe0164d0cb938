/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The values are only for this process; storage uses the _to_string forms. */
typedef enum
{
  TRELLIS_PARTICIPANT_STATUS_RECRUITED,
  TRELLIS_PARTICIPANT_STATUS_ACTIVE,
  TRELLIS_PARTICIPANT_STATUS_COMPLETED,
  TRELLIS_PARTICIPANT_STATUS_WITHDRAWN,
  TRELLIS_PARTICIPANT_STATUS_LOST_TO_FOLLOW_UP,
} TrellisParticipantStatus;

typedef enum
{
  TRELLIS_WITHDRAWAL_NO_FURTHER_CONTACT,
  TRELLIS_WITHDRAWAL_NO_FURTHER_DATA,
  TRELLIS_WITHDRAWAL_DATA_DESTRUCTION,
} TrellisWithdrawalType;

/* What has happened to a participant, as recorded by events. */
typedef struct
{
  gboolean              consented;
  gboolean              has_baseline_date;
  gboolean              completed_final_timepoint;
  gboolean              withdrawn;
  TrellisWithdrawalType withdrawal_type;   /* read only when withdrawn */
  gboolean              lost_to_follow_up;
} TrellisParticipantEvents;

TrellisParticipantStatus  trellis_participant_status_derive      (const TrellisParticipantEvents *events);
const char               *trellis_participant_status_to_label    (TrellisParticipantStatus        status);
const char               *trellis_participant_status_to_string   (TrellisParticipantStatus        status);
gboolean                  trellis_participant_status_from_string (const char                     *text,
                                                                  TrellisParticipantStatus       *out,
                                                                  GError                        **error);

const char               *trellis_withdrawal_type_to_label       (TrellisWithdrawalType           type);
const char               *trellis_withdrawal_type_to_string      (TrellisWithdrawalType           type);
gboolean                  trellis_withdrawal_type_from_string    (const char                     *text,
                                                                  TrellisWithdrawalType          *out,
                                                                  GError                        **error);
gboolean                  trellis_withdrawal_blocks_data_entry   (TrellisWithdrawalType           type);
gboolean                  trellis_withdrawal_blocks_contact      (TrellisWithdrawalType           type);

G_END_DECLS
