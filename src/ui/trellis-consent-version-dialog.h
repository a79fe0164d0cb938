/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "trellis-study.h"

G_BEGIN_DECLS

#define TRELLIS_TYPE_CONSENT_VERSION_DIALOG (trellis_consent_version_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TrellisConsentVersionDialog, trellis_consent_version_dialog, TRELLIS,
                      CONSENT_VERSION_DIALOG, AdwWindow)

/* Adds an information sheet version, or edits VERSION when it is not NULL. */
TrellisConsentVersionDialog *trellis_consent_version_dialog_new (GtkWindow             *parent,
                                                                 TrellisStudy          *study,
                                                                 TrellisConsentVersion *version);

G_END_DECLS
