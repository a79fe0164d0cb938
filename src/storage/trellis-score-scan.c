/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "trellis-database-private.h"
#include "trellis-score-scan.h"

/* The whole scan. One query joining the answer sheets to their visits and
 * ordered by participant took 400 ms at 100,000 participants, mostly in the
 * sort and in index lookups. Each table is read once instead and joined
 * here by id, which are rowids and dense in practice, so arrays by id are
 * both the fastest index and small. The scores come from the index
 * answer_sheet_score (format 7), which holds instrument, visit and score:
 * reading it covers only the instrument's own entries and never the answer
 * sheets' rows, whose answers as JSON made their scan six times slower. */
/* Participant ids are rowids Trellis never sets, so positive; a negative
 * one, set by hand, would belong to no block, and is left out here just as
 * the blocks leave it out. */
static const char participants_sql[] = "SELECT id, cohort_id FROM participant WHERE id >= 0 ORDER BY id";
static const char max_visit_sql[] = "SELECT max (id) FROM visit";
static const char visits_sql[] = "SELECT id, participant_id, timepoint_id FROM visit";
static const char scores_sql[] =
  "SELECT visit_id, score FROM answer_sheet INDEXED BY answer_sheet_score"
  " WHERE instrument_id = ?1 AND score IS NOT NULL";

/* A range, through the visits' index by participant and then the scores'
 * index by visit: a block of 1,024 participants in a few milliseconds.
 * CROSS JOIN keeps that order: left to itself, SQLite's planner walks the
 * instrument's every score and looks up each visit, 15 times slower. */
static const char range_participants_sql[] =
  "SELECT id, cohort_id FROM participant WHERE id BETWEEN ?1 AND ?2 ORDER BY id";
static const char range_scores_sql[] =
  "SELECT v.participant_id, v.timepoint_id, a.score"
  " FROM visit AS v CROSS JOIN answer_sheet AS a ON a.visit_id = v.id AND a.instrument_id = ?3"
  " WHERE v.participant_id BETWEEN ?1 AND ?2 AND a.score IS NOT NULL"
  " ORDER BY v.participant_id";

#define NO_ROW G_MAXUINT32

typedef struct
{
  GArray *participant_ids;   /* gint64, ascending */
  GArray *cohort_ids;        /* gint64 */
  guint32 *participant_row;  /* by participant id: row, or NO_ROW */
  gint64 max_participant;
  guint32 *visit_row;        /* by visit id: participant row, or NO_ROW */
  gint64 *visit_timepoint;   /* by visit id */
  gint64 max_visit;
  guint32 *counts;           /* n_participants + 1, then where each one's scores start */
  guint32 *score_visit;
  double *score_value;
  guint n_scores;
} Scan;

static void
scan_clear (Scan *scan)
{
  g_clear_pointer (&scan->participant_ids, g_array_unref);
  g_clear_pointer (&scan->cohort_ids, g_array_unref);
  g_clear_pointer (&scan->participant_row, g_free);
  g_clear_pointer (&scan->visit_row, g_free);
  g_clear_pointer (&scan->visit_timepoint, g_free);
  g_clear_pointer (&scan->counts, g_free);
  g_clear_pointer (&scan->score_visit, g_free);
  g_clear_pointer (&scan->score_value, g_free);
}

static gboolean
finish (TrellisDatabase  *db,
        sqlite3_stmt     *stmt,
        int               rc,
        GError          **error)
{
  if (rc != SQLITE_DONE)
    trellis_database_set_error (db, error, rc);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE;
}

static gboolean
read_participants (TrellisDatabase  *db,
                   Scan             *scan,
                   GError          **error)
{
  sqlite3_stmt *stmt = trellis_database_prepare (db, participants_sql, error);
  const gint64 *ids;
  guint n;
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gint64 cohort_id = sqlite3_column_int64 (stmt, 1);

      g_array_append_val (scan->participant_ids, id);
      g_array_append_val (scan->cohort_ids, cohort_id);
    }
  if (!finish (db, stmt, rc, error))
    return FALSE;

  ids = (const gint64 *) (gpointer) scan->participant_ids->data;
  n = scan->participant_ids->len;
  scan->max_participant = n > 0 ? MAX (ids[n - 1], 0) : 0;
  scan->participant_row = g_new (guint32, scan->max_participant + 1);
  memset (scan->participant_row, 0xff, sizeof (guint32) * (scan->max_participant + 1));
  for (guint i = 0; i < n; i++)
    if (ids[i] >= 0)
      scan->participant_row[ids[i]] = i;
  return TRUE;
}

static guint32
find_participant (Scan   *scan,
                  gint64  id)
{
  return id >= 0 && id <= scan->max_participant ? scan->participant_row[id] : NO_ROW;
}

