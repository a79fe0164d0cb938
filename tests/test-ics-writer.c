/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include <libical/ical.h>

#include "trellis-ics-writer.h"
#include "trellis-storage-error.h"
#include "trellis-test-utils.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (icalcomponent, icalcomponent_free)

/* A comma, a semicolon and a line break: each needs escaping in iCalendar. */
static const char *ESCAPED_LOCATION = "Room 2, Level 3; Maternity Unit\nAsk at reception";
/* Long, with multi-byte letters, so that folding has to keep them whole. */
static const char *LONG_LOCATION =
  "Universitätsklinikum Großhadern, Marchioninistraße 15, Eingang Süd – Besprechungsraum Ärztinnen und Ärzte";
static const char *STUDY_TITLE = "Resilience coaching for maternity staff";

static gint64
utc (int year,
     int month,
     int day_of_month,
     int hour,
     int minute)
{
  g_autoptr(GDateTime) time = g_date_time_new_utc (year, month, day_of_month, hour, minute, 0);

  return g_date_time_to_unix (time);
}

static TrellisIcsInterview
interview (const char  *uid,
           gint64       start,
           guint        minutes,
           const char  *zone,
           const char  *code)
{
  return (TrellisIcsInterview) {
    .uid = uid, .start_utc = start, .minutes = minutes, .time_zone = zone, .study_code = code,
    .mode = "video call", .location = "https://meet.example.org/abc-defg-hij", .interviewer = "Dr Smith",
    .study_title = STUDY_TITLE, .status = TRELLIS_INTERVIEW_SCHEDULED, .sequence = 0,
  };
}

/* RFC 5545 3.1: every line ends in CRLF and holds at most 75 octets. */
static void
assert_lines (const char *text)
{
  g_auto(GStrv) lines = NULL;
  guint n;

  g_assert_true (g_str_has_suffix (text, "\r\n"));
  lines = g_strsplit (text, "\r\n", -1);
  n = g_strv_length (lines);
  g_assert_cmpstr (lines[n - 1], ==, "");
  for (guint i = 0; i + 1 < n; i++)
    {
      g_assert_null (strchr (lines[i], '\n'));
      g_assert_null (strchr (lines[i], '\r'));
      g_assert_cmpuint (strlen (lines[i]), <=, 75);
      g_assert_true (g_utf8_validate (lines[i], -1, NULL));
    }
}

static icalcomponent *
parse (const char *text)
{
  icalcomponent *calendar = icalparser_parse_string (text);

  g_assert_nonnull (calendar);
  g_assert_cmpint (icalcomponent_isa (calendar), ==, ICAL_VCALENDAR_COMPONENT);
  g_assert_cmpint (icalcomponent_count_errors (calendar), ==, 0);
  g_assert_cmpstr (icalproperty_get_version (icalcomponent_get_first_property (calendar, ICAL_VERSION_PROPERTY)),
                   ==, "2.0");
  g_assert_nonnull (icalcomponent_get_first_property (calendar, ICAL_PRODID_PROPERTY));
  return calendar;
}

static icalcomponent *
find_event (icalcomponent *calendar,
            const char    *uid)
{
  for (icalcomponent *event = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
       event != NULL; event = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT))
    if (g_str_equal (icalcomponent_get_uid (event), uid))
      return event;
  g_assert_not_reached ();
}

/* The instant a DTSTART or DTEND names, resolving its TZID through the
 * VTIMEZONE in the file itself (not libical's own copy of the zone). */
static gint64
instant_of (icalcomponent     *calendar,
            icalcomponent     *event,
            icalproperty_kind  kind,
            const char        *tzid,
            const char        *local)
{
  icalproperty *property = icalcomponent_get_first_property (event, kind);
  icalparameter *parameter = icalproperty_get_first_parameter (property, ICAL_TZID_PARAMETER);
  icaltimetype when = icalvalue_get_datetime (icalproperty_get_value (property));
  icaltimezone *zone;

  if (tzid == NULL)
    {
      g_assert_null (parameter);
      g_assert_true (icaltime_is_utc (when));
      return (gint64) icaltime_as_timet_with_zone (when, icaltimezone_get_utc_timezone ());
    }
  g_assert_nonnull (parameter);
  g_assert_cmpstr (icalparameter_get_tzid (parameter), ==, tzid);
  g_assert_cmpstr (icaltime_as_ical_string (when), ==, local);
  zone = icalcomponent_get_timezone (calendar, tzid);
  g_assert_nonnull (zone);
  when.zone = NULL;
  return (gint64) icaltime_as_timet_with_zone (when, zone);
}

