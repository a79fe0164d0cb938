/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

char *trellis_json_value_to_string (JsonBuilder *builder);

G_END_DECLS
