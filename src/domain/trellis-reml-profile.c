/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "trellis-reml-profile.h"

/* The columns of a design sorted by how the fit reads them, so that the
 * pass over the scores does no work per column that is zero: at most one
 * timepoint indicator is 1 for an observation. */
typedef struct
{
  guint *intercepts;
  guint n_intercepts;
  int *by_timepoint;            /* 256: the column of each timepoint, or -1 */
  guint *observation_columns;
  const double **observation_values;
  guint n_observation_columns;
  guint *participant_columns;
  const double **participant_values;
  guint n_participant_columns;
} Layout;

static void
layout_init (Layout              *layout,
             const TrellisDesign *design)
{
  guint p = trellis_design_get_n_columns (design);

  layout->intercepts = g_new (guint, p);
  layout->observation_columns = g_new (guint, p);
  layout->observation_values = g_new (const double *, p);
  layout->participant_columns = g_new (guint, p);
  layout->participant_values = g_new (const double *, p);
  layout->by_timepoint = g_new (int, G_MAXUINT8 + 1);
  for (guint t = 0; t <= G_MAXUINT8; t++)
    layout->by_timepoint[t] = -1;
  layout->n_intercepts = layout->n_observation_columns = layout->n_participant_columns = 0;
  for (guint j = 0; j < p; j++)
    switch (trellis_design_get_kind (design, j))
      {
      case TRELLIS_DESIGN_INTERCEPT:
        layout->intercepts[layout->n_intercepts++] = j;
        break;
      case TRELLIS_DESIGN_TIMEPOINT:
        layout->by_timepoint[trellis_design_get_timepoint (design, j) & 0xff] = j;
        break;
      case TRELLIS_DESIGN_OBSERVATION_VALUES:
        layout->observation_values[layout->n_observation_columns] = trellis_design_get_values (design, j, NULL);
        layout->observation_columns[layout->n_observation_columns++] = j;
        break;
      case TRELLIS_DESIGN_PARTICIPANT_VALUES:
        layout->participant_values[layout->n_participant_columns] = trellis_design_get_values (design, j, NULL);
        layout->participant_columns[layout->n_participant_columns++] = j;
        break;
      default:
        g_assert_not_reached ();
      }
}

static void
layout_clear (Layout *layout)
{
  g_free (layout->intercepts);
  g_free (layout->observation_columns);
  g_free (layout->observation_values);
  g_free (layout->participant_columns);
  g_free (layout->participant_values);
  g_free (layout->by_timepoint);
}

/* The nonzero entries of observation @o's row of X (participant @i). */
static inline guint
row_entries (const Layout *layout,
             const TrellisScoreTable *table,
             guint         i,
             guint         o,
             guint        *index,
             long double  *x)
{
  guint k = 0;
  int column;

  for (guint j = 0; j < layout->n_intercepts; j++)
    index[k] = layout->intercepts[j], x[k++] = 1;
  column = layout->by_timepoint[table->timepoint[o]];
  if (column >= 0)
    index[k] = column, x[k++] = 1;
  for (guint j = 0; j < layout->n_observation_columns; j++)
    index[k] = layout->observation_columns[j], x[k++] = layout->observation_values[j][o];
  for (guint j = 0; j < layout->n_participant_columns; j++)
    index[k] = layout->participant_columns[j], x[k++] = layout->participant_values[j][i];
  return k;
}

/* Where the scores are centred, and the most scores one participant has.
 * The first score serves as the centre: any value among the scores brings
 * them to the scale of their spread, which is all that keeping q − b'β's
 * digits needs, and it costs no pass of its own as the mean would. */
static void
scan_scores (TrellisRemlStats        *self,
             const TrellisScoreTable *table,
             gboolean                 centre)
{
  self->y_shift = centre && table->n_observations > 0 ? table->value[0] : 0;
  self->max_size = 0;
  for (guint i = 0; i < table->n_participants; i++)
    self->max_size = MAX (self->max_size, table->first[i + 1] - table->first[i]);
}

