/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  TRELLIS_ITEM_INTEGER,   /* a number on a scale, min–max */
  TRELLIS_ITEM_CHOICE,    /* one of labelled options, coded min–max */
  TRELLIS_ITEM_CORRECT,   /* a test question: one option is the correct answer */
} TrellisItemKind;

typedef enum
{
  TRELLIS_SCORING_MEAN,
  TRELLIS_SCORING_SUM,
  TRELLIS_SCORING_CORRECT,  /* count of correct answers */
} TrellisScoringMethod;

/* An item as scoring needs it. */
typedef struct
{
  const char      *code;
  TrellisItemKind  kind;
  int              min;
  int              max;
  gboolean         reverse;   /* scored as min + max − value */
  int              correct;   /* the correct value, for TRELLIS_ITEM_CORRECT */
} TrellisItemSpec;

/* How an instrument's score is made, including the missing-item rule: a score
 * exists when at least min_answered items are answered; a sum or count is then
 * prorated to all items. The version changes whenever the rule or the items
 * change, and every stored score records the version it was computed with. */
typedef struct
{
  TrellisScoringMethod method;
  int                  min_answered;
  int                  version;
} TrellisScoringRule;

/* The rule version of a score that was given, not computed: imported from a
 * file that had only the total, with no items behind it. Rescoring leaves
 * such a score as it is, since there are no answers to compute it from.
 * Every real rule version is 1 or more. */
#define TRELLIS_SCORING_GIVEN_VERSION 0

/* An item left unanswered. */
#define TRELLIS_ITEM_UNANSWERED G_MININT

typedef struct
{
  double   value;      /* meaningful only when !missing */
  int      answered;
  gboolean missing;
} TrellisScore;

/* Score bands, in ascending order: a score belongs to the first band whose
 * upper bound it is below (or equal to, when inclusive); the last band has no
 * bound. */
typedef struct
{
  const char *label;
  double      upper;
  gboolean    inclusive;
} TrellisScoreBand;

const char *trellis_item_kind_to_string        (TrellisItemKind              kind);
gboolean    trellis_item_kind_from_string      (const char                  *text,
                                                TrellisItemKind             *kind);
const char *trellis_scoring_method_to_string   (TrellisScoringMethod         method);
gboolean    trellis_scoring_method_from_string (const char                  *text,
                                                TrellisScoringMethod        *method);
char       *trellis_scoring_rule_describe      (const TrellisScoringRule    *rule,
                                                guint                        n_items);
gboolean    trellis_scoring_check_item         (const TrellisItemSpec       *item,
                                                GError                     **error);
gboolean    trellis_scoring_check_rule         (const TrellisScoringRule    *rule,
                                                const TrellisItemSpec       *items,
                                                guint                        n_items,
                                                GError                     **error);
gboolean    trellis_scoring_check_value        (const TrellisItemSpec       *item,
                                                int                          value,
                                                GError                     **error);
gboolean    trellis_scoring_parse_value        (const TrellisItemSpec       *item,
                                                const char                  *text,
                                                int                         *value,
                                                GError                     **error);
void        trellis_scoring_compute            (const TrellisScoringRule    *rule,
                                                const TrellisItemSpec       *items,
                                                guint                        n_items,
                                                const int                   *values,
                                                TrellisScore                *score);
void        trellis_scoring_range              (const TrellisScoringRule    *rule,
                                                const TrellisItemSpec       *items,
                                                guint                        n_items,
                                                double                      *min,
                                                double                      *max);
gboolean    trellis_scoring_parse_score        (const TrellisScoringRule    *rule,
                                                const TrellisItemSpec       *items,
                                                guint                        n_items,
                                                const char                  *instrument_code,
                                                const char                  *text,
                                                double                      *score,
                                                GError                     **error);
const char *trellis_scoring_band               (const TrellisScoreBand      *bands,
                                                guint                        n_bands,
                                                double                       score);

G_END_DECLS
