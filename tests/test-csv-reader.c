/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "trellis-csv-reader.h"

/* The CSV reader works on bytes in memory, so the cases are literal strings.
 * Rows are compared through a printed form, each field in brackets and each
 * row on its own line, so that a failure shows the whole result at once. */

typedef struct
{
  GString *printed;
  GArray *lines;
  GError *error;
} Result;

static void
result_clear (Result *result)
{
  g_string_free (result->printed, TRUE);
  g_array_unref (result->lines);
  g_clear_error (&result->error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, result_clear)

static void
print_row (GString   *printed,
           GPtrArray *fields)
{
  for (guint i = 0; i < fields->len; i++)
    g_string_append_printf (printed, "[%s]", (const char *) fields->pdata[i]);
  g_string_append_c (printed, '\n');
}

/* trellis_csv_reader_next_fields (), which lends its fields rather than
 * giving them, reads every file as next_row () does: the same fields, lines
 * and error. Each row's fields are changed after they are printed, as an
 * importer trims them, which must not touch the next row. */
static void
assert_same_fields (GBytes                 *bytes,
                    const TrellisCsvLimits *limits,
                    const Result           *expected)
{
  g_autoptr(TrellisCsvReader) reader = trellis_csv_reader_new ("x.csv", bytes, limits);
  g_autoptr(GString) printed = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  GPtrArray *fields = NULL;
  guint row = 0;

  while (trellis_csv_reader_next_fields (reader, &fields, &error))
    {
      print_row (printed, fields);
      g_assert_cmpuint (row, <, expected->lines->len);
      g_assert_cmpuint (trellis_csv_reader_get_line (reader), ==, g_array_index (expected->lines, guint, row));
      row++;
      for (guint i = 0; i < fields->len; i++)
        memset (fields->pdata[i], '#', strlen (fields->pdata[i]));
    }
  g_assert_null (fields);
  g_assert_cmpstr (printed->str, ==, expected->printed->str);
  g_assert_cmpuint (row, ==, expected->lines->len);
  if (expected->error == NULL)
    g_assert_no_error (error);
  else
    g_assert_error (error, expected->error->domain, expected->error->code);
  if (error != NULL)
    g_assert_cmpstr (error->message, ==, expected->error->message);
}

static void
read_all_len (const char             *text,
              gsize                   len,
              const TrellisCsvLimits *limits,
              Result                 *result)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, len);
  g_autoptr(TrellisCsvReader) reader = trellis_csv_reader_new ("x.csv", bytes, limits);
  g_autoptr(GPtrArray) fields = NULL;

  result->printed = g_string_new (NULL);
  result->lines = g_array_new (FALSE, FALSE, sizeof (guint));
  result->error = NULL;
  while (trellis_csv_reader_next_row (reader, &fields, &result->error))
    {
      guint line = trellis_csv_reader_get_line (reader);

      print_row (result->printed, fields);
      g_array_append_val (result->lines, line);
      g_clear_pointer (&fields, g_ptr_array_unref);
    }
  g_assert_null (fields);

  /* A finished reader stays finished, without a second error. */
  g_assert_false (trellis_csv_reader_next_row (reader, &fields, NULL));
  g_assert_null (fields);
  assert_same_fields (bytes, limits, result);
}

static void
read_all (const char             *text,
          const TrellisCsvLimits *limits,
          Result                 *result)
{
  read_all_len (text, strlen (text), limits, result);
}

static void
assert_rows (const char *text,
             const char *expected)
{
  g_auto(Result) result = { 0 };

  read_all (text, NULL, &result);
  g_assert_no_error (result.error);
  g_assert_cmpstr (result.printed->str, ==, expected);
}

static void
assert_error (const Result *result,
              int           code,
              const char   *rows_before,
              const char   *place)
{
  g_assert_error (result->error, TRELLIS_IMPORT_ERROR, code);
  g_assert_cmpstr (result->printed->str, ==, rows_before);
  if (strstr (result->error->message, place) == NULL)
    g_error ("‘%s’ does not contain ‘%s’", result->error->message, place);
}

