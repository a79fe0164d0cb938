/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-audit.h"
#include "trellis-audit-coverage.h"
#include "trellis-database-private.h"
#include "trellis-instrument-store.h"
#include "trellis-migrations.h"
#include "trellis-profession-store.h"
#include "trellis-storage-error.h"

/* Each step moves the file from version - 1 to version: SQL, then optional C for
 * what SQL cannot do, then SQL again. Steps are never edited once released; a
 * change to the schema is a new step.
 *
 * A step that changes what an audited table's rows are (new columns, a new
 * audit value) names that table in reshapes, and only those tables get
 * baseline audit rows after it: a row out of step with the audit trail in
 * any other table was changed outside Trellis, and must stay visible to
 * `trellis-cli check` rather than be quietly re-recorded by an upgrade. */
typedef struct
{
  int version;
  const char *sql_before;
  gboolean (*run) (TrellisDatabase *db, GError **error);
  const char *sql_after;
  const char *const *reshapes;   /* NULL-terminated audited tables, or NULL */
} MigrationStep;

/* The first format whose audit trail is a hash chain. */
#define FIRST_CHAINED_FORMAT 2

/* Format 1: the study, its timepoint plan and a plain audit table. */
static const char schema_v1[] =
  "CREATE TABLE study ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  title TEXT NOT NULL,"
  "  design TEXT NOT NULL DEFAULT 'before-after',"
  "  created TEXT NOT NULL,"
  "  schema_notes TEXT"
  ");"
  "CREATE TABLE timepoint_def ("
  "  id INTEGER PRIMARY KEY,"
  "  code TEXT NOT NULL UNIQUE COLLATE NOCASE,"
  "  label TEXT NOT NULL,"
  "  target_day INTEGER NOT NULL,"
  "  window_min INTEGER NOT NULL,"
  "  window_max INTEGER NOT NULL,"
  "  position INTEGER NOT NULL,"
  "  CHECK (window_min <= target_day AND target_day <= window_max)"
  ");"
  "CREATE TABLE audit ("
  "  id INTEGER PRIMARY KEY,"
  "  time TEXT NOT NULL,"
  "  user TEXT NOT NULL,"
  "  action TEXT NOT NULL,"
  "  table_name TEXT NOT NULL,"
  "  row_key TEXT,"
  "  old_value TEXT,"
  "  new_value TEXT,"
  "  reason TEXT"
  ");";

/* Format 2: a tamper-evident audit trail. Rows gain a hash chain, backfilled
 * for the rows already there, and triggers refuse updates and deletes. */
static const char schema_v2_before[] =
  "ALTER TABLE audit ADD COLUMN prev_hash TEXT;"
  "ALTER TABLE audit ADD COLUMN hash TEXT;";

static const char schema_v2_after[] =
  "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit"
  " BEGIN SELECT RAISE (ABORT, 'the audit trail is append-only'); END;"
  "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit"
  " BEGIN SELECT RAISE (ABORT, 'the audit trail is append-only'); END;";

/* Format 1 wrote audit values that left out some of a row's columns, so in
 * format 2, whose audit check compares whole rows, those rows need baselines. */
static const char *const reshapes_v2[] = { "study", "timepoint_def", NULL };

/* Format 3: the coordinator's register. Identifiable data lives apart from
 * the pseudonymous participant row, in participant_contact, whose audit value
 * records which fields are filled and never what they hold (see
 * trellis-audit-coverage.c). Dates are YYYY-MM-DD text checked in C, because
 * SQLite's date() accepts impossible dates such as 2024-02-30. Withdrawal is
 * an event row; nothing in the register is ever deleted except identifiers
 * purged on request. Consent clauses and answers are JSON so that a version
 * can carry its own clause list without a schema change. */
