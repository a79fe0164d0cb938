/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "trellis-score-table.h"

G_BEGIN_DECLS

/* Cohen's d comes in several kinds that differ by what the change is divided
 * by; a d is never shown without its kind (lmm-notes.md §1.11). */
typedef enum
{
  TRELLIS_D_POOLED,        /* β / pooled SD of baseline's and that timepoint's observed scores */
  TRELLIS_D_Z,             /* paired completers: mean change / SD of change */
  TRELLIS_D_BASELINE,      /* paired completers: mean change / SD at baseline */
  TRELLIS_D_AV,            /* paired completers: mean change / average of the two SDs */
} TrellisEffectSizeKind;

/* Short name for tables ("d_z") and a definition for a sentence. */
const char *trellis_effect_size_kind_to_string (TrellisEffectSizeKind kind);
const char *trellis_effect_size_kind_describe  (TrellisEffectSizeKind kind);

/* The participants with a score both at baseline and at a later timepoint. */
typedef struct
{
  guint  n;
  double mean_pre;
  double sd_pre;
  double mean_post;
  double sd_post;
  double r;              /* pre–post correlation */
} TrellisPairedSummary;

/* Their change, with the paired t test and the three paired kinds of d.
 * NaN where undefined (n < 2, or no spread). */
typedef struct
{
  guint  n;
  double r;
  double mean_change;
  double sd_change;
  double t;
  double df;             /* n − 1 */
  double p;              /* two-sided */
  double ci_low;         /* 95% CI of the mean change */
  double ci_high;
  double d_z;
  double d_baseline;
  double d_av;
} TrellisPairedChange;

/* Completers of @timepoint against the baseline (timepoint 0). */
void   trellis_paired_summary_from_table    (const TrellisScoreTable    *table,
                                             guint                       timepoint,
                                             TrellisPairedSummary       *summary);
void   trellis_paired_change_from_summary   (const TrellisPairedSummary *summary,
                                             TrellisPairedChange        *change);

/* √(((n₁ − 1)s₁² + (n₂ − 1)s₂²) / (n₁ + n₂ − 2)), NaN when n₁ + n₂ ≤ 2. An
 * SD that is NaN because its n is 1 counts for nothing. */
double trellis_effect_size_pooled_sd        (guint                       n1,
                                             double                      sd1,
                                             guint                       n2,
                                             double                      sd2);
/* The default d: @change (the model's β) over the pooled SD. */
double trellis_effect_size_pooled_d         (double                      change,
                                             guint                       n1,
                                             double                      sd1,
                                             guint                       n2,
                                             double                      sd2);

G_END_DECLS
