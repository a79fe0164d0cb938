/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-cli-register.h"
#include "trellis-cli-withdraw.h"
#include "trellis-participant-store.h"
#include "trellis-research-purge.h"
#include "trellis-study-store.h"
#include "trellis-withdrawal-store.h"

/* trellis-cli withdraw and purge: a participant leaves the study, and on a
 * data-destruction request their identifiers are removed from the file. */

static int
record_withdrawal (const char            *study_path,
                   const char            *code,
                   TrellisWithdrawalType  kind,
                   const char            *date,
                   const char            *reason)
{
  g_autoptr(TrellisDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *canonical = NULL;
  int exit_status;
  gint64 id;

  if ((database = trellis_cli_open_database_for_writing (study_path, &exit_status)) == NULL ||
      (id = trellis_cli_lookup_participant (database, code, &exit_status)) == 0)
    return exit_status;
  if (trellis_withdrawal_store_record (database, id, kind, date, reason, &error) == 0)
    return trellis_cli_report_refusal (error);
  canonical = trellis_participant_store_get_code (database, id, NULL);
  g_print (_("Recorded the withdrawal of %s (%s) from %s\n"), canonical, trellis_withdrawal_type_to_label (kind), date);
  return TRELLIS_CLI_EXIT_OK;
}

static int
run_withdraw (const TrellisCliCommand  *command,
              int                       argc,
              char                    **argv)
{
  static const char *const arguments[] = { N_("STUDY"), N_("CODE"), NULL };
  g_autofree char *kind_text = NULL, *date = NULL, *reason = NULL;
  const GOptionEntry entries[] = {
    { "kind", 'k', 0, G_OPTION_ARG_STRING, &kind_text,
      N_("no-further-contact, no-further-data or data-destruction (required)"), N_("KIND") },
    { "date", 'd', 0, G_OPTION_ARG_STRING, &date, N_("The date it takes effect (required)"), N_("YYYY-MM-DD") },
    { "reason", 'r', 0, G_OPTION_ARG_STRING, &reason, N_("The participant’s reason, if they gave one"), N_("TEXT") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  TrellisWithdrawalType kind;

  context = trellis_cli_option_context_new (command, N_("STUDY CODE"),
                                            _("Records that participant CODE withdrew. A later withdrawal may only go\n"
                                              "further (no further contact, then no further data, then data\n"
                                              "destruction), and only the kinds enabled in the study’s settings can\n"
                                              "be recorded. After a withdrawal no consent can be recorded."), entries);
  if (!trellis_cli_parse (command, context, &argc, &argv, arguments))
    return TRELLIS_CLI_EXIT_USAGE;
  if (kind_text == NULL || date == NULL || *date == '\0')
    return trellis_cli_usage_error (command->name, _("--kind and --date are required"));
  if (!trellis_withdrawal_type_from_string (kind_text, &kind, &error))
    return trellis_cli_usage_error (command->name, "--kind: %s", error->message);
  if (!trellis_cli_check_date (command, "--date", date))
    return TRELLIS_CLI_EXIT_USAGE;
  return record_withdrawal (argv[1], argv[2], kind, date, reason);
}

const TrellisCliCommand trellis_cli_withdraw_command = {
  "withdraw",
  N_("Record a participant’s withdrawal"),
  run_withdraw,
};

/* Under the “identifiers and research data” policy the research data went
 * too: says how much, and that the audit trail kept no copy of it. */
static void
print_research_data_note (TrellisDatabase *database,
                          gint64           id,
                          const char      *code)
{
  TrellisResearchPurgeCounts counts;
  gboolean found = FALSE;

  if (!trellis_research_purge_lookup (database, id, &found, &counts, NULL) || !found)
    return;
  g_print (_("Removed the research data of %s as this study’s policy asks: answer sheets: %u, visits: %u,"
             " workshop and coaching dates: %u; the audit trail keeps no copy of them\n"),
           code, counts.answer_sheets, counts.visits, counts.events);
}

static int
purge (const char *study_path,
       const char *code,
       const char *reason)
{
  g_autoptr(TrellisDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *canonical = NULL;
  gboolean log_cleared = FALSE;
  int exit_status;
  gint64 id;

  if ((database = trellis_cli_open_database_for_writing (study_path, &exit_status)) == NULL ||
      (id = trellis_cli_lookup_participant (database, code, &exit_status)) == 0)
    return exit_status;
  canonical = trellis_participant_store_get_code (database, id, NULL);
  if (!trellis_withdrawal_store_purge (database, id, reason, &log_cleared, &error))
    return trellis_cli_report_refusal (error);
  g_print (_("Purged the identifiers of %s\n"), canonical);
  print_research_data_note (database, id, canonical);
  if (log_cleared)
    g_print ("%s\n", _("The study’s write-ahead log was cleared: no copy of them is left in it."));
  else
    g_print ("%s\n", _("Another program is reading the study, so until it closes the study the write-ahead"
                       " log beside it (the “-wal” file) still holds a copy of them."));
  return TRELLIS_CLI_EXIT_OK;
}

static int
run_purge (const TrellisCliCommand  *command,
           int                       argc,
           char                    **argv)
{
  static const char *const arguments[] = { N_("STUDY"), N_("CODE"), NULL };
  g_autofree char *reason = NULL;
  const GOptionEntry entries[] = {
    { "reason", 'r', 0, G_OPTION_ARG_STRING, &reason, N_("Why, for the audit trail (required)"), N_("TEXT") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;

  context = trellis_cli_option_context_new (command, N_("STUDY CODE"),
                                            _("Removes participant CODE’s name and contact details from the study,\n"
                                              "after a withdrawal with data destruction. The audit trail records\n"
                                              "the purge and its reason, never the identifiers. This cannot be undone."),
                                            entries);
  if (!trellis_cli_parse (command, context, &argc, &argv, arguments))
    return TRELLIS_CLI_EXIT_USAGE;
  if (reason == NULL)
    return trellis_cli_usage_error (command->name, _("missing option --reason"));
  return purge (argv[1], argv[2], reason);
}

const TrellisCliCommand trellis_cli_purge_command = {
  "purge",
  N_("Remove a withdrawn participant’s identifiers, and research data if the policy says so"),
  run_purge,
};
