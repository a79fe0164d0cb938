/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "trellis-audit.h"
#include "trellis-csv-reader.h"
#include "trellis-csv-writer.h"
#include "trellis-database-private.h"
#include "trellis-demo-instruments.h"
#include "trellis-instrument-store.h"
#include "trellis-redcap-dictionary.h"
#include "trellis-storage-error.h"
#include "trellis-test-utils.h"

/* The REDCap data dictionary on real study files: what is exported has
 * REDCap's header, a round trip through a dictionary gives back the same
 * instruments, a dictionary made in REDCap imports with defaults, and each
 * kind of broken dictionary is refused with its message, the study left
 * exactly as it was. */

typedef struct
{
  TrellisTestFolder folder;
  TrellisDatabase *db;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  trellis_test_folder_set_up (&fixture->folder, data);
  fixture->db = trellis_database_create (fixture->folder.path, "Dictionary test", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->db);
  trellis_test_folder_tear_down (&fixture->folder, data);
}

/* A row of a dictionary with the columns an item uses; the rest empty. */
static void
add_row (GString    *out,
         const char *variable,
         const char *form,
         const char *type,
         const char *label,
         const char *choices,
         const char *validation,
         const char *min,
         const char *max,
         const char *annotation)
{
  const char *cells[TRELLIS_REDCAP_N_COLUMNS] = { NULL };

  cells[0] = variable;
  cells[1] = form;
  cells[3] = type;
  cells[4] = label;
  cells[5] = choices;
  cells[7] = validation;
  cells[8] = min;
  cells[9] = max;
  cells[17] = annotation;
  trellis_csv_append_row_verbatim (out, cells, TRELLIS_REDCAP_N_COLUMNS);
}

static GString *
dictionary_new (void)
{
  GString *out = g_string_new (NULL);

  trellis_csv_append_row_verbatim (out, trellis_redcap_columns, TRELLIS_REDCAP_N_COLUMNS);
  add_row (out, "record_id", "quiz", "text", "Study code", NULL, NULL, NULL, NULL, NULL);
  return out;
}

static gboolean
import_text (TrellisDatabase            *db,
             const char                 *text,
             TrellisRedcapImportResult  *result,
             GPtrArray                 **notes,
             GPtrArray                 **problems,
             GError                    **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  return trellis_redcap_dictionary_import (db, "dictionary.csv", bytes, result, notes, problems, error);
}

static TrellisInstrument *
load_instrument (TrellisDatabase *db,
                 const char      *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = trellis_instrument_store_load (db, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < all->len; i++)
    if (g_strcmp0 (trellis_instrument_get_code (all->pdata[i]), code) == 0)
      return g_object_ref (all->pdata[i]);
  return NULL;
}

static void
assert_same_item (TrellisItem *a,
                  TrellisItem *b)
{
  const char *const *choices_a = trellis_item_get_choices (a);
  const char *const *choices_b = trellis_item_get_choices (b);

  g_assert_cmpstr (trellis_item_get_code (a), ==, trellis_item_get_code (b));
  g_assert_cmpstr (trellis_item_get_text (a), ==, trellis_item_get_text (b));
  g_assert_cmpint (trellis_item_get_kind (a), ==, trellis_item_get_kind (b));
  g_assert_cmpint (trellis_item_get_min (a), ==, trellis_item_get_min (b));
  g_assert_cmpint (trellis_item_get_max (a), ==, trellis_item_get_max (b));
  g_assert_cmpint (trellis_item_get_reverse (a), ==, trellis_item_get_reverse (b));
  if (trellis_item_get_kind (a) == TRELLIS_ITEM_CORRECT)
    g_assert_cmpint (trellis_item_get_correct (a), ==, trellis_item_get_correct (b));
  g_assert_cmpint (choices_a == NULL, ==, choices_b == NULL);
  if (choices_a != NULL)
    g_assert_true (g_strv_equal (choices_a, choices_b));
}

static void
assert_same_instrument (TrellisInstrument *a,
                        TrellisInstrument *b)
{
  GPtrArray *items_a = trellis_instrument_get_items (a);
  GPtrArray *items_b = trellis_instrument_get_items (b);
  g_autofree char *bands_a = trellis_instrument_bands_to_text (a);
  g_autofree char *bands_b = trellis_instrument_bands_to_text (b);
  TrellisScoringRule rule_a, rule_b;

  trellis_instrument_get_rule (a, &rule_a);
  trellis_instrument_get_rule (b, &rule_b);
  g_assert_cmpstr (trellis_instrument_get_code (a), ==, trellis_instrument_get_code (b));
  g_assert_cmpstr (trellis_instrument_get_label (a), ==, trellis_instrument_get_label (b));
  g_assert_cmpint (rule_a.method, ==, rule_b.method);
  g_assert_cmpint (rule_a.min_answered, ==, rule_b.min_answered);
  g_assert_cmpstr (bands_a, ==, bands_b);
  g_assert_cmpuint (items_a->len, ==, items_b->len);
  for (guint i = 0; i < items_a->len; i++)
    assert_same_item (items_a->pdata[i], items_b->pdata[i]);
}

/* Every instrument of one study is in the other, the same. */
static void
assert_same_instruments (TrellisDatabase *db,
                         TrellisDatabase *other)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) mine = trellis_instrument_store_load (db, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < mine->len; i++)
    {
      g_autoptr(TrellisInstrument) copy = load_instrument (other, trellis_instrument_get_code (mine->pdata[i]));

      g_assert_nonnull (copy);
      assert_same_instrument (mine->pdata[i], copy);
    }
}