static const char schema_v3[] =
  "ALTER TABLE study ADD COLUMN code_pattern TEXT NOT NULL DEFAULT 'P###';"
  "ALTER TABLE study ADD COLUMN withdrawal_types TEXT NOT NULL"
  "  DEFAULT 'no-further-contact,no-further-data,data-destruction';"
  "ALTER TABLE study ADD COLUMN destruction_policy TEXT NOT NULL DEFAULT 'identifiers'"
  "  CHECK (destruction_policy IN ('identifiers', 'identifiers-and-data'));"
  "CREATE TABLE profession ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE COLLATE NOCASE,"
  "  position INTEGER NOT NULL"
  ");"
  "CREATE TABLE cohort ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE COLLATE NOCASE,"
  "  profession_id INTEGER NOT NULL REFERENCES profession (id),"
  "  site TEXT NOT NULL DEFAULT '',"
  "  start_date TEXT,"
  "  archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1))"
  ");"
  "CREATE TABLE participant ("
  "  id INTEGER PRIMARY KEY,"
  "  code TEXT NOT NULL UNIQUE,"
  "  cohort_id INTEGER NOT NULL REFERENCES cohort (id),"
  "  baseline_date TEXT,"
  "  created TEXT NOT NULL,"
  "  lost_date TEXT"
  ");"
  "CREATE INDEX participant_cohort ON participant (cohort_id);"
  "CREATE TABLE participant_contact ("
  "  id INTEGER PRIMARY KEY REFERENCES participant (id),"
  "  name TEXT,"
  "  email TEXT,"
  "  phone TEXT,"
  "  notes TEXT"
  ");"
  "CREATE TABLE consent_version ("
  "  id INTEGER PRIMARY KEY,"
  "  label TEXT NOT NULL UNIQUE COLLATE NOCASE,"
  "  version_date TEXT NOT NULL,"
  "  clauses TEXT NOT NULL CHECK (json_valid (clauses) AND json_type (clauses) = 'array'),"
  "  requires_reconsent INTEGER NOT NULL DEFAULT 0 CHECK (requires_reconsent IN (0, 1))"
  ");"
  "CREATE TABLE consent ("
  "  id INTEGER PRIMARY KEY,"
  "  participant_id INTEGER NOT NULL REFERENCES participant (id),"
  "  version_id INTEGER NOT NULL REFERENCES consent_version (id),"
  "  consent_date TEXT NOT NULL,"
  "  taken_by TEXT NOT NULL,"
  "  answers TEXT NOT NULL CHECK (json_valid (answers) AND json_type (answers) = 'object')"
  ");"
  "CREATE INDEX consent_participant ON consent (participant_id, consent_date, id);"
  "CREATE TABLE withdrawal ("
  "  id INTEGER PRIMARY KEY,"
  "  participant_id INTEGER NOT NULL REFERENCES participant (id),"
  "  kind TEXT NOT NULL"
  "    CHECK (kind IN ('no-further-contact', 'no-further-data', 'data-destruction')),"
  "  effective_date TEXT NOT NULL,"
  "  reason TEXT NOT NULL DEFAULT '',"
  "  purged TEXT"
  ");"
  "CREATE INDEX withdrawal_participant ON withdrawal (participant_id);";

/* The study row gains columns; the profession list is seeded in C so that each
 * profession has its audit row. */
static const char *const reshapes_v3[] = { "study", NULL };

/* Format 4: the data-collection side. A timepoint counts its days from the
 * baseline date or from an event recorded per participant (workshop attended,
 * coaching call held). An instrument has items and a scoring rule whose
 * version changes with the rule or the items. A visit is a participant's
 * timepoint: completed on a date, or marked missed. Each completed visit has
 * one answer sheet per instrument: the answers as a JSON object from item
 * code to value (unanswered items left out), and the score derived from them
 * with the rule version it was computed by, or NULL where the missing-item
 * rule says there is no score. One row per questionnaire rather than per
 * answer keeps a study of 100,000 participants a few hundred megabytes and
 * makes each saved questionnaire one audited row. */
