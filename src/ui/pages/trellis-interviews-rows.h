/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "trellis-interview-store.h"

G_BEGIN_DECLS

/* The rows of the Interviews page (trellis-interviews-page.c), built from
 * what the study read. Pick rows carry interviews.schedule((xx)) and
 * interviews.replace((xx)) with the
 * draw's and the participant's ids; a draw's row carries interviews.verify
 * and interviews.copy-hash with the draw's id. */

/* What checking a draw again found, kept by the page until the next reload. */
typedef struct
{
  gboolean matches;
  char *summary;        /* names no one */
  char *detail;         /* may name the first pick that differs */
} TrellisDrawVerdictText;

GtkWidget *trellis_interviews_eligible_row   (const TrellisEligibleCohort *cohort);
GtkWidget *trellis_interviews_ineligible_row (const char                  *reason,
                                              guint                        n);
GtkWidget *trellis_interviews_draw_row       (const TrellisStoredDraw     *draw,
                                              gboolean                     reveal_picks,
                                              const TrellisDrawVerdictText *verdict,
                                              GHashTable                  *interviews);
char      *trellis_interviews_draw_summary   (const TrellisStoredDraw     *draw);
gboolean   trellis_interviews_pick_replaceable (const TrellisStoredDraw   *draw,
                                                const TrellisStoredPick   *pick);
GPtrArray *trellis_interviews_pipeline_rows  (GPtrArray                   *draws);
void       trellis_draw_verdict_text_free    (TrellisDrawVerdictText      *verdict);

/* An interview's booking, conflicts and moves (trellis-interviews-booking.c).
 * The moves menu carries interviews.done, .transcript, .anonymised and
 * .coded with the participant's id, and interviews.replace((xx)). */
char      *trellis_interviews_booking_text    (const TrellisInterviewRow *row);
char      *trellis_interviews_transcript_text (const TrellisInterviewRow *row);
GtkWidget *trellis_interviews_warning_icon    (const TrellisInterviewRow *row);
GtkWidget *trellis_interviews_moves_button    (const TrellisInterviewRow *row,
                                               gboolean                   replaceable);
void       trellis_interviews_add_interview   (AdwActionRow              *action_row,
                                               const char                *first_line,
                                               const TrellisInterviewRow *row,
                                               gboolean                   replaceable);
GtkWidget *trellis_interviews_list_row        (const TrellisInterviewRow *row,
                                               gboolean                   replaceable);

G_END_DECLS
