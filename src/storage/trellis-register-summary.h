/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "trellis-consent-state.h"
#include "trellis-database.h"
#include "trellis-participant-status.h"

G_BEGIN_DECLS

/* One cohort and how many participants it holds. */
typedef struct
{
  char    *name;
  gboolean archived;
  gint64   n_participants;
} TrellisRegisterCohort;

/* The register in numbers, as a report shows it: counts only, never a code or
 * an identifier, so it can be printed or shared freely. */
typedef struct
{
  GArray *cohorts;                                              /* of TrellisRegisterCohort */
  gint64  n_participants;
  gint64  by_status[TRELLIS_PARTICIPANT_STATUS_LOST_TO_FOLLOW_UP + 1];
  gint64  by_consent[TRELLIS_CONSENT_STATE_RECONSENT_NEEDED + 1];
  gint64  by_withdrawal[TRELLIS_WITHDRAWAL_DATA_DESTRUCTION + 1];   /* withdrawal events */
} TrellisRegisterSummary;

TrellisRegisterSummary *trellis_register_summary_read (TrellisDatabase         *db,
                                                       GError                 **error);
void                    trellis_register_summary_free (TrellisRegisterSummary  *summary);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrellisRegisterSummary, trellis_register_summary_free)

G_END_DECLS
