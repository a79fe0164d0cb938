/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define TRELLIS_TYPE_COHORT (trellis_cohort_get_type ())
G_DECLARE_FINAL_TYPE (TrellisCohort, trellis_cohort, TRELLIS, COHORT, GObject)

/* A group of participants recruited together: usually one profession at one
 * site, starting on one date. Dates are YYYY-MM-DD text or NULL. An archived
 * cohort keeps its participants but takes no new ones. */
TrellisCohort *trellis_cohort_new                (void);
gint64         trellis_cohort_get_id             (TrellisCohort *self);
void           trellis_cohort_set_id             (TrellisCohort *self,
                                                  gint64         value);
const char    *trellis_cohort_get_name           (TrellisCohort *self);
void           trellis_cohort_set_name           (TrellisCohort *self,
                                                  const char    *value);
gint64         trellis_cohort_get_profession_id  (TrellisCohort *self);
void           trellis_cohort_set_profession_id  (TrellisCohort *self,
                                                  gint64         value);
const char    *trellis_cohort_get_profession     (TrellisCohort *self);
void           trellis_cohort_set_profession     (TrellisCohort *self,
                                                  const char    *value);
const char    *trellis_cohort_get_site           (TrellisCohort *self);
void           trellis_cohort_set_site           (TrellisCohort *self,
                                                  const char    *value);
const char    *trellis_cohort_get_start_date     (TrellisCohort *self);
void           trellis_cohort_set_start_date     (TrellisCohort *self,
                                                  const char    *value);
gboolean       trellis_cohort_get_archived       (TrellisCohort *self);
void           trellis_cohort_set_archived       (TrellisCohort *self,
                                                  gboolean       value);
int            trellis_cohort_get_n_participants (TrellisCohort *self);
void           trellis_cohort_set_n_participants (TrellisCohort *self,
                                                  int            value);

G_END_DECLS
