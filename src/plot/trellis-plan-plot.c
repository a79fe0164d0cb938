/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "trellis-plan-plot.h"
#include "trellis-plot-draw.h"
#include "trellis-plot-text.h"

/* Every length is a multiple of the font size ("em"), so the chart keeps its
 * proportions when someone picks a larger interface font. */
#define PAD_X_EM       1.5
#define PAD_Y_EM       1.0
#define LANE_EM        2.5
#define LANE_MAX_EM    3.5
#define LABEL_GAP_EM   1.5
#define TICK_EM        0.35
#define AXIS_EM        2.0    /* from the axis line to below its labels */
#define TICK_GAP_EM    1.5    /* the least space between two tick labels */
#define BAR_EM         0.8    /* the tallest a window bar gets */
#define SMALL_SCALE    0.86   /* axis labels, relative to the font size */
#define LABEL_SHARE    0.4    /* the most of the width the labels may take */
#define MIN_LABEL_EM   3.0    /* below this, a label column is not worth it */
#define MIN_SPAN_DAYS  7.0
#define RANGE_PADDING  0.04   /* share of the range added as padding days */
#define MAX_ABS_DAY    1000000.0

/* Alphas applied on top of the style's foreground colour. */
#define GRID_ALPHA           0.08
#define AXIS_ALPHA           0.3
#define BASELINE_ALPHA       0.45
#define BASELINE_LABEL_ALPHA 0.75
#define DIM_ALPHA            0.6

/* Tick spacing in days: days and weeks for short plans, then quarters and years,
 * then round thousands, which read better than "Day 1826" on a ten-year plan. */
static const int tick_steps[] = { 1, 2, 7, 14, 28, 56, 91, 182, 365, 730, 1000, 2000, 5000 };

/* The horizontal layout: a label column on the left, then the day axis. */
typedef struct
{
  double label_x;
  double label_width;  /* 0 when there is no room for labels */
  double plot_left;
  double plot_right;
  double first_day;    /* the axis range, padding days included */
  double last_day;
  double first_tick;   /* ticks stay within the plan: no "Day -1" before baseline */
  double last_tick;
} PlanColumns;

/* The vertical layout: the lanes, then the axis below them. */
typedef struct
{
  double   lanes_top;
  double   lane_height;
  double   axis_y;
  gboolean show_axis_labels;
} PlanRows;

/* One line of text, its size relative to the style's font. */
static PangoLayout *
create_layout (PangoContext           *context,
               const TrellisPlotStyle *style,
               double                  scale,
               const char             *text)
{
  PangoLayout *layout = trellis_plot_text_new_layout (context, style, style->font_size * scale,
                                                      PANGO_WEIGHT_NORMAL, text, 0);

  pango_layout_set_single_paragraph_mode (layout, TRUE);
  return layout;
}

/* "T2 · After workshop", the code in bold so the eye can scan down the codes. */
static PangoLayout *
create_lane_label (PangoContext           *context,
                   const TrellisPlotStyle *style,
                   TrellisTimepoint       *timepoint)
{
  const char *code = trellis_timepoint_get_code (timepoint);
  const char *label = trellis_timepoint_get_label (timepoint);
  g_autofree char *text = NULL;
  PangoLayout *layout;
  const char *at;

  code = code != NULL ? code : "";
  label = label != NULL ? label : "";
  if (*code != '\0' && *label != '\0')
    /* Translators: a timepoint's code and label in the plan chart, e.g. "T2 · After workshop". */
    text = g_strdup_printf (_("%s · %s"), code, label);
  else
    text = g_strconcat (code, label, NULL);

  layout = create_layout (context, style, 1.0, text);
  at = *code != '\0' ? strstr (text, code) : NULL;
  if (at != NULL)
    {
      PangoAttrList *attrs = pango_attr_list_new ();
      PangoAttribute *bold = pango_attr_weight_new (PANGO_WEIGHT_BOLD);

      bold->start_index = at - text;
      bold->end_index = bold->start_index + strlen (code);
      pango_attr_list_insert (attrs, bold);
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }
  return layout;
}

