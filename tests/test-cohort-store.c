/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "register-fixture.h"
#include "trellis-domain-error.h"
#include "trellis-storage-error.h"

/* Cohorts: created with a profession given by id or by name, edited,
 * archived and reopened, and deleted only while nobody is in them. */

static TrellisCohort *
cohort_at (Fixture *fixture,
           guint    position)
{
  return g_list_model_get_item (trellis_study_get_cohorts (fixture->study), position);
}

static void
test_create (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(TrellisCohort) by_name = trellis_cohort_new ();
  g_autoptr(TrellisCohort) by_id = trellis_cohort_new ();
  g_autoptr(TrellisCohort) first = NULL;
  g_autoptr(TrellisCohort) second = NULL;
  g_autoptr(GError) error = NULL;
  gint64 audit_before = trellis_study_get_audit_count (fixture->study);

  trellis_cohort_set_name (by_name, "  Midwives, Leeds 2024 ");
  trellis_cohort_set_profession (by_name, "midwife");
  trellis_cohort_set_site (by_name, " Leeds ");
  trellis_cohort_set_start_date (by_name, "2024-03-04");
  g_assert_true (trellis_study_create_cohort (fixture->study, by_name, &error));
  g_assert_no_error (error);
  g_assert_cmpint (trellis_cohort_get_id (by_name), >, 0);

  trellis_cohort_set_name (by_id, "Paramedics");
  trellis_cohort_set_profession_id (by_id, 4);
  g_assert_true (trellis_study_create_cohort (fixture->study, by_id, &error));
  g_assert_no_error (error);

  g_assert_cmpint (trellis_study_get_audit_count (fixture->study), ==, audit_before + 2);
  g_assert_cmpuint (fixture->changes, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (trellis_study_get_cohorts (fixture->study)), ==, 2);
  first = cohort_at (fixture, 0);
  second = cohort_at (fixture, 1);
  g_assert_cmpstr (trellis_cohort_get_name (first), ==, "Midwives, Leeds 2024");
  g_assert_cmpstr (trellis_cohort_get_profession (first), ==, "Midwife");
  g_assert_cmpstr (trellis_cohort_get_site (first), ==, "Leeds");
  g_assert_cmpstr (trellis_cohort_get_start_date (first), ==, "2024-03-04");
  g_assert_false (trellis_cohort_get_archived (first));
  g_assert_cmpstr (trellis_cohort_get_profession (second), ==, "Paramedic");
  g_assert_cmpstr (trellis_cohort_get_site (second), ==, "");
  g_assert_null (trellis_cohort_get_start_date (second));
  assert_verifies (fixture);
}

static void
assert_refused (Fixture       *fixture,
                TrellisCohort *cohort,
                GQuark         domain,
                int            code,
                const char    *message)
{
  g_autofree char *before = dump_study (fixture);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  guint changes = fixture->changes;

  g_assert_false (trellis_study_create_cohort (fixture->study, cohort, &error));
  g_assert_error (error, domain, code);
  assert_message (error, message);
  g_assert_cmpint (trellis_cohort_get_id (cohort), ==, 0);
  after = dump_study (fixture);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (fixture->changes, ==, changes);
}

static void
test_create_refused (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(TrellisCohort) duplicate = trellis_cohort_new ();
  g_autoptr(TrellisCohort) nameless = trellis_cohort_new ();
  g_autoptr(TrellisCohort) unknown = trellis_cohort_new ();
  g_autoptr(TrellisCohort) bad_id = trellis_cohort_new ();
  g_autoptr(TrellisCohort) bad_date = trellis_cohort_new ();

  add_cohort (fixture, "Midwives");

  trellis_cohort_set_name (duplicate, " MIDWIVES ");
  trellis_cohort_set_profession (duplicate, "Midwife");
  assert_refused (fixture, duplicate, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_DUPLICATE,
                  "There is already a cohort called “MIDWIVES”");

  trellis_cohort_set_name (nameless, "   ");
  trellis_cohort_set_profession (nameless, "Midwife");
  assert_refused (fixture, nameless, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID, "needs a name");

  trellis_cohort_set_name (unknown, "Dentists");
  trellis_cohort_set_profession (unknown, "Dentist");
  assert_refused (fixture, unknown, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_CONSTRAINT,
                  "There is no profession called “Dentist”");

  trellis_cohort_set_name (bad_id, "Ghosts");
  trellis_cohort_set_profession_id (bad_id, 99);
  assert_refused (fixture, bad_id, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                  "Profession 99 is not in the study's list");

  trellis_cohort_set_name (bad_date, "Sonographers");
  trellis_cohort_set_profession (bad_date, "Sonographer");
  trellis_cohort_set_start_date (bad_date, "2024-02-30");
  assert_refused (fixture, bad_date, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                  "Cohort “Sonographers”, start date: ");
  assert_verifies (fixture);
}

