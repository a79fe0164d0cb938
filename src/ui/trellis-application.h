/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "trellis-window.h"

G_BEGIN_DECLS

#define TRELLIS_TYPE_APPLICATION (trellis_application_get_type ())
G_DECLARE_FINAL_TYPE (TrellisApplication, trellis_application, TRELLIS, APPLICATION, AdwApplication)

TrellisApplication *trellis_application_new              (void);
void                trellis_application_skip_gtk_theme  (TrellisApplication *self);
GSettings          *trellis_application_get_settings     (TrellisApplication *self);
void                trellis_application_add_app_icon     (TrellisApplication *self);
void                trellis_application_add_recent       (TrellisApplication *self,
                                                          const char         *path);
void                trellis_application_remove_recent    (TrellisApplication *self,
                                                          const char         *path);
TrellisWindow      *trellis_application_find_window      (TrellisApplication *self,
                                                          const char         *path);
gboolean            trellis_application_claim_early_open (TrellisApplication  *self,
                                                          const char          *path,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);

G_END_DECLS
