/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "trellis-analysis-report.h"
#include "trellis-cli-analysis-plot.h"
#include "trellis-cli-plot.h"
#include "trellis-participant-flow-read.h"
#include "trellis-study-measures.h"

/* “trellis-cli report”: the analysis of every instrument with scores as one
 * A4 PDF. This file reads the study and analyses it; the plot layer
 * (trellis-analysis-report.c) makes the report of it. */

typedef struct
{
  const char *study_path;
  char       *output_path;
  gboolean    by_cohort;
} ReportRequest;

/* Every instrument, in the study's order, read and analysed. */
static GPtrArray *
read_instruments (TrellisStudy  *study,
                  gboolean       by_cohort,
                  int           *status)
{
  GListModel *instruments = trellis_study_get_instruments (study);
  g_autoptr(GPtrArray) read = g_ptr_array_new_with_free_func ((GDestroyNotify) trellis_cli_analysis_plot_free);

  for (guint i = 0; i < g_list_model_get_n_items (instruments); i++)
    {
      g_autoptr(TrellisInstrument) instrument = g_list_model_get_item (instruments, i);
      g_autoptr(GError) error = NULL;
      TrellisCliAnalysisPlot *analysis = trellis_cli_analysis_plot_load (study, trellis_instrument_get_code (instrument),
                                                                         by_cohort, &error);

      if (analysis == NULL)
        {
          *status = trellis_cli_report_error (error, TRELLIS_CLI_EXIT_IO);
          return NULL;
        }
      g_ptr_array_add (read, analysis);
    }
  return g_steal_pointer (&read);
}

static int
write_report (TrellisStudy        *study,
              const ReportRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) read = NULL;
  g_autoptr(TrellisParticipantFlow) flow = NULL;
  g_autofree TrellisAnalysisReportInstrument *instruments = NULL;
  TrellisAnalysisReportInput input = { 0 };
  g_autofree char *name = NULL;
  int status = TRELLIS_CLI_EXIT_OK;
  guint n_pages = 0;

  read = read_instruments (study, request->by_cohort, &status);
  if (read == NULL)
    return status;
  instruments = g_new0 (TrellisAnalysisReportInstrument, MAX (read->len, 1));
  for (guint i = 0; i < read->len; i++)
    {
      const TrellisCliAnalysisPlot *analysis = g_ptr_array_index (read, i);

      instruments[i] = (TrellisAnalysisReportInstrument) {
        analysis->code, analysis->label, analysis->table, analysis->descriptives, analysis->analysis,
        analysis->no_model != NULL ? analysis->no_model->message : NULL, analysis->scale_min, analysis->scale_max,
      };
    }
  /* Without the flow the report is still worth having: say why it is missing. */
  flow = trellis_participant_flow_read (trellis_study_get_database (study), trellis_study_today (), NULL, &error);
  if (flow == NULL)
    {
      g_printerr ("trellis-cli: %s\n", error->message);
      g_clear_error (&error);
    }

  input.title = trellis_study_get_title (study);
  input.flow = flow;
  input.by_cohort = request->by_cohort;
  input.n_instruments = read->len;
  input.instruments = instruments;
  if (!trellis_analysis_report_write_pdf (&input, request->output_path, &n_pages, &error))
    return trellis_cli_report_error (error, TRELLIS_CLI_EXIT_IO);

  name = g_filename_display_name (request->output_path);
  g_print (g_dngettext (GETTEXT_PACKAGE, "Wrote %s (%u page)\n", "Wrote %s (%u pages)\n", n_pages), name, n_pages);
  return TRELLIS_CLI_EXIT_OK;
}

static gboolean
parse_request (const TrellisCliCommand   *command,
               int                       *argc,
               char                    ***argv,
               ReportRequest             *request)
{
  static const char *const arguments[] = { N_("FILE"), NULL };
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &request->output_path, N_("The PDF to write (required)"), N_("OUTPUT") },
    { "by-cohort", 'c', 0, G_OPTION_ARG_NONE, &request->by_cohort, N_("A line per cohort in the plots, and descriptives per cohort"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char *lower = NULL;
  GStatBuf study_stat, output_stat;

  context = trellis_cli_option_context_new (command, N_("FILE"),
                                            _("Writes the analysis of every instrument with scores to an A4 PDF:\n"
                                              "a title page with the participant-flow diagram, then each instrument’s\n"
                                              "before-and-after plot, descriptives, fixed effects, Cohen’s d and\n"
                                              "results paragraph. The study is only read."),
                                            entries);
  if (!trellis_cli_parse (command, context, argc, argv, arguments))
    return FALSE;
  if (request->output_path == NULL)
    {
      trellis_cli_usage_error ("report", _("--output is required: the PDF to write"));
      return FALSE;
    }
  request->study_path = (*argv)[1];
  lower = g_ascii_strdown (request->output_path, -1);
  if (!g_str_has_suffix (lower, ".pdf"))
    {
      g_autofree char *shown = g_filename_display_name (request->output_path);

      trellis_cli_usage_error ("report", _("the report is a PDF: name “%s” .pdf"), shown);
      return FALSE;
    }
  /* A study saved under the report's name must never be written over. */
  if (g_stat (request->study_path, &study_stat) == 0 && g_stat (request->output_path, &output_stat) == 0
      && study_stat.st_dev == output_stat.st_dev && study_stat.st_ino == output_stat.st_ino)
    {
      trellis_cli_usage_error ("report", _("“%s” is the study itself; choose another output file"),
                               request->output_path);
      return FALSE;
    }
  return TRUE;
}

static int
run_report (const TrellisCliCommand  *command,
            int                       argc,
            char                    **argv)
{
  ReportRequest request = { 0 };
  g_autoptr(TrellisStudy) study = NULL;
  int status;

  if (!parse_request (command, &argc, &argv, &request))
    {
      g_free (request.output_path);
      return TRELLIS_CLI_EXIT_USAGE;
    }
  study = trellis_cli_open_study (request.study_path, &status);
  if (study != NULL)
    status = write_report (study, &request);
  g_free (request.output_path);
  return status;
}

const TrellisCliCommand trellis_cli_report_command = {
  "report",
  N_("Write the analysis of every instrument to a PDF report"),
  run_report,
};
