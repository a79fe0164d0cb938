/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "trellis-item.h"
#include "trellis-scoring.h"

G_BEGIN_DECLS

#define TRELLIS_TYPE_INSTRUMENT (trellis_instrument_get_type ())
G_DECLARE_FINAL_TYPE (TrellisInstrument, trellis_instrument, TRELLIS, INSTRUMENT, GObject)

/* A questionnaire or test: its items in order, its scoring rule (with the
 * missing-item rule and the rule's version) and optional score bands.
 * Properties: id, code, label, method, min-answered, rule-version, position,
 * n-items. */
TrellisInstrument      *trellis_instrument_new               (const char             *code,
                                                              const char             *label,
                                                              TrellisScoringMethod    method,
                                                              int                     min_answered);
gint64                  trellis_instrument_get_id            (TrellisInstrument      *self);
void                    trellis_instrument_set_id            (TrellisInstrument      *self,
                                                              gint64                  id);
const char             *trellis_instrument_get_code          (TrellisInstrument      *self);
void                    trellis_instrument_set_code          (TrellisInstrument      *self,
                                                              const char             *code);
const char             *trellis_instrument_get_label         (TrellisInstrument      *self);
void                    trellis_instrument_set_label         (TrellisInstrument      *self,
                                                              const char             *label);
void                    trellis_instrument_get_rule          (TrellisInstrument      *self,
                                                              TrellisScoringRule     *rule);
void                    trellis_instrument_set_rule          (TrellisInstrument      *self,
                                                              const TrellisScoringRule *rule);
int                     trellis_instrument_get_position      (TrellisInstrument      *self);
void                    trellis_instrument_set_position      (TrellisInstrument      *self,
                                                              int                     position);
/* The items, in order. The array is owned by the instrument. */
GPtrArray              *trellis_instrument_get_items         (TrellisInstrument      *self);
void                    trellis_instrument_add_item          (TrellisInstrument      *self,
                                                              TrellisItem            *item);
TrellisItem            *trellis_instrument_find_item         (TrellisInstrument      *self,
                                                              const char             *code,
                                                              guint                  *index);
/* Item specs for trellis_scoring_compute (), valid while the items are unchanged. */
const TrellisItemSpec  *trellis_instrument_get_specs         (TrellisInstrument      *self,
                                                              guint                  *n_items);
/* The range a score can take, from the items' ranges and the rule: FALSE
 * when the instrument has no items to tell. */
gboolean                trellis_instrument_get_score_range   (TrellisInstrument      *self,
                                                              double                 *low,
                                                              double                 *high);
const TrellisScoreBand *trellis_instrument_get_bands         (TrellisInstrument      *self,
                                                              guint                  *n_bands);
void                    trellis_instrument_set_bands         (TrellisInstrument      *self,
                                                              const TrellisScoreBand *bands,
                                                              guint                   n_bands);
/* Bands as stored in the study file and typed by a person, e.g. the BRS's
 * "low<3.00; normal<=4.30; high": each band but the last ends below (<) or
 * at (<=) its bound. */
char                   *trellis_instrument_bands_to_text     (TrellisInstrument      *self);
gboolean                trellis_instrument_bands_from_text   (TrellisInstrument      *self,
                                                              const char             *text,
                                                              GError                **error);
gboolean                trellis_instrument_validate          (TrellisInstrument      *self,
                                                              GError                **error);
void                    trellis_instrument_score             (TrellisInstrument      *self,
                                                              const int              *values,
                                                              TrellisScore           *score);
/* The Brief Resilience Scale (Smith et al., 2008), exactly: built into every study. */
TrellisInstrument      *trellis_instrument_new_brief_resilience_scale (void);

G_END_DECLS
