/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "plot-test-utils.h"
#include "trellis-flow-plot.h"
#include "trellis-plot-style.h"

/* The flow diagram drawn to image surfaces: where its boxes and arrows are,
 * checked against the pixels. The flow is the demo study's, built by hand. */

#define ALL TRELLIS_FLOW_NO_COHORT

static void
add (TrellisFlowCount *count,
     guint             n)
{
  /* Split over two cohorts, the first getting the larger half. */
  trellis_flow_count_add (count, 0, n - n / 2);
  trellis_flow_count_add (count, 1, n / 2);
}

static void
add_reason (TrellisParticipantFlow *flow,
            TrellisFlowBox         *box,
            const char             *key,
            const char             *label,
            guint                   n)
{
  add (trellis_flow_box_add_reason (box, flow->n_cohorts, key, label), n);
}

static void
add_timepoint (TrellisParticipantFlow *flow,
               const char             *code,
               guint                   completed,
               guint                   missed,
               guint                   withdrawn)
{
  g_autofree char *key = g_strconcat ("completed:", code, NULL);
  g_autofree char *side_key = g_strconcat ("not-completed:", code, NULL);
  g_autofree char *title = g_strdup_printf ("Completed %s", code);
  TrellisFlowStep *step = trellis_participant_flow_add_step (flow, FALSE, key, title, side_key, "Did not complete");

  add (&step->main->total, completed);
  add (&step->side->total, missed + withdrawn);
  add_reason (flow, step->side, "missed", "Missed", missed);
  add_reason (flow, step->side, "withdrawn:no-further-data", "Withdrawn: No further data", withdrawn);
}

static void
add_interviews (TrellisParticipantFlow *flow)
{
  TrellisFlowStep *eligible = trellis_participant_flow_add_step (flow, TRUE, "interview-eligible", "Eligible",
                                                                 "interview-not-drawn", "Not drawn");
  TrellisFlowStep *drawn = trellis_participant_flow_add_step (flow, TRUE, "interview-drawn", "Drawn at random",
                                                              "interview-dropped", "Declined or did not attend");
  TrellisFlowStep *interviewed = trellis_participant_flow_add_step (flow, TRUE, "interviewed", "Interviewed",
                                                                    "interview-pending", "Not interviewed yet");

  add (&eligible->main->total, 29);
  add (&eligible->side->total, 13);
  add (&drawn->main->total, 16);
  add_reason (flow, drawn->main, "first-pick", "First picks", 14);
  add_reason (flow, drawn->main, "replacement", "Replacements", 2);
  add (&drawn->side->total, 2);
  add_reason (flow, drawn->side, "declined", "Declined", 2);
  add (&interviewed->main->total, 3);
  add (&interviewed->side->total, 11);
  flow->interview_from = 5;
}

/* Recruited 69 → consented 66 → 66, 62, 47, 33 → analysed 66. */
static TrellisParticipantFlow *
demo_flow (gboolean interviews)
{
  const char *const cohorts[] = { "Midwives", "Paramedics", NULL };
  TrellisParticipantFlow *flow = trellis_participant_flow_new (cohorts);
  TrellisFlowStep *recruited = trellis_participant_flow_add_step (flow, FALSE, "recruited", "Recruited",
                                                                  "not-consented", "Not consented");
  TrellisFlowStep *consented = trellis_participant_flow_add_step (flow, FALSE, "consented", "Consented", NULL, NULL);
  TrellisFlowStep *analysed;

  add (&recruited->main->total, 69);
  add (&recruited->side->total, 3);
  add_reason (flow, recruited->side, "no-consent", "No consent recorded yet", 3);
  add (&consented->main->total, 66);
  add_timepoint (flow, "T1", 66, 0, 0);
  add_timepoint (flow, "T2", 62, 4, 0);
  add_timepoint (flow, "T3", 47, 17, 2);
  add_timepoint (flow, "T4", 33, 30, 3);
  analysed = trellis_participant_flow_add_step (flow, FALSE, "analysed",
                                                "Analysed (mixed model, all available data)",
                                                "not-analysed", "Not analysed");
  add (&analysed->main->total, 66);
  add_reason (flow, analysed->main, "instrument:BRS", "Brief Resilience Scale", 66);
  if (interviews)
    add_interviews (flow);
  return flow;
}

