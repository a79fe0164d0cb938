/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-cli-consent.h"
#include "trellis-cli-register.h"
#include "trellis-consent-clause.h"
#include "trellis-consent-store.h"
#include "trellis-domain-error.h"
#include "trellis-participant-store.h"

/* trellis-cli consent …: the versions of the information sheet, the consents
 * participants gave on them, and who must be asked again. */

static int
consent_versions (const TrellisCliCommand  *command,
                  int                       argc,
                  char                    **argv)
{
  static const char *const arguments[] = { N_("STUDY"), NULL };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(TrellisDatabase) database = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GPtrArray) table = trellis_cli_table_new ();
  g_autoptr(GError) error = NULL;
  int exit_status;

  context = trellis_cli_option_context_new (command, N_("STUDY"),
                                            _("Lists the information sheet versions, oldest first: label, date,\n"
                                              "whether it requires reconsent, consents recorded on it, clause keys."),
                                            NULL);
  if (!trellis_cli_parse (command, context, &argc, &argv, arguments))
    return TRELLIS_CLI_EXIT_USAGE;
  if ((database = trellis_cli_open_database (argv[1], &exit_status)) == NULL)
    return exit_status;
  if ((versions = trellis_consent_store_load_versions (database, &error)) == NULL)
    return trellis_cli_report_error (error, TRELLIS_CLI_EXIT_IO);

  trellis_cli_table_add (table, 5, _("Label"), _("Date"), _("Reconsent"), _("Consents"), _("Clauses"));
  for (guint i = 0; i < versions->len; i++)
    {
      TrellisConsentVersion *version = g_ptr_array_index (versions, i);
      g_autofree char *n = g_strdup_printf ("%d", trellis_consent_version_get_n_consents (version));
      g_autofree char *keys = g_strjoinv (",", (char **) trellis_consent_version_get_clause_keys (version));

      trellis_cli_table_add (table, 5, trellis_consent_version_get_label (version),
                             trellis_consent_version_get_date (version),
                             trellis_consent_version_get_requires_reconsent (version) ? _("required") : _("no"),
                             n, keys);
    }
  trellis_cli_table_print (table);
  return TRELLIS_CLI_EXIT_OK;
}

/* The standard clauses, or the keys given; a key that is not a standard
 * clause takes itself as its text, to be worded in Trellis. */
static TrellisConsentVersion *
new_version (const char *label,
             const char *date,
             const char *clauses)
{
  TrellisConsentVersion *version = trellis_consent_version_new_standard (label, date);
  g_auto(GStrv) keys = NULL;
  g_autoptr(GStrvBuilder) texts = g_strv_builder_new ();
  g_auto(GStrv) text_list = NULL;

  if (clauses == NULL)
    return version;
  keys = trellis_cli_split_list (clauses);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      const TrellisConsentClause *clause = trellis_consent_clause_lookup (keys[i]);

      g_strv_builder_add (texts, clause != NULL ? trellis_consent_clause_get_text (clause) : keys[i]);
    }
  text_list = g_strv_builder_end (texts);
  trellis_consent_version_set_clauses (version, (const char *const *) keys, (const char *const *) text_list);
  return version;
}

