/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-cli-init.h"
#include "trellis-study-title.h"

/* Checks the title before the file exists, so a bad --title never leaves a
 * half-made study behind to be cleaned up. */
static char *
checked_title (const char *title)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *clean = NULL;

  clean = trellis_study_title_normalize (title);
  if (!trellis_study_title_validate (clean, &error))
    {
      trellis_cli_usage_error ("init", "%s", error->message);
      return NULL;
    }
  return g_steal_pointer (&clean);
}

static int
run_init (const TrellisCliCommand  *command,
          int                       argc,
          char                    **argv)
{
  static const char *const arguments[] = { N_("FILE"), NULL };
  g_autofree char *title_option = NULL;
  const GOptionEntry entries[] = {
    { "title", 't', 0, G_OPTION_ARG_STRING, &title_option,
      N_("The study’s title (default: “Untitled study”)"), N_("TITLE") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisStudy) study = NULL;
  g_autofree char *title = NULL;
  g_autofree char *name = NULL;

  context = trellis_cli_option_context_new (command, N_("FILE"),
                                            _("Creates FILE as a new study with the default timepoint plan,\n"
                                              "readable by its owner only, since it will hold identifiable data.\n"
                                              "An existing file is never overwritten, and no study is created\n"
                                              "beside a FILE-wal, FILE-shm or FILE-journal left by an earlier one."),
                                            entries);
  if (!trellis_cli_parse (command, context, &argc, &argv, arguments))
    return TRELLIS_CLI_EXIT_USAGE;

  title = checked_title (title_option != NULL ? title_option : _("Untitled study"));
  if (title == NULL)
    return TRELLIS_CLI_EXIT_USAGE;

  study = trellis_study_create (argv[1], title, &error);
  if (study == NULL)
    return trellis_cli_report_error (error, TRELLIS_CLI_EXIT_CANNOT_OPEN);

  name = g_filename_display_name (argv[1]);
  g_print (_("Created %s\n"), name);
  return TRELLIS_CLI_EXIT_OK;
}

const TrellisCliCommand trellis_cli_init_command = {
  "init",
  N_("Create a new, empty study file"),
  run_init,
};
