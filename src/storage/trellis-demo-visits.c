/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "trellis-answer-sheet.h"
#include "trellis-audit-coverage.h"
#include "trellis-database-private.h"
#include "trellis-date.h"
#include "trellis-demo-instruments.h"
#include "trellis-demo-study-private.h"
#include "trellis-instrument-store.h"
#include "trellis-redcap-private.h"
#include "trellis-storage-error.h"
#include "trellis-timepoint-store.h"

/* The demo's data collection: each participant's workshop and coaching call,
 * their visits at T1–T4 and their answers to the three instruments. Retention
 * follows the seed study (of 66 who started, 62 completed T2, 47 T3 and 33
 * T4); those who stop are withdrawn, lost to follow-up or simply stop
 * returning questionnaires, which a coordinator mostly marks as missed.
 * Confidence in coping rises by about 2.6 points on its 0–10 scale from T2
 * on, resilience a little and knowledge by about two answers in ten. Rows go
 * in with direct SQL and bulk audit rows, like the register before them, so
 * that 100,000 participants take seconds. */

static const guint seed_retention[TRELLIS_DEMO_N_TIMEPOINTS] = { 66, 62, 47, 33 };

/* How an instrument's answers are made: a level on its scale (for a test, the
 * chance of a correct answer) from the sample's mean at baseline, a
 * participant's lasting offset, a change from baseline at each timepoint, the
 * day's variation and each item's noise. */
typedef struct
{
  const char *code;
  double mean;
  double person_sd;
  double occasion_sd;
  double item_sd;
  double change[TRELLIS_DEMO_N_TIMEPOINTS];
} Effect;

static const Effect effects[] = {
  { "BRS", 3.28, 0.50, 0.20, 0.70, { 0.0, 0.15, 0.27, 0.32 } },
  { "CCAE", 5.00, 1.35, 0.60, 1.00, { 0.0, 2.65, 2.80, 2.60 } },
  { "KNOW", 0.60, 0.10, 0.05, 0.0, { 0.0, 0.20, 0.21, 0.19 } },
};

#define N_INSTRUMENTS G_N_ELEMENTS (effects)
#define MISSING_ITEM_CHANCE 0.012
#define MARKED_MISSED_CHANCE 0.85
/* Audit rows of bulk inserts cover at most this many rows each, so that no
 * single audit value grows with the study without bound. */
#define BULK_AUDIT_ROWS 100000

static gboolean
is_leaver (const TrellisDemoPlanned *p)
{
  return p->role == TRELLIS_DEMO_ROLE_LOST || p->role >= TRELLIS_DEMO_ROLE_WITHDRAWN;
}

/* slots[s]: how many consented participants complete exactly the first s
 * timepoints, scaled from the seed study. */
static void
count_slots (guint m,
             guint slots[TRELLIS_DEMO_N_TIMEPOINTS + 1])
{
  guint reached[TRELLIS_DEMO_N_TIMEPOINTS];

  for (guint t = 0; t < TRELLIS_DEMO_N_TIMEPOINTS; t++)
    reached[t] = (guint) (((guint64) m * seed_retention[t] + 33) / 66);
  slots[0] = 0;
  for (guint t = 1; t < TRELLIS_DEMO_N_TIMEPOINTS; t++)
    slots[t] = reached[t - 1] - reached[t];
  slots[TRELLIS_DEMO_N_TIMEPOINTS] = reached[TRELLIS_DEMO_N_TIMEPOINTS - 1];
}

static guint
take_slot (guint slots[TRELLIS_DEMO_N_TIMEPOINTS + 1],
           guint first)
{
  for (guint k = 0; k < TRELLIS_DEMO_N_TIMEPOINTS; k++)
    {
      guint stage = 1 + (first - 1 + k) % TRELLIS_DEMO_N_TIMEPOINTS;

      if (slots[stage] > 0)
        {
          slots[stage]--;
          return stage;
        }
    }
  g_assert_not_reached ();
}

