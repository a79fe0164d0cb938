/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "trellis-interview-conflicts.h"
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

/* Every interview of the study, in draw and pick order, without warnings. */
GPtrArray *trellis_interview_read_rows  (TrellisDatabase  *db,
                                         guint32           today,
                                         GError          **error);
GPtrArray *trellis_interview_read_rows_with_table (TrellisDatabase    *db,
                                                   TrellisVisitTable  *table,
                                                   GError            **error);
/* The rows as the domain's conflict checks take them. With conceal, each
 * participant is named by draw and pick rather than by code, for warnings
 * kept in the study's audit trail; labels then owns those names. */
GArray    *trellis_interview_rows_to_slots (GPtrArray      *rows,
                                            gboolean        conceal,
                                            GPtrArray      *labels);
GPtrArray *trellis_interview_conflict_messages (GArray     *slots,
                                                gint64      interview_id,
                                                const char *zone,
                                                gint64      now);

G_END_DECLS
