/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-audit-coverage.h"
#include "trellis-database-private.h"
#include "trellis-date.h"
#include "trellis-domain-error.h"
#include "trellis-participant-store.h"
#include "trellis-research-purge.h"
#include "trellis-storage-error.h"
#include "trellis-store-util.h"
#include "trellis-study-store.h"
#include "trellis-withdrawal-store.h"

/* Withdrawal is an event, never a delete: the participant stays on the
 * register and in every count. The one removal the register allows is the
 * purge a data-destruction withdrawal asks for: of identifiers, and of
 * research data too where the study's policy says so. */

#define REASON_MAX 2000

static gboolean
latest_withdrawal (TrellisDatabase         *db,
                   gint64                   participant_id,
                   TrellisWithdrawalFacts  *facts,
                   gint64                  *withdrawal_id,
                   char                   **purged,
                   GError                 **error)
{
  sqlite3_stmt *stmt = trellis_database_prepare (db,
      "SELECT id, kind, effective_date, purged FROM withdrawal WHERE participant_id = ?1"
      " ORDER BY effective_date DESC, id DESC LIMIT 1", error);
  int rc;

  *facts = (TrellisWithdrawalFacts) { .withdrawn = FALSE };
  g_date_clear (&facts->effective_date, 1);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, participant_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      facts->withdrawn =
        trellis_withdrawal_type_from_string ((const char *) sqlite3_column_text (stmt, 1), &facts->kind, error) &&
        trellis_date_parse ((const char *) sqlite3_column_text (stmt, 2), &facts->effective_date, error);
      *withdrawal_id = sqlite3_column_int64 (stmt, 0);
      *purged = trellis_store_column_dup (stmt, 3);
    }
  else if (rc != SQLITE_DONE)
    trellis_database_set_error (db, error, rc);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || (rc == SQLITE_ROW && facts->withdrawn);
}

/* The withdrawal in force for a participant, for the register's rules. */
gboolean
trellis_withdrawal_store_get_facts (TrellisDatabase         *db,
                                    gint64                   participant_id,
                                    TrellisWithdrawalFacts  *facts,
                                    GError                 **error)
{
  g_autofree char *purged = NULL;
  gint64 withdrawal_id = 0;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (facts != NULL, FALSE);

  return latest_withdrawal (db, participant_id, facts, &withdrawal_id, &purged, error);
}

/* The withdrawal that governs contact with a participant: the one in force,
 * unless that is “no further data” after an earlier “no further contact”,
 * which a later withdrawal went further than but never took back. */
gboolean
trellis_withdrawal_store_get_contact_facts (TrellisDatabase         *db,
                                            gint64                   participant_id,
                                            TrellisWithdrawalFacts  *facts,
                                            GError                 **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!trellis_withdrawal_store_get_facts (db, participant_id, facts, error))
    return FALSE;
  if (!facts->withdrawn || trellis_withdrawal_blocks_contact (facts->kind))
    return TRUE;
  stmt = trellis_database_prepare (db,
      "SELECT effective_date FROM withdrawal WHERE participant_id = ?1 AND kind = 'no-further-contact'"
      " ORDER BY effective_date DESC, id DESC LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, participant_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      facts->kind = TRELLIS_WITHDRAWAL_NO_FURTHER_CONTACT;
      if (!trellis_date_parse ((const char *) sqlite3_column_text (stmt, 0), &facts->effective_date, error))
        rc = SQLITE_ERROR;
    }
  else if (rc != SQLITE_DONE)
    trellis_database_set_error (db, error, rc);
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

