/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-cli-import.h"
#include "trellis-participant-import.h"
#include "trellis-response-import.h"
#include "trellis-study-measures.h"

/* Reads the whole CSV file before the study is opened, so a mistyped file
 * name is reported without claiming the study. */
static GBytes *
read_csv (const char *path,
          int        *exit_status)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, &error))
    {
      g_printerr ("trellis-cli: %s\n", error->message);
      *exit_status = TRELLIS_CLI_EXIT_CANNOT_OPEN;
      return NULL;
    }
  return g_bytes_new_take (contents, length);
}

/* Every problem on a line of its own, as a person fixing the file reads
 * them: each names the file, line, column and value. */
static int
report_problems (const char *file_name,
                 GPtrArray  *problems)
{
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      const TrellisImportProblem *problem = g_ptr_array_index (problems, i);

      g_printerr ("%s\n", problem->message);
    }
  g_printerr (_("trellis-cli: %s was not imported; nothing in the study was changed\n"), file_name);
  return TRELLIS_CLI_EXIT_PROBLEM;
}

static int
import_participants (const char *study_path,
                     const char *csv_path)
{
  g_autoptr(TrellisDatabase) database = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *file_name = g_filename_display_name (csv_path);
  g_autofree char *study_name = g_filename_display_name (study_path);
  int exit_status = TRELLIS_CLI_EXIT_OK;
  guint n = 0;

  bytes = read_csv (csv_path, &exit_status);
  if (bytes == NULL)
    return exit_status;
  database = trellis_cli_open_database_for_writing (study_path, &exit_status);
  if (database == NULL)
    return exit_status;

  if (!trellis_participant_import (database, file_name, bytes, NULL, NULL, NULL, &n, &problems, &error))
    {
      if (g_error_matches (error, TRELLIS_IMPORT_ERROR, TRELLIS_IMPORT_ERROR_INVALID))
        return report_problems (file_name, problems);
      return trellis_cli_report_error (error, TRELLIS_CLI_EXIT_IO);
    }
  g_print (ngettext ("Imported %u participant into %s\n", "Imported %u participants into %s\n", n),
           n, study_name);
  return TRELLIS_CLI_EXIT_OK;
}

static int
import_responses (const char          *study_path,
                  const char          *csv_path,
                  TrellisResponseForm  form)
{
  g_autoptr(TrellisDatabase) database = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *file_name = g_filename_display_name (csv_path);
  g_autofree char *study_name = g_filename_display_name (study_path);
  int exit_status = TRELLIS_CLI_EXIT_OK;
  TrellisResponseImportResult result;

  bytes = read_csv (csv_path, &exit_status);
  if (bytes == NULL)
    return exit_status;
  database = trellis_cli_open_database_for_writing (study_path, &exit_status);
  if (database == NULL)
    return exit_status;

  if (!trellis_response_import (database, file_name, bytes, form, trellis_study_today (), NULL, NULL, NULL,
                                &result, &problems, &error))
    {
      if (g_error_matches (error, TRELLIS_IMPORT_ERROR, TRELLIS_IMPORT_ERROR_INVALID))
        return report_problems (file_name, problems);
      return trellis_cli_report_error (error, TRELLIS_CLI_EXIT_IO);
    }
  /* Translators: the first %s is “long” or “wide”, the form of the file. */
  g_print (ngettext ("Imported %u timepoint with %u answer sheets from a %s file of %u rows into %s\n",
                     "Imported %u timepoints with %u answer sheets from a %s file of %u rows into %s\n",
                     result.n_visits),
           result.n_visits, result.n_sheets, trellis_response_form_to_string (result.form), result.n_rows,
           study_name);
  return TRELLIS_CLI_EXIT_OK;
}

