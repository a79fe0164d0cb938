/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <inttypes.h>
#include <string.h>
#include <json-glib/json-glib.h>
#include <glib/gi18n.h>

#include "trellis-audit-coverage.h"
#include "trellis-consent-clause.h"
#include "trellis-consent-store.h"
#include "trellis-database-private.h"
#include "trellis-date.h"
#include "trellis-domain-error.h"
#include "trellis-participant-store.h"
#include "trellis-register-rules.h"
#include "trellis-storage-error.h"
#include "trellis-store-util.h"
#include "trellis-withdrawal-store.h"

/* Information-sheet versions and the consent records given on them. A
 * consent record is never edited or removed: a new consent is a new record,
 * and the latest one (by date, then by entry) is the one in force. Clauses
 * and answers are JSON, so a version can carry its own clause list. */

#define VERSION_LABEL_MAX 80
#define CLAUSE_TEXT_MAX 2000

static char *
clauses_to_json (TrellisConsentVersion *version)
{
  const char *const *keys = trellis_consent_version_get_clause_keys (version);
  const char *const *texts = trellis_consent_version_get_clause_texts (version);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "key");
      json_builder_add_string_value (builder, keys[i]);
      json_builder_set_member_name (builder, "text");
      json_builder_add_string_value (builder, texts[i]);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (text == NULL || !json_parser_load_from_data (parser, text, -1, NULL))
    return NULL;
  return json_node_copy (json_parser_get_root (parser));
}

/* The table's CHECK constraint makes clauses a JSON array; a member that is
 * not an object with a key is skipped rather than trusted. */
static void
set_clauses_from_json (TrellisConsentVersion *version,
                       const char            *text)
{
  g_autoptr(JsonNode) root = parse_json (text);
  g_autoptr(GStrvBuilder) keys = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) texts = g_strv_builder_new ();
  g_auto(GStrv) key_list = NULL;
  g_auto(GStrv) text_list = NULL;
  JsonArray *array;

  array = root != NULL && JSON_NODE_HOLDS_ARRAY (root) ? json_node_get_array (root) : NULL;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *clause = json_array_get_object_element (array, i);

      if (clause == NULL || !json_object_has_member (clause, "key"))
        continue;
      g_strv_builder_add (keys, json_object_get_string_member_with_default (clause, "key", ""));
      g_strv_builder_add (texts, json_object_get_string_member_with_default (clause, "text", ""));
    }
  key_list = g_strv_builder_end (keys);
  text_list = g_strv_builder_end (texts);
  trellis_consent_version_set_clauses (version, (const char *const *) key_list,
                                       (const char *const *) text_list);
}

static const char versions_sql[] =
  "SELECT v.id, v.label, v.version_date, v.clauses, v.requires_reconsent,"
  " (SELECT count(*) FROM consent WHERE version_id = v.id)"
  " FROM consent_version AS v";

static TrellisConsentVersion *
version_from_row (sqlite3_stmt *stmt)
{
  TrellisConsentVersion *version = trellis_consent_version_new ();

  trellis_consent_version_set_id (version, sqlite3_column_int64 (stmt, 0));
  trellis_consent_version_set_label (version, (const char *) sqlite3_column_text (stmt, 1));
  trellis_consent_version_set_date (version, (const char *) sqlite3_column_text (stmt, 2));
  set_clauses_from_json (version, (const char *) sqlite3_column_text (stmt, 3));
  trellis_consent_version_set_requires_reconsent (version, sqlite3_column_int (stmt, 4) != 0);
  trellis_consent_version_set_n_consents (version, sqlite3_column_int (stmt, 5));
  return version;
}

/* Every version, oldest first. */
GPtrArray *
trellis_consent_store_load_versions (TrellisDatabase  *db,
                                     GError          **error)
{
  g_autoptr(GPtrArray) versions = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *sql = g_strconcat (versions_sql, " ORDER BY v.version_date, v.id", NULL);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), NULL);

  stmt = trellis_database_prepare (db, sql, error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (versions, version_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      trellis_database_set_error (db, error, rc);
      return NULL;
    }
  return g_steal_pointer (&versions);
}

