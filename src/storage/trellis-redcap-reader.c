/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "trellis-csv-reader.h"
#include "trellis-redcap-private.h"

/* Reads a REDCap data dictionary into instruments, checking every row before
 * anything is written, as the participant import does: each problem names
 * the file, line, column and value, so a dictionary is fixed in one go. The
 * format is described in trellis-redcap-dictionary.h. */

/* A form as it is read, before it becomes an instrument. */
typedef struct
{
  char *name;
  guint line;
  gboolean bad;              /* one of its rows has a problem */
  GPtrArray *items;          /* TrellisItem */
  GHashTable *codes;         /* item code, lower case → line */
  guint tag_line;            /* where @TRELLIS-INSTRUMENT is, or 0 */
  char *code;
  char *label;
  char *method;
  char *min_answered;
  char *bands;
} Draft;

typedef struct
{
  TrellisRedcapReport *report;
  GPtrArray *drafts;         /* Draft, in order */
  GHashTable *form_lines;    /* form name → its first line */
  GHashTable *variables;     /* variable, lower case → line */
  guint n_rows;
} Reader;

/* A field's scale as its type and columns give it. */
typedef struct
{
  TrellisItemKind implied;
  int min;
  int max;
  GStrv choices;
} Scale;

static const char *const skipped_types[] = {
  "calc", "checkbox", "descriptive", "file", "notes", "sql",
};

static const char *const item_tags[] = { "ITEM", "KIND", "REVERSE", "CORRECT", "CHOICES" };
static const char *const form_tags[] = { "INSTRUMENT", "LABEL", "SCORING", "MIN-ANSWERED", "BANDS" };

static void
draft_free (gpointer data)
{
  Draft *draft = data;

  g_free (draft->name);
  g_ptr_array_unref (draft->items);
  g_hash_table_unref (draft->codes);
  g_free (draft->code);
  g_free (draft->label);
  g_free (draft->method);
  g_free (draft->min_answered);
  g_free (draft->bands);
  g_free (draft);
}

void
trellis_redcap_form_free (TrellisRedcapForm *form)
{
  if (form == NULL)
    return;
  g_clear_object (&form->instrument);
  g_free (form->name);
  g_free (form);
}

static gboolean
in_list (const char *const *list,
         gsize               n,
         const char         *word)
{
  for (gsize i = 0; i < n; i++)
    if (g_strcmp0 (list[i], word) == 0)
      return TRUE;
  return FALSE;
}

static TrellisRedcapTag *
find_tag (GPtrArray  *tags,
          const char *name)
{
  for (guint i = 0; i < tags->len; i++)
    {
      TrellisRedcapTag *tag = tags->pdata[i];

      if (g_strcmp0 (tag->name, name) == 0)
        return tag;
    }
  return NULL;
}

/* The tag's value, "" for a flag, NULL when the tag is absent. */
static const char *
tag_value (GPtrArray  *tags,
           const char *name)
{
  TrellisRedcapTag *tag = find_tag (tags, name);

  if (tag == NULL)
    return NULL;
  return tag->value != NULL ? tag->value : "";
}

/* A column missing or unknown is named; only when the names are right is
 * their order checked, so one missing column is one problem, not a list of
 * every column after it. A column out of place would put, say, the labels
 * into the choices. */
static void
check_header (Reader    *reader,
              GPtrArray *header)
{
  guint before = reader->report->n_problems;

  for (guint i = 0; i < header->len; i++)
    g_strstrip (header->pdata[i]);
  for (guint i = 0; i < TRELLIS_REDCAP_N_COLUMNS; i++)
    if (!g_ptr_array_find_with_equal_func (header, trellis_redcap_columns[i], g_str_equal, NULL))
      trellis_redcap_report_problem (reader->report, 1, TRELLIS_REDCAP_COLUMN_NONE, trellis_redcap_columns[i],
                                     _("the header has no ‘%s’ column (column %u of a REDCap data dictionary)"),
                                     trellis_redcap_columns[i], i + 1);
  for (guint i = 0; i < header->len; i++)
    if (!in_list (trellis_redcap_columns, TRELLIS_REDCAP_N_COLUMNS, header->pdata[i]))
      trellis_redcap_report_problem (reader->report, 1, TRELLIS_REDCAP_COLUMN_NONE, header->pdata[i],
                                     _("column %u, ‘%s’, is not a column of a REDCap data dictionary"),
                                     i + 1, (const char *) header->pdata[i]);
  if (reader->report->n_problems > before)
    return;
  for (guint i = 0; i < header->len; i++)
    if (i >= TRELLIS_REDCAP_N_COLUMNS || strcmp (header->pdata[i], trellis_redcap_columns[i]) != 0)
      {
        guint expected = 0;

        while (strcmp (trellis_redcap_columns[expected], header->pdata[i]) != 0)
          expected++;
        trellis_redcap_report_problem (reader->report, 1, TRELLIS_REDCAP_COLUMN_NONE, header->pdata[i],
                                       _("‘%s’ is column %u, but a REDCap data dictionary has it as column %u"),
                                       (const char *) header->pdata[i], i + 1, expected + 1);
      }
}