static void
accumulate (TrellisRemlStats        *self,
            const TrellisScoreTable *table,
            const Layout            *layout)
{
  guint p = self->p;
  g_autofree guint *index = g_new (guint, p);
  g_autofree long double *x = g_new (long double, p);
  g_autofree long double *u = g_new0 (long double, p);

  for (guint i = 0; i < table->n_participants; i++)
    {
      guint n = table->first[i + 1] - table->first[i];
      long double s = 0, *uu, *us;

      if (n == 0)
        continue;
      for (guint o = table->first[i]; o < table->first[i + 1]; o++)
        {
          long double y = table->value[o] - self->y_shift;
          guint k = row_entries (layout, table, i, o, index, x);

          if (table->value[o] != table->value[0])
            self->constant = FALSE;
          for (guint a = 0; a < k; a++)
            {
              long double *row = self->xtx + index[a] * p;

              for (guint b = 0; b < k; b++)
                row[index[b]] += x[a] * x[b];
              self->xty[index[a]] += x[a] * y;
              u[index[a]] += x[a];
            }
          self->yty += y * y;
          s += y;
        }
      uu = self->uu + n * p * p;
      us = self->us + n * p;
      for (guint a = 0; a < p; a++)
        if (u[a] != 0)
          {
            for (guint b = 0; b < p; b++)
              uu[a * p + b] += u[a] * u[b];
            us[a] += u[a] * s;
          }
      self->ss[n] += s * s;
      self->count[n]++;
      self->n_groups++;
      for (guint a = 0; a < p; a++)
        u[a] = 0;
    }
}

/* Below this many timepoints, a design of the intercept and timepoint
 * indicators only is accumulated by pattern (which timepoints a participant
 * has): 2^K patterns. */
#define PATTERN_MAX_TIMEPOINTS 12

static gboolean
indicators_only (const TrellisDesign     *design,
                 const TrellisScoreTable *table)
{
  if (table->n_timepoints > PATTERN_MAX_TIMEPOINTS)
    return FALSE;
  for (guint j = 0; j < trellis_design_get_n_columns (design); j++)
    {
      TrellisDesignColumnKind kind = trellis_design_get_kind (design, j);

      if (kind != TRELLIS_DESIGN_INTERCEPT && kind != TRELLIS_DESIGN_TIMEPOINT)
        return FALSE;
    }
  return TRUE;
}

/* The column vector of one observation at @timepoint, as 0s and 1s. */
static void
indicator_row (const Layout *layout,
               guint         p,
               guint         timepoint,
               long double  *x)
{
  for (guint j = 0; j < p; j++)
    x[j] = 0;
  for (guint j = 0; j < layout->n_intercepts; j++)
    x[layout->intercepts[j]] = 1;
  if (layout->by_timepoint[timepoint] >= 0)
    x[layout->by_timepoint[timepoint]] += 1;
}

/* The fast path of the usual model, score ~ timepoint: X holds only 0s and
 * 1s, so X'X and every u are counts. The pass over the scores keeps, per
 * timepoint, the count and sum of scores and, per pattern of timepoints a
 * participant has, their count and the sum of their score totals; X'X, X'y
 * and the per-size sums follow from those few numbers afterwards. That is a
 * handful of additions per score, where the general path does O(p²). */
