/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "trellis-audit.h"
#include "trellis-audit-coverage.h"
#include "trellis-database-private.h"
#include "trellis-response-import-private.h"
#include "trellis-score-cache.h"
#include "trellis-storage-error.h"
#include "trellis-timepoint.h"

/* Writes the visits of a responses file that passed every check, and an
 * answer sheet for each instrument a visit answered, scored by the
 * instrument's current rule, or given a score in place of items (no
 * answers, rule version TRELLIS_SCORING_GIVEN_VERSION), in one transaction with one bulk audit row per
 * table. As in the participant import (trellis-participant-writer.c), rows
 * go up to BATCH to a statement, since SQLite's cost per statement is a good
 * part of the time at a million rows, and each statement checks that its
 * rows got the ids after the highest, so that the audit rows' id ranges
 * hold exactly the imported rows. The audit rows' text is made as the rows
 * go in (trellis-response-audit.c). */

#define BATCH 64
#define VISIT_COLUMNS 3
#define SHEET_COLUMNS 6

/* As in the participant writer: a larger page cache while writing, so that
 * SQLite does not write pages to the log and read them back before the
 * commit; the cache grows only as far as it is used. */
#define IMPORT_CACHE_SIZE "-131072"
#define DEFAULT_CACHE_SIZE "-2000"

static const char visit_sql[] =
  "INSERT INTO visit (participant_id, timepoint_id, completed_date, missed) VALUES (?,?,?,0)";
static const char sheet_sql[] =
  "INSERT INTO answer_sheet (visit_id, instrument_id, answers, answered, score, rule_version)"
  " VALUES (?,?,?,?,?,?)";

/* An INSERT of some number of rows, prepared once for each number in use:
 * a chunk's last statement may hold fewer than BATCH rows, and preparing one
 * costs as much as inserting a few hundred rows. */
typedef struct
{
  sqlite3_stmt *stmt[BATCH + 1];   /* by the number of rows */
} Statement;

/* A visit ready to insert. */
typedef struct
{
  gint64 participant_id;
  gint64 timepoint_id;
  char date[11];
} ReadyVisit;

/* A sheet ready to insert; its answers are in the chunk's text. */
typedef struct
{
  gint64 visit_id;
  guint instrument;
  int rule_version;
  TrellisScore score;
  gsize answers_start;
  gsize answers_length;
} ReadySheet;

/* Rows made ready by trellis_response_writer_prepare (), for _insert (). */
struct _TrellisResponseRows
{
  GArray *visits;      /* ReadyVisit */
  GArray *sheets;      /* ReadySheet */
  GString *answers;    /* the sheets' answers, one after the other */
};

/* Preparing (scoring, the answers' text, the audit rows' digests) and
 * inserting may run in two threads at once: each half touches only its own
 * part of the writer. */
struct _TrellisResponseWriter
{
  const TrellisResponseBatch *batch;
  gboolean open;                  /* the transaction is ours to end */
  gboolean skip_checks;
  gint64 first_visit_id;
  gint64 first_sheet_id;
  int *rule_versions;             /* of each instrument */
  gint64 *instrument_ids;
  /* Preparing. */
  guint n_visits_ready;
  guint n_sheets_ready;
  TrellisResponseAudit visit_audit;
  TrellisResponseAudit sheet_audit;
  TrellisResponseRows *scratch;   /* for trellis_response_writer_add () */
  /* Inserting. */
  guint n_visits;                 /* written so far */
  guint n_sheets;
  Statement visits;
  Statement sheets;
};

typedef TrellisResponseWriter Writer;

TrellisResponseRows *
trellis_response_rows_new (void)
{
  TrellisResponseRows *rows = g_new0 (TrellisResponseRows, 1);

  rows->visits = g_array_new (FALSE, FALSE, sizeof (ReadyVisit));
  rows->sheets = g_array_new (FALSE, FALSE, sizeof (ReadySheet));
  rows->answers = g_string_sized_new (4096);
  return rows;
}

void
trellis_response_rows_free (TrellisResponseRows *rows)
{
  if (rows == NULL)
    return;
  g_array_unref (rows->visits);
  g_array_unref (rows->sheets);
  g_string_free (rows->answers, TRUE);
  g_free (rows);
}

guint
trellis_response_rows_get_n_visits (const TrellisResponseRows *rows)
{
  return rows->visits->len;
}

static void
statement_clear (Statement *statement)
{
  for (guint i = 0; i <= BATCH; i++)
    g_clear_pointer (&statement->stmt[i], sqlite3_finalize);
}

