/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "bench-util.h"
#include "trellis-analysis.h"
#include "trellis-database-private.h"
#include "trellis-design.h"
#include "trellis-mixed-model.h"
#include "trellis-score-reader.h"

/* The analysis benchmark (issue 6), on the demo studies build-aux/bench
 * makes (1,000, 10,000 and 100,000 participants, 4 timepoints, the seed
 * study's drop-out), instrument CCAE:
 *   (a) the whole "analyse one instrument" path: open the study file as
 *       the app does (for writing), read the scores, descriptives, the REML
 *       fit, Satterthwaite df, Cohen's d and the sentence (target 50 ms at
 *       100,000), against a bare SELECT score FROM answer_sheet scan on a
 *       fresh connection. Three ways: with the score cache stored (as after
 *       any earlier analysis), after one score has changed (one block is
 *       read from the tables again and stored), and with no cache at all
 *       (every table scanned and every block stored, as after an import).
 *       They run on a copy of the demo study, which stays untouched;
 *   (b) the fit alone (REML and Satterthwaite) on the scores in memory
 *       (target 5 ms), against one pass over the same arrays;
 *   (c) R's lme4 and lmerTest on the same scores written to a CSV, timing
 *       only the fit inside R (system.time, after R has started and read
 *       the file): lme4::lmer, and lmerTest::lmer with summary () for the
 *       Satterthwaite df; the ratio R/Trellis (target 100× at 100,000). R
 *       missing only skips (c).
 * Each Trellis figure is the median of several runs after a first one that
 * warms the page cache. Run as bench-analysis [--sizes N,N…] [--runs N]. */

#define INSTRUMENT "CCAE"

static const char r_script[] =
  "suppressMessages(library(lmerTest))\n"
  "d <- read.csv(commandArgs(TRUE)[1], colClasses = c('character', 'character', 'numeric'))\n"
  "d$id <- factor(d$id); d$time <- factor(d$time)\n"
  "invisible(lme4::lmer(score ~ time + (1 | id), d[1:min(200, nrow(d)), ]))\n"
  "t1 <- system.time(m1 <- lme4::lmer(score ~ time + (1 | id), d))[['elapsed']]\n"
  "t2 <- system.time({ m2 <- lmerTest::lmer(score ~ time + (1 | id), d); s <- summary(m2) })[['elapsed']]\n"
  "cat(sprintf('R lme4=%.6f lmertest=%.6f beta=%.12g se=%.12g df=%.12g\\n', t1, t2,\n"
  "            s$coefficients[2, 1], s$coefficients[2, 2], s$coefficients[2, 3]))\n";

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

/* (a): everything between a file name and the paragraph. */
static double
analyse_from_file (const char  *path,
                   char       **sentence)
{
  g_autoptr(GError) error = NULL;
  double start = now_ms ();
  g_autoptr(TrellisDatabase) db = trellis_database_open (path, TRELLIS_OPEN_FLAGS_NONE, &error);
  g_autofree char *label = NULL;
  g_autoptr(TrellisScoreTable) table = NULL;
  g_autoptr(TrellisAnalysis) analysis = NULL;
  double ms;

  g_assert_no_error (error);
  table = trellis_score_table_read_labelled (db, INSTRUMENT, &label, &error);
  g_assert_no_error (error);
  analysis = trellis_analysis_run (table, label, &error);
  g_assert_no_error (error);
  ms = now_ms () - start;
  if (sentence != NULL)
    *sentence = g_strdup (trellis_analysis_get_sentence (analysis));
  return ms;
}

/* (a)'s reference: the scan of every score in the file. */
static double
scan_scores (const char *path)
{
  g_autoptr(GError) error = NULL;
  double start = now_ms (), sum = 0;
  g_autoptr(TrellisDatabase) db = trellis_database_open (path, TRELLIS_OPEN_FLAGS_READ_ONLY, &error);
  sqlite3_stmt *stmt;

  g_assert_no_error (error);
  stmt = trellis_database_prepare (db, "SELECT score FROM answer_sheet", &error);
  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    sum += sqlite3_column_double (stmt, 0);
  sqlite3_reset (stmt);
  g_assert_true (sum > 0);
  return now_ms () - start;
}

/* (b): the fit, Satterthwaite's df included. */
static double
fit (const TrellisScoreTable *table)
{
  g_autoptr(GError) error = NULL;
  double start = now_ms ();
  g_autoptr(TrellisDesign) design = trellis_design_new_timepoints (table);
  g_autoptr(TrellisMixedModel) model = trellis_mixed_model_fit (table, design, "CCAE", &error);
  double ms = now_ms () - start;

  g_assert_no_error (error);
  return ms;
}

/* (b)'s reference: one pass over the arrays, the least any fit can read. */
static volatile double pass_sink;

static double
one_pass (const TrellisScoreTable *table)
{
  double start = now_ms (), sums[256] = { 0 };

  for (guint i = 0; i < table->n_participants; i++)
    for (guint32 o = table->first[i]; o < table->first[i + 1]; o++)
      sums[table->timepoint[o]] += table->value[o];
  pass_sink = sums[0] + sums[1];
  return now_ms () - start;
}