static void
accumulate_indicators (TrellisRemlStats        *self,
                       const TrellisScoreTable *table,
                       const Layout            *layout)
{
  guint p = self->p, k = table->n_timepoints, n_patterns = 1u << k;
  g_autofree guint64 *timepoint_count = g_new0 (guint64, k);
  g_autofree long double *timepoint_sum = g_new0 (long double, k);
  g_autofree guint64 *pattern_count = g_new0 (guint64, n_patterns);
  g_autofree long double *pattern_sum = g_new0 (long double, n_patterns);
  g_autofree long double *x = g_new (long double, p);
  g_autofree long double *u = g_new (long double, p);
  long double yty = 0;
  double shift = self->y_shift;

  /* Sums in double over blocks of participants, folded into long double
   * after each block: a block's few thousand terms lose nothing that
   * matters, and the inner loop stays in SSE registers. */
  g_autofree double *block_sum = g_new0 (double, k);
  g_autofree double *block_pattern = g_new0 (double, n_patterns);
  g_autofree double *block_ss = g_new0 (double, self->max_size + 1);
  g_autofree guint64 *size_count = g_new0 (guint64, self->max_size + 1);
  double block_yty = 0, first_value = table->n_observations > 0 ? table->value[0] : 0;
  gboolean constant = TRUE;

  for (guint i = 0; i < table->n_participants; i++)
    {
      guint32 first = table->first[i], end = table->first[i + 1];
      guint pattern = 0;
      double s = 0;

      if (first != end)
        {
          for (guint32 o = first; o < end; o++)
            {
              guint t = table->timepoint[o];
              double y = table->value[o] - shift;

              timepoint_count[t]++;
              constant &= table->value[o] == first_value;
              block_sum[t] += y;
              block_yty += y * y;
              s += y;
              pattern |= 1u << t;
            }
          pattern_count[pattern]++;
          block_pattern[pattern] += s;
          block_ss[end - first] += s * s;
          size_count[end - first]++;
          self->n_groups++;
        }
      if (i % 1024 == 1023 || i + 1 == table->n_participants)
        {
          for (guint t = 0; t < k; t++)
            timepoint_sum[t] += block_sum[t], block_sum[t] = 0;
          for (guint m = 0; m < n_patterns; m++)
            pattern_sum[m] += block_pattern[m], block_pattern[m] = 0;
          for (guint n = 0; n <= self->max_size; n++)
            self->ss[n] += block_ss[n], block_ss[n] = 0;
          yty += block_yty;
          block_yty = 0;
        }
    }
  self->yty = yty;
  self->constant = constant;
  for (guint n = 0; n <= self->max_size; n++)
    self->count[n] = size_count[n];

  for (guint t = 0; t < k; t++)
    {
      if (timepoint_count[t] == 0)
        continue;
      indicator_row (layout, p, t, x);
      for (guint a = 0; a < p; a++)
        {
          for (guint b = 0; b < p; b++)
            self->xtx[a * p + b] += x[a] * x[b] * timepoint_count[t];
          self->xty[a] += x[a] * timepoint_sum[t];
        }
    }
  for (guint pattern = 1; pattern < n_patterns; pattern++)
    {
      guint n = 0;

      if (pattern_count[pattern] == 0)
        continue;
      for (guint a = 0; a < p; a++)
        u[a] = 0;
      for (guint t = 0; t < k; t++)
        if (pattern & (1u << t))
          {
            indicator_row (layout, p, t, x);
            for (guint a = 0; a < p; a++)
              u[a] += x[a];
            n++;
          }
      for (guint a = 0; a < p; a++)
        {
          for (guint b = 0; b < p; b++)
            self->uu[(n * p + a) * p + b] += u[a] * u[b] * pattern_count[pattern];
          self->us[n * p + a] += u[a] * pattern_sum[pattern];
        }
    }
}

TrellisRemlStats *
trellis_reml_stats_new (const TrellisScoreTable *table,
                        const TrellisDesign     *design)
{
  TrellisRemlStats *self;
  Layout layout;
  guint p, sizes;

  g_return_val_if_fail (table != NULL && design != NULL, NULL);

  self = g_new0 (TrellisRemlStats, 1);
  self->p = p = trellis_design_get_n_columns (design);
  self->n_observations = table->n_observations;
  self->constant = TRUE;
  scan_scores (self, table, trellis_design_has_intercept (design));
  sizes = self->max_size + 1;
  self->xtx = g_new0 (long double, p * p);
  self->xty = g_new0 (long double, p);
  self->count = g_new0 (long double, sizes);
  self->uu = g_new0 (long double, sizes * p * p);
  self->us = g_new0 (long double, sizes * p);
  self->ss = g_new0 (long double, sizes);
  self->a = g_new0 (long double, p * p);
  self->b = g_new0 (long double, p);
  self->z = g_new0 (long double, p);

  layout_init (&layout, design);
  if (indicators_only (design, table))
    accumulate_indicators (self, table, &layout);
  else
    accumulate (self, table, &layout);
  layout_clear (&layout);
  return self;
}

void
trellis_reml_stats_free (TrellisRemlStats *self)
{
  if (self == NULL)
    return;
  g_free (self->xtx);
  g_free (self->xty);
  g_free (self->count);
  g_free (self->uu);
  g_free (self->us);
  g_free (self->ss);
  g_free (self->a);
  g_free (self->b);
  g_free (self->z);
  g_free (self);
}

/* In place, the lower triangle of @a becomes L with A = L L'; FALSE if A is
 * not positive definite to working precision. */
static gboolean
cholesky (long double *a,
          guint        p)
{
  for (guint j = 0; j < p; j++)
    {
      long double d = a[j * p + j], scale = fabsl (d);

      for (guint k = 0; k < j; k++)
        d -= a[j * p + k] * a[j * p + k];
      /* A pivot that lost all but ~10 digits of its diagonal means a column
       * that is (nearly) a combination of the others. */
      if (!(d > scale * 1e-10L))
        return FALSE;
      d = sqrtl (d);
      a[j * p + j] = d;
      for (guint i = j + 1; i < p; i++)
        {
          long double v = a[i * p + j];

          for (guint k = 0; k < j; k++)
            v -= a[i * p + k] * a[j * p + k];
          a[i * p + j] = v / d;
        }
    }
  return TRUE;
}

