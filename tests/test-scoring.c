/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "trellis-domain-error.h"
#include "trellis-scoring.h"

/* Scoring over plain arrays, checked against vectors worked out by hand. */

#define U TRELLIS_ITEM_UNANSWERED

/* The Brief Resilience Scale as scoring sees it: 1–5, items 2, 4, 6 reversed. */
static const TrellisItemSpec brs[] = {
  { "BRS1", TRELLIS_ITEM_INTEGER, 1, 5, FALSE, 0 },
  { "BRS2", TRELLIS_ITEM_INTEGER, 1, 5, TRUE, 0 },
  { "BRS3", TRELLIS_ITEM_INTEGER, 1, 5, FALSE, 0 },
  { "BRS4", TRELLIS_ITEM_INTEGER, 1, 5, TRUE, 0 },
  { "BRS5", TRELLIS_ITEM_INTEGER, 1, 5, FALSE, 0 },
  { "BRS6", TRELLIS_ITEM_INTEGER, 1, 5, TRUE, 0 },
};

static const TrellisScoringRule brs_rule = { TRELLIS_SCORING_MEAN, 5, 1 };

static const TrellisScoreBand brs_bands[] = {
  { "low", 3.00, FALSE },
  { "normal", 4.30, TRUE },
  { "high", 0.0, FALSE },
};

/* A five-question knowledge test; the correct answers are 2, 1, 4, 3, 1. */
static const TrellisItemSpec quiz[] = {
  { "K1", TRELLIS_ITEM_CORRECT, 1, 4, FALSE, 2 },
  { "K2", TRELLIS_ITEM_CORRECT, 1, 4, FALSE, 1 },
  { "K3", TRELLIS_ITEM_CORRECT, 1, 4, FALSE, 4 },
  { "K4", TRELLIS_ITEM_CORRECT, 1, 4, FALSE, 3 },
  { "K5", TRELLIS_ITEM_CORRECT, 1, 4, FALSE, 1 },
};

static TrellisScore
score_brs (const int *values)
{
  TrellisScore score;

  trellis_scoring_compute (&brs_rule, brs, G_N_ELEMENTS (brs), values, &score);
  return score;
}

static void
test_kind_strings (void)
{
  TrellisItemKind kind = TRELLIS_ITEM_INTEGER;

  g_assert_cmpstr (trellis_item_kind_to_string (TRELLIS_ITEM_INTEGER), ==, "integer");
  g_assert_cmpstr (trellis_item_kind_to_string (TRELLIS_ITEM_CHOICE), ==, "choice");
  g_assert_cmpstr (trellis_item_kind_to_string (TRELLIS_ITEM_CORRECT), ==, "correct");
  for (int k = TRELLIS_ITEM_INTEGER; k <= TRELLIS_ITEM_CORRECT; k++)
    {
      g_assert_true (trellis_item_kind_from_string (trellis_item_kind_to_string (k), &kind));
      g_assert_cmpint (kind, ==, k);
    }
  /* Stored words match exactly: anything else is a damaged file. */
  kind = TRELLIS_ITEM_CHOICE;
  g_assert_false (trellis_item_kind_from_string ("Integer", &kind));
  g_assert_false (trellis_item_kind_from_string ("", &kind));
  g_assert_false (trellis_item_kind_from_string (NULL, &kind));
  g_assert_cmpint (kind, ==, TRELLIS_ITEM_CHOICE);
}

static void
test_method_strings (void)
{
  TrellisScoringMethod method = TRELLIS_SCORING_MEAN;

  g_assert_cmpstr (trellis_scoring_method_to_string (TRELLIS_SCORING_MEAN), ==, "mean");
  g_assert_cmpstr (trellis_scoring_method_to_string (TRELLIS_SCORING_SUM), ==, "sum");
  g_assert_cmpstr (trellis_scoring_method_to_string (TRELLIS_SCORING_CORRECT), ==, "correct");
  for (int m = TRELLIS_SCORING_MEAN; m <= TRELLIS_SCORING_CORRECT; m++)
    {
      g_assert_true (trellis_scoring_method_from_string (trellis_scoring_method_to_string (m), &method));
      g_assert_cmpint (method, ==, m);
    }
  method = TRELLIS_SCORING_SUM;
  g_assert_false (trellis_scoring_method_from_string ("average", &method));
  g_assert_false (trellis_scoring_method_from_string ("mean ", &method));
  g_assert_cmpint (method, ==, TRELLIS_SCORING_SUM);
}

