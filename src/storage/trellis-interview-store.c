/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "trellis-audit-coverage.h"
#include "trellis-database-private.h"
#include "trellis-interview-allocation.h"
#include "trellis-interview-seed.h"
#include "trellis-interview-store-private.h"
#include "trellis-storage-error.h"
#include "trellis-store-util.h"

/* Making a draw: the eligible lists as they stand, the quotas (worked out or
 * typed in and checked), the domain's draw, and then everything written in
 * one transaction: the draw row, its eligible lists, its picks in draw order
 * and an interview, invited, for each pick. The lists are stored with the
 * draw, so that it can be made again bit for bit however the study changes
 * later (see trellis_interview_store_verify). */

static char *
now_utc (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

/* A typed quota names a cohort as people type it: the stored name, or the
 * same without regard to case, as cohort names are compared in the study. */
static gint
find_cohort (GPtrArray  *cohorts,
             const char *name)
{
  for (guint i = 0; i < cohorts->len; i++)
    if (g_str_equal (((TrellisEligibleCohort *) g_ptr_array_index (cohorts, i))->name, name))
      return (gint) i;
  for (guint i = 0; i < cohorts->len; i++)
    {
      g_autofree char *a = g_utf8_casefold (((TrellisEligibleCohort *) g_ptr_array_index (cohorts, i))->name, -1);
      g_autofree char *b = g_utf8_casefold (name, -1);

      if (g_str_equal (a, b))
        return (gint) i;
    }
  return -1;
}

static gboolean
typed_quotas (GPtrArray   *cohorts,
              GHashTable  *typed,
              guint        total,
              guint       *quotas,
              GError     **error)
{
  g_autofree const char **names = g_new0 (const char *, cohorts->len + 1);
  g_autofree guint *eligible = g_new0 (guint, cohorts->len + 1);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, typed);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gint i = find_cohort (cohorts, key);

      if (i < 0)
        {
          g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_NOT_FOUND,
                       _("No one in a cohort named ‘%s’ is eligible, so it cannot have a quota"),
                       (const char *) key);
          return FALSE;
        }
      quotas[i] = GPOINTER_TO_UINT (value);
    }
  for (guint i = 0; i < cohorts->len; i++)
    {
      names[i] = ((TrellisEligibleCohort *) g_ptr_array_index (cohorts, i))->name;
      eligible[i] = ((TrellisEligibleCohort *) g_ptr_array_index (cohorts, i))->codes->len;
    }
  return trellis_interview_allocation_check (names, eligible, quotas, cohorts->len, total, error);
}

static gboolean
work_out_quotas (GPtrArray   *cohorts,
                 GHashTable  *typed,
                 guint        total,
                 guint       *quotas,
                 GError     **error)
{
  g_autofree guint *eligible = NULL;

  if (typed != NULL)
    return typed_quotas (cohorts, typed, total, quotas, error);
  eligible = g_new0 (guint, cohorts->len + 1);
  for (guint i = 0; i < cohorts->len; i++)
    eligible[i] = ((TrellisEligibleCohort *) g_ptr_array_index (cohorts, i))->codes->len;
  return trellis_interview_allocate (eligible, cohorts->len, total, quotas, error);
}