static const char import_help[] =
  N_("participants: adds the participants in FILE.csv to STUDY, all or none. The\n"
     "first row names the columns: cohort (required; an existing cohort that is not\n"
     "archived), code (if absent, codes are made from the study’s code pattern),\n"
     "baseline_date (YYYY-MM-DD), and the identifiable name, email, phone and notes.\n"
     "\n"
     "responses: adds the answers in FILE.csv to STUDY, all or none, as new\n"
     "timepoints, each answer sheet scored by its instrument’s rule. A long file has\n"
     "a row per answer: participant, timepoint, completed_date, instrument, item,\n"
     "value. A wide file has a row per participant and timepoint: participant,\n"
     "timepoint, completed_date, then a column per item named INSTRUMENT_ITEM (or\n"
     "the item code alone when no other instrument has it); empty cells are\n"
     "unanswered items. A cohort column is skipped.\n"
     "\n"
     "Scores alone, for data kept only as totals: in a long file, a row with an\n"
     "empty item gives the instrument’s score as its value; in a wide file, a\n"
     "column named by the instrument’s code (BRS) holds its score, and the\n"
     "INSTRUMENT_score column of an export is read where the row has none of the\n"
     "instrument’s items. A score is a number within what the instrument’s rule can\n"
     "give (a mean: the items’ scale; a sum: the sums; correct answers: 0 to the\n"
     "number of items). It is kept as given, with no answers, and rescoring leaves\n"
     "it alone; one instrument at one timepoint has items or a score, not both.\n"
     "\n"
     "--form says which form the file is; without it, a header\n"
     "with instrument, item or value columns is long. Every timepoint needs its\n"
     "completion date, in order with the participant’s others, not after today;\n"
     "timepoints already on file and withdrawn participants are refused.\n"
     "\n"
     "Every row is checked first; if any has a problem, each problem is listed (the\n"
     "first 100) with its line, column and value, nothing is imported, and the exit\n"
     "status is 1. The file is UTF-8, with or without a byte-order mark, with LF or\n"
     "CRLF line ends. A study in an older file format is refused (see “trellis-cli\n"
     "upgrade”).");

static int
run_import (const TrellisCliCommand  *command,
            int                       argc,
            char                    **argv)
{
  static const char *const arguments[] = { N_("WHAT"), N_("STUDY"), N_("FILE.csv"), NULL };
  g_autofree char *form_text = NULL;
  const GOptionEntry entries[] = {
    { "form", 'f', 0, G_OPTION_ARG_STRING, &form_text,
      N_("For responses: the file’s form, long or wide (read from the header if not given)"), N_("FORM") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  TrellisResponseForm form = TRELLIS_RESPONSE_FORM_AUTO;
  g_autofree char *shown = NULL;

  context = trellis_cli_option_context_new (command, N_("participants|responses STUDY FILE.csv"),
                                            _(import_help), entries);
  if (!trellis_cli_parse (command, context, &argc, &argv, arguments))
    return TRELLIS_CLI_EXIT_USAGE;
  shown = g_utf8_make_valid (argv[1], -1);
  if (g_strcmp0 (argv[1], "participants") == 0)
    {
      if (form_text != NULL)
        return trellis_cli_usage_error ("import", _("--form is for responses, not participants"));
      return import_participants (argv[2], argv[3]);
    }
  if (g_strcmp0 (argv[1], "responses") != 0)
    return trellis_cli_usage_error ("import", _("cannot import “%s”: only “participants” and “responses” "
                                                "can be imported"), shown);
  if (form_text != NULL &&
      (!trellis_response_form_from_string (form_text, &form) || form == TRELLIS_RESPONSE_FORM_AUTO))
    {
      g_autofree char *form_shown = g_utf8_make_valid (form_text, -1);

      return trellis_cli_usage_error ("import", _("--form takes “long” or “wide”, not “%s”"), form_shown);
    }
  return import_responses (argv[2], argv[3], form);
}

const TrellisCliCommand trellis_cli_import_command = {
  "import",
  N_("Import participants or item responses from a CSV file"),
  run_import,
};