static void
test_describe (void)
{
  TrellisScoringRule rule = { TRELLIS_SCORING_MEAN, 5, 2 };
  g_autofree char *mean = trellis_scoring_rule_describe (&rule, 6);
  g_autofree char *sum = NULL;
  g_autofree char *one = NULL;
  g_autofree char *correct = NULL;

  g_assert_cmpstr (mean, ==, "Mean of the items; scored when at least 5 of 6 are answered (rule version 2)");

  rule = (TrellisScoringRule) { TRELLIS_SCORING_SUM, 4, 1 };
  sum = trellis_scoring_rule_describe (&rule, 6);
  g_assert_cmpstr (sum, ==, "Sum of the items, prorated; scored when at least 4 of 6 are answered (rule version 1)");

  rule = (TrellisScoringRule) { TRELLIS_SCORING_SUM, 1, 3 };
  one = trellis_scoring_rule_describe (&rule, 6);
  g_assert_cmpstr (one, ==, "Sum of the items, prorated; scored when at least 1 of 6 is answered (rule version 3)");

  /* Nothing to prorate when every item is needed. */
  rule = (TrellisScoringRule) { TRELLIS_SCORING_CORRECT, 10, 1 };
  correct = trellis_scoring_rule_describe (&rule, 10);
  g_assert_cmpstr (correct, ==, "Number of correct answers; scored only when all 10 items are answered (rule version 1)");
}

static void
assert_item_invalid (const TrellisItemSpec *item,
                     const char            *message)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (trellis_scoring_check_item (item, &error));
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_check_item_code (void)
{
  TrellisItemSpec item = { "brs_1", TRELLIS_ITEM_INTEGER, 1, 5, FALSE, 0 };
  char long_code[34];

  g_assert_true (trellis_scoring_check_item (&item, NULL));
  item.code = "Q2b";
  g_assert_true (trellis_scoring_check_item (&item, NULL));

  /* 32 characters is the longest REDCap allows. */
  memset (long_code, 'a', 32);
  long_code[32] = '\0';
  item.code = long_code;
  g_assert_true (trellis_scoring_check_item (&item, NULL));
  long_code[32] = 'a';
  long_code[33] = '\0';
  assert_item_invalid (&item, "Item code ‘aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa’ is too long (33 characters; at most 32)");

  item.code = "";
  assert_item_invalid (&item, "An item needs a code");
  item.code = NULL;
  assert_item_invalid (&item, "An item needs a code");
  item.code = "1BRS";
  assert_item_invalid (&item, "Item code ‘1BRS’ must start with a letter and hold only letters, digits and ‘_’");
  item.code = "_brs";
  assert_item_invalid (&item, "Item code ‘_brs’ must start with a letter and hold only letters, digits and ‘_’");
  item.code = "brs-1";
  assert_item_invalid (&item, "Item code ‘brs-1’ must start with a letter and hold only letters, digits and ‘_’");
  item.code = "brs 1";
  assert_item_invalid (&item, "Item code ‘brs 1’ must start with a letter and hold only letters, digits and ‘_’");
  item.code = "brs\xc3\xa9";
  assert_item_invalid (&item, "Item code ‘brsé’ must start with a letter and hold only letters, digits and ‘_’");
}

static void
test_check_item_range (void)
{
  TrellisItemSpec item = { "BRS3", TRELLIS_ITEM_INTEGER, 5, 1, FALSE, 0 };

  assert_item_invalid (&item, "Item BRS3: its lowest value (5) is above its highest (1)");

  /* One answer only is a scale too, if a dull one. */
  item.min = item.max = 3;
  g_assert_true (trellis_scoring_check_item (&item, NULL));

  item.min = -500;
  item.max = 500;
  g_assert_true (trellis_scoring_check_item (&item, NULL));
  item.max = 501;
  assert_item_invalid (&item, "Item BRS3: the scale -500–501 is too wide (at most 1000 steps)");

  /* Wide enough to overflow a subtraction in int. */
  item.min = G_MININT + 1;
  item.max = G_MAXINT;
  g_assert_false (trellis_scoring_check_item (&item, NULL));

  /* The unanswered marker can never be an answer. */
  item.min = TRELLIS_ITEM_UNANSWERED;
  item.max = TRELLIS_ITEM_UNANSWERED + 4;
  g_assert_false (trellis_scoring_check_item (&item, NULL));
}

