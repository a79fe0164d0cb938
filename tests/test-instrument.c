/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "trellis-domain-error.h"
#include "trellis-instrument.h"

/* Instruments and items as objects: the built-in Brief Resilience Scale, the
 * spec cache, validation, score bands as text, and property notification. */

#define U TRELLIS_ITEM_UNANSWERED

/* Item @i, counting from 0: BRS2, BRS4 and BRS6 are reversed. */
static void
assert_brs_item (TrellisItem *item,
                 guint        i,
                 const char  *text)
{
  static const char *const anchors[] = {
    "Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree", NULL,
  };
  g_autofree char *code = g_strdup_printf ("BRS%u", i + 1);

  g_assert_cmpstr (trellis_item_get_code (item), ==, code);
  g_assert_cmpstr (trellis_item_get_text (item), ==, text);
  g_assert_cmpint (trellis_item_get_kind (item), ==, TRELLIS_ITEM_INTEGER);
  g_assert_cmpint (trellis_item_get_min (item), ==, 1);
  g_assert_cmpint (trellis_item_get_max (item), ==, 5);
  g_assert_cmpint (trellis_item_get_reverse (item), ==, (i + 1) % 2 == 0);
  g_assert_cmpint (trellis_item_get_position (item), ==, (int) i);
  g_assert_true (g_strv_equal (trellis_item_get_choices (item), anchors));
}

static void
test_brs_definition (void)
{
  static const char *const texts[] = {
    "I tend to bounce back quickly after hard times",
    "I have a hard time making it through stressful events",
    "It does not take me long to recover from a stressful event",
    "It is hard for me to snap back when something bad happens",
    "I usually come through difficult times with little trouble",
    "I tend to take a long time to get over set-backs in my life",
  };
  g_autoptr(TrellisInstrument) brs = trellis_instrument_new_brief_resilience_scale ();
  g_autofree char *bands = trellis_instrument_bands_to_text (brs);
  g_autoptr(GError) error = NULL;
  TrellisScoringRule rule;
  GPtrArray *items;

  g_assert_cmpstr (trellis_instrument_get_code (brs), ==, "BRS");
  g_assert_cmpstr (trellis_instrument_get_label (brs), ==, "Brief Resilience Scale");
  trellis_instrument_get_rule (brs, &rule);
  g_assert_cmpint (rule.method, ==, TRELLIS_SCORING_MEAN);
  g_assert_cmpint (rule.min_answered, ==, 5);
  g_assert_cmpint (rule.version, ==, 1);
  g_assert_cmpstr (bands, ==, "low<3.00; normal<=4.30; high");

  items = trellis_instrument_get_items (brs);
  g_assert_cmpuint (items->len, ==, 6);
  for (guint i = 0; i < items->len; i++)
    assert_brs_item (g_ptr_array_index (items, i), i, texts[i]);
  g_assert_true (trellis_instrument_validate (brs, &error));
  g_assert_no_error (error);
}

/* The same vectors as the scoring tests, through the instrument. */
static void
test_brs_scores (void)
{
  g_autoptr(TrellisInstrument) brs = trellis_instrument_new_brief_resilience_scale ();
  const int all_fives[] = { 5, 5, 5, 5, 5, 5 };
  const int one_missing[] = { 4, 3, 3, U, 4, 4 };
  const int two_missing[] = { 4, U, 3, U, 4, 4 };
  const int reversed_only[] = { U, 2, U, 2, U, 2 };
  const TrellisScoreBand *bands;
  guint n_bands;
  TrellisScore score;

  bands = trellis_instrument_get_bands (brs, &n_bands);
  g_assert_cmpuint (n_bands, ==, 3);

  trellis_instrument_score (brs, all_fives, &score);
  g_assert_false (score.missing);
  g_assert_cmpfloat_with_epsilon (score.value, 3.0, 1e-12);
  g_assert_cmpstr (trellis_scoring_band (bands, n_bands, score.value), ==, "normal");

  trellis_instrument_score (brs, one_missing, &score);
  g_assert_false (score.missing);
  g_assert_cmpfloat_with_epsilon (score.value, 3.2, 1e-12);

  trellis_instrument_score (brs, two_missing, &score);
  g_assert_true (score.missing);

  trellis_instrument_score (brs, reversed_only, &score);
  g_assert_true (score.missing);
  g_assert_cmpint (score.answered, ==, 3);

  g_assert_cmpstr (trellis_scoring_band (bands, n_bands, 2.99), ==, "low");
  g_assert_cmpstr (trellis_scoring_band (bands, n_bands, 3.00), ==, "normal");
  g_assert_cmpstr (trellis_scoring_band (bands, n_bands, 4.30), ==, "normal");
  g_assert_cmpstr (trellis_scoring_band (bands, n_bands, 4.31), ==, "high");
  g_assert_cmpstr (trellis_scoring_band (bands, n_bands, 5.0), ==, "high");
}

