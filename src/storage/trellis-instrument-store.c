/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "trellis-answer-sheet.h"
#include "trellis-audit-coverage.h"
#include "trellis-database-private.h"
#include "trellis-domain-error.h"
#include "trellis-instrument-store.h"
#include "trellis-score-cache.h"
#include "trellis-storage-error.h"
#include "trellis-store-util.h"

/* The instrument aggregate: an instrument row and its item rows, written and
 * audited together. Answer sheets store answers by item code, so once a sheet
 * exists an item keeps its code and stays in the instrument; everything else
 * may change, and a change to how scores are made (the method, the
 * missing-item rule, an item's scale, reversal or correct answer, the item
 * list) raises the rule version and rescores every sheet in the same
 * transaction. */

/* Choices are stored as a JSON array of labels, or NULL. */
static char **
choices_from_json (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array;

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL) ||
      !JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
    return NULL;
  array = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (array); i++)
    g_strv_builder_add (builder, json_array_get_string_element (array, i));
  return g_strv_builder_end (builder);
}

static char *
choices_to_json (const char *const *choices)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  if (choices == NULL)
    return NULL;
  json_builder_begin_array (builder);
  for (guint i = 0; choices[i] != NULL; i++)
    json_builder_add_string_value (builder, choices[i]);
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static TrellisItem *
item_from_row (sqlite3_stmt *stmt)
{
  TrellisItemKind kind = TRELLIS_ITEM_INTEGER;
  TrellisItem *item;
  g_auto(GStrv) choices = NULL;

  trellis_item_kind_from_string ((const char *) sqlite3_column_text (stmt, 3), &kind);
  item = trellis_item_new ((const char *) sqlite3_column_text (stmt, 1),
                           (const char *) sqlite3_column_text (stmt, 2),
                           kind, sqlite3_column_int (stmt, 4), sqlite3_column_int (stmt, 5));
  trellis_item_set_id (item, sqlite3_column_int64 (stmt, 0));
  trellis_item_set_reverse (item, sqlite3_column_int (stmt, 6) != 0);
  trellis_item_set_correct (item, sqlite3_column_int (stmt, 7));
  choices = choices_from_json ((const char *) sqlite3_column_text (stmt, 8));
  trellis_item_set_choices (item, (const char *const *) choices);
  trellis_item_set_position (item, sqlite3_column_int (stmt, 9));
  return item;
}

static gboolean
load_items (TrellisDatabase    *db,
            TrellisInstrument  *instrument,
            GError            **error)
{
  sqlite3_stmt *stmt = trellis_database_prepare (db,
      "SELECT id, code, text, kind, min_value, max_value, reverse, correct_value, choices, position"
      " FROM item WHERE instrument_id = ?1 ORDER BY position, id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, trellis_instrument_get_id (instrument));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(TrellisItem) item = item_from_row (stmt);

      trellis_instrument_add_item (instrument, item);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    trellis_database_set_error (db, error, rc);
  return rc == SQLITE_DONE;
}

static TrellisInstrument *
instrument_from_row (sqlite3_stmt *stmt)
{
  TrellisScoringRule rule = { TRELLIS_SCORING_MEAN, 1, 1 };
  TrellisInstrument *instrument;

  trellis_scoring_method_from_string ((const char *) sqlite3_column_text (stmt, 3), &rule.method);
  rule.min_answered = sqlite3_column_int (stmt, 4);
  rule.version = sqlite3_column_int (stmt, 5);
  instrument = trellis_instrument_new ((const char *) sqlite3_column_text (stmt, 1),
                                       (const char *) sqlite3_column_text (stmt, 2),
                                       rule.method, rule.min_answered);
  trellis_instrument_set_id (instrument, sqlite3_column_int64 (stmt, 0));
  trellis_instrument_set_rule (instrument, &rule);
  /* Bands were checked when they were saved. */
  trellis_instrument_bands_from_text (instrument, (const char *) sqlite3_column_text (stmt, 6), NULL);
  trellis_instrument_set_position (instrument, sqlite3_column_int (stmt, 7));
  return instrument;
}

/* Every instrument with its items, in position order. */
GPtrArray *
trellis_instrument_store_load (TrellisDatabase  *db,
                               GError          **error)
{
  g_autoptr(GPtrArray) instruments = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), NULL);

  stmt = trellis_database_prepare (db,
      "SELECT id, code, label, method, min_answered, rule_version, bands, position"
      " FROM instrument ORDER BY position, id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (instruments, instrument_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      trellis_database_set_error (db, error, rc);
      return NULL;
    }
  for (guint i = 0; i < instruments->len; i++)
    if (!load_items (db, instruments->pdata[i], error))
      return NULL;
  return g_steal_pointer (&instruments);
}

