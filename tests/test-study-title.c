/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "trellis-domain-error.h"
#include "trellis-study-title.h"

/* A title is normalised, then validated, before it is stored; the store does
 * exactly that, so these tests do the same. */

static void
assert_normalizes_to (const char *in,
                      const char *out)
{
  g_autofree char *clean = trellis_study_title_normalize (in);

  g_assert_cmpstr (clean, ==, out);
}

static void
assert_rejected (const char *title,
                 const char *quoted)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (trellis_study_title_validate (title, &error));
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID);
  if (quoted != NULL && strstr (error->message, quoted) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, quoted);
}

static void
assert_accepted (const char *title)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (trellis_study_title_validate (title, &error));
  g_assert_no_error (error);
}

static void
test_normalize_trims (void)
{
  assert_normalizes_to ("Resilience coaching", "Resilience coaching");
  assert_normalizes_to ("  Resilience coaching \t", "Resilience coaching");
  assert_normalizes_to ("\n\nResilience coaching\r\n", "Resilience coaching");
  /* Spaces a person typed inside the title are theirs to keep. */
  assert_normalizes_to ("CCAE  and  BRS", "CCAE  and  BRS");
  assert_normalizes_to ("Étude « résilience »", "Étude « résilience »");
}

static void
test_normalize_newlines (void)
{
  /* A title pasted from a document: every run of line breaks, whatever the
   * platform wrote, becomes one space and never a gap of several. */
  assert_normalizes_to ("Resilience coaching\nfor maternity staff",
                        "Resilience coaching for maternity staff");
  assert_normalizes_to ("Resilience coaching\r\nfor maternity staff",
                        "Resilience coaching for maternity staff");
  assert_normalizes_to ("Resilience coaching\rfor maternity staff",
                        "Resilience coaching for maternity staff");
  assert_normalizes_to ("Resilience coaching\n\n\nfor maternity staff",
                        "Resilience coaching for maternity staff");
  assert_normalizes_to ("Resilience coaching \r\n\r\n for maternity staff",
                        "Resilience coaching for maternity staff");
  assert_normalizes_to ("Resilience\tcoaching", "Resilience coaching");
}

static void
test_empty (void)
{
  g_autofree char *blank = trellis_study_title_normalize (" \t\r\n \n ");

  assert_rejected ("", NULL);
  assert_rejected (NULL, NULL);

  /* Whitespace alone says nothing once normalised. */
  g_assert_cmpstr (blank, ==, "");
  assert_rejected (blank, NULL);
}

static void
test_length (void)
{
  g_autofree char *longest = g_strnfill (TRELLIS_STUDY_TITLE_MAX, 'a');
  g_autofree char *too_long = g_strnfill (TRELLIS_STUDY_TITLE_MAX + 1, 'a');
  g_autoptr(GString) wide = g_string_new (NULL);

  g_assert_cmpint (TRELLIS_STUDY_TITLE_MAX, ==, 200);

  assert_accepted (longest);
  assert_rejected (too_long, "201");

  /* The limit is in characters: 200 three-byte characters (600 bytes) fit. */
  for (guint i = 0; i < TRELLIS_STUDY_TITLE_MAX; i++)
    g_string_append (wide, "研");
  assert_accepted (wide->str);
  g_string_append (wide, "究");
  assert_rejected (wide->str, "201");
}

static void
test_invalid_utf8 (void)
{
  g_autofree char *clean = NULL;

  assert_rejected ("Study \xff\xfe title", NULL);
  /* A lone continuation byte and a truncated sequence. */
  assert_rejected ("\x80", NULL);
  assert_rejected ("Caf\xc3", NULL);

  /* Normalising never makes such text acceptable. */
  clean = trellis_study_title_normalize ("  Caf\xc3\n");
  assert_rejected (clean, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/trellis/domain/study-title/normalize-trims", test_normalize_trims);
  g_test_add_func ("/trellis/domain/study-title/normalize-newlines", test_normalize_newlines);
  g_test_add_func ("/trellis/domain/study-title/empty", test_empty);
  g_test_add_func ("/trellis/domain/study-title/length", test_length);
  g_test_add_func ("/trellis/domain/study-title/invalid-utf8", test_invalid_utf8);

  return g_test_run ();
}
