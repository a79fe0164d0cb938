/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench-util.h"
#include "trellis-database-private.h"
#include "trellis-demo-study.h"
#include "trellis-participant-import.h"
#include "trellis-study.h"
#include "trellis-study-measures.h"

/* The data-collection benchmark (issue 4): item responses for every
 * participant of a study at 4 timepoints and 3 instruments (the Brief
 * Resilience Scale and the demo's two, or a 6-item 0–10 confidence scale and
 * a 10-item knowledge test: some 20 items, so 100,000 participants give some
 * 8 million rows in the long form), then
 *   (a) trellis-cli import responses of the long and of the wide file, each
 *       against the sqlite3 shell's .import of the same file into a bare
 *       table, in the same run (target: at most 1.5 times as long), and
 *   (b) recomputing every score of the study (trellis_study_rescore),
 *       against the sqlite3 shell rewriting every score once (no target).
 * The study is made here (make_base), and the CSVs are generated from its
 * participants with a fixed seed; about 1 answer in 40 is left blank.
 *
 * What each side of (a) does, for the record: both start a process and read
 * the same file; neither side's study or table is made on the clock. The
 * reference stores each line of the file as one row of TEXT cells, with no
 * index, key or check. Trellis checks every cell against the study, and
 * stores a visit for each participant and timepoint and an answer sheet for
 * each instrument answered (answers as JSON, the score), with their unique
 * indexes and foreign keys and the audit rows, in write-ahead logging. For
 * the long file that is far fewer rows than the reference's one per line;
 * for the wide file it is about four rows per line, some seven times the
 * bytes of the reference's table. Run as
 *   bench-measures [--cli PATH] [--sqlite PATH] [--sizes N,N…] [--runs N] */

typedef struct
{
  char *cli;
  char *sqlite;
  char *sizes_text;
  GArray *sizes;
  int runs;
  gboolean keep;
  char *work_dir;
} Options;

#define EXIT_SKIP 77
#define N_TIMEPOINTS 4
#define SEED 20250113

static const struct
{
  const char *code;
  guint n_items;
  int min;
  int max;
} instruments[] = {
  { "BRS", 6, 1, 5 },
  { "CONF", 6, 0, 10 },
  { "KNOW", 10, 1, 4 },
};

/* Days after baseline each timepoint is completed on, in plan order. */
static const int timepoint_days[N_TIMEPOINTS] = { 0, 1, 3, 35 };

static void
remove_study (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_remove (path);
  g_remove (wal);
  g_remove (shm);
}

static gboolean
copy_file (const char  *from,
           const char  *to,
           GError     **error)
{
  g_autofree char *contents = NULL;
  gsize length;

  remove_study (to);
  return g_file_get_contents (from, &contents, &length, error) &&
         g_file_set_contents (to, contents, length, error);
}

/* ---- The study and its responses ---- */

static TrellisInstrument *
make_instrument (guint which)
{
  const char *labels[] = { NULL, "Confidence in coping with adverse events", "Knowledge test" };
  gboolean test = which == 2;
  TrellisInstrument *instrument = trellis_instrument_new (instruments[which].code, labels[which],
                                                          test ? TRELLIS_SCORING_CORRECT : TRELLIS_SCORING_MEAN,
                                                          (int) instruments[which].n_items * 2 / 3);

  for (guint i = 0; i < instruments[which].n_items; i++)
    {
      g_autofree char *code = g_strdup_printf ("%s%u", instruments[which].code, i + 1);
      g_autoptr(TrellisItem) item = trellis_item_new (code, code, test ? TRELLIS_ITEM_CORRECT : TRELLIS_ITEM_INTEGER,
                                                      instruments[which].min, instruments[which].max);

      if (test)
        trellis_item_set_correct (item, (int) (i % 4) + 1);
      trellis_item_set_position (item, (int) i);
      trellis_instrument_add_item (instrument, item);
    }
  return instrument;
}

/* The register: the demo's own participants come with answers on file,
 * which an import refuses, so the study starts as a demo of no participants
 * (its cohorts, consent versions and instruments) and gets size participants
 * through the participant import, spread over its cohorts, with baselines
 * in the first half of 2025. */
