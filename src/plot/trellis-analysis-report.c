/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "trellis-analysis-figure.h"
#include "trellis-analysis-report.h"
#include "trellis-flow-plot.h"
#include "trellis-report.h"
#include "trellis-results-sentence.h"

/* The analysis report's content: the numbers turned into the report's
 * tables and sections, and the flow diagram for its title page. The pages
 * themselves are laid out by trellis-report.c. */

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
  return trellis_format_cell_number (value, decimals, "–");
}

static char *
interval (double low,
          double high)
{
  return trellis_format_cell_interval (low, high, "–");
}

/* "< .001" or ".043": the column is headed p. */
static char *
p_value (double p)
{
  return trellis_format_cell_p (p, "–");
}

static void
add_descriptive_rows (TableText                             *text,
                      const TrellisAnalysisReportInstrument *instrument,
                      int                                    cohort)
{
  const TrellisScoreTable *table = instrument->scores;

  for (guint t = 0; t < table->n_timepoints; t++)
    {
      const TrellisDescriptive *cell = trellis_descriptives_get (instrument->descriptives, cohort, t);

      table_text_add (text,
                      cohort < 0 ? g_strdup_printf ("%s %s", table->timepoint_codes[t], table->timepoint_labels[t])
                                 : g_strdup_printf ("%s · %s", table->cohort_names[cohort], table->timepoint_codes[t]),
                      g_strdup_printf ("%u", cell->n), number (cell->mean, 2), number (cell->sd, 2),
                      interval (cell->ci_low, cell->ci_high), NULL);
    }
}

static TableText *
describe_scores (const TrellisAnalysisReportInstrument *instrument,
                 gboolean                               by_cohort)
{
  TableText *text = table_text_new (_("Descriptives"), _("Timepoint"), "n", _("Mean"), "SD", _("95% CI"), NULL);

  add_descriptive_rows (text, instrument, TRELLIS_DESCRIPTIVES_ALL);
  if (by_cohort)
    for (guint c = 0; c < instrument->scores->n_cohorts; c++)
      add_descriptive_rows (text, instrument, (int) c);
  /* The note is not a printf format, so a translation may write "95-%-KI": xgettext:no-c-format */
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

/* The flow diagram's boxes hold much text: a size smaller than the plots'. */
#define FLOW_FONT_SIZE 8.5

/* One instrument's page: its figure and tables, owned here while the
 * report borrows them. */
typedef struct
{
  TrellisAnalysisFigure *figure;
  GPtrArray             *texts;     /* TableText */
  TrellisReportTable    *tables;
  char                  *heading;
} Section;

static void
section_clear (Section *section)
{
  g_clear_pointer (&section->figure, trellis_analysis_figure_free);
  g_clear_pointer (&section->texts, g_ptr_array_unref);
  g_clear_pointer (&section->tables, g_free);
  g_clear_pointer (&section->heading, g_free);
}

static void
describe_section (Section                               *section,
                  const TrellisAnalysisReportInstrument *instrument,
                  gboolean                               by_cohort,
                  TrellisReportSection                  *out)
{
  const TrellisAnalysis *analysis = instrument->analysis;
  const char *label = instrument->label != NULL && *instrument->label != '\0' ? instrument->label : instrument->code;

  section->figure = trellis_analysis_figure_new (instrument->scores, instrument->descriptives, analysis, label,
                                                 by_cohort);
  if (instrument->scale_min < instrument->scale_max)
    trellis_analysis_figure_set_scale (section->figure, instrument->scale_min, instrument->scale_max);
  section->texts = g_ptr_array_new_with_free_func ((GDestroyNotify) table_text_free);
  g_ptr_array_add (section->texts, describe_scores (instrument, by_cohort));
  if (analysis != NULL)
    {
      g_ptr_array_add (section->texts, describe_model (analysis));
      g_ptr_array_add (section->texts, describe_effect_sizes (analysis));
    }
  section->tables = g_new0 (TrellisReportTable, section->texts->len);
  for (guint i = 0; i < section->texts->len; i++)
    section->tables[i] = *table_text_finish (g_ptr_array_index (section->texts, i));

  section->heading = g_strdup_printf ("%s (%s)", label, instrument->code);
  *out = (TrellisReportSection) {
    .heading = section->heading,
    .plot = &section->figure->plot,
    .trajectories = instrument->scores,
    .n_tables = section->texts->len,
    .tables = section->tables,
    .sentence = analysis != NULL ? trellis_analysis_get_sentence (analysis) : NULL,
    .message = analysis == NULL ? instrument->problem : NULL,
  };
}

/* The CONSORT diagram a PI puts in the paper, in the report's own style. */
typedef struct
{
  const TrellisParticipantFlow *flow;
  TrellisFlowPlotOptions        options;
  TrellisPlotStyle              style;
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

static char *
made_on (GDateTime *date)
{
  g_autoptr(GDateTime) now = date == NULL ? g_date_time_new_now_local () : NULL;
  g_autofree char *day = g_date_time_format (date != NULL ? date : now, "%-d %B %Y");

  /* Translators: under the report's title; %s is today's date. */
  return g_strdup_printf (_("Made on %s"), day);
}

/**
 * trellis_analysis_report_write_pdf:
 * @n_pages: (out) (optional): how many pages were written
 *
 * Writes the report of @input to @path as an A4 PDF, replacing any file
 * there. Instruments without any score are left out.
 */
gboolean
trellis_analysis_report_write_pdf (const TrellisAnalysisReportInput  *input,
                                   const char                        *path,
                                   guint                             *n_pages,
                                   GError                           **error)
{
  g_autoptr(GArray) sections = NULL;
  g_autofree TrellisReportSection *parts = NULL;
  g_autofree char *date = NULL;
  FlowFigure flow = { input->flow, { input->by_cohort } };
  TrellisReport report = { 0 };

  g_return_val_if_fail (input != NULL && path != NULL, FALSE);
  g_return_val_if_fail (input->instruments != NULL || input->n_instruments == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  sections = g_array_new (FALSE, TRUE, sizeof (Section));
  g_array_set_clear_func (sections, (GDestroyNotify) section_clear);
  parts = g_new0 (TrellisReportSection, MAX (input->n_instruments, 1));
  for (guint i = 0; i < input->n_instruments; i++)
    {
      const TrellisAnalysisReportInstrument *instrument = &input->instruments[i];

      if (instrument->scores->n_observations == 0)
        continue;
      g_array_set_size (sections, sections->len + 1);
      describe_section (&g_array_index (sections, Section, sections->len - 1), instrument, input->by_cohort,
                        &parts[sections->len - 1]);
    }

  date = made_on (input->date);
  report.title = input->title;
  report.subtitle = _("Analysis report");
  report.date = date;
  if (input->flow != NULL && input->flow->steps->len > 0)
    {
      trellis_report_init_style (&flow.style);
      flow.style.font_size = FLOW_FONT_SIZE;
      report.figure = draw_flow;
      report.figure_data = &flow;
      report.figure_height = trellis_flow_plot_get_preferred_height (input->flow, &flow.options, &flow.style,
                                                                     TRELLIS_REPORT_TEXT_WIDTH);
    }
  report.n_sections = sections->len;
  report.sections = parts;
  return trellis_report_write_pdf (&report, path, n_pages, error);
}
