/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "measures-fixture.h"
#include "trellis-answer-sheet.h"
#include "trellis-domain-error.h"
#include "trellis-instrument-store.h"
#include "trellis-storage-error.h"

/* Instruments and their items: the Brief Resilience Scale every study has,
 * new instruments, edits that keep or change how scores are made (the latter
 * raise the rule version and rescore every sheet in the same transaction),
 * and the edits refused because answers are on file. */

/* A fresh copy of the stored instrument, to edit as a dialog would. */
static TrellisInstrument *
load_instrument (Fixture    *fixture,
                 const char *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = trellis_instrument_store_load (fixture->db, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < all->len; i++)
    if (g_strcmp0 (trellis_instrument_get_code (all->pdata[i]), code) == 0)
      return g_object_ref (all->pdata[i]);
  g_error ("no instrument %s", code);
}

static int
rule_version (TrellisInstrument *instrument)
{
  TrellisScoringRule rule;

  trellis_instrument_get_rule (instrument, &rule);
  return rule.version;
}

static void
assert_brs (TrellisInstrument *brs)
{
  g_autoptr(TrellisInstrument) reference = trellis_instrument_new_brief_resilience_scale ();
  g_autofree char *bands = trellis_instrument_bands_to_text (brs);
  g_autofree char *reference_bands = trellis_instrument_bands_to_text (reference);
  GPtrArray *items = trellis_instrument_get_items (brs);
  TrellisScoringRule rule;

  g_assert_cmpstr (trellis_instrument_get_code (brs), ==, "BRS");
  g_assert_cmpstr (trellis_instrument_get_label (brs), ==, "Brief Resilience Scale");
  trellis_instrument_get_rule (brs, &rule);
  g_assert_cmpint (rule.method, ==, TRELLIS_SCORING_MEAN);
  g_assert_cmpint (rule.min_answered, ==, 5);
  g_assert_cmpint (rule.version, ==, 1);
  g_assert_cmpstr (bands, ==, reference_bands);
  g_assert_cmpuint (items->len, ==, 6);
  for (guint i = 0; i < items->len; i++)
    {
      TrellisItem *item = items->pdata[i];
      TrellisItem *expected = trellis_instrument_get_items (reference)->pdata[i];

      g_assert_cmpstr (trellis_item_get_code (item), ==, trellis_item_get_code (expected));
      g_assert_cmpstr (trellis_item_get_text (item), ==, trellis_item_get_text (expected));
      g_assert_cmpint (trellis_item_get_min (item), ==, 1);
      g_assert_cmpint (trellis_item_get_max (item), ==, 5);
      g_assert_cmpint (trellis_item_get_reverse (item), ==, i % 2 == 1);
      g_assert_cmpstrv (trellis_item_get_choices (item), trellis_item_get_choices (expected));
    }
}

static void
test_seeded (Fixture       *fixture,
             gconstpointer  user_data)
{
  GListModel *instruments = trellis_study_get_instruments (fixture->study);
  g_autoptr(TrellisInstrument) brs = g_list_model_get_item (instruments, 0);

  g_assert_cmpuint (g_list_model_get_n_items (instruments), ==, 1);
  assert_brs (brs);
  g_assert_true (trellis_study_find_instrument (fixture->study, "brs") != NULL);
  assert_covered (fixture);
}

static void
test_seeded_upgrade (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autofree char *path = g_build_filename (fixture->folder.dir, "pilot.trellis", NULL);
  g_autoptr(TrellisStudy) study = NULL;
  g_autoptr(TrellisInstrument) brs = NULL;
  g_autoptr(GError) error = NULL;

  trellis_test_copy_v1_study (path);
  study = trellis_study_open (path, TRELLIS_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (trellis_study_get_instruments (study)), ==, 1);
  brs = g_list_model_get_item (trellis_study_get_instruments (study), 0);
  assert_brs (brs);
  g_assert_true (trellis_audit_verify_coverage (trellis_study_get_database (study), &error));
  g_assert_no_error (error);
}

/* A Confidence in Coping scale of the study's own: three items, 0–10, summed. */
static TrellisInstrument *
new_confidence (void)
{
  TrellisInstrument *instrument = trellis_instrument_new ("CCAE", "Confidence in Coping with Adverse Events",
                                                          TRELLIS_SCORING_SUM, 3);

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *code = g_strdup_printf ("CCAE%u", i + 1);
      g_autofree char *text = g_strdup_printf ("Question %u", i + 1);
      g_autoptr(TrellisItem) item = trellis_item_new (code, text, TRELLIS_ITEM_INTEGER, 0, 10);

      trellis_instrument_add_item (instrument, item);
    }
  return instrument;
}

