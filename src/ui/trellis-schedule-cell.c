/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-schedule-cell.h"

typedef struct
{
  const char *css_class;
  const char *symbol;
  const char *label;
} Look;

/* The symbols are in DejaVu and Cantarell's fallbacks, and read as their
 * meaning in a monochrome font: an empty ring waits, a full one is open,
 * a warning sign is late, a tick is done, a cross will not happen, a dash
 * no longer applies. */
static const Look looks[] = {
  [TRELLIS_VISIT_NOT_YET_DUE] = { "not-yet-due", "○", N_("Not yet due") },
  [TRELLIS_VISIT_DUE] = { "due", "●", N_("Due") },
  [TRELLIS_VISIT_OVERDUE] = { "overdue", "⚠", N_("Overdue") },
  [TRELLIS_VISIT_COMPLETED] = { "completed", "✓", N_("Completed") },
  [TRELLIS_VISIT_MISSED] = { "missed", "✕", N_("Missed") },
  [TRELLIS_VISIT_NOT_APPLICABLE] = { "not-applicable", "–", N_("Not applicable") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (looks) == TRELLIS_N_VISIT_STATUSES);

const char *
trellis_schedule_cell_css_class (TrellisVisitStatus status)
{
  g_return_val_if_fail ((guint) status < TRELLIS_N_VISIT_STATUSES, NULL);
  return looks[status].css_class;
}

const char *
trellis_schedule_cell_symbol (TrellisVisitStatus status)
{
  g_return_val_if_fail ((guint) status < TRELLIS_N_VISIT_STATUSES, NULL);
  return looks[status].symbol;
}

/* A short word for a cell; trellis_visit_status_describe () is the long one. */
const char *
trellis_schedule_cell_label (TrellisVisitStatus status)
{
  g_return_val_if_fail ((guint) status < TRELLIS_N_VISIT_STATUSES, NULL);
  return _(looks[status].label);
}

/* A Julian day as YYYY-MM-DD, cheaply enough for every cell bound. */
static void
format_day (guint32 julian,
            char    buffer[16])
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  g_snprintf (buffer, 16, "%04d-%02d-%02d", g_date_get_year (&date), g_date_get_month (&date),
              g_date_get_day (&date));
}

static char *
waiting_for (TrellisAnchor anchor)
{
  switch (anchor)
    {
    case TRELLIS_ANCHOR_WORKSHOP:
      return g_strdup (_("needs workshop date"));
    case TRELLIS_ANCHOR_COACHING:
      return g_strdup (_("needs coaching date"));
    case TRELLIS_ANCHOR_BASELINE:
    default:
      return g_strdup (_("needs baseline date"));
    }
}

/* The date that matters for the status, in a few words: when it was done,
 * until when it can be, since when it is late, when it opens. */
char *
trellis_schedule_cell_detail (const TrellisVisitSlot   *slot,
                              const TrellisVisitRecord *record,
                              TrellisAnchor             anchor)
{
  char day[16];

  switch (slot->status)
    {
    case TRELLIS_VISIT_COMPLETED:
      format_day (record->completed, day);
      /* Translators: a completion date outside the timepoint's window. */
      return slot->out_of_window ? g_strdup_printf (_("%s, late or early"), day) : g_strdup (day);
    case TRELLIS_VISIT_DUE:
      format_day (slot->closes, day);
      return g_strdup_printf (_("until %s"), day);
    case TRELLIS_VISIT_OVERDUE:
      format_day (slot->closes, day);
      return g_strdup_printf (_("closed %s"), day);
    case TRELLIS_VISIT_NOT_YET_DUE:
      if (slot->opens == 0)
        return waiting_for (anchor);
      format_day (slot->opens, day);
      return g_strdup_printf (_("opens %s"), day);
    case TRELLIS_VISIT_MISSED:
      if (slot->due == 0)
        return g_strdup ("—");
      format_day (slot->due, day);
      return g_strdup_printf (_("was due %s"), day);
    case TRELLIS_VISIT_NOT_APPLICABLE:
    default:
      return g_strdup (_("withdrawn"));
    }
}

/* The due date and window, "due 2024-03-05 (2024-03-04 to 2024-03-11)",
 * or NULL while the anchor is not recorded. */
char *
trellis_schedule_cell_window (const TrellisVisitSlot *slot)
{
  char due[16], opens[16], closes[16];

  if (slot->due == 0)
    return NULL;
  format_day (slot->due, due);
  format_day (slot->opens, opens);
  format_day (slot->closes, closes);
  if (slot->opens == slot->closes)
    return g_strdup_printf (_("due %s"), due);
  return g_strdup_printf (_("due %s (window %s to %s)"), due, opens, closes);
}

/* Sets @widget's classes to @base_class and the status's tint, replacing
 * the last status's, in one change. */
void
trellis_schedule_cell_set_tone (GtkWidget          *widget,
                                const char         *base_class,
                                TrellisVisitStatus  status)
{
  const char *classes[] = { base_class, looks[status].css_class, NULL };

  gtk_widget_set_css_classes (widget, classes);
}

/* One chip per status, tinted and marked as in the cells. */
GtkWidget *
trellis_schedule_cell_new_legend (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  for (guint s = 0; s < TRELLIS_N_VISIT_STATUSES; s++)
    {
      g_autofree char *text = g_strdup_printf ("%s %s", looks[s].symbol, _(looks[s].label));
      GtkWidget *chip = gtk_label_new (text);

      trellis_schedule_cell_set_tone (chip, "schedule-chip", s);
      gtk_widget_set_tooltip_text (chip, trellis_visit_status_describe (s));
      gtk_box_append (GTK_BOX (box), chip);
    }
  return box;
}
