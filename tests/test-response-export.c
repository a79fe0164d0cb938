/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <locale.h>

#include "response-fixture.h"
#include "trellis-response-export.h"
#include "trellis-response-import.h"
#include "trellis-storage-error.h"
#include "trellis-study-transfer.h"

/* The response export: long and wide answers, scores and a codebook,
 * de-identified and safe to open in a spreadsheet; and the round trip, an
 * export imported into a fresh copy of the register giving the same answer
 * sheets. */

static void
import_corpus (Fixture    *fixture,
               const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "responses", name, NULL);
  g_autoptr(GBytes) bytes = trellis_test_read_bytes (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (trellis_response_import (fixture->db, name, bytes, TRELLIS_RESPONSE_FORM_AUTO, 0, NULL, NULL,
                                          NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

static char *
export_to (Fixture             *fixture,
           TrellisResponseForm  form,
           const char          *name,
           const char          *scores,
           const char          *codebook)
{
  g_autofree char *path = g_build_filename (fixture->folder.dir, name, NULL);
  g_autofree char *scores_path = scores ? g_build_filename (fixture->folder.dir, scores, NULL) : NULL;
  g_autofree char *codebook_path = codebook ? g_build_filename (fixture->folder.dir, codebook, NULL) : NULL;
  TrellisResponseExportOptions options = { form, scores_path, codebook_path };
  g_autoptr(GError) error = NULL;

  g_assert_true (trellis_response_export (fixture->db, path, &options, NULL, NULL, &error));
  g_assert_no_error (error);
  return trellis_test_read_file (path, NULL);
}

static char *
read_beside (Fixture    *fixture,
             const char *name)
{
  g_autofree char *path = g_build_filename (fixture->folder.dir, name, NULL);

  return trellis_test_read_file (path, NULL);
}

static void
test_long (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autofree char *text = NULL;
  g_autofree char *scores = NULL;

  import_corpus (fixture, "good-long.csv");
  text = export_to (fixture, TRELLIS_RESPONSE_FORM_LONG, "long.csv", "scores.csv", NULL);
  g_assert_true (g_str_has_prefix (text,
      "participant,cohort,timepoint,completed_date,instrument,item,value\r\n"
      "P001,Midwives,T1,2025-01-06,BRS,BRS1,4\r\n"
      "P001,Midwives,T1,2025-01-06,BRS,BRS2,2\r\n"));
  g_assert_nonnull (strstr (text, "P001,Midwives,T1,2025-01-06,KNOW,KNOW4,4\r\n"
                                  "P001,Midwives,T2,2025-01-07,BRS,BRS1,5\r\n"));
  g_assert_true (g_str_has_suffix (text, "P002,Midwives,T1,2025-01-06,BRS,BRS1,3\r\n"
                                         "P002,Midwives,T1,2025-01-06,CONF,CONF1,3\r\n"
                                         "P002,Midwives,T1,2025-01-06,CONF,CONF2,2\r\n"
                                         "P002,Midwives,T1,2025-01-06,CONF,CONF3,10\r\n"
                                         "P002,Midwives,T1,2025-01-06,CONF,CONF4,0\r\n"
                                         "P002,Midwives,T1,2025-01-06,CONF,CONF5,1\r\n"
                                         "P002,Midwives,T1,2025-01-06,CONF,CONF6,4\r\n"));
  scores = read_beside (fixture, "scores.csv");
  g_assert_cmpstr (scores, ==,
      "participant,cohort,timepoint,completed_date,instrument,score,answered,rule_version,band\r\n"
      "P001,Midwives,T1,2025-01-06,BRS,4.33333333333333,6,1,high\r\n"
      "P001,Midwives,T1,2025-01-06,CONF,6.5,4,1,\r\n"
      "P001,Midwives,T1,2025-01-06,KNOW,3,4,1,\r\n"
      "P001,Midwives,T2,2025-01-07,BRS,4.6,5,1,high\r\n"
      "P002,Midwives,T1,2025-01-06,BRS,,1,1,\r\n"
      "P002,Midwives,T1,2025-01-06,CONF,3.33333333333333,6,1,\r\n");
}

static void
test_wide (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autofree char *text = NULL;

  import_corpus (fixture, "good-long.csv");
  text = export_to (fixture, TRELLIS_RESPONSE_FORM_WIDE, "wide.csv", NULL, NULL);
  g_assert_cmpstr (text, ==,
      "participant,cohort,timepoint,completed_date,BRS_BRS1,BRS_BRS2,BRS_BRS3,BRS_BRS4,BRS_BRS5,BRS_BRS6,"
      "BRS_score,CONF_CONF1,CONF_CONF2,CONF_CONF3,CONF_CONF4,CONF_CONF5,CONF_CONF6,CONF_score,"
      "KNOW_KNOW1,KNOW_KNOW2,KNOW_KNOW3,KNOW_KNOW4,KNOW_score\r\n"
      "P001,Midwives,T1,2025-01-06,4,2,5,1,4,2,4.33333333333333,7,6,8,5,,,6.5,1,3,3,4,3\r\n"
      "P001,Midwives,T2,2025-01-07,5,1,5,2,4,,4.6,,,,,,,,,,,,\r\n"
      "P002,Midwives,T1,2025-01-06,3,,,,,,,3,2,10,0,1,4,3.33333333333333,,,,,\r\n");
}

static void
test_codebook (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autofree char *text = NULL;
  g_autofree char *codebook = NULL;

  text = export_to (fixture, TRELLIS_RESPONSE_FORM_WIDE, "wide.csv", NULL, "codebook.csv");
  codebook = read_beside (fixture, "codebook.csv");
  g_assert_true (g_str_has_prefix (codebook,
      "variable,label,type,min,max,values,reverse,instrument,scoring_rule\r\n"
      "participant,Study code (pseudonymous),text,,,,,,\r\n"));
  g_assert_nonnull (strstr (codebook, "\r\nBRS_BRS2,I have a hard time making it through stressful events,"
                                      "integer,1,5,1 = Strongly disagree; 2 = Disagree;"));
  g_assert_nonnull (strstr (codebook, ",yes,BRS,\r\n"));
  g_assert_nonnull (strstr (codebook, "\r\nBRS_score,Brief Resilience Scale score,numeric,1,5,"
                                      "low<3.00; normal<=4.30; high,,BRS,Mean of the items;"));
  g_assert_nonnull (strstr (codebook, "\r\nKNOW_KNOW3,Question 3,correct,1,4,correct answer: 3,no,KNOW,\r\n"));
  g_assert_nonnull (strstr (codebook, "\r\nKNOW_score,Knowledge test score,numeric,0,4,,,KNOW,"
                                      "\"Number of correct answers, prorated;"));
  g_assert_nonnull (strstr (codebook, "(rule version 1). A score imported without its items has no item values: "
                                      "in the long file it is a row with an empty item and the score as its value."));
}

/* A cohort named like a formula is written so that a spreadsheet shows it
 * as text; the numbers stay numbers. */
static void
test_formula_safe (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(TrellisCohort) cohort = g_list_model_get_item (trellis_study_get_cohorts (fixture->study), 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  trellis_cohort_set_name (cohort, "=HYPERLINK(\"x\")");
  g_assert_true (trellis_study_update_cohort (fixture->study, cohort, &error));
  g_assert_no_error (error);
  import_corpus (fixture, "bom-crlf.csv");
  text = export_to (fixture, TRELLIS_RESPONSE_FORM_LONG, "long.csv", NULL, NULL);
  g_assert_nonnull (strstr (text, "\r\nP001,\"'=HYPERLINK(\"\"x\"\")\",T1,2025-01-06,BRS,BRS1,4\r\n"));
}

static void
test_not_over_study (Fixture       *fixture,
                     gconstpointer  user_data)
{
  TrellisResponseExportOptions options = { TRELLIS_RESPONSE_FORM_LONG, NULL, NULL };
  g_autofree char *before = trellis_test_dump_hash (fixture->folder.path);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (trellis_response_export (fixture->db, fixture->folder.path, &options, NULL, NULL, &error));
  g_assert_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_EXISTS);
  after = trellis_test_dump_hash (fixture->folder.path);
  g_assert_cmpstr (before, ==, after);
}

/* Exported, then imported into a fresh copy of the register: the same
 * answer sheets, scores and rule versions, in either form, scores given in
 * place of items included. */
static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  user_data)
{
  TrellisResponseForm form = GPOINTER_TO_INT (user_data);
  g_autofree char *copy_path = g_build_filename (fixture->folder.dir, "copy.trellis", NULL);
  g_autofree char *export_path = g_build_filename (fixture->folder.dir, "export.csv", NULL);
  TrellisResponseExportOptions options = { form, NULL, NULL };
  g_autoptr(TrellisStudy) copy = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ours = NULL;
  g_autofree char *theirs = NULL;

  import_corpus (fixture, "good-long.csv");
  import_corpus (fixture, "good-scores-long.csv");
  g_assert_true (trellis_response_export (fixture->db, export_path, &options, NULL, NULL, &error));
  g_assert_no_error (error);
  ours = trellis_test_read_file (export_path, NULL);
  if (form == TRELLIS_RESPONSE_FORM_LONG)
    g_assert_nonnull (strstr (ours, "\r\nP003,Midwives,T1,2025-01-06,BRS,,3.5\r\n"));
  else
    g_assert_nonnull (strstr (ours, "\r\nP003,Midwives,T1,2025-01-06,,,,,,,3.5,"));
  g_clear_pointer (&ours, g_free);
  copy = trellis_study_create (copy_path, "Resilience coaching", &error);
  g_assert_no_error (error);
  response_fixture_fill (copy);
  bytes = trellis_test_read_bytes (export_path);
  g_assert_true (trellis_response_import (trellis_study_get_database (copy), "export.csv", bytes,
                                          TRELLIS_RESPONSE_FORM_AUTO, 0, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  ours = response_fixture_sheets (fixture->db);
  theirs = response_fixture_sheets (trellis_study_get_database (copy));
  g_assert_cmpstr (ours, ==, theirs);
  g_assert_true (trellis_audit_verify (trellis_study_get_database (copy), &error));
  g_assert_no_error (error);
}

static void
on_exported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
export_async (Fixture    *fixture,
              GFile      *file,
              const char *codebook)
{
  g_autofree char *codebook_path = codebook ? g_build_filename (fixture->folder.dir, codebook, NULL) : NULL;
  g_autoptr(GFile) codebook_file = codebook_path ? g_file_new_for_path (codebook_path) : NULL;
  GAsyncResult *result = NULL;

  trellis_study_export_responses_async (fixture->study, file, TRELLIS_RESPONSE_FORM_LONG, codebook_file, NULL,
                                        on_exported, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return result;
}

/* The GUI's way out: a worker thread writes the same long form and its codebook. */
static void
test_async (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autofree char *path = g_build_filename (fixture->folder.dir, "async.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *same = NULL;
  g_autofree char *codebook = NULL;
  TrellisResponseExportResult exported;

  import_corpus (fixture, "good-long.csv");
  result = export_async (fixture, file, "async codebook.csv");
  g_assert_true (trellis_study_export_responses_finish (fixture->study, result, &exported, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (exported.n_rows, ==, 26);
  g_assert_cmpuint (exported.n_visits, ==, 3);
  g_assert_cmpuint (exported.n_sheets, ==, 6);
  text = trellis_test_read_file (path, NULL);
  same = export_to (fixture, TRELLIS_RESPONSE_FORM_LONG, "sync.csv", NULL, NULL);
  g_assert_cmpstr (text, ==, same);
  codebook = read_beside (fixture, "async codebook.csv");
  g_assert_true (g_str_has_prefix (codebook, "variable,label,type,min,max,values,reverse,instrument,scoring_rule\r\n"));
}

/* A file that is not in a local folder is refused before anything runs. */
static void
test_async_not_local (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GFile) file = g_file_new_for_uri ("resource:///nowhere/out.csv");
  g_autoptr(GAsyncResult) result = export_async (fixture, file, NULL);
  g_autoptr(GError) error = NULL;
  TrellisResponseExportResult exported;

  g_assert_false (trellis_study_export_responses_finish (fixture->study, result, &exported, &error));
  g_assert_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "folders on this computer only"));
  g_assert_cmpuint (exported.n_visits, ==, 0);
}

static void
add_test (const char    *path,
          gconstpointer  data,
          void         (*func) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  add_test ("/trellis/storage/response-export/long", NULL, test_long);
  add_test ("/trellis/storage/response-export/async", NULL, test_async);
  add_test ("/trellis/storage/response-export/async-not-local", NULL, test_async_not_local);
  add_test ("/trellis/storage/response-export/wide", NULL, test_wide);
  add_test ("/trellis/storage/response-export/codebook", NULL, test_codebook);
  add_test ("/trellis/storage/response-export/formula-safe", NULL, test_formula_safe);
  add_test ("/trellis/storage/response-export/not-over-study", NULL, test_not_over_study);
  add_test ("/trellis/storage/response-export/round-trip-long", GINT_TO_POINTER (TRELLIS_RESPONSE_FORM_LONG),
            test_round_trip);
  add_test ("/trellis/storage/response-export/round-trip-wide", GINT_TO_POINTER (TRELLIS_RESPONSE_FORM_WIDE),
            test_round_trip);
  return g_test_run ();
}
