/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <gsl/gsl_cdf.h>

#include "trellis-domain-error.h"
#include "trellis-interview-draw-check.h"
#include "trellis-interview-draw.h"
#include "trellis-interview-seed.h"

/* The seed study's shape: 33 eligible in seven cohorts (sorted by name), codes
 * P001…P033 handed out in that order, and the quotas 23 gives
 * (test-interview-allocation.c works them out). */
static const char *mammographers[] = { "P001", "P002", "P003", "P004" };
static const char *midwives[] = { "P005", "P006", "P007", "P008", "P009", "P010", "P011", "P012", "P013" };
static const char *obstetricians[] = { "P014", "P015", "P016", "P017", "P018" };
static const char *paediatricians[] = { "P019", "P020", "P021" };
static const char *paramedics[] = { "P022", "P023", "P024", "P025", "P026", "P027", "P028" };
static const char *associates[] = { "P029", "P030" };
static const char *sonographers[] = { "P031", "P032", "P033" };

#define COHORT(name, codes) { name, codes, G_N_ELEMENTS (codes) }

static const TrellisDrawCohort seed_study[] = {
  COHORT ("Mammographers", mammographers),
  COHORT ("Midwives", midwives),
  COHORT ("Obstetricians", obstetricians),
  COHORT ("Paediatricians", paediatricians),
  COHORT ("Paramedics", paramedics),
  COHORT ("Physician associates", associates),
  COHORT ("Sonographers", sonographers),
};
static const guint seed_quotas[] = { 3, 6, 4, 2, 5, 1, 2 };
#define N_SEED_COHORTS G_N_ELEMENTS (seed_study)
#define GOLDEN_SEED G_GUINT64_CONSTANT (20250330)

static TrellisInterviewDraw *
draw_seed_study (guint64 seed)
{
  g_autoptr(GError) error = NULL;
  TrellisInterviewDraw *draw;

  draw = trellis_interview_draw_new (seed, seed_study, N_SEED_COHORTS, seed_quotas, &error);
  g_assert_no_error (error);
  g_assert_nonnull (draw);
  return draw;
}

static char *
join_picks (TrellisInterviewDraw *draw)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < trellis_interview_draw_get_n_picks (draw); i++)
    {
      const TrellisDrawPick *pick = trellis_interview_draw_get_pick (draw, i);

      g_string_append_printf (text, "%s%s", i > 0 ? " " : "", pick->code);
    }
  return g_string_free (text, FALSE);
}

/* Golden values: the picks of seed 20250330 on the seed study, and two
 * replacements. If GLib's GRand or this code ever changes the stream, old
 * draws could no longer be checked; this test is the alarm. */
static void
test_golden (void)
{
  g_autoptr(TrellisInterviewDraw) draw = draw_seed_study (GOLDEN_SEED);
  g_autofree char *picks = join_picks (draw);
  g_autofree char *hash = trellis_interview_eligible_hash (seed_study, N_SEED_COHORTS);
  const TrellisDrawPick *pick;

  g_test_message ("picks: %s", picks);
  g_test_message ("hash: %s", hash);
  g_assert_cmpstr (picks, ==, "P004 P002 P001 P012 P006 P009 P005 P008 P010 P015 P016 P018 P017 P021 P019 "
                   "P023 P024 P028 P026 P022 P030 P033 P032");
  g_assert_cmpstr (hash, ==, "134665bd84e12c2d78d4a3fe1be9628c40afff12d04f75c1b61b2061fd573264");

  pick = trellis_interview_draw_replace (draw, 1, NULL);
  g_assert_nonnull (pick);
  g_test_message ("replacement 1: %s", pick->code);
  g_assert_cmpstr (pick->code, ==, "P011");
  pick = trellis_interview_draw_replace (draw, 4, NULL);
  g_test_message ("replacement 2: %s", pick->code);
  g_assert_cmpstr (pick->code, ==, "P025");
  g_assert_true (pick->replacement);
  g_assert_cmpuint (pick->cohort, ==, 4);
}

/* The algorithm written out once more, straight from the header, with no
 * code shared with the draw: the seed's low word first, then a partial
 * Fisher–Yates per cohort on one GRand. */
