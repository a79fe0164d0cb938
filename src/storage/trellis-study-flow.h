/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "trellis-participant-flow.h"
#include "trellis-study.h"

G_BEGIN_DECLS

/* The participant flow on @today (a Julian day), as
 * trellis_participant_flow_read () counts it, read in a worker on the
 * study's reading connection. @instrument_code chooses whose scores count as
 * analysed; NULL for any instrument's. */
void                    trellis_study_read_flow_async  (TrellisStudy         *self,
                                                        guint32               today,
                                                        const char           *instrument_code,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
TrellisParticipantFlow *trellis_study_read_flow_finish (TrellisStudy         *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);

G_END_DECLS
