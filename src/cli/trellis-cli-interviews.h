/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "trellis-cli-common.h"

G_BEGIN_DECLS

extern const TrellisCliCommand trellis_cli_interviews_command;

G_END_DECLS
