/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>
#include <string.h>

#include "trellis-csv-reader.h"

/* A strict RFC 4180 reader over a buffer the caller has read. It never
 * guesses: anything it cannot read exactly is an error that names the file,
 * the line and the column, because a quietly shifted column in research data
 * is worse than a refused import. */

G_DEFINE_QUARK (trellis-import-error-quark, trellis_import_error)

struct _TrellisCsvReader
{
  char *file_name;
  GBytes *bytes;
  const guchar *data;
  gsize len;
  gsize pos;
  /* The first byte that is not valid UTF-8 (or a NUL), len if none. Found
   * once up front, so the parser only compares offsets. */
  gsize bad_offset;
  /* Past the last byte that is not CR or LF: blank lines at the end of a
   * file are what editors leave behind, not records. */
  gsize content_end;
  guint line;
  gsize line_start;
  guint record_line;
  gboolean done;
  TrellisCsvLimits limits;
  /* Each field is gathered here, then copied out at its exact size: one
   * allocation per field instead of a GString grown byte by byte. */
  GString *scratch;
  /* For trellis_csv_reader_next_fields (): the record's fields one after
   * the other, each ending in a NUL, and pointers to them. */
  GString *record;
  GArray *offsets;
  GPtrArray *fields;
};

/* Where a field began, kept as offsets so that a column, which costs a scan
 * of the line, is only counted when a message needs it. */
typedef struct
{
  guint line;
  gsize line_start;
  gsize pos;
} Place;

/* How many bytes from the start are plain ASCII without a NUL, in whole
 * words of eight: a word holds another byte if one has its high bit set
 * (the top bit of any byte of word & HIGH), or a NUL, which
 * (word - ONES) & ~word & HIGH finds exactly when no byte is above 0x7F. */
static gsize
ascii_prefix (const guchar *data,
              gsize         len)
{
  const guint64 high = G_GUINT64_CONSTANT (0x8080808080808080);
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
  gsize n = 0;

  for (; n + sizeof (guint64) <= len; n += sizeof (guint64))
    {
      guint64 word;

      memcpy (&word, data + n, sizeof word);
      if ((word & high) != 0 || ((word - ones) & ~word & high) != 0)
        break;
    }
  return n;
}

/* Most files are ASCII throughout, and GLib's validation goes a byte at a
 * time, a good part of reading a small file: it takes over only from the
 * first word that is not plain ASCII, which starts a character. */
static gsize
find_bad_offset (const guchar *data,
                 gsize         len)
{
  gsize start = ascii_prefix (data, len);
  const char *end = NULL;

  /* g_utf8_validate_len() also stops at a NUL, which we report too. */
  if (g_utf8_validate_len ((const char *) data + start, len - start, &end))
    return len;
  return (gsize) ((const guchar *) end - data);
}

static gsize
find_content_end (const guchar *data,
                  gsize         len)
{
  while (len > 0 && (data[len - 1] == '\n' || data[len - 1] == '\r'))
    len--;
  return len;
}

TrellisCsvReader *
trellis_csv_reader_new (const char             *file_name,
                        GBytes                 *bytes,
                        const TrellisCsvLimits *limits)
{
  TrellisCsvReader *self;

  g_return_val_if_fail (file_name != NULL, NULL);
  g_return_val_if_fail (bytes != NULL, NULL);

  self = g_new0 (TrellisCsvReader, 1);
  self->file_name = g_strdup (file_name);
  self->bytes = g_bytes_ref (bytes);
  self->data = g_bytes_get_data (bytes, &self->len);
  self->line = 1;
  self->record_line = 1;
  self->limits.max_field_bytes = TRELLIS_CSV_DEFAULT_MAX_FIELD_BYTES;
  self->limits.max_fields = TRELLIS_CSV_DEFAULT_MAX_FIELDS;
  if (limits != NULL && limits->max_field_bytes > 0)
    self->limits.max_field_bytes = limits->max_field_bytes;
  if (limits != NULL && limits->max_fields > 0)
    self->limits.max_fields = limits->max_fields;

  /* Spreadsheets write a byte-order mark; it is not part of the first field.
   * Byte offsets in messages still count it, as a hex viewer would. */
  if (self->len >= 3 && memcmp (self->data, "\xEF\xBB\xBF", 3) == 0)
    self->pos = self->line_start = 3;
  self->bad_offset = find_bad_offset (self->data, self->len);
  self->content_end = find_content_end (self->data, self->len);
  self->scratch = g_string_sized_new (256);
  self->record = g_string_sized_new (1024);
  self->offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
  self->fields = g_ptr_array_new ();
  return self;
}