static const char schema_v4[] =
  "ALTER TABLE timepoint_def ADD COLUMN anchor TEXT NOT NULL DEFAULT 'baseline'"
  "  CHECK (anchor IN ('baseline', 'workshop', 'coaching'));"
  "CREATE TABLE participant_event ("
  "  id INTEGER PRIMARY KEY,"
  "  participant_id INTEGER NOT NULL REFERENCES participant (id),"
  "  kind TEXT NOT NULL CHECK (kind IN ('workshop', 'coaching')),"
  "  event_date TEXT NOT NULL,"
  "  UNIQUE (participant_id, kind)"
  ");"
  "CREATE TABLE instrument ("
  "  id INTEGER PRIMARY KEY,"
  "  code TEXT NOT NULL UNIQUE COLLATE NOCASE,"
  "  label TEXT NOT NULL,"
  "  method TEXT NOT NULL CHECK (method IN ('mean', 'sum', 'correct')),"
  "  min_answered INTEGER NOT NULL CHECK (min_answered >= 1),"
  "  rule_version INTEGER NOT NULL DEFAULT 1 CHECK (rule_version >= 1),"
  "  bands TEXT NOT NULL DEFAULT '',"
  "  position INTEGER NOT NULL"
  ");"
  "CREATE TABLE item ("
  "  id INTEGER PRIMARY KEY,"
  "  instrument_id INTEGER NOT NULL REFERENCES instrument (id),"
  "  code TEXT NOT NULL COLLATE NOCASE,"
  "  text TEXT NOT NULL,"
  "  kind TEXT NOT NULL CHECK (kind IN ('integer', 'choice', 'correct')),"
  "  min_value INTEGER NOT NULL,"
  "  max_value INTEGER NOT NULL,"
  "  reverse INTEGER NOT NULL DEFAULT 0 CHECK (reverse IN (0, 1)),"
  "  correct_value INTEGER,"
  "  choices TEXT CHECK (choices IS NULL OR (json_valid (choices) AND json_type (choices) = 'array')),"
  "  position INTEGER NOT NULL,"
  "  UNIQUE (instrument_id, code),"
  "  CHECK (min_value <= max_value)"
  ");"
  "CREATE TABLE visit ("
  "  id INTEGER PRIMARY KEY,"
  "  participant_id INTEGER NOT NULL REFERENCES participant (id),"
  "  timepoint_id INTEGER NOT NULL REFERENCES timepoint_def (id),"
  "  completed_date TEXT,"
  "  missed INTEGER NOT NULL DEFAULT 0 CHECK (missed IN (0, 1)),"
  "  UNIQUE (participant_id, timepoint_id),"
  "  CHECK ((completed_date IS NULL) = (missed = 1))"
  ");"
  "CREATE TABLE answer_sheet ("
  "  id INTEGER PRIMARY KEY,"
  "  visit_id INTEGER NOT NULL REFERENCES visit (id),"
  "  instrument_id INTEGER NOT NULL REFERENCES instrument (id),"
  "  answers TEXT NOT NULL CHECK (json_valid (answers) AND json_type (answers) = 'object'),"
  "  answered INTEGER NOT NULL,"
  "  score REAL,"
  "  rule_version INTEGER NOT NULL,"
  "  UNIQUE (visit_id, instrument_id)"
  ");"
  "CREATE INDEX answer_sheet_instrument ON answer_sheet (instrument_id);";

/* Timepoints gain their anchor. Every study gets the Brief Resilience Scale,
 * seeded in C so that it has its audit rows. */
static const char *const reshapes_v4[] = { "timepoint_def", NULL };

/* Format 5: redactable audit values, for the purge of research data. The
 * chain comes to cover a salted digest of each value instead of the value
 * (the design is at the top of trellis-audit.c): the step re-chains every
 * row, after checking it against the chain it had. The triggers keep the
 * trail append-only, except that a purge may remove or rewrite values, with
 * their salt, by pointing redacted_by at its own later audit row; the
 * columns the chain covers never change. research_data_purge records each
 * purge of research data and what it removed. The index on consent's
 * version lets the study count each sheet's consents as it opens without
 * reading every consent once per sheet (30 ms at 100,000 participants). */
