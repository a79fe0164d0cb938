/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "trellis-database-private.h"
#include "trellis-date.h"
#include "trellis-contact-field.h"
#include "trellis-import-pipeline.h"
#include "trellis-participant-import.h"
#include "trellis-participant-writer.h"
#include "trellis-storage-error.h"
#include "trellis-study-code.h"

/* Participants from a CSV file, all or nothing. Every row is checked before
 * anything is written, and every problem found is reported with its file,
 * line, column and value, so a coordinator fixes the whole file in one go
 * rather than one error per attempt. Only a file with no problem at all is
 * written, in one transaction, with one bulk audit row per table.
 *
 * This runs on files of 100,000 rows, so the per-row work is kept lean:
 * cohorts and codes are looked up in hash tables loaded once, dates are
 * checked without allocating, and messages are only formatted for the
 * problems that are listed. */

typedef enum
{
  FIELD_CODE,
  FIELD_COHORT,
  FIELD_BASELINE,
  FIELD_NAME,
  FIELD_EMAIL,
  FIELD_PHONE,
  FIELD_NOTES,
  N_FIELDS,
} Field;

#define FIRST_CONTACT_FIELD FIELD_NAME
#define TEXT_BLOCK (64 * 1024)
#define N_CONTACT_FIELDS (N_FIELDS - FIRST_CONTACT_FIELD)

static const char *const field_names[N_FIELDS] = {
  "code", "cohort", "baseline_date", "name", "email", "phone", "notes",
};

/* Header names as spreadsheets and other tools write them; matched after
 * trimming, in any case. */
static const struct
{
  const char *name;
  Field field;
} aliases[] = {
  { "code", FIELD_CODE },
  { "study_code", FIELD_CODE },
  { "study code", FIELD_CODE },
  { "participant_code", FIELD_CODE },
  { "participant code", FIELD_CODE },
  { "cohort", FIELD_COHORT },
  { "cohort_name", FIELD_COHORT },
  { "cohort name", FIELD_COHORT },
  { "baseline_date", FIELD_BASELINE },
  { "baseline date", FIELD_BASELINE },
  { "baseline", FIELD_BASELINE },
  { "name", FIELD_NAME },
  { "full_name", FIELD_NAME },
  { "full name", FIELD_NAME },
  { "email", FIELD_EMAIL },
  { "e-mail", FIELD_EMAIL },
  { "email_address", FIELD_EMAIL },
  { "phone", FIELD_PHONE },
  { "telephone", FIELD_PHONE },
  { "phone_number", FIELD_PHONE },
  { "notes", FIELD_NOTES },
  { "note", FIELD_NOTES },
};

typedef struct
{
  gint64 id;
  gboolean archived;
  char *name;
} Cohort;

/* One row to write. code is owned by Import.file_codes; its other text by
 * Import.text, which goes with the rows to the writer. */
typedef TrellisImportRow Row;

G_STATIC_ASSERT (N_CONTACT_FIELDS == TRELLIS_IMPORT_CONTACT_FIELDS);
G_STATIC_ASSERT (N_CONTACT_FIELDS == TRELLIS_CONTACT_N_FIELDS);

typedef struct
{
  TrellisDatabase *db;
  const char *file_name;
  TrellisParticipantStream *stream;   /* while the rows are written as they are read */
  GBytes *bytes;
  TrellisImportProgressFunc progress;
  gpointer user_data;
  GCancellable *cancellable;
  int columns[N_FIELDS];    /* index in the header, or -1 */
  guint n_columns;
  GHashTable *cohorts;      /* name, ASCII case-insensitive → Cohort */
  char *cohort_list;        /* "A, B, C" for messages, made when first needed */
  GHashTable *study_codes;  /* canonical codes already in the study */
  GHashTable *file_codes;   /* canonical code → line where the file has it */
  char *code_pattern;
  GArray *rows;             /* Row, dropped once any problem is found; while
                             * streaming, those not yet handed to the writer */
  GStringChunk *text;       /* the rows' text: a few large blocks rather than
                             * an allocation per cell, freed at once */
  guint chunk_rows;         /* while streaming, the rows of the next chunk */
  guint n_rows_read;
  GPtrArray *problems;      /* TrellisImportProblem */
  guint n_problems;
} Import;

