/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "trellis-audit.h"
#include "trellis-cli-info.h"
#include "trellis-register-summary.h"
#include "trellis-study-store.h"
#include "trellis-timepoint-store.h"

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

/* Everything info prints from inside the study, read in one go. */
typedef struct
{
  char *title;
  char *created;
  GPtrArray *timepoints;
  gint64 audit_count;
  char *audit_head;
  TrellisRegisterSummary *register_summary;
} StudyFacts;

static void
study_facts_clear (StudyFacts *facts)
{
  g_clear_pointer (&facts->title, g_free);
  g_clear_pointer (&facts->created, g_free);
  g_clear_pointer (&facts->timepoints, g_ptr_array_unref);
  g_clear_pointer (&facts->audit_head, g_free);
  g_clear_pointer (&facts->register_summary, trellis_register_summary_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (StudyFacts, study_facts_clear)

/* One read transaction, so that what info prints is one state of the study
 * even while Trellis writes to it: the audit count always goes with the
 * head hash printed beside it. */
static gboolean
read_facts (TrellisDatabase  *database,
            StudyFacts       *facts,
            GError          **error)
{
  gboolean complete;

  if (!trellis_database_begin_read (database, error))
    return FALSE;

  complete = (facts->title = trellis_study_store_get_title (database, error)) != NULL &&
             (facts->created = trellis_study_store_get_created (database, error)) != NULL &&
             (facts->timepoints = trellis_timepoint_store_load (database, error)) != NULL &&
             (facts->audit_count = trellis_audit_count (database, error)) >= 0 &&
             (facts->audit_head = trellis_audit_head_hash (database, error)) != NULL &&
             (facts->register_summary = trellis_register_summary_read (database, error)) != NULL;
  trellis_database_end_read (database);
  return complete;
}

static void
print_summary (TrellisDatabase  *database,
               const StudyFacts *facts)
{
  g_autofree char *name = g_filename_display_name (trellis_database_get_path (database));
  g_autofree char *format = g_strdup_printf ("%d", trellis_database_get_schema_version (database));

  print_field (N_("Title:"), facts->title);
  print_field (N_("File:"), name);
  print_field (N_("Created:"), facts->created);
  print_field (N_("File format:"), format);
  print_field (N_("Read-only:"), read_only_text (trellis_database_get_read_only_reason (database)));
}

static void
measure_plan (GPtrArray *timepoints,
              glong     *code_width,
              glong     *label_width)
{
  *code_width = *label_width = 0;

  for (guint i = 0; i < timepoints->len; i++)
    {
      TrellisTimepoint *timepoint = g_ptr_array_index (timepoints, i);

      *code_width = MAX (*code_width, g_utf8_strlen (trellis_timepoint_get_code (timepoint), -1));
      *label_width = MAX (*label_width, g_utf8_strlen (trellis_timepoint_get_label (timepoint), -1));
    }
}

/* Days count from the baseline unless the timepoint follows one of the
 * participant's intervention events, which the line then names. */
static void
print_timing (TrellisTimepoint *timepoint)
{
  int day = trellis_timepoint_get_target_day (timepoint);
  int lo = trellis_timepoint_get_window_min (timepoint);
  int hi = trellis_timepoint_get_window_max (timepoint);

  switch (trellis_timepoint_get_anchor (timepoint))
    {
    case TRELLIS_ANCHOR_WORKSHOP:
      g_print (_("day %d after the workshop, window days %d to %d\n"), day, lo, hi);
      break;
    case TRELLIS_ANCHOR_COACHING:
      g_print (_("day %d after the coaching call, window days %d to %d\n"), day, lo, hi);
      break;
    case TRELLIS_ANCHOR_BASELINE:
    default:
      g_print (_("day %d, window days %d to %d\n"), day, lo, hi);
      break;
    }
}

/* One line per timepoint, in plan order, as columns a person can scan. */
static void
print_plan (GPtrArray *timepoints)
{
  g_autofree char *count = g_strdup_printf ("%u", timepoints->len);
  glong code_width, label_width;

  measure_plan (timepoints, &code_width, &label_width);
  print_field (N_("Timepoints:"), count);

  for (guint i = 0; i < timepoints->len; i++)
    {
      TrellisTimepoint *timepoint = g_ptr_array_index (timepoints, i);

      g_print ("  ");
      print_padded (trellis_timepoint_get_code (timepoint), code_width + 2);
      print_padded (trellis_timepoint_get_label (timepoint), label_width + 2);
      print_timing (timepoint);
    }
}

static void
print_audit (const StudyFacts *facts)
{
  g_autofree char *count_text = g_strdup_printf ("%" G_GINT64_FORMAT, facts->audit_count);

  print_field (N_("Audit rows:"), count_text);
  print_field (N_("Audit head:"), facts->audit_head);
}

/* The register block's rows: a label, then its count right-aligned in a
 * column shared by the whole block, so the numbers can be compared at a glance. */
typedef struct
{
  glong label_width;
  int count_width;
} RegisterColumns;

static void
print_count (const RegisterColumns *columns,
             const char            *label,
             gint64                 count)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, count);

  g_print ("    ");
  print_padded (label, columns->label_width + 2);
  g_print ("%*s\n", columns->count_width, text);
}

