/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "trellis-study.h"

G_BEGIN_DECLS

/* The analysis report of a whole study written to a PDF without the window
 * waiting: every instrument's scores and the participant flow are read on
 * the study's reading connection, then analysed and laid out in a worker
 * (trellis-analysis-report.h). */
void     trellis_analysis_report_export_async  (TrellisStudy         *study,
                                                GFile                *file,
                                                gboolean              by_cohort,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
/* How many pages were written, or 0 with an error. */
guint    trellis_analysis_report_export_finish (TrellisStudy         *study,
                                                GAsyncResult         *result,
                                                GError              **error);

G_END_DECLS