static gboolean
add_participants (TrellisDatabase  *db,
                  guint             size,
                  GError          **error)
{
  sqlite3_stmt *stmt = trellis_database_prepare (db, "SELECT name FROM cohort WHERE archived = 0 ORDER BY id", error);
  g_autoptr(GPtrArray) cohorts = g_ptr_array_new_with_free_func (g_free);
  GString *csv = g_string_new ("code,cohort,baseline_date\n");
  g_autoptr(GBytes) bytes = NULL;
  GDate start;

  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (cohorts, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  g_date_clear (&start, 1);
  g_date_set_dmy (&start, 13, G_DATE_JANUARY, 2025);
  for (guint i = 0; i < size && cohorts->len > 0; i++)
    {
      GDate baseline = start;
      char text[16];

      g_date_add_days (&baseline, i % 180);
      g_date_strftime (text, sizeof text, "%Y-%m-%d", &baseline);
      g_string_append_printf (csv, "B%07u,\"%s\",%s\n", i + 1, (const char *) cohorts->pdata[i % cohorts->len], text);
    }
  bytes = g_string_free_to_bytes (csv);
  return trellis_participant_import (db, "participants.csv", bytes, NULL, NULL, NULL, NULL, NULL, error);
}

/* The study every import run starts from, at base: size participants and
 * three instruments, the demo's own or, where it has fewer, the confidence
 * scale and the knowledge test too. */
static gboolean
make_base (guint           size,
           const char     *base,
           GPtrArray     **measured,
           GError        **error)
{
  g_autoptr(TrellisStudy) study = NULL;
  g_autoptr(TrellisDatabase) db = NULL;

  remove_study (base);
  if ((db = trellis_demo_study_create (base, "Benchmark", 0, SEED, error)) == NULL ||
      !add_participants (db, size, error))
    return FALSE;
  g_clear_object (&db);
  if ((study = trellis_study_open (base, TRELLIS_OPEN_FLAGS_NONE, error)) == NULL)
    return FALSE;
  for (guint i = 1; i < G_N_ELEMENTS (instruments); i++)
    {
      g_autoptr(TrellisInstrument) instrument = make_instrument (i);

      if (g_list_model_get_n_items (trellis_study_get_instruments (study)) >= G_N_ELEMENTS (instruments) ||
          trellis_study_find_instrument (study, instruments[i].code) != NULL)
        continue;
      if (!trellis_study_add_instrument (study, instrument, error))
        return FALSE;
    }
  *measured = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (trellis_study_get_instruments (study)); i++)
    g_ptr_array_add (*measured, g_list_model_get_item (trellis_study_get_instruments (study), i));
  return TRUE;
}

typedef struct
{
  GPtrArray *instruments;   /* TrellisInstrument, those of the study */
  FILE *long_file;
  FILE *wide_file;
  GRand *rand;
  guint64 long_rows;
  guint64 wide_rows;
} Writer;

static void
write_headers (Writer *writer)
{
  fputs ("participant,timepoint,completed_date,instrument,item,value\n", writer->long_file);
  fputs ("participant,timepoint,completed_date", writer->wide_file);
  for (guint i = 0; i < writer->instruments->len; i++)
    {
      TrellisInstrument *instrument = writer->instruments->pdata[i];
      guint n_items;
      const TrellisItemSpec *specs = trellis_instrument_get_specs (instrument, &n_items);

      for (guint j = 0; j < n_items; j++)
        fprintf (writer->wide_file, ",%s_%s", trellis_instrument_get_code (instrument), specs[j].code);
    }
  fputc ('\n', writer->wide_file);
}

/* One instrument of a visit: about 1 answer in 40 is left blank, as on paper. */
static void
write_answers (Writer            *writer,
               const char        *visit,
               TrellisInstrument *instrument)
{
  guint n_items;
  const TrellisItemSpec *specs = trellis_instrument_get_specs (instrument, &n_items);

  for (guint j = 0; j < n_items; j++)
    {
      int value = g_rand_int_range (writer->rand, specs[j].min, specs[j].max + 1);

      if (g_rand_int_range (writer->rand, 0, 40) == 0)
        {
          fputc (',', writer->wide_file);
          continue;
        }
      fprintf (writer->wide_file, ",%d", value);
      fprintf (writer->long_file, "%s,%s,%s,%d\n", visit, trellis_instrument_get_code (instrument), specs[j].code,
               value);
      writer->long_rows++;
    }
}

