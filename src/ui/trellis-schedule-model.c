/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "trellis-schedule-model.h"
#include "trellis-schedule-row.h"

/* The completion grid's rows: every participant of a TrellisVisitTable, or
 * those that pass the cohort, status and code filters. It holds no object per
 * participant: the visible rows are an index array into the table, and a
 * row object is made only when the view asks for one of the few on screen.
 * What each participant's timepoints hold is summed up once per table as a
 * bit mask, so that a status filter over 100,000 rows is a scan of bytes.
 * Every change of table or filter is told to the view as one items-changed. */

struct _TrellisScheduleModel
{
  GObject parent_instance;

  TrellisVisitTable *table;
  guint8 *masks;          /* per row: bit s set when a timepoint has status s */
  guint32 *visible;
  guint n_visible;

  gint64 cohort_id;       /* 0 for every cohort */
  TrellisScheduleFilter filter;
  char *search;           /* lower case, NULL when empty */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TrellisScheduleModel, trellis_schedule_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

#define BIT(status) (1u << (status))

static const char *const filter_labels[] = {
  [TRELLIS_SCHEDULE_FILTER_ANY] = N_("Any status"),
  [TRELLIS_SCHEDULE_FILTER_OVERDUE] = N_("Something overdue"),
  [TRELLIS_SCHEDULE_FILTER_DUE] = N_("Something due now"),
  [TRELLIS_SCHEDULE_FILTER_NOT_YET_DUE] = N_("Something not yet due"),
  [TRELLIS_SCHEDULE_FILTER_COMPLETED] = N_("Something completed"),
  [TRELLIS_SCHEDULE_FILTER_MISSED] = N_("Something missed"),
  [TRELLIS_SCHEDULE_FILTER_NOT_APPLICABLE] = N_("Withdrawn before the end"),
  [TRELLIS_SCHEDULE_FILTER_ALL_COMPLETED] = N_("Every timepoint completed"),
};

G_STATIC_ASSERT (G_N_ELEMENTS (filter_labels) == TRELLIS_N_SCHEDULE_FILTERS);

/* The label of a filter, as the page's dropdown shows it. */
const char *
trellis_schedule_filter_describe (TrellisScheduleFilter filter)
{
  g_return_val_if_fail ((guint) filter < TRELLIS_N_SCHEDULE_FILTERS, NULL);
  return _(filter_labels[filter]);
}

/* ---- Filtering ---- */

static void
compute_masks (TrellisScheduleModel *self)
{
  guint n_rows = trellis_visit_table_get_n_rows (self->table);
  guint n_timepoints = trellis_visit_table_get_n_timepoints (self->table);

  self->masks = g_new0 (guint8, MAX (n_rows, 1));
  for (guint r = 0; r < n_rows; r++)
    for (guint t = 0; t < n_timepoints; t++)
      self->masks[r] |= BIT (trellis_visit_table_get_slot (self->table, r, t)->status);
}

static gboolean
mask_passes (TrellisScheduleFilter filter,
             guint8                mask)
{
  switch (filter)
    {
    case TRELLIS_SCHEDULE_FILTER_OVERDUE:
      return (mask & BIT (TRELLIS_VISIT_OVERDUE)) != 0;
    case TRELLIS_SCHEDULE_FILTER_DUE:
      return (mask & BIT (TRELLIS_VISIT_DUE)) != 0;
    case TRELLIS_SCHEDULE_FILTER_NOT_YET_DUE:
      return (mask & BIT (TRELLIS_VISIT_NOT_YET_DUE)) != 0;
    case TRELLIS_SCHEDULE_FILTER_COMPLETED:
      return (mask & BIT (TRELLIS_VISIT_COMPLETED)) != 0;
    case TRELLIS_SCHEDULE_FILTER_MISSED:
      return (mask & BIT (TRELLIS_VISIT_MISSED)) != 0;
    case TRELLIS_SCHEDULE_FILTER_NOT_APPLICABLE:
      return (mask & BIT (TRELLIS_VISIT_NOT_APPLICABLE)) != 0;
    case TRELLIS_SCHEDULE_FILTER_ALL_COMPLETED:
      return mask == BIT (TRELLIS_VISIT_COMPLETED);
    case TRELLIS_SCHEDULE_FILTER_ANY:
    default:
      return TRUE;
    }
}

/* Whether @code holds @needle (already in lower case), ignoring ASCII case:
 * study codes are ASCII by their pattern. */
static gboolean
code_contains (const char *code,
               const char *needle)
{
  gsize n = strlen (needle);

  for (const char *p = code; *p != '\0'; p++)
    if (g_ascii_strncasecmp (p, needle, n) == 0)
      return TRUE;
  return n == 0;
}

/* The cohort's index in the table, G_MAXUINT for every cohort, or
 * G_MAXUINT - 1 when the table has no such cohort (nobody passes). */
static guint
cohort_index (TrellisScheduleModel *self)
{
  if (self->cohort_id == 0)
    return G_MAXUINT;
  for (guint c = 0; c < trellis_visit_table_get_n_cohorts (self->table); c++)
    if (trellis_visit_table_get_cohort_id (self->table, c) == self->cohort_id)
      return c;
  return G_MAXUINT - 1;
}

static void
refilter (TrellisScheduleModel *self)
{
  guint old_n = self->n_visible;
  guint n_rows = self->table != NULL ? trellis_visit_table_get_n_rows (self->table) : 0;
  guint cohort = self->table != NULL ? cohort_index (self) : G_MAXUINT;

  self->n_visible = 0;
  for (guint r = 0; r < n_rows; r++)
    {
      if (cohort != G_MAXUINT && trellis_visit_table_get_cohort (self->table, r) != cohort)
        continue;
      if (!mask_passes (self->filter, self->masks[r]))
        continue;
      if (self->search != NULL && !code_contains (trellis_visit_table_get_code (self->table, r), self->search))
        continue;
      self->visible[self->n_visible++] = r;
    }
  if (old_n > 0 || self->n_visible > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, self->n_visible);
}

/* ---- Public ---- */

TrellisScheduleModel *
trellis_schedule_model_new (void)
{
  return g_object_new (TRELLIS_TYPE_SCHEDULE_MODEL, NULL);
}

/* Shows @table (or nothing) through the current filters, in one change. */
void
trellis_schedule_model_set_table (TrellisScheduleModel *self,
                                  TrellisVisitTable    *table)
{
  guint n_rows;

  g_return_if_fail (TRELLIS_IS_SCHEDULE_MODEL (self));

  if (table != NULL)
    trellis_visit_table_ref (table);
  g_clear_pointer (&self->table, trellis_visit_table_unref);
  g_clear_pointer (&self->masks, g_free);
  self->table = table;
  n_rows = table != NULL ? trellis_visit_table_get_n_rows (table) : 0;
  /* The old rows stay counted until refilter () tells the view they went. */
  self->visible = g_renew (guint32, self->visible, MAX (n_rows, 1));
  if (table != NULL)
    compute_masks (self);
  refilter (self);
}

TrellisVisitTable *
trellis_schedule_model_get_table (TrellisScheduleModel *self)
{
  g_return_val_if_fail (TRELLIS_IS_SCHEDULE_MODEL (self), NULL);
  return self->table;
}

/* Only participants of the cohort with that id; 0 for every cohort. */
void
trellis_schedule_model_set_cohort (TrellisScheduleModel *self,
                                   gint64                cohort_id)
{
  g_return_if_fail (TRELLIS_IS_SCHEDULE_MODEL (self));

  if (self->cohort_id == cohort_id)
    return;
  self->cohort_id = cohort_id;
  refilter (self);
}

void
trellis_schedule_model_set_filter (TrellisScheduleModel  *self,
                                   TrellisScheduleFilter  filter)
{
  g_return_if_fail (TRELLIS_IS_SCHEDULE_MODEL (self));
  g_return_if_fail ((guint) filter < TRELLIS_N_SCHEDULE_FILTERS);

  if (self->filter == filter)
    return;
  self->filter = filter;
  refilter (self);
}

/* Only participants whose study code holds @text, ignoring case. */
void
trellis_schedule_model_set_search (TrellisScheduleModel *self,
                                   const char           *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_autofree char *search = g_ascii_strdown (stripped, -1);

  g_return_if_fail (TRELLIS_IS_SCHEDULE_MODEL (self));

  if (search[0] == '\0')
    g_clear_pointer (&search, g_free);
  if (g_strcmp0 (search, self->search) == 0)
    return;
  g_free (self->search);
  self->search = g_steal_pointer (&search);
  refilter (self);
}

/* Every participant of the table, shown or not. */
guint
trellis_schedule_model_get_n_total (TrellisScheduleModel *self)
{
  g_return_val_if_fail (TRELLIS_IS_SCHEDULE_MODEL (self), 0);
  return self->table != NULL ? trellis_visit_table_get_n_rows (self->table) : 0;
}

/* ---- GListModel ---- */

static GType
get_item_type (GListModel *model)
{
  return TRELLIS_TYPE_SCHEDULE_ROW;
}

static guint
get_n_items (GListModel *model)
{
  return TRELLIS_SCHEDULE_MODEL (model)->n_visible;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  TrellisScheduleModel *self = TRELLIS_SCHEDULE_MODEL (model);

  if (position >= self->n_visible)
    return NULL;
  return trellis_schedule_row_new (self->table, self->visible[position], TRELLIS_SCHEDULE_ROW_ALL_TIMEPOINTS);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
trellis_schedule_model_finalize (GObject *object)
{
  TrellisScheduleModel *self = TRELLIS_SCHEDULE_MODEL (object);

  g_clear_pointer (&self->table, trellis_visit_table_unref);
  g_clear_pointer (&self->masks, g_free);
  g_clear_pointer (&self->visible, g_free);
  g_clear_pointer (&self->search, g_free);

  G_OBJECT_CLASS (trellis_schedule_model_parent_class)->finalize (object);
}

static void
trellis_schedule_model_class_init (TrellisScheduleModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = trellis_schedule_model_finalize;
}

static void
trellis_schedule_model_init (TrellisScheduleModel *self)
{
}
