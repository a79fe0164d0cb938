/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "trellis-domain-error.h"
#include "trellis-local-time.h"

#define DAY_SECONDS G_GINT64_CONSTANT (86400)

/* IANA names ("Europe/London") and offsets ("+01:00", "UTC"). GLib would
 * also read any file path given; a study's time zone has no business naming
 * one, so absolute paths and ".." are refused before GLib sees them. */
static GTimeZone *
open_zone (const char  *zone,
           GError     **error)
{
  GTimeZone *tz = NULL;

  if (zone != NULL && zone[0] != '\0' && zone[0] != '/' && strstr (zone, "..") == NULL &&
      g_utf8_validate (zone, -1, NULL))
    tz = g_time_zone_new_identifier (zone);
  if (tz == NULL)
    {
      g_autofree char *shown = g_utf8_make_valid (zone != NULL ? zone : "", -1);

      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                   _("‘%s’ is not a time zone this computer knows (expected a name such as Europe/London)"),
                   shown);
    }
  return tz;
}

/* The typed time read as if it were UTC: the "local seconds" that every
 * candidate instant plus its offset must give back. */
static gint64
local_seconds (const GDate *date,
               int          hour,
               int          minute)
{
  g_autoptr(GDateTime) naive = g_date_time_new_utc (g_date_get_year (date), g_date_get_month (date),
                                                    g_date_get_day (date), hour, minute, 0);

  return g_date_time_to_unix (naive);
}

static gint32
offset_at (GTimeZone *tz,
           gint64     utc)
{
  return g_time_zone_get_offset (tz, g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, utc));
}

static gboolean
check_input (const GDate  *date,
             int           hour,
             int           minute,
             GError      **error)
{
  if (date == NULL || !g_date_valid (date) || hour < 0 || hour > 23 || minute < 0 || minute > 59)
    {
      g_set_error_literal (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                           _("Give a valid date and a time from 00:00 to 23:59"));
      return FALSE;
    }
  return TRUE;
}

/* Offsets a day before, at, and a day after the naive instant cover every
 * offset in force near the typed time (offsets stay within ±14 hours). */
static void
find_candidates (GTimeZone                  *tz,
                 gint64                      local,
                 TrellisLocalTimeCandidates *out)
{
  gint32 offsets[3];

  offsets[0] = offset_at (tz, local - DAY_SECONDS);
  offsets[1] = offset_at (tz, local);
  offsets[2] = offset_at (tz, local + DAY_SECONDS);

  memset (out, 0, sizeof *out);
  for (guint i = 0; i < G_N_ELEMENTS (offsets); i++)
    {
      gint64 utc = local - offsets[i];
      gboolean seen = FALSE;

      for (guint k = 0; k < out->n; k++)
        seen = seen || out->offset[k] == offsets[i];
      if (seen || offset_at (tz, utc) != offsets[i] || out->n == G_N_ELEMENTS (out->utc))
        continue;
      out->utc[out->n] = utc;
      out->offset[out->n] = offsets[i];
      out->n++;
    }
  if (out->n == 2 && out->utc[0] > out->utc[1])
    {
      gint64 utc = out->utc[0];
      gint32 offset = out->offset[0];

      out->utc[0] = out->utc[1], out->offset[0] = out->offset[1];
      out->utc[1] = utc, out->offset[1] = offset;
    }
}

gboolean
trellis_local_time_candidates (const char                  *zone,
                               const GDate                 *date,
                               int                          hour,
                               int                          minute,
                               TrellisLocalTimeCandidates  *candidates,
                               GError                     **error)
{
  g_autoptr(GTimeZone) tz = NULL;

  g_return_val_if_fail (candidates != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_input (date, hour, minute, error))
    return FALSE;
  tz = open_zone (zone, error);
  if (tz == NULL)
    return FALSE;
  find_candidates (tz, local_seconds (date, hour, minute), candidates);
  return TRUE;
}

/* The first UTC second in (@from, @to] whose offset differs from @from's:
 * the clock change between them, by bisection. */
static gint64
find_change (GTimeZone *tz,
             gint64     from,
             gint64     to)
{
  gint32 before = offset_at (tz, from);

  while (to - from > 1)
    {
      gint64 middle = from + (to - from) / 2;

      if (offset_at (tz, middle) == before)
        from = middle;
      else
        to = middle;
    }
  return to;
}