typedef struct
{
  TrellisParticipantFlow *flow;
  TrellisFlowPlotOptions  options;
  TrellisPlotStyle        style;
  double                  width;
  double                  height;
  cairo_surface_t        *surface;
  GArray                 *boxes;
} Drawing;

static void
drawing_free (Drawing *drawing)
{
  trellis_participant_flow_free (drawing->flow);
  cairo_surface_destroy (drawing->surface);
  g_array_unref (drawing->boxes);
  g_free (drawing);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Drawing, drawing_free)

/* Draws at @width × @height, or at the preferred size where they are 0. */
static Drawing *
draw (gboolean interviews,
      gboolean by_cohort,
      gboolean dark,
      double   width,
      double   height)
{
  Drawing *drawing = g_new0 (Drawing, 1);
  cairo_t *cr;

  drawing->flow = demo_flow (interviews);
  drawing->options.by_cohort = by_cohort;
  if (dark)
    trellis_plot_style_init_dark (&drawing->style);
  else
    trellis_plot_style_init_light (&drawing->style);
  trellis_flow_plot_get_preferred_size (drawing->flow, &drawing->options, &drawing->style,
                                        &drawing->width, &drawing->height);
  if (width > 0)
    drawing->width = width;
  if (height > 0)
    drawing->height = height;
  cr = canvas_new ((int) drawing->width, (int) drawing->height);
  trellis_flow_plot_draw (cr, drawing->width, drawing->height, drawing->flow, &drawing->options, &drawing->style);
  drawing->surface = canvas_finish (cr);
  drawing->boxes = trellis_flow_plot_get_boxes (drawing->flow, &drawing->options, &drawing->style,
                                                drawing->width, drawing->height);
  return drawing;
}

static gboolean
is_background (Drawing *drawing,
               double   x,
               double   y)
{
  return rgb_near (pixel_at (drawing->surface, x, y), drawing->style.background, 3);
}

static const TrellisFlowPlotBox *
find_box (Drawing    *drawing,
          const char *key)
{
  for (guint i = 0; i < drawing->boxes->len; i++)
    {
      const TrellisFlowPlotBox *box = &g_array_index (drawing->boxes, TrellisFlowPlotBox, i);

      if (g_str_equal (box->key, key))
        return box;
    }
  g_assert_not_reached ();
  return NULL;
}

static gboolean
overlap (const TrellisFlowPlotBox *a,
         const TrellisFlowPlotBox *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width && a->y < b->y + b->height && b->y < a->y + a->height;
}

/* Every box is inside the target and clear of every other. */
static void
assert_boxes_fit (Drawing *drawing)
{
  for (guint i = 0; i < drawing->boxes->len; i++)
    {
      const TrellisFlowPlotBox *box = &g_array_index (drawing->boxes, TrellisFlowPlotBox, i);

      g_assert_cmpfloat (box->x, >=, 0);
      g_assert_cmpfloat (box->y, >=, 0);
      g_assert_cmpfloat (box->x + box->width, <=, drawing->width + 0.01);
      g_assert_cmpfloat (box->y + box->height, <=, drawing->height + 0.01);
      g_assert_cmpfloat (box->width, >, 10);
      g_assert_cmpfloat (box->height, >, 10);
      for (guint j = i + 1; j < drawing->boxes->len; j++)
        g_assert_false (overlap (box, &g_array_index (drawing->boxes, TrellisFlowPlotBox, j)));
    }
}

/* The main flow is one column, top to bottom in step order; each side box
 * is to its right, on the same row. */
