/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "trellis-csv-writer.h"
#include "trellis-instrument-store.h"
#include "trellis-redcap-private.h"
#include "trellis-storage-error.h"

/* Writes instruments as a REDCap data dictionary; the format is described
 * in trellis-redcap-dictionary.h. The file is for REDCap, a program, so its
 * cells are written exactly, without the apostrophe the spreadsheet exports
 * put before a leading ‘=’, ‘-’ or ‘@’: REDCap would keep the apostrophe, and
 * every action tag in the Field Annotation starts with ‘@’. The cells hold
 * what the study's team typed as instrument definitions, not participants'
 * answers. */

typedef struct
{
  GString *out;
  GHashTable *variables;   /* variable names already written */
  GHashTable *forms;       /* form names already written */
} Writer;

/* Lower case, with anything REDCap does not allow in a name made ‘_’, and
 * starting with a letter. */
static char *
redcap_name (const char *text,
             const char *prefix)
{
  GString *name = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    g_string_append_c (name, g_ascii_isalnum (*p) ? g_ascii_tolower (*p) : '_');
  if (name->len == 0 || !g_ascii_isalpha (name->str[0]))
    g_string_prepend (name, prefix);
  return g_string_free (name, FALSE);
}

/* The first of base, base_2, base_3, … not yet taken, now taken. */
static char *
claim_name (GHashTable *taken,
            const char *base)
{
  char *name = g_strdup (base);

  for (guint n = 2; g_hash_table_contains (taken, name); n++)
    {
      g_free (name);
      name = g_strdup_printf ("%s_%u", base, n);
    }
  g_hash_table_add (taken, g_strdup (name));
  return name;
}

/* An item's variable is its code in lower case; REDCap wants each variable
 * once in a project, so a code another instrument already used gets the
 * form's name in front. */
static char *
claim_variable (Writer     *writer,
                const char *form,
                const char *code)
{
  g_autofree char *base = redcap_name (code, "v_");
  g_autofree char *prefixed = NULL;

  if (!g_hash_table_contains (writer->variables, base))
    return claim_name (writer->variables, base);
  prefixed = g_strdup_printf ("%s_%s", form, base);
  return claim_name (writer->variables, prefixed);
}

static void
write_row (Writer            *writer,
           const char *const *cells)
{
  trellis_csv_append_row_verbatim (writer->out, cells, TRELLIS_REDCAP_N_COLUMNS);
}

/* REDCap makes the first field of a dictionary the record identifier. */
static void
write_record_id (Writer     *writer,
                 const char *form)
{
  const char *cells[TRELLIS_REDCAP_N_COLUMNS] = { NULL };

  cells[TRELLIS_REDCAP_COLUMN_VARIABLE] = "record_id";
  cells[TRELLIS_REDCAP_COLUMN_FORM] = form;
  cells[TRELLIS_REDCAP_COLUMN_TYPE] = "text";
  cells[TRELLIS_REDCAP_COLUMN_LABEL] = "Study code";
  g_hash_table_add (writer->variables, g_strdup ("record_id"));
  write_row (writer, cells);
}

/* Labels for every value of the scale make a radio field. */
static gboolean
is_radio (TrellisItem *item)
{
  const char *const *choices = trellis_item_get_choices (item);
  gint64 n_values = (gint64) trellis_item_get_max (item) - trellis_item_get_min (item) + 1;

  return choices != NULL && choices[0] != NULL && g_strv_length ((char **) choices) == n_values;
}

/* REDCap separates choices with ‘|’ and has no way to write one inside a
 * label, so such a label cannot travel. */
static gboolean
check_choices (TrellisInstrument  *instrument,
               TrellisItem        *item,
               GError            **error)
{
  const char *const *choices = trellis_item_get_choices (item);

  for (guint i = 0; choices != NULL && choices[i] != NULL; i++)
    if (strpbrk (choices[i], "|\r\n") != NULL)
      {
        g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_FAILED,
                     _("%s, item %s: the choice “%s” holds a ‘|’ or a line break, which a REDCap "
                       "dictionary cannot hold; change the label and export again"),
                     trellis_instrument_get_code (instrument), trellis_item_get_code (item), choices[i]);
        return FALSE;
      }
  return TRUE;
}