static void
bind_item (sqlite3_stmt *stmt,
           TrellisItem  *item,
           int           position)
{
  char *choices = choices_to_json (trellis_item_get_choices (item));

  sqlite3_bind_text (stmt, 1, trellis_item_get_code (item), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, trellis_item_get_text (item), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, trellis_item_kind_to_string (trellis_item_get_kind (item)), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, trellis_item_get_min (item));
  sqlite3_bind_int (stmt, 5, trellis_item_get_max (item));
  sqlite3_bind_int (stmt, 6, trellis_item_get_reverse (item));
  if (trellis_item_get_kind (item) == TRELLIS_ITEM_CORRECT)
    sqlite3_bind_int (stmt, 7, trellis_item_get_correct (item));
  else
    sqlite3_bind_null (stmt, 7);
  if (choices != NULL)
    sqlite3_bind_text (stmt, 8, choices, -1, g_free);
  else
    sqlite3_bind_null (stmt, 8);
  sqlite3_bind_int (stmt, 9, position);
}

static gboolean
insert_item (TrellisDatabase    *db,
             gint64              instrument_id,
             TrellisItem        *item,
             int                 position,
             GError            **error)
{
  sqlite3_stmt *stmt = trellis_database_prepare (db,
      "INSERT INTO item (code, text, kind, min_value, max_value, reverse, correct_value, choices,"
      " position, instrument_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)", error);
  gint64 id;

  if (stmt == NULL)
    return FALSE;
  bind_item (stmt, item, position);
  sqlite3_bind_int64 (stmt, 10, instrument_id);
  if (!trellis_database_step_done (db, stmt, error))
    return FALSE;
  id = sqlite3_last_insert_rowid (trellis_database_get_handle (db));
  trellis_item_set_id (item, id);
  return trellis_audit_append_change (db, "insert", "item", id, NULL, NULL, error);
}

static gboolean
update_item (TrellisDatabase    *db,
             gint64              item_id,
             TrellisItem        *item,
             int                 position,
             GError            **error)
{
  sqlite3_stmt *stmt = trellis_database_prepare (db,
      "UPDATE item SET code = ?1, text = ?2, kind = ?3, min_value = ?4, max_value = ?5,"
      " reverse = ?6, correct_value = ?7, choices = ?8, position = ?9 WHERE id = ?10", error);

  if (stmt == NULL)
    return FALSE;
  bind_item (stmt, item, position);
  sqlite3_bind_int64 (stmt, 10, item_id);
  trellis_item_set_id (item, item_id);
  return trellis_store_update_row (db, "item", item_id, "update", stmt, NULL, error);
}

static void
bind_instrument (sqlite3_stmt      *stmt,
                 TrellisInstrument *instrument)
{
  TrellisScoringRule rule;
  g_autofree char *bands = trellis_instrument_bands_to_text (instrument);

  trellis_instrument_get_rule (instrument, &rule);
  sqlite3_bind_text (stmt, 1, trellis_instrument_get_code (instrument), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, trellis_instrument_get_label (instrument), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, trellis_scoring_method_to_string (rule.method), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, rule.min_answered);
  sqlite3_bind_int (stmt, 5, rule.version);
  sqlite3_bind_text (stmt, 6, bands, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 7, trellis_instrument_get_position (instrument));
}

