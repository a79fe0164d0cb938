/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-cli-dictionary.h"
#include "trellis-cli-register.h"
#include "trellis-redcap-dictionary.h"
#include "trellis-storage-error.h"

/* trellis-cli dictionary: a study's instruments to and from a REDCap data
 * dictionary. The export only reads, so it works while the study is open in
 * Trellis; the import writes. */

/* Writing over the study and naming an instrument it lacks are mistakes in
 * the command line; a label REDCap cannot hold is a problem of the study. */
static int
report_export_error (const TrellisCliCommand *command,
                     const GError            *error)
{
  if (g_error_matches (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_EXISTS) ||
      g_error_matches (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_NOT_FOUND))
    return trellis_cli_usage_error (command->name, "%s", error->message);
  return trellis_cli_report_error (error, g_error_matches (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_IO)
                                          ? TRELLIS_CLI_EXIT_IO : TRELLIS_CLI_EXIT_PROBLEM);
}

static int
dictionary_export (const TrellisCliCommand  *command,
                   int                       argc,
                   char                    **argv)
{
  static const char *const arguments[] = { N_("STUDY"), NULL };
  g_autofree char *output = NULL;
  g_auto(GStrv) codes = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the dictionary to FILE (required)"), N_("FILE") },
    { "instrument", 'i', 0, G_OPTION_ARG_STRING_ARRAY, &codes,
      N_("Export only the instrument with this code; give it once per instrument"), N_("CODE") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(TrellisDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *shown = NULL;
  int exit_status = TRELLIS_CLI_EXIT_OK;
  guint n = 0;

  context = trellis_cli_option_context_new (command, N_("STUDY -o DICTIONARY.csv"),
                                            _("Writes STUDY’s instruments, or those named with --instrument, as a\n"
                                              "REDCap data dictionary: REDCap’s 18 columns, one field per item, the\n"
                                              "study code as the record identifier, and the instrument’s code, label,\n"
                                              "scoring rule, bands and each item’s code, reversal and correct answer\n"
                                              "as @TRELLIS- action tags in the Field Annotation. REDCap reads the file\n"
                                              "as it is, so cells are written without the apostrophe a spreadsheet\n"
                                              "export puts before a leading ‘=’, ‘-’ or ‘@’. An existing file is\n"
                                              "replaced whole."),
                                            entries);
  if (!trellis_cli_parse (command, context, &argc, &argv, arguments))
    return TRELLIS_CLI_EXIT_USAGE;
  if (output == NULL)
    return trellis_cli_usage_error (command->name, _("missing option --output"));
  if ((database = trellis_cli_open_database (argv[1], &exit_status)) == NULL)
    return exit_status;
  if (!trellis_redcap_dictionary_export (database, (const char *const *) codes, output, &n, &error))
    return report_export_error (command, error);
  shown = g_filename_display_name (output);
  g_print (ngettext ("Exported %u instrument to %s\n", "Exported %u instruments to %s\n", n), n, shown);
  return TRELLIS_CLI_EXIT_OK;
}

static void
print_list (GPtrArray *list,
            gboolean   to_stderr)
{
  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      const TrellisImportProblem *entry = g_ptr_array_index (list, i);

      if (to_stderr)
        g_printerr ("%s\n", entry->message);
      else
        g_print ("%s\n", entry->message);
    }
}

static GBytes *
read_dictionary (const char *path,
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

static void
print_result (const TrellisRedcapImportResult *result,
              const char                      *study_name)
{
  guint total = result->n_created + result->n_updated + result->n_unchanged;

  /* TRANSLATORS: the study's file name, the number of instruments in the
   * dictionary, and how many of them were created, updated and left as
   * they were. */
  g_print (ngettext ("Imported the dictionary into %s: of its %u instrument, %u created, %u updated, %u unchanged\n",
                     "Imported the dictionary into %s: of its %u instruments, %u created, %u updated, %u unchanged\n",
                     total),
           study_name, total, result->n_created, result->n_updated, result->n_unchanged);
  if (result->n_rescored > 0)
    g_print (ngettext ("%u answer sheet was rescored under a changed scoring rule\n",
                       "%u answer sheets were rescored under a changed scoring rule\n", result->n_rescored),
             result->n_rescored);
}

/* Notes (the fields skipped) go to standard output, problems to standard
 * error, each on a line of its own naming file, line, column and value. */
static int
import_file (const char *study_path,
             const char *dictionary_path)
{
  g_autoptr(TrellisDatabase) database = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *file_name = g_filename_display_name (dictionary_path);
  g_autofree char *study_name = g_filename_display_name (study_path);
  TrellisRedcapImportResult result = { 0 };
  int exit_status = TRELLIS_CLI_EXIT_OK;

  if ((bytes = read_dictionary (dictionary_path, &exit_status)) == NULL ||
      (database = trellis_cli_open_database_for_writing (study_path, &exit_status)) == NULL)
    return exit_status;
  if (!trellis_redcap_dictionary_import (database, file_name, bytes, &result, &notes, &problems, &error))
    {
      if (!g_error_matches (error, TRELLIS_IMPORT_ERROR, TRELLIS_IMPORT_ERROR_INVALID))
        return trellis_cli_report_error (error, TRELLIS_CLI_EXIT_IO);
      print_list (problems, TRUE);
      g_printerr (_("trellis-cli: %s was not imported; nothing in the study was changed\n"), file_name);
      return TRELLIS_CLI_EXIT_PROBLEM;
    }
  print_list (notes, FALSE);
  print_result (&result, study_name);
  return TRELLIS_CLI_EXIT_OK;
}

static int
dictionary_import (const TrellisCliCommand  *command,
                   int                       argc,
                   char                    **argv)
{
  static const char *const arguments[] = { N_("STUDY"), N_("DICTIONARY.csv"), NULL };
  g_autoptr(GOptionContext) context = NULL;

  context = trellis_cli_option_context_new (command, N_("STUDY DICTIONARY.csv"),
                                            _("Reads a REDCap data dictionary, from REDCap or from Trellis, and creates\n"
                                              "an instrument for each form, or replaces the definition of the\n"
                                              "instrument with its code, all or none. Radio, dropdown, yesno,\n"
                                              "truefalse, slider and integer text fields with a min and a max become\n"
                                              "items; other fields are skipped, and each skip is listed. A form\n"
                                              "without @TRELLIS- tags is scored as the mean of its items when all are\n"
                                              "answered, unless the study already has the instrument. If the\n"
                                              "dictionary has a problem, each is listed (the first 100) with its\n"
                                              "line, column and value, nothing is changed, and the exit status is 1.\n"
                                              "An instrument with answers on file keeps its item codes; a changed\n"
                                              "scoring rule rescores its answer sheets."),
                                            NULL);
  if (!trellis_cli_parse (command, context, &argc, &argv, arguments))
    return TRELLIS_CLI_EXIT_USAGE;
  return import_file (argv[1], argv[2]);
}

static const TrellisCliCommand dictionary_commands[] = {
  { "dictionary export", N_("Write instruments as a REDCap data dictionary"), dictionary_export },
  { "dictionary import", N_("Create or update instruments from a REDCap data dictionary"), dictionary_import },
};

static int
run_dictionary (const TrellisCliCommand  *command,
                int                       argc,
                char                    **argv)
{
  return trellis_cli_run_group (command, dictionary_commands, G_N_ELEMENTS (dictionary_commands), argc, argv);
}

const TrellisCliCommand trellis_cli_dictionary_command = {
  "dictionary",
  N_("Export or import instruments as a REDCap data dictionary"),
  run_dictionary,
};
