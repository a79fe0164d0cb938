/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "trellis-plot-draw.h"
#include "trellis-plot-text.h"
#include "trellis-retention-plot.h"

/* Lengths are multiples of the font size ("em"). */
#define PAD_EM           1.2
#define LEGEND_GAP_EM    1.0
#define SWATCH_EM        0.8
#define LEGEND_ITEM_EM   1.4     /* between one legend entry and the next */
#define TITLE_EM         3.0     /* a panel's title: its name, then how many were recruited */
#define XLABEL_EM        1.7     /* the timepoint codes under the bars */
#define COLUMN_GAP_EM    1.6
#define ROW_GAP_EM       1.2
#define AXIS_GAP_EM      0.5
#define BAR_SHARE        0.62    /* of a timepoint's slot */
#define BAR_MAX_EM       4.0
#define LABEL_MIN_EM     1.15    /* the least segment height that holds its label */
#define SMALL_SCALE      0.86
#define MAX_COLUMNS      4
#define PANEL_WIDTH_EM   13.0    /* a cohort panel at its natural size */
#define PANEL_HEIGHT_EM  12.5
#define SINGLE_WIDTH     720.0
#define SINGLE_HEIGHT_EM 22.0

#define GRID_ALPHA       0.09
#define AXIS_ALPHA       0.35
#define DIM_ALPHA        0.7
#define PENDING_ALPHA    0.13

typedef struct
{
  PangoContext                      *context;
  const TrellisRetention            *retention;
  const TrellisRetentionPlotOptions *options;
  const TrellisPlotStyle            *style;
  double                             em;
  double                             width;
  double                             height;
  double                             legend_height;
  double                             axis_width;
  guint                              n_panels;
  guint                              n_columns;
  guint                              n_rows;
  double                             cell_width;
  double                             cell_height;
  double                             grid_left;
  double                             grid_top;
} Layout;

static void
set_hex (double  rgba[4],
         guint32 hex)
{
  rgba[0] = ((hex >> 16) & 0xff) / 255.0;
  rgba[1] = ((hex >> 8) & 0xff) / 255.0;
  rgba[2] = (hex & 0xff) / 255.0;
  rgba[3] = 1.0;
}

/* Okabe and Ito's palette, which people with any common colour-vision
 * deficiency can tell apart: blue for completed (sky blue on a dark
 * ground), orange for still due, vermilion for missed, reddish purple for
 * withdrawn; not yet due is a faint grey, as it is no outcome yet. */
void
trellis_retention_plot_segment_colour (const TrellisPlotStyle  *style,
                                       TrellisRetentionSegment  segment,
                                       double                   rgba[4])
{
  g_return_if_fail (style != NULL && rgba != NULL);

  switch (segment)
    {
    case TRELLIS_RETENTION_COMPLETED:
      set_hex (rgba, trellis_plot_style_is_dark (style) ? 0x56b4e9 : 0x0072b2);
      break;
    case TRELLIS_RETENTION_DUE:
      set_hex (rgba, 0xe69f00);
      break;
    case TRELLIS_RETENTION_MISSED:
      set_hex (rgba, 0xd55e00);
      break;
    case TRELLIS_RETENTION_WITHDRAWN:
      set_hex (rgba, 0xcc79a7);
      break;
    case TRELLIS_RETENTION_NOT_YET_DUE:
    default:
      memcpy (rgba, style->foreground, 4 * sizeof (double));
      rgba[3] *= PENDING_ALPHA;
      break;
    }
}

static const char *
segment_label (TrellisRetentionSegment segment)
{
  switch (segment)
    {
    case TRELLIS_RETENTION_COMPLETED:
      return _("Completed");
    case TRELLIS_RETENTION_DUE:
      return _("Due or overdue");
    case TRELLIS_RETENTION_MISSED:
      return _("Missed or lost");
    case TRELLIS_RETENTION_WITHDRAWN:
      return _("Withdrawn");
    case TRELLIS_RETENTION_NOT_YET_DUE:
    default:
      return _("Not yet due");
    }
}

