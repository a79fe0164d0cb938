/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench-util.h"

/* The register's benchmarks: one program, one mode per figure, run as
 *   bench-register [OPTION…] MODE…
 * Each mode prints its figures (and, where a reference exists, the ratio to
 * it measured in the same run) through bench_print_figure/_ratio. To add a
 * figure, write a function like run_demo and add it to the modes table; the
 * data build-aux/bench prepares (demo studies and participant CSVs of each
 * size) is found with data_path(). */

typedef struct
{
  char *cli;             /* trellis-cli */
  char *bare;            /* bench-first-frame-bare */
  char *app;             /* trellis, the application */
  char *sqlite;          /* the sqlite3 shell */
  char *data_dir;        /* what build-aux/bench generated */
  char *sizes_text;
  GArray *sizes;         /* of guint: numbers of participants */
  int runs;
  char *work_dir;        /* a temporary folder for files the modes make */
} Options;

typedef struct
{
  const char *name;
  const char *description;
  int       (*run) (const Options *options);
} Mode;

#define EXIT_SKIP 77

static char *
data_path (const Options *options,
           const char    *prefix,
           guint          size,
           const char    *suffix)
{
  g_autofree char *name = g_strdup_printf ("%s%u%s", prefix, size, suffix);

  return g_build_filename (options->data_dir, name, NULL);
}

static void
remove_study (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_remove (path);
  g_remove (wal);
  g_remove (shm);
}

/* The median of options->runs timings of argv, removing path before each. */
static double
time_runs (const Options     *options,
           const char *const *argv,
           const char        *path)
{
  g_autofree double *times = g_new (double, options->runs);

  for (int run = 0; run < options->runs; run++)
    {
      g_autoptr(GError) error = NULL;

      remove_study (path);
      times[run] = bench_time_command (argv, &error);
      if (times[run] < 0)
        {
          g_printerr ("bench-register: %s\n", error->message);
          return -1;
        }
    }
  return bench_median (times, options->runs);
}

static int
needs_option (const char *option)
{
  g_printerr ("bench-register: this mode needs %s (see --help)\n", option);
  return EXIT_FAILURE;
}

/* trellis-cli demo at each size: one transaction, bulk audit rows. */
static int
run_demo (const Options *options)
{
  if (options->cli == NULL)
    return needs_option ("--cli");
  for (guint i = 0; i < options->sizes->len; i++)
    {
      guint size = g_array_index (options->sizes, guint, i);
      g_autofree char *path = g_build_filename (options->work_dir, "demo.trellis", NULL);
      g_autofree char *count = g_strdup_printf ("%u", size);
      g_autofree char *name = g_strdup_printf ("trellis-cli demo, %u participants", size);
      const char *argv[] = { options->cli, "demo", path, "--participants", count, NULL };
      double ms;

      ms = time_runs (options, argv, path);
      remove_study (path);
      if (ms < 0)
        return EXIT_FAILURE;
      bench_print_figure (name, ms, "ms");
    }
  return EXIT_SUCCESS;
}

/* A warm-up run first, so every measured run starts with the same files in
 * the page cache. */
static int
run_first_frame_bare (const Options *options)
{
  const char *argv[] = { options->bare, NULL };
  g_autofree double *times = g_new (double, options->runs);
  g_autofree double *rss = g_new (double, options->runs);

  if (options->bare == NULL)
    return needs_option ("--bare");
  for (int run = -1; run < options->runs; run++)
    {
      g_autoptr(GError) error = NULL;
      BenchFrameResult result;

      if (!bench_run_first_frame (argv, &result, &error))
        {
          g_printerr ("bench-register: %s\n", error->message);
          return EXIT_FAILURE;
        }
      if (run < 0)
        continue;
      times[run] = result.first_frame_ms;
      rss[run] = result.rss_kb / 1024.0;
    }
  bench_print_figure ("first frame, bare GTK 4 window", bench_median (times, options->runs), "ms");
  bench_print_figure ("VmRSS at first frame, bare GTK 4 window", bench_median (rss, options->runs), "MB");
  return EXIT_SUCCESS;
}

