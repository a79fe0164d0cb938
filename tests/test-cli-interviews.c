/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <libical/ical.h>

#include "cli-test-utils.h"
#include "demo-fixture.h"

/* trellis-cli eligible, select, verify-draw, replace and draws on the
 * default demo study, decided as on the demo's last day. */

#define SEED "20250512"

static CliRun *
select_23 (const char *path)
{
  CliRun *run = run_cli ("select", path, "--total", "23", "--seed", SEED, "--timepoint", "T4",
                         "--today", TRELLIS_DEMO_STUDY_AS_OF, NULL);

  g_assert_cmpstr (run->err, ==, "");
  g_assert_cmpint (run->status, ==, 0);
  return run;
}

/* The lines of the picks, from “Picks, in draw order:” on. */
static const char *
picks_part (const char *out)
{
  const char *picks = strstr (out, "Picks, in draw order:");

  g_assert_nonnull (picks);
  return picks;
}

static void
test_eligible (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(CliRun) run = NULL;
  g_autoptr(CliRun) completed = NULL;
  g_autoptr(CliRun) bad = NULL;

  if (!have_cli_on_demo (fixture))
    return;
  run = run_cli ("eligible", fixture->path, "--timepoint", "T4", "--today", TRELLIS_DEMO_STUDY_AS_OF, NULL);
  g_assert_cmpint (run->status, ==, 0);
  assert_matches ("^Rule: rule=1;timepoint=T4;reached=completed-or-due;video=yes$", run->out);
  assert_matches ("^Eligible on " TRELLIS_DEMO_STUDY_AS_OF ": [0-9]+$", run->out);
  assert_matches ("^  Midwives \\([0-9]+\\): P0", run->out);
  assert_matches ("^Not eligible: [0-9]+$", run->out);
  assert_matches ("^  [0-9]+: Withdrawn$", run->out);

  completed = run_cli ("eligible", fixture->path, "--timepoint", "T4", "--reached", "completed", "--video", "no",
                       "--today", TRELLIS_DEMO_STUDY_AS_OF, NULL);
  g_assert_cmpint (completed->status, ==, 0);
  assert_matches ("^Rule: rule=1;timepoint=T4;reached=completed;video=no$", completed->out);

  bad = run_cli ("eligible", fixture->path, "--reached", "soon", NULL);
  g_assert_cmpint (bad->status, ==, 2);
}

/* The same seed on two copies of the demo draws the same 23, and the draw
 * verifies. */
static void
test_select_reproduces (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *other = fixture_path (fixture, "other.trellis");
  g_autoptr(CliRun) first = NULL;
  g_autoptr(CliRun) second = NULL;
  g_autoptr(CliRun) verify = NULL;
  g_autoptr(CliRun) draws = NULL;

  if (!have_cli_on_demo (fixture))
    return;
  demo_fixture_create_closed (other, "Demo");
  first = select_23 (fixture->path);
  second = select_23 (other);
  assert_matches ("^Draw 1, made ", first->out);
  assert_matches ("^Seed: " SEED "$", first->out);
  assert_matches ("^Eligible-list SHA-256: [0-9a-f]{64}$", first->out);
  assert_matches ("^Quotas \\(proportional, total 23\\): Mammographers [0-9]+, Midwives", first->out);
  assert_matches ("^ +23  P0[0-9][0-9] +[A-Z]", first->out);
  g_assert_cmpstr (picks_part (first->out), ==, picks_part (second->out));

  verify = run_cli ("verify-draw", fixture->path, "1", NULL);
  g_assert_cmpint (verify->status, ==, 0);
  assert_matches ("^Draw 1 matches: ", verify->out);
  draws = run_cli ("draws", fixture->path, NULL);
  g_assert_cmpint (draws->status, ==, 0);
  assert_matches ("^Picks: 23, of which replacements: 0$", draws->out);
  g_assert_null (strstr (draws->out, "Picks, in draw order"));
  assert_check_passes (fixture->path);
}

