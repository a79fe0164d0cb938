/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "trellis-database-private.h"
#include "trellis-demo-study.h"
#include "trellis-response-import.h"
#include "trellis-score-block.h"
#include "trellis-score-cache.h"
#include "trellis-score-reader.h"
#include "trellis-test-utils.h"

/* The score cache of format 8, on a demo study of 2,100 participants: ids
 * 1 … 2,100 fill blocks 0, 1 and 2. Every table read is checked against
 * what SQL finds in the tables themselves, whichever way it was read. */
#define PARTICIPANTS 2100
#define N_BLOCKS 3

typedef struct
{
  TrellisTestFolder folder;
  TrellisDatabase *db;
  sqlite3 *raw;              /* the study's own connection, for SQL */
} Fixture;

/* The demo is made once, closed, and copied for each test: making it takes
 * most of a minute under the sanitizers. */
static char *template_dir;
static GBytes *template;

static void
make_template (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  TrellisDatabase *db;

  template_dir = trellis_test_make_tmp_dir ();
  path = g_build_filename (template_dir, "template.trellis", NULL);
  db = trellis_demo_study_create (path, "Cache", PARTICIPANTS, TRELLIS_DEMO_STUDY_DEFAULT_SEED, &error);
  g_assert_no_error (error);
  g_object_unref (db);
  template = trellis_test_read_bytes (path);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  trellis_test_folder_set_up (&fixture->folder, data);
  trellis_test_write_file (fixture->folder.path, g_bytes_get_data (template, NULL), g_bytes_get_size (template));
  fixture->db = trellis_database_open (fixture->folder.path, TRELLIS_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);
  fixture->raw = trellis_database_get_handle (fixture->db);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->db);
  trellis_test_folder_tear_down (&fixture->folder, data);
}

static gint64
int_query (Fixture    *fixture,
           const char *format,
           ...) G_GNUC_PRINTF (2, 3);

static gint64
int_query (Fixture    *fixture,
           const char *format,
           ...)
{
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  return trellis_test_sqlite_int (fixture->raw, sql);
}

static void
exec (Fixture    *fixture,
      const char *sql)
{
  trellis_test_sqlite_exec (fixture->raw, sql);
}

/* The blocks stored for instrument code, as a bit mask by block number. */
static guint
stored (Fixture    *fixture,
        const char *code)
{
  return (guint) int_query (fixture, "SELECT coalesce (sum (1 << block), 0) FROM score_cache"
                                     " WHERE instrument_id = (SELECT id FROM instrument WHERE code = '%s')",
                            code);
}

/* Checks table against the tables' own rows: every participant with
 * scores in id order with their cohort, and their scores in plan order;
 * everyone counted. */
