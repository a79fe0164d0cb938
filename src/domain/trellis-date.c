/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "trellis-date.h"
#include "trellis-domain-error.h"

/* Dates are research data (consent, baseline, timepoints), so only the one
 * unambiguous form is read: "03/04/2024" means a different day in the UK and
 * the US, and guessing would silently move a participant's baseline. */
static gboolean
has_iso_shape (const char *text)
{
  static const char shape[] = "dddd-dd-dd";

  if (strlen (text) != strlen (shape))
    return FALSE;
  for (gsize i = 0; shape[i] != '\0'; i++)
    {
      if (shape[i] == 'd' ? !g_ascii_isdigit (text[i]) : text[i] != shape[i])
        return FALSE;
    }
  return TRUE;
}

static int
digits_value (const char *text,
              gsize       n)
{
  int value = 0;

  for (gsize i = 0; i < n; i++)
    value = value * 10 + (text[i] - '0');
  return value;
}

/* "February 2024", in the user's language, for the message that says how
 * many days that month has. */
static char *
month_and_year (int month,
                int year)
{
  g_autoptr(GDateTime) first = g_date_time_new_utc (year, month, 1, 0, 0, 0);

  return g_date_time_format (first, "%OB %Y");
}

static gboolean
check_day (const char  *text,
           int          year,
           int          month,
           int          day,
           GError     **error)
{
  int days = g_date_get_days_in_month (month, year);
  g_autofree char *when = NULL;

  if (day == 0)
    {
      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                   _("‘%s’ is not a date: there is no day 0"), text);
      return FALSE;
    }
  if (day <= days)
    return TRUE;

  when = month_and_year (month, year);
  g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
               _("‘%s’ is not a date: %s has %d days"), text, when, days);
  return FALSE;
}

/* Reads exactly YYYY-MM-DD, with no space or time around it. Years outside
 * 1900–2100 are refused because in this study every date is a recent or near
 * event, and such a year is nearly always a typing slip ("2204", "0224").
 * @out may be NULL to only check @text; it is left alone on failure. */
gboolean
trellis_date_parse (const char  *text,
                    GDate       *out,
                    GError     **error)
{
  int year, month, day;

  g_return_val_if_fail (text != NULL, FALSE);

  if (!has_iso_shape (text))
    {
      /* Made only here: the schedule reads several dates per participant,
       * and a copy of each would cost more than reading it. */
      g_autofree char *shown = g_utf8_make_valid (text, -1);

      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                   _("‘%s’ is not a date (expected YYYY-MM-DD)"), shown);
      return FALSE;
    }

  year = digits_value (text, 4);
  month = digits_value (text + 5, 2);
  day = digits_value (text + 8, 2);
  if (year < TRELLIS_DATE_YEAR_MIN || year > TRELLIS_DATE_YEAR_MAX)
    {
      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                   _("‘%s’ is not a date in range: the year must be between %d and %d"),
                   text, TRELLIS_DATE_YEAR_MIN, TRELLIS_DATE_YEAR_MAX);
      return FALSE;
    }
  if (month < 1 || month > 12)
    {
      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                   _("‘%s’ is not a date: there is no month %d"), text, month);
      return FALSE;
    }
  if (!check_day (text, year, month, day, error))
    return FALSE;

  if (out != NULL)
    g_date_set_dmy (out, day, month, year);
  return TRUE;
}

/* The stored and exported form, the same one trellis_date_parse() reads. */
char *
trellis_date_format (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return g_strdup_printf ("%04d-%02d-%02d", (int) g_date_get_year (date),
                          (int) g_date_get_month (date), (int) g_date_get_day (date));
}

/* Days from @from to @to: positive when @to is later, so a timepoint's day
 * from baseline is trellis_date_days_between (baseline, date). */
int
trellis_date_days_between (const GDate *from,
                           const GDate *to)
{
  g_return_val_if_fail (from != NULL && g_date_valid (from), 0);
  g_return_val_if_fail (to != NULL && g_date_valid (to), 0);

  return g_date_days_between (from, to);
}

/* A stored date as a Julian day number (g_date_get_julian), for comparing
 * many dates as integers: 0 for NULL or text that is not a date, which is
 * what the consent and status rules take as “no date”. */
guint32
trellis_date_to_julian_or_zero (const char *text)
{
  GDate date;

  if (text == NULL || !trellis_date_parse (text, &date, NULL))
    return 0;
  return g_date_get_julian (&date);
}
