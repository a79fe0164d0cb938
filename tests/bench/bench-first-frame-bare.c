/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <gtk/gtk.h>

#include "bench-util.h"

/* The reference for Trellis's own first frame: a minimal GTK 4 window, plain
 * GTK with no libadwaita and no application object, holding one label. It
 * reports its first drawn frame the way bench-util.h describes (time since
 * spawn and VmRSS at the first "after-paint" of its frame clock), then quits.
 * Both programs are started the same way by bench-register, in the same
 * run and environment, so their ratio means something on any machine. */

static gboolean done;

static void
on_after_paint (GdkFrameClock *clock,
                gpointer       user_data)
{
  if (done)
    return;
  bench_report_first_frame ();
  done = TRUE;
  g_main_context_wakeup (NULL);
}

/* The frame clock belongs to the window's surface, which exists once the
 * window is realized. */
static void
on_realize (GtkWidget *window,
            gpointer   user_data)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_after_paint), NULL);
}

int
main (int    argc,
      char **argv)
{
  GtkWidget *window;

  gtk_init ();
  window = gtk_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), "Bare GTK window");
  gtk_window_set_default_size (GTK_WINDOW (window), 1024, 700);
  gtk_window_set_child (GTK_WINDOW (window), gtk_label_new ("A minimal GTK 4 window"));
  g_signal_connect_after (window, "realize", G_CALLBACK (on_realize), NULL);
  gtk_window_present (GTK_WINDOW (window));

  while (!done)
    g_main_context_iteration (NULL, TRUE);

  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
