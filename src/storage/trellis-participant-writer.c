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
 * table. For 100,000 rows, SQLite's cost per statement is a good part of the
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

/* An INSERT of some number of rows, prepared once for each number in use. */
typedef struct
{
  sqlite3_stmt *stmt;
  guint rows;
} Batch;

typedef struct
{
  TrellisDatabase *db;
  GArray *rows;               /* TrellisImportRow */
  TrellisImportProgressFunc func;
  gpointer user_data;
  GCancellable *cancellable;
  char *created;
  Batch participants;
  Batch contacts;
  gint64 first_id;            /* the id the first row gets */
  guint n_contacts;
  guint pending[BATCH];       /* rows whose contact details wait for a full batch */
  guint n_pending;
} Writer;

static void
writer_clear (Writer *writer)
{
  g_clear_pointer (&writer->created, g_free);
  g_clear_pointer (&writer->participants.stmt, sqlite3_finalize);
  g_clear_pointer (&writer->contacts.stmt, sqlite3_finalize);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Writer, writer_clear)

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

  if (batch->stmt != NULL && batch->rows == count)
    {
      sqlite3_reset (batch->stmt);
      sqlite3_clear_bindings (batch->stmt);
      return batch->stmt;
    }
  g_clear_pointer (&batch->stmt, sqlite3_finalize);
  sql = repeat_values (one_row_sql, count);
  rc = sqlite3_prepare_v2 (trellis_database_get_handle (writer->db), sql, -1, &batch->stmt, NULL);
  if (rc != SQLITE_OK)
    {
      trellis_database_set_error (writer->db, error, rc);
      return NULL;
    }
  batch->rows = count;
  return batch->stmt;
}

static const TrellisImportRow *
row_at (Writer *writer,
        guint   index)
{
  return &g_array_index (writer->rows, TrellisImportRow, index);
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

  sqlite3_bind_text (stmt, base + 1, row->code, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, base + 2, row->cohort_id);
  if (row->baseline != NULL)
    sqlite3_bind_text (stmt, base + 3, row->baseline, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, base + 3);
  sqlite3_bind_text (stmt, base + 4, writer->created, -1, SQLITE_STATIC);
}

