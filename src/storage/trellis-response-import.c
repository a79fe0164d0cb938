/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "trellis-csv-reader.h"
#include "trellis-date.h"
#include "trellis-domain-error.h"
#include "trellis-response-import-private.h"
#include "trellis-scoring.h"
#include "trellis-timepoint.h"

/* Item responses, or scores in place of them, from a CSV file, all or
 * nothing, in either of two forms.
 *
 * Long: one row per answered item, the columns named participant,
 * timepoint, completed_date, instrument, item and value (and optionally
 * cohort, which the register already knows and is not read). A row whose
 * item is empty gives the instrument's score in its value, for a team that
 * kept only totals. A visit's rows need not be together, and its completion
 * date need only be on one of them; where several give it, they must agree.
 *
 * Wide: one row per participant and timepoint, the columns participant,
 * timepoint, completed_date (and optionally cohort), then one per item. An
 * item column is named INSTRUMENT_ITEM (BRS_BRS3), which is what the export
 * writes, or by the item's code alone (BRS3) when only one instrument has
 * such an item. A column named by an instrument's code alone (BRS) holds
 * its score. INSTRUMENT_score columns, which the wide export writes, are
 * read as the score only where the row has none of the instrument's items:
 * otherwise the score is computed from the answers. An empty cell is an
 * unanswered item, or no score.
 *
 * A score is a number (decimal point) within what the instrument's rule can
 * give: for a mean, its items' lowest to highest value; for a sum, the sums
 * of those; for a count of correct answers, 0 to the number of items. A
 * visit's instrument has items or a score in a file, never both. A score
 * given so is stored with no answers and rule version
 * TRELLIS_SCORING_GIVEN_VERSION, which rescoring leaves alone.
 *
 * Without a form given, a header with an instrument, item or value column is
 * long, and any other wide. Codes are matched without regard to case.
 *
 * An import adds visits: a participant's timepoint already on file
 * (completed or marked missed) is refused, as is a participant who has
 * withdrawn. Each visit needs its completion date, a real date not after
 * today, in timepoint order with the participant's other visits, on file or
 * in the file. Each answered instrument gets an answer sheet scored by the
 * instrument's current rule.
 *
 * Every row is checked before anything is written, and every problem is
 * listed (the first TRELLIS_IMPORT_MAX_PROBLEMS) with its file, line, column
 * and value. This runs on files of millions of rows, so a row costs a few
 * hash lookups: everything it is checked against is loaded first
 * (trellis-response-catalog.c), and the last participant, timepoint,
 * instrument and date seen are remembered, since rows come in runs. */


typedef struct
{
  char *text;
  int index;
} Remembered;

typedef struct
{
  const char *file_name;
  TrellisDatabase *db;
  TrellisResponseStream *stream;   /* while a wide file is written as it is read */
  guint32 today;
  TrellisResponseCatalog catalog;
  GPtrArray *header;            /* the column names, as written */
  TrellisResponseLayout layout;
  GArray *visits;               /* TrellisResponseVisit */
  guint32 *slots;               /* participant × timepoint → visit index + 1 */
  GArray *values;               /* int, catalog.n_values per visit */
  GArray *lines;                /* guint, the row that gave each value, 0 if none */
  GArray *scores;               /* double, a score given for each instrument per visit, NAN if none */
  GArray *score_lines;          /* guint, the row that gave each score, 0 if none */
  Remembered participant, timepoint, instrument;
  char *date_text;
  guint32 date;
  GString *scratch;
  guint n_rows;
  guint rows_estimate;
  TrellisImportProgressFunc progress;
  gpointer user_data;
  TrellisResponseProblems problems;
} Import;

static void
import_init (Import              *import,
             const char          *file_name,
             TrellisResponseForm  form,
             guint32              today)
{
  trellis_response_problems_init (&import->problems, file_name);
  import->file_name = file_name;
  import->layout.form = form;
  import->today = today;
  import->visits = g_array_new (FALSE, FALSE, sizeof (TrellisResponseVisit));
  import->values = g_array_new (FALSE, FALSE, sizeof (int));
  import->lines = g_array_new (FALSE, TRUE, sizeof (guint));
  import->scores = g_array_new (FALSE, FALSE, sizeof (double));
  import->score_lines = g_array_new (FALSE, TRUE, sizeof (guint));
  import->participant.index = import->timepoint.index = import->instrument.index = -1;
  import->scratch = g_string_new (NULL);
}

