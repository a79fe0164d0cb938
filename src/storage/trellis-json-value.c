/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "trellis-json-value.h"

/* Audit values are compact JSON: one line, keys in the order they were added. */
char *
trellis_json_value_to_string (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}
