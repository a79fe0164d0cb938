/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define TRELLIS_TYPE_CONSENT_VERSION (trellis_consent_version_get_type ())
G_DECLARE_FINAL_TYPE (TrellisConsentVersion, trellis_consent_version, TRELLIS, CONSENT_VERSION, GObject)

/* One version of the information sheet and consent form: its label ("v2.1"),
 * its date (YYYY-MM-DD), its clauses (keys and texts, in order) and whether
 * participants who consented on an older version must be asked again. */
TrellisConsentVersion *trellis_consent_version_new                    (void);
gint64                 trellis_consent_version_get_id                 (TrellisConsentVersion *self);
void                   trellis_consent_version_set_id                 (TrellisConsentVersion *self,
                                                                       gint64                 value);
const char            *trellis_consent_version_get_label              (TrellisConsentVersion *self);
void                   trellis_consent_version_set_label              (TrellisConsentVersion *self,
                                                                       const char            *value);
const char            *trellis_consent_version_get_date               (TrellisConsentVersion *self);
void                   trellis_consent_version_set_date               (TrellisConsentVersion *self,
                                                                       const char            *value);
const char *const     *trellis_consent_version_get_clause_keys        (TrellisConsentVersion *self);
void                   trellis_consent_version_set_clause_keys        (TrellisConsentVersion *self,
                                                                       const char *const     *value);
const char *const     *trellis_consent_version_get_clause_texts       (TrellisConsentVersion *self);
void                   trellis_consent_version_set_clause_texts       (TrellisConsentVersion *self,
                                                                       const char *const     *value);
gboolean               trellis_consent_version_get_requires_reconsent (TrellisConsentVersion *self);
void                   trellis_consent_version_set_requires_reconsent (TrellisConsentVersion *self,
                                                                       gboolean               value);
int                    trellis_consent_version_get_n_consents         (TrellisConsentVersion *self);
void                   trellis_consent_version_set_n_consents         (TrellisConsentVersion *self,
                                                                       int                    value);
TrellisConsentVersion *trellis_consent_version_new_standard           (const char            *label,
                                                                       const char            *date);
void                   trellis_consent_version_set_clauses            (TrellisConsentVersion *self,
                                                                       const char *const     *keys,
                                                                       const char *const     *texts);
guint                  trellis_consent_version_get_n_clauses          (TrellisConsentVersion *self);

G_END_DECLS
