/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "trellis-audit-coverage.h"
#include "trellis-audit-log.h"
#include "trellis-audit-private.h"
#include "trellis-database-private.h"

/* The audit trail for people to read: a page of rows at a time, newest
 * first, so that a trail of hundreds of thousands of rows opens as fast as
 * a short one. Each row's change becomes one line of words: the fields a
 * row was created with, the fields an update changed, the count of rows a
 * bulk row (one per import) records.
 *
 * Allocation concealment. The audit values of interview picks and
 * interviews name a draw, a pick and a cohort, never a participant (see
 * trellis-audit-coverage.c). Only a read that asks to reveal looks up the
 * study code of the participant a pick drew; a read that does not never
 * touches it, so neither the summaries nor the filter can give it away. The
 * Audit page asks to reveal in the interviewer's and the PI's views, which
 * are guard-rails on a shared desktop, not security. */

#define MAX_SUMMARY_FIELDS 6
#define MAX_LISTED_PICKS 40
#define MAX_VALUE_CHARS 40

enum
{
  COLUMN_ID,
  COLUMN_TIME,
  COLUMN_USER,
  COLUMN_ACTION,
  COLUMN_TABLE,
  COLUMN_ROW_KEY,
  COLUMN_REASON,
  COLUMN_OLD_VALUE,
  COLUMN_NEW_VALUE,
  COLUMN_BULK_COUNT,
  COLUMN_REDACTED_BY,
  COLUMN_PURGE_TIME,
};

/* A bulk row of an import holds megabytes: its value is fetched only where
 * the summary needs it, for the interview tables, and counted in SQL. The
 * filter searches the columns people read and the values of single rows. */
static const char select_sql[] =
  "SELECT a.id, a.time, a.user, a.action, a.table_name, a.row_key, a.reason,"
  "  CASE WHEN a.row_key IS NOT '" TRELLIS_AUDIT_BULK_KEY "' THEN a.old_value END,"
  "  CASE WHEN a.row_key IS NOT '" TRELLIS_AUDIT_BULK_KEY "'"
  "         OR a.table_name IN ('interview_pick', 'interview', 'interview_eligible')"
  "       THEN a.new_value END,"
  "  CASE WHEN a.row_key IS '" TRELLIS_AUDIT_BULK_KEY "' AND json_valid (coalesce (a.new_value, a.old_value))"
  "       THEN (SELECT count(*) FROM json_each (coalesce (a.new_value, a.old_value))) END,"
  "  a.redacted_by, r.time"
  " FROM audit AS a LEFT JOIN audit AS r ON r.id = a.redacted_by"
  " WHERE (?1 <= 0 OR a.id < ?1)"
  "   AND (?2 IS NULL OR a.table_name LIKE ?2 ESCAPE '\\' OR a.action LIKE ?2 ESCAPE '\\'"
  "        OR a.user LIKE ?2 ESCAPE '\\' OR a.reason LIKE ?2 ESCAPE '\\' OR a.row_key LIKE ?2 ESCAPE '\\'"
  "        OR (a.row_key IS NOT '" TRELLIS_AUDIT_BULK_KEY "'"
  "            AND (a.new_value LIKE ?2 ESCAPE '\\' OR a.old_value LIKE ?2 ESCAPE '\\')))"
  " ORDER BY a.id DESC LIMIT ?3";

static const char pick_sql[] =
  "SELECT ip.draw_id, ip.sequence, ip.cohort, iif (?2, p.code, NULL) FROM interview_pick AS ip"
  " LEFT JOIN participant AS p ON p.id = ip.participant_id WHERE ip.id = ?1";

static const char bulk_picks_sql[] =
  "SELECT ip.draw_id, ip.sequence, ip.cohort, iif (?2, p.code, NULL) FROM json_each (?1) AS j"
  " JOIN interview_pick AS ip ON ip.id = CAST (j.key AS INTEGER)"
  " LEFT JOIN participant AS p ON p.id = ip.participant_id ORDER BY ip.draw_id, ip.sequence";

static const char bulk_interviews_sql[] =
  "SELECT ip.draw_id, ip.sequence, ip.cohort, iif (?2, p.code, NULL) FROM json_each (?1) AS j"
  " JOIN interview AS i ON i.id = CAST (j.key AS INTEGER) JOIN interview_pick AS ip ON ip.id = i.pick_id"
  " LEFT JOIN participant AS p ON p.id = ip.participant_id ORDER BY ip.draw_id, ip.sequence";

