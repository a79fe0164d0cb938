/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>

#include "trellis-audit-coverage.h"
#include "trellis-cohort-store.h"
#include "trellis-database-private.h"
#include "trellis-domain-error.h"
#include "trellis-profession-store.h"
#include "trellis-storage-error.h"
#include "trellis-store-util.h"

/* The cohort aggregate. A cohort is never deleted once it has participants:
 * they would lose their cohort, and the flow numbers with them. Archiving
 * closes it to new participants instead. */

#define COHORT_NAME_MAX 80

static const char load_sql[] =
  "SELECT c.id, c.name, c.profession_id, p.name, c.site, c.start_date, c.archived,"
  " (SELECT count(*) FROM participant WHERE cohort_id = c.id)"
  " FROM cohort AS c JOIN profession AS p ON p.id = c.profession_id";

static TrellisCohort *
cohort_from_row (sqlite3_stmt *stmt)
{
  TrellisCohort *cohort = trellis_cohort_new ();
  g_autofree char *start_date = trellis_store_column_dup (stmt, 5);

  trellis_cohort_set_id (cohort, sqlite3_column_int64 (stmt, 0));
  trellis_cohort_set_name (cohort, (const char *) sqlite3_column_text (stmt, 1));
  trellis_cohort_set_profession_id (cohort, sqlite3_column_int64 (stmt, 2));
  trellis_cohort_set_profession (cohort, (const char *) sqlite3_column_text (stmt, 3));
  trellis_cohort_set_site (cohort, (const char *) sqlite3_column_text (stmt, 4));
  trellis_cohort_set_start_date (cohort, start_date);
  trellis_cohort_set_archived (cohort, sqlite3_column_int (stmt, 6) != 0);
  trellis_cohort_set_n_participants (cohort, sqlite3_column_int (stmt, 7));
  return cohort;
}

/* Every cohort, open ones first, each group by name. */
GPtrArray *
trellis_cohort_store_load (TrellisDatabase  *db,
                           GError          **error)
{
  g_autoptr(GPtrArray) cohorts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *sql = g_strconcat (load_sql, " ORDER BY c.archived, c.name COLLATE NOCASE, c.id", NULL);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), NULL);

  stmt = trellis_database_prepare (db, sql, error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (cohorts, cohort_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      trellis_database_set_error (db, error, rc);
      return NULL;
    }
  return g_steal_pointer (&cohorts);
}

/* The id of the cohort called name (any case, spaces around it ignored), or 0 with an error. */
gint64
trellis_cohort_store_lookup (TrellisDatabase  *db,
                             const char       *name,
                             GError          **error)
{
  g_autofree char *clean = trellis_store_clean_text (name);
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), 0);
  g_return_val_if_fail (name != NULL, 0);

  stmt = trellis_database_prepare (db, "SELECT id FROM cohort WHERE name = ?1 COLLATE NOCASE", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, clean, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  else if (rc == SQLITE_DONE)
    g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                 _("There is no cohort called “%s”"), clean);
  else
    trellis_database_set_error (db, error, rc);
  sqlite3_reset (stmt);
  return id;
}

/* A cohort as it will be stored: name and site trimmed, the date canonical. */
typedef struct
{
  char *name;
  gint64 profession_id;
  char *site;
  char *start_date;
} CohortFields;

static void
cohort_fields_clear (CohortFields *fields)
{
  g_clear_pointer (&fields->name, g_free);
  g_clear_pointer (&fields->site, g_free);
  g_clear_pointer (&fields->start_date, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CohortFields, cohort_fields_clear)

static gboolean
check_profession (TrellisDatabase  *db,
                  TrellisCohort    *cohort,
                  gint64           *profession_id,
                  GError          **error)
{
  gint64 found = 0;

  *profession_id = trellis_cohort_get_profession_id (cohort);
  if (*profession_id == 0)
    {
      const char *name = trellis_cohort_get_profession (cohort);

      if (name == NULL || *name == '\0')
        {
          g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                       _("Cohort “%s” needs a profession"), trellis_cohort_get_name (cohort));
          return FALSE;
        }
      *profession_id = trellis_profession_store_lookup (db, name, error);
      return *profession_id != 0;
    }
  if (!trellis_store_query_int64 (db, "SELECT id FROM profession WHERE id = ?1", *profession_id, &found, error))
    return FALSE;
  if (found == 0)
    g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                 _("Profession %" PRId64 " is not in the study's list of professions"), *profession_id);
  return found != 0;
}

