/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "trellis-audit.h"
#include "trellis-audit-coverage.h"
#include "trellis-database-private.h"
#include "trellis-participant-writer.h"
#include "trellis-storage-error.h"

/* Writes the rows of an import that passed every check, in one transaction:
 * the participants, their contact details, then one bulk audit row for each
 * table. The rows come in chunks (trellis_participant_writer_add), so that
 * an import can write the first rows of a file while it checks the next
 * ones (trellis-import-pipeline.c); the transaction is only committed once
 * the caller knows the whole file is good. For 100,000 rows, SQLite's cost per statement is a good part of the
 * time, so the rows go in batches of up to BATCH to a statement. The bulk audit
 * rows cover a range of ids, so the new ids must run without a gap: SQLite
 * gives each new row the highest id plus one, and each batch checks that it
 * got the ids that rule gives, rather than trusting it with the audit trail
 * and the contact details, which are written under those ids. */

#define BATCH 50
#define PARTICIPANT_COLUMNS 4
#define CONTACT_COLUMNS (1 + TRELLIS_IMPORT_CONTACT_FIELDS)

/* In KiB, as PRAGMA cache_size takes a negative number: 128 MiB at most
 * while an import writes, and SQLite's own default, 2 MiB, otherwise. A
 * large import touches tens of megabytes of pages; with the default cache
 * SQLite would write them to the log and read them back several times
 * before the commit. The cache grows only as far as it is used. */
#define IMPORT_CACHE_SIZE "-131072"
#define DEFAULT_CACHE_SIZE "-2000"

static const char participant_sql[] =
  "INSERT INTO participant (code, cohort_id, baseline_date, created) VALUES (?,?,?,?)";
static const char contact_sql[] =
  "INSERT INTO participant_contact (id, name, email, phone, notes) VALUES (?,?,?,?,?)";

/* An INSERT of some number of rows, prepared once for each number in use:
 * a file's rows come in chunks, and a chunk's last statement may hold fewer
 * than BATCH; preparing one costs as much as inserting a few hundred rows. */
typedef struct
{
  sqlite3_stmt *stmt[BATCH + 1];   /* by the number of rows */
} Batch;

/* A table's bulk audit row, made as its rows go in. */
typedef struct
{
  GString *text;              /* {"id":"digest",…} */
  GString *value;             /* the last row's audit value */
  char *first_value;
  gint64 first_id;
  gint64 last_id;
} BulkAudit;

struct _TrellisParticipantWriter
{
  TrellisDatabase *db;
  gboolean open;              /* the transaction is ours to end */
  const TrellisImportRow *rows;   /* the chunk being written */
  guint n_chunk_rows;
  char *created;
  int created_length;
  Batch participants;
  Batch contacts;
  gint64 first_id;            /* the id the first row gets */
  guint n_rows;               /* written before this chunk */
  guint n_contacts;
  guint pending[BATCH];       /* rows of the chunk whose contact details wait for a full batch */
  guint n_pending;
  BulkAudit participant_audit;
  BulkAudit contact_audit;
  /* A contact row's audit value only says which fields are filled, so
   * there are 16 of them, each digested once. */
  char contact_digests[1 << TRELLIS_IMPORT_CONTACT_FIELDS][TRELLIS_AUDIT_DIGEST_LENGTH];
  guint contact_digests_made;
};

typedef TrellisParticipantWriter Writer;

static void
bulk_audit_clear (BulkAudit *audit)
{
  if (audit->text != NULL)
    g_string_free (g_steal_pointer (&audit->text), TRUE);
  if (audit->value != NULL)
    g_string_free (g_steal_pointer (&audit->value), TRUE);
  g_clear_pointer (&audit->first_value, g_free);
}

static void
writer_clear (Writer *writer)
{
  g_clear_pointer (&writer->created, g_free);
  for (guint i = 0; i <= BATCH; i++)
    {
      g_clear_pointer (&writer->participants.stmt[i], sqlite3_finalize);
      g_clear_pointer (&writer->contacts.stmt[i], sqlite3_finalize);
    }
  bulk_audit_clear (&writer->participant_audit);
  bulk_audit_clear (&writer->contact_audit);
}