static double
measure_lane_labels (PangoContext            *context,
                     TrellisTimepoint *const *timepoints,
                     guint                    n_timepoints,
                     const TrellisPlotStyle  *style)
{
  double widest = 0;

  for (guint i = 0; i < n_timepoints; i++)
    {
      g_autoptr(PangoLayout) layout = create_lane_label (context, style, timepoints[i]);
      PangoRectangle logical;

      pango_layout_get_extents (layout, NULL, &logical);
      widest = MAX (widest, (double) logical.width / PANGO_SCALE);
    }
  return widest;
}

/* From the earliest day any window opens (or baseline) to the latest it closes,
 * with a few padding days so the dots at either end stay clear of the edge. */
static void
compute_day_range (TrellisTimepoint *const *timepoints,
                   guint                    n_timepoints,
                   PlanColumns             *columns)
{
  double lo = 0, hi = 0, padding;

  for (guint i = 0; i < n_timepoints; i++)
    {
      TrellisTimepoint *timepoint = timepoints[i];
      int target = trellis_timepoint_get_target_day (timepoint);

      lo = MIN (lo, MIN (trellis_timepoint_get_window_min (timepoint), target));
      hi = MAX (hi, MAX (trellis_timepoint_get_window_max (timepoint), target));
    }

  /* The domain keeps plans within a year before and ten years after baseline;
   * clamping far beyond that only keeps unchecked data from overflowing ints. */
  lo = CLAMP (lo, -MAX_ABS_DAY, MAX_ABS_DAY);
  hi = CLAMP (hi, -MAX_ABS_DAY, MAX_ABS_DAY);

  if (hi - lo < MIN_SPAN_DAYS)
    hi = lo + MIN_SPAN_DAYS;
  padding = MAX (1.0, ceil ((hi - lo) * RANGE_PADDING));
  columns->first_tick = lo;
  columns->last_tick = hi;
  columns->first_day = lo - padding;
  columns->last_day = hi + padding;
}

/* The label column only depends on the width, never the height, so that an x
 * position can be computed from the width alone. */
static void
compute_columns (PangoContext            *context,
                 double                   width,
                 TrellisTimepoint *const *timepoints,
                 guint                    n_timepoints,
                 const TrellisPlotStyle  *style,
                 PlanColumns             *columns)
{
  double em = style->font_size;
  double pad = MIN (PAD_X_EM * em, width * 0.05);
  double inner = MAX (width - 2 * pad, 0);
  double labels = 0;

  if (inner * LABEL_SHARE >= MIN_LABEL_EM * em)
    {
      labels = measure_lane_labels (context, timepoints, n_timepoints, style);
      labels = MIN (ceil (labels), inner * LABEL_SHARE);
    }

  columns->label_x = pad;
  columns->label_width = labels;
  columns->plot_left = pad + labels + (labels > 0 ? LABEL_GAP_EM * em : 0);
  columns->plot_right = MAX (width - pad, columns->plot_left + 1);
  compute_day_range (timepoints, n_timepoints, columns);
}

static double
column_x (const PlanColumns *columns,
          double             day)
{
  double span = columns->last_day - columns->first_day;

  return columns->plot_left
         + (day - columns->first_day) / span * (columns->plot_right - columns->plot_left);
}

/* Lanes share the height left after padding and the axis, up to a limit so a
 * tall widget does not stretch two lanes into a poster; the block is centred. */
static void
compute_rows (double                  height,
              guint                   n_timepoints,
              const TrellisPlotStyle *style,
              PlanRows               *rows)
{
  double em = style->font_size;
  double pad = MIN (PAD_Y_EM * em, height * 0.1);
  double axis = AXIS_EM * em;
  guint n_lanes = MAX (n_timepoints, 1);
  double lane;

  rows->show_axis_labels = height - 2 * pad - axis >= n_lanes * em;
  if (!rows->show_axis_labels)
    axis = 0;

  lane = MAX (height - 2 * pad - axis, 0) / n_lanes;
  lane = MIN (lane, LANE_MAX_EM * em);
  rows->lane_height = lane;
  rows->lanes_top = (height - lane * n_lanes - axis) / 2;
  rows->axis_y = rows->lanes_top + lane * n_lanes;
}