/* Those who withdraw or are lost leave after T1, T2 or T3 in turn; everyone
 * else, in shuffled order, fills the remaining places from the earliest
 * dropout on, so that dropouts are spread over the cohorts. */
static void
assign_stages (TrellisDemoPlanned *plan,
               guint               n,
               GRand              *rand)
{
  g_autofree guint *order = g_new (guint, MAX (n, 1));
  guint slots[TRELLIS_DEMO_N_TIMEPOINTS + 1];
  guint m = 0, next = 0;

  for (guint i = 0; i < n; i++)
    if (plan[i].role != TRELLIS_DEMO_ROLE_UNCONSENTED)
      order[m++] = i;
  count_slots (m, slots);
  for (guint i = m; i > 1; i--)
    {
      guint j = g_rand_int_range (rand, 0, i);
      guint swap = order[i - 1];

      order[i - 1] = order[j];
      order[j] = swap;
    }
  for (guint i = 0; i < m; i++)
    if (is_leaver (&plan[order[i]]))
      {
        plan[order[i]].stage = take_slot (slots, 1 + next);
        next = (next + 1) % (TRELLIS_DEMO_N_TIMEPOINTS - 1);
      }
  for (guint i = 0; i < m; i++)
    if (!is_leaver (&plan[order[i]]))
      plan[order[i]].stage = take_slot (slots, 1);
}

/* The intervention: a workshop within five days of baseline, a coaching call
 * one to two weeks later, each questionnaire returned in its window (T2 up to
 * three days after the workshop, T3 up to four after the call, T4 between
 * day 29 and day 41), so the completions are in order. Someone who leaves
 * does so between their last questionnaire and the next, and the events they
 * never reached are not recorded. */
static void
plan_timeline (TrellisDemoPlanned *p,
               GRand              *rand)
{
  guint32 b = p->baseline_day;
  guint32 leave_after;

  p->workshop_day = b + g_rand_int_range (rand, 1, 6);
  p->coaching_day = p->workshop_day + g_rand_int_range (rand, 7, 15);
  p->done_day[0] = b;
  p->done_day[1] = p->workshop_day + g_rand_int_range (rand, 0, 4);
  p->done_day[2] = p->coaching_day + g_rand_int_range (rand, 0, 5);
  p->done_day[3] = b + g_rand_int_range (rand, 29, 42);
  leave_after = p->done_day[p->stage - 1];
  for (guint t = p->stage; t < TRELLIS_DEMO_N_TIMEPOINTS; t++)
    p->done_day[t] = 0;
  if (!is_leaver (p))
    return;

  p->event_day = leave_after + (p->stage == TRELLIS_DEMO_N_TIMEPOINTS ? g_rand_int_range (rand, 7, 61)
                                                                      : g_rand_int_range (rand, 1, 6));
  if (p->stage < 3)
    p->coaching_day = 0;
  if (p->stage < 2)
    p->workshop_day = 0;
}

/* Decides, for every consented participant, how far they get and when, and
 * so when those who withdraw or are lost leave. */
void
trellis_demo_visits_plan (TrellisDemoPlanned *plan,
                          guint               n,
                          GRand              *rand)
{
  g_return_if_fail (plan != NULL || n == 0);

  assign_stages (plan, n, rand);
  for (guint i = 0; i < n; i++)
    if (plan[i].role != TRELLIS_DEMO_ROLE_UNCONSENTED)
      plan_timeline (&plan[i], rand);
}

typedef struct
{
  const char *table;
  gint64 first_id;
  gint64 last_id;
  guint count;
} Inserted;

typedef struct
{
  TrellisDatabase *db;
  const TrellisDemoPlanned *plan;
  guint n;
  GRand *rand;
  GPtrArray *instruments;   /* as effects[] */
  GPtrArray *timepoints;
  Inserted events;
  Inserted visits;
  Inserted sheets;
  sqlite3_stmt *visit_stmt;
  sqlite3_stmt *sheet_stmt;
  double offsets[N_INSTRUMENTS];
} Fill;