/* A time as libical resolved it when reading the event: in the file's own
 * VTIMEZONE (whose TZID is the plain IANA name), or in UTC. */
static gint64
resolved (icaltimetype when)
{
  icaltimezone *zone = (icaltimezone *) icaltime_get_timezone (when);

  g_assert_nonnull (zone);
  if (!icaltime_is_utc (when))
    g_assert_cmpstr (icaltimezone_get_tzid (zone), ==, "Europe/London");
  return (gint64) icaltime_as_timet_with_zone (when, zone);
}

static const char *
text_of (icalcomponent     *event,
         icalproperty_kind  kind)
{
  icalproperty *property = icalcomponent_get_first_property (event, kind);

  g_assert_nonnull (property);
  return icalvalue_get_text (icalproperty_get_value (property));
}

/* Only these properties, so that nothing about the person can slip in
 * (ATTENDEE, ORGANIZER, CONTACT, COMMENT…) without this test failing. */
static void
assert_only_allowed_properties (icalcomponent *event)
{
  static const icalproperty_kind allowed[] = {
    ICAL_UID_PROPERTY, ICAL_DTSTAMP_PROPERTY, ICAL_SEQUENCE_PROPERTY, ICAL_DTSTART_PROPERTY,
    ICAL_DTEND_PROPERTY, ICAL_SUMMARY_PROPERTY, ICAL_LOCATION_PROPERTY, ICAL_DESCRIPTION_PROPERTY,
    ICAL_STATUS_PROPERTY,
  };

  for (icalproperty *property = icalcomponent_get_first_property (event, ICAL_ANY_PROPERTY);
       property != NULL; property = icalcomponent_get_next_property (event, ICAL_ANY_PROPERTY))
    {
      gboolean found = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (allowed); i++)
        found |= icalproperty_isa (property) == allowed[i];
      g_assert_true (found);
    }
  g_assert_null (icalcomponent_get_first_component (event, ICAL_ANY_COMPONENT));
}

static guint
count_components (icalcomponent      *calendar,
                  icalcomponent_kind  kind)
{
  return (guint) icalcomponent_count_components (calendar, kind);
}

static void
test_uid (void)
{
  g_autofree char *plain = trellis_ics_interview_uid (17, "6f1c2a7e-0d7b-4c55-9a31-3c1f0a2b9d10");
  g_autofree char *file = trellis_ics_interview_uid (3, "Coaching study (2025).trellis");
  g_autofree char *empty = trellis_ics_interview_uid (4, "");

  g_assert_cmpstr (plain, ==, "interview-17@6f1c2a7e-0d7b-4c55-9a31-3c1f0a2b9d10.trellis");
  g_assert_cmpstr (file, ==, "interview-3@Coaching-study--2025-.trellis.trellis");
  g_assert_cmpstr (empty, ==, "interview-4@study.trellis");
}

/* Across the spring clock change: 00:30 GMT to 02:30 BST. */
static void
check_clock_change_event (icalcomponent *calendar,
                          gint64         now)
{
  icalcomponent *event = find_event (calendar, "interview-1@study.trellis");

  assert_only_allowed_properties (event);
  g_assert_cmpint (instant_of (calendar, event, ICAL_DTSTART_PROPERTY, "Europe/London", "20250330T003000"), ==,
                   utc (2025, 3, 30, 0, 30));
  g_assert_cmpint (instant_of (calendar, event, ICAL_DTEND_PROPERTY, "Europe/London", "20250330T023000"), ==,
                   utc (2025, 3, 30, 1, 30));
  g_assert_cmpstr (text_of (event, ICAL_SUMMARY_PROPERTY), ==, "Interview P017 (video call)");
  g_assert_cmpstr (text_of (event, ICAL_LOCATION_PROPERTY), ==, "https://meet.example.org/abc-defg-hij");
  g_assert_cmpstr (text_of (event, ICAL_DESCRIPTION_PROPERTY), ==,
                   "Interviewer: Dr Smith\nStudy: Resilience coaching for maternity staff");
  g_assert_cmpint (icalcomponent_get_status (event), ==, ICAL_STATUS_CONFIRMED);
  g_assert_cmpint (icalcomponent_get_sequence (event), ==, 0);
  g_assert_cmpint (icaltime_as_timet (icalcomponent_get_dtstamp (event)), ==, now);
  g_assert_true (icaltime_is_utc (icalcomponent_get_dtstamp (event)));
}