/* The bare table has the CSV's own columns, all TEXT, as the CSV header
 * names them; it is made before the timed run, which only imports. */
static gboolean
create_reference_table (const Options  *options,
                        const char     *db,
                        const char     *csv,
                        GError        **error)
{
  g_autoptr(GString) sql = g_string_new ("CREATE TABLE participant_ref (");
  g_autofree char *contents = NULL;
  g_auto(GStrv) columns = NULL;
  const char *argv[] = { options->sqlite, "-batch", db, NULL, NULL };

  if (!g_file_get_contents (csv, &contents, NULL, error))
    return FALSE;
  contents[strcspn (contents, "\r\n")] = '\0';
  columns = g_strsplit (contents, ",", -1);
  for (guint i = 0; columns[i] != NULL; i++)
    {
      g_autofree char *name = g_strdup (g_strstrip (columns[i]));

      g_string_append_printf (sql, "%s\"%s\" TEXT", i > 0 ? ", " : "", name);
    }
  g_string_append (sql, ")");
  argv[3] = sql->str;
  remove_study (db);
  return bench_time_command (argv, error) >= 0;
}

/* One run of sqlite3 .import of CSV into a fresh bare table, in ms; -1 on
 * failure. */
static double
time_sqlite_import_once (const Options *options,
                         const char    *csv)
{
  g_autofree char *db = g_build_filename (options->work_dir, "reference.sqlite", NULL);
  g_autofree char *command = g_strdup_printf (".import --csv --skip 1 '%s' participant_ref", csv);
  const char *argv[] = { options->sqlite, "-batch", db, command, NULL };
  g_autoptr(GError) error = NULL;
  double ms;

  if (!create_reference_table (options, db, csv, &error) ||
      (ms = bench_time_command (argv, &error)) < 0)
    {
      g_printerr ("bench-register: %s\n", error->message);
      ms = -1;
    }
  remove_study (db);
  return ms;
}

static double
time_sqlite_import (const Options *options,
                    const char    *csv)
{
  g_autofree double *times = g_new (double, options->runs);

  for (int run = 0; run < options->runs; run++)
    if ((times[run] = time_sqlite_import_once (options, csv)) < 0)
      return -1;
  return bench_median (times, options->runs);
}

/* The reference for participant import: the sqlite3 shell's own CSV import
 * of the same file into a bare table. */
static int
run_sqlite_import (const Options *options)
{
  int status = EXIT_SKIP;

  for (guint i = 0; i < options->sizes->len; i++)
    {
      guint size = g_array_index (options->sizes, guint, i);
      g_autofree char *csv = data_path (options, "participants-", size, ".csv");
      g_autofree char *name = g_strdup_printf ("sqlite3 .import, %u participants", size);
      double ms;

      if (!g_file_test (csv, G_FILE_TEST_EXISTS))
        {
          g_print ("skipped: %s is missing (build-aux/bench makes it)\n", csv);
          continue;
        }
      if ((ms = time_sqlite_import (options, csv)) < 0)
        return EXIT_FAILURE;
      bench_print_figure (name, ms, "ms");
      status = EXIT_SUCCESS;
    }
  return status;
}

/* Copies a study byte for byte, for a run to write into. */
static gboolean
copy_study (const char  *from,
            const char  *to,
            GError     **error)
{
  g_autofree char *contents = NULL;
  gsize length;

  remove_study (to);
  return g_file_get_contents (from, &contents, &length, error) &&
         g_file_set_contents (to, contents, length, error);
}

/* trellis-cli import participants of CSV into a copy of the demo's study
 * with cohorts and no participants, from spawn to exit; the copy is made
 * before the clock starts. One run, in ms; -1 on failure. */
