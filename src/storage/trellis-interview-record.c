/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>

#include "trellis-audit-coverage.h"
#include "trellis-database-private.h"
#include "trellis-interview-seed.h"
#include "trellis-interview-store-private.h"
#include "trellis-storage-error.h"
#include "trellis-store-util.h"

/* A draw as the file recorded it, and what is done with that record:
 * checking it by making the draw again, and replacing someone who declined
 * or did not attend by continuing the same random stream. Both start from
 * the stored seed and eligible lists, never from the study as it is now. */

static const char draw_sql[] =
  "SELECT id, created, user, seed, algorithm, rule, eligible_hash, quotas, total, allocation, note"
  " FROM interview_draw WHERE id = ?1";
static const char eligible_sql[] =
  "SELECT cohort, code, participant_id FROM interview_eligible WHERE draw_id = ?1 ORDER BY position";
static const char quotas_sql[] =
  "SELECT j.key, j.value FROM interview_draw AS d, json_each (d.quotas) AS j WHERE d.id = ?1";
static const char picks_sql[] =
  "SELECT p.id, p.sequence, p.participant_id, e.code, p.cohort, p.kind = 'replacement',"
  " p.replaces_pick_id, i.status"
  " FROM interview_pick AS p"
  " LEFT JOIN interview_eligible AS e ON e.draw_id = p.draw_id AND e.participant_id = p.participant_id"
  " LEFT JOIN interview AS i ON i.pick_id = p.id"
  " WHERE p.draw_id = ?1 ORDER BY p.sequence";

static void
stored_pick_clear (gpointer data)
{
  TrellisStoredPick *pick = data;

  g_free (pick->code);
  g_free (pick->cohort);
  g_free (pick->status);
}

void
trellis_stored_draw_free (TrellisStoredDraw *draw)
{
  if (draw == NULL)
    return;
  g_free (draw->created);
  g_free (draw->user);
  g_free (draw->seed);
  g_free (draw->algorithm);
  g_free (draw->rule);
  g_free (draw->eligible_hash);
  g_free (draw->quotas_json);
  g_free (draw->allocation);
  g_free (draw->note);
  g_clear_pointer (&draw->cohorts, g_ptr_array_unref);
  g_clear_pointer (&draw->quotas, g_array_unref);
  g_clear_pointer (&draw->picks, g_array_unref);
  g_free (draw);
}

static gboolean
finish_query (TrellisDatabase  *db,
              sqlite3_stmt     *stmt,
              int               rc,
              GError          **error)
{
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  trellis_database_set_error (db, error, rc);
  return FALSE;
}

static gboolean
read_draw_row (TrellisDatabase    *db,
               TrellisStoredDraw  *draw,
               GError            **error)
{
  sqlite3_stmt *stmt = trellis_database_prepare (db, draw_sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, draw->id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      draw->created = trellis_store_column_dup (stmt, 1);
      draw->user = trellis_store_column_dup (stmt, 2);
      draw->seed = trellis_store_column_dup (stmt, 3);
      draw->algorithm = trellis_store_column_dup (stmt, 4);
      draw->rule = trellis_store_column_dup (stmt, 5);
      draw->eligible_hash = trellis_store_column_dup (stmt, 6);
      draw->quotas_json = trellis_store_column_dup (stmt, 7);
      draw->total = sqlite3_column_int (stmt, 8);
      draw->allocation = trellis_store_column_dup (stmt, 9);
      draw->note = trellis_store_column_dup (stmt, 10);
      rc = SQLITE_DONE;
    }
  else if (rc == SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_NOT_FOUND,
                   _("The study has no draw %" PRId64), draw->id);
      return FALSE;
    }
  return finish_query (db, stmt, rc, error);
}

/* The eligible lists in the order they were drawn from. */
static gboolean
read_eligible (TrellisDatabase    *db,
               TrellisStoredDraw  *draw,
               GError            **error)
{
  sqlite3_stmt *stmt = trellis_database_prepare (db, eligible_sql, error);
  TrellisEligibleCohort *cohort = NULL;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, draw->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);
      gint64 participant_id = sqlite3_column_int64 (stmt, 2);

      if (cohort == NULL || !g_str_equal (cohort->name, name))
        {
          cohort = trellis_eligible_cohort_new (name);
          g_ptr_array_add (draw->cohorts, cohort);
        }
      g_ptr_array_add (cohort->codes, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
      g_array_append_val (cohort->participant_ids, participant_id);
    }
  return finish_query (db, stmt, rc, error);
}

