/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "trellis-instrument.h"
#include "trellis-study.h"

G_BEGIN_DECLS

#define TRELLIS_TYPE_INSTRUMENT_DIALOG (trellis_instrument_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TrellisInstrumentDialog, trellis_instrument_dialog, TRELLIS, INSTRUMENT_DIALOG, AdwWindow)

/* Signals: "saved" (const char *message). */
TrellisInstrumentDialog *trellis_instrument_dialog_new (GtkWindow         *parent,
                                                        TrellisStudy      *study,
                                                        TrellisInstrument *instrument);

G_END_DECLS