static const char bulk_eligible_sql[] =
  "SELECT e.draw_id, count(*) FROM json_each (?1) AS j"
  " JOIN interview_eligible AS e ON e.id = CAST (j.key AS INTEGER) GROUP BY e.draw_id ORDER BY e.draw_id";

/* ---- Values in words ---- */

static char *
local_time (const char *utc,
            const char *format)
{
  g_autoptr(GDateTime) time = utc != NULL ? g_date_time_new_from_iso8601 (utc, NULL) : NULL;
  g_autoptr(GDateTime) local = time != NULL ? g_date_time_to_local (time) : NULL;

  if (local == NULL)
    return g_strdup (utc != NULL ? utc : "");
  return g_date_time_format (local, format);
}

static JsonObject *
parse_object (const char *json)
{
  g_autoptr(JsonNode) node = json != NULL ? json_from_string (json, NULL) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_object_ref (json_node_get_object (node));
}

/* A value short enough for one line: long text is cut, and lists and
 * objects are only hinted at. */
static char *
describe_node (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("—");
  if (JSON_NODE_HOLDS_ARRAY (node))
    return g_strdup ("[…]");
  if (JSON_NODE_HOLDS_OBJECT (node))
    return g_strdup ("{…}");
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);

      g_autofree char *start = NULL;

      if (g_utf8_strlen (text, -1) <= MAX_VALUE_CHARS)
        return g_strdup (text);
      start = g_utf8_substring (text, 0, MAX_VALUE_CHARS - 1);
      return g_strconcat (start, "…", NULL);
    }
  if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return g_strdup (json_node_get_boolean (node) ? _("yes") : _("no"));
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    return g_strdup_printf ("%g", json_node_get_double (node));
  return g_strdup_printf ("%" PRId64, json_node_get_int (node));
}

static gboolean
same_node (JsonNode *a,
           JsonNode *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return json_node_equal (a, b);
}

static void
append_field (GString    *text,
              guint      *n_fields,
              const char *field)
{
  if (*n_fields == MAX_SUMMARY_FIELDS)
    g_string_append (text, ", …");
  if (*n_fields >= MAX_SUMMARY_FIELDS)
    {
      (*n_fields)++;
      return;
    }
  if (*n_fields > 0)
    g_string_append (text, ", ");
  g_string_append (text, field);
  (*n_fields)++;
}

/* "field: value, …" for the fields of OBJECT, or with OLD, "field: old →
 * new, …" for the fields that differ; SKIP is left out. */
static void
append_fields (GString    *text,
               JsonObject *old,
               JsonObject *object,
               const char *skip)
{
  g_autoptr(GList) members = json_object_get_members (object);
  guint n_fields = 0;

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *value = json_object_get_member (object, name);
      JsonNode *before = old != NULL ? json_object_get_member (old, name) : NULL;
      g_autofree char *now = NULL;
      g_autofree char *field = NULL;

      if (g_strcmp0 (name, skip) == 0 || (old != NULL && same_node (before, value)))
        continue;
      now = describe_node (value);
      if (old != NULL)
        {
          g_autofree char *then = describe_node (before);

          field = g_strdup_printf ("%s: %s → %s", name, then, now);
        }
      else
        field = g_strdup_printf ("%s: %s", name, now);
      append_field (text, &n_fields, field);
    }
}

/* What a single row's values say changed. */
static void
append_change (GString    *text,
               const char *old_value,
               const char *new_value,
               const char *skip)
{
  g_autoptr(JsonObject) old = parse_object (old_value);
  g_autoptr(JsonObject) now = parse_object (new_value);

  if (old != NULL && now != NULL)
    append_fields (text, old, now, skip);
  else if (now != NULL)
    append_fields (text, NULL, now, skip);
  else if (old != NULL)
    {
      g_string_append (text, _("Removed: "));
      append_fields (text, NULL, old, skip);
    }
}

static void
append_separator (GString *text)
{
  if (text->len > 0)
    g_string_append (text, "; ");
}

static void
append_bulk_count (GString    *text,
                   const char *action,
                   gint64      n)
{
  guint count = (guint) CLAMP (n, 0, G_MAXUINT);

  if (g_strcmp0 (action, "insert") == 0)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u row imported", "%u rows imported", count), count);
  else if (g_strcmp0 (action, "update") == 0)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u row updated", "%u rows updated", count), count);
  else if (g_strcmp0 (action, "delete") == 0)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u row deleted", "%u rows deleted", count), count);
  else
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u row", "%u rows", count), count);
}

