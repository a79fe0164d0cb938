/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "trellis-cli-common.h"

G_BEGIN_DECLS

/* The command itself, in trellis-cli-calendar (trellis-cli-export-ics.c). */
extern const TrellisCliCommand trellis_cli_export_ics_command;

/* The same command in trellis-cli, which runs trellis-cli-calendar for it
 * (trellis-cli-launcher.c). */
extern const TrellisCliCommand trellis_cli_export_ics_launcher;

G_END_DECLS
