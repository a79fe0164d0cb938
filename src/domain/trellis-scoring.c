/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "trellis-domain-error.h"
#include "trellis-scoring.h"

/* Scoring is plain C over arrays, with no I/O, so that a score recomputed
 * years later from the same responses and the same rule version is the same
 * number. Rules, in one place:
 *
 *  - An item code is what REDCap and the exports call the variable: at most
 *    32 characters, ASCII letters, digits and ‘_’, starting with a letter.
 *    REDCap itself wants lower case, but exports compare codes without regard
 *    to case, so "BRS1" is allowed.
 *  - A scale runs from min to max, both included, at most 1000 steps wide:
 *    wider than that is a typing mistake, not a questionnaire.
 *  - A reverse-scored item counts as min + max − value (on the BRS's 1–5
 *    scale, 6 − x). Test questions (TRELLIS_ITEM_CORRECT) are right or wrong,
 *    so they cannot be reversed.
 *  - A score exists when at least min_answered items are answered. A mean
 *    needs no correction for the missing items; a sum or a count of correct
 *    answers is prorated: multiplied by n_items / answered, so that a person
 *    who skipped one question is not scored as if they had answered it wrong.
 *  - Scores are doubles and are never rounded here: callers format them. */

#define TRELLIS_ITEM_CODE_MAX 32
#define TRELLIS_ITEM_RANGE_MAX 1000

/* The words stored in study files: stable across releases and languages. */
static const char *const kind_words[] = {
  [TRELLIS_ITEM_INTEGER] = "integer",
  [TRELLIS_ITEM_CHOICE] = "choice",
  [TRELLIS_ITEM_CORRECT] = "correct",
};

static const char *const method_words[] = {
  [TRELLIS_SCORING_MEAN] = "mean",
  [TRELLIS_SCORING_SUM] = "sum",
  [TRELLIS_SCORING_CORRECT] = "correct",
};

/* The index of @text among @words, or -1. Exact match only: these words come
 * from our own files, so anything else means a damaged file. */
static int
find_word (const char *const *words,
           gsize              n_words,
           const char        *text)
{
  for (gsize i = 0; i < n_words; i++)
    if (g_strcmp0 (words[i], text) == 0)
      return (int) i;
  return -1;
}

const char *
trellis_item_kind_to_string (TrellisItemKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kind_words), NULL);

  return kind_words[kind];
}

gboolean
trellis_item_kind_from_string (const char      *text,
                               TrellisItemKind *kind)
{
  int index;

  g_return_val_if_fail (kind != NULL, FALSE);

  index = find_word (kind_words, G_N_ELEMENTS (kind_words), text);
  if (index < 0)
    return FALSE;
  *kind = (TrellisItemKind) index;
  return TRUE;
}

const char *
trellis_scoring_method_to_string (TrellisScoringMethod method)
{
  g_return_val_if_fail ((guint) method < G_N_ELEMENTS (method_words), NULL);

  return method_words[method];
}

gboolean
trellis_scoring_method_from_string (const char           *text,
                                    TrellisScoringMethod *method)
{
  int index;

  g_return_val_if_fail (method != NULL, FALSE);

  index = find_word (method_words, G_N_ELEMENTS (method_words), text);
  if (index < 0)
    return FALSE;
  *method = (TrellisScoringMethod) index;
  return TRUE;
}

/* When the score exists, e.g. "scored when at least 5 of 6 are answered".
 * A rule that needs every item says so, since there is nothing to prorate. */
static char *
describe_condition (const TrellisScoringRule *rule,
                    guint                     n_items)
{
  if (rule->min_answered >= 0 && (guint) rule->min_answered >= n_items)
    return g_strdup_printf (ngettext ("scored only when its item is answered",
                                      "scored only when all %u items are answered",
                                      n_items),
                            n_items);

  /* TRANSLATORS: the first number is how many items must be answered, the
   * second how many the instrument has. */
  return g_strdup_printf (ngettext ("scored when at least %d of %u is answered",
                                    "scored when at least %d of %u are answered",
                                    (gulong) MAX (rule->min_answered, 0)),
                          rule->min_answered, n_items);
}

/* A sentence for the instrument's page and the methods section of a report:
 * "Mean of the items; scored when at least 5 of 6 are answered (rule version 2)". */
