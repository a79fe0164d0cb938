/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "trellis-csv-reader.h"
#include "trellis-score-csv.h"

typedef struct
{
  guint32 participant;
  guint32 time;
  guint line;
  double value;
} Row;

typedef struct
{
  const char *file_name;
  GHashTable *participants;   /* id → index + 1 */
  GPtrArray *participant_ids;
  GHashTable *times;          /* level → index + 1, in order of appearance */
  GPtrArray *time_levels;
  GArray *rows;               /* Row */
} Reading;

static int
find_column (GPtrArray  *header,
             const char *name)
{
  for (guint k = 0; k < header->len; k++)
    if (g_str_equal (g_ptr_array_index (header, k), name))
      return k;
  for (guint k = 0; k < header->len; k++)
    if (g_ascii_strcasecmp (g_ptr_array_index (header, k), name) == 0)
      return k;
  return -1;
}

static gboolean
find_columns (Reading                      *r,
              GPtrArray                    *header,
              const TrellisScoreCsvColumns *columns,
              int                           index[3],
              GError                      **error)
{
  const char *names[3] = { columns->id_column, columns->time_column, columns->value_column };

  for (guint k = 0; k < 3; k++)
    {
      index[k] = find_column (header, names[k]);
      if (index[k] < 0)
        {
          g_autofree char *all = NULL;

          g_ptr_array_add (header, NULL);
          all = g_strjoinv (", ", (char **) header->pdata);
          g_ptr_array_remove_index (header, header->len - 1);
          g_set_error (error, TRELLIS_IMPORT_ERROR, TRELLIS_IMPORT_ERROR_INVALID,
                       _("%s line 1: no column “%s” (the columns are: %s)"), r->file_name, names[k], all);
          return FALSE;
        }
    }
  return TRUE;
}

static guint32
intern (GHashTable *table,
        GPtrArray  *list,
        const char *key)
{
  gpointer found = g_hash_table_lookup (table, key);
  char *copy;

  if (found != NULL)
    return GPOINTER_TO_UINT (found) - 1;
  copy = g_strdup (key);
  g_ptr_array_add (list, copy);
  g_hash_table_insert (table, copy, GUINT_TO_POINTER (list->len));
  return list->len - 1;
}

/* One data row; FALSE with @error for a bad one. */
static gboolean
add_row (Reading     *r,
         GPtrArray   *fields,
         const int    index[3],
         const char  *const names[3],
         guint        line,
         GError     **error)
{
  const char *text[3];
  Row row = { 0, 0, line, 0 };
  char *end;

  for (guint k = 0; k < 3; k++)
    {
      text[k] = index[k] < (int) fields->len ? g_strstrip ((char *) g_ptr_array_index (fields, index[k])) : "";
      if (k < 2 && text[k][0] == '\0')
        {
          g_set_error (error, TRELLIS_IMPORT_ERROR, TRELLIS_IMPORT_ERROR_INVALID,
                       _("%s line %u, column “%s”: empty, but every row needs one"), r->file_name, line, names[k]);
          return FALSE;
        }
    }
  /* Interned first, so that a participant or time with only missing
   * scores is still counted. */
  row.participant = intern (r->participants, r->participant_ids, text[0]);
  row.time = intern (r->times, r->time_levels, text[1]);
  if (text[2][0] == '\0' || g_str_equal (text[2], "NA"))
    return TRUE;
  row.value = g_ascii_strtod (text[2], &end);
  if (*end != '\0' || end == text[2] || !isfinite (row.value))
    {
      g_set_error (error, TRELLIS_IMPORT_ERROR, TRELLIS_IMPORT_ERROR_INVALID,
                   _("%s line %u, column “%s”: “%s” is not a number"), r->file_name, line, names[2], text[2]);
      return FALSE;
    }
  g_array_append_val (r->rows, row);
  return TRUE;
}

static gboolean
all_numbers (GPtrArray *levels)
{
  for (guint k = 0; k < levels->len; k++)
    {
      char *end;

      g_ascii_strtod (g_ptr_array_index (levels, k), &end);
      if (*end != '\0')
        return FALSE;
    }
  return TRUE;
}

static int
compare_numbers (gconstpointer a,
                 gconstpointer b)
{
  double x = g_ascii_strtod (*(char **) a, NULL), y = g_ascii_strtod (*(char **) b, NULL);

  return x < y ? -1 : x > y;
}

static int
compare_natural (gconstpointer a,
                 gconstpointer b)
{
  g_autofree char *x = g_utf8_collate_key_for_filename (*(char **) a, -1);
  g_autofree char *y = g_utf8_collate_key_for_filename (*(char **) b, -1);

  return strcmp (x, y);
}

