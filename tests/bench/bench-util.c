/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bench-util.h"

/* Benchmark output is for developers reading a log, so none of it is
 * translated. */

gint64
bench_read_vmrss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "\nVmRSS:");
  return line != NULL ? g_ascii_strtoll (line + strlen ("\nVmRSS:"), NULL, 10) : -1;
}

/* The fallback for a child run by hand: its start time from /proc/self/stat
 * (field 22, in clock ticks since boot) against CLOCK_BOOTTIME, the clock
 * that start time is counted on. */
static double
ms_since_proc_start (void)
{
  g_autofree char *stat = NULL;
  const char *fields;
  guint64 start_ticks;
  struct timespec now;

  if (!g_file_get_contents ("/proc/self/stat", &stat, NULL, NULL) ||
      (fields = strrchr (stat, ')')) == NULL ||
      clock_gettime (CLOCK_BOOTTIME, &now) != 0)
    return -1;

  /* Fields after the command name start at field 3, the state. */
  fields += 2;
  for (int field = 3; field < 22 && fields != NULL; field++)
    if ((fields = strchr (fields, ' ')) != NULL)
      fields++;
  if (fields == NULL)
    return -1;
  start_ticks = g_ascii_strtoull (fields, NULL, 10);
  return (now.tv_sec * 1e3 + now.tv_nsec / 1e6) - start_ticks * 1e3 / sysconf (_SC_CLK_TCK);
}

/* From the parent's spawn (see bench-util.h), or from the process's start
 * time when run by hand. */
double
bench_ms_since_start (void)
{
  const char *spawn = g_getenv (BENCH_SPAWN_ENV);

  if (spawn == NULL)
    return ms_since_proc_start ();
  return (g_get_monotonic_time () - g_ascii_strtoll (spawn, NULL, 10)) / 1e3;
}

/* Called by the child at its first drawn frame. */
void
bench_report_first_frame (void)
{
  gint64 now = g_get_monotonic_time ();
  double since_start = bench_ms_since_start ();

  printf ("BENCH first_frame_ms=%.3f first_frame_us=%" G_GINT64_FORMAT " rss_kb=%" G_GINT64_FORMAT "\n",
          since_start, now, bench_read_vmrss_kb ());
  fflush (stdout);
}

static gboolean
spawn_and_wait (const char *const  *argv,
                char              **envp,
                char              **out,
                GError            **error)
{
  g_autofree char *err = NULL;
  int wait_status;

  if (!g_spawn_sync (NULL, (char **) argv, envp,
                     G_SPAWN_SEARCH_PATH | (out != NULL ? 0 : G_SPAWN_STDOUT_TO_DEV_NULL),
                     NULL, NULL, out, &err, &wait_status, error))
    return FALSE;
  if (!g_spawn_check_wait_status (wait_status, error))
    {
      g_prefix_error (error, "%s failed (%s): ", argv[0], err != NULL ? g_strstrip (err) : "");
      return FALSE;
    }
  return TRUE;
}

/* The wall time of one run of argv, from spawn to exit, in ms; -1 on failure. */
double
bench_time_command (const char *const  *argv,
                    GError            **error)
{
  gint64 start = g_get_monotonic_time ();

  if (!spawn_and_wait (argv, NULL, NULL, error))
    return -1;
  return (g_get_monotonic_time () - start) / 1e3;
}

/* The second line a child prints when BENCH_SWITCH_ENV asks it to switch
 * pages; without that variable there is none, and both figures are -1. */