static char *
export_text (TrellisDatabase    *db,
             const char         *dir,
             const char *const  *codes)
{
  g_autofree char *path = g_build_filename (dir, "dictionary.csv", NULL);
  g_autoptr(GError) error = NULL;
  guint n = 0;

  g_assert_true (trellis_redcap_dictionary_export (db, codes, path, &n, &error));
  g_assert_no_error (error);
  return trellis_test_read_file (path, NULL);
}

/* The header is REDCap's, column for column. */
static void
test_header (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *text = export_text (fixture->db, fixture->folder.dir, NULL);
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(TrellisCsvReader) reader = trellis_csv_reader_new ("dictionary.csv", bytes, NULL);
  g_autoptr(GPtrArray) header = NULL;
  g_autoptr(GPtrArray) first = NULL;
  static const char *const expected[] = {
    "Variable / Field Name", "Form Name", "Section Header", "Field Type", "Field Label",
    "Choices, Calculations, OR Slider Labels", "Field Note", "Text Validation Type OR Show Slider Number",
    "Text Validation Min", "Text Validation Max", "Identifier?", "Branching Logic (Show field only if...)",
    "Required Field?", "Custom Alignment", "Question Number (surveys only)", "Matrix Group Name",
    "Matrix Ranking?", "Field Annotation",
  };
  g_autoptr(GError) error = NULL;

  g_assert_true (trellis_csv_reader_next_row (reader, &header, &error));
  g_assert_cmpuint (header->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < header->len; i++)
    g_assert_cmpstr (header->pdata[i], ==, expected[i]);
  g_assert_true (trellis_csv_reader_next_row (reader, &first, &error));
  g_assert_cmpstr (first->pdata[0], ==, "record_id");
  g_assert_cmpstr (first->pdata[1], ==, "brs");
  g_assert_true (g_str_has_prefix (text, "Variable / Field Name,Form Name,"));
  g_assert_nonnull (strstr (text, "brs1,brs,,radio,I tend to bounce back quickly after hard times,"
                                  "\"1, Strongly disagree | 2, Disagree | 3, Neutral | 4, Agree | "
                                  "5, Strongly agree\",,,,,,,,,,,,"
                                  "\"@TRELLIS-INSTRUMENT=BRS @TRELLIS-LABEL=\"\"Brief Resilience Scale\"\" "
                                  "@TRELLIS-SCORING=mean @TRELLIS-MIN-ANSWERED=5 "
                                  "@TRELLIS-BANDS=\"\"low<3.00; normal<=4.30; high\"\" "
                                  "@TRELLIS-ITEM=BRS1 @TRELLIS-KIND=integer\"\r\n"));
  g_assert_nonnull (strstr (text, "\r\nbrs2,brs,"));
  g_assert_nonnull (strstr (text, "@TRELLIS-ITEM=BRS2 @TRELLIS-KIND=integer @TRELLIS-REVERSE\r\n"));
}

static TrellisItem *
new_item (const char        *code,
          const char        *text,
          TrellisItemKind    kind,
          int                min,
          int                max,
          const char *const *choices)
{
  TrellisItem *item = trellis_item_new (code, text, kind, min, max);

  trellis_item_set_choices (item, choices);
  return item;
}

/* A knowledge test: right-or-wrong questions with their options. */
static TrellisInstrument *
new_knowledge_test (void)
{
  static const char *const options[] = { "Sleep", "Caffeine", "Overtime", "Skipping meals", NULL };
  static const char *const yes_no[] = { "No", "Yes", NULL };
  TrellisInstrument *test = trellis_instrument_new ("KNOW", "Knowledge, \"quoted\" \\ ‘tested’",
                                                    TRELLIS_SCORING_CORRECT, 2);
  g_autoptr(TrellisItem) q1 = new_item ("Q1", "Which helps recovery?", TRELLIS_ITEM_CORRECT, 1, 4, options);
  g_autoptr(TrellisItem) q2 = new_item ("Q2", "Is stress, \"sometimes\", useful?", TRELLIS_ITEM_CORRECT, 0, 1, yes_no);
  g_autoptr(TrellisItem) q3 = new_item ("q3", "No options given", TRELLIS_ITEM_CORRECT, 1, 3, NULL);

  trellis_item_set_correct (q1, 1);
  trellis_item_set_correct (q2, 1);
  trellis_item_set_correct (q3, 3);
  trellis_instrument_add_item (test, q1);
  trellis_instrument_add_item (test, q2);
  trellis_instrument_add_item (test, q3);
  return test;
}

/* A 0–10 confidence scale with a few shapes a dictionary must carry:
 * labels for only part of the scale, a choice item without labels, a
 * negative scale, and an item code another instrument also uses. */
