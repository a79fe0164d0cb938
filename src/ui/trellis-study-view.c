/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pages/trellis-cohorts-page.h"
#include "pages/trellis-consent-page.h"
#include "pages/trellis-instruments-page.h"
#include "pages/trellis-analysis-page.h"
#include "pages/trellis-audit-page.h"
#include "pages/trellis-interviews-page.h"
#include "pages/trellis-overview-page.h"
#include "pages/trellis-participants-page.h"
#include "pages/trellis-schedule-page.h"
#include "trellis-participant-card.h"
#include "trellis-lazy-menu.h"
#include "trellis-participant-dialog.h"
#include "trellis-study-view.h"
#include "trellis-visit-dialog.h"

/* An open study: a sidebar of pages beside the page itself, folding into one
 * column on narrow windows. Pages receive the study and talk back by signals.
 *
 * A page is built the first time it is shown, not with the view: building
 * and styling six pages, and each reading its part of the study, held up the
 * first frame of the one page a person sees, and a page never visited costs
 * nothing. */
struct _TrellisStudyView
{
  AdwBin parent_instance;

  TrellisStudy *study;
  GBinding *title_binding;
  GBinding *subtitle_binding;
  GBinding *sidebar_title_binding;

  AdwLeaflet *leaflet;
  GtkListBox *sidebar;
  GtkStack *pages;
  GtkWidget *content_box;
  GtkLabel *sidebar_title;
  AdwWindowTitle *content_title;
  GtkSpinner *busy_spinner;
  GtkRevealer *read_only_banner;
  GtkLabel *read_only_label;

  /* Until the study's first frame is drawn, for the schedule's read ahead. */
  guint warm_tick;
  GdkFrameClock *warm_clock;
  gulong warm_handler;
};

G_DEFINE_FINAL_TYPE (TrellisStudyView, trellis_study_view, ADW_TYPE_BIN)

enum {
  SIGNAL_TOAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_page_toast (TrellisStudyView *self,
               const char       *message)
{
  g_signal_emit (self, signals[SIGNAL_TOAST], 0, message);
}

/* ---- Participants: the add dialog and the card ---- */

static void
on_participant_saved (TrellisStudyView *self,
                      gint64            participant_id,
                      gboolean          added)
{
  g_autoptr(TrellisParticipant) participant = NULL;
  g_autofree char *message = NULL;

  if (!added || self->study == NULL)
    return;
  participant = trellis_study_get_participant (self->study, participant_id, NULL);
  if (participant == NULL)
    return;
  message = g_strdup_printf (_("Added %s"), trellis_participant_get_code (participant));
  g_signal_emit (self, signals[SIGNAL_TOAST], 0, message);
}

static void
on_show_cohorts (TrellisStudyView *self)
{
  trellis_study_view_show_page (self, "cohorts");
}

static void
add_participant_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  TrellisStudyView *self = TRELLIS_STUDY_VIEW (widget);
  TrellisParticipantDialog *dialog;

  if (self->study == NULL)
    return;
  dialog = trellis_participant_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->study, NULL);
  /* The view has a Cohorts page to send the person to. */
  trellis_participant_dialog_set_can_show_cohorts (dialog, TRUE);
  g_signal_connect_object (dialog, "participant-saved", G_CALLBACK (on_participant_saved), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "show-cohorts", G_CALLBACK (on_show_cohorts), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_participant_activated (TrellisStudyView *self,
                          gint64            participant_id)
{
  g_autoptr(GError) error = NULL;
  TrellisParticipantCard *card;

  if (self->study == NULL)
    return;
  card = trellis_participant_card_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), self->study,
                                       participant_id, &error);
  if (card == NULL)
    g_signal_emit (self, signals[SIGNAL_TOAST], 0, error->message);
  else
    gtk_window_present (GTK_WINDOW (card));
}

/* A cell of the Schedule asks for a visit's form: the same as win.enter-data. */
static void
on_enter_data (TrellisStudyView *self,
               gint64            participant_id,
               gint64            timepoint_id)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.enter-data", "(xx)", participant_id, timepoint_id);
}

/* The data-entry form of a participant at a timepoint, for any page that
 * lists visits: win.enter-data with (participant id, timepoint id). */
static void
enter_data_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  TrellisStudyView *self = TRELLIS_STUDY_VIEW (widget);
  g_autoptr(GError) error = NULL;
  TrellisVisitDialog *dialog;
  gint64 participant_id, timepoint_id;

  if (self->study == NULL)
    return;
  g_variant_get (parameter, "(xx)", &participant_id, &timepoint_id);
  dialog = trellis_visit_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->study, participant_id,
                                     timepoint_id, &error);
  if (dialog == NULL)
    g_signal_emit (self, signals[SIGNAL_TOAST], 0, error->message);
  else
    gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- Pages, built when first shown ---- */