static void
test_matches_the_documented_algorithm (void)
{
  for (guint64 seed = 0; seed < 50; seed++)
    {
      guint64 big_seed = seed * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);
      g_autoptr(TrellisInterviewDraw) draw = draw_seed_study (big_seed);
      guint32 words[2] = { (guint32) big_seed, (guint32) (big_seed >> 32) };
      g_autoptr(GRand) rand = g_rand_new_with_seed_array (words, 2);
      guint index = 0;

      for (guint c = 0; c < N_SEED_COHORTS; c++)
        {
          g_autofree const char **codes = g_memdup2 (seed_study[c].codes, sizeof (char *) * seed_study[c].n_codes);

          for (guint i = 0; i < seed_quotas[c]; i++)
            {
              gint32 j = g_rand_int_range (rand, (gint32) i, (gint32) seed_study[c].n_codes);
              const char *swap = codes[i];

              codes[i] = codes[j];
              codes[j] = swap;
              g_assert_cmpstr (trellis_interview_draw_get_pick (draw, index)->code, ==, codes[i]);
              g_assert_cmpuint (trellis_interview_draw_get_pick (draw, index)->cohort, ==, c);
              index++;
            }
        }
      g_assert_cmpuint (trellis_interview_draw_get_n_picks (draw), ==, index);
    }
}

static void
test_reproducible (void)
{
  g_autoptr(TrellisInterviewDraw) first = draw_seed_study (GOLDEN_SEED);
  g_autoptr(TrellisInterviewDraw) second = draw_seed_study (GOLDEN_SEED);
  g_autoptr(TrellisInterviewDraw) other = draw_seed_study (GOLDEN_SEED + 1);
  g_autofree char *first_picks = join_picks (first);
  g_autofree char *second_picks = join_picks (second);
  g_autofree char *other_picks = join_picks (other);

  g_assert_cmpstr (first_picks, ==, second_picks);
  g_assert_cmpstr (first_picks, !=, other_picks);
  g_assert_cmpuint (trellis_interview_draw_get_seed (first), ==, GOLDEN_SEED);

  for (guint i = 0; i < 5; i++)
    {
      const TrellisDrawPick *a = trellis_interview_draw_replace (first, i, NULL);
      const TrellisDrawPick *b = trellis_interview_draw_replace (second, i, NULL);

      g_assert_cmpstr (a->code, ==, b->code);
    }
}

static gboolean
in_cohort (const TrellisDrawCohort *cohort,
           const char              *code)
{
  for (guint i = 0; i < cohort->n_codes; i++)
    if (g_str_equal (cohort->codes[i], code))
      return TRUE;
  return FALSE;
}

/* Each pick is in its cohort's list, each cohort gets its quota, and nobody
 * comes out twice, over many seeds. Then replacements until a cohort runs
 * out: always from that cohort, never someone drawn before, and a clear
 * refusal once no one is left. */
static void
check_no_repeats (guint64 seed)
{
  g_autoptr(TrellisInterviewDraw) draw = draw_seed_study (seed);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  guint counts[N_SEED_COHORTS] = { 0, };
  guint cohort = (guint) (seed % N_SEED_COHORTS);

  for (guint i = 0; i < trellis_interview_draw_get_n_picks (draw); i++)
    {
      const TrellisDrawPick *pick = trellis_interview_draw_get_pick (draw, i);

      g_assert_true (in_cohort (&seed_study[pick->cohort], pick->code));
      g_assert_true (g_hash_table_add (seen, (gpointer) pick->code));
      g_assert_false (pick->replacement);
      counts[pick->cohort]++;
    }
  for (guint c = 0; c < N_SEED_COHORTS; c++)
    g_assert_cmpuint (counts[c], ==, seed_quotas[c]);

  while (trellis_interview_draw_get_n_left (draw, cohort) > 0)
    {
      const TrellisDrawPick *pick = trellis_interview_draw_replace (draw, cohort, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (pick->cohort, ==, cohort);
      g_assert_true (pick->replacement);
      g_assert_true (g_hash_table_add (seen, (gpointer) pick->code));
    }
  g_assert_cmpuint (g_hash_table_size (seen), ==, 23 - seed_quotas[cohort] + seed_study[cohort].n_codes);
  g_assert_null (trellis_interview_draw_replace (draw, cohort, &error));
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID);
}