static void
test_simple (void)
{
  g_auto(Result) result = { 0 };

  read_all ("id,name,cohort\nP001,Ann,midwives\nP002,Bob,paramedics\n", NULL, &result);
  g_assert_no_error (result.error);
  g_assert_cmpstr (result.printed->str, ==,
                   "[id][name][cohort]\n[P001][Ann][midwives]\n[P002][Bob][paramedics]\n");
  g_assert_cmpuint (result.lines->len, ==, 3);
  g_assert_cmpuint (g_array_index (result.lines, guint, 2), ==, 3);
}

static void
test_bom (void)
{
  assert_rows ("\xEF\xBB\xBFid,name\nP001,Ann\n", "[id][name]\n[P001][Ann]\n");
  assert_rows ("\xEF\xBB\xBF", "");
  /* A BOM anywhere but the start is data. */
  assert_rows ("a\n\xEF\xBB\xBF" "b\n", "[a]\n[\xEF\xBB\xBF" "b]\n");
}

static void
test_crlf (void)
{
  assert_rows ("a,b\r\nc,d\r\n", "[a][b]\n[c][d]\n");
  assert_rows ("a,b\nc,d\r\ne\n", "[a][b]\n[c][d]\n[e]\n");
}

static void
test_quoted (void)
{
  assert_rows ("\"a,b\",\"say \"\"hi\"\"\",c\n", "[a,b][say \"hi\"][c]\n");
  assert_rows ("\"\"\"\"\n", "[\"]\n");
  assert_rows ("\"Zoë\",\"ü\"\n", "[Zoë][ü]\n");
}

static void
test_embedded_newline (void)
{
  g_auto(Result) result = { 0 };

  read_all ("id,note\nP1,\"line one\nline two\"\nP2,\"a\r\nb\"\nP3,x", NULL, &result);
  g_assert_no_error (result.error);
  g_assert_cmpstr (result.printed->str, ==,
                   "[id][note]\n[P1][line one\nline two]\n[P2][a\r\nb]\n[P3][x]\n");
  g_assert_cmpuint (result.lines->len, ==, 4);
  g_assert_cmpuint (g_array_index (result.lines, guint, 0), ==, 1);
  g_assert_cmpuint (g_array_index (result.lines, guint, 1), ==, 2);
  g_assert_cmpuint (g_array_index (result.lines, guint, 2), ==, 4);
  g_assert_cmpuint (g_array_index (result.lines, guint, 3), ==, 6);
}

static void
test_lone_cr_quoted (void)
{
  assert_rows ("\"a\rb\",c\n", "[a\rb][c]\n");
}

static void
test_empty_fields (void)
{
  assert_rows (",,\n\"\",x,\n", "[][][]\n[][x][]\n");
  /* A blank line inside the file is a row of one empty field: the importer,
   * which knows the header, decides what that means. */
  assert_rows ("a\n\nb\n", "[a]\n[]\n[b]\n");
}

static void
test_no_final_newline (void)
{
  assert_rows ("a,b\nc,d", "[a][b]\n[c][d]\n");
  assert_rows ("a,\"b\"", "[a][b]\n");
  assert_rows ("a,", "[a][]\n");
}

static void
test_trailing_empty_line (void)
{
  assert_rows ("a\n\n", "[a]\n");
  assert_rows ("a\r\n\r\n\n", "[a]\n");
  assert_rows ("", "");
  assert_rows ("\n", "");
}

static void
test_ragged (void)
{
  assert_rows ("a,b,c\n1\n1,2,3,4\n", "[a][b][c]\n[1]\n[1][2][3][4]\n");
}