static void
check_cancelled_event (icalcomponent *calendar)
{
  icalcomponent *event = find_event (calendar, "interview-2@study.trellis");

  assert_only_allowed_properties (event);
  g_assert_cmpint (instant_of (calendar, event, ICAL_DTSTART_PROPERTY, "America/New_York", "20250603T100000"), ==,
                   utc (2025, 6, 3, 14, 0));
  g_assert_cmpint (instant_of (calendar, event, ICAL_DTEND_PROPERTY, "America/New_York", "20250603T105400"), ==,
                   utc (2025, 6, 3, 14, 54));
  g_assert_cmpstr (text_of (event, ICAL_SUMMARY_PROPERTY), ==, "Interview P023 (video call)");
  g_assert_cmpint (icalcomponent_get_status (event), ==, ICAL_STATUS_CANCELLED);
  g_assert_cmpint (icalcomponent_get_sequence (event), ==, 3);
}

static void
check_escaped_event (icalcomponent *calendar,
                     const char    *text)
{
  icalcomponent *event = find_event (calendar, "interview-3@study.trellis");

  assert_only_allowed_properties (event);
  g_assert_cmpint (instant_of (calendar, event, ICAL_DTSTART_PROPERTY, "Europe/London", "20250708T090000"), ==,
                   utc (2025, 7, 8, 8, 0));
  g_assert_cmpint (instant_of (calendar, event, ICAL_DTEND_PROPERTY, "Europe/London", "20250708T102000"), ==,
                   utc (2025, 7, 8, 9, 20));
  g_assert_cmpstr (text_of (event, ICAL_SUMMARY_PROPERTY), ==, "Interview P031 (in person)");
  g_assert_cmpstr (text_of (event, ICAL_LOCATION_PROPERTY), ==, ESCAPED_LOCATION);
  g_assert_cmpstr (text_of (event, ICAL_DESCRIPTION_PROPERTY), ==,
                   "Interviewer: Dr Jones\nStudy: Resilience coaching for maternity staff");
  g_assert_cmpint (icalcomponent_get_status (event), ==, ICAL_STATUS_CONFIRMED);
  g_assert_cmpint (icalcomponent_get_sequence (event), ==, 1);
  /* The escapes are in the text itself, not only undone by the parser. */
  g_assert_nonnull (strstr (text, "LOCATION:Room 2\\, Level 3\\; Maternity Unit\\nAsk at reception\r\n"));
}

/* The three kinds of event a schedule holds, through a real file and back. */
static void
test_round_trip (void)
{
  g_autofree char *dir = trellis_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "interviews.ics", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autoptr(icalcomponent) calendar = NULL;
  gint64 now = utc (2025, 3, 1, 8, 15);
  TrellisIcsInterview interviews[3] = {
    interview ("interview-1@study.trellis", utc (2025, 3, 30, 0, 30), 60, "Europe/London", "P017"),
    interview ("interview-2@study.trellis", utc (2025, 6, 3, 14, 0), 54, "America/New_York", "P023"),
    interview ("interview-3@study.trellis", utc (2025, 7, 8, 8, 0), 80, "Europe/London", "P031"),
  };

  interviews[1].status = TRELLIS_INTERVIEW_DECLINED;
  interviews[1].sequence = 3;
  interviews[2] = (TrellisIcsInterview) { .uid = interviews[2].uid, .start_utc = interviews[2].start_utc,
    .minutes = 80, .time_zone = "Europe/London", .study_code = "P031", .mode = "in person",
    .location = ESCAPED_LOCATION, .interviewer = "Dr Jones", .study_title = STUDY_TITLE,
    .status = TRELLIS_INTERVIEW_DONE, .sequence = 1 };

  g_assert_true (trellis_ics_write_file (file, interviews, G_N_ELEMENTS (interviews), now, &error));
  g_assert_no_error (error);
  text = trellis_test_read_file (path, NULL);
  assert_lines (text);
  g_assert_null (strstr (text, "freeassociation"));
  g_assert_null (strstr (text, "mailto:"));
  calendar = parse (text);
  g_assert_cmpuint (count_components (calendar, ICAL_VEVENT_COMPONENT), ==, 3);
  g_assert_cmpuint (count_components (calendar, ICAL_VTIMEZONE_COMPONENT), ==, 2);
  g_assert_cmpint (icalproperty_get_method (icalcomponent_get_first_property (calendar, ICAL_METHOD_PROPERTY)),
                   ==, ICAL_METHOD_PUBLISH);
  check_clock_change_event (calendar, now);
  check_cancelled_event (calendar);
  check_escaped_event (calendar, text);
  trellis_test_remove_tree (dir);
}

