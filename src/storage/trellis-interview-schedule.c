/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "trellis-audit-coverage.h"
#include "trellis-consent-clause.h"
#include "trellis-database-private.h"
#include "trellis-domain-error.h"
#include "trellis-interview-store-private.h"
#include "trellis-storage-error.h"
#include "trellis-store-util.h"

/* A drawn person's interview: booked (refused without the consent it needs,
 * with conflicts flagged but allowed), moved along the status pipeline, and
 * given its transcript. Each change is one transaction with its audit row;
 * the status history is the interview's audit rows. */

/* What the store needs to know about the participant's interview. */
typedef struct
{
  gint64 id;
  gint64 participant_id;
  char *code;
  TrellisInterviewStatus status;
  gboolean interview_consent;
  gboolean video_consent;
  gboolean recorded;
} Booking;

static void
booking_clear (Booking *booking)
{
  g_free (booking->code);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Booking, booking_clear)

static const char booking_sql[] =
  "SELECT i.id, i.status, p.code, i.recorded,"
  " json_extract (c.answers, '$.interview') IS 1, json_extract (c.answers, '$.video') IS 1"
  " FROM interview AS i JOIN participant AS p ON p.id = i.participant_id"
  " LEFT JOIN consent AS c ON c.id = (SELECT id FROM consent WHERE participant_id = p.id"
  "   ORDER BY consent_date DESC, id DESC LIMIT 1)"
  " WHERE i.participant_id = ?1 ORDER BY i.id DESC LIMIT 1";

static gboolean
find_booking (TrellisDatabase  *db,
              gint64            participant_id,
              Booking          *booking,
              GError          **error)
{
  sqlite3_stmt *stmt = trellis_database_prepare (db, booking_sql, error);
  gboolean ok = FALSE;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, participant_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      booking->id = sqlite3_column_int64 (stmt, 0);
      booking->participant_id = participant_id;
      booking->code = trellis_store_column_dup (stmt, 2);
      booking->recorded = sqlite3_column_int (stmt, 3);
      booking->interview_consent = sqlite3_column_int (stmt, 4);
      booking->video_consent = sqlite3_column_int (stmt, 5);
      ok = trellis_interview_status_from_string ((const char *) sqlite3_column_text (stmt, 1), &booking->status, error);
    }
  else if (rc == SQLITE_DONE)
    g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_NOT_FOUND,
                 _("That participant has not been drawn for an interview"));
  else
    trellis_database_set_error (db, error, rc);
  sqlite3_reset (stmt);
  return ok;
}

/* Scheduling needs interview consent, and a recorded interview video
 * consent too; the message names the participant and the clause. */
static gboolean
check_consent (const Booking  *booking,
               gboolean        recorded,
               GError        **error)
{
  const char *missing = NULL;

  if (!booking->interview_consent)
    missing = "interview";
  else if (recorded && !booking->video_consent)
    missing = "video";
  if (missing == NULL)
    return TRUE;
  if (g_str_equal (missing, "video"))
    g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_CONSTRAINT,
                 _("%s has not consented to “%s” in their current consent, so their interview cannot be recorded; "
                   "schedule it unrecorded or record their consent first"),
                 booking->code, trellis_consent_clause_label_for_key (missing));
  else
    g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_CONSTRAINT,
                 _("%s has not consented to “%s” in their current consent, so no interview can be scheduled"),
                 booking->code, trellis_consent_clause_label_for_key (missing));
  return FALSE;
}

static char *
format_utc (gint64 utc)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (utc);

  return g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ");
}

/* The conflicts the booking would have, by the domain's rule, against every
 * other interview of the study as the file holds them now. Other
 * participants are named by draw and pick, never by code: the warnings are
 * kept with the interview, whose audit values name no one (allocation
 * concealment). */