void
trellis_csv_reader_free (TrellisCsvReader *self)
{
  if (self == NULL)
    return;
  g_bytes_unref (self->bytes);
  g_free (self->file_name);
  g_string_free (self->scratch, TRUE);
  g_string_free (self->record, TRUE);
  g_array_unref (self->offsets);
  g_ptr_array_unref (self->fields);
  g_free (self);
}

guint
trellis_csv_reader_get_line (TrellisCsvReader *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->record_line;
}

static Place
here (TrellisCsvReader *self)
{
  return (Place) { self->line, self->line_start, self->pos };
}

/* Columns count characters, not bytes, as an editor shows them. Everything
 * before bad_offset is valid UTF-8, and no place lies beyond it. */
static guint
column_of (TrellisCsvReader *self,
           const Place      *place)
{
  return (guint) g_utf8_strlen ((const char *) self->data + place->line_start,
                                (gssize) (place->pos - place->line_start)) + 1;
}

static void
new_line (TrellisCsvReader *self)
{
  self->line++;
  self->line_start = self->pos;
}

/* Fails when the byte at pos is a NUL or starts invalid UTF-8. */
static gboolean
check_byte (TrellisCsvReader  *self,
            GError           **error)
{
  Place place = here (self);

  if (self->pos != self->bad_offset)
    return TRUE;
  if (self->data[self->pos] == '\0')
    g_set_error (error, TRELLIS_IMPORT_ERROR, TRELLIS_IMPORT_ERROR_ENCODING,
                 _("%s line %u, column %u: a NUL byte at byte %" PRIu64 "; "
                   "a CSV file must be plain text"),
                 self->file_name, place.line, column_of (self, &place),
                 (guint64) self->pos + 1);
  else
    g_set_error (error, TRELLIS_IMPORT_ERROR, TRELLIS_IMPORT_ERROR_ENCODING,
                 _("%s line %u: invalid UTF-8 at byte %" PRIu64 " (0x%02X); "
                   "save the file as UTF-8"),
                 self->file_name, place.line, (guint64) self->pos + 1,
                 (guint) self->data[self->pos]);
  return FALSE;
}

static gboolean
append_byte (TrellisCsvReader  *self,
             GString           *field,
             const Place       *start,
             GError           **error)
{
  if (field->len >= self->limits.max_field_bytes)
    {
      g_set_error (error, TRELLIS_IMPORT_ERROR, TRELLIS_IMPORT_ERROR_TOO_LARGE,
                   _("%s line %u, column %u: a field longer than %" PRIu64 " bytes"),
                   self->file_name, start->line, column_of (self, start),
                   (guint64) self->limits.max_field_bytes);
      return FALSE;
    }
  g_string_append_c (field, (char) self->data[self->pos]);
  self->pos++;
  return TRUE;
}

/* Consumes a comma, a line end (LF or CRLF) or the end of the file, and says
 * which. Anything else is left for the caller to judge. */
static gboolean
take_terminator (TrellisCsvReader *self,
                 gboolean         *end_of_record)
{
  const guchar *d = self->data;

  *end_of_record = TRUE;
  if (self->pos >= self->len)
    return TRUE;
  if (d[self->pos] == ',')
    {
      *end_of_record = FALSE;
      self->pos++;
      return TRUE;
    }
  if (d[self->pos] == '\n'
      || (d[self->pos] == '\r' && self->pos + 1 < self->len && d[self->pos + 1] == '\n'))
    {
      self->pos += d[self->pos] == '\r' ? 2 : 1;
      new_line (self);
      return TRUE;
    }
  return FALSE;
}