static double
median_of (double (*measure) (gconstpointer data),
           gconstpointer data,
           guint         runs)
{
  g_autofree double *values = g_new (double, runs);

  measure (data);
  for (guint k = 0; k < runs; k++)
    values[k] = measure (data);
  return bench_median (values, runs);
}

/* One way of (a): SQL run on the study before each timed run, or NULL. */
typedef struct
{
  const char *path;
  const char *before;
} Analysis;

static const char change_one_score_sql[] =
  "UPDATE answer_sheet SET score = score WHERE id = (SELECT max (id) FROM answer_sheet"
  " WHERE instrument_id = (SELECT id FROM instrument WHERE code = '" INSTRUMENT "'))";
static const char drop_cache_sql[] = "DELETE FROM score_cache";

static double
measure_analyse (gconstpointer data)
{
  const Analysis *analysis = data;

  if (analysis->before != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TrellisDatabase) db = trellis_database_open (analysis->path, TRELLIS_OPEN_FLAGS_NONE, &error);

      g_assert_no_error (error);
      g_assert_true (trellis_database_exec (db, analysis->before, &error));
    }
  return analyse_from_file (analysis->path, NULL);
}


static double measure_scan (gconstpointer path) { return scan_scores (path); }
static double measure_fit (gconstpointer table) { return fit (table); }
static double measure_pass (gconstpointer table) { return one_pass (table); }

static char *
write_scores_csv (const TrellisScoreTable *table,
                  const char              *dir)
{
  char *path = g_build_filename (dir, "scores.csv", NULL);
  FILE *file = fopen (path, "w");

  g_assert_nonnull (file);
  fputs ("id,time,score\n", file);
  for (guint i = 0; i < table->n_participants; i++)
    for (guint32 o = table->first[i]; o < table->first[i + 1]; o++)
      {
        char buffer[G_ASCII_DTOSTR_BUF_SIZE];

        fprintf (file, "%u,%s,%s\n", i, table->timepoint_codes[table->timepoint[o]],
                 g_ascii_formatd (buffer, sizeof buffer, "%.17g", table->value[o]));
      }
  fclose (file);
  return path;
}

/* (c): lme4 and lmerTest on the same scores; FALSE with a reason to skip. */
static gboolean
run_r (const TrellisScoreTable *table,
       double                  *lme4_ms,
       double                  *lmertest_ms,
       double                  *beta,
       double                  *df,
       char                   **why_not)
{
  g_autofree char *rscript = g_find_program_in_path ("Rscript");
  g_autofree char *dir = NULL;
  g_autofree char *script = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  const char *line;
  int status;
  double se;

  if (rscript == NULL)
    {
      *why_not = g_strdup ("Rscript is not installed (build-aux/install-deps bench installs r-cran-lmertest)");
      return FALSE;
    }
  dir = g_dir_make_tmp ("bench-analysis-XXXXXX", &error);
  g_assert_no_error (error);
  script = g_build_filename (dir, "fit.R", NULL);
  g_assert_true (g_file_set_contents (script, r_script, -1, NULL));
  csv = write_scores_csv (table, dir);
  {
    const char *argv[] = { rscript, "--vanilla", script, csv, NULL };

    if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error) ||
        !g_spawn_check_wait_status (status, NULL) || (line = strstr (out, "R lme4=")) == NULL ||
        sscanf (line, "R lme4=%lf lmertest=%lf beta=%lf se=%lf df=%lf", lme4_ms, lmertest_ms, beta, &se, df) != 5)
      *why_not = g_strdup_printf ("R did not fit (is r-cran-lmertest installed?): %s",
                                  error != NULL ? error->message : err);
  }
  g_unlink (script);
  g_unlink (csv);
  g_rmdir (dir);
  *lme4_ms *= 1000;
  *lmertest_ms *= 1000;
  return *why_not == NULL;
}

static void
print_ratio_at_least (const char *name,
                      double      ratio,
                      double      target)
{
  if (target > 0)
    printf ("ratio:  %-56s %12.1f× (target ≥ %.0f×: %s)\n", name, ratio, target, ratio >= target ? "met" : "MISSED");
  else
    printf ("ratio:  %-56s %12.1f×\n", name, ratio);
  fflush (stdout);
}

/* A copy of the study at path in a new temporary folder, to write into. */
static char *
copy_study (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bench-analysis-XXXXXX", &error);
  g_autofree char *contents = NULL;
  char *copy;
  gsize length;

  g_assert_no_error (error);
  copy = g_build_filename (dir, "analysis.trellis", NULL);
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_true (g_file_set_contents (copy, contents, length, &error));
  return copy;
}

static void
remove_study (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *file = g_build_filename (dir, name, NULL);

      g_unlink (file);
    }
  g_rmdir (dir);
}

