/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-date.h"
#include "trellis-domain-error.h"
#include "trellis-schedule.h"

/* One table per enum keeps the stored word and the label side by side, so
 * adding a value cannot forget one of them. */
typedef struct
{
  const char *word;
  const char *label;
} Names;

static const Names anchor_names[] = {
  [TRELLIS_ANCHOR_BASELINE] = { "baseline", N_("Baseline") },
  [TRELLIS_ANCHOR_WORKSHOP] = { "workshop", N_("Workshop attended") },
  [TRELLIS_ANCHOR_COACHING] = { "coaching", N_("Coaching call held") },
};

static const Names status_names[] = {
  [TRELLIS_VISIT_NOT_YET_DUE] = { "not-yet-due", N_("Not yet due") },
  [TRELLIS_VISIT_DUE] = { "due", N_("Due") },
  [TRELLIS_VISIT_OVERDUE] = { "overdue", N_("Overdue") },
  [TRELLIS_VISIT_COMPLETED] = { "completed", N_("Completed") },
  [TRELLIS_VISIT_MISSED] = { "missed", N_("Missed") },
  [TRELLIS_VISIT_NOT_APPLICABLE] = { "not-applicable", N_("Not applicable (withdrawn)") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (anchor_names) == TRELLIS_N_ANCHORS);
G_STATIC_ASSERT (G_N_ELEMENTS (status_names) == TRELLIS_N_VISIT_STATUSES);

/* The index of @text among the stored words, or -1. Exact match only: these
 * words come from our own files, so anything else means a damaged file. */
static int
find_word (const Names *names,
           gsize        n_names,
           const char  *text)
{
  for (gsize i = 0; i < n_names; i++)
    if (g_strcmp0 (names[i].word, text) == 0)
      return (int) i;
  return -1;
}

/* The word stored in study files: stable across releases and languages. */
const char *
trellis_anchor_to_string (TrellisAnchor anchor)
{
  g_return_val_if_fail ((guint) anchor < G_N_ELEMENTS (anchor_names), NULL);

  return anchor_names[anchor].word;
}

gboolean
trellis_anchor_from_string (const char    *text,
                            TrellisAnchor *anchor)
{
  int index;

  g_return_val_if_fail (anchor != NULL, FALSE);

  index = find_word (anchor_names, G_N_ELEMENTS (anchor_names), text);
  if (index < 0)
    return FALSE;
  *anchor = (TrellisAnchor) index;
  return TRUE;
}

const char *
trellis_anchor_describe (TrellisAnchor anchor)
{
  g_return_val_if_fail ((guint) anchor < G_N_ELEMENTS (anchor_names), NULL);

  return _(anchor_names[anchor].label);
}

const char *
trellis_visit_status_to_string (TrellisVisitStatus status)
{
  g_return_val_if_fail ((guint) status < G_N_ELEMENTS (status_names), NULL);

  return status_names[status].word;
}

gboolean
trellis_visit_status_from_string (const char         *text,
                                  TrellisVisitStatus *status)
{
  int index;

  g_return_val_if_fail (status != NULL, FALSE);

  index = find_word (status_names, G_N_ELEMENTS (status_names), text);
  if (index < 0)
    return FALSE;
  *status = (TrellisVisitStatus) index;
  return TRUE;
}

const char *
trellis_visit_status_describe (TrellisVisitStatus status)
{
  g_return_val_if_fail ((guint) status < G_N_ELEMENTS (status_names), NULL);

  return _(status_names[status].label);
}

/* @anchor moved by @days. A window may start before its anchor (negative
 * days), so the sum is taken wide and kept at a valid Julian day: 0 would
 * read as “no date” everywhere else. */
static guint32
shift (guint32 anchor,
       int     days)
{
  gint64 day = (gint64) anchor + days;

  return (guint32) CLAMP (day, 1, (gint64) G_MAXUINT32);
}

/* The status of a timepoint nobody has completed or marked, from the
 * participant's withdrawal or loss and the calendar. A withdrawal or loss
 * only touches windows still open on its date: a window that had already
 * closed with nothing recorded stays overdue, because that questionnaire was
 * owed before the participant left and the coordinator still has to settle
 * it (chase a late return or mark it missed). */
static TrellisVisitStatus
open_status (const TrellisScheduleFacts *facts,
             gboolean                    anchored,
             const TrellisVisitSlot     *slot,
             guint32                     today)
{
  if (facts->withdrawn != 0 && (!anchored || facts->withdrawn <= slot->closes))
    return TRELLIS_VISIT_NOT_APPLICABLE;
  if (facts->lost != 0 && (!anchored || facts->lost <= slot->closes))
    return TRELLIS_VISIT_MISSED;
  /* The event it counts from has not happened yet, so neither has it. */
  if (!anchored)
    return TRELLIS_VISIT_NOT_YET_DUE;
  if (today < slot->opens)
    return TRELLIS_VISIT_NOT_YET_DUE;
  if (today <= slot->closes)
    return TRELLIS_VISIT_DUE;
  return TRELLIS_VISIT_OVERDUE;
}

/* Where @rule falls for one participant and its status on @today.
 * The dates count from the anchor's recorded date; all three are 0 while the
 * anchor is not recorded. Precedence, strongest first:
 *  1. Completed: what was done is data and is never moved or hidden, even
 *     when it happened outside the window (then out_of_window is set so the
 *     analysis can flag it) or after a withdrawal.
 *  2. Missed, when a coordinator marked it so.
 *  3. Not applicable, after a withdrawal dated on or before the window's
 *     close (or any withdrawal, when the anchor was never recorded).
 *  4. Missed, after loss to follow-up under the same condition.
 *  5. Not yet due while the anchor is unknown.
 *  6. By the calendar: not yet due before the window opens, due while it is
 *     open (both ends included), overdue once it has closed. */
void
trellis_schedule_place (const TrellisScheduleRule  *rule,
                        const TrellisScheduleFacts *facts,
                        const TrellisVisitRecord   *record,
                        guint32                     today,
                        TrellisVisitSlot           *slot)
{
  guint32 anchor_date;
  gboolean anchored;

  g_return_if_fail (rule != NULL && (guint) rule->anchor < TRELLIS_N_ANCHORS);
  g_return_if_fail (facts != NULL);
  g_return_if_fail (record != NULL);
  g_return_if_fail (slot != NULL);

  anchor_date = facts->anchors[rule->anchor];
  anchored = anchor_date != 0;
  *slot = (TrellisVisitSlot) { 0, };
  if (anchored)
    {
      slot->due = shift (anchor_date, rule->target_day);
      slot->opens = shift (anchor_date, rule->window_min);
      slot->closes = shift (anchor_date, rule->window_max);
    }

  if (record->completed != 0)
    {
      slot->status = TRELLIS_VISIT_COMPLETED;
      slot->out_of_window = anchored && (record->completed < slot->opens ||
                                         record->completed > slot->closes);
    }
  else if (record->marked_missed)
    slot->status = TRELLIS_VISIT_MISSED;
  else
    slot->status = open_status (facts, anchored, slot, today);
}

/* Whether the slot's window touches the @days days starting @today, for
 * lists such as “due this week” (@days = 7). Only slots still waiting count:
 * overdue ones are listed on their own, and completed, missed or withdrawn
 * ones need nothing. */
gboolean
trellis_schedule_is_due_within (const TrellisVisitSlot *slot,
                                guint32                 today,
                                int                     days)
{
  g_return_val_if_fail (slot != NULL, FALSE);

  if (days <= 0 || slot->opens == 0)
    return FALSE;
  if (slot->status != TRELLIS_VISIT_NOT_YET_DUE && slot->status != TRELLIS_VISIT_DUE)
    return FALSE;
  return (gint64) slot->opens <= (gint64) today + days - 1 && slot->closes >= today;
}

/* A Julian day number as YYYY-MM-DD, the form people type and read. */
static char *
format_julian (guint32 julian)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  return trellis_date_format (&date);
}

