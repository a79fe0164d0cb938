/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How many interviewees to draw from each cohort.
 *
 * Cohorts come in a fixed order chosen by the caller (sorted by cohort name),
 * so that the same eligible counts always give the same quotas. With e_i the
 * eligible count of cohort i, E = Σ e_i, m the number of cohorts with
 * e_i ≥ 1 and T the total to draw (1 ≤ T ≤ E):
 *
 *  1. Shares. s_i = T·e_i / E, kept as the exact fraction: q_i = ⌊T·e_i / E⌋
 *     and the remainder r_i = T·e_i mod E (integers, so a tie is a real tie
 *     and never floating-point noise).
 *  2. Largest remainder (Hamilton's method). The R = T − Σ q_i places left go
 *     one each to the R cohorts with the largest r_i; ties go to the larger
 *     e_i, then to the earlier cohort.
 *  3. At least one per cohort, when T ≥ m. While a cohort with e_i ≥ 1 has
 *     q_i = 0, it takes one place from the donor j with q_j ≥ 2 that is left
 *     closest to its share, that is with the smallest s_j − (q_j − 1), compared
 *     exactly as T·e_j − (q_j − 1)·E; ties go to the larger e_j, then to the
 *     earlier cohort. This is step 2 run backwards: step 2 gives to those
 *     furthest below their share, step 3 takes from those furthest above it.
 *     The donor does not depend on which empty cohort asks, so the order in
 *     which they ask cannot change the result, and a donor always exists: the
 *     T ≥ m places sit in fewer than m cohorts, so one holds two or more.
 *  4. When T < m not every cohort can have one. Then each quota is 0 or 1: the
 *     T cohorts with the most eligible people get one each (ties: the earlier
 *     cohort), and the others none. The caller should say so to the person
 *     choosing the total.
 *
 * Every q_i ≤ e_i without a separate cap: s_i ≤ e_i because T ≤ E, step 2 only
 * rounds up a share with a remainder (so to ⌈s_i⌉ ≤ e_i), step 3 gives only to
 * a cohort with q_i = 0 < e_i and otherwise only takes away. */
gboolean trellis_interview_allocate          (const guint        *eligible,
                                              guint               n_cohorts,
                                              guint               total,
                                              guint              *quotas,
                                              GError            **error);

/* Checks quotas a person typed: each at most that cohort's eligible count,
 * and all of them adding up to @total. @names names the cohorts in messages. */
gboolean trellis_interview_allocation_check  (const char * const *names,
                                              const guint        *eligible,
                                              const guint        *quotas,
                                              guint               n_cohorts,
                                              guint               total,
                                              GError            **error);

G_END_DECLS
