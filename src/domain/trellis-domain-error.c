/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "trellis-domain-error.h"

G_DEFINE_QUARK (trellis-domain-error-quark, trellis_domain_error)