void
trellis_import_problem_free (TrellisImportProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->column);
  g_free (problem->value);
  g_free (problem->message);
  g_free (problem->detail);
  g_free (problem);
}

static void
cohort_free (gpointer data)
{
  Cohort *cohort = data;

  g_free (cohort->name);
  g_free (cohort);
}

/* SQLite's NOCASE, which the cohort table's names use, folds ASCII only;
 * these two functions fold the same letters, so a name the table considers
 * taken is the name found here, and no key needs a folded copy. */
static guint
ascii_case_hash (gconstpointer key)
{
  guint hash = 5381;

  for (const char *p = key; *p != '\0'; p++)
    hash = hash * 33 + (guchar) g_ascii_tolower (*p);
  return hash;
}

static gboolean
ascii_case_equal (gconstpointer a,
                  gconstpointer b)
{
  return g_ascii_strcasecmp (a, b) == 0;
}

static void
import_init (Import          *import,
             TrellisDatabase *db,
             const char      *file_name)
{
  import->db = db;
  import->file_name = file_name;
  for (guint i = 0; i < N_FIELDS; i++)
    import->columns[i] = -1;
  import->cohorts = g_hash_table_new_full (ascii_case_hash, ascii_case_equal, NULL, cohort_free);
  import->study_codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  import->file_codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  import->rows = g_array_new (FALSE, TRUE, sizeof (Row));
  import->text = g_string_chunk_new (TEXT_BLOCK);
  import->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) trellis_import_problem_free);
}

static void
import_clear (Import *import)
{
  /* The writer's thread reads codes that file_codes owns until it ends. */
  g_clear_pointer (&import->stream, trellis_participant_stream_free);
  g_clear_pointer (&import->cohorts, g_hash_table_unref);
  g_clear_pointer (&import->cohort_list, g_free);
  g_clear_pointer (&import->study_codes, g_hash_table_unref);
  g_clear_pointer (&import->file_codes, g_hash_table_unref);
  g_clear_pointer (&import->code_pattern, g_free);
  g_clear_pointer (&import->rows, g_array_unref);
  g_clear_pointer (&import->text, g_string_chunk_free);
  g_clear_pointer (&import->problems, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Import, import_clear)

static void stream_row (Import *import);

/* The first problem: nothing will be written, so no rows are kept, and a
 * writer at work stops. */
static void
drop_rows (Import *import)
{
  g_array_set_size (import->rows, 0);
  g_string_chunk_clear (import->text);
  if (import->stream != NULL)
    trellis_participant_stream_abandon (import->stream);
}

/* Records a problem; past the listed ones it is only counted, so a file
 * with a million bad rows costs no million messages. */
G_GNUC_PRINTF (5, 6)
static void
add_problem (Import     *import,
             guint       line,
             const char *column,
             const char *value,
             const char *format,
             ...)
{
  TrellisImportProblem *problem;
  g_autofree char *detail = NULL;
  va_list args;

  /* The rows are written only if there is no problem, so keep no more. */
  if (import->n_problems++ == 0)
    drop_rows (import);
  if (import->n_problems > TRELLIS_IMPORT_MAX_PROBLEMS)
    return;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);

  problem = g_new0 (TrellisImportProblem, 1);
  problem->line = line;
  problem->column = g_strdup (column);
  problem->value = g_strdup (value);
  if (column != NULL)
    problem->message = g_strdup_printf (_("%s line %u, column ‘%s’: %s"),
                                        import->file_name, line, column, detail);
  else
    problem->message = g_strdup_printf (_("%s line %u: %s"), import->file_name, line, detail);
  problem->detail = g_steal_pointer (&detail);
  g_ptr_array_add (import->problems, problem);
}