static void
import_clear (Import *import)
{
  /* The writer's thread reads the catalog until it ends. */
  g_clear_pointer (&import->stream, trellis_response_stream_free);
  trellis_response_catalog_clear (&import->catalog);
  g_clear_pointer (&import->header, g_ptr_array_unref);
  trellis_response_layout_clear (&import->layout);
  g_clear_pointer (&import->visits, g_array_unref);
  g_clear_pointer (&import->slots, g_free);
  g_clear_pointer (&import->values, g_array_unref);
  g_clear_pointer (&import->lines, g_array_unref);
  g_clear_pointer (&import->scores, g_array_unref);
  g_clear_pointer (&import->score_lines, g_array_unref);
  g_clear_pointer (&import->participant.text, g_free);
  g_clear_pointer (&import->timepoint.text, g_free);
  g_clear_pointer (&import->instrument.text, g_free);
  g_clear_pointer (&import->date_text, g_free);
  if (import->scratch != NULL)
    g_string_free (g_steal_pointer (&import->scratch), TRUE);
  trellis_response_problems_clear (&import->problems);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Import, import_clear)

/* ---- The rows ---- */

static char *
cell (Import                *import,
      GPtrArray             *fields,
      TrellisResponseColumn  column)
{
  return fields->pdata[import->layout.columns[column]];
}

/* Spreadsheets leave spaces around values; most cells have none, so the
 * cost of stripping is only paid where there are. */
static char *
trim (char *text)
{
  gsize length = strlen (text);

  if (length > 0 && (g_ascii_isspace (text[0]) || g_ascii_isspace (text[length - 1])))
    g_strstrip (text);
  return text;
}

typedef int (*FindFunc) (TrellisResponseCatalog *catalog, const char *text);

/* Looks text up, or takes the answer for the same text as last time. */
static int
recall (Import     *import,
        Remembered *last,
        const char *text,
        FindFunc    find)
{
  if (last->text != NULL && strcmp (last->text, text) == 0)
    return last->index;
  g_free (last->text);
  last->text = g_strdup (text);
  last->index = find (&import->catalog, text);
  return last->index;
}

static int
check_participant (Import    *import,
                   GPtrArray *fields,
                   guint      line)
{
  char *text = trim (cell (import, fields, TRELLIS_RESPONSE_COLUMN_PARTICIPANT));
  int index = recall (import, &import->participant, text, trellis_response_catalog_find_participant);

  if (index >= 0)
    return index;
  if (*text == '\0')
    trellis_response_problems_add (&import->problems, line, "participant", text,
                                   _("the participant is empty; every row names a participant by study code"));
  else
    trellis_response_problems_add (&import->problems, line, "participant", text,
                                   _("‘%s’ is not a participant in this study"), text);
  return -1;
}

static int
check_timepoint (Import    *import,
                 GPtrArray *fields,
                 guint      line)
{
  char *text = trim (cell (import, fields, TRELLIS_RESPONSE_COLUMN_TIMEPOINT));
  int index = recall (import, &import->timepoint, text, trellis_response_catalog_find_timepoint);

  if (index < 0)
    trellis_response_problems_add (&import->problems, line, "timepoint", text,
                                   _("‘%s’ is not a timepoint of this study (its timepoints: %s)"),
                                   text,
                                   trellis_response_catalog_list_timepoints (&import->catalog, import->scratch));
  return index;
}

static int
check_instrument (Import    *import,
                  GPtrArray *fields,
                  guint      line)
{
  char *text = trim (cell (import, fields, TRELLIS_RESPONSE_COLUMN_INSTRUMENT));
  int index = recall (import, &import->instrument, text, trellis_response_catalog_find_instrument);

  if (index < 0)
    trellis_response_problems_add (&import->problems, line, "instrument", text,
                                   _("‘%s’ is not an instrument of this study (its instruments: %s)"),
                                   text,
                                   trellis_response_catalog_list_instruments (&import->catalog, import->scratch));
  return index;
}

static const TrellisResponseInstrument *
instrument_at (Import *import,
               guint   index)
{
  return &g_array_index (import->catalog.instruments, TrellisResponseInstrument, index);
}

