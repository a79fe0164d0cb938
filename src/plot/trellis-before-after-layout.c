/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "trellis-before-after-private.h"
#include "trellis-plot-text.h"
#include "trellis-trajectory-raster.h"

/* The layout of the before-and-after plot: the texts, measured once, and the
 * rectangles they and the plot area take. Vertically: title, subtitle,
 * legend, the band of annotations, the plot area, then each timepoint's name
 * and n. Horizontally: the value axis's title and tick labels, then the area. */

/* Sizes are relative to the chart's em. */
static PangoLayout *
create_layout (BaFrame     *frame,
               double       scale,
               PangoWeight  weight,
               const char  *text)
{
  return trellis_plot_text_new_layout (frame->context, frame->style, frame->em * scale, weight, text, 0);
}

static double
layout_width (PangoLayout *layout)
{
  int width = 0;

  if (layout != NULL)
    pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

static double
layout_height (PangoLayout *layout)
{
  int height = 0;

  if (layout != NULL)
    pango_layout_get_pixel_size (layout, NULL, &height);
  return height;
}

static void
add_colour_attribute (PangoAttrList *attrs,
                      const double   rgba[4],
                      guint          start,
                      guint          end)
{
  PangoAttribute *colour = pango_attr_foreground_new (rgba[0] * 65535, rgba[1] * 65535, rgba[2] * 65535);

  colour->start_index = start;
  colour->end_index = end;
  pango_attr_list_insert (attrs, colour);
}

/* "n = 66"; with several series, each one's n in its colour: "n = 12 · 9 · 11". */
static PangoLayout *
create_n_label (BaFrame *frame,
                guint    timepoint)
{
  const TrellisBeforeAfterPlot *plot = frame->plot;
  GString *text = g_string_new (NULL);
  PangoAttrList *attrs = pango_attr_list_new ();
  PangoLayout *layout;

  if (plot->n_series <= 1)
    /* Translators: the number of people measured at a timepoint, under it in the plot. */
    /* The ' flag groups thousands as the locale does: "n = 95,289". */
    g_string_printf (text, _("n = %'u"), plot->n_series == 1 ? plot->series[0].points[timepoint].n : 0);
  else
    {
      /* Translators: before the numbers of people in each cohort at a timepoint. */
      g_string_append (text, _("n ="));
      for (guint s = 0; s < plot->n_series; s++)
        {
          guint start;

          g_string_append (text, s == 0 ? " " : " · ");
          start = text->len;
          g_string_append_printf (text, "%'u", plot->series[s].points[timepoint].n);
          add_colour_attribute (attrs, trellis_plot_style_get_series (frame->style, s), start, text->len);
        }
    }

  layout = create_layout (frame, BA_SMALL_SCALE, PANGO_WEIGHT_NORMAL, text->str);
  pango_layout_set_attributes (layout, attrs);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_attr_list_unref (attrs);
  g_string_free (text, TRUE);
  return layout;
}

/* The code in bold on one line, the label under it. */
static PangoLayout *
create_x_label (BaFrame *frame,
                guint    timepoint)
{
  const TrellisBeforeAfterPlot *plot = frame->plot;
  const char *code = plot->timepoint_codes != NULL ? plot->timepoint_codes[timepoint] : NULL;
  const char *label = plot->timepoint_labels != NULL ? plot->timepoint_labels[timepoint] : NULL;
  g_autofree char *text = NULL;
  PangoAttrList *attrs = pango_attr_list_new ();
  PangoAttribute *bold = pango_attr_weight_new (PANGO_WEIGHT_BOLD);
  PangoLayout *layout;

  code = code != NULL ? code : "";
  text = label != NULL && *label != '\0' ? g_strconcat (code, "\n", label, NULL) : g_strdup (code);
  layout = create_layout (frame, 1.0, PANGO_WEIGHT_NORMAL, text);
  bold->start_index = 0;
  bold->end_index = strlen (code);
  pango_attr_list_insert (attrs, bold);
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  return layout;
}

/* An annotation's parts ("β = …", "d = …", "p …") and their widths,
 * measured one by one, so that any packing of them into lines is sized by
 * sums rather than by shaping each candidate line. */
typedef struct
{
  GStrv   parts;
  double *widths;
  double  separator;   /* the width of " · " */
  double  widest;
} AnnotationParts;

static void
measure_parts (PangoLayout     *layout,
               AnnotationParts *parts)
{
  guint n = g_strv_length (parts->parts);

  g_free (parts->widths);
  parts->widths = g_new0 (double, MAX (n, 1));
  parts->widest = 0;
  for (guint i = 0; i < n; i++)
    {
      pango_layout_set_text (layout, parts->parts[i], -1);
      parts->widths[i] = layout_width (layout);
      parts->widest = MAX (parts->widest, parts->widths[i]);
    }
  pango_layout_set_text (layout, " · ", -1);
  parts->separator = layout_width (layout);
}

/* Breaks only at the " · " between the parts, as many as fit on each line
 * after the first: "β = 2.43 [2.08–2.79]" over "d = 1.55 · p < .001" reads,
 * a break inside an interval does not. On one line if all fit. */
static char *
pack_parts (const AnnotationParts *parts,
            double                 column_width)
{
  GString *packed = g_string_new (parts->parts[0]);
  double total = parts->widths[0], line = parts->widths[0];

  for (guint i = 1; parts->parts[i] != NULL; i++)
    total += parts->separator + parts->widths[i];
  if (total <= column_width)
    {
      g_string_free (packed, TRUE);
      return g_strjoinv (" · ", parts->parts);
    }
  for (guint i = 1; parts->parts[i] != NULL; i++)
    {
      /* The first part, the estimate, keeps a line of its own, so the
       * timepoints' annotations line up part for part. */
      if (i > 1 && line + parts->separator + parts->widths[i] <= column_width)
        {
          g_string_append_printf (packed, " · %s", parts->parts[i]);
          line += parts->separator + parts->widths[i];
        }
      else
        {
          g_string_append_printf (packed, "\n%s", parts->parts[i]);
          line = parts->widths[i];
        }
    }
  return g_string_free (packed, FALSE);
}

/* Fitted into the timepoint's column, so the annotations of neighbouring
 * timepoints never overlap: in a smaller font when a part would not fit
 * whole, and wrapped within the column if it still does not. */
static PangoLayout *
create_annotation (BaFrame    *frame,
                   const char *text,
                   double      column_width)
{
  PangoLayout *layout = create_layout (frame, BA_SMALL_SCALE, PANGO_WEIGHT_NORMAL, "");
  AnnotationParts parts = { g_strsplit (text, " · ", -1) };
  g_autofree char *packed = NULL;

  measure_parts (layout, &parts);
  if (parts.widest > column_width)
    {
      g_object_unref (layout);
      layout = create_layout (frame, BA_TINY_SCALE, PANGO_WEIGHT_NORMAL, "");
      measure_parts (layout, &parts);
    }
  packed = parts.parts[0] != NULL ? pack_parts (&parts, column_width) : g_strdup ("");
  pango_layout_set_text (layout, packed, -1);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_width (layout, (int) (MAX (column_width, 1) * PANGO_SCALE));
  g_strfreev (parts.parts);
  g_free (parts.widths);
  return layout;
}

static char *
describe (const TrellisBeforeAfterPlot *plot)
{
  /* Neither caption is a printf format, so a translation may write "95-%-KI". */
  if (plot->trajectories != NULL)
    /* xgettext:no-c-format */
    return g_strdup (_("Mean with 95% confidence interval; faint lines show each participant"));
  /* xgettext:no-c-format */
  return g_strdup (_("Mean with 95% confidence interval"));
}

/* Legend entries flow left to right and wrap to further rows. */
static double
place_legend (BaFrame *frame,
              double   left,
              double   right,
              double   top)
{
  const TrellisBeforeAfterPlot *plot = frame->plot;
  double swatch = BA_SWATCH_EM * frame->em;
  double x = left, y = top;

  frame->legend = g_new0 (PangoLayout *, plot->n_series);
  frame->legend_at = g_new0 (BaPoint, plot->n_series);
  frame->legend_row_height = 0;
  for (guint s = 0; s < plot->n_series; s++)
    {
      const char *name = plot->series[s].name != NULL ? plot->series[s].name : "";

      frame->legend[s] = create_layout (frame, BA_SMALL_SCALE, PANGO_WEIGHT_NORMAL, name);
      frame->legend_row_height = MAX (frame->legend_row_height, layout_height (frame->legend[s]) * 1.3);
    }
  for (guint s = 0; s < plot->n_series; s++)
    {
      double entry = swatch + 0.4 * frame->em + layout_width (frame->legend[s]);

      if (x > left && x + entry > right)
        {
          x = left;
          y += frame->legend_row_height;
        }
      frame->legend_at[s] = (BaPoint) { x, y };
      x += entry + BA_LEGEND_GAP_EM * frame->em;
    }
  return y + frame->legend_row_height;
}

/* Title, subtitle and legend; returns where the rest starts. */
static double
place_header (BaFrame *frame,
              double   pad)
{
  const TrellisBeforeAfterPlot *plot = frame->plot;
  g_autofree char *description = describe (plot);
  double y = pad;

  if (plot->title != NULL && *plot->title != '\0')
    {
      frame->title = create_layout (frame, BA_TITLE_SCALE, PANGO_WEIGHT_BOLD, plot->title);
      pango_layout_set_width (frame->title, (int) (MAX (frame->width - 2 * pad, 1) * PANGO_SCALE));
      pango_layout_set_ellipsize (frame->title, PANGO_ELLIPSIZE_END);
      frame->title_at = (BaPoint) { pad, y };
      y += layout_height (frame->title);
    }
  frame->subtitle = create_layout (frame, BA_SMALL_SCALE, PANGO_WEIGHT_NORMAL, description);
  pango_layout_set_width (frame->subtitle, (int) (MAX (frame->width - 2 * pad, 1) * PANGO_SCALE));
  pango_layout_set_ellipsize (frame->subtitle, PANGO_ELLIPSIZE_END);
  frame->subtitle_at = (BaPoint) { pad, y };
  y += layout_height (frame->subtitle);

  if (plot->n_series > 1)
    y = place_legend (frame, pad, frame->width - pad, y + BA_GAP_EM * frame->em);
  return y + BA_GAP_EM * frame->em;
}

/* The range the caller's range and every mean need, and every interval
 * when the caller gives no range. Given the scale's range, an interval that
 * runs beyond it (a cohort of two) is cut at the axis with an arrow rather
 * than squeeze the whole plot into a corner. */
static void
value_range (const TrellisBeforeAfterPlot *plot,
             double                       *lo,
             double                       *hi)
{
  gboolean given = isfinite (plot->value_min) && isfinite (plot->value_max);

  *lo = isfinite (plot->value_min) ? plot->value_min : INFINITY;
  *hi = isfinite (plot->value_max) ? plot->value_max : -INFINITY;
  for (guint s = 0; s < plot->n_series; s++)
    for (guint t = 0; t < plot->n_timepoints; t++)
      {
        const TrellisBeforeAfterPoint *point = &plot->series[s].points[t];
        double values[] = { point->mean, point->ci_low, point->ci_high };

        if (point->n == 0)
          continue;
        for (guint i = 0; i < (given ? 1 : G_N_ELEMENTS (values)); i++)
          if (isfinite (values[i]))
            {
              *lo = MIN (*lo, values[i]);
              *hi = MAX (*hi, values[i]);
            }
      }
  if (*lo > *hi)
    *lo = *hi = NAN;
}

static void
free_ticks (BaFrame *frame)
{
  if (frame->ticks == NULL)
    return;
  for (guint i = 0; i < frame->axis.n_ticks; i++)
    g_object_unref (frame->ticks[i]);
  g_clear_pointer (&frame->ticks, g_free);
}

/* The widest label an axis for an area this tall would have, from its ends
 * and its second tick (the most digits before and after the point), without
 * laying out the rest. */
static double
estimate_tick_width (BaFrame *frame,
                     double   area_height)
{
  guint max_ticks = (guint) MAX (floor (area_height / (BA_TICK_SPACING_EM * frame->em)) + 1, 3);
  TrellisPlotAxis axis;
  double lo, hi, widest = 0;
  guint picks[3];

  value_range (frame->plot, &lo, &hi);
  trellis_plot_axis_init (&axis, lo, hi, MIN (max_ticks, 11));
  picks[0] = 0, picks[1] = 1, picks[2] = axis.n_ticks - 1;
  for (guint i = 0; i < G_N_ELEMENTS (picks); i++)
    {
      g_autofree char *text = trellis_plot_axis_format_tick (&axis, trellis_plot_axis_tick (&axis, picks[i]));
      g_autoptr(PangoLayout) layout = create_layout (frame, BA_SMALL_SCALE, PANGO_WEIGHT_NORMAL, text);

      widest = MAX (widest, layout_width (layout));
    }
  return widest;
}

/* Lays out the value axis for an area this tall; returns its widest label. */
static double
place_ticks (BaFrame *frame,
             double   area_height)
{
  double lo, hi, widest = 0;
  guint max_ticks = (guint) MAX (floor (area_height / (BA_TICK_SPACING_EM * frame->em)) + 1, 3);

  free_ticks (frame);
  value_range (frame->plot, &lo, &hi);
  trellis_plot_axis_init (&frame->axis, lo, hi, MIN (max_ticks, 11));
  frame->ticks = g_new0 (PangoLayout *, frame->axis.n_ticks);
  for (guint i = 0; i < frame->axis.n_ticks; i++)
    {
      g_autofree char *text = trellis_plot_axis_format_tick (&frame->axis, trellis_plot_axis_tick (&frame->axis, i));

      frame->ticks[i] = create_layout (frame, BA_SMALL_SCALE, PANGO_WEIGHT_NORMAL, text);
      widest = MAX (widest, layout_width (frame->ticks[i]));
    }
  return widest;
}

/* The timepoint names and counts under the area; returns their height. A
 * name is its code over its label, each on one line (ellipsized to the
 * column), so two lines of sample text give the height before the columns'
 * width is known and the labels are made. */
static double
measure_footer (BaFrame *frame)
{
  const TrellisBeforeAfterPlot *plot = frame->plot;
  gboolean labelled = FALSE;
  g_autoptr(PangoLayout) name = NULL;
  g_autoptr(PangoLayout) count = create_layout (frame, BA_SMALL_SCALE, PANGO_WEIGHT_NORMAL, "n = 0");

  for (guint t = 0; plot->timepoint_labels != NULL && t < plot->n_timepoints; t++)
    labelled |= plot->timepoint_labels[t] != NULL && *plot->timepoint_labels[t] != '\0';
  name = create_layout (frame, 1.0, PANGO_WEIGHT_BOLD, labelled ? "T\nT" : "T");
  frame->x_label_height = layout_height (name);
  return BA_GAP_EM * frame->em + frame->x_label_height + 0.2 * frame->em + layout_height (count);
}

static void
create_footer (BaFrame *frame,
               double   column_width)
{
  guint n = frame->plot->n_timepoints;

  frame->x_labels = g_new0 (PangoLayout *, MAX (n, 1));
  frame->n_labels = g_new0 (PangoLayout *, MAX (n, 1));
  for (guint t = 0; t < n; t++)
    {
      frame->x_labels[t] = create_x_label (frame, t);
      frame->n_labels[t] = create_n_label (frame, t);
      pango_layout_set_width (frame->x_labels[t], (int) (MAX (column_width, 1) * PANGO_SCALE));
      pango_layout_set_width (frame->n_labels[t], (int) (MAX (column_width, 1) * PANGO_SCALE));
    }
}

/* Returns the height of the band the annotations take above the area. */
static double
create_annotations (BaFrame *frame,
                    double   column_width)
{
  const TrellisBeforeAfterPlot *plot = frame->plot;
  double band = 0;

  if (plot->annotations == NULL)
    return 0;
  frame->annotations = g_new0 (PangoLayout *, MAX (plot->n_timepoints, 1));
  for (guint t = 0; t < plot->n_timepoints; t++)
    if (plot->annotations[t] != NULL && *plot->annotations[t] != '\0')
      {
        frame->annotations[t] = create_annotation (frame, plot->annotations[t], column_width);
        band = MAX (band, layout_height (frame->annotations[t]));
      }
  return band > 0 ? band + BA_GAP_EM * frame->em : 0;
}

static void
fill_geometry (BaFrame *frame,
               double   left,
               double   top,
               double   right,
               double   bottom)
{
  TrellisBeforeAfterGeometry *geometry = &frame->geometry;
  const TrellisBeforeAfterPlot *plot = frame->plot;
  double column;

  /* Whole units: a raster made at the area's size in device pixels then
   * lands exactly on the pixel grid. */
  geometry->area_x = ceil (left);
  geometry->area_y = ceil (top);
  geometry->area_width = MAX (floor (right) - geometry->area_x, 1);
  geometry->area_height = MAX (floor (bottom) - geometry->area_y, 1);
  geometry->value_min = frame->axis.min;
  geometry->value_max = frame->axis.max;
  geometry->n_timepoints = plot->n_timepoints;
  geometry->n_series = plot->n_series;
  column = geometry->area_width / MAX (plot->n_timepoints, 1);
  geometry->series_spacing = plot->n_series > 1
                             ? MIN (BA_SERIES_EM * frame->em, 0.6 * column / plot->n_series) : 0;
  geometry->hit_radius = 0.7 * frame->em;
}

void
ba_frame_init (BaFrame                      *frame,
               PangoContext                 *context,
               const TrellisBeforeAfterPlot *plot,
               double                        width,
               double                        height,
               const TrellisPlotStyle       *style)
{
  double em = style->font_size, pad, top, bottom, left, right, tick_width, band, column;

  memset (frame, 0, sizeof *frame);
  frame->context = g_object_ref (context);
  frame->plot = plot;
  frame->style = style;
  frame->width = width;
  frame->height = height;
  frame->em = em;
  pad = MIN (BA_PAD_EM * em, MIN (width, height) * 0.04);

  top = place_header (frame, pad);
  bottom = height - pad - measure_footer (frame);
  frame->value_label = create_layout (frame, BA_SMALL_SCALE, PANGO_WEIGHT_NORMAL,
                                      plot->value_label != NULL ? plot->value_label : "");

  /* The tick labels' width needs the axis, which needs the area's height,
   * which needs the annotations' wrapping, which needs the width: a first
   * axis without annotations settles the width, then the final one is made. */
  tick_width = estimate_tick_width (frame, bottom - top);
  left = pad + (plot->value_label != NULL ? layout_height (frame->value_label) + BA_GAP_EM * em : 0);
  frame->value_label_x = pad;
  right = MAX (width - MIN (BA_PAD_RIGHT_EM * em, width * 0.05), left + tick_width + 1);
  column = (right - left - tick_width - BA_GAP_EM * em) / MAX (plot->n_timepoints, 1);
  band = create_annotations (frame, column - 0.6 * em);
  frame->annotation_y = top;

  tick_width = MAX (tick_width, place_ticks (frame, bottom - top - band));
  frame->tick_label_right = left + tick_width;
  fill_geometry (frame, left + tick_width + BA_GAP_EM * em, top + band, right, bottom);

  column = frame->geometry.area_width / MAX (plot->n_timepoints, 1);
  create_footer (frame, column - 0.3 * em);
  frame->x_label_y = frame->geometry.area_y + frame->geometry.area_height + BA_GAP_EM * em;
  frame->n_label_y = frame->x_label_y + frame->x_label_height + 0.2 * em;
}

static void
free_layouts (PangoLayout **layouts,
              guint         n_layouts)
{
  if (layouts == NULL)
    return;
  for (guint i = 0; i < n_layouts; i++)
    g_clear_object (&layouts[i]);
  g_free (layouts);
}

void
ba_frame_clear (BaFrame *frame)
{
  guint n_timepoints = frame->plot->n_timepoints;

  g_clear_object (&frame->title);
  g_clear_object (&frame->subtitle);
  g_clear_object (&frame->value_label);
  free_layouts (frame->legend, frame->plot->n_series);
  free_layouts (frame->x_labels, n_timepoints);
  free_layouts (frame->n_labels, n_timepoints);
  free_layouts (frame->annotations, n_timepoints);
  free_ticks (frame);
  g_free (frame->legend_at);
  g_clear_object (&frame->context);
}

/* The x the raster uses, so trajectories meet the means. */
double
trellis_before_after_geometry_timepoint_x (const TrellisBeforeAfterGeometry *geometry,
                                           guint                             timepoint)
{
  g_return_val_if_fail (geometry != NULL, 0);

  return geometry->area_x
         + trellis_trajectory_raster_timepoint_x (timepoint, geometry->n_timepoints, geometry->area_width);
}

/* A timepoint's series sit side by side, centred on it, so their intervals
 * do not hide one another. */
double
trellis_before_after_geometry_point_x (const TrellisBeforeAfterGeometry *geometry,
                                       guint                             series,
                                       guint                             timepoint)
{
  double centre = trellis_before_after_geometry_timepoint_x (geometry, timepoint);

  if (geometry->n_series <= 1)
    return centre;
  return centre + (series - (geometry->n_series - 1) / 2.0) * geometry->series_spacing;
}

double
trellis_before_after_geometry_value_y (const TrellisBeforeAfterGeometry *geometry,
                                       double                            value)
{
  double span;

  g_return_val_if_fail (geometry != NULL, 0);

  span = geometry->value_max - geometry->value_min;
  return geometry->area_y + geometry->area_height * (geometry->value_max - value) / (span > 0 ? span : 1);
}