/* The quotas as a JSON object, cohort name → number, in the draw's order. */
char *
trellis_interview_quotas_to_json (GPtrArray   *cohorts,
                                  const guint *quotas)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  for (guint i = 0; i < cohorts->len; i++)
    {
      json_builder_set_member_name (builder, ((TrellisEligibleCohort *) g_ptr_array_index (cohorts, i))->name);
      json_builder_add_int_value (builder, quotas[i]);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static gint64
insert_draw (TrellisDatabase          *db,
             const TrellisDrawRequest *request,
             const TrellisEligibleList *list,
             guint64                   seed,
             const char               *hash,
             const char               *quotas_json,
             GError                  **error)
{
  g_autofree char *created = now_utc ();
  g_autofree char *seed_text = trellis_interview_seed_to_string (seed);
  g_autofree char *rule = trellis_interview_eligibility_to_string (&list->rule);
  sqlite3_stmt *stmt = trellis_database_prepare (db,
      "INSERT INTO interview_draw (created, user, seed, algorithm, rule, eligible_hash, quotas, total,"
      " allocation, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)", error);
  gint64 id;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, created, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, g_get_user_name (), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, seed_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, TRELLIS_INTERVIEW_DRAW_ALGORITHM, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, rule, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, quotas_json, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 8, request->total);
  sqlite3_bind_text (stmt, 9, request->quotas != NULL ? "typed" : "proportional", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, request->note != NULL ? request->note : "", -1, SQLITE_TRANSIENT);
  if (!trellis_database_step_done (db, stmt, error))
    return 0;
  id = sqlite3_last_insert_rowid (trellis_database_get_handle (db));
  /* The draw's audit row holds its seed, rule, list hash and quotas:
   * enough to show that a draw happened and to justify it, and nobody's name. */
  if (!trellis_audit_append_change (db, "insert", "interview_draw", id, NULL, NULL, error))
    return 0;
  return id;
}

static gboolean
insert_eligible (TrellisDatabase *db,
                 gint64           draw_id,
                 GPtrArray       *cohorts,
                 GError         **error)
{
  sqlite3_stmt *stmt = trellis_database_prepare (db,
      "INSERT INTO interview_eligible (draw_id, position, cohort, code, participant_id)"
      " VALUES (?1, ?2, ?3, ?4, ?5)", error);
  gint64 first = 0, position = 0;

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < cohorts->len; i++)
    {
      TrellisEligibleCohort *cohort = g_ptr_array_index (cohorts, i);

      for (guint k = 0; k < cohort->codes->len; k++)
        {
          sqlite3_bind_int64 (stmt, 1, draw_id);
          sqlite3_bind_int64 (stmt, 2, ++position);
          sqlite3_bind_text (stmt, 3, cohort->name, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 4, g_ptr_array_index (cohort->codes, k), -1, SQLITE_STATIC);
          sqlite3_bind_int64 (stmt, 5, g_array_index (cohort->participant_ids, gint64, k));
          if (!trellis_database_step_done (db, stmt, error))
            return FALSE;
          if (first == 0)
            first = sqlite3_last_insert_rowid (trellis_database_get_handle (db));
        }
    }
  return first == 0 ||
         trellis_audit_append_bulk (db, "insert", "interview_eligible", first,
                                    sqlite3_last_insert_rowid (trellis_database_get_handle (db)), NULL, error);
}

/* One pick and its interview, invited. Their audit rows are written by the
 * caller: they name no participant (see trellis-audit-coverage.c). */
