/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "trellis-database.h"

G_BEGIN_DECLS

/* The seed study recruited 66 who took part; the demo's register has three
 * more at the end who have not consented yet. */
#define TRELLIS_DEMO_STUDY_DEFAULT_PARTICIPANTS 69
/* trellis-cli demo's seed, for which the demo's figures are checked. */
#define TRELLIS_DEMO_STUDY_DEFAULT_SEED 2025
/* Every date in a demo study is on or before this day. */
#define TRELLIS_DEMO_STUDY_AS_OF "2025-10-31"
#define TRELLIS_DEMO_STUDY_MAX_PARTICIPANTS     1000000

gboolean         trellis_demo_study_fill   (TrellisDatabase  *db,
                                            guint             n_participants,
                                            guint32           seed,
                                            GError          **error);
TrellisDatabase *trellis_demo_study_create (const char       *path,
                                            const char       *title,
                                            guint             n_participants,
                                            guint32           seed,
                                            GError          **error);

G_END_DECLS