static guint
segment_count (const TrellisRetentionCounts *counts,
               TrellisRetentionSegment       segment)
{
  switch (segment)
    {
    case TRELLIS_RETENTION_COMPLETED:
      return counts->completed;
    case TRELLIS_RETENTION_DUE:
      return counts->due;
    case TRELLIS_RETENTION_MISSED:
      return counts->missed;
    case TRELLIS_RETENTION_WITHDRAWN:
      return counts->withdrawn;
    case TRELLIS_RETENTION_NOT_YET_DUE:
    default:
      return counts->not_yet_due;
    }
}

/* One line of text, its size relative to the style's font. */
static PangoLayout *
create_layout (PangoContext           *context,
               const TrellisPlotStyle *style,
               double                  scale,
               PangoWeight             weight,
               const char             *text)
{
  PangoLayout *layout = trellis_plot_text_new_layout (context, style, style->font_size * scale, weight, text, 0);

  pango_layout_set_single_paragraph_mode (layout, TRUE);
  return layout;
}

guint
trellis_retention_plot_get_n_panels (const TrellisRetention            *retention,
                                     const TrellisRetentionPlotOptions *options)
{
  g_return_val_if_fail (retention != NULL, 0);

  return options != NULL && options->by_cohort ? retention->n_cohorts + 1 : 1;
}

/* The cohort a panel shows: the first panel is all cohorts together
 * (retention's totals row, cohort n_cohorts), then each cohort in order. */
guint
trellis_retention_plot_panel_cohort (const TrellisRetention            *retention,
                                     const TrellisRetentionPlotOptions *options,
                                     guint                              panel)
{
  g_return_val_if_fail (retention != NULL, 0);

  return panel == 0 ? retention->n_cohorts : panel - 1;
}

/* The legend's entries in a row, wrapping where the width ends. Draws when
 * @cr is not NULL; returns the height it takes. */
static double
legend (cairo_t      *cr,
        const Layout *layout)
{
  double em = layout->em, x = PAD_EM * em, y = PAD_EM * em, line = 0;
  double right = layout->width - PAD_EM * em;

  for (guint s = 0; s < TRELLIS_RETENTION_N_SEGMENTS; s++)
    {
      g_autoptr(PangoLayout) label = create_layout (layout->context, layout->style, SMALL_SCALE,
                                                    PANGO_WEIGHT_NORMAL, segment_label (s));
      double label_width, label_height, item, rgba[4];

      trellis_plot_text_get_size (label, &label_width, &label_height);
      item = SWATCH_EM * em + 0.4 * em + label_width;
      if (x > PAD_EM * em && x + item > right)
        {
          x = PAD_EM * em;
          y += line + 0.3 * em;
        }
      line = MAX (line, label_height);
      if (cr != NULL)
        {
          trellis_retention_plot_segment_colour (layout->style, s, rgba);
          trellis_plot_set_source (cr, rgba, 1.0);
          cairo_rectangle (cr, x, y + (label_height - SWATCH_EM * em) / 2, SWATCH_EM * em, SWATCH_EM * em);
          cairo_fill (cr);
          trellis_plot_text_paint (cr, label, x + SWATCH_EM * em + 0.4 * em, y, layout->style->foreground, DIM_ALPHA);
        }
      x += item + LEGEND_ITEM_EM * em;
    }
  return y + line - PAD_EM * em + LEGEND_GAP_EM * em;
}

static double
measure_axis (const Layout *layout)
{
  g_autoptr(PangoLayout) label = create_layout (layout->context, layout->style, SMALL_SCALE,
                                                PANGO_WEIGHT_NORMAL, _("100%"));
  double width;

  trellis_plot_text_get_size (label, &width, NULL);
  return ceil (width) + AXIS_GAP_EM * layout->em;
}