static TrellisConsentVersion *
load_version (TrellisDatabase  *db,
              gint64            id,
              GError          **error)
{
  g_autofree char *sql = g_strconcat (versions_sql, " WHERE v.id = ?1", NULL);
  sqlite3_stmt *stmt = trellis_database_prepare (db, sql, error);
  TrellisConsentVersion *version = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    version = version_from_row (stmt);
  else if (rc == SQLITE_DONE)
    g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                 _("That information sheet version is not in the study"));
  else
    trellis_database_set_error (db, error, rc);
  sqlite3_reset (stmt);
  return version;
}

static gboolean
is_clause_key (const char *key)
{
  if (key == NULL || *key == '\0' || strlen (key) > 40)
    return FALSE;
  for (const char *p = key; *p != '\0'; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '_')
      return FALSE;
  return TRUE;
}

/* Clause keys are short identifiers, each used once; every clause has text;
 * and the take-part clause is there, because without it nobody could be
 * told apart from a person who declined. */
static gboolean
check_clauses (TrellisConsentVersion  *version,
               const char             *label,
               GError                **error)
{
  const char *const *keys = trellis_consent_version_get_clause_keys (version);
  const char *const *texts = trellis_consent_version_get_clause_texts (version);

  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      g_autofree char *text = trellis_store_clean_text (texts[i]);

      if (!is_clause_key (keys[i]))
        g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                     _("Information sheet “%s”, clause %u: ‘%s’ is not a clause key (use a–z, digits and ‘_’)"),
                     label, i + 1, keys[i]);
      else if (text == NULL || *text == '\0' || g_utf8_strlen (text, -1) > CLAUSE_TEXT_MAX)
        g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                     _("Information sheet “%s”, clause “%s” needs a text of 1 to %d characters"),
                     label, keys[i], CLAUSE_TEXT_MAX);
      else if (g_strv_contains (keys + i + 1, keys[i]))
        g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_DUPLICATE,
                     _("Information sheet “%s” has clause “%s” twice"), label, keys[i]);
      else
        continue;
      return FALSE;
    }
  if (keys == NULL || !g_strv_contains (keys, TRELLIS_CONSENT_CLAUSE_TAKE_PART))
    {
      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                   _("Information sheet “%s” needs the clause “%s” (agreeing to take part)"),
                   label, TRELLIS_CONSENT_CLAUSE_TAKE_PART);
      return FALSE;
    }
  return TRUE;
}

/* Version fields as stored: label trimmed, date canonical, clauses as JSON. */
typedef struct
{
  char *label;
  char *date;
  char *clauses;
} VersionFields;

static void
version_fields_clear (VersionFields *fields)
{
  g_clear_pointer (&fields->label, g_free);
  g_clear_pointer (&fields->date, g_free);
  g_clear_pointer (&fields->clauses, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (VersionFields, version_fields_clear)

static gboolean
check_label_free (TrellisDatabase  *db,
                  const char       *label,
                  gint64            own_id,
                  GError          **error)
{
  g_autofree char *taken = NULL;

  if (!trellis_store_name_taken (db, "consent_version", "label", label, own_id, &taken, error))
    return FALSE;
  if (taken)
    g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_DUPLICATE,
                 _("There is already an information sheet version “%s”"), label);
  return taken == NULL;
}

static gboolean
check_version (TrellisDatabase        *db,
               TrellisConsentVersion  *version,
               VersionFields          *fields,
               GError                **error)
{
  g_autofree char *what = NULL;

  fields->label = trellis_store_clean_text (trellis_consent_version_get_label (version));
  if (fields->label == NULL || *fields->label == '\0' || g_utf8_strlen (fields->label, -1) > VERSION_LABEL_MAX)
    {
      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                   _("An information sheet version needs a label of 1 to %d characters"), VERSION_LABEL_MAX);
      return FALSE;
    }
  what = g_strdup_printf (_("Information sheet “%s”, date"), fields->label);
  if (!trellis_store_check_date (trellis_consent_version_get_date (version), what, &fields->date, error))
    return FALSE;
  if (fields->date == NULL)
    {
      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                   _("Information sheet “%s” needs a date"), fields->label);
      return FALSE;
    }
  if (!check_clauses (version, fields->label, error))
    return FALSE;
  fields->clauses = clauses_to_json (version);
  return check_label_free (db, fields->label, trellis_consent_version_get_id (version), error);
}