char *
trellis_scoring_rule_describe (const TrellisScoringRule *rule,
                               guint                     n_items)
{
  g_autofree char *condition = NULL;
  gboolean prorated;
  const char *method;

  g_return_val_if_fail (rule != NULL, NULL);
  g_return_val_if_fail ((guint) rule->method < G_N_ELEMENTS (method_words), NULL);

  /* Only a rule that lets items be missing ever prorates. */
  prorated = rule->min_answered >= 0 && (guint) rule->min_answered < n_items;
  switch (rule->method)
    {
    case TRELLIS_SCORING_SUM:
      method = prorated ? _("Sum of the items, prorated") : _("Sum of the items");
      break;
    case TRELLIS_SCORING_CORRECT:
      method = prorated ? _("Number of correct answers, prorated") : _("Number of correct answers");
      break;
    case TRELLIS_SCORING_MEAN:
    default:
      method = _("Mean of the items");
      break;
    }
  condition = describe_condition (rule, n_items);

  /* TRANSLATORS: how a score is made, e.g. "Mean of the items; scored when
   * at least 5 of 6 are answered (rule version 2)". */
  return g_strdup_printf (_("%s; %s (rule version %d)"), method, condition, rule->version);
}

/* Codes as REDCap names variables; see the rules at the top. */
static gboolean
check_code (const char  *code,
            GError     **error)
{
  g_autofree char *shown = NULL;
  gsize length;

  if (code == NULL || code[0] == '\0')
    {
      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                   _("An item needs a code"));
      return FALSE;
    }
  shown = g_utf8_make_valid (code, -1);
  length = strlen (code);
  if (length > TRELLIS_ITEM_CODE_MAX)
    {
      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                   _("Item code ‘%s’ is too long (%u characters; at most %d)"),
                   shown, (guint) g_utf8_strlen (shown, -1), TRELLIS_ITEM_CODE_MAX);
      return FALSE;
    }
  for (gsize i = 0; i < length; i++)
    if (!(g_ascii_isalpha (code[i]) || (i > 0 && (g_ascii_isdigit (code[i]) || code[i] == '_'))))
      {
        g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                     _("Item code ‘%s’ must start with a letter and hold only "
                       "letters, digits and ‘_’"), shown);
        return FALSE;
      }
  return TRUE;
}

/* The scale itself: ordered, not too wide, and clear of the value that marks
 * an item unanswered. Widths are worked out in 64 bits so that a scale such
 * as G_MININT + 1 … G_MAXINT cannot overflow into a small number. */
static gboolean
check_range (const TrellisItemSpec  *item,
             GError                **error)
{
  if (item->min > item->max)
    {
      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                   _("Item %s: its lowest value (%d) is above its highest (%d)"),
                   item->code, item->min, item->max);
      return FALSE;
    }
  if (item->min == TRELLIS_ITEM_UNANSWERED
      || (gint64) item->max - (gint64) item->min > TRELLIS_ITEM_RANGE_MAX)
    {
      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                   _("Item %s: the scale %d–%d is too wide (at most %d steps)"),
                   item->code, item->min, item->max, TRELLIS_ITEM_RANGE_MAX);
      return FALSE;
    }
  return TRUE;
}

gboolean
trellis_scoring_check_item (const TrellisItemSpec  *item,
                            GError                **error)
{
  g_return_val_if_fail (item != NULL, FALSE);
  g_return_val_if_fail ((guint) item->kind < G_N_ELEMENTS (kind_words), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_code (item->code, error) || !check_range (item, error))
    return FALSE;
  if (item->kind != TRELLIS_ITEM_CORRECT)
    return TRUE;
  if (item->correct < item->min || item->correct > item->max)
    {
      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                   _("Item %s: the correct answer %d is off the scale (%d–%d)"),
                   item->code, item->correct, item->min, item->max);
      return FALSE;
    }
  if (item->reverse)
    {
      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                   _("Item %s: a test question cannot be reverse-scored"), item->code);
      return FALSE;
    }
  return TRUE;
}

/* A count of correct answers needs test questions and nothing else; a mean
 * or a sum of right-or-wrong codes would mean nothing. */