static void
layout_init (Layout                            *layout,
             PangoContext                      *context,
             const TrellisRetention            *retention,
             const TrellisRetentionPlotOptions *options,
             const TrellisPlotStyle            *style,
             double                             width,
             double                             height)
{
  double em = style->font_size;

  memset (layout, 0, sizeof *layout);
  layout->context = context;
  layout->retention = retention;
  layout->options = options;
  layout->style = style;
  layout->em = em;
  layout->width = width;
  layout->height = height;
  layout->legend_height = legend (NULL, layout);
  layout->axis_width = measure_axis (layout);
  layout->n_panels = trellis_retention_plot_get_n_panels (retention, options);
  layout->n_columns = MIN (layout->n_panels, options->by_cohort ? MAX_COLUMNS : 1);
  layout->n_rows = (layout->n_panels + layout->n_columns - 1) / layout->n_columns;
  layout->grid_left = PAD_EM * em + layout->axis_width;
  layout->grid_top = PAD_EM * em + layout->legend_height;
  layout->cell_width = MAX ((width - layout->grid_left - PAD_EM * em - (layout->n_columns - 1) * COLUMN_GAP_EM * em)
                            / layout->n_columns, em);
  layout->cell_height = MAX ((height - layout->grid_top - PAD_EM * em - (layout->n_rows - 1) * ROW_GAP_EM * em)
                             / layout->n_rows, TITLE_EM * em + XLABEL_EM * em + em);
}

/* A panel's plot area: below its title, above the timepoint codes. */
static void
plot_area (const Layout *layout,
           guint         panel,
           double       *x,
           double       *y,
           double       *width,
           double       *height)
{
  guint column = panel % layout->n_columns, row = panel / layout->n_columns;
  double em = layout->em;

  *x = layout->grid_left + column * (layout->cell_width + COLUMN_GAP_EM * em);
  *y = layout->grid_top + row * (layout->cell_height + ROW_GAP_EM * em) + TITLE_EM * em;
  *width = layout->cell_width;
  *height = layout->cell_height - (TITLE_EM + XLABEL_EM) * em;
}

static void
compute_bar (const Layout            *layout,
             guint                    panel,
             guint                    timepoint,
             TrellisRetentionPlotBar *bar)
{
  const TrellisRetention *retention = layout->retention;
  guint cohort = trellis_retention_plot_panel_cohort (retention, layout->options, panel);
  const TrellisRetentionCounts *counts = trellis_retention_get (retention, cohort, timepoint);
  double x, y, width, height, slot, base;

  plot_area (layout, panel, &x, &y, &width, &height);
  slot = width / MAX (retention->n_timepoints, 1);
  bar->width = MIN (slot * BAR_SHARE, BAR_MAX_EM * layout->em);
  bar->x = x + slot * (timepoint + 0.5) - bar->width / 2;
  base = y + height;
  for (guint s = 0; s < TRELLIS_RETENTION_N_SEGMENTS; s++)
    {
      double share = counts->recruited > 0 ? (double) segment_count (counts, s) / counts->recruited : 0;

      bar->bottom[s] = base;
      bar->top[s] = base - share * height;
      base = bar->top[s];
    }
}

/* Faint lines at every quarter, labelled in the first column only: the
 * panels share the scale. */
static void
draw_grid (cairo_t      *cr,
           const Layout *layout,
           guint         panel)
{
  const TrellisPlotStyle *style = layout->style;
  double x, y, width, height;

  plot_area (layout, panel, &x, &y, &width, &height);
  cairo_set_line_width (cr, 1);
  for (guint q = 0; q <= 4; q++)
    {
      double line_y = floor (y + height * (1 - q / 4.0)) + 0.5;

      trellis_plot_set_source (cr, style->foreground, q == 0 ? AXIS_ALPHA : GRID_ALPHA);
      cairo_move_to (cr, x, line_y);
      cairo_line_to (cr, x + width, line_y);
      cairo_stroke (cr);
      if (panel % layout->n_columns == 0)
        {
          /* Translators: a tick on the retention chart's axis; %u is a percentage. */
          g_autofree char *text = g_strdup_printf (_("%u%%"), q * 25);
          g_autoptr(PangoLayout) label = create_layout (layout->context, style, SMALL_SCALE,
                                                        PANGO_WEIGHT_NORMAL, text);
          double label_width, label_height;

          trellis_plot_text_get_size (label, &label_width, &label_height);
          trellis_plot_text_paint (cr, label, x - AXIS_GAP_EM * layout->em - label_width,
                                   line_y - label_height / 2, style->foreground, DIM_ALPHA);
        }
    }
}

/* "All cohorts" or the cohort's name in bold, and below it how many were
 * recruited: on two lines, so that neither is cut short in a narrow panel. */