static gboolean
is_variable_name (const char *name)
{
  if (!g_ascii_isalpha (name[0]))
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '_')
      return FALSE;
  return TRUE;
}

static gboolean
check_variable (Reader     *reader,
                guint       line,
                const char *variable)
{
  g_autofree char *key = g_ascii_strdown (variable, -1);
  gpointer first;

  if (variable[0] == '\0')
    trellis_redcap_report_problem (reader->report, line, TRELLIS_REDCAP_COLUMN_VARIABLE, variable,
                                   _("the variable name is empty; every field needs one"));
  else if (!is_variable_name (variable))
    trellis_redcap_report_problem (reader->report, line, TRELLIS_REDCAP_COLUMN_VARIABLE, variable,
                                   _("‘%s’ is not a REDCap variable name (a letter, then letters, "
                                     "digits and ‘_’)"), variable);
  else if (g_hash_table_lookup_extended (reader->variables, key, NULL, &first))
    trellis_redcap_report_problem (reader->report, line, TRELLIS_REDCAP_COLUMN_VARIABLE, variable,
                                   _("‘%s’ is also the variable on line %u; each field needs a name "
                                     "of its own"), variable, GPOINTER_TO_UINT (first));
  else
    {
      g_hash_table_insert (reader->variables, g_steal_pointer (&key), GUINT_TO_POINTER (line));
      return TRUE;
    }
  return FALSE;
}

/* The form of the row; REDCap keeps a form's fields together, so a form
 * that comes back after another is a problem, not a second part. */
static Draft *
find_form (Reader     *reader,
           guint       line,
           const char *form)
{
  Draft *last = reader->drafts->len > 0 ? g_ptr_array_index (reader->drafts, reader->drafts->len - 1) : NULL;
  gpointer first;
  Draft *draft;

  if (form[0] == '\0')
    {
      trellis_redcap_report_problem (reader->report, line, TRELLIS_REDCAP_COLUMN_FORM, form,
                                     _("the form name is empty; every field belongs to a form"));
      return NULL;
    }
  if (last != NULL && strcmp (last->name, form) == 0)
    return last;
  if (g_hash_table_lookup_extended (reader->form_lines, form, NULL, &first))
    {
      trellis_redcap_report_problem (reader->report, line, TRELLIS_REDCAP_COLUMN_FORM, form,
                                     _("form ‘%s’ began on line %u and another form came between; "
                                       "a form’s fields must be together"), form, GPOINTER_TO_UINT (first));
      return NULL;
    }
  draft = g_new0 (Draft, 1);
  draft->name = g_strdup (form);
  draft->line = line;
  draft->items = g_ptr_array_new_with_free_func (g_object_unref);
  draft->codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_insert (reader->form_lines, g_strdup (form), GUINT_TO_POINTER (line));
  g_ptr_array_add (reader->drafts, draft);
  return draft;
}

static gboolean
parse_int (const char *text,
           int        *value)
{
  gint64 number;

  if (!g_ascii_string_to_signed (text, 10, G_MININT + 1, G_MAXINT, &number, NULL))
    return FALSE;
  *value = (int) number;
  return TRUE;
}

/* A bound in its column, or fallback when the cell is empty. */
static gboolean
read_bound (Reader              *reader,
            guint                line,
            GPtrArray           *fields,
            TrellisRedcapColumn  column,
            int                  fallback,
            int                 *value)
{
  const char *text = fields->pdata[column];

  if (text[0] == '\0')
    {
      *value = fallback;
      return TRUE;
    }
  if (parse_int (text, value))
    return TRUE;
  trellis_redcap_report_problem (reader->report, line, column, text,
                                 _("‘%s’ is not a whole number; a scale runs between whole numbers"), text);
  return FALSE;
}

