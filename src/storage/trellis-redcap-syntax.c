/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "trellis-redcap-private.h"

/* The small languages inside a REDCap data dictionary's cells: action tags
 * in the Field Annotation and "1, Agree | 2, Disagree" choices, and the list
 * of what is wrong with a dictionary. */

/* REDCap's own column names, exactly: REDCap refuses a dictionary whose
 * header differs, so Trellis does too, rather than guess. */
const char *const trellis_redcap_columns[TRELLIS_REDCAP_N_COLUMNS] = {
  "Variable / Field Name",
  "Form Name",
  "Section Header",
  "Field Type",
  "Field Label",
  "Choices, Calculations, OR Slider Labels",
  "Field Note",
  "Text Validation Type OR Show Slider Number",
  "Text Validation Min",
  "Text Validation Max",
  "Identifier?",
  "Branching Logic (Show field only if...)",
  "Required Field?",
  "Custom Alignment",
  "Question Number (surveys only)",
  "Matrix Group Name",
  "Matrix Ranking?",
  "Field Annotation",
};

#define TAG_PREFIX "@TRELLIS-"

static void
tag_free (gpointer data)
{
  TrellisRedcapTag *tag = data;

  g_free (tag->name);
  g_free (tag->value);
  g_free (tag);
}

/* Past a token that is not ours, such as @DEFAULT='a b': quotes are
 * skipped whole, so a space inside one does not end the token. */
static const char *
skip_token (const char *p)
{
  while (*p != '\0' && !g_ascii_isspace (*p))
    {
      char quote = *p == '"' || *p == '\'' ? *p : '\0';

      p++;
      if (quote != '\0')
        {
          while (*p != '\0' && *p != quote)
            p++;
          if (*p != '\0')
            p++;
        }
    }
  return p;
}

/* A quoted value, with a backslash before a quote or a backslash inside
 * it; p is past the opening quote, which is " as Trellis writes it or ' as
 * REDCap's own tags often have it. NULL when the closing quote is missing. */
static char *
read_quoted (const char  **p,
             char          quote)
{
  g_autoptr(GString) value = g_string_new (NULL);
  const char *q = *p;

  for (; *q != '\0' && *q != quote; q++)
    {
      if (*q == '\\' && (q[1] == quote || q[1] == '\\'))
        q++;
      g_string_append_c (value, *q);
    }
  if (*q != quote)
    return NULL;
  *p = q + 1;
  return g_string_free (g_steal_pointer (&value), FALSE);
}

static TrellisRedcapTag *
read_tag (const char  **p,
          GError      **error)
{
  g_autoptr(GString) name = g_string_new (NULL);
  const char *q = *p + strlen (TAG_PREFIX);
  TrellisRedcapTag *tag;
  char *value = NULL;

  while (g_ascii_isalnum (*q) || *q == '-' || *q == '_')
    g_string_append_c (name, *q++);
  if (*q == '=' && (q[1] == '"' || q[1] == '\''))
    {
      char quote = q[1];

      q += 2;
      value = read_quoted (&q, quote);
      if (value == NULL)
        {
          g_set_error (error, TRELLIS_IMPORT_ERROR, TRELLIS_IMPORT_ERROR_INVALID,
                       _("the value of @TRELLIS-%s has no closing quote"), name->str);
          return NULL;
        }
    }
  else if (*q == '=')
    {
      const char *start = ++q;

      while (*q != '\0' && !g_ascii_isspace (*q))
        q++;
      value = g_strndup (start, q - start);
    }
  tag = g_new0 (TrellisRedcapTag, 1);
  tag->name = g_string_free (g_steal_pointer (&name), FALSE);
  tag->value = value;
  *p = skip_token (q);
  return tag;
}

/* The @TRELLIS- tags of an annotation, in order; other text, such as
 * REDCap's own action tags, is passed over. */
GPtrArray *
trellis_redcap_tags_parse (const char  *text,
                           GError     **error)
{
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (tag_free);
  const char *p = text != NULL ? text : "";

  while (*p != '\0')
    {
      TrellisRedcapTag *tag;

      if (g_ascii_isspace (*p))
        {
          p++;
          continue;
        }
      if (!g_str_has_prefix (p, TAG_PREFIX))
        {
          p = skip_token (p);
          continue;
        }
      tag = read_tag (&p, error);
      if (tag == NULL)
        return NULL;
      g_ptr_array_add (tags, tag);
    }
  return g_steal_pointer (&tags);
}

