/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "trellis-domain-error.h"
#include "trellis-local-time.h"

static GDate
day (int year,
     int month,
     int day_of_month)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day_of_month, month, year);
  return date;
}

/* Seconds since the epoch of a UTC wall time, to write expectations plainly. */
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

static gint64
resolve (const char             *zone,
         GDate                   date,
         int                     hour,
         int                     minute,
         TrellisLocalTimeChoice  which)
{
  g_autoptr(GError) error = NULL;
  gint64 result = -1;

  g_assert_true (trellis_local_time_to_utc (zone, &date, hour, minute, which, &result, NULL, &error));
  g_assert_no_error (error);
  return result;
}

/* Ordinary times: London in winter (GMT, +00:00) and summer (BST, +01:00). */
static void
test_normal (void)
{
  TrellisLocalTimeCandidates found;

  g_assert_cmpint (resolve ("Europe/London", day (2025, 1, 15), 9, 0, TRELLIS_LOCAL_TIME_ASK), ==,
                   utc (2025, 1, 15, 9, 0));
  g_assert_cmpint (resolve ("Europe/London", day (2025, 6, 15), 14, 0, TRELLIS_LOCAL_TIME_ASK), ==,
                   utc (2025, 6, 15, 13, 0));
  /* The choice only matters for a time that happens twice. */
  g_assert_cmpint (resolve ("Europe/London", day (2025, 6, 15), 14, 0, TRELLIS_LOCAL_TIME_LATER), ==,
                   utc (2025, 6, 15, 13, 0));

  g_assert_true (trellis_local_time_candidates ("Europe/London", &(GDate) { 0 }, 0, 0, &found, NULL) == FALSE);
  {
    GDate date = day (2025, 6, 15);

    g_assert_true (trellis_local_time_candidates ("Europe/London", &date, 14, 0, &found, NULL));
    g_assert_cmpuint (found.n, ==, 1);
    g_assert_cmpint (found.offset[0], ==, 3600);
  }
}

/* 30 March 2025: London's clocks go from 01:00 GMT to 02:00 BST, so 01:30
 * never happens. 00:59 and 02:00 are either side of the gap. */
static void
test_london_gap (void)
{
  GDate date = day (2025, 3, 30);
  g_autoptr(GError) error = NULL;
  TrellisLocalTimeCandidates found;
  gint64 result = 42;

  g_assert_false (trellis_local_time_to_utc ("Europe/London", &date, 1, 30, TRELLIS_LOCAL_TIME_EARLIER,
                                             &result, &found, &error));
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_NONEXISTENT_TIME);
  g_assert_cmpstr (error->message, ==,
                   "01:30 on 30 March 2025 does not exist in Europe/London: clocks go forward "
                   "from 01:00 to 02:00. Choose a time from 02:00 on.");
  g_assert_cmpuint (found.n, ==, 0);
  g_assert_cmpint (result, ==, 42);

  g_assert_cmpint (resolve ("Europe/London", date, 0, 59, TRELLIS_LOCAL_TIME_ASK), ==, utc (2025, 3, 30, 0, 59));
  g_assert_cmpint (resolve ("Europe/London", date, 2, 0, TRELLIS_LOCAL_TIME_ASK), ==, utc (2025, 3, 30, 1, 0));
}

/* 26 October 2025: London's clocks go from 02:00 BST back to 01:00 GMT, so
 * 01:30 happens at 00:30 UTC and again at 01:30 UTC. */
