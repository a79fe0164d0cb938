/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-cli-participant.h"
#include "trellis-cli-register.h"
#include "trellis-participant-list.h"
#include "trellis-participant-store.h"

/* trellis-cli participant …: the register, by study code. Lists and the
 * card show codes, never names or contact details: those only appear on
 * “participant show --identifiable”, so that a terminal or a log a script
 * keeps does not collect them by accident. */

typedef struct
{
  char *cohort;                  /* casefolded, or NULL for all */
  gboolean by_status;
  TrellisParticipantStatus status;
} ListFilter;

static gboolean
row_matches (TrellisParticipantRow *row,
             const ListFilter      *filter)
{
  g_autofree char *cohort = NULL;

  if (filter->by_status && trellis_participant_row_get_status (row) != filter->status)
    return FALSE;
  if (filter->cohort == NULL)
    return TRUE;
  cohort = g_utf8_casefold (trellis_participant_row_get_cohort (row), -1);
  return g_str_equal (cohort, filter->cohort);
}

static int
print_list (TrellisDatabase  *database,
            const ListFilter *filter)
{
  g_autoptr(TrellisParticipantList) list = trellis_participant_list_new (database);
  g_autoptr(GPtrArray) table = trellis_cli_table_new ();
  g_autoptr(GError) error = NULL;

  if (!trellis_participant_list_reload (list, &error))
    return trellis_cli_report_error (error, TRELLIS_CLI_EXIT_IO);
  trellis_cli_table_add (table, 5, _("Code"), _("Cohort"), _("Status"), _("Baseline"), _("Consent"));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(TrellisParticipantRow) row = g_list_model_get_item (G_LIST_MODEL (list), i);

      if (row_matches (row, filter))
        trellis_cli_table_add (table, 5, trellis_participant_row_get_code (row),
                               trellis_participant_row_get_cohort (row),
                               trellis_participant_row_get_status_label (row),
                               trellis_participant_row_get_baseline_date (row),
                               trellis_participant_row_get_consent_label (row));
    }
  trellis_cli_table_print (table);
  return TRELLIS_CLI_EXIT_OK;
}

/* Checks the filters: an unknown status is a usage error, an unknown
 * cohort a problem with the study (it may have been renamed). */
