/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "trellis-audit.h"
#include "trellis-csv-writer.h"
#include "trellis-database-private.h"
#include "trellis-date.h"
#include "trellis-participant-export.h"
#include "trellis-register-state.h"
#include "trellis-storage-error.h"
#include "trellis-store-util.h"

/* The participant register as CSV, one row per participant in code order.
 * By default it is de-identified: the contact table is not even read. An
 * identifiable export adds name, email, phone and notes, and is written on
 * the audit trail in the same transaction, because identifiers leaving the
 * study file must be on record. The file is written whole to a temporary
 * file and renamed over the target, so a reader never sees half an export. */

/* The query's columns, in order. */
enum
{
  COL_CODE,
  COL_COHORT,
  COL_PROFESSION,
  COL_SITE,
  COL_BASELINE,
  COL_LOST,
  COL_VERSION,
  COL_VERSION_DATE,
  COL_FIRST_CLAUSE,
  COL_KIND = COL_FIRST_CLAUSE + 6,
  COL_EFFECTIVE,
  COL_COMPLETED,
  COL_FIRST_CONTACT,
};

#define N_CLAUSES 6
#define N_CONTACT 4

#define SELECT_SQL(contact_columns, contact_join) \
  "SELECT p.code, c.name, pr.name, c.site, p.baseline_date, p.lost_date, v.label, v.version_date," \
  " json_extract (k.answers, '$.take_part'), json_extract (k.answers, '$.questionnaires')," \
  " json_extract (k.answers, '$.interview'), json_extract (k.answers, '$.video')," \
  " json_extract (k.answers, '$.quotes'), json_extract (k.answers, '$.future_research')," \
  " w.kind, w.effective_date, " TRELLIS_STORE_COMPLETED_FINAL_SQL ("p.id") contact_columns \
  " FROM participant AS p" \
  " JOIN cohort AS c ON c.id = p.cohort_id" \
  " JOIN profession AS pr ON pr.id = c.profession_id" \
  " LEFT JOIN consent AS k ON k.id = (SELECT id FROM consent WHERE participant_id = p.id" \
  "                                   ORDER BY consent_date DESC, id DESC LIMIT 1)" \
  " LEFT JOIN consent_version AS v ON v.id = k.version_id" \
  " LEFT JOIN withdrawal AS w ON w.id = (SELECT id FROM withdrawal WHERE participant_id = p.id" \
  "                                      ORDER BY effective_date DESC, id DESC LIMIT 1)" \
  contact_join \
  " ORDER BY p.code"

static const char deidentified_sql[] = SELECT_SQL ("", "");
static const char identifiable_sql[] =
  SELECT_SQL (", pc.name, pc.email, pc.phone, pc.notes",
              " LEFT JOIN participant_contact AS pc ON pc.id = p.id");

static const char *const header[] = {
  "code", "cohort", "profession", "site", "baseline_date", "status", "consent_state",
  "consent_version", "consent_take_part", "consent_questionnaires", "consent_interview",
  "consent_video", "consent_quotes", "consent_future_research", "withdrawal",
  "withdrawal_date", "name", "email", "phone", "notes",
};

#define N_DEIDENTIFIED_COLUMNS (G_N_ELEMENTS (header) - N_CONTACT)