static void
test_london_overlap (void)
{
  GDate date = day (2025, 10, 26);
  g_autoptr(GError) error = NULL;
  TrellisLocalTimeCandidates found;
  gint64 result = 42;

  g_assert_false (trellis_local_time_to_utc ("Europe/London", &date, 1, 30, TRELLIS_LOCAL_TIME_ASK,
                                             &result, &found, &error));
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_AMBIGUOUS_TIME);
  g_assert_cmpstr (error->message, ==,
                   "01:30 on 26 October 2025 happens twice in Europe/London: clocks go back from 02:00 to 01:00. "
                   "Choose the first (BST, UTC+01:00) or the second (GMT, UTC+00:00).");
  g_assert_cmpint (result, ==, 42);
  g_assert_cmpuint (found.n, ==, 2);
  g_assert_cmpint (found.utc[0], ==, utc (2025, 10, 26, 0, 30));
  g_assert_cmpint (found.utc[1], ==, utc (2025, 10, 26, 1, 30));
  g_assert_cmpint (found.offset[0], ==, 3600);
  g_assert_cmpint (found.offset[1], ==, 0);

  g_assert_cmpint (resolve ("Europe/London", date, 1, 30, TRELLIS_LOCAL_TIME_EARLIER), ==,
                   utc (2025, 10, 26, 0, 30));
  g_assert_cmpint (resolve ("Europe/London", date, 1, 30, TRELLIS_LOCAL_TIME_LATER), ==,
                   utc (2025, 10, 26, 1, 30));
  /* 00:59 and 02:00 happen once. */
  g_assert_cmpint (resolve ("Europe/London", date, 0, 59, TRELLIS_LOCAL_TIME_ASK), ==, utc (2025, 10, 25, 23, 59));
  g_assert_cmpint (resolve ("Europe/London", date, 2, 0, TRELLIS_LOCAL_TIME_ASK), ==, utc (2025, 10, 26, 2, 0));
}

/* Sydney (AEST +10:00, AEDT +11:00) changes the other way round in the year:
 * forward on 5 October 2025 at 02:00, back on 6 April 2025 at 03:00. */
static void
test_southern_hemisphere (void)
{
  GDate july = day (2025, 7, 1);
  GDate forward = day (2025, 10, 5);
  GDate back = day (2025, 4, 6);
  g_autoptr(GError) gap = NULL;
  g_autoptr(GError) twice = NULL;
  gint64 result;

  g_assert_cmpint (resolve ("Australia/Sydney", july, 10, 0, TRELLIS_LOCAL_TIME_ASK), ==, utc (2025, 7, 1, 0, 0));
  g_assert_cmpint (resolve ("Australia/Sydney", day (2025, 1, 15), 10, 0, TRELLIS_LOCAL_TIME_ASK), ==,
                   utc (2025, 1, 14, 23, 0));

  g_assert_false (trellis_local_time_to_utc ("Australia/Sydney", &forward, 2, 30, TRELLIS_LOCAL_TIME_ASK,
                                             &result, NULL, &gap));
  g_assert_error (gap, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_NONEXISTENT_TIME);
  g_assert_cmpstr (gap->message, ==,
                   "02:30 on 5 October 2025 does not exist in Australia/Sydney: clocks go forward "
                   "from 02:00 to 03:00. Choose a time from 03:00 on.");

  g_assert_false (trellis_local_time_to_utc ("Australia/Sydney", &back, 2, 30, TRELLIS_LOCAL_TIME_ASK,
                                             &result, NULL, &twice));
  g_assert_error (twice, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_AMBIGUOUS_TIME);
  g_assert_cmpint (resolve ("Australia/Sydney", back, 2, 30, TRELLIS_LOCAL_TIME_EARLIER), ==,
                   utc (2025, 4, 5, 15, 30));
  g_assert_cmpint (resolve ("Australia/Sydney", back, 2, 30, TRELLIS_LOCAL_TIME_LATER), ==,
                   utc (2025, 4, 5, 16, 30));
}

/* Lord Howe Island moves its clocks by half an hour (+10:30 to +11:00 at
 * 02:00 on 5 October 2025): 02:15 does not exist, 02:30 does. */
static void
test_half_hour_change (void)
{
  GDate forward = day (2025, 10, 5);
  g_autoptr(GError) error = NULL;
  gint64 result;

  g_assert_false (trellis_local_time_to_utc ("Australia/Lord_Howe", &forward, 2, 15, TRELLIS_LOCAL_TIME_ASK,
                                             &result, NULL, &error));
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_NONEXISTENT_TIME);
  g_assert_cmpstr (error->message, ==,
                   "02:15 on 5 October 2025 does not exist in Australia/Lord_Howe: clocks go forward "
                   "from 02:00 to 02:30. Choose a time from 02:30 on.");
  g_assert_cmpint (resolve ("Australia/Lord_Howe", forward, 2, 30, TRELLIS_LOCAL_TIME_ASK), ==,
                   utc (2025, 10, 4, 15, 30));
}

