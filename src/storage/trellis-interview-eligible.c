/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <inttypes.h>
#include <glib/gi18n.h>

#include "trellis-database-private.h"
#include "trellis-interview-store-private.h"
#include "trellis-storage-error.h"
#include "trellis-visit-table.h"

/* Who may be drawn for an interview, from the study's data: the consent
 * flags come from each participant's current consent (their latest, by date
 * and then by row, as in the register), withdrawal from any withdrawal
 * recorded (someone who asked to leave is not invited, whatever the date it
 * takes effect), "already drawn" from every pick of every earlier draw, and
 * the timepoint's status from the visit table, placed on the given day. The
 * domain decides (trellis_interview_eligibility_decide). */
static const char candidates_sql[] =
  "SELECT id, code, name, json_extract (answers, '$.interview') IS 1,"
  " json_extract (answers, '$.video') IS 1, withdrawn, drawn"
  " FROM (SELECT p.id, p.code, c.name,"
  "        (SELECT answers FROM consent WHERE participant_id = p.id"
  "         ORDER BY consent_date DESC, id DESC LIMIT 1) AS answers,"
  "        EXISTS (SELECT 1 FROM withdrawal WHERE participant_id = p.id) AS withdrawn,"
  "        EXISTS (SELECT 1 FROM interview_pick WHERE participant_id = p.id) AS drawn"
  "       FROM participant AS p JOIN cohort AS c ON c.id = p.cohort_id)";

void
trellis_eligible_cohort_free (gpointer data)
{
  TrellisEligibleCohort *cohort = data;

  g_free (cohort->name);
  g_ptr_array_unref (cohort->codes);
  g_array_unref (cohort->participant_ids);
  g_free (cohort);
}

static void
ineligible_entry_clear (gpointer data)
{
  TrellisIneligibleEntry *entry = data;

  g_free (entry->code);
  g_free (entry->cohort);
}

TrellisEligibleCohort *
trellis_eligible_cohort_new (const char *name)
{
  TrellisEligibleCohort *cohort = g_new0 (TrellisEligibleCohort, 1);

  cohort->name = g_strdup (name);
  cohort->codes = g_ptr_array_new_with_free_func (g_free);
  cohort->participant_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  return cohort;
}

static TrellisEligibleList *
eligible_list_new (void)
{
  TrellisEligibleList *list = g_new0 (TrellisEligibleList, 1);

  list->cohorts = g_ptr_array_new_with_free_func (trellis_eligible_cohort_free);
  list->ineligible = g_array_new (FALSE, FALSE, sizeof (TrellisIneligibleEntry));
  g_array_set_clear_func (list->ineligible, ineligible_entry_clear);
  return list;
}

void
trellis_eligible_list_free (TrellisEligibleList *list)
{
  if (list == NULL)
    return;
  g_ptr_array_unref (list->cohorts);
  g_array_unref (list->ineligible);
  g_free (list);
}

guint
trellis_eligible_list_count (const TrellisEligibleList *list)
{
  guint n = 0;

  g_return_val_if_fail (list != NULL, 0);
  for (guint i = 0; i < list->cohorts->len; i++)
    n += ((TrellisEligibleCohort *) g_ptr_array_index (list->cohorts, i))->codes->len;
  return n;
}

guint
trellis_eligible_list_count_reason (const TrellisEligibleList  *list,
                                    TrellisInterviewIneligible  reason)
{
  guint n = 0;

  g_return_val_if_fail (list != NULL, 0);
  for (guint i = 0; i < list->ineligible->len; i++)
    n += g_array_index (list->ineligible, TrellisIneligibleEntry, i).reason == reason;
  return n;
}

/* The cohorts as the domain's draw takes them; the array points into
 * cohorts, and is freed with g_free together with each entry's codes. */
TrellisDrawCohort *
trellis_eligible_cohorts_to_draw (GPtrArray *cohorts)
{
  TrellisDrawCohort *draw = g_new0 (TrellisDrawCohort, MAX (cohorts->len, 1));

  for (guint i = 0; i < cohorts->len; i++)
    {
      TrellisEligibleCohort *cohort = g_ptr_array_index (cohorts, i);

      draw[i].name = cohort->name;
      draw[i].codes = (const char * const *) cohort->codes->pdata;
      draw[i].n_codes = cohort->codes->len;
    }
  return draw;
}

/* The slot of the rule's timepoint in the visit table; codes are matched
 * without regard to case, as the timepoint table compares them, and the rule
 * takes the plan's spelling, so that "t4" and "T4" are stored alike. */
static gboolean
find_timepoint (TrellisVisitTable            *table,
                TrellisInterviewEligibility  *rule,
                guint                        *index,
                GError                      **error)
{
  for (guint t = 0; t < trellis_visit_table_get_n_timepoints (table); t++)
    {
      const char *code = trellis_timepoint_get_code (trellis_visit_table_get_timepoint (table, t));

      if (g_ascii_strcasecmp (code, rule->timepoint) == 0)
        {
          g_strlcpy (rule->timepoint, code, sizeof rule->timepoint);
          *index = t;
          return TRUE;
        }
    }
  g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_NOT_FOUND,
               _("The study’s plan has no timepoint ‘%s’"), rule->timepoint);
  return FALSE;
}

static GHashTable *
rows_by_participant (TrellisVisitTable *table)
{
  GHashTable *rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  for (guint r = 0; r < trellis_visit_table_get_n_rows (table); r++)
    g_hash_table_insert (rows, g_memdup2 (&(gint64) { trellis_visit_table_get_participant_id (table, r) },
                                          sizeof (gint64)),
                         GUINT_TO_POINTER (r + 1));
  return rows;
}

