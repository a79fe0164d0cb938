/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "pages/trellis-participants-page.h"
#include "trellis-first-frame-hook.h"

/* The one piece of the benchmarks in the application (tests/bench measures how
 * long opening a large study takes to show its first frame, and the memory it
 * holds then). With TRELLIS_BENCH_FIRST_FRAME=PAGE in the environment, the
 * study view switches to PAGE as soon as a study is shown, and at the first
 * frame drawn after that which shows the page with what it reads (not a
 * placeholder while it reads it) the process prints one line
 *     BENCH first_frame_ms=<ms> first_frame_us=<monotonic µs> rss_kb=<kB>
 * and quits, in the protocol of tests/bench/bench-util.h: the milliseconds
 * count from the moment in TRELLIS_BENCH_SPAWN_US, set by the parent just
 * before it started the process. Without the variable, nothing happens.
 * The report is a copy of bench_report_first_frame, since the application
 * cannot link the benchmarks' code, which is built after it.
 *
 * With TRELLIS_BENCH_SWITCH_TO=OTHER as well, that first line is printed
 * but the process goes on: once PAGE has settled (its rows grown, the main
 * loop idle), it switches to OTHER as the sidebar does, and prints
 *     BENCH switch_ms=<ms> switch_paint_ms=<ms>
 * before it quits: the milliseconds from the switch to the first frame that
 * shows OTHER with what it reads, and to the first frame drawn at all. That
 * is what a person waits for when they move between pages of a study that
 * is already open, without GTK's own start-up in it. */

#define PAGE_ENV "TRELLIS_BENCH_FIRST_FRAME"
#define SWITCH_ENV "TRELLIS_BENCH_SWITCH_TO"
#define SPAWN_ENV "TRELLIS_BENCH_SPAWN_US"

/* How long PAGE is left to settle before the switch: the Participants page
 * gives its list the rest of its rows just after its first frame, and then
 * reads the rest of a large register. Once that time has passed, the switch
 * waits for that read by steps of SETTLE_STEP_MS. */
#define SETTLE_MS 500
#define SETTLE_STEP_MS 20

typedef struct
{
  TrellisStudyView *view;       /* weak */
  GdkFrameClock *clock;
  gint64 switched_us;           /* 0 until the switch */
  gint64 first_paint_us;        /* the first frame after the switch */
} Watch;

static gint64
read_vmrss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "\nVmRSS:");
  return line != NULL ? g_ascii_strtoll (line + strlen ("\nVmRSS:"), NULL, 10) : -1;
}

static void
quit (TrellisStudyView *view)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (view));
  GtkApplication *app = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root)) : NULL;

  if (app != NULL)
    g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
}

static void
report_first_frame (gint64 now)
{
  const char *spawn = g_getenv (SPAWN_ENV);

  printf ("BENCH first_frame_ms=%.3f first_frame_us=%" G_GINT64_FORMAT " rss_kb=%" G_GINT64_FORMAT "\n",
          spawn != NULL ? (now - g_ascii_strtoll (spawn, NULL, 10)) / 1e3 : -1.0, now, read_vmrss_kb ());
  fflush (stdout);
}

static void on_after_paint (GdkFrameClock *clock,
                            Watch         *watch);

static void
watch_free (Watch *watch)
{
  g_signal_handlers_disconnect_by_func (watch->clock, on_after_paint, watch);
  g_object_unref (watch->clock);
  g_free (watch);
}

/* The second wait: a low-priority idle once the timeout has passed, so
 * that nothing the first page queued is still to run. */
static gboolean
switch_page (gpointer user_data)
{
  Watch *watch = user_data;
  const char *other = g_getenv (SWITCH_ENV);

  watch->switched_us = g_get_monotonic_time ();
  /* The sidebar row's own path: show the page, and on a narrow window
   * move to it. */
  if (!gtk_widget_activate_action (GTK_WIDGET (watch->view), "study.show-page", "s", other))
    g_warning ("%s names no page: “%s”", SWITCH_ENV, other);
  g_signal_connect (watch->clock, "after-paint", G_CALLBACK (on_after_paint), watch);
  gtk_widget_queue_draw (GTK_WIDGET (watch->view));
  return G_SOURCE_REMOVE;
}

/* Whether the Participants page, if shown, still reads its register. */
static gboolean
still_reading (TrellisStudyView *view)
{
  return g_strcmp0 (trellis_study_view_get_page (view), "participants") == 0 &&
         !trellis_participants_page_get_complete (TRELLIS_PARTICIPANTS_PAGE (trellis_study_view_ensure_page (view,
                                                                                                         "participants")));
}

static gboolean
settle (gpointer user_data)
{
  Watch *watch = user_data;

  if (still_reading (watch->view))
    {
      g_timeout_add (SETTLE_STEP_MS, settle, watch);
      return G_SOURCE_REMOVE;
    }
  g_idle_add_full (G_PRIORITY_LOW, switch_page, user_data, NULL);
  return G_SOURCE_REMOVE;
}

static void
on_after_paint (GdkFrameClock *clock,
                Watch         *watch)
{
  gint64 now = g_get_monotonic_time ();
  const char *other = g_getenv (SWITCH_ENV);

  if (watch->switched_us != 0 && watch->first_paint_us == 0)
    watch->first_paint_us = now;
  if (trellis_study_view_get_page_loading (watch->view))
    return;
  g_signal_handlers_disconnect_by_func (clock, on_after_paint, watch);
  if (watch->switched_us == 0)
    report_first_frame (now);
  if (watch->switched_us == 0 && other != NULL && other[0] != '\0')
    {
      g_timeout_add (SETTLE_MS, settle, watch);
      return;
    }
  if (watch->switched_us != 0)
    {
      printf ("BENCH switch_ms=%.3f switch_paint_ms=%.3f\n", (now - watch->switched_us) / 1e3,
              (watch->first_paint_us - watch->switched_us) / 1e3);
      fflush (stdout);
    }
  quit (watch->view);
  watch_free (watch);
}

static void
watch_first_frame (GtkWidget *view,
                   gpointer   user_data)
{
  Watch *watch = g_new0 (Watch, 1);

  g_signal_handlers_disconnect_by_func (view, watch_first_frame, NULL);
  watch->view = TRELLIS_STUDY_VIEW (view);
  watch->clock = g_object_ref (gtk_widget_get_frame_clock (view));
  g_signal_connect (watch->clock, "after-paint", G_CALLBACK (on_after_paint), watch);
  gtk_widget_queue_draw (view);
}

/* Called each time a window has shown a study. A study opened while the
 * application started is shown before its window is presented, and so before
 * the view has a frame clock: the first frame is watched for from the view's
 * realization then. */
void
trellis_first_frame_hook_study_shown (TrellisStudyView *view)
{
  const char *page = g_getenv (PAGE_ENV);

  if (page == NULL || page[0] == '\0')
    return;
  if (!trellis_study_view_show_page (view, page))
    g_warning ("%s names no page: “%s”", PAGE_ENV, page);
  if (gtk_widget_get_realized (GTK_WIDGET (view)))
    watch_first_frame (GTK_WIDGET (view), NULL);
  else
    g_signal_connect_after (view, "realize", G_CALLBACK (watch_first_frame), NULL);
}
