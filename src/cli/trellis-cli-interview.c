/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "trellis-cli-interview.h"
#include "trellis-cli-register.h"
#include "trellis-date.h"
#include "trellis-domain-error.h"
#include "trellis-interview-store.h"
#include "trellis-storage-error.h"
#include "trellis-study-measures.h"

/* trellis-cli schedule and interview: booking a drawn person's interview,
 * then its status and transcript. */

static int
report (const GError *error)
{
  if (error->domain == TRELLIS_STORAGE_ERROR &&
      (error->code == TRELLIS_STORAGE_ERROR_NOT_FOUND || error->code == TRELLIS_STORAGE_ERROR_CONSTRAINT))
    {
      g_printerr ("trellis-cli: %s\n", error->message);
      return TRELLIS_CLI_EXIT_PROBLEM;
    }
  if (error->domain == G_IO_ERROR)
    return trellis_cli_report_error (error, TRELLIS_CLI_EXIT_IO);
  return trellis_cli_report_refusal (error);
}

/* "YYYY-MM-DD HH:MM" (or with a T between them). */
static gboolean
parse_at (const char  *text,
          GDate       *date,
          int         *hour,
          int         *minute)
{
  g_autofree char *copy = g_strdup (text);
  char *split = strpbrk (copy, " T");
  char extra;

  if (split == NULL)
    return FALSE;
  *split = '\0';
  return trellis_date_parse (copy, date, NULL) &&
         sscanf (split + 1, "%2d:%2d%c", hour, minute, &extra) == 2 &&
         *hour >= 0 && *hour <= 23 && *minute >= 0 && *minute <= 59;
}

static const char *const modes[] = { "in_person", "video_call", "telephone", NULL };

static const char *
describe_mode (const char *mode)
{
  if (g_strcmp0 (mode, "in_person") == 0)
    return _("in person");
  if (g_strcmp0 (mode, "telephone") == 0)
    return _("by telephone");
  return _("by video call");
}

static int
schedule (const char                   *path,
          const char                   *code,
          const char                   *at,
          const TrellisScheduleRequest *request)
{
  g_autoptr(TrellisDatabase) database = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GError) error = NULL;
  TrellisLocalTimeCandidates candidates = { 0 };
  int exit_status;
  gint64 id;

  if ((database = trellis_cli_open_database_for_writing (path, &exit_status)) == NULL ||
      (id = trellis_cli_lookup_participant (database, code, &exit_status)) == 0)
    return exit_status;
  if (!trellis_interview_store_schedule (database, id, request, NULL, &warnings, &candidates, &error))
    {
      if (g_error_matches (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_AMBIGUOUS_TIME))
        {
          g_printerr ("trellis-cli: %s\n", error->message);
          g_printerr ("%s\n", _("Run again with --earlier for the first or --later for the second."));
          return TRELLIS_CLI_EXIT_PROBLEM;
        }
      return report (error);
    }
  g_print (_("Scheduled the interview of %s with %s at %s %s, %u minutes, %s%s\n"),
           code, request->interviewer, at, request->zone, request->minutes, describe_mode (request->mode),
           request->recorded == 0 ? _(", not recorded") : "");
  for (guint i = 0; i < warnings->len; i++)
    g_print (_("Warning: %s\n"), (const char *) g_ptr_array_index (warnings, i));
  return TRELLIS_CLI_EXIT_OK;
}

/* Options given to schedule that need checking, as typed. */
typedef struct
{
  char *at;
  char *mode;
  char *recorded;
  char *today;
  gboolean earlier;
  gboolean later;
} ScheduleText;

