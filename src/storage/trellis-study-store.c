/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-audit-coverage.h"
#include "trellis-database-private.h"
#include "trellis-storage-error.h"
#include "trellis-study-store.h"
#include "trellis-study-title.h"
#include "trellis-register-rules.h"
#include "trellis-study-code.h"

/* The study aggregate: the single row of the study table. */

/* Called by the database while it creates the file, inside its transaction. */
gboolean
trellis_study_store_seed (TrellisDatabase  *db,
                          const char       *title,
                          GError          **error)
{
  g_autofree char *clean = trellis_study_title_normalize (title);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *created = g_date_time_format_iso8601 (now);
  sqlite3_stmt *stmt;

  if (!trellis_study_title_validate (clean, error))
    return FALSE;

  stmt = trellis_database_prepare (db, "INSERT INTO study (id, title, created) VALUES (1, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, clean, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, created, -1, SQLITE_TRANSIENT);
  if (!trellis_database_step_done (db, stmt, error))
    return FALSE;

  return trellis_audit_append_change (db, "create", "study", 1, NULL, NULL, error);
}

/* Every study has exactly one study row, made with the file. Without it the
 * study has no title at all, which a person is told in those words. */
static char *
get_text (TrellisDatabase  *db,
          const char       *sql,
          GError          **error)
{
  sqlite3_stmt *stmt = trellis_database_prepare (db, sql, error);
  char *text = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  else if (rc == SQLITE_DONE)
    {
      g_autofree char *name = g_filename_display_name (trellis_database_get_path (db));

      g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_CORRUPT,
                   _("“%s” is damaged: its study record is missing"), name);
    }
  else
    trellis_database_set_error (db, error, rc);
  sqlite3_reset (stmt);
  return text;
}

char *
trellis_study_store_get_title (TrellisDatabase  *db,
                               GError          **error)
{
  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), NULL);
  return get_text (db, "SELECT title FROM study WHERE id = 1", error);
}

char *
trellis_study_store_get_created (TrellisDatabase  *db,
                                 GError          **error)
{
  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), NULL);
  return get_text (db, "SELECT created FROM study WHERE id = 1", error);
}

static gboolean
write_title (TrellisDatabase  *db,
             const char       *title,
             const char       *reason,
             GError          **error)
{
  g_autofree char *old_title = trellis_study_store_get_title (db, error);
  g_autofree char *old_value = NULL;
  sqlite3_stmt *stmt;

  if (old_title == NULL)
    return FALSE;
  if (g_strcmp0 (old_title, title) == 0)
    return TRUE;   /* nothing changed, so nothing to audit */
  if (!trellis_audit_snapshot (db, "study", 1, &old_value, error))
    return FALSE;

  stmt = trellis_database_prepare (db, "UPDATE study SET title = ? WHERE id = 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, title, -1, SQLITE_TRANSIENT);
  if (!trellis_database_step_done (db, stmt, error))
    return FALSE;

  return trellis_audit_append_change (db, "update", "study", 1, old_value, reason, error);
}

/* Renames the study: one transaction holding the change and its audit row. */
gboolean
trellis_study_store_set_title (TrellisDatabase  *db,
                               const char       *title,
                               const char       *reason,
                               GError          **error)
{
  g_autofree char *clean = NULL;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (title != NULL, FALSE);

  clean = trellis_study_title_normalize (title);
  if (!trellis_study_title_validate (clean, error) ||
      !trellis_database_begin_write (db, error))
    return FALSE;

  if (!write_title (db, clean, reason, error) || !trellis_database_commit (db, error))
    {
      trellis_database_rollback (db);
      return FALSE;
    }
  return TRUE;
}

/* The register's settings live in the study row, each one a column changed
 * like the title: one transaction with its audit row, nothing written when
 * the value is already the one asked for. Column names come from this file. */
static gboolean
write_setting (TrellisDatabase  *db,
               const char       *column,
               const char       *value,
               GError          **error)
{
  g_autofree char *get_sql = g_strdup_printf ("SELECT %s FROM study WHERE id = 1", column);
  g_autofree char *set_sql = g_strdup_printf ("UPDATE study SET %s = ? WHERE id = 1", column);
  g_autofree char *old_setting = NULL;
  g_autofree char *old_value = NULL;
  sqlite3_stmt *stmt;

  if (!trellis_database_begin_write (db, error))
    return FALSE;
  old_setting = get_text (db, get_sql, error);
  if (old_setting != NULL && g_strcmp0 (old_setting, value) == 0)
    return trellis_database_commit (db, error);

  if (old_setting != NULL &&
      trellis_audit_snapshot (db, "study", 1, &old_value, error) &&
      (stmt = trellis_database_prepare (db, set_sql, error)) != NULL)
    {
      sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT);
      if (trellis_database_step_done (db, stmt, error) &&
          trellis_audit_append_change (db, "update", "study", 1, old_value, NULL, error) &&
          trellis_database_commit (db, error))
        return TRUE;
    }
  trellis_database_rollback (db);
  return FALSE;
}