static TrellisInstrument *
new_confidence_scale (void)
{
  static const char *const ends[] = { "Not at all", "A little", NULL };
  static const char *const signs[] = { "Worse", "Same", "Better", NULL };
  TrellisInstrument *scale = trellis_instrument_new ("CONF-10", "Confidence", TRELLIS_SCORING_SUM, 3);
  static const TrellisScoreBand bands[] = { { "low", 10, FALSE }, { "high", INFINITY, TRUE } };
  g_autoptr(TrellisItem) c1 = new_item ("C1", "Cope with an adverse event", TRELLIS_ITEM_INTEGER, 0, 10, NULL);
  g_autoptr(TrellisItem) c2 = new_item ("C2", "Ask for support", TRELLIS_ITEM_INTEGER, 0, 10, ends);
  g_autoptr(TrellisItem) c3 = new_item ("Q1", "=Starts like a formula", TRELLIS_ITEM_CHOICE, 1, 5, NULL);
  g_autoptr(TrellisItem) c4 = new_item ("C4", "-1 worse, +1 better", TRELLIS_ITEM_CHOICE, -1, 1, signs);

  trellis_item_set_reverse (c2, TRUE);
  trellis_instrument_add_item (scale, c1);
  trellis_instrument_add_item (scale, c2);
  trellis_instrument_add_item (scale, c3);
  trellis_instrument_add_item (scale, c4);
  trellis_instrument_set_bands (scale, bands, G_N_ELEMENTS (bands));
  return scale;
}

static void
create_instrument (TrellisDatabase   *db,
                   TrellisInstrument *instrument)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (trellis_instrument_store_create (db, instrument, &error));
  g_assert_no_error (error);
}

/* Export, import into a fresh study, and the instruments are the same; the
 * second study's export is the first's, byte for byte. */
static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(TrellisInstrument) knowledge = new_knowledge_test ();
  g_autoptr(TrellisInstrument) confidence = new_confidence_scale ();
  g_autofree char *text = NULL;
  g_autofree char *again = NULL;
  g_autofree char *other_dir = trellis_test_make_tmp_dir ();
  g_autofree char *other_path = g_build_filename (other_dir, "other.trellis", NULL);
  g_autoptr(TrellisDatabase) other = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GError) error = NULL;
  TrellisRedcapImportResult result = { 0 };

  create_instrument (fixture->db, knowledge);
  create_instrument (fixture->db, confidence);
  text = export_text (fixture->db, fixture->folder.dir, NULL);
  g_assert_nonnull (strstr (text, "\r\nconf_10_q1,conf_10,,text,=Starts like a formula,"));
  g_assert_nonnull (strstr (text, "@TRELLIS-CHOICES=\"\"0, Not at all | 1, A little\"\""));

  other = trellis_database_create (other_path, "Other", &error);
  g_assert_no_error (error);
  g_assert_true (import_text (other, text, &result, &notes, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.n_created, ==, 2);
  g_assert_cmpuint (result.n_unchanged, ==, 1);
  g_assert_cmpuint (result.n_updated, ==, 0);
  g_assert_cmpuint (notes->len, ==, 1);
  g_assert_nonnull (strstr (((TrellisImportProblem *) notes->pdata[0])->message,
                            "dictionary.csv line 2, column ‘Variable / Field Name’: field record_id is skipped"));

  assert_same_instruments (fixture->db, other);
  again = export_text (other, other_dir, NULL);
  g_assert_cmpstr (again, ==, text);
  g_assert_true (trellis_audit_verify (other, &error));
  g_assert_no_error (error);
  g_clear_object (&other);
  trellis_test_remove_tree (other_dir);
}

/* Importing a dictionary the study already matches writes nothing. */
static void
test_import_twice (Fixture       *fixture,
                   gconstpointer  data)
{
  gsize length = 0;
  const char *text = trellis_demo_instruments_dictionary (&length);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  TrellisRedcapImportResult result = { 0 };

  g_assert_true (import_text (fixture->db, text, &result, NULL, NULL, &error));
  g_assert_cmpuint (result.n_created, ==, 2);
  before = trellis_test_dump_hash (fixture->folder.path);
  g_assert_true (import_text (fixture->db, text, &result, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.n_created, ==, 0);
  g_assert_cmpuint (result.n_updated, ==, 0);
  g_assert_cmpuint (result.n_unchanged, ==, 2);
  after = trellis_test_dump_hash (fixture->folder.path);
  g_assert_cmpstr (before, ==, after);
}

/* Six 0–10 items, the mean when five are answered. */
static void
assert_ccae (TrellisInstrument *ccae)
{
  TrellisScoringRule rule;
  GPtrArray *items;

  trellis_instrument_get_rule (ccae, &rule);
  g_assert_cmpstr (trellis_instrument_get_label (ccae), ==, "Confidence in Coping with Adverse Events");
  g_assert_cmpint (rule.method, ==, TRELLIS_SCORING_MEAN);
  g_assert_cmpint (rule.min_answered, ==, 5);
  items = trellis_instrument_get_items (ccae);
  g_assert_cmpuint (items->len, ==, 6);
  for (guint i = 0; i < items->len; i++)
    {
      g_assert_cmpint (trellis_item_get_kind (items->pdata[i]), ==, TRELLIS_ITEM_INTEGER);
      g_assert_cmpint (trellis_item_get_min (items->pdata[i]), ==, 0);
      g_assert_cmpint (trellis_item_get_max (items->pdata[i]), ==, 10);
      g_assert_true (g_str_has_prefix (trellis_item_get_text (items->pdata[i]),
                                       "How confident are you that you could "));
    }
}

/* Ten questions of four options, counted correct when eight are answered. */
static void
assert_know (TrellisInstrument *know)
{
  TrellisScoringRule rule;
  GPtrArray *items;

  trellis_instrument_get_rule (know, &rule);
  g_assert_cmpint (rule.method, ==, TRELLIS_SCORING_CORRECT);
  g_assert_cmpint (rule.min_answered, ==, 8);
  items = trellis_instrument_get_items (know);
  g_assert_cmpuint (items->len, ==, 10);
  for (guint i = 0; i < items->len; i++)
    {
      g_assert_cmpint (trellis_item_get_kind (items->pdata[i]), ==, TRELLIS_ITEM_CORRECT);
      g_assert_cmpuint (g_strv_length ((char **) trellis_item_get_choices (items->pdata[i])), ==, 4);
      g_assert_cmpint (trellis_item_get_min (items->pdata[i]), ==, 1);
      g_assert_cmpint (trellis_item_get_max (items->pdata[i]), ==, 4);
    }
}

/* The demo's dictionary imports, and is exactly what Trellis exports for
 * the instruments it makes. */
static void
test_demo_dictionary (Fixture       *fixture,
                      gconstpointer  data)
{
  static const char *const codes[] = { "CCAE", "KNOW", NULL };
  gsize length = 0;
  const char *text = trellis_demo_instruments_dictionary (&length);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "demo", "instruments.csv", NULL);
  g_autofree char *on_disk = trellis_test_read_file (path, NULL);
  g_autoptr(TrellisInstrument) ccae = NULL;
  g_autoptr(TrellisInstrument) know = NULL;
  g_autofree char *exported = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (length, ==, strlen (text));
  g_assert_cmpstr (text, ==, on_disk);
  g_assert_true (import_text (fixture->db, text, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  ccae = load_instrument (fixture->db, "CCAE");
  assert_ccae (ccae);
  know = load_instrument (fixture->db, "KNOW");
  assert_know (know);
  exported = export_text (fixture->db, fixture->folder.dir, codes);
  g_assert_cmpstr (exported, ==, text);
}


static char *
message_list (GPtrArray *list)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; list != NULL && i < list->len; i++)
    g_string_append_printf (text, "%s\n", ((TrellisImportProblem *) list->pdata[i])->message);
  return g_string_free (text, FALSE);
}