/* The specs follow the items: a changed code, range or direction is what
 * the next score uses. */
static void
test_specs_follow_items (void)
{
  g_autoptr(TrellisInstrument) brs = trellis_instrument_new_brief_resilience_scale ();
  g_autoptr(TrellisItem) extra = trellis_item_new ("BRS7", "Extra", TRELLIS_ITEM_INTEGER, 1, 5);
  TrellisItem *second = g_ptr_array_index (trellis_instrument_get_items (brs), 1);
  const int fives[] = { 5, 5, 5, 5, 5, 5 };
  const TrellisItemSpec *specs;
  TrellisScore score;
  guint n = 0;

  specs = trellis_instrument_get_specs (brs, &n);
  g_assert_cmpuint (n, ==, 6);
  g_assert_cmpstr (specs[1].code, ==, "BRS2");
  g_assert_true (specs[1].reverse);
  g_assert_true (specs == trellis_instrument_get_specs (brs, NULL));

  trellis_item_set_code (second, "brs_two");
  trellis_item_set_reverse (second, FALSE);
  specs = trellis_instrument_get_specs (brs, &n);
  g_assert_cmpstr (specs[1].code, ==, "brs_two");
  g_assert_false (specs[1].reverse);
  /* (5 + 5 + 5 + 1 + 5 + 1) / 6 = 22 / 6. */
  trellis_instrument_score (brs, fives, &score);
  g_assert_cmpfloat_with_epsilon (score.value, 22.0 / 6.0, 1e-12);

  trellis_item_set_range (second, 0, 10);
  specs = trellis_instrument_get_specs (brs, &n);
  g_assert_cmpint (specs[1].min, ==, 0);
  g_assert_cmpint (specs[1].max, ==, 10);

  trellis_instrument_add_item (brs, extra);
  specs = trellis_instrument_get_specs (brs, &n);
  g_assert_cmpuint (n, ==, 7);
  g_assert_cmpstr (specs[6].code, ==, "BRS7");
}

static void
test_find_item (void)
{
  g_autoptr(TrellisInstrument) brs = trellis_instrument_new_brief_resilience_scale ();
  TrellisItem *item;
  guint index = 99;

  item = trellis_instrument_find_item (brs, "BRS4", &index);
  g_assert_nonnull (item);
  g_assert_cmpuint (index, ==, 3);
  /* REDCap exports lower-case names. */
  g_assert_true (trellis_instrument_find_item (brs, "brs4", NULL) == item);
  index = 99;
  g_assert_null (trellis_instrument_find_item (brs, "BRS", &index));
  g_assert_null (trellis_instrument_find_item (brs, "BRS44", &index));
  g_assert_cmpuint (index, ==, 99);
}

static void
assert_invalid (TrellisInstrument *instrument,
                int                code,
                const char        *message)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (trellis_instrument_validate (instrument, &error));
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_validate_names (void)
{
  g_autoptr(TrellisInstrument) brs = trellis_instrument_new_brief_resilience_scale ();

  trellis_instrument_set_code (brs, "");
  assert_invalid (brs, TRELLIS_DOMAIN_ERROR_INVALID, "The instrument needs a code");
  trellis_instrument_set_code (brs, NULL);
  assert_invalid (brs, TRELLIS_DOMAIN_ERROR_INVALID, "The instrument needs a code");
  trellis_instrument_set_code (brs, "BRS");
  trellis_instrument_set_label (brs, "");
  assert_invalid (brs, TRELLIS_DOMAIN_ERROR_INVALID, "Instrument BRS needs a label");
}

