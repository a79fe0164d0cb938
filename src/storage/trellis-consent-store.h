/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "trellis-consent-record.h"
#include "trellis-consent-version.h"
#include "trellis-database.h"

G_BEGIN_DECLS

GPtrArray *trellis_consent_store_load_versions    (TrellisDatabase        *db,
                                                   GError                **error);
gboolean   trellis_consent_store_add_version      (TrellisDatabase        *db,
                                                   TrellisConsentVersion  *version,
                                                   GError                **error);
gboolean   trellis_consent_store_update_version   (TrellisDatabase        *db,
                                                   TrellisConsentVersion  *version,
                                                   GError                **error);
gint64     trellis_consent_store_record           (TrellisDatabase        *db,
                                                   gint64                  participant_id,
                                                   gint64                  version_id,
                                                   const char             *consent_date,
                                                   const char             *taken_by,
                                                   GHashTable             *answers,
                                                   GError                **error);
GPtrArray *trellis_consent_store_history          (TrellisDatabase        *db,
                                                   gint64                  participant_id,
                                                   GError                **error);
GArray    *trellis_consent_store_reconsent_needed (TrellisDatabase        *db,
                                                   GError                **error);

G_END_DECLS
