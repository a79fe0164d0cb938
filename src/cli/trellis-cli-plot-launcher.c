/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <string.h>
#include <unistd.h>

#include "trellis-cli-plot.h"

/* “trellis-cli plot” and “trellis-cli report” run trellis-cli-plot in this
 * process's place: only drawing needs Cairo and Pango, and linking them into
 * trellis-cli would make every other command load them at start (see
 * src/cli/meson.build). The helper is told which command by its argv[0]. */

#define HELPER "trellis-cli-plot"

/* Beside this program when run from the build tree, else where it is
 * installed. */
static char *
find_helper (void)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);

  if (self != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (self);
      g_autofree char *beside = g_build_filename (dir, HELPER, NULL);

      if (g_file_test (beside, G_FILE_TEST_IS_EXECUTABLE))
        return g_steal_pointer (&beside);
    }
  return g_build_filename (LIBEXECDIR, HELPER, NULL);
}

static int
run_helper (const TrellisCliCommand  *command,
            int                       argc,
            char                    **argv)
{
  g_autofree char *helper = find_helper ();
  g_autofree char **args = g_new0 (char *, argc + 1);
  g_autofree char *shown = NULL;
  int saved;

  /* The helper reads its arguments as the command does, after its name. */
  args[0] = (char *) command->name;
  for (int i = 1; i < argc; i++)
    args[i] = argv[i];
  execv (helper, args);

  saved = errno;
  shown = g_filename_display_name (helper);
  g_printerr (_("trellis-cli: cannot run %s to draw: %s\n"), shown, g_strerror (saved));
  return TRELLIS_CLI_EXIT_IO;
}

const TrellisCliCommand trellis_cli_plot_launcher = {
  "plot",
  N_("Draw a plot of the study to a PNG, SVG or PDF file"),
  run_helper,
};

const TrellisCliCommand trellis_cli_report_launcher = {
  "report",
  N_("Write the analysis of every instrument to a PDF report"),
  run_helper,
};