/* Lines one unit wide look crisp when they sit on the middle of a pixel. */
static double
snap (double coordinate)
{
  return floor (coordinate) + 0.5;
}

static void
draw_vertical_line (cairo_t *cr,
                    double   x,
                    double   top,
                    double   bottom)
{
  cairo_move_to (cr, snap (x), top);
  cairo_line_to (cr, snap (x), bottom);
  cairo_stroke (cr);
}

static char *
format_tick_label (int day)
{
  if (day == 0)
    return g_strdup (_("Baseline"));

  /* Translators: a tick on the plan chart's axis, counted from baseline. */
  return g_strdup_printf (_("Day %d"), day);
}

/* The smallest step whose ticks leave room for the widest label between them. */
static int
choose_tick_step (PangoContext           *context,
                  const PlanColumns      *columns,
                  const TrellisPlotStyle *style)
{
  double px_per_day = (columns->plot_right - columns->plot_left)
                      / (columns->last_day - columns->first_day);
  double widest = 0;
  int ends[] = { (int) columns->first_tick, (int) columns->last_tick };

  for (guint i = 0; i < G_N_ELEMENTS (ends); i++)
    {
      g_autofree char *text = format_tick_label (ends[i] != 0 ? ends[i] : 1);
      g_autoptr(PangoLayout) layout = create_layout (context, style, SMALL_SCALE, text);
      int label_width;

      pango_layout_get_pixel_size (layout, &label_width, NULL);
      widest = MAX (widest, label_width);
    }

  widest += TICK_GAP_EM * style->font_size;
  for (guint i = 0; i < G_N_ELEMENTS (tick_steps); i++)
    if (tick_steps[i] * px_per_day >= widest)
      return tick_steps[i];
  return tick_steps[G_N_ELEMENTS (tick_steps) - 1];
}

/* Faint gridlines at each tick let the eye read a dot's day off the axis. */
static void
draw_gridlines (cairo_t                *cr,
                const PlanColumns      *columns,
                const PlanRows         *rows,
                const TrellisPlotStyle *style,
                int                     step)
{
  double em = style->font_size;
  int first = (int) ceil (columns->first_tick / step) * step;

  cairo_set_line_width (cr, 1);
  trellis_plot_set_source (cr, style->foreground, GRID_ALPHA);
  for (int day = first; day <= columns->last_tick; day += step)
    if (day != 0)
      draw_vertical_line (cr, column_x (columns, day), rows->lanes_top, rows->axis_y);

  trellis_plot_set_source (cr, style->foreground, AXIS_ALPHA);
  cairo_move_to (cr, columns->plot_left, snap (rows->axis_y));
  cairo_line_to (cr, columns->plot_right, snap (rows->axis_y));
  cairo_stroke (cr);
  if (!rows->show_axis_labels)
    return;

  for (int day = first; day <= columns->last_tick; day += step)
    if (day != 0)
      draw_vertical_line (cr, column_x (columns, day),
                          rows->axis_y, rows->axis_y + TICK_EM * em);
}

/* Baseline is what every day is counted from, so it gets a stronger line that
 * runs through all lanes and down to its label. */
static void
draw_baseline (cairo_t                *cr,
               const PlanColumns      *columns,
               const PlanRows         *rows,
               const TrellisPlotStyle *style)
{
  double bottom = rows->axis_y + (rows->show_axis_labels ? TICK_EM * style->font_size : 0);

  cairo_set_line_width (cr, 1);
  trellis_plot_set_source (cr, style->foreground, BASELINE_ALPHA);
  draw_vertical_line (cr, column_x (columns, 0), rows->lanes_top, bottom);
}

typedef struct
{
  double left;
  double right;
} Span;

/* Draws one tick label centred under its tick, unless it would leave the
 * chart or collide with a label already drawn. Returns whether it was drawn;
 * @span receives the room it takes either way. */
