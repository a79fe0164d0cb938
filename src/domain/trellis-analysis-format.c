/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "trellis-analysis-format.h"
#include "trellis-results-sentence.h"

/* A plain-text table: cells of rows, columns as wide as their widest cell
 * in characters (a minus sign or dash is one character and three bytes), the
 * first @n_left columns to the left and the numbers to the right. */
typedef struct
{
  GPtrArray *rows;      /* GPtrArray of char * */
  guint n_left;
} TextTable;

static void
text_table_init (TextTable *table,
                 guint      n_left)
{
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  table->n_left = n_left;
}

/* Takes the cells, NULL-terminated. */
static void
text_table_add (TextTable *table,
                ...)
{
  GPtrArray *row = g_ptr_array_new_with_free_func (g_free);
  va_list args;
  char *cell;

  va_start (args, table);
  while ((cell = va_arg (args, char *)) != NULL)
    g_ptr_array_add (row, cell);
  va_end (args);
  g_ptr_array_add (table->rows, row);
}

static void
text_table_write (TextTable *table,
                  GString   *out)
{
  g_autofree guint *widths = g_new0 (guint, 32);

  for (guint r = 0; r < table->rows->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (table->rows, r);

      for (guint c = 0; c < row->len && c < 32; c++)
        widths[c] = MAX (widths[c], g_utf8_strlen (g_ptr_array_index (row, c), -1));
    }
  for (guint r = 0; r < table->rows->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (table->rows, r);
      GString *line = g_string_new ("  ");

      for (guint c = 0; c < row->len && c < 32; c++)
        {
          const char *cell = g_ptr_array_index (row, c);
          guint pad = widths[c] - g_utf8_strlen (cell, -1);

          if (c > 0)
            g_string_append (line, "  ");
          if (c >= table->n_left)
            for (guint k = 0; k < pad; k++)
              g_string_append_c (line, ' ');
          g_string_append (line, cell);
          if (c < table->n_left)
            for (guint k = 0; k < pad; k++)
              g_string_append_c (line, ' ');
        }
      g_strchomp (line->str);
      g_string_append (out, line->str);
      g_string_append_c (out, '\n');
      g_string_free (line, TRUE);
    }
  g_ptr_array_unref (table->rows);
}

static char *
number (double value,
        int    decimals)
{
  return trellis_format_cell_number (value, decimals, "NA");
}

static char *
interval (double low,
          double high)
{
  return trellis_format_cell_interval (low, high, "NA");
}

static char *
p_value (double p)
{
  return trellis_format_cell_p (p, "NA");
}

static void
write_descriptives (const TrellisAnalysis *self,
                    int                    cohort,
                    GString               *out)
{
  const TrellisDescriptives *descriptives = trellis_analysis_get_descriptives (self);
  TextTable table;

  text_table_init (&table, 2);
  text_table_add (&table, g_strdup (_("Timepoint")), g_strdup (_("Label")), g_strdup ("n"), g_strdup (_("Mean")),
                  /* "95% CI" is not a printf format, so a translation may write "95-%-KI": xgettext:no-c-format */
                  g_strdup ("SD"), g_strdup (_("95% CI")), NULL);
  for (guint t = 0; t < trellis_analysis_get_n_timepoints (self); t++)
    {
      const TrellisDescriptive *cell = trellis_descriptives_get (descriptives, cohort, t);

      text_table_add (&table, g_strdup (trellis_analysis_get_timepoint_code (self, t)),
                      g_strdup (trellis_analysis_get_timepoint_label (self, t)),
                      g_strdup_printf ("%u", cell->n), number (cell->mean, 2), number (cell->sd, 2),
                      interval (cell->ci_low, cell->ci_high), NULL);
    }
  text_table_write (&table, out);
}

