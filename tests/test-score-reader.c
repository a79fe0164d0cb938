/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "demo-fixture.h"
#include "trellis-database-private.h"
#include "trellis-descriptives.h"
#include "trellis-research-purge.h"
#include "trellis-score-block.h"
#include "trellis-score-reader.h"
#include "trellis-storage-error.h"
#include "trellis-study-scores.h"
#include "trellis-test-utils.h"

/* Scores read from the demo study: 69 in the register, 66 who took part,
 * BRS at T1–T4 by 66, 62, 47 and 33 of them. */

static void
check_grouped (const TrellisScoreTable *table)
{
  for (guint i = 0; i < table->n_participants; i++)
    for (guint32 o = table->first[i] + 1; o < table->first[i + 1]; o++)
      g_assert_cmpuint (table->timepoint[o - 1], <, table->timepoint[o]);
}

static void
test_demo (TrellisTestFolder *folder,
           gconstpointer      data)
{
  g_autoptr(TrellisDatabase) db = demo_fixture_create (folder->path, "Demo");
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisScoreTable) table = trellis_score_table_read (db, "brs", &error);
  g_autoptr(TrellisDescriptives) descriptives = NULL;
  sqlite3 *raw;
  double sum = 0;
  static const guint expected[] = { 66, 62, 47, 33 };

  g_assert_no_error (error);
  /* 69 in the register, of whom the 66 who took part have scores. */
  g_assert_cmpuint (table->n_registered, ==, 69);
  g_assert_cmpuint (table->n_participants, ==, 66);
  g_assert_cmpuint (table->n_timepoints, ==, 4);
  g_assert_cmpstr (table->timepoint_codes[0], ==, "T1");
  g_assert_cmpstr (table->timepoint_labels[3], ==, "Follow-up");
  g_assert_cmpuint (table->n_observations, ==, 66 + 62 + 47 + 33);
  /* Nothing downstream shows who a score is from. */
  g_assert_null (table->participant_codes);
  check_grouped (table);

  descriptives = trellis_descriptives_compute (table);
  for (guint t = 0; t < 4; t++)
    g_assert_cmpuint (trellis_descriptives_get (descriptives, TRELLIS_DESCRIPTIVES_ALL, t)->n, ==, expected[t]);

  /* The same scores as SQL finds, and the cohorts by name. */
  for (guint o = 0; o < table->n_observations; o++)
    sum += table->value[o];
  raw = trellis_test_sqlite_open (folder->path, SQLITE_OPEN_READONLY);
  g_assert_cmpint ((gint64) llround (sum * 1000), ==,
                   trellis_test_sqlite_int (raw, "SELECT round (sum (score) * 1000) FROM answer_sheet"
                                                 " JOIN instrument ON instrument.id = instrument_id WHERE code = 'BRS'"));
  g_assert_cmpuint (table->n_cohorts, ==,
                    trellis_test_sqlite_int (raw, "SELECT count (*) FROM cohort"));
  for (guint c = 1; c < table->n_cohorts; c++)
    g_assert_cmpint (g_utf8_collate (table->cohort_names[c - 1], table->cohort_names[c]), <=, 0);
  sqlite3_close (raw);
}

/* The participant with the most BRS scores among those who withdrew. */
static gint64
withdrawn_with_scores (sqlite3 *raw,
                       gint64  *n_scores)
{
  static const char sql[] =
    "SELECT %s FROM withdrawal AS w JOIN visit AS v ON v.participant_id = w.participant_id"
    " JOIN answer_sheet AS a ON a.visit_id = v.id JOIN instrument AS i ON i.id = a.instrument_id"
    " WHERE i.code = 'BRS' GROUP BY w.participant_id ORDER BY count (*) DESC, w.participant_id LIMIT 1";
  g_autofree char *id_sql = g_strdup_printf (sql, "w.participant_id");
  g_autofree char *count_sql = g_strdup_printf (sql, "count (*)");

  *n_scores = trellis_test_sqlite_int (raw, count_sql);
  return trellis_test_sqlite_int (raw, id_sql);
}

