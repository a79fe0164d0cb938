/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-audit-coverage.h"
#include "trellis-consent-store.h"
#include "trellis-consent-state.h"
#include "trellis-database-private.h"
#include "trellis-date.h"
#include "trellis-domain-error.h"
#include "trellis-participant-status.h"
#include "trellis-participant-store.h"
#include "trellis-register-state.h"
#include "trellis-storage-error.h"
#include "trellis-store-util.h"
#include "trellis-study-code.h"
#include "trellis-study-store.h"
#include "trellis-withdrawal-store.h"

/* The participant aggregate: the pseudonymous participant row and, kept
 * apart, its identifiable contact row. Codes are stored in canonical form
 * (see trellis_study_code_normalize), so the UNIQUE constraint on the column
 * is also the case- and space-insensitive uniqueness people expect. */

#define CONTACT_FIELD_MAX 1000

/* The code the participant has, or NULL with an error saying they are gone. */
char *
trellis_participant_store_get_code (TrellisDatabase  *db,
                                    gint64            id,
                                    GError          **error)
{
  sqlite3_stmt *stmt;
  char *code = NULL;
  int rc;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), NULL);

  stmt = trellis_database_prepare (db, "SELECT code FROM participant WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    code = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  else if (rc == SQLITE_DONE)
    g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_NOT_FOUND,
                 _("That participant is no longer in the study"));
  else
    trellis_database_set_error (db, error, rc);
  sqlite3_reset (stmt);
  return code;
}

/* The id of the participant with this code, however it is typed, or 0 with an error. */
gint64
trellis_participant_store_lookup (TrellisDatabase  *db,
                                  const char       *code,
                                  GError          **error)
{
  g_autofree char *canonical = NULL;
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), 0);
  g_return_val_if_fail (code != NULL, 0);

  canonical = trellis_study_code_normalize (code);
  stmt = trellis_database_prepare (db, "SELECT id FROM participant WHERE code = ?1", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, canonical, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  else if (rc == SQLITE_DONE)
    g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_NOT_FOUND,
                 _("There is no participant %s in the study"), canonical);
  else
    trellis_database_set_error (db, error, rc);
  sqlite3_reset (stmt);
  return id;
}

/* Every code in the study, for the pattern to find the highest. */
static GPtrArray *
all_codes (TrellisDatabase  *db,
           GError          **error)
{
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = trellis_database_prepare (db, "SELECT code FROM participant", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (codes, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      trellis_database_set_error (db, error, rc);
      return NULL;
    }
  return g_steal_pointer (&codes);
}

static char *
generate_code (TrellisDatabase  *db,
               GError          **error)
{
  g_autofree char *pattern = trellis_study_store_get_code_pattern (db, error);
  g_autoptr(GPtrArray) codes = NULL;
  char *code;

  if (pattern == NULL || (codes = all_codes (db, error)) == NULL)
    return NULL;
  if (!trellis_study_code_pattern_validate (pattern, error))
    return NULL;
  code = trellis_study_code_pattern_next (pattern, (const char *const *) codes->pdata, codes->len);
  if (code == NULL)
    g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                 _("The study code pattern “%s” has no codes left; change the pattern in the study's settings"),
                 pattern);
  return code;
}

static gboolean
check_code_free (TrellisDatabase  *db,
                 const char       *code,
                 GError          **error)
{
  sqlite3_stmt *stmt = trellis_database_prepare (db, "SELECT count(*) FROM participant WHERE code = ?1", error);
  gboolean taken;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  taken = sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int64 (stmt, 0) > 0;
  sqlite3_reset (stmt);
  if (taken)
    g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_DUPLICATE,
                 _("There is already a participant %s in the study"), code);
  return !taken;
}

/* The code a new participant gets: the one given, in canonical form and
 * checked, or the next one from the study's pattern when none is given. */
