/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-database-private.h"
#include "trellis-score-cache.h"
#include "trellis-score-reader.h"
#include "trellis-score-scan.h"
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
 * How it is read. Reading every participant, visit and score row of a
 * 100,000-participant study takes about 190 ms however it is joined, most
 * of it in SQLite stepping 750,000 rows. The score cache (format 8) keeps
 * each instrument's scores in blocks of 1,024 participants, each a few
 * dozen kilobytes read in one go; a change deletes only the blocks it
 * touches. So a read takes the stored blocks, reads the missing ones from
 * the tables (a few through the indexes, many in one scan of each table),
 * and stores those it made, all in one read transaction: what it stores is
 * what that snapshot holds, and is stored only while the snapshot is still
 * the newest (trellis_database_begin_derived_write ()). Timepoints and
 * cohorts are few and read each time, so that their names and order are
 * always today's. Blocks hold only participants with scores; everyone else
 * is counted, not listed. */
static const char instrument_sql[] = "SELECT id, label FROM instrument WHERE code = ?1";
static const char timepoints_sql[] = "SELECT id, code, label FROM timepoint_def ORDER BY position";
static const char cohorts_sql[] = "SELECT id, name FROM cohort ORDER BY name, id";
static const char register_sql[] = "SELECT max (id), count (*) FROM participant";

/* Reading a block through the indexes costs about what a whole scan costs
 * for a fiftieth of a large study; below a third missing, that is cheaper. */
#define SCAN_ALL_FRACTION 3

/* Timepoint or cohort ids to their index in plan or name order. Ids are
 * rowids, small in practice, so an array by id answers at once, which
 * matters once per score; an id beyond it is looked for among all. */
#define DIRECT_IDS 4096

typedef struct
{
  GArray *ids;               /* gint64, by index */
  gint16 direct[DIRECT_IDS]; /* index + 1 by id, or 0 */
} IdMap;

static IdMap *
id_map_new (void)
{
  IdMap *map = g_new0 (IdMap, 1);

  map->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  return map;
}

static void
id_map_free (IdMap *map)
{
  g_array_unref (map->ids);
  g_free (map);
}

static void
id_map_add (IdMap  *map,
            gint64  id)
{
  if (id >= 0 && id < DIRECT_IDS && map->ids->len < G_MAXINT16)
    map->direct[id] = map->ids->len + 1;
  g_array_append_val (map->ids, id);
}

/* The index of id, or -1. */
static inline int
id_map_find (const IdMap *map,
             gint64       id)
{
  if (id >= 0 && id < DIRECT_IDS && map->ids->len < G_MAXINT16)
    return map->direct[id] - 1;
  for (guint i = 0; i < map->ids->len; i++)
    if (g_array_index (map->ids, gint64, i) == id)
      return i;
  return -1;
}

typedef struct
{
  TrellisDatabase *db;
  gint64 instrument_id;
  char *instrument_label;
  IdMap *timepoints;
  GPtrArray *timepoint_codes;
  GPtrArray *timepoint_labels;
  IdMap *cohorts;
  GPtrArray *cohort_names;
  guint n_registered;        /* participants, with scores or not */
  GPtrArray *blocks;         /* TrellisScoreBlock by block number, NULL where missing */
  TrellisScoreBlock *all;    /* every participant, where the tables were scanned */
  GArray *made_numbers;      /* gint64: blocks made here, to store */
  GPtrArray *made;           /* GBytes */
} Reading;