/* Every half hour across both of London's 2025 clock changes, each event
 * read back from the file's own VTIMEZONE, including the clock times of 26
 * October that happen twice: RFC 5545 reads those as the first time and
 * libical as the second, so only UTC is safe for them. */
static void
test_clock_changes_every_half_hour (void)
{
  gint64 starts[] = { utc (2025, 3, 29, 20, 0), utc (2025, 10, 25, 20, 0) };
  g_autoptr(GPtrArray) uids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) list = g_array_new (FALSE, FALSE, sizeof (TrellisIcsInterview));
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autoptr(icalcomponent) calendar = NULL;
  guint n = 0;

  for (guint s = 0; s < G_N_ELEMENTS (starts); s++)
    for (gint64 start = starts[s]; start < starts[s] + 10 * 3600; start += 1800)
      {
        char *uid = g_strdup_printf ("interview-%u@hours.trellis", n++);
        TrellisIcsInterview one = interview (uid, start, 30, "Europe/London", "P001");

        g_ptr_array_add (uids, uid);
        g_array_append_val (list, one);
      }
  text = trellis_ics_write_string ((TrellisIcsInterview *) list->data, list->len, starts[0], &error);
  g_assert_no_error (error);
  assert_lines (text);
  calendar = parse (text);
  for (guint i = 0; i < list->len; i++)
    {
      TrellisIcsInterview *one = &g_array_index (list, TrellisIcsInterview, i);
      icalcomponent *event = find_event (calendar, one->uid);
      icaltimetype start = icalcomponent_get_dtstart (event);
      icaltimetype end = icalcomponent_get_dtend (event);

      g_assert_cmpint (resolved (start), ==, one->start_utc);
      g_assert_cmpint (resolved (end), ==, one->start_utc + 1800);
      /* Clock times that happen twice (01:00–01:59 on 26 October, BST and
       * then GMT) are written in UTC; every other time with its TZID. */
      g_assert_cmpint (icaltime_is_utc (start), ==,
                       one->start_utc >= utc (2025, 10, 26, 0, 0) && one->start_utc < utc (2025, 10, 26, 2, 0));
      g_assert_cmpint (icaltime_is_utc (end), ==,
                       one->start_utc + 1800 >= utc (2025, 10, 26, 0, 0) &&
                       one->start_utc + 1800 < utc (2025, 10, 26, 2, 0));
    }
}

