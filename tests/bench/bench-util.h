/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What the benchmarks share: timing child processes, reading their memory,
 * and printing figures in one format that build-aux/bench collects.
 *
 * How a first frame is timed, the same way for every program measured (the
 * bare GTK window now, Trellis on a large study later):
 *  - The parent reads CLOCK_MONOTONIC (g_get_monotonic_time) immediately
 *    before it spawns the child, and passes that reading to the child in the
 *    environment variable BENCH_SPAWN_ENV.
 *  - The child connects to the "after-paint" signal of its toplevel's
 *    GdkFrameClock. At the first one, it reads CLOCK_MONOTONIC again and its
 *    VmRSS from /proc/self/status, prints one line
 *        BENCH first_frame_ms=<ms since spawn> first_frame_us=<monotonic µs> rss_kb=<kB>
 *    (bench_report_first_frame does all this) and quits.
 * CLOCK_MONOTONIC is one clock for the whole system, so the two readings
 * compare directly; the figure covers exec, dynamic linking, library
 * constructors, GTK's start-up and the first paint, at microsecond
 * resolution, and needs nothing from the child but that one call, which
 * Trellis can make behind an environment variable. Run on its own, without
 * BENCH_SPAWN_ENV, the child falls back to its start time in /proc/self/stat,
 * which has only clock-tick (usually 10 ms) resolution. */
#define BENCH_SPAWN_ENV "TRELLIS_BENCH_SPAWN_US"

typedef struct
{
  double first_frame_ms;   /* from spawn to the first drawn frame */
  gint64 rss_kb;           /* VmRSS at the first frame */
  double exit_ms;          /* from spawn to the child's exit */
  double switch_ms;        /* from a switch of page to its first frame with
                            * what it reads, or -1: see BENCH_SWITCH_ENV */
  double switch_paint_ms;  /* from that switch to the first frame at all */
} BenchFrameResult;

/* Trellis only: with this set to a page, the child does not quit at its
 * first frame but switches to that page once the first has settled, and
 * prints a second line
 *     BENCH switch_ms=<ms> switch_paint_ms=<ms>
 * timed from the switch (see src/ui/trellis-first-frame-hook.c). */
#define BENCH_SWITCH_ENV "TRELLIS_BENCH_SWITCH_TO"

gint64   bench_read_vmrss_kb      (void);
double   bench_ms_since_start     (void);
void     bench_report_first_frame (void);

double   bench_time_command       (const char *const  *argv,
                                   GError            **error);
gboolean bench_run_first_frame    (const char *const  *argv,
                                   BenchFrameResult   *result,
                                   GError            **error);
double   bench_median             (double             *values,
                                   guint               n_values);

void     bench_print_figure       (const char         *name,
                                   double              value,
                                   const char         *unit);
void     bench_print_target       (const char         *name,
                                   double              value,
                                   const char         *unit,
                                   double              target);
void     bench_print_ratio        (const char         *name,
                                   double              value,
                                   double              reference,
                                   double              target);

G_END_DECLS