static GPtrArray *
find_conflicts (TrellisDatabase               *db,
                const Booking                 *booking,
                const TrellisScheduleRequest  *request,
                TrellisVisitTable             *table,
                gint64                         utc,
                GError                       **error)
{
  g_autoptr(GPtrArray) rows = table != NULL ? trellis_interview_read_rows_with_table (db, table, error)
                                            : trellis_interview_read_rows (db, request->today, error);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) slots = NULL;

  if (rows == NULL)
    return NULL;
  slots = trellis_interview_rows_to_slots (rows, TRUE, labels);
  for (guint i = 0; i < slots->len; i++)
    {
      TrellisInterviewSlot *slot = &g_array_index (slots, TrellisInterviewSlot, i);

      if (slot->id != booking->id)
        continue;
      slot->interviewer = request->interviewer;
      slot->start_utc = utc;
      slot->minutes = request->minutes;
      slot->status = TRELLIS_INTERVIEW_SCHEDULED;
    }
  return trellis_interview_conflict_messages (slots, booking->id, request->zone, request->now);
}

static char *
warnings_to_json (GPtrArray *warnings)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < warnings->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (warnings, i));
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/* Whether it is recorded: as asked, or as it was when the request keeps it. */
static gboolean
recorded_for (const Booking                *booking,
              const TrellisScheduleRequest *request)
{
  return request->recorded < 0 ? booking->recorded : request->recorded != 0;
}

