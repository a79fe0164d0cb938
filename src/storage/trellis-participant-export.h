/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "trellis-database.h"

G_BEGIN_DECLS

gboolean trellis_participant_export (TrellisDatabase  *db,
                                     const char       *path,
                                     gboolean          identifiable,
                                     GCancellable     *cancellable,
                                     guint            *n_exported,
                                     GError          **error);

G_END_DECLS
