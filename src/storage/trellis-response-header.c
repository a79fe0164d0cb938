/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "trellis-response-import-private.h"

/* The header of a responses file, mapped to what each column holds, and the
 * list of problems an import collects. The header rule is described with
 * trellis_response_import () in trellis-response-import.c. */

static const char *const column_names[TRELLIS_RESPONSE_N_COLUMNS] = {
  "participant", "timepoint", "completed_date", "instrument", "item", "value", "cohort",
};

/* Header names as spreadsheets and other tools write them; matched after
 * trimming, in any case. */
static const struct
{
  const char *name;
  TrellisResponseColumn column;
} aliases[] = {
  { "participant", TRELLIS_RESPONSE_COLUMN_PARTICIPANT },
  { "code", TRELLIS_RESPONSE_COLUMN_PARTICIPANT },
  { "study_code", TRELLIS_RESPONSE_COLUMN_PARTICIPANT },
  { "participant_code", TRELLIS_RESPONSE_COLUMN_PARTICIPANT },
  { "timepoint", TRELLIS_RESPONSE_COLUMN_TIMEPOINT },
  { "time_point", TRELLIS_RESPONSE_COLUMN_TIMEPOINT },
  { "completed_date", TRELLIS_RESPONSE_COLUMN_COMPLETED },
  { "completed", TRELLIS_RESPONSE_COLUMN_COMPLETED },
  { "completion_date", TRELLIS_RESPONSE_COLUMN_COMPLETED },
  { "instrument", TRELLIS_RESPONSE_COLUMN_INSTRUMENT },
  { "item", TRELLIS_RESPONSE_COLUMN_ITEM },
  { "value", TRELLIS_RESPONSE_COLUMN_VALUE },
  { "cohort", TRELLIS_RESPONSE_COLUMN_COHORT },
};

const char *
trellis_response_form_to_string (TrellisResponseForm form)
{
  switch (form)
    {
    case TRELLIS_RESPONSE_FORM_LONG:
      return "long";
    case TRELLIS_RESPONSE_FORM_WIDE:
      return "wide";
    case TRELLIS_RESPONSE_FORM_AUTO:
    default:
      return "auto";
    }
}

/* The form AUTO reads a file with header (its column names) as: what a
 * preview shows before the import. */
TrellisResponseForm
trellis_response_form_for_header (GPtrArray *header)
{
  g_return_val_if_fail (header != NULL, TRELLIS_RESPONSE_FORM_AUTO);
  return trellis_response_layout_detect_form (header);
}

gboolean
trellis_response_form_from_string (const char          *text,
                                   TrellisResponseForm *form)
{
  g_return_val_if_fail (text != NULL && form != NULL, FALSE);

  for (TrellisResponseForm f = TRELLIS_RESPONSE_FORM_AUTO; f <= TRELLIS_RESPONSE_FORM_WIDE; f++)
    if (g_ascii_strcasecmp (text, trellis_response_form_to_string (f)) == 0)
      {
        *form = f;
        return TRUE;
      }
  return FALSE;
}

/* ---- Problems ---- */

void
trellis_response_problems_init (TrellisResponseProblems *problems,
                                const char              *file_name)
{
  problems->file_name = file_name;
  problems->list = g_ptr_array_new_with_free_func ((GDestroyNotify) trellis_import_problem_free);
  problems->count = 0;
}

void
trellis_response_problems_clear (TrellisResponseProblems *problems)
{
  g_clear_pointer (&problems->list, g_ptr_array_unref);
}

/* Records a problem; past the listed ones it is only counted, so a file
 * with a million bad rows costs no million messages. */
void
trellis_response_problems_add (TrellisResponseProblems *problems, guint                    line,
                               const char              *column, const char              *value,
                               const char              *format, ...)
{
  TrellisImportProblem *problem;
  g_autofree char *detail = NULL;
  va_list args;

  if (++problems->count > TRELLIS_IMPORT_MAX_PROBLEMS)
    return;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);

  problem = g_new0 (TrellisImportProblem, 1);
  problem->line = line;
  problem->column = g_strdup (column);
  problem->value = g_strdup (value);
  if (column != NULL)
    problem->message = g_strdup_printf (_("%s line %u, column ‘%s’: %s"), problems->file_name, line, column,
                                        detail);
  else
    problem->message = g_strdup_printf (_("%s line %u: %s"), problems->file_name, line, detail);
  problem->detail = g_steal_pointer (&detail);
  g_ptr_array_add (problems->list, problem);
}