/* The redact row a purge writes: how many audit rows it touched. */
static void
append_redaction (GString    *text,
                  const char *value)
{
  g_autoptr(JsonObject) object = parse_object (value);
  JsonNode *redacted = object != NULL ? json_object_get_member (object, "redacted") : NULL;
  JsonNode *rewritten = object != NULL ? json_object_get_member (object, "rewritten") : NULL;
  guint n_redacted = 0, n_rewritten = 0;

  if (redacted != NULL && JSON_NODE_HOLDS_ARRAY (redacted))
    n_redacted = json_array_get_length (json_node_get_array (redacted));
  if (rewritten != NULL && JSON_NODE_HOLDS_OBJECT (rewritten))
    n_rewritten = json_object_get_size (json_node_get_object (rewritten));

  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "Values of %u audit row removed",
                                             "Values of %u audit rows removed", n_redacted), n_redacted);
  g_string_append (text, ", ");
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u bulk row rewritten",
                                             "%u bulk rows rewritten", n_rewritten), n_rewritten);
}

/* ---- Interview draws ---- */

/* "Draw 1: pick 4 (Midwives)", and with the study code when it was asked
 * for and read: "Draw 1: pick 4 (P017, Midwives)". */
static void
append_pick (GString      *text,
             sqlite3_stmt *stmt,
             gboolean      with_draw)
{
  gint64 draw = sqlite3_column_int64 (stmt, 0);
  gint64 sequence = sqlite3_column_int64 (stmt, 1);
  const char *cohort = (const char *) sqlite3_column_text (stmt, 2);
  const char *code = (const char *) sqlite3_column_text (stmt, 3);

  if (with_draw)
    g_string_append_printf (text, _("Draw %" PRId64 ": "), draw);
  if (code != NULL)
    g_string_append_printf (text, _("pick %" PRId64 " (%s, %s)"), sequence, code, cohort != NULL ? cohort : "");
  else
    g_string_append_printf (text, _("pick %" PRId64 " (%s)"), sequence, cohort != NULL ? cohort : "");
}

/* A single pick, or the pick of a single interview, by the pick's id. */
static gboolean
append_pick_by_id (TrellisDatabase  *db,
                   GString          *text,
                   gint64            pick_id,
                   gboolean          reveal,
                   GError          **error)
{
  sqlite3_stmt *stmt = trellis_database_prepare (db, pick_sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, pick_id);
  sqlite3_bind_int (stmt, 2, reveal);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    append_pick (text, stmt, TRUE);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      trellis_database_set_error (db, error, rc);
      return FALSE;
    }
  return TRUE;
}

/* The picks of a bulk row of interview_pick or interview, in draw order. */
static gboolean
append_bulk_picks (TrellisDatabase  *db,
                   GString          *text,
                   const char       *sql,
                   const char       *value,
                   gboolean          reveal,
                   GError          **error)
{
  sqlite3_stmt *stmt = trellis_database_prepare (db, sql, error);
  gint64 draw = -1;
  guint n = 0;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, reveal);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gboolean new_draw = sqlite3_column_int64 (stmt, 0) != draw;

      draw = sqlite3_column_int64 (stmt, 0);
      if (n < MAX_LISTED_PICKS || new_draw)
        {
          if (n > 0)
            g_string_append (text, new_draw ? "; " : ", ");
          append_pick (text, stmt, new_draw);
        }
      else if (n == MAX_LISTED_PICKS)
        g_string_append (text, ", …");
      n++;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      trellis_database_set_error (db, error, rc);
      return FALSE;
    }
  return TRUE;
}

static gboolean
append_bulk_eligible (TrellisDatabase  *db,
                      GString          *text,
                      const char       *value,
                      GError          **error)
{
  sqlite3_stmt *stmt = trellis_database_prepare (db, bulk_eligible_sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint n = (guint) sqlite3_column_int64 (stmt, 1);

      append_separator (text);
      g_string_append_printf (text, _("Draw %" PRId64 ": "), (gint64) sqlite3_column_int64 (stmt, 0));
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u eligible participant listed",
                                                 "%u eligible participants listed", n), n);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      trellis_database_set_error (db, error, rc);
      return FALSE;
    }
  return TRUE;
}