static const char *
text_at (sqlite3_stmt *stmt,
         int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

static const char *
answer (sqlite3_stmt *stmt,
        int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;
  return sqlite3_column_int (stmt, column) ? "yes" : "no";
}

/* The participant's status and consent state, as stored words. */
static void
derive_states (sqlite3_stmt  *stmt,
               guint32        newest_reconsent,
               gboolean       takes_part,
               const char   **status_word,
               const char   **consent_word)
{
  TrellisRegisterFacts facts = { { 0, }, };
  const char *kind = text_at (stmt, COL_KIND);
  TrellisParticipantStatus status;
  TrellisConsentState consent;

  facts.consent.has_consent = text_at (stmt, COL_VERSION) != NULL;
  facts.consent.takes_part = takes_part;
  facts.consent.consented_version_date = trellis_date_to_julian_or_zero (text_at (stmt, COL_VERSION_DATE));
  facts.consent.newest_reconsent_date = newest_reconsent;
  facts.consent.withdrawn = kind != NULL && trellis_withdrawal_type_from_string (kind, &facts.withdrawal_type, NULL);
  facts.consent.lost = text_at (stmt, COL_LOST) != NULL;
  facts.has_baseline_date = text_at (stmt, COL_BASELINE) != NULL;
  facts.completed_final_timepoint = sqlite3_column_int (stmt, COL_COMPLETED) != 0;
  trellis_register_state_derive (&facts, &status, &consent);
  *status_word = trellis_participant_status_to_string (status);
  *consent_word = trellis_consent_state_to_string (consent);
}

static void
append_participant (GString      *out,
                    sqlite3_stmt *stmt,
                    guint32       newest_reconsent,
                    gboolean      identifiable)
{
  const char *cells[G_N_ELEMENTS (header)];
  gboolean takes_part = sqlite3_column_int (stmt, COL_FIRST_CLAUSE) != 0;

  for (int i = COL_CODE; i <= COL_BASELINE; i++)
    cells[i] = text_at (stmt, i);
  derive_states (stmt, newest_reconsent, takes_part, &cells[5], &cells[6]);
  cells[7] = text_at (stmt, COL_VERSION);
  for (int i = 0; i < N_CLAUSES; i++)
    cells[8 + i] = answer (stmt, COL_FIRST_CLAUSE + i);
  cells[14] = text_at (stmt, COL_KIND);
  cells[15] = text_at (stmt, COL_EFFECTIVE);
  for (int i = 0; identifiable && i < N_CONTACT; i++)
    cells[N_DEIDENTIFIED_COLUMNS + i] = text_at (stmt, COL_FIRST_CONTACT + i);
  trellis_csv_append_row (out, cells, identifiable ? G_N_ELEMENTS (header) : N_DEIDENTIFIED_COLUMNS);
}

/* The date of the newest information sheet that requires reconsent, as a
 * Julian day number, 0 if none does. */
static gboolean
newest_reconsent_date (TrellisDatabase  *db,
                       guint32          *date,
                       GError          **error)
{
  sqlite3_stmt *stmt = trellis_database_query_single (db,
      "SELECT max (version_date) FROM consent_version WHERE requires_reconsent = 1", error);

  if (stmt == NULL)
    return FALSE;
  *date = trellis_date_to_julian_or_zero (text_at (stmt, 0));
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
build_csv (TrellisDatabase  *db,
           gboolean          identifiable,
           GString          *out,
           guint            *n_rows,
           GCancellable     *cancellable,
           GError          **error)
{
  sqlite3_stmt *stmt;
  guint32 newest_reconsent = 0;
  int rc;

  if (!newest_reconsent_date (db, &newest_reconsent, error))
    return FALSE;
  stmt = trellis_database_prepare (db, identifiable ? identifiable_sql : deidentified_sql, error);
  if (stmt == NULL)
    return FALSE;

  trellis_csv_append_row (out, header, identifiable ? G_N_ELEMENTS (header) : N_DEIDENTIFIED_COLUMNS);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      append_participant (out, stmt, newest_reconsent, identifiable);
      if (++*n_rows % 4096 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
    }
  if (rc != SQLITE_DONE)
    trellis_database_set_error (db, error, rc);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE;
}

/* The audit row for an identifiable export. It is not filed under
 * participant_contact: the coverage check reads every audit row of an audited
 * table as an event of the row its row_key names, and one with no row_key
 * would count as a row that was removed outside Trellis. "export" is no
 * table, so the check leaves it alone, and the trail still shows who took
 * identifiers out, when, where to, and how many. */
static gboolean
audit_export (TrellisDatabase  *db,
              const char       *path,
              guint             n_rows,
              GError          **error)
{
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  g_autofree char *shown = g_filename_display_name (absolute);
  sqlite3_stmt *stmt = trellis_database_prepare (db, "SELECT json_object ('path', ?1, 'rows', ?2)", error);
  TrellisAuditRecord record = { "export-identifiable", "export", NULL, NULL, NULL, NULL };
  gboolean ok;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, shown, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, n_rows);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      trellis_database_set_error (db, error, sqlite3_errcode (trellis_database_get_handle (db)));
      sqlite3_reset (stmt);
      return FALSE;
    }
  record.new_value = text_at (stmt, 0);
  ok = trellis_audit_append (db, &record, error);
  sqlite3_reset (stmt);
  return ok;
}

