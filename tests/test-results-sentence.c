/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "trellis-results-sentence.h"

static void
check (char       *text,
       const char *expected)
{
  g_assert_cmpstr (text, ==, expected);
  g_free (text);
}

static void
test_numbers (void)
{
  check (trellis_format_p (0.0004), "p < .001");
  check (trellis_format_p (0.04321), "p = .043");
  check (trellis_format_p (0.001), "p = .001");
  check (trellis_format_p (0.5), "p = .500");
  check (trellis_format_p (0.99996), "p > .999");
  check (trellis_format_p (NAN), "p = NA");
  check (trellis_format_number (2.434, 2), "2.43");
  check (trellis_format_number (-0.5, 2), "\u22120.50");
  check (trellis_format_number (-0.001, 2), "0.00");
  check (trellis_format_number (INFINITY, 2), "NA");
  check (trellis_format_interval (2.078, 2.791), "2.08\u20132.79");
  check (trellis_format_interval (-0.5, 0.3), "\u22120.50 to 0.30");
}

static const TrellisFixedEffect t2 = { "T2", 1, 2.434, 0.18, 200, 13.4, 1e-20, 2.078, 2.791 };
static const TrellisFixedEffect t3 = { "T3", 2, 1.2, 0.3, 150, 4, 0.0002, 0.6, 1.8 };
static const TrellisFixedEffect t4 = { "T4", 3, -0.2, 0.3, 90, -0.66, 0.51, -0.8, 0.4 };
static const TrellisFixedEffect t5 = { "T5", 4, -0.9, 0.3, 90, -3, 0.0034, -1.5, -0.3 };

static void
test_sentence_higher (void)
{
  TrellisResultsItem items[] = { { "T2", &t2, 1.551 }, { "T3", &t3, 0.8 } };

  check (trellis_results_sentence ("Confidence", items, 2, TRELLIS_D_POOLED),
         "Compared with baseline, Confidence was significantly higher post-intervention: "
         "T2 (unadj. β = 2.43, 95% CI 2.08–2.79, d = 1.55, p < .001) and "
         "T3 (unadj. β = 1.20, 95% CI 0.60–1.80, d = 0.80, p < .001). "
         "(d is Cohen’s d: the model’s β divided by the pooled SD of the observed scores at baseline "
         "and at that timepoint.)");
}

static void
test_sentence_mixed (void)
{
  TrellisResultsItem items[] = {
    { "T2", &t2, 1.551 }, { "T3", NULL, NAN }, { "T4", &t4, -0.12 }, { "T5", &t5, -0.6 },
  };

  check (trellis_results_sentence ("Knowledge", items, 4, TRELLIS_D_Z),
         "Compared with baseline, Knowledge was significantly higher post-intervention: "
         "T2 (unadj. β = 2.43, 95% CI 2.08–2.79, d_z = 1.55, p < .001); "
         "it was significantly lower post-intervention: "
         "T5 (unadj. β = −0.90, 95% CI −1.50 to −0.30, d_z = −0.60, p = .003); "
         "it did not change significantly: T4 (unadj. β = −0.20, 95% CI −0.80 to 0.40, d_z = −0.12, p = .510). "
         "No one has a score of Knowledge at T3 yet. "
         "(d_z is the mean change of the participants with both scores divided by the SD of their change.)");
}

static void
test_sentence_nothing (void)
{
  TrellisResultsItem items[] = { { "T2", &t4, -0.12 } };

  check (trellis_results_sentence ("BRS", items, 1, TRELLIS_D_POOLED),
         "Compared with baseline, BRS did not change significantly: "
         "T2 (unadj. β = −0.20, 95% CI −0.80 to 0.40, d = −0.12, p = .510). "
         "(d is Cohen’s d: the model’s β divided by the pooled SD of the observed scores at baseline "
         "and at that timepoint.)");
}

static void
test_annotation (void)
{
  check (trellis_results_annotation (&t2, 1.551), "β = 2.43 [2.08–2.79] · d = 1.55 · p < .001");
  check (trellis_results_annotation (&t4, -0.12), "β = −0.20 [−0.80 to 0.40] · d = −0.12 · p = .510");
}

/* Table cells: a dash of the caller's choosing where a number is missing,
 * and p without the "p" its column is headed with. */
static void
test_cells (void)
{
  g_autofree char *number = trellis_format_cell_number (NAN, 2, "NA");
  g_autofree char *value = trellis_format_cell_number (-1.5, 2, "NA");
  g_autofree char *interval = trellis_format_cell_interval (1.0, NAN, "–");
  g_autofree char *small = trellis_format_cell_p (0.0001, "–");
  g_autofree char *exact = trellis_format_cell_p (0.0431, "–");
  g_autofree char *none = trellis_format_cell_p (NAN, "—");

  g_assert_cmpstr (number, ==, "NA");
  g_assert_cmpstr (value, ==, "−1.50");
  g_assert_cmpstr (interval, ==, "–");
  g_assert_cmpstr (small, ==, "< .001");
  g_assert_cmpstr (exact, ==, ".043");
  g_assert_cmpstr (none, ==, "—");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/trellis/domain/results-sentence/numbers", test_numbers);
  g_test_add_func ("/trellis/domain/results-sentence/cells", test_cells);
  g_test_add_func ("/trellis/domain/results-sentence/higher", test_sentence_higher);
  g_test_add_func ("/trellis/domain/results-sentence/mixed", test_sentence_mixed);
  g_test_add_func ("/trellis/domain/results-sentence/nothing", test_sentence_nothing);
  g_test_add_func ("/trellis/domain/results-sentence/annotation", test_annotation);
  return g_test_run ();
}