static TrellisEligibleCohort *
cohort_for (GHashTable *cohorts,
            const char *name)
{
  TrellisEligibleCohort *cohort = g_hash_table_lookup (cohorts, name);

  if (cohort == NULL)
    {
      cohort = trellis_eligible_cohort_new (name);
      g_hash_table_insert (cohorts, cohort->name, cohort);
    }
  return cohort;
}

typedef struct
{
  const char *code;
  gint64 id;
} CodeAndId;

static int
compare_code_and_id (gconstpointer a,
                     gconstpointer b)
{
  return trellis_interview_code_compare (((const CodeAndId *) a)->code, ((const CodeAndId *) b)->code);
}

/* Puts a cohort's codes, and their ids with them, in the draw's order. */
static void
sort_cohort (TrellisEligibleCohort *cohort)
{
  g_autofree CodeAndId *pairs = g_new (CodeAndId, cohort->codes->len + 1);
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);

  for (guint k = 0; k < cohort->codes->len; k++)
    pairs[k] = (CodeAndId) { g_ptr_array_index (cohort->codes, k),
                             g_array_index (cohort->participant_ids, gint64, k) };
  qsort (pairs, cohort->codes->len, sizeof *pairs, compare_code_and_id);
  for (guint k = 0; k < cohort->codes->len; k++)
    {
      g_ptr_array_add (codes, g_strdup (pairs[k].code));
      g_array_index (cohort->participant_ids, gint64, k) = pairs[k].id;
    }
  g_ptr_array_unref (cohort->codes);
  cohort->codes = g_steal_pointer (&codes);
}

static int
compare_cohorts (gconstpointer a,
                 gconstpointer b)
{
  return strcmp ((*(TrellisEligibleCohort *const *) a)->name, (*(TrellisEligibleCohort *const *) b)->name);
}

static int
compare_ineligible (gconstpointer a,
                    gconstpointer b)
{
  return trellis_interview_code_compare (((const TrellisIneligibleEntry *) a)->code,
                                         ((const TrellisIneligibleEntry *) b)->code);
}

/* Cohorts in byte order of their names, which, like the codes, must not
 * depend on the machine's language: the order is part of the draw. */
static void
finish_list (TrellisEligibleList *list,
             GHashTable          *cohorts)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, cohorts);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      sort_cohort (value);
      g_ptr_array_add (list->cohorts, value);
      g_hash_table_iter_steal (&iter);
    }
  g_ptr_array_sort (list->cohorts, compare_cohorts);
  g_array_sort (list->ineligible, compare_ineligible);
}

static void
add_candidate (TrellisEligibleList *list,
               GHashTable          *cohorts,
               sqlite3_stmt        *stmt,
               TrellisVisitTable   *table,
               GHashTable          *rows,
               guint                timepoint)
{
  gint64 id = sqlite3_column_int64 (stmt, 0);
  const char *code = (const char *) sqlite3_column_text (stmt, 1);
  const char *cohort = (const char *) sqlite3_column_text (stmt, 2);
  guint row = GPOINTER_TO_UINT (g_hash_table_lookup (rows, &id));
  TrellisInterviewCandidate candidate = {
    .interview_consent = sqlite3_column_int (stmt, 3),
    .video_consent = sqlite3_column_int (stmt, 4),
    .withdrawn = sqlite3_column_int (stmt, 5),
    .already_drawn = sqlite3_column_int (stmt, 6),
    .timepoint_status = row > 0 ? trellis_visit_table_get_slot (table, row - 1, timepoint)->status
                                : TRELLIS_VISIT_NOT_APPLICABLE,
  };
  TrellisInterviewIneligible reason = trellis_interview_eligibility_decide (&list->rule, &candidate);

  if (reason == TRELLIS_INTERVIEW_ELIGIBLE)
    {
      TrellisEligibleCohort *entry = cohort_for (cohorts, cohort);

      g_ptr_array_add (entry->codes, g_strdup (code));
      g_array_append_val (entry->participant_ids, id);
    }
  else
    g_array_append_val (list->ineligible, ((TrellisIneligibleEntry) { g_strdup (code), g_strdup (cohort), reason }));
}

/* The rule applied to every participant, as things stand on today. */
TrellisEligibleList *
trellis_interview_store_eligible (TrellisDatabase                    *db,
                                  const TrellisInterviewEligibility  *rule,
                                  guint32                             today,
                                  GError                            **error)
{
  g_autoptr(TrellisEligibleList) list = eligible_list_new ();
  g_autoptr(TrellisVisitTable) table = NULL;
  g_autoptr(GHashTable) rows = NULL;
  g_autoptr(GHashTable) cohorts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, trellis_eligible_cohort_free);
  sqlite3_stmt *stmt;
  guint timepoint = 0;
  int rc;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), NULL);
  g_return_val_if_fail (rule != NULL, NULL);

  list->rule = *rule;
  list->today = today;
  if ((table = trellis_visit_table_read (db, today, error)) == NULL ||
      !find_timepoint (table, &list->rule, &timepoint, error))
    return NULL;
  rows = rows_by_participant (table);
  stmt = trellis_database_prepare (db, candidates_sql, error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    add_candidate (list, cohorts, stmt, table, rows, timepoint);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      trellis_database_set_error (db, error, rc);
      return NULL;
    }
  finish_list (list, cohorts);
  return g_steal_pointer (&list);
}
