/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "trellis-before-after-plot.h"
#include "trellis-cli-analysis-plot.h"
#include "trellis-cli-plot.h"
#include "trellis-flow-plot.h"
#include "trellis-participant-flow-read.h"
#include "trellis-plan-plot.h"
#include "trellis-plot-file.h"
#include "trellis-plot-style.h"
#include "trellis-retention-plot.h"
#include "trellis-retention.h"
#include "trellis-storage-error.h"
#include "trellis-study-measures.h"

#define DEFAULT_WIDTH 720
#define BEFORE_AFTER_HEIGHT 480

/* From a thumbnail to print resolution. */
#define MIN_DPI 36
#define MAX_DPI 1200

/* Large enough for a poster, small enough that a typo cannot ask cairo for a
 * gigabyte image surface. */
#define MIN_SIZE 16
#define MAX_SIZE 10000

typedef struct
{
  const char *study_path;
  const char *output_path;
  int width;         /* 0: the width the plot asks for */
  int height;        /* 0: the height the plot asks for at this width */
  int dpi;           /* of a PNG */
  gboolean dark;
  gboolean by_cohort;
  const char *instrument;
} PlotRequest;

typedef struct
{
  const char *name;
  gboolean    needs_instrument;
  gboolean    takes_instrument;  /* whether --instrument is accepted */
  gboolean    has_cohorts;
  int (*write) (TrellisStudy *study, const PlotRequest *request);
} PlotKind;

typedef struct
{
  GPtrArray *timepoints;
  TrellisPlotStyle style;
} PlanPlot;

static void
draw_plan (cairo_t  *cr,
           double    width,
           double    height,
           gpointer  user_data)
{
  PlanPlot *plot = user_data;

  trellis_plan_plot_draw (cr, width, height,
                          (TrellisTimepoint *const *) plot->timepoints->pdata,
                          plot->timepoints->len, &plot->style);
}

static void
init_style (const PlotRequest *request,
            TrellisPlotStyle  *style)
{
  if (request->dark)
    trellis_plot_style_init_dark (style);
  else
    trellis_plot_style_init_light (style);
}

static int
write_plan (TrellisStudy      *study,
            const PlotRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) timepoints = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *model = trellis_study_get_timepoints (study);
  PlanPlot plot = { timepoints };
  double height;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (timepoints, g_list_model_get_item (model, i));

  init_style (request, &plot.style);
  height = request->height > 0 ? request->height
                               : trellis_plan_plot_get_preferred_height (timepoints->len, &plot.style);
  if (!trellis_plot_file_write_with_dpi (request->output_path, request->width > 0 ? request->width : DEFAULT_WIDTH,
                                         height, request->dpi, draw_plan, &plot, &error))
    return trellis_cli_report_error (error, TRELLIS_CLI_EXIT_IO);
  return TRELLIS_CLI_EXIT_OK;
}

typedef struct
{
  TrellisParticipantFlow *flow;
  TrellisFlowPlotOptions options;
  TrellisPlotStyle style;
} FlowPlot;

static void
draw_flow (cairo_t  *cr,
           double    width,
           double    height,
           gpointer  user_data)
{
  FlowPlot *plot = user_data;

  trellis_flow_plot_draw (cr, width, height, plot->flow, &plot->options, &plot->style);
}

/* The flow diagram is as wide as its columns want unless told otherwise,
 * and as tall as it needs at that width. */
static int
write_flow (TrellisStudy      *study,
            const PlotRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisParticipantFlow) flow = NULL;
  FlowPlot plot = { NULL, { request->by_cohort } };
  double width, height;

  flow = trellis_participant_flow_read (trellis_study_get_database (study), trellis_study_today (),
                                       request->instrument, &error);
  if (flow == NULL)
    return trellis_cli_report_error (error, TRELLIS_CLI_EXIT_PROBLEM);
  plot.flow = flow;
  init_style (request, &plot.style);
  trellis_flow_plot_get_preferred_size (flow, &plot.options, &plot.style, &width, &height);
  if (request->width > 0)
    {
      width = request->width;
      height = trellis_flow_plot_get_preferred_height (flow, &plot.options, &plot.style, width);
    }
  if (request->height > 0)
    height = request->height;
  if (!trellis_plot_file_write_with_dpi (request->output_path, width, height, request->dpi, draw_flow, &plot, &error))
    return trellis_cli_report_error (error, TRELLIS_CLI_EXIT_IO);
  return TRELLIS_CLI_EXIT_OK;
}

