/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "trellis-domain-error.h"
#include "trellis-interview-allocation.h"

static void
assert_quotas (const guint *eligible,
               guint        n_cohorts,
               guint        total,
               const guint *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree guint *quotas = g_new (guint, n_cohorts);

  g_assert_true (trellis_interview_allocate (eligible, n_cohorts, total, quotas, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < n_cohorts; i++)
    {
      if (quotas[i] != expected[i])
        g_test_message ("cohort %u: got %u, expected %u", i, quotas[i], expected[i]);
      g_assert_cmpuint (quotas[i], ==, expected[i]);
    }
}

/* The seed study's shape: 23 interviewees from seven cohorts (sorted by name)
 * with 33 eligible, so each share is 23·e/33:
 *   Mammographers         4: 92/33  = 2 r 26
 *   Midwives              9: 207/33 = 6 r 9
 *   Obstetricians         5: 115/33 = 3 r 16
 *   Paediatricians        3: 69/33  = 2 r 3
 *   Paramedics            7: 161/33 = 4 r 29
 *   Physician associates  2: 46/33  = 1 r 13
 *   Sonographers          3: 69/33  = 2 r 3
 * The floors add up to 20; the 3 spare places go to the largest remainders,
 * 29 (Paramedics), 26 (Mammographers) and 16 (Obstetricians). */
static void
test_seed_study (void)
{
  const guint eligible[] = { 4, 9, 5, 3, 7, 2, 3 };
  const guint expected[] = { 3, 6, 4, 2, 5, 1, 2 };

  assert_quotas (eligible, G_N_ELEMENTS (eligible), 23, expected);
}

/* Shares that are whole numbers need no rounding: 6 of 12 is 1, 2 and 3 from
 * cohorts of 2, 4 and 6. */
static void
test_exact_shares (void)
{
  const guint eligible[] = { 2, 4, 6 };
  const guint expected[] = { 1, 2, 3 };

  assert_quotas (eligible, G_N_ELEMENTS (eligible), 6, expected);
}

/* A cohort too small for its proportional share to reach one. 8 from
 * e = (1, 10, 12), E = 23: shares 8/23 = 0 r 8, 80/23 = 3 r 11,
 * 96/23 = 4 r 4. The spare place goes to r = 11: (0, 4, 4). The first cohort
 * then takes one from the donor left closest to its share:
 * 8·10 − 3·23 = 11 against 8·12 − 3·23 = 27, so from the second: (1, 3, 4). */
static void
test_small_cohort_takes_one (void)
{
  const guint eligible[] = { 1, 10, 12 };
  const guint expected[] = { 1, 3, 4 };

  assert_quotas (eligible, G_N_ELEMENTS (eligible), 8, expected);
}

/* Two tiny cohorts and one large: 6 from e = (1, 1, 30), E = 32. Shares
 * 6/32 = 0 r 6 twice and 180/32 = 5 r 20; the spare place makes (0, 0, 6),
 * then each tiny cohort takes one from the only donor: (1, 1, 4). */
static void
test_two_small_cohorts (void)
{
  const guint eligible[] = { 1, 1, 30 };
  const guint expected[] = { 1, 1, 4 };

  assert_quotas (eligible, G_N_ELEMENTS (eligible), 6, expected);
}

/* Every quota at its cohort's whole eligible count: drawing everyone. And a
 * one-person cohort whose share rounds up to its full count without passing
 * it: 9 from (1, 9): 9/10 = 0 r 9, 81/10 = 8 r 1, so the spare place goes to
 * the one person, (1, 8). */
static void
test_shares_at_the_cap (void)
{
  const guint everyone[] = { 3, 1, 5 };
  const guint one_and_nine[] = { 1, 9 };
  const guint expected[] = { 1, 8 };

  assert_quotas (everyone, G_N_ELEMENTS (everyone), 9, everyone);
  assert_quotas (one_and_nine, G_N_ELEMENTS (one_and_nine), 9, expected);
}

/* A cohort with no one eligible gets nothing and takes nothing: 4 from
 * (0, 6, 0, 2), E = 8: 24/8 = 3 and 8/8 = 1, exact. */
static void
test_zero_eligible (void)
{
  const guint eligible[] = { 0, 6, 0, 2 };
  const guint expected[] = { 0, 3, 0, 1 };

  assert_quotas (eligible, G_N_ELEMENTS (eligible), 4, expected);
}

/* Equal remainders. 8 from (3, 9, 4), E = 16: 24/16 = 1 r 8, 72/16 = 4 r 8,
 * 32/16 = 2 r 0; the tie at 8 goes to the larger cohort: (1, 5, 2).
 * 4 from (3, 3, 2), E = 8: 12/8 = 1 r 4 twice, 8/8 = 1; same size, so the
 * earlier cohort: (2, 1, 1). */
static void
test_ties (void)
{
  const guint by_size[] = { 3, 9, 4 };
  const guint by_size_expected[] = { 1, 5, 2 };
  const guint by_order[] = { 3, 3, 2 };
  const guint by_order_expected[] = { 2, 1, 1 };

  assert_quotas (by_size, G_N_ELEMENTS (by_size), 8, by_size_expected);
  assert_quotas (by_order, G_N_ELEMENTS (by_order), 4, by_order_expected);
}

/* Fewer places than cohorts: the largest cohorts get one each. 2 from
 * (1, 5, 2, 0, 3) go to 5 and 3; 2 from (2, 2, 2) to the first two. */
static void
test_fewer_places_than_cohorts (void)
{
  const guint eligible[] = { 1, 5, 2, 0, 3 };
  const guint expected[] = { 0, 1, 0, 0, 1 };
  const guint equal[] = { 2, 2, 2 };
  const guint equal_expected[] = { 1, 1, 0 };

  assert_quotas (eligible, G_N_ELEMENTS (eligible), 2, expected);
  assert_quotas (equal, G_N_ELEMENTS (equal), 2, equal_expected);
}

static void
test_refuses_totals (void)
{
  const guint eligible[] = { 2, 3 };
  guint quotas[2];
  g_autoptr(GError) zero = NULL;
  g_autoptr(GError) too_many = NULL;
  g_autoptr(GError) nobody = NULL;

  g_assert_false (trellis_interview_allocate (eligible, 2, 0, quotas, &zero));
  g_assert_error (zero, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID);
  g_assert_cmpstr (zero->message, ==, "Choose how many people to interview: at least one");

  g_assert_false (trellis_interview_allocate (eligible, 2, 6, quotas, &too_many));
  g_assert_error (too_many, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID);
  g_assert_cmpstr (too_many->message, ==, "Cannot draw 6 interviewees: only 5 people are eligible");

  g_assert_false (trellis_interview_allocate (NULL, 0, 1, NULL, &nobody));
  g_assert_error (nobody, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID);
}

static void
test_check_typed (void)
{
  const char *names[] = { "Midwives", "Paramedics", "Sonographers" };
  const guint eligible[] = { 9, 3, 1 };
  const guint good[] = { 4, 3, 0 };
  const guint over[] = { 2, 5, 0 };
  const guint over_one[] = { 5, 0, 2 };
  const guint short_sum[] = { 3, 3, 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) one = NULL;
  g_autoptr(GError) sum = NULL;

  g_assert_true (trellis_interview_allocation_check (names, eligible, good, 3, 7, NULL));

  g_assert_false (trellis_interview_allocation_check (names, eligible, over, 3, 7, &error));
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Paramedics: a quota of 5 is more than the 3 people eligible");

  g_assert_false (trellis_interview_allocation_check (names, eligible, over_one, 3, 7, &one));
  g_assert_cmpstr (one->message, ==, "Sonographers: a quota of 2 is more than the 1 person eligible");

  g_assert_false (trellis_interview_allocation_check (names, eligible, short_sum, 3, 7, &sum));
  g_assert_error (sum, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID);
  g_assert_cmpstr (sum->message, ==, "The quotas add up to 6, not to the 7 interviewees to draw");

  g_assert_false (trellis_interview_allocation_check (names, eligible, good, 3, 0, NULL));
  g_assert_false (trellis_interview_allocation_check (names, eligible, good, 3, 14, NULL));
}

/* The properties the header promises, over random inputs with fixed seeds:
 * the quotas add up to the total, none passes its cohort's count, every
 * non-empty cohort has one when there are enough places, and when every share
 * is at least one (so step 3 has nothing to do) each quota is its share
 * rounded down or up. Typed-quota checking accepts every result. */
static void
check_one_random_case (GRand *rand)
{
  guint n = (guint) g_rand_int_range (rand, 1, 12);
  g_autofree guint *eligible = g_new (guint, n);
  g_autofree guint *quotas = g_new (guint, n);
  g_autofree const char **names = g_new (const char *, n);
  guint64 sum_e = 0, sum_q = 0;
  guint nonempty = 0, total;
  gboolean shares_all_one = TRUE;

  for (guint i = 0; i < n; i++)
    {
      eligible[i] = g_rand_boolean (rand) && g_rand_boolean (rand) ? 0 : (guint) g_rand_int_range (rand, 1, 40);
      names[i] = "cohort";
      sum_e += eligible[i];
      nonempty += eligible[i] > 0;
    }
  if (sum_e == 0)
    return;
  total = (guint) g_rand_int_range (rand, 1, (gint32) sum_e + 1);
  g_assert_true (trellis_interview_allocate (eligible, n, total, quotas, NULL));

  for (guint i = 0; i < n; i++)
    {
      guint64 scaled = (guint64) total * eligible[i];

      g_assert_cmpuint (quotas[i], <=, eligible[i]);
      if (total >= nonempty && eligible[i] > 0)
        g_assert_cmpuint (quotas[i], >=, 1);
      if (total < nonempty)
        g_assert_cmpuint (quotas[i], <=, 1);
      if (eligible[i] > 0 && scaled < sum_e)
        shares_all_one = FALSE;
      sum_q += quotas[i];
    }
  g_assert_cmpuint (sum_q, ==, total);
  for (guint i = 0; shares_all_one && i < n; i++)
    {
      guint64 scaled = (guint64) total * eligible[i];

      g_assert_cmpuint (quotas[i], >=, scaled / sum_e);
      g_assert_cmpuint (quotas[i], <=, (scaled + sum_e - 1) / sum_e);
    }
  g_assert_true (trellis_interview_allocation_check (names, eligible, quotas, n, total, NULL));
}

static void
test_random_properties (void)
{
  for (guint32 seed = 1; seed <= 2000; seed++)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed);

      check_one_random_case (rand);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/trellis/domain/interview-allocation/seed-study", test_seed_study);
  g_test_add_func ("/trellis/domain/interview-allocation/exact-shares", test_exact_shares);
  g_test_add_func ("/trellis/domain/interview-allocation/small-cohort-takes-one", test_small_cohort_takes_one);
  g_test_add_func ("/trellis/domain/interview-allocation/two-small-cohorts", test_two_small_cohorts);
  g_test_add_func ("/trellis/domain/interview-allocation/shares-at-the-cap", test_shares_at_the_cap);
  g_test_add_func ("/trellis/domain/interview-allocation/zero-eligible", test_zero_eligible);
  g_test_add_func ("/trellis/domain/interview-allocation/ties", test_ties);
  g_test_add_func ("/trellis/domain/interview-allocation/fewer-places-than-cohorts", test_fewer_places_than_cohorts);
  g_test_add_func ("/trellis/domain/interview-allocation/refuses-totals", test_refuses_totals);
  g_test_add_func ("/trellis/domain/interview-allocation/check-typed", test_check_typed);
  g_test_add_func ("/trellis/domain/interview-allocation/random-properties", test_random_properties);

  return g_test_run ();
}