/* SQL, an INSERT of one row, with its VALUES repeated for N rows. */
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

/* The statement of BATCH for COUNT rows of ONE_ROW_SQL, reset and unbound. The
 * statements are the writer's own, not the database's cache: a batch of an
 * unusual size is used by one import only. */
static sqlite3_stmt *
batch_statement (Writer      *writer,
                 Batch       *batch,
                 const char  *one_row_sql,
                 guint        count,
                 GError     **error)
{
  g_autofree char *sql = NULL;
  int rc;

  g_return_val_if_fail (count > 0 && count <= BATCH, NULL);

  if (batch->stmt[count] != NULL)
    {
      sqlite3_reset (batch->stmt[count]);
      sqlite3_clear_bindings (batch->stmt[count]);
      return batch->stmt[count];
    }
  sql = repeat_values (one_row_sql, count);
  rc = sqlite3_prepare_v2 (trellis_database_get_handle (writer->db), sql, -1, &batch->stmt[count], NULL);
  if (rc != SQLITE_OK)
    {
      trellis_database_set_error (writer->db, error, rc);
      return NULL;
    }
  return batch->stmt[count];
}

static const TrellisImportRow *
row_at (Writer *writer,
        guint   index)
{
  return &writer->rows[index];
}

static void
set_not_consecutive (GError **error)
{
  g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_FAILED,
               _("The imported participants did not get consecutive ids, so they cannot be audited in bulk"));
}

static void
bind_participant (Writer       *writer,
                  sqlite3_stmt *stmt,
                  guint         slot,
                  guint         index)
{
  const TrellisImportRow *row = row_at (writer, index);
  int base = slot * PARTICIPANT_COLUMNS;

  sqlite3_bind_text (stmt, base + 1, row->code, row->code_length, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, base + 2, row->cohort_id);
  if (row->baseline != NULL)
    sqlite3_bind_text (stmt, base + 3, row->baseline, row->baseline_length, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, base + 3);
  sqlite3_bind_text (stmt, base + 4, writer->created, writer->created_length, SQLITE_STATIC);
}

static void
bind_contact (Writer       *writer,
              sqlite3_stmt *stmt,
              guint         slot,
              guint         index)
{
  const TrellisImportRow *row = row_at (writer, index);
  int base = slot * CONTACT_COLUMNS;

  sqlite3_bind_int64 (stmt, base + 1, writer->first_id + writer->n_rows + index);
  for (guint i = 0; i < TRELLIS_IMPORT_CONTACT_FIELDS; i++)
    {
      if (row->contact[i] != NULL)
        sqlite3_bind_text (stmt, base + 2 + i, row->contact[i], row->contact_length[i], SQLITE_STATIC);
      else
        sqlite3_bind_null (stmt, base + 2 + i);
    }
}

/* Only rows with any contact detail get a contact row: an empty one would
 * claim that identifiable data is held where none is. */
static gboolean
has_contact (const TrellisImportRow *row)
{
  for (guint i = 0; i < TRELLIS_IMPORT_CONTACT_FIELDS; i++)
    if (row->contact[i] != NULL)
      return TRUE;
  return FALSE;
}

/* ---- The bulk audit rows ----
 *
 * A bulk audit row maps each new row's id to the digest of its audit value,
 * the text json_object() makes of the row (audited_tables in
 * trellis-audit-coverage.c). Having SQLite read back 100,000 rows to make
 * that text costs more than all the inserts; it is made here instead, from
 * the very values just bound to the inserts. Before using it, the writer
 * compares its text for the first and the last row with what SQLite makes
 * of those rows, and falls back to SQLite's own bulk audit row if they differ
 * in any byte, as they would if the audited columns changed. The audit check
 * compares every row with the trail later, whichever way the value was made. */


/* g_string_append_len() without its checks for text inside the string
 * itself, which cost more than the copy for the short pieces a value is
 * made of, 190,000 values at a time. */
static inline void
append_bytes (GString    *out,
              const char *bytes,
              gsize       length)
{
  if (out->len + length >= out->allocated_len)
    {
      g_string_append_len (out, bytes, length);
      return;
    }
  memcpy (out->str + out->len, bytes, length);
  out->len += length;
  out->str[out->len] = '\0';
}