static gboolean
insert_instrument (TrellisDatabase    *db,
                   TrellisInstrument  *instrument,
                   GError            **error)
{
  sqlite3_stmt *stmt = trellis_database_prepare (db,
      "INSERT INTO instrument (code, label, method, min_answered, rule_version, bands, position)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6,"
      " CASE WHEN ?7 > 0 THEN ?7 ELSE (SELECT coalesce (max (position), 0) + 1 FROM instrument) END)",
      error);
  GPtrArray *items = trellis_instrument_get_items (instrument);
  gint64 id;

  if (stmt == NULL)
    return FALSE;
  bind_instrument (stmt, instrument);
  if (!trellis_database_step_done (db, stmt, error))
    return FALSE;
  id = sqlite3_last_insert_rowid (trellis_database_get_handle (db));
  trellis_instrument_set_id (instrument, id);
  if (!trellis_audit_append_change (db, "insert", "instrument", id, NULL, NULL, error))
    return FALSE;
  for (guint i = 0; i < items->len; i++)
    if (!insert_item (db, id, items->pdata[i], i + 1, error))
      return FALSE;
  return TRUE;
}

/* Called while a study file is created or upgraded, inside its transaction:
 * every study has the Brief Resilience Scale. */
gboolean
trellis_instrument_store_seed (TrellisDatabase  *db,
                               GError          **error)
{
  g_autoptr(TrellisInstrument) brs = trellis_instrument_new_brief_resilience_scale ();

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), FALSE);

  trellis_instrument_set_position (brs, 1);
  return insert_instrument (db, brs, error);
}

static gboolean
check_new (TrellisDatabase    *db,
           TrellisInstrument  *instrument,
           GError            **error)
{
  g_autofree char *taken = NULL;

  if (!trellis_instrument_validate (instrument, error) ||
      !trellis_store_name_taken (db, "instrument", "code", trellis_instrument_get_code (instrument),
                                 trellis_instrument_get_id (instrument), &taken, error))
    return FALSE;
  if (taken != NULL)
    g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_DUPLICATE,
                 _("There is already an instrument with the code “%s”"), taken);
  return taken == NULL;
}

/* Stores a new instrument with its items and sets their ids. */
gboolean
trellis_instrument_store_create (TrellisDatabase    *db,
                                 TrellisInstrument  *instrument,
                                 GError            **error)
{
  TrellisScoringRule rule;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (TRELLIS_IS_INSTRUMENT (instrument), FALSE);
  g_return_val_if_fail (trellis_instrument_get_id (instrument) == 0, FALSE);

  trellis_instrument_get_rule (instrument, &rule);
  rule.version = 1;
  trellis_instrument_set_rule (instrument, &rule);
  if (!trellis_database_begin_write (db, error))
    return FALSE;
  if (check_new (db, instrument, error) &&
      insert_instrument (db, instrument, error) &&
      trellis_database_commit (db, error))
    return TRUE;
  trellis_database_rollback (db);
  trellis_instrument_set_id (instrument, 0);
  return FALSE;
}

static TrellisInstrument *
load_one (TrellisDatabase  *db,
          gint64            id,
          GError          **error)
{
  g_autoptr(GPtrArray) all = trellis_instrument_store_load (db, error);

  if (all == NULL)
    return NULL;
  for (guint i = 0; i < all->len; i++)
    if (trellis_instrument_get_id (all->pdata[i]) == id)
      return g_object_ref (all->pdata[i]);

  g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_NOT_FOUND,
               _("That instrument is no longer in the study"));
  return NULL;
}

static TrellisItem *
find_exact (TrellisInstrument *instrument,
            const char        *code)
{
  GPtrArray *items = trellis_instrument_get_items (instrument);

  for (guint i = 0; i < items->len; i++)
    if (g_strcmp0 (trellis_item_get_code (items->pdata[i]), code) == 0)
      return items->pdata[i];
  return NULL;
}

static gboolean
same_scoring (TrellisItem *a,
              TrellisItem *b)
{
  return trellis_item_get_kind (a) == trellis_item_get_kind (b) &&
         trellis_item_get_min (a) == trellis_item_get_min (b) &&
         trellis_item_get_max (a) == trellis_item_get_max (b) &&
         trellis_item_get_reverse (a) == trellis_item_get_reverse (b) &&
         (trellis_item_get_kind (a) != TRELLIS_ITEM_CORRECT ||
          trellis_item_get_correct (a) == trellis_item_get_correct (b));
}

