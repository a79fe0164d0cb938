/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define TRELLIS_TYPE_RECONSENT_ENTRY (trellis_reconsent_entry_get_type ())
G_DECLARE_FINAL_TYPE (TrellisReconsentEntry, trellis_reconsent_entry, TRELLIS, RECONSENT_ENTRY, GObject)

/* One participant who must be asked to consent again, as the Consent page
 * lists them: by study code only, with their cohort and the information sheet
 * version and date of the consent they gave last. A read-only snapshot. */
TrellisReconsentEntry *trellis_reconsent_entry_new                (gint64                 participant_id,
                                                                   const char            *code,
                                                                   const char            *cohort,
                                                                   const char            *version_label,
                                                                   const char            *consent_date);
gint64                 trellis_reconsent_entry_get_participant_id (TrellisReconsentEntry *self);
const char            *trellis_reconsent_entry_get_code           (TrellisReconsentEntry *self);
const char            *trellis_reconsent_entry_get_cohort         (TrellisReconsentEntry *self);
const char            *trellis_reconsent_entry_get_version_label  (TrellisReconsentEntry *self);
const char            *trellis_reconsent_entry_get_consent_date   (TrellisReconsentEntry *self);

G_END_DECLS