static void
write_fixed_effects (const TrellisAnalysis *self,
                     GString               *out)
{
  const TrellisMixedModel *model = trellis_analysis_get_model (self);
  TextTable table;

  text_table_init (&table, 1);
  text_table_add (&table, g_strdup (_("Term")), g_strdup (_("Estimate")), g_strdup ("SE"), g_strdup ("df"),
                  g_strdup ("t"), g_strdup ("p"), g_strdup (_("95% CI")), NULL);
  for (guint j = 0; j < trellis_mixed_model_get_n_terms (model); j++)
    {
      const TrellisFixedEffect *term = trellis_mixed_model_get_term (model, j);

      text_table_add (&table, g_strdup (term->name), number (term->estimate, 3), number (term->se, 3),
                      number (term->df, 2), number (term->t, 2), p_value (term->p),
                      interval (term->ci_low, term->ci_high), NULL);
    }
  for (guint t = 1; t < trellis_analysis_get_n_timepoints (self); t++)
    if (trellis_analysis_get_timepoint (self, t)->effect == NULL)
      text_table_add (&table, g_strdup (trellis_analysis_get_timepoint_code (self, t)),
                      g_strdup (_("not estimable: no scores")), NULL);
  text_table_write (&table, out);
}

static void
write_random_effects (const TrellisAnalysis *self,
                      GString               *out)
{
  const TrellisMixedModel *model = trellis_analysis_get_model (self);
  double between = trellis_mixed_model_get_participant_variance (model);
  double residual = trellis_mixed_model_get_residual_variance (model);
  g_autofree char *criterion = number (trellis_mixed_model_get_reml_criterion (model), 3);
  g_autofree char *log_likelihood = number (trellis_mixed_model_get_reml_log_likelihood (model), 3);
  TextTable table;

  text_table_init (&table, 1);
  text_table_add (&table, g_strdup (_("Component")), g_strdup (_("Variance")), g_strdup ("SD"), NULL);
  text_table_add (&table, g_strdup (_("Participant (intercept)")), number (between, 4), number (sqrt (between), 4), NULL);
  text_table_add (&table, g_strdup (_("Residual")), number (residual, 4), number (sqrt (residual), 4), NULL);
  text_table_write (&table, out);
  g_string_append_printf (out, _("  REML criterion %s (log-likelihood %s); %u participants, %u scores\n"),
                          criterion, log_likelihood, trellis_mixed_model_get_n_participants (model),
                          trellis_mixed_model_get_n_observations (model));
  if (trellis_mixed_model_is_singular (model))
    g_string_append (out, _("  Boundary (singular) fit: the participants’ variance is estimated as 0, "
                            "so the fixed effects are those of ordinary least squares.\n"));
}

/* "4.60(32)" */
static char *
t_with_df (double t,
           double df)
{
  g_autofree char *text = number (t, 2);

  if (!isfinite (t))
    return g_strdup ("NA");
  return g_strdup_printf ("%s(%u)", text, (guint) df);
}

static void
write_effect_sizes (const TrellisAnalysis *self,
                    GString               *out)
{
  TextTable table;

  text_table_init (&table, 1);
  text_table_add (&table, g_strdup (_("Timepoint")), g_strdup ("d"), g_strdup (_("n (base/here)")),
                  g_strdup (_("n paired")), g_strdup ("r"), g_strdup (_("Mean change")), g_strdup (_("95% CI")),
                  g_strdup ("t"), g_strdup ("p"), g_strdup ("d_z"), g_strdup ("d_baseline"), g_strdup ("d_av"), NULL);
  for (guint t = 1; t < trellis_analysis_get_n_timepoints (self); t++)
    {
      const TrellisTimepointResult *result = trellis_analysis_get_timepoint (self, t);
      const TrellisPairedChange *paired = &result->paired;

      text_table_add (&table, g_strdup (trellis_analysis_get_timepoint_code (self, t)), number (result->d, 2),
                      g_strdup_printf ("%u/%u", result->n_baseline, result->n), g_strdup_printf ("%u", paired->n),
                      number (paired->r, 2), number (paired->mean_change, 3),
                      interval (paired->ci_low, paired->ci_high),
                      t_with_df (paired->t, paired->df),
                      p_value (paired->p), number (paired->d_z, 2), number (paired->d_baseline, 2),
                      number (paired->d_av, 2), NULL);
    }
  text_table_write (&table, out);
  for (TrellisEffectSizeKind kind = TRELLIS_D_POOLED; kind <= TRELLIS_D_AV; kind++)
    g_string_append_printf (out, "  %s.\n", trellis_effect_size_kind_describe (kind));
  g_string_append (out, _("  Mean change, its CI, t and p are the paired t test of the participants with both scores.\n"));
}

