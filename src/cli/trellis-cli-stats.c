/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-analysis-format.h"
#include "trellis-cli-stats.h"
#include "trellis-score-csv.h"
#include "trellis-score-reader.h"
#include "trellis-storage-error.h"

typedef enum
{
  FORMAT_TEXT,
  FORMAT_CSV,
  FORMAT_JSON,
} Format;

typedef struct
{
  char *instrument;
  char *format_text;
  gboolean by_cohort;
  char *from_csv;
  char *id_column;
  char *time_column;
  char *value_column;
  char *baseline;
  Format format;
} Options;

static void
options_clear (Options *options)
{
  g_free (options->instrument);
  g_free (options->format_text);
  g_free (options->from_csv);
  g_free (options->id_column);
  g_free (options->time_column);
  g_free (options->value_column);
  g_free (options->baseline);
}

/* Which input, and that its options go with it. */
static gboolean
check_options (Options *options,
               int      argc,
               char   **argv)
{
  if (options->format_text == NULL || g_str_equal (options->format_text, "text"))
    options->format = FORMAT_TEXT;
  else if (g_str_equal (options->format_text, "csv"))
    options->format = FORMAT_CSV;
  else if (g_str_equal (options->format_text, "json"))
    options->format = FORMAT_JSON;
  else
    {
      trellis_cli_usage_error ("stats", _("--format takes “text”, “csv” or “json”, not “%s”"), options->format_text);
      return FALSE;
    }

  if (options->from_csv != NULL)
    {
      if (argc > 1)
        trellis_cli_usage_error ("stats", _("give either a study FILE or --from-csv, not both"));
      else if (options->instrument != NULL)
        trellis_cli_usage_error ("stats", _("--instrument is for a study FILE; a CSV has its scores in --value"));
      else if (options->id_column == NULL || options->time_column == NULL || options->value_column == NULL)
        trellis_cli_usage_error ("stats", _("--from-csv needs --id, --time and --value to name its columns"));
      else
        return TRUE;
      return FALSE;
    }
  if (argc < 2)
    trellis_cli_usage_error ("stats", _("missing argument %s"), _("FILE"));
  else if (argc > 2)
    trellis_cli_usage_error ("stats", _("unexpected argument “%s”"), argv[2]);
  else if (options->instrument == NULL)
    trellis_cli_usage_error ("stats", _("--instrument is required: which instrument’s scores to analyse"));
  else if (options->id_column != NULL || options->time_column != NULL || options->value_column != NULL ||
           options->baseline != NULL)
    trellis_cli_usage_error ("stats", _("--id, --time, --value and --baseline go with --from-csv"));
  else
    return TRUE;
  return FALSE;
}

static TrellisScoreTable *
read_csv (const Options  *options,
          char          **outcome,
          int            *status)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *file_name = g_path_get_basename (options->from_csv);
  TrellisScoreCsvColumns columns = {
    options->id_column, options->time_column, options->value_column, options->baseline,
  };
  TrellisScoreTable *table;
  gsize length;

  if (!g_file_get_contents (options->from_csv, &contents, &length, &error))
    {
      g_printerr ("trellis-cli: %s\n", error->message);
      *status = TRELLIS_CLI_EXIT_IO;
      return NULL;
    }
  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  table = trellis_score_table_read_csv (file_name, bytes, &columns, &error);
  if (table == NULL)
    {
      g_printerr ("trellis-cli: %s\n", error->message);
      *status = TRELLIS_CLI_EXIT_PROBLEM;
      return NULL;
    }
  *outcome = g_strdup (options->value_column);
  return table;
}

static TrellisScoreTable *
read_study (const char     *path,
            const Options  *options,
            char          **outcome,
            int            *status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisDatabase) database = trellis_cli_open_database (path, status);
  TrellisScoreTable *table;

  if (database == NULL)
    return NULL;
  table = trellis_score_table_read_labelled (database, options->instrument, outcome, &error);
  /* An unknown instrument is a problem with the question, not the file. */
  if (g_error_matches (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_NOT_FOUND))
    {
      g_printerr ("trellis-cli: %s: %s\n", path, error->message);
      *status = TRELLIS_CLI_EXIT_PROBLEM;
    }
  else if (table == NULL)
    *status = trellis_cli_report_error (error, TRELLIS_CLI_EXIT_IO);
  return table;
}