static gint64
pick_of_interview (const char *new_value,
                   const char *old_value)
{
  g_autoptr(JsonObject) object = parse_object (new_value != NULL ? new_value : old_value);
  JsonNode *node = object != NULL ? json_object_get_member (object, "pick_id") : NULL;

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64)
    return 0;
  return json_node_get_int (node);
}

static const char *
member_text (JsonObject *object,
             const char *name,
             char      **owned)
{
  JsonNode *node = json_object_get_member (object, name);

  *owned = node != NULL ? describe_node (node) : g_strdup ("—");
  return *owned;
}

/* "Draw 1: 23 to pick, proportional allocation, seed 2025; Midwives 4, …":
 * what a draw was asked for, never whom it picked. */
static void
append_draw (GString    *text,
             const char *row_key,
             const char *new_value)
{
  g_autoptr(JsonObject) draw = parse_object (new_value);
  g_autofree char *total = NULL, *allocation = NULL, *seed = NULL;
  JsonNode *quotas;

  if (draw == NULL)
    return;
  g_string_append_printf (text, _("Draw %s: %s to pick, %s allocation, seed %s"), row_key,
                          member_text (draw, "total", &total), member_text (draw, "allocation", &allocation),
                          member_text (draw, "seed", &seed));
  quotas = json_object_get_member (draw, "quotas");
  if (quotas != NULL && JSON_NODE_HOLDS_OBJECT (quotas))
    {
      JsonObject *quota_object = json_node_get_object (quotas);
      g_autoptr(GList) members = json_object_get_members (quota_object);
      guint n_fields = 0;

      g_string_append (text, "; ");
      for (GList *l = members; l != NULL; l = l->next)
        {
          g_autofree char *count = describe_node (json_object_get_member (quota_object, l->data));
          g_autofree char *field = g_strdup_printf ("%s %s", (const char *) l->data, count);

          append_field (text, &n_fields, field);
        }
    }
}

static gboolean
is_interview_table (const char *table)
{
  return g_strcmp0 (table, "interview_pick") == 0 || g_strcmp0 (table, "interview") == 0 ||
         g_strcmp0 (table, "interview_eligible") == 0;
}

/* Picks and interviews are named by draw and pick; an interview's change
 * follows, without the pick's id, which the name already says. */
static gboolean
summarise_interview (TrellisDatabase  *db,
                     sqlite3_stmt     *stmt,
                     gboolean          reveal,
                     GString          *text,
                     GError          **error)
{
  const char *table = (const char *) sqlite3_column_text (stmt, COLUMN_TABLE);
  const char *row_key = (const char *) sqlite3_column_text (stmt, COLUMN_ROW_KEY);
  const char *old_value = (const char *) sqlite3_column_text (stmt, COLUMN_OLD_VALUE);
  const char *new_value = (const char *) sqlite3_column_text (stmt, COLUMN_NEW_VALUE);
  gboolean bulk = g_strcmp0 (row_key, TRELLIS_AUDIT_BULK_KEY) == 0;
  gsize before;

  if (bulk && g_strcmp0 (table, "interview_eligible") == 0)
    return new_value == NULL || append_bulk_eligible (db, text, new_value, error);
  if (bulk)
    return new_value == NULL ||
           append_bulk_picks (db, text, g_strcmp0 (table, "interview") == 0 ? bulk_interviews_sql : bulk_picks_sql,
                              new_value, reveal, error);
  if (g_strcmp0 (table, "interview_pick") == 0)
    return append_pick_by_id (db, text, g_ascii_strtoll (row_key != NULL ? row_key : "0", NULL, 10), reveal, error);
  if (g_strcmp0 (table, "interview") != 0)
    {
      append_change (text, old_value, new_value, "participant_id");
      return TRUE;
    }
  if (!append_pick_by_id (db, text, pick_of_interview (new_value, old_value), reveal, error))
    return FALSE;
  before = text->len;
  g_string_append (text, ": ");
  append_change (text, old_value, new_value, "pick_id");
  if (text->len == before + 2)
    g_string_truncate (text, before);
  return TRUE;
}

/* ---- Rows ---- */