static void
test_check_item_correct (void)
{
  TrellisItemSpec item = { "K1", TRELLIS_ITEM_CORRECT, 1, 4, FALSE, 2 };

  g_assert_true (trellis_scoring_check_item (&item, NULL));
  item.correct = 4;
  g_assert_true (trellis_scoring_check_item (&item, NULL));
  item.correct = 5;
  assert_item_invalid (&item, "Item K1: the correct answer 5 is off the scale (1–4)");
  item.correct = 0;
  assert_item_invalid (&item, "Item K1: the correct answer 0 is off the scale (1–4)");
  item.correct = 1;
  item.reverse = TRUE;
  assert_item_invalid (&item, "Item K1: a test question cannot be reverse-scored");

  /* Other kinds ignore the correct value, and may be reversed. */
  item.kind = TRELLIS_ITEM_CHOICE;
  item.correct = 99;
  g_assert_true (trellis_scoring_check_item (&item, NULL));
}

static void
assert_rule_invalid (const TrellisScoringRule *rule,
                     const TrellisItemSpec    *items,
                     guint                     n_items,
                     const char               *message)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (trellis_scoring_check_rule (rule, items, n_items, &error));
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_check_rule (void)
{
  TrellisScoringRule rule = brs_rule;
  TrellisItemSpec mixed[] = { brs[0], quiz[0] };

  g_assert_true (trellis_scoring_check_rule (&rule, brs, G_N_ELEMENTS (brs), NULL));
  rule.min_answered = 6;
  g_assert_true (trellis_scoring_check_rule (&rule, brs, G_N_ELEMENTS (brs), NULL));
  rule.min_answered = 1;
  g_assert_true (trellis_scoring_check_rule (&rule, brs, G_N_ELEMENTS (brs), NULL));

  rule.min_answered = 7;
  assert_rule_invalid (&rule, brs, G_N_ELEMENTS (brs),
                       "The scoring rule asks for 7 answered items; it must be between 1 and 6, the number of items");
  rule.min_answered = 0;
  assert_rule_invalid (&rule, brs, G_N_ELEMENTS (brs),
                       "The scoring rule asks for 0 answered items; it must be between 1 and 6, the number of items");
  rule.min_answered = 5;
  rule.version = 0;
  assert_rule_invalid (&rule, brs, G_N_ELEMENTS (brs), "The scoring rule’s version must be 1 or more (it is 0)");
  rule.version = 1;
  assert_rule_invalid (&rule, NULL, 0, "There are no items to score");

  rule = (TrellisScoringRule) { TRELLIS_SCORING_CORRECT, 5, 1 };
  g_assert_true (trellis_scoring_check_rule (&rule, quiz, G_N_ELEMENTS (quiz), NULL));
  assert_rule_invalid (&rule, brs, G_N_ELEMENTS (brs),
                       "A count of correct answers needs every item to be a test question, and BRS1 is not");
  rule.min_answered = 2;
  assert_rule_invalid (&rule, mixed, 2,
                       "A count of correct answers needs every item to be a test question, and BRS1 is not");

  rule.method = TRELLIS_SCORING_MEAN;
  assert_rule_invalid (&rule, mixed, 2,
                       "Item K1 is a test question, so the instrument can only be scored as a count of correct answers");
  rule.method = TRELLIS_SCORING_SUM;
  assert_rule_invalid (&rule, quiz, G_N_ELEMENTS (quiz),
                       "Item K1 is a test question, so the instrument can only be scored as a count of correct answers");
}