/* No block of the score cache lists participant id. */
static void
assert_not_cached (TrellisDatabase *db,
                   gint64           id)
{
  sqlite3_stmt *stmt;

  g_assert_cmpint (sqlite3_prepare_v2 (trellis_database_get_handle (db), "SELECT data FROM score_cache",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(TrellisScoreBlock) block = trellis_score_block_decode (sqlite3_column_blob (stmt, 0),
                                                                       sqlite3_column_bytes (stmt, 0));

      g_assert_nonnull (block);
      for (guint p = 0; p < trellis_score_block_get_n_participants (block); p++)
        g_assert_cmpint (g_array_index (block->participant_ids, gint64, p), !=, id);
    }
  sqlite3_finalize (stmt);
}

/* What a withdrawn participant gave stays in the analysis; a purge of their
 * research data takes it out, and they still count in the register. */
static void
test_withdrawn_and_purged (TrellisTestFolder *folder,
                           gconstpointer      data)
{
  g_autoptr(TrellisDatabase) db = demo_fixture_create (folder->path, "Demo");
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisScoreTable) before = NULL;
  g_autoptr(TrellisScoreTable) after = NULL;
  sqlite3 *raw = trellis_test_sqlite_open (folder->path, SQLITE_OPEN_READONLY);
  gint64 n_scores, id = withdrawn_with_scores (raw, &n_scores);
  gint64 row;
  g_autofree char *row_sql = g_strdup_printf ("SELECT count (DISTINCT v.participant_id) FROM visit AS v"
                                              " JOIN answer_sheet AS a ON a.visit_id = v.id"
                                              " JOIN instrument AS i ON i.id = a.instrument_id"
                                              " WHERE i.code = 'BRS' AND v.participant_id < %" G_GINT64_FORMAT, id);
  TrellisResearchPurgeCounts counts;

  row = trellis_test_sqlite_int (raw, row_sql);
  sqlite3_close (raw);
  g_assert_cmpint (n_scores, >, 0);

  before = trellis_score_table_read (db, "BRS", &error);
  g_assert_no_error (error);
  g_assert_cmpint (before->first[row + 1] - before->first[row], ==, n_scores);
  trellis_score_table_free (trellis_score_table_read (db, "KNOW", &error));
  g_assert_no_error (error);
  g_assert_cmpint (trellis_test_sqlite_int (trellis_database_get_handle (db),
                                            "SELECT count (*) FROM score_cache"), ==, 2);

  g_assert_true (trellis_database_begin_write (db, &error));
  g_assert_true (trellis_research_purge (db, id, "Asked for their data to be destroyed", &counts, &error));
  g_assert_no_error (error);
  g_assert_true (trellis_database_commit (db, &error));
  /* Destroyed means destroyed: no stored copy of their scores is left in
   * the score cache either. */
  assert_not_cached (db, id);
  after = trellis_score_table_read (db, "BRS", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->n_registered, ==, before->n_registered);
  g_assert_cmpuint (after->n_participants, ==, before->n_participants - 1);
  g_assert_cmpuint (after->first[row + 1] - after->first[row], ==,
                    before->first[row + 2] - before->first[row + 1]);
  g_assert_cmpuint (after->n_observations, ==, before->n_observations - n_scores);
  check_grouped (after);
}

static void
test_unknown_instrument (TrellisTestFolder *folder,
                         gconstpointer      data)
{
  g_autoptr(TrellisDatabase) db = demo_fixture_create (folder->path, "Demo");
  g_autoptr(GError) error = NULL;

  g_assert_null (trellis_score_table_read (db, "PHQ9", &error));
  g_assert_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "The study has no instrument “PHQ9”");
}

static void
on_read (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  TrellisScoreTable **table = user_data;
  g_autoptr(GError) error = NULL;

  *table = trellis_study_read_scores_finish (TRELLIS_STUDY (source), result, &error);
  g_assert_no_error (error);
}

/* Off the main thread, through the study's reading connection. */
static void
test_async (TrellisTestFolder *folder,
            gconstpointer      data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisStudy) study = NULL;
  g_autoptr(TrellisScoreTable) table = NULL;
  g_autoptr(TrellisScoreTable) direct = NULL;

  g_object_unref (demo_fixture_create (folder->path, "Demo"));
  study = trellis_study_open (folder->path, TRELLIS_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);
  trellis_study_read_scores_async (study, "KNOW", NULL, on_read, &table);
  while (table == NULL)
    g_main_context_iteration (NULL, TRUE);
  /* The worker's connection stored what it read in the score cache. */
  g_assert_cmpint (trellis_test_sqlite_int (trellis_database_get_handle (trellis_study_get_database (study)),
                                            "SELECT count (*) FROM score_cache JOIN instrument"
                                            " ON instrument.id = instrument_id WHERE code = 'KNOW'"), ==, 1);
  direct = trellis_study_read_scores (study, "KNOW", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (table->n_observations, ==, direct->n_observations);
  g_assert_cmpuint (table->n_registered, ==, 69);
  for (guint o = 0; o < table->n_observations; o++)
    g_assert_cmpfloat (table->value[o], ==, direct->value[o]);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/trellis/storage/score-reader/demo", TrellisTestFolder, NULL,
              trellis_test_folder_set_up, test_demo, trellis_test_folder_tear_down);
  g_test_add ("/trellis/storage/score-reader/withdrawn-and-purged", TrellisTestFolder, NULL,
              trellis_test_folder_set_up, test_withdrawn_and_purged, trellis_test_folder_tear_down);
  g_test_add ("/trellis/storage/score-reader/unknown-instrument", TrellisTestFolder, NULL,
              trellis_test_folder_set_up, test_unknown_instrument, trellis_test_folder_tear_down);
  g_test_add ("/trellis/storage/score-reader/async", TrellisTestFolder, NULL,
              trellis_test_folder_set_up, test_async, trellis_test_folder_tear_down);
  return g_test_run ();
}