/* "01:00": the wall-clock time of @utc at @offset. */
static char *
format_clock (gint64 utc,
              gint32 offset)
{
  g_autoptr(GDateTime) wall = g_date_time_new_from_unix_utc (utc + offset);

  return g_date_time_format (wall, "%H:%M");
}

/* "+01:00" */
static char *
format_offset (gint32 offset)
{
  gint32 minutes = ABS (offset) / 60;

  return g_strdup_printf ("%c%02d:%02d", offset < 0 ? '-' : '+', minutes / 60, minutes % 60);
}

/* The typed time and date as the messages name them: "01:30 on 30 March 2025". */
static char *
format_typed (const GDate *date,
              int          hour,
              int          minute)
{
  g_autoptr(GDateTime) day = g_date_time_new_utc (g_date_get_year (date), g_date_get_month (date),
                                                  g_date_get_day (date), hour, minute, 0);
  /* TRANSLATORS: a date in messages about clock changes, in g_date_time_format ()
   * codes, not printf ones. xgettext:no-c-format */
  g_autofree char *date_text = g_date_time_format (day, _("%-d %B %Y"));

  return g_strdup_printf (_("%02d:%02d on %s"), hour, minute, date_text);
}

/* Clocks go forward across the typed time: say from what to what, so the
 * person can pick a time that exists. */
static void
set_nonexistent (GError      **error,
                 GTimeZone    *tz,
                 const char   *zone,
                 const char   *typed,
                 gint64        local)
{
  gint64 change = find_change (tz, local - DAY_SECONDS, local + DAY_SECONDS);
  gint32 before = offset_at (tz, change - 1);
  gint32 after = offset_at (tz, change);
  g_autofree char *from = format_clock (change, before);
  g_autofree char *to = format_clock (change, after);

  g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_NONEXISTENT_TIME,
               _("%s does not exist in %s: clocks go forward from %s to %s. Choose a time from %s on."),
               typed, zone, from, to, to);
}

/* "BST", "GMT": what people in the zone call its time at @utc. */
static const char *
abbreviation_at (GTimeZone *tz,
                 gint64     utc)
{
  return g_time_zone_get_abbreviation (tz, g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, utc));
}

/* Clocks go back across the typed time: name both occurrences so the person
 * can say which one the interview is. */
static void
set_ambiguous (GError                          **error,
               GTimeZone                        *tz,
               const char                       *zone,
               const char                       *typed,
               const TrellisLocalTimeCandidates *found)
{
  gint64 change = find_change (tz, found->utc[0], found->utc[1]);
  g_autofree char *from = format_clock (change, found->offset[0]);
  g_autofree char *to = format_clock (change, found->offset[1]);
  g_autofree char *first = format_offset (found->offset[0]);
  g_autofree char *second = format_offset (found->offset[1]);
  const char *first_name = abbreviation_at (tz, found->utc[0]);
  const char *second_name = abbreviation_at (tz, found->utc[1]);

  g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_AMBIGUOUS_TIME,
               _("%s happens twice in %s: clocks go back from %s to %s. "
                 "Choose the first (%s, UTC%s) or the second (%s, UTC%s)."),
               typed, zone, from, to, first_name, first, second_name, second);
}

gboolean
trellis_local_time_to_utc (const char                  *zone,
                           const GDate                 *date,
                           int                          hour,
                           int                          minute,
                           TrellisLocalTimeChoice       which,
                           gint64                      *utc,
                           TrellisLocalTimeCandidates  *candidates,
                           GError                     **error)
{
  g_autoptr(GTimeZone) tz = NULL;
  g_autofree char *typed = NULL;
  TrellisLocalTimeCandidates found;
  gint64 local;

  g_return_val_if_fail (utc != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_input (date, hour, minute, error) || (tz = open_zone (zone, error)) == NULL)
    return FALSE;
  local = local_seconds (date, hour, minute);
  find_candidates (tz, local, &found);
  if (candidates != NULL)
    *candidates = found;

  typed = format_typed (date, hour, minute);
  if (found.n == 0)
    {
      set_nonexistent (error, tz, zone, typed, local);
      return FALSE;
    }
  if (found.n == 2 && which == TRELLIS_LOCAL_TIME_ASK)
    {
      set_ambiguous (error, tz, zone, typed, &found);
      return FALSE;
    }
  *utc = found.n == 2 && which == TRELLIS_LOCAL_TIME_LATER ? found.utc[1] : found.utc[0];
  return TRUE;
}
