/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-audit.h"
#include "trellis-cli-info.h"

/* Every label info prints, so the values can line up after the longest one in
 * whatever language the labels are in. */
static const char *const labels[] = {
  N_("Title:"), N_("File:"), N_("Created:"), N_("File format:"), N_("Read-only:"),
  N_("Timepoints:"), N_("Audit rows:"), N_("Audit head:"),
};

static glong
label_width (void)
{
  glong width = 0;

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    width = MAX (width, g_utf8_strlen (_(labels[i]), -1));
  return width;
}

/* Pads by characters, not bytes, so translated labels line up too. */
static void
print_padded (const char *text,
              glong       width)
{
  glong pad = MAX (0, width - g_utf8_strlen (text, -1));

  g_print ("%s%*s", text, (int) pad, "");
}

static void
print_field (const char *label,
             const char *value)
{
  print_padded (_(label), label_width ());
  g_print (" %s\n", value);
}

/* Whether the study can be changed, not how info opened it: info always reads
 * without claiming the study, which says nothing about the file. */
static const char *
read_only_text (TrellisReadOnlyReason reason)
{
  switch (reason)
    {
    case TRELLIS_READ_ONLY_REASON_FILE:
      return _("yes: the file is read-only");
    case TRELLIS_READ_ONLY_REASON_FOLDER:
      return _("yes: its folder is read-only");
    case TRELLIS_READ_ONLY_REASON_NONE:
    case TRELLIS_READ_ONLY_REASON_REQUESTED:
      break;
    }
  return _("no");
}

static void
print_summary (TrellisStudy *study)
{
  TrellisDatabase *database = trellis_study_get_database (study);
  g_autofree char *name = g_filename_display_name (trellis_study_get_path (study));
  g_autofree char *format = g_strdup_printf ("%d", trellis_database_get_schema_version (database));

  print_field (N_("Title:"), trellis_study_get_title (study));
  print_field (N_("File:"), name);
  print_field (N_("Created:"), trellis_study_get_created (study));
  print_field (N_("File format:"), format);
  print_field (N_("Read-only:"), read_only_text (trellis_study_get_read_only_reason (study)));
}

static void
measure_plan (GListModel *timepoints,
              glong      *code_width,
              glong      *label_width)
{
  *code_width = *label_width = 0;

  for (guint i = 0; i < g_list_model_get_n_items (timepoints); i++)
    {
      g_autoptr(TrellisTimepoint) timepoint = g_list_model_get_item (timepoints, i);

      *code_width = MAX (*code_width, g_utf8_strlen (trellis_timepoint_get_code (timepoint), -1));
      *label_width = MAX (*label_width, g_utf8_strlen (trellis_timepoint_get_label (timepoint), -1));
    }
}

/* One line per timepoint, in plan order, as columns a person can scan. */
static void
print_plan (GListModel *timepoints)
{
  guint n_timepoints = g_list_model_get_n_items (timepoints);
  g_autofree char *count = g_strdup_printf ("%u", n_timepoints);
  glong code_width, label_width;

  measure_plan (timepoints, &code_width, &label_width);
  print_field (N_("Timepoints:"), count);

  for (guint i = 0; i < n_timepoints; i++)
    {
      g_autoptr(TrellisTimepoint) timepoint = g_list_model_get_item (timepoints, i);

      g_print ("  ");
      print_padded (trellis_timepoint_get_code (timepoint), code_width + 2);
      print_padded (trellis_timepoint_get_label (timepoint), label_width + 2);
      g_print (_("day %d, window days %d to %d\n"),
               trellis_timepoint_get_target_day (timepoint),
               trellis_timepoint_get_window_min (timepoint),
               trellis_timepoint_get_window_max (timepoint));
    }
}

static int
print_audit (TrellisDatabase *database)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *count_text = NULL;
  g_autofree char *head = NULL;
  gint64 count;

  count = trellis_audit_count (database, &error);
  if (count < 0)
    return trellis_cli_report_error (error, TRELLIS_CLI_EXIT_IO);
  head = trellis_audit_head_hash (database, &error);
  if (head == NULL)
    return trellis_cli_report_error (error, TRELLIS_CLI_EXIT_IO);

  count_text = g_strdup_printf ("%" G_GINT64_FORMAT, count);
  print_field (N_("Audit rows:"), count_text);
  print_field (N_("Audit head:"), head);
  return TRELLIS_CLI_EXIT_OK;
}

static int
run_info (const TrellisCliCommand  *command,
          int                       argc,
          char                    **argv)
{
  static const char *const arguments[] = { N_("FILE"), NULL };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(TrellisStudy) study = NULL;
  int status;

  context = trellis_cli_option_context_new (command, N_("FILE"),
                                            _("Prints the study’s title, file format, timepoint plan and the\n"
                                              "size and head hash of its audit trail. It only reads the study,\n"
                                              "so it works while the study is open in Trellis. A study in an\n"
                                              "older file format is refused: upgrade it first with\n"
                                              "“trellis-cli upgrade FILE”."),
                                            NULL);
  if (!trellis_cli_parse (command, context, &argc, &argv, arguments))
    return TRELLIS_CLI_EXIT_USAGE;

  study = trellis_cli_open_study (argv[1], &status);
  if (study == NULL)
    return status;

  print_summary (study);
  print_plan (trellis_study_get_timepoints (study));
  return print_audit (trellis_study_get_database (study));
}

const TrellisCliCommand trellis_cli_info_command = {
  "info",
  N_("Show a study’s title, format, timepoint plan and audit trail"),
  run_info,
};