static void
test_layout (void)
{
  g_autoptr(Drawing) drawing = draw (FALSE, FALSE, FALSE, 0, 0);
  static const char *const main_keys[] = { "recruited", "consented", "completed:T1", "completed:T2",
                                           "completed:T3", "completed:T4", "analysed" };
  const TrellisFlowPlotBox *previous = NULL;

  save_screenshot (drawing->surface, "flow-plot-light");
  /* Seven main boxes and six side boxes (Consented has none). */
  g_assert_cmpuint (drawing->boxes->len, ==, 13);
  assert_boxes_fit (drawing);
  for (guint i = 0; i < G_N_ELEMENTS (main_keys); i++)
    {
      const TrellisFlowPlotBox *box = find_box (drawing, main_keys[i]);

      g_assert_cmpint (box->column, ==, TRELLIS_FLOW_PLOT_MAIN);
      g_assert_cmpuint (box->row, ==, i);
      if (previous != NULL)
        {
          g_assert_cmpfloat (box->x, ==, previous->x);
          g_assert_cmpfloat (box->y, >, previous->y + previous->height);
        }
      previous = box;
    }
  for (guint i = 0; i < drawing->boxes->len; i++)
    {
      const TrellisFlowPlotBox *side = &g_array_index (drawing->boxes, TrellisFlowPlotBox, i);
      const TrellisFlowPlotBox *main_box;

      if (side->column != TRELLIS_FLOW_PLOT_SIDE)
        continue;
      main_box = find_box (drawing, main_keys[side->row]);
      g_assert_cmpfloat (side->x, >, main_box->x + main_box->width + 10);
      /* Centred on the same row, so the arrow across is level. */
      g_assert_cmpfloat (fabs ((side->y + side->height / 2) - (main_box->y + main_box->height / 2)), <, 1.0);
    }
}

/* Boxes are filled and framed; arrows run down between the main boxes and
 * across to the side boxes; the space beside the arrows is empty. */
static void
test_pixels (gconstpointer data)
{
  gboolean dark = GPOINTER_TO_INT (data);
  g_autoptr(Drawing) drawing = draw (FALSE, FALSE, dark, 0, 0);

  save_screenshot (drawing->surface, "flow-plot-%s", dark ? "dark" : "light-pixels");
  g_assert_true (is_background (drawing, 1, 1));
  for (guint i = 0; i < drawing->boxes->len; i++)
    {
      const TrellisFlowPlotBox *box = &g_array_index (drawing->boxes, TrellisFlowPlotBox, i);

      /* The fill, just inside the frame at the left middle, and the frame. */
      g_assert_false (is_background (drawing, box->x + 3, box->y + box->height / 2));
      g_assert_false (is_background (drawing, box->x + box->width / 2, box->y + 0.5));
      /* Just outside the box, to the left and above the arrow in: nothing. */
      g_assert_true (is_background (drawing, box->x - 3, box->y + 4));
    }
  for (guint i = 0; i + 1 < drawing->boxes->len; i++)
    {
      const TrellisFlowPlotBox *box = &g_array_index (drawing->boxes, TrellisFlowPlotBox, i);
      const TrellisFlowPlotBox *next = NULL;

      if (box->column != TRELLIS_FLOW_PLOT_MAIN)
        continue;
      for (guint j = 0; j < drawing->boxes->len; j++)
        {
          const TrellisFlowPlotBox *other = &g_array_index (drawing->boxes, TrellisFlowPlotBox, j);

          if (other->column == TRELLIS_FLOW_PLOT_MAIN && other->row == box->row + 1)
            next = other;
          if (other->column == TRELLIS_FLOW_PLOT_SIDE && other->row == box->row)
            {
              double y = floor (box->y + box->height / 2) + 0.5;
              double mid = (box->x + box->width + other->x) / 2;

              g_assert_false (is_background (drawing, mid, y));
              g_assert_true (is_background (drawing, mid, y - 8));
            }
        }
      if (next != NULL)
        {
          double mid = (box->y + box->height + next->y) / 2;

          g_assert_false (is_background (drawing, box->x + box->width / 2, mid));
          g_assert_true (is_background (drawing, box->x + box->width / 2 - 10, mid));
        }
    }
}