static const char schema_v5_before[] =
  "DROP TRIGGER audit_no_update;"
  "ALTER TABLE audit ADD COLUMN value_salt TEXT;"
  "ALTER TABLE audit ADD COLUMN old_digest TEXT;"
  "ALTER TABLE audit ADD COLUMN new_digest TEXT;"
  "ALTER TABLE audit ADD COLUMN redacted_by INTEGER REFERENCES audit (id);"
  "CREATE TABLE research_data_purge ("
  "  id INTEGER PRIMARY KEY,"
  "  participant_id INTEGER NOT NULL UNIQUE REFERENCES participant (id),"
  "  purged TEXT NOT NULL,"
  "  answer_sheets INTEGER NOT NULL,"
  "  visits INTEGER NOT NULL,"
  "  events INTEGER NOT NULL"
  ");"
  "CREATE INDEX consent_by_version ON consent (version_id);";

static const char schema_v5_after[] =
  "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit"
  " WHEN NEW.id IS NOT OLD.id OR NEW.time IS NOT OLD.time OR NEW.user IS NOT OLD.user"
  "  OR NEW.action IS NOT OLD.action OR NEW.table_name IS NOT OLD.table_name"
  "  OR NEW.row_key IS NOT OLD.row_key OR NEW.reason IS NOT OLD.reason"
  "  OR NEW.old_digest IS NOT OLD.old_digest OR NEW.new_digest IS NOT OLD.new_digest"
  "  OR NEW.prev_hash IS NOT OLD.prev_hash OR NEW.hash IS NOT OLD.hash"
  "  OR NEW.redacted_by IS NULL OR NEW.redacted_by <= OLD.id"
  " BEGIN SELECT RAISE (ABORT, 'the audit trail is append-only: only a purge may redact its values'); END;";

/* Format 6: interviews. A draw records everything needed to make it again:
 * the seed (decimal text, since a 64-bit unsigned number does not fit
 * SQLite's signed integer), the algorithm, the eligibility rule, the hash of
 * the eligible lists and the lists themselves as they stood (interview_eligible,
 * with the codes and cohort names as text, so that renaming a cohort or a
 * participant later cannot change what a draw is checked against), the
 * quotas and the picks in draw order. Draws, their lists and their picks are
 * the record of a random selection: triggers refuse any update or delete, as
 * for the audit trail. An interview is one invited pick's way through the
 * pipeline; its participant must be the pick's, which a trigger checks. Times
 * are UTC ISO 8601 text with the IANA zone they were typed in; conflicts
 * found when it was scheduled are kept as a JSON array of sentences. */