/* The date of the participant's latest consent, cleared if they have none. */
static gboolean
latest_consent_date (TrellisDatabase  *db,
                    gint64            participant_id,
                    GDate            *date,
                    GError          **error)
{
  sqlite3_stmt *stmt = trellis_database_prepare (db,
      "SELECT max (consent_date) FROM consent WHERE participant_id = ?1", error);
  gboolean ok = TRUE;

  if (stmt == NULL)
    return FALSE;
  g_date_clear (date, 1);
  sqlite3_bind_int64 (stmt, 1, participant_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      trellis_database_set_error (db, error, sqlite3_errcode (trellis_database_get_handle (db)));
      ok = FALSE;
    }
  else if (sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    ok = trellis_date_parse ((const char *) sqlite3_column_text (stmt, 0), date, error);
  sqlite3_reset (stmt);
  return ok;
}

static gboolean
check_withdrawal (TrellisDatabase        *db,
                  gint64                  participant_id,
                  TrellisWithdrawalType   kind,
                  const GDate            *date,
                  GError                **error)
{
  g_autofree char *code = trellis_participant_store_get_code (db, participant_id, error);
  TrellisWithdrawalFacts previous;
  GDate last_consent;
  guint enabled = 0;

  if (code == NULL ||
      !trellis_study_store_get_withdrawal_types (db, &enabled, error) ||
      !trellis_withdrawal_store_get_facts (db, participant_id, &previous, error) ||
      !latest_consent_date (db, participant_id, &last_consent, error) ||
      !trellis_register_check_withdrawal_date (code, &last_consent, date, error))
    return FALSE;
  if (!trellis_register_check_withdrawal_enabled (kind, enabled, error))
    {
      g_prefix_error (error, "%s: ", code);
      return FALSE;
    }
  return trellis_register_check_withdrawal_escalates (code, &previous, kind, date, error);
}

static gboolean
insert_row (TrellisDatabase        *db,
            gint64                  participant_id,
            TrellisWithdrawalType   kind,
            const char             *date,
            const char             *reason,
            gint64                 *id,
            GError                **error)
{
  sqlite3_stmt *stmt = trellis_database_prepare (db,
      "INSERT INTO withdrawal (participant_id, kind, effective_date, reason) VALUES (?1, ?2, ?3, ?4)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, participant_id);
  sqlite3_bind_text (stmt, 2, trellis_withdrawal_type_to_string (kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, reason, -1, SQLITE_TRANSIENT);
  if (!trellis_database_step_done (db, stmt, error))
    return FALSE;
  *id = sqlite3_last_insert_rowid (trellis_database_get_handle (db));
  return trellis_audit_append_change (db, "insert", "withdrawal", *id, NULL, reason, error);
}

static gboolean
check_date_and_reason (const char  *effective_date,
                       const char  *reason,
                       char       **date,
                       GDate       *parsed,
                       GError     **error)
{
  if (!trellis_store_check_date (effective_date, _("Withdrawal date"), date, error))
    return FALSE;
  if (*date == NULL)
    {
      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                   _("A withdrawal needs the date it takes effect"));
      return FALSE;
    }
  if (reason != NULL && g_utf8_strlen (reason, -1) > REASON_MAX)
    {
      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                   _("The reason for a withdrawal can be at most %d characters"), REASON_MAX);
      return FALSE;
    }
  return trellis_date_parse (*date, parsed, error);
}

/* Records a withdrawal and returns its id, or 0 with an error. The reason is
 * optional: participants need not give one. */
gint64
trellis_withdrawal_store_record (TrellisDatabase        *db,
                                 gint64                  participant_id,
                                 TrellisWithdrawalType   kind,
                                 const char             *effective_date,
                                 const char             *reason,
                                 GError                **error)
{
  g_autofree char *clean_reason = trellis_store_clean_text (reason);
  g_autofree char *date = NULL;
  GDate parsed;
  gint64 id = 0;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), 0);
  g_return_val_if_fail ((guint) kind <= TRELLIS_WITHDRAWAL_DATA_DESTRUCTION, 0);

  if (!check_date_and_reason (effective_date, clean_reason, &date, &parsed, error) ||
      !trellis_database_begin_write (db, error))
    return 0;
  if (check_withdrawal (db, participant_id, kind, &parsed, error) &&
      insert_row (db, participant_id, kind, date, clean_reason != NULL ? clean_reason : "", &id, error) &&
      trellis_database_commit (db, error))
    return id;
  trellis_database_rollback (db);
  return 0;
}

/* Under the “identifiers and research data” destruction policy, the
 * participant's answer sheets, visits and events go too, with every copy of
 * them the audit trail held (trellis-research-purge.c). The consent and
 * withdrawal records stay under either policy, as the evidence of what the
 * participant agreed to and what they asked for, and so does the
 * participant's row with its study code, so that every count still
 * includes them. */
static gboolean
purge_research_data (TrellisDatabase  *db,
                     gint64            participant_id,
                     const char       *reason,
                     GError          **error)
{
  TrellisDestructionPolicy policy;
  TrellisResearchPurgeCounts counts;

  if (!trellis_study_store_get_destruction_policy (db, &policy, error))
    return FALSE;
  if (policy == TRELLIS_DESTRUCTION_POLICY_IDENTIFIERS)
    return TRUE;
  return trellis_research_purge (db, participant_id, reason, &counts, error);
}