static void
test_validate_items (void)
{
  g_autoptr(TrellisInstrument) brs = trellis_instrument_new_brief_resilience_scale ();
  g_autoptr(TrellisInstrument) empty = trellis_instrument_new ("EMPTY", "Nothing yet", TRELLIS_SCORING_SUM, 1);
  g_autoptr(TrellisItem) twin = trellis_item_new ("brs3", "Again", TRELLIS_ITEM_INTEGER, 1, 5);
  TrellisItem *third = g_ptr_array_index (trellis_instrument_get_items (brs), 2);

  assert_invalid (empty, TRELLIS_DOMAIN_ERROR_INVALID, "EMPTY: There are no items to score");

  trellis_item_set_range (third, 5, 1);
  assert_invalid (brs, TRELLIS_DOMAIN_ERROR_INVALID, "BRS: Item BRS3: its lowest value (5) is above its highest (1)");
  trellis_item_set_range (third, 1, 5);
  g_assert_true (trellis_instrument_validate (brs, NULL));

  trellis_instrument_add_item (brs, twin);
  assert_invalid (brs, TRELLIS_DOMAIN_ERROR_DUPLICATE,
                  "BRS: More than one item is coded ‘brs3’ (codes are compared without regard to case)");
  trellis_item_set_code (twin, "BRS7");
  g_assert_true (trellis_instrument_validate (brs, NULL));
}

static void
test_validate_rule (void)
{
  g_autoptr(TrellisInstrument) brs = trellis_instrument_new_brief_resilience_scale ();
  TrellisItem *first = g_ptr_array_index (trellis_instrument_get_items (brs), 0);
  TrellisScoringRule rule;

  trellis_instrument_get_rule (brs, &rule);
  rule.min_answered = 7;
  trellis_instrument_set_rule (brs, &rule);
  assert_invalid (brs, TRELLIS_DOMAIN_ERROR_INVALID,
                  "BRS: The scoring rule asks for 7 answered items; it must be between 1 and 6, the number of items");

  rule.min_answered = 6;
  rule.method = TRELLIS_SCORING_CORRECT;
  trellis_instrument_set_rule (brs, &rule);
  assert_invalid (brs, TRELLIS_DOMAIN_ERROR_INVALID,
                  "BRS: A count of correct answers needs every item to be a test question, and BRS1 is not");

  rule.method = TRELLIS_SCORING_MEAN;
  trellis_instrument_set_rule (brs, &rule);
  g_assert_true (trellis_instrument_validate (brs, NULL));
  trellis_item_set_kind (first, TRELLIS_ITEM_CORRECT);
  trellis_item_set_correct (first, 5);
  assert_invalid (brs, TRELLIS_DOMAIN_ERROR_INVALID,
                  "BRS: Item BRS1 is a test question, so the instrument can only be scored as a count of correct answers");
}

/* Bands set directly, as storage might, are checked too. */
static void
test_validate_bands (void)
{
  g_autoptr(TrellisInstrument) brs = trellis_instrument_new_brief_resilience_scale ();
  const TrellisScoreBand backwards[] = {
    { "low", 4.0, FALSE }, { "normal", 3.0, TRUE }, { "high", 0.0, FALSE },
  };
  const TrellisScoreBand unlabelled[] = { { "", 3.0, FALSE }, { "high", 0.0, FALSE } };
  const TrellisScoreBand endless[] = { { "low", NAN, FALSE }, { "high", 0.0, FALSE } };
  const TrellisScoreBand semicolon[] = { { "low;ish", 3.0, FALSE }, { "high", 0.0, FALSE } };

  trellis_instrument_set_bands (brs, backwards, G_N_ELEMENTS (backwards));
  assert_invalid (brs, TRELLIS_DOMAIN_ERROR_ORDER,
                  "Score bands of BRS: ‘normal<=3.00’ must end above ‘low<4.00’, the band before it");
  trellis_instrument_set_bands (brs, unlabelled, G_N_ELEMENTS (unlabelled));
  assert_invalid (brs, TRELLIS_DOMAIN_ERROR_INVALID, "Score bands of BRS: ‘<3.00’ has no label");
  trellis_instrument_set_bands (brs, endless, G_N_ELEMENTS (endless));
  assert_invalid (brs, TRELLIS_DOMAIN_ERROR_INVALID, "Score bands of BRS: Band ‘low’ needs a finite bound");
  trellis_instrument_set_bands (brs, semicolon, G_N_ELEMENTS (semicolon));
  assert_invalid (brs, TRELLIS_DOMAIN_ERROR_INVALID,
                  "Score bands of BRS: ‘low;ish<3.00’: a label cannot hold ‘;’ or ‘<’");
  trellis_instrument_set_bands (brs, NULL, 0);
  g_assert_true (trellis_instrument_validate (brs, NULL));
}

