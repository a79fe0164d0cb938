/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "trellis-database-private.h"
#include "trellis-score-reader.h"
#include "trellis-storage-error.h"

/* Who is in the analysis. Withdrawn participants keep the scores they gave:
 * withdrawing stops further contact or data collection, it does not take
 * back what was collected with consent, and leaving them out would bias the
 * later timepoints towards those who stayed (the mixed model uses each
 * person's earlier scores for exactly that reason). Scores destroyed on
 * request are deleted from the file by the research-data purge, so they are
 * simply absent here; those participants still count as recruited, without
 * scores.
 *
 * How it is read. One query joining the answer sheets to their visits and
 * ordered by participant and timepoint took 400 ms at 100,000 participants,
 * mostly in the sort and in index lookups. Each table is read once and
 * joined here by id. The scores come from the index answer_sheet_score
 * (format 7), which holds instrument, visit and score: reading it covers
 * only the instrument's own entries and never the answer sheets' rows,
 * whose answers as JSON made their scan six times slower. */
static const char instrument_sql[] = "SELECT id, label FROM instrument WHERE code = ?1";
static const char timepoints_sql[] = "SELECT id, code, label FROM timepoint_def ORDER BY position";
static const char cohorts_sql[] = "SELECT id, name FROM cohort ORDER BY name, id";
static const char participants_sql[] = "SELECT id, code, cohort_id FROM participant ORDER BY id";
static const char max_visit_sql[] = "SELECT max (id) FROM visit";
static const char visits_sql[] = "SELECT id, participant_id, timepoint_id FROM visit";
static const char scores_sql[] =
  "SELECT visit_id, score FROM answer_sheet INDEXED BY answer_sheet_score"
  " WHERE instrument_id = ?1 AND score IS NOT NULL";

#define NO_ROW G_MAXUINT32

typedef struct
{
  TrellisDatabase *db;
  gint64 instrument_id;
  char *instrument_label;
  GArray *timepoint_ids;     /* gint64, in plan order */
  GPtrArray *timepoint_codes;
  GPtrArray *timepoint_labels;
  GArray *cohort_ids;        /* gint64, in name order */
  GPtrArray *cohort_names;
  GArray *participant_ids;   /* gint64, ascending */
  GArray *participant_cohorts; /* guint32 */
  GStringChunk *codes;
  GPtrArray *participant_codes;
  guint32 *participant_row;  /* by participant id: row, or NO_ROW */
  gint64 max_participant;
  guint32 *visit_row;        /* by visit id: participant row, or NO_ROW */
  guint8 *visit_timepoint;   /* by visit id */
  gint64 max_visit;
  /* The scores, grouped by participant by a counting sort. */
  guint32 *counts;           /* n_participants + 1 */
  guint32 *score_visit;
  double *score_value;
  guint n_scores;
} Reading;

static void
reading_clear (Reading *r)
{
  g_clear_pointer (&r->timepoint_ids, g_array_unref);
  g_clear_pointer (&r->timepoint_codes, g_ptr_array_unref);
  g_clear_pointer (&r->timepoint_labels, g_ptr_array_unref);
  g_clear_pointer (&r->cohort_ids, g_array_unref);
  g_clear_pointer (&r->cohort_names, g_ptr_array_unref);
  g_clear_pointer (&r->participant_ids, g_array_unref);
  g_clear_pointer (&r->participant_cohorts, g_array_unref);
  g_clear_pointer (&r->participant_codes, g_ptr_array_unref);
  g_clear_pointer (&r->codes, g_string_chunk_free);
  g_clear_pointer (&r->participant_row, g_free);
  g_clear_pointer (&r->visit_row, g_free);
  g_clear_pointer (&r->visit_timepoint, g_free);
  g_clear_pointer (&r->counts, g_free);
  g_clear_pointer (&r->score_visit, g_free);
  g_clear_pointer (&r->score_value, g_free);
  g_clear_pointer (&r->instrument_label, g_free);
}