static char *
code_for_new (TrellisDatabase  *db,
              const char       *code,
              GError          **error)
{
  g_autofree char *canonical = NULL;

  if (code == NULL || *code == '\0' || (canonical = trellis_study_code_normalize (code))[0] == '\0')
    return generate_code (db, error);
  if (!trellis_study_code_validate (canonical, error) || !check_code_free (db, canonical, error))
    return NULL;
  return g_steal_pointer (&canonical);
}

/* The code the next participant added without one would get, so a form can
 * show it before anything is saved. */
char *
trellis_participant_store_next_code (TrellisDatabase  *db,
                                     GError          **error)
{
  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), NULL);
  return generate_code (db, error);
}

/* Participants join only an open cohort of the study. */
static gboolean
check_cohort_open (TrellisDatabase  *db,
                   gint64            cohort_id,
                   GError          **error)
{
  sqlite3_stmt *stmt = trellis_database_prepare (db, "SELECT name, archived FROM cohort WHERE id = ?1", error);
  gboolean ok = FALSE;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, cohort_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_int (stmt, 1) != 0)
    g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                 _("Cohort “%s” is archived and takes no new participants; reopen it first"),
                 (const char *) sqlite3_column_text (stmt, 0));
  else if (rc == SQLITE_ROW)
    ok = TRUE;
  else if (rc == SQLITE_DONE)
    g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                 _("The participant needs a cohort of this study"));
  else
    trellis_database_set_error (db, error, rc);
  sqlite3_reset (stmt);
  return ok;
}

static void
bind_optional (sqlite3_stmt *stmt,
               int           index,
               const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

static gboolean
insert_row (TrellisDatabase  *db,
            const char       *code,
            gint64            cohort_id,
            const char       *baseline,
            gint64           *id,
            GError          **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *created = g_date_time_format_iso8601 (now);
  sqlite3_stmt *stmt = trellis_database_prepare (db,
      "INSERT INTO participant (code, cohort_id, baseline_date, created) VALUES (?1, ?2, ?3, ?4)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, cohort_id);
  bind_optional (stmt, 3, baseline);
  sqlite3_bind_text (stmt, 4, created, -1, SQLITE_TRANSIENT);
  if (!trellis_database_step_done (db, stmt, error))
    return FALSE;
  *id = sqlite3_last_insert_rowid (trellis_database_get_handle (db));
  return trellis_audit_append_change (db, "insert", "participant", *id, NULL, NULL, error);
}

/* Adds a participant to an open cohort and returns the new id, or 0 with an
 * error. A code of NULL or blank is generated from the study's pattern. */
gint64
trellis_participant_store_add (TrellisDatabase  *db,
                               const char       *code,
                               gint64            cohort_id,
                               const char       *baseline_date,
                               GError          **error)
{
  return trellis_participant_store_add_with_contact (db, code, cohort_id, baseline_date,
                                                     NULL, NULL, NULL, NULL, error);
}

/* Nothing more is recorded about a participant after a withdrawal that
 * blocks data entry: checked inside the write, so that no other program can
 * record the withdrawal between the check and the change. */
static gboolean
check_can_record (TrellisDatabase  *db,
                  gint64            id,
                  const char       *code,
                  GError          **error)
{
  TrellisWithdrawalFacts facts;

  return trellis_withdrawal_store_get_facts (db, id, &facts, error) &&
         trellis_register_check_can_record (code, &facts, error);
}

/* The participant's cohort, and whether their baseline date would change. */
static gboolean
stored_record (TrellisDatabase  *db,
               gint64            id,
               const char       *baseline,
               gint64           *cohort_id,
               gboolean         *baseline_changes,
               GError          **error)
{
  sqlite3_stmt *stmt = trellis_database_prepare (db,
      "SELECT cohort_id, baseline_date FROM participant WHERE id = ?1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *cohort_id = sqlite3_column_int64 (stmt, 0);
      *baseline_changes = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), baseline) != 0;
    }
  else
    trellis_database_set_error (db, error, rc);
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW;
}

