/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "trellis-effect-size.h"
#include "trellis-mixed-model.h"

G_BEGIN_DECLS

/* Numbers as APA writes them, and the results paragraph of the seed
 * studies: "Compared with baseline, Confidence was significantly higher
 * post-intervention: T2 (unadj. β = 2.43, 95% CI 2.08–2.79, d = 1.55,
 * p < .001), …". Always a full stop for decimals, a minus sign (U+2212) for
 * negatives and an en dash between the bounds of an interval (" to " when a
 * bound is negative, where a dash would read as a minus). */

/* @value with @decimals decimals; "NA" when it is not a number. */
char *trellis_format_number        (double                     value,
                                    int                        decimals);
/* "p < .001", "p = .043", "p > .999": no leading zero, three decimals. */
char *trellis_format_p             (double                     p);
/* "2.08–2.79", "−0.50 to 0.30", two decimals. */
char *trellis_format_interval      (double                     low,
                                    double                     high);

/* The same for a table's cell, with @missing (e.g. "NA" for a program,
 * "–" for a reader) where the number is undefined. A p value goes in a
 * column headed p: "< .001", ".043". */
char *trellis_format_cell_number   (double                     value,
                                    int                        decimals,
                                    const char                *missing);
char *trellis_format_cell_interval (double                     low,
                                    double                     high,
                                    const char                *missing);
char *trellis_format_cell_p        (double                     p,
                                    const char                *missing);

/* A timepoint's result in the paragraph. */
typedef struct
{
  const char               *timepoint;   /* its code, e.g. "T2" */
  const TrellisFixedEffect *effect;      /* NULL: no one has a score there */
  double                    d;
} TrellisResultsItem;

/* The paragraph about @outcome, its d of kind @kind named once at its end. */
char *trellis_results_sentence     (const char                *outcome,
                                    const TrellisResultsItem  *items,
                                    guint                      n_items,
                                    TrellisEffectSizeKind      kind);
/* The short form beside a point of a plot: "β = 2.43 [2.08–2.79] · d = 1.55 · p < .001". */
char *trellis_results_annotation   (const TrellisFixedEffect  *effect,
                                    double                     d);

G_END_DECLS
