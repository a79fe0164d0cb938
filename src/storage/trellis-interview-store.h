/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "trellis-database.h"
#include "trellis-interview-draw-check.h"
#include "trellis-interview-draw.h"
#include "trellis-interview-eligibility.h"
#include "trellis-interview-status.h"
#include "trellis-local-time.h"
#include "trellis-visit-table.h"

G_BEGIN_DECLS

/* The interviews of a study: who may be drawn, the draws themselves (made,
 * replaced and checked again from what the file recorded), and each drawn
 * person's interview. The rules are the domain's (trellis-interview-*.h);
 * this is where they meet the study's data. */

/* One cohort's eligible people, codes sorted by trellis_interview_code_compare. */
typedef struct
{
  char      *name;
  GPtrArray *codes;             /* char * */
  GArray    *participant_ids;   /* gint64, in the same order */
} TrellisEligibleCohort;

/* Someone the rule leaves out, and why. */
typedef struct
{
  char                       *code;
  char                       *cohort;
  TrellisInterviewIneligible  reason;
} TrellisIneligibleEntry;

/* The rule applied to everyone in the study on one day: the eligible, by
 * cohort in byte order of the cohort names (only cohorts with someone
 * eligible), and everyone else in code order. */
typedef struct
{
  TrellisInterviewEligibility  rule;
  guint32                      today;
  GPtrArray                   *cohorts;      /* TrellisEligibleCohort * */
  GArray                      *ineligible;   /* TrellisIneligibleEntry */
} TrellisEligibleList;

TrellisEligibleList *trellis_interview_store_eligible  (TrellisDatabase                   *db,
                                                        const TrellisInterviewEligibility *rule,
                                                        guint32                            today,
                                                        GError                           **error);
void                 trellis_eligible_list_free        (TrellisEligibleList               *list);
guint                trellis_eligible_list_count       (const TrellisEligibleList         *list);
guint                trellis_eligible_list_count_reason (const TrellisEligibleList        *list,
                                                         TrellisInterviewIneligible        reason);
TrellisDrawCohort   *trellis_eligible_cohorts_to_draw  (GPtrArray                         *cohorts);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrellisEligibleList, trellis_eligible_list_free)

/* What a person asks for when drawing. quotas maps a cohort's name to how
 * many to draw from it (GUINT_TO_POINTER), or is NULL for the proportional
 * allocation; a cohort it leaves out gets none. */
typedef struct
{
  TrellisInterviewEligibility  rule;
  guint                        total;
  gboolean                     have_seed;
  guint64                      seed;
  GHashTable                  *quotas;
  const char                  *note;
  guint32                      today;
} TrellisDrawRequest;

/* A pick as the file holds it. */
typedef struct
{
  gint64    id;
  guint     sequence;         /* from 1, in draw order */
  gint64    participant_id;
  char     *code;             /* as on the draw's eligible list; NULL if not on it */
  char     *cohort;
  gboolean  replacement;
  gint64    replaces;         /* the pick it replaces, or 0 */
  char     *status;           /* its interview's status, or NULL */
} TrellisStoredPick;

/* A draw as the file holds it, with its eligible lists and quotas in the
 * order they were drawn from. */
typedef struct
{
  gint64     id;
  char      *created;
  char      *user;
  char      *seed;            /* decimal text */
  char      *algorithm;
  char      *rule;
  char      *eligible_hash;
  char      *quotas_json;
  guint      total;
  char      *allocation;
  char      *note;
  GPtrArray *cohorts;         /* TrellisEligibleCohort * */
  GArray    *quotas;          /* guint, one per cohort */
  GArray    *picks;           /* TrellisStoredPick, by sequence */
} TrellisStoredDraw;

gint64             trellis_interview_store_draw      (TrellisDatabase           *db,
                                                      const TrellisDrawRequest  *request,
                                                      GError                   **error);
TrellisStoredDraw *trellis_interview_store_get_draw  (TrellisDatabase           *db,
                                                      gint64                     draw_id,
                                                      GError                   **error);
GPtrArray         *trellis_interview_store_list_draws (TrellisDatabase          *db,
                                                       GError                  **error);
void               trellis_stored_draw_free          (TrellisStoredDraw         *draw);
gint64             trellis_interview_store_replace   (TrellisDatabase           *db,
                                                      gint64                     draw_id,
                                                      gint64                     participant_id,
                                                      TrellisInterviewStatus     reason,
                                                      GError                   **error);
gboolean           trellis_interview_store_verify    (TrellisDatabase           *db,
                                                      gint64                     draw_id,
                                                      TrellisDrawCheck          *check,
                                                      char                     **description,
                                                      GError                   **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrellisStoredDraw, trellis_stored_draw_free)