#define append_literal(out, text) append_bytes ((out), (text), sizeof (text) - 1)

/* A JSON string as SQLite's json_object() writes it, or null. */
static void
append_json_string (GString    *out,
                    const char *text)
{
  static const char escapes[32] = { ['\b'] = 'b', ['\t'] = 't', ['\n'] = 'n', ['\f'] = 'f', ['\r'] = 'r' };

  if (text == NULL)
    {
      append_literal (out, "null");
      return;
    }
  g_string_append_c (out, '"');
  for (const guchar *c = (const guchar *) text; *c != '\0'; c++)
    {
      gsize plain = 0;

      while (c[plain] >= 0x20 && c[plain] != '"' && c[plain] != '\\')
        plain++;
      append_bytes (out, (const char *) c, plain);
      c += plain;
      if (*c == '\0')
        break;
      if (*c == '"' || *c == '\\')
        g_string_append_c (out, '\\');
      else if (*c < 0x20 && escapes[*c] == 0)
        {
          g_string_append_printf (out, "\\u%04x", *c);
          continue;
        }
      if (*c < 0x20)
        g_string_append_c (out, '\\');
      g_string_append_c (out, *c < 0x20 ? escapes[*c] : (char) *c);
    }
  g_string_append_c (out, '"');
}

/* printf costs more than everything else that makes the value. */
static void
append_int (GString *out,
            gint64   value)
{
  char digits[24];
  guint n = 0;
  guint64 magnitude = value < 0 ? -(guint64) value : (guint64) value;

  do
    digits[n++] = '0' + magnitude % 10;
  while ((magnitude /= 10) > 0);
  if (value < 0)
    g_string_append_c (out, '-');
  while (n > 0)
    g_string_append_c (out, digits[--n]);
}

static void
append_participant_value (const char             *created,
                          GString                *out,
                          const TrellisImportRow *row)
{
  append_literal (out, "{\"code\":");
  append_json_string (out, row->code);
  append_literal (out, ",\"cohort_id\":");
  append_int (out, row->cohort_id);
  append_literal (out, ",\"baseline_date\":");
  append_json_string (out, row->baseline);
  append_literal (out, ",\"created\":");
  append_json_string (out, created);
  append_literal (out, ",\"lost_date\":null}");
}

/* Which contact fields are filled, never their values. */
static void
append_contact_value (Writer  *writer,
                      GString *out,
                      guint    index)
{
  static const char *const keys[TRELLIS_IMPORT_CONTACT_FIELDS] = {
    "{\"name\":", ",\"email\":", ",\"phone\":", ",\"notes\":",
  };
  char *const *contact = row_at (writer, index)->contact;

  for (guint i = 0; i < TRELLIS_IMPORT_CONTACT_FIELDS; i++)
    {
      append_bytes (out, keys[i], strlen (keys[i]));
      g_string_append_c (out, contact[i] != NULL ? '1' : '0');
    }
  g_string_append_c (out, '}');
}

/* The row's id and the digest of its value, as json_group_object (id,
 * trellis_audit_digest (value)) writes them; the value stays in
 * audit->value, and the first one is kept. */
static void
add_bulk_entry (BulkAudit  *audit,
                gint64      id,
                const char *digest)
{
  if (audit->first_value == NULL)
    {
      audit->first_value = g_strndup (audit->value->str, audit->value->len);
      audit->first_id = id;
    }
  audit->last_id = id;
  append_bytes (audit->text, audit->text->len > 1 ? ",\"" : "\"", audit->text->len > 1 ? 2 : 1);
  append_int (audit->text, id);
  append_literal (audit->text, "\":\"");
  append_bytes (audit->text, digest, TRELLIS_AUDIT_DIGEST_LENGTH);
  g_string_append_c (audit->text, '"');
}

/* Digests the rows' audit values, for trellis_participant_writer_add ().
 * It reads only what trellis_participant_writer_begin () set, so an import
 * that writes in a second thread does this in its own, while that thread
 * inserts earlier rows. */