static gboolean
read_range (Reader    *reader,
            guint      line,
            GPtrArray *fields,
            int        fallback_min,
            int        fallback_max,
            Scale     *scale)
{
  gboolean ok = read_bound (reader, line, fields, TRELLIS_REDCAP_COLUMN_MIN, fallback_min, &scale->min);

  ok &= read_bound (reader, line, fields, TRELLIS_REDCAP_COLUMN_MAX, fallback_max, &scale->max);
  if (ok && scale->min > scale->max)
    {
      trellis_redcap_report_problem (reader->report, line, TRELLIS_REDCAP_COLUMN_MIN,
                                     fields->pdata[TRELLIS_REDCAP_COLUMN_MIN],
                                     _("the min %d is above the max %d"), scale->min, scale->max);
      return FALSE;
    }
  return ok;
}

static gboolean
read_choices (Reader              *reader,
              guint                line,
              TrellisRedcapColumn  column,
              const char          *text,
              Scale               *scale)
{
  g_autoptr(GError) error = NULL;
  int first = 0;

  if (!trellis_redcap_choices_parse (text, &first, &scale->choices, &error))
    {
      trellis_redcap_report_problem (reader->report, line, column, text, "%s", error->message);
      return FALSE;
    }
  if (scale->choices[0] == NULL)
    {
      trellis_redcap_report_problem (reader->report, line, column, text,
                                     _("there are no choices; write them as ‘1, Agree | 2, Disagree’"));
      return FALSE;
    }
  scale->min = first;
  scale->max = first + (int) g_strv_length (scale->choices) - 1;
  return TRUE;
}

static void
set_choices (Scale             *scale,
             const char *const *labels)
{
  scale->implied = TRELLIS_ITEM_CHOICE;
  scale->min = 0;
  scale->max = 1;
  scale->choices = g_strdupv ((char **) labels);
}

static void
skip_field (Reader     *reader,
            guint       line,
            GPtrArray  *fields,
            GPtrArray  *tags,
            const char *why)
{
  const char *variable = fields->pdata[TRELLIS_REDCAP_COLUMN_VARIABLE];

  if (tag_value (tags, "ITEM") != NULL)
    trellis_redcap_report_problem (reader->report, line, TRELLIS_REDCAP_COLUMN_TYPE,
                                   fields->pdata[TRELLIS_REDCAP_COLUMN_TYPE],
                                   _("field %s has @TRELLIS-ITEM, but %s"), variable, why);
  else
    trellis_redcap_report_note (reader->report, line, TRELLIS_REDCAP_COLUMN_TYPE,
                                fields->pdata[TRELLIS_REDCAP_COLUMN_TYPE],
                                _("field %s is skipped: %s"), variable, why);
}

/* A text field is an item when it takes a whole number between a min and
 * a max; other text is skipped. */
static gboolean
read_text_scale (Reader    *reader,
                 guint      line,
                 GPtrArray *fields,
                 GPtrArray *tags,
                 Scale     *scale)
{
  const char *validation = fields->pdata[TRELLIS_REDCAP_COLUMN_VALIDATION];

  scale->implied = TRELLIS_ITEM_INTEGER;
  if (g_ascii_strcasecmp (validation, "integer") != 0 && g_ascii_strcasecmp (validation, "int") != 0)
    {
      skip_field (reader, line, fields, tags,
                  _("a text field is scored only with the validation ‘integer’"));
      return FALSE;
    }
  if (((const char *) fields->pdata[TRELLIS_REDCAP_COLUMN_MIN])[0] == '\0' ||
      ((const char *) fields->pdata[TRELLIS_REDCAP_COLUMN_MAX])[0] == '\0')
    {
      skip_field (reader, line, fields, tags,
                  _("a whole number is scored only on a scale, with a Text Validation Min and Max"));
      return FALSE;
    }
  return read_range (reader, line, fields, 0, 0, scale);
}

/* The scale of a field by its type; FALSE when the field is no item, a
 * problem or a note saying why. */