static gboolean
malformed_at (TrellisCsvReader  *self,
              GError           **error)
{
  Place place = here (self);
  guint column = column_of (self, &place);
  gunichar ch = g_utf8_get_char ((const char *) self->data + self->pos);
  char shown[16] = { 0 };

  if (ch == '"')
    {
      g_set_error (error, TRELLIS_IMPORT_ERROR, TRELLIS_IMPORT_ERROR_MALFORMED,
                   _("%s line %u, column %u: a quote inside an unquoted field; "
                     "enclose the field in quotes and double the quote"),
                   self->file_name, place.line, column);
      return FALSE;
    }
  if (ch == '\r')
    {
      g_set_error (error, TRELLIS_IMPORT_ERROR, TRELLIS_IMPORT_ERROR_MALFORMED,
                   _("%s line %u, column %u: a carriage return without a line feed; "
                     "save the file with LF or CRLF line endings"),
                   self->file_name, place.line, column);
      return FALSE;
    }
  if (g_unichar_isprint (ch))
    g_unichar_to_utf8 (ch, shown);
  else
    g_snprintf (shown, sizeof shown, "U+%04X", ch);
  g_set_error (error, TRELLIS_IMPORT_ERROR, TRELLIS_IMPORT_ERROR_MALFORMED,
               _("%s line %u, column %u: text after the closing quote (‘%s’); "
                 "a quoted field must end at a comma or at the end of the line"),
               self->file_name, place.line, column, shown);
  return FALSE;
}

/* How many bytes from pos may be appended at once: up to bad_offset, which
 * check_byte must see, and the field limit, which append_byte reports. */
static gsize
run_room (TrellisCsvReader *self,
          GString          *field)
{
  gsize end = MIN (self->bad_offset, self->len);
  gsize left = self->limits.max_field_bytes > field->len ? self->limits.max_field_bytes - field->len : 0;

  return end > self->pos ? MIN (end - self->pos, left) : 0;
}

/* Most of a file is runs of bytes that need no decision. These take such a
 * run at once; the byte-by-byte loops then judge the byte that ends it. */
static void
append_unquoted_run (TrellisCsvReader *self,
                     GString          *field)
{
  const guchar *d = self->data + self->pos;
  gsize room = run_room (self, field);
  gsize n = 0;

  while (n < room && d[n] != ',' && d[n] != '\n' && d[n] != '\r' && d[n] != '"')
    n++;
  g_string_append_len (field, (const char *) d, n);
  self->pos += n;
}

static void
append_quoted_run (TrellisCsvReader *self,
                   GString          *field)
{
  const guchar *d = self->data + self->pos;
  gsize room = run_room (self, field);
  gsize n = 0;

  while (n < room && d[n] != '"' && d[n] != '\n')
    n++;
  g_string_append_len (field, (const char *) d, n);
  self->pos += n;
}

static gboolean
read_unquoted (TrellisCsvReader  *self,
               GString           *field,
               gboolean          *end_of_record,
               GError           **error)
{
  Place start = here (self);

  for (;;)
    {
      append_unquoted_run (self, field);
      if (self->pos < self->len && !check_byte (self, error))
        return FALSE;
      if (take_terminator (self, end_of_record))
        return TRUE;
      if (self->data[self->pos] == '"' || self->data[self->pos] == '\r')
        return malformed_at (self, error);
      if (!append_byte (self, field, &start, error))
        return FALSE;
    }
}

static gboolean
unterminated (TrellisCsvReader  *self,
              const Place       *start,
              GError           **error)
{
  g_set_error (error, TRELLIS_IMPORT_ERROR, TRELLIS_IMPORT_ERROR_MALFORMED,
               _("%s line %u, column %u: the quoted field that starts here is "
                 "not closed before the end of the file; add the closing quote"),
               self->file_name, start->line, column_of (self, start));
  return FALSE;
}

/* A quoted field may hold commas, quotes written as "", and line ends of any
 * kind, a lone CR included: all of it is data. */
