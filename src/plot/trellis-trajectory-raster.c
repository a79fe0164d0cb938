/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "trellis-trajectory-raster.h"

/* How it stays fast at 100,000 participants: a segment's ends are rounded to
 * half a pixel, and the segments between the same two timepoints with the
 * same rounded ends are drawn once, weighted by how many there are. Scores
 * are means or sums of a few items, so most people share their segment with
 * many others; the rounding moves a line by at most a quarter of a pixel,
 * which a density image cannot show. Each distinct segment is then drawn
 * with anti-aliasing, as Xiaolin Wu's lines are: one step per pixel along
 * its longer axis, the weight split between the two nearest pixels across
 * it. A pixel thus counts the lines that cross it, whatever their slope. */

#define SUBPIXELS 2
#define NO_ROW    G_MAXUINT32

/* A lone line is drawn at least this share of the densest pixel's alpha,
 * so outliers stay visible among 100,000 others. */
#define FLOOR_SHARE 0.14

/* Pixels denser than this share of all inked ones are drawn at full alpha. */
#define REFERENCE_SHARE 0.98
#define HISTOGRAM_OCTAVES_BELOW 12     /* densities from 2^-12 … */
#define HISTOGRAM_BINS  (8 * 40)       /* … to 2^28, eight bins an octave */

/* Below this many keys, qsort beats a radix sort's two 64k histograms. */
#define RADIX_MIN_KEYS 4096

/* The density image, with a spare pixel all round so that a line's
 * anti-aliased edge never needs a bounds check: density points at the
 * first pixel inside, rows are stride floats apart. */
typedef struct
{
  float  *storage;
  float  *density;
  int     width;
  int     height;
  gsize   stride;
} Canvas;

static void
canvas_init (Canvas *canvas,
             int     width,
             int     height)
{
  canvas->width = width;
  canvas->height = height;
  canvas->stride = (gsize) width + 2;
  canvas->storage = g_new0 (float, canvas->stride * (height + 2));
  canvas->density = canvas->storage + canvas->stride + 1;
}

/**
 * trellis_trajectory_raster_timepoint_x:
 *
 * Returns where timepoint @timepoint of @n_timepoints lies across a plot
 * area @width wide: at the middle of its equal share.
 */
double
trellis_trajectory_raster_timepoint_x (guint  timepoint,
                                       guint  n_timepoints,
                                       double width)
{
  return (timepoint + 0.5) * width / MAX (n_timepoints, 1);
}

/**
 * trellis_trajectory_raster_value_range:
 * @min: (out): the smallest finite score
 * @max: (out): the largest
 *
 * Returns: whether the table has any finite score
 */
gboolean
trellis_trajectory_raster_value_range (const TrellisScoreTable *table,
                                       double                  *min,
                                       double                  *max)
{
  double lo = INFINITY, hi = -INFINITY;

  g_return_val_if_fail (table != NULL, FALSE);

  for (guint i = 0; i < table->n_observations; i++)
    if (isfinite (table->value[i]))
      {
        lo = MIN (lo, table->value[i]);
        hi = MAX (hi, table->value[i]);
      }
  *min = lo <= hi ? lo : NAN;
  *max = lo <= hi ? hi : NAN;
  return lo <= hi;
}

static int
compare_keys (const void *a,
              const void *b)
{
  guint32 key_a = *(const guint32 *) a, key_b = *(const guint32 *) b;

  return (key_a > key_b) - (key_a < key_b);
}

/* Least significant digit first, sixteen bits at a time. */
static void
sort_keys (guint32 *keys,
           guint    n_keys)
{
  g_autofree guint32 *scratch = NULL;
  g_autofree guint *counts = NULL;
  guint32 *from = keys, *to;

  if (n_keys < RADIX_MIN_KEYS)
    {
      qsort (keys, n_keys, sizeof *keys, compare_keys);
      return;
    }
  scratch = g_new (guint32, n_keys);
  counts = g_new (guint, 65536);
  to = scratch;
  for (int shift = 0; shift < 32; shift += 16)
    {
      guint sum = 0;

      memset (counts, 0, 65536 * sizeof *counts);
      for (guint i = 0; i < n_keys; i++)
        counts[(from[i] >> shift) & 0xffff]++;
      for (guint d = 0; d < 65536; d++)
        {
          guint count = counts[d];

          counts[d] = sum;
          sum += count;
        }
      for (guint i = 0; i < n_keys; i++)
        to[counts[(from[i] >> shift) & 0xffff]++] = from[i];
      from = to;
      to = from == keys ? scratch : keys;
    }
  /* Two passes end back in keys. */
}

