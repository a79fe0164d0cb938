/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "trellis-interview-store.h"

G_BEGIN_DECLS

/* Shared by the interview store's files (trellis-interview-*.c). */
char     *trellis_interview_quotas_to_json (GPtrArray       *cohorts,
                                            const guint     *quotas);
gboolean  trellis_interview_insert_pick    (TrellisDatabase *db,
                                            gint64           draw_id,
                                            guint            sequence,
                                            gint64           participant_id,
                                            const char      *cohort,
                                            gint64           replaces,
                                            gboolean         recorded,
                                            gint64          *pick_id,
                                            gint64          *interview_id,
                                            GError         **error);
void      trellis_eligible_cohort_free     (gpointer         cohort);
TrellisEligibleCohort *trellis_eligible_cohort_new (const char *name);

G_END_DECLS