static int
add_version (const char            *study_path,
             TrellisConsentVersion *version)
{
  g_autoptr(TrellisDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  int exit_status;

  if ((database = trellis_cli_open_database_for_writing (study_path, &exit_status)) == NULL)
    return exit_status;
  if (!trellis_consent_store_add_version (database, version, &error))
    return trellis_cli_report_refusal (error);
  g_print (_("Added information sheet version “%s” of %s\n"), trellis_consent_version_get_label (version),
           trellis_consent_version_get_date (version));
  return TRELLIS_CLI_EXIT_OK;
}

static int
consent_add_version (const TrellisCliCommand  *command,
                     int                       argc,
                     char                    **argv)
{
  static const char *const arguments[] = { N_("STUDY"), N_("LABEL"), NULL };
  g_autofree char *date = NULL, *clauses = NULL;
  gboolean reconsent = FALSE;
  const GOptionEntry entries[] = {
    { "date", 'd', 0, G_OPTION_ARG_STRING, &date, N_("The version’s date (required)"), N_("YYYY-MM-DD") },
    { "requires-reconsent", 0, 0, G_OPTION_ARG_NONE, &reconsent,
      N_("Participants who consented on an older version must be asked again"), NULL },
    { "clauses", 0, 0, G_OPTION_ARG_STRING, &clauses, N_("The clause keys, in order (default: the standard ones)"),
      N_("KEY,KEY,…") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(TrellisConsentVersion) version = NULL;

  context = trellis_cli_option_context_new (command, N_("STUDY LABEL"),
                                            _("Adds a version of the information sheet. The standard clause keys are\n"
                                              "take_part, questionnaires, interview, video, quotes, future_research;\n"
                                              "take_part is required. Another key gets itself as its text, to be\n"
                                              "worded in Trellis."), entries);
  if (!trellis_cli_parse (command, context, &argc, &argv, arguments))
    return TRELLIS_CLI_EXIT_USAGE;
  if (date == NULL || *date == '\0')
    return trellis_cli_usage_error (command->name, _("missing option --date"));
  if (!trellis_cli_check_date (command, "--date", date))
    return TRELLIS_CLI_EXIT_USAGE;
  version = new_version (argv[2], date, clauses);
  trellis_consent_version_set_requires_reconsent (version, reconsent);
  return add_version (argv[1], version);
}

/* The version by label, however it is capitalised. */
static gint64
lookup_version (TrellisDatabase        *database,
                const char             *label,
                TrellisConsentVersion **found,
                int                    *exit_status)
{
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *clean = g_strstrip (g_strdup (label));
  g_autofree char *wanted = g_utf8_casefold (clean, -1);

  if ((versions = trellis_consent_store_load_versions (database, &error)) == NULL)
    {
      *exit_status = trellis_cli_report_error (error, TRELLIS_CLI_EXIT_IO);
      return 0;
    }
  for (guint i = 0; i < versions->len; i++)
    {
      TrellisConsentVersion *version = g_ptr_array_index (versions, i);
      g_autofree char *folded = g_utf8_casefold (trellis_consent_version_get_label (version), -1);

      if (g_str_equal (folded, wanted))
        {
          *found = g_object_ref (version);
          return trellis_consent_version_get_id (version);
        }
    }
  g_printerr (_("trellis-cli: There is no information sheet version “%s”\n"), clean);
  *exit_status = TRELLIS_CLI_EXIT_PROBLEM;
  return 0;
}

/* Yes to every clause of the version but the declined ones, each of which
 * must be one of its clauses. */
static GHashTable *
answers_for (TrellisConsentVersion  *version,
             const char             *decline,
             GError                **error)
{
  g_autoptr(GHashTable) answers = trellis_consent_answers_new ();
  const char *const *keys = trellis_consent_version_get_clause_keys (version);
  g_auto(GStrv) declined = trellis_cli_split_list (decline);

  for (guint i = 0; declined[i] != NULL; i++)
    if (!g_strv_contains (keys, declined[i]))
      {
        g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                     _("Information sheet “%s” has no clause “%s”"),
                     trellis_consent_version_get_label (version), declined[i]);
        return NULL;
      }
  for (guint i = 0; keys[i] != NULL; i++)
    trellis_consent_answers_set (answers, keys[i], !g_strv_contains ((const char *const *) declined, keys[i]));
  return g_steal_pointer (&answers);
}

typedef struct
{
  char *version;
  char *date;
  char *taken_by;
  char *decline;
} RecordOptions;

static int
record_consent (const char          *study_path,
                const char          *code,
                const RecordOptions *options)
{
  g_autoptr(TrellisDatabase) database = NULL;
  g_autoptr(TrellisConsentVersion) version = NULL;
  g_autoptr(GHashTable) answers = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *canonical = NULL;
  gint64 participant_id, version_id;
  int exit_status;

  if ((database = trellis_cli_open_database_for_writing (study_path, &exit_status)) == NULL ||
      (participant_id = trellis_cli_lookup_participant (database, code, &exit_status)) == 0 ||
      (version_id = lookup_version (database, options->version, &version, &exit_status)) == 0)
    return exit_status;
  if ((answers = answers_for (version, options->decline, &error)) == NULL ||
      trellis_consent_store_record (database, participant_id, version_id, options->date, options->taken_by,
                                    answers, &error) == 0)
    return trellis_cli_report_refusal (error);
  canonical = trellis_participant_store_get_code (database, participant_id, NULL);
  g_print (_("Recorded the consent of %s on version “%s” of %s\n"), canonical,
           trellis_consent_version_get_label (version), options->date);
  return TRELLIS_CLI_EXIT_OK;
}

static int
consent_record (const TrellisCliCommand  *command,
                int                       argc,
                char                    **argv)
{
  static const char *const arguments[] = { N_("STUDY"), N_("CODE"), NULL };
  RecordOptions options = { NULL };
  const GOptionEntry entries[] = {
    { "version", 'v', 0, G_OPTION_ARG_STRING, &options.version, N_("The information sheet version (required)"), N_("LABEL") },
    { "date", 'd', 0, G_OPTION_ARG_STRING, &options.date, N_("The consent date (required)"), N_("YYYY-MM-DD") },
    { "taken-by", 't', 0, G_OPTION_ARG_STRING, &options.taken_by, N_("Who took the consent (required)"), N_("NAME") },
    { "decline", 0, 0, G_OPTION_ARG_STRING, &options.decline, N_("The clauses answered “no”"), N_("KEY,KEY,…") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  int exit_status = TRELLIS_CLI_EXIT_USAGE;

  context = trellis_cli_option_context_new (command, N_("STUDY CODE"),
                                            _("Records participant CODE’s consent on an information sheet version:\n"
                                              "“yes” to every clause except those given with --decline. Declining\n"
                                              "take_part records that the participant declined to take part."),
                                            entries);
  if (trellis_cli_parse (command, context, &argc, &argv, arguments))
    {
      if (options.version == NULL || options.date == NULL || options.taken_by == NULL)
        trellis_cli_usage_error (command->name, _("--version, --date and --taken-by are required"));
      else if (trellis_cli_check_date (command, "--date", options.date))
        exit_status = record_consent (argv[1], argv[2], &options);
    }
  g_free (options.version);
  g_free (options.date);
  g_free (options.taken_by);
  g_free (options.decline);
  return exit_status;
}

static int
consent_reconsent_needed (const TrellisCliCommand  *command,
                          int                       argc,
                          char                    **argv)
{
  static const char *const arguments[] = { N_("STUDY"), NULL };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(TrellisDatabase) database = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  int exit_status;

  context = trellis_cli_option_context_new (command, N_("STUDY"),
                                            _("Prints, one a line, the codes of the participants to ask again: not\n"
                                              "withdrawn, taking part, and consented on a version older than the\n"
                                              "newest one that requires reconsent."), NULL);
  if (!trellis_cli_parse (command, context, &argc, &argv, arguments))
    return TRELLIS_CLI_EXIT_USAGE;
  if ((database = trellis_cli_open_database (argv[1], &exit_status)) == NULL)
    return exit_status;
  if ((ids = trellis_consent_store_reconsent_needed (database, &error)) == NULL)
    return trellis_cli_report_error (error, TRELLIS_CLI_EXIT_IO);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autofree char *code = trellis_participant_store_get_code (database, g_array_index (ids, gint64, i), &error);

      if (code == NULL)
        return trellis_cli_report_error (error, TRELLIS_CLI_EXIT_IO);
      g_print ("%s\n", code);
    }
  return TRELLIS_CLI_EXIT_OK;
}

static const TrellisCliCommand consent_commands[] = {
  { "consent versions", N_("List the information sheet versions"), consent_versions },
  { "consent add-version", N_("Add a version of the information sheet"), consent_add_version },
  { "consent record", N_("Record a participant’s consent"), consent_record },
  { "consent reconsent-needed", N_("List the participants to ask for consent again"), consent_reconsent_needed },
};

static int
run_consent (const TrellisCliCommand  *command,
             int                       argc,
             char                    **argv)
{
  return trellis_cli_run_group (command, consent_commands, G_N_ELEMENTS (consent_commands), argc, argv);
}

const TrellisCliCommand trellis_cli_consent_command = {
  "consent",
  N_("Information sheet versions and participants’ consent"),
  run_consent,
};