gboolean
trellis_reml_evaluate (TrellisRemlStats  *self,
                       double             theta,
                       TrellisRemlPieces *pieces)
{
  guint p = self->p;
  long double gamma = (long double) theta * theta, q = self->yty, r2;

  pieces->logdet_v = 0;
  for (guint a = 0; a < p * p; a++)
    self->a[a] = self->xtx[a];
  for (guint a = 0; a < p; a++)
    self->b[a] = self->xty[a];
  for (guint n = 1; n <= self->max_size; n++)
    {
      long double c;

      if (self->count[n] == 0)
        continue;
      c = gamma / (1 + n * gamma);
      for (guint a = 0; a < p * p; a++)
        self->a[a] -= c * self->uu[n * p * p + a];
      for (guint a = 0; a < p; a++)
        self->b[a] -= c * self->us[n * p + a];
      q -= c * self->ss[n];
      pieces->logdet_v += self->count[n] * log1pl (n * gamma);
    }
  if (!cholesky (self->a, p))
    return FALSE;
  pieces->logdet_a = 0;
  r2 = q;
  for (guint j = 0; j < p; j++)
    {
      long double v = self->b[j];

      for (guint k = 0; k < j; k++)
        v -= self->a[j * p + k] * self->z[k];
      self->z[j] = v / self->a[j * p + j];
      r2 -= self->z[j] * self->z[j];
      pieces->logdet_a += 2 * logl (self->a[j * p + j]);
    }
  pieces->r2 = r2;
  return TRUE;
}

void
trellis_reml_solution (TrellisRemlStats *self,
                       double           *beta,
                       double           *a_inverse)
{
  guint p = self->p;
  g_autofree long double *column = g_new (long double, p);

  /* β = L'⁻¹ z. */
  for (guint j = p; j-- > 0;)
    {
      long double v = self->z[j];

      for (guint k = j + 1; k < p; k++)
        v -= self->a[k * p + j] * column[k];
      column[j] = v / self->a[j * p + j];
    }
  for (guint j = 0; j < p; j++)
    beta[j] = column[j];

  /* A⁻¹ column by column: L w = e_c, then L' x = w. */
  for (guint c = 0; c < p; c++)
    {
      for (guint j = 0; j < p; j++)
        {
          long double v = j == c;

          for (guint k = 0; k < j; k++)
            v -= self->a[j * p + k] * column[k];
          column[j] = v / self->a[j * p + j];
        }
      for (guint j = p; j-- > 0;)
        {
          long double v = column[j];

          for (guint k = j + 1; k < p; k++)
            v -= self->a[k * p + j] * column[k];
          column[j] = v / self->a[j * p + j];
        }
      for (guint j = 0; j < p; j++)
        a_inverse[j * p + c] = column[j];
    }
}

double
trellis_reml_criterion (TrellisRemlStats *self,
                        double            theta)
{
  TrellisRemlPieces pieces;
  long double dof = (long double) self->n_observations - self->p;

  if (!trellis_reml_evaluate (self, theta, &pieces) || !(pieces.r2 > 0))
    return INFINITY;
  return pieces.logdet_v + pieces.logdet_a + dof * (1 + logl (2 * G_PI * pieces.r2 / dof));
}

double
trellis_reml_deviance (TrellisRemlStats *self,
                       double            theta,
                       double            sigma)
{
  TrellisRemlPieces pieces;
  long double dof = (long double) self->n_observations - self->p;
  long double s2 = (long double) sigma * sigma;

  if (!trellis_reml_evaluate (self, theta, &pieces))
    return INFINITY;
  return pieces.logdet_v + pieces.logdet_a + pieces.r2 / s2 + dof * logl (2 * G_PI * s2);
}

void
trellis_reml_da_dtheta (const TrellisRemlStats *self,
                        double                  theta,
                        double                 *s)
{
  guint p = self->p;

  for (guint a = 0; a < p * p; a++)
    s[a] = 0;
  for (guint n = 1; n <= self->max_size; n++)
    {
      double denominator = 1 + n * theta * theta;
      double dc = 2 * theta / (denominator * denominator);

      if (self->count[n] == 0)
        continue;
      for (guint a = 0; a < p * p; a++)
        s[a] += dc * (double) self->uu[n * p * p + a];
    }
}