static void
append_instrument_tags (GString           *tags,
                        TrellisInstrument *instrument)
{
  TrellisScoringRule rule;
  g_autofree char *bands = trellis_instrument_bands_to_text (instrument);
  g_autofree char *min_answered = NULL;

  trellis_instrument_get_rule (instrument, &rule);
  min_answered = g_strdup_printf ("%d", rule.min_answered);
  trellis_redcap_tag_append (tags, "INSTRUMENT", trellis_instrument_get_code (instrument));
  trellis_redcap_tag_append (tags, "LABEL", trellis_instrument_get_label (instrument));
  trellis_redcap_tag_append (tags, "SCORING", trellis_scoring_method_to_string (rule.method));
  trellis_redcap_tag_append (tags, "MIN-ANSWERED", min_answered);
  if (bands != NULL && bands[0] != '\0')
    trellis_redcap_tag_append (tags, "BANDS", bands);
}

/* The item's tags: its code, and whatever its field type does not say. */
static char *
item_tags (TrellisInstrument *instrument,
           TrellisItem       *item,
           gboolean           first,
           gboolean           radio)
{
  GString *tags = g_string_new (NULL);
  TrellisItemKind kind = trellis_item_get_kind (item);
  TrellisItemKind implied = radio ? TRELLIS_ITEM_CHOICE : TRELLIS_ITEM_INTEGER;
  const char *const *choices = trellis_item_get_choices (item);

  if (first)
    append_instrument_tags (tags, instrument);
  trellis_redcap_tag_append (tags, "ITEM", trellis_item_get_code (item));
  if (kind == TRELLIS_ITEM_CORRECT)
    {
      g_autofree char *correct = g_strdup_printf ("%d", trellis_item_get_correct (item));

      trellis_redcap_tag_append (tags, "CORRECT", correct);
    }
  else if (kind != implied)
    trellis_redcap_tag_append (tags, "KIND", trellis_item_kind_to_string (kind));
  if (trellis_item_get_reverse (item))
    trellis_redcap_tag_append (tags, "REVERSE", NULL);
  if (!radio && choices != NULL)
    {
      g_autofree char *text = trellis_redcap_choices_format (choices, trellis_item_get_min (item));

      trellis_redcap_tag_append (tags, "CHOICES", text);
    }
  return g_string_free (tags, FALSE);
}

static gboolean
write_item (Writer             *writer,
            const char         *form,
            TrellisInstrument  *instrument,
            TrellisItem        *item,
            gboolean            first,
            GError            **error)
{
  const char *cells[TRELLIS_REDCAP_N_COLUMNS] = { NULL };
  gboolean radio = is_radio (item);
  g_autofree char *variable = NULL;
  g_autofree char *choices = NULL;
  g_autofree char *min = NULL;
  g_autofree char *max = NULL;
  g_autofree char *tags = NULL;

  if (!check_choices (instrument, item, error))
    return FALSE;
  variable = claim_variable (writer, form, trellis_item_get_code (item));
  tags = item_tags (instrument, item, first, radio);
  cells[TRELLIS_REDCAP_COLUMN_VARIABLE] = variable;
  cells[TRELLIS_REDCAP_COLUMN_FORM] = form;
  cells[TRELLIS_REDCAP_COLUMN_LABEL] = trellis_item_get_text (item);
  cells[TRELLIS_REDCAP_COLUMN_ANNOTATION] = tags;
  if (radio)
    {
      choices = trellis_redcap_choices_format (trellis_item_get_choices (item), trellis_item_get_min (item));
      cells[TRELLIS_REDCAP_COLUMN_TYPE] = "radio";
      cells[TRELLIS_REDCAP_COLUMN_CHOICES] = choices;
    }
  else
    {
      min = g_strdup_printf ("%d", trellis_item_get_min (item));
      max = g_strdup_printf ("%d", trellis_item_get_max (item));
      cells[TRELLIS_REDCAP_COLUMN_TYPE] = "text";
      cells[TRELLIS_REDCAP_COLUMN_VALIDATION] = "integer";
      cells[TRELLIS_REDCAP_COLUMN_MIN] = min;
      cells[TRELLIS_REDCAP_COLUMN_MAX] = max;
    }
  write_row (writer, cells);
  return TRUE;
}

