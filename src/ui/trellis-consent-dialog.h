/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "trellis-study.h"

G_BEGIN_DECLS

#define TRELLIS_TYPE_CONSENT_DIALOG (trellis_consent_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TrellisConsentDialog, trellis_consent_dialog, TRELLIS, CONSENT_DIALOG, AdwWindow)

/* Records a participant's consent on a version of the information sheet, one
 * answer per clause. Emits "consent-recorded" with the new record's id. */
TrellisConsentDialog *trellis_consent_dialog_new (GtkWindow          *parent,
                                                  TrellisStudy       *study,
                                                  TrellisParticipant *participant);

G_END_DECLS