typedef struct
{
  TrellisRetention *retention;
  TrellisRetentionPlotOptions options;
  TrellisPlotStyle style;
} RetentionPlot;

static void
draw_retention (cairo_t  *cr,
                double    width,
                double    height,
                gpointer  user_data)
{
  RetentionPlot *plot = user_data;

  trellis_retention_plot_draw (cr, width, height, plot->retention, &plot->options, &plot->style);
}

static int
write_retention (TrellisStudy      *study,
                 const PlotRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisVisitTable) table = NULL;
  g_autoptr(TrellisRetention) retention = NULL;
  RetentionPlot plot = { NULL, { request->by_cohort } };
  double width, height;

  table = trellis_visit_table_read (trellis_study_get_database (study), trellis_study_today (), &error);
  if (table == NULL)
    return trellis_cli_report_error (error, TRELLIS_CLI_EXIT_PROBLEM);
  retention = trellis_retention_compute (table);
  plot.retention = retention;
  init_style (request, &plot.style);
  trellis_retention_plot_get_preferred_size (retention, &plot.options, &plot.style, &width, &height);
  if (request->width > 0)
    width = request->width;
  if (request->height > 0)
    height = request->height;
  if (!trellis_plot_file_write_with_dpi (request->output_path, width, height, request->dpi, draw_retention, &plot,
                                         &error))
    return trellis_cli_report_error (error, TRELLIS_CLI_EXIT_IO);
  return TRELLIS_CLI_EXIT_OK;
}

typedef struct
{
  TrellisCliAnalysisPlot *analysis;
  TrellisPlotStyle        style;
} BeforeAfterPlot;

static void
draw_before_after (cairo_t  *cr,
                   double    width,
                   double    height,
                   gpointer  user_data)
{
  BeforeAfterPlot *plot = user_data;

  trellis_before_after_plot_draw_with_table (cr, width, height, &plot->analysis->figure->plot,
                                             plot->analysis->table, &plot->style);
}

/* The means, intervals and the change from baseline, over every
 * participant's trajectory. A model that cannot be fitted leaves the
 * annotations out and says why, but the plot is still drawn. */
static int
write_before_after (TrellisStudy      *study,
                    const PlotRequest *request)
{
  g_autoptr(GError) error = NULL;
  BeforeAfterPlot plot;

  plot.analysis = trellis_cli_analysis_plot_load (study, request->instrument, request->by_cohort, &error);
  if (plot.analysis == NULL)
    {
      g_printerr ("trellis-cli: %s: %s\n", request->study_path, error->message);
      return g_error_matches (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_NOT_FOUND)
             ? TRELLIS_CLI_EXIT_PROBLEM : TRELLIS_CLI_EXIT_IO;
    }
  if (plot.analysis->no_model != NULL)
    g_printerr ("trellis-cli: %s\n", plot.analysis->no_model->message);

  if (request->dark)
    trellis_plot_style_init_dark (&plot.style);
  else
    trellis_plot_style_init_light (&plot.style);

  if (!trellis_plot_file_write_with_dpi (request->output_path, request->width > 0 ? request->width : DEFAULT_WIDTH,
                                         request->height > 0 ? request->height : BEFORE_AFTER_HEIGHT,
                                         request->dpi, draw_before_after, &plot, &error))
    {
      trellis_cli_analysis_plot_free (plot.analysis);
      return trellis_cli_report_error (error, TRELLIS_CLI_EXIT_IO);
    }
  trellis_cli_analysis_plot_free (plot.analysis);
  return TRELLIS_CLI_EXIT_OK;
}

/* Each kind of plot the CLI can draw; new kinds join this table. */
static const PlotKind plot_kinds[] = {
  { "plan", FALSE, FALSE, FALSE, write_plan },
  { "flow", FALSE, TRUE, TRUE, write_flow },
  { "retention", FALSE, FALSE, TRUE, write_retention },
  { "before-after", TRUE, TRUE, TRUE, write_before_after },
};