typedef struct
{
  const char *name;           /* the stack's and the sidebar row's */
  const char *title;          /* translatable */
  GType (*get_type) (void);
} PageInfo;

static const PageInfo pages[] = {
  { "overview", N_("Overview"), trellis_overview_page_get_type },
  { "participants", N_("Participants"), trellis_participants_page_get_type },
  { "schedule", N_("Schedule"), trellis_schedule_page_get_type },
  { "cohorts", N_("Cohorts"), trellis_cohorts_page_get_type },
  { "consent", N_("Consent"), trellis_consent_page_get_type },
  { "instruments", N_("Instruments"), trellis_instruments_page_get_type },
  { "interviews", N_("Interviews"), trellis_interviews_page_get_type },
  { "analysis", N_("Analysis"), trellis_analysis_page_get_type },
  { "audit", N_("Audit Trail"), trellis_audit_page_get_type },
};

static const PageInfo *
find_page_info (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    if (g_strcmp0 (pages[i].name, name) == 0)
      return &pages[i];
  return NULL;
}

static void
set_page_study (GtkWidget    *page,
                TrellisStudy *study)
{
  if (TRELLIS_IS_OVERVIEW_PAGE (page))
    trellis_overview_page_set_study (TRELLIS_OVERVIEW_PAGE (page), study);
  else if (TRELLIS_IS_PARTICIPANTS_PAGE (page))
    trellis_participants_page_set_study (TRELLIS_PARTICIPANTS_PAGE (page), study);
  else if (TRELLIS_IS_SCHEDULE_PAGE (page))
    trellis_schedule_page_set_study (TRELLIS_SCHEDULE_PAGE (page), study);
  else if (TRELLIS_IS_COHORTS_PAGE (page))
    trellis_cohorts_page_set_study (TRELLIS_COHORTS_PAGE (page), study);
  else if (TRELLIS_IS_CONSENT_PAGE (page))
    trellis_consent_page_set_study (TRELLIS_CONSENT_PAGE (page), study);
  else if (TRELLIS_IS_INSTRUMENTS_PAGE (page))
    trellis_instruments_page_set_study (TRELLIS_INSTRUMENTS_PAGE (page), study);
  else if (TRELLIS_IS_INTERVIEWS_PAGE (page))
    trellis_interviews_page_set_study (TRELLIS_INTERVIEWS_PAGE (page), study);
  else if (TRELLIS_IS_ANALYSIS_PAGE (page))
    trellis_analysis_page_set_study (TRELLIS_ANALYSIS_PAGE (page), study);
  else if (TRELLIS_IS_AUDIT_PAGE (page))
    trellis_audit_page_set_study (TRELLIS_AUDIT_PAGE (page), study);
}

/* Every page can send a toast; the lists of participants open their card,
 * and the Schedule opens a visit's form. */
static void
connect_page (TrellisStudyView *self,
              GtkWidget        *page)
{
  g_signal_connect_object (page, "toast", G_CALLBACK (on_page_toast), self, G_CONNECT_SWAPPED);
  if (g_signal_lookup ("participant-activated", G_OBJECT_TYPE (page)) != 0)
    g_signal_connect_object (page, "participant-activated", G_CALLBACK (on_participant_activated), self,
                             G_CONNECT_SWAPPED);
  if (g_signal_lookup ("enter-data", G_OBJECT_TYPE (page)) != 0)
    g_signal_connect_object (page, "enter-data", G_CALLBACK (on_enter_data), self, G_CONNECT_SWAPPED);
}

/* The named page, built and given the study if this is its first showing;
 * NULL if there is no such page. */
