/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-cli-calendar.h"
#include "trellis-interview-store.h"

/* trellis-cli export-ics: the booked interviews as a calendar file. It runs
 * in trellis-cli-calendar, as writing the calendar needs libical (see
 * src/cli/meson.build). */

static int
run_export_ics (const TrellisCliCommand  *command,
                int                       argc,
                char                    **argv)
{
  static const char *const arguments[] = { N_("FILE"), NULL };
  g_autofree char *output = NULL, *interviewer = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The calendar file to write (required)"), N_("OUT.ics") },
    { "interviewer", 'i', 0, G_OPTION_ARG_STRING, &interviewer, N_("Only this interviewer’s"), N_("NAME") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(TrellisDatabase) database = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  guint n_events = 0;
  int exit_status;

  context = trellis_cli_option_context_new (command, N_("FILE"),
                                            _("Writes the booked interviews as an iCalendar file (RFC 5545) to\n"
                                              "import into a calendar. Each event names the participant only by\n"
                                              "study code. Declined and missed interviews are written as cancelled,\n"
                                              "and every change raises an event’s sequence, so importing the file\n"
                                              "again updates or removes the events imported before."),
                                            entries);
  if (!trellis_cli_parse (command, context, &argc, &argv, arguments))
    return TRELLIS_CLI_EXIT_USAGE;
  if (output == NULL)
    return trellis_cli_usage_error (command->name, _("--output is required"));
  if ((database = trellis_cli_open_database (argv[1], &exit_status)) == NULL)
    return exit_status;
  file = g_file_new_for_commandline_arg (output);
  if (!trellis_interview_store_export_ics (database, file, interviewer, g_get_real_time () / G_USEC_PER_SEC,
                                           &n_events, &error))
    return trellis_cli_report_error (error, TRELLIS_CLI_EXIT_IO);
  g_print (ngettext ("Wrote %u interview to %s\n", "Wrote %u interviews to %s\n", n_events), n_events, output);
  return TRELLIS_CLI_EXIT_OK;
}

const TrellisCliCommand trellis_cli_export_ics_command = {
  "export-ics",
  N_("Write the booked interviews as an iCalendar (.ics) file"),
  run_export_ics,
};
