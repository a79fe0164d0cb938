/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-csv-writer.h"
#include "trellis-database-private.h"
#include "trellis-response-export-private.h"
#include "trellis-storage-error.h"
#include "trellis-timepoint-store.h"

/* The codebook beside a response export: a row per variable of the wide
 * file (the long file holds the same items, named by its instrument and
 * item columns): variable, label, type, min, max, values (the labelled
 * options, a test question's correct answer, a score's bands), reverse,
 * instrument and scoring rule (which says how a score imported without
 * its items appears). Labels are the study's own words; the
 * scoring rule is described in the language Trellis runs in. */

static const char *const header[] = {
  "variable", "label", "type", "min", "max", "values", "reverse", "instrument", "scoring_rule",
};

#define N_CELLS G_N_ELEMENTS (header)

static void
append_row (GString    *out,
            const char *variable,
            const char *label,
            const char *type,
            const char *values)
{
  const char *cells[N_CELLS] = { variable, label, type, NULL, NULL, values, NULL, NULL, NULL };

  trellis_csv_append_row (out, cells, N_CELLS);
}

/* "T1 = Baseline; T2 = After the workshop; …" */
static char *
timepoint_values (TrellisDatabase  *db,
                  GError          **error)
{
  g_autoptr(GPtrArray) plan = trellis_timepoint_store_load (db, error);
  GString *text;

  if (plan == NULL)
    return NULL;
  text = g_string_new (NULL);
  for (guint i = 0; i < plan->len; i++)
    g_string_append_printf (text, "%s%s = %s", i > 0 ? "; " : "", trellis_timepoint_get_code (plan->pdata[i]),
                            trellis_timepoint_get_label (plan->pdata[i]));
  return g_string_free (text, FALSE);
}

/* "1 = Strongly disagree; 2 = Disagree; …", and a test question's answer. */
static char *
item_values (TrellisItem *item)
{
  const char *const *choices = trellis_item_get_choices (item);
  GString *text = g_string_new (NULL);

  for (guint i = 0; choices != NULL && choices[i] != NULL; i++)
    g_string_append_printf (text, "%s%d = %s", i > 0 ? "; " : "", trellis_item_get_min (item) + (int) i,
                            choices[i]);
  if (trellis_item_get_kind (item) == TRELLIS_ITEM_CORRECT)
    g_string_append_printf (text, _("%scorrect answer: %d"), text->len > 0 ? "; " : "",
                            trellis_item_get_correct (item));
  return g_string_free (text, FALSE);
}

static void
append_item (GString           *out,
             TrellisInstrument *instrument,
             TrellisItem       *item)
{
  const char *code = trellis_instrument_get_code (instrument);
  g_autofree char *variable = g_strdup_printf ("%s_%s", code, trellis_item_get_code (item));
  g_autofree char *min = g_strdup_printf ("%d", trellis_item_get_min (item));
  g_autofree char *max = g_strdup_printf ("%d", trellis_item_get_max (item));
  g_autofree char *values = item_values (item);
  const char *cells[N_CELLS] = {
    variable, trellis_item_get_text (item), trellis_item_kind_to_string (trellis_item_get_kind (item)), min, max,
    values, trellis_item_get_reverse (item) ? "yes" : "no", code, NULL,
  };

  trellis_csv_append_row (out, cells, N_CELLS);
}

static void
append_score (GString           *out,
              TrellisInstrument *instrument)
{
  const char *code = trellis_instrument_get_code (instrument);
  g_autofree char *variable = g_strdup_printf ("%s_score", code);
  g_autofree char *label = g_strdup_printf (_("%s score"), trellis_instrument_get_label (instrument));
  g_autofree char *bands = trellis_instrument_bands_to_text (instrument);
  g_autofree char *rule_text = NULL;
  char min[G_ASCII_DTOSTR_BUF_SIZE], max[G_ASCII_DTOSTR_BUF_SIZE];
  TrellisScoringRule rule;
  double low, high;
  const char *cells[N_CELLS] = { variable, label, "numeric", min, max, bands, NULL, code, NULL };

  guint n_items;
  const TrellisItemSpec *specs = trellis_instrument_get_specs (instrument, &n_items);
  g_autofree char *described = NULL;

  trellis_instrument_get_rule (instrument, &rule);
  described = trellis_scoring_rule_describe (&rule, n_items);
  /* A reader of the files meets scores with no items, and needs to know why. */
  rule_text = g_strdup_printf (_("%s. A score imported without its items has no item values: in the long "
                                 "file it is a row with an empty item and the score as its value."), described);
  cells[8] = rule_text;
  trellis_scoring_range (&rule, specs, n_items, &low, &high);
  g_ascii_formatd (min, sizeof min, "%g", low);
  g_ascii_formatd (max, sizeof max, "%g", high);
  trellis_csv_append_row (out, cells, N_CELLS);
}

static gboolean
write_file (const char  *path,
            GString     *text,
            GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *shown = NULL;

  if (g_file_set_contents_full (path, text->str, text->len,
                                G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE, 0644, &local_error))
    return TRUE;
  shown = g_filename_display_name (path);
  g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_IO,
               _("Could not write the codebook “%s”: %s"), shown, local_error->message);
  return FALSE;
}

gboolean
trellis_response_codebook_write (TrellisDatabase  *db,
                                 GPtrArray        *instruments,
                                 const char       *path,
                                 GError          **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *timepoints = timepoint_values (db, error);

  if (timepoints == NULL)
    return FALSE;
  trellis_csv_append_row (out, header, N_CELLS);
  append_row (out, "participant", _("Study code (pseudonymous)"), "text", NULL);
  append_row (out, "cohort", _("Cohort"), "text", NULL);
  append_row (out, "timepoint", _("Timepoint"), "text", timepoints);
  append_row (out, "completed_date", _("Date the questionnaires were completed"), "date (YYYY-MM-DD)", NULL);
  for (guint i = 0; i < instruments->len; i++)
    {
      GPtrArray *items = trellis_instrument_get_items (instruments->pdata[i]);

      for (guint j = 0; j < items->len; j++)
        append_item (out, instruments->pdata[i], items->pdata[j]);
      append_score (out, instruments->pdata[i]);
    }
  return write_file (path, out, error);
}
