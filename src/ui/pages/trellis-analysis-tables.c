/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "trellis-analysis-tables.h"
#include "trellis-results-sentence.h"

static void
clear_grid (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
}

/* The first column names the row and reads left to right; numbers line up
 * on the right, in tabular figures. Takes @text. */
static void
put (GtkGrid  *grid,
     int       column,
     int       row,
     char     *text,
     gboolean  header)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), column == 0 ? 0 : 1);
  gtk_label_set_selectable (GTK_LABEL (label), !header);
  gtk_widget_set_focusable (label, FALSE);
  gtk_widget_set_hexpand (label, column == 0);
  if (header)
    gtk_widget_add_css_class (label, "table-header");
  else if (column > 0)
    gtk_widget_add_css_class (label, "numeric");
  gtk_grid_attach (grid, label, column, row, 1, 1);
  g_free (text);
}

static void
put_header (GtkGrid           *grid,
            const char *const *titles)
{
  for (int column = 0; titles[column] != NULL; column++)
    put (grid, column, 0, g_strdup (titles[column]), TRUE);
}

static char *
p_value (double p)
{
  return trellis_format_cell_p (p, "—");
}

static char *
number (double value,
        int    decimals)
{
  return trellis_format_cell_number (value, decimals, "—");
}

static char *
interval (double low,
          double high)
{
  return trellis_format_cell_interval (low, high, "—");
}

static char *
timepoint_name (const TrellisAnalysis *analysis,
                guint                  t)
{
  return g_strdup_printf ("%s · %s", trellis_analysis_get_timepoint_code (analysis, t),
                          trellis_analysis_get_timepoint_label (analysis, t));
}

void
trellis_analysis_tables_fill_fixed_effects (GtkGrid               *grid,
                                            const TrellisAnalysis *analysis)
{
  const char *titles[] = { _("Term"), "β", _("95% CI"), "SE", "df", "t", "p", "d", NULL };
  const TrellisMixedModel *model = trellis_analysis_get_model (analysis);
  const TrellisFixedEffect *intercept = trellis_mixed_model_get_term (model, 0);
  int row = 1;

  clear_grid (grid);
  put_header (grid, titles);

  /* The intercept is the model's baseline mean, which β is counted from. */
  put (grid, 0, row, g_strdup_printf (_("%s · baseline mean"), trellis_analysis_get_timepoint_code (analysis, 0)),
       FALSE);
  put (grid, 1, row, number (intercept->estimate, 2), FALSE);
  put (grid, 2, row, interval (intercept->ci_low, intercept->ci_high), FALSE);
  put (grid, 3, row, number (intercept->se, 3), FALSE);
  put (grid, 4, row, number (intercept->df, 1), FALSE);
  put (grid, 5, row, number (intercept->t, 2), FALSE);
  put (grid, 6, row, p_value (intercept->p), FALSE);
  put (grid, 7, row, g_strdup (""), FALSE);

  for (guint t = 1; t < trellis_analysis_get_n_timepoints (analysis); t++)
    {
      const TrellisTimepointResult *result = trellis_analysis_get_timepoint (analysis, t);
      const TrellisFixedEffect *effect = result->effect;

      row++;
      put (grid, 0, row, timepoint_name (analysis, t), FALSE);
      if (effect == NULL)
        {
          put (grid, 1, row, g_strdup (_("not estimable: no scores")), FALSE);
          continue;
        }
      put (grid, 1, row, number (effect->estimate, 2), FALSE);
      put (grid, 2, row, interval (effect->ci_low, effect->ci_high), FALSE);
      put (grid, 3, row, number (effect->se, 3), FALSE);
      put (grid, 4, row, number (effect->df, 1), FALSE);
      put (grid, 5, row, number (effect->t, 2), FALSE);
      put (grid, 6, row, p_value (effect->p), FALSE);
      put (grid, 7, row, number (result->d, 2), FALSE);
    }
}