static void
test_no_one_twice (void)
{
  g_autoptr(TrellisInterviewDraw) draw = draw_seed_study (1);
  g_autoptr(GError) error = NULL;

  for (guint64 seed = 1; seed <= 300; seed++)
    check_no_repeats (seed);

  /* The message a person sees when a cohort has run out. */
  while (trellis_interview_draw_get_n_left (draw, 5) > 0)
    trellis_interview_draw_replace (draw, 5, NULL);
  g_assert_null (trellis_interview_draw_replace (draw, 5, &error));
  g_assert_cmpstr (error->message, ==, "No one eligible is left in Physician associates to draw as a replacement");
}

/* 10,000 draws of one from a cohort of ten, seeds 1…10000: each person should
 * come out about 1,000 times. Pearson's chi-square on the ten counts, against
 * chi-square with 9 degrees of freedom. The seeds are fixed, so the figure is
 * the same on every run; a draw that favoured a position would fail it. */
static void
test_uniform (void)
{
  static const char *ten[] = { "P01", "P02", "P03", "P04", "P05", "P06", "P07", "P08", "P09", "P10" };
  const TrellisDrawCohort cohort = COHORT ("Midwives", ten);
  const guint quota = 1;
  guint counts[10] = { 0, };
  double chi_square = 0, p;

  for (guint64 seed = 1; seed <= 10000; seed++)
    {
      g_autoptr(TrellisInterviewDraw) draw = trellis_interview_draw_new (seed, &cohort, 1, &quota, NULL);
      const char *code = trellis_interview_draw_get_pick (draw, 0)->code;

      counts[g_ascii_strtoull (code + 1, NULL, 10) - 1]++;
    }
  for (guint i = 0; i < 10; i++)
    chi_square += (counts[i] - 1000.0) * (counts[i] - 1000.0) / 1000.0;
  p = gsl_cdf_chisq_Q (chi_square, 9);

  g_test_message ("counts: %u %u %u %u %u %u %u %u %u %u; chi-square %.3f, p = %.4f",
                  counts[0], counts[1], counts[2], counts[3], counts[4],
                  counts[5], counts[6], counts[7], counts[8], counts[9], chi_square, p);
  g_assert_cmpfloat (p, >, 0.001);
}

/* Lists the draw cannot use are refused before any number is drawn. */
static void
test_refuses_bad_lists (void)
{
  static const char *unsorted[] = { "P002", "P001" };
  static const char *repeated[] = { "P001", "P001" };
  static const char *tabbed[] = { "P0\t1" };
  static const char *p001[] = { "P001" };
  static const char *p002[] = { "P002" };
  const TrellisDrawCohort bad_order[] = { COHORT ("Midwives", unsorted) };
  const TrellisDrawCohort twice[] = { COHORT ("Midwives", repeated) };
  const TrellisDrawCohort in_two[] = { COHORT ("Midwives", p001), COHORT ("Paramedics", p001) };
  const TrellisDrawCohort same_name[] = { COHORT ("Midwives", p001), COHORT ("Midwives", p002) };
  const TrellisDrawCohort tab[] = { COHORT ("Midwives", tabbed) };
  const guint quotas[] = { 1, 1 };
  const guint too_many[] = { 2 };
  g_autoptr(GError) order = NULL;
  g_autoptr(GError) dup = NULL;
  g_autoptr(GError) two = NULL;
  g_autoptr(GError) name = NULL;
  g_autoptr(GError) text = NULL;
  g_autoptr(GError) quota = NULL;

  g_assert_null (trellis_interview_draw_new (1, bad_order, 1, quotas, &order));
  g_assert_error (order, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_ORDER);
  g_assert_cmpstr (order->message, ==, "Midwives: the eligible list is not sorted: ‘P001’ comes after ‘P002’");
  g_assert_null (trellis_interview_draw_new (1, twice, 1, quotas, &dup));
  g_assert_error (dup, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_DUPLICATE);
  g_assert_null (trellis_interview_draw_new (1, in_two, 2, quotas, &two));
  g_assert_cmpstr (two->message, ==, "Paramedics: ‘P001’ is on the eligible lists twice");
  g_assert_null (trellis_interview_draw_new (1, same_name, 2, quotas, &name));
  g_assert_cmpstr (name->message, ==, "The cohort ‘Midwives’ is in the draw twice");
  g_assert_null (trellis_interview_draw_new (1, tab, 1, quotas, &text));
  g_assert_error (text, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID);
  g_assert_null (trellis_interview_draw_new (1, in_two, 1, too_many, &quota));
  g_assert_cmpstr (quota->message, ==, "Midwives: a quota of 2 is more than the 1 person eligible");
}