/* A problem whose whole message was worded elsewhere: by the CSV reader,
 * which names the place itself (column NULL), or by a domain rule. */
void
trellis_response_problems_add_error (TrellisResponseProblems *problems,
                                     guint                    line, const char              *column,
                                     const char              *value, const GError            *error)
{
  TrellisImportProblem *problem;

  if (column != NULL)
    {
      trellis_response_problems_add (problems, line, column, value, "%s", error->message);
      return;
    }
  if (++problems->count > TRELLIS_IMPORT_MAX_PROBLEMS)
    return;
  problem = g_new0 (TrellisImportProblem, 1);
  problem->line = line;
  problem->message = g_strdup (error->message);
  problem->detail = g_strdup (error->message);
  g_ptr_array_add (problems->list, problem);
}

/* The list, with an entry saying how many more there were. */
GPtrArray *
trellis_response_problems_steal (TrellisResponseProblems *problems)
{
  GPtrArray *list = g_steal_pointer (&problems->list);

  if (problems->count > TRELLIS_IMPORT_MAX_PROBLEMS)
    {
      TrellisImportProblem *more = g_new0 (TrellisImportProblem, 1);
      guint n_more = problems->count - TRELLIS_IMPORT_MAX_PROBLEMS;

      more->message = g_strdup_printf (ngettext ("and %u more problem", "and %u more problems", n_more), n_more);
      g_ptr_array_add (list, more);
    }
  return list;
}

/* ---- The header ---- */

typedef struct
{
  TrellisResponseLayout *layout;
  TrellisResponseCatalog *catalog;
  TrellisResponseProblems *problems;
  GString *scratch;
} Mapper;

static int
find_column (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    if (g_ascii_strcasecmp (aliases[i].name, name) == 0)
      return aliases[i].column;
  return -1;
}

/* Long if the header has any of the long form's own columns, wide
 * otherwise: a long file missing one of them is then told which. */
TrellisResponseForm
trellis_response_layout_detect_form (GPtrArray *header)
{
  const guint long_columns = (1u << TRELLIS_RESPONSE_COLUMN_INSTRUMENT) | (1u << TRELLIS_RESPONSE_COLUMN_ITEM) |
                             (1u << TRELLIS_RESPONSE_COLUMN_VALUE);
  guint found = 0;

  for (guint i = 0; i < header->len; i++)
    {
      g_autofree char *name = g_strstrip (g_strdup (header->pdata[i]));
      int column = find_column (name);

      if (column >= 0)
        found |= 1u << column;
    }
  return (found & long_columns) != 0 ? TRELLIS_RESPONSE_FORM_LONG : TRELLIS_RESPONSE_FORM_WIDE;
}

static const char *
instrument_code (Mapper *mapper,
                 guint   index)
{
  return g_array_index (mapper->catalog->instruments, TrellisResponseInstrument, index).code;
}

/* INSTRUMENT_ITEM: an instrument whose code and an underscore start the
 * name, and one of whose items the rest names. */
static gboolean
find_qualified_item (Mapper                    *mapper,
                     const char                *name,
                     TrellisResponseItemColumn *column)
{
  for (guint i = 0; i < mapper->catalog->instruments->len; i++)
    {
      const char *code = instrument_code (mapper, i);
      gsize length = strlen (code);
      int item;

      if (g_ascii_strncasecmp (name, code, length) != 0 || name[length] != '_')
        continue;
      item = trellis_response_catalog_find_item (mapper->catalog, i, name + length + 1);
      if (item >= 0)
        {
          *column = (TrellisResponseItemColumn) { (int) i, item };
          return TRUE;
        }
    }
  return FALSE;
}

/* A column of an instrument's score: named by its code alone (BRS), a
 * score given in place of items, or INSTRUMENT_score (BRS_score), as the
 * wide export writes it. */
