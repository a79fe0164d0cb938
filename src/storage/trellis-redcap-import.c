/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-database-private.h"
#include "trellis-domain-error.h"
#include "trellis-instrument-store.h"
#include "trellis-redcap-private.h"

/* A REDCap data dictionary into the study, all or nothing. Each form becomes
 * a new instrument or replaces the definition of the instrument with its
 * code, through the instrument store, so the same rules hold as for an
 * instrument edited in Trellis: an item with answers on file keeps its code
 * and every stored answer stays on its scale, a changed scoring rule raises
 * the rule version and rescores, and every row written is audited. The whole
 * dictionary is written in one transaction; a problem with any form, found
 * while reading or while writing, leaves the study as it was. */

static TrellisInstrument *
find_existing (GPtrArray  *existing,
               const char *code)
{
  for (guint i = 0; i < existing->len; i++)
    if (g_ascii_strcasecmp (trellis_instrument_get_code (existing->pdata[i]), code) == 0)
      return existing->pdata[i];
  return NULL;
}

/* A dictionary made in REDCap says nothing of the label, the rule or the
 * bands, so an instrument already in the study keeps its own; and its item
 * codes keep their case, REDCap having written them in lower case. */
static void
adopt_existing (TrellisRedcapForm *form,
                TrellisInstrument *before)
{
  TrellisInstrument *after = form->instrument;
  GPtrArray *items = trellis_instrument_get_items (after);
  const TrellisScoreBand *bands;
  TrellisScoringRule rule;
  guint n_bands = 0;

  trellis_instrument_set_id (after, trellis_instrument_get_id (before));
  trellis_instrument_set_position (after, trellis_instrument_get_position (before));
  trellis_instrument_set_code (after, trellis_instrument_get_code (before));
  if (form->has_rule)
    return;

  for (guint i = 0; i < items->len; i++)
    {
      TrellisItem *match = trellis_instrument_find_item (before, trellis_item_get_code (items->pdata[i]), NULL);

      if (match != NULL)
        trellis_item_set_code (items->pdata[i], trellis_item_get_code (match));
    }
  trellis_instrument_get_rule (before, &rule);
  bands = trellis_instrument_get_bands (before, &n_bands);
  trellis_instrument_set_rule (after, &rule);
  trellis_instrument_set_label (after, trellis_instrument_get_label (before));
  trellis_instrument_set_bands (after, bands, n_bands);
}

static gboolean
same_choices (const char *const *a,
              const char *const *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_strv_equal (a, b);
}

static gboolean
same_item (TrellisItem *a,
           TrellisItem *b)
{
  return g_strcmp0 (trellis_item_get_code (a), trellis_item_get_code (b)) == 0 &&
         g_strcmp0 (trellis_item_get_text (a), trellis_item_get_text (b)) == 0 &&
         trellis_item_get_kind (a) == trellis_item_get_kind (b) &&
         trellis_item_get_min (a) == trellis_item_get_min (b) &&
         trellis_item_get_max (a) == trellis_item_get_max (b) &&
         trellis_item_get_reverse (a) == trellis_item_get_reverse (b) &&
         (trellis_item_get_kind (a) != TRELLIS_ITEM_CORRECT ||
          trellis_item_get_correct (a) == trellis_item_get_correct (b)) &&
         same_choices (trellis_item_get_choices (a), trellis_item_get_choices (b));
}

/* Whether the dictionary says what the study already holds, so that
 * importing the same dictionary twice writes nothing the second time. */
static gboolean
same_instrument (TrellisInstrument *a,
                 TrellisInstrument *b)
{
  GPtrArray *items_a = trellis_instrument_get_items (a);
  GPtrArray *items_b = trellis_instrument_get_items (b);
  g_autofree char *bands_a = trellis_instrument_bands_to_text (a);
  g_autofree char *bands_b = trellis_instrument_bands_to_text (b);
  TrellisScoringRule rule_a, rule_b;

  trellis_instrument_get_rule (a, &rule_a);
  trellis_instrument_get_rule (b, &rule_b);
  if (g_strcmp0 (trellis_instrument_get_code (a), trellis_instrument_get_code (b)) != 0 ||
      g_strcmp0 (trellis_instrument_get_label (a), trellis_instrument_get_label (b)) != 0 ||
      rule_a.method != rule_b.method || rule_a.min_answered != rule_b.min_answered ||
      g_strcmp0 (bands_a, bands_b) != 0 || items_a->len != items_b->len)
    return FALSE;
  for (guint i = 0; i < items_a->len; i++)
    if (!same_item (items_a->pdata[i], items_b->pdata[i]))
      return FALSE;
  return TRUE;
}

/* Matches each form with the study's instrument of its code; TRUE for a
 * form that would change nothing. */