/* A problem whose whole message the CSV reader already wrote. */
static void
add_reader_problem (Import       *import,
                    guint         line,
                    const GError *error)
{
  TrellisImportProblem *problem;

  if (import->n_problems++ == 0)
    drop_rows (import);
  if (import->n_problems > TRELLIS_IMPORT_MAX_PROBLEMS)
    return;

  problem = g_new0 (TrellisImportProblem, 1);
  problem->line = line;
  problem->message = g_strdup (error->message);
  problem->detail = g_strdup (error->message);
  g_ptr_array_add (import->problems, problem);
}

static gboolean
load_cohorts (Import  *import,
              GError **error)
{
  sqlite3_stmt *stmt = trellis_database_prepare (import->db,
      "SELECT id, name, archived FROM cohort ORDER BY name", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Cohort *cohort = g_new0 (Cohort, 1);

      cohort->id = sqlite3_column_int64 (stmt, 0);
      cohort->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      cohort->archived = sqlite3_column_int (stmt, 2) != 0;
      g_hash_table_replace (import->cohorts, cohort->name, cohort);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      trellis_database_set_error (import->db, error, rc);
      return FALSE;
    }
  return TRUE;
}

static gboolean
load_codes (Import  *import,
            GError **error)
{
  sqlite3_stmt *stmt = trellis_database_prepare (import->db, "SELECT code FROM participant", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (import->study_codes, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      trellis_database_set_error (import->db, error, rc);
      return FALSE;
    }

  stmt = trellis_database_query_single (import->db, "SELECT code_pattern FROM study WHERE id = 1", error);
  if (stmt == NULL)
    return FALSE;
  import->code_pattern = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return TRUE;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

/* "A, B, C": the cohorts a row may name, for the message about one it may not. */
static const char *
cohort_list (Import *import)
{
  g_autoptr(GPtrArray) names = NULL;
  GHashTableIter iter;
  Cohort *cohort;

  if (import->cohort_list != NULL)
    return import->cohort_list;

  names = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, import->cohorts);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &cohort))
    if (!cohort->archived)
      g_ptr_array_add (names, cohort->name);
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  import->cohort_list = names->len > 1 ? g_strjoinv (", ", (char **) names->pdata)
                                       : g_strdup (_("none yet"));
  return import->cohort_list;
}

static int
find_field (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    if (g_ascii_strcasecmp (aliases[i].name, name) == 0)
      return aliases[i].field;
  return -1;
}

static void
map_column (Import *import,
            guint   index,
            char   *name)
{
  int field;

  g_strstrip (name);
  field = find_field (name);
  if (*name == '\0')
    add_problem (import, 1, name, name,
                 _("column %u has no name; name it or remove it"), index + 1);
  else if (field < 0)
    add_problem (import, 1, name, name,
                 _("‘%s’ is not a column that can be imported (the columns are code, cohort, "
                   "baseline_date, name, email, phone and notes)"), name);
  else if (import->columns[field] >= 0)
    add_problem (import, 1, name, name,
                 _("‘%s’ is a second ‘%s’ column (the first is column %d)"),
                 name, field_names[field], import->columns[field] + 1);
  else
    import->columns[field] = (int) index;
}

/* Maps the header's names to fields. Rows are only checked if the required
 * column is there; unknown columns are reported, never silently dropped,
 * since they usually are a misspelt column whose data would be lost. */
static gboolean
map_header (Import    *import,
            GPtrArray *header)
{
  import->n_columns = header->len;
  for (guint i = 0; i < header->len; i++)
    map_column (import, i, header->pdata[i]);

  if (import->columns[FIELD_COHORT] < 0)
    add_problem (import, 1, NULL, NULL,
                 _("the header has no ‘cohort’ column, which every participant needs"));
  return import->columns[FIELD_COHORT] >= 0;
}

/* The cell of a field in this row, or NULL if the file has no such column. */
static char *
cell (Import    *import,
      GPtrArray *fields,
      Field      field)
{
  int index = import->columns[field];

  return index >= 0 ? fields->pdata[index] : NULL;
}

/* A copy of a cell's text, for the row to write: the reader's fields are
 * its own, and last only until the next row. */