static void
assert_contains (const char *text,
                 const char *fragment)
{
  if (strstr (text, fragment) == NULL)
    g_error ("“%s” is not in:\n%s", fragment, text);
}

static void
assert_plain_notes (GPtrArray *notes)
{
  g_autofree char *listed = message_list (notes);

  assert_contains (listed, "plain.csv line 2, column ‘Variable / Field Name’: field record_id is skipped");
  assert_contains (listed, "plain.csv line 3, column ‘Field Type’: field enrol_date is skipped: a text field "
                           "is scored only with the validation ‘integer’");
  assert_contains (listed, "line 5, column ‘Field Type’: field enrol_notes is skipped");
  assert_contains (listed, "line 2, column ‘Form Name’: form enrolment is skipped");
  assert_contains (listed, "line 6, column ‘Field Type’: field pss_intro is skipped");
  assert_contains (listed, "line 11, column ‘Field Type’: field pss_total is skipped");
  assert_contains (listed, "field wb_upload is skipped");
  g_assert_cmpuint (notes->len, ==, 9);
}

/* A dictionary downloaded from a REDCap project: each form with fields
 * Trellis can score becomes an instrument with the defaults, and each field
 * or form left out is listed. */
static void
test_plain_dictionary (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "redcap", "plain-dictionary.csv", NULL);
  g_autoptr(GBytes) bytes = trellis_test_read_bytes (path);
  g_autoptr(TrellisInstrument) pss = NULL;
  g_autoptr(TrellisInstrument) gad = NULL;
  g_autoptr(TrellisInstrument) wellbeing = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GError) error = NULL;
  TrellisRedcapImportResult result = { 0 };
  TrellisScoringRule rule;
  GPtrArray *items;

  g_assert_true (trellis_redcap_dictionary_import (fixture->db, "plain.csv", bytes, &result, &notes, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.n_created, ==, 3);
  assert_plain_notes (notes);

  pss = load_instrument (fixture->db, "PERCEIVED_STRESS_SCALE");
  g_assert_cmpstr (trellis_instrument_get_label (pss), ==, "Perceived Stress Scale");
  trellis_instrument_get_rule (pss, &rule);
  g_assert_cmpint (rule.method, ==, TRELLIS_SCORING_MEAN);
  g_assert_cmpint (rule.min_answered, ==, 4);
  items = trellis_instrument_get_items (pss);
  g_assert_cmpuint (items->len, ==, 4);
  g_assert_cmpstr (trellis_item_get_code (items->pdata[0]), ==, "pss1");
  g_assert_cmpint (trellis_item_get_kind (items->pdata[0]), ==, TRELLIS_ITEM_CHOICE);
  g_assert_cmpint (trellis_item_get_min (items->pdata[0]), ==, 0);
  g_assert_cmpint (trellis_item_get_max (items->pdata[0]), ==, 4);
  g_assert_cmpstr (trellis_item_get_choices (items->pdata[0])[4], ==, "Very often");

  gad = load_instrument (fixture->db, "GAD2");
  g_assert_cmpuint (trellis_instrument_get_items (gad)->len, ==, 2);

  wellbeing = load_instrument (fixture->db, "WELLBEING");
  items = trellis_instrument_get_items (wellbeing);
  g_assert_cmpuint (items->len, ==, 3);
  g_assert_cmpint (trellis_item_get_kind (items->pdata[0]), ==, TRELLIS_ITEM_INTEGER);
  g_assert_cmpint (trellis_item_get_max (items->pdata[0]), ==, 100);
  g_assert_cmpint (trellis_item_get_max (items->pdata[1]), ==, 24);
  g_assert_cmpint (trellis_item_get_kind (items->pdata[2]), ==, TRELLIS_ITEM_CHOICE);
  g_assert_cmpstr (trellis_item_get_choices (items->pdata[2])[1], ==, "Yes");
  g_assert_true (trellis_audit_verify (fixture->db, &error));
  g_assert_no_error (error);
}