static double
time_trellis_import_once (const Options *options,
                          const char    *csv)
{
  g_autofree char *empty = g_build_filename (options->data_dir, "cohorts-only.trellis", NULL);
  g_autofree char *study = g_build_filename (options->work_dir, "import.trellis", NULL);
  const char *argv[] = { options->cli, "import", "participants", study, csv, NULL };
  g_autoptr(GError) error = NULL;
  double ms;

  if (!copy_study (empty, study, &error) ||
      (ms = bench_time_command (argv, &error)) < 0)
    {
      g_printerr ("bench-register: %s\n", error->message);
      ms = -1;
    }
  remove_study (study);
  return ms;
}

/* Participant import against the sqlite3 shell's .import of the same file
 * into a bare table, both as child processes, in the same run. Both sides
 * start a process and read the same file; the trellis side also opens and
 * checks the study, and writes it with its audit rows; neither side's
 * study or table is made on the clock. The runs alternate, Trellis then
 * sqlite3, so that other work on the machine weighs on both alike; each
 * figure is the median of its runs. */
static int
run_import (const Options *options)
{
  int status = EXIT_SKIP;

  if (options->cli == NULL)
    return needs_option ("--cli");
  for (guint i = 0; i < options->sizes->len; i++)
    {
      guint size = g_array_index (options->sizes, guint, i);
      g_autofree char *csv = data_path (options, "participants-", size, ".csv");
      g_autofree char *name = NULL;
      g_autofree double *times = g_new (double, options->runs);
      g_autofree double *references = g_new (double, options->runs);
      double ms, reference;

      if (!g_file_test (csv, G_FILE_TEST_EXISTS))
        {
          g_print ("skipped: %s is missing (build-aux/bench makes it)\n", csv);
          continue;
        }
      for (int run = 0; run < options->runs; run++)
        if ((times[run] = time_trellis_import_once (options, csv)) < 0 ||
            (references[run] = time_sqlite_import_once (options, csv)) < 0)
          return EXIT_FAILURE;
      ms = bench_median (times, options->runs);
      reference = bench_median (references, options->runs);
      name = g_strdup_printf ("trellis-cli import participants, %u participants", size);
      bench_print_figure (name, ms, "ms");
      g_free (name);
      name = g_strdup_printf ("sqlite3 .import, %u participants", size);
      bench_print_figure (name, reference, "ms");
      g_free (name);
      name = g_strdup_printf ("import vs sqlite3 .import, %u participants", size);
      bench_print_ratio (name, ms, reference, 1.5);
      status = EXIT_SUCCESS;
    }
  return status;
}

static gboolean
frame_once (const char *const *argv,
            double            *ms,
            double            *rss_mb)
{
  g_autoptr(GError) error = NULL;
  BenchFrameResult result;

  if (!bench_run_first_frame (argv, &result, &error))
    {
      g_printerr ("bench-register: %s\n", error->message);
      return FALSE;
    }
  *ms = result.first_frame_ms;
  *rss_mb = result.rss_kb / 1024.0;
  return TRUE;
}

/* The figures for one page at one size; LABEL names the page ("Participants
 * page"), TARGET_MS is the page's goal for its first frame, 0 for none. */
static void
print_frame_figures (const char *label,
                     guint       size,
                     double      ms,
                     double      rss_mb,
                     double      bare_ms,
                     double      bare_rss_mb,
                     double      target_ms)
{
  g_autofree char *name = g_strdup_printf ("first frame, %s, %u participants", label, size);

  if (target_ms > 0)
    bench_print_target (name, ms, "ms", target_ms);
  else
    bench_print_figure (name, ms, "ms");
  g_free (name);
  name = g_strdup_printf ("first frame vs bare GTK window, %s, %u participants", label, size);
  bench_print_ratio (name, ms, bare_ms, 1.5);
  g_free (name);
  name = g_strdup_printf ("VmRSS, %s, %u participants", label, size);
  bench_print_target (name, rss_mb, "MB", 150);
  g_free (name);
  name = g_strdup_printf ("VmRSS vs bare GTK window, %s, %u participants", label, size);
  bench_print_ratio (name, rss_mb, bare_rss_mb, 0);
}

