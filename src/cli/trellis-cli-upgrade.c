/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-cli-upgrade.h"
#include "trellis-storage-error.h"

/* Upgrading is the one change a command makes to an existing study, so it has
 * a command of its own, and the commands that read a study refuse an older
 * one instead of changing it on the way. */

static int
report_current (TrellisStudy *study)
{
  g_autofree char *name = g_filename_display_name (trellis_study_get_path (study));

  g_print (_("“%s” is already in the current file format (%d); nothing to do\n"),
           name, trellis_database_get_schema_version (trellis_study_get_database (study)));
  return TRELLIS_CLI_EXIT_OK;
}

static int
report_upgraded (TrellisStudy *study)
{
  TrellisDatabase *database = trellis_study_get_database (study);
  const char *backup = trellis_database_get_migration_backup (database);
  g_autofree char *backup_name = NULL;

  /* Someone else upgraded it between our two opens. */
  if (backup == NULL)
    return report_current (study);

  backup_name = g_filename_display_name (backup);
  g_print (_("Upgraded from file format %d to %d; the original is backed up at “%s”\n"),
           trellis_database_get_migrated_from (database),
           trellis_database_get_schema_version (database), backup_name);
  return TRELLIS_CLI_EXIT_OK;
}

static int
upgrade (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisStudy) study = NULL;

  /* Reading first makes no claim, so a study already in the current format
   * is reported as such even while it is open in Trellis. */
  study = trellis_study_open (path, TRELLIS_OPEN_FLAGS_READ_ONLY, &error);
  if (study != NULL)
    return report_current (study);
  if (!g_error_matches (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_MIGRATION))
    return trellis_cli_report_error (error, TRELLIS_CLI_EXIT_CANNOT_OPEN);

  /* Opening for writing takes the backup and upgrades, in one transaction. */
  g_clear_error (&error);
  study = trellis_study_open (path, TRELLIS_OPEN_FLAGS_NONE, &error);
  if (study == NULL)
    return trellis_cli_report_error (error, TRELLIS_CLI_EXIT_CANNOT_OPEN);
  return report_upgraded (study);
}

static int
run_upgrade (const TrellisCliCommand  *command,
             int                       argc,
             char                    **argv)
{
  static const char *const arguments[] = { N_("FILE"), NULL };
  g_autoptr(GOptionContext) context = NULL;

  context = trellis_cli_option_context_new (command, N_("FILE"),
                                            _("Upgrades a study saved in an older file format to the current one.\n"
                                              "A backup copy of the original is written beside it first\n"
                                              "(NAME.vN-backup-YYYYMMDD-HHMMSS.trellis), and the upgrade is one\n"
                                              "transaction: if any step or the integrity check after it fails,\n"
                                              "the file is left as it was. A current study is left untouched."),
                                            NULL);
  if (!trellis_cli_parse (command, context, &argc, &argv, arguments))
    return TRELLIS_CLI_EXIT_USAGE;

  return upgrade (argv[1]);
}

const TrellisCliCommand trellis_cli_upgrade_command = {
  "upgrade",
  N_("Upgrade a study in an older file format, keeping a backup"),
  run_upgrade,
};
