/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "trellis-csv-writer.h"
#include "trellis-database-private.h"
#include "trellis-instrument-store.h"
#include "trellis-response-export.h"
#include "trellis-response-export-private.h"
#include "trellis-response-import-private.h"

/* Item responses out, de-identified (study codes, never names), for
 * analysis in R, SPSS or a spreadsheet:
 *
 * Long: a row per answered item: participant, cohort, timepoint,
 * completed_date, instrument, item, value. A score that was imported in
 * place of items is a row with an empty item and the score as its value.
 * It imports back as it is.
 *
 * Wide: a row per completed timepoint: participant, cohort, timepoint,
 * completed_date, then for each instrument in order its items, named
 * INSTRUMENT_ITEM (BRS_BRS1), and INSTRUMENT_score. Names that do not
 * change when an instrument is added keep analysis scripts working; an
 * unanswered item, or a score missing by the missing-item rule, is an empty
 * cell. It imports back too: the import reads a score column only where
 * the row has none of the instrument's items, which is where the score was
 * imported in place of them.
 *
 * Scores, beside either: a row per answer sheet: participant, cohort,
 * timepoint, completed_date, instrument, score, answered, rule_version,
 * band.
 *
 * Rows are in participant code, timepoint and instrument order. Text cells
 * a spreadsheet would run as a formula start with an apostrophe (see
 * trellis-csv-writer.c); numbers are written as they are. Each file is
 * written beside its target and renamed over it once complete, so an
 * export is never left half-written. */

static const char select_sql[] =
  "SELECT v.id, p.code, c.name, t.code, v.completed_date, s.instrument_id, s.answers, s.score, s.answered,"
  " s.rule_version"
  " FROM visit AS v JOIN participant AS p ON p.id = v.participant_id"
  " LEFT JOIN cohort AS c ON c.id = p.cohort_id"
  " JOIN timepoint_def AS t ON t.id = v.timepoint_id"
  " LEFT JOIN answer_sheet AS s ON s.visit_id = v.id"
  " LEFT JOIN instrument AS i ON i.id = s.instrument_id"
  " WHERE v.missed = 0"
  " ORDER BY p.code, t.position, v.id, i.position";

enum
{
  COL_VISIT, COL_PARTICIPANT, COL_COHORT, COL_TIMEPOINT, COL_COMPLETED, COL_INSTRUMENT, COL_ANSWERS,
  COL_SCORE, COL_ANSWERED, COL_RULE_VERSION,
};

static const char *const long_header[] = {
  "participant", "cohort", "timepoint", "completed_date", "instrument", "item", "value",
};
static const char *const scores_header[] = {
  "participant", "cohort", "timepoint", "completed_date", "instrument", "score", "answered", "rule_version",
  "band",
};

typedef struct
{
  TrellisDatabase *db;
  const TrellisResponseExportOptions *options;
  GPtrArray *instruments;          /* TrellisInstrument, in order */
  TrellisResponseSink answers;
  TrellisResponseSink scores;
  int *values;                     /* one visit's answers, all instruments, for the wide form */
  guint n_values;
  gboolean *answered;              /* for each instrument, whether the visit has its sheet */
  double *sheet_scores;            /* its score, NAN if missing */
  gint64 visit_id;                 /* the visit in values, 0 for none */
  char *visit_cells[4];            /* its participant, cohort, timepoint and date */
  TrellisResponseExportResult result;
} Export;

