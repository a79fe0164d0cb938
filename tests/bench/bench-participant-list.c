/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <gtk/gtk.h>
#include <stdlib.h>

#include "bench-util.h"
#include "trellis-participant-list.h"
#include "trellis-study.h"

/* How quickly the Participants page's list loads, refilters for one keystroke
 * and sorts by a column, on the demo studies build-aux/bench makes (read only,
 * from TRELLIS_BENCH_DATA or --data), at every size. The page refilters on
 * every keystroke, so one more letter should take under 8 ms at 100,000
 * participants, and a sort under 50 ms. The reference is GTK's own way of
 * doing it over the same rows: a GtkFilterListModel with a GtkStringFilter,
 * and a GtkSortListModel with a GtkStringSorter, over a GListStore holding
 * one object per participant. Each figure is the worst of its steps, each
 * step the median of a few runs. Nothing here needs a display. */

#define RUNS 5

/* Typing a code and taking it back, then a cohort and a status. */
static const char *const filter_steps[][2] = {
  { "", "p" }, { "p", "p0" }, { "p0", "p00" }, { "p00", "p001" }, { "p001", "p0012" },
  { "p0012", "p001" }, { "p001", "p00" }, { "p00", "" }, { "", "m" }, { "m", "mi" },
  { "mi", "mid" }, { "", "active" }, { "midwives activ", "midwives active" },
};

static const char *const sort_names[] = { "code", "cohort", "status", "baseline date", "consent" };

typedef void (*StepFunc) (gpointer model, const char *from, const char *to);

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1e3;
}

/* The worst, over the filter steps, of the median of RUNS runs of each. */
static double
time_filter_steps (gpointer model,
                   StepFunc step)
{
  double worst = 0;

  for (guint i = 0; i < G_N_ELEMENTS (filter_steps); i++)
    {
      double times[RUNS];

      for (guint r = 0; r < RUNS; r++)
        {
          gint64 start;

          step (model, NULL, filter_steps[i][0]);
          start = g_get_monotonic_time ();
          step (model, filter_steps[i][0], filter_steps[i][1]);
          times[r] = ms_since (start);
        }
      worst = MAX (worst, bench_median (times, RUNS));
    }
  step (model, NULL, "");
  return worst;
}

static void
list_filter_step (gpointer    model,
                  const char *from,
                  const char *to)
{
  trellis_participant_list_set_filter (model, to);
}

static void
gtk_filter_step (gpointer    model,
                 const char *from,
                 const char *to)
{
  gtk_string_filter_set_search (model, to);
}

/* The worst, over the columns other than the code, of the median of RUNS
 * sorts from code order to that column. */
static double
time_list_sorts (TrellisParticipantList *list)
{
  double worst = 0;

  for (guint column = TRELLIS_PARTICIPANT_COLUMN_COHORT; column < G_N_ELEMENTS (sort_names); column++)
    for (guint descending = 0; descending < 2; descending++)
      {
        double times[RUNS];

        for (guint r = 0; r < RUNS; r++)
          {
            gint64 start;

            trellis_participant_list_set_sort (list, TRELLIS_PARTICIPANT_COLUMN_CODE, FALSE);
            start = g_get_monotonic_time ();
            trellis_participant_list_set_sort (list, column, descending);
            times[r] = ms_since (start);
          }
        worst = MAX (worst, bench_median (times, RUNS));
      }
  trellis_participant_list_set_sort (list, TRELLIS_PARTICIPANT_COLUMN_CODE, FALSE);
  return worst;
}

/* GTK's sort of the same rows by cohort: the median of RUNS sorts from
 * nothing to a GtkStringSorter on the row's "cohort" property. */
static double
time_gtk_sort (GListModel *rows)
{
  g_autoptr(GtkSortListModel) sorted = gtk_sort_list_model_new (g_object_ref (rows), NULL);
  double times[RUNS];

  for (guint r = 0; r < RUNS; r++)
    {
      GtkExpression *cohort = gtk_property_expression_new (TRELLIS_TYPE_PARTICIPANT_ROW, NULL, "cohort");
      gint64 start;

      gtk_sort_list_model_set_sorter (sorted, NULL);
      start = g_get_monotonic_time ();
      gtk_sort_list_model_set_sorter (sorted, GTK_SORTER (gtk_string_sorter_new (cohort)));
      times[r] = ms_since (start);
    }
  return bench_median (times, RUNS);
}