/* Moves the participant and sets their baseline date, inside a write. A
 * participant may stay in a cohort archived since they joined, but not move
 * into one. Saving what is already stored changes nothing and is allowed
 * after a withdrawal too. */
static gboolean
update_record (TrellisDatabase  *db,
               gint64            id,
               const char       *code,
               gint64            cohort_id,
               const char       *baseline,
               GError          **error)
{
  gboolean baseline_changes = FALSE;
  gint64 current = 0;
  sqlite3_stmt *stmt;

  if (!stored_record (db, id, baseline, &current, &baseline_changes, error))
    return FALSE;
  if (current == cohort_id && !baseline_changes)
    return TRUE;
  if (!check_can_record (db, id, code, error) ||
      (current != cohort_id && !check_cohort_open (db, cohort_id, error)) ||
      (stmt = trellis_database_prepare (db,
          "UPDATE participant SET cohort_id = ?1, baseline_date = ?2 WHERE id = ?3", error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, cohort_id);
  bind_optional (stmt, 2, baseline);
  sqlite3_bind_int64 (stmt, 3, id);
  return trellis_store_update_row (db, "participant", id, "update", stmt, NULL, error);
}

/* Contact fields as stored: trimmed, blank as NULL. */
typedef struct
{
  char *values[4];   /* name, email, phone, notes */
} Contact;

static void
contact_clear (Contact *contact)
{
  for (guint i = 0; i < G_N_ELEMENTS (contact->values); i++)
    g_clear_pointer (&contact->values[i], g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Contact, contact_clear)

/* The messages name the field, never its value: they may reach a log. */
static gboolean
check_contact (Contact     *contact,
               const char  *code,
               GError     **error)
{
  static const char *const fields[] = { N_("name"), N_("email"), N_("phone"), N_("notes") };
  const char *email = contact->values[1];

  for (guint i = 0; i < G_N_ELEMENTS (contact->values); i++)
    {
      const char *value = contact->values[i];

      if (value != NULL && (!g_utf8_validate (value, -1, NULL) || g_utf8_strlen (value, -1) > CONTACT_FIELD_MAX))
        {
          g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                       _("%s, contact %s: must be text of at most %d characters"),
                       code, _(fields[i]), CONTACT_FIELD_MAX);
          return FALSE;
        }
    }
  if (email != NULL && (strchr (email, '@') == NULL || strchr (email, ' ') != NULL))
    {
      g_set_error (error, TRELLIS_DOMAIN_ERROR, TRELLIS_DOMAIN_ERROR_INVALID,
                   _("%s, contact email: this is not an email address"), code);
      return FALSE;
    }
  return TRUE;
}

static gboolean
contact_is_empty (const Contact *contact)
{
  for (guint i = 0; i < G_N_ELEMENTS (contact->values); i++)
    if (contact->values[i] != NULL)
      return FALSE;
  return TRUE;
}

/* Inserts, updates or deletes the contact row, so that a participant with
 * no contact details has no contact row at all. The audit rows record which
 * fields are filled, never their values (see trellis-audit-coverage.c). */
static gboolean
write_contact (TrellisDatabase  *db,
               gint64            id,
               const Contact    *contact,
               GError          **error)
{
  gint64 existing = 0;
  sqlite3_stmt *stmt;
  gboolean empty = contact_is_empty (contact);

  if (!trellis_store_query_int64 (db, "SELECT id FROM participant_contact WHERE id = ?1", id, &existing, error))
    return FALSE;
  if (existing == 0 && empty)
    return TRUE;
  if (empty)
    stmt = trellis_database_prepare (db, "DELETE FROM participant_contact WHERE id = ?5", error);
  else
    stmt = trellis_database_prepare (db,
        "INSERT INTO participant_contact (id, name, email, phone, notes) VALUES (?5, ?1, ?2, ?3, ?4)"
        " ON CONFLICT (id) DO UPDATE SET name = ?1, email = ?2, phone = ?3, notes = ?4", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; !empty && i < G_N_ELEMENTS (contact->values); i++)
    bind_optional (stmt, i + 1, contact->values[i]);
  sqlite3_bind_int64 (stmt, 5, id);
  return trellis_store_update_row (db, "participant_contact", id,
                                   empty ? "delete" : existing != 0 ? "update" : "insert",
                                   stmt, NULL, error);
}

/* Contact fields as given: trimmed, blank as NULL. */
static void
contact_init (Contact    *contact,
              const char *name,
              const char *email,
              const char *phone,
              const char *notes)
{
  const char *given[] = { name, email, phone, notes };

  for (guint i = 0; i < G_N_ELEMENTS (given); i++)
    {
      contact->values[i] = trellis_store_clean_text (given[i]);
      if (contact->values[i] != NULL && *contact->values[i] == '\0')
        g_clear_pointer (&contact->values[i], g_free);
    }
}

/* Adds a participant as trellis_participant_store_add () does, with their
 * contact details written in the same change, so that a refused detail
 * leaves no participant behind either. */
gint64
trellis_participant_store_add_with_contact (TrellisDatabase  *db,
                                            const char       *code,
                                            gint64            cohort_id,
                                            const char       *baseline_date,
                                            const char       *name,
                                            const char       *email,
                                            const char       *phone,
                                            const char       *notes,
                                            GError          **error)
{
  g_auto(Contact) contact = { { NULL } };
  g_autofree char *baseline = NULL;
  g_autofree char *canonical = NULL;
  gint64 id = 0;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), 0);

  contact_init (&contact, name, email, phone, notes);
  if (!trellis_store_check_date (baseline_date, _("Baseline date"), &baseline, error) ||
      !trellis_database_begin_write (db, error))
    return 0;
  if ((canonical = code_for_new (db, code, error)) == NULL ||
      !check_cohort_open (db, cohort_id, error) ||
      !check_contact (&contact, canonical, error) ||
      !insert_row (db, canonical, cohort_id, baseline, &id, error) ||
      !write_contact (db, id, &contact, error) ||
      !trellis_database_commit (db, error))
    {
      trellis_database_rollback (db);
      return 0;
    }
  return id;
}