static const PlotKind *
find_kind (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (plot_kinds); i++)
    if (g_strcmp0 (plot_kinds[i].name, name) == 0)
      return &plot_kinds[i];
  return NULL;
}

static char *
list_kinds (void)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) names = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (plot_kinds); i++)
    g_strv_builder_add (builder, plot_kinds[i].name);
  names = g_strv_builder_end (builder);
  return g_strjoinv (", ", names);
}

/* Sizes are whole points (pixels in a PNG); GLib's parser gives a clear
 * message for text that is not a number or is out of range. */
static gboolean
parse_size (const char *text,
            const char *option,
            int        *size)
{
  g_autoptr(GError) error = NULL;
  gint64 value;

  if (text == NULL)
    return TRUE;

  if (!g_ascii_string_to_signed (text, 10, MIN_SIZE, MAX_SIZE, &value, &error))
    {
      trellis_cli_usage_error ("plot", "%s: %s", option, error->message);
      return FALSE;
    }
  *size = (int) value;
  return TRUE;
}

/* Checked before the study is opened, so a typo in the output name is
 * reported before anything is read. */
static gboolean
check_output (const PlotRequest *request)
{
  static const char *const extensions[] = { ".png", ".svg", ".pdf" };
  g_autofree char *name = g_filename_display_name (request->output_path);
  g_autofree char *lower = g_ascii_strdown (request->output_path, -1);
  GStatBuf study_stat, output_stat;
  gboolean known = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (extensions); i++)
    known |= g_str_has_suffix (lower, extensions[i]);
  if (!known)
    {
      trellis_cli_usage_error ("plot", _("cannot tell which format to write “%s” in: name it .png, .svg or .pdf"),
                               name);
      return FALSE;
    }

  /* A study saved under an image's name must never be drawn over. */
  if (g_stat (request->study_path, &study_stat) == 0 && g_stat (request->output_path, &output_stat) == 0 &&
      study_stat.st_dev == output_stat.st_dev && study_stat.st_ino == output_stat.st_ino)
    {
      trellis_cli_usage_error ("plot", _("“%s” is the study itself; choose another output file"), name);
      return FALSE;
    }
  return TRUE;
}

static const PlotKind *
check_kind (const char *name)
{
  const PlotKind *kind = find_kind (name);

  if (kind == NULL)
    {
      g_autofree char *known = list_kinds ();

      trellis_cli_usage_error ("plot", _("unknown plot kind “%s” (known kinds: %s)"), name, known);
    }
  return kind;
}

static gboolean
parse_dpi (const char *text,
           int        *dpi)
{
  g_autoptr(GError) error = NULL;
  gint64 value;

  if (text == NULL)
    return TRUE;
  if (!g_ascii_string_to_signed (text, 10, MIN_DPI, MAX_DPI, &value, &error))
    {
      trellis_cli_usage_error ("plot", "--dpi: %s", error->message);
      return FALSE;
    }
  *dpi = (int) value;
  return TRUE;
}

/* FILE OUTPUT, or FILE with -o OUTPUT. */
static gboolean
parse_arguments (const TrellisCliCommand   *command,
                 GOptionContext            *context,
                 int                       *argc,
                 char                    ***argv,
                 PlotRequest               *request,
                 char *const               *output)
{
  g_autoptr(GError) error = NULL;
  int wanted;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      trellis_cli_usage_error (command->name, "%s", error->message);
      return FALSE;
    }
  wanted = *output != NULL ? 1 : 2;
  if (*argc - 1 < wanted)
    {
      trellis_cli_usage_error (command->name, _("missing argument %s"), *argc - 1 == 0 ? _("FILE") : _("OUTPUT"));
      return FALSE;
    }
  if (*argc - 1 > wanted)
    {
      trellis_cli_usage_error (command->name, _("unexpected argument “%s”"), (*argv)[wanted + 1]);
      return FALSE;
    }
  /* The paths stay in argv, which outlives the request. */
  request->study_path = (*argv)[1];
  request->output_path = *output != NULL ? *output : (*argv)[2];
  return TRUE;
}

