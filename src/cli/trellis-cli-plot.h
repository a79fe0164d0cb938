/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "trellis-cli-common.h"

G_BEGIN_DECLS

/* The command itself, in trellis-cli-plot (trellis-cli-plot.c). */
extern const TrellisCliCommand trellis_cli_plot_command;

/* The same command in trellis-cli, which runs trellis-cli-plot for it
 * (trellis-cli-plot-launcher.c). */
extern const TrellisCliCommand trellis_cli_plot_launcher;

G_END_DECLS