GtkWidget *
trellis_study_view_ensure_page (TrellisStudyView *self,
                                const char       *name)
{
  const PageInfo *info;
  GtkWidget *page;

  g_return_val_if_fail (TRELLIS_IS_STUDY_VIEW (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  page = gtk_stack_get_child_by_name (self->pages, name);
  if (page != NULL)
    return page;
  info = find_page_info (name);
  if (info == NULL)
    return NULL;
  page = g_object_new (info->get_type (), NULL);
  connect_page (self, page);
  gtk_stack_add_titled (self->pages, page, info->name, _(info->title));
  set_page_study (page, self->study);
  return page;
}

static void
on_sidebar_row_activated (TrellisStudyView *self,
                          GtkListBoxRow    *row)
{
  trellis_study_view_show_page (self, gtk_widget_get_name (GTK_WIDGET (row)));
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
on_back_clicked (TrellisStudyView *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static gboolean
file_name_for_title (GBinding     *binding,
                     const GValue *from,
                     GValue       *to,
                     gpointer      user_data)
{
  const char *path = g_value_get_string (from);

  g_value_take_string (to, path ? g_filename_display_basename (path) : NULL);
  return TRUE;
}

static void
unbind_study (TrellisStudyView *self)
{
  g_clear_pointer (&self->title_binding, g_binding_unbind);
  g_clear_pointer (&self->subtitle_binding, g_binding_unbind);
  g_clear_pointer (&self->sidebar_title_binding, g_binding_unbind);
}

/* Each reason names what the person could change to edit the study. */
static const char *
read_only_message (TrellisStudy *study)
{
  switch (trellis_study_get_read_only_reason (study))
    {
    case TRELLIS_READ_ONLY_REASON_NONE:
      return "";
    case TRELLIS_READ_ONLY_REASON_FILE:
      return _("This study file is read-only. You can look around, but changes cannot be saved.");
    case TRELLIS_READ_ONLY_REASON_FOLDER:
      return _("The folder holding this study is read-only. You can look around, but changes cannot be saved.");
    case TRELLIS_READ_ONLY_REASON_REQUESTED:
    default:
      return _("Opened read-only. You can look around; to make changes, close the study and open it again.");
    }
}

/* ---- The schedule, read ahead ---- */

static void
stop_warming (TrellisStudyView *self)
{
  if (self->warm_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->warm_tick);
  self->warm_tick = 0;
  if (self->warm_clock != NULL)
    g_clear_signal_handler (&self->warm_handler, self->warm_clock);
  g_clear_object (&self->warm_clock);
}

static void
on_first_paint (TrellisStudyView *self)
{
  stop_warming (self);
  if (self->study != NULL)
    trellis_study_warm_visit_table (self->study, trellis_study_today ());
}

/* The first frame's tick comes before it is drawn; the read waits for the
 * frame to be painted. */
static gboolean
on_first_tick (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  TrellisStudyView *self = TRELLIS_STUDY_VIEW (widget);

  self->warm_tick = 0;
  self->warm_clock = g_object_ref (clock);
  self->warm_handler = g_signal_connect_swapped (clock, "after-paint", G_CALLBACK (on_first_paint), self);
  return G_SOURCE_REMOVE;
}

/* Once the first page of a study is drawn, the study reads its schedule in
 * a worker thread and keeps it: the Schedule and Overview pages both show
 * it, and at 100,000 participants the read takes longer than a person waits
 * for a page without noticing. The page drawn first is not held up, and a
 * person rarely switches page within the moment the read takes. */
static void
warm_after_first_frame (TrellisStudyView *self)
{
  stop_warming (self);
  if (self->study != NULL)
    self->warm_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), on_first_tick, NULL, NULL);
}

void
trellis_study_view_set_study (TrellisStudyView *self,
                              TrellisStudy     *study)
{
  g_return_if_fail (TRELLIS_IS_STUDY_VIEW (self));
  g_return_if_fail (study == NULL || TRELLIS_IS_STUDY (study));

  unbind_study (self);
  g_set_object (&self->study, study);
  warm_after_first_frame (self);
  for (GtkWidget *page = gtk_widget_get_first_child (GTK_WIDGET (self->pages));
       page != NULL; page = gtk_widget_get_next_sibling (page))
    set_page_study (page, study);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), TRELLIS_PARTICIPANTS_ACTION_ADD,
                                 study != NULL && !trellis_study_is_read_only (study));

  if (study == NULL)
    return;

  /* Unless a page was asked for before the study came, it opens on its
   * overview. */
  if (gtk_stack_get_visible_child (self->pages) == NULL)
    trellis_study_view_show_page (self, "overview");

  self->title_binding = g_object_bind_property (study, "title", self->content_title, "title",
                                                G_BINDING_SYNC_CREATE);
  self->sidebar_title_binding = g_object_bind_property (study, "title", self->sidebar_title, "label",
                                                        G_BINDING_SYNC_CREATE);
  self->subtitle_binding = g_object_bind_property_full (study, "path", self->content_title, "subtitle",
                                                        G_BINDING_SYNC_CREATE, file_name_for_title,
                                                        NULL, NULL, NULL);
  gtk_label_set_text (self->read_only_label, read_only_message (study));
  gtk_revealer_set_reveal_child (self->read_only_banner, trellis_study_is_read_only (study));

  /* On a narrow window the study itself comes first, not a list of one page. */
  adw_leaflet_set_visible_child (self->leaflet, self->content_box);
}

/* While the study is busy elsewhere (a copy reading it in another thread), its
 * pages take no input; the header bar and its menu stay usable. */
void
trellis_study_view_set_busy (TrellisStudyView *self,
                             gboolean          busy)
{
  g_return_if_fail (TRELLIS_IS_STUDY_VIEW (self));

  gtk_widget_set_sensitive (GTK_WIDGET (self->pages), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->sidebar), !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->busy_spinner), busy);
  gtk_spinner_set_spinning (self->busy_spinner, busy);
}