void
trellis_participant_writer_digest (TrellisParticipantWriter *writer,
                                   TrellisImportRow         *rows,
                                   guint                     n_rows)
{
  g_autoptr(GString) value = g_string_sized_new (256);
  char digest[TRELLIS_AUDIT_DIGEST_LENGTH + 1];

  for (guint i = 0; i < n_rows; i++)
    {
      g_string_truncate (value, 0);
      append_participant_value (writer->created, value, &rows[i]);
      trellis_audit_digest (value->str, value->len, digest);
      memcpy (rows[i].digest, digest, TRELLIS_AUDIT_DIGEST_LENGTH);
      rows[i].digested = TRUE;
    }
}

/* The value's text itself is only needed for the first and the last row,
 * which are compared with SQLite's text at the end. */
static void
audit_participant (Writer *writer,
                   guint   index)
{
  BulkAudit *audit = &writer->participant_audit;
  const TrellisImportRow *row = row_at (writer, index);
  char digest[TRELLIS_AUDIT_DIGEST_LENGTH + 1];

  if (!row->digested || audit->first_value == NULL || index == writer->n_chunk_rows - 1)
    {
      g_string_truncate (audit->value, 0);
      append_participant_value (writer->created, audit->value, row);
    }
  if (row->digested)
    memcpy (digest, row->digest, TRELLIS_AUDIT_DIGEST_LENGTH);
  else
    trellis_audit_digest (audit->value->str, audit->value->len, digest);
  add_bulk_entry (audit, writer->first_id + writer->n_rows + index, digest);
}

static void
audit_contact (Writer *writer,
               guint   index)
{
  BulkAudit *audit = &writer->contact_audit;
  char *const *contact = row_at (writer, index)->contact;
  guint mask = 0;

  for (guint i = 0; i < TRELLIS_IMPORT_CONTACT_FIELDS; i++)
    mask |= (contact[i] != NULL) << i;
  g_string_truncate (audit->value, 0);
  append_contact_value (writer, audit->value, index);
  if (!(writer->contact_digests_made & (1u << mask)))
    {
      char digest[TRELLIS_AUDIT_DIGEST_LENGTH + 1];

      trellis_audit_digest (audit->value->str, audit->value->len, digest);
      memcpy (writer->contact_digests[mask], digest, TRELLIS_AUDIT_DIGEST_LENGTH);
      writer->contact_digests_made |= 1u << mask;
    }
  add_bulk_entry (audit, writer->first_id + writer->n_rows + index, writer->contact_digests[mask]);
}

/* Writes the contact details waiting, in one statement. */
static gboolean
flush_contacts (Writer  *writer,
                GError **error)
{
  sqlite3_stmt *stmt;

  if (writer->n_pending == 0)
    return TRUE;
  stmt = batch_statement (writer, &writer->contacts, contact_sql, writer->n_pending, error);
  if (stmt == NULL)
    return FALSE;
  for (guint j = 0; j < writer->n_pending; j++)
    {
      bind_contact (writer, stmt, j, writer->pending[j]);
      audit_contact (writer, writer->pending[j]);
    }
  if (!trellis_database_step_done (writer->db, stmt, error))
    return FALSE;
  writer->n_contacts += writer->n_pending;
  writer->n_pending = 0;
  return TRUE;
}

/* Inserts COUNT participants of the chunk from START in one statement, then
 * queues their contact details. */
static gboolean
insert_participants (Writer  *writer,
                     guint    start,
                     guint    count,
                     GError **error)
{
  sqlite3_stmt *stmt = batch_statement (writer, &writer->participants, participant_sql, count, error);
  gint64 last_id = writer->first_id + writer->n_rows + start + count - 1;

  if (stmt == NULL)
    return FALSE;
  for (guint j = 0; j < count; j++)
    {
      bind_participant (writer, stmt, j, start + j);
      audit_participant (writer, start + j);
    }
  if (!trellis_database_step_done (writer->db, stmt, error))
    return FALSE;
  if (sqlite3_last_insert_rowid (trellis_database_get_handle (writer->db)) != last_id)
    {
      set_not_consecutive (error);
      return FALSE;
    }
  for (guint j = 0; j < count; j++)
    if (has_contact (row_at (writer, start + j)))
      {
        writer->pending[writer->n_pending++] = start + j;
        if (writer->n_pending == BATCH && !flush_contacts (writer, error))
          return FALSE;
      }
  return TRUE;
}

