/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What a data-entry form holds for one participant at one timepoint: the
 * completion date (or that the visit was missed) and, per instrument code,
 * one value per item in item order (TRELLIS_ITEM_UNANSWERED where blank). */
typedef struct
{
  gint64      participant_id;
  gint64      timepoint_id;
  char       *completed_date;
  gboolean    missed;
  GHashTable *values;   /* instrument code → GArray of int */
  GHashTable *given;    /* instrument code → double *: a score on file that was given, not computed */
} TrellisVisitAnswers;

TrellisVisitAnswers *trellis_visit_answers_new        (gint64                     participant_id,
                                                       gint64                     timepoint_id);
void                 trellis_visit_answers_free       (TrellisVisitAnswers       *self);
void                 trellis_visit_answers_set_date   (TrellisVisitAnswers       *self,
                                                       const char                *completed_date);
void                 trellis_visit_answers_set_values (TrellisVisitAnswers       *self,
                                                       const char                *instrument_code,
                                                       const int                 *values,
                                                       guint                      n_values);
const int           *trellis_visit_answers_get_values (const TrellisVisitAnswers *self,
                                                       const char                *instrument_code,
                                                       guint                     *n_values);

void                 trellis_visit_answers_set_given  (TrellisVisitAnswers       *self,
                                                       const char                *instrument_code,
                                                       double                     score);
gboolean             trellis_visit_answers_get_given  (const TrellisVisitAnswers *self,
                                                       const char                *instrument_code,
                                                       double                    *score);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrellisVisitAnswers, trellis_visit_answers_free)

G_END_DECLS
