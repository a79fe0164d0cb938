/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "trellis-study.h"

G_BEGIN_DECLS

#define TRELLIS_TYPE_CONSENT_PAGE (trellis_consent_page_get_type ())
G_DECLARE_FINAL_TYPE (TrellisConsentPage, trellis_consent_page, TRELLIS, CONSENT_PAGE, AdwBin)

void trellis_consent_page_set_study (TrellisConsentPage *self,
                                     TrellisStudy       *study);
void trellis_consent_page_reload    (TrellisConsentPage *self);

G_END_DECLS