char *
trellis_analysis_format_text (const TrellisAnalysis      *self,
                              TrellisAnalysisFormatFlags  flags)
{
  GString *out;

  g_return_val_if_fail (self != NULL, NULL);

  out = g_string_new (NULL);
  g_string_append_printf (out, _("%s: %u participants\n\n"), trellis_analysis_get_outcome_name (self),
                          trellis_analysis_get_n_participants (self));
  g_string_append (out, _("Descriptives\n"));
  write_descriptives (self, TRELLIS_DESCRIPTIVES_ALL, out);
  if (flags & TRELLIS_ANALYSIS_FORMAT_BY_COHORT)
    for (guint c = 0; c < trellis_analysis_get_n_cohorts (self); c++)
      {
        g_string_append_printf (out, _("\nDescriptives: %s\n"), trellis_analysis_get_cohort_name (self, c));
        write_descriptives (self, c, out);
      }
  g_string_append (out, _("\nFixed effects (REML; Satterthwaite df; change from baseline)\n"));
  write_fixed_effects (self, out);
  g_string_append (out, _("\nRandom effects\n"));
  write_random_effects (self, out);
  g_string_append (out, _("\nEffect sizes against baseline\n"));
  write_effect_sizes (self, out);
  g_string_append_printf (out, "\n%s\n", trellis_analysis_get_sentence (self));
  return g_string_free (out, FALSE);
}

/* Full precision, locale-free, "NA" for what is undefined. */
static void
append_csv_number (GString *out,
                   double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_c (out, ',');
  g_string_append (out, isfinite (value) ? g_ascii_formatd (buffer, sizeof buffer, "%.15g", value) : "NA");
}

static void
append_csv_text (GString    *out,
                 const char *text)
{
  g_autoptr(GString) quoted = g_string_new (text);

  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }
  g_string_replace (quoted, "\"", "\"\"", 0);
  g_string_append_printf (out, "\"%s\"", quoted->str);
}

char *
trellis_analysis_format_csv (const TrellisAnalysis      *self,
                             TrellisAnalysisFormatFlags  flags)
{
  const TrellisMixedModel *model;
  GString *out;

  g_return_val_if_fail (self != NULL, NULL);

  model = trellis_analysis_get_model (self);
  out = g_string_new ("term,estimate,se,df,t,p,ci_low,ci_high\n");
  for (guint j = 0; j < trellis_mixed_model_get_n_terms (model); j++)
    {
      const TrellisFixedEffect *term = trellis_mixed_model_get_term (model, j);

      append_csv_text (out, term->name);
      append_csv_number (out, term->estimate);
      append_csv_number (out, term->se);
      append_csv_number (out, term->df);
      append_csv_number (out, term->t);
      append_csv_number (out, term->p);
      append_csv_number (out, term->ci_low);
      append_csv_number (out, term->ci_high);
      g_string_append_c (out, '\n');
    }
  for (guint t = 1; t < trellis_analysis_get_n_timepoints (self); t++)
    if (trellis_analysis_get_timepoint (self, t)->effect == NULL)
      {
        append_csv_text (out, trellis_analysis_get_timepoint_code (self, t));
        g_string_append (out, ",NA,NA,NA,NA,NA,NA,NA\n");
      }
  g_string_append (out, "var(participant)");
  append_csv_number (out, trellis_mixed_model_get_participant_variance (model));
  g_string_append (out, ",NA,NA,NA,NA,NA,NA\nvar(residual)");
  append_csv_number (out, trellis_mixed_model_get_residual_variance (model));
  g_string_append (out, ",NA,NA,NA,NA,NA,NA\n");
  return g_string_free (out, FALSE);
}