/* The sub-study is a branch in its own two columns, starting below the
 * step it leaves from, joined to the main arrow by a level line. */
static void
test_branch (void)
{
  g_autoptr(Drawing) drawing = draw (TRUE, FALSE, FALSE, 0, 0);
  g_autoptr(Drawing) plain = draw (FALSE, FALSE, FALSE, 0, 0);
  const TrellisFlowPlotBox *origin, *eligible, *not_drawn, *drawn, *interviewed;
  double split_y, x;
  guint32 fill;

  save_screenshot (drawing->surface, "flow-plot-interviews");
  g_assert_cmpfloat (drawing->width, >, plain->width * 1.5);
  g_assert_cmpuint (drawing->boxes->len, ==, 13 + 6);
  assert_boxes_fit (drawing);

  origin = find_box (drawing, "completed:T4");
  eligible = find_box (drawing, "interview-eligible");
  not_drawn = find_box (drawing, "interview-not-drawn");
  drawn = find_box (drawing, "interview-drawn");
  interviewed = find_box (drawing, "interviewed");
  g_assert_cmpint (eligible->column, ==, TRELLIS_FLOW_PLOT_BRANCH);
  g_assert_cmpint (not_drawn->column, ==, TRELLIS_FLOW_PLOT_BRANCH_SIDE);
  g_assert_cmpuint (eligible->row, ==, origin->row + 1);
  g_assert_cmpfloat (eligible->x, >, find_box (drawing, "not-completed:T4")->x);
  g_assert_cmpfloat (not_drawn->x, >, eligible->x + eligible->width);
  g_assert_cmpfloat (drawn->y, >, eligible->y + eligible->height);
  g_assert_cmpfloat (interviewed->y, >, drawn->y + drawn->height);

  /* The level line from the main arrow to above the branch, halfway
   * between T4's row and the next. */
  split_y = (MAX (origin->y + origin->height, find_box (drawing, "not-completed:T4")->y +
                find_box (drawing, "not-completed:T4")->height) +
             MIN (MIN (eligible->y, not_drawn->y), find_box (drawing, "analysed")->y)) / 2;
  for (x = origin->x + origin->width / 2 + 4; x < eligible->x + eligible->width / 2 - 4; x += 7)
    {
      gboolean ink = FALSE;

      for (int dy = -3; dy <= 3 && !ink; dy++)
        ink = !is_background (drawing, x, split_y + dy);
      g_assert_true (ink);
    }

  /* The branch's boxes are tinted purple, not the accent's blue. */
  fill = pixel_at (drawing->surface, eligible->x + 3, eligible->y + eligible->height / 2);
  g_assert_cmpint (channel (fill, 16), >, channel (fill, 8));
  g_assert_cmpint (channel (fill, 0), >, channel (fill, 8));
  fill = pixel_at (drawing->surface, origin->x + 3, origin->y + origin->height / 2);
  g_assert_cmpint (channel (fill, 0), >, channel (fill, 16));
}

/* Too little height: the whole diagram is scaled down to fit, centred. */
static void
test_fit (void)
{
  g_autoptr(Drawing) drawing = draw (TRUE, FALSE, FALSE, 900, 420);
  double bottom = 0;

  save_screenshot (drawing->surface, "flow-plot-fit");
  assert_boxes_fit (drawing);
  for (guint i = 0; i < drawing->boxes->len; i++)
    {
      const TrellisFlowPlotBox *box = &g_array_index (drawing->boxes, TrellisFlowPlotBox, i);

      bottom = MAX (bottom, box->y + box->height);
    }
  g_assert_cmpfloat (bottom, >, 420 * 0.9);
  g_assert_true (is_background (drawing, 1, 1));
  g_assert_true (is_background (drawing, 899, 419));
}