static void
test_verify_tampered (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(CliRun) selected = NULL;
  g_autoptr(CliRun) pick = NULL;
  g_autoptr(CliRun) seed = NULL;
  g_autoptr(CliRun) missing = NULL;

  if (!have_cli_on_demo (fixture))
    return;
  selected = select_23 (fixture->path);
  trellis_test_sqlite_exec_file (fixture->path,
      "DROP TRIGGER interview_pick_no_update;"
      "UPDATE interview_pick SET participant_id = (SELECT participant_id FROM interview_eligible"
      "  WHERE cohort = interview_pick.cohort AND participant_id NOT IN (SELECT participant_id FROM interview_pick)"
      "  LIMIT 1) WHERE sequence = 3;");
  pick = run_cli ("verify-draw", fixture->path, "1", NULL);
  g_assert_cmpint (pick->status, ==, 1);
  assert_matches ("^Draw 1 does not match: .*3", pick->out);

  trellis_test_sqlite_exec_file (fixture->path,
      "UPDATE interview_pick SET participant_id = (SELECT participant_id FROM interview AS i"
      "  WHERE i.pick_id = interview_pick.id) WHERE sequence = 3;"
      "DROP TRIGGER interview_draw_no_update;"
      "UPDATE interview_draw SET seed = '20250513';");
  seed = run_cli ("verify-draw", fixture->path, "1", NULL);
  g_assert_cmpint (seed->status, ==, 1);
  assert_matches ("^Draw 1 does not match: ", seed->out);

  missing = run_cli ("verify-draw", fixture->path, "7", NULL);
  g_assert_cmpint (missing->status, !=, 0);
  g_assert_nonnull (strstr (missing->err, "no draw 7"));
}

/* Replacements come from the same cohort, continue the stream (so a second
 * copy replaced the same way gives the same people) and never repeat anyone. */
static void
test_replace (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(CliRun) selected = NULL;
  g_autoptr(CliRun) replaced = NULL;
  g_autoptr(CliRun) again = NULL;
  g_autoptr(CliRun) dna = NULL;
  g_autoptr(CliRun) verify = NULL;
  g_autoptr(CliRun) bad = NULL;
  g_autofree char *first_code = NULL;
  const char *line;

  if (!have_cli_on_demo (fixture))
    return;
  selected = select_23 (fixture->path);
  line = strstr (picks_part (selected->out), "\n    1  ");
  g_assert_nonnull (line);
  first_code = g_strndup (line + 8, 4);

  replaced = run_cli ("replace", fixture->path, "1", first_code, "--reason", "declined", NULL);
  g_assert_cmpstr (replaced->err, ==, "");
  g_assert_cmpint (replaced->status, ==, 0);
  assert_matches ("^Recorded P0[0-9]+ as Declined; replacement, pick 24 of draw 1: P0[0-9]+ \\(Mammographers\\)$",
                  replaced->out);
  again = run_cli ("replace", fixture->path, "1", first_code, "--reason", "declined", NULL);
  g_assert_cmpint (again->status, ==, 1);
  g_assert_nonnull (strstr (again->err, "already replaced"));
  dna = run_cli ("replace", fixture->path, "1", "P032", "--reason", "did-not-attend", NULL);
  g_assert_cmpint (dna->status, ==, 1);
  bad = run_cli ("replace", fixture->path, "1", "P032", "--reason", "coded", NULL);
  g_assert_cmpint (bad->status, ==, 2);

  verify = run_cli ("verify-draw", fixture->path, "1", NULL);
  g_assert_cmpint (verify->status, ==, 0);
  assert_matches ("same 24 picks", verify->out);
  g_assert_cmpint (study_int (fixture, "SELECT count(DISTINCT participant_id) FROM interview_pick"), ==, 24);
  g_assert_cmpint (study_int (fixture, "SELECT count(*) FROM interview WHERE status = 'declined'"), ==, 1);
  assert_check_passes (fixture->path);
}