static gboolean
read_quoted (TrellisCsvReader  *self,
             GString           *field,
             gboolean          *end_of_record,
             GError           **error)
{
  Place start = here (self);

  self->pos++;
  for (;;)
    {
      append_quoted_run (self, field);
      if (self->pos >= self->len)
        return unterminated (self, &start, error);
      if (!check_byte (self, error))
        return FALSE;
      if (self->data[self->pos] == '"')
        {
          if (self->pos + 1 >= self->len || self->data[self->pos + 1] != '"')
            break;
          self->pos++;
        }
      else if (self->data[self->pos] == '\n')
        {
          if (!append_byte (self, field, &start, error))
            return FALSE;
          new_line (self);
          continue;
        }
      if (!append_byte (self, field, &start, error))
        return FALSE;
    }

  self->pos++;
  if (self->pos < self->len && !check_byte (self, error))
    return FALSE;
  if (take_terminator (self, end_of_record))
    return TRUE;
  return malformed_at (self, error);
}

static gboolean
too_many_fields (TrellisCsvReader  *self,
                 GError           **error)
{
  Place place = here (self);

  g_set_error (error, TRELLIS_IMPORT_ERROR, TRELLIS_IMPORT_ERROR_TOO_LARGE,
               _("%s line %u, column %u: more than %u fields in one row"),
               self->file_name, place.line, column_of (self, &place),
               self->limits.max_fields);
  return FALSE;
}

/* Reads the record's fields into self->record, their starts into
 * self->offsets. */
static gboolean
read_record (TrellisCsvReader  *self,
             GError           **error)
{
  gboolean end_of_record = FALSE;

  g_string_truncate (self->record, 0);
  g_array_set_size (self->offsets, 0);
  while (!end_of_record)
    {
      GString *field = self->scratch;
      gsize start = self->record->len;
      gboolean ok;

      g_string_truncate (field, 0);
      if (self->offsets->len >= self->limits.max_fields)
        return too_many_fields (self, error);
      if (self->pos < self->len && self->data[self->pos] == '"')
        ok = read_quoted (self, field, &end_of_record, error);
      else
        ok = read_unquoted (self, field, &end_of_record, error);
      if (!ok)
        return FALSE;
      g_string_append_len (self->record, field->str, field->len + 1);
      g_array_append_val (self->offsets, start);
    }
  return TRUE;
}

/* Reads the next record; FALSE at the end of the file (error unset) or on a
 * problem (error set). */
static gboolean
next_record (TrellisCsvReader  *self,
             GError           **error)
{
  if (self->done || self->pos >= self->content_end)
    {
      self->done = TRUE;
      return FALSE;
    }
  self->record_line = self->line;
  if (!read_record (self, error))
    {
      self->done = TRUE;
      return FALSE;
    }
  return TRUE;
}

/* Returns the next record's fields, or FALSE at the end of the file (error
 * unset) or on a problem (error set). Either way the reader is finished after
 * a FALSE: an import is all-or-nothing, so there is no resuming. Rows with
 * differing field counts are returned as they are; the importer knows the
 * header and reports them better. */
gboolean
trellis_csv_reader_next_row (TrellisCsvReader  *self,
                             GPtrArray        **fields_out,
                             GError           **error)
{
  GPtrArray *fields;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (fields_out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *fields_out = NULL;
  if (!next_record (self, error))
    return FALSE;
  fields = g_ptr_array_new_full (self->offsets->len, g_free);
  for (guint i = 0; i < self->offsets->len; i++)
    {
      gsize start = g_array_index (self->offsets, gsize, i);
      gsize end = i + 1 < self->offsets->len ? g_array_index (self->offsets, gsize, i + 1) : self->record->len;

      g_ptr_array_add (fields, g_memdup2 (self->record->str + start, end - start));
    }
  *fields_out = fields;
  return TRUE;
}

/* The same, for a reader of millions of rows: the fields are the reader's
 * own, valid until the next call, and may be changed in place (trimmed),
 * which saves an allocation for every field. A field to keep is copied. */
gboolean
trellis_csv_reader_next_fields (TrellisCsvReader  *self,
                                GPtrArray        **fields_out,
                                GError           **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (fields_out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *fields_out = NULL;
  if (!next_record (self, error))
    return FALSE;
  /* The record's text is complete, so it moves no more. */
  g_ptr_array_set_size (self->fields, 0);
  for (guint i = 0; i < self->offsets->len; i++)
    g_ptr_array_add (self->fields, self->record->str + g_array_index (self->offsets, gsize, i));
  *fields_out = self->fields;
  return TRUE;
}
