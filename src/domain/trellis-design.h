/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "trellis-score-table.h"

G_BEGIN_DECLS

/* The fixed-effects design of a model over a TrellisScoreTable: its columns,
 * each described rather than stored, so that a design over 400,000 scores
 * costs nothing until the fit reads it, one observation at a time.
 *
 * A column is the intercept, the indicator of one timepoint (dummy coding
 * against the baseline), a number per observation, or a number per
 * participant (a covariate such as cohort, the same at every timepoint). */
typedef enum
{
  TRELLIS_DESIGN_INTERCEPT,
  TRELLIS_DESIGN_TIMEPOINT,
  TRELLIS_DESIGN_OBSERVATION_VALUES,
  TRELLIS_DESIGN_PARTICIPANT_VALUES,
} TrellisDesignColumnKind;

typedef struct _TrellisDesign TrellisDesign;

TrellisDesign          *trellis_design_new                   (void);
void                    trellis_design_free                  (TrellisDesign       *self);
void                    trellis_design_add_intercept         (TrellisDesign       *self);
void                    trellis_design_add_timepoint         (TrellisDesign       *self,
                                                              const char          *name,
                                                              guint                timepoint);
/* @values has one number per observation (per participant), copied. */
void                    trellis_design_add_observation_values (TrellisDesign      *self,
                                                               const char         *name,
                                                               const double       *values,
                                                               guint               n_values);
void                    trellis_design_add_participant_values (TrellisDesign      *self,
                                                               const char         *name,
                                                               const double       *values,
                                                               guint               n_values);

/* The model of change from baseline: the intercept (the baseline mean) and
 * one indicator per later timepoint, named by its code. A timepoint that no
 * one has a score at gets no column: it is not estimable, and
 * trellis_design_find_timepoint () says so. */
TrellisDesign          *trellis_design_new_timepoints        (const TrellisScoreTable *table);

guint                   trellis_design_get_n_columns         (const TrellisDesign *self);
TrellisDesignColumnKind trellis_design_get_kind              (const TrellisDesign *self,
                                                              guint                column);
const char             *trellis_design_get_name              (const TrellisDesign *self,
                                                              guint                column);
/* The timepoint of an indicator column, or -1. */
int                     trellis_design_get_timepoint         (const TrellisDesign *self,
                                                              guint                column);
/* Per observation, or per participant; NULL for the other kinds. */
const double           *trellis_design_get_values            (const TrellisDesign *self,
                                                              guint                column,
                                                              guint               *n_values);
gboolean                trellis_design_has_intercept         (const TrellisDesign *self);
/* The column of @timepoint's indicator, or -1 when it has none. */
int                     trellis_design_find_timepoint        (const TrellisDesign *self,
                                                              guint                timepoint);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrellisDesign, trellis_design_free)

G_END_DECLS
