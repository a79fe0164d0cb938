/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-database-private.h"
#include "trellis-interview-eligibility.h"
#include "trellis-interview-status.h"
#include "trellis-participant-flow-private.h"

/* The interview sub-study of the participant flow, over every draw the
 * study has made: who was eligible, who was drawn (first picks and
 * replacements), who declined or did not attend, and who was interviewed. */

static const char draws_sql[] = "SELECT rule FROM interview_draw ORDER BY id";
static const char eligible_sql[] = "SELECT DISTINCT participant_id FROM interview_eligible";
/* A pick without an interview row yet stands as invited, as the interview
 * list shows it. */
static const char picks_sql[] =
  "SELECT p.participant_id, p.kind = 'replacement',"
  " EXISTS (SELECT 1 FROM interview_pick AS r WHERE r.replaces_pick_id = p.id),"
  " coalesce (i.status, 'invited')"
  " FROM interview_pick AS p LEFT JOIN interview AS i ON i.pick_id = p.id"
  " ORDER BY p.draw_id, p.sequence";

/* The timepoint the draws were made at, when they all agree. */
static void
draw_row (sqlite3_stmt *stmt,
          FlowReading  *reading)
{
  TrellisInterviewEligibility rule;
  gboolean parsed = trellis_interview_eligibility_parse ((const char *) sqlite3_column_text (stmt, 0), &rule, NULL);

  if (reading->n_draws++ == 0)
    reading->draw_timepoint = parsed ? g_strdup (rule.timepoint) : NULL;
  else if (!parsed || g_strcmp0 (reading->draw_timepoint, rule.timepoint) != 0)
    g_clear_pointer (&reading->draw_timepoint, g_free);
}

static void
eligible_row (sqlite3_stmt *stmt,
              FlowReading  *reading)
{
  gint64 id = sqlite3_column_int64 (stmt, 0);

  g_hash_table_add (reading->eligible, g_memdup2 (&id, sizeof id));
}

static void
pick_row (sqlite3_stmt *stmt,
          FlowReading  *reading)
{
  FlowPick pick = { sqlite3_column_int64 (stmt, 0) };
  TrellisInterviewStatus status = TRELLIS_INTERVIEW_INVITED;

  pick.replacement = sqlite3_column_int (stmt, 1) != 0;
  pick.replaced = sqlite3_column_int (stmt, 2) != 0;
  trellis_interview_status_from_string ((const char *) sqlite3_column_text (stmt, 3), &status, NULL);
  pick.status = status;
  g_array_append_val (reading->interviews, pick);
}

gboolean
trellis_flow_read_interviews (TrellisDatabase  *db,
                              FlowReading      *reading,
                              GError          **error)
{
  reading->eligible = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  return trellis_flow_scan (db, trellis_database_prepare (db, draws_sql, error), draw_row, reading, error) &&
         trellis_flow_scan (db, trellis_database_prepare (db, eligible_sql, error), eligible_row, reading, error) &&
         trellis_flow_scan (db, trellis_database_prepare (db, picks_sql, error), pick_row, reading, error);
}

static guint
cohort_of_id (FlowReading *reading,
              gint64       id)
{
  return trellis_flow_cohort_of (reading, trellis_flow_row_of (reading, id));
}

static void
add_reason (TrellisFlowBox *box,
            guint           n_cohorts,
            const char     *key,
            const char     *label)
{
  trellis_flow_box_add_reason (box, n_cohorts, key, label);
}

static void
add_status_reason (TrellisFlowBox         *box,
                   guint                   n_cohorts,
                   TrellisInterviewStatus  status)
{
  add_reason (box, n_cohorts, trellis_interview_status_to_string (status),
              trellis_interview_status_to_label (status));
}

static void
count_eligible (TrellisParticipantFlow *flow,
                FlowReading            *reading)
{
  TrellisFlowStep *step = trellis_participant_flow_add_step (flow, TRUE, "interview-eligible",
                                                             _("Eligible for interview"),
                                                             "interview-not-drawn", _("Not drawn"));
  g_autoptr(GHashTable) drawn = g_hash_table_new (g_int64_hash, g_int64_equal);
  GHashTableIter iter;
  gpointer key;

  for (guint i = 0; i < reading->interviews->len; i++)
    g_hash_table_add (drawn, &g_array_index (reading->interviews, FlowPick, i).participant_id);
  g_hash_table_iter_init (&iter, reading->eligible);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      guint cohort = cohort_of_id (reading, *(gint64 *) key);

      trellis_flow_count_add (&step->main->total, cohort, 1);
      if (!g_hash_table_contains (drawn, key))
        trellis_flow_count_add (&step->side->total, cohort, 1);
    }
}

/* Where each status goes: the drawn box's side (dropped out), the
 * interviewed box, or its side (still to come). */
