/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "trellis-study.h"

G_BEGIN_DECLS

#define TRELLIS_TYPE_REGISTER_SETTINGS (trellis_register_settings_get_type ())
G_DECLARE_FINAL_TYPE (TrellisRegisterSettings, trellis_register_settings, TRELLIS, REGISTER_SETTINGS,
                      AdwPreferencesGroup)

void trellis_register_settings_set_study (TrellisRegisterSettings *self,
                                          TrellisStudy            *study);
void trellis_register_settings_reload    (TrellisRegisterSettings *self);

G_END_DECLS
