/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-cli-interviews.h"
#include "trellis-csv-writer.h"
#include "trellis-interview-store.h"
#include "trellis-study-measures.h"

/* trellis-cli interviews: where the drawn people's interviews stand. The
 * booked ones as a calendar file are trellis-cli-export-ics.c's. */

/* A table of cells printed with its columns lined up, by characters, so
 * translated headings and names line up too; numeric columns are padded on
 * the left. Each row may have notes (warnings), printed under it. */
typedef struct
{
  guint      n_columns;
  guint64    numeric;     /* bit k: column k holds numbers */
  GPtrArray *rows;        /* GStrv, the heading first */
} Table;

static void
table_add (Table  *table,
           char  **cells)
{
  g_ptr_array_add (table->rows, cells);
}

static void
table_print (const Table *table,
             GPtrArray   *notes)
{
  g_autofree glong *widths = g_new0 (glong, table->n_columns);

  for (guint r = 0; r < table->rows->len; r++)
    for (guint k = 0; k < table->n_columns; k++)
      widths[k] = MAX (widths[k], g_utf8_strlen (((char **) g_ptr_array_index (table->rows, r))[k], -1));
  for (guint r = 0; r < table->rows->len; r++)
    {
      char **cells = g_ptr_array_index (table->rows, r);
      g_autoptr(GString) line = g_string_new (NULL);
      GPtrArray *lines = notes != NULL ? g_ptr_array_index (notes, r) : NULL;

      for (guint k = 0; k < table->n_columns; k++)
        {
          glong pad = widths[k] - g_utf8_strlen (cells[k], -1);
          gboolean right = (table->numeric >> k) & 1;

          if (k > 0)
            g_string_append (line, "  ");
          if (right)
            g_string_append_printf (line, "%*s", (int) pad, "");
          g_string_append (line, cells[k]);
          if (!right && k + 1 < table->n_columns)
            g_string_append_printf (line, "%*s", (int) pad, "");
        }
      g_print ("%s\n", line->str);
      for (guint i = 0; lines != NULL && i < lines->len; i++)
        g_print ("    ! %s\n", (const char *) g_ptr_array_index (lines, i));
    }
}

/* The local start in the interview's own zone: "2025-11-20 10:00 GMT" for
 * a person, ISO 8601 with its offset for a spreadsheet. */
static char *
local_start (const TrellisInterviewRow *row,
             gboolean                   iso)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GTimeZone) zone = NULL;

  if (row->start_utc == 0)
    return g_strdup (iso ? "" : "—");
  utc = g_date_time_new_from_unix_utc (row->start_utc);
  zone = row->time_zone != NULL ? g_time_zone_new_identifier (row->time_zone) : NULL;
  if (zone == NULL)
    zone = g_time_zone_new_utc ();
  local = g_date_time_to_timezone (utc, zone);
  return g_date_time_format (local, iso ? "%Y-%m-%dT%H:%M:%S%:z" : "%Y-%m-%d %H:%M %Z");
}

static const char *
or_blank (const char *text,
          gboolean    csv)
{
  return text != NULL && *text != '\0' ? text : csv ? "" : "—";
}

static char **
row_cells (const TrellisInterviewRow *row,
           gboolean                   csv)
{
  const char *mode = trellis_interview_mode_label (row->mode);
  GStrvBuilder *builder = g_strv_builder_new ();
  g_autofree char *start = local_start (row, csv);
  g_autofree char *minutes = g_strdup_printf ("%u", row->minutes);
  char **cells;

  g_strv_builder_add_many (builder, row->code, or_blank (row->cohort, csv),
                           csv ? trellis_interview_status_to_string (row->status)
                               : trellis_interview_status_to_label (row->status),
                           or_blank (row->interviewer, csv), start, NULL);
  if (csv)
    g_strv_builder_add (builder, or_blank (row->time_zone, TRUE));
  g_strv_builder_add_many (builder, minutes, or_blank (row->start_utc != 0 ? mode : NULL, csv), NULL);
  if (csv)
    {
      g_autoptr(GString) warnings = g_string_new (NULL);

      for (guint i = 0; i < row->warnings->len; i++)
        g_string_append_printf (warnings, "%s%s", i > 0 ? "; " : "", (const char *) g_ptr_array_index (row->warnings, i));
      g_strv_builder_add (builder, warnings->str);
    }
  cells = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return cells;
}

