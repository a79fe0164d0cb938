/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "trellis-storage-error.h"

G_DEFINE_QUARK (trellis-storage-error-quark, trellis_storage_error)
