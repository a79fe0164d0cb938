/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "trellis-cli-common.h"

G_BEGIN_DECLS

extern const TrellisCliCommand trellis_cli_participant_command;

/* “participant show”, in trellis-cli-participant-card.c. */
int trellis_cli_participant_show (const TrellisCliCommand  *command,
                                  int                       argc,
                                  char                    **argv);

G_END_DECLS