static void
bench_size (const char *data_dir,
            guint       n,
            guint       runs)
{
  g_autofree char *file = g_strdup_printf ("demo-%u.trellis", n);
  g_autofree char *path = g_build_filename (data_dir, file, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisDatabase) db = NULL;
  g_autoptr(TrellisScoreTable) table = NULL;
  g_autofree char *sentence = NULL;
  g_autofree char *why_not = NULL;
  g_autofree char *copy = NULL;
  double whole, scan, fitted, pass, lme4_ms = 0, lmertest_ms = 0, r_beta = 0, r_df = 0;
  char name[128];

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      printf ("skipped: %s is missing (build-aux/bench makes it)\n", path);
      return;
    }
  db = trellis_database_open (path, TRELLIS_OPEN_FLAGS_READ_ONLY, &error);
  g_assert_no_error (error);
  table = trellis_score_table_read (db, INSTRUMENT, &error);
  g_assert_no_error (error);
  g_clear_object (&db);
  printf ("\n%u participants: %u scores of " INSTRUMENT "\n", n, table->n_observations);

  copy = copy_study (path);
  {
    Analysis stored = { copy, NULL }, changed = { copy, change_one_score_sql }, none = { copy, drop_cache_sql };

    whole = median_of (measure_analyse, &stored, runs);
    scan = median_of (measure_scan, copy, runs);
    g_snprintf (name, sizeof name, "analyse one instrument from the file, %u", n);
    bench_print_target (name, whole, "ms", 50);
    g_snprintf (name, sizeof name, "  against SELECT score FROM answer_sheet, %u", n);
    bench_print_ratio (name, whole, scan, 0);
    g_snprintf (name, sizeof name, "  the same after one score changed, %u", n);
    bench_print_figure (name, median_of (measure_analyse, &changed, runs), "ms");
    g_snprintf (name, sizeof name, "  the same with no score cache (stored by it), %u", n);
    bench_print_figure (name, median_of (measure_analyse, &none, runs), "ms");
  }
  remove_study (copy);

  fitted = median_of (measure_fit, table, runs * 4) * 1000;
  pass = median_of (measure_pass, table, runs * 4) * 1000;
  g_snprintf (name, sizeof name, "REML fit and Satterthwaite in memory, %u", n);
  bench_print_target (name, fitted, "µs", 5000);
  g_snprintf (name, sizeof name, "  against one pass over the scores, %u", n);
  bench_print_ratio (name, fitted, pass, 0);

  if (!run_r (table, &lme4_ms, &lmertest_ms, &r_beta, &r_df, &why_not))
    {
      printf ("skipped: R at %u: %s\n", n, why_not);
      return;
    }
  {
    g_autoptr(TrellisDesign) design = trellis_design_new_timepoints (table);
    g_autoptr(TrellisMixedModel) model = trellis_mixed_model_fit (table, design, NULL, NULL);
    const TrellisFixedEffect *t2 = trellis_mixed_model_find_timepoint (model, 1);

    printf ("  T2 vs baseline: Trellis β %.10g df %.6g, lmerTest β %.10g df %.6g (relative differences %.1e, %.1e)\n",
            t2->estimate, t2->df, r_beta, r_df, fabs (t2->estimate / r_beta - 1), fabs (t2->df / r_df - 1));
  }
  g_snprintf (name, sizeof name, "R lme4::lmer fit, %u", n);
  bench_print_figure (name, lme4_ms, "ms");
  g_snprintf (name, sizeof name, "R lmerTest::lmer with summary (Satterthwaite), %u", n);
  bench_print_figure (name, lmertest_ms, "ms");
  g_snprintf (name, sizeof name, "lmerTest / Trellis fit in memory, %u", n);
  print_ratio_at_least (name, lmertest_ms / (fitted / 1000), n >= 100000 ? 100 : 0);
  g_snprintf (name, sizeof name, "lmerTest / Trellis from the file, %u", n);
  print_ratio_at_least (name, lmertest_ms / whole, 0);
  g_snprintf (name, sizeof name, "lme4 / Trellis fit in memory, %u", n);
  print_ratio_at_least (name, lme4_ms / (fitted / 1000), 0);
}

int
main (int argc, char *argv[])
{
  g_autofree char *sizes_text = NULL;
  int runs = 5;
  GOptionEntry entries[] = {
    { "sizes", 0, 0, G_OPTION_ARG_STRING, &sizes_text, "Participants per study, as N,N…", "N,N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Timed runs per figure (median)", "N" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) sizes = NULL;
  const char *data_dir = g_getenv ("TRELLIS_BENCH_DATA");

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (data_dir == NULL)
    {
      printf ("skipped: TRELLIS_BENCH_DATA is not set (build-aux/bench sets it)\n");
      return 0;
    }
  sizes = g_strsplit (sizes_text != NULL ? sizes_text : "1000,10000,100000", ",", -1);
  for (guint k = 0; sizes[k] != NULL; k++)
    bench_size (data_dir, (guint) g_ascii_strtoull (sizes[k], NULL, 10), MAX (runs, 1));
  return 0;
}
