/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-audit.h"
#include "trellis-cli-check.h"
#include "trellis-storage-error.h"

/* A damaged file or a broken audit chain is what check is for, so it exits 1
 * (a problem found); any other failure means the check itself could not run. */
static int
report_problem (GError *error)
{
  if (g_error_matches (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_AUDIT) ||
      g_error_matches (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_CORRUPT))
    {
      trellis_cli_report_error (error, TRELLIS_CLI_EXIT_PROBLEM);
      return TRELLIS_CLI_EXIT_PROBLEM;
    }

  return trellis_cli_report_error (error, TRELLIS_CLI_EXIT_IO);
}

/* Every check and the count reported with them read one snapshot of the
 * study, so "(N rows)" are the rows that were verified, even while Trellis
 * writes to it. */
static gboolean
check_in_one_read (TrellisDatabase  *database,
                   gint64           *count,
                   GError          **error)
{
  gboolean fine;

  if (!trellis_database_begin_read (database, error))
    return FALSE;

  fine = trellis_database_check_integrity (database, error) &&
         trellis_audit_verify (database, error) &&
         (*count = trellis_audit_count (database, error)) >= 0;
  trellis_database_end_read (database);
  return fine;
}

static int
check_study (TrellisDatabase *database)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *count_text = NULL;
  gint64 count = -1;

  if (!check_in_one_read (database, &count, &error))
    return report_problem (error);

  count_text = g_strdup_printf ("%" G_GINT64_FORMAT, count);
  g_print (g_dngettext (GETTEXT_PACKAGE,
                        "OK: integrity, foreign keys and audit trail (%s row)\n",
                        "OK: integrity, foreign keys and audit trail (%s rows)\n",
                        (gulong) MIN (count, G_MAXLONG)),
           count_text);
  return TRELLIS_CLI_EXIT_OK;
}

static int
run_check (const TrellisCliCommand  *command,
           int                       argc,
           char                    **argv)
{
  static const char *const arguments[] = { N_("FILE"), NULL };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(TrellisDatabase) database = NULL;
  int status;

  context = trellis_cli_option_context_new (command, N_("FILE"),
                                            _("Runs SQLite’s integrity and foreign-key checks over the whole file\n"
                                              "and verifies the audit trail: its hash chain row by row, and that\n"
                                              "every row of the study equals the value its last audit row\n"
                                              "recorded. The first problem found is printed, naming the table\n"
                                              "and row or the audit row.\n"
                                              "The study is only read, never changed, so it can be checked while\n"
                                              "it is open in Trellis; one in an older file format is refused\n"
                                              "(see “trellis-cli upgrade”)."),
                                            NULL);
  if (!trellis_cli_parse (command, context, &argc, &argv, arguments))
    return TRELLIS_CLI_EXIT_USAGE;

  /* Only the file is opened, not the study in it: loading the study needs
   * its own records, and a study missing one is for check to report. */
  database = trellis_cli_open_database (argv[1], &status);
  if (database == NULL)
    return status;

  return check_study (database);
}

const TrellisCliCommand trellis_cli_check_command = {
  "check",
  N_("Check a study file’s integrity and its audit trail"),
  run_check,
};