/* The levels in analysis order, and @rank: level index → its position. */
static char **
order_times (Reading     *r,
             const char  *baseline,
             guint32     *rank,
             GError     **error)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_sized_new (r->time_levels->len + 1);

  /* Borrowed: the levels stay r's. */
  for (guint k = 0; k < r->time_levels->len; k++)
    g_ptr_array_add (sorted, g_ptr_array_index (r->time_levels, k));

  g_ptr_array_sort (sorted, all_numbers (sorted) ? compare_numbers : compare_natural);
  if (baseline != NULL)
    {
      guint position;

      if (!g_ptr_array_find_with_equal_func (sorted, baseline, g_str_equal, &position))
        {
          g_autofree char *all = NULL;

          g_ptr_array_add (sorted, NULL);
          all = g_strjoinv (", ", (char **) sorted->pdata);
          g_set_error (error, TRELLIS_IMPORT_ERROR, TRELLIS_IMPORT_ERROR_INVALID,
                       _("%s: no time “%s” for the baseline (the times are: %s)"), r->file_name, baseline, all);
          return NULL;
        }
      g_ptr_array_insert (sorted, 0, g_ptr_array_steal_index (sorted, position));
    }
  for (guint k = 0; k < sorted->len; k++)
    rank[GPOINTER_TO_UINT (g_hash_table_lookup (r->times, g_ptr_array_index (sorted, k))) - 1] = k;
  g_ptr_array_add (sorted, NULL);
  return g_strdupv ((char **) sorted->pdata);
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const Row *x = a, *y = b;

  if (x->participant != y->participant)
    return x->participant < y->participant ? -1 : 1;
  if (x->time != y->time)
    return x->time < y->time ? -1 : 1;
  return x->line < y->line ? -1 : x->line > y->line;
}

static TrellisScoreTable *
build_table (Reading     *r,
             const char  *baseline,
             GError     **error)
{
  static const char *const cohorts[] = { N_("All participants"), NULL };
  const char *const translated[] = { _(cohorts[0]), NULL };
  g_autofree guint32 *rank = g_new0 (guint32, MAX (r->time_levels->len, 1));
  g_auto(GStrv) levels = NULL;
  TrellisScoreTable *table;

  if (r->time_levels->len > G_MAXUINT8 + 1)
    {
      g_set_error (error, TRELLIS_IMPORT_ERROR, TRELLIS_IMPORT_ERROR_INVALID,
                   _("%s: %u different times, more than the %u an analysis can have"),
                   r->file_name, r->time_levels->len, G_MAXUINT8 + 1);
      return NULL;
    }
  levels = order_times (r, baseline, rank, error);
  if (levels == NULL)
    return NULL;
  for (guint k = 0; k < r->rows->len; k++)
    g_array_index (r->rows, Row, k).time = rank[g_array_index (r->rows, Row, k).time];
  g_array_sort (r->rows, compare_rows);

  table = trellis_score_table_new ((const char *const *) levels, (const char *const *) levels, translated);
  for (guint i = 0, k = 0; i < r->participant_ids->len; i++)
    {
      trellis_score_table_begin_participant (table, g_ptr_array_index (r->participant_ids, i), 0);
      for (; k < r->rows->len && g_array_index (r->rows, Row, k).participant == i; k++)
        {
          const Row *row = &g_array_index (r->rows, Row, k);

          if (k > 0 && row[-1].participant == i && row[-1].time == row->time)
            {
              g_set_error (error, TRELLIS_IMPORT_ERROR, TRELLIS_IMPORT_ERROR_INVALID,
                           _("%s line %u: participant “%s” has a second score at time “%s” (the first is on line %u)"),
                           r->file_name, row->line, (char *) g_ptr_array_index (r->participant_ids, i),
                           levels[row->time], row[-1].line);
              trellis_score_table_free (table);
              return NULL;
            }
          trellis_score_table_add (table, row->time, row->value);
        }
    }
  trellis_score_table_finish (table);
  return table;
}

TrellisScoreTable *
trellis_score_table_read_csv (const char                   *file_name,
                              GBytes                       *bytes,
                              const TrellisScoreCsvColumns *columns,
                              GError                      **error)
{
  g_autoptr(TrellisCsvReader) reader = NULL;
  g_autoptr(GPtrArray) header = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *names[3];
  int index[3];
  Reading r = { file_name };
  TrellisScoreTable *table = NULL;
  GPtrArray *fields;

  g_return_val_if_fail (file_name != NULL && bytes != NULL && columns != NULL, NULL);
  g_return_val_if_fail (columns->id_column != NULL && columns->time_column != NULL && columns->value_column != NULL, NULL);

  names[0] = columns->id_column, names[1] = columns->time_column, names[2] = columns->value_column;
  reader = trellis_csv_reader_new (file_name, bytes, NULL);
  if (!trellis_csv_reader_next_row (reader, &header, &local_error))
    {
      if (local_error == NULL)
        g_set_error (&local_error, TRELLIS_IMPORT_ERROR, TRELLIS_IMPORT_ERROR_INVALID,
                     _("%s is empty: it needs a header and a row per score"), file_name);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  r.participants = g_hash_table_new (g_str_hash, g_str_equal);
  r.participant_ids = g_ptr_array_new_with_free_func (g_free);
  r.times = g_hash_table_new (g_str_hash, g_str_equal);
  r.time_levels = g_ptr_array_new_with_free_func (g_free);
  r.rows = g_array_new (FALSE, FALSE, sizeof (Row));

  if (find_columns (&r, header, columns, index, &local_error))
    {
      while (trellis_csv_reader_next_fields (reader, &fields, &local_error))
        if (!add_row (&r, fields, index, names, trellis_csv_reader_get_line (reader), &local_error))
          break;
      if (local_error == NULL && r.rows->len == 0)
        g_set_error (&local_error, TRELLIS_IMPORT_ERROR, TRELLIS_IMPORT_ERROR_INVALID,
                     _("%s has no scores in column “%s”"), file_name, columns->value_column);
      if (local_error == NULL)
        table = build_table (&r, columns->baseline, &local_error);
    }
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  g_hash_table_unref (r.participants);
  g_hash_table_unref (r.times);
  g_ptr_array_unref (r.participant_ids);
  g_ptr_array_unref (r.time_levels);
  g_array_unref (r.rows);
  return table;
}
