/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "trellis-cli-common.h"

G_BEGIN_DECLS

/* The commands themselves, in trellis-cli-plot (trellis-cli-plot.c,
 * trellis-cli-report.c). */
extern const TrellisCliCommand trellis_cli_plot_command;
extern const TrellisCliCommand trellis_cli_report_command;

/* The same commands in trellis-cli, which runs trellis-cli-plot for them
 * (trellis-cli-launcher.c). */
extern const TrellisCliCommand trellis_cli_plot_launcher;
extern const TrellisCliCommand trellis_cli_report_launcher;

G_END_DECLS