gboolean
trellis_study_view_get_busy (TrellisStudyView *self)
{
  g_return_val_if_fail (TRELLIS_IS_STUDY_VIEW (self), FALSE);
  return !gtk_widget_get_sensitive (GTK_WIDGET (self->pages));
}

/* Shows the named page; FALSE if there is no such page. */
gboolean
trellis_study_view_show_page (TrellisStudyView *self,
                              const char       *name)
{
  g_return_val_if_fail (TRELLIS_IS_STUDY_VIEW (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (trellis_study_view_ensure_page (self, name) == NULL)
    return FALSE;

  gtk_stack_set_visible_child_name (self->pages, name);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      if (g_strcmp0 (gtk_widget_get_name (row), name) == 0)
        gtk_list_box_select_row (self->sidebar, GTK_LIST_BOX_ROW (row));
    }
  return TRUE;
}

const char *
trellis_study_view_get_page (TrellisStudyView *self)
{
  g_return_val_if_fail (TRELLIS_IS_STUDY_VIEW (self), NULL);
  return gtk_stack_get_visible_child_name (self->pages);
}

/* Whether the page shown is still reading what it shows, and shows a
 * placeholder meanwhile. */
gboolean
trellis_study_view_get_page_loading (TrellisStudyView *self)
{
  GtkWidget *page;

  g_return_val_if_fail (TRELLIS_IS_STUDY_VIEW (self), FALSE);

  page = gtk_stack_get_visible_child (self->pages);
  return TRELLIS_IS_SCHEDULE_PAGE (page) && trellis_schedule_page_get_loading (TRELLIS_SCHEDULE_PAGE (page));
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TrellisStudyView *self = TRELLIS_STUDY_VIEW (widget);

  if (trellis_study_view_show_page (self, g_variant_get_string (parameter, NULL)))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
trellis_study_view_dispose (GObject *object)
{
  TrellisStudyView *self = TRELLIS_STUDY_VIEW (object);

  unbind_study (self);
  stop_warming (self);
  g_clear_object (&self->study);

  G_OBJECT_CLASS (trellis_study_view_parent_class)->dispose (object);
}

static void
trellis_study_view_class_init (TrellisStudyViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = trellis_study_view_dispose;

  /* A short message for the window to show as a toast. */
  signals[SIGNAL_TOAST] =
    g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);


  gtk_widget_class_set_template_from_resource (widget_class, "/org/trellis/Trellis/trellis-study-view.ui");
  gtk_widget_class_bind_template_child (widget_class, TrellisStudyView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, TrellisStudyView, sidebar);
  gtk_widget_class_bind_template_child (widget_class, TrellisStudyView, pages);
  gtk_widget_class_bind_template_child (widget_class, TrellisStudyView, content_box);
  gtk_widget_class_bind_template_child (widget_class, TrellisStudyView, sidebar_title);
  gtk_widget_class_bind_template_child (widget_class, TrellisStudyView, content_title);
  gtk_widget_class_bind_template_child (widget_class, TrellisStudyView, busy_spinner);
  gtk_widget_class_bind_template_child (widget_class, TrellisStudyView, read_only_banner);
  gtk_widget_class_bind_template_child (widget_class, TrellisStudyView, read_only_label);
  /* Not needed here, but named for tests that check what the view shows. */
  gtk_widget_class_bind_template_child_full (widget_class, "sidebar_menu_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "content_menu_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "study_menu", FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked);

  gtk_widget_class_install_action (widget_class, TRELLIS_PARTICIPANTS_ACTION_ADD, NULL, add_participant_action);

  /* Any dialog inside the view can send the person to a page by name,
   * for example to "cohorts" when there is no cohort to choose from. */
  gtk_widget_class_install_action (widget_class, "study.show-page", "s", show_page_action);

  /* Named for the window, as pages activate it, but it belongs here, where
   * the study is: a class action is found by its whole name, so the
   * window's own win.* actions are still reached from the pages. */
  gtk_widget_class_install_action (widget_class, "win.enter-data", "(xx)", enter_data_action);
}

static void
trellis_study_view_init (TrellisStudyView *self)
{
  GMenuModel *menu;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), TRELLIS_PARTICIPANTS_ACTION_ADD, FALSE);
  menu = G_MENU_MODEL (gtk_widget_get_template_child (GTK_WIDGET (self), TRELLIS_TYPE_STUDY_VIEW, "study_menu"));
  for (guint i = 0; i < 2; i++)
    trellis_lazy_menu_attach (GTK_MENU_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (self),
                                                                              TRELLIS_TYPE_STUDY_VIEW,
                                                                              i == 0 ? "sidebar_menu_button"
                                                                                     : "content_menu_button")),
                              menu);
}