static int
print_analysis (const TrellisScoreTable *table,
                const char              *outcome,
                const Options           *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisAnalysis) analysis = trellis_analysis_run (table, outcome, &error);
  TrellisAnalysisFormatFlags flags = options->by_cohort ? TRELLIS_ANALYSIS_FORMAT_BY_COHORT : 0;
  g_autofree char *text = NULL;

  if (analysis == NULL)
    {
      g_printerr ("trellis-cli: %s\n", error->message);
      return TRELLIS_CLI_EXIT_PROBLEM;
    }
  switch (options->format)
    {
    case FORMAT_CSV:
      text = trellis_analysis_format_csv (analysis, flags);
      break;
    case FORMAT_JSON:
      text = trellis_analysis_format_json (analysis, flags);
      break;
    case FORMAT_TEXT:
    default:
      text = trellis_analysis_format_text (analysis, flags);
      break;
    }
  g_print ("%s", text);
  return TRELLIS_CLI_EXIT_OK;
}

static int
run_stats (const TrellisCliCommand  *command,
           int                       argc,
           char                    **argv)
{
  Options options = { 0 };
  const GOptionEntry entries[] = {
    { "instrument", 'i', 0, G_OPTION_ARG_STRING, &options.instrument,
      N_("The instrument whose scores to analyse, by code"), N_("CODE") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &options.format_text,
      N_("“text” for people (the default), “csv” for the fixed effects, or “json” for everything"), N_("FORMAT") },
    { "by-cohort", 'c', 0, G_OPTION_ARG_NONE, &options.by_cohort,
      N_("Describe each cohort too"), NULL },
    { "from-csv", 0, 0, G_OPTION_ARG_FILENAME, &options.from_csv,
      N_("Analyse a long CSV (one row per participant and time) instead of a study"), N_("DATA.csv") },
    { "id", 0, 0, G_OPTION_ARG_STRING, &options.id_column,
      N_("The CSV’s column of participant ids"), N_("COLUMN") },
    { "time", 0, 0, G_OPTION_ARG_STRING, &options.time_column,
      N_("The CSV’s column of times (timepoints)"), N_("COLUMN") },
    { "value", 0, 0, G_OPTION_ARG_STRING, &options.value_column,
      N_("The CSV’s column of scores"), N_("COLUMN") },
    { "baseline", 0, 0, G_OPTION_ARG_STRING, &options.baseline,
      N_("The CSV’s time to compare with (default: the first, in numeric or natural order)"), N_("LEVEL") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(TrellisScoreTable) table = NULL;
  g_autofree char *outcome = NULL;
  g_autoptr(GError) error = NULL;
  int status = TRELLIS_CLI_EXIT_USAGE;

  context = trellis_cli_option_context_new (command, N_("[FILE]"),
                                            _("Analyses one instrument’s scores: descriptives per timepoint, the\n"
                                              "mixed model score ~ timepoint + (1 | participant) fitted by REML with\n"
                                              "Satterthwaite df (as lme4 and lmerTest), Cohen’s d of each timepoint\n"
                                              "against baseline, and the results paragraph. From a study FILE with\n"
                                              "--instrument, or from any long CSV with --from-csv, --id, --time and\n"
                                              "--value. The study is only read."),
                                            entries);
  /* FILE is optional, so the arguments are counted with the options. */
  if (!g_option_context_parse (context, &argc, &argv, &error))
    trellis_cli_usage_error (command->name, "%s", error->message);
  else if (check_options (&options, argc, argv))
    {
      table = options.from_csv != NULL ? read_csv (&options, &outcome, &status)
                                       : read_study (argv[1], &options, &outcome, &status);
      if (table != NULL)
        status = print_analysis (table, outcome, &options);
    }
  options_clear (&options);
  return status;
}

const TrellisCliCommand trellis_cli_stats_command = {
  "stats",
  N_("Analyse an instrument: descriptives, mixed model, Cohen’s d and the results paragraph"),
  run_stats,
};
