/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "trellis-cli-plot.h"

/* trellis-cli-plot: “trellis-cli plot” and “trellis-cli report”, run by
 * trellis-cli with the command's name as argv[0] and its arguments after it
 * (trellis-cli-launcher.c). Run by any other name, it plots. */
int
main (int    argc,
      char **argv)
{
  const TrellisCliCommand *command = &trellis_cli_plot_command;
  g_autofree char *prgname = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (g_strcmp0 (argv[0], trellis_cli_report_command.name) == 0)
    command = &trellis_cli_report_command;

  /* As trellis-cli names a command in its "Usage:" line. */
  prgname = g_strdup_printf ("trellis-cli %s", command->name);
  g_set_prgname (prgname);
  argv[0] = (char *) command->name;
  return command->run (command, argc, argv);
}