/* The code of the pick at sequence n of draw 1. */
static char *
pick_code (Fixture *fixture,
           guint    n)
{
  sqlite3 *handle = trellis_test_sqlite_open (fixture->path, SQLITE_OPEN_READONLY);
  g_autofree char *sql = g_strdup_printf ("SELECT p.code FROM interview_pick AS k JOIN participant AS p"
                                          " ON p.id = k.participant_id WHERE k.draw_id = 1 AND k.sequence = %u", n);
  char *code = trellis_test_sqlite_text (handle, sql);

  g_assert_cmpint (sqlite3_close (handle), ==, SQLITE_OK);
  return code;
}

static CliRun *
schedule_at (Fixture    *fixture,
             const char *code,
             const char *at,
             const char *extra)
{
  return run_cli ("schedule", fixture->path, code, "--interviewer", "Ann Lee", "--at", at,
                  "--zone", "Europe/London", "--today", TRELLIS_DEMO_STUDY_AS_OF, extra, NULL);
}

/* Clocks going forward skip 01:30 on 30 March 2025 in London; going back,
 * 01:30 on 26 October happens twice and needs --earlier or --later. */
static void
test_schedule_dst (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(CliRun) selected = NULL;
  g_autoptr(CliRun) gap = NULL;
  g_autoptr(CliRun) twice = NULL;
  g_autoptr(CliRun) earlier = NULL;
  g_autoptr(CliRun) later = NULL;
  g_autoptr(CliRun) both = NULL;
  g_autofree char *first = NULL, *second = NULL;

  if (!have_cli_on_demo (fixture))
    return;
  selected = select_23 (fixture->path);
  first = pick_code (fixture, 1);
  second = pick_code (fixture, 2);

  gap = schedule_at (fixture, first, "2025-03-30 01:30", NULL);
  g_assert_cmpint (gap->status, ==, 1);
  g_assert_nonnull (strstr (gap->err, "does not exist in Europe/London"));
  twice = schedule_at (fixture, first, "2025-10-26 01:30", NULL);
  g_assert_cmpint (twice->status, ==, 1);
  g_assert_nonnull (strstr (twice->err, "happens twice in Europe/London"));
  g_assert_nonnull (strstr (twice->err, "BST"));
  g_assert_nonnull (strstr (twice->err, "GMT"));
  g_assert_nonnull (strstr (twice->err, "--earlier"));
  g_assert_nonnull (strstr (twice->err, "--later"));
  g_assert_cmpint (study_int (fixture, "SELECT count(*) FROM interview WHERE status = 'scheduled'"), ==, 0);

  earlier = schedule_at (fixture, first, "2025-10-26 01:30", "--earlier");
  g_assert_cmpint (earlier->status, ==, 0);
  later = schedule_at (fixture, second, "2025-10-26 01:30", "--later");
  g_assert_cmpint (later->status, ==, 0);
  g_assert_cmpint (study_int (fixture, "SELECT count(*) FROM interview WHERE start_utc = '2025-10-26T00:30:00Z'"
                                       " AND time_zone = 'Europe/London'"), ==, 1);
  g_assert_cmpint (study_int (fixture, "SELECT count(*) FROM interview WHERE start_utc = '2025-10-26T01:30:00Z'"), ==, 1);
  /* An hour apart, so the same interviewer is not double-booked. */
  g_assert_null (strstr (later->out, "is also interviewing"));
  both = run_cli ("schedule", fixture->path, first, "--interviewer", "A", "--at", "2025-10-26 01:30",
                  "--zone", "Europe/London", "--earlier", "--later", NULL);
  g_assert_cmpint (both->status, ==, 2);
  assert_check_passes (fixture->path);
}

/* Without interview consent nothing is booked; without video consent a
 * recorded interview is not, but an unrecorded one is. */
