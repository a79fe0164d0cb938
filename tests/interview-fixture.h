/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "demo-fixture.h"
#include "trellis-interview-store.h"

/* Interviews on the demo study through the store, for the storage tests
 * that need draws, picks and bookings to read back. */

/* The participant of the pick at sequence @n (from 1) of the draw. */
G_GNUC_UNUSED static gint64
interview_fixture_pick (TrellisDatabase *db,
                        gint64           draw_id,
                        guint            n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisStoredDraw) stored = trellis_interview_store_get_draw (db, draw_id, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (n, >=, 1);
  g_assert_cmpuint (n, <=, stored->picks->len);
  return g_array_index (stored->picks, TrellisStoredPick, n - 1).participant_id;
}

/* Books an hour's video call on 12 June 2025 (London time), as on the demo's
 * last day, and returns the warnings the booking gave. */
G_GNUC_UNUSED static GPtrArray *
interview_fixture_book (TrellisDatabase *db,
                        gint64           participant_id,
                        const char      *interviewer,
                        int              hour)
{
  TrellisScheduleRequest request = {
    .interviewer = interviewer, .hour = hour, .zone = "Europe/London", .minutes = 60,
    .mode = "video_call", .recorded = -1, .today = demo_fixture_today (), .now = 0,
  };
  g_autoptr(GError) error = NULL;
  GPtrArray *warnings = NULL;

  g_date_clear (&request.date, 1);
  g_date_set_dmy (&request.date, 12, G_DATE_JUNE, 2025);
  g_assert_true (trellis_interview_store_schedule (db, participant_id, &request, NULL, &warnings, NULL, &error));
  g_assert_no_error (error);
  return warnings;
}