static void
test_quote_in_unquoted (void)
{
  g_auto(Result) result = { 0 };
  g_auto(Result) wide = { 0 };

  read_all ("id,name\nP1,Ann\nP2,Bo\"b\n", NULL, &result);
  assert_error (&result, TRELLIS_IMPORT_ERROR_MALFORMED, "[id][name]\n[P1][Ann]\n",
                "x.csv line 3, column 6: a quote inside an unquoted field");

  /* Columns count characters: é and ü take two bytes each. */
  read_all ("é,ü\"x\n", NULL, &wide);
  assert_error (&wide, TRELLIS_IMPORT_ERROR_MALFORMED, "", "x.csv line 1, column 4:");
}

static void
test_text_after_quote (void)
{
  g_auto(Result) result = { 0 };
  g_auto(Result) cr = { 0 };

  read_all ("a,\"b\"x,c\n", NULL, &result);
  assert_error (&result, TRELLIS_IMPORT_ERROR_MALFORMED, "",
                "x.csv line 1, column 6: text after the closing quote (‘x’)");

  read_all ("a\n\"b\"\rc\n", NULL, &cr);
  assert_error (&cr, TRELLIS_IMPORT_ERROR_MALFORMED, "[a]\n", "x.csv line 2, column 4:");
}

static void
test_unterminated (void)
{
  g_auto(Result) result = { 0 };

  read_all ("a,b\nc,\"open\nmore\n\n", NULL, &result);
  assert_error (&result, TRELLIS_IMPORT_ERROR_MALFORMED, "[a][b]\n",
                "x.csv line 2, column 3: the quoted field that starts here is not closed");
}

static void
test_invalid_utf8 (void)
{
  g_auto(Result) result = { 0 };
  g_auto(Result) quoted = { 0 };
  g_auto(Result) truncated = { 0 };

  read_all ("ab\ncd\nx\xFFy\n", NULL, &result);
  assert_error (&result, TRELLIS_IMPORT_ERROR_ENCODING, "[ab]\n[cd]\n",
                "x.csv line 3: invalid UTF-8 at byte 8 (0xFF)");

  /* Inside quotes, on the second line of a record. */
  read_all ("\xEF\xBB\xBF\"a\nb\xC3(\"\n", NULL, &quoted);
  assert_error (&quoted, TRELLIS_IMPORT_ERROR_ENCODING, "",
                "x.csv line 2: invalid UTF-8 at byte 8 (0xC3)");

  /* A character cut off by the end of the file. */
  read_all ("a,\xE2\x82", NULL, &truncated);
  assert_error (&truncated, TRELLIS_IMPORT_ERROR_ENCODING, "",
                "x.csv line 1: invalid UTF-8 at byte 3 (0xE2)");
}

/* Whatever plain ASCII comes before it, and however it falls against the
 * reader's words of eight bytes, the first byte that is not valid UTF-8, or
 * a NUL, is the one reported; a valid character there is read as it is. */
static void
test_bad_byte_after_ascii (void)
{
  for (guint prefix = 0; prefix < 40; prefix++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autofree char *field = g_strnfill (prefix, 'a');
      g_autofree char *invalid = NULL;
      g_autofree char *nul = NULL;
      g_autofree char *valid = NULL;
      g_auto(Result) bad = { 0 };
      g_auto(Result) zero = { 0 };
      g_auto(Result) good = { 0 };

      g_string_append_printf (text, "%s\xFF,b\n", field);
      invalid = g_strdup_printf ("x.csv line 1: invalid UTF-8 at byte %u (0xFF)", prefix + 1);
      read_all (text->str, NULL, &bad);
      assert_error (&bad, TRELLIS_IMPORT_ERROR_ENCODING, "", invalid);

      g_string_truncate (text, 0);
      g_string_append_printf (text, "%s", field);
      g_string_append_len (text, "\0,b\n", 4);
      nul = g_strdup_printf ("x.csv line 1, column %u: a NUL byte at byte %u", prefix + 1, prefix + 1);
      read_all_len (text->str, text->len, NULL, &zero);
      assert_error (&zero, TRELLIS_IMPORT_ERROR_ENCODING, "", nul);

      g_string_truncate (text, 0);
      g_string_append_printf (text, "%s\xC3\xA9,b\n", field);
      valid = g_strdup_printf ("[%s\xC3\xA9][b]\n", field);
      read_all (text->str, NULL, &good);
      g_assert_no_error (good.error);
      g_assert_cmpstr (good.printed->str, ==, valid);
    }
}

