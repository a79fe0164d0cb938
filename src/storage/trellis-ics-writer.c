/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <libical/ical.h>

#include "trellis-ics-writer.h"
#include "trellis-local-time.h"
#include "trellis-storage-error.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (icalcomponent, icalcomponent_free)

/* One time zone the calendar uses, and the earliest interview booked in it,
 * which decides how much of the zone's history the file has to carry. A NULL
 * zone means the times are written in UTC. */
typedef struct
{
  const char   *name;
  icaltimezone *zone;
  gint64        earliest_utc;
} UsedZone;

/* The host part of a UID: letters, digits, dots and hyphens only, so that a
 * study file named "Coaching study (2025).trellis" still gives a UID every
 * calendar accepts. The same study key always gives the same UID, which is
 * what lets a calendar update an event rather than add a second one. */
char *
trellis_ics_interview_uid (gint64      interview_id,
                           const char *study_key)
{
  g_autoptr(GString) host = g_string_new (NULL);

  g_return_val_if_fail (study_key != NULL, NULL);

  for (const char *p = study_key; *p != '\0'; p++)
    g_string_append_c (host, g_ascii_isalnum (*p) || *p == '.' || *p == '-' ? *p : '-');
  if (host->len == 0)
    g_string_append (host, "study");
  return g_strdup_printf ("interview-%" G_GINT64_FORMAT "@%s.trellis", interview_id, host->str);
}

/* libical reads the system's zoneinfo for a named zone. A path or ".." has
 * no business in a zone name and is never handed to it; UTC, a zone libical
 * does not know, and no zone at all are written as UTC instants, which every
 * calendar shows correctly in its own zone. */
static icaltimezone *
builtin_zone (const char *name)
{
  icaltimezone *zone;

  if (name == NULL || name[0] == '\0' || name[0] == '/' || strstr (name, "..") != NULL ||
      !g_utf8_validate (name, -1, NULL))
    return NULL;
  zone = icaltimezone_get_builtin_timezone (name);
  if (zone == NULL || zone == icaltimezone_get_utc_timezone () || icaltimezone_get_component (zone) == NULL)
    return NULL;
  return zone;
}

static GArray *
collect_zones (const TrellisIcsInterview *interviews,
               gsize                      n_interviews)
{
  GArray *zones = g_array_new (FALSE, FALSE, sizeof (UsedZone));

  for (gsize i = 0; i < n_interviews; i++)
    {
      icaltimezone *zone = builtin_zone (interviews[i].time_zone);
      gboolean seen = FALSE;

      if (zone == NULL)
        continue;
      for (guint j = 0; j < zones->len && !seen; j++)
        {
          UsedZone *used = &g_array_index (zones, UsedZone, j);

          seen = g_str_equal (used->name, interviews[i].time_zone);
          if (seen)
            used->earliest_utc = MIN (used->earliest_utc, interviews[i].start_utc);
        }
      if (!seen)
        g_array_append_val (zones, ((UsedZone) { interviews[i].time_zone, zone, interviews[i].start_utc }));
    }
  return zones;
}

static const UsedZone *
find_zone (GArray     *zones,
           const char *name)
{
  for (guint i = 0; i < zones->len; i++)
    if (name != NULL && g_str_equal (g_array_index (zones, UsedZone, i).name, name))
      return &g_array_index (zones, UsedZone, i);
  return NULL;
}

static icaltimetype
utc_time (gint64 utc)
{
  return icaltime_from_timet_with_zone ((time_t) utc, 0, icaltimezone_get_utc_timezone ());
}

/* The zone's whole history since 1847 would add hundreds of lines; from the
 * start of the year before the earliest interview is enough for every local
 * time in the file, and keeps the rules for later years. The TZID is the
 * plain IANA name, which calendar programs recognise, rather than libical's
 * own "/freeassociation.sourceforge.net/" prefix. */
static icalcomponent *
vtimezone_for (const UsedZone *used)
{
  icalcomponent *vtimezone = icalcomponent_new_clone (icaltimezone_get_component (used->zone));
  g_autoptr(GDateTime) earliest = g_date_time_new_from_unix_utc (used->earliest_utc);
  g_autoptr(GDateTime) from = g_date_time_new_utc (g_date_time_get_year (earliest) - 1, 1, 1, 0, 0, 0);
  icalproperty *tzid = icalcomponent_get_first_property (vtimezone, ICAL_TZID_PROPERTY);

  icaltimezone_truncate_vtimezone (vtimezone, utc_time (g_date_time_to_unix (from)), icaltime_null_time (), 0);
  icalproperty_set_tzid (tzid, used->name);
  return vtimezone;
}