gboolean
trellis_interview_insert_pick (TrellisDatabase *db,
                               gint64           draw_id,
                               guint            sequence,
                               gint64           participant_id,
                               const char      *cohort,
                               gint64           replaces,
                               gboolean         recorded,
                               gint64          *pick_id,
                               gint64          *interview_id,
                               GError         **error)
{
  sqlite3_stmt *stmt = trellis_database_prepare (db,
      "INSERT INTO interview_pick (draw_id, sequence, participant_id, cohort, kind, replaces_pick_id)"
      " VALUES (?1, ?2, ?3, ?4, iif (?5 IS NULL, 'initial', 'replacement'), ?5)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, draw_id);
  sqlite3_bind_int64 (stmt, 2, sequence);
  sqlite3_bind_int64 (stmt, 3, participant_id);
  sqlite3_bind_text (stmt, 4, cohort, -1, SQLITE_TRANSIENT);
  if (replaces != 0)
    sqlite3_bind_int64 (stmt, 5, replaces);
  else
    sqlite3_bind_null (stmt, 5);
  if (!trellis_database_step_done (db, stmt, error))
    return FALSE;
  *pick_id = sqlite3_last_insert_rowid (trellis_database_get_handle (db));

  stmt = trellis_database_prepare (db,
      "INSERT INTO interview (pick_id, participant_id, recorded) VALUES (?1, ?2, ?3)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, *pick_id);
  sqlite3_bind_int64 (stmt, 2, participant_id);
  sqlite3_bind_int (stmt, 3, recorded != FALSE);
  if (!trellis_database_step_done (db, stmt, error))
    return FALSE;
  *interview_id = sqlite3_last_insert_rowid (trellis_database_get_handle (db));
  return TRUE;
}

static gint64
participant_for (TrellisEligibleCohort *cohort,
                 const char            *code)
{
  for (guint k = 0; k < cohort->codes->len; k++)
    if (g_str_equal (g_ptr_array_index (cohort->codes, k), code))
      return g_array_index (cohort->participant_ids, gint64, k);
  g_return_val_if_reached (0);
}

static gboolean
insert_picks (TrellisDatabase      *db,
              gint64                draw_id,
              GPtrArray            *cohorts,
              TrellisInterviewDraw *draw,
              gboolean              recorded,
              GError              **error)
{
  gint64 first_pick = 0, first_interview = 0, pick_id = 0, interview_id = 0;
  guint n = trellis_interview_draw_get_n_picks (draw);

  for (guint i = 0; i < n; i++)
    {
      const TrellisDrawPick *pick = trellis_interview_draw_get_pick (draw, i);
      TrellisEligibleCohort *cohort = g_ptr_array_index (cohorts, pick->cohort);

      if (!trellis_interview_insert_pick (db, draw_id, i + 1, participant_for (cohort, pick->code),
                                          cohort->name, 0, recorded, &pick_id, &interview_id, error))
        return FALSE;
      if (i == 0)
        {
          first_pick = pick_id;
          first_interview = interview_id;
        }
    }
  return n == 0 ||
         (trellis_audit_append_bulk (db, "insert", "interview_pick", first_pick, pick_id, NULL, error) &&
          trellis_audit_append_bulk (db, "insert", "interview", first_interview, interview_id, NULL, error));
}

static gint64
write_draw (TrellisDatabase           *db,
            const TrellisDrawRequest  *request,
            const TrellisEligibleList *list,
            const guint               *quotas,
            guint64                    seed,
            GError                   **error)
{
  g_autofree TrellisDrawCohort *cohorts = trellis_eligible_cohorts_to_draw (list->cohorts);
  g_autoptr(TrellisInterviewDraw) draw = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *quotas_json = NULL;
  gint64 id;

  draw = trellis_interview_draw_new (seed, cohorts, list->cohorts->len, quotas, error);
  if (draw == NULL)
    return 0;
  hash = trellis_interview_eligible_hash (cohorts, list->cohorts->len);
  quotas_json = trellis_interview_quotas_to_json (list->cohorts, quotas);
  id = insert_draw (db, request, list, seed, hash, quotas_json, error);
  if (id == 0 || !insert_eligible (db, id, list->cohorts, error) ||
      !insert_picks (db, id, list->cohorts, draw, list->rule.recorded, error))
    return 0;
  return id;
}

/* Draws interviewees as the request asks; returns the new draw's id, or 0. */
gint64
trellis_interview_store_draw (TrellisDatabase           *db,
                              const TrellisDrawRequest  *request,
                              GError                   **error)
{
  g_autoptr(TrellisEligibleList) list = NULL;
  g_autofree guint *quotas = NULL;
  guint64 seed;
  gint64 id;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), 0);
  g_return_val_if_fail (request != NULL, 0);

  /* The lists are read before the write begins, as every bulk read is
   * (trellis_visit_table_read takes its own snapshot). Nothing can change
   * them in between: this open is the study's only writer. */
  list = trellis_interview_store_eligible (db, &request->rule, request->today, error);
  if (list == NULL)
    return 0;
  quotas = g_new0 (guint, list->cohorts->len + 1);
  if (!work_out_quotas (list->cohorts, request->quotas, request->total, quotas, error))
    return 0;
  seed = request->have_seed ? request->seed : trellis_interview_seed_new ();
  if (!trellis_database_begin_write (db, error))
    return 0;
  id = write_draw (db, request, list, quotas, seed, error);
  if (id != 0 && trellis_database_commit (db, error))
    return id;
  trellis_database_rollback (db);
  return 0;
}