/* Every row of the list as an object of its own in a GListStore, added at
 * once, as a page built on GTK's models would hold them. */
static GListModel *
rows_in_store (TrellisParticipantList *list)
{
  GListStore *store = g_list_store_new (TRELLIS_TYPE_PARTICIPANT_ROW);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_autoptr(GPtrArray) rows = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (rows, g_list_model_get_item (G_LIST_MODEL (list), i));
  g_list_store_splice (store, 0, 0, rows->pdata, rows->len);
  return G_LIST_MODEL (store);
}

static void
report_gtk (TrellisParticipantList *list,
            guint                   size,
            double                  filter_ms,
            double                  sort_ms)
{
  g_autoptr(GListModel) rows = rows_in_store (list);
  GtkExpression *code = gtk_property_expression_new (TRELLIS_TYPE_PARTICIPANT_ROW, NULL, "code");
  g_autoptr(GtkStringFilter) filter = gtk_string_filter_new (code);
  g_autoptr(GtkFilterListModel) filtered = NULL;
  g_autofree char *name = NULL;
  double gtk_filter_ms, gtk_sort_ms;

  filtered = gtk_filter_list_model_new (g_object_ref (rows), g_object_ref (GTK_FILTER (filter)));
  gtk_filter_ms = time_filter_steps (filter, gtk_filter_step);
  gtk_sort_ms = time_gtk_sort (rows);

  name = g_strdup_printf ("GtkStringFilter, one keystroke, %u participants", size);
  bench_print_figure (name, gtk_filter_ms, "ms");
  g_free (name);
  name = g_strdup_printf ("refilter vs GtkStringFilter, %u participants", size);
  bench_print_ratio (name, filter_ms, gtk_filter_ms, 0);
  g_free (name);
  name = g_strdup_printf ("GtkSortListModel by cohort, %u participants", size);
  bench_print_figure (name, gtk_sort_ms, "ms");
  g_free (name);
  name = g_strdup_printf ("sort vs GtkSortListModel, %u participants", size);
  bench_print_ratio (name, sort_ms, gtk_sort_ms, 0);
}

static double
time_load (TrellisParticipantList *list)
{
  double times[RUNS];

  for (guint r = 0; r < RUNS; r++)
    {
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();

      if (!trellis_participant_list_reload (list, &error))
        g_error ("bench-participant-list: %s", error->message);
      times[r] = ms_since (start);
    }
  return bench_median (times, RUNS);
}

static gboolean
run_size (const char *data_dir,
          guint       size)
{
  g_autofree char *base = g_strdup_printf ("demo-%u.trellis", size);
  g_autofree char *path = g_build_filename (data_dir, base, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisStudy) study = NULL;
  g_autoptr(TrellisParticipantList) list = NULL;
  g_autofree char *name = NULL;
  double load_ms, filter_ms, sort_ms;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_print ("skipped: %s is missing (build-aux/bench makes it)\n", path);
      return FALSE;
    }
  study = trellis_study_open (path, TRELLIS_OPEN_FLAGS_READ_ONLY, &error);
  if (study == NULL)
    g_error ("bench-participant-list: %s", error->message);
  list = trellis_participant_list_new (trellis_study_get_database (study));
  load_ms = time_load (list);
  filter_ms = time_filter_steps (list, list_filter_step);
  sort_ms = time_list_sorts (list);

  name = g_strdup_printf ("participants list: load, %u participants", size);
  bench_print_figure (name, load_ms, "ms");
  g_free (name);
  name = g_strdup_printf ("participants list: one keystroke, %u participants", size);
  bench_print_target (name, filter_ms, "ms", 8);
  g_free (name);
  name = g_strdup_printf ("participants list: sort by a column, %u participants", size);
  bench_print_target (name, sort_ms, "ms", 50);
  report_gtk (list, size, filter_ms, sort_ms);
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  const char *data_dir = g_getenv ("TRELLIS_BENCH_DATA");
  static const guint sizes[] = { 1000, 10000, 100000 };
  gboolean any = FALSE;

  if (argc > 1)
    data_dir = argv[1];
  if (data_dir == NULL)
    data_dir = ".";
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    any |= run_size (data_dir, sizes[i]);
  return any ? EXIT_SUCCESS : 77;
}