static void
print_heading (const char *heading,
               gint64      total)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, total);

  g_print ("  %s %s\n", heading, text);
}

static char *
cohort_label (const TrellisRegisterCohort *cohort)
{
  /* TRANSLATORS: a cohort's name in info's register counts, when archived */
  return cohort->archived ? g_strdup_printf (_("%s (archived)"), cohort->name) : g_strdup (cohort->name);
}

static RegisterColumns
measure_register (const TrellisRegisterSummary *summary)
{
  g_autofree char *largest = g_strdup_printf ("%" G_GINT64_FORMAT, summary->n_participants);
  RegisterColumns columns = { 0, (int) strlen (largest) };

  for (guint i = 0; i < summary->cohorts->len; i++)
    {
      g_autofree char *label = cohort_label (&g_array_index (summary->cohorts, TrellisRegisterCohort, i));

      columns.label_width = MAX (columns.label_width, g_utf8_strlen (label, -1));
    }
  for (guint i = 0; i < G_N_ELEMENTS (summary->by_status); i++)
    columns.label_width = MAX (columns.label_width, g_utf8_strlen (trellis_participant_status_to_label (i), -1));
  for (guint i = 0; i < G_N_ELEMENTS (summary->by_consent); i++)
    columns.label_width = MAX (columns.label_width, g_utf8_strlen (trellis_consent_state_to_label (i), -1));
  for (guint i = 0; i < G_N_ELEMENTS (summary->by_withdrawal); i++)
    columns.label_width = MAX (columns.label_width, g_utf8_strlen (trellis_withdrawal_type_to_label (i), -1));
  return columns;
}

/* Counts only, never a code or an identifier, so the output can be shared. */
static void
print_register (const TrellisRegisterSummary *summary)
{
  RegisterColumns columns = measure_register (summary);
  gint64 n_withdrawals = 0;

  g_print ("%s\n", _("Register:"));
  print_heading (_("Cohorts:"), summary->cohorts->len);
  for (guint i = 0; i < summary->cohorts->len; i++)
    {
      const TrellisRegisterCohort *cohort = &g_array_index (summary->cohorts, TrellisRegisterCohort, i);
      g_autofree char *label = cohort_label (cohort);

      print_count (&columns, label, cohort->n_participants);
    }
  print_heading (_("Participants by status:"), summary->n_participants);
  for (guint i = 0; i < G_N_ELEMENTS (summary->by_status); i++)
    print_count (&columns, trellis_participant_status_to_label (i), summary->by_status[i]);
  print_heading (_("Participants by consent:"), summary->n_participants);
  for (guint i = 0; i < G_N_ELEMENTS (summary->by_consent); i++)
    print_count (&columns, trellis_consent_state_to_label (i), summary->by_consent[i]);
  for (guint i = 0; i < G_N_ELEMENTS (summary->by_withdrawal); i++)
    n_withdrawals += summary->by_withdrawal[i];
  print_heading (_("Withdrawals:"), n_withdrawals);
  for (guint i = 0; i < G_N_ELEMENTS (summary->by_withdrawal); i++)
    print_count (&columns, trellis_withdrawal_type_to_label (i), summary->by_withdrawal[i]);
}

static int
run_info (const TrellisCliCommand  *command,
          int                       argc,
          char                    **argv)
{
  static const char *const arguments[] = { N_("FILE"), NULL };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(TrellisDatabase) database = NULL;
  g_auto(StudyFacts) facts = { 0 };
  g_autoptr(GError) error = NULL;
  int status;

  context = trellis_cli_option_context_new (command, N_("FILE"),
                                            _("Prints the study’s title, file format, timepoint plan, the size\n"
                                              "and head hash of its audit trail, and the register in numbers:\n"
                                              "cohorts with their sizes, participants by status and by consent,\n"
                                              "and withdrawals by kind. It only reads the study,\n"
                                              "so it works while the study is open in Trellis. A study in an\n"
                                              "older file format is refused: upgrade it first with\n"
                                              "“trellis-cli upgrade FILE”."),
                                            NULL);
  if (!trellis_cli_parse (command, context, &argc, &argv, arguments))
    return TRELLIS_CLI_EXIT_USAGE;

  database = trellis_cli_open_database (argv[1], &status);
  if (database == NULL)
    return status;
  if (!read_facts (database, &facts, &error))
    return trellis_cli_report_error (error, TRELLIS_CLI_EXIT_IO);

  print_summary (database, &facts);
  print_plan (facts.timepoints);
  print_audit (&facts);
  print_register (facts.register_summary);
  return TRELLIS_CLI_EXIT_OK;
}

const TrellisCliCommand trellis_cli_info_command = {
  "info",
  N_("Show a study’s title, format, timepoint plan and audit trail"),
  run_info,
};