/* By cohort, each box gets a line of counts and the cohorts a key at the
 * top, so the diagram needs more height; the key is drawn above the first
 * box. */
static void
test_by_cohort (void)
{
  g_autoptr(Drawing) drawing = draw (TRUE, TRUE, FALSE, 0, 0);
  g_autoptr(Drawing) totals = draw (TRUE, FALSE, FALSE, 0, 0);
  const TrellisFlowPlotBox *recruited = find_box (drawing, "recruited");
  guint ink = 0;

  save_screenshot (drawing->surface, "flow-plot-by-cohort");
  assert_boxes_fit (drawing);
  g_assert_cmpfloat (drawing->height, >, totals->height);
  g_assert_cmpfloat (recruited->height, >, find_box (totals, "recruited")->height);
  g_assert_cmpfloat (recruited->y, >, find_box (totals, "recruited")->y);
  for (double y = 0; y < recruited->y - 2; y++)
    for (double x = 0; x < drawing->width; x += 2)
      ink += !is_background (drawing, x, y);
  g_assert_cmpuint (ink, >, 100);
}

static void
test_hit (void)
{
  g_autoptr(Drawing) drawing = draw (TRUE, FALSE, FALSE, 0, 0);
  const TrellisFlowPlotBox *box = find_box (drawing, "completed:T2");

  g_assert_cmpstr (trellis_flow_plot_box_at (drawing->flow, &drawing->options, &drawing->style, drawing->width,
                                             drawing->height, box->x + box->width / 2, box->y + box->height / 2),
                   ==, "completed:T2");
  g_assert_null (trellis_flow_plot_box_at (drawing->flow, &drawing->options, &drawing->style, drawing->width,
                                           drawing->height, box->x + box->width / 2, box->y - 5));
  g_assert_null (trellis_flow_plot_box_at (drawing->flow, &drawing->options, &drawing->style, drawing->width,
                                           drawing->height, 1, 1));
}

/* A flow without steps gets a quiet message in the middle and no boxes. */
static void
test_empty (void)
{
  g_autoptr(TrellisParticipantFlow) flow = trellis_participant_flow_new (NULL);
  g_autoptr(GArray) boxes = NULL;
  TrellisPlotStyle style;
  cairo_t *cr = canvas_new (400, 200);
  cairo_surface_t *surface;
  guint ink = 0;

  trellis_plot_style_init_light (&style);
  trellis_flow_plot_draw (cr, 400, 200, flow, NULL, &style);
  surface = canvas_finish (cr);
  for (int y = 0; y < 200; y++)
    for (int x = 0; x < 400; x++)
      if (pixel_at (surface, x, y) != 0xffffffff)
        {
          g_assert_cmpint (ABS (x - 200), <, 150);
          g_assert_cmpint (ABS (y - 100), <, 20);
          ink++;
        }
  g_assert_cmpuint (ink, >, 50);
  boxes = trellis_flow_plot_get_boxes (flow, NULL, &style, 400, 200);
  g_assert_cmpuint (boxes->len, ==, 0);
  cairo_surface_destroy (surface);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/trellis/plot/flow/layout", test_layout);
  g_test_add_data_func ("/trellis/plot/flow/pixels-light", GINT_TO_POINTER (FALSE), test_pixels);
  g_test_add_data_func ("/trellis/plot/flow/pixels-dark", GINT_TO_POINTER (TRUE), test_pixels);
  g_test_add_func ("/trellis/plot/flow/branch", test_branch);
  g_test_add_func ("/trellis/plot/flow/fit", test_fit);
  g_test_add_func ("/trellis/plot/flow/by-cohort", test_by_cohort);
  g_test_add_func ("/trellis/plot/flow/hit", test_hit);
  g_test_add_func ("/trellis/plot/flow/empty", test_empty);

  return g_test_run ();
}
