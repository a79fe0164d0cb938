/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-answer-sheet.h"
#include "trellis-audit-coverage.h"
#include "trellis-database-private.h"
#include "trellis-date.h"
#include "trellis-domain-error.h"
#include "trellis-event-store.h"
#include "trellis-instrument.h"
#include "trellis-register-rules.h"
#include "trellis-storage-error.h"
#include "trellis-store-util.h"
#include "trellis-timepoint-store.h"
#include "trellis-visit-store.h"
#include "trellis-withdrawal-store.h"

/* The visit aggregate: a participant's timepoint, completed on a date with
 * one answer sheet per instrument, or marked missed. Saving a form is one
 * transaction: the visit row, every sheet it changes, and their audit rows. */

typedef struct
{
  gint64 id;
  char *completed_date;
  gboolean missed;
} VisitRow;

static void
visit_row_clear (VisitRow *row)
{
  g_clear_pointer (&row->completed_date, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (VisitRow, visit_row_clear)

static gboolean
find_visit (TrellisDatabase  *db,
            gint64            participant_id,
            gint64            timepoint_id,
            VisitRow         *row,
            GError          **error)
{
  sqlite3_stmt *stmt = trellis_database_prepare (db,
      "SELECT id, completed_date, missed FROM visit WHERE participant_id = ?1 AND timepoint_id = ?2",
      error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, participant_id);
  sqlite3_bind_int64 (stmt, 2, timepoint_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      row->id = sqlite3_column_int64 (stmt, 0);
      row->completed_date = trellis_store_column_dup (stmt, 1);
      row->missed = sqlite3_column_int (stmt, 2) != 0;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    trellis_database_set_error (db, error, rc);
  return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

static gboolean
load_sheets (TrellisDatabase      *db,
             GPtrArray            *instruments,
             gint64                visit_id,
             TrellisVisitAnswers  *answers,
             GError              **error)
{
  sqlite3_stmt *stmt = trellis_database_prepare (db,
      "SELECT answers, score, rule_version FROM answer_sheet WHERE visit_id = ?1 AND instrument_id = ?2", error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < instruments->len; i++)
    {
      TrellisInstrument *instrument = instruments->pdata[i];
      guint n_items = trellis_instrument_get_items (instrument)->len;
      g_autofree int *values = g_new (int, MAX (n_items, 1));
      gboolean ok = TRUE;
      int rc;

      sqlite3_bind_int64 (stmt, 1, visit_id);
      sqlite3_bind_int64 (stmt, 2, trellis_instrument_get_id (instrument));
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        ok = trellis_answer_sheet_parse (instrument, (const char *) sqlite3_column_text (stmt, 0),
                                         values, error);
      if (rc == SQLITE_ROW && sqlite3_column_int (stmt, 2) == TRELLIS_SCORING_GIVEN_VERSION &&
          sqlite3_column_type (stmt, 1) != SQLITE_NULL)
        trellis_visit_answers_set_given (answers, trellis_instrument_get_code (instrument),
                                         sqlite3_column_double (stmt, 1));
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        trellis_database_set_error (db, error, rc);
      if (!ok || (rc != SQLITE_ROW && rc != SQLITE_DONE))
        return FALSE;
      if (rc == SQLITE_ROW)
        trellis_visit_answers_set_values (answers, trellis_instrument_get_code (instrument), values, n_items);
    }
  return TRUE;
}

/* What is on file for the participant at the timepoint: an empty form when
 * nothing is. */
TrellisVisitAnswers *
trellis_visit_store_load (TrellisDatabase  *db,
                          GPtrArray        *instruments,
                          gint64            participant_id,
                          gint64            timepoint_id,
                          GError          **error)
{
  g_autoptr(TrellisVisitAnswers) answers = trellis_visit_answers_new (participant_id, timepoint_id);
  g_auto(VisitRow) row = { 0 };

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), NULL);
  g_return_val_if_fail (instruments != NULL, NULL);

  if (!find_visit (db, participant_id, timepoint_id, &row, error))
    return NULL;
  if (row.id == 0)
    return g_steal_pointer (&answers);
  answers->completed_date = g_steal_pointer (&row.completed_date);
  answers->missed = row.missed;
  if (!load_sheets (db, instruments, row.id, answers, error))
    return NULL;
  return g_steal_pointer (&answers);
}

/* The scores on file for the participant at the timepoint (TrellisSheetScore),
 * one per answer sheet, in instrument order. */
GArray *
trellis_visit_store_load_scores (TrellisDatabase  *db,
                                 gint64            participant_id,
                                 gint64            timepoint_id,
                                 GError          **error)
{
  g_autoptr(GArray) scores = g_array_new (FALSE, FALSE, sizeof (TrellisSheetScore));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), NULL);

  stmt = trellis_database_prepare (db,
      "SELECT s.instrument_id, s.answered, s.score, s.rule_version FROM answer_sheet AS s"
      " JOIN visit AS v ON v.id = s.visit_id JOIN instrument AS i ON i.id = s.instrument_id"
      " WHERE v.participant_id = ?1 AND v.timepoint_id = ?2 ORDER BY i.position, i.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, participant_id);
  sqlite3_bind_int64 (stmt, 2, timepoint_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TrellisSheetScore score = {
        .instrument_id = sqlite3_column_int64 (stmt, 0),
        .answered = sqlite3_column_int (stmt, 1),
        .missing = sqlite3_column_type (stmt, 2) == SQLITE_NULL,
        .score = sqlite3_column_double (stmt, 2),
        .rule_version = sqlite3_column_int (stmt, 3),
      };

      g_array_append_val (scores, score);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      trellis_database_set_error (db, error, rc);
      return NULL;
    }
  return g_steal_pointer (&scores);
}

/* The participant's completion dates in plan order, with this visit's new
 * date in its place (changed, an index into plan), checked for order. */
static gboolean
check_order (TrellisDatabase  *db,
             GPtrArray        *plan,
             gint64            participant_id,
             guint             changed,
             guint32           completed,
             GError          **error)
{
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();
  g_autofree guint32 *dates = NULL;
  sqlite3_stmt *stmt;

  stmt = trellis_database_prepare (db,
      "SELECT completed_date FROM visit WHERE participant_id = ?1 AND timepoint_id = ?2", error);
  if (stmt == NULL)
    return FALSE;
  dates = g_new0 (guint32, MAX (plan->len, 1));
  for (guint i = 0; i < plan->len; i++)
    {
      g_ptr_array_add (codes, (gpointer) trellis_timepoint_get_code (plan->pdata[i]));
      if (i == changed)
        {
          dates[i] = completed;
          continue;
        }
      sqlite3_bind_int64 (stmt, 1, participant_id);
      sqlite3_bind_int64 (stmt, 2, trellis_timepoint_get_id (plan->pdata[i]));
      if (sqlite3_step (stmt) == SQLITE_ROW)
        dates[i] = trellis_date_to_julian_or_zero ((const char *) sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
    }
  return trellis_schedule_check_order ((const char *const *) codes->pdata, dates, plan->len, changed, error);
}

/* The timepoint's place in the plan, and "P017, T2" for messages. */
static gboolean
find_in_plan (GPtrArray    *plan,
              const char   *code,
              gint64        timepoint_id,
              guint        *index,
              char        **who,
              GError      **error)
{
  for (guint i = 0; i < plan->len; i++)
    if (trellis_timepoint_get_id (plan->pdata[i]) == timepoint_id)
      {
        *index = i;
        *who = g_strdup_printf (_("%s, %s"), code, trellis_timepoint_get_code (plan->pdata[i]));
        return TRUE;
      }
  g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_NOT_FOUND,
               _("That timepoint is no longer in the study's plan"));
  return FALSE;
}

/* Who the visit belongs to, whether data may be recorded for them, and the
 * completion date: a real date, not in the future, in timepoint order. who
 * names the participant and timepoint for the messages that follow. */
static gboolean
check_visit (TrellisDatabase            *db,
             const TrellisVisitAnswers  *answers,
             guint32                     today,
             char                      **completed_date,
             char                      **who,
             GError                    **error)
{
  TrellisScheduleFacts facts = { { 0 } };
  TrellisWithdrawalFacts withdrawal = { 0 };
  g_autoptr(GPtrArray) plan = NULL;
  g_autofree char *code = NULL;
  g_autofree char *what = NULL;
  guint32 completed;
  guint index = 0;

  if (!trellis_event_store_get_facts (db, answers->participant_id, &facts, &code, error) ||
      !trellis_withdrawal_store_get_facts (db, answers->participant_id, &withdrawal, error) ||
      !trellis_register_check_can_record (code, &withdrawal, error) ||
      (plan = trellis_timepoint_store_load (db, error)) == NULL ||
      !find_in_plan (plan, code, answers->timepoint_id, &index, who, error))
    return FALSE;
  what = g_strdup_printf (_("%s, completion date"), *who);
  if (!trellis_store_check_date (answers->completed_date, what, completed_date, error))
    return FALSE;
  if (*completed_date == NULL)
    {
      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                   _("%s needs the date the questionnaires were completed"), *who);
      return FALSE;
    }
  completed = trellis_date_to_julian_or_zero (*completed_date);
  if (today != 0 && completed > today)
    {
      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                   _("%s: %s is in the future"), what, *completed_date);
      return FALSE;
    }
  if (check_order (db, plan, answers->participant_id, index, completed, error))
    return TRUE;
  g_prefix_error (error, "%s: ", code);
  return FALSE;
}