/* The study of size slot I, or NULL for the bare window's slot. */
static char *
frame_study (const Options *options,
             guint          i)
{
  if (i == options->sizes->len)
    return NULL;
  return data_path (options, "demo-", g_array_index (options->sizes, guint, i), ".trellis");
}

/* Fills times and rss, RUNS values per slot: each size's study, then the
 * bare window. Runs alternate between the programs, after a warm-up of
 * each, so that all of them see the same machine. */
static int
measure_frames (const Options *options,
                double        *times,
                double        *rss)
{
  for (int run = -1; run < options->runs; run++)
    for (guint i = 0; i <= options->sizes->len; i++)
      {
        g_autofree char *study = frame_study (options, i);
        const char *argv[] = { study != NULL ? options->app : options->bare, study, NULL };
        guint slot = i * options->runs + MAX (run, 0);

        if (study != NULL && !g_file_test (study, G_FILE_TEST_EXISTS))
          {
            g_print ("skipped: %s is missing (build-aux/bench makes it)\n", study);
            return EXIT_SKIP;
          }
        if (!frame_once (argv, &times[slot], &rss[slot]))
          return EXIT_FAILURE;
      }
  return EXIT_SUCCESS;
}

/* The application opening each size's demo study on PAGE
 * (TRELLIS_BENCH_FIRST_FRAME, see src/ui/trellis-first-frame-hook.c), to
 * its first drawn frame there, against the bare GTK window started the same
 * way in the same run. */
static int
run_first_frame_page (const Options *options,
                      const char    *page,
                      const char    *label,
                      double         target_ms,
                      double        *medians)
{
  guint n_sizes = options->sizes->len;
  int runs = options->runs;
  g_autofree double *times = g_new0 (double, (n_sizes + 1) * runs);
  g_autofree double *rss = g_new0 (double, (n_sizes + 1) * runs);
  double bare_ms, bare_rss_mb;
  int status;

  if (options->bare == NULL || options->app == NULL)
    return needs_option ("--bare and --app");
  g_setenv ("TRELLIS_BENCH_FIRST_FRAME", page, TRUE);
  if ((status = measure_frames (options, times, rss)) != EXIT_SUCCESS)
    return status;

  bare_ms = bench_median (&times[n_sizes * runs], runs);
  bare_rss_mb = bench_median (&rss[n_sizes * runs], runs);
  bench_print_figure ("first frame, bare GTK 4 window", bare_ms, "ms");
  bench_print_figure ("VmRSS at first frame, bare GTK 4 window", bare_rss_mb, "MB");
  for (guint i = 0; i < n_sizes; i++)
    {
      double ms = bench_median (&times[i * runs], runs);

      print_frame_figures (label, g_array_index (options->sizes, guint, i), ms,
                           bench_median (&rss[i * runs], runs), bare_ms, bare_rss_mb, target_ms);
      if (medians != NULL)
        medians[i] = ms;
    }
  return EXIT_SUCCESS;
}

static int
run_first_frame_app (const Options *options)
{
  return run_first_frame_page (options, "participants", "Participants page", 0, NULL);
}

/* Each size's study opened on the Participants page, and once that has
 * settled, a switch to PAGE as the sidebar makes it: fills switch_ms and
 * paint_ms, RUNS values per size, from the switch to PAGE's first frame
 * with what it reads and to the first frame at all. Runs alternate between
 * the sizes after a warm-up of each, as in measure_frames. */
