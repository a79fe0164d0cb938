/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "trellis-score-table.h"

static const char *const codes[] = { "T1", "T2", "T3", NULL };
static const char *const labels[] = { "Baseline", "After workshop", "After coaching", NULL };
static const char *const cohorts[] = { "Midwives", "Paramedics", NULL };

/* Participants keep their observations together, in the order added, and a
 * participant without scores still counts. */
static void
test_rows_grouped_by_participant (void)
{
  g_autoptr(TrellisScoreTable) table = trellis_score_table_new (codes, labels, cohorts);

  /* More than the first capacities, so that the arrays have to grow. */
  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *code = g_strdup_printf ("P%03u", i + 1);

      trellis_score_table_begin_participant (table, code, i % 2);
      for (guint t = 0; t < 3; t++)
        if (i % 3 != 2 && (t == 0 || i % 5 != 0))
          trellis_score_table_add (table, t, i + t / 10.0);
    }
  trellis_score_table_finish (table);

  g_assert_cmpuint (table->n_participants, ==, 300);
  g_assert_cmpuint (table->n_timepoints, ==, 3);
  g_assert_cmpuint (table->n_cohorts, ==, 2);
  g_assert_cmpstr (table->timepoint_labels[1], ==, "After workshop");
  g_assert_cmpstr (table->participant_codes[299], ==, "P300");
  g_assert_null (table->participant_codes[300]);
  g_assert_cmpuint (table->first[0], ==, 0);
  g_assert_cmpuint (table->first[table->n_participants], ==, table->n_observations);

  /* P001 (i = 0) has only a baseline; P002 all three; P003 nothing. */
  g_assert_cmpuint (table->first[1] - table->first[0], ==, 1);
  g_assert_cmpuint (table->first[2] - table->first[1], ==, 3);
  g_assert_cmpuint (table->first[3] - table->first[2], ==, 0);
  g_assert_cmpuint (table->participant_cohort[1], ==, 1);
  g_assert_cmpuint (table->timepoint[table->first[1] + 2], ==, 2);
  g_assert_cmpfloat_with_epsilon (table->value[table->first[1] + 2], 1.2, 1e-12);
}

/* Room reserved ahead changes nothing a table holds, whether it was too
 * little or too much. */
static void
test_reserve (void)
{
  for (guint reserve = 10; reserve <= 1000; reserve *= 100)
    {
      g_autoptr(TrellisScoreTable) table = trellis_score_table_new (codes, labels, cohorts);

      trellis_score_table_reserve (table, reserve, reserve * 3);
      for (guint i = 0; i < 200; i++)
        {
          trellis_score_table_begin_participant (table, NULL, i % 2);
          for (guint t = 0; t <= i % 3; t++)
            trellis_score_table_add (table, t, i * 10 + t);
        }
      trellis_score_table_finish (table);
      g_assert_cmpuint (table->n_participants, ==, 200);
      g_assert_cmpuint (table->n_observations, ==, 67 * 1 + 67 * 2 + 66 * 3);
      g_assert_cmpuint (table->first[199], ==, table->n_observations - 2);
      g_assert_cmpfloat (table->value[table->n_observations - 1], ==, 1991);
      g_assert_cmpuint (table->participant_cohort[199], ==, 1);
    }
}

/* A table read from a file without codes keeps none. */
static void
test_without_codes (void)
{
  g_autoptr(TrellisScoreTable) table = trellis_score_table_new (codes, labels, cohorts);

  trellis_score_table_begin_participant (table, NULL, 0);
  trellis_score_table_add (table, 0, 1.0);
  trellis_score_table_finish (table);

  g_assert_null (table->participant_codes);
  g_assert_cmpuint (table->n_observations, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/score-table/grouped-by-participant", test_rows_grouped_by_participant);
  g_test_add_func ("/score-table/without-codes", test_without_codes);
  g_test_add_func ("/score-table/reserve", test_reserve);
  return g_test_run ();
}