static gboolean
read_scale (Reader    *reader,
            guint      line,
            GPtrArray *fields,
            GPtrArray *tags,
            Scale     *scale)
{
  static const char *const yes_no[] = { "No", "Yes", NULL };
  static const char *const true_false[] = { "False", "True", NULL };
  g_autofree char *type = g_ascii_strdown (fields->pdata[TRELLIS_REDCAP_COLUMN_TYPE], -1);

  scale->implied = TRELLIS_ITEM_CHOICE;
  if (strcmp (type, "text") == 0)
    return read_text_scale (reader, line, fields, tags, scale);
  if (strcmp (type, "radio") == 0 || strcmp (type, "dropdown") == 0)
    return read_choices (reader, line, TRELLIS_REDCAP_COLUMN_CHOICES,
                         fields->pdata[TRELLIS_REDCAP_COLUMN_CHOICES], scale);
  if (strcmp (type, "yesno") == 0)
    set_choices (scale, yes_no);
  else if (strcmp (type, "truefalse") == 0)
    set_choices (scale, true_false);
  else if (strcmp (type, "slider") == 0)
    {
      scale->implied = TRELLIS_ITEM_INTEGER;
      return read_range (reader, line, fields, 0, 100, scale);
    }
  else if (in_list (skipped_types, G_N_ELEMENTS (skipped_types), type))
    skip_field (reader, line, fields, tags, _("Trellis scores only radio, dropdown, yesno, truefalse, "
                                              "slider and whole-number text fields"));
  else
    trellis_redcap_report_problem (reader->report, line, TRELLIS_REDCAP_COLUMN_TYPE,
                                   fields->pdata[TRELLIS_REDCAP_COLUMN_TYPE],
                                   _("‘%s’ is not a REDCap field type (text, notes, radio, dropdown, "
                                     "checkbox, yesno, truefalse, slider, calc, file, descriptive, sql)"),
                                   (const char *) fields->pdata[TRELLIS_REDCAP_COLUMN_TYPE]);
  return scale->choices != NULL;
}

/* Every tag is one Trellis knows, given once, with a value where it takes
 * one: a misspelt tag would otherwise quietly lose what it says. */
static gboolean
check_tags (Reader     *reader,
            guint       line,
            GPtrArray  *tags,
            const char *annotation)
{
  guint before = reader->report->n_problems;

  for (guint i = 0; i < tags->len; i++)
    {
      TrellisRedcapTag *tag = tags->pdata[i];
      gboolean is_flag = strcmp (tag->name, "REVERSE") == 0;

      if (!in_list (item_tags, G_N_ELEMENTS (item_tags), tag->name) &&
          !in_list (form_tags, G_N_ELEMENTS (form_tags), tag->name))
        trellis_redcap_report_problem (reader->report, line, TRELLIS_REDCAP_COLUMN_ANNOTATION, annotation,
                                       _("@TRELLIS-%s is not a Trellis tag (ITEM, KIND, REVERSE, CORRECT, "
                                         "CHOICES, INSTRUMENT, LABEL, SCORING, MIN-ANSWERED, BANDS)"),
                                       tag->name);
      else if (find_tag (tags, tag->name) != tag)
        trellis_redcap_report_problem (reader->report, line, TRELLIS_REDCAP_COLUMN_ANNOTATION, annotation,
                                       _("@TRELLIS-%s is given twice"), tag->name);
      else if (is_flag && tag->value != NULL)
        trellis_redcap_report_problem (reader->report, line, TRELLIS_REDCAP_COLUMN_ANNOTATION, annotation,
                                       _("@TRELLIS-%s takes no value"), tag->name);
      else if (!is_flag && tag->value == NULL)
        trellis_redcap_report_problem (reader->report, line, TRELLIS_REDCAP_COLUMN_ANNOTATION, annotation,
                                       _("@TRELLIS-%s needs a value, as in @TRELLIS-%s=…"),
                                       tag->name, tag->name);
    }
  return reader->report->n_problems == before;
}

static void
take_tag (GPtrArray   *tags,
          const char  *name,
          char       **field)
{
  const char *value = tag_value (tags, name);

  if (value != NULL)
    {
      g_free (*field);
      *field = g_strdup (value);
    }
}

/* The instrument's own tags, once per form, on any of its fields. */
static void
read_form_tags (Reader     *reader,
                Draft      *draft,
                guint       line,
                GPtrArray  *tags,
                const char *annotation)
{
  gboolean any = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (form_tags); i++)
    any |= tag_value (tags, form_tags[i]) != NULL;
  if (!any)
    return;
  if (tag_value (tags, "INSTRUMENT") == NULL)
    trellis_redcap_report_problem (reader->report, line, TRELLIS_REDCAP_COLUMN_ANNOTATION, annotation,
                                   _("the instrument’s tags need @TRELLIS-INSTRUMENT=CODE beside them"));
  else if (draft->tag_line > 0)
    trellis_redcap_report_problem (reader->report, line, TRELLIS_REDCAP_COLUMN_ANNOTATION, annotation,
                                   _("form ‘%s’ already has @TRELLIS-INSTRUMENT on line %u"),
                                   draft->name, draft->tag_line);
  else
    {
      draft->tag_line = line;
      take_tag (tags, "INSTRUMENT", &draft->code);
      take_tag (tags, "LABEL", &draft->label);
      take_tag (tags, "SCORING", &draft->method);
      take_tag (tags, "MIN-ANSWERED", &draft->min_answered);
      take_tag (tags, "BANDS", &draft->bands);
    }
}