/* The contact details stored for a participant, all NULL if none. */
static gboolean
read_contact (TrellisDatabase  *db,
              gint64            id,
              Contact          *contact,
              GError          **error)
{
  sqlite3_stmt *stmt = trellis_database_prepare (db,
      "SELECT name, email, phone, notes FROM participant_contact WHERE id = ?1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  for (guint i = 0; rc == SQLITE_ROW && i < G_N_ELEMENTS (contact->values); i++)
    contact->values[i] = trellis_store_column_dup (stmt, i);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    trellis_database_set_error (db, error, rc);
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

/* Writes the contact details, inside a write, if they differ from those
 * stored, and if the participant's withdrawal allows it: after “no further
 * contact” details may only be cleared, after data destruction none kept
 * (see trellis_register_check_contact_change). */
static gboolean
save_contact (TrellisDatabase  *db,
              gint64            id,
              const char       *code,
              const Contact    *contact,
              GError          **error)
{
  g_auto(Contact) stored = { { NULL } };
  TrellisWithdrawalFacts facts;
  gboolean changes = FALSE;
  gboolean adds = FALSE;

  if (!read_contact (db, id, &stored, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (contact->values); i++)
    {
      changes |= g_strcmp0 (contact->values[i], stored.values[i]) != 0;
      adds |= contact->values[i] != NULL && g_strcmp0 (contact->values[i], stored.values[i]) != 0;
    }
  if (!changes)
    return TRUE;
  return trellis_withdrawal_store_get_contact_facts (db, id, &facts, error) &&
         trellis_register_check_contact_change (code, &facts, !contact_is_empty (contact), adds, error) &&
         write_contact (db, id, contact, error);
}

/* Sets the participant's identifiable contact details; blank fields are
 * cleared, and all blank removes the contact record. */
gboolean
trellis_participant_store_set_contact (TrellisDatabase  *db,
                                       gint64            id,
                                       const char       *name,
                                       const char       *email,
                                       const char       *phone,
                                       const char       *notes,
                                       GError          **error)
{
  g_auto(Contact) contact = { { NULL } };
  g_autofree char *code = NULL;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), FALSE);

  contact_init (&contact, name, email, phone, notes);
  if (!trellis_database_begin_write (db, error))
    return FALSE;
  if ((code = trellis_participant_store_get_code (db, id, error)) != NULL &&
      check_contact (&contact, code, error) &&
      save_contact (db, id, code, &contact, error) &&
      trellis_database_commit (db, error))
    return TRUE;
  trellis_database_rollback (db);
  return FALSE;
}

/* Moves a participant to another cohort and sets or clears their baseline
 * date; refused after a withdrawal, like any new data about them. */
gboolean
trellis_participant_store_update (TrellisDatabase  *db,
                                  gint64            id,
                                  gint64            cohort_id,
                                  const char       *baseline_date,
                                  GError          **error)
{
  g_autofree char *baseline = NULL;
  g_autofree char *code = NULL;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), FALSE);

  if (!trellis_store_check_date (baseline_date, _("Baseline date"), &baseline, error) ||
      !trellis_database_begin_write (db, error))
    return FALSE;
  if ((code = trellis_participant_store_get_code (db, id, error)) != NULL &&
      update_record (db, id, code, cohort_id, baseline, error) &&
      trellis_database_commit (db, error))
    return TRUE;
  trellis_database_rollback (db);
  return FALSE;
}

