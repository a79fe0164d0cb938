/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "trellis-study.h"

G_BEGIN_DECLS

#define TRELLIS_TYPE_ANALYSIS_PAGE (trellis_analysis_page_get_type ())
G_DECLARE_FINAL_TYPE (TrellisAnalysisPage, trellis_analysis_page, TRELLIS, ANALYSIS_PAGE, AdwBin)

void        trellis_analysis_page_set_study      (TrellisAnalysisPage *self,
                                                  TrellisStudy        *study);
/* Whether anything is still being read, computed or rendered. */
gboolean    trellis_analysis_page_get_loading    (TrellisAnalysisPage *self);
/* The results paragraph on show, or NULL. */
const char *trellis_analysis_page_get_sentence   (TrellisAnalysisPage *self);
/* Chooses the instrument by its code; FALSE if the study has none such. */
gboolean    trellis_analysis_page_set_instrument (TrellisAnalysisPage *self,
                                                  const char          *code);
/* Writes the before-and-after plot on show to @file, a PNG (at @dpi), an
 * SVG or a PDF by its extension: what Export Plot… does once it has asked. */
gboolean    trellis_analysis_page_export_plot    (TrellisAnalysisPage *self,
                                                  GFile               *file,
                                                  int                  width,
                                                  int                  height,
                                                  int                  dpi,
                                                  GError             **error);
/* Writes the analysis report of the whole study to @file, a PDF, reading
 * and computing in workers: what Export Report… does once it has asked. */
void        trellis_analysis_page_export_report        (TrellisAnalysisPage  *self,
                                                        GFile                *file,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
guint       trellis_analysis_page_export_report_finish (TrellisAnalysisPage  *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);

G_END_DECLS
