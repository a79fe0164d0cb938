/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "trellis-application.h"
#include "trellis-overview-page.h"
#include "trellis-study-view.h"
#include "trellis-welcome-page.h"
#include "trellis-window.h"

G_BEGIN_DECLS

/* What every UI test program shares: an application per test, a main loop
 * driven until something happens or a deadline passes, widgets found by
 * template name or type, and screenshots saved for a person to look at. */

/* How long a test waits for something that should happen at once: a slow
 * machine gets plenty of time, and a hang still ends. */
#define DEADLINE_SECONDS 30

typedef struct _Fixture Fixture;

/* What a test does once the application is running under run_app(). */
typedef void (*AppStep) (Fixture       *fixture,
                         TrellisWindow *window);

struct _Fixture
{
  TrellisApplication *app;
  char *dir;
  char *path;           /* the study a step works on */
  AppStep step;
  gboolean run_expired; /* g_application_run() missed its deadline */
  TrellisWindow *kept;  /* a window a step keeps alive after closing it */
  guint study_notifies; /* notify::study on a window after it was closed */
};

void                 iterate_for (guint ms);
gboolean             iterate_until (gboolean (*done) (gpointer data), gpointer data);
GtkWidget *          find_descendant (GtkWidget *root, GType type, gboolean (*match) (GtkWidget *widget));
gpointer             child (gpointer widget, GType type, const char *name);
void                 save_screenshot (GtkWidget *widget, const char *name);
void                 fixture_set_up (Fixture *fixture, gconstpointer data);
void                 close_all_windows (GtkApplication *app);
void                 fixture_tear_down (Fixture *fixture, gconstpointer data);
char *               temp_path (Fixture *fixture, const char *name);
void                 remove_study (const char *path);
TrellisWindow *      activate_app (Fixture *fixture);
const char *         visible_page (TrellisWindow *window);
TrellisWelcomePage * welcome_page (TrellisWindow *window);
TrellisOverviewPage * overview_page (TrellisWindow *window);
TrellisStudyView *   study_view (TrellisWindow *window);
guint                count_windows_with_study (GtkApplication *app);
void                 wait_until_idle (TrellisWindow *window);
void                 count_notify (GObject *object, GParamSpec *pspec, guint *count);
void                 run_app (Fixture *fixture, AppStep step);
TrellisWindow *      create_study_in (Fixture *fixture, const char *path);
TrellisWindow *      open_study_in (Fixture *fixture, const char *path);
AdwMessageDialog *   find_message_dialog (void);
void                 respond (AdwMessageDialog *dialog, const char *response);
void                 press_enter_in (AdwEntryRow *row);
GtkWindow *          find_toplevel_of_type (GType type);

G_END_DECLS