/* The instant's clock time in the zone, when that clock time names this
 * instant and no other. When clocks go back, 01:30 happens twice in London:
 * RFC 5545 3.3.5 reads it as the first time, libical as the second, so a
 * repeated clock time could show an hour out in some calendars. Asking GLib
 * (through the rule the scheduler itself uses) rather than libical also
 * keeps a disagreement between the two zone databases from shifting an
 * interview: such a time is written in UTC. */
static gboolean
unique_local_time (gint64          utc,
                   const UsedZone *used,
                   icaltimetype   *local)
{
  TrellisLocalTimeCandidates candidates;
  GDate date;

  *local = icaltime_from_timet_with_zone ((time_t) utc, 0, used->zone);
  g_date_clear (&date, 1);
  if (!g_date_valid_dmy (local->day, local->month, local->year))
    return FALSE;
  g_date_set_dmy (&date, local->day, local->month, local->year);
  if (!trellis_local_time_candidates (used->name, &date, local->hour, local->minute, &candidates, NULL))
    return FALSE;
  local->zone = NULL;
  local->is_daylight = 0;
  return candidates.n == 1 && candidates.utc[0] + local->second == utc;
}

/* Local wall time with a TZID, so that the event keeps its clock time in the
 * zone it was booked in; UTC when the zone is not one libical knows or the
 * clock time is not unique. */
static icalproperty *
time_property (icalproperty_kind  kind,
               gint64             utc,
               const UsedZone    *used)
{
  icaltimetype when = utc_time (utc);
  icaltimetype local;
  icalproperty *property;

  if (used != NULL && unique_local_time (utc, used, &local))
    when = local;
  else
    used = NULL;
  property = icalproperty_new (kind);
  icalproperty_set_value (property, icalvalue_new_datetime (when));
  if (used != NULL)
    icalproperty_add_parameter (property, icalparameter_new_tzid (used->name));
  return property;
}

/* Invited interviews have no agreed time yet; the ones that will not happen
 * are kept as cancelled so that calendars which imported them remove them. */
static icalproperty_status
status_for (TrellisInterviewStatus status)
{
  if (status == TRELLIS_INTERVIEW_INVITED)
    return ICAL_STATUS_TENTATIVE;
  if (trellis_interview_status_calls_for_replacement (status))
    return ICAL_STATUS_CANCELLED;
  return ICAL_STATUS_CONFIRMED;
}

/* Texts go through g_utf8_make_valid: a calendar file must be UTF-8. */
static icalproperty *
text_property (icalproperty *(*make) (const char *),
               const char   *text)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);

  return make (valid);
}

static char *
summary_for (const TrellisIcsInterview *interview)
{
  if (interview->mode == NULL || interview->mode[0] == '\0')
    /* TRANSLATORS: a calendar event's title; %s is a participant's study code such as P017. */
    return g_strdup_printf (_("Interview %s"), interview->study_code);
  /* TRANSLATORS: a calendar event's title: the participant's study code and
   * how the interview is held, for example "Interview P017 (video call)". */
  return g_strdup_printf (_("Interview %s (%s)"), interview->study_code, interview->mode);
}

static char *
description_for (const TrellisIcsInterview *interview)
{
  const char *interviewer = interview->interviewer != NULL ? interview->interviewer : "";
  const char *title = interview->study_title != NULL ? interview->study_title : "";

  /* TRANSLATORS: a calendar event's notes, on two lines. */
  return g_strdup_printf (_("Interviewer: %s\nStudy: %s"), interviewer, title);
}

static icalcomponent *
event_for (const TrellisIcsInterview *interview,
           const UsedZone            *used,
           gint64                     now_utc)
{
  icalcomponent *event = icalcomponent_new_vevent ();
  g_autofree char *summary = summary_for (interview);
  g_autofree char *description = description_for (interview);
  gint64 end_utc = interview->start_utc + (gint64) interview->minutes * 60;

  icalcomponent_add_property (event, text_property (icalproperty_new_uid, interview->uid));
  icalcomponent_add_property (event, icalproperty_new_dtstamp (utc_time (now_utc)));
  icalcomponent_add_property (event, icalproperty_new_sequence ((int) MIN (interview->sequence, G_MAXINT)));
  icalcomponent_add_property (event, time_property (ICAL_DTSTART_PROPERTY, interview->start_utc, used));
  icalcomponent_add_property (event, time_property (ICAL_DTEND_PROPERTY, end_utc, used));
  icalcomponent_add_property (event, text_property (icalproperty_new_summary, summary));
  if (interview->location != NULL && interview->location[0] != '\0')
    icalcomponent_add_property (event, text_property (icalproperty_new_location, interview->location));
  icalcomponent_add_property (event, text_property (icalproperty_new_description, description));
  icalcomponent_add_property (event, icalproperty_new_status (status_for (interview->status)));
  return event;
}