static gboolean
draw_tick_label (cairo_t                *cr,
                 PangoContext           *context,
                 const TrellisPlotStyle *style,
                 int                     day,
                 double                  x,
                 double                  y,
                 double                  width,
                 const Span             *taken,
                 guint                   n_taken,
                 Span                   *span)
{
  g_autofree char *text = format_tick_label (day);
  g_autoptr(PangoLayout) layout = create_layout (context, style, SMALL_SCALE, text);
  double gap = 0.5 * TICK_GAP_EM * style->font_size;
  int label_width;

  pango_layout_get_pixel_size (layout, &label_width, NULL);
  span->left = x - label_width / 2.0;
  span->right = span->left + label_width;
  if (span->left < 0 || span->right > width)
    return FALSE;

  for (guint i = 0; i < n_taken; i++)
    if (span->left < taken[i].right + gap && taken[i].left < span->right + gap)
      return FALSE;

  trellis_plot_set_source (cr, style->foreground, day == 0 ? BASELINE_LABEL_ALPHA : DIM_ALPHA);
  trellis_plot_text_show (cr, layout, span->left, y);
  return TRUE;
}

/* "Baseline" is placed first so a crowded axis drops a day label, not it. As
 * labels go left to right, a new one can only collide with the baseline's or
 * the last one drawn, which are all this keeps. */
static void
draw_tick_labels (cairo_t                *cr,
                  PangoContext           *context,
                  const PlanColumns      *columns,
                  const PlanRows         *rows,
                  const TrellisPlotStyle *style,
                  int                     step,
                  double                  width)
{
  double y = rows->axis_y + (TICK_EM + 0.3) * style->font_size;
  int first = (int) ceil (columns->first_tick / step) * step;
  Span taken[2] = { { 0, 0 }, { 0, 0 } };
  guint n_kept, n_taken;

  n_kept = draw_tick_label (cr, context, style, 0, column_x (columns, 0), y, width,
                            taken, 0, &taken[0]) ? 1 : 0;

  n_taken = n_kept;
  for (int day = first; day <= columns->last_tick; day += step)
    {
      Span span;

      if (day != 0
          && draw_tick_label (cr, context, style, day, column_x (columns, day), y,
                              width, taken, n_taken, &span))
        {
          taken[n_kept] = span;
          n_taken = n_kept + 1;
        }
    }
}

/* The bar stops a little short of the target dot all round, which sets the dot
 * apart. Clipping is used rather than a ring painted in the background colour,
 * which would be wrong when the background is transparent, as in the widget. */
static void
draw_window_bar (cairo_t                *cr,
                 double                  left,
                 double                  right,
                 double                  centre_y,
                 double                  bar_height,
                 double                  dot_x,
                 double                  ring_radius,
                 const TrellisPlotStyle *style)
{
  cairo_save (cr);
  cairo_rectangle (cr, left - bar_height, centre_y - bar_height,
                   right - left + 2 * bar_height, 2 * bar_height);
  cairo_new_sub_path (cr);
  cairo_arc (cr, dot_x, centre_y, ring_radius, 0, 2 * G_PI);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  cairo_clip (cr);

  trellis_plot_append_rounded_rectangle (cr, left, centre_y - bar_height / 2, right - left, bar_height,
                                         bar_height / 2);
  trellis_plot_set_source (cr, style->window, 1.0);
  cairo_fill (cr);
  cairo_restore (cr);
}