static void
print_list_csv (GPtrArray *rows,
                int        status)
{
  static const char *const header[] = { "code", "cohort", "status", "interviewer", "start", "time_zone",
                                        "minutes", "mode", "warnings" };
  g_autoptr(GString) out = g_string_new (NULL);

  trellis_csv_append_row (out, header, G_N_ELEMENTS (header));
  for (guint i = 0; i < rows->len; i++)
    {
      const TrellisInterviewRow *row = g_ptr_array_index (rows, i);
      g_auto(GStrv) cells = NULL;

      if (status >= 0 && (int) row->status != status)
        continue;
      cells = row_cells (row, TRUE);
      trellis_csv_append_row (out, (const char *const *) cells, G_N_ELEMENTS (header));
    }
  g_print ("%s", out->str);
}

static void
print_list_text (GPtrArray *rows,
                 int        status)
{
  Table table = { 7, 1 << 5, g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev) };
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

  table_add (&table, g_strdupv ((char *[]) { _("Code"), _("Cohort"), _("Status"), _("Interviewer"),
                                             _("Start"), _("Minutes"), _("Mode"), NULL }));
  g_ptr_array_add (notes, g_ptr_array_new ());
  for (guint i = 0; i < rows->len; i++)
    {
      const TrellisInterviewRow *row = g_ptr_array_index (rows, i);

      if (status >= 0 && (int) row->status != status)
        continue;
      table_add (&table, row_cells (row, FALSE));
      g_ptr_array_add (notes, g_ptr_array_ref (row->warnings));
    }
  if (table.rows->len == 1)
    g_print ("%s\n", _("No interviews match."));
  else
    table_print (&table, notes);
  g_ptr_array_unref (table.rows);
}

/* The pipeline's statuses in the order the counts show them. */
static const TrellisInterviewStatus pipeline[] = {
  TRELLIS_INTERVIEW_INVITED, TRELLIS_INTERVIEW_SCHEDULED, TRELLIS_INTERVIEW_DONE,
  TRELLIS_INTERVIEW_TRANSCRIBED, TRELLIS_INTERVIEW_ANONYMISED, TRELLIS_INTERVIEW_CODED,
  TRELLIS_INTERVIEW_DECLINED, TRELLIS_INTERVIEW_DID_NOT_ATTEND,
};

G_STATIC_ASSERT (G_N_ELEMENTS (pipeline) == TRELLIS_N_INTERVIEW_STATUSES);

static char **
count_cells (const char  *cohort,
             const guint *counts)
{
  char **cells = g_new0 (char *, TRELLIS_N_INTERVIEW_STATUSES + 2);

  cells[0] = g_strdup (cohort);
  for (guint k = 0; k < G_N_ELEMENTS (pipeline); k++)
    cells[k + 1] = g_strdup_printf ("%u", counts[pipeline[k]]);
  return cells;
}

/* One row per cohort and one for all of them ("all" in CSV). */
static void
print_counts (GPtrArray *rows,
              gboolean   csv)
{
  g_autoptr(GPtrArray) cohorts = trellis_interview_rows_count (rows);
  Table table = { TRELLIS_N_INTERVIEW_STATUSES + 1, 0x1fe, g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev) };
  guint total[TRELLIS_N_INTERVIEW_STATUSES] = { 0 };
  char **header = g_new0 (char *, TRELLIS_N_INTERVIEW_STATUSES + 2);

  header[0] = g_strdup (csv ? "cohort" : _("Cohort"));
  for (guint k = 0; k < G_N_ELEMENTS (pipeline); k++)
    header[k + 1] = g_strdup (csv ? trellis_interview_status_to_string (pipeline[k])
                                  : trellis_interview_status_to_label (pipeline[k]));
  table_add (&table, header);
  for (guint c = 0; c < cohorts->len; c++)
    {
      const TrellisInterviewCohortCounts *counts = g_ptr_array_index (cohorts, c);

      table_add (&table, count_cells (counts->cohort, counts->counts));
      for (guint s = 0; s < TRELLIS_N_INTERVIEW_STATUSES; s++)
        total[s] += counts->counts[s];
    }
  table_add (&table, count_cells (csv ? "all" : _("All cohorts"), total));
  if (csv)
    {
      g_autoptr(GString) out = g_string_new (NULL);

      for (guint r = 0; r < table.rows->len; r++)
        trellis_csv_append_row (out, g_ptr_array_index (table.rows, r), table.n_columns);
      g_print ("%s", out->str);
    }
  else
    table_print (&table, NULL);
  g_ptr_array_unref (table.rows);
}

/* Options of interviews, as typed. */
typedef struct
{
  char     *status;
  char     *interviewer;
  char     *draw;
  char     *format;
  gboolean  counts;
} ListText;