static int
list_participants (const char *study_path,
                   const char *cohort,
                   const char *status)
{
  g_autoptr(TrellisDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *clean = NULL;
  ListFilter filter = { NULL };
  int exit_status;

  if (status != NULL && !trellis_participant_status_from_string (status, &filter.status, &error))
    return trellis_cli_usage_error ("participant list", "--status: %s", error->message);
  filter.by_status = status != NULL;
  if ((database = trellis_cli_open_database (study_path, &exit_status)) == NULL)
    return exit_status;
  if (cohort != NULL && trellis_cli_lookup_cohort (database, cohort, &exit_status) == 0)
    return exit_status;
  if (cohort != NULL)
    {
      clean = g_strstrip (g_strdup (cohort));
      filter.cohort = g_utf8_casefold (clean, -1);
    }
  exit_status = print_list (database, &filter);
  g_free (filter.cohort);
  return exit_status;
}

static int
participant_list (const TrellisCliCommand  *command,
                  int                       argc,
                  char                    **argv)
{
  static const char *const arguments[] = { N_("STUDY"), NULL };
  g_autofree char *cohort = NULL, *status = NULL;
  const GOptionEntry entries[] = {
    { "cohort", 'c', 0, G_OPTION_ARG_STRING, &cohort, N_("Only this cohort’s participants"), N_("COHORT") },
    { "status", 's', 0, G_OPTION_ARG_STRING, &status,
      N_("Only participants with this status: recruited, active, completed, withdrawn or lost-to-follow-up"),
      N_("STATUS") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;

  context = trellis_cli_option_context_new (command, N_("STUDY"),
                                            _("Lists the participants in code order: code, cohort, status, baseline\n"
                                              "date and consent state. Names and contact details are never listed."),
                                            entries);
  if (!trellis_cli_parse (command, context, &argc, &argv, arguments))
    return TRELLIS_CLI_EXIT_USAGE;
  return list_participants (argv[1], cohort, status);
}

typedef struct
{
  char *cohort;
  char *code;
  char *baseline;
  char *contact[4];   /* name, email, phone, notes */
} AddOptions;

static void
add_options_clear (AddOptions *options)
{
  g_free (options->cohort);
  g_free (options->code);
  g_free (options->baseline);
  for (guint i = 0; i < G_N_ELEMENTS (options->contact); i++)
    g_free (options->contact[i]);
}

static int
add_participant (const char       *study_path,
                 const AddOptions *options)
{
  g_autoptr(TrellisDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  int exit_status;
  gint64 cohort_id, id;

  if ((database = trellis_cli_open_database_for_writing (study_path, &exit_status)) == NULL ||
      (cohort_id = trellis_cli_lookup_cohort (database, options->cohort, &exit_status)) == 0)
    return exit_status;
  id = trellis_participant_store_add_with_contact (database, options->code, cohort_id, options->baseline,
                                                   options->contact[0], options->contact[1],
                                                   options->contact[2], options->contact[3], &error);
  if (id == 0)
    return trellis_cli_report_refusal (error);
  if ((code = trellis_participant_store_get_code (database, id, &error)) == NULL)
    return trellis_cli_report_error (error, TRELLIS_CLI_EXIT_IO);
  /* The code alone, so that a script can keep it: code=$(trellis-cli participant add …). */
  g_print ("%s\n", code);
  return TRELLIS_CLI_EXIT_OK;
}

static int
participant_add (const TrellisCliCommand  *command,
                 int                       argc,
                 char                    **argv)
{
  static const char *const arguments[] = { N_("STUDY"), NULL };
  AddOptions options = { NULL };
  const GOptionEntry entries[] = {
    { "cohort", 'c', 0, G_OPTION_ARG_STRING, &options.cohort, N_("The cohort (required)"), N_("COHORT") },
    { "code", 0, 0, G_OPTION_ARG_STRING, &options.code, N_("The study code; without it, the next code of the study’s pattern"), N_("CODE") },
    { "baseline", 'b', 0, G_OPTION_ARG_STRING, &options.baseline, N_("The baseline date"), N_("YYYY-MM-DD") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &options.contact[0], N_("Name (identifiable)"), N_("NAME") },
    { "email", 0, 0, G_OPTION_ARG_STRING, &options.contact[1], N_("Email address (identifiable)"), N_("EMAIL") },
    { "phone", 0, 0, G_OPTION_ARG_STRING, &options.contact[2], N_("Phone number (identifiable)"), N_("PHONE") },
    { "notes", 0, 0, G_OPTION_ARG_STRING, &options.contact[3], N_("Contact notes (identifiable)"), N_("TEXT") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  int exit_status = TRELLIS_CLI_EXIT_USAGE;

  context = trellis_cli_option_context_new (command, N_("STUDY"),
                                            _("Adds a participant to an open cohort and prints their study code.\n"
                                              "Codes are kept in capitals without spaces, so “ p001 ” is P001."),
                                            entries);
  if (trellis_cli_parse (command, context, &argc, &argv, arguments))
    {
      if (options.cohort == NULL)
        trellis_cli_usage_error (command->name, _("missing option --cohort"));
      else if (trellis_cli_check_date (command, "--baseline", options.baseline))
        exit_status = add_participant (argv[1], &options);
    }
  add_options_clear (&options);
  return exit_status;
}

/* The participant as stored, or NULL having reported why not. */
static TrellisParticipant *
load_participant (TrellisDatabase *database,
                  const char      *code,
                  int             *exit_status)
{
  g_autoptr(GError) error = NULL;
  TrellisParticipant *participant;
  gint64 id = trellis_cli_lookup_participant (database, code, exit_status);

  if (id == 0)
    return NULL;
  participant = trellis_participant_store_load (database, id, &error);
  if (participant == NULL)
    *exit_status = trellis_cli_report_error (error, TRELLIS_CLI_EXIT_IO);
  return participant;
}

static int
edit_participant (const char *study_path,
                  const char *code,
                  const char *cohort,
                  const char *baseline)
{
  g_autoptr(TrellisDatabase) database = NULL;
  g_autoptr(TrellisParticipant) participant = NULL;
  g_autoptr(GError) error = NULL;
  gint64 cohort_id;
  int exit_status;

  if ((database = trellis_cli_open_database_for_writing (study_path, &exit_status)) == NULL ||
      (participant = load_participant (database, code, &exit_status)) == NULL)
    return exit_status;
  cohort_id = trellis_participant_get_cohort_id (participant);
  if (cohort != NULL && (cohort_id = trellis_cli_lookup_cohort (database, cohort, &exit_status)) == 0)
    return exit_status;
  if (baseline == NULL)
    baseline = trellis_participant_get_baseline_date (participant);
  if (!trellis_participant_store_update (database, trellis_participant_get_id (participant), cohort_id,
                                         baseline, &error))
    return trellis_cli_report_refusal (error);
  g_print (_("Saved %s\n"), trellis_participant_get_code (participant));
  return TRELLIS_CLI_EXIT_OK;
}

static int
participant_edit (const TrellisCliCommand  *command,
                  int                       argc,
                  char                    **argv)
{
  static const char *const arguments[] = { N_("STUDY"), N_("CODE"), NULL };
  g_autofree char *cohort = NULL, *baseline = NULL;
  const GOptionEntry entries[] = {
    { "cohort", 'c', 0, G_OPTION_ARG_STRING, &cohort, N_("Move to this open cohort"), N_("COHORT") },
    { "baseline", 'b', 0, G_OPTION_ARG_STRING, &baseline, N_("Another baseline date (empty clears it)"),
      N_("YYYY-MM-DD") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;

  context = trellis_cli_option_context_new (command, N_("STUDY CODE"),
                                            _("Moves participant CODE to another cohort or changes their baseline\n"
                                              "date; what is not given stays as it was."), entries);
  if (!trellis_cli_parse (command, context, &argc, &argv, arguments) ||
      !trellis_cli_check_date (command, "--baseline", baseline))
    return TRELLIS_CLI_EXIT_USAGE;
  return edit_participant (argv[1], argv[2], cohort, baseline);
}

/* Fields not given keep their stored value; an empty one clears it. */
static int
set_contact (const char *study_path,
             const char *code,
             char      **given)
{
  g_autoptr(TrellisDatabase) database = NULL;
  g_autoptr(TrellisParticipant) participant = NULL;
  g_autoptr(GError) error = NULL;
  const char *value[4];
  int exit_status;

  if ((database = trellis_cli_open_database_for_writing (study_path, &exit_status)) == NULL ||
      (participant = load_participant (database, code, &exit_status)) == NULL)
    return exit_status;
  value[0] = given[0] != NULL ? given[0] : trellis_participant_get_contact_name (participant);
  value[1] = given[1] != NULL ? given[1] : trellis_participant_get_contact_email (participant);
  value[2] = given[2] != NULL ? given[2] : trellis_participant_get_contact_phone (participant);
  value[3] = given[3] != NULL ? given[3] : trellis_participant_get_contact_notes (participant);
  if (!trellis_participant_store_set_contact (database, trellis_participant_get_id (participant),
                                              value[0], value[1], value[2], value[3], &error))
    return trellis_cli_report_refusal (error);
  g_print (_("Saved the contact details of %s\n"), trellis_participant_get_code (participant));
  return TRELLIS_CLI_EXIT_OK;
}

static int
participant_contact (const TrellisCliCommand  *command,
                     int                       argc,
                     char                    **argv)
{
  static const char *const arguments[] = { N_("STUDY"), N_("CODE"), NULL };
  char *given[4] = { NULL };
  const GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &given[0], N_("Name"), N_("NAME") },
    { "email", 0, 0, G_OPTION_ARG_STRING, &given[1], N_("Email address"), N_("EMAIL") },
    { "phone", 0, 0, G_OPTION_ARG_STRING, &given[2], N_("Phone number"), N_("PHONE") },
    { "notes", 0, 0, G_OPTION_ARG_STRING, &given[3], N_("Contact notes"), N_("TEXT") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  int exit_status = TRELLIS_CLI_EXIT_USAGE;

  context = trellis_cli_option_context_new (command, N_("STUDY CODE"),
                                            _("Sets participant CODE’s identifiable contact details. What is not\n"
                                              "given stays as it was; an empty value clears it. The audit trail\n"
                                              "records which details changed, never their values."), entries);
  if (trellis_cli_parse (command, context, &argc, &argv, arguments))
    exit_status = set_contact (argv[1], argv[2], given);
  for (guint i = 0; i < G_N_ELEMENTS (given); i++)
    g_free (given[i]);
  return exit_status;
}

static int
set_lost (const char *study_path,
          const char *code,
          const char *date)
{
  g_autoptr(TrellisDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *canonical = NULL;
  int exit_status;
  gint64 id;

  if ((database = trellis_cli_open_database_for_writing (study_path, &exit_status)) == NULL ||
      (id = trellis_cli_lookup_participant (database, code, &exit_status)) == 0)
    return exit_status;
  if (!trellis_participant_store_set_lost (database, id, date, &error))
    return trellis_cli_report_refusal (error);
  canonical = trellis_participant_store_get_code (database, id, NULL);
  if (date != NULL)
    g_print (_("%s is lost to follow-up from %s\n"), canonical, date);
  else
    g_print (_("%s is no longer lost to follow-up\n"), canonical);
  return TRELLIS_CLI_EXIT_OK;
}

static int
participant_lost (const TrellisCliCommand  *command,
                  int                       argc,
                  char                    **argv)
{
  static const char *const arguments[] = { N_("STUDY"), N_("CODE"), NULL };
  g_autofree char *date = NULL;
  gboolean clear = FALSE;
  const GOptionEntry entries[] = {
    { "date", 'd', 0, G_OPTION_ARG_STRING, &date, N_("Lost to follow-up from this date"), N_("YYYY-MM-DD") },
    { "clear", 0, 0, G_OPTION_ARG_NONE, &clear, N_("Found again: no longer lost to follow-up"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;

  context = trellis_cli_option_context_new (command, N_("STUDY CODE"),
                                            _("Marks participant CODE lost to follow-up from --date, or with --clear\n"
                                              "found again. Give exactly one of them."), entries);
  if (!trellis_cli_parse (command, context, &argc, &argv, arguments))
    return TRELLIS_CLI_EXIT_USAGE;
  if ((date == NULL || *date == '\0') == !clear)
    return trellis_cli_usage_error (command->name, _("give either --date or --clear"));
  if (!trellis_cli_check_date (command, "--date", date))
    return TRELLIS_CLI_EXIT_USAGE;
  return set_lost (argv[1], argv[2], date);
}

static const TrellisCliCommand participant_commands[] = {
  { "participant list", N_("List the participants by code"), participant_list },
  { "participant add", N_("Add a participant and print their code"), participant_add },
  { "participant show", N_("Show a participant’s card"), trellis_cli_participant_show },
  { "participant edit", N_("Change a participant’s cohort or baseline date"), participant_edit },
  { "participant contact", N_("Set a participant’s contact details"), participant_contact },
  { "participant lost", N_("Mark a participant lost to follow-up, or found again"), participant_lost },
};

static int
run_participant (const TrellisCliCommand  *command,
                 int                       argc,
                 char                    **argv)
{
  return trellis_cli_run_group (command, participant_commands, G_N_ELEMENTS (participant_commands), argc, argv);
}

const TrellisCliCommand trellis_cli_participant_command = {
  "participant",
  N_("List, add, show and change participants"),
  run_participant,
};
