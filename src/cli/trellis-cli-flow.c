/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-cli-flow.h"
#include "trellis-csv-writer.h"
#include "trellis-date.h"
#include "trellis-participant-flow-read.h"
#include "trellis-study-measures.h"

/* trellis-cli flow: the participant flow's numbers, the ones the flow
 * diagram draws, as an indented list or as CSV. */

/* The totals' cohort in CSV files, which are data and stay in English. */
#define CSV_ALL_COHORTS "All cohorts"
#define LABEL_WIDTH 50

typedef struct
{
  gboolean csv;
  gboolean by_cohort;
  guint32 today;
  const char *instrument;
} FlowRequest;

/* ---- CSV ---- */

static void
append_csv_count (GString                      *out,
                  const TrellisParticipantFlow *flow,
                  const FlowRequest            *request,
                  const char                   *section,
                  const TrellisFlowBox         *box,
                  const TrellisFlowCount       *count)
{
  const char *reason = count != &box->total ? count->key : "";
  g_autofree char *total = g_strdup_printf ("%u", count->count);
  const char *row[] = { section, box->total.key, reason, count->label, CSV_ALL_COHORTS, total };

  trellis_csv_append_row (out, row, G_N_ELEMENTS (row));
  for (guint c = 0; request->by_cohort && c < flow->n_cohorts; c++)
    {
      g_autofree char *n = g_strdup_printf ("%u", count->by_cohort[c]);

      row[4] = flow->cohort_names[c];
      row[5] = n;
      trellis_csv_append_row (out, row, G_N_ELEMENTS (row));
    }
}

static void
append_csv_box (GString                      *out,
                const TrellisParticipantFlow *flow,
                const FlowRequest            *request,
                const char                   *section,
                const TrellisFlowBox         *box)
{
  if (box == NULL)
    return;
  append_csv_count (out, flow, request, section, box, &box->total);
  for (guint i = 0; i < box->reasons->len; i++)
    append_csv_count (out, flow, request, section, box, &g_array_index (box->reasons, TrellisFlowCount, i));
}

static void
print_csv (const TrellisParticipantFlow *flow,
           const FlowRequest            *request)
{
  static const char *const header[] = { "section", "box", "reason", "label", "cohort", "count" };
  g_autoptr(GString) out = g_string_new (NULL);
  GPtrArray *sections[] = { flow->steps, flow->interview_steps };
  const char *names[] = { "main", "interviews" };

  trellis_csv_append_row (out, header, G_N_ELEMENTS (header));
  for (guint s = 0; s < G_N_ELEMENTS (sections); s++)
    for (guint i = 0; i < sections[s]->len; i++)
      {
        const TrellisFlowStep *step = sections[s]->pdata[i];

        append_csv_box (out, flow, request, names[s], step->main);
        append_csv_box (out, flow, request, names[s], step->side);
      }
  g_print ("%s", out->str);
}

/* ---- Text ---- */

static void
print_line (const TrellisParticipantFlow *flow,
            const FlowRequest            *request,
            guint                         indent,
            const TrellisFlowCount       *count)
{
  g_autoptr(GString) line = g_string_new (NULL);
  glong pad;

  g_string_append_printf (line, "%*s%s", (int) indent, "", count->label);
  pad = MAX (1, LABEL_WIDTH - g_utf8_strlen (line->str, -1));
  g_string_append_printf (line, "%*s%6u", (int) pad, "", count->count);
  for (guint c = 0; request->by_cohort && c < flow->n_cohorts; c++)
    g_string_append_printf (line, "  %5u", count->by_cohort[c]);
  g_print ("%s\n", line->str);
}

/* Reasons that nobody has are left out; CSV keeps them. */
static void
print_box (const TrellisParticipantFlow *flow,
           const FlowRequest            *request,
           guint                         indent,
           const TrellisFlowBox         *box)
{
  if (box == NULL)
    return;
  print_line (flow, request, indent, &box->total);
  for (guint i = 0; i < box->reasons->len; i++)
    {
      const TrellisFlowCount *reason = &g_array_index (box->reasons, TrellisFlowCount, i);

      if (reason->count > 0)
        print_line (flow, request, indent + 4, reason);
    }
}

static void
print_steps (const TrellisParticipantFlow *flow,
             const FlowRequest            *request,
             GPtrArray                    *steps)
{
  for (guint i = 0; i < steps->len; i++)
    {
      const TrellisFlowStep *step = steps->pdata[i];

      print_box (flow, request, 0, step->main);
      print_box (flow, request, 2, step->side);
    }
}

