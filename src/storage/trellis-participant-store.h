/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "trellis-database.h"
#include "trellis-participant.h"

G_BEGIN_DECLS

gint64              trellis_participant_store_add         (TrellisDatabase  *db,
                                                           const char       *code,
                                                           gint64            cohort_id,
                                                           const char       *baseline_date,
                                                           GError          **error);
gint64              trellis_participant_store_add_with_contact (TrellisDatabase  *db,
                                                                const char       *code,
                                                                gint64            cohort_id,
                                                                const char       *baseline_date,
                                                                const char       *name,
                                                                const char       *email,
                                                                const char       *phone,
                                                                const char       *notes,
                                                                GError          **error);
gboolean            trellis_participant_store_update      (TrellisDatabase  *db,
                                                           gint64            id,
                                                           gint64            cohort_id,
                                                           const char       *baseline_date,
                                                           GError          **error);
gboolean            trellis_participant_store_update_with_contact (TrellisDatabase  *db,
                                                                   gint64            id,
                                                                   gint64            cohort_id,
                                                                   const char       *baseline_date,
                                                                   const char       *name,
                                                                   const char       *email,
                                                                   const char       *phone,
                                                                   const char       *notes,
                                                                   GError          **error);
gboolean            trellis_participant_store_set_contact (TrellisDatabase  *db,
                                                           gint64            id,
                                                           const char       *name,
                                                           const char       *email,
                                                           const char       *phone,
                                                           const char       *notes,
                                                           GError          **error);
gboolean            trellis_participant_store_set_lost    (TrellisDatabase  *db,
                                                           gint64            id,
                                                           const char       *lost_date,
                                                           GError          **error);
gint64              trellis_participant_store_lookup      (TrellisDatabase  *db,
                                                           const char       *code,
                                                           GError          **error);
char               *trellis_participant_store_get_code    (TrellisDatabase  *db,
                                                           gint64            id,
                                                           GError          **error);
TrellisParticipant *trellis_participant_store_load        (TrellisDatabase  *db,
                                                           gint64            id,
                                                           GError          **error);
char               *trellis_participant_store_next_code   (TrellisDatabase  *db,
                                                           GError          **error);

G_END_DECLS
