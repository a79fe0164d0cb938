/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-cli-export.h"
#include "trellis-participant-export.h"
#include "trellis-response-export.h"
#include "trellis-storage-error.h"

/* A de-identified export only reads, so it works while the study is open
 * in Trellis; an identifiable one writes its audit row, so it claims the
 * study for writing. */
static int
export_participants (const char *study_path,
                     const char *output_path,
                     gboolean    identifiable)
{
  g_autoptr(TrellisDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_filename_display_name (output_path);
  int exit_status = TRELLIS_CLI_EXIT_OK;
  guint n = 0;

  database = identifiable ? trellis_cli_open_database_for_writing (study_path, &exit_status)
                          : trellis_cli_open_database (study_path, &exit_status);
  if (database == NULL)
    return exit_status;
  /* The export refuses to write over the study itself (EXISTS): a mistake in
   * the command line, so a usage error, not a study that cannot be opened. */
  if (!trellis_participant_export (database, output_path, identifiable, NULL, &n, &error))
    return g_error_matches (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_EXISTS)
           ? trellis_cli_usage_error ("export", "%s", error->message)
           : trellis_cli_report_error (error, TRELLIS_CLI_EXIT_IO);

  if (identifiable)
    g_print (ngettext ("Exported %u participant with names and contact details to %s; "
                       "the export is recorded in the study’s audit trail\n",
                       "Exported %u participants with names and contact details to %s; "
                       "the export is recorded in the study’s audit trail\n", n),
             n, name);
  else
    g_print (ngettext ("Exported %u participant, de-identified, to %s\n",
                       "Exported %u participants, de-identified, to %s\n", n),
             n, name);
  return TRELLIS_CLI_EXIT_OK;
}

/* Reads only, so it works while the study is open in Trellis. */
static int
export_responses (const char                         *study_path,
                  const char                         *output_path,
                  const TrellisResponseExportOptions *options)
{
  g_autoptr(TrellisDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_filename_display_name (output_path);
  int exit_status = TRELLIS_CLI_EXIT_OK;
  TrellisResponseExportResult result;

  database = trellis_cli_open_database (study_path, &exit_status);
  if (database == NULL)
    return exit_status;
  if (!trellis_response_export (database, output_path, options, NULL, &result, &error))
    return g_error_matches (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_EXISTS)
           ? trellis_cli_usage_error ("export", "%s", error->message)
           : trellis_cli_report_error (error, TRELLIS_CLI_EXIT_IO);

  /* Translators: the last %s is “long” or “wide”. */
  g_print (ngettext ("Exported the answers of %u timepoint (%u answer sheets), de-identified, to %s in %s form\n",
                     "Exported the answers of %u timepoints (%u answer sheets), de-identified, to %s in %s form\n",
                     result.n_visits),
           result.n_visits, result.n_sheets, name, trellis_response_form_to_string (options->form));
  return TRELLIS_CLI_EXIT_OK;
}

static const char export_help[] =
  N_("participants: writes STUDY’s participants to OUTPUT.csv, one row each in code\n"
     "order: code, cohort, profession, site, baseline date, status, consent state,\n"
     "consent version, the answer to each standard consent clause, and any\n"
     "withdrawal. It is de-identified unless --identifiable is given; an\n"
     "identifiable export needs the study writable, since it is recorded in the\n"
     "audit trail, and is readable by its owner only.\n"
     "\n"
     "responses: writes the answers of every completed timepoint to OUTPUT.csv,\n"
     "de-identified, in participant code and timepoint order. --form long (the\n"
     "default) gives a row per answer: participant, cohort, timepoint,\n"
     "completed_date, instrument, item, value. --form wide gives a row per\n"
     "participant and timepoint, with a column per item named INSTRUMENT_ITEM and\n"
     "one per score named INSTRUMENT_score, ready for R or SPSS. Both import back\n"
     "with “trellis-cli import responses”. --scores writes a row per answer sheet:\n"
     "score, items answered, rule version and band. --codebook describes every\n"
     "variable of the wide form: label, type, range, labelled values, reverse\n"
     "scoring, instrument and scoring rule.\n"
     "\n"
     "Cells a spreadsheet would run as a formula start with an apostrophe. An\n"
     "existing file is replaced whole, never left half-written.");

static int
check_responses_only (gboolean responses,
                      gboolean identifiable,
                      const char *form_text,
                      const char *scores,
                      const char *codebook)
{
  if (responses && identifiable)
    return trellis_cli_usage_error ("export", _("responses are always exported de-identified; "
                                                "--identifiable is for participants"));
  if (!responses && (form_text != NULL || scores != NULL || codebook != NULL))
    return trellis_cli_usage_error ("export", _("--form, --scores and --codebook are for responses, "
                                                "not participants"));
  return TRELLIS_CLI_EXIT_OK;
}

static gboolean
parse_form (const char          *text,
            TrellisResponseForm *form)
{
  g_autofree char *shown = NULL;

  if (trellis_response_form_from_string (text, form) && *form != TRELLIS_RESPONSE_FORM_AUTO)
    return TRUE;
  shown = g_utf8_make_valid (text, -1);
  trellis_cli_usage_error ("export", _("--form takes “long” or “wide”, not “%s”"), shown);
  return FALSE;
}

typedef struct
{
  gboolean identifiable;
  char *form;
  char *scores;
  char *codebook;
  char *output;
} ExportArgs;

static void
export_args_clear (ExportArgs *args)
{
  g_clear_pointer (&args->form, g_free);
  g_clear_pointer (&args->scores, g_free);
  g_clear_pointer (&args->codebook, g_free);
  g_clear_pointer (&args->output, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ExportArgs, export_args_clear)

/* The output may also be named with -o, as “dictionary export” names it;
 * the command line is looked at before it is parsed, since the number of
 * arguments expected depends on it. */
static gboolean
names_output (int    argc,
              char **argv)
{
  for (int i = 1; i < argc && g_strcmp0 (argv[i], "--") != 0; i++)
    if (g_str_has_prefix (argv[i], "-o") || g_strcmp0 (argv[i], "--output") == 0 ||
        g_str_has_prefix (argv[i], "--output="))
      return TRUE;
  return FALSE;
}

static gboolean
parse_export_args (const TrellisCliCommand   *command,
                   int                       *argc,
                   char                    ***argv,
                   ExportArgs                *args)
{
  static const char *const arguments[] = { N_("WHAT"), N_("STUDY"), N_("OUTPUT.csv"), NULL };
  static const char *const arguments_without_output[] = { N_("WHAT"), N_("STUDY"), NULL };
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &args->output,
      N_("Write to OUTPUT.csv, instead of naming it after STUDY"), N_("OUTPUT.csv") },
    { "identifiable", 'i', 0, G_OPTION_ARG_NONE, &args->identifiable,
      N_("Add names, email addresses, phone numbers and notes (recorded in the audit trail)"), NULL },
    { "form", 'f', 0, G_OPTION_ARG_STRING, &args->form, N_("For responses: long (the default) or wide"),
      N_("FORM") },
    { "scores", 's', 0, G_OPTION_ARG_FILENAME, &args->scores,
      N_("For responses: also write the scores to this file"), N_("SCORES.csv") },
    { "codebook", 'c', 0, G_OPTION_ARG_FILENAME, &args->codebook,
      N_("For responses: also write a codebook of the variables to this file"), N_("CODEBOOK.csv") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  gboolean with_output = names_output (*argc, *argv);

  context = trellis_cli_option_context_new (command, N_("participants|responses STUDY OUTPUT.csv"),
                                            _(export_help), entries);
  if (!trellis_cli_parse (command, context, argc, argv, with_output ? arguments_without_output : arguments))
    return FALSE;
  if (args->output == NULL)
    args->output = g_strdup ((*argv)[3]);
  return TRUE;
}

static int
run_export (const TrellisCliCommand  *command,
            int                       argc,
            char                    **argv)
{
  g_auto(ExportArgs) args = { 0 };
  TrellisResponseExportOptions options = { TRELLIS_RESPONSE_FORM_LONG, NULL, NULL };
  gboolean responses;
  int status;

  if (!parse_export_args (command, &argc, &argv, &args))
    return TRELLIS_CLI_EXIT_USAGE;
  responses = g_strcmp0 (argv[1], "responses") == 0;
  if (!responses && g_strcmp0 (argv[1], "participants") != 0)
    {
      g_autofree char *shown = g_utf8_make_valid (argv[1], -1);

      return trellis_cli_usage_error ("export", _("cannot export “%s”: only “participants” and “responses” "
                                                  "can be exported"), shown);
    }
  if ((status = check_responses_only (responses, args.identifiable, args.form, args.scores, args.codebook)) != 0)
    return status;
  if (!responses)
    return export_participants (argv[2], args.output, args.identifiable);
  if (args.form != NULL && !parse_form (args.form, &options.form))
    return TRELLIS_CLI_EXIT_USAGE;
  options.scores_path = args.scores;
  options.codebook_path = args.codebook;
  return export_responses (argv[2], args.output, &options);
}

const TrellisCliCommand trellis_cli_export_command = {
  "export",
  N_("Export participants, or item responses with scores and a codebook, to CSV"),
  run_export,
};