/* The index among [@from, @to) of the strongest limit on a completion: the
 * latest date (@latest) or the earliest, skipping timepoints not completed.
 * On a tie the one nearest in the plan is named. -1 when none is completed. */
static int
find_limit (const guint32 *completed,
            guint          from,
            guint          to,
            gboolean       latest)
{
  int found = -1;

  for (guint i = from; i < to; i++)
    {
      if (completed[i] == 0)
        continue;
      if (found < 0 ||
          (latest ? completed[i] >= completed[found] : completed[i] < completed[found]))
        found = (int) i;
    }
  return found;
}

/* Timepoints are completed in the order of the plan: a T3 questionnaire
 * dated before the T2 one is nearly always a typing slip in one of the two
 * dates. The same day is allowed, because a late T2 may be returned together
 * with T3. Only the timepoint being changed is checked, so an older mistake
 * elsewhere does not block fixing this one; the message names the earlier
 * (or later) timepoint that gives the tightest limit, so its date is the one
 * to pass. */
gboolean
trellis_schedule_check_order (const char *const  *codes,
                              const guint32      *completed,
                              guint               n_timepoints,
                              guint               changed,
                              GError            **error)
{
  g_autofree char *when = NULL;
  g_autofree char *limit = NULL;
  int before, after;

  g_return_val_if_fail (codes != NULL, FALSE);
  g_return_val_if_fail (completed != NULL, FALSE);
  g_return_val_if_fail (changed < n_timepoints, FALSE);

  if (completed[changed] == 0)
    return TRUE;

  before = find_limit (completed, 0, changed, TRUE);
  after = find_limit (completed, changed + 1, n_timepoints, FALSE);
  when = format_julian (completed[changed]);
  if (before >= 0 && completed[before] > completed[changed])
    {
      limit = format_julian (completed[before]);
      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_ORDER,
                   _("%s cannot be completed on %s, before %s (%s): timepoints are completed in order"),
                   codes[changed], when, codes[before], limit);
      return FALSE;
    }
  if (after >= 0 && completed[after] < completed[changed])
    {
      limit = format_julian (completed[after]);
      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_ORDER,
                   _("%s cannot be completed on %s, after %s (%s): timepoints are completed in order"),
                   codes[changed], when, codes[after], limit);
      return FALSE;
    }
  return TRUE;
}