/* With --by-cohort the cohorts are numbered columns, named once above. */
static void
print_heading (const TrellisParticipantFlow *flow,
               const FlowRequest            *request)
{
  g_autoptr(GString) line = g_string_new (NULL);

  if (!request->by_cohort)
    return;
  g_print ("%s\n", _("Cohorts:"));
  for (guint c = 0; c < flow->n_cohorts; c++)
    g_print ("  (%u) %s\n", c + 1, flow->cohort_names[c]);
  g_print ("\n");
  g_string_append_printf (line, "%*s%6s", LABEL_WIDTH, "", _("All"));
  for (guint c = 0; c < flow->n_cohorts; c++)
    {
      g_autofree char *number = g_strdup_printf ("(%u)", c + 1);

      g_string_append_printf (line, "  %5s", number);
    }
  g_print ("%s\n", line->str);
}

static void
print_text (const TrellisParticipantFlow *flow,
            const FlowRequest            *request)
{
  GDate today;
  g_autofree char *day = NULL;

  g_date_clear (&today, 1);
  g_date_set_julian (&today, flow->today);
  day = trellis_date_format (&today);
  g_print (_("Participant flow on %s\n"), day);
  g_print ("\n");
  print_heading (flow, request);
  print_steps (flow, request, flow->steps);
  if (trellis_participant_flow_has_interviews (flow))
    {
      const TrellisFlowStep *from = flow->steps->pdata[flow->interview_from];

      g_print ("\n");
      /* Translators: heads the interview part of `trellis-cli flow`; %s is the box it branches off. */
      g_print (_("Interview sub-study, from “%s”\n"), from->main->total.label);
      print_steps (flow, request, flow->interview_steps);
    }
}

/* ---- The command ---- */

static gboolean
parse_options (const char  *format,
               const char  *today_text,
               FlowRequest *request)
{
  GDate date;

  if (format != NULL && !g_str_equal (format, "text") && !g_str_equal (format, "csv"))
    {
      trellis_cli_usage_error ("flow", _("--format takes “text” or “csv”, not “%s”"), format);
      return FALSE;
    }
  request->csv = format != NULL && g_str_equal (format, "csv");
  if (today_text == NULL)
    {
      request->today = trellis_study_today ();
      return TRUE;
    }
  g_date_clear (&date, 1);
  if (!trellis_date_parse (today_text, &date, NULL))
    {
      trellis_cli_usage_error ("flow", _("--today takes a date as YYYY-MM-DD, not “%s”"), today_text);
      return FALSE;
    }
  request->today = g_date_get_julian (&date);
  return TRUE;
}

static int
print_flow (TrellisDatabase   *database,
            const FlowRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisParticipantFlow) flow = trellis_participant_flow_read (database, request->today,
                                                                         request->instrument, &error);

  if (flow == NULL)
    return trellis_cli_report_error (error, TRELLIS_CLI_EXIT_PROBLEM);
  if (request->csv)
    print_csv (flow, request);
  else
    print_text (flow, request);
  return TRELLIS_CLI_EXIT_OK;
}

static int
run_flow (const TrellisCliCommand  *command,
          int                       argc,
          char                    **argv)
{
  static const char *const arguments[] = { N_("FILE"), NULL };
  g_autofree char *format = NULL;
  g_autofree char *today_text = NULL;
  g_autofree char *instrument = NULL;
  FlowRequest request = { FALSE, };
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format,
      N_("“text” for an indented list (the default) or “csv”"), N_("FORMAT") },
    { "by-cohort", 'c', 0, G_OPTION_ARG_NONE, &request.by_cohort, N_("Break every count down by cohort"), NULL },
    { "instrument", 'i', 0, G_OPTION_ARG_STRING, &instrument,
      N_("Count as analysed those with a score of this instrument (default: of any)"), N_("CODE") },
    { "today", 't', 0, G_OPTION_ARG_STRING, &today_text,
      N_("Count as on this day instead of today"), N_("YYYY-MM-DD") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(TrellisDatabase) database = NULL;
  int status;

  context = trellis_cli_option_context_new (command, N_("FILE"),
                                            _("Prints the participant flow, as the flow diagram draws it:\n"
                                              "recruited (everyone in the register) and not consented;\n"
                                              "consented (the latest consent says take part); for each\n"
                                              "timepoint, how many of the consented completed it and why the\n"
                                              "others did not; analysed (the consented with at least one\n"
                                              "score, all of whom the mixed model uses); and, once interviewees\n"
                                              "were drawn, the interview sub-study. Reasons nobody has are left\n"
                                              "out of the text; CSV (section, box, reason, label, cohort,\n"
                                              "count) has every one. The study is only read."),
                                            entries);
  if (!trellis_cli_parse (command, context, &argc, &argv, arguments) ||
      !parse_options (format, today_text, &request))
    return TRELLIS_CLI_EXIT_USAGE;
  request.instrument = instrument;

  database = trellis_cli_open_database (argv[1], &status);
  if (database == NULL)
    return status;
  return print_flow (database, &request);
}

const TrellisCliCommand trellis_cli_flow_command = {
  "flow",
  N_("Count the participant flow: recruited, consented, each timepoint, analysed"),
  run_flow,
};
