/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "trellis-cli-calendar.h"
#include "trellis-cli-check.h"
#include "trellis-cli-cohort.h"
#include "trellis-cli-common.h"
#include "trellis-cli-consent.h"
#include "trellis-cli-event.h"
#include "trellis-cli-export.h"
#include "trellis-cli-flow.h"
#include "trellis-cli-import.h"
#include "trellis-cli-demo.h"
#include "trellis-cli-dictionary.h"
#include "trellis-cli-draw.h"
#include "trellis-cli-info.h"
#include "trellis-cli-init.h"
#include "trellis-cli-instrument.h"
#include "trellis-cli-interview.h"
#include "trellis-cli-interviews.h"
#include "trellis-cli-participant.h"
#include "trellis-cli-plot.h"
#include "trellis-cli-profession.h"
#include "trellis-cli-retention.h"
#include "trellis-cli-stats.h"
#include "trellis-cli-settings.h"
#include "trellis-cli-upgrade.h"
#include "trellis-cli-visit.h"
#include "trellis-cli-withdraw.h"

/* trellis-cli: the study file from scripts and terminals. This file only
 * finds the command; each command parses its own options and owns its help. */

static const TrellisCliCommand *const commands[] = {
  &trellis_cli_init_command,
  &trellis_cli_info_command,
  &trellis_cli_check_command,
  &trellis_cli_plot_launcher,
  &trellis_cli_report_launcher,
  &trellis_cli_upgrade_command,
  &trellis_cli_import_command,
  &trellis_cli_export_command,
  &trellis_cli_demo_command,
  &trellis_cli_dictionary_command,
  &trellis_cli_cohort_command,
  &trellis_cli_profession_command,
  &trellis_cli_participant_command,
  &trellis_cli_consent_command,
  &trellis_cli_withdraw_command,
  &trellis_cli_purge_command,
  &trellis_cli_retention_command,
  &trellis_cli_flow_command,
  &trellis_cli_stats_command,
  &trellis_cli_event_command,
  &trellis_cli_visit_command,
  &trellis_cli_instrument_command,
  &trellis_cli_eligible_command,
  &trellis_cli_select_command,
  &trellis_cli_verify_draw_command,
  &trellis_cli_replace_command,
  &trellis_cli_draws_command,
  &trellis_cli_schedule_command,
  &trellis_cli_interview_command,
  &trellis_cli_interviews_command,
  &trellis_cli_export_ics_launcher,
  &trellis_cli_settings_command,
};

static const TrellisCliCommand *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_strcmp0 (commands[i]->name, name) == 0)
      return commands[i];
  return NULL;
}

static char *
list_commands (void)
{
  GString *summary = g_string_new (_("Commands:"));

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (summary, "\n  %-12s %s", commands[i]->name, _(commands[i]->summary));
  g_string_append_printf (summary, "\n\n%s", _("Run “trellis-cli COMMAND --help” for a command’s arguments and options."));
  return g_string_free (summary, FALSE);
}

/* Options given before any command: --help and --version. */
static int
run_global (int    argc,
            char **argv)
{
  gboolean version = FALSE;
  const GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, N_("Print the version and exit"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = g_option_context_new (N_("COMMAND [ARGUMENT…]"));
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = list_commands ();
  g_autofree char *description = trellis_cli_exit_status_help ();

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);
  g_option_context_set_description (context, description);
  g_option_context_set_strict_posix (context, TRUE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return trellis_cli_usage_error (NULL, "%s", error->message);
  if (version)
    {
      g_print ("trellis-cli %s\n", PACKAGE_VERSION);
      return TRELLIS_CLI_EXIT_OK;
    }
  if (argc > 1)
    return trellis_cli_usage_error (NULL, _("put the command before its options: “trellis-cli COMMAND [OPTION…]”"));
  return trellis_cli_usage_error (NULL, _("no command given"));
}

int
main (int    argc,
      char **argv)
{
  const TrellisCliCommand *command;
  g_autofree char *prgname = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2 || argv[1][0] == '-')
    {
      g_set_prgname ("trellis-cli");
      return run_global (argc, argv);
    }

  command = find_command (argv[1]);
  if (command == NULL)
    {
      g_autofree char *shown = g_utf8_make_valid (argv[1], -1);

      return trellis_cli_usage_error (NULL, _("unknown command “%s”"), shown);
    }

  /* The program name heads each command's "Usage:" line. */
  prgname = g_strdup_printf ("trellis-cli %s", command->name);
  g_set_prgname (prgname);
  return command->run (command, argc - 1, argv + 1);
}