static gboolean
prepare_form (TrellisRedcapReport *report,
              TrellisRedcapForm   *form,
              GPtrArray           *existing)
{
  TrellisInstrument *before = find_existing (existing, trellis_instrument_get_code (form->instrument));
  g_autoptr(GError) error = NULL;

  if (before == NULL)
    return FALSE;
  adopt_existing (form, before);
  if (!form->has_rule && !trellis_instrument_validate (form->instrument, &error))
    trellis_redcap_report_problem (report, form->line, TRELLIS_REDCAP_COLUMN_FORM, form->name,
                                   _("%s, with the study’s scoring rule for it: %s"),
                                   trellis_instrument_get_code (before), error->message);
  return same_instrument (form->instrument, before);
}

/* Writes one form; a refusal by the store's rules (answers on file, a code
 * taken) is a problem with the dictionary, anything else a failure. */
static gboolean
write_form (TrellisDatabase            *db,
            TrellisRedcapReport        *report,
            TrellisRedcapForm          *form,
            TrellisRedcapImportResult  *result,
            GError                    **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean update = trellis_instrument_get_id (form->instrument) > 0;
  guint rescored = 0;
  gboolean ok;

  ok = update ? trellis_instrument_store_update_within (db, form->instrument, &rescored, &local_error)
              : trellis_instrument_store_create_within (db, form->instrument, &local_error);
  if (ok)
    {
      if (update)
        result->n_updated++;
      else
        result->n_created++;
      result->n_rescored += rescored;
      return TRUE;
    }
  if (local_error->domain != TRELLIS_DOMAIN_ERROR)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  trellis_redcap_report_problem (report, form->line, TRELLIS_REDCAP_COLUMN_FORM, form->name,
                                 "%s", local_error->message);
  return TRUE;
}

/* FALSE only on a failure of the study file; a problem is in report, and
 * then the transaction is rolled back. */
static gboolean
write_forms (TrellisDatabase            *db,
             TrellisRedcapReport        *report,
             GPtrArray                  *forms,
             const gboolean             *unchanged,
             TrellisRedcapImportResult  *result,
             GError                    **error)
{
  if (!trellis_database_begin_write (db, error))
    return FALSE;
  for (guint i = 0; i < forms->len && report->n_problems == 0; i++)
    {
      if (unchanged[i])
        result->n_unchanged++;
      else if (!write_form (db, report, forms->pdata[i], result, error))
        {
          trellis_database_rollback (db);
          return FALSE;
        }
    }
  if (report->n_problems > 0)
    {
      trellis_database_rollback (db);
      return TRUE;
    }
  return trellis_database_commit (db, error);
}

static gboolean
prepare_forms (TrellisDatabase      *db,
               TrellisRedcapReport  *report,
               GPtrArray            *forms,
               gboolean             *unchanged,
               GError              **error)
{
  g_autoptr(GPtrArray) existing = trellis_instrument_store_load (db, error);

  if (existing == NULL)
    return FALSE;
  for (guint i = 0; i < forms->len; i++)
    unchanged[i] = prepare_form (report, forms->pdata[i], existing);
  return TRUE;
}

static void
set_invalid_error (TrellisRedcapReport  *report,
                   GError              **error)
{
  const TrellisImportProblem *first = g_ptr_array_index (report->problems, 0);

  g_set_error (error, TRELLIS_IMPORT_ERROR, TRELLIS_IMPORT_ERROR_INVALID,
               ngettext ("%s was not imported: it has %u problem, so nothing was changed. %s",
                         "%s was not imported: it has %u problems, so nothing was changed. The first: %s",
                         report->n_problems),
               report->file_name, report->n_problems, first->message);
}

/* Imports the REDCap data dictionary in bytes, the contents of file_name (a
 * name for messages). notes lists the fields and forms skipped. On a problem
 * with the dictionary nothing is written, problems gets up to
 * TRELLIS_IMPORT_MAX_PROBLEMS of them (and an entry saying how many more)
 * and error is TRELLIS_IMPORT_ERROR_INVALID, summarising them. */
gboolean
trellis_redcap_dictionary_import (TrellisDatabase            *db,
                                  const char                 *file_name,
                                  GBytes                     *bytes,
                                  TrellisRedcapImportResult  *result,
                                  GPtrArray                 **notes,
                                  GPtrArray                 **problems,
                                  GError                    **error)
{
  g_auto(TrellisRedcapReport) report = { 0 };
  g_autoptr(GPtrArray) forms = NULL;
  g_autofree gboolean *unchanged = NULL;
  TrellisRedcapImportResult counts = { 0 };

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (file_name != NULL && bytes != NULL, FALSE);

  if (notes != NULL)
    *notes = NULL;
  if (problems != NULL)
    *problems = NULL;
  trellis_redcap_report_init (&report, file_name);
  forms = trellis_redcap_read_forms (&report, bytes);
  if (forms != NULL)
    {
      unchanged = g_new0 (gboolean, MAX (forms->len, 1));
      if (!prepare_forms (db, &report, forms, unchanged, error) ||
          (report.n_problems == 0 && !write_forms (db, &report, forms, unchanged, &counts, error)))
        return FALSE;
    }
  if (report.n_problems > 0)
    set_invalid_error (&report, error);
  else if (result != NULL)
    *result = counts;
  trellis_redcap_report_finish (&report, notes, problems);
  return report.n_problems == 0;
}
