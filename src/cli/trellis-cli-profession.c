/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-cli-profession.h"
#include "trellis-cli-register.h"
#include "trellis-profession-store.h"

/* trellis-cli profession …: the professions cohorts are drawn from. */

static int
profession_list (const TrellisCliCommand  *command,
                 int                       argc,
                 char                    **argv)
{
  static const char *const arguments[] = { N_("STUDY"), NULL };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(TrellisDatabase) database = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GError) error = NULL;
  int exit_status;

  context = trellis_cli_option_context_new (command, N_("STUDY"),
                                            _("Lists the professions a cohort can be drawn from, one a line."), NULL);
  if (!trellis_cli_parse (command, context, &argc, &argv, arguments))
    return TRELLIS_CLI_EXIT_USAGE;
  if ((database = trellis_cli_open_database (argv[1], &exit_status)) == NULL)
    return exit_status;
  if ((names = trellis_profession_store_names (database, &error)) == NULL)
    return trellis_cli_report_error (error, TRELLIS_CLI_EXIT_IO);
  for (guint i = 0; i < names->len; i++)
    g_print ("%s\n", (const char *) g_ptr_array_index (names, i));
  return TRELLIS_CLI_EXIT_OK;
}

static int
profession_add (const TrellisCliCommand  *command,
                int                       argc,
                char                    **argv)
{
  static const char *const arguments[] = { N_("STUDY"), N_("NAME"), NULL };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(TrellisDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  int exit_status;

  context = trellis_cli_option_context_new (command, N_("STUDY NAME"),
                                            _("Adds NAME to the study’s list of professions."), NULL);
  if (!trellis_cli_parse (command, context, &argc, &argv, arguments))
    return TRELLIS_CLI_EXIT_USAGE;
  if ((database = trellis_cli_open_database_for_writing (argv[1], &exit_status)) == NULL)
    return exit_status;
  if (trellis_profession_store_add (database, argv[2], &error) == 0)
    return trellis_cli_report_refusal (error);
  g_print (_("Added profession “%s”\n"), argv[2]);
  return TRELLIS_CLI_EXIT_OK;
}

static int
profession_rename (const TrellisCliCommand  *command,
                   int                       argc,
                   char                    **argv)
{
  static const char *const arguments[] = { N_("STUDY"), N_("OLD"), N_("NEW"), NULL };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(TrellisDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  int exit_status;
  gint64 id;

  context = trellis_cli_option_context_new (command, N_("STUDY OLD NEW"),
                                            _("Renames profession OLD (in any case) to NEW. Its cohorts keep it,\n"
                                              "under the new name."), NULL);
  if (!trellis_cli_parse (command, context, &argc, &argv, arguments))
    return TRELLIS_CLI_EXIT_USAGE;
  if ((database = trellis_cli_open_database_for_writing (argv[1], &exit_status)) == NULL)
    return exit_status;
  if ((id = trellis_profession_store_lookup (database, argv[2], &error)) == 0 ||
      !trellis_profession_store_rename (database, id, argv[3], &error))
    return trellis_cli_report_refusal (error);
  g_print (_("Renamed profession “%s” to “%s”\n"), argv[2], argv[3]);
  return TRELLIS_CLI_EXIT_OK;
}

static const TrellisCliCommand profession_commands[] = {
  { "profession list", N_("List the professions"), profession_list },
  { "profession add", N_("Add a profession"), profession_add },
  { "profession rename", N_("Rename a profession"), profession_rename },
};

static int
run_profession (const TrellisCliCommand  *command,
                int                       argc,
                char                    **argv)
{
  return trellis_cli_run_group (command, profession_commands, G_N_ELEMENTS (profession_commands), argc, argv);
}

const TrellisCliCommand trellis_cli_profession_command = {
  "profession",
  N_("List, add or rename professions"),
  run_profession,
};
