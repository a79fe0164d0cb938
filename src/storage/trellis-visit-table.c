/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "trellis-database-private.h"
#include "trellis-date.h"
#include "trellis-timepoint-store.h"
#include "trellis-visit-table.h"

typedef struct
{
  gint64 id;
  const char *code;             /* in the table's string chunk */
  guint cohort;
  TrellisScheduleFacts facts;
} Row;

struct _TrellisVisitTable
{
  gatomicrefcount ref_count;
  guint32 today;
  GArray *rows;                 /* Row, in code order */
  GStringChunk *strings;
  GPtrArray *timepoints;        /* TrellisTimepoint, in plan order */
  GPtrArray *cohort_names;
  GArray *cohort_ids;
  TrellisVisitRecord *records;  /* n_rows × n_timepoints */
  TrellisVisitSlot *slots;
};

static const char participants_sql[] =
  "SELECT p.id, p.code, p.cohort_id, c.name, p.baseline_date, w.event_date, k.event_date,"
  " (SELECT min (effective_date) FROM withdrawal WHERE participant_id = p.id), p.lost_date"
  " FROM participant AS p JOIN cohort AS c ON c.id = p.cohort_id"
  " LEFT JOIN participant_event AS w ON w.participant_id = p.id AND w.kind = 'workshop'"
  " LEFT JOIN participant_event AS k ON k.participant_id = p.id AND k.kind = 'coaching'"
  " ORDER BY p.code";

static guint32
julian_column (sqlite3_stmt *stmt,
               int           column)
{
  return trellis_date_to_julian_or_zero ((const char *) sqlite3_column_text (stmt, column));
}