/* The item's kind: a correct answer makes a test question; otherwise
 * @TRELLIS-KIND, or what the field type implies. */
static gboolean
read_kind (Reader          *reader,
           guint            line,
           GPtrArray       *tags,
           const char      *annotation,
           TrellisItemKind  implied,
           TrellisItemKind *kind,
           int             *correct)
{
  const char *kind_text = tag_value (tags, "KIND");
  const char *correct_text = tag_value (tags, "CORRECT");

  *kind = implied;
  if (kind_text != NULL && !trellis_item_kind_from_string (kind_text, kind))
    trellis_redcap_report_problem (reader->report, line, TRELLIS_REDCAP_COLUMN_ANNOTATION, annotation,
                                   _("@TRELLIS-KIND=%s is not a kind of item (integer, choice, correct)"),
                                   kind_text);
  else if (correct_text != NULL && !parse_int (correct_text, correct))
    trellis_redcap_report_problem (reader->report, line, TRELLIS_REDCAP_COLUMN_ANNOTATION, annotation,
                                   _("@TRELLIS-CORRECT=%s is not a whole number"), correct_text);
  else if (correct_text != NULL && kind_text != NULL && *kind != TRELLIS_ITEM_CORRECT)
    trellis_redcap_report_problem (reader->report, line, TRELLIS_REDCAP_COLUMN_ANNOTATION, annotation,
                                   _("@TRELLIS-CORRECT is only for test questions, and this item "
                                     "is @TRELLIS-KIND=%s"), kind_text);
  else if (correct_text == NULL && *kind == TRELLIS_ITEM_CORRECT)
    trellis_redcap_report_problem (reader->report, line, TRELLIS_REDCAP_COLUMN_ANNOTATION, annotation,
                                   _("a test question needs its correct answer, as in @TRELLIS-CORRECT=2"));
  else
    {
      if (correct_text != NULL)
        *kind = TRELLIS_ITEM_CORRECT;
      return TRUE;
    }
  return FALSE;
}

/* Labels of a text field's scale, in @TRELLIS-CHOICES; they start at its
 * min, since Trellis keeps a label by its place on the scale. */
static gboolean
read_tag_choices (Reader     *reader,
                  guint       line,
                  GPtrArray  *tags,
                  const char *type,
                  Scale      *scale)
{
  const char *text = tag_value (tags, "CHOICES");
  g_autoptr(GError) error = NULL;
  int first = scale->min;

  if (text == NULL)
    return TRUE;
  if (g_ascii_strcasecmp (type, "text") != 0)
    trellis_redcap_report_problem (reader->report, line, TRELLIS_REDCAP_COLUMN_ANNOTATION, text,
                                   _("@TRELLIS-CHOICES is only for text fields; a %s field has its "
                                     "choices in their own column"), type);
  else if (!trellis_redcap_choices_parse (text, &first, &scale->choices, &error))
    trellis_redcap_report_problem (reader->report, line, TRELLIS_REDCAP_COLUMN_ANNOTATION, text,
                                   "@TRELLIS-CHOICES: %s", error->message);
  else if (scale->choices[0] != NULL && first != scale->min)
    trellis_redcap_report_problem (reader->report, line, TRELLIS_REDCAP_COLUMN_ANNOTATION, text,
                                   _("@TRELLIS-CHOICES must start at the min, %d, not at %d"),
                                   scale->min, first);
  else
    return TRUE;
  return FALSE;
}

static gboolean
claim_code (Reader     *reader,
            Draft      *draft,
            guint       line,
            const char *code,
            const char *annotation)
{
  g_autofree char *key = g_ascii_strdown (code, -1);
  gpointer first;

  if (!g_hash_table_lookup_extended (draft->codes, key, NULL, &first))
    {
      g_hash_table_insert (draft->codes, g_steal_pointer (&key), GUINT_TO_POINTER (line));
      return TRUE;
    }
  trellis_redcap_report_problem (reader->report, line, TRELLIS_REDCAP_COLUMN_ANNOTATION, annotation,
                                 _("item code %s is also on line %u, in the same form"),
                                 code, GPOINTER_TO_UINT (first));
  return FALSE;
}

static TrellisItem *
make_item (const char      *code,
           GPtrArray       *fields,
           TrellisItemKind  kind,
           int              correct,
           gboolean         reverse,
           Scale           *scale)
{
  TrellisItem *item = trellis_item_new (code, fields->pdata[TRELLIS_REDCAP_COLUMN_LABEL],
                                        kind, scale->min, scale->max);

  trellis_item_set_reverse (item, reverse);
  if (kind == TRELLIS_ITEM_CORRECT)
    trellis_item_set_correct (item, correct);
  trellis_item_set_choices (item, (const char *const *) scale->choices);
  return item;
}