static const char schema_v6[] =
  "CREATE TABLE interview_draw ("
  "  id INTEGER PRIMARY KEY,"
  "  created TEXT NOT NULL,"
  "  user TEXT NOT NULL,"
  "  seed TEXT NOT NULL CHECK (seed != '' AND seed NOT GLOB '*[^0-9]*'),"
  "  algorithm TEXT NOT NULL,"
  "  rule TEXT NOT NULL,"
  "  eligible_hash TEXT NOT NULL,"
  "  quotas TEXT NOT NULL CHECK (json_valid (quotas) AND json_type (quotas) = 'object'),"
  "  total INTEGER NOT NULL CHECK (total >= 1),"
  "  allocation TEXT NOT NULL CHECK (allocation IN ('proportional', 'typed')),"
  "  note TEXT NOT NULL DEFAULT ''"
  ");"
  "CREATE TABLE interview_eligible ("
  "  id INTEGER PRIMARY KEY,"
  "  draw_id INTEGER NOT NULL REFERENCES interview_draw (id),"
  "  position INTEGER NOT NULL,"
  "  cohort TEXT NOT NULL,"
  "  code TEXT NOT NULL,"
  "  participant_id INTEGER NOT NULL REFERENCES participant (id),"
  "  UNIQUE (draw_id, position)"
  ");"
  "CREATE TABLE interview_pick ("
  "  id INTEGER PRIMARY KEY,"
  "  draw_id INTEGER NOT NULL REFERENCES interview_draw (id),"
  "  sequence INTEGER NOT NULL,"
  "  participant_id INTEGER NOT NULL REFERENCES participant (id),"
  "  cohort TEXT NOT NULL,"
  "  kind TEXT NOT NULL CHECK (kind IN ('initial', 'replacement')),"
  "  replaces_pick_id INTEGER REFERENCES interview_pick (id),"
  "  UNIQUE (draw_id, sequence),"
  "  UNIQUE (draw_id, participant_id),"
  "  CHECK ((kind = 'replacement') = (replaces_pick_id IS NOT NULL))"
  ");"
  "CREATE INDEX interview_pick_participant ON interview_pick (participant_id);"
  "CREATE TABLE interview ("
  "  id INTEGER PRIMARY KEY,"
  "  pick_id INTEGER NOT NULL UNIQUE REFERENCES interview_pick (id),"
  "  participant_id INTEGER NOT NULL REFERENCES participant (id),"
  "  status TEXT NOT NULL DEFAULT 'invited' CHECK (status IN ('invited', 'scheduled', 'done',"
  "    'transcribed', 'anonymised', 'coded', 'declined', 'did-not-attend')),"
  "  interviewer TEXT,"
  "  start_utc TEXT,"
  "  time_zone TEXT,"
  "  planned_minutes INTEGER NOT NULL DEFAULT 60 CHECK (planned_minutes BETWEEN 1 AND 1440),"
  "  mode TEXT CHECK (mode IN ('in_person', 'video_call', 'telephone')),"
  "  location_or_link TEXT,"
  "  recorded INTEGER NOT NULL DEFAULT 1 CHECK (recorded IN (0, 1)),"
  "  actual_minutes INTEGER CHECK (actual_minutes >= 1),"
  "  transcript_path TEXT,"
  "  transcript_sha256 TEXT,"
  "  anonymised_by TEXT,"
  "  anonymised_at TEXT,"
  "  warnings TEXT NOT NULL DEFAULT '[]' CHECK (json_valid (warnings) AND json_type (warnings) = 'array'),"
  "  CHECK ((start_utc IS NULL) = (time_zone IS NULL))"
  ");"
  "CREATE INDEX interview_interviewer ON interview (interviewer, start_utc);"
  "CREATE TRIGGER interview_draw_no_update BEFORE UPDATE ON interview_draw"
  " BEGIN SELECT RAISE (ABORT, 'a draw is never changed'); END;"
  "CREATE TRIGGER interview_draw_no_delete BEFORE DELETE ON interview_draw"
  " BEGIN SELECT RAISE (ABORT, 'a draw is never deleted'); END;"
  "CREATE TRIGGER interview_eligible_no_update BEFORE UPDATE ON interview_eligible"
  " BEGIN SELECT RAISE (ABORT, 'a draw''s eligible list is never changed'); END;"
  "CREATE TRIGGER interview_eligible_no_delete BEFORE DELETE ON interview_eligible"
  " BEGIN SELECT RAISE (ABORT, 'a draw''s eligible list is never deleted'); END;"
  "CREATE TRIGGER interview_pick_no_update BEFORE UPDATE ON interview_pick"
  " BEGIN SELECT RAISE (ABORT, 'a pick is never changed'); END;"
  "CREATE TRIGGER interview_pick_no_delete BEFORE DELETE ON interview_pick"
  " BEGIN SELECT RAISE (ABORT, 'a pick is never deleted'); END;"
  "CREATE TRIGGER interview_pick_participant BEFORE INSERT ON interview"
  " WHEN NEW.participant_id IS NOT (SELECT participant_id FROM interview_pick WHERE id = NEW.pick_id)"
  " BEGIN SELECT RAISE (ABORT, 'an interview is for the participant its pick drew'); END;"
  "CREATE TRIGGER interview_pick_fixed BEFORE UPDATE OF pick_id, participant_id ON interview"
  " WHEN NEW.pick_id IS NOT OLD.pick_id OR NEW.participant_id IS NOT OLD.participant_id"
  " BEGIN SELECT RAISE (ABORT, 'an interview stays with its pick'); END;";

/* Format 7: the analysis reads one instrument's scores from an index that
 * holds them, instead of scanning answer sheets whose rows carry their
 * answers as JSON: at 100,000 participants, 40 ms instead of 250. It leads
 * with the instrument, so it also serves what the index it replaces did. */
static const char schema_v7[] =
  "CREATE INDEX answer_sheet_score ON answer_sheet (instrument_id, visit_id, score);"
  "DROP INDEX answer_sheet_instrument;";