static void
fill_clear (Fill *fill)
{
  g_clear_pointer (&fill->instruments, g_ptr_array_unref);
  g_clear_pointer (&fill->timepoints, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Fill, fill_clear)

static double
normal (GRand *rand)
{
  double u1 = 1.0 - g_rand_double (rand);
  double u2 = g_rand_double (rand);

  return sqrt (-2.0 * log (u1)) * cos (2.0 * G_PI * u2);
}

static void
bind_day (sqlite3_stmt *stmt,
          int           index,
          guint32       day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, day);
  sqlite3_bind_text (stmt, index, trellis_date_format (&date), -1, g_free);
}

static gboolean
step_insert (Fill         *fill,
             sqlite3_stmt *stmt,
             Inserted     *inserted,
             GError      **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE)
    trellis_database_set_error (fill->db, error, rc);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    return FALSE;
  inserted->last_id = sqlite3_last_insert_rowid (trellis_database_get_handle (fill->db));
  if (inserted->count++ == 0)
    inserted->first_id = inserted->last_id;
  return TRUE;
}

/* Bulk audit rows need consecutive ids, which fresh tables in one
 * transaction give; the check makes that assumption fail loudly. */
static gboolean
append_bulk (Fill      *fill,
             Inserted  *inserted,
             GError   **error)
{
  if (inserted->count == 0)
    return TRUE;
  if (inserted->last_id - inserted->first_id + 1 != inserted->count)
    {
      g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_FAILED,
                   _("The demo rows of table %s did not get consecutive ids"), inserted->table);
      return FALSE;
    }
  for (gint64 first = inserted->first_id; first <= inserted->last_id; first += BULK_AUDIT_ROWS)
    if (!trellis_audit_append_bulk (fill->db, "insert", inserted->table, first,
                                    MIN (first + BULK_AUDIT_ROWS - 1, inserted->last_id),
                                    _("Demo data collection"), error))
      return FALSE;
  return TRUE;
}

/* The demo's own instruments come from its REDCap data dictionary
 * (data/demo/instruments.csv), read as an import reads one but written
 * inside the demo's transaction. The dictionary is part of the program, so a
 * problem with it is reported as a failure, naming the first. */
static gboolean
add_demo_instruments (Fill    *fill,
                      GError **error)
{
  g_auto(TrellisRedcapReport) report = { 0 };
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) forms = NULL;
  const char *text;
  gsize length;

  text = trellis_demo_instruments_dictionary (&length);
  bytes = g_bytes_new_static (text, length);
  trellis_redcap_report_init (&report, "instruments.csv");
  forms = trellis_redcap_read_forms (&report, bytes);
  if (forms == NULL || report.n_problems > 0)
    {
      const TrellisImportProblem *first = report.problems->len > 0 ? report.problems->pdata[0] : NULL;

      g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_FAILED,
                   _("The demo’s instruments could not be read: %s"), first ? first->message : "");
      return FALSE;
    }
  for (guint i = 0; i < forms->len; i++)
    {
      TrellisRedcapForm *form = forms->pdata[i];

      if (!trellis_instrument_store_create_within (fill->db, form->instrument, error))
        return FALSE;
    }
  return TRUE;
}

/* The study-defined instruments, then all three as stored, in the order of
 * effects[]. */
static gboolean
add_instruments (Fill    *fill,
                 GError **error)
{
  g_autoptr(GPtrArray) stored = NULL;

  if (!add_demo_instruments (fill, error))
    return FALSE;
  stored = trellis_instrument_store_load (fill->db, error);
  if (stored == NULL)
    return FALSE;
  fill->instruments = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint e = 0; e < N_INSTRUMENTS; e++)
    for (guint i = 0; i < stored->len; i++)
      if (g_str_equal (trellis_instrument_get_code (stored->pdata[i]), effects[e].code))
        g_ptr_array_add (fill->instruments, g_object_ref (stored->pdata[i]));
  if (fill->instruments->len == N_INSTRUMENTS)
    return TRUE;
  g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_FAILED,
               _("The demo study needs the instruments BRS, CCAE and KNOW"));
  return FALSE;
}