static void
test_check_value (void)
{
  g_autoptr(GError) error = NULL;

  for (int v = 1; v <= 5; v++)
    g_assert_true (trellis_scoring_check_value (&brs[2], v, NULL));
  g_assert_false (trellis_scoring_check_value (&brs[2], 7, &error));
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "‘7’ is off the scale for BRS3 (1–5)");
  g_clear_error (&error);
  g_assert_false (trellis_scoring_check_value (&brs[2], 0, &error));
  g_assert_cmpstr (error->message, ==, "‘0’ is off the scale for BRS3 (1–5)");
  g_clear_error (&error);
  g_assert_false (trellis_scoring_check_value (&brs[2], -1, &error));
  g_assert_cmpstr (error->message, ==, "‘-1’ is off the scale for BRS3 (1–5)");
}

static void
assert_parse_fails (const char *text,
                    const char *message)
{
  g_autoptr(GError) error = NULL;
  int value = 42;

  g_assert_false (trellis_scoring_parse_value (&brs[2], text, &value, &error));
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, message);
  g_assert_cmpint (value, ==, 42);
}

static void
test_parse_value (void)
{
  int value = 0;

  g_assert_true (trellis_scoring_parse_value (&brs[2], "4", &value, NULL));
  g_assert_cmpint (value, ==, 4);
  g_assert_true (trellis_scoring_parse_value (&brs[2], "  1\t", &value, NULL));
  g_assert_cmpint (value, ==, 1);
  g_assert_true (trellis_scoring_parse_value (&brs[2], "5 ", &value, NULL));
  g_assert_cmpint (value, ==, 5);
  /* A leading plus, as some spreadsheets write it, is still a whole number. */
  g_assert_true (trellis_scoring_parse_value (&brs[2], "+3", &value, NULL));
  g_assert_cmpint (value, ==, 3);

  assert_parse_fails ("3.5", "‘3.5’ is not a whole number (BRS3 takes 1–5)");
  assert_parse_fails ("3.0", "‘3.0’ is not a whole number (BRS3 takes 1–5)");
  assert_parse_fails ("3a", "‘3a’ is not a whole number (BRS3 takes 1–5)");
  assert_parse_fails (" three ", "‘three’ is not a whole number (BRS3 takes 1–5)");
  assert_parse_fails ("0x3", "‘0x3’ is not a whole number (BRS3 takes 1–5)");
  assert_parse_fails ("3 4", "‘3 4’ is not a whole number (BRS3 takes 1–5)");
  assert_parse_fails ("7", "‘7’ is off the scale for BRS3 (1–5)");
  assert_parse_fails (" 0 ", "‘0’ is off the scale for BRS3 (1–5)");
  assert_parse_fails ("-2", "‘-2’ is off the scale for BRS3 (1–5)");
  /* Too large for an int, and for 64 bits: off the scale either way. */
  assert_parse_fails ("4294967299", "‘4294967299’ is off the scale for BRS3 (1–5)");
  assert_parse_fails ("99999999999999999999999", "‘99999999999999999999999’ is off the scale for BRS3 (1–5)");
  assert_parse_fails ("-99999999999999999999999", "‘-99999999999999999999999’ is off the scale for BRS3 (1–5)");
  /* An empty cell is unanswered to callers; parsing it is an error. */
  assert_parse_fails ("", "There is no value for BRS3 (it takes 1–5)");
  assert_parse_fails ("   ", "There is no value for BRS3 (it takes 1–5)");
}

/* Negative scales exist (-3 disagree … +3 agree). */
static void
test_parse_negative (void)
{
  const TrellisItemSpec item = { "ATT1", TRELLIS_ITEM_INTEGER, -3, 3, FALSE, 0 };
  int value = 0;

  g_assert_true (trellis_scoring_parse_value (&item, "-3", &value, NULL));
  g_assert_cmpint (value, ==, -3);
  g_assert_true (trellis_scoring_parse_value (&item, "0", &value, NULL));
  g_assert_cmpint (value, ==, 0);
  g_assert_false (trellis_scoring_parse_value (&item, "-4", &value, NULL));
}