static int
check_item (Import    *import,
            guint      instrument,
            GPtrArray *fields,
            guint      line)
{
  const TrellisResponseInstrument *entry = instrument_at (import, instrument);
  char *text = trim (cell (import, fields, TRELLIS_RESPONSE_COLUMN_ITEM));
  int index = trellis_response_catalog_find_item (&import->catalog, instrument, text);

  if (index < 0)
    trellis_response_problems_add (&import->problems, line, "item", text,
                                   _("‘%s’ is not an item of %s (its items are %s to %s)"), text,
                                   entry->code, entry->n_items > 0 ? entry->specs[0].code : "–",
                                   entry->n_items > 0 ? entry->specs[entry->n_items - 1].code : "–");
  return index;
}

/* A plain whole number, the form nearly every value takes. */
static gboolean
parse_plain_int (const char *text,
                 int        *value)
{
  const char *p = text + (*text == '-');
  guint digits = 0;
  int number = 0;

  for (; g_ascii_isdigit (*p); p++)
    {
      if (++digits > 9)
        return FALSE;
      number = number * 10 + (*p - '0');
    }
  if (*p != '\0' || digits == 0)
    return FALSE;
  *value = *text == '-' ? -number : number;
  return TRUE;
}

/* An item's value; an empty cell is an unanswered item. Anything but a
 * plain number on the scale goes to the domain's parser, which words the
 * message. */
static gboolean
check_value (Import                *import,
             const TrellisItemSpec *spec,
             char                  *text,
             guint                  line,
             const char            *column,
             int                   *value)
{
  g_autoptr(GError) local_error = NULL;

  if (*trim (text) == '\0')
    {
      *value = TRELLIS_ITEM_UNANSWERED;
      return TRUE;
    }
  if (parse_plain_int (text, value) && *value >= spec->min && *value <= spec->max)
    return TRUE;
  if (trellis_scoring_parse_value (spec, text, value, &local_error))
    return TRUE;
  trellis_response_problems_add_error (&import->problems, line, column, text, local_error);
  return FALSE;
}

/* YYYY-MM-DD as a Julian day, 0 if it is not a real date in the years a
 * study may have. */
static guint32
julian_of (const char *text)
{
  int year = 0, month, day;
  GDate date;

  for (guint i = 0; i < 10; i++)
    if (i == 4 || i == 7 ? text[i] != '-' : !g_ascii_isdigit (text[i]))
      return 0;
  if (text[10] != '\0')
    return 0;
  for (guint i = 0; i < 4; i++)
    year = year * 10 + (text[i] - '0');
  month = (text[5] - '0') * 10 + (text[6] - '0');
  day = (text[8] - '0') * 10 + (text[9] - '0');
  if (year < TRELLIS_DATE_YEAR_MIN || year > TRELLIS_DATE_YEAR_MAX ||
      !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return 0;
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return g_date_get_julian (&date);
}

static char *
format_julian (guint32 julian)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  return trellis_date_format (&date);
}

static void
report_bad_date (Import     *import,
                 guint       line,
                 const char *text)
{
  g_autoptr(GError) local_error = NULL;

  if (trellis_date_parse (text, NULL, &local_error))
    trellis_response_problems_add (&import->problems, line, "completed_date", text,
                                   _("‘%s’ is not a date (expected YYYY-MM-DD)"), text);
  else
    trellis_response_problems_add_error (&import->problems, line, "completed_date", text,
                                         local_error);
}

/* A completion date that was wrong, and reported. */
#define BAD_DATE G_MAXUINT32

/* The completion date in the row: 0 if it is empty, BAD_DATE if it is
 * wrong (and reported). */
static guint32
check_date (Import    *import,
            GPtrArray *fields,
            guint      line)
{
  char *text = trim (cell (import, fields, TRELLIS_RESPONSE_COLUMN_COMPLETED));
  g_autofree char *today = NULL;
  guint32 julian;

  if (*text == '\0')
    return 0;
  if (import->date_text != NULL && strcmp (import->date_text, text) == 0)
    return import->date;
  julian = julian_of (text);
  if (julian == 0)
    {
      report_bad_date (import, line, text);
      return BAD_DATE;
    }
  if (import->today != 0 && julian > import->today)
    {
      today = format_julian (import->today);
      trellis_response_problems_add (&import->problems, line, "completed_date", text,
                                     _("‘%s’ is in the future (today is %s)"), text, today);
      return BAD_DATE;
    }
  g_free (import->date_text);
  import->date_text = g_strdup (text);
  import->date = julian;
  return julian;
}