static gboolean
parse_switch_line (const char        *out,
                   BenchFrameResult  *result,
                   GError           **error)
{
  const char *line = strstr (out, "BENCH switch_ms=");
  const char *paint = line != NULL ? strstr (line, "switch_paint_ms=") : NULL;

  result->switch_ms = -1;
  result->switch_paint_ms = -1;
  if (g_getenv (BENCH_SWITCH_ENV) == NULL)
    return TRUE;
  if (paint == NULL)
    {
      g_set_error (error, G_SPAWN_ERROR, G_SPAWN_ERROR_FAILED,
                   "the child printed no “BENCH switch_ms=… switch_paint_ms=…” line");
      return FALSE;
    }
  result->switch_ms = g_ascii_strtod (line + strlen ("BENCH switch_ms="), NULL);
  result->switch_paint_ms = g_ascii_strtod (paint + strlen ("switch_paint_ms="), NULL);
  return TRUE;
}

static gboolean
parse_frame_line (const char        *out,
                  gint64             spawn_us,
                  BenchFrameResult  *result,
                  GError           **error)
{
  const char *line = strstr (out, "BENCH ");
  const char *frame = line != NULL ? strstr (line, "first_frame_us=") : NULL;
  const char *rss = line != NULL ? strstr (line, "rss_kb=") : NULL;

  if (frame == NULL || rss == NULL)
    {
      g_set_error (error, G_SPAWN_ERROR, G_SPAWN_ERROR_FAILED,
                   "the child printed no “BENCH first_frame_us=… rss_kb=…” line");
      return FALSE;
    }
  result->first_frame_ms = (g_ascii_strtoll (frame + strlen ("first_frame_us="), NULL, 10) - spawn_us) / 1e3;
  result->rss_kb = g_ascii_strtoll (rss + strlen ("rss_kb="), NULL, 10);
  return parse_switch_line (out, result, error);
}

/* Runs a child that calls bench_report_first_frame and then exits. */
gboolean
bench_run_first_frame (const char *const  *argv,
                       BenchFrameResult   *result,
                       GError            **error)
{
  g_auto(GStrv) envp = g_get_environ ();
  g_autofree char *out = NULL;
  g_autofree char *spawn_text = NULL;
  gint64 spawn_us;

  spawn_us = g_get_monotonic_time ();
  spawn_text = g_strdup_printf ("%" G_GINT64_FORMAT, spawn_us);
  envp = g_environ_setenv (envp, BENCH_SPAWN_ENV, spawn_text, TRUE);
  if (!spawn_and_wait (argv, envp, &out, error))
    return FALSE;
  result->exit_ms = (g_get_monotonic_time () - spawn_us) / 1e3;
  return parse_frame_line (out, spawn_us, result, error);
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Sorts values in place. */
double
bench_median (double *values,
              guint   n_values)
{
  g_return_val_if_fail (n_values > 0, 0);

  qsort (values, n_values, sizeof (double), compare_doubles);
  return n_values % 2 ? values[n_values / 2] : (values[n_values / 2 - 1] + values[n_values / 2]) / 2;
}

/* One figure a line, "figure:" first, so build-aux/bench can collect them. */
void
bench_print_figure (const char *name,
                    double      value,
                    const char *unit)
{
  printf ("figure: %-56s %12.1f %s\n", name, value, unit);
  fflush (stdout);
}

/* A figure with a target of its own, in the same unit. */
void
bench_print_target (const char *name,
                    double      value,
                    const char *unit,
                    double      target)
{
  printf ("figure: %-56s %12.1f %s (target ≤ %.0f %s: %s)\n", name, value, unit, target, unit,
          value <= target ? "met" : "MISSED");
  fflush (stdout);
}

/* A figure against a reference measured in the same run, and the target for
 * their ratio (0 where there is none). */
void
bench_print_ratio (const char *name,
                   double      value,
                   double      reference,
                   double      target)
{
  double ratio = reference > 0 ? value / reference : 0;

  if (target > 0)
    printf ("ratio:  %-56s %12.2f× (target ≤ %.2f×: %s)\n", name, ratio, target,
            ratio <= target ? "met" : "MISSED");
  else
    printf ("ratio:  %-56s %12.2f×\n", name, ratio);
  fflush (stdout);
}