static gboolean
read_participants (TrellisVisitTable  *self,
                   TrellisDatabase    *db,
                   GHashTable         *row_of_id,
                   GError            **error)
{
  /* The cohort ids array may grow while the map points into it, so the map
   * keeps copies of the ids. */
  g_autoptr(GHashTable) cohorts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  sqlite3_stmt *stmt = trellis_database_prepare (db, participants_sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Row row = { sqlite3_column_int64 (stmt, 0) };
      gint64 cohort_id = sqlite3_column_int64 (stmt, 2);
      gpointer index;

      row.code = g_string_chunk_insert (self->strings, (const char *) sqlite3_column_text (stmt, 1));
      if (!g_hash_table_lookup_extended (cohorts, &cohort_id, NULL, &index))
        {
          index = GUINT_TO_POINTER (self->cohort_names->len);
          g_array_append_val (self->cohort_ids, cohort_id);
          g_ptr_array_add (self->cohort_names, g_strdup ((const char *) sqlite3_column_text (stmt, 3)));
          g_hash_table_insert (cohorts, g_memdup2 (&cohort_id, sizeof cohort_id), index);
        }
      row.cohort = GPOINTER_TO_UINT (index);
      row.facts.anchors[TRELLIS_ANCHOR_BASELINE] = julian_column (stmt, 4);
      row.facts.anchors[TRELLIS_ANCHOR_WORKSHOP] = julian_column (stmt, 5);
      row.facts.anchors[TRELLIS_ANCHOR_COACHING] = julian_column (stmt, 6);
      row.facts.withdrawn = julian_column (stmt, 7);
      row.facts.lost = julian_column (stmt, 8);
      g_hash_table_insert (row_of_id, g_memdup2 (&row.id, sizeof row.id), GUINT_TO_POINTER (self->rows->len));
      g_array_append_val (self->rows, row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    trellis_database_set_error (db, error, rc);
  return rc == SQLITE_DONE;
}

static gboolean
read_visits (TrellisVisitTable  *self,
             TrellisDatabase    *db,
             GHashTable         *row_of_id,
             GError            **error)
{
  guint n_timepoints = self->timepoints->len;
  g_autoptr(GHashTable) column_of_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  sqlite3_stmt *stmt;
  int rc;

  for (guint t = 0; t < n_timepoints; t++)
    {
      gint64 id = trellis_timepoint_get_id (self->timepoints->pdata[t]);
      g_hash_table_insert (column_of_id, g_memdup2 (&id, sizeof id), GUINT_TO_POINTER (t));
    }
  stmt = trellis_database_prepare (db,
      "SELECT participant_id, timepoint_id, completed_date, missed FROM visit", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 participant_id = sqlite3_column_int64 (stmt, 0);
      gint64 timepoint_id = sqlite3_column_int64 (stmt, 1);
      gpointer row, column;
      TrellisVisitRecord *record;

      if (!g_hash_table_lookup_extended (row_of_id, &participant_id, NULL, &row) ||
          !g_hash_table_lookup_extended (column_of_id, &timepoint_id, NULL, &column))
        continue;
      record = &self->records[GPOINTER_TO_UINT (row) * n_timepoints + GPOINTER_TO_UINT (column)];
      record->completed = julian_column (stmt, 2);
      record->marked_missed = sqlite3_column_int (stmt, 3) != 0;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    trellis_database_set_error (db, error, rc);
  return rc == SQLITE_DONE;
}

static void
place_all (TrellisVisitTable *self)
{
  guint n_timepoints = self->timepoints->len;
  g_autofree TrellisScheduleRule *rules = g_new (TrellisScheduleRule, MAX (n_timepoints, 1));

  for (guint t = 0; t < n_timepoints; t++)
    trellis_timepoint_get_rule (self->timepoints->pdata[t], &rules[t]);
  for (guint r = 0; r < self->rows->len; r++)
    {
      const Row *row = &g_array_index (self->rows, Row, r);

      for (guint t = 0; t < n_timepoints; t++)
        trellis_schedule_place (&rules[t], &row->facts, &self->records[r * n_timepoints + t],
                                self->today, &self->slots[r * n_timepoints + t]);
    }
}

static TrellisVisitTable *
visit_table_new (guint32 today)
{
  TrellisVisitTable *self = g_new0 (TrellisVisitTable, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->today = today;
  self->rows = g_array_new (FALSE, FALSE, sizeof (Row));
  self->strings = g_string_chunk_new (64 * 1024);
  self->cohort_names = g_ptr_array_new_with_free_func (g_free);
  self->cohort_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  return self;
}

/* Reads the whole schedule as it stands on today (a Julian day), inside one
 * read transaction so that participants and visits agree. */
TrellisVisitTable *
trellis_visit_table_read (TrellisDatabase  *db,
                          guint32           today,
                          GError          **error)
{
  g_autoptr(TrellisVisitTable) self = visit_table_new (today);
  g_autoptr(GHashTable) row_of_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  gsize n_slots;
  gboolean ok;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), NULL);

  if (!trellis_database_begin_read (db, error))
    return NULL;
  self->timepoints = trellis_timepoint_store_load (db, error);
  ok = self->timepoints != NULL && read_participants (self, db, row_of_id, error);
  if (ok)
    {
      n_slots = (gsize) self->rows->len * self->timepoints->len;
      self->records = g_new0 (TrellisVisitRecord, MAX (n_slots, 1));
      self->slots = g_new0 (TrellisVisitSlot, MAX (n_slots, 1));
      ok = read_visits (self, db, row_of_id, error);
    }
  trellis_database_end_read (db);
  if (!ok)
    return NULL;
  place_all (self);
  return g_steal_pointer (&self);
}

TrellisVisitTable *
trellis_visit_table_ref (TrellisVisitTable *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
trellis_visit_table_unref (TrellisVisitTable *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_array_unref (self->rows);
  g_string_chunk_free (self->strings);
  g_clear_pointer (&self->timepoints, g_ptr_array_unref);
  g_ptr_array_unref (self->cohort_names);
  g_array_unref (self->cohort_ids);
  g_free (self->records);
  g_free (self->slots);
  g_free (self);
}

guint32
trellis_visit_table_get_today (TrellisVisitTable *self)
{
  return self->today;
}

guint
trellis_visit_table_get_n_rows (TrellisVisitTable *self)
{
  return self->rows->len;
}

guint
trellis_visit_table_get_n_timepoints (TrellisVisitTable *self)
{
  return self->timepoints->len;
}

TrellisTimepoint *
trellis_visit_table_get_timepoint (TrellisVisitTable *self,
                                   guint              timepoint)
{
  g_return_val_if_fail (timepoint < self->timepoints->len, NULL);
  return self->timepoints->pdata[timepoint];
}

guint
trellis_visit_table_get_n_cohorts (TrellisVisitTable *self)
{
  return self->cohort_names->len;
}

const char *
trellis_visit_table_get_cohort_name (TrellisVisitTable *self,
                                     guint              cohort)
{
  g_return_val_if_fail (cohort < self->cohort_names->len, NULL);
  return self->cohort_names->pdata[cohort];
}

gint64
trellis_visit_table_get_cohort_id (TrellisVisitTable *self,
                                   guint              cohort)
{
  g_return_val_if_fail (cohort < self->cohort_ids->len, 0);
  return g_array_index (self->cohort_ids, gint64, cohort);
}

gint64
trellis_visit_table_get_participant_id (TrellisVisitTable *self,
                                        guint              row)
{
  g_return_val_if_fail (row < self->rows->len, 0);
  return g_array_index (self->rows, Row, row).id;
}

const char *
trellis_visit_table_get_code (TrellisVisitTable *self,
                              guint              row)
{
  g_return_val_if_fail (row < self->rows->len, NULL);
  return g_array_index (self->rows, Row, row).code;
}

guint
trellis_visit_table_get_cohort (TrellisVisitTable *self,
                                guint              row)
{
  g_return_val_if_fail (row < self->rows->len, 0);
  return g_array_index (self->rows, Row, row).cohort;
}

const TrellisScheduleFacts *
trellis_visit_table_get_facts (TrellisVisitTable *self,
                               guint              row)
{
  g_return_val_if_fail (row < self->rows->len, NULL);
  return &g_array_index (self->rows, Row, row).facts;
}

const TrellisVisitRecord *
trellis_visit_table_get_record (TrellisVisitTable *self,
                                guint              row,
                                guint              timepoint)
{
  g_return_val_if_fail (row < self->rows->len && timepoint < self->timepoints->len, NULL);
  return &self->records[row * self->timepoints->len + timepoint];
}

const TrellisVisitSlot *
trellis_visit_table_get_slot (TrellisVisitTable *self,
                              guint              row,
                              guint              timepoint)
{
  g_return_val_if_fail (row < self->rows->len && timepoint < self->timepoints->len, NULL);
  return &self->slots[row * self->timepoints->len + timepoint];
}
