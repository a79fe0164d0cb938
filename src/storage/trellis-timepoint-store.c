/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>

#include "trellis-audit-coverage.h"
#include "trellis-database-private.h"
#include "trellis-domain-error.h"
#include "trellis-storage-error.h"
#include "trellis-store-util.h"
#include "trellis-timepoint-plan.h"
#include "trellis-timepoint-store.h"

/* The timepoint plan aggregate. Every change is checked against the whole plan
 * (unique codes, days in order) inside the write transaction, so the rule holds
 * however the change arrives. */

static void
bind_fields (sqlite3_stmt     *stmt,
             TrellisTimepoint *tp)
{
  sqlite3_bind_text (stmt, 1, trellis_timepoint_get_code (tp), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, trellis_timepoint_get_label (tp), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, trellis_timepoint_get_target_day (tp));
  sqlite3_bind_int (stmt, 4, trellis_timepoint_get_window_min (tp));
  sqlite3_bind_int (stmt, 5, trellis_timepoint_get_window_max (tp));
  sqlite3_bind_int (stmt, 6, trellis_timepoint_get_position (tp));
  sqlite3_bind_text (stmt, 7, trellis_anchor_to_string (trellis_timepoint_get_anchor (tp)), -1,
                     SQLITE_STATIC);
}

static gboolean
insert_row (TrellisDatabase   *db,
            TrellisTimepoint  *tp,
            GError           **error)
{
  sqlite3_stmt *stmt = trellis_database_prepare (db,
      "INSERT INTO timepoint_def (code, label, target_day, window_min, window_max, position,"
      " anchor) VALUES (?,?,?,?,?,?,?)", error);

  if (stmt == NULL)
    return FALSE;
  bind_fields (stmt, tp);
  if (!trellis_database_step_done (db, stmt, error))
    return FALSE;

  trellis_timepoint_set_id (tp, sqlite3_last_insert_rowid (trellis_database_get_handle (db)));
  return trellis_audit_append_change (db, "insert", "timepoint_def", trellis_timepoint_get_id (tp),
                                      NULL, NULL, error);
}

/* Called by the database while it creates the file, inside its transaction. */
gboolean
trellis_timepoint_store_seed (TrellisDatabase  *db,
                              GError          **error)
{
  const TrellisTimepointDefault *defaults;
  guint n_defaults;

  defaults = trellis_timepoint_plan_defaults (&n_defaults);
  for (guint i = 0; i < n_defaults; i++)
    {
      g_autoptr(TrellisTimepoint) tp = trellis_timepoint_new (defaults[i].code, defaults[i].label,
                                                              defaults[i].target_day,
                                                              defaults[i].window_min,
                                                              defaults[i].window_max);
      trellis_timepoint_set_position (tp, i + 1);
      trellis_timepoint_set_anchor (tp, defaults[i].anchor);
      if (!insert_row (db, tp, error))
        return FALSE;
    }
  return TRUE;
}

/* The plan in position order, as TrellisTimepoint objects. */
GPtrArray *
trellis_timepoint_store_load (TrellisDatabase  *db,
                              GError          **error)
{
  g_autoptr(GPtrArray) plan = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), NULL);

  stmt = trellis_database_prepare (db,
      "SELECT id, code, label, target_day, window_min, window_max, position, anchor"
      " FROM timepoint_def ORDER BY position, id", error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TrellisTimepoint *tp = trellis_timepoint_new ((const char *) sqlite3_column_text (stmt, 1),
                                                    (const char *) sqlite3_column_text (stmt, 2),
                                                    sqlite3_column_int (stmt, 3),
                                                    sqlite3_column_int (stmt, 4),
                                                    sqlite3_column_int (stmt, 5));
      TrellisAnchor anchor = TRELLIS_ANCHOR_BASELINE;

      trellis_timepoint_set_id (tp, sqlite3_column_int64 (stmt, 0));
      trellis_timepoint_set_position (tp, sqlite3_column_int (stmt, 6));
      trellis_anchor_from_string ((const char *) sqlite3_column_text (stmt, 7), &anchor);
      trellis_timepoint_set_anchor (tp, anchor);
      g_ptr_array_add (plan, tp);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      trellis_database_set_error (db, error, rc);
      return NULL;
    }
  return g_steal_pointer (&plan);
}

static TrellisTimepoint *
find_by_id (GPtrArray *plan,
            gint64     id,
            guint     *index)
{
  for (guint i = 0; i < plan->len; i++)
    {
      if (trellis_timepoint_get_id (plan->pdata[i]) == id)
        {
          *index = i;
          return plan->pdata[i];
        }
    }
  return NULL;
}

