/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-cli-retention.h"
#include "trellis-csv-writer.h"
#include "trellis-date.h"
#include "trellis-retention.h"
#include "trellis-study-measures.h"

/* The columns of the retention table, in order. The CSV names are stable
 * for scripts; the headings are for people. */
typedef struct
{
  const char *csv_name;
  const char *heading;
} Column;

static const Column columns[] = {
  { "timepoint", N_("Timepoint") },
  { "cohort", N_("Cohort") },
  { "recruited", N_("Recruited") },
  { "completed", N_("Completed") },
  { "due", N_("Due") },
  { "overdue", N_("Overdue") },
  { "missed", N_("Missed") },
  { "withdrawn", N_("Withdrawn") },
  { "not_yet_due", N_("Not yet due") },
};

#define N_COLUMNS G_N_ELEMENTS (columns)
#define N_TEXT_COLUMNS 2
/* The totals row's cohort in CSV files, which are data and stay in English. */
#define CSV_ALL_COHORTS "All cohorts"

/* One row's cells, the two names then the counts. */
static void
row_cells (const TrellisRetention *retention,
           guint                   cohort,
           guint                   timepoint,
           const char             *all_cohorts,
           char                   *cells[N_COLUMNS])
{
  const TrellisRetentionCounts *c = trellis_retention_get (retention, cohort, timepoint);
  const guint counts[] = { c->recruited, c->completed, c->due, c->overdue, c->missed, c->withdrawn,
                           c->not_yet_due };

  G_STATIC_ASSERT (G_N_ELEMENTS (counts) == N_COLUMNS - N_TEXT_COLUMNS);
  cells[0] = g_strdup (retention->timepoint_codes[timepoint]);
  cells[1] = g_strdup (cohort < retention->n_cohorts ? retention->cohort_names[cohort] : all_cohorts);
  for (guint k = 0; k < G_N_ELEMENTS (counts); k++)
    cells[N_TEXT_COLUMNS + k] = g_strdup_printf ("%u", counts[k]);
}

static void
free_cells (char *cells[N_COLUMNS])
{
  for (guint k = 0; k < N_COLUMNS; k++)
    g_free (cells[k]);
}

static void
print_csv (const TrellisRetention *retention)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *header[N_COLUMNS];

  for (guint k = 0; k < N_COLUMNS; k++)
    header[k] = columns[k].csv_name;
  trellis_csv_append_row (out, header, N_COLUMNS);
  for (guint t = 0; t < retention->n_timepoints; t++)
    for (guint c = 0; c <= retention->n_cohorts; c++)
      {
        char *cells[N_COLUMNS];

        row_cells (retention, c, t, CSV_ALL_COHORTS, cells);
        trellis_csv_append_row (out, (const char *const *) cells, N_COLUMNS);
        free_cells (cells);
      }
  g_print ("%s", out->str);
}

/* Names are padded on the right and counts on the left, by characters, so
 * that translated headings and cohort names line up too. */
static void
print_aligned (char *const  *cells,
               const glong  *widths)
{
  g_autoptr(GString) line = g_string_new (NULL);

  for (guint k = 0; k < N_COLUMNS; k++)
    {
      glong pad = MAX (0, widths[k] - g_utf8_strlen (cells[k], -1));

      if (k > 0)
        g_string_append (line, "  ");
      if (k >= N_TEXT_COLUMNS)
        g_string_append_printf (line, "%*s", (int) pad, "");
      g_string_append (line, cells[k]);
      if (k < N_TEXT_COLUMNS && k + 1 < N_COLUMNS)
        g_string_append_printf (line, "%*s", (int) pad, "");
    }
  g_print ("%s\n", line->str);
}

static void
measure (char *const *cells,
         glong       *widths)
{
  for (guint k = 0; k < N_COLUMNS; k++)
    widths[k] = MAX (widths[k], g_utf8_strlen (cells[k], -1));
}

