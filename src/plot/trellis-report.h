/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "trellis-before-after-plot.h"
#include "trellis-score-table.h"

G_BEGIN_DECLS

/* The analysis report: an A4 PDF with a title page, then for each instrument
 * its before-and-after plot, its tables and its results paragraph. Laid out
 * here from plain data that the caller formats (numbers are text by now), so
 * the plot layer needs neither the study file nor the statistics. */

/* A table of text. Cells are row by row. Unless @align says otherwise (one
 * letter per column, 'l' or 'r'), the first column is left-aligned (labels)
 * and the others right-aligned (numbers). */
typedef struct
{
  const char        *title;
  guint              n_columns;
  const char *const *headers;   /* n_columns */
  guint              n_rows;
  const char *const *cells;     /* n_rows × n_columns; NULL cells are empty */
  const char        *note;      /* under the table, or NULL */
  const char        *align;     /* e.g. "lrlr", or NULL */
} TrellisReportTable;

/* The width of an A4 page's text, in points: figures are drawn at it. */
#define TRELLIS_REPORT_TEXT_WIDTH (595.276 - 2 * 56.693)

/* Draws a figure into 0,0–width,height (the participant-flow diagram). */
typedef void (*TrellisReportFigureFunc) (cairo_t  *cr,
                                         double    width,
                                         double    height,
                                         gpointer  user_data);

typedef struct
{
  const char                   *heading;       /* the instrument's name */
  const TrellisBeforeAfterPlot *plot;          /* NULL for none */
  const TrellisScoreTable      *trajectories;  /* drawn behind the plot's means, or NULL */
  guint                         n_tables;
  const TrellisReportTable     *tables;
  const char                   *sentence;      /* the results paragraph, or NULL */
  const char                   *message;       /* why there is no model, or NULL */
} TrellisReportSection;

typedef struct
{
  const char                 *title;           /* the study's */
  const char                 *subtitle;        /* "Analysis report" */
  const char                 *date;            /* as the reader should see it */
  TrellisReportFigureFunc     figure;          /* on the title page, or NULL */
  gpointer                    figure_data;
  double                      figure_height;   /* in points, at the page's text width */
  guint                       n_title_tables;  /* on the title page, after the figure */
  const TrellisReportTable   *title_tables;
  guint                       n_sections;
  const TrellisReportSection *sections;
} TrellisReport;

void     trellis_report_init_style (TrellisPlotStyle     *style);
gboolean trellis_report_write_pdf (const TrellisReport  *report,
                                   const char           *path,
                                   guint                *n_pages,
                                   GError              **error);

G_END_DECLS
