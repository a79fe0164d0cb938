/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "trellis-date.h"
#include "trellis-domain-error.h"

static void
assert_parses (const char *text,
               int         year,
               int         month,
               int         day)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *again = NULL;
  GDate date;

  g_date_clear (&date, 1);
  g_assert_true (trellis_date_parse (text, &date, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_date_get_year (&date), ==, year);
  g_assert_cmpint (g_date_get_month (&date), ==, month);
  g_assert_cmpint (g_date_get_day (&date), ==, day);

  /* What is read is written back unchanged. */
  again = trellis_date_format (&date);
  g_assert_cmpstr (again, ==, text);
}

static void
assert_rejected (const char *text,
                 const char *message)
{
  g_autoptr(GError) error = NULL;
  GDate date;

  g_date_clear (&date, 1);
  g_assert_false (trellis_date_parse (text, &date, &error));
  g_assert_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, message);
  /* The output is left alone on failure. */
  g_assert_false (g_date_valid (&date));
}

static void
test_parse_valid (void)
{
  assert_parses ("2024-03-15", 2024, 3, 15);
  assert_parses ("2024-02-29", 2024, 2, 29);
  assert_parses ("2000-02-29", 2000, 2, 29);
  assert_parses ("2023-02-28", 2023, 2, 28);
  assert_parses ("2024-12-31", 2024, 12, 31);
  assert_parses ("2024-01-01", 2024, 1, 1);
  assert_parses ("2024-04-30", 2024, 4, 30);
  assert_parses ("1900-01-01", 1900, 1, 1);
  assert_parses ("2100-12-31", 2100, 12, 31);
  g_assert_true (trellis_date_parse ("2024-03-15", NULL, NULL));
}

static void
test_parse_impossible (void)
{
  assert_rejected ("2024-02-30", "‘2024-02-30’ is not a date: February 2024 has 29 days");
  assert_rejected ("2023-02-29", "‘2023-02-29’ is not a date: February 2023 has 28 days");
  assert_rejected ("1900-02-29", "‘1900-02-29’ is not a date: February 1900 has 28 days");
  assert_rejected ("2024-04-31", "‘2024-04-31’ is not a date: April 2024 has 30 days");
  assert_rejected ("2024-01-32", "‘2024-01-32’ is not a date: January 2024 has 31 days");
  assert_rejected ("2024-13-01", "‘2024-13-01’ is not a date: there is no month 13");
  assert_rejected ("2024-00-10", "‘2024-00-10’ is not a date: there is no month 0");
  assert_rejected ("2024-05-00", "‘2024-05-00’ is not a date: there is no day 0");
}

static void
test_parse_year_range (void)
{
  assert_rejected ("1899-12-31",
                   "‘1899-12-31’ is not a date in range: the year must be between 1900 and 2100");
  assert_rejected ("2101-01-01",
                   "‘2101-01-01’ is not a date in range: the year must be between 1900 and 2100");
  assert_rejected ("0000-01-01",
                   "‘0000-01-01’ is not a date in range: the year must be between 1900 and 2100");
}

static void
test_parse_shape (void)
{
  const char *bad[] = {
    "", " 2024-03-15", "2024-03-15 ", "2024-03-15\n", "2024-3-15", "2024-03-5",
    "24-03-15", "15/03/2024", "2024/03/15", "20240315", "2024-03-15T10:00",
    "２０２４-03-15", "2024-03-1a", "+024-03-15", "2024-03-15x", "2024--3-15",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *message =
        g_strdup_printf ("‘%s’ is not a date (expected YYYY-MM-DD)", bad[i]);

      assert_rejected (bad[i], message);
    }
  assert_rejected ("2024-03-1\xff", "‘2024-03-1\uFFFD’ is not a date (expected YYYY-MM-DD)");
}

static void
test_format (void)
{
  g_autoptr(GDate) date = g_date_new_dmy (5, G_DATE_JANUARY, 1901);
  g_autofree char *text = trellis_date_format (date);

  g_assert_cmpstr (text, ==, "1901-01-05");
}

static void
test_days_between (void)
{
  GDate a, b;

  g_assert_true (trellis_date_parse ("2024-02-28", &a, NULL));
  g_assert_true (trellis_date_parse ("2024-03-01", &b, NULL));
  g_assert_cmpint (trellis_date_days_between (&a, &b), ==, 2);
  g_assert_cmpint (trellis_date_days_between (&b, &a), ==, -2);
  g_assert_cmpint (trellis_date_days_between (&a, &a), ==, 0);

  g_assert_true (trellis_date_parse ("2023-02-28", &a, NULL));
  g_assert_true (trellis_date_parse ("2023-03-01", &b, NULL));
  g_assert_cmpint (trellis_date_days_between (&a, &b), ==, 1);

  g_assert_true (trellis_date_parse ("1900-01-01", &a, NULL));
  g_assert_true (trellis_date_parse ("2100-12-31", &b, NULL));
  g_assert_cmpint (trellis_date_days_between (&a, &b), ==, 73413);
}

/* Stored dates as day numbers; no date, or a damaged one, is 0. */
static void
test_julian_or_zero (void)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, G_DATE_MARCH, 2024);
  g_assert_cmpuint (trellis_date_to_julian_or_zero ("2024-03-01"), ==, g_date_get_julian (&date));
  g_assert_cmpuint (trellis_date_to_julian_or_zero ("2024-03-02") - trellis_date_to_julian_or_zero ("2024-02-28"),
                    ==, 3);
  g_assert_cmpuint (trellis_date_to_julian_or_zero (NULL), ==, 0);
  g_assert_cmpuint (trellis_date_to_julian_or_zero ("2024-02-30"), ==, 0);
  g_assert_cmpuint (trellis_date_to_julian_or_zero ("someday"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/trellis/domain/date/parse-valid", test_parse_valid);
  g_test_add_func ("/trellis/domain/date/parse-impossible", test_parse_impossible);
  g_test_add_func ("/trellis/domain/date/parse-year-range", test_parse_year_range);
  g_test_add_func ("/trellis/domain/date/parse-shape", test_parse_shape);
  g_test_add_func ("/trellis/domain/date/format", test_format);
  g_test_add_func ("/trellis/domain/date/days-between", test_days_between);
  g_test_add_func ("/trellis/domain/date/julian-or-zero", test_julian_or_zero);

  return g_test_run ();
}