static void
writer_clear (Writer *writer)
{
  statement_clear (&writer->visits);
  statement_clear (&writer->sheets);
  g_clear_pointer (&writer->rule_versions, g_free);
  g_clear_pointer (&writer->instrument_ids, g_free);
  g_clear_pointer (&writer->scratch, trellis_response_rows_free);
  trellis_response_audit_clear (&writer->visit_audit);
  trellis_response_audit_clear (&writer->sheet_audit);
}

static TrellisDatabase *
db_of (Writer *writer)
{
  return writer->batch->db;
}

/* SQL, an INSERT of one row, with its VALUES repeated for n rows. */
static char *
repeat_values (const char *sql,
               guint       n)
{
  const char *values = strstr (sql, " VALUES ") + strlen (" VALUES ");
  GString *text = g_string_new (sql);

  for (guint i = 1; i < n; i++)
    {
      g_string_append_c (text, ',');
      g_string_append (text, values);
    }
  return g_string_free (text, FALSE);
}

static sqlite3_stmt *
statement_for (Writer      *writer,
               Statement   *statement,
               const char  *one_row_sql,
               guint        rows,
               GError     **error)
{
  g_autofree char *sql = NULL;
  int rc;

  g_return_val_if_fail (rows > 0 && rows <= BATCH, NULL);

  if (statement->stmt[rows] != NULL)
    {
      sqlite3_reset (statement->stmt[rows]);
      return statement->stmt[rows];
    }
  sql = repeat_values (one_row_sql, rows);
  rc = sqlite3_prepare_v2 (trellis_database_get_handle (db_of (writer)), sql, -1, &statement->stmt[rows], NULL);
  if (rc != SQLITE_OK)
    {
      trellis_database_set_error (db_of (writer), error, rc);
      return NULL;
    }
  return statement->stmt[rows];
}

static void
set_not_consecutive (GError **error)
{
  g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_FAILED,
               _("The imported visits did not get consecutive ids, so they cannot be audited in bulk"));
}

/* Runs a filled statement, and checks that its rows got the ids from first. */
static gboolean
step_rows (Writer        *writer,
           sqlite3_stmt  *stmt,
           gint64         first,
           guint          count,
           GError       **error)
{
  if (!trellis_database_step_done (db_of (writer), stmt, error))
    return FALSE;
  if (sqlite3_last_insert_rowid (trellis_database_get_handle (db_of (writer))) != first + count - 1)
    {
      set_not_consecutive (error);
      return FALSE;
    }
  return TRUE;
}

/* ---- Preparing ---- */

static void
format_date (char    *out,
             guint32  julian)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  g_snprintf (out, 11, "%04u-%02u-%02u", (guint) g_date_get_year (&date), (guint) g_date_get_month (&date),
              (guint) g_date_get_day (&date));
}

/* A sheet for each instrument the visit answered, scored, with its text,
 * or gave a score for in place of its items. */
static void
prepare_sheets (Writer              *writer,
                gint64               visit_id,
                const int           *values,
                const double        *scores,
                TrellisResponseRows *rows)
{
  const TrellisResponseCatalog *catalog = writer->batch->catalog;

  for (guint i = 0; i < catalog->instruments->len; i++)
    {
      const TrellisResponseInstrument *entry = &g_array_index (catalog->instruments,
                                                               TrellisResponseInstrument, i);
      const int *answers = values + entry->offset;
      ReadySheet sheet = { visit_id, i, writer->rule_versions[i], { 0 }, rows->answers->len, 0 };
      gboolean any = FALSE;

      for (guint j = 0; j < entry->n_items && !any; j++)
        any = answers[j] != TRELLIS_ITEM_UNANSWERED;
      if (!any && isnan (scores[i]))
        continue;
      if (any)
        trellis_instrument_score (entry->instrument, answers, &sheet.score);
      else
        {
          sheet.score = (TrellisScore) { scores[i], 0, FALSE };
          sheet.rule_version = TRELLIS_SCORING_GIVEN_VERSION;
        }
      trellis_response_render_answers (rows->answers, entry->instrument, answers);
      sheet.answers_length = rows->answers->len - sheet.answers_start;
      trellis_response_audit_add_sheet (&writer->sheet_audit, visit_id, writer->instrument_ids[i],
                                        rows->answers->str + sheet.answers_start, sheet.answers_length,
                                        &sheet.score, sheet.rule_version);
      g_array_append_val (rows->sheets, sheet);
      writer->n_sheets_ready++;
    }
}

/* Makes the next n_visits visits ready to insert, with their sheets, into
 * rows (emptied first); values holds catalog->n_values for each visit, and
 * scores a score given for each instrument (NAN for none). This is most of
 * the work that is not SQLite's, so an import that inserts in a second
 * thread does it in its own. Rows must be inserted in the order they were
 * prepared. */