static char *
copy_cell (Import    *import,
           GPtrArray *fields,
           Field      field,
           int       *length)
{
  const char *text = fields->pdata[import->columns[field]];

  *length = (int) strlen (text);
  return g_string_chunk_insert_len (import->text, text, *length);
}

static gboolean
is_code_char (char c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '_';
}

/* The same rules as trellis_study_code_validate(), for a code already
 * normalised, without its allocations; the domain function words the
 * message when a code fails. */
static gboolean
code_is_valid (const char *code)
{
  gsize length = 0;

  for (const char *p = code; *p != '\0'; p++, length++)
    if (!is_code_char (*p))
      return FALSE;
  return length > 0 && length <= TRELLIS_STUDY_CODE_MAX;
}

static void
report_bad_code (Import     *import,
                 guint       line,
                 const char *text)
{
  g_autoptr(GError) local_error = NULL;

  if (trellis_study_code_validate (text, &local_error))
    add_problem (import, line, "code", text, _("‘%s’ is not a valid study code"), text);
  else
    add_problem (import, line, "code", text, "%s", local_error->message);
}

static gboolean
check_code (Import     *import,
            Row        *row,
            const char *text)
{
  g_autofree char *code = NULL;
  gpointer first_line;

  if (text == NULL)
    return TRUE;
  code = trellis_study_code_normalize (text);
  if (!code_is_valid (code))
    {
      report_bad_code (import, row->line, text);
      return FALSE;
    }
  if (g_hash_table_contains (import->study_codes, code))
    {
      add_problem (import, row->line, "code", text,
                   _("‘%s’ is already the code of a participant in this study"), code);
      return FALSE;
    }
  if (g_hash_table_lookup_extended (import->file_codes, code, NULL, &first_line))
    {
      add_problem (import, row->line, "code", text,
                   _("‘%s’ is also the code on line %u; each participant needs a code of their own"),
                   code, GPOINTER_TO_UINT (first_line));
      return FALSE;
    }
  row->code = code;
  row->code_length = (int) strlen (code);
  g_hash_table_insert (import->file_codes, g_steal_pointer (&code), GUINT_TO_POINTER (row->line));
  return TRUE;
}

static gboolean
check_cohort (Import *import,
              Row    *row,
              char   *text)
{
  Cohort *cohort;

  /* Rows are only checked when the header has the cohort column. */
  g_return_val_if_fail (text != NULL, FALSE);
  g_strstrip (text);
  if (*text == '\0')
    {
      add_problem (import, row->line, "cohort", text,
                   _("the cohort is empty; every participant belongs to a cohort (%s)"),
                   cohort_list (import));
      return FALSE;
    }
  cohort = g_hash_table_lookup (import->cohorts, text);
  if (cohort == NULL)
    {
      add_problem (import, row->line, "cohort", text,
                   _("‘%s’ is not a cohort in this study (its cohorts: %s)"),
                   text, cohort_list (import));
      return FALSE;
    }
  if (cohort->archived)
    {
      add_problem (import, row->line, "cohort", text,
                   _("‘%s’ is archived, so no participants can join it"), cohort->name);
      return FALSE;
    }
  row->cohort_id = cohort->id;
  return TRUE;
}

/* trellis_date_parse() without its allocations, for the common case of a
 * good date; a bad one goes to trellis_date_parse() for its message. */
