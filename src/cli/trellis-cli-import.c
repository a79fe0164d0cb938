/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-cli-import.h"
#include "trellis-participant-import.h"

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
run_import (const TrellisCliCommand  *command,
            int                       argc,
            char                    **argv)
{
  static const char *const arguments[] = { N_("WHAT"), N_("STUDY"), N_("FILE.csv"), NULL };
  g_autoptr(GOptionContext) context = NULL;

  context = trellis_cli_option_context_new (command, N_("participants STUDY FILE.csv"),
                                            _("Adds the participants in FILE.csv to STUDY, all or none. The first row\n"
                                              "names the columns: cohort (required; an existing cohort that is not\n"
                                              "archived), code (if absent, codes are made from the study’s code\n"
                                              "pattern), baseline_date (YYYY-MM-DD), and the identifiable name, email,\n"
                                              "phone and notes. Every row is checked first; if any has a problem,\n"
                                              "each problem is listed (the first 100) with its line, column and value,\n"
                                              "nothing is imported, and the exit status is 1. The file is UTF-8,\n"
                                              "with or without a byte-order mark, with LF or CRLF line ends.\n"
                                              "A study in an older file format is refused (see “trellis-cli upgrade”)."),
                                            NULL);
  if (!trellis_cli_parse (command, context, &argc, &argv, arguments))
    return TRELLIS_CLI_EXIT_USAGE;
  if (g_strcmp0 (argv[1], "participants") != 0)
    {
      g_autofree char *shown = g_utf8_make_valid (argv[1], -1);

      return trellis_cli_usage_error ("import", _("cannot import “%s”: only “participants” can be imported"),
                                      shown);
    }
  return import_participants (argv[2], argv[3]);
}

const TrellisCliCommand trellis_cli_import_command = {
  "import",
  N_("Import participants from a CSV file"),
  run_import,
};
