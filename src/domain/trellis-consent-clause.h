/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The clause whose "no" means the participant declined to take part. */
#define TRELLIS_CONSENT_CLAUSE_TAKE_PART "take_part"

/* One clause of the standard information sheet: a stable key stored in study
 * files, a short label for lists and a default wording for new versions. */
typedef struct
{
  const char *key;
  const char *label;   /* untranslated; use trellis_consent_clause_get_label () */
  const char *text;    /* untranslated; use trellis_consent_clause_get_text () */
} TrellisConsentClause;

const TrellisConsentClause *trellis_consent_clause_get_defaults    (guint                      *n_clauses);
const TrellisConsentClause *trellis_consent_clause_lookup          (const char                 *key);
const char                 *trellis_consent_clause_get_label       (const TrellisConsentClause *clause);
const char                 *trellis_consent_clause_get_text        (const TrellisConsentClause *clause);
const char                 *trellis_consent_clause_label_for_key   (const char                 *key);
gboolean                    trellis_consent_clause_is_participation (const char                *key);

/* Answers to a version's clauses: clause key → yes or no. */
GHashTable                 *trellis_consent_answers_new            (void);
void                        trellis_consent_answers_set            (GHashTable                 *answers,
                                                                    const char                 *key,
                                                                    gboolean                    yes);
gboolean                    trellis_consent_answers_get            (GHashTable                 *answers,
                                                                    const char                 *key,
                                                                    gboolean                   *yes);

G_END_DECLS