static gboolean
date_is_valid (const char *text)
{
  int year = 0, month = 0, day = 0;

  for (guint i = 0; i < 10; i++)
    {
      if (i == 4 || i == 7 ? text[i] != '-' : !g_ascii_isdigit (text[i]))
        return FALSE;
    }
  if (text[10] != '\0')
    return FALSE;
  for (guint i = 0; i < 4; i++)
    year = year * 10 + (text[i] - '0');
  month = (text[5] - '0') * 10 + (text[6] - '0');
  day = (text[8] - '0') * 10 + (text[9] - '0');
  return year >= TRELLIS_DATE_YEAR_MIN && year <= TRELLIS_DATE_YEAR_MAX &&
         g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

static gboolean
check_baseline (Import    *import,
                Row       *row,
                GPtrArray *fields)
{
  char *text = cell (import, fields, FIELD_BASELINE);
  g_autoptr(GError) local_error = NULL;

  if (text == NULL || *g_strstrip (text) == '\0')
    return TRUE;
  if (!date_is_valid (text))
    {
      if (trellis_date_parse (text, NULL, &local_error))
        add_problem (import, row->line, "baseline_date", text,
                     _("‘%s’ is not a date (expected YYYY-MM-DD)"), text);
      else
        add_problem (import, row->line, "baseline_date", text, "%s", local_error->message);
      return FALSE;
    }
  row->baseline = copy_cell (import, fields, FIELD_BASELINE, &row->baseline_length);
  return TRUE;
}

static void
take_contact (Import    *import,
              Row       *row,
              GPtrArray *fields)
{
  for (guint i = 0; i < N_CONTACT_FIELDS; i++)
    {
      char *text = cell (import, fields, FIRST_CONTACT_FIELD + i);
      g_autoptr(GError) local_error = NULL;

      if (text == NULL || *g_strstrip (text) == '\0')
        continue;
      /* The value is identifiable, so the problem never quotes it. */
      if (!trellis_contact_field_check (i, text, &local_error))
        add_problem (import, row->line, field_names[FIRST_CONTACT_FIELD + i], NULL,
                     "%s", local_error->message);
      else
        row->contact[i] = copy_cell (import, fields, FIRST_CONTACT_FIELD + i, &row->contact_length[i]);
    }
}

/* Checks every cell of the row, so that all its problems are listed, and
 * keeps the row for writing while the file has no problem. */
static void
check_row (Import    *import,
           GPtrArray *fields,
           guint      line)
{
  Row row = { .line = line };
  gboolean ok = TRUE;

  if (fields->len != import->n_columns)
    {
      add_problem (import, line, NULL, NULL,
                   ngettext ("the row has %u field, but the header has %u columns; "
                             "a comma inside a value needs quotes around the value",
                             "the row has %u fields, but the header has %u columns; "
                             "a comma inside a value needs quotes around the value",
                             fields->len),
                   fields->len, import->n_columns);
      return;
    }

  ok &= check_code (import, &row, cell (import, fields, FIELD_CODE));
  ok &= check_cohort (import, &row, cell (import, fields, FIELD_COHORT));
  ok &= check_baseline (import, &row, fields);
  if (!ok || import->n_problems > 0)
    return;
  take_contact (import, &row, fields);
  g_array_append_val (import->rows, row);
  if (import->stream != NULL)
    stream_row (import);
}

/* Hands the rows kept so far to the writer (trellis-participant-stream.c). */
static void
stream_push (Import *import)
{
  GArray *rows = g_steal_pointer (&import->rows);
  GStringChunk *text = g_steal_pointer (&import->text);

  import->chunk_rows = MIN (import->chunk_rows * 2, TRELLIS_PARTICIPANT_STREAM_CHUNK);
  import->rows = g_array_sized_new (FALSE, TRUE, sizeof (Row), import->chunk_rows);
  import->text = g_string_chunk_new (TEXT_BLOCK);
  trellis_participant_stream_push (import->stream, rows, text);
}

/* After a row that passed, while the file has no problem. The first chunks
 * are small and each twice the one before, up to the full size: the writer
 * is the slower half, and on a small file it would otherwise wait for the
 * first full chunk, a good part of the whole file, before writing a row. */
static void
stream_row (Import *import)
{
  if (import->rows->len >= import->chunk_rows)
    stream_push (import);
}

static gboolean
read_rows (Import           *import,
           TrellisCsvReader *reader,
           gboolean          check,
           GCancellable     *cancellable,
           GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  GPtrArray *fields = NULL;

  while (trellis_csv_reader_next_fields (reader, &fields, &local_error))
    {
      if (check)
        check_row (import, fields, trellis_csv_reader_get_line (reader));
      if (++import->n_rows_read % 4096 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
    }
  if (local_error != NULL)
    add_reader_problem (import, trellis_csv_reader_get_line (reader), local_error);
  else if (import->n_rows_read == 0)
    add_problem (import, 1, NULL, NULL,
                 _("the file has a header but no participants below it"));
  return TRUE;
}

/* Reads and checks the whole file; FALSE only when cancelled, since every
 * problem with the file is collected rather than returned. */
static gboolean
read_file (Import        *import,
           GBytes        *bytes,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(TrellisCsvReader) reader = trellis_csv_reader_new (import->file_name, bytes, NULL);
  g_autoptr(GPtrArray) header = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean check;

  if (!trellis_csv_reader_next_row (reader, &header, &local_error))
    {
      if (local_error != NULL)
        add_reader_problem (import, trellis_csv_reader_get_line (reader), local_error);
      else
        add_problem (import, 1, NULL, NULL,
                     _("the file is empty; it needs a header row naming the columns, "
                       "at least ‘cohort’, and a row per participant"));
      return TRUE;
    }
  check = map_header (import, header);
  /* A file without codes gets them at the end, from the study's pattern,
   * so only a file with a code column is written as it is read. */
  if (check && import->columns[FIELD_CODE] >= 0 && import->n_problems == 0)
    {
      import->chunk_rows = TRELLIS_PARTICIPANT_STREAM_FIRST_CHUNK;
      import->stream = trellis_participant_stream_start (import->db, bytes, import->progress, import->user_data,
                                                         cancellable, error);
      if (import->stream == NULL)
        return FALSE;
    }
  return read_rows (import, reader, check, cancellable, error);
}

/* Codes for a file without a code column, from the study's pattern, after
 * the highest code the study has: the same codes adding the participants
 * one by one would have given them. */
static void
generate_codes (Import *import)
{
  g_autofree const char **existing = NULL;
  g_autofree char *next = NULL;
  guint n_existing = 0;

  if (!trellis_study_code_pattern_validate (import->code_pattern, NULL))
    {
      add_problem (import, 2, NULL, NULL,
                   _("the file has no ‘code’ column, and the study’s code pattern ‘%s’ "
                     "cannot make codes; add a ‘code’ column"), import->code_pattern);
      return;
    }
  existing = (const char **) g_hash_table_get_keys_as_array (import->study_codes, &n_existing);
  next = trellis_study_code_pattern_next (import->code_pattern, existing, n_existing);
  for (guint i = 0; i < import->rows->len; i++)
    {
      Row *row = &g_array_index (import->rows, Row, i);

      if (next == NULL)
        {
          add_problem (import, row->line, NULL, NULL,
                       _("the study’s code pattern ‘%s’ has run out of codes; add a ‘code’ column"),
                       import->code_pattern);
          return;
        }
      row->code = next;
      row->code_length = (int) strlen (next);
      g_hash_table_insert (import->file_codes, g_steal_pointer (&next), GUINT_TO_POINTER (row->line));
      next = trellis_study_code_pattern_next (import->code_pattern, &row->code, 1);
    }
}

static GPtrArray *
steal_problems (Import *import)
{
  GPtrArray *problems = g_steal_pointer (&import->problems);

  if (import->n_problems > TRELLIS_IMPORT_MAX_PROBLEMS)
    {
      TrellisImportProblem *more = g_new0 (TrellisImportProblem, 1);
      guint n_more = import->n_problems - TRELLIS_IMPORT_MAX_PROBLEMS;

      more->message = g_strdup_printf (ngettext ("and %u more problem", "and %u more problems", n_more),
                                       n_more);
      g_ptr_array_add (problems, more);
    }
  return problems;
}

static void
set_invalid_error (Import  *import,
                   GError **error)
{
  const TrellisImportProblem *first = g_ptr_array_index (import->problems, 0);

  g_set_error (error, TRELLIS_IMPORT_ERROR, TRELLIS_IMPORT_ERROR_INVALID,
               ngettext ("%s was not imported: it has %u problem, so nothing was changed. %s",
                         "%s was not imported: it has %u problems, so nothing was changed. The first: %s",
                         import->n_problems),
               import->file_name, import->n_problems, first->message);
}

/* Imports the participants in bytes, the contents of file_name (a name for
 * messages). On a problem with the data, nothing is written, problems gets
 * up to TRELLIS_IMPORT_MAX_PROBLEMS of them (and an entry saying how many
 * more) and error is TRELLIS_IMPORT_ERROR_INVALID, summarising them.
 * progress comes at every 1% of the rows written, and may be called from a
 * thread the import starts; the database is not to be used by anything else
 * until the import returns. */
gboolean
trellis_participant_import (TrellisDatabase            *db,
                            const char                 *file_name,
                            GBytes                     *bytes,
                            TrellisImportProgressFunc   progress,
                            gpointer                    user_data,
                            GCancellable               *cancellable,
                            guint                      *n_imported,
                            GPtrArray                 **problems,
                            GError                    **error)
{
  g_auto(Import) import = { 0 };

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (file_name != NULL && bytes != NULL, FALSE);

  if (n_imported != NULL)
    *n_imported = 0;
  if (problems != NULL)
    *problems = NULL;

  import_init (&import, db, file_name);
  import.bytes = bytes;
  import.progress = progress;
  import.user_data = user_data;
  import.cancellable = cancellable;
  if (!load_cohorts (&import, error) || !load_codes (&import, error) ||
      !read_file (&import, bytes, cancellable, error))
    return FALSE;
  if (import.n_problems == 0 && import.columns[FIELD_CODE] < 0)
    generate_codes (&import);
  if (import.n_problems > 0)
    {
      set_invalid_error (&import, error);
      if (problems != NULL)
        *problems = steal_problems (&import);
      return FALSE;
    }
  if (import.stream != NULL)
    {
      if (import.rows->len > 0)
        stream_push (&import);
      if (!trellis_participant_stream_commit (import.stream, file_name, error))
        return FALSE;
    }
  else if (!trellis_participant_writer_write (db, file_name, import.rows, progress, user_data, cancellable, error))
    return FALSE;
  if (n_imported != NULL)
    *n_imported = import.n_rows_read;
  return TRUE;
}

/* The header and the first n_rows rows as text (GPtrArray of strings, and
 * of such arrays), for a preview before importing. Nothing is checked beyond
 * what the CSV reader checks: the import itself lists every problem. */
gboolean
trellis_participant_import_preview (const char  *file_name,
                                    GBytes      *bytes,
                                    guint        n_rows,
                                    GPtrArray  **header,
                                    GPtrArray  **rows,
                                    GError     **error)
{
  g_autoptr(TrellisCsvReader) reader = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GError) local_error = NULL;
  GPtrArray *fields = NULL;

  g_return_val_if_fail (file_name != NULL && bytes != NULL, FALSE);
  g_return_val_if_fail (header != NULL && rows != NULL, FALSE);

  reader = trellis_csv_reader_new (file_name, bytes, NULL);
  if (!trellis_csv_reader_next_row (reader, &first, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, TRELLIS_IMPORT_ERROR, TRELLIS_IMPORT_ERROR_INVALID,
                     _("%s is empty; it needs a header row naming the columns"), file_name);
      return FALSE;
    }
  while (result->len < n_rows && trellis_csv_reader_next_row (reader, &fields, &local_error))
    g_ptr_array_add (result, fields);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  *header = g_steal_pointer (&first);
  *rows = g_steal_pointer (&result);
  return TRUE;
}

/* The field a header name maps to ("code", "cohort", "baseline_date", "name",
 * "email", "phone" or "notes"), matched as the import matches it; NULL if the
 * import would refuse the column. For previews. */
const char *
trellis_participant_import_field_for_column (const char *header_name)
{
  g_autofree char *name = NULL;
  int field;

  g_return_val_if_fail (header_name != NULL, NULL);

  name = g_strstrip (g_strdup (header_name));
  field = find_field (name);
  return field < 0 ? NULL : field_names[field];
}