static void
test_update (Fixture       *fixture,
             gconstpointer  user_data)
{
  gint64 id = add_cohort (fixture, "Midwives");
  g_autoptr(TrellisCohort) cohort = cohort_at (fixture, 0);
  g_autoptr(TrellisCohort) reloaded = NULL;
  g_autoptr(GError) error = NULL;

  add_cohort (fixture, "Paramedics");
  g_assert_cmpint (trellis_cohort_get_id (cohort), ==, id);
  trellis_cohort_set_name (cohort, "Midwives (York)");
  trellis_cohort_set_profession_id (cohort, 0);
  trellis_cohort_set_profession (cohort, "Sonographer");
  trellis_cohort_set_site (cohort, "York");
  trellis_cohort_set_start_date (cohort, "2024-09-01");
  g_assert_true (trellis_study_update_cohort (fixture->study, cohort, &error));
  g_assert_no_error (error);
  reloaded = cohort_at (fixture, 0);
  g_assert_cmpstr (trellis_cohort_get_name (reloaded), ==, "Midwives (York)");
  g_assert_cmpstr (trellis_cohort_get_profession (reloaded), ==, "Sonographer");
  g_assert_cmpstr (trellis_cohort_get_start_date (reloaded), ==, "2024-09-01");
  assert_verifies (fixture);

  /* Renaming onto another cohort's name is refused. */
  trellis_cohort_set_name (cohort, "paramedics");
  g_assert_false (trellis_study_update_cohort (fixture->study, cohort, &error));
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_DUPLICATE);
  assert_verifies (fixture);
}

static void
test_archive (Fixture       *fixture,
              gconstpointer  user_data)
{
  gint64 id = add_cohort (fixture, "Midwives");
  g_autoptr(TrellisCohort) last = NULL;
  g_autoptr(GError) error = NULL;
  gint64 participant;

  add_cohort (fixture, "Paramedics");
  participant = add_participant (fixture, NULL, id, NULL);
  g_assert_true (trellis_study_set_cohort_archived (fixture->study, id, TRUE, &error));
  g_assert_no_error (error);
  assert_verifies (fixture);

  /* Archived cohorts go to the end of the list, and take nobody new. */
  last = cohort_at (fixture, 1);
  g_assert_cmpint (trellis_cohort_get_id (last), ==, id);
  g_assert_true (trellis_cohort_get_archived (last));
  g_assert_cmpint (trellis_cohort_get_n_participants (last), ==, 1);
  g_assert_cmpint (trellis_study_add_participant (fixture->study, NULL, id, NULL, &error), ==, 0);
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Cohort “Midwives” is archived and takes no new participants; reopen it first");
  g_clear_error (&error);

  /* Those already in it stay, and can still be edited. */
  g_assert_true (trellis_study_update_participant (fixture->study, participant, id, "2024-05-01", &error));
  g_assert_no_error (error);

  g_assert_true (trellis_study_set_cohort_archived (fixture->study, id, FALSE, &error));
  g_assert_no_error (error);
  add_participant (fixture, NULL, id, NULL);
  assert_verifies (fixture);
}

static void
test_delete (Fixture       *fixture,
             gconstpointer  user_data)
{
  gint64 empty = add_cohort (fixture, "Made by mistake");
  gint64 used = add_cohort (fixture, "Midwives");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  add_participant (fixture, NULL, used, NULL);
  add_participant (fixture, NULL, used, NULL);

  g_assert_true (trellis_study_delete_cohort (fixture->study, empty, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (trellis_study_get_cohorts (fixture->study)), ==, 1);
  assert_verifies (fixture);

  before = dump_study (fixture);
  g_assert_false (trellis_study_delete_cohort (fixture->study, used, &error));
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Cohort “Midwives” cannot be deleted: it has 2 participants. Archive it instead.");
  g_clear_error (&error);
  after = dump_study (fixture);
  g_assert_cmpstr (after, ==, before);

  g_assert_false (trellis_study_delete_cohort (fixture->study, empty, &error));
  g_assert_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_NOT_FOUND);
  assert_verifies (fixture);
}

/* The cohort list and professions survive a reopen. */
static void
test_reopen (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(GPtrArray) professions = NULL;
  g_autoptr(TrellisCohort) cohort = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (trellis_study_add_profession (fixture->study, "Health visitor", &error), >, 0);
  g_assert_no_error (error);
  add_cohort (fixture, "Midwives");
  g_clear_object (&fixture->study);

  fixture->study = trellis_study_open (fixture->folder.path, TRELLIS_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);
  fixture->db = trellis_study_get_database (fixture->study);
  cohort = cohort_at (fixture, 0);
  g_assert_cmpstr (trellis_cohort_get_name (cohort), ==, "Midwives");
  professions = trellis_study_list_professions (fixture->study, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (professions->len, ==, 9);
  g_assert_cmpstr (professions->pdata[8], ==, "Health visitor");
  assert_verifies (fixture);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, func) \
  g_test_add ("/trellis/storage/cohort-store/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("create", test_create);
  ADD ("create-refused", test_create_refused);
  ADD ("update", test_update);
  ADD ("archive", test_archive);
  ADD ("delete", test_delete);
  ADD ("reopen", test_reopen);

  return g_test_run ();
}