static void
bind_version (sqlite3_stmt          *stmt,
              const VersionFields   *fields,
              TrellisConsentVersion *version)
{
  sqlite3_bind_text (stmt, 1, fields->label, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, fields->date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, fields->clauses, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 4, trellis_consent_version_get_requires_reconsent (version) ? 1 : 0);
}

/* Stores a new version and sets its id. A version without clauses gets the
 * standard ones, in their default wording. */
gboolean
trellis_consent_store_add_version (TrellisDatabase        *db,
                                   TrellisConsentVersion  *version,
                                   GError                **error)
{
  g_auto(VersionFields) fields = { 0 };
  sqlite3_stmt *stmt;
  gint64 id;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (TRELLIS_IS_CONSENT_VERSION (version), FALSE);
  g_return_val_if_fail (trellis_consent_version_get_id (version) == 0, FALSE);

  if (trellis_consent_version_get_n_clauses (version) == 0)
    {
      g_autoptr(TrellisConsentVersion) standard = trellis_consent_version_new_standard (NULL, NULL);

      trellis_consent_version_set_clauses (version, trellis_consent_version_get_clause_keys (standard),
                                           trellis_consent_version_get_clause_texts (standard));
    }
  if (!trellis_database_begin_write (db, error))
    return FALSE;
  if (check_version (db, version, &fields, error) &&
      (stmt = trellis_database_prepare (db,
          "INSERT INTO consent_version (label, version_date, clauses, requires_reconsent)"
          " VALUES (?1, ?2, ?3, ?4)", error)) != NULL)
    {
      bind_version (stmt, &fields, version);
      if (trellis_database_step_done (db, stmt, error) &&
          (id = sqlite3_last_insert_rowid (trellis_database_get_handle (db))) > 0 &&
          trellis_audit_append_change (db, "insert", "consent_version", id, NULL, NULL, error) &&
          trellis_database_commit (db, error))
        {
          trellis_consent_version_set_id (version, id);
          return TRUE;
        }
    }
  trellis_database_rollback (db);
  return FALSE;
}

/* Once consents were given on a version, its date and clauses are what
 * those people agreed to, so only its label and reconsent flag may change. */
static gboolean
check_version_change (TrellisDatabase        *db,
                      TrellisConsentVersion  *version,
                      const VersionFields    *fields,
                      GError                **error)
{
  g_autoptr(TrellisConsentVersion) stored = load_version (db, trellis_consent_version_get_id (version), error);
  g_autofree char *stored_clauses = NULL;
  int n;

  if (stored == NULL)
    return FALSE;
  n = trellis_consent_version_get_n_consents (stored);
  stored_clauses = clauses_to_json (stored);
  if (n == 0 || (g_strcmp0 (fields->date, trellis_consent_version_get_date (stored)) == 0 &&
                 g_strcmp0 (fields->clauses, stored_clauses) == 0))
    return TRUE;
  g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
               g_dngettext (GETTEXT_PACKAGE,
                            "Information sheet “%s” already has %d consent, so its date and clauses can no longer change; add a new version instead",
                            "Information sheet “%s” already has %d consents, so its date and clauses can no longer change; add a new version instead",
                            n),
               trellis_consent_version_get_label (stored), n);
  return FALSE;
}

/* Saves an edited version (matched by id). */
gboolean
trellis_consent_store_update_version (TrellisDatabase        *db,
                                      TrellisConsentVersion  *version,
                                      GError                **error)
{
  g_auto(VersionFields) fields = { 0 };
  gint64 id;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (TRELLIS_IS_CONSENT_VERSION (version), FALSE);

  id = trellis_consent_version_get_id (version);
  if (!trellis_database_begin_write (db, error))
    return FALSE;
  if (check_version (db, version, &fields, error) &&
      check_version_change (db, version, &fields, error) &&
      (stmt = trellis_database_prepare (db,
          "UPDATE consent_version SET label = ?1, version_date = ?2, clauses = ?3, requires_reconsent = ?4"
          " WHERE id = ?5", error)) != NULL)
    {
      bind_version (stmt, &fields, version);
      sqlite3_bind_int64 (stmt, 5, id);
      if (trellis_store_update_row (db, "consent_version", id, "update", stmt, NULL, error) &&
          trellis_database_commit (db, error))
        return TRUE;
    }
  trellis_database_rollback (db);
  return FALSE;
}