static void
test_create (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(TrellisInstrument) ccae = new_confidence ();
  g_autoptr(TrellisInstrument) duplicate = trellis_instrument_new_brief_resilience_scale ();
  g_autoptr(TrellisInstrument) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_true (trellis_study_add_instrument (fixture->study, ccae, &error));
  g_assert_no_error (error);
  g_assert_cmpint (trellis_instrument_get_id (ccae), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (trellis_study_get_instruments (fixture->study)), ==, 2);
  stored = load_instrument (fixture, "CCAE");
  g_assert_cmpuint (trellis_instrument_get_items (stored)->len, ==, 3);
  g_assert_cmpint (trellis_instrument_get_position (stored), ==, 2);
  g_assert_cmpint (rule_version (stored), ==, 1);
  assert_covered (fixture);

  /* Codes are unique whatever their case. */
  before = dump_hash (fixture);
  trellis_instrument_set_code (duplicate, "brs");
  g_assert_false (trellis_study_add_instrument (fixture->study, duplicate, &error));
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_DUPLICATE);
  assert_message (error, "There is already an instrument with the code “BRS”");
  g_assert_cmpint (trellis_instrument_get_id (duplicate), ==, 0);
  after = dump_hash (fixture);
  g_assert_cmpstr (after, ==, before);
  assert_covered (fixture);
}

/* Two participants' T1 sheets: P001 answered 4 of 6 (no score under the
 * 5-of-6 rule), P002 all six. */
static void
add_sheets (Fixture *fixture)
{
  gint64 cohort = add_cohort (fixture, "Midwives 2024");
  gint64 p1 = add_scheduled_participant (fixture, cohort, "P001");
  gint64 p2 = add_scheduled_participant (fixture, cohort, "P002");
  const int four[6] = { 1, 5, 2, U, 2, U };
  const int six[6] = { 4, 2, 4, 2, 4, 1 };

  assert_saved_brs (fixture, p1, "T1", "2024-03-01", four);
  assert_saved_brs (fixture, p2, "T1", "2024-03-01", six);
}

static char *
scores (Fixture *fixture)
{
  return sql_text (fixture, "SELECT group_concat (shown, ' ') FROM"
                            " (SELECT CASE WHEN s.score IS NULL THEN 'none' ELSE printf ('%.4f', s.score) END"
                            "  || '@v' || s.rule_version AS shown"
                            "  FROM answer_sheet AS s JOIN visit AS v ON v.id = s.visit_id"
                            "  JOIN participant AS p ON p.id = v.participant_id ORDER BY p.code)");
}

