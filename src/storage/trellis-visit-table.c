/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "trellis-database-private.h"
#include "trellis-date.h"
#include "trellis-timepoint-store.h"
#include "trellis-visit-table.h"

typedef struct
{
  gint64 id;
  const char *code;             /* in the table's string chunk */
  gint64 cohort_id;
  guint cohort;                 /* index, numbered once the rows are in code order */
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

/* Each table is read once, in a simple scan, and joined here: the
 * participants, put in code order, then their events, withdrawals and
 * visits, each found by id in a sorted index. A query that joined the events
 * and looked up each participant's withdrawal did 300,000 index searches for
 * 100,000 participants, and cost three times as long. The participants are
 * read in the order they are stored, not through the index on their codes,
 * which would look up each row apart: codes are nearly always given in the
 * order participants are added, so the rows come in code order already, and
 * are sorted here when they do not. */
static const char cohorts_sql[] = "SELECT id, name FROM cohort";
static const char participants_sql[] =
  "SELECT id, code, cohort_id, baseline_date, lost_date FROM participant";
static const char events_sql[] = "SELECT participant_id, kind, event_date FROM participant_event";
/* A participant whose research data was purged counts as withdrawn from
 * the first day: what they did is gone, so no timepoint of theirs is
 * completed, and none is owed either. Retention then counts them as
 * recruited and withdrawn at every timepoint, with no completions. */
static const char withdrawals_sql[] =
  "SELECT participant_id, min (effective_date),"
  " participant_id IN (SELECT participant_id FROM research_data_purge)"
  " FROM withdrawal GROUP BY participant_id";
static const char visits_sql[] = "SELECT participant_id, timepoint_id, completed_date, missed FROM visit";

typedef struct
{
  gint64 id;
  guint32 row;
} IdIndex;

typedef struct
{
  IdIndex *entries;       /* by id */
  guint n;
} RowIndex;

static guint32
julian_column (sqlite3_stmt *stmt,
               int           column)
{
  return trellis_date_to_julian_or_zero ((const char *) sqlite3_column_text (stmt, column));
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = ((const IdIndex *) a)->id, y = ((const IdIndex *) b)->id;

  return x < y ? -1 : x > y;
}

/* The row of the participant with @id, or G_MAXUINT32. */
static guint32
find_row (const RowIndex *index,
          gint64          id)
{
  IdIndex key = { id, 0 };
  const IdIndex *found = bsearch (&key, index->entries, index->n, sizeof (IdIndex), compare_ids);

  return found != NULL ? found->row : G_MAXUINT32;
}

/* Runs @sql and hands each row to @row_func; FALSE with @error if it fails. */
static gboolean
scan (TrellisDatabase  *db,
      const char       *sql,
      void            (*row_func) (sqlite3_stmt *stmt, gpointer data),
      gpointer          data,
      GError          **error)
{
  sqlite3_stmt *stmt = trellis_database_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    row_func (stmt, data);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    trellis_database_set_error (db, error, rc);
  return rc == SQLITE_DONE;
}

typedef struct
{
  TrellisVisitTable *self;
  GHashTable *names;      /* cohort id → name, all cohorts */
  GHashTable *indices;    /* cohort id → index in the table, those with participants */
  RowIndex *index;
} Reading;

static void
cohort_row (sqlite3_stmt *stmt,
            gpointer      data)
{
  Reading *reading = data;
  gint64 id = sqlite3_column_int64 (stmt, 0);

  g_hash_table_insert (reading->names, g_memdup2 (&id, sizeof id),
                       g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
}

/* Cohorts are numbered as they first appear in code order. */
static guint
cohort_index (Reading *reading,
              gint64   cohort_id)
{
  TrellisVisitTable *self = reading->self;
  gpointer index;

  if (g_hash_table_lookup_extended (reading->indices, &cohort_id, NULL, &index))
    return GPOINTER_TO_UINT (index);
  index = GUINT_TO_POINTER (self->cohort_names->len);
  g_array_append_val (self->cohort_ids, cohort_id);
  g_ptr_array_add (self->cohort_names, g_strdup (g_hash_table_lookup (reading->names, &cohort_id)));
  g_hash_table_insert (reading->indices, g_memdup2 (&cohort_id, sizeof cohort_id), index);
  return GPOINTER_TO_UINT (index);
}

static void
participant_row (sqlite3_stmt *stmt,
                 gpointer      data)
{
  Reading *reading = data;
  TrellisVisitTable *self = reading->self;
  Row row = { sqlite3_column_int64 (stmt, 0) };

  row.code = g_string_chunk_insert (self->strings, (const char *) sqlite3_column_text (stmt, 1));
  row.cohort_id = sqlite3_column_int64 (stmt, 2);
  row.facts.anchors[TRELLIS_ANCHOR_BASELINE] = julian_column (stmt, 3);
  row.facts.lost = julian_column (stmt, 4);
  g_array_append_val (self->rows, row);
}

static void
event_row (sqlite3_stmt *stmt,
           gpointer      data)
{
  Reading *reading = data;
  guint32 r = find_row (reading->index, sqlite3_column_int64 (stmt, 0));
  TrellisAnchor kind;

  if (r == G_MAXUINT32 || !trellis_anchor_from_string ((const char *) sqlite3_column_text (stmt, 1), &kind) ||
      kind == TRELLIS_ANCHOR_BASELINE)
    return;
  g_array_index (reading->self->rows, Row, r).facts.anchors[kind] = julian_column (stmt, 2);
}

static void
withdrawal_row (sqlite3_stmt *stmt,
                gpointer      data)
{
  Reading *reading = data;
  guint32 r = find_row (reading->index, sqlite3_column_int64 (stmt, 0));

  if (r != G_MAXUINT32)
    g_array_index (reading->self->rows, Row, r).facts.withdrawn =
      sqlite3_column_int (stmt, 2) != 0 ? 1 : julian_column (stmt, 1);
}

/* In code order as SQLite compares text (bytes, as strcmp), which is what
 * ORDER BY code gave. */
static int
compare_codes (gconstpointer a,
               gconstpointer b)
{
  return strcmp (((const Row *) a)->code, ((const Row *) b)->code);
}

/* Puts the rows in code order if they are not, and numbers the cohorts as
 * they first appear in that order. */
static void
order_rows (Reading *reading)
{
  GArray *rows = reading->self->rows;
  gboolean sorted = TRUE;

  for (guint r = 1; r < rows->len && sorted; r++)
    sorted = compare_codes (&g_array_index (rows, Row, r - 1), &g_array_index (rows, Row, r)) <= 0;
  if (!sorted)
    qsort (rows->data, rows->len, sizeof (Row), compare_codes);
  for (guint r = 0; r < rows->len; r++)
    {
      Row *row = &g_array_index (rows, Row, r);

      row->cohort = cohort_index (reading, row->cohort_id);
    }
}

/* Ids are nearly always in code order too, and then need no sorting. */
static void
build_index (TrellisVisitTable *self,
             RowIndex          *index)
{
  gboolean sorted = TRUE;

  index->n = self->rows->len;
  index->entries = g_new (IdIndex, MAX (index->n, 1));
  for (guint r = 0; r < index->n; r++)
    {
      index->entries[r] = (IdIndex) { g_array_index (self->rows, Row, r).id, r };
      sorted = sorted && (r == 0 || index->entries[r - 1].id < index->entries[r].id);
    }
  if (!sorted)
    qsort (index->entries, index->n, sizeof (IdIndex), compare_ids);
}

static gboolean
read_participants (TrellisVisitTable  *self,
                   TrellisDatabase    *db,
                   RowIndex           *index,
                   GError            **error)
{
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GHashTable) indices = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  Reading reading = { self, names, indices, index };

  if (!scan (db, cohorts_sql, cohort_row, &reading, error) ||
      !scan (db, participants_sql, participant_row, &reading, error))
    return FALSE;
  order_rows (&reading);
  build_index (self, index);
  return scan (db, events_sql, event_row, &reading, error) &&
         scan (db, withdrawals_sql, withdrawal_row, &reading, error);
}

typedef struct
{
  TrellisVisitTable *self;
  RowIndex *index;
  GHashTable *column_of_id;
} VisitReading;

static void
visit_row (sqlite3_stmt *stmt,
           gpointer      data)
{
  VisitReading *reading = data;
  guint32 r = find_row (reading->index, sqlite3_column_int64 (stmt, 0));
  gint64 timepoint_id = sqlite3_column_int64 (stmt, 1);
  gpointer column;
  TrellisVisitRecord *record;

  if (r == G_MAXUINT32 || !g_hash_table_lookup_extended (reading->column_of_id, &timepoint_id, NULL, &column))
    return;
  record = &reading->self->records[(gsize) r * reading->self->timepoints->len + GPOINTER_TO_UINT (column)];
  record->completed = julian_column (stmt, 2);
  record->marked_missed = sqlite3_column_int (stmt, 3) != 0;
}

static gboolean
read_visits (TrellisVisitTable  *self,
             TrellisDatabase    *db,
             RowIndex           *index,
             GError            **error)
{
  g_autoptr(GHashTable) column_of_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  VisitReading reading = { self, index, column_of_id };

  for (guint t = 0; t < self->timepoints->len; t++)
    {
      gint64 id = trellis_timepoint_get_id (self->timepoints->pdata[t]);
      g_hash_table_insert (column_of_id, g_memdup2 (&id, sizeof id), GUINT_TO_POINTER (t));
    }
  return scan (db, visits_sql, visit_row, &reading, error);
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
  RowIndex index = { NULL, 0 };
  gsize n_slots;
  gboolean ok;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), NULL);

  if (!trellis_database_begin_read (db, error))
    return NULL;
  self->timepoints = trellis_timepoint_store_load (db, error);
  ok = self->timepoints != NULL && read_participants (self, db, &index, error);
  if (ok)
    {
      n_slots = (gsize) self->rows->len * self->timepoints->len;
      self->records = g_new0 (TrellisVisitRecord, MAX (n_slots, 1));
      self->slots = g_new0 (TrellisVisitSlot, MAX (n_slots, 1));
      ok = read_visits (self, db, &index, error);
    }
  trellis_database_end_read (db);
  g_free (index.entries);
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
