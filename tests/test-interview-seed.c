/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "trellis-domain-error.h"
#include "trellis-interview-seed.h"

static guint64
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  guint64 seed = 0;

  g_assert_true (trellis_interview_seed_parse (text, &seed, &error));
  g_assert_no_error (error);
  return seed;
}

static void
test_parse (void)
{
  g_assert_cmpuint (parse ("0"), ==, 0);
  g_assert_cmpuint (parse ("20250330"), ==, 20250330);
  g_assert_cmpuint (parse ("18446744073709551615"), ==, G_MAXUINT64);
  /* Spaces from copying and pasting are forgiven; leading zeros too. */
  g_assert_cmpuint (parse ("  42\n"), ==, 42);
  g_assert_cmpuint (parse ("007"), ==, 7);
}

/* Anything that is not plain decimal digits could be a misread seed, which
 * would quietly give a different draw. */
static void
test_refuses_junk (void)
{
  const char *junk[] = {
    "", "   ", "-1", "+1", "1e6", "0x10", "12 345", "1,000", "3.0", "abc",
    "18446744073709551616", "99999999999999999999999", "１２", "12abc",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (junk); i++)
    {
      g_autoptr(GError) error = NULL;
      guint64 seed = 99;

      g_assert_false (trellis_interview_seed_parse (junk[i], &seed, &error));
      g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID);
      g_assert_cmpuint (seed, ==, 99);
    }
}

static void
test_refusal_message (void)
{
  g_autoptr(GError) error = NULL;
  guint64 seed;

  g_assert_false (trellis_interview_seed_parse (" 12a ", &seed, &error));
  g_assert_cmpstr (error->message, ==,
                   "‘12a’ is not a seed: type a whole number from 0 to 18446744073709551615, digits only");
}

static void
test_print_and_parse_back (void)
{
  const guint64 seeds[] = { 0, 1, 20250330, G_GUINT64_CONSTANT (4294967296), G_MAXUINT64 };

  for (gsize i = 0; i < G_N_ELEMENTS (seeds); i++)
    {
      g_autofree char *text = trellis_interview_seed_to_string (seeds[i]);

      g_assert_cmpuint (parse (text), ==, seeds[i]);
    }
  {
    g_autofree char *text = trellis_interview_seed_to_string (G_MAXUINT64);

    g_assert_cmpstr (text, ==, "18446744073709551615");
  }
}

/* Low word first, as the draw's algorithm documents. */
static void
test_split_low_word_first (void)
{
  guint32 words[2];

  trellis_interview_seed_split (G_GUINT64_CONSTANT (0x0000000100000002), words);
  g_assert_cmpuint (words[0], ==, 2);
  g_assert_cmpuint (words[1], ==, 1);
  trellis_interview_seed_split (G_GUINT64_CONSTANT (0xDEADBEEF01234567), words);
  g_assert_cmpuint (words[0], ==, 0x01234567);
  g_assert_cmpuint (words[1], ==, 0xDEADBEEF);
}

/* Fresh seeds use both halves: among 64, some have a high word and a low
 * word above 2^31 (each has probability 1/2 per seed). */
static void
test_fresh_seeds (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  gboolean high_bit = FALSE, low_bit = FALSE;
  gint64 values[64];

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      guint64 seed = trellis_interview_seed_new ();

      values[i] = (gint64) seed;
      g_assert_true (g_hash_table_add (seen, &values[i]));
      high_bit = high_bit || (seed >> 63) != 0;
      low_bit = low_bit || (seed & 0x80000000u) != 0;
    }
  g_assert_true (high_bit);
  g_assert_true (low_bit);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/trellis/domain/interview-seed/parse", test_parse);
  g_test_add_func ("/trellis/domain/interview-seed/refuses-junk", test_refuses_junk);
  g_test_add_func ("/trellis/domain/interview-seed/refusal-message", test_refusal_message);
  g_test_add_func ("/trellis/domain/interview-seed/print-and-parse-back", test_print_and_parse_back);
  g_test_add_func ("/trellis/domain/interview-seed/split-low-word-first", test_split_low_word_first);
  g_test_add_func ("/trellis/domain/interview-seed/fresh-seeds", test_fresh_seeds);

  return g_test_run ();
}
