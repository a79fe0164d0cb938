/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "trellis-design.h"

typedef struct
{
  TrellisDesignColumnKind kind;
  char *name;
  guint timepoint;
  double *values;
  guint n_values;
} Column;

struct _TrellisDesign
{
  GArray *columns;   /* Column */
};

static void
clear_column (gpointer data)
{
  Column *column = data;

  g_free (column->name);
  g_free (column->values);
}

TrellisDesign *
trellis_design_new (void)
{
  TrellisDesign *self = g_new0 (TrellisDesign, 1);

  self->columns = g_array_new (FALSE, TRUE, sizeof (Column));
  g_array_set_clear_func (self->columns, clear_column);
  return self;
}

void
trellis_design_free (TrellisDesign *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->columns);
  g_free (self);
}

static void
add_column (TrellisDesign           *self,
            TrellisDesignColumnKind  kind,
            const char              *name,
            guint                    timepoint,
            const double            *values,
            guint                    n_values)
{
  Column column = { kind, g_strdup (name), timepoint, NULL, n_values };

  if (values != NULL)
    column.values = g_memdup2 (values, sizeof (double) * n_values);
  g_array_append_val (self->columns, column);
}

void
trellis_design_add_intercept (TrellisDesign *self)
{
  g_return_if_fail (self != NULL);
  add_column (self, TRELLIS_DESIGN_INTERCEPT, "(Intercept)", 0, NULL, 0);
}

void
trellis_design_add_timepoint (TrellisDesign *self,
                              const char    *name,
                              guint          timepoint)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (name != NULL);
  add_column (self, TRELLIS_DESIGN_TIMEPOINT, name, timepoint, NULL, 0);
}

void
trellis_design_add_observation_values (TrellisDesign *self,
                                       const char    *name,
                                       const double  *values,
                                       guint          n_values)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (name != NULL && (values != NULL || n_values == 0));
  add_column (self, TRELLIS_DESIGN_OBSERVATION_VALUES, name, 0, values, n_values);
}

void
trellis_design_add_participant_values (TrellisDesign *self,
                                       const char    *name,
                                       const double  *values,
                                       guint          n_values)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (name != NULL && (values != NULL || n_values == 0));
  add_column (self, TRELLIS_DESIGN_PARTICIPANT_VALUES, name, 0, values, n_values);
}

TrellisDesign *
trellis_design_new_timepoints (const TrellisScoreTable *table)
{
  g_autofree guint *counts = NULL;
  TrellisDesign *self;

  g_return_val_if_fail (table != NULL, NULL);

  counts = g_new0 (guint, MAX (table->n_timepoints, 1));
  for (guint o = 0; o < table->n_observations; o++)
    counts[table->timepoint[o]]++;
  self = trellis_design_new ();
  trellis_design_add_intercept (self);
  for (guint t = 1; t < table->n_timepoints; t++)
    if (counts[t] > 0)
      trellis_design_add_timepoint (self, table->timepoint_codes[t], t);
  return self;
}

static const Column *
get_column (const TrellisDesign *self,
            guint                column)
{
  return &g_array_index (self->columns, Column, column);
}

guint
trellis_design_get_n_columns (const TrellisDesign *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->columns->len;
}

TrellisDesignColumnKind
trellis_design_get_kind (const TrellisDesign *self,
                         guint                column)
{
  g_return_val_if_fail (self != NULL && column < self->columns->len, TRELLIS_DESIGN_INTERCEPT);
  return get_column (self, column)->kind;
}

const char *
trellis_design_get_name (const TrellisDesign *self,
                         guint                column)
{
  g_return_val_if_fail (self != NULL && column < self->columns->len, NULL);
  return get_column (self, column)->name;
}

int
trellis_design_get_timepoint (const TrellisDesign *self,
                              guint                column)
{
  const Column *c;

  g_return_val_if_fail (self != NULL && column < self->columns->len, -1);
  c = get_column (self, column);
  return c->kind == TRELLIS_DESIGN_TIMEPOINT ? (int) c->timepoint : -1;
}

const double *
trellis_design_get_values (const TrellisDesign *self,
                           guint                column,
                           guint               *n_values)
{
  const Column *c;

  g_return_val_if_fail (self != NULL && column < self->columns->len, NULL);
  c = get_column (self, column);
  if (n_values != NULL)
    *n_values = c->n_values;
  return c->values;
}

gboolean
trellis_design_has_intercept (const TrellisDesign *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  for (guint j = 0; j < self->columns->len; j++)
    if (get_column (self, j)->kind == TRELLIS_DESIGN_INTERCEPT)
      return TRUE;
  return FALSE;
}

int
trellis_design_find_timepoint (const TrellisDesign *self,
                               guint                timepoint)
{
  g_return_val_if_fail (self != NULL, -1);
  for (guint j = 0; j < self->columns->len; j++)
    if (get_column (self, j)->kind == TRELLIS_DESIGN_TIMEPOINT && get_column (self, j)->timepoint == timepoint)
      return (int) j;
  return -1;
}