/* Steps along one axis of the density image: @n steps from @first, each
 * @along apart in memory, with the position across going from @across by
 * @slope per step (16.16 fixed point, in pixels whose centres are at .5),
 * split between the pixel it is in and the next, @beside apart in memory.
 * The caller has clipped the steps to the image, and the image has a spare
 * row and column at its far edges, so no step needs a bounds check. */
static inline void
step_line (float   *start,
           int      n,
           gsize    along,
           gsize    beside,
           gint64   across,
           gint64   slope,
           float    weight)
{
  for (int i = 0; i < n; i++, across += slope)
    {
      gint64 at = across - 32768;   /* the pixel centre below */
      float share = (float) (at & 0xffff) * (1.0f / 65536);
      float *pixel = start + (gssize) i * (gssize) along + (gssize) (at >> 16) * (gssize) beside;

      pixel[0] += weight - weight * share;
      pixel[beside] += weight * share;
    }
}

/* The steps of a segment from @start towards @end along its longer axis:
 * pixels floor (start) up to floor (end), leaving out the end, which the
 * next segment of the same participant starts from (counted twice, it would
 * draw a stripe down each timepoint); drawn backwards, the same pixels the
 * other way round. */
static void
step_range (double  start,
            double  end,
            int    *first,
            int    *last)
{
  if (end >= start)
    {
      *first = (int) floor (start);
      *last = (int) floor (end);
    }
  else
    {
      *first = (int) floor (end) + 1;
      *last = (int) floor (start) + 1;
    }
}

/* From (x0, y0) towards (x1, y1), in pixel coordinates (pixel i spans i to
 * i + 1). */
static void
draw_segment (Canvas *canvas,
              double  x0,
              double  y0,
              double  x1,
              double  y1,
              float   weight)
{
  gboolean steep = fabs (y1 - y0) > fabs (x1 - x0);
  double start = steep ? y0 : x0, end = steep ? y1 : x1;
  double across = steep ? x0 : y0, across_end = steep ? x1 : y1;
  double slope = (across_end - across) / (end - start);
  double limit_across = steep ? canvas->width : canvas->height;
  int first, last;

  step_range (start, end, &first, &last);
  first = MAX (first, 0);
  last = MIN (last, steep ? canvas->height : canvas->width);
  /* Where the position across would leave the image and its spare edge:
   * only for data outside the value range, which the caller clamps. */
  while (first < last && fabs (across + (first + 0.5 - start) * slope - limit_across / 2) > limit_across / 2 + 0.5)
    first++;
  while (last > first && fabs (across + (last - 0.5 - start) * slope - limit_across / 2) > limit_across / 2 + 0.5)
    last--;
  if (first >= last)
    return;

  step_line (steep ? canvas->density + (gsize) first * canvas->stride : canvas->density + first,
             last - first,
             steep ? canvas->stride : 1,
             steep ? 1 : canvas->stride,
             (gint64) llround ((across + (first + 0.5 - start) * slope) * 65536),
             (gint64) llround (slope * 65536),
             weight);
}

typedef struct
{
  guint    n_timepoints;
  guint    n_pairs;
  guint   *pair_start;   /* n_pairs + 1 offsets into keys */
  guint32 *keys;         /* rounded start row × (rows + 1) + rounded end row */
  guint    rows;         /* rounded rows: height × SUBPIXELS */
} SegmentKeys;

static guint
pair_index (guint n_timepoints,
            guint from,
            guint to)
{
  return from * n_timepoints + to;
}

/* Each observation's rounded row, or NO_ROW for a score that is not a
 * number: one pass the compiler can keep tight, before the two over the
 * participants. */
static guint32 *
round_rows (const TrellisScoreTable              *table,
            const TrellisTrajectoryRasterOptions *options,
            guint                                 rows)
{
  guint32 *rounded = g_new (guint32, MAX (table->n_observations, 1));
  double rows_per_value = rows / (options->value_max - options->value_min);

  for (guint i = 0; i < table->n_observations; i++)
    {
      double row = (options->value_max - table->value[i]) * rows_per_value + 0.5;

      rounded[i] = isfinite (row) ? (guint32) CLAMP (row, 0, rows) : NO_ROW;
    }
  return rounded;
}

/* Two passes over the participants: count each pair of timepoints'
 * segments, then write their keys where those counts say. */
