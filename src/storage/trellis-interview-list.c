/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <inttypes.h>
#include <string.h>
#include <glib/gi18n.h>

#include "trellis-database-private.h"
#include "trellis-file-probe.h"
#include "trellis-interview-conflicts.h"
#include "trellis-interview-store-private.h"
#include "trellis-storage-error.h"
#include "trellis-study-measures.h"
#include "trellis-store-util.h"
#include "trellis-visit-table.h"

/* The interviews of a study as lists show them, with the conflicts each has
 * now. The conflicts come from the domain's one rule
 * (trellis-interview-conflicts.h), fed from here for the list and for
 * scheduling alike, so both flag the same things in the same words. */

/* Julian day 719163 is 1970-01-01. Noon keeps the day the same whatever a
 * reader does with the time of day. */
#define JULIAN_1970 G_GINT64_CONSTANT (719163)

void
trellis_interview_row_free (TrellisInterviewRow *row)
{
  if (row == NULL)
    return;
  g_free (row->code);
  g_free (row->cohort);
  g_free (row->interviewer);
  g_free (row->time_zone);
  g_free (row->mode);
  g_free (row->location);
  g_free (row->transcript_path);
  g_free (row->transcript_sha256);
  g_free (row->anonymised_by);
  g_free (row->anonymised_at);
  g_clear_pointer (&row->warnings, g_ptr_array_unref);
  g_free (row);
}

static const char rows_sql[] =
  "SELECT i.id, k.draw_id, k.sequence, i.participant_id, p.code, k.cohort, i.status, i.interviewer,"
  " CAST (strftime ('%s', i.start_utc) AS INTEGER), i.time_zone, i.planned_minutes, i.mode,"
  " i.location_or_link, d.rule,"
  " (SELECT count(*) FROM audit AS a WHERE a.table_name = 'interview' AND a.action = 'update'"
  "  AND a.row_key = CAST (i.id AS TEXT)),"
  " i.actual_minutes, i.transcript_path, i.transcript_sha256, i.anonymised_by, i.anonymised_at"
  " FROM interview AS i JOIN participant AS p ON p.id = i.participant_id"
  " JOIN interview_pick AS k ON k.id = i.pick_id JOIN interview_draw AS d ON d.id = k.draw_id"
  " ORDER BY k.draw_id, k.sequence, i.id";

/* The participant's window for the rule's timepoint, as the visit table
 * places it; both ends stay 0 when the table does not know it. */
static void
find_window (TrellisVisitTable   *table,
             GHashTable          *row_of,
             TrellisInterviewRow *row,
             const char          *timepoint)
{
  gpointer index;

  if (!g_hash_table_lookup_extended (row_of, &row->participant_id, NULL, &index))
    return;
  for (guint t = 0; t < trellis_visit_table_get_n_timepoints (table); t++)
    {
      const TrellisVisitSlot *slot;

      if (g_ascii_strcasecmp (trellis_timepoint_get_code (trellis_visit_table_get_timepoint (table, t)),
                              timepoint) != 0)
        continue;
      slot = trellis_visit_table_get_slot (table, GPOINTER_TO_UINT (index), t);
      row->window_opens = slot->opens;
      row->window_closes = slot->closes;
      return;
    }
}

static TrellisInterviewRow *
row_from (sqlite3_stmt  *stmt,
          GError       **error)
{
  g_autoptr(TrellisInterviewRow) row = g_new0 (TrellisInterviewRow, 1);
  gint64 updates = sqlite3_column_int64 (stmt, 14);

  row->id = sqlite3_column_int64 (stmt, 0);
  row->draw_id = sqlite3_column_int64 (stmt, 1);
  row->pick = sqlite3_column_int (stmt, 2);
  row->participant_id = sqlite3_column_int64 (stmt, 3);
  row->code = trellis_store_column_dup (stmt, 4);
  row->cohort = trellis_store_column_dup (stmt, 5);
  row->interviewer = trellis_store_column_dup (stmt, 7);
  row->start_utc = sqlite3_column_int64 (stmt, 8);
  row->time_zone = trellis_store_column_dup (stmt, 9);
  row->minutes = sqlite3_column_int (stmt, 10);
  row->mode = trellis_store_column_dup (stmt, 11);
  row->location = trellis_store_column_dup (stmt, 12);
  /* Its creation is audited with its draw, in bulk: every audit row of the
   * interview's own is a change, so they count its revisions. */
  row->revision = (guint) CLAMP (updates, 0, G_MAXINT);
  row->actual_minutes = (guint) MAX (sqlite3_column_int (stmt, 15), 0);
  row->transcript_path = trellis_store_column_dup (stmt, 16);
  row->transcript_sha256 = trellis_store_column_dup (stmt, 17);
  row->anonymised_by = trellis_store_column_dup (stmt, 18);
  row->anonymised_at = trellis_store_column_dup (stmt, 19);
  row->warnings = g_ptr_array_new_with_free_func (g_free);
  if (!trellis_interview_status_from_string ((const char *) sqlite3_column_text (stmt, 6), &row->status, error))
    return NULL;
  return g_steal_pointer (&row);
}