static gboolean
write_booking (TrellisDatabase               *db,
               const Booking                 *booking,
               const TrellisScheduleRequest  *request,
               gint64                         utc,
               GPtrArray                     *warnings,
               GError                       **error)
{
  g_autofree char *old_value = NULL;
  g_autofree char *start = format_utc (utc);
  g_autofree char *json = warnings_to_json (warnings);
  sqlite3_stmt *stmt;

  if (!trellis_audit_snapshot (db, "interview", booking->id, &old_value, error) ||
      (stmt = trellis_database_prepare (db,
          "UPDATE interview SET status = 'scheduled', interviewer = ?2, start_utc = ?3, time_zone = ?4,"
          " planned_minutes = ?5, mode = ?6, location_or_link = ?7, recorded = ?8, warnings = ?9"
          " WHERE id = ?1", error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, booking->id);
  sqlite3_bind_text (stmt, 2, request->interviewer, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, start, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, request->zone, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 5, request->minutes);
  sqlite3_bind_text (stmt, 6, request->mode, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, request->where, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 8, recorded_for (booking, request));
  sqlite3_bind_text (stmt, 9, json, -1, SQLITE_TRANSIENT);
  return trellis_database_step_done (db, stmt, error) &&
         trellis_audit_append_change (db, "update", "interview", booking->id, old_value, NULL, error);
}

/* Invited moves to scheduled; a scheduled interview can be given a new time
 * (a change of time is not a change of status). */
static gboolean
check_can_schedule (const Booking  *booking,
                    GError        **error)
{
  if (booking->status == TRELLIS_INTERVIEW_SCHEDULED ||
      trellis_interview_status_check_move (booking->status, TRELLIS_INTERVIEW_SCHEDULED, error))
    return TRUE;
  g_prefix_error (error, "%s: ", booking->code);
  return FALSE;
}

static gboolean
check_request (const TrellisScheduleRequest  *request,
               gint64                        *utc,
               TrellisLocalTimeCandidates    *candidates,
               GError                       **error)
{
  if (request->interviewer == NULL || *request->interviewer == '\0')
    {
      g_set_error_literal (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_CONSTRAINT,
                           _("An interview needs an interviewer"));
      return FALSE;
    }
  if (request->minutes < 1 || request->minutes > 1440)
    {
      g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_CONSTRAINT,
                   _("An interview lasts from 1 to 1440 minutes, not %u"), request->minutes);
      return FALSE;
    }
  return trellis_local_time_to_utc (request->zone, &request->date, request->hour, request->minute,
                                    request->which, utc, candidates, error);
}

/* Books the interview of a drawn participant. Refused without the consent
 * it needs, and for a local time that does not exist or (unless the request
 * says which) happens twice, with both in *candidates. Conflicts (the
 * interviewer booked already, a time past, a date outside the participant's
 * window) do not refuse: they come back in *warnings and are stored. The
 * windows come from TABLE when it is given, read for request->today
 * already (a window reads it in a worker, as it takes a while at 100,000
 * participants); with NULL the schedule is read here. */
gboolean
trellis_interview_store_schedule (TrellisDatabase               *db,
                                  gint64                         participant_id,
                                  const TrellisScheduleRequest  *request,
                                  TrellisVisitTable             *table,
                                  GPtrArray                    **warnings,
                                  TrellisLocalTimeCandidates    *candidates,
                                  GError                       **error)
{
  g_auto(Booking) booking = { 0 };
  g_autoptr(GPtrArray) found = NULL;
  gint64 utc = 0;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (request != NULL, FALSE);
  g_return_val_if_fail (table == NULL || trellis_visit_table_get_today (table) == request->today, FALSE);

  if (!find_booking (db, participant_id, &booking, error) ||
      !check_can_schedule (&booking, error) ||
      !check_consent (&booking, recorded_for (&booking, request), error) ||
      !check_request (request, &utc, candidates, error) ||
      (found = find_conflicts (db, &booking, request, table, utc, error)) == NULL)
    return FALSE;
  /* The conflicts are read before the write begins, because the visit table
   * that places the windows is read in a transaction of its own; a study has
   * one writer at a time, so nothing can book in between. A table given by
   * the caller places only the windows: the interviews themselves are read
   * here, on this connection, so another booking is always seen. */
  if (!trellis_database_begin_write (db, error))
    return FALSE;
  if (!write_booking (db, &booking, request, utc, found, error) ||
      !trellis_database_commit (db, error))
    {
      trellis_database_rollback (db);
      return FALSE;
    }
  if (warnings != NULL)
    *warnings = g_steal_pointer (&found);
  return TRUE;
}

static char *
now_utc (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

/* One UPDATE of the interview with its audit row, in its own transaction. */
static gboolean
update_interview (TrellisDatabase  *db,
                  gint64            interview_id,
                  sqlite3_stmt     *stmt,
                  GError          **error)
{
  g_autofree char *old_value = NULL;

  if (!trellis_audit_snapshot (db, "interview", interview_id, &old_value, error) ||
      !trellis_database_step_done (db, stmt, error) ||
      !trellis_audit_append_change (db, "update", "interview", interview_id, old_value, NULL, error) ||
      !trellis_database_commit (db, error))
    {
      trellis_database_rollback (db);
      return FALSE;
    }
  return TRUE;
}

/* Moves the participant's interview along the pipeline. actual_minutes (0
 * for not known) goes with done; anonymised records who (anonymised_by, or
 * the user) and when. Declined and did-not-attend end the interview; the
 * replacement is drawn with trellis_interview_store_replace. */
gboolean
trellis_interview_store_set_status (TrellisDatabase         *db,
                                    gint64                   participant_id,
                                    TrellisInterviewStatus   status,
                                    guint                    actual_minutes,
                                    const char              *anonymised_by,
                                    GError                 **error)
{
  g_auto(Booking) booking = { 0 };
  g_autofree char *now = now_utc ();
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), FALSE);

  if (!find_booking (db, participant_id, &booking, error))
    return FALSE;
  if (!trellis_interview_status_check_move (booking.status, status, error))
    {
      g_prefix_error (error, "%s: ", booking.code);
      return FALSE;
    }
  if (!trellis_database_begin_write (db, error))
    return FALSE;
  stmt = trellis_database_prepare (db,
      "UPDATE interview SET status = ?2, actual_minutes = coalesce (?3, actual_minutes),"
      " anonymised_by = iif (?2 = 'anonymised', ?4, anonymised_by),"
      " anonymised_at = iif (?2 = 'anonymised', ?5, anonymised_at) WHERE id = ?1", error);
  if (stmt == NULL)
    {
      trellis_database_rollback (db);
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, booking.id);
  sqlite3_bind_text (stmt, 2, trellis_interview_status_to_string (status), -1, SQLITE_STATIC);
  if (actual_minutes > 0 && status == TRELLIS_INTERVIEW_DONE)
    sqlite3_bind_int (stmt, 3, actual_minutes);
  else
    sqlite3_bind_null (stmt, 3);
  sqlite3_bind_text (stmt, 4, anonymised_by != NULL ? anonymised_by : g_get_user_name (), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, now, -1, SQLITE_TRANSIENT);
  return update_interview (db, booking.id, stmt, error);
}