void
trellis_response_writer_prepare (TrellisResponseWriter       *writer,
                                 const TrellisResponseVisit  *visits,
                                 const int                   *values,
                                 const double                *scores,
                                 guint                        n_visits,
                                 TrellisResponseRows         *rows)
{
  const TrellisResponseCatalog *catalog = writer->batch->catalog;
  guint n_instruments = catalog->instruments->len;

  g_array_set_size (rows->visits, 0);
  g_array_set_size (rows->sheets, 0);
  g_string_truncate (rows->answers, 0);
  for (guint j = 0; j < n_visits; j++)
    {
      const TrellisResponseVisit *visit = &visits[j];
      gint64 visit_id = writer->first_visit_id + writer->n_visits_ready++;
      ReadyVisit ready = {
        g_array_index (catalog->participants, TrellisResponseParticipant, visit->participant).id,
        trellis_timepoint_get_id (catalog->timepoints->pdata[visit->timepoint]),
      };

      format_date (ready.date, visit->completed);
      trellis_response_audit_add_visit (&writer->visit_audit, ready.participant_id, ready.timepoint_id,
                                        ready.date);
      g_array_append_val (rows->visits, ready);
      prepare_sheets (writer, visit_id, values + (gsize) j * catalog->n_values,
                      scores + (gsize) j * n_instruments, rows);
    }
}

/* ---- Inserting ---- */

static gboolean
insert_visits (Writer           *writer,
               const ReadyVisit *visits,
               guint             count,
               GError          **error)
{
  sqlite3_stmt *stmt = statement_for (writer, &writer->visits, visit_sql, count, error);

  if (stmt == NULL)
    return FALSE;
  for (guint j = 0; j < count; j++)
    {
      sqlite3_bind_int64 (stmt, j * VISIT_COLUMNS + 1, visits[j].participant_id);
      sqlite3_bind_int64 (stmt, j * VISIT_COLUMNS + 2, visits[j].timepoint_id);
      sqlite3_bind_text (stmt, j * VISIT_COLUMNS + 3, visits[j].date, 10, SQLITE_STATIC);
    }
  if (!step_rows (writer, stmt, writer->first_visit_id + writer->n_visits, count, error))
    return FALSE;
  writer->n_visits += count;
  return TRUE;
}

static gboolean
insert_sheets (Writer           *writer,
               const ReadySheet *sheets,
               const char       *answers,
               guint             count,
               GError          **error)
{
  sqlite3_stmt *stmt = statement_for (writer, &writer->sheets, sheet_sql, count, error);

  if (stmt == NULL)
    return FALSE;
  for (guint j = 0; j < count; j++)
    {
      const ReadySheet *sheet = &sheets[j];
      int base = j * SHEET_COLUMNS;

      sqlite3_bind_int64 (stmt, base + 1, sheet->visit_id);
      sqlite3_bind_int64 (stmt, base + 2, writer->instrument_ids[sheet->instrument]);
      sqlite3_bind_text (stmt, base + 3, answers + sheet->answers_start, (int) sheet->answers_length,
                         SQLITE_STATIC);
      sqlite3_bind_int (stmt, base + 4, sheet->score.answered);
      if (sheet->score.missing)
        sqlite3_bind_null (stmt, base + 5);
      else
        sqlite3_bind_double (stmt, base + 5, sheet->score.value);
      sqlite3_bind_int (stmt, base + 6, sheet->rule_version);
    }
  if (!step_rows (writer, stmt, writer->first_sheet_id + writer->n_sheets, count, error))
    return FALSE;
  writer->n_sheets += count;
  return TRUE;
}

/* Inserts rows prepared by trellis_response_writer_prepare (): the visits,
 * then their sheets, up to BATCH to a statement. */
gboolean
trellis_response_writer_insert (TrellisResponseWriter      *writer,
                                const TrellisResponseRows  *rows,
                                GError                    **error)
{
  const ReadyVisit *visits = (const ReadyVisit *) rows->visits->data;
  const ReadySheet *sheets = (const ReadySheet *) rows->sheets->data;

  g_return_val_if_fail (writer != NULL && writer->open, FALSE);

  for (guint done = 0; done < rows->visits->len; done += BATCH)
    if (!insert_visits (writer, visits + done, MIN (BATCH, rows->visits->len - done), error))
      return FALSE;
  for (guint done = 0; done < rows->sheets->len; done += BATCH)
    if (!insert_sheets (writer, sheets + done, rows->answers->str, MIN (BATCH, rows->sheets->len - done), error))
      return FALSE;
  return TRUE;
}

