/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "trellis-retention.h"

G_BEGIN_DECLS

#define TRELLIS_TYPE_RETENTION_VIEW (trellis_retention_view_get_type ())
G_DECLARE_FINAL_TYPE (TrellisRetentionView, trellis_retention_view, TRELLIS, RETENTION_VIEW, AdwBin)

void        trellis_retention_view_set_retention (TrellisRetentionView   *self,
                                                  const TrellisRetention *retention);
const char *trellis_retention_view_get_cell_text (TrellisRetentionView   *self,
                                                  int                     column,
                                                  int                     row);
const char *trellis_retention_view_get_cell_caption (TrellisRetentionView *self,
                                                     int                   column,
                                                     int                   row);

G_END_DECLS