static GHashTable *
rows_by_participant (TrellisVisitTable *table)
{
  GHashTable *row_of = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  for (guint r = 0; r < trellis_visit_table_get_n_rows (table); r++)
    g_hash_table_insert (row_of, g_memdup2 (&(gint64) { trellis_visit_table_get_participant_id (table, r) },
                                            sizeof (gint64)),
                         GUINT_TO_POINTER (r));
  return row_of;
}

GPtrArray *
trellis_interview_read_rows (TrellisDatabase  *db,
                             guint32           today,
                             GError          **error)
{
  g_autoptr(TrellisVisitTable) table = trellis_visit_table_read (db, today, error);

  if (table == NULL)
    return NULL;
  return trellis_interview_read_rows_with_table (db, table, error);
}

/* As trellis_interview_read_rows (), placing the windows with TABLE, read
 * already (perhaps in a worker), on the day it was read for. */
GPtrArray *
trellis_interview_read_rows_with_table (TrellisDatabase    *db,
                                        TrellisVisitTable  *table,
                                        GError            **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) trellis_interview_row_free);
  g_autoptr(GHashTable) row_of = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if ((stmt = trellis_database_prepare (db, rows_sql, error)) == NULL)
    return NULL;
  row_of = rows_by_participant (table);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TrellisInterviewEligibility rule;
      TrellisInterviewRow *row = row_from (stmt, error);

      if (row == NULL ||
          !trellis_interview_eligibility_parse ((const char *) sqlite3_column_text (stmt, 13), &rule, error))
        {
          trellis_interview_row_free (row);
          sqlite3_reset (stmt);
          return NULL;
        }
      find_window (table, row_of, row, rule.timepoint);
      g_ptr_array_add (rows, row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      trellis_database_set_error (db, error, rc);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

static gint64
julian_to_utc (guint32 julian)
{
  return julian == 0 ? 0 : ((gint64) julian - JULIAN_1970) * 86400 + 43200;
}

GArray *
trellis_interview_rows_to_slots (GPtrArray *rows,
                                 gboolean   conceal,
                                 GPtrArray *labels)
{
  GArray *slots = g_array_sized_new (FALSE, TRUE, sizeof (TrellisInterviewSlot), rows->len);

  g_return_val_if_fail (!conceal || labels != NULL, slots);

  for (guint i = 0; i < rows->len; i++)
    {
      const TrellisInterviewRow *row = g_ptr_array_index (rows, i);
      TrellisInterviewSlot slot = {
        row->id, row->code, row->interviewer, row->start_utc, row->minutes, row->status,
        julian_to_utc (row->window_opens), julian_to_utc (row->window_closes),
      };

      if (conceal)
        {
          /* TRANSLATORS: names a drawn participant without their code, for
           * example "pick 3 of draw 1". */
          char *label = g_strdup_printf (_("pick %u of draw %" PRId64), row->pick, (int64_t) row->draw_id);

          g_ptr_array_add (labels, label);
          slot.participant_code = label;
        }
      g_array_append_val (slots, slot);
    }
  return slots;
}

/* The conflicts of one interview, read in its own zone (UTC if it has none
 * or an unknown one), as sentences. */
GPtrArray *
trellis_interview_conflict_messages (GArray     *slots,
                                     gint64      interview_id,
                                     const char *zone,
                                     gint64      now)
{
  g_autoptr(GTimeZone) shown_in = zone != NULL ? g_time_zone_new_identifier (zone) : NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  GPtrArray *messages = g_ptr_array_new_with_free_func (g_free);

  if (shown_in == NULL)
    shown_in = g_time_zone_new_utc ();
  conflicts = trellis_interview_conflicts_for ((const TrellisInterviewSlot *) slots->data, slots->len,
                                               interview_id, now, shown_in);
  for (guint i = 0; i < conflicts->len; i++)
    {
      TrellisInterviewConflict *conflict = g_ptr_array_index (conflicts, i);

      g_ptr_array_add (messages, g_steal_pointer (&conflict->message));
    }
  return messages;
}

static gboolean
row_kept (const TrellisInterviewRow    *row,
          const TrellisInterviewFilter *filter)
{
  return (filter->status < 0 || (int) row->status == filter->status) &&
         (filter->interviewer == NULL || trellis_interview_same_interviewer (row->interviewer, filter->interviewer)) &&
         (filter->draw_id == 0 || row->draw_id == filter->draw_id);
}

/* The interviews the filter keeps, in draw and pick order, each with the
 * conflicts it has now against every other interview of the study (not only
 * the ones kept: a clash with another interviewer's list is still a clash). */
GPtrArray *
trellis_interview_store_list (TrellisDatabase               *db,
                              const TrellisInterviewFilter  *filter,
                              GError                       **error)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GArray) slots = NULL;
  GPtrArray *kept;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), NULL);
  g_return_val_if_fail (filter != NULL, NULL);

  if ((all = trellis_interview_read_rows (db, filter->today, error)) == NULL)
    return NULL;
  slots = trellis_interview_rows_to_slots (all, FALSE, NULL);
  kept = g_ptr_array_new_with_free_func ((GDestroyNotify) trellis_interview_row_free);
  for (guint i = 0; i < all->len; i++)
    {
      TrellisInterviewRow *row = g_ptr_array_index (all, i);

      if (!row_kept (row, filter))
        continue;
      g_ptr_array_unref (row->warnings);
      row->warnings = trellis_interview_conflict_messages (slots, row->id, row->time_zone, filter->now);
      g_ptr_array_add (kept, g_steal_pointer (&all->pdata[i]));
    }
  return kept;
}

