/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "trellis-interviews-page.h"
#include "trellis-interview-store.h"

G_BEGIN_DECLS

/* Shared by the files of the Interviews page: trellis-interviews-page.c (the
 * draws, the rule, the role), trellis-interviews-list.c (the interviews
 * filtered by status and interviewer) and trellis-interviews-moves.c (moving
 * an interview along its pipeline, transcripts, the calendar). */
struct _TrellisInterviewsPage
{
  AdwBin parent_instance;

  TrellisStudy *study;
  gulong schedule_handler;
  gulong interviews_handler;
  gboolean stale;                    /* to reload when next shown */
  gboolean settings_bound;
  gboolean syncing_rule;             /* while the timepoints are refilled */
  gboolean syncing_filters;          /* while the interviewers are refilled */
  GCancellable *cancellable;         /* of the eligible read under way */
  GCancellable *work_cancellable;    /* of transcripts and exports under way */
  gboolean loading;
  guint n_working;                   /* transcripts and exports under way */
  TrellisEligibleList *list;
  GPtrArray *draws;                  /* TrellisStoredDraw */
  GHashTable *interviews;            /* participant id → TrellisInterviewRow, every interview */
  GPtrArray *interviewer_names;      /* char *, as in interviewer_filter after "Anyone" */
  char *role;
  GHashTable *verdicts;              /* draw id → TrellisDrawVerdictText */
  GHashTable *expanded;              /* draw ids whose rows are open */
  GPtrArray *timepoint_codes;        /* char *, as in timepoint_row */
  GPtrArray *draw_rows;
  GPtrArray *pipeline_rows;
  GPtrArray *list_rows;
  GPtrArray *eligible_rows;
  GPtrArray *ineligible_rows;

  GtkLabel *role_label;
  GtkWidget *empty_page;
  AdwPreferencesGroup *draws_group;
  AdwPreferencesGroup *pipeline_group;
  AdwPreferencesGroup *list_group;
  GtkDropDown *status_filter;
  GtkDropDown *interviewer_filter;
  AdwPreferencesGroup *rule_group;
  AdwComboRow *timepoint_row;
  AdwComboRow *reached_row;
  GtkSwitch *recorded_switch;
  AdwPreferencesGroup *eligible_group;
  GtkSpinner *loading_spinner;
  GtkLabel *eligible_badge;
  AdwPreferencesGroup *ineligible_group;
};

void       trellis_interviews_page_toast         (TrellisInterviewsPage *self,
                                                  const char            *message);
gboolean   trellis_interviews_page_editable      (TrellisInterviewsPage *self);
gboolean   trellis_interviews_page_reveals_picks (TrellisInterviewsPage *self);
GtkWindow *trellis_interviews_page_parent_window (TrellisInterviewsPage *self);

/* trellis-interviews-list.c */
void       trellis_interviews_page_load_interviews (TrellisInterviewsPage *self);
void       trellis_interviews_page_fill_list       (TrellisInterviewsPage *self);
void       trellis_interviews_page_init_filters    (TrellisInterviewsPage *self);
void       trellis_interviews_page_on_filter_changed (TrellisInterviewsPage *self);

/* trellis-interviews-moves.c */
void       trellis_interviews_page_install_moves   (GtkWidgetClass        *widget_class);
void       trellis_interviews_page_sync_moves      (TrellisInterviewsPage *self);

G_END_DECLS