static void
collect_segments (const TrellisScoreTable              *table,
                  const TrellisTrajectoryRasterOptions *options,
                  SegmentKeys                          *segments)
{
  guint n = table->n_timepoints;
  g_autofree guint32 *rows = round_rows (table, options, segments->rows);
  g_autofree guint *fill = NULL;

  segments->n_pairs = n * n;
  segments->pair_start = g_new0 (guint, segments->n_pairs + 1);
  for (int pass = 0; pass < 2; pass++)
    {
      for (guint p = 0; p < table->n_participants; p++)
        {
          guint previous = G_MAXUINT;

          for (guint i = table->first[p]; i < table->first[p + 1]; i++)
            {
              if (rows[i] == NO_ROW)
                continue;
              if (previous != G_MAXUINT)
                {
                  guint pair = pair_index (n, table->timepoint[previous], table->timepoint[i]);

                  if (pass == 0)
                    segments->pair_start[pair + 1]++;
                  else
                    segments->keys[fill[pair]++] = rows[previous] * (segments->rows + 1) + rows[i];
                }
              previous = i;
            }
        }
      if (pass == 0)
        {
          for (guint pair = 0; pair < segments->n_pairs; pair++)
            segments->pair_start[pair + 1] += segments->pair_start[pair];
          segments->keys = g_new (guint32, MAX (segments->pair_start[segments->n_pairs], 1));
          fill = g_memdup2 (segments->pair_start, segments->n_pairs * sizeof *fill);
        }
    }
}

static void
draw_pair (Canvas      *canvas,
           SegmentKeys *segments,
           guint        from,
           guint        to)
{
  guint pair = pair_index (segments->n_timepoints, from, to);
  guint32 *keys = segments->keys + segments->pair_start[pair];
  guint n_keys = segments->pair_start[pair + 1] - segments->pair_start[pair];
  double x0 = trellis_trajectory_raster_timepoint_x (from, segments->n_timepoints, canvas->width);
  double x1 = trellis_trajectory_raster_timepoint_x (to, segments->n_timepoints, canvas->width);

  sort_keys (keys, n_keys);
  for (guint i = 0; i < n_keys;)
    {
      guint32 key = keys[i];
      guint run = 1;

      while (i + run < n_keys && keys[i + run] == key)
        run++;
      draw_segment (canvas, x0, (double) (key / (segments->rows + 1)) / SUBPIXELS,
                    x1, (double) (key % (segments->rows + 1)) / SUBPIXELS, run);
      i += run;
    }
}

/* A box filter down each column, 2 × @radius + 1 rows high, with weights of
 * 1 / (@radius + 1) so a lone line keeps about half its weight. Scores lie on
 * a grid (0.1 apart for a mean of ten items), so lines cross at the same few
 * heights at the same places between timepoints and stack into dotted
 * columns there; the filter melts the dots into the lines around them and
 * moves nothing. Its height follows the resolution: the gaps between the
 * dots grow with it. */
static void
smooth_columns (Canvas *canvas,
                int     radius)
{
  int width = canvas->width, height = canvas->height;
  g_autofree float *sum = g_new0 (float, width);
  g_autofree float *smoothed = g_new (float, (gsize) width * height);
  const float *density = canvas->density;
  float weight = 1.0f / (radius + 1);

  /* Row by row, a running sum per column: rows are contiguous in memory,
   * so each step is a loop the compiler vectorises. */
  for (int y = 0; y < MIN (radius, height); y++)
    for (int x = 0; x < width; x++)
      sum[x] += density[(gsize) y * canvas->stride + x];
  for (int y = 0; y < height; y++)
    {
      float *out = smoothed + (gsize) y * width;

      if (y + radius < height)
        {
          const float *entering = density + (gsize) (y + radius) * canvas->stride;

          for (int x = 0; x < width; x++)
            sum[x] += entering[x];
        }
      if (y - radius - 1 >= 0)
        {
          const float *leaving = density + (gsize) (y - radius - 1) * canvas->stride;

          for (int x = 0; x < width; x++)
            sum[x] -= leaving[x];
        }
      for (int x = 0; x < width; x++)
        out[x] = MAX (sum[x], 0) * weight;
    }
  /* The spare edge has served: the smoothed image is compact. */
  g_free (canvas->storage);
  canvas->storage = canvas->density = g_steal_pointer (&smoothed);
  canvas->stride = width;
}

/* A bin per eighth of an octave, from the exponent and the top three bits
 * of the mantissa: a logarithmic histogram without calling log (). */
static inline guint
octave_bin (float value)
{
  union { float f; guint32 u; } bits = { value };
  int exponent = (int) ((bits.u >> 23) & 0xff) - 127 + HISTOGRAM_OCTAVES_BELOW;

  return (guint) CLAMP (exponent * 8 + (int) ((bits.u >> 20) & 7), 0, HISTOGRAM_BINS - 1);
}

