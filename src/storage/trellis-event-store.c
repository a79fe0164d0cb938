/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-audit-coverage.h"
#include "trellis-database-private.h"
#include "trellis-date.h"
#include "trellis-domain-error.h"
#include "trellis-event-store.h"
#include "trellis-register-rules.h"
#include "trellis-storage-error.h"
#include "trellis-store-util.h"
#include "trellis-withdrawal-store.h"

/* A participant's intervention events (workshop attended, coaching call held)
 * and the other dates their schedule counts from. Any withdrawal ends the
 * schedule at its effective date: after “no further contact” nobody may ask
 * for a questionnaire, and after the stronger kinds nobody may record one. */

static const char facts_sql[] =
  "SELECT p.code, p.baseline_date, p.lost_date,"
  " (SELECT event_date FROM participant_event WHERE participant_id = p.id AND kind = 'workshop'),"
  " (SELECT event_date FROM participant_event WHERE participant_id = p.id AND kind = 'coaching'),"
  " (SELECT min (effective_date) FROM withdrawal WHERE participant_id = p.id)"
  " FROM participant AS p WHERE p.id = ?1";

/* The participant's schedule facts and, if code is not NULL, their study code. */
gboolean
trellis_event_store_get_facts (TrellisDatabase       *db,
                               gint64                 participant_id,
                               TrellisScheduleFacts  *facts,
                               char                 **code,
                               GError               **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (facts != NULL, FALSE);

  stmt = trellis_database_prepare (db, facts_sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, participant_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      facts->anchors[TRELLIS_ANCHOR_BASELINE] = trellis_date_to_julian_or_zero ((const char *) sqlite3_column_text (stmt, 1));
      facts->lost = trellis_date_to_julian_or_zero ((const char *) sqlite3_column_text (stmt, 2));
      facts->anchors[TRELLIS_ANCHOR_WORKSHOP] = trellis_date_to_julian_or_zero ((const char *) sqlite3_column_text (stmt, 3));
      facts->anchors[TRELLIS_ANCHOR_COACHING] = trellis_date_to_julian_or_zero ((const char *) sqlite3_column_text (stmt, 4));
      facts->withdrawn = trellis_date_to_julian_or_zero ((const char *) sqlite3_column_text (stmt, 5));
      if (code != NULL)
        *code = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    }
  else if (rc == SQLITE_DONE)
    g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_NOT_FOUND,
                 _("That participant is no longer in the study"));
  else
    trellis_database_set_error (db, error, rc);
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW;
}

static gboolean
find_event (TrellisDatabase  *db,
            gint64            participant_id,
            TrellisAnchor     kind,
            gint64           *event_id,
            GError          **error)
{
  sqlite3_stmt *stmt = trellis_database_prepare (db,
      "SELECT id FROM participant_event WHERE participant_id = ?1 AND kind = ?2", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, participant_id);
  sqlite3_bind_text (stmt, 2, trellis_anchor_to_string (kind), -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  *event_id = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    trellis_database_set_error (db, error, rc);
  return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

static gboolean
write_event (TrellisDatabase  *db,
             gint64            participant_id,
             TrellisAnchor     kind,
             gint64            event_id,
             const char       *event_date,
             GError          **error)
{
  g_autofree char *old_value = NULL;
  sqlite3_stmt *stmt;
  const char *action;
  const char *sql;

  if (event_id != 0 && !trellis_audit_snapshot (db, "participant_event", event_id, &old_value, error))
    return FALSE;
  /* One statement for the three changes; each uses the parameters it needs. */
  if (event_date == NULL)
    {
      action = "delete";
      sql = "DELETE FROM participant_event WHERE id = ?3";
    }
  else if (event_id != 0)
    {
      action = "update";
      sql = "UPDATE participant_event SET event_date = ?4 WHERE id = ?3";
    }
  else
    {
      action = "insert";
      sql = "INSERT INTO participant_event (participant_id, kind, event_date) VALUES (?1, ?2, ?4)";
    }
  stmt = trellis_database_prepare (db, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, participant_id);
  sqlite3_bind_text (stmt, 2, trellis_anchor_to_string (kind), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, event_id);
  sqlite3_bind_text (stmt, 4, event_date, -1, SQLITE_TRANSIENT);
  if (!trellis_database_step_done (db, stmt, error))
    return FALSE;
  if (event_id == 0)
    event_id = sqlite3_last_insert_rowid (trellis_database_get_handle (db));
  return trellis_audit_append_change (db, action, "participant_event", event_id, old_value, NULL, error);
}

static gboolean
check_event (TrellisDatabase  *db,
             gint64            participant_id,
             TrellisAnchor     kind,
             const char       *event_date,
             char            **canonical,
             GError          **error)
{
  TrellisScheduleFacts facts = { { 0 } };
  TrellisWithdrawalFacts withdrawal = { 0 };
  g_autofree char *code = NULL;
  g_autofree char *what = NULL;

  if (!trellis_event_store_get_facts (db, participant_id, &facts, &code, error) ||
      !trellis_withdrawal_store_get_facts (db, participant_id, &withdrawal, error) ||
      !trellis_register_check_can_record (code, &withdrawal, error))
    return FALSE;
  if (event_date == NULL)
    return TRUE;
  what = g_strdup_printf (_("%s, %s"), code, trellis_anchor_describe (kind));
  if (!trellis_store_check_date (event_date, what, canonical, error))
    return FALSE;
  if (trellis_schedule_check_anchor (&facts, kind, trellis_date_to_julian_or_zero (*canonical), error))
    return TRUE;
  g_prefix_error (error, "%s: ", code);
  return FALSE;
}

/* Records, moves or (with a NULL date) clears the date of a participant's
 * workshop or coaching call. */
gboolean
trellis_event_store_record (TrellisDatabase  *db,
                            gint64            participant_id,
                            TrellisAnchor     kind,
                            const char       *event_date,
                            GError          **error)
{
  g_autofree char *canonical = NULL;
  gint64 event_id = 0;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (kind == TRELLIS_ANCHOR_WORKSHOP || kind == TRELLIS_ANCHOR_COACHING, FALSE);

  if (!trellis_database_begin_write (db, error))
    return FALSE;
  if (!check_event (db, participant_id, kind, event_date, &canonical, error) ||
      !find_event (db, participant_id, kind, &event_id, error))
    goto failed;
  /* Clearing an event that was never recorded changes nothing. */
  if (event_id == 0 && canonical == NULL)
    {
      trellis_database_rollback (db);
      return TRUE;
    }
  if (write_event (db, participant_id, kind, event_id, canonical, error) &&
      trellis_database_commit (db, error))
    return TRUE;

failed:
  trellis_database_rollback (db);
  return FALSE;
}
