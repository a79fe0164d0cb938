/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-retention-view.h"

/* Retention as a table: a row per cohort and one for all cohorts, a column
 * per timepoint. Each cell shows how many completed that timepoint, over a
 * quieter line that accounts for everyone else (due, missed, withdrawn, not
 * yet due), so that each cell adds up to the number recruited, shown under
 * the cohort's name. The handful of
 * cohorts a study has fits a GtkGrid, rebuilt whenever the counts change. */
struct _TrellisRetentionView
{
  AdwBin parent_instance;

  GtkGrid *grid;
  GtkWidget *empty_label;
};

G_DEFINE_FINAL_TYPE (TrellisRetentionView, trellis_retention_view, ADW_TYPE_BIN)

static GtkWidget *
label_new (const char *text,
           float       xalign,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* Adds part (taken) to text, unless its count is 0. */
static void
append_part (GString *text,
             guint    count,
             char    *part)
{
  g_autofree char *owned = part;

  if (count == 0)
    return;
  if (text->len > 0)
    g_string_append_c (text, '\n');
  g_string_append (text, owned);
}

/* Everyone a cell's number leaves out, by status, a line each. */
static char *
describe_rest (const TrellisRetentionCounts *c)
{
  GString *text = g_string_new (NULL);
  guint due = c->due - c->overdue;

  append_part (text, due, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u due", "%u due", due), due));
  append_part (text, c->overdue,
               g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u overdue", "%u overdue", c->overdue), c->overdue));
  append_part (text, c->missed,
               g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u missed", "%u missed", c->missed), c->missed));
  append_part (text, c->withdrawn,
               g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u withdrawn", "%u withdrawn", c->withdrawn),
                                c->withdrawn));
  append_part (text, c->not_yet_due,
               g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u not yet due", "%u not yet due", c->not_yet_due),
                                c->not_yet_due));
  return g_string_free (text, FALSE);
}

/* A cell: its number over a quieter caption, both aligned to xalign. */
static GtkWidget *
cell_box_new (const char *number,
              const char *caption_text,
              float       xalign,
              gboolean    total)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *caption = label_new (caption_text, xalign, "caption");

  gtk_label_set_justify (GTK_LABEL (caption), xalign > 0.5 ? GTK_JUSTIFY_RIGHT : GTK_JUSTIFY_LEFT);
  gtk_widget_add_css_class (caption, "dim-label");
  gtk_box_append (GTK_BOX (box), label_new (number, xalign, total ? "heading" : "numeric"));
  gtk_box_append (GTK_BOX (box), caption);
  return box;
}

static GtkWidget *
cell_new (const TrellisRetentionCounts *counts,
          gboolean                      total)
{
  g_autofree char *number = g_strdup_printf ("%u", counts->completed);
  g_autofree char *rest = describe_rest (counts);

  return cell_box_new (number, rest, 1.0, total);
}

static void
add_header (TrellisRetentionView   *self,
            const TrellisRetention *retention)
{
  gtk_grid_attach (self->grid, label_new (_("Cohort"), 0.0, "heading"), 0, 0, 1, 1);
  for (guint t = 0; t < retention->n_timepoints; t++)
    {
      GtkWidget *label = label_new (retention->timepoint_codes[t], 1.0, "heading");

      gtk_widget_set_tooltip_text (label, retention->timepoint_labels[t]);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_grid_attach (self->grid, label, 1 + (int) t, 0, 1, 1);
    }
}

/* Row cohort of the table (n_cohorts for the totals) at grid row row. The
 * number recruited goes under the cohort's name rather than in a column of
 * its own, so that four timepoints fit a preferences page. */
static void
add_row (TrellisRetentionView   *self,
         const TrellisRetention *retention,
         guint                   cohort,
         int                    row)
{
  gboolean total = cohort == retention->n_cohorts;
  const char *name = total ? _("All cohorts") : retention->cohort_names[cohort];
  guint recruited = retention->n_timepoints > 0 ? trellis_retention_get (retention, cohort, 0)->recruited : 0;
  g_autofree char *recruited_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u recruited",
                                                                  "%u recruited", recruited), recruited);
  GtkWidget *name_cell = cell_box_new (name, recruited_text, 0.0, total);
  GtkWidget *name_label = gtk_widget_get_first_child (name_cell);

  if (!total)
    gtk_widget_remove_css_class (name_label, "numeric");
  gtk_label_set_wrap (GTK_LABEL (name_label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (name_label), 16);
  gtk_grid_attach (self->grid, name_cell, 0, row, 1, 1);
  for (guint t = 0; t < retention->n_timepoints; t++)
    gtk_grid_attach (self->grid, cell_new (trellis_retention_get (retention, cohort, t), total),
                     1 + (int) t, row, 1, 1);
}

static void
clear_grid (TrellisRetentionView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->grid))) != NULL)
    gtk_grid_remove (self->grid, child);
}

/* Shows retention, or nothing with NULL. The view keeps no reference to it. */
void
trellis_retention_view_set_retention (TrellisRetentionView   *self,
                                      const TrellisRetention *retention)
{
  int row = 1;

  g_return_if_fail (TRELLIS_IS_RETENTION_VIEW (self));

  clear_grid (self);
  gtk_widget_set_visible (self->empty_label, retention != NULL && retention->n_cohorts == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->grid), retention != NULL && retention->n_cohorts > 0);
  if (retention == NULL || retention->n_cohorts == 0)
    return;

  add_header (self, retention);
  for (guint c = 0; c < retention->n_cohorts; c++)
    add_row (self, retention, c, row++);
  gtk_grid_attach (self->grid, gtk_separator_new (GTK_ORIENTATION_HORIZONTAL), 0, row++,
                   1 + (int) retention->n_timepoints, 1);
  add_row (self, retention, retention->n_cohorts, row);
}

static GtkLabel *
cell_label (TrellisRetentionView *self,
            int                   column,
            int                   row,
            gboolean              caption)
{
  GtkWidget *cell = gtk_grid_get_child_at (self->grid, column, row);

  if (GTK_IS_BOX (cell))
    cell = caption ? gtk_widget_get_last_child (cell) : gtk_widget_get_first_child (cell);
  return GTK_IS_LABEL (cell) ? GTK_LABEL (cell) : NULL;
}

/* The main text of a cell (the cohort's name; for a timepoint, the number
 * completed), for tests; NULL where there is no cell. */
const char *
trellis_retention_view_get_cell_text (TrellisRetentionView *self,
                                      int                   column,
                                      int                   row)
{
  GtkLabel *label;

  g_return_val_if_fail (TRELLIS_IS_RETENTION_VIEW (self), NULL);

  label = cell_label (self, column, row, FALSE);
  return label != NULL ? gtk_label_get_text (label) : NULL;
}

/* The quieter line beneath: how many were recruited, or everyone else. */
const char *
trellis_retention_view_get_cell_caption (TrellisRetentionView *self,
                                         int                   column,
                                         int                   row)
{
  GtkLabel *label;

  g_return_val_if_fail (TRELLIS_IS_RETENTION_VIEW (self), NULL);

  label = cell_label (self, column, row, TRUE);
  return label != NULL ? gtk_label_get_text (label) : NULL;
}

static void
trellis_retention_view_class_init (TrellisRetentionViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/trellis/Trellis/trellis-retention-view.ui");
  gtk_widget_class_bind_template_child (widget_class, TrellisRetentionView, grid);
  gtk_widget_class_bind_template_child (widget_class, TrellisRetentionView, empty_label);
}

static void
trellis_retention_view_init (TrellisRetentionView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
