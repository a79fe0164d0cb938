/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-consent-clause.h"

/* The clauses most information sheets for staff-intervention studies ask
 * about, one answer each. The keys are what study files store, so they never
 * change; the labels and texts are only defaults shown and offered for a new
 * version, which a study may reword for its own sheet. */
static const TrellisConsentClause default_clauses[] = {
  { TRELLIS_CONSENT_CLAUSE_TAKE_PART, N_("Take part"),
    N_("I agree to take part in this study.") },
  { "questionnaires", N_("Questionnaires"),
    N_("I agree to complete the study questionnaires at each timepoint.") },
  { "interview", N_("Interview"),
    N_("I agree to be interviewed if I am selected.") },
  { "video", N_("Video recording"),
    N_("I agree to the interview being video-recorded.") },
  { "quotes", N_("Anonymised quotes"),
    N_("I agree to anonymised quotes from my interview being used in publications.") },
  { "future_research", N_("Future research"),
    N_("I agree to my anonymised data being kept for future research.") },
};

const TrellisConsentClause *
trellis_consent_clause_get_defaults (guint *n_clauses)
{
  g_return_val_if_fail (n_clauses != NULL, NULL);

  *n_clauses = G_N_ELEMENTS (default_clauses);
  return default_clauses;
}

/* The standard clause with this key, or NULL for a clause a study added itself. */
const TrellisConsentClause *
trellis_consent_clause_lookup (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (default_clauses); i++)
    if (g_strcmp0 (default_clauses[i].key, key) == 0)
      return &default_clauses[i];
  return NULL;
}

const char *
trellis_consent_clause_get_label (const TrellisConsentClause *clause)
{
  g_return_val_if_fail (clause != NULL, NULL);
  return _(clause->label);
}

const char *
trellis_consent_clause_get_text (const TrellisConsentClause *clause)
{
  g_return_val_if_fail (clause != NULL, NULL);
  return _(clause->text);
}

/* A label for any key: the standard clause's, or the key itself. */
const char *
trellis_consent_clause_label_for_key (const char *key)
{
  const TrellisConsentClause *clause = trellis_consent_clause_lookup (key);

  return clause != NULL ? trellis_consent_clause_get_label (clause) : key;
}

/* Whether this clause's answer is the answer to taking part at all: a "no"
 * there means the person declined, whatever the other answers say. */
gboolean
trellis_consent_clause_is_participation (const char *key)
{
  return g_strcmp0 (key, TRELLIS_CONSENT_CLAUSE_TAKE_PART) == 0;
}

GHashTable *
trellis_consent_answers_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

void
trellis_consent_answers_set (GHashTable *answers,
                             const char *key,
                             gboolean    yes)
{
  g_return_if_fail (answers != NULL);
  g_return_if_fail (key != NULL);

  g_hash_table_insert (answers, g_strdup (key), GINT_TO_POINTER (yes ? 1 : 0));
}

/* Whether the clause was answered; if so, *yes holds the answer. */
gboolean
trellis_consent_answers_get (GHashTable *answers,
                             const char *key,
                             gboolean   *yes)
{
  gpointer value = NULL;

  g_return_val_if_fail (answers != NULL, FALSE);

  if (!g_hash_table_lookup_extended (answers, key, NULL, &value))
    return FALSE;
  if (yes != NULL)
    *yes = GPOINTER_TO_INT (value) != 0;
  return TRUE;
}
