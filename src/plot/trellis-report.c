/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <string.h>

#include "trellis-plot-draw.h"
#include "trellis-plot-file.h"
#include "trellis-plot-style.h"
#include "trellis-plot-text.h"
#include "trellis-report.h"

/* A4 in points, with 20 mm margins. Text sizes are in points too. */
#define PAGE_WIDTH     595.276
#define PAGE_HEIGHT    841.890
#define MARGIN         56.693
#define CONTENT_WIDTH  TRELLIS_REPORT_TEXT_WIDTH
#define CONTENT_BOTTOM (PAGE_HEIGHT - MARGIN)

#define TITLE_SIZE     26.0
#define HEADING_SIZE   16.0
#define TABLE_TITLE_SIZE 10.5
#define BODY_SIZE      10.0
#define TABLE_SIZE     9.0
#define NOTE_SIZE      8.0
#define PLOT_FONT_SIZE 9.0
#define PLOT_HEIGHT    236.0

#define CELL_PAD       8.0    /* between two columns */
#define ROW_PAD        2.5    /* above and below a row's text */
#define DIM_ALPHA      0.62
#define MIN_FIGURE_SHARE 0.7  /* the least a figure is shrunk to, to stay on its page */

typedef struct
{
  const TrellisReport *report;
  cairo_surface_t     *surface;
  cairo_t             *cr;
  PangoContext        *context;
  TrellisPlotStyle     style;
  double               y;       /* where the next block goes */
  guint                page;    /* pages begun */
} Writer;

static void
set_foreground (Writer *writer,
                double  alpha)
{
  trellis_plot_set_source (writer->cr, writer->style.foreground, alpha);
}

static PangoLayout *
create_text (Writer      *writer,
             const char  *text,
             double       size,
             PangoWeight  weight,
             double       width)
{
  return trellis_plot_text_new_layout (writer->context, &writer->style, size, weight, text, width);
}

static double
text_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_pixel_size (layout, NULL, &height);
  return height;
}

static double
text_width (PangoLayout *layout)
{
  int width;

  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

static void
show_text (Writer      *writer,
           PangoLayout *layout,
           double       x,
           double       y)
{
  trellis_plot_text_show (writer->cr, layout, x, y);
}

/* "Study title · 2": where a loose page belongs. */
static void
draw_footer (Writer *writer)
{
  g_autofree char *text = NULL;
  g_autoptr(PangoLayout) layout = NULL;

  /* Translators: the footer of each page of the report: the study's title and the page number. */
  text = g_strdup_printf (_("%s · page %u"), writer->report->title != NULL ? writer->report->title : "",
                          writer->page);
  layout = create_text (writer, text, NOTE_SIZE, PANGO_WEIGHT_NORMAL, CONTENT_WIDTH);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_MIDDLE);
  set_foreground (writer, DIM_ALPHA);
  show_text (writer, layout, MARGIN, PAGE_HEIGHT - MARGIN / 2 - text_height (layout) / 2);
}

static void
new_page (Writer *writer)
{
  if (writer->page > 0)
    {
      draw_footer (writer);
      cairo_show_page (writer->cr);
    }
  writer->page++;
  writer->y = MARGIN;
}

/* A block that does not fit below what is on the page starts a new one; on
 * an empty page it goes anyway, however tall, rather than loop. */
static void
ensure_room (Writer *writer,
             double  height)
{
  if (writer->y + height > CONTENT_BOTTOM && writer->y > MARGIN)
    new_page (writer);
}

static void
put_paragraph (Writer      *writer,
               const char  *text,
               double       size,
               PangoWeight  weight,
               double       alpha,
               double       space_after)
{
  g_autoptr(PangoLayout) layout = create_text (writer, text, size, weight, CONTENT_WIDTH);

  ensure_room (writer, text_height (layout));
  set_foreground (writer, alpha);
  show_text (writer, layout, MARGIN, writer->y);
  writer->y += text_height (layout) + space_after;
}

/* The widths of a table's columns: each as wide as its widest text, the
 * first (the labels) taking what is left and wrapping when all do not fit. */
static double *
measure_columns (Writer                   *writer,
                 const TrellisReportTable *table)
{
  double *widths = g_new0 (double, table->n_columns);
  double others = 0;

  for (guint c = 0; c < table->n_columns; c++)
    {
      g_autoptr(PangoLayout) header = create_text (writer, table->headers[c], TABLE_SIZE, PANGO_WEIGHT_BOLD, 0);

      widths[c] = text_width (header);
      for (guint r = 0; r < table->n_rows; r++)
        {
          g_autoptr(PangoLayout) cell = create_text (writer, table->cells[r * table->n_columns + c],
                                                     TABLE_SIZE, PANGO_WEIGHT_NORMAL, 0);

          widths[c] = MAX (widths[c], text_width (cell));
        }
      if (c > 0)
        others += widths[c] + CELL_PAD;
    }
  widths[0] = MIN (widths[0], MAX (CONTENT_WIDTH - others, CONTENT_WIDTH * 0.25));
  return widths;
}