static gboolean
load_timepoints (Fill    *fill,
                 GError **error)
{
  fill->timepoints = trellis_timepoint_store_load (fill->db, error);
  if (fill->timepoints == NULL)
    return FALSE;
  if (fill->timepoints->len == TRELLIS_DEMO_N_TIMEPOINTS)
    return TRUE;
  g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_FAILED,
               _("The demo study needs the default plan of four timepoints"));
  return FALSE;
}

static gboolean
insert_event (Fill         *fill,
              sqlite3_stmt *stmt,
              guint         i,
              const char   *kind,
              guint32       day,
              GError      **error)
{
  if (day == 0)
    return TRUE;
  sqlite3_bind_int64 (stmt, 1, (gint64) i + 1);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_STATIC);
  bind_day (stmt, 3, day);
  return step_insert (fill, stmt, &fill->events, error);
}

static gboolean
insert_events (Fill    *fill,
               GError **error)
{
  sqlite3_stmt *stmt = trellis_database_prepare (fill->db,
      "INSERT INTO participant_event (participant_id, kind, event_date) VALUES (?1, ?2, ?3)", error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < fill->n; i++)
    if (!insert_event (fill, stmt, i, "workshop", fill->plan[i].workshop_day, error) ||
        !insert_event (fill, stmt, i, "coaching", fill->plan[i].coaching_day, error))
      return FALSE;
  return TRUE;
}

static int
scale_value (GRand                 *rand,
             const TrellisItemSpec *spec,
             double                 level,
             double                 item_sd)
{
  int value = (int) lround (level + item_sd * normal (rand));

  value = CLAMP (value, spec->min, spec->max);
  return spec->reverse ? spec->min + spec->max - value : value;
}

/* A wrong answer is any of the other options, equally likely. */
static int
test_value (GRand                 *rand,
            const TrellisItemSpec *spec,
            double                 chance)
{
  int wrong;

  if (g_rand_double (rand) < chance)
    return spec->correct;
  wrong = g_rand_int_range (rand, spec->min, spec->max);
  return wrong >= spec->correct ? wrong + 1 : wrong;
}

static void
make_answers (Fill              *fill,
              guint              e,
              guint              t,
              TrellisInstrument *instrument,
              int               *values)
{
  const Effect *effect = &effects[e];
  guint n_items;
  const TrellisItemSpec *specs = trellis_instrument_get_specs (instrument, &n_items);
  double level = effect->mean + fill->offsets[e] + effect->change[t] +
                 effect->occasion_sd * normal (fill->rand);

  for (guint k = 0; k < n_items; k++)
    {
      if (g_rand_double (fill->rand) < MISSING_ITEM_CHANCE)
        values[k] = TRELLIS_ITEM_UNANSWERED;
      else if (specs[k].kind == TRELLIS_ITEM_CORRECT)
        values[k] = test_value (fill->rand, &specs[k], CLAMP (level, 0.05, 0.98));
      else
        values[k] = scale_value (fill->rand, &specs[k], level, effect->item_sd);
    }
}

