/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-cli-participant.h"
#include "trellis-cli-register.h"
#include "trellis-consent-clause.h"
#include "trellis-participant-store.h"

/* “trellis-cli participant show”: one participant's card. Only reads, so it
 * works while the study is open in Trellis. */

static void
print_field (const char *label,
             const char *value)
{
  g_print ("%-20s %s\n", label, value != NULL && *value != '\0' ? value : "—");
}

/* The keys of the clauses answered “no”, in alphabetical order. */
static char *
declined_keys (TrellisConsentRecord *record)
{
  GHashTable *answers = trellis_consent_record_get_answers (record);
  g_autoptr(GList) keys = g_list_sort (g_hash_table_get_keys (answers), (GCompareFunc) g_strcmp0);
  g_autoptr(GString) declined = g_string_new (NULL);

  for (GList *l = keys; l != NULL; l = l->next)
    {
      gboolean yes = TRUE;

      if (trellis_consent_answers_get (answers, l->data, &yes) && !yes)
        g_string_append_printf (declined, "%s%s", declined->len > 0 ? ", " : "", (const char *) l->data);
    }
  return g_string_free (g_steal_pointer (&declined), FALSE);
}

static void
print_consents (TrellisParticipant *participant)
{
  GListModel *consents = trellis_participant_get_consents (participant);
  guint n = g_list_model_get_n_items (consents);

  g_print ("%s\n", _("Consent history:"));
  if (n == 0)
    g_print ("  %s\n", _("no consent recorded"));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TrellisConsentRecord) record = g_list_model_get_item (consents, i);
      g_autofree char *declined = declined_keys (record);

      g_print (_("  %s  version %s, taken by %s"), trellis_consent_record_get_date (record),
               trellis_consent_record_get_version_label (record), trellis_consent_record_get_taken_by (record));
      if (*declined != '\0')
        g_print (_("; declined: %s"), declined);
      g_print ("\n");
    }
}

static void
print_withdrawal (TrellisParticipant *participant)
{
  g_autofree char *withdrawal = NULL;
  const char *reason = trellis_participant_get_withdrawal_reason (participant);
  const char *purged = trellis_participant_get_withdrawal_purged (participant);

  if (!trellis_participant_get_withdrawn (participant))
    {
      print_field (_("Withdrawal:"), _("none"));
      return;
    }
  withdrawal = g_strdup_printf (_("%s, from %s"), trellis_participant_get_withdrawal_kind_label (participant),
                                trellis_participant_get_withdrawal_date (participant));
  print_field (_("Withdrawal:"), withdrawal);
  if (reason != NULL && *reason != '\0')
    print_field (_("Reason:"), reason);
  if (purged != NULL)
    print_field (_("Identifiers purged:"), purged);
  if (trellis_participant_get_research_data_purged (participant) != NULL)
    print_field (_("Data purged:"), trellis_participant_get_research_data_purged (participant));
}

static void
print_contact (TrellisParticipant *participant)
{
  g_print ("%s\n", _("Contact details (identifiable):"));
  print_field (_("  Name:"), trellis_participant_get_contact_name (participant));
  print_field (_("  Email:"), trellis_participant_get_contact_email (participant));
  print_field (_("  Phone:"), trellis_participant_get_contact_phone (participant));
  print_field (_("  Notes:"), trellis_participant_get_contact_notes (participant));
}

static void
print_card (TrellisParticipant *participant,
            gboolean            identifiable)
{
  print_field (_("Code:"), trellis_participant_get_code (participant));
  print_field (_("Cohort:"), trellis_participant_get_cohort_name (participant));
  print_field (_("Baseline date:"), trellis_participant_get_baseline_date (participant));
  print_field (_("Status:"), trellis_participant_get_status_label (participant));
  if (trellis_participant_get_lost_date (participant) != NULL)
    print_field (_("Lost to follow-up:"), trellis_participant_get_lost_date (participant));
  print_field (_("Consent:"), trellis_participant_get_consent_state_label (participant));
  print_consents (participant);
  print_withdrawal (participant);
  if (identifiable)
    print_contact (participant);
}

static int
show_participant (const char *study_path,
                  const char *code,
                  gboolean    identifiable)
{
  g_autoptr(TrellisDatabase) database = NULL;
  g_autoptr(TrellisParticipant) participant = NULL;
  g_autoptr(GError) error = NULL;
  int exit_status;
  gint64 id;

  if ((database = trellis_cli_open_database (study_path, &exit_status)) == NULL ||
      (id = trellis_cli_lookup_participant (database, code, &exit_status)) == 0)
    return exit_status;
  if ((participant = trellis_participant_store_load (database, id, &error)) == NULL)
    return trellis_cli_report_error (error, TRELLIS_CLI_EXIT_IO);
  print_card (participant, identifiable);
  return TRELLIS_CLI_EXIT_OK;
}

int
trellis_cli_participant_show (const TrellisCliCommand  *command,
                              int                       argc,
                              char                    **argv)
{
  static const char *const arguments[] = { N_("STUDY"), N_("CODE"), NULL };
  gboolean identifiable = FALSE;
  const GOptionEntry entries[] = {
    { "identifiable", 'i', 0, G_OPTION_ARG_NONE, &identifiable,
      N_("Add the name, email address, phone number and notes"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;

  context = trellis_cli_option_context_new (command, N_("STUDY CODE"),
                                            _("Prints participant CODE’s card: cohort, baseline date, status,\n"
                                              "consent state and history, and any withdrawal. The contact details\n"
                                              "are shown only with --identifiable."), entries);
  if (!trellis_cli_parse (command, context, &argc, &argv, arguments))
    return TRELLIS_CLI_EXIT_USAGE;
  return show_participant (argv[1], argv[2], identifiable);
}