/* A plain dictionary for an instrument the study has keeps its label,
 * rule, bands and the case of its item codes. */
static void
test_plain_update (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(TrellisInstrument) brs = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *bands = NULL;
  TrellisRedcapImportResult result = { 0 };
  TrellisScoringRule rule;
  GPtrArray *items;

  trellis_csv_append_row_verbatim (text, trellis_redcap_columns, TRELLIS_REDCAP_N_COLUMNS);
  add_row (text, "record_id", "brs", "text", "Record ID", NULL, NULL, NULL, NULL, NULL);
  for (guint i = 1; i <= 6; i++)
    {
      g_autofree char *variable = g_strdup_printf ("brs%u", i);
      g_autofree char *label = g_strdup_printf ("Statement %u", i);

      add_row (text, variable, "brs", "radio", label, "1, SD | 2, D | 3, N | 4, A | 5, SA", NULL, NULL, NULL, NULL);
    }
  g_assert_true (import_text (fixture->db, text->str, &result, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.n_updated, ==, 1);

  brs = load_instrument (fixture->db, "BRS");
  trellis_instrument_get_rule (brs, &rule);
  bands = trellis_instrument_bands_to_text (brs);
  g_assert_cmpstr (trellis_instrument_get_label (brs), ==, "Brief Resilience Scale");
  g_assert_cmpint (rule.min_answered, ==, 5);
  g_assert_cmpstr (bands, ==, "low<3.00; normal<=4.30; high");
  items = trellis_instrument_get_items (brs);
  g_assert_cmpstr (trellis_item_get_code (items->pdata[5]), ==, "BRS6");
  g_assert_cmpstr (trellis_item_get_text (items->pdata[5]), ==, "Statement 6");
  g_assert_cmpint (trellis_item_get_kind (items->pdata[5]), ==, TRELLIS_ITEM_CHOICE);
}

/* REDCap's own action tags are passed over, and a value may be in single
 * quotes, as REDCap's tags often are. */
static void
test_other_tags (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GString) text = dictionary_new ();
  g_autoptr(TrellisInstrument) quiz = NULL;
  g_autoptr(GError) error = NULL;
  TrellisScoringRule rule;
  TrellisItem *item;

  add_row (text, "q1", "quiz", "radio", "Question", "1, Yes | 2, No", NULL, NULL, NULL,
           "@HIDDEN-SURVEY @DEFAULT='2 @TRELLIS-ITEM=X' @TRELLIS-INSTRUMENT=QUIZ "
           "@TRELLIS-LABEL='It\\'s a quiz' @TRELLIS-SCORING=sum @TRELLIS-REVERSE");
  g_assert_true (import_text (fixture->db, text->str, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  quiz = load_instrument (fixture->db, "QUIZ");
  trellis_instrument_get_rule (quiz, &rule);
  g_assert_cmpstr (trellis_instrument_get_label (quiz), ==, "It's a quiz");
  g_assert_cmpint (rule.method, ==, TRELLIS_SCORING_SUM);
  item = g_ptr_array_index (trellis_instrument_get_items (quiz), 0);
  g_assert_cmpstr (trellis_item_get_code (item), ==, "q1");
  g_assert_true (trellis_item_get_reverse (item));
}

#define HEADER \
  "Variable / Field Name,Form Name,Section Header,Field Type,Field Label," \
  "\"Choices, Calculations, OR Slider Labels\",Field Note,Text Validation Type OR Show Slider Number," \
  "Text Validation Min,Text Validation Max,Identifier?,Branching Logic (Show field only if...)," \
  "Required Field?,Custom Alignment,Question Number (surveys only),Matrix Group Name,Matrix Ranking?," \
  "Field Annotation\r\n"
#define ROW(variable, form, type, label, choices, validation, min, max, annotation) \
  variable "," form ",," type "," label "," choices ",," validation "," min "," max ",,,,,,,," annotation "\r\n"
#define RECORD_ID ROW ("record_id", "quiz", "text", "Study code", "", "", "", "", "")
#define START HEADER RECORD_ID
#define RADIO(variable, annotation) ROW (variable, "quiz", "radio", "Question", "\"1, Yes | 2, No\"", "", "", "", annotation)

typedef struct
{
  const char *name;
  const char *dictionary;
  const char *message;
} BadCase;

static const BadCase bad_cases[] = {
  { "missing-column",
    "Variable / Field Name,Form Name,Section Header,Field Type,Field Label,"
    "\"Choices, Calculations, OR Slider Labels\",Text Validation Type OR Show Slider Number\r\n",
    "dictionary.csv line 1: the header has no ‘Field Note’ column (column 7 of a REDCap data dictionary)" },
  { "unknown-column",
    "Variable / Field Name,Form Name,Section Header,Field Type,Field Label,"
    "\"Choices, Calculations, OR Slider Labels\",Field Notes,Text Validation Type OR Show Slider Number,"
    "Text Validation Min,Text Validation Max,Identifier?,Branching Logic (Show field only if...),"
    "Required Field?,Custom Alignment,Question Number (surveys only),Matrix Group Name,Matrix Ranking?,"
    "Field Annotation\r\n",
    "dictionary.csv line 1: column 7, ‘Field Notes’, is not a column of a REDCap data dictionary" },
  { "misplaced-column",
    "Variable / Field Name,Form Name,Section Header,Field Type,Field Note,"
    "\"Choices, Calculations, OR Slider Labels\",Field Label,Text Validation Type OR Show Slider Number,"
    "Text Validation Min,Text Validation Max,Identifier?,Branching Logic (Show field only if...),"
    "Required Field?,Custom Alignment,Question Number (surveys only),Matrix Group Name,Matrix Ranking?,"
    "Field Annotation\r\n",
    "dictionary.csv line 1: ‘Field Label’ is column 7, but a REDCap data dictionary has it as column 5" },
  { "unknown-type", START ROW ("q1", "quiz", "likert", "Question", "", "", "", "", ""),
    "dictionary.csv line 3, column ‘Field Type’: ‘likert’ is not a REDCap field type" },
  { "choice-without-code", START ROW ("q1", "quiz", "radio", "Question", "\"1, Yes | No\"", "", "", "", ""),
    "line 3, column ‘Choices, Calculations, OR Slider Labels’: the choice ‘No’ has no code" },
  { "choice-gap", START ROW ("q1", "quiz", "radio", "Question", "\"1, Yes | 3, No\"", "", "", "", ""),
    "line 3, column ‘Choices, Calculations, OR Slider Labels’: the choice codes must count up by one, but 3 follows 1" },
  { "choice-not-number", START ROW ("q1", "quiz", "dropdown", "Question", "\"y, Yes | n, No\"", "", "", "", ""),
    "line 3, column ‘Choices, Calculations, OR Slider Labels’: the choice code ‘y’ is not a whole number" },
  { "no-choices", START ROW ("q1", "quiz", "radio", "Question", "", "", "", "", ""),
    "line 3, column ‘Choices, Calculations, OR Slider Labels’: there are no choices" },
  { "min-above-max", START ROW ("q1", "quiz", "text", "Question", "", "integer", "10", "0", ""),
    "line 3, column ‘Text Validation Min’: the min 10 is above the max 0" },
  { "bound-not-whole", START ROW ("q1", "quiz", "text", "Question", "", "integer", "0", "2.5", ""),
    "line 3, column ‘Text Validation Max’: ‘2.5’ is not a whole number" },
  { "duplicate-variable", START RADIO ("q1", "") RADIO ("Q1", ""),
    "line 4, column ‘Variable / Field Name’: ‘Q1’ is also the variable on line 3" },
  { "bad-variable", START RADIO ("1st", ""),
    "line 3, column ‘Variable / Field Name’: ‘1st’ is not a REDCap variable name" },
  { "empty-form", START ROW ("q1", "", "radio", "Question", "\"1, Yes | 2, No\"", "", "", "", ""),
    "line 3, column ‘Form Name’: the form name is empty" },
  { "empty-label", START ROW ("q1", "quiz", "radio", "", "\"1, Yes | 2, No\"", "", "", "", ""),
    "line 3, column ‘Field Label’: the field label is empty" },
  { "form-apart", START RADIO ("q1", "") ROW ("q2", "other", "radio", "Question", "\"1, Yes | 2, No\"", "", "", "", "")
    RADIO ("q3", ""),
    "line 5, column ‘Form Name’: form ‘quiz’ began on line 2 and another form came between" },
  { "ragged-row", START "q1,quiz,,radio\r\n",
    "dictionary.csv line 3: the row has 4 fields, but a REDCap data dictionary has 18 columns" },
  { "empty-file", "", "dictionary.csv line 1: the file is empty" },
  { "header-only", HEADER, "dictionary.csv line 1: the dictionary has a header but no fields below it" },
  { "nothing-to-score", START ROW ("intro", "quiz", "descriptive", "Welcome", "", "", "", "", ""),
    "dictionary.csv line 1: no form of the dictionary has a field Trellis can score" },
  { "unknown-tag", START RADIO ("q1", "@TRELLIS-REVERSED"),
    "line 3, column ‘Field Annotation’: @TRELLIS-REVERSED is not a Trellis tag" },
  { "tag-twice", START RADIO ("q1", "@TRELLIS-ITEM=A @TRELLIS-ITEM=B"),
    "line 3, column ‘Field Annotation’: @TRELLIS-ITEM is given twice" },
  { "flag-with-value", START RADIO ("q1", "@TRELLIS-REVERSE=yes"),
    "line 3, column ‘Field Annotation’: @TRELLIS-REVERSE takes no value" },
  { "unclosed-quote", START RADIO ("q1", "\"@TRELLIS-INSTRUMENT=QUIZ @TRELLIS-LABEL=\"\"Quiz\""),
    "line 3, column ‘Field Annotation’: the value of @TRELLIS-LABEL has no closing quote" },
  { "correct-off-scale", START RADIO ("q1", "@TRELLIS-CORRECT=7"),
    "line 3, column ‘Field Annotation’: Item q1: the correct answer 7 is off the scale (1–2)" },
  { "correct-not-number", START RADIO ("q1", "@TRELLIS-CORRECT=B"),
    "line 3, column ‘Field Annotation’: @TRELLIS-CORRECT=B is not a whole number" },
  { "kind-unknown", START RADIO ("q1", "@TRELLIS-KIND=likert"),
    "line 3, column ‘Field Annotation’: @TRELLIS-KIND=likert is not a kind of item" },
  { "test-without-answer", START RADIO ("q1", "@TRELLIS-KIND=correct"),
    "line 3, column ‘Field Annotation’: a test question needs its correct answer" },
  { "same-item-code", START RADIO ("q1", "@TRELLIS-ITEM=A") RADIO ("q2", "@TRELLIS-ITEM=a"),
    "line 4, column ‘Field Annotation’: item code a is also on line 3, in the same form" },
  { "bad-item-code", START RADIO ("q1", "@TRELLIS-ITEM=Q-1"),
    "line 3, column ‘Field Annotation’: Item code ‘Q-1’ must start with a letter" },
  { "item-tag-on-notes", START ROW ("q1", "quiz", "notes", "Question", "", "", "", "", "@TRELLIS-ITEM=Q1"),
    "line 3, column ‘Field Type’: field q1 has @TRELLIS-ITEM, but Trellis scores only radio" },
  { "integer-without-bounds", START ROW ("q1", "quiz", "text", "Question", "", "integer", "", "", "@TRELLIS-ITEM=Q1"),
    "line 3, column ‘Field Type’: field q1 has @TRELLIS-ITEM, but a whole number is scored only on a scale" },
  { "record-id-as-item", HEADER ROW ("q1", "quiz", "radio", "Question", "\"1, Yes | 2, No\"", "", "", "", "@TRELLIS-ITEM=Q1"),
    "line 2, column ‘Field Annotation’: the first field, q1, is REDCap’s record identifier and cannot be an item" },
  { "form-tags-without-instrument", START RADIO ("q1", "@TRELLIS-SCORING=sum"),
    "line 3, column ‘Field Annotation’: the instrument’s tags need @TRELLIS-INSTRUMENT=CODE beside them" },
  { "instrument-twice", START RADIO ("q1", "@TRELLIS-INSTRUMENT=QUIZ") RADIO ("q2", "@TRELLIS-INSTRUMENT=QUIZ"),
    "line 4, column ‘Field Annotation’: form ‘quiz’ already has @TRELLIS-INSTRUMENT on line 3" },
  { "bad-method", START RADIO ("q1", "@TRELLIS-INSTRUMENT=QUIZ @TRELLIS-SCORING=median"),
    "line 3, column ‘Field Annotation’: @TRELLIS-SCORING=median is not a scoring method (mean, sum, correct)" },
  { "too-many-answered", START RADIO ("q1", "@TRELLIS-INSTRUMENT=QUIZ @TRELLIS-MIN-ANSWERED=3"),
    "line 3, column ‘Field Annotation’: QUIZ: The scoring rule asks for 3 answered items" },
  { "bad-bands", START RADIO ("q1", "\"@TRELLIS-INSTRUMENT=QUIZ @TRELLIS-BANDS=\"\"low<abc; high\"\"\""),
    "line 3, column ‘Field Annotation’: Score bands" },
  { "test-scored-as-mean", START RADIO ("q1", "@TRELLIS-INSTRUMENT=QUIZ @TRELLIS-SCORING=mean @TRELLIS-CORRECT=1"),
    "line 3, column ‘Field Annotation’: QUIZ: Item q1 is a test question" },
  { "two-forms-one-instrument", START RADIO ("q1", "") ROW ("q2", "other", "radio", "Question", "\"1, Yes | 2, No\"", "",
                                                             "", "", "@TRELLIS-INSTRUMENT=Quiz"),
    "line 4, column ‘Form Name’: form other is the instrument Quiz, as is the form on line 2" },
  { "unclosed-single-quote", START RADIO ("q1", "@TRELLIS-INSTRUMENT=QUIZ @TRELLIS-LABEL='Quiz"),
    "line 3, column ‘Field Annotation’: the value of @TRELLIS-LABEL has no closing quote" },
  { "choices-tag-on-radio", START RADIO ("q1", "\"@TRELLIS-CHOICES=\"\"1, a\"\"\""),
    "line 3, column ‘Field Annotation’: @TRELLIS-CHOICES is only for text fields" },
  { "choices-tag-off-min", START ROW ("q1", "quiz", "text", "Question", "", "integer", "0", "3",
                                      "\"@TRELLIS-CHOICES=\"\"1, a | 2, b\"\"\""),
    "line 3, column ‘Field Annotation’: @TRELLIS-CHOICES must start at the min, 0, not at 1" },
};

/* Each broken dictionary is refused with its message, and the study is
 * byte for byte what it was. */
static void
test_bad_dictionaries (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *before = trellis_test_dump_hash (fixture->folder.path);

  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *listed = NULL;
      g_autofree char *after = NULL;

      g_test_message ("case %s", bad_cases[i].name);
      g_assert_false (import_text (fixture->db, bad_cases[i].dictionary, NULL, NULL, &problems, &error));
      g_assert_error (error, TRELLIS_IMPORT_ERROR, TRELLIS_IMPORT_ERROR_INVALID);
      g_assert_nonnull (problems);
      listed = message_list (problems);
      g_test_message ("%s", listed);
      assert_contains (listed, bad_cases[i].message);
      assert_contains (error->message, "dictionary.csv was not imported");
      after = trellis_test_dump_hash (fixture->folder.path);
      g_assert_cmpstr (before, ==, after);
    }
}

/* Past 100 problems the rest are counted, not listed. */
static void
test_many_problems (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GString) text = dictionary_new ();
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 150; i++)
    {
      g_autofree char *variable = g_strdup_printf ("q%u", i);

      add_row (text, variable, "quiz", "likert", "Question", NULL, NULL, NULL, NULL, NULL);
    }
  g_assert_false (import_text (fixture->db, text->str, NULL, NULL, &problems, &error));
  g_assert_error (error, TRELLIS_IMPORT_ERROR, TRELLIS_IMPORT_ERROR_INVALID);
  g_assert_cmpuint (problems->len, ==, 101);
  g_assert_cmpstr (((TrellisImportProblem *) problems->pdata[100])->message, ==, "and 50 more problems");
  assert_contains (error->message, "it has 150 problems");
}