static void
test_brs_all_fives (void)
{
  /* Items 2, 4, 6 reversed to 1: (5 + 1 + 5 + 1 + 5 + 1) / 6 = 3.0. */
  const int values[] = { 5, 5, 5, 5, 5, 5 };
  TrellisScore score = score_brs (values);

  g_assert_false (score.missing);
  g_assert_cmpint (score.answered, ==, 6);
  g_assert_cmpfloat_with_epsilon (score.value, 3.0, 1e-12);
}

static void
test_brs_resilient (void)
{
  /* Agreeing with the positive items, disagreeing with the negative ones:
   * every item counts 5 or 4. (5 + 5 + 4 + 4 + 5 + 5) / 6 = 28 / 6. */
  const int values[] = { 5, 1, 4, 2, 5, 1 };
  const int lowest[] = { 1, 5, 1, 5, 1, 5 };
  TrellisScore score = score_brs (values);

  g_assert_false (score.missing);
  g_assert_cmpfloat_with_epsilon (score.value, 28.0 / 6.0, 1e-12);

  score = score_brs (lowest);
  g_assert_false (score.missing);
  g_assert_cmpfloat_with_epsilon (score.value, 1.0, 1e-12);
}

static void
test_brs_one_missing (void)
{
  /* BRS4 left out: (4 + 3 + 3 + 4 + 2) / 5 = 3.2, with BRS2 = 6 − 3 and
   * BRS6 = 6 − 4. A mean needs no prorating. */
  const int values[] = { 4, 3, 3, U, 4, 4 };
  TrellisScore score = score_brs (values);

  g_assert_false (score.missing);
  g_assert_cmpint (score.answered, ==, 5);
  g_assert_cmpfloat_with_epsilon (score.value, 3.2, 1e-12);
}

static void
test_brs_two_missing (void)
{
  const int values[] = { 4, U, 3, U, 4, 4 };
  TrellisScore score = score_brs (values);

  g_assert_true (score.missing);
  g_assert_cmpint (score.answered, ==, 4);
  g_assert_cmpfloat (score.value, ==, 0.0);
}

static void
test_brs_none_answered (void)
{
  const int values[] = { U, U, U, U, U, U };
  TrellisScoringRule any = { TRELLIS_SCORING_MEAN, 1, 1 };
  TrellisScore score = score_brs (values);

  g_assert_true (score.missing);
  g_assert_cmpint (score.answered, ==, 0);
  /* Even a rule asking for a single answer has nothing to divide by. */
  trellis_scoring_compute (&any, brs, G_N_ELEMENTS (brs), values, &score);
  g_assert_true (score.missing);
}

static void
test_brs_reversed_only (void)
{
  /* Only the reversed items answered, each 2, so each counts 6 − 2 = 4.
   * Under the BRS rule that is 3 of 6: no score. */
  const int values[] = { U, 2, U, 2, U, 2 };
  TrellisScoringRule lenient = { TRELLIS_SCORING_MEAN, 3, 1 };
  TrellisScore score = score_brs (values);

  g_assert_true (score.missing);
  g_assert_cmpint (score.answered, ==, 3);

  trellis_scoring_compute (&lenient, brs, G_N_ELEMENTS (brs), values, &score);
  g_assert_false (score.missing);
  g_assert_cmpint (score.answered, ==, 3);
  g_assert_cmpfloat_with_epsilon (score.value, 4.0, 1e-12);
}

