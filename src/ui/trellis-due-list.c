/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "trellis-due-list.h"
#include "trellis-schedule-row.h"

/* What needs chasing, in the order a coordinator works through it: every
 * overdue timepoint, the one whose window closed longest ago first, then
 * every timepoint whose window is open or opens within the week, the one
 * that closes soonest first. Like the grid's model it is an array of
 * (participant, timepoint) indices into a TrellisVisitTable, with a row
 * object made only for an entry on screen, and one items-changed per change. */

/* An entry is one number, so that sorting 200,000 of them is a sort of
 * integers: from the top bit down, 0 for overdue (they come first), the day
 * the window closes, the row (code order) and the timepoint (plan order). */
#define TIMEPOINT_BITS 8
#define ROW_BITS 32
#define CLOSES_BITS 23

typedef guint64 Entry;

static inline Entry
entry_new (gboolean overdue,
           guint32  closes,
           guint32  row,
           guint    timepoint)
{
  return ((guint64) !overdue << 63) | ((guint64) (closes & ((1u << CLOSES_BITS) - 1)) << (ROW_BITS + TIMEPOINT_BITS)) |
         ((guint64) row << TIMEPOINT_BITS) | timepoint;
}

static inline gboolean
entry_overdue (Entry entry)
{
  return (entry >> 63) == 0;
}

static inline guint32
entry_row (Entry entry)
{
  return (guint32) (entry >> TIMEPOINT_BITS);
}

static inline guint
entry_timepoint (Entry entry)
{
  return entry & ((1u << TIMEPOINT_BITS) - 1);
}

struct _TrellisDueList
{
  GObject parent_instance;

  TrellisVisitTable *table;
  GArray *entries;        /* Entry, every one of the table, sorted */
  guint32 *visible;       /* indices into entries that pass the cohort filter */
  guint n_visible;
  guint n_overdue;        /* of the visible */
  gint64 cohort_id;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TrellisDueList, trellis_due_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  Entry x = *(const Entry *) a, y = *(const Entry *) b;

  return x < y ? -1 : x > y;
}

/* The entries are collected in row and timepoint order, which is also the
 * order of their low bits, so sorting them needs only their days: a
 * counting sort by (overdue first, day the window closes), which keeps
 * entries of the same day in the order they came, puts them in the order a
 * full sort would, in two passes over the entries and none of comparisons.
 * Days span a few hundred values in a study, against 200,000 entries at
 * 100,000 participants; a wider span than the entries are many falls back
 * to a full sort. */
static gboolean
sort_by_day (GArray *entries)
{
  guint n = entries->len;
  Entry *data = (Entry *) entries->data;
  guint32 first = G_MAXUINT32, last = 0, span;
  g_autofree guint32 *starts = NULL;
  g_autofree Entry *sorted = NULL;

  for (guint i = 0; i < n; i++)
    {
      guint32 closes = (data[i] >> (ROW_BITS + TIMEPOINT_BITS)) & ((1u << CLOSES_BITS) - 1);

      first = MIN (first, closes);
      last = MAX (last, closes);
    }
  span = last - first + 1;
  if ((guint64) span * 2 > (guint64) n * 4 + 1024)
    return FALSE;
  starts = g_new0 (guint32, 2 * span + 1);
  /* Overdue entries, whose top bit is 0, take the first span of buckets. */
#define BUCKET(e) ((guint32) ((e) >> 63) * span + \
                   ((((e) >> (ROW_BITS + TIMEPOINT_BITS)) & ((1u << CLOSES_BITS) - 1)) - first))
  for (guint i = 0; i < n; i++)
    starts[BUCKET (data[i]) + 1]++;
  for (guint b = 1; b <= 2 * span; b++)
    starts[b] += starts[b - 1];
  sorted = g_new (Entry, n);
  for (guint i = 0; i < n; i++)
    sorted[starts[BUCKET (data[i])]++] = data[i];
#undef BUCKET
  memcpy (data, sorted, n * sizeof (Entry));
  return TRUE;
}

/* Plans have a handful of timepoints; the list leaves out any past the
 * 256th rather than mix them up. */