static gboolean
write_instrument (Writer             *writer,
                  TrellisInstrument  *instrument,
                  GError            **error)
{
  g_autofree char *base = redcap_name (trellis_instrument_get_code (instrument), "form_");
  g_autofree char *form = claim_name (writer->forms, base);
  GPtrArray *items = trellis_instrument_get_items (instrument);

  if (g_hash_table_size (writer->variables) == 0)
    write_record_id (writer, form);
  for (guint i = 0; i < items->len; i++)
    if (!write_item (writer, form, instrument, items->pdata[i], i == 0, error))
      return FALSE;
  return TRUE;
}

/* The dictionary of the instruments (TrellisInstrument), in their order. */
char *
trellis_redcap_dictionary_build (GPtrArray  *instruments,
                                 gsize      *length,
                                 GError    **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GHashTable) variables = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) forms = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Writer writer = { out, variables, forms };

  g_return_val_if_fail (instruments != NULL, NULL);

  trellis_csv_append_row_verbatim (out, trellis_redcap_columns, TRELLIS_REDCAP_N_COLUMNS);
  for (guint i = 0; i < instruments->len; i++)
    if (!write_instrument (&writer, instruments->pdata[i], error))
      return NULL;
  if (length != NULL)
    *length = out->len;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
has_code (gconstpointer instrument,
          gconstpointer code)
{
  return g_ascii_strcasecmp (trellis_instrument_get_code ((TrellisInstrument *) instrument), code) == 0;
}

/* The study's instruments named in codes (compared without regard to case),
 * in the study's order; all of them when codes is NULL or empty. */
static GPtrArray *
select_instruments (TrellisDatabase    *db,
                    const char *const  *codes,
                    GError            **error)
{
  g_autoptr(GPtrArray) all = trellis_instrument_store_load (db, error);
  g_autoptr(GPtrArray) chosen = g_ptr_array_new_with_free_func (g_object_unref);

  if (all == NULL)
    return NULL;
  if (codes == NULL || codes[0] == NULL)
    return g_steal_pointer (&all);
  for (guint c = 0; codes[c] != NULL; c++)
    if (!g_ptr_array_find_with_equal_func (all, codes[c], has_code, NULL))
      {
        g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_NOT_FOUND,
                     _("The study has no instrument with the code “%s”"), codes[c]);
        return NULL;
      }
  for (guint i = 0; i < all->len; i++)
    for (guint c = 0; codes[c] != NULL; c++)
      if (has_code (all->pdata[i], codes[c]))
        {
          g_ptr_array_add (chosen, g_object_ref (all->pdata[i]));
          break;
        }
  return g_steal_pointer (&chosen);
}

/* A dictionary written over the study itself would destroy it. */
static gboolean
check_not_study (TrellisDatabase  *db,
                 const char       *path,
                 GError          **error)
{
  GStatBuf study_stat, target_stat;
  g_autofree char *shown = NULL;

  if (g_stat (trellis_database_get_path (db), &study_stat) != 0 || g_stat (path, &target_stat) != 0 ||
      study_stat.st_dev != target_stat.st_dev || study_stat.st_ino != target_stat.st_ino)
    return TRUE;

  shown = g_filename_display_name (path);
  g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_EXISTS,
               _("“%s” is the study itself; choose another file for the dictionary"), shown);
  return FALSE;
}

/* Writes the chosen instruments (see select_instruments) to path as a
 * REDCap data dictionary, replacing the file whole. Only reads the study. */
gboolean
trellis_redcap_dictionary_export (TrellisDatabase    *db,
                                  const char *const  *codes,
                                  const char         *path,
                                  guint              *n_exported,
                                  GError            **error)
{
  g_autoptr(GPtrArray) instruments = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *shown = NULL;
  gsize length = 0;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!check_not_study (db, path, error) ||
      (instruments = select_instruments (db, codes, error)) == NULL ||
      (text = trellis_redcap_dictionary_build (instruments, &length, error)) == NULL)
    return FALSE;
  if (!g_file_set_contents_full (path, text, length,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0644, &local_error))
    {
      shown = g_filename_display_name (path);
      g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_IO,
                   _("Could not write the dictionary “%s”: %s"), shown, local_error->message);
      return FALSE;
    }
  if (n_exported != NULL)
    *n_exported = instruments->len;
  return TRUE;
}
