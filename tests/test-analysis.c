/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "sleepstudy-fixture.h"
#include "trellis-analysis.h"
#include "trellis-analysis-format.h"
#include "trellis-domain-error.h"

static const char *const codes[] = { "T1", "T2", "T3", "T4", NULL };
static const char *const labels[] = { "Baseline", "After workshop", "After coaching", "Follow-up", NULL };
static const char *const cohorts[] = { "Midwives", "Paramedics", NULL };

/* Eight participants at T1 and T2, no one at T3, one at T4. */
static TrellisScoreTable *
gappy_table (void)
{
  static const double pre[] = { 3.0, 3.4, 2.8, 3.9, 3.1, 2.5, 3.6, 3.3 };
  static const double post[] = { 3.5, 3.6, 3.4, 4.1, 3.9, 3.0, 3.7, 3.9 };
  TrellisScoreTable *table = trellis_score_table_new (codes, labels, cohorts);

  for (guint i = 0; i < G_N_ELEMENTS (pre); i++)
    {
      trellis_score_table_begin_participant (table, NULL, i % 2);
      trellis_score_table_add (table, 0, pre[i]);
      trellis_score_table_add (table, 1, post[i]);
      if (i == 0)
        trellis_score_table_add (table, 3, 4.2);
    }
  /* Recruited, no scores yet. */
  trellis_score_table_begin_participant (table, NULL, 1);
  trellis_score_table_finish (table);
  return table;
}

/* A timepoint with no scores is reported as not estimable, one with a single
 * score is estimated, and nothing is NaN that a person reads. */
static void
test_gaps (void)
{
  g_autoptr(TrellisScoreTable) table = gappy_table ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisAnalysis) analysis = trellis_analysis_run (table, "Confidence", &error);
  const TrellisTimepointResult *t2, *t3, *t4;
  const char *sentence;

  g_assert_no_error (error);
  g_assert_cmpuint (trellis_analysis_get_n_participants (analysis), ==, 9);
  g_assert_cmpuint (trellis_mixed_model_get_n_participants (trellis_analysis_get_model (analysis)), ==, 8);

  t2 = trellis_analysis_get_timepoint (analysis, 1);
  g_assert_nonnull (t2->effect);
  g_assert_cmpfloat (t2->effect->estimate, >, 0);
  g_assert_cmpfloat_with_epsilon (t2->d, t2->effect->estimate / t2->pooled_sd, 1e-12);
  g_assert_cmpuint (t2->paired.n, ==, 8);
  g_assert_true (isfinite (t2->paired.d_z));
  g_assert_true (g_str_has_prefix (t2->annotation, "β = "));

  t3 = trellis_analysis_get_timepoint (analysis, 2);
  g_assert_null (t3->effect);
  g_assert_null (t3->annotation);
  g_assert_null (trellis_analysis_get_annotation (analysis, 2));
  g_assert_cmpuint (t3->n, ==, 0);

  t4 = trellis_analysis_get_timepoint (analysis, 3);
  g_assert_nonnull (t4->effect);
  g_assert_cmpuint (t4->n, ==, 1);
  g_assert_true (isnan (trellis_descriptives_get (trellis_analysis_get_descriptives (analysis), -1, 3)->sd));
  /* The pooled SD is the baseline's alone. */
  g_assert_cmpfloat_with_epsilon (t4->pooled_sd,
                                  trellis_descriptives_get (trellis_analysis_get_descriptives (analysis), -1, 0)->sd,
                                  1e-12);
  g_assert_cmpuint (t4->paired.n, ==, 1);
  g_assert_true (isnan (t4->paired.d_z));

  sentence = trellis_analysis_get_sentence (analysis);
  g_assert_true (g_str_has_prefix (sentence, "Compared with baseline, Confidence was significantly higher"));
  g_assert_nonnull (strstr (sentence, "No one has a score of Confidence at T3 yet."));
  g_assert_null (strstr (sentence, "NA"));
  g_assert_null (strstr (sentence, "nan"));
}

