/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "trellis-database-private.h"
#include "trellis-score-cache.h"

static const char load_sql[] =
  "SELECT block, data FROM score_cache WHERE instrument_id = ?1 AND block < ?2";
static const char clear_sql[] = "DELETE FROM score_cache WHERE ?1 = 0 OR instrument_id = ?1";
static const char store_sql[] =
  "INSERT OR REPLACE INTO score_cache (instrument_id, block, data) VALUES (?1, ?2, ?3)";

static gboolean
in_block (const TrellisScoreBlock *block,
          gint64                   number)
{
  guint n = trellis_score_block_get_n_participants (block);

  return n == 0 ||
         (g_array_index (block->participant_ids, gint64, 0) >> TRELLIS_SCORE_BLOCK_BITS == number &&
          g_array_index (block->participant_ids, gint64, n - 1) >> TRELLIS_SCORE_BLOCK_BITS == number);
}

gboolean
trellis_score_cache_load (TrellisDatabase  *db,
                          gint64            instrument_id,
                          GPtrArray        *blocks,
                          GError          **error)
{
  sqlite3_stmt *stmt = trellis_database_prepare (db, load_sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, instrument_id);
  sqlite3_bind_int64 (stmt, 2, blocks->len);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 number = sqlite3_column_int64 (stmt, 0);
      const guint8 *data = sqlite3_column_blob (stmt, 1);
      TrellisScoreBlock *block;

      if (number < 0 || blocks->pdata[number] != NULL)
        continue;
      block = trellis_score_block_decode (data, sqlite3_column_bytes (stmt, 1));
      if (block != NULL && !in_block (block, number))
        g_clear_pointer (&block, trellis_score_block_free);
      blocks->pdata[number] = block;
    }
  if (rc != SQLITE_DONE)
    trellis_database_set_error (db, error, rc);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE;
}

gboolean
trellis_score_cache_store (TrellisDatabase  *db,
                           gint64            instrument_id,
                           GArray           *numbers,
                           GPtrArray        *encoded)
{
  sqlite3_stmt *stmt;
  gboolean stored = TRUE;

  g_return_val_if_fail (numbers->len == encoded->len, FALSE);

  if (numbers->len == 0 || !trellis_database_begin_derived_write (db))
    return FALSE;
  stmt = trellis_database_prepare (db, store_sql, NULL);
  for (guint i = 0; stored && stmt != NULL && i < numbers->len; i++)
    {
      gsize size;
      gconstpointer data = g_bytes_get_data (encoded->pdata[i], &size);

      sqlite3_bind_int64 (stmt, 1, instrument_id);
      sqlite3_bind_int64 (stmt, 2, g_array_index (numbers, gint64, i));
      sqlite3_bind_blob64 (stmt, 3, data, size, SQLITE_STATIC);
      stored = sqlite3_step (stmt) == SQLITE_DONE;
      sqlite3_reset (stmt);
    }
  if (stmt != NULL)
    sqlite3_clear_bindings (stmt);
  return trellis_database_end_derived_write (db, stmt != NULL && stored);
}

gboolean
trellis_score_cache_clear (TrellisDatabase  *db,
                           gint64            instrument_id,
                           GError          **error)
{
  sqlite3_stmt *stmt = trellis_database_prepare (db, clear_sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, instrument_id);
  return trellis_database_step_done (db, stmt, error);
}