static gboolean
check_name_free (TrellisDatabase  *db,
                 const char       *name,
                 gint64            own_id,
                 GError          **error)
{
  g_autofree char *taken = NULL;

  if (!trellis_store_name_taken (db, "cohort", "name", name, own_id, &taken, error))
    return FALSE;
  if (taken)
    g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_DUPLICATE,
                 _("There is already a cohort called “%s”"), name);
  return taken == NULL;
}

/* Checks the cohort against the rules and the study, inside the write
 * transaction so that the answer still holds when the row is written. */
static gboolean
check_fields (TrellisDatabase  *db,
              TrellisCohort    *cohort,
              CohortFields     *fields,
              GError          **error)
{
  g_autofree char *what = NULL;

  fields->name = trellis_store_clean_text (trellis_cohort_get_name (cohort));
  if (fields->name == NULL || *fields->name == '\0' || g_utf8_strlen (fields->name, -1) > COHORT_NAME_MAX)
    {
      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                   _("A cohort needs a name of 1 to %d characters"), COHORT_NAME_MAX);
      return FALSE;
    }
  fields->site = trellis_store_clean_text (trellis_cohort_get_site (cohort));
  if (fields->site == NULL)
    fields->site = g_strdup ("");
  what = g_strdup_printf (_("Cohort “%s”, start date"), fields->name);
  return trellis_store_check_date (trellis_cohort_get_start_date (cohort), what, &fields->start_date, error) &&
         check_name_free (db, fields->name, trellis_cohort_get_id (cohort), error) &&
         check_profession (db, cohort, &fields->profession_id, error);
}

static void
bind_fields (sqlite3_stmt       *stmt,
             const CohortFields *fields)
{
  sqlite3_bind_text (stmt, 1, fields->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, fields->profession_id);
  sqlite3_bind_text (stmt, 3, fields->site, -1, SQLITE_TRANSIENT);
  if (fields->start_date != NULL)
    sqlite3_bind_text (stmt, 4, fields->start_date, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 4);
}

static gboolean
insert_row (TrellisDatabase     *db,
            const CohortFields  *fields,
            gint64              *id,
            GError             **error)
{
  sqlite3_stmt *stmt = trellis_database_prepare (db,
      "INSERT INTO cohort (name, profession_id, site, start_date) VALUES (?1, ?2, ?3, ?4)", error);

  if (stmt == NULL)
    return FALSE;
  bind_fields (stmt, fields);
  if (!trellis_database_step_done (db, stmt, error))
    return FALSE;
  *id = sqlite3_last_insert_rowid (trellis_database_get_handle (db));
  return trellis_audit_append_change (db, "insert", "cohort", *id, NULL, NULL, error);
}

/* Stores a new cohort and sets its id. Its profession is given by id or,
 * when the id is 0, by name. */
gboolean
trellis_cohort_store_create (TrellisDatabase  *db,
                             TrellisCohort    *cohort,
                             GError          **error)
{
  g_auto(CohortFields) fields = { 0 };
  gint64 id = 0;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (TRELLIS_IS_COHORT (cohort), FALSE);
  g_return_val_if_fail (trellis_cohort_get_id (cohort) == 0, FALSE);

  if (!trellis_database_begin_write (db, error))
    return FALSE;
  if (!check_fields (db, cohort, &fields, error) ||
      !insert_row (db, &fields, &id, error) ||
      !trellis_database_commit (db, error))
    {
      trellis_database_rollback (db);
      return FALSE;
    }
  trellis_cohort_set_id (cohort, id);
  return TRUE;
}