static void
test_formats (void)
{
  g_autoptr(TrellisScoreTable) table = gappy_table ();
  g_autoptr(TrellisAnalysis) analysis = trellis_analysis_run (table, "Confidence", NULL);
  g_autofree char *text = trellis_analysis_format_text (analysis, TRELLIS_ANALYSIS_FORMAT_BY_COHORT);
  g_autofree char *csv = trellis_analysis_format_csv (analysis, 0);
  g_autofree char *json = trellis_analysis_format_json (analysis, TRELLIS_ANALYSIS_FORMAT_BY_COHORT);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;

  g_assert_nonnull (strstr (text, "Descriptives: Paramedics"));
  g_assert_nonnull (strstr (text, "not estimable"));
  g_assert_nonnull (strstr (text, "d_z is the mean change"));
  g_assert_nonnull (strstr (text, trellis_analysis_get_sentence (analysis)));
  g_assert_null (strstr (text, "nan"));

  g_assert_true (g_str_has_prefix (csv, "term,estimate,se,df,t,p,ci_low,ci_high\n(Intercept),"));
  g_assert_nonnull (strstr (csv, "\nT3,NA,NA,NA,NA,NA,NA,NA\n"));
  g_assert_nonnull (strstr (csv, "\nvar(participant),"));
  g_assert_nonnull (strstr (csv, "\nvar(residual),"));

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "outcome"), ==, "Confidence");
  /* Everyone, then each cohort, at four timepoints. */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "descriptives")), ==, 12);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "fixed_effects")), ==, 4);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "effect_sizes")), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (root, "sentence"), ==, trellis_analysis_get_sentence (analysis));
}

/* Five participants of the first cohort, each scoring @score at two
 * timepoints: too little, or too alike, to model. */
static TrellisScoreTable *
five_alike (guint  first,
            guint  second,
            double score)
{
  TrellisScoreTable *table = trellis_score_table_new (codes, labels, cohorts);

  for (guint i = 0; i < 5; i++)
    {
      trellis_score_table_begin_participant (table, NULL, 0);
      trellis_score_table_add (table, first, score);
      trellis_score_table_add (table, second, score);
    }
  trellis_score_table_finish (table);
  return table;
}

static void
test_refusals (void)
{
  g_autoptr(TrellisScoreTable) table = five_alike (1, 2, 2.0);
  GError *error = NULL;

  g_assert_null (trellis_analysis_run (table, "BRS", &error));
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "No one has a baseline score of BRS: there is nothing to compare with");
  g_clear_error (&error);
}

static void
test_constant (void)
{
  g_autoptr(TrellisScoreTable) table = five_alike (0, 1, 4.0);
  GError *error = NULL;

  g_assert_null (trellis_analysis_run (table, "Knowledge", &error));
  g_assert_cmpstr (error->message, ==, "Knowledge has the same score for everyone: nothing to model");
  g_clear_error (&error);
}

/* The whole path on sleepstudy: the fixed effects are the model's. */
static void
test_sleepstudy (void)
{
  g_autoptr(TrellisScoreTable) table = sleepstudy_table (FALSE);
  g_autoptr(TrellisAnalysis) analysis = trellis_analysis_run (table, "Reaction time", NULL);
  const TrellisTimepointResult *day9 = trellis_analysis_get_timepoint (analysis, 9);

  g_assert_cmpfloat_with_epsilon (day9->effect->estimate, 94.1994166666661, 1e-6);
  g_assert_cmpuint (day9->paired.n, ==, 18);
  g_assert_nonnull (strstr (trellis_analysis_get_sentence (analysis), "9 (unadj. β = 94.20, 95% CI 73.50–114.89"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/trellis/domain/analysis/gaps", test_gaps);
  g_test_add_func ("/trellis/domain/analysis/formats", test_formats);
  g_test_add_func ("/trellis/domain/analysis/no-baseline", test_refusals);
  g_test_add_func ("/trellis/domain/analysis/constant", test_constant);
  g_test_add_func ("/trellis/domain/analysis/sleepstudy", test_sleepstudy);
  return g_test_run ();
}