/* Checks the item as scoring will, so its problem is told on its line. */
static gboolean
check_item (Reader      *reader,
            guint        line,
            TrellisItem *item,
            const char  *annotation)
{
  g_autoptr(GError) error = NULL;
  TrellisItemSpec spec;

  trellis_item_get_spec (item, &spec);
  if (trellis_scoring_check_item (&spec, &error))
    return TRUE;
  trellis_redcap_report_problem (reader->report, line, TRELLIS_REDCAP_COLUMN_ANNOTATION, annotation,
                                 "%s", error->message);
  return FALSE;
}

static void
read_item (Reader    *reader,
           Draft     *draft,
           guint      line,
           GPtrArray *fields,
           GPtrArray *tags)
{
  const char *annotation = fields->pdata[TRELLIS_REDCAP_COLUMN_ANNOTATION];
  const char *code = tag_value (tags, "ITEM");
  g_autoptr(TrellisItem) item = NULL;
  Scale scale = { 0 };
  TrellisItemKind kind;
  int correct = 0;

  if (code == NULL)
    code = fields->pdata[TRELLIS_REDCAP_COLUMN_VARIABLE];
  if (read_scale (reader, line, fields, tags, &scale) &&
      read_tag_choices (reader, line, tags, fields->pdata[TRELLIS_REDCAP_COLUMN_TYPE], &scale) &&
      read_kind (reader, line, tags, annotation, scale.implied, &kind, &correct) &&
      claim_code (reader, draft, line, code, annotation))
    {
      item = make_item (code, fields, kind, correct, tag_value (tags, "REVERSE") != NULL, &scale);
      if (((const char *) fields->pdata[TRELLIS_REDCAP_COLUMN_LABEL])[0] == '\0')
        trellis_redcap_report_problem (reader->report, line, TRELLIS_REDCAP_COLUMN_LABEL, "",
                                       _("the field label is empty; it is the question the item asks"));
      else if (check_item (reader, line, item, annotation))
        g_ptr_array_add (draft->items, g_steal_pointer (&item));
    }
  g_strfreev (scale.choices);
}

/* REDCap makes the first field of a dictionary the record identifier (the
 * study code), never a question. */
static void
read_record_id (Reader    *reader,
                guint      line,
                GPtrArray *fields,
                GPtrArray *tags)
{
  const char *variable = fields->pdata[TRELLIS_REDCAP_COLUMN_VARIABLE];

  if (tag_value (tags, "ITEM") != NULL)
    trellis_redcap_report_problem (reader->report, line, TRELLIS_REDCAP_COLUMN_ANNOTATION,
                                   fields->pdata[TRELLIS_REDCAP_COLUMN_ANNOTATION],
                                   _("the first field, %s, is REDCap’s record identifier and cannot "
                                     "be an item; put a record_id field before it"), variable);
  else
    trellis_redcap_report_note (reader->report, line, TRELLIS_REDCAP_COLUMN_VARIABLE, variable,
                                _("field %s is skipped: the first field is REDCap’s record identifier"),
                                variable);
}

static gboolean
check_width (Reader    *reader,
             GPtrArray *fields,
             guint      line)
{
  if (fields->len == TRELLIS_REDCAP_N_COLUMNS)
    return TRUE;
  trellis_redcap_report_problem (reader->report, line, TRELLIS_REDCAP_COLUMN_NONE, NULL,
                                 ngettext ("the row has %u field, but a REDCap data dictionary has %u "
                                           "columns; a comma inside a value needs quotes around the value",
                                           "the row has %u fields, but a REDCap data dictionary has %u "
                                           "columns; a comma inside a value needs quotes around the value",
                                           fields->len),
                                 fields->len, TRELLIS_REDCAP_N_COLUMNS);
  return FALSE;
}

