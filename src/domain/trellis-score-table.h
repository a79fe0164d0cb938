/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One instrument's scores in long form, compact enough for 100,000
 * participants × 4 timepoints: what the statistics fit and the plots draw.
 *
 * Observations are grouped by participant (compressed rows): participant i
 * owns observations first[i] … first[i + 1] − 1, in timepoint order, at most
 * one per timepoint. A table built by hand may hold participants without any
 * score (first[i] == first[i + 1]); one read from a study holds only those
 * with scores, and counts everyone in its register in n_registered.
 * Timepoints are in plan order and the first is the baseline. Cohort
 * indexes refer to cohort_names; a table read from a CSV has one cohort. */
typedef struct
{
  guint     n_participants;
  guint     n_registered;        /* everyone the data is from: at least n_participants */
  guint     n_timepoints;
  guint     n_cohorts;
  guint     n_observations;

  char    **participant_codes;   /* n_participants, NULL-terminated; NULL if not kept */
  char    **timepoint_codes;     /* n_timepoints, NULL-terminated */
  char    **timepoint_labels;    /* n_timepoints, NULL-terminated */
  char    **cohort_names;        /* n_cohorts, NULL-terminated */

  guint32  *participant_cohort;  /* n_participants */
  guint32  *first;               /* n_participants + 1 */
  guint8   *timepoint;           /* n_observations: index into timepoint_codes */
  double   *value;               /* n_observations */
} TrellisScoreTable;

/* A table is built participant by participant: begin a participant, add
 * their observations in timepoint order, begin the next. */
TrellisScoreTable *trellis_score_table_new                (const char *const       *timepoint_codes,
                                                           const char *const       *timepoint_labels,
                                                           const char *const       *cohort_names);
void               trellis_score_table_begin_participant  (TrellisScoreTable       *self,
                                                           const char              *code,
                                                           guint                    cohort);
void               trellis_score_table_add                (TrellisScoreTable       *self,
                                                           guint                    timepoint,
                                                           double                   value);
/* Makes room for this many participants and observations in all, where a
 * reader knows them, so that the arrays are not grown step by step. */
void               trellis_score_table_reserve            (TrellisScoreTable       *self,
                                                           guint                    n_participants,
                                                           guint                    n_observations);
/* Counts everyone the data is from, with scores or not (a study's
 * register); without it, n_registered is n_participants. */
void               trellis_score_table_set_n_registered   (TrellisScoreTable       *self,
                                                           guint                    n_registered);
/* Ends building: trims the arrays and closes the last participant. */
void               trellis_score_table_finish             (TrellisScoreTable       *self);

void               trellis_score_table_free               (TrellisScoreTable       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrellisScoreTable, trellis_score_table_free)

G_END_DECLS