/* ---- Visits ---- */

static const char *
participant_code (Import *import,
                  guint   participant)
{
  return g_array_index (import->catalog.participants, TrellisResponseParticipant, participant).code;
}

static const char *
timepoint_code (Import *import,
                guint   timepoint)
{
  return trellis_timepoint_get_code (import->catalog.timepoints->pdata[timepoint]);
}

/* An import adds visits: one on file is changed in the participant's form,
 * where a person sees what was there. */
static void
check_new_visit (Import *import,
                 guint   participant,
                 guint   timepoint,
                 guint   line)
{
  const TrellisResponseParticipant *entry =
    &g_array_index (import->catalog.participants, TrellisResponseParticipant, participant);
  guint32 on_file = import->catalog.on_file[participant * import->catalog.timepoints->len + timepoint];
  g_autoptr(GError) local_error = NULL;
  g_autofree char *date = NULL;

  if (!trellis_register_check_can_record (entry->code, &entry->withdrawal, &local_error))
    trellis_response_problems_add_error (&import->problems, line, "participant", entry->code,
                                         local_error);
  if (on_file == TRELLIS_RESPONSE_MISSED)
    trellis_response_problems_add (&import->problems, line, "timepoint",
                                   timepoint_code (import, timepoint),
                                   _("%s is marked missed for %s; an import only adds timepoints not yet on file"),
                                   timepoint_code (import, timepoint), entry->code);
  else if (on_file != 0)
    {
      date = format_julian (on_file);
      trellis_response_problems_add (&import->problems, line, "timepoint",
                                     timepoint_code (import, timepoint),
                                     _("%s of %s is already on file (completed %s); an import only adds timepoints "
                                       "not yet on file, so change it in the participant’s form"),
                                     timepoint_code (import, timepoint), entry->code, date);
    }
}

/* The file's visit of the participant at the timepoint, made by its first
 * row. One that cannot be imported is made all the same, so that its other
 * rows do not report it again. */
static guint
find_visit (Import   *import,
            guint     participant,
            guint     timepoint,
            guint     line,
            gboolean *is_new)
{
  gsize slot = (gsize) participant * import->catalog.timepoints->len + timepoint;
  TrellisResponseVisit visit = { participant, timepoint, 0, line, 0, 1 };
  guint n_values = import->catalog.n_values;
  guint n_instruments = import->catalog.instruments->len;
  guint first;

  *is_new = import->slots[slot] == 0;
  if (!*is_new)
    {
      g_array_index (import->visits, TrellisResponseVisit, import->slots[slot] - 1).n_rows++;
      return import->slots[slot] - 1;
    }
  check_new_visit (import, participant, timepoint, line);
  g_array_append_val (import->visits, visit);
  import->slots[slot] = import->visits->len;
  first = import->values->len;
  g_array_set_size (import->values, first + n_values);
  g_array_set_size (import->lines, first + n_values);
  for (guint i = 0; i < n_values; i++)
    g_array_index (import->values, int, first + i) = TRELLIS_ITEM_UNANSWERED;
  first = import->scores->len;
  g_array_set_size (import->scores, first + n_instruments);
  g_array_set_size (import->score_lines, first + n_instruments);
  for (guint i = 0; i < n_instruments; i++)
    g_array_index (import->scores, double, first + i) = NAN;
  return import->visits->len - 1;
}

static TrellisResponseVisit *
visit_at (Import *import,
          guint   index)
{
  return &g_array_index (import->visits, TrellisResponseVisit, index);
}

