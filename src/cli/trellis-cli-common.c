/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-cli-common.h"
#include "trellis-storage-error.h"

/* The table every --help ends with. It is one string so that translators see
 * the codes side by side and can keep the columns aligned. */
char *
trellis_cli_exit_status_help (void)
{
  return g_strdup (_("Exit status:\n"
                     "  0  success\n"
                     "  1  check found a problem in the study, import found problems in\n"
                     "     the file it was given (and imported nothing), or a rule of the\n"
                     "     study refused a change (and nothing was changed)\n"
                     "  2  usage error: bad or missing arguments, or an unknown command\n"
                     "  3  cannot open or create the file: not found, not a study, damaged,\n"
                     "     in an older format (see “trellis-cli upgrade”), saved by a newer\n"
                     "     Trellis, or (when creating) it already exists\n"
                     "  4  the study is locked by another program writing to it; try again later\n"
                     "  5  the study is read-only, and the command needed to write to it\n"
                     "  6  another input/output or write error"));
}

/* Every command's --help shows the same things in the same places: the usage
 * line, the command's summary, its options, what it does, and the exit codes. */
GOptionContext *
trellis_cli_option_context_new (const TrellisCliCommand *command,
                                const char              *parameters,
                                const char              *details,
                                const GOptionEntry      *entries)
{
  GOptionContext *context = g_option_context_new (parameters);
  g_autofree char *exit_help = trellis_cli_exit_status_help ();
  g_autofree char *description = NULL;

  g_return_val_if_fail (command != NULL, NULL);

  description = details != NULL ? g_strconcat (details, "\n\n", exit_help, NULL)
                                 : g_steal_pointer (&exit_help);

  /* The summary and parameters are msgids; GOptionContext translates them with
   * this domain when it prints the help. */
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, command->summary);
  g_option_context_set_description (context, description);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  return context;
}

/* Parses the options, then insists on exactly the positional arguments named
 * in @arguments, so a mistyped command line fails before any file is touched. */
gboolean
trellis_cli_parse (const TrellisCliCommand   *command,
                   GOptionContext            *context,
                   int                       *argc,
                   char                    ***argv,
                   const char *const         *arguments)
{
  g_autoptr(GError) error = NULL;
  guint n_wanted = arguments != NULL ? g_strv_length ((char **) arguments) : 0;
  guint n_given;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      trellis_cli_usage_error (command->name, "%s", error->message);
      return FALSE;
    }

  n_given = *argc > 1 ? (guint) *argc - 1 : 0;
  if (n_given < n_wanted)
    {
      trellis_cli_usage_error (command->name, _("missing argument %s"), _(arguments[n_given]));
      return FALSE;
    }
  if (n_given > n_wanted)
    {
      trellis_cli_usage_error (command->name, _("unexpected argument “%s”"), (*argv)[n_wanted + 1]);
      return FALSE;
    }
  return TRUE;
}

int
trellis_cli_usage_error (const char *command_name,
                         const char *format,
                         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("trellis-cli: %s\n", message);
  if (command_name != NULL)
    g_printerr (_("Run “trellis-cli %s --help” for usage.\n"), command_name);
  else
    g_printerr (_("Run “trellis-cli --help” for usage.\n"));
  return TRELLIS_CLI_EXIT_USAGE;
}

/* Storage codes say what went wrong; the exit status says what a script can do
 * about it. Every code is listed, so a new one fails the build's -Wswitch
 * until someone decides where it belongs. */