static void
assert_round_trip (const char *text,
                   const char *expected)
{
  g_autoptr(TrellisInstrument) instrument = trellis_instrument_new ("X", "X", TRELLIS_SCORING_MEAN, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  trellis_instrument_bands_from_text (instrument, text, &error);
  g_assert_no_error (error);
  first = trellis_instrument_bands_to_text (instrument);
  g_assert_cmpstr (first, ==, expected);
  g_assert_true (trellis_instrument_bands_from_text (instrument, first, &error));
  second = trellis_instrument_bands_to_text (instrument);
  g_assert_cmpstr (second, ==, expected);
}

static void
test_bands_text (void)
{
  g_autoptr(TrellisInstrument) instrument = trellis_instrument_new ("X", "X", TRELLIS_SCORING_MEAN, 1);
  const TrellisScoreBand *bands;
  guint n = 99;

  assert_round_trip ("low<3.00; normal<=4.30; high", "low<3.00; normal<=4.30; high");
  assert_round_trip ("  low < 3 ;normal<= 4.3;  very high ", "low<3.00; normal<=4.30; very high");
  assert_round_trip ("below zero<-1.5; zero<=0; above", "below zero<-1.50; zero<=0.00; above");
  assert_round_trip ("under<3; exactly three<=3; over", "under<3.00; exactly three<=3.00; over");
  assert_round_trip ("everyone", "everyone");
  assert_round_trip ("", "");
  assert_round_trip ("   ", "");

  g_assert_true (trellis_instrument_bands_from_text (instrument, "low < 2.5 ; high", NULL));
  bands = trellis_instrument_get_bands (instrument, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpstr (bands[0].label, ==, "low");
  g_assert_cmpfloat (bands[0].upper, ==, 2.5);
  g_assert_false (bands[0].inclusive);
  g_assert_cmpstr (bands[1].label, ==, "high");
  g_assert_cmpstr (trellis_scoring_band (bands, n, 2.5), ==, "high");
}

static void
assert_bands_refused (const char *text,
                      int         code,
                      const char *message)
{
  g_autoptr(TrellisInstrument) brs = trellis_instrument_new_brief_resilience_scale ();
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;

  g_assert_false (trellis_instrument_bands_from_text (brs, text, &error));
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
  /* The bands stay as they were. */
  after = trellis_instrument_bands_to_text (brs);
  g_assert_cmpstr (after, ==, "low<3.00; normal<=4.30; high");
}

static void
test_bands_bad (void)
{
  const int invalid = TRELLIS_DOMAIN_ERROR_INVALID;

  assert_bands_refused ("low<abc; high", invalid, "Score bands of BRS: ‘low<abc’: ‘abc’ is not a number");
  assert_bands_refused ("low<; high", invalid, "Score bands of BRS: ‘low<’: ‘’ is not a number");
  assert_bands_refused ("low<3,5; high", invalid, "Score bands of BRS: ‘low<3,5’: ‘3,5’ is not a number");
  assert_bands_refused ("low<inf; high", invalid, "Score bands of BRS: ‘low<inf’: ‘inf’ is not a number");
  assert_bands_refused ("low<3 4; high", invalid, "Score bands of BRS: ‘low<3 4’: ‘3 4’ is not a number");
  assert_bands_refused ("low<=<3; high", invalid, "Score bands of BRS: ‘low<=<3’: ‘<3’ is not a number");
  assert_bands_refused ("low; high", invalid,
                        "Score bands of BRS: ‘low’ needs a bound, such as ‘low<3.00’ or ‘low<=3.00’");
  assert_bands_refused ("low<3; high<5", invalid,
                        "Score bands of BRS: ‘high<5’ is the last band and takes no bound: "
                        "it holds every score above the band before");
  assert_bands_refused ("low<3;;high", invalid, "Score bands of BRS: band 2 of 3 is empty");
  assert_bands_refused ("low<3; high;", invalid, "Score bands of BRS: band 3 of 3 is empty");
  assert_bands_refused ("<3; high", invalid, "Score bands of BRS: ‘<3.00’ has no label");
  assert_bands_refused ("low<3; mid<2; high", TRELLIS_DOMAIN_ERROR_ORDER,
                        "Score bands of BRS: ‘mid<2.00’ must end above ‘low<3.00’, the band before it");
  assert_bands_refused ("low<3; mid<3; high", TRELLIS_DOMAIN_ERROR_ORDER,
                        "Score bands of BRS: ‘mid<3.00’ must end above ‘low<3.00’, the band before it");
  assert_bands_refused ("low<=3; mid<=3; high", TRELLIS_DOMAIN_ERROR_ORDER,
                        "Score bands of BRS: ‘mid<=3.00’ must end above ‘low<=3.00’, the band before it");
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  GHashTable *counts = user_data;
  const char *name = g_param_spec_get_name (pspec);

  g_hash_table_insert (counts, (gpointer) name,
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, name)) + 1));
}