static void
set_date (Import    *import,
          guint      index,
          guint32    julian,
          GPtrArray *fields,
          guint      line)
{
  TrellisResponseVisit *visit = visit_at (import, index);
  g_autofree char *date = NULL;

  if (julian == 0 || visit->completed == julian)
    return;
  /* A visit whose only date was wrong is not reported again as undated. */
  if (julian == BAD_DATE)
    {
      if (visit->completed == 0)
        visit->date_line = line;
      return;
    }
  if (visit->completed == 0)
    {
      visit->completed = julian;
      visit->date_line = line;
      return;
    }
  date = format_julian (visit->completed);
  trellis_response_problems_add (&import->problems, line, "completed_date",
                                 cell (import, fields, TRELLIS_RESPONSE_COLUMN_COMPLETED),
                                 _("%s of %s was completed on %s, as line %u says; a timepoint has one completion date"),
                                 timepoint_code (import, visit->timepoint),
                                 participant_code (import, visit->participant), date,
                                 visit->date_line);
}

static guint *
score_line_at (Import *import,
               guint   index,
               guint   instrument)
{
  return &g_array_index (import->score_lines, guint, (gsize) index * import->catalog.instruments->len + instrument);
}

/* The row that gave the visit's first item of the instrument, 0 if none. */
static guint
first_item_line (Import *import,
                 guint   index,
                 guint   instrument)
{
  const TrellisResponseInstrument *entry = instrument_at (import, instrument);
  const guint *lines = &g_array_index (import->lines, guint, (gsize) index * import->catalog.n_values + entry->offset);

  for (guint i = 0; i < entry->n_items; i++)
    if (lines[i] != 0)
      return lines[i];
  return 0;
}

/* A sheet comes from its items or from a score given for it, never both:
 * there would be two scores, and no telling which one is right. */
static void
report_mixed (Import     *import,
              guint       index,
              guint       instrument,
              guint       score_line,
              guint       item_line,
              const char *column,
              const char *text)
{
  const TrellisResponseVisit *visit = visit_at (import, index);

  trellis_response_problems_add (&import->problems, MAX (score_line, item_line), column, text,
                                 _("%s of %s at %s has a score (line %u) and items (line %u); an instrument is "
                                   "imported either item by item or as its score, not both"),
                                 instrument_at (import, instrument)->code,
                                 participant_code (import, visit->participant),
                                 timepoint_code (import, visit->timepoint), score_line, item_line);
}

static void
store_value (Import     *import,
             guint       index,
             guint       instrument,
             guint       item,
             int         value,
             guint       line,
             const char *column,
             const char *text)
{
  const TrellisResponseInstrument *entry = instrument_at (import, instrument);
  const TrellisResponseVisit *visit = visit_at (import, index);
  gsize at = (gsize) index * import->catalog.n_values + entry->offset + item;
  guint *first_line = &g_array_index (import->lines, guint, at);

  if (*first_line != 0)
    {
      trellis_response_problems_add (&import->problems, line, column, text,
                                     _("%s of %s at %s is also on line %u; an item has one value at each timepoint"),
                                     entry->specs[item].code,
                                     participant_code (import, visit->participant),
                                     timepoint_code (import, visit->timepoint), *first_line);
      return;
    }
  if (*score_line_at (import, index, instrument) != 0)
    {
      report_mixed (import, index, instrument, *score_line_at (import, index, instrument), line, column, text);
      return;
    }
  *first_line = line;
  g_array_index (import->values, int, at) = value;
}

/* A score given in place of an instrument's items; text is checked against
 * the range the instrument's rule can give. An empty cell is no score
 * (NAN). */
static gboolean
check_score (Import     *import,
             guint       instrument,
             char       *text,
             guint       line,
             const char *column,
             double     *score)
{
  const TrellisResponseInstrument *entry = instrument_at (import, instrument);
  g_autoptr(GError) local_error = NULL;

  *score = NAN;
  if (*trim (text) == '\0' ||
      trellis_scoring_parse_score (&entry->rule, entry->specs, entry->n_items, entry->code, text, score,
                                   &local_error))
    return TRUE;
  trellis_response_problems_add_error (&import->problems, line, column, text, local_error);
  return FALSE;
}

static void
store_score (Import     *import,
             guint       index,
             guint       instrument,
             double      score,
             guint       line,
             const char *column,
             const char *text)
{
  const TrellisResponseVisit *visit = visit_at (import, index);
  guint *score_line = score_line_at (import, index, instrument);
  guint item_line = first_item_line (import, index, instrument);

  if (*score_line != 0)
    trellis_response_problems_add (&import->problems, line, column, text,
                                   _("the %s score of %s at %s is also on line %u; an instrument has one score "
                                     "at each timepoint"), instrument_at (import, instrument)->code,
                                   participant_code (import, visit->participant),
                                   timepoint_code (import, visit->timepoint), *score_line);
  else if (item_line != 0)
    report_mixed (import, index, instrument, line, item_line, column, text);
  else
    {
      *score_line = line;
      g_array_index (import->scores, double, (gsize) index * import->catalog.instruments->len + instrument) = score;
    }
}

