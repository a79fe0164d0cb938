/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "trellis-cohort.h"
#include "trellis-database.h"

G_BEGIN_DECLS

GPtrArray *trellis_cohort_store_load         (TrellisDatabase  *db,
                                              GError          **error);
gint64     trellis_cohort_store_lookup       (TrellisDatabase  *db,
                                              const char       *name,
                                              GError          **error);
gboolean   trellis_cohort_store_create       (TrellisDatabase  *db,
                                              TrellisCohort    *cohort,
                                              GError          **error);
gboolean   trellis_cohort_store_update       (TrellisDatabase  *db,
                                              TrellisCohort    *cohort,
                                              GError          **error);
gboolean   trellis_cohort_store_set_archived (TrellisDatabase  *db,
                                              gint64            id,
                                              gboolean          archived,
                                              GError          **error);
gboolean   trellis_cohort_store_delete       (TrellisDatabase  *db,
                                              gint64            id,
                                              GError          **error);

G_END_DECLS
