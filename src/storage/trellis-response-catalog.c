/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-database-private.h"
#include "trellis-date.h"
#include "trellis-instrument-store.h"
#include "trellis-participant-status.h"
#include "trellis-response-import-private.h"
#include "trellis-study-code.h"
#include "trellis-timepoint-store.h"

/* What a responses file is checked against, read from the study once before
 * the first row: its participants with their withdrawals, the timepoint plan,
 * the instruments and their items, and the visits already on file. A file of
 * a million rows then costs a million hash lookups, not a million queries. */

static void
participant_clear (gpointer data)
{
  TrellisResponseParticipant *participant = data;

  g_free (participant->code);
}

static void
instrument_clear (gpointer data)
{
  TrellisResponseInstrument *instrument = data;

  g_clear_pointer (&instrument->items, g_hash_table_unref);
}

/* Codes are stored without regard to ASCII case (COLLATE NOCASE), so they
 * are looked up the same way. */
static guint
ascii_case_hash (gconstpointer key)
{
  guint hash = 5381;

  for (const char *p = key; *p != '\0'; p++)
    hash = hash * 33 + (guchar) g_ascii_tolower (*p);
  return hash;
}

static gboolean
ascii_case_equal (gconstpointer a,
                  gconstpointer b)
{
  return g_ascii_strcasecmp (a, b) == 0;
}

static gboolean
finish_query (TrellisDatabase  *db,
              sqlite3_stmt     *stmt,
              int               rc,
              GError          **error)
{
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  trellis_database_set_error (db, error, rc);
  return FALSE;
}

static gboolean
load_participants (TrellisResponseCatalog  *catalog,
                   TrellisDatabase         *db,
                   GError                 **error)
{
  sqlite3_stmt *stmt = trellis_database_prepare (db, "SELECT id, code FROM participant ORDER BY id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TrellisResponseParticipant participant = { sqlite3_column_int64 (stmt, 0) };

      participant.code = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      g_date_clear (&participant.withdrawal.effective_date, 1);
      g_array_append_val (catalog->participants, participant);
      g_hash_table_insert (catalog->codes, participant.code, GUINT_TO_POINTER (catalog->participants->len));
    }
  return finish_query (db, stmt, rc, error);
}

/* The participant of an id, by binary search: ids come in ascending order. */
static TrellisResponseParticipant *
participant_of_id (TrellisResponseCatalog *catalog,
                   gint64                  id,
                   guint                  *index)
{
  guint low = 0, high = catalog->participants->len;

  while (low < high)
    {
      guint middle = low + (high - low) / 2;
      TrellisResponseParticipant *participant =
        &g_array_index (catalog->participants, TrellisResponseParticipant, middle);

      if (participant->id == id)
        {
          if (index != NULL)
            *index = middle;
          return participant;
        }
      if (participant->id < id)
        low = middle + 1;
      else
        high = middle;
    }
  return NULL;
}

/* The withdrawal in force is each participant's latest, as
 * trellis_withdrawal_store_get_facts () finds it. */
static gboolean
load_withdrawals (TrellisResponseCatalog  *catalog,
                  TrellisDatabase         *db,
                  GError                 **error)
{
  sqlite3_stmt *stmt = trellis_database_prepare (db,
      "SELECT participant_id, kind, effective_date FROM withdrawal"
      " ORDER BY participant_id, effective_date DESC, id DESC", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TrellisResponseParticipant *participant = participant_of_id (catalog, sqlite3_column_int64 (stmt, 0), NULL);
      TrellisWithdrawalFacts *facts;

      if (participant == NULL || participant->withdrawal.withdrawn)
        continue;
      facts = &participant->withdrawal;
      if (!trellis_withdrawal_type_from_string ((const char *) sqlite3_column_text (stmt, 1), &facts->kind,
                                                error) ||
          !trellis_date_parse ((const char *) sqlite3_column_text (stmt, 2), &facts->effective_date, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
      facts->withdrawn = TRUE;
    }
  return finish_query (db, stmt, rc, error);
}

static int
timepoint_of_id (TrellisResponseCatalog *catalog,
                 gint64                  id)
{
  for (guint i = 0; i < catalog->timepoints->len; i++)
    if (trellis_timepoint_get_id (catalog->timepoints->pdata[i]) == id)
      return (int) i;
  return -1;
}

static gboolean
load_visits (TrellisResponseCatalog  *catalog,
             TrellisDatabase         *db,
             GError                 **error)
{
  sqlite3_stmt *stmt = trellis_database_prepare (db,
      "SELECT participant_id, timepoint_id, completed_date, missed FROM visit", error);
  guint n_timepoints = catalog->timepoints->len;
  int rc;

  if (stmt == NULL)
    return FALSE;
  catalog->on_file = g_new0 (guint32, (gsize) MAX (catalog->participants->len * n_timepoints, 1));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint participant;
      int timepoint = timepoint_of_id (catalog, sqlite3_column_int64 (stmt, 1));
      guint32 completed = trellis_date_to_julian_or_zero ((const char *) sqlite3_column_text (stmt, 2));

      if (timepoint < 0 || participant_of_id (catalog, sqlite3_column_int64 (stmt, 0), &participant) == NULL)
        continue;
      catalog->on_file[participant * n_timepoints + timepoint] =
        sqlite3_column_int (stmt, 3) != 0 || completed == 0 ? TRELLIS_RESPONSE_MISSED : completed;
    }
  return finish_query (db, stmt, rc, error);
}

static void
index_instruments (TrellisResponseCatalog *catalog)
{
  for (guint i = 0; i < catalog->instrument_list->len; i++)
    {
      TrellisResponseInstrument entry = { catalog->instrument_list->pdata[i] };
      GPtrArray *items = trellis_instrument_get_items (entry.instrument);

      entry.code = trellis_instrument_get_code (entry.instrument);
      entry.offset = catalog->n_values;
      entry.n_items = items->len;
      entry.specs = trellis_instrument_get_specs (entry.instrument, NULL);
      trellis_instrument_get_rule (entry.instrument, &entry.rule);
      entry.items = g_hash_table_new (ascii_case_hash, ascii_case_equal);
      for (guint j = 0; j < items->len; j++)
        g_hash_table_insert (entry.items, (gpointer) trellis_item_get_code (items->pdata[j]),
                             GUINT_TO_POINTER (j + 1));
      catalog->n_values += items->len;
      g_array_append_val (catalog->instruments, entry);
    }
}

gboolean
trellis_response_catalog_load (TrellisResponseCatalog  *catalog,
                               TrellisDatabase         *db,
                               GError                 **error)
{
  g_return_val_if_fail (catalog != NULL, FALSE);
  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), FALSE);

  catalog->participants = g_array_new (FALSE, TRUE, sizeof (TrellisResponseParticipant));
  g_array_set_clear_func (catalog->participants, participant_clear);
  catalog->codes = g_hash_table_new (g_str_hash, g_str_equal);
  catalog->instruments = g_array_new (FALSE, TRUE, sizeof (TrellisResponseInstrument));
  g_array_set_clear_func (catalog->instruments, instrument_clear);

  if ((catalog->timepoints = trellis_timepoint_store_load (db, error)) == NULL ||
      (catalog->instrument_list = trellis_instrument_store_load (db, error)) == NULL ||
      !load_participants (catalog, db, error) ||
      !load_withdrawals (catalog, db, error) ||
      !load_visits (catalog, db, error))
    return FALSE;
  index_instruments (catalog);
  return TRUE;
}