/* Years 1 to 9999 are what an iCalendar DATE-TIME can hold. */
static gboolean
check_interview (const TrellisIcsInterview  *interview,
                 GError                    **error)
{
  g_autoptr(GDateTime) start = g_date_time_new_from_unix_utc (interview->start_utc);
  g_autoptr(GDateTime) end = g_date_time_new_from_unix_utc (interview->start_utc +
                                                            (gint64) interview->minutes * 60);

  if (interview->uid == NULL || interview->uid[0] == '\0' || interview->study_code == NULL ||
      interview->study_code[0] == '\0')
    {
      g_set_error_literal (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_FAILED,
                           _("An interview has no identifier or no study code, so it cannot go into a calendar"));
      return FALSE;
    }
  if (start == NULL || end == NULL)
    {
      g_autofree char *shown = g_utf8_make_valid (interview->study_code, -1);

      g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_FAILED,
                   _("The interview with %s has a time no calendar can hold"), shown);
      return FALSE;
    }
  return TRUE;
}

static icalcomponent *
calendar_new (void)
{
  icalcomponent *calendar = icalcomponent_new_vcalendar ();

  icalcomponent_add_property (calendar, icalproperty_new_prodid ("-//Trellis//Trellis " PACKAGE_VERSION "//EN"));
  icalcomponent_add_property (calendar, icalproperty_new_version ("2.0"));
  icalcomponent_add_property (calendar, icalproperty_new_calscale ("GREGORIAN"));
  icalcomponent_add_property (calendar, icalproperty_new_method (ICAL_METHOD_PUBLISH));
  return calendar;
}

/* The whole calendar as RFC 5545 text: CRLF line ends, lines folded at 75
 * octets and text escaped, all by libical. Every zone used comes first as a
 * VTIMEZONE, then one VEVENT per interview in the order given. */
char *
trellis_ics_write_string (const TrellisIcsInterview  *interviews,
                          gsize                       n_interviews,
                          gint64                      now_utc,
                          GError                    **error)
{
  g_autoptr(icalcomponent) calendar = NULL;
  g_autoptr(GArray) zones = NULL;
  char *text;
  char *result;

  g_return_val_if_fail (interviews != NULL || n_interviews == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  for (gsize i = 0; i < n_interviews; i++)
    if (!check_interview (&interviews[i], error))
      return NULL;
  calendar = calendar_new ();
  zones = collect_zones (interviews, n_interviews);
  for (guint i = 0; i < zones->len; i++)
    icalcomponent_add_component (calendar, vtimezone_for (&g_array_index (zones, UsedZone, i)));
  for (gsize i = 0; i < n_interviews; i++)
    icalcomponent_add_component (calendar, event_for (&interviews[i],
                                                      find_zone (zones, interviews[i].time_zone), now_utc));
  text = icalcomponent_as_ical_string_r (calendar);
  result = g_strdup (text);
  icalmemory_free_buffer (text);
  return result;
}

/* Written in one go through a temporary file, so an interviewer's calendar
 * never imports half a file if the disk fills or the program stops. */
gboolean
trellis_ics_write_file (GFile                      *file,
                        const TrellisIcsInterview  *interviews,
                        gsize                       n_interviews,
                        gint64                      now_utc,
                        GError                    **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *shown = NULL;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  shown = g_file_get_parse_name (file);
  text = trellis_ics_write_string (interviews, n_interviews, now_utc, &local_error);
  if (text != NULL &&
      g_file_replace_contents (file, text, strlen (text), NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL,
                               &local_error))
    return TRUE;
  g_set_error (error, TRELLIS_STORAGE_ERROR,
               text == NULL ? local_error->code : TRELLIS_STORAGE_ERROR_IO,
               _("Could not write the interview calendar “%s”: %s"), shown, local_error->message);
  return FALSE;
}