/* Format 8: a cache of each instrument's scores, so that an analysis reads
 * a few megabytes at 100,000 participants instead of every visit and score
 * row (190 ms). It is derived, never audited: each row is one instrument's
 * scores for one block of 1,024 participant ids (id >> 10), those of the
 * participants with scores, with their cohorts, encoded by
 * trellis-score-block.c. Triggers delete a block as soon as anything it was
 * made from changes (a score, a visit's participant or timepoint, a
 * participant moved to another cohort or deleted), in the same transaction
 * as the change, so a stored block is never stale; the next read makes it
 * again. A participant added has no scores yet, so imports of the register
 * pay for no trigger; their first score's trigger drops their block.
 * Each trigger does its work only while there is a cache to drop, so bulk
 * writers (the response import, rescoring) empty it first and then pay
 * only for that check on each row (trellis_score_cache_clear ()).
 * Timepoints and cohorts are stored by id and named at read time, so
 * renaming or reordering them keeps the cache. */
static const char schema_v8[] =
  "CREATE TABLE score_cache ("
  "  instrument_id INTEGER NOT NULL,"
  "  block INTEGER NOT NULL,"
  "  data BLOB NOT NULL,"
  "  PRIMARY KEY (instrument_id, block)"
  ");"
  "CREATE INDEX score_cache_block ON score_cache (block);"
  "CREATE TRIGGER score_cache_sheet_insert AFTER INSERT ON answer_sheet"
  " WHEN EXISTS (SELECT 1 FROM score_cache WHERE instrument_id = NEW.instrument_id) BEGIN"
  "  DELETE FROM score_cache WHERE instrument_id = NEW.instrument_id"
  "    AND block = (SELECT participant_id >> 10 FROM visit WHERE id = NEW.visit_id);"
  " END;"
  "CREATE TRIGGER score_cache_sheet_delete AFTER DELETE ON answer_sheet"
  " WHEN EXISTS (SELECT 1 FROM score_cache WHERE instrument_id = OLD.instrument_id) BEGIN"
  "  DELETE FROM score_cache WHERE instrument_id = OLD.instrument_id"
  "    AND block = (SELECT participant_id >> 10 FROM visit WHERE id = OLD.visit_id);"
  " END;"
  "CREATE TRIGGER score_cache_sheet_update AFTER UPDATE OF visit_id, instrument_id, score ON answer_sheet"
  " WHEN EXISTS (SELECT 1 FROM score_cache WHERE instrument_id IN (OLD.instrument_id, NEW.instrument_id)) BEGIN"
  "  DELETE FROM score_cache WHERE instrument_id = OLD.instrument_id"
  "    AND block = (SELECT participant_id >> 10 FROM visit WHERE id = OLD.visit_id);"
  "  DELETE FROM score_cache WHERE instrument_id = NEW.instrument_id"
  "    AND block = (SELECT participant_id >> 10 FROM visit WHERE id = NEW.visit_id);"
  " END;"
  "CREATE TRIGGER score_cache_visit_update AFTER UPDATE OF participant_id, timepoint_id ON visit"
  " WHEN EXISTS (SELECT 1 FROM score_cache) BEGIN"
  "  DELETE FROM score_cache WHERE block IN (OLD.participant_id >> 10, NEW.participant_id >> 10);"
  " END;"
  "CREATE TRIGGER score_cache_participant_update AFTER UPDATE OF id, cohort_id ON participant"
  " WHEN EXISTS (SELECT 1 FROM score_cache) BEGIN"
  "  DELETE FROM score_cache WHERE block IN (OLD.id >> 10, NEW.id >> 10);"
  " END;"
  "CREATE TRIGGER score_cache_participant_delete AFTER DELETE ON participant"
  " WHEN EXISTS (SELECT 1 FROM score_cache) BEGIN"
  "  DELETE FROM score_cache WHERE block = OLD.id >> 10;"
  " END;"
  "CREATE TRIGGER score_cache_instrument_delete AFTER DELETE ON instrument BEGIN"
  "  DELETE FROM score_cache WHERE instrument_id = OLD.id;"
  " END;";

