/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "trellis-instrument.h"

G_BEGIN_DECLS

/* An answer sheet's answers as stored: a JSON object from item code to value,
 * unanswered items left out. Item codes are identifiers (see
 * trellis_scoring_check_item ()), so they need no escaping. */
char     *trellis_answer_sheet_render (TrellisInstrument  *instrument,
                                       const int          *values);
gboolean  trellis_answer_sheet_parse  (TrellisInstrument  *instrument,
                                       const char         *json,
                                       int                *values,
                                       GError            **error);

G_END_DECLS