static void
cohort_counts_free (gpointer data)
{
  TrellisInterviewCohortCounts *counts = data;

  g_free (counts->cohort);
  g_free (counts);
}

static gint
compare_cohorts (gconstpointer a,
                 gconstpointer b)
{
  const TrellisInterviewCohortCounts *x = *(TrellisInterviewCohortCounts *const *) a;
  const TrellisInterviewCohortCounts *y = *(TrellisInterviewCohortCounts *const *) b;

  return strcmp (x->cohort, y->cohort);
}

/* The pipeline counts per cohort of the rows given (the cohort a pick was
 * drawn from), cohorts in byte order of their names. */
GPtrArray *
trellis_interview_rows_count (GPtrArray *rows)
{
  g_autoptr(GHashTable) by_name = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *cohorts = g_ptr_array_new_with_free_func (cohort_counts_free);

  g_return_val_if_fail (rows != NULL, cohorts);

  for (guint i = 0; i < rows->len; i++)
    {
      const TrellisInterviewRow *row = g_ptr_array_index (rows, i);
      const char *name = row->cohort != NULL ? row->cohort : "";
      TrellisInterviewCohortCounts *counts = g_hash_table_lookup (by_name, name);

      if (counts == NULL)
        {
          counts = g_new0 (TrellisInterviewCohortCounts, 1);
          counts->cohort = g_strdup (name);
          g_hash_table_insert (by_name, counts->cohort, counts);
          g_ptr_array_add (cohorts, counts);
        }
      counts->counts[row->status]++;
    }
  g_ptr_array_sort (cohorts, compare_cohorts);
  return cohorts;
}

/* What names this study in calendar UIDs for as long as it exists: the
 * Trellis application id and the moment the study was created, both kept
 * inside the file. The file's path is not used, since moving or renaming a
 * study must not turn every exported interview into a new event. The title
 * comes along for the events' notes. */
char *
trellis_interview_store_study_key (TrellisDatabase  *db,
                                   char            **title,
                                   GError          **error)
{
  sqlite3_stmt *stmt;
  char *key = NULL;
  int rc;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), NULL);

  if ((stmt = trellis_database_prepare (db, "SELECT created, title FROM study WHERE id = 1", error)) == NULL)
    return NULL;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      key = g_strdup_printf ("%08x-%s", (guint) TRELLIS_APPLICATION_ID, (const char *) sqlite3_column_text (stmt, 0));
      if (title != NULL)
        *title = trellis_store_column_dup (stmt, 1);
    }
  else if (rc == SQLITE_DONE)
    g_set_error_literal (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_NOT_FOUND,
                         _("The study file has no study row"));
  else
    trellis_database_set_error (db, error, rc);
  sqlite3_reset (stmt);
  return key;
}

/* How an interview is held, for a person; NULL for no mode. */
const char *
trellis_interview_mode_label (const char *mode)
{
  if (g_strcmp0 (mode, "in_person") == 0)
    return _("in person");
  if (g_strcmp0 (mode, "video_call") == 0)
    return _("video call");
  if (g_strcmp0 (mode, "telephone") == 0)
    return _("telephone");
  return NULL;
}
