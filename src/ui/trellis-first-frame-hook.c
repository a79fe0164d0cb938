/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "trellis-first-frame-hook.h"

/* The one piece of the benchmarks in the application (tests/bench measures how
 * long opening a large study takes to show its first frame, and the memory it
 * holds then). With TRELLIS_BENCH_FIRST_FRAME=PAGE in the environment, the
 * study view switches to PAGE as soon as a study is shown, and at the first
 * frame drawn after that the process prints one line
 *     BENCH first_frame_ms=<ms> first_frame_us=<monotonic µs> rss_kb=<kB>
 * and quits, in the protocol of tests/bench/bench-util.h: the milliseconds
 * count from the moment in TRELLIS_BENCH_SPAWN_US, set by the parent just
 * before it started the process. Without the variable, nothing happens.
 * The report is a copy of bench_report_first_frame, since the application
 * cannot link the benchmarks' code, which is built after it. */

#define PAGE_ENV "TRELLIS_BENCH_FIRST_FRAME"
#define SPAWN_ENV "TRELLIS_BENCH_SPAWN_US"

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
on_after_paint (GdkFrameClock *clock,
                GtkWidget     *view)
{
  gint64 now = g_get_monotonic_time ();
  const char *spawn = g_getenv (SPAWN_ENV);
  GtkRoot *root = gtk_widget_get_root (view);
  GtkApplication *app = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root)) : NULL;

  g_signal_handlers_disconnect_by_func (clock, on_after_paint, view);
  printf ("BENCH first_frame_ms=%.3f first_frame_us=%" G_GINT64_FORMAT " rss_kb=%" G_GINT64_FORMAT "\n",
          spawn != NULL ? (now - g_ascii_strtoll (spawn, NULL, 10)) / 1e3 : -1.0, now, read_vmrss_kb ());
  fflush (stdout);
  if (app != NULL)
    g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
}

static void
watch_first_frame (GtkWidget *view,
                   gpointer   user_data)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (view);

  g_signal_handlers_disconnect_by_func (view, watch_first_frame, NULL);
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), view);
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