static void
write_visit (Writer     *writer,
             const char *code,
             guint       timepoint,
             const char *date)
{
  g_autofree char *visit = g_strdup_printf ("%s,T%u,%s", code, timepoint + 1, date);

  fputs (visit, writer->wide_file);
  for (guint i = 0; i < writer->instruments->len; i++)
    write_answers (writer, visit, writer->instruments->pdata[i]);
  fputc ('\n', writer->wide_file);
  writer->wide_rows++;
}

static void
write_participant (Writer     *writer,
                   const char *code,
                   const char *baseline)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_parse (&date, baseline);
  for (guint t = 0; t < N_TIMEPOINTS; t++)
    {
      GDate when = date;
      char text[16];

      g_date_add_days (&when, timepoint_days[t]);
      g_date_strftime (text, sizeof text, "%Y-%m-%d", &when);
      write_visit (writer, code, t, text);
    }
}

/* Responses for every participant with a baseline who has not withdrawn. */
static gboolean
write_responses (const char  *base,
                 Writer      *writer,
                 GError     **error)
{
  g_autoptr(TrellisDatabase) db = trellis_database_open (base, TRELLIS_OPEN_FLAGS_READ_ONLY, error);
  sqlite3_stmt *stmt;

  if (db == NULL)
    return FALSE;
  stmt = trellis_database_prepare (db,
      "SELECT code, baseline_date FROM participant AS p WHERE baseline_date IS NOT NULL"
      " AND NOT EXISTS (SELECT 1 FROM withdrawal AS w WHERE w.participant_id = p.id) ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  write_headers (writer);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    write_participant (writer, (const char *) sqlite3_column_text (stmt, 0),
                       (const char *) sqlite3_column_text (stmt, 1));
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
generate (const char  *base,
          const char  *long_path,
          const char  *wide_path,
          Writer      *writer,
          GError     **error)
{
  gboolean ok;

  writer->long_file = fopen (long_path, "w");
  writer->wide_file = fopen (wide_path, "w");
  writer->rand = g_rand_new_with_seed (SEED);
  ok = writer->long_file != NULL && writer->wide_file != NULL && write_responses (base, writer, error);
  if (writer->long_file != NULL && fclose (writer->long_file) != 0)
    ok = FALSE;
  if (writer->wide_file != NULL && fclose (writer->wide_file) != 0)
    ok = FALSE;
  g_rand_free (writer->rand);
  if (!ok && error != NULL && *error == NULL)
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "could not write %s or %s", long_path, wide_path);
  return ok;
}

/* ---- Timing ---- */

/* One run of trellis-cli import responses of csv into a copy of base,
 * made before the clock starts; in ms, -1 on failure. */
static double
time_import_once (const Options *options,
                  const char    *base,
                  const char    *csv,
                  const char    *study)
{
  const char *argv[] = { options->cli, "import", "responses", study, csv, NULL };
  g_autoptr(GError) error = NULL;
  double ms;

  if (!copy_file (base, study, &error) || (ms = bench_time_command (argv, &error)) < 0)
    {
      g_printerr ("bench-measures: %s\n", error->message);
      return -1;
    }
  return ms;
}

/* The bare table has the CSV's columns, all TEXT; it is made before the
 * clock starts, which then times only the .import. */
