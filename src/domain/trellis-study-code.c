/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "trellis-domain-error.h"
#include "trellis-study-code.h"

/* Codes typed or imported from a spreadsheet often carry a no-break space or
 * a byte-order mark at either end; neither is visible, so both must go, or
 * "P001" and "P001\u00a0" would be two participants. */
static gboolean
is_invisible_edge (gunichar c)
{
  return g_unichar_isspace (c) || c == 0x200B || c == 0x2060 || c == 0xFEFF;
}

/* Participant codes are pseudonyms that people read out and type, so case
 * must not make two codes: "p001", " P001 " and "P001" are one participant.
 * Only ASCII is upper-cased, because valid codes are ASCII anyway and a
 * locale-dependent case mapping must not change what a code means. Spaces
 * inside are kept, so that validation can point at them instead of silently
 * joining two codes into one. */
char *
trellis_study_code_normalize (const char *code)
{
  const char *start = code;
  const char *end;

  g_return_val_if_fail (code != NULL, NULL);

  if (!g_utf8_validate (code, -1, NULL))
    return g_strdup (code);

  end = code + strlen (code);
  while (*start != '\0' && is_invisible_edge (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  while (end > start)
    {
      const char *prev = g_utf8_prev_char (end);

      if (!is_invisible_edge (g_utf8_get_char (prev)))
        break;
      end = prev;
    }
  return g_ascii_strup (start, end - start);
}

static gboolean
is_code_char (char c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '_';
}

/* Names the first character a code may not hold, so that a person can find
 * it in a long code. */
static gboolean
check_characters (const char  *clean,
                  GError     **error)
{
  for (const char *p = clean; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (!is_code_char (*p))
        {
          g_autofree char *bad = g_strndup (p, g_utf8_next_char (p) - p);

          g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                       _("‘%s’ is not a valid study code: ‘%s’ is not allowed "
                         "(use letters A–Z, digits, ‘-’ and ‘_’)"),
                       clean, bad);
          return FALSE;
        }
    }
  return TRUE;
}

/* Checks the normalised form, which is what gets stored. Letters are ASCII
 * only: codes travel into CSV exports, statistics packages and file names,
 * where accented letters are easily mangled. */
gboolean
trellis_study_code_validate (const char  *code,
                             GError     **error)
{
  g_autofree char *clean = NULL;
  glong length;

  g_return_val_if_fail (code != NULL, FALSE);

  if (!g_utf8_validate (code, -1, NULL))
    {
      g_autofree char *shown = g_utf8_make_valid (code, -1);

      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                   _("‘%s’ is not a valid study code: it is not valid UTF-8 text"),
                   shown);
      return FALSE;
    }

  clean = trellis_study_code_normalize (code);
  if (*clean == '\0')
    {
      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                   _("The participant needs a study code"));
      return FALSE;
    }

  length = g_utf8_strlen (clean, -1);
  if (length > TRELLIS_STUDY_CODE_MAX)
    {
      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                   _("‘%s’ is too long for a study code (%ld characters; at most %d)"),
                   clean, length, TRELLIS_STUDY_CODE_MAX);
      return FALSE;
    }

  return check_characters (clean, error);
}

/* A pattern split at its run of '#': PREFIX, the number of digits, SUFFIX. */
typedef struct
{
  char  *prefix;
  char  *suffix;
  gsize  width;
} Pattern;

static void
pattern_clear (Pattern *pattern)
{
  g_clear_pointer (&pattern->prefix, g_free);
  g_clear_pointer (&pattern->suffix, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Pattern, pattern_clear)

/* Fills @pattern from a normalised pattern text; FALSE when it has no run
 * of '#' or more than one. */
static gboolean
pattern_split (const char *text,
               Pattern    *pattern)
{
  const char *hash = strchr (text, '#');
  const char *after;

  if (hash == NULL)
    return FALSE;
  after = hash + strspn (hash, "#");
  if (strchr (after, '#') != NULL)
    return FALSE;

  pattern->prefix = g_strndup (text, hash - text);
  pattern->suffix = g_strdup (after);
  pattern->width = after - hash;
  return TRUE;
}

/* The rules for a pattern follow from the codes it makes: the first code,
 * with the digits at their narrowest, must itself be a valid code. */
gboolean
trellis_study_code_pattern_validate (const char  *pattern,
                                     GError     **error)
{
  g_auto(Pattern) parts = { 0 };
  g_autofree char *clean = NULL;
  g_autofree char *sample = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (pattern != NULL, FALSE);

  clean = trellis_study_code_normalize (pattern);
  if (!g_utf8_validate (clean, -1, NULL) || !pattern_split (clean, &parts))
    {
      g_autofree char *shown = g_utf8_make_valid (clean, -1);

      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                   _("‘%s’ is not a valid code pattern: it needs one run of ‘#’ "
                     "for the number, as in ‘P###’"),
                   shown);
      return FALSE;
    }

  sample = g_strdup_printf ("%s%0*d%s", parts.prefix, (int) MIN (parts.width, 64),
                            1, parts.suffix);
  if (!trellis_study_code_validate (sample, &local_error))
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                  _("‘%s’ is not a valid code pattern: "), clean);
      return FALSE;
    }

  return TRUE;
}