static gboolean
check_values (GPtrArray                  *instruments,
              const TrellisVisitAnswers  *answers,
              const char                 *who,
              GError                    **error)
{
  for (guint i = 0; i < instruments->len; i++)
    {
      TrellisInstrument *instrument = instruments->pdata[i];
      const TrellisItemSpec *specs;
      const int *values;
      guint n_items, n_values;

      values = trellis_visit_answers_get_values (answers, trellis_instrument_get_code (instrument), &n_values);
      specs = trellis_instrument_get_specs (instrument, &n_items);
      if (values == NULL)
        continue;
      g_return_val_if_fail (n_values == n_items, FALSE);
      for (guint j = 0; j < n_items; j++)
        if (values[j] != TRELLIS_ITEM_UNANSWERED && !trellis_scoring_check_value (&specs[j], values[j], error))
          {
            g_prefix_error (error, "%s: ", who);
            return FALSE;
          }
    }
  return TRUE;
}

static gboolean
write_visit (TrellisDatabase  *db,
             VisitRow         *row,
             gint64            participant_id,
             gint64            timepoint_id,
             const char       *completed_date,
             GError          **error)
{
  sqlite3_stmt *stmt;

  if (row->id != 0)
    {
      if (!row->missed && g_strcmp0 (row->completed_date, completed_date) == 0)
        return TRUE;
      stmt = trellis_database_prepare (db, "UPDATE visit SET completed_date = ?1, missed = ?2 WHERE id = ?3",
                                       error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, completed_date, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 2, completed_date == NULL);
      sqlite3_bind_int64 (stmt, 3, row->id);
      return trellis_store_update_row (db, "visit", row->id, "update", stmt, NULL, error);
    }
  stmt = trellis_database_prepare (db,
      "INSERT INTO visit (participant_id, timepoint_id, completed_date, missed) VALUES (?1, ?2, ?3, ?4)",
      error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, participant_id);
  sqlite3_bind_int64 (stmt, 2, timepoint_id);
  sqlite3_bind_text (stmt, 3, completed_date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 4, completed_date == NULL);
  if (!trellis_database_step_done (db, stmt, error))
    return FALSE;
  row->id = sqlite3_last_insert_rowid (trellis_database_get_handle (db));
  return trellis_audit_append_change (db, "insert", "visit", row->id, NULL, NULL, error);
}