static gboolean
check_schedule_options (const TrellisCliCommand *command,
                        const ScheduleText      *text,
                        TrellisScheduleRequest  *request)
{
  GDate date;

  if (request->interviewer == NULL || text->at == NULL || request->zone == NULL)
    return trellis_cli_usage_error (command->name, _("--interviewer, --at and --zone are required")), FALSE;
  if (!parse_at (text->at, &request->date, &request->hour, &request->minute))
    return trellis_cli_usage_error (command->name, _("--at takes “YYYY-MM-DD HH:MM”, not “%s”"), text->at), FALSE;
  if (text->mode != NULL && !g_strv_contains (modes, text->mode))
    return trellis_cli_usage_error (command->name, _("--mode must be in_person, video_call or telephone")), FALSE;
  if (text->recorded != NULL && !g_str_equal (text->recorded, "yes") && !g_str_equal (text->recorded, "no"))
    return trellis_cli_usage_error (command->name, _("--recorded must be yes or no")), FALSE;
  if (text->earlier && text->later)
    return trellis_cli_usage_error (command->name, _("give --earlier or --later, not both")), FALSE;
  if (text->today != NULL && !trellis_date_parse (text->today, &date, NULL))
    return trellis_cli_usage_error (command->name, _("--today takes a date, YYYY-MM-DD")), FALSE;
  request->mode = text->mode != NULL ? text->mode : "video_call";
  request->recorded = text->recorded == NULL ? -1 : g_str_equal (text->recorded, "yes");
  request->which = text->earlier ? TRELLIS_LOCAL_TIME_EARLIER : text->later ? TRELLIS_LOCAL_TIME_LATER
                                                                            : TRELLIS_LOCAL_TIME_ASK;
  request->today = text->today != NULL ? g_date_get_julian (&date) : trellis_study_today ();
  request->now = g_get_real_time () / G_USEC_PER_SEC;
  return TRUE;
}

