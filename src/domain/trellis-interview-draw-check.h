/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "trellis-interview-draw.h"

G_BEGIN_DECLS

/* Checking a recorded draw by making it again: the same algorithm, seed,
 * eligible lists and quotas, then one replacement for each recorded pick past
 * the quotas, in the recorded order and from the recorded cohort. The first
 * pick that comes out differently is reported. When the record kept the
 * eligible lists' hash, a changed list is reported before any pick. */

/* A pick as stored: cohort name and study code. */
typedef struct
{
  const char *cohort;
  const char *code;
} TrellisDrawRecord;

typedef enum
{
  TRELLIS_DRAW_CHECK_MATCHES,
  TRELLIS_DRAW_CHECK_LIST_CHANGED,   /* the eligible lists hash differently */
  TRELLIS_DRAW_CHECK_PICK_DIFFERS,   /* at .index */
  TRELLIS_DRAW_CHECK_TOO_FEW_PICKS,  /* the record stops before the quotas are filled */
} TrellisDrawVerdict;

/* What re-running a recorded draw found. */
typedef struct
{
  TrellisDrawVerdict  verdict;
  guint               index;           /* the first pick that differs, from 0 */
  guint               n_expected;      /* picks the quotas call for, without replacements */
  char               *expected_cohort; /* what re-running gives at .index; NULL for no one */
  char               *expected_code;
} TrellisDrawCheck;

gboolean  trellis_interview_draw_verify (const char              *algorithm,
                                         guint64                  seed,
                                         const TrellisDrawCohort *cohorts,
                                         guint                    n_cohorts,
                                         const guint             *quotas,
                                         const char              *recorded_hash,
                                         const TrellisDrawRecord *records,
                                         guint                    n_records,
                                         TrellisDrawCheck        *check,
                                         GError                 **error);
char     *trellis_draw_check_describe   (const TrellisDrawCheck  *check,
                                         const TrellisDrawRecord *records,
                                         guint                    n_records);
void      trellis_draw_check_clear      (TrellisDrawCheck        *check);

G_END_DECLS