static int
compare_position (gconstpointer a,
                  gconstpointer b)
{
  TrellisTimepoint *ta = *(TrellisTimepoint **) a;
  TrellisTimepoint *tb = *(TrellisTimepoint **) b;

  return trellis_timepoint_get_position (ta) - trellis_timepoint_get_position (tb);
}

/* Loads the plan inside the open transaction, applies the change to a copy in
 * memory and checks the resulting plan with the domain's rules. */
static GPtrArray *
plan_with_change (TrellisDatabase   *db,
                  TrellisTimepoint  *changed,
                  TrellisTimepoint **before,
                  GError           **error)
{
  g_autoptr(GPtrArray) plan = trellis_timepoint_store_load (db, error);
  guint index = 0;

  if (plan == NULL)
    return NULL;

  if (changed != NULL && trellis_timepoint_get_id (changed) != 0)
    {
      TrellisTimepoint *old = find_by_id (plan, trellis_timepoint_get_id (changed), &index);

      if (old == NULL)
        {
          g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_CONSTRAINT,
                       _("Timepoint %s is no longer in the plan"), trellis_timepoint_get_code (changed));
          return NULL;
        }
      *before = g_object_ref (old);
      g_ptr_array_index (plan, index) = trellis_timepoint_copy (changed);
      g_object_unref (old);
    }
  else if (changed != NULL)
    g_ptr_array_add (plan, trellis_timepoint_copy (changed));

  g_ptr_array_sort (plan, compare_position);
  if (!trellis_timepoint_plan_check ((TrellisTimepoint **) plan->pdata, plan->len, error))
    return NULL;
  return g_steal_pointer (&plan);
}

static void
normalize (TrellisTimepoint *tp)
{
  g_autofree char *code = trellis_timepoint_plan_normalize_code (trellis_timepoint_get_code (tp));
  g_autofree char *label = g_strstrip (g_strdup (trellis_timepoint_get_label (tp)));

  trellis_timepoint_set_code (tp, code);
  trellis_timepoint_set_label (tp, label);
}