/* GLib's old random-number version gives other numbers from the same seed. */
static void
test_refuses_old_random_version (void)
{
  g_autoptr(GError) error = NULL;

  g_setenv ("G_RANDOM_VERSION", "2.0", TRUE);
  g_assert_null (trellis_interview_draw_new (1, seed_study, N_SEED_COHORTS, seed_quotas, &error));
  g_unsetenv ("G_RANDOM_VERSION");
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID);
}

/* The hash is SHA-256 of "cohort TAB code LF" lines, codes sorted. */
static void
test_eligible_hash (void)
{
  static const char *a_codes[] = { "P2", "P1" };
  static const char *a_sorted[] = { "P1", "P2" };
  static const char *b_codes[] = { "P3" };
  const TrellisDrawCohort given[] = { COHORT ("A", a_codes), COHORT ("B", b_codes), { "C", NULL, 0 } };
  const TrellisDrawCohort sorted[] = { COHORT ("A", a_sorted), COHORT ("B", b_codes) };
  const TrellisDrawCohort swapped[] = { COHORT ("B", b_codes), COHORT ("A", a_sorted) };
  g_autofree char *expected = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "A\tP1\nA\tP2\nB\tP3\n", -1);
  g_autofree char *hash = trellis_interview_eligible_hash (given, G_N_ELEMENTS (given));
  g_autofree char *same = trellis_interview_eligible_hash (sorted, G_N_ELEMENTS (sorted));
  g_autofree char *other = trellis_interview_eligible_hash (swapped, G_N_ELEMENTS (swapped));

  /* Worked out with `printf 'A\tP1\nA\tP2\nB\tP3\n' | sha256sum`. */
  g_assert_cmpstr (expected, ==, "f02f0a24620b1b53d97c9bddc4fa0a10bf2b0582cfb0cc52042454c8cb912eb3");
  g_assert_cmpstr (hash, ==, expected);
  g_assert_cmpstr (same, ==, expected);
  g_assert_cmpstr (other, !=, expected);
}

static void
test_code_order (void)
{
  const char *codes[] = { "p001", "P9", "P011", "P010" };

  trellis_interview_codes_sort (codes, G_N_ELEMENTS (codes));
  g_assert_cmpstr (codes[0], ==, "P010");
  g_assert_cmpstr (codes[1], ==, "P011");
  g_assert_cmpstr (codes[2], ==, "P9");
  g_assert_cmpstr (codes[3], ==, "p001");
  g_assert_cmpint (trellis_interview_code_compare ("P001", "P001"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/trellis/domain/interview-draw/golden", test_golden);
  g_test_add_func ("/trellis/domain/interview-draw/matches-the-documented-algorithm",
                   test_matches_the_documented_algorithm);
  g_test_add_func ("/trellis/domain/interview-draw/reproducible", test_reproducible);
  g_test_add_func ("/trellis/domain/interview-draw/no-one-twice", test_no_one_twice);
  g_test_add_func ("/trellis/domain/interview-draw/uniform", test_uniform);
  g_test_add_func ("/trellis/domain/interview-draw/refuses-bad-lists", test_refuses_bad_lists);
  g_test_add_func ("/trellis/domain/interview-draw/refuses-old-random-version", test_refuses_old_random_version);
  g_test_add_func ("/trellis/domain/interview-draw/eligible-hash", test_eligible_hash);
  g_test_add_func ("/trellis/domain/interview-draw/code-order", test_code_order);

  return g_test_run ();
}
