/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "trellis-cli-common.h"

G_BEGIN_DECLS

extern const TrellisCliCommand trellis_cli_eligible_command;
extern const TrellisCliCommand trellis_cli_select_command;
extern const TrellisCliCommand trellis_cli_verify_draw_command;
extern const TrellisCliCommand trellis_cli_replace_command;
extern const TrellisCliCommand trellis_cli_draws_command;

G_END_DECLS
