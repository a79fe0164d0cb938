/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "trellis-database.h"
#include "trellis-register-rules.h"

G_BEGIN_DECLS

gboolean trellis_withdrawal_store_get_facts         (TrellisDatabase         *db,
                                                     gint64                   participant_id,
                                                     TrellisWithdrawalFacts  *facts,
                                                     GError                 **error);
gboolean trellis_withdrawal_store_get_contact_facts (TrellisDatabase         *db,
                                                     gint64                   participant_id,
                                                     TrellisWithdrawalFacts  *facts,
                                                     GError                 **error);
gint64   trellis_withdrawal_store_record            (TrellisDatabase         *db,
                                                     gint64                   participant_id,
                                                     TrellisWithdrawalType    kind,
                                                     const char              *effective_date,
                                                     const char              *reason,
                                                     GError                 **error);
gboolean trellis_withdrawal_store_purge             (TrellisDatabase         *db,
                                                     gint64                   participant_id,
                                                     const char              *reason,
                                                     gboolean                *log_cleared,
                                                     GError                 **error);

G_END_DECLS
