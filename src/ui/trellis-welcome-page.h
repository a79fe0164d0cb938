/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TRELLIS_TYPE_WELCOME_PAGE (trellis_welcome_page_get_type ())
G_DECLARE_FINAL_TYPE (TrellisWelcomePage, trellis_welcome_page, TRELLIS, WELCOME_PAGE, AdwBin)

void trellis_welcome_page_set_settings (TrellisWelcomePage *self,
                                        GSettings          *settings);

G_END_DECLS