static void
test_schedule_consent (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(CliRun) drawn = NULL;
  g_autoptr(CliRun) consent = NULL;
  g_autoptr(CliRun) refused = NULL;
  g_autoptr(CliRun) video = NULL;
  g_autoptr(CliRun) unrecorded = NULL;
  g_autofree char *first = NULL;
  g_autofree char *no_video = NULL;
  sqlite3 *handle;

  if (!have_cli_on_demo (fixture))
    return;
  drawn = run_cli ("select", fixture->path, "--total", "30", "--seed", SEED, "--video", "no",
                   "--today", TRELLIS_DEMO_STUDY_AS_OF, NULL);
  g_assert_cmpint (drawn->status, ==, 0);
  first = pick_code (fixture, 1);
  handle = trellis_test_sqlite_open (fixture->path, SQLITE_OPEN_READONLY);
  no_video = trellis_test_sqlite_text (handle,
      "SELECT p.code FROM interview_pick AS k JOIN participant AS p ON p.id = k.participant_id"
      " WHERE json_extract ((SELECT answers FROM consent WHERE participant_id = p.id"
      "  ORDER BY consent_date DESC, id DESC LIMIT 1), '$.video') IS NOT 1 ORDER BY k.sequence LIMIT 1");
  g_assert_cmpint (sqlite3_close (handle), ==, SQLITE_OK);
  g_assert_nonnull (no_video);

  consent = run_cli ("consent", "record", fixture->path, first, "--version", "v1.1", "--date", "2025-10-30",
                     "--taken-by", "Ann Lee", "--decline", "interview,video", NULL);
  g_assert_cmpint (consent->status, ==, 0);
  refused = schedule_at (fixture, first, "2025-11-20 10:00", NULL);
  g_assert_cmpint (refused->status, ==, 1);
  g_assert_nonnull (strstr (refused->err, first));
  g_assert_nonnull (strstr (refused->err, "Interview"));

  video = schedule_at (fixture, no_video, "2025-11-20 10:00", "--recorded=yes");
  g_assert_cmpint (video->status, ==, 1);
  g_assert_nonnull (strstr (video->err, no_video));
  g_assert_nonnull (strstr (video->err, "Video recording"));
  g_assert_cmpint (study_int (fixture, "SELECT count(*) FROM interview WHERE status = 'scheduled'"), ==, 0);

  unrecorded = schedule_at (fixture, no_video, "2025-11-20 10:00", "--recorded=no");
  g_assert_cmpint (unrecorded->status, ==, 0);
  g_assert_cmpint (study_int (fixture, "SELECT count(*) FROM interview WHERE status = 'scheduled' AND recorded = 0"), ==, 1);
  assert_check_passes (fixture->path);
}

/* Conflicts are warnings, printed and kept: the same interviewer twice at
 * once, a time past, a date outside the participant's window. */
static void
test_schedule_conflicts (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(CliRun) selected = NULL;
  g_autoptr(CliRun) one = NULL;
  g_autoptr(CliRun) two = NULL;
  g_autofree char *first = NULL, *second = NULL;

  if (!have_cli_on_demo (fixture))
    return;
  selected = select_23 (fixture->path);
  first = pick_code (fixture, 1);
  second = pick_code (fixture, 2);
  one = schedule_at (fixture, first, "2025-05-12 14:00", NULL);
  g_assert_cmpint (one->status, ==, 0);
  assert_matches ("^Warning: Booked for Mon 12 May 2025, 14:00 BST, which has passed: ", one->out);
  assert_matches ("^Warning: [0-9]+ days before the participant’s interview window opens on [A-Z][a-z]{2} [0-9]+ [A-Z][a-z]{2} 2025$",
                  one->out);
  g_assert_null (strstr (one->out, "is also interviewing"));
  two = run_cli ("schedule", fixture->path, second, "--interviewer", "ann lee", "--at", "2025-05-12 14:30",
                 "--zone", "Europe/London", "--minutes", "45", "--mode", "telephone", NULL);
  g_assert_cmpint (two->status, ==, 0);
  /* The other participant is named by draw and pick, not by code: the
   * warning is kept with the interview, in the audit trail too. */
  assert_matches ("^Warning: ann lee is also interviewing pick 1 of draw 1 at Mon 12 May 2025, 14:00 BST \\(60 minutes\\)$",
                  two->out);
  g_assert_null (strstr (two->out, first));
  g_assert_cmpint (study_int (fixture, "SELECT count(*) FROM interview WHERE warnings LIKE '%is also interviewing%'"), ==, 1);
  g_assert_cmpint (study_int (fixture, "SELECT count(*) FROM audit WHERE table_name = 'interview'"
                                       " AND new_value LIKE '%also interviewing pick 1 of draw 1%'"), ==, 1);
  g_assert_cmpint (study_int (fixture, "SELECT planned_minutes FROM interview WHERE mode = 'telephone'"), ==, 45);
  assert_check_passes (fixture->path);
}