static void
draw_title (cairo_t      *cr,
            const Layout *layout,
            guint         panel)
{
  const TrellisRetention *retention = layout->retention;
  const TrellisPlotStyle *style = layout->style;
  guint cohort = trellis_retention_plot_panel_cohort (retention, layout->options, panel);
  const char *name = cohort < retention->n_cohorts ? retention->cohort_names[cohort] : _("All cohorts");
  guint recruited = retention->n_timepoints > 0 ? trellis_retention_get (retention, cohort, 0)->recruited : 0;
  /* Translators: under a cohort's name in the retention chart. */
  g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u recruited", "%u recruited", recruited),
                                            recruited);
  g_autoptr(PangoLayout) title = create_layout (layout->context, style, 1.0, PANGO_WEIGHT_BOLD, name);
  g_autoptr(PangoLayout) subtitle = create_layout (layout->context, style, SMALL_SCALE, PANGO_WEIGHT_NORMAL, count);
  double x, y, width, height, title_height;

  plot_area (layout, panel, &x, &y, &width, &height);
  pango_layout_set_width (title, (int) (width * PANGO_SCALE));
  pango_layout_set_ellipsize (title, PANGO_ELLIPSIZE_END);
  trellis_plot_text_get_size (title, NULL, &title_height);
  y -= TITLE_EM * layout->em;
  trellis_plot_text_paint (cr, title, x, y, style->foreground, 1.0);
  trellis_plot_text_paint (cr, subtitle, x, y + title_height, style->foreground, DIM_ALPHA);
}

/* How many completed, inside the top of the completed part when it is
 * tall enough, else just above it. */
static void
draw_bar_label (cairo_t                       *cr,
                const Layout                  *layout,
                const TrellisRetentionPlotBar *bar,
                const TrellisRetentionCounts  *counts)
{
  const TrellisPlotStyle *style = layout->style;
  g_autofree char *text = g_strdup_printf ("%u", counts->completed);
  g_autoptr(PangoLayout) label = create_layout (layout->context, style, SMALL_SCALE, PANGO_WEIGHT_BOLD, text);
  double label_width, label_height, inside = bar->bottom[0] - bar->top[0];
  const double white[4] = { 1, 1, 1, 1 }, black[4] = { 0, 0, 0, 1 };
  gboolean dark = trellis_plot_style_is_dark (style);
  double x;

  trellis_plot_text_get_size (label, &label_width, &label_height);
  if (label_width > bar->width + 0.8 * layout->em || counts->recruited == 0)
    return;
  x = bar->x + (bar->width - label_width) / 2;
  if (inside >= LABEL_MIN_EM * layout->em)
    trellis_plot_text_paint (cr, label, x, bar->top[0] + 0.15 * layout->em, dark ? black : white, dark ? 0.85 : 1.0);
  else
    trellis_plot_text_paint (cr, label, x, bar->top[0] - label_height - 0.1 * layout->em, style->foreground, 1.0);
}

static void
draw_bars (cairo_t      *cr,
           const Layout *layout,
           guint         panel)
{
  const TrellisRetention *retention = layout->retention;
  guint cohort = trellis_retention_plot_panel_cohort (retention, layout->options, panel);
  double x, y, width, height;

  plot_area (layout, panel, &x, &y, &width, &height);
  for (guint t = 0; t < retention->n_timepoints; t++)
    {
      const TrellisRetentionCounts *counts = trellis_retention_get (retention, cohort, t);
      g_autoptr(PangoLayout) code = create_layout (layout->context, layout->style, SMALL_SCALE,
                                                   PANGO_WEIGHT_NORMAL, retention->timepoint_codes[t]);
      TrellisRetentionPlotBar bar;
      double code_width;

      compute_bar (layout, panel, t, &bar);
      for (guint s = 0; s < TRELLIS_RETENTION_N_SEGMENTS; s++)
        {
          double rgba[4];

          if (bar.bottom[s] - bar.top[s] <= 0)
            continue;
          trellis_retention_plot_segment_colour (layout->style, s, rgba);
          trellis_plot_set_source (cr, rgba, 1.0);
          cairo_rectangle (cr, bar.x, bar.top[s], bar.width, bar.bottom[s] - bar.top[s]);
          cairo_fill (cr);
        }
      draw_bar_label (cr, layout, &bar, counts);
      trellis_plot_text_get_size (code, &code_width, NULL);
      trellis_plot_text_paint (cr, code, bar.x + (bar.width - code_width) / 2, y + height + 0.35 * layout->em,
                               layout->style->foreground, DIM_ALPHA);
    }
}