/* The sheet on file for the instrument, if any, and whether it already holds
 * exactly these answers scored by the current rule. */
static gboolean
find_sheet (TrellisDatabase    *db,
            gint64              visit_id,
            TrellisInstrument  *instrument,
            const int          *values,
            gint64             *sheet_id,
            gboolean           *unchanged,
            gboolean           *given,
            GError            **error)
{
  sqlite3_stmt *stmt = trellis_database_prepare (db,
      "SELECT id, answers, rule_version FROM answer_sheet WHERE visit_id = ?1 AND instrument_id = ?2", error);
  TrellisScoringRule rule;
  int rc;

  if (stmt == NULL)
    return FALSE;
  trellis_instrument_get_rule (instrument, &rule);
  sqlite3_bind_int64 (stmt, 1, visit_id);
  sqlite3_bind_int64 (stmt, 2, trellis_instrument_get_id (instrument));
  rc = sqlite3_step (stmt);
  *sheet_id = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  *unchanged = FALSE;
  *given = rc == SQLITE_ROW && sqlite3_column_int (stmt, 2) == TRELLIS_SCORING_GIVEN_VERSION;
  if (rc == SQLITE_ROW && sqlite3_column_int (stmt, 2) == rule.version)
    {
      g_autofree char *answers = trellis_answer_sheet_render (instrument, values);

      *unchanged = g_strcmp0 (answers, (const char *) sqlite3_column_text (stmt, 1)) == 0;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    trellis_database_set_error (db, error, rc);
  return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

static gboolean
delete_sheet (TrellisDatabase  *db,
              gint64            sheet_id,
              GError          **error)
{
  g_autofree char *old_value = NULL;
  sqlite3_stmt *stmt;

  if (!trellis_audit_snapshot (db, "answer_sheet", sheet_id, &old_value, error) ||
      (stmt = trellis_database_prepare (db, "DELETE FROM answer_sheet WHERE id = ?1", error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, sheet_id);
  return trellis_database_step_done (db, stmt, error) &&
         trellis_audit_append_change (db, "delete", "answer_sheet", sheet_id, old_value, NULL, error);
}

static void
bind_sheet (sqlite3_stmt      *stmt,
            TrellisInstrument *instrument,
            const int         *values)
{
  TrellisScoringRule rule;
  TrellisScore score;

  trellis_instrument_get_rule (instrument, &rule);
  trellis_instrument_score (instrument, values, &score);
  sqlite3_bind_text (stmt, 1, trellis_answer_sheet_render (instrument, values), -1, g_free);
  sqlite3_bind_int (stmt, 2, score.answered);
  if (score.missing)
    sqlite3_bind_null (stmt, 3);
  else
    sqlite3_bind_double (stmt, 3, score.value);
  sqlite3_bind_int (stmt, 4, rule.version);
}

static gboolean
write_sheet (TrellisDatabase    *db,
             gint64              visit_id,
             TrellisInstrument  *instrument,
             const int          *values,
             GError            **error)
{
  guint n_items = trellis_instrument_get_items (instrument)->len;
  gboolean any = FALSE;
  gboolean unchanged = FALSE;
  gboolean given = FALSE;
  gint64 sheet_id = 0;
  sqlite3_stmt *stmt;

  for (guint i = 0; i < n_items; i++)
    any |= values[i] != TRELLIS_ITEM_UNANSWERED;
  if (!find_sheet (db, visit_id, instrument, values, &sheet_id, &unchanged, &given, error))
    return FALSE;
  /* A score imported in place of items has no items in the form, so a form
   * without them leaves it as it is; answers typed in replace it. */
  if (!any && given)
    return TRUE;
  /* A form left blank for an instrument has no sheet: blanking one that was
   * filled in deletes it, audited like any change. */
  if (!any)
    return sheet_id == 0 || delete_sheet (db, sheet_id, error);
  /* Saving a form again as it was leaves its sheets, and the trail, alone:
   * the trail records changes, not saves. */
  if (unchanged)
    return TRUE;
  if (sheet_id != 0)
    {
      stmt = trellis_database_prepare (db,
          "UPDATE answer_sheet SET answers = ?1, answered = ?2, score = ?3, rule_version = ?4 WHERE id = ?5",
          error);
      if (stmt == NULL)
        return FALSE;
      bind_sheet (stmt, instrument, values);
      sqlite3_bind_int64 (stmt, 5, sheet_id);
      return trellis_store_update_row (db, "answer_sheet", sheet_id, "update", stmt, NULL, error);
    }
  stmt = trellis_database_prepare (db,
      "INSERT INTO answer_sheet (answers, answered, score, rule_version, visit_id, instrument_id)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  if (stmt == NULL)
    return FALSE;
  bind_sheet (stmt, instrument, values);
  sqlite3_bind_int64 (stmt, 5, visit_id);
  sqlite3_bind_int64 (stmt, 6, trellis_instrument_get_id (instrument));
  if (!trellis_database_step_done (db, stmt, error))
    return FALSE;
  sheet_id = sqlite3_last_insert_rowid (trellis_database_get_handle (db));
  return trellis_audit_append_change (db, "insert", "answer_sheet", sheet_id, NULL, NULL, error);
}

static gboolean
write_form (TrellisDatabase            *db,
            GPtrArray                  *instruments,
            const TrellisVisitAnswers  *answers,
            const char                 *completed_date,
            GError                    **error)
{
  g_auto(VisitRow) row = { 0 };

  if (!find_visit (db, answers->participant_id, answers->timepoint_id, &row, error) ||
      !write_visit (db, &row, answers->participant_id, answers->timepoint_id, completed_date, error))
    return FALSE;
  for (guint i = 0; i < instruments->len; i++)
    {
      TrellisInstrument *instrument = instruments->pdata[i];
      const int *values = trellis_visit_answers_get_values (answers, trellis_instrument_get_code (instrument), NULL);

      if (values != NULL && !write_sheet (db, row.id, instrument, values, error))
        return FALSE;
    }
  return TRUE;
}

/* Saves a completed form: the visit's date and the answers to every
 * instrument the form carries, each scored by its instrument's rule. today
 * (a Julian day, 0 to skip the check) refuses completion dates after it. */
gboolean
trellis_visit_store_save (TrellisDatabase            *db,
                          GPtrArray                  *instruments,
                          const TrellisVisitAnswers  *answers,
                          guint32                     today,
                          GError                    **error)
{
  g_autofree char *completed_date = NULL;
  g_autofree char *who = NULL;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (instruments != NULL && answers != NULL, FALSE);

  if (!trellis_database_begin_write (db, error))
    return FALSE;
  if (check_visit (db, answers, today, &completed_date, &who, error) &&
      check_values (instruments, answers, who, error) &&
      write_form (db, instruments, answers, completed_date, error) &&
      trellis_database_commit (db, error))
    return TRUE;
  trellis_database_rollback (db);
  return FALSE;
}

/* "P017, T2" for a message, or a plain description if either is gone. */
static char *
describe_visit (TrellisDatabase  *db,
                gint64            participant_id,
                gint64            timepoint_id)
{
  sqlite3_stmt *stmt = trellis_database_prepare (db,
      "SELECT p.code, t.code FROM participant AS p, timepoint_def AS t WHERE p.id = ?1 AND t.id = ?2", NULL);
  char *who = NULL;

  if (stmt == NULL)
    return g_strdup (_("This timepoint"));
  sqlite3_bind_int64 (stmt, 1, participant_id);
  sqlite3_bind_int64 (stmt, 2, timepoint_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    who = g_strdup_printf (_("%s, %s"), (const char *) sqlite3_column_text (stmt, 0),
                           (const char *) sqlite3_column_text (stmt, 1));
  sqlite3_reset (stmt);
  return who != NULL ? who : g_strdup (_("This timepoint"));
}

static gboolean
apply_missed (TrellisDatabase  *db,
              gint64            participant_id,
              gint64            timepoint_id,
              gboolean          missed,
              GError          **error)
{
  g_auto(VisitRow) row = { 0 };
  g_autofree char *old_value = NULL;
  sqlite3_stmt *stmt;

  if (!find_visit (db, participant_id, timepoint_id, &row, error))
    return FALSE;
  if (row.id != 0 && !row.missed)
    {
      g_autofree char *who = describe_visit (db, participant_id, timepoint_id);

      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                   _("%s was completed on %s, so it cannot be marked missed"), who, row.completed_date);
      return FALSE;
    }
  if (missed == (row.id != 0))
    return TRUE;
  if (missed)
    return write_visit (db, &row, participant_id, timepoint_id, NULL, error);
  if (!trellis_audit_snapshot (db, "visit", row.id, &old_value, error) ||
      (stmt = trellis_database_prepare (db, "DELETE FROM visit WHERE id = ?1", error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, row.id);
  return trellis_database_step_done (db, stmt, error) &&
         trellis_audit_append_change (db, "delete", "visit", row.id, old_value, NULL, error);
}

/* Records that a timepoint will not happen for the participant, or takes
 * that back. A completed timepoint cannot be marked missed. */
gboolean
trellis_visit_store_set_missed (TrellisDatabase  *db,
                                gint64            participant_id,
                                gint64            timepoint_id,
                                gboolean          missed,
                                GError          **error)
{
  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), FALSE);

  if (!trellis_database_begin_write (db, error))
    return FALSE;
  if (apply_missed (db, participant_id, timepoint_id, missed, error) &&
      trellis_database_commit (db, error))
    return TRUE;
  trellis_database_rollback (db);
  return FALSE;
}