/* The pipeline through the CLI, with the transcript's hash and who
 * anonymised it. */
static void
test_status_and_transcript (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *transcript = fixture_path (fixture, "transcript.txt");
  g_autoptr(CliRun) selected = NULL;
  g_autoptr(CliRun) early = NULL;
  g_autoptr(CliRun) booked = NULL;
  g_autoptr(CliRun) done = NULL;
  g_autoptr(CliRun) attached = NULL;
  g_autoptr(CliRun) anonymised = NULL;
  g_autoptr(CliRun) backwards = NULL;
  g_autofree char *first = NULL;
  sqlite3 *handle;
  g_autofree char *stored = NULL;

  if (!have_cli_on_demo (fixture))
    return;
  selected = select_23 (fixture->path);
  first = pick_code (fixture, 1);
  trellis_test_write_file (transcript, "Interviewer: Thank you for joining.\n", -1);
  early = run_cli ("interview", "transcript", fixture->path, first, transcript, NULL);
  g_assert_cmpint (early->status, ==, 1);
  booked = schedule_at (fixture, first, "2025-11-20 10:00", NULL);
  g_assert_cmpint (booked->status, ==, 0);
  done = run_cli ("interview", "status", fixture->path, first, "done", "--minutes", "63", NULL);
  g_assert_cmpint (done->status, ==, 0);
  attached = run_cli ("interview", "transcript", fixture->path, first, transcript, NULL);
  g_assert_cmpint (attached->status, ==, 0);
  assert_matches ("SHA-256 e2d30646c3517a39da03bd7d900c488268f81b33a64067349d7750330c21e684", attached->out);
  anonymised = run_cli ("interview", "status", fixture->path, first, "anonymised", "--anonymised-by", "Bo Chen", NULL);
  g_assert_cmpint (anonymised->status, ==, 0);
  backwards = run_cli ("interview", "status", fixture->path, first, "scheduled", NULL);
  g_assert_cmpint (backwards->status, ==, 1);

  handle = trellis_test_sqlite_open (fixture->path, SQLITE_OPEN_READONLY);
  stored = trellis_test_sqlite_text (handle, "SELECT status || ' ' || actual_minutes || ' ' || transcript_path || ' '"
                                             " || transcript_sha256 || ' ' || anonymised_by FROM interview"
                                             " WHERE anonymised_at IS NOT NULL");
  g_assert_cmpint (trellis_test_sqlite_int (handle, "SELECT count(*) FROM audit WHERE table_name = 'interview'"
                                                    " AND action = 'update'"), ==, 4);
  g_assert_cmpint (sqlite3_close (handle), ==, SQLITE_OK);
  g_assert_true (g_str_has_prefix (stored, "anonymised 63 /"));
  g_assert_nonnull (strstr (stored, "transcript.txt e2d30646c351"));
  g_assert_true (g_str_has_suffix (stored, " Bo Chen"));
  assert_check_passes (fixture->path);
}