static gboolean
insert_sheet (Fill     *fill,
              gint64    visit_id,
              guint     e,
              guint     t,
              GError  **error)
{
  TrellisInstrument *instrument = fill->instruments->pdata[e];
  sqlite3_stmt *stmt = fill->sheet_stmt;
  int values[64];
  TrellisScoringRule rule;
  TrellisScore score;

  g_return_val_if_fail (trellis_instrument_get_items (instrument)->len <= G_N_ELEMENTS (values), FALSE);
  make_answers (fill, e, t, instrument, values);
  trellis_instrument_score (instrument, values, &score);
  trellis_instrument_get_rule (instrument, &rule);
  sqlite3_bind_int64 (stmt, 1, visit_id);
  sqlite3_bind_int64 (stmt, 2, trellis_instrument_get_id (instrument));
  sqlite3_bind_text (stmt, 3, trellis_answer_sheet_render (instrument, values), -1, g_free);
  sqlite3_bind_int (stmt, 4, score.answered);
  if (!score.missing)
    sqlite3_bind_double (stmt, 5, score.value);
  sqlite3_bind_int (stmt, 6, rule.version);
  return step_insert (fill, stmt, &fill->sheets, error);
}

/* A completed visit with its three answer sheets, or one marked missed, or
 * (for a few of those who stopped, and for everyone who left) none. */
static gboolean
insert_visit (Fill     *fill,
              guint     i,
              guint     t,
              GError  **error)
{
  const TrellisDemoPlanned *p = &fill->plan[i];
  sqlite3_stmt *stmt = fill->visit_stmt;
  gboolean completed = t < p->stage;

  if (!completed && (is_leaver (p) || g_rand_double (fill->rand) >= MARKED_MISSED_CHANCE))
    return TRUE;
  sqlite3_bind_int64 (stmt, 1, (gint64) i + 1);
  sqlite3_bind_int64 (stmt, 2, trellis_timepoint_get_id (fill->timepoints->pdata[t]));
  if (completed)
    bind_day (stmt, 3, p->done_day[t]);
  sqlite3_bind_int (stmt, 4, !completed);
  if (!step_insert (fill, stmt, &fill->visits, error))
    return FALSE;
  for (guint e = 0; completed && e < N_INSTRUMENTS; e++)
    if (!insert_sheet (fill, fill->visits.last_id, e, t, error))
      return FALSE;
  return TRUE;
}

/* The two statements are prepared once here rather than looked up for each
 * of up to a million rows. */
static gboolean
insert_visits (Fill    *fill,
               GError **error)
{
  fill->visit_stmt = trellis_database_prepare (fill->db,
      "INSERT INTO visit (participant_id, timepoint_id, completed_date, missed) VALUES (?1, ?2, ?3, ?4)",
      error);
  if (fill->visit_stmt == NULL)
    return FALSE;
  fill->sheet_stmt = trellis_database_prepare (fill->db,
      "INSERT INTO answer_sheet (visit_id, instrument_id, answers, answered, score, rule_version)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  if (fill->sheet_stmt == NULL)
    return FALSE;
  for (guint i = 0; i < fill->n; i++)
    {
      if (fill->plan[i].stage == 0)
        continue;
      for (guint e = 0; e < N_INSTRUMENTS; e++)
        fill->offsets[e] = effects[e].person_sd * normal (fill->rand);
      for (guint t = 0; t < TRELLIS_DEMO_N_TIMEPOINTS; t++)
        if (!insert_visit (fill, i, t, error))
          return FALSE;
    }
  return TRUE;
}

/* Adds the data collection to a demo register just written, inside its
 * transaction. Participant ids are consecutive from 1, as the register
 * wrote them. */
gboolean
trellis_demo_visits_fill (TrellisDatabase           *db,
                          const TrellisDemoPlanned  *plan,
                          guint                      n,
                          GRand                     *rand,
                          GError                   **error)
{
  g_auto(Fill) fill = { db, plan, n, rand };

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), FALSE);

  fill.events.table = "participant_event";
  fill.visits.table = "visit";
  fill.sheets.table = "answer_sheet";
  return add_instruments (&fill, error) &&
         load_timepoints (&fill, error) &&
         insert_events (&fill, error) &&
         insert_visits (&fill, error) &&
         append_bulk (&fill, &fill.events, error) &&
         append_bulk (&fill, &fill.visits, error) &&
         append_bulk (&fill, &fill.sheets, error);
}