static int
run_schedule (const TrellisCliCommand  *command,
              int                       argc,
              char                    **argv)
{
  static const char *const arguments[] = { N_("STUDY"), N_("CODE"), NULL };
  g_autofree char *interviewer = NULL, *zone = NULL, *where = NULL;
  ScheduleText text = { 0 };
  int minutes = 60;
  const GOptionEntry entries[] = {
    { "interviewer", 'i', 0, G_OPTION_ARG_STRING, &interviewer, N_("Who interviews (required)"), N_("NAME") },
    { "at", 'a', 0, G_OPTION_ARG_STRING, &text.at, N_("Local date and time (required)"), N_("“YYYY-MM-DD HH:MM”") },
    { "zone", 'z', 0, G_OPTION_ARG_STRING, &zone, N_("The time zone of --at (required)"), N_("AREA/PLACE") },
    { "minutes", 'm', 0, G_OPTION_ARG_INT, &minutes, N_("Planned length (default: 60)"), N_("N") },
    { "mode", 0, 0, G_OPTION_ARG_STRING, &text.mode,
      N_("in_person, video_call (the default) or telephone"), N_("MODE") },
    { "where", 'w', 0, G_OPTION_ARG_STRING, &where, N_("The place, or the link of the call"), N_("TEXT") },
    { "recorded", 0, 0, G_OPTION_ARG_STRING, &text.recorded,
      N_("yes or no: whether it is video-recorded (default: as the draw’s rule says)"), N_("YES-OR-NO") },
    { "earlier", 0, 0, G_OPTION_ARG_NONE, &text.earlier, N_("A time that happens twice means the first"), NULL },
    { "later", 0, 0, G_OPTION_ARG_NONE, &text.later, N_("A time that happens twice means the second"), NULL },
    { "today", 0, 0, G_OPTION_ARG_STRING, &text.today, N_("Place the participant’s window as on this day"), N_("YYYY-MM-DD") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  TrellisScheduleRequest request = { 0 };
  int status;

  context = trellis_cli_option_context_new (command, N_("STUDY CODE"),
                                            _("Books the interview of participant CODE, who was drawn with\n"
                                              "“trellis-cli select”. Refused without their consent to interview, or\n"
                                              "to video for a recorded interview. The time is stored in UTC with its\n"
                                              "zone: a local time skipped when clocks go forward is refused, and one\n"
                                              "that happens twice when they go back needs --earlier or --later.\n"
                                              "The interviewer booked already, a time past or a date outside the\n"
                                              "participant’s window are printed and kept as warnings."),
                                            entries);
  if (!trellis_cli_parse (command, context, &argc, &argv, arguments))
    status = TRELLIS_CLI_EXIT_USAGE;
  else
    {
      request.interviewer = interviewer;
      request.zone = zone;
      request.where = where;
      request.minutes = minutes > 0 ? (guint) minutes : 0;
      status = check_schedule_options (command, &text, &request)
               ? schedule (argv[1], argv[2], text.at, &request) : TRELLIS_CLI_EXIT_USAGE;
    }
  g_free (text.at);
  g_free (text.mode);
  g_free (text.recorded);
  g_free (text.today);
  return status;
}

const TrellisCliCommand trellis_cli_schedule_command = {
  "schedule",
  N_("Book a drawn participant’s interview"),
  run_schedule,
};

static int
interview_status (const TrellisCliCommand  *command,
                  int                       argc,
                  char                    **argv)
{
  static const char *const arguments[] = { N_("STUDY"), N_("CODE"), N_("STATUS"), NULL };
  g_autofree char *anonymised_by = NULL;
  int minutes = 0;
  const GOptionEntry entries[] = {
    { "minutes", 'm', 0, G_OPTION_ARG_INT, &minutes, N_("How long it took, with done"), N_("N") },
    { "anonymised-by", 0, 0, G_OPTION_ARG_STRING, &anonymised_by,
      N_("Who anonymised the transcript, with anonymised (default: you)"), N_("NAME") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(TrellisDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  TrellisInterviewStatus status;
  int exit_status;
  gint64 id;

  context = trellis_cli_option_context_new (command, N_("STUDY CODE STATUS"),
                                            _("Moves participant CODE’s interview to STATUS: scheduled, done,\n"
                                              "transcribed, anonymised, coded, declined or did-not-attend, as the\n"
                                              "workflow allows. For a replacement after declined or did-not-attend,\n"
                                              "use “trellis-cli replace”."), entries);
  if (!trellis_cli_parse (command, context, &argc, &argv, arguments))
    return TRELLIS_CLI_EXIT_USAGE;
  if (!trellis_interview_status_from_string (argv[3], &status, &error))
    return trellis_cli_usage_error (command->name, "%s", error->message);
  if (minutes < 0 || (minutes > 0 && status != TRELLIS_INTERVIEW_DONE))
    return trellis_cli_usage_error (command->name, _("--minutes goes with done, and is at least 1"));
  if ((database = trellis_cli_open_database_for_writing (argv[1], &exit_status)) == NULL ||
      (id = trellis_cli_lookup_participant (database, argv[2], &exit_status)) == 0)
    return exit_status;
  if (!trellis_interview_store_set_status (database, id, status, minutes, anonymised_by, &error))
    return report (error);
  g_print (_("The interview of %s is now %s\n"), argv[2], trellis_interview_status_to_label (status));
  return TRELLIS_CLI_EXIT_OK;
}

static int
interview_transcript (const TrellisCliCommand  *command,
                      int                       argc,
                      char                    **argv)
{
  static const char *const arguments[] = { N_("STUDY"), N_("CODE"), N_("PATH"), NULL };
  const GOptionEntry entries[] = { G_OPTION_ENTRY_NULL };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(TrellisDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sha256 = NULL;
  int exit_status;
  gint64 id;

  context = trellis_cli_option_context_new (command, N_("STUDY CODE PATH"),
                                            _("Attaches the transcript at PATH to participant CODE’s interview,\n"
                                              "once it is done: the study keeps the file’s path and the SHA-256 of\n"
                                              "its bytes, never a copy. A done interview becomes transcribed."),
                                            entries);
  if (!trellis_cli_parse (command, context, &argc, &argv, arguments))
    return TRELLIS_CLI_EXIT_USAGE;
  if ((database = trellis_cli_open_database_for_writing (argv[1], &exit_status)) == NULL ||
      (id = trellis_cli_lookup_participant (database, argv[2], &exit_status)) == 0)
    return exit_status;
  if (!trellis_interview_store_set_transcript (database, id, argv[3], &sha256, &error))
    return report (error);
  g_print (_("Attached the transcript of %s (SHA-256 %s)\n"), argv[2], sha256);
  return TRELLIS_CLI_EXIT_OK;
}

static const TrellisCliCommand interview_commands[] = {
  { "interview status", N_("Move an interview along the workflow"), interview_status },
  { "interview transcript", N_("Attach an interview’s transcript by its path and hash"), interview_transcript },
};

static int
run_interview (const TrellisCliCommand  *command,
               int                       argc,
               char                    **argv)
{
  return trellis_cli_run_group (command, interview_commands, G_N_ELEMENTS (interview_commands), argc, argv);
}

const TrellisCliCommand trellis_cli_interview_command = {
  "interview",
  N_("Change an interview’s status or attach its transcript"),
  run_interview,
};