/* trellis-cli interviews: the list with each booking's local time and
 * conflicts, filters, the pipeline counts per cohort, and CSV whose cells
 * cannot run as spreadsheet formulas. */
static void
test_interviews_list (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(CliRun) selected = NULL, one = NULL, two = NULL, declined = NULL;
  g_autoptr(CliRun) list = NULL, mine = NULL, scheduled = NULL, csv = NULL, counts = NULL, empty = NULL, bad = NULL;
  g_autofree char *first = NULL, *second = NULL, *third = NULL, *line = NULL;

  if (!have_cli_on_demo (fixture))
    return;
  selected = select_23 (fixture->path);
  first = pick_code (fixture, 1);
  second = pick_code (fixture, 2);
  third = pick_code (fixture, 3);
  one = schedule_at (fixture, first, "2025-06-12 10:00", NULL);
  g_assert_cmpint (one->status, ==, 0);
  two = run_cli ("schedule", fixture->path, second, "--interviewer", "=HYPERLINK(\"http://x\")", "--at",
                 "2025-12-01 09:30", "--zone", "Europe/London", "--mode", "telephone", NULL);
  g_assert_cmpint (two->status, ==, 0);
  declined = run_cli ("interview", "status", fixture->path, third, "declined", NULL);
  g_assert_cmpint (declined->status, ==, 0);

  list = run_cli ("interviews", fixture->path, NULL);
  g_assert_cmpint (list->status, ==, 0);
  line = g_strdup_printf ("^%s +[A-Z][a-z ]+ +Scheduled +Ann Lee +2025-06-12 10:00 BST +60 +video call$", first);
  assert_matches (line, list->out);
  assert_matches ("^    ! Booked for Thu 12 Jun 2025, 10:00 BST, which has passed", list->out);
  assert_matches ("2025-12-01 09:30 GMT +60 +telephone$", list->out);
  assert_matches ("^Cohort +Invited +Scheduled +Done +Transcribed +Anonymised +Coded +Declined +Did not attend$",
                  list->out);
  assert_matches ("^All cohorts +20 +2 +0 +0 +0 +0 +1 +0$", list->out);

  mine = run_cli ("interviews", fixture->path, "--interviewer", "ann  LEE", NULL);
  g_assert_cmpint (mine->status, ==, 0);
  g_assert_nonnull (strstr (mine->out, first));
  g_assert_null (strstr (mine->out, second));
  assert_matches ("^All cohorts +0 +1 +0 +0 +0 +0 +0 +0$", mine->out);
  scheduled = run_cli ("interviews", fixture->path, "--status", "declined", NULL);
  g_assert_nonnull (strstr (scheduled->out, third));
  g_assert_null (strstr (scheduled->out, first));
  /* --status narrows the list, not the counts. */
  assert_matches ("^All cohorts +20 +2 +0 +0 +0 +0 +1 +0$", scheduled->out);

  csv = run_cli ("interviews", fixture->path, "--format", "csv", "--status", "scheduled", NULL);
  g_assert_cmpint (csv->status, ==, 0);
  g_assert_true (g_str_has_prefix (csv->out, "code,cohort,status,interviewer,start,time_zone,minutes,mode,warnings\r\n"));
  assert_matches (",scheduled,Ann Lee,2025-06-12T10:00:00\\+01:00,Europe/London,60,video call,\"Booked for ", csv->out);
  assert_matches (",scheduled,\"'=HYPERLINK\\(\"\"http://x\"\"\\)\",2025-12-01T09:30:00\\+00:00,", csv->out);
  counts = run_cli ("interviews", fixture->path, "--format", "csv", "--counts", NULL);
  g_assert_true (g_str_has_prefix (counts->out,
                                   "cohort,invited,scheduled,done,transcribed,anonymised,coded,declined,did-not-attend\r\n"));
  assert_matches ("^all,20,2,0,0,0,0,1,0\r$", counts->out);
  empty = run_cli ("interviews", fixture->path, "--draw", "2", NULL);
  g_assert_cmpint (empty->status, ==, 0);
  assert_matches ("^No interviews match\\.$", empty->out);
  bad = run_cli ("interviews", fixture->path, "--status", "lost", NULL);
  g_assert_cmpint (bad->status, ==, 2);
}