static guint
count_of (GHashTable *counts,
          const char *name)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (counts, name));
}

static void
test_item_notify (void)
{
  static const char *const yes_no[] = { "No", "Yes", NULL };
  static const char *const yes_no_copy[] = { "No", "Yes", NULL };
  g_autoptr(TrellisItem) item = trellis_item_new ("Q1", "Question", TRELLIS_ITEM_CHOICE, 0, 1);
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);

  g_signal_connect (item, "notify", G_CALLBACK (count_notify), counts);

  trellis_item_set_code (item, "Q1");
  trellis_item_set_range (item, 0, 1);
  trellis_item_set_choices (item, yes_no);
  trellis_item_set_choices (item, yes_no_copy);
  g_assert_cmpuint (count_of (counts, "code"), ==, 0);
  g_assert_cmpuint (count_of (counts, "min"), ==, 0);
  g_assert_cmpuint (count_of (counts, "choices"), ==, 1);

  trellis_item_set_code (item, "Q2");
  trellis_item_set_range (item, 1, 1);
  trellis_item_set_range (item, 1, 2);
  trellis_item_set_reverse (item, 7);
  trellis_item_set_reverse (item, TRUE);
  trellis_item_set_choices (item, NULL);
  trellis_item_set_choices (item, NULL);
  g_object_set (item, "kind", TRELLIS_ITEM_CORRECT, "correct", 2, "position", 3, "id", (gint64) 12, NULL);
  g_assert_cmpuint (count_of (counts, "code"), ==, 1);
  g_assert_cmpuint (count_of (counts, "min"), ==, 1);
  g_assert_cmpuint (count_of (counts, "max"), ==, 1);
  g_assert_cmpuint (count_of (counts, "reverse"), ==, 1);
  g_assert_cmpuint (count_of (counts, "choices"), ==, 2);
  g_assert_cmpuint (count_of (counts, "kind"), ==, 1);
  g_assert_cmpuint (count_of (counts, "correct"), ==, 1);
  g_assert_cmpuint (count_of (counts, "position"), ==, 1);
  g_assert_cmpuint (count_of (counts, "id"), ==, 1);
  g_assert_true (trellis_item_get_reverse (item));
  g_assert_null (trellis_item_get_choices (item));
}

static void
test_item_properties (void)
{
  static const char *const yes_no[] = { "No", "Yes", NULL };
  g_autoptr(TrellisItem) item = trellis_item_new ("Q1", "Question", TRELLIS_ITEM_CHOICE, 0, 1);
  g_auto(GStrv) choices = NULL;
  int kind = -1;
  gint64 id = 0;

  g_object_set (item, "kind", TRELLIS_ITEM_CORRECT, "min", 0, "max", 3, "choices", yes_no,
                "id", (gint64) 12, NULL);
  g_object_get (item, "kind", &kind, "choices", &choices, "id", &id, NULL);
  g_assert_cmpint (kind, ==, TRELLIS_ITEM_CORRECT);
  g_assert_true (g_strv_equal ((const char *const *) choices, yes_no));
  g_assert_cmpint (trellis_item_get_min (item), ==, 0);
  g_assert_cmpint (trellis_item_get_max (item), ==, 3);
  g_assert_cmpint (id, ==, 12);
}