static int
measure_switches (const Options *options,
                  const char    *page,
                  double        *switch_ms,
                  double        *paint_ms)
{
  int status = EXIT_SUCCESS;

  g_setenv ("TRELLIS_BENCH_FIRST_FRAME", "participants", TRUE);
  g_setenv (BENCH_SWITCH_ENV, page, TRUE);
  for (int run = -1; run < options->runs && status == EXIT_SUCCESS; run++)
    for (guint i = 0; i < options->sizes->len && status == EXIT_SUCCESS; i++)
      {
        g_autofree char *study = frame_study (options, i);
        const char *argv[] = { options->app, study, NULL };
        guint slot = i * options->runs + MAX (run, 0);
        g_autoptr(GError) error = NULL;
        BenchFrameResult result;

        if (!g_file_test (study, G_FILE_TEST_EXISTS))
          {
            g_print ("skipped: %s is missing (build-aux/bench makes it)\n", study);
            status = EXIT_SKIP;
          }
        else if (!bench_run_first_frame (argv, &result, &error))
          {
            g_printerr ("bench-register: %s\n", error->message);
            status = EXIT_FAILURE;
          }
        else
          {
            switch_ms[slot] = result.switch_ms;
            paint_ms[slot] = result.switch_paint_ms;
          }
      }
  g_unsetenv (BENCH_SWITCH_ENV);
  return status;
}

/* The Schedule page reads every participant's every timepoint, places them
 * on today and builds the due list before its grid can show; the goal is
 * 250 ms at 100,000 participants. Two figures per size: from the sidebar
 * switch in a window where the study is already open, what a coordinator
 * waits for, and from the start of the process, which holds GTK's own
 * start-up (the bare window) as well. */
static int
run_first_frame_schedule (const Options *options)
{
  guint n_sizes = options->sizes->len;
  int runs = options->runs;
  g_autofree double *switch_ms = g_new0 (double, n_sizes * runs);
  g_autofree double *paint_ms = g_new0 (double, n_sizes * runs);
  g_autofree double *start_ms = g_new0 (double, n_sizes);
  int status;

  if (options->app == NULL)
    return needs_option ("--app");
  if ((status = measure_switches (options, "schedule", switch_ms, paint_ms)) != EXIT_SUCCESS ||
      (status = run_first_frame_page (options, "schedule", "Schedule page", 0, start_ms)) != EXIT_SUCCESS)
    return status;
  for (guint i = 0; i < n_sizes; i++)
    {
      guint size = g_array_index (options->sizes, guint, i);
      g_autofree char *name = g_strdup_printf ("Schedule grid, from the switch, %u participants", size);

      bench_print_target (name, bench_median (&switch_ms[i * runs], runs), "ms", 250);
      g_free (name);
      name = g_strdup_printf ("Schedule grid, from the start, %u participants", size);
      bench_print_figure (name, start_ms[i], "ms");
      g_free (name);
      name = g_strdup_printf ("Schedule, any frame, from the switch, %u participants", size);
      bench_print_figure (name, bench_median (&paint_ms[i * runs], runs), "ms");
    }
  return EXIT_SUCCESS;
}

static const Mode modes[] = {
  { "import", "time trellis-cli import participants against sqlite3 .import", run_import },
  { "first-frame", "first frame and VmRSS of the Participants page against a bare GTK window", run_first_frame_app },
  { "first-frame-schedule", "the Schedule page's first frame from a switch of page and from the start",
    run_first_frame_schedule },
  { "demo", "time trellis-cli demo at each size", run_demo },
  { "first-frame-bare", "first frame and VmRSS of a bare GTK 4 window", run_first_frame_bare },
  { "sqlite-import", "time sqlite3 .import of each size's participant CSV", run_sqlite_import },
};

static const Mode *
find_mode (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    if (g_str_equal (modes[i].name, name))
      return &modes[i];
  return NULL;
}