static gboolean
read_quotas (TrellisDatabase    *db,
             TrellisStoredDraw  *draw,
             GError            **error)
{
  sqlite3_stmt *stmt = trellis_database_prepare (db, quotas_sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  g_array_set_size (draw->quotas, draw->cohorts->len);
  sqlite3_bind_int64 (stmt, 1, draw->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    for (guint i = 0; i < draw->cohorts->len; i++)
      if (g_str_equal (((TrellisEligibleCohort *) g_ptr_array_index (draw->cohorts, i))->name,
                       (const char *) sqlite3_column_text (stmt, 0)))
        g_array_index (draw->quotas, guint, i) = (guint) MAX (sqlite3_column_int64 (stmt, 1), 0);
  return finish_query (db, stmt, rc, error);
}

static gboolean
read_picks (TrellisDatabase    *db,
            TrellisStoredDraw  *draw,
            GError            **error)
{
  sqlite3_stmt *stmt = trellis_database_prepare (db, picks_sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, draw->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TrellisStoredPick pick = {
        .id = sqlite3_column_int64 (stmt, 0),
        .sequence = sqlite3_column_int (stmt, 1),
        .participant_id = sqlite3_column_int64 (stmt, 2),
        .code = trellis_store_column_dup (stmt, 3),
        .cohort = trellis_store_column_dup (stmt, 4),
        .replacement = sqlite3_column_int (stmt, 5),
        .replaces = sqlite3_column_int64 (stmt, 6),
        .status = trellis_store_column_dup (stmt, 7),
      };

      g_array_append_val (draw->picks, pick);
    }
  return finish_query (db, stmt, rc, error);
}

TrellisStoredDraw *
trellis_interview_store_get_draw (TrellisDatabase  *db,
                                  gint64            draw_id,
                                  GError          **error)
{
  g_autoptr(TrellisStoredDraw) draw = g_new0 (TrellisStoredDraw, 1);

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), NULL);

  draw->id = draw_id;
  draw->cohorts = g_ptr_array_new_with_free_func (trellis_eligible_cohort_free);
  draw->quotas = g_array_new (FALSE, TRUE, sizeof (guint));
  draw->picks = g_array_new (FALSE, FALSE, sizeof (TrellisStoredPick));
  g_array_set_clear_func (draw->picks, stored_pick_clear);
  if (!read_draw_row (db, draw, error) || !read_eligible (db, draw, error) ||
      !read_quotas (db, draw, error) || !read_picks (db, draw, error))
    return NULL;
  return g_steal_pointer (&draw);
}

/* Every draw of the study, oldest first. */
GPtrArray *
trellis_interview_store_list_draws (TrellisDatabase  *db,
                                    GError          **error)
{
  g_autoptr(GPtrArray) draws = g_ptr_array_new_with_free_func ((GDestroyNotify) trellis_stored_draw_free);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), NULL);

  stmt = trellis_database_prepare (db, "SELECT id FROM interview_draw ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_array_append_val (ids, ((gint64) { sqlite3_column_int64 (stmt, 0) }));
  if (!finish_query (db, stmt, rc, error))
    return NULL;
  for (guint i = 0; i < ids->len; i++)
    {
      TrellisStoredDraw *draw = trellis_interview_store_get_draw (db, g_array_index (ids, gint64, i), error);

      if (draw == NULL)
        return NULL;
      g_ptr_array_add (draws, draw);
    }
  return g_steal_pointer (&draws);
}

/* A pick as the domain's check reads it. A participant who is not on the
 * draw's own eligible list cannot have come out of it; such a pick is shown
 * by the participant's row number, which no study code can equal. */
static TrellisDrawRecord *
records_of (TrellisStoredDraw *draw,
            GPtrArray         *strings)
{
  TrellisDrawRecord *records = g_new0 (TrellisDrawRecord, draw->picks->len + 1);

  for (guint i = 0; i < draw->picks->len; i++)
    {
      TrellisStoredPick *pick = &g_array_index (draw->picks, TrellisStoredPick, i);
      char *code = pick->code != NULL ? g_strdup (pick->code)
                                      : g_strdup_printf (_("participant #%" PRId64 ", not on the list"),
                                                         pick->participant_id);

      g_ptr_array_add (strings, code);
      records[i] = (TrellisDrawRecord) { pick->cohort, code };
    }
  return records;
}

