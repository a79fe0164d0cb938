/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-audit-coverage.h"
#include "trellis-database-private.h"
#include "trellis-date.h"
#include "trellis-store-util.h"

/* The column's text, or NULL where it holds SQL NULL. */
char *
trellis_store_column_dup (sqlite3_stmt *stmt,
                          int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

/* Text as people type it, without the spaces around it; NULL stays NULL. */
char *
trellis_store_clean_text (const char *text)
{
  return text != NULL ? g_strstrip (g_strdup (text)) : NULL;
}

/* An optional date: NULL or blank gives NULL in *canonical; anything else
 * must be a real YYYY-MM-DD date, and the message names the field. */
gboolean
trellis_store_check_date (const char  *text,
                          const char  *what,
                          char       **canonical,
                          GError     **error)
{
  g_autofree char *clean = trellis_store_clean_text (text);
  GDate date;

  *canonical = NULL;
  if (clean == NULL || *clean == '\0')
    return TRUE;
  if (!trellis_date_parse (clean, &date, error))
    {
      g_prefix_error (error, "%s: ", what);
      return FALSE;
    }
  *canonical = trellis_date_format (&date);
  return TRUE;
}

/* Runs a query with one id bound to ?1 and reads one integer; *value is 0
 * when there is no row. */
gboolean
trellis_store_query_int64 (TrellisDatabase  *db,
                           const char       *sql,
                           gint64            id,
                           gint64           *value,
                           GError          **error)
{
  sqlite3_stmt *stmt = trellis_database_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  *value = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      trellis_database_set_error (db, error, rc);
      return FALSE;
    }
  return TRUE;
}

/* The name as stored, in *existing, of another row of table than own_id
 * that has name in column in any case, or NULL if there is none: the columns
 * are UNIQUE NOCASE, and this lets a store say so in words before the
 * constraint would. table and column come from the store, never from user
 * input. */
gboolean
trellis_store_name_taken (TrellisDatabase  *db,
                          const char       *table,
                          const char       *column,
                          const char       *name,
                          gint64            own_id,
                          char            **existing,
                          GError          **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %2$s FROM %1$s WHERE %2$s = ?1 COLLATE NOCASE AND id != ?2",
                                          table, column);
  sqlite3_stmt *stmt = trellis_database_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, own_id);
  rc = sqlite3_step (stmt);
  *existing = rc == SQLITE_ROW ? trellis_store_column_dup (stmt, 0) : NULL;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      trellis_database_set_error (db, error, rc);
      return FALSE;
    }
  return TRUE;
}

/* Runs stmt, an UPDATE or DELETE of one row already bound by the caller,
 * between the audit snapshot of the row and its audit row. The caller holds
 * the write transaction. */
gboolean
trellis_store_update_row (TrellisDatabase  *db,
                          const char       *table,
                          gint64            id,
                          const char       *action,
                          sqlite3_stmt     *stmt,
                          const char       *reason,
                          GError          **error)
{
  g_autofree char *old_value = NULL;

  if (!trellis_audit_snapshot (db, table, id, &old_value, error))
    {
      sqlite3_reset (stmt);
      return FALSE;
    }
  return trellis_database_step_done (db, stmt, error) &&
         trellis_audit_append_change (db, action, table, id, old_value, reason, error);
}
