/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "trellis-csv-writer.h"

/* CSV as RFC 4180 writes it, for files that people open in spreadsheets.
 * A spreadsheet runs a cell that starts with = + - or @ as a formula, and
 * some treat a leading TAB or CR the same way, so a participant's notes
 * reading "=HYPERLINK(…)" could run on the analyst's machine. Such a cell
 * gets a leading apostrophe, which spreadsheets show as text and hide; the
 * value is still readable by anything else, one character longer. */

static gboolean
is_formula_start (char c)
{
  return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

static void
append_cell (GString    *out,
             const char *cell,
             gboolean    guard_formulas)
{
  gboolean quote;

  if (cell == NULL)
    return;

  quote = strpbrk (cell, ",\"\r\n") != NULL;
  if (quote)
    g_string_append_c (out, '"');
  if (guard_formulas && is_formula_start (cell[0]))
    g_string_append_c (out, '\'');
  for (const char *p = cell; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  if (quote)
    g_string_append_c (out, '"');
}

/* Appends one cell; NULL is written as an empty cell. A cell holding a
 * comma, a quote or a line end is quoted, with its quotes doubled. */
void
trellis_csv_append_cell (GString    *out,
                         const char *cell)
{
  g_return_if_fail (out != NULL);

  append_cell (out, cell, TRUE);
}

/* Appends a record ending in CRLF, the line end RFC 4180 names. */
void
trellis_csv_append_row (GString           *out,
                        const char *const *cells,
                        guint              n_cells)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (cells != NULL || n_cells == 0);

  for (guint i = 0; i < n_cells; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      trellis_csv_append_cell (out, cells[i]);
    }
  g_string_append (out, "\r\n");
}

/* A record for a program rather than a spreadsheet, cells exactly as given:
 * in a REDCap data dictionary a leading ‘@’ starts an action tag and a
 * leading ‘-’ a negative code, so an apostrophe would change their meaning. */
void
trellis_csv_append_row_verbatim (GString           *out,
                                 const char *const *cells,
                                 guint              n_cells)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (cells != NULL || n_cells == 0);

  for (guint i = 0; i < n_cells; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      append_cell (out, cells[i], FALSE);
    }
  g_string_append (out, "\r\n");
}