/* Zones libical does not know, and UTC itself, are written as UTC instants. */
static void
test_utc_fallback (void)
{
  TrellisIcsInterview interviews[] = {
    interview ("interview-1@z.trellis", utc (2025, 5, 12, 9, 0), 60, "UTC", "P001"),
    interview ("interview-2@z.trellis", utc (2025, 5, 12, 11, 0), 60, "Mars/Olympus_Mons", "P002"),
    interview ("interview-3@z.trellis", utc (2025, 5, 12, 13, 0), 60, "../../etc/passwd", "P003"),
    interview ("interview-4@z.trellis", utc (2025, 5, 12, 15, 0), 60, NULL, "P004"),
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *text = trellis_ics_write_string (interviews, G_N_ELEMENTS (interviews), 0, &error);
  g_autoptr(icalcomponent) calendar = NULL;

  g_assert_no_error (error);
  calendar = parse (text);
  g_assert_cmpuint (count_components (calendar, ICAL_VTIMEZONE_COMPONENT), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (interviews); i++)
    {
      icalcomponent *event = find_event (calendar, interviews[i].uid);

      g_assert_cmpint (instant_of (calendar, event, ICAL_DTSTART_PROPERTY, NULL, NULL), ==, interviews[i].start_utc);
      g_assert_cmpint (instant_of (calendar, event, ICAL_DTEND_PROPERTY, NULL, NULL), ==,
                       interviews[i].start_utc + 3600);
    }
}

/* Long and multi-byte texts are folded at 75 octets without splitting a
 * letter, and nothing is left out: no location and no mode are allowed. */
static void
test_folding_and_optional_fields (void)
{
  TrellisIcsInterview one = interview ("interview-9@fold.trellis", utc (2025, 9, 1, 9, 0), 60, "Europe/Berlin",
                                       "P009");
  TrellisIcsInterview two = interview ("interview-10@fold.trellis", utc (2025, 9, 1, 11, 0), 60, "Europe/Berlin",
                                       "P010");
  TrellisIcsInterview both[2];
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autoptr(icalcomponent) calendar = NULL;

  one.location = LONG_LOCATION;
  one.interviewer = "Prof. Dr. med. Maximiliane Müller-Lüdenscheidt, Klinik für Frauenheilkunde";
  two.location = "";
  two.mode = NULL;
  both[0] = one;
  both[1] = two;
  text = trellis_ics_write_string (both, 2, 0, &error);
  g_assert_no_error (error);
  assert_lines (text);
  calendar = parse (text);
  g_assert_cmpstr (text_of (find_event (calendar, one.uid), ICAL_LOCATION_PROPERTY), ==, LONG_LOCATION);
  g_assert_nonnull (strstr (text_of (find_event (calendar, one.uid), ICAL_DESCRIPTION_PROPERTY),
                            one.interviewer));
  g_assert_null (icalcomponent_get_first_property (find_event (calendar, two.uid), ICAL_LOCATION_PROPERTY));
  g_assert_cmpstr (text_of (find_event (calendar, two.uid), ICAL_SUMMARY_PROPERTY), ==, "Interview P010");
}

static void
test_empty (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = trellis_ics_write_string (NULL, 0, utc (2025, 1, 1, 0, 0), &error);
  g_autoptr(icalcomponent) calendar = NULL;

  g_assert_no_error (error);
  assert_lines (text);
  g_assert_true (g_str_has_prefix (text, "BEGIN:VCALENDAR\r\n"));
  g_assert_true (g_str_has_suffix (text, "END:VCALENDAR\r\n"));
  calendar = parse (text);
  g_assert_cmpuint (count_components (calendar, ICAL_ANY_COMPONENT), ==, 0);
}

static void
test_write_errors (void)
{
  g_autofree char *dir = trellis_test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "missing", "interviews.ics", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  TrellisIcsInterview bad = interview ("interview-1@e.trellis", G_GINT64_CONSTANT (400000000000), 60,
                                       "Europe/London", "P001");

  g_assert_false (trellis_ics_write_file (file, NULL, 0, 0, &error));
  g_assert_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);

  g_clear_object (&file);
  g_free (path);
  path = g_build_filename (dir, "interviews.ics", NULL);
  file = g_file_new_for_path (path);
  g_assert_false (trellis_ics_write_file (file, &bad, 1, 0, &error));
  g_assert_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "P001"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  trellis_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/trellis/storage/ics-writer/uid", test_uid);
  g_test_add_func ("/trellis/storage/ics-writer/round-trip", test_round_trip);
  g_test_add_func ("/trellis/storage/ics-writer/clock-changes-every-half-hour", test_clock_changes_every_half_hour);
  g_test_add_func ("/trellis/storage/ics-writer/utc-fallback", test_utc_fallback);
  g_test_add_func ("/trellis/storage/ics-writer/folding-and-optional-fields", test_folding_and_optional_fields);
  g_test_add_func ("/trellis/storage/ics-writer/empty", test_empty);
  g_test_add_func ("/trellis/storage/ics-writer/write-errors", test_write_errors);

  return g_test_run ();
}
