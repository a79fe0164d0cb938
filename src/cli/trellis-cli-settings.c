/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-cli-register.h"
#include "trellis-cli-settings.h"
#include "trellis-register-rules.h"
#include "trellis-study-code.h"
#include "trellis-study-store.h"

/* trellis-cli settings: the register's settings, printed, or changed when
 * options are given. All the changes are checked before the study is
 * opened, so a mistyped option changes nothing. */

static const char *const policy_words[] = {
  [TRELLIS_DESTRUCTION_POLICY_IDENTIFIERS] = "identifiers",
  [TRELLIS_DESTRUCTION_POLICY_IDENTIFIERS_AND_DATA] = "identifiers-and-data",
};

typedef struct
{
  char *code_pattern;
  char *withdrawal_types;
  char *destruction_policy;
  guint types;
  TrellisDestructionPolicy policy;
} SettingsOptions;

static int
print_settings (const char *study_path)
{
  g_autoptr(TrellisDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pattern = NULL;
  g_autofree char *types_text = NULL;
  TrellisDestructionPolicy policy;
  guint types;
  int exit_status;

  if ((database = trellis_cli_open_database (study_path, &exit_status)) == NULL)
    return exit_status;
  if ((pattern = trellis_study_store_get_code_pattern (database, &error)) == NULL ||
      !trellis_study_store_get_withdrawal_types (database, &types, &error) ||
      !trellis_study_store_get_destruction_policy (database, &policy, &error))
    return trellis_cli_report_error (error, TRELLIS_CLI_EXIT_IO);
  types_text = trellis_withdrawal_types_format (types);
  g_print ("%-20s %s\n", _("Code pattern:"), pattern);
  g_print ("%-20s %s\n", _("Withdrawal types:"), types_text);
  g_print ("%-20s %s\n", _("Destruction policy:"), policy_words[policy]);
  return TRELLIS_CLI_EXIT_OK;
}

/* Each option given is checked before the study is opened. */
static gboolean
check_options (const TrellisCliCommand *command,
               SettingsOptions         *options)
{
  g_autoptr(GError) error = NULL;

  if (options->code_pattern != NULL && !trellis_study_code_pattern_validate (options->code_pattern, &error))
    trellis_cli_usage_error (command->name, "--code-pattern: %s", error->message);
  else if (options->withdrawal_types != NULL &&
           !trellis_withdrawal_types_parse (options->withdrawal_types, &options->types, &error))
    trellis_cli_usage_error (command->name, "--withdrawal-types: %s", error->message);
  else if (options->destruction_policy != NULL &&
           g_strcmp0 (options->destruction_policy, policy_words[0]) != 0 &&
           g_strcmp0 (options->destruction_policy, policy_words[1]) != 0)
    trellis_cli_usage_error (command->name, _("--destruction-policy: use “%s” or “%s”"),
                             policy_words[0], policy_words[1]);
  else
    {
      options->policy = g_strcmp0 (options->destruction_policy, policy_words[1]) == 0
                        ? TRELLIS_DESTRUCTION_POLICY_IDENTIFIERS_AND_DATA : TRELLIS_DESTRUCTION_POLICY_IDENTIFIERS;
      return TRUE;
    }
  return FALSE;
}

/* Each setting is its own change with its own audit row. Every value was
 * checked before the study was opened, so only a failed write can stop them
 * part-way, and the first failure stops the rest. */
static int
save_settings (const char            *study_path,
               const SettingsOptions *options)
{
  g_autoptr(TrellisDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  int exit_status;

  if ((database = trellis_cli_open_database_for_writing (study_path, &exit_status)) == NULL)
    return exit_status;
  if ((options->code_pattern != NULL &&
       !trellis_study_store_set_code_pattern (database, options->code_pattern, &error)) ||
      (options->withdrawal_types != NULL &&
       !trellis_study_store_set_withdrawal_types (database, options->types, &error)) ||
      (options->destruction_policy != NULL &&
       !trellis_study_store_set_destruction_policy (database, options->policy, &error)))
    return trellis_cli_report_refusal (error);
  g_clear_object (&database);
  return print_settings (study_path);
}

static int
run_settings (const TrellisCliCommand  *command,
              int                       argc,
              char                    **argv)
{
  static const char *const arguments[] = { N_("STUDY"), NULL };
  SettingsOptions options = { NULL };
  const GOptionEntry entries[] = {
    { "code-pattern", 0, 0, G_OPTION_ARG_STRING, &options.code_pattern,
      N_("The pattern new study codes are made from, # for a digit (e.g. P###)"), N_("PATTERN") },
    { "withdrawal-types", 0, 0, G_OPTION_ARG_STRING, &options.withdrawal_types,
      N_("The kinds of withdrawal that can be recorded"), N_("KIND,KIND,…") },
    { "destruction-policy", 0, 0, G_OPTION_ARG_STRING, &options.destruction_policy,
      N_("What a purge removes: identifiers, or identifiers-and-data"), N_("POLICY") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  int exit_status = TRELLIS_CLI_EXIT_USAGE;

  context = trellis_cli_option_context_new (command, N_("STUDY"),
                                            _("Prints the register’s settings, or changes those given and then\n"
                                              "prints them. Withdrawal kinds: no-further-contact, no-further-data,\n"
                                              "data-destruction."), entries);
  if (trellis_cli_parse (command, context, &argc, &argv, arguments) && check_options (command, &options))
    {
      if (options.code_pattern == NULL && options.withdrawal_types == NULL && options.destruction_policy == NULL)
        exit_status = print_settings (argv[1]);
      else
        exit_status = save_settings (argv[1], &options);
    }
  g_free (options.code_pattern);
  g_free (options.withdrawal_types);
  g_free (options.destruction_policy);
  return exit_status;
}

const TrellisCliCommand trellis_cli_settings_command = {
  "settings",
  N_("Show or change the register’s settings"),
  run_settings,
};