/* One row of cells at the cursor; returns its height. With @draw false it
 * only measures. */
static gboolean
is_left (const TrellisReportTable *table,
         guint                     column)
{
  if (table->align != NULL && column < strlen (table->align))
    return table->align[column] == 'l';
  return column == 0;
}

static double
put_row (Writer                   *writer,
         const TrellisReportTable *table,
         const char *const        *texts,
         const double             *widths,
         PangoWeight               weight,
         gboolean                  draw)
{
  guint n_columns = table->n_columns;
  double height = 0, x = MARGIN;
  PangoLayout **cells = g_new0 (PangoLayout *, n_columns);

  for (guint c = 0; c < n_columns; c++)
    {
      cells[c] = create_text (writer, texts[c], TABLE_SIZE, weight, widths[c]);
      pango_layout_set_alignment (cells[c], is_left (table, c) ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT);
      height = MAX (height, text_height (cells[c]));
    }
  for (guint c = 0; c < n_columns; c++)
    {
      if (draw)
        {
          set_foreground (writer, 1.0);
          show_text (writer, cells[c], x, writer->y + ROW_PAD);
        }
      x += widths[c] + CELL_PAD;
      g_object_unref (cells[c]);
    }
  g_free (cells);
  return height + 2 * ROW_PAD;
}

static void
draw_rule (Writer *writer,
           double  right,
           double  width,
           double  alpha)
{
  cairo_set_line_width (writer->cr, width);
  set_foreground (writer, alpha);
  cairo_move_to (writer->cr, MARGIN, writer->y);
  cairo_line_to (writer->cr, right, writer->y);
  cairo_stroke (writer->cr);
}

static double
table_right (const TrellisReportTable *table,
             const double             *widths)
{
  double right = MARGIN;

  for (guint c = 0; c < table->n_columns; c++)
    right += widths[c] + (c > 0 ? CELL_PAD : 0);
  return MIN (right, MARGIN + CONTENT_WIDTH);
}

static void
put_header (Writer                   *writer,
            const TrellisReportTable *table,
            const double             *widths)
{
  double right = table_right (table, widths);

  draw_rule (writer, right, 0.8, 0.8);
  writer->y += put_row (writer, table, table->headers, widths, PANGO_WEIGHT_BOLD, TRUE);
  draw_rule (writer, right, 0.5, 0.6);
}

/* A table breaks between rows where the page ends, its header repeated. */
static void
put_table (Writer                   *writer,
           const TrellisReportTable *table)
{
  g_autofree double *widths = measure_columns (writer, table);
  g_autoptr(PangoLayout) title = create_text (writer, table->title, TABLE_TITLE_SIZE, PANGO_WEIGHT_BOLD, CONTENT_WIDTH);
  double header = put_row (writer, table, table->headers, widths, PANGO_WEIGHT_BOLD, FALSE);
  double first = table->n_rows > 0 ? put_row (writer, table, table->cells, widths, PANGO_WEIGHT_NORMAL, FALSE) : 0;
  double right = table_right (table, widths);

  ensure_room (writer, text_height (title) + 3 + header + first);
  set_foreground (writer, 1.0);
  show_text (writer, title, MARGIN, writer->y);
  writer->y += text_height (title) + 3;
  put_header (writer, table, widths);

  for (guint r = 0; r < table->n_rows; r++)
    {
      const char *const *row = table->cells + r * table->n_columns;
      double height = put_row (writer, table, row, widths, PANGO_WEIGHT_NORMAL, FALSE);

      if (writer->y + height > CONTENT_BOTTOM)
        {
          new_page (writer);
          put_header (writer, table, widths);
        }
      writer->y += put_row (writer, table, row, widths, PANGO_WEIGHT_NORMAL, TRUE);
    }
  draw_rule (writer, right, 0.8, 0.8);
  writer->y += 3;
  if (table->note != NULL)
    put_paragraph (writer, table->note, NOTE_SIZE, PANGO_WEIGHT_NORMAL, DIM_ALPHA, 0);
  writer->y += 11;
}

/* The section's heading names the instrument, so the plot leaves its title out. */
static void
put_plot (Writer                     *writer,
          const TrellisReportSection *section)
{
  TrellisBeforeAfterPlot plot = *section->plot;

  plot.title = NULL;
  ensure_room (writer, PLOT_HEIGHT);
  cairo_save (writer->cr);
  cairo_translate (writer->cr, MARGIN, writer->y);
  trellis_before_after_plot_draw_with_table (writer->cr, CONTENT_WIDTH, PLOT_HEIGHT, &plot,
                                             section->trajectories, &writer->style);
  cairo_restore (writer->cr);
  writer->y += PLOT_HEIGHT + 12;
}

