/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>

#include "trellis-database-private.h"
#include "trellis-participant-list.h"
#include "trellis-study.h"
#include "trellis-test-utils.h"

/* How quickly the participants list loads, filters and sorts a register of
 * 100,000 participants. The page refilters on every keystroke, so one more
 * letter should take a few milliseconds, and a sort well under a frame's worth
 * of patience (50 ms). Prints its figures; asserts nothing about time. */

#define N_PARTICIPANTS 100000
#define ROUNDS 5

static void
fill (TrellisDatabase *db)
{
  g_autoptr(GError) error = NULL;

  trellis_database_exec (db,
      "BEGIN;"
      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20)"
      " INSERT INTO cohort (id, name, profession_id) SELECT i, 'Cohort ' || i, 1 + i % 8 FROM n;"
      "INSERT INTO consent_version (id, label, version_date, clauses, requires_reconsent) VALUES"
      " (1, 'v1', '2024-01-01', '[]', 0), (2, 'v2', '2024-06-01', '[]', 1);"
      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)"
      " INSERT INTO participant (id, code, cohort_id, baseline_date, created, lost_date)"
      " SELECT i, printf ('P%06d', i), 1 + (i * 7) % 20,"
      "  CASE WHEN i % 5 THEN date ('2024-01-01', '+' || (i % 365) || ' days') END,"
      "  '2024-01-01', CASE WHEN i % 13 = 0 THEN '2024-09-01' END FROM n;"
      "INSERT INTO consent (participant_id, version_id, consent_date, taken_by, answers)"
      " SELECT id, 1 + id % 2, '2024-06-02', 'AB',"
      "  CASE WHEN id % 17 THEN '{\"take_part\": true}' ELSE '{\"take_part\": false}' END"
      " FROM participant WHERE id % 4;"
      "INSERT INTO withdrawal (participant_id, kind, effective_date)"
      " SELECT id, 'no-further-data', '2024-08-01' FROM participant WHERE id % 29 = 0;"
      "COMMIT;", &error);
  g_assert_no_error (error);
}

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* The slowest of ROUNDS runs of going from FROM to TO. */
static double
time_filter (TrellisParticipantList *list,
             const char             *from,
             const char             *to)
{
  double worst = 0;

  for (guint r = 0; r < ROUNDS; r++)
    {
      gint64 start;

      trellis_participant_list_set_filter (list, from);
      start = g_get_monotonic_time ();
      trellis_participant_list_set_filter (list, to);
      worst = MAX (worst, ms_since (start));
    }
  return worst;
}

static void
report_filters (TrellisParticipantList *list)
{
  static const char *const steps[][2] = {
    { "", "p" }, { "p", "p0" }, { "p0", "p00" }, { "p00", "p001" }, { "p001", "p00" },
    { "p00", "" }, { "", "c" }, { "c", "co" }, { "co", "coh" }, { "", "active" },
    { "", "cohort 1 active" }, { "cohort 1 activ", "cohort 1 active" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      double ms = time_filter (list, steps[i][0], steps[i][1]);

      printf ("filter ‘%s’ → ‘%s’: %.2f ms, %u shown\n", steps[i][0], steps[i][1], ms,
              g_list_model_get_n_items (G_LIST_MODEL (list)));
    }
  trellis_participant_list_set_filter (list, "");
}

static void
report_sorts (TrellisParticipantList *list)
{
  static const char *const names[] = { "code", "cohort", "status", "baseline date", "consent" };

  for (guint column = 0; column < G_N_ELEMENTS (names); column++)
    for (guint descending = 0; descending < 2; descending++)
      {
        double worst = 0;

        for (guint r = 0; r < ROUNDS; r++)
          {
            gint64 start;

            trellis_participant_list_set_sort (list, column == 0 ? 1 : 0, FALSE);
            start = g_get_monotonic_time ();
            trellis_participant_list_set_sort (list, column, descending);
            worst = MAX (worst, ms_since (start));
          }
        printf ("sort by %s%s: %.2f ms\n", names[column], descending ? ", descending" : "", worst);
      }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(TrellisStudy) study = NULL;
  g_autoptr(TrellisParticipantList) list = NULL;
  gint64 start;

  dir = trellis_test_make_tmp_dir ();
  path = g_build_filename (dir, "bench.trellis", NULL);
  study = trellis_study_create (path, "Benchmark", &error);
  g_assert_no_error (error);
  fill (trellis_study_get_database (study));

  list = trellis_participant_list_new (trellis_study_get_database (study));
  start = g_get_monotonic_time ();
  g_assert_true (trellis_participant_list_reload (list, &error));
  printf ("load %u participants: %.1f ms\n", trellis_participant_list_get_n_total (list), ms_since (start));
  g_assert_cmpuint (trellis_participant_list_get_n_total (list), ==, N_PARTICIPANTS);

  report_filters (list);
  report_sorts (list);

  g_clear_object (&list);
  g_clear_object (&study);
  trellis_test_remove_tree (dir);
  return 0;
}
