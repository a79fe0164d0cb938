/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "trellis-score-table.h"

/* The sleepstudy data (lme4) and lme4/lmerTest's fits of
 * Reaction ~ factor(Days) + (1 | Subject), from tests/data/reference. */

/* Rows (1-based, as in the reference's README) left out of the unbalanced case. */
static const guint sleepstudy_unbalanced_dropped[] = {
  5, 17, 29, 33, 40, 41, 42, 77, 90, 101, 120, 133, 150, 160, 170, 171, 172, 179,
};

static char *
sleepstudy_unquote (const char *field)
{
  return g_strstrip (g_strdelimit (g_strdup (field), "\"", ' '));
}

static gboolean
sleepstudy_row_dropped (guint row)
{
  for (guint k = 0; k < G_N_ELEMENTS (sleepstudy_unbalanced_dropped); k++)
    if (sleepstudy_unbalanced_dropped[k] == row)
      return TRUE;
  return FALSE;
}

/* Subjects in file order (they are grouped there), days 0–9 as timepoints. */
G_GNUC_UNUSED static TrellisScoreTable *
sleepstudy_table (gboolean unbalanced)
{
  static const char *const codes[] = { "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", NULL };
  static const char *const cohorts[] = { "all", NULL };
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "reference", "sleepstudy.csv", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *subject = NULL;
  TrellisScoreTable *table;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  table = trellis_score_table_new (codes, codes, cohorts);
  for (guint row = 1; lines[row] != NULL && lines[row][0] != '\0'; row++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[row], ",", -1);
      g_autofree char *id = sleepstudy_unquote (fields[2]);

      if (unbalanced && sleepstudy_row_dropped (row))
        continue;
      if (subject == NULL || strcmp (subject, id) != 0)
        {
          g_free (subject);
          subject = g_strdup (id);
          trellis_score_table_begin_participant (table, id, 0);
        }
      trellis_score_table_add (table, atoi (fields[1]), g_ascii_strtod (fields[0], NULL));
    }
  trellis_score_table_finish (table);
  return table;
}

typedef struct
{
  double estimate, se, df, t, p, ci_low, ci_high, var_id, var_resid, reml_loglik;
} SleepstudyExpected;

/* The ten rows of @case_name, (Intercept) then Days1–Days9. */
G_GNUC_UNUSED static void
sleepstudy_expected (const char         *case_name,
                     SleepstudyExpected  rows[10])
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "reference", "sleepstudy-expected.csv", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  guint n = 0;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (guint row = 1; lines[row] != NULL && lines[row][0] != '\0'; row++)
    {
      g_auto(GStrv) f = g_strsplit (lines[row], ",", -1);
      g_autofree char *name = sleepstudy_unquote (f[0]);

      if (strcmp (name, case_name) != 0)
        continue;
      g_assert_cmpuint (n, <, 10);
      rows[n++] = (SleepstudyExpected) {
        g_ascii_strtod (f[2], NULL), g_ascii_strtod (f[3], NULL), g_ascii_strtod (f[4], NULL),
        g_ascii_strtod (f[5], NULL), g_ascii_strtod (f[6], NULL), g_ascii_strtod (f[9], NULL),
        g_ascii_strtod (f[10], NULL), g_ascii_strtod (f[11], NULL), g_ascii_strtod (f[12], NULL),
        g_ascii_strtod (f[13], NULL),
      };
    }
  g_assert_cmpuint (n, ==, 10);
}