static gboolean
parse_list_options (const TrellisCliCommand *command,
                    const ListText          *text,
                    TrellisInterviewFilter  *filter,
                    gboolean                *csv)
{
  TrellisInterviewStatus status;
  g_autoptr(GError) error = NULL;
  guint64 draw = 0;

  if (text->format != NULL && !g_str_equal (text->format, "text") && !g_str_equal (text->format, "csv"))
    return trellis_cli_usage_error (command->name, _("--format takes “text” or “csv”, not “%s”"), text->format),
           FALSE;
  if (text->status != NULL && !trellis_interview_status_from_string (text->status, &status, &error))
    return trellis_cli_usage_error (command->name, "%s", error->message), FALSE;
  if (text->draw != NULL && !g_ascii_string_to_unsigned (text->draw, 10, 1, G_MAXINT64, &draw, NULL))
    return trellis_cli_usage_error (command->name, _("“%s” is not a draw id (a whole number; see “trellis-cli draws”)"),
                                    text->draw), FALSE;
  *csv = text->format != NULL && g_str_equal (text->format, "csv");
  /* The status only narrows the list: the counts show the whole pipeline. */
  filter->status = text->status != NULL ? (int) status : -1;
  filter->interviewer = text->interviewer;
  filter->draw_id = (gint64) draw;
  filter->today = trellis_study_today ();
  filter->now = g_get_real_time () / G_USEC_PER_SEC;
  return TRUE;
}

static int
list_interviews (const char                   *path,
                 const TrellisInterviewFilter *filter,
                 gboolean                      csv,
                 gboolean                      counts_only)
{
  TrellisInterviewFilter all_statuses = *filter;
  g_autoptr(TrellisDatabase) database = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  int exit_status;

  if ((database = trellis_cli_open_database (path, &exit_status)) == NULL)
    return exit_status;
  all_statuses.status = -1;
  if ((rows = trellis_interview_store_list (database, &all_statuses, &error)) == NULL)
    return trellis_cli_report_error (error, TRELLIS_CLI_EXIT_PROBLEM);
  if (counts_only)
    print_counts (rows, csv);
  else if (csv)
    print_list_csv (rows, filter->status);
  else
    {
      print_list_text (rows, filter->status);
      g_print ("\n%s\n", _("Pipeline, by cohort:"));
      print_counts (rows, FALSE);
    }
  return TRELLIS_CLI_EXIT_OK;
}

static int
run_interviews (const TrellisCliCommand  *command,
                int                       argc,
                char                    **argv)
{
  static const char *const arguments[] = { N_("FILE"), NULL };
  ListText text = { 0 };
  const GOptionEntry entries[] = {
    { "status", 's', 0, G_OPTION_ARG_STRING, &text.status,
      N_("Only interviews with this status (invited, scheduled, done, …)"), N_("STATUS") },
    { "interviewer", 'i', 0, G_OPTION_ARG_STRING, &text.interviewer, N_("Only this interviewer’s"), N_("NAME") },
    { "draw", 'd', 0, G_OPTION_ARG_STRING, &text.draw, N_("Only the picks of this draw"), N_("ID") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &text.format,
      N_("“text” for aligned tables (the default) or “csv”"), N_("FORMAT") },
    { "counts", 0, 0, G_OPTION_ARG_NONE, &text.counts, N_("Print only the counts per cohort"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  TrellisInterviewFilter filter = { 0 };
  gboolean csv = FALSE;
  int status = TRELLIS_CLI_EXIT_USAGE;

  context = trellis_cli_option_context_new (command, N_("FILE"),
                                            _("Lists the interviews of the drawn participants: code, cohort, status,\n"
                                              "interviewer, local start in the zone it was booked in, minutes and\n"
                                              "mode, with the conflicts each has now (“!” lines). Then the pipeline\n"
                                              "counts per cohort. --interviewer and --draw narrow both; --status\n"
                                              "narrows only the list. In CSV the list comes alone, and --counts\n"
                                              "prints only the counts. The study is only read."),
                                            entries);
  if (trellis_cli_parse (command, context, &argc, &argv, arguments) &&
      parse_list_options (command, &text, &filter, &csv))
    status = list_interviews (argv[1], &filter, csv, text.counts);
  g_free (text.status);
  g_free (text.interviewer);
  g_free (text.draw);
  g_free (text.format);
  return status;
}

const TrellisCliCommand trellis_cli_interviews_command = {
  "interviews",
  N_("List the interviews and count them per cohort and status"),
  run_interviews,
};