static void
bind_contact (Writer       *writer,
              sqlite3_stmt *stmt,
              guint         slot,
              guint         index)
{
  const TrellisImportRow *row = row_at (writer, index);
  int base = slot * CONTACT_COLUMNS;

  sqlite3_bind_int64 (stmt, base + 1, writer->first_id + index);
  for (guint i = 0; i < TRELLIS_IMPORT_CONTACT_FIELDS; i++)
    {
      if (row->contact[i] != NULL)
        sqlite3_bind_text (stmt, base + 2 + i, row->contact[i], -1, SQLITE_STATIC);
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
    bind_contact (writer, stmt, j, writer->pending[j]);
  if (!trellis_database_step_done (writer->db, stmt, error))
    return FALSE;
  writer->n_contacts += writer->n_pending;
  writer->n_pending = 0;
  return TRUE;
}

/* Inserts COUNT participants from START in one statement, then queues their
 * contact details. */
static gboolean
insert_participants (Writer  *writer,
                     guint    start,
                     guint    count,
                     GError **error)
{
  sqlite3_stmt *stmt = batch_statement (writer, &writer->participants, participant_sql, count, error);

  if (stmt == NULL)
    return FALSE;
  for (guint j = 0; j < count; j++)
    bind_participant (writer, stmt, j, start + j);
  if (!trellis_database_step_done (writer->db, stmt, error))
    return FALSE;
  if (sqlite3_last_insert_rowid (trellis_database_get_handle (writer->db)) != writer->first_id + start + count - 1)
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

/* Progress comes at every 1% of the rows, where a cancel is looked for too;
 * batches end there, so the counts are exact. */
static gboolean
insert_rows (Writer  *writer,
             GError **error)
{
  guint total = writer->rows->len;
  guint step = MAX (total / 100, 1);
  guint done = 0;

  while (done < total)
    {
      guint next = MIN ((done / step + 1) * step, total);
      guint count = MIN (BATCH, next - done);

      if (!insert_participants (writer, done, count, error))
        return FALSE;
      done += count;
      if (done < next)
        continue;
      if (g_cancellable_set_error_if_cancelled (writer->cancellable, error))
        return FALSE;
      if (writer->func != NULL)
        writer->func (done, total, writer->user_data);
    }
  return flush_contacts (writer, error);
}

/* The new rows get the ids after the highest there is, unless there is no
 * room for them below the largest id SQLite has. */
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
  if (highest > G_MAXINT64 - 1 - (gint64) writer->rows->len)
    {
      set_not_consecutive (error);
      return FALSE;
    }
  writer->first_id = highest + 1;
  return TRUE;
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

typedef void (*ValueFunc) (Writer *writer, GString *out, guint index);

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
append_participant_value (Writer  *writer,
                          GString *out,
                          guint    index)
{
  const TrellisImportRow *row = row_at (writer, index);

  append_literal (out, "{\"code\":");
  append_json_string (out, row->code);
  append_literal (out, ",\"cohort_id\":");
  append_int (out, row->cohort_id);
  append_literal (out, ",\"baseline_date\":");
  append_json_string (out, row->baseline);
  append_literal (out, ",\"created\":");
  append_json_string (out, writer->created);
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

/* Whether FUNC writes row INDEX of TABLE byte for byte as SQLite does. */
static gboolean
renders_like_sqlite (Writer      *writer,
                     const char  *table,
                     ValueFunc    func,
                     guint        index,
                     gboolean    *same,
                     GError     **error)
{
  g_autoptr(GString) mine = g_string_new (NULL);
  g_autofree char *theirs = NULL;

  func (writer, mine, index);
  if (!trellis_audit_snapshot (writer->db, table, writer->first_id + index, &theirs, error))
    return FALSE;
  *same = *same && g_strcmp0 (mine->str, theirs) == 0;
  return TRUE;
}

/* The text json_group_object (id, trellis_audit_digest (value)) gives over
 * the rows, in id order; with CONTACTS, only over the rows that have contact
 * details. Each value is made in one reused buffer, only to be digested. */
static char *
render_bulk (Writer    *writer,
             ValueFunc  func,
             gboolean   contacts)
{
  GString *out = g_string_sized_new (writer->rows->len * (TRELLIS_AUDIT_DIGEST_LENGTH + 16));
  g_autoptr(GString) value = g_string_sized_new (256);
  char digest[TRELLIS_AUDIT_DIGEST_LENGTH + 1];

  g_string_append_c (out, '{');
  for (guint i = 0; i < writer->rows->len; i++)
    {
      if (contacts && !has_contact (row_at (writer, i)))
        continue;
      g_string_truncate (value, 0);
      func (writer, value, i);
      trellis_audit_digest (value->str, value->len, digest);
      g_string_append (out, out->len > 1 ? ",\"" : "\"");
      append_int (out, writer->first_id + i);
      append_literal (out, "\":\"");
      append_bytes (out, digest, TRELLIS_AUDIT_DIGEST_LENGTH);
      g_string_append_c (out, '"');
    }
  g_string_append_c (out, '}');
  return g_string_free (out, FALSE);
}

static gboolean
audit_table (Writer      *writer,
             const char  *table,
             ValueFunc    func,
             const char  *file_name,
             GError     **error)
{
  gboolean contacts = func == append_contact_value;
  guint first = 0, last = writer->rows->len - 1;
  gboolean same = TRUE;
  g_autofree char *value = NULL;
  TrellisAuditRecord record = { "import", table, TRELLIS_AUDIT_BULK_KEY, NULL, NULL, file_name };

  while (contacts && !has_contact (row_at (writer, first)))
    first++;
  while (contacts && !has_contact (row_at (writer, last)))
    last--;
  if (!renders_like_sqlite (writer, table, func, first, &same, error) ||
      !renders_like_sqlite (writer, table, func, last, &same, error))
    return FALSE;
  if (!same)
    return trellis_audit_append_bulk (writer->db, "import", table, writer->first_id,
                                      writer->first_id + writer->rows->len - 1, file_name, error);
  value = render_bulk (writer, func, contacts);
  record.new_value = value;
  return trellis_audit_append (writer->db, &record, error);
}

static gboolean
audit_rows (Writer      *writer,
            const char  *file_name,
            GError     **error)
{
  return audit_table (writer, "participant", append_participant_value, file_name, error) &&
         (writer->n_contacts == 0 ||
          audit_table (writer, "participant_contact", append_contact_value, file_name, error));
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
  g_auto(Writer) writer = { db, rows, progress, user_data, cancellable, g_date_time_format_iso8601 (now), };
  gboolean ok;

  g_return_val_if_fail (rows->len > 0, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !trellis_database_begin_write (db, error))
    return FALSE;
  trellis_database_exec (db, "PRAGMA cache_size = " IMPORT_CACHE_SIZE, NULL);
  ok = find_first_id (&writer, error) &&
       insert_rows (&writer, error) &&
       audit_rows (&writer, file_name, error) &&
       trellis_database_commit (db, error);
  if (!ok)
    trellis_database_rollback (db);
  trellis_database_exec (db, "PRAGMA cache_size = " DEFAULT_CACHE_SIZE, NULL);
  return ok;
}
