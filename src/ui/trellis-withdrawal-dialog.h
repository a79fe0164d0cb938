/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "trellis-study.h"

G_BEGIN_DECLS

#define TRELLIS_TYPE_WITHDRAWAL_DIALOG (trellis_withdrawal_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TrellisWithdrawalDialog, trellis_withdrawal_dialog, TRELLIS, WITHDRAWAL_DIALOG, AdwWindow)

/* Records a participant's withdrawal after a confirmation that says what it
 * means. NULL with an error when the study offers no kind of withdrawal that
 * would go further than the participant's last. Emits "withdrawn". */
TrellisWithdrawalDialog *trellis_withdrawal_dialog_new (GtkWindow           *parent,
                                                        TrellisStudy        *study,
                                                        TrellisParticipant  *participant,
                                                        GError             **error);
const char              *trellis_withdrawal_type_meaning (TrellisWithdrawalType kind);

G_END_DECLS