static void
test_refuses_unknown_zone (void)
{
  const char *bad[] = { "Mars/Olympus_Mons", "", "Europe/Lodnon", "/etc/passwd", "../zoneinfo/Europe/London" };
  GDate date = day (2025, 6, 15);

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 result;

      g_assert_false (trellis_local_time_to_utc (bad[i], &date, 10, 0, TRELLIS_LOCAL_TIME_ASK, &result, NULL, &error));
      g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID);
    }
  {
    g_autoptr(GError) error = NULL;
    gint64 result;

    g_assert_false (trellis_local_time_to_utc ("Europe/Lodnon", &date, 10, 0, TRELLIS_LOCAL_TIME_ASK, &result,
                                               NULL, &error));
    g_assert_cmpstr (error->message, ==,
                     "‘Europe/Lodnon’ is not a time zone this computer knows (expected a name such as Europe/London)");
  }
}

static void
test_refuses_bad_time (void)
{
  GDate date = day (2025, 6, 15);
  g_autoptr(GError) error = NULL;
  gint64 result;

  g_assert_false (trellis_local_time_to_utc ("Europe/London", &date, 24, 0, TRELLIS_LOCAL_TIME_ASK, &result, NULL, &error));
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID);
  g_assert_false (trellis_local_time_to_utc ("Europe/London", &date, 10, 60, TRELLIS_LOCAL_TIME_ASK, &result, NULL, NULL));
  g_assert_false (trellis_local_time_to_utc ("Europe/London", &date, -1, 0, TRELLIS_LOCAL_TIME_ASK, &result, NULL, NULL));
}

/* Every quarter hour of 2025 in London: each time exists once except the
 * four quarter hours from 01:00 on 30 March (none) and the four from 01:00 on
 * 26 October (twice), and each candidate maps back to the time typed. */
static void
test_whole_year (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/London");
  guint missing = 0, doubled = 0;
  GDate date = day (2025, 1, 1);

  for (; g_date_get_year (&date) == 2025; g_date_add_days (&date, 1))
    for (int minutes = 0; minutes < 24 * 60; minutes += 15)
      {
        TrellisLocalTimeCandidates found;

        g_assert_true (trellis_local_time_candidates ("Europe/London", &date, minutes / 60, minutes % 60,
                                                      &found, NULL));
        missing += found.n == 0;
        doubled += found.n == 2;
        for (guint i = 0; i < found.n; i++)
          {
            g_autoptr(GDateTime) back = g_date_time_new_from_unix_utc (found.utc[i]);
            g_autoptr(GDateTime) local = g_date_time_to_timezone (back, tz);

            g_assert_cmpint (g_date_time_get_day_of_month (local), ==, g_date_get_day (&date));
            g_assert_cmpint (g_date_time_get_hour (local) * 60 + g_date_time_get_minute (local), ==, minutes);
          }
      }
  g_assert_cmpuint (missing, ==, 4);
  g_assert_cmpuint (doubled, ==, 4);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/trellis/domain/local-time/normal", test_normal);
  g_test_add_func ("/trellis/domain/local-time/london-gap", test_london_gap);
  g_test_add_func ("/trellis/domain/local-time/london-overlap", test_london_overlap);
  g_test_add_func ("/trellis/domain/local-time/southern-hemisphere", test_southern_hemisphere);
  g_test_add_func ("/trellis/domain/local-time/half-hour-change", test_half_hour_change);
  g_test_add_func ("/trellis/domain/local-time/refuses-unknown-zone", test_refuses_unknown_zone);
  g_test_add_func ("/trellis/domain/local-time/refuses-bad-time", test_refuses_bad_time);
  g_test_add_func ("/trellis/domain/local-time/whole-year", test_whole_year);

  return g_test_run ();
}