/* Picks past the quotas must be replacements, and those within them not. */
static gboolean
check_kinds (TrellisStoredDraw *draw,
             TrellisDrawCheck  *check)
{
  for (guint i = 0; i < draw->picks->len; i++)
    if (g_array_index (draw->picks, TrellisStoredPick, i).replacement != (i >= check->n_expected))
      {
        check->verdict = TRELLIS_DRAW_CHECK_PICK_DIFFERS;
        check->index = i;
        return FALSE;
      }
  return TRUE;
}

/* Makes the recorded draw again from its recorded seed, lists and quotas,
 * with its replacements, and compares it with the recorded picks; a
 * description for people goes into *description. FALSE only when the check
 * could not be made at all. */
gboolean
trellis_interview_store_verify (TrellisDatabase   *db,
                                gint64             draw_id,
                                TrellisDrawCheck  *check,
                                char             **description,
                                GError           **error)
{
  g_autoptr(TrellisStoredDraw) draw = NULL;
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  g_autofree TrellisDrawCohort *cohorts = NULL;
  g_autofree TrellisDrawRecord *records = NULL;
  guint64 seed;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (check != NULL, FALSE);

  if ((draw = trellis_interview_store_get_draw (db, draw_id, error)) == NULL)
    return FALSE;
  if (!trellis_interview_seed_parse (draw->seed, &seed, error))
    {
      g_prefix_error (error, _("Draw %" PRId64 ": the recorded seed: "), draw_id);
      return FALSE;
    }
  cohorts = trellis_eligible_cohorts_to_draw (draw->cohorts);
  records = records_of (draw, strings);
  if (!trellis_interview_draw_verify (draw->algorithm, seed, cohorts, draw->cohorts->len,
                                      (const guint *) draw->quotas->data, draw->eligible_hash,
                                      records, draw->picks->len, check, error))
    return FALSE;
  if (check->verdict == TRELLIS_DRAW_CHECK_MATCHES && !check_kinds (draw, check))
    {
      if (description != NULL)
        *description = g_strdup_printf (_("Pick %u is recorded as %s, but the quotas make it %s"),
                                        check->index + 1,
                                        check->index >= check->n_expected ? _("part of the first draw") : _("a replacement"),
                                        check->index >= check->n_expected ? _("a replacement") : _("part of the first draw"));
      return TRUE;
    }
  if (description != NULL)
    *description = trellis_draw_check_describe (check, records, draw->picks->len);
  return TRUE;
}

/* The recorded draw made again, with its replacements replayed, ready to
 * continue the stream. A replay that comes out differently from the record
 * refuses: a replacement drawn from a stream that no longer matches would
 * not be the one the seed gives. */
static TrellisInterviewDraw *
replay (TrellisStoredDraw  *draw,
        GError            **error)
{
  g_autofree TrellisDrawCohort *cohorts = trellis_eligible_cohorts_to_draw (draw->cohorts);
  g_autoptr(TrellisInterviewDraw) replayed = NULL;
  guint64 seed;

  if (!trellis_interview_seed_parse (draw->seed, &seed, error))
    return NULL;
  replayed = trellis_interview_draw_new (seed, cohorts, draw->cohorts->len,
                                         (const guint *) draw->quotas->data, error);
  if (replayed == NULL)
    return NULL;
  for (guint i = trellis_interview_draw_get_n_picks (replayed); i < draw->picks->len; i++)
    {
      TrellisStoredPick *stored = &g_array_index (draw->picks, TrellisStoredPick, i);
      const TrellisDrawPick *pick = NULL;

      for (guint c = 0; c < draw->cohorts->len && pick == NULL; c++)
        if (g_str_equal (((TrellisEligibleCohort *) g_ptr_array_index (draw->cohorts, c))->name, stored->cohort))
          pick = trellis_interview_draw_replace (replayed, c, NULL);
      if (pick == NULL || g_strcmp0 (pick->code, stored->code) != 0)
        {
          g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_AUDIT,
                       _("Draw %" PRId64 " no longer matches its seed at pick %u; run "
                         "“trellis-cli verify-draw” to see how"), draw->id, i + 1);
          return NULL;
        }
    }
  return g_steal_pointer (&replayed);
}

static TrellisStoredPick *
find_pick (TrellisStoredDraw  *draw,
           gint64              participant_id,
           GError            **error)
{
  TrellisStoredPick *found = NULL;

  for (guint i = 0; i < draw->picks->len; i++)
    {
      TrellisStoredPick *pick = &g_array_index (draw->picks, TrellisStoredPick, i);

      if (pick->participant_id == participant_id)
        found = pick;
      else if (found != NULL && pick->replaces == found->id)
        {
          g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_EXISTS,
                       _("%s was already replaced in draw %" PRId64 " by pick %u"),
                       found->code, draw->id, pick->sequence);
          return NULL;
        }
    }
  if (found == NULL)
    g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_NOT_FOUND,
                 _("That participant was not drawn in draw %" PRId64), draw->id);
  return found;
}