static void
draw_layout (cairo_t      *cr,
             const Layout *layout)
{
  legend (cr, layout);
  for (guint p = 0; p < layout->n_panels; p++)
    {
      draw_grid (cr, layout, p);
      draw_bars (cr, layout, p);
      draw_title (cr, layout, p);
    }
}

/**
 * trellis_retention_plot_draw:
 * @cr: where to draw, with 0,0 at the chart's top-left corner
 * @width: the chart's width in user units
 * @height: the chart's height in user units
 * @retention: the counts
 * @options: (nullable): what to show; NULL for all cohorts together
 * @style: colours and font
 *
 * Draws the retention chart. Nothing is drawn outside 0,0–@width,@height.
 */
void
trellis_retention_plot_draw (cairo_t                           *cr,
                             double                             width,
                             double                             height,
                             const TrellisRetention            *retention,
                             const TrellisRetentionPlotOptions *options,
                             const TrellisPlotStyle            *style)
{
  const TrellisRetentionPlotOptions no_options = { FALSE };
  PangoContext *context;

  g_return_if_fail (cr != NULL && retention != NULL);
  g_return_if_fail (style != NULL && style->font_size > 0);

  if (!(width > 0 && height > 0))
    return;
  context = trellis_plot_begin (cr, width, height, style);
  if (retention->n_timepoints == 0)
    trellis_plot_text_draw_message (cr, context, width, height, style, _("No timepoints"));
  else
    {
      Layout layout;

      layout_init (&layout, context, retention, options != NULL ? options : &no_options, style, width, height);
      draw_layout (cr, &layout);
    }
  trellis_plot_end (cr, context);
}

void
trellis_retention_plot_get_preferred_size (const TrellisRetention            *retention,
                                           const TrellisRetentionPlotOptions *options,
                                           const TrellisPlotStyle            *style,
                                           double                            *width,
                                           double                            *height)
{
  guint n_panels, n_columns, n_rows;
  double em;

  g_return_if_fail (retention != NULL && width != NULL && height != NULL);
  g_return_if_fail (style != NULL && style->font_size > 0);

  em = style->font_size;
  n_panels = trellis_retention_plot_get_n_panels (retention, options);
  if (n_panels == 1)
    {
      *width = SINGLE_WIDTH;
      *height = ceil (SINGLE_HEIGHT_EM * em);
      return;
    }
  n_columns = MIN (n_panels, MAX_COLUMNS);
  n_rows = (n_panels + n_columns - 1) / n_columns;
  *width = ceil (em * (2 * PAD_EM + 3 + n_columns * PANEL_WIDTH_EM + (n_columns - 1) * COLUMN_GAP_EM));
  *height = ceil (em * (2 * PAD_EM + 2.5 + n_rows * PANEL_HEIGHT_EM + (n_rows - 1) * ROW_GAP_EM));
}

/* Where the bar of @timepoint in @panel is drawn in a @width × @height
 * chart; FALSE when there is no such bar. */
gboolean
trellis_retention_plot_get_bar (const TrellisRetention            *retention,
                                const TrellisRetentionPlotOptions *options,
                                const TrellisPlotStyle            *style,
                                double                             width,
                                double                             height,
                                guint                              panel,
                                guint                              timepoint,
                                TrellisRetentionPlotBar           *bar)
{
  const TrellisRetentionPlotOptions no_options = { FALSE };
  PangoContext *context;
  Layout layout;

  g_return_val_if_fail (retention != NULL && bar != NULL, FALSE);
  g_return_val_if_fail (style != NULL && style->font_size > 0, FALSE);

  if (options == NULL)
    options = &no_options;
  if (timepoint >= retention->n_timepoints || panel >= trellis_retention_plot_get_n_panels (retention, options))
    return FALSE;
  context = trellis_plot_text_create_measure_context ();
  layout_init (&layout, context, retention, options, style, width, height);
  compute_bar (&layout, panel, timepoint, bar);
  g_object_unref (context);
  return TRUE;
}