static gboolean
needs_quotes (const char *value)
{
  if (*value == '\0')
    return TRUE;
  for (const char *p = value; *p != '\0'; p++)
    if (g_ascii_isspace (*p) || *p == '"' || *p == '\'' || *p == '\\')
      return TRUE;
  return FALSE;
}

/* Appends "@TRELLIS-NAME" or "@TRELLIS-NAME=value", a space apart from
 * what is already there. */
void
trellis_redcap_tag_append (GString    *out,
                           const char *name,
                           const char *value)
{
  g_return_if_fail (out != NULL && name != NULL);

  if (out->len > 0)
    g_string_append_c (out, ' ');
  g_string_append_printf (out, TAG_PREFIX "%s", name);
  if (value == NULL)
    return;
  g_string_append_c (out, '=');
  if (!needs_quotes (value))
    {
      g_string_append (out, value);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* "1, Strongly disagree | 2, Disagree | …", coded from first up. */
char *
trellis_redcap_choices_format (const char *const *labels,
                               int                first)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (labels != NULL, NULL);

  for (guint i = 0; labels[i] != NULL; i++)
    g_string_append_printf (out, "%s%d, %s", i > 0 ? " | " : "", first + (int) i, labels[i]);
  return g_string_free (out, FALSE);
}

static gboolean
parse_choice (const char  *entry,
              int         *code,
              char       **label,
              GError     **error)
{
  const char *comma = strchr (entry, ',');
  g_autofree char *code_text = NULL;
  gint64 number;

  if (comma == NULL)
    {
      g_set_error (error, TRELLIS_IMPORT_ERROR, TRELLIS_IMPORT_ERROR_INVALID,
                   _("the choice ‘%s’ has no code; write choices as ‘1, Agree | 2, Disagree’"), entry);
      return FALSE;
    }
  code_text = g_strstrip (g_strndup (entry, comma - entry));
  if (!g_ascii_string_to_signed (code_text, 10, G_MININT + 1, G_MAXINT, &number, NULL))
    {
      g_set_error (error, TRELLIS_IMPORT_ERROR, TRELLIS_IMPORT_ERROR_INVALID,
                   _("the choice code ‘%s’ is not a whole number; Trellis scores a choice by its number"),
                   code_text);
      return FALSE;
    }
  *code = (int) number;
  *label = g_strstrip (g_strdup (comma + 1));
  return TRUE;
}

/* Reads REDCap's choices into labels for first, first + 1, …: Trellis keeps
 * a choice as its position on the scale, so the codes must count up by one. */
gboolean
trellis_redcap_choices_parse (const char  *text,
                              int         *first,
                              GStrv       *labels,
                              GError     **error)
{
  g_auto(GStrv) entries = g_strsplit (text, "|", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  int previous = 0;

  for (guint i = 0; entries[i] != NULL; i++)
    {
      g_autofree char *label = NULL;
      int code;

      g_strstrip (entries[i]);
      if (entries[i][0] == '\0' && i == 0 && entries[1] == NULL)
        break;
      if (entries[i][0] == '\0')
        {
          g_set_error (error, TRELLIS_IMPORT_ERROR, TRELLIS_IMPORT_ERROR_INVALID,
                       _("choice %u is empty; choices are separated by one ‘|’"), i + 1);
          return FALSE;
        }
      if (!parse_choice (entries[i], &code, &label, error))
        return FALSE;
      if (i > 0 && code != previous + 1)
        {
          g_set_error (error, TRELLIS_IMPORT_ERROR, TRELLIS_IMPORT_ERROR_INVALID,
                       _("the choice codes must count up by one, but %d follows %d"), code, previous);
          return FALSE;
        }
      if (i == 0)
        *first = code;
      previous = code;
      g_strv_builder_add (builder, label);
    }
  *labels = g_strv_builder_end (builder);
  return TRUE;
}

void
trellis_redcap_report_init (TrellisRedcapReport *report,
                            const char          *file_name)
{
  report->file_name = file_name;
  report->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) trellis_import_problem_free);
  report->notes = g_ptr_array_new_with_free_func ((GDestroyNotify) trellis_import_problem_free);
  report->n_problems = 0;
  report->n_notes = 0;
}

