/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "trellis-cli-common.h"
#include "trellis-database.h"

G_BEGIN_DECLS

/* What the register's commands share (trellis-cli-register.c): commands with
 * sub-commands, checked option values, the study's names and codes looked
 * up, refusals reported, and lists printed as aligned columns. */

/* A sub-command is a TrellisCliCommand whose name is the whole command,
 * "cohort list", so that its usage errors and --help name all of it. */
int        trellis_cli_run_group          (const TrellisCliCommand        *group,
                                           const TrellisCliCommand        *subcommands,
                                           guint                           n_subcommands,
                                           int                             argc,
                                           char                          **argv);
gboolean   trellis_cli_check_date         (const TrellisCliCommand        *command,
                                           const char                     *option,
                                           const char                     *text);
char     **trellis_cli_split_list         (const char                     *text);
int        trellis_cli_report_refusal     (const GError                   *error);
gint64     trellis_cli_lookup_cohort      (TrellisDatabase                *database,
                                           const char                     *name,
                                           int                            *exit_status);
gint64     trellis_cli_lookup_participant (TrellisDatabase                *database,
                                           const char                     *code,
                                           int                            *exit_status);
GPtrArray *trellis_cli_table_new          (void);
void       trellis_cli_table_add          (GPtrArray                      *table,
                                           guint                           n_cells,
                                           ...);
void       trellis_cli_table_print        (GPtrArray                      *table);

G_END_DECLS
