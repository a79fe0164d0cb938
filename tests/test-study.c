/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "trellis-audit.h"
#include "trellis-domain-error.h"
#include "trellis-migrations.h"
#include "trellis-storage-error.h"
#include "trellis-study.h"
#include "trellis-test-utils.h"
#include "trellis-timepoint-plan.h"

/* TrellisStudy, the façade a window receives: its models and notifications
 * must follow every change it makes. Each test works on a fresh study in its
 * own temporary folder, removed afterwards. */

typedef struct
{
  TrellisTestFolder folder;
  TrellisStudy *study;
  guint items_changed;   /* emissions of items-changed on the timepoints model */
} Fixture;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *fixture)
{
  fixture->items_changed++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  trellis_test_folder_set_up (&fixture->folder, user_data);
  fixture->study = trellis_study_create (fixture->folder.path, "Resilience coaching", &error);
  g_assert_no_error (error);
  g_signal_connect (trellis_study_get_timepoints (fixture->study), "items-changed",
                    G_CALLBACK (on_items_changed), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->study);
  trellis_test_folder_tear_down (&fixture->folder, user_data);
}

/* The codes in the timepoints model, in order, joined by spaces. */
static char *
model_codes (TrellisStudy *study)
{
  GListModel *model = trellis_study_get_timepoints (study);
  g_autoptr(GString) codes = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(TrellisTimepoint) tp = g_list_model_get_item (model, i);

      g_string_append_printf (codes, "%s%s", i > 0 ? " " : "", trellis_timepoint_get_code (tp));
    }
  return g_strdup (codes->str);
}

static TrellisTimepoint *
timepoint_at (TrellisStudy *study,
              guint         position)
{
  return g_list_model_get_item (trellis_study_get_timepoints (study), position);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_create (Fixture       *fixture,
             gconstpointer  user_data)
{
  GListModel *model = trellis_study_get_timepoints (fixture->study);
  const TrellisTimepointDefault *defaults;
  g_autoptr(GDateTime) created = NULL;
  guint n_defaults = 0;

  g_assert_cmpstr (trellis_study_get_title (fixture->study), ==, "Resilience coaching");
  g_assert_cmpstr (trellis_study_get_path (fixture->study), ==, fixture->folder.path);
  g_assert_false (trellis_study_is_read_only (fixture->study));
  /* 8 professions and the Brief Resilience Scale with its 6 items seeded by
   * the migrations, the study's creation, 4 timepoints. */
  g_assert_cmpint (trellis_study_get_audit_count (fixture->study), ==, 20);

  created = g_date_time_new_from_iso8601 (trellis_study_get_created (fixture->study), NULL);
  g_assert_nonnull (created);
  g_assert_cmpint (g_date_time_get_utc_offset (created), ==, 0);

  /* A new study starts with the default plan, in order, each with its id. */
  g_assert_true (g_list_model_get_item_type (model) == TRELLIS_TYPE_TIMEPOINT);
  defaults = trellis_timepoint_plan_defaults (&n_defaults);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_defaults);
  for (guint i = 0; i < n_defaults; i++)
    {
      g_autoptr(TrellisTimepoint) tp = g_list_model_get_item (model, i);

      g_assert_cmpint (trellis_timepoint_get_id (tp), >, 0);
      g_assert_cmpstr (trellis_timepoint_get_code (tp), ==, defaults[i].code);
      g_assert_cmpstr (trellis_timepoint_get_label (tp), ==, defaults[i].label);
      g_assert_cmpint (trellis_timepoint_get_target_day (tp), ==, defaults[i].target_day);
      g_assert_cmpint (trellis_timepoint_get_window_min (tp), ==, defaults[i].window_min);
      g_assert_cmpint (trellis_timepoint_get_window_max (tp), ==, defaults[i].window_max);
      g_assert_cmpint (trellis_timepoint_get_position (tp), ==, i + 1);
      g_assert_cmpint (trellis_timepoint_get_anchor (tp), ==, defaults[i].anchor);
    }
}