static gboolean
find_score_column (Mapper                    *mapper,
                   const char                *name,
                   TrellisResponseItemColumn *column)
{
  const char *suffix = strrchr (name, '_');
  g_autofree char *code = NULL;
  int instrument = trellis_response_catalog_find_instrument (mapper->catalog, name);

  if (instrument >= 0)
    {
      *column = (TrellisResponseItemColumn) { instrument, TRELLIS_RESPONSE_SCORE_GIVEN };
      return TRUE;
    }
  if (suffix == NULL || g_ascii_strcasecmp (suffix, "_score") != 0)
    return FALSE;
  code = g_strndup (name, suffix - name);
  instrument = trellis_response_catalog_find_instrument (mapper->catalog, code);
  if (instrument < 0)
    return FALSE;
  *column = (TrellisResponseItemColumn) { instrument, TRELLIS_RESPONSE_SCORE_EXPORTED };
  return TRUE;
}

/* An item code alone, if exactly one instrument has such an item. */
static void
map_bare_item (Mapper                    *mapper,
               const char                *name,
               TrellisResponseItemColumn *column)
{
  guint matches = 0;

  for (guint i = 0; i < mapper->catalog->instruments->len; i++)
    {
      int item = trellis_response_catalog_find_item (mapper->catalog, i, name);

      if (item >= 0 && matches++ == 0)
        *column = (TrellisResponseItemColumn) { (int) i, item };
    }
  if (matches > 1)
    trellis_response_problems_add (mapper->problems, 1, name, name,
                                   _("‘%s’ is an item of more than one instrument; name the column after "
                                     "its instrument too, as in %s_%s"), name,
                                   instrument_code (mapper, column->instrument), name);
  else if (matches == 0)
    trellis_response_problems_add (mapper->problems, 1, name, name,
                                   _("‘%s’ is not a column that can be imported: neither participant, "
                                     "timepoint, completed_date or cohort, nor an item or the score of %s "
                                     "(item columns are named INSTRUMENT_ITEM, score columns INSTRUMENT)"), name,
                                   trellis_response_catalog_list_instruments (mapper->catalog, mapper->scratch));
  if (matches != 1)
    *column = (TrellisResponseItemColumn) { -1, -1 };
}

static void
map_item_column (Mapper     *mapper,
                 guint       index,
                 const char *name)
{
  TrellisResponseLayout *layout = mapper->layout;
  TrellisResponseItemColumn column = { -1, -1 };

  if (!find_score_column (mapper, name, &column) && !find_qualified_item (mapper, name, &column))
    map_bare_item (mapper, name, &column);
  for (guint i = 0; column.instrument >= 0 && i < index; i++)
    {
      const TrellisResponseItemColumn *earlier =
        &g_array_index (layout->item_columns, TrellisResponseItemColumn, i);

      if (earlier->instrument != column.instrument)
        continue;
      if (earlier->item < -1 && column.item < -1)
        {
          trellis_response_problems_add (mapper->problems, 1, name, name,
                                         _("‘%s’ is the %s score again (column %u is too); an instrument "
                                           "has one score column"), name,
                                         instrument_code (mapper, column.instrument), i + 1);
          column = (TrellisResponseItemColumn) { -1, -1 };
        }
      else if (earlier->item == column.item)
        {
          trellis_response_problems_add (mapper->problems, 1, name, name,
                                         _("‘%s’ is the same item as column %u"), name, i + 1);
          column = (TrellisResponseItemColumn) { -1, -1 };
        }
    }
  if (column.instrument >= 0)
    layout->n_item_columns++;
  g_array_index (layout->item_columns, TrellisResponseItemColumn, index) = column;
}

