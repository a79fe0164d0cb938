/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "trellis-domain-error.h"
#include "trellis-study-code.h"

static void
assert_normalizes_to (const char *in,
                      const char *out)
{
  g_autofree char *clean = trellis_study_code_normalize (in);

  g_assert_cmpstr (clean, ==, out);
}

static void
assert_code_rejected (const char *code,
                      const char *mentioned)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (trellis_study_code_validate (code, &error));
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID);
  if (mentioned != NULL && strstr (error->message, mentioned) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, mentioned);
}

static void
assert_code_accepted (const char *code)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (trellis_study_code_validate (code, &error));
  g_assert_no_error (error);
}

static void
assert_pattern_rejected (const char *pattern,
                         const char *mentioned)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (trellis_study_code_pattern_validate (pattern, &error));
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID);
  if (mentioned != NULL && strstr (error->message, mentioned) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, mentioned);
}

static void
assert_next (const char         *pattern,
             const char * const *existing,
             const char         *expected)
{
  g_autofree char *next = NULL;
  guint n = existing != NULL ? g_strv_length ((char **) existing) : 0;

  next = trellis_study_code_pattern_next (pattern, existing, n);
  g_assert_cmpstr (next, ==, expected);
}

static void
test_normalize (void)
{
  assert_normalizes_to ("P001", "P001");
  assert_normalizes_to ("p001", "P001");
  assert_normalizes_to (" P001 ", "P001");
  assert_normalizes_to ("\t p001\r\n", "P001");
  /* Invisible characters pasted from a spreadsheet or a web page. */
  assert_normalizes_to ("\u00a0P001\u2003", "P001");
  assert_normalizes_to ("\ufeffP001\u200b", "P001");
  assert_normalizes_to ("mw-0001", "MW-0001");
  /* Nothing inside is collapsed: validation must be able to refuse it. */
  assert_normalizes_to (" P 001 ", "P 001");
  /* Only ASCII letters change case. */
  assert_normalizes_to ("é01", "é01");
  assert_normalizes_to ("", "");
  assert_normalizes_to (" \u00a0 ", "");
}

static void
test_validate_accepts (void)
{
  g_autofree char *longest = g_strnfill (TRELLIS_STUDY_CODE_MAX, 'A');

  assert_code_accepted ("P001");
  assert_code_accepted ("p001");
  assert_code_accepted (" P001 ");
  assert_code_accepted ("MW-0001");
  assert_code_accepted ("site_2-017");
  assert_code_accepted ("7");
  assert_code_accepted (longest);
}

static void
test_validate_rejects (void)
{
  g_autofree char *too_long = g_strnfill (TRELLIS_STUDY_CODE_MAX + 1, 'A');

  assert_code_rejected ("", "study code");
  assert_code_rejected ("   ", "study code");
  assert_code_rejected (too_long, too_long);
  assert_code_rejected (too_long, "33");
  assert_code_rejected ("P 001", "‘P 001’");
  assert_code_rejected ("P/001", "‘/’");
  assert_code_rejected ("P.001", "‘P.001’");
  assert_code_rejected ("Pé01", "‘é’");
  assert_code_rejected ("P#01", "‘#’");
  assert_code_rejected ("P\xff" "01", "not valid UTF-8");
}

static void
test_pattern_validate (void)
{
  g_autofree char *wide = g_strnfill (TRELLIS_STUDY_CODE_MAX + 1, '#');

  g_assert_true (trellis_study_code_pattern_validate (TRELLIS_STUDY_CODE_PATTERN_DEFAULT, NULL));
  g_assert_true (trellis_study_code_pattern_validate ("MW-####", NULL));
  g_assert_true (trellis_study_code_pattern_validate ("#", NULL));
  g_assert_true (trellis_study_code_pattern_validate ("##-A", NULL));
  g_assert_true (trellis_study_code_pattern_validate (" p### ", NULL));

  assert_pattern_rejected ("P001", "‘P001’");
  assert_pattern_rejected ("", "#");
  assert_pattern_rejected ("P#-#", "‘P#-#’");
  assert_pattern_rejected ("P ###", "‘P ###’");
  assert_pattern_rejected ("P/###", "‘/’");
  assert_pattern_rejected (wide, "too long");
}

static void
test_next_empty (void)
{
  assert_next ("P###", NULL, "P001");
  assert_next ("MW-####", NULL, "MW-0001");
  assert_next ("#", NULL, "1");
  assert_next ("p###x", NULL, "P001X");
}

static void
test_next_after_highest (void)
{
  const char * const some[] = { "P001", "P002", "P017", NULL };
  const char * const gaps[] = { "P010", "P003", NULL };
  const char * const mixed_case[] = { " p041 ", "P007", NULL };
  const char * const mw[] = { "MW-0001", "MW-0009", NULL };

  assert_next ("P###", some, "P018");
  /* Gaps below the highest are never refilled. */
  assert_next ("P###", gaps, "P011");
  assert_next ("P###", mixed_case, "P042");
  assert_next ("MW-####", mw, "MW-0010");
}

static void
test_next_ignores_others (void)
{
  const char * const others[] = {
    "P005", "Q900", "P9999X", "MW-0100", "P12A", "P01", "P0500", "XP100", "", NULL,
  };
  const char * const suffix[] = { "A003-X", "A004", "A010-Y", NULL };

  /* P01 is too narrow and P0500 is padded wider than the pattern pads. */
  assert_next ("P###", others, "P006");
  assert_next ("A###-X", suffix, "A004-X");
}

static void
test_next_widens (void)
{
  const char * const full[] = { "P998", "P999", NULL };
  const char * const widened[] = { "P999", "P1000", "P1234", NULL };
  const char * const huge[] = { "P99999999999999999999999", NULL };
  const char * const zero[] = { "P000", NULL };

  assert_next ("P###", full, "P1000");
  assert_next ("P###", widened, "P1235");
  /* More digits than any integer type holds still count up exactly. */
  assert_next ("P###", huge, "P100000000000000000000000");
  assert_next ("P###", zero, "P001");
}

static void
test_next_too_long (void)
{
  g_autofree char *nines = g_strnfill (TRELLIS_STUDY_CODE_MAX - 1, '9');
  g_autofree char *highest = g_strconcat ("P", nines, NULL);
  const char *existing[] = { highest, NULL };

  /* The next code would have 33 characters: there is none. */
  assert_next ("P###", existing, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/trellis/domain/study-code/normalize", test_normalize);
  g_test_add_func ("/trellis/domain/study-code/validate-accepts", test_validate_accepts);
  g_test_add_func ("/trellis/domain/study-code/validate-rejects", test_validate_rejects);
  g_test_add_func ("/trellis/domain/study-code/pattern-validate", test_pattern_validate);
  g_test_add_func ("/trellis/domain/study-code/next-empty", test_next_empty);
  g_test_add_func ("/trellis/domain/study-code/next-after-highest", test_next_after_highest);
  g_test_add_func ("/trellis/domain/study-code/next-ignores-others", test_next_ignores_others);
  g_test_add_func ("/trellis/domain/study-code/next-widens", test_next_widens);
  g_test_add_func ("/trellis/domain/study-code/next-too-long", test_next_too_long);

  return g_test_run ();
}
