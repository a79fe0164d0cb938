/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include <glib/gi18n.h>
#include <gsl/gsl_cdf.h>

#include "trellis-effect-size.h"

const char *
trellis_effect_size_kind_to_string (TrellisEffectSizeKind kind)
{
  switch (kind)
    {
    case TRELLIS_D_POOLED:
      return "d";
    case TRELLIS_D_Z:
      return "d_z";
    case TRELLIS_D_BASELINE:
      return "d_baseline";
    case TRELLIS_D_AV:
      return "d_av";
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
trellis_effect_size_kind_describe (TrellisEffectSizeKind kind)
{
  switch (kind)
    {
    case TRELLIS_D_POOLED:
      return _("d is Cohen’s d: the model’s β divided by the pooled SD of the observed scores "
               "at baseline and at that timepoint");
    case TRELLIS_D_Z:
      return _("d_z is the mean change of the participants with both scores divided by the SD of their change");
    case TRELLIS_D_BASELINE:
      return _("d_baseline is the mean change of the participants with both scores divided by their SD at baseline");
    case TRELLIS_D_AV:
      return _("d_av is the mean change of the participants with both scores divided by the average "
               "of their SDs before and after");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Two passes over the completers: means, then centred cross-products. Each
 * participant's scores are in timepoint order, so the baseline, if any, is
 * their first. */
void
trellis_paired_summary_from_table (const TrellisScoreTable *table,
                                   guint                    timepoint,
                                   TrellisPairedSummary    *summary)
{
  double sum_pre = 0, sum_post = 0, mean_pre = 0, mean_post = 0, spp = 0, sqq = 0, spq = 0;
  guint n = 0;

  g_return_if_fail (table != NULL && summary != NULL);
  g_return_if_fail (timepoint > 0 && timepoint < table->n_timepoints);

  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < table->n_participants; i++)
      {
        guint32 first = table->first[i], end = table->first[i + 1];
        double pre, post;

        /* Between the passes, the sums become means. */
        if (pass == 1 && i == 0 && n > 0)
          mean_pre = sum_pre / n, mean_post = sum_post / n;

        if (first == end || table->timepoint[first] != 0)
          continue;
        pre = table->value[first];
        for (guint32 o = first + 1; o < end; o++)
          if (table->timepoint[o] == timepoint)
            {
              post = table->value[o];
              if (pass == 0)
                {
                  n++;
                  sum_pre += pre;
                  sum_post += post;
                }
              else
                {
                  double a = pre - mean_pre, b = post - mean_post;

                  spp += a * a;
                  sqq += b * b;
                  spq += a * b;
                }
              break;
            }
      }
  summary->n = n;
  summary->mean_pre = n > 0 ? mean_pre : NAN;
  summary->mean_post = n > 0 ? mean_post : NAN;
  summary->sd_pre = n > 1 ? sqrt (spp / (n - 1)) : NAN;
  summary->sd_post = n > 1 ? sqrt (sqq / (n - 1)) : NAN;
  summary->r = n > 1 && spp > 0 && sqq > 0 ? spq / sqrt (spp * sqq) : NAN;
}

void
trellis_paired_change_from_summary (const TrellisPairedSummary *s,
                                    TrellisPairedChange        *change)
{
  double variance;

  g_return_if_fail (s != NULL && change != NULL);

  change->n = s->n;
  change->r = s->r;
  change->mean_change = s->n > 0 ? s->mean_post - s->mean_pre : NAN;
  change->df = s->n > 1 ? s->n - 1 : NAN;
  /* Var(post − pre); with no spread on one side r is undefined, but the
   * change's variance is then simply the other side's. */
  variance = s->sd_pre * s->sd_pre + s->sd_post * s->sd_post;
  if (s->sd_pre > 0 && s->sd_post > 0)
    variance -= 2 * s->r * s->sd_pre * s->sd_post;
  change->sd_change = s->n > 1 ? sqrt (MAX (variance, 0)) : NAN;
  change->d_z = change->sd_change > 0 ? change->mean_change / change->sd_change : NAN;
  change->d_baseline = s->sd_pre > 0 ? change->mean_change / s->sd_pre : NAN;
  change->d_av = s->sd_pre + s->sd_post > 0 ? change->mean_change / ((s->sd_pre + s->sd_post) / 2) : NAN;
  change->t = change->p = change->ci_low = change->ci_high = NAN;
  if (change->sd_change > 0)
    {
      double se = change->sd_change / sqrt (s->n), q = gsl_cdf_tdist_Qinv (0.025, change->df);

      change->t = change->mean_change / se;
      change->p = 2 * gsl_cdf_tdist_Q (fabs (change->t), change->df);
      change->ci_low = change->mean_change - q * se;
      change->ci_high = change->mean_change + q * se;
    }
}

double
trellis_effect_size_pooled_sd (guint  n1,
                               double sd1,
                               guint  n2,
                               double sd2)
{
  double sum = 0;

  if (n1 + n2 <= 2)
    return NAN;
  if (n1 > 1)
    sum += (n1 - 1) * sd1 * sd1;
  if (n2 > 1)
    sum += (n2 - 1) * sd2 * sd2;
  return sqrt (sum / (n1 + n2 - 2));
}

double
trellis_effect_size_pooled_d (double change,
                              guint  n1,
                              double sd1,
                              guint  n2,
                              double sd2)
{
  double sd = trellis_effect_size_pooled_sd (n1, sd1, n2, sd2);

  return sd > 0 ? change / sd : NAN;
}