static gboolean
set_position (TrellisDatabase   *db,
              TrellisTimepoint  *tp,
              int                position,
              GError           **error)
{
  g_autofree char *old_value = NULL;
  sqlite3_stmt *stmt;
  gint64 id = trellis_timepoint_get_id (tp);

  if (!trellis_audit_snapshot (db, "timepoint_def", id, &old_value, error))
    return FALSE;
  stmt = trellis_database_prepare (db, "UPDATE timepoint_def SET position = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, position);
  sqlite3_bind_int64 (stmt, 2, id);
  return trellis_database_step_done (db, stmt, error) &&
         trellis_audit_append_change (db, "update", "timepoint_def", id, old_value, NULL, error);
}

/* A new timepoint goes after every timepoint due on or before its day; those
 * due later move down one place, each move audited like any other change. */
static gboolean
make_room (TrellisDatabase   *db,
           TrellisTimepoint  *timepoint,
           GError           **error)
{
  g_autoptr(GPtrArray) plan = trellis_timepoint_store_load (db, error);
  int day = trellis_timepoint_get_target_day (timepoint);
  int position = 1;
  guint first_later;

  if (plan == NULL)
    return FALSE;

  for (first_later = 0; first_later < plan->len; first_later++)
    {
      TrellisTimepoint *tp = plan->pdata[first_later];

      if (trellis_timepoint_get_target_day (tp) > day)
        break;
      position = trellis_timepoint_get_position (tp) + 1;
    }
  if (first_later < plan->len)
    position = trellis_timepoint_get_position (plan->pdata[first_later]);

  for (guint i = plan->len; i > first_later; i--)
    {
      TrellisTimepoint *later = plan->pdata[i - 1];

      if (!set_position (db, later, trellis_timepoint_get_position (later) + 1, error))
        return FALSE;
    }
  trellis_timepoint_set_position (timepoint, position);
  return TRUE;
}

/* Adds a timepoint to the plan in order of its target day and sets its id. */
gboolean
trellis_timepoint_store_insert (TrellisDatabase   *db,
                                TrellisTimepoint  *timepoint,
                                GError           **error)
{
  g_autoptr(GPtrArray) plan = NULL;
  int old_position;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (TRELLIS_IS_TIMEPOINT (timepoint), FALSE);
  g_return_val_if_fail (trellis_timepoint_get_id (timepoint) == 0, FALSE);

  old_position = trellis_timepoint_get_position (timepoint);
  normalize (timepoint);
  if (!trellis_timepoint_plan_validate (timepoint, error) ||
      !trellis_database_begin_write (db, error))
    return FALSE;

  if (!make_room (db, timepoint, error) ||
      (plan = plan_with_change (db, timepoint, NULL, error)) == NULL ||
      !insert_row (db, timepoint, error) ||
      !trellis_database_commit (db, error))
    {
      trellis_database_rollback (db);
      trellis_timepoint_set_id (timepoint, 0);
      trellis_timepoint_set_position (timepoint, old_position);
      return FALSE;
    }
  return TRUE;
}

static gboolean
update_row (TrellisDatabase   *db,
            TrellisTimepoint  *tp,
            GError           **error)
{
  sqlite3_stmt *stmt = trellis_database_prepare (db,
      "UPDATE timepoint_def SET code = ?, label = ?, target_day = ?, window_min = ?,"
      " window_max = ?, position = ?, anchor = ? WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  bind_fields (stmt, tp);
  sqlite3_bind_int64 (stmt, 8, trellis_timepoint_get_id (tp));
  return trellis_database_step_done (db, stmt, error);
}

/* Saves an edited timepoint (matched by id), with its old and new values audited. */
gboolean
trellis_timepoint_store_update (TrellisDatabase   *db,
                                TrellisTimepoint  *timepoint,
                                GError           **error)
{
  g_autoptr(TrellisTimepoint) before = NULL;
  g_autoptr(GPtrArray) plan = NULL;
  g_autofree char *old_value = NULL;
  gint64 id;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (TRELLIS_IS_TIMEPOINT (timepoint), FALSE);
  g_return_val_if_fail (trellis_timepoint_get_id (timepoint) > 0, FALSE);

  id = trellis_timepoint_get_id (timepoint);
  normalize (timepoint);
  if (!trellis_timepoint_plan_validate (timepoint, error) ||
      !trellis_database_begin_write (db, error))
    return FALSE;

  plan = plan_with_change (db, timepoint, &before, error);
  if (plan == NULL ||
      !trellis_audit_snapshot (db, "timepoint_def", id, &old_value, error) ||
      !update_row (db, timepoint, error) ||
      !trellis_audit_append_change (db, "update", "timepoint_def", id, old_value, NULL, error) ||
      !trellis_database_commit (db, error))
    {
      trellis_database_rollback (db);
      return FALSE;
    }
  return TRUE;
}

/* A timepoint with visits on file (completed or marked missed) keeps them:
 * they are research data, and removing the timepoint would orphan them. */
static gboolean
check_no_visits (TrellisDatabase   *db,
                 TrellisTimepoint  *timepoint,
                 GError           **error)
{
  gint64 n_visits = 0;

  if (!trellis_store_query_int64 (db, "SELECT count (*) FROM visit WHERE timepoint_id = ?1",
                                  trellis_timepoint_get_id (timepoint), &n_visits, error))
    return FALSE;
  if (n_visits == 0)
    return TRUE;
  g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
               ngettext ("%s cannot be removed: %" PRId64 " participant’s visit is on file for it",
                         "%s cannot be removed: %" PRId64 " participants’ visits are on file for it", n_visits),
               trellis_timepoint_get_code (timepoint), n_visits);
  return FALSE;
}

static gboolean
check_removable (TrellisDatabase  *db,
                 GPtrArray        *plan,
                 gint64            id,
                 GError          **error)
{
  TrellisTimepoint *timepoint;
  guint index;

  if ((timepoint = find_by_id (plan, id, &index)) == NULL)
    {
      g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_CONSTRAINT,
                   _("That timepoint is no longer in the plan"));
      return FALSE;
    }
  if (plan->len == 1)
    {
      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                   _("The plan needs at least one timepoint"));
      return FALSE;
    }
  return check_no_visits (db, timepoint, error);
}

static gboolean
delete_row (TrellisDatabase  *db,
            gint64            id,
            GError          **error)
{
  g_autofree char *old_value = NULL;
  sqlite3_stmt *stmt;

  if (!trellis_audit_snapshot (db, "timepoint_def", id, &old_value, error))
    return FALSE;
  stmt = trellis_database_prepare (db, "DELETE FROM timepoint_def WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return trellis_database_step_done (db, stmt, error) &&
         trellis_audit_append_change (db, "delete", "timepoint_def", id, old_value, NULL, error);
}

/* Removes a timepoint from the plan, unless visits are on file for it. */
gboolean
trellis_timepoint_store_delete (TrellisDatabase  *db,
                                gint64            id,
                                GError          **error)
{
  g_autoptr(GPtrArray) plan = NULL;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), FALSE);

  if (!trellis_database_begin_write (db, error))
    return FALSE;

  plan = trellis_timepoint_store_load (db, error);
  if (plan == NULL ||
      !check_removable (db, plan, id, error) ||
      !delete_row (db, id, error) ||
      !trellis_database_commit (db, error))
    {
      trellis_database_rollback (db);
      return FALSE;
    }
  return TRUE;
}