static gboolean
check_can_attach (const Booking  *booking,
                  GError        **error)
{
  if (booking->status == TRELLIS_INTERVIEW_DONE || booking->status == TRELLIS_INTERVIEW_TRANSCRIBED ||
      booking->status == TRELLIS_INTERVIEW_ANONYMISED || booking->status == TRELLIS_INTERVIEW_CODED)
    return TRUE;
  g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_CONSTRAINT,
               _("%s: a transcript can be attached once the interview is done, and it is ‘%s’"),
               booking->code, trellis_interview_status_to_label (booking->status));
  return FALSE;
}

/* The SHA-256 of the file's bytes, read a block at a time: a transcript is
 * never copied into the study, only its place and its hash are kept. Safe
 * to call from a worker thread, as it touches no database. */
char *
trellis_interview_hash_file (const char    *path,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = g_file_read (file, cancellable, error);
  g_autofree guint8 *buffer = g_malloc (65536);
  gssize n;

  g_return_val_if_fail (path != NULL, NULL);

  if (stream == NULL)
    return NULL;
  while ((n = g_input_stream_read (G_INPUT_STREAM (stream), buffer, 65536, cancellable, error)) > 0)
    g_checksum_update (checksum, buffer, n);
  if (n < 0)
    return NULL;
  return g_strdup (g_checksum_get_string (checksum));
}

/* Attaches the transcript at path, whose SHA-256 the caller has taken
 * (trellis_interview_hash_file), to the participant's interview once it is
 * done: its absolute path and the hash are stored, and a done interview
 * becomes transcribed. Attaching again replaces both. */
gboolean
trellis_interview_store_attach_transcript (TrellisDatabase  *db,
                                           gint64            participant_id,
                                           const char       *path,
                                           const char       *sha256,
                                           GError          **error)
{
  g_auto(Booking) booking = { 0 };
  g_autofree char *absolute = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (sha256 != NULL, FALSE);

  if (!find_booking (db, participant_id, &booking, error) || !check_can_attach (&booking, error) ||
      !trellis_database_begin_write (db, error))
    return FALSE;
  absolute = g_canonicalize_filename (path, NULL);
  stmt = trellis_database_prepare (db,
      "UPDATE interview SET transcript_path = ?2, transcript_sha256 = ?3,"
      " status = iif (status = 'done', 'transcribed', status) WHERE id = ?1", error);
  if (stmt == NULL)
    {
      trellis_database_rollback (db);
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, booking.id);
  sqlite3_bind_text (stmt, 2, absolute, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, sha256, -1, SQLITE_TRANSIENT);
  return update_interview (db, booking.id, stmt, error);
}

/* As trellis_interview_store_attach_transcript (), hashing the file first
 * on the caller's thread; the hash in sha256. */
gboolean
trellis_interview_store_set_transcript (TrellisDatabase  *db,
                                        gint64            participant_id,
                                        const char       *path,
                                        char            **sha256,
                                        GError          **error)
{
  g_auto(Booking) booking = { 0 };
  g_autofree char *absolute = NULL, *hash = NULL;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* Refused before the file is read: hashing a large file for nothing is slow. */
  if (!find_booking (db, participant_id, &booking, error) || !check_can_attach (&booking, error))
    return FALSE;
  absolute = g_canonicalize_filename (path, NULL);
  if ((hash = trellis_interview_hash_file (absolute, NULL, error)) == NULL ||
      !trellis_interview_store_attach_transcript (db, participant_id, absolute, hash, error))
    return FALSE;
  if (sha256 != NULL)
    *sha256 = g_steal_pointer (&hash);
  return TRUE;
}