static void
reading_clear (Reading *r)
{
  g_clear_pointer (&r->instrument_label, g_free);
  g_clear_pointer (&r->timepoints, id_map_free);
  g_clear_pointer (&r->timepoint_codes, g_ptr_array_unref);
  g_clear_pointer (&r->timepoint_labels, g_ptr_array_unref);
  g_clear_pointer (&r->cohorts, id_map_free);
  g_clear_pointer (&r->cohort_names, g_ptr_array_unref);
  g_clear_pointer (&r->blocks, g_ptr_array_unref);
  g_clear_pointer (&r->all, trellis_score_block_free);
  g_clear_pointer (&r->made_numbers, g_array_unref);
  g_clear_pointer (&r->made, g_ptr_array_unref);
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

/* Reads sql's rows (id, name[, label]) in order into ids and names (and labels). */
static gboolean
read_named (Reading    *r,
            const char *sql,
            IdMap      *ids,
            GPtrArray  *names,
            GPtrArray  *labels,
            GError    **error)
{
  sqlite3_stmt *stmt = trellis_database_prepare (r->db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      id_map_add (ids, sqlite3_column_int64 (stmt, 0));
      g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
      if (labels != NULL)
        g_ptr_array_add (labels, g_strdup ((const char *) sqlite3_column_text (stmt, 2)));
    }
  if (rc != SQLITE_DONE)
    trellis_database_set_error (r->db, error, rc);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE;
}

/* How many participants the register holds, and how many blocks of ids
 * their highest id spans. */
static gboolean
size_register (Reading  *r,
               GError  **error)
{
  sqlite3_stmt *stmt = trellis_database_query_single (r->db, register_sql, error);
  guint n_blocks;

  if (stmt == NULL)
    return FALSE;
  n_blocks = sqlite3_column_type (stmt, 0) == SQLITE_NULL
           ? 0 : (guint) (MAX (sqlite3_column_int64 (stmt, 0), 0) >> TRELLIS_SCORE_BLOCK_BITS) + 1;
  r->n_registered = sqlite3_column_int (stmt, 1);
  sqlite3_reset (stmt);
  r->blocks = g_ptr_array_new_full (n_blocks, (GDestroyNotify) trellis_score_block_free);
  g_ptr_array_set_size (r->blocks, n_blocks);
  return TRUE;
}

static void
keep_made (Reading                 *r,
           gint64                   number,
           const TrellisScoreBlock *block,
           guint                    from,
           guint                    to)
{
  g_array_append_val (r->made_numbers, number);
  g_ptr_array_add (r->made, trellis_score_block_encode (block, from, to));
}

/* Splits the scan of every participant with scores at block boundaries
 * and keeps the blocks the cache lacks. Blocks without any are kept too,
 * empty, so that they are not looked for again. */
static void
keep_missing_from_all (Reading *r)
{
  const gint64 *ids = (const gint64 *) (gpointer) r->all->participant_ids->data;
  guint n = trellis_score_block_get_n_participants (r->all);
  guint from = 0;

  for (guint number = 0; number < r->blocks->len; number++)
    {
      guint to = from;

      while (to < n && ids[to] >> TRELLIS_SCORE_BLOCK_BITS == number)
        to++;
      if (r->blocks->pdata[number] == NULL)
        keep_made (r, number, r->all, from, to);
      from = to;
    }
}

static gboolean
read_missing (Reading  *r,
              GError  **error)
{
  guint missing = 0;

  for (guint number = 0; number < r->blocks->len; number++)
    missing += r->blocks->pdata[number] == NULL;
  if (missing == 0)
    return TRUE;

  if (missing * SCAN_ALL_FRACTION > r->blocks->len)
    {
      if ((r->all = trellis_score_scan_all (r->db, r->instrument_id, error)) == NULL)
        return FALSE;
      keep_missing_from_all (r);
      return TRUE;
    }
  for (guint number = 0; number < r->blocks->len; number++)
    if (r->blocks->pdata[number] == NULL)
      {
        gint64 first_id = (gint64) number << TRELLIS_SCORE_BLOCK_BITS;
        TrellisScoreBlock *block =
          trellis_score_scan_range (r->db, r->instrument_id, first_id,
                                    first_id + (1 << TRELLIS_SCORE_BLOCK_BITS) - 1, error);

        if (block == NULL)
          return FALSE;
        r->blocks->pdata[number] = block;
        keep_made (r, number, block, 0, trellis_score_block_get_n_participants (block));
      }
  return TRUE;
}

/* Adds a block's participants to the table, each one's scores in plan
 * order. A participant has at most one score per timepoint, so they are
 * put in order by placing each in its timepoint's slot. */
static void
add_block (Reading                 *r,
           TrellisScoreTable       *table,
           const TrellisScoreBlock *block,
           double                  *slot,
           gboolean                *filled)
{
  const guint32 *first = (const guint32 *) (gpointer) block->first->data;
  const gint64 *timepoint_ids = (const gint64 *) (gpointer) block->timepoint_ids->data;
  const double *values = (const double *) (gpointer) block->values->data;
  guint n_timepoints = r->timepoints->ids->len;

  for (guint p = 0; p < trellis_score_block_get_n_participants (block); p++)
    {
      int cohort = id_map_find (r->cohorts, g_array_index (block->cohort_ids, gint64, p));

      trellis_score_table_begin_participant (table, NULL, MAX (cohort, 0));
      for (guint32 o = first[p]; o < first[p + 1]; o++)
        {
          int t = id_map_find (r->timepoints, timepoint_ids[o]);

          if (t >= 0)
            {
              slot[t] = values[o];
              filled[t] = TRUE;
            }
        }
      for (guint t = 0; t < n_timepoints; t++)
        if (filled[t])
          {
            trellis_score_table_add (table, t, slot[t]);
            filled[t] = FALSE;
          }
    }
}

static TrellisScoreTable *
build_table (Reading *r)
{
  g_autofree double *slot = g_new (double, MAX (r->timepoints->ids->len, 1));
  g_autofree gboolean *filled = g_new0 (gboolean, MAX (r->timepoints->ids->len, 1));
  TrellisScoreTable *table;

  g_ptr_array_add (r->timepoint_codes, NULL);
  g_ptr_array_add (r->timepoint_labels, NULL);
  g_ptr_array_add (r->cohort_names, NULL);
  table = trellis_score_table_new ((const char *const *) r->timepoint_codes->pdata,
                                   (const char *const *) r->timepoint_labels->pdata,
                                   (const char *const *) r->cohort_names->pdata);
  if (r->all != NULL)
    {
      trellis_score_table_reserve (table, trellis_score_block_get_n_participants (r->all),
                                   r->all->values->len);
      add_block (r, table, r->all, slot, filled);
    }
  else
    {
      guint n_participants = 0, n_observations = 0;

      for (guint number = 0; number < r->blocks->len; number++)
        {
          const TrellisScoreBlock *block = r->blocks->pdata[number];

          n_participants += trellis_score_block_get_n_participants (block);
          n_observations += block->values->len;
        }
      trellis_score_table_reserve (table, n_participants, n_observations);
      for (guint number = 0; number < r->blocks->len; number++)
        add_block (r, table, r->blocks->pdata[number], slot, filled);
    }
  trellis_score_table_set_n_registered (table, r->n_registered);
  trellis_score_table_finish (table);
  return table;
}

static TrellisScoreTable *
read_table (Reading     *r,
            const char  *instrument_code,
            GError     **error)
{
  if (!find_instrument (r, instrument_code, error) ||
      !read_named (r, timepoints_sql, r->timepoints, r->timepoint_codes, r->timepoint_labels, error) ||
      !read_named (r, cohorts_sql, r->cohorts, r->cohort_names, NULL, error) ||
      !size_register (r, error) ||
      !trellis_score_cache_load (r->db, r->instrument_id, r->blocks, error) ||
      !read_missing (r, error))
    return NULL;
  /* The table's indexes are plan and name order, which is how they were read. */
  return build_table (r);
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
  gboolean own_transaction;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), NULL);
  g_return_val_if_fail (instrument_code != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* In a caller's transaction the reads already agree; only a read of its
   * own may store what it made, once it has it all. */
  own_transaction = sqlite3_get_autocommit (trellis_database_get_handle (db));
  if (own_transaction && !trellis_database_begin_read (db, error))
    return NULL;

  r.timepoints = id_map_new ();
  r.timepoint_codes = g_ptr_array_new_with_free_func (g_free);
  r.timepoint_labels = g_ptr_array_new_with_free_func (g_free);
  r.cohorts = id_map_new ();
  r.cohort_names = g_ptr_array_new_with_free_func (g_free);
  r.made_numbers = g_array_new (FALSE, FALSE, sizeof (gint64));
  r.made = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);

  table = read_table (&r, instrument_code, error);
  if (table != NULL && own_transaction)
    trellis_score_cache_store (db, r.instrument_id, r.made_numbers, r.made);
  if (own_transaction)
    trellis_database_end_read (db);
  if (table != NULL && instrument_label != NULL)
    *instrument_label = g_steal_pointer (&r.instrument_label);
  reading_clear (&r);
  return table;
}