static void
test_add_timepoint (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(TrellisTimepoint) tp = trellis_timepoint_new (" t5 ", " Six-month follow-up ", 182, 168, 196);
  g_autoptr(TrellisTimepoint) shown = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *codes = NULL;
  guint audit_notifies = 0;

  g_signal_connect (fixture->study, "notify::audit-count", G_CALLBACK (count_notify), &audit_notifies);

  g_assert_true (trellis_study_add_timepoint (fixture->study, tp, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (fixture->items_changed, >=, 1);
  g_assert_cmpuint (audit_notifies, ==, 1);
  codes = model_codes (fixture->study);
  g_assert_cmpstr (codes, ==, "T1 T2 T3 T4 T5");

  /* The model shows the stored, normalised timepoint, and the caller's object
   * learnt its id. */
  shown = timepoint_at (fixture->study, 4);
  g_assert_cmpint (trellis_timepoint_get_id (tp), >, 0);
  g_assert_cmpint (trellis_timepoint_get_id (shown), ==, trellis_timepoint_get_id (tp));
  g_assert_cmpstr (trellis_timepoint_get_code (shown), ==, "T5");
  g_assert_cmpstr (trellis_timepoint_get_label (shown), ==, "Six-month follow-up");
  g_assert_cmpint (trellis_timepoint_get_target_day (shown), ==, 182);
  g_assert_cmpint (trellis_timepoint_get_position (shown), ==, 5);
}

/* A timepoint due before others goes in its place by day; the ones after it
 * move down, and every move is audited. */
static void
test_add_in_day_order (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(TrellisTimepoint) tp = trellis_timepoint_new ("T0", "Screening", -14, -21, -7);
  g_autoptr(GError) error = NULL;
  g_autofree char *codes = NULL;
  gint64 audit_before = trellis_study_get_audit_count (fixture->study);

  g_assert_true (trellis_study_add_timepoint (fixture->study, tp, &error));
  g_assert_no_error (error);
  codes = model_codes (fixture->study);
  g_assert_cmpstr (codes, ==, "T0 T1 T2 T3 T4");
  g_assert_cmpint (trellis_timepoint_get_position (tp), ==, 1);
  /* Four moves and one insert. */
  g_assert_cmpint (trellis_study_get_audit_count (fixture->study), ==, audit_before + 5);
  g_assert_true (trellis_audit_verify (trellis_study_get_database (fixture->study), &error));
  g_assert_no_error (error);
}

static void
test_add_refused (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(TrellisTimepoint) tp = trellis_timepoint_new ("t2", "Duplicate", 50, 45, 55);
  g_autoptr(GError) error = NULL;
  g_autofree char *codes = NULL;
  gint64 audit_before = trellis_study_get_audit_count (fixture->study);

  /* " t2 " is the code T2, which the plan already has. */
  g_assert_false (trellis_study_add_timepoint (fixture->study, tp, &error));
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_DUPLICATE);
  g_assert_nonnull (strstr (error->message, "T2"));

  g_assert_cmpuint (fixture->items_changed, ==, 0);
  g_assert_cmpint (trellis_timepoint_get_id (tp), ==, 0);
  g_assert_cmpint (trellis_study_get_audit_count (fixture->study), ==, audit_before);
  codes = model_codes (fixture->study);
  g_assert_cmpstr (codes, ==, "T1 T2 T3 T4");
}

static void
test_update_timepoint (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(TrellisTimepoint) stored = timepoint_at (fixture->study, 3);
  g_autoptr(TrellisTimepoint) edited = trellis_timepoint_copy (stored);
  g_autoptr(TrellisTimepoint) shown = NULL;
  g_autoptr(GError) error = NULL;

  trellis_timepoint_set_label (edited, "Six-week follow-up");
  trellis_timepoint_set_target_day (edited, 42);
  trellis_timepoint_set_window_max (edited, 49);
  g_assert_true (trellis_study_update_timepoint (fixture->study, edited, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (fixture->items_changed, >=, 1);
  g_assert_cmpuint (g_list_model_get_n_items (trellis_study_get_timepoints (fixture->study)), ==, 4);
  shown = timepoint_at (fixture->study, 3);
  g_assert_cmpint (trellis_timepoint_get_id (shown), ==, trellis_timepoint_get_id (stored));
  g_assert_cmpstr (trellis_timepoint_get_label (shown), ==, "Six-week follow-up");
  g_assert_cmpint (trellis_timepoint_get_target_day (shown), ==, 42);
  g_assert_cmpint (trellis_timepoint_get_window_max (shown), ==, 49);
}

static void
test_update_refused (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(TrellisTimepoint) stored = timepoint_at (fixture->study, 1);
  g_autoptr(TrellisTimepoint) edited = trellis_timepoint_copy (stored);
  g_autoptr(TrellisTimepoint) shown = NULL;
  g_autoptr(GError) error = NULL;

  trellis_timepoint_set_code (edited, "t3");
  g_assert_false (trellis_study_update_timepoint (fixture->study, edited, &error));
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_DUPLICATE);

  g_assert_cmpuint (fixture->items_changed, ==, 0);
  shown = timepoint_at (fixture->study, 1);
  g_assert_cmpstr (trellis_timepoint_get_code (shown), ==, "T2");
}

static void
test_remove_timepoint (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(TrellisTimepoint) t2 = timepoint_at (fixture->study, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *codes = NULL;

  g_assert_true (trellis_study_remove_timepoint (fixture->study, t2, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (fixture->items_changed, >=, 1);
  codes = model_codes (fixture->study);
  g_assert_cmpstr (codes, ==, "T1 T3 T4");

  /* Removing it again finds nothing to remove. */
  g_assert_false (trellis_study_remove_timepoint (fixture->study, t2, &error));
  g_assert_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_CONSTRAINT);
}

static void
test_remove_last_refused (Fixture       *fixture,
                          gconstpointer  user_data)
{
  GListModel *model = trellis_study_get_timepoints (fixture->study);
  g_autoptr(TrellisTimepoint) last = NULL;
  g_autoptr(GError) error = NULL;
  gint64 audit_count;

  while (g_list_model_get_n_items (model) > 1)
    {
      g_autoptr(TrellisTimepoint) tp = g_list_model_get_item (model, 0);

      g_assert_true (trellis_study_remove_timepoint (fixture->study, tp, &error));
      g_assert_no_error (error);
    }

  last = g_list_model_get_item (model, 0);
  g_assert_cmpstr (trellis_timepoint_get_code (last), ==, "T4");
  audit_count = trellis_study_get_audit_count (fixture->study);
  fixture->items_changed = 0;

  g_assert_false (trellis_study_remove_timepoint (fixture->study, last, &error));
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID);

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_cmpuint (fixture->items_changed, ==, 0);
  g_assert_cmpint (trellis_study_get_audit_count (fixture->study), ==, audit_count);
}

static void
test_title_notify (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *property = NULL;
  guint title_notifies = 0;

  g_signal_connect (fixture->study, "notify::title", G_CALLBACK (count_notify), &title_notifies);

  g_assert_true (trellis_study_set_title (fixture->study, "  Resilience coaching\r\nfor midwives ", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (title_notifies, ==, 1);
  g_assert_cmpstr (trellis_study_get_title (fixture->study), ==, "Resilience coaching for midwives");
  g_object_get (fixture->study, "title", &property, NULL);
  g_assert_cmpstr (property, ==, "Resilience coaching for midwives");

  /* A refused title changes nothing and says nothing changed. */
  g_assert_false (trellis_study_set_title (fixture->study, " ", &error));
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID);
  g_assert_cmpuint (title_notifies, ==, 1);
  g_assert_cmpstr (trellis_study_get_title (fixture->study), ==, "Resilience coaching for midwives");
}

/* Saving the title a study already has is not a change: no audit row, no notify. */
static void
test_title_unchanged (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  guint title_notifies = 0;
  gint64 audit_count;

  g_assert_true (trellis_study_set_title (fixture->study, "Resilience coaching", &error));
  g_assert_no_error (error);
  audit_count = trellis_study_get_audit_count (fixture->study);
  g_signal_connect (fixture->study, "notify::title", G_CALLBACK (count_notify), &title_notifies);

  g_assert_true (trellis_study_set_title (fixture->study, " Resilience coaching ", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (title_notifies, ==, 0);
  g_assert_cmpint (trellis_study_get_audit_count (fixture->study), ==, audit_count);
}

/* Changes are in the file, not only in the models: they survive a reopen. */
static void
test_reopen (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(TrellisTimepoint) tp = trellis_timepoint_new ("T5", "Six-month follow-up", 182, 168, 196);
  g_autoptr(GError) error = NULL;
  g_autofree char *codes = NULL;

  g_assert_true (trellis_study_set_title (fixture->study, "Renamed", &error));
  g_assert_no_error (error);
  g_assert_true (trellis_study_add_timepoint (fixture->study, tp, &error));
  g_assert_no_error (error);
  g_clear_object (&fixture->study);

  fixture->study = trellis_study_open (fixture->folder.path, TRELLIS_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (trellis_study_get_title (fixture->study), ==, "Renamed");
  codes = model_codes (fixture->study);
  g_assert_cmpstr (codes, ==, "T1 T2 T3 T4 T5");
  /* The 20 rows of a new study, then the rename and the new timepoint. */
  g_assert_cmpint (trellis_study_get_audit_count (fixture->study), ==, 20 + 2);
}

static void
on_async_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

/* Opening and copying run in a worker thread and report back on the main loop. */
static void
test_async_open_and_copy (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autofree char *copy_path = g_build_filename (fixture->folder.dir, "async-copy.trellis", NULL);
  g_autoptr(GAsyncResult) opened = NULL;
  g_autoptr(GAsyncResult) copied = NULL;
  g_autoptr(TrellisStudy) copy = NULL;
  g_autoptr(TrellisStudy) reader = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (trellis_study_set_title (fixture->study, "Copied in the background", &error));
  g_assert_no_error (error);

  trellis_study_save_copy_async (fixture->study, copy_path, NULL, on_async_done, &copied);
  g_assert_true (trellis_study_save_copy_finish (fixture->study, wait_for_result (&copied), &error));
  g_assert_no_error (error);

  trellis_study_open_async (copy_path, TRELLIS_OPEN_FLAGS_NONE, NULL, on_async_done, &opened);
  copy = trellis_study_open_finish (wait_for_result (&opened), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (trellis_study_get_title (copy), ==, "Copied in the background");
  g_clear_object (&opened);

  /* A failure arrives the same way, as a GError naming the file. */
  trellis_study_open_async (copy_path, TRELLIS_OPEN_FLAGS_NONE, NULL, on_async_done, &opened);
  reader = trellis_study_open_finish (wait_for_result (&opened), &error);
  g_assert_null (reader);
  g_assert_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_LOCKED);
  g_assert_nonnull (strstr (error->message, "async-copy.trellis"));
}

/* A cancelled open does none of the work: the caller hears G_IO_ERROR_CANCELLED
 * and the file is not claimed, even while the caller still holds the result,
 * so a writer can open it straight away. */
static void
test_async_open_cancelled (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) opened = NULL;
  g_autoptr(TrellisStudy) study = NULL;
  g_autoptr(TrellisStudy) writer = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_object (&fixture->study);
  g_cancellable_cancel (cancellable);

  trellis_study_open_async (fixture->folder.path, TRELLIS_OPEN_FLAGS_NONE, cancellable, on_async_done, &opened);
  study = trellis_study_open_finish (wait_for_result (&opened), &error);
  g_assert_null (study);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  writer = trellis_study_open (fixture->folder.path, TRELLIS_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_false (trellis_study_is_read_only (writer));
}

/* A cancelled copy writes nothing at all. */
static void
test_async_copy_cancelled (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autofree char *copy_path = g_build_filename (fixture->folder.dir, "cancelled-copy.trellis", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) copied = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  trellis_study_save_copy_async (fixture->study, copy_path, cancellable, on_async_done, &copied);
  g_assert_false (trellis_study_save_copy_finish (fixture->study, wait_for_result (&copied), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* Not even a temporary file on the way to it. */
  g_assert_false (g_file_test (copy_path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (trellis_test_count_files_containing (fixture->folder.dir, "cancelled-copy"), ==, 0);
}

static void
test_save_copy (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autofree char *copy_path = g_build_filename (fixture->folder.dir, "copy.trellis", NULL);
  g_autoptr(TrellisStudy) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *codes = NULL;

  g_assert_true (trellis_study_set_title (fixture->study, "Resilience coaching (pilot)", &error));
  g_assert_no_error (error);

  /* Saved while the study is open, then opened while it still is. */
  g_assert_true (trellis_study_save_copy (fixture->study, copy_path, &error));
  g_assert_no_error (error);

  copy = trellis_study_open (copy_path, TRELLIS_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (trellis_study_get_path (copy), ==, copy_path);
  g_assert_cmpstr (trellis_study_get_title (copy), ==, "Resilience coaching (pilot)");
  g_assert_cmpstr (trellis_study_get_created (copy), ==, trellis_study_get_created (fixture->study));
  codes = model_codes (copy);
  g_assert_cmpstr (codes, ==, "T1 T2 T3 T4");
  g_assert_cmpint (trellis_database_get_schema_version (trellis_study_get_database (copy)), ==,
                   TRELLIS_SCHEMA_VERSION);
  g_assert_cmpint (trellis_study_get_audit_count (copy), ==, trellis_study_get_audit_count (fixture->study));
  g_assert_true (trellis_audit_verify (trellis_study_get_database (copy), &error));
  g_assert_no_error (error);

  /* The copy is a study of its own: changing it leaves the original alone. */
  g_assert_true (trellis_study_set_title (copy, "The copy", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (trellis_study_get_title (fixture->study), ==, "Resilience coaching (pilot)");
}

static void
test_save_copy_refuses_overwrite (Fixture       *fixture,
                                  gconstpointer  user_data)
{
  g_autofree char *copy_path = g_build_filename (fixture->folder.dir, "copy.trellis", NULL);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;

  trellis_test_write_file (copy_path, "Someone else's notes\n", -1);
  before = trellis_test_read_bytes (copy_path);

  g_assert_false (trellis_study_save_copy (fixture->study, copy_path, &error));
  g_assert_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "copy.trellis"));
  g_clear_error (&error);
  after = trellis_test_read_bytes (copy_path);
  g_assert_true (g_bytes_equal (before, after));

  /* Nor over the study itself. */
  g_clear_pointer (&before, g_bytes_unref);
  g_clear_pointer (&after, g_bytes_unref);
  before = trellis_test_read_bytes (fixture->folder.path);
  g_assert_false (trellis_study_save_copy (fixture->study, fixture->folder.path, &error));
  g_assert_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_EXISTS);
  after = trellis_test_read_bytes (fixture->folder.path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_cmpstr (trellis_study_get_title (fixture->study), ==, "Resilience coaching");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, func) \
  g_test_add ("/trellis/storage/study/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("create", test_create);
  ADD ("add-timepoint", test_add_timepoint);
  ADD ("add-in-day-order", test_add_in_day_order);
  ADD ("add-refused", test_add_refused);
  ADD ("update-timepoint", test_update_timepoint);
  ADD ("update-refused", test_update_refused);
  ADD ("remove-timepoint", test_remove_timepoint);
  ADD ("remove-last-refused", test_remove_last_refused);
  ADD ("title-notify", test_title_notify);
  ADD ("title-unchanged", test_title_unchanged);
  ADD ("reopen", test_reopen);
  ADD ("save-copy", test_save_copy);
  ADD ("async-open-and-copy", test_async_open_and_copy);
  ADD ("async-open-cancelled", test_async_open_cancelled);
  ADD ("async-copy-cancelled", test_async_copy_cancelled);
  ADD ("save-copy-refuses-overwrite", test_save_copy_refuses_overwrite);

#undef ADD

  return g_test_run ();
}
