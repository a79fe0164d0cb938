/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "trellis-flow-plot.h"
#include "trellis-plot-draw.h"
#include "trellis-plot-text.h"

/* Every length is a multiple of the font size ("em"), so the diagram keeps
 * its proportions with a larger interface font. */
#define PAD_EM          1.2
#define BOX_PAD_X_EM    0.75
#define BOX_PAD_Y_EM    0.6
#define COLUMN_GAP_EM   2.6
#define ROW_GAP_EM      2.2
#define RADIUS_EM       0.45
#define KEY_GAP_EM      1.0
#define COUNT_GAP_EM    0.7
#define REASON_GAP_EM   0.12
#define SECTION_GAP_EM  0.4
#define ARROW_HEAD_EM   0.5
#define MIN_COLUMN_EM   7.0
#define SMALL_SCALE     0.86
#define COUNT_SCALE     1.35

/* The natural widths of the columns, in em: the main flow a little wider
 * than the side boxes, whose reasons are shorter than its labels. */
static const double natural_column_em[] = { 16.5, 14.5, 16.5, 14.5 };

#define BORDER_ALPHA     0.55
#define MAIN_FILL_ALPHA  0.10
#define SIDE_FILL_ALPHA  0.04
#define SIDE_BORDER      0.22
#define ARROW_ALPHA      0.5
#define DIM_ALPHA        0.72

typedef struct
{
  const TrellisFlowBox  *box;
  TrellisFlowPlotColumn  column;
  guint                  row;
  double                 x, y, width, height;
} Placed;

/* The diagram laid out at scale 1 for one width; draw () then scales it. */
typedef struct
{
  PangoContext                 *context;
  const TrellisParticipantFlow *flow;
  const TrellisFlowPlotOptions *options;
  const TrellisPlotStyle       *style;
  double                        em;
  double                        width;          /* laid out for, at least the columns' minimum */
  double                        key_height;     /* the cohort key, 0 without one */
  guint                         n_columns;
  double                        column_x[4];
  double                        column_width[4];
  guint                         n_rows;
  double                       *row_top;
  double                       *row_height;
  GArray                       *placed;         /* Placed */
  double                        height;
} Layout;

/* How the laid-out diagram maps onto the target. */
typedef struct
{
  double scale;
  double offset_x;
  double offset_y;
} Fit;

/* The sub-study's colour: GNOME's purple, a hue the accent is not. */
static void
branch_colour (const TrellisPlotStyle *style,
               double                  rgba[4])
{
  gboolean dark = trellis_plot_style_is_dark (style);

  rgba[0] = dark ? 0xc0 / 255.0 : 0x91 / 255.0;
  rgba[1] = dark ? 0x61 / 255.0 : 0x41 / 255.0;
  rgba[2] = dark ? 0xcb / 255.0 : 0xac / 255.0;
  rgba[3] = 1.0;
}

/* Sizes are relative to the style's font: 1.0 for box titles. */
static PangoLayout *
create_layout (PangoContext           *context,
               const TrellisPlotStyle *style,
               double                  scale,
               PangoWeight             weight,
               const char             *text,
               double                  wrap_width)
{
  return trellis_plot_text_new_layout (context, style, style->font_size * scale, weight, text, wrap_width);
}

static void
set_italic (PangoLayout *layout)
{
  PangoFontDescription *font = pango_font_description_copy (pango_layout_get_font_description (layout));

  pango_font_description_set_style (font, PANGO_STYLE_ITALIC);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
}

/* Cohorts are lettered A, B, C… in the boxes and named once in the key. */
static char *
cohort_letter (guint cohort)
{
  if (cohort < 26)
    return g_strdup_printf ("%c", 'A' + cohort);
  return g_strdup_printf ("%u", cohort + 1);
}

