/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "trellis-database.h"

G_BEGIN_DECLS

/* The demo study's plan, shared by the register (trellis-demo-study.c) and
 * the data collection that follows it (trellis-demo-visits.c). */

typedef enum
{
  TRELLIS_DEMO_ROLE_ACTIVE,
  TRELLIS_DEMO_ROLE_UNCONSENTED,
  TRELLIS_DEMO_ROLE_LOST,
  TRELLIS_DEMO_ROLE_WITHDRAWN,   /* + kind index 0..2 */
} TrellisDemoRole;

#define TRELLIS_DEMO_N_TIMEPOINTS 4

/* One participant as planned before anything is written; dates are Julian
 * day numbers (g_date_get_julian), 0 where there is none. */
typedef struct
{
  guint8 cohort;
  guint8 role;
  guint8 stage;         /* timepoints completed, in order: 0 (not consented) to 4 */
  guint32 consent_day;
  guint32 baseline_day;
  guint32 event_day;    /* lost or withdrawal date */
  guint32 workshop_day;
  guint32 coaching_day;
  guint32 done_day[TRELLIS_DEMO_N_TIMEPOINTS];
} TrellisDemoPlanned;

void     trellis_demo_visits_plan (TrellisDemoPlanned  *plan,
                                   guint                n,
                                   GRand               *rand);
gboolean trellis_demo_visits_fill (TrellisDatabase     *db,
                                   const TrellisDemoPlanned *plan,
                                   guint                n,
                                   GRand               *rand,
                                   GError             **error);

G_END_DECLS