static const MigrationStep steps[] = {
  { 1, schema_v1, NULL, NULL, NULL },
  { 2, schema_v2_before, trellis_audit_backfill_chain, schema_v2_after, reshapes_v2 },
  { 3, schema_v3, trellis_profession_store_seed, NULL, reshapes_v3 },
  { 4, schema_v4, trellis_instrument_store_seed, NULL, reshapes_v4 },
  { 5, schema_v5_before, trellis_audit_rechain, schema_v5_after, NULL },
  { 6, schema_v6, NULL, NULL, NULL },
  { 7, schema_v7, NULL, NULL, NULL },
  { 8, schema_v8, NULL, NULL, NULL },
};

G_STATIC_ASSERT (G_N_ELEMENTS (steps) == TRELLIS_SCHEMA_VERSION);

static gboolean
run_step (TrellisDatabase     *db,
          const MigrationStep *step,
          GError             **error)
{
  g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", step->version);

  if (step->sql_before != NULL && !trellis_database_exec (db, step->sql_before, error))
    return FALSE;
  if (step->run != NULL && !step->run (db, error))
    return FALSE;
  if (step->sql_after != NULL && !trellis_database_exec (db, step->sql_after, error))
    return FALSE;
  return trellis_database_exec (db, set_version, error);
}

/* The audited tables the steps after from_version reshape, each named once. */
static GPtrArray *
reshaped_tables (int from_version)
{
  GPtrArray *tables = g_ptr_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      if (steps[i].version <= from_version || steps[i].reshapes == NULL)
        continue;
      for (const char *const *table = steps[i].reshapes; *table != NULL; table++)
        if (!g_ptr_array_find_with_equal_func (tables, *table, g_str_equal, NULL))
          g_ptr_array_add (tables, (gpointer) *table);
    }
  g_ptr_array_add (tables, NULL);
  return tables;
}

/* Rows the steps reshaped get baseline audit rows in the new format, so the
 * audit trail covers them again (see trellis-audit-coverage.c). A new, empty
 * file has nothing to cover yet. */
static gboolean
baseline_reshaped (TrellisDatabase  *db,
                   int               from_version,
                   GError          **error)
{
  g_autoptr(GPtrArray) tables = NULL;

  if (from_version == 0)
    return TRUE;

  tables = reshaped_tables (from_version);
  return trellis_audit_baseline (db, (const char *const *) tables->pdata,
                                 _("Audit baseline after a file format upgrade"), error);
}

/* Runs every step after from_version. The caller holds the write transaction,
 * so either every pending step lands or none does. */
gboolean
trellis_migrations_apply (TrellisDatabase  *db,
                          int               from_version,
                          GError          **error)
{
  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (!sqlite3_get_autocommit (trellis_database_get_handle (db)), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autoptr(GError) step_error = NULL;

      if (steps[i].version <= from_version)
        continue;
      if (!run_step (db, &steps[i], &step_error))
        {
          /* Whatever SQLite reported inside a step, for the caller it means one
           * thing: the upgrade did not happen. TRELLIS_STORAGE_ERROR_MIGRATION
           * lets the application say so and point to the backup. */
          g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_MIGRATION,
                       _("Step to format %d failed: %s"), steps[i].version, step_error->message);
          return FALSE;
        }
    }
  return baseline_reshaped (db, from_version, error);
}

/* Called before a file in format from_version is backed up and upgraded.
 * The baselines an upgrade writes would sit on top of an audit trail that
 * was tampered with, so from the first format with a hash chain a broken
 * chain refuses the upgrade, and the file is left for someone to look into.
 * The chain reads the same in every format, so it can be checked before the
 * steps run; format 1 had no chain to check. */
gboolean
trellis_migrations_check_audit (TrellisDatabase  *db,
                                int               from_version,
                                GError          **error)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), FALSE);

  if (from_version < FIRST_CHAINED_FORMAT || trellis_audit_verify_chain (db, error))
    return TRUE;

  name = g_filename_display_name (trellis_database_get_path (db));
  g_prefix_error (error, _("Refused to upgrade “%s” from format %d (the file is unchanged), because its audit trail is broken and the upgrade would record rows on top of it: "),
                  name, from_version);
  return FALSE;
}