static gboolean
read_visits (TrellisDatabase  *db,
             Scan             *scan,
             GError          **error)
{
  sqlite3_stmt *stmt = trellis_database_query_single (db, max_visit_sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  scan->max_visit = MAX (sqlite3_column_int64 (stmt, 0), 0);
  sqlite3_reset (stmt);
  scan->visit_row = g_new (guint32, scan->max_visit + 1);
  memset (scan->visit_row, 0xff, sizeof (guint32) * (scan->max_visit + 1));
  scan->visit_timepoint = g_new0 (gint64, scan->max_visit + 1);

  if ((stmt = trellis_database_prepare (db, visits_sql, error)) == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (id < 0 || id > scan->max_visit)
        continue;
      scan->visit_row[id] = find_participant (scan, sqlite3_column_int64 (stmt, 1));
      scan->visit_timepoint[id] = sqlite3_column_int64 (stmt, 2);
    }
  return finish (db, stmt, rc, error);
}

static gboolean
read_scores (TrellisDatabase  *db,
             Scan             *scan,
             gint64            instrument_id,
             GError          **error)
{
  sqlite3_stmt *stmt = trellis_database_prepare (db, scores_sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  /* At most one score per visit and instrument. */
  scan->counts = g_new0 (guint32, scan->participant_ids->len + 1);
  scan->score_visit = g_new (guint32, scan->max_visit + 1);
  scan->score_value = g_new (double, scan->max_visit + 1);
  sqlite3_bind_int64 (stmt, 1, instrument_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 visit = sqlite3_column_int64 (stmt, 0);

      if (visit < 0 || visit > scan->max_visit || scan->visit_row[visit] == NO_ROW ||
          scan->n_scores > (guint) scan->max_visit)
        continue;
      scan->counts[scan->visit_row[visit] + 1]++;
      scan->score_visit[scan->n_scores] = visit;
      scan->score_value[scan->n_scores] = sqlite3_column_double (stmt, 1);
      scan->n_scores++;
    }
  return finish (db, stmt, rc, error);
}

/* The scores grouped by participant, by a counting sort; participants
 * without any are left out. */
static TrellisScoreBlock *
group (Scan *scan)
{
  guint n = scan->participant_ids->len;
  g_autofree guint32 *order = g_new (guint32, MAX (scan->n_scores, 1));
  TrellisScoreBlock *block = trellis_score_block_new ();

  for (guint i = 0; i < n; i++)
    scan->counts[i + 1] += scan->counts[i];
  {
    g_autofree guint32 *next = g_memdup2 (scan->counts, sizeof (guint32) * (n + 1));

    for (guint k = 0; k < scan->n_scores; k++)
      order[next[scan->visit_row[scan->score_visit[k]]]++] = k;
  }
  for (guint i = 0; i < n; i++)
    {
      if (scan->counts[i] == scan->counts[i + 1])
        continue;
      trellis_score_block_add_participant (block, g_array_index (scan->participant_ids, gint64, i),
                                           g_array_index (scan->cohort_ids, gint64, i));
      for (guint32 k = scan->counts[i]; k < scan->counts[i + 1]; k++)
        trellis_score_block_add_score (block, scan->visit_timepoint[scan->score_visit[order[k]]],
                                       scan->score_value[order[k]]);
    }
  return block;
}

TrellisScoreBlock *
trellis_score_scan_all (TrellisDatabase  *db,
                        gint64            instrument_id,
                        GError          **error)
{
  Scan scan = { 0 };
  TrellisScoreBlock *block = NULL;

  scan.participant_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  scan.cohort_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (read_participants (db, &scan, error) &&
      read_visits (db, &scan, error) &&
      read_scores (db, &scan, instrument_id, error))
    block = group (&scan);
  scan_clear (&scan);
  return block;
}

TrellisScoreBlock *
trellis_score_scan_range (TrellisDatabase  *db,
                          gint64            instrument_id,
                          gint64            first_id,
                          gint64            last_id,
                          GError          **error)
{
  g_autoptr(TrellisScoreBlock) block = trellis_score_block_new ();
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) cohort_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  gint64 current = -1;
  guint p = 0;
  int rc;

  if ((stmt = trellis_database_prepare (db, range_participants_sql, error)) == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, first_id);
  sqlite3_bind_int64 (stmt, 2, last_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0), cohort_id = sqlite3_column_int64 (stmt, 1);

      g_array_append_val (ids, id);
      g_array_append_val (cohort_ids, cohort_id);
    }
  if (!finish (db, stmt, rc, error))
    return NULL;

  /* The scores come in participant order: each participant is added with
   * their first, found among those just read by walking both in step. */
  if ((stmt = trellis_database_prepare (db, range_scores_sql, error)) == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, first_id);
  sqlite3_bind_int64 (stmt, 2, last_id);
  sqlite3_bind_int64 (stmt, 3, instrument_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 participant = sqlite3_column_int64 (stmt, 0);

      if (participant != current)
        {
          while (p < ids->len && g_array_index (ids, gint64, p) < participant)
            p++;
          if (p == ids->len || g_array_index (ids, gint64, p) != participant)
            continue;
          trellis_score_block_add_participant (block, participant, g_array_index (cohort_ids, gint64, p));
          current = participant;
        }
      trellis_score_block_add_score (block, sqlite3_column_int64 (stmt, 1), sqlite3_column_double (stmt, 2));
    }
  if (!finish (db, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&block);
}
