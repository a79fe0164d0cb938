/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "trellis-cli-calendar.h"

/* trellis-cli-calendar: “trellis-cli export-ics”, run by trellis-cli with
 * the command's name as argv[0] and its arguments after it
 * (trellis-cli-launcher.c). */
int
main (int    argc,
      char **argv)
{
  const TrellisCliCommand *command = &trellis_cli_export_ics_command;
  g_autofree char *prgname = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* As trellis-cli names a command in its "Usage:" line. */
  prgname = g_strdup_printf ("trellis-cli %s", command->name);
  g_set_prgname (prgname);
  argv[0] = (char *) command->name;
  return command->run (command, argc, argv);
}