static void
read_row (Reader    *reader,
          GPtrArray *fields,
          guint      line)
{
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(GError) error = NULL;
  const char *annotation;
  guint before = reader->report->n_problems;
  gboolean first = ++reader->n_rows == 1;
  gboolean ok;
  Draft *draft;

  if (!check_width (reader, fields, line))
    return;
  for (guint i = 0; i < fields->len; i++)
    g_strstrip (fields->pdata[i]);
  annotation = fields->pdata[TRELLIS_REDCAP_COLUMN_ANNOTATION];
  ok = check_variable (reader, line, fields->pdata[TRELLIS_REDCAP_COLUMN_VARIABLE]);
  draft = find_form (reader, line, fields->pdata[TRELLIS_REDCAP_COLUMN_FORM]);
  tags = trellis_redcap_tags_parse (annotation, &error);
  if (tags == NULL)
    trellis_redcap_report_problem (reader->report, line, TRELLIS_REDCAP_COLUMN_ANNOTATION, annotation,
                                   "%s", error->message);
  if (ok && draft != NULL && tags != NULL && check_tags (reader, line, tags, annotation))
    {
      if (first)
        read_record_id (reader, line, fields, tags);
      else
        {
          read_form_tags (reader, draft, line, tags, annotation);
          read_item (reader, draft, line, fields, tags);
        }
    }
  if (draft != NULL && reader->report->n_problems > before)
    draft->bad = TRUE;
}

static void
read_rows (Reader           *reader,
           TrellisCsvReader *csv)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *fields = NULL;

  while (trellis_csv_reader_next_row (csv, &fields, &error))
    {
      read_row (reader, fields, trellis_csv_reader_get_line (csv));
      g_ptr_array_unref (fields);
    }
  if (error != NULL)
    trellis_redcap_report_line (reader->report, trellis_csv_reader_get_line (csv), error->message);
  else if (reader->n_rows == 0)
    trellis_redcap_report_problem (reader->report, 1, TRELLIS_REDCAP_COLUMN_NONE, NULL,
                                   _("the dictionary has a header but no fields below it"));
}

static void
read_file (Reader *reader,
           GBytes *bytes)
{
  g_autoptr(TrellisCsvReader) csv = trellis_csv_reader_new (reader->report->file_name, bytes, NULL);
  g_autoptr(GPtrArray) header = NULL;
  g_autoptr(GError) error = NULL;

  if (!trellis_csv_reader_next_row (csv, &header, &error))
    {
      if (error != NULL)
        trellis_redcap_report_line (reader->report, trellis_csv_reader_get_line (csv), error->message);
      else
        trellis_redcap_report_problem (reader->report, 1, TRELLIS_REDCAP_COLUMN_NONE, NULL,
                                       _("the file is empty; a REDCap data dictionary starts with "
                                         "REDCap’s header row"));
      return;
    }
  check_header (reader, header);
  if (reader->report->n_problems == 0)
    read_rows (reader, csv);
}

/* "brief_resilience_scale" → "Brief Resilience Scale", as REDCap names a
 * form that came without a label. */
static char *
form_label (const char *name)
{
  char *label = g_strdup (name);
  gboolean word_start = TRUE;

  for (char *p = label; *p != '\0'; p++)
    {
      if (*p == '_')
        *p = ' ';
      else if (word_start)
        *p = g_ascii_toupper (*p);
      word_start = *p == ' ';
    }
  return label;
}

/* The rule a plain dictionary gets: the mean of the items (the count of
 * correct answers for a test), scored only when every item is answered. */
static void
default_rule (Draft              *draft,
              TrellisScoringRule *rule)
{
  gboolean all_correct = TRUE;

  for (guint i = 0; i < draft->items->len; i++)
    all_correct &= trellis_item_get_kind (draft->items->pdata[i]) == TRELLIS_ITEM_CORRECT;
  rule->method = all_correct ? TRELLIS_SCORING_CORRECT : TRELLIS_SCORING_MEAN;
  rule->min_answered = (int) draft->items->len;
  rule->version = 1;
}

static gboolean
read_rule (Reader             *reader,
           Draft              *draft,
           TrellisScoringRule *rule)
{
  const char *annotation = draft->code;

  default_rule (draft, rule);
  if (draft->method != NULL && !trellis_scoring_method_from_string (draft->method, &rule->method))
    trellis_redcap_report_problem (reader->report, draft->tag_line, TRELLIS_REDCAP_COLUMN_ANNOTATION, annotation,
                                   _("@TRELLIS-SCORING=%s is not a scoring method (mean, sum, correct)"),
                                   draft->method);
  else if (draft->min_answered != NULL && !parse_int (draft->min_answered, &rule->min_answered))
    trellis_redcap_report_problem (reader->report, draft->tag_line, TRELLIS_REDCAP_COLUMN_ANNOTATION, annotation,
                                   _("@TRELLIS-MIN-ANSWERED=%s is not a whole number"), draft->min_answered);
  else
    return TRUE;
  return FALSE;
}