static void
append_json_string (GString    *out,
                    const char *text)
{
  g_string_append_c (out, '"');
  for (const char *c = text; *c != '\0'; c++)
    switch (*c)
      {
      case '"':
        g_string_append (out, "\\\"");
        break;
      case '\\':
        g_string_append (out, "\\\\");
        break;
      case '\n':
        g_string_append (out, "\\n");
        break;
      case '\t':
        g_string_append (out, "\\t");
        break;
      case '\r':
        g_string_append (out, "\\r");
        break;
      default:
        if ((guchar) *c < 0x20)
          g_string_append_printf (out, "\\u%04x", (guint) (guchar) *c);
        else
          g_string_append_c (out, *c);
      }
  g_string_append_c (out, '"');
}

static void
append_json_number (GString *out,
                    double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (out, isfinite (value) ? g_ascii_formatd (buffer, sizeof buffer, "%.15g", value) : "null");
}

/* "key": value pairs of numbers, as ", \"a\": 1, \"b\": 2". */
static void
append_json_numbers (GString    *out,
                     const char *first_key,
                     ...)
{
  va_list args;
  const char *key = first_key;

  va_start (args, first_key);
  for (; key != NULL; key = va_arg (args, const char *))
    {
      g_string_append_printf (out, ", \"%s\": ", key);
      append_json_number (out, va_arg (args, double));
    }
  va_end (args);
}

static void
append_json_descriptives (const TrellisAnalysis *self,
                          int                    cohort,
                          GString               *out)
{
  const TrellisDescriptives *descriptives = trellis_analysis_get_descriptives (self);

  for (guint t = 0; t < trellis_analysis_get_n_timepoints (self); t++)
    {
      const TrellisDescriptive *cell = trellis_descriptives_get (descriptives, cohort, t);

      g_string_append (out, out->str[out->len - 1] == '[' ? "\n    {" : ",\n    {");
      g_string_append (out, "\"timepoint\": ");
      append_json_string (out, trellis_analysis_get_timepoint_code (self, t));
      g_string_append (out, ", \"cohort\": ");
      if (cohort == TRELLIS_DESCRIPTIVES_ALL)
        g_string_append (out, "null");
      else
        append_json_string (out, trellis_analysis_get_cohort_name (self, cohort));
      g_string_append_printf (out, ", \"n\": %u", cell->n);
      append_json_numbers (out, "mean", cell->mean, "sd", cell->sd, "ci_low", cell->ci_low,
                           "ci_high", cell->ci_high, NULL);
      g_string_append_c (out, '}');
    }
}

static void
append_json_effect (GString                  *out,
                    const char               *name,
                    const TrellisFixedEffect *term)
{
  g_string_append (out, "{\"term\": ");
  append_json_string (out, name);
  if (term == NULL)
    g_string_append (out, ", \"estimable\": false");
  else
    append_json_numbers (out, "estimate", term->estimate, "se", term->se, "df", term->df, "t", term->t,
                         "p", term->p, "ci_low", term->ci_low, "ci_high", term->ci_high, NULL);
  g_string_append_c (out, '}');
}

