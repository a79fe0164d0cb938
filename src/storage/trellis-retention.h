/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "trellis-retention-counts.h"
#include "trellis-visit-table.h"

G_BEGIN_DECLS

/* Retention per cohort and timepoint (TrellisRetention, a plain domain
 * struct) counted from the visit table, on the table's day. */
TrellisRetention *trellis_retention_compute (TrellisVisitTable *table);

G_END_DECLS