/* Moves the pick's interview to declined or did-not-attend, as the
 * workflow allows; already there is fine. */
static gboolean
close_interview (TrellisDatabase         *db,
                 TrellisStoredPick       *pick,
                 TrellisInterviewStatus   reason,
                 GError                 **error)
{
  g_autofree char *old_value = NULL;
  TrellisInterviewStatus status;
  sqlite3_stmt *stmt;
  gint64 interview_id = 0;

  if (!trellis_store_query_int64 (db, "SELECT id FROM interview WHERE pick_id = ?1", pick->id, &interview_id, error) ||
      !trellis_interview_status_from_string (pick->status, &status, error))
    return FALSE;
  if (status == reason)
    return TRUE;
  if (!trellis_interview_status_check_move (status, reason, error))
    {
      g_prefix_error (error, "%s: ", pick->code);
      return FALSE;
    }
  if (!trellis_audit_snapshot (db, "interview", interview_id, &old_value, error) ||
      (stmt = trellis_database_prepare (db, "UPDATE interview SET status = ?2 WHERE id = ?1", error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, interview_id);
  sqlite3_bind_text (stmt, 2, trellis_interview_status_to_string (reason), -1, SQLITE_STATIC);
  return trellis_database_step_done (db, stmt, error) &&
         trellis_audit_append_change (db, "update", "interview", interview_id, old_value, NULL, error);
}

static gint64
add_replacement (TrellisDatabase    *db,
                 TrellisStoredDraw  *draw,
                 TrellisStoredPick  *pick,
                 GError            **error)
{
  g_autoptr(TrellisInterviewDraw) replayed = replay (draw, error);
  TrellisInterviewEligibility rule;
  const TrellisDrawPick *next;
  TrellisEligibleCohort *cohort = NULL;
  gint64 pick_id = 0, interview_id = 0, participant_id = 0;
  guint c;

  if (replayed == NULL || !trellis_interview_eligibility_parse (draw->rule, &rule, error))
    return 0;
  for (c = 0; c < draw->cohorts->len; c++)
    if (g_str_equal ((cohort = g_ptr_array_index (draw->cohorts, c))->name, pick->cohort))
      break;
  if (c == draw->cohorts->len || (next = trellis_interview_draw_replace (replayed, c, error)) == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_NOT_FOUND,
                     _("Draw %" PRId64 " has no eligible list for %s"), draw->id, pick->cohort);
      return 0;
    }
  for (guint k = 0; k < cohort->codes->len; k++)
    if (g_str_equal (g_ptr_array_index (cohort->codes, k), next->code))
      participant_id = g_array_index (cohort->participant_ids, gint64, k);
  if (!trellis_interview_insert_pick (db, draw->id, draw->picks->len + 1, participant_id, cohort->name,
                                      pick->id, rule.recorded, &pick_id, &interview_id, error) ||
      !trellis_audit_append_change (db, "insert", "interview_pick", pick_id, NULL, NULL, error) ||
      !trellis_audit_append_change (db, "insert", "interview", interview_id, NULL, NULL, error))
    return 0;
  return pick_id;
}

/* Records that the participant drawn in draw_id declined or did not attend
 * (reason), and draws their replacement from the same cohort's remaining
 * eligible list, continuing the draw's random stream. Returns the new pick's
 * id, or 0. */
gint64
trellis_interview_store_replace (TrellisDatabase         *db,
                                 gint64                   draw_id,
                                 gint64                   participant_id,
                                 TrellisInterviewStatus   reason,
                                 GError                 **error)
{
  g_autoptr(TrellisStoredDraw) draw = NULL;
  TrellisStoredPick *pick;
  gint64 pick_id;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), 0);
  g_return_val_if_fail (trellis_interview_status_calls_for_replacement (reason), 0);

  if (!trellis_database_begin_write (db, error))
    return 0;
  if ((draw = trellis_interview_store_get_draw (db, draw_id, error)) == NULL ||
      (pick = find_pick (draw, participant_id, error)) == NULL ||
      !close_interview (db, pick, reason, error) ||
      (pick_id = add_replacement (db, draw, pick, error)) == 0 ||
      !trellis_database_commit (db, error))
    {
      trellis_database_rollback (db);
      return 0;
    }
  return pick_id;
}