static int
exit_status_for (const GError   *error,
                 TrellisCliExit  fallback)
{
  if (error->domain != TRELLIS_STORAGE_ERROR)
    return fallback;

  switch ((TrellisStorageError) error->code)
    {
    case TRELLIS_STORAGE_ERROR_LOCKED:
      return TRELLIS_CLI_EXIT_LOCKED;
    case TRELLIS_STORAGE_ERROR_READ_ONLY:
      return TRELLIS_CLI_EXIT_READ_ONLY;
    case TRELLIS_STORAGE_ERROR_NOT_FOUND:
    case TRELLIS_STORAGE_ERROR_EXISTS:
    case TRELLIS_STORAGE_ERROR_EMPTY:
    case TRELLIS_STORAGE_ERROR_NOT_SQLITE:
    case TRELLIS_STORAGE_ERROR_FOREIGN:
    case TRELLIS_STORAGE_ERROR_TRUNCATED:
    case TRELLIS_STORAGE_ERROR_CORRUPT:
    case TRELLIS_STORAGE_ERROR_NEWER:
    case TRELLIS_STORAGE_ERROR_MIGRATION:
      return TRELLIS_CLI_EXIT_CANNOT_OPEN;
    case TRELLIS_STORAGE_ERROR_FAILED:
    case TRELLIS_STORAGE_ERROR_AUDIT:
    case TRELLIS_STORAGE_ERROR_CONSTRAINT:
    case TRELLIS_STORAGE_ERROR_IO:
      break;
    }
  return fallback;
}

/* Prints the error as the storage layer worded it (it already names the file)
 * and returns the exit status for it; @fallback covers codes that mean
 * different things at different moments, such as an I/O error while opening
 * (cannot open) or while writing (an I/O error). */
int
trellis_cli_report_error (const GError   *error,
                          TrellisCliExit  fallback)
{
  g_return_val_if_fail (error != NULL, fallback);

  g_printerr ("trellis-cli: %s\n", error->message);
  return exit_status_for (error, fallback);
}

/* Reports why a study could not be opened; a study in an older format is
 * told the command that upgrades it. */
static int
report_open_error (const char   *path,
                   const GError *error)
{
  int status = trellis_cli_report_error (error, TRELLIS_CLI_EXIT_CANNOT_OPEN);

  if (g_error_matches (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_MIGRATION))
    {
      /* Quoted for the shell, so the command can be pasted as it is. */
      g_autofree char *quoted = g_shell_quote (path);
      g_autofree char *shown = g_utf8_make_valid (quoted, -1);

      g_printerr (_("To upgrade it, run “trellis-cli upgrade %s”.\n"), shown);
    }
  return status;
}

/* Opens the study for a command that only reads it. A read-only open makes
 * no claim, so it works while the study is open in Trellis, and never
 * upgrades: that is a change to the file, which only “trellis-cli upgrade”
 * makes. A study in an older format is refused, saying how to upgrade it. */
TrellisStudy *
trellis_cli_open_study (const char *path,
                        int        *exit_status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisStudy) study = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (exit_status != NULL, NULL);

  study = trellis_study_open (path, TRELLIS_OPEN_FLAGS_READ_ONLY, &error);
  if (study == NULL)
    {
      *exit_status = report_open_error (path, error);
      return NULL;
    }

  *exit_status = TRELLIS_CLI_EXIT_OK;
  return g_steal_pointer (&study);
}

/* The same, for a command that reads the file itself rather than the study
 * in it (check, info): it loads nothing, so a study missing its own records
 * can still be examined, and the command decides what to read, and when. */
TrellisDatabase *
trellis_cli_open_database (const char *path,
                           int        *exit_status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisDatabase) database = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (exit_status != NULL, NULL);

  database = trellis_database_open (path, TRELLIS_OPEN_FLAGS_READ_ONLY, &error);
  if (database == NULL)
    {
      *exit_status = report_open_error (path, error);
      return NULL;
    }

  *exit_status = TRELLIS_CLI_EXIT_OK;
  return g_steal_pointer (&database);
}

/* Opens the study for a command that changes it (import, an identifiable
 * export): claimed for writing, which fails while another program is
 * writing to it. A study in an older format is refused with the command
 * that upgrades it, as the reading commands do, rather than upgraded on the
 * way. One open does both: a small import takes about as long as opening
 * the study, so it is not opened twice. */
TrellisDatabase *
trellis_cli_open_database_for_writing (const char *path,
                                       int        *exit_status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisDatabase) database = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (exit_status != NULL, NULL);

  database = trellis_database_open (path, TRELLIS_OPEN_FLAGS_NO_UPGRADE, &error);
  if (database == NULL)
    {
      *exit_status = report_open_error (path, error);
      return NULL;
    }

  *exit_status = TRELLIS_CLI_EXIT_OK;
  return g_steal_pointer (&database);
}