static icalcomponent *
read_calendar (const char *path)
{
  g_autofree char *text = NULL;
  icalcomponent *calendar;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  calendar = icalparser_parse_string (text);
  g_assert_nonnull (calendar);
  g_assert_cmpint (icalcomponent_count_errors (calendar), ==, 0);
  return calendar;
}

static icalcomponent *
event_for_code (icalcomponent *calendar,
                const char    *code)
{
  for (icalcomponent *event = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
       event != NULL; event = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT))
    if (strstr (icalcomponent_get_summary (event), code) != NULL)
      return event;
  return NULL;
}

/* The instant an event starts, resolving its TZID through the file's own
 * VTIMEZONE. */
static gint64
start_of (icalcomponent *event)
{
  icaltimetype start = icalcomponent_get_dtstart (event);

  return (gint64) icaltime_as_timet_with_zone (start, icaltime_get_timezone (start));
}

/* No name, e-mail or phone of anyone in the study reaches the calendar. */
static void
assert_no_contacts (Fixture    *fixture,
                    const char *ics)
{
  g_autofree char *text = NULL;
  sqlite3 *handle = trellis_test_sqlite_open (fixture->path, SQLITE_OPEN_READONLY);
  sqlite3_stmt *stmt = NULL;
  guint checked = 0;

  g_assert_true (g_file_get_contents (ics, &text, NULL, NULL));
  g_assert_cmpint (sqlite3_prepare_v2 (handle, "SELECT name, email, phone FROM participant_contact", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    for (int k = 0; k < 3; k++)
      {
        const char *value = (const char *) sqlite3_column_text (stmt, k);

        if (value == NULL || *value == '\0')
          continue;
        g_assert_null (strstr (text, value));
        checked++;
      }
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_close (handle), ==, SQLITE_OK);
  g_assert_cmpuint (checked, >, 0);
}

/* trellis-cli export-ics: two interviews booked through the CLI come back
 * from libical at the instants booked, named only by study code; moving one
 * keeps its UID and raises its SEQUENCE, and a decline is a cancellation. */
static void
test_export_ics (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *ics = fixture_path (fixture, "interviews.ics");
  g_autofree char *first = NULL, *second = NULL, *uid = NULL;
  g_autoptr(CliRun) selected = NULL, one = NULL, two = NULL, exported = NULL, moved = NULL, again = NULL;
  g_autoptr(CliRun) declined = NULL, last = NULL, only = NULL, usage = NULL;
  icalcomponent *calendar, *event;
  int sequence;

  if (!have_cli_on_demo (fixture))
    return;
  selected = select_23 (fixture->path);
  first = pick_code (fixture, 1);
  second = pick_code (fixture, 2);
  one = schedule_at (fixture, first, "2025-06-12 10:00", "--where=Room 4");
  two = run_cli ("schedule", fixture->path, second, "--interviewer", "Bo Chen", "--at", "2025-12-01 09:30",
                 "--zone", "Europe/London", NULL);
  g_assert_cmpint (one->status + two->status, ==, 0);
  exported = run_cli ("export-ics", fixture->path, "-o", ics, NULL);
  g_assert_cmpint (exported->status, ==, 0);
  assert_matches ("^Wrote 2 interviews to ", exported->out);
  assert_no_contacts (fixture, ics);

  calendar = read_calendar (ics);
  g_assert_cmpint (icalcomponent_count_components (calendar, ICAL_VEVENT_COMPONENT), ==, 2);
  event = event_for_code (calendar, first);
  g_assert_cmpint (start_of (event), ==, 1749718800);   /* 09:00 UTC, 10:00 BST */
  g_assert_cmpstr (icalcomponent_get_location (event), ==, "Room 4");
  g_assert_cmpint (icalcomponent_get_status (event), ==, ICAL_STATUS_CONFIRMED);
  uid = g_strdup (icalcomponent_get_uid (event));
  g_assert_true (g_str_has_suffix (uid, ".trellis"));
  g_assert_null (strstr (uid, "interviews"));   /* nothing of the file's name or path */
  sequence = icalcomponent_get_sequence (event);
  g_assert_cmpint (start_of (event_for_code (calendar, second)), ==, 1764581400);   /* 09:30 GMT */
  icalcomponent_free (calendar);

  moved = schedule_at (fixture, first, "2025-06-13 15:00", NULL);
  g_assert_cmpint (moved->status, ==, 0);
  declined = run_cli ("interview", "status", fixture->path, second, "declined", NULL);
  g_assert_cmpint (declined->status, ==, 0);
  again = run_cli ("export-ics", fixture->path, "--output", ics, NULL);
  g_assert_cmpint (again->status, ==, 0);
  calendar = read_calendar (ics);
  event = event_for_code (calendar, first);
  g_assert_cmpstr (icalcomponent_get_uid (event), ==, uid);
  g_assert_cmpint (icalcomponent_get_sequence (event), >, sequence);
  g_assert_cmpint (start_of (event), ==, 1749823200);   /* 14:00 UTC, 15:00 BST */
  g_assert_cmpint (icalcomponent_get_status (event_for_code (calendar, second)), ==, ICAL_STATUS_CANCELLED);
  icalcomponent_free (calendar);

  only = run_cli ("export-ics", fixture->path, "-o", ics, "--interviewer", "bo chen", NULL);
  assert_matches ("^Wrote 1 interview to ", only->out);
  calendar = read_calendar (ics);
  g_assert_null (event_for_code (calendar, first));
  g_assert_nonnull (event_for_code (calendar, second));
  icalcomponent_free (calendar);
  usage = run_cli ("export-ics", fixture->path, NULL);
  g_assert_cmpint (usage->status, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  ADD_TEST ("/trellis/cli/interviews/eligible", test_eligible);
  ADD_TEST ("/trellis/cli/interviews/select-reproduces", test_select_reproduces);
  ADD_TEST ("/trellis/cli/interviews/verify-tampered", test_verify_tampered);
  ADD_TEST ("/trellis/cli/interviews/replace", test_replace);
  ADD_TEST ("/trellis/cli/interviews/schedule-dst", test_schedule_dst);
  ADD_TEST ("/trellis/cli/interviews/schedule-consent", test_schedule_consent);
  ADD_TEST ("/trellis/cli/interviews/schedule-conflicts", test_schedule_conflicts);
  ADD_TEST ("/trellis/cli/interviews/status-and-transcript", test_status_and_transcript);
  ADD_TEST ("/trellis/cli/interviews/list", test_interviews_list);
  ADD_TEST ("/trellis/cli/interviews/export-ics", test_export_ics);
  g_test_add_data_func ("/trellis/cli/interviews/help/schedule", "schedule", cli_test_help);
  g_test_add_data_func ("/trellis/cli/interviews/help/interviews", "interviews", cli_test_help);
  g_test_add_data_func ("/trellis/cli/interviews/help/export-ics", "export-ics", cli_test_help);
  g_test_add_data_func ("/trellis/cli/interviews/help/eligible", "eligible", cli_test_help);
  g_test_add_data_func ("/trellis/cli/interviews/help/select", "select", cli_test_help);
  g_test_add_data_func ("/trellis/cli/interviews/help/verify-draw", "verify-draw", cli_test_help);
  g_test_add_data_func ("/trellis/cli/interviews/help/replace", "replace", cli_test_help);
  g_test_add_data_func ("/trellis/cli/interviews/help/draws", "draws", cli_test_help);

  return g_test_run ();
}
