/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "trellis-database.h"
#include "trellis-schedule.h"

G_BEGIN_DECLS

gboolean trellis_event_store_get_facts (TrellisDatabase       *db,
                                        gint64                 participant_id,
                                        TrellisScheduleFacts  *facts,
                                        char                 **code,
                                        GError               **error);
gboolean trellis_event_store_record    (TrellisDatabase       *db,
                                        gint64                 participant_id,
                                        TrellisAnchor          kind,
                                        const char            *event_date,
                                        GError               **error);

G_END_DECLS
