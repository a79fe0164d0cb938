/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "trellis-database.h"

G_BEGIN_DECLS

/* What a purge of research data removed, for the caller to report. */
typedef struct
{
  guint answer_sheets;
  guint visits;
  guint events;
  guint audit_redacted;
  guint audit_rewritten;
} TrellisResearchPurgeCounts;

gboolean trellis_research_purge (TrellisDatabase             *db,
                                 gint64                       participant_id,
                                 const char                  *reason,
                                 TrellisResearchPurgeCounts  *counts,
                                 GError                     **error);
gboolean trellis_research_purge_lookup (TrellisDatabase             *db,
                                        gint64                       participant_id,
                                        gboolean                    *found,
                                        TrellisResearchPurgeCounts  *counts,
                                        GError                     **error);

G_END_DECLS