static void
test_nul (void)
{
  static const char text[] = "ab\ncd\0e\n";
  g_auto(Result) result = { 0 };

  read_all_len (text, sizeof text - 1, NULL, &result);
  assert_error (&result, TRELLIS_IMPORT_ERROR_ENCODING, "[ab]\n",
                "x.csv line 2, column 3: a NUL byte at byte 6");
}

static void
test_lone_cr_unquoted (void)
{
  g_auto(Result) result = { 0 };

  read_all ("a\rb\n", NULL, &result);
  assert_error (&result, TRELLIS_IMPORT_ERROR_MALFORMED, "",
                "x.csv line 1, column 2: a carriage return without a line feed");
}

static void
test_field_too_long (void)
{
  TrellisCsvLimits limits = { .max_field_bytes = 4 };
  g_auto(Result) result = { 0 };
  g_auto(Result) quoted = { 0 };

  read_all ("abcd,\"ab\"\"\"\nabcd,abcde\n", &limits, &result);
  assert_error (&result, TRELLIS_IMPORT_ERROR_TOO_LARGE, "[abcd][ab\"]\n",
                "x.csv line 2, column 6: a field longer than 4 bytes");

  read_all ("x,\"ab\ncde\"\n", &limits, &quoted);
  assert_error (&quoted, TRELLIS_IMPORT_ERROR_TOO_LARGE, "",
                "x.csv line 1, column 3: a field longer than 4 bytes");
}

static void
test_field_too_long_default (void)
{
  gsize max = TRELLIS_CSV_DEFAULT_MAX_FIELD_BYTES;
  g_autofree char *fits = g_strnfill (max, 'a');
  g_autofree char *text = NULL;
  g_auto(Result) ok = { 0 };
  g_auto(Result) result = { 0 };

  read_all (fits, NULL, &ok);
  g_assert_no_error (ok.error);
  g_assert_cmpuint (ok.printed->len, ==, max + 3);

  text = g_strconcat ("a,", fits, "b\n", NULL);
  read_all (text, NULL, &result);
  assert_error (&result, TRELLIS_IMPORT_ERROR_TOO_LARGE, "",
                "x.csv line 1, column 3: a field longer than 65536 bytes");
}

static void
test_too_many_fields (void)
{
  TrellisCsvLimits limits = { .max_fields = 3 };
  g_auto(Result) result = { 0 };

  read_all ("a,b,c\n1,2,3,4\n", &limits, &result);
  assert_error (&result, TRELLIS_IMPORT_ERROR_TOO_LARGE, "[a][b][c]\n",
                "x.csv line 2, column 7: more than 3 fields in one row");
}

/* Random damage to a valid file: the reader must end every time, with rows
 * or with an error that has a message, and sanitizer builds check that it
 * never reads or writes out of bounds on the way. */
static void
mutate (GRand   *rand,
        GString *text)
{
  static const char inserts[] = { '"', '\r', '\n', '\0', ',', '\xFF', '\xC3' };
  guint pos = text->len > 0 ? (guint) g_rand_int_range (rand, 0, (gint32) text->len) : 0;

  switch (g_rand_int_range (rand, 0, 4))
    {
    case 0:
      if (text->len > 0)
        text->str[pos] ^= (char) (1 << g_rand_int_range (rand, 0, 8));
      break;
    case 1:
      g_string_insert_c (text, pos, inserts[g_rand_int_range (rand, 0, (gint32) G_N_ELEMENTS (inserts))]);
      break;
    case 2:
      g_string_truncate (text, pos);
      break;
    default:
      if (text->len > 0)
        g_string_erase (text, pos, 1);
      break;
    }
}