static gboolean
check_exists (TrellisDatabase  *db,
              gint64            id,
              GError          **error)
{
  gint64 found = 0;

  if (!trellis_store_query_int64 (db, "SELECT id FROM cohort WHERE id = ?1", id, &found, error))
    return FALSE;
  if (found == 0)
    g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_NOT_FOUND,
                 _("That cohort is no longer in the study"));
  return found != 0;
}

/* Saves the cohort's name, profession, site and start date (matched by id). */
gboolean
trellis_cohort_store_update (TrellisDatabase  *db,
                             TrellisCohort    *cohort,
                             GError          **error)
{
  g_auto(CohortFields) fields = { 0 };
  gint64 id;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (TRELLIS_IS_COHORT (cohort), FALSE);

  id = trellis_cohort_get_id (cohort);
  if (!trellis_database_begin_write (db, error))
    return FALSE;
  if (check_exists (db, id, error) &&
      check_fields (db, cohort, &fields, error) &&
      (stmt = trellis_database_prepare (db,
          "UPDATE cohort SET name = ?1, profession_id = ?2, site = ?3, start_date = ?4 WHERE id = ?5",
          error)) != NULL)
    {
      bind_fields (stmt, &fields);
      sqlite3_bind_int64 (stmt, 5, id);
      if (trellis_store_update_row (db, "cohort", id, "update", stmt, NULL, error) &&
          trellis_database_commit (db, error))
        return TRUE;
    }
  trellis_database_rollback (db);
  return FALSE;
}

/* Archives a cohort (no new participants join it) or reopens it. */
gboolean
trellis_cohort_store_set_archived (TrellisDatabase  *db,
                                   gint64            id,
                                   gboolean          archived,
                                   GError          **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), FALSE);

  if (!trellis_database_begin_write (db, error))
    return FALSE;
  if (check_exists (db, id, error) &&
      (stmt = trellis_database_prepare (db, "UPDATE cohort SET archived = ?1 WHERE id = ?2", error)) != NULL)
    {
      sqlite3_bind_int (stmt, 1, archived ? 1 : 0);
      sqlite3_bind_int64 (stmt, 2, id);
      if (trellis_store_update_row (db, "cohort", id, archived ? "archive" : "unarchive", stmt, NULL, error) &&
          trellis_database_commit (db, error))
        return TRUE;
    }
  trellis_database_rollback (db);
  return FALSE;
}

static gboolean
check_empty (TrellisDatabase  *db,
             gint64            id,
             GError          **error)
{
  g_autofree char *name = NULL;
  sqlite3_stmt *stmt;
  gint64 n = 0;

  if (!trellis_store_query_int64 (db, "SELECT count(*) FROM participant WHERE cohort_id = ?1", id, &n, error))
    return FALSE;
  if (n == 0)
    return TRUE;

  stmt = trellis_database_prepare (db, "SELECT name FROM cohort WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
               g_dngettext (GETTEXT_PACKAGE,
                            "Cohort “%s” cannot be deleted: it has %" PRId64 " participant. Archive it instead.",
                            "Cohort “%s” cannot be deleted: it has %" PRId64 " participants. Archive it instead.",
                            n),
               name, n);
  return FALSE;
}

/* Deletes a cohort nobody was ever added to, such as one made by mistake. */
gboolean
trellis_cohort_store_delete (TrellisDatabase  *db,
                             gint64            id,
                             GError          **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), FALSE);

  if (!trellis_database_begin_write (db, error))
    return FALSE;
  if (check_exists (db, id, error) &&
      check_empty (db, id, error) &&
      (stmt = trellis_database_prepare (db, "DELETE FROM cohort WHERE id = ?1", error)) != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      if (trellis_store_update_row (db, "cohort", id, "delete", stmt, NULL, error) &&
          trellis_database_commit (db, error))
        return TRUE;
    }
  trellis_database_rollback (db);
  return FALSE;
}