static TrellisFlowBox *
status_box (TrellisFlowStep        *drawn,
            TrellisFlowStep        *interviewed,
            TrellisInterviewStatus  status)
{
  switch (status)
    {
    case TRELLIS_INTERVIEW_DECLINED:
    case TRELLIS_INTERVIEW_DID_NOT_ATTEND:
      return drawn->side;
    case TRELLIS_INTERVIEW_INVITED:
    case TRELLIS_INTERVIEW_SCHEDULED:
      return interviewed->side;
    default:
      return interviewed->main;
    }
}

static const TrellisFlowCount *
find_reason (const TrellisFlowBox *box,
             const char           *key)
{
  return trellis_flow_box_find_reason (box, key);
}

static void
add_pick_steps (TrellisParticipantFlow  *flow,
                TrellisFlowStep        **drawn,
                TrellisFlowStep        **interviewed)
{
  static const TrellisInterviewStatus done[] = {
    TRELLIS_INTERVIEW_DONE, TRELLIS_INTERVIEW_TRANSCRIBED, TRELLIS_INTERVIEW_ANONYMISED, TRELLIS_INTERVIEW_CODED,
  };
  guint n = flow->n_cohorts;

  *drawn = trellis_participant_flow_add_step (flow, TRUE, "interview-drawn", _("Drawn at random"),
                                              "interview-dropped", _("Declined or did not attend"));
  add_reason ((*drawn)->main, n, "first-pick", _("First picks"));
  add_reason ((*drawn)->main, n, "replacement", _("Replacements from the same cohort"));
  add_status_reason ((*drawn)->side, n, TRELLIS_INTERVIEW_DECLINED);
  add_status_reason ((*drawn)->side, n, TRELLIS_INTERVIEW_DID_NOT_ATTEND);
  add_reason ((*drawn)->side, n, "replaced", _("Of these, replaced"));
  g_array_index ((*drawn)->side->reasons, TrellisFlowCount, (*drawn)->side->reasons->len - 1).subset = TRUE;

  *interviewed = trellis_participant_flow_add_step (flow, TRUE, "interviewed", _("Interviewed"),
                                                    "interview-pending", _("Not interviewed yet"));
  for (guint k = 0; k < G_N_ELEMENTS (done); k++)
    add_status_reason ((*interviewed)->main, n, done[k]);
  add_status_reason ((*interviewed)->side, n, TRELLIS_INTERVIEW_INVITED);
  add_status_reason ((*interviewed)->side, n, TRELLIS_INTERVIEW_SCHEDULED);
}

static void
count_picks (TrellisParticipantFlow *flow,
             FlowReading            *reading)
{
  TrellisFlowStep *drawn, *interviewed;

  add_pick_steps (flow, &drawn, &interviewed);
  for (guint i = 0; i < reading->interviews->len; i++)
    {
      const FlowPick *pick = &g_array_index (reading->interviews, FlowPick, i);
      guint cohort = cohort_of_id (reading, pick->participant_id);
      TrellisFlowBox *box = status_box (drawn, interviewed, pick->status);

      trellis_flow_count_add (&drawn->main->total, cohort, 1);
      trellis_flow_count_add ((TrellisFlowCount *) find_reason (drawn->main, pick->replacement ? "replacement"
                                                                                              : "first-pick"),
                              cohort, 1);
      if (box == interviewed->main || box == interviewed->side)
        trellis_flow_count_add (&box->total, cohort, 1);
      else
        trellis_flow_count_add (&drawn->side->total, cohort, 1);
      trellis_flow_count_add ((TrellisFlowCount *) find_reason (box, trellis_interview_status_to_string (pick->status)),
                              cohort, 1);
      if (pick->replaced)
        trellis_flow_count_add ((TrellisFlowCount *) find_reason (drawn->side, "replaced"), cohort, 1);
    }
}

/* The sub-study branches off the timepoint the draws were made at, else
 * off Consented, the step before the first timepoint. */
static guint
branch_step (TrellisParticipantFlow *flow,
             FlowReading            *reading)
{
  g_autofree char *key = NULL;

  if (reading->draw_timepoint != NULL)
    {
      key = g_strconcat ("completed:", reading->draw_timepoint, NULL);
      for (guint i = 0; i < flow->steps->len; i++)
        if (g_str_equal (((TrellisFlowStep *) flow->steps->pdata[i])->main->total.key, key))
          return i;
    }
  return MIN (1, flow->steps->len - 1);
}

void
trellis_flow_count_interviews (TrellisParticipantFlow *flow,
                               FlowReading            *reading)
{
  if (reading->n_draws == 0)
    return;
  count_eligible (flow, reading);
  count_picks (flow, reading);
  flow->interview_from = branch_step (flow, reading);
}
