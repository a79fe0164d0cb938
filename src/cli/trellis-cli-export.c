/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-cli-export.h"
#include "trellis-participant-export.h"
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

static int
run_export (const TrellisCliCommand  *command,
            int                       argc,
            char                    **argv)
{
  static const char *const arguments[] = { N_("WHAT"), N_("STUDY"), N_("OUTPUT.csv"), NULL };
  gboolean identifiable = FALSE;
  const GOptionEntry entries[] = {
    { "identifiable", 'i', 0, G_OPTION_ARG_NONE, &identifiable,
      N_("Add names, email addresses, phone numbers and notes (recorded in the audit trail)"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;

  context = trellis_cli_option_context_new (command, N_("participants STUDY OUTPUT.csv"),
                                            _("Writes STUDY’s participants to OUTPUT.csv, one row each in code order:\n"
                                              "code, cohort, profession, site, baseline date, status, consent state,\n"
                                              "consent version, the answer to each standard consent clause, and any\n"
                                              "withdrawal. It is de-identified unless --identifiable is given; an\n"
                                              "identifiable export needs the study writable, since it is recorded in\n"
                                              "the audit trail, and is readable by its owner only. Cells a spreadsheet\n"
                                              "would run as a formula start with an apostrophe. An existing OUTPUT.csv\n"
                                              "is replaced whole, never left half-written."),
                                            entries);
  if (!trellis_cli_parse (command, context, &argc, &argv, arguments))
    return TRELLIS_CLI_EXIT_USAGE;
  if (g_strcmp0 (argv[1], "participants") != 0)
    {
      g_autofree char *shown = g_utf8_make_valid (argv[1], -1);

      return trellis_cli_usage_error ("export", _("cannot export “%s”: only “participants” can be exported"),
                                      shown);
    }
  return export_participants (argv[2], argv[3], identifiable);
}

const TrellisCliCommand trellis_cli_export_command = {
  "export",
  N_("Export participants to a CSV file, de-identified unless asked"),
  run_export,
};