void
trellis_analysis_tables_fill_effect_sizes (GtkGrid               *grid,
                                           const TrellisAnalysis *analysis)
{
  const char *titles[] = { _("Timepoint"), "d", _("n base / here"), _("n paired"), "r", _("Mean change"),
                           _("95% CI"), "d_z", "d_baseline", "d_av", NULL };

  clear_grid (grid);
  put_header (grid, titles);
  for (guint t = 1; t < trellis_analysis_get_n_timepoints (analysis); t++)
    {
      const TrellisTimepointResult *result = trellis_analysis_get_timepoint (analysis, t);
      const TrellisPairedChange *paired = &result->paired;

      put (grid, 0, t, timepoint_name (analysis, t), FALSE);
      put (grid, 1, t, number (result->d, 2), FALSE);
      put (grid, 2, t, g_strdup_printf ("%u / %u", result->n_baseline, result->n), FALSE);
      put (grid, 3, t, g_strdup_printf ("%u", paired->n), FALSE);
      put (grid, 4, t, number (paired->r, 2), FALSE);
      put (grid, 5, t, number (paired->mean_change, 2), FALSE);
      put (grid, 6, t, interval (paired->ci_low, paired->ci_high), FALSE);
      put (grid, 7, t, number (paired->d_z, 2), FALSE);
      put (grid, 8, t, number (paired->d_baseline, 2), FALSE);
      put (grid, 9, t, number (paired->d_av, 2), FALSE);
    }
}

void
trellis_analysis_tables_fill_descriptives (GtkGrid        *grid,
                                           TrellisOutcome *outcome,
                                           gboolean        by_cohort)
{
  const char *titles[] = { _("Timepoint"), "n", _("Mean"), "SD", _("95% CI"), NULL };
  const TrellisScoreTable *scores = outcome->scores;
  int row = 0;

  clear_grid (grid);
  put_header (grid, titles);
  for (int cohort = TRELLIS_DESCRIPTIVES_ALL; cohort < (by_cohort ? (int) scores->n_cohorts : 0); cohort++)
    for (guint t = 0; t < scores->n_timepoints; t++)
      {
        const TrellisDescriptive *cell = trellis_descriptives_get (outcome->descriptives, cohort, t);

        row++;
        if (cohort == TRELLIS_DESCRIPTIVES_ALL)
          put (grid, 0, row, g_strdup_printf ("%s · %s", scores->timepoint_codes[t], scores->timepoint_labels[t]),
               FALSE);
        else
          put (grid, 0, row, g_strdup_printf ("%s · %s", scores->timepoint_codes[t], scores->cohort_names[cohort]),
               FALSE);
        put (grid, 1, row, g_strdup_printf ("%u", cell->n), FALSE);
        put (grid, 2, row, number (cell->mean, 2), FALSE);
        put (grid, 3, row, number (cell->sd, 2), FALSE);
        put (grid, 4, row, interval (cell->ci_low, cell->ci_high), FALSE);
      }
}

char *
trellis_analysis_tables_describe_model (const TrellisAnalysis *analysis)
{
  const TrellisMixedModel *model = trellis_analysis_get_model (analysis);
  double between = trellis_mixed_model_get_participant_variance (model);
  double residual = trellis_mixed_model_get_residual_variance (model);
  g_autofree char *between_text = number (between, 3);
  g_autofree char *residual_text = number (residual, 3);
  g_autofree char *log_likelihood = number (trellis_mixed_model_get_reml_log_likelihood (model), 2);
  g_autofree char *text = NULL;

  /* Translators: the mixed model's other numbers under its table: the
   * variance between participants, the residual variance, the REML
   * log-likelihood, and how many participants and scores it was fitted to. */
  text = g_strdup_printf (_("Linear mixed model, score ~ timepoint + (1 | participant), fitted by REML with "
                            "Satterthwaite degrees of freedom. Variance between participants %s, residual %s; "
                            "REML log-likelihood %s; %u participants, %u scores."),
                          between_text, residual_text, log_likelihood,
                          trellis_mixed_model_get_n_participants (model),
                          trellis_mixed_model_get_n_observations (model));
  if (trellis_mixed_model_is_singular (model))
    return g_strconcat (text, " ", _("Boundary (singular) fit: the variance between participants is "
                                     "estimated as 0."), NULL);
  return g_steal_pointer (&text);
}

char *
trellis_analysis_tables_describe_effects (void)
{
  GString *text = g_string_new (NULL);

  for (TrellisEffectSizeKind kind = TRELLIS_D_POOLED; kind <= TRELLIS_D_AV; kind++)
    g_string_append_printf (text, "%s%s.", kind == TRELLIS_D_POOLED ? "" : " ",
                            trellis_effect_size_kind_describe (kind));
  return g_string_free (text, FALSE);
}