/* Prepares and inserts n_visits more visits and their sheets, in this
 * thread; values and scores as for trellis_response_writer_prepare (). */
gboolean
trellis_response_writer_add (TrellisResponseWriter       *writer,
                             const TrellisResponseVisit  *visits,
                             const int                   *values,
                             const double                *scores,
                             guint                        n_visits,
                             GError                     **error)
{
  g_return_val_if_fail (writer != NULL && writer->open, FALSE);

  if (writer->scratch == NULL)
    writer->scratch = trellis_response_rows_new ();
  trellis_response_writer_prepare (writer, visits, values, scores, n_visits, writer->scratch);
  return trellis_response_writer_insert (writer, writer->scratch, error);
}

/* Progress comes as each 1% of the visits is passed, where a cancel is
 * looked for too; it counts the rows of the file the visits came from,
 * after the rows read. */
static gboolean
insert_all (Writer  *writer,
            GError **error)
{
  const TrellisResponseBatch *batch = writer->batch;
  const TrellisResponseVisit *visits = (const TrellisResponseVisit *) batch->visits->data;
  gsize n_values = batch->catalog->n_values;
  gsize n_instruments = batch->catalog->instruments->len;
  guint total = batch->visits->len;
  guint step = MAX (total / 100, 1);
  guint done = 0, rows_done = 0;

  while (done < total)
    {
      guint count = MIN (step, total - done);

      if (!trellis_response_writer_add (writer, visits + done, batch->values + done * n_values,
                                        batch->scores + done * n_instruments, count, error))
        return FALSE;
      for (guint j = 0; j < count; j++)
        rows_done += visits[done + j].n_rows;
      done += count;
      if (g_cancellable_set_error_if_cancelled (batch->cancellable, error))
        return FALSE;
      if (batch->progress != NULL)
        batch->progress (batch->n_rows + MIN (rows_done, batch->n_rows), 2 * batch->n_rows, batch->user_data);
    }
  return TRUE;
}