static void
assert_matches_sql (Fixture                 *fixture,
                    const TrellisScoreTable *table,
                    const char              *code)
{
  g_autofree char *sql = g_strdup_printf (
    "SELECT p.id, c.name, t.code, a.score FROM participant AS p JOIN cohort AS c ON c.id = p.cohort_id"
    " JOIN visit AS v ON v.participant_id = p.id"
    " JOIN timepoint_def AS t ON t.id = v.timepoint_id"
    " JOIN answer_sheet AS a ON a.visit_id = v.id AND a.score IS NOT NULL"
    "  AND a.instrument_id = (SELECT id FROM instrument WHERE code = '%s')"
    " ORDER BY p.id, t.position", code);
  sqlite3_stmt *stmt;
  gint64 last_id = -1;
  guint participant = 0, observation = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (fixture->raw, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      if (sqlite3_column_int64 (stmt, 0) != last_id)
        {
          if (last_id >= 0)
            g_assert_cmpuint (table->first[participant], ==, observation);
          last_id = sqlite3_column_int64 (stmt, 0);
          participant++;
          g_assert_cmpuint (participant, <=, table->n_participants);
          g_assert_cmpstr (table->cohort_names[table->participant_cohort[participant - 1]], ==,
                           (const char *) sqlite3_column_text (stmt, 1));
        }
      g_assert_cmpuint (observation, <, table->n_observations);
      g_assert_cmpstr (table->timepoint_codes[table->timepoint[observation]], ==,
                       (const char *) sqlite3_column_text (stmt, 2));
      g_assert_cmpfloat (table->value[observation], ==, sqlite3_column_double (stmt, 3));
      observation++;
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (participant, ==, table->n_participants);
  g_assert_cmpuint (observation, ==, table->n_observations);
  g_assert_cmpuint (table->first[participant], ==, observation);
  g_assert_cmpuint (table->n_registered, ==, int_query (fixture, "SELECT count (*) FROM participant"));
}

static TrellisScoreTable *
read_checked (Fixture    *fixture,
              const char *code)
{
  g_autoptr(GError) error = NULL;
  TrellisScoreTable *table = trellis_score_table_read (fixture->db, code, &error);

  g_assert_no_error (error);
  assert_matches_sql (fixture, table, code);
  return table;
}

/* The first read scans the tables and stores every block; the next reads
 * them, and finds the same. */
static void
test_stored_then_read (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(TrellisScoreTable) cold = NULL;
  g_autoptr(TrellisScoreTable) warm = NULL;

  g_assert_cmpuint (int_query (fixture, "SELECT max (id) >> %d FROM participant", TRELLIS_SCORE_BLOCK_BITS),
                    ==, N_BLOCKS - 1);
  g_assert_cmpuint (stored (fixture, "BRS"), ==, 0);
  cold = read_checked (fixture, "BRS");
  g_assert_cmpuint (cold->n_registered, ==, PARTICIPANTS);
  g_assert_cmpuint (cold->n_participants, <, PARTICIPANTS);
  g_assert_cmpuint (stored (fixture, "BRS"), ==, 0x7);
  g_assert_cmpuint (stored (fixture, "KNOW"), ==, 0);
  warm = read_checked (fixture, "BRS");
  g_assert_cmpuint (warm->n_observations, ==, cold->n_observations);
}

/* A read takes stored blocks as they are: here one is altered behind the
 * triggers' back (no change to the study could do that), and the read
 * shows it. A real change to a score of that block drops it again. */
static void
test_reads_stored_blocks (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(TrellisScoreTable) before = read_checked (fixture, "BRS");
  g_autoptr(TrellisScoreTable) altered = NULL;
  g_autoptr(TrellisScoreTable) after = NULL;
  g_autoptr(TrellisScoreBlock) block = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;
  guint n_first = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (fixture->raw,
                                       "SELECT data FROM score_cache WHERE block = 1 AND instrument_id ="
                                       " (SELECT id FROM instrument WHERE code = 'BRS')", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  block = trellis_score_block_decode (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
  sqlite3_finalize (stmt);
  g_assert_nonnull (block);
  g_assert_cmpuint (trellis_score_block_get_n_participants (block), >, 0);
  g_assert_cmpint (g_array_index (block->participant_ids, gint64, 0), >=, 1 << TRELLIS_SCORE_BLOCK_BITS);
  for (guint o = 0; o < block->values->len; o++)
    g_array_index (block->values, double, o) += 100;
  bytes = trellis_score_block_encode (block, 0, trellis_score_block_get_n_participants (block));

  g_assert_cmpint (sqlite3_prepare_v2 (fixture->raw, "UPDATE score_cache SET data = ?1 WHERE block = 1", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_blob (stmt, 1, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);

  altered = trellis_score_table_read (fixture->db, "BRS", &error);
  g_assert_no_error (error);
  /* Participants 1 … 1,023 are block 0, 1,024 … 2,047 block 1. */
  n_first = int_query (fixture, "SELECT count (DISTINCT v.participant_id) FROM visit AS v"
                                " JOIN answer_sheet AS a ON a.visit_id = v.id"
                                " WHERE a.instrument_id = (SELECT id FROM instrument WHERE code = 'BRS')"
                                " AND a.score IS NOT NULL AND v.participant_id < %d", 1 << TRELLIS_SCORE_BLOCK_BITS);
  for (guint o = 0; o < altered->n_observations; o++)
    {
      gboolean in_block_1 = o >= altered->first[n_first] && o < altered->first[n_first + block->participant_ids->len];

      g_assert_cmpfloat (altered->value[o], ==, before->value[o] + (in_block_1 ? 100 : 0));
    }

  exec (fixture, "UPDATE answer_sheet SET score = score WHERE id = (SELECT a.id FROM answer_sheet AS a"
                 " JOIN visit AS v ON v.id = a.visit_id WHERE v.participant_id = 1500 LIMIT 1)");
  g_assert_cmpuint (stored (fixture, "BRS") & 0x2, ==, 0);
  after = read_checked (fixture, "BRS");
  g_assert_cmpuint (stored (fixture, "BRS"), ==, 0x7);
}

/* Each kind of change drops the blocks it touches and only those; the
 * next read makes them again from the tables. */
static void
test_changes_drop_their_blocks (Fixture       *fixture,
                                gconstpointer  data)
{
  static const struct
  {
    const char *sql;
    guint brs_left;      /* BRS blocks still stored after it */
    guint know_left;     /* KNOW's */
  } changes[] = {
    /* A BRS score in block 1: BRS's block 1 only. */
    { "UPDATE answer_sheet SET score = score + 1 WHERE id = (SELECT a.id FROM answer_sheet AS a"
      " JOIN visit AS v ON v.id = a.visit_id JOIN instrument AS i ON i.id = a.instrument_id"
      " WHERE i.code = 'BRS' AND v.participant_id BETWEEN 1024 AND 2047 LIMIT 1)", 0x5, 0x7 },
    { "DELETE FROM answer_sheet WHERE id = (SELECT a.id FROM answer_sheet AS a"
      " JOIN visit AS v ON v.id = a.visit_id JOIN instrument AS i ON i.id = a.instrument_id"
      " WHERE i.code = 'KNOW' AND v.participant_id < 1024 LIMIT 1)", 0x7, 0x6 },
    /* A visit someone missed, entered late with a BRS score, in block 2. */
    { "INSERT INTO visit (participant_id, timepoint_id, completed_date, missed)"
      " SELECT p.id, t.id, '2026-01-01', 0 FROM participant AS p, timepoint_def AS t"
      " WHERE p.id >= 2048 AND NOT EXISTS (SELECT 1 FROM visit WHERE participant_id = p.id"
      " AND timepoint_id = t.id) LIMIT 1;"
      "INSERT INTO answer_sheet (visit_id, instrument_id, answers, answered, score, rule_version)"
      " SELECT max (v.id), i.id, '{}', 0, 3.5, 1 FROM visit AS v, instrument AS i WHERE i.code = 'BRS'",
      0x3, 0x7 },
    /* A participant moved to another cohort: every instrument's block. */
    { "UPDATE participant SET cohort_id = (SELECT max (id) FROM cohort) WHERE id = 1030", 0x5, 0x5 },
    { "UPDATE visit SET timepoint_id = timepoint_id WHERE id = (SELECT min (id) FROM visit)", 0x6, 0x6 },
    /* A new participant has no scores yet, so no block changes; one in a
     * block of their own (4) gets it and an empty block 3 stored by the
     * next reads, and deleted, drops their block. */
    { "INSERT INTO participant (code, cohort_id, created) VALUES ('NEW1', 1, '2026-01-01')", 0x7, 0x7 },
    { "INSERT INTO participant (id, code, cohort_id, created) VALUES (5000, 'NEW2', 1, '2026-01-01')", 0x7, 0x7 },
    { "DELETE FROM participant WHERE id = 5000", 0xf, 0xf },
  };

  for (guint i = 0; i < G_N_ELEMENTS (changes); i++)
    {
      g_autoptr(TrellisScoreTable) brs = read_checked (fixture, "BRS");
      g_autoptr(TrellisScoreTable) know = read_checked (fixture, "KNOW");
      guint all = (1u << int_query (fixture, "SELECT (max (id) >> %d) + 1 FROM participant",
                                    TRELLIS_SCORE_BLOCK_BITS)) - 1;
      int changed = sqlite3_total_changes (fixture->raw);

      g_test_message ("%s", changes[i].sql);
      g_assert_cmpuint (stored (fixture, "BRS"), ==, all);
      g_assert_cmpuint (stored (fixture, "KNOW"), ==, all);
      exec (fixture, changes[i].sql);
      g_assert_cmpint (sqlite3_total_changes (fixture->raw), >, changed);
      g_assert_cmpuint (stored (fixture, "BRS"), ==, changes[i].brs_left);
      g_assert_cmpuint (stored (fixture, "KNOW"), ==, changes[i].know_left);
    }
  trellis_score_table_free (read_checked (fixture, "BRS"));
  g_assert_cmpuint (stored (fixture, "BRS") & 0x7, ==, 0x7);
}

/* A bulk writer empties the cache of an instrument, or of all, in its own
 * transaction; the triggers then have nothing to drop, and the next read
 * makes every block again. */
static void
test_cleared_by_bulk_writers (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 brs = int_query (fixture, "SELECT id FROM instrument WHERE code = 'BRS'");

  trellis_score_table_free (read_checked (fixture, "BRS"));
  trellis_score_table_free (read_checked (fixture, "KNOW"));
  g_assert_true (trellis_database_begin_write (fixture->db, &error));
  g_assert_true (trellis_score_cache_clear (fixture->db, brs, &error));
  g_assert_cmpuint (stored (fixture, "BRS"), ==, 0);
  g_assert_cmpuint (stored (fixture, "KNOW"), ==, 0x7);
  exec (fixture, "UPDATE answer_sheet SET score = score + 1 WHERE instrument_id ="
                 " (SELECT id FROM instrument WHERE code = 'BRS')");
  g_assert_cmpuint (stored (fixture, "KNOW"), ==, 0x7);
  g_assert_true (trellis_score_cache_clear (fixture->db, 0, &error));
  g_assert_cmpuint (stored (fixture, "KNOW"), ==, 0);
  g_assert_true (trellis_database_commit (fixture->db, &error));
  g_assert_no_error (error);
  trellis_score_table_free (read_checked (fixture, "BRS"));
  g_assert_cmpuint (stored (fixture, "BRS"), ==, 0x7);
}

/* A response import empties the cache and writes with triggers off; what
 * it wrote is in the next read. Here one participant's follow-up is
 * written out as the long form, deleted, read without, and imported again. */
static void
test_response_import (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 visit = int_query (fixture, "SELECT max (v.id) FROM visit AS v JOIN timepoint_def AS t"
                                     " ON t.id = v.timepoint_id WHERE t.code = 'T4' AND v.missed = 0");
  g_autofree char *rows_sql = g_strdup_printf (
    "SELECT p.code, c.name, t.code, v.completed_date, i.code, j.key, coalesce (j.value, '')"
    " FROM visit AS v JOIN participant AS p ON p.id = v.participant_id JOIN cohort AS c ON c.id = p.cohort_id"
    " JOIN timepoint_def AS t ON t.id = v.timepoint_id JOIN answer_sheet AS a ON a.visit_id = v.id"
    " JOIN instrument AS i ON i.id = a.instrument_id, json_each (a.answers) AS j WHERE v.id = %" G_GINT64_FORMAT,
    visit);
  g_autofree char *delete_sql = g_strdup_printf ("DELETE FROM answer_sheet WHERE visit_id = %" G_GINT64_FORMAT ";"
                                                 "DELETE FROM visit WHERE id = %" G_GINT64_FORMAT ";", visit, visit);
  g_autoptr(GString) csv = g_string_new ("participant,cohort,timepoint,completed_date,instrument,item,value\n");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(TrellisScoreTable) without = NULL;
  g_autoptr(TrellisScoreTable) with = NULL;
  sqlite3_stmt *stmt;
  GDate today;

  g_assert_cmpint (sqlite3_prepare_v2 (fixture->raw, rows_sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    for (int column = 0; column < 7; column++)
      g_string_append_printf (csv, "\"%s\"%c", (const char *) sqlite3_column_text (stmt, column),
                              column < 6 ? ',' : '\n');
  sqlite3_finalize (stmt);
  g_assert_cmpuint (csv->len, >, 100);

  exec (fixture, delete_sql);
  without = read_checked (fixture, "BRS");
  g_assert_cmpuint (stored (fixture, "BRS"), ==, 0x7);

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 1, 1, 2030);
  bytes = g_bytes_new (csv->str, csv->len);
  g_assert_true (trellis_response_import (fixture->db, "follow-up.csv", bytes, TRELLIS_RESPONSE_FORM_LONG,
                                          g_date_get_julian (&today), NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stored (fixture, "BRS"), ==, 0);
  with = read_checked (fixture, "BRS");
  g_assert_cmpuint (with->n_observations, ==, without->n_observations + 1);
  g_assert_cmpuint (stored (fixture, "BRS"), ==, 0x7);
}

/* A stored block that does not decode is read as absent and made again. */
static void
test_damaged_block (Fixture       *fixture,
                    gconstpointer  data)
{
  trellis_score_table_free (read_checked (fixture, "CCAE"));
  exec (fixture, "UPDATE score_cache SET data = x'31425354ffff' WHERE block = 2");
  trellis_score_table_free (read_checked (fixture, "CCAE"));
  g_assert_cmpint (int_query (fixture, "SELECT count (*) FROM score_cache WHERE data = x'31425354ffff'"), ==, 0);
  g_assert_cmpint (int_query (fixture, "SELECT count (*) FROM score_cache WHERE block = 2"), ==, 1);
}

static GPtrArray *
one_block (Fixture *fixture,
           GArray  *numbers)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) trellis_score_block_free);
  GPtrArray *encoded = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  gint64 number = 0;
  TrellisScoreBlock *block;

  g_ptr_array_set_size (blocks, 1);
  trellis_score_table_free (read_checked (fixture, "BRS"));
  g_assert_true (trellis_score_cache_load (fixture->db, 1, blocks, &error));
  g_assert_no_error (error);
  block = blocks->pdata[0];
  g_assert_nonnull (block);
  g_ptr_array_add (encoded, trellis_score_block_encode (block, 0, trellis_score_block_get_n_participants (block)));
  g_array_append_val (numbers, number);
  return encoded;
}

/* A worker's connection stores a block only while its snapshot is the
 * newest: one made before a change is never stored after it. Outside that,
 * it writes nothing. */
static void
test_stale_snapshot_not_stored (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) numbers = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) encoded = one_block (fixture, numbers);
  g_autoptr(TrellisDatabase) reader = trellis_database_open_reader (fixture->db, &error);
  sqlite3 *reader_raw;

  g_assert_no_error (error);
  reader_raw = trellis_database_get_handle (reader);
  exec (fixture, "DELETE FROM score_cache");

  /* Nothing outside a read transaction, and the connection stays query_only. */
  g_assert_false (trellis_score_cache_store (reader, 1, numbers, encoded));
  g_assert_cmpint (sqlite3_exec (reader_raw, "DELETE FROM score_cache", NULL, NULL, NULL), ==, SQLITE_READONLY);

  g_assert_true (trellis_database_begin_read (reader, &error));
  exec (fixture, "UPDATE participant SET cohort_id = cohort_id WHERE id = 1");
  g_assert_false (trellis_score_cache_store (reader, 1, numbers, encoded));
  trellis_database_end_read (reader);
  g_assert_cmpint (int_query (fixture, "SELECT count (*) FROM score_cache"), ==, 0);

  g_assert_true (trellis_database_begin_read (reader, &error));
  g_assert_true (trellis_score_cache_store (reader, 1, numbers, encoded));
  trellis_database_end_read (reader);
  g_assert_cmpint (int_query (fixture, "SELECT count (*) FROM score_cache"), ==, 1);
  g_assert_cmpint (sqlite3_exec (reader_raw, "DELETE FROM score_cache", NULL, NULL, NULL), ==, SQLITE_READONLY);
}

/* A study opened read-only is read the same way and left as it was. */
static void
test_read_only_study (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisScoreTable) written = read_checked (fixture, "BRS");
  g_autoptr(TrellisScoreTable) table = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *again = NULL;

  exec (fixture, "DELETE FROM score_cache");
  g_clear_object (&fixture->db);
  hash = trellis_test_dump_hash (fixture->folder.path);
  fixture->db = trellis_database_open (fixture->folder.path, TRELLIS_OPEN_FLAGS_READ_ONLY, &error);
  g_assert_no_error (error);
  fixture->raw = trellis_database_get_handle (fixture->db);
  table = read_checked (fixture, "BRS");
  g_assert_cmpuint (table->n_observations, ==, written->n_observations);
  g_assert_cmpuint (stored (fixture, "BRS"), ==, 0);
  g_clear_object (&fixture->db);
  again = trellis_test_dump_hash (fixture->folder.path);
  g_assert_cmpstr (again, ==, hash);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, func) \
  g_test_add ("/trellis/storage/score-cache/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("stored-then-read", test_stored_then_read);
  ADD ("reads-stored-blocks", test_reads_stored_blocks);
  ADD ("changes-drop-their-blocks", test_changes_drop_their_blocks);
  ADD ("cleared-by-bulk-writers", test_cleared_by_bulk_writers);
  ADD ("response-import", test_response_import);
  ADD ("damaged-block", test_damaged_block);
  ADD ("stale-snapshot-not-stored", test_stale_snapshot_not_stored);
  ADD ("read-only-study", test_read_only_study);
#undef ADD
  make_template ();
  status = g_test_run ();
  g_bytes_unref (template);
  trellis_test_remove_tree (template_dir);
  g_free (template_dir);
  return status;
}
