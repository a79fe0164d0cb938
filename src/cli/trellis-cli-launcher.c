/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <string.h>
#include <unistd.h>

#include "trellis-cli-calendar.h"
#include "trellis-cli-plot.h"

/* Commands that run a helper program in this process's place: “trellis-cli
 * plot” and “trellis-cli report” run trellis-cli-plot, since only drawing
 * needs Cairo and Pango, and “trellis-cli export-ics” runs
 * trellis-cli-calendar, since only the calendar needs libical (with ICU and
 * the C++ runtime). Linking them into trellis-cli would make every other
 * command load them at start (see src/cli/meson.build). A helper is told
 * which command by its argv[0]. */

#define PLOT_HELPER "trellis-cli-plot"
#define CALENDAR_HELPER "trellis-cli-calendar"

/* Beside this program when run from the build tree, else where it is
 * installed. */
static char *
find_helper (const char *helper)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);

  if (self != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (self);
      g_autofree char *beside = g_build_filename (dir, helper, NULL);

      if (g_file_test (beside, G_FILE_TEST_IS_EXECUTABLE))
        return g_steal_pointer (&beside);
    }
  return g_build_filename (LIBEXECDIR, helper, NULL);
}

/* Returns only if the helper could not be run: the errno of the failure,
 * with *shown naming the helper for the message. */
static int
exec_helper (const char               *helper,
             const TrellisCliCommand  *command,
             int                       argc,
             char                    **argv,
             char                    **shown)
{
  g_autofree char *path = find_helper (helper);
  g_autofree char **args = g_new0 (char *, argc + 1);
  int saved;

  /* The helper reads its arguments as the command does, after its name. */
  args[0] = (char *) command->name;
  for (int i = 1; i < argc; i++)
    args[i] = argv[i];
  execv (path, args);

  saved = errno;
  *shown = g_filename_display_name (path);
  return saved;
}

static int
run_plot_helper (const TrellisCliCommand  *command,
                 int                       argc,
                 char                    **argv)
{
  g_autofree char *shown = NULL;
  int saved = exec_helper (PLOT_HELPER, command, argc, argv, &shown);

  g_printerr (_("trellis-cli: cannot run %s to draw: %s\n"), shown, g_strerror (saved));
  return TRELLIS_CLI_EXIT_IO;
}

static int
run_calendar_helper (const TrellisCliCommand  *command,
                     int                       argc,
                     char                    **argv)
{
  g_autofree char *shown = NULL;
  int saved = exec_helper (CALENDAR_HELPER, command, argc, argv, &shown);

  g_printerr (_("trellis-cli: cannot run %s to write the calendar: %s\n"), shown, g_strerror (saved));
  return TRELLIS_CLI_EXIT_IO;
}

const TrellisCliCommand trellis_cli_plot_launcher = {
  "plot",
  N_("Draw a plot of the study to a PNG, SVG or PDF file"),
  run_plot_helper,
};

const TrellisCliCommand trellis_cli_report_launcher = {
  "report",
  N_("Write the analysis of every instrument to a PDF report"),
  run_plot_helper,
};

const TrellisCliCommand trellis_cli_export_ics_launcher = {
  "export-ics",
  N_("Write the booked interviews as an iCalendar (.ics) file"),
  run_calendar_helper,
};