void
trellis_redcap_report_clear (TrellisRedcapReport *report)
{
  g_clear_pointer (&report->problems, g_ptr_array_unref);
  g_clear_pointer (&report->notes, g_ptr_array_unref);
}

static TrellisImportProblem *
problem_new (TrellisRedcapReport *report,
             guint                line,
             TrellisRedcapColumn  column,
             const char          *value,
             char                *detail)
{
  TrellisImportProblem *problem = g_new0 (TrellisImportProblem, 1);

  problem->line = line;
  problem->value = g_strdup (value);
  if (column != TRELLIS_REDCAP_COLUMN_NONE)
    {
      problem->column = g_strdup (trellis_redcap_columns[column]);
      problem->message = g_strdup_printf (_("%s line %u, column ‘%s’: %s"),
                                          report->file_name, line, problem->column, detail);
    }
  else
    problem->message = g_strdup_printf (_("%s line %u: %s"), report->file_name, line, detail);
  problem->detail = detail;
  return problem;
}

void
trellis_redcap_report_problem (TrellisRedcapReport *report,
                               guint                line,
                               TrellisRedcapColumn  column,
                               const char          *value,
                               const char          *format,
                               ...)
{
  va_list args;
  char *detail;

  if (++report->n_problems > TRELLIS_IMPORT_MAX_PROBLEMS)
    return;
  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (report->problems, problem_new (report, line, column, value, detail));
}

void
trellis_redcap_report_note (TrellisRedcapReport *report,
                            guint                line,
                            TrellisRedcapColumn  column,
                            const char          *value,
                            const char          *format,
                            ...)
{
  va_list args;
  char *detail;

  if (++report->n_notes > TRELLIS_IMPORT_MAX_PROBLEMS)
    return;
  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (report->notes, problem_new (report, line, column, value, detail));
}

/* A problem whose whole message is already written, such as the CSV
 * reader's. */
void
trellis_redcap_report_line (TrellisRedcapReport *report,
                            guint                line,
                            const char          *message)
{
  TrellisImportProblem *problem;

  if (++report->n_problems > TRELLIS_IMPORT_MAX_PROBLEMS)
    return;
  problem = g_new0 (TrellisImportProblem, 1);
  problem->line = line;
  problem->message = g_strdup (message);
  problem->detail = g_strdup (message);
  g_ptr_array_add (report->problems, problem);
}

static void
add_more (GPtrArray *list,
          char      *message)
{
  TrellisImportProblem *more = g_new0 (TrellisImportProblem, 1);

  more->message = message;
  g_ptr_array_add (list, more);
}

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  const TrellisImportProblem *first = *(const TrellisImportProblem *const *) a;
  const TrellisImportProblem *second = *(const TrellisImportProblem *const *) b;

  return (first->line > second->line) - (first->line < second->line);
}

/* Hands the lists over in line order (a form's problems are found after
 * its rows are read), each with an entry saying how many were left out. */
void
trellis_redcap_report_finish (TrellisRedcapReport  *report,
                              GPtrArray           **notes,
                              GPtrArray           **problems)
{
  /* GLib's sort is a merge sort, so entries of one line keep their order. */
  g_ptr_array_sort (report->problems, compare_lines);
  g_ptr_array_sort (report->notes, compare_lines);
  if (report->n_problems > TRELLIS_IMPORT_MAX_PROBLEMS)
    {
      guint n_more = report->n_problems - TRELLIS_IMPORT_MAX_PROBLEMS;

      add_more (report->problems,
                g_strdup_printf (ngettext ("and %u more problem", "and %u more problems", n_more), n_more));
    }
  if (report->n_notes > TRELLIS_IMPORT_MAX_PROBLEMS)
    {
      guint n_more = report->n_notes - TRELLIS_IMPORT_MAX_PROBLEMS;

      add_more (report->notes,
                g_strdup_printf (ngettext ("and %u more note", "and %u more notes", n_more), n_more));
    }
  if (notes != NULL)
    *notes = g_steal_pointer (&report->notes);
  if (problems != NULL)
    *problems = g_steal_pointer (&report->problems);
}