static void
update (Fixture           *fixture,
        TrellisInstrument *instrument,
        guint              expected_rescored)
{
  g_autoptr(GError) error = NULL;
  guint n = G_MAXUINT;

  g_assert_true (trellis_study_update_instrument (fixture->study, instrument, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, expected_rescored);
  assert_covered (fixture);
}

static void
test_update_text_keeps_version (Fixture       *fixture,
                                gconstpointer  user_data)
{
  g_autoptr(TrellisInstrument) brs = load_instrument (fixture, "BRS");
  g_autoptr(TrellisInstrument) stored = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  add_sheets (fixture);
  before = scores (fixture);
  g_assert_cmpstr (before, ==, "none@v1 4.1667@v1");

  trellis_instrument_set_label (brs, "Brief Resilience Scale (Smith 2008)");
  trellis_item_set_text (trellis_instrument_get_items (brs)->pdata[0], "I bounce back quickly after hard times");
  update (fixture, brs, 0);

  stored = load_instrument (fixture, "BRS");
  g_assert_cmpstr (trellis_instrument_get_label (stored), ==, "Brief Resilience Scale (Smith 2008)");
  g_assert_cmpstr (trellis_item_get_text (trellis_instrument_get_items (stored)->pdata[0]), ==,
                   "I bounce back quickly after hard times");
  g_assert_cmpint (rule_version (stored), ==, 1);
  after = scores (fixture);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (sql_int (fixture, "SELECT count(*) FROM audit WHERE action = 'rescore'"), ==, 0);
}

static void
test_update_rule_rescores (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(TrellisInstrument) brs = load_instrument (fixture, "BRS");
  g_autoptr(TrellisInstrument) stored = NULL;
  g_autoptr(TrellisInstrument) again = NULL;
  g_autofree char *after_rule = NULL;
  g_autofree char *after_reverse = NULL;
  TrellisScoringRule rule;

  add_sheets (fixture);

  /* Four answers now make a score: P001's 1, 1, 2, 2 → 1.5. */
  trellis_instrument_get_rule (brs, &rule);
  rule.min_answered = 4;
  trellis_instrument_set_rule (brs, &rule);
  update (fixture, brs, 2);
  stored = load_instrument (fixture, "BRS");
  g_assert_cmpint (rule_version (stored), ==, 2);
  after_rule = scores (fixture);
  g_assert_cmpstr (after_rule, ==, "1.5000@v2 4.1667@v2");
  g_assert_cmpint (sql_int (fixture, "SELECT count(*) FROM audit WHERE action = 'rescore'"
                                     " AND table_name = 'answer_sheet'"), ==, 1);

  /* Item 1 reversed too: P001 5, 1, 2, 2 → 2.5; P002 2, 4, 4, 4, 4, 5 → 23/6. */
  again = load_instrument (fixture, "BRS");
  trellis_item_set_reverse (trellis_instrument_get_items (again)->pdata[0], TRUE);
  update (fixture, again, 2);
  g_clear_object (&stored);
  stored = load_instrument (fixture, "BRS");
  g_assert_cmpint (rule_version (stored), ==, 3);
  g_assert_true (trellis_item_get_reverse (trellis_instrument_get_items (stored)->pdata[0]));
  after_reverse = scores (fixture);
  g_assert_cmpstr (after_reverse, ==, "2.5000@v3 3.8333@v3");
}

/* Makes the edit expecting a refusal that says expected; the file must not
 * change. */
static void
assert_update_refused (Fixture           *fixture,
                       TrellisInstrument *instrument,
                       const char        *expected)
{
  g_autofree char *before = dump_hash (fixture);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  int version = rule_version (instrument);

  g_assert_false (trellis_study_update_instrument (fixture->study, instrument, NULL, &error));
  assert_message (error, expected);
  g_test_message ("refused: %s", error->message);
  g_assert_cmpint (rule_version (instrument), ==, version);
  after = dump_hash (fixture);
  g_assert_cmpstr (after, ==, before);
  assert_covered (fixture);
}

static void
test_answered_items_kept (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(TrellisInstrument) removed = load_instrument (fixture, "BRS");
  g_autoptr(TrellisInstrument) recoded = load_instrument (fixture, "BRS");
  g_autoptr(TrellisInstrument) narrowed = load_instrument (fixture, "BRS");
  g_autoptr(TrellisInstrument) widened = load_instrument (fixture, "BRS");
  g_autofree char *after = NULL;

  add_sheets (fixture);

  g_ptr_array_remove_index (trellis_instrument_get_items (removed), 5);
  assert_update_refused (fixture, removed, "Item BRS6 has answers on file, so it cannot be removed or get a new code");

  trellis_item_set_code (trellis_instrument_get_items (recoded)->pdata[2], "BRS3a");
  assert_update_refused (fixture, recoded, "Item BRS3 has answers on file");

  /* P001 answered 1 to BRS1. */
  trellis_item_set_range (trellis_instrument_get_items (narrowed)->pdata[0], 2, 5);
  assert_update_refused (fixture, narrowed, "1 answer on file to BRS1 is outside 2–5");

  /* Widening keeps every answer on the scale, but changes reversal (6 − x
   * becomes 7 − x), so it is a new rule. */
  trellis_item_set_range (trellis_instrument_get_items (widened)->pdata[1], 1, 6);
  update (fixture, widened, 2);
  after = scores (fixture);
  g_assert_cmpstr (after, ==, "none@v2 4.3333@v2");
}

static void
test_delete (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(TrellisInstrument) ccae = new_confidence ();
  g_autoptr(TrellisInstrument) brs = load_instrument (fixture, "BRS");
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  add_sheets (fixture);
  g_assert_true (trellis_study_add_instrument (fixture->study, ccae, &error));
  g_assert_no_error (error);

  before = dump_hash (fixture);
  g_assert_cmpint (trellis_study_count_answer_sheets (fixture->study, trellis_instrument_get_id (brs), NULL), ==, 2);
  g_assert_false (trellis_study_delete_instrument (fixture->study, trellis_instrument_get_id (brs), &error));
  assert_message (error, "This instrument has 2 answer sheets on file, so it cannot be deleted");
  g_clear_error (&error);
  after = dump_hash (fixture);
  g_assert_cmpstr (after, ==, before);

  g_assert_true (trellis_study_delete_instrument (fixture->study, trellis_instrument_get_id (ccae), &error));
  g_assert_no_error (error);
  g_assert_null (trellis_study_find_instrument (fixture->study, "CCAE"));
  g_assert_cmpint (sql_int (fixture, "SELECT count(*) FROM item WHERE instrument_id != 1"), ==, 0);
  assert_covered (fixture);
}

/* The built-in BRS follows the same rule: a study that has not used it may
 * delete it, each row audited; counting tells the dialog beforehand. */
static void
test_delete_brs (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(TrellisInstrument) brs = load_instrument (fixture, "BRS");
  g_autoptr(GError) error = NULL;
  gint64 id = trellis_instrument_get_id (brs);

  g_assert_cmpint (trellis_study_count_answer_sheets (fixture->study, id, &error), ==, 0);
  g_assert_no_error (error);
  g_assert_true (trellis_study_delete_instrument (fixture->study, id, &error));
  g_assert_no_error (error);
  g_assert_null (trellis_study_find_instrument (fixture->study, "BRS"));
  g_assert_cmpint (sql_int (fixture, "SELECT count(*) FROM audit WHERE action = 'delete' AND table_name = 'item'"),
                   ==, 6);
  g_assert_cmpint (sql_int (fixture, "SELECT count(*) FROM audit WHERE action = 'delete'"
                                     " AND table_name = 'instrument'"), ==, 1);
  assert_covered (fixture);
}

static void
test_rescore (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint n = 0;

  add_sheets (fixture);
  before = scores (fixture);
  g_assert_true (trellis_study_rescore (fixture->study, NULL, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);
  after = scores (fixture);
  g_assert_cmpstr (after, ==, before);
  assert_covered (fixture);

  g_assert_false (trellis_study_rescore (fixture->study, "KNOW", &n, &error));
  assert_message (error, "There is no instrument with the code “KNOW”");
}

/* Answers read back the same whether they are in the form Trellis writes
 * (read without a JSON parser) or in any other valid JSON; a code the
 * instrument does not have is an error. */
static void
test_answers_parse (Fixture       *fixture,
                    gconstpointer  data)
{
  static const int written[] = { 4, U, 1, 5, U, 2 };
  g_autoptr(TrellisInstrument) brs = trellis_instrument_new_brief_resilience_scale ();
  g_autofree char *json = trellis_answer_sheet_render (brs, written);
  g_autoptr(GError) error = NULL;
  int values[6];

  g_assert_cmpstr (json, ==, "{\"BRS1\":4,\"BRS3\":1,\"BRS4\":5,\"BRS6\":2}");
  g_assert_true (trellis_answer_sheet_parse (brs, json, values, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (values, sizeof values, written, sizeof written);

  g_assert_true (trellis_answer_sheet_parse (brs, "{ \"brs6\": 2, \"BRS1\" : 4, \"BRS3\":1,\"BRS4\":5 }",
                                             values, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (values, sizeof values, written, sizeof written);

  g_assert_false (trellis_answer_sheet_parse (brs, "{\"BRS1\":4,\"XYZ\":1}", values, &error));
  g_assert_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_CORRUPT);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, func) \
  g_test_add ("/trellis/storage/instrument-store/" name, Fixture, NULL, measures_set_up, func, fixture_tear_down)

  ADD ("seeded", test_seeded);
  ADD ("answers-parse", test_answers_parse);
  ADD ("seeded-upgrade", test_seeded_upgrade);
  ADD ("create", test_create);
  ADD ("update-text-keeps-version", test_update_text_keeps_version);
  ADD ("update-rule-rescores", test_update_rule_rescores);
  ADD ("answered-items-kept", test_answered_items_kept);
  ADD ("delete", test_delete);
  ADD ("delete-brs", test_delete_brs);
  ADD ("rescore", test_rescore);

#undef ADD

  return g_test_run ();
}