/* Changes the participant's cohort, baseline date and contact details in one
 * audited change, so that a refused detail leaves the record as it was too.
 * Parts that are unchanged are not written, and so not refused after a
 * withdrawal either. */
gboolean
trellis_participant_store_update_with_contact (TrellisDatabase  *db,
                                               gint64            id,
                                               gint64            cohort_id,
                                               const char       *baseline_date,
                                               const char       *name,
                                               const char       *email,
                                               const char       *phone,
                                               const char       *notes,
                                               GError          **error)
{
  g_auto(Contact) contact = { { NULL } };
  g_autofree char *baseline = NULL;
  g_autofree char *code = NULL;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), FALSE);

  contact_init (&contact, name, email, phone, notes);
  if (!trellis_store_check_date (baseline_date, _("Baseline date"), &baseline, error) ||
      !trellis_database_begin_write (db, error))
    return FALSE;
  if ((code = trellis_participant_store_get_code (db, id, error)) != NULL &&
      check_contact (&contact, code, error) &&
      update_record (db, id, code, cohort_id, baseline, error) &&
      save_contact (db, id, code, &contact, error) &&
      trellis_database_commit (db, error))
    return TRUE;
  trellis_database_rollback (db);
  return FALSE;
}

/* Marks a participant lost to follow-up on lost_date, or, with NULL, found
 * again; refused after a withdrawal, which already ended their follow-up. */
gboolean
trellis_participant_store_set_lost (TrellisDatabase  *db,
                                    gint64            id,
                                    const char       *lost_date,
                                    GError          **error)
{
  g_autofree char *lost = NULL;
  g_autofree char *code = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), FALSE);

  if (!trellis_store_check_date (lost_date, _("Lost to follow-up date"), &lost, error) ||
      !trellis_database_begin_write (db, error))
    return FALSE;
  if ((code = trellis_participant_store_get_code (db, id, error)) != NULL &&
      check_can_record (db, id, code, error) &&
      (stmt = trellis_database_prepare (db, "UPDATE participant SET lost_date = ?1 WHERE id = ?2", error)) != NULL)
    {
      bind_optional (stmt, 1, lost);
      sqlite3_bind_int64 (stmt, 2, id);
      if (trellis_store_update_row (db, "participant", id, lost != NULL ? "lost" : "found", stmt, NULL, error) &&
          trellis_database_commit (db, error))
        return TRUE;
    }
  trellis_database_rollback (db);
  return FALSE;
}