static gboolean
create_reference (const Options  *options,
                  const char     *db,
                  const char     *csv,
                  GError        **error)
{
  g_autoptr(GString) sql = g_string_new ("CREATE TABLE ref (");
  g_autofree char *line = NULL;
  g_auto(GStrv) columns = NULL;
  const char *argv[] = { options->sqlite, "-batch", db, NULL, NULL };
  FILE *file = fopen (csv, "r");
  char buffer[4096] = "";

  if (file == NULL || fgets (buffer, sizeof buffer, file) == NULL)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "cannot read the header of %s", csv);
      if (file != NULL)
        fclose (file);
      return FALSE;
    }
  fclose (file);
  buffer[strcspn (buffer, "\r\n")] = '\0';
  columns = g_strsplit (buffer, ",", -1);
  for (guint i = 0; columns[i] != NULL; i++)
    g_string_append_printf (sql, "%s\"%s\" TEXT", i > 0 ? ", " : "", columns[i]);
  g_string_append (sql, ")");
  argv[3] = sql->str;
  remove_study (db);
  return bench_time_command (argv, error) >= 0;
}

/* One run of sqlite3 .import of csv into a fresh bare table; in ms, -1 on
 * failure. */
static double
time_sqlite_import_once (const Options *options,
                         const char    *csv)
{
  g_autofree char *db = g_build_filename (options->work_dir, "reference.sqlite", NULL);
  g_autofree char *command = g_strdup_printf (".import --csv --skip 1 '%s' ref", csv);
  const char *argv[] = { options->sqlite, "-batch", db, command, NULL };
  g_autoptr(GError) error = NULL;
  double ms;

  if (!create_reference (options, db, csv, &error) || (ms = bench_time_command (argv, &error)) < 0)
    {
      g_printerr ("bench-measures: %s\n", error->message);
      ms = -1;
    }
  remove_study (db);
  return ms;
}

/* Every score of the imported study, recomputed in process. */
static double
time_rescore (const char *study_path,
              guint      *n_rescored)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisStudy) study = trellis_study_open (study_path, TRELLIS_OPEN_FLAGS_NONE, &error);
  gint64 start;

  if (study == NULL)
    {
      g_printerr ("bench-measures: %s\n", error->message);
      return -1;
    }
  start = g_get_monotonic_time ();
  if (!trellis_study_rescore (study, NULL, n_rescored, &error))
    {
      g_printerr ("bench-measures: %s\n", error->message);
      return -1;
    }
  return (g_get_monotonic_time () - start) / 1e3;
}

/* The reference for rescoring: the sqlite3 shell rewriting every answer
 * sheet's score once, in one statement, on a copy of the same study: the
 * least any recomputation that stores its results must do. */
static double
time_sqlite_rewrite (const Options *options,
                     const char    *study)
{
  g_autofree char *copy = g_build_filename (options->work_dir, "rewrite.trellis", NULL);
  const char *argv[] = { options->sqlite, "-batch", copy, "UPDATE answer_sheet SET score = score + 0", NULL };
  g_autoptr(GError) error = NULL;
  double ms;

  if (!copy_file (study, copy, &error) || (ms = bench_time_command (argv, &error)) < 0)
    {
      g_printerr ("bench-measures: %s\n", error->message);
      ms = -1;
    }
  remove_study (copy);
  return ms;
}

static gboolean
measure_rescore (const Options *options,
                 guint          size,
                 const char    *study)
{
  g_autofree char *name = NULL;
  guint n_rescored = 0;
  double ms, reference;

  if ((reference = time_sqlite_rewrite (options, study)) < 0 || (ms = time_rescore (study, &n_rescored)) < 0)
    return FALSE;
  name = g_strdup_printf ("rescore the whole study, %u part. (%u sheets)", size, n_rescored);
  bench_print_figure (name, ms, "ms");
  g_free (name);
  name = g_strdup_printf ("sqlite3 UPDATE of every score, %u participants", size);
  bench_print_figure (name, reference, "ms");
  g_free (name);
  name = g_strdup_printf ("rescore vs sqlite3 UPDATE of every score, %u part.", size);
  bench_print_ratio (name, ms, reference, 0);
  return TRUE;
}

