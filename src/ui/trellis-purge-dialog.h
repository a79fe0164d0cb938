/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "trellis-study.h"

G_BEGIN_DECLS

#define TRELLIS_TYPE_PURGE_DIALOG (trellis_purge_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TrellisPurgeDialog, trellis_purge_dialog, TRELLIS, PURGE_DIALOG, AdwMessageDialog)

/* Asks for a reason and purges the identifiers of a participant who asked for
 * their data to be destroyed. Emits "purged" with whether the write-ahead log
 * could be emptied too, or "purge-failed" with a message. */
TrellisPurgeDialog *trellis_purge_dialog_new (GtkWindow          *parent,
                                              TrellisStudy       *study,
                                              TrellisParticipant *participant);

G_END_DECLS