static void
test_instrument_notify (void)
{
  g_autoptr(TrellisInstrument) instrument = trellis_instrument_new ("CCAE", "Confidence", TRELLIS_SCORING_SUM, 1);
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(TrellisItem) item = trellis_item_new ("C1", "One", TRELLIS_ITEM_INTEGER, 0, 10);
  TrellisScoringRule rule;
  guint n_items = 99;
  int min_answered = 0;

  g_signal_connect (instrument, "notify", G_CALLBACK (count_notify), counts);

  trellis_instrument_get_rule (instrument, &rule);
  g_assert_cmpint (rule.version, ==, 1);
  trellis_instrument_set_rule (instrument, &rule);
  g_assert_cmpuint (g_hash_table_size (counts), ==, 0);

  rule.min_answered = 2;
  rule.version = 2;
  trellis_instrument_set_rule (instrument, &rule);
  g_assert_cmpuint (count_of (counts, "min-answered"), ==, 1);
  g_assert_cmpuint (count_of (counts, "rule-version"), ==, 1);
  g_assert_cmpuint (count_of (counts, "method"), ==, 0);

  g_object_set (instrument, "method", TRELLIS_SCORING_MEAN, "label", "Confidence in Coping",
                "position", 2, "id", (gint64) 5, NULL);
  g_assert_cmpuint (count_of (counts, "method"), ==, 1);
  g_assert_cmpuint (count_of (counts, "label"), ==, 1);
  g_assert_cmpuint (count_of (counts, "position"), ==, 1);
  g_assert_cmpuint (count_of (counts, "id"), ==, 1);

  trellis_instrument_add_item (instrument, item);
  g_assert_cmpuint (count_of (counts, "n-items"), ==, 1);
  g_object_get (instrument, "n-items", &n_items, "min-answered", &min_answered, NULL);
  g_assert_cmpuint (n_items, ==, 1);
  g_assert_cmpint (min_answered, ==, 2);
  /* An item's own changes are not the instrument's properties. */
  trellis_item_set_text (item, "Changed");
  g_assert_cmpuint (g_hash_table_size (counts), ==, 7);
}

/* An item kept elsewhere may change after its instrument is gone. */
static void
test_item_outlives_instrument (void)
{
  TrellisInstrument *brs = trellis_instrument_new_brief_resilience_scale ();
  g_autoptr(TrellisItem) item = g_object_ref (g_ptr_array_index (trellis_instrument_get_items (brs), 0));

  g_object_add_weak_pointer (G_OBJECT (brs), (gpointer *) &brs);
  g_object_unref (brs);
  g_assert_null (brs);
  trellis_item_set_code (item, "BRS1a");
  g_assert_cmpstr (trellis_item_get_code (item), ==, "BRS1a");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/trellis/domain/instrument/brs-definition", test_brs_definition);
  g_test_add_func ("/trellis/domain/instrument/brs-scores", test_brs_scores);
  g_test_add_func ("/trellis/domain/instrument/specs-follow-items", test_specs_follow_items);
  g_test_add_func ("/trellis/domain/instrument/find-item", test_find_item);
  g_test_add_func ("/trellis/domain/instrument/validate-names", test_validate_names);
  g_test_add_func ("/trellis/domain/instrument/validate-items", test_validate_items);
  g_test_add_func ("/trellis/domain/instrument/validate-rule", test_validate_rule);
  g_test_add_func ("/trellis/domain/instrument/validate-bands", test_validate_bands);
  g_test_add_func ("/trellis/domain/instrument/bands-text", test_bands_text);
  g_test_add_func ("/trellis/domain/instrument/bands-bad", test_bands_bad);
  g_test_add_func ("/trellis/domain/instrument/item-notify", test_item_notify);
  g_test_add_func ("/trellis/domain/instrument/item-properties", test_item_properties);
  g_test_add_func ("/trellis/domain/instrument/instrument-notify", test_instrument_notify);
  g_test_add_func ("/trellis/domain/instrument/item-outlives-instrument", test_item_outlives_instrument);

  return g_test_run ();
}
