/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *trellis_demo_instruments_dictionary (gsize *length);

G_END_DECLS