static void
test_sum_prorated (void)
{
  /* Four items 0–3, the last reversed (3 − x); a sum when 3 are answered. */
  static const TrellisItemSpec items[] = {
    { "A1", TRELLIS_ITEM_INTEGER, 0, 3, FALSE, 0 },
    { "A2", TRELLIS_ITEM_CHOICE, 0, 3, FALSE, 0 },
    { "A3", TRELLIS_ITEM_INTEGER, 0, 3, FALSE, 0 },
    { "A4", TRELLIS_ITEM_INTEGER, 0, 3, TRUE, 0 },
  };
  const TrellisScoringRule rule = { TRELLIS_SCORING_SUM, 3, 1 };
  const int all[] = { 3, 2, 1, 3 };
  const int one_missing[] = { 3, 2, U, 1 };
  const int two_missing[] = { 3, U, U, 1 };
  TrellisScore score;

  /* 3 + 2 + 1 + (3 − 3) = 6, nothing to prorate. */
  trellis_scoring_compute (&rule, items, G_N_ELEMENTS (items), all, &score);
  g_assert_false (score.missing);
  g_assert_cmpfloat_with_epsilon (score.value, 6.0, 1e-12);

  /* 3 + 2 + (3 − 1) = 7 over 3 answers, times 4 items: 28 / 3. */
  trellis_scoring_compute (&rule, items, G_N_ELEMENTS (items), one_missing, &score);
  g_assert_false (score.missing);
  g_assert_cmpint (score.answered, ==, 3);
  g_assert_cmpfloat_with_epsilon (score.value, 28.0 / 3.0, 1e-12);

  trellis_scoring_compute (&rule, items, G_N_ELEMENTS (items), two_missing, &score);
  g_assert_true (score.missing);
}

static void
test_correct_prorated (void)
{
  const TrellisScoringRule rule = { TRELLIS_SCORING_CORRECT, 4, 1 };
  const int all_right[] = { 2, 1, 4, 3, 1 };
  const int three_wrong[] = { 2, 2, 4, 1, 4 };
  const int one_missing[] = { 2, 1, U, 3, 4 };
  const int two_missing[] = { 2, 1, U, U, 1 };
  TrellisScore score;

  trellis_scoring_compute (&rule, quiz, G_N_ELEMENTS (quiz), all_right, &score);
  g_assert_false (score.missing);
  g_assert_cmpfloat_with_epsilon (score.value, 5.0, 1e-12);

  trellis_scoring_compute (&rule, quiz, G_N_ELEMENTS (quiz), three_wrong, &score);
  g_assert_cmpfloat_with_epsilon (score.value, 2.0, 1e-12);

  /* 3 of 4 answered are right: 3 × 5 / 4 = 3.75. */
  trellis_scoring_compute (&rule, quiz, G_N_ELEMENTS (quiz), one_missing, &score);
  g_assert_false (score.missing);
  g_assert_cmpint (score.answered, ==, 4);
  g_assert_cmpfloat_with_epsilon (score.value, 3.75, 1e-12);

  trellis_scoring_compute (&rule, quiz, G_N_ELEMENTS (quiz), two_missing, &score);
  g_assert_true (score.missing);
  g_assert_cmpint (score.answered, ==, 3);
}

static void
test_bands (void)
{
  const guint n = G_N_ELEMENTS (brs_bands);

  g_assert_cmpstr (trellis_scoring_band (brs_bands, n, 1.0), ==, "low");
  g_assert_cmpstr (trellis_scoring_band (brs_bands, n, 2.99), ==, "low");
  g_assert_cmpstr (trellis_scoring_band (brs_bands, n, 3.00), ==, "normal");
  g_assert_cmpstr (trellis_scoring_band (brs_bands, n, 4.30), ==, "normal");
  g_assert_cmpstr (trellis_scoring_band (brs_bands, n, 4.31), ==, "high");
  /* The last band's bound (0 here) is ignored. */
  g_assert_cmpstr (trellis_scoring_band (brs_bands, n, 5.0), ==, "high");
  g_assert_null (trellis_scoring_band (NULL, 0, 3.0));
  g_assert_cmpstr (trellis_scoring_band (brs_bands + 2, 1, -100.0), ==, "high");
}

/* Scored BRS means fall into Smith et al.'s bands. */
static void
test_brs_bands (void)
{
  const int low[] = { 2, 4, 3, 4, 2, U };          /* (2+2+3+2+2)/5 = 2.2 */
  const int edge[] = { 3, 3, 3, 3, 3, 3 };         /* 3.0 */
  const int high[] = { 5, 1, 5, 1, 4, 2 };         /* (5+5+5+5+4+4)/6 = 4.67 */
  const guint n = G_N_ELEMENTS (brs_bands);

  g_assert_cmpstr (trellis_scoring_band (brs_bands, n, score_brs (low).value), ==, "low");
  g_assert_cmpstr (trellis_scoring_band (brs_bands, n, score_brs (edge).value), ==, "normal");
  g_assert_cmpstr (trellis_scoring_band (brs_bands, n, score_brs (high).value), ==, "high");
}