/* The number in @code as decimal digits without leading zeros ("0" for
 * zero), or NULL when @code is not one the pattern could have made. Digits
 * wider than the run must not start with '0': the pattern pads only up to
 * its width, so "P0001" is not a "P###" code. */
static char *
pattern_match (const Pattern *pattern,
               const char    *code)
{
  gsize length = strlen (code);
  gsize fixed = strlen (pattern->prefix) + strlen (pattern->suffix);
  const char *digits = code + strlen (pattern->prefix);
  gsize n_digits;

  if (length < fixed + pattern->width
      || !g_str_has_prefix (code, pattern->prefix)
      || !g_str_has_suffix (code, pattern->suffix))
    return NULL;

  n_digits = length - fixed;
  for (gsize i = 0; i < n_digits; i++)
    if (!g_ascii_isdigit (digits[i]))
      return NULL;
  if (n_digits > pattern->width && digits[0] == '0')
    return NULL;

  while (n_digits > 1 && digits[0] == '0')
    {
      digits++;
      n_digits--;
    }
  return g_strndup (digits, n_digits);
}

/* Compares two numbers written without leading zeros. Numbers are kept as
 * text so that no code, however many digits it has, can overflow. */
static int
compare_numbers (const char *a,
                 const char *b)
{
  gsize la = strlen (a);
  gsize lb = strlen (b);

  if (la != lb)
    return la < lb ? -1 : 1;
  return strcmp (a, b);
}

/* Adds one to a decimal number written as text: "999" becomes "1000". */
static char *
increment_number (const char *number)
{
  GString *next = g_string_new (number);
  gssize i = next->len - 1;

  while (i >= 0 && next->str[i] == '9')
    next->str[i--] = '0';
  if (i >= 0)
    next->str[i]++;
  else
    g_string_prepend_c (next, '1');
  return g_string_free (next, FALSE);
}

/* The highest number among the codes that match @pattern, "0" if none do.
 * Codes are normalised first, so "p041" counts as P041. */
static char *
find_highest (const Pattern      *pattern,
              const char * const *codes,
              guint               n_codes)
{
  char *highest = g_strdup ("0");

  for (guint i = 0; i < n_codes; i++)
    {
      g_autofree char *existing = NULL;
      g_autofree char *number = NULL;

      if (codes[i] == NULL)
        continue;
      existing = trellis_study_code_normalize (codes[i]);
      number = pattern_match (pattern, existing);
      if (number != NULL && compare_numbers (number, highest) > 0)
        {
          g_free (highest);
          highest = g_steal_pointer (&number);
        }
    }
  return highest;
}

/* The code after the highest one that matches @pattern. Gaps below the
 * highest are never refilled: a code that was given out once, even to a
 * participant whose record was later corrected, must not name someone else.
 * When the number outgrows the run of '#' the code widens (P999, P1000)
 * instead of wrapping to a code that is already taken. Returns NULL only when
 * the next code would be longer than TRELLIS_STUDY_CODE_MAX. */
char *
trellis_study_code_pattern_next (const char         *pattern,
                                 const char * const *existing_codes,
                                 guint               n_existing)
{
  g_auto(Pattern) parts = { 0 };
  g_autofree char *clean = NULL;
  g_autofree char *highest = NULL;
  g_autofree char *next = NULL;
  GString *code;

  g_return_val_if_fail (pattern != NULL, NULL);
  g_return_val_if_fail (existing_codes != NULL || n_existing == 0, NULL);
  g_return_val_if_fail (trellis_study_code_pattern_validate (pattern, NULL), NULL);

  clean = trellis_study_code_normalize (pattern);
  pattern_split (clean, &parts);
  highest = find_highest (&parts, existing_codes, n_existing);
  next = increment_number (highest);
  code = g_string_new (parts.prefix);
  for (gsize width = strlen (next); width < parts.width; width++)
    g_string_append_c (code, '0');
  g_string_append (code, next);
  g_string_append (code, parts.suffix);
  if (g_utf8_strlen (code->str, -1) > TRELLIS_STUDY_CODE_MAX)
    {
      g_string_free (code, TRUE);
      return NULL;
    }
  return g_string_free (code, FALSE);
}