static void
print_text (const TrellisRetention *retention)
{
  guint n_rows = retention->n_timepoints * (retention->n_cohorts + 1);
  g_autofree char **cells = g_new0 (char *, (gsize) MAX (n_rows, 1) * N_COLUMNS);
  char *header[N_COLUMNS];
  glong widths[N_COLUMNS] = { 0 };
  GDate today;
  g_autofree char *day = NULL;

  g_date_clear (&today, 1);
  g_date_set_julian (&today, retention->today);
  day = trellis_date_format (&today);
  for (guint k = 0; k < N_COLUMNS; k++)
    header[k] = (char *) _(columns[k].heading);
  measure (header, widths);
  for (guint r = 0; r < n_rows; r++)
    {
      row_cells (retention, r % (retention->n_cohorts + 1), r / (retention->n_cohorts + 1),
                 _("All cohorts"), &cells[r * N_COLUMNS]);
      measure (&cells[r * N_COLUMNS], widths);
    }

  g_print (_("Retention on %s\n"), day);
  g_print ("\n");
  print_aligned (header, widths);
  for (guint r = 0; r < n_rows; r++)
    {
      if (r > 0 && r % (retention->n_cohorts + 1) == 0)
        g_print ("\n");
      print_aligned (&cells[r * N_COLUMNS], widths);
      free_cells (&cells[r * N_COLUMNS]);
    }
}

static gboolean
parse_options (const char *format,
               const char *today_text,
               gboolean   *csv,
               guint32    *today)
{
  GDate date;

  if (format != NULL && !g_str_equal (format, "text") && !g_str_equal (format, "csv"))
    {
      trellis_cli_usage_error ("retention", _("--format takes “text” or “csv”, not “%s”"), format);
      return FALSE;
    }
  *csv = format != NULL && g_str_equal (format, "csv");
  if (today_text == NULL)
    {
      *today = trellis_study_today ();
      return TRUE;
    }
  g_date_clear (&date, 1);
  if (!trellis_date_parse (today_text, &date, NULL))
    {
      trellis_cli_usage_error ("retention", _("--today takes a date as YYYY-MM-DD, not “%s”"), today_text);
      return FALSE;
    }
  *today = g_date_get_julian (&date);
  return TRUE;
}

static int
print_retention (TrellisDatabase *database,
                 guint32          today,
                 gboolean         csv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisVisitTable) table = trellis_visit_table_read (database, today, &error);
  g_autoptr(TrellisRetention) retention = NULL;

  if (table == NULL)
    return trellis_cli_report_error (error, TRELLIS_CLI_EXIT_PROBLEM);
  retention = trellis_retention_compute (table);
  if (csv)
    print_csv (retention);
  else
    print_text (retention);
  return TRELLIS_CLI_EXIT_OK;
}

static int
run_retention (const TrellisCliCommand  *command,
               int                       argc,
               char                    **argv)
{
  static const char *const arguments[] = { N_("FILE"), NULL };
  g_autofree char *format = NULL;
  g_autofree char *today_text = NULL;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format,
      N_("“text” for an aligned table (the default) or “csv”"), N_("FORMAT") },
    { "today", 't', 0, G_OPTION_ARG_STRING, &today_text,
      N_("Count as on this day instead of today"), N_("YYYY-MM-DD") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(TrellisDatabase) database = NULL;
  gboolean csv;
  guint32 today;
  int status;

  context = trellis_cli_option_context_new (command, N_("FILE"),
                                            _("Prints, for each timepoint and cohort, how many participants were\n"
                                              "recruited and how many of them have completed the timepoint, are\n"
                                              "due (overdue ones included, and counted again under Overdue),\n"
                                              "missed it (marked missed or lost to follow-up), withdrew before\n"
                                              "it, or are not yet due. A last row per timepoint gives the totals\n"
                                              "(“All cohorts” in CSV). The study is only read."),
                                            entries);
  if (!trellis_cli_parse (command, context, &argc, &argv, arguments) ||
      !parse_options (format, today_text, &csv, &today))
    return TRELLIS_CLI_EXIT_USAGE;

  database = trellis_cli_open_database (argv[1], &status);
  if (database == NULL)
    return status;
  return print_retention (database, today, csv);
}

const TrellisCliCommand trellis_cli_retention_command = {
  "retention",
  N_("Count, per timepoint and cohort, who completed, is due, missed or withdrew"),
  run_retention,
};