/* The pattern new study codes are generated from, such as P### (P001, P002…). */
char *
trellis_study_store_get_code_pattern (TrellisDatabase  *db,
                                      GError          **error)
{
  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), NULL);
  return get_text (db, "SELECT code_pattern FROM study WHERE id = 1", error);
}

gboolean
trellis_study_store_set_code_pattern (TrellisDatabase  *db,
                                      const char       *pattern,
                                      GError          **error)
{
  g_autofree char *clean = NULL;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (pattern != NULL, FALSE);

  /* Stored in canonical form, like the codes it makes: “ mw-### ” is MW-###. */
  clean = trellis_study_code_normalize (pattern);
  if (!trellis_study_code_pattern_validate (clean, error))
    return FALSE;
  return write_setting (db, "code_pattern", clean, error);
}

/* The kinds of withdrawal the study's information sheet offers, as bits
 * 1 << TrellisWithdrawalType. */
gboolean
trellis_study_store_get_withdrawal_types (TrellisDatabase  *db,
                                          guint            *types,
                                          GError          **error)
{
  g_autofree char *list = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (types != NULL, FALSE);

  list = get_text (db, "SELECT withdrawal_types FROM study WHERE id = 1", error);
  if (list == NULL)
    return FALSE;
  if (trellis_withdrawal_types_parse (list, types, error))
    return TRUE;
  name = g_filename_display_name (trellis_database_get_path (db));
  g_prefix_error (error, _("“%s” is damaged: its list of withdrawal kinds is unreadable: "), name);
  return FALSE;
}

gboolean
trellis_study_store_set_withdrawal_types (TrellisDatabase  *db,
                                          guint             types,
                                          GError          **error)
{
  g_autofree char *list = NULL;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), FALSE);
  g_return_val_if_fail ((types & ~TRELLIS_WITHDRAWAL_TYPES_ALL) == 0, FALSE);

  list = trellis_withdrawal_types_format (types);
  return write_setting (db, "withdrawal_types", list, error);
}

static const char *const policy_words[] = {
  [TRELLIS_DESTRUCTION_POLICY_IDENTIFIERS] = "identifiers",
  [TRELLIS_DESTRUCTION_POLICY_IDENTIFIERS_AND_DATA] = "identifiers-and-data",
};

/* Whether a purge removes identifiers only, or the research data too. */
gboolean
trellis_study_store_get_destruction_policy (TrellisDatabase           *db,
                                            TrellisDestructionPolicy  *policy,
                                            GError                   **error)
{
  g_autofree char *word = NULL;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (policy != NULL, FALSE);

  word = get_text (db, "SELECT destruction_policy FROM study WHERE id = 1", error);
  if (word == NULL)
    return FALSE;
  /* The table's CHECK constraint allows only these two words. */
  *policy = g_str_equal (word, policy_words[TRELLIS_DESTRUCTION_POLICY_IDENTIFIERS_AND_DATA])
            ? TRELLIS_DESTRUCTION_POLICY_IDENTIFIERS_AND_DATA
            : TRELLIS_DESTRUCTION_POLICY_IDENTIFIERS;
  return TRUE;
}

gboolean
trellis_study_store_set_destruction_policy (TrellisDatabase           *db,
                                            TrellisDestructionPolicy   policy,
                                            GError                   **error)
{
  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), FALSE);
  g_return_val_if_fail ((guint) policy < G_N_ELEMENTS (policy_words), FALSE);

  return write_setting (db, "destruction_policy", policy_words[policy], error);
}
