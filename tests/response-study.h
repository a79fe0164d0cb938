/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "trellis-cohort.h"
#include "trellis-database-private.h"
#include "trellis-study.h"
#include "trellis-study-measures.h"
#include "trellis-study-register.h"

/* The study the response tests work on, for the unit and the cli tests:
 * one cohort, participants P001 to P004 (P004 withdrawn), the built-in Brief
 * Resilience Scale and two instruments of our own: CONF, six 0–10 items
 * averaged from four answered, and KNOW, four test questions counted correct
 * from three answered. Header-only, so the tests need no extra library. */

G_GNUC_UNUSED static TrellisInstrument *
response_fixture_confidence (guint n_items)
{
  TrellisInstrument *instrument = trellis_instrument_new ("CONF", "Confidence in coping with adverse events",
                                                          TRELLIS_SCORING_MEAN, (int) (n_items * 2 / 3));

  for (guint i = 0; i < n_items; i++)
    {
      g_autofree char *code = g_strdup_printf ("CONF%u", i + 1);
      g_autofree char *text = g_strdup_printf ("Confidence, situation %u", i + 1);
      g_autoptr(TrellisItem) item = trellis_item_new (code, text, TRELLIS_ITEM_INTEGER, 0, 10);

      trellis_item_set_position (item, (int) i);
      trellis_instrument_add_item (instrument, item);
    }
  return instrument;
}

G_GNUC_UNUSED static TrellisInstrument *
response_fixture_knowledge (guint n_items)
{
  TrellisInstrument *instrument = trellis_instrument_new ("KNOW", "Knowledge test", TRELLIS_SCORING_CORRECT,
                                                          (int) (n_items * 3 / 4));

  for (guint i = 0; i < n_items; i++)
    {
      g_autofree char *code = g_strdup_printf ("KNOW%u", i + 1);
      g_autofree char *text = g_strdup_printf ("Question %u", i + 1);
      g_autoptr(TrellisItem) item = trellis_item_new (code, text, TRELLIS_ITEM_CORRECT, 1, 4);

      trellis_item_set_correct (item, (int) (i % 4) + 1);
      trellis_item_set_position (item, (int) i);
      trellis_instrument_add_item (instrument, item);
    }
  return instrument;
}

G_GNUC_UNUSED static void
response_fixture_fill (TrellisStudy *study)
{
  g_autoptr(TrellisCohort) cohort = trellis_cohort_new ();
  g_autoptr(TrellisInstrument) confidence = response_fixture_confidence (6);
  g_autoptr(TrellisInstrument) knowledge = response_fixture_knowledge (4);
  g_autoptr(GError) error = NULL;
  gint64 withdrawn;

  trellis_cohort_set_name (cohort, "Midwives");
  trellis_cohort_set_profession_id (cohort, 1);
  g_assert_true (trellis_study_create_cohort (study, cohort, &error));
  g_assert_no_error (error);
  for (guint i = 1; i <= 4; i++)
    {
      g_autofree char *code = g_strdup_printf ("P%03u", i);

      g_assert_cmpint (trellis_study_add_participant (study, code, trellis_cohort_get_id (cohort), "2025-01-06",
                                                      &error), >, 0);
      g_assert_no_error (error);
    }
  withdrawn = trellis_study_lookup_participant (study, "P004", &error);
  g_assert_no_error (error);
  g_assert_cmpint (trellis_study_record_withdrawal (study, withdrawn, TRELLIS_WITHDRAWAL_NO_FURTHER_DATA,
                                                   "2025-01-20", "Moved away", &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (trellis_study_add_instrument (study, confidence, &error));
  g_assert_no_error (error);
  g_assert_true (trellis_study_add_instrument (study, knowledge, &error));
  g_assert_no_error (error);
}

/* Every answer sheet with its participant, timepoint, date and instrument,
 * one line each, in a fixed order: what two studies must agree on to hold
 * the same answers. */
G_GNUC_UNUSED static char *
response_fixture_sheets (TrellisDatabase *db)
{
  sqlite3_stmt *stmt = trellis_database_prepare (db,
      "SELECT p.code || ' ' || t.code || ' ' || v.completed_date || ' ' || i.code || ' ' || s.answers"
      " || ' ' || s.answered || ' ' || coalesce (s.score, 'NULL') || ' ' || s.rule_version"
      " FROM answer_sheet AS s JOIN visit AS v ON v.id = s.visit_id"
      " JOIN participant AS p ON p.id = v.participant_id JOIN timepoint_def AS t ON t.id = v.timepoint_id"
      " JOIN instrument AS i ON i.id = s.instrument_id ORDER BY p.code, t.position, i.position", NULL);
  GString *out = g_string_new (NULL);

  g_assert_nonnull (stmt);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (out, "%s\n", sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return g_string_free (out, FALSE);
}