/* The ways two of the intervention's events can be out of order. */
typedef enum
{
  WORKSHOP_BEFORE_BASELINE,
  WORKSHOP_AFTER_COACHING,
  COACHING_BEFORE_BASELINE,
  COACHING_BEFORE_WORKSHOP,
} AnchorConflict;

/* Sets the error for an event recorded on @date that conflicts with the
 * other event recorded on @limit. One whole sentence per case, so that
 * translators never have to assemble event names. */
static gboolean
fail_anchor (GError         **error,
             AnchorConflict   conflict,
             guint32          date,
             guint32          limit)
{
  g_autofree char *when = format_julian (date);
  g_autofree char *other = format_julian (limit);

  switch (conflict)
    {
    case WORKSHOP_BEFORE_BASELINE:
      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_ORDER,
                   _("The workshop cannot be on %s, before the baseline date (%s)"), when, other);
      break;
    case WORKSHOP_AFTER_COACHING:
      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_ORDER,
                   _("The workshop cannot be on %s, after the coaching call (%s)"), when, other);
      break;
    case COACHING_BEFORE_BASELINE:
      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_ORDER,
                   _("The coaching call cannot be on %s, before the baseline date (%s)"), when, other);
      break;
    case COACHING_BEFORE_WORKSHOP:
      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_ORDER,
                   _("The coaching call cannot be on %s, before the workshop (%s)"), when, other);
      break;
    default:
      g_assert_not_reached ();
    }
  return FALSE;
}

/* Whether the intervention's events can be recorded on @date, given the
 * others already recorded in @facts. The intervention runs baseline, then
 * workshop, then coaching call, so the dates must not go backwards (the same
 * day is fine: a workshop can follow the baseline questionnaire that
 * morning). The baseline date has its own rules (consent, register) and is
 * always accepted here; @date 0 clears an event and is always accepted. */
gboolean
trellis_schedule_check_anchor (const TrellisScheduleFacts *facts,
                               TrellisAnchor               anchor,
                               guint32                     date,
                               GError                    **error)
{
  guint32 baseline, workshop, coaching;

  g_return_val_if_fail (facts != NULL, FALSE);
  g_return_val_if_fail ((guint) anchor < TRELLIS_N_ANCHORS, FALSE);

  baseline = facts->anchors[TRELLIS_ANCHOR_BASELINE];
  workshop = facts->anchors[TRELLIS_ANCHOR_WORKSHOP];
  coaching = facts->anchors[TRELLIS_ANCHOR_COACHING];
  if (anchor == TRELLIS_ANCHOR_BASELINE || date == 0)
    return TRUE;

  if (anchor == TRELLIS_ANCHOR_WORKSHOP)
    {
      if (baseline != 0 && date < baseline)
        return fail_anchor (error, WORKSHOP_BEFORE_BASELINE, date, baseline);
      if (coaching != 0 && date > coaching)
        return fail_anchor (error, WORKSHOP_AFTER_COACHING, date, coaching);
      return TRUE;
    }

  if (baseline != 0 && date < baseline)
    return fail_anchor (error, COACHING_BEFORE_BASELINE, date, baseline);
  if (workshop != 0 && date < workshop)
    return fail_anchor (error, COACHING_BEFORE_WORKSHOP, date, workshop);
  return TRUE;
}