static gboolean
check_instrument (const PlotKind    *kind,
                  const PlotRequest *request)
{
  if (kind->needs_instrument && request->instrument == NULL)
    {
      trellis_cli_usage_error ("plot", _("--kind %s needs --instrument: which instrument’s scores to draw"),
                               kind->name);
      return FALSE;
    }
  if (!kind->takes_instrument && request->instrument != NULL)
    {
      trellis_cli_usage_error ("plot", _("--instrument is for --kind before-after and flow"));
      return FALSE;
    }
  if (!kind->has_cohorts && request->by_cohort)
    {
      trellis_cli_usage_error ("plot", _("--by-cohort is for the flow, retention and before-after plots"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_request (const TrellisCliCommand   *command,
               int                       *argc,
               char                    ***argv,
               PlotRequest               *request,
               const PlotKind           **kind,
               char                     **output)
{
  g_autofree char *kind_name = NULL;
  g_autofree char *width = NULL;
  g_autofree char *height = NULL;
  g_autofree char *dpi = NULL;
  const GOptionEntry entries[] = {
    { "kind", 'k', 0, G_OPTION_ARG_STRING, &kind_name, N_("What to draw: plan (the timepoint plan, the default), flow, retention or before-after (an instrument’s scores)"), N_("KIND") },
    { "instrument", 'i', 0, G_OPTION_ARG_STRING, &request->instrument, N_("The instrument to draw, by code (for before-after); for flow, count as analysed those with its scores"), N_("CODE") },
    { "by-cohort", 'c', 0, G_OPTION_ARG_NONE, &request->by_cohort,
      N_("Break the flow, retention and before-after plots down by cohort"), NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, output, N_("The file to write, instead of OUTPUT"), N_("OUTPUT") },
    { "width", 0, 0, G_OPTION_ARG_STRING, &width, N_("Width in points (default: 720, or what the flow diagram needs)"), N_("WIDTH") },
    { "height", 0, 0, G_OPTION_ARG_STRING, &height, N_("Height in points (default: what the plot needs)"), N_("HEIGHT") },
    { "dpi", 0, 0, G_OPTION_ARG_STRING, &dpi, N_("Resolution of a PNG in dots per inch (default: 144, two pixels per point)"), N_("DPI") },
    { "dark", 'd', 0, G_OPTION_ARG_NONE, &request->dark, N_("Use the dark style"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;

  context = trellis_cli_option_context_new (command, N_("FILE OUTPUT"),
                                            _("Draws the study to OUTPUT; its name’s ending (.png, .svg or .pdf)\n"
                                              "chooses the format. An existing OUTPUT is replaced. The study is\n"
                                              "only read, so it can be drawn while it is open in Trellis; one in\n"
                                              "an older file format is refused (see “trellis-cli upgrade”)."),
                                            entries);
  if (!parse_arguments (command, context, argc, argv, request, output) ||
      !parse_size (width, "--width", &request->width) ||
      !parse_size (height, "--height", &request->height) ||
      !parse_dpi (dpi, &request->dpi))
    return FALSE;

  *kind = check_kind (kind_name != NULL ? kind_name : "plan");
  if (*kind == NULL || !check_instrument (*kind, request))
    return FALSE;
  return check_output (request);
}

static int
run_plot (const TrellisCliCommand  *command,
          int                       argc,
          char                    **argv)
{
  PlotRequest request = { NULL, NULL, 0, 0, (int) TRELLIS_PLOT_FILE_DEFAULT_DPI, FALSE, FALSE, NULL };
  g_autoptr(TrellisStudy) study = NULL;
  g_autofree char *name = NULL;
  g_autofree char *output = NULL;
  g_autofree char *instrument = NULL;
  const PlotKind *kind;
  int status;

  if (!parse_request (command, &argc, &argv, &request, &kind, &output))
    {
      g_free ((char *) request.instrument);
      return TRELLIS_CLI_EXIT_USAGE;
    }
  instrument = (char *) request.instrument;

  study = trellis_cli_open_study (request.study_path, &status);
  if (study == NULL)
    return status;

  status = kind->write (study, &request);
  if (status != TRELLIS_CLI_EXIT_OK)
    return status;

  name = g_filename_display_name (request.output_path);
  g_print (_("Wrote %s\n"), name);
  return TRELLIS_CLI_EXIT_OK;
}

const TrellisCliCommand trellis_cli_plot_command = {
  "plot",
  N_("Draw a plot of the study to a PNG, SVG or PDF file"),
  run_plot,
};
