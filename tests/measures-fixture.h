/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "register-fixture.h"
#include "trellis-audit-coverage.h"
#include "trellis-study-measures.h"
#include "trellis-study-register.h"
#include "trellis-timepoint.h"

/* What the data-collection store tests share, on top of the register's
 * fixture: a participant with a baseline, their intervention events, the
 * default plan's timepoints by code, and a Brief Resilience Scale form saved
 * in one call. Every test pins today with TRELLIS_TODAY, so that "in the
 * future" means the same on any day. */

#define MEASURES_TODAY "2024-06-30"

#define U TRELLIS_ITEM_UNANSWERED

/* The timepoint of the default plan with that code. */
G_GNUC_UNUSED static gint64
timepoint_id (Fixture    *fixture,
              const char *code)
{
  GListModel *plan = trellis_study_get_timepoints (fixture->study);

  for (guint i = 0; i < g_list_model_get_n_items (plan); i++)
    {
      g_autoptr(TrellisTimepoint) tp = g_list_model_get_item (plan, i);

      if (g_strcmp0 (trellis_timepoint_get_code (tp), code) == 0)
        return trellis_timepoint_get_id (tp);
    }
  g_error ("no timepoint %s in the plan", code);
}

G_GNUC_UNUSED static void
record_event (Fixture       *fixture,
              gint64         participant_id,
              TrellisAnchor  kind,
              const char    *date)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (trellis_study_record_event (fixture->study, participant_id, kind, date, &error));
  g_assert_no_error (error);
}

/* A participant with a baseline on 1 March 2024, the workshop on 5 March and
 * the coaching call on 20 March; returns their id. */
G_GNUC_UNUSED static gint64
add_scheduled_participant (Fixture    *fixture,
                           gint64      cohort_id,
                           const char *code)
{
  gint64 id = add_participant (fixture, code, cohort_id, "2024-03-01");

  record_event (fixture, id, TRELLIS_ANCHOR_WORKSHOP, "2024-03-05");
  record_event (fixture, id, TRELLIS_ANCHOR_COACHING, "2024-03-20");
  return id;
}

/* Saves a form with the Brief Resilience Scale's six answers (U for blank),
 * or only the date when values is NULL. */
G_GNUC_UNUSED static gboolean
save_brs (Fixture     *fixture,
          gint64       participant_id,
          const char  *timepoint,
          const char  *date,
          const int   *values,
          GError     **error)
{
  g_autoptr(TrellisVisitAnswers) answers =
    trellis_visit_answers_new (participant_id, timepoint_id (fixture, timepoint));

  trellis_visit_answers_set_date (answers, date);
  if (values != NULL)
    trellis_visit_answers_set_values (answers, "BRS", values, 6);
  return trellis_study_save_visit (fixture->study, answers, error);
}

G_GNUC_UNUSED static void
assert_saved_brs (Fixture    *fixture,
                  gint64      participant_id,
                  const char *timepoint,
                  const char *date,
                  const int  *values)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (save_brs (fixture, participant_id, timepoint, date, values, &error));
  g_assert_no_error (error);
}

/* The file passes `trellis-cli check`: every audited row matches its last
 * audit row, and the chain is whole. */
G_GNUC_UNUSED static void
assert_covered (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  assert_verifies (fixture);
  g_assert_true (trellis_audit_verify_coverage (fixture->db, &error));
  g_assert_no_error (error);
}

/* A hash of every row of the file, to show that a refusal changed nothing. */
G_GNUC_UNUSED static char *
dump_hash (Fixture *fixture)
{
  g_autofree char *dump = dump_study (fixture);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, dump, -1);
}

G_GNUC_UNUSED static void
measures_set_up (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_setenv ("TRELLIS_TODAY", MEASURES_TODAY, TRUE);
  fixture_set_up (fixture, user_data);
}
