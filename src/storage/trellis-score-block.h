/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Participant ids share a block when they agree above their low ten bits:
 * 1,024 participants, whose scores for one instrument the score cache keeps
 * in one row (see format 8 in trellis-migrations.c). */
#define TRELLIS_SCORE_BLOCK_BITS 10

/* One instrument's scores for participants in ascending id order, as
 * stored: each participant with their cohort's id and their scores as
 * (timepoint id, value) pairs in any order. Ids, not names or plan
 * positions, so that renaming or reordering timepoints and cohorts leaves a
 * stored block valid. Participant p owns observations first[p] …
 * first[p + 1] − 1. */
typedef struct
{
  GArray *participant_ids;   /* gint64, ascending */
  GArray *cohort_ids;        /* gint64, one per participant */
  GArray *first;             /* guint32, n_participants + 1 */
  GArray *timepoint_ids;     /* gint64, one per observation */
  GArray *values;            /* double, one per observation */
} TrellisScoreBlock;

TrellisScoreBlock *trellis_score_block_new             (void);
void               trellis_score_block_free            (TrellisScoreBlock *self);
/* Appends a participant, whose id must be above the last one's; scores
 * added after it are theirs. */
void               trellis_score_block_add_participant (TrellisScoreBlock *self,
                                                        gint64             id,
                                                        gint64             cohort_id);
void               trellis_score_block_add_score       (TrellisScoreBlock *self,
                                                        gint64             timepoint_id,
                                                        double             value);
guint              trellis_score_block_get_n_participants (const TrellisScoreBlock *self);
/* The participants from … to − 1, with their scores, as bytes to store. */
GBytes            *trellis_score_block_encode          (const TrellisScoreBlock *self,
                                                        guint                    from,
                                                        guint                    to);
/* Bytes trellis_score_block_encode () made, or NULL for anything else: a
 * stored block that is damaged, from another byte order or another layout
 * is read as absent, and made again. */
TrellisScoreBlock *trellis_score_block_decode          (const guint8            *data,
                                                        gsize                    size);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrellisScoreBlock, trellis_score_block_free)

G_END_DECLS
