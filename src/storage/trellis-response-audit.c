/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "trellis-answer-sheet.h"
#include "trellis-audit.h"
#include "trellis-audit-coverage.h"
#include "trellis-database-private.h"
#include "trellis-response-import-private.h"

/* The text of responses: each sheet's answers, as the import writes them and
 * the export reads them, and the bulk audit row of each table the import
 * writes.
 *
 * A bulk audit row maps each new row's id to the digest of the text
 * json_object() makes of the row (audited_tables and trellis_audit_digest ()
 * in trellis-audit-coverage.c). Having SQLite read a million answer sheets
 * back to make that text costs a third of the import; it is made here
 * instead, as the rows are inserted, from the very values bound to the
 * inserts, and digested at once. As in the participant writer, the text of
 * the first and the last row is compared with what SQLite makes of those
 * rows before it is used, and SQLite's own bulk audit row is written instead
 * if they differ in any byte, as they would if the audited columns changed.
 * Scores are written with SQLite's own formatter and format ("%!0.15g", as
 * json_object() writes a REAL), so every row reads the same either way; the
 * audit check compares every row with the trail later. */

/* g_string_append () without its check for text inside the string itself,
 * which costs more than the copy for the short pieces the text of a sheet is
 * made of, millions of them in a large import. */
static inline void
append_bytes (GString    *out,
              const char *bytes,
              gsize       length)
{
  if (out->len + length >= out->allocated_len)
    {
      g_string_append_len (out, bytes, length);
      return;
    }
  memcpy (out->str + out->len, bytes, length);
  out->len += length;
  out->str[out->len] = '\0';
}

#define append_literal(out, text) append_bytes ((out), (text), sizeof (text) - 1)

static inline void
append_text (GString    *out,
             const char *text)
{
  append_bytes (out, text, strlen (text));
}

/* printf costs more than everything else that makes the text. */
static void
append_int (GString *out,
            gint64   value)
{
  char digits[24];
  guint n = 0;
  guint64 magnitude = value < 0 ? -(guint64) value : (guint64) value;

  do
    digits[n++] = '0' + magnitude % 10;
  while ((magnitude /= 10) > 0);
  if (value < 0)
    g_string_append_c (out, '-');
  while (n > 0)
    g_string_append_c (out, digits[--n]);
}

/* The answers as trellis_answer_sheet_render () writes them: item codes are
 * identifiers, so they need no escaping. */
void
trellis_response_render_answers (GString           *out,
                                 TrellisInstrument *instrument,
                                 const int         *values)
{
  guint n_items;
  const TrellisItemSpec *specs = trellis_instrument_get_specs (instrument, &n_items);
  gboolean first = TRUE;

  g_string_append_c (out, '{');
  for (guint i = 0; i < n_items; i++)
    {
      if (values[i] == TRELLIS_ITEM_UNANSWERED)
        continue;
      append_bytes (out, first ? "\"" : ",\"", first ? 1 : 2);
      append_text (out, specs[i].code);
      append_literal (out, "\":");
      append_int (out, values[i]);
      first = FALSE;
    }
  g_string_append_c (out, '}');
}

static gboolean
find_item (const TrellisItemSpec *specs,
           guint                  n_items,
           const char            *key,
           gsize                  length,
           guint                 *index)
{
  /* Answers are stored in item order, so the next item is tried first. */
  for (guint k = 0; k < n_items; k++)
    {
      guint j = (*index + k) % n_items;

      if (strncmp (specs[j].code, key, length) == 0 && specs[j].code[length] == '\0')
        {
          *index = j;
          return TRUE;
        }
    }
  return FALSE;
}

/* A plain whole number at *p, which is moved past it. */
static gboolean
take_int (const char **p,
          int         *value)
{
  const char *q = *p + (**p == '-');
  guint digits = 0;
  int number = 0;

  for (; g_ascii_isdigit (*q) && digits < 9; q++, digits++)
    number = number * 10 + (*q - '0');
  if (digits == 0 || g_ascii_isdigit (*q))
    return FALSE;
  *value = **p == '-' ? -number : number;
  *p = q;
  return TRUE;
}

gboolean
trellis_response_parse_answers (TrellisInstrument  *instrument,
                                const char         *json,
                                int                *values,
                                GError            **error)
{
  guint n_items;
  const TrellisItemSpec *specs = trellis_instrument_get_specs (instrument, &n_items);
  const char *p = json;
  guint index = 0;

  for (guint i = 0; i < n_items; i++)
    values[i] = TRELLIS_ITEM_UNANSWERED;
  if (p == NULL || *p++ != '{')
    return trellis_answer_sheet_parse (instrument, json, values, error);
  while (*p == '"')
    {
      const char *key = ++p;
      int value;

      while (*p != '\0' && *p != '"')
        p++;
      if (*p != '"' || p[1] != ':' || !find_item (specs, n_items, key, p - key, &index))
        break;
      p += 2;
      if (!take_int (&p, &value) || (*p != ',' && *p != '}'))
        break;
      values[index++] = value;
      p += *p == ',';
    }
  if (*p == '}' && p[1] == '\0')
    return TRUE;
  return trellis_answer_sheet_parse (instrument, json, values, error);
}