/* Answers in the order of the version's clauses, so equal consents are equal text. */
static char *
answers_to_json (const char *const *keys,
                 GHashTable        *answers)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      gboolean yes = FALSE;

      trellis_consent_answers_get (answers, keys[i], &yes);
      json_builder_set_member_name (builder, keys[i]);
      json_builder_add_boolean_value (builder, yes);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static GHashTable *
answers_from_json (const char *text)
{
  g_autoptr(JsonNode) root = parse_json (text);
  GHashTable *answers = trellis_consent_answers_new ();
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return answers;
  json_object_iter_init (&iter, json_node_get_object (root));
  while (json_object_iter_next (&iter, &key, &value))
    if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_BOOLEAN)
      trellis_consent_answers_set (answers, key, json_node_get_boolean (value));
  return answers;
}

/* A consent as it will be stored, after every rule was checked. */
typedef struct
{
  char *date;
  char *taken_by;
  char *answers;
} ConsentFields;

static void
consent_fields_clear (ConsentFields *fields)
{
  g_clear_pointer (&fields->date, g_free);
  g_clear_pointer (&fields->taken_by, g_free);
  g_clear_pointer (&fields->answers, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ConsentFields, consent_fields_clear)

static gboolean
check_consent_fields (const char     *code,
                      const char     *consent_date,
                      const char     *taken_by,
                      ConsentFields  *fields,
                      GDate          *date,
                      GError        **error)
{
  g_autofree char *what = g_strdup_printf (_("%s, consent date"), code);

  if (!trellis_store_check_date (consent_date, what, &fields->date, error))
    return FALSE;
  if (fields->date == NULL)
    {
      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                   _("%s: the consent needs a date"), code);
      return FALSE;
    }
  fields->taken_by = trellis_store_clean_text (taken_by);
  if (fields->taken_by == NULL || *fields->taken_by == '\0' || g_utf8_strlen (fields->taken_by, -1) > 200)
    {
      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                   _("%s: say who took the consent (1 to 200 characters)"), code);
      return FALSE;
    }
  return trellis_date_parse (fields->date, date, error);
}

/* Every rule of a new consent, checked inside the write transaction. */
static gboolean
check_consent (TrellisDatabase   *db,
               gint64             participant_id,
               gint64             version_id,
               const char        *consent_date,
               const char        *taken_by,
               GHashTable        *answers,
               ConsentFields     *fields,
               GError           **error)
{
  g_autofree char *code = trellis_participant_store_get_code (db, participant_id, error);
  g_autoptr(TrellisConsentVersion) version = NULL;
  TrellisWithdrawalFacts withdrawal;
  const char *label;
  GDate date, version_date;

  if (code == NULL || (version = load_version (db, version_id, error)) == NULL)
    return FALSE;
  label = trellis_consent_version_get_label (version);
  if (!check_consent_fields (code, consent_date, taken_by, fields, &date, error) ||
      !trellis_date_parse (trellis_consent_version_get_date (version), &version_date, error) ||
      !trellis_withdrawal_store_get_facts (db, participant_id, &withdrawal, error) ||
      !trellis_register_check_consent_not_withdrawn (code, &date, &withdrawal, error))
    return FALSE;
  if (!trellis_register_check_consent_date (&date, &version_date, label, error) ||
      !trellis_register_check_answers (trellis_consent_version_get_clause_keys (version), answers, label, error))
    {
      g_prefix_error (error, "%s: ", code);
      return FALSE;
    }
  fields->answers = answers_to_json (trellis_consent_version_get_clause_keys (version), answers);
  return TRUE;
}

/* Records a consent (or a refusal: "take part" answered no) and returns its
 * id, or 0 with an error naming the participant and the rule. */
