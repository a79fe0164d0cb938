/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-cli-event.h"
#include "trellis-cli-register.h"
#include "trellis-event-store.h"
#include "trellis-participant-store.h"

/* trellis-cli event: the date a participant attended the workshop or had the
 * coaching call, which the timepoints anchored to it count from. */

static int
record_event (const char    *study_path,
              const char    *code,
              TrellisAnchor  kind,
              const char    *date)
{
  g_autoptr(TrellisDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *canonical = NULL;
  int exit_status;
  gint64 id;

  if ((database = trellis_cli_open_database_for_writing (study_path, &exit_status)) == NULL ||
      (id = trellis_cli_lookup_participant (database, code, &exit_status)) == 0)
    return exit_status;
  if (!trellis_event_store_record (database, id, kind, date, &error))
    return trellis_cli_report_refusal (error);
  canonical = trellis_participant_store_get_code (database, id, NULL);
  if (date == NULL)
    g_print (kind == TRELLIS_ANCHOR_WORKSHOP ? _("Cleared the workshop date of %s\n")
                                             : _("Cleared the coaching call date of %s\n"), canonical);
  else
    g_print (kind == TRELLIS_ANCHOR_WORKSHOP ? _("Recorded that %s attended the workshop on %s\n")
                                             : _("Recorded that %s had the coaching call on %s\n"),
             canonical, date);
  return TRELLIS_CLI_EXIT_OK;
}

static gboolean
wants_clear (int    argc,
             char **argv)
{
  for (int i = 1; i < argc; i++)
    if (g_strcmp0 (argv[i], "--clear") == 0)
      return TRUE;
  return FALSE;
}

static int
run_event (const TrellisCliCommand  *command,
           int                       argc,
           char                    **argv)
{
  static const char *const with_date[] = { N_("STUDY"), N_("CODE"), N_("EVENT"), N_("DATE"), NULL };
  static const char *const without_date[] = { N_("STUDY"), N_("CODE"), N_("EVENT"), NULL };
  gboolean clear = FALSE;
  const GOptionEntry entries[] = {
    { "clear", 0, 0, G_OPTION_ARG_NONE, &clear, N_("Remove the event’s date instead of recording one"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  TrellisAnchor kind;

  context = trellis_cli_option_context_new (command, N_("STUDY CODE EVENT DATE|--clear"),
                                            _("Records the date participant CODE attended the workshop (EVENT\n"
                                              "“workshop”) or had the coaching call (“coaching”), moves it, or with\n"
                                              "--clear removes it. Timepoints anchored to the event count from it.\n"
                                              "Events follow the baseline, and the coaching call the workshop; after\n"
                                              "a withdrawal that stops data collection nothing can be recorded."),
                                            entries);
  /* Whether a date is expected depends on an option, so the option is
   * looked for before the arguments are counted. */
  if (!trellis_cli_parse (command, context, &argc, &argv, wants_clear (argc, argv) ? without_date : with_date))
    return TRELLIS_CLI_EXIT_USAGE;
  if (!trellis_anchor_from_string (argv[3], &kind) || kind == TRELLIS_ANCHOR_BASELINE)
    return trellis_cli_usage_error (command->name, _("EVENT must be “workshop” or “coaching”, not “%s”"), argv[3]);
  if (!clear && *argv[4] == '\0')
    return trellis_cli_usage_error (command->name, _("DATE is empty; use --clear to remove the event’s date"));
  if (!clear && !trellis_cli_check_date (command, "DATE", argv[4]))
    return TRELLIS_CLI_EXIT_USAGE;
  return record_event (argv[1], argv[2], kind, clear ? NULL : argv[4]);
}

const TrellisCliCommand trellis_cli_event_command = {
  "event",
  N_("Record the date of a participant’s workshop or coaching call"),
  run_event,
};
