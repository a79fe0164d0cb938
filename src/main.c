/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "trellis-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(TrellisApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = trellis_application_new ();
  trellis_application_skip_gtk_theme (app);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