/* Each instrument begins a page. */
static void
put_section (Writer                     *writer,
             const TrellisReportSection *section)
{
  new_page (writer);
  put_paragraph (writer, section->heading, HEADING_SIZE, PANGO_WEIGHT_BOLD, 1.0, 4);
  if (section->plot != NULL)
    put_plot (writer, section);
  if (section->message != NULL)
    put_paragraph (writer, section->message, BODY_SIZE, PANGO_WEIGHT_NORMAL, 0.8, 12);
  for (guint i = 0; i < section->n_tables; i++)
    put_table (writer, &section->tables[i]);
  if (section->sentence != NULL)
    {
      put_paragraph (writer, _("Results"), TABLE_TITLE_SIZE, PANGO_WEIGHT_BOLD, 1.0, 4);
      put_paragraph (writer, section->sentence, BODY_SIZE, PANGO_WEIGHT_NORMAL, 1.0, 12);
    }
}

/* The figure takes the rest of the title page when it wants more (it is
 * drawn smaller then), unless that would shrink it below legibility: then
 * it gets a page of its own. */
static void
put_figure (Writer *writer)
{
  const TrellisReport *report = writer->report;
  double height = report->figure_height;

  if (height > CONTENT_BOTTOM - writer->y && CONTENT_BOTTOM - writer->y >= height * MIN_FIGURE_SHARE)
    height = CONTENT_BOTTOM - writer->y;
  ensure_room (writer, height);
  height = MIN (height, CONTENT_BOTTOM - writer->y);
  cairo_save (writer->cr);
  cairo_translate (writer->cr, MARGIN, writer->y);
  report->figure (writer->cr, CONTENT_WIDTH, height, report->figure_data);
  cairo_restore (writer->cr);
  writer->y += height + 18;
}

static void
put_title_page (Writer *writer)
{
  const TrellisReport *report = writer->report;

  new_page (writer);
  writer->y = MARGIN + 40;
  put_paragraph (writer, report->title, TITLE_SIZE, PANGO_WEIGHT_BOLD, 1.0, 8);
  if (report->subtitle != NULL)
    put_paragraph (writer, report->subtitle, 15, PANGO_WEIGHT_NORMAL, 0.8, 4);
  if (report->date != NULL)
    put_paragraph (writer, report->date, BODY_SIZE, PANGO_WEIGHT_NORMAL, DIM_ALPHA, 0);
  writer->y += 36;

  if (report->figure != NULL && report->figure_height > 0)
    put_figure (writer);
  for (guint i = 0; i < report->n_title_tables; i++)
    put_table (writer, &report->title_tables[i]);
}

/* Print is light: the light style, at sizes in points, on the page's own
 * white. Figures drawn into the report use it too. */
void
trellis_report_init_style (TrellisPlotStyle *style)
{
  g_return_if_fail (style != NULL);

  trellis_plot_style_init_light (style);
  style->background[3] = 0;
  style->font_size = PLOT_FONT_SIZE;
}

/**
 * trellis_report_write_pdf:
 * @n_pages: (out) (optional): how many pages were written
 *
 * Writes the report to @path as an A4 PDF, replacing any file there.
 */
gboolean
trellis_report_write_pdf (const TrellisReport  *report,
                          const char           *path,
                          guint                *n_pages,
                          GError              **error)
{
  Writer writer = { report };
  cairo_status_t status;

  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  trellis_report_init_style (&writer.style);
  writer.surface = cairo_pdf_surface_create (path, PAGE_WIDTH, PAGE_HEIGHT);
  cairo_pdf_surface_set_metadata (writer.surface, CAIRO_PDF_METADATA_CREATOR, "Trellis");
  if (report->title != NULL)
    cairo_pdf_surface_set_metadata (writer.surface, CAIRO_PDF_METADATA_TITLE, report->title);
  writer.cr = cairo_create (writer.surface);
  writer.context = trellis_plot_text_create_context (writer.cr);

  put_title_page (&writer);
  for (guint i = 0; i < report->n_sections; i++)
    put_section (&writer, &report->sections[i]);
  draw_footer (&writer);
  cairo_show_page (writer.cr);

  status = cairo_status (writer.cr);
  g_object_unref (writer.context);
  cairo_destroy (writer.cr);
  cairo_surface_finish (writer.surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (writer.surface);
  cairo_surface_destroy (writer.surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, TRELLIS_PLOT_ERROR, TRELLIS_PLOT_ERROR_WRITE_FAILED,
                   _("“%s”: could not write the report: %s"), display, cairo_status_to_string (status));
      return FALSE;
    }
  if (n_pages != NULL)
    *n_pages = writer.page;
  return TRUE;
}