static TrellisInstrument *
make_instrument (Reader *reader,
                 Draft  *draft)
{
  g_autofree char *code = draft->code != NULL ? g_strdup (draft->code) : g_ascii_strup (draft->name, -1);
  g_autofree char *label = draft->label != NULL ? g_strdup (draft->label) : form_label (draft->name);
  g_autoptr(TrellisInstrument) instrument = NULL;
  g_autoptr(GError) error = NULL;
  TrellisScoringRule rule;

  if (!read_rule (reader, draft, &rule))
    return NULL;
  instrument = trellis_instrument_new (code, label, rule.method, rule.min_answered);
  for (guint i = 0; i < draft->items->len; i++)
    {
      trellis_item_set_position (draft->items->pdata[i], (int) i);
      trellis_instrument_add_item (instrument, draft->items->pdata[i]);
    }
  if (draft->bands != NULL && !trellis_instrument_bands_from_text (instrument, draft->bands, &error))
    trellis_redcap_report_problem (reader->report, draft->tag_line, TRELLIS_REDCAP_COLUMN_ANNOTATION,
                                   draft->bands, "%s", error->message);
  else if (!trellis_instrument_validate (instrument, &error))
    trellis_redcap_report_problem (reader->report, draft->tag_line > 0 ? draft->tag_line : draft->line,
                                   draft->tag_line > 0 ? TRELLIS_REDCAP_COLUMN_ANNOTATION
                                                       : TRELLIS_REDCAP_COLUMN_FORM,
                                   draft->tag_line > 0 ? draft->code : draft->name, "%s", error->message);
  else
    return g_steal_pointer (&instrument);
  return NULL;
}

/* Two forms may not become the same instrument. */
static void
claim_instrument (Reader            *reader,
                  GHashTable        *codes,
                  Draft             *draft,
                  TrellisInstrument *instrument)
{
  g_autofree char *key = g_ascii_strdown (trellis_instrument_get_code (instrument), -1);
  gpointer first;

  if (g_hash_table_lookup_extended (codes, key, NULL, &first))
    trellis_redcap_report_problem (reader->report, draft->line, TRELLIS_REDCAP_COLUMN_FORM, draft->name,
                                   _("form %s is the instrument %s, as is the form on line %u"),
                                   draft->name, trellis_instrument_get_code (instrument),
                                   GPOINTER_TO_UINT (first));
  else
    g_hash_table_insert (codes, g_steal_pointer (&key), GUINT_TO_POINTER (draft->line));
}

/* Each form with items becomes an instrument. */
static GPtrArray *
finish_forms (Reader *reader)
{
  g_autoptr(GPtrArray) forms = g_ptr_array_new_with_free_func ((GDestroyNotify) trellis_redcap_form_free);
  g_autoptr(GHashTable) codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < reader->drafts->len; i++)
    {
      Draft *draft = reader->drafts->pdata[i];
      TrellisRedcapForm *form;
      TrellisInstrument *instrument;

      if (draft->items->len == 0 && !draft->bad)
        trellis_redcap_report_note (reader->report, draft->line, TRELLIS_REDCAP_COLUMN_FORM, draft->name,
                                    _("form %s is skipped: it has no field Trellis can score"), draft->name);
      if (draft->items->len == 0 || draft->bad || (instrument = make_instrument (reader, draft)) == NULL)
        continue;
      claim_instrument (reader, codes, draft, instrument);
      form = g_new0 (TrellisRedcapForm, 1);
      form->instrument = instrument;
      form->name = g_strdup (draft->name);
      form->line = draft->line;
      form->has_rule = draft->tag_line > 0;
      g_ptr_array_add (forms, form);
    }
  return g_steal_pointer (&forms);
}

/* The dictionary's forms that hold items, as instruments (TrellisRedcapForm),
 * with every problem and note in report; NULL when there is a problem. */
GPtrArray *
trellis_redcap_read_forms (TrellisRedcapReport *report,
                           GBytes              *bytes)
{
  g_autoptr(GPtrArray) forms = NULL;
  Reader reader = { report };

  g_return_val_if_fail (report != NULL && bytes != NULL, NULL);

  reader.drafts = g_ptr_array_new_with_free_func (draft_free);
  reader.form_lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  reader.variables = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  read_file (&reader, bytes);
  forms = finish_forms (&reader);
  if (report->n_problems == 0 && forms->len == 0)
    trellis_redcap_report_problem (report, 1, TRELLIS_REDCAP_COLUMN_NONE, NULL,
                                   _("no form of the dictionary has a field Trellis can score"));
  g_ptr_array_unref (reader.drafts);
  g_hash_table_unref (reader.form_lines);
  g_hash_table_unref (reader.variables);
  return report->n_problems > 0 ? NULL : g_steal_pointer (&forms);
}