static void
set_from_row (TrellisParticipant *participant,
              sqlite3_stmt       *stmt)
{
  g_autofree char *baseline = trellis_store_column_dup (stmt, 4);
  g_autofree char *lost = trellis_store_column_dup (stmt, 5);
  g_autofree char *name = trellis_store_column_dup (stmt, 7);
  g_autofree char *email = trellis_store_column_dup (stmt, 8);
  g_autofree char *phone = trellis_store_column_dup (stmt, 9);
  g_autofree char *notes = trellis_store_column_dup (stmt, 10);

  trellis_participant_set_id (participant, sqlite3_column_int64 (stmt, 0));
  trellis_participant_set_code (participant, (const char *) sqlite3_column_text (stmt, 1));
  trellis_participant_set_cohort_id (participant, sqlite3_column_int64 (stmt, 2));
  trellis_participant_set_cohort_name (participant, (const char *) sqlite3_column_text (stmt, 3));
  trellis_participant_set_baseline_date (participant, baseline);
  trellis_participant_set_lost_date (participant, lost);
  trellis_participant_set_created (participant, (const char *) sqlite3_column_text (stmt, 6));
  trellis_participant_set_contact_name (participant, name);
  trellis_participant_set_contact_email (participant, email);
  trellis_participant_set_contact_phone (participant, phone);
  trellis_participant_set_contact_notes (participant, notes);
}

static gboolean
load_row (TrellisDatabase     *db,
          TrellisParticipant  *participant,
          gint64               id,
          GError             **error)
{
  sqlite3_stmt *stmt = trellis_database_prepare (db,
      "SELECT p.id, p.code, p.cohort_id, c.name, p.baseline_date, p.lost_date, p.created,"
      " k.name, k.email, k.phone, k.notes"
      " FROM participant AS p JOIN cohort AS c ON c.id = p.cohort_id"
      " LEFT JOIN participant_contact AS k ON k.id = p.id WHERE p.id = ?1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    set_from_row (participant, stmt);
  else if (rc == SQLITE_DONE)
    g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_NOT_FOUND,
                 _("That participant is no longer in the study"));
  else
    trellis_database_set_error (db, error, rc);
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW;
}

/* The latest withdrawal is the one in force: the rules let a later one only
 * go further than an earlier one. */
static gboolean
load_withdrawal (TrellisDatabase     *db,
                 TrellisParticipant  *participant,
                 GError             **error)
{
  sqlite3_stmt *stmt = trellis_database_prepare (db,
      "SELECT kind, effective_date, reason, purged,"
      " (SELECT purged FROM research_data_purge WHERE participant_id = ?1)"
      " FROM withdrawal WHERE participant_id = ?1"
      " ORDER BY effective_date DESC, id DESC LIMIT 1", error);
  TrellisWithdrawalType kind = TRELLIS_WITHDRAWAL_NO_FURTHER_CONTACT;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, trellis_participant_get_id (participant));
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && trellis_withdrawal_type_from_string ((const char *) sqlite3_column_text (stmt, 0),
                                                               &kind, NULL))
    {
      g_autofree char *purged = trellis_store_column_dup (stmt, 3);
      g_autofree char *data_purged = trellis_store_column_dup (stmt, 4);

      trellis_participant_set_withdrawn (participant, TRUE);
      trellis_participant_set_withdrawal_kind (participant, kind);
      trellis_participant_set_withdrawal_date (participant, (const char *) sqlite3_column_text (stmt, 1));
      trellis_participant_set_withdrawal_reason (participant, (const char *) sqlite3_column_text (stmt, 2));
      trellis_participant_set_withdrawal_purged (participant, purged);
      trellis_participant_set_research_data_purged (participant, data_purged);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      trellis_database_set_error (db, error, rc);
      return FALSE;
    }
  return TRUE;
}