/* Steps @stmt to its end, handing each row to @row; resets it. */
static gboolean
scan (Reading       *r,
      sqlite3_stmt  *stmt,
      void         (*row) (Reading *r, sqlite3_stmt *stmt),
      GError       **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    row (r, stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    trellis_database_set_error (r->db, error, rc);
  return rc == SQLITE_DONE;
}

static gboolean
run (Reading     *r,
     const char  *sql,
     void       (*row) (Reading *r, sqlite3_stmt *stmt),
     GError     **error)
{
  sqlite3_stmt *stmt = trellis_database_prepare (r->db, sql, error);

  if (stmt == NULL)
    return FALSE;
  return scan (r, stmt, row, error);
}

static void
timepoint_row (Reading      *r,
               sqlite3_stmt *stmt)
{
  gint64 id = sqlite3_column_int64 (stmt, 0);

  g_array_append_val (r->timepoint_ids, id);
  g_ptr_array_add (r->timepoint_codes, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
  g_ptr_array_add (r->timepoint_labels, g_strdup ((const char *) sqlite3_column_text (stmt, 2)));
}

static void
cohort_row (Reading      *r,
            sqlite3_stmt *stmt)
{
  gint64 id = sqlite3_column_int64 (stmt, 0);

  g_array_append_val (r->cohort_ids, id);
  g_ptr_array_add (r->cohort_names, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
}

static guint32
cohort_index (Reading *r,
              gint64   cohort_id)
{
  for (guint c = 0; c < r->cohort_ids->len; c++)
    if (g_array_index (r->cohort_ids, gint64, c) == cohort_id)
      return c;
  return 0;
}

static void
participant_row (Reading      *r,
                 sqlite3_stmt *stmt)
{
  gint64 id = sqlite3_column_int64 (stmt, 0);
  guint32 cohort = cohort_index (r, sqlite3_column_int64 (stmt, 2));

  g_array_append_val (r->participant_ids, id);
  g_array_append_val (r->participant_cohorts, cohort);
  g_ptr_array_add (r->participant_codes,
                   g_string_chunk_insert (r->codes, (const char *) sqlite3_column_text (stmt, 1)));
}

/* The row of participant @id. Their ids are rowids, dense in practice, so
 * an array by id answers at once where a search of 100,000 ids took a
 * tenth of the read. */
static guint32
find_participant (Reading *r,
                  gint64   id)
{
  return id >= 0 && id <= r->max_participant ? r->participant_row[id] : NO_ROW;
}

static void
index_participants (Reading *r)
{
  const gint64 *ids = (const gint64 *) (gpointer) r->participant_ids->data;
  guint n = r->participant_ids->len;

  r->max_participant = n > 0 ? ids[n - 1] : 0;
  r->participant_row = g_new (guint32, r->max_participant + 1);
  memset (r->participant_row, 0xff, sizeof (guint32) * (r->max_participant + 1));
  for (guint i = 0; i < n; i++)
    if (ids[i] >= 0)
      r->participant_row[ids[i]] = i;
}

static void
visit_row (Reading      *r,
           sqlite3_stmt *stmt)
{
  gint64 id = sqlite3_column_int64 (stmt, 0);
  gint64 timepoint_id = sqlite3_column_int64 (stmt, 2);
  guint32 row = find_participant (r, sqlite3_column_int64 (stmt, 1));
  guint t;

  if (id < 0 || id > r->max_visit || row == NO_ROW)
    return;
  for (t = 0; t < r->timepoint_ids->len; t++)
    if (g_array_index (r->timepoint_ids, gint64, t) == timepoint_id)
      break;
  if (t == r->timepoint_ids->len)
    return;
  r->visit_row[id] = row;
  r->visit_timepoint[id] = t;
}

static void
score_row (Reading      *r,
           sqlite3_stmt *stmt)
{
  gint64 visit = sqlite3_column_int64 (stmt, 0);

  if (visit < 0 || visit > r->max_visit || r->visit_row[visit] == NO_ROW)
    return;
  r->counts[r->visit_row[visit] + 1]++;
  r->score_visit[r->n_scores] = visit;
  r->score_value[r->n_scores] = sqlite3_column_double (stmt, 1);
  r->n_scores++;
}

static gboolean
find_instrument (Reading     *r,
                 const char  *code,
                 GError     **error)
{
  sqlite3_stmt *stmt = trellis_database_prepare (r->db, instrument_sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      r->instrument_id = sqlite3_column_int64 (stmt, 0);
      r->instrument_label = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_NOT_FOUND,
                 _("The study has no instrument “%s”"), code);
  else if (rc != SQLITE_ROW)
    trellis_database_set_error (r->db, error, rc);
  return rc == SQLITE_ROW;
}

static gboolean
read_visits (Reading  *r,
             GError  **error)
{
  sqlite3_stmt *stmt = trellis_database_prepare (r->db, max_visit_sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  r->max_visit = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      trellis_database_set_error (r->db, error, rc);
      return FALSE;
    }
  /* Visit ids are rowids, dense in practice: an array by id is both the
   * fastest index and about 5 bytes a visit. */
  r->visit_row = g_new (guint32, r->max_visit + 1);
  memset (r->visit_row, 0xff, sizeof (guint32) * (r->max_visit + 1));
  r->visit_timepoint = g_new0 (guint8, r->max_visit + 1);
  index_participants (r);
  return run (r, visits_sql, visit_row, error);
}

static gboolean
read_scores (Reading  *r,
             GError  **error)
{
  guint capacity = r->max_visit + 1;
  sqlite3_stmt *stmt = trellis_database_prepare (r->db, scores_sql, error);

  if (stmt == NULL)
    return FALSE;
  /* At most one score per visit and instrument. */
  r->counts = g_new0 (guint32, r->participant_ids->len + 1);
  r->score_visit = g_new (guint32, capacity);
  r->score_value = g_new (double, capacity);
  sqlite3_bind_int64 (stmt, 1, r->instrument_id);
  return scan (r, stmt, score_row, error);
}

/* Each participant's scores in timepoint order, through a counting sort by
 * participant and a small sort by timepoint within each. */
static TrellisScoreTable *
build_table (Reading *r)
{
  guint n = r->participant_ids->len;
  g_autofree guint32 *order = g_new (guint32, MAX (r->n_scores, 1));
  g_autofree guint32 *next = NULL;
  TrellisScoreTable *table;

  g_ptr_array_add (r->timepoint_codes, NULL);
  g_ptr_array_add (r->timepoint_labels, NULL);
  g_ptr_array_add (r->cohort_names, NULL);
  table = trellis_score_table_new ((const char *const *) r->timepoint_codes->pdata,
                                   (const char *const *) r->timepoint_labels->pdata,
                                   (const char *const *) r->cohort_names->pdata);
  for (guint i = 0; i < n; i++)
    r->counts[i + 1] += r->counts[i];
  next = g_memdup2 (r->counts, sizeof (guint32) * (n + 1));
  for (guint k = 0; k < r->n_scores; k++)
    order[next[r->visit_row[r->score_visit[k]]]++] = k;

  for (guint i = 0; i < n; i++)
    {
      guint32 *own = order + r->counts[i];
      guint m = r->counts[i + 1] - r->counts[i];

      for (guint a = 1; a < m; a++)
        for (guint b = a; b > 0 && r->visit_timepoint[r->score_visit[own[b]]] <
                                   r->visit_timepoint[r->score_visit[own[b - 1]]]; b--)
          {
            guint32 swap = own[b];
            own[b] = own[b - 1];
            own[b - 1] = swap;
          }
      trellis_score_table_begin_participant (table, g_ptr_array_index (r->participant_codes, i),
                                             MIN (g_array_index (r->participant_cohorts, guint32, i),
                                                  MAX (r->cohort_ids->len, 1) - 1));
      for (guint a = 0; a < m; a++)
        trellis_score_table_add (table, r->visit_timepoint[r->score_visit[own[a]]], r->score_value[own[a]]);
    }
  trellis_score_table_finish (table);
  return table;
}

TrellisScoreTable *
trellis_score_table_read (TrellisDatabase  *db,
                          const char       *instrument_code,
                          GError          **error)
{
  return trellis_score_table_read_labelled (db, instrument_code, NULL, error);
}

TrellisScoreTable *
trellis_score_table_read_labelled (TrellisDatabase  *db,
                                   const char       *instrument_code,
                                   char            **instrument_label,
                                   GError          **error)
{
  Reading r = { db };
  TrellisScoreTable *table = NULL;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), NULL);
  g_return_val_if_fail (instrument_code != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  r.timepoint_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  r.timepoint_codes = g_ptr_array_new_with_free_func (g_free);
  r.timepoint_labels = g_ptr_array_new_with_free_func (g_free);
  r.cohort_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  r.cohort_names = g_ptr_array_new_with_free_func (g_free);
  r.participant_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  r.participant_cohorts = g_array_new (FALSE, FALSE, sizeof (guint32));
  r.participant_codes = g_ptr_array_new ();
  r.codes = g_string_chunk_new (64 * 1024);

  if (find_instrument (&r, instrument_code, error) &&
      run (&r, timepoints_sql, timepoint_row, error) &&
      run (&r, cohorts_sql, cohort_row, error) &&
      run (&r, participants_sql, participant_row, error) &&
      read_visits (&r, error) &&
      read_scores (&r, error))
    table = build_table (&r);
  if (table != NULL && instrument_label != NULL)
    *instrument_label = g_steal_pointer (&r.instrument_label);
  reading_clear (&r);
  return table;
}