static void
export_clear (Export *export)
{
  trellis_response_sink_clear (&export->answers);
  trellis_response_sink_clear (&export->scores);
  g_clear_pointer (&export->instruments, g_ptr_array_unref);
  g_clear_pointer (&export->values, g_free);
  g_clear_pointer (&export->answered, g_free);
  g_clear_pointer (&export->sheet_scores, g_free);
  for (guint i = 0; i < G_N_ELEMENTS (export->visit_cells); i++)
    g_clear_pointer (&export->visit_cells[i], g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Export, export_clear)

/* ---- Cells ---- */

static const char *
text_at (sqlite3_stmt *stmt,
         int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

static void
append_text (GString    *out,
             const char *cell,
             gboolean    first)
{
  if (!first)
    g_string_append_c (out, ',');
  trellis_csv_append_cell (out, cell);
}

static void
append_number (GString *out,
               gint64   value)
{
  g_string_append_printf (out, ",%" G_GINT64_FORMAT, value);
}

/* Scores as SQLite stores and shows them: up to 15 significant digits. */
static void
append_score (GString *out,
              double   score)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_c (out, ',');
  g_string_append (out, g_ascii_formatd (text, sizeof text, "%.15g", score));
}

/* participant, cohort, timepoint, completed_date */
static void
append_visit_cells (GString      *out,
                    const char   *const *cells)
{
  for (guint i = 0; i < 4; i++)
    append_text (out, cells[i], i == 0);
}

static int
instrument_index (Export *export,
                  gint64  id)
{
  for (guint i = 0; i < export->instruments->len; i++)
    if (trellis_instrument_get_id (export->instruments->pdata[i]) == id)
      return (int) i;
  return -1;
}

/* ---- The three files' rows ---- */

static void
write_long_rows (Export            *export,
                 const char *const *cells,
                 TrellisInstrument *instrument,
                 const int         *values)
{
  guint n_items;
  const TrellisItemSpec *specs = trellis_instrument_get_specs (instrument, &n_items);
  GString *out = export->answers.buffer;

  for (guint i = 0; i < n_items; i++)
    {
      if (values[i] == TRELLIS_ITEM_UNANSWERED)
        continue;
      append_visit_cells (out, cells);
      append_text (out, trellis_instrument_get_code (instrument), FALSE);
      append_text (out, specs[i].code, FALSE);
      append_number (out, values[i]);
      g_string_append (out, "\r\n");
      export->result.n_rows++;
    }
}

/* A score imported in place of items, as the long import reads it back. */
static void
write_given_score (Export            *export,
                   const char *const *cells,
                   TrellisInstrument *instrument,
                   sqlite3_stmt      *stmt)
{
  GString *out = export->answers.buffer;

  append_visit_cells (out, cells);
  append_text (out, trellis_instrument_get_code (instrument), FALSE);
  g_string_append_c (out, ',');
  append_score (out, sqlite3_column_double (stmt, COL_SCORE));
  g_string_append (out, "\r\n");
  export->result.n_rows++;
}

static void
write_score_row (Export            *export,
                 const char *const *cells,
                 TrellisInstrument *instrument,
                 sqlite3_stmt      *stmt)
{
  GString *out = export->scores.buffer;
  guint n_bands;
  const TrellisScoreBand *bands = trellis_instrument_get_bands (instrument, &n_bands);
  gboolean missing = sqlite3_column_type (stmt, COL_SCORE) == SQLITE_NULL;
  double score = sqlite3_column_double (stmt, COL_SCORE);

  append_visit_cells (out, cells);
  append_text (out, trellis_instrument_get_code (instrument), FALSE);
  if (missing)
    g_string_append_c (out, ',');
  else
    append_score (out, score);
  append_number (out, sqlite3_column_int (stmt, COL_ANSWERED));
  append_number (out, sqlite3_column_int (stmt, COL_RULE_VERSION));
  append_text (out, missing || n_bands == 0 ? NULL : trellis_scoring_band (bands, n_bands, score), FALSE);
  g_string_append (out, "\r\n");
}

/* The wide file's row of the visit gathered so far. */
static void
flush_wide_row (Export *export)
{
  GString *out = export->answers.buffer;
  guint offset = 0;

  if (export->visit_id == 0)
    return;
  append_visit_cells (out, (const char *const *) export->visit_cells);
  for (guint i = 0; i < export->instruments->len; i++)
    {
      guint n_items = trellis_instrument_get_items (export->instruments->pdata[i])->len;

      for (guint j = 0; j < n_items; j++)
        if (export->values[offset + j] == TRELLIS_ITEM_UNANSWERED)
          g_string_append_c (out, ',');
        else
          append_number (out, export->values[offset + j]);
      if (!export->answered[i] || isnan (export->sheet_scores[i]))
        g_string_append_c (out, ',');
      else
        append_score (out, export->sheet_scores[i]);
      offset += n_items;
    }
  g_string_append (out, "\r\n");
  export->result.n_rows++;
}

static void
start_wide_row (Export            *export,
                gint64             visit_id,
                const char *const *cells)
{
  flush_wide_row (export);
  export->visit_id = visit_id;
  for (guint i = 0; i < G_N_ELEMENTS (export->visit_cells); i++)
    {
      g_free (export->visit_cells[i]);
      export->visit_cells[i] = g_strdup (cells[i]);
    }
  for (guint i = 0; i < export->n_values; i++)
    export->values[i] = TRELLIS_ITEM_UNANSWERED;
  for (guint i = 0; i < export->instruments->len; i++)
    export->answered[i] = FALSE;
}

static guint
values_offset (Export *export,
               guint   instrument)
{
  guint offset = 0;

  for (guint i = 0; i < instrument; i++)
    offset += trellis_instrument_get_items (export->instruments->pdata[i])->len;
  return offset;
}

/* A sheet's score, for the wide row of its visit. */
static void
keep_score (Export       *export,
            guint         instrument,
            sqlite3_stmt *stmt)
{
  export->answered[instrument] = TRUE;
  export->sheet_scores[instrument] = sqlite3_column_type (stmt, COL_SCORE) == SQLITE_NULL
                                     ? NAN : sqlite3_column_double (stmt, COL_SCORE);
}

/* One row of the query: a visit, with one of its sheets or none. */
static gboolean
export_row (Export        *export,
            sqlite3_stmt  *stmt,
            int           *values,
            GError       **error)
{
  const char *cells[4] = {
    text_at (stmt, COL_PARTICIPANT), text_at (stmt, COL_COHORT), text_at (stmt, COL_TIMEPOINT),
    text_at (stmt, COL_COMPLETED),
  };
  gint64 visit_id = sqlite3_column_int64 (stmt, COL_VISIT);
  gboolean wide = export->options->form == TRELLIS_RESPONSE_FORM_WIDE;
  TrellisInstrument *instrument;
  int index;

  if (visit_id != export->visit_id)
    {
      export->result.n_visits++;
      if (wide)
        start_wide_row (export, visit_id, cells);
      export->visit_id = visit_id;
    }
  if (sqlite3_column_type (stmt, COL_INSTRUMENT) == SQLITE_NULL)
    return TRUE;
  index = instrument_index (export, sqlite3_column_int64 (stmt, COL_INSTRUMENT));
  g_return_val_if_fail (index >= 0, FALSE);
  instrument = export->instruments->pdata[index];
  if (wide)
    values = export->values + values_offset (export, index);
  if (!trellis_response_parse_answers (instrument, text_at (stmt, COL_ANSWERS), values, error))
    return FALSE;
  export->result.n_sheets++;
  if (wide)
    keep_score (export, index, stmt);
  else if (sqlite3_column_int (stmt, COL_RULE_VERSION) == TRELLIS_SCORING_GIVEN_VERSION &&
           sqlite3_column_type (stmt, COL_SCORE) != SQLITE_NULL)
    write_given_score (export, cells, instrument, stmt);
  else
    write_long_rows (export, cells, instrument, values);
  if (export->scores.buffer != NULL)
    write_score_row (export, cells, instrument, stmt);
  return TRUE;
}

/* ---- The whole export ---- */

static void
write_headers (Export *export)
{
  GString *out = export->answers.buffer;

  if (export->options->form == TRELLIS_RESPONSE_FORM_LONG)
    trellis_csv_append_row (out, long_header, G_N_ELEMENTS (long_header));
  else
    {
      trellis_csv_append_row (out, long_header, 4);
      out->len -= 2;
      for (guint i = 0; i < export->instruments->len; i++)
        {
          TrellisInstrument *instrument = export->instruments->pdata[i];
          GPtrArray *items = trellis_instrument_get_items (instrument);
          const char *code = trellis_instrument_get_code (instrument);

          for (guint j = 0; j < items->len; j++)
            g_string_append_printf (out, ",%s_%s", code, trellis_item_get_code (items->pdata[j]));
          g_string_append_printf (out, ",%s_score", code);
        }
      g_string_append (out, "\r\n");
    }
  if (export->scores.buffer != NULL)
    trellis_csv_append_row (export->scores.buffer, scores_header, G_N_ELEMENTS (scores_header));
}

static gboolean
flush_all (Export  *export,
           GError **error)
{
  return trellis_response_sink_flush (&export->answers, FALSE, error) &&
         (export->scores.buffer == NULL || trellis_response_sink_flush (&export->scores, FALSE, error));
}

static gboolean
export_rows (Export        *export,
             GCancellable  *cancellable,
             GError       **error)
{
  sqlite3_stmt *stmt = trellis_database_prepare (export->db, select_sql, error);
  g_autofree int *values = NULL;
  guint n_rows = 0;
  gboolean ok = TRUE;
  int rc;

  if (stmt == NULL)
    return FALSE;
  values = g_new (int, MAX (export->n_values, 1));
  write_headers (export);
  while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ok = export_row (export, stmt, values, error);
      if (ok && ++n_rows % 4096 == 0)
        ok = !g_cancellable_set_error_if_cancelled (cancellable, error) && flush_all (export, error);
    }
  if (ok && rc != SQLITE_DONE)
    {
      trellis_database_set_error (export->db, error, rc);
      ok = FALSE;
    }
  sqlite3_reset (stmt);
  if (ok && export->options->form == TRELLIS_RESPONSE_FORM_WIDE)
    flush_wide_row (export);
  return ok;
}