/* Checks every cell of a long row, so that all its problems are listed. */
static void
check_long_row (Import    *import,
                GPtrArray *fields,
                guint      line)
{
  int participant = check_participant (import, fields, line);
  int timepoint = check_timepoint (import, fields, line);
  int instrument = check_instrument (import, fields, line);
  gboolean is_score = instrument >= 0 && *trim (cell (import, fields, TRELLIS_RESPONSE_COLUMN_ITEM)) == '\0';
  int item = instrument >= 0 && !is_score ? check_item (import, instrument, fields, line) : -1;
  guint32 date = check_date (import, fields, line);
  char *text = cell (import, fields, TRELLIS_RESPONSE_COLUMN_VALUE);
  gboolean is_new;
  double score = NAN;
  int value = 0;
  guint index;

  if (item >= 0 && !check_value (import, &instrument_at (import, instrument)->specs[item], text, line,
                                 "value", &value))
    item = -1;
  if (is_score && (!check_score (import, instrument, text, line, "value", &score) || isnan (score)))
    {
      if (*text == '\0')
        trellis_response_problems_add (&import->problems, line, "value", text,
                                       _("the row has no item and no value; a row with an empty item gives "
                                         "the %s score in its value"), instrument_at (import, instrument)->code);
      is_score = FALSE;
    }
  if (participant < 0 || timepoint < 0)
    return;
  index = find_visit (import, participant, timepoint, line, &is_new);
  set_date (import, index, date, fields, line);
  if (item >= 0)
    store_value (import, index, instrument, item, value, line, "item",
                 cell (import, fields, TRELLIS_RESPONSE_COLUMN_ITEM));
  else if (is_score)
    store_score (import, index, instrument, score, line, "value", text);
}

/* The score columns of a wide row, after its items. A column named by the
 * instrument gives a score in place of items; INSTRUMENT_score, which the
 * wide export writes beside the items, is the score computed from them, so
 * it is read only where the row has none of the instrument's items. */
static void
check_wide_scores (Import    *import,
                   GPtrArray *fields,
                   guint      line,
                   guint      index)
{
  for (guint i = 0; i < import->layout.n_columns; i++)
    {
      const TrellisResponseItemColumn *column =
        &g_array_index (import->layout.item_columns, TrellisResponseItemColumn, i);
      double score;

      if (column->instrument < 0 || column->item >= -1)
        continue;
      if (column->item == TRELLIS_RESPONSE_SCORE_EXPORTED && index != G_MAXUINT &&
          first_item_line (import, index, column->instrument) != 0)
        continue;
      if (check_score (import, column->instrument, fields->pdata[i], line, import->header->pdata[i], &score) &&
          !isnan (score) && index != G_MAXUINT)
        store_score (import, index, column->instrument, score, line, import->header->pdata[i], fields->pdata[i]);
    }
}

/* A wide row is one visit, with a cell for each item column. */
static void
check_wide_row (Import    *import,
                GPtrArray *fields,
                guint      line)
{
  int participant = check_participant (import, fields, line);
  int timepoint = check_timepoint (import, fields, line);
  guint32 date = check_date (import, fields, line);
  guint index = G_MAXUINT;
  gboolean is_new = TRUE;

  if (participant >= 0 && timepoint >= 0)
    index = find_visit (import, participant, timepoint, line, &is_new);
  if (!is_new)
    trellis_response_problems_add (&import->problems, line, "timepoint",
                                   cell (import, fields, TRELLIS_RESPONSE_COLUMN_TIMEPOINT),
                                   _("%s of %s is also on line %u; a wide file has one row for each participant and timepoint"),
                                   timepoint_code (import, timepoint),
                                   participant_code (import, participant),
                                   visit_at (import, index)->line);
  if (index != G_MAXUINT && is_new)
    set_date (import, index, date, fields, line);
  for (guint i = 0; i < import->layout.n_columns; i++)
    {
      const TrellisResponseItemColumn *column =
        &g_array_index (import->layout.item_columns, TrellisResponseItemColumn, i);
      const char *name = NULL;
      int value;

      if (column->instrument < 0 || column->item < 0)
        continue;
      name = import->header->pdata[i];
      if (check_value (import, &instrument_at (import, column->instrument)->specs[column->item],
                       fields->pdata[i], line, name, &value) &&
          index != G_MAXUINT && is_new && value != TRELLIS_ITEM_UNANSWERED)
        store_value (import, index, column->instrument, column->item, value, line, name, fields->pdata[i]);
    }
  check_wide_scores (import, fields, line, is_new ? index : G_MAXUINT);
}

