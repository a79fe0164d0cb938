/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "trellis-schedule.h"

G_BEGIN_DECLS

#define TRELLIS_TYPE_TIMEPOINT (trellis_timepoint_get_type ())
G_DECLARE_FINAL_TYPE (TrellisTimepoint, trellis_timepoint, TRELLIS, TIMEPOINT, GObject)

/* One timepoint of the study's plan (T1 baseline, T2 after the workshop…): when,
 * counted in days from the participant's baseline, the questionnaires are due, and
 * the window of days in which a completion still counts. */
TrellisTimepoint *trellis_timepoint_new             (const char       *code,
                                                     const char       *label,
                                                     int               target_day,
                                                     int               window_min,
                                                     int               window_max);
TrellisTimepoint *trellis_timepoint_copy            (TrellisTimepoint *self);
gint64            trellis_timepoint_get_id          (TrellisTimepoint *self);
void              trellis_timepoint_set_id          (TrellisTimepoint *self,
                                                     gint64            id);
const char       *trellis_timepoint_get_code        (TrellisTimepoint *self);
void              trellis_timepoint_set_code        (TrellisTimepoint *self,
                                                     const char       *code);
const char       *trellis_timepoint_get_label       (TrellisTimepoint *self);
void              trellis_timepoint_set_label       (TrellisTimepoint *self,
                                                     const char       *label);
int               trellis_timepoint_get_target_day  (TrellisTimepoint *self);
void              trellis_timepoint_set_target_day  (TrellisTimepoint *self,
                                                     int               day);
int               trellis_timepoint_get_window_min  (TrellisTimepoint *self);
void              trellis_timepoint_set_window_min  (TrellisTimepoint *self,
                                                     int               day);
int               trellis_timepoint_get_window_max  (TrellisTimepoint *self);
void              trellis_timepoint_set_window_max  (TrellisTimepoint *self,
                                                     int               day);
int               trellis_timepoint_get_position    (TrellisTimepoint *self);
void              trellis_timepoint_set_position    (TrellisTimepoint *self,
                                                     int               position);
TrellisAnchor     trellis_timepoint_get_anchor      (TrellisTimepoint *self);
void              trellis_timepoint_set_anchor      (TrellisTimepoint *self,
                                                     TrellisAnchor     anchor);
void              trellis_timepoint_get_rule        (TrellisTimepoint *self,
                                                     TrellisScheduleRule *rule);
char             *trellis_timepoint_describe_timing (TrellisTimepoint *self);

G_END_DECLS