/* The id the first new row of the table gets: the highest plus one. */
static gboolean
first_new_id (Writer      *writer,
              const char  *sql,
              gint64      *first,
              GError     **error)
{
  sqlite3_stmt *stmt = trellis_database_prepare (db_of (writer), sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  *first = sqlite3_column_int64 (stmt, 0) + 1;
  if (rc != SQLITE_ROW)
    trellis_database_set_error (db_of (writer), error, rc);
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW;
}

static gboolean
prepare (Writer  *writer,
         GError **error)
{
  const TrellisResponseCatalog *catalog = writer->batch->catalog;
  guint n_instruments = catalog->instruments->len;

  writer->rule_versions = g_new0 (int, MAX (n_instruments, 1));
  writer->instrument_ids = g_new0 (gint64, MAX (n_instruments, 1));
  for (guint i = 0; i < n_instruments; i++)
    {
      TrellisInstrument *instrument =
        g_array_index (catalog->instruments, TrellisResponseInstrument, i).instrument;
      TrellisScoringRule rule;

      trellis_instrument_get_rule (instrument, &rule);
      writer->rule_versions[i] = rule.version;
      writer->instrument_ids[i] = trellis_instrument_get_id (instrument);
    }
  if (!first_new_id (writer, "SELECT coalesce (max (id), 0) FROM visit", &writer->first_visit_id, error) ||
      !first_new_id (writer, "SELECT coalesce (max (id), 0) FROM answer_sheet", &writer->first_sheet_id, error))
    return FALSE;
  /* Some 30 bytes of audit text for each row: its id and digest. */
  trellis_response_audit_init (&writer->visit_audit, db_of (writer), "visit", writer->first_visit_id,
                               (gsize) writer->batch->n_rows * 32);
  trellis_response_audit_init (&writer->sheet_audit, db_of (writer), "answer_sheet", writer->first_sheet_id,
                               (gsize) writer->batch->n_rows * catalog->instruments->len * 32);
  return TRUE;
}

/* The answers column's CHECK (valid JSON, and an object) has SQLite parse
 * every sheet's text twice, which costs as much as the rest of inserting the
 * sheet. The writer makes that text itself (trellis_response_render_answers):
 * braces around "CODE":number pairs, which is always a JSON object when each
 * item code is an identifier (letters, digits and '_', as the domain's
 * trellis_scoring_check_item () requires of every item). Only then are CHECK
 * constraints left out while the rows go in; the visits' own CHECKs hold by
 * construction too (missed is 0, and completed_date is a checked date). A
 * study whose items somehow have other codes keeps every check. */
static gboolean
answers_are_objects (const TrellisResponseCatalog *catalog)
{
  for (guint i = 0; i < catalog->instruments->len; i++)
    {
      const TrellisResponseInstrument *entry = &g_array_index (catalog->instruments,
                                                               TrellisResponseInstrument, i);

      for (guint j = 0; j < entry->n_items; j++)
        {
          const char *code = entry->specs[j].code;

          if (code == NULL || !g_ascii_isalpha (code[0]))
            return FALSE;
          for (const char *c = code; *c != '\0'; c++)
            if (!g_ascii_isalnum (*c) && *c != '_')
              return FALSE;
        }
    }
  return TRUE;
}

static gboolean
audit (Writer  *writer,
       GError **error)
{
  const char *reason = writer->batch->file_name;

  return trellis_response_audit_append (&writer->visit_audit, reason, error) &&
         (writer->n_sheets == 0 || trellis_response_audit_append (&writer->sheet_audit, reason, error));
}

static void
end_writing (Writer *writer)
{
  TrellisDatabase *db = db_of (writer);

  if (writer->skip_checks)
    trellis_database_exec (db, "PRAGMA ignore_check_constraints = OFF", NULL);
  writer->skip_checks = FALSE;
  trellis_database_set_triggers_enabled (db, TRUE);
  trellis_database_exec (db, "PRAGMA cache_size = " DEFAULT_CACHE_SIZE, NULL);
}

/* Frees the writer, rolling back everything it wrote unless it was
 * committed. */
void
trellis_response_writer_free (TrellisResponseWriter *writer)
{
  if (writer == NULL)
    return;
  if (writer->open)
    {
      end_writing (writer);
      trellis_database_rollback (db_of (writer));
    }
  writer_clear (writer);
  g_free (writer);
}

/* Begins the transaction the batch's visits are written in, with
 * trellis_response_writer_add () and then _commit (); batch->visits and
 * batch->values and batch->scores are not read, and batch must outlive the
 * writer. */
TrellisResponseWriter *
trellis_response_writer_begin (const TrellisResponseBatch  *batch,
                               GError                     **error)
{
  g_autoptr(TrellisResponseWriter) writer = NULL;

  g_return_val_if_fail (batch != NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (batch->cancellable, error) ||
      !trellis_database_begin_write (batch->db, error))
    return NULL;
  if (!trellis_score_cache_clear (batch->db, 0, error))
    {
      trellis_database_rollback (batch->db);
      return NULL;
    }
  writer = g_new0 (TrellisResponseWriter, 1);
  writer->batch = batch;
  writer->open = TRUE;
  /* The only triggers on what it writes (visits and answer sheets) keep the
   * score cache, just emptied; end_writing () turns them on again. */
  trellis_database_set_triggers_enabled (batch->db, FALSE);
  trellis_database_exec (batch->db, "PRAGMA cache_size = " IMPORT_CACHE_SIZE, NULL);
  writer->skip_checks = answers_are_objects (batch->catalog);
  if (writer->skip_checks)
    trellis_database_exec (batch->db, "PRAGMA ignore_check_constraints = ON", NULL);
  if (!prepare (writer, error))
    return NULL;
  return g_steal_pointer (&writer);
}

/* Writes the last sheets and the audit rows, and commits. The writer is
 * done either way; free it. */
gboolean
trellis_response_writer_commit (TrellisResponseWriter  *writer,
                                guint                  *n_sheets,
                                GError                **error)
{
  gboolean ok;

  g_return_val_if_fail (writer != NULL && writer->open, FALSE);
  g_return_val_if_fail (writer->n_visits > 0, FALSE);

  /* The audit rows are checked as always. */
  end_writing (writer);
  ok = audit (writer, error) && trellis_database_commit (db_of (writer), error);
  if (!ok)
    trellis_database_rollback (db_of (writer));
  writer->open = FALSE;
  if (ok && n_sheets != NULL)
    *n_sheets = writer->n_sheets;
  return ok;
}

/* Writes the batch's visits (at least one) and their sheets, with their
 * audit rows, in one transaction, or nothing. */
gboolean
trellis_response_writer_write (const TrellisResponseBatch  *batch,
                               guint                       *n_sheets,
                               GError                     **error)
{
  g_autoptr(TrellisResponseWriter) writer = NULL;

  g_return_val_if_fail (batch != NULL && batch->visits->len > 0, FALSE);

  writer = trellis_response_writer_begin (batch, error);
  return writer != NULL &&
         insert_all (writer, error) &&
         trellis_response_writer_commit (writer, n_sheets, error);
}