/* Written to a temporary file beside the target, flushed and renamed over it.
 * An identifiable export is readable by its owner only. */
static gboolean
write_file (const char  *path,
            GString     *csv,
            gboolean     identifiable,
            GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *shown = NULL;

  if (g_file_set_contents_full (path, csv->str, csv->len,
                                G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                identifiable ? 0600 : 0644, &local_error))
    return TRUE;

  shown = g_filename_display_name (path);
  g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_IO,
               _("Could not write the export “%s”: %s"), shown, local_error->message);
  return FALSE;
}

/* The whole export reads one snapshot of the study; an identifiable one
 * reads it inside the write transaction that records it, so the audit row
 * and the file agree, and the file is only published once the row is
 * written (and removed again should the commit fail). */
static gboolean
export_in_transaction (TrellisDatabase  *db,
                       const char       *path,
                       gboolean          identifiable,
                       GCancellable     *cancellable,
                       guint            *n_rows,
                       GError          **error)
{
  g_autoptr(GString) csv = g_string_sized_new (64 * 1024);

  if (!build_csv (db, identifiable, csv, n_rows, cancellable, error))
    return FALSE;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (identifiable && !audit_export (db, path, *n_rows, error))
    return FALSE;
  if (!write_file (path, csv, identifiable, error))
    return FALSE;
  if (identifiable && !trellis_database_commit (db, error))
    {
      g_unlink (path);
      return FALSE;
    }
  return TRUE;
}

/* An export written over the study itself would destroy it. */
static gboolean
check_not_study (TrellisDatabase  *db,
                 const char       *path,
                 GError          **error)
{
  GStatBuf study_stat, target_stat;
  g_autofree char *shown = NULL;

  if (g_stat (trellis_database_get_path (db), &study_stat) != 0 || g_stat (path, &target_stat) != 0 ||
      study_stat.st_dev != target_stat.st_dev || study_stat.st_ino != target_stat.st_ino)
    return TRUE;

  shown = g_filename_display_name (path);
  g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_EXISTS,
               _("“%s” is the study itself; choose another file for the export"), shown);
  return FALSE;
}

/* Exports every participant to path, replacing it. The identifiable export
 * writes to the study, so it needs a study opened for writing. */
gboolean
trellis_participant_export (TrellisDatabase  *db,
                            const char       *path,
                            gboolean          identifiable,
                            GCancellable     *cancellable,
                            guint            *n_exported,
                            GError          **error)
{
  guint n_rows = 0;
  gboolean ok;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (n_exported != NULL)
    *n_exported = 0;
  if (!check_not_study (db, path, error))
    return FALSE;
  if (identifiable ? !trellis_database_begin_write (db, error) : !trellis_database_begin_read (db, error))
    return FALSE;

  ok = export_in_transaction (db, path, identifiable, cancellable, &n_rows, error);
  if (identifiable && !ok)
    trellis_database_rollback (db);
  else if (!identifiable)
    trellis_database_end_read (db);
  if (ok && n_exported != NULL)
    *n_exported = n_rows;
  return ok;
}