static float
bin_upper (guint bin)
{
  int exponent = (int) (bin / 8) - HISTOGRAM_OCTAVES_BELOW;

  return ldexpf (1.0f + ((bin % 8) + 1) / 8.0f, exponent);
}

/* The density shown at full alpha: not the peak, which sits where many
 * lines meet at a common score and would leave everything else faint, but
 * the density below which most inked pixels lie, found from a histogram of
 * log densities. */
static float
find_reference (const Canvas *canvas)
{
  gsize n_inked = 0, seen = 0;
  guint histogram[HISTOGRAM_BINS] = { 0 };

  for (int y = 0; y < canvas->height; y++)
    {
      const float *row = canvas->density + (gsize) y * canvas->stride;

      for (int x = 0; x < canvas->width; x++)
        if (row[x] > 1e-3f)
          {
            histogram[octave_bin (row[x])]++;
            n_inked++;
          }
    }
  for (guint bin = 0; bin < HISTOGRAM_BINS; bin++)
    {
      seen += histogram[bin];
      if (n_inked > 0 && seen >= REFERENCE_SHARE * n_inked)
        return MAX (bin_upper (bin), 1.0f);
    }
  return 1.0f;
}

/* Premultiplied ARGB32, as cairo stores it: the colour times the alpha. */
static void
colour_map (const Canvas                         *canvas,
            const TrellisTrajectoryRasterOptions *options,
            cairo_surface_t                      *surface)
{
  guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  float reference = find_reference (canvas);
  float scale = options->scale == TRELLIS_TRAJECTORY_SCALE_LOG ? 1.0f / log1pf (reference) : 1.0f / sqrtf (reference);
  double alpha_max = CLAMP (options->rgba[3], 0, 1);

  for (int y = 0; y < canvas->height; y++)
    {
      guint32 *row = (guint32 *) (data + (gsize) y * stride);
      const float *density = canvas->density + (gsize) y * canvas->stride;

      for (int x = 0; x < canvas->width; x++)
        {
          float d = density[x], share;
          guint32 a;

          if (d <= 1e-3f)
            continue;
          share = options->scale == TRELLIS_TRAJECTORY_SCALE_LOG ? log1pf (d) * scale : sqrtf (d) * scale;
          share = FLOOR_SHARE + (1 - FLOOR_SHARE) * MIN (share, 1.0f);
          /* A pixel the line only grazes stays fainter than one it crosses. */
          share *= MIN (d, 1.0f);
          a = (guint32) (alpha_max * share * 255 + 0.5);
          row[x] = a << 24
                   | (guint32) (options->rgba[0] * a + 0.5) << 16
                   | (guint32) (options->rgba[1] * a + 0.5) << 8
                   | (guint32) (options->rgba[2] * a + 0.5);
        }
    }
}

/**
 * trellis_trajectory_raster_render:
 * @table: the scores, in the plot's timepoint order
 * @options: the image's size, value range and colour
 *
 * Draws every participant's trajectory, a line from each observation to
 * their next, into a new transparent image of @options' size. Thread-safe:
 * it only reads @table and @options.
 *
 * Returns: (transfer full): an ARGB32 image surface
 */
cairo_surface_t *
trellis_trajectory_raster_render (const TrellisScoreTable              *table,
                                  const TrellisTrajectoryRasterOptions *options)
{
  cairo_surface_t *surface;
  SegmentKeys segments = { 0 };
  Canvas canvas;

  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (options->width > 0 && options->height > 0, NULL);
  g_return_val_if_fail (options->height <= 32767 / SUBPIXELS, NULL);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, options->width, options->height);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS || table->n_timepoints < 2
      || !(options->value_max > options->value_min))
    return surface;

  canvas_init (&canvas, options->width, options->height);
  segments.n_timepoints = table->n_timepoints;
  segments.rows = (guint) options->height * SUBPIXELS;

  collect_segments (table, options, &segments);
  for (guint from = 0; from < table->n_timepoints; from++)
    for (guint to = from + 1; to < table->n_timepoints; to++)
      draw_pair (&canvas, &segments, from, to);

  smooth_columns (&canvas, (int) MAX (1, lround (options->smoothing / 2)));
  cairo_surface_flush (surface);
  colour_map (&canvas, options, surface);
  cairo_surface_mark_dirty (surface);

  g_free (segments.pair_start);
  g_free (segments.keys);
  g_free (canvas.storage);
  return surface;
}