/* Writes the next n_rows rows of the import. Every statement but the last
 * of a call holds BATCH rows; the contact details of the rows are all
 * written before it returns, so the rows may be freed after it. */
gboolean
trellis_participant_writer_add (TrellisParticipantWriter  *writer,
                                const TrellisImportRow    *rows,
                                guint                      n_rows,
                                GError                   **error)
{
  gboolean ok = TRUE;

  g_return_val_if_fail (writer != NULL && writer->open, FALSE);

  writer->rows = rows;
  writer->n_chunk_rows = n_rows;
  for (guint done = 0; ok && done < n_rows; done += BATCH)
    ok = insert_participants (writer, done, MIN (BATCH, n_rows - done), error);
  ok = ok && flush_contacts (writer, error);
  writer->n_rows += n_rows;
  writer->rows = NULL;
  return ok;
}

/* The new rows get the ids after the highest there is, unless there is no
 * room for them below the largest id SQLite has; the rows' consecutive ids
 * are checked as they go in. */
static gboolean
find_first_id (Writer  *writer,
               GError **error)
{
  sqlite3_stmt *stmt = trellis_database_prepare (writer->db,
      "SELECT coalesce (max (id), 0) FROM participant", error);
  gint64 highest;
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  highest = sqlite3_column_int64 (stmt, 0);
  if (rc != SQLITE_ROW)
    trellis_database_set_error (writer->db, error, rc);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return FALSE;
  if (highest > G_MAXINT64 - 1 - G_MAXUINT32)
    {
      set_not_consecutive (error);
      return FALSE;
    }
  writer->first_id = highest + 1;
  return TRUE;
}

/* Whether VALUE, the writer's text of row ID of TABLE, is SQLite's byte
 * for byte. */
static gboolean
renders_like_sqlite (Writer      *writer,
                     const char  *table,
                     gint64       id,
                     const char  *value,
                     gboolean    *same,
                     GError     **error)
{
  g_autofree char *theirs = NULL;

  if (!trellis_audit_snapshot (writer->db, table, id, &theirs, error))
    return FALSE;
  *same = *same && g_strcmp0 (value, theirs) == 0;
  return TRUE;
}

static gboolean
audit_table (Writer      *writer,
             const char  *table,
             BulkAudit   *audit,
             const char  *file_name,
             GError     **error)
{
  gboolean same = TRUE;
  TrellisAuditRecord record = { "import", table, TRELLIS_AUDIT_BULK_KEY, NULL, NULL, file_name };

  if (!renders_like_sqlite (writer, table, audit->first_id, audit->first_value, &same, error) ||
      !renders_like_sqlite (writer, table, audit->last_id, audit->value->str, &same, error))
    return FALSE;
  if (!same)
    return trellis_audit_append_bulk (writer->db, "import", table, writer->first_id,
                                      writer->first_id + writer->n_rows - 1, file_name, error);
  g_string_append_c (audit->text, '}');
  record.new_value = audit->text->str;
  return trellis_audit_append (writer->db, &record, error);
}

static void
end_writing (Writer *writer)
{
  trellis_database_exec (writer->db, "PRAGMA cache_size = " DEFAULT_CACHE_SIZE, NULL);
}

static void
bulk_audit_init (BulkAudit *audit,
                 gsize      size_hint)
{
  audit->text = g_string_sized_new (size_hint);
  audit->value = g_string_sized_new (256);
  g_string_append_c (audit->text, '{');
}

/* Begins the transaction the rows are written in, with
 * trellis_participant_writer_add () and then _commit (). created is the
 * time every row is created at; n_rows_hint, how many rows are expected. */
