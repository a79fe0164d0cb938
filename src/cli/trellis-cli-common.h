/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "trellis-study.h"

G_BEGIN_DECLS

/* The exit status is the CLI's contract with scripts, so every code is named
 * here once and documented in every command's --help. */
typedef enum
{
  TRELLIS_CLI_EXIT_OK          = 0,
  TRELLIS_CLI_EXIT_PROBLEM     = 1,
  TRELLIS_CLI_EXIT_USAGE       = 2,
  TRELLIS_CLI_EXIT_CANNOT_OPEN = 3,
  TRELLIS_CLI_EXIT_LOCKED      = 4,
  TRELLIS_CLI_EXIT_READ_ONLY   = 5,
  TRELLIS_CLI_EXIT_IO          = 6,
} TrellisCliExit;

typedef struct _TrellisCliCommand TrellisCliCommand;

/* One sub-command: its name on the command line, a one-line summary (marked
 * with N_() and translated where shown), and the function that runs it with
 * argv[0] set to the command's name. */
struct _TrellisCliCommand
{
  const char *name;
  const char *summary;
  int       (*run) (const TrellisCliCommand *command,
                    int                      argc,
                    char                   **argv);
};

char            *trellis_cli_exit_status_help   (void);
GOptionContext  *trellis_cli_option_context_new (const TrellisCliCommand  *command,
                                                 const char               *parameters,
                                                 const char               *details,
                                                 const GOptionEntry       *entries);
gboolean         trellis_cli_parse              (const TrellisCliCommand  *command,
                                                 GOptionContext           *context,
                                                 int                      *argc,
                                                 char                   ***argv,
                                                 const char *const        *arguments);
int              trellis_cli_usage_error        (const char               *command_name,
                                                 const char               *format,
                                                 ...) G_GNUC_PRINTF (2, 3);
int              trellis_cli_report_error       (const GError             *error,
                                                 TrellisCliExit            fallback);
TrellisStudy    *trellis_cli_open_study         (const char               *path,
                                                 int                      *exit_status);
TrellisDatabase *trellis_cli_open_database      (const char               *path,
                                                 int                      *exit_status);
TrellisDatabase *trellis_cli_open_database_for_writing (const char         *path,
                                                        int                *exit_status);

G_END_DECLS