/* An interview to book: a local date and time in an IANA zone (which says
 * which of two instants an ambiguous time means), the interviewer, planned
 * minutes, mode ("in_person", "video_call" or "telephone", or NULL),
 * location or link, and whether it is video-recorded (1, 0, or -1 to keep
 * what the interview has: the draw's rule decides at first). today places the
 * participant's window; now (seconds since 1970, UTC) decides what is past. */
typedef struct
{
  const char             *interviewer;
  GDate                   date;
  int                     hour;
  int                     minute;
  const char             *zone;
  TrellisLocalTimeChoice  which;
  guint                   minutes;
  const char             *mode;
  const char             *where;
  int                     recorded;
  guint32                 today;
  gint64                  now;
} TrellisScheduleRequest;

gboolean trellis_interview_store_schedule       (TrellisDatabase               *db,
                                                 gint64                         participant_id,
                                                 const TrellisScheduleRequest  *request,
                                                 TrellisVisitTable             *table,
                                                 GPtrArray                    **warnings,
                                                 TrellisLocalTimeCandidates    *candidates,
                                                 GError                       **error);
gboolean trellis_interview_store_set_status     (TrellisDatabase               *db,
                                                 gint64                         participant_id,
                                                 TrellisInterviewStatus         status,
                                                 guint                          actual_minutes,
                                                 const char                    *anonymised_by,
                                                 GError                       **error);
gboolean trellis_interview_store_set_transcript (TrellisDatabase               *db,
                                                 gint64                         participant_id,
                                                 const char                    *path,
                                                 char                         **sha256,
                                                 GError                       **error);
gboolean trellis_interview_store_attach_transcript (TrellisDatabase            *db,
                                                    gint64                      participant_id,
                                                    const char                 *path,
                                                    const char                 *sha256,
                                                    GError                    **error);
char    *trellis_interview_hash_file            (const char                    *path,
                                                 GCancellable                  *cancellable,
                                                 GError                       **error);

/* One interview as a list shows it: its pick, where it stands, its booking
 * (if any), the participant's window for the draw's timepoint, and the
 * conflicts it has now, in the domain's words. */
typedef struct
{
  gint64                  id;
  gint64                  draw_id;
  guint                   pick;            /* the pick's place in its draw */
  gint64                  participant_id;
  char                   *code;
  char                   *cohort;
  TrellisInterviewStatus  status;
  char                   *interviewer;     /* NULL until chosen */
  gint64                  start_utc;       /* seconds since 1970; 0 until booked */
  char                   *time_zone;       /* IANA name it was booked in; NULL until booked */
  guint                   minutes;         /* planned */
  char                   *mode;            /* "in_person", "video_call", "telephone" or NULL */
  char                   *location;
  guint32                 window_opens;    /* Julian days; 0 when not known */
  guint32                 window_closes;
  guint                   revision;        /* changes since it was created: its audit rows */
  guint                   actual_minutes;  /* 0 until done (or not known) */
  char                   *transcript_path; /* NULL until attached */
  char                   *transcript_sha256;
  char                   *anonymised_by;   /* NULL until anonymised */
  char                   *anonymised_at;   /* UTC, ISO 8601 */
  GPtrArray              *warnings;        /* char *, translated */
} TrellisInterviewRow;

/* Which interviews a list shows: status < 0 for any, interviewer NULL for
 * anyone (matched as trellis_interview_same_interviewer does), draw_id 0 for
 * every draw. today places the windows; now (UTC seconds) decides what is past. */
typedef struct
{
  int          status;
  const char  *interviewer;
  gint64       draw_id;
  guint32      today;
  gint64       now;
} TrellisInterviewFilter;

/* One cohort's interviews by status, over the interviews a filter keeps. */
typedef struct
{
  char  *cohort;
  guint  counts[TRELLIS_N_INTERVIEW_STATUSES];
} TrellisInterviewCohortCounts;

GPtrArray *trellis_interview_store_list         (TrellisDatabase               *db,
                                                 const TrellisInterviewFilter  *filter,
                                                 GError                       **error);
GPtrArray *trellis_interview_rows_count         (GPtrArray                     *rows);
char      *trellis_interview_store_study_key    (TrellisDatabase               *db,
                                                 char                         **title,
                                                 GError                       **error);
gboolean   trellis_interview_store_export_ics   (TrellisDatabase               *db,
                                                 GFile                         *file,
                                                 const char                    *interviewer,
                                                 gint64                         now,
                                                 guint                         *n_events,
                                                 GError                       **error);
const char *trellis_interview_mode_label        (const char                    *mode);
void       trellis_interview_row_free           (TrellisInterviewRow           *row);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrellisInterviewRow, trellis_interview_row_free)

G_END_DECLS