void
trellis_response_audit_init (TrellisResponseAudit *audit,
                             TrellisDatabase      *db,
                             const char           *table,
                             gint64                first_id,
                             gsize                 size_hint)
{
  *audit = (TrellisResponseAudit) { db, table, g_string_sized_new (size_hint), g_string_sized_new (256), NULL,
                                    first_id };
  g_string_append_c (audit->text, '{');
}

void
trellis_response_audit_clear (TrellisResponseAudit *audit)
{
  if (audit->text != NULL)
    g_string_free (g_steal_pointer (&audit->text), TRUE);
  if (audit->value != NULL)
    g_string_free (g_steal_pointer (&audit->value), TRUE);
  g_clear_pointer (&audit->first_value, g_free);
}

/* The next row's value is made in audit->value. */
static GString *
begin_row (TrellisResponseAudit *audit)
{
  g_string_truncate (audit->value, 0);
  return audit->value;
}

/* The row's id and the digest of its value, as json_group_object (id,
 * trellis_audit_digest (value)) writes them. */
static void
end_row (TrellisResponseAudit *audit)
{
  char digest[TRELLIS_AUDIT_DIGEST_LENGTH + 1];

  if (audit->count == 0)
    audit->first_value = g_strndup (audit->value->str, audit->value->len);
  trellis_audit_digest (audit->value->str, audit->value->len, digest);
  append_bytes (audit->text, audit->count > 0 ? ",\"" : "\"", audit->count > 0 ? 2 : 1);
  append_int (audit->text, audit->first_id + audit->count);
  append_literal (audit->text, "\":\"");
  append_bytes (audit->text, digest, TRELLIS_AUDIT_DIGEST_LENGTH);
  g_string_append_c (audit->text, '"');
  audit->count++;
}

void
trellis_response_audit_add_visit (TrellisResponseAudit *audit,
                                  gint64                participant_id,
                                  gint64                timepoint_id,
                                  const char           *completed_date)
{
  GString *out = begin_row (audit);

  append_literal (out, "{\"participant_id\":");
  append_int (out, participant_id);
  append_literal (out, ",\"timepoint_id\":");
  append_int (out, timepoint_id);
  append_literal (out, ",\"completed_date\":\"");
  append_text (out, completed_date);
  append_literal (out, "\",\"missed\":0}");
  end_row (audit);
}

void
trellis_response_audit_add_sheet (TrellisResponseAudit *audit,
                                  gint64                visit_id,
                                  gint64                instrument_id,
                                  const char           *answers,
                                  gsize                 answers_length,
                                  const TrellisScore   *score,
                                  int                   rule_version)
{
  GString *out = begin_row (audit);
  char number[64];

  append_literal (out, "{\"visit_id\":");
  append_int (out, visit_id);
  append_literal (out, ",\"instrument_id\":");
  append_int (out, instrument_id);
  append_literal (out, ",\"answers\":");
  append_bytes (out, answers, answers_length);
  append_literal (out, ",\"answered\":");
  append_int (out, score->answered);
  append_literal (out, ",\"score\":");
  if (score->missing)
    append_literal (out, "null");
  else
    append_text (out, sqlite3_snprintf (sizeof number, number, "%!0.15g", score->value));
  append_literal (out, ",\"rule_version\":");
  append_int (out, rule_version);
  g_string_append_c (out, '}');
  end_row (audit);
}

/* Whether value is SQLite's text of the row, byte for byte. */
static gboolean
renders_like_sqlite (TrellisResponseAudit  *audit,
                     gint64                 row_id,
                     const char            *value,
                     gboolean              *same,
                     GError               **error)
{
  g_autofree char *theirs = NULL;

  if (!trellis_audit_snapshot (audit->db, audit->table, row_id, &theirs, error))
    return FALSE;
  *same = *same && g_strcmp0 (theirs, value) == 0;
  return TRUE;
}

/* Writes the table's bulk audit row for the rows added (at least one). */
gboolean
trellis_response_audit_append (TrellisResponseAudit  *audit,
                               const char            *reason,
                               GError               **error)
{
  TrellisAuditRecord record = { "import", audit->table, TRELLIS_AUDIT_BULK_KEY, NULL, NULL, reason };
  gint64 last_id = audit->first_id + audit->count - 1;
  gboolean same = TRUE;

  g_return_val_if_fail (audit->count > 0, FALSE);

  if (!renders_like_sqlite (audit, audit->first_id, audit->first_value, &same, error) ||
      !renders_like_sqlite (audit, last_id, audit->value->str, &same, error))
    return FALSE;
  if (!same)
    return trellis_audit_append_bulk (audit->db, "import", audit->table, audit->first_id, last_id, reason, error);
  g_string_append_c (audit->text, '}');
  record.new_value = audit->text->str;
  return trellis_audit_append (audit->db, &record, error);
}