static gboolean
check_kinds (const TrellisScoringRule  *rule,
             const TrellisItemSpec     *items,
             guint                      n_items,
             GError                   **error)
{
  for (guint i = 0; i < n_items; i++)
    {
      gboolean is_test = items[i].kind == TRELLIS_ITEM_CORRECT;

      if (rule->method == TRELLIS_SCORING_CORRECT && !is_test)
        {
          g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                       _("A count of correct answers needs every item to be a test "
                         "question, and %s is not"), items[i].code);
          return FALSE;
        }
      if (rule->method != TRELLIS_SCORING_CORRECT && is_test)
        {
          g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                       _("Item %s is a test question, so the instrument can only be "
                         "scored as a count of correct answers"), items[i].code);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
trellis_scoring_check_rule (const TrellisScoringRule  *rule,
                            const TrellisItemSpec     *items,
                            guint                      n_items,
                            GError                   **error)
{
  g_return_val_if_fail (rule != NULL, FALSE);
  g_return_val_if_fail ((guint) rule->method < G_N_ELEMENTS (method_words), FALSE);
  g_return_val_if_fail (items != NULL || n_items == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (rule->version < 1)
    {
      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                   _("The scoring rule’s version must be 1 or more (it is %d)"), rule->version);
      return FALSE;
    }
  if (n_items == 0)
    {
      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                   _("There are no items to score"));
      return FALSE;
    }
  if (rule->min_answered < 1 || (guint) rule->min_answered > n_items)
    {
      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                   _("The scoring rule asks for %d answered items; it must be "
                     "between 1 and %u, the number of items"),
                   rule->min_answered, n_items);
      return FALSE;
    }
  return check_kinds (rule, items, n_items, error);
}

gboolean
trellis_scoring_check_value (const TrellisItemSpec  *item,
                             int                     value,
                             GError                **error)
{
  g_return_val_if_fail (item != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (value >= item->min && value <= item->max)
    return TRUE;
  g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
               _("‘%d’ is off the scale for %s (%d–%d)"),
               value, item->code, item->min, item->max);
  return FALSE;
}

/* Only a plain base-10 whole number is a value: "3.5", "3a" and "" are
 * refused rather than rounded or cut short, since a guess would put a number
 * the participant never gave into the analysis. Leading and trailing spaces
 * are dropped, as spreadsheets leave them. A number too large for any scale
 * is reported as off the scale, with the text as it was written. */
gboolean
trellis_scoring_parse_value (const TrellisItemSpec  *item,
                             const char             *text,
                             int                    *value,
                             GError                **error)
{
  g_autofree char *shown = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 number = 0;

  g_return_val_if_fail (item != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  shown = g_strstrip (g_utf8_make_valid (text, -1));
  if (shown[0] == '\0')
    {
      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                   _("There is no value for %s (it takes %d–%d)"),
                   item->code, item->min, item->max);
      return FALSE;
    }
  if (!g_ascii_string_to_signed (shown, 10, G_MININT64, G_MAXINT64, &number, &local_error)
      && !g_error_matches (local_error, G_NUMBER_PARSER_ERROR, G_NUMBER_PARSER_ERROR_OUT_OF_BOUNDS))
    {
      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                   _("‘%s’ is not a whole number (%s takes %d–%d)"),
                   shown, item->code, item->min, item->max);
      return FALSE;
    }
  if (local_error != NULL || number < item->min || number > item->max)
    {
      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                   _("‘%s’ is off the scale for %s (%d–%d)"),
                   shown, item->code, item->min, item->max);
      return FALSE;
    }
  *value = (int) number;
  return TRUE;
}

/* The value an answered item contributes, reversed where the item says so,
 * or FALSE when it is unanswered. Values reach here through check_value or
 * parse_value, so one off the scale is a programmer error: it is reported
 * and left out rather than allowed to skew the score. */
static gboolean
item_value (const TrellisItemSpec *item,
            int                    value,
            double                *out)
{
  if (value == TRELLIS_ITEM_UNANSWERED)
    return FALSE;
  if (value < item->min || value > item->max)
    {
      g_critical ("%s: value %d of item %s is off its scale %d–%d",
                  G_STRFUNC, value, item->code, item->min, item->max);
      return FALSE;
    }
  if (item->kind == TRELLIS_ITEM_CORRECT)
    *out = value == item->correct ? 1.0 : 0.0;
  else if (item->reverse)
    *out = (double) item->min + (double) item->max - (double) value;
  else
    *out = value;
  return TRUE;
}