/* Whether scores made by the old instrument could differ from the new one's. */
static gboolean
scoring_changed (TrellisInstrument *before,
                 TrellisInstrument *after)
{
  GPtrArray *old_items = trellis_instrument_get_items (before);
  GPtrArray *new_items = trellis_instrument_get_items (after);
  TrellisScoringRule old_rule, new_rule;

  trellis_instrument_get_rule (before, &old_rule);
  trellis_instrument_get_rule (after, &new_rule);
  if (old_rule.method != new_rule.method || old_rule.min_answered != new_rule.min_answered ||
      old_items->len != new_items->len)
    return TRUE;
  for (guint i = 0; i < old_items->len; i++)
    {
      TrellisItem *match = find_exact (after, trellis_item_get_code (old_items->pdata[i]));

      if (match == NULL || !same_scoring (old_items->pdata[i], match))
        return TRUE;
    }
  return FALSE;
}

/* With answer sheets on file, every item keeps its code and every stored
 * answer must still be on its item's scale. */
static gboolean
check_answers_kept (TrellisDatabase    *db,
                    TrellisInstrument  *before,
                    TrellisInstrument  *after,
                    GError            **error)
{
  GPtrArray *old_items = trellis_instrument_get_items (before);
  GPtrArray *new_items = trellis_instrument_get_items (after);
  sqlite3_stmt *stmt;

  for (guint i = 0; i < old_items->len; i++)
    if (find_exact (after, trellis_item_get_code (old_items->pdata[i])) == NULL)
      {
        g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                     _("Item %s has answers on file, so it cannot be removed or get a new code"),
                     trellis_item_get_code (old_items->pdata[i]));
        return FALSE;
      }

  stmt = trellis_database_prepare (db,
      "SELECT count (*) FROM answer_sheet WHERE instrument_id = ?1"
      " AND (json_extract (answers, ?2) < ?3 OR json_extract (answers, ?2) > ?4)", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < new_items->len; i++)
    {
      TrellisItem *item = new_items->pdata[i];
      g_autofree char *path = g_strdup_printf ("$.%s", trellis_item_get_code (item));
      int outside;

      sqlite3_bind_int64 (stmt, 1, trellis_instrument_get_id (after));
      sqlite3_bind_text (stmt, 2, path, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 3, trellis_item_get_min (item));
      sqlite3_bind_int (stmt, 4, trellis_item_get_max (item));
      outside = sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int (stmt, 0) : -1;
      sqlite3_reset (stmt);
      if (outside < 0)
        {
          trellis_database_set_error (db, error, sqlite3_errcode (trellis_database_get_handle (db)));
          return FALSE;
        }
      if (outside > 0)
        {
          g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                       ngettext ("%d answer on file to %s is outside %d–%d",
                                 "%d answers on file to %s are outside %d–%d", outside),
                       outside, trellis_item_get_code (item),
                       trellis_item_get_min (item), trellis_item_get_max (item));
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
count_sheets (TrellisDatabase  *db,
              gint64            instrument_id,
              gint64           *n_sheets,
              GError          **error)
{
  return trellis_store_query_int64 (db, "SELECT count (*) FROM answer_sheet WHERE instrument_id = ?1",
                                    instrument_id, n_sheets, error);
}

static gboolean
write_items (TrellisDatabase    *db,
             TrellisInstrument  *before,
             TrellisInstrument  *after,
             GError            **error)
{
  GPtrArray *old_items = trellis_instrument_get_items (before);
  GPtrArray *new_items = trellis_instrument_get_items (after);
  gint64 id = trellis_instrument_get_id (after);

  for (guint i = 0; i < old_items->len; i++)
    {
      gint64 old_id = trellis_item_get_id (old_items->pdata[i]);
      g_autofree char *old_value = NULL;
      sqlite3_stmt *stmt;

      if (find_exact (after, trellis_item_get_code (old_items->pdata[i])) != NULL)
        continue;
      if (!trellis_audit_snapshot (db, "item", old_id, &old_value, error) ||
          (stmt = trellis_database_prepare (db, "DELETE FROM item WHERE id = ?1", error)) == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, old_id);
      if (!trellis_database_step_done (db, stmt, error) ||
          !trellis_audit_append_change (db, "delete", "item", old_id, old_value, NULL, error))
        return FALSE;
    }
  for (guint i = 0; i < new_items->len; i++)
    {
      TrellisItem *old = find_exact (before, trellis_item_get_code (new_items->pdata[i]));
      gboolean ok = old != NULL
        ? update_item (db, trellis_item_get_id (old), new_items->pdata[i], i + 1, error)
        : insert_item (db, id, new_items->pdata[i], i + 1, error);

      if (!ok)
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_instrument (TrellisDatabase    *db,
                  TrellisInstrument  *instrument,
                  GError            **error)
{
  sqlite3_stmt *stmt = trellis_database_prepare (db,
      "UPDATE instrument SET code = ?1, label = ?2, method = ?3, min_answered = ?4,"
      " rule_version = ?5, bands = ?6, position = ?7 WHERE id = ?8", error);

  if (stmt == NULL)
    return FALSE;
  bind_instrument (stmt, instrument);
  sqlite3_bind_int64 (stmt, 8, trellis_instrument_get_id (instrument));
  return trellis_store_update_row (db, "instrument", trellis_instrument_get_id (instrument), "update",
                                   stmt, NULL, error);
}

static gboolean
rescore_sheets (TrellisDatabase    *db,
                TrellisInstrument  *instrument,
                const char         *reason,
                guint              *n_rescored,
                GError            **error);

static gboolean
apply_update (TrellisDatabase    *db,
              TrellisInstrument  *before,
              TrellisInstrument  *after,
              guint              *n_rescored,
              GError            **error)
{
  TrellisScoringRule rule, old_rule;
  gboolean rescore = scoring_changed (before, after);
  gint64 n_sheets = 0;

  trellis_instrument_get_rule (before, &old_rule);
  trellis_instrument_get_rule (after, &rule);
  rule.version = old_rule.version + (rescore ? 1 : 0);
  trellis_instrument_set_rule (after, &rule);
  if (trellis_instrument_get_position (after) <= 0)
    trellis_instrument_set_position (after, trellis_instrument_get_position (before));

  if (!check_new (db, after, error) ||
      !count_sheets (db, trellis_instrument_get_id (after), &n_sheets, error) ||
      (n_sheets > 0 && !check_answers_kept (db, before, after, error)) ||
      !write_instrument (db, after, error) ||
      !write_items (db, before, after, error))
    return FALSE;
  if (rescore && n_sheets > 0)
    {
      g_autofree char *reason = g_strdup_printf (_("Scoring rule of %s changed to version %d"),
                                                 trellis_instrument_get_code (after), rule.version);

      return rescore_sheets (db, after, reason, n_rescored, error);
    }
  return TRUE;
}

/* Saves an edited instrument (matched by id) with its items. A change to how
 * scores are made raises the rule version and rescores its answer sheets;
 * n_rescored says how many. */
gboolean
trellis_instrument_store_update (TrellisDatabase    *db,
                                 TrellisInstrument  *instrument,
                                 guint              *n_rescored,
                                 GError            **error)
{
  g_autoptr(TrellisInstrument) before = NULL;
  TrellisScoringRule rule;
  guint rescored = 0;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (TRELLIS_IS_INSTRUMENT (instrument), FALSE);

  trellis_instrument_get_rule (instrument, &rule);
  if (!trellis_database_begin_write (db, error))
    return FALSE;
  before = load_one (db, trellis_instrument_get_id (instrument), error);
  if (before != NULL &&
      apply_update (db, before, instrument, &rescored, error) &&
      trellis_database_commit (db, error))
    {
      if (n_rescored != NULL)
        *n_rescored = rescored;
      return TRUE;
    }
  trellis_database_rollback (db);
  trellis_instrument_set_rule (instrument, &rule);
  return FALSE;
}

/* The checks and writes of _create (), in the caller's transaction. */
gboolean
trellis_instrument_store_create_within (TrellisDatabase    *db,
                                        TrellisInstrument  *instrument,
                                        GError            **error)
{
  TrellisScoringRule rule;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (TRELLIS_IS_INSTRUMENT (instrument), FALSE);
  g_return_val_if_fail (trellis_instrument_get_id (instrument) == 0, FALSE);

  trellis_instrument_get_rule (instrument, &rule);
  rule.version = 1;
  trellis_instrument_set_rule (instrument, &rule);
  if (check_new (db, instrument, error) && insert_instrument (db, instrument, error))
    return TRUE;
  trellis_instrument_set_id (instrument, 0);
  return FALSE;
}

/* The checks, writes and rescoring of _update (), in the caller's
 * transaction. */
gboolean
trellis_instrument_store_update_within (TrellisDatabase    *db,
                                        TrellisInstrument  *instrument,
                                        guint              *n_rescored,
                                        GError            **error)
{
  g_autoptr(TrellisInstrument) before = NULL;
  TrellisScoringRule rule;
  guint rescored = 0;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (TRELLIS_IS_INSTRUMENT (instrument), FALSE);

  trellis_instrument_get_rule (instrument, &rule);
  before = load_one (db, trellis_instrument_get_id (instrument), error);
  if (before != NULL && apply_update (db, before, instrument, &rescored, error))
    {
      if (n_rescored != NULL)
        *n_rescored = rescored;
      return TRUE;
    }
  trellis_instrument_set_rule (instrument, &rule);
  return FALSE;
}

typedef struct
{
  gint64 id;
  TrellisScore score;
} SheetScore;

/* Whether the row's stored score differs from score made by rule version. */
static gboolean
stored_differs (sqlite3_stmt       *stmt,
                const TrellisScore *score,
                int                 version)
{
  gboolean stored_missing = sqlite3_column_type (stmt, 3) == SQLITE_NULL;

  return sqlite3_column_int (stmt, 2) != score->answered ||
         sqlite3_column_int (stmt, 4) != version ||
         stored_missing != score->missing ||
         (!score->missing && sqlite3_column_double (stmt, 3) != score->value);
}

/* Scores every sheet of the instrument that has answers (n_scored says how
 * many) and returns
 * those whose stored score, count or rule version is not what the rule gives
 * now: a rescore rewrites only what changes. */
static GArray *
score_sheets (TrellisDatabase    *db,
              TrellisInstrument  *instrument,
              guint              *n_scored,
              GError            **error)
{
  g_autoptr(GArray) scores = g_array_new (FALSE, FALSE, sizeof (SheetScore));
  guint n_items = trellis_instrument_get_items (instrument)->len;
  g_autofree int *values = g_new (int, MAX (n_items, 1));
  sqlite3_stmt *stmt = trellis_database_prepare (db,
      "SELECT id, answers, answered, score, rule_version FROM answer_sheet"
      " WHERE instrument_id = ?1 AND rule_version != ?2", error);
  TrellisScoringRule rule;
  int rc;

  if (stmt == NULL)
    return NULL;
  trellis_instrument_get_rule (instrument, &rule);
  sqlite3_bind_int64 (stmt, 1, trellis_instrument_get_id (instrument));
  /* A score given in place of items has nothing to be computed from: it
   * stays as it was imported, rather than becoming missing. */
  sqlite3_bind_int (stmt, 2, TRELLIS_SCORING_GIVEN_VERSION);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SheetScore sheet = { sqlite3_column_int64 (stmt, 0) };

      if (!trellis_answer_sheet_parse (instrument, (const char *) sqlite3_column_text (stmt, 1), values, error))
        {
          sqlite3_reset (stmt);
          return NULL;
        }
      trellis_instrument_score (instrument, values, &sheet.score);
      (*n_scored)++;
      if (stored_differs (stmt, &sheet.score, rule.version))
        g_array_append_val (scores, sheet);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      trellis_database_set_error (db, error, rc);
      return NULL;
    }
  return g_steal_pointer (&scores);
}

static gboolean
rescore_sheets (TrellisDatabase    *db,
                TrellisInstrument  *instrument,
                const char         *reason,
                guint              *n_rescored,
                GError            **error)
{
  g_autoptr(GArray) scores = NULL;
  TrellisScoringRule rule;
  sqlite3_stmt *stmt;

  *n_rescored = 0;
  scores = score_sheets (db, instrument, n_rescored, error);
  if (scores == NULL)
    return FALSE;
  if (scores->len > 0 &&
      !trellis_score_cache_clear (db, trellis_instrument_get_id (instrument), error))
    return FALSE;
  stmt = trellis_database_prepare (db,
      "UPDATE answer_sheet SET answered = ?1, score = ?2, rule_version = ?3 WHERE id = ?4", error);
  if (stmt == NULL)
    return FALSE;
  trellis_instrument_get_rule (instrument, &rule);
  for (guint i = 0; i < scores->len; i++)
    {
      const SheetScore *sheet = &g_array_index (scores, SheetScore, i);

      sqlite3_bind_int (stmt, 1, sheet->score.answered);
      if (sheet->score.missing)
        sqlite3_bind_null (stmt, 2);
      else
        sqlite3_bind_double (stmt, 2, sheet->score.value);
      sqlite3_bind_int (stmt, 3, rule.version);
      sqlite3_bind_int64 (stmt, 4, sheet->id);
      if (!trellis_database_step_done (db, stmt, error))
        return FALSE;
    }
  return scores->len == 0 ||
         trellis_audit_append_bulk_matching (db, "rescore", "answer_sheet", "instrument_id",
                                             trellis_instrument_get_id (instrument), reason, error);
}

/* Recomputes every score of the instrument from its answers with its current
 * rule: what `trellis-cli rescore` runs after a file was written by an older
 * Trellis, and what the benchmark times. */
gboolean
trellis_instrument_store_rescore (TrellisDatabase    *db,
                                  TrellisInstrument  *instrument,
                                  const char         *reason,
                                  guint              *n_rescored,
                                  GError            **error)
{
  guint rescored = 0;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (TRELLIS_IS_INSTRUMENT (instrument), FALSE);

  if (!trellis_database_begin_write (db, error))
    return FALSE;
  if (rescore_sheets (db, instrument, reason, &rescored, error) &&
      trellis_database_commit (db, error))
    {
      if (n_rescored != NULL)
        *n_rescored = rescored;
      return TRUE;
    }
  trellis_database_rollback (db);
  return FALSE;
}

static gboolean
delete_rows (TrellisDatabase  *db,
             const char       *table,
             const char       *select_ids,
             gint64            instrument_id,
             GError          **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *delete_sql = g_strdup_printf ("DELETE FROM %s WHERE id = ?1", table);
  sqlite3_stmt *stmt = trellis_database_prepare (db, select_ids, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, instrument_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  for (guint i = 0; rc == SQLITE_DONE && i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autofree char *old_value = NULL;

      if (!trellis_audit_snapshot (db, table, id, &old_value, error) ||
          (stmt = trellis_database_prepare (db, delete_sql, error)) == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      if (!trellis_database_step_done (db, stmt, error) ||
          !trellis_audit_append_change (db, "delete", table, id, old_value, NULL, error))
        return FALSE;
    }
  if (rc != SQLITE_DONE)
    trellis_database_set_error (db, error, rc);
  return rc == SQLITE_DONE;
}

/* How many answer sheets use the instrument: an instrument with any cannot
 * be deleted, and a person is told how many before being asked. */
gboolean
trellis_instrument_store_count_sheets (TrellisDatabase  *db,
                                       gint64            instrument_id,
                                       gint64           *n_sheets,
                                       GError          **error)
{
  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (n_sheets != NULL, FALSE);
  return count_sheets (db, instrument_id, n_sheets, error);
}

/* Deletes an instrument nobody has answered yet, with its items, each row
 * audited. The built-in Brief Resilience Scale follows the same rule: a
 * study that does not use it may remove it. */
gboolean
trellis_instrument_store_delete (TrellisDatabase  *db,
                                 gint64            instrument_id,
                                 GError          **error)
{
  gint64 n_sheets = 0;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), FALSE);

  if (!trellis_database_begin_write (db, error))
    return FALSE;
  if (count_sheets (db, instrument_id, &n_sheets, error))
    {
      if (n_sheets > 0)
        g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                     ngettext ("This instrument has %" PRId64 " answer sheet on file, so it cannot be deleted",
                               "This instrument has %" PRId64 " answer sheets on file, so it cannot be deleted",
                               n_sheets), n_sheets);
      else if (delete_rows (db, "item", "SELECT id FROM item WHERE instrument_id = ?1", instrument_id, error) &&
               delete_rows (db, "instrument", "SELECT id FROM instrument WHERE id = ?1", instrument_id, error) &&
               trellis_database_commit (db, error))
        return TRUE;
    }
  trellis_database_rollback (db);
  return FALSE;
}