static gboolean
measure_form (const Options *options,
              guint          size,
              const char    *form,
              const char    *base,
              const char    *csv,
              guint64        rows,
              const char    *study)
{
  g_autofree char *name = NULL;
  g_autofree double *times = g_new (double, options->runs);
  g_autofree double *references = g_new (double, options->runs);
  double ms, reference;

  /* The runs alternate, Trellis then sqlite3, so that other work on the
   * machine weighs on both alike. */
  for (int run = 0; run < options->runs; run++)
    if ((times[run] = time_import_once (options, base, csv, study)) < 0 ||
        (references[run] = time_sqlite_import_once (options, csv)) < 0)
      return FALSE;
  ms = bench_median (times, options->runs);
  reference = bench_median (references, options->runs);
  name = g_strdup_printf ("import responses, %s, %u part. (%" G_GUINT64_FORMAT " rows)", form, size, rows);
  bench_print_figure (name, ms, "ms");
  g_free (name);
  name = g_strdup_printf ("sqlite3 .import, %s, %u participants", form, size);
  bench_print_figure (name, reference, "ms");
  g_free (name);
  name = g_strdup_printf ("response import vs sqlite3 .import, %s, %u part.", form, size);
  bench_print_ratio (name, ms, reference, 1.5);
  return TRUE;
}

static gboolean
run_size (const Options *options,
          guint          size)
{
  g_autofree char *base = g_build_filename (options->work_dir, "base.trellis", NULL);
  g_autofree char *study = g_build_filename (options->work_dir, "import.trellis", NULL);
  g_autofree char *long_csv = g_build_filename (options->work_dir, "responses-long.csv", NULL);
  g_autofree char *wide_csv = g_build_filename (options->work_dir, "responses-wide.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) measured = NULL;
  Writer writer = { 0 };
  gboolean ok;

  if (!make_base (size, base, &measured, &error))
    {
      g_printerr ("bench-measures: %s\n", error->message);
      return FALSE;
    }
  writer.instruments = measured;
  if (!generate (base, long_csv, wide_csv, &writer, &error))
    {
      g_printerr ("bench-measures: %s\n", error->message);
      return FALSE;
    }
  ok = measure_form (options, size, "wide", base, wide_csv, writer.wide_rows, study) &&
       measure_form (options, size, "long", base, long_csv, writer.long_rows, study) &&
       measure_rescore (options, size, study);
  if (options->keep)
    {
      g_print ("kept: %s\n", options->work_dir);
      return ok;
    }
  remove_study (base);
  remove_study (study);
  g_remove (long_csv);
  g_remove (wide_csv);
  return ok;
}

/* ---- Options ---- */

static void
options_clear (Options *options)
{
  if (options->work_dir != NULL && !options->keep)
    g_rmdir (options->work_dir);
  g_clear_pointer (&options->work_dir, g_free);
  g_clear_pointer (&options->sizes, g_array_unref);
  g_clear_pointer (&options->cli, g_free);
  g_clear_pointer (&options->sqlite, g_free);
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

static gboolean
parse_options (Options   *options,
               int       *argc,
               char    ***argv,
               GError   **error)
{
  const GOptionEntry entries[] = {
    { "cli", 0, 0, G_OPTION_ARG_FILENAME, &options->cli, "trellis-cli to run", "PATH" },
    { "sqlite", 0, 0, G_OPTION_ARG_FILENAME, &options->sqlite, "the sqlite3 shell (default: sqlite3)", "PATH" },
    { "sizes", 0, 0, G_OPTION_ARG_STRING, &options->sizes_text, "participants, comma-separated", "N,N,…" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &options->runs, "runs per figure; the median is printed", "N" },
    { "keep", 0, 0, G_OPTION_ARG_NONE, &options->keep, "keep the study and CSVs (of one size), to profile", NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, argc, argv, error))
    return FALSE;
  if (options->sizes_text == NULL)
    options->sizes_text = g_strdup ("1000,10000,100000");
  if (options->sqlite == NULL)
    options->sqlite = g_strdup ("sqlite3");
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

  if (!parse_options (&options, &argc, &argv, &error))
    {
      g_printerr ("bench-measures: %s\n", error->message);
      return 2;
    }
  if (options.cli == NULL)
    {
      g_printerr ("bench-measures: --cli is needed\n");
      return 2;
    }
  g_print ("== measures: response import against sqlite3 .import, and rescoring\n");
  for (guint i = 0; i < options.sizes->len; i++)
    if (!run_size (&options, g_array_index (options.sizes, guint, i)))
      return EXIT_FAILURE;
  return EXIT_SUCCESS;
}