static void
draw_lane_label (cairo_t                *cr,
                 PangoContext           *context,
                 const PlanColumns      *columns,
                 double                  centre_y,
                 TrellisTimepoint       *timepoint,
                 const TrellisPlotStyle *style)
{
  g_autoptr(PangoLayout) layout = create_lane_label (context, style, timepoint);
  int label_height;

  pango_layout_set_width (layout, (int) (columns->label_width * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_get_pixel_size (layout, NULL, &label_height);

  trellis_plot_set_source (cr, style->foreground, 1.0);
  trellis_plot_text_show (cr, layout, columns->label_x, centre_y - label_height / 2.0);
}

/* A timepoint that counts from the workshop or the coaching call has its days
 * on the same scale, but its day 0 is that participant's event, whose date
 * varies from person to person: a note beside the lane says so, so that
 * "day 1" is not read as the day after baseline. */
static char *
describe_anchor (TrellisTimepoint *timepoint)
{
  int day = trellis_timepoint_get_target_day (timepoint);

  switch (trellis_timepoint_get_anchor (timepoint))
    {
    case TRELLIS_ANCHOR_WORKSHOP:
      /* Translators: beside a timepoint in the plan chart whose days count from the workshop. */
      return g_strdup_printf (_("day %d after the workshop"), day);
    case TRELLIS_ANCHOR_COACHING:
      /* Translators: beside a timepoint in the plan chart whose days count from the coaching call. */
      return g_strdup_printf (_("day %d after the coaching call"), day);
    case TRELLIS_ANCHOR_BASELINE:
    default:
      return NULL;
    }
}

/* The note goes right of the lane's window, or left of it when the right has
 * no room; where neither has, the lane label's tooltip and the summary still
 * say it. */
static void
draw_anchor_note (cairo_t                *cr,
                  PangoContext           *context,
                  const PlanColumns      *columns,
                  double                  centre_y,
                  double                  left,
                  double                  right,
                  TrellisTimepoint       *timepoint,
                  const TrellisPlotStyle *style)
{
  g_autofree char *text = describe_anchor (timepoint);
  g_autoptr(PangoLayout) layout = NULL;
  double gap = 0.6 * style->font_size;
  int note_width, note_height;
  double x;

  if (text == NULL)
    return;
  layout = create_layout (context, style, SMALL_SCALE, text);
  pango_layout_get_pixel_size (layout, &note_width, &note_height);
  if (right + gap + note_width <= columns->plot_right)
    x = right + gap;
  else if (left - gap - note_width >= columns->plot_left)
    x = left - gap - note_width;
  else
    return;
  trellis_plot_set_source (cr, style->foreground, DIM_ALPHA);
  trellis_plot_text_show (cr, layout, x, centre_y - note_height / 2.0);
}

/* One lane: the window as a translucent bar, the target day as a solid dot. A
 * window of no width (target == min == max) is just the dot. */
static void
draw_lane (cairo_t                *cr,
           PangoContext           *context,
           const PlanColumns      *columns,
           const PlanRows         *rows,
           guint                   lane,
           TrellisTimepoint       *timepoint,
           const TrellisPlotStyle *style)
{
  double em = style->font_size;
  double centre_y = rows->lanes_top + (lane + 0.5) * rows->lane_height;
  double bar_height = MIN (rows->lane_height * 0.36, BAR_EM * em);
  double dot_radius = bar_height * 0.62;
  double dot_x = column_x (columns, trellis_timepoint_get_target_day (timepoint));
  double left = column_x (columns, trellis_timepoint_get_window_min (timepoint));
  double right = column_x (columns, trellis_timepoint_get_window_max (timepoint));

  if (right > left)
    draw_window_bar (cr, left, right, centre_y, bar_height, dot_x,
                     dot_radius + MAX (1.0, bar_height * 0.16), style);

  cairo_new_sub_path (cr);
  cairo_arc (cr, dot_x, centre_y, dot_radius, 0, 2 * G_PI);
  trellis_plot_set_source (cr, style->accent, 1.0);
  cairo_fill (cr);
  draw_anchor_note (cr, context, columns, centre_y, MIN (left, dot_x - dot_radius),
                    MAX (right, dot_x + dot_radius), timepoint, style);

  /* Labels taller than their lane would run into each other: leave them out. */
  if (columns->label_width > 0 && rows->lane_height >= 1.1 * em)
    draw_lane_label (cr, context, columns, centre_y, timepoint, style);
}

static int
compare_position (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  int position_a = trellis_timepoint_get_position (*(TrellisTimepoint *const *) a);
  int position_b = trellis_timepoint_get_position (*(TrellisTimepoint *const *) b);

  return (position_a > position_b) - (position_a < position_b);
}

/* The lanes in position order; the sort is stable, so a plan whose positions
 * are all equal keeps the caller's order. */
static TrellisTimepoint **
sort_lanes (TrellisTimepoint *const *timepoints,
            guint                    n_timepoints)
{
  TrellisTimepoint **lanes = g_new (TrellisTimepoint *, MAX (n_timepoints, 1));

  if (n_timepoints > 0)
    memcpy (lanes, timepoints, n_timepoints * sizeof *lanes);
  g_qsort_with_data (lanes, n_timepoints, sizeof *lanes, compare_position, NULL);
  return lanes;
}

static void
draw_plan (cairo_t                 *cr,
           PangoContext            *context,
           double                   width,
           double                   height,
           TrellisTimepoint *const *timepoints,
           guint                    n_timepoints,
           const TrellisPlotStyle  *style)
{
  g_autofree TrellisTimepoint **lanes = sort_lanes (timepoints, n_timepoints);
  PlanColumns columns;
  PlanRows rows;
  int step;

  compute_columns (context, width, lanes, n_timepoints, style, &columns);
  compute_rows (height, n_timepoints, style, &rows);
  step = choose_tick_step (context, &columns, style);

  draw_gridlines (cr, &columns, &rows, style, step);
  draw_baseline (cr, &columns, &rows, style);
  if (rows.show_axis_labels)
    draw_tick_labels (cr, context, &columns, &rows, style, step, width);

  for (guint i = 0; i < n_timepoints; i++)
    draw_lane (cr, context, &columns, &rows, i, lanes[i], style);
}

/**
 * trellis_plan_plot_draw:
 * @cr: where to draw, with 0,0 at the chart's top-left corner
 * @width: the chart's width in user units
 * @height: the chart's height in user units
 * @timepoints: (array length=n_timepoints): the plan, in any order
 * @n_timepoints: how many timepoints
 * @style: colours and font
 *
 * Draws the plan as a timeline. Nothing is drawn outside the rectangle
 * 0,0–@width,@height, however small it is.
 */
void
trellis_plan_plot_draw (cairo_t                 *cr,
                        double                   width,
                        double                   height,
                        TrellisTimepoint *const *timepoints,
                        guint                    n_timepoints,
                        const TrellisPlotStyle  *style)
{
  PangoContext *context;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (timepoints != NULL || n_timepoints == 0);
  g_return_if_fail (style != NULL && style->font_size > 0);

  /* The negated test also turns away NaN. */
  if (!(width > 0 && height > 0))
    return;

  /* A plan with no timepoints gets a quiet message rather than an empty axis. */
  context = trellis_plot_begin (cr, width, height, style);
  if (n_timepoints == 0)
    trellis_plot_text_draw_message (cr, context, width, height, style, _("No timepoints"));
  else
    draw_plan (cr, context, width, height, timepoints, n_timepoints, style);
  trellis_plot_end (cr, context);
}

double
trellis_plan_plot_get_preferred_height (guint                   n_timepoints,
                                        const TrellisPlotStyle *style)
{
  g_return_val_if_fail (style != NULL && style->font_size > 0, 0);

  /* An empty plan keeps one lane's height for its message. */
  return style->font_size
         * (2 * PAD_Y_EM + AXIS_EM + MAX (n_timepoints, 1) * LANE_EM);
}

double
trellis_plan_plot_day_to_x (double                   width,
                            TrellisTimepoint *const *timepoints,
                            guint                    n_timepoints,
                            const TrellisPlotStyle  *style,
                            int                      day)
{
  PangoContext *context;
  PlanColumns columns;

  g_return_val_if_fail (timepoints != NULL || n_timepoints == 0, 0);
  g_return_val_if_fail (style != NULL && style->font_size > 0, 0);

  context = trellis_plot_text_create_measure_context ();
  compute_columns (context, width, timepoints, n_timepoints, style, &columns);
  g_object_unref (context);
  return column_x (&columns, day);
}

double
trellis_plan_plot_lane_to_y (double                  height,
                             guint                   n_timepoints,
                             const TrellisPlotStyle *style,
                             guint                   lane)
{
  PlanRows rows;

  g_return_val_if_fail (style != NULL && style->font_size > 0, 0);
  g_return_val_if_fail (lane < MAX (n_timepoints, 1), 0);

  compute_rows (height, n_timepoints, style, &rows);
  return rows.lanes_top + (lane + 0.5) * rows.lane_height;
}