/* What the consent records say: the latest record's sheet date, and the
 * date of the newest sheet that requires reconsent. */
static gboolean
consent_dates (TrellisDatabase  *db,
               gint64            id,
               guint32          *consented,
               guint32          *newest_reconsent,
               GError          **error)
{
  sqlite3_stmt *stmt = trellis_database_prepare (db,
      "SELECT (SELECT v.version_date FROM consent AS c JOIN consent_version AS v ON v.id = c.version_id"
      "        WHERE c.participant_id = ?1 ORDER BY c.consent_date DESC, c.id DESC LIMIT 1),"
      " (SELECT max (version_date) FROM consent_version WHERE requires_reconsent = 1)", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *consented = trellis_date_to_julian_or_zero ((const char *) sqlite3_column_text (stmt, 0));
      *newest_reconsent = trellis_date_to_julian_or_zero ((const char *) sqlite3_column_text (stmt, 1));
    }
  else
    trellis_database_set_error (db, error, rc);
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW;
}

/* Status and consent state are derived from the records, never stored. */
static gboolean
derive_states (TrellisDatabase     *db,
               TrellisParticipant  *participant,
               GError             **error)
{
  GListModel *consents = trellis_participant_get_consents (participant);
  guint n = g_list_model_get_n_items (consents);
  g_autoptr(TrellisConsentRecord) latest = n > 0 ? g_list_model_get_item (consents, n - 1) : NULL;
  TrellisRegisterFacts facts = { { 0, }, };
  TrellisParticipantStatus status;
  TrellisConsentState consent;
  gint64 completed = 0;

  facts.consent.has_consent = latest != NULL;
  facts.consent.takes_part = latest != NULL && trellis_consent_record_get_takes_part (latest);
  facts.consent.withdrawn = trellis_participant_get_withdrawn (participant);
  facts.consent.lost = trellis_participant_get_lost_date (participant) != NULL;
  if (!consent_dates (db, trellis_participant_get_id (participant),
                      &facts.consent.consented_version_date, &facts.consent.newest_reconsent_date, error))
    return FALSE;
  facts.has_baseline_date = trellis_participant_get_baseline_date (participant) != NULL;
  facts.withdrawal_type = trellis_participant_get_withdrawal_kind (participant);
  if (!trellis_store_query_int64 (db, "SELECT " TRELLIS_STORE_COMPLETED_FINAL_SQL ("?1"),
                                  trellis_participant_get_id (participant), &completed, error))
    return FALSE;
  facts.completed_final_timepoint = completed != 0;

  trellis_register_state_derive (&facts, &status, &consent);
  trellis_participant_set_consent_state (participant, consent);
  trellis_participant_set_status (participant, status);
  return TRUE;
}

/* One participant in full, for their card: contact details, consent history
 * and withdrawal included. Lists use the compact participant list instead. */
TrellisParticipant *
trellis_participant_store_load (TrellisDatabase  *db,
                                gint64            id,
                                GError          **error)
{
  g_autoptr(TrellisParticipant) participant = trellis_participant_new ();
  g_autoptr(GPtrArray) consents = NULL;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), NULL);

  if (!load_row (db, participant, id, error) ||
      !load_withdrawal (db, participant, error) ||
      (consents = trellis_consent_store_history (db, id, error)) == NULL)
    return NULL;
  trellis_participant_set_consents (participant, consents);
  if (!derive_states (db, participant, error))
    return NULL;
  return g_steal_pointer (&participant);
}
