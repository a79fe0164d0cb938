/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>

#include "trellis-cli-analysis-plot.h"
#include "trellis-cli-plot.h"
#include "trellis-flow-plot.h"
#include "trellis-participant-flow-read.h"
#include "trellis-report.h"
#include "trellis-results-sentence.h"
#include "trellis-study-measures.h"

/* “trellis-cli report”: the analysis of every instrument with scores as one
 * A4 PDF, laid out by the plot layer (trellis-report.c). This file reads the
 * study, analyses it and turns the numbers into the report's text. */

/* The flow diagram's type and the room it has on the title page, in points:
 * the page's text width, and what is left below the title. */
#define FLOW_FONT_SIZE  8.5
#define FLOW_WIDTH      481.9
#define FLOW_MAX_HEIGHT 500.0

/* A table being filled: its texts are owned here, the report borrows them. */
typedef struct
{
  TrellisReportTable table;
  GPtrArray         *headers;
  GPtrArray         *cells;
  char              *note;
} TableText;

static void
table_text_free (TableText *self)
{
  g_ptr_array_unref (self->headers);
  g_ptr_array_unref (self->cells);
  g_free (self->note);
  g_free (self);
}

/* Headers NULL-terminated; the title is static or translated. */
static TableText *
table_text_new (const char *title,
                ...)
{
  TableText *self = g_new0 (TableText, 1);
  const char *header;
  va_list args;

  self->headers = g_ptr_array_new_with_free_func (g_free);
  self->cells = g_ptr_array_new_with_free_func (g_free);
  self->table.title = title;
  va_start (args, title);
  while ((header = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (self->headers, g_strdup (header));
  va_end (args);
  return self;
}

/* Takes the cells, one row, NULL-terminated; short rows are padded. */
static void
table_text_add (TableText *self,
                ...)
{
  guint added = 0;
  char *cell;
  va_list args;

  va_start (args, self);
  while ((cell = va_arg (args, char *)) != NULL)
    {
      g_ptr_array_add (self->cells, cell);
      added++;
    }
  va_end (args);
  for (; added < self->headers->len; added++)
    g_ptr_array_add (self->cells, g_strdup (""));
}

static const TrellisReportTable *
table_text_finish (TableText *self)
{
  self->table.n_columns = self->headers->len;
  self->table.headers = (const char *const *) self->headers->pdata;
  self->table.n_rows = self->headers->len > 0 ? self->cells->len / self->headers->len : 0;
  self->table.cells = (const char *const *) self->cells->pdata;
  self->table.note = self->note;
  return &self->table;
}

static char *
number (double value,
        int    decimals)
{
  return isfinite (value) ? trellis_format_number (value, decimals) : g_strdup ("–");
}

static char *
interval (double low,
          double high)
{
  return isfinite (low) && isfinite (high) ? trellis_format_interval (low, high) : g_strdup ("–");
}

/* "< .001" or ".043": the column is headed p. */
static char *
p_value (double p)
{
  g_autofree char *text = NULL;

  if (!isfinite (p))
    return g_strdup ("–");
  text = trellis_format_p (p);
  return g_strdup (g_str_has_prefix (text, "p = ") ? text + 4 : text + 2);
}

static void
add_descriptive_rows (TableText                    *text,
                      const TrellisCliAnalysisPlot *analysis,
                      int                           cohort)
{
  const TrellisScoreTable *table = analysis->table;

  for (guint t = 0; t < table->n_timepoints; t++)
    {
      const TrellisDescriptive *cell = trellis_descriptives_get (analysis->descriptives, cohort, t);

      table_text_add (text,
                      cohort < 0 ? g_strdup_printf ("%s %s", table->timepoint_codes[t], table->timepoint_labels[t])
                                 : g_strdup_printf ("%s · %s", table->cohort_names[cohort], table->timepoint_codes[t]),
                      g_strdup_printf ("%u", cell->n), number (cell->mean, 2), number (cell->sd, 2),
                      interval (cell->ci_low, cell->ci_high), NULL);
    }
}

static TableText *
describe_scores (const TrellisCliAnalysisPlot *analysis,
                 gboolean                      by_cohort)
{
  TableText *text = table_text_new (_("Descriptives"), _("Timepoint"), "n", _("Mean"), "SD", _("95% CI"), NULL);

  add_descriptive_rows (text, analysis, TRELLIS_DESCRIPTIVES_ALL);
  if (by_cohort)
    for (guint c = 0; c < analysis->table->n_cohorts; c++)
      add_descriptive_rows (text, analysis, (int) c);
  text->note = g_strdup (_("95% CI of the mean, with the t distribution on n − 1 degrees of freedom."));
  return text;
}

static TableText *
describe_model (const TrellisAnalysis *analysis)
{
  const TrellisMixedModel *model = trellis_analysis_get_model (analysis);
  TableText *text = table_text_new (_("Fixed effects: change from baseline"),
                                    _("Term"), "β", "SE", "df", "t", "p", _("95% CI"), NULL);
  double between = trellis_mixed_model_get_participant_variance (model);
  double residual = trellis_mixed_model_get_residual_variance (model);
  g_autofree char *between_text = number (between, 3);
  g_autofree char *residual_text = number (residual, 3);
  g_autofree char *likelihood = number (trellis_mixed_model_get_reml_log_likelihood (model), 2);

  for (guint j = 0; j < trellis_mixed_model_get_n_terms (model); j++)
    {
      const TrellisFixedEffect *term = trellis_mixed_model_get_term (model, j);

      table_text_add (text, g_strdup (term->name), number (term->estimate, 3), number (term->se, 3),
                      number (term->df, 1), number (term->t, 2), p_value (term->p),
                      interval (term->ci_low, term->ci_high), NULL);
    }
  /* Translators: the note under the fixed effects in the report. */
  text->note = g_strdup_printf (_("Linear mixed model, score ~ timepoint + (1 | participant), fitted by REML "
                                  "on all available scores; df by Satterthwaite’s method. Variance between "
                                  "participants %s, residual %s; REML log-likelihood %s; %u participants, "
                                  "%u scores."),
                                between_text, residual_text, likelihood,
                                trellis_mixed_model_get_n_participants (model),
                                trellis_mixed_model_get_n_observations (model));
  return text;
}

static TableText *
describe_effect_sizes (const TrellisAnalysis *analysis)
{
  TableText *text = table_text_new (_("Cohen’s d against baseline"), _("Timepoint"), _("d (pooled SD)"),
                                    _("n base/here"), "d_z", "d_baseline", "d_av", "r", _("n paired"), NULL);
  GString *note = g_string_new (NULL);

  for (guint t = 1; t < trellis_analysis_get_n_timepoints (analysis); t++)
    {
      const TrellisTimepointResult *result = trellis_analysis_get_timepoint (analysis, t);
      const TrellisPairedChange *paired = &result->paired;

      table_text_add (text, g_strdup (trellis_analysis_get_timepoint_code (analysis, t)), number (result->d, 2),
                      g_strdup_printf ("%u/%u", result->n_baseline, result->n), number (paired->d_z, 2),
                      number (paired->d_baseline, 2), number (paired->d_av, 2), number (paired->r, 2),
                      g_strdup_printf ("%u", paired->n), NULL);
    }
  /* The kinds in one breath; the text report and the JSON spell each out. */
  g_string_append (note, _("d is the model’s β over the pooled SD of the observed scores at baseline and at "
                           "that timepoint. The paired kinds use the participants with both scores: their "
                           "mean change over the SD of the change (d_z), over their SD at baseline "
                           "(d_baseline) or over the average of their two SDs (d_av); r is their pre–post "
                           "correlation."));
  text->note = g_string_free (note, FALSE);
  return text;
}

/* One instrument's page: its analysis, read and described. */
typedef struct
{
  TrellisCliAnalysisPlot *analysis;
  GPtrArray              *texts;     /* TableText */
  TrellisReportTable     *tables;
  char                   *heading;
} Section;

static void
section_clear (Section *section)
{
  g_clear_pointer (&section->analysis, trellis_cli_analysis_plot_free);
  g_clear_pointer (&section->texts, g_ptr_array_unref);
  g_clear_pointer (&section->tables, g_free);
  g_clear_pointer (&section->heading, g_free);
}

static void
describe_section (Section                *section,
                  gboolean                by_cohort,
                  TrellisReportSection   *out)
{
  const TrellisAnalysis *analysis = section->analysis->analysis;

  section->texts = g_ptr_array_new_with_free_func ((GDestroyNotify) table_text_free);
  g_ptr_array_add (section->texts, describe_scores (section->analysis, by_cohort));
  if (analysis != NULL)
    {
      g_ptr_array_add (section->texts, describe_model (analysis));
      g_ptr_array_add (section->texts, describe_effect_sizes (analysis));
    }
  section->tables = g_new0 (TrellisReportTable, section->texts->len);
  for (guint i = 0; i < section->texts->len; i++)
    section->tables[i] = *table_text_finish (g_ptr_array_index (section->texts, i));

  section->heading = g_strdup_printf ("%s (%s)", section->analysis->label, section->analysis->code);
  *out = (TrellisReportSection) {
    .heading = section->heading,
    .plot = &section->analysis->plot,
    .trajectories = section->analysis->table,
    .n_tables = section->texts->len,
    .tables = section->tables,
    .sentence = analysis != NULL ? trellis_analysis_get_sentence (analysis) : NULL,
    .message = section->analysis->no_model != NULL ? section->analysis->no_model->message : NULL,
  };
}

/* The participant flow diagram on the title page, in the report's type. */
typedef struct
{
  TrellisParticipantFlow *flow;
  TrellisFlowPlotOptions  options;
  TrellisPlotStyle        style;
} FlowFigure;

static void
draw_flow (cairo_t  *cr,
           double    width,
           double    height,
           gpointer  user_data)
{
  FlowFigure *figure = user_data;

  trellis_flow_plot_draw (cr, width, height, figure->flow, &figure->options, &figure->style);
}

/* The diagram as tall as it needs at the page's width, but no taller than
 * the room under the title, which it is scaled down to fit. */
static gboolean
read_flow (TrellisStudy *study,
           gboolean      by_cohort,
           FlowFigure   *figure,
           double       *height)
{
  g_autoptr(GError) error = NULL;

  figure->flow = trellis_participant_flow_read (trellis_study_get_database (study), trellis_study_today (),
                                                NULL, &error);
  if (figure->flow == NULL)
    {
      /* The analysis does not depend on it: say so, and go on without. */
      g_printerr ("trellis-cli: %s\n", error->message);
      return FALSE;
    }
  figure->options.by_cohort = by_cohort;
  trellis_plot_style_init_light (&figure->style);
  figure->style.background[3] = 0;
  figure->style.font_size = FLOW_FONT_SIZE;
  *height = MIN (trellis_flow_plot_get_preferred_height (figure->flow, &figure->options, &figure->style,
                                                         FLOW_WIDTH),
                 FLOW_MAX_HEIGHT);
  return TRUE;
}

static char *
today_text (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%-d %B %Y");

  /* Translators: under the report's title; %s is today's date. */
  return g_strdup_printf (_("Made on %s"), date);
}

typedef struct
{
  const char *study_path;
  char       *output_path;
  gboolean    by_cohort;
} ReportRequest;

/* Every instrument with at least one score, in the study's order. */
static GArray *
read_sections (TrellisStudy  *study,
               gboolean       by_cohort,
               int           *status)
{
  GListModel *instruments = trellis_study_get_instruments (study);
  GArray *sections = g_array_new (FALSE, TRUE, sizeof (Section));

  g_array_set_clear_func (sections, (GDestroyNotify) section_clear);
  for (guint i = 0; i < g_list_model_get_n_items (instruments); i++)
    {
      g_autoptr(TrellisInstrument) instrument = g_list_model_get_item (instruments, i);
      g_autoptr(GError) error = NULL;
      Section section = { 0 };

      section.analysis = trellis_cli_analysis_plot_load (study, trellis_instrument_get_code (instrument),
                                                         by_cohort, &error);
      if (section.analysis == NULL)
        {
          *status = trellis_cli_report_error (error, TRELLIS_CLI_EXIT_IO);
          g_array_unref (sections);
          return NULL;
        }
      if (section.analysis->table->n_observations == 0)
        section_clear (&section);
      else
        g_array_append_val (sections, section);
    }
  return sections;
}

static int
write_report (TrellisStudy        *study,
              const ReportRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) sections = NULL;
  g_autofree TrellisReportSection *parts = NULL;
  g_autofree char *date = today_text ();
  FlowFigure flow = { 0 };
  TrellisReport report = { 0 };
  g_autofree char *name = NULL;
  int status = TRELLIS_CLI_EXIT_OK;
  guint n_pages = 0;

  sections = read_sections (study, request->by_cohort, &status);
  if (sections == NULL)
    return status;
  parts = g_new0 (TrellisReportSection, MAX (sections->len, 1));
  for (guint i = 0; i < sections->len; i++)
    describe_section (&g_array_index (sections, Section, i), request->by_cohort, &parts[i]);

  if (read_flow (study, request->by_cohort, &flow, &report.figure_height))
    {
      report.figure = draw_flow;
      report.figure_data = &flow;
    }

  report.title = trellis_study_get_title (study);
  report.subtitle = _("Analysis report");
  report.date = date;
  report.n_sections = sections->len;
  report.sections = parts;
  if (!trellis_report_write_pdf (&report, request->output_path, &n_pages, &error))
    {
      g_clear_pointer (&flow.flow, trellis_participant_flow_free);
      return trellis_cli_report_error (error, TRELLIS_CLI_EXIT_IO);
    }
  g_clear_pointer (&flow.flow, trellis_participant_flow_free);

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
