/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "trellis-timepoint.h"

G_BEGIN_DECLS

/* Bounds a plan may use: a year before baseline to ten years after. */
#define TRELLIS_PLAN_FIRST_DAY  (-365)
#define TRELLIS_PLAN_LAST_DAY   3650
#define TRELLIS_PLAN_CODE_MAX   16
#define TRELLIS_PLAN_LABEL_MAX  80

/* The plan a new study starts with, before anyone edits it. */
typedef struct
{
  const char *code;
  const char *label;   /* untranslated: stored in the study file as data */
  int         target_day;
  int         window_min;
  int         window_max;
  TrellisAnchor anchor;
} TrellisTimepointDefault;

const TrellisTimepointDefault *trellis_timepoint_plan_defaults      (guint             *n_defaults);
char                          *trellis_timepoint_plan_normalize_code (const char        *code);
gboolean                       trellis_timepoint_plan_validate       (TrellisTimepoint  *timepoint,
                                                                      GError           **error);
gboolean                       trellis_timepoint_plan_check          (TrellisTimepoint **plan,
                                                                      guint              n_timepoints,
                                                                      GError           **error);
char                          *trellis_timepoint_plan_next_code      (TrellisTimepoint **plan,
                                                                      guint              n_timepoints);

G_END_DECLS