void
trellis_scoring_compute (const TrellisScoringRule *rule,
                         const TrellisItemSpec    *items,
                         guint                     n_items,
                         const int                *values,
                         TrellisScore             *score)
{
  double total = 0.0;

  g_return_if_fail (score != NULL);
  *score = (TrellisScore) { .value = 0.0, .answered = 0, .missing = TRUE };
  g_return_if_fail (rule != NULL);
  g_return_if_fail (n_items == 0 || (items != NULL && values != NULL));

  for (guint i = 0; i < n_items; i++)
    {
      double value;

      if (item_value (&items[i], values[i], &value))
        {
          total += value;
          score->answered++;
        }
    }
  /* Too few answers: no score at all, never a score from a handful. The
   * check on zero also guards a rule that was never validated. */
  if (score->answered == 0 || score->answered < rule->min_answered)
    return;

  score->missing = FALSE;
  if (rule->method == TRELLIS_SCORING_MEAN)
    score->value = total / score->answered;
  else
    score->value = total * n_items / score->answered;
}

/* The lowest and highest score the rule can give: a mean lies between the
 * items' means of their lowest and highest values, a sum between the sums
 * (prorating keeps it there), a count of correct answers between 0 and the
 * number of items. Reversing an item keeps it on its scale. */
void
trellis_scoring_range (const TrellisScoringRule *rule,
                       const TrellisItemSpec    *items,
                       guint                     n_items,
                       double                   *min,
                       double                   *max)
{
  double low = 0.0, high = 0.0;

  g_return_if_fail (rule != NULL && min != NULL && max != NULL);
  g_return_if_fail (n_items == 0 || items != NULL);

  for (guint i = 0; i < n_items; i++)
    {
      low += items[i].kind == TRELLIS_ITEM_CORRECT ? 0.0 : items[i].min;
      high += items[i].kind == TRELLIS_ITEM_CORRECT ? 1.0 : items[i].max;
    }
  if (rule->method == TRELLIS_SCORING_CORRECT)
    low = 0.0, high = n_items;
  else if (rule->method == TRELLIS_SCORING_MEAN && n_items > 0)
    low /= n_items, high /= n_items;
  *min = low;
  *max = high;
}

/* A score as a person wrote it for a whole instrument: a number with a
 * decimal point, not a comma, within the rule's range (a score outside it
 * cannot come from any answers, so it is a typing mistake or another
 * scale's score). */
gboolean
trellis_scoring_parse_score (const TrellisScoringRule  *rule,
                             const TrellisItemSpec     *items,
                             guint                      n_items,
                             const char                *instrument_code,
                             const char                *text,
                             double                    *score,
                             GError                   **error)
{
  g_autofree char *shown = NULL;
  double low, high, number;
  char *end = NULL;

  g_return_val_if_fail (rule != NULL && instrument_code != NULL && text != NULL && score != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  trellis_scoring_range (rule, items, n_items, &low, &high);
  shown = g_strstrip (g_utf8_make_valid (text, -1));
  /* Only plain decimals: strtod would also take hexadecimal, "inf" and "nan". */
  number = g_ascii_strtod (shown, &end);
  if (shown[0] == '\0' || *end != '\0' || !isfinite (number) ||
      shown[strspn (shown, "0123456789.-+eE")] != '\0')
    {
      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                   _("‘%s’ is not a score (the %s score is a number from %g to %g)"),
                   shown, instrument_code, low, high);
      return FALSE;
    }
  if (number < low || number > high)
    {
      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                   _("‘%s’ is outside the possible range of the %s score (%g–%g)"),
                   shown, instrument_code, low, high);
      return FALSE;
    }
  *score = number;
  return TRUE;
}

/* The label of the band @score falls in: the first whose upper bound it is
 * below (or at, for an inclusive bound). The last band takes everything
 * above, whatever its own bound says. */
const char *
trellis_scoring_band (const TrellisScoreBand *bands,
                      guint                   n_bands,
                      double                  score)
{
  g_return_val_if_fail (bands != NULL || n_bands == 0, NULL);

  if (n_bands == 0)
    return NULL;
  for (guint i = 0; i + 1 < n_bands; i++)
    if (score < bands[i].upper || (bands[i].inclusive && score <= bands[i].upper))
      return bands[i].label;
  return bands[n_bands - 1].label;
}