static void
options_clear (Options *options)
{
  if (options->work_dir != NULL)
    g_rmdir (options->work_dir);
  g_clear_pointer (&options->work_dir, g_free);
  g_clear_pointer (&options->sizes, g_array_unref);
  g_clear_pointer (&options->cli, g_free);
  g_clear_pointer (&options->bare, g_free);
  g_clear_pointer (&options->app, g_free);
  g_clear_pointer (&options->sqlite, g_free);
  g_clear_pointer (&options->data_dir, g_free);
  g_clear_pointer (&options->sizes_text, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

static gboolean
parse_sizes (Options  *options,
             GError  **error)
{
  g_auto(GStrv) parts = g_strsplit (options->sizes_text, ",", -1);

  options->sizes = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; parts[i] != NULL; i++)
    {
      guint64 size;

      if (!g_ascii_string_to_unsigned (parts[i], 10, 1, 1000000, &size, error))
        return FALSE;
      g_array_append_val (options->sizes, (guint) { size });
    }
  return TRUE;
}

static char *
modes_help (void)
{
  GString *help = g_string_new ("Modes:");

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    g_string_append_printf (help, "\n  %-18s %s", modes[i].name, modes[i].description);
  return g_string_free (help, FALSE);
}

static gboolean
parse_options (Options   *options,
               int       *argc,
               char    ***argv,
               GError   **error)
{
  const GOptionEntry entries[] = {
    { "cli", 0, 0, G_OPTION_ARG_FILENAME, &options->cli, "trellis-cli to run", "PATH" },
    { "bare", 0, 0, G_OPTION_ARG_FILENAME, &options->bare, "bench-first-frame-bare to run", "PATH" },
    { "app", 0, 0, G_OPTION_ARG_FILENAME, &options->app, "trellis, the application, to run", "PATH" },
    { "sqlite", 0, 0, G_OPTION_ARG_FILENAME, &options->sqlite, "the sqlite3 shell (default: sqlite3)", "PATH" },
    { "data", 0, 0, G_OPTION_ARG_FILENAME, &options->data_dir, "the studies and CSVs build-aux/bench made", "DIR" },
    { "sizes", 0, 0, G_OPTION_ARG_STRING, &options->sizes_text, "participants, comma-separated", "N,N,…" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &options->runs, "runs per figure; the median is printed", "N" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("MODE…");
  g_autofree char *help = modes_help ();

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (context, help);
  if (!g_option_context_parse (context, argc, argv, error))
    return FALSE;
  if (options->sizes_text == NULL)
    options->sizes_text = g_strdup ("1000,10000,100000");
  if (options->sqlite == NULL)
    options->sqlite = g_strdup ("sqlite3");
  if (options->data_dir == NULL)
    options->data_dir = g_strdup (g_getenv ("TRELLIS_BENCH_DATA") ? g_getenv ("TRELLIS_BENCH_DATA") : ".");
  options->runs = CLAMP (options->runs, 1, 100);
  return parse_sizes (options, error) &&
         (options->work_dir = g_dir_make_tmp ("trellis-bench-XXXXXX", error)) != NULL;
}

int
main (int    argc,
      char **argv)
{
  g_auto(Options) options = { .runs = 3 };
  g_autoptr(GError) error = NULL;
  int status = EXIT_SKIP;

  if (!parse_options (&options, &argc, &argv, &error))
    {
      g_printerr ("bench-register: %s\n", error->message);
      return 2;
    }
  for (int i = 1; i < argc; i++)
    {
      const Mode *mode = find_mode (argv[i]);
      int mode_status;

      if (mode == NULL)
        {
          g_printerr ("bench-register: unknown mode “%s” (see --help)\n", argv[i]);
          return 2;
        }
      g_print ("== %s: %s\n", mode->name, mode->description);
      mode_status = mode->run (&options);
      if (mode_status == EXIT_FAILURE)
        return EXIT_FAILURE;
      if (mode_status == EXIT_SUCCESS)
        status = EXIT_SUCCESS;
    }
  return status;
}