static void
map_column (Mapper *mapper,
            guint   index,
            char   *name)
{
  TrellisResponseLayout *layout = mapper->layout;
  int column = find_column (g_strstrip (name));

  if (layout->form == TRELLIS_RESPONSE_FORM_WIDE && column >= TRELLIS_RESPONSE_FIRST_LONG_COLUMN &&
      column != TRELLIS_RESPONSE_COLUMN_COHORT)
    column = -1;
  if (*name == '\0')
    trellis_response_problems_add (mapper->problems, 1, name, name,
                                   _("column %u has no name; name it or remove it"), index + 1);
  else if (column >= 0 && layout->columns[column] >= 0)
    trellis_response_problems_add (mapper->problems, 1, name, name,
                                   _("‘%s’ is a second ‘%s’ column (the first is column %d)"), name,
                                   column_names[column], layout->columns[column] + 1);
  else if (column >= 0)
    layout->columns[column] = (int) index;
  else if (layout->form == TRELLIS_RESPONSE_FORM_WIDE)
    map_item_column (mapper, index, name);
  else
    trellis_response_problems_add (mapper->problems, 1, name, name,
                                   _("‘%s’ is not a column of a long responses file (its columns are "
                                     "participant, timepoint, completed_date, instrument, item, value "
                                     "and cohort)"), name);
}

static gboolean
check_needed (Mapper *mapper)
{
  static const TrellisResponseColumn needed[] = {
    TRELLIS_RESPONSE_COLUMN_PARTICIPANT, TRELLIS_RESPONSE_COLUMN_TIMEPOINT, TRELLIS_RESPONSE_COLUMN_COMPLETED,
    TRELLIS_RESPONSE_COLUMN_INSTRUMENT, TRELLIS_RESPONSE_COLUMN_ITEM, TRELLIS_RESPONSE_COLUMN_VALUE,
  };
  gboolean is_long = mapper->layout->form == TRELLIS_RESPONSE_FORM_LONG;
  guint n_needed = is_long ? G_N_ELEMENTS (needed) : TRELLIS_RESPONSE_FIRST_LONG_COLUMN;
  gboolean complete = TRUE;

  for (guint i = 0; i < n_needed; i++)
    {
      if (mapper->layout->columns[needed[i]] >= 0)
        continue;
      if (is_long)
        trellis_response_problems_add (mapper->problems, 1, NULL, NULL,
                                       _("the header has no ‘%s’ column, which a long responses file needs"),
                                       column_names[needed[i]]);
      else
        trellis_response_problems_add (mapper->problems, 1, NULL, NULL,
                                       _("the header has no ‘%s’ column, which a wide responses file needs"),
                                       column_names[needed[i]]);
      complete = FALSE;
    }
  return complete;
}

/* Maps the header's names to columns and, in a wide file, items. Unknown
 * columns are reported, never silently dropped, since they usually are a
 * misspelt item whose answers would be lost. TRUE if the rows can be
 * checked: every column they need is there. */
gboolean
trellis_response_layout_map (TrellisResponseLayout   *layout,
                             TrellisResponseCatalog  *catalog,
                             GPtrArray               *header,
                             TrellisResponseProblems *problems)
{
  g_autoptr(GString) scratch = g_string_new (NULL);
  Mapper mapper = { layout, catalog, problems, scratch };
  guint n_before = problems->count;

  g_return_val_if_fail (layout->form != TRELLIS_RESPONSE_FORM_AUTO, FALSE);

  for (guint i = 0; i < TRELLIS_RESPONSE_N_COLUMNS; i++)
    layout->columns[i] = -1;
  layout->n_columns = header->len;
  layout->n_item_columns = 0;
  layout->item_columns = g_array_new (FALSE, FALSE, sizeof (TrellisResponseItemColumn));
  g_array_set_size (layout->item_columns, header->len);
  for (guint i = 0; i < header->len; i++)
    g_array_index (layout->item_columns, TrellisResponseItemColumn, i) = (TrellisResponseItemColumn) { -1, -1 };
  for (guint i = 0; i < header->len; i++)
    map_column (&mapper, i, header->pdata[i]);
  if (!check_needed (&mapper))
    return FALSE;
  if (layout->form == TRELLIS_RESPONSE_FORM_WIDE && layout->n_item_columns == 0 && problems->count == n_before)
    {
      trellis_response_problems_add (problems, 1, NULL, NULL,
                                     _("the header names no item or score; a wide responses file has a "
                                       "column for each item, named INSTRUMENT_ITEM, or for each score, "
                                       "named INSTRUMENT"));
      return FALSE;
    }
  return TRUE;
}

void
trellis_response_layout_clear (TrellisResponseLayout *layout)
{
  g_clear_pointer (&layout->item_columns, g_array_unref);
}
