/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "trellis-answer-sheet.h"
#include "trellis-storage-error.h"

char *
trellis_answer_sheet_render (TrellisInstrument *instrument,
                             const int         *values)
{
  GPtrArray *items;
  GString *json = g_string_new ("{");

  g_return_val_if_fail (TRELLIS_IS_INSTRUMENT (instrument), NULL);
  g_return_val_if_fail (values != NULL, NULL);

  items = trellis_instrument_get_items (instrument);
  for (guint i = 0; i < items->len; i++)
    {
      if (values[i] == TRELLIS_ITEM_UNANSWERED)
        continue;
      if (json->len > 1)
        g_string_append_c (json, ',');
      g_string_append_printf (json, "\"%s\":%d", trellis_item_get_code (items->pdata[i]), values[i]);
    }
  g_string_append_c (json, '}');
  return g_string_free (json, FALSE);
}

/* Reads answers in exactly the form trellis_answer_sheet_render () writes,
 * {"CODE":int,…} with no spaces, without a JSON parser: rescoring reads a
 * million sheets. Anything else returns FALSE and goes to the full parser. */
static gboolean
parse_rendered (TrellisInstrument *instrument,
                const char        *json,
                int               *values)
{
  const char *p = json;

  if (*p++ != '{')
    return FALSE;
  while (*p == '"')
    {
      const char *code = ++p;
      char name[64];
      guint64 magnitude;
      gboolean negative;
      char *end;
      guint index;

      while (*p != '"' && *p != '\0' && p - code < (gssize) sizeof name - 1)
        p++;
      if (*p != '"' || p[1] != ':')
        return FALSE;
      memcpy (name, code, p - code);
      name[p - code] = '\0';
      p += 2;
      negative = *p == '-';
      if (negative)
        p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      magnitude = g_ascii_strtoull (p, &end, 10);
      if (magnitude > G_MAXINT || trellis_instrument_find_item (instrument, name, &index) == NULL)
        return FALSE;
      values[index] = negative ? -(int) magnitude : (int) magnitude;
      p = end;
      if (*p == ',')
        p++;
    }
  return p[0] == '}' && p[1] == '\0';
}

/* Fills values (one per item, in item order) from stored answers. A code the
 * instrument no longer has means the file and the instrument disagree, which
 * Trellis never writes: it is reported, not dropped. */
gboolean
trellis_answer_sheet_parse (TrellisInstrument  *instrument,
                            const char         *json,
                            int                *values,
                            GError            **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GList) members = NULL;
  GPtrArray *items;
  JsonObject *object;

  g_return_val_if_fail (TRELLIS_IS_INSTRUMENT (instrument), FALSE);

  items = trellis_instrument_get_items (instrument);
  for (guint i = 0; i < items->len; i++)
    values[i] = TRELLIS_ITEM_UNANSWERED;
  if (parse_rendered (instrument, json, values))
    return TRUE;
  for (guint i = 0; i < items->len; i++)
    values[i] = TRELLIS_ITEM_UNANSWERED;

  if (!json_parser_load_from_data (parser, json, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    goto corrupt;

  object = json_node_get_object (json_parser_get_root (parser));
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (object, l->data);
      guint index;

      if (trellis_instrument_find_item (instrument, l->data, &index) == NULL ||
          json_node_get_value_type (node) != G_TYPE_INT64)
        goto corrupt;
      values[index] = (int) json_node_get_int (node);
    }
  return TRUE;

corrupt:
  g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_CORRUPT,
               _("Stored answers to %s do not match its items: %s"),
               trellis_instrument_get_code (instrument), json);
  return FALSE;
}