/* The visit a row made goes to the writer (trellis-response-stream.c)
 * while the file has no problem. */
static void
stream_visit (Import *import)
{
  gsize index = import->visits->len - 1;

  if (import->problems.count > 0)
    trellis_response_stream_abandon (import->stream);
  else
    trellis_response_stream_add (import->stream, visit_at (import, index),
                                 &g_array_index (import->values, int, index * import->catalog.n_values),
                                 &g_array_index (import->scores, double, index * import->catalog.instruments->len));
}

/* ---- The whole file ---- */

/* Rows are counted by their line ends before reading, for progress; quoted
 * line ends make it an overestimate, which the count after reading corrects. */
static guint
estimate_rows (GBytes *bytes)
{
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  const char *end = data + length;
  guint lines = 0;

  for (const char *p = data; p < end && (p = memchr (p, '\n', end - p)) != NULL; p++)
    lines++;
  return MAX (lines, 1);
}

/* done counts rows read; rows written too, while they are written as read. */
static void
report_progress (Import *import,
                 guint   done)
{
  if (import->stream != NULL)
    done += trellis_response_stream_rows_written (import->stream);
  if (import->progress != NULL)
    import->progress (done, 2 * import->rows_estimate, import->user_data);
}

static void
check_row (Import    *import,
           GPtrArray *fields,
           guint      line)
{
  if (fields->len != import->layout.n_columns)
    trellis_response_problems_add (&import->problems, line, NULL, NULL,
                                   ngettext ("the row has %u field, but the header has %u columns; "
                                             "a comma inside a value needs quotes around the value",
                                             "the row has %u fields, but the header has %u columns; "
                                             "a comma inside a value needs quotes around the value",
                                             fields->len),
                                   fields->len, import->layout.n_columns);
  else if (import->layout.form == TRELLIS_RESPONSE_FORM_LONG)
    check_long_row (import, fields, line);
  else
    check_wide_row (import, fields, line);
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
      guint n_visits = import->visits->len;

      if (check)
        check_row (import, fields, trellis_csv_reader_get_line (reader));
      if (import->stream != NULL && import->visits->len > n_visits)
        stream_visit (import);
      if (++import->n_rows % 8192 != 0)
        continue;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      report_progress (import, MIN (import->n_rows, import->rows_estimate));
    }
  if (local_error != NULL)
    trellis_response_problems_add_error (&import->problems, trellis_csv_reader_get_line (reader),
                                         NULL, NULL, local_error);
  else if (import->n_rows == 0)
    trellis_response_problems_add (&import->problems, 1, NULL, NULL,
                                   _("the file has a header but no responses below it"));
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
  g_autoptr(GError) local_error = NULL;
  gboolean check;

  if (!trellis_csv_reader_next_row (reader, &import->header, &local_error))
    {
      if (local_error != NULL)
        trellis_response_problems_add_error (&import->problems,
                                             trellis_csv_reader_get_line (reader), NULL, NULL,
                                             local_error);
      else
        trellis_response_problems_add (&import->problems, 1, NULL, NULL,
                                       _("the file is empty; it needs a header row naming the columns "
                                         "(participant, timepoint, completed_date, then instrument, item and value, "
                                         "or a column per item)"));
      return TRUE;
    }
  if (import->layout.form == TRELLIS_RESPONSE_FORM_AUTO)
    import->layout.form = trellis_response_layout_detect_form (import->header);
  check = trellis_response_layout_map (&import->layout, &import->catalog, import->header,
                                       &import->problems);
  if (check && import->layout.form == TRELLIS_RESPONSE_FORM_WIDE && import->problems.count == 0 &&
      (import->stream = trellis_response_stream_start (import->db, import->file_name, &import->catalog,
                                                       import->rows_estimate, cancellable, error)) == NULL)
    return FALSE;
  return read_rows (import, reader, check, cancellable, error);
}