static void
read_damaged (const GString          *text,
              const TrellisCsvLimits *limits)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text->str, text->len);
  g_autoptr(TrellisCsvReader) reader = trellis_csv_reader_new ("fuzz.csv", bytes, limits);
  g_autoptr(GError) error = NULL;
  GPtrArray *fields = NULL;
  guint rows = 0;

  while (trellis_csv_reader_next_row (reader, &fields, &error))
    {
      g_assert_cmpuint (fields->len, >=, 1);
      g_assert_cmpuint (trellis_csv_reader_get_line (reader), >=, 1);
      g_clear_pointer (&fields, g_ptr_array_unref);
      /* Each row uses up at least one byte, so more rows than bytes would
       * mean the reader stopped advancing. */
      g_assert_cmpuint (++rows, <=, text->len);
    }
  if (error != NULL)
    {
      g_assert_true (error->domain == TRELLIS_IMPORT_ERROR);
      g_assert_nonnull (strstr (error->message, "fuzz.csv line "));
    }
}

static void
test_fuzz (void)
{
  static const char valid[] =
    "\xEF\xBB\xBFstudy_code,cohort,baseline_date,note\r\n"
    "P001,midwives,2024-01-15,\"said \"\"fine\"\"\"\r\n"
    "P002,paramedics,2024-01-16,\"two\nlines, and a comma\"\r\n"
    "P003,sonographers,2024-02-01,Zoë\r\n"
    "P004,,2024-02-02,\r\n";
  TrellisCsvLimits small = { .max_field_bytes = 12, .max_fields = 4 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240115);

  for (guint i = 0; i < 5000; i++)
    {
      g_autoptr(GString) text = g_string_new_len (valid, sizeof valid - 1);
      guint n = (guint) g_rand_int_range (rand, 1, 6);

      for (guint j = 0; j < n; j++)
        mutate (rand, text);
      read_damaged (text, NULL);
      read_damaged (text, &small);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/trellis/storage/csv-reader/simple", test_simple);
  g_test_add_func ("/trellis/storage/csv-reader/bom", test_bom);
  g_test_add_func ("/trellis/storage/csv-reader/crlf", test_crlf);
  g_test_add_func ("/trellis/storage/csv-reader/quoted", test_quoted);
  g_test_add_func ("/trellis/storage/csv-reader/embedded-newline", test_embedded_newline);
  g_test_add_func ("/trellis/storage/csv-reader/lone-cr-quoted", test_lone_cr_quoted);
  g_test_add_func ("/trellis/storage/csv-reader/empty-fields", test_empty_fields);
  g_test_add_func ("/trellis/storage/csv-reader/no-final-newline", test_no_final_newline);
  g_test_add_func ("/trellis/storage/csv-reader/trailing-empty-line", test_trailing_empty_line);
  g_test_add_func ("/trellis/storage/csv-reader/ragged", test_ragged);
  g_test_add_func ("/trellis/storage/csv-reader/quote-in-unquoted", test_quote_in_unquoted);
  g_test_add_func ("/trellis/storage/csv-reader/text-after-quote", test_text_after_quote);
  g_test_add_func ("/trellis/storage/csv-reader/unterminated", test_unterminated);
  g_test_add_func ("/trellis/storage/csv-reader/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/trellis/storage/csv-reader/nul", test_nul);
  g_test_add_func ("/trellis/storage/csv-reader/bad-byte-after-ascii", test_bad_byte_after_ascii);
  g_test_add_func ("/trellis/storage/csv-reader/lone-cr-unquoted", test_lone_cr_unquoted);
  g_test_add_func ("/trellis/storage/csv-reader/field-too-long", test_field_too_long);
  g_test_add_func ("/trellis/storage/csv-reader/field-too-long-default", test_field_too_long_default);
  g_test_add_func ("/trellis/storage/csv-reader/too-many-fields", test_too_many_fields);
  g_test_add_func ("/trellis/storage/csv-reader/fuzz", test_fuzz);

  return g_test_run ();
}
