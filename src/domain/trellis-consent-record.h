/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define TRELLIS_TYPE_CONSENT_RECORD (trellis_consent_record_get_type ())
G_DECLARE_FINAL_TYPE (TrellisConsentRecord, trellis_consent_record, TRELLIS, CONSENT_RECORD, GObject)

/* One consent a participant gave (or declined): on which version of the
 * information sheet, when (YYYY-MM-DD), taken by whom, and the answer to
 * each of that version's clauses. Records are never edited: a new consent is
 * a new record, and the latest one is the participant's current consent. */
TrellisConsentRecord *trellis_consent_record_new                (void);
gint64                trellis_consent_record_get_id             (TrellisConsentRecord *self);
void                  trellis_consent_record_set_id             (TrellisConsentRecord *self,
                                                                 gint64                value);
gint64                trellis_consent_record_get_participant_id (TrellisConsentRecord *self);
void                  trellis_consent_record_set_participant_id (TrellisConsentRecord *self,
                                                                 gint64                value);
gint64                trellis_consent_record_get_version_id     (TrellisConsentRecord *self);
void                  trellis_consent_record_set_version_id     (TrellisConsentRecord *self,
                                                                 gint64                value);
const char           *trellis_consent_record_get_version_label  (TrellisConsentRecord *self);
void                  trellis_consent_record_set_version_label  (TrellisConsentRecord *self,
                                                                 const char           *value);
const char           *trellis_consent_record_get_date           (TrellisConsentRecord *self);
void                  trellis_consent_record_set_date           (TrellisConsentRecord *self,
                                                                 const char           *value);
const char           *trellis_consent_record_get_taken_by       (TrellisConsentRecord *self);
void                  trellis_consent_record_set_taken_by       (TrellisConsentRecord *self,
                                                                 const char           *value);
GHashTable           *trellis_consent_record_get_answers        (TrellisConsentRecord *self);
void                  trellis_consent_record_set_answers        (TrellisConsentRecord *self,
                                                                 GHashTable           *answers);
gboolean              trellis_consent_record_get_takes_part     (TrellisConsentRecord *self);

G_END_DECLS