static void
set_invalid_error (Import  *import,
                   GError **error)
{
  const TrellisImportProblem *first = g_ptr_array_index (import->problems.list, 0);

  g_set_error (error, TRELLIS_IMPORT_ERROR, TRELLIS_IMPORT_ERROR_INVALID,
               ngettext ("%s was not imported: it has %u problem, so nothing was changed. %s",
                         "%s was not imported: it has %u problems, so nothing was changed. The first: %s",
                         import->problems.count),
               import->file_name, import->problems.count, first->message);
}

static gboolean
write_visits (Import                       *import,
              TrellisDatabase              *db,
              GCancellable                 *cancellable,
              TrellisResponseImportResult  *result,
              GError                      **error)
{
  TrellisResponseBatch batch = {
    db, import->file_name, &import->catalog, import->visits, (const int *) import->values->data,
    (const double *) import->scores->data, import->n_rows, import->progress, import->user_data, cancellable,
  };
  guint n_sheets = 0;

  if (!trellis_response_writer_write (&batch, &n_sheets, error))
    return FALSE;
  if (result != NULL)
    *result = (TrellisResponseImportResult) { import->layout.form, import->n_rows, import->visits->len, n_sheets };
  return TRUE;
}

/* Imports the responses in bytes, the contents of file_name (a name for
 * messages), read in the given form or the one its header shows. today (a
 * Julian day; 0 to skip the check) refuses completion dates after it. On a
 * problem with the data nothing is written, problems gets up to
 * TRELLIS_IMPORT_MAX_PROBLEMS of them (and an entry saying how many more)
 * and error is TRELLIS_IMPORT_ERROR_INVALID, summarising them. progress
 * counts every row twice, once read and once written. */
gboolean
trellis_response_import (TrellisDatabase              *db,
                         const char                   *file_name,
                         GBytes                       *bytes,
                         TrellisResponseForm           form,
                         guint32                       today,
                         TrellisImportProgressFunc     progress,
                         gpointer                      user_data,
                         GCancellable                 *cancellable,
                         TrellisResponseImportResult  *result,
                         GPtrArray                   **problems,
                         GError                      **error)
{
  g_auto(Import) import = { 0 };

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (file_name != NULL && bytes != NULL, FALSE);

  if (result != NULL)
    *result = (TrellisResponseImportResult) { form, 0, 0, 0 };
  if (problems != NULL)
    *problems = NULL;

  import_init (&import, file_name, form, today);
  import.db = db;
  import.progress = progress;
  import.user_data = user_data;
  import.rows_estimate = estimate_rows (bytes);
  if (!trellis_response_catalog_load (&import.catalog, db, error))
    return FALSE;
  import.slots = g_new0 (guint32, MAX ((gsize) import.catalog.participants->len *
                                      import.catalog.timepoints->len, 1));
  if (!read_file (&import, bytes, cancellable, error))
    return FALSE;
  trellis_response_check_dates (&import.catalog, import.visits, import.slots, &import.problems);
  if (import.problems.count > 0 && import.stream != NULL)
    trellis_response_stream_abandon (import.stream);
  if (import.problems.count > 0)
    {
      set_invalid_error (&import, error);
      if (problems != NULL)
        *problems = trellis_response_problems_steal (&import.problems);
      return FALSE;
    }
  if (import.stream != NULL)
    {
      guint n_sheets = 0;

      if (!trellis_response_stream_commit (import.stream, &n_sheets, error))
        return FALSE;
      if (result != NULL)
        *result = (TrellisResponseImportResult) { import.layout.form, import.n_rows, import.visits->len, n_sheets };
      g_clear_pointer (&import.stream, trellis_response_stream_free);
      import.rows_estimate = import.n_rows;
      report_progress (&import, 2 * import.n_rows);
      return TRUE;
    }
  import.rows_estimate = import.n_rows;
  report_progress (&import, import.n_rows);
  return write_visits (&import, db, cancellable, result, error);
}
