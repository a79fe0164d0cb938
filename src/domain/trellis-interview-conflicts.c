/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-interview-conflicts.h"

#define DAY_SECONDS G_GINT64_CONSTANT (86400)

/* What every check needs, with each interviewer's name folded once rather
 * than once per pair. */
typedef struct
{
  const TrellisInterviewSlot *slots;
  gsize                       n_slots;
  char                      **keys;
  gint64                      now_utc;
  GTimeZone                  *shown_in;
} Checker;

void
trellis_interview_conflict_free (TrellisInterviewConflict *conflict)
{
  if (conflict == NULL)
    return;
  g_free (conflict->message);
  g_free (conflict);
}

/* The same person typed twice rarely matches byte for byte: "Dr  Smith" and
 * "dr smith" are one diary. Compatibility-normalised, case-folded, with runs
 * of white space made one space and the ends trimmed; NULL for no name. */
static char *
interviewer_key (const char *name)
{
  g_autofree char *normal = NULL;
  g_autofree char *folded = NULL;
  g_autoptr(GString) key = g_string_new (NULL);
  gboolean space = FALSE;

  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    return NULL;
  normal = g_utf8_normalize (name, -1, G_NORMALIZE_ALL);
  folded = g_utf8_casefold (normal, -1);
  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          space = key->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (key, ' ');
      space = FALSE;
      g_string_append_unichar (key, c);
    }
  return key->len > 0 ? g_string_free (g_steal_pointer (&key), FALSE) : NULL;
}

/* Two unnamed interviewers are not known to be the same person. */
gboolean
trellis_interview_same_interviewer (const char *a,
                                    const char *b)
{
  g_autofree char *key_a = interviewer_key (a);
  g_autofree char *key_b = interviewer_key (b);

  return key_a != NULL && key_b != NULL && g_str_equal (key_a, key_b);
}

/* "Mon 12 May 2025, 14:00 BST", in the zone the person reading works in. */
char *
trellis_interview_format_time (gint64     utc,
                               GTimeZone *shown_in)
{
  g_autoptr(GDateTime) instant = g_date_time_new_from_unix_utc (utc);
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (shown_in != NULL, NULL);
  g_return_val_if_fail (instant != NULL, NULL);

  local = g_date_time_to_timezone (instant, shown_in);
  /* TRANSLATORS: an interview's date and time, strftime-style as GLib's
   * g_date_time_format reads it; for example "Mon 12 May 2025, 14:00 BST". */
  return g_date_time_format (local, C_("interview time", "%a %-d %b %Y, %H:%M %Z"));
}

static char *
format_day (gint64 day)
{
  g_autoptr(GDateTime) midnight = g_date_time_new_from_unix_utc (day * DAY_SECONDS);

  /* TRANSLATORS: a day of a participant's interview window, for example
   * "Tue 13 May 2025". */
  return g_date_time_format (midnight, C_("interview window day", "%a %-d %b %Y"));
}

static gint64
floor_day (gint64 seconds)
{
  return seconds >= 0 ? seconds / DAY_SECONDS : -((-seconds + DAY_SECONDS - 1) / DAY_SECONDS);
}

/* The day of the interview is the day on the clock where it is read, so an
 * interview at 00:30 BST counts for that day and not the UTC day before. */
static gint64
local_day (gint64     utc,
           GTimeZone *zone)
{
  gint interval = g_time_zone_find_interval (zone, G_TIME_TYPE_UNIVERSAL, utc);

  return floor_day (utc + g_time_zone_get_offset (zone, interval));
}

/* Declined and did-not-attend interviews hold no slot in anyone's diary, and
 * a slot with no time booked yet cannot clash with anything. */
static gboolean
holds_slot (const TrellisInterviewSlot *slot)
{
  return slot->start_utc != 0 && !trellis_interview_status_calls_for_replacement (slot->status);
}

static TrellisInterviewConflict *
conflict_new (const TrellisInterviewSlot   *slot,
              TrellisInterviewConflictKind  kind,
              char                         *message)
{
  TrellisInterviewConflict *conflict = g_new0 (TrellisInterviewConflict, 1);

  conflict->interview_id = slot->id;
  conflict->kind = kind;
  conflict->message = message;
  return conflict;
}

/* Only a scheduled interview can be late to record: once it is done (or
 * further on) the time having passed is the point. A slot starting exactly
 * now has not passed yet. */
static void
check_past (const Checker              *checker,
            const TrellisInterviewSlot *slot,
            GPtrArray                  *out)
{
  g_autofree char *when = NULL;

  if (slot->status != TRELLIS_INTERVIEW_SCHEDULED || slot->start_utc >= checker->now_utc)
    return;
  when = trellis_interview_format_time (slot->start_utc, checker->shown_in);
  g_ptr_array_add (out, conflict_new (slot, TRELLIS_INTERVIEW_CONFLICT_IN_PAST,
                                      g_strdup_printf (_("Booked for %s, which has passed: record whether it "
                                                         "took place, or book a new time"), when)));
}

static char *
window_message (gint64 days,
                gint64 edge_day)
{
  g_autofree char *edge = format_day (edge_day);
  gulong count = (gulong) ABS (days);

  if (days < 0)
    return g_strdup_printf (ngettext ("%lu day before the participant’s interview window opens on %s",
                                      "%lu days before the participant’s interview window opens on %s",
                                      count), count, edge);
  return g_strdup_printf (ngettext ("%lu day after the participant’s interview window closes on %s",
                                    "%lu days after the participant’s interview window closes on %s",
                                    count), count, edge);
}