static void
collect (TrellisDueList *self)
{
  guint n_rows = trellis_visit_table_get_n_rows (self->table);
  guint n_timepoints = MIN (trellis_visit_table_get_n_timepoints (self->table), 1u << TIMEPOINT_BITS);
  guint32 today = trellis_visit_table_get_today (self->table);

  for (guint r = 0; r < n_rows; r++)
    for (guint t = 0; t < n_timepoints; t++)
      {
        const TrellisVisitSlot *slot = trellis_visit_table_get_slot (self->table, r, t);
        gboolean overdue = slot->status == TRELLIS_VISIT_OVERDUE;
        Entry entry;

        if (!overdue && !trellis_schedule_is_due_within (slot, today, TRELLIS_DUE_LIST_DAYS))
          continue;
        entry = entry_new (overdue, slot->closes, r, t);
        g_array_append_val (self->entries, entry);
      }
  if (self->entries->len > 1 && !sort_by_day (self->entries))
    qsort (self->entries->data, self->entries->len, sizeof (Entry), compare_entries);
}

static guint
cohort_index (TrellisDueList *self)
{
  if (self->cohort_id == 0)
    return G_MAXUINT;
  for (guint c = 0; c < trellis_visit_table_get_n_cohorts (self->table); c++)
    if (trellis_visit_table_get_cohort_id (self->table, c) == self->cohort_id)
      return c;
  return G_MAXUINT - 1;
}

static void
refilter (TrellisDueList *self)
{
  guint old_n = self->n_visible;
  guint cohort = self->table != NULL ? cohort_index (self) : G_MAXUINT;

  self->n_visible = 0;
  self->n_overdue = 0;
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry entry = g_array_index (self->entries, Entry, i);

      if (cohort != G_MAXUINT && trellis_visit_table_get_cohort (self->table, entry_row (entry)) != cohort)
        continue;
      self->n_overdue += entry_overdue (entry);
      self->visible[self->n_visible++] = i;
    }
  if (old_n > 0 || self->n_visible > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, self->n_visible);
}

TrellisDueList *
trellis_due_list_new (void)
{
  return g_object_new (TRELLIS_TYPE_DUE_LIST, NULL);
}

void
trellis_due_list_set_table (TrellisDueList    *self,
                            TrellisVisitTable *table)
{
  g_return_if_fail (TRELLIS_IS_DUE_LIST (self));

  if (table != NULL)
    trellis_visit_table_ref (table);
  g_clear_pointer (&self->table, trellis_visit_table_unref);
  self->table = table;
  g_array_set_size (self->entries, 0);
  if (table != NULL)
    collect (self);
  self->visible = g_renew (guint32, self->visible, MAX (self->entries->len, 1));
  refilter (self);
}

void
trellis_due_list_set_cohort (TrellisDueList *self,
                             gint64          cohort_id)
{
  g_return_if_fail (TRELLIS_IS_DUE_LIST (self));

  if (self->cohort_id == cohort_id)
    return;
  self->cohort_id = cohort_id;
  refilter (self);
}

/* Of the entries shown, how many are overdue; the rest are due this week. */
guint
trellis_due_list_get_n_overdue (TrellisDueList *self)
{
  g_return_val_if_fail (TRELLIS_IS_DUE_LIST (self), 0);
  return self->n_overdue;
}

guint
trellis_due_list_get_n_due (TrellisDueList *self)
{
  g_return_val_if_fail (TRELLIS_IS_DUE_LIST (self), 0);
  return self->n_visible - self->n_overdue;
}

static GType
get_item_type (GListModel *model)
{
  return TRELLIS_TYPE_SCHEDULE_ROW;
}

static guint
get_n_items (GListModel *model)
{
  return TRELLIS_DUE_LIST (model)->n_visible;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  TrellisDueList *self = TRELLIS_DUE_LIST (model);
  Entry entry;

  if (position >= self->n_visible)
    return NULL;
  entry = g_array_index (self->entries, Entry, self->visible[position]);
  return trellis_schedule_row_new (self->table, entry_row (entry), entry_timepoint (entry));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
trellis_due_list_finalize (GObject *object)
{
  TrellisDueList *self = TRELLIS_DUE_LIST (object);

  g_clear_pointer (&self->table, trellis_visit_table_unref);
  g_clear_pointer (&self->entries, g_array_unref);
  g_clear_pointer (&self->visible, g_free);

  G_OBJECT_CLASS (trellis_due_list_parent_class)->finalize (object);
}

static void
trellis_due_list_class_init (TrellisDueListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = trellis_due_list_finalize;
}

static void
trellis_due_list_init (TrellisDueList *self)
{
  self->entries = g_array_new (FALSE, FALSE, sizeof (Entry));
}