static char *
summarise (TrellisDatabase  *db,
           sqlite3_stmt     *stmt,
           gboolean          reveal,
           GError          **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const char *action = (const char *) sqlite3_column_text (stmt, COLUMN_ACTION);
  const char *table = (const char *) sqlite3_column_text (stmt, COLUMN_TABLE);
  const char *old_value = (const char *) sqlite3_column_text (stmt, COLUMN_OLD_VALUE);
  const char *new_value = (const char *) sqlite3_column_text (stmt, COLUMN_NEW_VALUE);
  gboolean redacted = sqlite3_column_type (stmt, COLUMN_REDACTED_BY) != SQLITE_NULL;

  /* A draw's bulk rows list its picks, which say how many there are. */
  if (g_strcmp0 (table, "interview_draw") == 0 && g_strcmp0 (action, "insert") == 0)
    append_draw (text, (const char *) sqlite3_column_text (stmt, COLUMN_ROW_KEY), new_value);
  else if (is_interview_table (table))
    {
      if (!summarise_interview (db, stmt, reveal, text, error))
        return NULL;
    }
  else if (g_strcmp0 (action, TRELLIS_AUDIT_REDACT_ACTION) == 0 && g_strcmp0 (table, TRELLIS_AUDIT_REDACT_TABLE) == 0)
    append_redaction (text, new_value);
  else if (sqlite3_column_type (stmt, COLUMN_BULK_COUNT) != SQLITE_NULL)
    append_bulk_count (text, action, sqlite3_column_int64 (stmt, COLUMN_BULK_COUNT));
  else
    append_change (text, old_value, new_value, NULL);
  if (redacted)
    {
      g_autofree char *date = local_time ((const char *) sqlite3_column_text (stmt, COLUMN_PURGE_TIME), "%Y-%m-%d");

      append_separator (text);
      g_string_append_printf (text, _("redacted by the purge of %s"), date);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static TrellisAuditEntry *
read_entry (TrellisDatabase  *db,
            sqlite3_stmt     *stmt,
            gboolean          reveal,
            GError          **error)
{
  g_autofree char *summary = summarise (db, stmt, reveal, error);
  g_autofree char *time = NULL;

  if (summary == NULL)
    return NULL;
  time = local_time ((const char *) sqlite3_column_text (stmt, COLUMN_TIME), "%Y-%m-%d %H:%M:%S");
  return trellis_audit_entry_new (sqlite3_column_int64 (stmt, COLUMN_ID), time,
                                  (const char *) sqlite3_column_text (stmt, COLUMN_USER),
                                  (const char *) sqlite3_column_text (stmt, COLUMN_ACTION),
                                  (const char *) sqlite3_column_text (stmt, COLUMN_TABLE),
                                  (const char *) sqlite3_column_text (stmt, COLUMN_ROW_KEY),
                                  (const char *) sqlite3_column_text (stmt, COLUMN_REASON), summary);
}

/* The filter as a LIKE pattern: its words in order, anything between, and
 * LIKE's own wildcards taken literally. NULL for no filter. */
static char *
like_pattern (const char *filter)
{
  g_autofree char *stripped = g_strstrip (g_strdup (filter != NULL ? filter : ""));
  g_auto(GStrv) words = NULL;
  GString *pattern;

  if (*stripped == '\0')
    return NULL;
  words = g_strsplit_set (stripped, " \t", -1);
  pattern = g_string_new ("%");
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (*words[i] == '\0')
        continue;
      for (const char *c = words[i]; *c != '\0'; c++)
        {
          if (*c == '%' || *c == '_' || *c == '\\')
            g_string_append_c (pattern, '\\');
          g_string_append_c (pattern, *c);
        }
      g_string_append_c (pattern, '%');
    }
  return g_string_free (pattern, FALSE);
}

/* Up to a page of audit rows older than query->before_id, newest first, as
 * TrellisAuditEntry; a page shorter than asked for is the last. SQLite's
 * LIKE ignores case for ASCII letters only, which suits the codes, tables
 * and actions people search for. */
GPtrArray *
trellis_audit_log_read (TrellisDatabase            *db,
                        const TrellisAuditLogQuery *query,
                        GError                    **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *pattern = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  pattern = like_pattern (query->filter);
  stmt = trellis_database_prepare (db, select_sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, query->before_id);
  sqlite3_bind_text (stmt, 2, pattern, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, query->limit > 0 ? query->limit : TRELLIS_AUDIT_LOG_PAGE_SIZE);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TrellisAuditEntry *entry = read_entry (db, stmt, query->reveal, error);

      if (entry == NULL)
        {
          sqlite3_reset (stmt);
          sqlite3_clear_bindings (stmt);
          return NULL;
        }
      g_ptr_array_add (entries, entry);
    }
  if (rc != SQLITE_DONE)
    trellis_database_set_error (db, error, rc);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return rc == SQLITE_DONE ? g_steal_pointer (&entries) : NULL;
}
