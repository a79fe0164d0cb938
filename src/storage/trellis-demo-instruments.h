/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The two instruments the demo study defines for itself, beside the built-in
 * Brief Resilience Scale: a new array of TrellisInstrument, without ids. */
GPtrArray *trellis_demo_instruments_new (void);

G_END_DECLS
