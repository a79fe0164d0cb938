/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "trellis-study.h"

G_BEGIN_DECLS

#define TRELLIS_TYPE_INSTRUMENTS_PAGE (trellis_instruments_page_get_type ())
G_DECLARE_FINAL_TYPE (TrellisInstrumentsPage, trellis_instruments_page, TRELLIS, INSTRUMENTS_PAGE, AdwBin)

#define TRELLIS_INSTRUMENTS_ACTION_ADD  "instruments.add"
#define TRELLIS_INSTRUMENTS_ACTION_EDIT "instruments.edit"

void trellis_instruments_page_set_study (TrellisInstrumentsPage *self,
                                         TrellisStudy           *study);

G_END_DECLS