/* Windows are whole days: any time on the first or the last day is inside. */
static void
check_window (const Checker              *checker,
              const TrellisInterviewSlot *slot,
              GPtrArray                  *out)
{
  gint64 day = local_day (slot->start_utc, checker->shown_in);
  gint64 days = 0;
  gint64 edge = 0;
  TrellisInterviewConflict *conflict;

  if (slot->window_first_utc != 0 && day < floor_day (slot->window_first_utc))
    edge = floor_day (slot->window_first_utc);
  else if (slot->window_last_utc != 0 && day > floor_day (slot->window_last_utc))
    edge = floor_day (slot->window_last_utc);
  else
    return;
  days = day - edge;
  conflict = conflict_new (slot, TRELLIS_INTERVIEW_CONFLICT_OUTSIDE_WINDOW, window_message (days, edge));
  conflict->days = (gint) CLAMP (days, G_MININT, G_MAXINT);
  g_ptr_array_add (out, conflict);
}

/* Half-open ranges [start, start + duration): one interview ending at 11:00
 * and the next starting at 11:00 is a full diary, not a clash. */
static gboolean
overlaps (const TrellisInterviewSlot *a,
          const TrellisInterviewSlot *b)
{
  gint64 end_a = a->start_utc + (gint64) a->minutes * 60;
  gint64 end_b = b->start_utc + (gint64) b->minutes * 60;

  return a->start_utc < end_b && b->start_utc < end_a;
}

static char *
double_booked_message (const Checker              *checker,
                       const TrellisInterviewSlot *slot,
                       const TrellisInterviewSlot *other)
{
  g_autofree char *when = trellis_interview_format_time (other->start_utc, checker->shown_in);
  g_autofree char *name = g_utf8_make_valid (slot->interviewer, -1);
  g_autofree char *code = g_utf8_make_valid (other->participant_code != NULL ? other->participant_code : "?", -1);

  return g_strdup_printf (ngettext ("%s is also interviewing %s at %s (%u minute)",
                                    "%s is also interviewing %s at %s (%u minutes)",
                                    other->minutes),
                          name, code, when, other->minutes);
}

/* Every pair is looked at: a study books tens of interviews, not thousands. */
static void
check_double_booked (const Checker *checker,
                     gsize          index,
                     GPtrArray     *out)
{
  const TrellisInterviewSlot *slot = &checker->slots[index];

  if (checker->keys[index] == NULL)
    return;
  for (gsize j = 0; j < checker->n_slots; j++)
    {
      const TrellisInterviewSlot *other = &checker->slots[j];
      TrellisInterviewConflict *conflict;

      if (j == index || checker->keys[j] == NULL || !holds_slot (other) ||
          !g_str_equal (checker->keys[index], checker->keys[j]) || !overlaps (slot, other))
        continue;
      conflict = conflict_new (slot, TRELLIS_INTERVIEW_CONFLICT_DOUBLE_BOOKED,
                               double_booked_message (checker, slot, other));
      conflict->other_id = other->id;
      g_ptr_array_add (out, conflict);
    }
}

static void
check_one (const Checker *checker,
           gsize          index,
           GPtrArray     *out)
{
  const TrellisInterviewSlot *slot = &checker->slots[index];

  if (!holds_slot (slot))
    return;
  check_past (checker, slot, out);
  check_window (checker, slot, out);
  check_double_booked (checker, index, out);
}

/* Conflicts for the interviews whose id is only_id, or for all of them when
 * all is TRUE. A double booking is reported on both interviews, each naming
 * the other, so each row of a list can show its own. */
static GPtrArray *
find (const TrellisInterviewSlot *slots,
      gsize                       n_slots,
      gboolean                    all,
      gint64                      only_id,
      gint64                      now_utc,
      GTimeZone                  *shown_in)
{
  Checker checker = { slots, n_slots, g_new0 (char *, n_slots + 1), now_utc, shown_in };
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) trellis_interview_conflict_free);

  for (gsize i = 0; i < n_slots; i++)
    checker.keys[i] = holds_slot (&slots[i]) ? interviewer_key (slots[i].interviewer) : NULL;
  for (gsize i = 0; i < n_slots; i++)
    if (all || slots[i].id == only_id)
      check_one (&checker, i, out);
  for (gsize i = 0; i < n_slots; i++)
    g_free (checker.keys[i]);
  g_free (checker.keys);
  return out;
}

GPtrArray *
trellis_interview_conflicts_for (const TrellisInterviewSlot *slots,
                                 gsize                       n_slots,
                                 gint64                      interview_id,
                                 gint64                      now_utc,
                                 GTimeZone                  *shown_in)
{
  g_return_val_if_fail (slots != NULL || n_slots == 0, NULL);
  g_return_val_if_fail (shown_in != NULL, NULL);

  return find (slots, n_slots, FALSE, interview_id, now_utc, shown_in);
}

GPtrArray *
trellis_interview_conflicts_all (const TrellisInterviewSlot *slots,
                                 gsize                       n_slots,
                                 gint64                      now_utc,
                                 GTimeZone                  *shown_in)
{
  g_return_val_if_fail (slots != NULL || n_slots == 0, NULL);
  g_return_val_if_fail (shown_in != NULL, NULL);

  return find (slots, n_slots, TRUE, 0, now_utc, shown_in);
}
