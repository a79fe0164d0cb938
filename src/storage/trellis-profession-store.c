/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-audit-coverage.h"
#include "trellis-database-private.h"
#include "trellis-profession-store.h"
#include "trellis-storage-error.h"
#include "trellis-store-util.h"

/* The professions cohorts are recruited from: an editable list, seeded with
 * the professions of the studies Trellis was built for. Professions are never
 * removed, because cohorts name them. Names are stored as entered and stay in
 * English in the file; the file is the research record, not the interface. */
static const char *const default_professions[] = {
  "Midwife",
  "Paediatrician",
  "Obstetrician/gynaecologist",
  "Paramedic",
  "Physician associate",
  "Mammographer",
  "Sonographer",
  "Other",
};

static gboolean
insert (TrellisDatabase  *db,
        const char       *name,
        gint64           *id,
        GError          **error)
{
  sqlite3_stmt *stmt = trellis_database_prepare (db,
      "INSERT INTO profession (name, position)"
      " VALUES (?1, (SELECT coalesce (max (position), 0) + 1 FROM profession))", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  if (!trellis_database_step_done (db, stmt, error))
    return FALSE;
  *id = sqlite3_last_insert_rowid (trellis_database_get_handle (db));
  return trellis_audit_append_change (db, "insert", "profession", *id, NULL, NULL, error);
}

/* Runs inside the migration to format 3, in its transaction. */
gboolean
trellis_profession_store_seed (TrellisDatabase  *db,
                               GError          **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (default_professions); i++)
    {
      gint64 id;

      if (!insert (db, default_professions[i], &id, error))
        return FALSE;
    }
  return TRUE;
}

/* The professions in list order, as strings; index i is not the id. */
GPtrArray *
trellis_profession_store_names (TrellisDatabase  *db,
                                GError          **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), NULL);

  stmt = trellis_database_prepare (db, "SELECT name FROM profession ORDER BY position, id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      trellis_database_set_error (db, error, rc);
      return NULL;
    }
  return g_steal_pointer (&names);
}

/* The id of the profession called name (any case), or 0 with an error. */
gint64
trellis_profession_store_lookup (TrellisDatabase  *db,
                                 const char       *name,
                                 GError          **error)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), 0);

  stmt = trellis_database_prepare (db, "SELECT id FROM profession WHERE name = ?1 COLLATE NOCASE", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  else if (rc == SQLITE_DONE)
    g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_CONSTRAINT,
                 _("There is no profession called “%s”"), name);
  else
    trellis_database_set_error (db, error, rc);
  sqlite3_reset (stmt);
  return id;
}

static char *
checked_name (const char  *name,
              GError     **error)
{
  g_autofree char *clean = g_strstrip (g_strdup (name));

  if (*clean == '\0' || g_utf8_strlen (clean, -1) > 80)
    {
      g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_CONSTRAINT,
                   _("A profession needs a name of 1 to 80 characters"));
      return NULL;
    }
  return g_steal_pointer (&clean);
}

/* Names are unique in any case (the column is UNIQUE NOCASE); this says so
 * in words before the constraint would. A profession may take its own name
 * in another case. */
static gboolean
check_name_free (TrellisDatabase  *db,
                 const char       *name,
                 gint64            own_id,
                 GError          **error)
{
  g_autofree char *taken = NULL;

  if (!trellis_store_name_taken (db, "profession", "name", name, own_id, &taken, error))
    return FALSE;
  if (taken)
    g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_CONSTRAINT,
                 _("There is already a profession called “%s”"), taken);
  return taken == NULL;
}

/* Adds a profession at the end of the list; a name already there (in any
 * case) is refused. */
gint64
trellis_profession_store_add (TrellisDatabase  *db,
                              const char       *name,
                              GError          **error)
{
  g_autofree char *clean = checked_name (name, error);
  gint64 id = 0;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), 0);

  if (clean == NULL || !trellis_database_begin_write (db, error))
    return 0;
  if (!check_name_free (db, clean, 0, error) || !insert (db, clean, &id, error) ||
      !trellis_database_commit (db, error))
    {
      trellis_database_rollback (db);
      return 0;
    }
  return id;
}

/* Renames a profession; the cohorts drawn from it show the new name, since
 * they refer to it by id. */
gboolean
trellis_profession_store_rename (TrellisDatabase  *db,
                                 gint64            id,
                                 const char       *name,
                                 GError          **error)
{
  g_autofree char *clean = checked_name (name, error);
  g_autofree char *old_value = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), FALSE);

  if (clean == NULL || !trellis_database_begin_write (db, error))
    return FALSE;
  if (check_name_free (db, clean, id, error) &&
      trellis_audit_snapshot (db, "profession", id, &old_value, error) &&
      (stmt = trellis_database_prepare (db, "UPDATE profession SET name = ?1 WHERE id = ?2", error)) != NULL)
    {
      sqlite3_bind_text (stmt, 1, clean, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, id);
      if (trellis_database_step_done (db, stmt, error) &&
          trellis_audit_append_change (db, "update", "profession", id, old_value, NULL, error) &&
          trellis_database_commit (db, error))
        return TRUE;
    }
  trellis_database_rollback (db);
  return FALSE;
}