static char *
format_by_cohort (const TrellisParticipantFlow *flow,
                  const TrellisFlowCount       *count)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint c = 0; c < flow->n_cohorts; c++)
    {
      g_autofree char *letter = cohort_letter (c);

      if (c > 0)
        g_string_append (text, "  ");
      /* A no-break space keeps each letter with its count. */
      g_string_append_printf (text, "%s\u00a0%u", letter, count->by_cohort[c]);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
format_key (const TrellisParticipantFlow *flow)
{
  g_autoptr(GString) text = g_string_new (_("Cohorts:"));

  for (guint c = 0; c < flow->n_cohorts; c++)
    {
      g_autofree char *letter = cohort_letter (c);

      g_string_append_printf (text, "%s%s\u00a0%s", c > 0 ? "  ·  " : "  ", letter, flow->cohort_names[c]);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gboolean
is_side (TrellisFlowPlotColumn column)
{
  return column == TRELLIS_FLOW_PLOT_SIDE || column == TRELLIS_FLOW_PLOT_BRANCH_SIDE;
}

static const double *
count_colour (const Layout          *layout,
              TrellisFlowPlotColumn  column,
              double                 branch[4])
{
  if (column == TRELLIS_FLOW_PLOT_MAIN)
    return layout->style->accent;
  if (column == TRELLIS_FLOW_PLOT_BRANCH)
    return branch;
  return layout->style->foreground;
}

/* The reasons somebody has, a label on the left and its count on the
 * right, below the heading. Returns the height they take. */
static double
box_reasons (cairo_t      *cr,
             const Layout *layout,
             const Placed *placed,
             double        x,
             double        y,
             double        inner)
{
  const TrellisPlotStyle *style = layout->style;
  GArray *reasons = placed->box->reasons;
  double top = y;

  for (guint i = 0; i < reasons->len; i++)
    {
      const TrellisFlowCount *reason = &g_array_index (reasons, TrellisFlowCount, i);
      g_autofree char *number = NULL;
      g_autoptr(PangoLayout) count = NULL;
      g_autoptr(PangoLayout) label = NULL;
      double count_width, count_height, label_height;

      if (reason->count == 0)
        continue;
      number = g_strdup_printf ("%u", reason->count);
      count = create_layout (layout->context, style, SMALL_SCALE, PANGO_WEIGHT_BOLD, number, -1);
      trellis_plot_text_get_size (count, &count_width, &count_height);
      label = create_layout (layout->context, style, SMALL_SCALE, PANGO_WEIGHT_NORMAL, reason->label,
                             MAX (inner - count_width - COUNT_GAP_EM * layout->em, layout->em));
      /* "Of whom" lines overlap the others: italics set them apart. */
      if (reason->subset)
        set_italic (label);
      trellis_plot_text_get_size (label, NULL, &label_height);
      trellis_plot_text_paint (cr, label, x, y, style->foreground, DIM_ALPHA);
      trellis_plot_text_paint (cr, count, x + inner - count_width, y, style->foreground, DIM_ALPHA);
      y += MAX (label_height, count_height) + REASON_GAP_EM * layout->em;
    }
  return y > top ? y - top + (SECTION_GAP_EM - REASON_GAP_EM) * layout->em : 0;
}

/* One box's text: its label beside its count in large figures, its reasons,
 * and the per-cohort line. Measures when @cr is NULL; returns the height of
 * the box, padding included. */
static double
box_text (cairo_t      *cr,
          const Layout *layout,
          const Placed *placed,
          double        x,
          double        y,
          double        width)
{
  const TrellisPlotStyle *style = layout->style;
  double em = layout->em;
  double inner = MAX (width - 2 * BOX_PAD_X_EM * em, em);
  double left = x + BOX_PAD_X_EM * em, top = y + BOX_PAD_Y_EM * em;
  g_autofree char *number = g_strdup_printf ("%u", placed->box->total.count);
  g_autoptr(PangoLayout) count = create_layout (layout->context, style, COUNT_SCALE, PANGO_WEIGHT_BOLD, number, -1);
  g_autoptr(PangoLayout) title = NULL;
  double branch[4], count_width, count_height, title_height, line;

  branch_colour (style, branch);
  trellis_plot_text_get_size (count, &count_width, &count_height);
  title = create_layout (layout->context, style, 1.0, is_side (placed->column) ? PANGO_WEIGHT_NORMAL : PANGO_WEIGHT_BOLD,
                         placed->box->total.label, MAX (inner - count_width - COUNT_GAP_EM * em, em));
  trellis_plot_text_get_size (title, NULL, &title_height);
  /* The figure's baseline sits on the title's first baseline. */
  trellis_plot_text_paint (cr, count, left + inner - count_width,
                           top + pango_layout_get_baseline (title) / (double) PANGO_SCALE
                           - pango_layout_get_baseline (count) / (double) PANGO_SCALE,
                           count_colour (layout, placed->column, branch), 1.0);
  trellis_plot_text_paint (cr, title, left, top, style->foreground, 1.0);
  line = MAX (title_height, count_height * 0.8) + SECTION_GAP_EM * em;
  line += box_reasons (cr, layout, placed, left, top + line, inner);

  if (layout->options->by_cohort && layout->flow->n_cohorts > 0)
    {
      g_autofree char *text = format_by_cohort (layout->flow, &placed->box->total);
      g_autoptr(PangoLayout) cohorts = create_layout (layout->context, style, SMALL_SCALE * 0.95,
                                                      PANGO_WEIGHT_NORMAL, text, inner);
      double cohorts_height;

      trellis_plot_text_get_size (cohorts, NULL, &cohorts_height);
      trellis_plot_text_paint (cr, cohorts, left, top + line, style->foreground, DIM_ALPHA * 0.85);
      line += cohorts_height + SECTION_GAP_EM * em;
    }
  return line - SECTION_GAP_EM * em + 2 * BOX_PAD_Y_EM * em;
}

static void
place (Layout                *layout,
       const TrellisFlowBox  *box,
       TrellisFlowPlotColumn  column,
       guint                  row)
{
  Placed placed = { box, column, row, 0, 0, 0, 0 };

  if (box == NULL)
    return;
  g_array_append_val (layout->placed, placed);
  layout->n_rows = MAX (layout->n_rows, row + 1);
}

static void
place_boxes (Layout *layout)
{
  const TrellisParticipantFlow *flow = layout->flow;

  for (guint i = 0; i < flow->steps->len; i++)
    {
      const TrellisFlowStep *step = flow->steps->pdata[i];

      place (layout, step->main, TRELLIS_FLOW_PLOT_MAIN, i);
      place (layout, step->side, TRELLIS_FLOW_PLOT_SIDE, i);
    }
  /* The branch leaves the arrow below its step, so it starts a row lower. */
  for (guint j = 0; j < flow->interview_steps->len; j++)
    {
      const TrellisFlowStep *step = flow->interview_steps->pdata[j];

      place (layout, step->main, TRELLIS_FLOW_PLOT_BRANCH, flow->interview_from + 1 + j);
      place (layout, step->side, TRELLIS_FLOW_PLOT_BRANCH_SIDE, flow->interview_from + 1 + j);
    }
}

/* Columns share the width by their natural widths, down to a minimum. */
static void
compute_columns (Layout *layout,
                 double  width)
{
  double em = layout->em, natural = 0, x = PAD_EM * em, inner;

  layout->n_columns = trellis_participant_flow_has_interviews (layout->flow) ? 4 : 2;
  for (guint c = 0; c < layout->n_columns; c++)
    natural += natural_column_em[c];
  inner = width - 2 * PAD_EM * em - (layout->n_columns - 1) * COLUMN_GAP_EM * em;
  inner = MAX (inner, layout->n_columns * MIN_COLUMN_EM * em);
  for (guint c = 0; c < layout->n_columns; c++)
    {
      layout->column_x[c] = x;
      layout->column_width[c] = floor (inner * natural_column_em[c] / natural);
      x += layout->column_width[c] + COLUMN_GAP_EM * em;
    }
  layout->width = MAX (width, x - COLUMN_GAP_EM * em + PAD_EM * em);
}

static double
measure_key (Layout *layout)
{
  g_autofree char *text = NULL;
  g_autoptr(PangoLayout) key = NULL;
  double height;

  if (!layout->options->by_cohort || layout->flow->n_cohorts == 0)
    return 0;
  text = format_key (layout->flow);
  key = create_layout (layout->context, layout->style, SMALL_SCALE, PANGO_WEIGHT_NORMAL, text,
                       layout->width - 2 * PAD_EM * layout->em);
  trellis_plot_text_get_size (key, NULL, &height);
  return height + KEY_GAP_EM * layout->em;
}

static void
compute_rows (Layout *layout)
{
  double em = layout->em, y = PAD_EM * em + layout->key_height;

  layout->row_top = g_new0 (double, MAX (layout->n_rows, 1));
  layout->row_height = g_new0 (double, MAX (layout->n_rows, 1));
  for (guint i = 0; i < layout->placed->len; i++)
    {
      Placed *placed = &g_array_index (layout->placed, Placed, i);

      placed->x = layout->column_x[placed->column];
      placed->width = layout->column_width[placed->column];
      placed->height = box_text (NULL, layout, placed, 0, 0, placed->width);
      layout->row_height[placed->row] = MAX (layout->row_height[placed->row], placed->height);
    }
  for (guint r = 0; r < layout->n_rows; r++)
    {
      layout->row_top[r] = y;
      y += layout->row_height[r] + ROW_GAP_EM * em;
    }
  layout->height = y - ROW_GAP_EM * em + PAD_EM * em;
  /* Boxes are centred on their row, so that the arrows across are straight. */
  for (guint i = 0; i < layout->placed->len; i++)
    {
      Placed *placed = &g_array_index (layout->placed, Placed, i);

      placed->y = layout->row_top[placed->row] + (layout->row_height[placed->row] - placed->height) / 2;
    }
}

static void
layout_init (Layout                       *layout,
             PangoContext                 *context,
             const TrellisParticipantFlow *flow,
             const TrellisFlowPlotOptions *options,
             const TrellisPlotStyle       *style,
             double                        width)
{
  memset (layout, 0, sizeof *layout);
  layout->context = context;
  layout->flow = flow;
  layout->options = options;
  layout->style = style;
  layout->em = style->font_size;
  layout->placed = g_array_new (FALSE, FALSE, sizeof (Placed));
  compute_columns (layout, width);
  layout->key_height = measure_key (layout);
  place_boxes (layout);
  compute_rows (layout);
}

static void
layout_clear (Layout *layout)
{
  g_clear_pointer (&layout->placed, g_array_unref);
  g_clear_pointer (&layout->row_top, g_free);
  g_clear_pointer (&layout->row_height, g_free);
}

/* Lays the diagram out for @width, then, when it is too tall for @height,
 * again for the wider width that scaling it down to fit gives room for:
 * text wraps less there, so it needs less height still. */
static void
layout_fit (Layout                       *layout,
            Fit                          *fit,
            PangoContext                 *context,
            const TrellisParticipantFlow *flow,
            const TrellisFlowPlotOptions *options,
            const TrellisPlotStyle       *style,
            double                        width,
            double                        height)
{
  double scale;

  layout_init (layout, context, flow, options, style, width);
  scale = MIN (1.0, MIN (width / layout->width, height / layout->height));
  if (scale < 1.0)
    {
      layout_clear (layout);
      layout_init (layout, context, flow, options, style, width / scale);
      scale = MIN (1.0, MIN (width / layout->width, height / layout->height));
    }
  fit->scale = scale;
  fit->offset_x = (width - layout->width * scale) / 2;
  fit->offset_y = (height - layout->height * scale) / 2;
}

static void
draw_box (cairo_t      *cr,
          const Layout *layout,
          const Placed *placed)
{
  const TrellisPlotStyle *style = layout->style;
  double branch[4];
  const double *tint = placed->column == TRELLIS_FLOW_PLOT_BRANCH ? branch : style->accent;

  branch_colour (style, branch);
  /* Half-pixel insets keep the one-unit border crisp. */
  trellis_plot_append_rounded_rectangle (cr, placed->x + 0.5, placed->y + 0.5, placed->width - 1, placed->height - 1,
                            RADIUS_EM * layout->em);
  if (is_side (placed->column))
    trellis_plot_set_source (cr, style->foreground, SIDE_FILL_ALPHA);
  else
    trellis_plot_set_source (cr, tint, MAIN_FILL_ALPHA);
  cairo_fill_preserve (cr);
  if (is_side (placed->column))
    trellis_plot_set_source (cr, style->foreground, SIDE_BORDER);
  else
    trellis_plot_set_source (cr, tint, BORDER_ALPHA);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
  box_text (cr, layout, placed, placed->x, placed->y, placed->width);
}

/* A line from x0,y0 to x1,y1 ending in a filled head at x1,y1. */
static void
draw_arrow (cairo_t *cr,
            double   x0,
            double   y0,
            double   x1,
            double   y1,
            double   head)
{
  double angle = atan2 (y1 - y0, x1 - x0);
  double back_x = x1 - head * cos (angle), back_y = y1 - head * sin (angle);

  cairo_move_to (cr, x0, y0);
  cairo_line_to (cr, back_x, back_y);
  cairo_stroke (cr);
  cairo_move_to (cr, x1, y1);
  cairo_line_to (cr, back_x + head * 0.45 * sin (angle), back_y - head * 0.45 * cos (angle));
  cairo_line_to (cr, back_x - head * 0.45 * sin (angle), back_y + head * 0.45 * cos (angle));
  cairo_close_path (cr);
  cairo_fill (cr);
}

static const Placed *
find_placed (const Layout          *layout,
             TrellisFlowPlotColumn  column,
             guint                  row)
{
  for (guint i = 0; i < layout->placed->len; i++)
    {
      const Placed *placed = &g_array_index (layout->placed, Placed, i);

      if (placed->column == column && placed->row == row)
        return placed;
    }
  return NULL;
}

static double
centre_x (const Placed *placed)
{
  return floor (placed->x + placed->width / 2) + 0.5;
}

static double
centre_y (const Layout *layout,
          guint         row)
{
  return floor (layout->row_top[row] + layout->row_height[row] / 2) + 0.5;
}

/* Down a column from each box to the next, and across from each box to
 * its side box. */
static void
draw_column_arrows (cairo_t               *cr,
                    const Layout          *layout,
                    TrellisFlowPlotColumn  column,
                    TrellisFlowPlotColumn  side)
{
  double head = ARROW_HEAD_EM * layout->em;

  for (guint r = 0; r < layout->n_rows; r++)
    {
      const Placed *box = find_placed (layout, column, r);
      const Placed *next = r + 1 < layout->n_rows ? find_placed (layout, column, r + 1) : NULL;
      const Placed *beside = find_placed (layout, side, r);

      if (box == NULL)
        continue;
      if (next != NULL)
        draw_arrow (cr, centre_x (box), box->y + box->height, centre_x (box), next->y, head);
      if (beside != NULL)
        draw_arrow (cr, box->x + box->width, centre_y (layout, r), beside->x, centre_y (layout, r), head);
    }
}

/* "Interview sub-study" above the branch's arrow, where its column is
 * still empty. */
static void
draw_branch_caption (cairo_t      *cr,
                     const Layout *layout,
                     const Placed *first,
                     double        split_y)
{
  g_autoptr(PangoLayout) caption = create_layout (layout->context, layout->style, SMALL_SCALE, PANGO_WEIGHT_BOLD,
                                                  _("Interview sub-study"), -1);
  double branch[4], caption_width, caption_height;

  branch_colour (layout->style, branch);
  trellis_plot_text_get_size (caption, &caption_width, &caption_height);
  cairo_save (cr);
  trellis_plot_text_paint (cr, caption, centre_x (first) + 0.5 * layout->em,
                           split_y - caption_height - 0.15 * layout->em, branch, 1.0);
  cairo_restore (cr);
}

/* The sub-study leaves the main flow's arrow below its step, in the gap
 * between the rows, with a dot where it splits off, and runs across above
 * the next row's side box to the first box of the branch. */
static void
draw_branch_arrow (cairo_t      *cr,
                   const Layout *layout)
{
  guint from = layout->flow->interview_from;
  const Placed *origin = find_placed (layout, TRELLIS_FLOW_PLOT_MAIN, from);
  const Placed *first = find_placed (layout, TRELLIS_FLOW_PLOT_BRANCH, from + 1);
  double split_y, x;

  if (origin == NULL || first == NULL)
    return;
  split_y = floor (layout->row_top[from] + layout->row_height[from] + ROW_GAP_EM * layout->em / 2) + 0.5;
  x = centre_x (origin);
  /* Past the last step there is no arrow down to split from: draw its stem. */
  if (find_placed (layout, TRELLIS_FLOW_PLOT_MAIN, from + 1) == NULL)
    {
      cairo_move_to (cr, x, origin->y + origin->height);
      cairo_line_to (cr, x, split_y);
      cairo_stroke (cr);
    }
  cairo_arc (cr, x, split_y, 0.2 * layout->em, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_move_to (cr, x, split_y);
  cairo_line_to (cr, centre_x (first), split_y);
  cairo_stroke (cr);
  draw_arrow (cr, centre_x (first), split_y - 0.5, centre_x (first), first->y, ARROW_HEAD_EM * layout->em);
  draw_branch_caption (cr, layout, first, split_y);
}

static void
draw_key (cairo_t      *cr,
          const Layout *layout)
{
  g_autofree char *text = NULL;
  g_autoptr(PangoLayout) key = NULL;

  if (layout->key_height <= 0)
    return;
  text = format_key (layout->flow);
  key = create_layout (layout->context, layout->style, SMALL_SCALE, PANGO_WEIGHT_NORMAL, text,
                       layout->width - 2 * PAD_EM * layout->em);
  trellis_plot_text_paint (cr, key, PAD_EM * layout->em, PAD_EM * layout->em, layout->style->foreground, DIM_ALPHA);
}

static void
draw_layout (cairo_t      *cr,
             const Layout *layout)
{
  cairo_set_line_width (cr, 1.2);
  trellis_plot_set_source (cr, layout->style->foreground, ARROW_ALPHA);
  draw_column_arrows (cr, layout, TRELLIS_FLOW_PLOT_MAIN, TRELLIS_FLOW_PLOT_SIDE);
  draw_branch_arrow (cr, layout);
  draw_column_arrows (cr, layout, TRELLIS_FLOW_PLOT_BRANCH, TRELLIS_FLOW_PLOT_BRANCH_SIDE);
  for (guint i = 0; i < layout->placed->len; i++)
    draw_box (cr, layout, &g_array_index (layout->placed, Placed, i));
  draw_key (cr, layout);
}

/**
 * trellis_flow_plot_draw:
 * @cr: where to draw, with 0,0 at the diagram's top-left corner
 * @width: the diagram's width in user units
 * @height: the diagram's height in user units
 * @flow: the counts
 * @options: (nullable): what to show; NULL for the totals only
 * @style: colours and font
 *
 * Draws the flow diagram. Nothing is drawn outside 0,0–@width,@height.
 */
void
trellis_flow_plot_draw (cairo_t                      *cr,
                        double                        width,
                        double                        height,
                        const TrellisParticipantFlow *flow,
                        const TrellisFlowPlotOptions *options,
                        const TrellisPlotStyle       *style)
{
  const TrellisFlowPlotOptions no_options = { FALSE };
  PangoContext *context;
  Layout layout;
  Fit fit;

  g_return_if_fail (cr != NULL && flow != NULL);
  g_return_if_fail (style != NULL && style->font_size > 0);

  /* The negated test also turns away NaN. */
  if (!(width > 0 && height > 0))
    return;
  context = trellis_plot_begin (cr, width, height, style);
  if (flow->steps->len == 0)
    trellis_plot_text_draw_message (cr, context, width, height, style, _("No participant flow to show"));
  else
    {
      layout_fit (&layout, &fit, context, flow, options != NULL ? options : &no_options, style, width, height);
      cairo_translate (cr, fit.offset_x, fit.offset_y);
      cairo_scale (cr, fit.scale, fit.scale);
      draw_layout (cr, &layout);
      layout_clear (&layout);
    }
  trellis_plot_end (cr, context);
}

/* The height the diagram needs at @width, unscaled. */
double
trellis_flow_plot_get_preferred_height (const TrellisParticipantFlow *flow,
                                        const TrellisFlowPlotOptions *options,
                                        const TrellisPlotStyle       *style,
                                        double                        width)
{
  const TrellisFlowPlotOptions no_options = { FALSE };
  PangoContext *context;
  Layout layout;
  double height;

  g_return_val_if_fail (flow != NULL, 0);
  g_return_val_if_fail (style != NULL && style->font_size > 0, 0);

  if (flow->steps->len == 0)
    return 6 * style->font_size;
  context = trellis_plot_text_create_measure_context ();
  layout_init (&layout, context, flow, options != NULL ? options : &no_options, style, width);
  height = ceil (layout.height);
  layout_clear (&layout);
  g_object_unref (context);
  return height;
}

/* The natural width (every column at its natural width) and the height it
 * needs there. */
void
trellis_flow_plot_get_preferred_size (const TrellisParticipantFlow *flow,
                                      const TrellisFlowPlotOptions *options,
                                      const TrellisPlotStyle       *style,
                                      double                       *width,
                                      double                       *height)
{
  guint n_columns;
  double natural = 0;

  g_return_if_fail (flow != NULL && width != NULL && height != NULL);
  g_return_if_fail (style != NULL && style->font_size > 0);

  n_columns = trellis_participant_flow_has_interviews (flow) ? 4 : 2;
  for (guint c = 0; c < n_columns; c++)
    natural += natural_column_em[c];
  *width = ceil (style->font_size * (natural + (n_columns - 1) * COLUMN_GAP_EM + 2 * PAD_EM));
  *height = trellis_flow_plot_get_preferred_height (flow, options, style, *width);
}

/**
 * trellis_flow_plot_get_boxes:
 *
 * Returns: (transfer full) (element-type TrellisFlowPlotBox): every box
 *   as trellis_flow_plot_draw() places it in a @width × @height target
 */
GArray *
trellis_flow_plot_get_boxes (const TrellisParticipantFlow *flow,
                             const TrellisFlowPlotOptions *options,
                             const TrellisPlotStyle       *style,
                             double                        width,
                             double                        height)
{
  const TrellisFlowPlotOptions no_options = { FALSE };
  GArray *boxes = g_array_new (FALSE, FALSE, sizeof (TrellisFlowPlotBox));
  PangoContext *context;
  Layout layout;
  Fit fit;

  g_return_val_if_fail (flow != NULL, boxes);
  g_return_val_if_fail (style != NULL && style->font_size > 0, boxes);

  if (!(width > 0 && height > 0) || flow->steps->len == 0)
    return boxes;
  context = trellis_plot_text_create_measure_context ();
  layout_fit (&layout, &fit, context, flow, options != NULL ? options : &no_options, style, width, height);
  for (guint i = 0; i < layout.placed->len; i++)
    {
      const Placed *placed = &g_array_index (layout.placed, Placed, i);
      TrellisFlowPlotBox box = {
        placed->box->total.key, placed->column, placed->row,
        fit.offset_x + placed->x * fit.scale, fit.offset_y + placed->y * fit.scale,
        placed->width * fit.scale, placed->height * fit.scale,
      };

      g_array_append_val (boxes, box);
    }
  layout_clear (&layout);
  g_object_unref (context);
  return boxes;
}

/* The key of the box at @x,@y, or NULL between boxes. */
const char *
trellis_flow_plot_box_at (const TrellisParticipantFlow *flow,
                          const TrellisFlowPlotOptions *options,
                          const TrellisPlotStyle       *style,
                          double                        width,
                          double                        height,
                          double                        x,
                          double                        y)
{
  g_autoptr(GArray) boxes = trellis_flow_plot_get_boxes (flow, options, style, width, height);

  for (guint i = 0; i < boxes->len; i++)
    {
      const TrellisFlowPlotBox *box = &g_array_index (boxes, TrellisFlowPlotBox, i);

      if (x >= box->x && x < box->x + box->width && y >= box->y && y < box->y + box->height)
        return box->key;
    }
  return NULL;
}