/* The instrument store's own rules hold: an item with answers on file
 * cannot be dropped, and then nothing of the dictionary is written. */
static void
test_answers_kept (Fixture       *fixture,
                   gconstpointer  data)
{
  gsize length = 0;
  const char *demo = trellis_demo_instruments_dictionary (&length);
  g_autoptr(GString) text = dictionary_new ();
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *listed = NULL;
  sqlite3 *raw;

  g_assert_true (import_text (fixture->db, demo, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&fixture->db);
  raw = trellis_test_sqlite_open (fixture->folder.path, SQLITE_OPEN_READWRITE);
  trellis_test_sqlite_exec (raw,
      "INSERT INTO cohort (id, name, profession_id) VALUES (1, 'Midwives', 1);"
      "INSERT INTO participant (id, code, cohort_id, created) VALUES (1, 'P001', 1, '2025-01-01');"
      "INSERT INTO visit (id, participant_id, timepoint_id, completed_date) VALUES (1, 1, 1, '2025-01-02');"
      "INSERT INTO answer_sheet (visit_id, instrument_id, answers, answered, score, rule_version)"
      " SELECT 1, id, '{\"KNOW1\": 2, \"KNOW2\": 1}', 2, NULL, 1 FROM instrument WHERE code = 'KNOW';");
  g_assert_cmpint (sqlite3_close (raw), ==, SQLITE_OK);
  fixture->db = trellis_database_open (fixture->folder.path, TRELLIS_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);

  /* A new instrument first, then KNOW without KNOW2. */
  add_row (text, "c1", "quiz", "radio", "New question", "1, Yes | 2, No", NULL, NULL, NULL, NULL);
  add_row (text, "know1", "know", "radio", "Only one question", "1, A | 2, B | 3, C | 4, D", NULL, NULL, NULL,
           "@TRELLIS-INSTRUMENT=KNOW @TRELLIS-SCORING=correct @TRELLIS-MIN-ANSWERED=1 @TRELLIS-LABEL=K "
           "@TRELLIS-ITEM=KNOW1 @TRELLIS-CORRECT=2");
  before = trellis_test_dump_hash (fixture->folder.path);
  g_assert_false (import_text (fixture->db, text->str, NULL, NULL, &problems, &error));
  g_assert_error (error, TRELLIS_IMPORT_ERROR, TRELLIS_IMPORT_ERROR_INVALID);
  listed = message_list (problems);
  assert_contains (listed, "dictionary.csv line 4, column ‘Form Name’: Item KNOW2 has answers on file");
  after = trellis_test_dump_hash (fixture->folder.path);
  g_assert_cmpstr (before, ==, after);
  g_assert_null (load_instrument (fixture->db, "QUIZ"));
}

/* A label REDCap cannot hold is refused before anything is written. */
static void
test_export_refuses_bar (Fixture       *fixture,
                         gconstpointer  data)
{
  static const char *const choices[] = { "Yes | mostly", "No", NULL };
  g_autoptr(TrellisInstrument) quiz = trellis_instrument_new ("QUIZ", "Quiz", TRELLIS_SCORING_MEAN, 1);
  g_autoptr(TrellisItem) item = new_item ("Q1", "Question", TRELLIS_ITEM_CHOICE, 1, 2, choices);
  g_autofree char *path = g_build_filename (fixture->folder.dir, "dictionary.csv", NULL);
  g_autoptr(GError) error = NULL;

  trellis_instrument_add_item (quiz, item);
  create_instrument (fixture->db, quiz);
  g_assert_false (trellis_redcap_dictionary_export (fixture->db, NULL, path, NULL, &error));
  g_assert_nonnull (error);
  assert_contains (error->message, "QUIZ, item Q1: the choice “Yes | mostly” holds a ‘|’");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);
  g_assert_false (trellis_redcap_dictionary_export (fixture->db, (const char *[]) { "NOPE", NULL }, path,
                                                    NULL, &error));
  g_assert_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_NOT_FOUND);
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  ADD ("/trellis/storage/redcap-dictionary/header", test_header);
  ADD ("/trellis/storage/redcap-dictionary/round-trip", test_round_trip);
  ADD ("/trellis/storage/redcap-dictionary/import-twice", test_import_twice);
  ADD ("/trellis/storage/redcap-dictionary/demo", test_demo_dictionary);
  ADD ("/trellis/storage/redcap-dictionary/plain", test_plain_dictionary);
  ADD ("/trellis/storage/redcap-dictionary/plain-update", test_plain_update);
  ADD ("/trellis/storage/redcap-dictionary/other-tags", test_other_tags);
  ADD ("/trellis/storage/redcap-dictionary/bad", test_bad_dictionaries);
  ADD ("/trellis/storage/redcap-dictionary/many-problems", test_many_problems);
  ADD ("/trellis/storage/redcap-dictionary/answers-kept", test_answers_kept);
  ADD ("/trellis/storage/redcap-dictionary/export-refuses", test_export_refuses_bar);
  return g_test_run ();
}
