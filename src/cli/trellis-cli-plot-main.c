/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "trellis-cli-plot.h"

/* trellis-cli-plot: “trellis-cli plot”, run by trellis-cli with the
 * command's arguments (trellis-cli-plot-launcher.c). */
int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* As trellis-cli names a command in its "Usage:" line. */
  g_set_prgname ("trellis-cli plot");
  argv[0] = (char *) trellis_cli_plot_command.name;
  return trellis_cli_plot_command.run (&trellis_cli_plot_command, argc, argv);
}