TrellisParticipantWriter *
trellis_participant_writer_begin (TrellisDatabase  *db,
                                  const char       *created,
                                  guint             n_rows_hint,
                                  GError          **error)
{
  g_autoptr(TrellisParticipantWriter) writer = NULL;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db) && created != NULL, NULL);

  if (!trellis_database_begin_write (db, error))
    return NULL;
  writer = g_new0 (TrellisParticipantWriter, 1);
  writer->db = db;
  writer->open = TRUE;
  writer->created = g_strdup (created);
  writer->created_length = (int) strlen (created);
  trellis_database_exec (db, "PRAGMA cache_size = " IMPORT_CACHE_SIZE, NULL);
  bulk_audit_init (&writer->participant_audit, (gsize) n_rows_hint * (TRELLIS_AUDIT_DIGEST_LENGTH + 16));
  bulk_audit_init (&writer->contact_audit, (gsize) n_rows_hint * (TRELLIS_AUDIT_DIGEST_LENGTH + 16));
  if (!find_first_id (writer, error))
    return NULL;
  return g_steal_pointer (&writer);
}

/* Writes the audit rows and commits. The writer is done either way. */
gboolean
trellis_participant_writer_commit (TrellisParticipantWriter  *writer,
                                   const char                *file_name,
                                   GError                   **error)
{
  gboolean ok;

  g_return_val_if_fail (writer != NULL && writer->open, FALSE);
  g_return_val_if_fail (writer->n_rows > 0, FALSE);

  ok = audit_table (writer, "participant", &writer->participant_audit, file_name, error) &&
       (writer->n_contacts == 0 ||
        audit_table (writer, "participant_contact", &writer->contact_audit, file_name, error)) &&
       trellis_database_commit (writer->db, error);
  if (!ok)
    trellis_database_rollback (writer->db);
  end_writing (writer);
  writer->open = FALSE;
  return ok;
}

/* Frees the writer, rolling back everything it wrote unless committed. */
void
trellis_participant_writer_free (TrellisParticipantWriter *writer)
{
  if (writer == NULL)
    return;
  if (writer->open)
    {
      trellis_database_rollback (writer->db);
      end_writing (writer);
    }
  writer_clear (writer);
  g_free (writer);
}

/* Progress comes at every 1% of the rows, and at the last, where a cancel
 * is looked for too. The rows go in TRELLIS_PARTICIPANT_STREAM_CHUNK at a
 * time, in full statements, and the steps each run passed are reported
 * after it: writing 1% at a time would cut a small file into statements of
 * a few rows each (see write_chunk () in trellis-participant-stream.c). */
static gboolean
insert_rows (Writer                     *writer,
             GArray                     *rows,
             TrellisImportProgressFunc   progress,
             gpointer                    user_data,
             GCancellable               *cancellable,
             GError                    **error)
{
  guint total = rows->len;
  guint step = MAX (total / 100, 1);
  guint reported = 0;

  for (guint start = 0; start < total;)
    {
      guint end = start + MIN (TRELLIS_PARTICIPANT_STREAM_CHUNK, total - start);

      if (!trellis_participant_writer_add (writer, &g_array_index (rows, TrellisImportRow, start), end - start,
                                           error))
        return FALSE;
      while (reported < total && MIN (reported + step, total) <= end)
        {
          reported = MIN (reported + step, total);
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          if (progress != NULL)
            progress (reported, total, user_data);
        }
      start = end;
    }
  return TRUE;
}

/* Writes ROWS (TrellisImportRow, at least one) and their audit rows in one
 * transaction, or nothing. */
gboolean
trellis_participant_writer_write (TrellisDatabase            *db,
                                  const char                 *file_name,
                                  GArray                     *rows,
                                  TrellisImportProgressFunc   progress,
                                  gpointer                    user_data,
                                  GCancellable               *cancellable,
                                  GError                    **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *created = g_date_time_format_iso8601 (now);
  g_autoptr(TrellisParticipantWriter) writer = NULL;

  g_return_val_if_fail (rows->len > 0, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  writer = trellis_participant_writer_begin (db, created, rows->len, error);
  return writer != NULL &&
         insert_rows (writer, rows, progress, user_data, cancellable, error) &&
         trellis_participant_writer_commit (writer, file_name, error);
}