void
trellis_response_catalog_clear (TrellisResponseCatalog *catalog)
{
  g_clear_pointer (&catalog->codes, g_hash_table_unref);
  g_clear_pointer (&catalog->participants, g_array_unref);
  g_clear_pointer (&catalog->instruments, g_array_unref);
  g_clear_pointer (&catalog->instrument_list, g_ptr_array_unref);
  g_clear_pointer (&catalog->timepoints, g_ptr_array_unref);
  g_clear_pointer (&catalog->on_file, g_free);
}

/* The participant a cell names, as stored or as a person might type it
 * (lower case, spaces around): -1 if none. */
int
trellis_response_catalog_find_participant (TrellisResponseCatalog *catalog,
                                           const char             *text)
{
  g_autofree char *normal = NULL;
  guint index = GPOINTER_TO_UINT (g_hash_table_lookup (catalog->codes, text));

  if (index > 0)
    return (int) index - 1;
  normal = trellis_study_code_normalize (text);
  index = GPOINTER_TO_UINT (g_hash_table_lookup (catalog->codes, normal));
  return (int) index - 1;
}

int
trellis_response_catalog_find_timepoint (TrellisResponseCatalog *catalog,
                                         const char             *text)
{
  for (guint i = 0; i < catalog->timepoints->len; i++)
    if (g_ascii_strcasecmp (trellis_timepoint_get_code (catalog->timepoints->pdata[i]), text) == 0)
      return (int) i;
  return -1;
}

int
trellis_response_catalog_find_instrument (TrellisResponseCatalog *catalog,
                                          const char             *text)
{
  for (guint i = 0; i < catalog->instruments->len; i++)
    if (g_ascii_strcasecmp (g_array_index (catalog->instruments, TrellisResponseInstrument, i).code, text) == 0)
      return (int) i;
  return -1;
}

int
trellis_response_catalog_find_item (TrellisResponseCatalog *catalog,
                                    guint                   instrument,
                                    const char             *text)
{
  const TrellisResponseInstrument *entry = &g_array_index (catalog->instruments, TrellisResponseInstrument,
                                                           instrument);

  return (int) GPOINTER_TO_UINT (g_hash_table_lookup (entry->items, text)) - 1;
}

/* "T1, T2, T3, T4", for a message about a timepoint the plan does not have. */
const char *
trellis_response_catalog_list_timepoints (TrellisResponseCatalog *catalog,
                                          GString                *out)
{
  g_string_truncate (out, 0);
  for (guint i = 0; i < catalog->timepoints->len; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? ", " : "",
                            trellis_timepoint_get_code (catalog->timepoints->pdata[i]));
  if (out->len == 0)
    g_string_append (out, _("none yet"));
  return out->str;
}

const char *
trellis_response_catalog_list_instruments (TrellisResponseCatalog *catalog,
                                           GString                *out)
{
  g_string_truncate (out, 0);
  for (guint i = 0; i < catalog->instruments->len; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? ", " : "",
                            g_array_index (catalog->instruments, TrellisResponseInstrument, i).code);
  if (out->len == 0)
    g_string_append (out, _("none yet"));
  return out->str;
}
