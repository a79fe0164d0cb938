/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The random, cohort-stratified choice of interviewees, algorithm
 * "trellis-draw-1":
 *
 *  - The 64-bit seed becomes two 32-bit words, low word first
 *    (trellis_interview_seed_split), and seeds one GRand through
 *    g_rand_new_with_seed_array. GLib's Mersenne Twister and its
 *    g_rand_int_range (the 2.2 form, the default) are part of the algorithm.
 *  - Cohorts are taken in the caller's order (sorted by cohort name), each
 *    with its eligible study codes sorted by trellis_interview_code_compare.
 *  - For each cohort in turn, a partial Fisher–Yates shuffle of its codes
 *    c[0..n−1] with quota q: for i = 0 … q−1, j = g_rand_int_range (rand, i, n),
 *    swap c[i] and c[j], pick c[i]. The picks, in this order, are the result.
 *  - A replacement for cohort k continues the same GRand stream and extends
 *    that cohort's shuffle by one more step, so nobody is drawn twice.
 *
 * So the seed, the eligible lists, the quotas and the sequence of cohorts that
 * asked for replacements reproduce every pick bit for bit. */
#define TRELLIS_INTERVIEW_DRAW_ALGORITHM "trellis-draw-1"

/* One cohort's eligible people. Nothing here is kept: the draw copies it. */
typedef struct
{
  const char         *name;      /* the cohort's name, as stored */
  const char * const *codes;     /* study codes, sorted, no duplicates */
  guint               n_codes;
} TrellisDrawCohort;

typedef struct
{
  guint       cohort;            /* index in the cohorts the draw was made from */
  const char *code;              /* owned by the draw */
  gboolean    replacement;       /* drawn by trellis_interview_draw_replace () */
} TrellisDrawPick;

typedef struct _TrellisInterviewDraw TrellisInterviewDraw;

int                    trellis_interview_code_compare         (const char              *a,
                                                               const char              *b);
void                   trellis_interview_codes_sort           (const char             **codes,
                                                               guint                    n_codes);
char                  *trellis_interview_eligible_hash        (const TrellisDrawCohort *cohorts,
                                                               guint                    n_cohorts);

TrellisInterviewDraw  *trellis_interview_draw_new             (guint64                  seed,
                                                               const TrellisDrawCohort *cohorts,
                                                               guint                    n_cohorts,
                                                               const guint             *quotas,
                                                               GError                 **error);
void                   trellis_interview_draw_free            (TrellisInterviewDraw    *self);
guint64                trellis_interview_draw_get_seed        (TrellisInterviewDraw    *self);
guint                  trellis_interview_draw_get_n_cohorts   (TrellisInterviewDraw    *self);
const char            *trellis_interview_draw_get_cohort_name (TrellisInterviewDraw    *self,
                                                               guint                    cohort);
guint                  trellis_interview_draw_get_n_picks     (TrellisInterviewDraw    *self);
const TrellisDrawPick *trellis_interview_draw_get_pick        (TrellisInterviewDraw    *self,
                                                               guint                    index);
guint                  trellis_interview_draw_get_n_left      (TrellisInterviewDraw    *self,
                                                               guint                    cohort);
const TrellisDrawPick *trellis_interview_draw_replace         (TrellisInterviewDraw    *self,
                                                               guint                    cohort,
                                                               GError                 **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrellisInterviewDraw, trellis_interview_draw_free)

G_END_DECLS