gint64
trellis_consent_store_record (TrellisDatabase  *db,
                              gint64            participant_id,
                              gint64            version_id,
                              const char       *consent_date,
                              const char       *taken_by,
                              GHashTable       *answers,
                              GError          **error)
{
  g_auto(ConsentFields) fields = { 0 };
  sqlite3_stmt *stmt;
  gint64 id = 0;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), 0);
  g_return_val_if_fail (answers != NULL, 0);

  if (!trellis_database_begin_write (db, error))
    return 0;
  if (check_consent (db, participant_id, version_id, consent_date, taken_by, answers, &fields, error) &&
      (stmt = trellis_database_prepare (db,
          "INSERT INTO consent (participant_id, version_id, consent_date, taken_by, answers)"
          " VALUES (?1, ?2, ?3, ?4, ?5)", error)) != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, participant_id);
      sqlite3_bind_int64 (stmt, 2, version_id);
      sqlite3_bind_text (stmt, 3, fields.date, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, fields.taken_by, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, fields.answers, -1, SQLITE_TRANSIENT);
      if (trellis_database_step_done (db, stmt, error) &&
          (id = sqlite3_last_insert_rowid (trellis_database_get_handle (db))) > 0 &&
          trellis_audit_append_change (db, "insert", "consent", id, NULL, NULL, error) &&
          trellis_database_commit (db, error))
        return id;
    }
  trellis_database_rollback (db);
  return 0;
}

static TrellisConsentRecord *
record_from_row (sqlite3_stmt *stmt)
{
  TrellisConsentRecord *record = trellis_consent_record_new ();
  g_autoptr(GHashTable) answers = answers_from_json ((const char *) sqlite3_column_text (stmt, 6));

  trellis_consent_record_set_id (record, sqlite3_column_int64 (stmt, 0));
  trellis_consent_record_set_participant_id (record, sqlite3_column_int64 (stmt, 1));
  trellis_consent_record_set_version_id (record, sqlite3_column_int64 (stmt, 2));
  trellis_consent_record_set_version_label (record, (const char *) sqlite3_column_text (stmt, 3));
  trellis_consent_record_set_date (record, (const char *) sqlite3_column_text (stmt, 4));
  trellis_consent_record_set_taken_by (record, (const char *) sqlite3_column_text (stmt, 5));
  trellis_consent_record_set_answers (record, answers);
  return record;
}

/* A participant's consents, oldest first; the last is the one in force. */
GPtrArray *
trellis_consent_store_history (TrellisDatabase  *db,
                               gint64            participant_id,
                               GError          **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), NULL);

  stmt = trellis_database_prepare (db,
      "SELECT c.id, c.participant_id, c.version_id, v.label, c.consent_date, c.taken_by, c.answers"
      " FROM consent AS c JOIN consent_version AS v ON v.id = c.version_id"
      " WHERE c.participant_id = ?1 ORDER BY c.consent_date, c.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, participant_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (records, record_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      trellis_database_set_error (db, error, rc);
      return NULL;
    }
  return g_steal_pointer (&records);
}

/* The participants to ask again, by code: not withdrawn nor lost to
 * follow-up, took part on their latest consent, and that consent's sheet is older than the newest sheet
 * marked "requires reconsent" (the rule of trellis_consent_state_derive). */
GArray *
trellis_consent_store_reconsent_needed (TrellisDatabase  *db,
                                        GError          **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), NULL);

  stmt = trellis_database_prepare (db,
      "WITH latest AS (SELECT c.participant_id, v.version_date, c.answers,"
      "  row_number () OVER (PARTITION BY c.participant_id ORDER BY c.consent_date DESC, c.id DESC) AS n"
      "  FROM consent AS c JOIN consent_version AS v ON v.id = c.version_id)"
      " SELECT p.id FROM participant AS p JOIN latest AS l ON l.participant_id = p.id AND l.n = 1"
      " WHERE l.version_date < (SELECT max (version_date) FROM consent_version WHERE requires_reconsent = 1)"
      "  AND json_extract (l.answers, '$." TRELLIS_CONSENT_CLAUSE_TAKE_PART "') = 1"
      "  AND NOT EXISTS (SELECT 1 FROM withdrawal AS w WHERE w.participant_id = p.id)"
      "  AND p.lost_date IS NULL"
      " ORDER BY p.code", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      trellis_database_set_error (db, error, rc);
      return NULL;
    }
  return g_steal_pointer (&ids);
}