static gboolean
check_purgeable (TrellisDatabase  *db,
                 gint64            participant_id,
                 gint64           *withdrawal_id,
                 GError          **error)
{
  g_autofree char *code = trellis_participant_store_get_code (db, participant_id, error);
  g_autofree char *purged = NULL;
  TrellisWithdrawalFacts facts;

  if (code == NULL || !latest_withdrawal (db, participant_id, &facts, withdrawal_id, &purged, error))
    return FALSE;
  if (!facts.withdrawn || facts.kind != TRELLIS_WITHDRAWAL_DATA_DESTRUCTION)
    {
      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                   _("%s has not asked for their data to be destroyed: only a withdrawal “%s” allows a purge"),
                   code, trellis_withdrawal_type_to_label (TRELLIS_WITHDRAWAL_DATA_DESTRUCTION));
      return FALSE;
    }
  if (purged != NULL)
    {
      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                   _("The identifiers of %s were already purged (%s)"), code, purged);
      return FALSE;
    }
  return TRUE;
}

/* Removes the contact row and marks the withdrawal purged, both audited with
 * the reason. The contact row's audit values never held the identifiers, so
 * the trail keeps no copy of them. */
static gboolean
purge_identifiers (TrellisDatabase  *db,
                   gint64            participant_id,
                   gint64            withdrawal_id,
                   const char       *reason,
                   GError          **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format_iso8601 (now);
  gint64 contact = 0;
  sqlite3_stmt *stmt;

  if (!trellis_store_query_int64 (db, "SELECT id FROM participant_contact WHERE id = ?1",
                                  participant_id, &contact, error))
    return FALSE;
  if (contact != 0)
    {
      stmt = trellis_database_prepare (db, "DELETE FROM participant_contact WHERE id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, participant_id);
      if (!trellis_store_update_row (db, "participant_contact", participant_id, "delete", stmt, reason, error))
        return FALSE;
    }
  stmt = trellis_database_prepare (db, "UPDATE withdrawal SET purged = ?1 WHERE id = ?2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, stamp, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, withdrawal_id);
  return trellis_store_update_row (db, "withdrawal", withdrawal_id, "purge", stmt, reason, error);
}

/* Copies every change into the file and empties the write-ahead log, so the
 * purged values are gone from both (secure_delete zeroed them in the pages).
 * Another program reading the study can hold the log open: then the values
 * stay in the log until it closes, and this returns FALSE, which
 * trellis_withdrawal_store_purge () passes on as *log_cleared so that its
 * caller can say so. */
static gboolean
truncate_log (TrellisDatabase *db)
{
  int rc = sqlite3_wal_checkpoint_v2 (trellis_database_get_handle (db), NULL,
                                      SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);

  return rc == SQLITE_OK;
}

/* Purges the identifiers of a participant whose withdrawal asks for data
 * destruction, and their research data if the study's policy says so. The
 * reason (required) goes on the audit rows. Returns FALSE with an error if
 * nothing was purged; *log_cleared is FALSE when the purge is saved but the
 * write-ahead log could not be emptied yet. */
gboolean
trellis_withdrawal_store_purge (TrellisDatabase  *db,
                                gint64            participant_id,
                                const char       *reason,
                                gboolean         *log_cleared,
                                GError          **error)
{
  g_autofree char *clean_reason = trellis_store_clean_text (reason);
  gint64 withdrawal_id = 0;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), FALSE);

  if (log_cleared != NULL)
    *log_cleared = FALSE;
  if (clean_reason == NULL || *clean_reason == '\0' || g_utf8_strlen (clean_reason, -1) > REASON_MAX)
    {
      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                   _("A purge needs a reason of 1 to %d characters, for the audit trail"), REASON_MAX);
      return FALSE;
    }
  if (!trellis_database_begin_write (db, error))
    return FALSE;
  if (!check_purgeable (db, participant_id, &withdrawal_id, error) ||
      !purge_identifiers (db, participant_id, withdrawal_id, clean_reason, error) ||
      !purge_research_data (db, participant_id, clean_reason, error) ||
      !trellis_database_commit (db, error))
    {
      trellis_database_rollback (db);
      return FALSE;
    }
  if (log_cleared != NULL)
    *log_cleared = truncate_log (db);
  else
    truncate_log (db);
  return TRUE;
}