/* A score given in place of items lies within what the rule can give. */
static void
test_score_range (void)
{
  const TrellisScoringRule sum = { TRELLIS_SCORING_SUM, 5, 1 };
  const TrellisScoringRule correct = { TRELLIS_SCORING_CORRECT, 4, 1 };
  g_autoptr(GError) error = NULL;
  double low, high, score = 0;

  trellis_scoring_range (&brs_rule, brs, G_N_ELEMENTS (brs), &low, &high);
  g_assert_cmpfloat (low, ==, 1.0);
  g_assert_cmpfloat (high, ==, 5.0);
  trellis_scoring_range (&sum, brs, G_N_ELEMENTS (brs), &low, &high);
  g_assert_cmpfloat (low, ==, 6.0);
  g_assert_cmpfloat (high, ==, 30.0);
  trellis_scoring_range (&correct, quiz, G_N_ELEMENTS (quiz), &low, &high);
  g_assert_cmpfloat (low, ==, 0.0);
  g_assert_cmpfloat (high, ==, 5.0);

  g_assert_true (trellis_scoring_parse_score (&brs_rule, brs, 6, "BRS", " 3.25 ", &score, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (score, ==, 3.25);
  g_assert_true (trellis_scoring_parse_score (&sum, brs, 6, "BRS", "30", &score, &error));
  g_assert_false (trellis_scoring_parse_score (&sum, brs, 6, "BRS", "31", &score, &error));
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "‘31’ is outside the possible range of the BRS score (6–30)");
  g_clear_error (&error);
  g_assert_false (trellis_scoring_parse_score (&correct, quiz, 5, "KNOW", "-1", &score, &error));
  g_clear_error (&error);
  for (guint i = 0; i < 4; i++)
    {
      static const char *const bad[] = { "", "0x3", "nan", "3 points" };

      g_assert_false (trellis_scoring_parse_score (&brs_rule, brs, 6, "BRS", bad[i], &score, &error));
      g_assert_nonnull (strstr (error->message, "is not a score (the BRS score is a number from 1 to 5)"));
      g_clear_error (&error);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/trellis/domain/scoring/kind-strings", test_kind_strings);
  g_test_add_func ("/trellis/domain/scoring/method-strings", test_method_strings);
  g_test_add_func ("/trellis/domain/scoring/describe", test_describe);
  g_test_add_func ("/trellis/domain/scoring/check-item-code", test_check_item_code);
  g_test_add_func ("/trellis/domain/scoring/check-item-range", test_check_item_range);
  g_test_add_func ("/trellis/domain/scoring/check-item-correct", test_check_item_correct);
  g_test_add_func ("/trellis/domain/scoring/check-rule", test_check_rule);
  g_test_add_func ("/trellis/domain/scoring/check-value", test_check_value);
  g_test_add_func ("/trellis/domain/scoring/parse-value", test_parse_value);
  g_test_add_func ("/trellis/domain/scoring/parse-negative", test_parse_negative);
  g_test_add_func ("/trellis/domain/scoring/brs-all-fives", test_brs_all_fives);
  g_test_add_func ("/trellis/domain/scoring/brs-resilient", test_brs_resilient);
  g_test_add_func ("/trellis/domain/scoring/brs-one-missing", test_brs_one_missing);
  g_test_add_func ("/trellis/domain/scoring/brs-two-missing", test_brs_two_missing);
  g_test_add_func ("/trellis/domain/scoring/brs-none-answered", test_brs_none_answered);
  g_test_add_func ("/trellis/domain/scoring/brs-reversed-only", test_brs_reversed_only);
  g_test_add_func ("/trellis/domain/scoring/sum-prorated", test_sum_prorated);
  g_test_add_func ("/trellis/domain/scoring/correct-prorated", test_correct_prorated);
  g_test_add_func ("/trellis/domain/scoring/bands", test_bands);
  g_test_add_func ("/trellis/domain/scoring/score-range", test_score_range);
  g_test_add_func ("/trellis/domain/scoring/brs-bands", test_brs_bands);

  return g_test_run ();
}