static gboolean
open_sinks (Export  *export,
            const char *path,
            GError **error)
{
  for (guint i = 0; i < export->instruments->len; i++)
    export->n_values += trellis_instrument_get_items (export->instruments->pdata[i])->len;
  export->values = g_new (int, MAX (export->n_values, 1));
  export->answered = g_new0 (gboolean, MAX (export->instruments->len, 1));
  export->sheet_scores = g_new0 (double, MAX (export->instruments->len, 1));
  return trellis_response_sink_open (&export->answers, path, error) &&
         (export->options->scores_path == NULL ||
          trellis_response_sink_open (&export->scores, export->options->scores_path, error));
}

static gboolean
finish (Export  *export,
        GError **error)
{
  return trellis_response_sink_flush (&export->answers, TRUE, error) &&
         (export->scores.buffer == NULL || trellis_response_sink_flush (&export->scores, TRUE, error)) &&
         (export->options->codebook_path == NULL ||
          trellis_response_codebook_write (export->db, export->instruments, export->options->codebook_path,
                                           error));
}

/* Exports every completed timepoint's answers to path in options->form, and
 * the scores and the codebook where options asks for them, from one
 * snapshot of the study. */
gboolean
trellis_response_export (TrellisDatabase                     *db,
                         const char                          *path,
                         const TrellisResponseExportOptions  *options,
                         GCancellable                        *cancellable,
                         TrellisResponseExportResult         *result,
                         GError                             **error)
{
  g_auto(Export) export = { db, options };
  gboolean ok;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (path != NULL && options != NULL, FALSE);
  g_return_val_if_fail (options->form == TRELLIS_RESPONSE_FORM_LONG || options->form == TRELLIS_RESPONSE_FORM_WIDE,
                        FALSE);

  if (result != NULL)
    *result = (TrellisResponseExportResult) { 0 };
  if (!trellis_response_sink_check_not_study (db, path, error) ||
      (options->scores_path != NULL && !trellis_response_sink_check_not_study (db, options->scores_path, error)) ||
      (options->codebook_path != NULL &&
       !trellis_response_sink_check_not_study (db, options->codebook_path, error)) ||
      !trellis_database_begin_read (db, error))
    return FALSE;
  ok = (export.instruments = trellis_instrument_store_load (db, error)) != NULL &&
       open_sinks (&export, path, error) &&
       export_rows (&export, cancellable, error) &&
       finish (&export, error);
  trellis_database_end_read (db);
  if (ok && result != NULL)
    *result = export.result;
  return ok;
}