static void
append_json_effect_sizes (const TrellisAnalysis *self,
                          GString               *out)
{
  for (guint t = 1; t < trellis_analysis_get_n_timepoints (self); t++)
    {
      const TrellisTimepointResult *result = trellis_analysis_get_timepoint (self, t);
      const TrellisPairedChange *paired = &result->paired;

      g_string_append (out, t == 1 ? "\n    {" : ",\n    {");
      g_string_append (out, "\"timepoint\": ");
      append_json_string (out, trellis_analysis_get_timepoint_code (self, t));
      g_string_append (out, ", \"d_kind\": \"pooled SD of baseline and timepoint\"");
      append_json_numbers (out, "d", result->d, "pooled_sd", result->pooled_sd, NULL);
      g_string_append_printf (out, ", \"n_baseline\": %u, \"n\": %u, \"paired\": {\"n\": %u",
                              result->n_baseline, result->n, paired->n);
      append_json_numbers (out, "r", paired->r, "mean_change", paired->mean_change, "sd_change", paired->sd_change,
                           "t", paired->t, "df", paired->df, "p", paired->p, "ci_low", paired->ci_low,
                           "ci_high", paired->ci_high, "d_z", paired->d_z, "d_baseline", paired->d_baseline,
                           "d_av", paired->d_av, NULL);
      g_string_append (out, "}, \"annotation\": ");
      if (result->annotation != NULL)
        append_json_string (out, result->annotation);
      else
        g_string_append (out, "null");
      g_string_append_c (out, '}');
    }
}

char *
trellis_analysis_format_json (const TrellisAnalysis      *self,
                              TrellisAnalysisFormatFlags  flags)
{
  const TrellisMixedModel *model;
  GString *out;

  g_return_val_if_fail (self != NULL, NULL);

  model = trellis_analysis_get_model (self);
  out = g_string_new ("{\n  \"outcome\": ");
  append_json_string (out, trellis_analysis_get_outcome_name (self));
  g_string_append_printf (out, ",\n  \"participants\": %u,\n  \"participants_with_scores\": %u,\n"
                          "  \"observations\": %u,\n  \"descriptives\": [",
                          trellis_analysis_get_n_participants (self), trellis_mixed_model_get_n_participants (model),
                          trellis_mixed_model_get_n_observations (model));
  append_json_descriptives (self, TRELLIS_DESCRIPTIVES_ALL, out);
  if (flags & TRELLIS_ANALYSIS_FORMAT_BY_COHORT)
    for (guint c = 0; c < trellis_analysis_get_n_cohorts (self); c++)
      append_json_descriptives (self, c, out);
  g_string_append (out, "\n  ],\n  \"model\": \"score ~ timepoint + (1 | participant), REML, Satterthwaite df\",\n"
                   "  \"fixed_effects\": [");
  for (guint j = 0; j < trellis_mixed_model_get_n_terms (model); j++)
    {
      const TrellisFixedEffect *term = trellis_mixed_model_get_term (model, j);

      g_string_append (out, j == 0 ? "\n    " : ",\n    ");
      append_json_effect (out, term->name, term);
    }
  for (guint t = 1; t < trellis_analysis_get_n_timepoints (self); t++)
    if (trellis_analysis_get_timepoint (self, t)->effect == NULL)
      {
        g_string_append (out, ",\n    ");
        append_json_effect (out, trellis_analysis_get_timepoint_code (self, t), NULL);
      }
  g_string_append (out, "\n  ],\n  \"variance_components\": {\"participant\": ");
  append_json_number (out, trellis_mixed_model_get_participant_variance (model));
  g_string_append (out, ", \"residual\": ");
  append_json_number (out, trellis_mixed_model_get_residual_variance (model));
  g_string_append (out, "},\n  \"theta\": ");
  append_json_number (out, trellis_mixed_model_get_theta (model));
  g_string_append (out, ",\n  \"reml_criterion\": ");
  append_json_number (out, trellis_mixed_model_get_reml_criterion (model));
  g_string_append (out, ",\n  \"reml_log_likelihood\": ");
  append_json_number (out, trellis_mixed_model_get_reml_log_likelihood (model));
  g_string_append_printf (out, ",\n  \"singular\": %s,\n  \"effect_sizes\": [",
                          trellis_mixed_model_is_singular (model) ? "true" : "false");
  append_json_effect_sizes (self, out);
  g_string_append (out, "\n  ],\n  \"sentence\": ");
  append_json_string (out, trellis_analysis_get_sentence (self));
  g_string_append (out, "\n}\n");
  return g_string_free (out, FALSE);
}
