/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "trellis-study.h"

G_BEGIN_DECLS

#define TRELLIS_TYPE_WINDOW (trellis_window_get_type ())
G_DECLARE_FINAL_TYPE (TrellisWindow, trellis_window, TRELLIS, WINDOW, AdwApplicationWindow)

TrellisStudy *trellis_window_get_study       (TrellisWindow *self);
gboolean      trellis_window_get_busy        (TrellisWindow *self);
gboolean      trellis_window_has_study_file  (TrellisWindow *self,
                                              const char    *path);
void          trellis_window_open_study      (TrellisWindow *self,
                                              const char    *path);
void          trellis_window_present_when_opened (TrellisWindow *self);
void          trellis_window_open_file       (TrellisWindow *self,
                                              GFile         *file);
void          trellis_window_create_study    (TrellisWindow *self,
                                              const char    *path);
void          trellis_window_show_toast      (TrellisWindow *self,
                                              const char    *message);
GCancellable *trellis_window_begin_study_work (TrellisWindow *self);
void          trellis_window_end_study_work  (TrellisWindow *self);

G_END_DECLS
